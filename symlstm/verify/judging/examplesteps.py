r"""A total loss written out for a short example: ``J = \ell_1 + \ell_2 + \ell_3`` after ``J = \sum_{t=1}^{T} \ell_t``.

Notes unroll a sequence of a few steps to show where the gradients come from ("suppose the sequence has three
steps: J = \ell_1 + \ell_2 + \ell_3"). The row is the file's total loss at T = n, not a claim about the run the
reader makes up (of its own length), where it would fail for the steps it leaves out. It holds as written when
its terms are the step losses of steps 1 to n, each once, and the file defines the total as the sum of those
step losses from step 1 to the last step, a letter (T, N: never a number, which fixes the run's length); the
reader says so (the reading) instead of failing it.

A worked example's numbers (:func:`worked_numbers`): a row stating values the example computes from its own data
(``dy_3 = 0.9183 - 1.5 = -0.5817``), or a value it gives a parameter (``W_{xh} = 0.5``), cannot hold at the
values the reader tests with; such a row is unreadable, never failed.
"""
from __future__ import annotations

__all__ = ["example_totals", "worked_numbers", "worked_row"]

from ..text.trees import identity_size, number_matrix, number_vector, rebuild, walk
from .arithmetic import check_links, name_key, numeric_side, split_sides


def _plain(node) -> str | None:
    """The name of a symbol without scripts (J), else None."""
    return node[1] if node[0] == "sym" and node[3] is None and node[4] is None else None


def _at_number(node) -> tuple | None:
    r"""(name, n) of a symbol at one numbered step (``\ell_3``, ``L^{(3)}``), else None."""
    if node[0] != "sym" or (node[3] is None) == (node[4] is None):
        return None
    script = node[3] if node[3] is not None else node[4]
    if len(script) != 1:
        return None
    item = script[0]
    if item[0] == "paren" and item[1] == "(":
        item = item[2]
    return (node[1], int(item[1])) if item[0] == "num" and item[1].isdigit() else None


def _step_total(node, time_var) -> str | None:
    r"""The step loss's name of ``\sum_{t=1}^{T} \ell_t`` (over the time letter from step 1), else None."""
    if node[0] != "big" or node[1] != "sum" or len(node[2] or ()) != 1 or len(node[3] or ()) != 1:
        return None
    low, up, body = node[2][0], node[3][0], node[4]
    if not (low[0] == "eq" and low[1][:2] == ("sym", time_var) and low[2] == ("num", "1")):
        return None
    if up[0] != "sym" or up[3] is not None or up[4] is not None:
        return None         # \sum_{t=1}^{4}: a run of fixed length, whose total leaves no step out
    if body[0] != "sym" or (body[3] is None) == (body[4] is None):
        return None
    script = body[3] if body[3] is not None else body[4]
    item = script[0] if len(script) == 1 else None
    if item is not None and item[0] == "paren" and item[1] == "(":
        item = item[2]
    return body[1] if item is not None and item[:2] == ("sym", time_var) else None


def example_totals(results, equations, rows, time_var) -> None:
    """Turn the failed rows that write a total loss out for an example of n steps into passes read at T = n
    (in place). ``rows[k]`` is the tree of ``equations[k]``."""
    if time_var is None:
        return
    totals = set()
    for tree in rows:
        if tree is not None and len(tree[1]) == 2 and tree[2] == ["="] and _plain(tree[1][0]):
            step = _step_total(tree[1][1], time_var)
            if step is not None:
                totals.add((_plain(tree[1][0]), step))
    if not totals:
        return
    at = {(eq.line, eq.column): tree for eq, tree in zip(equations, rows)}
    for r in results:
        tree = at.get((r.line, r.column))
        if r.status != "fail" or tree is None or len(tree[1]) != 2 or tree[2] != ["="]:
            continue
        total, rhs = _plain(tree[1][0]), tree[1][1]
        if total is None or rhs[0] != "add" or any(sign != "+" for sign, _ in rhs[1]):
            continue
        terms = [_at_number(x) for _, x in rhs[1]]
        if None in terms or len({name for name, _ in terms}) != 1 or (total, terms[0][0]) not in totals:
            continue
        steps = sorted(n for _, n in terms)
        if steps == list(range(1, len(steps) + 1)) and len(steps) >= 2:
            r.passes_as("total", f"the total loss of a sequence of {len(steps)} steps (T = {len(steps)})")


def _worked_value(node) -> bool:
    """A number as a worked example prints a computed value: a decimal with three or more significant digits
    (``0.9183``, ``-0.5817``, ``1.462``; not a constant such as ``0.001`` or ``0.5``)."""
    from ..text.trees import walk
    return any(n[0] == "num" and "." in n[1] and len(n[1].replace(".", "").lstrip("0")) >= 3 for n in walk(node))


def _lone_integer(node) -> bool:
    """0, 1, -1: a number a derivation states as a value (``\\delta h_{T+1} = 0``), no worked example's."""
    if node[0] == "add" and len(node[1]) == 1:
        node = node[1][0][1]
    return node[0] == "num" and "." not in node[1]


def worked_row(tree) -> bool:
    """A row of a worked example: a chain whose first link defines a name by a formula in names (``z_1 = W_{hh}
    h_0 + W_{xh} x_1 = 0.9 \\times 0 + ...``) and that has a side written in numbers other than a lone
    integer."""
    if tree is None or tree[0] != "row" or len(tree[1]) < 3 or tree[1][0][0] != "sym" or tree[2][0] != "=":
        return False
    return not numeric_side(tree[1][1]) and any(numeric_side(p) and not _lone_integer(p) for p in tree[1][2:])


def prose_values(formulas) -> list:
    """(line, column, key, value node) of the values a worked example gives in its prose: inline formulas ``NAME =
    NUMBER`` ("let $W_{hh} = 0.5$, $W_{xh} = 1.0$, $h_0 = 0$"), in text order; a name at a letter step is none."""
    from ..text.latexparse import LatexError
    from ..text.names import NotReadable
    from ..text.rowparse import parse_row
    out = []
    for eq in formulas:
        if len(eq.text) > 200:
            continue
        try:
            tree = parse_row(eq.text)
        except (LatexError, NotReadable, ValueError, RecursionError):
            continue
        if tree is None or tree[0] != "row" or len(tree[1]) != 2 or tree[2][0] != "=":
            continue
        name, value = tree[1]
        if name[0] == "sym" and name_key(name) is not None and numeric_side(value) and not numeric_side(name) and \
                not _at_letter_step(name):
            out.append((eq.line, eq.column, name_key(name), value))
    return sorted(out, key=lambda x: (x[0], x[1]))


def worked_numbers(results, equations, rows, stated=(), joined=None) -> None:
    """A worked example's rows (in place), in the order of the text. Links between two sides written in numbers
    only are checked as arithmetic (:mod:`.arithmetic`): one that does not hold fails the row; a row in numbers
    only whose links hold passes. The values the example gives names (``W_{hh} = 0.9``, ``h_0 = 0``, ``z_1 =
    ... = 0.3``: a name, then numbers last) are kept, and in a row with numbers, names the example gave values
    read as those numbers: ``z_1 = W_{hh} h_0 + W_{xh} x_1 = 0.9 \\times 0 + 0.6 \\times 0.5 = 0.3`` passes when
    every link after the name it defines holds with them. A failed row that states values the reader cannot
    follow (``dy_3 = y_3 - t_3 = 0.9183 - 1.5 = -0.5817`` with y_3 from a table) is unreadable, saying why: its
    numbers come from the example's data, and the reader tests every row at values of its own, where no such
    number holds. ``stated``: the values the prose gives (:func:`prose_values`), kept from where they stand;
    ``joined``: (line, column) of a row written ``= ...`` -> the right side of the row it continues (its tree and
    its text): written in
    numbers, the row's arithmetic goes on from it (``= \frac{1}{2}[0.0279 + 0.0024 + 0.0789]`` after
    ``L = \frac{1}{2}[(0.2330 - 0.4)^2 + ...]``)."""
    from ..numeric.numadjoint import tree_latex
    at = {(eq.line, eq.column): tree for eq, tree in zip(equations, rows)}
    env: dict = {}
    stated = list(stated)
    for r in sorted(results, key=lambda x: (x.line, x.column)):
        while stated and (stated[0][0], stated[0][1]) < (r.line, r.column):
            _, _, key, value = stated.pop(0)
            env[key] = value                        # "let $W_{hh} = 0.5$": a value the prose gives
        tree = at.get((r.line, r.column))
        if tree is None or tree[0] != "row" or len(tree[1]) < 2:
            continue
        parts, relations = tree[1], tree[2]
        before, before_text = (joined or {}).get((r.line, r.column), (None, ""))
        if before is not None and numeric_side(before, env) and len(parts) >= 2:
            parts = [before] + list(parts[1:])          # = 0.0394 + 0.1830 = 0.2224: on from the row above
        else:
            before = None
        plain = [numeric_side(p) for p in parts]
        worked = any(n and not _lone_integer(p) for n, p in zip(plain, parts))
        values = env if worked else None
        if values and parts[0][0] == "sym" and name_key(parts[0]) in values:
            values = {k: v for k, v in values.items() if k != name_key(parts[0])}   # delta_t = ...: defined again
        links = check_links(parts, relations, values)
        wrong = [(k, msg) for k, holds, msg in links if not holds]
        numeric = [numeric_side(p, values) for p in parts]
        # the first link defines the name by the cell's formula at that step (checked by the cell: judge.py)
        defining = parts[0][0] == "sym" and not numeric[0] and relations[0] == "=" and len(parts) >= 3 and \
            not plain[1] and getattr(r, "defining_link", None) == "pass"
        used = _used_values(parts[1:] if defining else parts, env) if values else []
        if parts[0][0] == "sym" and name_key(parts[0]) is not None and plain[-1] and not wrong and \
                all(rel in ("=", "~") for rel in relations) and not _at_letter_step(parts[0]):
            # W_{hh} = 0.9, h_1 = \tanh(0.3) = 0.2913: the example's (z_t, at a step named by a letter, is
            # another example's too: not kept)
            env[name_key(parts[0])] = parts[-1]
        if wrong:
            k, value = wrong[0]
            used = _used_values(parts[k:k + 2], env) if values else []
            texts = split_sides(r.text)
            if before is not None and len(texts) == len(parts):
                texts[0] = before_text or tree_latex(before)        # the side of the row above it goes on from
            left, right = (texts[k], texts[k + 1]) if len(texts) == len(parts) else \
                (tree_latex(parts[k]), tree_latex(parts[k + 1]))
            given = f" with the example's values {_shown(used)}" if used and not plain[k] else ""
            r.status, r.holds, r.reading = "fail", False, "arithmetic"
            r.why = (f"the arithmetic does not hold: {left} comes to {value}{given}, not {right} (not even up to "
                     f"the rounding of the printed digits)")
            r.without_evidence()
            r.correct_latex = value if k == len(parts) - 2 else None
            continue
        if links and all(numeric) and len(links) == len(relations):
            if r.status != "pass":
                r.passes_as("arithmetic", "the arithmetic holds (up to the rounding of the printed digits)" +
                            (f", with the example's values {_shown(used)}" if used else ""))
            continue
        if worked and defining and links and len(links) == len(relations) - 1 and all(numeric[1:]):
            # z_1 = W_{hh} h_0 + W_{xh} x_1 = 0.9 \times 0 + 0.6 \times 0.5 = 0.3: a value the example computes
            if r.status != "pass":
                r.passes_as("arithmetic", f"the worked example's value of {split_sides(r.text)[0]}: its arithmetic "
                            f"holds (up to the rounding of the printed digits)" +
                            (f", with the example's values {_shown(used)}" if used else ""))
            continue
        if worked and not wrong and links and len(parts) >= 2 and plain[1] and r.status != "pass" and \
                _cell_formula_holds(parts, rows, values or env):
            # h_1 = \tanh(1) = 0.7616: the cell's formula for h at step 1 with the example's values is \tanh(1)
            r.passes_as("arithmetic", f"the worked example's value of {split_sides(r.text)[0]}: the cell's formula "
                        f"at the example's values, and its arithmetic holds (up to the rounding of the printed digits)")
            continue
        if r.status == "unreadable" and len(parts) == 2 and parts[0][0] == "sym" and parts[0][4] is None and \
                any(identity_size(n) for n in walk(parts[1])) and numeric_side(parts[1]):
            r.why = ("a value the worked example gives a parameter (a number times the identity); the reader tests "
                     "the rows at values of its own: not read")     # W_{f,h} = 0.4 \mathbf{I}_5
            r.without_evidence()
            continue
        if r.status != "fail":
            continue
        if worked and links and not wrong and len(parts) >= 3 and parts[0][0] == "sym" and plain[1] and \
                all(numeric[1:]) and len(links) == len(relations) - 1 and \
                all(rel in ("=", "~") for rel in relations) and not _at_letter_step(parts[0]) and \
                not _cell_row_of(parts[0], rows):
            # L_1 = \frac{1}{2}(0.644 - 0.5)^2 = 0.0104, dy_1 = 0.4621 - 0.5 = -0.0379: the example's value of a
            # name no forward row defines at a letter step, written in numbers at once, whose arithmetic holds;
            # where it comes from is the rows before it, each checked where it is written (a quantity of the
            # cell, h_1 = \tanh(0.4), passes only as the cell's formula at the example's values, above)
            r.passes_as("arithmetic", f"the worked example's value of {split_sides(r.text)[0]}, written in "
                        f"numbers: its arithmetic holds (up to the rounding of the printed digits)")
            continue
        checked = " (its arithmetic holds)" if links else ""
        if len(parts) == 2 and parts[0][0] == "sym" and parts[0][4] is None and \
                (number_matrix(parts[1]) or number_vector(parts[1]) and _labelled_only(parts[0])):
            # (b_h = [0.1; 0.2; 0.3], W_{oh} = [0.1, 0.2, 0.3]: a bias's, a one-row weight's; not x_1 = [0.1, 0.2])
            r.passes_as("definition", "a value the worked example gives a parameter: its sizes are the net's; "
                        "the reader tests the rows at values of its own")   # W_{hh} = (0.4 0.1; 0 0.4)
        elif len(parts) == 2 and parts[0][0] == "sym" and parts[0][4] is None and parts[1][0] == "num" and \
                "." in parts[1][1]:
            r.unread("a value the worked example gives a parameter; the reader tests the rows at values of its "
                     "own: not read")       # W_{xh} = 0.5: a weight's value in the example
        elif (all(rel in ("=", "+=") for rel in relations) and any(_worked_value(p) for p in parts)) or \
                links or any(n and not _lone_integer(p) for n, p in zip(plain, parts)):
            r.unread(f"the row states values a worked example computes from its own data{checked}; the reader "
                     f"tests the rows at values of its own, where they do not hold: not read")


def _cell_row_of(name, rows) -> bool:
    """Does a forward row define ``name``'s letter at a letter step (``h_t = \tanh(z_t)`` for ``h_1``)?"""
    for tree in rows:
        if tree is None or tree[0] != "row" or len(tree[1]) != 2 or tree[2][0] != "=":
            continue
        lhs = tree[1][0]
        if lhs[0] == "sym" and (lhs[1], lhs[2]) == (name[1], name[2]) and not lhs[4] and lhs[3] and \
                len(lhs[3]) == 1 and lhs[3][0][0] == "sym" and len(lhs[3][0][1]) == 1 and lhs[3][0][1].islower():
            return True
    return False


def _cell_formula_holds(parts, rows, env) -> bool:
    """``h_1 = \tanh(1) = ...``: a name at a numbered step whose first link, written in numbers, is the forward row
    defining that name at a letter step (``h_t = \tanh(z_t)``) taken at that step with the example's values
    (z_1 = 1): True only when that formula evaluates and equals the link's numbers."""
    from .shiftedrows import _offset
    name = parts[0]
    if name[0] != "sym" or not name[3] or len(name[3]) != 1 or name[3][0][0] != "num" or name[4] or not env:
        return False
    step = int(float(name[3][0][1]))
    for tree in rows:
        if tree is None or tree[0] != "row" or len(tree[1]) != 2 or tree[2][0] != "=":
            continue
        lhs = tree[1][0]
        if lhs[0] != "sym" or (lhs[1], lhs[2]) != (name[1], name[2]) or lhs[4] or not lhs[3] or len(lhs[3]) != 1:
            continue
        tv = lhs[3][0][1] if lhs[3][0][0] == "sym" and len(lhs[3][0][1]) == 1 and lhs[3][0][1].islower() else None
        if tv is None or _offset(lhs[3][0], tv) != 0:
            continue
        at = _at_step(tree[1][1], tv, step)
        if at is None or not numeric_side(at, env):
            continue
        links = check_links([at, parts[1]], ["="], env)
        return bool(links) and all(holds for _, holds, _ in links)
    return False


def _at_step(node, tv, step):
    """The tree with every script ``t + j`` of the time letter written as the number step + j (None when a script
    goes before step 0)."""
    from .shiftedrows import _offset
    bad = []

    def fix(n):
        if n[0] != "sym" or not n[3]:
            return n
        subs = []
        for it in n[3]:
            j = _offset(it, tv)
            if j is not None:
                if step + j < 0:
                    bad.append(n)
                it = ("num", str(step + j))
            subs.append(it)
        return n[:3] + (subs,) + n[4:]
    out = rebuild(node, fix)
    return None if bad else out


#: Letters a script writes a step or an entry with (never a label of a parameter's name).
STEP_LETTERS = frozenset({"t", "k", "n", "s", "i", "j", "l", "tau", "T"})


def _labelled_only(node) -> bool:
    """A name whose scripts are labels only (``b_h``, ``W_{oh}``): no number, no step or entry letter."""
    from ..text.trees import walk
    scripts = list(node[3] or ()) + list(node[4] or ())
    return all(n[0] != "num" and not (n[0] == "sym" and n[1] in STEP_LETTERS) for s in scripts for n in walk(s))


def _at_letter_step(node) -> bool:
    """A name at a step written with a letter: z_t, h_{t-1}, \\delta^{(k)}."""
    from ..text.trees import walk
    scripts = list(node[3] or ()) + list(node[4] or ())
    return any(n[0] == "sym" and len(n[1]) == 1 and n[1].islower() for s in scripts for n in walk(s))


def _used_values(parts, env) -> list:
    """(name, value) of the names of ``parts`` the worked example gave values, in order, once each."""
    from ..text.trees import walk
    from ..numeric.numadjoint import tree_latex
    out, seen = [], set()
    for p in parts:
        for n in walk(p):
            key = name_key(n) if n[0] == "sym" else None
            if key is not None and key in env and key not in seen:
                seen.add(key)
                out.append((tree_latex(n), tree_latex(env[key])))
    return out


def _shown(used) -> str:
    return ", ".join(f"{name} = {value}" for name, value in used[:6]) + (", ..." if len(used) > 6 else "")
