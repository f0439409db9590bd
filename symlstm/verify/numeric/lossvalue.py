r"""The loss's own name read as a value: ``L = \sum_t L_t``, ``\mathcal{L}(\theta) = \sum_t ||\hat{y}_t - y_t||``
restated after the forward rows defined it.

Inside a derivative (``\partial L / \partial W``) the loss name is a marker of the derivative's numerator; standing
as a term of a row it is the value of the loss the forward rows define (their loss row, with the total of the
steps' losses where a row states one), so a restatement that changes it fails. Where the derivation states no
loss, the reader's loss is a stand-in (a random linear or cross-entropy loss, or generic terms on quantities the
stated loss does not reach): its value says nothing of the author's, and the row stays unreadable.
"""
from __future__ import annotations

import numpy as np

__all__ = ["stated_loss_value", "loss_part_value", "summed_like_loss"]


def stated_loss_value(model, ctx):
    """The value of the loss the forward rows define in ``ctx``'s run, as a 1x1 array; None where the loss is
    the reader's stand-in (no loss row, generic terms added, or the steps' losses summed apart from it)."""
    if model is None or getattr(model, "loss_def", None) is None or getattr(model, "extra_loss", ()):
        return None
    if getattr(model, "step_sum", False):
        return None
    run = getattr(ctx, "run", None)
    loss = getattr(run, "loss", None)
    if loss is None:
        return None
    return np.array([[complex(loss)]])


def _loss_name(node, vocab) -> bool:
    r"""``L`` (the loss's name without a step) or ``\sum_t L_t`` (the steps' losses summed)."""
    from ...latex.notation import LOSS_NAMES
    from ..text.names import NotReadable, resolve
    if isinstance(node, tuple) and len(node) == 5 and node[0] == "big" and node[1] == "sum":
        body = node[4]
        while isinstance(body, tuple) and body and body[0] == "paren" and body[1] in ("{", "("):
            body = body[2]
        if not (isinstance(body, tuple) and body and body[0] == "sym"):
            return False
        try:
            ref = resolve(body, vocab)
        except NotReadable:
            return False
        return ref.key in LOSS_NAMES and ref.time is not None and not ref.index
    if not isinstance(node, tuple) or not node or node[0] != "sym":
        return False
    try:
        ref = resolve(node, vocab)
    except NotReadable:
        return False
    return ref.key in LOSS_NAMES and ref.time is None and not ref.word and not ref.index


def loss_part_value(node, ev, ctx):
    """The value of a side of a row that is the loss's name alone (``L``, ``\\mathcal{L}``, no step), or None."""
    if node[0] != "sym" or not _loss_name(node, ev.vocab):
        return None
    return stated_loss_value(ev.model, ctx)


def _loss_row_summed(ev) -> bool:
    """Is the derivation's loss row written as a vector the reader sums (``L_t = -y_t \\log(\\hat{y}_t)``:
    the dot product of the label with the log-probabilities written as a product of vectors)?"""
    model = ev.model
    cached = getattr(model, "_loss_row_summed", None)
    if cached is not None:
        return cached
    out = False
    try:
        v = ev.loss_value(model.loss_def, model.base, None, model.T)
        out = isinstance(v, np.ndarray) and v.size > 1
    except Exception:        # noqa: BLE001 - a loss row the reader cannot evaluate: no convention read
        out = False
    model._loss_row_summed = out
    return out


def summed_like_loss(parts, vals, indices, ev):
    r"""``L = \sum_t L_t = -\sum_t y_t \log(\hat{y}_t)``: where the derivation's own loss row writes the loss as
    a vector (a product of vectors for their dot product) and the reader reads that row summed, a side of a row
    equating the loss's name with such a vector is read the same way, summed; ``vals`` (the values of the parts
    ``indices``) with those sides summed. Every other row is left as it is (a vector side beside a loss
    written as a scalar stays a size mismatch)."""
    model = ev.model
    if stated_loss_value(model, type("C", (), {"run": model.base})()) is None:
        return vals
    loss_parts = {k for k, p in enumerate(parts) if _loss_name(p, ev.vocab)}
    if not loss_parts or not _loss_row_summed(ev):
        return vals
    out = []
    for k, v in zip(indices, vals):
        if k not in loss_parts and isinstance(v, np.ndarray) and v.dtype != object and v.size > 1:
            v = np.array([[np.sum(v)]], dtype=complex)
        out.append(v)
    return out
