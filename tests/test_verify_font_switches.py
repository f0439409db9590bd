r"""Old-style font switches, numbered generic activations, a softmax defined by its formula, t' as a sum's
own index, reasons in brackets, cases: verdicts worked by hand (each on a small RNN of the post's kind)."""
import pytest

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowparse import parse_row

FORWARD = r"""
\begin{align*}
\bar{\bf h}_t &= W_i{\bf x}_t + W_h{\bf h}_{t-1} \\
{\bf h}_t &= f_1(\bar{\bf h}_t) \\
\bar{\bf y}_t &= W_o \cdot {\bf h}_t \\
{\bf y}_t &= f_2(\bar{\bf y}_t)
\end{align*}
\begin{align*}
f_2({\bf v}_i) = \frac{exp({\bf v}_i)}{\sum_j exp({\bf v}_j)} \\
E = - \sum_{t'}{\bf l}_{t'}^T \cdot log({\bf y}_{t'})
\end{align*}
"""


def verdicts(rows: str):
    text = FORWARD + "\\begin{align*}\n" + rows + "\n\\end{align*}\n"
    return [(r.status, r.why) for r in verify_derivation(text).results][6:]


@pytest.mark.parametrize("a,b", [
    (r"{\bf h}_t", r"h_t"), (r"{\rm d}x", r"d x"), (r"{\it x}", r"x"), (r"\bm{h}_t", r"h_t"),
    (r"{\bf x_t}", r"{x_t}"), (r"\bar{\bf h}_t", r"\bar{h}_t"),
])
def test_a_font_switch_is_the_name(a, b):
    assert parse_row(f"z = {a}") == parse_row(f"z = {b}")


def test_the_forward_rows_build_with_generic_activations_and_the_softmax_by_its_formula():
    r = verify_derivation(FORWARD)
    assert [x.status for x in r.results] == ["pass"] * 6
    assert "f_2 is the softmax" in r.results[4].notes


def test_softmax_cross_entropy_gradient():
    # y = softmax(\bar y), E = -\sum_t l_t^T log y_t with one-hot l: dE/d\bar y_T = y_T - l_T
    assert verdicts(r"\frac{\partial E}{\partial \bar{\bf y}_T} = {\bf y}_T - {\bf l}_T") == [("pass", "")]
    assert verdicts(r"\frac{\partial E}{\partial \bar{\bf y}_T} = {\bf l}_T - {\bf y}_T")[0][0] == "fail"


def test_a_reason_in_brackets_after_the_row_is_prose():
    rows = r"\frac{\partial E}{\partial \bar{\bf y}_T} = {\bf y}_T - {\bf l}_T \;\; (\because \sum_i {\bf l}_{ti} = 1)"
    assert verdicts(rows) == [("pass", "")]


def test_t_prime_is_the_sums_own_index():
    # dE/dy_t = -l_t / y_t (element-wise); \sum_{t'} dy_{t'}/dy_t keeps t' = t only
    ok = r"\frac{\partial E}{\partial {\bf y}_t} = - \sum_{t'}\frac{\partial {\bf y}_{t'}}{\partial {\bf y}_t} \cdot \frac{{\bf l}_{t'}}{{\bf y}_{t'}}"
    assert verdicts(ok) == [("pass", "")]
    assert verdicts(ok.replace("= -", "="))[0][0] == "fail"


def test_generic_activation_derivative():
    # h_t = f_1(\bar h_t): dh_t/d\bar h_t is diag(f_1'(\bar h_t)); an arbitrary smooth f_1
    ok = r"\frac{\partial E}{\partial \bar{\bf h}_t} = f_1'(\bar{\bf h}_t) \odot \frac{\partial E}{\partial {\bf h}_t}"
    assert verdicts(ok) == [("pass", "")]
    bad = r"\frac{\partial E}{\partial \bar{\bf h}_t} = f_1(\bar{\bf h}_t) \odot \frac{\partial E}{\partial {\bf h}_t}"
    assert verdicts(bad)[0][0] == "fail"


def test_cases_and_ddots_say_why():
    rows = (r"\frac{\partial E}{\partial \bar{\bf y}_t} &= \begin{cases} 1 & (i = k) \\ 0 & (i \neq k) \end{cases}")
    # cases on component indices are read as Kronecker deltas: here i and k index nothing in the row
    assert verdicts(rows)[0] == ("unreadable", "the index i of a Kronecker delta is not bound")
    rows = r"\frac{\partial E}{\partial y_t} &= \begin{cases} 1 & t = T \\ 0 & \text{otherwise} \end{cases}"
    assert verdicts(rows)[0][0] == "unreadable" and "condition of a case" in verdicts(rows)[0][1]
    assert parse_row(r"A = \begin{pmatrix} a & \ldots \\ \vdots & \ddots \end{pmatrix}")[1][1][0] == "matrix"
