"""``symlstm cells``: list the built-in cells."""
from ..cells.registry import available_cells, cell

NAME = "cells"
HELP = "list the built-in cells with their states and parameters"


def add_arguments(parser):
    parser.add_argument("--names", action="store_true", help="print only the names, one per line")


def run(args):
    for name in available_cells():
        if args.names:
            print(name)
            continue
        c = cell(name)
        print(f"{name:<18} {c.description}")
        print(f"{'':<18} states: {', '.join(c.states)}; params: {', '.join(c.param_names)}")
    return 0
