"""``symlstm codegen CELL -o FILE``: write the generated standalone module."""
import sys
from pathlib import Path

from ..codegen.compile import BACKENDS, generate
from ._common import add_cell_argument, resolve_cell, write_text

NAME = "codegen"
HELP = "write the generated forward/backward module of a cell (standalone: imports numpy only)"


def add_arguments(parser):
    add_cell_argument(parser)
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    parser.add_argument("--backend", choices=BACKENDS, default="numpy")


def run(args):
    c = resolve_cell(args.cell)
    source = generate(c, args.backend)
    if args.output in (None, "-"):
        sys.stdout.write(source)
    else:
        write_text(Path(args.output), source)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
