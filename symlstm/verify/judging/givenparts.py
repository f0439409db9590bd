r"""A step's given gradients, read by the step function's contract.

A backward step of code (CS231n's ``lstm_step_backward(dnext_h, dnext_c, cache)``, the Coursera notebooks'
``lstm_cell_backward(da_next, dc_next, cache)``) is handed the gradients that reach the step's outputs from
outside it: ``dnext_h`` at h_t, ``dnext_c`` at c_t. Where h_t is computed from c_t in the same step, what reaches
c_t from outside the step is only what comes through c_{t+1}: the path through h_t is this step's to add
(``dnext_c += dnext_h * o * (1 - tanh(c)**2)``). A given ``dnext_c`` read as the whole gradient of c_t would let
the classic slip pass, gate gradients built from ``dnext_c`` alone (``di = dnext_c * g``), while the correct rows
pass under the other reading: the contract fixes one.

So a gradient named ``next`` of a quantity K that the rows never write on a left side (a given) is read only as
what reaches K through the later step, when the rows also take as given the ``next`` gradient of a quantity that
reads K at the same step. Code only: notes in prose say what their symbols mean (numgrad.candidates).
"""
from __future__ import annotations

from ..text.names import NotReadable, gradient_split, resolve
from ..text.trees import walk

__all__ = ["given_carried"]


def _next_gradients(node, vocab) -> set:
    """Keys K of the ``next`` gradients (``dc_next``, ``dnext_c``) written in ``node``."""
    out = set()
    for n in walk(node):
        if n[0] != "sym" or not isinstance(n[1], str):
            continue
        split = gradient_split(n[1])
        if split is None:
            continue
        try:
            r = resolve(("sym", split[1]) + tuple(n[2:]), vocab)
        except (NotReadable, Exception):       # noqa: BLE001 - a symbol the names cannot read: no given gradient
            continue
        if r.word == "next" and r.kind == "value":
            out.add(r.key)
    return out


def given_carried(rows, forward, ev, lo, hi) -> frozenset:
    """Keys whose given ``next`` gradient is what reaches them through the later step only (module doc)."""
    vocab = ev.vocab
    read, written = set(), set()
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) < 2:
            continue
        for p in tree[1][1:]:
            read |= _next_gradients(p, vocab)
        written |= _next_gradients(tree[1][0], vocab)
    given = read - written
    out = set()
    for key in given:
        readers = {q for q, _, shift in ev.sites(key) if shift == 0}
        if readers & given and any(shift == 1 for _, _, shift in ev.sites(key)):
            out.add(key)
    return frozenset(out)
