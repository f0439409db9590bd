"""Helpers shared by the code printers (NumPy, Numba, the exports): an indented line writer, CSE of an ordered block."""
from __future__ import annotations

import sympy
from sympy.codegen.ast import Assignment, CodeBlock

__all__ = ["Writer", "cse", "unpack"]


class Writer:
    """Lines of generated source: ``w(line, indent)`` appends, ``w.text()`` joins."""

    def __init__(self):
        self.lines: list[str] = []

    def __call__(self, line="", indent=0):
        self.lines.append("    " * indent + line if line else "")

    def block(self, text, indent=0):
        """Append a block of static source, line by line."""
        for line in text.strip("\n").splitlines():
            self(line, indent)

    def text(self):
        return "\n".join(self.lines) + "\n"


def unpack(w, names, source, indent=1):
    """``a, b, ... = source[k:k+n]`` in lines of at most 8 names (a 1-tuple keeps its comma)."""
    for k in range(0, len(names), 8):
        chunk = names[k:k + 8]
        comma = "," if len(chunk) == 1 else ""
        w(f"{', '.join(chunk)}{comma} = {source}[{k}:{k + len(chunk)}]", indent)


def cse(assignments):
    """Common subexpressions of an ordered list of (name, expr), kept in valid order."""
    block = CodeBlock(*[Assignment(sympy.Symbol(n), e) for n, e in assignments])
    out = block.cse(symbols=sympy.numbered_symbols("_e"), order="none")
    return [(str(a.lhs), a.rhs) for a in out.args]
