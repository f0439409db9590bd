"""Soundness of readings chosen per row (mutant sweep, round 2): a wrong row must fail or be unreadable, never pass.

Each test takes a real published derivation of the corpus (tests/derivations/<id>.tex, verbatim notation),
checks that a row passes as written, then writes one mutant of that row (a factor dropped, a sign flipped, a
time shifted, a term dropped) into the file and checks that the mutant does not pass (verify_line: the row is
judged with what the rows before it have read).

The rules these pin down:
- a code name that defines a pre-activation's gradient (``dh_{raw}``, ``dtanh`` on a left side) means the plain
  name of the activation (``dh``, ``da_{next}``) is not read as that pre-activation's gradient (codepreacts.py);
- ``dh = ... + dh_{next}``: the name its word marks as a part (``dh_{next}``) is not the total while the plain name
  on the left is read as a part (links.conflates);
- ``\\partial f(x_t, h_{t-1}, w)/\\partial w``: by a written argument, that argument's partial derivative only; by a
  name not among the arguments, through every path only, and a value zero by its own notation is no evidence
  (numgrad._by_argument, vanish.py);
- a Jacobian by a weight that a row has stated on its left as the total (decisively) is the total when a later row
  states it on its left again (rowjudge._decisive_jacobians);
- a named part of a gradient (``d\\_x\\_component\\_1``) is a part: never every use at once (numgrad.paths);
- a forward row reading a name only unreadable rows define is unreadable, not a definition that holds whatever it
  says (unreaddefs.py).
"""
from __future__ import annotations

import os

import pytest

from symlstm.verify.judging.judge import verify_line

HERE = os.path.join(os.path.dirname(__file__), "derivations")


def _text(sid):
    with open(os.path.join(HERE, sid + ".tex"), encoding="utf-8") as f:
        return f.read()


def _status(text, line):
    found = verify_line(text, line)
    assert found, f"no result on line {line}"
    for status in ("fail", "unreadable", "pass"):
        if any(r.status == status for r in found):
            return status


def _mutate(text, line, old, new):
    lines = text.split("\n")
    assert lines[line - 1].count(old) == 1, lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


# (source, line, written, mutated)
MUTANTS = [
    # min-char-rnn: dh_{raw} names h's pre-activation gradient, so dh is h's own (the tanh' factor dropped)
    ("karpathy_min_char_rnn", 23, r"(1 - hs_t \odot hs_t) \odot dh", "dh"),
    ("karpathy_min_char_rnn", 27, r"W_{hh}^T dh_{raw}", "dh_{raw}"),
    # min-char-rnn, wiseodd: dh = -W^T dy + dh_{next}: dh_{next} is not the total while dh is a part
    ("karpathy_min_char_rnn", 22, r"dh = W_{hy}^T dy", r"dh = -W_{hy}^T dy"),
    ("wiseodd_lstm_backprop", 34, r"dh = dy W_y^T", r"dh = -dy W_y^T"),
    # Coursera rnn_cell_backward: dtanh names the pre-activation's gradient; da_{next} is a's
    ("coursera_rnn_cell_backward", 19,
     r"* ( 1 - \tanh^2(W_{ax}x^{\langle t \rangle}+W_{aa} a^{\langle t-1 \rangle} + b_{a}))", ""),
    # d2l 9.7: \partial f(x_t, h_{t-1}, w_h)/\partial w_h is f's partial by its argument w_h
    ("d2l_bptt_current", 29, r"+\frac{\partial f(x_{t},h_{t-1},w_\textrm{h})}{\partial h_{t-1}}",
     r"-\frac{\partial f(x_{t},h_{t-1},w_\textrm{h})}{\partial h_{t-1}}"),
    ("d2l_bptt_current", 42, r"+\sum_{i=1}^{t-1}", r"-\sum_{i=1}^{t-1}"),
    # d2l: by h_t, not an argument of f(x_t, h_{t-1}, w_h): zero as written, no evidence
    ("d2l_bptt_current", 29, r"{\partial h_{t-1}} \frac", r"{\partial h_{t}} \frac"),
    ("d2l_bptt_current", 42, r"+\sum_{i=1}^{t-1}\left(\prod_{j=i+1}^{t} \frac{\partial f(x_{j},h_{j-1},w_\textrm{h})}"
                             r"{\partial h_{j-1}} \right) \frac{\partial f(x_{i},h_{i-1},w_\textrm{h})}"
                             r"{\partial w_\textrm{h}}", ""),
    # TF GRUBlockCell: d_x_component_1 is a part of d_x, not all of it
    ("tf_gru_block_cell", 37, r"d\_x\_component\_1 + d\_x\_component\_2", r"d\_x\_component\_1"),
    ("tf_gru_block_cell", 37, r"d\_x\_component\_1 + d\_x\_component\_2", r"d\_x\_component\_2"),
]


@pytest.mark.parametrize("sid,line,old,new", MUTANTS)
def test_mutant_does_not_pass(sid, line, old, new):
    text = _text(sid)
    assert _status(text, line) == "pass"
    assert _status(_mutate(text, line, old, new), line) in ("fail", "unreadable")


def test_function_partial_by_argument_keeps_the_written_row():
    # d2l 9.7.1 as written: every row of the abstract part passes
    text = _text("d2l_bptt_current")
    for line in (25, 26, 29, 33, 36, 37, 38, 42):
        assert _status(text, line) == "pass", line


def test_immediate_jacobian_stays_readable():
    # Pascanu-style texts write \partial s_k/\partial W for the immediate derivative after the total one
    text = _text("dragonhyq_bptt")
    for line in (52, 53, 54, 58, 59, 192, 214):
        assert _status(text, line) == "pass", line
    text = _text("bitjoy_cs224n_bptt")
    for line in (49, 54):
        assert _status(text, line) == "pass", line


def test_function_named_derivative_on_a_right_side_is_no_gradient_name():
    # wiseodd: dh_c = dtanh(h_c) \odot h_i \odot dc; dtanh(.) is a function, not a name of the pre-activation
    text = _text("wiseodd_lstm_backprop")
    for line in (44, 55, 56, 57):
        assert _status(text, line) == "pass", line


def test_rows_resting_on_unreadable_definitions_are_unreadable():
    # CANN thnn_fused_gru_cell: z, n, hx, hn are read from a storage layout the reader cannot read, so
    # gin = go (1 - z)(1 - n^2) is no definition that holds whatever it says
    # (without the file's `% symlstm:` directives, which state the cell the kernel doc leaves to a sibling doc)
    text = "\n".join("%" if x.startswith("% symlstm:") else x
                     for x in _text("cann_thnn_fused_gru_cell_backward").split("\n"))
    for line in (23, 24, 25, 26, 27, 29, 30, 31):
        assert _status(text, line) == "unreadable", line
    mutant = _mutate(text, 23, r"= go_{b,j}", r"= -go_{b,j}")
    assert _status(mutant, 23) == "unreadable"


def test_a_target_defined_by_a_lemma_row_is_still_known():
    # dragonhyq: y = Wx (a lemma, unreadable) does not make the loss's target y unknown
    assert _status(_text("dragonhyq_bptt"), 87) == "pass"
