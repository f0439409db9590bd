"""The built-in cells, each a few lines of equations, registered by name."""
from __future__ import annotations

import sympy

from .algebra import mat, param, sigmoid, t, tanh, vec
from .cell import Cell
from .registry import register

__all__ = ["affine"]

x, h, c = vec("x"), vec("h"), vec("c")
Eq = sympy.Eq


def affine(k: str, recurrent=None):
    """The pre-activation W_k x_t + U_k h_{t-1} + b_k (``recurrent`` replaces h_{t-1})."""
    v = h(t - 1) if recurrent is None else recurrent
    return mat(f"W_{k}") @ x(t) + mat(f"U_{k}") @ v + param(f"b_{k}")


@register("rnn")
def rnn() -> Cell:
    return Cell("rnn", [Eq(h(t), tanh(mat("W") @ x(t) + mat("U") @ h(t - 1) + param("b")))],
                states=("h",), description="Elman RNN")


def _lstm(name, peepholes: bool, description: str) -> Cell:
    i, f, g, o = vec("i"), vec("f"), vec("g"), vec("o")
    peep = (lambda k, v: param(f"p_{k}") * v) if peepholes else (lambda k, v: 0)
    return Cell(name, [
        Eq(i(t), sigmoid(affine("i") + peep("i", c(t - 1)))),
        Eq(f(t), sigmoid(affine("f") + peep("f", c(t - 1)))),
        Eq(g(t), tanh(affine("g"))),
        Eq(c(t), f(t) * c(t - 1) + i(t) * g(t)),
        Eq(o(t), sigmoid(affine("o") + peep("o", c(t)))),
        Eq(h(t), o(t) * tanh(c(t))),
    ], states=("h", "c"), description=description)


@register("lstm")
def lstm() -> Cell:
    return _lstm("lstm", False, "LSTM with forget gate (Hochreiter & Schmidhuber 1997; Gers et al. 2000)")


@register("peephole_lstm")
def peephole_lstm() -> Cell:
    return _lstm("peephole_lstm", True, "vanilla LSTM with peepholes (Greff et al. 2017)")


def _gru(name, reset_after: bool, description: str) -> Cell:
    r, z, n = vec("r"), vec("z"), vec("n")
    if reset_after:
        cand = mat("W_n") @ x(t) + param("b_n") + r(t) * (mat("U_n") @ h(t - 1) + param("b_hn"))
    else:
        cand = affine("n", recurrent=r(t) * h(t - 1))
    return Cell(name, [
        Eq(r(t), sigmoid(affine("r"))),
        Eq(z(t), sigmoid(affine("z"))),
        Eq(n(t), tanh(cand)),
        Eq(h(t), (1 - z(t)) * n(t) + z(t) * h(t - 1)),
    ], states=("h",), description=description)


@register("gru")
def gru() -> Cell:
    return _gru("gru", False, "GRU (Cho et al. 2014)")


@register("gru_reset_after")
def gru_reset_after() -> Cell:
    return _gru("gru_reset_after", True, "GRU with the reset gate after the recurrent product "
                "(PyTorch, cuDNN, Keras)")

