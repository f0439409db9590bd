"""Mutants of this round's reading rules that passed, closed (soundness sweep, helper M).

* selfderivs.py drops ``\\frac{\\partial W}{\\partial W}`` (the identity) from a chain; a row it would leave as ``X = X``
  (``\\frac{\\partial s_t}{\\partial W} = \\frac{\\partial s_t}{\\partial W}\\frac{\\partial W}{\\partial W}``, the recurrent term
  dropped from the total-derivative rule) passed as a tautology: it is now left as written.
* dopread.py reads ``\\frac{\\partial}{\\partial c_{t-1}}(expr)`` through the steps after c_{t-1} only, under which a term
  reading c_{t-1} only through h_{t-1} is zero: with a gate swapped in that term (``o_t \\odot \\tilde{c}_t``) the row
  passed. That reading is now kept for an expression whose value is a quantity of the cell (its row restated).
"""
from __future__ import annotations

from symlstm.verify.judging.judge import verify_derivation

RNN = "\n".join([
    r"$$ s_t = \tanh(U x_t + W s_{t-1}) $$",
    # the total-derivative rule as written (the left total, the right's copy the immediate derivative)
    r"$$ \frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W}\frac{\partial W}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial W} $$",
    # mutant: the recurrent term dropped (X = X once the identity is dropped)
    r"$$ \frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W}\frac{\partial W}{\partial W} $$",
    # mutant: a sign flipped
    r"$$ \frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W}\frac{\partial W}{\partial W} - \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial W} $$",
    ""])

LSTM = "\n".join([
    r"$$\begin{aligned}",
    r"f_t&=\sigma(W_f x_t + U_f h_{t-1} + b_f) \\",
    r"i_t&=\sigma(W_i x_t + U_i h_{t-1} + b_i) \\",
    r"o_t&=\sigma(W_o x_t + U_o h_{t-1} + b_o) \\",
    r"\tilde{c}_t&=\tanh(W_c x_t + U_c h_{t-1} + b_c) \\",
    r"c_t&=f_t\odot{c_{t-1}}+i_t\odot{\tilde{c}_t} \\",
    r"h_t&=o_t\odot\tanh(c_t) \\",
    r"\end{aligned} $$",
    # the operator in front of c_t's row: a restatement
    r"$$\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial}{\partial c_{t-1}}(f_t\odot{c_{t-1}}+i_t\odot{\tilde{c}_t}).$$",
    # mutant: a gate swapped in the term that reads c_{t-1} only through h_{t-1}
    r"$$\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial}{\partial c_{t-1}}(f_t\odot{c_{t-1}}+o_t\odot{\tilde{c}_t}).$$",
    # mutant: the candidate replaced by the state
    r"$$\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial}{\partial c_{t-1}}(f_t\odot{c_{t-1}}+i_t\odot{c_t}).$$",
    # mutant: the forget term dropped
    r"$$\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial}{\partial c_{t-1}}(i_t\odot{\tilde{c}_t}).$$",
    ""])


def _verdicts(text):
    return [(r.line, r.status) for r in verify_derivation(text).results]


def test_self_derivative_dropped_to_a_tautology_is_not_passed():
    assert _verdicts(RNN) == [(1, "pass"), (2, "pass"), (3, "unreadable"), (4, "fail")]


def test_operator_derivative_of_a_changed_row_fails():
    assert _verdicts(LSTM) == [(2, "pass"), (3, "pass"), (4, "pass"), (5, "pass"), (6, "pass"), (7, "pass"),
                               (9, "pass"), (10, "fail"), (11, "fail"), (12, "fail")]
