r"""Round 16 of verify: equations typed as plain text in Markdown code fences and inline code spans, a step loss
past the last step, a target's width as stated. Every expected verdict is worked out by hand (and with numpy,
never symlstm) in the comment above its test."""
from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.codefences import plain_latex
from _timing import within


def _by_line(text):
    out = {}
    for r in sorted(verify_derivation(text).results, key=lambda r: (r.line, r.column)):
        rank = {"fail": 2, "unreadable": 1, "pass": 0}
        if r.line not in out or rank[r.status] > rank[out[r.line].status]:
            out[r.line] = r
    return out


def test_plain_spellings():
    assert plain_latex("f_pre = x_t @ Wx_f + h_prev @ Wh_f + b_f") == r"f_{pre} = x_{t} W_{xf} + h_{prev} W_{hf} + b_{f}"
    assert plain_latex("dg_pre = dg_t ⊙ (1 - g_t²)") == r"dg_{pre} = dg_{t} ⊙ (1 - g_{t}^{2})"
    assert plain_latex("dW += x.T @ d") == r"dW += x^{T} d"
    assert plain_latex("dL/dW_hh = x") == r"\frac{dL}{dW_{hh}} = x"
    assert plain_latex("db = sum(dz, axis=0)") == "db = dz.sum(axis=0)"


# An RNN in the row layout (x_t a 1 x I row, W_x I x H, W_h H x H; I = 2 != H = 3 in the reader's run), typed
# in a plain fence: a_t = x_t W_x + h_prev W_h + b, h_t = tanh(a_t). Backward through one step: da_t = dh_t *
# (1 - h_t^2) (tanh' = 1 - tanh^2: pass); dh_prev = da_t W_h^T (what step t sends back to h_{t-1}: pass);
# dW_h += h_prev^T da_t (H x 1 times 1 x H: this step's part of the sum: pass); dx_t = da_t W_h^T is 1 x H where
# x_t is 1 x I (W_x^T is meant): fail. The list item `da_t = dh_t ⊙ (1 + h_t**2)` has the wrong sign: fail.
# The python fence is code, not read; a remark (pre-activation) is dropped; the remark (∂h_t/∂a_t = 1 - h_t²)
# is a row of its own (pass).
def test_plain_fences_and_code_spans():
    a = np.random.default_rng(1).normal(size=3)
    fd = (np.tanh(a + 1e-6) - np.tanh(a - 1e-6)) / 2e-6
    assert np.allclose(fd, 1 - np.tanh(a) ** 2, atol=1e-8)
    text = "\n".join([
        "Forward (row vectors):",
        "```",
        "a_t = x_t @ W_x + h_prev @ W_h + b      (pre-activation)",           # line 3
        "h_t = tanh(a_t)",
        "```",
        "Backward:",
        "```text",
        "da_t = dh_t ⊙ (1 - h_t²)     (∂h_t/∂a_t = 1 - h_t²)",               # line 8
        "dh_prev = da_t @ W_h.T       # sent to step t-1",
        "dW_h += h_prev.T @ da_t",
        "dx_t = da_t @ W_h.T",
        "```",
        "- `da_t = dh_t ⊙ (1 + h_t**2)` — a slip",                            # line 13
        "```python",
        "dx = da @ W_h.T",
        "```",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {3: "pass", 4: "pass", 8: "pass", 9: "pass", 10: "pass",
                                                     11: "fail", 13: "fail", 15: "unreadable"}, \
        {k: (r.status, r.why) for k, r in got.items()}


# Per-step losses L_t = 1/2 ||V h_t - y_t||^2 of h_t = tanh(W h_{t-1} + U x_t). The loss of the next step
# reaches h_t through h_{t+1} only: dL_{t+1}/dh_t = W^T ((1 - h_{t+1}^2) * V^T (V h_{t+1} - y_{t+1})), which
# holds at every step but the last, where L_{T+1} does not exist (pass; it was unreadable: "the loss of step T +
# 1"); with U^T for W^T it fails.
def test_next_step_loss_checked_before_the_last_step():
    text = "\n".join([
        r"$$ h_t = \tanh(W h_{t-1} + U x_t) $$",
        r"$$ \hat{y}_t = V h_t $$",
        r"$$ L_t = \frac{1}{2} \| \hat{y}_t - y_t \|^2 $$",
        r"$$ L = \sum_t L_t $$",
        r"$$ \frac{\partial L_{t+1}}{\partial h_t} = W^T \left( (1 - h_{t+1}^2) \odot V^T (\hat{y}_{t+1} - y_{t+1}) \right) $$",
        r"$$ \frac{\partial L_{t+1}}{\partial h_t} = U^T \left( (1 - h_{t+1}^2) \odot V^T (\hat{y}_{t+1} - y_{t+1}) \right) $$",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {1: "pass", 2: "pass", 3: "pass", 4: "pass", 5: "pass",
                                                     6: "fail"}, {k: (r.status, r.why) for k, r in got.items()}


# A softmax output whose width K is stated (x_t, y_t in R^{K x 1}, V in R^{K x H}) and a residual r_t = yhat_t -
# y_t written before the cell: y_t is K wide like yhat_t, not as wide as the state (it failed as "terms of shapes
# (2, 1) and (3, 1)"). With E_t = -y_t^T log yhat_t and one-hot y_t, dE_t/dz_t = yhat_t - y_t, so dE_t/dV =
# (yhat_t - y_t) h_t^T (pass) and (yhat_t + y_t) h_t^T fails.
def test_target_width_as_stated():
    text = "\n".join([
        r"- \(x_t\in\mathbb{R}^{K\times 1}\): the input, \(y_t\in\mathbb{R}^{K\times 1}\): the label",
        r"- \(W\in\mathbb{R}^{H\times K}\), \(U\in\mathbb{R}^{H\times H}\), \(V\in\mathbb{R}^{K\times H}\)",
        r"- \(E_t=-y_t^T\log(\hat{y}_t)\)",
        r"- \(r_t=\hat{y}_t-y_t\)",                                              # line 4
        r"\[ s_t=Uh_{t-1}+Wx_t \]",
        r"\[ h_t=\sigma(s_t) \]",
        r"\[ z_t=Vh_t \]",
        r"\[ \hat{y}_t=\mathrm{softmax}(z_t) \]",
        r"\[ \frac{\partial E_t}{\partial V}=(\hat{y}_t-y_t) h_t^T \]",
        r"\[ \frac{\partial E_t}{\partial V}=(\hat{y}_t+y_t) h_t^T \]",
    ])
    got = _by_line(text)
    assert {k: got[k].status for k in (3, 4, 5, 6, 7, 8, 9, 10)} == {3: "pass", 4: "pass", 5: "pass", 6: "pass",
                                                                      7: "pass", 8: "pass", 9: "pass", 10: "fail"}, \
        {k: (r.status, r.why) for k, r in got.items()}


# Derivatives written dE/dx (no \partial) chained in numerator order (pylstm's LSTM notes): the gradient of E by
# a vector is a row, so a_O = ... + W_{O,S} s^t sends dE/da_O W_{O,S} to s^t (the column form's W_{O,S}^T
# dE/da_O). With s^t = s^{t-1} + b_Z^t and h^t = b_O^t tanh(s^t): dE/ds^t = dE/dh^t b_O^t (1 - tanh^2 s^t) +
# dE/da_O^t W_{O,S} + dE/ds^{t+1} (pass); with W_{O,S}^T on the right (fail: W_{O,S} is no symmetric matrix).
# b_z^t is b_Z^t with its label in the other case (no name has the label z): dE/db_z^t = dE/ds^t (pass, since
# ds^t/db_Z^t = I), = 2 dE/ds^t fails.
def test_d_fractions_as_rows_and_label_case():
    text = "\n".join([
        r"\begin{eqnarray*}",
        r"a_{Z}^t &=& W_{Z,X} x^t + W_{Z,H} h^{t-1} \\",
        r"b_{Z}^t &=& \tanh(a_{Z}^t) \\",
        r"a_{O}^t &=& W_{O,X}x^t + W_{O,H}h^{t-1} + W_{O,S}s^t \\",
        r"b_{O}^t &=& \sigma(a_{O}^t) \\",
        r"s^t &=& s^{t-1} + b_{Z}^t \\",
        r"h^t &=& b_{O}^t \tanh(s^t)",
        r"\end{eqnarray*}",
        r"\begin{eqnarray*}",
        r"\frac{dE}{da_{O}^t} &=& \frac{dE}{dh^t}\frac{dh^t}{db_{O}^t}\frac{db_{O}^t}{da_{O}^t} \\",          # line 10
        r"\frac{dE}{ds^t} &=& \frac{dE}{dh^t} b_{O}^t (1 - \tanh^2(s^t)) + \frac{dE}{da_{O}^t} W_{O,S} + \frac{dE}{ds^{t+1}} \\",
        r"\frac{dE}{ds^t} &=& \frac{dE}{dh^t} b_{O}^t (1 - \tanh^2(s^t)) + \frac{dE}{da_{O}^t} W_{O,S}^T + \frac{dE}{ds^{t+1}} \\",
        r"\frac{dE}{db_z^t} &=& \frac{dE}{ds^t} \\",
        r"\frac{dE}{db_z^t} &=& 2 \frac{dE}{ds^t}",
        r"\end{eqnarray*}",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {2: "pass", 3: "pass", 4: "pass", 5: "pass", 6: "pass", 7: "pass",
                                                     10: "pass", 11: "pass", 12: "fail", 13: "pass", 14: "fail"}, \
        {k: (r.status, r.why) for k, r in got.items()}


_GRU = "\n".join([
    r"$$ z_u = W_u [h_{t-1}; x_t] + b_u, \quad u_t = \sigma(z_u) $$",
    r"$$ z_r = W_r [h_{t-1}; x_t] + b_r, \quad r_t = \sigma(z_r) $$",
    r"$$ z_h = W_h [r_t \odot h_{t-1}; x_t] + b_h, \quad \tilde{h}_t = \tanh(z_h) $$",
    r"$$ h_t = (1 - u_t) \odot h_{t-1} + u_t \odot \tilde{h}_t $$",
])


# A GRU whose gradients name the gates' net inputs by their labels (z_u, z_r, z_h: z_h the candidate's) and label
# the paths into h_{t-1} the same way: ^{(h)} is the path through the candidate (z_h's), not h_t's own update.
# Through the candidate h_{t-1} enters as r_t * h_{t-1} in the first H columns of W_h: dL/dh_{t-1}^{(h)} =
# [W_h^T dL/dz_h]_{[0:H]} * r_t (pass); without * r_t it fails (dL/du_t = dL/dh_t * (tilde h_t - h_{t-1}),
# dL/dz_u = dL/du_t * u_t (1 - u_t), dL/dtilde h_t = dL/dh_t * u_t, dL/dz_h = dL/dtilde h_t (1 - tilde h_t^2): pass). "Recall: $h_t = ...$" restates the update (pass).
def test_path_labelled_by_a_net_input_and_recalled_rows():
    text = _GRU + "\n" + "\n".join([
        "",
        r"Recall: $h_t = (1 - u_t) \odot h_{t-1} + u_t \odot \tilde{h}_t$",                            # line 6
        r"$$ \frac{\partial L}{\partial u_t} = \frac{\partial L}{\partial h_t} \odot (\tilde{h}_t - h_{t-1}) $$",
        r"$$ \frac{\partial L}{\partial z_u} = \frac{\partial L}{\partial u_t} \odot u_t \odot (1 - u_t) $$",
        r"$$ \frac{\partial L}{\partial \tilde{h}_t} = \frac{\partial L}{\partial h_t} \odot u_t $$",
        r"$$ \frac{\partial L}{\partial z_h} = \frac{\partial L}{\partial \tilde{h}_t} \odot (1 - \tilde{h}_t^2) $$",
        r"$$ \frac{\partial L}{\partial h_{t-1}}^{(h)} = \left[ W_h^T \frac{\partial L}{\partial z_h} \right]_{[0:H]} \odot r_t $$",
        r"$$ \frac{\partial L}{\partial h_{t-1}}^{(h)} = \left[ W_h^T \frac{\partial L}{\partial z_h} \right]_{[0:H]} $$",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {1: "pass", 2: "pass", 3: "pass", 4: "pass", 6: "pass",
                                                     7: "pass", 8: "pass", 9: "pass", 10: "pass", 11: "pass",
                                                     12: "fail"}, {k: (r.status, r.why) for k, r in got.items()}
    assert "\\tilde{h}" in got[11].why


# h_t = tanh(W h_{t-1} + U x_t), y_t = V h_t, L = sum_t 1/2 ||y_t - d_t||^2. Through step t alone h_{t-1}
# receives W^T ((1 - h_t^2) * dL/dh_t): the row passes as that partial. The total adds V^T (y_{t-1} - d_{t-1}), so
# under a label "Total gradient to the previous state:" the same row fails; the total written at t,
# dL/dh_t = V^T (y_t - d_t) + W^T ((1 - h_{t+1}^2) * dL/dh_{t+1}), passes under such a label.
def test_total_label_demands_the_total():
    head = [r"$$ h_t = \tanh(W h_{t-1} + U x_t) $$", r"$$ y_t = V h_t $$",
            r"$$ L = \sum_t \frac{1}{2} \| y_t - d_t \|^2 $$", ""]
    partial = r"$$ \frac{\partial L}{\partial h_{t-1}} = W^T \left( (1 - h_t^2) \odot \frac{\partial L}{\partial h_t} \right) $$"
    total = (r"$$ \frac{\partial L}{\partial h_t} = V^T (y_t - d_t) + W^T \left( (1 - h_{t+1}^2) \odot "
             r"\frac{\partial L}{\partial h_{t+1}} \right) $$")
    assert _by_line("\n".join(head + ["Through one step:", partial]))[6].status == "pass"
    got = _by_line("\n".join(head + ["**Total gradient to the previous state:**", partial, "", "**Total gradient:**", total]))
    assert (got[6].status, got[9].status) == ("fail", "pass"), {k: (r.status, r.why) for k, r in got.items()}


# sech = 1/cosh, and tanh^2 + sech^2 = 1 entry by entry (cosh^2 - sinh^2 = 1): the lone 1 is 1 in every entry;
# = 2 fails. tanh' = sech^2, so dh_t/dz_t = sech^2(z_t) (pass), sech(z_t) fails.
def test_sech_and_a_number_beside_a_vector():
    z = np.linspace(-2, 2, 5)
    assert np.allclose(np.tanh(z) ** 2 + 1 / np.cosh(z) ** 2, 1)
    assert np.allclose((np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6, 1 / np.cosh(z) ** 2, atol=1e-8)
    text = "\n".join([
        r"$$ z_t = W h_{t-1} + U x_t $$",
        r"$$ h_t = \tanh(z_t) $$",
        r"$$ \tanh^2(z_t) + \mathrm{sech}^2(z_t) = 1 $$",
        r"$$ \tanh^2(z_t) + \mathrm{sech}^2(z_t) = 2 $$",
        r"$$ \frac{\partial h_t}{\partial z_t} = \mathrm{sech}^2(z_t) $$",
        r"$$ \frac{\partial h_t}{\partial z_t} = \mathrm{sech}(z_t) $$",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {1: "pass", 2: "pass", 3: "pass", 4: "fail", 5: "pass",
                                                     6: "fail"}, {k: (r.status, r.why) for k, r in got.items()}


# Only the recurrent state has a value before the first step: y_{t-1} = V h_{t-1} at t = 1 would be y_0, which
# no step computes (the loss has no term at step 0), so a row written at t - 1 is checked at t >= 2:
# dL/dh_{t-1} = V^T (y_{t-1} - d_{t-1}) + W^T ((1 - h_t^2) * dL/dh_t) (pass; it failed at t = 1 against a
# made-up y_0), with U^T for W^T it fails. A state restated one step back through its named net input,
# s_{t-1} = f(net_{t-1}) beside net_t = U x_t + W s_{t-1}, holds from t = 2 (s_0 is the initial state).
def test_no_value_before_the_first_step_but_the_state():
    head = [r"$$ h_t = \tanh(W h_{t-1} + U x_t) $$", r"$$ y_t = V h_t $$",
            r"$$ L = \sum_t \frac{1}{2} \| y_t - d_t \|^2 $$"]
    rows = [r"$$ \frac{\partial L}{\partial h_{t-1}} = V^T (y_{t-1} - d_{t-1}) + W^T \left( (1 - h_t^2) \odot "
            r"\frac{\partial L}{\partial h_t} \right) $$",
            r"$$ \frac{\partial L}{\partial h_{t-1}} = V^T (y_{t-1} - d_{t-1}) + U^T \left( (1 - h_t^2) \odot "
            r"\frac{\partial L}{\partial h_t} \right) $$"]
    got = _by_line("\n".join(head + rows))
    assert (got[4].status, got[5].status) == ("pass", "fail"), {k: (r.status, r.why) for k, r in got.items()}
    text = "\n".join([r"$$ s_t = f(U x_t + W s_{t-1}) $$", r"$$ net_t = U x_t + W s_{t-1} $$",
                      r"$$ s_{t-1} = f(net_{t-1}) $$", r"$$ s_{t-1} = f(net_t) $$"])
    assert [r.status for r in verify_derivation(text).results] == ["pass", "pass", "pass", "fail"]


# A chain continued in a display of its own after prose ("~~~~ & = ..." in a new align, MIT 6.390's notes):
# the continuation's left side is the row above's. W^T ((1 - h_t^2) * g) = W^T diag(1 - h_t^2) g (pass), while
# W diag(1 - h_t^2) g is another vector (fail). $$...$$ used inline in a sentence without a relation ("we want
# $$\frac{\partial L}{\partial W}$$, and") is no row; the code fence's C̃_t (a combining tilde) is \tilde{C}_t
# and "donde a_t = ..." (Spanish "where") a row.
def test_continued_displays_and_inline_displays():
    head = [r"$$ h_t = \tanh(W h_{t-1} + U x_t) $$", r"$$ y_t = V h_t $$",
            r"$$ L = \sum_t \frac{1}{2} \| y_t - d_t \|^2 $$"]
    text = "\n".join(head + [
        r"Next we want $$\frac{\partial L}{\partial W}$$, and first",                                      # line 4
        r"\begin{align}",
        r"\frac{\partial L}{\partial h_{t-1}} &= W^T \left( (1 - h_t^2) \odot \frac{\partial L}{\partial h_t} \right) \nonumber",
        r"\end{align}",
        "Re-organizing,",
        r"\begin{align}",
        r"~~~~ & = W^T \mathrm{diag}(1 - h_t^2) \frac{\partial L}{\partial h_t} \nonumber \\",               # line 10
        r"~~~~ & = W \mathrm{diag}(1 - h_t^2) \frac{\partial L}{\partial h_t}",
        r"\end{align}",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {1: "pass", 2: "pass", 3: "pass", 6: "pass", 10: "pass",
                                                     11: "fail"}, {k: (r.status, r.why) for k, r in got.items()}
    fence = "\n".join(["```", "C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t", "donde a_t = W_hh·h_{t-1} + b", "```"])
    from symlstm.verify.text.texfile import read_tex
    assert [e.text for e in read_tex(fence).equations] == [r"C_{t} = f_{t} ⊙ C_{t-1} + i_{t} ⊙ \tilde{C}_t",
                                                           r"a_{t} = W_{hh}·h_{t-1} + b"]


def test_loss_label_words():
    from symlstm.verify.text.names import Vocab, resolve
    from symlstm.verify.text.rowparse import parse_expression
    assert resolve(parse_expression(r"\mathcal{L}_\text{seq}"), Vocab()).key == resolve(parse_expression(r"\mathcal{L}"), Vocab()).key
    assert resolve(parse_expression(r"\mathcal{L}_\text{foo}"), Vocab()).key != resolve(parse_expression(r"\mathcal{L}"), Vocab()).key


# Hostile plain text: wide gaps, thousands of remarks and code spans are read in linear time (each took seconds
# to minutes through backtracking before), and read nothing they should not.
def test_fences_and_spans_are_read_in_linear_time():
    from symlstm.verify.text.texfile import read_tex
    texts = ["```\nh = x" + " " * 50000 + "y\n```\n", "```\nh = x" + "  (from t=3)" * 3000 + "\n```\n",
             "`a_t = b` " * 20000, "```\na = " + "(" * 5000 + "\n```\n"]
    for text in texts:
        seconds, tex = within(2.0, lambda: read_tex(text))
        assert seconds < 2.0
        assert len(tex.equations) <= 1


# A worked value whose first link puts numbers into the cell's formula: with z_1 = 0.3 (from the example),
# h_1 = tanh(0.3) = 0.2913 is the cell's h_t = tanh(z_t) at step 1 (pass); h_1 = tanh(0.4) = 0.3799 has true
# arithmetic (tanh(0.4) = 0.37995) but is not h_1 of this example: never passed (left unreadable).
def test_worked_value_through_the_cells_formula():
    import math
    assert abs(math.tanh(0.3) - 0.2913) < 1e-4 and abs(math.tanh(0.4) - 0.3799) < 1e-4
    text = "\n".join([
        r"$$ z_t = W_h h_{t-1} + W_x x_t $$", r"$$ h_t = \tanh(z_t) $$",
        r"$$ z_1 = W_h h_0 + W_x x_1 = 0.9 \times 0 + 0.6 \times 0.5 = 0.3 $$",
        r"$$ h_1 = \tanh(0.3) = 0.2913 $$",
        r"$$ h_1 = \tanh(0.4) = 0.3799 $$",
    ])
    got = _by_line(text)
    assert (got[4].status, got[5].status) == ("pass", "unreadable"), {k: (r.status, r.why) for k, r in got.items()}


def test_wide_gaps_inside_a_statement_do_not_split_it():
    from symlstm.verify.text.texfile import read_tex
    fence = "\n".join(["```", "z_ifo   = x_t · U_ifo.T  + b", "c_t = f_t ⊙ c_{t-1}     +    i_t ⊙ g_t",
                       "f_pre = x_t @ Wx_f      f_t = sigmoid(f_pre)", "```"])
    assert [e.text for e in read_tex(fence).equations] == [
        r"z_{ifo}   = x_{t} · U_{ifo}^{T}  + b", r"c_{t} = f_{t} ⊙ c_{t-1}     +    i_{t} ⊙ g_{t}",
        r"f_{pre} = x_{t} W_{xf}", r"f_{t} = sigmoid(f_{pre})"]


# Differentials written with a subscript, \frac{d_{L}}{d_{y_t}} (a notebook's dL/dy_t): with L = sum_t 1/2 ||y_t -
# d_t||^2, dL/dy_t = y_t - d_t (pass), 2 (y_t - d_t) fails.
def test_differentials_with_a_subscript():
    head = [r"$$ h_t = \tanh(W h_{t-1} + U x_t) $$", r"$$ y_t = V h_t $$",
            r"$$ L = \sum_t \frac{1}{2} \| y_t - d_t \|^2 $$"]
    got = _by_line("\n".join(head + [r"$$ \frac{d_{L}}{d_{y_t}} = y_t - d_t $$", r"$$ \frac{d_L}{d_{y_t}} = 2 (y_t - d_t) $$"]))
    assert (got[4].status, got[5].status) == ("pass", "fail"), {k: (r.status, r.why) for k, r in got.items()}


def test_relationless_formulas_in_table_cells_are_no_rows():
    from symlstm.verify.text.texfile import read_tex
    text = "\n".join(["| name | symbol | shape |", "|---|---|---|", "| `x` | $$x_t$$ | $$H_{in}$$ |",
                      "| update | $$z_t = \\sigma(W_z x_t)$$ | vector |"])
    assert [e.text.strip() for e in read_tex(text).equations] == [r"z_t = \sigma(W_z x_t)"]


_PLAIN = ["h_t", "h_prev", "x_t", "Wx_f", "W.T", "b", "c_t", "=", "+=", "@", "⊙", "²", "ᵀ", "(", ")", "[", "]", ",",
          ";", "   ", "#", "dL/dW_hh", "∂h_t/∂h_{t-1}", "Σ_k", "sum(d, axis=0)", "tanh(", "0.5", "for k in f,i", "→",
          "`", "C̃_t", "(from t=3)", "donde", "**2", "-", "*"]


# Hostile plain text in a fence and in code spans: every row the reader takes gets a verdict (never the reader's
# own failure), quickly.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_PLAIN), max_size=12).map(" ".join), min_size=1, max_size=4))
def test_hostile_plain_text_gets_verdicts_fast(lines):
    text = "```\nh_t = tanh(Wx_h @ x_t + h_prev @ Wh_h)\n" + "\n".join(lines) + "\n```\n- `" + lines[0] + "` —\n"
    seconds, report = within(10.0, lambda: verify_derivation(text))
    assert all(r.status in ("pass", "fail", "unreadable") for r in report.results)
    assert not any("reader failed" in (r.why or "") for r in report.results), [r.why for r in report.results]
    assert seconds < 10.0


# Inline math written $`...`$ (GitHub, GitLab) is math: a list item "$`dh_t = ...`$" is a row like "$dh_t = ...$".
# With h_t = tanh(z_t): dh_t/dz_t = 1 - h_t^2 (pass), 1 + h_t^2 (fail).
def test_backtick_inline_math():
    text = "\n".join([r"$$ z_t = W h_{t-1} + U x_t $$", r"$$ h_t = \tanh(z_t) $$",
                      r"- $`\frac{\partial h_t}{\partial z_t} = 1 - h_t^2`$",
                      r"- $`\frac{\partial h_t}{\partial z_t} = 1 + h_t^2`$"])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {1: "pass", 2: "pass", 3: "pass", 4: "fail"}, \
        {k: (r.status, r.why) for k, r in got.items()}
    assert got[3].column == 5
