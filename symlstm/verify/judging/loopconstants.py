r"""The state before the first step read at every step of a loop over the steps.

``concat = np.vstack((a_prev, xt))`` in ``for t in reversed(range(T)):``, where ``a_prev`` is the backward
function's argument (the initial state) and nothing in the loop assigns it: every step then reads the state before
step 0, not the state before step t (a Kaggle GRU's backward pass; the forward of the same code reads ``a[t - 1]``
in that place). The reader would take ``a_prev`` for the step's previous state (the name says so) and pass the row.

The same holds for a gradient carried from step to step (``dh_next``, ``dnext_c``) that starts at zero before a
loop over the steps and that no statement of the loop assigns: the code computes the part for the step before
(``dh_prev = dz[:H]``) but never hands it on, so every step reads zero where the later steps' part belongs (a
char-LSTM's ``do = dnext_h * np.tanh(cs[t])``, an LSTM's ``dh += dh_next``).

A carried gradient given a value before the loop (``dh_next = np.dot(Why.T, dy)``, what reaches the last state)
and never assigned in it is the same at every step: the step after's part never reaches the step. An update
inside the loop (``Why -= learning_rate * dWhy``) by a gradient computed once before it applies that gradient at
every step, as many times as there are steps. Loops over the steps under another letter than t (``for i in
reversed(range(x.shape[0])):``, :data:`_SEQ_LOOP`) are read too.

Judged only where it is certain from the text: a loop over ``t`` that indexes an array by its variable; a name of
the form ``x_prev`` or ``prev_x`` (not a gradient's ``dx_prev``) read in the loop's body, assigned by no statement
of it (nor bound by an inner loop) and given before it (a parameter of the function, or a statement between the
``def`` and the loop: a name the text never binds may stand for a fetch it leaves out); the statement not chosen by
a test of ``t`` (``if t == 0:``, ``... if t > 0 else a_prev``), where the initial state is what step 0 needs. A
carried gradient: a gradient name with ``next`` or ``prev`` in it, set to zeros before the loop (``np.zeros_like``,
``np.zeros``, ``0``) and named in the loop only on right sides (no assignment, item assignment, ``out=`` or method
call on it).
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks
from ..text.codeblocks import block, code_lines, indent
from .report import RowResult
from .wrapindex import chooses

__all__ = ["CARRIED_NOTE", "constant_results", "CONSTANT_NOTE", "REPEATED_NOTE"]

#: The note on such a row.
CONSTANT_NOTE = "the state before the first step read at every step"
#: At most this many carried gradients' names are checked in one loop.
MAX_CARRIED = 32
#: The note on a row reading a carried gradient that stays zero.
CARRIED_NOTE = "a carried gradient that stays zero"

_LOOP = re.compile(r"^\s*for\s+(?P<var>t)\s*(?:,\s*[A-Za-z_]\w*\s*)?in\b")
_PREV = re.compile(r"(?<![\w.'\"])(?P<name>(?:self\.)?(?:[a-ce-z]\w*_prev|prev_[a-z]\w*))(?![\w(\[])")
_ASSIGN = re.compile(r"^\s*(?P<names>[A-Za-z_(][\w.\[\]'\" ,:+\-()]*?)\s*(?:[-+*/@]?=)(?!=)")
_CARRIED = re.compile(r"(?<![\w.'\"])(?P<name>(?:d|delta_?|grad_?)[A-Za-z]*_?(?:next|prev)(?:_?[A-Za-z]\w*)?)"
                      r"(?![\w(\[])")
_INNER_FOR = re.compile(r"^\s*for\s+(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+in\b")


def _binds(line: str) -> set:
    """The names a statement binds (an assignment, an augmented one, tuple unpacking, a loop's variables)."""
    out = set()
    for m in (_ASSIGN.match(line), _INNER_FOR.match(line)):
        if m is not None:           # (items of a tuple that are names: prev_h, c, cache[t] = step(...))
            out |= {x.strip().strip("()") for x in m["names"].split(",")}
    return out


def _bound(lines: list, body: list) -> set:
    """The names the statements of the body bind."""
    return set().union(*(_binds(lines[j]) for j in body))


def _given_before(lines: list, k: int) -> set:
    """The names bound before the loop on line k in its function: the ``def``'s parameters and the statements
    between the ``def`` and the loop (top-level code: the statements above the loop)."""
    out = set()
    for j in range(k - 1, -1, -1):
        line = lines[j]
        if not line.strip() or indent(line) > indent(lines[k]):
            continue
        d = re.match(r"^\s*def\s+\w+\s*\((?P<args>[^)]*)\)", line)
        if d is not None:
            out |= {a.split("=")[0].split(":")[0].strip().lstrip("*") for a in d["args"].split(",")}
            break
        out |= _binds(line)
    return out


#: A loop over a sequence's steps under another letter: ``for i in reversed(range(x.shape[0])):``, ``for k in
#: range(len(inputs)):`` (its bound the sequence's length, not a count of layers or units).
_SEQ_LOOP = re.compile(r"^\s*for\s+(?P<var>i|j|k|step|ts)\s+in\s+(?:reversed\(\s*)?range\(\s*(?:len\(\s*(?:self\.)?"
                       r"(?:x|xs|X|inputs?|seq|sequence|x_seq|input_seq|data)\s*\)|(?:self\.)?(?:x|xs|X|inputs?)\.shape\[0\]|"
                       r"T|seq_len|seq_length|timesteps|time_steps|n_steps|num_steps)\s*\)\s*\)?\s*:")


def step_loops(lines: list):
    """``(k, var, body)`` of each loop over a step variable (``for t in ...``, :data:`_SEQ_LOOP`) in ``lines``."""
    for k, line in enumerate(lines):
        m = _LOOP.match(line) or _SEQ_LOOP.match(line)
        if m is not None:
            yield k, m["var"], block(lines, k)


def indexes_steps(lines: list, body: list, var: str) -> bool:
    """Does the loop's body index an array by its variable (a loop over the steps)?"""
    return any(re.search(rf"\[[^\[\]]*(?<![\w.]){var}(?!\w)[^\[\]]*\]", lines[j]) for j in body)


def unguarded(lines: list, body: list, var: str):
    """The statements (indexes) of a loop's body outside any test of its variable (``if t == 0:``, ``else:``) and
    not choosing a value by it (``... if t > 0 else h0``): the ones every step runs alike."""
    guard = None            # the indent of an `if` on the loop's variable whose body we are in
    for j in body:
        text = lines[j]
        if guard is not None and indent(text) <= guard:
            guard = None
        if re.match(rf"^\s*(?:if|elif|else|while)\b.*(?<![\w.]){var}(?!\w)|^\s*else\s*:", text):
            guard = indent(text) if guard is None else guard
            continue
        if guard is None and not chooses(var, text):
            yield j


def right_side(text: str) -> str:
    """What a statement reads: the right side of an assignment, else the whole statement."""
    a = _ASSIGN.match(text)
    return text[a.end():] if a is not None else text


def failing(start: int, j: int, lines: list, body_lines: list, note: str, why: str) -> RowResult:
    """The failing verdict of the statement on line ``j`` of a fence starting at line ``start``."""
    return RowResult(line=start + j + 1, column=indent(body_lines[j]) + 1, text=lines[j].strip(), status="fail",
                     holds=False, notes=[note], why=why)


#: ``da_prevt += da_da_prevt``: a sum added to a gradient of the state before the step.
_PREV_SUM = re.compile(r"^\s*(?P<name>d_?\w*prev\w*)\s*\+=\s*(?P<rhs>.+)$")


def _summed_back(lines: list, body: list, k: int, start: int, body_lines: list) -> list:
    """``da_prevt += da_da_prevt`` in a loop over the steps, where ``da_prevt`` starts at zero before the loop and
    nothing else of the loop reads or sets it: the sum of what every step sends back to the state before it, which
    is no gradient of any state (the state before step t receives what step t sends, handed to the step before by
    ``=``); a Coursera-style notebook's slip (girrajjangid's RNN)."""
    out = []
    for j in body:
        m = _PREV_SUM.match(lines[j])
        if m is None or _zero_start(lines, k, m["name"]) is None:
            continue
        word = re.compile(rf"(?<![\w.]){re.escape(m['name'])}(?!\w)")
        if any(word.search(lines[i]) for i in body if i != j) or word.search(m["rhs"]):
            continue            # (read or set elsewhere in the loop: handed on, or reset at each step)
        out.append(failing(start, j, lines, body_lines, CARRIED_NOTE, (
            f"{m['name']} adds what every step sends back to the state before it into one sum, and the loop never "
            f"hands it on: the state before step t receives what step t sends (an assignment), not the sum over "
            f"the steps")))
    return out


#: A carried gradient accumulated: ``da_prev = da_prev + gradients['da_prev']``, ``dh_next += ...``.
_CARRY_SUM = re.compile(r"^\s*(?P<name>d_?\w*(?:prev|next)\w*)\s*(?:\+=|=\s*(?P=name)\s*\+)\s*(?P<rhs>.+)$")


def _accumulated_carry(lines: list, body: list, k: int, start: int, body_lines: list) -> list:
    """``da_prev = da_prev + gradients['da_prev']`` in a loop over the steps that hands ``da_prev`` on above it
    (``lstm_cell_backward(da[:, :, t] + da_prev, ...)``), where ``da_prev`` starts at zero before the loop and no
    other statement of the loop sets it: step t then receives the sum of what every later step sent back, not
    what step t + 1 sent (an assignment); a Chinese Coursera solution's slip."""
    out = []
    for j in body:
        m = _CARRY_SUM.match(lines[j])
        if m is None or _zero_start(lines, k, m["name"]) is None:
            continue
        word = re.compile(rf"(?<![\w.]){re.escape(m['name'])}(?!\w)")
        rhs = re.sub(r"'[^']*'|\"[^\"]*\"", "''", m["rhs"])         # (gradients['da_prev']: a key, not the name)
        if word.search(rhs) or any(m["name"] in _binds(lines[i]) for i in body if i != j):
            continue            # (set again in the loop: a sum of this step's parts, started afresh)
        if not any(word.search(lines[i]) and re.search(r"\w\s*\(", lines[i]) for i in body if i < j):
            continue            # (not handed on to the step's backward above it)
        out.append(failing(start, j, lines, body_lines, CARRIED_NOTE, (
            f"{m['name']} adds what every step sends back into one sum that the loop hands to the step before: "
            f"step t then receives the gradients of all later steps, not what step t + 1 sends (an assignment: "
            f"{m['name']} = {m['rhs'].strip()})")))
    return out


def _zero_start(lines: list, k: int, name: str) -> int | None:
    """The line (index) before the loop on line k, in its function, that sets ``name`` to zeros, else None."""
    for j in range(k - 1, -1, -1):
        line = lines[j]
        if not line.strip() or indent(line) > indent(lines[k]):
            continue
        if re.match(r"^\s*def\s", line):
            return None
        if name in _binds(line):
            ok = re.match(rf"^\s*{re.escape(name)}\s*=\s*(?:(?:np|numpy)\.zeros(?:_like)?\(|0(?:\.0*)?\s*$)", line)
            return j if ok else None
    return None


def _given_start(lines: list, k: int, name: str) -> int | None:
    """The line (index) before the loop on line k, in its function, that gives ``name`` a value (a formula: ``dh_next
    = np.dot(Why.T, dy)``, the gradient reaching the last state); else None (:func:`_starts_before`, for one name)."""
    return _starts_before(lines, k).get(name)


def _starts_before(lines: list, k: int) -> dict:
    """{name: the line (index) that gives it its value before the loop on line k, else None}: what
    :func:`_given_start` finds, for every name at once (one pass back to the ``def``)."""
    out = {}
    for j in range(k - 1, -1, -1):
        line = lines[j]
        if not line.strip() or indent(line) > indent(lines[k]):
            continue
        if re.match(r"^\s*def\s", line):
            break
        for name in _binds(line):
            if name not in out:
                out[name] = j if re.match(rf"^\s*{re.escape(name)}\s*=(?!=)", line) else None
    return out


def _touched(lines: list, body: list, name: str) -> bool:
    """Does a statement of the body assign ``name``, an item of it, or hand it to a call that may fill it?"""
    n = re.escape(name)
    return any(re.search(rf"(?<![\w.]){n}\s*(?:\[[^\]]*\])?\s*(?:[-+*/@]?=)(?!=)|out\s*=\s*{n}(?!\w)|"
                         rf"(?<![\w.]){n}\.\w+\s*\(|copyto\(\s*{n}(?!\w)", lines[j]) or
               name in _binds(lines[j]) for j in body)


def _carried(lines, body, k, var, start, body_lines) -> list:
    """Rows of the loop on line k reading a carried gradient that stays zero (module doc)."""
    out, done = [], {}
    for j in body:
        if re.match(r"^\s*(?:if|elif|else|while)\b", lines[j]):
            continue
        for p in _CARRIED.finditer(right_side(lines[j])):
            name = p["name"]
            if name not in done and len(done) >= MAX_CARRIED:
                continue        # (a loop carries a few gradients: each name costs a pass over the function)
            if name not in done:
                z = _zero_start(lines, k, name)
                given = _given_start(lines, k, name) if z is None else None
                done[name] = (z, True) if z is not None else (given, False) if given is not None else None
                if done[name] is not None and _touched(lines, body, name):
                    done[name] = None
            if done[name] is None:
                continue
            at, zero = done[name]
            out.append(failing(start, j, lines, body_lines, CARRIED_NOTE, (
                f"{name} is zero at every step of the loop over {var}: it is set to zeros on line "
                f"{start + at + 1} and no statement of the loop assigns it, so the gradient the later "
                f"steps send back never reaches this step") if zero else (
                f"{name} keeps at every step of the loop over {var} the value line {start + at + 1} gives it "
                f"before the loop (no statement of the loop assigns it): what the step after sends back never "
                f"reaches this step")))
            break
    return out


#: An update of a parameter by a gradient: ``Why -= learning_rate * dWhy``, ``by -= lr * np.sum(dby, axis=1)``.
_UPDATE = re.compile(r"^\s*(?P<p>(?:self\.)?[A-Za-z_]\w*)\s*-=\s*[A-Za-z_][\w.]*\s*\*\s*(?:(?:np\.)?sum\(\s*)?"
                     r"(?P<g>(?:self\.)?d_?[A-Za-z]\w*)(?:\s*,[^()]*\))?\s*$")
#: A gradient's sum given one name: ``d_b_y += d_y``.
_SUM_ONE = re.compile(r"^\s*(?P<s>(?:self\.)?d_?[A-Za-z]\w*)\s*\+=\s*(?P<g>(?:self\.)?d_?[A-Za-z]\w*)\s*$")
#: The note on an update made at every step with one gradient.
REPEATED_NOTE = "a parameter updated at every step with a gradient computed once"


def _repeated_updates(lines: list, body: list, k: int, var: str, start: int, body_lines: list) -> list:
    """``Why -= learning_rate * dWhy`` inside a loop over the steps where ``dWhy`` is computed before the loop and
    no statement of the loop assigns it: the one gradient is applied at every step, as many times as there are
    steps (the output layer's update of a many-to-one RNN placed in its backward loop)."""
    out = []
    bound = _bound(lines, body)
    before = _starts_before(lines, k)
    for j in unguarded(lines, body, var):
        a = _SUM_ONE.match(lines[j])
        if a is not None and a["g"] not in bound and a["g"].removeprefix("self.") not in bound and \
                a["g"] != a["s"] and before.get(a["g"]) is not None:
            out.append(failing(start, j, lines, body_lines, REPEATED_NOTE, (
                f"{a['s']} adds {a['g']}, computed once before the loop, at every step of the loop over {var}: "
                f"the sum holds it as many times as there are steps")))
            continue
        m = _UPDATE.match(lines[j])
        if m is None or m["g"] in bound or m["g"].removeprefix("self.") in bound:
            continue
        if before.get(m["g"]) is None:
            continue            # (a gradient the loop does not see computed: not judged)
        out.append(failing(start, j, lines, body_lines, REPEATED_NOTE, (
            f"{m['p']} is updated at every step of the loop over {var} with {m['g']}, which is computed once before "
            f"the loop: the update applies it as many times as there are steps")))
    return out


def constant_results(text: str) -> list:
    """A failing :class:`RowResult` for each statement of the text's Python fences that reads, in a loop over the
    steps, a previous-state name the loop never assigns (module doc)."""
    out = []
    for start, _, body_lines in fence_blocks(text, CODE_FENCE_LANGUAGES):
        lines = code_lines(body_lines)
        for k, var, body in step_loops(lines):
            if not indexes_steps(lines, body, var):
                continue            # (a loop that indexes nothing by its variable: not over the steps)
            carried = _carried(lines, body, k, var, start, body_lines) + \
                _summed_back(lines, body, k, start, body_lines) + _accumulated_carry(lines, body, k, start, body_lines) + \
                _repeated_updates(lines, body, k, var, start, body_lines)
            out += carried
            flagged = {r.line for r in carried}
            bound = _bound(lines, body)
            given = _given_before(lines, k)
            for j in unguarded(lines, body, var):
                if start + j + 1 in flagged:
                    continue
                for p in _PREV.finditer(right_side(lines[j])):
                    if p["name"] in bound or p["name"].removeprefix("self.") in bound or p["name"] not in given:
                        continue        # (assigned in the loop, or not known to hold the initial state)
                    out.append(failing(start, j, lines, body_lines, CONSTANT_NOTE, (
                        f"{p['name']} is the same at every step of the loop over {var} (no statement of the "
                        f"loop assigns it): it is the state before the first step, not the state before "
                        f"step {var}")))
                    break
    return out
