r"""A gradient written with a label of the path it covers: ``d h_{t-1}^{(update)}``, ``d h_{t-1}^{(from\_h)}``,
``d h_{t-1}^{(\text{carry over})}``, ``d h_{t-1}^{(\tilde{h})}``.

Texts that derive a step backward split what reaches h_{t-1} into its paths and label each piece, in a bracketed
superscript, by the quantity it passes through or by a word for it. Read without the label, the piece would be
claimed as the whole gradient (a false failure); read as "some of the paths", any piece would match some subset
of the uses, and a piece labelled with one gate but computed through another would pass. So a label is read
only when it names one quantity Q of the cell, and the piece is then the part of the gradient that flows through
Q's equation:

* the quantity itself, accented (``d h_{t-1}^{(\tilde{h})}``) or written as a word, or "from" it: ``d h_{t-1}^{(from\_h)}``
  (the use in h_t's own equation);
* a word for a role the cell's equations fix (:data:`ROLE_WORDS`): the state's own carry-over ("carry over",
  "direct": the use of the state in its own update), the gated recurrent unit's "update" gate (the one gate the
  state's update reads), its "candidate" (the one tanh unit the state's update reads) and its "reset" gate (the
  one gate the candidate's net input reads); filler words ("part", "path", "term", "from", "via") are dropped.

The piece is read as the uses of the quantity in Q's equation (and Q's net input's), and also, where Q is the
only reader of some gates at its step (a GRU's reset gate feeds only the candidate), as every path through Q
(those gates' uses added): "the candidate part" of dL/dh_{t-1} is both readings in texts. Any other label (an
unknown word, a role the equations do not fix, a quantity whose equation does not read the one differentiated)
is not read: unreadable, saying why; the piece is still checked where a row sums the pieces (summedparts.py) or
where the text states the whole gradient.

Only labels that cannot be a step or a copy index are labels: a word of two or more letters (not the time
letter, T or a time word), an accented letter, or words in
``\text{...}``; ``d h^{(t)}``, ``dh^{(k)}``, ``d h^{(2)}`` are read as before.
"""
from __future__ import annotations

from ...latex.notation import TIME_WORDS
from ..text.names import NotReadable, Ref, resolve
from ..text.trees import symbols

__all__ = ["path_label", "labelled_part"]

#: Words of a path label that only say "the part": dropped before the label is read.
FILLER_WORDS = frozenset({"part", "path", "paths", "term", "terms", "from", "via", "through", "contribution"})

#: Role words of a path label -> the role (see :func:`_role`).
ROLE_WORDS = {
    "carry over": "carry", "carry": "carry", "carried over": "carry", "direct": "carry", "carryover": "carry",
    "update": "update", "update gate": "update",
    "reset": "reset", "reset gate": "reset",
    "candidate": "candidate", "candidate state": "candidate", "candidate hidden": "candidate",
}


#: Words of a path label for the uses at the later steps (``\delta c_t^{\text{next}}``, ``\delta^{h,future}``).
LATER_WORDS = frozenset({"next", "future", "rec", "recurrent", "recurrence", "later", "未來", "未来"})
#: Words of a path label for the uses at the quantity's own step (``(\delta^h_t)_{local}``).
SAME_STEP_WORDS = frozenset({"local", "current", "now", "here", "output", "out", "當前", "当前"})


def _label_node(operand, time_var, quantities=()):
    r"""The label of ``X^{(label)}`` as ("word", text) or ("sym", node), else None. A label also stands without
    brackets after a written step (``\delta c_t^{\text{next}}``), and a plain letter is one when it is a quantity
    of the cell that cannot be an index (``\delta c_t^{(h)}``)."""
    if operand[0] != "sym" or not operand[4] or len(operand[4]) != 1:
        return None
    sup = operand[4][0]
    if sup[0] == "text" and operand[3]:
        return ("word", str(sup[1]).strip())
    if sup[0] == "sym" and operand[3] and not sup[3] and not sup[4] and sup[1].lower() in LATER_WORDS | SAME_STEP_WORDS:
        return ("word", sup[1])         # \delta c_t^{\text{next}}: the part from the later steps
    if sup[0] != "paren" or sup[1] != "(" or not isinstance(sup[2], tuple):
        return None
    x = sup[2]
    if x[0] == "sym" and len(x[1]) == 1 and x[2] is None and not x[3] and not x[4] and x[1] in quantities and \
            x[1] not in ("i", "j", "k", "n", "m", "l", time_var):
        return ("sym", x)
    if x[0] == "sym":
        if x[1] == time_var:
            return None
        if x[2] is not None:                       # \tilde{h}: a quantity's accented name
            return ("sym", x)
        word = x[1].replace("_", "")
        if len(word) >= 2 and word.isalpha() and x[1] not in TIME_WORDS and x[1] not in ("T", "tau"):
            return ("word", x[1].replace("_", " "))
        return None                                # (z, i: a plain letter may be an example's or a copy's index)
    if x[0] == "text":
        return ("word", str(x[1]).strip())
    if x[0] == "mul" and all(y[0] == "sym" and y[2] is None and y[3] is None and y[4] is None for y in x[1]):
        return ("word", " ".join(y[1] for y in x[1]))       # carry over: two words
    return None


def path_label(operand, time_var, quantities=()):
    """The written label of ``d X^{(label)}`` (text, for messages), else None."""
    lab = _label_node(operand, time_var, quantities)
    if lab is None:
        return None
    if lab[0] == "word":
        return lab[1]
    x = lab[1]
    return f"\\{x[2]}{{{x[1]}}}" if x[2] else x[1]


def _reads(ev, d, vocab):
    """Keys read by definition ``d`` at its own step."""
    out = set()
    for n in symbols(d.node):
        try:
            r = resolve(n, vocab)
        except NotReadable:
            continue
        if not (r.word in ("prev", "old") or (r.time is not None and r.time[0] == "add")):
            out.add(vocab.aliases.get(r.key, r.key))
    return out


def _defs(ev):
    return {d.keys[0]: d for d in ev.model.defs if len(d.keys) == 1}


def _own(ev, q):
    """The definitions that make q at its step: q's and its net input's."""
    pre = ev.vocab.preacts.get(q)
    return {q} | ({pre[1]} if pre else set())


def _gates(ev):
    return {q for q, (f, _) in ev.vocab.preacts.items() if f == "sigmoid"}


def _role(ev, role, key):
    """The quantity that plays ``role`` in the cell, for the gradient of ``key``; None when not one."""
    v, defs = ev.vocab, _defs(ev)
    if role == "carry":
        return key if any(s[0] == key and s[2] == 1 for s in ev.sites(key)) else None
    states = [q for q in defs if any(s[0] == q and s[2] == 1 for s in ev.sites(q))]
    if len(states) != 1:
        return None
    state_reads = _reads(ev, defs[states[0]], v)
    gates = _gates(ev)
    if role == "update":
        found = [g for g in state_reads if g in gates]
        return found[0] if len(found) == 1 else None
    cands = [q for q in state_reads if q in v.preacts and v.preacts[q][0] == "tanh"]
    if len(cands) != 1:
        return None
    if role == "candidate":
        return cands[0]
    if role == "reset":
        found = {g for k in _own(ev, cands[0]) if k in defs for g in _reads(ev, defs[k], v) if g in gates}
        return next(iter(found)) if len(found) == 1 else None
    return None


def _target(ev, lab, key):
    """The quantity a label names, or None."""
    v = ev.vocab
    if lab[0] == "sym":
        try:
            q = resolve(lab[1], v).key
        except NotReadable:
            return None
        q = v.aliases.get(q, q)
        by_preact = _by_preact_label(v, lab[1])
        if by_preact is not None:
            return by_preact
        return q if q in v.quantities else None
    words = [w for w in lab[1].lower().split() if w not in FILLER_WORDS]
    text = " ".join(words)
    if text in ROLE_WORDS:
        return _role(ev, ROLE_WORDS[text], key)
    if len(words) == 1:                          # from_h: the quantity written as a word
        q = v.aliases.get(words[0], words[0])
        return q if q in v.quantities else None
    return None


def _by_preact_label(v, node):
    """The quantity whose pre-activation carries the one-letter label ``node`` (``^{(h)}`` beside ``z_u``, ``z_r``,
    ``z_h``: the candidate, whose net input is z_h), where the gates' labels follow their pre-activations (z_u is
    u's), else None."""
    if node[0] != "sym" or node[2] is not None or node[3] or node[4] or len(node[1]) != 1:
        return None
    labelled = {}
    for q, (_, pre) in getattr(v, "preacts", {}).items():
        stem, sep, label = str(pre).rpartition("_")
        if sep and len(label) == 1:
            labelled.setdefault(label, set()).add(q)
    if not any(q == label for label, qs in labelled.items() for q in qs):
        return None             # no gate named by its pre-activation's label: the scheme is not in use
    qs = labelled.get(node[1], set())
    return next(iter(qs)) if len(qs) == 1 and next(iter(qs)) in v.quantities else None


def _through(ev, q, key):
    """The definitions every path through q covers: q's own, and those of gates read only by them."""
    v, defs = ev.vocab, _defs(ev)
    own = _own(ev, q)
    out = set(own)
    for g in _gates(ev):
        if g in own:
            continue
        readers = {k for k, d in defs.items() if k not in _own(ev, g) and g in _reads(ev, d, v)}
        if readers and readers <= own:
            out |= _own(ev, g)
    return out


def labelled_part(ev, operand, ctx):
    """The value of ``d X^{(label)}`` (module doc), or None when ``operand`` has no path label; NotReadable for
    a label that is not read."""
    lab = _label_node(operand, ev.vocab.time_var, ev.vocab.quantities)
    if lab is None:
        return None
    from .numbase import Grad, _time_text
    from .vanish import note
    shown = path_label(operand, ev.vocab.time_var, ev.vocab.quantities)
    plain = operand[:4] + (None,) + operand[5:]
    try:
        ref = resolve(plain, ev.vocab)
        target = ev.target_of(ref.without_scripts(), ctx)
    except NotReadable:
        target = None
    words = set(lab[1].lower().split()) - FILLER_WORDS if lab[0] == "word" else set()
    step_part = None
    if target is not None and target[1] is not None and len(words) == 1 and words <= LATER_WORDS | SAME_STEP_WORDS:
        later = words <= LATER_WORDS        # the uses at the later steps, or at its own step
        step_part = frozenset(s for s in ev.sites(target[0]) if (s[2] != 0) == later)
    q = None if target is None or target[1] is None or step_part is not None else _target(ev, lab, target[0])
    if step_part:
        key, tau = target
        g = Grad(key, _time_text(ref), ref.word, ctx.lhs, named="steps:" + "/".join(sorted(words)), style="d",
                 text=repr(operand[1:3]) + shown)
        ctx.seen.setdefault(g, [("path", step_part)])
        val = ev.gradient_by(ctx.readings.get(g, ("path", step_part)), key, tau, None)
        note(ev, ctx, g, val)
        return ev.scripts(val, Ref("value", transpose=ref.transpose, index=ref.index, slice=ref.slice), ctx)
    if q is None:
        raise NotReadable(f"d{operand[1]}^({shown}): a part of the gradient labelled by the path it covers; the "
                          "label names no one quantity of the cell, so which uses it covers is prose, not read "
                          "(the part is checked where the whole is stated or summed)")
    key, tau = target
    sites = ev.sites(key)
    readings = []
    for group in (_own(ev, q),) + (() if q == key else (_through(ev, q, key),)):     # through h_t: every path
        chosen = frozenset(s for s in sites if s[0] in group)
        if chosen and ("path", chosen) not in readings:
            readings.append(("path", chosen))
    if not readings:
        raise NotReadable(f"d{operand[1]}^({shown}): a part of the gradient labelled by a quantity whose "
                          "equation does not read it")
    g = Grad(key, _time_text(ref), ref.word, ctx.lhs, named="path:" + q, style="d", text=repr(operand[1:3]) + shown)
    ctx.seen.setdefault(g, readings)
    reading = ctx.readings.get(g, readings[0])
    val = ev.gradient_by(reading, key, tau, None)
    note(ev, ctx, g, val)
    return ev.scripts(val, Ref("value", transpose=ref.transpose, index=ref.index, slice=ref.slice), ctx)


def _through_label(item, den):
    r"""The path label of ``\left.\frac{\partial L}{\partial C_t}\right|_{\text{label}}`` as a superscript's
    content: a word for the later steps or the own step (``future``, ``當前``), or ``via`` a quantity written
    bare or at the gradient's own step (``\text{via } h_t``: the path through h's equation); else None."""
    if item[0] == "sym" and item[2:] == (None, None, None, 0) and item[1].lower() in LATER_WORDS | SAME_STEP_WORDS:
        return item
    if item[0] == "mul" and all(x[0] == "sym" and x[2:] == (None, None, None, 0) for x in item[1]):
        words = [x for x in item[1] if x[1].lower() not in FILLER_WORDS]       # from output, the future part
        if len(words) == 1 and words[0][1].lower() in LATER_WORDS | SAME_STEP_WORDS:
            return words[0]
    if item[0] != "mul" or len(item[1]) != 2 or item[1][0][:2] != ("sym", "via") or item[1][1][0] != "sym":
        return None
    q = item[1][1]
    step = den[3][3] if den[0] == "pre" and den[3][0] == "sym" else None
    if q[2] is not None or q[4] is not None or q[5] or len(q[1]) != 1 or (q[3] is not None and q[3] != step):
        return None
    return ("sym", q[1], None, None, None, 0)


def frac_path_labels(rows):
    r"""``\frac{\partial L}{\partial h_{t-1}}^{(\text{direct})}`` as ``d h_{t-1}^{(\text{direct})}``: the label of
    a path written on the fraction of the loss's gradient (a plain name below, no superscript of its own) is
    read as on the d-form of the same gradient (module doc); so is a label after a bar,
    ``\left.\frac{\partial L}{\partial h_t}\right|_{\text{future}}`` (:func:`_through_label`)."""
    from ...latex.notation import LOSS_NAMES
    from ..text.trees import rebuild

    def fn(node):
        if node[0] == "through" and node[1][0] == "frac" and len(node[2]) == 1:
            label = _through_label(node[2][0], node[1][2])
            if label is None:
                return node
            read = fn(("sc", node[1], None, [("paren", "(", label)], 0))
            return node if read[0] == "sc" else read
        if node[0] != "sc" or node[1][0] != "frac" or node[2] is not None or not node[3] or len(node[3]) != 1 or \
                node[3][0][0] != "paren" or node[3][0][1] != "(":
            return node
        num, den = node[1][1], node[1][2]
        if not (num[0] == "pre" and num[1] == "partial" and num[3][0] == "sym" and
                (num[3][1] in LOSS_NAMES or num[3][1].replace("mathcal:", "") in LOSS_NAMES) and
                den[0] == "pre" and den[1] == "partial" and den[3][0] == "sym"):
            return node
        x = den[3]
        if x[2] is not None or x[4] is not None or x[5]:
            return node
        return ("pre", "d", None, ("sym", x[1], None, x[3], node[3], 0))

    return [None if tree is None else rebuild(tree, fn) for tree in rows]
