r"""Pre-activations a derivation names only inside its gradients.

A text that writes the gates in full (``f_t = \sigma(h_{t-1} W_f + x_t U_f + b_f)``) and then takes the gate's
gradient by a name no row defines, labelled with the gate's own letter, names the gate's net input:
``\frac{\partial f_t}{\partial z_{f_t}}`` (AI-Edu's notes), ``\delta f_t = \frac{\partial L}{\partial a_f^t}``
(Huawei's CANN docs). The name is read as the pre-activation only when it cannot be anything else:

* the gate's pre-activation has no name of the author's (it is written out inside the gate's row);
* the name is defined by no row and known as nothing else (no parameter, input, quantity or alias);
* every use of it is inside a derivative (``\partial``, ``\delta``, ``\delta_{..}``, ``d``);
* some row takes the gate itself by it (``\partial f_t / \partial z_{f_t}``) or says that the gate's gradient
  is the loss's gradient by it (``\delta f_t = \partial L / \partial a_f^t``), at the same time.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, gradient_split, resolve
from ..text.trees import children

__all__ = ["preacts_named_by_gradients"]

#: Words of a ``pre`` node or of a name that make what they apply to the thing a gradient is taken by.
_DERIVATIVE_WORDS = ("partial", "d", "delta", "Delta", "nabla")


def _ref(node, vocab):
    r"""The reference of a name; z_{i_t}, which the reader takes as the component i of z, as the name z_i."""
    try:
        r = resolve(node, vocab)
    except NotReadable:
        return None
    if len(r.index) == 1 and vocab.preacts.get(r.index[0]) is not None:
        from dataclasses import replace
        r = replace(r, key=f"{r.key}_{r.index[0]}", index=())
    return r


def _uses(node, inside, out):
    """(sym node, inside a derivative) for every name of the tree (scripts of a \\delta entered)."""
    if not isinstance(node, tuple) or not node:
        return
    if node[0] == "sym":
        out.append((node, inside))
        if node[1] in ("delta", "Delta") and node[3]:          # \delta_{z_{ot}}: the gradient of its subscript
            for s in node[3]:
                _uses(s, True, out)
        return
    if node[0] == "pre":
        inside = inside or node[1] in _DERIVATIVE_WORDS
    for x in children(node):
        _uses(x, inside, out)


def _gate_of(ref, units):
    """The gate a name's label names (z_{f_t}: f), when its label is a gate with an unnamed pre-activation."""
    base, sep, label = ref.key.partition("_")
    return label if sep and base and label in units else None


def _timed(ref) -> bool:
    return ref.time is not None or bool(ref.word)


def _same_time(a, b) -> bool:
    return a.time == b.time and a.word == b.word


def _gradient_of(node, vocab):
    r"""The reference whose gradient ``node`` is (\delta f_t, \delta_{f_t}, dL/df_t), else None."""
    if node[0] == "pre" and node[1] in ("delta", "Delta") and isinstance(node[3], tuple) and node[3][0] == "sym":
        return _ref(node[3], vocab)
    if node[0] == "sym" and node[1] in ("delta", "Delta") and node[3] and len(node[3]) == 1 and \
            node[3][0][0] == "sym" and not node[4]:
        return _ref(node[3][0], vocab)
    return None


def _frac_sides(node, vocab):
    r"""(numerator ref, denominator ref) of ``\frac{\partial a}{\partial b}``, else None."""
    if node[0] != "frac":
        return None
    top, bottom = node[1], node[2]
    if top[0] != "pre" or bottom[0] != "pre" or top[1] not in ("partial", "d") or bottom[1] != top[1]:
        return None
    if not (isinstance(top[3], tuple) and top[3][0] == "sym" and isinstance(bottom[3], tuple) and
            bottom[3][0] == "sym"):
        return None
    a, b = _ref(top[3], vocab), _ref(bottom[3], vocab)
    return (a, b) if a is not None and b is not None else None


def _code_gradient(node, vocab):
    """The reference a code gradient name is the gradient of (``dz_f``: z_f, ``df_t``: f_t), else None."""
    if node[0] != "sym" or node[2] is not None or node[5]:
        return None
    split = gradient_split(node[1])
    if split is None or split[0] != "d":
        return None
    return _ref(("sym", split[1]) + tuple(node[2:]), vocab)


def _walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, tuple) and n:
            yield n
            stack.extend(children(n))


def _evidence(rows, vocab, units) -> dict:
    """name key -> {(gate key, written at a step)}, for names some row takes the gate, or its gradient, by."""
    out = {}
    for tree in rows:
        if tree is None:
            continue
        stack = [tree]
        while stack:                    # \partial f_t / \partial z_{f_t} anywhere
            n = stack.pop()
            if not isinstance(n, tuple) or not n:
                continue
            sides = _frac_sides(n, vocab)
            if sides is not None:
                a, b = sides
                gate = _gate_of(b, units)
                if gate is not None and a.key == gate and _same_time(a, b) and not a.primes and not b.primes:
                    out.setdefault(b.key, set()).add((gate, _timed(b)))
            stack.extend(children(n))
        parts, rels = tree[1], tree[2]          # \delta f_t = \partial L / \partial a_f^t
        named = _code_gradient(parts[0], vocab) if len(parts) >= 2 and rels[0] == "=" else None
        gate = _gate_of(named, units) if named is not None else None
        if gate is not None and any((g := _code_gradient(n, vocab)) is not None and g.key == gate and not g.primes
                                    for part in parts[1:] for n in _walk(part)):
            # code: dz_f = df_t * f_t * (1 - f_t), the gradient by z_f written through the gate's own gradient df_t
            out.setdefault(named.key, set()).add((gate, _timed(named)))
        left = _frac_sides(parts[0], vocab) if len(parts) >= 2 else None
        if left is not None and left[0].key in LOSS_NAMES:
            # \frac{\partial L}{\partial z_o} = \frac{\partial L}{\partial o_t} \odot o_t \odot (1 - o_t): the
            # gradient by z_o written through the gate's own gradient
            gate = _gate_of(left[1], units)
            if gate is not None and any(
                    (sd := _frac_sides(n, vocab)) is not None and sd[0].key in LOSS_NAMES and sd[1].key == gate
                    and not sd[1].primes for part in parts[1:] for n in _walk(part)):
                out.setdefault(left[1].key, set()).add((gate, _timed(left[1])))
        for k in range(len(parts) - 1):
            if rels[k] != "=":
                continue
            for g_node, f_node in ((parts[k], parts[k + 1]), (parts[k + 1], parts[k])):
                g = _gradient_of(g_node, vocab)
                sides = _frac_sides(f_node, vocab)
                if g is None or sides is None or sides[0].key not in LOSS_NAMES:
                    continue
                b = sides[1]
                gate = _gate_of(b, units)
                if gate is not None and g.key == gate and g.time == b.time:
                    out.setdefault(b.key, set()).add((gate, _timed(b)))
    return out


def preacts_named_by_gradients(rows, vocab) -> dict:
    """Alias every name the rows use only as a gate's pre-activation (see the module); returns name -> pre key.
    A name the rows also use without a step outside derivatives (softmax(z_i), a generic z_i) is aliased only
    where it is written at a step, when the evidence is at a step and every use at a step is a gradient's."""
    units = {key: pk for key, (_, pk) in vocab.preacts.items() if str(pk).startswith("pre:")}
    if not units:
        return {}
    found = _evidence(rows, vocab, units)
    known = vocab.quantities | vocab.static | vocab.params | vocab.inputs | vocab.targets | set(vocab.aliases)
    bad = {}                    # key -> {timed?} of the uses that are not a gradient's variable
    for tree in rows:
        if tree is None:
            continue
        for k, part in enumerate(tree[1]):
            uses = []
            _uses(part, False, uses)
            for node, inside in uses:
                r = _ref(node, vocab)
                if r is None or r.key not in found:
                    continue
                if not inside or (k == 0 and node is part) or r.transpose or r.power is not None or r.primes:
                    bad.setdefault(r.key, set()).add(_timed(r))     # a value, or defined by a row
    out = {}
    for key, ev in found.items():
        gates = {g for g, _ in ev}
        if len(gates) != 1 or key in known or vocab.known(key) or key in LOSS_NAMES:
            continue
        pk = units[next(iter(gates))]
        if not bad.get(key):
            vocab.aliases[key] = out[key] = pk
        elif bad[key] == {False} and all(timed for _, timed in ev):
            vocab.timed_aliases[key] = out[key] = pk
    return out
