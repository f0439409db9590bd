r"""A parameter the layer keeps, whose gradient its backward computes, but whose forward never reads it.

A layer class unpacks its parameters in both passes (``Wx, Wh, b = self.params``, DLFS2's RNN); its forward
writes the affine map (``t = np.matmul(h_prev, Wh) + np.matmul(x, Wx)``) and its backward the parameters'
gradients (``db = np.sum(dt, axis=0)``). Where the forward's map drops one of them (the bias: a published slip of
a course's review notes), the output does not depend on it and its gradient is zero, whatever the backward says:
the forward's statement fails, naming the parameter.

Judged only where it is certain from the text: the fence parses as Python (:mod:`ast`: nothing is run); a class
whose ``forward`` and ``backward`` methods both unpack the same tuple of names from one attribute (``self.params``);
a name of that tuple the forward never reads, whose d-name (``db``, ``d_b``) the backward assigns; and one
statement of the forward reading every other name of the tuple that is read (the affine map).
"""
from __future__ import annotations

import ast

from .pyfences import python_fences
from .report import RowResult

__all__ = ["unused_param_results", "UNUSED_PARAM_NOTE"]

#: The note on such a row.
UNUSED_PARAM_NOTE = "a parameter the layer keeps but its forward never reads"


def unused_param_results(text: str) -> list:
    """A failing :class:`RowResult` for each forward map that drops a parameter (module doc)."""
    out = []
    for start, body, tree in python_fences(text):
        if tree is None:
            continue
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
            if "forward" not in methods or "backward" not in methods:
                continue
            fwd, bwd = _unpacked(methods["forward"]), _unpacked(methods["backward"])
            if fwd is None or bwd is None or fwd[0] != bwd[0]:
                continue
            names, unpack = fwd[0], fwd[1]
            read = {n.id for n in ast.walk(methods["forward"]) if isinstance(n, ast.Name) and
                    isinstance(n.ctx, ast.Load)}
            assigned = {t.id for n in ast.walk(methods["backward"]) if isinstance(n, (ast.Assign, ast.AugAssign))
                        for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)}
            dropped = [x for x in names if x not in read and ("d" + x in assigned or "d_" + x in assigned)]
            used = [x for x in names if x in read]
            if len(dropped) != 1 or not used:
                continue
            maps = [s for s in methods["forward"].body if isinstance(s, ast.Assign) and s is not unpack and
                    set(used) <= {n.id for n in ast.walk(s.value) if isinstance(n, ast.Name)}]
            if len(maps) != 1:
                continue
            k = maps[0].lineno - 1
            line = body[k]
            out.append(RowResult(line=start + k + 1, column=len(line) - len(line.lstrip()) + 1, text=line.strip(),
                                 status="fail", holds=False, reading="forward", notes=[UNUSED_PARAM_NOTE],
                                 why=f"{dropped[0]} is a parameter of the layer ({', '.join(names)}), and its "
                                     f"backward computes d{dropped[0]}, but this map never reads it: the output does "
                                     f"not depend on {dropped[0]}"))
    return out


def _unpacked(fn):
    """(the names, the statement) of ``A, B, C = self.attr`` in ``fn``'s own body, else None."""
    for s in fn.body:
        if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Tuple) and \
                isinstance(s.value, ast.Attribute) and isinstance(s.value.value, ast.Name) and \
                s.value.value.id == "self" and all(isinstance(e, ast.Name) for e in s.targets[0].elts):
            return tuple(e.id for e in s.targets[0].elts), s
    return None
