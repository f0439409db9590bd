r"""Round 21 of verify: notebooks and Python sources (text/sourcefiles.py), a numpy file's own helper functions
read in place of their calls, loops that carry the state in one name, code temporaries with a subscript, slides
that colour each factor. Every expected verdict is worked out by hand and checked with numpy finite differences
(never with symlstm) in the test or the comment above it."""
from __future__ import annotations

import json

import numpy as np

from symlstm.verify import verify_file
from symlstm.verify.judging.judge import verify_derivation


def _statuses(results):
    out = {}
    for r in sorted(results, key=lambda r: (r.line, r.column)):
        out.setdefault(r.line, []).append(r.status)
    return out


def _sig(a):
    return 1 / (1 + np.exp(-a))


# A numpy LSTM step in a .py file that defines its own derivative helpers: dsigmoid takes the PRE-activation
# (sigma(x)(1 - sigma(x))), dtanh takes tanh's OUTPUT (1 - y^2). By hand: dc (line 26) applies dtanh to tanh(c_t):
# 1 - tanh(c)^2, right; dz_f (line 30) applies dsigmoid to the gate's output f: sigma(f)(1 - sigma(f)) is not
# f(1 - f), wrong; dz_i (line 31) applies it to i's pre-activation, right; dz_g (line 32) applies dtanh to g, right.
# The step's loss is l = dh . h_t + dc_next . c_t (the gradients given at h_t and c_t); numpy below.
HELPERS_PY = "\n".join([
    "import numpy as np",
    "",
    "",
    "def sigmoid(x):",
    "    return 1 / (1 + np.exp(-x))",
    "",
    "",
    "def dsigmoid(x):",
    '    """The derivative of the sigmoid,',
    "    given its input x: f'(x) = f(x) * (1 - f(x))",
    '    """',
    "    s = sigmoid(x)",
    "    return s * (1 - s)",
    "",
    "",
    "def dtanh(y):",
    "    return 1 - y ** 2      # y = tanh(x): the output",
    "",
    "",
    "def backward(dh_t, dc_next, x_t, h_prev, c_prev, W_f, b_f, W_i, b_i, W_g, b_g, W_o, b_o):",
    "    hx = np.vstack((h_prev, x_t))",                                       # 21
    "    f_t = sigmoid(W_f @ hx + b_f)",
    "    i_t = sigmoid(W_i @ hx + b_i)",
    "    g_t = np.tanh(W_g @ hx + b_g)",
    "    o_t = sigmoid(W_o @ hx + b_o)",                                       # 25
    "    c_t = f_t * c_prev + i_t * g_t",
    "    h_t = o_t * np.tanh(c_t)",
    "    dc_t = dc_next + dh_t * o_t * dtanh(np.tanh(c_t))",                   # 28
    "    df_t = dc_t * c_prev",
    "    di_t = dc_t * g_t",                                                   # 30
    "    dg_t = dc_t * i_t",
    "    dz_f = df_t * dsigmoid(f_t)",                                         # 32 fail
    "    dz_i = di_t * dsigmoid(W_i @ hx + b_i)",                              # 33
    "    dz_g = dg_t * dtanh(g_t)",                                            # 34
    "    return dz_f, dz_i, dz_g",
])


def _lstm_step_oracle():
    rng = np.random.default_rng(11)
    H, X = 3, 2
    W = {k: rng.normal(size=(H, H + X)) for k in "figo"}
    b = {k: rng.normal(size=H) for k in "figo"}
    x, h0, c0, dh, dcn = (rng.normal(size=n) for n in (X, H, H, H, H))
    hx = np.concatenate([h0, x])

    def loss(dz):               # the step's loss with the pre-activations shifted by dz = {gate: shift}
        f, i, o = (_sig(W[k] @ hx + b[k] + dz.get(k, 0)) for k in "fio")
        g = np.tanh(W["g"] @ hx + b["g"] + dz.get("g", 0))
        c = f * c0 + i * g
        return dh @ (o * np.tanh(c)) + dcn @ c, (f, i, g, o, c)

    eps = 1e-6
    fd = {k: np.array([(loss({k: eps * e})[0] - loss({k: -eps * e})[0]) / (2 * eps) for e in np.eye(H)])
          for k in "fig"}
    f, i, g, o, c = loss({})[1]
    dc = dcn + dh * o * (1 - np.tanh(c) ** 2)
    return fd, dc, f, i, g, c0, W, b, hx


def test_a_python_file_with_its_own_derivative_helpers(tmp_path):
    fd, dc, f, i, g, c0, W, b, hx = _lstm_step_oracle()
    df, di, dg = dc * c0, dc * g, dc * i
    assert np.allclose(fd["f"], df * f * (1 - f), atol=1e-6)
    assert not np.allclose(fd["f"], df * _sig(f) * (1 - _sig(f)), atol=1e-3)          # line 32: dsigmoid(f_t)
    zi = W["i"] @ hx + b["i"]
    assert np.allclose(fd["i"], di * _sig(zi) * (1 - _sig(zi)), atol=1e-6)              # line 33
    assert np.allclose(fd["g"], dg * (1 - g ** 2), atol=1e-6)                           # line 34
    path = tmp_path / "lstm_step.py"
    path.write_text(HELPERS_PY, encoding="utf-8")
    got = _statuses(verify_file(None, str(path)).results)
    expected = {ln: ["pass"] for ln in range(21, 35)}
    expected[32] = ["fail"]
    assert got == expected, got         # (the helpers' own bodies restate nothing of the cell: no rows)


def test_python_source_pasted_into_markdown_is_read_as_code():
    text = "<!-- source: pasted code -->\n" + HELPERS_PY + "\n"
    got = _statuses(verify_derivation(text).results)
    expected = {ln + 1: ["pass"] for ln in range(21, 35)}
    expected[33] = ["fail"]
    assert got == expected, got


# A course notebook: the derivation in a Markdown cell, the forward loop in a code cell. By hand (numpy below):
# for a_t = W h_{t-1} + U x_t + b, h_t = tanh(a_t), L = sum_t ||h_t - y_t||^2 / 2: dL/da_t = dL/dh_t (1 - h_t^2) and
# dL/dh_t = (h_t - y_t) + W^T dL/da_{t+1} hold; dL/dW = sum_t dL/da_t h_t^T fails (h_{t-1}^T). The code cell's
# `h = np.tanh(W @ h + U @ x[t] + b)` in `for t in range(T)` reads the h of the step before: it holds.
NOTEBOOK_MD = [
    "## BPTT for a tanh RNN\n",
    "\n",
    "$$a_t = W h_{t-1} + U x_t + b$$\n",
    "$$h_t = \\tanh(a_t)$$\n",
    "$$L = \\sum_{t=1}^{T} \\frac{1}{2} (h_t - y_t)^\\top (h_t - y_t)$$\n",
    "\n",
    "$$\\frac{\\partial L}{\\partial a_t} = \\frac{\\partial L}{\\partial h_t} \\odot (1 - h_t^2)$$\n",
    "$$\\frac{\\partial L}{\\partial h_t} = (h_t - y_t) + W^\\top \\frac{\\partial L}{\\partial a_{t+1}}$$\n",
    "$$\\frac{\\partial L}{\\partial W} = \\sum_{t=1}^{T} \\frac{\\partial L}{\\partial a_t} h_t^\\top$$",
]
NOTEBOOK_CODE = [
    "import numpy as np\n",
    "\n",
    "h = np.zeros(3)\n",
    "for t in range(T):\n",
    "    h = np.tanh(W @ h + U @ x[t] + b)",
]


def _rnn_oracle():
    rng = np.random.default_rng(4)
    n, m, T = 3, 2, 4
    W, U, b = rng.normal(size=(n, n)), rng.normal(size=(n, m)), rng.normal(size=n)
    xs, ys = rng.normal(size=(T + 1, m)), rng.normal(size=(T + 1, n))

    def run(W):
        hs = [np.zeros(n)]
        for t in range(1, T + 1):
            hs.append(np.tanh(W @ hs[-1] + U @ xs[t] + b))
        return hs

    def loss(W):
        return sum(0.5 * np.sum((h - y) ** 2) for h, y in zip(run(W)[1:], ys[1:]))

    eps = 1e-6
    dW = np.array([[(loss(W + eps * E) - loss(W - eps * E)) / (2 * eps)
                    for E in (np.eye(n * n)[k].reshape(n, n) for k in range(r * n, r * n + n))] for r in range(n)])
    hs = run(W)
    da = [np.zeros(n)] * (T + 2)
    for t in range(T, 0, -1):
        da[t] = ((hs[t] - ys[t]) + W.T @ da[t + 1]) * (1 - hs[t] ** 2)
    return dW, sum(np.outer(da[t], hs[t - 1]) for t in range(1, T + 1)), \
        sum(np.outer(da[t], hs[t]) for t in range(1, T + 1))


def test_a_notebook_is_read_and_reported_at_the_lines_of_its_file(tmp_path):
    dW, right, claimed = _rnn_oracle()
    assert np.allclose(dW, right, atol=1e-6) and not np.allclose(dW, claimed, atol=1e-3)
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
          "cells": [{"cell_type": "markdown", "metadata": {}, "source": NOTEBOOK_MD},
                    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": NOTEBOOK_CODE}]}
    text = json.dumps(nb, indent=1, ensure_ascii=False)
    path = tmp_path / "bptt.ipynb"
    path.write_text(text, encoding="utf-8")
    file_lines = text.split("\n")

    def line_of(piece):         # the line of the notebook's JSON that holds a source line
        return next(k + 1 for k, s in enumerate(file_lines) if json.dumps(piece)[1:-1].rstrip("\\n") in s)

    expected = {line_of(NOTEBOOK_MD[k]): [status] for k, status in
                [(2, "pass"), (3, "pass"), (4, "pass"), (6, "pass"), (7, "pass"), (8, "fail")]}
    expected[line_of(NOTEBOOK_CODE[4])] = ["pass"]
    report = verify_file(None, str(path))
    assert _statuses(report.results) == expected, (_statuses(report.results), expected)
    assert report.exit_status() == 1


def test_a_file_that_is_not_a_notebook_says_so(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    try:
        verify_file(None, str(path))
    except ValueError as e:
        assert "not valid JSON" in str(e) and "notebook" in str(e)
    else:
        raise AssertionError("a broken notebook was read")


# Code names its gradients by the pre-activation freely: `do_t_act` (o's pre-activation) is a temporary of the
# code, no part of do_t (o has one use, h_t = o_t * tanh(c_t)); it was read as do_t, and the row failed. By hand:
# do_t_act = do_t * o_t (1 - o_t) is the gradient by o's pre-activation (right); dW_o = do_t_act hx^T is step t's
# contribution (right); df_t_act = df_t * f_t lacks (1 - f_t), so dW_f = df_t_act hx^T (line 15) is wrong (numpy
# in _lstm_step_oracle: dL/dz_f = df f (1 - f), not df f). A temporary that is the gradient of nothing the cell
# computes (line 14) is not reported (code is read where it can be), and the rows reading it are judged with
# its value.
TEMPORARIES = "\n".join([
    "```python",
    "hx = np.vstack((h_prev, x_t))",
    "f_t = sigmoid(W_f @ hx + b_f)",
    "i_t = sigmoid(W_i @ hx + b_i)",
    "g_t = np.tanh(W_g @ hx + b_g)",
    "o_t = sigmoid(W_o @ hx + b_o)",
    "c_t = f_t * c_prev + i_t * g_t",
    "h_t = o_t * np.tanh(c_t)",
    "do_t = dh_t * np.tanh(c_t)",
    "do_t_act = do_t * o_t * (1 - o_t)",                    # 10
    "dW_o = do_t_act @ hx.T",                               # 11
    "dc_t = dc_next + dh_t * o_t * (1 - np.tanh(c_t) ** 2)",
    "df_t = dc_t * c_prev",
    "df_t_act = df_t * f_t",                                # 14 (not reported)
    "dW_f = df_t_act @ hx.T",                               # 15 fail
    "```",
])


def test_code_temporaries_with_a_subscript():
    fd, dc, f, *_ = _lstm_step_oracle()
    df = dc * _lstm_step_oracle()[5]
    assert not np.allclose(fd["f"], df * f, atol=1e-3) and np.allclose(fd["f"], df * f * (1 - f), atol=1e-6)
    got = _statuses(verify_derivation(TEMPORARIES).results)
    expected = {ln: ["pass"] for ln in range(2, 16)}
    del expected[14]            # (a code fence reports the statements it can judge: line 14 is not reported)
    expected[15] = ["fail"]
    assert got == expected, got
    r = next(r for r in verify_derivation(TEMPORARIES).results if r.line == 10)
    assert "pre-activation of o" in r.why and "do_{t\\_act}" in r.why, r.why


# Slides colour each factor: \color{#FF6B6B}{...} (a colour in hexadecimal) and \color{black}{\cdot} (the product
# sign coloured). For h_t = tanh(W h_{t-1} + U x_t) the one-step Jacobian is diag(1 - h_t^2) W (numpy: the
# finite differences below), not diag(1 - h_t^2) W^T. Both rows were unreadable ("unexpected character '#'").
COLOURED = "\n".join([
    r"$$h_t = \tanh(W h_{t-1} + U x_t)$$",
    "",
    r"$$\frac{\partial h_t}{\partial h_{t-1}} = \color{#FF6B6B}{\text{diag}(1 - h_t^2)} \color{black}{\cdot} "
    r"\color{#4ECDC4}{W}$$",
    "",
    r"$$\frac{\partial h_t}{\partial h_{t-1}} = \textcolor{#FF6B6B}{\text{diag}(1 - h_t^2)} \color{black}{\cdot} W^\top$$",
])


def test_coloured_factors_of_slides():
    rng = np.random.default_rng(8)
    W, U, h0, x = rng.normal(size=(3, 3)), rng.normal(size=(3, 2)), rng.normal(size=3), rng.normal(size=2)
    h = np.tanh(W @ h0 + U @ x)
    eps = 1e-6
    J = np.array([(np.tanh(W @ (h0 + eps * e) + U @ x) - np.tanh(W @ (h0 - eps * e) + U @ x)) / (2 * eps)
                  for e in np.eye(3)]).T
    assert np.allclose(J, np.diag(1 - h ** 2) @ W, atol=1e-6) and not np.allclose(J, np.diag(1 - h ** 2) @ W.T)
    assert _statuses(verify_derivation(COLOURED).results) == {1: ["pass"], 3: ["pass"], 5: ["fail"]}
