r"""The values of the numeric reader: applied functions, gradient symbols, the evaluation context, helpers."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..text.names import IllTyped
from ..text.names import Ref


__all__ = ["Func", "Grad", "Ctx", "INDEX_LETTERS", "chain_product", "component", "sigmoid",
           "TransposedJacobian", "Identity", "IDENTITY_NAMES", "OutOfRange"]


class OutOfRange(IllTyped):
    """A component index beyond the size of its vector (the sum over it ends there)."""

    def __init__(self, letter, k, size):
        super().__init__(f"component {k} of a vector of {size} is outside the run")
        self.letter = letter


#: Names of the identity matrix when no row defines them (``I``, ``{\bf I}``): its size comes from the
#: factor or term beside it.
IDENTITY_NAMES = ("I",)


class Identity:
    """The identity matrix of a size not yet known: the value beside it in a product or a sum gives it."""

    def sized(self, other) -> np.ndarray:
        n = other.shape[0] if isinstance(other, np.ndarray) and other.ndim == 2 else None
        if n is None:
            raise IllTyped("the identity I has no factor or term beside it to give its size")
        return np.eye(n, dtype=complex)


class TransposedJacobian(np.ndarray):
    """``(\\partial p / \\partial W)^T``: the Jacobian array of a vector by a matrix (outputs first), transposed as
    a whole; a gradient of p beside it (``g (\\partial p/\\partial W)^T``) contracts with its outputs, in either order."""


class ExplicitRow(np.ndarray):
    r"""A column vector the text transposes itself (``x_t^T``, ``xᵀ``): a row by the author's own mark, so
    ``\delta \odot x^T`` is numpy's broadcast of a column and a row, the outer product."""


class EmptySum(np.ndarray):
    r"""The value of a sum over no terms (``\sum_{i=t+1}^{n}`` at t = n): zero, which makes a product it is a factor
    of zero whatever the other factors would be (``\frac{\partial h_{t+1}}{\partial h_t}`` past the last step)."""


def empty_sum():
    return np.zeros((1, 1), dtype=complex).view(EmptySum)


@dataclass
class Func:
    name: str
    power: object = None
    order: int = 0
    node: tuple = ()


@dataclass(frozen=True)
class Grad:
    """A gradient symbol of a row: of ``key`` (at ``time_text``), as written (``word``, ``lhs``)."""

    key: str
    time_text: str
    word: str
    lhs: bool
    named: str = ""
    style: str = ""
    sign: str = ""          # "partial": written \frac{\partial L}{\partial W} (not dL/dW, the total derivative)
    text: str = field(default="", compare=False)     # the written symbol (selfref.py: one symbol, one reading)


@dataclass
class Ctx:
    tau: int
    run: object
    pert: dict | None = None
    consumer: str = ""
    env: dict = field(default_factory=dict)
    lenient: bool = False
    readings: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)      # Grad -> candidate readings
    lhs: bool = False
    occ: dict = field(default_factory=dict)
    local: dict | None = None                      # (key, τ) -> delta seen by every read here
    out_dim: int = 0


def _scalar(x):
    return isinstance(x, np.ndarray) and x.shape == (1, 1)


def _vec(x):
    return isinstance(x, np.ndarray) and x.ndim == 2 and 1 in x.shape and x.size > 1


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


INDEX_LETTERS = ("i", "j", "k", "l", "m", "n")


def chain_product(a, b):
    """d2l's prod(A, B): the product of a gradient and a Jacobian after the needed transpositions."""
    if getattr(b, "ndim", 2) == 3 and 1 in a.shape and a.size == b.shape[0]:
        return np.tensordot(a.reshape(-1), b, axes=1)        # prod(dL/do_t, do_t/dW) = sum_k g_k do_k/dW
    if getattr(a, "ndim", 2) == 3 and 1 in b.shape and b.size == a.shape[0]:
        return np.tensordot(b.reshape(-1), a, axes=1)
    if a.ndim == 3 or b.ndim == 3:
        from ..text.names import NotReadable
        raise NotReadable("a derivative of a vector by a matrix outside prod(., .)")
    if _scalar(a) or _scalar(b):
        return a * b
    g = a if 1 in a.shape else None
    if g is not None:
        col = g if g.shape[1] == 1 else g.T
        if 1 in b.shape and col.size > 1 and b.size > 1:
            # prod(\partial_{o_t} l, h_t) = \partial_{W_{oh}} L: two vectors, the gradient by a weight (their outer product)
            return col @ (b if b.shape[1] == 1 else b.T).T
        if b.shape[0] == col.shape[0]:
            return b.T @ col
        if b.shape[1] == col.shape[0]:
            return b @ col
    if a.shape[1] == b.shape[0]:
        return a @ b
    raise IllTyped(f"prod of shapes {a.shape} and {b.shape}")


def component(key, vocab):
    """``o_i`` -> ``o``: a free index letter on a known vector (its components, all at once)."""
    base, _, label = key.rpartition("_")
    if label in INDEX_LETTERS and base and (base in vocab.quantities or base in vocab.inputs):
        return base
    return None


def _peephole(key: str) -> bool:
    """p_i, v_o: a one-letter lowercase name (not w) multiplies element-wise; W, U, w_{ru} are matrices."""
    base = key.partition("_")[0]
    return len(base) == 1 and base.islower() and base != "w"


def _with_env(ctx, var, k, time_var=None):
    c = Ctx(k if var == time_var else ctx.tau, ctx.run, ctx.pert, ctx.consumer, dict(ctx.env), ctx.lenient,
            ctx.readings, ctx.seen, ctx.lhs, ctx.occ, ctx.local, ctx.out_dim)
    c.env[var] = k
    return c


def _diff(node):
    r"""("d"|"partial", what) of a differential: dL, d h_t, \\partial L, \\partial; else None."""
    if node[0] == "pre" and node[1] in ("partial", "d"):
        return node[1], node[3]
    if node[0] == "sym" and node[1] in ("d", "\\partial") and node[3] is None and node[4] is None:
        return "d", None
    if node[0] == "sym" and node[1].startswith("d") and len(node[1]) > 1 and node[2] is None:
        return "d", ("sym", node[1][1:], None, node[3], node[4], node[5])
    if node[0] == "mul" and node[1] and node[1][0][0] == "sym" and node[1][0][1] == "d" and len(node[1]) == 2:
        return "d", node[1][1]
    if node[0] == "mul" and node[1] and node[1][0][0] == "pre" and node[1][0][1] in ("partial", "d") \
            and node[1][0][2] is None:        # \partial \tanh(x): the differential of a product
        first = node[1][0][3]
        return node[1][0][1], ("mul", [first] + list(node[1][1:]), list(node[2]))
    return None


def _latex_name(key: str) -> str:
    return key


def _time_text(ref: Ref) -> str:
    from ..text.names import _node_text
    if ref.word:
        return ref.word
    return "" if ref.time is None else _node_text(ref.time)


def _show(ref: Ref) -> str:
    from ..text.names import key_latex
    return key_latex(ref.key)
