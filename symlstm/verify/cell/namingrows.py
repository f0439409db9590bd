r"""Rows that only say which value a code name holds: ``C\_prev = C_{t-1}``, ``h_{prev} = h_{t-1}``.

Both sides name the same quantity at the same step under the reader's own reading of the time words (``prev``
is the step before). Such a row holds by that reading alone: it is the author's statement of the convention
the reader assumes, not a claim it can check (code that indexes a list holding the initial state first means
another step by the same subscript). It is unreadable with that reason, never a pass by definition.
Unless the other side is a copy the text's own rows store (``h_{prev} = hs_{t-1}`` beside ``hs_t = h_t``,
copynames.py): the step of the stored value is then the author's, no list convention is assumed, and the row is
read on (it names h_{prev} as its word says; ``h_{prev} = hs_{t-2}`` fails).
"""
from __future__ import annotations

from dataclasses import replace

from ...latex.notation import TIME_WORDS
from ..text.names import NotReadable, resolve
from ..text.trees import has_derivative

__all__ = ["naming_row", "step_offset"]


def step_offset(ref, time_var):
    """The step of ``ref`` as an offset from the row's step t, or None when it is not t plus a number."""
    if ref.word:
        return TIME_WORDS.get(ref.word) if ref.time is None else None
    t = ref.time
    if t is None:
        return None
    if t[0] == "sym" and t[1] == time_var and not t[3] and not t[4]:
        return 0
    if t[0] == "add" and len(t[1]) == 2 and t[1][0][0] == "+" and t[1][0][1][0] == "sym" and \
            t[1][0][1][1] == time_var and t[1][1][1][0] == "num" and t[1][1][1][1].isdigit():
        n = int(t[1][1][1][1])
        return n if t[1][1][0] == "+" else -n
    return None


def _split_word(node):
    r"""``C\_prev`` as ``C_{prev}`` (the row itself defines the code name, so the reader would not split it)."""
    stem, _, w = node[1].rpartition("_")
    if stem and w in TIME_WORDS and not node[3]:
        return ("sym", stem, node[2], [("sym", w, None, None, None, 0)], node[4], node[5])
    return node


def _word_key(ref):
    """A key ``C_prev`` (a name a row defines, kept whole) as C with the word prev."""
    stem, _, w = ref.key.rpartition("_")
    if stem and w in TIME_WORDS and ref.time is None and not ref.word:
        return replace(ref, key=stem, word=w)
    return ref


def naming_row(tree, vocab) -> str | None:
    """Why ``tree`` is a naming row (module doc), else None."""
    if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="]:
        return None
    a, b = tree[1]
    if a[0] != "sym" or b[0] != "sym" or has_derivative(a) or has_derivative(b) or a == b:
        return None
    a, b = _split_word(a), _split_word(b)
    try:
        ra, rb = resolve(a, vocab), resolve(b, vocab)
    except NotReadable:
        return None
    ra, rb = _word_key(ra), _word_key(rb)
    if ra.key != rb.key or not (ra.word or rb.word) or (ra.transpose, ra.power, ra.primes, ra.block, ra.slice,
                                                         ra.index) != (rb.transpose, rb.power, rb.primes,
                                                                       rb.block, rb.slice, rb.index):
        return None
    oa, ob = step_offset(ra, vocab.time_var), step_offset(rb, vocab.time_var)
    if oa is None or oa != ob or not oa:      # f_{next} = f_t: a carrier handed the current value (kept)
        return None
    timed = b if not rb.word and ra.word else a if not ra.word and rb.word else None
    if timed is not None and timed[1] in getattr(vocab, "aliases", {}):
        # h_{prev} = hs_{t-1} with hs_t = h_t a row of the text (copynames.py): the step of the stored value is the
        # author's, not a list convention the reader assumes; the row names h_{prev} as the word says (read on)
        return None
    return ("both sides name the same quantity at the same step under the reader's reading of the time word "
            f"'{ra.word or rb.word}': the row states which value a code name holds (the convention the reader "
            "assumes), not a claim it can check")
