r"""Round 87 of reading derivations as written (issue 10): Time layers, step aliases, parameter records, worked examples.

* Saito's *Deep Learning from Scratch 2* writes BPTT as a loop over layer objects: ``self.h = layer.forward(xs[:,
  t, :], self.h)`` forwards and ``dx, dh = layer.backward(dhs[:, t, :] + dh)`` backwards (TimeRNN, TimeLSTM,
  TimeGRU). Both calls are read as a course's step calls are (forwardcalls.py, stepcalls.py): what goes in at each
  step. A backward loop that runs forwards, and outputs unpacked in another order than the layer's backward returns
  them, fail where they are written.
* ``dh = dnext_h`` in a step's backward function names the gradient handed to the step (CS231n's contract: the
  whole gradient of the step's output) and holds; ``dc = dnext_c`` beside ``dnext_h`` drops the path through h_t.
* A parameter kept as a record (``params_dict['W_f']['value']``, its gradient ``['deriv']``) is the weight W_f.
* Activation helpers: ``np.max(x, axis=-1, keepdims=True)``, ``(x > 0).astype(float)``, a comment after a step.
* A many-to-one loop over ``range(n)`` with ``n = len(...)``, a step call unpacked into two names, and the output's
  gradient before the backward loop read at the last step.
* A backward loop's hand-over, ``dh_next = dh_prev``, passes as the forward's does.
* A worked example's bias given in numbers (``b_h = [0.1; 0.2; 0.3]``) stays a parameter.
* ``\mbox{\boldmath{$h$}}`` (a preamble's bold macro) is the name h, in bold.

Every expected verdict is worked out by hand in the comments, and the code is checked by finite differences.
"""
import numpy as np

from codecheck import _fd, _fenced, _run, _statuses
from symlstm.verify.judging.judge import verify_derivation

# Saito's RNN layer and its Time layer (DLFS2 ch. 5), row layout: h_t = tanh(h_{t-1} Wh + x_t Wx + b). The Time
# layer's forward starts h at zero, calls each step's layer with x_t and the state the step before returned, and
# keeps h_t at t; its backward goes from the last step, handing each layer the loss's part at t (dhs[:, t, :]) plus
# what the step after sent back (dh), storing dx at t and summing the weights' parts. Every row is right.
TIME_RNN = """\
class RNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b
        h_next = np.tanh(t)
        self.cache = (x, h_prev, h_next)
        return h_next

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
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None
        self.h = None

    def forward(self, xs):
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        D, H = Wx.shape
        self.layers = []
        hs = np.empty((N, T, H))
        self.h = np.zeros((N, H))
        for t in range(T):
            layer = RNN(*self.params)
            self.h = layer.forward(xs[:, t, :], self.h)
            hs[:, t, :] = self.h
            self.layers.append(layer)
        return hs

    def backward(self, dhs):
        Wx, Wh, b = self.params
        N, T, H = dhs.shape
        D, H = Wx.shape
        dxs = np.empty((N, T, D))
        dh = 0
        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh = layer.backward(dhs[:, t, :] + dh)
            dxs[:, t, :] = dx
            for i, grad in enumerate(layer.grads):
                grads[i] += grad
        for i, grad in enumerate(grads):
            self.grads[i][...] = grad
        self.dh = dh
        return dxs
"""
#: 1-based lines of TIME_RNN: the Time layer's start of h, its forward call and store; the backward's start of dh,
#: its call, the store of dx, and the first state's gradient kept (self.dh = dh).
TIME_ROWS = {"start": 42, "call": 45, "store": 46, "dh0": 55, "back": 59, "dx": 60, "first": 65}


def _time_grads(code):
    space = _run(code)
    rng = np.random.default_rng(5)
    Wx, Wh, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 3)) * 0.6, rng.standard_normal(3)
    xs, G = rng.standard_normal((2, 4, 2)), rng.standard_normal((2, 4, 3))     # loss: sum G * hs

    def loss():
        return float(np.sum(G * space["TimeRNN"](Wx, Wh, b).forward(xs)))
    layer = space["TimeRNN"](Wx, Wh, b)
    layer.forward(xs)
    dxs = layer.backward(G)
    return [dxs] + [g.copy() for g in layer.grads], _fd(loss, [xs, Wx, Wh, b])


def test_a_time_layer_loop_over_layer_objects():
    got, fd = _time_grads(TIME_RNN)
    for g, want in zip(got, fd):            # the code is right
        assert np.allclose(g, want, atol=1e-6)
    statuses = _statuses(verify_derivation(_fenced(TIME_RNN)).results)
    for name, line in TIME_ROWS.items():
        assert statuses.get(line + 2) == ["pass"], (name, line, statuses.get(line + 2))
    # the step's own rows (the RNN layer's forward and backward) are judged as before: all pass
    for line in (9, 10, 17, 18, 19, 20, 21, 22):
        assert statuses.get(line + 2) == ["pass"], (line, statuses.get(line + 2))


def test_a_time_layer_backward_loop_that_runs_forwards_fails():
    # for t in range(T): what step t sends back is added to step t+1's gradient: gradients flow forwards in time
    bad = TIME_RNN.replace("for t in reversed(range(T)):", "for t in range(T):")
    assert bad != TIME_RNN
    got, fd = _time_grads(bad)
    assert not np.allclose(got[2], fd[2], atol=1e-3)          # dWh is wrong
    statuses = _statuses(verify_derivation(_fenced(bad)).results)
    assert statuses[TIME_ROWS["back"] + 2] == ["fail"]
    # the loss's part at t forgotten: dx, dh = layer.backward(dh)
    bad = TIME_RNN.replace("layer.backward(dhs[:, t, :] + dh)", "layer.backward(dh)")
    assert _statuses(verify_derivation(_fenced(bad)).results)[TIME_ROWS["back"] + 2] == ["fail"]


# An LSTM layer whose backward returns its gradients as (dx, dc_prev, dh_prev), and a Time layer that unpacks them
# as dx, dh, dc: the state's and the cell's gradients swapped (a published slip of a DLFS2 re-typing, round 87).
SWAPPED = """\
class LSTM:
    def forward(self, x, h_prev, c_prev):
        return h_next, c_next

    def backward(self, dh_next, dc_next):
        dx = dA @ Wx.T
        return dx, dc_prev, dh_prev


class TimeLSTM:
    def backward(self, dhs):
        dh, dc = 0, 0
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh, dc = layer.backward(dhs[:, t, :] + dh, dc)
            dxs[:, t, :] = dx

    def forward(self, xs):
        for t in range(T):
            layer = LSTM(*self.params)
            self.h, self.c = layer.forward(xs[:, t, :], self.h, self.c)
"""


def test_outputs_unpacked_in_another_order_fail():
    results = verify_derivation(_fenced(SWAPPED)).results
    row = [r for r in results if r.line == 15 + 2]
    assert [r.status for r in row] == ["fail"] and "dh takes dc_prev" in row[0].why, [(r.status, r.why) for r in row]
    fixed = SWAPPED.replace("return dx, dc_prev, dh_prev", "return dx, dh_prev, dc_prev")
    assert [r.status for r in verify_derivation(_fenced(fixed)).results if r.line == 15 + 2] == ["pass"]


# CS231n's step backward: given dnext_h, the whole gradient of the step's output next_h. ``dh = dnext_h`` names it;
# then da = dh * (1 - h^2) (tanh's derivative at the output), dx = da Wx^T, dprev_h = da Wh^T, dWx = x^T da.
STEP_ALIAS = """\
def rnn_step_forward(x, prev_h, Wx, Wh, b):
    next_h = np.tanh(x @ Wx + prev_h @ Wh + b)
    cache = (x, prev_h, Wx, Wh, next_h)
    return next_h, cache

def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    dh = dnext_h
    da = dh * (1 - next_h ** 2)
    dx = da @ Wx.T
    dprev_h = da @ Wh.T
    dWx = x.T @ da
    return dx, dprev_h, dWx
"""


def test_a_step_backward_names_the_gradient_it_is_handed():
    space = _run(STEP_ALIAS)
    rng = np.random.default_rng(2)
    x, h, Wx, Wh, b, g = (rng.standard_normal((1, 2)), rng.standard_normal((1, 3)), rng.standard_normal((2, 3)),
                          rng.standard_normal((3, 3)), rng.standard_normal(3), rng.standard_normal((1, 3)))
    _, cache = space["rnn_step_forward"](x, h, Wx, Wh, b)
    dx, dprev_h, dWx = space["rnn_step_backward"](g, cache)
    fd = _fd(lambda: float(np.sum(g * space["rnn_step_forward"](x, h, Wx, Wh, b)[0])), [x, h, Wx])
    for a, want in zip((dx, dprev_h, dWx), fd):
        assert np.allclose(a, want, atol=1e-6)
    results = verify_derivation(_fenced(STEP_ALIAS)).results
    got = _statuses(results)
    assert {k: got.get(k + 2) for k in (2, 8, 9, 10, 11, 12)} == {k: ["pass"] for k in (2, 8, 9, 10, 11, 12)}, got
    alias = next(r for r in results if r.line == 8 + 2)
    assert "handed to the step" in alias.why
    # the mutant: tanh's derivative at the input's side (1 - prev_h^2): da fails
    bad = STEP_ALIAS.replace("da = dh * (1 - next_h ** 2)", "da = dh * (1 - prev_h ** 2)")
    assert _statuses(verify_derivation(_fenced(bad)).results)[9 + 2] == ["fail"]


# An LSTM step's backward given dnext_h and dnext_c: the cell's total gradient adds the path through h_t to dnext_c
# (what reaches c_t through the step after). ``dc = dnext_c`` alone drops that path: a fail (the alias rule above
# is only for a given gradient that is the whole gradient of its output).
LSTM_ALIAS = """\
def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2*H])
    o = sigmoid(a[:, 2*H:3*H])
    g = np.tanh(a[:, 3*H:])
    next_c = f * prev_c + i * g
    next_h = o * np.tanh(next_c)
    return next_h, next_c

def lstm_step_backward(dnext_h, dnext_c, cache):
    dh = dnext_h
    dc = dnext_c
    do = dh * np.tanh(next_c)
    df = dc * prev_c
"""


def test_a_cell_gradient_named_without_the_path_through_h_fails():
    got = _statuses(verify_derivation(_fenced(LSTM_ALIAS)).results)
    # dh = dnext_h holds (line 16); dc = dnext_c drops dnext_h * o * tanh'(c) (line 17); do = dh tanh(c) holds
    assert (got[16 + 2], got[17 + 2], got[18 + 2]) == (["pass"], ["fail"], ["pass"]), got


# A step keeping its parameters as records (DLFS's params_dict[name]['value'], the gradient under ['deriv']), rows:
# Z = [x, h_prev], h = tanh(Z W_f + B_f), y = h W_v + B_v; backward from the output's gradient dy (the loss reads
# y only): W_v's part h^T dy, B_v's sum(dy), dh = dy W_v^T, dh_int = dh (1 - h^2), W_f's part Z^T dh_int, B_f's
# sum(dh_int), dZ = dh_int W_f^T. Every row is right.
RECORDS = """\
class Node:
    def forward(self, X_in, H_in, params_dict):
        self.Z = np.column_stack((X_in, H_in))
        self.H_int = np.dot(self.Z, params_dict['W_f']['value']) + params_dict['B_f']['value']
        self.H_out = np.tanh(self.H_int)
        self.X_out = np.dot(self.H_out, params_dict['W_v']['value']) + params_dict['B_v']['value']
        return self.X_out, self.H_out

    def backward(self, X_out_grad, params_dict):
        params_dict['W_v']['deriv'] += np.dot(self.H_out.T, X_out_grad)
        params_dict['B_v']['deriv'] += X_out_grad.sum(axis=0)
        dh_out = np.dot(X_out_grad, params_dict['W_v']['value'].T)
        dH_int = dh_out * (1 - self.H_out ** 2)
        params_dict['W_f']['deriv'] += np.dot(self.Z.T, dH_int)
        params_dict['B_f']['deriv'] += dH_int.sum(axis=0)
        dz = np.dot(dH_int, params_dict['W_f']['value'].T)
        return dz
"""


def test_parameters_kept_as_records_are_the_weights():
    space = _run(RECORDS)
    rng = np.random.default_rng(4)
    p = {k: {"value": rng.standard_normal(s), "deriv": np.zeros(s)} for k, s in
         (("W_f", (5, 3)), ("B_f", (1, 3)), ("W_v", (3, 2)), ("B_v", (1, 2)))}
    x, h, gy = rng.standard_normal((1, 2)), rng.standard_normal((1, 3)), rng.standard_normal((1, 2))

    def loss():
        return float(np.sum(gy * space["Node"]().forward(x, h, p)[0]))
    node = space["Node"]()
    node.forward(x, h, p)
    node.backward(gy, p)
    fd = _fd(loss, [p[k]["value"] for k in ("W_f", "B_f", "W_v", "B_v")])
    for k, want in zip(("W_f", "B_f", "W_v", "B_v"), fd):
        assert np.allclose(p[k]["deriv"], want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(RECORDS)).results)
    rows = (4, 5, 6, 10, 11, 12, 13, 14, 15)
    assert {k: got.get(k + 2) for k in rows} == {k: ["pass"] for k in rows}, got
    # the mutant: W_f's part with the transpose dropped from Z (Z @ dH_int does not even run): never a pass
    bad = RECORDS.replace("np.dot(self.Z.T, dH_int)", "np.dot(self.H_out.T, dH_int)")
    assert _statuses(verify_derivation(_fenced(bad)).results)[14 + 2] != ["pass"]


# Activation helpers as tutorials write them: a softmax shifted by its maximum along the last axis, ReLU's derivative
# cast to floats, a sigmoid clipped first with a comment after the step. All right; the mutant's softmax divides by
# the sum of the unshifted exponentials, which is no softmax (the shift must cancel).
HELPERS = """\
def softmax(x):
    exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)

def relu_derivative(x):
    return (x > 0).astype(float)

def sigmoid(x):
    x = np.clip(x, -500, 500)  # Prevent overflow
    return 1 / (1 + np.exp(-x))
"""


def test_activation_helpers_with_keywords_casts_and_comments():
    space = _run(HELPERS)
    x = np.array([[-1.5, 0.3, 2.0]])
    assert np.allclose(space["softmax"](x), np.exp(x) / np.exp(x).sum())
    assert np.allclose(space["relu_derivative"](x), [[0, 1, 1]])
    assert np.allclose(space["sigmoid"](x), 1 / (1 + np.exp(-x)))
    from symlstm.verify.judging.helperdefs import HELPER_NOTE
    results = verify_derivation(_fenced(HELPERS)).results
    helpers = {r.line - 2: r.status for r in results if HELPER_NOTE in r.notes}
    assert helpers == {2: "pass", 3: "pass", 6: "pass", 10: "pass"}, helpers     # (exp_x: a step of it)
    bad = HELPERS.replace("return exp_x / np.sum(exp_x, axis=-1, keepdims=True)",
                          "return exp_x / np.sum(np.exp(x), axis=-1, keepdims=True)")
    assert [r.status for r in verify_derivation(_fenced(bad)).results if r.line == 3 + 2] == ["fail"]


# A many-to-one RNN predicting the next value of a sine wave (round 87's numpy repository): the cell returns (h_t,
# y_t) and the forward loop unpacks both; only the last step's y meets the target (error = y_T - target, loss =
# error^2 / 2). The backward loop runs over range(n), n = len(self.inputs): dh_T = W_y^T dy (dy = error, the
# last step's), then at each step temp = (1 - h_t^2) dh_t, W_x's part temp x_t^T, W_h's temp h_{t-1}^T, and dh_{t-1} =
# W_h^T temp. The source wrote W_h temp without the transpose (a published error, the mutant below).
MANY_TO_ONE = """\
class RNN:
    def __init__(self, Wx, Wh, Wy):
        self.Wx, self.Wh, self.Wy = Wx, Wh, Wy

    def cell(self, xt, ht_1):
        ht = np.tanh(np.dot(self.Wx, xt) + np.dot(self.Wh, ht_1))
        yt = np.dot(self.Wy, ht)
        return ht, yt

    def forward(self, sample_x, sample_y):
        ht = np.zeros((self.Wh.shape[0], 1))
        self.hidden_states = [ht]
        self.inputs = []
        for step in range(len(sample_x)):
            ht, yt = self.cell(sample_x[step], ht)
            self.inputs.append(sample_x[step])
            self.hidden_states.append(ht)
        self.error = yt - sample_y
        self.loss = 0.5 * self.error ** 2

    def backward(self):
        n = len(self.inputs)
        dyt = self.error
        dWy = np.dot(dyt, self.hidden_states[-1].T)
        dht = np.dot(dyt, self.Wy).T
        dWx = np.zeros(self.Wx.shape)
        dWh = np.zeros(self.Wh.shape)
        for step in reversed(range(n)):
            temp = (1 - self.hidden_states[step + 1] ** 2) * dht
            dWx += np.dot(temp, self.inputs[step].T)
            dWh += np.dot(temp, self.hidden_states[step].T)
            dht = np.dot(self.Wh.T, temp)
        return dWy, dWx, dWh
"""


def _sine_grads(code):
    space = _run(code)
    rng = np.random.default_rng(8)
    Wx, Wh, Wy = rng.standard_normal((3, 1)), rng.standard_normal((3, 3)) * 0.5, rng.standard_normal((1, 3))
    xs, target = rng.standard_normal((4, 1, 1)), np.array([[0.3]])     # one input a step, a 1 x 1 array

    def loss():
        net = space["RNN"](Wx, Wh, Wy)
        net.forward(xs, target)
        return float(net.loss.sum())
    net = space["RNN"](Wx, Wh, Wy)
    net.forward(xs, target)
    return net.backward(), _fd(loss, [Wy, Wx, Wh])


def test_a_many_to_one_rnn_over_a_named_range():
    got, fd = _sine_grads(MANY_TO_ONE)
    for g, want in zip(got, fd):
        assert np.allclose(g, want, atol=1e-6)
    statuses = _statuses(verify_derivation(_fenced(MANY_TO_ONE)).results)
    rows = (6, 7, 18, 25, 29, 31, 32)       # the cell, error, dh_T, temp, W_h's part, dh_{t-1}
    assert {k: statuses.get(k + 2) for k in rows} == {k: ["pass"] for k in rows}, statuses
    bad = MANY_TO_ONE.replace("dht = np.dot(self.Wh.T, temp)", "dht = np.dot(self.Wh, temp)")
    got, fd = _sine_grads(bad)
    assert not np.allclose(got[2], fd[2], atol=1e-3)
    assert _statuses(verify_derivation(_fenced(bad)).results)[32 + 2] == ["fail"]


# An LSTM's backward loop handing its gradients to the step before at the end of each pass (``dh_next = dh_prev``):
# no formula, the recurrence's hand-over backwards; a copy of another quantity's gradient is not one.
HAND_OVER = """\
def backward(self, dLdy):
    dh_next = self.Wy.T @ dLdy
    dc_next = np.zeros_like(dh_next)
    for t in reversed(range(len(self.cache))):
        (x_t, h_prev, c_prev, i_t, f_t, o_t, c_tilde, c_t, h_t) = self.cache[t]
        dc = dh_next * o_t * (1 - np.tanh(c_t) ** 2) + dc_next
        dh_prev = self.Uc.T @ (dc * i_t * (1 - c_tilde ** 2))
        dc_prev = dc * f_t
        dh_next = dh_prev
        dc_next = dc_prev
"""


def test_a_backward_loop_hands_its_gradients_over():
    from symlstm.verify.judging.carries import CARRY_NOTE
    results = verify_derivation(_fenced(HAND_OVER)).results
    carried = {r.line - 2: (r.status, r.why) for r in results if CARRY_NOTE in r.notes}
    assert sorted(carried) == [9, 10] and all(s == "pass" for s, _ in carried.values()), carried
    assert "the step before" in carried[9][1]
    bad = HAND_OVER.replace("dh_next = dh_prev", "dh_next = dc_prev")
    assert 9 not in {r.line - 2 for r in verify_derivation(_fenced(bad)).results if CARRY_NOTE in r.notes}


def test_a_worked_examples_bias_given_in_numbers_stays_a_parameter(tmp_path):
    # b_h given as a column of numbers beside W_{hx}, W_{hh} (matrices) and W_{oh} (one row): all the example's
    # values of parameters (pass, sizing the net); b_o = 0.4 (a number) is left as it was. The bias's gradient
    # \sum_t \partial L/\partial h_t \partial h_t/\partial b_h (the direct dependence at each step) holds; made a
    # quantity, b_h had been a value of each step and the row a false fail. With h_{t-1} for h_t it fails.
    note = (r"$$h_t = \tanh(W_{hx}x_t + W_{hh}h_{t-1} + b_h)$$" "\n"
            r"$$o_t = W_{oh}h_t + b_o$$" "\n\n"
            r"$$\frac{\partial L}{\partial b_h} = \sum_t \frac{\partial L}{\partial h_t} \frac{\partial h_t}"
            r"{\partial b_h}$$" "\n\nAn example, with hidden size 3 and input size 2:\n\n"
            r"- $W_{hx} = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \\ 0.5 & 0.6 \end{bmatrix}$" "\n"
            r"- $W_{hh} = \begin{bmatrix} 0.7 & 0.8 & 0.9 \\ 0.1 & 0.2 & 0.3 \\ 0.4 & 0.5 & 0.6 \end{bmatrix}$" "\n"
            r"- $W_{oh} = \begin{bmatrix} 0.1 & 0.2 & 0.3 \end{bmatrix}$" "\n"
            r"- $b_h = \begin{bmatrix} 0.1 \\ 0.2 \\ 0.3 \end{bmatrix}$" "\n"
            "- $b_o = 0.4$\n")
    from symlstm.verify import verify_file
    path = tmp_path / "example.md"
    path.write_text(note)
    got = {r.line: r.status for r in verify_file(None, str(path)).results}
    assert got == {1: "pass", 2: "pass", 4: "pass", 8: "pass", 9: "pass", 10: "pass", 11: "pass", 12: "pass"}, got
    path.write_text(note.replace(r"{\partial h_t} \frac{\partial h_t}", r"{\partial h_{t-1}} \frac{\partial h_t}"))
    assert {r.line: r.status for r in verify_file(None, str(path)).results}[4] == "fail"


def test_a_bold_macro_through_mbox(tmp_path):
    # \MB{h} = \mbox{\boldmath{$h$}} (Luong and See's LSTM notes): the name h in bold. dL/dW = \sum_t (dL/dh_t
    # \circ (1 - h_t^2)) h_{t-1}^T holds for h_t = tanh(W h_{t-1} + U x_t); with h_t^T for h_{t-1}^T it fails.
    # \mbox{if } in text stays text.
    tex = ("\\newcommand{\\MB}[1]{\\mbox{\\boldmath{$#1$}}}\n\\begin{align}\n"
           "\\MB{h}_t &= \\tanh(\\MB{W} \\MB{h}_{t-1} + \\MB{U} \\MB{x}_t) \\\\\n"
           "\\frac{\\partial L}{\\partial \\MB{W}} &= \\sum_t \\left(\\frac{\\partial L}{\\partial \\MB{h}_t} \\circ "
           "(1 - \\MB{h}_t^2)\\right) \\MB{h}_{t-1}^\\top\n\\end{align}\nThe gate is written $\\mbox{if } k = j$.\n")
    from symlstm.verify import verify_file
    path = tmp_path / "notes.tex"
    path.write_text(tex)
    assert {r.line: r.status for r in verify_file(None, str(path)).results} == {3: "pass", 4: "pass"}
    path.write_text(tex.replace("\\MB{h}_{t-1}^\\top", "\\MB{h}_{t}^\\top"))
    assert {r.line: r.status for r in verify_file(None, str(path)).results} == {3: "pass", 4: "fail"}


# A step's backward whose temporary is named dL (the gradient of the pre-activation, a code name: not the loss's
# differential of matrix calculus), with a comment glossing a row in prose whose brackets do not balance: the
# comment is the code's margin, unread, never a fail. Every row of the code is right; tanh's derivative at the
# input instead of the output fails.
DL_TEMP = """\
def rnn_step_forward(x, prev_h, Wx, Wh, b):
    next_h = np.tanh(x @ Wx + prev_h @ Wh + b)
    return next_h, (x, prev_h, Wx, Wh, next_h)

def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    dL = dnext_h * (1 - next_h ** 2)   # dL/da = dL/dh * dh/da ,where h = tanh(a))
    dx = dL @ Wx.T
    dprev_h = dL @ Wh.T
    dWx = x.T @ dL
    return dx, dprev_h, dWx
"""


def test_a_code_temporary_named_dl_and_a_comment_with_unbalanced_brackets():
    space = _run(DL_TEMP)
    rng = np.random.default_rng(9)
    x, h, Wx, Wh, b, g = (rng.standard_normal((1, 2)), rng.standard_normal((1, 3)), rng.standard_normal((2, 3)),
                          rng.standard_normal((3, 3)), rng.standard_normal(3), rng.standard_normal((1, 3)))
    dx, dprev_h, dWx = space["rnn_step_backward"](g, space["rnn_step_forward"](x, h, Wx, Wh, b)[1])
    fd = _fd(lambda: float(np.sum(g * space["rnn_step_forward"](x, h, Wx, Wh, b)[0])), [x, h, Wx])
    for a, want in zip((dx, dprev_h, dWx), fd):
        assert np.allclose(a, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(DL_TEMP)).results)
    assert all(s != "fail" for s in got[7 + 2]) and "pass" in got[7 + 2], got[7 + 2]
    assert {k: got.get(k + 2) for k in (2, 8, 9, 10)} == {k: ["pass"] for k in (2, 8, 9, 10)}, got
    bad = DL_TEMP.replace("dnext_h * (1 - next_h ** 2)", "dnext_h * (1 - prev_h ** 2)")
    assert "fail" in _statuses(verify_derivation(_fenced(bad)).results)[7 + 2]


# A student's rnn_backward over that step (EECS 498's assignment): the loss's part at t fetched under the name
# dnext_h, the carried gradient kept in dh0 (copied from the call's dprev_h). Step t's gradient is dh0 + dnext_h:
# right (the forming line and the copy pass with the call); without dh0 the step after's part is missing (a fail).
STEP_LOOP = STEP_ALIAS + """
def rnn_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    h, prev_h, cache = np.zeros((N, T, Wh.shape[0])), h0, []
    for t in range(T):
        prev_h, cache_t = rnn_step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        h[:, t, :] = prev_h
        cache.append(cache_t)
    return h, cache

def rnn_backward(dh, cache):
    N, T, H = dh.shape
    dh0 = np.zeros((N, H))
    dWx = np.zeros_like(cache[0][2])
    for t in range(T - 1, -1, -1):
        dnext_h = dh[:, t, :]
        dx_t, dprev_h, dWx_t = rnn_step_backward(dh0 + dnext_h, cache[t])
        dh0 = dprev_h
        dWx += dWx_t
    return dh0, dWx
"""


def test_a_loop_over_a_step_with_its_carry_under_another_name():
    space = _run(STEP_LOOP)
    rng = np.random.default_rng(6)
    x, h0, Wx, Wh, b = (rng.standard_normal((2, 4, 2)), rng.standard_normal((2, 3)), rng.standard_normal((2, 3)),
                        rng.standard_normal((3, 3)) * 0.6, rng.standard_normal(3))
    G = rng.standard_normal((2, 4, 3))
    _, cache = space["rnn_forward"](x, h0, Wx, Wh, b)
    dh0, dWx = space["rnn_backward"](G, cache)
    fd = _fd(lambda: float(np.sum(G * space["rnn_forward"](x, h0, Wx, Wh, b)[0])), [h0, Wx])
    assert np.allclose(dh0, fd[0], atol=1e-6) and np.allclose(dWx, fd[1], atol=1e-6)
    base = STEP_LOOP.count("\n", 0, STEP_LOOP.index("        dnext_h = dh[:, t, :]")) + 1      # its 1-based line
    got = _statuses(verify_derivation(_fenced(STEP_LOOP)).results)
    assert (got[base + 2], got[base + 3], got[base + 4]) == (["pass"], ["pass"], ["pass"]), got  # dh0 = dprev_h too
    bad = STEP_LOOP.replace("rnn_step_backward(dh0 + dnext_h, cache[t])", "rnn_step_backward(dnext_h, cache[t])")
    got = _statuses(verify_derivation(_fenced(bad)).results)
    assert "fail" in got[base + 2] + got.get(base + 3, []), (got.get(base + 2), got.get(base + 3))


# CS231n's numerically stable sigmoid: exp(-x) where x >= 0, exp(x) where x < 0, the numerator 1 or exp(x). The
# masked assignments are read as the entries they set (np.where), and the helper holds; its steps pass with it.
# With exp(-x) on the negative entries too, it is no sigmoid there (a fail).
STABLE_SIGMOID = """\
def sigmoid(x):
    pos_mask = (x >= 0)
    neg_mask = (x < 0)
    z = np.zeros_like(x)
    z[pos_mask] = np.exp(-x[pos_mask])
    z[neg_mask] = np.exp(x[neg_mask])
    top = np.ones_like(x)
    top[neg_mask] = z[neg_mask]
    return top / (1 + z)
"""


def test_a_stable_sigmoid_of_masked_assignments():
    x = np.linspace(-3, 3, 7)
    assert np.allclose(_run(STABLE_SIGMOID)["sigmoid"](x), 1 / (1 + np.exp(-x)))
    from symlstm.verify.judging.helperdefs import HELPER_NOTE
    got = {r.line - 2: r.status for r in verify_derivation(_fenced(STABLE_SIGMOID)).results if HELPER_NOTE in r.notes}
    assert got == {k: "pass" for k in range(2, 10)}, got
    bad = STABLE_SIGMOID.replace("z[neg_mask] = np.exp(x[neg_mask])", "z[neg_mask] = np.exp(-x[neg_mask])")
    assert not np.allclose(_run(bad)["sigmoid"](x), 1 / (1 + np.exp(-x)))
    got = {r.line - 2: r.status for r in verify_derivation(_fenced(bad)).results if HELPER_NOTE in r.notes}
    assert got == {9: "fail"}, got


def test_hostile_inputs_to_this_rounds_readers_are_answered_quickly():
    import time
    from symlstm.verify.judging import helperdefs, stepcalls
    from symlstm.verify.text.carrycopies import backward_carry_copies, handed_aliases
    from symlstm.verify.text.codefences import _keyed_reads
    from symlstm.verify.text.rowtokens import _tokens
    start = time.perf_counter()
    _tokens("\\mbox{" * 1300 + "x" + "}" * 1300)                    # nested boxes: one pass, not one per box
    _tokens("\\mbox{\\boldmath{$h$}}_t " * 350)
    _keyed_reads("    x = " + " + ".join(f"p['W{i}']['value']" for i in range(3000)))
    handed_aliases("".join(f"def f{i}(dnext_h, cache):\n    dh = dnext_h\n" for i in range(5000)).split("\n"))
    backward_carry_copies(["for t in reversed(range(T)):"] + [f"    dh{i}_next = dh{i}_prev" for i in range(5000)])
    # a helper's names put into its body double it at each line; masked assignments nest: bounded, never built out
    helperdefs._helpers_of(["def sigmoid(x):", "    a0 = x + x"] + [f"    a{i} = a{i - 1} + a{i - 1}" for i in
                                                                      range(1, 400)] + ["    return a399"])
    helperdefs._helpers_of(["def sigmoid(x):", "    m = (x > 0)", "    z = np.zeros_like(x)"] +
                           ["    z[m] = z[m] + z[m]"] * 2000 + ["    return z"])
    stepcalls.step_call_results("```python\ndef rnn_backward(dh, cache):\n    for t in reversed(range(T)):\n" +
                                "".join("        dx_t, dprev_h, dWx_t = rnn_step_backward(dh[:, t, :] + dprev_h, c)\n"
                                        for _ in range(3000)) + "```\n")
    assert time.perf_counter() - start < 3.0


# A course review's RNN layer whose forward drops the bias its params keep (t = h_prev Wh + x Wx), while its
# backward computes db: the output does not depend on b (finite differences: zero), the backward's db is not zero.
# The forward's map fails, naming b; written with "+ b" it holds. The gradient of Wh spelt dwh (lower case) beside
# Wh is Wh's.
NO_BIAS = """\
class RNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.cache = None

    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        t = np.matmul(h_prev, Wh) + np.matmul(x, Wx)
        h_next = np.tanh(t)
        self.cache = (x, h_prev, h_next)
        return h_next

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        x, h_prev, h_next = self.cache
        dt = dh_next * (1 - h_next ** 2)
        db = np.sum(dt, axis=0)
        dwh = np.matmul(h_prev.T, dt)
        dh_prev = np.matmul(dt, Wh.T)
        return dh_prev, dwh, db
"""


def test_a_forward_that_drops_a_parameter_its_backward_differentiates():
    space = _run(NO_BIAS)
    rng = np.random.default_rng(12)
    Wx, Wh, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 3)), rng.standard_normal(3)
    x, h, g = rng.standard_normal((1, 2)), rng.standard_normal((1, 3)), rng.standard_normal((1, 3))
    layer = space["RNN"](Wx, Wh, b)
    layer.forward(x, h)
    _, dwh, db = layer.backward(g)
    fd_wh, fd_b = _fd(lambda: float(np.sum(g * space["RNN"](Wx, Wh, b).forward(x, h))), [Wh, b])
    assert np.allclose(dwh, fd_wh, atol=1e-6) and np.allclose(fd_b, 0) and not np.allclose(db, 0)
    got = _statuses(verify_derivation(_fenced(NO_BIAS)).results)
    assert got[8 + 2] == ["fail"] and got[18 + 2] == ["pass"], got        # the map; dwh = h_prev^T dt
    fixed = NO_BIAS.replace("np.matmul(x, Wx)\n", "np.matmul(x, Wx) + b\n")
    assert _statuses(verify_derivation(_fenced(fixed)).results)[8 + 2] == ["pass"]


def test_a_head_after_a_loop_over_a_sequences_items():
    # for val in seq: a loop forward over the steps; the head after it reads the last state (h_T), a many-to-one net
    code = ("def sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n\n"
            "def forward(seq, Wz, Uz, Wh, Uh, W_out):\n    h = np.zeros(3)\n    for val in seq:\n"
            "        x = np.array([val])\n        z = sigmoid(x @ Wz + h @ Uz)\n        h_tilde = np.tanh(x @ Wh + h @ Uh)\n"
            "        h_new = (1 - z) * h + z * h_tilde\n        h = h_new\n    out = sigmoid(h @ W_out)\n    return out\n")
    head = [r for r in verify_derivation(_fenced(code)).results if r.line == 12 + 2]
    assert [r.status for r in head] == ["pass"] and "h_{T}" in head[0].text, [(r.status, r.text) for r in head]


def test_a_backward_that_fetches_the_last_steps_tuple():
    # the backward of a many-to-one RNN fetches the last step's tuple (self.cache[-1]): its h is h_T, as the
    # forward's head after the loop reads it; y = W_y h + b_y there restates the head (no misread forward formula),
    # and dW_y = dy h^T holds at T. Read at every step, the restatement failed and hid the file's rows.
    code = ("class RNN:\n    def forward(self, sequence):\n        h = np.zeros((3, 1))\n        self.cache = []\n"
            "        for x in sequence:\n            h_prev = h\n            h = np.tanh(self.Wx @ x + self.Wh @ h_prev)\n"
            "            self.cache.append((x, h_prev, h))\n        y = self.Wy @ h + self.by\n        return y\n\n"
            "    def backward(self, target):\n        x, h_prev, h = self.cache[-1]\n        y = self.Wy @ h + self.by\n"
            "        dy = y - target\n        dWy = dy @ h.T\n        dh = self.Wy.T @ dy\n")
    rows = {r.line - 2: (r.status, r.text) for r in verify_derivation(_fenced(code)).results}
    assert rows[9][0] == "pass" and "h_{T}" in rows[9][1], rows
    assert rows[14][0] == "pass" and "h_{T}" in rows[14][1] and rows[16][0] == "pass", rows
    bad = code.replace("dWy = dy @ h.T", "dWy = dy @ h_prev.T")
    assert {r.line - 2: r.status for r in verify_derivation(_fenced(bad)).results}[16] == "fail"


# Coursera's lstm_backward with the state's carried gradient never added (the call takes da[:, :, t] alone, the
# template slip many copies keep): the call fails where it is written; da0 = gradients['da_prev'] after the loop is
# still the right statement (step 0's output; its value inherits the call's error), and passes.
COURSE_LOOP = """\
def lstm_backward(da, caches):
    n_a, m, T_x = da.shape
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    dWf = np.zeros((n_a, n_a + 3))
    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:, :, t], dc_prevt, caches[t])
        dc_prevt = gradients['dc_prev']
        dWf += gradients['dWf']
    da0 = gradients['da_prev']
    return da0, dWf
"""


def test_the_first_states_gradient_after_a_failing_course_call():
    got = _statuses(verify_derivation(_fenced(COURSE_LOOP)).results)
    assert got[7 + 2] == ["fail"] and got[10 + 2] == ["pass"], got
    fixed = COURSE_LOOP.replace("lstm_cell_backward(da[:, :, t], dc_prevt, caches[t])",
                                "lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])")
    fixed = fixed.replace("        dc_prevt = gradients['dc_prev']\n", "        da_prevt = gradients['da_prev']\n"
                          "        dc_prevt = gradients['dc_prev']\n")
    got = _statuses(verify_derivation(_fenced(fixed)).results)
    assert got[7 + 2] == ["pass"] and got[11 + 2] == ["pass"], got
