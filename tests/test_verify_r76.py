r"""Round 76: forward loops over a course's step function, private names, loss-named gradients, a batch's mean
and a softmax's axis in code, the input's step taken from its sequence, and a table that lists the gradients.

* Coursera's ``rnn_forward`` / ``lstm_forward`` (round76-d, and some forty older notes) loop over the handout's
  ``rnn_cell_forward``: the start ``a_next = a0``, the call with the input at t and the carried state, and the
  stores ``a[:, :, t] = a_next`` are judged (judging/forwardcalls.py); the initial state passed at every step,
  the input of another step, a start at zero when the function is given ``a0`` and an output kept in another's
  array fail.
* A private name (``_g``, ``self._x``) is read with its underscore moved to its end, or as the bare name an
  attribute keeps (text/privatenames.py); where the code also names the value without the underscore (numpy-ml's
  ``_Go`` beside ``Got``) it stays unread.
* ``dLoss_dW``, ``dCost_dh``: gradients named by the loss and the quantity, as ``dL_dW`` is.
* ``np.mean(d, axis=0)`` is a batch's mean (its scale is the loss's, as a sum's), ``softmax(z, axis=0)`` the
  softmax over the vector's own axis.
* ``x_t = x[t]`` in a forward loop takes the input's step from its sequence: the argument ``x`` is not the state
  before the step (it was read as ``x_prev``, and ``x_t`` as ``x_next``).
* A helper computed in steps (``e_x = np.exp(x - np.max(x))`` then ``return e_x / e_x.sum(axis=0)``): the method's
  reduction is read, and the steps of a helper that holds pass with it.
* A Markdown table listing the gradients next to the parameters (``| $W_y$ | $\frac{\partial L}{\partial W_y}$
  |``) states no equation (it was read as ``W_y = \partial L / \partial W_y`` and hid the forward table).

Every expected verdict is worked out by hand in the comments.
"""
import time

from symlstm.verify.judging.judge import verify_derivation


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def _line(text, snippet):
    return next(k for k, x in enumerate(text.split("\n"), 1) if snippet in x)


# Coursera's rnn_forward as the handout asks: a_next starts at a0, step t reads x[:, :, t] and the a_next the
# call before returned, a and y_pred keep the step's outputs at t (all pass).
RNN_FORWARD = """
```python
def rnn_forward(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, caches
```
"""

# lstm_forward with three slips: xt is the input of step t-1, the call passes a0 at every step (the state the step
# before returned is a_next), and c keeps a_next. The cell state starts at zero (the function takes no c0: pass),
# a_next at a0 (pass), a and y keep their own outputs (pass).
LSTM_FORWARD = """
```python
def lstm_forward(x, a0, parameters):
    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        xt = x[:, :, t - 1]
        a_next, c_next, yt, cache = lstm_cell_forward(xt, a0, c_next, parameters)
        a[:, :, t] = a_next
        c[:, :, t] = a_next
        y[:, :, t] = yt
    return a, y, c
```
"""

# The hidden state starts at zero although the function is given a0 (fail); the rest as the handout asks. The
# misspelt step (the author's own def rnn_cell_froward) is read as the handout's.
ZERO_START = """
```python
def rnn_cell_froward(xt, a_prev, parameters):
    pass

def rnn_forward(x, a0, parameters):
    a_next = np.zeros((n_a, m))
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_froward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
```
"""


# CS231n's rnn_forward carries the state by a copy: prev_h starts at h0, step t reads x[:, t, :] and prev_h,
# prev_h = next_h carries the new state, h keeps it at t (all pass).
CS231N_FORWARD = """
```python
def rnn_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    prev_h = h0
    for t in range(T):
        next_h, step_cache = rnn_step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        prev_h = next_h
        h[:, t, :] = next_h
    return h, cache
```
"""


def test_coursera_forward_loop_passes_as_the_handout_asks():
    v = _verdicts(RNN_FORWARD)
    for snippet in ("a_next = a0", "= rnn_cell_forward(", "a[:, :, t] = a_next", "y_pred[:, :, t] = yt_pred"):
        assert v[_line(RNN_FORWARD, snippet)][0] == "pass", snippet


def test_cs231n_forward_loop_carries_the_state_by_a_copy():
    v = _verdicts(CS231N_FORWARD)
    for snippet in ("prev_h = h0", "= rnn_step_forward(", "prev_h = next_h", "h[:, t, :] = next_h"):
        assert v[_line(CS231N_FORWARD, snippet)][0] == "pass", snippet


def test_forward_loop_slips_fail_where_written():
    v = _verdicts(LSTM_FORWARD)
    assert v[_line(LSTM_FORWARD, "a_next = a0")][0] == "pass"
    assert v[_line(LSTM_FORWARD, "c_next = np.zeros")][0] == "pass"
    assert v[_line(LSTM_FORWARD, "xt = x[:, :, t - 1]")][0] == "fail"
    status, why = v[_line(LSTM_FORWARD, "= lstm_cell_forward(")]
    assert status == "fail" and "a0 at every step" in why and "t - 1" in why
    assert v[_line(LSTM_FORWARD, "a[:, :, t] = a_next")][0] == "pass"
    assert v[_line(LSTM_FORWARD, "c[:, :, t] = a_next")][0] == "fail"
    assert v[_line(LSTM_FORWARD, "y[:, :, t] = yt")][0] == "pass"


def test_forward_loop_zero_start_ignoring_the_initial_state_fails():
    v = _verdicts(ZERO_START)
    status, why = v[_line(ZERO_START, "a_next = np.zeros")]
    assert status == "fail" and "a0" in why
    assert v[_line(ZERO_START, "= rnn_cell_froward(x")][0] == "pass"
    assert v[_line(ZERO_START, "a[:, :, t] = a_next")][0] == "pass"


# A column-layout RNN: x_t = x[t] takes the step's input (no row); h = tanh(W x_t + U h_prev + b). The backward
# names its gradients by the loss: dLoss_da = dLoss_dh * (1 - h^2) (pass), dLoss_dW = da x_t^T (one step's part:
# pass), db = np.mean(da, axis=1) (one column: da itself, pass), dLoss_dhprev = U^T da (what reaches h_{t-1}
# through the step: pass) and dLoss_dx = W^T (da * h), whose extra factor h is wrong (fail).
LOSS_NAMED = """
```python
import numpy as np

class RNN:
    def forward(self, x):
        h_prev = np.zeros((self.H, 1))
        for t in range(len(x)):
            x_t = x[t]
            a = np.dot(self.W, x_t) + np.dot(self.U, h_prev) + self.b
            h = np.tanh(a)
            h_prev = h
        return h

    def backward(self, dLoss_dh, h, h_prev, x_t):
        dLoss_da = dLoss_dh * (1 - h ** 2)
        dLoss_dW = np.dot(dLoss_da, x_t.T)
        db = np.mean(dLoss_da, axis=1)
        dLoss_dhprev = np.dot(self.U.T, dLoss_da)
        dLoss_dx = np.dot(self.W.T, dLoss_da * h)
        return dLoss_dhprev
```
"""


def test_loss_named_gradients_mean_and_the_sequence_argument():
    v = _verdicts(LOSS_NAMED)
    assert _line(LOSS_NAMED, "x_t = x[t]") not in v
    assert v[_line(LOSS_NAMED, "a = np.dot(self.W, x_t)")][0] == "pass"
    assert v[_line(LOSS_NAMED, "dLoss_da =")][0] == "pass"
    assert v[_line(LOSS_NAMED, "dLoss_dW =")][0] == "pass"
    assert v[_line(LOSS_NAMED, "db = np.mean")][0] == "pass"
    assert v[_line(LOSS_NAMED, "dLoss_dhprev =")][0] == "pass"
    assert v[_line(LOSS_NAMED, "dLoss_dx =")][0] == "fail"


# An LSTM step whose candidate is the private _g (no other name starts with g): g_ = tanh(...) defines it, c = f *
# c_prev + i * _g (pass); the backward: dc = dc_next + dh * o * (1 - tanh(c)^2) (pass as what reaches c through
# the step and the state), di = dc * _g (pass), df = dc * _g (fail: dc * c_prev). self._h keeps h: h_out =
# self._h reads h (pass).
PRIVATE = """
```python
def lstm_step(x, h_prev, c_prev, Wf, Wi, Wc, Wo, Uf, Ui, Uc, Uo):
    f = sigmoid(Wf @ x + Uf @ h_prev)
    i = sigmoid(Wi @ x + Ui @ h_prev)
    _g = np.tanh(Wc @ x + Uc @ h_prev)
    o = sigmoid(Wo @ x + Uo @ h_prev)
    c = f * c_prev + i * _g
    h = o * np.tanh(c)
    return h, c

def lstm_step_backward(dh, dc_next):
    dc = dc_next + dh * o * (1 - np.tanh(c) ** 2)
    di = dc * _g
    df = dc * _g
```
"""


def test_private_names_are_read():
    v = _verdicts(PRIVATE)
    for snippet in ("_g = np.tanh", "c = f * c_prev + i * _g", "dc = dc_next", "di = dc * _g"):
        assert v[_line(PRIVATE, snippet)][0] == "pass", snippet
    assert v[_line(PRIVATE, "df = dc * _g")][0] == "fail"


# numpy-ml's LSTMCell recomputes the gates' inputs as _Gf = Zt @ Wf + bo (issue 42: the forget gate's bias is bf).
# _Gf names Gf's input beside Gft: which quantity it is, the reader cannot say, and the row stays unread (read as
# a fresh name's definition, it passed).
NUMPY_ML = """
```python
Gft = self.derived_variables["Gf"][t]
_Gf = Zt @ Wf + bo
dGft = dC * C_prev * self.gate_fn.grad(_Gf)
```
"""


def test_private_name_beside_its_bare_value_stays_unread():
    v = _verdicts(NUMPY_ML)
    assert v.get(_line(NUMPY_ML, "_Gf = Zt"), ("absent", ""))[0] != "pass"


# A notebook's tables: the forward rows h_t and y_t (pass, definitions), and a legend of the gradients beside the
# parameters (no equations). The gradient rows: dL/dW_y = sum_t dL/dy_t h_t^T (pass), dL/dW_h with the same right
# side (fail: W_h acts on h_{t-1} through the tanh).
TABLES = r"""
| Step | Equation | Shape |
|:-----|:---------|:------|
| Hidden state | $h_t = \tanh(W_h h_{t-1} + U_h x_t + b_h)$ | $(H, 1)$ |
| Logits | $y_t = W_y h_t + b_y$ | $(V, 1)$ |

| Parameter | Quantity | Shape |
|:----------|:---------|:------|
| $W_y$ | $\displaystyle\frac{\partial \mathcal{L}}{\partial W_y}$ | $\mathbb{R}^{V \times H}$ |
| $W_h$ | $\displaystyle\frac{\partial \mathcal{L}}{\partial W_h}$ | $\mathbb{R}^{H \times H}$ |

$$\frac{\partial \mathcal{L}}{\partial W_y} = \sum_{t=1}^{T} \frac{\partial \mathcal{L}}{\partial y_t} h_t^\top$$

$$\frac{\partial \mathcal{L}}{\partial W_h} = \sum_{t=1}^{T} \frac{\partial \mathcal{L}}{\partial y_t} h_t^\top$$
"""


def test_a_legend_of_gradients_is_no_equation():
    v = _verdicts(TABLES)
    assert v[_line(TABLES, "Hidden state")][0] == "pass"
    assert v[_line(TABLES, "Logits")][0] == "pass"
    assert _line(TABLES, "| $W_y$ |") not in v and _line(TABLES, "| $W_h$ |") not in v
    lines = TABLES.split("\n")
    rows = [k for k, x in enumerate(lines, 1) if x.startswith("$$")]
    assert v[rows[0]][0] == "pass"
    assert v[rows[1]][0] == "fail"


# A softmax in two steps (pass, both lines), and one that divides by the largest exponential instead of their sum
# (e_x / e_x.max() is 1 at the largest entry: no softmax, fail; its first step stays unjudged).
HELPERS = """
```python
def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)

def softmax_bad(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.max()
```
"""


def test_helper_steps_pass_with_the_helper():
    v = _verdicts(HELPERS)
    first = _line(HELPERS, "e_x = np.exp")
    assert v[first][0] == "pass" and v[first + 1][0] == "pass"
    bad = _line(HELPERS, "return e_x / e_x.max()")
    assert v[bad][0] == "fail" and bad - 1 not in v


# Coursera's rnn_backward read through the step's dictionary: da0 = gradients["da_prev"] after the loop is the
# last call's (step 0's) da_prev (pass); gradients["dxt"] is the input's (fail).
STEP_ZERO = """
```python
def rnn_backward(da, caches):
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt = gradients["dxt"], gradients["da_prev"]
    da0 = gradients["da_prev"]
    return da0

def rnn_backward_bad(da, caches):
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt = gradients["dxt"], gradients["da_prev"]
    da0 = gradients["dxt"]
    return da0
```
"""


def test_first_state_gradient_from_the_last_call():
    v = _verdicts(STEP_ZERO)
    lines = [k for k, x in enumerate(STEP_ZERO.split("\n"), 1) if x.strip().startswith("da0 =")]
    assert v[lines[0]][0] == "pass"
    assert v[lines[1]][0] == "fail"


# CS231n-style comments restate the forward lines above the backward ones: "# h = np.tanh(a)" reads as h =
# tanh(a) (pass; it was unreadable at np.tanh).
COMMENTED = """
```python
def rnn_step_forward(x, prev_h, Wx, Wh, b):
    a = x.dot(Wx) + prev_h.dot(Wh) + b
    next_h = np.tanh(a)
    return next_h

def rnn_step_backward(dnext_h, cache):
    # next_h = np.tanh(a)
    da = dnext_h * (1 - next_h ** 2)
    # a = x.dot(Wx) + prev_h.dot(Wh) + b
    dx = da.dot(Wx.T)
```
"""


def test_comment_restating_code_is_read():
    v = _verdicts(COMMENTED)
    assert v[_line(COMMENTED, "# next_h = np.tanh(a)")][0] == "pass"
    assert v[_line(COMMENTED, "da = dnext_h")][0] == "pass"


def test_round76_patterns_over_long_hostile_inputs_end():
    """Thousands of private names, forward calls and table rows: read or refused, in well under the bounds."""
    names = "\n".join(f"_v{k} = _w{k} + 1" for k in range(1500))
    calls = "a_next = a0\nfor t in range(T):\n" + "\n".join(
        f"    a_next, y{k}, cache = rnn_cell_forward(x[:, :, t], a_next, p)" for k in range(1500))
    table = "| a | b |\n|---|---|\n" + "\n".join(f"| $W_{k}$ | $\\partial L / \\partial W_{k}$ |" for k in range(1500))
    for text in (f"```python\n{names}\n```\n", f"```python\ndef f(x, a0, p):\n{calls}\n```\n", table):
        t0 = time.perf_counter()
        try:
            verify_derivation(text)
        except Exception as exc:        # a refusal names its bound
            assert "limit" in str(exc) or "at most" in str(exc) or "too" in str(exc), exc
        assert time.perf_counter() - t0 < 20
