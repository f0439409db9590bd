r"""Round 18 of verify: tables of formulas, rows written once for several gates, Unicode math letters, a second cell
after the first, the schematic chain rule with \times, a sum whose body starts with a minus. Every expected verdict
is worked out by hand (and with numpy where it is a gradient, never with symlstm) in the comment above its test."""
from __future__ import annotations

import numpy as np

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.templates import expand_templates
from symlstm.verify.text.latexparse import LatexError
from symlstm.verify.text.texfile import TexEquation, read_tex
from _timing import within


def _statuses(text):
    out = {}
    for r in sorted(verify_derivation(text).results, key=lambda r: (r.line, r.column)):
        out.setdefault(r.line, []).append(r.status)
    return out


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# A Markdown table states the LSTM a gate a row: the name in the first cell, its formula in the last (the cells
# between describe it: a range "$\in (0, 1)$" is no value). Each is the author's definition: pass. A table of
# shapes states no equation (line 14). The gradient table: o_t reaches L only through h_t = o_t * tanh(c_t), so
# dL/do_t = dL/dh_t * tanh(c_t) (pass); c_t = f c_{t-1} + i g gives dc/dg = i, not f (line 19 fails; numpy below).
def test_table_rows():
    rng = np.random.default_rng(0)
    f, i, g, c_prev, dc = rng.uniform(0.1, 0.9, size=(5, 3))
    loss = lambda g_: dc @ (f * c_prev + i * g_)        # noqa: E731 (L linear in c_t with gradient dc)
    fd = np.array([(loss(g + 1e-6 * e) - loss(g - 1e-6 * e)) / 2e-6 for e in np.eye(3)])
    assert np.allclose(fd, dc * i, atol=1e-8) and not np.allclose(fd, dc * f)
    text = "\n".join([
        "The cell, one gate a row:",
        "",
        "| Symbol | Meaning | Range | Formula |",
        "|---|---|---|---|",
        "| $f_t$ | forget gate | $\\in (0, 1)$ | $\\sigma(W_f x_t + U_f h_{t-1} + b_f)$ |",        # line 5
        "| $i_t$ | input gate | $\\in (0, 1)$ | $\\sigma(W_i x_t + U_i h_{t-1} + b_i)$ |",
        "| $g_t$ | candidate | $\\in (-1, 1)$ | $\\tanh(W_g x_t + U_g h_{t-1} + b_g)$ |",
        "| $o_t$ | output gate | $\\in (0, 1)$ | $\\sigma(W_o x_t + U_o h_{t-1} + b_o)$ |",
        "| $c_t$ | cell state | vector | $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ |",
        "| $h_t$ | hidden state | vector | $h_t = o_t \\odot \\tanh(c_t)$ |",                   # line 10
        "",
        "| Weight | Shape |",
        "|---|---|",
        "| $W_f$ | $H \\times D$ |",                                                              # line 14
        "",
        "| Gradient | Formula |",
        "|---|---|",
        "| $\\frac{\\partial L}{\\partial o_t}$ | $\\frac{\\partial L}{\\partial h_t} \\odot \\tanh(c_t)$ |",
        "| $\\frac{\\partial L}{\\partial g_t}$ | $\\frac{\\partial L}{\\partial c_t} \\odot f_t$ |",   # line 19
    ])
    assert _statuses(text) == {5: ["pass"], 6: ["pass"], 7: ["pass"], 8: ["pass"], 9: ["pass"], 10: ["pass"],
                               18: ["pass"], 19: ["fail"]}
    eq = next(e for e in read_tex(text).equations if e.line == 5)
    assert eq.text == "f_t = \\sigma(W_f x_t + U_f h_{t-1} + b_f)" and eq.column == 4


# Parameter gradients written once for three gates (Coursera's names: z_k the pre-activation of gate k, [a; x]
# the stacked input). z_k = W_k [a^{<t-1>}; x^{<t>}] + b_k, so step t's part of dL/dW_k is dz_k [a; x]^T: each of
# the three copies of line 12 holds as step t's contribution. db_k = 2 dz_k is twice step t's part (dz_k/db_k = I):
# each copy of line 14 fails. The labels of line 14 are in the sentence after it ("$*$ stands for ...").
def test_template_rows():
    rng = np.random.default_rng(1)
    W, b, v, dz = rng.normal(size=(3, 5)), rng.normal(size=3), rng.normal(size=5), rng.normal(size=3)
    loss = lambda W_, b_: dz @ (W_ @ v + b_)     # noqa: E731 (L linear in z_k with gradient dz)
    fdW = np.array([[(loss(W + 1e-6 * np.outer(e, u), b) - loss(W - 1e-6 * np.outer(e, u), b)) / 2e-6
                     for u in np.eye(5)] for e in np.eye(3)])
    fdb = np.array([(loss(W, b + 1e-6 * e) - loss(W, b - 1e-6 * e)) / 2e-6 for e in np.eye(3)])
    assert np.allclose(fdW, np.outer(dz, v), atol=1e-7) and np.allclose(fdb, dz) and not np.allclose(fdb, 2 * dz)
    text = "\n".join([
        "Forward step of the LSTM:",
        "",
        "$$z_f^{\\langle t \\rangle} = W_f [a^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_f, \\quad "
        "\\Gamma_f^{\\langle t \\rangle} = \\sigma(z_f^{\\langle t \\rangle})$$",
        "$$z_u^{\\langle t \\rangle} = W_u [a^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_u, \\quad "
        "\\Gamma_u^{\\langle t \\rangle} = \\sigma(z_u^{\\langle t \\rangle})$$",
        "$$z_o^{\\langle t \\rangle} = W_o [a^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_o, \\quad "
        "\\Gamma_o^{\\langle t \\rangle} = \\sigma(z_o^{\\langle t \\rangle})$$",
        "$$\\tilde{c}^{\\langle t \\rangle} = \\tanh(W_c [a^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_c)$$",
        "$$c^{\\langle t \\rangle} = \\Gamma_f^{\\langle t \\rangle} * c^{\\langle t-1 \\rangle} + "
        "\\Gamma_u^{\\langle t \\rangle} * \\tilde{c}^{\\langle t \\rangle}$$",
        "$$a^{\\langle t \\rangle} = \\Gamma_o^{\\langle t \\rangle} * \\tanh(c^{\\langle t \\rangle})$$",
        "",
        "Parameter gradients of one step, from the gradients of the gates' pre-activations:",
        "",
        "$$dW_k = dz_k^{\\langle t \\rangle} \\begin{bmatrix} a^{\\langle t-1 \\rangle} \\\\ x^{\\langle t \\rangle} "
        "\\end{bmatrix}^T \\text{, for k = f, u, o}$$",                                           # line 12
        "",
        "$$db_* = 2 dz_*^{\\langle t \\rangle}$$",                                                  # line 14
        "",
        "where the subscript $*$ stands for $f$, $u$, $o$ in turn.",
    ])
    got = _statuses(text)
    assert got == {3: ["pass", "pass"], 4: ["pass", "pass"], 5: ["pass", "pass"], 6: ["pass"], 7: ["pass"],
                   8: ["pass"], 12: ["pass", "pass", "pass"], 14: ["fail", "fail", "fail"]}
    copies = [e.text for e in read_tex(text).equations if e.line == 12]
    assert [c.split("=")[0].strip() for c in copies] == ["dW_{f}", "dW_{u}", "dW_{o}"]


def test_template_declarations():
    eqs = [TexEquation(1, 1, r"dW_* = dz_* x^T \quad \text{for } * \in \{f, i, o\}"),
           TexEquation(2, 1, r"h_t = \sum_{k} W_k x_t \text{ for all } t"),          # no labels: not a template
           TexEquation(3, 1, r"db_k = dz_k \text{, for k = 1, 2, 3}")]                 # numbers are no gate labels
    out = [e.text.rstrip() for e in expand_templates(eqs, {})]
    assert out == ["dW_{f} = dz_{f} x^T", "dW_{i} = dz_{i} x^T", "dW_{o} = dz_{o} x^T",
                   r"h_t = \sum_{k} W_k x_t \text{ for all } t", r"db_k = dz_k \text{, for k = 1, 2, 3}"]


# Bold letters pasted from a web page (𝐳, 𝐡: U+1D433, U+1D421) and the asterisk operator ∗ (U+2217) are the names
# z, h and the product *. tanh' = 1 - tanh^2, so with dL/dh_t the total gradient, dL/dz_t = dL/dh_t * (1 - h_t^2)
# holds and the row with 1 + h_t^2 fails (the factors differ wherever h_t != 0).
def test_unicode_math_letters():
    text = "\n".join([
        "$$𝐳_t = W 𝐱_t + U 𝐡_{t-1} + 𝐛$$",
        "$$𝐡_t = \\tanh(𝐳_t)$$",
        "$$\\frac{\\partial L}{\\partial 𝐳_t} = \\frac{\\partial L}{\\partial 𝐡_t} ∗ (1 - 𝐡_t^2)$$",
        "$$\\frac{\\partial L}{\\partial 𝐳_t} = \\frac{\\partial L}{\\partial 𝐡_t} ∗ (1 + 𝐡_t^2)$$",
    ])
    z = np.linspace(-2, 2, 9)
    assert np.allclose((np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6, 1 - np.tanh(z) ** 2)
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["fail"]}


# A note states a GRU (Coursera's names: a = c), then an LSTM in the same names. The LSTM's rows define c~, c
# and a again through new weights (W_i, W_f, W_o): another cell, whose rows are its author's definitions (pass),
# the GRU's a = c not among them (it used to join the LSTM and make the LSTM's a row a failing restatement).
# The sentence after restates a without the tanh: a = Gamma_o * c differs from Gamma_o * tanh(c) (fail).
def test_second_cell_in_the_same_names():
    text = "\n".join([
        "GRU:",
        "",
        "$$\\tilde{c}^{\\langle t \\rangle} = \\tanh(W_c [\\Gamma_r^{\\langle t \\rangle} * c^{\\langle t-1 \\rangle}, "
        "x^{\\langle t \\rangle}] + b_c)\\\\",
        "\\Gamma_u^{\\langle t \\rangle} = \\sigma(W_u [c^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_u)\\\\",
        "\\Gamma_r^{\\langle t \\rangle} = \\sigma(W_r [c^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_r)\\\\",
        "c^{\\langle t \\rangle} = \\Gamma_u^{\\langle t \\rangle} * \\tilde{c}^{\\langle t \\rangle} + "
        "(1 - \\Gamma_u^{\\langle t \\rangle}) * c^{\\langle t-1 \\rangle}\\\\",
        "a^{\\langle t \\rangle} = c^{\\langle t \\rangle}$$",                                    # line 7
        "",
        "LSTM:",
        "",
        "$$\\tilde{c}^{\\langle t \\rangle} = \\tanh(W_c [a^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_c)\\\\",
        "\\Gamma_i^{\\langle t \\rangle} = \\sigma(W_i [a^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_i)\\\\",
        "\\Gamma_f^{\\langle t \\rangle} = \\sigma(W_f [a^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_f)\\\\",
        "c^{\\langle t \\rangle} = \\Gamma_f^{\\langle t \\rangle} * c^{\\langle t-1 \\rangle} + "
        "\\Gamma_i^{\\langle t \\rangle} * \\tilde{c}^{\\langle t \\rangle}\\\\",
        "\\Gamma_o^{\\langle t \\rangle} = \\sigma(W_o [a^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_o)\\\\",
        "a^{\\langle t \\rangle} = \\Gamma_o^{\\langle t \\rangle} * \\tanh(c^{\\langle t \\rangle})$$",    # line 16
        "",
        "Recall that $a^{\\langle t \\rangle} = \\Gamma_o^{\\langle t \\rangle} * c^{\\langle t \\rangle}$, "
        "so the output gate scales the cell.",
    ])
    expected = {k: ["pass"] for k in (3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16)}
    expected[18] = ["fail"]
    assert _statuses(text) == expected


# The chain rule written with \times (or *): dL/dz_t \times dz_t/dW contracts the gradient with the derivative of
# the vector z_t by the matrix W, i.e. sum_t dL/dz_t x_t^T for z_t = W x_t + U h_{t-1} + b (pass, as the direct
# dependence at each step); with dz_t/dW in the row for dL/dU it is the x-path's gradient, not U's (fail); dz_t/db
# is the identity, so the * row for db holds.
def test_chain_rule_with_times():
    rng = np.random.default_rng(2)
    W, U, b = rng.normal(size=(3, 2)), rng.normal(size=(3, 3)), rng.normal(size=3)
    x, h_prev, dz = rng.normal(size=2), rng.normal(size=3), rng.normal(size=3)
    z = lambda W_: W_ @ x + U @ h_prev + b       # noqa: E731
    fd = np.array([[(dz @ z(W + 1e-6 * np.outer(e, u)) - dz @ z(W - 1e-6 * np.outer(e, u))) / 2e-6
                    for u in np.eye(2)] for e in np.eye(3)])
    assert np.allclose(fd, np.outer(dz, x), atol=1e-7)
    text = "\n".join([
        "$$z_t = W x_t + U h_{t-1} + b$$",
        "$$h_t = \\tanh(z_t)$$",
        "$$\\frac{\\partial L}{\\partial W} = \\sum_t \\frac{\\partial L}{\\partial z_t} \\times "
        "\\frac{\\partial z_t}{\\partial W}$$",
        "$$\\frac{\\partial L}{\\partial U} = \\sum_t \\frac{\\partial L}{\\partial z_t} \\times "
        "\\frac{\\partial z_t}{\\partial W}$$",
        "$$\\frac{\\partial L}{\\partial b} = \\sum_t \\frac{\\partial L}{\\partial z_t} * "
        "\\frac{\\partial z_t}{\\partial b}$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["fail"], 5: ["pass"]}


# Cross-entropy written with the minus inside the sum (\sum_i -y_i \log \hat{y}_i): with a softmax output and a
# one-hot y, dL/do_t = \hat{y}_t - y_t (numpy below); \hat{y}_t + y_t fails.
def test_sum_with_a_leading_minus():
    rng = np.random.default_rng(4)
    o, y = rng.normal(size=4), np.eye(4)[2]
    ce = lambda o_: -(y @ np.log(np.exp(o_) / np.exp(o_).sum()))       # noqa: E731
    fd = np.array([(ce(o + 1e-6 * e) - ce(o - 1e-6 * e)) / 2e-6 for e in np.eye(4)])
    assert np.allclose(fd, np.exp(o) / np.exp(o).sum() - y, atol=1e-8)
    text = "\n".join([
        "$$h_t = \\tanh(W x_t + U h_{t-1} + b)$$",
        "$$o_t = V h_t + c$$",
        "$$\\hat{y}_t = \\mathrm{softmax}(o_t)$$",
        "$$L_t = \\sum_i -y_{t,i} \\log \\hat{y}_{t,i}$$",
        "$$L = \\sum_t L_t$$",
        "$$\\frac{\\partial L}{\\partial o_t} = \\hat{y}_t - y_t$$",
        "$$\\frac{\\partial L}{\\partial o_t} = \\hat{y}_t + y_t$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 6: ["pass"],
                               7: ["fail"]}


# Hostile tables and template declarations: long runs of spaces, cells, commas and "for" words are read in
# linear time (a clean answer well under a second, whatever is found).
def test_hostile_tables_and_templates_are_fast():
    hostile = [
        "$$a_k = b" + " " * 20000 + "for k$$",
        "$$a_k = b, for k = " + "a, " * 5000 + "$$",
        "$$x_k = y \\text{for } " + "\\quad " * 5000 + "k = a, b$$",
        "| $a$ | $b$ " * 3000 + "|\n|---|---|\n" + "| $x$ |" * 5000 + "|",
        "$$a_k = b" + " for" * 10000 + " k = a, b$$",
        "$$x_* = y$$\n" + " " * 5000 + "stands for" * 5000,
        "Let $a = b$ x " * 9000,                # a given a formula: stops at 2000 with a clean error
        "$a$ x " * 30000,                       # more dollar signs than the bound: refused before any work
    ]
    for text in hostile:
        def read():
            try:
                read_tex(text)
            except LatexError as e:
                assert "limit" in e.reason

        seconds, _ = within(1.0, read)
        assert seconds < 1.0


# A GRU (z weighs the candidate). "z_t = 1 => h_t = h~_t" is a consequence under a condition: one statement the
# reader does not read (unreadable), never the claim z_t = 1 about the cell. A reason in parentheses after a row,
# its brackets split across \text (\text{(because } ... \text{)}), is prose: h_t = (1 - z_t) h_{t-1} + z_t h~_t
# gives dh_t/dh~_t = diag(z_t) (pass), not diag(1 - z_t) (fail where z_t != 1/2).
def test_condition_and_reason():
    text = "\n".join([
        "$$z_t = \\sigma(W_z x_t + U_z h_{t-1} + b_z)$$",
        "$$\\tilde{h}_t = \\tanh(W_h x_t + U_h h_{t-1} + b_h)$$",
        "$$h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde{h}_t$$",
        "$$z_t = 1 \\Rightarrow h_t = \\tilde{h}_t$$",
        "$$\\frac{\\partial h_t}{\\partial \\tilde{h}_t} = \\mathrm{diag}(z_t) \\quad \\text{(because } h_t = (1 - z_t)"
        " \\odot h_{t-1} + z_t \\odot \\tilde{h}_t\\text{)}$$",
        "$$\\frac{\\partial h_t}{\\partial \\tilde{h}_t} = \\mathrm{diag}(1 - z_t) \\quad \\text{(because } h_t = (1 - "
        "z_t) \\odot h_{t-1} + z_t \\odot \\tilde{h}_t\\text{)}$$",
    ])
    z, h_prev, h_new = np.array([0.2, 0.7, 0.9]), np.zeros(3), np.array([0.1, -0.3, 0.5])
    fd = np.array([((1 - z) * h_prev + z * (h_new + 1e-6 * e) - ((1 - z) * h_prev + z * (h_new - 1e-6 * e))) / 2e-6
                   for e in np.eye(3)]).T
    assert np.allclose(fd, np.diag(z)) and not np.allclose(fd, np.diag(1 - z))
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["unreadable"], 5: ["pass"], 6: ["fail"]}


# An RNN with an output head a_t = W_out h_t + b_y and L = sum_t L_t. W_out is one weight (its label "out" holds
# the time letter t, but it is no "ou at step t"). delta^out_t, defined by a derivative (:=), is the file's own
# name: dL_t/da_t, so dL_t/dh_t = W_out^T delta^out_t (a_t is the only path from h_t to L_t) holds and twice it
# fails. The initial state stated in a sentence ($\mathbf{h}_0 = \mathbf{0}$) is the cell's start, not a claim
# against it. Two shapes in one formula ($W_{in} \in R^{d x n}, W_{rec} \in R^{d x d}$) are two statements: the
# forward row, W_rec on h and W_in on x, is well-typed (it failed as "a product of shapes 3x3 and 2x1").
def test_output_label_named_delta_and_initial_state():
    rng = np.random.default_rng(5)
    W_out, h, b_y, y = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=2), rng.normal(size=2)
    loss = lambda h_: 0.5 * np.sum((W_out @ h_ + b_y - y) ** 2)       # noqa: E731 (one step's loss L_t)
    fd = np.array([(loss(h + 1e-6 * e) - loss(h - 1e-6 * e)) / 2e-6 for e in np.eye(3)])
    assert np.allclose(fd, W_out.T @ (W_out @ h + b_y - y), atol=1e-8)
    text = "\n".join([
        "The input is $\\mathbf{x}_t \\in \\mathbb{R}^{n}$ and the state $\\mathbf{h}_t \\in \\mathbb{R}^{d}$:",
        "",
        "$$\\mathbf{u}_t = \\mathbf{W}_{\\mathrm{rec}} \\mathbf{h}_{t-1} + \\mathbf{W}_{\\mathrm{in}} \\mathbf{x}_t + "
        "\\mathbf{b}_h$$",                                                                        # line 3
        "$$\\mathbf{h}_t = \\tanh(\\mathbf{u}_t)$$",
        "$$\\mathbf{a}_t = \\mathbf{W}_{\\mathrm{out}} \\mathbf{h}_t + \\mathbf{b}_y$$",
        "$$\\mathcal{L} = \\sum_{t=1}^T \\mathcal{L}_t$$",
        "",
        "where $\\mathbf{W}_{\\mathrm{in}} \\in \\mathbb{R}^{d\\times n}, \\mathbf{W}_{\\mathrm{rec}} \\in "
        "\\mathbb{R}^{d\\times d}$, and the initial state is $\\mathbf{h}_{0}=\\mathbf{0}$.",       # line 8
        "",
        "$$\\delta_t^{\\mathrm{out}} := \\frac{\\partial \\mathcal{L}_t}{\\partial \\mathbf{a}_t}$$",  # line 10
        "$$\\frac{\\partial \\mathcal{L}_t}{\\partial \\mathbf{h}_t} = \\mathbf{W}_{\\mathrm{out}}^\\top "
        "\\delta_t^{\\mathrm{out}}$$",
        "$$\\frac{\\partial \\mathcal{L}_t}{\\partial \\mathbf{h}_t} = 2 \\mathbf{W}_{\\mathrm{out}}^\\top "
        "\\delta_t^{\\mathrm{out}}$$",
    ])
    assert _statuses(text) == {3: ["pass"], 4: ["pass"], 5: ["pass"], 6: ["pass"], 8: ["pass"], 10: ["pass"],
                               11: ["pass"], 12: ["fail"]}


# A chain whose first link cannot be read (a matrix with \cdot for the entries it leaves out): the next link,
# "&= W", says so instead of "unexpected '='" (it was the parser's complaint about the bare '=').
def test_continuation_of_an_unreadable_row():
    text = "\n".join([
        "$$h_t = W h_{t-1} + U x_t$$",
        "",
        "$$",
        "\\begin{aligned}",
        "\\frac{\\partial h_t}{\\partial h_{t-1}} &= \\left[\\begin{array}{cc} w_{11} & \\cdot \\\\ \\cdot & w_{22} "
        "\\end{array}\\right] \\\\",
        "&= W",
        "\\end{aligned}",
        "$$",
    ])
    got = {r.line: r for r in verify_derivation(text).results}
    assert {k: r.status for k, r in got.items()} == {1: "pass", 5: "unreadable", 6: "unreadable"}
    assert got[6].why == "it continues the row above (line 5), which is not read"


# An unreadable equation written over two lines: its result's line is where the equation starts (line 4, as for
# every other result), and "at" is where the part not read stands (\foo, line 5 column 7).
def test_unreadable_row_reports_its_start_and_the_unread_part():
    text = "$$h_t = W h_{t-1} + U x_t$$\n\n$$\n\\frac{\\partial h_t}{\\partial h_{t-1}}\n= W + \\foo\n$$\n"
    rows = [r.to_dict() for r in verify_derivation(text).results]
    assert [(r["line"], r["status"]) for r in rows] == [(1, "pass"), (4, "unreadable")]
    assert rows[1]["at"] == {"line": 5, "column": 7} and "at" not in rows[0]
