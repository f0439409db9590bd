r"""Slices written after a quantity, in maths or in code: ``\delta z_t[1:\dim(h_{t-1})]``,
``lin_{hh}[2*hidden\_size:3*hidden\_size]``, ``W_f[:, :n_a]``, ``dX_{[:, :H]}`` (one reading for every place a
slice is written: after a name, after an expression, in a subscript, stated in the prose).

Bounds are whole numbers, size words (:data:`SIZE_WORDS`: the hidden and input widths), ``\dim(q)`` / ``|q|``
(the width of a quantity of the rows) and their sums and products. Two conventions write the same slice:
mathematics counts from 1 and includes the upper bound (``[1:\dim h]``: the first dim h components), code counts
from 0 and stops before it (``[0:n]``, ``[2*H:3*H]``, ``[:n_a]``). :data:`MATH_CUES` and :data:`CODE_CUES` tell them
apart; a slice with cues of both is not read, nor one with cues of neither (``[H:2H]``) unless the derivation's
other slices show one convention (``[0:H]`` beside it: :func:`file_convention`): guessing could fail a correct row.
The axes are the value's own (``[:n_h, :]`` the rows of a column, ``[:, :H]`` the columns of a row); one axis
written on a vector is its only long axis."""
from __future__ import annotations

import re

import numpy as np

from ..text.latexparse import LatexError
from ..text.names import IllTyped, NotReadable, resolve
from ..text.rowparse import parse_expression

__all__ = ["SIZE_WORDS", "MATH_CUES", "CODE_CUES", "slice_convention", "apply_slice", "split_weight_shape", "size_word"]

#: A size word as a bound: "h" the hidden width, "i" the input width.
SIZE_WORDS = {
    "H": "h", "n_a": "h", "n_h": "h", "n_{a}": "h", "n_{h}": "h", "d_h": "h", "hidden_size": "h",
    "hidden_dim": "h", "hiddenSize": "h", "hidden": "h", "num_hidden": "h", "n_hidden": "h",
    "n_x": "i", "d_x": "i", "input_size": "i", "input_dim": "i", "inputSize": "i", "in": "i", "\\text{in}": "i",
    "n_in": "i", "d_in": "i", "x_dim": "i", "x_size": "i", "dim_x": "i", "h_dim": "h", "h_size": "h", "dim_h": "h",
    "recur_size": "h", "recurrent_size": "h", "state_size": "h", "units": "h", "n_units": "h", "num_units": "h",
    "hidden_units": "h", "cell_size": "h", "n_hid": "h", "hid_size": "h", "hid_dim": "h", "rnn_size": "h",
    "lstm_size": "h", "hidden_layer_size": "h", "n_neurons": "h",
    "n_input": "i", "num_inputs": "i", "in_dim": "i", "in_size": "i", "n_features": "i", "feature_size": "i",
    "input_features": "i", "timefeats": "i",
}

#: What marks a slice as mathematics (1-based, the upper bound included).
MATH_CUES = {
    "dim": r"a width written \dim(q) or |q|",
    "one": "a lower bound 1",
    "plus_one": "a lower bound written k + 1",
}

#: What marks a slice as code (0-based, the upper bound excluded).
CODE_CUES = {
    "open": "an omitted bound ([:n], [n:])",
    "zero": "a lower bound 0",
    "star": "a product written with *",
    "identifier": r"a size named like a program variable (hidden\_size)",
}

_DIM = re.compile(r"\\dim\b|\\operatorname\{dim\}|\\mathrm\{dim\}")


def _parts(text: str) -> list[str]:
    """The slice's axes: its text split at the commas outside brackets."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def _split_colon(part: str):
    depth = 0
    for k, ch in enumerate(part):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == ":" and depth == 0:
            return part[:k], part[k + 1:]
    return None


def _tree(text: str):
    text = text.strip()
    if not text:
        return None
    try:
        return parse_expression(_DIM.sub(r"\\mathrm{dim}", text))
    except (LatexError, IndexError, RecursionError):
        raise NotReadable(f"the slice bound {text}") from None


def _cues(tree, cues: set):
    if tree is None:
        return
    k = tree[0]
    if k == "sym" and tree[1] == "dim":
        cues.add("dim")
    elif k == "abs":
        cues.add("dim")
    elif k == "sym" and "_" in tree[1]:
        cues.add("identifier")
    elif k == "mul":
        if "star" in tree[2]:
            cues.add("star")
        for x in tree[1]:
            _cues(x, cues)
    elif k == "add":
        for _, x in tree[1]:
            _cues(x, cues)
    elif k == "paren":
        _cues(tree[2], cues)


def _read(text: str):
    """[(lo tree | None, hi tree | None), ...] per axis, or None (a full axis ':' is (None, None))."""
    axes = []
    text = text.strip()
    if text[:1] == "[" and text[-1:] == "]" and "[" not in text[1:-1]:
        text = text[1:-1]           # [\cdot]_{[0:H]}: the slice written in its own brackets
    for part in _parts(text):
        lohi = _split_colon(part)
        if lohi is None:
            raise NotReadable(f"the slice [{text}]: an axis without ':'")
        axes.append((_tree(lohi[0]), _tree(lohi[1]), lohi[0].strip(), lohi[1].strip()))
    return axes


def slice_convention(text: str) -> str:
    """'math' | 'code' for the slice text, by the cue tables; NotReadable when ambiguous."""
    axes = _read(text)
    cues = set()
    for lo, hi, lo_s, hi_s in axes:
        if lo is None and hi is None:
            continue                        # ':' a whole axis: no cue
        if lo is None or hi is None:
            cues.add("open")
        if lo == ("num", "0"):
            cues.add("zero")
        if lo == ("num", "1"):
            cues.add("one")
        if lo is not None and lo[0] == "add" and len(lo[1]) >= 2 and lo[1][-1] == ("+", ("num", "1")):
            cues.add("plus_one")
        _cues(lo, cues)
        _cues(hi, cues)
    math, code = cues & set(MATH_CUES), cues & set(CODE_CUES)
    if math and code:
        raise NotReadable(f"the slice [{text}] mixes the conventions of mathematics ({MATH_CUES[sorted(math)[0]]}) "
                          f"and code ({CODE_CUES[sorted(code)[0]]}); which one it means is not read")
    if not math and not code:
        raise NotReadable(f"the slice [{text}]: nothing tells whether it counts from 1 and includes its end "
                          f"(mathematics) or counts from 0 and stops before it (code)")
    return "math" if math else "code"


def _width(ev, node) -> int:
    """The width of a quantity named in \\dim(q) or |q|."""
    node = node[2] if node[0] == "paren" else node
    if node[0] != "sym":
        raise NotReadable("a width of an expression in a slice bound")
    key = resolve(node, ev.vocab).key
    m = ev.model
    try:
        if key in m.params:
            return int(np.size(m.params[key]))
        return int(np.size(m.value(key, 1)))
    except Exception:
        raise NotReadable(f"the width of {key} in a slice bound") from None


def size_word(tree) -> str | None:
    """The word a name of a slice bound spells (``n_a``, ``recur_size`` read as recur with the subscript size)."""
    if tree[0] != "sym":
        return None
    return tree[1] if tree[3] is None else f"{tree[1]}_{tree[3][0][1]}" if len(tree[3]) == 1 and \
        tree[3][0][0] == "sym" else None


def _int(ev, tree, text) -> int:
    k = tree[0]
    if k == "num":
        if not tree[1].isdigit():
            raise NotReadable(f"the slice bound {text}")
        return int(tree[1])
    if k == "abs":
        return _width(ev, tree[1])
    if k == "paren":
        return _int(ev, tree[2], text)
    if k == "sym":
        word = size_word(tree)
        size = SIZE_WORDS.get(word) if word else None
        if size is None or tree[4] is not None or tree[5]:
            raise NotReadable(f"the slice bound {text}: no size is named {word or 'so'}")
        return ev.model.h if size == "h" else ev.model.i
    if k == "mul":
        items = tree[1]
        if items and items[0] == ("sym", "dim", None, None, None, 0):
            if len(items) != 2:
                raise NotReadable(f"the slice bound {text}")
            return _width(ev, items[1])
        out = 1
        for x in items:
            out *= _int(ev, x, text)
        return out
    if k == "add":
        return sum(_int(ev, x, text) * (1 if s == "+" else -1) for s, x in tree[1])
    raise NotReadable(f"the slice bound {text}")


def file_convention(rows):
    """'math' | 'code' when every slice of ``rows`` whose convention shows (``[0:H]`` counts from 0) shows the
    same one, else None: the derivation's other slices (``[H:2H]`` beside it) count the same way."""
    from ..text.trees import nodes
    seen = set()
    for n in nodes(rows, "slice"):
        try:
            seen.add(slice_convention(n[1]))
        except (NotReadable, TypeError, IndexError):
            pass
    return seen.pop() if len(seen) == 1 else None


def apply_slice(ev, val, text: str):
    """The part of ``val`` the slice ``[text]`` writes (see the module's doc)."""
    try:
        conv = slice_convention(text)
    except NotReadable as e:
        conv = getattr(ev.vocab, "slice_default", None)
        if conv is None or "nothing tells" not in str(e):
            raise
    axes = _read(text)
    val = np.asarray(val)
    if val.ndim != 2:
        raise NotReadable(f"the slice [{text}] of a value that is not a vector or matrix")
    vector = min(val.shape) == 1
    long_axis = int(np.argmax(val.shape)) if vector else None
    if not vector and len(axes) == 1 and conv == "code":
        axes = [axes[0], (None, None, "", "")]      # Whh[H:2*H] in numpy: rows H to 2H, every column
    if not vector and len(axes) != 2:
        raise NotReadable(f"the slice [{text}] of a matrix: one axis written")
    if len(axes) > 2:
        raise NotReadable(f"the slice [{text}]: more than two axes")
    idx = []
    for ax, (lo, hi, lo_s, hi_s) in enumerate(axes):
        n = val.shape[long_axis] if vector and len(axes) == 1 else val.shape[ax]
        a = 0 if lo is None else _int(ev, lo, lo_s) - (1 if conv == "math" else 0)
        b = n if hi is None else _int(ev, hi, hi_s)
        if conv == "code":
            b = min(b, n)                   # NumPy stops at the end of the axis
        if a < 0 or b > n:
            raise NotReadable(f"the slice [{text}] reaches outside its value ({n} wide)")
        if b <= a:
            raise IllTyped(f"the slice [{text}] is empty")
        idx.append(slice(a, b))
    if vector and len(axes) == 1:
        flat = val.reshape(-1)[idx[0]]
        return flat.reshape(-1, 1) if val.shape[1] == 1 else flat.reshape(1, -1)
    out = val[idx[0], idx[1]]
    return out


def split_weight_shape(text: str, h: int, i: int):
    """The shape of a weight first met sliced in its columns at one size word (``Wh[:, :hidden_size]``,
    ``Wh[:, hidden_size:]``, ``W[:, :n_x]``): a weight acting on the state and the input side by side (``[h, x]`` or
    ``[x, h]``), ``(h, h + i)`` whichever block comes first (``(h + i, h)`` for rows, ``W[:H, :]``, the weight of
    ``[h, x] @ W``); None for any other slice (its shape comes from its use)."""
    try:
        axes = _read(text)
    except (NotReadable, TypeError, IndexError, ValueError):
        return None
    if len(axes) != 2 or (axes[0][:2] == (None, None)) == (axes[1][:2] == (None, None)):
        return None
    rows = axes[1][:2] == (None, None)          # W[:H, :]: the rows of a weight a row vector multiplies, x @ W
    lo, hi = axes[0 if rows else 1][:2]
    bound = hi if lo is None else lo if hi is None else None
    if bound is None or bound[0] != "sym" or bound[3] is not None or bound[4] is not None or \
            SIZE_WORDS.get(bound[1]) not in ("h", "i"):
        return None
    return (h + i, h) if rows else (h, h + i)
