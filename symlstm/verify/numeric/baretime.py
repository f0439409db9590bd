r"""A quantity's name without its time index, in a derivation that writes that quantity with one.

Where the rows write ``h_t``, ``C_{t-1}`` (a time index on the quantity), the bare ``h`` or ``C`` is not
that quantity: ``\frac{dL}{dC} \cdot \frac{dC}{dC_{t-1}}`` names something the derivation never defines
(``C_t`` meant), an error of the text, not a name the reader should guess at. Code-like derivations that
write time implicitly throughout (``dh``, ``c``, ``h_prev``, no ``t`` on the quantity anywhere) are not
concerned, nor is a bare name that a row defines (``z = W_y h_t + b_y``), nor a parameter (``W``, ``b``
never carry a time), nor an input (``x`` in a lemma about σ is a dummy variable).
"""
from __future__ import annotations

from ..text.names import NotReadable, Undefined, _node_text, key_latex, resolve
from ..text.trees import walk

__all__ = ["check_bare", "fused_time", "timed_only"]


def _lhs_syms(tree):
    lhs = tree[1][0] if tree and tree[1] else None
    return [lhs] if lhs is not None and lhs[0] == "sym" else []


def timed_only(rows, lo, hi, vocab) -> dict:
    """key -> a written form with its time (``h_{t}``) for every quantity of the cell that the rows ``lo..hi``
    write with a time index and never define under its bare name; empty where a row writes a time word
    (``c_{next}``, ``a_{prev}``: the step is implicit, as in code, and a bare ``c`` is the current one)."""
    timed, bare_defined = {}, set()
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
        for n in walk(tree):
            if n[0] != "sym":
                continue
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            if r.word:
                return {}       # c_{next}, a_{prev}: time written relative to an implicit step (code-like)
            if r.key in vocab.quantities and r.key not in vocab.params and r.time is not None:
                t = _node_text(r.time)
                shown = f"{key_latex(r.key)}_{{{t}}}" if len(t) > 1 else f"{key_latex(r.key)}_{t}"
                if r.key not in timed or len(shown) < len(timed[r.key]):
                    timed[r.key] = shown        # h_t rather than h_{t-1}
    return {k: w for k, w in timed.items() if k not in bare_defined}


def check_bare(ev, ref, lhs=False) -> None:
    r"""Raise Undefined for a written symbol read as ``ref`` that is a quantity the rows write with a time index,
    here without one (``h`` for ``h_t``). A left side (``\delta I = ...``) names what its row defines."""
    written = getattr(ev, "timed_only", None)
    if lhs:
        return
    if not written or ref.time is not None or ref.word or ref.key not in written:
        return
    if ref.index:       # s_k, \hat y_{i}: a letter the reader took for a component may be a step (a bound index)
        raise NotReadable(f"{key_latex(ref.key)}_{{{''.join(ref.index)}}}: the rows write {written[ref.key]} with a "
                          f"time; {', '.join(ref.index)} is read here as a component index (a step meant?)")
    raise Undefined(f"{key_latex(ref.key)} is not defined in this derivation (the rows write "
                    f"{written[ref.key]}: a time index is missing)", ref.key)


def fused_time(key, vocab) -> str:
    """``Ct`` where the rows write ``C_t``: a quantity's name run together with the time letter (no row defines
    the fused name); the intended form, else ""."""
    tv = vocab.time_var
    if not key or "_" in key or len(key) < 2 or not key.endswith(tv) or vocab.known(key):
        return ""
    base = key[:-len(tv)]
    return f"{key_latex(base)}_{tv}" if base in vocab.quantities else ""
