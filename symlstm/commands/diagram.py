"""``symlstm diagram CELL -o FILE``: draw a cell from its equations (Graphviz)."""
import sys
from pathlib import Path

from ..docs.diagram import FORMATS, dot_source, render
from ._common import add_cell_argument, resolve_cell

NAME = "diagram"
HELP = "draw a cell's dependency graph from its equations (SVG or PNG through Graphviz, or DOT text)"


def add_arguments(parser):
    add_cell_argument(parser)
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="output file: .svg, .png or .dot (default: DOT text on stdout)")
    parser.add_argument("--format", choices=FORMATS,
                        help="output format (default: from the file's suffix)")


def run(args):
    c = resolve_cell(args.cell)
    if args.output in (None, "-"):
        if args.format not in (None, "dot"):
            raise ValueError(f"--format {args.format} needs an output file (-o FILE); stdout gets DOT text")
        sys.stdout.write(dot_source(c))
        return 0
    path = render(c, Path(args.output), fmt=args.format)
    print(f"wrote {path}", file=sys.stderr)
    return 0
