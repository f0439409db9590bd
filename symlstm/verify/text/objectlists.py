"""Lists of activation objects, one per step, as layer-object code writes them (the "Neural Networks from Scratch"
style of M. Hohle's RNN and LSTM lectures and their copies).

The forward pass builds a list of objects and applies one per step, reading its result back from an attribute::

    Sigmf = [Sigmoid() for t in range(T)]
    ...
    for t, xt in enumerate(X_t):
        outf = np.dot(self.Uf, xt) + np.dot(self.Wf, ht) + self.bf
        Sigmf[t].forward(outf)
        ft = Sigmf[t].output            # ft = sigmoid(outf)
        ...
        F[t] = ft

and the backward pass asks the same object for the gradient of its input::

    Sigmf[t].backward(dctdft)
    dsigmf = Sigmf[t].dinputs           # dsigmf = dctdft * F[t] (1 - F[t])

:func:`object_lists` writes those reads as the functions they are: ``X[i].output`` after ``X[i].forward(a)`` in
the same method is ``fn(a)``; in another method, it is the value the forward stored (``F[t] = ft`` with
``ft = X[t].output``: ``F[t]``; ``C[t+1] = ct`` with ``X[t].forward(ct)``: ``fn(C[t+1])``), with the step index
of the method's own read; ``X[i].dinputs`` after ``X[i].backward(g)`` is g times the derivative written through
the output y (:data:`DERIVATIVE_BY_OUTPUT`: y (1 - y) for the sigmoid, 1 - y^2 for tanh; spelt out, since a code
may name a variable ``dtanh``). The call statements become blank lines (the line numbers stay).

What is not certain is left as written, and so not read: a list that holds one object in every slot
(``[Activation for i in range(T)]``: every step's ``dinputs`` is the last forward call's), a class that is not an
activation of the table, an output the forward stores nowhere, an index that is not one name.
"""
from __future__ import annotations

import re

__all__ = ["ACTIVATION_CLASSES", "object_lists"]

#: The derivative of each function written through its output y (the objects' ``backward`` reads their output).
DERIVATIVE_BY_OUTPUT = {"sigmoid": "({y}) * (1 - ({y}))", "tanh": "(1 - ({y}) ** 2)"}
#: Classes of activation objects (by their lower-case name) and the function each applies.
ACTIVATION_CLASSES = {"sigmoid": "sigmoid", "logistic": "sigmoid", "tanh": "tanh",
                      "activation_sigmoid": "sigmoid", "activation_tanh": "tanh"}

_LIST = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*=\s*\[\s*(?P<cls>[A-Za-z_]\w*)\(\s*\)\s+for\s+\w+\s+in\s+"
                   r"[^\[\]]+\]\s*$")
_ALIAS = re.compile(r"^\s*(?P<a>(?:self\.)?[A-Za-z_]\w*)\s*=\s*(?P<b>(?:self\.)?[A-Za-z_]\w*)\s*$")
_CALL = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\[\s*(?P<i>[A-Za-z_]\w*)\s*\]\.(?P<method>forward|backward)"
                   r"\((?P<arg>.*)\)\s*$")
_READ = re.compile(r"(?<![\w.])(?:self\.)?(?P<name>[A-Za-z_]\w*)\[\s*(?P<i>[A-Za-z_]\w*)\s*\]\.(?P<attr>output|dinputs)"
                   r"(?![\w(])")
_TAKE = re.compile(r"^\s*(?P<v>[A-Za-z_]\w*)\s*=\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\[\s*(?P<i>[A-Za-z_]\w*)\s*\]"
                   r"\.output\s*$")
_STORE = re.compile(r"^\s*(?:self\.)?(?P<s>[A-Za-z_]\w*)\[\s*(?P<idx>[A-Za-z_]\w*(?:\s*[-+]\s*\d+)?)\s*\]\s*=\s*"
                    r"(?P<v>[A-Za-z_]\w*)\s*$")
_STORE_OUTPUT = re.compile(r"^\s*(?:self\.)?(?P<s>[A-Za-z_]\w*)\[\s*(?P<idx>[A-Za-z_]\w*(?:\s*[-+]\s*\d+)?)\s*\]\s*=\s*"
                           r"(?:self\.)?(?P<name>[A-Za-z_]\w*)\[\s*(?P<i>[A-Za-z_]\w*)\s*\]\.output\s*$")
_DEF = re.compile(r"^\s*def\s")


def _roots(lines: list, objects: dict) -> dict:
    """Every name that refers to one of the object lists (``self.Sigmf = Sigmf``, ``sigmF = self.sigmF``), to the
    list's first name."""
    root = dict((n, n) for n in objects)
    changed = True
    while changed:
        changed = False
        for m in map(_ALIAS.match, lines):
            if m is None:
                continue
            a, b = (x.removeprefix("self.") for x in (m["a"], m["b"]))
            for x, y in ((a, b), (b, a)):
                if y in root and x not in root:
                    root[x], changed = root[y], True
    return root


def _template(idx: str, i: str) -> str | None:
    """A store's index with the step letter ``i`` as ``{}`` (``t+1`` -> ``{}+1``); None if it does not read i."""
    out = re.sub(rf"\b{i}\b", "{}", idx.replace(" ", ""))
    return out if "{}" in out else None


def _stores(lines: list, root: dict) -> dict:
    """list -> (array, index with the step letter as ``{}``, True when it holds the object's output, False its
    input), from the forward method: ``v = X[t].output`` (or ``X[t].forward(v)``) and a later ``S[t + k] = v``."""
    out, taken = {}, {}
    for line in lines:
        if _DEF.match(line):
            taken = {}
        m, c, s, d = _TAKE.match(line), _CALL.match(line), _STORE.match(line), _STORE_OUTPUT.match(line)
        if d is not None and d["name"] in root:          # H[t + 1] = ACT[t].output
            idx = _template(d["idx"], d["i"])
            if idx is not None:
                out.setdefault((root[d["name"]], True), (d["s"], idx))
        elif m is not None and m["name"] in root:
            taken[m["v"]] = (root[m["name"]], m["i"], True)
        elif c is not None and c["name"] in root and c["method"] == "forward" and re.fullmatch(r"\s*\w+\s*", c["arg"]):
            taken[c["arg"].strip()] = (root[c["name"]], c["i"], False)
        elif s is not None and s["v"] in taken:
            obj, i, output = taken[s["v"]]
            idx = _template(s["idx"], i)
            if idx is not None:
                out.setdefault((obj, output), (s["s"], idx))
    return out


def object_lists(lines: list) -> list:
    """The lines with the reads of per-step activation objects written as functions (see the module's text); the
    forward and backward calls blank."""
    objects = {}
    for m in map(_LIST.match, lines):
        if m is not None and m["cls"].lower() in ACTIVATION_CLASSES:
            objects[m["name"]] = ACTIVATION_CLASSES[m["cls"].lower()]
    if not objects:
        return lines
    root = _roots(lines, objects)
    stores = _stores(lines, root)

    def stored(obj, i):
        """The object's output at step i as the forward stored it, or None."""
        if (obj, True) in stores:
            s, idx = stores[(obj, True)]
            return f"{s}[{idx.format(i)}]"
        if (obj, False) in stores:
            s, idx = stores[(obj, False)]
            return f"{objects[obj]}({s}[{idx.format(i)}])"
        return None

    applied, given = {}, {}         # (list, index) -> the argument of its forward / backward call in this method

    def put(m):
        key = (root.get(m["name"]), m["i"])
        if key[0] is None:
            return m.group()
        fn = objects[key[0]]
        y = f"{fn}({applied[key]})" if key in applied else stored(*key)
        if y is None:
            return m.group()
        if m["attr"] == "output":
            return y
        if key not in given:
            return m.group()
        return f"(({given[key]}) * {DERIVATIVE_BY_OUTPUT[fn].format(y=y)})"

    out = []
    for line in lines:
        if _DEF.match(line):
            applied.clear()
            given.clear()
        c = _CALL.match(line)
        if c is not None and c["name"] in root:
            calls = applied if c["method"] == "forward" else given
            calls[(root[c["name"]], c["i"])] = _READ.sub(put, c["arg"]).strip()
            out.append("")
            continue
        out.append(_READ.sub(put, line))
    return out
