r"""Temporaries of code written as equations: ``dt = dh_{hat} \odot (1 - h_{hat}^2)``, then ``db_h = dt``.

Code names its intermediate results freely. A row ``NAME = EXPR`` in the backward rows whose left side is a
gradient-like name of no quantity of the derivation (``dt``: there is no ``t``; ``dhr``: no ``hr``) and that a
later row reads is the definition of a temporary, not a claim about a gradient. The rows below it read the
name as its value: each use is replaced by ``(EXPR)`` of the latest definition above it (code reassigns:
``dt`` is the candidate's pre-activation gradient, then the update gate's, then the reset gate's), so an error
in the definition shows in the rows that use it, and ``A = X; A += Y`` accumulations built from several
definitions keep each one's own value.

A name for a part of a gradient (``dWh_step``: one step's part of a parameter's; ``dXf``: a stacked input's
through one gate) is judged as that part, read or not.

The definition row itself passes when its value is the gradient (every path) of some quantity of the cell
(a node, a pre-activation, an input), tried one by one; the report names it. Otherwise it is unreadable: the
temporary is the gradient of nothing the cell computes, so the row claims nothing the reader can check
(its uses are still checked with its value).
"""
from __future__ import annotations

import re

from ..text.names import NotReadable, gradient_split, key_latex, keys_in, resolve
from ...latex.notation import GREEK_LETTERS
from ..numeric.numbase import Ctx
from ..numeric.numgrad import NoTarget
from .report import RowResult
from ..text.trees import walk

__all__ = ["code_temporaries", "held_names_shown", "judge_temporary", "meant_from_use", "name_products"]

#: The stem a candidate target is aliased to while a definition row is tried (a name no author writes).
_PLACEHOLDER = "tmpqzx"


def _plain(node) -> bool:
    return node[0] == "sym" and node[2] is None and node[3] is None and node[5] == 0


def _tkey(node):
    """The name a temporary is kept by: a plain name (``dt``), or a name with a subscript of plain words (code's
    ``do_t_act``, written ``do_{t\\_act}``: the whole spelling names it), else None."""
    if node[0] != "sym" or node[2] is not None or node[4] is not None or node[5]:
        return None
    if node[3] is None:
        return node[1]
    if all(x[0] == "sym" and x[2] is None and x[3] is None and x[4] is None and not x[5] or x[0] == "num"
           for x in node[3]):
        return node[1] + "_{" + ",".join(x[1] for x in node[3]) + "}"
    return None


def _use_key(node):
    """The temporary a use names (``do_{t\\_act}^T``: a transpose or power on it is the use's own), else None."""
    return _tkey(node[:4] + (None, 0)) if node[0] == "sym" and node[2] is None and not node[5] else None


def _no_target(node, ev) -> bool:
    """Is ``node`` (a plain gradient-like name on a left side) the gradient of no quantity of the derivation?"""
    if _tkey(node) is None or gradient_split(node[1]) is None:
        return False
    try:
        key = resolve(node, ev.vocab).key
    except NotReadable:
        return False
    if ev.vocab.known(key) or key in ev.derived:
        return False
    tau = ev.model.T
    ctx = Ctx(tau, ev.model.base, None, "", ev.env(tau), readings={}, seen={}, lhs=True)
    try:
        ev.value(node, ctx)
    except NoTarget:
        return True
    except Exception:           # noqa: BLE001 - any other reason: not this reader's business
        return False
    return False


#: Subscript words that name a step or a state's role (``h_{prev}``), never part of a code temporary's name.
_STEP_WORDS = frozenset({"prev", "next", "new", "old", "last", "first", "init", "curr", "cur", "out", "in"})


def _worded(node) -> bool:
    """``interim_dot_prod`` read as ``interim_{dot\\_prod}``: a name whose subscript is one code word of three
    letters or more (no step, no index), so the whole spelling is the code's name."""
    if node[0] != "sym":
        return False
    sub = node[3]
    return node[2] is None and node[5] == 0 and sub is not None and len(sub) == 1 and sub[0][0] == "sym" and \
        sub[0][2] is None and sub[0][3] is None and sub[0][4] is None and not sub[0][5] and \
        len(sub[0][1]) >= 3 and sub[0][1].replace("_", "").isalnum() and sub[0][1] not in _STEP_WORDS


def _unknown_plain(node, ev) -> bool:
    r"""Is ``node`` a plain name of no quantity, on the left of a backward row (``gin = go \cdot (1 - z)``, with
    ``go`` a gradient): a code temporary spelled without a gradient prefix (a kernel's workspace name)?"""
    if not (_plain(node) or _worded(node)) or node[4] is not None or gradient_split(node[1]) is not None or \
            len(node[1]) < 2 or \
            not (node[1][0].isalpha() and node[1].isalnum()) or node[1] in GREEK_LETTERS or node[1] in ("delta", "Delta", "nabla"):
        return False           # (a Greek letter, \delta = ..., keeps its own readings: lonedeltadef.py)
    try:
        key = resolve(node, ev.vocab).key
    except NotReadable:
        return False
    names = getattr(ev.vocab, "names", ())
    return not ev.vocab.known(key) and key not in ev.derived and (key in names or _worded(node) and node[1] in names)


def _substitute(node, temps):
    """``node`` with every use of a temporary replaced by its value (in brackets; a transpose kept)."""
    if not temps or not isinstance(node, tuple):
        return node
    if node and _use_key(node) in temps:
        group = ("paren", "(", temps[_use_key(node)])
        return group if node[4] is None else ("sc", group, None, node[4], 0)
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_substitute(x, temps))
        elif isinstance(x, list):
            out.append([(y[0], _substitute(y[1], temps)) if isinstance(y, tuple) and len(y) == 2 and
                        isinstance(y[0], str) and y[0] in ("+", "-") else _substitute(y, temps)
                        if isinstance(y, tuple) else [_substitute(z, temps) for z in y] if isinstance(y, list)
                        else y for y in x])
        else:
            out.append(x)
    return tuple(out)


def _without_old_values(temps, lhs):
    r"""``temps`` without those whose value reads the name ``lhs`` assigns (``dz = (V^T dy + da_{next}) \odot
    (1 - a^2)`` then ``da_{next} = W^T dz``: the value read the carried name before this row gave it a new one, so
    put in place it would be the new value written on both sides; the use is left as the name it is)."""
    key = _tkey(lhs)
    if key is None or not temps:
        return temps
    return {k: v for k, v in temps.items() if not any(_tkey(n) == key for n in walk(v))}


def _read_later(name, rows, k, hi) -> bool:
    for j in range(k + 1, hi):
        tree = rows[j]
        if tree is None:
            continue
        if any(_use_key(n) == name for p in tree[1] for n in walk(p)):
            return True
    return False


def code_temporaries(rows, forward, ev, lo, hi, meant=None):
    """(rows with the uses of temporaries replaced by their values, {row index: (name, definition tree)}).
    ``meant``: {definition row: the node its uses read instead of its value} (:func:`meant_from_use`)."""
    out, defs, temps, where = list(rows), {}, {}, {}
    if not hasattr(ev, "held_temporaries"):
        ev.held_temporaries = {}        # (kept across calls: meant_from_use prepares the rows again)
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) < 2:
            continue
        parts, rels = tree[1], tree[2]
        lhs = parts[0]
        own = _tkey(lhs) is not None and _tkey(lhs) in temps
        usable = _without_old_values(temps, lhs)
        if len(usable) < len(temps):
            # dz = (dy_t + dh_{next}) (1 - h^2), then dh_{next} = W^T dz: dz read as the gradient its own row was
            # found to be (judge_temporary), not as its value, which reads the carried name's old value
            held = {n: ("sym", f"d{_PLACEHOLDER}{where[n]}", None, None, None, 0) for n in temps if n not in usable}
            ev.held_temporaries.update({node[1][1:]: (where[n], n) for n, node in held.items()})
            usable = {**usable, **held}
        new_parts = [lhs if own else _substitute(lhs, temps)] + [_substitute(p, usable) for p in parts[1:]]
        if len(parts) == 2 and list(rels) == ["="] and (own or _no_target(lhs, ev) or _unknown_plain(lhs, ev)) and \
                (_read_later(_tkey(lhs), rows, k, hi) or _names_a_part(lhs, ev)):
            temps[_tkey(lhs)] = meant[k] if meant and k in meant else new_parts[1]
            where[_tkey(lhs)] = k
            defs[k] = (_tkey(lhs), (tree[0], new_parts, rels))
            continue
        if own:                        # dt += ...: a temporary accumulated; no longer read as one
            temps.pop(_tkey(lhs), None)
        if temps:
            out[k] = (tree[0], new_parts, rels)
    return out, defs


def _candidates(ev):
    r"""Pre-activations first (``dt = dh \odot (1 - h^2)`` is the gradient of h's pre-activation, which a reading
    of h's own gradient may also reach), then the other quantities and the inputs."""
    v = ev.vocab
    return sorted(v.quantities | v.inputs, key=lambda key: (not key.startswith("pre:"), key))


def name_products(rows, forward, ev, lo, hi):
    r"""``dhr = dt W_{hh}^T`` where the forward rows compute the product ``r \odot h_{prev}`` and no row names
    ``hr``: a code name spelled by the factors of a product of plain names (in some order) names that product, so
    ``dhr`` is its adjoint (as ``% symlstm: given hr = r \odot h_{prev}`` would say). Only when exactly one
    product of the forward rows is spelled so."""
    import itertools
    done = set()
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) < 2 or not _plain(tree[1][0]) or \
                not _no_target(tree[1][0], ev):
            continue
        stem = gradient_split(tree[1][0][1])[1]
        if stem in done or len(stem) < 2 or not stem.isalpha() or not _read_later(tree[1][0][1], rows, k, hi):
            continue
        done.add(stem)
        found = {}
        for d in ev.model.defs:
            for n in walk(d.node):
                if n[0] != "mul" or not 2 <= len(n[1]) <= 3 or any(
                        f[0] != "sym" or f[2] is not None or f[4] is not None or f[5] for f in n[1]):
                    continue
                if any("".join(f[1] for f in perm) == stem for perm in itertools.permutations(n[1])):
                    from ..numeric.numadjoint import normal
                    found.setdefault(repr(normal(n)), n)
        if len(found) != 1:
            continue
        try:
            ev.name_subexpression(("sym", stem, None, None, None, 0), next(iter(found.values())))
        except (NotReadable, Exception):       # noqa: BLE001 - left to be read as a temporary
            continue


def _target_text(key, ev) -> str:
    if key.startswith("pre:"):
        return f"the pre-activation of {key_latex(key[4:])}"
    return key_latex(key)


def _spellings(name):
    """(the name as written, its subscript's words escaped: ``do_{t\\_act}``; as shown in a report: ``d{hr}``)."""
    written = name
    if "_{" in name:                    # do_{t,act}: the subscript's words as written (t\_act)
        base, _, sub = name.partition("_{")
        written = base + "_{" + sub.replace("_", "\\_")
    prefixed = gradient_split(name) is not None
    return written, written if len(name) <= 2 or not prefixed or "_{" in name else f"{name[0]}{{{name[1:]}}}"


#: The gradient a definition is tried as (its stem aliased to one candidate at a time).
_PROBE = ("sym", "d" + _PLACEHOLDER, None, None, None, 0)
#: A use's failure that is about its names, not its value.
_UNDEFINED = re.compile(r"is not defined in this derivation|no quantity|no row defines|is not a parameter")
#: How many rows reading a temporary :func:`meant_from_use` judges again, at most.
_MAX_USES = 12


def meant_from_use(out, starts, defs, generic, rows, prepare, judge_row, judge_tree, ev, equations, strict, seconds):
    r"""A temporary whose value is the gradient of nothing the cell computes (``di_calc = dsigma(i) * di``: the
    sigmoid's derivative taken at the gate's output, not at its pre-activation), while every row that reads it
    holds when it is the gradient of one quantity (``dW_i += np.outer(di_calc, x)``, ``db_i += di_calc``: the
    gradient of i's pre-activation), is meant as that gradient: its own row fails, with the correct value, and
    the rows that read it are judged with the value meant, as a reader checking each line given the lines
    above does. One slip is then reported once, where it is made, not on every row downstream.

    ``out``/``starts``: the results so far and where each row's begin (changed in place); ``defs``: the
    definitions (:func:`code_temporaries`); ``generic``: the rows judged as claims; ``rows``: as prepared;
    ``prepare(meant)``: the rows and accumulations again with the uses of ``meant``'s definitions reading
    their nodes; ``judge_row(k, eq, rows, sums)``: a row's verdict as the claims are judged."""
    aliases = ev.vocab.aliases
    saved = aliases.get(_PLACEHOLDER)
    try:
        for k in sorted(defs):
            i = starts.get(k)
            if i is None or i >= len(out) or out[i].status != "unreadable":
                continue
            name, tree = defs[k]
            uses = None
            for cand in _candidates(ev):
                aliases[_PLACEHOLDER] = cand
                alt, alt_sums = prepare({k: _PROBE})
                if uses is None:       # (a use failing on a name nothing defines says nothing of the value)
                    uses = [j for j in sorted(generic) if j > k and repr(alt[j]) != repr(rows[j]) and
                            (out[starts[j]].status == "pass" or out[starts[j]].status == "fail" and
                             not _UNDEFINED.search(out[starts[j]].why or ""))][:_MAX_USES]
                    if not any(out[starts[j]].status == "fail" for j in uses):
                        break              # nothing it would change
                results = [judge_row(j, equations[j], alt, alt_sums) for j in uses]
                if not all(r.status == "pass" for r in results):
                    continue
                try:
                    own = judge_tree(("row", [_PROBE, tree[1][1]], ["="]), equations[k], ev, strict, seconds)
                except (ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError, RecursionError):
                    continue
                if own.status != "fail":
                    continue
                shown = _spellings(name)[1]
                lines = ", ".join(str(equations[j].line) for j in uses)
                own.why = (f"{shown}: the rows that read it (line {lines}) hold when it is the gradient of "
                           f"{_target_text(cand, ev)}, which its value here is not; " + (own.why or ""))
                out[i] = own
                for j, r in zip(uses, results):
                    r.why = ((r.why + "; ") if r.why else "") + \
                        f"read with {shown} as the gradient of {_target_text(cand, ev)} (its own row, line " \
                        f"{equations[k].line}, fails)"
                    out[starts[j]] = r
                break
    finally:
        if saved is None:
            aliases.pop(_PLACEHOLDER, None)
        else:
            aliases[_PLACEHOLDER] = saved


#: Code words after a parameter's gradient name for one step's part of it (``dWh_step``, ``dW_local``).
PART_WORDS = frozenset({"step", "local", "part", "contrib", "contribution", "tmp", "temp", "inc", "increment", "this"})


def _parameter_of_part(node, ev):
    """The stem of ``node`` when it names one step's part of a parameter's gradient (``dWh_step``: a parameter's
    gradient name and a word of :data:`PART_WORDS`), else None."""
    if node[0] != "sym" or node[2] is not None or node[4] is not None or gradient_split(node[1]) is None:
        return None
    sub = node[3]
    if not sub or len(sub) != 1 or sub[0][0] != "sym" or sub[0][1].lower() not in PART_WORDS:
        return None
    stem = gradient_split(node[1])[1]
    try:
        if resolve(("sym", stem, None, None, None, 0), ev.vocab).key in ev.vocab.params:
            return stem
    except NotReadable:
        return None
    return stem if stem in {re.sub(r"[_{}]", "", p) for p in ev.vocab.params} else None      # dWh for W_h


def _gate_part(name, ev):
    """(stem's head, the stacked quantity it names, the gate) when the gradient name ``name`` is a stacked input's
    followed by a gate that reads it (``dXf``: X = [h, x] and hf = sigmoid(X @ Wf + bf)), else None."""
    g = gradient_split(name)
    if g is None or "_{" in name:
        return None
    stem = g[1]
    for cut in range(1, len(stem)):
        try:
            q = resolve(("sym", stem[:cut], None, None, None, 0), ev.vocab).key
        except NotReadable:
            continue
        f = _gate_of(ev, q, stem[cut:]) if q in ev.vocab.quantities else None
        if f is not None:
            return stem[:cut], q, f
    return None


def _names_a_part(node, ev) -> bool:
    """Is ``node`` a code name for a part of a gradient (:func:`_parameter_of_part`, :func:`_gate_part`)? Such a
    row is judged as that part even when no row reads it."""
    if node[0] != "sym" or node[2] is not None or node[4] is not None:
        return False
    return _parameter_of_part(node, ev) is not None if node[3] else _gate_part(node[1], ev) is not None


def _multiplied(ev, a, b) -> bool:
    """Does a forward row multiply ``a`` by ``b`` (``r * h_prev``)? Then ``dhr`` names that product's gradient
    (as :func:`name_products` reads it), not a part of dh."""
    for d in ev.model.defs:
        for n in walk(d.node):
            if n[0] != "mul":
                continue
            keys = set()
            for f in n[1]:
                if f[0] == "sym":
                    try:
                        keys.add(resolve(f, ev.vocab).key)
                    except NotReadable:
                        continue
            if {a, b} <= keys:
                return True
    return False


def _gate_of(ev, q, label):
    """The quantity ``label`` names among the readers of the stack ``q`` (``X = [h, x]``): itself, else the one
    whose name ends so (f for hf), if no forward row multiplies the two; else None."""
    if not any(q in d.keys and d.node[0] == "matrix" for d in ev.model.defs):
        return None             # (a stack's part: dhr beside r * h_prev names a product, not a path of h)
    readers = _readers(ev, q)
    v = ev.vocab
    named = [x for x in v.quantities if x == label and x in readers] or \
        [x for x in v.quantities if x.endswith(label) and x.isalpha() and x != q and x in readers]
    if len(named) != 1 or named[0] == q or _multiplied(ev, q, named[0]):
        return None
    return named[0]


def _readers(ev, key) -> set:
    """The quantities whose forward rows (or their net inputs' rows) read ``key``."""
    out = set()
    for d in ev.model.defs:
        try:
            read = keys_in([d.node], ev.vocab)
        except NotReadable:
            continue
        if key in read:
            out.update(k[4:] if k.startswith("pre:") else k for k in d.keys)
    return out


def _judged_part(name, tree, eq, ev, strict, seconds, judge_tree, shown):
    r"""The verdict of a row defining a code name for a part of a gradient, else None:

    * ``dWh_step = interim^T h_{prev}``: one step's part of a parameter's gradient, judged as ``dWh = ...`` (step
      t's contribution, or the total);
    * ``dXf = dhf @ Wf.T`` (Kristiadi's LSTM): the part of the stacked input's gradient through the gate's
      equation, judged as ``dX^{(hf)} = ...`` (pathlabels.py)."""
    lhs = tree[1][0]
    stem = _parameter_of_part(lhs, ev)
    if stem is not None:
        probe, what = ("sym", lhs[1], None, None, None, 0), f"a part of the gradient of {key_latex(stem)}"
    else:
        part = _gate_part(name, ev) if lhs[0] == "sym" and not lhs[3] else None
        if part is None:
            return None
        head, q, f = part
        probe = ("pre", "d", None, ("sym", head, None, None, [("paren", "(", ("sym", f, None, None, None, 0))], 0))
        what = f"the part of the gradient of {key_latex(q)} through {key_latex(f)}"
    try:
        r = judge_tree(("row", [probe, tree[1][1]], ["="]), eq, ev, strict, seconds)
    except (NotReadable, ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError,
            RecursionError):
        return None
    if r.status == "unreadable":
        return None
    r.why = f"{shown}: a name of the code for {what}" + (f"; {r.why}" if r.why else "")
    return r


def _hold(ev, k, cand):
    """The uses of row k's temporary held by name (code_temporaries) read as the gradient of ``cand``."""
    for held, (row, _) in getattr(ev, "held_temporaries", {}).items():
        if row == k:
            ev.vocab.aliases[held] = cand


def held_names_shown(out, ev):
    """Each result's message with a held temporary (code_temporaries) named as the code names it (``dz``)."""
    held = getattr(ev, "held_temporaries", None) if ev is not None else None
    for r in out if held else ():
        for stem, (_, name) in sorted(held.items(), key=lambda x: -len(x[0])):     # (tmpqzx12 before tmpqzx1)
            if r.why and stem in r.why:
                r.why = r.why.replace("d" + stem, name).replace(stem, name[1:] or name)


def judge_temporary(k, name, tree, eq, ev, strict, seconds, judge_tree):
    """The verdict of the row defining the temporary ``name`` (see the module's doc); ``judge_tree`` judges a
    row (:func:`symlstm.verify.rowjudge.judge_tree`, passed in so that this module sits below it)."""
    probe = ("row", [_PROBE, tree[1][1]], ["="])
    prefixed = gradient_split(name) is not None
    written, shown = _spellings(name)
    stem = f"no quantity {written[1:]}" if prefixed else "a name of no quantity"     # gin: a kernel's workspace name
    aliases = ev.vocab.aliases
    saved = aliases.get(_PLACEHOLDER)
    try:
        part = _judged_part(name, tree, eq, ev, strict, seconds, judge_tree, shown)
        if part is not None:
            return part
        right = eq.text[eq.text.find("=") + 1:]

        def reads_own(cand):        # dzcc = dcc * (1 - cc^2): cc's gradient is read on the right, so the row is
            return not cand.startswith("pre:") and re.search(    # tried as another's first (zc's, when a
                rf"(?<![\w\\{{]){re.escape('d' + key_latex(cand))}(?![\w{{])", right) is not None   # row names it)
        first = None
        for cand in sorted(_candidates(ev), key=reads_own):
            aliases[_PLACEHOLDER] = cand
            try:
                r = judge_tree(probe, eq, ev, strict, seconds)
            except (ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError, RecursionError):
                continue
            if r.status == "pass" and (r.reading or "total") in ("total", "forward", "step"):
                # (ds = dc_next + dh_next * o * (1 - tanh(c)^2): c's total, with dc_next what reaches c from the
                # step after: a step reading of the names it reads, said so)
                step = r.reading == "step"
                found = RowResult(eq.line, eq.column, eq.text, "pass", True, "step" if step else "total",
                                  why=f"{shown}: a name of the code ({stem}), defined here as the "
                                      f"gradient of {_target_text(cand, ev)}; the rows below read it as this value" +
                                      (f" ({r.why})" if step and r.why else ""))
                if not reads_own(cand):
                    _hold(ev, k, cand)
                    return found
                first = first or found
        if first is not None:
            return first
    finally:
        if saved is None:
            aliases.pop(_PLACEHOLDER, None)
        else:
            aliases[_PLACEHOLDER] = saved
    return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                     why=f"{shown}: a name of the code ({stem} in this derivation) whose value here is "
                         f"the gradient of no quantity of the cell; the rows below read it as this value")
