r"""Round 15 of verify: a worked example's arithmetic (links between sides written in numbers only are checked,
up to the rounding of the printed digits) and gradient rows written as inline formulas in list items. Every
expected verdict is worked out by hand (and with numpy, never symlstm) in the comment above its test."""
from __future__ import annotations

import math

import numpy as np

from symlstm.verify.judging.arithmetic import check_links, side_value
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowparse import parse_row


def _by_line(text):
    res = sorted(verify_derivation(text).results, key=lambda r: (r.line, r.column))
    return {r.line: r for r in res}


_RNN = "\n".join([
    "Forward:",
    "",
    r"$$ z_t = W_h h_{t-1} + W_x x_t + b $$",
    r"$$ h_t = \tanh(z_t) $$",
    "",
])


# tanh(0.3) = 0.2913126, so 0.2913 (rounded) and 0.29 hold, 0.2813 does not; 1 - 0.2913^2 = 0.91514;
# 0.9^99 = 2.951e-05, so 2.95e-05 holds and 2.66e-05 (a recitation's published value) does not; tanh(0.55) =
# 0.50052, so 0.4995 is wrong in its fourth digit; sigma(1) = 0.7310586; the matrix product is [-0.1, 1.0].
# The row z_1 = W_h h_0 + ... = 0.9 x 0 + 0.6 x 0.5 = 0.3 states values of the example's own data: its
# arithmetic holds, its first link is no identity of the cell: unreadable. h_1 = tanh(0.3) = 0.2913 is the
# cell's h_t = tanh(z_t) at step 1 with that z_1 = 0.3 (pass).
def test_worked_example_arithmetic():
    assert abs(math.tanh(0.3) - 0.2913) < 1e-4 and abs(0.9 ** 99 - 2.95e-5) < 1e-7 and abs(math.tanh(0.55) - 0.4995) > 1e-3
    text = _RNN + "\n".join([
        r"$$ z_1 = W_h h_0 + W_x x_1 + b = 0.9 \times 0 + 0.6 \times 0.5 = 0.3 $$",       # line 5
        r"$$ h_1 = \tanh(0.3) = 0.2913 $$",
        r"$$ h_1 = \tanh(0.3) = 0.2813 $$",
        r"$$ 1 - h_1^2 = 1 - 0.2913^2 = 0.9151 $$",
        r"$$ \tanh(0.3) = 0.29 $$",                                                        # line 9
        r"$$ 0.9^{99} = 2.95 \times 10^{-5} $$",
        r"$$ \sigma(1.0) = 0.731059 $$",
        r"$$ \tanh([0.55, -0.10, 0.10]) = [0.4995, -0.0997, 0.0997] $$",
        r"$$ \begin{bmatrix} 0.5 & -0.3 \\ 0.2 & 0.4 \end{bmatrix} \begin{bmatrix} 1 \\ 2 \end{bmatrix} = \begin{bmatrix} -0.1 \\ 1.0 \end{bmatrix} $$",
        r"Compare: the gradient decays as $0.9^{99} = 2.66 \times 10^{-5}$ (best eigenvalue).",   # line 14
        r"$$ \frac{1}{2} e^{-0.5} \cdot 2 = 0.6065 $$",
    ])
    got = _by_line(text)
    want = {3: "pass", 4: "pass", 5: "unreadable", 6: "pass", 7: "fail", 8: "unreadable", 9: "pass",
            10: "pass", 11: "pass", 12: "fail", 13: "pass", 14: "fail", 15: "pass"}
    assert {k: r.status for k, r in got.items()} == want, {k: (r.status, r.why) for k, r in got.items()}
    assert "0.291313" in got[7].why and got[7].correct_latex == "0.291313"
    assert "2.95127 \\times 10^{-5}" in got[14].why and got[14].reading == "arithmetic"
    assert "0.50052" in got[12].why
    assert "its arithmetic holds" in got[5].why


# The spread of a printed result is one unit of its last digit; data with fewer than three significant digits
# inside an expression is exact: 0.25 * 4 = 1.0 holds, 0.25 * 4 = 1.1 does not; 0.3333 * 3 = 1.0 holds
# (0.3333 stands for 0.33325..0.33335, times 3 reaches 0.99985..1.00005, within 1.0's unit of 0.1).
def test_rounding_spread():
    def links(text):
        tree = parse_row(text)
        return [holds for _, holds, _ in check_links(tree[1], tree[2])]
    assert links(r"0.25 \cdot 4 = 1.0") == [True]
    assert links(r"0.25 \cdot 4 = 1.1") == [False]
    assert links(r"0.3333 \times 3 = 1.000") == [True]
    assert links(r"0.3333 \times 3 = 1.010") == [False]
    value, spread = side_value(parse_row(r"x = [0.36, 0.75]")[1][1])
    assert np.allclose(value.ravel(), [0.36, 0.75]) and np.allclose(spread.ravel(), [0.01, 0.01])


# A backward pass written as inline formulas in a list (a recitation's "1. $\delta o_5 = o_5 - y_5$ (shape:
# $(m,)$)."). With yhat_t = W_y h_t and L = sum_t 1/2 ||yhat_t - y_t||^2: delta h_t = W_y^T (yhat_t - y_t) +
# W_h^T delta z_{t+1} (pass), delta z_t = delta h_t (1 - h_t^2) (pass), dL/dW_h = sum_t delta z_t h_{t-1}^T
# (pass); dL/dW_x = sum_t delta z_t x_t lacks the transpose: a 3x1 vector times a 2x1 one is ill-typed (fail).
# Inline in a sentence: at the last step dL/dh_T = W_y^T (yhat_T - y_T) (pass); W_y (yhat_T - y_T) (fail).
def test_gradient_rows_in_list_items():
    text = "\n".join([
        "Forward:",
        "",
        r"$$ z_t = W_h h_{t-1} + W_x x_t + b $$",
        r"$$ h_t = \tanh(z_t) $$",
        r"$$ \hat{y}_t = W_y h_t $$",
        r"$$ L = \sum_t \frac{1}{2} \| \hat{y}_t - y_t \|^2 $$",
        "",
        "Backward, per step:",
        "",
        r"1. $\delta h_t = W_y^T (\hat{y}_t - y_t) + W_h^T \delta z_{t+1}$ (shape: $(n,)$).",     # line 10
        r"2. $\delta z_t = \delta h_t \odot (1 - h_t^2)$ (shape: $(n,)$).",
        r"- $\frac{\partial L}{\partial W_h} = \sum_t \delta z_t h_{t-1}^T$, summed over steps.",
        r"- $\nabla_{W_x} L = \sum_t \delta z_t x_t$, likewise.",
        r"- the step $t = 1$ is the first.",
        r"At the last step only the direct term remains: $\;\frac{\partial L}{\partial h_T} = W_y^T (\hat{y}_T - y_T)$.",
        r"Some write it $\frac{\partial L}{\partial h_T} = W_y (\hat{y}_T - y_T)$, without the transpose.",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {3: "pass", 4: "pass", 5: "pass", 6: "pass", 10: "pass",
                                                     11: "pass", 12: "pass", 13: "fail", 15: "pass", 16: "fail"}, \
        {k: (r.status, r.why) for k, r in got.items()}


# colah's names with a programmer's dot (W_f.[h_{t-1},x_t]) and \bigodot, the backward rows writing c_t for the
# forward rows' C_t (one cell state). h = o tanh(C), C = f C_{t-1} + i \tilde C: dJ/do_t = dJ/dh_t tanh(C_t)
# (pass); dJ/dC_t without the future term dJ/dC_{t+1} f_{t+1} fails (a published error, lstm chapter); with it
# it holds; dJ/df_t = dJ/dC_t C_{t-1} (pass).
def test_dot_product_bigodot_and_the_case_of_the_cell_state():
    text = "\n".join([
        r"$$ f_t = \sigma(W_f.[h_{t-1},x_t] + b_f) $$",
        r"$$ i_t = \sigma(W_i.[h_{t-1},x_t] + b_i) $$",
        r"$$ \tilde{C}_t = \tanh(W_C.[h_{t-1},x_t] + b_C) $$",
        r"$$ C_t = f_t \bigodot C_{t-1} + i_t \bigodot \tilde{C}_t $$",
        r"$$ o_t = \sigma(W_o.[h_{t-1},x_t] + b_o) $$",
        r"$$ h_t = o_t \bigodot \tanh(C_t) $$",
        r"$$ \frac{\partial J}{\partial o_t} = \frac{\partial J}{\partial h_t} \bigodot \tanh(c_t) $$",
        r"$$ \frac{\partial J}{\partial c_t} = \frac{\partial J}{\partial h_t} \bigodot o_t \bigodot (1 - \tanh(c_t)^2) $$",
        r"$$ \frac{\partial J}{\partial c_t} = \frac{\partial J}{\partial h_t} \bigodot o_t \bigodot (1 - \tanh(c_t)^2)"
        r" + \frac{\partial J}{\partial c_{t+1}} \bigodot f_{t+1} $$",
        r"$$ \frac{\partial J}{\partial f_t} = \frac{\partial J}{\partial c_t} \bigodot c_{t-1} $$",
    ])
    got = _by_line(text)
    assert [got[k].status for k in range(1, 11)] == ["pass"] * 7 + ["fail", "pass", "pass"], \
        {k: (r.status, r.why) for k, r in got.items()}


# An abstract RNN first (h_t = \phi(h_{t-1}, x_t; \theta): a function of its arguments and parameters, never
# defined), then the concrete cell: the concrete rows define h (pass), the abstract one is not a computation
# (unreadable). An input named e_t (an embedding) in a row layout: dL/dW_xh = sum_t e_t^T delta_t (pass),
# sum_t delta_t e_t^T multiplies a 1xH row by a Dx1 column (fail).
def test_abstract_function_with_parameters_and_an_input_named_e():
    got = _by_line("\n".join([
        r"$$ h_t = \phi(h_{t-1}, x_t; \theta) $$",
        r"$$ h_t = \tanh(W h_{t-1} + U x_t + b) $$",
        r"$$ \frac{\partial L}{\partial b} = \sum_t \frac{\partial L}{\partial h_t} \odot (1 - h_t^2) $$",
    ]))
    assert [got[k].status for k in (1, 2, 3)] == ["unreadable", "pass", "pass"], got
    assert got[1].why.startswith(r"\phi is an abstract function")
    got = _by_line("\n".join([
        r"$$ h_t = \tanh(e_t W_{xh} + h_{t-1} W_{hh} + b_h) $$",
        r"$$ \delta_t = \frac{\partial L}{\partial h_t} \odot (1 - h_t^2) $$",
        r"$$ \frac{\partial L}{\partial W_{hh}} = \sum_t h_{t-1}^T \delta_t $$",
        r"$$ \frac{\partial L}{\partial W_{xh}} = \sum_t e_t^T \delta_t $$",
        r"$$ \frac{\partial L}{\partial W_{xh}} = \sum_t \delta_t e_t^T $$",
    ]))
    assert [got[k].status for k in range(1, 6)] == ["pass"] * 4 + ["fail"], got


# An embedding lookup e_t = E[w_t] names the loss letter E as a table: the row is not read, and nothing crashes
# (it used to stop the whole file with an internal error).
def test_loss_letter_as_a_table_is_refused_cleanly():
    got = _by_line("\n".join([
        r"$$ e_t = E[w_t] \in \mathbb{R}^{1 \times D} $$",
        r"$$ h_t = \tanh(e_t W_{xh} + h_{t-1} W_{hh} + b_h) $$",
    ]))
    assert got[1].status == "unreadable" and "a name of the loss" in got[1].why
    assert all("object has no attribute" not in (r.why or "") for r in got.values())


# A numerical safeguard in the loss (L = -[y ln(yhat + eps) + (1 - y) ln(1 - yhat + eps)], "eps = 1e-12"): the
# gradient rows are derived without it. dL/dyhat = -y/yhat + (1-y)/(1-yhat) (pass); through the sigmoid
# dL/do = yhat - y (pass); y - yhat has the wrong sign (fail).
def test_safeguard_epsilon_in_the_loss():
    got = _by_line("\n".join([
        r"$$ h_t = \tanh(W h_{t-1} + U x_t) $$",
        r"$$ o = v^T h_T + b $$",
        r"$$ \hat{y} = \sigma(o) $$",
        r"$$ L = - \left[ y \ln(\hat{y} + \epsilon) + (1 - y) \ln(1 - \hat{y} + \epsilon) \right] $$",
        r"$$ \frac{\partial L}{\partial \hat{y}} = -\frac{y}{\hat{y}} + \frac{1 - y}{1 - \hat{y}} $$",
        r"$$ \frac{\partial L}{\partial o} = \hat{y} - y $$",
        r"$$ \frac{\partial L}{\partial o} = y - \hat{y} $$",
    ]))
    assert [got[k].status for k in range(1, 8)] == ["pass"] * 6 + ["fail"], got


# Pre-activations named only in the gradients, by the gate's label (z_o), with the concatenation named in the
# prose after the rows (z_t = [h_{t-1}; x_t]): dL/dz_o = dL/do_t o_t (1 - o_t) is the gradient of o's
# pre-activation (pass; z_o was taken for z_t's block o, a 5-vector), dL/dW_o = sum_t dL/dz_o z_t^T (pass).
def test_gate_preactivation_named_in_gradients_beside_a_prose_concatenation():
    text = "\n".join([
        r"$$ f_t = \sigma(W_f [h_{t-1}; x_t] + b_f) $$",
        r"$$ i_t = \sigma(W_i [h_{t-1}; x_t] + b_i) $$",
        r"$$ \tilde{c}_t = \tanh(W_c [h_{t-1}; x_t] + b_c) $$",
        r"$$ o_t = \sigma(W_o [h_{t-1}; x_t] + b_o) $$",
        r"$$ c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t $$",
        r"$$ h_t = o_t \odot \tanh(c_t) $$",
        r"$$\frac{\partial \mathcal{L}}{\partial \mathbf{o}_t} = \frac{\partial \mathcal{L}}{\partial \mathbf{h}_t} \odot \tanh(\mathbf{c}_t)$$",
        r"$$\frac{\partial \mathcal{L}}{\partial \mathbf{z}_o} = \frac{\partial \mathcal{L}}{\partial \mathbf{o}_t} \odot \mathbf{o}_t \odot (1 - \mathbf{o}_t)$$",
        r"$$\frac{\partial \mathcal{L}}{\partial \mathbf{z}_o} = \frac{\partial \mathcal{L}}{\partial \mathbf{o}_t} \odot \mathbf{o}_t$$",
        r"$$\frac{\partial \mathcal{L}}{\partial \mathbf{W}_o} = \sum_{t=0}^{T-1} \frac{\partial \mathcal{L}}{\partial \mathbf{z}_o} \mathbf{z}_t^T$$",
        r"Where $\mathbf{z}_t = [\mathbf{h}_{t-1}; \mathbf{x}_t]$ is the concatenated input.",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {**{k: "pass" for k in range(1, 9)}, 9: "fail", 10: "pass"}, \
        {k: (r.status, r.why) for k, r in got.items()}


# A case's condition after the row (\quad \text{when } j = i) stays with it: no equation "j = i" of its own.
def test_case_condition_is_no_equation():
    got = _by_line("\n".join([
        r"$$ h_t = \tanh(W h_{t-1} + U x_t) $$",
        r"$$ \frac{\partial s_i}{\partial y_j} = s_i (1 - s_j) \quad \text{when } j = i $$",
    ]))
    assert sorted(got) == [1, 2] and got[2].text.endswith(r"\text{when } j = i")


# A GRU's backward pass with code temporaries named d_{from\_h} (a word, not a quantity of the cell): each
# temporary is a name of the code (unreadable, never "no quantity from_h": a fail), and the row summing them is
# checked with their values. h = (1 - z) h_{t-1} + z g, g = tanh(W x + U (r h_{t-1})): what reaches h_{t-1}
# through one step is dh (1 - z) + U^T (dg (1 - g^2)) r + W_z-path + W_r-path; written with the temporaries it
# holds as step t's part (pass).
def test_code_temporaries_with_a_word_subscript():
    got = _by_line("\n".join([
        r"$$ z_t = \sigma(W_z x_t + U_z h_{t-1}) $$",
        r"$$ r_t = \sigma(W_r x_t + U_r h_{t-1}) $$",
        r"$$ \tilde{h}_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1})) $$",
        r"$$ h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t $$",
        r"$$ d\tilde{h} = dh \odot z_t \odot (1 - \tilde{h}_t^2) $$",
        r"$$ dz = dh \odot (\tilde{h}_t - h_{t-1}) \odot z_t \odot (1 - z_t) $$",
        r"$$ dr = (U_h^T d\tilde{h}) \odot h_{t-1} \odot r_t \odot (1 - r_t) $$",
        r"$$ d_{from\_h} = dh \odot (1 - z_t) $$",
        r"$$ d_{from\_cand} = (U_h^T d\tilde{h}) \odot r_t $$",
        r"$$ dh_{prev} = d_{from\_h} + d_{from\_cand} + U_z^T dz + U_r^T dr $$",
        r"$$ dh_{prev} = d_{from\_h} + d_{from\_cand} + U_z^T dz $$",
    ]))
    assert [got[k].status for k in range(1, 12)] == ["pass"] * 7 + ["unreadable"] * 2 + ["pass", "fail"], \
        {k: (r.status, r.why) for k, r in got.items()}


# An RNN (h, o) stated first, then an LSTM that defines o and h again after its gates f, i, \tilde{C}, C: the
# LSTM is one cell from its first gate (its f, i, \tilde{C} were left to "the cell stated before", and every
# LSTM gradient was unreadable). dE/do = dE/dh tanh(C) (pass), dE/dC = dE/dh o (1 - tanh^2 C) + dE/dC_{t+1}
# f_{t+1} (pass), dE/di = dE/dC \tilde{C} (pass), dE/df = dE/dC C (fail: C_{t-1}).
def test_a_second_cell_starts_at_its_first_gate():
    got = _by_line("\n".join([
        r"$$h_t=\sigma(W_{hh}h_{t-1}+W_{xh}x_t+b_h)$$",
        r"$$o_t=\sigma(W_{ho}h_t+b_o)$$",
        r"$$f_t=\sigma(W_f[h_{t-1},x_t]+b_f)$$",
        r"$$i_t=\sigma(W_i[h_{t-1},x_t]+b_i)$$",
        r"$$\tilde{C}_t=\tanh(W_C[h_{t-1},x_t]+b_C)$$",
        r"$$C_t=f_t\odot C_{t-1}+i_t\odot\tilde{C}_t$$",
        r"$$o_t=\sigma(W_o[h_{t-1},x_t]+b_o)$$",
        r"$$h_t=o_t\odot\tanh(C_t)$$",
        r"$$\frac{\partial E}{\partial o_t}=\frac{\partial E}{\partial h_t}\tanh(C_t)$$",
        r"$$\frac{\partial E}{\partial C_t}=\frac{\partial E}{\partial h_t}o_t(1-\tanh^2(C_t))+\frac{\partial E}{\partial C_{t+1}}f_{t+1}$$",
        r"$$\frac{\partial E}{\partial i_t}=\frac{\partial E}{\partial C_t}\tilde{C}_t$$",
        r"$$\frac{\partial E}{\partial f_t}=\frac{\partial E}{\partial C_t}C_t$$",
    ]))
    assert [got[k].status for k in range(3, 13)] == ["pass"] * 9 + ["fail"], \
        {k: (r.status, r.why) for k, r in got.items()}


# The true label written with a star (y^*_t, y^{\ast}_t): softmax + cross-entropy gives dL_t/dy_t = p_t -
# 1_{y^*_t} (pass); 1_{y^*_t} - p_t has the wrong sign (fail). The star was "unexpected '*' in a script".
def test_star_marked_label():
    got = _by_line("\n".join([
        r"$$ h_t = \tanh(W_h h_{t-1} + W_x x_t + b) $$",
        r"$$ y_t = W_y h_t + b_y $$",
        r"$$ p_t = \mathrm{softmax}(y_t) $$",
        r"$$\frac{\partial \mathcal{L}_t}{\partial \mathbf{y}_t} = \mathbf{p}_t - \mathbf{1}_{y^*_t}$$",
        r"$$\frac{\partial \mathcal{L}_t}{\partial \mathbf{y}_t} = \mathbf{1}_{y^{\ast}_t} - \mathbf{p}_t $$",
    ]))
    assert [got[k].status for k in range(1, 6)] == ["pass"] * 4 + ["fail"], got


# A worked example that gives its names values (W_hh = 0.9, W_xh = 0.6, h_0 = 0, x_1 = 0.5, x_2 = 1.0) and then
# computes with them: z_1 = 0.9*0 + 0.6*0.5 = 0.3 (pass), h_1 = tanh(0.3) = 0.2913 (pass), z_2 = 0.9*0.2913 +
# 0.6*1.0 = 0.86217 ~ 0.8622 (pass); the same z_2 with h_1 mistyped as 0.2813 substitutes a value the example
# never gave (0.2913): fail; h_2 = tanh(0.8622) = 0.69739, printed 0.6970: fail. A first link against the cell
# (z_1 = W_xh h_0 + W_hh x_1: the weights swapped) never passes, although its numbers add up.
def test_worked_example_values():
    assert abs(math.tanh(0.8622) - 0.6974) < 5e-5 and abs(0.9 * 0.2913 + 0.6 - 0.8622) < 5e-5
    got = _by_line("\n".join([
        r"$$ z_t = W_{hh} h_{t-1} + W_{xh} x_t $$",
        r"$$ h_t = \tanh(z_t) $$",
        r"$$ W_{hh} = 0.9 $$",
        r"$$ W_{xh} = 0.6 $$",
        r"$$ h_0 = 0 $$",
        r"$$ x_1 = 0.5 $$",
        r"$$ z_1 = W_{hh} h_0 + W_{xh} x_1 = 0.9 \times 0 + 0.6 \times 0.5 = 0.3 $$",
        r"$$ h_1 = \tanh(z_1) = \tanh(0.3) = 0.2913 $$",
        r"$$ x_2 = 1.0 $$",
        r"$$ z_2 = W_{hh} h_1 + W_{xh} x_2 = 0.9 \times 0.2913 + 0.6 \times 1.0 = 0.8622 $$",
        r"$$ z_2 = W_{hh} h_1 + W_{xh} x_2 = 0.9 \times 0.2813 + 0.6 \times 1.0 = 0.8532 $$",
        r"$$ h_2 = \tanh(z_2) = 0.6970 $$",
    ]))
    assert {k: got[k].status for k in (7, 8, 10, 11, 12)} == {7: "pass", 8: "pass", 10: "pass", 11: "fail", 12: "fail"}, \
        {k: (r.status, r.why) for k, r in got.items()}
    assert "0.697389" in got[12].why and got[7].reading == "arithmetic"
    got = _by_line("\n".join([
        r"$$ z_t = W_{hh} h_{t-1} + W_{xh} x_t $$",
        r"$$ h_t = \tanh(z_t) $$",
        r"$$ W_{hh} = 0.9 $$",
        r"$$ W_{xh} = 0.6 $$",
        r"$$ h_0 = 0 $$",
        r"$$ x_1 = 0.5 $$",
        r"$$ z_1 = W_{xh} h_0 + W_{hh} x_1 = 0.6 \times 0 + 0.9 \times 0.5 = 0.45 $$",
    ]))
    assert got[7].status != "pass", got[7]


# A cross-entropy written by indexing the probabilities with the label (CS231n / d2l style): p_t = softmax(o_t),
# L = -sum_t log p_{t, y_t}. Its gradient by the logits is p_t - e_{y_t} (the one-hot of the label): with
# L_t = -o_{t,y} + log sum_j exp(o_{t,j}), dL_t/do_{t,j} = p_{t,j} - [j = y]; checked with numpy below. So
# dL/do_t = p_t - 1_{y_t} (pass), p_t + 1_{y_t} (fail); dL/dW_hy = sum_t (p_t - 1_{y_t}) h_t^T (pass); the label
# written as a superscripted step, \hat{y}^{(t)}_{y^{(t)}}, is the same loss: \hat y^{(t)} - y^{(t)} (y the one-hot
# label) passes, y^{(t)} - \hat y^{(t)} fails.
def test_loss_indexed_by_the_label():
    rng = np.random.default_rng(0)
    o, y = rng.normal(size=4), 2
    loss = lambda v: -v[y] + np.log(np.exp(v).sum())
    fd = np.array([(loss(o + e) - loss(o - e)) / 2e-6 for e in np.eye(4) * 1e-6])
    assert np.allclose(fd, np.exp(o) / np.exp(o).sum() - np.eye(4)[y], atol=1e-8)
    head = [r"$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)$$", r"$$o_t = W_{hy} h_t + b_y$$"]
    text = "\n".join(head + [
        r"$$p_t = \mathrm{softmax}(o_t)$$",
        r"$$L = -\sum_t \log p_{t, y_t}$$",
        r"$$\frac{\partial L}{\partial o_t} = p_t - \mathbf{1}_{y_t}$$",                 # line 5
        r"$$\frac{\partial L}{\partial o_t} = p_t + \mathbf{1}_{y_t}$$",
        r"$$\frac{\partial L}{\partial W_{hy}} = \sum_t (p_t - \mathbf{1}_{y_t}) h_t^\top$$",
    ])
    assert {k: r.status for k, r in _by_line(text).items()} == {1: "pass", 2: "pass", 3: "pass", 4: "pass",
                                                                5: "pass", 6: "fail", 7: "pass"}
    text = "\n".join(head + [
        r"$$\hat{y}^{(t)} = \mathrm{softmax}(o_t)$$",
        r"$$L = -\sum_t \log \hat{y}^{(t)}_{y^{(t)}}$$",
        r"$$\frac{\partial L}{\partial o_t} = \hat{y}^{(t)} - y^{(t)}$$",
        r"$$\frac{\partial L}{\partial o_t} = y^{(t)} - \hat{y}^{(t)}$$",
    ])
    assert {k: r.status for k, r in _by_line(text).items()} == {1: "pass", 2: "pass", 3: "pass", 4: "pass",
                                                                5: "pass", 6: "fail"}


# A worked example whose data are given in a sentence ("let $W_{hh} = 0.5$, $W_{xh} = 1.0$, $h_0 = 0$, ..."):
# z_1 = 0.5 * 0 + 1.0 * 1 = 1 (pass: its first link is the cell's z_1, its numbers those of the prose);
# h_1 = tanh(1) = 0.76159 -> 0.7616 (pass: the cell's h_t = tanh(z_t) at step 1 with z_1 = 1, its arithmetic
# holding); z_2 = 0.5 * 0.7616 + 1.0 * 0.5 = 0.8808 (pass), 0.9808 (fail).
def test_worked_example_values_in_prose():
    assert abs(math.tanh(1) - 0.7616) < 1e-4 and abs(0.5 * 0.7616 + 0.5 - 0.8808) < 1e-12
    text = "\n".join([
        "Forward:", "",
        r"$$ z_t = W_{hh} h_{t-1} + W_{xh} x_t $$",
        r"$$ h_t = \tanh(z_t) $$", "",
        r"Take a scalar example: let $W_{hh} = 0.5$, $W_{xh} = 1.0$, $h_0 = 0$, $x_1 = 1$ and $x_2 = 0.5$.", "",
        r"$$ z_1 = W_{hh} h_0 + W_{xh} x_1 = 0.5 \times 0 + 1.0 \times 1 = 1 $$",          # line 8
        r"$$ h_1 = \tanh(1) = 0.7616 $$",
        r"$$ z_2 = W_{hh} h_1 + W_{xh} x_2 = 0.5 \times 0.7616 + 1.0 \times 0.5 = 0.8808 $$",
        r"$$ z_2 = W_{hh} h_1 + W_{xh} x_2 = 0.5 \times 0.7616 + 1.0 \times 0.5 = 0.9808 $$",
    ])
    got = _by_line(text)
    assert {k: r.status for k, r in got.items()} == {3: "pass", 4: "pass", 8: "pass", 9: "pass", 10: "pass",
                                                     11: "fail"}, {k: (r.status, r.why) for k, r in got.items()}
    assert "W_{hh} = 0.5" in got[8].why and "0.8808" in got[11].why
