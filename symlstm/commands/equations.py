"""``symlstm equations CELL``: print a cell's forward (and backward) equations."""
from ..derive import derive
from ..latex.printing import markdown
from ._common import add_cell_argument, resolve_cell

NAME = "equations"
HELP = "print the forward (and with --backward the BPTT) equations of a cell"


def add_arguments(parser):
    add_cell_argument(parser)
    parser.add_argument("--backward", action="store_true", help="also the backward pass and Jacobians")
    parser.add_argument("--format", choices=("latex", "markdown", "text"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--notation", metavar="NAME", default=None,
                        help="write the equations in a notation preset (LaTeX): greff, pytorch, d2l, colah, "
                             "coursera, goodfellow")


def run(args):
    c = resolve_cell(args.cell)
    d = derive(c) if args.backward else None
    if args.notation is not None:
        from ..latex.notation import notation
        from ..latex.printing import latex_notation
        print(latex_notation(c, d, notation=notation(args.notation)))
        return 0
    if args.format == "markdown":
        print(markdown(c, d), end="")
    elif args.format == "latex":
        print(c.latex())
        if d is not None:
            print(d.latex())
    else:
        print(c.text())
        if d is not None:
            print()
            print(d.text())
    return 0
