r"""A value of the forward loop's last step read at every step of a later loop over the steps.

A char-LSTM after min-char-rnn computes its gates in plain names inside the forward loop and keeps only the states
per step::

    for t in xrange(len(inputs)):
        a = np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh
        ai, af, ao, ag = a[0:H], a[H:2*H], a[2*H:3*H], a[3*H:4*H]
        o = sigmoid(ao)
        ...
    for t in reversed(xrange(len(inputs))):
        ...
        dprev_c = dnext_c * f

In the second loop ``f`` is what the first loop left: the forget gate of the last step, at every step. The reader
would take ``f`` for the step's gate (the name says so) and pass the row; it holds at the last step only.

An activation object (built from an activation class, or held by a name that says so) applied in the forward
loop (``self.activation.forward(ht)``, its ``output`` overwritten at every step) and asked for its derivative in a
later loop (``self.activation.backward(dh)`` as a statement of its own, run for its effect on the object; ``dht =
self.activation.dinputs``) without being applied again there gives the last step's derivative at every step.
(``self.activator.backward(logit_s)`` used as a value computes the derivative at its argument: no state.)

Judged only where it is certain from the text: two loops over ``t`` at the same indentation in one block (the
second after the first ends, no statement between them leaving the block; for an object an attribute holds, in
two methods of one class), the second indexing an array by ``t``; a plain name bound in the first loop by a
statement whose right side reads ``t`` or another name the loop binds (a value of the step; not an array of a
shape, ``np.ones_like(z)``), neither accumulated (``+=``: a sum over the steps) nor set item by item in it, bound
by no statement between the loops nor anywhere in the second loop, read in the second; the statement not inside a
test of ``t`` (``if t == T - 1:``), where the last step's value may be meant.
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, _logical_lines, fence_blocks
from ..text.objectlists import ACTIVATION_CLASSES
from ..text.codeblocks import code_lines, indent
from .loopconstants import _ASSIGN, _binds, failing, indexes_steps, right_side, step_loops, unguarded

__all__ = ["STALE_NOTE", "stale_results"]

#: The note on such a row.
STALE_NOTE = "a value of the forward loop's last step read at every step"

_NAME = re.compile(r"^[A-Za-z_]\w*$")


#: A right side that builds an array of a shape (``np.ones_like(zs[t])``): the same value at every step.
_SHAPED = re.compile(r"^\s*(?:np|numpy)\.(?:ones|zeros|empty|full|eye|identity)(?:_like)?\(")
#: An item assigned or accumulated (``d_enc[:, -1] += g``): the array holds more than one step's value.
_ITEM_SET = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*\[[^=]*\]\s*[-+*/@]?=(?!=)")


def _step_values(lines: list, body: list, var: str) -> dict:
    """Plain names the loop's body binds to a value of the step -> the line binding it first. Not: a name the body
    accumulates (``dWa += ...``: a sum over the steps) or sets an item of, nor one bound to an array of a shape."""
    out, bound, summed = {}, {var}, set()
    for j in body:
        names = {x for x in _binds(lines[j]) if _NAME.match(x)}
        a = _ASSIGN.match(lines[j])
        right = right_side(lines[j])
        if a is not None and re.search(r"[-+*/@]=$", lines[j][:a.end()].rstrip()):
            summed |= names
        item = _ITEM_SET.match(lines[j])
        if item is not None:
            summed.add(item["name"])
        reads = set(re.findall(r"(?<![\w.])[A-Za-z_]\w*", right))
        if names and reads & bound and not _SHAPED.match(right):
            for x in names - {var}:
                out.setdefault(x, j)
        bound |= names
    return {x: j for x, j in out.items() if x not in summed}


#: An object built from an activation class (``self.act = Tanh()``).
_BUILT = re.compile(r"^\s*(?P<obj>(?:self\.)?[A-Za-z_]\w*)\s*=\s*(?P<cls>[A-Za-z_]\w*)\(\s*\)\s*$")
#: The name of an object holding an activation (``self.activation``, ``h_act``, ``tanh_layer``): not a cell or a
#: layer object, which may keep its steps' values itself.
_ACTIVATION_NAME = re.compile(r"(?i)act|sigm|tanh|relu|nonlin")
_APPLIED = re.compile(r"(?<![\w.\]])(?P<obj>(?:self\.)?[A-Za-z_]\w*)\.forward\(")


def _objects(lines: list, body: list, after: list) -> dict:
    """Objects the loop's body applies (``self.activation.forward(ht)``: one object, its ``output`` overwritten at
    every step) and the lines after it (``after``) never apply again -> the line applying it first; their reads
    (``.backward(dh)``, ``.dinputs``, ``.output``) after the loop are keyed ``obj.`` (the object's last step)."""
    out = {}
    built = {m["obj"] for m in map(_BUILT.match, lines) if m and m["cls"].lower() in ACTIVATION_CLASSES}
    for j in body:
        for m in _APPLIED.finditer(lines[j]):
            if m["obj"] in built or _ACTIVATION_NAME.search(m["obj"].removeprefix("self.")):
                out.setdefault(m["obj"] + ".", j)
    return {x: j for x, j in out.items() if not any(f"{x}forward(" in lines[k] for k in after)}


def _reads(name: str, text: str) -> bool:
    if name.endswith("."):          # an object: its state read (.dinputs, .output), or its backward run for its effect
        n = re.escape(name)         # on that state (a statement of its own); not backward(z) used as a value
        return re.search(rf"(?<![\w.]){n}(?:dinputs|output|outputs|grad|dinput)\b(?!\s*\()", text) is not None or \
            re.match(rf"^\s*{n}(?:backward|derivative)\(.*\)\s*$", text) is not None
    return re.search(rf"(?<![\w.'\"]){re.escape(name)}(?![\w'\"])(?!\s*=[^=])", text) is not None


def stale_results(text: str) -> list:
    """A failing :class:`RowResult` for each statement of the text's Python fences that reads, in a loop over the
    steps, a value the forward loop before it left at its last step (module doc)."""
    out = []
    for start, _, body_lines in fence_blocks(text, CODE_FENCE_LANGUAGES):
        lines = _logical_lines(code_lines(body_lines))      # (a statement over lines joined on its first)
        loops = list(step_loops(lines))
        for (k1, var1, body1), (k2, var2, body2) in zip(loops, loops[1:]):
            if var1 != var2 or indent(lines[k1]) != indent(lines[k2]) or not body1 or body1[-1] >= k2:
                continue
            between = [j for j in range(body1[-1] + 1, k2) if lines[j].strip()]
            if any(re.match(r"^\s*class\s", lines[j]) for j in between):
                continue            # (the second loop in another class)
            methods = any(indent(lines[j]) < indent(lines[k1]) for j in between)
            # (the second loop in another function: only the objects an attribute holds are the same there)
            if not indexes_steps(lines, body2, var2):
                continue            # (a loop that indexes nothing by its variable: not over the steps)
            values = {} if methods else _step_values(lines, body1, var1)
            later = set().union(*(_binds(lines[j]) for j in between + body2))
            later |= {m["name"] for m in map(_ITEM_SET.match, (lines[j] for j in between + body2)) if m}
            stale = {x: j for x, j in values.items() if x not in later}
            stale.update({x: j for x, j in _objects(lines, body1, between + body2).items()
                          if not methods or x.startswith("self.")})
            if not stale:
                continue
            for j in unguarded(lines, body2, var2):
                line = lines[j]
                name = next((x for x in sorted(stale) if _reads(x, line if x.endswith(".") else right_side(line))),
                            None)
                if name is None:
                    continue
                why = (f"{name} is the value the loop over {var1} on line {start + k1 + 1} left at its last step "
                       f"(set on line {start + stale[name] + 1}, not kept per step, and no statement of this loop "
                       f"assigns it): at every step this reads the last step's {name}, not step {var2}'s")
                if name.endswith("."):
                    why = (f"{name[:-1]} is one object, applied at every step of the loop over {var1} on line "
                           f"{start + k1 + 1} (line {start + stale[name] + 1}): after it, its state is the last "
                           f"step's, so its derivative here is taken at the last step's output, not at step {var2}'s")
                out.append(failing(start, j, lines, body_lines, STALE_NOTE, why))
    return out
