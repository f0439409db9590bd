r"""What the scripts of a symbol do to its value: times (t-1, \langle t \rangle, words), components in index
notation (x_{ti}, W_{ji}), blocks of a stacked vector (IFOGf^{(IFO)}), slices (dX_{[:, :H]}, a slice stated in the
prose), transposes and powers."""
from __future__ import annotations

import numpy as np

from ...latex.notation import TIME_WORDS
from ..text.names import LAYER_LETTERS, IllTyped, NotReadable, Ref, key_latex
from .blockdeps import stack_letters
from .numbase import ExplicitRow, OutOfRange, TransposedJacobian, _scalar
from .slices import apply_slice
from .trueclass import TRUE_CLASS_LETTERS, true_component

__all__ = ["ScriptsMixin"]


class ScriptsMixin:
    """The scripts part of :class:`~symlstm.verify.numeval.Evaluator`."""

    def time_of(self, ref: Ref, ctx):
        if ref.word:
            return ctx.tau + TIME_WORDS[ref.word]
        if ref.time is None:
            if getattr(self.model, "last_keys", ()) and ref.key in self.model.last_keys:
                return self.model.T         # \hat{y} = g(h_T; \phi): the one output, at the last step (laststep.py)
            return ctx.tau
        return self.int_of(ref.time, ctx)

    def int_of(self, node, ctx):
        k = node[0]
        if k == "num":
            if not float(node[1]).is_integer():
                raise NotReadable("a time that is not a whole number")     # (x^{0.5}: a power, not a step)
            return int(float(node[1]))
        if k == "sym":
            if node[5] and node[1] + "'" * node[5] in ctx.env:       # t' bound by \sum_{t'}
                return ctx.env[node[1] + "'" * node[5]]
            if node[1] in ctx.env:
                return ctx.env[node[1]]
            raise NotReadable(f"the time {node[1]} is not known here")
        if k == "add":
            tot = 0
            for s, t in node[1]:
                tot += self.int_of(t, ctx) * (1 if s == "+" else -1)
            return tot
        if k == "paren":
            return self.int_of(node[2], ctx)
        if k == "mul":
            if any(op not in (None, "cdot", "times") for op in node[2][1:]):
                raise NotReadable("a time that is not a whole number")     # (x^{1/2}: a quotient, not a product)
            out = 1
            for x in node[1]:
                out *= self.int_of(x, ctx)
            return out
        raise NotReadable("a time that is not a whole number")

    def scripts(self, val, ref: Ref, ctx):
        if len(ref.index) == 2 and val.ndim == 2 and min(val.shape) > 1:
            val = self.matrix_entries(val, ref.index, ctx)     # W_{ji}: row j, column i
        else:
            for letter in ref.index:
                if letter not in ctx.env and letter in TRUE_CLASS_LETTERS and letter not in self.vocab.comp:
                    val = true_component(self, val, letter, ref, ctx)      # \hat{y}_k: at the true class
                    continue
                if letter in ctx.env:              # a component of a sum's index: x_{ti} with i bound
                    k = ctx.env[letter] - 1
                    flat = val.reshape(-1)
                    if not 0 <= k < flat.size:
                        raise OutOfRange(letter, k + 1, flat.size)
                    val = flat[k].reshape(1, 1)
        if ref.slice:
            val = self.slice(val, ref.slice)
        if ref.block:
            val = self.block(val, ref.key, ref.block, ctx)
        if ref.transpose and getattr(val, "ndim", 2) == 3:
            if isinstance(val, TransposedJacobian):          # transposed twice: the Jacobian array
                val = np.asarray(val)
            else:
                val = np.asarray(val).view(TransposedJacobian)
        elif ref.transpose:
            val = val.T
            if isinstance(val, np.ndarray) and val.ndim == 2 and val.shape[0] == 1 < val.shape[1]:
                val = val.view(ExplicitRow)         # x^T: a row the author wrote (numprod.mul's broadcast)
        if ref.power is not None:
            try:
                pw = float(self.int_of(ref.power, ctx))      # (W^T)^{T-i}: a whole number from the times
            except NotReadable:
                p = self.value(ref.power, ctx)
                if not _scalar(p):
                    raise IllTyped("a power that is not a number")
                pw = p[0, 0].real
            if abs(pw) > 64:
                raise NotReadable("an exponent larger than 64")
            if val.shape[0] == val.shape[1] and val.shape[0] > 1 and float(pw).is_integer():
                try:                # (W^T)^{T-i}; S^{-1}, the inverse (a negative power of a square matrix)
                    val = np.linalg.matrix_power(val, int(pw))
                except np.linalg.LinAlgError:
                    raise NotReadable("a power of a singular matrix") from None
            else:
                val = val ** pw
        return val

    def matrix_entries(self, val, index, ctx):
        """W_{ji} with j bound by a sum and i free: row j as a vector over i (and so on)."""
        r, c = index
        rb, cb = r in ctx.env, c in ctx.env
        for letter, bound, size in ((r, rb, val.shape[0]), (c, cb, val.shape[1])):
            if bound and not 1 <= ctx.env[letter] <= size:
                raise OutOfRange(letter, ctx.env[letter], size)
        if rb and cb:
            return val[ctx.env[r] - 1, ctx.env[c] - 1].reshape(1, 1)
        if rb:
            return val[ctx.env[r] - 1, :].reshape(self.model.vector(val.shape[1]))
        if cb:
            return val[:, ctx.env[c] - 1].reshape(self.model.vector(val.shape[0]))
        raise NotReadable("a matrix written by its entries W_{ij} with both indices free")

    def block(self, val, key, label, ctx):
        """IFOGf^{(IFO)}: the blocks I, F, O of a stacked vector; Hin^{(x)}: the part x of a concatenation."""
        flat = val.reshape(-1)
        gates = stack_letters(key, self.model.all_by_key.get(key, ()))
        if gates and label in gates:
            n = flat.size // len(gates)
            a = gates.index(label) * n
            part = flat[a:a + len(label) * n]
        else:
            d = self.model.by_key.get(key)
            node = d.node if d is not None else None
            named = _stacked_items(self.model, d, key) if node is not None and node[0] not in ("list", "paren") \
                else None
            if named:       # gates = [i, f, ci, o] = xh w + b: block k of gates is the item named k (blockgrads.py)
                return _named_block(flat, named, label, key, val)
            if node is None or node[0] not in ("list", "paren"):
                if label in LAYER_LETTERS:      # h^{(l)} where no row defines layers: a layer index
                    raise NotReadable(f"^{{({label})}} of {key_latex(key)}: a layer index, but the rows define a "
                                      f"cell of one layer (no row states how layers connect)")
                raise NotReadable(f"the block ^{{({label})}} of {key_latex(key)}")
            items = node[2] if node[0] == "list" else [node[2]]
            offset, part = 0, None
            for it in items:
                size = self.value(it, ctx).size
                name = it[1] if it[0] == "sym" else ""
                if name and name[0].lower() == label.lower():
                    part = flat[offset:offset + size]
                    break
                offset += size
            if part is None:
                raise NotReadable(f"the block ^{{({label})}} of {key_latex(key)}")
        return part.reshape(-1, 1) if val.shape[1] == 1 else part.reshape(1, -1)

    def stated_slice(self, val, text):
        """W_f[:, :n_a], \\delta z_t[1:\\dim h_{t-1}]: a slice in maths or code (slices.py)."""
        return apply_slice(self, val, text)

    def slice(self, val, text):
        """dX_{[:, :H]}: a slice written as a subscript (slices.py)."""
        return apply_slice(self, val, text.strip().removeprefix("[").removesuffix("]"))


def _stacked_items(model, d, key):
    """The item names of the stacked left side the row defining ``key`` also writes (``gates = [i, f, ci, o] =
    ...``, :mod:`~symlstm.verify.judging.blockgrads`), in order, or None."""
    if d is None or len(d.keys) != 1:
        return None
    for other in model.defs:
        if other is not d and other.row == d.row and len(other.keys) > 1:
            return [str(k).split("@")[0] for k in other.keys]       # (f@1: code's earlier binding of f)
    return None


def _named_block(flat, names, label, key, val):
    """Block ``label`` (an item's name, or the first letter of exactly one item's name) of a stack of equal
    blocks named ``names``."""
    hits = [j for j, n in enumerate(names) if n == label] or \
        [j for j, n in enumerate(names) if len(label) == 1 and n[:1] == label]
    if len(hits) != 1 or flat.size % len(names):
        raise NotReadable(f"the block ^{{({label})}} of {key_latex(key)}")
    n = flat.size // len(names)
    part = flat[hits[0] * n:(hits[0] + 1) * n]
    return part.reshape(-1, 1) if val.shape[1] == 1 else part.reshape(1, -1)
