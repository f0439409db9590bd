r"""Round 20 of verify: index notation read entry by entry (judging/entrywise.py). Every expected verdict is worked
out by hand and checked with numpy finite differences (never with symlstm) in the comment above its test."""
from __future__ import annotations

import numpy as np

from symlstm.verify.judging.judge import verify_derivation


def _statuses(text):
    out = {}
    for r in sorted(verify_derivation(text).results, key=lambda r: (r.line, r.column)):
        out.setdefault(r.line, []).append(r.status)
    return out


# An RNN in index notation: a_{t,i} = sum_j W_ij h_{t-1,j} + sum_k U_ik x_{t,k} + b_i, h_{t,i} = tanh(a_{t,i}),
# L = sum_t sum_i (h_{t,i} - y_{t,i})^2 / 2. With one unit (every quantity a scalar) W_{ij} and W_{ji} are one
# number and the transposed rows (lines 7, 11, 15) passed; entry by entry they fail. The numpy oracle below: the
# Jacobian da_t/dh_{t-1} is W (entry (i, j) = W_ij, not W_ji), dL/dW_ij = sum_t dL/da_{t,i} h_{t-1,j}, and
# dL/dh_{t,j} = (h_{t,j} - y_{t,j}) + sum_i W_ij dL/da_{t+1,i} (with W_ji instead it differs).
INDEX_RNN = "\n".join([
    r"$$a_{t,i} = \sum_{j=1}^{n} W_{ij} h_{t-1,j} + \sum_{k=1}^{m} U_{ik} x_{t,k} + b_i$$",
    r"$$h_{t,i} = \tanh(a_{t,i})$$",
    r"$$L = \sum_{t=1}^{T} \sum_{i=1}^{n} \frac{1}{2} (h_{t,i} - y_{t,i})^2$$",
    r"$$\frac{\partial h_{t,i}}{\partial a_{t,i}} = 1 - h_{t,i}^2$$",                                   # 4 pass
    r"$$\frac{\partial a_{t,i}}{\partial h_{t-1,j}} = W_{ij}$$",                                        # 5 pass
    "",
    r"$$\frac{\partial a_{t,i}}{\partial h_{t-1,j}} = W_{ji}$$",                                        # 7 fail
    r"$$\frac{\partial L}{\partial W_{ij}} = \sum_{t=1}^{T} \frac{\partial L}{\partial a_{t,i}} h_{t-1,j}$$",   # 8 pass
    "",
    r"$$\frac{\partial L}{\partial U_{ik}} = \sum_{t=1}^{T} \frac{\partial L}{\partial a_{t,i}} x_{t,k}$$",     # 10 pass
    r"$$\frac{\partial L}{\partial W_{ij}} = \sum_{t=1}^{T} \frac{\partial L}{\partial a_{t,j}} h_{t-1,i}$$",   # 11 fail
    r"$$\frac{\partial L}{\partial b_{i}} = \sum_{t=1}^{T} \frac{\partial L}{\partial a_{t,i}}$$",              # 12 pass
    r"$$\frac{\partial L}{\partial h_{t,j}} = (h_{t,j} - y_{t,j}) + \sum_{i=1}^{n} W_{ij} "
    r"\frac{\partial L}{\partial a_{t+1,i}}$$",                                                          # 13 pass
    "",
    r"$$\frac{\partial L}{\partial h_{t,j}} = (h_{t,j} - y_{t,j}) + \sum_{i=1}^{n} W_{ji} "
    r"\frac{\partial L}{\partial a_{t+1,i}}$$",                                                          # 15 fail
    r"$$\frac{\partial L}{\partial a_{t,i}} = \frac{\partial L}{\partial h_{t,i}} (1 - h_{t,i}^2)$$",         # 16 pass
])


def _index_rnn_oracle():
    """(fd, claims): finite differences of the index-notation RNN against the rows' right sides, in numpy."""
    rng = np.random.default_rng(3)
    n, m, T = 3, 2, 4
    W, U, b = rng.normal(size=(n, n)), rng.normal(size=(n, m)), rng.normal(size=n)
    xs, ys, h0 = rng.normal(size=(T + 1, m)), rng.normal(size=(T + 1, n)), rng.normal(size=n)

    def run(W, U=U, b=b, h0=h0):
        hs, As = [h0], [None]
        for t in range(1, T + 1):
            As.append(W @ hs[-1] + U @ xs[t] + b)
            hs.append(np.tanh(As[-1]))
        return hs, As

    def loss(W):
        hs, _ = run(W)
        return sum(0.5 * np.sum((hs[t] - ys[t]) ** 2) for t in range(1, T + 1))

    eps = 1e-6
    dW = np.array([[(loss(W + eps * E) - loss(W - eps * E)) / (2 * eps)
                    for E in (np.eye(n * n)[k].reshape(n, n) for k in range(r * n, r * n + n))] for r in range(n)])
    hs, As = run(W)
    dh, da = [None] * (T + 2), [np.zeros(n)] * (T + 2)      # the adjoints, by hand, backwards
    for t in range(T, 0, -1):
        dh[t] = (hs[t] - ys[t]) + W.T @ da[t + 1]
        da[t] = dh[t] * (1 - hs[t] ** 2)
    right = sum(np.outer(da[t], hs[t - 1]) for t in range(1, T + 1))            # line 8
    swapped = sum(np.outer(hs[t - 1], da[t]) for t in range(1, T + 1))          # line 11
    return dW, right, swapped, W


def test_index_notation_rows_are_read_entry_by_entry():
    dW, right, swapped, W = _index_rnn_oracle()
    assert np.allclose(dW, right, atol=1e-6) and not np.allclose(dW, swapped, atol=1e-3)
    assert not np.allclose(W, W.T)          # W_ij and W_ji differ (lines 5 vs 7, 13 vs 15)
    got = _statuses(INDEX_RNN)
    assert got == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 7: ["fail"], 8: ["pass"],
                   10: ["pass"], 11: ["fail"], 12: ["pass"], 13: ["pass"], 15: ["fail"], 16: ["pass"]}, got


def test_entry_by_entry_failure_says_so():
    r = next(r for r in verify_derivation(INDEX_RNN).results if r.line == 11)
    assert r.status == "fail" and any("entry by entry" in n for n in r.notes), (r.why, r.notes)


# A numpy LSTM cell as course notebooks write it: the gates' pre-activations inline (sigmoid(W_f @ hx + b_f)),
# hx = np.vstack([h_prev, x_t]), a tuple cache over two lines, the backward step given dh_t and dc_next, slices of
# the stacked gradient (dhx[:self.d_h]). dz_f is the gradient by f's pre-activation (dz_f = df_t * f_t * (1 -
# f_t) says so), dh_prev what reaches h_{t-1} through this step. By hand (and numpy below, with the step's loss
# l = dh . h_t + dc_next . c_t, whose gradients at h_t and c_t are dh_t and dc_next): dc_prev = dc_t * f_t, so
# line 24 (dc_t * i_t) fails; dz_g = dg_t * (1 - g_t^2), so line 28 (1 - g_t) fails; every other row holds.
CODE_CELL = "\n".join([
    "# An LSTM cell in numpy",
    "",
    "```python",
    "class Cell:",
    "    def forward(self, x_t, h_prev, c_prev):",
    "        hx = np.vstack([h_prev, x_t])",                                   # 6
    "        f_t = self._sigmoid(self.W_f @ hx + self.b_f)",                   # 7
    "        i_t = self._sigmoid(self.W_i @ hx + self.b_i)",
    "        g_t = np.tanh(self.W_g @ hx + self.b_g)",
    "        o_t = self._sigmoid(self.W_o @ hx + self.b_o)",                   # 10
    "        c_t = f_t * c_prev + i_t * g_t",
    "        h_t = o_t * np.tanh(c_t)",                                        # 12
    "        cache = (x_t, h_prev, c_prev, hx,",
    "                 f_t, i_t, g_t, o_t, c_t)",
    "        return h_t, c_t, cache",
    "",
    "    def backward(self, dh_t, dc_next, cache):",
    "        dc_t = dc_next + dh_t * o_t * (1 - np.tanh(c_t)**2)",             # 18
    "        do_t = dh_t * np.tanh(c_t)",
    "        df_t = dc_t * c_prev",                                            # 20
    "        di_t = dc_t * g_t",
    "        dg_t = dc_t * i_t",
    "        dz_f = df_t * f_t * (1 - f_t)",
    "        dc_prev = dc_t * i_t",                                            # 24 fail
    "        dz_i = di_t * i_t * (1 - i_t)",
    "        dz_o = do_t * o_t * (1 - o_t)",
    "        # the candidate's pre-activation",
    "        dz_g = dg_t * (1 - g_t)",                                         # 28 fail
    "        dhx = (self.W_f.T @ dz_f + self.W_i.T @ dz_i +",                  # 29
    "               self.W_g.T @ dz_g + self.W_o.T @ dz_o)",
    "        dh_prev = dhx[:self.d_h]",                                        # 31
    "        dx_t = dhx[self.d_h:]",
    "        dW_f = dz_f @ hx.T",                                              # 33
    "        db_f = dz_f",
    "        return dh_prev, dc_prev, dx_t",
    "```",
])


def _cell_oracle():
    """Finite differences of the step's loss l = dh . h_t + dc_next . c_t by c_prev and by g's pre-activation."""
    rng = np.random.default_rng(5)
    H, X = 3, 2
    W = {k: rng.normal(size=(H, H + X)) for k in "figo"}
    b = {k: rng.normal(size=H) for k in "figo"}
    x, h0, c0, dh, dcn = (rng.normal(size=n) for n in (X, H, H, H, H))
    sig = lambda a: 1 / (1 + np.exp(-a))

    def loss(c_prev, dzg=np.zeros(H)):
        hx = np.concatenate([h0, x])
        f, i, o = (sig(W[k] @ hx + b[k]) for k in "fio")
        g = np.tanh(W["g"] @ hx + b["g"] + dzg)
        c = f * c_prev + i * g
        return dh @ (o * np.tanh(c)) + dcn @ c, (f, i, g, o, c)

    eps = 1e-6
    fd_c = np.array([(loss(c0 + eps * e)[0] - loss(c0 - eps * e)[0]) / (2 * eps) for e in np.eye(H)])
    fd_zg = np.array([(loss(c0, eps * e)[0] - loss(c0, -eps * e)[0]) / (2 * eps) for e in np.eye(H)])
    f, i, g, o, c = loss(c0)[1]
    dc = dcn + dh * o * (1 - np.tanh(c) ** 2)
    return fd_c, fd_zg, dc, f, i, g


def test_numpy_cell_with_stacking_slices_and_inline_preactivations():
    fd_c, fd_zg, dc, f, i, g = _cell_oracle()
    assert np.allclose(fd_c, dc * f, atol=1e-6) and not np.allclose(fd_c, dc * i, atol=1e-3)
    assert np.allclose(fd_zg, dc * i * (1 - g ** 2), atol=1e-6) and not np.allclose(fd_zg, dc * i * (1 - g), atol=1e-3)
    got = _statuses(CODE_CELL)
    expected = {ln: ["pass"] for ln in [*range(6, 13), *range(18, 27), *range(28, 30), *range(31, 35)]}
    expected.update({24: ["fail"], 28: ["fail"]})
    assert got == expected, got         # (13-14: the tuple cache is no formula; 30 continues 29)


# The spectral norm of a one-step Jacobian written \left\|\frac{...}{...}\right\|_2 (its closing bar was read as the
# bar of a point of evaluation, |_2): for h_t = tanh(W h_{t-1} + U x_t + b) the Jacobian is diag(1 - h_t^2) W, and
# its norm is at most ||W||_2 (line 3 passes) and below it here (line 5, '=', fails; numpy below). Gradient
# clipping, g <- g theta / ||g||_2 if ||g||_2 > theta, is an assignment of an algorithm, not an equation: unreadable
# (it failed as "g at step 1 is not computed yet").
NORMS = "\n".join([
    r"$$h_t = \tanh(W h_{t-1} + U x_t + b)$$",
    "",
    r"$$\left\|\frac{\partial h_t}{\partial h_{t-1}}\right\|_2 \leq \|W\|_2$$",
    "",
    r"$$\left\|\frac{\partial h_t}{\partial h_{t-1}}\right\|_2 = \|W\|_2$$",
    "",
    r"$$g \leftarrow g \cdot \frac{\theta}{\|g\|_2} \quad \text{if } \|g\|_2 > \theta$$",
])


def test_spectral_norm_of_a_jacobian_and_clipping():
    rng = np.random.default_rng(2)
    W, h = rng.normal(size=(3, 3)), np.tanh(rng.normal(size=3))
    J = np.diag(1 - h ** 2) @ W
    assert np.linalg.norm(J, 2) <= np.linalg.norm(W, 2) and not np.isclose(np.linalg.norm(J, 2), np.linalg.norm(W, 2))
    got = _statuses(NORMS)
    assert got == {1: ["pass"], 3: ["pass"], 5: ["fail"], 7: ["unreadable"]}, got


# A numpy RNN whose loops carry the state without step indices: in the forward loop `z = W_hh @ h + ...` reads the
# h of the step before (it is assigned below, `h = np.tanh(z)`), so z_t = W_hh h_{t-1} + W_xh x_t + b_h and the rows
# hold (they failed: h was read as the h the loop computes). The backward loop carries dh_next (what reaches h_t
# from step t+1): dh = W_hy^T dy + dh_next holds, dh_next = W_hh^T dz holds, W_hh dz (line 21) fails (numpy below:
# the total dL/dh_t is W_hy^T dy_t + W_hh^T dz_{t+1}, not W_hh dz_{t+1}). Initialisations (h = self.h0,
# np.random.randn) and a conditional expression are no rows; `W -= lr * dW` is an update rule (gradient descent).
CODE_LOOPS = "\n".join([
    "```python",
    "def forward(self, X):",
    "    self.W_hh = np.random.randn(3, 3)",
    "    h = self.h0",
    "    for t in range(T):",
    "        x = X[t:t+1].T",
    "        z = self.W_hh @ h + self.W_xh @ x + self.b_h",                      # 7
    "        h = np.tanh(z)",                                                  # 8
    "        y = self.W_hy @ h + self.b_y",                                    # 9
    "",
    "def backward(self, dys):",
    "    trunc = k if k else T",
    "    for t in reversed(range(T)):",
    "        dy = dys[t]",
    "        dh = self.W_hy.T @ dy + dh_next",                                 # 15
    "        dz = dh * (1 - h**2)",                                            # 16
    "        db_h += dz",                                                      # 17
    "        dh_next = self.W_hh.T @ dz",                                      # 18
    "",
    "    W_hh -= lr * dW_hh",                                                  # 20
    "    dh_next = self.W_hh @ dz",                                            # 21
    "```",
])


def _rnn_dh1(seed, T):
    """(finite differences of L = sum_t |V h_t - y_t|^2 / 2 by h_1, the hand recursion dL/dh_1 = V^T (V h_1 - y_1)
    + W^T dz_2 with dz_t = dL/dh_t * (1 - h_t^2), the same with W for W^T) for h_t = tanh(W h_{t-1} + U x_t)."""
    rng = np.random.default_rng(seed)
    H, X, K = 3, 2, 2
    W, U, V = rng.normal(size=(H, H)), rng.normal(size=(H, X)), rng.normal(size=(K, H))
    xs, ys, h0 = rng.normal(size=(T + 1, X)), rng.normal(size=(T + 1, K)), rng.normal(size=H)

    def loss(shift):            # shift added to h_1
        h, total, hs = h0, 0.0, {}
        for t in range(1, T + 1):
            h = np.tanh(W @ h + U @ xs[t]) + (shift if t == 1 else 0)
            hs[t] = h
            total += 0.5 * np.sum((V @ h - ys[t]) ** 2)
        return total, hs

    hs = loss(np.zeros(H))[1]
    eps = 1e-6
    fd = np.array([(loss(eps * e)[0] - loss(-eps * e)[0]) / (2 * eps) for e in np.eye(H)])
    dh, dz = {}, {T + 1: np.zeros(H)}
    for t in range(T, 0, -1):
        dh[t] = V.T @ (V @ hs[t] - ys[t]) + W.T @ dz[t + 1]
        dz[t] = dh[t] * (1 - hs[t] ** 2)
    return fd, dh[1], V.T @ (V @ hs[1] - ys[1]) + W @ dz[2]


def test_numpy_loops_carry_the_state():
    fd, right, wrong = _rnn_dh1(4, T=4)
    assert np.allclose(fd, right, atol=1e-6) and not np.allclose(fd, wrong, atol=1e-3)
    got = _statuses(CODE_LOOPS)
    assert got == {7: ["pass"], 8: ["pass"], 9: ["pass"], 14: ["unreadable"], 15: ["pass"], 16: ["pass"],
                   17: ["pass"], 18: ["pass"], 20: ["pass"], 21: ["fail"]}, got


# A notation table whose last column is headed "Dimensions" (plural): `| $\mathbf{x}_t$ | Input | $D \times 1$ |`
# states a shape, not the equation x_t = D x 1 (it was read as one, failed on line 4 and made x_t a quantity of a
# cell of its own, so every later row was "x is computed by the cell stated before"). The RNN row after it passes,
# and so does its one-step Jacobian diag(1 - h_t^2) W_hh (by hand: d tanh(a)/da = 1 - tanh(a)^2).
TABLE = "\n".join([
    "| Symbol | Description | Dimensions |",
    "|--------|-------------|------------|",
    r"| $\mathbf{h}_t$ | Hidden state at time $t$ | $H \times 1$ |",
    r"| $\mathbf{x}_t$ | Input at time $t$ | $D \times 1$ |",
    "",
    r"$$\mathbf{h}_t = \tanh(\mathbf{W}_{hh}\mathbf{h}_{t-1} + \mathbf{W}_{xh}\mathbf{x}_t + \mathbf{b}_h)$$",
    "",
    r"$$\frac{\partial \mathbf{h}_t}{\partial \mathbf{h}_{t-1}} = \text{diag}(1 - \mathbf{h}_t^2) \cdot \mathbf{W}_{hh}$$",
])


def test_a_dimensions_column_states_no_equation():
    assert _statuses(TABLE) == {6: ["pass"], 8: ["pass"]}


def test_stacking_calls_of_expressions_are_stacked_columns():
    from symlstm.verify.text.codefences import _code_line, plain_latex
    assert plain_latex(_code_line("        concat_reset = np.concatenate([r * h_prev, x])")).split() == \
        ["concat_{reset}", "=", r"\begin{bmatrix}", "r", "*", "h_{prev}", r"\\", "x", r"\end{bmatrix}"]
    assert plain_latex(_code_line("    hx = np.hstack((h, x))")).split() == \
        ["hx", "=", r"\begin{bmatrix}", "h", "&", "x", r"\end{bmatrix}"]
    assert _code_line("    x = X[t:t+1].T") == ""          # a slice by the step: not a slice of widths


# The gradient's sign set in bold with its letter, \mathbf{\delta h}_{t} (a textbook chapter's spelling), is \delta
# h_t: the recursion dL/dh_t = V^T (o_t - y_t) + W^T diag(1 - h_{t+1}^2) dL/dh_{t+1} of this RNN passes (line 7)
# and with W for W^T fails (line 9; numpy below). It was "a subscript on an expression".
BOLD_DELTA = "\n".join([
    r"$$a_t = W h_{t-1} + U x_t + b, \quad h_t = \tanh(a_t)$$",
    "",
    r"$$o_t = V h_t$$",
    "",
    r"$$L = \sum_{t=1}^{T} \frac{1}{2} \|o_t - y_t\|^2$$",
    "",
    r"$$\mathbf{\delta h}_{t} = V^T (o_t - y_t) + W^T \mathrm{diag}(1 - h_{t+1}^2) \mathbf{\delta h}_{t+1}$$",
    "",
    r"$$\mathbf{\delta h}_{t} = V^T (o_t - y_t) + W \mathrm{diag}(1 - h_{t+1}^2) \mathbf{\delta h}_{t+1}$$",
])


def test_a_bold_delta_is_the_gradient_of_its_letter():
    fd, right, wrong = _rnn_dh1(6, T=3)
    assert np.allclose(fd, right, atol=1e-6) and not np.allclose(fd, wrong, atol=1e-3)
    got = _statuses(BOLD_DELTA)
    assert got == {1: ["pass", "pass"], 3: ["pass"], 5: ["pass"], 7: ["pass"], 9: ["fail"]}, got


# A log of a value the run makes negative (L_t = -\log o_{t,k_t} of a linear score o_t = V h_t) is refused: it was
# evaluated with the complex log, and the differentiated loss came out near 1e30 (pi over the complex step). By
# hand: dL_t/do_t = -e_{k_t} / o_{t,k_t} is not 0 (line 7 fails); dL/dW is 3 x 3 and V is 2 x 3 on the right, so
# line 9 fails on its shapes. The values reported with them are finite.
NEGATIVE_LOG = "\n".join([
    r"$$h_t = \tanh(W h_{t-1} + U x_t)$$",
    "",
    r"$$o_t = V h_t$$",
    "",
    r"$$L_t = -\log o_{t,k_t}$$",
    "",
    r"$$\frac{\partial L_t}{\partial o_t} = 0$$",
    "",
    r"$$\frac{\partial L}{\partial W} = \sum_t \frac{\partial L_t}{\partial o_t} V$$",
])


def test_the_log_of_a_negative_value_is_refused():
    results = verify_derivation(NEGATIVE_LOG).results
    assert {r.line: r.status for r in results} == {1: "pass", 3: "pass", 5: "pass", 7: "fail", 9: "fail"}
    for r in results:
        for v in (r.claimed, r.correct):
            assert v is None or np.all(np.abs(np.asarray(v)) < 1e6), (r.line, v)
