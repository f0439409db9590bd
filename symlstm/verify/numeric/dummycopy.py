r"""Labelled copies of a quantity (the "dummy variables" of BPTT): ``s_a^{(k-1)}``, ``s_b^{(k-1)}``.

A text splits a quantity s^{(k-1)} into copies, one per group of its readers ("s_a, whose influence flows only
via s^{(k)}; s_b, whose influence flows only through h^{(k-1)}"), and writes
``\partial J/\partial s = \partial J/\partial s_a + \partial J/\partial s_b``. The prose that names the readers is
not read; the rows name them: a copy X_a is read only when the file writes ``\partial Y / \partial X_a`` with Y a
quantity whose forward row reads X directly (at the written step offset). X_a then has X's value, and a derivative
by X_a perturbs X only where those readers read it. A copy whose readers no row names, or names a reader that
does not read X directly, stays undefined (unreadable).

Only a label on a quantity whose family has no labelled member is a copy (``W_z`` beside ``W_f`` is a misuse).
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, resolve
from ..text.trees import symbols, walk

__all__ = ["dummy_copies", "copy_filter", "copy_gradient"]


def _is_copy(key, vocab) -> bool:
    base, _, label = str(key).partition("_")
    if not label or base not in vocab.quantities or vocab.known(key):
        return False
    names = vocab.quantities | vocab.static | vocab.params | vocab.inputs | vocab.targets | set(vocab.aliases)
    return not any(str(n).partition("_")[0] == base and str(n).partition("_")[2] for n in names)


def _steps(node):
    """The integer value of a time expression with every letter at one common step (offsets only), or None."""
    if node is None:
        return None
    k = node[0]
    if k == "num":
        try:
            return int(node[1])
        except ValueError:
            return None
    if k == "sym":
        return 1000 if node[3] is None and node[4] is None and not node[5] else None
    if k == "add":
        tot = 0
        for s, t in node[1]:
            v = _steps(t)
            if v is None:
                return None
            tot += v if s == "+" else -v
        return tot
    if k == "paren":
        return _steps(node[2])
    return None


def _time_node(node, ref):
    """The step a name is written at: its resolved time, or a parenthesised superscript (s^{(k-1)} where the
    file's time letter is another one: the rows are judged with k as the step)."""
    if ref.time is not None:
        return ref.time
    sup = node[4]
    if sup and len(sup) == 1 and sup[0][0] == "paren" and sup[0][1] == "(":
        return sup[0][2]
    return None


def _letters(node) -> set:
    return {n[1] for n in walk(node) if n[0] == "sym"} if node is not None else set()


def dummy_copies(rows, forward, model, vocab) -> dict:
    """copy key -> (base key, frozenset of (reader key, step offset)) for every copy the rows read (module doc)."""
    found, bad = {}, set()
    readers = {}            # base key -> {(reader key, offset)} of its direct readers in the forward rows
    for d in model.defs:
        for n in symbols(d.node):
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            shift = 1 if r.word in ("prev", "old") or (r.time is not None and r.time[0] == "add") else 0
            readers.setdefault(r.key, set()).add((d.keys[0], shift))
    for k, row in enumerate(rows):
        if k in forward or row is None:
            continue
        for n in walk(row):
            if n[0] != "frac" or n[1][0] != "pre" or n[2][0] != "pre":
                continue
            top, bottom = n[1][3], n[2][3]
            if top is None or bottom is None or top[0] != "sym" or bottom[0] != "sym":
                continue
            try:
                rt, rb = resolve(top, vocab), resolve(bottom, vocab)
            except NotReadable:
                continue
            if not _is_copy(rb.key, vocab) or rt.key in LOSS_NAMES:
                continue
            base = rb.key.partition("_")[0]
            ta, tb = _time_node(top, rt), _time_node(bottom, rb)
            a, b = _steps(ta), _steps(tb)
            if rt.key not in vocab.quantities or a is None or b is None or rt.word or rb.word or \
                    len(_letters(ta) | _letters(tb)) > 1:
                bad.add(rb.key)
                continue
            reader = (rt.key, a - b)
            if reader not in readers.get(base, set()):
                bad.add(rb.key)             # \partial Y / \partial X_a with Y not a direct reader of X: not read
                continue
            found.setdefault(rb.key, (base, set()))[1].add(reader)
    out = {k: (base, frozenset(rs)) for k, (base, rs) in found.items() if k not in bad}
    # copies of one quantity must split its readers: no reader in two copies
    clash = {k for k, (base, rs) in out.items()
             if any(o != k and ob == base and rs & ors for o, (ob, ors) in out.items())}
    return {k: v for k, v in out.items() if k not in clash}


def copy_filter(readers, tau):
    """The reader filter of a perturbation of the copy at step ``tau``: only the copy's readers see it."""
    return lambda site, rs=readers, tau=tau: site[0] != "loss" and (site[0], site[2] - tau) in rs


def copy_gradient(model, key, tau, readers, step):
    """dL/d(copy of ``key`` at ``tau``): the loss's derivative with the copy's readers alone perturbed (complex
    step ``step``, the numeric layer's own)."""
    import numpy as np
    base = model.value(key, tau)
    filt = copy_filter(readers, tau)
    out = np.zeros(base.shape, dtype=complex)
    for idx in np.ndindex(*base.shape):
        delta = np.zeros(base.shape, dtype=complex)
        delta[idx] = step * 1j
        out[idx] = np.imag(model.run({(key, tau): (delta, filt)}).loss) / step
    return out
