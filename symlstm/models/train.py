"""Training with generated code: the adding problem, a linear readout, MSE, and Adam in NumPy.

The forward and backward passes are generated: ``symlstm.compile(symlstm.model(cell,
"linear_last"))`` is the cell followed by the readout ŷ = V h_T + a and the MSE, with the
gradient derived from the loss down to every weight. The optimizer (Adam) is the few lines below.
The adding problem (Hochreiter & Schmidhuber 1997, experiment 4): at every step the input is
a pair (u_t, m_t) with u_t ~ U(0, 1) and a marker m_t ∈ {0, 1}; exactly two steps are marked,
one in the first half of the sequence and one in the second; the target at the end is the sum
of the two marked values. Predicting the mean, 1, gives MSE 1/6 ≈ 0.167; to do better a cell
must carry a value across at least T/2 steps.
"""
from __future__ import annotations

import sys
import time
from dataclasses import asdict

import numpy as np

from ..codegen.compile import compile as compile_cell
from .adding import (  # noqa: F401  (the task, config and results: public here too)
    BASELINE_MSE, TASKS, TOLERANCE, TrainConfig, TrainResult, adding_problem, plot_training, training_table,
)
from .init import init_params, resolve_cell as _resolve
from .model import model

__all__ = ["record", "record_key", "read_record", "TrainConfig", "TrainResult", "Adam", "adding_problem", "init_model", "loss_and_grads",
           "train", "plot_training", "TASKS", "BASELINE_MSE", "TOLERANCE", "training_table"]

# ------------------------------------------------------------------------------ model
def init_model(cell, n_in: int, n_hidden: int, rng, *, forget_bias: float | None = None) -> dict:
    """Cell parameters from U(−1/√H, 1/√H), b_f = ``forget_bias`` where the cell has it, and the
    readout V (1, H), a (1,) from the same distribution."""
    c = _resolve(cell)
    fb = forget_bias if "b_f" in c.param_names else None
    params = init_params(c, n_in, n_hidden, rng, forget_bias=fb)
    bound = 1.0 / np.sqrt(n_hidden)
    params["V"] = rng.uniform(-bound, bound, size=(1, n_hidden))
    params["a"] = rng.uniform(-bound, bound, size=(1,))
    return params


def loss_and_grads(compiled_model, x, y, params) -> tuple[float, dict]:
    """MSE of the readout ŷ = V h_T + a and its gradient with respect to every parameter.

    ``compiled_model``: ``symlstm.compile(symlstm.model(cell, "linear_last"))``, whose generated
    code derives the whole gradient (loss → readout → Δ_T → the cell's backward pass).
    x (T, B, I), y (B,); params: the cell's parameters plus V (1, H) and a (1,). Returns the
    loss and the gradients of the parameters (not of x or the initial states).
    """
    loss, grads = compiled_model.loss_and_grads(x, y, params)
    return float(loss), {k: grads[k] for k in params}


def predict(compiled_model, x, params) -> np.ndarray:
    """ŷ (B,) for x (T, B, I)."""
    return np.asarray(compiled_model.predict(x, params)).reshape(x.shape[1])


class Adam:
    """Adam (Kingma & Ba 2015) with bias correction, updating a dict of arrays in place.

    m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − lr · m̂ / (√v̂ + ε), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
    """

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0
        self.m: dict = {}
        self.v: dict = {}

    def step(self, params: dict, grads: dict) -> None:
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        for k, g in grads.items():
            m = self.m.setdefault(k, np.zeros_like(g))
            v = self.v.setdefault(k, np.zeros_like(g))
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            mhat = m / (1 - b1 ** self.t)
            vhat = v / (1 - b2 ** self.t)
            params[k] -= self.lr * mhat / (np.sqrt(vhat) + self.eps)


def clip_by_global_norm(grads: dict, max_norm: float) -> float:
    """Scale all gradients so that their joint 2-norm is at most ``max_norm``; returns the norm before."""
    norm = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads.values())))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
    return norm


def train(cell, config: TrainConfig = TrainConfig(), *, progress: bool = True) -> TrainResult:
    """Train ``cell`` on ``config.task`` with the generated forward/backward and Adam.

    Deterministic for a given config: the seed fixes the initialization, every batch and the
    held-out set (the held-out set is the same for every cell). A tqdm bar goes to stderr.
    """
    c = _resolve(cell)
    make, n_in = TASKS[config.task]
    compiled = compile_cell(model(c, "linear_last"))
    params = init_model(c, n_in, config.hidden, np.random.default_rng([config.seed, 1]),
                        forget_bias=config.forget_bias)
    data_rng = np.random.default_rng([config.seed, 2])
    x_eval, y_eval = make(config.length, config.eval_size, np.random.default_rng([config.seed, 3]))
    with _single_threaded_blas():
        return _train(c, config, compiled, params, data_rng, x_eval, y_eval, progress)


def _single_threaded_blas():
    """Small matrix products run fastest on one BLAS thread (OpenBLAS splits a (32×6400)·(6400×32)
    product across threads and, on a busy machine, can take 100× longer); uses threadpoolctl where
    it is installed, else changes nothing."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        import contextlib
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _train(c, config, compiled, params, data_rng, x_eval, y_eval, progress) -> TrainResult:
    make, _ = TASKS[config.task]
    opt = Adam(lr=config.lr)
    losses = np.empty(config.steps)
    evals = []

    def evaluate(step):
        pred = predict(compiled, x_eval, params)
        evals.append((step, float(np.mean((pred - y_eval) ** 2)),
                      float(np.mean(np.abs(pred - y_eval) < TOLERANCE))))

    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=config.steps, desc=f"{c.name} {config.task}", file=sys.stderr,
                   leave=True, dynamic_ncols=True, disable=None)   # None: only on a terminal
    start = time.perf_counter()
    try:
        evaluate(0)
        for step in range(config.steps):
            x, y = make(config.length, config.batch, data_rng)
            loss, grads = loss_and_grads(compiled, x, y, params)
            if not np.isfinite(loss):
                raise FloatingPointError(f"{c.name}: loss became {loss} at update {step}")
            losses[step] = loss
            clip_by_global_norm(grads, config.clip)
            opt.step(params, grads)
            if (step + 1) % config.eval_every == 0 or step + 1 == config.steps:
                evaluate(step + 1)
            if bar is not None:
                bar.update(1)
                if (step + 1) % 10 == 0:
                    bar.set_postfix(loss=f"{loss:.4f}", test_mse=f"{evals[-1][1]:.4f}")
    finally:
        if bar is not None:
            bar.close()
    return TrainResult(c.name, config, losses, evals, time.perf_counter() - start, params)


# ------------------------------------------------------------------------------ report


# ------------------------------------------------------------------------------ records
def record_key(cells, config: TrainConfig) -> str:
    """What a recorded run depends on: the config, the generated code of each model, and the source
    of the training code (the task, initialisation, optimizer and loop; not where it lives)."""
    import hashlib
    import inspect
    import json

    from ..codegen.compile import generate
    h = hashlib.sha256()
    h.update(json.dumps(asdict(config), sort_keys=True).encode())
    for c in cells:
        h.update(b"\0" + generate(model(_resolve(c), "linear_last")).encode())
    for fn in _TRAINING_CODE:
        h.update(b"\0" + inspect.getsource(fn).encode())
    return h.hexdigest()


def record(results) -> dict:
    """A JSON-ready record of runs that share one config, with its ``record_key``."""
    cfg = results[0].config
    if any(r.config != cfg for r in results):
        raise ValueError("a record holds runs of one config; these differ")
    return {"key": record_key([r.cell for r in results], cfg), "config": asdict(cfg),
            "runs": [r.to_dict() for r in results]}


def read_record(data: dict, cells=None, config: TrainConfig | None = None) -> list[TrainResult] | None:
    """The runs of a record, or None when it is stale (its key does not match ``cells``/``config``)."""
    runs = [TrainResult.from_dict(r) for r in data.get("runs", [])]
    if not runs:
        return None
    cells = [r.cell for r in runs] if cells is None else list(cells)
    config = runs[0].config if config is None else config
    if [r.cell for r in runs] != [_resolve(c).name for c in cells] or runs[0].config != config:
        return None
    return runs if data.get("key") == record_key(cells, config) else None


#: The code a recorded run depends on (its source is part of the record key).
_TRAINING_CODE = (adding_problem, TrainConfig, init_params, init_model, loss_and_grads, predict, Adam,
                  clip_by_global_norm, train, _train)
