r"""A name no statement of the code binds, read where one letter away a local of the same function is bound.

``dx = np.matmul(dt, Wt.T)`` in a backward method that unpacks ``Wx, Wh, b = self.params``; ``self.grads[1][...]
= dWH`` beside ``dWh = np.matmul(h_prev.T, dt)``; ``grads[i] += grad`` in ``for i, gard in enumerate(...)``. Python
raises a NameError there; the author meant the local one letter away (a typo the annotated notes hold in several
course notebooks and homework copies). The statement fails, naming the name and the one meant.

Judged only where it is certain from the text:

* the code fence parses as Python (its own grammar, :mod:`ast`: nothing is run);
* the name is bound by no statement of any code fence of the file (assignment, parameter, loop, import, ``def``,
  ``class``, ``with ... as``, ``except ... as``, comprehension, ``global``), is no builtin, and is read as a value
  (a call's function, ``npmatmul(...)``, is another slip: a misspelt function, not a wrong quantity);
* the name is read by one function, at most twice (a weight of text the note cut is read all over);
* a local of the same function (at most three, not the name's gradient: ``dWx`` beside ``Wx``, nor what the
  statement itself assigns: ``dh = Wy.T @ dy`` reads a dy of cut text), bound
  there, is one edit away, past its first letter (``bh`` beside ``dh`` is a bias and a gradient), and not its plural or singular (``epochs``
  beside the loop's ``epoch``): one letter changed, added
  or dropped, two letters swapped, or the same letters in another case (``Wt``/``Wx``, ``dWH``/``dWh``, ``grad``/``gard``); names of one
  letter are left alone (a loop letter may come from text the note cut).

A note whose fence does not parse (Python 2's ``print x``, an excerpt cut mid-statement) is not judged by this
rule; its names still count as bound for the others (read loosely, by the assignments' targets).
"""
from __future__ import annotations

import ast
import builtins
import re

from .pyfences import python_fences
from .report import RowResult

__all__ = ["unbound_results", "UNBOUND_NOTE"]

#: The note on such a row.
UNBOUND_NOTE = "a name no statement binds"

#: Names a code may read unbound in a note's excerpt: builtins, and the modules and aliases tutorials import.
KNOWN_NAMES = frozenset(dir(builtins)) | {"np", "numpy", "torch", "nn", "F", "math", "jnp", "jax", "tf", "plt",
                                          "scipy", "sp", "random", "self", "cls"}

#: Targets of assignments, read loosely in a fence that does not parse (``a, b = ...``, ``for i, g in ...``).
_LOOSE_BOUND = re.compile(r"(?:^|[;\s(,])(?:for\s+)?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?:[-+*/@%&|^]?=(?!=)|\s+in\b)")
_LOOSE_DEF = re.compile(r"\bdef\s+\w+\s*\(([^)]*)\)|\b(?:import|as)\s+([A-Za-z_]\w*)|\blambda\s+([^:]*):")


def _bound(tree) -> set:
    """Every name a parsed module binds, anywhere in it."""
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            out.add(n.id)
        elif isinstance(n, ast.arg):
            out.add(n.arg)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in n.names)
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            out.update(n.names)
        elif isinstance(n, ast.ExceptHandler) and n.name:
            out.add(n.name)
        elif isinstance(n, ast.MatchAs) and n.name:
            out.add(n.name)
    return out


def _loose(lines: list) -> set:
    out = set()
    for line in lines:
        code = line.split("#", 1)[0]
        for m in _LOOSE_BOUND.finditer(code):
            out.update(x.strip() for x in m[1].split(","))
        for m in _LOOSE_DEF.finditer(code):
            out.update(re.findall(r"[A-Za-z_]\w*", m[1] or m[2] or m[3] or ""))
    return out


def _one_edit(a: str, b: str) -> bool:
    """Are two different names one edit apart (a letter changed, added, dropped; two neighbours swapped; case)?"""
    if a == b:
        return False
    if a.lower() == b.lower():
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and
                                   a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1:] == short for k in range(len(long)))


def _gradient_pair(a: str, b: str) -> bool:
    """Is one name the other's gradient (``dWx`` beside ``Wx``, ``d_h``, ``grad_h``): a weight of the enclosing scope
    the note cut and its gradient, not a typo."""
    for x, y in ((a, b), (b, a)):
        for prefix in ("d", "d_", "grad_", "delta_", "g"):
            if x == prefix + y:
                return True
    return False


def _called(tree) -> set:
    """Ids of the Name nodes that are a call's function (``npmatmul(...)``) or the array an assignment fills
    (``dx[:, :, t] = dxt``: made by text the note cut)."""
    out = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    for n in ast.walk(tree):
        targets = list(n.targets) if isinstance(n, ast.Assign) else [n.target] if isinstance(n, ast.AugAssign) \
            else []
        while targets:
            t = targets.pop()
            if isinstance(t, (ast.Tuple, ast.List)):
                targets += t.elts          # dx[:, t, :], dprev_h = step(...): each item filled
                continue
            while isinstance(t, (ast.Subscript, ast.Attribute)):
                t = t.value
            if isinstance(t, ast.Name):
                out.add(id(t))
    return out


def unbound_results(text: str) -> list:
    """A failing :class:`RowResult` for each statement of the text's Python fences that reads a name no statement
    binds where a local of its function is one edit away (module doc)."""
    parsed, bound = [], set()
    for start, body, tree in python_fences(text):
        if tree is None:
            bound |= _loose(body)
            continue
        parsed.append((start, body, tree))
        bound |= _bound(tree)
    reads = {}          # name -> the functions that read it unbound (a global the note cut is read all over)
    for _, _, tree in parsed:
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for n in ast.walk(fn):
                    if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in bound:
                        reads.setdefault(n.id, []).append(id(fn))
    out, seen = [], set()
    for start, body, tree in parsed:
        called = _called(tree)
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            local = _bound(fn) - {fn.name}
            for stmt in ast.walk(fn):
                if not isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Expr)):
                    continue
                for n in ast.walk(stmt):
                    if not isinstance(n, ast.Name) or not isinstance(n.ctx, ast.Load) or id(n) in called or \
                            len(n.id) < 2 or n.id in bound or n.id in KNOWN_NAMES:
                        continue
                    if len(set(reads.get(n.id, ()))) != 1 or len(reads[n.id]) > 2:
                        continue        # read in two functions, or three times: a name of text the note cut
                    own = {t.id for t in ast.walk(stmt) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
                    meant = sorted(x for x in local if len(x) >= 2 and _one_edit(n.id, x) and x not in own and
                                   x[0].lower() == n.id[0].lower() and not _gradient_pair(n.id, x) and
                                   x + "s" != n.id and n.id + "s" != x)      # (epochs beside epoch: a count)
                    line = start + stmt.lineno
                    meant = [x for x in meant if x.lower() == n.id.lower()] or meant     # dWH: dWh, not dWx
                    if not 1 <= len(meant) <= 3 or line in seen or not 0 < stmt.lineno <= len(body):
                        continue
                    seen.add(line)
                    code = body[stmt.lineno - 1]
                    out.append(RowResult(
                        line=line, column=len(code) - len(code.lstrip()) + 1, text=code.strip(), status="fail",
                        holds=False, notes=[UNBOUND_NOTE],
                        why=f"{n.id} is bound by no statement of the code (Python raises a NameError here); the "
                            f"function's {' or '.join(meant)} {'is' if len(meant) == 1 else 'are'} one letter away: "
                            f"{' or '.join(meant)} meant?"))
                    break
    return sorted(out, key=lambda r: (r.line, r.column))
