r"""Blocks of a stacked quantity defined by several rows (``ZRC_t^{(ZR)} = ...``, later ``ZRC_t^{(C)} = ...``).

* **The letters of a stack** are a table read from the file: the labels of the rows that define its blocks, in
  their order, when they partition it (``ZR`` then ``C``: ``ZRC``); else the capitals its name starts with
  (``IFOGf``: ``IFOG``). No cell's gate names are assumed.
* **Dependencies by block.** A row that reads ``ZRC_t^{(ZR)}`` depends on the rows that define the blocks it
  reads, not on every block of ZRC (``ZRC^{(C)}`` is computed from ``ZRC_n^{(R)}``, which is computed from
  ``ZRC^{(ZR)}``: by whole names that is a cycle, by blocks an order).
* **Reading a block before the whole.** Until every block of a step is computed the stack holds the blocks
  computed so far (the rest zero, marked as missing); a block read there is its value, a read of a block not
  computed yet (or of the whole) is an error, as any name read before its row.
"""
from __future__ import annotations

import numpy as np


__all__ = ["block_reads", "defs_of_block", "stack_letters", "missing_blocks", "partial_stack"]


def _caps(key: str) -> str:
    """The capitals a name starts with (IFOGf -> IFOG, dZRC_n -> ZRC), two or more."""
    caps = ""
    for ch in key:
        if ch.isupper():
            caps += ch
        elif caps:
            break
    return caps if len(caps) >= 2 else ""


def block_reads(node, vocab, at=0) -> dict:
    """key -> the set of block letters an expression reads of it (None: the whole is read somewhere)."""
    from ..text.names import NotReadable, resolve      # (imported here: keeps the import chains short)
    out: dict = {}

    def visit(n):
        if not isinstance(n, tuple) or not n:
            return
        if n[0] == "sym":
            try:
                r = resolve(n, vocab)
            except NotReadable:
                return
            if r.block:
                if out.get(r.key, set()) is not None:
                    out.setdefault(r.key, set()).update(r.block)
            else:
                out[r.key] = None
            return
        for x in n[1:]:
            if isinstance(x, tuple):
                visit(x)
            elif isinstance(x, list):
                for y in x:
                    if isinstance(y, tuple) and len(y) == 2 and isinstance(y[0], str) and y[0] in "+-":
                        visit(y[1])
                    elif isinstance(y, list):
                        for z in y:
                            visit(z)
                    else:
                        visit(y)

    visit(node)
    return out


def defs_of_block(defs, letters):
    """The definitions of a name a row depends on when it reads the blocks ``letters`` (None: all)."""
    if not letters or not any(d.block for d in defs):
        return defs
    return [d for d in defs if not d.block or set(d.block) & set(letters)]


def stack_letters(key, defs) -> str:
    """The block letters of a stacked name, in order (see the module docstring)."""
    labels = [d.block for d in defs if d.block]
    joined = "".join(labels)
    caps = _caps(key)
    if caps and set(joined) <= set(caps):
        return caps
    if joined and len(set(joined)) == len(joined):
        return joined
    return caps


def missing_blocks(run, key, tau, letters) -> bool:
    """Is a block in ``letters`` (or the whole, for ``""``) of ``key`` at ``tau`` not computed yet?"""
    have = run.values.get((key, tau, "partial"))
    if have is None:
        return False
    return not letters or not set(letters) <= have


def partial_stack(run, key, tau, blocks, letters):
    """Store the blocks of ``key`` computed so far at ``tau`` as its value, the others zero and marked missing."""
    have = [b for b in blocks if (key, tau, "block", b) in run.values]
    if not letters or not have or sorted("".join(blocks)) != sorted(letters):
        return
    first = run.values[(key, tau, "block", have[0])]
    if min(first.shape) != 1 or first.size % len(have[0]):
        return
    n = first.size // len(have[0])
    column = first.shape[1] == 1
    flat = np.zeros(n * len(letters), dtype=first.dtype)
    for b in have:
        v = run.values[(key, tau, "block", b)].reshape(-1)
        a = letters.index(b[0]) * n
        if v.size != n * len(b) or letters[letters.index(b[0]):letters.index(b[0]) + len(b)] != b:
            return
        flat[a:a + v.size] = v
    run.values[(key, tau)] = flat.reshape(-1, 1) if column else flat.reshape(1, -1)
    run.values[(key, tau, "partial")] = set("".join(have))
