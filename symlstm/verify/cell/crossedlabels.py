r"""A weight of another gate in a gate's row: ``z_t = \sigma(W_r x_t + U_z h_{t-1} + b_z)`` beside
``r_t = \sigma(W_r x_t + U_r h_{t-1} + b_r)``.

A forward row defines its name freely, so the reader cannot say such a row is wrong by itself: it would define a
cell whose gate z reads r's input weights. But a gate whose every other weight and bias carries its own label
(U_z, b_z), and one weight the label of another gate whose own row the derivation states (W_r, in r's row), is
the copy-and-paste slip of tutorials and code comments, not a cell anyone means. Such a row fails, naming the
weight and the one meant. Labels are read from subscripts: one letter (W_z, b_z), or two whose first names the
input or the state (W_{xz}, W_{hz}: the gate's letter last). Only when the row has a label of its own and exactly
one of another gate (``o_t = \sigma(W_o h_{t-1} + U_f x_t)``, ``i_t = \sigma([x_t, h_{t-1}] W_o + b_i)``), and that
gate's row has at least two of its own; or, for a row with no label of its own, when the row is that gate's row
copied with its labels changed (``f_t = \sigma([x_t, h_{t-1}] W_o + b_t)`` beside ``o_t = \sigma([x_t, h_{t-1}] W_o
+ b_o)``, a bias written with the step's letter), and the one label left of the other gate's is a weight matrix's
(W, U, V: not a bias, nor Graves's ``b_h``, a unit's output).
"""
from __future__ import annotations

import re

from ..text.trees import walk

__all__ = ["CROSSED_WHY", "crossed_labels", "stray_inputs", "last_step_inputs", "odd_gate_functions",
           "same_weight_updates"]

#: How a report of this module reads (code_results keeps it where a code's failing forward rows are dropped).
CROSSED_WHY = re.compile(r" in the row of \S+, whose other weights are labelled |: the other rows read the input at the step |"
                         r": the input at the last step, in the row of a step's value |"
                         r"\) are sigmoids of theirs: |: the update interpolates the state's step before and the candidate ")

#: Letters of weights and biases (W, U, V, B, b), and the first letters of a two-letter label naming the input or
#: the state (W_{xz}, W_{hz}, W_{az}).
WEIGHT_LETTERS = ("W", "U", "V", "B", "b")
SOURCE_LETTERS = ("x", "h", "a", "s")
#: Accents of a candidate's name, which may be a capital (``\tilde{C}_t``, labelled C: ``W_C``, ``b_C``).
CANDIDATE_ACCENTS = ("tilde", "hat", "bar")


def _letters(items):
    out = []
    for x in items or ():
        if x[0] != "sym" or x[2] is not None or x[3] is not None or x[4] is not None or x[5]:
            return None
        out.append(x[1])
    return "".join(out)


def _label(node, time_var=None):
    """(weight letter, gate label) of a weight or bias written with a label, else None. One letter may be a capital
    (``W_C``, ``b_C`` of the candidate ``\tilde{C}_t``), never the time letter (``b_t``, a bias written with the
    step's subscript, is labelled by no gate)."""
    if node[0] != "sym" or node[1] not in WEIGHT_LETTERS or not node[3] or node[5]:
        return None
    label = _letters(node[3])
    if label is None:
        return None
    if len(label) == 1 and label.isalpha():
        return (node[1], label) if label.lower() != (time_var or "").lower() else None
    if len(label) == 2 and label[0] in SOURCE_LETTERS and label[1].islower():
        return node[1], label[1]
    return None


def _gate(lhs, time_var):
    """The gate label a row's left side names: its letter (z_t, r), the capital of a candidate
    (``\\tilde{C}_t``: C), or the label of \\Gamma_u."""
    if lhs[0] != "sym":
        return None
    subs = [x for x in (lhs[3] or ()) if not (x[0] == "sym" and x[1] == time_var)]
    if len(lhs[1]) == 1 and (lhs[1].islower() or lhs[2] in CANDIDATE_ACCENTS) and lhs[1].isalpha() and not subs:
        return lhs[1]
    if len(subs) == 1 and subs[0][0] == "sym" and len(subs[0][1]) == 1 and subs[0][1].islower():
        return subs[0][1]
    return None


def crossed_labels(trees: dict, time_var) -> dict:
    """{row index: why} for the forward rows ``trees`` ({row index: tree}) with a weight of another gate."""
    labels, gates = {}, {}
    for k, tree in trees.items():
        if tree is None or len(tree[1]) != 2 or tree[2][0] != "=":
            continue
        gate = _gate(tree[1][0], time_var)
        if gate is None:
            continue
        found = [(n, _label(n, time_var)) for n in walk(tree[1][1]) if _label(n, time_var) is not None]
        gates[k], labels[k] = gate, found
    own = {gates[k]: k for k in gates}
    out = {}
    for k, found in labels.items():
        mine = [n for n, (_, g) in found if g == gates[k]]
        other = [(n, g) for n, (_, g) in found if g != gates[k]]
        if len(other) != 1:
            continue
        node, g = other[0]
        j = own.get(g)
        if j is None or j == k or sum(1 for _, (_, x) in labels[j] if x == g) < 2:
            continue
        if not mine and (node[1] not in ("W", "U", "V") or
                         _shape(trees[k][1][1], time_var) != _shape(trees[j][1][1], time_var)):
            continue
        letter = node[1]
        label = _letters(node[3])
        meant = label[:-1] + gates[k]
        if mine:
            mates = ", ".join(f"{n[1]}_{{{_letters(n[3])}}}" for n in mine)
            out[k] = (f"{letter}_{{{label}}} in the row of {gates[k]}, whose other weights are labelled {gates[k]} "
                      f"({mates}), while {letter}_{{{label}}} is the weight of {g}'s own row: "
                      f"{letter}_{{{meant}}} meant?")
        else:
            out[k] = (f"{letter}_{{{label}}} in the row of {gates[k]}, a copy of {g}'s own row but for its bias: "
                      f"{letter}_{{{meant}}} meant?")
    return out


def _shape(node, time_var):
    """A row's right side with its weights and biases unlabelled (``\\sigma([x_t, h_{t-1}] W_o + b_t)`` and
    ``\\sigma([x_t, h_{t-1}] W_o + b_o)`` have one shape): a copied row's, for a gate that has no label of its
    own."""
    if not isinstance(node, tuple):
        return node
    if node and node[0] == "sym" and node[1] in WEIGHT_LETTERS and node[3] and not node[4] and not node[5] and \
            _letters(node[3]) is not None and len(_letters(node[3])) <= 2:
        return ("sym", node[1])
    return tuple(_shape(x, time_var) if isinstance(x, tuple) else
                 [_shape(y, time_var) for y in x] if isinstance(x, list) else x for x in node)


#: The bases of a step's input (``x_t``, ``X_t``, ``\mathbf{x}_t`` is read as x).
INPUT_BASES = ("x", "X")


def _timed(node, time_var) -> bool:
    """x_t, x^t, x^{(t)}, x_{t+1}: the input at a step of the time letter (and no other script)."""
    def is_time(items):
        if not items or len(items) != 1:
            return False
        x = items[0][2] if items[0][0] == "paren" else items[0]
        return any(n[0] == "sym" and n[1] == time_var for n in walk(x))
    subs, sups = node[3], node[4]
    return (is_time(subs) and not sups) or (is_time(sups) and not subs)


def _stray_letter(node, time_var):
    """i for x_i / x_i^t (one lower-case letter, not the time letter, at most the time above): else None."""
    subs, sups = node[3], node[4]
    if not subs or len(subs) != 1 or subs[0][0] != "sym" or subs[0][3] or subs[0][4]:
        return None
    letter = subs[0][1]
    if len(letter) != 1 or not letter.islower() or letter == time_var:
        return None
    if sups and not _timed(("sym", "x", None, None, sups, 0), time_var):
        return None
    return letter


def stray_inputs(trees: dict, time_var) -> dict:
    """{row index: why} for the forward rows ``trees`` of gates that read the input under the gate's own label
    (``z_t = \\sigma(W_z x_z + U_z h_{t-1} + b_z)``, ``i_t = \\sigma(W_i x_i + ...)``) where every other row reads it
    at the step (``x_t``): the label copied onto the input with the weights', a name no row defines. Another stray
    letter (``a_Z^t = W_{Z,X} x_i^t + ...``) is left as read: annotators of one note read it both ways (a typo for
    x^t, or a component). Not in rows of components (a sum, or the letter on the left side)."""
    if not time_var:
        return {}
    timed_rows, stray = set(), {}
    for k, tree in trees.items():
        if tree is None or len(tree[1]) != 2 or tree[2][0] != "=":
            continue
        lhs, rhs = tree[1]
        nodes = list(walk(rhs))
        if any(n[0] == "big" for n in nodes):
            continue
        found = []
        for n in nodes:
            if n[0] != "sym" or n[1] not in INPUT_BASES:
                continue
            if _timed(n, time_var):
                timed_rows.add(k)
            elif _stray_letter(n, time_var) is not None:
                found.append(n)
        left = {x[1] for x in walk(lhs) if x[0] == "sym" and x is not lhs}
        steps = any(n[0] == "sym" and n[1] not in INPUT_BASES and
                    any(x[0] == "sym" and x[1] == time_var for s in [*(n[3] or ()), *(n[4] or ())] for x in walk(s))
                    for n in nodes)
        gate = _gate(lhs, time_var)
        found = [n for n in found if _stray_letter(n, time_var) not in left and _stray_letter(n, time_var) == gate]
        if len(found) == 1 and steps:
            stray[k] = found[0]
    out = {}
    for k, node in stray.items():
        if not (timed_rows - {k}):
            continue
        letter = _stray_letter(node, time_var)
        out[k] = (f"{node[1]}_{{{letter}}}: the other rows read the input at the step ({node[1]}_{{{time_var}}}); "
                  f"{node[1]}_{{{letter}}} is no quantity of the rows ({node[1]}_{{{time_var}}} meant?)")
    return out


def last_step_inputs(trees: dict, time_var) -> dict:
    r"""{row index: why} for the forward rows ``trees`` of a value at step t (``c_t = f_t \odot c_{t-1} + i_t \odot
    g(V x_T + U h_{t-1} + b)``) that read the input at the last step (``x_T``) where every other row reads it at the
    step (``x_t``): the step's value would not depend on the step's input."""
    if not time_var:
        return {}
    timed, found = set(), {}
    for k, tree in trees.items():
        if tree is None or len(tree[1]) != 2 or tree[2][0] != "=":
            continue
        lhs, rhs = tree[1]
        if lhs[0] != "sym" or not _timed(lhs, time_var):
            continue
        for n in walk(rhs):
            if n[0] != "sym" or n[1] not in INPUT_BASES:
                continue
            if _timed(n, time_var):
                timed.add(k)
            elif n[3] and len(n[3]) == 1 and n[3][0][0] == "sym" and n[3][0][1] == "T" and not n[4] and \
                    not n[3][0][3] and not n[3][0][4]:
                found.setdefault(k, n)
    return {k: f"{n[1]}_T: the input at the last step, in the row of a step's value ({n[1]}_{{{time_var}}} meant?): "
               f"the other rows read it at the step" for k, n in found.items() if timed - {k}}


#: The squashing functions a gate's row may apply (sigmoids), and the families of gate letters: an LSTM's (i, f, o;
#: its z, g or c is the block input, a tanh; Coursera's \Gamma_u, \Gamma_f, \Gamma_o), a GRU's (r with z or u).
SIGMOIDS = ("sigma", "sigmoid", "logistic", "sigm")
GATE_FAMILIES = (("i", "f", "o"), ("u", "f", "o"), ("r", "z", "u"))


def _unbraced(node):
    while node[0] == "paren" and node[1] == "{":
        node = node[2]
    return node


def _outer_function(rhs):
    """'tanh' for ``\\tanh(...)``, the function a row's right side applies to its whole argument, else None."""
    rhs = _unbraced(rhs)
    if rhs[0] == "mul" and len(rhs[1]) == 2 and rhs[1][0][0] == "sym" and rhs[1][1][0] == "paren" and \
            not rhs[1][0][3] and not rhs[1][0][4]:
        return rhs[1][0][1]
    return None


def odd_gate_functions(trees: dict, time_var) -> dict:
    """{row index: why} for a gate's row (``i_t``, ``f_t``, ``o_t``; a GRU's ``r_t``, ``z_t``) that squashes an
    affine map of the weights with tanh where the derivation's other gates of its family are
    sigmoids of theirs (a Vietnamese LSTM's ``i_t = \\tanh(W_{i,x} x_t + W_{i,h} h_{t-1} + b_i)`` beside sigmoid
    forget and output gates): the slip of a copied row, not a gate (whose value lies in (0, 1))."""
    rows = {}
    for k, tree in trees.items():
        if tree is None or len(tree[1]) != 2 or tree[2][0] != "=":
            continue
        lhs, rhs = _unbraced(tree[1][0]), tree[1][1]
        gate = _gate(lhs, time_var)
        if lhs[0] != "sym" or lhs[1] != gate and lhs[1] != "Gamma":
            continue                # (f_i^{(t)}: a component i of f, not the gate i)
        if gate is None or not any(n[0] == "sym" and n[1] in ("W", "U", "V") for n in walk(rhs)):
            continue
        rows[k] = (gate, _outer_function(rhs))
    letters = {g for g, _ in rows.values()}
    family = next((f for f in GATE_FAMILIES if len(letters & set(f)) >= 2 and f[0] in letters), None)
    if family is None:
        return {}
    out = {}
    if family[0] == "r" and letters & {"i", "f"}:
        return {}               # (an SRU's f and r gates beside its linear z: no GRU)
    for k, (gate, fn) in rows.items():
        if gate not in family or fn != "tanh":
            continue            # (a row of no function is often another quantity: an output o_t = V h_t)
        others = sorted({g for j, (g, f) in rows.items() if j != k and g in family and g != gate and f in SIGMOIDS})
        if len(others) < (2 if family[0] == "i" else 1) or sum(1 for g, _ in rows.values() if g == gate) > 1:
            continue        # (a gate written twice, pre-activation then sigmoid, is two rows of one gate)
        out[k] = (f"the gate {gate} is computed with \\tanh, while the other gates ("
                  f"{', '.join(others)}) are sigmoids of theirs: a gate's value is the sigmoid of its affine map, "
                  f"in (0, 1) (\\sigma meant?)")
    return out


def _gate_weight(node, gates):
    """The gate a coefficient is (``z_t``) or complements (``1 - z_t``), with the side: (gate letter, True for
    the gate itself, False for 1 - gate), else None."""
    node = _unbraced(node)
    while node[0] == "paren":
        node = node[2]
    if node[0] == "sym":
        return (repr(node), True) if node[1] in gates and not node[2] else None
    if node[0] == "add" and len(node[1]) == 2 and node[1][0] == ("+", ("num", "1")) and node[1][1][0] == "-":
        inner = _gate_weight(node[1][1][1], gates)
        return (inner[0], False) if inner is not None and inner[1] else None
    return None


def same_weight_updates(trees: dict, time_var) -> dict:
    """{row index: why} for a gated state's update that weights both of its terms by the same gate coefficient, one
    term the state's step before (``h_t = (1 - z_t) \\odot h_{t-1} + (1 - z_t) \\odot \\tilde{h}_t``, a Chinese GRU
    note's slip): a GRU's new state interpolates the old one and the candidate, with z and 1 - z. (An LSTM's
    ``c_t = \\Gamma_f c_{t-1} + \\Gamma_u \\tilde{c}_t`` weights its terms by two gates: no slip.)"""
    gates = set()
    for tree in trees.values():
        if tree is not None and len(tree[1]) == 2 and tree[2][0] == "=":
            lhs = _unbraced(tree[1][0])
            if lhs[0] == "sym" and _outer_function(tree[1][1]) in SIGMOIDS:
                gates.add(lhs[1])
    out = {}
    for k, tree in trees.items():
        if tree is None or len(tree[1]) != 2 or tree[2][0] != "=":
            continue
        rhs = _unbraced(tree[1][1])
        if rhs[0] != "add" or len(rhs[1]) != 2 or any(sign != "+" for sign, _ in rhs[1]):
            continue
        lhs = _unbraced(tree[1][0])
        weights, values = [], []
        for _, term in rhs[1]:
            term = _unbraced(term)
            if term[0] != "mul" or len(term[1]) != 2:
                break
            w = _gate_weight(term[1][0], gates)
            w, value = (w, term[1][1]) if w is not None else (_gate_weight(term[1][1], gates), term[1][0])
            if w is None:
                break
            weights.append(w)
            values.append(_unbraced(value))
        if len(weights) == 2 and weights[0] == weights[1] and lhs[0] == "sym" and \
                any(v[0] == "sym" and v[1] == lhs[1] and v[2] == lhs[2] and v != lhs for v in values):
            g = next(n for n in walk(tree[1][1]) if repr(n) == weights[0][0])
            name = f"{g[1]}_{{{time_var}}}" if g[3] and time_var else g[1]
            both = name if weights[0][1] else f"1 - {name}"
            out[k] = (f"both terms are weighted by {both}: the update interpolates the state's step before and the "
                      f"candidate with {name} and 1 - {name}, which sum to one")
    return out
