r"""The forward pass written as a loop over a course's forward step.

Course assignments (Coursera's *Sequence Models* ``rnn_forward`` / ``lstm_forward``, CS231n's ``rnn_forward``)
give a forward *step* and ask for the loop over the steps; the loop's whole content is what goes in and where
the step's outputs are kept::

    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred

Step t reads the input at t (the array over the steps, sliced at t, or a name the loop takes from it) and the
state the step before returned (the call's own output, carried in a variable); the variable starts at the
function's initial state (``a0``) or, for a cell state the function takes none of, at zero. A call passing the
initial state at every step (``rnn_cell_forward(xt, a0, parameters)``), the input of another step, or a state no
step updates fails where it is written; so does a start at zero when the function is given its initial state,
and a store of one output in another's array (``c[:, :, t] = a_next``). The rows that pass on the same reading:
the start, the call and the stores at t.

The step functions' signatures are a table (:data:`FORWARD_STEPS`: the handouts' argument and output order); a
call whose unpacked names do not fit the table, or whose arguments are not names or slices, is left alone.
Nothing is run: each argument is parsed with Python's grammar (:func:`ast.parse`, bounded).
"""
from __future__ import annotations

import ast
import difflib
import re

from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks
from .accumstarts import ZERO_STARTS
from .report import RowResult
from .stepcalls import (MAX_LINE, StepFunction, _ASSIGN, _DEF, _enclosing_loop, _indent, _last_set, _statements,
                        call_arguments)

__all__ = ["FORWARD_STEPS", "FORWARD_CALL_NOTE", "forward_call_results"]

#: The handouts' forward steps (Coursera C5W1 "Building your RNN step by step"; CS231n assignment 3): the role of
#: each positional argument (``input``, ``state``, ``cell``; others are parameters) and of each output.
FORWARD_STEPS = {
    "rnn_cell_forward": StepFunction(("input", "state", "param"), ("state", "output", "cache")),
    "lstm_cell_forward": StepFunction(("input", "state", "cell", "param"), ("state", "cell", "output", "cache")),
    "rnn_step_forward": StepFunction(("input", "state", "param", "param", "param"), ("state", "cache")),
    "lstm_step_forward": StepFunction(("input", "state", "cell", "param", "param", "param"),
                                      ("state", "cell", "cache")),
}

#: The note on such a row.
FORWARD_CALL_NOTE = "a loop over a course's forward step: what goes in at each step and where its outputs are kept"

#: At most this many calls of a step function in one fence are judged (a course's file calls each once or twice).
MAX_CALLS = 16
_WORD = re.compile(r"[A-Za-z_]\w*")


def forward_call_results(text: str) -> list:
    """A :class:`RowResult` for each call of a forward step in a loop over the steps of the text's Python fences,
    for the starts of the variables it carries and for the stores of its outputs (module doc)."""
    out = []
    fences = list(fence_blocks(text, (*CODE_FENCE_LANGUAGES, "")))
    every = "\n".join("\n".join(body) for _, _, body in fences)
    defined = {m[1]: tuple(p.split("=")[0].strip() for p in m[2].split(",") if p.strip())
               for m in re.finditer(r"(?m)^\s*def\s+(\w+)\s*\(([^()]*)\)", every)}
    layers = layer_objects(every)       # layer = RNN(*self.params): an object whose forward is a step (DLFS2)
    if not any(fn in every for fn in FORWARD_STEPS) and not layers and \
            not any(difflib.get_close_matches(d, FORWARD_STEPS, n=1, cutoff=0.9) for d in defined):
        return out
    for start, _, body in fences:
        stmts = _statements(body)
        calls = {}
        for n, (_, line) in enumerate(stmts):
            m = _ASSIGN.match(line)
            if m is None or m["op"] != "=" or len(line) > MAX_LINE or not re.match(r"\w+(?:\.forward)?\s*\(", m["rhs"]):
                continue
            call = _call(m["rhs"], defined) or _layer_call(m["rhs"], m["lhs"], layers)
            if call is not None:
                calls[n] = (call, m["lhs"])
                if len(calls) > MAX_CALLS:
                    break           # (a fence of hundreds of step calls is no course's loop: none is judged)
        if len(calls) > MAX_CALLS:
            continue
        for n, (call, lhs) in calls.items():
            loop = _enclosing_loop(stmts, n)
            if loop is not None:
                out += _judge(stmts, n, loop, *call, lhs, start)
    return out


#: The roles of a step function's parameters by their names, where the fences define it (its own order: an
#: author's ``def rnn_step_forward(x, Wx, prev_h, Wh, b)``).
_PARAM_ROLES = (("input", re.compile(r"^(?:x|xt|x_t|X|Xt|X_t|x_input|input|inp)$")),
                ("state", re.compile(r"^(?:a_prev|prev_a|h_prev|prev_h|h_input|h_in|hprev|aprev|h|a)$")),
                ("cell", re.compile(r"^(?:c_prev|prev_c|s_prev|prev_s|c_input|c_in|cprev|c|s)$")))


def _roles(params):
    """The roles of a definition's parameters (``param`` for the others), or None when it names no input and
    state."""
    roles = tuple(next((r for r, p in _PARAM_ROLES if p.match(x)), "param") for x in params if x != "self")
    return roles if "input" in roles and "state" in roles else None


def _call(rhs, defined=None):
    """(the step function, its argument nodes) of ``rhs`` when it is one call of a table's function, or of a
    function the fences define under a misspelling of its name (``rnn_cell_froward``); where the fences define
    it, its parameters' names give the arguments' roles (``defined``: name -> parameters)."""
    defined = defined or {}
    name = re.match(r"^(?P<fn>\w+)\s*\(", rhs)
    if name is None:
        return None
    fn = name["fn"]
    own = defined.get(fn)
    if fn not in FORWARD_STEPS:
        close = difflib.get_close_matches(fn, FORWARD_STEPS, n=1, cutoff=0.9) if own is not None else []
        if not close:
            return None
        fn = close[0]
    args = call_arguments(rhs)
    if args is None:
        return None
    step = FORWARD_STEPS[fn]
    if own is not None:
        roles = _roles(own)
        if roles is None:
            return None
        step = StepFunction(roles, step.outputs)
    return step, args


#: A layer object's step called by its method: ``self.h = layer.forward(xs[:, t, :], self.h)`` (Saito's *Deep
#: Learning from Scratch 2*, TimeRNN / TimeLSTM / TimeGRU): the roles of its arguments by their number.
LAYER_FORWARD_ARGS = {2: ("input", "state"), 3: ("input", "state", "cell")}
_LAYER_FORWARD = re.compile(r"^(?P<obj>[A-Za-z_]\w*)\.forward\s*\(")
#: ``layer = GRU(*self.params)``, ``layer = self.layers[t]``: a name bound to a layer object of the loop's step.
_LAYER_OBJECT = re.compile(r"(?m)^\s*(?P<obj>[A-Za-z_]\w*)\s*=\s*(?:[A-Z]\w*\s*\(|self\.\w+\[\s*[A-Za-z_]\w*\s*\]\s*$)")
#: The roles of the names a layer's step is unpacked into (``self.h, self.c = layer.forward(...)``).
_OUT_ROLES = (("state", re.compile(r"^(?:h|a)(?:_?(?:next|new|t|out))?$|^(?:next|new)_(?:h|a)$")),
              ("cell", re.compile(r"^c(?:_?(?:next|new|t|out))?$|^(?:next|new)_c$")))


def layer_objects(text: str) -> frozenset:
    """The names the text binds to a layer object (:data:`_LAYER_OBJECT`)."""
    return frozenset(m["obj"] for m in _LAYER_OBJECT.finditer(text)) if ".forward(" in text or \
        ".backward(" in text else frozenset()


def _layer_call(rhs, lhs, layers):
    """(the step, its argument nodes) of ``layer.forward(x_t, h[, c])`` on a layer object, its outputs' roles read
    from the names it is unpacked into; else None."""
    m = _LAYER_FORWARD.match(rhs)
    if m is None or m["obj"] not in layers:
        return None
    args = call_arguments(rhs)
    if args is None or len(args) not in LAYER_FORWARD_ARGS:
        return None
    outs = []
    for name in _names(lhs):
        role = next((r for r, rx in _OUT_ROLES if rx.match(re.sub(r"^self\.", "", name))), None)
        if role is None:
            return None
        outs.append(role)
    if outs[:1] != ["state"] or len(set(outs)) != len(outs):
        return None
    return StepFunction(LAYER_FORWARD_ARGS[len(args)], tuple(outs)), args


def _id(node):
    """The name of an argument: ``h``, or ``self.h`` (an attribute of the object); None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return "self." + node.attr
    return None


def _names(lhs):
    return [x.strip() for x in lhs.split(",")]


def _slice_at(node, t):
    """'t' when ``node`` is an array sliced at step t along one axis (``x[:, :, t]``, ``x[t]``), the offset's text
    when at another step (``x[:, :, t-1]``), None for anything else."""
    if not isinstance(node, ast.Subscript) or not isinstance(node.value, ast.Name):
        return None
    idx = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    steps = [i for i in idx if not isinstance(i, ast.Slice)]
    if len(steps) != 1 or any(isinstance(i, ast.Slice) and (i.lower or i.upper or i.step) for i in idx):
        return None
    s = steps[0]
    if isinstance(s, ast.Name) and s.id == t:
        return "t"
    if isinstance(s, ast.BinOp) and isinstance(s.left, ast.Name) and s.left.id == t and \
            isinstance(s.op, (ast.Add, ast.Sub)) and isinstance(s.right, ast.Constant):
        return ast.unparse(s)
    return None


def _assigned_in(stmts, members, before, name):
    """The value the loop's statements before ``before`` last assign to ``name`` (a single target), else None."""
    value = None
    for i in members:
        if i >= before:
            break
        m = _ASSIGN.match(stmts[i][1])
        if m and m["op"] == "=" and m["lhs"].strip() == name:
            value = m["rhs"]
    return value


def _params(stmts, j):
    """The parameters of the function whose body holds statement ``j`` (the loop), else ()."""
    for i in range(j - 1, -1, -1):
        d = _DEF.match(stmts[i][1])
        if d is not None and _indent(stmts[i][1]) < _indent(stmts[j][1]):
            return tuple(p.split("=")[0].strip() for p in d["params"].split(",") if p.strip())
    return ()


def _row(start, stmts, i, status, why):
    k, code = stmts[i]
    return RowResult(line=start + k + 1, column=len(code) - len(code.lstrip()) + 1, text=code.strip(),
                     status=status, holds=status == "pass", reading="forward", why=why, notes=[FORWARD_CALL_NOTE])


def _stem(name):
    """A state's letter as its names write it: ``a_next``, ``next_h``, ``yt_pred``, ``y_pred``, ``yt``, ``self.h``:
    a, h, y, y, h."""
    s = re.sub(r"^(?:next|prev|new)_|_(?:next|prev|new|pred|t)$", "", re.sub(r"^self\.", "", name))
    s = re.sub(r"_(?:next|prev|new|pred|t)$", "", s)
    return re.sub(r"(?<=[a-z])t$", "", s) if len(s) == 2 else s


def _judge(stmts, n, loop, fn, args, lhs, start):
    j, t, members = loop
    outs = _names(lhs)
    if len(outs) != len(fn.outputs) or len(args) != len(fn.args) or \
            not all(_WORD.fullmatch(x) or re.fullmatch(r"self\.[A-Za-z_]\w*", x) for x in outs):
        return []
    carried = {role: outs[fn.outputs.index(role)] for role in ("state", "cell") if role in fn.outputs}
    params = _params(stmts, j)
    wrong, fetched, copied = [], None, []
    for role, arg in zip(fn.args, args):
        if role == "input":
            node = arg
            if isinstance(arg, ast.Name):       # xt = x[:, :, t] above the call
                value = _assigned_in(stmts, members, n, arg.id)
                if value is None:
                    return []
                try:
                    node = ast.parse(value, mode="eval").body
                except (SyntaxError, ValueError, RecursionError, MemoryError):
                    return []
            at = _slice_at(node, t)
            if at is None:
                return []
            if at != "t":
                wrong.append(f"step {t} reads the input at {at}, not at {t}")
            fetched = arg.id if isinstance(arg, ast.Name) else None
        elif role in ("state", "cell"):
            if _id(arg) is None:
                return []
            arg = ast.Name(_id(arg))        # (self.h: the attribute, by its dotted name)
            copies = [i for i in members if i > n and (m := _ASSIGN.match(stmts[i][1])) and m["op"] == "=" and
                      m["lhs"].strip() == arg.id]
            if arg.id != carried[role] and len(copies) == 1 and \
                    _ASSIGN.match(stmts[copies[0]][1])["rhs"].strip() == carried[role] and \
                    _assigned_in(stmts, members, n, arg.id) is None:
                # next_h, cache = rnn_step_forward(x[:, t, :], prev_h, ...) then prev_h = next_h: carried by a copy
                copied.append((copies[0], arg.id, carried[role]))
                carried[role] = arg.id
            elif arg.id != carried[role]:
                if arg.id in params or _assigned_in(stmts, members, n, arg.id) is None and not any(
                        _ASSIGN.match(stmts[i][1]) and arg.id in _names(_ASSIGN.match(stmts[i][1])["lhs"])
                        for i in members):
                    wrong.append(f"the {role} passed in is {arg.id} at every step: step {t} reads the {role} the "
                                 f"step before returned ({carried[role]})")
                else:
                    return []
    rows = [_row(start, stmts, n, "fail" if wrong else "pass", "; ".join(wrong) or
                 f"step {t} reads the input at {t} and the state the step before returned")]
    rows += [_row(start, stmts, i, "pass", f"{name} carries {value}, step {t}'s, to the next step")
             for i, name, value in copied]
    if fetched is not None:         # xt = x[:, :, t]: the input of step t, taken from the array over the steps
        i = max((i for i in members if i < n and (m := _ASSIGN.match(stmts[i][1])) and m["lhs"].strip() == fetched),
                default=n)
        at = _slice_at(ast.parse(_ASSIGN.match(stmts[i][1])["rhs"], mode="eval").body, t)
        rows.append(_row(start, stmts, i, "pass" if at == "t" else "fail",
                         f"{fetched} is the input at {t}" if at == "t" else f"{fetched} is the input at {at}, "
                         f"read by step {t}"))
    rows += _starts(stmts, j, carried, params, start)
    rows += _stores(stmts, members, n, outs, fn, t, start)
    return rows


def _starts(stmts, j, carried, params, start):
    """The last assignment before the loop of each carried variable: the function's initial state, or zero for a
    state it takes none of."""
    out = []
    for role, name in carried.items():
        last = _last_set(stmts, j, name, stop_at_def=True)
        if last is None:
            continue
        i, value = last
        initial = [p for p in params if re.fullmatch(r"[a-z]_?0|[a-z]_?init|init_[a-z]|prev_[a-z]|[a-z]_?prev",
                                                    p) and _stem(p.replace("0", "").replace("init", "").strip("_"))
                   == _stem(name)]
        if value in params:
            out.append(_row(start, stmts, i, "pass", f"{name} starts at the initial state {value}: step 0 reads it"))
        elif ZERO_STARTS.match(value):
            out.append(_row(start, stmts, i, "fail" if initial else "pass",
                            f"{name} starts at zero, but the function is given the initial state {initial[0]}"
                            if initial else f"{name} starts at zero (the function takes no initial {role})"))
    return out


def _stores(stmts, members, n, outs, fn, t, start):
    """``a[:, :, t] = a_next`` after the call: each output kept at step t in the array named for it."""
    out = []
    kept = {name: role for name, role in zip(outs, fn.outputs) if role != "cache"}
    for i in members:
        if i <= n:
            continue
        m = _ASSIGN.match(stmts[i][1])
        if m is None or m["op"] != "=":
            continue
        value = m["rhs"].strip()
        if value not in kept:
            continue
        try:
            target = ast.parse(m["lhs"].strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        if _slice_at(target, t) != "t":
            continue
        array = target.value.id
        if _stem(array) == _stem(value) or array == _stem(value) + "s":     # (hs[:, t, :] = self.h: the plural)
            out.append(_row(start, stmts, i, "pass", f"{array} keeps {value}, step {t}'s {kept[value]}, at {t}"))
        elif any(_stem(array) == _stem(other) for other in kept if other != value):
            out.append(_row(start, stmts, i, "fail", f"{array} is the array of another output than {value} "
                                                     f"(step {t}'s {kept[value]})"))
    return out
