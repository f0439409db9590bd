r"""Pre-activations named only inside gradients (\partial f_t/\partial z_{f_t}, \delta f_t = \partial L/\partial
a_f^t), \delta^l_t defined by its row, derivatives by a sub-expression (\partial h_t/\partial \tanh(c_t)), '+='
of a parameter's gradient, a bold zero, and rows quoting another form of the cell (AI-Edu, Huawei CANN docs)."""
from symlstm.verify.judging.judge import verify_derivation

# AI-Edu's row-vector LSTM (h_{t-1} \cdot W_f), output z_t = h_t V + b, pre-activations named z_{ft} only in
# the backward rows.
AIEDU_FORWARD = r"""
$$ f_t = \sigma(h_{t-1} \cdot W_f + x_t \cdot U_f + b_f) $$
$$ i_t = \sigma(h_{t-1} \cdot W_i + x_t \cdot U_i + b_i) $$
$$ \tilde{c}_t = \tanh(h_{t-1} \cdot W_c + x_t \cdot U_c + b_c) $$
$$ c_t = f_t \circ c_{t-1}+i_t \circ \tilde{c}_t $$
$$ o_t = \sigma(h_{t-1} \cdot W_o + x_t \cdot U_o + b_o) $$
$$ h_t=o_t \circ \tanh(c_t) $$
$$ a_t = \sigma(h_t \cdot V + b) $$
$$ z_t = h_t \cdot V + b $$
"""


def _statuses(text):
    return [r.status for r in verify_derivation(text).results]


def _backward(text):
    return _statuses(AIEDU_FORWARD + text)[8:]


def test_a_gates_preactivation_named_in_its_gradient():
    rows = r"""
$$ \delta_{z_{ot}} = \frac{\partial{loss}}{\partial{z_{o_t}}} = \frac{\partial{loss}}{\partial{h_t}} \cdot \frac{\partial{h_t}}{\partial{o_t}} \cdot \frac{\partial{o_t}}{\partial{z_{o_t}}} $$
$$ \delta_{z_{ft}} = \frac{\partial{loss}}{\partial{z_{f_t}}} = \frac{\partial{loss}}{\partial{c_t}} \cdot \frac{\partial{c_t}}{\partial{f_t}} \cdot \frac{\partial{f_t}}{\partial{z_{f_t}}} $$
$$ d_{b_{f,t}} = \frac{\partial{loss}}{\partial{b_{f,t}}} = \frac{\partial{loss}}{\partial{z_{f_t}}} \cdot \frac{\partial{z_{f_t}}}{\partial{b_f}} = \delta_{z_{ft}} $$
"""
    assert _backward(rows) == ["pass", "pass", "pass"]


def test_a_wrong_gate_chain_fails():
    # the output gate's chain written with the forget gate's derivative: fails
    rows = r"""
$$ \delta_{z_{ot}} = \frac{\partial{loss}}{\partial{z_{o_t}}} = \frac{\partial{loss}}{\partial{h_t}} \cdot \frac{\partial{h_t}}{\partial{o_t}} \cdot \frac{\partial{o_t}}{\partial{z_{o_t}}} $$
$$ \delta_{z_{ot}} = \delta_{z_{ot}} \circ o_t $$
"""
    assert _backward(rows)[1] == "fail"


def test_the_input_gates_name_beside_a_generic_component():
    # z_i (no step) is a generic softmax input; z_{i_t} the input gate's net input
    rows = r"""
$$ \frac{\partial{loss}}{\partial{z_i}} = \hat{y}_i - y_i $$
$$ \delta_{z_{it}} = \frac{\partial{loss}}{\partial{z_{i_t}}} = \frac{\partial{loss}}{\partial{c_t}} \cdot \frac{\partial{c_t}}{\partial{i_t}} \cdot \frac{\partial{i_t}}{\partial{z_{i_t}}} $$
$$ \delta_{z_{it}} = \frac{\partial{loss}}{\partial{c_t}} \circ \tilde{c}_t \circ i_t \circ (1 - i_t) $$
$$ \delta_{z_{it}} = \frac{\partial{loss}}{\partial{c_t}} \circ \tilde{c}_t \circ i_t $$
"""
    got = _backward(rows)
    assert got[1:] == ["pass", "pass", "fail"]
    assert got[0] != "pass" or True          # the generic row is not the gate's (its verdict is not asserted)


def test_a_name_used_as_a_value_is_not_a_preactivation():
    # z_{o_t} also used as a value outside a derivative: it is not read as the gate's net input
    rows = r"""
$$ \delta_{z_{ot}} = \frac{\partial{loss}}{\partial{h_t}} \cdot \frac{\partial{h_t}}{\partial{o_t}} \cdot \frac{\partial{o_t}}{\partial{z_{o_t}}} $$
$$ \delta_{z_{ot}} = \frac{\partial{loss}}{\partial{h_t}} \circ \tanh(c_t) \circ \sigma(z_{o_t}) \circ (1 - o_t) $$
"""
    assert _backward(rows)[0] != "pass"


# \delta^l_t = \partial loss / \partial h_t defines the file's bare \delta_t
def test_delta_with_a_label_defined_by_its_row():
    rows = r"""
$$ \delta^l_t = \frac{\partial{loss}}{\partial{h_t}} $$
$$ \frac{\partial{o_t}}{\partial{z_{o_t}}} = diag[o_t \circ (1 - o_t)] $$
$$ \delta_{z_{ot}} = \frac{\partial{loss}}{\partial{z_{o_t}}} = \delta_t \circ \tanh(c_t) \circ o_t \circ (1 - o_t) $$
$$ \delta_{z_{ot}} = \frac{\partial{loss}}{\partial{z_{o_t}}} = \delta_t \circ c_t \circ o_t \circ (1 - o_t) $$
"""
    assert _backward(rows)[1:] == ["pass", "pass", "fail"]


def test_a_derivative_by_a_subexpression():
    rows = r"""
$$ \delta_{c_t} = \frac{\partial{loss}}{\partial{c_t}} = \frac{\partial{loss}}{\partial{h_t}} \cdot \frac{\partial{h_t}}{\partial{\tanh(c_t)}} \cdot \frac{\partial{\tanh(c_t)}}{\partial{c_t}} $$
$$ \frac{\partial{h_t}}{\partial{\tanh(c_t)}} = diag[o_t] $$
$$ \frac{\partial{h_t}}{\partial{\tanh(c_t)}} = diag[c_t] $$
$$ \frac{\partial{h_t}}{\partial{\tanh(c_{t-1})}} = diag[o_t] $$
"""
    got = _backward(rows)
    assert got[0] == "fail"           # the path through c_{t+1} is missing
    assert got[1:3] == ["pass", "fail"]
    assert got[3] != "pass"           # not a sub-expression the forward rows write


def test_delta_named_by_its_gradient_after_a_wrong_chain():
    # \delta_{c_t} is dloss/dc_t by its name: the row defining it fails, the rows using it are judged on their own
    rows = r"""
$$ \delta_{c_t} = \frac{\partial{loss}}{\partial{c_t}} = \delta^{h}_{t} \circ o_t $$
$$ \delta_{z_{it}} = \frac{\partial{loss}}{\partial{z_{i_t}}} = \delta_{c_t} \circ \tilde{c}_t \circ i_t \circ (1 - i_t) $$
$$ \frac{\partial{i_t}}{\partial{z_{i_t}}} = diag[i_t \circ (1 - i_t)] $$
"""
    got = _backward(rows)
    assert got[1:] == ["pass", "pass"]


# Huawei CANN: column vectors on the concatenation z_t, gates' pre-activation gradients \delta f_t = dL/da_f^t
CANN = r"""
$\mathbf{z}_t = \begin{bmatrix} \mathbf{h}_{t-1} \\ \mathbf{x}_t \end{bmatrix}$
$\mathbf{f}_t = \sigma(\mathbf{W}_f \mathbf{z}_t + \mathbf{b}_f)$
$\mathbf{i}_t = \sigma(\mathbf{W}_i \mathbf{z}_t + \mathbf{b}_i)$
$\mathbf{g}_t = \tanh(\mathbf{W}_g \mathbf{z}_t + \mathbf{b}_g)$
$\mathbf{o}_t = \sigma(\mathbf{W}_o \mathbf{z}_t + \mathbf{b}_o)$
$\mathbf{c}_t = \mathbf{f}_t \odot \mathbf{c}_{t-1} + \mathbf{i}_t \odot \mathbf{g}_t$
$\mathbf{h}_t = \mathbf{o}_t \odot \tanh(\mathbf{c}_t)$
$L = \sum_{t=1}^{T} L_t$
$\delta\mathbf{c}_t = \frac{\partial L}{\partial \mathbf{c}_t}$
"""


def test_cann_pre_activation_and_increments():
    rows = r"""
$$ \delta\mathbf{f}_t = \frac{\partial L}{\partial \mathbf{a}_f^t} = \delta\mathbf{c}_t \odot \mathbf{c}_{t-1} \odot \mathbf{f}_t \odot (1 - \mathbf{f}_t) $$
$$ \delta\mathbf{f}_t = \frac{\partial L}{\partial \mathbf{a}_f^t} = \delta\mathbf{c}_t \odot \mathbf{c}_{t-1} \odot \mathbf{f}_t $$
$$ \frac{\partial L}{\partial \mathbf{W}_f} = \sum_{t=1}^{T} \delta\mathbf{f}_t \mathbf{z}_t^\top $$
$$ \frac{\partial L}{\partial \mathbf{W}_f} \mathrel{+}= \delta\mathbf{f}_t \mathbf{z}_t^\top $$
$$ \frac{\partial L}{\partial \mathbf{b}_f} \mathrel{+}= \delta\mathbf{f}_t $$
$$ \frac{\partial L}{\partial \mathbf{b}_f} \mathrel{+}= \delta\mathbf{i}_t $$
$$ \frac{\partial L}{\partial \mathbf{W}_f} \mathrel{+}= \delta\mathbf{f}_t \mathbf{z}_{t-1}^\top $$
$$ \mathbf{f}_{t} = \mathbf{0} $$
"""
    got = _statuses(CANN + rows)[9:]
    assert got[:6] == ["pass", "fail", "pass", "pass", "pass", "fail"]
    assert got[6] == "fail"
    assert got[7] == "fail"           # a zero of f's shape; the gate is never zero


def test_another_form_of_the_cell_is_not_read():
    rows = r"""
$$ f_t=\sigma(W_f\cdot[h_{t-1}, x_t] + b_f) $$
$$ f_t = \sigma([W_{fh}\;W_{fx}] \begin{bmatrix}h_{t-1}\\x_t \end{bmatrix}+b_f) $$
$$ f_t = \sigma(W_{fh}h_{t-1}+W_{fx}x_t+b_f) $$
$$ f_t = \sigma(h_{t-1} \cdot W_f + x_t \cdot U_i + b_f) $$
"""
    got = _backward(rows)
    assert got[:3] == ["unreadable"] * 3
    assert got[3] == "fail"
