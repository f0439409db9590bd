"""The LSTM variants of Greff et al. (2017) and the minimal gated unit, built from transforms.

Each variant is ``peephole_lstm`` (Greff's "vanilla" LSTM) with one change; a removed
gate takes its parameters with it. ``lstm_fgr`` (full gate recurrence) feeds the three
gates of step t-1 into each gate of step t through (H, H) matrices ``R_<to><from>``.
"""
from __future__ import annotations

import sympy

from .algebra import at, mat, param, sigmoid, t, tanh, vec
from .cell import Cell
from .catalogue import affine
from .registry import cell, register
from .transforms import couple, drop_activation, drop_params, remove_gate

__all__ = ["GREFF_VARIANTS"]

GREFF = "Greff et al. 2017"

#: The variants of Greff et al. (2017), in the order of their paper.
GREFF_VARIANTS = ("lstm_nig", "lstm_nfg", "lstm_nog", "lstm_niaf", "lstm_noaf", "lstm_np",
                  "lstm_cifg", "lstm_fgr")


def _vanilla() -> Cell:
    return cell("peephole_lstm")


@register("lstm_nig")
def lstm_nig() -> Cell:
    return remove_gate(_vanilla(), "i", name="lstm_nig", description=f"NIG: no input gate, i = 1 ({GREFF})")


@register("lstm_nfg")
def lstm_nfg() -> Cell:
    return remove_gate(_vanilla(), "f", name="lstm_nfg", description=f"NFG: no forget gate, f = 1 ({GREFF})")


@register("lstm_nog")
def lstm_nog() -> Cell:
    return remove_gate(_vanilla(), "o", name="lstm_nog", description=f"NOG: no output gate, o = 1 ({GREFF})")


@register("lstm_niaf")
def lstm_niaf() -> Cell:
    return drop_activation(_vanilla(), "g", name="lstm_niaf",
                           description=f"NIAF: no input activation function, g = W_g x + U_g h + b_g ({GREFF})")


@register("lstm_noaf")
def lstm_noaf() -> Cell:
    return drop_activation(_vanilla(), "h", name="lstm_noaf",
                           description=f"NOAF: no output activation function, h = o ⊙ c ({GREFF})")


@register("lstm_np")
def lstm_np() -> Cell:
    return drop_params(_vanilla(), "p_i", "p_f", "p_o", name="lstm_np",
                       description=f"NP: no peepholes ({GREFF}); the same equations as lstm")


@register("lstm_cifg")
def lstm_cifg() -> Cell:
    return couple(_vanilla(), "f", 1 - at("i"), name="lstm_cifg",
                  description=f"CIFG: coupled input and forget gate, f = 1 - i ({GREFF})")


@register("lstm_fgr")
def lstm_fgr() -> Cell:
    c = _vanilla()
    loop = ("i", "f", "o")
    eqs = []
    for eq in c.equations:
        q = eq.lhs.func.__name__
        if q in loop:
            (a,) = eq.rhs.args            # the gate is σ(a)
            a = a + sum((mat(f"R_{q}{p}") @ at(p, -1) for p in loop), sympy.Integer(0))
            eq = sympy.Eq(eq.lhs, sigmoid(a))
        eqs.append(eq)
    return Cell("lstm_fgr", eqs, c.states + loop,
                description=f"FGR: full gate recurrence, every gate also reads i, f, o of step t-1 "
                            f"through R_<to><from> ({GREFF})")


@register("mgu")
def mgu() -> Cell:
    x, h, f, n = vec("x"), vec("h"), vec("f"), vec("n")
    return Cell("mgu", [
        sympy.Eq(f(t), sigmoid(affine("f"))),
        sympy.Eq(n(t), tanh(mat("W_n") @ x(t) + mat("U_n") @ (f(t) * h(t - 1)) + param("b_n"))),
        sympy.Eq(h(t), (1 - f(t)) * h(t - 1) + f(t) * n(t)),
    ], states=("h",), description="minimal gated unit (Zhou et al. 2016)")
