r"""The author's own cell from the forward rows of a derivation: names, templates, pre-activations, outputs.

:func:`build` finds the rows that define quantities (a name on the left, no derivative anywhere),
instantiates templates (``u_{kt}`` for every gate k the other rows name), folds written-out
pre-activations into names, classifies the other names (parameters, inputs, targets, one-letter
functions) and chooses the loss, then runs the :class:`~symlstm.verify.author.Model`.
"""
from __future__ import annotations

from ...latex.notation import AXIS_FUNCTION_NAMES, FUNCTION_WORDS, GREEK_LETTERS, LOSS_NAMES
from ..numeric.losses import matched_outputs
from ..numeric.author import I as I_DEFAULT, Def, Model
from ..numeric.numbase import _diff
from .namingrows import naming_row
from ..text.names import NotReadable, Vocab, gradient_split, key_latex, keys_in, resolve, sums_over_time
from ..numeric.numeval import Evaluator
from ..text.lhskeys import lhs_keys as _lhs_keys
from .paramstacks import parameter_stacks
from .unitnames import _aliases_by_weight_label, _aliases_of_preact
from .gatefunctions import coefficients as function_coefficients, labelled_functions
from .letterfunctions import capital_functions
from .gradlikedef import function_derivative_value
from ..text.trees import has_derivative as _has_derivative, nodes, number_matrix, number_value, number_vector, symbols, walk
from ..text.rates import descent_step

__all__ = ["build"]

def _time_var(trees) -> str:
    """The time letter: the one the rows write most in time scripts; the forward rows' (no derivative) when they
    write one (a backward pass may differentiate step t's loss at another step k)."""
    forward = [t for t in trees if not any(_has_derivative(p) for p in t[1])]
    letters = [x for x in map(_recurrence_letter, forward) if x]
    letters = [x for x in letters if x not in ("i", "j")] or letters      # i, j only where no other letter recurs
    if letters:         # h_t = f(W h_{t-1} + ...) beside a_k = W h_{k-1} + ...: the recurrence's letter
        return max(dict.fromkeys(letters), key=letters.count)
    if forward and forward is not trees and len(forward) < len(trees):
        mine = _time_var(forward)
        if _time_var_counts(forward):
            return mine
    counts = _time_var_counts(trees)
    for tree in trees:      # n = \tanh(W_n x + U_n (r \odot h) + b_n): n a quantity the rows define, W_n its weight
        lhs = tree[1][0] if len(tree[1]) == 2 else None     # (not n = N, \dots, 1: the steps' range)
        if lhs is not None and lhs[0] == "sym" and lhs[2] is None and lhs[3] is None and lhs[4] is None and \
                tree[1][1][0] in ("mul", "add") and any(n[0] == "sym" and n[1] != n[1].upper()
                                                          for n in walk(tree[1][1])):
            counts.pop(lhs[1], None)
    return max(counts, key=counts.get) if counts else "t"

#: Loss letters that are Greek letters' names (\xi, \varepsilon): in code, also plain variable names (xi).
_GREEK_LOSSES = (frozenset(LOSS_NAMES) & frozenset(GREEK_LETTERS)) - {"ell"}


def _recurrence_letter(tree):
    """The time letter of a row ``h_t = f(... h_{t-1} ...)`` (its left side's name read on the right one step
    before, the letter a plain time letter), else None."""
    if len(tree[1]) != 2 or not tree[2] or tree[2][0] != "=":
        return None
    lhs = tree[1][0]
    if lhs[0] != "sym" or not lhs[3] or len(lhs[3]) != 1 or lhs[4] or lhs[3][0][0] != "sym":
        return None
    letter = lhs[3][0][1]
    if letter not in ("t", "k", "tau", "s", "n", "i", "j") or lhs[3][0][3] is not None:
        return None         # (i, j: component letters elsewhere, the time only where a row recurs in them)
    before = [("add", [("+", ("sym", letter, None, None, None, 0)), ("-", ("num", "1"))])]
    for n in walk(tree[1][1]):
        if n[0] == "sym" and n[1] == lhs[1] and n[2] == lhs[2] and n[3] in (before, [("paren", "{", before[0])]):
            return letter
    return None


def _defined_by_derivatives(rows, vocab) -> set:
    r"""The names rows define through derivatives (``a_t = \partial h_t / \partial w``, ``e_h = \delta E/\delta p``)."""
    out = set()
    for tree in rows:
        if tree is not None and len(tree[1]) == 2 and tree[1][0][0] == "sym" and _has_derivative(tree[1][1]) and \
                not descent_step(tree[1][1]):
            try:
                out.add(resolve(tree[1][0], vocab).key)
            except NotReadable:
                continue
    return out


def _named_jacobians(rows, vocab) -> set:
    r"""Letters of a loss that a row names a Jacobian with (``J_t := \frac{\partial h_t}{\partial h_{t-1}} =
    \mathrm{diag}(\tanh'(z_t)) W_{hh}``: the derivative of a quantity, not of a loss): a later ``J_t = ...`` restates
    it (a claim), and defines no loss."""
    out = set()
    for tree in rows:
        if tree is None or len(tree[1]) < 2 or tree[1][0][0] != "sym" or tree[1][0][1] not in LOSS_NAMES:
            continue
        top = tree[1][1]
        if top[0] != "frac" or top[1][0] != "pre" or top[1][1] not in ("partial", "d") or top[1][3][0] != "sym" or \
                top[1][3][1] in LOSS_NAMES:
            continue
        try:
            out.add(resolve(tree[1][0], vocab).key)
        except NotReadable:
            continue
    return out


def _forward_despite_derivatives(derived, cands, vocab, defined, base_names) -> set:
    r"""Names a row defines through derivatives that stay quantities of the cell: ``h_t = \partial Loss/\partial
    h_t`` (a gradient whose \delta the text dropped) beside ``h_t = o_t * \tanh(C_t)``, where h is read by the
    forward rows of names no derivative defines (o_t = \sigma([x_t, h_{t-1}] W_o + b_o)), or by such kept names;
    the row with the derivative is then a claim about h (it fails). A name only rows outside the recursion read
    (e_h(t) = \delta E/\delta p(t) beside e_h(t) = f'(p(t)) V^T e_o(t)) is no quantity of the cell. ``derived``:
    the names rows define through derivatives."""
    plain = []
    for k, keys, refs, parts, rels in cands:
        used = keys_in(parts[1:], vocab)
        if any(_has_derivative(p) or _reads_future(p, vocab) for p in parts[1:]) or any(
                gradient_split(u) and u not in defined and _grad_like(u, defined, base_names) for u in used):
            continue
        plain.append((set(keys), used))
    kept, changed = set(), True
    while changed:
        changed = False
        for key in {k for keys, _ in plain for k in keys} & derived - kept:
            if any(key in used and key not in keys and (keys - derived or keys <= kept) for keys, used in plain):
                kept.add(key)
                changed = True
    return kept


def _time_var_counts(trees) -> dict:
    counts = {}
    for tree in trees:
        for n in walk(tree):
            if n[0] == "sym":
                for items in (n[3] or [], n[4] or []):
                    for it in items:
                        inner = it[1] if it[0] == "angle" else it[2] if it[0] == "paren" else it
                        if inner[0] == "add":
                            inner = inner[1][0][1]
                        if inner[0] == "sym" and inner[1] in ("t", "k", "tau", "s", "n") and inner[3] is None:
                            counts[inner[1]] = counts.get(inner[1], 0) + 1
                        elif inner[0] == "sym" and len(inner[1]) <= 3 and "t" in inner[1]:
                            counts["t"] = counts.get("t", 0) + 1
    return counts


def _split_products(rows, vocab):
    r"""\boldsymbol{Wh}^{(t-1)} (Goodfellow) is W h^{(t-1)}: a capital and a defined or input letter. So is
    ``Vh^{(t)}`` (a weight run together with the state it applies to) when the word carries a time script and the
    rows write its small letter alone with a script (``h^{(t-1)}``): the letter is a quantity of its own there."""
    lhs = set(vocab.names)
    from ..text.trees import walk as _walk
    tv = getattr(vocab, "time_var", None) or "t"

    def timed(n):           # a script that writes the time (h^{(t-1)}, h_t), not a prime or a label
        return n[5] == 0 and any(isinstance(s, list) and any(x[0] == "sym" and x[1] == tv for y in s
                                                          for x in _walk(y)) for s in (n[3], n[4]))
    scripted = {n[1] for r in rows if r is not None for n in _walk(r)
                if n[0] == "sym" and len(n[1]) == 1 and n[1].islower() and timed(n)}
    # Wf'(u^{t-1}) beside f(u^t): W times f', f a lower-case letter the rows apply to a bracket (a function)
    applied = {a[1] for r in rows if r is not None for n in _walk(r) if n[0] == "mul"
               for a, b, op in zip(n[1], n[1][1:], n[2][1:]) if op is None and a[0] == "sym" and len(a[1]) == 1 and
               a[1].islower() and a[2] is None and a[3] is None and b[0] == "paren" and b[1] == "("}
    lhs_letters = {n[1] for r in rows if r is not None for n in _walk(r) if n[0] == "sym" and len(n[1]) == 1 and
                   n[1].isupper()}

    def fix(node):
        if not isinstance(node, tuple) or not node:
            return node
        if node[0] == "sym":
            b = node[1]
            if len(b) == 2 and b[0].isupper() and b[1].islower() and b not in lhs and node[2] is None and \
                    (b[1] in lhs or b[1] == "x" or b[1] in scripted and timed(node) or
                     b[1] in applied and node[3] is None and b[0] in lhs_letters) and \
                    b not in FUNCTION_WORDS:
                return ("mul", [("sym", b[0], None, None, None, 0), ("sym", b[1], None, node[3], node[4], node[5])],
                        [None, None])
            if len(b) == 2 and b.isalpha() and b.islower() and b not in lhs and node[2] is None and \
                    (timed(node) or node[4] in ([("num", "0")], [("num", "1")]) and node[3] is None) and \
                    b[1] in scripted and b[0] not in scripted and b[0] != "d" and b not in FUNCTION_WORDS:
                # wx^t, vh^{t-1}, uh^t (a net of scalars): a weight letter run together with the state it scales
                return ("mul", [("sym", b[0], None, None, None, 0), ("sym", b[1], None, node[3], node[4], node[5])],
                        [None, None])
            return node
        if node[0] == "mul" and len(node) == 3:     # a split name inside a product: one product (W f' (u))
            items, ops = [], []
            for k, (x, op) in enumerate(zip(node[1], node[2])):
                y = fix(x)
                if y is not x and x[0] == "sym" and y[0] == "mul":
                    items += y[1]
                    ops += [op] + y[2][1:]
                else:
                    items.append(y)
                    ops.append(op)
            return ("mul", items, ops)
        out = [node[0]]
        for x in node[1:]:
            if isinstance(x, tuple):
                out.append(fix(x))
            elif isinstance(x, list):
                out.append([(y[0], fix(y[1])) if isinstance(y, tuple) and len(y) == 2 and isinstance(y[0], str)
                            and y[0] in ("+", "-") else fix(y) if isinstance(y, tuple) else
                            [fix(z) for z in y] if isinstance(y, list) else y for y in x])
            else:
                out.append(x)
        return tuple(out)

    return [None if r is None else fix(r) for r in rows]


def _key(node):
    from ..numeric.numadjoint import normal, signless
    return repr(normal(signless(node)))


def _refine(keys, lhs, body, defs, vocab):
    r"""A name defined again through a name of its own first body's part: ``h^{(t)} = \tanh(z^{(t)})`` after
    ``h^{(t)} = \tanh(W_x x^{(t)} + W_h h^{(t-1)} + b_h)`` and ``z^{(t)} = W_x x^{(t)} + W_h h^{(t-1)} + b_h``
    (a document that states the recurrence, then names its pre-activation). The two say the same; the cell then
    computes the name through the part, so the part's gradient (``\delta = \partial L/\partial z``) is the
    one the rows mean, not a value nothing reads. Only when both rows write the name as the same left side, the
    part is read as its row writes it (at the same step), and the second body, with the part's body put in the
    part's place, is the first word for word. Returns [(the def, its first body, the part)] when changed
    (build undoes it when the cell then cannot be run through the part)."""
    first = next((d for d in defs if d.keys == tuple(keys) or list(d.keys) == list(keys)), None)
    if first is None or first.lhs is None or _key(first.lhs) != _key(lhs):
        return []
    target = _key(first.node)
    for part in defs:
        if part is first or len(part.keys) != 1 or part.lhs is None:
            continue
        name = part.keys[0]
        uses = [n for n in walk(body) if n[0] == "sym" and _names(n, vocab) == name]
        if len(uses) == 1 and _key(uses[0]) != _key(part.lhs):
            continue            # (s_{t-1} = f(net_{t-1}) after net_t = ...: the part at another step)
        if len(uses) != 1:
            continue
        swapped = _swap(body, uses[0], ("paren", "(", part.node))
        if _key(swapped) == target:
            old = (first, first.node, part)
            first.node = body
            return [old]
    return []


def _align(a, b, found) -> bool:
    """Whether trees ``a`` and ``b`` are the same but for names of ``a`` standing where ``b`` writes a stack (a
    bracket of ``;`` or ``,`` or a one-column matrix); each such (name, stack) is added to ``found``."""
    if a == b:
        return True
    if isinstance(a, tuple) and isinstance(b, tuple) and a and b and a[0] == "sym" and \
            (b[0] == "list" and b[1] == "[" and len(b[2]) >= 2 or b[0] == "matrix" and len(b[1]) >= 2 and
             all(len(r) == 1 for r in b[1])):
        found.append((a, b))
        return True
    if type(a) is not type(b) or not isinstance(a, (tuple, list)) or len(a) != len(b):
        return False
    return all(_align(x, y, found) for x, y in zip(a, b))


def _stacked_inputs(keys, body, k, defs, vocab, names_defined) -> list:
    r"""Defs of the names a first definition reads where a restatement of it writes a stack:
    ``f_t = \sigma(W_f \odot \text{concat}_t + b_f)``, then ``f_t = \sigma(W_f \odot [h_{t-1}; x_t] + b_f)``:
    concat_t is [h_{t-1}; x_t], not an input of its own (the restatement would fail on the shapes). Only names
    no row defines, each standing for one stack."""
    first = next((d for d in defs if tuple(d.keys) == tuple(keys)), None)
    found = []
    if first is None or not _align(first.node, body, found) or not found:
        return []
    out = {}
    for name, stack in found:
        try:
            got, refs = _lhs_keys(name, vocab)
        except NotReadable:
            return []
        if not got or len(got) != 1 or got[0] in names_defined or got[0] in vocab.quantities or \
                any(r.transpose or r.power is not None or r.primes for r in refs):
            return []
        if out.setdefault(got[0], (name, stack))[1] != stack:
            return []
    new = []
    for key, (name, stack) in out.items():
        new.append(Def((key,), stack, k, lhs=name))
        vocab.quantities.add(key)
    return new


def _names(node, vocab):
    try:
        return resolve(node, vocab).key
    except NotReadable:
        return None


def _swap(node, old, new):
    """``node`` with the subtree ``old`` (by identity) replaced by ``new``."""
    if node is old:
        return new
    if isinstance(node, list):
        return [_swap(x, old, new) for x in node]
    if isinstance(node, tuple):
        return tuple(_swap(x, old, new) for x in node)
    return node


def build(rows, vocab: Vocab, layout="column", seed=0, stated=()):
    """(model, {row index: forward Def}) from the parsed rows; ``stated``: the file's statements of shape
    (:func:`~symlstm.verify.statedshapes.read_statements`), which fix the shapes of the weights they name."""
    defs, forward, refined = [], {}, []
    names_defined = set()
    cands = []
    for tree in rows:           # names on the left of '=' (so x\_h\_prev is a name, not x_h at t-1)
        if tree is not None and tree[1] and tree[1][0][0] == "sym":
            vocab.names.add(tree[1][0][1])
        elif tree is not None and tree[1] and tree[1][0][0] in ("list", "paren"):
            inner = tree[1][0][2]
            items = inner if isinstance(inner, list) else inner[1] if inner[0] == "mul" else [inner]
            vocab.names.update(x[1] for x in items if isinstance(x, tuple) and x[0] == "sym")
        if tree is not None and len(tree[1]) >= 2 and tree[1][-1][0] == "matrix":
            vocab.blocks.update(_stacked_names(tree[1][-1]))     # W = [W_a; W_i]: W_i is a name, not W's i
    rows[:] = _split_products(rows, vocab)
    from .owntimeletter import own_time_letter_rows     # h_j = f(W h_{j-1} + ...) restating h_t = ...: in t
    rows[:] = own_time_letter_rows(rows, vocab)
    given = set()       # names the rows so far read but none defines: the cell's parameters and inputs
    steps = {}          # row index -> the parameter a training step changes (o_w += o_l * x_t * o_e)
    for k, tree in enumerate(rows):
        if tree is None:
            continue
        parts, rels = tree[1], tree[2]
        if len(parts) < 2 or rels[0] not in ("=", "+=", "-="):
            continue
        try:
            keys, refs = _lhs_keys(parts[0], vocab)
        except NotReadable:         # [d_{r \odot h}; g_{x_t}] = ...: a left side no name reads defines nothing
            continue
        try:
            read = keys_in(parts[1:], vocab)
        except NotReadable:
            read = set()
        if rels[0] == "=" and keys and not any(gradient_split(x) for x in set(keys) | read):
            given |= read - names_defined       # (a forward row's: no gradient's name on either side)
        if rels[0] == "+=" and keys and set(keys) <= given - names_defined and \
                not any(gradient_split(x) for x in keys) and parts[1][0] != "sym":
            steps[k] = key_latex(keys[0])
            continue            # o_w += o_l * x_t * o_e after o_t = \sigma(o_w x_t + ...): a step of training that
            #                     changes a parameter the rows read, no definition of a quantity of the cell
        if rels[0] == "-=" and not (keys and len(parts) == 2 and keys[0] in LOSS_NAMES):
            continue            # (loss -= (a + b): a loss accumulated over the steps, negated: _accumulated_loss)
        if keys is None or any(_has_derivative(p) for p in parts):
            continue
        if any(r.transpose or r.power is not None or r.primes for r in refs):
            continue
        if rels[0] == "=" and getattr(vocab, "code", False) and naming_row(tree, vocab) is not None:
            continue            # prev_h = h[t-1] in code: which value a code name holds, no definition of h
            #                     (namingrows.py; in a text, C\_prev = C_{t-1} stays a row of its cell)
        cands.append((k, keys, refs, parts, rels))
        names_defined.update(keys)
        for p in parts[1:-1] + (parts[-1:] if len(parts) > 2 else []):
            # z = [\hat a; \hat i] = W I, a_t = x_t W_x + ... = [a^i_t, a^f_t, ...]: the stacked names are defined too
            if rels[0] == "=" and _is_stack(p):
                keys2, refs2 = _lhs_keys(p, vocab)
                if keys2 and not any(r.transpose or r.power is not None or r.primes for r in refs2):
                    cands.append((k, keys2, refs2, [p] + [x for x in parts[1:] if x is not p], rels[1:] or rels))
                    names_defined.update(keys2)
    from .stepsubscripts import numbered_step_rows      # y_1 = ... beside y_t = ...: y at step 1
    cands = numbered_step_rows(cands, vocab, _at_step)
    names_defined = {key for _, keys, _, _, _ in cands for key in keys}
    from .joineddisplays import joined_displays     # o = \sigma(...)h^{(t)} = o \odot \tanh(C): two displays joined
    joined, joined_why = joined_displays(cands, vocab, names_defined, _lhs_keys)
    if joined:
        cands = [c for c in cands if c[0] not in joined_why] + joined
        names_defined = {key for _, keys, _, _, _ in cands for key in keys}
    from .chains import chain_definitions       # h = \sigma(z) = \sigma(U x + W h + b): the chain defines z
    cands += chain_definitions(cands, vocab, names_defined, _lhs_keys, _is_stack)
    from ..numeric.lookup import lookup_quantity         # L_{x^{(t)}} = e^{(t)}: a lookup stated, not a new quantity
    bodies = [(keys, parts[-1]) for _, keys, _, parts, _ in cands]
    cands = [c for c in cands if not (len(c[1]) == 1 and lookup_quantity(c[1][0], bodies, vocab) not in (None, c[1][0]))]
    cands = _templates(cands, rows, vocab)
    cands = [c for c in cands if not _given_number(c, cands)]     # W_{xh} = 0.5: a weight's value in an example
    names_defined = {key for _, keys, _, _, _ in cands for key in keys}
    from .abstractforms import defer_abstract_forms     # h_t = f(h_{t-1}, x_t) before h_t = \tanh(...): a form
    cands, abstract_forms = defer_abstract_forms(cands, names_defined)
    _composites(cands, vocab, names_defined)
    base_names = {key.split("_")[0] for key in names_defined} | names_defined | _prefixes(names_defined)
    backward = {key for _, keys, _, _, _ in cands for key in keys if _grad_like(key, names_defined, base_names)}
    local_derivatives = _local_derivatives(cands, vocab)
    backward -= local_derivatives       # dsigmoid = h (1 - h): a value, no gradient (gradlikedef.py)
    for _, keys, _, parts, _ in cands:      # da = d\bar{a} + d\hat{a}: d-names from d-names, a backward pass alone
        if keys and all(gradient_split(key) for key in keys) and \
                any(gradient_split(u) for u in keys_in(parts[1:], vocab) - set(keys)):
            backward.update(keys)
    from .gradnamed import gradients_of_read_names       # dW_{ax} = x^T: a gradient's name, not a forward row
    backward |= gradients_of_read_names(cands, vocab, names_defined)
    backward |= set(getattr(vocab, "legend_gradients", ()))     # a legend's gradient name (legend.py): rows reading it
    changed = True
    # names a row defines through derivatives (a_t = \partial h_t / \partial w): rows that use them are claims
    derived = _defined_by_derivatives(rows, vocab)
    kept = _forward_despite_derivatives(derived, cands, vocab, names_defined, base_names)
    for key in derived - kept:      # (kept: h_t = \partial Loss / \partial h_t, its \delta dropped: a claim about h)
        if not _grad_like(key, names_defined, base_names) and key not in LOSS_NAMES:
            backward.add(key)
    backward |= _named_jacobians(rows, vocab)       # J_t := \partial h_t/\partial h_{t-1}, then J_t = D_t W: a claim
    # a row that reads the future (h_{t+1}) or sums over the steps is not a forward row; when another row defines
    # the same names plainly (a_t = W h_{t-1} + ... beside a_{t+1} = W h_t + ..., or beside h_t = a_{t+1}/W - ...,
    # the author's algebra), it is a claim about them and the names stay the cell's
    dirty = {k for k, keys, refs, parts, rels in cands if not any(key in LOSS_NAMES for key in keys) and
             any(_reads_future(p, vocab) or sums_over_time(p, vocab) for p in parts[1:])}
    plain = {key for k, keys, refs, parts, rels in cands if k not in dirty for key in keys}
    restated = set()
    for k, keys, refs, parts, rels in cands:
        if k not in dirty:
            continue
        if set(keys) <= plain and all(not _at_step(r) for r in refs):
            restated.add(k)
        else:
            backward.update(keys)
    misnamed = set()        # rows reading gradients under a name an earlier plain forward row defines
    while changed:                 # a row that reads a gradient is a backward row
        changed = False
        for k, keys, refs, parts, rels in cands:
            if set(keys) & backward or k in misnamed:
                continue
            used = keys_in(parts[1:], vocab)
            if used & backward or any(gradient_split(u) and u not in names_defined and
                                      _grad_like(u, names_defined, base_names | _prefixes(names_defined))
                                      for u in used):
                if _plainly_defined(keys, k, cands, backward, vocab):
                    # \tilde{c}_t = (dc_{next} \Gamma_u + ...)(1 - \tilde{c}_t^2) after \tilde{c}_t = \tanh(...): a
                    # gradient's row with the quantity's name on its left (a slip), a claim about \tilde{c}_t; the
                    # cell keeps its plain definition
                    misnamed.add(k)
                    continue
                backward.update(keys)
                changed = True
    general, step_defs = {key for _, keys, refs, _, _ in cands for key, r in zip(keys, refs) if not _at_step(r)}, []
    dead = _dead_stacks(cands, vocab, names_defined)
    from .losstarget import target_clashes        # y_t = softmax(z_t) beside L_t = -y_t \log \hat y_t
    clashes = target_clashes([c for c in cands if not set(c[1]) & backward and c[0] not in dead], vocab)
    from .concretesteps import unrolled_steps        # h_{(1)} = ..., h_{(2)} = ...: an unrolled sequence only
    unrolled = unrolled_steps(cands, lambda k, keys: bool(set(keys) & backward) or k in dead or k in clashes, _at_step)
    # a Greek loss letter a cell row reads (h = tanh(xi + ...) after xi = x @ W_i in code: a name, not the loss \xi)
    read_by_cell = set()
    for k, keys, refs, parts, rels in cands:
        if not any(key in LOSS_NAMES for key in keys) and not set(keys) & backward and \
                not any(_has_derivative(p) for p in parts):
            try:
                read_by_cell |= keys_in(parts[1:], vocab) & LOSS_NAMES & _GREEK_LOSSES
            except NotReadable:
                pass
    aliased = _function_aliases(rows)       # f = \sigma beside \hat y_t = f(o_t): no quantity f (_function_bodies)
    for k, keys, refs, parts, rels in cands:
        if set(keys) & backward or k in dead or k in restated or k in misnamed or k in aliased:
            continue
        if _parameter_split(keys, parts, vocab, names_defined):
            continue            # w_ir, w_iz, w_in = w_ih.chunk(3, 0): the weight's blocks, parameters of their own
        if k in clashes:
            hat = clashes[k][2]
            if hat is None or len(keys) != 1:
                forward.setdefault(k, Def(keys, parts[-1], k))
                continue
            keys = (hat,)       # y_t = softmax(z_t) where the loss reads \hat y_t, defined nowhere: its definition
        if any(key in LOSS_NAMES and key not in getattr(vocab, "side_names", ()) and key not in read_by_cell
               for key in keys) or rels[0] == "+=":
            forward[k] = Def(keys, parts[-1], k, per_step=False, accumulate=True)
            continue
        if len(refs) == 1 and _at_step(refs[0]) and (keys[0] in general or unrolled):
            # z_1^{(1)} = W^{01} X^{(1)} + b^{01}: the first step, stated apart from the general row (once)
            if unrolled:
                vocab.quantities.add(keys[0])
            if not any(d.keys == keys and d.at == _at_step(refs[0]) for d in step_defs):
                step_defs.append(Def(keys, parts[-1], k, lhs=parts[0], at=_at_step(refs[0])))
                forward.setdefault(k, step_defs[-1])
            continue
        block = refs[0].block if len(refs) == 1 else ""
        if any(key in vocab.quantities for key in keys) and not (block and all(
                x.block and x.block != block for x in defs if x.keys == keys)):
            refined += _refine(keys, parts[0], parts[-1], defs, vocab)      # h = tanh(z) after h = tanh(W x + ...) and z = W x + ...
            defs += _stacked_inputs(keys, parts[-1], k, defs, vocab, names_defined)   # concat_t = [h_{t-1}; x_t]
            continue           # a second definition of a name: a claim, checked like others
        # a = b = c: the definition is the first right side that is not just another name (or a stack of
        # names), preferring one written wholly in names the derivation defines
        bodies = [p for p in parts[1:] if p[0] != "sym" and not _is_stack(p)] or [parts[-1]]
        body = next((p for p in bodies if 0 < len(keys_in([p], vocab) - set(FUNCTION_WORDS)) and
                     keys_in([p], vocab) - set(FUNCTION_WORDS) <= names_defined), bodies[0])
        d = Def(keys, body, k, block=block, lhs=parts[0] if parts[0][0] == "sym" else None)
        stacked = [len(_lhs_keys(p, vocab)[0] or ()) for p in parts[1:] if p is not body and _is_stack(p)]
        if len(keys) == 1 and stacked and max(stacked) > 1:
            d.width = max(stacked)       # z = [\hat a; \hat i; \hat f; \hat o] = ...: four blocks
        defs.append(d)
        forward.setdefault(k, d)
        vocab.quantities.update(keys)
        if len(keys) > 1:                  # [r u] = ...: r_u names the stacked value
            vocab.quantities.add("_".join(keys))
        for p in parts[1:-1]:          # h_t = y_t = ...: aliases
            if _is_stack(p):           # z = [\hat a; \hat i] = ...: the stacked names are defined above
                continue
            ak, _ = _lhs_keys(p, vocab)
            if ak:
                vocab.aliases.update({a: keys[0] for a in ak if a not in vocab.quantities})
    from ..numeric.copynames import alias_copies     # hs_t = h_t: hs names h (copynames.py)
    defs = alias_copies(defs, vocab)
    _functions(rows, vocab)
    named_functions = _function_definitions(rows, vocab)
    named_functions.update(_function_bodies(rows, vocab))          # g(x) = x: g is the identity
    from .twinsystems import identify_twin_systems     # S_k = f(S_{k-1} W) beside s_k = s_{k-1} w: one system
    defs = identify_twin_systems(defs, vocab)
    _case_aliases(rows, vocab)          # c_t in the backward rows, C_t in the forward ones: one cell state
    _gate_word_aliases(vocab)           # di beside input_gate = sigmoid(...): the input gate's letter
    _components(rows, vocab)
    _widths(defs, rows, vocab)
    defs = _fold(defs)
    timeless = bool(cands) and all(r.time is None and not r.word for _, _, refs, _, _ in cands for r in refs)
    from ..numeric.lossweights import loss_letters_as_weights        # e^{(t)} = x^{(t)} L: L a matrix, not the loss
    vocab.params.update(loss_letters_as_weights(defs, rows, vocab))
    _unknowns(defs + step_defs, vocab, timeless)
    from .slicedwidth import sliced_widths, widen_arguments   # g_t = \tanh(p_t[3H{:}4H]): p_t is 4H wide
    widths = sliced_widths([r for r in rows if r is not None], vocab) if defs else {}
    for d in defs:
        if len(d.keys) == 1 and widths.get(d.keys[0], 1) > d.width:
            d.width = widths[d.keys[0]]
    widen_arguments(defs, widths, vocab)
    _split_widths(defs, vocab)          # ai, af, ao, ag = np.split(A, 4): A is four blocks wide
    vocab.sliced_widths = widths       # bh[H:H*2], bh[H*2:]: a bias of three blocks (Evaluator.make_param)
    from .blocksplit import split_weights         # W_f [h_{t-1}, x_t] beside W_{fh} h_{t-1} + W_{fx} x_t
    split_weights(defs, rows, vocab)
    defs = parameter_stacks(defs, vocab)      # W_x = [W_{xz}, W_{xr}, W_{xh}]: a weight made of blocks
    for key in list(vocab.quantities):    # \hat{y}_t defined, y_t never: y_t is its target (rows write \hat y - y)
        if key.startswith("hat:") and not vocab.known(key[4:]):
            vocab.inputs.add(key[4:])
    defs = _preacts(defs, vocab) + step_defs
    if unrolled:                # s_{(k)} = Tanh(h_{(k)}) at every step: h is s's pre-activation (concretesteps.py)
        from .concretesteps import step_preacts
        step_preacts(step_defs, vocab)
    from .gradpreacts import preacts_named_by_gradients     # \partial f_t / \partial z_{f_t}: z_{f_t} is f's net input
    preacts_named_by_gradients(rows, vocab)
    # index notation on the weights, or functions of several arguments (f(x_t, h_{t-1}, w)): one unit, scalars;
    # so also a scalar example beside the vector rows ({}_Sw^1 x_1 beside {}_SW^l h^{l-1}_n: lower-case twins)
    single_units = _multi_argument(defs, vocab) or _scalar_twins(vocab) or _lowercase_weights(defs, vocab) \
        or _numbered_weights(rows, defs, vocab)     # W_{xh} = 0.5: a walkthrough of single units
    scalar = bool(vocab.comp) and not vocab.entrywise or single_units
    if unrolled and not scalar:         # an unrolled example of scalars: no transpose nor \odot (concretesteps.py)
        from .concretesteps import scalar_example
        scalar = scalar_example(rows)
    vector_components = scalar and bool(vocab.comp) and (_softmax_output(defs) or _softmax_of(rows, vocab) is not None)
    if vector_components:   # one unit: softmax would be 1 and every gradient through it 0; components not read
        scalar = False
    from .doubleactivation import double_activations    # \bar{o}^t = \sigma(...) beside o^t = \sigma(\bar{o}^t)
    doubled = double_activations(defs, vocab)
    from .idlesum import idle_sum           # L^t = -\sum_{i=1}^{T} y^t \log \hat y^t: fails, defines nothing
    idle = {d.row: why for d in forward.values() if rows[d.row][2][0] == "="
            and (why := idle_sum(rows[d.row], vocab.time_var)) is not None}
    defs = [d for d in defs if getattr(d, "row", None) not in idle]
    for d in forward.values():              # a name only a failing row defines is not defined
        if d.row in idle:
            for key in d.keys:
                if not any(e.row not in idle and key in e.keys for e in defs if hasattr(e, "keys")):
                    vocab.quantities.discard(key) if hasattr(vocab.quantities, "discard") else \
                        vocab.quantities.pop(key, None)
    model = Model(defs, vocab, layout=layout, seed=seed, scalar=scalar)
    model.vector_components = vector_components
    if not scalar and not vocab.entrywise:      # (entry by entry, every index has the units' range)
        sizes = _numbered_matrix_sizes(rows, defs, vocab)
        if sizes is not None:       # W_{hh} = \begin{bmatrix} 0.4 & 0.1 \\ 0 & 0.4 \end{bmatrix}: a worked example's
            model.h, model.i = sizes    # weights size the net (a 2-unit state, not the reader's 3)
    #: one unit only because the rows write components (W_{ij}): judging/entrywise.py reads it again with vectors
    model.index_units = scalar and bool(vocab.comp) and not vector_components and not single_units and \
        not unrolled and _indexed_weights(rows, vocab)
    model.function_rows = named_functions
    model.dead_rows = dead
    model.training_steps = steps
    model.local_derivatives = local_derivatives
    model.abstract_forms = abstract_forms
    from ..numeric.elementwisenames import elementwise_names      # cs_prev * wci beside di \odot wci: a vector
    model.elementwise_names = elementwise_names(list(rows) + list(getattr(vocab, "unread_rows", ())), vocab)
    for row, why in _untimed_lhs(cands, defs, vocab, forward).items():
        model.errors.setdefault(row, why)
    for row, why in joined_why.items():
        model.errors.setdefault(row, why)
    for row, (why, unread, _) in clashes.items():
        model.errors.setdefault(row, why)
        if unread:
            model.unread.add(row)
    if stated:
        from ..text.statedshapes import stated_shapes
        model.stated_shapes = stated_shapes(stated, model, vocab)
    if getattr(vocab, "vector_labels", ()):        # \underbrace{w^T}_{1\times(N+2D+1)}: w a vector (vectorlabels.py)
        from ..text.vectorlabels import vector_shapes
        for key, shape in vector_shapes(vocab.vector_labels, model, vocab).items():
            model.stated_shapes.setdefault(key, shape)
    widths = {}
    if stated:          # y_t \in R^{K x 1}, K the softmax's width (V \in R^{K x H}): not the state's
        from ..text.statedshapes import stated_shapes
        widths = stated_shapes(stated, model, vocab, inputs=True)
        for key, shape in widths.items():       # x_t \in R^{1 x 1} (a code's x = X[t].reshape(1,1)): a scalar input
            if key in vocab.inputs and shape == (1, 1):
                model.input_shapes[key] = shape
                model.i = 1
    for key in _added_inputs(defs, vocab):      # h_t = \tanh(W h_{t-1} + x_t): x_t is as wide as the state
        if widths.get(key, model.vector(model.h)) == model.vector(model.h):
            model.input_shapes[key] = model.vector(model.h)
    ev = Evaluator(model)
    loss_rows = [d for d in forward.values() if d.accumulate and d.keys[0] in LOSS_NAMES and
                 rows[d.row][2][0] == "="]
    outs = _outputs(defs, vocab, rows)
    summed = _accumulated_loss(forward, rows, vocab) if not loss_rows else None
    if summed is not None and any(kind in ("softmax", "logits") for _, kind in outs) and \
            not _writes_cross_entropy(summed.node, {k for k, kind in outs if kind == "softmax"}, vocab):
        summed = None       # (loss += -np.log(ps[t][targets[t], 0]): the reader's cross-entropy is that loss)
    if summed is not None:          # loss += 0.5 * np.sum((y[t] - targets[t]) ** 2) in the loop over the steps
        loss_rows = [summed]
    for row, why in list(idle.items()) + list(doubled.items()):
        model.errors.setdefault(row, why)
    loss_rows = [d for d in loss_rows if d.row not in idle]
    from ..numeric.totalloss import steps_combined      # J = 1/T \sum_t J_t, no row defining J_t
    combined = steps_combined(loss_rows, rows, vocab) if loss_rows else None
    if combined is not None:            # the reader's loss of each step, weighed as the row writes (author.loss)
        model.loss_total, model.loss_per_step = combined, True
    elif loss_rows:
        from ..numeric.lossweights import readable_loss_side          # J = CE(y, \hat y) = -\log \hat{y}_k: the CE side
        from dataclasses import replace as _replace
        from ..numeric.totalloss import total_of_steps      # loss_t = ... beside Loss = 1/T \sum_t loss_t
        stated_total = total_of_steps(loss_rows, rows, vocab)
        if stated_total is not None:            # the step's loss row is the loss row, the total is its combination
            loss_rows.remove(stated_total[0])
            loss_rows.insert(0, stated_total[0])
        loss_rows[0] = _replace(loss_rows[0], node=readable_loss_side(loss_rows[0], rows, vocab))
        _loss_targets(loss_rows[0], vocab, rows)
        _unknowns(loss_rows, vocab, timeless)
        model.loss_def = loss_rows[0].node
        model.loss_row = loss_rows[0].row          # other loss rows are claims about this loss (judge.py)
        model.loss_rows = [_replace(d, lhs=rows[d.row][1][0]) for d in forward.values() if d.accumulate and
                           d.keys[0] in LOSS_NAMES and rows[d.row] is not None]
        lhs = rows[loss_rows[0].row][1][0]
        lhs = lhs[1][0] if lhs[0] == "mul" else lhs
        try:
            model.loss_per_step = lhs[0] == "sym" and resolve(lhs, vocab).time is not None
        except NotReadable:
            pass
        if timeless and not model.loss_per_step and _untimed_rows(defs, vocab) and \
                not any(n[0] == "big" and _over_steps(n, vocab) for n in walk(model.loss_def)):
            # no row writes a step (h = tanh(W x + b); p = sigma(V h + c); L = -(y log p + ...)): the loss is the
            # step's, as every other row is (not the last step's only: dz = p - y holds at every step)
            model.loss_per_step = True
        if summed is not None:
            model.loss_per_step = True
        if stated_total is not None and model.loss_per_step:
            model.loss_total = stated_total[1]
        if not model.loss_per_step:        # J = -\frac{1}{T}\sum_t ...: J^{<t>} is its t-th term (totalloss.py)
            from ..numeric.totalloss import step_summand
            model.loss_steps = step_summand(model.loss_def, vocab.time_var)
    model.outputs = _outputs(defs, vocab, rows)
    model.outputs = matched_outputs(model.outputs, defs, vocab, model.loss_def)   # losses.py
    model.T = _written_steps(rows, vocab) or model.T
    if unrolled:            # the rows state steps 1..unrolled only: the sequence is that long (concretesteps.py)
        model.T = model.first_step = model.unrolled = unrolled
    from ..numeric.laststep import mark_last_step_rows      # \hat{y} = g(h_T; \phi): once, at the last step
    mark_last_step_rows(model, vocab)
    model.base = model.run()
    if any(row in model.errors for first, _, part in refined for row in (first.row, part.row)):
        for first, node, _ in refined:      # h = tanh(z) where z's row cannot be run: the cell as first stated
            first.node = node
            model.errors.pop(first.row, None)
        model.order, model._grad_cache = model._order(), {}
        model.base = model.run()
    ev.frozen = True
    return model, forward, ev


#: Letters of the states, written with a step in the other case where no row defines that case (c_t beside C_t,
#: \delta h_t beside H_t): the same quantity. Other letters change meaning with their case (x an input beside
#: X = [h, x]); h only where H is a quantity (not a weight) and h no name of its own.
CASE_ALIAS_LETTERS = ("c", "C", "h", "H")


def _untimed_rows(defs, vocab) -> bool:
    """Do the forward rows read every name without a step (no ``h_{t-1}``, no ``h_prev``)?"""
    for d in defs:
        for n in symbols(d.node):
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            if r.time is not None or r.word:
                return False
    return True


def _over_steps(big, vocab) -> bool:
    r"""Does a sum or product (``\sum_{t=1}^{T}``) run over the steps (its bounds name the time or T)?"""
    bounds = [b for b in big[2:4] if b is not None and isinstance(b, tuple)]
    return any(n[0] == "sym" and n[1] in (vocab.time_var, "T", "t", "tau") for b in bounds for n in walk(b))


def _transposed_only(n) -> bool:
    """A name whose only script is a transpose (``H^T``, ``C^\\top``)."""
    return not n[3] and len(n[4]) == 1 and n[4][0][0] == "sym" and n[4][0][1] in ("T", "top", "intercal", "mathsf:T") \
        and not n[4][0][3] and not n[4][0][4]


def _gate_word_aliases(vocab) -> None:
    """A gate's letter (GATE_WORD_LETTERS) names the gate the code calls by its word (``input_gate``), where no
    row defines the letter and exactly one quantity is so named."""
    from ...latex.notation import GATE_WORD_LETTERS
    for word, letter in GATE_WORD_LETTERS.items():
        named = [k for k in vocab.quantities if k in (f"{word}_gate", f"{word}_{{gate}}", f"{word}gate")]
        if len(named) == 1 and letter not in vocab.quantities and letter not in vocab.params and \
                letter not in vocab.inputs and letter not in vocab.aliases:
            vocab.aliases[letter] = named[0]


def _case_aliases(rows, vocab) -> None:
    """The state's letter in the other case, where no row defines it (c_t in the backward rows of a cell
    whose forward rows write C_t, as colah's figures and many course notes do; \\tilde{c}_t for \\tilde{C}_t)
    names the cell state: an alias, never where both are quantities (CASE_ALIAS_LETTERS)."""
    from ..text.trees import walk
    written = set()
    for r in rows:
        if r is None:
            continue
        for n in walk(r):
            if n[0] == "sym" and n[1] in CASE_ALIAS_LETTERS and (n[3] or n[4] and not _transposed_only(n)):
                # c_t, c^{(t)}: the cell state (H^T, the weight transposed, is no state; a
                # bare c is a bias, V h + c; other letters change meaning with their case)
                written.add(f"{n[2]}:{n[1]}" if n[2] else n[1])
    for key in sorted(written):
        prefix, _, letter = key.rpartition(":")
        other = (prefix + ":" if prefix else "") + letter.swapcase()
        if other in vocab.quantities and key not in vocab.quantities and key not in vocab.params and \
                key not in vocab.inputs and key not in vocab.aliases and key not in LOSS_NAMES and \
                other not in vocab.aliases:
            vocab.aliases[key] = other
    _label_case_aliases(rows, vocab)


def _label_case_aliases(rows, vocab) -> None:
    """A quantity's one-letter label in the other case, where no name has it (``b_z^t``, ``a_z^t`` in the
    backward rows of a cell whose forward rows write ``b_Z^t``, ``a_Z^t`` beside ``b_I``, ``b_F``, ``b_O``): the
    same quantity. Never where a name with that label exists."""
    from ..text.trees import walk
    labels = {}
    for key in vocab.quantities:
        stem, sep, label = key.rpartition("_")
        if sep and len(label) == 1 and label.isalpha():
            labels.setdefault(label, set()).add(stem)
    taken = {key.rpartition("_")[2] for key in vocab.quantities | vocab.params | vocab.inputs | set(vocab.aliases)}
    for r in rows:
        if r is None:
            continue
        for n in walk(r):
            if n[0] != "sym" or not n[3] or len(n[3]) > 2:
                continue
            lab = next((x[1] for x in n[3] if x[0] == "sym" and len(x[1]) == 1 and x[1].isalpha() and
                        x[1] != vocab.time_var and not x[3] and not x[4]), None)
            if lab is None or lab in taken or lab.swapcase() not in labels:
                continue
            base = n[1] if n[2] is None else f"{n[2]}:{n[1]}"
            if base not in labels[lab.swapcase()] and n[1][:1] == "d" and n[2] is None:
                base = n[1][1:]         # \frac{dE}{db_z^t}: the differential of b_z
            if base in labels[lab.swapcase()] and f"{base}_{lab}" not in vocab.aliases:
                vocab.aliases[f"{base}_{lab}"] = f"{base}_{lab.swapcase()}"


def _untimed_lhs(cands, defs, vocab, forward):
    r"""Forward rows whose left side lacks the time every other left side writes, of a name the rows read at
    another step: ``h = (1 - z_t) \circ h_{t-1} + z_t \circ \tilde{h}_t`` beside z_t = ..., r_t = ... defines
    a name h, not h_t (which is then never defined). The row still builds the cell (as h_t, evidently meant)
    but fails: row -> why."""
    timed, untimed = 0, []
    for k, keys, refs, parts, rels in cands:
        d = forward.get(k)
        if d is None or d not in defs or len(refs) != 1 or d.accumulate or not d.per_step:
            continue
        if refs[0].time is None and not refs[0].word:
            untimed.append((k, keys[0]))
        elif not d.at:                  # (h1^{(1)} = x U: a step stated apart writes its step, not the time)
            timed += 1
    if timed < 2:
        return {}
    out = {}
    for k, key in untimed:
        for d in defs:
            for n in walk(d.node):
                if n[0] != "sym":
                    continue
                try:
                    r = resolve(n, vocab)
                except NotReadable:
                    continue
                if r.key == key and (r.time is not None or r.word):
                    name = key.split(":")[-1]
                    out[k] = (f"the left side {name} has no time, while the other forward rows write theirs and "
                              f"read {name} at a step ({name}_{{t}} is never defined)")
    return out


def _plainly_defined(keys, k, cands, backward, vocab) -> bool:
    """An earlier row defines ``keys`` from names that are no gradients (a plain forward row of the cell)."""
    for k2, keys2, _, parts2, _ in cands:
        if k2 >= k or set(keys2) != set(keys):
            continue
        try:
            used = keys_in(parts2[1:], vocab)
        except NotReadable:
            continue
        if not used & backward and not any(gradient_split(u) for u in used):
            return True
    return False


def _dead_stacks(cands, vocab, defined):
    r"""Rows ``W_x = [W_{xc}; W_{xi}; ...]`` that stack names no other forward row reads or defines (the
    weights of another form of the cell): not part of this cell, whose gradients would all be zero."""
    out = set()
    for k, keys, refs, parts, rels in cands:
        if len(parts) != 2 or not _is_stack(parts[1]) or len(keys) != 1:
            continue
        stacked, _ = _lhs_keys(parts[1], vocab)
        if not stacked:
            continue
        used = set()
        for j, ks, _, ps, _ in cands:
            if j != k:
                used |= keys_in(ps[1:], vocab) | set(ks)
        if not (set(stacked) | set(keys)) & used:
            out.add(k)
    return out


def _composites(cands, vocab, defined):
    r"""A name that a forward chain writes for a block matrix of parameters: ``z^t = [[W^c U^c]; [W^i U^i]]
    \times [x^t; h^{t-1}] = W \times I^t`` (two products with one sign, the same right factor or a name a
    forward row defines as it, I^t = [x^t; h^{t-1}]) makes W that matrix (vocab.composites)."""
    from ..numeric.numadjoint import normal
    sides, stacks = {}, {}
    for _, keys, _, parts, rels in cands:
        if len(keys) == 1 and rels[0] == "=":
            sides.setdefault(keys[0], []).extend(parts[1:])
            for p in parts[1:]:
                if p[0] == "matrix" and all(len(r) == 1 for r in p[1]):
                    stacks[keys[0]] = repr(normal(p))
    for key, parts in sides.items():
        prods = [p for p in parts if p[0] == "mul" and len(p[1]) == 2]
        for a in prods:
            m, s = a[1]
            if m[0] != "matrix" or len(m[1]) < 2 or len(m[1][0]) < 2 or \
                    any(x[0] != "sym" for r in m[1] for x in r):
                continue
            for b in prods:
                n, r = b[1]
                if b is a or n[0] != "sym" or n[3] or n[4] or b[2][1] != a[2][1]:
                    continue
                try:
                    nk = resolve(n, vocab).key
                    rk = resolve(r, vocab).key if r[0] == "sym" else None
                except NotReadable:
                    continue
                if nk in defined or vocab.known(nk):
                    continue
                if repr(normal(r)) == repr(normal(s)) or (rk is not None and stacks.get(rk) == repr(normal(s))):
                    try:       # W^i stays the block W_i (not W's component i) once W is a name
                        vocab.blocks.update(resolve(x, vocab).key for row in m[1] for x in row)
                    except NotReadable:
                        continue
                    vocab.composites[nk] = m


def _written_steps(rows, vocab):
    r"""The number of steps when a row writes a sum over the time out step by step
    (\sum_t \frac{\partial J_t}{\partial W} = \frac{\partial J_3}{\partial W} + \frac{\partial J_2}{\partial W}
    + \frac{\partial J_1}{\partial W}: a sequence of 3 steps), else None."""
    for tree in rows:
        if tree is None or not any(p[0] == "big" and p[1] == "sum" and sums_over_time(p, vocab) for p in tree[1]):
            continue
        for p in tree[1]:
            if p[0] != "add" or len(p[1]) < 2 or any(sign != "+" for sign, _ in p[1]):
                continue
            steps = []
            for _, term in p[1]:
                nums = {it[1] for n in symbols(term) for it in (n[3] or []) + (n[4] or [])
                        if it[0] == "num" and it[1].isdigit()}
                steps.append(int(nums.pop()) if len(nums) == 1 else None)
            if None not in steps and sorted(steps) == list(range(1, len(steps) + 1)):
                return len(steps)
    for tree in rows:       # L = \frac12 \sum_{t=1}^{3} (y_t - t_t)^2: the loss of a sequence of 3 steps
        if tree is None or len(tree[1]) != 2 or tree[2] != ["="] or tree[1][0][0] != "sym" or \
                tree[1][0][1] not in LOSS_NAMES or tree[1][0][3] is not None or tree[1][0][4] is not None:
            continue
        for n in walk(tree[1][1]):
            if n[0] == "big" and n[1] == "sum" and len(n[2] or ()) == 1 and len(n[3] or ()) == 1 and \
                    n[2][0][0] == "eq" and n[2][0][1][:2] == ("sym", vocab.time_var) and n[2][0][2] == ("num", "1") \
                    and n[3][0][0] == "num" and n[3][0][1].isdigit() and 2 <= int(n[3][0][1]) <= 12:
                return int(n[3][0][1])
    return None


def _added_inputs(defs, vocab):
    """Inputs that the forward rows never multiply by anything (only add or apply functions to): they are
    already as wide as the state they are added to."""
    seen, multiplied = set(), set()
    for d in defs:
        for n in walk(d.node):
            if n[0] == "mul" and len(n[1]) > 1:
                for x in n[1]:
                    multiplied.update(r[1] for r in symbols(x) if r[0] == "sym")
            elif n[0] in ("list", "matrix"):
                multiplied.update(r[1] for r in symbols(n) if r[0] == "sym")     # a concatenation: any width
        seen.update(r[1] for r in symbols(d.node) if r[0] == "sym" and r[2] is None)    # \hat{y} is not y
    out = []
    for key in sorted(vocab.inputs):
        if key in seen and key not in multiplied and not any(k.startswith(key + "_") for k in multiplied):
            out.append(key)
    return out


def _is_stack(node) -> bool:
    """``[a_t; i_t]`` or ``[x_t, h_{t-1}]``: a name for other values stacked (never the cell's output)."""
    if node[0] == "matrix":
        return all(x[0] == "sym" for row in node[1] for x in row)
    if node[0] == "list":
        return all(x[0] == "sym" for x in node[2])
    return False


def _stacked_names(node):
    """The keys of the plain names a stacking matrix lists (``[W_a; W_i]`` -> W_a, W_i)."""
    out = set()
    for row in node[1]:
        for x in row:
            if x[0] == "sym" and x[2] is None and x[4] is None and x[3]:
                sub = x[3]
                if all(a[0] == "sym" and a[2] is None and a[3] is None and a[4] is None for a in sub):
                    out.add(x[1] + "_" + "".join(a[1] for a in sub))
    return out


def _at_step(ref):
    """The step of a name written at a numbered step (z_1^{(1)}), else 0."""
    t = ref.time
    return int(t[1]) if t is not None and t[0] == "num" and t[1].isdigit() and int(t[1]) >= 1 else 0


def _templates(cands, rows, vocab):
    r"""u_{kt} = \sum_i W_{ki} x_{ti} + ...: one row for every gate k the other rows name (u_{ft}, u_{ot})."""
    out = []
    defined = {key for _, keys, _, _, _ in cands for key in keys}
    for cand in cands:
        k, keys, refs, parts, rels = cand
        lhs = parts[0]
        if len(keys) != 1 or lhs[0] != "sym" or not refs[0].key.count("_"):
            out.append(cand)
            continue
        base, _, label = refs[0].key.partition("_")
        letters = [ch for ch in label if ch not in vocab.comp]
        var = next((ch for ch in letters if ch.islower() and _label_in_rhs(parts[-1], ch)), None)
        if var is None or len(label) != 1 or _is_stack(parts[-1]) and (
                var in {d.split("_")[0].lower() for d in defined} or var in ("x", "u")):
            out.append(cand)           # W_x = [W_{xc}; W_{xi}]: the blocks of x's weights, not a template in x
            continue
        inst = set()
        for tree in rows:
            if tree is None:
                continue
            for n in walk(tree):
                if n[0] == "sym" and n[1] == lhs[1] and n[2] == lhs[2] and n is not lhs:
                    try:
                        r = resolve(n, vocab)
                    except NotReadable:
                        continue
                    b2, _, l2 = r.key.partition("_")
                    if b2 == base and len(l2) == 1 and l2 != var and f"{base}_{l2}" not in defined:
                        inst.add(l2)
        if len(inst) < 2:
            out.append(cand)
            continue
        for letter in sorted(inst):
            new_parts = [_substitute(p, var, letter) for p in parts]
            ks, rs = _lhs_keys(new_parts[0], vocab)
            out.append((k, ks, rs, new_parts, rels))
    return out


def _label_in_rhs(node, ch):
    for n in walk(node):
        if n[0] == "sym":
            for it in n[3] or []:
                if it[0] == "sym" and ch in it[1] and len(it[1]) <= 3:
                    return True
    return False


def _substitute(node, a, b):
    """The tree with the label letter a replaced by b in every subscript (u_{kt} -> u_{ft})."""
    if not isinstance(node, tuple) or not node:
        return node
    if node[0] == "sym":
        sub = node[3]
        if sub:
            sub = [("sym", it[1].replace(a, b), it[2], it[3], it[4], it[5])
                   if it[0] == "sym" and len(it[1]) <= 3 and a in it[1] else _substitute(it, a, b) for it in sub]
        return ("sym", node[1], node[2], sub, node[4], node[5])
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_substitute(x, a, b))
        elif isinstance(x, list):
            out.append([(y[0], _substitute(y[1], a, b)) if isinstance(y, tuple) and len(y) == 2 and
                        isinstance(y[0], str) and y[0] in ("+", "-") else
                        (_substitute(y, a, b) if isinstance(y, tuple) else
                         [_substitute(z, a, b) for z in y] if isinstance(y, list) else y) for y in x])
        else:
            out.append(x)
    return tuple(out)


def _reads_future(node, vocab) -> bool:
    for n in symbols(node):
        try:
            r = resolve(n, vocab)
        except NotReadable:
            continue
        t = r.time
        if t is not None and t[0] == "add" and len(t[1]) == 2 and t[1][1][0] == "+" and t[1][1][1][0] == "num" \
                and t[1][0][1][0] == "sym" and t[1][0][1][1] == vocab.time_var:
            return True
    return False


def _local_derivatives(cands, vocab) -> set:
    """Keys ``d`` + a function's word (``dsigmoid``, ``dtanh``) that a row gives a value reading no gradient
    (``dsigmoid = h_{next} (1 - h_{next})``, Talwar's notebook): the function's derivative the code keeps, a value
    of the forward pass, not the gradient of the function's input (CS231n's ``dtanh = (1 - h^2) dh`` reads one),
    where every row that reads it multiplies it with a gradient (``dtanh = 1 - tanh(z)^2`` then ``dx = W^T dtanh``
    means a gradient, with the upstream one dropped: the row stays a claim about the gradient)."""
    out = set()
    for _, keys, _, parts, rels in cands:
        if len(keys) == 1 and len(parts) == 2 and rels[0] == "=" and \
                function_derivative_value(keys[0], parts[1:], vocab) is not None:
            out.add(keys[0])
    for key in list(out):       # every row reading it multiplies it with a gradient (dh_{next} dsigmoid), as a
        users = []              # factor; a row reading it as the gradient (dx = W^T dtanh) means a gradient
        for _, keys, _, parts, _ in cands:
            try:
                read = keys_in(parts[1:], vocab)
            except NotReadable:
                continue
            if key in read and key not in keys:
                users.append(read)
        if not users or not all(any(gradient_split(u) and u != key for u in read) for read in users):
            out.discard(key)
    return out


def _prefixes(defined):
    return {d[:-1] for d in defined if len(d) > 1 and d.endswith("s")}


def _grad_like(key, defined, base_names):
    g = gradient_split(key)
    if g is None:
        return False
    rest = g[1]
    return rest in defined or rest.split("_")[0] in base_names or rest in FUNCTION_WORDS


def _exp_of(n):
    r"""The argument of exp(a), \exp(a), e^{a}; else None."""
    if n[0] == "mul" and len(n[1]) == 2 and n[2][1] is None and n[1][0][0] == "sym" and n[1][0][1] == "exp" and \
            n[1][0][3] is None and n[1][0][4] is None and n[1][1][0] == "paren":
        return n[1][1][2]
    if n[0] == "sym" and n[1] == "e" and n[3] is None and n[4] is not None and len(n[4]) == 1:
        return n[4][0]
    return None


def _component_of(n):
    """(name, index letter) of v_i (one letter in the subscript); else None."""
    if n[0] == "sym" and n[2] is None and n[4] is None and not n[5] and n[3] and len(n[3]) == 1 and \
            n[3][0][0] == "sym" and n[3][0][3] is None and len(n[3][0][1]) == 1:
        return n[1], n[3][0][1]
    return None


def _function_definitions(rows, vocab):
    r"""Rows that define one of the author's functions by its formula on a dummy vector:
    ``f_2(v_i) = \frac{\exp(v_i)}{\sum_j \exp(v_j)}`` makes f_2 the softmax (read wherever f_2 is applied).
    {row index: what the row defines}."""
    out = {}
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) != 2 or tree[2] != ["="]:
            continue
        lhs, rhs = tree[1]
        if lhs[0] != "mul" or len(lhs[1]) != 2 or lhs[2][1] is not None or lhs[1][1][0] != "paren":
            continue
        key = _function_key(lhs[1][0], vocab)
        arg = _component_of(lhs[1][1][2])
        if key is None or key not in vocab.functions or arg is None or vocab.known(arg[0]) or rhs[0] != "frac":
            continue
        num, den = _exp_of(rhs[1]), rhs[2]
        if num is None or _component_of(num) != arg or den[0] != "big" or den[1] != "sum" or not den[2] or \
                den[2][0][0] != "sym" or den[3] is not None:
            continue
        j = den[2][0][1]
        inner = _exp_of(den[4])
        if j == arg[1] or inner is None or _component_of(inner) != (arg[0], j):
            continue
        vocab.functions.discard(key)
        vocab.activations.pop(key, None)
        vocab.aliases[key] = "softmax"
        out[k] = f"{key} is the softmax"
    return out


def _step_loss_derived(rows, vocab) -> bool:
    r"""Does a row differentiate a step's loss (``\frac{\partial E_t}{\partial h_t}``)?"""
    for tree in rows:
        for n in walk(tree) if tree is not None else ():
            if n[0] == "frac" and n[1][0] == "pre" and n[1][3] is not None and n[1][3][0] == "sym":
                try:
                    r = resolve(n[1][3], vocab)
                except NotReadable:
                    continue
                if r.key in LOSS_NAMES and r.time is not None:
                    return True
    return False


def _loss_targets(d, vocab, rows=()):
    r"""A loss name at a step inside the loss's own definition (E = -\sum_t l_t^T \log y_t) is not a loss: the
    labels, a target. One applied to a bracket (L = \sum_t \ell_t(y_t)) is the loss of step t as a function of
    what it reads, not labels. A right side of steps' losses only (\mathcal{L} = \sum_t E_t) sums the losses of the
    steps where the rows differentiate one (\partial E_t / \partial h_t): they are no labels either."""
    from ..numeric.totalloss import only_step_losses
    if only_step_losses(d.node, vocab) and _step_loss_derived(rows, vocab):
        return
    applied = {id(a) for n in walk(d.node) if n[0] == "mul" and len(n) == 3
               for a, b, op in zip(n[1], n[1][1:], n[2][1:]) if op is None and b[0] in ("paren", "list") and b[1] == "("}
    for n in symbols(d.node):
        try:
            r = resolve(n, vocab)
        except NotReadable:
            continue
        if id(n) in applied:
            continue
        if r.key in LOSS_NAMES and r.key not in d.keys and r.time is not None and not vocab.known(r.key):
            vocab.targets.add(r.key)


def _function_key(a, vocab):
    r"""The name of an author's own function written before a bracket: f, \phi, \ell, and a numbered one (f_1, f_2,
    g_2: the post's unnamed activations, each an arbitrary smooth function of its own); None otherwise."""
    if a[0] != "sym" or a[2] is not None or a[4] is not None or a[1] in vocab.quantities or a[1] in FUNCTION_WORDS:
        return None
    if a[3] is None:
        return a[1] if len(a[1]) == 1 and a[1].islower() or a[1] in ("phi", "varphi", "psi", "ell") else None
    if a[1] in ("f", "g", "phi", "varphi", "psi") and len(a[3]) == 1 and a[3][0][0] == "num" and \
            "." not in a[3][0][1]:
        return f"{a[1]}_{a[3][0][1]}"
    if len(a[3]) == 1 and a[3][0][0] == "sym" and f"{a[1]}_{a[3][0][1]}" in vocab.functions:
        return f"{a[1]}_{a[3][0][1]}"      # f_\iota(a_\iota): a gate's own function (gatefunctions.py)
    return None


def _functions(rows, vocab):
    for key in labelled_functions(rows):     # f_\iota, f_h named only in prose: each a smooth function of its own
        vocab.functions.add(key)
        vocab.activations.setdefault(key, function_coefficients(key))
    from .paramcalls import call_keys
    for key in call_keys(rows):             # o(x_t, h_{t-1}; W_o): a smooth function of its own (paramcalls.py)
        vocab.functions.add(key)
        vocab.activations.setdefault(key, function_coefficients(key))
    capitals = capital_functions(rows)      # a_t = C(z_t), C used nowhere else: a function (letterfunctions.py)
    for n in nodes(rows, "mul"):
        items = n[1]
        for a, b, op in zip(items, items[1:], n[2][1:]):
            key = _function_key(a, vocab) if op is None else None
            if key is None and op is None and a[0] == "sym" and a[1] in capitals and a[1] not in vocab.quantities:
                key = a[1]
            if key is not None and (b[0] == "paren" and b[1] == "(" or b[0] == "list" and b[1] == "("):
                vocab.functions.add(key)
                if key != a[1] and a[3][0][0] == "num":     # f_1, f_2: different functions
                    k = int(a[3][0][1]) % 7
                    vocab.activations.setdefault(key, (0.6 + 0.15 * k, 0.3 - 0.1 * k, 0.1 + 0.05 * k))


#: Bodies of a one-letter function defined by a row (``g(x) = x``, the identity output of a regression model):
#: the coefficients (a, b, c) of the smooth function tanh(a x + b) + c x it is read as (numprod.abstract_fn).
FUNCTION_BODIES = {"identity": (0.0, 0.0, 1.0), "tanh": (1.0, 0.0, 0.0)}


def _function_bodies(rows, vocab):
    r"""Rows ``g(x) = x``, ``f(z) = \tanh(z)`` that define a function the rows apply (vocab.functions) on a dummy
    name: {row index: what the row defines}; the function is read so wherever it is applied."""
    out = {}
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) < 2 or set(tree[2]) != {"="}:
            continue
        *lefts, body = tree[1]          # g(x) = h(x) = \tanh(x): g and h are both tanh
        if _named_function(body) and all(_named_function(left, vocab) for left in lefts):
            for left in lefts:          # f = \sigma ("with f = \sigma the sigmoid"): f is the sigmoid itself
                vocab.functions.discard(left[1])
                vocab.activations.pop(left[1], None)
                vocab.aliases[left[1]] = body[1]
            said = " and ".join(left[1] for left in lefts)
            out[k] = f"{said} {'are' if len(lefts) > 1 else 'is'} {FUNCTION_WORDS[body[1]][0]}"
            continue
        names = [_applied_to_dummy(left, vocab) for left in lefts]
        if not all(names) or len({arg for _, arg in names}) != 1:
            continue
        arg = names[0][1]
        body = body[2] if body[0] == "paren" else body
        word = ""
        if body == arg:
            word = "identity"
        elif body[0] == "mul" and len(body[1]) == 2 and body[1][0][0] == "sym" and \
                body[1][0][2:] == (None, None, None, 0) and body[1][1][0] == "paren" and body[1][1][2] == arg:
            word = FUNCTION_WORDS.get(body[1][0][1], ("",))[0]
        if word in FUNCTION_BODIES:
            for name, _ in names:
                vocab.activations[name[1]] = FUNCTION_BODIES[word]
            said = " and ".join(name[1] for name, _ in names)
            out[k] = f"{said} {'are' if len(names) > 1 else 'is'} {'the ' if word == 'identity' else ''}{word}"
    return out


def _function_aliases(rows) -> set:
    r"""The indices of the rows ``f = \sigma`` (one letter or more, each equal to a function word) whose letters the
    rows apply to brackets (``\hat y_t = f(o_t)``): the letters name the function, no quantity."""
    applied = set()
    for n in nodes(rows, "mul"):
        for a, b, op in zip(n[1], n[1][1:], n[2][1:]):
            if op is None and a[0] == "sym" and b[0] == "paren" and b[1] == "(":
                applied.add(a[1])
    out = set()
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) < 2 or set(tree[2]) != {"="}:
            continue
        *lefts, body = tree[1]
        if _named_function(body) and all(x[0] == "sym" and x[2:] == (None, None, None, 0) and len(x[1]) == 1 and
                                         x[1] in applied for x in lefts):
            out.add(k)
    return out


def _named_function(node, vocab=None) -> bool:
    r"""Is ``node`` a bare name of a function: one of the rows' own (``f`` in ``f(o_t)``, given ``vocab``), else a
    function word (``\sigma``, ``\tanh``: FUNCTION_WORDS) that is no quantity?"""
    if node[0] != "sym" or node[2:] != (None, None, None, 0):
        return False
    if vocab is not None:
        return node[1] in vocab.functions and len(node[1]) == 1 and node[1] not in vocab.quantities
    return node[1] in FUNCTION_WORDS and FUNCTION_WORDS[node[1]][0] in ("sigmoid", "tanh", "relu", "softmax")


def _applied_to_dummy(left, vocab):
    """(function name node, argument node) of ``g(x)``: a function the rows apply, on a bare name; else None."""
    if left[0] != "mul" or len(left[1]) != 2 or left[2][1] is not None or left[1][0][0] != "sym" or \
            left[1][1][0] != "paren" or left[1][1][2][0] != "sym":
        return None
    name, arg = left[1][0], left[1][1][2]
    if name[1] not in vocab.functions or name[2:] != (None, None, None, 0) or arg[2:] != (None, None, None, 0):
        return None
    return name, arg


def _fold(defs):
    for _ in range(4):
        new = _fold_once(defs)
        if all(a is b for a, b in zip(new, defs)):
            return new
        defs = new
    return defs


def _fold_once(defs):
    r"""A quantity defined by an expression that another row writes out is read there by its name
    (\bar{i}_t = W_i x_t + U_i h_{t-1} + b_i makes i_t = \sigma(\bar{i}_t)): it is a node of the graph."""
    out = list(defs)
    for d in defs:
        e = d.node
        if d.block or len(d.keys) != 1 or e[0] in ("sym", "num") or d.lhs is None:
            continue
        for k, other in enumerate(out):
            if other is d:
                continue
            new = _replace_subtree(other.node, e, d.lhs)
            if new is not other.node:
                out[k] = Def(other.keys, new, other.row, other.per_step, other.accumulate, other.block,
                             other.width, other.lhs)
    return out


def _replace_subtree(node, old, new):
    if node == old:
        return new
    if not isinstance(node, tuple) or not node or node[0] == "sym":
        return node
    changed = False
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            y = _replace_subtree(x, old, new)
        elif isinstance(x, list):
            y = [(z[0], _replace_subtree(z[1], old, new)) if isinstance(z, tuple) and len(z) == 2 and
                 isinstance(z[0], str) and z[0] in ("+", "-") else
                 _replace_subtree(z, old, new) if isinstance(z, tuple) else z for z in x]
            if y == x:
                y = x
        else:
            y = x
        changed = changed or y is not x
        out.append(y)
    if not changed:
        return node
    n = tuple(out)
    if n[0] == "paren" and n[2] is new:        # (\hat{n}_t): the parentheses go with the expression
        return new
    return n


def _parameter_split(keys, parts, vocab, defined) -> bool:
    """Is the row a parameter cut into equal blocks (``[w_{ir}; w_{iz}; w_{in}] = w_{ih}``, code's ``w_ir, w_iz,
    w_in = w_ih.chunk(3, 0)``: a name no row defines)? Then the weight is made of its blocks (``vocab.composites``,
    as a stacked weight of :mod:`paramstacks`): the blocks are parameters, the weight's gradient theirs stacked."""
    if len(keys) < 2 or len(parts) != 2 or parts[1][0] != "sym" or parts[0][0] != "matrix":
        return False
    try:
        ref = resolve(parts[1], vocab)
    except NotReadable:
        return False
    if ref.key in defined or ref.time is not None or ref.word or ref.transpose or ref.key in keys:
        return False
    vocab.composites[ref.key] = parts[0]
    return True


def _split_widths(defs, vocab) -> None:
    """Give a quantity split into equal parts (``[a_i; a_f; a_o; a_g] = A``, numpy's ``ai, af, ao, ag =
    np.split(A, 4)``) as many blocks as its parts, when one row defines it, it is no wider yet and no other row
    reads it whole: nothing else states its width (its weight's shape comes from its use)."""
    by_key = {d.keys[0]: d for d in defs if len(d.keys) == 1}
    for d in defs:
        if len(d.keys) < 2 or d.node[0] != "sym":
            continue
        try:
            key = resolve(d.node, vocab).key
        except NotReadable:
            continue
        whole = by_key.get(key)
        if whole is None or whole.width >= len(d.keys):
            continue
        if key not in keys_in([x.node for x in defs if x is not d and x is not whole], vocab):
            whole.width = len(d.keys)       # (not a value another row reads whole: its width is that row's)


def _widths(defs, rows, vocab):
    """IFOG_t with blocks ^{(IFO)} and ^{(G)} used: a stacked vector of 4 blocks of H."""
    from ..numeric.author import gate_letters
    used = {}
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "sym" and n[4]:
                try:
                    r = resolve(n, vocab)
                except NotReadable:
                    continue
                if r.block:
                    used.setdefault(r.key, set()).update(r.block)
    for d in defs:
        g = gate_letters(d.keys[0])
        if g and d.keys[0] in used and used[d.keys[0]] <= set(g) and not d.block:
            d.width = len(g)
        elif d.block and len(d.block) > 1 and d.block.isupper() and (not g or set(d.block) <= set(g)):
            d.width = len(d.block)      # ZRC_t^{(ZR)} = X W^{(ZR)}: two blocks of H (a weight's size from it)


def _softmax_output(defs) -> bool:
    """A forward row applies softmax (over the units): a one-unit reading of the cell would make it constant."""
    from ...latex.notation import FUNCTION_WORDS
    return any(n[0] == "sym" and FUNCTION_WORDS.get(n[1], ("",))[0] == "softmax" for d in defs for n in walk(d.node))


def _scalar_twins(vocab) -> bool:
    """A lower-case weight beside its upper-case namesake (w_S_1 and W_S_1): the lower-case rows are a scalar
    example of the vector rows, read with one unit (so when an upper-case spelling is an alias of it:
    twinsystems.py)."""
    names = set(vocab.params) | {a for a, k in vocab.aliases.items() if k in vocab.params}
    return any(p[:1].islower() and p[:1].upper() + p[1:] in names for p in names)


def _lowercase_weights(defs, vocab) -> bool:
    """Every weight the forward rows multiply a state or an input by is one lower-case letter (``a^t = w x^t +
    v h^{t-1} + b``, ``\\hat y^t = u h^t + d``): a net of single units, whose weights are numbers (vector notes
    write their matrices in capitals)."""
    weights = _multiplied_weights(defs, vocab)
    return bool(weights) and all(len(w) == 1 and w.islower() for w in weights) and \
        not any(p[:1].isupper() for p in vocab.params)


def _indexed_weights(rows, vocab) -> bool:
    """Whether a row writes a weight matrix by its entries (W_{ij}, U_{ik}: a parameter with two component
    indices; W_{oi} x_{ti} beside a scalar h_t is one unit's row of input weights)."""
    for tree in rows:
        for n in (walk(tree) if tree is not None else ()):
            if n[0] == "sym" and n[3]:
                try:
                    ref = resolve(n, vocab)
                except NotReadable:
                    continue
                if ref.key in vocab.params and sum(x in vocab.comp for x in ref.index) == 2:
                    return True
    return False


def _numbered_weights(rows, defs, vocab) -> bool:
    """A name the forward rows multiply a state or an input by is given a number other than 0 (``W_{xh} = 0.5``,
    a walkthrough's initial weights): the net is one of single units (a matrix is never one number)."""
    numbered = set()
    for tree in rows:
        if tree is not None and len(tree[1]) == 2 and tree[2] == ["="] and tree[1][0][0] == "sym" and \
                tree[1][1][0] == "num" and tree[1][0][2] is None and tree[1][0][4] is None:
            try:
                value = float(tree[1][1][1])
            except ValueError:
                continue
            if value != 0:
                numbered.add(_key_of(tree[1][0], vocab))
    if not numbered:
        return False
    states = (set(vocab.quantities) | set(vocab.inputs)) - numbered
    for d in defs:
        for n in walk(d.node):
            if n[0] == "mul" and any(a[0] == "sym" == b[0] and _key_of(a, vocab) in numbered and
                                     _key_of(b, vocab) in states for x, y in zip(n[1], n[1][1:])
                                     for a, b in ((x, y), (y, x))):
                return True
    return False


def _numbered_matrix_sizes(rows, defs, vocab):
    """(units, inputs) of a net whose weights a worked example writes out as matrices of numbers (``W_{hh} =
    \\begin{bmatrix} 0.4 & 0.1 \\\\ 0 & 0.4 \\end{bmatrix}``): a square one that a forward row multiplies a name by
    gives the units, one of as many rows and other columns the inputs. None unless they all agree, or where no
    square one is written (a matrix of one column is a vector's value, no weight)."""
    shapes = {}
    for tree in rows:
        if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="] or tree[1][0][0] != "sym" or \
                tree[1][1][0] != "matrix":
            continue
        m = tree[1][1][1]
        if len(m) < 2 or len(m[0]) < 2 or any(len(r) != len(m[0]) for r in m) or not all(
                x[0] == "num" or x[0] == "add" and len(x[1]) == 1 and x[1][0][1][0] == "num" for r in m for x in r):
            continue
        key = _key_of(tree[1][0], vocab)
        if key is not None:
            shapes.setdefault(key, set()).add((len(m), len(m[0])))
    if not shapes or any(len(v) != 1 for v in shapes.values()):
        return None
    shapes = {k: next(iter(v)) for k, v in shapes.items()}
    used = {_key_of(a, vocab) for d in defs for n in walk(d.node) if n[0] == "mul"
            for a, b in zip(n[1], n[1][1:]) if a[0] == "sym" and b[0] == "sym" and _key_of(b, vocab) not in shapes}
    used &= set(shapes)
    units = {shapes[k][0] for k in used if shapes[k][0] == shapes[k][1]}
    if len(units) != 1:
        return None
    h = units.pop()
    others = {shapes[k] for k in used if shapes[k][0] != shapes[k][1]}
    if any(r != h for r, _ in others) or len({c for _, c in others}) > 1:
        return None
    return h, (next(iter(others))[1] if others else I_DEFAULT)


def _given_number(cand, cands) -> bool:
    """``W_{xh} = 0.5`` where another forward row multiplies W_{xh} by a name: the weight's value in a worked
    example (a parameter the reader gives values of its own), not a quantity the rows compute."""
    k, keys, refs, parts, rels = cand
    vector = number_vector(parts[1])
    if len(parts) != 2 or parts[0][0] != "sym" or parts[0][4] is not None or \
            not (number_value(parts[1]) or number_matrix(parts[1]) or vector):
        return False
    if not number_value(parts[1]) and any(j != k and ps and ps[0][0] == "sym" and ps[0][3] is not None and
                                           len(ps[0][3]) == 1 and ps[0][3][0][0] == "num" for j, _, _, ps, _ in cands):
        return False        # a_1 = W h_0 + U x_1 + b beside U = (...): the example's own run, with its values
    name = (parts[0][1], repr(parts[0][3]))
    timed = number_matrix(parts[1]) or vector   # (a matrix: multiplied by a quantity at a step, W_{hh} h_{t-1};
    #                                 not A = S \Lambda S^{-1}, where the given matrices are the subject)
    return any(n[0] == "mul" and any(x[0] == "sym" and (x[1], repr(x[3])) == name for x in n[1]) and
               (not timed or any(x[0] == "sym" and (x[3] or x[4]) and any(True for _ in nodes(x[3] or x[4], "sym"))
                                 and (x[1], repr(x[3])) != name for x in n[1])) or vector and _added_bias(n, name)
               for j, _, _, ps, _ in cands if j != k for n in walk(ps[-1]))


def _added_bias(n, name) -> bool:
    """Is ``n`` a sum with the plain name ``name`` for a term beside a product of a name at a step (``W_{hx} x_t +
    b_h``): a bias, which a worked example gives numbers as it gives its weights (``b_h = [0.1; 0.2; 0.3]``)?"""
    if n[0] != "add":
        return False
    terms = [t for _, t in n[1]]
    return any(t[0] == "sym" and (t[1], repr(t[3])) == name and t[4] is None for t in terms) and \
        any(t[0] == "mul" and any(x[0] == "sym" and x[3] and any(True for _ in nodes(x[3], "sym")) for x in t[1])
            for t in terms)


def _multiplied_weights(defs, vocab) -> set:
    """The plain names the forward rows multiply a state or an input by."""
    states = set(vocab.quantities) | set(vocab.inputs)
    weights = set()
    for d in defs:
        for n in walk(d.node):
            if n[0] != "mul":
                continue
            for a, b in zip(n[1], n[1][1:]):
                for w, x in ((a, b), (b, a)):
                    if w[0] == "sym" and x[0] == "sym" and w[4] is None and w[2] is None and \
                            (w[3] is None or not getattr(vocab, "code", False) and _label_script(w[3], vocab)) and \
                            w[1] not in states and w[1] not in vocab.functions and w[1] not in FUNCTION_WORDS and \
                            _key_of(x, vocab) in states:
                        weights.add(w[1])
    return weights


def _label_script(script, vocab) -> bool:
    """A weight's label (``w_x``, ``w_h``, ``w_{hh}``): one or two lower-case letters, not the time letter (in text:
    code's ``w_hh`` is a numpy matrix)."""
    return len(script) == 1 and script[0][0] == "sym" and script[0][2:] == (None, None, None, 0) and \
        1 <= len(script[0][1]) <= 2 and script[0][1].isalpha() and script[0][1].islower() and \
        script[0][1] not in (vocab.time_var, "t")


def _multi_argument(defs, vocab):
    for d in defs:
        for n in walk(d.node):
            if n[0] == "mul":
                for a, b in zip(n[1], n[1][1:]):
                    if a[0] == "sym" and a[1] in vocab.functions and b[0] == "list" and ";" not in (b[3] or ()):
                        return True     # (o(x_t, h_{t-1}; W_o): vectors, paramcalls.py)
    return False


#: Letters a matrix's entry is written with (``V_{ij}``, ``W_{ki}``).
ENTRY_LETTERS = frozenset("ijkl")


def _entry_letters(rows) -> set:
    r"""The letters of derivatives by a matrix's entry, ``\partial E / \partial V_{ij}``, where the rows also write
    the matrix bare (``s_t = V h_t + c``): two distinct entry letters run together under a name that has no
    other script."""
    bare, found = set(), set()
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "sym" and n[2] is None and n[3] is None and n[4] is None and not n[5]:
                bare.add(n[1])
            elif n[0] == "pre" and n[1] == "partial" and n[3][0] == "sym":
                x = n[3]
                sub = x[3]
                if x[2] is None and x[4] is None and not x[5] and sub and len(sub) == 1 and sub[0][0] == "sym" and \
                        sub[0][2:] == (None, None, None, 0) and len(sub[0][1]) == 2 and \
                        set(sub[0][1]) <= ENTRY_LETTERS and sub[0][1][0] != sub[0][1][1]:
                    found.add((x[1], sub[0][1]))
    return {c for name, pair in found if name in bare for c in pair}


def _components(rows, vocab):
    r"""Letters bound by a sum over components (\sum_{i=1}^N, N not a time), and those of a derivative by a
    matrix's entry (:func:`_entry_letters`)."""
    vocab.comp.update(_entry_letters(rows))
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "big" and n[2] and n[2][0][0] == "eq" and n[2][0][1][0] == "sym" and n[3]:
                var, hi = n[2][0][1][1], n[3][0]
                if var != vocab.time_var and hi[0] == "sym" and hi[1] not in ("T", vocab.time_var, "t", "tau") and \
                        not _time_offset(var, n, vocab.time_var or "t"):
                    vocab.comp.add(var)
                    if n[2][0][1][5]:          # \sum_{h'=1}^{H}: the primed letter is the sum's own index
                        vocab.comp.add(var + "'" * n[2][0][1][5])


def _time_offset(var: str, node, time_var: str) -> bool:
    r"""Whether a big operator's letter counts steps from the time letter in its body (``\prod_{j=1}^{k}
    \operatorname{diag}(1 - h_{t+j}^2) W``: steps t+1 ... t+k, not components)."""
    for x in walk(node):
        if x[0] == "add":
            letters = {y[1] for _, y in x[1] if y[0] == "sym"}
            if var in letters and time_var in letters:
                return True
    return False


#: Names of a cell's input in code written for one step (``forward(ctx, input, hidden_state, ...)``): an input,
#: not a parameter, where no row writes the name at a step.
INPUT_WORDS = ("input", "inp")


def _unknowns(defs, vocab, timeless=False):
    timed = set()           # names written at a step somewhere (input(:,:,t) in MATLAB: a sequence, read so)
    for d in defs:
        for n in symbols(d.node):
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            if r.time is not None or r.word:
                timed.add(r.key)
    for d in defs:
        for n in symbols(d.node):
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            key = vocab.aliases.get(r.key, r.key)
            if vocab.known(key) or key in FUNCTION_WORDS or key in vocab.functions or key == "onehot":
                continue
            if key in LOSS_NAMES or key in ("T", "tau", vocab.time_var) and r.time is None:    # the steps, the time
                continue                # (t(t), a name at a time, is a quantity named like the time letter)
            low = key.lower()
            if "train" in low or "target" in low:
                vocab.targets.add(key)
            elif r.time is not None and timeless:
                continue          # c_t where no quantity has a time: names nothing here
            elif r.time is not None or r.word or key in ("x", "X") or key.split("_")[0] in ("x", "X") or \
                    key in INPUT_WORDS and key not in timed:
                vocab.inputs.add(key)
            else:
                vocab.params.add(key)


def _preacts(defs, vocab):
    out = []
    for d in defs:
        n = d.node
        while n[0] == "paren" and n[1] == "(" and n[2][0] in ("mul", "paren"):
            n = n[2]            # z = (np.tanh((z_))): a helper's body (g = lambda x: np.tanh(x)) in its brackets
        if len(d.keys) == 1 and not d.block and n[0] == "mul" and len(n[1]) == 2 and n[2][1] is None and n[1][0][0] == "sym":
            f = n[1][0]
            word = f[1]
            fname = FUNCTION_WORDS.get(word, (None,))[0] if word not in vocab.quantities else None
            if word in vocab.functions:
                fname = "abstract:" + word
            fkey = _function_key(f, vocab)
            if fkey is not None and fkey != word and fkey in vocab.functions:     # f_1(\bar h_t)
                fname, f = "abstract:" + fkey, ("sym", fkey, None, None, None, 0)
            arg = n[1][1]
            if fname and f[3] is None and f[4] is None and fname not in ("softmax", "diag", "prod", "mean") and \
                    fname not in AXIS_FUNCTION_NAMES and \
                    arg[0] != "list":
                key = d.keys[0]
                while arg[0] == "paren" and arg[2][0] in ("sym", "paren"):
                    arg = arg[2]
                if arg[0] == "sym":
                    try:
                        r = resolve(arg, vocab)
                    except NotReadable:
                        r = None
                    same_step = r is not None and not r.word and (
                        r.time is None or (r.time[0] == "sym" and r.time[1] == vocab.time_var))
                    if same_step and r.key in vocab.quantities:
                        vocab.preacts[key] = (fname, r.key)
                        out.append(d)
                        continue
                pk = "pre:" + key
                out.append(Def((pk,), arg, d.row))
                out.append(Def(d.keys, ("mul", [f, ("sym", pk, None, None, None, 0)], [None, None]), d.row))
                vocab.quantities.add(pk)
                vocab.preacts[key] = (fname, pk)
                _aliases_of_preact(key, pk, vocab)
                continue
        out.append(d)
    for key, (fname, pk) in list(vocab.preacts.items()):
        _aliases_of_preact(key, pk, vocab)
    _aliases_by_weight_label(out, vocab)
    _aliases_by_function(vocab)
    return out


def _aliases_by_function(vocab) -> None:
    r"""``tanh_input`` (``d_loss_d_tanh_input``): the input of the one unit that applies tanh, its pre-activation,
    named by the function and a word of PREACT_WORDS (not where two units apply it: ``sigmoid_input`` of a GRU)."""
    from ...latex.notation import PREACT_WORDS
    units = {}
    for fname, pk in vocab.preacts.values():
        units.setdefault(fname, []).append(pk)
    for fname, pks in units.items():
        if len(pks) != 1 or fname.startswith("abstract:") or vocab.known(fname):
            continue
        for w in sorted(PREACT_WORDS):
            name = f"{fname}_{w}"
            if not vocab.known(name):
                vocab.aliases.setdefault(name, pks[0])


def _softmax_of(rows, vocab):
    """q of a softmax(q) written anywhere (a backward row's softmax(y) - 1_y names the loss)."""
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "mul":
                for a, b in zip(n[1], n[1][1:]):
                    if a[0] == "sym" and a[1] == "softmax" and b[0] == "paren" and b[2][0] == "sym":
                        try:
                            r = resolve(b[2], vocab)
                        except NotReadable:
                            continue
                        if r.key in vocab.quantities:
                            return r.key
    return None


def _diagonal_matrix(node) -> bool:
    r"""``\operatorname{diag}(1 - h_t \odot h_t)``: a row's whole right side is a diagonal matrix built from a vector."""
    return node[0] == "mul" and len(node[1]) == 2 and node[1][0][0] == "sym" and \
        FUNCTION_WORDS.get(node[1][0][1], ("",))[0] == "diag" and node[1][1][0] in ("paren", "list")


def _outputs(defs, vocab, rows=()):
    read = set()
    for d in defs:
        for n in symbols(d.node):
            try:
                read.add(resolve(n, vocab).key)
            except NotReadable:
                pass
    out = []
    for d in defs:
        node = d.node
        is_soft = any(x[0] == "sym" and x[1] == "softmax" for x in walk(node)) or \
            ((node[0] == "frac" or node[0] == "mul" and "div" in node[2]) and
             any(x[0] == "big" for x in walk(node)) and
             any(x[0] == "sym" and x[1] == "exp" for x in walk(node)))      # exp(y) / \sum exp(y)
        if is_soft and len(d.keys) == 1:
            return [(d.keys[0], "softmax")]
    q = _softmax_of(rows, vocab)
    if q is not None:
        return [(q, "logits")]
    forms = {}          # (each row's read form once: _names_a_part compares every row with every other)
    for d in defs:
        alias = d.node[0] == "sym" or (d.node[0] == "paren" and d.node[2][0] == "sym") or _is_stack(d.node)
        if _diagonal_matrix(d.node):        # D_t = diag(1 - h_t \odot h_t): a Jacobian's factor, no output
            continue
        if _names_a_part(d, defs, vocab, forms):   # tanh_c = np.tanh(c) beside h = o * np.tanh(c): no output
            continue
        for k in d.keys:
            if k not in read and not k.startswith("pre:") and not alias and not d.block and \
                    k not in getattr(vocab, "side_names", ()):
                out.append((k, "linear"))
    if out or not defs:
        return out
    carried = set()
    for d in defs:
        for n in symbols(d.node):
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            if r.word in ("prev", "old") or (r.time is not None and r.time[0] == "add"):
                carried.add(r.key)
    states = [d.keys[0] for d in defs if not d.block and len(d.keys) == 1 and d.keys[0] in carried]
    # a second pass built on the cell (pylstm's R-operator rows Ra_I^t = W_{I,X} Rx^t + V_{I,X} x^t + ..., carried
    # like the cell's states) while the backward rows compute \frac{dE}{dh^t}, \frac{dE}{ds^t}: the loss reads
    # the states whose gradients the rows compute, not the other pass's
    named = _loss_gradient_keys(rows, vocab)
    at = {d.keys[0]: d.row for d in defs if not d.block and len(d.keys) == 1}
    ours, others = [s for s in states if s in named], [s for s in states if s not in named]
    if len(set(ours)) >= 2 and others and max(at[s] for s in ours) < min(at[s] for s in others):
        states = ours           # (only a pass written after the cell's rows: never the cell's own states)
    # the state no other state reads at its own step (h_t = o_t \tanh(c_t): h after c, in whatever order the rows
    # restate them), else the last one written
    ends = [s for s in dict.fromkeys(states) if not any(_reads_now(d, s, vocab) for d in defs
                                                         if len(d.keys) == 1 and d.keys[0] in states and d.keys[0] != s)]
    last = ends[0] if len(ends) == 1 else states[-1] if states else defs[-1].keys[0]
    # y_n = h^2_n (the output named as a copy of the last state, read by no row): the loss is on y
    copies = [d.keys[0] for d in defs if len(d.keys) == 1 and d.keys[0] not in read and not d.block and
              d.node[0] == "sym" and _key_of(d.node, vocab) == last]
    return [(copies[0] if len(copies) == 1 else last, "linear")]


def _loss_gradient_keys(rows, vocab) -> set:
    r"""The quantities whose loss gradients rows write: ``\frac{dE}{dh^t}`` (or ``\frac{\partial L}{\partial
    h_t}``) on either side of a row, a fraction of the loss's differential by a name's."""
    keys = set()
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] != "frac":
                continue
            top, bottom = _diff(n[1]), _diff(n[2])
            if top is None or bottom is None or top[1] is None or bottom[1] is None or \
                    top[1][0] != "sym" or bottom[1][0] != "sym":
                continue
            try:
                if resolve(top[1], vocab).key in LOSS_NAMES:
                    keys.add(resolve(bottom[1], vocab).key)
            except NotReadable:
                continue
    return keys


def _accumulated_loss(forward, rows, vocab):
    r"""The loss of code that adds each step's term to it in the loop (``loss += 0.5 * np.sum((y[t] - targets[t])
    ** 2)``, ``loss -= (a + b)``) and states it no other way: the Def of one step's loss (negated for ``-=``), summed
    over the steps as a per-step loss ``E_t`` is. None unless exactly one such row reads the step. (Beside a softmax
    output the reader's cross-entropy is that loss already, ``loss += -np.log(ps[t][targets[t], 0])``.)"""
    from dataclasses import replace as _replace
    found = [d for d in forward.values() if d.accumulate and d.keys[0] in LOSS_NAMES and rows[d.row] is not None
             and rows[d.row][2][0] in ("+=", "-=") and len(rows[d.row][1]) == 2]
    if len(found) != 1 or not _reads_step(found[0].node, vocab):
        return None
    d = found[0]
    node = d.node if rows[d.row][2][0] == "+=" else ("add", [("-", ("paren", "(", d.node))])
    return _replace(d, node=node)


def _writes_cross_entropy(node, probabilities, vocab) -> bool:
    r"""Does a step's loss term write the cross-entropy out, as the log of the softmax output ``probabilities``
    times labels it names (``-np.sum(target[t] * np.log(p_t[t]))``), with no entry picked by an index?"""
    if not probabilities or not any(n[0] == "sym" and n[1] == "log" for n in walk(node)):
        return False
    keys = set()
    for n in symbols(node):
        if n[1] == "log":
            continue
        try:
            keys.add(resolve(n, vocab).key)
        except NotReadable:
            return False
    return bool(keys & probabilities) and len(keys - probabilities) >= 1


def _reads_step(node, vocab) -> bool:
    """Does the expression read a quantity at the step (``y_t``, ``ps[t]``), so that it changes from step to step?"""
    for n in symbols(node):
        try:
            r = resolve(n, vocab)
        except NotReadable:
            continue
        if r.time is not None and r.time[0] == "sym" and r.time[1] == vocab.time_var:
            return True
    return False


def _names_a_part(d, defs, vocab, forms=None) -> bool:
    r"""A row naming a part another row writes out (``tanh_c = np.tanh(c)`` in a backward pass, beside the forward
    ``h = o * np.tanh(c)``): a value recalled for the gradient rows, not an output the loss reads. ``forms``: a
    table of the rows' read forms kept between calls for the same ``defs``."""
    if len(d.keys) != 1 or d.node[0] in ("sym", "num"):
        return False
    from ..numeric.numadjoint import _find
    # tanh_c_next = np.tanh(c_next) is read as a unit: its pre-activation (a row of its own, pre:tanh_c_) is c_next
    pres = {o.keys[0]: o.node for o in defs if len(o.keys) == 1 and o.keys[0].startswith("pre:")}
    forms = {} if forms is None else forms

    def form(x):
        if id(x) not in forms:
            f = _read_form(x.node, vocab, pres)
            forms[id(x)] = (x, f, frozenset(_leaves(f)))
        return forms[id(x)][1]
    target = form(d)
    need = forms[id(d)][2]
    for other in defs:
        if other is d:
            continue
        form(other)
        if not need <= forms[id(other)][2]:
            continue            # (a name or number of the part the other row does not read: no occurrence)
        found = []
        _find(form(other), target, found)
        if found:
            return True
    return False


def _leaves(form):
    """The names and numbers of a read form (:func:`_read_form`), each a hashable leaf."""
    stack, out = [form], []
    while stack:
        x = stack.pop()
        if isinstance(x, tuple) and x and x[0] in ("sym", "num"):
            try:
                hash(x)
            except TypeError:
                continue
            out.append(x)
        elif isinstance(x, (tuple, list)):
            stack.extend(y for y in x if isinstance(y, (tuple, list)))
    return out


def _read_form(node, vocab, pres=None):
    """``node`` in normal form with every symbol replaced by what it reads (its key, time and word), so that the
    ``c`` of a backward pass and the ``c_t`` of the forward rows are one name; a pre-activation named by a row of
    ``pres`` ({key: node}) is read as that row's value."""
    from ..numeric.numadjoint import normal
    pres = pres or {}

    def canon(n):
        if not isinstance(n, tuple) or not n:
            return n
        if n[0] == "sym":
            try:
                r = resolve(n, vocab)
            except NotReadable:
                return n
            if r.key in pres and pres[r.key] is not node:
                return canon(normal(pres[r.key]))
            now = r.time is None or r.time[0] == "sym" and r.time[1] == vocab.time_var
            return ("sym", r.key, "prev" if r.word in ("prev", "old") else "now" if now else repr(r.time), r.kind,
                    r.transpose, repr(r.power))
        return tuple(canon(x) if isinstance(x, tuple) else
                     [canon(y) if isinstance(y, tuple) and y and isinstance(y[0], str) and y[0] not in ("+", "-")
                      else (y[0], canon(y[1])) if isinstance(y, tuple) and len(y) == 2 and y[0] in ("+", "-")
                      else y for y in x] if isinstance(x, list) else x for x in n)
    return canon(normal(node))


def _reads_now(d, key, vocab) -> bool:
    """Does the definition ``d`` read ``key`` at its own step (c_t in h_t = o_t \\tanh(c_t), directly or through a
    pre-activation or gate of the same step)?"""
    for n in symbols(d.node):
        try:
            r = resolve(n, vocab)
        except NotReadable:
            continue
        if r.key == key and r.word not in ("prev", "old") and (r.time is None or r.time[0] != "add"):
            return True
    return False


def _key_of(node, vocab):
    try:
        return resolve(node, vocab).key
    except NotReadable:
        return None


