r"""Where a code's gradient sums start: ``dWxh = np.zeros_like(Wxh)`` before ``dWxh += ...`` in the loop.

Backpropagation through time in code sums each parameter's gradient over the steps, into a variable set before
the loop, and carries the gradient reaching the state from the step after (``dh_next``), zero beyond the last
step. The first assignment is a claim: a sum of gradients starts at zero. A gradient's name (:data:`GRADIENT_NAME`:
``dW``, ``self.dbf``, ``grad_W``, ``delta_h``, ``W_grad``) given zeros (:data:`ZERO_STARTS`: ``np.zeros_like(W)``,
``np.zeros((H, D))``, ``0``, MATLAB's ``zeros(size(W))``) passes when a later statement of its fence adds to it
(``dW += ...``, ``dW = dW + ...``) or reads it (the carry); one given anything else to add to (``0.1 *
np.random.rand(H, D)``, ``np.ones_like(W)``, a number other than zero) fails where it is added to: the sum is off
by its start. A name that is only assigned once (``dW = np.zeros_like(W)`` then ``dW = x.T @ d``) is no sum and no
claim here. Each of a tuple's names (``dWx, dWh, db = np.zeros(...), np.zeros(...), np.zeros(...)``) is judged.

The converse slip: a parameter's gradient set anew at each step of a loop over the steps (``d_Whh = temp @
h[t].T`` with ``=``, never added to) and read after the loop (``Whh -= lr * d_Whh``) keeps one step's part, not the
sum over the steps: its row fails (:func:`_set_anew`), whatever reading of the row alone would hold.
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, MATLAB_FENCE_LANGUAGES, _indent, fence_blocks
from ..text.depth import split_outside
from .report import RowResult

__all__ = ["start_results", "GRADIENT_NAME", "ZERO_STARTS", "START_NOTE", "PARAMETER_LETTERS", "TIME_LOOP", "RANGE_LOOP"]

#: A gradient's name in code (``self.`` dropped).
GRADIENT_NAME = re.compile(r"^(?:d(?:[A-Z_]|[a-z]{1,4}(?=[A-Z_\d]|$))\w*|grad_?\w*|delta_?\w*|diff_\w+|\w+_(?:grad|diff|"
                           r"gradient))$")
#: Values that start a sum at zero.
ZERO_STARTS = re.compile(r"^(?:(?:np|numpy|torch|jnp)\.)?(?:zeros_like|zeros)\s*\(.*\)$|^0(?:\.0*)?$|^0\.$")
#: Values that start it elsewhere (random draws, ones, a nonzero number, a scaled one).
NONZERO_STARTS = re.compile(r"^(?:[\d.]+\s*\*\s*)?(?:(?:np|numpy|torch)\.)?(?:random\.(?:rand|randn|random|uniform|normal)"
                            r"|ones_like|ones|full_like|full)\s*\(.*\)$|^-?(?:0*[1-9][\d]*(?:\.\d*)?|0?\.\d*[1-9]\d*)$")
#: The note on such a row.
START_NOTE = "where a gradient's sum starts"

_LANGUAGES = (*CODE_FENCE_LANGUAGES, *MATLAB_FENCE_LANGUAGES, "")
_ASSIGN = re.compile(r"^(?P<lhs>(?:self\.)?[A-Za-z_]\w*(?:\s*,\s*(?:self\.)?[A-Za-z_]\w*)*)\s*=(?!=)\s*(?P<rhs>.+?);?\s*$")


#: The first letters of a parameter's name in code (``Whh``, ``W_f``, ``U_z``, ``V``, ``b_h``, ``by``).
PARAMETER_LETTERS = "WUVb"
#: A loop over the steps: ``for t in reversed(range(n)):``, ``for t in range(T):``, ``for t in np.arange(T)[::-1]:``.
TIME_LOOP = re.compile(r"^(?P<indent>\s*)for\s+(?:t|k|tau|step|ts)\s+in\s+(?:reversed\(\s*)?(?:x?range|(?:np\.)?arange)\(")


def start_results(text: str, taken: set) -> list:
    """A :class:`RowResult` for each gradient sum's start in the text's code fences, and for each parameter's
    gradient set anew at every step of a loop and read after it (:func:`_set_anew`: judged on any line, a verdict
    there replaces the line's others); the sums' starts on lines not in ``taken``."""
    out = []
    for start, _, body in fence_blocks(text, _LANGUAGES):
        out += _fence_starts(body, start, taken)
        after = _added_after_loop(body, start, {r.line for r in out})
        # (a step's part added after the loop is right where it is set: the sum's row fails, not the part's)
        parts = {r.text.partition("+=")[2].strip() for r in after}
        out += _set_anew(body, start, {r.line for r in out}, parts)
        out += _set_beside_sums(body, start, {r.line for r in out})
        done = {x.line for x in out}
        out += [r for r in after if r.line not in done]
    return out


#: Any loop over a range (``for i in reversed(range(t)):``): a loop whose pass sets a value anew.
RANGE_LOOP = re.compile(r"^\s*for\s+(?P<var>[A-Za-z_]\w*)\s+in\s+(?:reversed\(\s*)?(?:x?range|(?:np\.)?arange)\(")
#: ``dWf += dWft``: a sum added one value.
_ADD_ONE = re.compile(r"^(?P<lhs>(?:self\.)?[A-Za-z_]\w*)\s*\+=\s*(?P<rhs>[A-Za-z_]\w*)\s*;?$")


def _added_after_loop(body: list, offset: int, taken: set) -> list:
    """``dWf += dWft`` just after ``for i in reversed(range(t)): ..., dWft, ... = lstm_cell_backward(...)``, where
    ``dWf`` starts at zero before the loop: the sum is given the last pass's value once (step 0's, for a loop run
    backwards), not each step's: the row fails (its ``+=`` belongs inside the loop)."""
    code = [_code(x) for x in body]
    out = []
    for k, line in enumerate(code):
        if not RANGE_LOOP.match(line):
            continue
        depth = _indent(line)
        end = next((j for j in range(k + 1, len(code)) if code[j].strip() and _indent(code[j]) <= depth), len(code))
        set_in = set()          # the names a pass of the loop sets
        for j in range(k + 1, end):
            a = _ASSIGN.match(code[j].strip())
            if a is not None:
                set_in.update(x.strip() for x in a["lhs"].split(","))
        words_in = {w for j in range(k + 1, end) for w in re.findall(r"(?<![\w.])(?:self\.)?[A-Za-z_]\w*", code[j])}
        zeros = set()           # the names set to zeros before the loop
        for x in code[:k]:
            a = _ASSIGN.match(x.strip())
            if a is not None and ZERO_STARTS.match(a["rhs"].strip()):
                zeros.add(a["lhs"].strip())
        for j in range(end, len(code)):
            if not code[j].strip():
                continue
            m = _ADD_ONE.match(code[j].strip())
            if _indent(code[j]) != depth or m is None:
                break           # (the statements right after the loop, at its depth)
            lhs, rhs = m["lhs"], m["rhs"]
            bare = lhs[5:] if lhs.startswith("self.") else lhs
            stem = re.sub(r"^(?:d_?|grad_?|delta_?)", "", bare)
            if rhs == lhs or rhs not in set_in or lhs in set_in or not GRADIENT_NAME.match(bare) or \
                    stem[:1] not in PARAMETER_LETTERS or lhs not in zeros or lhs in words_in or offset + j + 1 in taken:
                continue        # (a parameter's sum set to zeros before the loop and not touched in it; da0 +=
                #                 da_prevt after the loop is the first state's gradient: step 0's, rightly)
            out.append(_kept_one_part(body, offset, j, f"{lhs} += {rhs} stands after the loop of line "
                                                        f"{offset + k + 1}, where {rhs} is set at each pass: the sum "
                                                        f"gets the last pass's {rhs} once, not every step's (the += "
                                                        f"belongs inside the loop)"))
    return out


#: A parameter's gradient as code writes it to a parameter object: ``p.bo.d``, ``self.W_f.grad``, ``params.Wo.d``.
_PARAM_GRADIENT_ATTR = re.compile(r"^(?P<head>(?:[A-Za-z_]\w*\.)*)(?P<param>[A-Za-z_]\w*)\.(?P<grad>d|grad|diff|g)$")


def _parameter_gradient(name: str):
    """(the name with the parameter's place blanked, the parameter's name) of a parameter's gradient written in
    code (``self.dbf`` -> (``self.d*``, ``bf``), ``p.bo.d`` -> (``p.*.d``, ``bo``)), or None: two gradients of one
    form are siblings."""
    m = _PARAM_GRADIENT_ATTR.match(name)
    if m is not None:
        return (m["head"] + "*." + m["grad"], m["param"]) if m["param"][0] in PARAMETER_LETTERS else None
    head, _, bare = name.rpartition(".")
    if head not in ("", "self"):
        return None
    pre = re.match(r"^(?:d_?|grad_?|delta_?)", bare)
    stem = bare[pre.end():] if pre else ""
    if not GRADIENT_NAME.match(bare) or not stem or stem[0] not in PARAMETER_LETTERS or \
            not re.fullmatch(r"[A-Za-z]{1,3}(?:_?[a-z]{1,3})?", stem):
        return None
    return head + "." + pre.group() + "*" if head else pre.group() + "*", stem


#: An assignment whose target may be an attribute chain (``p.bo.d = do_raw``).
_ASSIGN_DOTTED = re.compile(r"^(?P<lhs>[A-Za-z_][\w.]*)\s*(?P<op>\+=|=(?!=))\s*(?P<rhs>.+?);?\s*$")


def _set_beside_sums(body: list, offset: int, taken: set) -> list:
    """``p.bo.d = do_raw`` beside ``p.Wo.d += np.dot(do_raw, z.T)``, ``p.bc.d += dc_bar_raw`` in one block of a
    step's backward: every other parameter's gradient is added to (summed over the calls, the steps), this one is
    set anew and keeps the last call's part only: the row fails (``+=`` meant). A gradient set to zeros is a sum's
    start (:func:`_fence_starts`), and one that a later statement adds to or reads is no such slip."""
    code = [_code(x) for x in body]
    rows = []           # (index, indent, lhs, op, rhs)
    for j, line in enumerate(code):
        a = _ASSIGN_DOTTED.match(line.strip())
        if a is not None:
            rows.append((j, _indent(line), a["lhs"], a["op"], a["rhs"].strip()))
    out = []
    for j, depth, lhs, op, rhs in rows:
        form = _parameter_gradient(lhs) if op == "=" else None
        if form is None or offset + j + 1 in taken or ZERO_STARTS.match(rhs) or NONZERO_STARTS.match(rhs) or \
                re.fullmatch(r"None\s*(?:#.*)?", rhs):        # dWx = None  # omitted: no gradient kept
            continue
        # the block: the lines around j at its indentation, up to a line indented less (a def, a loop's end)
        lo = next((i + 1 for i in range(j - 1, -1, -1) if code[i].strip() and _indent(code[i]) < depth), 0)
        hi = next((i for i in range(j + 1, len(code)) if code[i].strip() and _indent(code[i]) < depth), len(code))
        sums = [(i, l) for i, d, l, o, _ in rows if lo <= i < hi and d == depth and o == "+=" and l != lhs and
                (_parameter_gradient(l) or ("", ""))[0] == form[0]]
        if len(sums) < 2:
            continue
        esc = re.escape(lhs)
        if any(re.search(rf"(?<![\w.]){esc}(?![\w.])", code[i]) for i in range(j + 1, len(code))) or \
                any(re.search(rf"(?<![\w.]){esc}(?![\w.])", code[i]) for i in range(lo, j)):
            continue        # (read or added to elsewhere: set for a reason)
        out.append(_kept_one_part(body, offset, j, f"{lhs} is set (=) where the other parameters' gradients beside "
                                                    f"it are added to ({sums[0][1]} +=): it keeps the last call's part "
                                                    f"only, not the sum over the steps ({lhs} += ... meant)"))
    return out


def _set_anew(body: list, offset: int, taken: set, parts=frozenset()) -> list:
    """``d_Whh = temp @ h[t].T`` in the body of a loop over the steps, never added to, read after the loop
    (``self.Whh -= lr * d_Whh``): it keeps the part of one step, not the sum over the steps: the row fails."""
    code = [_code(x) for x in body]
    out = []
    for k, line in enumerate(code):
        m = TIME_LOOP.match(line)
        if m is None:
            continue
        depth = _indent(line)
        end = next((j for j in range(k + 1, len(code)) if code[j].strip() and _indent(code[j]) <= depth), len(code))
        inside = [j for j in range(k + 1, end) if code[j].strip()]
        for j in inside:
            a = _ASSIGN.match(code[j].strip())
            if a is None or "," in a["lhs"] or offset + j + 1 in taken:
                continue
            name = a["lhs"].strip()
            if name in parts:
                continue
            bare = name[5:] if name.startswith("self.") else name
            stem = re.sub(r"^(?:d_?|grad_?|delta_?)", "", bare)
            if not GRADIENT_NAME.match(bare) or not stem or stem[0] not in PARAMETER_LETTERS or \
                    not re.fullmatch(r"[A-Za-z]{1,3}(?:_?[a-z]{1,3})?", stem):
                continue
            esc = re.escape(name)
            summed = any(re.match(rf"^{esc}\s*(?:\[[^\]]*\]\s*)?(?:\+=|-=)", code[i].strip()) or
                         (a2 := _ASSIGN.match(code[i].strip())) is not None and      # (x += y of another name)
                         re.search(rf"(?<![\w.]){esc}(?!\w)", a2["rhs"])
                         for i in inside if _ASSIGN.match(code[i].strip()) or "+=" in code[i])
            if summed:
                continue
            after = [i for i in range(end, len(code)) if re.search(rf"(?<![\w.]){esc}(?!\w)", code[i])]
            if not after or re.match(rf"^\s*{esc}\s*=(?!=)", code[after[0]]):
                continue            # (not read after the loop, or given a new value first: a step's part)
            out.append(_kept_one_part(body, offset, j, f"{name} is set anew at each step of the loop and read after "
                                                        f"it (line {offset + after[0] + 1}): it keeps one step's part, "
                                                        f"not the sum over the steps ({name} += ... meant)"))
    return out


def _kept_one_part(body: list, offset: int, j: int, why: str) -> RowResult:
    """The failing row of line ``j`` of a fence's ``body``: a gradient that keeps one part of its sum."""
    col = len(body[j]) - len(body[j].lstrip()) + 1
    return RowResult(line=offset + j + 1, column=col, text=_code(body[j]).strip(), status="fail", holds=False,
                     reading="total", why=why, notes=[START_NOTE])


def _code(line: str) -> str:
    return re.split(r"\s#|^#|\s%|^%", line, maxsplit=1)[0].rstrip()


def _fence_starts(body: list, offset: int, taken: set) -> list:
    code = [_code(x).strip() for x in body]
    out = []
    for k, st in enumerate(code):
        if offset + k + 1 in taken:
            continue
        m = _ASSIGN.match(st)
        if m is None:
            continue
        names = [n.strip() for n in m["lhs"].split(",")]
        values = [v.strip() for v in split_outside(m["rhs"])] if len(names) > 1 else [m["rhs"].strip()]
        if len(values) != len(names):
            continue
        verdicts = []
        for name, value in zip(names, values):
            bare = name[5:] if name.startswith("self.") else name
            if not GRADIENT_NAME.match(bare):
                verdicts = []
                break
            zero = ZERO_STARTS.match(value) is not None
            nonzero = NONZERO_STARTS.match(value) is not None
            if not zero and not nonzero:
                verdicts = []
                break
            esc = re.escape(name)
            later = [s for s in code[k + 1:] if name in s]      # (a plain test first: a long file stays fast)
            added = any(re.match(rf"^{esc}\s*(?:\[[^\]]*\]\s*)?\+=", s) or
                        re.match(rf"^{esc}\s*=\s*{esc}\s*\+", s) for s in later)
            read = any(re.search(rf"(?<![\w.]){esc}(?!\w)", s.split("=", 1)[1]) for s in later
                       if "=" in s and not re.match(rf"^{esc}\s*=(?!=)", s))
            if zero and (added or read):
                verdicts.append(("pass", f"{name} starts at zero"))
            elif nonzero and added:
                verdicts.append(("fail", f"{name} is a sum of gradients (added to below) but starts at {value}, not "
                                         f"zero: the gradient it sums is off by that start"))
            else:
                verdicts = []
                break
        if not verdicts:
            continue
        failed = [why for status, why in verdicts if status == "fail"]
        status = "fail" if failed else "pass"
        why = "; ".join(failed) if failed else ("a sum of gradients, or the gradient carried from beyond the last "
                                                "step, starts at zero")
        col = len(body[k]) - len(body[k].lstrip()) + 1
        out.append(RowResult(line=offset + k + 1, column=col, text=st, status=status, holds=status == "pass",
                             reading="definition", why=why, notes=[START_NOTE]))
    return out
