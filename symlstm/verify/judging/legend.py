r"""A legend: what written forms of a derivation mean, stated in the file by ``% symlstm: let`` directives.

Some derivations name their quantities only in a figure (``\delta 3 = \delta 1 + \delta 2`` on the numbered
nodes of a plot). Transcribe the figure's labels as a legend and verify reads every row through it::

    % symlstm: let \delta 1 = \Delta_t; \delta 3 = \frac{\partial L}{\partial h_t}
    % symlstm: let \delta 5 = \frac{\partial L}{\partial (1 - z_t)}
    % symlstm: let \delta 6 = \frac{\partial L}{\partial z_t}\Big|_{1 - z_t}; 6 = o_t; f'(6) = \sigma'(o_t)

Each entry ``FORM = MEANING`` (entries separated by ``;``, any number of directive lines). FORM is a written
form: a numbered node ``\delta 3``, a number ``6``, an application ``f'(6)``, a name ``c_t``. In every row that
is not a forward row, each occurrence of FORM (a whole sub-expression, or a run of factors of a product) is
read as MEANING at the row's step t, with its gradients read exactly as written (no other reading is tried for
them); rows whose left side is a FORM are judged as usual. MEANING is an expression in the derivation's own
names, where a gradient may be

=================================================  =============================================================
``\frac{\partial L}{\partial h_t}``                 dL/dh_t (every path)
``\frac{\partial L}{\partial (1 - z_t)}``           the adjoint of a forward sub-expression (as the forward rows
                                                    write it, at step t): dL/du for a perturbation of u's value
``\frac{\partial L}{\partial (W_z h + U_z x)}``     a pre-activation is such a sub-expression
``\frac{\partial L}{\partial h_{t-1}}\Big|_{u, v}`` dL/dh_{t-1} through the sub-expressions u, v only (h_{t-1}
                                                    perturbed only where they read it; a parameter: every step)
``\frac{\partial L}{\partial h_t}\Big|_{t+1}``      through the uses of step t+1 only (what reaches h_t through
                                                    step t+1; ``\Big|_{t}`` for h_{t-1}: through step t)
``\Delta_t``                                        what reaches the output state from the loss directly
=================================================  =============================================================

A FORM that is a plain number is replaced everywhere a row writes that number outside a script, so name only
numbers the rows do not also use as numbers. A MEANING that cannot be read or evaluated makes the rows that use
its FORM unreadable, naming the entry and its line; a directive without ``FORM = MEANING`` or with a FORM that
is not LaTeX is an error of the file (line and column).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..text.latexparse import LatexError
from ..text.names import IllTyped, NotReadable
from ..numeric.numbase import Ctx
from ..text.rowparse import parse_expression

__all__ = ["Entry", "Legend", "read_legend", "MAX_ENTRIES", "MAX_NESTING"]

#: Most entries of a legend.
MAX_ENTRIES = 500
#: Deepest chain of meanings that use other entries' forms.
MAX_NESTING = 16
#: IllTyped messages that say a step does not exist (the row is not checked at that step).
_OUTSIDE = ("outside the run", "step 0", "not computed yet", "at step -")


@dataclass
class Entry:
    """One ``FORM = MEANING`` of a legend: where it is written, both sides' text and trees (``meaning`` None
    and ``error`` set when the meaning is not LaTeX this reader parses)."""

    line: int
    column: int
    form_text: str
    meaning_text: str
    form: tuple
    meaning: tuple | None = None
    error: str = ""


@dataclass
class Legend:
    """The entries of a file's legend; :meth:`rewrite` puts them into a row, :meth:`value` evaluates one."""

    entries: list = field(default_factory=list)
    _active: set = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.entries)

    # ---------------------------------------------------------------- rows
    def rewrite(self, node):
        """``node`` with each occurrence of a form replaced by ``("legend", k)`` (scripts are not looked into)."""
        if not self.entries or node is None:
            return node
        return _rewrite(node, [(e.form, k) for k, e in enumerate(self.entries)])

    def gradient_names(self) -> list:
        r"""The forms that are plain names (no scripts) whose meaning reads a derivative (``go =
        \frac{\partial L}{\partial h_t}``): a row reading one reads a gradient, so it is not a forward row."""
        from ..text.trees import has_derivative
        return [e.form for e in self.entries if e.meaning is not None and e.form[0] == "sym" and
                e.form[2:] == (None, None, None, 0) and has_derivative(e.meaning)]

    # ---------------------------------------------------------------- values
    def value(self, k, ev, ctx):
        """The value of entry k's meaning at the row's step (its gradients read as written)."""
        e = self.entries[k]
        where = f"the legend's {e.form_text} (line {e.line})"
        if e.error:
            raise NotReadable(f"{where} cannot be read: {e.error}")
        if k in self._active or len(self._active) >= MAX_NESTING:
            raise NotReadable(f"{where} is defined through itself")
        meaning = _rewrite(e.meaning, [(x.form, j) for j, x in enumerate(self.entries) if j != k])
        sub = Ctx(ctx.tau, ctx.run, ctx.pert, ctx.consumer, dict(ctx.env), ctx.lenient, readings={}, seen={},
                  lhs=False, occ=ctx.occ, local=ctx.local, out_dim=ctx.out_dim)
        self._active.add(k)
        try:
            return ev.value(meaning, sub)
        except NotReadable as err:
            if str(err).startswith("the legend's"):
                raise
            raise NotReadable(f"{where}: {err}") from None
        except IllTyped as err:
            if any(s in str(err) for s in _OUTSIDE):
                raise
            raise NotReadable(f"{where}: {err}") from None
        finally:
            self._active.discard(k)


def _same(node, form) -> bool:
    return node[0] == form[0] and node[0] != "value" and node == form


def _rewrite(node, forms):
    if not isinstance(node, tuple) or not node:
        return node
    for form, k in forms:
        if _same(node, form):
            return ("legend", k)
    if node[0] in ("sym", "num", "value", "legend"):
        return node
    if node[0] == "mul":
        items, ops = list(node[1]), list(node[2])
        for form, k in forms:              # a run of factors: f'(6) in \delta 6 \cdot f'(6)
            if form[0] != "mul" or not 1 < len(form[1]) < len(items) + 1:
                continue
            n = len(form[1])
            i = 0
            while i + n <= len(items):
                if all(_is(a, b) for a, b in zip(items[i:i + n], form[1])) and ops[i + 1:i + n] == list(form[2][1:]):
                    items[i:i + n] = [("legend", k)]
                    ops[i + 1:i + n] = []
                i += 1
        if len(items) == 1:
            return _rewrite(items[0], forms)
        return ("mul", [_rewrite(x, forms) for x in items], ops)
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_rewrite(x, forms))
        elif isinstance(x, list):
            out.append([(y[0], _rewrite(y[1], forms)) if isinstance(y, tuple) and len(y) == 2 and isinstance(y[0], str)
                        and y[0] in ("+", "-") else _rewrite(y, forms) if isinstance(y, tuple) else
                        [_rewrite(z, forms) for z in y] if isinstance(y, list) else y for y in x])
        else:
            out.append(x)
    return tuple(out)


def _is(a, b) -> bool:
    return isinstance(a, tuple) and isinstance(b, tuple) and _same(a, b)


# ============================================================================ reading the directives
def _split(text: str, sep: str) -> list[tuple[int, str]]:
    """(offset, piece) of ``text`` cut at ``sep`` outside brackets (``\\;`` is spacing, not a cut)."""
    out, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch == sep and depth == 0 and not (k and text[k - 1] == "\\"):
            out.append((start, text[start:k]))
            start = k + 1
            if sep == "=":
                break
    out.append((start, text[start:]))
    return out


def read_legend(directives) -> Legend:
    """The :class:`Legend` of a file's ``let`` directives: ``(line, column, text)`` each (see
    :attr:`symlstm.verify.texfile.TexFile.legend`). Raises :class:`LatexError` (line, column) for an entry
    without ``=`` or whose form is not LaTeX; a meaning that is not is kept as the entry's ``error``."""
    legend = Legend()
    seen = {}
    for line, column, text in directives:
        for off, piece in _split(text, ";"):
            if not piece.strip():
                continue
            col = column + off + (len(piece) - len(piece.lstrip()))
            halves = _split(piece, "=")
            if len(halves) != 2 or not halves[0][1].strip() or not halves[1][1].strip():
                raise LatexError(f"a legend entry is FORM = MEANING, got {piece.strip()!r}", line=line, column=col)
            form_text, meaning_text = halves[0][1].strip(), halves[1][1].strip()
            try:
                form = parse_expression(form_text)
            except LatexError as e:
                raise LatexError(f"the legend's form {form_text!r} is not read: {e.reason}", line=line,
                                 column=col) from None
            if form[0] == "legend" or form[0] == "value":
                raise LatexError(f"the legend's form {form_text!r} is not a written form", line=line, column=col)
            key = repr(form)
            if key in seen:
                raise LatexError(f"{form_text} is named twice in the legend (lines {seen[key]} and {line})",
                                 line=line, column=col)
            seen[key] = line
            entry = Entry(line, col, form_text, meaning_text, form)
            try:
                entry.meaning = parse_expression(meaning_text)
            except LatexError as e:
                rest = halves[1][1]
                start = column + off + halves[1][0] + len(rest) - len(rest.lstrip())
                where = f" (column {start + e.column - 1})" if e.column and (e.line or 1) == 1 else ""
                entry.error = (e.reason or str(e)) + where
            legend.entries.append(entry)
            if len(legend.entries) > MAX_ENTRIES:
                raise LatexError(f"the legend has more than {MAX_ENTRIES} entries; the limit is {MAX_ENTRIES}",
                                 line=line, column=col)
    return legend
