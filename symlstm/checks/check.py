"""Check generated code against the hand-written reference (or finite differences for custom cells)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import gradcheck, reference
from ..cells.cell import Cell
from ..cells.registry import available_cells, cell as builtin

__all__ = ["check_compiled", "CheckReport", "random_inputs", "oracle_for"]

DEFAULT_SIZES = ((1, 1, 1, 1), (3, 2, 2, 3), (5, 4, 3, 4))


@dataclass
class CheckReport:
    """Largest relative errors of a compiled cell against an oracle, per output."""

    cell: str
    oracle: str
    tolerance: float
    errors: dict = field(default_factory=dict)     # key -> max relative error over all sizes

    @property
    def passed(self) -> bool:
        return all(e <= self.tolerance for e in self.errors.values())

    def lines(self) -> list[str]:
        out = [f"check of {self.cell} against {self.oracle} (float64, relative tolerance {self.tolerance:g}):"]
        for k, e in self.errors.items():
            out.append(f"  {k:<8} max error {e:.2e}  {'pass' if e <= self.tolerance else 'FAIL'}")
        out.append(f"  {'PASS' if self.passed else 'FAIL'}")
        return out


def random_inputs(c: Cell, T, B, I, H, rng, dtype=np.float64, scale=0.5):
    """Random x (T,B,I), params, non-zero state0 and dh for cell ``c``."""
    params = {n: (rng.standard_normal(s) * scale).astype(dtype) for n, s in c.param_shapes(I, H).items()}
    x = rng.standard_normal((T, B, I)).astype(dtype)
    state0 = {s: (rng.standard_normal((B, H)) * scale).astype(dtype) for s in c.states}
    dh = rng.standard_normal((T, B, H)).astype(dtype)
    return x, params, state0, dh


def oracle_for(c: Cell) -> str:
    """'reference' when the hand-written reference implements exactly this cell, else 'finite differences'."""
    if c.name in reference.CELLS and c.name in available_cells():
        b = builtin(c.name)
        if (b.equations, b.states) == (c.equations, c.states):
            return "reference"
    return "finite differences"


def _rel(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a - b)) / max(1.0, float(np.max(np.abs(b)))))


def check_compiled(compiled, sizes=DEFAULT_SIZES, seed=0, tolerance=None) -> CheckReport:
    """Compare forward outputs and every gradient with the oracle at several sizes."""
    c = compiled.cell
    oracle = oracle_for(c)
    tol = tolerance if tolerance is not None else (1e-10 if oracle == "reference" else 1e-6)
    report = CheckReport(c.name, oracle, tol)
    rng = np.random.default_rng(seed)
    for T, B, I, H in sizes:
        x, params, state0, dh = random_inputs(c, T, B, I, H, rng)
        hs, final = compiled.forward(x, params, state0)
        grads = compiled.backward(x, params, dh, state0)
        if oracle == "reference":
            ref_hs, ref_final = reference.forward(c.name, x, params, state0)
            ref_grads = reference.backward(c.name, x, params, dh, state0)
        else:
            ref_hs, ref_final = hs, final
            ref_grads = gradcheck.numeric_grads(compiled.forward, x, params, dh, state0)
        pairs = {"h": (hs, ref_hs), **{f"final {s}": (final[s], ref_final[s]) for s in c.states},
                 **{k: (grads[k], ref_grads[k]) for k in ref_grads}}
        for k, (a, b) in pairs.items():
            report.errors[k] = max(report.errors.get(k, 0.0), _rel(a, b))
    return report
