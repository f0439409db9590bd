r"""Two notations of Iosif, Macri & Berariu's "LSTM: from theory to practice" that recur in other texts.

* An arrow between two steps in a \delta's superscript, ``\delta_s^{(t)\rightarrow(t-1)}``: the part of
  ``\partial E / \partial s^{(t-1)}`` that flows through step t (numeric/arrowparts.py). Read where the file names
  ``\delta_q = \partial E / \partial q``; a = b is the part through the rows of q's own step, a = b + 1 through the
  next step's rows. Another distance, a \delta of no quantity (``\delta_{zz}``) and a quantity the loss reads
  directly are unreadable.
* An align row broken in the middle of a sum: ``a + & + b`` / ``a + \\ & + b`` (the sign repeated at the start of
  the continued line) is one sum, not two equations (text/texfile.py); ``a - & - b`` (where the typesetting
  convention and the algebra differ) is left unread.

Hand-worked for a = W s^{(t-1)} + U x^{(t)}, s = tanh(a), z = V s, E a loss of the outputs z: the part of
dE/ds^{(t)} through step t is V^T dE/dz^{(t)}, through step t+1 it is W^T (dE/ds^{(t+1)} o (1 - s^{(t+1)2})).
"""
from symlstm.verify.judging.judge import verify_derivation

FWD = r"""
\begin{align}
\mathbf{a}^{(t)} &= W \mathbf{s}^{(t-1)} + U \mathbf{x}^{(t)} \\
\mathbf{s}^{(t)} &= \tanh\left(\mathbf{a}^{(t)}\right) \\
\mathbf{z}^{(t)} &= V \mathbf{s}^{(t)}
\end{align}
\begin{align}
\boldsymbol{\delta}_{s}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{s}^{(t)}} && \boldsymbol{\delta}_{z}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{z}^{(t)}}
\end{align}
"""

BACK = r"\left(\boldsymbol{\delta}_{s}^{(t)} \odot \left(1 - \mathbf{s}^{(t)} \odot \mathbf{s}^{(t)}\right)\right)"

ARROW_ROWS = [
    (r"\boldsymbol{\delta}_s^{(t)} = \boldsymbol{\delta}^{(t) \rightarrow (t)}_s + \boldsymbol{\delta}^{(t+1) \rightarrow (t)}_s", "pass"),
    (r"\boldsymbol{\delta}_s^{(t)\rightarrow(t)} = V^T \boldsymbol{\delta}_{z}^{(t)}", "pass"),
    (r"\boldsymbol{\delta}_s^{(t)\rightarrow(t-1)} = W^T " + BACK, "pass"),
    (r"\boldsymbol{\delta}_s^{(t)} = V^T \boldsymbol{\delta}_{z}^{(t)} + \boldsymbol{\delta}_s^{(t+1)\rightarrow(t)}", "pass"),
    # mutations: a part dropped, the parts of the wrong steps, a weight swapped, a factor dropped
    (r"\boldsymbol{\delta}_s^{(t)} = \boldsymbol{\delta}^{(t) \rightarrow (t)}_s", "fail"),
    (r"\boldsymbol{\delta}_s^{(t)} = \boldsymbol{\delta}^{(t) \rightarrow (t)}_s + \boldsymbol{\delta}^{(t) \rightarrow (t-1)}_s", "fail"),
    (r"\boldsymbol{\delta}_s^{(t)\rightarrow(t)} = W^T \boldsymbol{\delta}_{z}^{(t)}", "fail"),
    (r"\boldsymbol{\delta}_s^{(t)\rightarrow(t-1)} = W^T \boldsymbol{\delta}_{s}^{(t)}", "fail"),
    (r"\boldsymbol{\delta}_s^{(t+1)\rightarrow(t)} = V^T \boldsymbol{\delta}_{z}^{(t)}", "fail"),
    # not read: no quantity zz, two steps apart, a quantity the loss reads
    (r"\boldsymbol{\delta}_{zz}^{(t)\rightarrow(t-1)} = W^T " + BACK, "unreadable"),
    (r"\boldsymbol{\delta}_s^{(t+2)\rightarrow(t)} = V^T \boldsymbol{\delta}_{z}^{(t)}", "unreadable"),
    (r"\boldsymbol{\delta}_z^{(t)\rightarrow(t)} = \boldsymbol{\delta}_{z}^{(t)}", "unreadable"),
]


def _status(text, row):
    line = text.count("\n", 0, text.index(row)) + 1
    got = [r for r in verify_derivation(text).results if r.line == line]
    assert len(got) == 1, got
    return got[0]


def test_forward_rows_and_delta_names_pass():
    assert [(r.line, r.status) for r in verify_derivation(FWD).results] == \
        [(3, "pass"), (4, "pass"), (5, "pass"), (8, "pass"), (8, "pass")]


def test_arrow_parts_of_a_gradient():
    for row, expected in ARROW_ROWS:
        r = _status(FWD + "\\begin{equation}\n" + row + "\n\\end{equation}\n", row)
        assert r.status == expected, (row, r.status, r.why)
    r = _status(FWD + "\\begin{equation}\n" + ARROW_ROWS[-3][0] + "\n\\end{equation}\n", ARROW_ROWS[-3][0])
    assert "arrow" in r.why and "zz" in r.why


def test_arrow_needs_the_files_delta_convention():
    fwd = FWD.split(r"\begin{align}" + "\n" + r"\boldsymbol{\delta}")[0]
    row = ARROW_ROWS[1][0]
    r = _status(fwd + "\\begin{equation}\n" + row + "\n\\end{equation}\n", row)
    assert r.status == "unreadable" and "arrow" in r.why


SPLIT = r"""\begin{equation}\begin{split}
\boldsymbol{\delta}_{s}^{(t)} = & V^T \boldsymbol{\delta}_{z}^{(t)} + & + W^T \left(\boldsymbol{\delta}_{s}^{(t+1)} \odot \left(1 - \mathbf{s}^{(t+1)} \odot \mathbf{s}^{(t+1)}\right)\right) \\
= & \boldsymbol{\delta}^{(t) \rightarrow (t)}_s + \\ & + \boldsymbol{\delta}^{(t+1) \rightarrow (t)}_s \\
= & V^T \boldsymbol{\delta}_{z}^{(t)} + & + W^T \boldsymbol{\delta}_{s}^{(t+1)} \\
= & V^T \boldsymbol{\delta}_{z}^{(t)} - & - W^T \left(\boldsymbol{\delta}_{s}^{(t+1)} \odot \left(1 - \mathbf{s}^{(t+1)} \odot \mathbf{s}^{(t+1)}\right)\right)
\end{split}\end{equation}
"""


def test_sums_broken_across_align_columns():
    res = [(r.line, r.status) for r in verify_derivation(FWD + SPLIT).results][5:]
    # '+ & +' and '+ \\ & +' are one sum; a dropped tanh' fails; '- & -' is not read
    assert res == [(11, "pass"), (12, "pass"), (13, "fail"), (14, "unreadable")]
