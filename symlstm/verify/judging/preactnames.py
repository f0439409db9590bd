r"""Pre-activations whose gradients the derivation writes under their own names.

A backward pass that writes ``\delta \bar z^t``, ``\delta \bar i^t`` (the gradients of the pre-activations, named
by their own symbols) distinguishes them from ``\delta z^{t+1}``, ``\delta i^{t+1}``: in the same file those are
the gradients of the activations z, i, not of their net inputs. Where the file never names a pre-activation's
gradient, ``\delta z`` may still be read as it (Greff et al.'s and classic backprop's usage).
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["named_preact_gradients"]

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
