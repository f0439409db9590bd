"""Judge one row of a derivation: find its gradient symbols, try their readings (totals first), report the first
that holds, or the failure with the correct right side in the author's notation.
"""
from __future__ import annotations

import itertools
import re
import time
from dataclasses import is_dataclass, replace

import numpy as np

from .approxrows import approx_other_reading, approx_relations, approx_verdict
from .zeroterms import vanishing_term
from .everypath import every_path
from .siblingpartials import WHY as PARTIAL_WHY, partial_siblings
from .causalzero import causal_zero
from .genericweight import every_weight, generic_weight
from .inputweights import every_input_weight, input_weight
from .eachreading import judged_as_each
from .equalcounts import DISCOVERY_COUNT, NOT_READ as COUNT_NOT_READ, count_search

from ...latex.notation import ANY_PARAMETER_NAMES, FUNCTION_WORDS, LOSS_NAMES
from ..text.names import LAYER_LETTERS, IllTyped
from .gatelists import expand as expand_gates
from .gateclass import gate_class_readings, remember_gate_class
from .links import _RUN_EDGE, check_links, conflates, dummy_copy, eval_parts, generic_stem, ill_typed_link, is_step, \
    loss_frac, reading_text, VANISHING_SIDES
from ..text.names import NotReadable, _sup_atoms, gradient_split, key_latex, resolve
from .selfref import self_reference, splits
from .systems import separate_systems
from .unrolledrows import row_step, zero_contribution
from .freebounds import bound_only_steps
from .deltasteps import delta_steps
from .weightrecursion import RECURSION_NOTE, recursion_readings, weight_recursion
from .report import MAX_READINGS, READING_SECONDS, RowResult
from .entrywise import free_components

#: Joint readings of a row's gradient names beyond which the row is not tried (enumerating and sorting them
#: alone would take minutes): unreadable, with the count.
MAX_PRODUCT = 200_000
from ..text.trees import summed_letters, walk

__all__ = ['gradient_target', 'judge_tree']


def _prose(tree, vocab) -> str:
    """Words of prose in a row (``sum of d_c along axis``): two or more unknown words side by side."""
    from ..numeric.pathlabels import path_label
    labels = {id(x) for n in walk(tree) if n[0] == "sym" and path_label(n, vocab.time_var) is not None
              for x in walk(n[4][0])}       # d h^{(\text{carry over})}: a path's label (pathlabels.py)
    for n in walk(tree):
        if n[0] == "mul" and id(n) not in labels:
            words = [x[1] for x in n[1] if x[0] == "sym" and x[3] is None and x[4] is None and x[2] is None
                     and len(x[1]) > 1 and x[1].isalpha() and x[1].islower() and not vocab.known(x[1])
                     and x[1] not in FUNCTION_WORDS and x[1] not in vocab.functions and gradient_split(x[1]) is None]
            if len(words) >= 2:
                return " ".join(words)
    return ""


def judge_tree(tree, eq, ev, strict, seconds=None) -> RowResult:
    """The verdict on one row (:func:`_judge_tree`); where the slices the prose states after it make it fail by
    their shapes (``W_f = W_f[:n_a,:]``, rows, where the block acting on a_prev is the first n_a columns: a slip of
    the old Coursera notebook), the row read with the other axis's slices (``W_f[:, :n_a]``) instead: if it holds
    so, it passes so, and each such statement fails where it is written (``r.slice_slips``)."""
    r = _judge_tree(tree, eq, ev, strict, seconds)
    slices = getattr(eq, "slices", ()) or ()
    if r.status != "fail" or not slices or not _SLICE_SHAPES.search(r.why or ""):
        return r
    swapped = tuple((name, _other_axis(sl)) for name, sl in slices)
    if any(sl is None for _, sl in swapped) or not is_dataclass(eq) or \
            len(getattr(eq, "slices_at", ()) or ()) != len(slices):
        return r            # (a statement the text does not show, in a comment: the row carries the slip)
    again = _judge_tree(tree, replace(eq, slices=swapped), ev, strict, seconds)
    if again.status != "pass":
        return r
    shown = ", ".join(f"{name}[{sl.replace(' ', '')}]" for name, sl in swapped)
    again.notes = list(again.notes or []) + [f"read with the slices {shown}: the prose's slices take the other axis"]
    again.slice_slips = [(line, col, text, (
        f"{text} slices the {'rows' if new.startswith(':') else 'columns'} of {name} ({name}[{sl.replace(' ', '')}]), "
        f"where the row above (line {eq.line}) needs its {'columns' if new.startswith(':') else 'rows'}: "
        f"{name}[{new.replace(' ', '')}]")) for (name, sl), (_, new), (line, col, text)
        in zip(slices, swapped, getattr(eq, "slices_at", ()) or ())]
    return again


#: A failure by the shapes a stated slice gives (:func:`judge_tree`).
_SLICE_SHAPES = re.compile(r"the left side is \d+x\d+ but the right side \d+x\d+|the slice \[[^\]]*\] is empty|"
                           r"a product of shapes|terms of shapes")


def _other_axis(sl: str):
    """``:n_a, :`` as ``:, :n_a`` (and back): the same bounds on the other axis of a matrix; None otherwise."""
    parts = [x.strip() for x in sl.split(",")]
    if len(parts) != 2 or parts[0] == parts[1]:
        return None
    if parts[1] == ":":
        return f":, {parts[0]}"
    if parts[0] == ":":
        return f"{parts[1]}, :"
    return None


def _judge_tree(tree, eq, ev, strict, seconds=None) -> RowResult:
    if tree is not None and tree[0] == "row" and len(tree[1]) < 2:
        # \frac{\partial L_t}{\partial \hat y_t} alone in a display: an expression the text goes on to compute
        shapes = re.search(r"\\in(?![A-Za-z])", eq.text or "")
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why="a statement of shapes (read to size the names), not an equation" if shapes else
                         "an expression without a relation (=, \\le, ...): it claims nothing to check")
    ev.slices = dict(getattr(eq, "slices", ()) or ())
    ev.row_step = row_step(tree, ev)        # h_{t1}, dU_{t1}: a row of one concrete step is checked there
    zero = zero_contribution(tree, eq, ev)      # dV_{t1} = 0: step 1's contribution (unrolledrows.py)
    if zero is not None:
        return zero
    extra = _free_times(tree, ev)
    saved = ev.vocab.bound
    ev.vocab.bound = saved + tuple(extra)
    ev.extra_times = extra
    ev.free_components = free_components(tree, ev.vocab) if ev.vocab.entrywise else ()     # entrywise.py
    ev.row_tree = tree          # the row's letters (numeric/countpowers.py: w^m beside S_{k-m})
    try:
        written, tree = tree, _total_on_left(tree, ev)
        theta = _any_parameter(tree, ev)
        if theta is not None:
            return _every_parameter(theta, tree, eq, ev, strict, READING_SECONDS if seconds is None else seconds)
        stem = generic_weight(tree, ev, generic_stem)      # \partial E/\partial W beside W_{hh}, W_{xh}: each weight (genericweight.py)
        if stem is not None:
            return every_weight(stem, _judge_row, tree, eq, ev, strict, READING_SECONDS if seconds is None else seconds)
        wx = input_weight(tree, ev)     # \partial L/\partial W_x beside W^{(z)} x_t, W x_t: each weight (inputweights.py)
        if wx is not None:
            return every_input_weight(wx, _judge_row, tree, eq, ev, strict,
                                      READING_SECONDS if seconds is None else seconds)
        tree, approx = approx_relations(tree)        # X \approx f_t: judged as X = f_t, then (approxrows.py)
        ev.count_search = count_search(tree)        # W W W \cdots X: every count of W (equalcounts.py)
        ev.elided_count = DISCOVERY_COUNT if ev.count_search else None
        r = _judge_row(tree, eq, ev, strict, READING_SECONDS if seconds is None else seconds)
        if ev.count_search and r.status == "pass":
            r.status, r.holds, r.why = "unreadable", None, COUNT_NOT_READ
        if approx and (r.status == "pass" or r.status == "fail" and r.claimed is not None):
            # \approx: how close is not stated, but read through every path (exact as first read: the author reads
            # it otherwise) a side of another shape than the other is no approximation of it (approxrows.py)
            again = every_path(_judge_row, tree, eq, ev, strict, READING_SECONDS if seconds is None else seconds)
            other = approx_other_reading(r, again)      # through every path the sides' shapes differ: fails
            r, approx = other, other is r
        if approx:
            r = approx_verdict(r)
        if r.status == "fail" and partial_siblings(tree, getattr(ev, "row_siblings", ()), ev):
            r = _left_partial(tree, eq, ev, strict, seconds, r)     # siblingpartials.py
        if r.status == "pass" and vanishing_term(tree, ev):     # \partial f_t/\partial c_{t-1}: zero here (zeroterms.py)
            again = every_path(_judge_row, tree, eq, ev, strict, READING_SECONDS if seconds is None else seconds)
            if again is not None:       # read with every derivative total (everypath.py)
                r = again
            else:
                r.status, r.holds, r.why = "unreadable", None, vanishing_term(tree, ev)
        if r.status == "pass" and causal_zero(tree, ev):   # \partial h_{j-1}/\partial h_j: zero (causalzero.py)
            r.status, r.holds, r.why = "unreadable", None, causal_zero(tree, ev)
        if r.status == "fail" and r.claimed is None and any(n == ("dots",) for n in walk(tree)) and \
                "whatever the dots stand for" not in (r.why or ""):
            # diag(1 - s_{i,1}^2, \cdots, 1 - s_{i,D}^2): a row with an elision that no rule read to a value
            r.status, r.holds = "unreadable", None
            r.why = "; ".join(x for x in (r.why, "the row elides part of itself (\\ldots): not read") if x)
        if r.status == "fail" and separate_systems(tree[1], ev):
            r.status, r.holds = "unreadable", None
            r.why = f"{separate_systems(tree[1], ev)} (read literally: {r.why})"
        if tree is not written:
            r.why = "; ".join(x for x in (r.why, "the loss of step t on the left is the total loss: the right side "
                                                "sums it over t") if x)
        return r
    finally:
        ev.slices = {}
        ev.count_search, ev.elided_count = False, None
        ev.vocab.bound = saved
        ev.extra_times = ()


def _left_partial(tree, eq, ev, strict, seconds, failed):
    """The row re-read with its left Jacobian as the partial of its numerator's row: that result when it passes,
    else the failure as read first."""
    ev.left_partial = True
    try:
        again = _judge_row(tree, eq, ev, strict, READING_SECONDS if seconds is None else seconds)
    finally:
        ev.left_partial = False
    if again.status != "pass":
        return failed
    again.why = "; ".join(x for x in (again.why, PARTIAL_WHY) if x)
    return again


def _total_on_left(tree, ev):
    r"""\frac{\partial J_t}{\partial W} = \sum_t \frac{\partial J_t}{\partial W}: the right side sums the
    losses of the steps over t, so the J_t on the left (t free there, bound on the right) is the total loss J."""
    parts = tree[1]
    lhs = parts[0]
    if len(parts) < 2 or lhs[0] != "frac" or lhs[1][0] != "pre" or lhs[1][3][0] != "sym":
        return tree
    top = lhs[1][3]
    tv = ev.vocab.time_var
    if top[1] not in LOSS_NAMES or top[3] != [("sym", tv, None, None, None, 0)] or top[4] is not None:
        return tree
    if not any(p[0] == "big" and p[1] == "sum" and p[2] and p[2][0] == ("sym", tv, None, None, None, 0)
               and p[3] is None and any(n == top for n in walk(p[4])) for p in parts[1:]):
        return tree
    total = ("frac", ("pre", lhs[1][1], lhs[1][2], ("sym", top[1], top[2], None, None, top[5])) + lhs[1][4:]) \
        + lhs[2:]
    return (tree[0], [total] + list(parts[1:]), tree[2])


def _any_parameter(tree, ev):
    r"""The key of \theta in \frac{\partial L}{\partial \theta} when it stands for any parameter: a name of
    ANY_PARAMETER_NAMES the derivation never defines, written only as the variable of derivatives; else None."""
    dens, keys = set(), set()
    for n in walk(tree):
        if n[0] == "frac" and n[2][0] == "pre" and n[2][1] in ("partial", "d") and n[2][3][0] == "sym":
            dens.add(id(n[2][3]))
    for n in walk(tree):
        if n[0] != "sym" or n[1] not in ANY_PARAMETER_NAMES:
            continue
        try:
            key = resolve(n, ev.vocab).key
        except NotReadable:
            return None
        if ev.vocab.known(key) or key in ev.vocab.aliases or key in ev.derived or id(n) not in dens:
            return None
        keys.add(key)
    return next(iter(keys)) if len(keys) == 1 else None


def _every_parameter(theta, tree, eq, ev, strict, seconds):
    r"""A row in \theta (any parameter) read for each parameter of the cell: it holds when it holds for all."""
    params = sorted(ev.model.params)
    name = key_latex(theta)
    if not params:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"{name} stands for any parameter, but the cell has none")
    results = judged_as_each(theta, params, _judge_row, tree, eq, ev, strict, seconds)
    for status in ("fail", "unreadable"):
        for p, r in results:
            if r.status == status:
                r.why = f"{name} = {key_latex(p)} ({name}: any parameter, the row must hold for each): {r.why}"
                return r
    r = results[0][1]
    r.reading = "step" if any(x.reading == "step" for _, x in results) else r.reading
    r.why = f"{name} read as each parameter ({', '.join(key_latex(p) for p, _ in results)})" + \
        ("; " + r.why if r.why else "")
    return r


def _free_times(tree, ev):
    r"""A second time letter of a row (\partial h_t / \partial h_k): the row is checked for every k."""
    out = []
    summed = summed_letters(tree)
    for n in walk(tree):
        if n[0] == "sym" and n[4] and not out:
            out += [x for x in _free_sup_time(n, ev) if x not in summed]
        if n[0] != "sym" or not n[3]:
            continue
        if n[4] and any(a[0] in ("time", "time?") for a in _sup_atoms(n[4], ev.vocab)):
            continue            # s_{a}^{(k-1)}: a time above, so the subscript is a label (a dummy copy), not a step
        for it in n[3]:
            if it[0] == "add" and it[1][0] == ("+", ("sym", ev.vocab.time_var, None, None, None, 0)):
                # h_{t-z-1} (h(t-z-1)): a step z back, z a second time letter
                out += [t[1] for _, t in it[1][1:] if t[0] == "sym" and len(t[1]) == 1 and t[1].islower() and
                        t[2:] == (None, None, None, 0) and t[1] != ev.vocab.time_var and
                        t[1] not in ev.vocab.bound and t[1] not in out]
                continue
            lead = it[1][0][1] if it[0] == "add" and it[1][0][0] == "+" else None
            if lead is not None and lead[0] == "sym" and len(lead[1]) == 1 and lead[1].islower() and \
                    lead[2:] == (None, None, None, 0) and lead[1] != ev.vocab.time_var and \
                    lead[1] not in ev.vocab.bound and lead[1] not in out and lead[1] not in summed and \
                    all(t[0] == "num" for _, t in it[1][1:]) and _quantity_base(n, ev):
                out.append(lead[1])        # h_{j-1} beside h_j: the row's steps in a letter of its own
                continue
            if it[0] == "sym" and len(it[1]) == 1 and it[1].islower() and it[3] is None and it[4] is None and \
                    it[1] != ev.vocab.time_var and it[1] not in ev.vocab.bound and it[1] not in out:
                base = ("sym", n[1], n[2], None, n[4], n[5])
                try:
                    k0 = resolve(n, ev.vocab).key
                    kb = resolve(base, ev.vocab).key
                except NotReadable:
                    continue
                if not ev.vocab.known(k0) and kb in ev.vocab.quantities and not _labels_known(tree, it, ev):
                    out.append(it[1])
    if not out:
        out += bound_only_steps(tree, ev.vocab, summed)     # \prod_{j=k+1}^{t}, k free: every step k (freebounds.py)
    if not out:
        out += delta_steps(tree, ev, summed)     # \delta_k for the \delta_t the rows define (deltasteps.py)
    _sup_offsets(tree, ev, out[:1])
    return out[:1]


def _labels_known(tree, letter, ev) -> bool:
    r"""``letter`` is the whole subscript of another name of the row that the derivation defines (``W_f`` beside
    ``\partial z_f``): a label of a gate in this row, not a second step."""
    for n in walk(tree):
        if n[0] == "sym" and n[3] == [letter]:
            try:
                ref = resolve(n, ev.vocab)
            except NotReadable:
                continue
            if ref.time is None and str(ref.key).endswith("_" + letter[1]) and ev.vocab.known(ref.key):
                return True         # (W_f: the weight labelled f; not s_i, s at a step i, nor z_i)
    return False


def _quantity_base(n, ev) -> bool:
    """The name of ``n`` (its subscript dropped) is a quantity of the forward rows."""
    try:
        return resolve(("sym", n[1], n[2], None, n[4], n[5]), ev.vocab).key in ev.vocab.quantities
    except NotReadable:
        return False


def _sup_offsets(tree, ev, letters):
    """ev.sup_times: letter -> the offsets it is written at as a superscript (s^{(k-1)}: -1)."""
    ev.sup_times = {}
    for n in walk(tree) if letters else ():
        if n[0] == "sym" and n[4] and _free_sup_time(n, ev) == letters:
            inner = n[4][0][2] if n[4][0][0] == "paren" else n[4][0][1] if n[4][0][0] == "angle" else n[4][0]
            off = 0 if inner[0] == "sym" else int(inner[1][1][1][1]) * (1 if inner[1][1][0] == "+" else -1)
            ev.sup_times.setdefault(letters[0], []).append(off)


def _free_sup_time(n, ev):
    r"""``s^{(k)}``, ``s_{[m]}^{(k)}`` in a derivation whose time letter t is written ^{(t)}: k a second time
    letter of the row when the name without ^{(k)} is a quantity of the cell. [] for anything else."""
    atoms = _sup_atoms(n[4], ev.vocab)
    letters = [a[1] for a in atoms if a[0] == "block" and len(a[1]) == 1 and a[1].islower()
               and a[1] != ev.vocab.time_var and a[1] not in ev.vocab.bound and a[1] not in LAYER_LETTERS
               and not ev.vocab.known(a[1])]       # xh^{(x)} for xh = [x, h_prev]: the part x, a name of the cell
    if not letters and len(n[4]) == 1 and n[4][0][0] == "angle" and n[4][0][1][0] == "sym" and \
            n[4][0][1][2:] == (None, None, None, 0) and len(n[4][0][1][1]) == 1 and n[4][0][1][1].islower() and \
            n[4][0][1][1] != ev.vocab.time_var and n[4][0][1][1] not in ev.vocab.bound and \
            n[4][0][1][1] not in LAYER_LETTERS:
        letters = [n[4][0][1][1]]       # a^{\langle k \rangle} (Coursera's brackets) in a row about step k
    inner = n[4][0][1] if len(n[4]) == 1 and n[4][0][0] == "angle" else \
        n[4][0][2] if len(n[4]) == 1 and n[4][0][0] == "paren" else None
    if not letters and inner is not None and inner[0] == "add":
        terms = inner[1]          # ^{(k-1)}, ^{\langle k-1 \rangle}: a step before k
        if len(terms) == 2 and terms[0][0] == "+" and terms[1][1][0] == "num" and terms[0][1][0] == "sym" and \
                terms[0][1][2:] == (None, None, None, 0) and len(terms[0][1][1]) == 1 and terms[0][1][1].islower() \
                and terms[0][1][1] != ev.vocab.time_var and terms[0][1][1] not in ev.vocab.bound \
                and terms[0][1][1] not in LAYER_LETTERS:
            letters = [terms[0][1][1]]
    if len(letters) != 1 or len(atoms) != 1:
        return []
    base = ("sym", n[1], n[2], n[3], None, n[5])
    try:
        kb = resolve(base, ev.vocab).key
    except NotReadable:
        return []
    return letters if kb in ev.vocab.quantities or dummy_copy(kb, ev.vocab) else []


#: A subscript listing three or more one-letter names, W_{i,f,o,c}: the row stands for one row per name.
_GATE_LIST = re.compile(r"[A-Za-z]_\{\s*[a-zA-Z]'?\s*(?:,\s*[a-zA-Z]'?\s*){2,}\}")


def _judge_row(tree, eq, ev, strict, seconds=READING_SECONDS) -> RowResult:
    parts, rels = tree[1], tree[2]
    model = ev.model
    prose = _prose(tree, ev.vocab)
    if prose:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=f"words, not symbols: {prose}")
    if any(r not in ("=", "+=", "-=", "<=", ">=", "<", ">") for r in rels):
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why="a relation other than '='")
    if len(parts) == 2 and parts[1] == ("num", "0") and rels == ["="] and parts[0][0] == "pre":
        start = _accumulation_start(parts[0], ev)
        if start:
            return RowResult(eq.line, eq.column, eq.text, "pass", True, "step", why=start)
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why="a gradient set to zero is the start of an accumulation (what reaches it from beyond "
                             "the last step), not read")
    if not getattr(ev, "in_gate_list", False):
        listed = expand_gates(tree, lambda name, primes: _is_gate(name, primes, ev))
        if isinstance(listed, tuple):
            return _judge_gates(listed, eq, ev, strict, seconds)
        if isinstance(listed, str):
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=f"one row for several gates: {listed}")
    several = None if getattr(ev, "in_gate_list", False) else _GATE_LIST.search(eq.text or "")
    if several:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"one row for several gates at once ({several.group(0)}) is not read: write one row per gate")
    # discover the gradient symbols and their readings
    seen = {}
    try:
        for tau in range(1, model.T + 1):
            # a second step letter (\partial c_t / \partial c_k): at k = t - 1 first, then at every earlier k, as the
            # links are checked (a Jacobian across two steps or more has a reading one step has not: chainjac.py)
            lows = [max(0, tau - 1)] + list(range(max(0, tau - 2), -1, -1)) if getattr(ev, "extra_times", ()) \
                else [None]
            for low in lows:
                extra = {ev.extra_times[0]: low} if low is not None else None
                if getattr(ev, "free_components", ()):      # W_{ij}: at the first entry (entrywise.py)
                    extra = dict(extra or {}, **{x: 1 for x in ev.free_components})
                try:
                    eval_parts(parts, rels, ev, tau, {}, seen, extra)
                except IllTyped as e:
                    if not extra and not any(x in str(e) for x in _RUN_EDGE):
                        raise
                    if low == max(0, tau - 1):
                        break   # s^{(k-1)} at k = 0, h^{(t-2)} at t = 1: a later step still reads every name of the row
    except NotReadable as e:
        bad = ill_typed_link(parts, rels, ev)
        if bad:             # a link ill-typed as written: no reading of the unreadable one makes the row hold
            return RowResult(eq.line, eq.column, eq.text, "fail", False, why=bad)
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=str(e))
    except IllTyped:
        pass
    except (FloatingPointError, ZeroDivisionError, OverflowError) as e:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=str(e))
    grads = list(seen)
    if getattr(ev, "row_grads", None) is not None:      # the gradients the row reads (losses.loss_sensitive)
        ev.row_grads.update(seen)
    fixed = getattr(ev, "file_readings", None)
    if getattr(fixed, "code", False):       # di = di * (...): a code variable assigned again holds a new value,
        for g in grads:                     # read afresh (recorded again if the row holds)
            if g.lhs and _name_of(g, fixed) is not None:
                fixed.pop(_name_of(g, fixed), None)
    choices = [gate_class_readings(g, _as_read_before(g, seen[g], fixed), fixed, ev) for g in grads]   # gateclass.py
    if strict:
        choices = [[c for c in cs if not is_step(c)] or cs[:1] for cs in choices]
    n_combos = int(np.prod([len(cs) for cs in choices], dtype=float)) if choices else 1
    if n_combos > MAX_PRODUCT:      # dh_{next} = dh_{fz} + dh_{fr} + ...: every part a set of paths (too many to try)
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"its {len(grads)} gradient names have {n_combos} joint readings, too many to try")
    combos = sorted(itertools.product(*choices), key=lambda c: (sum(is_step(x) for x in c),
                                                                 sum(x[-1] != "total" for x in c)))
    combos = [c for c in combos if not conflates(dict(zip(grads, c))) and
              not splits(dict(zip(grads, c)), rels)][:MAX_READINGS]      # X = Y + X: one X (selfref.py)
    first_fail = vanished = None
    if not combos and grads:        # every joint reading reads one gradient name as two values: none makes it hold
        first_fail = ("fail", {"why": "no reading of its gradient names keeps each name one value (each reading "
                                      "tried reads a name two ways), so none makes the row hold"})
    all_vanish = bool(combos)
    started = time.perf_counter()
    for combo in combos:
        if time.perf_counter() - started > seconds:
            break
        readings = dict(zip(grads, combo))
        verdict = check_links(parts, rels, ev, readings)
        if verdict is True:
            _remember(readings, fixed, _decisive_jacobians(parts, rels, ev, readings, dict(zip(grads, choices))))
            remember_gate_class(readings, fixed, ev)
            step = any(is_step(x) for x in combo)
            return RowResult(eq.line, eq.column, eq.text, "pass", True, "step" if step else "total",
                             why=reading_text(readings))
        if verdict[0] == "vanish":      # holds only as 0 = 0 in a written term: no evidence (vanish.py)
            vanished = vanished or verdict
            continue
        all_vanish = all_vanish and verdict[1].get("why") == VANISHING_SIDES
        if first_fail is None:
            first_fail = verdict
    if vanished is not None:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why="the row holds only under a reading that makes a written gradient vanish ("
                             f"{vanished[1]['why']}); under every other reading tried it does not hold")
    kind, info = first_fail if first_fail else ("fail", {})
    if kind == "unreadable":
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=info.get("why", ""))
    if info.get("why") == VANISHING_SIDES and all_vanish:
        # both sides zero under every reading tried: the loss reaches nothing the row reads, no evidence either way
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why="both sides vanish under every reading tried (the loss reaches none of the gradients the "
                             "row reads), so the row is not tested")
    recursion = "left" in info and weight_recursion(parts, rels, ev)    # \partial h_t/\partial W = \partial h_t/\partial W + ...
    if recursion:           # the recursion's own reading: left total, its copy on the right immediate
        for combo in recursion_readings(grads, choices, MAX_READINGS):
            readings = dict(zip(grads, combo))
            verdict = check_links(parts, rels, ev, readings)
            if verdict is True:
                return RowResult(eq.line, eq.column, eq.text, "pass", True, "total", why=RECURSION_NOTE)
            if verdict[0] == "unreadable":
                return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=recursion)
            kind, info = verdict
            info = dict(info, why=f"{info.get('why', '')} (also with the left Jacobian by the weight the total one, its "
                                  f"copy on the right the immediate one)")
        if not recursion_readings(grads, choices, 1):
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=recursion)
    r = RowResult(eq.line, eq.column, eq.text, "fail", False, why=info.get("why", ""))
    if self_reference(grads, rels):
        r.why = "; ".join(x for x in (r.why, "the left side's gradient is written again on the right (as written, "
                                             "the other terms must vanish)") if x)
    if "left" in info:
        r.step, r.correct, r.claimed = info["tau"], info["left"], info["right"]
        if np.shape(info["left"]) == np.shape(info["right"]):
            r.difference = np.asarray(info["right"]) - np.asarray(info["left"])
    if not re.search(r"\\right\s*\|", eq.text.split("=")[0]):       # (\left.\frac{..}{..}\right|_{future}: a part)
        r.correct_latex = _correct_side(parts[0], ev)
    return r


class CodeReadings(dict):
    """The readings of a code fence's gradient names (``ev.file_readings``): a code variable holds one value, so
    its plain d-names (``di``) are read as the file first read them too, in every row after (``di = g * dc``,
    the gate's gradient, is not the pre-activation's in ``dW_i += np.outer(di, x)``)."""
    code = True


def _name_of(g, fixed=None):
    """A gradient symbol as written, wherever it stands (left or right side); None for a name the file may read
    differently row by row: one with no word or label (dh, \\partial C/\\partial h_l^{(t)}: the author may write a
    total's parts under its own name; not in code, where a variable holds one value: CodeReadings), a Jacobian or
    a function's derivative (not a gradient of the loss). A lone \\delta_t (no quantity written) is one symbol the
    author defines once: the row stating it fixes it."""
    if not (g.word or g.named or getattr(fixed, "code", False) or g.style == "lone") or \
            g.style in ("jacobian", "function"):
        return None
    return (g.key, g.time_text, g.word, g.named, g.style)


def _as_read_before(g, cands, fixed):
    r"""The readings tried for a gradient symbol on the right side: the one the file has read it under so far
    (its row on the left, else its first use that held), when that is a candidate. ``dh_{old2}`` defined as one
    path into h_{t-1} is that path in ``dh_{next} = dh_{old1} + dh_{old2}``; ``dc_{next}`` read as what reaches
    c_t through one step is not the total in a later row. A left side is read afresh (a name redefined)."""
    if fixed is not None and g.lhs and g.style == "jacobian" and fixed.get(("jacobian", g.key, g.text)) in cands:
        # \partial h_t/\partial w = ... after a row that stated \partial h_t/\partial w as the total (every path,
        # decisively): the same total, not the direct dependence at its step (under which a row with its
        # recursive term dropped holds). On a right side texts use one symbol both ways (Pascanu et al.)
        return [fixed[("jacobian", g.key, g.text)]]
    if fixed is None or g.lhs:
        return cands
    name = _name_of(g, fixed)
    r = fixed.get(name) if name is not None else None
    # dh_prev held as the gradient through some uses (a partial sum, partials.py) is that sum where a later row
    # adds the rest (dh_next = dh_prev + d_concat[:, :H]), though a right side is not offered paths
    return [r] if r is not None and (r in cands or r[0] == "path") else cands


def _decisive_jacobians(parts, rels, ev, readings, choices) -> set:
    """The Jacobians by a weight on the left of a row that holds as the total, whose other reading (the direct
    dependence) makes the row fail: the row states the total, and a later row stating the symbol again means it."""
    out = set()
    for g, r in readings.items():
        if g.style != "jacobian" or not g.lhs or r != ("total",) or ("direct",) not in choices.get(g, ()):
            continue
        if check_links(parts, rels, ev, dict(readings) | {g: ("direct",)}) is not True:
            out.add((g.key, g.text))
    return out


def _remember(readings, fixed, jacobians=()):
    """Record the readings of a row that holds (:func:`_as_read_before`): a left side's reading replaces the one
    recorded, a right side's is kept when the name has none yet; a Jacobian by a weight that the row reads as the
    total decisively (``jacobians``) is the total in the rows after it."""
    if fixed is None:
        return
    for key, text in jacobians:       # (its key, its numerator as written: \partial s_3 is not \partial s_k)
        fixed[("jacobian", key, text)] = ("total",)
    for g, r in readings.items():
        name = _name_of(g, fixed)
        if name is None:
            continue
        if g.lhs:
            fixed[name] = r
        elif g.style != "lone":     # (a lone \delta_t is what the row defining it says: \delta_t = ... on its left)
            fixed.setdefault(name, r)


def _accumulation_start(lhs, ev) -> str:
    r"""``\delta h_T = 0`` where a row of the derivation accumulates \delta h_t (``+=``): the accumulator's
    start, what reaches h_T from beyond the last step T, which is zero. The reason, or "" for any other row."""
    target = gradient_target(lhs, ev)
    if target is None or target[0] not in getattr(ev, "accumulated_anywhere", ()) or lhs[3][0] != "sym":
        return ""
    try:
        ref = resolve(lhs[3], ev.vocab)
    except NotReadable:
        return ""
    if ref.time != ("sym", "T", None, None, None, 0) or ref.word or ref.transpose or ref.power is not None:
        return ""
    name = key_latex(target[0])
    return (f"the start of the accumulation of the gradient of {name} (a row adds to it with +=): what reaches "
            f"{name}_T from beyond the last step T, zero")


def _is_gate(name, primes, ev) -> bool:
    """A listed subscript (W_{i,f,o,c}) that names a quantity of the cell (i_t, c'_t)."""
    try:
        key = resolve(("sym", name, None, None, None, primes or 0), ev.vocab).key
    except NotReadable:
        return False
    return key in ev.vocab.quantities or ("hat:" + key) in ev.vocab.quantities


def _judge_gates(listed, eq, ev, strict, seconds) -> RowResult:
    """A row written for several gates (:mod:`.gatelists`): it holds when the row of every gate holds; the
    first gate whose row fails (else is unreadable) is named."""
    labels, trees = listed
    ev.in_gate_list = True
    try:
        results = [_judge_row(t, eq, ev, strict, seconds) for t in trees]
    finally:
        ev.in_gate_list = False
    which = "gate" if len(trees) > 1 else "gates"
    for status in ("fail", "unreadable"):
        for label, r in zip(labels, results):
            if r.status == status:
                r.why = f"one row for several gates ({', '.join(labels)}), the row of {which} {label}: {r.why}".rstrip(": ")
                return r
    r = results[0]
    r.reading = "step" if any(x.reading == "step" for x in results) else r.reading
    whys = sorted({x.why for x in results if x.why})
    r.why = f"one row for several gates, read as one row per gate ({', '.join(labels)})" + \
        ("; " + "; ".join(whys) if whys else "")
    return r


def _correct_side(part, ev):
    """The correct right side in the author's notation (a gradient of a quantity: through its readers)."""
    from .correct import correct_latex
    target = _gradient_ref(part, ev)
    if target is None:
        return None
    ref, style = target
    key = ref.key
    if _left_time(ref, ev) != 0 or _step_loss(part):
        return None         # da_{prev}, \delta h_{t-1}, \partial L_t/\partial W: the formulas below are the total
        #                     loss's gradients at the row's own step
    if key in ev.vocab.params and key not in ev.vocab.quantities:
        from .correct import param_latex
        return param_latex(ev, key, style=style)
    if key not in ev.vocab.quantities:
        return None
    key = ev.vocab.aliases.get(key, key)
    own = None
    if style == "d" and key in ev.vocab.preacts and not _recurrent(ev, key):
        from .correct import _name
        own = _name(ev, key, 0, style)      # dh_o, d\Gamma_o: the pre-activation's gradient (a state's da is its own)
        key = ev.vocab.preacts[key][1]
    product = getattr(ev, "product_sign", r"\odot")
    latex = correct_latex(ev, key, style=style, product=product)
    if own is not None and latex is not None and re.search(re.escape(own) + r"(?![\w{])", latex):
        return None         # do_t = do_t \odot o_t (1 - o_t): through a name the left side gives another meaning
    return _loss_letter(latex, part)


def _left_time(r, ev):
    """The step offset of the gradient a left side names (its Ref ``r``): 0 at the row's step, 1 for ``_{prev}`` or
    ``t-1``, -1 for ``_{next}``, None where it cannot be told."""
    from .correct import _shift, _time_node
    time = _time_node(r)
    letters = {n[1] for n in walk(time) if n[0] == "sym"} if time is not None else {"t"}
    if letters != {"t"} or ev.vocab.time_var != "t":
        return None         # h_T, h_1, a^{<\tau>}: another step than the one the formula is written at
    return -1 if r.word in ("next", "new") else _shift(r)


def _step_loss(part) -> bool:
    r"""Whether a left side's loss carries scripts: ``\partial L_t``, ``\partial \mathcal{E}_3``, ``J^{<\tau>}`` (one
    step's loss, not the total the correct side is written for)."""
    loss = _loss_node(part)
    while loss is not None and loss[0] == "paren":
        loss = loss[2]
    return loss is not None and loss[0] == "sym" and (loss[3] is not None or loss[4] is not None)


def _loss_node(part):
    r"""The loss a left side differentiates: L of ``\frac{\partial L}{\partial q}`` or ``\nabla_q L``, else None."""
    return part[1][3] if part[0] == "frac" and part[1][0] == "pre" else \
        part[3] if part[0] == "pre" and part[1] == "nabla" else None


def _recurrent(ev, key) -> bool:
    """Whether the cell reads ``key`` at the step before (a state: h, c, a), whose d-name is its own gradient."""
    from .correct import _reads
    return any(_reads(ev, d, key, 1) for d in ev.model.defs)


def _loss_letter(latex, part):
    r"""The correct side written with the author's letter for the loss: ``\frac{\partial J}{\partial c_{t+1}}``
    where the left side is ``\frac{\partial J}{\partial c_t}`` (the builder writes L)."""
    loss = _loss_node(part)
    if latex is None or loss is None or loss[0] != "sym" or loss[3] is not None or loss[4] is not None or \
            loss[1] == "L" or len(loss[1]) != 1 and loss[1] not in ("ell", "mathcal"):
        return latex
    from ..numeric.numadjoint import tree_latex
    letter = tree_latex(loss)
    return re.sub(r"(\\partial |\} )L(?=[_}\s]|$)", lambda m: m.group(1) + letter, latex)


def gradient_target(part, ev):
    r"""(key, style) of the gradient a left side names: \delta h_t, dh_t, \frac{\partial L}{\partial h_t}, \nabla_h L."""
    target = _gradient_ref(part, ev)
    return None if target is None else (target[0].key, target[1])


def _gradient_ref(part, ev):
    """(the resolved Ref, style) of the quantity whose gradient a left side names, else None."""
    try:
        if part[0] == "pre" and part[1] in ("delta", "d") and part[3][0] == "sym":
            return resolve(part[3], ev.vocab), "delta" if part[1] == "delta" else "d"
        if part[0] == "pre" and part[1] == "nabla" and part[2] and part[2][0][0] == "sym":
            return resolve(part[2][0], ev.vocab), "nabla"
        if part[0] == "frac" and part[2][0] == "pre" and part[2][3][0] == "sym" and loss_frac(part, ev):
            return resolve(part[2][3], ev.vocab), "frac"
        if part[0] == "sym" and gradient_split(part[1]) is not None:
            g = gradient_split(part[1])
            return resolve(("sym", g[1], part[2], part[3], part[4], part[5]), ev.vocab), "d"
    except NotReadable:
        return None
    return None
    return None
