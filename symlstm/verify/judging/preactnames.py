r"""Pre-activations whose gradients the derivation writes under their own names.

A backward pass that writes ``\delta \bar z^t``, ``\delta \bar i^t`` (the gradients of the pre-activations, named
by their own symbols) distinguishes them from ``\delta z^{t+1}``, ``\delta i^{t+1}``: in the same file those are
the gradients of the activations z, i, not of their net inputs, when a row defines them so. Where the file never
names a pre-activation's gradient, ``\delta z`` may still be read as it (Greff et al.'s and classic backprop's
usage), and so where no row defines ``\delta z`` itself: Greff et al.'s own recursion, ``\delta y^t = \Delta^t +
R_z^T \delta z^{t+1} + ...`` beside ``\delta \bar z^t = ...``, drops the bars there.
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["named_preact_gradients", "unit_gradients_defined"]

#: Gradient prefixes (the ``pre`` node's word) that name a gradient by its variable.
_GRADIENT_WORDS = ("delta", "Delta")


def named_preact_gradients(rows, vocab) -> frozenset:
    """Keys of pre-activations (vocab.preacts' values) whose gradient a backward row writes by their own name."""
    pre_keys = {p for _, p in vocab.preacts.values()}
    out = set()
    if not pre_keys:
        return frozenset()
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] != "pre" or n[1] not in _GRADIENT_WORDS or not isinstance(n[3], tuple) or n[3][0] != "sym":
                continue
            try:
                key = resolve(n[3], vocab).key
            except NotReadable:
                continue
            if key in pre_keys:
                out.add(key)
    return frozenset(out)


def unit_gradients_defined(rows, vocab) -> frozenset:
    r"""Keys of units with a pre-activation (vocab.preacts) whose own gradient a row defines on its left
    (``\delta z^t = ...``): in a file that names the pre-activations' gradients too, those are two quantities."""
    out = set()
    for tree in rows:
        if tree is None or not tree[1]:
            continue
        n = tree[1][0]
        if n[0] != "pre" or n[1] not in _GRADIENT_WORDS or not isinstance(n[3], tuple) or n[3][0] != "sym":
            continue
        try:
            key = resolve(n[3], vocab).key
        except NotReadable:
            continue
        if key in vocab.preacts:
            out.add(key)
    return frozenset(out)
