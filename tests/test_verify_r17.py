r"""Round 17 of verify: equations a sentence states in passing ("Since $C_t = ...$, we have"). Every expected
verdict is worked out by hand (and with numpy, never symlstm) in the comment above its test."""
from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from symlstm.verify.judging.judge import verify_derivation
from _timing import within


def _statuses(text):
    out = {}
    for r in sorted(verify_derivation(text).results, key=lambda r: (r.line, r.column)):
        out.setdefault(r.line, []).append(r.status)
    return out


# An LSTM (colah's form, * element-wise). The prose then leans on the cell: "Since $C_t = f_t * C_{t-1} + i_t *
# \tilde{C}_t$" restates line 6 (pass); "Since $C_t = \tilde{C}_t * i_t$" drops the f_t * C_{t-1} term (fail: C_t
# differs whenever f_t C_{t-1} != 0). dL/di_t = dL/dC_t * \tilde{C}_t holds (C_t is linear in i_t with slope
# \tilde{C}_t, checked below with numpy), and its verdict does not depend on the wrong restatement before it: a
# sentence's formula builds nothing. Not rows: a name the sentence introduces ("define an intermediate quantity
# $E_t = ...$"), a formula under a condition ("$h_t = W h_{t-1}$ if the activation is linear"), and a formula
# reading a name no row defines ("$i_t = \sigma(J_t)$").
def test_prose_restatements():
    rng = np.random.default_rng(3)
    f, i, c_prev, g = rng.uniform(0.1, 0.9, size=(4, 3))
    dC = rng.normal(size=3)
    loss = lambda i_: dC @ (f * c_prev + i_ * g)       # noqa: E731 (L linear in C_t with gradient dC)
    fd = np.array([(loss(i + 1e-6 * e) - loss(i - 1e-6 * e)) / 2e-6 for e in np.eye(3)])
    assert np.allclose(fd, dC * g, atol=1e-8)
    assert not np.allclose(f * c_prev + i * g, g * i)
    text = "\n".join([
        "Forward:",
        "$$f_t = \\sigma(W_f [h_{t-1}, x_t] + b_f)$$",                           # line 2
        "$$i_t = \\sigma(W_i [h_{t-1}, x_t] + b_i)$$",
        "$$\\tilde{C}_t = \\tanh(W_C [h_{t-1}, x_t] + b_C)$$",
        "$$o_t = \\sigma(W_o [h_{t-1}, x_t] + b_o)$$",
        "$$C_t = f_t * C_{t-1} + i_t * \\tilde{C}_t$$",                          # line 6
        "$$h_t = o_t * \\tanh(C_t)$$",
        "",
        "Since $C_t = \\tilde{C}_t * i_t$, where * is element-wise, we have",    # line 9
        "$$\\frac{\\partial L}{\\partial i_t} = \\frac{\\partial L}{\\partial C_t} * \\tilde{C}_t$$",
        "Since $C_t = f_t * C_{t-1} + i_t * \\tilde{C}_t$, the gradient is",     # line 11
        "$$\\frac{\\partial L}{\\partial f_t} = \\frac{\\partial L}{\\partial C_t} * C_{t-1}$$",
        "We first define an intermediate quantity $E_t = W_o [h_{t-1}, x_t] + b_o$ and compute its gradient.",
        "Note $h_t = W_o h_{t-1}$ if the activation is linear.",                  # line 14
        "We have $i_t = \\sigma(J_t)$, so the rest follows.",
    ])
    got = _statuses(text)
    assert got == {2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 6: ["pass"], 7: ["pass"],
                   9: ["fail"], 10: ["pass"], 11: ["pass"], 12: ["pass"]}
    wrong = next(r for r in verify_derivation(text).results if r.line == 9)
    assert "f" in (wrong.correct_latex or "") or "differ" in (wrong.why or "")


# A restatement as a Jacobian: o_t = \sigma(V h_t + c) gives \partial o_t/\partial h_t = diag(o_t (1 - o_t)) V
# (pass); "= V^T" drops the sigmoid's derivative and transposes (fail: V is 2 x 3 here, so V^T is 3 x 2).
def test_prose_jacobian_claims():
    text = "\n".join([
        "$$h_t = \\tanh(W h_{t-1} + U x_t + b)$$",
        "$$o_t = \\sigma(V h_t + c)$$",
        "Then $\\frac{\\partial o_t}{\\partial h_t} = \\mathrm{diag}(o_t \\odot (1 - o_t)) V$. Careful: it is",
        "not $\\frac{\\partial o_t}{\\partial h_t} = V^T$.",
    ])
    got = _statuses(text)
    assert got == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["fail"]}


# A "where" that restates a name a chained row defines: h_t = tanh(z_t) = tanh(W h_{t-1} + U x_t + b) defines z_t;
# "where $z_t = W h_{t-1} + U x_t + b$" says it again (pass); "where $z_t = W h_{t-1} + x_t + b$" drops U (fail:
# x_t is 2 x 1 in the reader's run and W h_{t-1} is 3 x 1, and for any U != I the sum differs). Both used to be
# unreadable or left out ("z is defined twice").
def test_where_restating_a_chained_name():
    text = "\n".join([
        "$$h_t = \\tanh(z_t) = \\tanh(W h_{t-1} + U x_t + b)$$",
        "where $z_t = W h_{t-1} + U x_t + b$.",
        "",
        "$$y_t = V h_t$$",
        "where $z_t = W h_{t-1} + x_t + b$, as above.",
        "",
        "$$\\frac{\\partial h_t}{\\partial h_{t-1}} = \\mathrm{diag}(1 - h_t^2) W$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 4: ["pass"], 5: ["fail"], 7: ["pass"]}


# A numpy fence restating min-char-rnn's loops (column vectors; h[t] = tanh(Wxh x[t] + Whh h[t-1] + bh), y[t] =
# Why h[t] + by, and dy = y[t] - targets[t], the gradient of the squared error 1/2 |y_t - target_t|^2). By hand:
# dWhy += dy h_t^T, dh = Why^T dy + dhnext, dWxh += dhraw x_t^T and dhnext = Whh^T dhraw are step t's parts (pass);
# dhraw = (1 + h*h) * dh has the wrong sign (tanh' = 1 - tanh^2, checked with numpy below: fail); dWhh += dhraw
# h[t].T takes h_t where h_{t-1} multiplies Whh (fail). The loop headers and `dWhy = np.zeros_like(Why)` are
# code, not rows; the fence's dy reads `targets`, which no formula defines: reported unreadable (not checked). The same code in a plain fence would be read the
# same; in a numpy fence it is a derivation of its own, apart from the math of the text.
def test_numpy_fence_is_read_as_its_own_derivation():
    a = np.random.default_rng(2).normal(size=4)
    assert np.allclose((np.tanh(a + 1e-6) - np.tanh(a - 1e-6)) / 2e-6, 1 - np.tanh(a) ** 2, atol=1e-8)
    text = "\n".join([
        "The forward pass:",
        "",
        "```python",
        "for t in range(len(inputs)):",
        "    h[t] = np.tanh(self.Wxh @ x[t] + self.Whh @ h[t-1] + self.bh)",      # line 5
        "    y[t] = self.Why @ h[t] + self.by",
        "```",
        "",
        "```python",
        "dWhy = np.zeros_like(Why)",                                            # line 10
        "for t in reversed(range(len(inputs))):",
        "    dy = y[t] - targets[t]",
        "    dWhy += dy @ h[t].T",                                               # line 13
        "    dh = self.Why.T @ dy + dhnext",
        "    dhraw = (1 + h[t] * h[t]) * dh",
        "    dWxh += dhraw @ x[t].T",
        "    dWhh += dhraw @ h[t].T",
        "    dhnext = np.dot(self.Whh.T, dhraw)",                                 # line 18
        "```",
    ])
    assert _statuses(text) == {5: ["pass"], 6: ["pass"], 10: ["pass"], 12: ["unreadable"], 13: ["pass"],
                               14: ["pass"], 15: ["fail"], 16: ["pass"], 17: ["fail"], 18: ["pass"]}
    #                            (10: dWhy's sum starts at zero)


_CODE = ["h[t]", "h[t-1]", "self.Wxh", "np.tanh(", "np.dot(", "np.zeros_like(", ")", "(", "@", "*", "+", "-", "=",
         "+=", ".T", "[", "]", ",", ":", "'", "#", "x", "dh", "dWhy", "for t in range(T):", "lambda", "**2", "1"]


# Hostile numpy in a fence: every row the reader takes gets a verdict (never the reader's own failure), quickly;
# a long line and deep brackets are read in linear time.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_CODE), max_size=12).map(" ".join), min_size=1, max_size=4))
def test_hostile_numpy_fences_get_verdicts_fast(lines):
    text = "```python\nh[t] = np.tanh(self.Wxh @ x[t] + self.Whh @ h[t-1])\n" + "\n".join(lines) + "\n```\n"
    seconds, report = within(10.0, lambda: verify_derivation(text))
    assert all(r.status in ("pass", "fail", "unreadable") for r in report.results)
    assert not any("reader failed" in (r.why or "") for r in report.results), [r.why for r in report.results]
    assert seconds < 10.0


def test_numpy_fences_are_read_in_linear_time():
    from symlstm.verify.text.latexparse import LatexError
    from symlstm.verify.text.texfile import read_tex
    for text in ["```python\nh = np.dot(" + "a" * 50000 + ", b" + " " * 50000 + "\n```\n",
                 "```python\nh = " + "np.tanh(" * 3000 + "x" + ")" * 3000 + "\n```\n",
                 "```python\n" + "dW += x @ h[t].T\n" * 3000 + "```\n"]:
        def read():
            try:
                read_tex(text)
            except LatexError as e:         # 3000 formulas: over the bound, a clean error
                assert "limit" in str(e)

        seconds, _ = within(2.0, read)
        assert seconds < 2.0


# A second step letter in Coursera's brackets: with h^<t> = tanh(W h^<t-1> + U x^<t>), the one-step Jacobian at
# any step k is dh^<k>/dh^<k-1> = diag(1 - (h^<k>)^2) W (pass, as with h^{(k)}); with (h^<k-1>)^2 it takes the
# derivative at the wrong step (fail). The row was unreadable ("the time k is not known here").
def test_a_step_letter_in_angle_brackets():
    text = "\n".join([
        r"$$h^{\langle t \rangle} = \tanh(W h^{\langle t-1 \rangle} + U x^{\langle t \rangle})$$",
        r"$$\frac{\partial h^{\langle k \rangle}}{\partial h^{\langle k-1 \rangle}} = "
        r"\mathrm{diag}(1 - (h^{\langle k \rangle})^2) W$$",
        r"$$\frac{\partial h^{\langle k \rangle}}{\partial h^{\langle k-1 \rangle}} = "
        r"\mathrm{diag}(1 - (h^{\langle k-1 \rangle})^2) W$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["fail"]}


# A name the prose gives a written part: "Define $W_c [a_{t-1}, x_t] + b_c$ as $\phi$" names the candidate's net
# input, so d\tilde{c}_t/d\phi = 1 - \tilde{c}_t^2 (tanh' = 1 - tanh^2: pass) and 1 + \tilde{c}_t^2 fails. Without
# the sentence, \phi was a name no row defines (the rows failed as "\phi is not defined").
def test_define_a_part_as_a_name():
    text = "\n".join([
        r"$$f_t = \sigma(W_f [a_{t-1}, x_t] + b_f)$$",
        r"$$\tilde{c}_t = \tanh(W_c [a_{t-1}, x_t] + b_c)$$",
        r"$$c_t = f_t * c_{t-1} + (1 - f_t) * \tilde{c}_t$$",
        r"$$a_t = \tanh(c_t)$$",
        "",
        r"Define $W_c [a_{t-1}, x_t] + b_c$ as $\phi$. Then",
        "",
        r"$$\frac{\partial \tilde{c}_t}{\partial \phi} = 1 - \tilde{c}_t^2$$",
        "",
        r"$$\frac{\partial \tilde{c}_t}{\partial \phi} = 1 + \tilde{c}_t^2$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["pass"], 8: ["pass"], 10: ["fail"]}


# An activation's derivative recalled in a sentence is an identity in its own letters: "(Using tanh derivative:
# $\tanh'(z) = 1 - \tanh^2(z)$)" holds at every z (pass); "$\sigma'(x) = \sigma(x)(1 + \sigma(x))$" does not
# (sigma' = sigma (1 - sigma): at x = 0 it is 1/4, not 3/4; fail). MathJax's \lt and \gt are < and >: the forward
# row a^{\lt t \gt} = \tanh(W a^{\lt t-1 \gt} + U x^{\lt t \gt}) is read (it was "unknown command \lt").
def test_identities_in_sentences_and_lt_gt():
    s = 1 / (1 + np.exp(-0.0))
    assert abs(s * (1 - s) - 0.25) < 1e-12 and abs(s * (1 + s) - 0.75) < 1e-12
    text = "\n".join([
        r"$$a^{\lt t \gt} = \tanh(W a^{\lt t-1 \gt} + U x^{\lt t \gt})$$",
        r"(Using tanh derivative: $\tanh'(z) = 1 - \tanh^2(z)$)",
        r"Using $\sigma'(x) = \sigma(x)(1 + \sigma(x))$ as well, we get",
        r"$$\frac{\partial a^{\lt t \gt}}{\partial a^{\lt t-1 \gt}} = \mathrm{diag}(1 - (a^{\lt t \gt})^2) W$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["fail"], 4: ["pass"]}


# A worked example recalls two rows with other product signs (o_t \tanh(c_t) for o_t \odot \tanh(c_t)): the same
# statements, so claims of the cell, not a new cell whose gates are unknown inputs (every row after them was
# unreadable). By hand: dh_t/dc_t = diag(o_t (1 - tanh^2 c_t)) (pass); dc_t/d\tilde{c}_t = diag(i_t) (pass);
# dc_t/dc_{t-1} = diag(i_t) is wrong under either reading (the direct partial is diag(f_t); fail).
def test_a_recalled_row_with_other_product_signs_is_the_same_cell():
    text = "\n".join([
        r"$$\mathbf{f}_t = \sigma(W_f \mathbf{x}_t + U_f \mathbf{h}_{t-1} + b_f)$$",
        r"$$\mathbf{i}_t = \sigma(W_i \mathbf{x}_t + U_i \mathbf{h}_{t-1} + b_i)$$",
        r"$$\tilde{\mathbf{c}}_t = \tanh(W_c \mathbf{x}_t + U_c \mathbf{h}_{t-1} + b_c)$$",
        r"$$\mathbf{o}_t = \sigma(W_o \mathbf{x}_t + U_o \mathbf{h}_{t-1} + b_o)$$",
        r"$$\mathbf{c}_t = \mathbf{f}_t \odot \mathbf{c}_{t-1} + \mathbf{i}_t \odot \tilde{\mathbf{c}}_t$$",
        r"$$\mathbf{h}_t = \mathbf{o}_t \odot \tanh(\mathbf{c}_t)$$",
        "A worked example recalls the rows:",
        r"$$h_t = o_t \tanh(c_t)$$",
        r"$$c_t = f_t c_{t-1} + i_t \tilde{c}_t$$",
        r"$$\frac{\partial h_t}{\partial c_t} = \mathrm{diag}(o_t \odot (1 - \tanh^2(c_t)))$$",       # line 10
        r"$$\frac{\partial c_t}{\partial \tilde{c}_t} = \mathrm{diag}(i_t)$$",
        r"$$\frac{\partial c_t}{\partial c_{t-1}} = \mathrm{diag}(i_t)$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 6: ["pass"],
                               8: ["pass"], 9: ["pass"], 10: ["pass"], 11: ["pass"], 12: ["fail"]}


# \delta with the quantity above and the step below (\delta^h_t, \delta^c_{t+1}): the gradient of that quantity
# at that step. For an LSTM with h_t = o_t \odot \tanh(C_t): the total through C_t is \delta^c_t = \delta^h_t
# \odot o_t \odot (1 - \tanh^2 C_t) + \delta^c_{t+1} \odot f_{t+1} (pass), and the same without the future term
# fails (C_t feeds C_{t+1}); \delta^f_t = \partial L/\partial f_t = \delta^c_t \odot C_{t-1} (pass). A \delta the
# file defines by a derivative (\delta^o_t = \partial L_t/\partial o_t) keeps that definition.
def test_superscript_deltas():
    text = "\n".join([
        r"$$f_t = \sigma(W_f x_t + U_f h_{t-1} + b_f)$$",
        r"$$i_t = \sigma(W_i x_t + U_i h_{t-1} + b_i)$$",
        r"$$o_t = \sigma(W_o x_t + U_o h_{t-1} + b_o)$$",
        r"$$\tilde{C}_t = \tanh(W_c x_t + U_c h_{t-1} + b_c)$$",
        r"$$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$$",
        r"$$h_t = o_t \odot \tanh(C_t)$$",
        r"$$\delta^c_t = \delta^h_t \odot o_t \odot (1 - \tanh^2(C_t)) + \delta^c_{t+1} \odot f_{t+1}$$",   # line 7
        r"$$\delta^c_t = \delta^h_t \odot o_t \odot (1 - \tanh^2(C_t))$$",
        r"$$\delta^f_t \equiv \frac{\partial L}{\partial f_t} = \delta^c_t \odot C_{t-1}$$",
    ])
    got = _statuses(text)
    assert got == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 6: ["pass"], 7: ["pass"],
                   8: ["fail"], 9: ["pass"]}, got


def test_plain_spellings_of_digits_bounds_and_hats():
    from symlstm.verify.text.codefences import plain_latex
    assert plain_latex("h₁ = f(X₁₂ · W_input)") == "h_{1} = f(X_{12} · W_{input})"
    assert plain_latex("a = Σ(t=1 to T) b_t") == r"a = \sum_{t=1}^{T} b_{t}"
    assert plain_latex("g = ∂L/∂ŷ") == r"g = \frac{∂L}{∂\hat{y}}"


# \stackrel{\sim}{C_t} is the tilde accent (a Chinese blog's candidate cell): C_t = f_t \cdot C_{t-1} + i_t \cdot
# \tilde{C}_t is read; dL/di_t = dL/dC_t \cdot \tilde{C}_t holds (C_t is linear in i_t with slope \tilde{C}_t:
# pass), with C_{t-1} in its place it fails.
def test_stackrel_accents():
    text = "\n".join([
        r"$$f_t=\sigma(W_f\cdot[h_{t-1},x_t]+b_f)$$",
        r"$$i_t=\sigma(W_i\cdot[h_{t-1},x_t]+b_i)$$",
        r"$$\stackrel{\sim }{C_t}=\tanh(W_C\cdot[h_{t-1},x_t]+b_C)$$",
        r"$$o_t=\sigma(W_o\cdot[h_{t-1},x_t]+b_o)$$",
        r"$$C_t=f_t\cdot C_{t-1}+i_t\cdot \stackrel{\sim }{C_t}$$",
        r"$$h_t=o_t\cdot\tanh(C_t)$$",
        r"$$\frac{\partial L}{\partial i_t}=\frac{\partial L}{\partial C_t}\cdot \stackrel{\sim }{C_t}$$",
        r"$$\frac{\partial L}{\partial i_t}=\frac{\partial L}{\partial C_t}\cdot C_{t-1}$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 6: ["pass"],
                               7: ["pass"], 8: ["fail"]}


# Coursera writes the number of steps T_x: h_{T_x} is the last state. With y_t = V h_t and L = \sum_t 1/2 |y_t -
# d_t|^2, nothing later reads h_{T_x}, so dL/dh_{T_x} = V^T (y_{T_x} - d_{T_x}) (pass); with + d it fails. The
# row was unreadable ("h_T_x is not defined").
def test_last_step_named_t_x():
    text = "\n".join([
        r"$$h_t = \tanh(W h_{t-1} + U x_t)$$",
        r"$$y_t = V h_t$$",
        r"$$L = \sum_{t=1}^{T_x} \frac{1}{2} \|y_t - d_t\|^2$$",
        r"$$\frac{\partial L}{\partial h_{T_x}} = V^T (y_{T_x} - d_{T_x})$$",
        r"$$\frac{\partial L}{\partial h_{T_x}} = V^T (y_{T_x} + d_{T_x})$$",
    ])
    assert _statuses(text) == {1: ["pass"], 2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["fail"]}
