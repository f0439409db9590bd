r"""A step's previous value read at index ``t - 1`` in a loop that runs down to ``t = 0``.

``dUh += np.transpose(self.r[:, t, :] * self.s[:, t-1, :]) @ dh_l`` in ``for t in reversed(range(T))``, where the
forward pass stored step t's state at ``s[:, t, :]``: at ``t = 0`` the index ``t - 1`` is ``-1``, which numpy (and
Python's lists) count from the end. Step 0 then reads the last step's state, not the initial one, and the statement
is wrong at that step whatever its formula (a slip published in many numpy tutorials and homework solutions; the
annotated notes hold it in over twenty). The row fails, naming the index and what step 0 needs.

Judged only where it is certain from the text: the loop's range reaches 0 (``reversed(range(T))``, ``range(T - 1,
-1, -1)``); the array is filled at index ``t`` (``s[:, t, :] = ...``, ``s[t] = ...``, or appended to from an empty
list in a loop; or kept in an attribute, ``self.h = h``, the one array it is set to) and never at ``t + 1`` or
``-1`` (``hs[-1] = hprev``: min-char-rnn's dict holds the initial state there, so ``hs[t-1]`` is right) and read at ``t - 1`` by no loop going up (a forward loop that reads ``h[t-1]`` at
its first step keeps the state before it at -1); no test of the loop's variable stands before the statement in the
loop (``if t > 0:``) and the statement itself takes no maximum (``max(t - 1, 0)``) nor chooses by the loop's
variable (``H[t-1] if t > 0 else h0``).

A loop going up from 0 is judged where the code itself shows what step 0 needs: a statement of the loop that
chooses by the loop's variable (``h_prev = H[t-1] if t > 0 else h0``) names the state before step 0, so another
statement of that loop that reads ``H[t-1]`` unguarded (``z = sigmoid(x @ Wz + H[t-1] @ Uz + bz)``) reads the
array's last row at t = 0 instead (a student's slip in a course notebook whose scaffold wrote the line above).
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, fence_blocks
from ..text.codeblocks import block, code_lines, indent
from ..text.depth import split_outside
from .report import RowResult

__all__ = ["chooses", "wrap_results", "WRAP_NOTE"]

#: The note on such a row.
WRAP_NOTE = "a previous step read at index -1"

#: A loop down to 0: ``for t in reversed(range(T)):``, ``for t in range(T - 1, -1, -1):``.
_DOWN_TO_ZERO = re.compile(r"^\s*for\s+(?P<var>[A-Za-z_]\w*)\s+in\s+(?:reversed\(\s*range\(\s*(?:0\s*,\s*)?"
                           r"(?P<n>[^,()]+(?:\([^()]*\))?[^,()]*)\)\s*\)|range\(\s*[^,]+,\s*-1\s*,\s*-1\s*\))\s*:")
_INDEXED = re.compile(r"(?<![\w.])(?P<name>(?:self\.)?[A-Za-z_]\w*)\s*\[(?P<index>[^\[\]]*)\]")
_STORE = r"^\s*(?P<name>(?:self\.)?[A-Za-z_]\w*)\s*\[(?P<index>[^\]]*)\]\s*(?:=(?!=)|\+=)"


def _index_of(var: str, index: str) -> str | None:
    """What the subscript ``index`` takes at the loop variable: "t", "t+1", "t-1", "-1" or None (another form)."""
    parts = [p.strip() for p in index.split(",")]
    hits = [p for p in parts if re.search(rf"(?<![\w.]){re.escape(var)}(?!\w)", p) or re.fullmatch(r"-1", p)]
    if len(hits) != 1 or any(p not in (":", "...") for p in parts if p not in hits):
        return None
    p = re.sub(r"\s+", "", hits[0])
    return {var: "t", f"{var}+1": "t+1", f"{var}-1": "t-1", "-1": "-1"}.get(p)


def _stores(lines: list) -> dict:
    """name -> the set of index forms ("t", "t+1", "-1", "list", "init") the code stores the name at, for the loop
    variables of its ``for`` loops (and ``-1`` anywhere)."""
    out = {}
    loops = []
    for k, line in enumerate(lines):
        m = re.match(r"^\s*for\s+(?P<var>[A-Za-z_]\w*)\s+in\b", line)
        if m is not None:
            loops.append((k, m["var"]))
    for k, line in enumerate(lines):
        m = re.match(_STORE, line)
        if m is not None and any(p.strip() == "-1" for p in m["index"].split(",")):
            out.setdefault(m["name"], set()).add("-1")      # hs[-1] = hprev, h[:, -1, :] = h0: the initial state
        m2 = re.match(r"^\s*(?P<names>(?:self\.)?[A-Za-z_]\w*(?:\s*,\s*(?:self\.)?[A-Za-z_]\w*)*)\s*=(?!=)\s*"
                      r"(?P<value>.+?)\s*$", line)
        names = [x.strip() for x in m2["names"].split(",")] if m2 is not None else []
        values = [x.strip() for x in split_outside(m2["value"])] if m2 is not None else []
        if len(names) > 1 and len(values) != len(names):
            values = [""] * len(names)          # (h, c = state: unpacked from one value)
        for name, value in zip(names, values):
            if re.match(r"(?:np|numpy)\.zeros\(", value) and not re.search(r"\+\s*1\b", value):
                out.setdefault(name, set()).add("zeros")  # self.c = np.zeros((B, T, H)): index -1 is 0 until filled
                #                                           (np.zeros((T + 1, H)): a row more, -1 stays the start)
            if re.fullmatch(r"\[\s*\]|list\(\s*\)", value):
                out.setdefault(name, set()).add("empty")
            elif re.match(r"\[\s*[^\]\s]|\{|dict\(|(?:collections\.)?(?:defaultdict|OrderedDict)\(", value):
                out.setdefault(name, set()).add("init")   # [h0], {-1: hprev}, {}: a list with its first value, a dict
    for k, var in loops:
        from_one = re.match(rf"^\s*for\s+{re.escape(var)}\s+in\s+range\(\s*1\s*,", lines[k]) is not None
        for j in block(lines, k):
            # a forward loop reading x[t-1] at its first step: the code keeps the state before step 0 at -1 (a
            # dict's key); a loop from 1 (range(1, T)) has no such step: step 0 is computed above it
            if _DOWN_TO_ZERO.match(lines[k]) is None and not from_one:
                for r in _INDEXED.finditer(lines[j]):
                    if _index_of(var, r["index"]) == "t-1":
                        out.setdefault(r["name"], set()).add("read-1")
            m = re.match(_STORE, lines[j])
            if m is not None:
                form = _index_of(var, m["index"])
                if form is not None:
                    out.setdefault(m["name"], set()).add(form)
            a = re.match(r"^\s*(?P<name>(?:self\.)?[A-Za-z_]\w*)\.append\(", lines[j])
            if a is not None:
                out.setdefault(a["name"], set()).add("list")
            if re.match(r"^\s*(?:self\.)?[A-Za-z_]\w*\.insert\(\s*0\s*,", lines[j]):
                name = re.match(r"^\s*((?:self\.)?[A-Za-z_]\w*)", lines[j])[1]
                out.setdefault(name, set()).add("insert")
    kept = [re.match(r"^\s*self\.(?P<a>[A-Za-z_]\w*)\s*=\s*(?P<b>[A-Za-z_]\w*)\s*$", x) for x in lines]
    for m in kept:              # self.h = h after the forward loop fills h[:, t, :]: the attribute is that array
        if m is not None and m["b"] in out and f"self.{m['a']}" not in out and \
                sum(1 for n in kept if n is not None and n["a"] == m["a"] and n["b"] != "None") == 1:
            out[f"self.{m['a']}"] = set(out[m["b"]])
    return out


def _by_step(forms: set) -> bool:
    """Is a name so stored that index t holds step t and index -1 the last step? An array of zeros filled at index
    t whose forward loop reads index t - 1 (``self.c[:, t] = f * self.c[:, t-1] + ...``): the forward's step 0 reads
    a zero there (the last slot is not filled yet), but once the loop has run, index -1 holds the last step."""
    if forms & {"t+1", "-1", "init", "insert"}:
        return False
    if "read-1" in forms and not forms >= {"zeros", "t"}:
        return False
    return "t" in forms or forms >= {"list", "empty"}


#: A loop going up from 0: ``for t in range(T):``, ``for t in range(0, T):``, ``for t, x in enumerate(xs):``.
_UP_FROM_ZERO = re.compile(r"^\s*for\s+(?P<var>[A-Za-z_]\w*)(?:\s*,\s*[A-Za-z_]\w*)?\s+in\s+(?:range\(\s*(?:0\s*,\s*)?"
                           r"[^,()]+(?:\([^()]*\))?[^,()]*\)|enumerate\(.*\))\s*:")


def chooses(var: str, line: str) -> bool:
    """Does the statement choose by the loop's variable (``H[t-1] if t > 0 else h0``)?"""
    return re.search(rf"\bif\b[^:]*(?<![\w.]){re.escape(var)}(?!\w)[^:]*\belse\b", line) is not None


def _fail(start, body, j, text_j, var, shown, why) -> RowResult:
    return RowResult(line=start + j + 1, column=indent(body[j]) + 1, text=text_j.strip(), status="fail",
                     holds=False, notes=[WRAP_NOTE], why=f"at {var} = 0 the loop reads {shown} at index -1, which "
                     f"counts from the end: the last step's value, not the state before step 0 ({why})")


def _up_results(start, body, lines, k, var) -> list:
    """The statements of an ascending loop (line k) that read X[t-1] unguarded where a statement of the same loop
    takes X[t-1] only when t > 0 (module doc)."""
    chosen = {}         # X -> the line that chooses the state before step 0 for X[t-1]
    loop = block(lines, k)
    for j in loop:
        if chooses(var, lines[j]):
            for r in _INDEXED.finditer(lines[j]):
                if _index_of(var, r["index"]) == "t-1":
                    chosen.setdefault(r["name"], j)
    out = []
    guarded = False
    for j in loop:
        text_j = lines[j]
        if re.match(rf"^\s*(?:if|elif|while)\b.*(?<![\w.]){re.escape(var)}(?!\w)", text_j):
            guarded = True
        if guarded or chooses(var, text_j) or re.search(r"\b(?:max|maximum|clip)\s*\(", text_j):
            continue
        for r in _INDEXED.finditer(text_j):
            if _index_of(var, r["index"]) == "t-1" and r["name"] in chosen and indent(text_j) > indent(lines[k]):
                shown = f"{r['name']}[{r['index'].strip()}]"
                out.append(_fail(start, body, j, text_j, var, shown,
                                 f"the loop's line {start + chosen[r['name']] + 1} takes {shown} only when {var} > 0"))
                break
    return out


def wrap_results(text: str) -> list:
    """A failing :class:`RowResult` for each statement of the text's Python fences that reads a step's previous
    value at index ``t - 1`` where step 0 makes it ``-1`` (module doc)."""
    out = []
    for start, _, body in fence_blocks(text, CODE_FENCE_LANGUAGES):
        lines = code_lines(body)
        stores = _stores(lines)
        for k, line in enumerate(lines):
            m = _DOWN_TO_ZERO.match(line)
            if m is None:
                up = _UP_FROM_ZERO.match(line)
                if up is not None:
                    out += _up_results(start, body, lines, k, up["var"])
                continue
            var = m["var"]
            guarded = False
            for j in block(lines, k):
                text_j = lines[j]
                if re.match(rf"^\s*(?:if|elif|while)\b.*(?<![\w.]){re.escape(var)}(?!\w)", text_j):
                    guarded = True          # if t > 0: / if t == 0: ... the step 0 may be handled apart
                if guarded or chooses(var, text_j) or re.search(r"\b(?:max|maximum|clip)\s*\(", text_j):
                    continue
                for r in _INDEXED.finditer(text_j):
                    if _index_of(var, r["index"]) != "t-1" or not _by_step(stores.get(r["name"], set())):
                        continue
                    if indent(text_j) <= indent(line):
                        continue
                    shown = f"{r['name']}[{r['index'].strip()}]"
                    out.append(_fail(start, body, j, text_j, var, shown, f"{r['name']} holds step {var} at index "
                                     f"{var}, and the loop runs down to {var} = 0"))
                    break
    return out
