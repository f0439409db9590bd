"""Round 36 notations: step dicts with gradients named by run-together letters, helpers of two arguments, beamer
overlays, a loss restated through its output.

* numpy code keeps each step's values in dicts named with the step (``h_t[t]``, ``y_t[t]``) and names the
  gradients by running the letter into the step (``d_ht``) or by the capital (``d_Y``), after gstechgeek's LSTM;
* it states its loss through a helper of two arguments (``loss_func(p_t[i], target[i])``);
* beamer slides reveal a chain of equalities link by link (``\\visible<2->{&= ...\\\\}``) and write vectors as
  ``\\vect{h}``;
* notes restate a loss of the output through the state (``L = l(y_t, \\hat y_t) = l(y_t, h_t)``): the output is
  the state, which is not defined again.

Every verdict is worked out by hand; the code's gradients are confirmed below by central finite differences of
the same numpy code run here (independent of symlstm).
"""
import re

import numpy as np

from symlstm.verify import verify_file
from symlstm.verify.text.codefences import code_helpers
from symlstm.verify.text.texfile import _overlays
from _timing import within

#: A softmax RNN trained by BPTT, its values in step dicts and its gradients named d_ht, d_Y (after gstechgeek).
RNN_CODE = '''\
```python
import numpy as np

def softmax(v):
    return np.exp(v) / np.sum(np.exp(v))

def loss_func(pred: np.ndarray, target: np.ndarray) -> np.ndarray:
    return -np.sum(target * np.log(pred))

def train(inputs, target, h_prev, Wx, Wh, b, Wy, by):
    h_t, y_t, p_t = {}, {}, {}
    h_t[-1] = h_prev
    loss = 0
    for i in range(len(inputs)):
        h_t[i] = np.tanh(Wx @ inputs[i] + Wh @ h_t[i - 1] + b)
        y_t[i] = Wy @ h_t[i] + by
        p_t[i] = softmax(y_t[i])
        loss += loss_func(p_t[i], target[i])
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    dWy, dby = np.zeros_like(Wy), np.zeros_like(by)
    dh_next = np.zeros_like(h_prev)
    for t in reversed(range(len(inputs))):
        d_Y = p_t[t] - target[t]
        d_ht = Wy.T @ d_Y + dh_next
        dz = d_ht * (1 - h_t[t] ** 2)
        dWy += d_Y @ h_t[t].T
        dby += d_Y
        dWx += dz @ inputs[t].T
        dWh += dz @ h_t[t - 1].T
        db += dz
        dh_next = Wh.T @ dz
    return loss, dWx, dWh, db, dWy, dby
```
'''
#: Lines of the fence's statements (1-based lines of the note).
FORWARD_LINES = (15, 16, 17, 18)
D_Y, D_HT, DZ, DWY, DBY, DWX, DWH, DB, DH_NEXT = 23, 24, 25, 26, 27, 28, 29, 30, 31

#: The published slip of gstechgeek's LSTM: the gradient of the state leaves out what comes back from step t+1.
RNN_NO_CARRY = RNN_CODE.replace("d_ht = Wy.T @ d_Y + dh_next", "d_ht = Wy.T @ d_Y")
#: The softmax gradient with the wrong sign on the labels.
RNN_SIGN = RNN_CODE.replace("d_Y = p_t[t] - target[t]", "d_Y = p_t[t] + target[t]")


def _statuses(tmp_path, text, name="note.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    out = {}
    for r in verify_file(None, str(p)).results:
        out.setdefault(r.line, []).append(r.status)
    return out


def _fence_scope(text):
    """The names the note's python fence defines, run by numpy with a sigmoid at hand (the oracle runs the
    author's own code)."""
    body = text.split("```python\n", 1)[1].split("```", 1)[0]
    scope = {"np": np, "sigmoid": lambda v: 1 / (1 + np.exp(-v))}
    exec(compile(body, "<fence>", "exec"), scope)      # the test's own fixed code, never user text
    return scope


def _run_fence(text):
    """The fence's train function."""
    return _fence_scope(text)["train"]


def _problem(seed=3, n_in=3, n_h=4, n_out=5, steps=4):
    rng = np.random.default_rng(seed)
    inputs = [rng.normal(size=(n_in, 1)) for _ in range(steps)]
    target = []
    for _ in range(steps):
        y = np.zeros((n_out, 1))
        y[rng.integers(n_out)] = 1.0
        target.append(y)
    params = [rng.normal(scale=0.5, size=s) for s in ((n_h, n_in), (n_h, n_h), (n_h, 1), (n_out, n_h), (n_out, 1))]
    return inputs, target, np.zeros((n_h, 1)), params


def _fd(train, inputs, target, h0, params, k, eps=1e-6):
    out = np.zeros_like(params[k])
    for idx in np.ndindex(params[k].shape):
        up = [p.copy() for p in params]
        dn = [p.copy() for p in params]
        up[k][idx] += eps
        dn[k][idx] -= eps
        out[idx] = (train(inputs, target, h0, *up)[0] - train(inputs, target, h0, *dn)[0]) / (2 * eps)
    return out


def test_the_oracle_confirms_the_code_and_its_slip():
    inputs, target, h0, params = _problem()
    right = _run_fence(RNN_CODE)
    grads = right(inputs, target, h0, *params)[1:]
    for k in range(5):
        assert np.allclose(grads[k], _fd(right, inputs, target, h0, params, k), atol=1e-6)
    slip = _run_fence(RNN_NO_CARRY)(inputs, target, h0, *params)[1:]
    assert not np.allclose(slip[0], _fd(right, inputs, target, h0, params, 0), atol=1e-4)    # dWx wrong
    assert np.allclose(slip[3], grads[3])       # dWy needs no carry: still right


def test_step_dicts_and_run_together_gradient_names(tmp_path):
    got = _statuses(tmp_path, RNN_CODE)
    for line in FORWARD_LINES:
        assert got[line] == ["pass"], (line, got)
    for line in (D_Y, D_HT, DWY, DBY, DWX, DWH, DB):
        assert got[line] == ["pass"], (line, got)


def test_the_missing_carry_fails_at_its_own_line(tmp_path):
    got = _statuses(tmp_path, RNN_NO_CARRY)
    assert got[D_HT] == ["fail"], got
    assert got[D_Y] == ["pass"] and got[DWY] == ["pass"], got


def test_the_labels_sign_fails(tmp_path):
    got = _statuses(tmp_path, RNN_SIGN)
    assert got[D_Y] == ["fail"], got


def test_helpers_of_two_arguments():
    helpers = code_helpers([RNN_CODE.split("```python\n", 1)[1]])
    assert helpers["loss_func"] == (("pred", "target"), "-np.sum(target * np.log(pred))")
    # a method that reads the model's weights states the cell: no helper
    method = "class G:\n    def reset_gate(self, x, h_prev):\n        r = sigmoid(self.W_r @ x + self.U_r @ h_prev)\n" \
             "        return r\n"
    assert "reset_gate" not in code_helpers([method])


#: A beamer frame revealing the gradient of step t's loss at the state, link by link, with a vector macro (through
#: o^{(t)} only: the loss of step t does not reach h^{(t)} through later steps).
BEAMER = r"""\begin{frame}
\begin{equation*}
\vect{h}^{(t)} = \tanh(\vect{W} \vect{h}^{(t-1)} + \vect{U} \vect{x}^{(t)} + \vect{b})
\end{equation*}
\begin{equation*}
\vect{o}^{(t)} = \vect{V} \vect{h}^{(t)}
\end{equation*}
\pause
\begin{align*}
\frac{\partial L^{(t)}}{\partial \vect{h}^{(t)}} &= \left(\frac{\partial \vect{o}^{(t)}}{\partial \vect{h}^{(t)}}\right)^{T} \frac{\partial L^{(t)}}{\partial \vect{o}^{(t)}}\\
\visible<2->{&= \vect{V}^{T} \frac{\partial L^{(t)}}{\partial \vect{o}^{(t)}}\\}
\end{align*}
\end{frame}
"""


def test_beamer_overlays_and_vect(tmp_path):
    got = _statuses(tmp_path, BEAMER, "slides.tex")
    assert got == {3: ["pass"], 6: ["pass"], 10: ["pass"], 11: ["pass"]}, got
    wrong = BEAMER.replace(r"{&= \vect{V}^{T} \frac", r"{&= \vect{V} \frac")
    assert _statuses(tmp_path, wrong, "slides.tex")[11] == ["fail"]


def test_overlays_keep_offsets():
    text = r"a \visible<2->{ =b\\} \only<3>{c} \pause d \visible<2->{ open"
    out = _overlays(text)
    assert len(out) == len(text)
    assert out.split() == ["a", "=b\\\\", "c", "d", "\\visible<2->{", "open"]


#: A loss restated through the output: the output is the state (after leakssss's notes).
LOSS_THROUGH_OUTPUT = r"""$$h_t = \tanh(W_h h_{t-1} + W_x x_t + b)$$

$$
\begin{align*}
L &= l(y_t, \hat{y}_t)\\
 &= l(y_t, h_t)
\end{align*}
$$

$$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1 - h_t^2) W_h$$
"""


def test_a_loss_restated_through_the_state_does_not_define_the_state_again(tmp_path):
    got = _statuses(tmp_path, LOSS_THROUGH_OUTPUT)
    assert got == {1: ["pass"], 5: ["pass"], 6: ["pass"], 10: ["pass"]}, got
    wrong = LOSS_THROUGH_OUTPUT.replace(r"h_t^2) W_h$$", r"h_t^2) W_x$$")
    assert _statuses(tmp_path, wrong)[10] == ["fail"]


#: A loop that sums one gradient (dWc +=) and sets another anew at each step (dWo =), read after the loop: the
#: second keeps one step's part (alexuhl's KIT LSTM, line 404); the summing row reads no assignment's right side.
SET_ANEW = '''\
```python
def backward(xs, hs, cs, W, lr):
    h, c = {}, {}
    h[-1] = np.zeros((3, 1))
    for t in range(len(xs)):
        c[t] = np.tanh(W @ xs[t] + h[t - 1])
        h[t] = np.tanh(c[t])
    dWc = np.zeros_like(W)
    for t in reversed(range(len(xs))):
        dh = np.ones_like(h[t])
        dc = dh * (1 - h[t] ** 2)
        dWc += (dc * (1 - c[t] ** 2)) @ xs[t].T
        dWo = (dc * (1 - c[t] ** 2)) @ xs[t].T
    W -= lr * dWo
```
'''


def test_a_gradient_set_anew_beside_one_summed_is_reported_not_a_crash(tmp_path):
    got = _statuses(tmp_path, SET_ANEW)
    assert got.get(13) == ["fail"], got         # dWo keeps step t's part only
    p = tmp_path / "crash.md"
    p.write_text(SET_ANEW, encoding="utf-8")
    # (no crash: no row says the reader failed; dW_c's row is reported not checked since round 60)
    assert not any("reader failed" in (r.why or "") for r in verify_file(None, str(p)).results), got


def test_a_reader_failure_on_code_alone_lists_the_code_rows(tmp_path, monkeypatch):
    from symlstm.verify.judging import judge

    def broken(text, results):
        raise RuntimeError("boom")
    monkeypatch.setattr(judge, "_code_checks", broken)
    p = tmp_path / "note.md"
    p.write_text(RNN_CODE, encoding="utf-8")
    rows = verify_file(None, str(p)).results
    assert rows and all(r.status == "unreadable" and "reader failed" in r.why for r in rows)
    assert {r.line for r in rows} >= {15, 23, 24}


def test_overlays_are_read_in_one_pass_on_hostile_text():
    # about a million characters each (the file limit): one pass takes a fraction of a second, a pass per overlay
    # (quadratic) minutes; the bound leaves room for a busy machine
    for text in ("\\visible<1>{" * 80000, "\\only<2->{" * 40000 + "}" * 40000, "{\\pause" * 100000):
        seconds, out = within(5.0, lambda: _overlays(text))
        assert seconds < 5.0 and len(out) == len(text)
    assert _overlays("\\only<2->{" * 3 + "x" + "}" * 3).split() == ["x"]


#: A chain whose head the reader cannot read (a macro of a file the note does not include): its next link is
#: still checked, from the last side of the unread row.
UNREAD_HEAD = r"""$$h_t = \tanh(W h_{t-1} + U x_t)$$

$$
\begin{align*}
\jac{h_t}{h_{t-1}} &= \frac{\partial h_t}{\partial h_{t-1}} \\
&= \operatorname{diag}(1 - h_t^2) W
\end{align*}
$$
"""


def test_a_link_after_an_unread_head_is_checked(tmp_path):
    got = _statuses(tmp_path, UNREAD_HEAD)
    assert got == {1: ["pass"], 5: ["unreadable"], 6: ["pass"]}, got
    wrong = UNREAD_HEAD.replace(r"h_t^2) W", r"h_t^2) W^\top")
    assert _statuses(tmp_path, wrong)[6] == ["fail"]


#: A pre-activation named with a doubled underscore (unbong's ``middle__mat``): one underscore's name.
DOUBLE_UNDERSCORE = '''\
```python
def step_forward(x, h_prev, Wx, Wh, b):
    pre__act = np.dot(Wx, x) + np.dot(Wh, h_prev) + b
    h_next = np.tanh(pre__act)
    return h_next

def step_backward(dh_next, x, h_prev, h_next, Wx, Wh):
    dpre__act = dh_next * (1 - h_next ** 2)
    dWx = np.dot(dpre__act, x.T)
    dWh = np.dot(dpre__act, h_prev.T)
    dh_prev = np.dot(Wh.T, dpre__act)
```
'''


def test_a_doubled_underscore_inside_a_code_name(tmp_path):
    got = _statuses(tmp_path, DOUBLE_UNDERSCORE)
    assert got == {k: ["pass"] for k in (3, 4, 8, 9, 10, 11)}, got
    wrong = DOUBLE_UNDERSCORE.replace("dWx = np.dot(dpre__act, x.T)", "dWx = np.dot(dpre__act, h_prev.T)")
    assert _statuses(tmp_path, wrong)[9] == ["fail"]


#: A CS231n-style LSTM step: the backward step is handed dnext_h and dnext_c (what reaches h_t and c_t from outside
#: the step). The correct step adds the path through h_t to dnext_c; the classic slip (unbong's LSTM2, fixed in its
#: history two days later) builds the gates' gradients from dnext_c alone.
LSTM_STEP = '''\
```python
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[1]
    a = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
    i = sigmoid(a[:, 0:H])
    f = sigmoid(a[:, H:2*H])
    o = sigmoid(a[:, 2*H:3*H])
    g = np.tanh(a[:, 3*H:4*H])
    next_c = f * c_prev + i * g
    next_h = o * np.tanh(next_c)
    return next_h, next_c

def lstm_step_backward(dnext_h, dnext_c, x, h_prev, c_prev, i, f, o, g, next_c):
    dc = dnext_c + dnext_h * o * (1 - np.tanh(next_c) ** 2)
    di = dc * g
    df = dc * c_prev
    do = dnext_h * np.tanh(next_c)
    return di, df, do
```
'''
LSTM_STEP_SLIP = LSTM_STEP.replace("dc = dnext_c + dnext_h * o * (1 - np.tanh(next_c) ** 2)", "dc_prev = dnext_c * f") \
    .replace("di = dc * g", "di = dnext_c * g").replace("df = dc * c_prev", "df = dnext_c * c_prev")


def _step_grads(text):
    scope = _fence_scope(text)
    return scope["lstm_step_forward"], scope["lstm_step_backward"]


def test_the_step_contract_oracle():
    # L = <wh, next_h> + <wc, next_c>: dnext_h = wh and dnext_c = wc are what reaches h_t and c_t from outside
    rng = np.random.default_rng(5)
    n, d, hd = 2, 3, 4
    x, h0, c0 = rng.normal(size=(n, d)), rng.normal(size=(n, hd)), rng.normal(size=(n, hd))
    Wx, Wh, b = rng.normal(size=(d, 4 * hd)), rng.normal(size=(hd, 4 * hd)), rng.normal(size=4 * hd)
    wh, wc = rng.normal(size=(n, hd)), rng.normal(size=(n, hd))
    fwd, _ = _step_grads(LSTM_STEP)
    a = x @ Wx + h0 @ Wh + b
    gates = [1 / (1 + np.exp(-a[:, k * hd:(k + 1) * hd])) for k in range(3)] + [np.tanh(a[:, 3 * hd:])]
    i, f, o, g = gates
    eps, di_fd = 1e-6, np.zeros_like(i)
    for idx in np.ndindex(i.shape):       # the gradient by the input gate's value, by central differences
        up, dn = i.copy(), i.copy()
        up[idx] += eps
        dn[idx] -= eps
        loss = [np.sum(wh * o * np.tanh(f * c0 + ii * g)) + np.sum(wc * (f * c0 + ii * g)) for ii in (up, dn)]
        di_fd[idx] = (loss[0] - loss[1]) / (2 * eps)
    next_h, next_c = fwd(x, h0, c0, Wx, Wh, b)
    for text, right in ((LSTM_STEP, True), (LSTM_STEP_SLIP, False)):
        di = _step_grads(text)[1](wh, wc, x, h0, c0, i, f, o, g, next_c)[0]
        assert np.allclose(di, di_fd, atol=1e-6) == right


def test_a_steps_given_cell_gradient_is_what_comes_from_the_later_step(tmp_path):
    got = _statuses(tmp_path, LSTM_STEP)
    # (line 3, H = h_prev.shape[1], names a size: no formula, not reported)
    assert got == {k: ["pass"] for k in (4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17)}, got
    got = _statuses(tmp_path, LSTM_STEP_SLIP)
    assert got[14] == ["fail"] and got[15] == ["fail"] and got[16] == ["fail"] and got[17] == ["pass"], got


#: *Deep Learning from Scratch 2*'s LSTM step, as functions: gates sliced from one packed pre-activation A, their
#: gradients turned into the pre-activations' in place (di *= i * (1 - i)), stacked back into dA.
DLFS2_STEP = '''\
```python
def lstm_forward(x, h_prev, c_prev, Wx, Wh, b):
    N, H = h_prev.shape
    A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
    f = sigmoid(A[:, :H])
    g = np.tanh(A[:, H:2*H])
    i = sigmoid(A[:, 2*H:3*H])
    o = sigmoid(A[:, 3*H:])
    c_next = f * c_prev + g * i
    h_next = o * np.tanh(c_next)
    return h_next, c_next

def lstm_backward(dh_next, dc_next, x, h_prev, c_prev, Wx, Wh, f, g, i, o, c_next):
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
    dg *= (1 - g ** 2)
    dA = np.hstack((df, dg, di, do))
    dWh = np.dot(h_prev.T, dA)
    dWx = np.dot(x.T, dA)
    db = dA.sum(axis=0)
    dx = np.dot(dA, Wx.T)
    dh_prev = np.dot(dA, Wh.T)
    return dx, dh_prev, dc_prev, dWx, dWh, db
```
'''
DLFS2_LINES = (4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30)


def test_dlfs2_step_by_finite_differences():
    scope = _fence_scope(DLFS2_STEP)
    fwd, bwd = scope["lstm_forward"], scope["lstm_backward"]
    rng = np.random.default_rng(9)
    n, d, hd = 2, 3, 4
    x, h0, c0 = rng.normal(size=(n, d)), rng.normal(size=(n, hd)), rng.normal(size=(n, hd))
    Wx, Wh, b = rng.normal(size=(d, 4 * hd)), rng.normal(size=(hd, 4 * hd)), rng.normal(size=4 * hd)
    wh, wc = rng.normal(size=(n, hd)), rng.normal(size=(n, hd))

    def loss(Wx_):
        h, c = fwd(x, h0, c0, Wx_, Wh, b)
        return np.sum(wh * h) + np.sum(wc * c)
    a = x @ Wx + h0 @ Wh + b
    sig = lambda v: 1 / (1 + np.exp(-v))      # noqa: E731
    f, g, i, o = sig(a[:, :hd]), np.tanh(a[:, hd:2 * hd]), sig(a[:, 2 * hd:3 * hd]), sig(a[:, 3 * hd:])
    c_next = f * c0 + g * i
    dWx = bwd(wh, wc, x, h0, c0, Wx, Wh, f, g, i, o, c_next)[3]
    eps, fd = 1e-6, np.zeros_like(Wx)
    for idx in np.ndindex(Wx.shape):
        up, dn = Wx.copy(), Wx.copy()
        up[idx] += eps
        dn[idx] -= eps
        fd[idx] = (loss(up) - loss(dn)) / (2 * eps)
    assert np.allclose(dWx, fd, atol=1e-6)


def test_gates_sliced_from_a_packed_preactivation(tmp_path):
    got = _statuses(tmp_path, DLFS2_STEP)
    assert got == {k: ["pass"] for k in DLFS2_LINES}, got
    wrong = DLFS2_STEP.replace("di *= i * (1 - i)", "di *= i * i")
    assert _statuses(tmp_path, wrong)[21] == ["fail"]
    wrong = DLFS2_STEP.replace("np.hstack((df, dg, di, do))", "np.hstack((dg, df, di, do))")
    assert _statuses(tmp_path, wrong)[25] == ["fail"]


def test_gates_named_by_their_words(tmp_path):
    # input_gate, forget_gate, output_gate for i, f, o (the DLFS2 retyped with words): di, df, do are theirs
    worded = DLFS2_STEP
    for letter, word in (("i", "input_gate"), ("f", "forget_gate"), ("o", "output_gate")):
        worded = re.sub(rf"(?<![\w.]){letter}(?![\w(])", word, worded)
    got = _statuses(tmp_path, worded)
    assert got == {k: ["pass"] for k in DLFS2_LINES}, got
