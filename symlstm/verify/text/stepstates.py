"""The state a one-step function takes and the state it returns: ``def forward(x, h): ... return hn``.

Code written for one step of a cell takes the state before the step as a parameter and returns the new one under
another name (``def forward(ctx, input, hidden_state, w_ih, ...)`` returning ``hy``, a PyTorch
``autograd.Function``; ``def step(x, h, c)`` returning ``h_new, c_new``). Nothing in the names says which step
each is; read apart, the parameter is a name no row defines (a parameter of the cell) and the returned name a
quantity with no state before it. Here the parameter is the returned quantity at the step before: it is written
``R_prev`` (``hy_prev``, ``h_new_prev``) wherever the fences use it as that value, and its gradient's names
(``d_hidden_state``, ``dh``, ``grad_h``) as the gradient of ``R_prev``, which the reader reads at ``t-1``.

Only where the pairing is plain: the parameter is never assigned a formula in any function using it, the
returned name is assigned in the function and depends on the parameter (through the function's assignments),
the two begin with the same letter and that letter pairs no other parameter and returned name, and neither name
already says its step (``h_prev``, ``c_next``, ``ht``). Functions with a loop (a sequence, which carries its
state itself) are left as they are.
"""
from __future__ import annotations

import re

from .codeblocks import block, indent

__all__ = ["GRADIENT_ARGUMENTS", "step_states"]

#: Names of a backward function's first argument that say only "the gradient arriving" (``def backward(self, grad,
#: x, h, c, cache)``): the gradient of what the forward function returns first (``dh_output``).
GRADIENT_ARGUMENTS = ("grad", "grad_output", "grad_out", "gradient", "dout", "upstream_grad", "top_grad", "delta_out",
                      "output_grad", "out_grad")
_FORWARD_NAME = re.compile(r"(?:_?forward\w*|fprop\w*|__call__|step)$")
_BACKWARD_NAME = re.compile(r"_?(?:backward|bprop|backprop)")

_DEF = re.compile(r"^(?P<indent>\s*)(?:async\s+)?def\s+(?P<name>\w+)\s*\((?P<params>[^()]*)\)\s*(?:->[^:]*)?:\s*(?:#.*)?$")
_ASSIGN = re.compile(r"^\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?P<op>[-+*/]?)=(?!=)\s*(?P<value>.+)$")
_RETURN = re.compile(r"^\s*return\s+(?P<items>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*,?\s*(?:#.*)?$")
_WORD = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
_LOOP = re.compile(r"^\s*(?:for|while)\b")
#: Names that already say their step, or are no state (a gradient, the function's context or object).
_STEPPED = re.compile(r"(?:^|_)(?:prev|pre|prior|last|before|next|old|new|tm1|t_1|minus|current|curr|cur)(?:_|$)|"
                      r"^d?_?(?:prev|next)|(?:prev|next)$|"
                      r"^[a-z]t$|^(?:self|ctx|cls)$|^d[A-Z_]|^d[a-z]{1,2}$|^grad|^delta")
#: A value fetched or unpacked, not a formula: ``x, h, hn = cache``, ``h = ctx.saved_tensors[1]``.
_FETCHED = re.compile(r"^(?:self\.|ctx\.)?[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*$")
#: Spellings of a name's gradient in code (``dh``, ``d_h``, ``grad_h``, ``h_grad``, ``delta_h``).
_GRADIENT = r"(?<![\w.])(?P<d>d_?|grad_|delta_)?{name}(?P<g>_grad)?(?![\w(])"


def _functions(lines):
    """(def line index, name, params, body line indexes) of every function of the fence."""
    out = []
    for k, line in enumerate(lines):
        m = _DEF.match(line)
        if m is not None:
            params = [p.split("=")[0].split(":")[0].strip().lstrip("*") for p in m["params"].split(",")]
            out.append((k, m["name"], [p for p in params if p], block(lines, k)))
    return out


def _depends(body, lines):
    """{name: names its assignments in the body read}, and the names assigned a formula (not a fetch)."""
    deps, formulas = {}, set()
    for j in body:
        a = _ASSIGN.match(re.sub(r"#.*", "", lines[j]))
        if a is None:
            continue
        names = [x.strip() for x in a["names"].split(",")]
        read = set(_WORD.findall(a["value"])) | (set(names) if a["op"] else set())
        for n in names:
            deps.setdefault(n, set()).update(read)
        if len(names) == 1 and not _FETCHED.match(a["value"].strip()):
            formulas.add(names[0])
    return deps, formulas


def _reaches(deps, start, target) -> bool:
    seen, todo = set(), [start]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for m in deps.get(n, ()):
            if m == target:
                return True
            todo.append(m)
    return False


def _pairs(lines, functions) -> dict:
    """{parameter: returned name} of the plain pairings of the fences' one-step functions."""
    pairs = {}
    for k, name, params, body in functions:
        if any(_LOOP.match(lines[j]) for j in body) or _BACKWARD_NAME.search(name) or "grad" in name.lower():
            continue        # (a backward step takes and returns gradients: dnext_h, dprev_h)
        rets = [m for j in body if (m := _RETURN.match(lines[j])) is not None and indent(lines[j]) > indent(lines[k])]
        if len(rets) != 1:
            continue
        returned = [x.strip() for x in rets[0]["items"].split(",")]
        deps, formulas = _depends(body, lines)
        states = [p for p in params if not _STEPPED.search(p) and p not in deps]
        outs = [r for r in returned if r in formulas and r not in params and not _STEPPED.search(r) or
                r in formulas and re.search(r"(?:^|_)new$|^new_|(?:^|_)next$", r)]
        for p in states:
            match = [r for r in outs if r[0].lower() == p[0].lower() and _reaches(deps, r, p)]
            rivals = [q for q in states if q != p and q[0].lower() == p[0].lower()]
            if len(match) == 1 and not rivals:
                pairs[p] = match[0]
    return pairs


def _holder(lines, k) -> int:
    """The index of the class line holding the def on line ``k`` (-1 at the top level)."""
    if indent(lines[k]) == 0:
        return -1
    for j in range(k - 1, -1, -1):
        if lines[j].strip() and indent(lines[j]) < indent(lines[k]):
            return j if re.match(r"\s*class\s", lines[j]) else -1
    return -1


def _gradient_arguments(lines, functions, words) -> None:
    """Write a backward function's first argument named only as "the gradient" (:data:`GRADIENT_ARGUMENTS`) as the
    gradient of the first name the forward function beside it (in the same class, or the fence's one forward at
    the top level) returns, in the backward function's lines. ``words``: the names the fences write."""
    forwards, backwards = {}, {}
    for k, name, params, body in functions:
        if _FORWARD_NAME.match(name):
            forwards.setdefault(_holder(lines, k), []).append((k, params, body))
        elif _BACKWARD_NAME.match(name):
            backwards.setdefault(_holder(lines, k), []).append((k, params, body))
    for holder, found in backwards.items():
        fwd = forwards.get(holder, [])
        if len(fwd) != 1 or len(found) != 1:
            continue
        k, params, body = found[0]
        args = [p for p in params if p not in ("self", "ctx", "cls")]
        rets = [m for j in fwd[0][2] if (m := _RETURN.match(lines[j])) is not None]
        if not args or args[0] not in GRADIENT_ARGUMENTS or len(rets) != 1:
            continue
        first = rets[0]["items"].split(",")[0].strip()
        _, formulas = _depends(body, lines)
        if args[0] in formulas or "d" + first in words:
            continue
        word = re.compile(rf"(?<![\w.]){re.escape(args[0])}(?![\w(])")
        for j in [k] + body:
            lines[j] = word.sub("d" + first, lines[j])


#: A gradient's spelling of a name, and the name (``d_h``, ``dh``, ``grad_h``, ``delta_h``, ``h_grad`` -> h).
_STEM = re.compile(r"^(?:d_?|grad_|delta_)(?P<a>[A-Za-z_]\w*)$|^(?P<b>[A-Za-z_]\w*)_grad$")


def step_states(bodies: list) -> list:
    """The fence bodies with each one-step function's state parameter written as its returned name at the step
    before (module docstring), in every function of the fences that does not assign it a formula. One pass over
    the fences indexes which functions write which names, so a fence of many functions costs its length."""
    lines = "\n".join(bodies).split("\n")
    functions = _functions(lines)
    words = set(_WORD.findall("\n".join(lines)))
    _gradient_arguments(lines, functions, words)
    pairs = _pairs(lines, functions)
    uses = {}               # name -> the functions whose lines write it (or a gradient's spelling of it)
    for n, (k, _name, _params, body) in enumerate(functions):
        for w in set(_WORD.findall(" ".join(lines[j] for j in [k] + body))):
            uses.setdefault(w, set()).add(n)
            g = _STEM.match(w)
            if g is not None:
                uses.setdefault(g["a"] or g["b"], set()).add(n)
    facts = {}              # function -> (the names it assigns a formula, whether it loops)
    for p, r in pairs.items():
        # hn -> hn_prev; h_next, h_new, h_t, ht -> h_prev (the returned name's own time word goes)
        new = (re.sub(r"_?(?:next|new|out|output)$|_t$|(?<=^[a-z])t$", "", r) or r) + "_prev"
        if new in words or r + "_prev" in words:
            continue
        word = re.compile(_GRADIENT.format(name=re.escape(p)))
        for n in sorted(uses.get(p, ())):
            k, _name, _params, body = functions[n]
            if n not in facts:
                facts[n] = (_depends(body, lines)[1], any(_LOOP.match(lines[j]) for j in body))
            if p in facts[n][0] or facts[n][1]:
                continue
            for j in [k] + body:
                lines[j] = word.sub(lambda m, new=new: ("d" if m["d"] or m["g"] else "") + new, lines[j])
    out, pos = [], 0
    for b in bodies:
        n = b.count("\n") + 1
        out.append("\n".join(lines[pos:pos + n]))
        pos += n
    return out
