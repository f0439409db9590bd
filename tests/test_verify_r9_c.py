r"""Round 9, helper C: rows that state the form of a cell through an abstract function, derivatives of that
function at written arguments, and a total loss stated as the mean of the steps' losses and spelt out.

* ``h_t = f_{\Theta}(h_{t-1}, x_t)`` (or ``f_W``, or plain ``f``) beside the concrete row ``h_t = \tanh(...)``:
  the arguments are checked against the names and steps the concrete row reads (judging/formrows.py).
* ``\frac{\partial f}{\partial h}(h_{t-2}, x_{t-1})``: the derivative of f by its argument h at step t-1's
  arguments, ``\partial h_{t-1} / \partial h_{t-2}`` (cell/formcalls.py).
* ``J = \frac{1}{T}\sum_t J^{(t)} = -\frac{1}{T}\sum_t \sum_j y_{t,j} \log \hat{y}_{t,j}``: the first link
  defines the total, the second is checked (numeric/totalloss.py).
"""
import pathlib

from symlstm.verify.judging.judge import verify_derivation


def _results(tex):
    rep = verify_derivation(tex)
    return {r.line: r.status for r in rep.results}, {r.line: (r.why or "") for r in rep.results}


def _doc(*rows):
    return "\n".join([r"\begin{document}"] + [f"$${r}$$" for r in rows] + [r"\end{document}"])


RNN = (r"h_t = \varphi(W_{hh} h_{t-1} + W_{xh} x_t + b)", r"y_t = W_{hy} h_t")


def test_form_rows_with_parameter_subscript():
    tex = _doc(r"h_t = f_{\Theta}(h_{t-1}, x_t)",          # 2: right
               r"y_t = g_{\Theta}(h_t)",                   # 3: right
               *RNN,                                       # 4, 5
               r"h_t = f_{\Theta}(h_{t-1}, x_t)",          # 6: right (restated)
               r"h_t = f_{\Theta}(h_t, x_t)",              # 7: the same step's state instead of the previous one
               r"h_t = f_{\Theta}(h_{t-2}, x_t)",          # 8: the wrong step
               r"h_t = f_{\Theta}(h_{t-1})")               # 9: an argument left out: loose, not judged
    st, why = _results(tex)
    assert st[2] == st[3] == st[4] == st[5] == st[6] == "pass", (st, why)
    assert st[7] == "fail" and "reads" in why[7], (st, why)
    assert st[8] == "fail", (st, why)
    assert st[9] == "unreadable", (st, why)


def test_form_rows_without_subscript_and_with_weights():
    tex = _doc(r"h_t = f(h_{t-1}, x_t)",
               r"h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)",
               r"y_t = W_{hy} h_t + b_y")
    st, why = _results(tex)
    assert st[2] == "pass", (st, why)
    tex = _doc(r"h_t = f_W(h_{t-1}, x_{t-1})",
               r"h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)",
               r"y_t = W_{hy} h_t")
    st, why = _results(tex)
    assert st[2] == "fail", (st, why)          # x at the wrong step


def test_derivatives_of_the_form_at_arguments():
    tex = _doc(r"h_t = f_{\Theta}(h_{t-1}, x_t)",
               r"y_t = g_{\Theta}(h_t)",
               *RNN,
               r"\frac{\partial y_t}{\partial h_t} = \frac{\partial g}{\partial h}(h_t)",                          # 6
               r"\frac{\partial h_t}{\partial h_{t-2}} = \frac{\partial f}{\partial h}(h_{t-1}, x_t)"
               r"\, \frac{\partial f}{\partial h}(h_{t-2}, x_{t-1})",                                               # 7
               r"\frac{\partial h_t}{\partial h_{t-2}} = \frac{\partial f}{\partial h}(h_{t-1}, x_t)"
               r"\, \frac{\partial f}{\partial h}(h_{t-1}, x_t)",                                                   # 8
               r"\frac{\partial h_t}{\partial h_{t-2}} = \frac{\partial f}{\partial h}(h_{t-2}, x_{t-1})"
               r"\, \frac{\partial f}{\partial h}(h_{t-1}, x_t)",                                                   # 9
               r"\frac{\partial h_t}{\partial h_{t-1}} = \frac{\partial f}{\partial x}(h_{t-1}, x_t)",           # 10
               r"\frac{\partial h_t}{\partial h_{t-1}} = \frac{\partial f}{\partial h}(h_{t-1}, x_{t-1})")       # 11
    st, why = _results(tex)
    assert st[6] == st[7] == "pass", (st, why)
    assert st[8] == "fail", (st, why)          # the same step's Jacobian twice
    assert st[9] == "fail", (st, why)          # the factors swapped
    assert st[10] == "fail", (st, why)         # the derivative by the input, not the state
    assert st[11] == "unreadable", (st, why)   # arguments that are no shift of the form's: not read


def test_derivatives_through_a_failing_form_are_not_read():
    tex = _doc(r"h_t = f_{\Theta}(h_t, x_t)",
               *RNN,
               r"\frac{\partial h_{t+1}}{\partial h_{t}} = \frac{\partial f}{\partial h}(h_t, x_t)")
    st, why = _results(tex)
    assert st[2] == "fail", (st, why)
    assert st[5] == "unreadable" and "does not pass" in why[5], (st, why)


CS224N = pathlib.Path(__file__).parent / "derivations" / "cs224n_rnn_vanishing_2017.tex"
RIGHT = r"- \dfrac{1}{T} \sum_{t=1}^{T} \sum_{j=1}^{|V|} y_{t,j} \times log (\hat{y}_{t,j})"


def test_mean_of_step_losses_spelt_out():
    # the CS224N notes' rows (forward rows, shapes in text math, the step's loss, the mean), mutated
    text = CS224N.read_text()
    assert RIGHT in text
    st, why = _results(text)
    assert st[21] == st[25] == st[54] == "pass", (st, why)
    assert st[59] == "pass", (st, why)
    for wrong in (r"- \sum_{t=1}^{T} \sum_{j=1}^{|V|} y_{t,j} \times log (\hat{y}_{t,j})",          # no 1/T
                  r"\dfrac{1}{T} \sum_{t=1}^{T} \sum_{j=1}^{|V|} y_{t,j} \times log (\hat{y}_{t,j})",   # sign
                  r"- \dfrac{1}{T} \sum_{t=1}^{T} \sum_{j=1}^{|V|} y_{t,j} \times log (y_{t,j})"):      # y for y hat
        st, why = _results(text.replace(RIGHT, wrong))
        assert st[59] == "fail", (wrong, st, why)


def test_derivative_by_an_expression_with_a_misused_name():
    # the adjoint of a written sub-expression of the forward rows; the same with a name no row defines, of a
    # letter the rows use (W_q beside W): that name is undefined (fails), not the expression unread
    base = (r"h_t = \tanh(W h_{t-1} + U x_t)", r"y_t = V h_t")
    tex = _doc(*base,
               r"\frac{\partial L}{\partial (W h_{t-1} + U x_t)} = \frac{\partial L}{\partial h_t} \odot (1 - h_t^2)",
               r"\frac{\partial L}{\partial (W h_{t-1} + U x_t)} = \frac{\partial L}{\partial h_t} \odot (1 + h_t^2)",
               r"\frac{\partial L}{\partial (W_q h_{t-1} + U x_t)} = \frac{\partial L}{\partial h_t} \odot (1 - h_t^2)",
               r"\frac{\partial L}{\partial (W h_{t-2} + U x_t)} = \frac{\partial L}{\partial h_t} \odot (1 - h_t^2)")
    st, why = _results(tex)
    assert st[4] == "pass", (st, why)
    assert st[5] == "fail", (st, why)
    assert st[6] == "fail" and ("W_{q} is not defined" in why[6] or "W_q is not defined" in why[6]), (st, why)
    assert st[7] == "unreadable", (st, why)      # no sub-expression, every name defined: not read


def test_step_losses_applied_to_outputs_are_losses_not_labels():
    # L = \sum_t \ell_t(y_t): \ell_t applied to a bracket is the loss of step t (a function of y_t), not the
    # labels of a loss: its derivatives are not zero
    tex = _doc(*RNN, r"L = \sum_{t} \ell_t(y_t)",
               r"\frac{\partial L}{\partial y_t} = \frac{\partial \ell_t}{\partial y_t}",
               r"\frac{\partial \ell_t}{\partial y_t} = 0",
               r"\frac{\partial L}{\partial y_t} = \frac{\partial \ell_{t-1}}{\partial y_t}",
               r"\frac{\partial L}{\partial h_t} = W_{hy}^T \frac{\partial \ell_t}{\partial y_t}")
    st, why = _results(tex)
    assert st[4] == "pass", (st, why)
    assert st[5] == "pass", (st, why)
    assert st[6] == "fail", (st, why)
    assert st[7] == "fail", (st, why)
    assert st[8] == "fail", (st, why)          # the path through h_{t+1} left out
