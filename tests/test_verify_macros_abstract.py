"""File macros (\\newcommand / \\def), abstract functions f_\\Theta(...), idle sums in a loss row, MathJax tails."""
import pytest

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.macros import MacroError, expand, read_macros


def _status(text):
    r = verify_derivation(text)
    rows = r.rows if hasattr(r, "rows") else r.results
    return {x.line: (x.status, x.why) for x in rows}


PRE = r"""\newcommand{\bb}[1]{{\bm{\mathrm{#1}}}}
\newcommand{\Tr}{\top}
\def\RR{\mathbb{R}}
"""


def test_expand_forms():
    m, spans = read_macros(PRE + r"\newcommand\vv[2][x]{#1_#2}" + "\n" + r"\def\p#1#2{#1^{#2}}")
    assert expand(r"\bb{h} _t \Tr", m) == r"{\bm{\mathrm{h}}} _t \top"
    assert expand(r"\vv{t}", m) == "x_t" and expand(r"\vv[y]{t}", m) == "y_t"
    assert expand(r"\p a b", m) == "a^{b}"
    assert len(spans) == 5


def test_recursive_macro_is_bounded():
    m, _ = read_macros(r"\def\a{\a x}")
    with pytest.raises(MacroError, match="too deep"):
        expand(r"h = \a", m)
    m, _ = read_macros(r"\newcommand{\b}{\b\b}")
    with pytest.raises(MacroError, match="too deep"):
        expand(r"\b", m)


RNN = PRE + r"""
$$\bb{h} _t = f _{\bb{\Theta}} ( \bb{h} _{t-1}, \bb{x} _t ).$$
$$\bb{y} _t = g _{\bb{\Theta}} ( \bb{h} _{t} ).$$
$$\bb{h} _t = \tanh(\bb{W} _{hh} \bb{h} _{t-1} + \bb{W} _{xh} \bb{x} _t  + \bb{b}),$$
$$\bb{y} _t = \bb{W} _{hy} \bb{h} _t.$$
$$\frac{ \partial \bb{y} _t }{\partial \bb{h} _t }  =  \frac{ \partial  g  }{\partial \bb{h}} ( \bb{h} _{t}  ).$$
$$\frac{ \partial \bb{y} _t }{\partial \bb{h} _t }  = \bb{W} _{hy}.$$
$$\frac{ \partial \bb{y} _t }{\partial \bb{h} _t }  = \bb{W} _{hh}.$$
"""


def test_macros_and_abstract_functions():
    s = _status(RNN)
    # the forms h_t = f_\Theta(h_{t-1}, x_t), y_t = g_\Theta(h_t): the arguments the concrete rows read (formrows.py)
    assert s[5][0] == "pass" and s[6][0] == "pass"
    wrong = _status(RNN.replace(r"g _{\bb{\Theta}} ( \bb{h} _{t} )", r"g _{\bb{\Theta}} ( \bb{h} _{t-1} )"))
    assert wrong[6][0] != "pass"
    assert s[7][0] == "pass" and s[8][0] == "pass"
    assert s[9][0] == "pass"        # \partial g/\partial h (h_t): g's derivative at the form's argument (formcalls.py)
    assert s[10][0] == "pass"
    assert s[11][0] == "fail"                           # mutated: W_hh for W_hy


def test_recursive_macro_row_is_unreadable():
    s = _status(r"\def\a{\a}" + "\n" + r"$$h_t = \tanh(W h_{t-1} + \a)$$" + "\n")
    assert s[2][0] == "unreadable" and "too deep" in s[2][1]


def test_mathjax_tail_and_idle_loss_sum():
    text = r"""$$h^t = tanh(W_{hh}h^{t-1} + W_{xh}x^t + b)\tag{1}\\{}$$
$$o^t = W_{hy}h^{t} + c\tag{2}\\{}$$
$$\mathcal{L}^t = -\sum_{i = 1}^{T_y}y^tlog\widehat{y^t}\tag{4}\\{}$$
"""
    s = _status(text)
    assert s[1][0] == "pass" and s[2][0] == "pass"
    assert s[3][0] == "fail" and "never uses i" in s[3][1]
