r"""What a written symbol names in a derivation: a quantity at a time, a parameter, a gradient, a function.

:func:`resolve` turns a ``("sym", ...)`` node of :mod:`symlstm.verify.rowparse` into a :class:`Ref`,
reading time, transposes, primes and labels from its scripts by the notation table of
:mod:`symlstm.latex.notation` (time words ``prev``/``next``/``old``, ``\\langle t \\rangle``, ``(t)``,
d-prefixed gradient names, loss names). Nothing here evaluates anything.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...latex.notation import (
    D_WORDS, FUNCTION_WORDS, GATE_SYNONYMS, GRADIENT_PREFIXES, GREEK_LETTERS, LOSS_NAMES, PREACT_WORDS, T_LABEL_WORDS,
    TIME_WORD_ABBREVIATIONS,
    TIME_WORDS, TIME_WORD_SPELLINGS, TRANSPOSE_WORDS, SUPERSCRIPT_LABELS,
)
from .trees import nodes, symbols, walk

__all__ = ["Ref", "Vocab", "IllTyped", "resolve", "time_expr", "sym_key", "NotReadable", "synonym", "key_latex"]


class NotReadable(ValueError):
    """A row (or part of one) this derivation's vocabulary cannot give a meaning to."""


class IllTyped(ValueError):
    """A side that cannot be evaluated as written (sizes, an unknown name)."""


class Undefined(IllTyped):
    """A name the derivation never defines (``key`` as read)."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Ref:
    """A symbol as read: ``kind`` value | grad | func | loss | onehot; ``key`` the name in the
    derivation (``W_f``, ``tilde:c``); ``time`` an integer expression node (or a word offset);
    scripts that act on the value (transpose, power, primes, block label, slice)."""

    kind: str
    key: str = ""
    time: object = None
    word: str = ""
    transpose: bool = False
    power: object = None
    primes: int = 0
    block: str = ""
    slice: str = ""
    index: tuple = ()
    of: "Ref | None" = None
    style: str = ""
    extra: tuple = field(default=())

    def without_scripts(self) -> "Ref":
        return replace(self, transpose=False, power=None, primes=0)


@dataclass
class Vocab:
    """The names of one derivation: quantities (time-varying), other definitions, parameters,
    the time letter, bound indices, functions defined by the author."""

    quantities: set = field(default_factory=set)
    static: set = field(default_factory=set)
    params: set = field(default_factory=set)
    inputs: set = field(default_factory=set)
    targets: set = field(default_factory=set)
    time_var: str = "t"
    bound: tuple = ()
    steps: tuple = ()           # letters of the last step besides T, \tau (\sum_{t=1}^{N}: numeric/laststep.py)
    functions: set = field(default_factory=set)
    preacts: dict = field(default_factory=dict)      # key -> (function, key of its pre-activation)
    aliases: dict = field(default_factory=dict)      # another name -> key (h_t = y_t, \gamma_o for \Gamma_o)
    names: set = field(default_factory=set)          # every name a forward row defines (x\_h\_prev)
    comp: set = field(default_factory=set)           # component indices bound by a sum (\sum_{i=1}^N)
    layers: int = 0                                  # hidden layers of a layered derivation (h_l^{(t)}), else 0
    activations: dict = field(default_factory=dict)  # \sigma_l -> coefficients of the smooth function it is read as
    blocks: set = field(default_factory=set)         # names stacked by a definition (W = [W_a; W_i]): names
    #: a name for a block matrix of parameters the forward rows write out (z = [[W^c U^c]; ...] [x; h] = W I):
    #: key -> the matrix node; its value is the blocks' values, its gradient the blocks' gradients
    composites: dict = field(default_factory=dict)
    #: a name written at a step -> key, where the same name without a step is another thing (z_{i_t}, a gate's net
    #: input the rows name only in gradients, beside a generic z_i: cell/gradpreacts.py)
    timed_aliases: dict = field(default_factory=dict)
    #: index notation read with vectors of one width, each row checked entry by entry at every value of its
    #: free component letters (judging/entrywise.py); False: one unit, scalars
    entrywise: bool = False

    def known(self, key: str) -> bool:
        return key in self.quantities or key in self.static or key in self.params or key in self.inputs \
            or key in self.targets or key in self.composites

    def family_known(self, key: str, written: bool = True) -> bool:
        r"""Whether the derivation names something with the same letter (W_z for W_f, x for x_f): an
        unknown name of a known family is a misuse the row can fail on; a name of an unknown family
        (C, b, I where nothing is called so) is vocabulary this reader could not build. ``written``
        False: names only written on the left of rows (\gamma_t^{(k-1)} = ..., defined in prose) do not count."""
        base, _, label = key.partition("_")
        accent, colon, letter = base.partition(":")
        if colon and accent in _variant_accents() and self.family_known(letter, written):
            return True                 # \tilde{h}_t beside h_t: a variant of a defined letter (VARIANT_ACCENTS)
        names = (self.quantities | self.static | self.params | self.inputs | self.targets
                 | (self.names if written else set()) | set(self.aliases) | set(self.aliases.values()))
        family = [str(n).partition("_")[2] for n in names if str(n).partition("_")[0] == base]
        if family and all(x.isdigit() for x in family) and label and not label.isdigit():
            return False                # h_l, z_{L+1,i} over numbered layers h_1, z_1: a symbolic index
        if not family and not label and len(base) == 1 and base.swapcase() in self.inputs:
            return True                 # X^t where x^t is the input: a misspelt name of a known family
        return bool(family)


def sym_key(base: str, accent, labels) -> str:
    k = base if accent is None else f"{accent}:{base}"
    if labels:
        k += "_" + "".join(str(x) for x in labels)
    return k


def _variant_accents():
    from ...latex.notation import VARIANT_ACCENTS        # \tilde{h} beside h: the family of h
    return VARIANT_ACCENTS


def _loss_label_words():
    from ...latex.notation import LOSS_LABEL_WORDS
    return LOSS_LABEL_WORDS


def _true_class_letters():
    from ...latex.notation import TRUE_CLASS_LETTERS     # \hat{y}_k: the true class (trueclass.py)
    return TRUE_CLASS_LETTERS


#: Letters used as component indices (x_{ti}, W_{ij}, \sum_j).
INDEX_LETTERS = ("i", "j")
#: Index letters of a row written component by component (``y_i[t] = g(Y_i[t])``): its name is then ``y_i``, and
#: ``y_k`` elsewhere is component k of that vector.
COMPONENT_ROW_LETTERS = ("i", "j", "k", "l", "m")


def _letters(name: str):
    return list(name)


def time_expr(node, vocab: Vocab):
    """``node`` if it is an integer expression in the time letter, bound indices, T or numbers, else None."""
    kind = node[0]
    if kind == "num":
        return node if "." not in node[1] else None
    if kind == "sym":
        if _last_step_name(node):       # T_x, T_{seq}: the number of steps under a name of its own
            return node
        if node[3] is not None or node[4] is not None or node[2] is not None:
            return None
        name = node[1]
        if name == vocab.time_var or name in vocab.bound or name in ("T", "tau") + vocab.steps and name != vocab.time_var:
            return node
        return None
    if kind == "add":
        return node if all(time_expr(t, vocab) is not None for _, t in node[1]) else None
    if kind == "paren":
        return time_expr(node[2], vocab)
    if kind == "mul" and all(op is None for op in node[2][1:]) and len(node[1]) == 2 and node[1][0][0] == "num":
        return node if time_expr(node[1][1], vocab) is not None else None
    return None


def _last_step_name(node) -> bool:
    """``T_x``, ``T_y``, ``T_{seq}`` (Coursera's lengths of the input and output sequences): T, the last step of
    the run, written with a label (one plain letter or word in its subscript)."""
    return node[0] == "sym" and node[1] == "T" and node[2] is None and node[4] is None and node[5] == 0 and \
        isinstance(node[3], list) and len(node[3]) == 1 and node[3][0][0] == "sym" and \
        node[3][0][2:] == (None, None, None, 0) and node[3][0][1].isalpha()


def _has_time_letter(node, vocab) -> bool:
    if node[0] == "sym":
        return node[1] == vocab.time_var or node[1] in vocab.bound or node[1] in ("T", "tau") + vocab.steps
    if node[0] == "add":
        return any(_has_time_letter(t, vocab) for _, t in node[1])
    if node[0] == "paren":
        return _has_time_letter(node[2], vocab)
    return node[0] == "num"


def _sub_atoms(items, vocab: Vocab):
    """A subscript's items as atoms: ('time', node) | ('word', w) | ('label', s) | ('slice', s)."""
    out = []
    for it in items:
        kind = it[0]
        if kind == "slice":
            out.append(("slice", it[1]))
            continue
        if kind == "num":
            out.append(("num", it))
            continue
        if kind == "sym" and it[3] is None and it[4] is None and it[2] is not None and it[5] == 0:
            out.append(("label", f"{it[2]}:{it[1]}"))      # z_{\tilde{h}t}: the name \tilde{h} as a label
            continue
        if _last_step_name(it):
            out.append(("time", ("sym", "T", None, None, None, 0)))      # h_{T_x}: h at the last step
            continue
        if kind == "sym" and it[3] is None and it[4] is None:
            name = it[1]
            if name in TIME_WORDS:
                out.append(("word", TIME_WORD_SPELLINGS.get(name, name)))
            elif name == vocab.time_var or name in vocab.bound or name in ("T", "tau") + vocab.steps:
                out.append(("time", it))
            elif name in vocab.comp:
                out.append(("index", name))
            elif len(name) > 1 and name not in vocab.functions and (_splits_time(name, vocab) or (
                    len(name) <= 3 and name.isalpha() and any(ch in vocab.comp for ch in name))):
                for ch in name:
                    if ch == vocab.time_var:
                        out.append(("time", ("sym", ch, None, None, None, 0)))
                    elif ch in vocab.comp:
                        out.append(("index", ch))
                    else:
                        out.append(("label", ch))
            else:
                m = _word_suffix(name)
                if m is not None:
                    out.append(("label", m[0]))
                    out.append(("word", m[1]))
                else:
                    out.append(("label", name))
            continue
        if kind == "sym" and it[4] is None and it[5] == 0 and it[3]:
            # z_{z_t}, z_{\tilde{h}_t}, d_{W_{h,t}}: a name at a time inside a subscript: its label(s), then the time
            try:
                inner = _sub_atoms(it[3], vocab)
            except NotReadable:
                inner = None
            if inner and sum(a[0] == "time" for a in inner) == 1 and inner[-1][0] == "time" and \
                    all(a[0] in ("label", "time") for a in inner):
                name = it[1] if it[2] is None else f"{it[2]}:{it[1]}"
                rest = "".join(a[1] for a in inner if a[0] == "label")
                out.append(("label", name + ("_" + rest if rest else "")))
                out.append(inner[-1])
                continue
        if kind == "sym" and it[3] is None and it[4] and it[5] == 0 and it[2] is None and it[1].isalpha():
            # L_{x^{(t)}}: a name at a time inside a subscript, written with a superscript (lookup.py)
            sup = _sup_atoms(it[4], vocab)
            if len(sup) == 1 and sup[0][0] == "time":
                out.append(("label", it[1]))
                out.append(sup[0])
                continue
        if kind == "sym" and it[2] is None and it[5] == 0:     # y_{train} inside a subscript, s_{t}
            out.append(("label", it[1] + "_" + "".join(_flat(it[3] or []))))
            continue
        te = time_expr(it, vocab)
        if te is not None:
            out.append(("time", te))
            continue
        if kind == "mul" and all(op is None for op in it[2][1:]):
            out.extend(_sub_atoms(list(it[1]), vocab))
            continue
        if kind == "add" and _has_time_letter(it, vocab):
            out.append(("time", it))
            continue
        if kind == "paren" and it[1] == "(" and _paren_word(it[2], vocab):
            out.append(("label", it[2][1]))        # W_{(in)}, W_{(out)}: a word in parentheses is the name's label
            continue
        raise NotReadable("a subscript that is neither a time nor a name")
    return out


def _paren_word(node, vocab: Vocab) -> bool:
    """A plain word of letters (``in``, ``out``, ``hh``) that is no time word: the label of a name written in
    parentheses (``W_{(in)}`` is ``W_{in}``); a single letter in parentheses (a layer, a time) is left out."""
    return node[0] == "sym" and node[2] is None and node[3] is None and node[4] is None and node[5] == 0 \
        and len(node[1]) > 1 and node[1].isalpha() and node[1] not in TIME_WORDS and node[1] != vocab.time_var \
        and node[1] not in vocab.bound


def _flat(items):
    for it in items:
        if it[0] == "sym":
            yield it[1]
        elif it[0] == "num":
            yield it[1]


def _word_suffix(name):
    for w in TIME_WORDS:
        if name.endswith(w) and len(name) > len(w):
            return name[:-len(w)], w
        if name.startswith(w) and len(name) > len(w) and name[len(w):].isdigit():
            return name[len(w):], w
    return None


def _splits_time(name: str, vocab: Vocab) -> bool:
    """``ot`` is o at t, ``ti`` is t and index i: a short run of letters holding the time letter once."""
    return len(vocab.time_var) == 1 and name.count(vocab.time_var) == 1 and len(name) <= 3 and name.isalpha() and \
        name not in T_LABEL_WORDS


def _sup_atoms(items, vocab: Vocab):
    out = []
    for it in items:
        kind = it[0]
        if kind == "top":
            out.append(("T",))
        elif kind == "prime":
            out.append(("prime",))
        elif kind == "angle":
            out.append(("time", it[1]))
        elif kind == "arrow":
            out.append(("arrow", it))
        elif kind == "sym" and it[3] is None and it[4] is None and it[1] in TRANSPOSE_WORDS:
            out.append(("T",))
        elif kind == "sym" and it[1] == "\\prime":
            out.append(("prime",))
        elif kind == "sym" and it[2] is None and it[3] is None and it[4] is None and it[1] in SUPERSCRIPT_LABELS:
            out.append(("block", it[1]))        # h_t^{enc}, h^{dec}: an encoder's and a decoder's states
        elif kind == "sym" and it[3] is None and it[4] is None and (it[1] == vocab.time_var or it[1] in vocab.bound or
                                                                    it[1] == "tau" and it[2] is None and not it[5]):
            out.append(("time?", it))       # (h^{\tau}: Goodfellow's last step, written bare as the file's h^{t})
        elif kind == "paren":
            inner = it[2]
            if time_expr(inner, vocab) is not None and _has_time_letter(inner, vocab):
                out.append(("time", inner))
            elif inner[0] == "sym" and inner[3] is None and inner[4] is None and inner[1].isalpha() and \
                    (inner[1].isupper() or len(inner[1]) == 1):
                out.append(("block", inner[1]))
            elif inner[0] == "sym" and inner[3] is None and inner[4] is None and inner[1].isalpha() and \
                    inner[1].islower() and 2 <= len(inner[1]) <= 3 and vocab.time_var not in inner[1] and \
                    inner[1] not in vocab.functions and inner[2] is None:
                out.append(("block", inner[1]))         # W^{(hh)}, W^{(hx)} (CS224n): one weight's label run
            elif inner[0] == "num":
                out.append(("time", inner))
            else:
                out.append(("power", it))
        elif kind == "add" and len(it[1]) == 1 and it[1][0][0] == "-" and it[1][0][1][0] == "num":
            out.append(("power", it))                    # S^{-1}: an inverse (a power), never step -1
        elif kind == "add" and time_expr(it, vocab) is not None and _has_time_letter(it, vocab):
            out.append(("time", it))                     # c^{t-1} (Greff et al.)
        elif kind == "sc" and it[1][0] == "paren" and not it[2] and it[3]:
            out.extend(_sup_atoms([it[1]], vocab))          # h^{(t-1)^\top}
            out.extend(_sup_atoms(it[3], vocab))
        elif kind == "list" and it[1] == "(":
            for sub in it[2]:
                out.extend(_sup_atoms([("paren", "(", sub)], vocab))
        elif kind == "mul" and all(op is None for op in it[2][1:]) and \
                any(a[0] == "sym" and b[0] == "num" for a, b in zip(it[1], it[1][1:])):
            # e^{3f3}, e^{2f3} (mkffl: the error at step 2 from the loss at step 3): a number after a letter is
            # a label joining indices, neither a power nor a step
            raise NotReadable(f"the superscript {{{''.join(x[1] for x in it[1])}}} joins indices into a label "
                              f"(a number after a letter), which is not read")
        elif kind == "mul" and all(op is None for op in it[2][1:]):
            out.extend(_sup_atoms(list(it[1]), vocab))
        else:
            out.append(("power", it))
    return out


def _listed_label(item, sup, sups, vocab: Vocab) -> bool:
    r"""A plain letter or word written in a comma list with the time (``\delta^{out,t}``, ``\delta^{l,t}``): a
    label (no power is written in a list)."""
    return item[0] == "sym" and item[2] is None and item[3] is None and item[4] is None and item[5] == 0 and \
        item[1].isalpha() and item[1] != vocab.time_var and item[1] not in vocab.functions and \
        item[1] not in TIME_WORDS and len(sup) >= 2 and any(x is item for x in sup) and \
        any(a[0] in ("time", "time?") for a in sups)


def _known_word_label(base, accent, sub, vocab: Vocab) -> str:
    r"""``W_{out}`` where ``W_{out}`` (``W_{(out)}``) is a name of the derivation: the word is its label, not o, u
    and the time t (``o_{ot}``: o at t only where no name is written with the whole word)."""
    if not sub or len(sub) != 1 or sub[0][0] != "sym" or sub[0][2] is not None or sub[0][3] or sub[0][4] or \
            sub[0][5] or len(sub[0][1]) < 2 or not sub[0][1].isalpha():
        return ""
    key = sym_key(base, accent, [sub[0][1]])
    return sub[0][1] if vocab.known(key) or key in vocab.aliases else ""


def _plain_name(key: str, vocab: Vocab) -> bool:
    """A name no row defines (a weight): ^{(z)} on it is a label, not a block of a stack (IFOGf^{(IFO)})."""
    return key not in vocab.names and key not in vocab.quantities and key not in vocab.static and \
        key not in vocab.composites and key not in vocab.blocks and key not in vocab.inputs


def _label_as_index(base, accent, sub, sup, vocab: Vocab) -> str:
    r"""``p_{t, y_t}``, ``\hat{y}^{(t)}_{y^{(t)}}``: the probability at the true class, the label written as the
    last index beside the step (written apart): the true-class letter it is read as (trueclass.py), else ""."""
    from ...latex.notation import TRUE_CLASS_LETTERS, TRUE_LABEL_NAMES
    if not sub or not (len(sub) >= 2 or sup) or (base in TRUE_LABEL_NAMES and accent is None):
        return ""
    it = sub[-1]
    if it[0] != "sym" or it[2] is not None or it[5] or not (it[1] in TRUE_LABEL_NAMES or it[1] in vocab.targets):
        return ""
    letter = next((x for x in TRUE_CLASS_LETTERS if x not in vocab.comp and x != vocab.time_var), "")
    if len(it[3] or []) + len(it[4] or []) > 1 or any(time_expr(x, vocab) is None for x in it[3] or []):
        return ""               # y_t, y^{(t)}, y: the label at a step (y_{ij} is no label)
    key = sym_key(base, accent, [])
    if not (key in vocab.quantities or vocab.aliases.get(key) in vocab.quantities):
        return ""               # W_y^T: a weight's label, no probability at the label
    try:
        if it[4] and [a[0] for a in _sup_atoms(it[4], vocab)] not in (["time"], ["time?"]):
            return ""
        rest = _sub_atoms(list(sub)[:-1], vocab) + _sup_atoms(sup or [], vocab)
    except NotReadable:
        return ""
    if not any(a[0] in ("time", "time?", "word") for a in rest):
        return ""               # the step written apart: p_{t, y_t}, \hat{y}^{(t)}_{y^{(t)}}
    return letter


def resolve(node, vocab: Vocab) -> Ref:
    """The :class:`Ref` of a ``("sym", base, accent, sub, sup, primes)`` node."""
    _, base, accent, sub, sup, primes = node
    if "_" in base and not vocab.known(base) and base not in vocab.names:
        stem, _, w = base.rpartition("_")            # h\_prev (TF docs): h at t-1
        if w in TIME_WORDS and stem:
            base = stem
            sub = [("sym", w, None, None, None, 0)] + list(sub or [])
    w = abbreviated_time(base, vocab, ("prev",)) if not sub and accent is None and not gradient_split(base) else None
    if w is not None:                                # hp (EpyNN code): h at t-1
        base, sub = base[:-1], [("sym", w, None, None, None, 0)]
    if "_" in base and not sub:
        w, _, stem = base.partition("_")             # prev\_h, next\_h (CS231n): h at t-1, at t
        if w in TIME_WORDS and stem and "_" not in stem:
            base = stem
            sub = [("sym", w, None, None, None, 0)]
    word = _known_word_label(base, accent, sub, vocab)
    label_index = _label_as_index(base, accent, sub, sup, vocab)
    if label_index:
        sub = list(sub)[:-1]
    subs = [("label", word)] if word else _sub_atoms(sub or [], vocab)
    if label_index:
        subs.append(("index", label_index))
    sups = _sup_atoms(sup or [], vocab)
    time = None
    word = ""
    labels, slice_ = [], ""
    nums, index = [], []
    for a in subs:
        if a[0] == "index":
            index.append(a[1])
        elif a[0] == "time" and time is None and not word:
            time = a[1]
        elif a[0] == "word" and time is None and not word:
            word = a[1]
        elif a[0] == "slice":
            slice_ = a[1]
        elif a[0] == "num":
            nums.append(a[1])
        elif a[0] == "time":
            labels.append(_node_text(a[1]))
        else:
            labels.append(a[1])
    transpose, power, block = False, None, ""
    for a in sups:
        if a[0] == "arrow":
            # \delta_s^{(t)\rightarrow(t-1)}: a part of a gradient, read only as a \delta of the file's convention
            # (numeric/arrowparts.py); as a name it is no quantity, parameter or time
            raise NotReadable(f"{key_latex(sym_key(base, accent, labels))}^{{(a) \\rightarrow (b)}}: an arrow in a "
                              f"superscript marks the part of a gradient that flows from step a into step b; it is "
                              f"read only on a \\delta_q of the file's convention \\delta_q = \\partial E/\\partial q")
        if a[0] == "T":
            transpose = not transpose
        elif a[0] == "prime":
            primes += 1
        elif a[0] == "time" and a[1][0] == "num" and time is None and not word and accent is None and \
                len(labels) == 1 and len(labels[0]) == 2 and labels[0].isalpha() and base[:1].isupper():
            # W_{xh}^{(1)}: the weight from x to h of layer 1 (the copy of a weight used at a step is written
            # bare, W^{(3)}, or with one letter, W_h^{(t=1)}: Goodfellow's step copies)
            labels.append(a[1][1])
        elif a[0] in ("time", "time?") and time is None and not word:
            time = a[1]
        elif a[0] == "block" and _plain_name(sym_key(base, accent, []), vocab):
            labels.append(a[1])                          # W^{(z)}, U^{(r)} (no stack W): the weights of gate z
        elif a[0] == "block":
            block = a[1]
        elif a[0] == "time?":
            power = a[1]
        elif a[0] == "time":
            labels.append(_node_text(a[1]))
        elif a[0] == "power" and a[1][0] == "sym" and len(a[1][1]) == 1 and a[1][1].isalpha() and \
                a[1][3] is None and a[1][4] is None and base[:1].isupper():
            labels.append(a[1][1])                       # W^c, U^i (Mallya's notes): a label, not a power
        elif a[0] == "power" and a[1][0] == "sym" and 2 <= len(a[1][1]) <= 3 and a[1][1].isalpha() and \
                a[1][1].islower() and vocab.time_var not in a[1][1] and a[1][1] not in vocab.functions and \
                a[1][3] is None and a[1][4] is None and base[:1].isupper():
            labels.append(a[1][1])                       # W^{hh}, W^{xh}: a label run, not a power
        elif a[0] == "power" and a[1][0] == "sym" and len(a[1][1]) == 1 and a[1][1].isalpha() and \
                a[1][3] is None and a[1][4] is None and base[:1].islower() and \
                time is not None and a[1][1] != vocab.time_var and (a[1][1] in vocab.quantities or a[1][1] in vocab.names):
            # a^u_t (u_t = \sigma(a^u_t)): the label of gate u; \delta^{\tilde h}_t: of the candidate \tilde h
            labels.append(a[1][1] if a[1][2] is None else f"{a[1][2]}:{a[1][1]}")
        elif a[0] == "power" and _listed_label(a[1], sup, sups, vocab):
            labels.append(a[1][1])                       # \delta^{out,t}: a label beside the time, not a power
        else:
            power = a[1] if a[0] == "power" else a[1]
    if labels and all(x in _loss_label_words() for x in labels) and \
            sym_key(base, accent, []) in LOSS_NAMES and not vocab.known(sym_key(base, accent, labels)):
        labels = []                                  # \mathcal{L}_\text{seq}: the loss (LOSS_LABEL_WORDS)
    key0 = sym_key(base, accent, labels)
    # W_{oi}, x_{ti} with i free: a component index on a known name (the equation for every i)
    # (not in numpy code: self.Whi beside self.Wh is a weight of its own, W_{hi}, not an entry of W_h)
    if labels and not vocab.known(key0) and key0 not in vocab.blocks and key0 not in vocab.aliases and \
            not (time is not None and key0 in vocab.timed_aliases) and not getattr(vocab, "code", False):
        last = labels[-1]
        if len(last) >= 1 and (last[-1] in INDEX_LETTERS or (last in _true_class_letters() and time is not None)):
            # (\hat{y}_k^{(t)}: k with the step written apart is no step: the true class, trueclass.py)
            trimmed = labels[:-1] + ([last[:-1]] if len(last) > 1 else [])
            k2 = sym_key(base, accent, trimmed)
            if vocab.known(k2) or (k2 in vocab.quantities) or vocab.aliases.get(k2) is not None:
                labels, index = trimmed, index + [last[-1]]
                key0 = k2
                order = [a[1] if a[0] == "index" else a[1][-1] for a in subs if a[0] in ("index", "label")]
                index.sort(key=lambda x: order.index(x) if x in order else len(order))   # W_{ij} vs W_{ji}
    # a number in the subscript: a time for a quantity, a label for a parameter (W_1)
    if nums:
        if time is None and not word and (sym_key(base, accent, labels) in vocab.quantities
                                          or sym_key(base, accent, labels) in vocab.inputs
                                          or (base in LOSS_NAMES and not labels)):     # E_3: the loss of step 3
            time = nums[0]
            nums = nums[1:]
        labels += [n[1] for n in nums]
        key0 = sym_key(base, accent, labels)
    if primes and (key0 + "'" * primes in vocab.quantities | vocab.static
                   or (accent is not None and key0 + "'" * primes in vocab.aliases)):     # \hat{c'}: c''s pre-activation
        key0, primes = key0 + "'" * primes, 0
    key0 = vocab.timed_aliases[key0] if time is not None and key0 in vocab.timed_aliases else \
        vocab.aliases.get(key0, key0)
    if not vocab.known(key0) and key0 + "'" in vocab.quantities and time is None and not word and not primes:
        key0, word = key0 + "'", "prev"            # h beside h' = ...: the state before (PyTorch's cells)
    if not vocab.known(key0) and labels:
        key0 = synonym(key0, vocab)
    asked = index[0] if index else labels[-1] if labels else None
    if not vocab.known(key0) and asked in vocab.comp and (index or asked in COMPONENT_ROW_LETTERS):
        # y_k, a_j (k, j bound by a sum over components) where the rows define y_i, a_i component by component:
        # component k of that vector
        prefix = labels if index else labels[:-1]
        owners = [sym_key(base, accent, prefix + [x]) for x in COMPONENT_ROW_LETTERS
                  if sym_key(base, accent, prefix + [x]) in vocab.quantities]
        if len(owners) == 1:
            index = index or [labels[-1]]
            key0 = owners[0]
    return Ref("value", key0, time, word, transpose, power, primes, block, slice_, tuple(index))


def abbreviated_time(name: str, vocab: Vocab, words=("prev", "next")):
    """The time word (one of ``words``) a code name ends in as one letter (``hp``: h prev, ``hn`` in ``dhn``: h
    next; ``TIME_WORD_ABBREVIATIONS``), or None: only for a name no row defines and of no meaning of its own
    (a function, the loss, a pre-activation word), whose rest is a name a row defines."""
    defined = vocab.names | vocab.quantities
    if len(name) < 2 or not name.isalpha() or TIME_WORD_ABBREVIATIONS.get(name[-1]) not in words or \
            name in defined or vocab.known(name) or name in vocab.aliases or name in vocab.functions or \
            name in LOSS_NAMES or name in PREACT_WORDS or name in FUNCTION_WORDS or name[:-1] not in defined:
        return None
    return TIME_WORD_ABBREVIATIONS[name[-1]]


def synonym(key: str, vocab: Vocab) -> str:
    r"""\Gamma_u for \Gamma_i, W_u for W_i: a gate letter another text uses for the same gate."""
    base, sep, label = key.rpartition("_")
    if not sep:
        return key
    for a, b in GATE_SYNONYMS.items():
        if label == a:
            alt = f"{base}_{b}"
            alt = vocab.aliases.get(alt, alt)
            if vocab.known(alt):
                return alt
    return key


def code_spelling(key: str, vocab: Vocab) -> str:
    r"""``h_out`` (in ``dh\_out``) for ``Hout``: a code name with an underscore that, read without case and
    underscores, is the one name of a quantity or parameter (of three letters or more) spelled so; ``Why`` (in
    ``dWhy``) for ``W_{hy}``: a name without underscores that is, letter for letter, the one name with them;
    ``concat`` (in ``dconcat``) for ``concat_input``: a word of four letters or more that starts one quantity's
    name, and only one's."""
    if ":" in key:
        return key
    stem, _, accent = key.rpartition("_")
    if accent in ("tilde", "hat") and stem and ":" not in stem and vocab.known(f"{accent}:{stem}"):
        return f"{accent}:{stem}"           # c_tilde (dc\_tilde) for \tilde{c}: code spells the accent as a word
    longer = {k for k in set(vocab.quantities) | set(vocab.inputs)
              if ":" not in k and k.startswith(key + "_")} if "_" not in key and len(key) >= 4 else set()
    if len(longer) > 1:         # hidden_state beside hidden_state_prev (the same state, the step before): one
        longer = {k for k in longer if not any(o != k and k.startswith(o) and
                                               k[len(o):].strip("_") in ("", *TIME_WORDS) for o in longer)}
    if len(longer) == 1:        # dconcat for concat_input: code shortens a long name to its first word
        return longer.pop()
    if "_" not in key:          # dWhy for W_{hy}, dby for b_y: code joins a name's letters (exact case)
        hits = {k for k in set(vocab.quantities) | set(vocab.params)
                if ":" not in k and "_" in k and k.replace("_", "") == key} if len(key) >= 2 else set()
        return hits.pop() if len(hits) == 1 else key
    norm = key.replace("_", "").lower()
    if len(norm) < 3:
        return key
    hits = {k for k in set(vocab.quantities) | set(vocab.params)
            if ":" not in k and k.replace("_", "").lower() == norm}
    return hits.pop() if len(hits) == 1 else key


def key_latex(key: str) -> str:
    r"""A name of the derivation as LaTeX for messages: ``tilde:c`` -> ``\tilde{c}``, ``W_hx`` -> ``W_{hx}``,
    ``pre:i`` -> ``the pre-activation of i`` (internal names never reach a message)."""
    if key.startswith("pre:"):
        return f"the pre-activation of {key_latex(key[4:])}"
    base, sep, label = key.partition("_")
    if "_" in label:                    # x\_h\_prev (TF docs): a name written with escaped underscores
        return key.replace("_", "\\_")
    if base in ("delta", "Delta"):          # delta_hat:r: \delta_{\hat{r}} (a gradient named by \delta)
        if not sep:
            return f"\\{base}"
        inner = key_latex(label)
        return f"\\{base}_{{{inner}}}" if len(inner) > 1 else f"\\{base}_{inner}"
    accents = base.split(":")
    name = accents[-1]
    body = f"\\{name}" if name in GREEK_LETTERS else name
    for acc in reversed(accents[:-1]):
        body = f"\\{acc}{{{body}}}"
    if sep:
        body += f"_{{{label}}}" if len(label) > 1 else f"_{label}"
    return body


def _node_text(node) -> str:
    if node[0] == "sym":
        return node[1]
    if node[0] == "num":
        return node[1]
    if node[0] == "add":
        return "".join(("" if s == "+" and k == 0 else s) + _node_text(t) for k, (s, t) in enumerate(node[1]))
    if node[0] == "paren":
        return _node_text(node[2])
    if node[0] == "mul":
        return "".join(_node_text(x) for x in node[1])
    return "?"


def gradient_split(base: str):
    """``dW`` -> ("d", "W"), ``d_x`` -> ("d", "x"); None if the name has no gradient prefix."""
    if base.split("_")[0] in GREEK_LETTERS or base.split("_")[0] in ("delta", "Delta", "dots", "diag") or \
            base.split("_")[0] in D_WORDS:
        return None
    for p in GRADIENT_PREFIXES:
        if base.startswith(p) and len(base) > len(p):
            return p, base[len(p):]
    return None


def is_loss(ref: Ref) -> bool:
    return ref.kind == "value" and ref.key in LOSS_NAMES and ref.time is None


# ---------------------------------------------------------------------------- names ending in a number
#: A name written with a number right after its letters (``h1``, ``W2``, ``dh1``, ``s1_{t-1}``: a layer's or a
#: loop's number, as in code) is one name, not the letter times a number or at a time: outside scripts (where
#: ``x_{t1}`` stays x at step 1), for runs of at most this many letters (after a gradient's prefix: ``dtemp2``)
#: and this many digits; a function word
#: (``Tanh``) or a time word is never so joined. The time stays in the subscript.
DIGIT_NAME_LETTERS = 4
DIGIT_NAME_DIGITS = 2


def digit_name(letters: str, digits: str) -> bool:
    """Whether ``letters`` written right before ``digits`` (outside a script) is one name (``h1``)."""
    g = gradient_split(letters) if len(letters) > DIGIT_NAME_LETTERS else None    # dtemp2: d(temp2)
    return letters.isalpha() and len(g[1] if g else letters) <= DIGIT_NAME_LETTERS and digits.isdigit() and \
        len(digits) <= DIGIT_NAME_DIGITS and letters not in FUNCTION_WORDS and letters not in TIME_WORDS and \
        letters not in TIME_LETTERS


# ---------------------------------------------------------------------------- layered networks
#: The letter of a symbolic layer (h_l^{(t)}, W^{l-1,l}) and of the number of hidden layers (h_L, z_{L+1}).
LAYER_LETTERS = ("l",)
LAYER_COUNT_LETTERS = ("L",)
#: Hidden layers of the network a layered derivation is read in (so l - 1 >= 1 is exercised too).
HIDDEN_LAYERS = 2
#: Names of the network input, the layer 0 of a layered derivation (h_0 = X).
NETWORK_INPUTS = ("X", "x")
#: Names of the cost of a layered network (C = \sum_t C^{(t)}) when no forward row defines them.
COST_NAMES = ("C",)
#: Letters of component indices (z_{L+1,i}, W_{jk}, \sum_{k_1}) in a layered derivation.
COMPONENT_LETTERS = ("i", "j", "k", "n", "p", "q", "r", "s")
#: One-letter subscripts that are a time (h_t), never a label of a name (W_f).
TIME_LETTERS = ("t",)
#: Labelled parts: (z_l^{(t)})_\text{layer} is a name of the forward rows; (\partial C/\partial h)_\text{word} is
#: what reaches h through the readers of one kind: the next layer (same step) or the next time step.
PART_WORDS = {"layer": "same", "time": "next"}


# ---------------------------------------------------------------------------- time written as an argument
#: Letters a derivation may write its time with as a function argument: ``h(t)``, ``e_h(k-1)`` (Elman nets, Haykin,
#: Williams & Zipser, lecture notes). ``T`` and ``\tau`` (the last step) and integers are times in any of them.
TIME_ARGUMENT_LETTERS = ("t", "k", "tau", "s", "n")
#: Capitals that stand for T (the number of steps) in a time argument.
TIME_ARGUMENT_ENDS = ("T", "tau")
#: Letters of the number of steps as the upper bound of a sum over the time letter (``\sum_{t=1}^{n}``), when
#: nothing else gives them a value: the last step of the run (``T`` and ``\tau`` are that already).
STEP_COUNT_LETTERS = ("n", "N")
#: Names of the batch's size (``\partial L / \partial W = h^T \delta / batch\_size``): the reader checks one
#: example, so the batch's size is one (a division by it is the batch's mean, whose scale is the loss's, as a
#: ``np.mean(d, axis=0)`` is). Only names that say "batch": a letter (m, N, B) may be anything.
BATCH_SIZE_NAMES = ("batch_size", "batchsize", "batch_sz", "n_batch", "num_batch", "batch_n")
#: Letters of a step that a row may leave free in the bounds of a sum or product only (``\prod_{j=k+1}^{t}``,
#: "the time k"): the row is read for every such step k <= t (rowjudge._free_times).
FREE_BOUND_STEP_LETTERS = ("k", "i")
#: The signs of a differential that stand for the partial sign when both sides of a fraction start with one
#: (``{\delta E \over \delta p(t)}``); ``\delta h_t`` alone stays an adjoint name.
PARTIAL_SIGNS = ("delta",)


def _arg_time(node, letter) -> bool:
    """``node`` (a bracket's content) is an integer expression in ``letter``, T or numbers."""
    kind = node[0]
    if kind == "num":
        return "." not in node[1]
    if kind == "sym":
        return node[2] is None and node[3] is None and node[4] is None and not node[5] and \
            (node[1] == letter or node[1] in TIME_ARGUMENT_ENDS)
    if kind == "add":
        return all(_arg_time(t, letter) for _, t in node[1])
    if kind == "mul":
        return len(node[1]) == 2 and all(op is None for op in node[2][1:]) and node[1][0][0] == "num" and \
            _arg_time(node[1][1], letter)
    return False


def _time_like(node, letter) -> bool:
    """A time in ``letter`` (``t-1``), or one offset by other letters (``t-z-1``: a step z back, read as written)."""
    if _arg_time(node, letter):
        return True
    return node[0] == "add" and node[1][0][0] == "+" and _mentions(node[1][0][1], letter) and all(
        t[0] == "num" or (t[0] == "sym" and len(t[1]) == 1 and t[2:] == (None, None, None, 0)) for _, t in node[1])


def _mentions(node, letter) -> bool:
    if node[0] == "sym":
        return node[1] == letter
    if node[0] == "add":
        return any(_mentions(t, letter) for _, t in node[1])
    if node[0] == "mul":
        return any(_mentions(t, letter) for t in node[1])
    return False



def _applied(node):
    """``(name node, argument node)`` of a name written before a bracket: ``h`` of ``h(t)``, ``x`` of ``x(t)^T``;
    the bracket's scripts come third. None for anything else."""
    arg, sup = node, None
    if arg[0] == "sc" and arg[1][0] == "paren" and arg[2] is None and not arg[4]:
        arg, sup = arg[1], arg[3]
    if arg[0] == "paren" and arg[1] == "(":
        return arg[2], sup
    return None


def _applicable(name) -> bool:
    """A plain name that may take a time argument (a name, not already timed, primed or a function word)."""
    from ...latex.notation import FUNCTION_WORDS
    return name[0] == "sym" and name[4] is None and not name[5] and name[1] not in FUNCTION_WORDS and \
        not name[1].startswith("\\") and name[1] != "d"     # (\delta(t): the adjoint at step t, as \delta_t)


def _time_argument_letter(rows):
    """The letter of the time a derivation writes as an argument (``h(t) = f(p(t))``), or None: some row's left
    side is a name applied to a time in that letter."""
    counts = {}
    for tree in rows:
        if tree is None or len(tree[1]) < 2:
            continue
        left = tree[1][0]
        if left[0] == "mul" and len(left[1]) == 2 and left[2][1] is None and _applicable(left[1][0]):
            got = _applied(left[1][1])
            if got is not None:
                for letter in TIME_ARGUMENT_LETTERS:
                    if _arg_time(got[0], letter) and _mentions(got[0], letter):
                        counts[letter] = counts.get(letter, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _argument_functions(rows, letter):
    """Names the derivation applies to something that is not a time (``f(p(t))``, ``g(x) = x``, ``l(o_t, y_t)``):
    functions, never read as a name at a time."""
    out = set()
    for n in nodes(rows, "mul"):
        for a, b, op in zip(n[1], n[1][1:], n[2][1:]):
            if op is not None or a[0] != "sym":
                continue
            if b[0] == "list" and b[1] == "(":
                out.add(a[1])
            got = _applied(b)
            if got is not None and not _time_like(got[0], letter):
                out.add(a[1])
    return out


def time_arguments(rows):
    r"""The rows with a time written as an argument read as the time of the name: ``h(t-1)`` is ``h_{t-1}``,
    ``e_{h}(t)`` is ``e_{h,t}``, ``x(t)^T`` is ``x_t^T``, ``\delta p(t)`` is ``\delta p_t`` (in a derivation
    whose rows define a name at a time so: ``h(t) = ...``). A name the derivation applies to anything else
    (``f(p(t))``, ``g(x) = x``) or a function word (``\sigma(t)``) stays a function. ``W f'(p)`` written ``Wf'(p)``
    with f such a function is W times f'. Independently, a fraction whose sides both start with ``\delta``
    (``{\delta E \over \delta p(t)}``) is a partial derivative. Trees are rebuilt, never evaluated."""
    letter = _time_argument_letter(rows)
    funcs = _argument_functions(rows, letter) if letter else set()
    single = {f for f in funcs if len(f) == 1 or f in GREEK_LETTERS}
    if letter is None:
        # \mathcal{L}(t+1) beside \mathcal{L}(\mathbf{x}, \mathbf{y}) = -\sum_t y_t \log z_t: a loss applied to a time
        # is the loss of that step, though no row defines a name at a time so (only a loss name is read so)
        letter, funcs = "t", _argument_functions(rows, "t") - LOSS_NAMES
        funcs |= {n[1] for n in nodes(rows, "sym") if n[1] not in LOSS_NAMES}
    else:
        funcs = funcs - LOSS_NAMES
    return [None if r is None else _rewrite(r, letter, funcs, single) for r in rows]


def _rewrite(node, letter, funcs, single):
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
        return node
    kind = node[0]
    if kind == "sym":
        return node
    out = [kind]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_rewrite(x, letter, funcs, single))
        elif isinstance(x, list):
            out.append([(y[0], _rewrite(y[1], letter, funcs, single))
                        if isinstance(y, tuple) and len(y) == 2 and y[0] in ("+", "-") and isinstance(y[1], tuple)
                        else _rewrite(y, letter, funcs, single) if isinstance(y, tuple)
                        else [_rewrite(z, letter, funcs, single) for z in y] if isinstance(y, list) else y
                        for y in x])
        else:
            out.append(x)
    node = tuple(out)
    if kind == "mul" and letter:
        node = _timed_product(node, letter, funcs, single)
    if kind == "pre" and letter and node[1] in ("delta", "Delta") and node[2] is None and \
            "delta" not in funcs and (got := _applied(node[3])) is not None and _time_like(got[0], letter):
        node = ("sym", node[1], None, [got[0]], got[1], 0)        # \delta(t+1): the adjoint at step t+1
    if node[0] == "frac":
        node = _partial_fraction(node)
    return node


def _timed_product(node, letter, funcs, single):
    items, ops = list(node[1]), list(node[2])
    k = 0
    while k + 1 < len(items):
        a, b = items[k], items[k + 1]
        if ops[k + 1] is not None:
            k += 1
            continue
        holder = a
        while holder[0] == "pre" and holder[3][0] in ("sym", "pre"):
            holder = holder[3]
        if holder[0] == "sym" and holder[2] is None and holder[3] is None and holder[4] is None and \
                len(holder[1]) == 2 and holder[1][0].isupper() and holder[1][1] in single and \
                _applied(b) is not None and a is holder:
            # Wf'(p): W times f' (f a function the derivation applies)
            items[k:k + 1] = [("sym", holder[1][0], None, None, None, 0),
                              ("sym", holder[1][1], None, None, None, holder[5])]
            ops[k + 1:k + 1] = [None]
            k += 1
            continue
        got = _applied(b)
        if got is None or not _applicable(holder) or holder[1] in funcs or not _time_like(got[0], letter):
            k += 1
            continue
        timed = ("sym", holder[1], holder[2], list(holder[3] or []) + [got[0]], got[1], 0)
        items[k] = _replace_inner(a, holder, timed)
        del items[k + 1]
        del ops[k + 1]
    if len(items) == 1:
        return items[0]
    return ("mul", items, ops)


def _replace_inner(node, old, new):
    if node is old:
        return new
    return node[:3] + (_replace_inner(node[3], old, new),) + node[4:]


def _partial_fraction(node):
    num, den = node[1], node[2]
    if _leading_sign(num) in PARTIAL_SIGNS and _leading_sign(den) in PARTIAL_SIGNS:
        return ("frac", _as_partial(num), _as_partial(den))
    return node


def _leading_sign(node):
    if node[0] == "mul":
        node = node[1][0]
    if node[0] == "pre" and node[2] is None and len(node) == 4:
        return node[1]
    if node[0] == "sym" and node[2:] == (None, None, None, 0) and node[1] in PARTIAL_SIGNS:
        return node[1]
    return None


def _as_partial(node):
    if node[0] == "mul":
        return ("mul", [_as_partial(node[1][0])] + list(node[1][1:]), node[2])
    if node[0] == "pre":
        return ("pre", "partial", None, node[3])
    return ("sym", "\\partial", None, None, None, 0)


def keys_in(parts, vocab) -> set:
    """The keys of every name read in ``parts`` (trees of a row), skipping names that cannot be read."""
    out = set()
    for p in parts:
        for n in symbols(p):
            try:
                out.add(resolve(n, vocab).key)
            except NotReadable:
                pass
    return out


def sums_over_time(node, vocab) -> bool:
    """Whether a sum or product of ``node`` runs over the derivation's time letter."""
    for n in walk(node):
        if n[0] == "big" and n[2]:
            it = n[2][0]
            var = it[1][1] if it[0] == "eq" and it[1][0] == "sym" else it[1] if it[0] == "sym" else None
            if var == vocab.time_var:
                return True
    return False
