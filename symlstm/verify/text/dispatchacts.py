"""Activation helpers that pick their function by a string argument, and their calls with a literal.

Homework code often defines one helper for every activation, switched by its name::

    def activation(self, X, a):
        if a == "tanh":
            activation = np.tanh(X)
            derivative = 1 - activation ** 2
            return activation, derivative
        if a == "sigmoid":
            ...

and calls it with the name written out: ``z[:, t, :], z_d[:, t, :] = self.activation(x @ Wz + h_prev @ Uz + bz,
"sigmoid")``. Such a helper's branches are not the cell's rows (each branch assigns the same local names, which
the cell's reader would take for one quantity assigned four times); the helper rows are judged on their own
(judging/helperdefs, each branch by the activation its literal names). A call with a literal name of an activation
the reader knows (:data:`NAMED`) is read as that activation, and a second target as its derivative written
through the output (``dsigmoid(z)``: z (1 - z)), which is what such a helper returns beside it.
"""
from __future__ import annotations

import re

from .codeblocks import block
from .depth import split_outside

__all__ = ["dispatch_helpers", "dispatch_bodies", "dispatch_lines", "DISPATCH_DEF", "branch_literal"]

#: The activations a literal may name, and how the reader's code spelling writes the function and its derivative
#: through the output.
NAMED = {"sigmoid": ("sigmoid", "dsigmoid"), "sigm": ("sigmoid", "dsigmoid"), "logistic": ("sigmoid", "dsigmoid"),
         "tanh": ("tanh", "dtanh")}

#: ``def activation(self, X, a):`` (two arguments after an optional self; the second may default to a string).
DISPATCH_DEF = re.compile(r"^(?P<indent>\s*)def\s+(?P<name>[A-Za-z_]\w*)\s*\(\s*(?:self\s*,\s*)?(?P<x>[A-Za-z_]\w*)"
                          r"\s*,\s*(?P<kind>[A-Za-z_]\w*)\s*(?:=\s*(?P<q>['\"])\w+(?P=q)\s*)?\)\s*:\s*$")
_TEST = r"^\s*(?:el)?if\s*\(?\s*{kind}\s*==\s*(?P<q>['\"])(?P<lit>\w+)(?P=q)\s*\)?\s*:\s*$"
_CALL = re.compile(r"^(?P<indent>\s*)(?P<targets>[^=]+?)\s*=\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*\(\s*(?P<arg>.+?)\s*,"
                   r"\s*(?P<q>['\"])(?P<lit>\w+)(?P=q)\s*\)\s*$")
#: Bounds: how many such helpers a fence may define (each read once).
MAX_DISPATCH = 8


def branch_literal(lines: list, k: int, kind: str):
    """The literal the line ``k`` tests its switch ``kind`` against (``if a == "tanh":``), or None."""
    m = re.match(_TEST.format(kind=re.escape(kind)), lines[k])
    return m["lit"].lower() if m is not None else None


def dispatch_helpers(lines: list) -> dict:
    """{name: (line of its def, number of values each branch returns)} of the helpers whose body switches on its
    second argument against two or more string literals."""
    found = {}
    for k, line in enumerate(lines):
        m = DISPATCH_DEF.match(line)
        if m is None or m["x"] == "self" or len(found) >= MAX_DISPATCH:
            continue
        body = block(lines, k)
        literals = [j for j in body if branch_literal(lines, j, m["kind"])]
        if len(literals) < 2:
            continue
        returns = {len([x for x in re.match(r"\s*return\s+(.*)$", lines[j])[1].split(",") if x.strip()])
                   for j in body if re.match(r"\s*return\s+\S", lines[j])}
        found[m["name"]] = (k, returns.pop() if len(returns) == 1 else 0)
    return found


def dispatch_bodies(lines: list, found: dict) -> set:
    """Indexes of the lines of the helpers :func:`dispatch_helpers` found (their def and body)."""
    return {j for k, _ in found.values() for j in (k, *block(lines, k))}


def dispatch_lines(lines: list, found: dict) -> list:
    """The lines with each call of a helper of ``found`` with a literal activation read as that activation:
    ``z, z_d = self.activation(E, "sigmoid")`` is ``z = sigmoid(E)`` (one target: the function alone, where the
    helper returns one value), and ``z_d`` in the lines below is ``dsigmoid(z)``, the derivative through the output
    (the helper returns it beside the value); the helper's own lines are blanked (:func:`dispatch_bodies`)."""
    out, subs = [], []
    inside = dispatch_bodies(lines, found)
    for k, line in enumerate(lines):
        if k in inside:
            out.append("")
            continue
        for pattern, put in subs:
            line = pattern.sub(put, line)
        m = _CALL.match(line)
        if m is None or m["name"] not in found or m["lit"].lower() not in NAMED:
            out.append(line)
            continue
        f, df = NAMED[m["lit"].lower()]
        targets = [_TARGET.fullmatch(t.strip()) for t in split_outside(m["targets"])]
        if len(targets) != found[m["name"]][1] or len(targets) not in (1, 2) or not all(targets):
            out.append(line)
            continue
        out.append(f"{m['indent']}{targets[0].group()} = {f}({m['arg']})")
        if len(targets) == 2 and len(subs) < MAX_DISPATCH * 8:
            value, deriv = targets
            # z_d[:, t, :] below: dsigmoid(z[:, t, :]) (the same index on both)
            subs.append((re.compile(rf"(?<![\w.])(?:self\.)?{re.escape(deriv['name'])}(?![\w(])(\[[^\[\]]*\])?"),
                         lambda mm, v=value["name"], d=df: f"{d}({v}{mm[1] or ''})"))
    return out


_TARGET = re.compile(r"(?:self\.)?(?P<name>[A-Za-z_]\w*)(?:\[[^\[\]]*\])?")

