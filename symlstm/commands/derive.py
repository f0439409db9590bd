"""``symlstm derive CELL``: the main job: equations, .tex/.pdf, generated module, numeric check."""
from pathlib import Path

from ..checks.check import check_compiled
from ..codegen.compile import compile as compile_cell, generate
from ..derive import derive
from ..latex.printing import latex_document
from ..latex.pdf import LatexError, compile_pdf, pdflatex_available
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
    tex = latex_document(c, d)
    write_text(out / f"{c.name}.tex", tex)
    print(f"wrote {out / f'{c.name}.tex'}")
    if not args.no_pdf:
        if pdflatex_available():
            try:
                compile_pdf(tex, out / f"{c.name}.pdf")
                print(f"wrote {out / f'{c.name}.pdf'}")
            except LatexError as e:
                print(f"PDF not written: {e}")
                return 1
        else:
            status("pdflatex not found: PDF skipped (install texlive-latex-base)")
    module = out / f"{c.name}_cell.py"
    write_text(module, generate(c))
    print(f"wrote {module}")
    report = check_compiled(compile_cell(c))
    print("\n".join(report.lines()))
    return 0 if report.passed else 1
