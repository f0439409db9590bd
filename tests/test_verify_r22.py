r"""Round 22 of verify: numpy code as tutorials write it. numpy's operator calls (``np.dot(W, np.multiply(r, h))``,
``a.dot(b)``, ``np.outer``, ``np.sum``), helpers written as lambdas, a vector of ones named ``ones``, Karpathy's
``dhnext``, a backward loop's carry copies (``dhnext = dh``), a loss added up in the forward loop (``loss += ...``),
the parts of a gradient lettered ``dha`` ... ``dhe`` and summed, gradients kept from the step after (``drnext``),
accumulations from zero (``dx[:, t] += ...`` twice) and a partial sum finished under another name (``dh_next =
dh_prev + ...``). Every expected verdict is worked out by hand; the oracles below check the code's numbers against
numpy finite differences (never with symlstm)."""
from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symlstm.verify.judging.judge import verify_derivation

from codecheck import _fd, _fenced, _run, _statuses
from _timing import within


# A GRU written as DoctorTeeth's gru.py writes one (min-char-rnn's style): np.dot and np.multiply, lambda helpers,
# `ones`, the five paths into h_t lettered dha..dhe, the step after's gradients kept in d*next. By hand, with
# h_t = c_t z_t + h_{t-1} (1 - z_t), y_t = W_hy h_t and L = sum_t ||y_t - target_t||^2 / 2: every row is right
# (dha: through h_{t+1}'s (1 - z_{t+1}); dhb, dhc: through r_{t+1}, z_{t+1}'s pre-activations; dhd: through
# c_{t+1}, where h_t enters as r_{t+1} * h_t; dhe: through y_t; the d*next hold step t+1's totals, zs[T] = rs[T] = 0
# make them vanish past the end). The oracle checks the weight gradients against finite differences.
GRU_CODE = """\
sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))
dsig = lambda s: s * (1.0 - s)


def gru_loss_and_grads(xs, targets, Wxr, Rhr, Wxz, Rhz, Wxc, Rhc, Why, h0):
    rs, zs, cs, hs, ys = {}, {}, {}, {}, {}
    hs[-1] = h0
    loss = 0.0
    T = len(xs)
    for t in range(T):
        rs[t] = sigmoid(np.dot(Wxr, xs[t]) + np.dot(Rhr, hs[t-1]))
        zs[t] = sigmoid(np.dot(Wxz, xs[t]) + np.dot(Rhz, hs[t-1]))
        cs[t] = np.tanh(np.dot(Wxc, xs[t]) + np.dot(Rhc, np.multiply(rs[t], hs[t-1])))
        ones = np.ones_like(zs[t])
        hs[t] = np.multiply(cs[t], zs[t]) + np.multiply(hs[t-1], ones - zs[t])
        ys[t] = Why.dot(hs[t])
        loss += 0.5 * np.sum(np.square(ys[t] - targets[t]))
    dWhy = np.zeros_like(Why)
    dRhr, dRhz, dRhc = np.zeros_like(Rhr), np.zeros_like(Rhz), np.zeros_like(Rhc)
    dhnext = np.zeros_like(h0)
    drnext = np.zeros_like(h0)
    dznext = np.zeros_like(h0)
    dcnext = np.zeros_like(h0)
    zs[T] = np.zeros_like(h0)
    rs[T] = np.zeros_like(h0)
    for t in reversed(range(T)):
        dy = ys[t] - targets[t]
        dWhy += np.outer(dy, hs[t])
        dha = np.multiply(dhnext, ones - zs[t+1])
        dhb = np.dot(Rhr.T, drnext)
        dhc = np.dot(Rhz.T, dznext)
        dhd = np.multiply(rs[t+1], np.dot(Rhc.T, dcnext))
        dhe = Why.T.dot(dy)
        dh = dha + dhb + dhc + dhd + dhe
        dc = np.multiply(dh, zs[t]) * (1 - np.square(cs[t]))
        dr = np.multiply(hs[t-1], np.dot(Rhc.T, dc)) * dsig(rs[t])
        dz = np.multiply(dh, cs[t] - hs[t-1]) * dsig(zs[t])
        dRhr += np.outer(dr, hs[t-1])
        dRhz += np.outer(dz, hs[t-1])
        dRhc += np.outer(dc, np.multiply(rs[t], hs[t-1]))
        dhnext = dh
        drnext = dr
        dznext = dz
        dcnext = dc
    return loss, dWhy, dRhr, dRhz, dRhc
"""
#: the code's lines (1-based) that are formulas: the forward rows, the loss, and every backward formula; and
#: ``hs[-1] = h0`` (line 7): the entry the first step reads as its state before is the state carried in (round 89,
#: judging/seqentries.py)
GRU_ROWS = (7, 11, 12, 13, 15, 16, 17, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40)


def _gru_grads(code):
    rng = np.random.default_rng(3)
    H, X, K, T = 3, 2, 2, 4
    xs = [rng.normal(size=X) for _ in range(T)]
    targets = [rng.normal(size=K) for _ in range(T)]
    Ws = [rng.normal(size=s) * 0.7 for s in ((H, X), (H, H), (H, X), (H, H), (H, X), (H, H), (K, H))]
    h0 = rng.normal(size=H)
    f = _run(code)["gru_loss_and_grads"]
    loss, *grads = f(xs, targets, *Ws, h0)
    fd = _fd(lambda: f(xs, targets, *Ws, h0)[0], [Ws[6], Ws[1], Ws[3], Ws[5]])
    return grads, fd


def test_gru_code_in_min_char_rnn_style_is_read_row_by_row():
    grads, fd = _gru_grads(GRU_CODE)
    for g, want in zip(grads, fd):          # the code is right: its gradients are the finite differences
        assert np.allclose(g, want, atol=1e-6)
    got = _statuses(verify_derivation(_fenced(GRU_CODE)).results)
    assert got == {ln + 2: ["pass"] for ln in GRU_ROWS}, got       # (the carry copies dhnext = dh: no rows)


def test_gru_code_with_a_path_taken_from_the_wrong_matrix_fails_there():
    bad = GRU_CODE.replace("dhb = np.dot(Rhr.T, drnext)", "dhb = np.dot(Rhr, drnext)")
    assert bad != GRU_CODE
    grads, fd = _gru_grads(bad)
    assert not np.allclose(grads[1], fd[1], atol=1e-3)      # dRhr is wrong: h_t reaches r_{t+1} through Rhr^T
    got = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in GRU_ROWS}
    want[30 + 2] = ["fail"]         # dhb (line 30) is the slip; each other row, a rule given the true values of
    assert got == want, got         # what it reads (dh = dha + ... + dhe: the sum of the five paths), holds


# The GRU of a Japanese numpy module (row vectors, batch first): dh_prev is accumulated path by path (line 37, then
# += on line 44) and finished under another name (dh_next = dh_prev + d_concat[:, :H], line 50); dx[:, t] is
# accumulated from zero twice (lines 42, 51). By hand every formula is right; the oracle checks the code's weight and
# input gradients against finite differences of L = sum_t <grad_t, h_t>.
JA_GRU_CODE = """\
def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class GRU:
    def forward(self, x, h0):
        batch, seq_len, _ = x.shape
        self.inputs = x
        self.cache = []
        h = h0
        outputs = []
        for t in range(seq_len):
            concat = np.concatenate([h, x[:, t]], axis=1)
            z = _sigmoid(concat @ self.W_z + self.b_z)
            r = _sigmoid(concat @ self.W_r + self.b_r)
            concat_r = np.concatenate([r * h, x[:, t]], axis=1)
            h_tilde = np.tanh(concat_r @ self.W_h + self.b_h)
            h_new = (1 - z) * h + z * h_tilde
            self.cache.append((concat, concat_r, z, r, h_tilde, h, h_new))
            h = h_new
            outputs.append(h)
        return np.stack(outputs, axis=1)

    def backward(self, grad):
        batch, seq_len, _ = grad.shape
        H = self.hidden_size
        self.grad_W_z = np.zeros_like(self.W_z)
        self.grad_W_r = np.zeros_like(self.W_r)
        self.grad_W_h = np.zeros_like(self.W_h)
        dx = np.zeros_like(self.inputs)
        dh_next = np.zeros((batch, H))
        for t in reversed(range(seq_len)):
            concat, concat_r, z, r, h_tilde, h_prev, h_new = self.cache[t]
            dh = grad[:, t] + dh_next
            dz = dh * (h_tilde - h_prev)
            dh_tilde = dh * z
            dh_prev = dh * (1 - z)
            dh_tilde_raw = dh_tilde * (1 - h_tilde ** 2)
            self.grad_W_h += concat_r.T @ dh_tilde_raw
            d_concat_r = dh_tilde_raw @ self.W_h.T
            dr_h = d_concat_r[:, :H]
            dx[:, t] += d_concat_r[:, H:]
            dr = dr_h * h_prev
            dh_prev += dr_h * r
            dr_raw = dr * r * (1 - r)
            self.grad_W_r += concat.T @ dr_raw
            dz_raw = dz * z * (1 - z)
            self.grad_W_z += concat.T @ dz_raw
            d_concat = dz_raw @ self.W_z.T + dr_raw @ self.W_r.T
            dh_next = dh_prev + d_concat[:, :H]
            dx[:, t] += d_concat[:, H:]
        return dx
"""
#: the formulas: the forward rows and h = h_new (h at step t), then every backward formula; dh = grad[:, t] + ...
#: reads the gradient handed in by the outputs at step t as Delta_t (round 84), and dr_h = d_concat_r[:, :H] (a slice
#: named as no gradient of the cell) stays unreadable
JA_ROWS = (13, 14, 15, 16, 17, 18, 20, 35, 36, 37, 38, 39, 40, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51)


def _ja_gru_grads(code):
    rng = np.random.default_rng(5)
    H, X, T = 3, 2, 3
    gru = _run(code)["GRU"]()
    gru.hidden_size = H
    for k in "zrh":
        setattr(gru, f"W_{k}", rng.normal(size=(H + X, H)) * 0.8)
        setattr(gru, f"b_{k}", rng.normal(size=(1, H)) * 0.3)
    x, h0, g = rng.normal(size=(1, T, X)), rng.normal(size=(1, H)), rng.normal(size=(1, T, H))
    gru.forward(x, h0)
    dx = gru.backward(g)
    got = [gru.grad_W_z, gru.grad_W_r, gru.grad_W_h, dx]
    fd = _fd(lambda: float(np.sum(gru.forward(x, h0) * g)), [gru.W_z, gru.W_r, gru.W_h, x])
    return got, fd


def test_partial_sums_from_zero_and_under_another_name_hold():
    got, fd = _ja_gru_grads(JA_GRU_CODE)
    for a, b in zip(got, fd):
        assert np.allclose(a, b, atol=1e-6)
    statuses = _statuses(verify_derivation(_fenced(JA_GRU_CODE)).results)
    want = {ln + 2: ["pass"] for ln in JA_ROWS}
    want[36] = ["pass"]               # dh = grad[:, t] + dh_next: Delta_t plus the carried part (round 84)
    want[43] = ["unreadable"]         # (a row the reader cannot check, reported since round 60)
    assert statuses == want, statuses


def test_a_partial_sum_adding_the_wrong_path_fails_where_it_is_added_and_where_it_is_finished():
    bad = JA_GRU_CODE.replace("dh_prev += dr_h * r", "dh_prev += dr_h * z")
    assert bad != JA_GRU_CODE
    got, fd = _ja_gru_grads(bad)
    assert not np.allclose(got[0], fd[0], atol=1e-3)        # earlier steps' W_z gradients inherit the slip
    statuses = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in JA_ROWS}
    want[44 + 2] = want[50 + 2] = ["fail"]
    want[36], want[43] = ["pass"], ["unreadable"]
    assert statuses == want, statuses


# An LSTM's backward pass that recomputes tanh(c) under a name: tanh_c = np.tanh(c) is the value h = o * np.tanh(c)
# writes out, not another output of the cell the loss would read. By hand dc = dh * o * (1 - tanh_c^2) + dc_next
# is dL/dc_t (the part through h_t plus what reaches c_t from step t+1).
LSTM_TANH_C = """\
class LSTM:
    def forward(self, x, h0, c0):
        h, c = h0, c0
        for t in range(x.shape[1]):
            concat = np.concatenate([h, x[:, t]], axis=1)
            gates = concat @ self.W + self.b
            f = _sigmoid(gates[:, :H])
            i = _sigmoid(gates[:, H:2*H])
            c_tilde = np.tanh(gates[:, 2*H:3*H])
            o = _sigmoid(gates[:, 3*H:])
            c = f * c + i * c_tilde
            h = o * np.tanh(c)

    def backward(self, grad):
        for t in reversed(range(seq_len)):
            dh = grad[:, t] + dh_next
            tanh_c = np.tanh(c)
            do = dh * tanh_c
            dc = dh * o * (1 - tanh_c ** 2) + dc_next
            df = dc * c_prev
            di = dc * c_tilde
"""


def test_a_value_recomputed_under_a_name_is_no_output_of_the_cell():
    got = _statuses(verify_derivation(_fenced(LSTM_TANH_C)).results)
    assert got[19 + 2] == ["pass"], got         # dc = dh * o * (1 - tanh_c ** 2) + dc_next
    assert got[18 + 2] == ["pass"] and got[17 + 2] == ["pass"], got
    assert "fail" not in {s for v in got.values() for s in v}, got


def test_a_name_changed_element_by_element_is_not_read_from_its_copy():
    # min-char-rnn: dy = np.copy(ps[t]); dy[targets[t]] -= 1. The copy is not dy's value alone (the next line
    # changes it): since round 65 the pair is read together, both lines as dy = p_t - e_y (softmax + cross-entropy,
    # with no loss row: the gradient dy is named for), and a row reading dy is judged with it
    code = "\n".join([
        "for t in range(T):",
        "    hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)",
        "    ys[t] = np.dot(Why, hs[t]) + by",
        "    ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))",
        "for t in reversed(range(T)):",
        "    dy = np.copy(ps[t])",
        "    dy[targets[t]] -= 1",
        "    dWhy += np.dot(dy, hs[t].T)",
        "",
    ])
    got = _statuses(verify_derivation(_fenced(code)).results)
    assert got[6 + 2] == ["pass"] and got[7 + 2] == ["pass"], got        # the pair: p_t - e_y
    assert got.get(8 + 2, ["pass"]) == ["pass"], got


# A tanh RNN in LaTeX that names gradients with its own letter (g_y = dL/dy, stated once in the prose), writes two
# rows as a system in a cases brace, sets a sum sign in braces with its limits and writes \pmb \delta. By hand, with
# a_t = W h_{t-1} + U x_t: g_{y_t} = y_t - z_t, g_{h_t} = V^T g_{y_t} + W^T (g_{h_{t+1}} * (1 - h_{t+1}^2)),
# g_V = sum_t g_{y_t} h_t^T, delta_t = dL/da_t, g_W = sum_t delta_t h_{t-1}^T hold; g_U = sum_t delta_t x_{t-1}^T is
# wrong (x_t). The oracle checks these against finite differences.
LETTER_RNN = r"""# A tanh RNN, squared error

$$h_t = \tanh(W h_{t-1} + U x_t)$$

$$y_t = V h_t$$

$$L = \sum_{t=1}^{T} \frac{1}{2} (y_t - z_t)^\top (y_t - z_t)$$

Notation: $g_y = \dfrac{\partial L}{\partial y}$ for any $y$.

\begin{equation}\begin{cases}
g_{y_t} &= y_t - z_t \\
g_{h_t} &= V^\top g_{y_t} + W^\top \left(g_{h_{t+1}} \odot (1 - h_{t+1}^2)\right)
\end{cases}\end{equation}

$$g_V = {\sum\limits_{t=1}^{T}} g_{y_t} h_t^\top$$

$$\pmb \delta_t = g_{h_t} \odot (1 - h_t^2)$$

$$g_W = {\sum\limits_{t=1}^{T}} \pmb\delta_t h_{t-1}^\top$$

$$g_U = \sum_{t=1}^{T} \pmb\delta_t x_{t-1}^\top$$
"""


def _letter_rnn_oracle():
    rng = np.random.default_rng(7)
    H, X, K, T = 3, 2, 2, 4
    W, U, V = rng.normal(size=(H, H)) * 0.6, rng.normal(size=(H, X)), rng.normal(size=(K, H))
    xs, zs, h0 = rng.normal(size=(T + 1, X)), rng.normal(size=(T + 1, K)), rng.normal(size=H)

    def run():
        hs, loss = [h0], 0.0
        for t in range(1, T + 1):
            hs.append(np.tanh(W @ hs[-1] + U @ xs[t]))
            loss += 0.5 * np.sum((V @ hs[-1] - zs[t]) ** 2)
        return hs, loss
    hs, _ = run()
    gh, deltas = {T + 1: np.zeros(H)}, {}
    for t in range(T, 0, -1):
        nxt = gh[t + 1] * (1 - hs[t + 1] ** 2) if t < T else np.zeros(H)
        gh[t] = V.T @ (V @ hs[t] - zs[t]) + W.T @ nxt
        deltas[t] = gh[t] * (1 - hs[t] ** 2)
    fd_W, fd_U, fd_V = _fd(lambda: run()[1], [W, U, V])
    return {
        "g_V": (sum(np.outer(V @ hs[t] - zs[t], hs[t]) for t in range(1, T + 1)), fd_V),
        "g_W": (sum(np.outer(deltas[t], hs[t - 1]) for t in range(1, T + 1)), fd_W),
        "g_U right": (sum(np.outer(deltas[t], xs[t]) for t in range(1, T + 1)), fd_U),
        "g_U as written": (sum(np.outer(deltas[t], xs[t - 1]) for t in range(1, T + 1)), fd_U),
    }


def test_a_gradient_letter_a_cases_system_braced_sums_and_bold_delta():
    oracle = _letter_rnn_oracle()
    for name in ("g_V", "g_W", "g_U right"):
        assert np.allclose(*oracle[name], atol=1e-6), name
    assert not np.allclose(*oracle["g_U as written"], atol=1e-3)
    got = _statuses(verify_derivation(LETTER_RNN).results)
    want = {ln: ["pass"] for ln in (3, 5, 7, 12, 13, 16, 18, 20)}
    want[22] = ["fail"]
    assert got == want, got          # (the notation g_y = ... in the prose states a convention: no row)


def test_a_cases_system_with_a_term_left_out_fails_there():
    bad = LETTER_RNN.replace(r"g_{h_t} &= V^\top g_{y_t} + W^\top", r"g_{h_t} &= W^\top")
    assert bad != LETTER_RNN
    got = _statuses(verify_derivation(bad).results)
    assert got[13] == ["fail"] and got[12] == ["pass"], got


def test_a_piecewise_cases_is_still_one_row():
    # f(x) = {x if x > 0; 0 otherwise}: the brace is a term of one equation, not a system
    text = "$$r_t = \\begin{cases} a_t & a_t > 0 \\\\ 0 & \\text{otherwise} \\end{cases}$$\n"
    from symlstm.verify.text.texfile import read_tex
    eqs = read_tex(text).equations
    assert len(eqs) == 1 and "cases" in eqs[0].text


# Coursera's "RNN step by step" style: parameters fetched from a dictionary, xt, a '%' in a print (a Python operator,
# not a LaTeX comment: it used to hide the rest of the fence), the gradients returned in a dictionary literal,
# np.sum(..., keepdims=True), and an LSTM whose concatenation is filled block by block. By hand every formula holds
# (the step's loss is l = da_next . a_next); the notebooks' published slip, dtanh = 1 - a_next ** 2 without the
# factor da_next, fails.
COURSERA_CODE = """\
def rnn_cell_forward(xt, a_prev, parameters):
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    ba = parameters["ba"]
    print("a step: %d inputs" % xt.shape[0])
    a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, cache


def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    dtanh = (1 - a_next ** 2) * da_next
    dxt = np.dot(Wax.T, dtanh)
    dWax = np.dot(dtanh, xt.T)
    da_prev = np.dot(Waa.T, dtanh)
    dWaa = np.dot(dtanh, a_prev.T)
    dba = np.sum(dtanh, axis=1, keepdims=True)
    gradients = {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf = parameters["Wf"]
    Wi = parameters["Wi"]
    Wc = parameters["Wc"]
    Wo = parameters["Wo"]
    n_x, m = xt.shape
    n_a = a_prev.shape[0]
    concat = np.zeros((n_a + n_x, m))
    concat[: n_a, :] = a_prev
    concat[n_a :, :] = xt
    ft = sigmoid(np.dot(Wf, concat))
    it = sigmoid(np.dot(Wi, concat))
    cct = np.tanh(np.dot(Wc, concat))
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(Wo, concat))
    a_next = ot * np.tanh(c_next)
    return a_next, c_next
"""
#: the formulas: a_next, the backward formulas, n_a = a_prev.shape[0], the stacked concat (on its last block's line)
#: and the LSTM's forward rows
COURSERA_ROWS = (6, 15, 16, 17, 18, 19, 20, 34, 35, 36, 37, 38, 39, 40)   # (31 names a size off a shape: no formula)


def test_coursera_style_notebook_code_is_read():
    rng = np.random.default_rng(2)
    H, X = 3, 2
    p = {"Wax": rng.normal(size=(H, X)), "Waa": rng.normal(size=(H, H)), "ba": rng.normal(size=(H, 1))}
    xt, a_prev, da_next = rng.normal(size=(X, 1)), rng.normal(size=(H, 1)), rng.normal(size=(H, 1))
    space = _run(COURSERA_CODE.replace('    print("a step: %d inputs" % xt.shape[0])\n', ""))
    a_next, cache = space["rnn_cell_forward"](xt, a_prev, p)
    g = space["rnn_cell_backward"](da_next, cache)

    def loss():
        return float(np.sum(da_next * space["rnn_cell_forward"](xt, a_prev, p)[0]))
    fd_x, fd_a, fd_Wax, fd_Waa, fd_ba = _fd(loss, [xt, a_prev, p["Wax"], p["Waa"], p["ba"]])
    for got, want in ((g["dxt"], fd_x), (g["da_prev"], fd_a), (g["dWax"], fd_Wax), (g["dWaa"], fd_Waa),
                      (g["dba"], fd_ba)):
        assert np.allclose(got, want, atol=1e-6)
    slip = 1 - a_next ** 2                       # the slip: dtanh without da_next
    assert not np.allclose(np.dot(p["Waa"].T, slip), fd_a, atol=1e-3)
    statuses = _statuses(verify_derivation(_fenced(COURSERA_CODE)).results)
    assert statuses == {ln + 2: ["pass"] for ln in COURSERA_ROWS}, statuses
    bad = COURSERA_CODE.replace("dtanh = (1 - a_next ** 2) * da_next", "dtanh = 1 - a_next ** 2")
    statuses = _statuses(verify_derivation(_fenced(bad)).results)
    want = {ln + 2: ["pass"] for ln in COURSERA_ROWS}
    want[15 + 2] = ["fail"]
    assert statuses == want, statuses


# Derivatives named by numerator and denominator (d_loss_d_h_next: dL/dh_next; d_h_next_d_tanh_input: the local
# derivative by tanh's input), an activation written as a class (tanh.function, tanh.derivative) and a unit's input
# named by its function (tanh_input: the pre-activation of the one tanh unit). By hand, for h = tanh(W x + U h_prev
# + b): every row holds but dL/dU = delta h_next^T, which should be delta h_prev^T (checked below with numpy).
DADB_CODE = """\
class tanh:
    @staticmethod
    def function(x):
        return np.tanh(x)

    @staticmethod
    def derivative(x):
        return 1 - np.tanh(x) ** 2


def step(x, h_prev, W, U, b):
    h_next = tanh.function(W @ x + U @ h_prev + b)
    return h_next


def step_backward(x, h_prev, h_next, W, U, b, d_loss_d_h_next):
    d_h_next_d_tanh_input = tanh.derivative(W @ x + U @ h_prev + b)
    d_loss_d_tanh_input = d_loss_d_h_next * d_h_next_d_tanh_input
    d_loss_dW = d_loss_d_tanh_input @ x.T
    d_loss_d_h_prev = U.T @ d_loss_d_tanh_input
    d_loss_dU = d_loss_d_tanh_input @ h_next.T
    return d_loss_dW, d_loss_dU, d_loss_d_h_prev
"""


def test_derivatives_named_by_numerator_and_denominator():
    rng = np.random.default_rng(4)
    H, X = 3, 2
    W, U, b = rng.normal(size=(H, X)), rng.normal(size=(H, H)), rng.normal(size=(H, 1))
    x, h_prev, g = rng.normal(size=(X, 1)), rng.normal(size=(H, 1)), rng.normal(size=(H, 1))
    space = _run(DADB_CODE)
    h_next = space["step"](x, h_prev, W, U, b)
    dW, dU, dh_prev = space["step_backward"](x, h_prev, h_next, W, U, b, g)
    fd_W, fd_U, fd_h = _fd(lambda: float(np.sum(g * space["step"](x, h_prev, W, U, b))), [W, U, h_prev])
    assert np.allclose(dW, fd_W, atol=1e-6) and np.allclose(dh_prev, fd_h, atol=1e-6)
    assert not np.allclose(dU, fd_U, atol=1e-3)
    got = _statuses(verify_derivation(_fenced(DADB_CODE)).results)
    assert got == {14: ["pass"], 19: ["pass"], 20: ["pass"], 21: ["pass"], 22: ["pass"], 23: ["fail"]}, got


# Coursera's lstm_cell_backward, as its notebook writes it: da_next is the whole gradient of a_next (a at step t),
# dc_next what reaches c_next from the step after. By hand every formula holds; the oracle checks the returned
# gradients against finite differences of l = da_next . a_next + dc_next . c_next. (A row first judged under the
# derivation's own loss, which reaches none of the gradients it reads, fixed their readings for its second judgement
# under the generic loss, where it then failed: four false fails.)
COURSERA_LSTM = """\
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


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
    n_a = a_prev.shape[0]
    concat = np.zeros((n_a + n_x, m))
    concat[: n_a, :] = a_prev
    concat[n_a :, :] = xt
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
    n_a = a_next.shape[0]
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
    dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dWf = np.dot(dft, concat.T)
    dWi = np.dot(dit, concat.T)
    dWc = np.dot(dcct, concat.T)
    dWo = np.dot(dot, concat.T)
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)
    da_prev = (np.dot(parameters["Wf"][:, :n_a].T, dft) + np.dot(parameters["Wi"][:, :n_a].T, dit)
               + np.dot(parameters["Wc"][:, :n_a].T, dcct) + np.dot(parameters["Wo"][:, :n_a].T, dot))
    dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
    gradients = {"dWf": dWf, "dWo": dWo, "dbf": dbf, "dbo": dbo, "da_prev": da_prev, "dc_prev": dc_prev}
    return gradients
"""


def test_coursera_lstm_cell_backward_holds():
    rng = np.random.default_rng(8)
    H, X = 3, 2
    p = {k: rng.normal(size=(H, H + X)) * 0.7 for k in ("Wf", "Wi", "Wc", "Wo")}
    p.update({k: rng.normal(size=(H, 1)) * 0.3 for k in ("bf", "bi", "bc", "bo")})
    xt, a_prev, c_prev = rng.normal(size=(X, 1)), rng.normal(size=(H, 1)), rng.normal(size=(H, 1))
    da_next, dc_next = rng.normal(size=(H, 1)), rng.normal(size=(H, 1))
    space = _run(COURSERA_LSTM)
    _, _, cache = space["lstm_cell_forward"](xt, a_prev, c_prev, p)
    g = space["lstm_cell_backward"](da_next, dc_next, cache)

    def loss():
        a, c, _ = space["lstm_cell_forward"](xt, a_prev, c_prev, p)
        return float(np.sum(da_next * a) + np.sum(dc_next * c))
    fd = _fd(loss, [p["Wf"], p["Wo"], p["bf"], p["bo"], a_prev, c_prev])
    for name, want in zip(("dWf", "dWo", "dbf", "dbo", "da_prev", "dc_prev"), fd):
        assert np.allclose(g[name], want, atol=1e-6), name
    got = _statuses(verify_derivation(_fenced(COURSERA_LSTM)).results)
    assert got and all(v == ["pass"] for v in got.values()), got
    backward = [ln for ln in got if ln >= 35 + 2]           # the backward formulas are read, not skipped
    assert len(backward) >= 9, got


# MATLAB in a fence: read as the numpy it spells (.* element-wise, * matrix product, ' transpose, h(:,k) column k
# of the loop, for k = n:-1:2 counting down, end lines gone; L = L + ... the loss added up). By hand every row holds;
# dW with h(:,k) in place of h(:,k-1) fails. The oracle (numpy, written from the MATLAB by hand) checks both.
MATLAB_RNN = r"""<!-- a test's own MATLAB -->
```matlab
function [h, L] = forward(x, d, W, U, V, h0)
    n = size(x, 2);
    h = zeros(size(W, 1), n);
    for k = 2:n
        h(:,k) = tanh(W*h(:,k-1) + U*x(:,k));
        y(:,k) = V*h(:,k);
        L = L + 0.5*sum((y(:,k) - d(:,k)).^2);
    end
end

function [dW, dU, dV] = backward(x, d, h, W, U, V)
    dh_next = zeros(size(h, 1), 1);
    for k = n:-1:2
        dy = y(:,k) - d(:,k);
        dV = dV + dy*h(:,k)';
        dh = V'*dy + dh_next;
        da = dh.*(1 - h(:,k).^2);
        dW = dW + da*h(:,k-1)';
        dU = dU + da*x(:,k)';
        dh_next = W'*da;
    end
end
```
"""


def _matlab_rnn_oracle():
    rng = np.random.default_rng(9)
    H, X, K, n = 3, 2, 2, 5
    W, U, V = rng.normal(size=(H, H)) * 0.6, rng.normal(size=(H, X)), rng.normal(size=(K, H))
    x, d = rng.normal(size=(X, n)), rng.normal(size=(K, n))

    def run():
        h, loss = np.zeros((H, n)), 0.0
        for k in range(1, n):               # MATLAB's k = 2..n, column k-1 before it
            h[:, k] = np.tanh(W @ h[:, k - 1] + U @ x[:, k])
            loss += 0.5 * np.sum((V @ h[:, k] - d[:, k]) ** 2)
        return h, loss
    h, _ = run()
    dW = np.zeros_like(W)
    dW_slip = np.zeros_like(W)
    dh_next = np.zeros(H)
    for k in range(n - 1, 0, -1):
        dy = V @ h[:, k] - d[:, k]
        da = (V.T @ dy + dh_next) * (1 - h[:, k] ** 2)
        dW += np.outer(da, h[:, k - 1])
        dW_slip += np.outer(da, h[:, k])
        dh_next = W.T @ da
    fd_W, = _fd(lambda: run()[1], [W])
    return dW, dW_slip, fd_W


def test_matlab_code_is_read_as_the_numpy_it_spells():
    dW, dW_slip, fd_W = _matlab_rnn_oracle()
    assert np.allclose(dW, fd_W, atol=1e-6) and not np.allclose(dW_slip, fd_W, atol=1e-3)
    got = _statuses(verify_derivation(MATLAB_RNN).results)
    assert got == {ln: ["pass"] for ln in (4, 7, 8, 9, 16, 17, 18, 19, 20, 21, 22)}, got
    bad = MATLAB_RNN.replace("dW = dW + da*h(:,k-1)';", "dW = dW + da*h(:,k)';")
    assert bad != MATLAB_RNN
    got = _statuses(verify_derivation(bad).results)
    assert got[20] == ["fail"] and got[21] == ["pass"], got


def test_hostile_matlab_and_operator_calls_are_fast_and_clean():
    cases = [
        "```matlab\nfor x = " + "a" * 60000 + "\n```\n",
        "```matlab\ny = f(:," + "a " * 30000 + "\n```\n",
        "```python\ny = " + "np.dot(" * 3000 + "a, b" + ")" * 3000 + "\n```\n",
        "$$ y = " + "{\\sum\\limits_{j=1}^3}" * 2000 + " x $$\n",
        "```python\nc = np.zeros((3, 1))\n" + "".join(f"c[{i}:{i + 1}, :] = a\n" for i in range(3000)) + "```\n",
        "$$ " + "\\pmb \\delta " * 5000 + " = 1 $$\n",
        "```python\n" + "x = '%d' % (" * 2000 + "\n```\n",
    ]
    for text in cases:
        seconds, results = within(2.0, lambda: verify_derivation(text).results)
        assert seconds < 2.0
        assert not any("reader failed" in (r.why or "") for r in results)


_PIECES = ["for k = 2:n", "for k = n:-1:2", "end", "h(:,k) = tanh(W*h(:,k-1) + U*x(:,k));", "y = a'.*b;",
           "function [a, b] = f(x)", "L = L + sum(y.^2);", "% comment", "x(:,", ")", "'", ".*", "*", ":", "np.dot(",
           "concat[:n, :] = a", "concat = np.zeros((2, 1))", "ones = np.ones_like(z)", "d_a_d_b = 1", "\x01"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from(["matlab", "octave", "python"]))
def test_random_code_fences_get_verdicts_or_a_clean_error(pieces, lang):
    from symlstm.verify.text.latexparse import LatexError
    text = f"```{lang}\n" + "\n".join(pieces) + "\n```\n"
    try:
        results = verify_derivation(text).results
    except LatexError:
        return
    assert not any("reader failed" in (r.why or "") for r in results), [r.why for r in results]
