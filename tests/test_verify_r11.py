r"""Round 11 of verify: the last step named by the bound of the loss's sum (``\sum_{t=1}^{N}``: h_N is the last
state, read as h_T is). Expected verdicts worked out by hand: L = sum_t 1/2 ||V h_t - d_t||^2 with
h_t = tanh(W h_{t-1} + U x_t), so dL/dh_N = V^T (y_N - d_N) (nothing after N) and dL/dh_{N-1} adds
W^T diag(1 - h_N^2) dL/dh_N."""
from __future__ import annotations

import pytest

from symlstm.verify.judging.judge import verify_derivation

def _results(rows, open_="$$", close="$$", sep="\n"):
    """The results of the rows, each a display of its own, in line order."""
    text = sep.join(open_ + r + close for r in rows)
    return sorted(verify_derivation(text).results, key=lambda r: r.line)


HEAD = [r"h_t = \tanh(W h_{t-1} + U x_t)", r"y_t = V h_t", r"L = \sum_{t=1}^{%s} \frac{1}{2}\|y_t - d_t\|^2"]


def _last(rows, bound="N"):
    res = _results([HEAD[0], HEAD[1], HEAD[2] % bound] + rows)
    assert [r.status for r in res[:3]] == ["pass"] * 3, [(r.status, r.why) for r in res[:3]]
    return res[3:]


@pytest.mark.parametrize("row,status", [
    (r"\frac{\partial L}{\partial h_N} = V^T (y_N - d_N)", "pass"),
    (r"\frac{\partial L}{\partial h_N} = W^T V^T (y_N - d_N)", "fail"),
    (r"\frac{\partial L}{\partial h_{N-1}} = V^T (y_{N-1} - d_{N-1})", "fail"),
    (r"\frac{\partial L}{\partial h_{N-1}} = V^T (y_{N-1} - d_{N-1}) + W^T \mathrm{diag}(1 - h_N^2) V^T (y_N - d_N)",
     "pass"),
])
def test_the_bound_of_the_loss_sum_names_the_last_step(row, status):
    (r,) = _last([row])
    assert r.status == status, (row, r.status, r.why)
    (same,) = _last([row.replace("N", "T")], bound="T")          # the same row written with T
    assert same.status == status, (row, same.status, same.why)


def test_a_step_written_as_an_equation_in_a_superscript():
    # W_h^{(t=3)}: the copy of W_h at step 3 ("Updating W_h at t=3", course notes), read as W_h^{(3)}
    from symlstm.verify.text.rowparse import parse_expression
    assert parse_expression(r"W_h^{(t=3)}") == parse_expression(r"W_h^{(3)}")
    assert parse_expression(r"\sum_{t=1}^{4} x_t") != parse_expression(r"\sum_{4}^{4} x_t")    # bounds untouched


# An RNN unrolled by hand and numbered by digits (course notes: "o_1 = f(x_1 W), o_2 = f(x_2 W + o_1 W_h)"),
# a many-to-one sigmoid head and its cross-entropy. Row vectors (x W). By hand: dL/dz = y_hat - y for z = o_3 W_y;
# dL/dW_y = o_3^T (y_hat - y); the chain dL/dy_hat dy_hat/do_3 do_3/dW_h is the total when do_3/dW_h is, and the
# contribution of step 3's copy of W_h when it is the immediate derivative; the chain through o_1 alone misses
# the copies of W at steps 2 and 3.
UNROLLED = [r"o_1 = \tanh(x_1 \cdot W)", r"o_2 = \tanh(x_2 \cdot W + o_1 \cdot W_h)",
            r"o_3 = \tanh(x_3 \cdot W + o_2 \cdot W_h)", r"\hat{y} = \sigma(o_3 \cdot W_y)",
            r"L = -(y \log(\hat{y}) + (1-y) \log(1-\hat{y}))"]


@pytest.mark.parametrize("row,status", [
    (r"\frac{\partial L}{\partial W_h} = \frac{\partial L}{\partial \hat{y}} \cdot \frac{\partial \hat{y}}{\partial o_3}"
     r" \cdot \frac{\partial o_3}{\partial W_h}", "pass"),
    (r"\frac{\partial L}{\partial W_h^{(t=3)}} = \frac{\partial L}{\partial \hat{y}} \cdot \frac{\partial \hat{y}}"
     r"{\partial o_3} \cdot \frac{\partial o_3}{\partial W_h}", "pass"),
    (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial o_3} \cdot \frac{\partial o_3}{\partial o_2} \cdot "
     r"\frac{\partial o_2}{\partial o_1} \cdot \frac{\partial o_1}{\partial W}", "fail"),
    (r"\frac{\partial L}{\partial W} = \sum_{t=1}^{3} \frac{\partial L}{\partial W^{(t)}}", "pass"),
    (r"\frac{\partial L}{\partial W_y} = o_3^T (\hat{y} - y)", "pass"),
    (r"\frac{\partial L}{\partial W_y} = o_2^T (\hat{y} - y)", "fail"),
    (r"\frac{\partial L}{\partial o_2} = \frac{\partial L}{\partial \hat{y}} \frac{\partial \hat{y}}{\partial o_3}", "fail"),
])
def test_an_rnn_unrolled_with_digit_steps(row, status):
    res = _results(UNROLLED + [row])
    assert [r.status for r in res[:5]] == ["pass"] * 5, [(r.status, r.why) for r in res[:5]]
    assert res[5].status == status, (row, res[5].status, res[5].why)


def test_layers_numbered_by_digits_are_not_steps():
    from symlstm.verify.text.numberedsteps import chained_digit_rows
    from symlstm.verify.text.rowparse import parse_row
    layers = [parse_row(r) for r in (r"h_1 = \sigma(W_1 x)", r"h_2 = \sigma(W_2 h_1)", r"h_3 = \sigma(W_3 h_2)")]
    assert chained_digit_rows(layers) == (layers, set())
    steps = [parse_row(r) for r in (r"h_1 = \sigma(U x_1)", r"h_2 = \sigma(U x_2 + W h_1)", r"h_3 = \sigma(U x_3 + W h_2)")]
    assert chained_digit_rows(steps)[1] == {"h", "x"}


# many-to-one: one sigmoid output on the last state, its cross-entropy against y (read by no forward row: the
# target of that output). By hand: dL/dh_T = V^T (y_hat - y); dL/dh_{T-1} = W^T diag(1 - h_T^2) dL/dh_T.
MANY_TO_ONE = [r"h_t = \tanh(W h_{t-1} + U x_t + b)", r"\hat{y} = \sigma(V h_T + c)",
               r"L = -(y \log \hat{y} + (1 - y)\log(1 - \hat{y}))"]


@pytest.mark.parametrize("row,status", [
    (r"\frac{\partial L}{\partial h_T} = V^T (\hat{y} - y)", "pass"),
    (r"\frac{\partial L}{\partial h_{T-1}} = W^T \mathrm{diag}(1 - h_T^2) V^T (\hat{y} - y)", "pass"),
    (r"\frac{\partial L}{\partial h_{T-1}} = W^T V^T (\hat{y} - y)", "fail"),
    (r"\frac{\partial L}{\partial c} = \hat{y} - y", "pass"),
    (r"\frac{\partial L}{\partial c} = y - \hat{y}", "fail"),
])
def test_many_to_one_sigmoid_head(row, status):
    res = _results(MANY_TO_ONE + [row])
    assert [r.status for r in res[:3]] == ["pass"] * 3, [(r.status, r.why) for r in res[:3]]
    assert res[3].status == status, (row, res[3].status, res[3].why)


# a GRU's backward step in the \delta_{q_t} notation (a note on GRU backprop: "\delta_{z_t} = \delta_{h_t} * ...",
# "\delta_{h_{t-1}} = \delta_{h_t} * (1 - z_t) + ..."). By hand, through step t: h_t = (1 - z) h_{t-1} + z \hat h
# sends back (1 - z) directly, U_z^T \delta_z through z and U_h^T \delta_{\hat h} through \hat h, where \delta_z and
# \delta_{\hat h} are the gradients of the pre-activations; the bias gradient of one example is \delta_z itself.
GRU = [r"z_t = \sigma(W_z x_t + U_z h_{t-1} + b_z)", r"\hat h_t = \tanh(W_h x_t + U_h h_{t-1} + b_h)",
       r"h_t = (1 - z_t) * h_{t-1} + z_t * \hat h_t",
       r"\delta_{\hat{h}_t} = \delta_{h_t} * z_t * (1 - \hat{h}_t^2)",
       r"\delta_{z_t} = \delta_{h_t} * (\hat h_t - h_{t-1}) * z_t * (1 - z_t)"]


@pytest.mark.parametrize("row,status,reading", [
    (r"\delta_{h_{t-1}} = \delta_{h_t} * (1 - z_t) + U_z^T \delta_{z_t} + U_h^T \delta_{\hat h_t}", "pass", "step"),
    (r"\delta_{h_{t-1}} = \delta_{h_t} * (1 - z_t) + U_z^T \delta_{z_t} + U_h \delta_{\hat h_t}", "fail", None),
    (r"\delta_{h_{t-1}} = \delta_{h_t} * z_t + U_z^T \delta_{z_t} + U_h^T \delta_{\hat h_t}", "fail", None),
    (r"\Delta b_z = \sum \delta_{z_t}", "pass", "step"),
    (r"\Delta b_z = \sum \delta_{\hat h_t}", "fail", None),
    (r"\Delta U_z = \delta_{z_t} h_{t-1}^T", "pass", "step"),
])
def test_gru_step_in_subscript_delta_notation(row, status, reading):
    res = _results(GRU + [row], "$", "$")
    assert [r.status for r in res[:5]] == ["pass"] * 5, [(r.status, r.why) for r in res[:5]]
    assert res[5].status == status, (row, res[5].status, res[5].why)
    if reading:
        assert res[5].reading == reading, (row, res[5].reading, res[5].why)


def test_a_row_reading_a_name_whose_own_row_does_not_compute_is_unreadable():
    # \delta_{r_t} defined by a row whose slice W_h[:, in:] (columns: the author's forward multiplies [x, h] W_h
    # from the left, so the rows acting on h are W_h[in:, :]) does not fit: that row fails, the rows reading
    # \delta_r are not judged on it; the names of the message are LaTeX, never internal keys
    rows = [r"z_t = \sigma([x_t, h_{t-1}] \times W_z + b_z)", r"r_t = \sigma([x_t, h_{t-1}] \times W_r + b_r)",
            r"\widehat h_t = \tanh([x_t, r_t * h_{t-1}] \times W_h + b_h)",
            r"h_t = (1 - z_t) * h_{t-1} + z_t * \widehat h_t",
            r"\delta_{\widehat{h_t}} = \delta_{h_t} * z_t * \tanh'(\widehat{h_t})",
            r"\delta_{r_t} = (\delta_{\widehat h_t} \cdot W_h[:, \text{in}:]^T) * h_{t-1} * \sigma'(r_t)",
            r"\Delta W_r = [x_t, h_{t-1}]^T \cdot \delta_{r_t}"]
    res = _results(rows, "$", "$")
    assert [r.status for r in res] == ["pass"] * 5 + ["fail", "unreadable"], [(r.status, r.why) for r in res]
    assert "\\delta_r" in res[6].why and "delta_r" not in res[6].why.replace("\\delta_r", "")


def test_time_word_subscript_without_braces():
    # "h_t = (1 - z_t) * h_prev + z_t * g_t" (a GRU note): h_prev is h_{prev}, the state at the step before
    from symlstm.verify.text.rowparse import parse_expression
    assert parse_expression(r"h_prev") == parse_expression(r"h_{prev}")
    assert parse_expression(r"x\_h\_prev") != parse_expression(r"x\_h_{prev}")      # an escaped code name stays
    gru = [r"z_t = sigmoid(W_z @ [h_{t-1}, x_t] + b_z)", r"g_t = tanh(W_g @ [h_{t-1}, x_t] + b_g)",
           r"h_t = (1 - z_t) * h_{t-1} + z_t * g_t",
           r"\frac{\partial h_t}{\partial h_prev} = \mathrm{diag}(1 - z_t) + \mathrm{diag}(z_t (1 - g_t^2)) W_g[:, :H]",
           r"\frac{\partial h_t}{\partial h_prev} = \mathrm{diag}(1 - z_t)"]
    res = _results(gru)
    assert [r.status for r in res][:3] == ["pass"] * 3 and res[4].status == "fail", [(r.status, r.why) for r in res]


# vanishing-gradient notes: the cell in t, its Jacobian and pre-activation restated in k ("J_k = diag(f'(a_k)) W_h,
# a_k = W_h h_{k-1} + ..."). The time letter is the recurrence's (t), the rows in k define a and J of the cell
# (J is no loss here); with no loss stated and the chain from h_T, the row is unreadable (it holds for a loss on
# the last step only), never failed.
VANISHING = [r"\mathbf{h}_t = f\bigl(\mathbf{W}_h\,\mathbf{h}_{t-1} + \mathbf{W}_x\,\mathbf{x}_t + \mathbf{b}\bigr)",
             r"\frac{\partial \mathcal L}{\partial \mathbf{h}_t} = \frac{\partial \mathcal L}{\partial \mathbf{h}_T}"
             r" \prod_{k=t+1}^{T} \underbrace{\frac{\partial \mathbf{h}_k}{\partial \mathbf{h}_{k-1}}}_{\displaystyle"
             r" \mathbf{J}_k}",
             r"\mathbf{J}_k = \mathrm{diag}\bigl(f'(\mathbf{a}_k)\bigr)\;\mathbf{W}_h",
             r"\mathbf{a}_k = \mathbf{W}_h\,\mathbf{h}_{k-1} + \mathbf{W}_x\,\mathbf{x}_k + \mathbf{b}"]


def test_rows_in_a_letter_of_their_own_define_names_of_the_cell():
    res = _results(VANISHING, r"\[", r"\]")
    assert [r.status for r in res] == ["pass", "unreadable", "pass", "pass"], [(r.status, r.why) for r in res]
    assert "last step only" in res[1].why
    wrong = VANISHING[:1] + [r"\frac{\partial \mathcal L}{\partial \mathbf{h}_t} = \frac{\partial \mathcal L}"
                             r"{\partial \mathbf{h}_T} \mathbf{W}_h^{T-t}"] + VANISHING[2:]
    res = _results(wrong, r"\[", r"\]")
    assert res[1].status != "pass", res[1].why


# an LSTM note whose backward rows drop the \delta of their left sides ("h_t = \partial Loss/\partial h_t",
# "C_t = \delta h_t * ..."): those rows are claims about h and C (they fail: h_t is no gradient), the cell is still
# read from its forward rows (before: every row unreadable). By hand, with \delta q the total gradient of q and
# the gate rows' \delta the gradient of the pre-activation: \delta o_t = \delta h_t * tanh(C_t) * o_t (1 - o_t);
# \delta C_t = \delta h_t * o_t * (1 - tanh^2 C_t) + \delta C_{t+1} * f_{t+1}.
DROPPED = [r"h_{t}=o_{t}*\tanh(C_{t})", r"o_{t}= \sigma([x_{t}, h_{t-1}]\times W_{o} + b_{o})",
           r"C_{t} = f_{t} * C_{t-1} + i_{t} * \tilde{C_t}", r"i_{t} = \sigma([x_{t}, h_{t-1}]\times W_{i} + b_{i})",
           r"\tilde{C_{t}} = \tanh([x_{t}, h_{t-1}]\times W_{C} + b_{C})",
           r"f_{t} = \sigma([x_{t}, h_{t-1}]\times W_{f} + b_{f})",
           r"h_t = \frac{\partial \text{Loss}}{\partial h_t}",
           r"\delta o_t = \delta h_t * \tanh(C_t) * \sigma'(o_t)",
           r"C_t = \delta h_t * o_t * \tanh'(C_t) + \delta C_{t+1} * f_{t+1}",
           r"\delta C_t = \delta h_t * o_t * \tanh'(C_t) + \delta C_{t+1} * f_{t+1}",
           r"\delta C_t = \delta h_t * o_t * \tanh'(C_t) + \delta C_{t+1} * f_{t}"]


def test_rows_that_drop_the_delta_of_their_left_side_fail_and_the_cell_is_read():
    res = _results(DROPPED, "$", "$", "\n\n")
    assert [r.status for r in res] == ["pass"] * 6 + ["fail", "pass", "fail", "pass", "fail"], \
        [(r.status, r.why) for r in res]
