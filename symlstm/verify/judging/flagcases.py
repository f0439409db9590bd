r"""Code with an optional part switched by a flag: ``if (use_peephole):`` before a statement, ``if not use_peephole:
wci = wcf = wco = 0`` in the prose.

Code transcribed as equations keeps its conditionals as comments (TensorFlow's ``lstm_ops.h``: the functor computes
``dcs = (1 - co^2) h_grad o + cs_grad`` and then, ``if (use_peephole)``, ``dcs = dcs + do wco``; its own comment
``dcs[t] += tanh'(cs[t]) .* dh[t] .* o[t] + dcs[t + 1] .* f[t + 1]`` is the gradient without peepholes). A
statement outside the ``if`` is what the code computes when the flag is off; when it is on, the statements under the
``if`` add to it. The file is read in two cases when its comments state both

* the flag's off case: a comment ``if not FLAG:`` (``if (!FLAG)``) followed, in it or the next comment line, by
  ``a = b = ... = 0`` (the names the flag switches off), and
* the statements under the flag: a comment line ``if FLAG:`` / ``if (FLAG):`` / ``if (FLAG) {`` before a row; the rows
  after it up to the next comment line are under the flag (the extent of a scope, as :mod:`..text.prosescope`),

The rows under the flag and every forward row are judged in the cell as the file states it (the flag on); every
other row is judged in the cell with the switched-off names set to 0 (the flag off). Nothing is evaluated here; the
judge runs twice (:func:`merge`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["FlagCases", "flag_cases", "flag_off_equations", "merge"]

_NAME = r"[A-Za-z_][A-Za-z_0-9]*"
#: ``if not FLAG:``, ``if (!FLAG)``, ``if (not FLAG):``: the flag's off case (group ``flag``; the rest of the line
#: may hold its statement, ``rest``).
_IF_NOT = re.compile(rf"^\s*if\s*\(?\s*(?:not\s+|!\s*)(?P<flag>{_NAME})\s*\)?\s*[:{{]?(?P<rest>.*)$")
#: ``if FLAG:``, ``if (FLAG):``, ``if (FLAG) {``: the statements under the flag follow (nothing else on the line).
_IF = re.compile(rf"^\s*if\s*\(?\s*(?P<flag>{_NAME})\s*\)?\s*[:{{]?\s*$")
#: ``a = b = c = 0``: the names set to zero.
_ZEROS = re.compile(rf"^\s*(?P<names>{_NAME}(?:\s*=\s*{_NAME})*)\s*=\s*0(?:\.0*)?\s*;?\s*$")


@dataclass
class FlagCases:
    flag: str
    zeros: tuple            # names the off case sets to 0
    marked: set             # indices of the equations under the flag
    line: int               # the comment line stating the off case


def flag_cases(equations, comments: dict):
    """The :class:`FlagCases` of a file (``equations`` sorted by position, ``comments`` line -> comment text),
    or None when its comments do not state both cases (module doc)."""
    lines = sorted(comments)
    off, zeros, at = None, (), 0
    for j, n in enumerate(lines):
        m = _IF_NOT.match(comments[n])
        if m is None:
            continue
        rest = m["rest"].strip()
        z = _ZEROS.match(rest) if rest else None
        if z is None and not rest and j + 1 < len(lines) and lines[j + 1] == n + 1:
            z = _ZEROS.match(comments[lines[j + 1]])
        if z is not None:
            names = tuple(x.strip() for x in z["names"].split("="))
            if off is not None and off != m["flag"]:
                return None         # two flags: not read
            off, zeros, at = m["flag"], zeros + names, at or n
    if off is None:
        return None
    marked, under, prev = set(), False, 0
    for k, eq in enumerate(equations):
        block = [comments[n] for n in lines if prev < n < eq.line]
        if block:
            m = _IF.match(block[-1])
            under = m is not None and m["flag"] == off
        if under:
            marked.add(k)
        prev = max(prev, eq.line)
    if not marked:
        return None
    return FlagCases(off, zeros, marked, at)


def _zeroed(text: str, names) -> str:
    for name in names:
        pat = r"\\?_".join(re.escape(p) for p in name.split("_"))
        text = re.sub(rf"(?<![A-Za-z0-9_\\]){pat}(?![A-Za-z0-9_\\])", "0", text)
    return text


def flag_off_equations(equations, cases: FlagCases):
    """The equations of the off case: the switched-off names written 0. The rows under the flag stay (their
    verdicts are taken from the on case): with those names 0 they add nothing (``dcs = dcs + do \\odot 0``), and the
    rows after them keep reading the file as written (a scope runs to the next comment line, which may take in
    statements after the ``if``, as the blocks ``dgates^{(i)} = di`` that name a stack)."""
    return [replace(eq, text=_zeroed(eq.text, cases.zeros)) for eq in equations]


def merge(on_results, off_results, equations, cases: FlagCases):
    """The verdicts: a row under the flag, a row writing a switched-off name and a forward row as judged with the
    flag on, every other row as judged with it off (its why says so when it does not pass)."""
    marked_at = {(equations[k].line, equations[k].column) for k in cases.marked}
    # a row outside the ``if`` that writes a switched-off name (dcs = ... + do \odot wco) is about the on case:
    # in the off case its term would vanish whatever it says, so it is judged as written
    marked_at |= {(eq.line, eq.column) for eq in equations if _zeroed(eq.text, cases.zeros) != eq.text}
    off = {}
    for r in off_results:
        off.setdefault((r.line, r.column), []).append(r)
    note = f"read with {cases.flag} off ({' = '.join(cases.zeros)} = 0, as the comment on line {cases.line} states)"
    out = []
    for r in on_results:
        key = (r.line, r.column)
        if key in marked_at or r.reading == "forward" or not off.get(key):
            out.append(r)
            continue
        o = off[key].pop(0)
        if o.status != "pass":
            o.why = "; ".join(x for x in (o.why, note) if x)
        out.append(o)
    return out
