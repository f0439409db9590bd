r"""Soundness: wrong equations found by a mutant sweep of the corpus that used to pass.

* A row that introduces a \delta and computes it, where the file named ``\delta_{L+1} \equiv \partial C/\partial
  z_{L+1}`` before, is a claim about ``\partial C/\partial z_l`` (judging/deltalabels.py).
* Once a row reads ``\delta o_t`` as the gradient of o's pre-activation, ``\delta g_t`` is g's pre-activation
  gradient too, never g's value's (judging/gateclass.py).
* ``\frac{\partial L}{\partial W_f}`` in a file that accumulates it with ``\mathrel{+}=`` is the total: one step's
  term on the right of a plain ``=`` is a dropped sum (judging/dsteps.py).
"""
import os

import pytest

from symlstm.verify.judging.judge import verify_derivation, verify_line

HERE = os.path.join(os.path.dirname(__file__), "derivations")


def _line_statuses(sid, line, old, new):
    text = open(os.path.join(HERE, sid + ".tex"), encoding="utf-8").read()
    lines = text.split("\n")
    assert lines[line - 1].count(old) == 1
    lines[line - 1] = lines[line - 1].replace(old, new)
    return [r.status for r in verify_line("\n".join(lines), line)]


CORPUS = [
    # (source, line, text in the row, its mutant)
    ("compphysics_rnnmath", 119, r"&= \frac", r"&= -\frac"),
    ("compphysics_rnnmath", 119, r"\odot \sigma_l^\prime \left(\vec{z}_l^{(t)} \right)", ""),
    ("cann_aclnn_lstm_backward", 53, r"\odot (1 - \mathbf{g}_t^2)", ""),
    ("cann_aclnn_lstm_backward", 82, r"\sum_{t=1}^{T} ", ""),
]


@pytest.mark.parametrize("sid,line,old,new", CORPUS)
def test_corpus_original_passes(sid, line, old, new):
    assert _line_statuses(sid, line, old, old) == ["pass"]


@pytest.mark.parametrize("sid,line,old,new", CORPUS)
def test_corpus_mutant_never_passes(sid, line, old, new):
    got = _line_statuses(sid, line, old, new)
    assert got and "pass" not in got, got


SMALL = r"""
$\mathbf{z}_t = \begin{bmatrix} \mathbf{h}_{t-1} \\ \mathbf{x}_t \end{bmatrix}$
$\mathbf{f}_t = \sigma(\mathbf{W}_f \mathbf{z}_t + \mathbf{b}_f)$
$\mathbf{i}_t = \sigma(\mathbf{W}_i \mathbf{z}_t + \mathbf{b}_i)$
$\mathbf{g}_t = \tanh(\mathbf{W}_g \mathbf{z}_t + \mathbf{b}_g)$
$\mathbf{o}_t = \sigma(\mathbf{W}_o \mathbf{z}_t + \mathbf{b}_o)$
$\mathbf{c}_t = \mathbf{f}_t \odot \mathbf{c}_{t-1} + \mathbf{i}_t \odot \mathbf{g}_t$
$\mathbf{h}_t = \mathbf{o}_t \odot \tanh(\mathbf{c}_t)$
$L = \sum_{t=1}^{T} L_t$
$\delta\mathbf{h}_t = \frac{\partial L}{\partial \mathbf{h}_t}$
$\delta\mathbf{c}_t = \frac{\partial L}{\partial \mathbf{c}_t}$
$$ \delta\mathbf{o}_t = \delta\mathbf{h}_t \odot \tanh(\mathbf{c}_t) \odot \mathbf{o}_t \odot (1 - \mathbf{o}_t) $$
$$ \delta\mathbf{g}_t = \delta\mathbf{c}_t \odot \mathbf{i}_t \odot (1 - \mathbf{g}_t^2) $$
$$ \delta\mathbf{i}_t = \delta\mathbf{c}_t \odot \mathbf{g}_t \odot \mathbf{i}_t \odot (1 - \mathbf{i}_t) $$
$$ \frac{\partial L}{\partial \mathbf{W}_f} \mathrel{+}= \delta\mathbf{f}_t \mathbf{z}_t^\top $$
$$ \frac{\partial L}{\partial \mathbf{W}_i} = \sum_{t=1}^{T} \delta\mathbf{i}_t \mathbf{z}_t^\top $$
"""


def _verdicts(text):
    return [(r.line, r.status) for r in verify_derivation(text).results]


def test_small_lstm_all_pass():
    got = _verdicts(SMALL)
    assert len(got) == 15 and all(s == "pass" for _, s in got), got


@pytest.mark.parametrize("old,new,line", [
    (r"\odot (1 - \mathbf{g}_t^2)", "", 13),                 # delta g as g's value: the file's delta o is pre
    (r"\odot \mathbf{i}_t \odot (1 - \mathbf{i}_t)", "", 14),  # the same for delta i
    (r"= \sum_{t=1}^{T} \delta", r"= \delta", 16),              # dL/dW_i accumulated elsewhere (+=): a total
])
def test_small_lstm_mutants(old, new, line):
    assert SMALL.count(old) == 1
    got = dict(_verdicts(SMALL.replace(old, new)))
    assert got[line] in ("fail", "unreadable"), got
    assert all(s == "pass" for k, s in got.items() if k != line), got
