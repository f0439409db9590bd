r"""A quantity's name without its time index, in a derivation that writes that quantity with one.

Where the rows write ``h_t``, ``C_{t-1}`` (a time index on the quantity), the bare ``h`` or ``C`` is not
that quantity: ``\frac{dL}{dC} \cdot \frac{dC}{dC_{t-1}}`` names something the derivation never defines
(``C_t`` meant), an error of the text, not a name the reader should guess at. Code-like derivations that
write time implicitly throughout (``dh``, ``c``, ``h_prev``, no ``t`` on the quantity anywhere) are not
concerned, nor is a bare name that a row defines (``z = W_y h_t + b_y``), nor a parameter (``W``, ``b``
never carry a time), nor an input (``x`` in a lemma about σ is a dummy variable).
"""
from __future__ import annotations

from ..text.names import LAYER_LETTERS, NotReadable, Undefined, _node_text, gradient_split, key_latex, resolve
from ..text.trees import children, symbols, walk

__all__ = ["bare_in_forward", "check_bare", "fused_time", "timed_only"]


def _lhs_syms(tree):
    r"""The names a row's left side defines: one name, or each entry of a stacked column (row) of names,
    ``\begin{pmatrix} i \\ f \\ o \\ g \end{pmatrix} = ...`` (the gates defined at once, under bare names)."""
    lhs = tree[1][0] if tree and tree[1] else None
    if lhs is not None and lhs[0] == "matrix" and lhs[1]:
        cells = [c for row in lhs[1] for c in row]
        if (len(lhs[1]) == 1 or all(len(row) == 1 for row in lhs[1])) and all(c[0] == "sym" for c in cells):
            return cells
    return [lhs] if lhs is not None and lhs[0] == "sym" else []


def timed_only(rows, lo, hi, vocab) -> dict:
    """key -> a written form with its time (``h_{t}``) for every quantity of the cell that the rows ``lo..hi``
    write with a time index and never define under its bare name; empty where a row writes a time word
    (``c_{next}``, ``a_{prev}``: the step is implicit, as in code, and a bare ``c`` is the current one) or
    defines the gradient of a quantity under a bare d-name (``dr = ...``: a backward pass written as code)."""
    if getattr(vocab, "code", False) is True:
        return {}       # numpy code: a step function's x is the step's x_t whatever other lines write (x_t = X[t])
    timed, bare_defined, worded = {}, set(), set()
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None:
            continue
        for n in _lhs_syms(tree):
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            if r.time is None and not r.word:
                bare_defined.add(r.key)
                split = gradient_split(r.key)
                if split is not None and split[1] in vocab.quantities and split[1] not in vocab.params and \
                        any(_op in ("=", "+=") for _op in tree[2]):
                    return {}       # dr = ..., dh = ...: a backward pass written as code, the step implicit
        for n in walk(tree):
            if n[0] != "sym":
                continue
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            if r.word:
                worded.add(r.key)       # c_{next}, a_{prev}: time written relative to an implicit step (code-like)
                continue
            if r.key in vocab.quantities and r.key not in vocab.params and r.time is not None:
                t = _node_text(r.time)
                shown = f"{key_latex(r.key)}_{{{t}}}" if len(t) > 1 else f"{key_latex(r.key)}_{t}"
                if r.key not in timed or len(shown) < len(timed[r.key]):
                    timed[r.key] = shown        # h_t rather than h_{t-1}
    return {k: w for k, w in timed.items() if k not in bare_defined and k not in worded}


def check_bare(ev, ref, lhs=False, written=None) -> None:
    r"""Raise Undefined for a written symbol read as ``ref`` that is a quantity the rows write with a time index,
    here without one (``h`` for ``h_t``). A left side (``\delta I = ...``) names what its row defines."""
    written = getattr(ev, "timed_only", None) if written is None else written
    if lhs:
        return
    if not written or ref.time is not None or ref.word or ref.key not in written:
        return
    if ref.block in LAYER_LETTERS or ref.block[:1] in LAYER_LETTERS and ref.block[1:2] in "+-":
        # h^{(l)}, h^{(l-1)} where the rows write h_t: a layer index, not a missing time
        raise NotReadable(f"^{{({ref.block})}} of {key_latex(ref.key)}: a layer index, but the rows define a cell of "
                          f"one layer (no row states how layers connect)")
    if ref.index:       # s_k, \hat y_{i}: a letter the reader took for a component may be a step (a bound index)
        raise NotReadable(f"{key_latex(ref.key)}_{{{''.join(ref.index)}}}: the rows write {written[ref.key]} with a "
                          f"time; {', '.join(ref.index)} is read here as a component index (a step meant?)")
    raise Undefined(f"{key_latex(ref.key)} is not defined in this derivation (the rows write "
                    f"{written[ref.key]}: a time index is missing)", ref.key)


def bare_in_forward(rows, forward, ev) -> dict:
    r"""Forward rows that read a quantity without its time index where the derivation writes it with one
    (``h_t = (1-z) \odot n_t + z_t \odot h_{t-1}``: the bare ``z`` is not ``z_t``), judged as :func:`check_bare`
    judges the backward rows: Def row -> (message, unreadable). A bare name with a component letter
    (``z_{j}``) may be a step (unreadable); the left side names what the row defines; the body of a sum or a
    product (``\sum_k``, which binds its own letters) is not looked into. The forms with a time are those of
    the forward rows themselves (a time word there, ``c_{next} = ...``, makes them code-like; a backward row's
    ``dh_{next}`` does not make the forward rows' bare ``z`` the ``z_t`` they write)."""
    out = {}
    written = timed_only([r if k in forward else None for k, r in enumerate(rows)], 0, len(rows), ev.vocab)
    if not written:
        return out
    for k, d in sorted(forward.items()):
        tree = rows[k] if 0 <= k < len(rows) else None
        if tree is None or d.row in out or not _timed_lhs(tree[1][0], ev.vocab):
            continue
        found = []
        for part in tree[1][1:]:
            _bare_syms(part, ev, written, found)
        bad = [f for f in found if not f[1]] or found
        if bad:
            out[d.row] = bad[0]
    return out


def _timed_lhs(lhs, vocab) -> bool:
    """Every name a left side defines carries a time (``h_t = ...``); ``h' = \tanh(W x + U h)`` is written
    with the step implicit (its bare names are its own notation, a cell restated code-like)."""
    refs = []
    for n in symbols(lhs):
        try:
            refs.append(resolve(n, vocab))
        except NotReadable:
            return False
    return bool(refs) and all(r.time is not None and not r.word for r in refs)


def _bare_syms(node, ev, written, found):
    if not isinstance(node, tuple) or not node or node[0] == "big":
        return
    if node[0] == "sym":
        try:
            ref = resolve(node, ev.vocab)
        except NotReadable:
            return
        try:
            check_bare(ev, ref, written=written)
        except Undefined as e:
            found.append((str(e), False))
        except NotReadable as e:
            found.append((str(e), True))
        return
    for x in children(node):
        _bare_syms(x, ev, written, found)


def fused_time(key, vocab) -> str:
    """``Ct`` where the rows write ``C_t``: a quantity's name run together with the time letter (no row defines
    the fused name); the intended form, else ""."""
    tv = vocab.time_var
    if not key or "_" in key or len(key) < 2 or not key.endswith(tv) or vocab.known(key):
        return ""
    base = key[:-len(tv)]
    return f"{key_latex(base)}_{tv}" if base in vocab.quantities else ""
