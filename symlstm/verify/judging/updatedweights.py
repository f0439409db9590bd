r"""A weight read by the backward pass after the same function has updated it in place.

A layer that applies its own update inside ``backward`` must pass the gradient on with the weights of the forward
pass::

    def backward(self, loss_grad, lr):
        dW1 = torch.matmul(self.X.T, hidden_layer_chain_d)
        self.W1 -= torch.clip(dW1, min=-1, max=1).mul(lr)
        ...
        out_chain_d = torch.matmul(hidden_layer_chain_d, self.W1.T)     # the updated W1: wrong

The last statement reads W1 after ``self.W1 -= ...``: the gradient it passes on is taken at the new weights, not at
those the forward pass used. The reader would take the row for a definition of a new name (it passes); it fails
where it is written.

Judged only where it is certain from the text: in a function whose name says it is a backward pass
(``backward``, ``backprop``, ``bptt``, ``*_grad``), a statement updating a name in place (``W -= ...``,
``self.W1 -= ...``, ``W = W - lr * dW``) and a later assignment of the same function, at the same depth or deeper
and not in another branch of a test, that reads the name and assigns another name (not a further update of a
weight: ``self.W1 = np.clip(self.W1, ...)``, ``self.b1 -= ...``).
"""
from __future__ import annotations

import re

from ..text.codeblocks import block_end, code_lines, indent
from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks
from .loopconstants import failing

__all__ = ["updated_weight_results", "UPDATED_NOTE", "BACKWARD_DEF"]

#: The note on such a row.
UPDATED_NOTE = "a weight read after the backward pass has updated it"

#: A backward pass's function.
BACKWARD_DEF = re.compile(r"^\s*def\s+(?:\w*backward\w*|\w*backprop\w*|\w*bptt\w*|\w*_grad(?:ient)?s?)\s*\(", re.I)
#: An update in place: ``self.W1 -= ...``, ``W = W - lr * dW``.
_UPDATE = re.compile(r"^\s*(?P<name>(?:self\.)?[A-Za-z_]\w*)\s*(?:-=|\+=\s*-)|"
                     r"^\s*(?P<name2>(?:self\.)?[A-Za-z_]\w*)\s*=\s*(?P=name2)\s*-\s*\(?\s*(?:lr|eta|alpha|"
                     r"learning_rate|self\.lr|self\.learning_rate|step_size)\b")
_ASSIGNED = re.compile(r"^\s*(?P<lhs>(?:self\.)?[A-Za-z_]\w*)(?:\[[^\]]{0,80}\])?\s*(?P<op>[-+*/@]?=)(?!=)\s*(?P<rhs>.+)$")
#: The weights' names (a gradient, a moment or a cache is not updated as a weight: dW, m_W, cache_W).
_WEIGHT = re.compile(r"^(?:self\.)?(?:[WUV]\w*|w_\w+|weights?\w*|kernel\w*)$")
_WORD = re.compile(r"(?<![\w])[A-Za-z_]\w*")
#: At most this many updated names per function are followed.
MAX_UPDATES = 32


def updated_weight_results(text: str) -> list:
    """A failing :class:`RowResult` for each statement of a backward pass that reads a weight after the pass
    updated it in place (module doc)."""
    out = []
    for start, _, body in fence_blocks(text, (*CODE_FENCE_LANGUAGES, "")):
        lines = code_lines(body)
        k = 0
        while k < len(lines):
            if not BACKWARD_DEF.match(lines[k]):
                k += 1
                continue
            end = block_end(lines, k)
            out += _judge(start, body, lines, k + 1, end)
            k = end
    return out


def _judge(start, body, lines, lo, hi):
    out, updated = [], {}
    for j in range(lo, hi):
        line = lines[j]
        if not line.strip():
            continue
        for name, (_, depth) in list(updated.items()):      # leaving the block that updated it: another path
            if indent(line) < depth:
                del updated[name]
        m = _UPDATE.match(line)
        if m is not None:
            name = (m["name"] or m["name2"]).removeprefix("self.")
            if _WEIGHT.match(name) and len(updated) < MAX_UPDATES:
                updated.setdefault(name, (j, indent(line)))
            continue
        a = _ASSIGNED.match(line)
        if a is None or a["op"] != "=":
            continue
        lhs = a["lhs"].removeprefix("self.")
        if lhs in updated or _WEIGHT.match(lhs) or re.match(r"\s*[\[{(]|\s*(?:self\.)?\w+\s*$", a["rhs"]):
            continue        # the update's own clip, another weight's; a list of the parameters, a copy of one
        words = set(_WORD.findall(a["rhs"]))
        read = [n for n in updated if n in words]
        if read:
            n = read[0]
            out.append(failing(start, j, body, body, UPDATED_NOTE,
                               f"it reads {n} after line {start + updated[n][0] + 1} has updated it: the gradient "
                               f"passed on needs the {n} of the forward pass, not the updated one"))
    return out
