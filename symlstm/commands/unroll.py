"""``symlstm unroll CELL``: a cell unrolled into scalar equations; with --values, the numbers."""
from __future__ import annotations

import json
import numpy as np

from ._common import add_cell_argument, read_bounded, resolve_cell, status

NAME = "unroll"
HELP = ("unroll a cell over a few steps into scalar equations, one symbol per weight; with --values "
        "(JSON) print each step's values and the gradient of the output with respect to every weight")

_DESCRIPTION = HELP + """.

The values file is a JSON object: every parameter (a number for a 1-unit cell, else a nested
list of its shape), the inputs as "x": [x_1, ..., x_T] (or "x_1", ..., "x_T"), optionally the
initial states "h_0", "c_0" (zero when absent) and the target "y" for --loss squared_error.
"""


def add_arguments(parser):
    parser.description = _DESCRIPTION
    add_cell_argument(parser)
    parser.add_argument("--steps", type=int, metavar="T",
                        help="number of steps (default: the length of x in --values, else 3)")
    parser.add_argument("--inputs", type=int, default=1, metavar="I", help="input size (default: 1)")
    parser.add_argument("--hidden", type=int, default=1, metavar="H", help="hidden size (default: 1)")
    parser.add_argument("--values", metavar="FILE", help="JSON file of weights and inputs")
    parser.add_argument("--loss", choices=("squared_error",),
                        help="differentiate (y - h_T)^2 instead of h_T (needs \"y\" in --values)")
    parser.add_argument("--output", type=int, default=0, metavar="K",
                        help="component of h_T that is the output (default: 0)")
    parser.add_argument("--backward", action="store_true", help="also print the gradient program")
    parser.add_argument("--show-steps", type=int, default=3, metavar="N",
                        help="steps of equations to print (default: 3; 0 prints them all)")
    parser.add_argument("--digits", type=int, default=6, help="significant digits of values (default: 6)")
    parser.add_argument("--format", choices=("text", "latex", "json"), default="text",
                        help="output format (default: text)")


def _read_values(path: str) -> dict:
    try:
        data = json.loads(read_bounded(path, "values file"))
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not valid JSON: {e}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of name -> number or array, got {type(data).__name__}")
    return data


def _steps_from(values: dict) -> int | None:
    if "x" in values:
        x = values["x"]
        return len(x) if isinstance(x, list) else None
    ks = [k for k in values if k.startswith("x_") and k[2:].isdigit()]
    return max(int(k[2:]) for k in ks) if ks else None


def _jsonable(v):
    """A number for a single value (a 1-unit cell's weights), else nested lists."""
    a = np.asarray(v, dtype=float)
    return float(a.reshape(())) if a.size == 1 else a.tolist()


def run(args):
    from ..unroll import unroll
    c = resolve_cell(args.cell)
    values = _read_values(args.values) if args.values else None
    steps = args.steps or (values and _steps_from(values)) or 3
    initial = "zero"
    if values and any(f"{s}_0" in values for s in c.states):
        initial = "symbols"
    from ..unroll.scalar import MAX_STEPS
    if 200 <= steps <= MAX_STEPS:
        status(f"unrolling {c.name} over {steps} steps ...")
    u = unroll(c, steps, args.inputs, args.hidden, loss=args.loss, output=args.output, initial=initial,
               progress=steps >= 500)
    ev = u.evaluate(values) if values is not None else None   # validates names before printing
    show = None if args.show_steps == 0 else args.show_steps

    if args.format == "json":
        out = {"cell": c.name, "steps": u.T, "n_in": u.n_in, "n_hidden": u.n_hidden,
               "initial": initial, "loss": args.loss,
               "equations": [[{"symbol": s.name, "expression": str(e)} for s, e in step]
                             for step in (u.steps if show is None else u.steps[:show])],
               "objective": str(u.objective[1])}
        if args.backward:
            out["gradient_program"] = [{"symbol": s.name, "expression": str(e)} for s, e in u.adjoints]
            out["gradient_expressions"] = {w.name: str(g) for w, g in u.gradient.items()}
        if ev is not None:
            out["values"] = [{"t": t + 1, **{q: _jsonable(v) for q, v in row.items()}}
                             for t, row in enumerate(ev.steps)]
            out["output"] = ev.output
            out["objective_value"] = ev.objective
            out["gradient"] = {name: _jsonable(g) for name, g in ev.gradient.items()}
        print(json.dumps(out, indent=2))
        return 0
    if args.format == "latex":
        print(u.latex(steps=u.T if show is None else show))
        if ev is not None:
            print()
            print(u.table(ev, digits=args.digits, format="latex"))
        return 0
    print(u.text(steps=show, backward=args.backward))
    if ev is not None:
        print()
        print(u.table(ev, digits=args.digits))
    return 0
