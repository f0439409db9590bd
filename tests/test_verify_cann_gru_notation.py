r"""Operator-doc GRU notation (Huawei CANN style): a forward row reading a name without its time index, Chinese
\text{} labels before an equation, code's @ and .sum(dim=k), names of stacked weights and of stacked linear
transforms named only by their gradients, a gradient handed down from a layer above."""
from symlstm.verify.judging.judge import verify_derivation

GRU = r"""$r_t= \sigma(W_{ir}x_t + b_{ir} + W_{hr}h_{t-1} + b_{hr})$
$z_t = \sigma(W_{iz}x_t + b_{iz} + W_{hz}h_{t-1} + b_{hz})$
$n_t = \tanh(W_{in}x_t + b_{in} + r_t \odot (W_{hn}h_{t-1} + b_{hn}))$
"""


def _v(body, head=GRU):
    first = len(head.splitlines()) + 1
    return [(r.status, r.why) for r in sorted(verify_derivation(head + body).results, key=lambda r: r.line)
            if r.line >= first]


def test_forward_row_with_a_bare_name_fails():
    v = _v(r"$h_t = (1-z) \odot n_t + z_t \odot h_{t-1}$" "\n")
    assert v[0][0] == "fail" and "z is not defined" in v[0][1] and "z_t" in v[0][1]
    assert _v(r"$h_t = (1-z_t) \odot n_t + z_t \odot h_{t-1}$" "\n")[0][0] == "pass"
    v = _v(r"$h_t = (1-z_{j}) \odot n_t + z_t \odot h_{t-1}$" "\n")       # j: a component or a step?
    assert v[0][0] == "unreadable"


def test_backward_time_words_do_not_excuse_a_bare_forward_name():
    v = _v(r"""$h_t = (1-z) \odot n_t + z_t \odot h_{t-1}$
$dh_t = dh_{next}$
$dz_t = dh_t * (h_{t-1} - n_t) * z_t * (1 - z_t)$
$dz_t = dh_t * (h_{t-1} - n) * z_t * (1 - z_t)$
""")
    # dh_t = dh_{next}: next is the current step (TIME_WORDS); not read as X = X, so the loss term at t is missing
    assert [s for s, _ in v] == ["fail", "fail", "pass", "fail"]
    assert "n is not defined" in v[3][1]


def test_a_restated_cell_with_the_step_implicit_keeps_its_bare_names():
    text = r"""\[ h_t = \tanh(w_{ih} * x_t + b_{ih}  +  w_{hh} * h_{(t-1)} + b_{hh}) \]
\[ h' = \tanh(w_{ih} * x + b_{ih}  +  w_{hh} * h + b_{hh}) \]
"""
    assert [r.status for r in verify_derivation(text).results] == ["pass", "pass"]


def test_chinese_label_before_an_equation_is_prose():
    v = _v(r"""$h_t = (1-z_t) \odot n_t + z_t \odot h_{t-1}$
$\text{更新门梯度：} \quad dz_t = dh_t * (h_{t-1} - n_t) * z_t * (1 - z_t)$
$\text{更新门梯度：} \quad dz_t = dh_t * (n_t - h_{t-1}) * z_t * (1 - z_t)$
$\text{候选态梯度（传给t-1）：} \quad dn_t = dh_t * (1 - z_t)$
""")
    assert [s for s, _ in v] == ["pass", "pass", "fail", "pass"]


RNN = r"""$a_t = W x_t + U h_{t-1} + b$
$h_t = \tanh(a_t)$
$da_t = dh_t * (1 - h_t^2)$
"""


def test_code_matrix_product_and_axis_sums():
    v = _v(r"""$dx_t = W^T @ da_t$
$dx_t = W @ da_t$
$dh_{t-1} = U^T @ da_t$
$dh_{t-1} = U @ da_t$
$dW += da_t @ x_t^T$
$dW += x_t @ da_t^T$
$db += da_t.sum(dim=1)$
$db += da_t.sum(axis=0)$
$db += (2 * da_t).sum(1)$
""", RNN)
    assert [s for s, _ in v] == ["pass", "fail", "pass", "fail", "pass", "fail", "pass", "fail", "fail"]


def test_axis_sum_in_the_row_layout():
    head = r"""$a_t = x_t W + h_{t-1} U + b$
$h_t = \tanh(a_t)$
$da_t = dh_t * (1 - h_t^2)$
"""
    v = _v(r"""$db += da_t.sum(axis=0)$
$db += da_t.sum(axis=1)$
""", head)
    assert [s for s, _ in v] == ["pass", "fail"]


def test_stacked_names_no_row_defines_are_unreadable_not_failed():
    v = _v(r"""$h_t = (1-z_t) \odot n_t + z_t \odot h_{t-1}$
$dlin_{ih} = [dz_t; dr_t; dn_t]$
$dx_t = W_{ih}^T @ dlin_{ih}$
$dW_{hh} += dlin_{hh} @ h_{t-1}^T$
$db_{ih} += dlin_{ih}.sum(dim=1)$
$dx_t = V_{ih}^T dz_t$
""")
    assert [s for s, _ in v[1:5]] == ["unreadable"] * 4
    assert "lin_{ih}" in v[1][1] and "W_{iz}" in v[2][1] and "W_{hz}" in v[3][1] and "b_{iz}" in v[4][1]
    assert v[5][0] != "pass"            # V_{ih}: no family V, nothing stacked


def test_gradient_handed_down_from_outside_is_not_a_false_fail():
    v = _v(r"""$h_t = (1-z_t) \odot n_t + z_t \odot h_{t-1}$
$dh_t = dy_t + dh_{next}$
""")
    assert v[1][0] == "unreadable" and "dy" in v[1][1]
