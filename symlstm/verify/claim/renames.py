"""Renaming: the claim's notation (C_t, \\tilde{C}_t, y, R_z, h(.)) mapped to symlstm's names.

Both sides of an entry are read with the claim grammar (``start="symbol"``), never evaluated.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ...cells.cell import INPUT
from ..text.depth import split_outside
from ..text.latexparse import FUNCTION_COMMANDS, LatexError, decorated, parse, sub_items, word
from .vocabulary import Vocabulary

__all__ = ["Ref", "Renames", "parse_renames"]

@dataclass(frozen=True)
class Ref:
    """A name as written: ``\\delta``?, an accent?, a base name, name subscripts (W_{xi})."""

    delta: bool = False
    accent: str | None = None
    name: str = ""
    subs: tuple = ()

    def latex(self) -> str:
        s = self.name
        if self.accent:
            s = f"\\{self.accent}{{{s}}}"
        if self.subs:
            s += "_{" + ",".join(self.subs) + "}"
        return (r"\delta " if self.delta else "") + s


@dataclass(frozen=True)
class Renames:
    """A mapping from the claim's notation to symlstm's (see :func:`parse_renames`)."""

    symbols: tuple = ()          # ((Ref key, Ref target), ...)
    functions: tuple = ()        # ((name, function), ...)

    def __bool__(self):
        return bool(self.symbols or self.functions)

    def function(self, name: str) -> str | None:
        return dict(self.functions).get(name)

    def apply(self, ref: Ref) -> Ref:
        """``ref`` in symlstm's names: an exact entry first, then the accented name, then the letter."""
        table = dict(self.symbols)
        renamed_subs = tuple(self.sub(s) for s in ref.subs)
        if ref in table:                              # W_{xi} -> W_i, \delta z -> \delta\bar{g}
            return table[ref]
        plain = replace(ref, delta=False)
        if ref.delta and plain in table:              # \delta W_{xi}
            tgt = table[plain]
            return replace(tgt, delta=True)
        if ref.accent and Ref(False, ref.accent, ref.name) in table:   # \tilde{C}_t -> g
            tgt = table[Ref(False, ref.accent, ref.name)]
            return Ref(ref.delta or tgt.delta, tgt.accent, tgt.name, tgt.subs or renamed_subs)
        base = Ref(name=ref.name)
        if base in table:                             # C -> c, and R_z -> U_g with z -> g
            tgt = table[base]
            if tgt.accent and ref.accent:
                raise ValueError(f"rename {ref.name} -> {tgt.latex()} adds an accent to {ref.latex()}")
            return Ref(ref.delta or tgt.delta, ref.accent or tgt.accent, tgt.name, tgt.subs or renamed_subs)
        return replace(ref, subs=renamed_subs)

    def sub(self, s: str) -> str:
        tgt = dict(self.symbols).get(Ref(name=s))
        return tgt.name if tgt is not None and not tgt.accent and not tgt.delta and not tgt.subs else s

    def inverse_names(self, vocab: Vocabulary) -> dict[str, str]:
        """Printer ``names`` (symlstm name -> the claim's LaTeX) for showing results in the claim's notation."""
        inv_base: dict[str, str] = {}
        for key, tgt in self.symbols:
            if not key.delta and not key.accent and not key.subs and not tgt.accent and not tgt.delta:
                inv_base.setdefault(tgt.name + ("_" + "".join(tgt.subs) if tgt.subs else ""), key.name)
        out = {}
        for q in vocab.cell.quantities + (INPUT,):
            if q in inv_base:
                out[q] = inv_base[q]
        for key, tgt in self.symbols:
            if key.accent and not key.delta and not key.subs and not tgt.accent and not tgt.delta:
                out[tgt.name] = f"\\{key.accent}{{{key.name}}}"
        for p in vocab.params:
            if p in inv_base:
                out[p] = inv_base[p]
                continue
            base, _, sub = p.partition("_")
            b, s = inv_base.get(base, base), inv_base.get(sub, sub)
            if (b, s) != (base, sub):
                out[p] = f"{b}_{{{s}}}" if s else b
        return out


def parse_renames(spec) -> Renames:
    """Renames from ``"C=c, \\tilde{C}=g"`` or ``{"C": "c", r"\\tilde{C}": "g"}`` (the claim's name first).

    Each side is read with the claim grammar (never evaluated): a letter, an accented letter,
    a name with subscripts (``W_{xi}``), ``\\delta`` plus one of those, or, on the right, a
    function (``\\tanh``, ``\\sigma``, ``sigmoid``).
    """
    if spec is None or isinstance(spec, Renames):
        return spec or Renames()
    if isinstance(spec, str):
        pairs = []
        for k, item in enumerate(split_outside(spec, ",")):
            if not item.strip():
                continue
            parts = split_outside(item, "=")
            if len(parts) != 2:
                raise ValueError(f"rename entry {k + 1} {item.strip()!r}: expected NAME=SYMLSTM_NAME "
                                 r"(for example C=c or \tilde{C}=g)")
            pairs.append((parts[0].strip(), parts[1].strip()))
    elif isinstance(spec, dict):
        pairs = list(spec.items())
    else:
        raise TypeError(f"names must be a dict or a 'a=b, c=d' string, got {type(spec).__name__}")
    symbols, functions = {}, {}
    for key, value in pairs:
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError(f"rename entries must be strings, got {key!r}: {value!r}")
        k = _read_ref(key, "rename key")
        f = _read_function(value)
        if f is not None:
            if k.delta or k.accent or k.subs:
                raise ValueError(f"rename {key!r} -> {value!r}: only a plain name can stand for a function")
            functions[k.name] = f
        else:
            symbols[k] = _read_ref(value, "rename target")
    return Renames(tuple(symbols.items()), tuple(functions.items()))


def _read_function(text: str) -> str | None:
    tree = parse(text, "symbol", what="rename target")
    node = tree.children[0]
    if node.data == "scripted" and len(node.children) == 1:
        base = node.children[0]
        if base.data == "func":
            return FUNCTION_COMMANDS[str(base.children[0])]
        name = word(base)
        if name in ("sigmoid", "tanh", "exp"):
            return name
    return None


def _read_ref(text: str, what: str) -> Ref:
    stripped = text.strip()
    if stripped.startswith("d") and len(stripped) > 1 and (stripped[1] == "\\" or stripped[1:2].isspace()):
        inner = _read_ref(stripped[1:], what)      # d\Gamma_o (course notebooks): \delta \Gamma_o
        return replace(inner, delta=True)
    tree = parse(text, "symbol", what=what)
    node = tree.children[0]
    delta = node.data == "adjoint"
    kids = node.children[1:] if delta else node.children
    if node.data not in ("scripted", "adjoint") or not kids:
        raise LatexError(f"{what} {text!r}: expected a name such as C, \\tilde{{C}}, W_{{xi}} or \\delta z")
    accent, name = decorated(kids[0])
    if name is None:
        raise LatexError(f"{what} {text!r}: expected a name such as C, \\tilde{{C}}, W_{{xi}} or \\delta z")
    subs = []
    for s in kids[1:]:
        if s.data != "sub":
            raise LatexError(f"{what} {text!r}: only subscripts are allowed in a name")
        for item in sub_items(s):
            if not isinstance(item, str):
                raise LatexError(f"{what} {text!r}: a time subscript has no place in a name")
            subs.append(item)
    return Ref(delta, accent, name, tuple(subs))
