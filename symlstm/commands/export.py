"""``symlstm export CELL --to torch|jax -o FILE``: write a standalone PyTorch or JAX module."""
import sys
from pathlib import Path

from ..codegen.export import TARGETS, export
from ._common import add_cell_argument, resolve_cell, write_text

NAME = "export"
HELP = "write a cell as a PyTorch or JAX module whose backward pass is the derived BPTT"


def add_arguments(parser):
    add_cell_argument(parser)
    parser.add_argument("--to", required=True, choices=sorted(TARGETS), help="the framework")
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")


def run(args):
    source = export(resolve_cell(args.cell), to=args.to)
    if args.output in (None, "-"):
        sys.stdout.write(source)
    else:
        write_text(Path(args.output), source)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
