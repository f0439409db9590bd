r"""Round 23 of verify: code and notes as course books and homework write them. The LSTM layer of "Deep Learning
from Scratch 2" (Saitoh's TimeLSTM cell, copied by many course notebooks): in-place products (``di *= i * (1 -
i)``), temporaries named with digits (``A2``), ``tanh(c_next)`` recomputed in the backward pass; a GRU whose
backward pass reuses one temporary ``dt`` for each gate; a concatenation filled block by block side by side
(``concat[:, :H] = h_prev``); a loss applied to a time (``\mathcal{L}(t+1)``); a delta recursion that runs to the
last step (``\delta_{t+1}`` past the run is zero). Every expected verdict is worked out by hand; the oracles check
the code's numbers against numpy finite differences (never with symlstm)."""
from __future__ import annotations

import numpy as np

from symlstm.verify.judging.judge import verify_derivation

from codecheck import _fd, _fenced, _run, _statuses
from _timing import within


def _line(code: str, text: str) -> int:
    """The 1-based line of ``code`` that holds ``text`` (once)."""
    found = [k + 1 for k, line in enumerate(code.split("\n")) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


# Saitoh's LSTM cell (DLFS2, ch. 6), row vectors, the four gates' pre-activations side by side in A (f, g, i, o).
# By hand, with dh_next, dc_next the gradients of the loss by h_next and c_next (dc_next: what reaches c_next from
# the step after): A2 is the gradient of c_next through h_next (through tanh(c_next)), ds = dc_next + A2 is
# c_next's total, dc_prev = ds f, di = ds g, df = ds c_prev, do = dh_next tanh(c_next), dg = ds i are the gates'
# gradients, and the in-place products make them the pre-activations' (sigmoid: y(1 - y); tanh: 1 - y^2); dA
# stacks them, and dWh, dWx, db, dx, dh_prev follow from A = x Wx + h_prev Wh + b. Every row is right.
LSTM_CODE = """\
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class LSTM:
    def forward(self, x, h_prev, c_prev):
        Wx, Wh, b = self.params
        N, H = h_prev.shape
        A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
        f = A[:, :H]
        g = A[:, H:2*H]
        i = A[:, 2*H:3*H]
        o = A[:, 3*H:]
        f = sigmoid(f)
        g = np.tanh(g)
        i = sigmoid(i)
        o = sigmoid(o)
        c_next = f * c_prev + g * i
        h_next = o * np.tanh(c_next)
        self.cache = (x, h_prev, c_prev, i, f, g, o, c_next)
        return h_next, c_next

    def backward(self, dh_next, dc_next):
        Wx, Wh, b = self.params
        x, h_prev, c_prev, i, f, g, o, c_next = self.cache
        tanh_c_next = np.tanh(c_next)
        A2 = (dh_next * o) * (1 - tanh_c_next ** 2)
        ds = dc_next + A2
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
"""
#: the code's formula lines (1-based): the forward rows from A on, then every backward formula but A2 (line 27: the
#: part of c_next's gradient through h_next, one path, which no quantity's gradient is; code rows the reader cannot
#: name are not reported, and the rows below read A2 as its value)
LSTM_ROWS = (9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 26, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
             41, 42, 43)


def _lstm_check(code):
    """The code's gradients and the finite differences of L = <gh, h_next> + <gc, c_next> (D = 2 != H = 3)."""
    rng = np.random.default_rng(5)
    N, D, H = 1, 2, 3
    cell = _run(code)["LSTM"]()
    Wx, Wh, b = rng.normal(size=(D, 4 * H)), rng.normal(size=(H, 4 * H)), rng.normal(size=(1, 4 * H))
    cell.params = [Wx, Wh, b]
    x, h_prev, c_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    gh, gc = rng.normal(size=(N, H)), rng.normal(size=(N, H))

    def loss():
        h, c = cell.forward(x, h_prev, c_prev)
        return float(np.sum(gh * h) + np.sum(gc * c))
    loss()
    dx, dh_prev, dc_prev, dWx, dWh, db = cell.backward(gh, gc)
    fd = _fd(loss, [x, h_prev, c_prev, Wx, Wh, b])
    return [dx, dh_prev, dc_prev, dWx, dWh, db.reshape(1, -1)], fd


def test_dlfs2_lstm_cell_with_in_place_products_is_read_row_by_row():
    got_grads, fd = _lstm_check(LSTM_CODE)
    for g, want in zip(got_grads, fd):          # the code is right
        assert np.allclose(g, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(LSTM_CODE)).results)
    assert got == {**{ln + 2: ["pass"] for ln in LSTM_ROWS}, 29: ["unreadable"]}, got    # (29: not checked)


def test_dlfs2_lstm_slips_fail_where_they_are_made():
    # a sigmoid's derivative written y(1 + y), and dx taken from Wh (D != H: the shapes already disagree)
    bad = LSTM_CODE.replace("di *= i * (1 - i)", "di *= i * (1 + i)").replace("dx = np.dot(dA, Wx.T)",
                                                                               "dx = np.dot(dA, Wh.T)")
    assert bad.count("(1 + i)") == 1 and "dx = np.dot(dA, Wh.T)" in bad
    grads, fd = _lstm_check(bad.replace("dx = np.dot(dA, Wh.T)", "dx = np.dot(dA, Wx.T)"))
    assert not np.allclose(grads[3], fd[3], atol=1e-3)      # dWx is wrong: the input gate's derivative is
    got = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in LSTM_ROWS}
    want[_line(bad, "di *= i * (1 + i)") + 2] = ["fail"]
    want[_line(bad, "dx = np.dot(dA, Wh.T)") + 2] = ["fail"]      # dA Wh^T: 1 x 3 where dx is 1 x 2
    want[29] = ["unreadable"]
    assert got == want, got         # (the rows after di read it as the rule it states: each holds given it)


# A GRU as a Japanese course's DLFS2 port writes it (sooftware's TIL notes): row vectors, the update gate z weighting
# the candidate, one temporary dt reused for each gate, dx and dh_prev accumulated path by path. By hand every row is
# right; the oracle checks every gradient against finite differences of L = <gh, h_next>.
GRU_CODE = """\
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class GRU:
    def forward(self, x, h_prev):
        Wxz, Wxr, Wx = self.Wxz, self.Wxr, self.Wx
        Whz, Whr, Wh = self.Whz, self.Whr, self.Wh
        z = sigmoid(np.dot(x, Wxz) + np.dot(h_prev, Whz))
        r = sigmoid(np.dot(x, Wxr) + np.dot(h_prev, Whr))
        h_hat = np.tanh(np.dot(x, Wx) + np.dot(r*h_prev, Wh))
        h_next = (1-z) * h_prev + z * h_hat
        self.cache = (x, h_prev, z, r, h_hat)
        return h_next

    def backward(self, dh_next):
        Wxz, Wxr, Wx = self.Wxz, self.Wxr, self.Wx
        Whz, Whr, Wh = self.Whz, self.Whr, self.Wh
        x, h_prev, z, r, h_hat = self.cache
        dh_hat = dh_next * z
        dh_prev = dh_next * (1-z)
        dt = dh_hat * (1 - h_hat ** 2)
        dWh = np.dot((r * h_prev).T, dt)
        dhr = np.dot(dt, Wh.T)
        dWx = np.dot(x.T, dt)
        dx = np.dot(dt, Wx.T)
        dh_prev += r * dhr
        dz = dh_next * h_hat - dh_next * h_prev
        dt = dz * z * (1-z)
        dWhz = np.dot(h_prev.T, dt)
        dh_prev += np.dot(dt, Whz.T)
        dWxz = np.dot(x.T, dt)
        dx += np.dot(dt, Wxz.T)
        dr = dhr * h_prev
        dt = dr * r * (1-r)
        dWhr = np.dot(h_prev.T, dt)
        dh_prev += np.dot(dt, Whr.T)
        dWxr = np.dot(x.T, dt)
        dx += np.dot(dt, Wxr.T)
        return dx, dh_prev, dWx, dWh, dWxz, dWhz, dWxr, dWhr
"""
GRU_ROWS = tuple(range(9, 13)) + tuple(range(20, 40))


def test_gru_whose_backward_reuses_one_temporary_is_one_cell():
    rng = np.random.default_rng(8)
    D, H = 2, 3
    cell = _run(GRU_CODE)["GRU"]()
    names = ("Wxz", "Wxr", "Wx", "Whz", "Whr", "Wh")
    for n in names:
        setattr(cell, n, rng.normal(size=(D if n.startswith("Wx") else H, H)))
    x, h_prev, gh = rng.normal(size=(1, D)), rng.normal(size=(1, H)), rng.normal(size=(1, H))

    def loss():
        return float(np.sum(gh * cell.forward(x, h_prev)))
    loss()
    dx, dh_prev, dWx, dWh, dWxz, dWhz, dWxr, dWhr = cell.backward(gh)
    fd = _fd(loss, [x, h_prev, cell.Wx, cell.Wh, cell.Wxz, cell.Whz, cell.Wxr, cell.Whr])
    for g, want in zip((dx, dh_prev, dWx, dWh, dWxz, dWhz, dWxr, dWhr), fd):
        assert np.allclose(g, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(GRU_CODE)).results)
    assert got == {ln + 2: ["pass"] for ln in GRU_ROWS}, got
    # a slip: the reset gate's path into h_prev through Whr (not its transpose) fails there
    bad = GRU_CODE.replace("dh_prev += np.dot(dt, Whr.T)", "dh_prev += np.dot(dt, Whr)")
    got = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in GRU_ROWS}
    want[_line(bad, "dh_prev += np.dot(dt, Whr)") + 2] = ["fail"]
    assert got == want, got


# Coursera's lstm_cell_forward/backward written batch first (rows), the stacked [h_prev, x] filled side by side in
# a zeros array (concat[:, :H] = h_prev). By hand every row is right (the gate gradients are the pre-activations',
# dc_next what reaches c_next from the step after); db summed over the batch's axis 0 is right, over axis 1 wrong.
ROWVEC_CODE = """\
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def lstm_cell(Xt, h_prev, c_prev, Wf, bf, Wi, bi, Wc, bc, Wo, bo, dh_next, dc_next):
    N, D = Xt.shape
    H = h_prev.shape[1]
    concat = np.zeros((N, H + D))
    concat[:, :H] = h_prev
    concat[:, H:] = Xt
    ft = sigmoid(np.dot(concat, Wf) + bf)
    it = sigmoid(np.dot(concat, Wi) + bi)
    ot = sigmoid(np.dot(concat, Wo) + bo)
    cct = np.tanh(np.dot(concat, Wc) + bc)
    c_next = ft * c_prev + it * cct
    h_next = ot * np.tanh(c_next)
    dot = dh_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * dh_next) * (1 - np.square(cct))
    dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * dh_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * dh_next) * ft * (1 - ft)
    dWf = np.dot(concat.T, dft)
    dbf = np.sum(dft, axis=0, keepdims=True)
    dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * dh_next
    return h_next, c_next, dWf, dbf, dc_prev
"""
#: (line 7, H = h_prev.shape[1], is read too: the width of h_prev, true)
ROWVEC_ROWS = (10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)    # (7 names a size off a shape: no formula)


def test_concatenation_filled_side_by_side_is_the_stacked_row():
    rng = np.random.default_rng(11)
    N, D, H = 1, 2, 3
    Ws = [rng.normal(size=s) for s in ((H + D, H), (1, H)) * 4]
    Xt, h_prev, c_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    gh, gc = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    f = _run(ROWVEC_CODE)["lstm_cell"]

    def loss():
        h, c, *_ = f(Xt, h_prev, c_prev, *Ws, gh, gc)
        return float(np.sum(gh * h) + np.sum(gc * c))
    _, _, dWf, dbf, dc_prev = f(Xt, h_prev, c_prev, *Ws, gh, gc)
    fd = _fd(loss, [Ws[0], Ws[1], c_prev])
    for g, want in zip((dWf, dbf, dc_prev), fd):
        assert np.allclose(g, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(ROWVEC_CODE)).results)
    assert got == {ln + 2: ["pass"] for ln in ROWVEC_ROWS}, got
    bad = ROWVEC_CODE.replace("dbf = np.sum(dft, axis=0, keepdims=True)", "dbf = np.sum(dft, axis=1, keepdims=True)")
    got = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in ROWVEC_ROWS}
    want[_line(bad, "axis=1") + 2] = ["fail"]         # summed over the hidden units: one number where db_f has H
    assert got == want, got


# An RNN with a softmax head as Haobin Tan's BPTT notes write it (after Chen's tutorial): the loss of one step
# written as a function of its time, \mathcal{L}(t+1), beside the total -\sum_t y_t \log z_t. By hand: the first
# chain (line 12) holds with \partial h_{t+1}/\partial W_{hh} the total Jacobian; the second (line 13) drops the
# direct term of h_{t+1} (it keeps only the path through h_t): a published error, it fails.
LOSS_TIME_NOTE = r"""
$$
\begin{array}{l}
\mathbf{h}_{t}=\tanh \left(W_{h h} \mathbf{h}_{t-1}+W_{x h} \mathbf{x}_{t}+\mathbf{b}_{\mathbf{h}}\right) \\
\alpha_t = W_{h z} \mathbf{h}_{t}+\mathbf{b}_{z}\\
z_{t}=\operatorname{softmax}\left(\alpha_t\right)
\end{array}
$$
$$ \mathcal{L}(\mathbf{x}, \mathbf{y})=-\sum_{t} y_{t} \log z_{t} $$
$$ \frac{\partial \mathcal{L}(t+1)}{\partial \alpha_{t+1}} = z_{t+1} - y_{t+1} $$
$$ \frac{\partial \mathcal{L}(t+1)}{\partial W_{h h}}=\frac{\partial \mathcal{L}(t+1)}{\partial z_{t+1}} \frac{\partial z_{t+1}}{\partial \mathbf{h}_{t+1}} \frac{\partial \mathbf{h}_{t+1}}{\partial W_{h h}} $$
$$ \frac{\partial \mathcal{L}(t+1)}{\partial W_{h h}}=\frac{\partial \mathcal{L}(t+1)}{\partial z_{t+1}} \frac{\partial z_{t+1}}{\partial \mathbf{h}_{t+1}} \frac{\partial \mathbf{h}_{t+1}}{\partial \mathbf{h}_{t}} \frac{\partial \mathbf{h}_{t}}{\partial W_{h h}} $$
"""


def test_a_loss_applied_to_a_time_is_that_steps_loss():
    got = _statuses(verify_derivation(LOSS_TIME_NOTE).results)
    assert got == {4: ["pass"], 5: ["pass"], 6: ["pass"], 9: ["pass"], 10: ["pass"], 11: ["pass"], 12: ["fail"]}, got


# An Elman RNN with a generic activation phi and a delta recursion run to the last step (no row sets delta_{T+1} = 0).
# By hand: delta_t = dL/da_t = phi'(a_t) (W^T dL/dy_t + V^T delta_{t+1}) (delta past the run: 0), and dL/dU =
# sum_t delta_t x_t^T. The numpy oracle checks the recursion's dL/dU against finite differences of a quadratic loss.
DELTA_NOTE = r"""
$$ a_t = U x_t + V h_{t-1} + b $$
$$ h_t = \tanh(a_t) $$
$$ y_t = W h_t $$
$$ L = \sum_t \frac{1}{2} \| y_t - d_t \|^2 $$
$$ \delta_t = (1 - h_t^2) \odot (W^T \frac{\partial L}{\partial y_t} + V^T \delta_{t+1}) $$
$$ \frac{\partial L}{\partial U} = \sum_t \delta_t x_t^T $$
"""


def _delta_oracle(transpose_v=True):
    rng = np.random.default_rng(2)
    D, H, K, T = 2, 3, 2, 4
    U, V, W, b = rng.normal(size=(H, D)), rng.normal(size=(H, H)) * 0.6, rng.normal(size=(K, H)), rng.normal(size=H)
    xs, ds = rng.normal(size=(T, D)), rng.normal(size=(T, K))

    def run():
        h, hs, loss = np.zeros(H), [], 0.0
        for t in range(T):
            h = np.tanh(U @ xs[t] + V @ h + b)
            hs.append(h)
            loss += 0.5 * np.sum((W @ h - ds[t]) ** 2)
        return hs, loss
    hs, _ = run()
    delta, dU = np.zeros(H), np.zeros_like(U)
    for t in reversed(range(T)):
        back = (V.T if transpose_v else V) @ delta
        delta = (1 - hs[t] ** 2) * (W.T @ (W @ hs[t] - ds[t]) + back)
        dU += np.outer(delta, xs[t])
    return dU, _fd(lambda: run()[1], [U])[0]


def test_a_delta_recursion_run_to_the_last_step_is_checked():
    dU, fd = _delta_oracle()
    assert np.allclose(dU, fd, atol=1e-6)
    got = _statuses(verify_derivation(DELTA_NOTE).results)
    assert got == {2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 6: ["pass"], 7: ["pass"]}, got
    # V for V^T: the recursion is wrong (the oracle's dU from it misses the finite differences). The bare \delta of
    # a cell with one recurrent state is that state's (pre-activation's) gradient, so the recursion is a claim about
    # it and fails where the error is; dL/dU, right for that \delta, passes (round 49: as the recursion's own
    # definition the row passed whatever it said)
    dU, fd = _delta_oracle(transpose_v=False)
    assert not np.allclose(dU, fd, atol=1e-3)
    got = _statuses(verify_derivation(DELTA_NOTE.replace(r"V^T \delta_{t+1}", r"V \delta_{t+1}")).results)
    assert got == {2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 6: ["fail"], 7: ["pass"]}, got


def test_hostile_in_place_and_fill_lines_are_fast_and_clean():
    lines = ["x = np.zeros((1, 4))"] + [f"x[:, {k}:{k + 1}] = a" for k in range(3000)]
    lines += ["d *= " + "(" * 200 + "a" + ")" * 200, "d *= *= *=", "A2" * 500 + " = 1"]
    seconds, report = within(10, lambda: verify_derivation(_fenced("\n".join(lines) + "\n")))
    assert seconds < 10
    assert all(r.status in ("pass", "fail", "unreadable") for r in report.results)


def test_hostile_keyed_reads_objects_and_classes_are_fast_and_clean():
    bodies = [
        "x = " + ".".join(["a"] * 20000) + "\n",                      # a dotted chain with no key
        "x = " + "d['k']" * 3000 + "\n",                               # keyed reads run together
        "h = " + "layer.activate(" * 300 + "x" + ")" * 300 + "\n",    # nested configurable activations
        "s = Sigmoid()\ny = " + "s(" * 400 + "x" + ")" * 400 + "\n",  # nested activation objects
        "h_ = " + " = ".join(["layer.fc['h_'][:, s]"] * 2000) + " = x\n",     # a chain of 2000 stores
        " ".join(f"ht_1 Ct_1 h_tm1 dldh{i}" for i in range(3000)) + "\n",     # step and loss names
        "class A:\n" + "    def forward(self, x, h):\n        h_t = h\n" * 500 +
        "    def backward(self, d):\n        dh = d\n",                 # 500 forward methods
    ]
    from symlstm.verify.text.latexparse import LatexError

    def run(body):
        try:
            return verify_derivation(_fenced(body))
        except LatexError as e:         # a clean refusal (round 77: a name assigned over 64 times)
            return e
    for body in bodies:
        seconds, report = within(10, lambda: run(body))
        assert seconds < 10, body[:40]
        assert isinstance(report, LatexError) or all(r.status in ("pass", "fail", "unreadable")
                                                     for r in report.results)


# A GRU cell as CMU 11-785's homework writes one: activation objects (self.z_act = Sigmoid(), whose derivative() is
# taken at its last input), forward(self, x, h) taking the state of the step before and returning h_t, backward(self,
# delta) taking the gradient of h_t, the forward's h kept as self.hidden, weights applied as x W^T (nn.Linear's
# layout). By hand every formula is right (dz_raw, dr_raw, dn_raw: the gates' pre-activation gradients; dh and dx
# accumulate every path; dWx = np.outer(dn_raw, x), a_i b_j, whichever way the vectors lie); the oracle checks dx,
# dh and dWx against finite differences of L = <g, h_t>.
CMU_CODE = """\
class Sigmoid:
    def forward(self, x):
        self.state = 1 / (1 + np.exp(-x))
        return self.state

    def derivative(self):
        return self.state * (1 - self.state)

    def __call__(self, x):
        return self.forward(x)


class Tanh:
    def forward(self, x):
        self.state = np.tanh(x)
        return self.state

    def derivative(self):
        return 1 - self.state ** 2

    def __call__(self, x):
        return self.forward(x)


class GRU_Cell:
    def __init__(self, in_dim, hidden_dim):
        self.d, self.h = in_dim, hidden_dim
        self.z_act = Sigmoid()
        self.r_act = Sigmoid()
        self.h_act = Tanh()

    def forward(self, x, h):
        self.x = x
        self.hidden = h
        self.z = self.z_act(np.dot(x, self.Wzx.T) + np.dot(h, self.Wzh.T))
        self.r = self.r_act(np.dot(x, self.Wrx.T) + np.dot(h, self.Wrh.T))
        self.n = self.h_act(np.dot(x, self.Wx.T) + np.dot(self.r * h, self.Wh.T))
        h_t = (1 - self.z) * h + self.z * self.n
        return h_t

    def backward(self, delta):
        dz = delta * (self.n - self.hidden)
        dn = delta * self.z
        dh = delta * (1 - self.z)
        dn_raw = dn * self.h_act.derivative()
        dx = np.dot(dn_raw, self.Wx)
        self.dWx = np.outer(dn_raw, self.x)
        drh = np.dot(dn_raw, self.Wh)
        dr = drh * self.hidden
        dh += drh * self.r
        dz_raw = dz * self.z_act.derivative()
        dx += np.dot(dz_raw, self.Wzx)
        dh += np.dot(dz_raw, self.Wzh)
        dr_raw = dr * self.r_act.derivative()
        dx += np.dot(dr_raw, self.Wrx)
        dh += np.dot(dr_raw, self.Wrh)
        return dx, dh
"""
#: the formulas: the activations' own (their definitions, a model each), the forward rows, every backward formula
CMU_ROWS = tuple(_line(CMU_CODE, text) for text in (
    "self.state = 1 / (1 + np.exp(-x))", "self.state = np.tanh(x)", "self.z = ", "self.r = ", "self.n = ",
    "h_t = (1 - self.z)", "dz = delta", "dn = delta", "dh = delta", "dn_raw = dn", "dx = np.dot(dn_raw", "self.dWx",
    "drh =",
    "dr = drh", "dh += drh", "dz_raw =", "dx += np.dot(dz_raw", "dh += np.dot(dz_raw", "dr_raw =",
    "dx += np.dot(dr_raw", "dh += np.dot(dr_raw"))


def _cmu_check(code):
    rng = np.random.default_rng(13)
    D, H = 2, 3
    cell = _run(code)["GRU_Cell"](D, H)
    for n in ("Wzx", "Wrx", "Wx"):
        setattr(cell, n, rng.normal(size=(H, D)))
    for n in ("Wzh", "Wrh", "Wh"):
        setattr(cell, n, rng.normal(size=(H, H)))
    x, h, g = rng.normal(size=D), rng.normal(size=H), rng.normal(size=H)

    def loss():
        return float(np.sum(g * cell.forward(x, h)))
    loss()
    dx, dh = cell.backward(g)
    return (dx, dh, cell.dWx.copy()), _fd(loss, [x, h, cell.Wx])


def test_cmu_gru_cell_with_activation_objects_is_read():
    grads, fd = _cmu_check(CMU_CODE)
    for g, want in zip(grads, fd):
        assert np.allclose(g, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(CMU_CODE)).results)
    assert got == {ln + 2: ["pass"] for ln in CMU_ROWS}, got


def test_cmu_gru_cell_slips_fail_where_they_are_made():
    # the update gate's derivative taken from the reset gate's object (its last input is r's pre-activation)
    bad = CMU_CODE.replace("dz_raw = dz * self.z_act.derivative()", "dz_raw = dz * self.r_act.derivative()")
    assert bad != CMU_CODE
    grads, fd = _cmu_check(bad)
    assert not np.allclose(grads[0], fd[0], atol=1e-3)
    got = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in CMU_ROWS}
    want[_line(bad, "dz_raw = dz * self.r_act") + 2] = ["fail"]
    assert got == want, got


# An RNN layer as EpyNN writes one: arrays kept in dictionaries under their own names (layer.p['U'], the forward
# cache layer.fc['h_'][:, s], gradients layer.g['dU']), values assigned to a name and its store at once, the
# activation a configurable attribute (layer.activate(h_), its derivative layer.activate(h_, deriv=True)): an
# arbitrary smooth function. By hand, with dA the loss's gradient by h at step s and dh the gradient carried from
# s + 1: dh_ = (dA + dhn) f'(h_) is the pre-activation's gradient, dh = dh_ V^T what reaches h at s - 1, dX = dh_ U^T,
# and dU, dV, db add each step's part. The oracle runs the code with tanh and checks dU, dV against finite
# differences of L = sum_s <dA_s, h_s>.
EPYNN_CODE = """\
def rnn_forward(layer, X_all):
    h = np.zeros((1, layer.units))
    for s in range(X_all.shape[1]):
        X = layer.fc['X'][:, s] = X_all[:, s]
        hp = layer.fc['hp'][:, s] = h
        h_ = layer.fc['h_'][:, s] = (
            np.dot(X, layer.p['U'])
            + np.dot(hp, layer.p['V'])
            + layer.p['b']
        )
        h = layer.fc['h'][:, s] = layer.activate(h_)
    return layer.fc['h']


def rnn_backward(layer, dA_all):
    dh = np.zeros((1, layer.units))
    for parameter in ('U', 'V', 'b'):
        layer.g['d' + parameter] = np.zeros_like(layer.p[parameter])
    for s in reversed(range(dA_all.shape[1])):
        dA = dA_all[:, s]
        dhn = dh
        dh_ = (dA + dhn) * layer.activate(layer.fc['h_'][:, s], deriv=True)
        dh = np.dot(dh_, layer.p['V'].T)
        X = layer.fc['X'][:, s]
        hp = layer.fc['hp'][:, s]
        layer.g['dU'] += np.dot(X.T, dh_)
        layer.g['dV'] += np.dot(hp.T, dh_)
        layer.g['db'] += np.sum(dh_, axis=0)
"""
#: the formulas read: hp = h (the state of the step before), the forward's pre-activation and activation, the
#: gradient sent back, and the three parameter gradients (dhn = dh at the loop's top hands dh on: no row; the
#: pre-activation's gradient, line 22, reads dA, the gradient the layer above hands down, which names no quantity
#: of the rows: not read, and the rows below read dh_ as the gradient its name says)
EPYNN_ROWS = (5, 6, 11, 23, 26, 27, 28)


class _Layer:
    """A stand-in for EpyNN's layer object: its dictionaries and a tanh activation."""

    def __init__(self, rng, D, H, S):
        self.units = H
        self.p = {"U": rng.normal(size=(D, H)), "V": rng.normal(size=(H, H)) * 0.6, "b": rng.normal(size=(1, H))}
        self.fc = {k: np.zeros((1, S, D if k == "X" else H)) for k in ("X", "hp", "h_", "h")}
        self.g = {}

    @staticmethod
    def activate(x, deriv=False):
        return 1 - np.tanh(x) ** 2 if deriv else np.tanh(x)


def _epynn_check(code):
    rng = np.random.default_rng(17)
    D, H, S = 2, 3, 4
    space = _run(code)
    layer = _Layer(rng, D, H, S)
    X, dA = rng.normal(size=(1, S, D)), rng.normal(size=(1, S, H))

    def loss():
        return float(np.sum(dA * space["rnn_forward"](layer, X)))
    loss()
    space["rnn_backward"](layer, dA)
    return [layer.g["dU"].copy(), layer.g["dV"].copy()], _fd(loss, [layer.p["U"], layer.p["V"]])


def test_epynn_style_keyed_arrays_and_a_configurable_activation_are_read():
    grads, fd = _epynn_check(EPYNN_CODE)
    for g, want in zip(grads, fd):
        assert np.allclose(g, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(EPYNN_CODE)).results)
    unchecked = {24: ["unreadable"]}      # (reported since round 60: not checked)
    assert got == {**{ln + 2: ["pass"] for ln in EPYNN_ROWS}, **unchecked}, got
    # a slip: the gradient sent back through V, not its transpose
    bad = EPYNN_CODE.replace("dh = np.dot(dh_, layer.p['V'].T)", "dh = np.dot(dh_, layer.p['V'])")
    grads, fd = _epynn_check(bad)
    assert not np.allclose(grads[0], fd[0], atol=1e-3)
    got = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in EPYNN_ROWS}
    want[_line(bad, "dh = np.dot(dh_, layer.p['V'])") + 2] = ["fail"]
    assert got == {**want, **unchecked}, got


def test_a_gradient_dictionary_under_the_parameters_names():
    from symlstm.verify.text.codefences import _keyed_reads
    assert _keyed_reads('        g["W"] += np.outer(da, h_prev)') == "        dW += np.outer(da, h_prev)"
    assert _keyed_reads('    logits = params["Wo"] @ h + params["bo"]') == "    logits = Wo @ h + bo"
    assert _keyed_reads('    dW = grads["dW"]') == ""            # fetched under its own name: no row
    assert _keyed_reads('    x = grads["dx"]') == '    x = grads["dx"]'       # under another: left as written
    assert _keyed_reads("    h_prev = cache['h'][t]") == "    h_prev = cache['h'][t]"   # a list's index: the code's


# An LSTM node as a small numpy repository writes one (colah's equations): scipy's expit for the sigmoid, the state of
# the step before named ht_1, Ct_1 (h_{t-1}, C_{t-1}; ht, Ct the step's own), a helper taking the gate's output, and
# a backward method whose local xx (the concatenation's gradient) reuses the name of the forward's input, dldh and
# dldC for dL/dh, dL/dC. By hand every formula is right: dCt = ot dldh tanh'(Ct) + dldC (dldC: what reaches C_t from
# the step after), the gates' gradients, their pre-activations' (y (1 - y),
# 1 - y^2 through the outputs), the weight gradients (outer products with x = [h_{t-1}; xx]) and xx = sum W^T d.
NODE_CODE = """\
from scipy.special import expit


def dsig_out(y):
    return y * (1 - y)


class LSTMNode:
    def forward(self, xx, ht_1, Ct_1):
        x = np.concatenate([ht_1, xx])
        self.ft = expit(np.dot(self.Wf, x))
        self.it = expit(np.dot(self.Wi, x))
        self.Ctt = np.tanh(np.dot(self.Wc, x))
        self.Ct = self.ft * Ct_1 + self.it * self.Ctt
        self.ot = expit(np.dot(self.Wo, x))
        self.ht = self.ot * np.tanh(self.Ct)
        self.x, self.Ct_1 = x, Ct_1
        return self.ht

    def backward(self, dldh, dldC):
        dCt = self.ot * (1 - np.tanh(self.Ct) ** 2) * dldh + dldC
        do = np.tanh(self.Ct) * dldh
        di = self.Ctt * dCt
        df = self.Ct_1 * dCt
        dCtt = self.it * dCt
        di_calc = dsig_out(self.it) * di
        df_calc = dsig_out(self.ft) * df
        do_calc = dsig_out(self.ot) * do
        dCtt_calc = (1 - self.Ctt ** 2) * dCtt
        self.dWi = np.outer(di_calc, self.x)
        xx = np.dot(self.Wi.T, di_calc)
        xx += np.dot(self.Wf.T, df_calc)
        xx += np.dot(self.Wo.T, do_calc)
        xx += np.dot(self.Wc.T, dCtt_calc)
        return xx
"""


def _node_check(code):
    rng = np.random.default_rng(23)
    D, H = 2, 3
    node = _run(code)["LSTMNode"]()
    for n in ("Wf", "Wi", "Wc", "Wo"):
        setattr(node, n, rng.normal(size=(H, H + D)))
    xx, h0, c0, gh, gc = (rng.normal(size=n) for n in (D, H, H, H, H))

    def loss():
        node.forward(xx, h0, c0)
        return float(np.sum(gh * node.ht) + np.sum(gc * node.Ct))
    loss()
    dx = node.backward(gh, gc)
    return dx, _fd(loss, [h0, xx])


def test_lstm_node_with_expit_step_names_and_a_local_gradient():
    dx, (dh0, dxx) = _node_check(NODE_CODE)
    assert np.allclose(dx, np.concatenate([dh0, dxx]), atol=1e-6)
    got = _statuses(verify_derivation(_fenced(NODE_CODE)).results)
    # (xx, the concatenation's gradient, names no quantity: its four rows are not read, reported unreadable
    # since round 60: not checked)
    rows = [_line(NODE_CODE, t) for t in (
        "x = np.concatenate", "self.ft =", "self.it =", "self.Ctt =", "self.Ct =", "self.ot =", "self.ht =",
        "dCt = ", "do = ", "di = ", "df = ", "dCtt = ", "di_calc = ", "df_calc = ", "do_calc = ", "dCtt_calc = ",
        "self.dWi = ")]
    assert got == {**{ln + 2: ["pass"] for ln in rows}, **{k: ["unreadable"] for k in (33, 34, 35, 36)}}, got
    # a slip: the forget gate's gradient taken with the new state C_t, not C_{t-1}
    bad = NODE_CODE.replace("df = self.Ct_1 * dCt", "df = self.Ct * dCt")
    dx, (dh0, dxx) = _node_check(bad)
    assert not np.allclose(dx, np.concatenate([dh0, dxx]), atol=1e-3)
    got_bad = _statuses(verify_derivation(_fenced(bad)).results)
    assert got_bad[_line(bad, "df = self.Ct * dCt") + 2] == ["fail"]
    assert all(got_bad[ln] == got[ln] for ln in got if ln != _line(bad, "df = self.Ct * dCt") + 2 and
               ln - 2 < _line(bad, "df = self.Ct * dCt")), got_bad       # the rows above it unchanged


# An LSTM cell as a small French library (NPDL) writes one: activations imported under their library's names
# (tanh_forward_npdl, sigmoid_forward_npdl; tanh_backward_npdl(z) is tanh'(z)), gradients named by the loss and the
# quantity (dL_dU holds the update gate's pre-activation gradient). By hand every formula is right; the oracle checks
# dWu_h and dWf_i against finite differences of L = <gh, H> + <gc, C>.
NPDL_HELPERS = """\
def sigmoid_forward_npdl(z):
    return 1 / (1 + np.exp(-z))


def tanh_forward_npdl(z):
    return np.tanh(z)


def tanh_backward_npdl(z):
    return 1 - np.tanh(z) ** 2
"""
#: the cell as the note shows it: the helpers come from the library (imported, not in the fence)
NPDL_CODE = """\
class LSTMCell:
    def forward(self, X, H_prev, c_prev):
        self.c_temp = tanh_forward_npdl(H_prev.dot(self.Wc_h) + X.dot(self.Wc_i))
        self.U = sigmoid_forward_npdl(H_prev.dot(self.Wu_h) + X.dot(self.Wu_i))
        self.F = sigmoid_forward_npdl(H_prev.dot(self.Wf_h) + X.dot(self.Wf_i))
        self.O = sigmoid_forward_npdl(H_prev.dot(self.Wo_h) + X.dot(self.Wo_i))
        self.C = self.U * self.c_temp + self.F * c_prev
        self.H = self.O * tanh_forward_npdl(self.C)
        return self.H, self.C

    def backward(self, X, H_prev, c_prev, dH, dC_next):
        dC = dC_next + dH * self.O * tanh_backward_npdl(self.C)
        dL_dU = dC * self.c_temp * self.U * (1 - self.U)
        self.dWu_h = H_prev.T.dot(dL_dU)
        dL_dF = dC * c_prev * self.F * (1 - self.F)
        self.dWf_i = X.T.dot(dL_dF)
"""


def test_library_named_activations_and_loss_named_gradients():
    rng = np.random.default_rng(29)
    D, H = 2, 3
    cell = _run(NPDL_HELPERS + "\n\n" + NPDL_CODE)["LSTMCell"]()
    for g in "cufo":
        setattr(cell, f"W{g}_h", rng.normal(size=(H, H)))
        setattr(cell, f"W{g}_i", rng.normal(size=(D, H)))
    X, H0, c0, gh, gc = (rng.normal(size=(1, n)) for n in (D, H, H, H, H))

    def loss():
        h, c = cell.forward(X, H0, c0)
        return float(np.sum(gh * h) + np.sum(gc * c))
    loss()
    cell.backward(X, H0, c0, gh, gc)
    fd = _fd(loss, [cell.Wu_h, cell.Wf_i])
    assert np.allclose(cell.dWu_h, fd[0], atol=1e-6) and np.allclose(cell.dWf_i, fd[1], atol=1e-6)
    rows = [_line(NPDL_CODE, t) for t in ("self.c_temp =", "self.U =", "self.F =", "self.O =", "self.C =",
                                          "self.H =", "dC = ", "dL_dU = ", "self.dWu_h", "dL_dF = ", "self.dWf_i")]
    got = _statuses(verify_derivation(_fenced(NPDL_CODE)).results)
    assert got == {ln + 2: ["pass"] for ln in rows}, got
    # with the library's helpers pasted into the fence, the same verdicts (read by their names, not their bodies)
    both = NPDL_HELPERS + "\n\n" + NPDL_CODE
    got = _statuses(verify_derivation(_fenced(both)).results)
    assert got == {ln + 2 + both.count("\n") - NPDL_CODE.count("\n"): ["pass"] for ln in rows}, got
    bad = NPDL_CODE.replace("dL_dF = dC * c_prev * self.F", "dL_dF = dC * self.C * self.F")
    got = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in rows}
    want[_line(bad, "dL_dF = ") + 2] = ["fail"]
    assert got == want, got
