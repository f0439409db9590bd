"""``symlstm verify CELL "CLAIM"`` / ``--file F.tex``: check a hand derivation, one line per equation."""
import json
import sys

from ..verify.claim.decide import POINTS, SYMBOLIC_SECONDS
from ..verify.text.latexparse import LatexError
from ..verify.api import ClaimError, read_text_file, verify, verify_file
from ._common import add_cell_argument, resolve_cell, status

NAME = "verify"
HELP = ("check a hand derivation: is each LaTeX equation about a cell right? "
        "(exit 0: all hold, 1: one fails, 2: input that cannot be read)")

EXIT_OK, EXIT_FAIL, EXIT_UNREADABLE = 0, 1, 2


def add_arguments(parser):
    add_cell_argument(parser, nargs="?")
    parser.add_argument("claim", nargs="?", metavar="CLAIM",
                        help=r'one equation, e.g. "\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t))"')
    parser.add_argument("--file", metavar="FILE",
                        help="check every equation of a .tex or Markdown file (align, equation, gather, $$..$$, "
                             "\\[..\\] displays, numpy code fences), a Jupyter notebook (.ipynb: its Markdown and "
                             "code cells) or a Python file (.py: its numpy formulas); without CELL the file's own forward equations are the cell. Directives "
                             "in comments: '%% symlstm: skip', 'rename', 'let' (a legend), 'given' (forward "
                             "equations the text relies on but does not state); see docs/verify.md")
    parser.add_argument("--macros", metavar="FILE", default=None,
                        help=r"a preamble whose macro definitions the file uses but does not hold (a thesis's "
                             r"custom.tex: \newcommand, \def, \DeclareMathOperator; nothing else of it is read); "
                             r"the file's own definitions win. With --file only")
    parser.add_argument("--rename", metavar="MAP", default=None,
                        help=r"your notation -> symlstm's, e.g. 'C=c, \tilde{C}=g' (a file can declare "
                             r"'%% symlstm: rename ...'; this option wins)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--points", type=int, default=POINTS,
                        help=f"random points of the numeric check (default: {POINTS})")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random points (default: 0)")
    parser.add_argument("--strict", action="store_true",
                        help="demand totals: a one-step gradient (step t's contribution) fails")
    parser.add_argument("--notation", metavar="NAME", default=None,
                        help="the notation preset of the text (greff, pytorch, d2l, colah, coursera, goodfellow). "
                             "Without CELL: its layout is tried first (time, gradient and product styles are read "
                             "automatically). With CELL: the cell's forward equations are written in it (default: "
                             "the preset whose names the text writes most)")
    parser.add_argument("--timeout", type=float, default=SYMBOLIC_SECONDS,
                        help=f"seconds per equation: the symbolic stages with a cell, the readings of a row "
                             f"without one (default: {SYMBOLIC_SECONDS:g})")


def run(args):
    if args.notation is not None:
        from ..latex.notation import notation
        notation(args.notation)
    args.macro_table = _macros(args)
    if args.cell is None and args.file is not None and args.claim is None:
        return _author(args)
    if args.cell is None:
        raise ValueError("give a CELL for a single claim, or --file TEX (a file with its forward equations "
                         "needs no cell)")
    if (args.claim is None) == (args.file is None):
        raise ValueError('give exactly one of CLAIM (an equation in quotes) or --file TEX')
    if args.points < 1:
        raise ValueError(f"--points must be at least 1, got {args.points}")
    if not args.timeout > 0:
        raise ValueError(f"--timeout must be a positive number of seconds, got {args.timeout}")
    cell = resolve_cell(args.cell)
    options = {"points": args.points, "seed": args.seed, "timeout": args.timeout}
    preset = _preset(cell, args)
    if preset is not None and (args.claim is None or args.notation is None):
        return _in_notation(cell, args, preset)     # another community's notation: the cell's rows printed in it
    if args.notation is not None:          # with a cell: the preset's names, read back to symlstm's
        from ..latex.notation import notation
        preset = ", ".join(f"{v}={k}" for k, v in notation(args.notation).names.items())
        if preset:
            args.rename = preset + (", " + args.rename if args.rename else "")
    if args.claim is not None:
        return _one(cell, args, options)
    return _file(cell, args, options)


def _macros(args):
    """The macros of ``--macros FILE`` (read as a file is, bounds first), else None."""
    if getattr(args, "macros", None) is None:
        return None
    if args.file is None:
        raise ValueError("--macros applies to --file (a claim is typed without macros)")
    from ..verify.text.macros import MacroError, preamble_macros
    try:
        return preamble_macros(read_text_file(args.macros))
    except MacroError as e:
        raise ValueError(f"--macros {args.macros}: {e.reason}") from None


def _text_of(args) -> str:
    """The claim, or the file's text (read as :func:`verify_file` reads it, bounds first)."""
    return args.claim if args.claim is not None else read_text_file(args.file)


def _preset(cell, args):
    """The notation preset a named cell's text is read in by the reader of derivations (cellnotation.py):
    ``--notation`` (other than symlstm's own, greff), else the one the text's names show; None: the claim
    grammar's own notation (also whenever ``--rename`` maps the names)."""
    if args.notation is not None:
        return None if args.notation.lower() == "greff" or args.rename is not None else args.notation.lower()
    if args.rename is not None:
        return None
    from ..verify.cellnotation import detect
    found = detect(cell, _text_of(args))
    return None if found in (None, "greff") else found


def _in_notation(cell, args, preset, fallback=None):
    """A named cell's claim or file judged in ``preset`` (the cell's forward rows given in that notation)."""
    from ..verify.cellnotation import verify_in_notation
    if args.claim is not None:
        try:
            report = verify_in_notation(cell, f"$${args.claim}$$", preset, strict=args.strict, seed=args.seed,
                                        timeout=args.timeout)
        except LatexError as e:         # beyond the reader's bounds: the grammar's own error, else this one
            return fallback() if fallback is not None else _unreadable(args, [e])
        r = report.results[0] if report.results else None
        if r is not None and r.status == "pass" and r.reading == "forward":     # q_t = 3: no quantity of the cell
            from ..latex.printing import forward_rows
            r.status, r.holds = "unreadable", None
            r.why = (f"it defines a name the cell {cell.name} does not compute (its forward equations in the "
                     f"{preset} notation: {'; '.join(forward_rows(cell, preset))})")
        judged = r is not None and (r.status == "pass" or r.status == "fail" and
                                    (r.claimed is not None or r.correct_latex is not None))
        if not judged and fallback is not None:
            return fallback()
        if r is None:
            raise ValueError("the claim holds no equation (expected LHS = RHS)")
        if args.format == "json":
            print(json.dumps({"cell": cell.name, "notation": preset, "result": r.to_dict()}, indent=2))
        else:
            _print_row("", r)
        return {"pass": EXIT_OK, "fail": EXIT_FAIL}.get(r.status, EXIT_UNREADABLE)
    return _author(args, lambda: verify_in_notation(cell, _text_of(args), preset, path=args.file,
                                                    strict=args.strict, seed=args.seed, timeout=args.timeout,
                                                    macros=args.macro_table),
                   header={"cell": cell.name, "notation": preset})


def _print_row(head, r):
    head = f"{head}:" if head else ""
    if r.status == "pass":
        how = f" (holds as {r.reading}: {r.why})" if r.reading == "step" else \
            f" (read as: {r.why})" if r.why else ""
        print(f"{head} pass{how}  {_short(r.text)}".lstrip())
    elif r.status == "fail":
        print(f"{head} FAIL  {_short(r.text)}".lstrip())
        if r.why:
            print(f"    {r.why}")
        if r.correct_latex:
            print(f"    correct right side: {r.correct_latex}")
        if r.claimed is not None:
            print(f"    at t = {r.step}: left side = {_vals(r.correct)}, right side = {_vals(r.claimed)}")
    else:
        print(f"{head} unreadable: {r.why}  {_short(r.text)}".lstrip())
    for n in r.notes:
        print(f"    note: {n}")


def _author(args, judge=None, header=None):
    """``symlstm verify --file notes.tex``: the file's own forward equations are the vocabulary."""
    path = args.file
    report = judge() if judge is not None else \
        verify_file(None, path, strict=args.strict, seed=args.seed, notation=args.notation, timeout=args.timeout,
                    macros=args.macro_table)
    if args.format == "json":
        print(json.dumps({**(header or {}), **report.to_dict()}, indent=2))
    else:
        for r in report.results:
            _print_row(f"{path}:{r.where[0]}:{r.where[1]}", r)
    n = len(report.results)
    status(f"{n} equation{'s' if n != 1 else ''} in {path}: {report.passed} pass, {report.failed} fail, "
           f"{report.unreadable} unreadable")
    if n == 0:
        status(f"symlstm verify: no equations found in {path} (expected $$...$$, \\[...\\], align or equation "
               "environments, or the formulas of numpy code)")
    return report.exit_status()


def _raise(e):
    raise e


def _vals(v):
    import numpy as np
    return np.array2string(np.round(np.real(np.asarray(v)), 4).reshape(-1), separator=", ")


def _unreadable(args, errors, where=""):
    if args.format == "json":
        print(json.dumps({"cell": args.cell, "file": args.file, "errors": [
            {"line": e.line, "column": e.column, "message": e.reason} for e in errors]}, indent=2))
    for e in errors:
        prefix = f"{where}:{e.line}:{e.column}: " if where and e.line is not None else \
            (f"{where}: " if where else "")
        msg = e.reason if where and e.line is not None else str(e)
        print(f"symlstm verify: {prefix}cannot read: {msg}", file=sys.stderr)
    return EXIT_UNREADABLE


def _one(cell, args, options):
    try:
        r = verify(cell, args.claim, names=args.rename, **options)
    except (LatexError, ClaimError) as e:
        # outside the claim grammar's notation (dh_t, a * b, x^{(t)}): the reader of derivations, with the
        # cell's forward rows written in the preset (symlstm's own by default), else the grammar's error
        err = e

        def grammar_error():
            return _unreadable(args, [err]) if isinstance(err, LatexError) else _raise(err)
        if args.rename is not None and args.notation is None:
            return grammar_error()
        preset = (args.notation or "greff").lower()
        return _in_notation(cell, args, preset, fallback=grammar_error)
    if args.format == "json":
        print(json.dumps({"cell": cell.name, "result": r.to_dict()}, indent=2))
    else:
        print("\n".join(r.lines()))
    return EXIT_OK if r.holds else EXIT_FAIL


def _file(cell, args, options):
    path = args.file
    text_mode = args.format == "text"

    def progress(k, n, eq, result):
        if text_mode:
            print("\n".join(_entry_lines(path, eq, result)), flush=True)
        else:
            status(f"[{k}/{n}] line {eq.line}: {'skipped' if result is None else result.summary()}")

    try:
        report = verify_file(cell, path, names=args.rename, progress=progress, macros=args.macro_table, **options)
    except LatexError as e:
        return _unreadable(args, [e], path)
    except UnicodeDecodeError as e:
        return _unreadable(args, [LatexError(str(e))], path)
    if report.errors and not report.entries:
        return _unreadable(args, report.errors, path)
    if text_mode:
        for eq, e in report.unreadable:
            print(f"{path}:{e.line}:{e.column}: unreadable: {e.reason}  {_short(eq.text)}")
    n = len(report.entries) + len(report.unreadable)
    summary = (f"{n} equation{'s' if n != 1 else ''} in {path}: {report.passed} hold, {report.failed} fail"
               + (f", {len(report.unreadable)} unreadable" if report.unreadable else "")
               + (f", {report.skipped} skipped" if report.skipped else ""))
    if args.format == "json":
        rows = [(eq.line, eq.column, {"status": "skipped", "skipped": True, "holds": None} if r is None else
                 {"status": "pass" if r.holds else "fail", "reading": "total", **r.to_dict()})
                for eq, r in report.entries]
        rows += [(eq.line, eq.column, {"status": "unreadable", "holds": None, "reading": None, "why": e.reason,
                                       "line": e.line, "column": e.column, "difference": None,
                                       "counterexample": None, "claim": eq.text})
                 for eq, e in report.unreadable]
        rows.sort(key=lambda x: (x[0], x[1]))
        print(json.dumps({
            "cell": cell.name, "file": path, "rename": _rename_text(report.renames),
            "summary": {"equations": n, "hold": report.passed, "fail": report.failed,
                        "unreadable": len(report.unreadable), "skipped": report.skipped},
            "results": [{"line": line, "column": col, **d} for line, col, d in rows]}, indent=2))
    status(summary)
    if n == 0:
        status(f"symlstm verify: no equations found in {path} (expected align or equation environments)")
        return EXIT_OK
    return report.exit_status()


def _short(text: str, width: int = 110) -> str:
    s = " ".join(text.split())
    return s if len(s) <= width else s[:width - 3] + "..."


def _entry_lines(path, eq, r) -> list[str]:
    head = f"{path}:{eq.line}:"
    if r is None:
        return [f"{head} skipped  {_short(eq.text)}"]
    if r.holds:
        return [f"{head} pass ({r.method})  {_short(eq.text)}"]
    out = [f"{head} FAIL ({r.method})  {_short(eq.text)}",
           f"    correct right side: {r.expected_latex}"]
    if r.difference is not None:
        out.append(f"    difference (claimed - correct): {r.difference_latex}")
    out += ["    " + line for line in r.counterexample_lines()]
    out += [f"    note: {n}" for n in r.notes]
    return out


def _rename_text(renames) -> str:
    parts = [f"{k.latex()}={v.latex()}" for k, v in renames.symbols]
    parts += [f"{k}=\\{v}" if v != "sigmoid" else f"{k}=\\sigma" for k, v in renames.functions]
    return ", ".join(parts)
