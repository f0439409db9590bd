r"""Backpropagation through time written as a loop over a course's step function.

Course assignments (Coursera's *Sequence Models* ``rnn_backward`` / ``lstm_backward``, CS231n's ``rnn_backward``)
give a backward *step* and ask for the loop over the steps; the loop's whole content is which gradient goes in::

    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        da_prevt = gradients["da_prev"]
        dWax += gradients["dWax"]
    da0 = da_prevt

The state's gradient at step t is the loss's own part at t (the upstream array over all steps, ``da[:, :, t]``,
``dh[:, t, :]``) plus what step t+1 sends back (the previous call's ``da_prev``, carried in a variable); the cell's
gradient (an LSTM's ``dc_next``) is only what step t+1 sends back. A call missing either part, or passing a
variable the loop never updates (zero at every step), fails where it is written; so does a carried variable taken
from another output of the step (``da_prevt = gradients["dc_prev"]``) and ``da0 = da_prevt`` when the loop never
updates ``da_prevt``. The rows that pass on the same reading: the call, the carried variables' updates, the
input's gradient stored at its step (``dx[:, :, t] = gradients["dxt"]``) and the first state's gradient after the
loop (``da0 = da_prevt``).

The step functions' signatures are a table (:data:`STEP_FUNCTIONS`: the handouts' argument and output order); a
call whose unpacked names contradict the table (another author's function of the same name returning ``dh_prev,
ds_prev, grads``) is left alone, as is a call whose arguments hold anything but sums of slices, names and reshapes.
Nothing is run: each argument is parsed with Python's grammar (:func:`ast.parse`, bounded) and read as a sum of
parts.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ..text.codefences import CODE_FENCE_LANGUAGES, _indent, _uncommented, fence_blocks
from .accumstarts import ZERO_STARTS
from .report import RowResult

__all__ = ["STEP_FUNCTIONS", "STEP_CALL_NOTE", "step_call_results"]


@dataclass(frozen=True)
class StepFunction:
    """A handout's backward step: the role of each positional argument (``state``: the hidden state's gradient,
    ``cell``: an LSTM cell's, ``cache``) and of its outputs, by dictionary key or by tuple position (``input``: the
    input's gradient, ``state``/``cell``: what reaches the step before, ``param``)."""
    args: tuple
    outputs: object          # {key: role} for a dictionary of gradients, or a tuple of roles


#: The handouts' backward steps (Coursera C5W1 "Building your RNN step by step"; CS231n assignment 3).
STEP_FUNCTIONS = {
    "rnn_cell_backward": StepFunction(("state", "cache"), {
        "dxt": "input", "da_prev": "state", "dWax": "param", "dWaa": "param", "dba": "param"}),
    "lstm_cell_backward": StepFunction(("state", "cell", "cache"), {
        "dxt": "input", "da_prev": "state", "dc_prev": "cell", "dWf": "param", "dWi": "param", "dWc": "param",
        "dWo": "param", "dbf": "param", "dbi": "param", "dbc": "param", "dbo": "param"}),
    "rnn_step_backward": StepFunction(("state", "cache"), ("input", "state", "param", "param", "param")),
    "lstm_step_backward": StepFunction(("state", "cell", "cache"),
                                       ("input", "state", "cell", "param", "param", "param")),
}

#: The note on such a row.
STEP_CALL_NOTE = "a loop over a course's backward step: which gradient goes in at each step"

#: The role a gradient's name shows (``dprev_h``, ``da_prevt``: the state; ``dc_prev``, ``ds_prev``: the cell;
#: ``dx``: the input); None when the name shows none.
_ROLE_NAMES = (("cell", re.compile(r"^d_?(?:c|s|prev_?c|next_?c)(?:_?(?:prev|next|t|\d))*$", re.I)),
               ("state", re.compile(r"^d_?(?:a|h|prev_?h|next_?h)(?:_?(?:prev|next|t|\d))*$", re.I)),
               ("input", re.compile(r"^d_?x", re.I)))
_LOOP = re.compile(r"^\s*for\s+(?P<t>[A-Za-z_]\w*)\s+in\s+(?:reversed\(\s*)?(?:x?range|(?:np\.)?arange)\(")
#: A loop header counting down: ``reversed(range(T))``, ``range(T - 1, -1, -1)``.
_BACKWARD_LOOP = re.compile(r"\breversed\(|,\s*-\s*\d+\s*\)\s*\)?\s*:\s*$|\[::-1\]")
_ASSIGN = re.compile(r"^\s*(?P<lhs>[^=]+?)\s*(?P<op>\+?=)(?!=)\s*(?P<rhs>.+?)\s*;?\s*$")
_DEF = re.compile(r"^\s*def\s+(?P<name>\w+)\s*\((?P<params>[^)]*)\)")
_NAME = re.compile(r"^[A-Za-z_]\w*$")
#: Bounds on what is parsed: a line's length and the depth of a name's chain of definitions.
MAX_LINE = 400
MAX_DEPTH = 8


def step_call_results(text: str) -> list:
    """A :class:`RowResult` for each call of a backward step in a loop over the steps of the text's Python fences,
    and for the lines carrying its outputs (module doc)."""
    out = []
    for start, _, body in fence_blocks(text, (*CODE_FENCE_LANGUAGES, "")):
        out += _fence(body, start)
    return out


def _statements(body):
    """(index of the first line, the statement joined over its continuation lines) of a fence's lines."""
    out, k = [], 0
    while k < len(body):
        line = _uncommented(body[k][:MAX_LINE + 1]).rstrip()
        first = k
        while line.count("(") + line.count("[") > line.count(")") + line.count("]") and k + 1 < len(body) and \
                len(line) < MAX_LINE and (line.rstrip()[-1:] in "([{,+-*/\\" or
                                          _indent(body[k + 1]) > _indent(body[first]) and body[k + 1].strip()):
            k += 1          # (a line left open, np.zeros((n_a, m), does not swallow the statements after it)
            line += " " + _uncommented(body[k]).strip()
        out.append((first, line if len(line) <= MAX_LINE else ""))     # (longer lines are not read)
        k += 1
    return out


def _fence(body, start):
    stmts = _statements(body)
    out = []
    layers, seen, owns, calls = None, 0, {}, 0
    for n, (k, line) in enumerate(stmts):
        m = _ASSIGN.match(line)
        if m is None or m["op"] != "=" or len(line) > MAX_LINE:
            continue
        call = _call(m["rhs"])
        if call is None and _LAYER_BACKWARD.match(m["rhs"]) and seen < MAX_LAYER_CALLS:
            seen += 1           # (a fence of hundreds of such calls is no Time layer's loop: the first few only)
            layers = _layer_classes(stmts) if layers is None else layers
            call = _layer_call(stmts, n, m["rhs"], m["lhs"], layers)
            if call is not None and call[0] == "swapped":
                out.append(_row(start + k + 1, line, "fail", call[1]))
                continue
        if call is None:
            continue
        calls += 1
        if calls > MAX_LAYER_CALLS:
            return []       # (a fence of hundreds of step calls is no course's loop: none is judged, as forwardcalls)
        fn, args = call
        if isinstance(fn.outputs, tuple) and len(_split_targets(m["lhs"])) != len(fn.outputs):
            name = re.match(r"^(?:self\.)?(\w+)", m["rhs"])[1]
            if name not in owns:        # (once per function: a fence of many calls stays linear)
                owns[name] = _own_outputs(stmts, name)
            own = owns[name]
            if own is not None:     # the fence's own step returning dx, dprev_h, dWx: its return's names' roles
                fn = StepFunction(fn.args, own)
        loop = _enclosing_loop(stmts, n)
        if loop is None:
            continue
        if isinstance(fn.outputs, tuple) and _NAME.match(m["lhs"].strip()) and any(
                _output_key(m["lhs"].strip(), v) is not None for i in loop[2] if i > n
                for a in [_ASSIGN.match(stmts[i][1])] if a for v in _split_targets(a["rhs"])):
            # grads = lstm_step_backward(da_curr, dc_curr, caches[t]) kept whole: the author's step returns a
            # dictionary (grads["da_prev"]); its keys' names give their roles
            fn = StepFunction(fn.args, {})
        out += _judge_loop(stmts, n, loop, fn, args, m["lhs"], start)
    return out


def _call(rhs):
    """(the step function, its argument nodes) of ``rhs`` when it is one call of a table's function."""
    name = re.match(r"^(?:self\.)?(?P<fn>\w+)\s*\(", rhs)
    if name is None or name["fn"] not in STEP_FUNCTIONS:
        return None
    args = call_arguments(rhs)
    return None if args is None else (STEP_FUNCTIONS[name["fn"]], args)


#: A layer object's backward step called by its method: ``dx, dh = layer.backward(dhs[:, t, :] + dh)`` (Saito's
#: *Deep Learning from Scratch 2*, TimeRNN / TimeLSTM / TimeGRU): the roles of its arguments by their number.
LAYER_BACKWARD_ARGS = {1: ("state",), 2: ("state", "cell")}
#: At most this many step calls (and layer objects' calls) of one fence are read.
MAX_LAYER_CALLS = 16
_LAYER_BACKWARD = re.compile(r"^(?P<obj>[A-Za-z_]\w*)\.backward\s*\(")
_CLASS = re.compile(r"^(?P<indent>\s*)class\s+(?P<name>[A-Za-z_]\w*)")
_RETURN = re.compile(r"^\s*return\s+(?P<values>[A-Za-z_][\w\s,]*?)\s*$")


def _own_outputs(stmts, name):
    """The roles of what the fence's own function ``name`` returns, by the returned names (``return dx, dprev_h,
    dWx``: input, state, param), else None."""
    for i, (_, line) in enumerate(stmts):
        d = _DEF.match(line)
        if d is None or d["name"] != name:
            continue
        for _, body in stmts[i + 1:]:
            if body.strip() and _indent(body) <= _indent(line):
                return None
            r = _RETURN.match(body)
            if r is not None:
                names = _split_targets(r["values"])
                roles = tuple(_role_of(x) or ("param" if re.match(r"^d_?[WUVb]", x) else None) for x in names)
                return roles if all(roles) and "state" in roles else None
        return None
    return None


def _layer_classes(stmts) -> dict:
    """{class: (the roles of what its ``backward`` returns, its names)} of the fence's classes whose backward
    method returns gradients named by their roles (``return dx, dh_prev, dc_prev``)."""
    out, cls, method = {}, None, None
    for _, line in stmts:
        c = _CLASS.match(line)
        if c is not None:
            cls, cind, method = c["name"], len(c["indent"]), None
            continue
        d = _DEF.match(line)
        if d is not None:
            method = d["name"] if cls is not None and _indent(line) > cind else None
            continue
        r = _RETURN.match(line)
        if r is not None and method == "backward" and cls not in out:
            names = _split_targets(r["values"])
            roles = tuple(_role_of(x) for x in names)
            if all(roles) and len(names) >= 2:
                out[cls] = (roles, tuple(names))
    return out


def _layer_call(stmts, n, rhs, lhs, layers):
    """(the step, its argument nodes) of ``obj.backward(...)`` on a layer object whose class the enclosing class
    constructs (``layer = LSTM(*self.params)``, then ``layer = self.layers[t]``), its outputs' roles read from the
    names it is unpacked into; ("swapped", why) where those names take the class's outputs in another order
    (``dx, dh, dc = layer.backward(...)`` of a backward returning ``dx, dc_prev, dh_prev``); else None."""
    m = _LAYER_BACKWARD.match(rhs)
    args = call_arguments(rhs)
    targets = _split_targets(lhs)
    if m is None or args is None or len(args) not in LAYER_BACKWARD_ARGS:
        return None
    roles = tuple(_role_of(x) for x in targets)
    if not all(roles) or "state" not in roles or len(set(roles)) != len(roles):
        return None
    built = _constructed(stmts, n, m["obj"], layers)
    if built is not None:
        own, names = layers[built]
        if sorted(own) == sorted(roles) and own != roles:
            pairs = [f"{t} takes {x}, the {r}'s gradient" for t, x, r, want in zip(targets, names, own, roles)
                     if r != want]
            return "swapped", (f"{built}.backward returns {', '.join(names)}: " + "; ".join(pairs))
        if own != roles:
            return None
    return StepFunction(LAYER_BACKWARD_ARGS[len(args)], roles), args


def _constructed(stmts, n, obj, layers):
    """The one class of ``layers`` the class holding statement ``n`` constructs (``layer = LSTM(...)``), else None."""
    top = next((i for i in range(n, -1, -1) if _CLASS.match(stmts[i][1]) and
                _indent(stmts[i][1]) < _indent(stmts[n][1])), None)
    if top is None:
        return None
    end = next((i for i in range(top + 1, len(stmts)) if stmts[i][1].strip() and
                _indent(stmts[i][1]) <= _indent(stmts[top][1])), len(stmts))
    found = {c["cls"] for i in range(top, end) for c in [re.match(r"^\s*[A-Za-z_]\w*\s*=\s*(?P<cls>[A-Z]\w*)\s*\(",
                                                                     stmts[i][1])] if c and c["cls"] in layers}
    return next(iter(found)) if len(found) == 1 else None


def call_arguments(rhs):
    """The positional argument nodes of ``rhs`` when the whole of it is one call without keywords, else None
    (parsed with Python's grammar; ``rhs`` is one statement's right side, bounded by :data:`MAX_LINE`)."""
    try:
        tree = ast.parse(rhs, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(tree, ast.Call) or tree.keywords:
        return None
    return tree.args


def _enclosing_loop(stmts, n):
    """(index of the loop's statement, its variable, the indices of its body's statements) of the loop over the
    steps holding statement ``n``; a fence that lost its indentation (a forum's copy) ends the loop at a ``def``,
    a ``return`` or the first statement after it at the loop's own indentation when it has any."""
    line0 = stmts[n][1]
    for j in range(n - 1, -1, -1):
        m = _LOOP.match(stmts[j][1])
        if m is None:
            continue
        ind = _indent(stmts[j][1])
        flat = _indent(line0) <= ind
        if flat and any(_DEF.match(s) or s.strip().startswith("return") for _, s in stmts[j + 1:n]):
            return None
        members = []
        for i in range(j + 1, len(stmts)):
            s = stmts[i][1]
            if not s.strip():
                continue
            if not flat and _indent(s) <= ind or flat and (_DEF.match(s) or s.strip().startswith("return")):
                break
            members.append(i)
        if n in members:
            return j, m["t"], members
        return None
    return None


class _Unread(Exception):
    pass


def _judge_loop(stmts, n, loop, fn, args, lhs, start):
    j, t, members = loop
    carried = _carried(stmts, members, n, fn, lhs)
    if carried is None:
        return []
    upstream = _upstream(stmts, range(j))
    rows, wrong, formed, pieces = [], [], {}, set()
    for role, arg in zip(fn.args, args):
        if role == "cache":
            continue
        at = _formed_at(arg, stmts, members, n)     # dnext_h = dh[:, t, :] + dprev_h before the call: the sum there
        try:
            parts = _parts(arg, t, stmts, members, n, carried, 0)
        except _Unread:
            return []
        want = ["upstream", role] if role == "state" else [role]
        got = sorted(p for p, _ in parts)
        if got == sorted(want):
            if at is not None:
                formed[at] = formed.get(at, [])
            for name in {x.id for x in ast.walk(arg) if isinstance(x, ast.Name)} if at is None else ():
                i = _set_before(stmts, members, n, name)     # dnext_h = dh[:, t, :] above (dh0 + dnext_h): its part
                if i is not None and i not in formed:
                    formed[i] = []
                    pieces.add(i)
            continue
        names = ", ".join(w for p, w in parts if p not in want) or ""
        miss = [w for w in want if w not in got]
        if "upstream" in miss and not upstream and not any(p == "upstream" for p, _ in parts):
            return []           # no array over the steps in sight: a loss at the last step only may be meant
        why = []
        if "upstream" in miss:
            why.append(f"the loss's own gradient at step {t} (the array over the steps, sliced at {t}) is missing")
        if role in miss:
            kind = "the state's" if role == "state" else "the cell's"
            why.append(f"{kind} gradient that step {t}+1 sends back (the previous call's "
                       f"{_key_of(fn, role)}) is missing")
        stored = [w for p, w in parts if p == "stored"]
        if stored:
            why.append(f"{', '.join(stored)} is the array the loop fills with the step's outputs, not the loss's part")
        names = ", ".join(w for p, w in parts if p not in want and p != "stored")
        if names:
            why.append(f"{names} is not part of it (a variable the loop never updates is zero at every step, "
                       f"or another output of the step)")
        text = f"the {role} gradient going into step {t}: " + "; ".join(why)
        if at is not None:
            formed.setdefault(at, []).append(text)
        else:
            wrong.append(text)
    for i, whys in formed.items():
        rows.append(_row(start + stmts[i][0] + 1, stmts[i][1], "fail" if whys else "pass", "; ".join(whys) or (
            "a part of the gradient going into the step, which the call sums with the rest" if i in pieces else
            "the gradient going into the step: the loss's part at the step plus what the step after sends back")))
    k = stmts[n][0]
    if carried and not _BACKWARD_LOOP.search(stmts[j][1]):
        wrong.append(f"the loop runs forwards over the steps ({t} = 0, 1, ...): what step {t} sends back reaches "
                     f"step {t}+1 instead of {t}-1; backpropagation through time runs from the last step")
    if wrong:
        rows.append(_row(start + k + 1, stmts[n][1], "fail", "; ".join(wrong)))
    else:
        rows.append(_row(start + k + 1, stmts[n][1], "pass",
                         "the step takes the state's gradient (the loss's part at the step plus what the step after "
                         "sends back)" + (" and the cell's (what the step after sends back)" if "cell" in fn.args
                                          else "") + (", as the lines above form it" if formed else "")))
    rows += _outputs(stmts, members, n, fn, lhs, carried, t, start)
    if not wrong:       # dh0 = dprev_h after the call, read by the next call: the carry under its own name
        read = {x.id for a in args for x in ast.walk(a) if isinstance(x, ast.Name)}
        for i in members:
            c = _ASSIGN.match(stmts[i][1]) if i > n else None
            if c is not None and c["op"] == "=" and c["lhs"].strip() in read and c["rhs"].strip() in carried and \
                    _copy_of(stmts, members, n, c["lhs"].strip(), carried) is not None:
                rows.append(_row(start + stmts[i][0] + 1, stmts[i][1], "pass",
                                 f"{c['lhs'].strip()} carries {c['rhs'].strip()}, what step {t} sends back, to the "
                                 f"next call (step {t}-1)"))
    rows += _after(stmts, members, carried, start, fn, lhs)     # (right as a statement where the call fails too:
    #                                                              its value inherits the call's error, written there)
    stored = {re.sub(r"\[.*", "", m["lhs"].strip()) for i in members for m in [_ASSIGN.match(stmts[i][1])]
              if m and re.search(rf"\[[^\]]*\b{re.escape(t)}\b[^\]]*\]$", m["lhs"].strip())}
    named = {m["lhs"].strip(): _role_of(m["lhs"].strip()) for i in range(j) for m in [_ASSIGN.match(stmts[i][1])]
             if m and m["op"] == "=" and _NAME.match(m["lhs"].strip()) and
             (_role_of(m["lhs"].strip()) in ("state", "cell") or m["lhs"].strip() in stored and
              _role_of(m["lhs"].strip()) == "input")}
    left = _first_state_left(stmts, j, members, named, carried, start)     # dh0 = zeros, returned as it is
    rows += left + _starts(stmts, j, {**{k: r for k, r in named.items() if k not in {x.text.split("=")[0].strip()
                                                                                     for x in left}}, **carried},
                           _loop_bound(stmts[j][1]), start)
    return rows


def _used(stmts, members, name):
    """Whether the loop reads or sets ``name``, or a statement after it sets it."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
    last = members[-1] if members else 0
    return any(word.search(stmts[i][1]) for i in members) or any(
        (m := _ASSIGN.match(stmts[i][1])) and word.fullmatch(m["lhs"].strip()) for i in range(last + 1, len(stmts)))


_FIRST_STATE = re.compile(r"^d_?(?:a|h|s)_?0$|^d_?(?:a|h)_?init$")


def _first_state_left(stmts, j, members, named, carried, start):
    """``dh0 = np.zeros((N, H))`` before the loop, never set again and returned: the first state's gradient is
    what step 0 sends back, not zero."""
    out = []
    for name, role in named.items():
        if role != "state" or name in carried or not _FIRST_STATE.match(name) or _used(stmts, members, name):
            continue
        after = stmts[(members[-1] if members else j) + 1:]
        returned = next((s for _, s in after if re.match(r"^\s*return\b", s)), "")
        if not re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", returned):
            continue
        last = _last_set(stmts, j, name)
        if last is not None and _ZEROS.match(last[1]):
            out.append(_row(start + stmts[last[0]][0] + 1, stmts[last[0]][1], "fail",
                            f"{name} is returned as set here, zero: nothing after the loop gives it what step 0 "
                            f"sends back"))
    return out


def _loop_bound(header):
    """The number of steps a loop header names (``T_x`` in ``for t in reversed(range(T_x)):``), else ""."""
    m = re.search(r"range\(\s*([A-Za-z_]\w*)\s*\)", header)
    return m[1] if m else ""


#: Starts that are no gradient: random draws and ones.
_NOT_ZERO = re.compile(r"^(?:(?:np|numpy|torch)\.)?(?:random\.(?:rand|randn|random|uniform|normal)|ones_like|ones)"
                       r"\s*\(")


def _starts(stmts, j, carried, bound, start):
    """Where each carried variable starts, before the loop: zeros (nothing reaches the last step from beyond it)
    or the loss's part at the last step pass; random values or ones, and zeros with a time axis, fail."""
    out = []
    for name, role in carried.items():
        last = _last_set(stmts, j, name)
        if last is not None:
            i, value = last
            line = start + stmts[i][0] + 1
            if role == "input":         # dx = np.zeros((n_x, m, T_x)): the steps' input gradients, stored at t
                if _ZEROS.match(value) and bound:
                    axis = re.search(rf"\b{re.escape(bound)}\b", value)
                    out.append(_row(line, stmts[i][1], "pass" if axis else "fail",
                                    f"{name} holds the input's gradient of every step" if axis else
                                    f"{name} is stored at each step: its zeros need the axis over the {bound} steps"))
            elif _NOT_ZERO.match(value):
                out.append(_row(line, stmts[i][1], "fail",
                                f"{name} carries what the step after sends back; nothing reaches the last step from "
                                f"beyond it, so it starts at zero, not at {value.split('(')[0]}"))
            elif _ZEROS.match(value) and bound and re.search(rf"\b{re.escape(bound)}\b", value):
                out.append(_row(line, stmts[i][1], "fail",
                                f"{name} is one step's gradient: its zeros take no axis over the {bound} steps"))
            elif _ZEROS.match(value) or role == "state" and re.fullmatch(
                    r"[A-Za-z_]\w*\[\s*(?:(?::|\.\.\.)\s*,\s*)*-1\s*\]", value):
                out.append(_row(line, stmts[i][1], "pass",
                                f"{name} starts at what reaches the last step from beyond it"
                                + (" (zero)" if _ZEROS.match(value) else " (the loss's part there)")))
    return out


def _formed_at(arg, stmts, members, n):
    """The statement before the call that forms a plain-name argument (``dh_i = dh[:, i, :]``,
    ``dcurrent_h += dout[:, i, :]``), else None: a wrong sum is that line's error, not the call's."""
    return _set_before(stmts, members, n, arg.id) if isinstance(arg, ast.Name) else None


def _set_before(stmts, members, n, name):
    """The last statement of the loop before statement ``n`` that sets ``name`` (``=`` or ``+=``), else None."""
    for i in reversed([i for i in members if i < n]):
        m = _ASSIGN.match(stmts[i][1])
        if m is not None and m["lhs"].strip() == name:
            return i
    return None


def _sets(stmts, indices, name) -> bool:
    """Whether one of the statements ``indices`` sets ``name``."""
    return any(re.match(rf"^\s*{re.escape(name)}\s*(?:\+?=)(?!=)", stmts[i][1]) for i in indices)


def _key_role(fn, key):
    """The role of an output ``key`` of a step returning a dictionary: the table's, else the one its name shows
    (a course's variant names a = h: ``dh_prev``, ``dXt``, ``dWhx``)."""
    role = fn.outputs.get(key) or _role_of(key)
    return role or ("param" if re.match(r"^d_?[WUVb]", key) else None)


def _key_of(fn, role):
    if isinstance(fn.outputs, dict):
        return next((k for k, r in fn.outputs.items() if r == role), role)
    return f"output {fn.outputs.index(role) + 1}" if role in fn.outputs else role


def _carried(stmts, members, n, fn, lhs):
    """{name: role} of the variables the loop updates from the step's outputs (``da_prevt =
    gradients["da_prev"]``, or the call's own tuple), None when a name contradicts the table's roles."""
    out = {}
    targets = _split_targets(lhs)
    if isinstance(fn.outputs, tuple):
        if len(targets) != len(fn.outputs):
            return None
        for name, role in zip(targets, fn.outputs):
            shown = _role_of(name)
            if shown is not None and shown != role and role != "param":
                return None
            if _NAME.match(name) and role in ("state", "cell"):
                out[name] = role
        return out
    if len(targets) != 1 or not _NAME.match(targets[0]):
        return None
    g = targets[0]
    for i in members:
        m = _ASSIGN.match(stmts[i][1])
        if m is None or m["op"] != "=":
            continue
        names, values = _split_targets(m["lhs"]), _split_targets(m["rhs"])
        if len(names) != len(values):
            continue
        for name, value in zip(names, values):
            key = _output_key(g, value)
            if key is not None and _NAME.match(name) and _key_role(fn, key) in ("state", "cell"):
                out[name] = _key_role(fn, key)
    return out


def _output_key(g, value):
    """The key of ``g["key"]`` / ``g.get("key")``, else None."""
    m = re.fullmatch(rf"{re.escape(g)}\s*(?:\[\s*['\"](\w+)['\"]\s*\]|\.get\(\s*['\"](\w+)['\"]\s*\))", value.strip())
    return None if m is None else m[1] or m[2]


def _split_targets(s):
    """The comma-separated parts of ``s`` outside brackets."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return [x for x in out if x]


def _role_of(name):
    base = re.sub(r"^self\.", "", name)
    return next((role for role, rx in _ROLE_NAMES if rx.match(base)), None)


def _upstream(stmts, before):
    """Whether the code before the loop names an array over the steps (a backward function's first parameter,
    ``def rnn_backward(da, caches)``)."""
    heads = (_DEF.match(stmts[i][1]) for i in before)
    return any(m is not None and "backward" in m["name"] and m["params"].strip() for m in heads)


def _parts(node, t, stmts, members, n, carried, depth):
    """The parts a gradient argument sums: (``upstream``, text) for an array sliced at the step, (role, name) for
    a carried variable, (``zero``, name) for one the loop never updates; _Unread for anything else."""
    if depth > MAX_DEPTH:
        raise _Unread()
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _parts(node.left, t, stmts, members, n, carried, depth + 1) + \
            _parts(node.right, t, stmts, members, n, carried, depth + 1)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "reshape":
        inner = node.args[0] if isinstance(node.func.value, ast.Name) and node.func.value.id in ("np", "numpy") \
            and node.args else node.func.value
        return _parts(inner, t, stmts, members, n, carried, depth + 1)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        idx = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        at = [isinstance(x, ast.Name) and x.id == t for x in idx]
        rest = [isinstance(x, ast.Slice) and x.lower is x.upper is x.step is None or
                isinstance(x, ast.Constant) and x.value is Ellipsis for x, a in zip(idx, at) if not a]
        if sum(at) == 1 and all(rest) and node.value.id not in carried and \
                any(re.match(rf"^\s*{re.escape(node.value.id)}\s*\[", stmts[i][1]) and _ASSIGN.match(stmts[i][1])
                    for i in members):
            return [("stored", ast.unparse(node))]      # dxs[:, t, :]: the array the loop fills, not the loss's part
        if sum(at) == 1 and all(rest) and node.value.id not in carried:
            return [("upstream", ast.unparse(node))]
        raise _Unread()
    if isinstance(node, ast.Name):
        name = node.id
        # a name the loop sets before the call (dnext_h = dh[:, t, :] + dprev_h; dh += dout[:, t, :]): its value
        i = _set_before(stmts, members, n, name)
        if i is not None:
            m = _ASSIGN.match(stmts[i][1])
            try:
                value = ast.parse(m["rhs"], mode="eval").body
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                raise _Unread() from None
            own = _parts(value, t, stmts, members, i, carried, depth + 1)
            return own + (_parts(node, t, stmts, members, i, carried, depth + 1) if m["op"] == "+=" else [])
        if name in carried:
            return [(carried[name], name)]
        copied = _copy_of(stmts, members, n, name, carried)
        if copied is not None:
            return [(carried[copied], name)]    # dh0 = dprev_h after the call: the carried output under a name
        if _sets(stmts, members, name):
            raise _Unread()                 # set in the loop after the call from something else: not read here
        if _zero_start(stmts, members[0] if members else n, name):
            return [("zero", name)]         # set to zeros before the loop and never updated in it
        raise _Unread()
    raise _Unread()


def _copy_of(stmts, members, n, name, carried):
    """The carried output that the loop copies into ``name`` after the call, and nothing else into it (``dh0 =
    dprev_h # update dprev_h``), else None."""
    sets = [m["rhs"].strip() for i in members if i > n for m in [_ASSIGN.match(stmts[i][1])]
            if m and m["lhs"].strip() == name]
    return sets[0] if len(sets) == 1 and sets[0] in carried and \
        not any((m := _ASSIGN.match(stmts[i][1])) and m["lhs"].strip() == name for i in members if i < n) else None


#: Zeros in code (``np.zeros((n_a, m))``, ``np.zeros_like(h0)``, ``0``): the table of where gradient sums start.
_ZEROS = ZERO_STARTS


def _last_set(stmts, first, name, stop_at_def=False):
    """(index, its value) of the last ``name = value`` before statement ``first``, else None; with
    ``stop_at_def``, only within the function holding ``first``."""
    for i in range(first - 1, -1, -1):
        if stop_at_def and _DEF.match(stmts[i][1]):
            break
        m = _ASSIGN.match(stmts[i][1])
        if m is not None and m["op"] == "=" and m["lhs"].strip() == name:
            return i, m["rhs"].strip()
    return None


def _zero_start(stmts, first, name):
    """Whether the last assignment of ``name`` before statement ``first`` gives it zeros."""
    last = _last_set(stmts, first, name)
    return last is not None and bool(_ZEROS.match(last[1]))


def _outputs(stmts, members, n, fn, lhs, carried, t, start):
    """The loop's rows that take the step's outputs: carried variables (pass when the name's role is the output's)
    and the input's gradient stored at its step."""
    out = []
    g = lhs.strip()
    added = {m["rhs"].strip() for i in members for m in [_ASSIGN.match(stmts[i][1])] if m and m["op"] == "+="}
    inputs = set()          # dxt = gradients["dxt"]: a name holding the input's gradient of the step
    params = {}             # dWaxt = gradients["dWax"]: a name holding a weight's gradient of the step
    if not isinstance(fn.outputs, dict):        # dxt, dprev_h, dWxt, ... = rnn_step_backward(...): by position
        g = None
        for name, role in zip(_split_targets(lhs), fn.outputs):
            if _NAME.match(name) and role == "input":
                inputs.add(name)
            elif _NAME.match(name) and role == "param" and _role_of(name) is None:
                params[name] = re.sub(r"(?:_?t|_?step|_)$", "", name)
    for i in members:
        if i == n:
            continue
        m = _ASSIGN.match(stmts[i][1])
        if m is None:
            continue
        names, values = _split_targets(m["lhs"]), _split_targets(m["rhs"])
        if len(names) != len(values) or not values:
            continue
        if len(names) == 1 and m["op"] == "+=" and values[0] in params and _NAME.match(names[0]):
            key = params[values[0]]
            if re.sub(r"^self\.", "", names[0]) == key:
                out.append(_row(start + stmts[i][0] + 1, stmts[i][1], "pass",
                                f"a shared weight's gradient: the sum of the steps' {key}"))
            continue
        if len(names) == 1 and m["op"] == "=" and values[0] in inputs and _role_of(names[0].split("[")[0]) == "input":
            at = re.search(rf"\[[^\]]*\b{re.escape(t)}\b[^\]]*\]$", names[0])
            out.append(_row(start + stmts[i][0] + 1, stmts[i][1], "pass" if at else "fail",
                            "the input's gradient of the step, stored at its step" if at else
                            f"{names[0]} is stored at no step: the input's gradient of step {t} belongs at {t}"))
            continue
        if g is None:
            continue
        verdicts = []
        for name, value in zip(names, values):
            key = _output_key(g, value)
            if key is not None and _key_role(fn, key) == "input" and _NAME.match(name):
                inputs.add(name)
            if key is not None and _key_role(fn, key) == "param" and _NAME.match(name) and m["op"] == "=":
                params[name] = key
            if key is None or _key_role(fn, key) is None:
                verdicts = []
                break
            role, shown = _key_role(fn, key), _role_of(name.split("[")[0])
            own = re.sub(r"^self\.", "", name) == key
            if role == "param" and m["op"] == "+=":
                verdicts.append("" if own else None)        # dWf += gradients["dWf"]: the sum over the steps
            elif role == "param" and own:
                verdicts.append(f"{name} is set anew at each step: it keeps one step's part, not the sum over the "
                                f"steps a shared weight receives (+=)")
            elif role == "param":
                verdicts.append("" if name in added else None)      # dWaxt = ..., then dWax += dWaxt
            elif m["op"] != "=":
                verdicts.append(None)
            elif role == "input" and "[" in name and not re.search(rf"\b{re.escape(t)}\b", name):
                verdicts.append(f"{name} is stored at no step: the input's gradient of step {t} belongs at {t}")
            elif shown is not None and shown != role:
                verdicts.append(f"{name} takes {key}, the gradient of the {role}, not of the {shown}")
            else:
                verdicts.append("")
        if not verdicts or None in verdicts:
            continue
        bad = [v for v in verdicts if v]
        out.append(_row(start + stmts[i][0] + 1, stmts[i][1], "fail" if bad else "pass",
                        "; ".join(bad) if bad else "the step's outputs, each where it belongs"))
    return out


def _after(stmts, members, carried, start, fn=None, lhs=""):
    """``da0 = da_prevt`` after the loop: the first state's gradient is what step 0 sends back (fails when the
    loop never updates the variable); ``da0 = gradients['da_prev']``, the last call's (step 0's) own output, too:
    also where the loop's call fails, the statement is the right one (its value inherits the call's error, which
    fails where it is written; 18 annotated course notebooks pass it, one fails it)."""
    out = []
    last = members[-1] if members else None
    if last is None:
        return out
    for i in range(last + 1, min(len(stmts), last + 8)):
        m = _ASSIGN.match(stmts[i][1])
        if m is None or m["op"] != "=" or not re.fullmatch(r"d_?(?:a|h)_?0|dh_?init|da_?init|self\.d_?(?:a|h)(?:_?0)?", m["lhs"].strip()):
            # (self.dh = dh: a layer keeping the first state's gradient for the layer before, DLFS2's TimeRNN)
            continue
        value = m["rhs"].strip()
        key = re.fullmatch(rf"{re.escape(lhs.strip())}\[\s*(['\"])(?P<k>\w+)\1\s*\]", value) \
            if fn is not None and _NAME.match(lhs.strip()) and isinstance(fn.outputs, dict) else None
        if key is not None and _key_role(fn, key["k"]) in ("state", "cell", "input"):
            role = _key_role(fn, key["k"])
            out.append(_row(start + stmts[i][0] + 1, stmts[i][1], "pass" if role == "state" else "fail",
                            f"the first state's gradient: what step 0 sends back (the last call's {key['k']})"
                            if role == "state" else f"{key['k']} is the {role}'s gradient, not the first "
                                                    f"state's (the last call's {_key_of(fn, 'state')})"))
        elif value in carried and carried[value] == "state":
            out.append(_row(start + stmts[i][0] + 1, stmts[i][1], "pass",
                            "the first state's gradient: what step 0 sends back"))
        elif _NAME.match(value) and _role_of(value) == "state" and value not in carried and \
                not _sets(stmts, members, value):
            out.append(_row(start + stmts[i][0] + 1, stmts[i][1], "fail",
                            f"{value} is never updated in the loop: the first state's gradient stays zero"))
        break
    return out


def _row(line, code, status, why):
    text = code.strip()
    return RowResult(line=line, column=len(code) - len(code.lstrip()) + 1, text=text, status=status,
                     holds=status == "pass", reading="definition", why=why, notes=[STEP_CALL_NOTE])
