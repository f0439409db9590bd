r"""A batch's mean beside an upstream gradient divided by the batch size.

The reader checks code on one example: a gradient's mean over the batch (``dzf.mean(axis=1, keepdims=True)``,
``np.mean(dz, axis=0)``) is then the gradient itself, which is right when the loss is a batch's mean and the
gradient reaching the row is the sum's (the scale is the loss's). Where the code also divides an upstream gradient
by the batch size (``dy = (probs - y) / y.shape[1]``: the output's gradient of a batch-mean loss), the gradient
the mean averages may already carry the 1/B, as a notebook's ``dy = (probs - y) / B`` followed by ``db =
dz.mean(axis=1)`` does (its bias gradients are 1/B of the truth). One example cannot tell the two apart, so such
a mean passes no longer: it is unreadable, saying which line divides by the batch size. A parameter's gradient
divided by it (``dW = dz @ x.T / bs`` beside ``db = dz.mean(axis=0)``) is scaled as the mean is: no doubt there.

A batch size is ``x.shape[k]``, ``len(x)`` or a name the fence sets to one of them (``bs = x.shape[1]``,
``m = len(X)``); a division by it on an upstream gradient's line (a gradient's name as accumstarts.GRADIENT_NAME
reads gradients, not a parameter's: ``dy``, ``dz``, ``dlogits``) counts. Nothing is run: lines are matched with
bounded patterns.
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks
from .accumstarts import GRADIENT_NAME

__all__ = ["batch_scale_results", "BATCH_MEAN_WHY"]

#: The reason given on such a row.
BATCH_MEAN_WHY = ("a mean over the batch, and line {line} divides an upstream gradient by the batch size: the "
                  "reader checks one example, where a mean is the gradient itself, so whether the 1/B is taken once "
                  "or twice is not known to it; not judged")

#: The longest line looked at (a longer one is data or minified code).
MAX_LINE = 400
#: At most this many names of a batch size are followed (a file names one or two).
MAX_NAMES = 16

_MEAN = re.compile(r"\.mean\(\s*(?:axis|dim)\s*=|\bmean\(\s*[^()]{1,200}?,\s*(?:axis\s*=\s*|dim\s*=\s*)?-?\d")
_SIZE = r"(?:[A-Za-z_][\w.]*\.shape\[\s*-?\d\s*\]|[A-Za-z_][\w.]*\.size\(\s*-?\d\s*\)|len\(\s*[A-Za-z_][\w.]*\s*\))"
_SIZE_NAME = re.compile(rf"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?:float\(\s*|int\(\s*)?{_SIZE}\s*\)?\s*(?:#.*)?$")
_ASSIGN = re.compile(r"^\s*(?:self\.)?(?P<lhs>[A-Za-z_]\w*)(?:\[[^\]]{0,80}\])?\s*(?:[-+]?=)(?!=)")


def _divides(line: str, names) -> bool:
    sizes = _SIZE if not names else rf"(?:{_SIZE}|\b(?:{'|'.join(map(re.escape, sorted(names)))})\b)"
    return re.search(rf"/\s*\(?\s*(?:float\(\s*)?{sizes}", line) is not None


#: A parameter's gradient (dW_o, dbf, grad_W; an entry 'Wf' of a dictionary of gradients): scaled as the bias's
#: mean beside it is, whatever the loss.
_PARAMETER_GRADIENT = re.compile(r"^(?:d_?|grad_?|delta_?)?[WUVb](?:_|[a-z]{0,3}(?:_|$|[A-Z\d])|$)")


def _gradient_line(line: str) -> bool:
    """Does the line divide an upstream gradient (dy, dz, dlogits), not a parameter's (dW = dz @ x.T / bs, scaled
    once as the bias's mean beside it is)?"""
    m = _ASSIGN.match(line)
    if m is not None:
        return GRADIENT_NAME.match(m["lhs"]) is not None and not _PARAMETER_GRADIENT.match(m["lhs"])
    return False        # ('Wf': dzf @ x.T / bs, an entry of a dictionary of the parameters' gradients)


def batch_scale_results(text: str, results: list) -> list:
    """``results`` with each passing row on a line that takes a mean over the batch made unreadable where the
    code divides a gradient by the batch size on another line (module doc)."""
    code = [(start + i + 1, x.split("#", 1)[0]) for start, _, lines in fence_blocks(text, (*CODE_FENCE_LANGUAGES, ""))
            for i, x in enumerate(lines) if len(x) <= MAX_LINE]
    names = sorted({m["name"] for _, x in code if (m := _SIZE_NAME.match(x))})[:MAX_NAMES]
    divided = [n for n, x in code if _gradient_line(x) and _divides(x, names)]
    means = {}
    for n, x in code if divided else ():     # (a notebook's cells are one program: every fence counts)
        others = [d for d in divided if d != n]
        if others and _MEAN.search(x):
            means[n] = min(others, key=lambda d, n=n: abs(d - n))
    if not means:
        return results
    out = []
    for r in results:
        if r.status == "pass" and r.line in means:
            r.unread(BATCH_MEAN_WHY.format(line=means[r.line]))
        out.append(r)
    return out
