r"""The hand-over at the end of a forward loop: ``h_prev = h`` (``prev_c = c_next``, ``h_old = h_new.copy()``).

A forward loop reads the state the step before left (``h = np.tanh(W_xh @ x + W_hh @ h_prev + b)``) and, as its
last act, hands the new state over under the name the next pass reads::

    for x in inputs:
        h_current = np.tanh(np.dot(W_xh, x) + np.dot(W_hh, h_prev) + b_h)
        y = np.dot(W_hy, h_current) + b_y
        h_prev = h_current

Read as a formula, ``h_prev = h_current`` claims h_{t-1} = h_t; it is no formula of the cell but the recurrence's
hand-over, right when it copies the state the name says (h into h_prev, not c or y). Found only where it is certain
from the text: in a loop forwards (not ``reversed``, not a range counting down), a copy ``A = B`` of plain names
whose A says "the step before" (``prev``, ``previous``, ``old``, ``last``, as a suffix or a prefix), whose two
names share their stem once the time words go (h_prev and h_current, h, ht, h_new, h_next), whose A is assigned
nowhere else in the loop, and either at the loop's end (B assigned above it, A read above it and not after it)
or at its top (``prev_c = next_c`` under ``if t > 0:``: B assigned only below it, A read below it: what the pass
before left in B).

The loop's start has its twin above the loop: ``h = h0`` (``h = h0.copy()``, ``h = np.copy(h0)``) right above a
forward loop whose body sets h by a statement that reads h (the recurrence) and never reads h0: the state before
the first step, no formula either (:func:`initial_copies`).
"""
from __future__ import annotations

import re

from .codeblocks import block_end, code_lines, indent

__all__ = ["backward_carry_copies", "carry_copies", "handed_aliases", "initial_copies", "name_stem"]

_COPY = re.compile(r"^\s*(?P<a>[A-Za-z_]\w*)\s*=\s*(?P<b>[A-Za-z_]\w*)(?:\.copy\(\s*\))?\s*$")
#: ``h = np.copy(h0)``: a copy of a plain name by a call.
_COPY_CALL = re.compile(r"^\s*(?P<a>[A-Za-z_]\w*)\s*=\s*(?:np|numpy|torch)\.(?:copy|clone)\(\s*(?P<b>[A-Za-z_]\w*)\s*\)\s*$")
_FOR = re.compile(r"^(?P<ind>[ \t]*)for\s+[^:]+\s+in\s+[^:]+:\s*$")
_BACKWARDS = re.compile(r"\breversed\(|,\s*-\s*\d+\s*\)\s*:|\[::-1\]")
_BEFORE = re.compile(r"^(?:prev|previous|old|last)_(?P<s>\w+)$|^(?P<t>\w+?)_?(?:prev|previous|old|last)$")
_ASSIGNED = re.compile(r"^\s*(?P<lhs>[A-Za-z_][\w.]*(?:\[[^\]=]{0,40}\])?(?:\s*,\s*[A-Za-z_][\w.]*(?:\[[^\]=]{0,40}\])?)*)"
                       r"\s*(?:[-+*/@]?=)(?!=)")
_WORD = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
_WORDS = ("previous", "current", "prev", "next", "curr", "cur", "new", "old", "last")
#: The longest line looked at, and the most loops looked into (a hostile file holds more; they are left alone).
MAX_LINE = 400
MAX_LOOPS = 200
#: At most this many statements between a start and its loop (``caches = []``), none reading or setting either name.
MAX_BETWEEN = 4


def name_stem(name: str) -> str:
    """``h_prev``, ``prev_h``, ``h_current``, ``ht``, ``h_t``, ``h``: ``h``."""
    for w in _WORDS:
        if name.startswith(w + "_") and len(name) > len(w) + 1:
            return name[len(w) + 1:]
        for sep in ("_", ""):
            if name.endswith(sep + w) and len(name) > len(w) + len(sep):
                return name[:-(len(w) + len(sep))]
    if re.fullmatch(r"[A-Za-z]+_?t", name) and len(name) > 1:
        return name[:-1].rstrip("_")
    return name


def _statement(code: list, j: int) -> str:
    """Line ``j`` with the lines that continue it while a bracket is open (at most 8)."""
    text, depth = code[j], 0
    for k in range(j, min(len(code), j + 8)):
        if k > j:
            text += " " + code[k].strip()
        depth += sum(code[k].count(c) for c in "([{") - sum(code[k].count(c) for c in ")]}")
        if depth <= 0:
            break
    return text


def _loops(code: list, backwards: bool):
    """(loop line, body line indexes, the body's depth, first_read, last_read, first_set, sets, reads_at) of each
    loop of ``code`` forwards (or, ``backwards``, counting down), at most MAX_LOOPS: the words each body line reads
    and the names it assigns, by the line's position in the body (one pass over the body)."""
    loops = 0
    for k, line in enumerate(code):
        if _FOR.match(line) is None or bool(_BACKWARDS.search(line)) != backwards:
            continue
        loops += 1
        if loops > MAX_LOOPS:
            return
        ind = indent(line)
        body = []
        for j in range(k + 1, len(code)):
            if not code[j].strip():
                continue
            if indent(code[j]) <= ind:
                break
            body.append(j)
        depth = min((indent(code[j]) for j in body), default=0)
        first_read, last_read, first_set, sets, reads_at = {}, {}, {}, {}, {}
        for n, j in enumerate(body):         # (one pass: the words each line reads and the names it assigns)
            e = _ASSIGNED.match(code[j])
            targets = [re.sub(r"\[.*", "", x).strip() for x in e["lhs"].split(",")] if e else []
            for name in targets:
                first_set.setdefault(name, n)
                sets[name] = sets.get(name, 0) + 1
            words = _WORD.findall(_statement(code, j)[e.end():] if e else code[j])
            reads_at[n] = set(words)
            for w in words:
                first_read.setdefault(w, n)
                last_read[w] = n
        yield k, body, depth, first_read, last_read, first_set, sets, reads_at


def carry_copies(lines: list) -> dict:
    """{index: (A, B)} of the lines of ``lines`` (a fence's, indentation kept) that hand a forward loop's state
    over to its next pass (module doc)."""
    out = {}
    code = [x.rstrip() for x in code_lines(lines, MAX_LINE)]
    for _, body, depth, first_read, last_read, first_set, sets, reads_at in _loops(code, backwards=False):
        for n, j in enumerate(body):
            c = _COPY.match(code[j])
            if c is None or c["a"] == c["b"] or not _BEFORE.match(c["a"]) or _BEFORE.match(c["b"]) or \
                    name_stem(c["a"]) != name_stem(c["b"]):
                continue
            a, b = c["a"], c["b"]
            if indent(code[j]) == depth and first_read.get(a, n) < n and sets.get(a) == 1 and \
                    first_set.get(b, n) < n and last_read.get(a, -1) < n:
                out[j] = (a, b)     # at the end (h[:, t, :] = prev_h after it would make the copy the step's value)
            elif first_set.get(b, -1) > n and sets.get(a) == 1 and first_read.get(a, -1) > n and \
                    b not in reads_at.get(first_set[b], ()):
                out[j] = (a, b)     # at the top (prev_c = next_c, under if t > 0: what the pass before left in b;
                #                     not previous_c = c.copy() before c = f * c + i * g, a snapshot of the state)
    return out


#: A gradient's name for what the step after sent back (``dh_next``, ``dnext_h``, ``dhnext``) and for what a step
#: sends to the step before (``dh_prev``, ``dprev_h``, ``dhprev``).
_NEXT_GRAD = re.compile(r"^d_?(?:next_(?P<s>\w+)|(?P<t>\w+?)_?next)$")
_PREV_GRAD = re.compile(r"^d_?(?:prev_(?P<s>\w+)|(?P<t>\w+?)_?prev)$")


def backward_carry_copies(lines: list) -> dict:
    """{index: (A, B)} of the lines that hand a backward loop's gradient over to its next pass, the step before:
    ``dh_next = dh_prev`` at the end of ``for t in reversed(range(T)):`` (the twin of :func:`carry_copies`). A is a
    gradient named for the step after, read above the copy and assigned nowhere else in the loop; B the same
    quantity's gradient named for the step before, assigned above the copy; no formula either."""
    out = {}
    code = [x.rstrip() for x in code_lines(lines, MAX_LINE)]
    for _, body, depth, first_read, last_read, first_set, sets, _ in _loops(code, backwards=True):
        for n, j in enumerate(body):
            c = _COPY.match(code[j])
            if c is None or indent(code[j]) != depth:
                continue
            a, b = c["a"], c["b"]
            na, pb = _NEXT_GRAD.match(a), _PREV_GRAD.match(b)
            if na is None or pb is None or (na["s"] or na["t"]) != (pb["s"] or pb["t"]):
                continue
            if first_read.get(a, n) < n and sets.get(a) == 1 and first_set.get(b, n) < n and \
                    last_read.get(a, -1) < n:
                out[j] = (a, b)
    return out


_DEF = re.compile(r"^(?P<ind>[ \t]*)def\s+\w+\s*\((?P<params>[^()]*)\)\s*(?:->[^:]*)?:\s*$")
#: The letters of a state (whose handed gradient is the whole gradient of the step's output: CS231n's dnext_h).
STATE_LETTERS = ("h", "a")


def handed_aliases(lines: list) -> dict:
    """{index: (A, P)} of the lines of a function that name a gradient it is handed: ``dh = dnext_h`` in
    ``rnn_step_backward(dnext_h, cache)`` (CS231n's step: dnext_h is, by the step's contract, the whole gradient of
    the step's output next_h, so dh is that gradient). Only a parameter named for the step after that the function
    never assigns, copied once into the plain d-name of its quantity; a cell's (``dc = dnext_c`` beside
    ``dnext_h``: what reaches c_t through the step after only, the path through h_t is the step's to add) is left
    to the reader."""
    out = {}
    code = [x.rstrip() for x in code_lines(lines, MAX_LINE)]
    for k, line in enumerate(code):
        d = _DEF.match(line)
        if d is None:
            continue
        params = [x.split("=")[0].split(":")[0].strip() for x in d["params"].split(",")]
        handed = {p: (g["s"] or g["t"]) for p in params if (g := _NEXT_GRAD.match(p))}
        if not handed:
            continue
        end = block_end(code, k)
        body = [j for j in range(k + 1, end) if code[j].strip()]
        for p, stem in handed.items():
            if len(handed) > 1 and stem not in STATE_LETTERS:
                continue
            sets = [j for j in body if (e := _ASSIGNED.match(code[j])) and
                    p in [x.strip() for x in e["lhs"].split(",")]]
            copies = [j for j in body if (c := _COPY.match(code[j])) and c["b"] == p and
                      c["a"] in ("d" + stem, "d_" + stem)]
            if not sets and len(copies) == 1:
                out[copies[0]] = (_COPY.match(code[copies[0]])["a"], p)
    return out


def initial_copies(lines: list) -> dict:
    """{index: (A, B)} of the lines of ``lines`` (a fence's) that start a forward loop's state: ``A = B`` right above
    a loop forwards (blank lines, comments or up to :data:`MAX_BETWEEN` statements naming neither between), at its
    indentation, whose body assigns A by a statement reading A and
    never reads B (module doc)."""
    out, loops = {}, 0
    code = [x.rstrip() for x in code_lines(lines, MAX_LINE)]
    for k, line in enumerate(code):
        if _FOR.match(line) is None or _BACKWARDS.search(line):
            continue
        loops += 1
        if loops > MAX_LOOPS:
            break
        above, between, c = k - 1, [], None
        while above >= 0 and len(between) <= MAX_BETWEEN:
            if code[above].strip():
                c = _COPY.match(code[above]) or _COPY_CALL.match(code[above])
                if c is not None or indent(code[above]) != indent(line):
                    break
                between.append(code[above])     # (caches = [] between the start and its loop)
            above -= 1
        if c is None or c["a"] == c["b"] or indent(code[above]) != indent(line) or \
                any({c["a"], c["b"]} & set(_WORD.findall(x)) for x in between):
            continue
        a, b = c["a"], c["b"]
        body = [j for j in range(k + 1, block_end(code, k)) if code[j].strip()]
        recurs, reads_b = False, False
        for j in body:
            e = _ASSIGNED.match(code[j])
            text = _statement(code, j)
            words = set(_WORD.findall(text[e.end():] if e else text))
            reads_b |= b in words
            targets = [re.sub(r"\[.*", "", x).strip() for x in e["lhs"].split(",")] if e else []
            recurs |= a in targets and a in words
        if recurs and not reads_b:
            out[above] = (a, b)
    return out
