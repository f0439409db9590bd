"""Check a row's links (``a = b = c``) under one reading of its gradient symbols, at every step of the runs.

A reading says what a gradient symbol means (the total gradient, or a step reading: a parameter's
contribution of step t, what reaches a state through one step, ...). A link holds when both sides agree at
every step, within :data:`~symlstm.verify.report.TOLERANCE`; bounds (``\\leq``) hold at every point.
"""
from __future__ import annotations

import re

import itertools

import numpy as np

from ...latex.notation import LOSS_NAMES, TIME_WORDS
from ..text.names import IllTyped
from ..numeric.baretime import fused_time
from ..numeric.digitnames import DigitSlip
from ..text.latexparse import LatexError
from ..text.prosescope import scope_steps
from ..text.names import NotReadable, Undefined, gradient_split, key_latex, resolve
from ..numeric.numbase import Ctx, EmptySum
from ..numeric import vanish
from ..numeric.elision import NO_ROOM
from .report import GUESSED_CELL, MAX_READINGS, TOLERANCE
from .equalcounts import counted_links
from ..text.trees import nodes, summed_letters, walk
from .orientation import as_vectors, layer_below

__all__ = ['STEP_READINGS', 'check_links', 'generic_stem', 'conflates', 'dummy_copy', 'ev_time_var', 'eval_parts', 'ill_typed_link', 'is_step', 'loss_frac', 'numerator_chains', 'reading_text']


#: Readings that are one step's part of a total (reported as "step"; --strict refuses them).
STEP_READINGS = ("at", "atnext", "next", "back", "backpath", "same", "path", "direct")


def conflates(readings) -> bool:
    """Readings that make the left side's gradient and a differently written one on the right the same value:
    ``dh = dh_{next}`` (code, step implicit) or ``\\delta h_t = \\delta h_{next}`` with both read as the total, or
    both as what step t+1 sends back; a row would say X = X, so such readings are not tried."""
    def offset(g):
        if g.word:
            return TIME_WORDS.get(g.word)
        # \delta h_t beside \delta h_{next} (next: the current step): one quantity, written two ways
        return 0 if not g.time_text or g.time_text == ev_time_var(readings) else None
    left = [g for g in readings if g.lhs]
    same = [(g0, g1) for g0 in left for g1 in readings if not g1.lhs and g0.key == g1.key and g0.word != g1.word
            and not g0.named and not g1.named and offset(g0) is not None and offset(g0) == offset(g1)]
    # dh = ... + dh_{next}: the name its word marks as a part is not the whole while the plain one is a part (not
    # where the plain one is read as what step t sends back to the step before: dh = (1 - z) * dh_{next}, a
    # CS231n step's first path into h_{t-1}, is another step's quantity)
    return any(readings[g0] == readings[g1] or (g1.word and not g0.word and is_step(readings[g0]) and
                                                readings[g0][0] not in ("back", "backpath") and
                                                readings[g1] == ("total",)) for g0, g1 in same)


def is_step(reading) -> bool:
    return reading[-1] in STEP_READINGS or reading[0] in STEP_READINGS


def ev_time_var(readings) -> str:
    return "t"


#: Why a reading is not evidence that a row holds: both of its sides are zero under it.
VANISHING_SIDES = "both sides vanish under this reading"


def reading_text(readings):
    out = []
    for g, r in readings.items():
        body = key_latex(g.key)
        suffix = g.word or (g.time_text if g.time_text not in ("", ev_time_var(readings)) else "")
        name = "d" + (f"{{{body}}}_{{{suffix}}}" if suffix and "_" in body else f"{body}_{{{suffix}}}" if suffix
                      else body)
        if r[-1] == "at" and not g.lhs and g.time_text and not g.word:
            # \sum_t \partial J/\partial W^t: the gradient by step t's copy of W (summed, the total)
            out.append(f"{name}^{{{g.time_text}}}: step {g.time_text}'s contribution (by its copy of {body})")
        elif r[-1] == "at":
            out.append(f"{name}: step t's contribution")
        elif r[-1] == "atnext":
            out.append(f"{name}: step t+1's contribution, added at step t (over the loop the same sum, as Greff et "
                       f"al. write \\delta R = \\sum_t \\delta z^{{t+1}} y^t)")
        elif r[-1] == "back" and not g.word:
            out.append(f"{name}: what step t sends back to {body} at t-1 (what reaches it through one step)")
        elif r[-1] in ("next", "back"):
            out.append(f"{name}: what reaches it through one step")
        elif r[-1] == "ahead":
            out.append(f"{name}: the gradient of {body} at step t+1 (kept from the step after)")
        elif r[-1] == "head" and g.lhs:
            out.append(f"{name}: the increment is its loss term (what reaches it from the loss directly)")
        elif r[-1] == "same":
            out.append(f"{name}: what reaches it within its step")
        elif r[0] == "path" and g.named.startswith("path:"):      # d h^{(update)} (numeric/pathlabels.py)
            out.append(f"{name}: the part through the equation of {key_latex(g.named[5:])}")
        elif r[0] == "path" and g.named.startswith("steps:"):     # \delta c_t^{next} (numeric/pathlabels.py)
            later = g.named[6:].split("/")[0] in ("next", "future", "rec", "recurrent", "recurrence", "later")
            out.append(f"{name}: the part from its uses at the later steps" if later else
                       f"{name}: the part from its uses at its own step")
        elif r[0] == "path":
            out.append(f"{name}: the gradient through some of its uses")
        elif r[0] == "backpath":
            out.append(f"{name}: what step t sends back to {body} at t-1 through some of its uses")
        if r[0] == "pre":
            out.append(f"{name}: the gradient of its pre-activation")
        if r[0] == "steps":         # beside Loss = 1/T \sum_t loss_t (numeric/totalloss.py)
            out.append(f"{name}: the gradient of the steps' losses summed (not of the stated total)")
        if g.style == "function" and r[0] == "total":
            out.append("a derivative of a function's value through every path")
        if g.style == "bar" and r[0] == "adjoint":
            out.append(r"\bar{q}: the adjoint dL/dq")
        if g.style == "jacobian" and r[0] == "direct":
            out.append("a Jacobian by a weight as the direct dependence at its step")
        if g.style == "jacobian" and r[0] == "chain":
            out.append("a Jacobian across steps as the product of the one-step partials of its quantity's own row")
        if g.style == "jacobian" and r[0] == "partial":
            out.append("a Jacobian of a chain-rule term as the partial derivative of its numerator's own row")
        if g.style == "lone":
            out.append(f"\\delta without a quantity: the gradient of {'the pre-activation of ' if r[0] == 'pre' else ''}"
                       f"{body}, the cell's recurrent state")
    return "; ".join(dict.fromkeys(out))


def eval_parts(parts, rels, ev, tau, readings, seen, extra=None, only=None):
    ev.cur_tau = tau
    ev.accumulating = bool(rels) and rels[0] in ("+=", "-=")
    ev.sides = {id(p) for p in parts}      # a whole side ([a, b]^T: a column written as a row)
    vals = []
    env = ev.env(tau)
    env.update(extra or {})
    for k, p in enumerate(parts):
        if only is not None and k not in only:
            continue
        ctx = Ctx(tau, ev.model.base, None, "", dict(env), readings=readings, seen=seen, lhs=(k == 0))
        if rels and rels[0] in ("+=", "-=") and k == 0:
            ctx.lhs = True
        loss = None
        if getattr(ev.model, "loss_def", None) is not None and p[0] == "sym":
            from ..numeric.lossvalue import loss_part_value
            loss = loss_part_value(p, ev, ctx)          # L = \sum_t L_t: the loss's name as a side
        vals.append(ev.value(p, ctx) if loss is None else loss)
    if getattr(ev.model, "loss_def", None) is not None:     # L = -\sum_t y_t \log \hat{y}_t (numeric/lossvalue.py)
        from ..numeric.lossvalue import summed_like_loss
        vals = summed_like_loss(parts, vals, [k for k in range(len(parts)) if only is None or k in only], ev)
    return vals


#: What an IllTyped says of a time outside the steps the run computes (a step skipped, not a misuse of shapes).
_RUN_EDGE = ("outside the run", "step 0", "not computed yet", "at step -", NO_ROOM)


def _points(ev):
    """The steps (and the values of a step letter written as a superscript) a row is checked at."""
    if getattr(ev, "only_points", None) is not None:     # one step at a time (equalcounts.py)
        return ev.only_points
    model = ev.model
    points = [(tau, {}) for tau in range(model.T if getattr(model, "last_only", False) else model.first_step,
                                         model.T + 1)]       # t the last step (currentstep.py)
    if getattr(model, "unrolled", 0) and getattr(ev, "row_step", None):     # dU_{t1}: at its step (unrolledrows.py)
        points = [(ev.row_step, {})]
    steps = scope_steps(getattr(ev, "row_scope", ""), model.T)
    if steps:           # a row the prose gives for the last / first / other steps (text/prosescope.py)
        points = [p for p in points if p[0] in steps] or [(tau, {}) for tau in sorted(steps) if 1 <= tau <= model.T]
    if getattr(ev, "extra_times", ()):
        letter = ev.extra_times[0]
        low = 0 if letter not in getattr(ev, "sup_times", ()) else 1 - min(ev.sup_times[letter])
        # a step k written as a superscript, s^{(k-1)}: only the steps the run computes (the initial states
        # before step 1 are given, no forward row relates them)
        points = [(tau, {letter: k}) for tau in range(1, model.T + 1) for k in range(max(0, low), tau + 1)]
    if getattr(ev, "free_components", ()):      # W_{ij} = ...: at every entry (entrywise.py)
        from .entrywise import entry_points
        points = entry_points(points, ev.free_components, model.h)
    return points


def ill_typed_link(parts, rels, ev):
    """In a row one of whose links cannot be read: the first side whose written products and sums have shapes
    that do not fit, or whose size is not the left side's, under every reading of its gradient symbols
    ("link k: ..."; "the left side: ..."), else "". A name never defined (Undefined) or a time outside the run
    is not ill-typed; a side with a part it cannot read is not either (that part might be what makes it fit)."""
    equal = all(r in ("=", "+=", "-=") for r in rels)
    for k in range(len(parts)):
        why = _ill_typed_side(parts, rels, ev, (k,))
        if not why and k and equal:
            why = _ill_typed_side(parts, rels, ev, (0, k))
        if why:
            return f"link {k}: {why}" if k else f"the left side: {why}"
    return ""


def _ill_typed_side(parts, rels, ev, sides):
    """The reason side ``sides[-1]`` is ill-typed (against the left side ``0`` when ``sides`` holds both) under
    every reading of their gradient symbols at some point of the run; "" when one reading fits."""
    points = _points(ev)
    seen = {}
    for tau, extra in points:
        try:
            eval_parts(parts, rels, ev, tau, {}, seen, extra, only=sides)
        except (IllTyped, NotReadable, LatexError, ValueError, ArithmeticError, IndexError, KeyError,
                TypeError):
            pass
    grads = list(seen)
    combos = list(itertools.islice(itertools.product(*[seen[g] for g in grads]), MAX_READINGS + 1))
    if not combos or len(combos) > MAX_READINGS:
        return ""
    why = None
    for combo in combos:
        msg = None
        for tau, extra in points:
            try:
                vals = eval_parts(parts, rels, ev, tau, dict(zip(grads, combo)), {}, extra, only=sides)
            except Undefined:
                break
            except NotReadable:
                break
            except IllTyped as e:
                if any(s in str(e) for s in _RUN_EDGE):
                    continue
                msg = str(e)
                break
            except (LatexError, ValueError, ArithmeticError, IndexError, KeyError, TypeError):
                break
            if len(vals) == 2 and all(isinstance(v, np.ndarray) and v.dtype != object for v in vals):
                a, b = vals
                if a.size != b.size and not _same(a, b)[0] and _block_of(parts[0], a, b, ev, tau) is None:
                    msg = (f"the left side is {'x'.join(map(str, a.shape))} but this side is "
                           f"{'x'.join(map(str, b.shape))}")
                    break
        if msg is None:
            return ""
        why = why or msg
    return why or ""


def _number_as_vector(parts, k, rel, a, b):
    """A side written as a lone number beside a vector side (``tanh^2(z) + sech^2(z) = 1``): that number in every
    entry (an element-wise identity); matrices and other sides are left as they are."""
    def vector(v):
        return isinstance(v, np.ndarray) and v.ndim == 2 and min(v.shape) == 1 and v.size > 1

    def number(v):
        return isinstance(v, np.ndarray) and v.size == 1
    if rel in ("+=", "-="):
        return a, b
    if parts[k + 1][0] == "num" and vector(a) and number(b):
        return a, np.full(a.shape, b.reshape(-1)[0])
    if parts[k][0] == "num" and vector(b) and number(a):
        return np.full(b.shape, a.reshape(-1)[0]), b
    return a, b


def generic_stem(key, parts, vocab) -> bool:
    r"""``\frac{\partial E}{\partial W}`` where the rows define only labelled weights W_{hh}, W_{hx} (W^{(hh)}):
    an unlabelled one-letter stem of several defined parameters, differentiated by: the text's generic weight
    (vanishing-gradient notes), not a misspelt name."""
    if "_" in key or len(key) != 1 or not key.isupper():
        return False
    if sum(str(p).partition("_")[0] == key for p in vocab.params) < 2:
        return False
    for part in parts:
        for n in walk(part):
            if n[0] == "frac" and n[2][0] == "pre" and n[2][3] is not None and n[2][3][0] == "sym" and \
                    n[2][3][1] == key and not n[2][3][3]:
                return True
    return False


def check_links(parts, rels, ev, readings):
    if getattr(ev, "count_search", False) and getattr(ev, "only_points", None) is None:
        return counted_links(check_links, _points(ev), parts, rels, ev, readings)   # W W W \cdots (equalcounts.py)
    checked = 0
    nonzero = not any(r[-1] != "total" for r in readings.values())
    points = _points(ev)
    free = _free_letters(parts, ev)
    seen = {}
    vanish.start(ev)
    for tau, extra in points:
        try:
            vals = eval_parts(parts, rels, ev, tau, readings, seen, extra)
        except IllTyped as e:
            msg = str(e)
            if any(s in msg for s in _RUN_EDGE):
                continue
            other = _other_form(e, parts, ev)          # [W_{fh}\;W_{fx}] [h; x], W_f [h, x]: another form (otherform.py)
            if other:
                return ("unreadable", {"why": f"{msg}: {other}"})
            if isinstance(e, DigitSlip):       # dh_1 for the run-on dh1 (numeric/digitnames.py)
                return ("fail", {"why": msg})
            if isinstance(e, Undefined) and fused_time(e.key, ev.vocab):       # Ct for C_t (baretime.py)
                return ("fail", {"why": f"{msg} ({fused_time(e.key, ev.vocab)} written without its underscore?)"})
            if isinstance(e, Undefined) and e.key.rpartition(":")[2].count("_") >= 2 and \
                    getattr(ev.vocab, "comp", None):
                # \hat{y}_{t_l} beside entries V_{lm}: a step's name with a component written under its subscript
                # (Einstein's notation), which the names do not read; not read, never failed
                return ("unreadable", {"why": f"{msg}: a subscript inside a subscript is not read"})
            if isinstance(e, Undefined) and not ev.vocab.family_known(e.key, written=False) and \
                    not any(str(d).partition("_")[0] == e.key.partition("_")[0] for d in ev.derived):
                twin = misspelt_derived(e.key, ev)
                if twin:           # \sigma_1 beside the \delta_1 the rows define: the author's slip, it fails
                    return ("fail", {"why": f"{msg} ({key_latex(twin)}, which the rows define, is meant?)"})
                return ("unreadable", {"why": msg})     # (e_0 beside e_h, e_o that rows define: a misuse, fails)
            if isinstance(e, Undefined) and layer_below(e.key, parts):
                return ("unreadable", {"why": f"{msg}: {layer_below(e.key, parts)} is a quantity of another layer, "
                                               f"but the rows define a cell of one layer (no row states how layers "
                                               f"connect)"})
            if isinstance(e, Undefined) and generic_stem(e.key, parts, ev.vocab):
                return ("unreadable", {"why": f"{msg}: \\partial/\\partial {key_latex(e.key)} names the weights "
                                               f"{key_latex(e.key)} generically (the rows define only labelled "
                                               f"ones); which weight is meant is not read"})
            if isinstance(e, Undefined) and (foreign := foreign_label(e.key, ev.vocab)):
                return ("unreadable", {"why": f"{msg}: its label {foreign} names nothing the "
                                               f"rows define (a layer they do not state, such as an output layer), "
                                               f"so it is no misuse of a label they give; not read"})
            if isinstance(e, Undefined) and dummy_copy(e.key, ev.vocab):
                return ("unreadable", {"why": f"{msg}: {key_latex(e.key.partition('_')[0])} is never labelled in "
                                               f"the forward rows; a labelled copy (a dummy variable named in "
                                               f"prose) is not read"})
            return ("fail", {"why": msg})
        except NotReadable as e:        # \ldots, a component letter that may be a step: the reader's limit
            return ("unreadable", {"why": str(e)})
        nonzero = nonzero or bool(np.any(np.abs(vals[0]) > 1e-12)) if isinstance(vals[0], np.ndarray) else nonzero
        for k, rel in enumerate(rels):
            a, b = vals[0] if rel in ("+=", "-=") else vals[k], vals[k + 1]
            if isinstance(b, EmptySum) and isinstance(a, np.ndarray) and not isinstance(a, EmptySum):
                b = np.zeros_like(a)        # (\partial a_{t+1}/\partial h_t)^T \delta_{t+1} at t = T: no path (numgrad)
            elif isinstance(a, EmptySum) and isinstance(b, np.ndarray) and not isinstance(b, EmptySum):
                a = np.zeros_like(b)
            if rel == "-=":
                b = -b
            for side, other in ((k + 1, "b"), (0 if rel in ("+=", "-=") else k, "a")):
                if _zero_side(parts[side]) and np.ndim(a) == np.ndim(b) == 2:    # f_T = \mathbf{0}: a zero of
                    a, b = (a, np.zeros_like(a)) if other == "b" else (np.zeros_like(b), b)     # the other's shape
                    break
            if np.shape(a) != np.shape(b) and k == 0 and not ev.slices:
                block = _block_of(parts[0], a, b, ev, tau)
                if block is not None and GUESSED_CELL.get():
                    return ("unreadable", {"why": "it holds only for the block of its right side that acts on the "
                                                  "left side's quantity, in weights on a concatenation the text does "
                                                  "not state (the built-in cell's, guessed from its names): not read"})
                b = block if block is not None else b
            if getattr(ev, "numerator_chains", False) and loss_frac(parts[0], ev) and rel == "=":
                # \frac{\partial J}{\partial h} = (p - y) W: the Jacobian of J, a row, as chains write it (any link)
                a, b = (_as_left(x, vals[0]) for x in (a, b))
            elif getattr(ev, "numerator_chains", False) and k == 0 and _from_loss(parts[1], ev):
                # dy \leftarrow \frac{\partial Loss}{\partial p}\frac{\partial p}{\partial y}: the chain gives the
                # loss's gradient as the row a Jacobian is; the name on the left holds it as the code's column
                b = as_vectors(a, b)
            if getattr(ev, "unoriented_vectors", False) or free - set(extra or ()) or getattr(ev.vocab, "code", False):
                b = as_vectors(a, b)       # \delta_{t-1} = \delta_{o,t}^T W_{oh}: one vector (orientation.py)
                # (numpy code's 1-D arrays have no orientation: delta[t] = delta[t+1] @ R is the vector delta_t)
                # (and a row about the entries z_i, i free: each side is the vector over i, however it is laid out)
            a, b = _number_as_vector(parts, k, rel, a, b)     # tanh^2(z) + sech^2(z) = 1: 1 in every entry
            ok, why = _bound(a, b, rel) if rel in ("<=", ">=", "<", ">") else _same(a, b)
            if not ok:
                if getattr(ev, "free_components", ()):      # entry by entry (entrywise.py): which entry
                    why += " at the entry " + ", ".join(f"{x} = {extra[x]}" for x in ev.free_components if x in extra)
                return ("fail", {"why": why, "tau": tau, "left": a, "right": b})
        checked += 1
    if checked == 0 and len(parts) == 2 and _zero_side(parts[1]) and _after_last(parts[0], ev.vocab):
        # \delta h_{T+1} := 0: nothing after the last step reaches the loss, the recursion's start
        return True
    if checked == 0:
        return ("fail", {"why": "no step of the run gives every time in this equation a value"})
    if not nonzero:
        return ("fail", {"why": VANISHING_SIDES})
    zero = vanish.vanished(ev, readings, seen)
    if zero:        # a written symbol zero under its reading: the terms it multiplies are untested (vanish.py)
        return ("vanish", {"why": f"{reading_text({g: readings[g] for g in zero})}: zero at every tested point "
                                  f"under this reading, so the terms it stands in are never tested"})
    return True


def _free_letters(parts, ev) -> set:
    r"""The component letters a row writes free on every side, bound by no sum and no component letter of the
    file (``\frac{\partial E}{\partial \bm{s}} \frac{\partial \bm{s}}{\partial z_i} = \sum_k ... f'(z_i)``): at
    a point that gives them no value, each side is the vector over them."""
    free = []
    for p in parts:
        letters = set()
        for n in walk(p):
            if n[0] == "sym" and n[3]:
                try:
                    letters |= set(resolve(n, ev.vocab).index)
                except NotReadable:
                    continue
        free.append(letters - set(summed_letters(p)))
    common = set.intersection(*free) if free else set()
    return common - set(ev.vocab.comp)


def _as_left(x, left):
    """``x`` as a column where the left side is a column gradient and ``x`` the same vector written as a row."""
    if isinstance(x, np.ndarray) and isinstance(left, np.ndarray) and left.ndim == 2 and left.shape[1] == 1 and \
            left.shape[0] > 1 and x.shape == (1, left.shape[0]):
        return x.T
    return x


def misspelt_derived(key, ev):
    r"""A name the derivation defines that differs from the undefined ``key`` only in its base letter, with the
    same label (``\sigma_1`` for ``\delta_1``), else None."""
    base, _, label = str(key).partition("_")
    if not label or not _GREEK.match(base):
        return None
    return next((d for d in ev.derived if str(d).partition("_")[2] == label and str(d).partition("_")[0] != base
                 and _GREEK.match(str(d).partition("_")[0])), None)


#: Greek letters written as commands (\sigma, \delta): one taken for another is a slip of the pen.
_GREEK = re.compile(r"^(alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|"
                    r"sigma|tau|upsilon|phi|varphi|chi|psi|omega)$")


def _other_form(e, parts, ev) -> str:
    from .otherform import reversed_weight
    if isinstance(e, Undefined):
        if e.key in getattr(ev, "restated_names", {}):     # h_t = tanh(W [h; x]): W named here (restatedweights.py)
            return ev.restated_names[e.key]
        if e.key in getattr(ev, "block_names", ()):
            return (f"{key_latex(e.key)} is a block of a block row of names no forward row defines (a weight of "
                    f"another form of the cell); which weight it is is not read")
        return ""
    return reversed_weight(parts, ev.model, ev.vocab)


def _after_last(part, vocab) -> bool:
    """A side written at a step after the last (``\\delta^h_{T+1}``, ``dh_{T+1}``): a time script T + k, k >= 1."""
    last = ("T", "tau") + tuple(vocab.steps)
    for n in walk(part):
        if n[0] == "sym":
            for it in list(n[3] or ()) + list(n[4] or ()):
                if it[0] == "add" and len(it[1]) == 2 and it[1][0][0] == "+" and it[1][0][1][0] == "sym" and \
                        it[1][0][1][1] in last and it[1][1][0] == "+" and it[1][1][1][0] == "num":
                    return True
    return False


def _zero_side(part) -> bool:
    """A side that is the number 0 alone (``0``, ``\\mathbf{0}``): the zero of the other side's shape."""
    while part[0] == "paren" and part[1] in ("(", "{"):
        part = part[2]
    return part[0] == "num" and part[1] in ("0", "0.0")


def foreign_label(key, vocab) -> str:
    r"""The label of an undefined weight or bias that names nothing of the derivation but an output layer or
    components (``W_{hy}``, ``b_y`` where no row defines y; ``V_{ij}``: HEAD_LABELS, COMPONENT_LETTERS), else "". A label that names
    the rows' own letters or another letter (``W_{fx}``; ``W_f`` in a GRU; ``W_x`` beside the input X_t) may be a
    crossed label, the author's slip: not foreign."""
    from ...latex.notation import COMPONENT_LETTERS, HEAD_LABELS
    base, _, label = key.partition("_")
    if not label or not label.isalpha() or len(label) > 3 or base not in ("W", "U", "V", "w", "b", "B"):
        return ""
    names = vocab.quantities | vocab.static | vocab.params | vocab.inputs | vocab.targets | set(vocab.aliases)
    if label in {str(n).partition("_")[2] for n in names}:
        return ""
    bases = {str(n).partition("_")[0].rpartition(":")[2].lower() for n in names if n not in vocab.params}
    if label.lower() in HEAD_LABELS and label.lower() not in bases:
        return label
    unknown = [c for c in label.lower() if c not in bases]
    return label if len(label) > 1 and unknown and all(c in HEAD_LABELS or c in COMPONENT_LETTERS
                                                       for c in unknown) else ""


def dummy_copy(key, vocab) -> bool:
    r"""s_a, s_b beside a quantity s whose family has no labelled member: a copy of s the text names in prose
    (the dummy variables of BPTT), not a misuse of a label the forward rows give (W_z for W_f)."""
    base, _, label = key.partition("_")
    if not label or base not in vocab.quantities:
        return False
    names = vocab.quantities | vocab.static | vocab.params | vocab.inputs | vocab.targets | set(vocab.aliases)
    return not any(str(n).partition("_")[0] == base and str(n).partition("_")[2] for n in names)


def loss_frac(part, ev) -> bool:
    r"""``\frac{\partial J}{\partial q}``: a derivative of the loss written as a fraction (a Jacobian)."""
    from ..numeric.numbase import _diff
    d = _diff(part[1]) if part[0] == "frac" else None        # \partial J, dE (\frac{dE}{dh^t})
    if d is None or d[1] is None or d[1][0] != "sym":
        return False
    try:
        return resolve(d[1], ev.vocab).key in LOSS_NAMES
    except NotReadable:
        return False


def _from_loss(part, ev) -> bool:
    r"""``\frac{\partial L}{\partial p}\frac{\partial p}{\partial y}``: a chain of Jacobians starting at the loss."""
    return part[0] == "mul" and bool(part[1]) and part[1][0][0] == "frac" and loss_frac(part[1][0], ev)


def numerator_chains(rows, vocab) -> bool:
    r"""Chains of Jacobians written in numerator order from the loss (\frac{\partial J}{\partial p}
    \frac{\partial p}{\partial y} ...): the derivation's derivatives are Jacobians, so the derivative of the
    loss by a vector is a row."""
    from ..numeric.numbase import _diff

    def key(node, bound=()):
        d = _diff(node)             # \partial h, dh^t (\frac{dE}{dh^t}\frac{dh^t}{ds^t}: d-fractions chain too)
        if d is not None and d[1] is not None and d[1][0] == "sym":
            saved = vocab.bound
            vocab.bound = tuple(saved) + tuple(bound)
            try:
                return resolve(d[1], vocab).key
            except NotReadable:
                return None
            finally:
                vocab.bound = saved
        return None

    def first_frac(x):          # \prod_{j} \frac{\partial h_j}{\partial h_{j-1}}: the product's first factor
        bound = []
        while x[0] == "paren" and x[1] == "(" and x[2][0] in ("frac", "big", "mul"):
            x = x[2]                # (\frac{\partial h_t}{\partial h_k}): the fraction in its brackets
            x = x[1][0] if x[0] == "mul" else x
        while x[0] == "big" and x[1] == "prod" and len(x) > 4:
            it = x[2][0] if x[2] else None
            it = it[1] if it is not None and it[0] == "eq" else it
            if it is not None and it[0] == "sym":
                bound.append(it[1])         # (its index a step: h_j is h at step j)
            x = x[4]
            x = x[1][0] if x[0] == "mul" else x
        return x, tuple(bound)

    for n in nodes(rows, "mul"):
        fr = [first_frac(x) for x in n[1]]
        fr = [(x, b) for x, b in fr if x[0] == "frac"]
        for (a, _), (b, bound) in zip(fr, fr[1:]):
            top = key(a[1])
            if top in LOSS_NAMES and key(a[2]) is not None and key(a[2]) == key(b[1], bound):
                return True
    return False


def _bound(a, b, rel):
    """A bound ``a \\leq b`` (element-wise on real parts, within the tolerance) at one point."""
    a, b = np.real(np.asarray(a)), np.real(np.asarray(b))
    if a.size != 1 and b.size != 1 and a.shape != b.shape:
        return False, f"the left side is {'x'.join(map(str, a.shape))} but the right side {'x'.join(map(str, b.shape))}"
    lo, hi = (a, b) if rel in ("<=", "<") else (b, a)
    slack = TOLERANCE * (1.0 + np.abs(hi))
    ok = bool(np.all(lo <= hi + slack))
    return ok, "" if ok else f"the bound does not hold (left side {np.max(a):.4g}, right side {np.min(b):.4g})"


def _block_of(part, a, b, ev, tau):
    r"""W_f^T d\gamma_f for da_{prev} when W_f acts on [a_{prev}, x_t]: the block of the left side's quantity."""
    if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and 1 in a.shape and 1 in b.shape
            and b.size > a.size):
        return None
    key = _target_key(part, ev)
    if key is None:
        return None
    for d in ev.model.defs:
        for n in walk(d.node):
            if n[0] not in ("list", "matrix"):
                continue
            items = n[2] if n[0] == "list" else [r[0] for r in n[1] if len(r) == 1]
            sizes, hit = [], None
            for it in items:
                try:
                    ctx = Ctx(tau, ev.model.base, None, d.keys[0], ev.env(tau))
                    sizes.append(ev.value(it, ctx).size)
                except (IllTyped, NotReadable):
                    sizes = None
                    break
                if it[0] == "sym" and resolve(it, ev.vocab).key == key:
                    hit = len(sizes) - 1
            if sizes is None or hit is None or sum(sizes) != b.size or sizes[hit] != a.size:
                continue
            off = sum(sizes[:hit])
            part_b = b.reshape(-1)[off:off + a.size]
            return part_b.reshape(a.shape)
    return None


def _target_key(part, ev):
    r"""The quantity a gradient on the left names (da_{prev} -> a, \delta h_t -> h)."""
    if part[0] == "pre" and part[3][0] == "sym":
        return resolve(part[3], ev.vocab).key
    if part[0] == "sym":
        g = gradient_split(part[1])
        if g is not None:
            key = resolve(("sym", g[1], part[2], part[3], part[4], part[5]), ev.vocab).key
            return ev.vocab.aliases.get(key, key)
    return None


def _same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    from ..numeric.numprod import _diagonal
    for d, v in ((a, b), (b, a)):           # a diagonal Jacobian written as its diagonal (1 - h_t^2)
        if d.ndim == 2 and v.ndim == 2 and _diagonal(d) and 1 in v.shape and v.size == d.shape[0]:
            a, b = (np.diag(d).reshape(v.shape), v) if d is a else (v, np.diag(d).reshape(v.shape))
            break
    if a.ndim == 3 and b.ndim == 2 and 1 in b.shape and b.size == a.shape[2] and a.shape[0] == a.shape[1]:
        # \frac{\partial z_t}{\partial W} = x_t: the shorthand for dz_{t,i}/dW_{ij} = x_{t,j} (and 0 off row i)
        b = np.einsum("ik,j->ikj", np.eye(a.shape[0]), b.reshape(-1))
    for m, c in ((a, b), (b, a)):            # an empty product (1) and the identity
        if c.shape == (1, 1) and m.ndim == 2 and _diagonal(m) and np.allclose(np.diag(m), c[0, 0]):
            return True, ""
    if a.shape != b.shape:
        if a.size == b.size and 1 in a.shape and 1 in b.shape:
            return False, f"the left side is {a.shape[0]}x{a.shape[1]} but the right side {b.shape[0]}x{b.shape[1]}"
        return False, f"the left side is {'x'.join(map(str, a.shape))} but the right side {'x'.join(map(str, b.shape))}"
    ar, br = np.real(a), np.real(b)
    if not (np.all(np.isfinite(ar)) and np.all(np.isfinite(br))):
        return False, "a side is not finite"
    err = float(np.max(np.abs(ar - br), initial=0.0)) / max(1.0, float(np.max(np.abs(ar), initial=0.0)))
    return err <= TOLERANCE, f"the sides differ (relative error {err:.3g})"
