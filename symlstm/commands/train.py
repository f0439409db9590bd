"""``symlstm train --task adding --cells rnn,lstm -o adding.png``: train cells with their generated code."""
import argparse
import json
import sys
from dataclasses import fields
from pathlib import Path

from ..models.train import TASKS, TrainConfig, plot_training, record, train, training_table
from ._common import resolve_cell, status, write_text

NAME = "train"
HELP = ("train cells on a long-memory task with the generated forward/backward and Adam in NumPy, "
        "with the same budget; print the results and plot the loss curves")

_DEFAULT = TrainConfig()


def _positive(text):
    try:
        v = int(text)
    except ValueError:
        v = 0
    if v < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return v


def add_arguments(parser):
    parser.add_argument("--task", choices=sorted(TASKS), default=_DEFAULT.task,
                        help=f"the task (default: {_DEFAULT.task})")
    parser.add_argument("--cells", default="rnn,lstm", metavar="CELL,CELL",
                        help="comma-separated built-in names or cell files (default: rnn,lstm)")
    parser.add_argument("-o", "--output", metavar="FILE.png", help="write the loss curves (PNG) here")
    parser.add_argument("--json", metavar="FILE",
                        help="write every recorded number (JSON, with a key of what the run depends on) here")
    parser.add_argument("--length", type=_positive, default=_DEFAULT.length,
                        help=f"sequence length T (default: {_DEFAULT.length})")
    parser.add_argument("--hidden", type=_positive, default=_DEFAULT.hidden,
                        help=f"hidden size H (default: {_DEFAULT.hidden})")
    parser.add_argument("--batch", type=_positive, default=_DEFAULT.batch,
                        help=f"sequences per update (default: {_DEFAULT.batch})")
    parser.add_argument("--steps", type=_positive, default=_DEFAULT.steps,
                        help=f"updates per cell, the budget (default: {_DEFAULT.steps})")
    parser.add_argument("--lr", type=float, default=_DEFAULT.lr, help=f"Adam step size (default: {_DEFAULT.lr:g})")
    parser.add_argument("--seed", type=int, default=_DEFAULT.seed, help="random seed (default: 0)")
    parser.add_argument("--eval-every", type=_positive, default=_DEFAULT.eval_every,
                        help=f"updates between held-out evaluations (default: {_DEFAULT.eval_every})")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def config_from_args(args) -> TrainConfig:
    names = {f.name for f in fields(TrainConfig)}
    given = {k: getattr(args, k) for k in names if hasattr(args, k)}
    return TrainConfig(**given)


def run(args):
    names = [n.strip() for n in args.cells.split(",") if n.strip()]
    if not names:
        raise ValueError("--cells is empty; expected names such as rnn,lstm")
    cells = [resolve_cell(n) for n in names]
    config = config_from_args(args)
    for path, suffix in ((args.output, ".png"), (args.json, ".json")):
        if path and Path(path).suffix.lower() != suffix:
            raise ValueError(f"expected a {suffix} file name, got {path!r}")
    status(f"{config.task} problem: T={config.length}, H={config.hidden}, batch={config.batch}, "
           f"{config.steps} updates, Adam lr={config.lr:g}, seed={config.seed}")
    results = [train(c, config, progress=not args.no_progress) for c in cells]
    sys.stdout.write(training_table(results))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        plot_training(results, args.output)
        status(f"wrote {args.output}")
    if args.json:
        write_text(Path(args.json), json.dumps(record(results), indent=1) + "\n")
        status(f"wrote {args.json}")
    return 0
