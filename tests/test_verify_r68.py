r"""Round 68: a gradient name read as the rows after it use it.

* The Coursera C5W1 LSTM backward as several course copies publish it (derivations/firstcontact/round56-i,
  maclschmitt): ``dot = da_next * np.tanh(c_next)`` lacks the factor ``ot * (1 - ot)`` that the notebook's
  equation 7 gives dΓ_o, and every later row reads ``dot`` as the output gate's pre-activation gradient
  (``dWo = np.dot(dot, concat.T)``). The name's row holds as the gradient of o itself, so the reader passed it and
  failed the four rows that use it; now the row fails too, naming the rows that read it so
  (judging/usereadings.py).
* With one such use the file is ambiguous (the name's row right as o's gradient, the use missing the factor):
  the name's row keeps its pass.

Every expected verdict is worked out by hand in the comments.
"""
from symlstm.verify.judging.judge import verify_derivation

CELL = """```python
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf = parameters["Wf"]
    bf = parameters["bf"]
    Wi = parameters["Wi"]
    bi = parameters["bi"]
    Wc = parameters["Wc"]
    bc = parameters["bc"]
    Wo = parameters["Wo"]
    bo = parameters["bo"]
    n_x, m = xt.shape
    n_a, m = a_prev.shape
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(np.dot(Wf, concat) + bf)
    it = sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, cache

def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    dot = da_next * np.tanh(c_next)
    dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
    dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dWf = np.dot(dft, concat.T)
    dWi = np.dot(dit, concat.T)
    dWc = np.dot(dcct, concat.T)
    dWo = np.dot(dot, concat.T)
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)
    da_prev = np.dot(parameters['Wf'][:, :n_a].T, dft) + np.dot(parameters['Wi'][:, :n_a].T, dit) + np.dot(parameters['Wc'][:, :n_a].T, dcct) + np.dot(parameters['Wo'][:, :n_a].T, dot)
    dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
    dxt = np.dot(parameters['Wf'][:, n_a:].T, dft) + np.dot(parameters['Wi'][:, n_a:].T, dit) + np.dot(parameters['Wc'][:, n_a:].T, dcct) + np.dot(parameters['Wo'][:, n_a:].T, dot)
    return dxt, da_prev, dc_prev
```
"""


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def test_a_name_its_uses_read_as_the_pre_activation_gradient_fails_at_its_row():
    got = _verdicts(CELL)
    # (line numbers: the fence opens on line 1)
    # 27 dot = da * tanh(c): dL/do, but dWo, dbo, da_prev, dxt read it as dL/d(o's pre-activation), which is
    #    da * tanh(c) * o (1 - o): the row lacks sigmoid' -> fail, naming the rows that use it
    assert got[27][0] == "fail" and "35, 39, 40, 42" in got[27][1] and "pre-activation" in got[27][1]
    # 28-30: the candidate's and the gates' pre-activation gradients, each with its function's derivative
    #    (dc_next carried in, the tanh(c) path through o), as the notebook's equations 8-10 write them: pass
    # 31: concat = [a_prev; xt]: pass (forward)
    # 32-34, 36-38: dW = d(pre) concat^T and db = sum over the batch, for f, i, c~: one step's contribution, pass
    for line in (28, 29, 30, 31, 32, 33, 34, 36, 37, 38, 41):
        assert got[line][0] == "pass", (line, got[line])
    # 35 dWo, 39 dbo, 40 da_prev, 42 dxt read dot, which is short of o (1 - o): each is wrong by that factor
    for line in (35, 39, 40, 42):
        assert got[line][0] == "fail", (line, got[line])
    # 41 dc_prev = dc_next f + da o (1 - tanh^2 c) f: what reaches c_{t-1} through this step, pass (above)


def test_the_same_backward_with_the_factor_passes_every_row():
    fixed = CELL.replace("dot = da_next * np.tanh(c_next)", "dot = da_next * np.tanh(c_next) * ot * (1 - ot)")
    got = _verdicts(fixed)
    # dot now is dL/d(o's pre-activation): every row from 27 to 42 holds
    for line in range(27, 43):
        assert got[line][0] == "pass", (line, got[line])


def test_one_use_leaves_the_name_as_its_row_reads_it():
    # only dWo reads dot: dot = da * tanh(c) is right as dL/do (pass); dWo = dot concat^T lacks o (1 - o): fail
    one = CELL.replace("    dbo = np.sum(dot, axis=1, keepdims=True)\n", "") \
        .replace(" + np.dot(parameters['Wo'][:, :n_a].T, dot)", "") \
        .replace(" + np.dot(parameters['Wo'][:, n_a:].T, dot)", "")
    got = _verdicts(one)
    assert got[27][0] == "pass", got[27]
    assert got[35][0] == "fail", got[35]


# ------------------------------------------------------------------ values of the forward's last step
CHAR_LSTM = '''```python
def lossFun(inputs, targets, hprev, cprev):
    xs, hs, cs, ys, ps = {}, {}, {}, {}, {}
    hs[-1] = np.copy(hprev)
    cs[-1] = np.copy(cprev)
    for t in range(len(inputs)):
        a = np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh
        ai, af, ao, ag = a[0:H], a[H:2*H], a[2*H:3*H], a[3*H:4*H]
        i = sigmoid(ai)
        f = sigmoid(af)
        o = sigmoid(ao)
        g = np.tanh(ag)
        ones = np.ones_like(g)
        cs[t] = f * cs[t-1] + i * g
        hs[t] = o * np.tanh(cs[t])
    dnext_h = np.zeros_like(hs[0])
    dnext_c = np.zeros_like(cs[0])
    for t in reversed(range(len(inputs))):
        dh = np.dot(Why.T, dy) + dnext_h
        dc = dnext_c + dh * sigmoid(ao) * (1 - np.tanh(cs[t]) ** 2)
        df = dc * cs[t-1] * ones
        dnext_c = dc * f
        dhsum = dh
```
'''


def test_values_the_forward_loop_left_fail_where_a_later_loop_reads_them():
    from symlstm.verify.judging.stalevalues import STALE_NOTE, stale_results
    got = {r.line: r for r in stale_results(CHAR_LSTM)}
    # (the fence opens on line 1; the forward loop is line 6, the backward loop line 18)
    # line 20 reads ao (bound in the forward loop from a, per step, kept nowhere): the last step's ao at every
    # step; line 22 reads f the same way. Line 21 reads only ones (np.ones_like(g): the same at every step) and
    # cs[t-1] (kept per step); lines 19 and 23 read nothing of the forward loop's plain names.
    assert sorted(got) == [20, 22], sorted(got)
    assert all(r.status == "fail" and STALE_NOTE in r.notes for r in got.values())
    assert "ao" in got[20].why and "line 6" in got[20].why


def test_a_name_kept_per_step_or_bound_again_is_not_stale():
    from symlstm.verify.judging.stalevalues import stale_results
    kept = CHAR_LSTM.replace("        dnext_c = dc * f\n", "        f = fs[t]\n        dnext_c = dc * f\n") \
        .replace("dc = dnext_c + dh * sigmoid(ao)", "ao = aos[t]\n        dc = dnext_c + dh * sigmoid(ao)")
    # f and ao are now bound in the backward loop (read from per-step arrays): nothing is stale
    assert stale_results(kept) == []


def test_a_carried_gradient_that_stays_zero_fails_where_it_is_read():
    from symlstm.verify.judging.loopconstants import CARRIED_NOTE, constant_results
    got = {r.line: r for r in constant_results(CHAR_LSTM)}
    # dnext_h: zeros before the backward loop (line 16), never assigned in it -> line 19 reads zero at every step.
    # dnext_c is assigned on line 22 (the part for the step before, handed on): not flagged.
    assert sorted(got) == [19], sorted(got)
    assert CARRIED_NOTE in got[19].notes and "line 16" in got[19].why


SHARED_ACTIVATION = '''```python
class SimpleRNN:
    def __init__(self, n_in, n_h, activation=Tanh()):
        self.activation = activation

    def forward(self, inputs):
        for t in range(T):
            ht = np.dot(self.Wx, inputs[t]) + np.dot(self.Wh, self.h[t - 1]) + self.bh
            self.activation.forward(ht)
            self.h[t] = self.activation.output

    def backward(self, dvalues, inputs):
        for t in reversed(range(T)):
            dh = np.dot(self.Wy.T, dvalues[t]) + dh_next
            self.activation.backward(dh)
            dht = self.activation.dinputs
            dh_next = np.dot(self.Wh.T, dht)
```
'''


def test_one_activation_object_applied_at_every_step_gives_the_last_steps_derivative():
    from symlstm.verify.judging.stalevalues import stale_results
    got = {r.line: r for r in stale_results(SHARED_ACTIVATION)}
    # the object's output after the forward loop (line 7) is h at the last step: backward(dh) (line 15)
    # multiplies by 1 - h_T^2 at every step, and line 16 reads that product
    assert sorted(got) == [15, 16], sorted(got)
    assert "self.activation" in got[15].why
    # a cell object (not an activation) may keep its steps itself: not flagged
    cell = SHARED_ACTIVATION.replace("self.activation", "self.cell").replace("activation=Tanh()", "cell=None") \
        .replace("self.cell = activation", "self.cell = cell")
    assert stale_results(cell) == []


def test_a_numerical_safeguard_in_a_helper_leaves_its_formula_readable():
    text = '''```python
def tanh(x, derivation=False):
    x += 1e-12
    f = (np.exp(x) - np.exp(-x))/(np.exp(x) + np.exp(-x))
    if(derivation):
        return 1 - f**2
    else:
        return f
```
'''
    got = _verdicts(text)
    # x += 1e-12 only nudges x (no row); the helper is tanh and its derivative branch 1 - tanh^2: both pass
    # (lines: 4 the formula, 6 the derivative's return, 8 the function's return)
    assert got[6][0] == "pass" and got[8][0] == "pass", got
    assert 4 not in got or got[4][0] != "fail"


def test_a_gradient_suffix_on_a_weights_label_names_its_gradient():
    from symlstm.verify.judging.rebinding import suffix_gradient_names
    from symlstm.verify.text.rowparse import parse_row
    row = parse_row(r"W_{v\_d} \mathrel{+}= dv h_t^T")
    lhs = suffix_gradient_names([row])[0][1][0]
    # code's W_v_d (the gradient of W_v) written W_{v\_d}: dW_v
    assert lhs[:2] == ("sym", "dW") and lhs[3][0][1] == "v", lhs


# ------------------------------------------------------------------ the gradient handed down from the layer above
UPSTREAM = r"""The layer computes

$$h_t = \tanh(W_{hx} x_t + W_{hh} h_{t-1} + b)$$

At step $t$ the gradient of $h_t$ is the gradient from the layer above ($dA_t$) plus the one from step $t+1$:

$$dh_t = dA_t + dh_{next}$$

$$dh_t = 2 dA_t + dh_{next}$$
"""


def test_the_gradient_from_the_layer_above_is_the_direct_part_of_the_outputs_gradient():
    got = _verdicts(UPSTREAM)
    # dA_t (no quantity A: the layer above's gradient by h_t, its direct part under any loss) plus what reaches
    # h_t from step t+1 is the whole gradient of h_t: pass; twice dA_t is not: fail
    assert got[7][0] == "pass", got[7]
    assert got[9][0] == "fail", got[9]


def test_without_a_step_the_layers_gradient_stays_unread():
    got = _verdicts(UPSTREAM.replace("dA_t", "dA"))
    # dA with no step: which step's part it is is not said, so it is not read
    assert got[7][0] == "unreadable" and got[9][0] == "unreadable", (got[7], got[9])


PLURAL = '''```python
class RNN:
    def forward(self, X, a_prev):
        x, a, y_pred = {}, {}, {}
        a[-1] = np.copy(a_prev)
        for t in range(len(X)):
            x[t] = X[t]
            a[t] = np.tanh(np.dot(self.Wax, x[t]) + np.dot(self.Waa, a[t - 1]) + self.ba)
            y_pred[t] = self.softmax(np.dot(self.Wya, a[t]) + self.by)
        return x, a, y_pred

    def backward(self, x, a, y_preds, targets):
        for t in reversed(range(len(x))):
            dy = np.copy(y_preds[t])
            dy[targets[t]] -= 1
            self.dWya += np.dot(dy, a[t].T)
            self.dby += dy
```
'''


def test_a_backward_parameter_named_as_the_plural_of_the_forwards_array_is_that_array():
    from symlstm.verify.text.codefences import _plural_parameters
    lines = PLURAL.split("\n")[1:-2]
    out = _plural_parameters(lines)
    # y_preds (never assigned in backward, y_pred indexed by an assignment in forward) is read as y_pred
    assert out[12].strip() == "dy = np.copy(y_pred[t])", out[12]
    assert out[10] == lines[10]         # (the def line itself keeps its parameter list as written)
    got = _verdicts(PLURAL)
    # dy = softmax output - one-hot target: the logits' gradient; dW_ya += dy a_t^T and db_y += dy: step t's
    # contributions, each right (a softmax head on a_t with cross-entropy)
    # (the fence opens on line 1: dW_ya on line 16, db_y on line 17)
    assert got[16][0] == "pass" and got[17][0] == "pass", (got[16], got[17])
    wrong = _verdicts(PLURAL.replace("np.dot(dy, a[t].T)", "np.dot(dy, a[t - 1].T)"))
    assert wrong[16][0] == "fail", wrong[16]
