r"""Mutants of corpus rows that passed (the sweep of every pass row with the operators of test_verify_mutants.py,
plus a factor dropped, a transpose dropped, t+1 -> t, two gate letters swapped) and must now fail or be unreadable.

A right side that writes the left side's own gradient another way (``\delta h_t = \delta h_{next}``: the time word
``next`` is the current step in code notation, TIME_WORDS) is not read as the same total on both sides: that reading
makes any row X = X, e.g. ``\delta h_t = \partial L_t/\partial h_t + \delta h_{next}`` with the loss term dropped."""
import os

import pytest

from symlstm.verify.judging.judge import verify_derivation, verify_line

HERE = os.path.join(os.path.dirname(__file__), "derivations")

LSTM = "\n".join([
    r"$$ \mathbf{i}_t = \sigma(\mathbf{W}_i \mathbf{x}_t + \mathbf{U}_i \mathbf{h}_{t-1} + \mathbf{b}_i) $$",
    r"$$ \mathbf{f}_t = \sigma(\mathbf{W}_f \mathbf{x}_t + \mathbf{U}_f \mathbf{h}_{t-1} + \mathbf{b}_f) $$",
    r"$$ \mathbf{o}_t = \sigma(\mathbf{W}_o \mathbf{x}_t + \mathbf{U}_o \mathbf{h}_{t-1} + \mathbf{b}_o) $$",
    r"$$ \mathbf{g}_t = \tanh(\mathbf{W}_g \mathbf{x}_t + \mathbf{U}_g \mathbf{h}_{t-1} + \mathbf{b}_g) $$",
    r"$$ \mathbf{c}_t = \mathbf{f}_t \odot \mathbf{c}_{t-1} + \mathbf{i}_t \odot \mathbf{g}_t $$",
    r"$$ \mathbf{h}_t = \mathbf{o}_t \odot \tanh(\mathbf{c}_t) $$",
    r"$$ L = \sum_{t=1}^{T} L_t $$",
    "",
])


def _last(body):
    text = LSTM + body + "\n"
    return [(r.status, r.reading) for r in verify_derivation(text).results][-1]


def test_loss_term_plus_next_passes():
    assert _last(r"$$ \delta\mathbf{h}_t = \frac{\partial L_t}{\partial \mathbf{h}_t} + \delta\mathbf{h}_{\text{next}} $$")[0] == "pass"


@pytest.mark.parametrize("row", [
    r"$$ \delta\mathbf{h}_t = \delta\mathbf{h}_{\text{next}} $$",             # the loss term dropped
    r"$$ \delta\mathbf{h}_t = 2 \delta\mathbf{h}_{\text{next}} - \delta\mathbf{h}_{\text{next}} $$",
    r"$$ dh_t = dh_{next} $$",
])
def test_own_gradient_written_with_next_is_not_the_total(row):
    assert _last(row)[0] != "pass", row


#: (source, line, old text, new text): corpus mutants that passed before and must not.
CORPUS = [
    ("cann_aclnn_lstm_backward", 48, r"\frac{\partial L_t}{\partial \mathbf{h}_t} + \delta\mathbf{h}_{\text{next}}",
     r"\delta\mathbf{h}_{\text{next}}"),
]


@pytest.mark.parametrize("sid,line,old,new", CORPUS, ids=[f"{c[0]}:{c[1]}" for c in CORPUS])
def test_corpus_mutant_does_not_pass(sid, line, old, new):
    with open(os.path.join(HERE, sid + ".tex"), encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    assert old in lines[line - 1]
    assert all(r.status == "pass" for r in verify_line(text, line))
    lines[line - 1] = lines[line - 1].replace(old, new)
    got = verify_line("\n".join(lines), line)
    assert got and all(r.status != "pass" for r in got), [(r.status, r.reading, r.why) for r in got]
