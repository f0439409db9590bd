"""Helpers with several switches, called with constants: ``sigmoid(o[t], derivative=True, inputY=True)``.

A notebook's activation helper may take switches beside its argument (a DTU 02456 student's ``def sigmoid(x,
derivative=False, inputY=False)``: ``inputY`` says x is already the unit's output, ``derivative`` asks for the
derivative). Its body is straight-line assignments and ``if``/``else`` blocks on the switches, each ending in a
``return``. A call that gives every switch a constant (a keyword or a position; one left out takes its default)
is the formula the body returns on that path, with the call's argument for the parameter: ``sigmoid(o[t],
derivative=True, inputY=True)`` is ``(o[t] * (1 - o[t]))``. The helper's own lines are no rows of the cell.

Only bodies of that shape (a docstring, assignments, tests of one switch, its negation or ``== True``); any other
statement, a switch assigned, a second parameter without a boolean default, a loop, leaves the helper alone (one
flag's helpers are codefences.flag_branches's). Bounded: at most :data:`MAX_SWITCHES` switches, bodies of at most
:data:`MAX_BODY` lines, formulas of at most :data:`MAX_FORMULA` characters.
"""
from __future__ import annotations

import functools
import itertools
import re

from .codeblocks import block
from .depth import call_end, split_outside

__all__ = ["helper_lines", "switch_calls", "switch_helpers"]

MAX_SWITCHES, MAX_BODY, MAX_FORMULA = 4, 40, 600

_DEF = re.compile(r"^\s*def\s+(?P<name>[A-Za-z_]\w*)\s*\(\s*(?:self\s*,\s*)?(?P<param>[A-Za-z_]\w*)\s*,"
                  r"(?P<switches>(?:\s*[A-Za-z_]\w*\s*=\s*(?:False|True)\s*,?)+)\s*\)\s*:\s*$")
_SWITCH = re.compile(r"([A-Za-z_]\w*)\s*=\s*(False|True)")
_TEST = r"(?:el)?if\s*\(?\s*(?P<neg>not\s+)?(?P<flag>{flags})\s*(?:==\s*(?P<eq>True|False|1|0)|is\s+(?P<is>True|False))?\s*\)?\s*:\s*$"
_ASSIGN = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*=(?!=)\s*(?P<value>.+)$")


def _plain(line: str) -> str:
    return re.sub(r"\s+#.*$", "", line).strip()


def switch_helpers(lines: list) -> dict:
    """{name: (param, switches {flag: default}, def line index, {switch values: formula})} of the helpers of the
    module docstring's shape (every path's formula worked out once)."""
    out = {}
    for k, line in enumerate(lines):
        m = _DEF.match(line)
        if m is None:
            continue
        switches = {f: v == "True" for f, v in _SWITCH.findall(m["switches"])}
        body = block(lines, k)
        if not 2 <= len(switches) <= MAX_SWITCHES or len(body) > MAX_BODY or m["param"] in switches:
            continue
        paths = {on: _walk(lines, body, m["param"], dict(zip(switches, on)))
                 for on in itertools.product((False, True), repeat=len(switches))}
        if not all(isinstance(p, str) and p for p in paths.values()):
            continue            # (not of the shape on every path: a loop, the parameter reassigned, no return)
        out[m["name"]] = (m["param"], switches, k, paths)
    return out


def helper_lines(lines: list, helpers: dict) -> set:
    """Indexes of the lines of ``helpers`` (their ``def`` and body): no rows of the cell."""
    return {j for _, _, k, _ in helpers.values() for j in (k, *block(lines, k))}


def _walk(lines, body, param, values):
    """The formula the body returns with the switches at ``values``, else None (a body of another shape)."""
    test = re.compile(_TEST.format(flags="|".join(map(re.escape, values))))
    env, j = {}, 0
    while j < len(body):
        st = _plain(lines[body[j]])
        quote = re.match(r"^[rRbBuU]?(\"\"\"|''')", st)
        if quote is not None:               # a docstring: to the line that closes it
            if st.count(quote[1]) < 2:
                j += 1
                while j < len(body) and quote[1] not in lines[body[j]]:
                    j += 1
            j += 1
            continue
        if not st:
            j += 1
            continue
        t = test.match(st)
        if t is not None:
            on = values[t["flag"]]
            if t["eq"] is not None:
                on = on == (t["eq"] in ("True", "1"))
            if t["is"] is not None:
                on = on == (t["is"] == "True")
            if t["neg"]:
                on = not on
            inner = block(lines, body[j])
            ends = j + 1 + len(inner)
            rest = body[ends:]
            other = []
            if rest and re.fullmatch(r"else\s*:", _plain(lines[rest[0]])):
                other = block(lines, rest[0])
                ends += 1 + len(other)
            elif rest and test.match(_plain(lines[rest[0]])) and _plain(lines[rest[0]]).startswith("elif"):
                return None                 # (elif chains: not read)
            chosen = inner if on else other
            got = _walk(lines, chosen, param, values) if chosen else ("", {})
            if got is None:
                return None
            if isinstance(got, str):
                return _put(got, env)
            env.update({n: _put(v, env) for n, v in got[1].items()})
            j = ends
            continue
        r = re.match(r"^return\s+(.+)$", st)
        if r is not None:
            formula = _put(r[1], env)
            return formula if len(formula) <= MAX_FORMULA and not re.search(r"[\"']|\b(?:if|for|lambda)\b",
                                                                             formula) else None
        a = _ASSIGN.match(st)
        if a is not None and a["name"] not in values and a["name"] != param and \
                not re.search(r"[\"'\[\]]|\b(?:if|for|lambda)\b", a["value"]):
            # x_safe = x + 1e-12: a nudge against a zero, the same value (the reader's numbers do not need it)
            value = re.sub(r"\s*[+-]\s*\d+(?:\.\d+)?[eE]-\d+\s*$", "", a["value"])
            env[a["name"]] = _put(value, env)
            j += 1
            continue
        return None
    return "", env


def _put(text: str, env: dict) -> str:
    for name, value in env.items():
        text = re.sub(rf"(?<![\w.]){re.escape(name)}(?![\w(])", lambda m, v=value: f"({v})", text)
    return text


@functools.lru_cache(maxsize=16)
def _call_pattern(names: tuple):
    return re.compile(r"(?<![\w.])(?:self\.)?(" + "|".join(map(re.escape, names)) + r")\s*\(")


def switch_calls(line: str, helpers: dict) -> str:
    """The line with each call of ``helpers`` whose switches are all constants written as the formula of that
    path, its argument in the parameter's place; other calls are left as they are."""
    if not helpers or "(" not in line:
        return line
    pattern = _call_pattern(tuple(sorted(helpers)))
    out, pos = "", 0
    for m in pattern.finditer(line):
        if m.start() < pos or re.match(r"\s*def\s", line):
            continue
        j = call_end(line, m.end())
        if j is None:
            return line
        param, switches, _, paths = helpers[m[1]]
        args = split_outside(line[m.end():j - 1])
        values, names = dict(switches), list(switches)
        ok = bool(args) and "=" not in args[0]
        for n, a in enumerate(args[1:]):
            kw = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*=\s*(True|False|1|0)\s*", a)
            pos_arg = re.fullmatch(r"\s*(True|False|1|0)\s*", a)
            if kw is not None and kw[1] in values:
                values[kw[1]] = kw[2] in ("True", "1")
            elif pos_arg is not None and n < len(names):
                values[names[n]] = pos_arg[1] in ("True", "1")
            else:
                ok = False
        if len(args) < 2:
            continue            # (a call with every switch at its default: the function its name says, read as such)
        formula = paths.get(tuple(values[f] for f in names)) if ok else None
        if not isinstance(formula, str) or not formula:
            continue
        arg = args[0].strip()
        body = re.sub(rf"(?<![\w.]){re.escape(param)}(?![\w(])", lambda _, arg=arg: f"({arg})", formula)
        out += line[pos:m.start()] + f"({body})"
        pos = j
    return out + line[pos:]
