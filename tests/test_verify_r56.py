r"""Round 56 notations.

* A second pass built on the cell (pylstm's Hessian-free R-operator rows ``Ra_I^t = W_{I,X} Rx^t + V_{I,X} x^t
  + ...``, carried from step to step like the cell's states): the loss reads the states whose loss gradients the
  rows write (``\frac{dE}{dh^t}``), not the other pass's.
* numpy code whose activations are configurable attributes (numpy-ml's ``self.gate_fn(z)``,
  ``self.act_fn.grad(Ct)``, Keras's ``self.recurrent_activation``): each an arbitrary smooth function, its
  derivative a method; ``np.power(a, b)`` is ``a ** b``; ``dit = dc_next * cct + dit`` accumulates as
  ``dit += ...`` does.
* A from-to weight with a layer above it (``W_{xh}^{(1)}``: layer 1's weight of a stacked RNN written with its
  time in the subscript) is no weight at step 1; ``W_h^{(t=1)}`` and ``W^{(3)}`` stay Goodfellow's step copies.
* Chinese prose: 记忆 (memory) is not 记 (denote).

Expected verdicts come from the notes' annotations (derivations/firstcontact/round54-a, round39-c, round56-*),
worked out by their annotators independently of symlstm and checked by their numpy finite-difference scripts.
"""
from pathlib import Path

from verifycheck import mutant, statuses

from symlstm.verify.judging.increments import as_increment
from symlstm.verify.text.codefences import _generic_activations
from symlstm.verify.text.names import Vocab, resolve
from symlstm.verify.text.rowparse import parse_row
from symlstm.verify.text.texfile import _NOT_CLAIMED

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"
PYLSTM = ROOT / "round54-a" / "pylstm_lstm97_fgr_peephole.md"
NUMPY_ML = ROOT / "round39-c" / "numpy_ml_rnn_lstm_cells.md"
COURSERA = ROOT / "round56-i" / "maclschmitt_coursera_rnn_step_by_step_v3.md"
RECITATION = ROOT / "round56-k" / "recitation03_bptt_rnn.md"


def test_an_r_operator_pass_leaves_the_loss_on_the_cell():
    got = statuses(PYLSTM)
    # the chain-rule rows of the LSTM's backward pass (right: they failed at 0.2-1.4 % with the loss on Rh)
    for line in (56, 58, 59, 65, 66, 71, 72, 73, 81, 82, 90, 91):
        assert got[line] == ["pass"], line
    # the published errors among them (a missing peephole or recurrent-gate term, f'(s) for f(s))
    for line in (57, 60, 79, 80, 83, 88, 89, 92):
        assert got[line] == ["fail"], line


def test_r_operator_pass_mutant_fails(tmp_path):
    # dE/da_O^t = dE/db_O^t f'(a_O^t): with f(a_O^t) the output gate's input gradient is wrong
    got = statuses(mutant(tmp_path, PYLSTM, r"&=& \frac{dE}{db_{O}^t}f'(a_{O}^t)", r"&=& \frac{dE}{db_{O}^t}f(a_{O}^t)"))
    assert got[59] == ["fail"] and got[58] == ["pass"]


def test_configurable_activations_of_numpy_ml():
    got = statuses(NUMPY_ML)
    # dC = dC_acc + dA * Got * self.act_fn.grad(Ct), and step t's weight and bias contributions
    for line in (544, 561, 562, 563, 564, 565, 566, 567, 568):
        assert got[line] == ["pass"], line


def test_configurable_activation_mutant_fails(tmp_path):
    # the cell's gradient with tanh(c) where its derivative belongs
    got = statuses(mutant(tmp_path, NUMPY_ML, "dC = dC_acc + dA * Got * self.act_fn.grad(Ct)",
                          "dC = dC_acc + dA * Got * self.act_fn(Ct)"))
    assert got[544] == ["fail"]


def test_which_attributes_are_activations():
    lines = ["g = self.gate_fn(z)", "c = self.act_fn(a)", "d = self.act_fn.grad(a)",
             "r = self.recurrent_activation(x)", "w = self.weights(x)"]
    assert _generic_activations(lines) == ["g = actfn1(z)", "c = actfn2(a)", "d = dactfn2(a)",
                                           "r = actfn3(x)", "w = self.weights(x)"]


def test_np_power_reads_the_gate_gradients():
    got = statuses(COURSERA)
    # the Coursera student's weight and bias gradients, built on gate gradients without the sigmoid's
    # derivative (np.power(np.tanh(c_next), 2) was not read, so they passed with the true gradients)
    for line in (398, 399, 400, 401, 402, 403, 404, 405, 409, 411):
        assert got[line] == ["fail"], line
    assert got[410] == ["pass"]         # dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next


def test_an_accumulation_with_the_name_last():
    row = parse_row("dit = dc_{next} cct + dit")
    assert as_increment(row)[2] == ["+="]
    assert as_increment(row)[1][1] == parse_row("dit = dc_{next} cct")[1][1]
    kept = parse_row("dit = dc_{next} cct - dit")          # no accumulation: the row says 2 dit = ...
    assert as_increment(kept) is kept


def test_layer_weights_of_a_stacked_rnn():
    got = statuses(RECITATION)
    assert got[95] == ["pass"] and got[98] == ["pass"]     # h_t^{(1)} = \tanh(W_{hh}^{(1)} h_{t-1}^{(1)} + ...)
    v = Vocab(time_var="t")
    layer = resolve(parse_row(r"W_{xh}^{(1)} = 1")[1][0], v)
    assert layer.time is None and layer.key != resolve(parse_row(r"W_{xh}^{(2)} = 1")[1][0], v).key
    for copy in (r"W_h^{(t=1)}", r"W^{(3)}"):                # Goodfellow's copies of a weight at a step
        assert resolve(parse_row(copy + " = 1")[1][0], v).time is not None


STACK = "\n\n".join([
    r"$$h_t^{(1)} = \tanh(W_{hh}^{(1)} h_{t-1}^{(1)} + W_{xh}^{(1)} x_t + b^{(1)})$$",
    r"$$h_t^{(2)} = \tanh(W_{hh}^{(2)} h_{t-1}^{(2)} + W_{xh}^{(2)} h_t^{(1)} + b^{(2)})$$",
    r"$$o_t = W_{hy} h_t^{(2)} + b_y$$",
    r"$$L = \sum_t \frac{1}{2} \|o_t - y_t\|^2$$",
    r"$$\frac{\partial L}{\partial W_{hy}} = \sum_t (o_t - y_t) (h_t^{(2)})^T$$",
    # at the last step h_T^{(1)} reaches the loss only through layer 2's input weights (by hand)
    r"$$\frac{\partial L}{\partial h_T^{(1)}} = (W_{xh}^{(2)})^T \left( (1 - (h_T^{(2)})^2) \odot W_{hy}^T (o_T - y_T) \right)$$",
    r"$$\frac{\partial L}{\partial h_T^{(1)}} = (W_{hh}^{(2)})^T \left( (1 - (h_T^{(2)})^2) \odot W_{hy}^T (o_T - y_T) \right)$$",
    r"$$\frac{\partial L}{\partial W_{hy}} = \sum_t (o_t - y_t) (h_t^{(1)})^T$$",
]) + "\n"


def test_a_stacked_rnn_with_layers_above_its_names(tmp_path):
    p = tmp_path / "stack.md"
    p.write_text(STACK, encoding="utf-8")
    got = statuses(p)
    assert [got[k] for k in (1, 3, 5, 7, 9, 11)] == [["pass"]] * 6
    assert got[13] == ["fail"] and got[15] == ["fail"]     # layer 2's recurrent weights; layer 1's states


def test_memory_is_not_denote():
    assert _NOT_CLAIMED.search("令") and _NOT_CLAIMED.search("记")
    assert not _NOT_CLAIMED.search("记忆细胞的更新值") and not _NOT_CLAIMED.search("记录")


WORKED = "\n\n".join([
    r"$$\mathbf{a}_t = \mathbf{W}_{hh} \mathbf{h}_{t-1} + \mathbf{W}_{xh} \mathbf{x}_t + \mathbf{b}_h$$",
    r"$$\mathbf{h}_t = \tanh(\mathbf{a}_t)$$",
    "## Example",
    r"$$\mathbf{W}_{xh} = \begin{bmatrix} 0.5 & 0.0 \\ 0.0 & 0.5 \end{bmatrix}, \quad "
    r"\mathbf{W}_{hh} = \begin{bmatrix} 0.4 & 0.1 \\ 0.0 & 0.4 \end{bmatrix}$$",
    r"$$\frac{\partial \mathbf{h}_t}{\partial \mathbf{h}_{t-1}} = \operatorname{diag}(1 - \mathbf{h}_t^2) \mathbf{W}_{hh}$$",
    r"$$\frac{\partial \mathbf{h}_t}{\partial \mathbf{h}_{t-1}} = \operatorname{diag}(1 - \mathbf{h}_t^2) \mathbf{W}_{hh}^T$$",
]) + "\n"


def test_a_worked_examples_weight_matrices_size_the_net(tmp_path):
    # the example's 2x2 weights make a net of 2 units (the forward row failed with "a product of shapes 2x2 and
    # 3x1" against the reader's 3); the one-step Jacobian holds, its transpose fails (W_hh is not symmetric)
    p = tmp_path / "worked.md"
    p.write_text(WORKED, encoding="utf-8")
    got = statuses(p)
    assert got[1] == ["pass"] and got[3] == ["pass"] and got[7] == ["pass", "pass"]
    assert got[9] == ["pass"] and got[11] == ["fail"]
