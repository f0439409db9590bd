"""``symlstm flow CELL [CELL...] -o flow.png``: how far back gradients reach, from the derived Jacobians."""
import sys
from pathlib import Path

from ..models.flow import DEFAULTS, INIT_DOC, flow_text, gradient_flow, plot_flow
from ._common import add_cell_argument, resolve_cell, status

NAME = "flow"
HELP = ("norms of ∂h_T/∂h_t (and ∂c_T/∂c_t) against T − t at a random initialization, from the "
        "derived one-step Jacobians; prints a table and plots it on a log scale")


def _positive(text):
    try:
        v = int(text)
    except ValueError:
        v = 0
    if v < 1:
        import argparse
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return v


def add_arguments(parser):
    add_cell_argument(parser, nargs="+")
    parser.add_argument("--steps", type=_positive, default=DEFAULTS["steps"],
                        help=f"sequence length T, the largest lag T − t (default: {DEFAULTS['steps']})")
    parser.add_argument("-o", "--output", metavar="FILE.png", help="write the plot (PNG) here")
    parser.add_argument("--hidden", type=_positive, default=DEFAULTS["n_hidden"],
                        help=f"hidden size H (default: {DEFAULTS['n_hidden']})")
    parser.add_argument("--inputs", type=_positive, default=DEFAULTS["n_in"],
                        help=f"input size I (default: {DEFAULTS['n_in']})")
    parser.add_argument("--batch", type=_positive, default=DEFAULTS["batch"],
                        help=f"sequences averaged over (default: {DEFAULTS['batch']})")
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"], help="random seed (default: 0)")
    parser.add_argument("--forget-bias", type=float, metavar="B",
                        help="also draw every listed cell that has a forget-gate bias with b_f = B")


def run(args):
    cells = [resolve_cell(a) for a in args.cell]
    if args.output is not None and Path(args.output).suffix.lower() != ".png":
        raise ValueError(f"the plot is written as PNG; expected a .png file name, got {args.output!r}")
    if args.forget_bias is not None and not any("b_f" in c.param_names for c in cells):
        raise ValueError("--forget-bias given but none of the cells has a forget-gate bias b_f")
    sizes = dict(steps=args.steps, n_in=args.inputs, n_hidden=args.hidden, batch=args.batch, seed=args.seed)
    status(f"initialization: {INIT_DOC}; I={args.inputs}, H={args.hidden}, batch={args.batch}, "
           f"seed={args.seed}")
    results = []
    for c in cells:
        status(f"{c.name}: {args.steps} steps")
        results.append(gradient_flow(c, **sizes))
        if args.forget_bias is not None and "b_f" in c.param_names:
            results.append(gradient_flow(c, forget_bias=args.forget_bias, **sizes))
    sys.stdout.write(flow_text(results))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        plot_flow(results, args.output)
        status(f"wrote {args.output}")
    return 0
