"""Central finite-difference gradients for any sequence model.

The model is any callable ``forward(x, params, state0) -> (hs, final_state)``
(e.g. ``lambda x, p, s: reference.forward("lstm", x, p, s)``) and the loss is

    L = Σ dh ⊙ hs  (+ final_loss(final_state) if given).

:func:`numeric_grads` returns the same keys as the analytic backward
functions: one per parameter, ``"x"``, and ``"<state>0"`` for every state in
``final_state``.  Everything is done in float64.
"""

from __future__ import annotations

import numpy as np

__all__ = ["numeric_grads", "check_grads"]


def numeric_grads(forward, x, params, dh, state0=None, eps=1e-6, keys=None, final_loss=None):
    """Central finite differences ``(L(θ + ε) - L(θ - ε)) / 2ε`` of every entry.

    Parameters
    ----------
    forward : callable ``(x, params, state0) -> (hs, final_state)``; it is
        called with float64 copies and a ``state0`` dict holding every state.
    x : (T, B, I) array.
    params : dict name -> array.
    dh : array shaped like ``hs``, the weights of the linear loss.
    state0 : dict state -> array, missing/None entries mean zeros; the
        states (and their shapes) are taken from ``final_state``.
    eps : step size.
    keys : optional iterable of keys to compute (default: all).
    final_loss : optional callable ``final_state -> float`` added to L.

    Returns
    -------
    dict key -> float64 array of the shape of the input it differentiates.
    """
    x = np.array(x, dtype=np.float64)
    params = {k: np.array(v, dtype=np.float64) for k, v in params.items()}
    dh = np.asarray(dh, dtype=np.float64)

    # run once to learn the states and their shapes
    given = {k: v for k, v in (state0 or {}).items() if v is not None}
    hs, final = forward(x, params, {k: np.array(v, dtype=np.float64) for k, v in given.items()})
    if np.shape(hs) != dh.shape:
        raise ValueError(f"dh has shape {dh.shape} but the model output has shape {np.shape(hs)}")
    s0 = {k: np.zeros(np.shape(v), dtype=np.float64) for k, v in final.items()}
    for k, v in given.items():
        if k not in s0:
            raise ValueError(f"state0 has key {k!r}; the model's states are {list(s0)}")
        s0[k] = np.array(v, dtype=np.float64)

    targets = dict(params)
    for name, arr in [("x", x)] + [(f"{k}0", v) for k, v in s0.items()]:
        if name in targets:
            raise ValueError(f"parameter name {name!r} clashes with an input/state key")
        targets[name] = arr
    if keys is not None:
        keys = list(keys)
        unknown = [k for k in keys if k not in targets]
        if unknown:
            raise ValueError(f"unknown keys {unknown}; available: {list(targets)}")
        targets = {k: targets[k] for k in keys}

    def loss():
        hs, final = forward(x, params, s0)
        value = float(np.sum(dh * np.asarray(hs, dtype=np.float64)))
        if final_loss is not None:
            value += float(final_loss(final))
        return value

    grads = {}
    for name, arr in targets.items():  # arr is one of our copies: perturb in place
        g = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            orig = arr[idx]
            arr[idx] = orig + eps
            plus = loss()
            arr[idx] = orig - eps
            minus = loss()
            arr[idx] = orig
            g[idx] = (plus - minus) / (2 * eps)
        grads[name] = g
    return grads


def check_grads(backward_grads, numeric, rtol=1e-7, atol=1e-9):
    """Assert ``|analytic - numeric| <= atol + rtol * |numeric|`` element-wise
    for every key of ``numeric`` (like ``np.allclose``).

    Raises ``AssertionError`` naming every failing key with its maximum
    absolute and relative error and the worst element.
    """
    failures = []
    for key, num in numeric.items():
        if key not in backward_grads:
            failures.append(f"{key!r}: missing from the analytic gradients")
            continue
        num = np.asarray(num, dtype=np.float64)
        ana = np.asarray(backward_grads[key], dtype=np.float64)
        if ana.shape != num.shape:
            failures.append(f"{key!r}: analytic shape {ana.shape} != numeric shape {num.shape}")
            continue
        if num.size == 0:
            continue
        err = np.abs(ana - num)
        err = np.where(np.isnan(err), np.inf, err)
        excess = err - (atol + rtol * np.abs(num))
        if np.all(excess <= 0):
            continue
        worst = np.unravel_index(np.argmax(excess), num.shape)
        rel = err / np.maximum(np.abs(num), np.finfo(np.float64).tiny)
        failures.append(
            f"{key!r}: max abs error {err.max():.3e}, max rel error {rel.max():.3e}; "
            f"worst at index {tuple(int(i) for i in worst)}: "
            f"analytic {float(ana[worst]):.12g} vs numeric {float(num[worst]):.12g}"
        )
    if failures:
        raise AssertionError(
            f"gradient check failed (rtol={rtol}, atol={atol}):\n  " + "\n  ".join(failures)
        )
