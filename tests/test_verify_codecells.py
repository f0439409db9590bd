r"""Cells written as code (TensorFlow's LSTMBlockCell docs): peephole vectors, clip, two spellings of a gradient.

* ``cs\_prev * wci`` where ``wci`` is elsewhere only an operand of an explicit element-wise product
  (``di \odot wci``) and never transposed nor in ``@``: wci is a vector, ``*`` element-wise
  (numeric/elementwisenames.py); without the ``\odot`` row it is a matrix as before.
* ``cs = clip(cs, cell\_clip)`` is read where the clip does not bind (the identity on its first argument).
* ``dcs = ... + cs\_grad``: the suffix spelling and the prefix one name one gradient; the row holds as the
  gradient through some of cs's uses (the peephole term comes in the next row, ``dcs = dcs + ...``), and so
  does the accumulation after it (the tf_lstm_block_cell corpus entry, line 42).
"""
from __future__ import annotations

from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
\[ xh = [x, h\_prev] \]
\[ [i, f, ci, o] = xh * w + b \]
\[ i = sigmoid(cs\_prev * wci + i) \]
\[ f = sigmoid(cs\_prev * wcf + f) \]
\[ ci = tanh(ci) \]
\[ cs = ci .* i + cs\_prev .* f \]
\[ cs = clip(cs, cell\_clip) \]
\[ o = sigmoid(cs * wco + o) \]
\[ co = tanh(cs) \]
\[ h = co .* o \]
"""

BACKWARD = r"""
\[ do\_ = o \odot (1 - o) \odot h\_grad \odot co \]
\[ dcs = (1 - co \odot co) \odot h\_grad \odot o + cs\_grad \]
\[ dcs = dcs + do\_ \odot wco \]
\[ dci = (1 - ci \odot ci) \odot dcs \odot i \]
\[ df = f \odot (1 - f) \odot dcs \odot cs\_prev \]
\[ di = i \odot (1 - i) \odot dcs \odot ci \]
\[ cs\_prev\_grad = dcs \odot f \]
\[ cs\_prev\_grad = cs\_prev\_grad + di \odot wci + df \odot wcf \]
\[ wci\_grad \mathrel{+}= di \odot cs\_prev \]
\[ wco\_grad \mathrel{+}= do\_ \odot cs \]
"""


def _doc(forward=FORWARD, backward=BACKWARD):
    return "\\documentclass{article}\n\\begin{document}\n" + forward + backward + "\\end{document}\n"


def _statuses(text):
    rep = verify_derivation(text)
    return {r.text.strip(): r.status for r in rep.results}


def test_code_cell_rows():
    st = _statuses(_doc())
    for row in [r"xh = [x, h\_prev]", r"[i, f, ci, o] = xh * w + b", r"i = sigmoid(cs\_prev * wci + i)",
                r"f = sigmoid(cs\_prev * wcf + f)", r"ci = tanh(ci)", r"cs = ci .* i + cs\_prev .* f",
                r"cs = clip(cs, cell\_clip)", r"o = sigmoid(cs * wco + o)", r"co = tanh(cs)", r"h = co .* o",
                r"do\_ = o \odot (1 - o) \odot h\_grad \odot co",
                r"dci = (1 - ci \odot ci) \odot dcs \odot i", r"df = f \odot (1 - f) \odot dcs \odot cs\_prev",
                r"di = i \odot (1 - i) \odot dcs \odot ci", r"cs\_prev\_grad = dcs \odot f",
                r"cs\_prev\_grad = cs\_prev\_grad + di \odot wci + df \odot wcf",
                r"wci\_grad \mathrel{+}= di \odot cs\_prev", r"wco\_grad \mathrel{+}= do\_ \odot cs"]:
        assert st[row] == "pass", (row, st[row])
    # cs_grad is what cs[t+1] sends back: dcs holds as a partial gradient, then gets its peephole term
    rep = {r.text.strip(): r for r in verify_derivation(_doc()).results}
    first, then = rep[r"dcs = (1 - co \odot co) \odot h\_grad \odot o + cs\_grad"], rep[r"dcs = dcs + do\_ \odot wco"]
    assert (first.status, first.reading) == ("pass", "step") and "some of its uses" in first.why
    assert (then.status, then.reading) == ("pass", "step")


def test_code_cell_mutants_never_pass():
    mutants = {
        r"di = i \odot (1 - i) \odot dcs \odot ci": r"di = i \odot (1 - i) \odot dcs \odot co",
        r"cs\_prev\_grad = cs\_prev\_grad + di \odot wci + df \odot wcf":
            r"cs\_prev\_grad = cs\_prev\_grad + di \odot wcf + df \odot wci",
        r"wco\_grad \mathrel{+}= do\_ \odot cs": r"wco\_grad \mathrel{+}= do\_ \odot cs\_prev",
        r"df = f \odot (1 - f) \odot dcs \odot cs\_prev": r"df = f \odot (1 - f) \odot dcs \odot cs",
        r"dcs = (1 - co \odot co) \odot h\_grad \odot o + cs\_grad": r"dcs = (1 - co) \odot h\_grad \odot o + cs\_grad",
    }
    for good, bad in mutants.items():
        st = _statuses(_doc(backward=BACKWARD.replace(good, bad)))
        assert st[bad] == "fail", (bad, st[bad])


def test_other_forward_cell_fails_backward_rows():
    # forward rows define the cell; the backward rows, right for the written cell, must not all pass for another
    for good, bad, row in [
            (r"o = sigmoid(cs * wco + o)", r"o = sigmoid(cs\_prev * wco + o)", r"wco\_grad \mathrel{+}= do\_ \odot cs"),
            (r"i = sigmoid(cs\_prev * wci + i)", r"i = sigmoid(cs\_prev * wci)",
             r"cs\_prev\_grad = cs\_prev\_grad + di \odot wci + df \odot wcf")]:
        st = _statuses(_doc(forward=FORWARD.replace(good, bad)))
        assert st[row] != "pass", (bad, row, st[row])


def test_peephole_matrix_without_elementwise_evidence():
    # no row multiplies wci element-wise: it stays a matrix (x W in a row layout), as before
    fwd = r"""
\[ xh = [x, h\_prev] \]
\[ [i, f, ci, o] = xh * w + b \]
\[ i = sigmoid(cs\_prev * wci + i) \]
\[ f = sigmoid(f) \]
\[ ci = tanh(ci) \]
\[ cs = ci .* i + cs\_prev .* f \]
\[ o = sigmoid(o) \]
\[ h = tanh(cs) .* o \]
"""
    back = r"""
\[ cs\_prev\_grad = dcs \odot f \]
"""
    from symlstm.verify.numeric.elementwisenames import elementwise_names
    from symlstm.verify.text.rowparse import parse_row
    from symlstm.verify.text.names import Vocab
    rows = [parse_row(r"i = sigmoid(cs\_prev * wci + i)"), parse_row(r"dy = \delta^T W \odot f")]
    names = elementwise_names(rows, Vocab())
    assert "wci" not in names and "W" not in names
    rows.append(parse_row(r"dcs = di \odot wci"))
    assert "wci" in elementwise_names(rows, Vocab())
    st = _statuses(_doc(forward=fwd, backward=back))
    assert st[r"i = sigmoid(cs\_prev * wci + i)"] == "pass"
