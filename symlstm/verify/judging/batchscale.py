r"""A batch's mean beside another division by the batch size.

The reader checks code on one example: a gradient's mean over the batch (``dzf.mean(axis=1, keepdims=True)``,
``np.mean(dz, axis=0)``) is then the gradient itself, which is right when the loss is a batch's mean and the
gradient reaching the row is the sum's (the scale is the loss's). Where the same code also divides a gradient by
the batch size (``dy = (probs - y) / y.shape[1]``, ``dW = dz @ x.T / bs``), one of the two scalings may be once
too many: the gradient the mean averages may already carry the 1/B, as a notebook's ``dy = (probs - y) / B``
followed by ``db = dz.mean(axis=1)`` does (its bias gradients are 1/B of the truth). One example cannot tell the
two apart, so such a mean passes no longer: it is unreadable, saying which line divides by the batch size.

A batch size is ``x.shape[k]``, ``len(x)`` or a name the fence sets to one of them (``bs = x.shape[1]``,
``m = len(X)``); a division by it on a gradient's line (its name as accumstarts.GRADIENT_NAME reads gradients,
or an entry of a dictionary of gradients, ``'Wf': dzf @ x.T / bs``) counts. Nothing is run: lines are matched
with bounded patterns.
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks
from .accumstarts import GRADIENT_NAME

__all__ = ["batch_scale_results", "BATCH_MEAN_WHY"]

#: The reason given on such a row.
BATCH_MEAN_WHY = ("a mean over the batch, and line {line} divides a gradient by the batch size too: the reader "
                  "checks one example, where a mean is the gradient itself, so whether the 1/B is taken once or "
                  "twice is not known to it; not judged")

#: The longest line looked at (a longer one is data or minified code).
MAX_LINE = 400
#: At most this many names of a batch size are followed (a file names one or two).
MAX_NAMES = 16

_MEAN = re.compile(r"\.mean\(\s*(?:axis|dim)\s*=|\bmean\(\s*[^()]{1,200}?,\s*(?:axis\s*=\s*|dim\s*=\s*)?-?\d")
_SIZE = r"(?:[A-Za-z_][\w.]*\.shape\[\s*-?\d\s*\]|[A-Za-z_][\w.]*\.size\(\s*-?\d\s*\)|len\(\s*[A-Za-z_][\w.]*\s*\))"
_SIZE_NAME = re.compile(rf"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?:float\(\s*|int\(\s*)?{_SIZE}\s*\)?\s*(?:#.*)?$")
_ASSIGN = re.compile(r"^\s*(?:self\.)?(?P<lhs>[A-Za-z_]\w*)(?:\[[^\]]{0,80}\])?\s*(?:[-+]?=)(?!=)")
_ENTRY = re.compile(r"^\s*['\"](?P<key>\w+)['\"]\s*:")


def _divides(line: str, names) -> bool:
    sizes = _SIZE if not names else rf"(?:{_SIZE}|\b(?:{'|'.join(map(re.escape, sorted(names)))})\b)"
    return re.search(rf"/\s*\(?\s*(?:float\(\s*)?{sizes}", line) is not None


def _gradient_line(line: str) -> bool:
    m = _ASSIGN.match(line)
    if m is not None:
        return GRADIENT_NAME.match(m["lhs"]) is not None
    return _ENTRY.match(line) is not None         # 'Wf': dzf @ x.T / bs, in a dictionary of gradients


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
            r.status, r.holds = "unreadable", None
            r.why = BATCH_MEAN_WHY.format(line=means[r.line])
            r.claimed = r.correct = r.difference = None
            r.correct_latex = None
        out.append(r)
    return out
