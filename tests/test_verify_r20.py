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
