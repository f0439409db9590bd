"""Benchmark of scalar unrolling: ``python -m symlstm.unroll_bench`` prints median timings."""
from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

#: Targets of issue 3: derived and evaluated in under this many seconds.
TARGETS = {100: 1.0, 1000: 10.0}


def _values(u, rng):
    vals = {name: rng.uniform(-1, 1, arr.shape) for name, arr in u.weights.items()}
    vals["x"] = rng.uniform(0, 1, u.expected_values()["x"])
    for name, shape in u.expected_values().items():
        vals.setdefault(name, rng.uniform(-1, 1, shape) if shape else float(rng.uniform(-1, 1)))
    return vals


def measure(cell: str, steps: int, n_in: int = 1, n_hidden: int = 1, loss=None, repeat: int = 3, seed: int = 0):
    """Median seconds of (unroll, first evaluate incl. compiling the templates, total) and the
    program size (assignments, operations). SymPy's cache is cleared before every run."""
    from sympy.core.cache import clear_cache

    from .scalar import unroll
    rng = np.random.default_rng(seed)
    build, first, total = [], [], []
    u = None
    for _ in range(repeat):
        clear_cache()           # cold runs: SymPy's cache would make repeats look faster
        t0 = time.perf_counter()
        u = unroll(cell, steps, n_in, n_hidden, loss=loss)
        t1 = time.perf_counter()
        u.evaluate(_values(u, rng))
        t2 = time.perf_counter()
        build.append(t1 - t0)
        first.append(t2 - t1)
        total.append(t2 - t0)
    return (statistics.median(build), statistics.median(first), statistics.median(total),
            len(u.program), u.operations())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m symlstm.unroll_bench", description=__doc__)
    ap.add_argument("--cell", default="lstm")
    ap.add_argument("--steps", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--hidden", type=int, default=1)
    ap.add_argument("--inputs", type=int, default=1)
    ap.add_argument("--loss", default=None, choices=[None, "squared_error"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    print(f"unroll {args.cell} (n_in={args.inputs}, n_hidden={args.hidden}, loss={args.loss}): "
          f"median of {args.repeat} runs")
    print(f"{'steps':>6} {'unroll s':>9} {'evaluate s':>11} {'total s':>8} {'assignments':>12} "
          f"{'operations':>11} {'ops/step':>9}  target")
    ok = True
    for T in args.steps:
        print(f"  measuring {T} steps ...", file=sys.stderr, flush=True)
        b, e, tot, n, ops = measure(args.cell, T, args.inputs, args.hidden, args.loss, args.repeat)
        target = TARGETS.get(T)
        verdict = "" if target is None else (f"< {target:g} s " + ("ok" if tot < target else "MISSED"))
        ok &= target is None or tot < target
        print(f"{T:>6} {b:>9.3f} {e:>11.3f} {tot:>8.3f} {n:>12} {ops:>11} {ops / T:>9.1f}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
