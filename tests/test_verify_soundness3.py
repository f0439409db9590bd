"""Soundness of the readings added for new corpus sources (mutant sweep, round 3): a wrong row must fail or be
unreadable, never pass.

Each test takes a real published derivation of the corpus (tests/derivations/<id>.tex, verbatim notation),
checks that a row passes as written, then writes one mutant of that row into the file and checks that the mutant
does not pass (verify_line: the row is judged with what the rows before it have read).

The rules these pin down:
- a row among the backward rows whose left side is spelled as a gradient (``dx\\_and\\_dh\\_reset``) and whose
  right side holds no gradient is not a forward definition that holds whatever it says when no other forward row
  reads what it defines: unreadable (gradlikedef.py);
- the last step's gradient stated as a general formula (``dh_\\tau = dz_\\tau V^T \\odot \\sigma'(s_\\tau)``) is
  checked: a dropped transpose, factor or a shifted time fails.
"""
from __future__ import annotations

import pytest

# the same harness as round 2 (a corpus file, one row mutated, verify_line up to that row)
from symlstm.verify.judging.judge import verify_line
from test_verify_soundness2 import _mutate, _status, _text


# (source, line, written, mutated)
MUTANTS = [
    # mastro GRU (code as equations): the gradient factor dropped leaves a d-named row with no gradient in it
    ("mastro_gru_batched", 45, r"= dZRC_t^{(C)} \, (WGRU^{(C)})^T", r"= \, (WGRU^{(C)})^T"),
    ("mastro_gru_batched", 45, r"= dZRC_t^{(C)} \, (WGRU^{(C)})^T", r"= (WGRU^{(C)})^T"),
    ("mastro_gru_batched", 54, r"= Hout_{t-1} \odot dh\_out_t", r"= Hout_{t-1}"),
    # aiedu general BPTT (17): the last step's gradient, general form
    ("aiedu_rnn_general_bptt", 74, r"\cdot V^T \odot", r"\cdot V \odot"),
    ("aiedu_rnn_general_bptt", 74, r"\cdot V^T \odot \sigma'(s_{\tau})", r"\cdot V^T"),
    ("aiedu_rnn_general_bptt", 74, r"\sigma'(s_{\tau})", r"\sigma'(s_{\tau-1})"),
    ("aiedu_rnn_general_bptt", 74, r"dh_{\tau}=dz_{\tau}", r"dh_{\tau}=-dz_{\tau}"),
]


@pytest.mark.parametrize("sid,line,old,new", MUTANTS, ids=[f"{m[0]}:{m[1]}:{i}" for i, m in enumerate(MUTANTS)])
def test_mutant_does_not_pass(sid, line, old, new):
    text = _text(sid)
    assert _status(text, line) == "pass"
    assert _status(_mutate(text, line, old, new), line) in ("fail", "unreadable")


def test_gradient_named_definition_is_unreadable_with_reason():
    text = _mutate(_text("mastro_gru_batched"), 45, r"= dZRC_t^{(C)} \, (WGRU^{(C)})^T", r"= (WGRU^{(C)})^T")
    found = verify_line(text, 45)
    assert [r.status for r in found] == ["unreadable"]
    assert "spelled as a gradient" in found[0].why


def test_forward_rows_among_backward_rows_still_pass():
    # one\_minus\_z = 1 - z among the backward rows: a plain name, a definition (not spelled as a gradient)
    text = _text("mastro_gru_batched")
    assert _status(text, 53) == "pass"
