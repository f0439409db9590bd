r"""The state before step 0 read by the backward pass from an attribute the forward pass overwrote with its last step.

A layer that keeps its state between batches starts the forward loop from ``self.hprev`` and, after the loop, keeps
the last step's state there for the next batch::

    def forward_pass(self, X):
        for i in range(n_timesteps):
            h_prev = self.outputs[:, i - 1, :] if i > 0 else self.hprev
            ...
        self.hprev = self.outputs[:, -1, :].copy()

    def backward_pass(self, delta):
        for t in reversed(range(n_timesteps)):
            h_prev = self.outputs[:, t - 1, :] if t > 0 else self.hprev      # h_T, not the state before step 0

By the time the backward pass runs, ``self.hprev`` holds h_T: at step 0 it reads the last step's state where the
forward pass read the state before step 0. The reader would take the row for the fetch of h_{t-1} its first branch
is (it passes); it fails where it is written.

Judged only where it is certain from the text: in one fence, a function with a loop over a range that reads an
attribute ``self.A`` before the loop or in it and, after the loop at the function's own depth, sets ``self.A`` to a
value indexed at the last position (``[-1]``, ``[:, -1, :]``); in a later function whose name says it is a backward
pass, a loop over a range with a statement reading ``self.A`` as the branch taken at the first step (``... if t > 0
else self.A``, ``self.A if t == 0 else ...``), no statement of that function setting ``self.A`` before it.
"""
from __future__ import annotations

import re

from ..text.codeblocks import block_end, code_lines, indent
from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks
from .loopconstants import failing
from .accumstarts import RANGE_LOOP
from .updatedweights import BACKWARD_DEF

__all__ = ["last_state_results", "LAST_STATE_NOTE"]

#: The note on such a row.
LAST_STATE_NOTE = "the state before step 0 read after the forward pass kept its last step there"

_DEF = re.compile(r"^\s*def\s+\w+\s*\(")
#: ``self.hprev = self.outputs[:, -1, :].copy()``: an attribute set to a value at the last position.
_KEEP_LAST = re.compile(r"^\s*self\.(?P<attr>[A-Za-z_]\w*)\s*=\s*(?P<rhs>[^=].*\[[^\]]*(?<![\w\]])-1\s*(?:,[^\]]*)?\].*)$")
#: At most this many functions of a fence are looked at, and this many kept attributes followed.
MAX_FUNCTIONS, MAX_KEPT = 200, 32
#: An attribute read: ``self.hprev``.
_ATTR = re.compile(r"(?<![\w.])self\.([A-Za-z_]\w*)(?!\w)")


def last_state_results(text: str) -> list:
    """A failing :class:`RowResult` for each statement of a backward pass that reads, as the state before step 0, an
    attribute the forward pass set to its last step (module doc)."""
    out = []
    for start, _, body in fence_blocks(text, (*CODE_FENCE_LANGUAGES, "")):
        lines = code_lines(body)
        functions = [(k, block_end(lines, k)) for k in range(len(lines)) if _DEF.match(lines[k])][:MAX_FUNCTIONS]
        kept = {}           # attribute -> the line (index) setting it to the last step, after a loop reading it
        for k, end in functions:
            for attr, j in _kept_last(lines, k, end).items():
                kept.setdefault(attr, j)
            if BACKWARD_DEF.match(lines[k]) and kept:
                out += _first_step_reads(start, body, lines, k, end, kept)
    return out


def _kept_last(lines: list, k: int, end: int) -> dict:
    """{attribute: line} of the function on lines k..end: set after a loop of the function (at the function's
    depth) to a value at the last position, where the function reads it before that loop ends."""
    out = {}
    for j in range(k + 1, end):
        m = RANGE_LOOP.match(lines[j])
        if m is None:
            continue
        loop_end = min(block_end(lines, j), end)
        read = {m for x in range(k + 1, loop_end) for m in _ATTR.findall(lines[x])}    # (one pass)
        for i in range(loop_end, end):
            a = _KEEP_LAST.match(lines[i])
            if a is None or indent(lines[i]) != indent(lines[j]):
                continue        # (after the loop, at the loop's own depth)
            if a["attr"] in read and len(out) < MAX_KEPT:
                out.setdefault(a["attr"], i)
    return out


def _first_step_reads(start: int, body: list, lines: list, k: int, end: int, kept: dict) -> list:
    out = []
    for j in range(k + 1, end):
        m = RANGE_LOOP.match(lines[j])
        if m is None:
            continue
        var = re.escape(m["var"])
        loop_end = min(block_end(lines, j), end)
        for i in range(j + 1, loop_end):
            for attr in sorted(set(_ATTR.findall(lines[i])) & set(kept)) if " if " in lines[i] else ():
                at = kept[attr]
                esc = re.escape("self." + attr)
                first = (rf"\bif\s+{var}\s*(?:>\s*0|>=\s*1|!=\s*0)\s+else\s+{esc}(?!\w)",
                         rf"{esc}\s+if\s+{var}\s*==\s*0\b", rf"{esc}\s+if\s+not\s+{var}\b")
                if not any(re.search(p, lines[i]) for p in first):
                    continue
                if any(re.match(rf"^\s*{esc}\s*=(?!=)", lines[x]) for x in range(k + 1, i)):
                    continue        # (the backward pass sets it again first)
                out.append(failing(start, i, body, body, LAST_STATE_NOTE,
                                   f"at {m['var']} = 0 it reads self.{attr}, which line {start + at + 1} set to the "
                                   f"last step's value after the forward loop: the state before step 0 the forward "
                                   f"pass started from is no longer there"))
    return out
