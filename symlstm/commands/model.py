"""``symlstm model CELL``: a cell with an output head and loss; derived gradients, code, a check."""
from __future__ import annotations

from ._common import add_cell_argument, resolve_cell, status

NAME = "model"
HELP = ("a cell followed by an output head and loss (linear_last: MSE; linear_each: softmax "
        "cross-entropy): print the model's forward equations; --backward adds the gradient derived "
        "from the loss down to every parameter, --codegen prints the generated module instead, "
        "--check checks it against finite differences")


def add_arguments(parser):
    from ..models.model import HEADS, REDUCTIONS
    add_cell_argument(parser)
    parser.add_argument("--head", choices=list(HEADS), default="linear_last",
                        help="; ".join(f"{k}: {v[1]}" for k, v in HEADS.items()) + " (default: linear_last)")
    parser.add_argument("--reduction", choices=REDUCTIONS, default="mean",
                        help="mean (PyTorch's default: MSE over B·n_out, cross-entropy over T·B) or sum")
    parser.add_argument("--backward", action="store_true", help="also print the derived backward pass")
    parser.add_argument("--format", choices=("text", "latex"), default="text", help="default: text")
    parser.add_argument("--codegen", action="store_true", help="print the generated NumPy module instead")
    parser.add_argument("--check", action="store_true",
                        help="check the generated loss_and_grads against finite differences (exit 1 on failure)")


def run(args):
    from ..codegen.compile import compile as compile_any, generate
    from ..derive import derive
    from ..models.model import check_model, model
    m = model(resolve_cell(args.cell), args.head, reduction=args.reduction)
    if args.codegen:
        print(generate(m), end="")
        return 0
    d = derive(m) if args.backward else None
    if args.format == "latex":
        print(m.latex())
        if d is not None:
            print(d.latex())
    else:
        print(m.text())
        if d is not None:
            print()
            print(d.text())
    if args.check:
        status(f"checking {m.name} against finite differences ...")
        report = check_model(compile_any(m))
        print()
        print("\n".join(report.lines()))
        return 0 if report.passed else 1
    return 0
