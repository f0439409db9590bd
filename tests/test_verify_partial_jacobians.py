r"""Partial Jacobians in chain-rule sums (localjac.py), a lone \delta_t (lonedelta.py), a shifted name defined by a
row (\delta_{h_{t-1}} = ...), Jacobians times derivatives of a vector by a matrix (\sum_k \frac{\partial h_t}{\partial
h_k} \frac{\partial h_k}{\partial W}) and Pascanu et al.'s recursion written without \partial^{+}
(weightrecursion.py). Notation of a GRU in row layout (as Microsoft AI-Edu's notes) and of a vanilla RNN."""
from symlstm.verify.judging.judge import verify_derivation

GRU = r"""
$$ z_t = \sigma(h_{t-1} \cdot W_z + x_t \cdot U_z) $$
$$ r_t = \sigma(h_{t-1} \cdot W_r + x_t \cdot U_r) $$
$$ \tilde{h}_t = \tanh((r_t \circ h_{t-1}) \cdot W_h + x_t \cdot U_h) $$
$$ h_t = (1 - z_t) \circ h_{t-1} + z_t \circ \tilde{h}_t $$
$$ a_t = h_{t-1} \cdot W_z + x_t \cdot U_z $$
$$ b_t = h_{t-1} \cdot W_r + x_t \cdot U_r $$
$$ c_t = (r_t \circ h_{t-1}) \cdot W_h + x_t \cdot U_h $$
"""

RNN = r"""
$$ h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h) $$
$$ y_t = W_{hy} h_t + b_y $$
"""


def _status(head, body):
    report = verify_derivation(head + body)
    first = len(head.splitlines()) + 1
    return [r.status for r in sorted(report.results, key=lambda r: (r.line, r.column)) if r.line >= first]


def test_chain_rule_sum_reads_each_jacobian_as_the_partial_of_its_row():
    # c_t reads x_t directly and through r_t: in the sum over the three pre-activations each Jacobian is the
    # partial one of its own row (the total of \partial c_t/\partial x_t would count the r_t path twice)
    body = r"""
$$ \frac{\partial L}{\partial x_t} = \frac{\partial L}{\partial c_t} \cdot \frac{\partial c_t}{\partial x_t} + \frac{\partial L}{\partial b_t} \cdot \frac{\partial b_t}{\partial x_t} + \frac{\partial L}{\partial a_t} \cdot \frac{\partial a_t}{\partial x_t} $$
$$ \frac{\partial L}{\partial x_t} = \frac{\partial L}{\partial c_t} \cdot U_h^{\top} + \frac{\partial L}{\partial b_t} \cdot U_r^{\top} + \frac{\partial L}{\partial a_t} \cdot U_z^{\top} $$
$$ \frac{\partial L}{\partial x_t} = \frac{\partial L}{\partial c_t} \cdot \frac{\partial c_t}{\partial x_t} + \frac{\partial L}{\partial a_t} \cdot \frac{\partial a_t}{\partial x_t} $$
$$ \frac{\partial L}{\partial x_t} = \frac{\partial L}{\partial c_t} \cdot \frac{\partial c_t}{\partial x_t} + \frac{\partial L}{\partial b_t} \cdot \frac{\partial b_t}{\partial x_t} $$
$$ \frac{\partial L}{\partial x_t} = \frac{\partial L}{\partial c_t} \cdot \frac{\partial c_t}{\partial x_t} + \frac{\partial L}{\partial b_t} \cdot \frac{\partial b_t}{\partial x_t} + 2 \frac{\partial L}{\partial a_t} \cdot \frac{\partial a_t}{\partial x_t} $$
$$ \frac{\partial L}{\partial x_t} = \frac{\partial L}{\partial c_t} \cdot \frac{\partial c_t}{\partial x_t} $$
$$ \frac{\partial c_t}{\partial x_t} = U_h^{\top} $$
"""
    # 3rd: the b_t term dropped, still right with \partial c_t/\partial x_t the total (through r_t it carries
    # exactly that term); the z path dropped (4th), a term doubled (5th), one term alone (6th: the partial of one
    # row is not the gradient), a partial Jacobian claimed on the left (7th: the left side is the total)
    assert _status(GRU, body) == ["pass", "pass", "pass", "fail", "fail", "fail", "fail"]


def test_one_step_back_with_partial_jacobians_and_a_lone_delta():
    body = r"""
$$ \delta_{h_{t-1}} = \frac{\partial L}{\partial h_t} \cdot \frac{\partial h_t}{\partial h_{t-1}} + \frac{\partial L}{\partial c_t} \cdot \frac{\partial c_t}{\partial h_{t-1}} + \frac{\partial L}{\partial b_t} \cdot \frac{\partial b_t}{\partial h_{t-1}} + \frac{\partial L}{\partial a_t} \cdot \frac{\partial a_t}{\partial h_{t-1}} $$
$$ \delta_{h_{t-1}} = \delta_{t} \circ (1-z_t) + \frac{\partial L}{\partial c_t} \cdot W_h^{\top} \circ r_t + \frac{\partial L}{\partial b_t} \cdot W_r^{\top} + \frac{\partial L}{\partial a_t} \cdot W_z^{\top} $$
$$ \delta_{h_{t-1}} = \delta_{t} \circ (1-z_t) + \frac{\partial L}{\partial c_t} \cdot W_h^{\top} + \frac{\partial L}{\partial b_t} \cdot W_r^{\top} + \frac{\partial L}{\partial a_t} \cdot W_z^{\top} $$
$$ \delta_{h_{t-1}} = \delta_{t} \circ z_t + \frac{\partial L}{\partial c_t} \cdot W_h^{\top} \circ r_t + \frac{\partial L}{\partial b_t} \cdot W_r^{\top} + \frac{\partial L}{\partial a_t} \cdot W_z^{\top} $$
$$ \frac{\partial L}{\partial a_t} = \delta_t \circ (\tilde{h}_t - h_{t-1}) \circ z_t \circ (1-z_t) $$
$$ \frac{\partial L}{\partial a_t} = \delta_t \circ (h_{t-1} - \tilde{h}_t) \circ z_t \circ (1-z_t) $$
$$ \frac{\partial L}{\partial a_t} = \delta_{t+1} \circ (\tilde{h}_t - h_{t-1}) \circ z_t \circ (1-z_t) $$
"""
    assert _status(GRU, body) == ["pass", "pass", "fail", "fail", "pass", "fail", "fail"]


def test_lone_delta_is_not_read_with_two_recurrent_states():
    lstm = r"""
$$ c_t = \sigma(W_f x_t) \odot c_{t-1} + \tanh(W_c x_t + U_c h_{t-1}) $$
$$ h_t = \tanh(c_t) $$
"""
    assert _status(lstm, r"$$ \delta c_t = \delta_t \odot (1 - h_t^2) $$") == ["unreadable"]


def test_jacobian_times_derivative_by_a_matrix():
    body = r"""
$$ \frac{\partial h_t}{\partial W_{hh}} = \sum_{k=1}^{t} \frac{\partial h_t}{\partial h_k} \cdot \frac{\partial h_k}{\partial W_{hh}} $$
$$ \frac{\partial h_t}{\partial W_{hh}} = \sum_{k=1}^{t} \left( \prod_{j=k+1}^{t} \frac{\partial h_j}{\partial h_{j-1}} \right) \frac{\partial h_k}{\partial W_{hh}} $$
$$ \frac{\partial h_t}{\partial W_{hh}} = \sum_{k=1}^{t} \frac{\partial h_t}{\partial h_1} \cdot \frac{\partial h_k}{\partial W_{hh}} $$
$$ \frac{\partial h_t}{\partial W_{hh}} = \sum_{k=2}^{t} \frac{\partial h_t}{\partial h_k} \cdot \frac{\partial h_k}{\partial W_{hh}} $$
$$ \frac{\partial h_t}{\partial W_{hh}} = \sum_{k=1}^{t} \left( \prod_{j=k+1}^{t} \frac{\partial h_j}{\partial h_{j-1}} \right) \frac{\partial h_k}{\partial W_{xh}} $$
"""
    assert _status(RNN, body) == ["pass", "pass", "fail", "fail", "fail"]


def test_recursion_without_immediate_derivative_is_unreadable_not_failed():
    body = r"""
$$ \frac{\partial h_t}{\partial W_{hh}} = \frac{\partial h_t}{\partial W_{hh}} + \frac{\partial h_t}{\partial h_{t-1}} \cdot \frac{\partial h_{t-1}}{\partial W_{hh}} $$
$$ \frac{\partial h_1}{\partial W_{hh}} = \frac{\partial h_1}{\partial W_{hh}} + 0 $$
$$ \frac{\partial h_t}{\partial W_{hh}} = \frac{\partial^{+} h_t}{\partial W_{hh}} + \frac{\partial h_t}{\partial h_{t-1}} \cdot \frac{\partial h_{t-1}}{\partial W_{hh}} $$
$$ \frac{\partial h_t}{\partial W_{hh}} = \frac{\partial^{+} h_t}{\partial W_{hh}} + \frac{\partial h_t}{\partial h_{t-2}} \cdot \frac{\partial h_{t-1}}{\partial W_{hh}} $$
"""
    # the first: Pascanu's recursion with one symbol on both sides, read as it means it (left total, its copy
    # on the right immediate; weightrecursion.py)
    assert _status(RNN, body) == ["pass", "pass", "pass", "fail"]
