"""The vocabulary of a claim: what a derivation lets a person name (quantities, parameters, spaces)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...cells.algebra import PREACT_SUFFIX
from ...cells.cell import INPUT, Cell
from ...derive import Derivation, derive

__all__ = ["Vocabulary", "vocabulary", "param_latex"]


def param_latex(name: str) -> str:
    """A parameter's LaTeX name: ``W_f`` -> ``W_{f}``."""
    base, _, sub = name.partition("_")
    return f"{base}_{{{sub}}}" if sub else base


@dataclass(frozen=True)
class Vocabulary:
    """What a claim about ``derivation.cell`` may name."""

    derivation: Derivation

    @property
    def cell(self) -> Cell:
        return self.derivation.cell

    @property
    def quantities(self) -> tuple[str, ...]:
        """Every named vector of a step: the cell's quantities and pre-activations (and x)."""
        return (INPUT,) + tuple(q for q, _ in self.derivation.expanded)

    @property
    def params(self) -> dict[str, str]:
        return {p.name: p.kind for p in self.cell.params}

    def space(self, q: str) -> str:
        return "I" if q == INPUT else "H"

    def matrix_space(self, name: str) -> tuple[str, str]:
        return ("H", "I") if self.params[name] == "input" else ("H", "H")

    def preact(self, base: str, k: str) -> str | None:
        name = base + PREACT_SUFFIX + k
        return name if name in self.quantities else None

    def known(self) -> str:
        """The symbols of this cell, as LaTeX, for error messages."""
        from ...latex.printing import PREACT_ACCENTS
        qs = [f"{q}_t" for q in (INPUT,) + self.cell.quantities]
        pre = []
        for q in self.quantities:
            m = re.match(rf"^(.+?){PREACT_SUFFIX}(\d*)$", q)
            if m and m[1] in self.cell.quantities:
                accent = PREACT_ACCENTS.get(m[2], "\\bar")
                pre.append(f"{accent}{{{m[1]}}}_t")
        params = [param_latex(p) for p in self.params]
        return (f"quantities {', '.join(qs)} (at t, t-1, t+1, or a step number); pre-activations "
                f"{', '.join(pre) or 'none'}; adjoints \\delta q_t of each; \\Delta_t (the loss "
                f"gradient reaching h_t); parameters {', '.join(params)}; functions \\sigma, \\tanh, "
                f"\\exp, \\operatorname{{diag}}")


@lru_cache(maxsize=64)
def _derivation(cell: Cell) -> Derivation:
    return derive(cell)


def vocabulary(cell_or_derivation) -> Vocabulary:
    """The vocabulary of a cell (a Cell, a built-in name, or a Derivation); derivations are cached."""
    if isinstance(cell_or_derivation, Derivation):
        return Vocabulary(cell_or_derivation)
    if isinstance(cell_or_derivation, str):
        from ...cells.registry import cell as lookup
        cell_or_derivation = lookup(cell_or_derivation)
    if not isinstance(cell_or_derivation, Cell):
        raise TypeError(f"expected a Cell, a cell name or a Derivation, got {type(cell_or_derivation).__name__}")
    return Vocabulary(_derivation(cell_or_derivation))
