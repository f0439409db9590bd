"""Round 29 notations: tuple statements and loop elements in code, worked examples, chained list items.

* code unpacks several formulas in one statement (``i, f, o = sigmoid(z[:H]), ...``, ``di, df, dg = dc * g, ...``)
  and loops over a sequence's elements (``for inp in inputs:``); a backward function computes a value for its
  gradients (``tc = np.tanh(c)``) that is no output of the cell;
* a worked example writes ``\\approx`` between numbers, labels a row by its step (``t=2: ...``) and goes on in the
  next display (``= \\frac{1}{2}[...]``);
* a list item defines a gate and names its pre-activation in one chain (``$i^t = \\sigma(\\hat i^t) = ...$``).

Every verdict is worked out by hand; the LSTM step's gradients are confirmed below by central finite differences of
a numpy forward pass written here (independent of symlstm), and the worked example's numbers by numpy.
"""
import numpy as np

from symlstm.verify import verify_file
from symlstm.verify.text.codefences import _loop_elements, _self_states, _tuple_statements
from _timing import within

#: One LSTM step (gates stacked i, f, o, g), its backward given dh and the dc reaching c from the step after.
LSTM_STEP = '''\
```python
def lstm_cell_forward(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[0]
    z = Wx @ x + Wh @ h_prev + b
    i, f, o = sigmoid(z[:H]), sigmoid(z[H : 2 * H]), sigmoid(z[2 * H : 3 * H])
    g = np.tanh(z[3 * H :])
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c


def lstm_cell_backward(dh, dc, cache, Wx, Wh):
    tc = np.tanh(c)
    do = dh * tc
    dc = dc + dh * o * (1.0 - tc**2)
    di, df, dg = dc * g, dc * c_prev, dc * i
    dc_prev = dc * f
```
'''
#: Two slips: tanh' without its square (line 15), the input gate's gradient through i, not g (line 16).
LSTM_MUTANT = LSTM_STEP.replace("(1.0 - tc**2)", "(1.0 - tc)").replace("dc * g, dc * c_prev", "dc * i, dc * c_prev")

#: A GRU over a sequence's elements, the state carried by hand (Cho et al.'s z keeps the old state).
GRU_LOOP = '''\
```python
def gru(inputs, h_prev, Wz, Uz, Wr, Ur, W, U):
    for inp in inputs:
        z = sigmoid(np.dot(Wz, inp) + np.dot(Uz, h_prev))
        r = sigmoid(np.dot(Wr, inp) + np.dot(Ur, h_prev))
        h_tilda = tanh(np.dot(W, inp) + np.dot(U, r * h_prev))
        h_next = z * h_prev + (1 - z) * h_tilda
        h_prev = h_next
    return h_prev
```
'''

#: An RNN keeping its state on the object (self.hidden, from its own value at the step before).
SELF_STATE = '''\
```python
class RNN(Model):
    def feed_forward(self, X):
        for t in range(len(X)):
            self.hidden = np.tanh(np.dot(self.W_aa, self.hidden) + np.dot(self.W_ax, X[t]) + self.b_a)
            self.hidden_states.append(self.hidden.copy())
        return self.hidden
```
'''

#: A scalar worked example (W_xh = 0.6, W_hh = 0.9, W_hy = 0.8), after selena2701's CO5263 notebook.
WORKED = r"""Let $x_1 = 0.5$, $x_2 = 0.1$ and $y_1 = 0.4$, $y_2 = 0.2$.

- $W_{xh} = 0.6$
- $W_{hh} = 0.9$
- $W_{hy} = 0.8$
- Initial hidden state $h_0 = 0$, $z_t = W_{hh} h_{t-1} + W_{xh} x_t$, $h_t = \tanh(z_t)$, $o_t = W_{hy} h_t$

$$
z_1 = W_{hh} h_0 + W_{xh} x_1 = 0.9 \times 0 + 0.6 \times 0.5 = 0.3
$$

$$
h_1 = \tanh(0.3) \approx 0.2913
$$

$$
h_1 = \tanh(0.3) \approx 0.2950
$$

$$
L = \frac{1}{2} [(0.2330 - 0.4)^2 + (0.3820 - 0.1)^2]
$$

$$
= \frac{1}{2}[0.0279 + 0.0789] = 0.0534
$$

$$
L = \frac{1}{2} [(0.2330 - 0.4)^2 + (0.3820 - 0.1)^2]
$$

$$
= \frac{1}{2}[0.0279 + 0.0795] = 0.0537
$$

- $t=1: -0.1670 \times 0.2913 = -0.0486$
- $t=2: 0.0492 \times 0.3115 = 0.0160$
"""

#: Wang's LSTM notes: each gate and its pre-activation in one chain, inside a numbered list.
LISTED = r"""# Forward Pass

1. an input: $a^t = \tanh(\hat a^t) = \tanh(W_a x^t + U_a h^{t-1})$
3. the input gate: $i^t = \sigma( \hat i^t) = \sigma(W_i x^t + U_i h^{t-1})$
3. the forget gate: $f^t = \sigma(\hat f^t) = \sigma(W_f x^t + U_f h^{t-1})$
4. the memory cell: $c^t = a^t \odot i^t + c^{t-1} \odot f^t$
2. the output gate: $o^t = \sigma(\hat o^t) = \sigma(W_o x^t + U_o h^{t-1})$
4. the output: $h^t = \tanh(c^t) \odot o^t$

$$\frac{\partial E}{\partial o^t} = \frac{\partial E}{\partial h^t} \odot \tanh(c^t)$$

$$\frac{\partial E}{\partial \hat f^t} = \frac{\partial E}{\partial f^t} \odot f^t \odot (1 - f^t)$$

$$\frac{\partial E}{\partial \hat f^t} = \frac{\partial E}{\partial f^t} \odot \hat f^t \odot (1 - \hat f^t)$$
"""


def _statuses(tmp_path, text, name="note.md"):
    p = tmp_path / name
    p.write_text(text)
    out = {}
    for r in verify_file(None, str(p)).results:
        out.setdefault(r.line, []).append(r.status)
    return out


def test_tuple_statements_in_code(tmp_path):
    got = _statuses(tmp_path, LSTM_STEP)
    # (line 3, H = h_prev.shape[0], names a size: no formula, not reported)
    assert got == {4: ["pass"], 5: ["pass"] * 3, 6: ["pass"], 7: ["pass"], 8: ["pass"],
                   13: ["pass"], 14: ["pass"], 15: ["pass"], 16: ["pass"] * 3, 17: ["pass"]}
    got = _statuses(tmp_path, LSTM_MUTANT)
    assert got[15] == ["fail"] and got[16][0] == "fail" and got[16][1:] == ["pass", "pass"]


def test_which_tuple_statements_are_split():
    assert _tuple_statements("    di, df = dc * g, dc * c_prev") == "    di = dc * g; df = dc * c_prev"
    assert _tuple_statements("i, f = sigmoid(i), sigmoid(f)") == "i = sigmoid(i); f = sigmoid(f)"
    for line in ("h, c = o * tanh(c), f * h",                       # the second value reads the old h
                 "self.Wx, self.Wh = Wx, Wh", "dWx, dWh = None, None",      # values kept, no formula
                 "Wxz, Wxr, Wx = self.Wx[:, :H], self.Wx[:, H:2*H], self.Wx[:, 2*H:]",    # blocks of a weight
                 "x, h_prev, c = cache", "a, b = f(x, y)"):
        assert _tuple_statements(line) == line, line


def test_a_loop_over_a_sequences_elements(tmp_path):
    # (line 8, h_prev = h_next at the loop's end, hands the state to the next pass: no formula, right as it copies
    # the state its name says; it was unreadable before round 77's carrycopies.py)
    assert _statuses(tmp_path, GRU_LOOP) == {k: ["pass"] for k in (4, 5, 6, 7, 8)}
    lines = ["for t, x_t in enumerate(xs):", "    h = np.tanh(W @ h + U @ x_t)", "for inp in inputs:",
             "    h = np.tanh(W @ h + U @ inp)", "for i, e in enumerate(xs):", "    h = np.tanh(W @ h + U @ e)"]
    assert _loop_elements(lines) == lines[:3] + ["    h = np.tanh(W @ h + U @ inp_t)"] + lines[4:]


def test_a_state_kept_on_the_object(tmp_path):
    assert _statuses(tmp_path, SELF_STATE) == {5: ["pass"]}
    lines = SELF_STATE.split("\n")[1:-2]
    assert _self_states(lines)[3] == "            hidden = np.tanh(np.dot(self.W_aa, hidden) + np.dot(self.W_ax, X[t]) + self.b_a)"
    assert _self_states(lines)[4] == "            self.hidden_states.append(hidden.copy())"
    backwards = ["for t in reversed(range(T)):", "    self.dh = self.W.T @ self.dh"]
    assert _self_states(backwards) == backwards          # (a loop backwards carries no state forward)


def test_a_worked_examples_approximations_labels_and_continued_rows(tmp_path):
    got = _statuses(tmp_path, WORKED)
    assert got[9] == ["pass"] and got[13] == ["pass"] and got[17] == ["fail"]      # tanh(0.3) = 0.29131
    assert got[25] == ["fail"] and got[33] == ["pass"]          # 0.282^2 = 0.0795, not 0.0789
    assert got[36] == ["pass"] and got[37] == ["fail"]          # 0.0492 * 0.3115 = 0.0153


def test_the_worked_examples_numbers():
    assert abs(0.9 * 0 + 0.6 * 0.5 - 0.3) < 1e-12 and round(np.tanh(0.3), 4) == 0.2913
    assert round((0.2330 - 0.4) ** 2, 4) == 0.0279 and round((0.3820 - 0.1) ** 2, 4) == 0.0795
    assert round((0.0279 + 0.0795) / 2, 4) == 0.0537 and abs((0.0279 + 0.0789) / 2 - 0.0534) < 1e-12
    assert round(-0.1670 * 0.2913, 4) == -0.0486 and round(0.0492 * 0.3115, 4) == 0.0153


def test_chained_definitions_in_list_items(tmp_path):
    got = _statuses(tmp_path, LISTED)
    assert got == {**{k: ["pass"] for k in (3, 4, 5, 6, 7, 8, 10, 12)}, 14: ["fail"]}


def _sigmoid(v):
    return 1 / (1 + np.exp(-v))


def test_the_lstm_steps_hand_verdicts():
    """L = <g, h> + <k, c>: dh = g and the dc reaching c from the step after is k (the backward's arguments)."""
    rng = np.random.default_rng(5)
    H, D = 3, 2
    Wx, Wh, b = rng.normal(size=(4 * H, D)), rng.normal(size=(4 * H, H)), rng.normal(size=4 * H)
    x, h_prev, c_prev = rng.normal(size=D), rng.normal(size=H), rng.normal(size=H)
    g_h, g_c = rng.normal(size=H), rng.normal(size=H)

    def parts(z):
        i, f, o, g = _sigmoid(z[:H]), _sigmoid(z[H:2 * H]), _sigmoid(z[2 * H:3 * H]), np.tanh(z[3 * H:])
        return i, f, o, g

    def loss(z, cp):
        i, f, o, g = parts(z)
        c = f * cp + i * g
        return g_h @ (o * np.tanh(c)) + g_c @ c

    z0 = Wx @ x + Wh @ h_prev + b
    i, f, o, g = parts(z0)
    c = f * c_prev + i * g
    tc = np.tanh(c)
    dc = g_c + g_h * o * (1 - tc ** 2)                          # line 15
    di, df, dg, dc_prev = dc * g, dc * c_prev, dc * i, dc * f   # lines 16, 17

    def fd(fn, v):
        out = np.zeros_like(v)
        for k in range(v.size):
            a, b_ = v.copy(), v.copy()
            a[k] += 1e-6
            b_[k] -= 1e-6
            out[k] = (fn(a) - fn(b_)) / 2e-6
        return out
    # the gate values as independent inputs: perturb i (and f, g) through their own slot
    def by_gate(slot):
        def fn(v):
            gates = list(parts(z0))
            gates[slot] = v
            cc = gates[1] * c_prev + gates[0] * gates[3]
            return g_h @ (gates[2] * np.tanh(cc)) + g_c @ cc
        return fn
    assert np.allclose(di, fd(by_gate(0), i)) and np.allclose(df, fd(by_gate(1), f))
    assert np.allclose(dg, fd(by_gate(3), g)) and np.allclose(dc_prev, fd(lambda v: loss(z0, v), c_prev))
    assert not np.allclose(dc * i, di)                                    # the mutant's di
    assert not np.allclose(g_c + g_h * o * (1 - tc), dc)                  # the mutant's dc


#: DLFS2's RNN and TimeRNN layers: each step layer keeps its gradients in the slots of self.params, the time layer
#: sums them over the steps.
DLFS_TIME_RNN = '''\
```python
class RNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        x, h_prev, h_next = self.cache
        dt = dh_next * (1 - h_next ** 2)
        db = np.sum(dt, axis=0)
        dWh = np.dot(h_prev.T, dt)
        dh_prev = np.dot(dt, Wh.T)
        dWx = np.dot(x.T, dt)
        dx = np.dot(dt, Wx.T)
        self.grads[0][...] = dWx
        self.grads[1][...] = dWh
        self.grads[2][...] = db
        return dx, dh_prev


class TimeRNN:
    def backward(self, dhs):
        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh = layer.backward(dhs[:, t, :] + dh)
            for i, grad in enumerate(layer.grads):
                grads[i] += grad
        for i, grad in enumerate(grads):
            self.grads[i][...] = grad
```
'''


def test_where_a_layer_keeps_its_gradients(tmp_path):
    got = _statuses(tmp_path, DLFS_TIME_RNN)
    assert got[16] == got[17] == got[18] == ["pass"] and got[29] == got[31] == ["pass"]
    swapped = _statuses(tmp_path, DLFS_TIME_RNN.replace("self.grads[0][...] = dWx\n        self.grads[1][...] = dWh",
                                                        "self.grads[0][...] = dWh\n        self.grads[1][...] = dWx"))
    assert swapped[16] == swapped[17] == ["fail"] and swapped[18] == ["pass"]
    overwritten = _statuses(tmp_path, DLFS_TIME_RNN.replace("grads[i] += grad", "grads[i][...] = grad"))
    assert overwritten[29] == ["fail"] and overwritten[31] == ["pass"]


def test_shared_weights_receive_the_sum_over_the_steps():
    """numpy: the gradient of the loss by the shared Wx is the sum of the step layers' dWx, not the last one's."""
    rng = np.random.default_rng(9)
    N, D, H, T = 2, 3, 4, 3
    Wx, Wh, b = rng.normal(size=(D, H)), rng.normal(size=(H, H)) * 0.5, rng.normal(size=H)
    xs, g = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, H))

    def run(Wx_):
        h, hs = np.zeros((N, H)), []
        for t in range(T):
            h = np.tanh(xs[:, t] @ Wx_ + h @ Wh + b)
            hs.append(h)
        return hs
    hs = run(Wx)
    dh, steps = np.zeros((N, H)), []
    for t in reversed(range(T)):
        dt = (g[:, t] + dh) * (1 - hs[t] ** 2)
        steps.append(xs[:, t].T @ dt)
        dh = dt @ Wh.T
    fd = np.zeros_like(Wx)
    for i in np.ndindex(Wx.shape):
        e = np.zeros_like(Wx)
        e[i] = 1e-6
        fd[i] = (sum(np.sum(g[:, t] * h) for t, h in enumerate(run(Wx + e))) -
                 sum(np.sum(g[:, t] * h) for t, h in enumerate(run(Wx - e)))) / 2e-6
    assert np.allclose(sum(steps), fd, atol=1e-6) and not np.allclose(steps[-1], fd, atol=1e-3)


from hypothesis import given, settings, strategies as st  # noqa: E402

_TOKENS = st.sampled_from(["self.", "h", "c", "x", "inp", "grads", "[", "]", "[...]", "(", ")", ",", " = ", " += ",
                           "=", "+", "*", "for ", " in ", "enumerate(", "layer.grads", ":", "i", "0", "1", "np.tanh(",
                           "sigmoid(", "z[:H]", " ", ";", "t-1", "self.params = [", "Wx", "dWx"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_TOKENS, min_size=1, max_size=25).map("".join), min_size=1, max_size=8))
def test_hostile_code_lines_are_read_at_once(lines):
    # This round's fence passes (tuple statements, loop elements, states kept on the object) and the gradient
    # slots never raise and never hang on broken code.
    from symlstm.verify.judging.gradslots import slot_results
    from symlstm.verify.text.codefences import fenced_rows
    body = "\n".join(["class L:", "    def backward(self):", "        for t in range(T):"] +
                     ["            " + x for x in lines] + ["        for inp in inputs:"] +
                     ["            " + x for x in lines])

    def read():
        fenced_rows("```python\n" + body + "\n```\n")
        slot_results("```python\n" + body + "\n```\n")

    seconds, _ = within(1.0, read)
    assert seconds < 1.0
