r"""Study-notes notation (Rabbit Challenge style): ``\( ... \)`` displays, ``\cr`` row separators, parenthesised
word labels ``W_{(in)}``, ``W_{(out)}`` (= ``W_{out}``), ``\delta^{out,t}`` (a label beside the time, not a power),
a \delta named on the right of its derivative (``\frac{\partial E}{\partial v^t} = \delta^{out,t}``), and a
forward row at a numbered step written ``y_1 = ...`` beside the general ``y_t = ...`` (y at step 1)."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.names import Vocab, resolve
from symlstm.verify.text.rowparse import parse_expression
from symlstm.verify.text.texfile import read_tex


def _statuses(text):
    return {r.line: r.status for r in verify_derivation(text).results}


FORWARD = r"""\(\begin{aligned}
u_t &= W_{(in)}x^t + Wz^{t-1} + b \cr
z_t &= f \left( W_{(in)}x^t + Wz^{t-1} + b \right) \cr
v_t &= W_{(out)}z^t + c \cr
y_t &=g \left( W_{(out)}z^t + c\right)
\end{aligned}\)
"""

DELTAS = r"""\(\begin{aligned}
\frac{\partial E}{\partial u^t} &= \delta^t \cr
\frac{\partial E}{\partial v^t} &= \delta^{out,t}
\end{aligned}\)
"""


def test_paren_display_and_cr_rows():
    eqs = read_tex(FORWARD + "\\(y_1 = g \\left( W_{out} z_1 + c \\right)\\)\n"
                   "the prose \\(W\\) and \\(a = b\\) inline stays prose.\n").equations
    assert [e.line for e in eqs if not e.claim] == [2, 3, 4, 5, 7]       # (a = b: a claim of the prose at most,
    assert [e.line for e in eqs if e.claim] == [8]                          # judged only if it restates a row)
    assert eqs[0].text.startswith("u_t") and "\\cr" not in eqs[0].text
    assert [e for e in eqs if not e.claim][-1].text.startswith("y_1")


def test_cr_is_not_a_prefix_of_other_commands():
    eqs = read_tex("\\[\\begin{aligned} a &= \\crux b \\cr c &= d \\end{aligned}\\]").equations
    assert len(eqs) == 2 and "\\crux" in eqs[0].text


def test_paren_word_subscript_is_a_label():
    v = Vocab(quantities={"u", "z"})
    assert resolve(parse_expression(r"W_{(in)}"), v).key == "W_in"
    assert resolve(parse_expression(r"W_{(out)}^T"), v).transpose
    # a time in parentheses stays a time
    assert resolve(parse_expression(r"h_{(t)}"), Vocab(quantities={"h"})).time is not None


def test_word_beside_time_in_a_superscript_list_is_a_label():
    v = Vocab(quantities={"u", "v"})
    r = resolve(parse_expression(r"\delta^{out,t}"), v)
    assert r.key == "delta_out" and r.power is None and r.time is not None
    assert resolve(parse_expression(r"x^{2}"), v).power is not None      # a power stays a power


def test_known_word_label_not_split_into_letters_and_time():
    v = Vocab(quantities={"z"}, params={"W_out"})
    assert resolve(parse_expression(r"W_{out}"), v).key == "W_out"
    # "out" is a word of T_LABEL_WORDS: a label even where W_out is no known parameter (it was "ou" at step t)
    assert resolve(parse_expression(r"W_{out}"), Vocab(quantities={"o"})).key == "W_out"
    assert resolve(parse_expression(r"h_{ot}"), Vocab(quantities={"h"})).key != "h_ot"      # o at step t


def test_definitions_and_parameter_rows():
    text = FORWARD + DELTAS + r"""\(\begin{aligned}
\frac{\partial E}{\partial W_{(out)}} &= \frac{\partial E}{\partial v^t} \left[ \frac{\partial v^t}{\partial W_{(out)}} \right]^T = \delta^{out,t}\left[ z^t \right]^T \cr
\frac{\partial E}{\partial W} &= \frac{\partial E}{\partial u^t} \left[ \frac{\partial u^t}{\partial W} \right]^T = \delta^t\left[ z^{t-1} \right]^T \cr
\frac{\partial E}{\partial b} &= \frac{\partial E}{\partial u^t}  \frac{\partial u^t}{\partial b} = \delta^t \cr
\frac{\partial E}{\partial c} &= \frac{\partial E}{\partial v^t}  \frac{\partial v^t}{\partial c} = \delta^{out,t}
\end{aligned}\)
"""
    st = _statuses(text)
    assert all(st[k] == "pass" for k in (2, 3, 4, 5, 8, 9, 12, 13, 14, 15)), st


def test_mutated_rows_never_pass():
    base = FORWARD + DELTAS
    bad = {
        r"\frac{\partial E}{\partial c} = \delta^t": 1,                              # the wrong \delta
        r"\frac{\partial E}{\partial W} = \delta^t\left[ x^{t} \right]^T": 1,       # the wrong input
        r"\frac{\partial E}{\partial W_{(out)}} = \delta^{out,t}\left[ z^{t-1} \right]^T": 1,
        r"\frac{\partial E}{\partial b} = 2\delta^t": 1,
        r"\frac{\partial E}{\partial c} = \delta^{in,t}": 1,                         # a \delta no row defines
    }
    for row in bad:
        st = _statuses(base + "\\(" + row + "\\)\n")
        assert st[11] != "pass", (row, st)


def test_delta_on_the_right_after_use_is_a_claim():
    # \delta^{out,t} read before the row: the row is a claim about it, and a wrong one fails
    text = FORWARD + r"""\(\frac{\partial E}{\partial c} = \delta^{out,t}\)
\(\frac{\partial E}{\partial u^t} = \delta^{out,t}\)
"""
    st = _statuses(text)
    assert st[8] != "pass"


EXERCISE = FORWARD + r"""\(y_1 = g \left( W_{out} z_1 + c \right)\)

\(z_1 = f \left( W z_0 + W_{(in)} x_1 + b \right)\)

\(y_1 = g \left( W_{out} f \left( W z_0 + W_{(in)} x_1 + b \right) + c \right)\)
"""


def test_numbered_step_rows_are_the_general_quantities():
    st = _statuses(EXERCISE)
    assert st[7] == "pass" and st[9] == "pass" and st[11] == "pass", st


def test_numbered_step_row_mutants():
    for a, b in ((r"+ c \right) \right)", r"+ b \right) \right)"),         # c for b
                 (r"W z_0 + W_{(in)} x_1 + b \right) + c", r"W z_0 + W_{(in)} x_1 \right) + c"),   # b dropped
                 (r"W_{out} f \left( W z_0", r"W_{out} \tanh \left( W z_0")):                       # tanh for f
        text = EXERCISE.replace(a, b, 1) if a != r"+ c \right) \right)" else \
            EXERCISE.replace(r"+ b \right) + c \right)", r"+ c \right) + b \right)")
        assert text != EXERCISE
        st = _statuses(text)
        assert st[11] != "pass", (b, st)


def test_numbered_step_restatements_are_claims_not_definitions():
    # a wrong restatement at step 1 must not become step 1's definition
    st = _statuses(EXERCISE.replace(r"W_{out} z_1 + c", r"W_{out} z_1 + b"))
    assert st[7] != "pass", st
    st = _statuses(EXERCISE.replace(r"W z_0 + W_{(in)} x_1 + b \right)\)", r"W z_0 + W_{(in)} x_1 \right)\)", 1))
    assert st[9] != "pass", st
