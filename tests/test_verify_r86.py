r"""Round 86 of reading derivations as written (issue 10): numpy code in rows, with its names as it writes them.

* A capital at a step (``X_t.T @ dz``, ``H_prev.T``: a batch of rows, the row layout's data) is no weight: it does
  not vote for columns (judging/layoutvotes.py), so a row-layout RNN with lower-case weights (``w_xh``) is read in
  rows, its forward row runs, and its backward rows are judged.
* The gradient handed to a backward function, read at step t in a sum with the carried one, is Delta_t also where
  the sum is multiplied by a derivative at once (``dz = (dY[t] + dh_next) * (1 - hs[t] ** 2)``).
* A temporary whose value reads the carried name that a later row sets from it (``dz = (...) + dh_next ...``, then
  ``dh_next = dz @ W.T``) is read there as the gradient its own row was found to be, not left unread.
* A class helper for the softmax's derivative (``Softmax.diff``: a Jacobian) is not judged, and no longer crashes
  the reader.

Every expected verdict is worked out by hand in the comments, and the code is checked by finite differences.
"""
import numpy as np

from codecheck import _fd, _fenced, _run, _statuses
from symlstm.verify.judging.judge import verify_derivation

# An Elman RNN in rows (a batch of one row): h_t = tanh(x_t w_xh + h_{t-1} w_hh + b_h), with the loss's gradient by
# each h_t handed in (dY[t]). Backwards over t: dz_t = (dY_t + dh_next) * (1 - h_t^2), dh_next being what reaches
# h_t from step t+1; then w_xh's part x_t^T dz_t, w_hh's h_{t-1}^T dz_t, b_h's dz_t, and what reaches h_{t-1}:
# dz_t w_hh^T. Every row is right.
ROW_RNN = """\
def forward(X, w_xh, w_hh, b_h):
    hs = {-1: np.zeros((1, w_hh.shape[0]))}
    for t in range(len(X)):
        X_t = X[t]
        hs[t] = np.tanh(np.dot(X_t, w_xh) + np.dot(hs[t - 1], w_hh) + b_h)
    return hs

def backward(dY, X, hs, w_xh, w_hh):
    dw_xh, dw_hh, db_h = np.zeros_like(w_xh), np.zeros_like(w_hh), 0
    dh_next = np.zeros_like(hs[0])
    for t in reversed(range(len(X))):
        X_t = X[t]
        dz = (dY[t] + dh_next) * (1 - hs[t] ** 2)
        dw_xh += np.dot(X_t.T, dz)
        dw_hh += np.dot(hs[t - 1].T, dz)
        db_h += dz
        dh_next = np.dot(dz, w_hh.T)
    return dw_xh, dw_hh, db_h
"""
#: The code's rows (1-based lines of ROW_RNN): the forward row, dz, the three parameter parts, the carried gradient.
ROWS = (5, 13, 14, 15, 16, 17)


def _grads(code):
    space = _run(code)
    rng = np.random.default_rng(3)
    X = [rng.standard_normal((1, 2)) for _ in range(4)]
    w_xh, w_hh, b_h = rng.standard_normal((2, 3)), rng.standard_normal((3, 3)) * 0.7, rng.standard_normal((1, 3))
    G = [rng.standard_normal((1, 3)) for _ in range(4)]       # the loss: sum_t G_t . h_t, so dY[t] = G_t

    def loss():
        hs = space["forward"](X, w_xh, w_hh, b_h)
        return sum(float(np.sum(G[t] * hs[t])) for t in range(4))
    hs = space["forward"](X, w_xh, w_hh, b_h)
    return space["backward"](G, X, hs, w_xh, w_hh), _fd(loss, [w_xh, w_hh, b_h])


def test_a_row_layout_rnn_with_capital_steps_and_lower_case_weights():
    got, fd = _grads(ROW_RNN)
    for g, want in zip(got, fd):        # the code is right
        assert np.allclose(g, want, atol=1e-6)
    assert _statuses(verify_derivation(_fenced(ROW_RNN)).results) == {k + 2: ["pass"] for k in ROWS}


def test_row_layout_rnn_mutants_fail_where_they_are_made():
    # w_hh's part taken with h_t for h_{t-1} (line 15); the carried gradient without the transpose (line 17)
    for old, new, line, which in (("np.dot(hs[t - 1].T, dz)", "np.dot(hs[t].T, dz)", 15, 1),
                                  ("np.dot(dz, w_hh.T)", "np.dot(dz, w_hh)", 17, 1)):
        bad = ROW_RNN.replace(old, new)
        assert bad != ROW_RNN
        got, fd = _grads(bad)
        assert not np.allclose(got[which], fd[which], atol=1e-3)        # the mutant is wrong
        want = {k + 2: ["pass"] for k in ROWS}
        want[line + 2] = ["fail"]
        assert _statuses(verify_derivation(_fenced(bad)).results) == want
    # tanh's derivative dropped from dz (line 13): never passed (the rows reading dz cannot be read without it)
    bad = ROW_RNN.replace(" * (1 - hs[t] ** 2)", "")
    got = _statuses(verify_derivation(_fenced(bad)).results)
    assert got[13 + 2] != ["pass"] and all(s != ["pass"] for k, s in got.items() if k in (15 + 2, 17 + 2)), got


def test_a_failed_temporary_names_itself_in_the_rows_that_read_it():
    bad = ROW_RNN.replace(" * (1 - hs[t] ** 2)", " * (1 - hs[t])")
    results = verify_derivation(_fenced(bad)).results
    assert all("tmpqzx" not in (r.why or "") for r in results)      # no internal name reaches a message
    assert any(r.status == "fail" and r.line == 13 + 2 for r in results)


# A module's activations as classes with static methods (a Japanese numpy RNN): Tanh.diff is tanh's derivative at
# its input, 1/cosh^2 (right); Softmax.diff is the softmax's derivative, a Jacobian: no helper of one argument to
# compare, so not judged (it made the reader fail on the whole file).
HELPERS = """\
class Tanh:
    @staticmethod
    def act(X):
        return np.tanh(X)
    @staticmethod
    def diff(X):
        return 1/np.power(np.cosh(X),2)

class Softmax:
    @staticmethod
    def act(X):
        expX = np.exp(X - X.max())
        return expX / np.sum(expX)
    @staticmethod
    def diff(X):
        smX = Softmax.act(X)
        return smX*(1-np.sum(smX))
"""


def test_a_softmax_class_derivative_is_not_judged_and_the_file_is_read():
    results = verify_derivation(_fenced(HELPERS)).results
    by_line = {r.line: r.status for r in results}
    assert by_line.get(4 + 2) == "pass" and by_line.get(7 + 2) == "pass", results     # tanh and its derivative
    assert 16 + 2 not in by_line or by_line[16 + 2] != "fail"
    assert all("reader failed" not in (r.why or "") for r in results)


# A GRU step and its backward step, as an actor-critic's numpy code writes them: the step takes the state h and
# returns h_new; its backward takes dh_new and the cache. n is the candidate (W_n, U_n: a weight of the gate n, not
# W at step n); dz_raw is z's own gradient (dz_pre, beside it, the pre-activation's); dh_direct and dh_n, the parts of
# dh_prev through h_new and through n, are summed on the last line. Every row is right (checked below by finite
# differences of the loss g . h_new).
GRU_STEP = """\
class Cell:
    def gru_step(self, x, h):
        z = sigmoid(self.Wz @ x + self.Uz @ h + self.bz)
        r = sigmoid(self.Wr @ x + self.Ur @ h + self.br)
        rh = r * h
        n = np.tanh(self.Wn @ x + self.Un @ rh + self.bn)
        h_new = (1.0 - z) * h + z * n
        return h_new, (x, h, z, r, rh, n)

    def gru_step_backward(self, dh_new, cache):
        x, h, z, r, rh, n = cache
        dz_raw = dh_new * (n - h)
        dn = dh_new * z
        dh_direct = dh_new * (1.0 - z)
        dn_pre = dn * (1.0 - n * n)
        drh = self.Un.T @ dn_pre
        dr_raw = drh * h
        dh_n = drh * r
        dz_pre = dz_raw * z * (1.0 - z)
        dr_pre = dr_raw * r * (1.0 - r)
        dh_prev = dh_direct + dh_n + self.Uz.T @ dz_pre + self.Ur.T @ dr_pre
        dWn = np.outer(dn_pre, x)
        return dh_prev, dWn

def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))
"""
#: Rows of GRU_STEP that must pass (the forward rows, and the backward rows the reader checks; dh_direct and dh_n,
#: lines 14 and 18, are parts it checks where line 21 sums them).
GRU_PASSES = (3, 4, 5, 6, 7, 12, 13, 15, 16, 17, 19, 20, 21, 22)


def _gru_step(code):
    cell = _run(code)["Cell"]()
    rng = np.random.default_rng(5)
    for name in ("Wz", "Wr", "Wn"):
        setattr(cell, name, rng.standard_normal((3, 2)))
    for name in ("Uz", "Ur", "Un"):
        setattr(cell, name, rng.standard_normal((3, 3)) * 0.8)
    for name in ("bz", "br", "bn"):
        setattr(cell, name, rng.standard_normal(3))
    x, h, g = rng.standard_normal(2), rng.standard_normal(3), rng.standard_normal(3)
    h_new, cache = cell.gru_step(x, h)
    dh_prev, dWn = cell.gru_step_backward(g, cache)
    fd_h, fd_Wn = _fd(lambda: float(g @ cell.gru_step(x, h)[0]), [h, cell.Wn])
    return (dh_prev, dWn), (fd_h, fd_Wn)


def test_a_gru_step_and_its_backward_step_in_code():
    got, fd = _gru_step(GRU_STEP)
    for a, b in zip(got, fd):
        assert np.allclose(a, b, atol=1e-6)
    statuses = _statuses(verify_derivation(_fenced(GRU_STEP)).results)
    for k in GRU_PASSES:
        assert statuses.get(k + 2) == ["pass"], (k, statuses)
    assert all(s != ["fail"] for s in statuses.values()), statuses
    # the mutants: the update gate's gradient without its sign flip (line 12), the candidate's path through z for r
    # (line 18: found wrong where line 21 sums it)
    for old, new, line in (("dz_raw = dh_new * (n - h)", "dz_raw = dh_new * (h - n)", 12),
                           ("dh_n = drh * r", "dh_n = drh * z", 21)):
        bad = GRU_STEP.replace(old, new)
        got, fd = _gru_step(bad)
        assert not np.allclose(got[0], fd[0], atol=1e-3)
        statuses = _statuses(verify_derivation(_fenced(bad)).results)
        assert ["fail"] in statuses.values() and statuses.get(line + 2) != ["pass"], statuses


def _lines(tmp_path, name, text):
    from symlstm.verify.api import verify_file
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return {r.line: r.status for r in verify_file(None, p).results}


# An Elman RNN (Goodfellow et al.'s ch. 10): a_t = b + W h_{t-1} + U x_t, h_t = tanh(a_t). The one-step Jacobian
# J_t = dh_t/dh_{t-1} = diag(1 - h_t^2) W (right), and the recursion of delta_t = dL/dh_t through it: delta_t =
# dL_t/dh_t + J_{t+1}^T delta_{t+1} (right; without the transpose, wrong: W is not symmetric). The summary restates
# J_t = diag(tanh'(a_t)) W: a claim about the Jacobian J names (right), not the loss J.
ELMAN = r"""$$a_t = b + W h_{t-1} + U x_t, \qquad h_t = \tanh(a_t)$$

$$J_t := \frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t^2)\, W \in \mathbb R^{H \times H}$$

$$\delta_t := \frac{\partial L}{\partial h_t}$$

$$\delta_t = \frac{\partial L_t}{\partial h_t} + J_{t+1}^\top \delta_{t+1}$$

Summary: $$\delta_t = \frac{\partial L_t}{\partial h_t} + J_{t+1}^\top \delta_{t+1}, \quad J_t = \mathrm{diag}(\tanh'(a_t))\, W$$
"""


def test_a_jacobian_named_by_a_letter_of_the_loss(tmp_path):
    v = _lines(tmp_path, "j.md", ELMAN)
    assert v == {1: "pass", 3: "pass", 5: "pass", 7: "pass", 9: "pass"}, v
    bad = ELMAN.replace(r"J_{t+1}^\top \delta_{t+1}$$", r"J_{t+1} \delta_{t+1}$$", 1)
    assert bad != ELMAN and _lines(tmp_path, "j.md", bad)[7] == "fail"
    assert _lines(tmp_path, "j.md", ELMAN.replace(r"(1 - h_t^2)\, W \in", r"(1 - h_t^2)\, W^\top \in"))[3] == "fail"


# Typora leaves a zero-width space after a closing $: the display is still closed (4 rows, at their columns).
def test_a_zero_width_space_after_a_dollar(tmp_path):
    text = "$h_t = \\tanh(W h_{t-1} + U x_t)$\u200b\n\n$\\frac{\\partial h_t}{\\partial h_{t-1}} = " \
           "\\mathrm{diag}(1 - h_t^2) W$\u200b\n"
    assert _lines(tmp_path, "z.md", text) == {1: "pass", 3: "pass"}
    assert _lines(tmp_path, "z.md", text.replace("(1 - h_t^2) W$", "(1 - h_t^2) U$")) == {1: "pass", 3: "fail"}


# A worked example gives the weights in numbers: W_hh = (0.1 0.4; -0.2 0.6) is the example's value of a parameter (a
# given: it passes, and sizes the net), not a quantity of each step, so dL/dW_hh = sum_t (dL/dh_t * (1 - h_t^2))
# h_{t-1}^T (right) is the total over the steps.
def test_weights_given_in_numbers_stay_parameters(tmp_path):
    text = ("$$h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)$$\n\n"
            "$$W_{hh} = \\begin{pmatrix} 0.1 & 0.4 \\\\ -0.2 & 0.6 \\end{pmatrix}$$\n\n"
            "$$\\frac{\\partial L}{\\partial W_{hh}} = \\sum_t \\left(\\frac{\\partial L}{\\partial h_t} \\odot "
            "(1 - h_t^2)\\right) h_{t-1}^\\top$$\n")
    assert _lines(tmp_path, "w.md", text) == {1: "pass", 3: "pass", 5: "pass"}     # (3: the example's given value)
    assert _lines(tmp_path, "w.md", text.replace("h_{t-1}^\\top$$", "h_t^\\top$$"))[5] == "fail"


# Code of a many-to-one LSTM keeping its state on the object: self.h read in the loop above the line that sets it is
# the step before's (f, g read h_{t-1}: right). A Portuguese helper's name says derivative (derivada_sigmoid, written
# in the sigmoid's output: right). A running product the code keeps (prod = J @ prod) is no row of the cell.
OBJECT_STATE = """\
class L:
    def derivada_sigmoid(self, x):
        return x * (1 - x)

    def forward(self, xs):
        for t in range(len(xs)):
            x = xs[t]
            f = sigmoid(np.dot(x, self.Wf) + np.dot(self.h, self.Uf) + self.bf)
            g = np.tanh(np.dot(x, self.Wg) + np.dot(self.h, self.Ug) + self.bg)
            self.c = f * self.c + (1 - f) * g
            self.h = np.tanh(self.c)

def chain(Js):
    prod = np.eye(3)
    for J in Js:
        prod = J @ prod
    return prod
"""


def test_object_state_helpers_in_other_languages_and_running_products():
    got = {r.line - 2: r for r in verify_derivation(_fenced(OBJECT_STATE)).results}
    assert {k: r.status for k, r in got.items() if k in (3, 8, 9, 10, 11)} == \
        {3: "pass", 8: "pass", 9: "pass", 10: "pass", 11: "pass"}, got
    assert "h_{prev}" in got[8].text and got[11].text.startswith("h_{t}")
    assert got[16].status == "unreadable" and "running product" in got[16].why
    bad = OBJECT_STATE.replace("return x * (1 - x)", "return x * (1 + x)")
    assert {r.line - 2: r.status for r in verify_derivation(_fenced(bad)).results}[3] == "fail"


# A backward loop that names the gradient it carries by the step before (dh_prev), read at the top of the loop (what
# the step after set for its step before: what reaches h_t from step t+1) and set at the bottom; g-prefixed names
# for the gradients of the weights (gWf: dW_f). Every row is right.
CARRIED_PREV = """\
def forward(xs, Wx, Wh, b):
    hs = {-1: np.zeros((Wh.shape[0], 1))}
    for t in range(len(xs)):
        hs[t] = np.tanh(Wx @ xs[t] + Wh @ hs[t - 1] + b)
    return hs

def backward(dys, xs, hs, Wx, Wh):
    gWx, gWh = np.zeros_like(Wx), np.zeros_like(Wh)
    dh_prev = np.zeros_like(hs[0])
    for t in reversed(range(len(xs))):
        dh = dys[t] + dh_prev
        dz = dh * (1 - hs[t] ** 2)
        gWx += dz @ xs[t].T
        gWh += dz @ hs[t - 1].T
        dh_prev = Wh.T @ dz
"""


def test_a_carried_gradient_named_for_the_step_before():
    space = _run(CARRIED_PREV)
    rng = np.random.default_rng(7)
    xs = [rng.standard_normal((2, 1)) for _ in range(4)]
    Wx, Wh, b = rng.standard_normal((3, 2)), rng.standard_normal((3, 3)) * 0.7, rng.standard_normal((3, 1))
    G = [rng.standard_normal((3, 1)) for _ in range(4)]

    def grads():
        hs = space["forward"](xs, Wx, Wh, b)
        gWx, gWh = np.zeros_like(Wx), np.zeros_like(Wh)
        dh_prev = np.zeros((3, 1))
        for t in reversed(range(4)):
            dz = (G[t] + dh_prev) * (1 - hs[t] ** 2)
            gWx += dz @ xs[t].T
            gWh += dz @ hs[t - 1].T
            dh_prev = Wh.T @ dz
        return gWx, gWh
    fd = _fd(lambda: sum(float(np.sum(G[t] * space["forward"](xs, Wx, Wh, b)[t])) for t in range(4)), [Wx, Wh])
    for a, want in zip(grads(), fd):        # the fixture's rows, run as written, are the finite differences
        assert np.allclose(a, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(CARRIED_PREV)).results)
    assert {k: got.get(k + 2) for k in (4, 11, 12, 13, 14, 15)} == {k: ["pass"] for k in (4, 11, 12, 13, 14, 15)}, got
    bad = CARRIED_PREV.replace("dh_prev = Wh.T @ dz", "dh_prev = Wh @ dz")
    assert _statuses(verify_derivation(_fenced(bad)).results)[15 + 2] == ["fail"]


# A step function that takes the state h and returns h_new, and its backward step (a course's rnn_step and
# rnn_step_backward): h is the step before's state there, so dh_prev = U^T dz is what reaches it (right).
STEP_PAIR = """\
def rnn_step(x, h, W, U, b):
    h_new = np.tanh(W @ x + U @ h + b)
    return h_new, (x, h, h_new)

def rnn_step_backward(dh_new, cache, U):
    x, h, h_new = cache
    dz = dh_new * (1.0 - h_new * h_new)
    dW = np.outer(dz, x)
    dU = np.outer(dz, h)
    dh_prev = U.T @ dz
    return dh_prev, dW, dU
"""


def test_a_step_function_and_its_backward_step():
    space = _run(STEP_PAIR)
    rng = np.random.default_rng(11)
    x, h, W, U, b, g = (rng.standard_normal(2), rng.standard_normal(3), rng.standard_normal((3, 2)),
                        rng.standard_normal((3, 3)), rng.standard_normal(3), rng.standard_normal(3))
    _, cache = space["rnn_step"](x, h, W, U, b)
    dh_prev, dW, dU = space["rnn_step_backward"](g, cache, U)
    fd = _fd(lambda: float(g @ space["rnn_step"](x, h, W, U, b)[0]), [h, W, U])
    for a, want in zip((dh_prev, dW, dU), fd):
        assert np.allclose(a, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(STEP_PAIR)).results)
    assert {k: got.get(k + 2) for k in (2, 7, 8, 9, 10)} == {k: ["pass"] for k in (2, 7, 8, 9, 10)}, got
    bad = STEP_PAIR.replace("dU = np.outer(dz, h)", "dU = np.outer(dz, h_new)")
    assert _statuses(verify_derivation(_fenced(bad)).results)[9 + 2] == ["fail"]


def test_hostile_code_is_answered_quickly():
    import time
    from symlstm.verify.judging.judge import _RUNNING_PRODUCT, _RUNNING_SUM
    from symlstm.verify.text.codefences import _prev_read_first, _self_states
    start = time.perf_counter()
    name = "a" * 100000 + "1" * 100000          # a long name: was quadratic in both patterns (minutes)
    assert _RUNNING_PRODUCT.match(name) is None and _RUNNING_SUM.match(name) is None
    _self_states(["for t in range(5):"] + [f"    self.a{i} = x + self.b{i}" for i in range(5000)])
    _prev_read_first(["    for t in reversed(range(5)):"] + [f"        d{i}_prev = d{i}_prev + 1" for i in range(3000)])
    import pytest
    from symlstm.verify.text.latexparse import LatexError
    verify_derivation("".join(f"$h_{{{i}}} = \\tanh(W h_{{{i - 1}}})$\u200b\n" for i in range(1, 60)))
    with pytest.raises(LatexError):         # too many formulas: refused at once, cleanly
        verify_derivation("$h_t = \\tanh(W h_{t-1})$\u200b" * 20000)
    assert time.perf_counter() - start < 3.0
