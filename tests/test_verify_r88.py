r"""Round 88 of reading derivations as written (issue 10): batch arrays, misspelt numpy, doubled activations,
misshapen stores, and a blog's scalar notation.

* Code whose vectors are a batch's 2-D arrays (``N, H = h_prev.shape``) transposes them for real: ``dt.T @ Wh.T``
  is a shape error there, not the 1-D array ``dt @ Wh.T`` numpy would multiply alike.
* ``np.tahn(t)`` cannot run: its row fails, naming ``np.tanh``; the rows below read the name it defines as meant.
* ``i = sigmoid(i)`` after ``i = sigmoid(A[...])`` applies the gate's activation twice; ``di *= i * (1 - i)``
  then gives no gradient of the block of A that the backward stacks into ``dA``.
* A gradient of the wrong shape stored into its parameter's slot (``self.grads[1][...] = dWh`` with ``dWh =
  np.sum(dt, axis=0)``) fails too: numpy broadcasts it into every row.
* A period between two factors is a product (``\frac{\partial L_t}{\partial o_t} . \frac{\partial o_t}{\partial
  w_o}``); ``f = \sigma`` beside ``\hat y_t = f(o_t)`` names the sigmoid; ``\item $\displaystyle ...$`` is a row.

Every expected verdict is worked out by hand in the comments, and the code is checked by finite differences.
"""
import time

import numpy as np

from codecheck import _fd, _fenced, _run, _statuses
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.latexparse import LatexError

# Saito's RNN layer (DLFS2 ch. 5), batch rows: h_t = tanh(h_{t-1} Wh + x_t Wx + b), x (N, D), h (N, H). Its backward
# is right: dt = dL/dt = dh_next (1 - h_next^2); db = column sums of dt; dWh = h_prev^T dt; dh_prev = dt Wh^T;
# dWx = x^T dt; dx = dt Wx^T; each gradient stored in its parameter's slot.
RNN = """\
class RNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        N, H = h_prev.shape
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
"""
#: 1-based lines of RNN's formulas (forward: t, h_next; backward: dt ... the three stores).
RNN_ROWS = {"t": 10, "h": 11, "dt": 18, "db": 19, "dWh": 20, "dh_prev": 21, "dWx": 22, "dx": 23,
            "store_Wx": 24, "store_Wh": 25, "store_b": 26}


def _rnn_check(code):
    """(the layer's gradients, finite differences) for L = sum(G * h_next), batch N = 2 != H = 3."""
    space = _run(code)
    rng = np.random.default_rng(8)
    Wx, Wh, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 3)) * 0.6, rng.standard_normal(3)
    x, h, G = rng.standard_normal((2, 2)), rng.standard_normal((2, 3)), rng.standard_normal((2, 3))

    def loss():
        return float(np.sum(G * space["RNN"](Wx, Wh, b).forward(x, h)))
    layer = space["RNN"](Wx, Wh, b)
    layer.forward(x, h)
    dx, dh = layer.backward(G)
    return [dx, dh] + [g.copy() for g in layer.grads], _fd(loss, [x, h, Wx, Wh, b])


def _by_row(code, rows):
    statuses = _statuses(verify_derivation(_fenced(code)).results)
    return {name: statuses.get(line + 2) for name, line in rows.items()}


def test_the_batch_layer_is_read_and_passes():
    got, fd = _rnn_check(RNN)
    for g, want in zip(got, fd):
        assert np.allclose(g, want, atol=1e-6)
    assert _by_row(RNN, RNN_ROWS) == {name: ["pass"] for name in RNN_ROWS}


def test_a_transposed_batch_gradient_fails():
    # dt.T @ Wh.T: (H, N) @ (H, H) cannot be multiplied when N != H (numpy raises); with 2-D rows the transpose is
    # real, so the row fails where 1-D arrays (no N, H = h_prev.shape) would multiply it as dt @ Wh.T
    bad = RNN.replace("dh_prev = np.dot(dt, Wh.T)", "dh_prev = np.dot(dt.T, Wh.T)")
    try:
        _rnn_check(bad)
        raised = False
    except ValueError:
        raised = True
    assert raised
    rows = _by_row(bad, RNN_ROWS)
    assert rows["dh_prev"] == ["fail"]
    assert all(v == ["pass"] for k, v in rows.items() if k != "dh_prev"), rows


def test_a_misspelt_numpy_call_fails_and_the_rows_below_read_what_it_meant():
    # np.tahn does not exist (AttributeError): the forward row fails, naming np.tanh; dt = dh_next (1 - h_next^2)
    # is tanh's derivative at the output, right for the h_next meant (checked on the spelling that runs)
    got, fd = _rnn_check(RNN)
    assert all(np.allclose(g, w, atol=1e-6) for g, w in zip(got, fd))
    bad = RNN.replace("h_next = np.tanh(t)", "h_next = np.tahn(t)")
    results = verify_derivation(_fenced(bad)).results
    row = [r for r in results if r.line == RNN_ROWS["h"] + 2]
    assert [r.status for r in row] == ["fail"] and "np.tanh meant" in row[0].why, [(r.status, r.why) for r in row]
    rows = _by_row(bad, RNN_ROWS)
    assert all(v == ["pass"] for k, v in rows.items() if k != "h"), rows
    # np.tahn beside np.tan (one letter dropped) and np.tanh (two letters swapped): the name of its own length
    from symlstm.verify.text.numpynames import meant_numpy
    assert meant_numpy("tahn") == "tanh" and meant_numpy("zeros_lie") == "zeros_like" and meant_numpy("exp") is None


def test_a_gradient_of_the_wrong_shape_stored_in_its_slot_fails():
    # dWh = np.sum(dt, axis=0) is the bias's gradient (shape (H,)), not h_prev^T dt (H, H); stored into the slot of
    # Wh it fills every row with that vector: both rows fail, the other stores pass
    bad = RNN.replace("dWh = np.dot(h_prev.T, dt)", "dWh = np.sum(dt, axis=0)")
    got, fd = _rnn_check(bad)
    assert not np.allclose(got[3], fd[3], atol=1e-3)          # the stored dWh is wrong
    results = verify_derivation(_fenced(bad)).results
    rows = _by_row(bad, RNN_ROWS)
    assert rows["dWh"] == ["fail"] and rows["store_Wh"] == ["fail"], rows
    assert rows["store_Wx"] == ["pass"] and rows["store_b"] == ["pass"], rows
    why = next(r.why for r in results if r.line == RNN_ROWS["store_Wh"] + 2)
    assert "1x3" in why and "3x3" in why and f"line {RNN_ROWS['dWh'] + 2}" in why, why


# An LSTM layer of DLFS2's form whose forward applies sigmoid twice to f and i (f = sigmoid(A[:, :H]), then f =
# sigmoid(f)): the gates are sigma(sigma(a)). The backward multiplies the gate gradients by one derivative each
# (di *= i (1 - i)) and stacks them as dA, the gradient of A. For o and g (one activation) that is right; for f and i
# it misses the inner sigma' (the gradient of the block of A is di * i (1 - i) * s (1 - s), s = sigma(a)): the rows
# di *= ..., df *= ... fail; dA, built of the gate rows as written, stacks them in A's order (f, g, i, o) and passes.
LSTM = """\
class LSTM:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev, c_prev):
        Wx, Wh, b = self.params
        N, H = h_prev.shape
        A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
        f = sigmoid(A[:, :H])
        g = np.tanh(A[:, H:2*H])
        i = sigmoid(A[:, 2*H:3*H])
        o = sigmoid(A[:, 3*H:])
        f = sigmoid(f)
        i = sigmoid(i)
        c_next = f * c_prev + g * i
        h_next = o * np.tanh(c_next)
        self.cache = (x, h_prev, c_prev, i, f, g, o, c_next)
        return h_next, c_next

    def backward(self, dh_next, dc_next):
        Wx, Wh, b = self.params
        x, h_prev, c_prev, i, f, g, o, c_next = self.cache
        tanh_c_next = np.tanh(c_next)
        ds = dc_next + (dh_next * o) * (1 - tanh_c_next ** 2)
        dc_prev = ds * f
        di = ds * g
        df = ds * c_prev
        do = dh_next * tanh_c_next
        dg = ds * i
        di *= i * (1 - i)
        df *= f * (1 - f)
        do *= o * (1 - o)
        dg *= 1 - g ** 2
        dA = np.hstack((df, dg, di, do))
        dWh = np.dot(h_prev.T, dA)
        dWx = np.dot(x.T, dA)
        db = dA.sum(axis=0)
        dx = np.dot(dA, Wx.T)
        dh_prev = np.dot(dA, Wh.T)
        return dx, dh_prev, dc_prev
"""
LSTM_HELPER = "def sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n\n"
LSTM_ROWS = {"di": 32, "df": 33, "do": 34, "dg": 35, "dA": 36, "dWh": 37, "dx": 40, "dh_prev": 41}


def _lstm_check(code):
    space = _run(LSTM_HELPER + code)
    rng = np.random.default_rng(4)
    H = 2
    Wx, Wh, b = rng.standard_normal((3, 4 * H)), rng.standard_normal((H, 4 * H)), rng.standard_normal(4 * H)
    x, h, c = rng.standard_normal((2, 3)), rng.standard_normal((2, H)), rng.standard_normal((2, H))
    G, K = rng.standard_normal((2, H)), rng.standard_normal((2, H))

    def loss():
        hn, cn = space["LSTM"](Wx, Wh, b).forward(x, h, c)
        return float(np.sum(G * hn) + np.sum(K * cn))
    layer = space["LSTM"](Wx, Wh, b)
    layer.forward(x, h, c)
    dx, dh, dc = layer.backward(G, K)
    return [dx, dh, dc], _fd(loss, [x, h, c])


def test_a_doubled_gate_activation_fails_at_the_gate_rows():
    got, fd = _lstm_check(LSTM)
    assert not np.allclose(got[0], fd[0], atol=1e-3)           # dx is wrong: the inner sigma' is missing
    assert np.allclose(got[2], fd[2], atol=1e-6)               # dc_prev = ds * f is right
    rows = _by_row(LSTM, LSTM_ROWS)
    assert rows["di"] == ["fail"] and rows["df"] == ["fail"], rows
    assert all(rows[k] == ["pass"] for k in ("do", "dg", "dA", "dWh", "dx", "dh_prev")), rows
    # with one activation per gate the same backward is right, and every row passes
    single = LSTM.replace("        f = sigmoid(f)\n        i = sigmoid(i)\n", "")
    got, fd = _lstm_check(single)
    assert all(np.allclose(g, w, atol=1e-6) for g, w in zip(got, fd))
    statuses = _statuses(verify_derivation(_fenced(single)).results)
    assert all(v == ["pass"] for v in statuses.values()), statuses


# A blog's scalar RNN (the EPITA course notes of round 88): yhat_t = f(o_t) "with f = \sigma", h_t = g(a_t) "with
# g = \sigma", L_t = (yhat_t - y_t)^2. By hand: dL/do_t = dL_t/dyhat_t . dyhat_t/do_t = 2 (yhat_t - y_t) . yhat_t
# (1 - yhat_t) (only L_t reads o_t; sigma' = sigma (1 - sigma)); dL/dh_t = w_o dL_t/do_t + w_h h_{t+1} (1 - h_{t+1})
# dL/dh_{t+1} (the direct term and the path through a_{t+1} = w_h h_t + ...). The periods are the author's products.
SCALAR = r"""Notation:

- $\hat{y}_t = f(o_t)$ the prediction, with $f = \sigma$ the sigmoid
- $o_t = w_o h_t$
- $h_t = g(a_t)$ with $g = \sigma$
- $a_t = w_h h_{t - 1} + w_i x_t$

$$
L_t = (\hat{y}_t - y_t)^2
$$

$$
\frac{\partial L}{\partial o_t} = \frac{\partial L_t}{\partial \hat{y}_t} . \frac{\partial \hat{y}_t}{\partial o_t} = 2(\hat{y}_t - y_t) . \hat{y}_t(1 - \hat{y}_t)
$$

$$
\frac{\partial L}{\partial h_t} = w_o\frac{\partial L_t}{\partial o_t} + w_h h_{t+1}(1 - h_{t+1})\frac{\partial L}{\partial h_{t+1}}
$$
"""


def _scalar_fd():
    """dL/do_t and dL/dh_t of the scalar RNN by finite differences, against the rows' right sides (t = 1..3)."""
    sig = lambda z: 1 / (1 + np.exp(-z))        # noqa: E731
    wo, wh, wi, xs, ys = 0.7, -0.4, 1.1, [0.5, -1.0, 0.3], [0.2, 0.9, 0.4]

    def run(do=None, dh=None):
        h, L, out = 0.0, 0.0, []
        for t in range(3):
            a = wh * h + wi * xs[t]
            h = sig(a) + (dh[t] if dh else 0)
            o = wo * h + (do[t] if do else 0)
            yhat = sig(o)
            L += (yhat - ys[t]) ** 2
            out.append((h, yhat))
        return L, out
    _, vals = run()
    eps = 1e-6
    for t in range(3):
        e = [0.0] * 3
        e[t] = eps
        do_fd = (run(do=e)[0] - run(do=[-v for v in e])[0]) / (2 * eps)
        h, yhat = vals[t]
        assert abs(do_fd - 2 * (yhat - ys[t]) * yhat * (1 - yhat)) < 1e-6


def test_periods_as_products_and_a_named_sigmoid():
    _scalar_fd()
    statuses = _statuses(verify_derivation(SCALAR).results)
    # every row holds: the forward rows, the two function names (f and g are the sigmoid), L_t and both gradients
    assert statuses == {3: ["pass", "pass"], 4: ["pass"], 5: ["pass", "pass"], 6: ["pass"], 9: ["pass"],
                        13: ["pass"], 17: ["pass"]}, statuses
    # f = \tanh instead: yhat (1 - yhat) is no longer the output's derivative, and the row fails
    bad = SCALAR.replace(r"$f = \sigma$", r"$f = \tanh$")
    assert _statuses(verify_derivation(bad).results)[13] == ["fail"]
    # the period between factors is read as the product: y_t for yhat_t in the derivative's factor fails
    bad = SCALAR.replace(r"2(\hat{y}_t - y_t) . \hat{y}_t(1", r"2(\hat{y}_t - y_t) . y_t(1")
    assert _statuses(verify_derivation(bad).results)[13] == ["fail"]


# LaTeX lists of steps: \item $\displaystyle ...$ alone on its line is a row. With o = V h + c and yhat = softmax(o)
# and L = -log yhat_y, dL/dL^(t) = 1 because L = sum_t L^(t): the first item holds.
TEX_ITEMS = r"""\begin{equation}
    \boldsymbol{h}^{(t)} = \tanh(\boldsymbol{W}\boldsymbol{h}^{(t-1)} + \boldsymbol{U}\boldsymbol{x}^{(t)})
\end{equation}
\begin{equation}
    L = \sum_t L^{(t)}
\end{equation}
\begin{enumerate}
    \item $\displaystyle \frac{\partial L}{\partial L^{(t)}} = 1$
    \item $\displaystyle \frac{\partial L}{\partial L^{(t)}} = 2$
\end{enumerate}
"""


def test_a_displaystyle_formula_of_a_latex_item_is_a_row():
    statuses = _statuses(verify_derivation(TEX_ITEMS).results)
    assert statuses.get(8) == ["pass"] and statuses.get(9) == ["fail"], statuses


def test_hostile_inputs_are_answered_fast():
    start = time.perf_counter()
    # 3000 periods between factors in one row (the row reader's bounds refuse it or read it, fast)
    verify_derivation("$$\n a_t = " + " . ".join(["b_t"] * 3000) + "\n$$\n")
    # 2000 misspelt numpy calls, each a name of its own
    code = "".join(f"    y{k} = np.tah{k}x(t)\n" for k in range(2000))
    verify_derivation(_fenced("def f(t):\n" + code))
    # 1000 rows naming one function: refused (one left side written too often), or read, fast
    try:
        verify_derivation("".join(f"- $y_{{{k}}} = f(o_t)$ with $f = \\sigma$\n" for k in range(1000)))
    except LatexError as e:
        assert "times" in str(e)
    assert time.perf_counter() - start < 6


# Karpathy's min-char-rnn loss function (columns): hs[-1] holds the state carried in, which the first step reads as
# hs[t-1]; xs[t] is the one-hot input; the backward pass is the well-known one. By hand every row holds: dy = p -
# onehot(target) is the softmax cross-entropy's gradient, dh = Why^T dy + dhnext, dhraw = (1 - h^2) dh, the weights'
# sums over the steps, dhnext = Whh^T dhraw.
MIN_CHAR = """\
def lossFun(inputs, targets, hprev):
    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(hprev)
    loss = 0
    for t in range(len(inputs)):
        xs[t] = np.zeros((vocab_size, 1))
        xs[t][inputs[t]] = 1
        hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)
        ys[t] = np.dot(Why, hs[t]) + by
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
        loss += -np.log(ps[t][targets[t], 0])
    dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    dbh, dby = np.zeros_like(bh), np.zeros_like(by)
    dhnext = np.zeros_like(hs[0])
    for t in reversed(range(len(inputs))):
        dy = np.copy(ps[t])
        dy[targets[t]] -= 1
        dWhy += np.dot(dy, hs[t].T)
        dby += dy
        dh = np.dot(Why.T, dy) + dhnext
        dhraw = (1 - hs[t] * hs[t]) * dh
        dbh += dhraw
        dWxh += np.dot(dhraw, xs[t].T)
        dWhh += np.dot(dhraw, hs[t-1].T)
        dhnext = np.dot(Whh.T, dhraw)
    return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs)-1]
"""


def test_the_entries_of_min_char_rnn_dictionaries():
    rng = np.random.default_rng(3)
    space = _run(MIN_CHAR)
    V, H = 4, 3
    space.update(vocab_size=V, Wxh=rng.standard_normal((H, V)) * 0.5, Whh=rng.standard_normal((H, H)) * 0.5,
                 Why=rng.standard_normal((V, H)) * 0.5, bh=rng.standard_normal((H, 1)), by=rng.standard_normal((V, 1)))
    inputs, targets, hprev = [0, 2, 1], [2, 1, 3], rng.standard_normal((H, 1))
    got = space["lossFun"](inputs, targets, hprev)[1:6]
    fd = _fd(lambda: float(space["lossFun"](inputs, targets, hprev)[0]),
             [space[k] for k in ("Wxh", "Whh", "Why", "bh", "by")])
    assert all(np.allclose(g, w, atol=1e-6) for g, w in zip(got, fd))
    statuses = _statuses(verify_derivation(_fenced(MIN_CHAR)).results)
    assert statuses.get(3 + 2) == ["pass"] and statuses.get(7 + 2) == ["pass"], statuses
    # a start at another key: the first step reads hs[-1], which nothing sets (the carried state is lost)
    bad = MIN_CHAR.replace("hs[-1] = np.copy(hprev)", "hs[0] = np.copy(hprev)")
    assert _statuses(verify_derivation(_fenced(bad)).results).get(3 + 2) == ["fail"]
    # the target one-hot as the input: the loss reads targets[t] as the answer
    bad = MIN_CHAR.replace("xs[t][inputs[t]] = 1", "xs[t][targets[t]] = 1")
    assert _statuses(verify_derivation(_fenced(bad)).results).get(7 + 2) == ["fail"]


# A GRU step that recomputes its forward in the backward loop with the state before chosen by the step's index, as
# a list item: np.concatenate([x, hs[t-1] if t > 0 else np.zeros_like(h)]) is [x_t; h_{t-1}] (h_0 = 0 at the first
# step). The factor (h_hat - hs[t-1] if t > 0 else 0) is not h_hat - h_{t-1} at t = 0 (it is 0 there, h_hat - h_0 =
# h_hat): that choice is left unread, never rewritten into the formula of the other steps.
def test_a_choice_of_the_state_before_as_a_list_item():
    from symlstm.verify.text.codefences import _first_step_choices
    line = "            xh = np.concatenate([x, self.h_list[t-1] if t > 0 else np.zeros_like(h)])"
    assert _first_step_choices([line]) == ["            xh = np.concatenate([x, self.h_list[t-1]])"]
    kept = "            dz = dh * (h_hat - self.h_list[t-1] if t > 0 else 0)"
    assert _first_step_choices([kept]) == [kept]
    product = "        a[t] = w * x[t] + (v * h[t - 1] if t > 0 else 0.0)"
    assert _first_step_choices([product]) == ["        a[t] = w * x[t] + (v * h[t - 1])"]


# DTU 02456's activation helpers: a nudge of the argument, the function's value, then a switch between the
# derivative and the function. By hand: f = 1 / (1 + e^{-x}) is the sigmoid and f (1 - f) its derivative; for tanh
# the value is (e^x - e^-x) / (e^x + e^-x) and f (1 - f) is not its derivative (1 - f^2): that return fails. The
# straight-line steps above the switch hold with the function they compute.
DTU_HELPERS = """\
def sigmoid(x, derivative=False):
    x_safe = x + 1e-12
    f = 1 / (1 + np.exp(-x_safe))
    if derivative:
        return f * (1 - f)
    else:
        return f

def tanh(x, derivative=False):
    x_safe = x + 1e-12
    f = (np.exp(x_safe)-np.exp(-x_safe))/(np.exp(x_safe)+np.exp(-x_safe))
    if derivative:
        return f * (1 - f)
    else:
        return f
"""


def test_the_steps_of_a_switched_helper():
    space = _run(DTU_HELPERS)
    x = np.linspace(-2, 2, 9)
    eps = 1e-6
    num = (space["sigmoid"](x + eps) - space["sigmoid"](x - eps)) / (2 * eps)
    assert np.allclose(space["sigmoid"](x, True), num, atol=1e-6)
    num = (space["tanh"](x + eps) - space["tanh"](x - eps)) / (2 * eps)
    assert not np.allclose(space["tanh"](x, True), num, atol=1e-3)         # f (1 - f) is not tanh's derivative
    rows = {r.line - 2: r.status for r in verify_derivation(_fenced(DTU_HELPERS)).results}
    assert rows == {2: "pass", 3: "pass", 5: "pass", 7: "pass", 10: "pass", 11: "pass", 13: "fail", 15: "pass"}, rows
    # a value that is no sigmoid (the sign of the exponent lost): its return fails, and no step is said to hold
    bad = DTU_HELPERS.replace("f = 1 / (1 + np.exp(-x_safe))", "f = 1 / (1 + np.exp(x_safe))")
    rows = {r.line - 2: r.status for r in verify_derivation(_fenced(bad)).results}
    assert rows.get(7) == "fail" and 2 not in rows and 3 not in rows, rows


# A class of helpers whose tanh is (1 - e^{-x}) / (1 + e^{-x}) = tanh(x / 2) (a published slip), and whose
# derivative helper calls it: 1 - self.tanh(x)^2. By hand: the first is not tanh; the second is not tanh's
# derivative either (it reads the class's own tanh, not numpy's: with the right body both hold).
SELF_HELPERS = """\
class function:
    def tanh(self, x):
        s = (1 - np.exp(-1*x))/(1 + np.exp(-1*x))
        return s

    def differ_tanh(self, x):
        output = 1 - self.tanh(x)*self.tanh(x)
        return output
"""


def test_a_helper_calling_its_class_s_own_helper():
    space = _run(SELF_HELPERS)
    f, x, eps = space["function"](), np.linspace(-2, 2, 9), 1e-6
    assert not np.allclose(f.tanh(x), np.tanh(x))
    assert not np.allclose(f.differ_tanh(x), (f.tanh(x + eps) - f.tanh(x - eps)) / (2 * eps), atol=1e-3)
    rows = {r.line - 2: r.status for r in verify_derivation(_fenced(SELF_HELPERS)).results}
    assert rows.get(3) == "fail" and rows.get(7) == "fail", rows
    good = SELF_HELPERS.replace("(1 - np.exp(-1*x))/(1 + np.exp(-1*x))", "(1 - np.exp(-2*x))/(1 + np.exp(-2*x))")
    f = _run(good)["function"]()
    assert np.allclose(f.differ_tanh(x), (f.tanh(x + eps) - f.tanh(x - eps)) / (2 * eps), atol=1e-6)
    rows = {r.line - 2: r.status for r in verify_derivation(_fenced(good)).results}
    assert rows.get(3) == "pass" and rows.get(7) == "pass", rows
