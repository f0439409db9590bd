r"""A forward row that defines the loss's target.

A cross-entropy written ``L_t = -y_t \log \hat y_t`` names its target ``y_t`` beside the prediction ``\hat y_t``:
``y`` is the label, an input of the run. A forward row that defines ``y`` (``y_t = \text{softmax}(z_t)``, the
output named as the label; ``y = W x``, a lemma about a generic layer) is not a row of the cell: read into it, the
label would become a function of the weights and every row on ``\hat y - y`` would be judged against a different
loss. Such a row is left out of the cell: it fails when it writes the target as the loss does (``y_t``: the name
clashes), it is unreadable when it writes the bare name in a derivation whose rows write a time (a lemma on names
of its own). When no row defines the prediction ``\hat y_t``, a clashing row that writes the target as the loss
does is read, for the other rows, as the prediction's definition (the hat dropped: "y_t, the output probabilities
after softmax" in a text whose loss reads ``\hat y_t``); it fails itself. A prediction defined from the name (``\hat y_t = \sigma(y_t)``: y the pre-activation) is no clash. Nor is a loss
without a logarithm (a squared error): it is the same loss whichever of ``y_t`` and ``\hat y_t`` is the label, so
``y_t = w_y h_t`` beside a ``\hat y_t`` no row defines is the prediction (the hat the label's, as some notes write).
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import symbols

__all__ = ["target_clashes"]


def _refs(parts, vocab):
    out = []
    for p in parts:
        for n in symbols(p):
            try:
                out.append(resolve(n, vocab))
            except NotReadable:
                pass
    return out


def _logged(parts) -> bool:
    """Does the loss take a logarithm (a cross-entropy, whose target and prediction are not interchangeable)?"""
    stack = list(parts)
    while stack:
        n = stack.pop()
        if isinstance(n, str):
            if n in ("log", "ln", "\\log", "\\ln"):
                return True
        elif isinstance(n, (tuple, list)):
            stack.extend(n)
    return False


def _log_arguments(parts, vocab) -> set:
    r"""The keys of the names a logarithm of the loss is applied to (``\log y_{t,i}``, ``\log(\hat y_t)``)."""
    from ..text.trees import walk
    out = set()
    for part in parts:
        for n in walk(part):
            if n[0] != "mul" or len(n) < 2:
                continue
            items = n[1]
            for a, b in zip(items, items[1:]):
                if a[0] == "sym" and a[1] in ("log", "ln") and a[3] is None:
                    out |= {r.key for r in _refs([b], vocab)}
    return out


def target_clashes(cands, vocab) -> dict:
    """row -> (why, unreadable) for the candidate forward rows (row, keys, refs, parts, rels) that define a name the
    loss rows read as their target (the name beside its hatted prediction)."""
    targets = {}
    for k, keys, refs, parts, rels in cands:
        if rels[0] != "=" or not any(key in LOSS_NAMES for key in keys) or not _logged(parts[1:]):
            continue        # (a squared error, (y_t - \hat y_t)^2, is the same loss whichever of the two is
            #                 the label: y_t = w_y h_t beside a \hat y_t no row defines is the prediction)
        read = _refs(parts[1:], vocab)
        hats = {r.key for r in read if r.key.startswith("hat:")}
        logged = _log_arguments(parts[1:], vocab)
        for r in read:
            if "hat:" + r.key in hats and r.key not in LOSS_NAMES and \
                    not (r.key in logged and "hat:" + r.key not in logged):
                targets.setdefault(r.key, (k, r))
            # (L_t = -\sum_i \hat y_{t,i} \log y_{t,i}: the log's argument is the prediction, the hat the label's)
    if not targets:
        return {}
    hat_reads = {}
    for k, keys, refs, parts, rels in cands:
        for key in keys:
            if key.startswith("hat:") and key[4:] in targets:
                hat_reads.setdefault(key[4:], set()).update(r.key for r in _refs(parts[1:], vocab))
    out = {}
    for k, keys, refs, parts, rels in cands:
        if any(key in LOSS_NAMES for key in keys):
            continue
        for key, ref in zip(keys, refs):
            if key not in targets or key in hat_reads.get(key, ()):
                continue
            loss_row, tref = targets[key]
            bare = ref.time is None and not ref.word and (tref.time is not None or tref.word)
            name = key_latex(key)
            if bare:
                why = (f"{name} is the target of the loss (its rows write it with a time, beside \\hat{{{name}}}); "
                       f"this row defines a bare {name} (a lemma on names of its own?): not a row of the cell")
            else:
                why = (f"{name} is the target of the loss (beside the prediction \\hat{{{name}}}), but this row "
                       f"defines it as a forward quantity: the label cannot be computed by the cell")
            hat = "hat:" + key
            if not bare and not any(hat in keys2 for _, keys2, _, _, _ in cands):
                # \hat y_t defined by no row: the row is read as its definition (the hat dropped), for the others
                why += f" (read as the definition of \\hat{{{name}}}, which no row defines)"
                out[k] = (why, bare, hat)
            else:
                out[k] = (why, bare, None)
    return out
