r"""Activation functions named only in prose (f_\iota, f_h: arbitrary smooth functions), a file's own \delta
convention (\delta_q = \partial E / \partial q), a notation defined twice, and a weight's parts w_{\iota,x}."""
from symlstm.verify.judging.judge import verify_derivation

PRE = "\\DeclareMathOperator{\\diag}{diag}\n"
FWD = r"""\begin{align}
\mathbf{a}_h^{(t)} &= \mathbf{W}_h \mathbf{x}^{(t)} + \mathbf{U}_h \mathbf{z}_h^{(t-1)} \\
\mathbf{z}_h^{(t)} &= f_h\left(\mathbf{a}_h^{(t)}\right)
\end{align}
"""
DELTAS = r"""\begin{align}
\boldsymbol{\delta}_{\mathbf{z}_h}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{z}_h^{(t)}} && \boldsymbol{\delta}_{\mathbf{a}_h}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{a}_h^{(t)}}
\end{align}
"""


def _verdicts(body, extra=""):
    text = PRE + FWD + extra + "\\begin{align}\n" + body + "\n\\end{align}\n"
    rep = verify_derivation(text)
    first = text.count("\n", 0, text.index("\\begin{align}\n" + body)) + 2
    return [r.status for r in rep.results if r.line >= first], [r.status for r in rep.results if r.line < first]


def test_forward_rows_with_prose_functions_pass():
    later, fwd = _verdicts(r"\dfrac{\partial \mathbf{z}_h^{(t)}}{\partial \mathbf{a}_h^{(t)}} = \diag\left(f_h'\left(\mathbf{a}_h^{(t)}\right)\right)")
    assert fwd == ["pass", "pass"]
    assert later == ["pass"]


def test_a_particular_function_fails():
    # right only if f_h were tanh
    later, _ = _verdicts(r"\dfrac{\partial \mathbf{z}_h^{(t)}}{\partial \mathbf{a}_h^{(t)}} = \diag\left(1 - \tanh^2\left(\mathbf{a}_h^{(t)}\right)\right)")
    assert later == ["fail"]
    # f in place of f'
    later, _ = _verdicts(r"\dfrac{\partial \mathbf{z}_h^{(t)}}{\partial \mathbf{a}_h^{(t)}} = \diag\left(f_h\left(\mathbf{a}_h^{(t)}\right)\right)")
    assert later == ["fail"]


def test_two_prose_functions_are_different():
    fwd = r"""\begin{align}
\mathbf{a}_h^{(t)} &= \mathbf{W}_h \mathbf{x}^{(t)} + \mathbf{U}_h \mathbf{z}_h^{(t-1)} \\
\mathbf{z}_c^{(t)} &= f_c\left(\mathbf{a}_h^{(t)}\right) \\
\mathbf{z}_h^{(t)} &= f_h\left(\mathbf{z}_c^{(t)}\right)
\end{align}
"""
    good = r"\dfrac{\partial \mathbf{z}_h^{(t)}}{\partial \mathbf{z}_c^{(t)}} = \diag\left(f_h'\left(\mathbf{z}_c^{(t)}\right)\right)"
    bad = r"\dfrac{\partial \mathbf{z}_h^{(t)}}{\partial \mathbf{z}_c^{(t)}} = \diag\left(f_c'\left(\mathbf{z}_c^{(t)}\right)\right)"
    for row, want in ((good, "pass"), (bad, "fail")):
        rep = verify_derivation(PRE + fwd + "\\begin{equation}\n" + row + "\n\\end{equation}\n")
        assert [r.status for r in rep.results] == ["pass", "pass", "pass", want]


def test_parametric_function_stays_unreadable():
    text = r"""\begin{equation}
h_t = f_{\Theta}(h_{t-1}, x_t)
\end{equation}
"""
    rep = verify_derivation(text)
    assert [r.status for r in rep.results] == ["unreadable"]


def test_delta_convention_judges_a_definition():
    right = r"\boldsymbol{\delta}_{x}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{a}_h^{(t)}} \dfrac{\partial \mathbf{a}_h^{(t)}}{\partial \mathbf{x}^{(t)}}"
    later, fwd = _verdicts(right, DELTAS)
    assert later == ["pass"] and fwd == ["pass", "pass", "pass", "pass"]
    wrong = r"\boldsymbol{\delta}_{x}^{(t)} \overset{not.}{=} 2 \dfrac{\partial E}{\partial \mathbf{a}_h^{(t)}} \dfrac{\partial \mathbf{a}_h^{(t)}}{\partial \mathbf{x}^{(t)}}"
    later, _ = _verdicts(wrong, DELTAS)
    assert later == ["fail"]


def test_without_convention_a_definition_defines():
    wrong = r"\boldsymbol{\delta}_{x}^{(t)} \overset{not.}{=} 2 \dfrac{\partial E}{\partial \mathbf{a}_h^{(t)}} \dfrac{\partial \mathbf{a}_h^{(t)}}{\partial \mathbf{x}^{(t)}}"
    later, _ = _verdicts(wrong)
    assert later == ["pass"]          # the author's own name, defined by this row


def test_notation_defined_twice():
    rows = (r"\boldsymbol{\delta}_{W}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{W}_h} \\" + "\n" +
            r"\boldsymbol{\delta}_{W}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{W}_h^{(t)}}")
    later, _ = _verdicts(rows, DELTAS)
    assert later == ["fail", "pass"]
    same = (r"\boldsymbol{\delta}_{W}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{W}_h^{(t)}} \\" + "\n" +
            r"\boldsymbol{\delta}_{W}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{W}_h^{(t)}}")
    later, _ = _verdicts(same, DELTAS)
    assert later == ["pass", "pass"]


def test_weight_part_is_unreadable_not_undefined():
    row = r"\dfrac{\partial E}{\partial \mathbf{x}^{(t)}} = \dfrac{\partial E}{\partial \mathbf{a}_h^{(t)}} \mathbf{W}_{h, x}"
    later, _ = _verdicts(row)
    assert later == ["unreadable"]
