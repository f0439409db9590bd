r"""Stacked gate arrays of code written as equations (a batched GRU forked from Karpathy's batched LSTM): blocks
of a stack named by any letters (``ZRC_t^{(ZR)}``, ``^{(C)}``: the letters are the file's, not an LSTM's),
defined by several rows and read before the whole stack is computed; column ranges ``^{(x)}``, ``^{(h)}`` of a
concatenation ``[1, X_t, Hout_{t-1}]`` (also on a code temporary and on the gradient of the concatenation: the
gradient of that part); a code name spelled two ways (``dh\_out`` for ``Hout``); ``dWGRU^{(C)}`` beside the
weight block ``WGRU^{(C)}``; a block of a gradient that a later ``+=`` on the whole adds to (a partial sum)."""
import pytest

from symlstm.verify.judging.judge import verify_derivation

ROWS = [
    r"X\_and\_H\_in_t = [1, X_t, Hout_{t-1}]",
    r"ZRC_t^{(ZR)} = X\_and\_H\_in_t \, WGRU^{(ZR)}",
    r"ZRC\_n_t^{(ZR)} = 1.0/(1.0+\exp(-ZRC_t^{(ZR)}))",
    r"X\_and\_H\_reset = [1, X_t, ZRC\_n_t^{(R)} \odot Hout_{t-1}]",
    r"ZRC_t^{(C)} = X\_and\_H\_reset \, WGRU^{(C)}",
    r"ZRC\_n_t^{(C)} = \tanh(ZRC_t^{(C)})",
    r"Hout_t = (1 - ZRC\_n_t^{(Z)}) \odot Hout_{t-1} + ZRC\_n_t^{(Z)} \odot ZRC\_n_t^{(C)}",
    r"X\_and\_H\_reset = [1, X_t, ZRC\_n_t^{(R)} \odot Hout_{t-1}]",
    r"dZRC\_n_t^{(C)} = ZRC\_n_t^{(Z)} \odot dh\_out_t",
    r"dZRC_t^{(C)} = (1 - (ZRC\_n_t^{(C)})^2) \odot dZRC\_n_t^{(C)}",
    r"dWGRU^{(C)} \mathrel{+}= X\_and\_H\_reset^T \, dZRC_t^{(C)}",
    r"dx\_and\_dh\_reset = dZRC_t^{(C)} \, (WGRU^{(C)})^T",
    r"dX\_and\_H\_in_t^{(x)} = dx\_and\_dh\_reset^{(x)}",
    r"dZRC\_n_t^{(R)} = Hout_{t-1} \odot dx\_and\_dh\_reset^{(h)}",
    r"dX\_and\_H\_in_t^{(h)} = ZRC\_n_t^{(R)} \odot dx\_and\_dh\_reset^{(h)}",
    r"one\_minus\_z = 1 - ZRC\_n_t^{(Z)}",
    r"d\_one\_minus\_z = Hout_{t-1} \odot dh\_out_t",
    r"dX\_and\_H\_in_t^{(h)} \mathrel{+}= one\_minus\_z \odot dh\_out_t",
    r"dZRC\_n_t^{(Z)} = ZRC\_n_t^{(C)} \odot dh\_out_t",
    r"dZRC\_n_t^{(Z)} \mathrel{+}= -1 \cdot d\_one\_minus\_z",
    r"dZRC_t^{(ZR)} = ZRC\_n_t^{(ZR)} \odot (1-ZRC\_n_t^{(ZR)}) \odot dZRC\_n_t^{(ZR)}",
    r"dWGRU^{(ZR)} \mathrel{+}= X\_and\_H\_in_t^T \, dZRC_t^{(ZR)}",
    r"dX\_and\_H\_in_t \mathrel{+}= dZRC_t^{(ZR)} \, (WGRU^{(ZR)})^T",
    r"dX_t = dX\_and\_H\_in_t^{(x)}",
    r"dh\_out_{t-1} \mathrel{+}= dX\_and\_H\_in_t^{(h)}",
]


def _statuses(rows):
    text = "\n".join(f"$$ {r} $$" for r in rows) + "\n"
    return {r.line: r.status for r in verify_derivation(text).results}


def test_every_row_of_the_batched_gru_passes():
    st = _statuses(ROWS)
    assert st == {k: "pass" for k in range(1, len(ROWS) + 1)}


#: (row number, mutated row): each must fail or be unreadable, never pass.
MUTANTS = [
    # a block of the stack read before the row that defines it (ZRC_n^{(C)} is computed from this row)
    (4, r"X\_and\_H\_reset = [1, X_t, ZRC\_n_t^{(C)} \odot Hout_{t-1}]"),
    # dh\_out is Hout's gradient: a wrong gate with it
    (9, r"dZRC\_n_t^{(C)} = ZRC\_n_t^{(R)} \odot dh\_out_t"),
    (10, r"dZRC_t^{(C)} = (1 - ZRC\_n_t^{(C)}) \odot dZRC\_n_t^{(C)}"),
    # dWGRU^{(C)}: the gradient of the weight block WGRU^{(C)}, with the wrong input
    (11, r"dWGRU^{(C)} \mathrel{+}= X\_and\_H\_in_t^T \, dZRC_t^{(C)}"),
    # the column ranges of a concatenation, on a temporary and on a gradient
    (13, r"dX\_and\_H\_in_t^{(x)} = dx\_and\_dh\_reset^{(h)}"),
    (14, r"dZRC\_n_t^{(R)} = ZRC\_n_t^{(R)} \odot dx\_and\_dh\_reset^{(h)}"),
    (15, r"dX\_and\_H\_in_t^{(h)} = Hout_{t-1} \odot dx\_and\_dh\_reset^{(h)}"),
    (17, r"d\_one\_minus\_z = ZRC\_n_t^{(C)} \odot dh\_out_t"),
    (18, r"dX\_and\_H\_in_t^{(h)} \mathrel{+}= ZRC\_n_t^{(Z)} \odot dh\_out_t"),
    (20, r"dZRC\_n_t^{(Z)} \mathrel{+}= d\_one\_minus\_z"),
    (21, r"dZRC_t^{(ZR)} = (1-(ZRC\_n_t^{(ZR)})^2) \odot dZRC\_n_t^{(ZR)}"),
    (22, r"dWGRU^{(ZR)} \mathrel{+}= X\_and\_H\_reset^T \, dZRC_t^{(ZR)}"),
    (23, r"dX\_and\_H\_in_t \mathrel{+}= dZRC_t^{(ZR)} \, (WGRU^{(ZR)})"),
    (24, r"dX_t = dX\_and\_H\_in_t^{(h)}"),
    (25, r"dh\_out_{t-1} \mathrel{+}= dX\_and\_H\_in_t^{(x)}"),
]


@pytest.mark.parametrize("row,mutant", MUTANTS)
def test_mutated_row_never_passes(row, mutant):
    rows = list(ROWS)
    rows[row - 1] = mutant
    assert _statuses(rows)[row] != "pass"


def test_a_forward_row_with_another_gate_block_makes_the_backward_rows_fail():
    """A forward row defines the cell (it passes); the file's block letters make R another gate than Z, so the
    backward rows written for z fail."""
    rows = list(ROWS)
    rows[6] = r"Hout_t = (1 - ZRC\_n_t^{(R)}) \odot Hout_{t-1} + ZRC\_n_t^{(Z)} \odot ZRC\_n_t^{(C)}"
    st = _statuses(rows)
    assert st[7] == "pass" and st[14] == st[17] == st[18] == "fail"
