"""Helpers shared by the code printers: an indented line writer, CSE of an ordered block."""
from __future__ import annotations

import sympy
from sympy.codegen.ast import Assignment, CodeBlock

__all__ = ["Writer", "cse"]


class Writer:
    """Lines of generated source: ``w(line, indent)`` appends, ``w.text()`` joins."""

    def __init__(self):
        self.lines: list[str] = []

    def __call__(self, line="", indent=0):
        self.lines.append("    " * indent + line if line else "")

    def text(self):
        return "\n".join(self.lines) + "\n"


def cse(assignments):
    """Common subexpressions of an ordered list of (name, expr), kept in valid order."""
    block = CodeBlock(*[Assignment(sympy.Symbol(n), e) for n, e in assignments])
    out = block.cse(symbols=sympy.numbered_symbols("_e"), order="none")
    return [(str(a.lhs), a.rhs) for a in out.args]
