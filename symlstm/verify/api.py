"""Check a hand derivation: does an equation about a cell (LaTeX or SymPy) hold?

    >>> import symlstm
    >>> r = symlstm.verify("lstm", r"\\delta c_t = \\delta h_t \\odot o_t \\odot (1 - \\tanh^2(c_t))")
    >>> r.holds, r.method
    (False, 'numeric (30 random points)')
    >>> print(r.expected_latex)      # the correct right side
    \\delta h_{t} \\odot o_{t} \\odot \\left(1 - \\tanh^{2}\\left(c_{t}\\right)\\right) + \\delta c_{t+1} \\odot f_{t+1}

The claim is read by a Lark parser of a documented LaTeX subset (:mod:`symlstm.claims`,
verify/latex.lark) — never by eval, sympify or SymPy's LaTeX parser — into the derivation's
vocabulary; it is then proven symbolically (within ``timeout`` seconds) or checked at
``points`` random points of whole BPTT runs (:mod:`symlstm.decide`). A failing claim comes
with the correct right side, the simplified difference and a counterexample.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import sympy
from sympy.printing.latex import LatexPrinter

from .claim.claims import Claim, ClaimError, Renames, parse_renames, read_claim, vocabulary
from .claim.decide import (
    POINTS, SYMBOLIC_SECONDS, TOLERANCE, Counterexample, claim_view, numeric, symbolic, unrolled_view,
)
from .text.latexparse import LatexError
from ..latex.printing import CellLatexPrinter
from .text.texfile import read_tex

__all__ = ["verify", "verify_tex", "verify_file", "VerifyResult", "FileReport", "LatexError", "ClaimError"]


# ============================================================================ one claim
@dataclass
class VerifyResult:
    """Whether a claim holds, how that was decided, and (when it does not) why.

    ``holds``; ``method``: ``"symbolic"`` or ``"numeric (N random points)"``; ``expected``: the
    correct right side (SymPy, symlstm's vocabulary) and ``expected_latex`` (the claim's
    notation); ``difference``: claimed − correct, simplified (None if not simplified in time);
    ``counterexample``: a point where the sides differ (values of every symbol, both sides);
    ``notes``: shape problems and what bounded the work.
    """

    claim: Claim
    holds: bool
    method: str
    expected: sympy.Expr
    difference: sympy.Expr | None = None
    counterexample: Counterexample | None = None
    notes: list = field(default_factory=list)
    points: int = 0
    failed_points: int = 0

    def __bool__(self) -> bool:
        return self.holds

    # ----------------------------------------------------------------- printing
    @property
    def kind(self) -> str:
        return self.claim.kind

    def _printer(self) -> CellLatexPrinter:
        vocab = self.claim.vocabulary
        return CellLatexPrinter({"names": self.claim.renames.inverse_names(vocab), "order": vocab.cell.quantities})

    def _latex(self, e) -> str:
        if self.claim.kind == "unrolled":
            return _ScalarLatex().doprint(e)
        return self._printer().doprint(e)

    @property
    def lhs_latex(self) -> str:
        c, p = self.claim, self._printer()
        if c.kind == "jacobian":
            o, i = c.target.split("/")
            return rf"\frac{{\partial {p._name(o)}_{{t}}}}{{\partial {p._name(i)}_{{t-1}}}}"
        if c.kind == "unrolled":
            return rf"\frac{{\partial h_{{{c.info['T']}}}}}{{\partial {p._print(sympy.Symbol(c.info['param']))}}}"
        return p.doprint(c.lhs)

    @property
    def claimed_latex(self) -> str:
        return self._latex(self.claim.rhs)

    @property
    def expected_latex(self) -> str:
        return self._latex(self.expected)

    @property
    def difference_latex(self) -> str | None:
        return None if self.difference is None else self._latex(self.difference)

    def summary(self) -> str:
        return f"{'holds' if self.holds else 'fails'} ({self.method})"

    def counterexample_lines(self) -> list[str]:
        ce = self.counterexample
        if ce is None:
            return []
        p = self._printer()
        if self.claim.kind == "unrolled":
            where = f"one unit, unrolled over {ce.T} steps"
        elif ce.step is None:
            where = f"a random run of T = {ce.T} steps, vectors of size {ce.n}"
        else:
            where = f"t = {ce.step} of a random run of T = {ce.T} steps, vectors of size {ce.n}"
        vals = [f"{self._label(p, s)} = {_fmt(v)}" + (f" (rows: t = 1..{ce.T})" if s in ce.over_steps else "")
                for s, v in ce.values.items()]
        return [f"counterexample ({where}):", *("  " + v for v in vals),
                f"  claimed right side = {_fmt(ce.claimed)}", f"  correct right side = {_fmt(ce.correct)}"]

    def _label(self, p, s) -> str:
        if self.claim.kind == "unrolled":
            return _ScalarLatex().doprint(s)
        return p.doprint(s)

    def lines(self) -> list[str]:
        """A plain-text report (LaTeX for the formulas)."""
        out = [f"{self.summary()}: {self.lhs_latex} = {self.claimed_latex}"]
        if not self.holds:
            out.append(f"correct: {self.lhs_latex} = {self.expected_latex}")
            if self.difference is not None:
                out.append(f"difference (claimed - correct): {self.difference_latex}")
            out += self.counterexample_lines()
        out += [f"note: {n}" for n in self.notes]
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict:
        ce = self.counterexample
        p = self._printer()
        return {
            "claim": self.claim.text, "kind": self.claim.kind, "holds": self.holds, "method": self.method,
            "lhs": self.lhs_latex, "claimed": self.claimed_latex, "correct": self.expected_latex,
            "difference": self.difference_latex, "points": self.points, "failed_points": self.failed_points,
            "counterexample": None if ce is None else {
                "t": ce.step, "n": ce.n, "relative_error": ce.error,
                "values": {self._label(p, s) + (f" for t = 1..{ce.T}" if s in ce.over_steps else ""):
                           np.asarray(v).tolist() for s, v in ce.values.items()},
                "claimed": np.asarray(ce.claimed).tolist(), "correct": np.asarray(ce.correct).tolist()},
            "notes": list(self.notes),
        }

    def _repr_latex_(self) -> str:
        mark = r"\checkmark" if self.holds else r"\times"
        rows = [rf"{self.lhs_latex} &= {self.claimed_latex} && {mark}\ \text{{{self.method}}}"]
        if not self.holds:
            rows.append(rf"\text{{correct: }} {self.lhs_latex} &= {self.expected_latex}")
            if self.difference is not None:
                rows.append(rf"\text{{claimed}} - \text{{correct}} &= {self.difference_latex}")
        return "$$\\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}$$"

    def _repr_markdown_(self) -> str:
        md = [f"**{'holds' if self.holds else 'fails'}** ({self.method}): "
              f"${self.lhs_latex} = {self.claimed_latex}$"]
        if not self.holds:
            md.append(f"\n\ncorrect: ${self.lhs_latex} = {self.expected_latex}$")
            if self.difference is not None:
                md.append(f"\n\nclaimed − correct: ${self.difference_latex}$")
            ce = self.counterexample
            if ce is not None:
                p = self._printer()
                md.append(f"\n\ncounterexample{f' at $t = {ce.step}$' if ce.step is not None else ''}:\n\n"
                          "| symbol | value |\n|---|---|\n" +
                          "\n".join(f"| ${self._label(p, s)}$ | `{_fmt(v)}` |" for s, v in ce.values.items()) +
                          f"\n| claimed right side | `{_fmt(ce.claimed)}` |\n| correct right side | `{_fmt(ce.correct)}` |")
        md += [f"\n\n*note: {n}*" for n in self.notes]
        return "".join(md)


class _ScalarLatex(LatexPrinter):
    """LaTeX of the 1-unit unrolled expressions (σ as \\sigma)."""

    def _print_sigmoid(self, expr, exp=None):
        s = r"\sigma" + (f"^{{{exp}}}" if exp is not None else "")
        return rf"{s}\left({self._print(expr.args[0])}\right)"

    def _print_Function(self, expr, exp=None):
        if isinstance(expr, sympy.core.function.AppliedUndef) and len(expr.args) == 1:
            s = f"{self._deal_with_super_sub(expr.func.__name__)}_{{{self._print(expr.args[0])}}}"
            return s if exp is None else f"{s}^{{{exp}}}"
        return super()._print_Function(expr, exp)


def _fmt(v) -> str:
    a = np.asarray(v, dtype=float)
    if a.ndim == 0:
        return f"{float(a):.6g}"
    return np.array2string(a, precision=4, separator=", ", max_line_width=10 ** 6).replace("\n", "")


def verify(cell, claim, *, names=None, points: int = POINTS, seed: int = 0,
           timeout: float | None = SYMBOLIC_SECONDS, tolerance: float = TOLERANCE) -> VerifyResult:
    """Check ``claim`` about ``cell``.

    Parameters
    ----------
    cell : a :class:`~symlstm.cell.Cell`, a built-in name, or a :class:`~symlstm.derive.Derivation`.
    claim : LaTeX text ``lhs = rhs`` (one equation), a ``sympy.Eq`` in symlstm's vocabulary, or
        a :class:`~symlstm.claims.Claim`. The left side names a forward quantity (``c_t``), an
        adjoint (``\\delta c_t``, ``\\frac{\\partial L}{\\partial c_t}``, ``\\delta h_0``), a parameter
        gradient (``\\delta W_f = \\sum_t ...``), a one-step Jacobian
        (``\\frac{\\partial c_t}{\\partial c_{t-1}}``) or, for the cell unrolled over T steps with one
        unit, ``\\frac{\\partial h_T}{\\partial W}``.
    names : the claim's notation -> symlstm's: ``{"C": "c", r"\\tilde{C}": "g"}`` or ``"C=c, \\tilde{C}=g"``.
    points : random points of the numeric check (vectors of size 2 and 3; matrices n×n).
    seed : seed of the random points.
    timeout : seconds for the symbolic stages (None: unbounded).
    tolerance : relative tolerance of numeric agreement.

    Raises :class:`~symlstm.latexparse.LatexError` (a ValueError, with line and column) for text
    outside the LaTeX subset or beyond its size bounds, and :class:`~symlstm.claims.ClaimError`
    for unknown symbols (listing the known ones) or claims symlstm cannot check.
    """
    for label, v in (("points", points),):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{label} must be a positive integer, got {v!r}")
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")
    c = claim if isinstance(claim, Claim) else read_claim(cell, claim, names=names)
    notes = list(c.notes)
    expected = _shown_expected(c, timeout)
    sym = symbolic(c, timeout, thorough=False)
    if sym.proven:
        return VerifyResult(c, True, "symbolic", expected, sympy.Integer(0), notes=notes)
    num = numeric(c, points=points, seed=seed, tolerance=tolerance, shown=None if c.kind == "unrolled" else expected)
    if num.agree and not num.error:
        deep = symbolic(c, timeout, thorough=True)
        if deep.proven:
            return VerifyResult(c, True, "symbolic", expected, sympy.Integer(0), notes=notes)
        sym.stopped = deep.stopped
    if sym.stopped:
        notes.append(f"the symbolic stages stopped ({'time bound of %gs' % timeout if sym.stopped == 'time' else 'expression too large'}); "
                     "decided numerically")
    if num.error:
        notes.append(f"could not evaluate: {num.error}")
    holds = num.agree and not c.notes and not num.error
    if num.agree and c.notes:
        notes.append("the sides agree only because the numeric check uses inputs as wide as the hidden state")
    method = f"numeric ({num.points} random points)"
    if not holds and num.failed:
        method = f"numeric ({num.points} random points, {num.failed} differ)"
    diff = None if holds else sym.difference
    return VerifyResult(c, holds, method, expected, diff, None if holds else num.counterexample, notes,
                        num.points, num.failed)


def _shown_expected(c: Claim, timeout):
    if c.kind == "unrolled":
        return unrolled_view(c)
    return claim_view(c)


# ============================================================================ files
@dataclass
class FileReport:
    """The equations of a .tex file and their results.

    ``entries``: ``(TexEquation, VerifyResult or None when skipped)`` of every readable equation;
    ``unreadable``: ``(TexEquation, LatexError)`` of the others (file line and column) — they do
    not stop the others from being checked; ``errors``: the same errors, and file-level ones.
    """

    cell: object
    path: str | None
    entries: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    renames: Renames = field(default_factory=Renames)
    unreadable: list = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for _, r in self.entries if r is not None and r.holds)

    @property
    def failed(self) -> int:
        return sum(1 for _, r in self.entries if r is not None and not r.holds)

    @property
    def skipped(self) -> int:
        return sum(1 for _, r in self.entries if r is None)

    @property
    def ok(self) -> bool:
        return not self.errors and self.failed == 0

    def exit_status(self) -> int:
        """0 every equation holds, 1 one fails or cannot be read, 2 none could be read."""
        if self.errors and not any(r is not None for _, r in self.entries):
            return 2
        return 0 if self.ok else 1


def _merge_renames(file_spec: str, names) -> Renames:
    base = parse_renames(file_spec or None)
    extra = parse_renames(names)
    symbols = dict(base.symbols)
    symbols.update(dict(extra.symbols))
    functions = dict(base.functions)
    functions.update(dict(extra.functions))
    return Renames(tuple(symbols.items()), tuple(functions.items()))


def verify_tex(cell, text: str, *, names=None, path=None, progress=None, **options) -> FileReport:
    """Check every equation of the align/equation environments of a LaTeX source.

    Every equation is read; one that cannot be read is reported (``unreadable``) and the others
    are still checked. ``progress(k, n, equation, result)`` is called after each check.
    ``options`` go to :func:`verify` (points, seed, timeout, tolerance).
    """
    vocab = vocabulary(cell)
    tex = read_tex(text, options.pop("macros", None))
    report = FileReport(vocab.cell, None if path is None else str(path))
    try:
        report.renames = _merge_renames(tex.rename, names)
    except LatexError as e:
        report.errors.append(e.shifted(tex.rename_line, 1, text) if tex.rename_line else e)
        return report
    claims = []
    for eq in tex.equations:
        if eq.skip:
            claims.append(None)
            continue
        try:
            claims.append(read_claim(vocab.derivation, eq.text, names=report.renames))
        except LatexError as e:                 # this row is unreadable; the others are still judged
            err = e.shifted(eq.line, eq.column, text)
            report.errors.append(err)
            report.unreadable.append((eq, err))
            claims.append(err)
    readable = [c for c in claims if c is not None and not isinstance(c, LatexError)]
    total = sum(c is not None for c in claims)
    for k, (eq, c) in enumerate(zip(tex.equations, claims)):
        if isinstance(c, LatexError):
            continue
        result = None if c is None else verify(vocab.derivation, c, **options)
        report.entries.append((eq, result))
        if progress is not None:
            progress(len(report.entries), total - len(report.unreadable), eq, result)
    assert len(readable) == report.passed + report.failed
    return report


def read_text_file(path) -> str:
    """The UTF-8 text of the derivation file at ``path``; a clear error for a missing file, a folder, another
    encoding, or more characters than the reader's bound (checked on the size before reading)."""
    from .text.texfile import MAX_FILE_CHARS
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if p.is_dir():
        raise IsADirectoryError(f"{path} is a folder, not a .tex file")
    if p.stat().st_size > 4 * MAX_FILE_CHARS:         # (bytes: at most 4 per character)
        raise LatexError(f"the file has more than {MAX_FILE_CHARS} characters; the limit is {MAX_FILE_CHARS}")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise LatexError(f"{path} is not a UTF-8 text file ({e.reason} at byte {e.start})") from None
    if len(text) > MAX_FILE_CHARS:
        raise LatexError(f"the file has {len(text)} characters; the limit is {MAX_FILE_CHARS}")
    return text


def verify_file(cell, path, *, names=None, progress=None, strict=False, notation=None, **options):
    """:func:`verify_tex` of the file at ``path`` (UTF-8). ``cell`` None: the file's own forward
    equations are the vocabulary (a :class:`~symlstm.verify.judge.DerivationReport`, one verdict per
    equation, unreadable rows included)."""
    from .text.sourcefiles import derivation_source
    p = Path(path)
    if cell is None:            # (a notebook or a Python source is read as Markdown there: text/sourcefiles.py)
        from .judging.judge import verify_derivation
        return verify_derivation(read_text_file(p), path=p, strict=strict, seed=options.get("seed", 0),
                                 notation=notation, timeout=options.get("timeout"), macros=options.get("macros"))
    text, lines = derivation_source(read_text_file(p), p)
    if lines is not None and progress is not None:
        shown = progress

        def progress(k, n, eq, result):
            shown(k, n, _moved(eq, lines), result)
    return _file_lines(verify_tex(cell, text, names=names, path=p, progress=progress, **options), lines)


def _moved(eq, lines):
    from dataclasses import replace
    from .text.sourcefiles import file_line
    return replace(eq, line=file_line(eq.line, lines))


def _file_lines(report, lines):
    """A named cell's report with every line the file's own (``lines``: text/sourcefiles.py), not the Markdown
    read."""
    from .text.sourcefiles import file_line
    if not lines:
        return report
    report.entries = [(_moved(eq, lines), r) for eq, r in report.entries]
    report.unreadable = [(_moved(eq, lines), e) for eq, e in report.unreadable]
    for e in report.errors:
        e.line = file_line(e.line, lines)
    return report
