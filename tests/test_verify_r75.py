r"""Round 75: code that restates its cell in two fences, keeps its steps in a dictionary of arrays, names its state
by the current step, passes the activation to a gate helper, draws its weights in a helper, and applies one
activation object at every step; superscripts that join indices into a label.

* opendl's LSTM step (round17-wa) writes the naive cell, whose ``h`` is the previous state, then the fused one,
  whose ``h`` is the new state: two fences outside classes that compute the same names by other formulas are two
  statements of the cell, judged apart (codefences._top_level_models), as two classes are. A fence that fetches
  (``C_prev = C[t-2]``) or recomputes a formula as it stood stays with the model it repeats.
* The naive fence alone reads ``h @ W_hf`` with h never assigned: the state passed in, on the side the layout puts
  a vector (numprod: ``h W`` in rows, ``W h`` in columns).
* A Fudan student's LSTM (round75-a) keeps its steps in ``status['ig'][t]`` and computes each gate with
  ``self.gate(wh, wx, b, h_pre, x, activate)``: the dictionary's step-filled arrays read as the arrays their keys
  name (codefences.keyed_step_arrays), a helper of up to six arguments is inlined, and a function passed by its
  name is called (``activate(...)`` with ``sigmoid``).
* A Russian numba GRU (round75-d) carries ``h_current`` through its loop: read above its assignment it is the step
  before's state, as ``ht`` is (codefences._carried); ``h_prev = h_prev[:, :H]`` and ``h_prev =
  np.concatenate((h_prev, padding), axis=-1)`` resize an argument, and ``self.cache['h_prev'] = h_prev_`` keeps a
  value: no formulas.
* A GRU forecaster (round75-f) draws its weights in a function ``init_weight`` (``limit = np.sqrt(6 / (fan_in +
  fan_out))``: no formula; a class's ``initialize_weights(self)`` keeps its lines, whose draws give the shapes).
  Its ``concat2`` is still read as concat times 2 (tried: one name, concat\_2; the file's backward then failed
  under a generic loss where it had been unread).
* Weli's LSTM (round75-d) applies one ``Sigmoid()`` object to all three gates at every step of its forward loop, so
  ``self.sigmoid.backward(df)`` in the backward loop uses the last step's output gate: not read as the derivative at
  any gate of step t (a wrong pass before). Its class docstring states the cell (``f_t = σ(x_t @ W_f + ...)``), read
  as the comments' math is; its caches start with ``[np.zeros((B, H))]  # h_0`` (offset 1).
* mkffl's RNN post (round43-c) writes ``e^{3f3}``, the error at step 3 from the loss at step 3: a number after a
  letter joins indices into a label, not read (it was read as an exponential and failed).

Every expected verdict is worked out by hand in the comments.
"""
from symlstm.verify.judging.judge import verify_derivation


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def _line(text, snippet):
    return next(k for k, x in enumerate(text.split("\n"), 1) if snippet in x)


# The naive fence: h is the previous state (row layout, x @ W); the fused fence: Z = x W_x + h_prev W_h + b split
# into four blocks, C = f * C_prev + i * c_bar, h = o * tanh(C). Each fence is a cell of its own and each row is a
# definition of its cell (pass); read as one model, the second fence's h clashed with the first's.
TWO_FENCES = """
```python
f = sigmoid(x @ W_xf + h @ W_hf + b_f)
i = sigmoid(x @ W_xi + h @ W_hi + b_i)
c = np.tanh(x @ W_xc + h @ W_hc + b_c)
o = sigmoid(x @ W_xo + h @ W_ho + b_o)
```

```python
Z = x @ W_x + h_prev @ W_h + b
z_f, z_i, z_c, z_o = np.split(Z, 4, axis=-1)
f = sigmoid(z_f)
i = sigmoid(z_i)
c_bar = np.tanh(z_c)
o = sigmoid(z_o)
C = f * C_prev + i * c_bar
h = o * np.tanh(C)
```
"""


def test_two_fences_restating_the_cell_are_two_models():
    v = _verdicts(TWO_FENCES)
    for snippet in ("f = sigmoid(x @ W_xf", "i = sigmoid(x @ W_xi", "c = np.tanh(x @ W_xc", "o = sigmoid(x @ W_xo",
                    "f = sigmoid(z_f)", "c_bar = np.tanh", "C = f * C_prev", "h = o * np.tanh(C)"):
        assert v[_line(TWO_FENCES, snippet)][0] == "pass", (snippet, v[_line(TWO_FENCES, snippet)])


# Column layout: h_next = tanh(Wx x + Wh h_pre + b), so dt = dh_next (1 - h_next^2), db = dt, dWh = dt h_pre^T,
# dh_pre = Wh^T dt. The row-layout backward pasted below (h_pre.T @ dt, dt @ Wh.T) is wrong for this forward; the
# reader may leave it unread (its shapes) but must never pass it.
COLUMN_FORWARD_ROW_BACKWARD = """
```python
class Rnn:
    def forward(self, h_pre, x):
        Wx, Wh, b = self.params
        h_next = np.tanh(np.dot(Wx, x) + np.dot(Wh, h_pre) + b)
        self.cache = (x, h_pre, h_next)
        return h_next

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        x, h_pre, h_next = self.cache
        dt = dh_next * (1 - h_next ** 2)
        dWh = np.dot(h_pre.T, dt)
        dh_pre = np.dot(dt, Wh.T)
        return dh_pre
```
"""


def test_a_state_passed_in_is_a_vector_only_on_the_layouts_side():
    v = _verdicts(COLUMN_FORWARD_ROW_BACKWARD)
    for snippet in ("dWh = np.dot(h_pre.T, dt)", "dh_pre = np.dot(dt, Wh.T)"):
        assert v[_line(COLUMN_FORWARD_ROW_BACKWARD, snippet)][0] != "pass", snippet


# status['ig'][t] = sigmoid(Wi_h h_pre + Wi_x x_t + b_i) ... cg_t = fg_t * cg_{t-1} + ig_t * cig_t,
# hg_t = og_t * tanh(cg_t): all definitions of the cell (pass); cig is a sigmoid as the code says.
KEYED_STEPS = """
```python
import numpy as np

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))

class LSTM:
    def init_status(self, T):
        ig = np.array([np.zeros((self.hidden_dim, 1))] * (T + 1))
        cg = np.array([np.zeros((self.hidden_dim, 1))] * (T + 1))
        return {'ig': ig, 'cg': cg}

    def foward(self, x):
        T = x.shape[0]
        status = self.init_status(T)
        for t in range(T):
            h_pre = np.array(status['hg'][t - 1].reshape(-1, 1))
            xt = np.array(x[t].reshape(-1, 1))
            status['ig'][t] = self.gate(self.Wi_h, self.Wi_x, self.bi, h_pre, xt, sigmoid)
            status['fg'][t] = self.gate(self.Wf_h, self.Wf_x, self.bf, h_pre, xt, sigmoid)
            status['og'][t] = self.gate(self.Wo_h, self.Wo_x, self.bo, h_pre, xt, sigmoid)
            status['cig'][t] = self.gate(self.Wc_h, self.Wc_x, self.bc, h_pre, xt, sigmoid)
            status['cg'][t] = status['fg'][t] * status['cg'][t - 1] + status['ig'][t] * status['cig'][t]
            status['hg'][t] = status['og'][t] * np.tanh(status['cg'][t])
        return status

    def gate(self, wh, wx, b, h_pre, x, activate):
        return activate(wh.dot(h_pre) + wx.dot(x) + b)
```
"""


def test_a_dictionary_of_step_arrays_and_a_gate_helper_taking_its_activation():
    v = _verdicts(KEYED_STEPS)
    for snippet in ("status['ig'][t] = self.gate", "status['cig'][t] = self.gate", "status['cg'][t] = status",
                    "status['hg'][t] = status"):
        status, why = v[_line(KEYED_STEPS, snippet)]
        assert status == "pass", (snippet, why)


# z = sigmoid(x_t Wz^T + h_{t-1} Uz^T + bz^T), r likewise, h~ = tanh(x_t Wh^T + (r * h_{t-1}) Uh^T + bh^T),
# h_t = (1 - z) h_{t-1} + z h~: each a definition (pass). Read with h_current as h_t on both sides (the word
# "current"), the update was h_t = (1 - z) h_t + ..., and the cell's rows failed or went unread.
CURRENT_STATE = """
```python
def _forward(batch_size, seq_len, hidden_size, h_prev, x, Wz, Uz, bz, Wr, Ur, br, Wh, Uh, bh):
    if h_prev is None:
        h_prev = np.zeros((batch_size, hidden_size))
    else:
        prev_size = h_prev.shape[-1]
        if(prev_size < hidden_size):
            padding = np.zeros((batch_size, hidden_size - prev_size))
            h_prev = np.concatenate((h_prev, padding), axis=-1)
        elif(prev_size > hidden_size):
            h_prev = h_prev[:, :hidden_size]
    h_states = []
    h_current = h_prev
    for t in range(seq_len):
        x_t = x[:, t, :]
        z = 1.0 / (1.0 + np.exp(-(x_t @ Wz.T + h_current @ Uz.T + bz.T)))
        r = 1.0 / (1.0 + np.exp(-(x_t @ Wr.T + h_current @ Ur.T + br.T)))
        h_tilde = np.tanh(x_t @ Wh.T + (r * h_current) @ Uh.T + bh.T)
        h_current = (1 - z) * h_current + z * h_tilde
        h_states.append(h_current)
    return h_states
```
"""


def test_a_state_named_by_the_current_step_carried_through_the_loop():
    v = _verdicts(CURRENT_STATE)
    for snippet in ("z = 1.0 / (1.0 + np.exp", "r = 1.0 / (1.0 + np.exp", "h_tilde = np.tanh",
                    "h_current = (1 - z) * h_current"):
        status, why = v[_line(CURRENT_STATE, snippet)]
        assert status == "pass", (snippet, why)
    for snippet in ("h_prev = np.concatenate", "h_prev = h_prev[:, :hidden_size]"):
        assert _line(CURRENT_STATE, snippet) not in v, snippet     # resizing an argument: no formula


# concat = [x_t, h_{t-1}], z = sigmoid(concat W_z + b_z), r likewise, concat2 = [x_t, r * h_{t-1}],
# h~ = tanh(concat2 W_h + b_h), h_t = (1 - z) h_{t-1} + z h~: all definitions (pass). init_weight's limit is a scale of
# the random draw, no formula.
CONCAT2 = """
```python
def init_weight(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(float)

class GRU:
    def forward(self, X):
        B, T, D = X.shape
        h = np.zeros((B, H))
        p = self.params
        for t in range(T):
            x_t = X[:, t, :]
            concat = np.concatenate([x_t, h], axis=1)
            z = sigmoid(concat @ p['W_z'] + p['b_z'])
            r = sigmoid(concat @ p['W_r'] + p['b_r'])
            concat2 = np.concatenate([x_t, r * h], axis=1)
            h_tilde = np.tanh(concat2 @ p['W_h'] + p['b_h'])
            h_next = (1.0 - z) * h + z * h_tilde
            h = h_next
        return h
```
"""


def test_a_weight_initializer_states_no_formula():
    v = _verdicts(CONCAT2)
    assert _line(CONCAT2, "limit = np.sqrt") not in v
    for snippet in ("concat = np.concatenate", "z = sigmoid(concat", "r = sigmoid(concat"):
        status, why = v[_line(CONCAT2, snippet)]
        assert status == "pass", (snippet, why)
    # (concat2 reads as concat times 2, which the rows cannot square with the stack: unread, never failed)
    assert all(status != "fail" for status, _ in v.values()), v


# One Sigmoid object for every gate at every step: in the backward loop it holds the output gate of the last step,
# so df_raw = df * o_T (1 - o_T), not df * f_t (1 - f_t): wrong (published error). The reader must not pass it (it
# passed as df * dsigmoid(o_t) before). The docstring's cell is read as the comments' math (definitions: pass).
SHARED_OBJECT = '''
```python
class Sigmoid:
    def forward(self, x):
        self.output = 1.0 / (1.0 + np.exp(-x))
        return self.output

    def backward(self, dout):
        sig = self.output
        return dout * sig * (1.0 - sig)

class LSTM:
    """
    Formules LSTM:
        f_t = σ(x_t @ W_f + h_{t-1} @ U_f + b_f)  # Forget gate
        o_t = σ(x_t @ W_o + h_{t-1} @ U_o + b_o)  # Output gate
        h_t = o_t * tanh(f_t)
    """

    def __init__(self):
        self.sigmoid = Sigmoid()
        self.h_cache = []

    def forward(self, x):
        self.h_cache = [np.zeros((batch_size, self.units))]  # h_0
        self.f_cache = []
        self.o_cache = []
        for t in range(timesteps):
            x_t = x[:, t, :]
            h_prev = self.h_cache[-1]
            f_t = self.sigmoid.forward(x_t @ self.W_f + h_prev @ self.U_f + self.b_f)
            self.f_cache.append(f_t)
            o_t = self.sigmoid.forward(x_t @ self.W_o + h_prev @ self.U_o + self.b_o)
            self.o_cache.append(o_t)
            h_t = o_t * np.tanh(f_t)
            self.h_cache.append(h_t)
        return self.h_cache[-1]

    def backward(self, dout):
        dh_next = np.zeros((batch_size, self.units))
        for t in reversed(range(timesteps)):
            f_t = self.f_cache[t]
            o_t = self.o_cache[t]
            dh_total = dout[:, t, :] + dh_next
            df = dh_total * o_t * (1 - np.tanh(f_t) ** 2)
            df_raw = self.sigmoid.backward(df)
```
'''


def test_one_activation_object_applied_at_every_step_is_not_read_at_the_backward_step():
    v = _verdicts(SHARED_OBJECT)
    assert v.get(_line(SHARED_OBJECT, "df_raw = self.sigmoid.backward(df)"), ("absent", ""))[0] != "pass"
    for snippet in ("f_t = σ(x_t @ W_f", "o_t = σ(x_t @ W_o"):
        status, why = v[_line(SHARED_OBJECT, snippet)]
        assert status == "pass", (snippet, why)
    for snippet in ("f_t = self.sigmoid.forward", "o_t = self.sigmoid.forward", "h_t = o_t * np.tanh(f_t)"):
        status, why = v[_line(SHARED_OBJECT, snippet)]
        assert status == "pass", (snippet, why)


# e^{3f3}: the author's error term at step 3 from the loss at step 3, a label; read as exp(3 f 3) it failed on shapes.
LABEL_SUPERSCRIPT = r"""
$$z^t = W^{xh} x^t + W^{hh} h^{t-1}$$
$$h^t = \tanh(z^t)$$
$$ dhraw \leftarrow e^{3f3}\cdot\frac{\partial h^3}{\partial z^3} $$
"""


def test_a_superscript_joining_indices_is_a_label_not_an_exponent():
    v = _verdicts(LABEL_SUPERSCRIPT)
    status, why = v[_line(LABEL_SUPERSCRIPT, "e^{3f3}")]
    assert status == "unreadable" and "label" in why, (status, why)


def test_hostile_inputs_of_this_round_s_patterns_end():
    # each of this round's new patterns over a long hostile input: read (or refused) without backtracking
    texts = [
        "```python\nh = h[" + ":, " * 20000 + "]\n```\n",
        "```python\nh = np.concatenate((h, " + "p" * 60000 + ")\n```\n",
        "```python\nstatus['a'][t] = 1\nx = " + ", ".join(["status['a'][t]"] * 5000) + "\n```\n",
        "```python\n" + "\n".join(f"s['k{i}'][t] = s['k{i}'][t - 1] + x" for i in range(1500)) + "\n```\n",
        '```python\ndef f():\n    """\n' + "\n".join(f"    h_{i} = a{i} + b" for i in range(3000)) + '\n    """\n```\n',
        "```python\n" + '"""' * 20000 + "\n```\n",
        "$$ y = e^{" + "3f" * 20000 + "3} $$\n",
        "```python\ndef init_weights(" + "a, " * 20000 + "b):\n    return np.random.randn(2)\n```\n",
        "```python\ndef g(a, b, c, d, e, f):\n    return a(b + c + d + e + f)\nh = " + "g(" * 2000 + "x" + ")" * 2000
        + "\n```\n",
    ]
    for text in texts:
        try:
            results = verify_derivation(text).results
        except ValueError:          # LatexError: refused with a reason
            continue
        assert all(r.status in ("pass", "fail", "unreadable") for r in results)
