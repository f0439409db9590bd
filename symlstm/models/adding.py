"""The adding problem (Hochreiter & Schmidhuber 1997), a training run's configuration and results: tables, plots, the docs record."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

__all__ = ["BASELINE_MSE", "TOLERANCE", "TASKS", "TrainConfig", "TrainResult", "adding_problem", "training_table",
           "plot_training"]

#: MSE of always predicting the mean target 1 (the variance of a sum of two U(0, 1) values).
BASELINE_MSE = 1.0 / 6.0
#: A prediction counts as correct when it is within this of the target (Hochreiter & Schmidhuber).
TOLERANCE = 0.04


def adding_problem(length: int, batch: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """A batch of the adding problem: x (length, batch, 2) time-major, targets y (batch,)."""
    if length < 2:
        raise ValueError(f"the adding problem needs length >= 2, got {length}")
    x = np.zeros((length, batch, 2))
    x[:, :, 0] = rng.uniform(0.0, 1.0, size=(length, batch))
    half = length // 2
    first = rng.integers(0, half, size=batch)
    second = rng.integers(half, length, size=batch)
    rows = np.arange(batch)
    x[first, rows, 1] = 1.0
    x[second, rows, 1] = 1.0
    y = x[first, rows, 0] + x[second, rows, 0]
    return x, y


#: Tasks by name: a function (length, batch, rng) -> (x, y) and its input size.
TASKS = {"adding": (adding_problem, 2)}


@dataclass(frozen=True)
class TrainConfig:
    """One training run: the same budget for every cell (``steps`` updates of ``batch`` sequences)."""

    task: str = "adding"
    length: int = 100
    hidden: int = 32
    batch: int = 64
    steps: int = 2000
    lr: float = 1e-2
    clip: float = 1.0
    forget_bias: float = 1.0
    seed: int = 0
    eval_every: int = 100
    eval_size: int = 1000

    def __post_init__(self):
        if self.task not in TASKS:
            raise ValueError(f"unknown task {self.task!r}; available tasks: {', '.join(TASKS)}")
        for name in ("length", "hidden", "batch", "steps", "eval_every", "eval_size"):
            v = getattr(self, name)
            if not isinstance(v, int) or v < 1:
                raise ValueError(f"{name} must be a positive integer, got {v!r}")
        if self.length < 2:
            raise ValueError(f"length must be at least 2, got {self.length}")
        if not self.lr > 0 or not self.clip > 0:
            raise ValueError(f"lr and clip must be positive, got lr={self.lr}, clip={self.clip}")


@dataclass
class TrainResult:
    """What a run produced: per-update training loss and the held-out evaluations.

    ``losses`` (steps,): the batch MSE before each update. ``evals``: rows (update, MSE,
    accuracy) on a fixed held-out set of ``eval_size`` sequences, accuracy = fraction of
    predictions within TOLERANCE of the target.
    """

    cell: str
    config: TrainConfig
    losses: np.ndarray
    evals: list
    seconds: float = 0.0
    params: dict = field(default_factory=dict, repr=False)

    @property
    def final_mse(self) -> float:
        return float(self.evals[-1][1])

    @property
    def final_accuracy(self) -> float:
        return float(self.evals[-1][2])

    @property
    def solved_at(self) -> int | None:
        """First evaluated update with held-out MSE below a tenth of the baseline, or None."""
        for step, mse, _ in self.evals:
            if mse < BASELINE_MSE / 10:
                return int(step)
        return None

    def to_dict(self) -> dict:
        return {"cell": self.cell, "config": asdict(self.config), "seconds": round(self.seconds, 1),
                "losses": [float(v) for v in self.losses],
                "evals": [[int(s), float(m), float(a)] for s, m, a in self.evals]}

    @classmethod
    def from_dict(cls, d: dict) -> "TrainResult":
        return cls(d["cell"], TrainConfig(**d["config"]), np.asarray(d["losses"]),
                   [tuple(r) for r in d["evals"]], d.get("seconds", 0.0))

    def _repr_markdown_(self):
        return training_table([self])


def training_table(results) -> str:
    """Markdown table: final held-out MSE, accuracy, when (if) the task was solved."""
    rows = ["| cell | held-out MSE | within ±0.04 | MSE < baseline/10 at update | train time |",
            "|---|---:|---:|---:|---:|"]
    for r in results:
        solved = r.solved_at
        rows.append(f"| {r.cell} | {r.final_mse:.4f} | {100 * r.final_accuracy:.1f} % | "
                    f"{solved if solved is not None else 'never'} | {r.seconds:.0f} s |")
    return "\n".join(rows) + "\n"


def plot_training(results, path, *, window: int = 25):
    """Loss curves of several runs in one PNG: training loss (moving average) and held-out MSE.

    Deterministic: same numbers, same bytes.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if not results:
        raise ValueError("plot_training needs at least one TrainResult")
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 10, "path.simplify": False}):
        fig, ax = plt.subplots(figsize=(7.0, 4.2))
        colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        for k, r in enumerate(results):
            col = colors[k % len(colors)]
            w = max(1, min(window, len(r.losses)))
            smooth = np.convolve(r.losses, np.ones(w) / w, mode="valid")
            ax.semilogy(np.arange(w, len(r.losses) + 1), smooth, color=col, lw=1.0, alpha=0.55,
                        label=f"{r.cell}: training loss ({w}-update mean)")
            ev = np.asarray(r.evals)
            ax.semilogy(ev[:, 0], ev[:, 1], color=col, lw=2.0, marker="o", ms=2.5,
                        label=f"{r.cell}: held-out MSE")
        ax.axhline(BASELINE_MSE, color="0.4", ls="--", lw=1.0, label="predict the mean (MSE 1/6)")
        cfg = results[0].config
        ax.set_title(f"{cfg.task} problem, T = {cfg.length}, H = {cfg.hidden}, batch {cfg.batch}, "
                     f"Adam lr {cfg.lr:g}")
        ax.set_xlabel("update")
        ax.set_ylabel("mean squared error")
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(fontsize=8, loc="lower left")
        fig.tight_layout()
        fig.savefig(path, dpi=110, metadata={"Software": None})
        plt.close(fig)
    return path
