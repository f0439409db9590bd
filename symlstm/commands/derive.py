"""``symlstm derive CELL``: the main job: equations, .tex/.pdf, generated module, numeric check."""
from pathlib import Path

from ..checks.check import check_compiled
from ..codegen.compile import compile as compile_cell, generate
from ..derive import derive
from ..docs.booklet import BookletError, cell_tex, compile_pdf, overfull_rows, pdflatex_available
from ._common import add_cell_argument, resolve_cell, status, write_text

NAME = "derive"
HELP = ("derive a cell's BPTT: print its equations, write the .tex (and PDF) and the generated "
        "module, and check that module against the reference")


def add_arguments(parser):
    add_cell_argument(parser)
    parser.add_argument("--out", metavar="DIR", help="output folder (default: out/CELL)")
    parser.add_argument("--no-pdf", action="store_true", help="do not run pdflatex")
    parser.add_argument("--format", choices=("text", "latex"), default="text",
                        help="how to print the equations (default: text)")


def run(args):
    c = resolve_cell(args.cell)
    out = Path(args.out) if args.out else Path("out") / c.name
    d = derive(c)
    if args.format == "latex":
        print(c.latex())
        print(d.latex())
    else:
        print("Forward:")
        print(c.text())
        print()
        print("Backward:")
        print(d.text())
    print()
    tex = cell_tex(c, d)
    write_text(out / f"{c.name}.tex", tex)
    print(f"wrote {out / f'{c.name}.tex'}")
    pdf_failed = False
    if not args.no_pdf:
        if pdflatex_available():
            try:
                pdf, log = compile_pdf(tex)
            except BookletError as e:      # one line; the .tex, the module and the check still come
                status(f"PDF not written: {_first_error(str(e))} (the .tex is kept; --no-pdf skips this)")
                pdf_failed = True
            else:
                out.mkdir(parents=True, exist_ok=True)
                (out / f"{c.name}.pdf").write_bytes(pdf)
                print(f"wrote {out / f'{c.name}.pdf'}")
                wide = overfull_rows(log)
                if wide:
                    status(f"warning: {len(wide)} rows of the PDF are wider than the text")
        else:
            status("pdflatex not found: PDF skipped (install texlive-latex-base)")
    module = out / f"{c.name}_cell.py"
    write_text(module, generate(c))
    print(f"wrote {module}")
    report = check_compiled(compile_cell(c))
    print("\n".join(report.lines()))
    return 0 if report.passed and not pdf_failed else 1


def _first_error(log: str) -> str:
    """pdflatex's first error line ("! Double superscript."), else the log's first line."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("!")]
    return "pdflatex failed: " + (errors[0].lstrip("! ") if errors else (lines[-1] if lines else "no log"))
