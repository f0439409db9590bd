r"""Rows that state a math identity in letters of their own (identities.py): ``\sigma(z) = y = \frac{1}{1+e^{-z}}``
then ``\sigma'(z) = y(1-y)`` (y named by the link before), the softmax of ``z_i``, distributive laws over
vectors (``\circ``) and matrices (capital letters, ``AB`` the product of A and B). A wrong identity fails; a row
that mixes the cell's quantities with undefined letters, or only names a value, is not read as one."""
from symlstm.verify.judging.judge import verify_derivation


def _results(text):
    return {r.line: r for r in verify_derivation(text).results}


CELL = r"""\begin{align}
f_t &= \sigma(W_f h_{t-1} + U_f x_t + b_f) \\
i_t &= \sigma(W_i h_{t-1} + U_i x_t + b_i) \\
\tilde{c}_t &= \tanh(W_c h_{t-1} + U_c x_t + b_c) \\
c_t &= f_t \circ c_{t-1} + i_t \circ \tilde{c}_t \\
o_t &= \sigma(W_o h_{t-1} + U_o x_t + b_o) \\
h_t &= o_t \circ \tanh(c_t)
\end{align}
"""


def _with(rows):
    return CELL + "\\begin{align}\n" + " \\\\\n".join(rows) + "\n\\end{align}\n"


def _rows(rows):
    res = _results(_with(rows))
    first = CELL.count("\n") + 2
    return [res[first + k] for k in range(len(rows))]


def test_activation_identities_pass_with_named_output():
    rs = _rows([r"\sigma(z)&=y=\frac{1}{1+e^{-z}}", r"\sigma'(z)&=y(1-y)",
                r"\tanh(z)&=y=\frac{e^z-e^{-z}}{e^z+e^{-z}}", r"\tanh'(z)&=1-y^2"])
    assert [r.status for r in rs] == ["pass"] * 4
    assert rs[1].reading == "identity" and "identity in z" in rs[1].notes[0]


def test_mutated_activation_identities_fail():
    rs = _rows([r"\sigma(z)&=y=\frac{1}{1+e^{-z}}", r"\sigma'(z)&=y(1+y)",
                r"\tanh(z)&=y=\frac{e^z-e^{-z}}{e^z-e^{-z}}", r"\tanh'(z)&=1-y^2"])
    assert [r.status for r in rs] == ["pass", "fail", "fail", "pass"]


def test_softmax_of_a_component():
    rs = _rows([r"softmax(z_i) = \hat{y}_i = \frac{e^{z_i}}{\sum_{j=1}^m e^{z_j}}"])
    assert rs[0].status == "pass"
    rs = _rows([r"softmax(z_i) = \hat{y}_i = \frac{e^{z_i}}{\sum_{j=1}^m e^{z_i}}"])
    assert rs[0].status == "fail"


def test_distributive_laws():
    rs = _rows([r"a \circ (b + c) = (a \circ b) + (a \circ c)", r"A(B + C) = AB + AC"])
    assert [r.status for r in rs] == ["pass", "pass"]
    rs = _rows([r"a \circ (b + c) = (a \circ b) + (b \circ c)", r"A(B + C) = BA + CA"])
    assert [r.status for r in rs] == ["fail", "fail"]      # matrices do not commute


def test_not_identities():
    rs = _rows([r"y = \frac{1}{1+e^{-z}}",                 # only names a value
                r"c = f \circ c_{t-1} + i_t \circ g",         # cell quantities with undefined letters
                r"dA = dB + dhn"])                            # code's gradient names (a forward row here)
    assert all(r.status != "pass" for r in rs[:2])
    assert all(r.reading != "identity" for r in rs)


def test_unread_name_is_not_judged_by_identity():
    # y named by a row that is not read: y(1+y) is not failed as an identity in y
    rs = _rows([r"\sigma(z) = y = \frac{1}{1+e^{-z}} + h_t", r"\sigma'(z) = y(1+y)"])
    assert rs[1].status != "pass"
    assert rs[1].status == "unreadable"
