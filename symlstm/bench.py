"""Benchmark: whole-sequence forward + backward of generated cells vs the reference, PyTorch and the GEMM floor.

``python -m symlstm.bench [--quick] [--out DIR]`` (or ``symlstm bench``). In one process it
times, side by side and alternating, every method on every (cell, dtype, shape):

- ``numba``, ``numpy``: ``symlstm.compile(cell, backend).backward`` (forward + BPTT, all gradients);
- ``reference``: the hand-written :mod:`symlstm.reference`;
- ``torch``: ``torch.nn.LSTM``/``GRU`` forward + autograd backward (x, h0, c0 and weights require
  grad), ``torch.set_num_threads(cores)`` — when PyTorch is installed;
- ``floor``: only the matrix products the pass must do, grouped the best way (all gates in one
  product; the input projection, the weight gradients and the input gradient of all steps at
  once; one recurrent product per step forward and backward), in NumPy.

Before timing, the outputs of every method are compared on the same inputs, so the timings are
of computations that agree. Medians are taken after a warm-up run. Before each timed run the
process sleeps ``pause`` seconds and runs the method once untimed: OpenBLAS and OpenMP worker
threads spin for a while after a call, and without this PyTorch (OpenMP) runs up to twice slower
right after a NumPy/OpenBLAS method; so every method is timed in its steady state, as if alone.
The exported PyTorch and JAX modules (``symlstm.export``) are timed too, apart: the torch Layer
with the derived backward vs autograd through the same forward vs nn.LSTM/GRU vs only the matrix
products in torch; the JAX custom_vjp vs JAX's own gradient of the same lax.scan (``--no-exports``
leaves them out; ``bench-export.md`` has their table).
It also times derivation + code generation per cell, Numba's first compile and its cached load
in fresh processes, and the extra memory of the backward pass. Results: a table on stdout;
``bench.json``, ``bench.md`` (the table in Markdown) and ``bench.png`` in ``--out``; progress
on stderr.
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

__all__ = ["BenchConfig", "run", "main", "machine_info", "SHAPES", "QUICK_SHAPES", "METHODS"]

SHAPES = ((50, 1, 32, 32), (50, 32, 64, 128), (50, 64, 256, 256), (100, 16, 128, 512))
QUICK_SHAPES = ((50, 1, 32, 32), (20, 8, 24, 32))
CELLS = ("lstm", "gru_reset_after")
DTYPES = ("float64", "float32")
METHODS = ("numba", "numpy", "reference", "torch", "floor")

#: PyTorch's gate order in its stacked weights, and what symlstm calls the bias inside r ⊙ (...).
_TORCH_GATES = {"lstm": "ifgo", "gru_reset_after": "rzn"}

#: Targets of issue 5, checked in the summary (ratios are medians, time / time).
TARGETS = {
    "numba_vs_torch": 1.0,            # every shape, both dtypes
    "numba_vs_floor_largest": 1.3,    # the two largest shapes
    "numpy_vs_reference": 1.1,
    "derive_generate_lstm_s": 1.0,
    "numba_first_compile_s": 10.0,
    "numba_cached_load_s": 1.0,
}


@dataclass(frozen=True)
class BenchConfig:
    """What to run. ``repeats`` timed runs per method after ``warmup`` runs, alternating methods."""

    cells: tuple = CELLS
    dtypes: tuple = DTYPES
    shapes: tuple = SHAPES
    methods: tuple = METHODS
    repeats: int = 9
    warmup: int = 1
    compile_times: bool = True      # Numba first compile and cached load, in fresh processes
    quick: bool = False
    pause: float = 0.25             # seconds of sleep before each timed run (idle worker threads)
    exports: bool = True            # also time the exported PyTorch and JAX modules
    export_torch_threads: int = 0   # torch threads of the export timings (0: one per core)

    @classmethod
    def quick_config(cls, **kw):
        return cls(**{"shapes": QUICK_SHAPES, "repeats": 3, "quick": True, "pause": 0.0, **kw})


# --------------------------------------------------------------------------- the machine
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _openblas_libraries() -> list:
    """OpenBLAS builds loaded in this process (NumPy's, SciPy's for Numba): version, core, threads."""
    out = []
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return out
    paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and line.split()[-1].startswith("/")})
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        info = {"library": Path(path).name}
        for suffix in ("64_", ""):
            for key, sym, restype in (("config", "get_config", ctypes.c_char_p),
                                      ("core", "get_corename", ctypes.c_char_p),
                                      ("threads", "get_num_threads", ctypes.c_int)):
                for prefix in ("scipy_openblas_", "openblas_"):
                    fn = getattr(lib, f"{prefix}{sym}{suffix}", None)
                    if fn is not None and key not in info:
                        fn.restype = restype
                        v = fn()
                        info[key] = v.decode() if isinstance(v, bytes) else v
        out.append(info)
    return out


def _versions(torch) -> dict:
    import sympy
    from .codegen import __version__
    v = {"python": platform.python_version(), "symlstm": __version__, "numpy": np.__version__,
         "sympy": sympy.__version__}
    try:
        import numba
        v["numba"] = numba.__version__
    except ImportError:
        v["numba"] = None
    v["torch"] = torch.__version__ if torch is not None else None
    return v


def machine_info(torch=None) -> dict:
    """CPU, cores, library versions, BLAS builds (core type, threads), environment, load average."""
    info = {
        "cpu": _cpu_model(), "cores": _cores(), "platform": platform.platform(),
        "versions": _versions(torch),
        "env": {k: os.environ[k] for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                          "OPENBLAS_CORETYPE", "NUMBA_NUM_THREADS") if k in os.environ},
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["numpy_blas"] = {k: blas.get(k) for k in ("name", "version", "openblas configuration")}
    except Exception:  # pragma: no cover - old NumPy
        info["numpy_blas"] = None
    try:
        from threadpoolctl import threadpool_info
        info["threadpools"] = [{k: p.get(k) for k in ("user_api", "internal_api", "prefix", "version",
                                                        "num_threads", "architecture")}
                               for p in threadpool_info()]
    except ImportError:
        info["threadpools"] = None
    info["openblas"] = _openblas_libraries()
    if torch is not None:
        info["torch_threads"] = torch.get_num_threads()
        info["torch_mkldnn"] = bool(torch.backends.mkldnn.is_available())
    return info


# --------------------------------------------------------------------------- methods
def _inputs(cell, T, B, I, H, dtype, seed=0):
    rng = np.random.default_rng(seed)
    scale = 1.0 / np.sqrt(H)
    params = {n: (rng.uniform(-scale, scale, s)).astype(dtype) for n, s in cell.param_shapes(I, H).items()}
    x = rng.standard_normal((T, B, I)).astype(dtype)
    dh = rng.standard_normal((T, B, H)).astype(dtype)
    return x, params, dh


def _torch_method(torch, name, x, params, dh):
    """A closure running nn.LSTM/GRU forward + backward on the same numbers, and one for its outputs."""
    if name not in _TORCH_GATES:
        return None, None
    T, B, I = x.shape
    H = dh.shape[2]
    gates = _TORCH_GATES[name]
    tdtype = torch.float64 if x.dtype == np.float64 else torch.float32
    m = (torch.nn.LSTM if name == "lstm" else torch.nn.GRU)(I, H).to(tdtype)
    w_ih = np.concatenate([params[f"W_{g}"] for g in gates])
    w_hh = np.concatenate([params[f"U_{g}"] for g in gates])
    if name == "lstm":
        b_ih = np.concatenate([params[f"b_{g}"] for g in gates])
        b_hh = np.zeros_like(b_ih)
    else:
        b_ih = np.concatenate([params["b_r"], params["b_z"], params["b_n"]])
        b_hh = np.concatenate([np.zeros_like(params["b_r"]), np.zeros_like(params["b_z"]), params["b_hn"]])
    with torch.no_grad():
        for attr, v in (("weight_ih_l0", w_ih), ("weight_hh_l0", w_hh), ("bias_ih_l0", b_ih), ("bias_hh_l0", b_hh)):
            getattr(m, attr).copy_(torch.from_numpy(np.ascontiguousarray(v)))
    xt = torch.from_numpy(x.copy()).requires_grad_(True)
    dht = torch.from_numpy(dh.copy())
    h0 = torch.zeros(1, B, H, dtype=tdtype, requires_grad=True)
    c0 = torch.zeros(1, B, H, dtype=tdtype, requires_grad=True)
    leaves = [xt, h0, c0, *m.parameters()]

    def run():
        for p in leaves:
            p.grad = None
        out, _ = m(xt, (h0, c0)) if name == "lstm" else m(xt, h0)
        out.backward(dht)
        return out

    def outputs():
        out = run()
        g = {"x": xt.grad.numpy(), "h0": h0.grad.numpy()[0]}
        if name == "lstm":
            g["c0"] = c0.grad.numpy()[0]
        wih, whh = m.weight_ih_l0.grad.numpy(), m.weight_hh_l0.grad.numpy()
        bih, bhh = m.bias_ih_l0.grad.numpy(), m.bias_hh_l0.grad.numpy()
        for k, gate in enumerate(gates):
            s = slice(k * H, (k + 1) * H)
            g[f"W_{gate}"], g[f"U_{gate}"] = wih[s], whh[s]
            if name == "lstm" or gate != "n":
                g[f"b_{gate}"] = bih[s]
        if name == "gru_reset_after":
            g["b_n"], g["b_hn"] = bih[2 * H:], bhh[2 * H:]
        return out.detach().numpy(), g

    return run, outputs


def _floor_method(plan, x, dh):
    """The matrix products of one forward + backward pass, grouped as symlstm groups them."""
    T, B, I = x.shape
    H = dh.shape[2]
    dt = x.dtype
    rng = np.random.default_rng(1)
    hoisted = [g for g in plan.groups if g.hoisted]
    recurrent = [g for g in plan.groups if not g.hoisted]
    gx = len(hoisted[0].matrices) if hoisted else 0
    mats = {g.name: rng.standard_normal((len(g.matrices) * H, I if g.hoisted else H)).astype(dt) * 0.1
            for g in plan.groups}
    mats_t = {k: np.ascontiguousarray(v.T) for k, v in mats.items()}
    deltas = {g.name: rng.standard_normal((T, B, len(g.matrices) * H)).astype(dt) for g in plan.groups}
    hs = rng.standard_normal((T, B, H)).astype(dt)
    lin = {g.name: np.empty((B, len(g.matrices) * H), dt) for g in recurrent}
    back = {g.name: np.empty((B, H), dt) for g in recurrent}
    x2 = x.reshape(T * B, I)
    h2 = hs.reshape(T * B, H)

    def run():
        if hoisted:
            x2 @ mats_t["x"]                                   # input projection, all steps
        for t in range(T):                                     # recurrent products, forward
            for g in recurrent:
                np.matmul(hs[t], mats[g.name].T, out=lin[g.name])
        for t in range(T - 1, -1, -1):                         # recurrent products, backward
            for g in recurrent:
                np.matmul(deltas[g.name][t], mats_t[g.name].T, out=back[g.name])
        for g in recurrent:                                    # dU of all steps
            deltas[g.name].reshape(T * B, -1).T @ h2
        if hoisted:
            d = deltas["x"].reshape(T * B, -1)
            d.T @ x2                                           # dW of all steps
            d @ mats["x"]                                      # dx of all steps

    flops = 2 * T * B * H * (3 * sum(len(g.matrices) for g in recurrent) * H + 3 * gx * I)
    return run, flops


def _max_rel(a, b) -> float:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a - b)) / max(1e-30, float(np.max(np.abs(b)))))


# --------------------------------------------------------------------------- timing one case
def _time_case(fns: dict, repeats: int, warmup: int, pause: float = 0.0) -> dict:
    """Alternate the methods (rotating their order every round); times in seconds.

    With ``pause`` > 0, each timed run is preceded by ``pause`` seconds of sleep, which lets the
    previous method's worker threads go idle (OpenBLAS and OpenMP threads spin after a call and
    slow the next method down), and by one untimed run, which wakes this method's threads and
    warms its caches: each method is timed in its steady state, as if it ran alone.
    """
    names = list(fns)
    times = {n: [] for n in names}
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for r in range(warmup + repeats):
            order = names[r % len(names):] + names[:r % len(names)]
            for n in order:
                if pause:
                    time.sleep(pause)
                    fns[n]()
                t0 = time.perf_counter()
                fns[n]()
                dt = time.perf_counter() - t0
                if r >= warmup:
                    times[n].append(dt)
    finally:
        if gc_was:
            gc.enable()
    return times


def _case(cfg, name, dtype, shape, torch, compiled, status):
    from .checks import reference
    from .cells.registry import cell as lookup
    from .codegen.plan import make_plan
    from .derive import derive
    c = lookup(name)
    T, B, I, H = shape
    dt = np.dtype(dtype)
    x, params, dh = _inputs(c, T, B, I, H, dt)
    fns, outputs = {}, {}
    for backend in ("numba", "numpy"):
        if backend in cfg.methods and backend in compiled:
            cc = compiled[backend]
            fns[backend] = (lambda cc=cc: cc.backward(x, params, dh))
            outputs[backend] = (lambda cc=cc: (cc.forward(x, params)[0], cc.backward(x, params, dh)))
    if "reference" in cfg.methods and name in reference.CELLS:
        fns["reference"] = lambda: reference.backward(name, x, params, dh)
        outputs["reference"] = lambda: (reference.forward(name, x, params)[0], reference.backward(name, x, params, dh))
    if "torch" in cfg.methods and torch is not None:
        run, out = _torch_method(torch, name, x, params, dh)
        if run is not None:
            fns["torch"], outputs["torch"] = run, out
    flops = None
    if "floor" in cfg.methods:
        fns["floor"], flops = _floor_method(make_plan(derive(c)), x, dh)

    # the methods timed must agree: every output against the reference (or numpy)
    check = {}
    base = "reference" if "reference" in outputs else next(iter(outputs), None)
    if base is not None:
        hs0, g0 = outputs[base]()
        for m, fn in outputs.items():
            if m == base:
                continue
            hs, g = fn()
            errs = {"h": _max_rel(hs, hs0)}
            errs.update({k: _max_rel(g[k], g0[k]) for k in g0 if k in g})
            missing = sorted(set(g0) - set(g))
            check[m] = {"against": base, "max_rel_error": max(errs.values()), "worst": max(errs, key=errs.get),
                        "missing": missing}
    tol = 1e-8 if dt == np.float64 else 2e-3
    agree = all(v["max_rel_error"] <= tol and not v["missing"] for v in check.values())

    status(f"  {name} {dtype} T,B,I,H={T},{B},{I},{H}: timing {', '.join(fns)}")
    times = _time_case(fns, cfg.repeats, cfg.warmup, cfg.pause)
    med = {m: statistics.median(v) for m, v in times.items()}
    ratios = {}
    for m in ("numba", "numpy", "reference", "floor"):
        if m in med and "torch" in med:
            ratios[f"{m}/torch"] = med[m] / med["torch"]
    for m in ("numba", "numpy", "torch", "reference"):
        if m in med and "floor" in med:
            ratios[f"{m}/floor"] = med[m] / med["floor"]
    if "numpy" in med and "reference" in med:
        ratios["numpy/reference"] = med["numpy"] / med["reference"]
    return {
        "cell": name, "dtype": dtype, "shape": list(shape),
        "median_ms": {m: v * 1e3 for m, v in med.items()},
        "min_ms": {m: min(v) * 1e3 for m, v in times.items()},
        "runs_ms": {m: [t * 1e3 for t in v] for m, v in times.items()},
        "ratios": ratios,
        "floor_gflops": (flops / med["floor"] / 1e9) if flops and "floor" in med else None,
        "check": {"tolerance": tol, "agree": agree, "methods": check},
    }


# --------------------------------------------------------------------------- symbolic and compile costs
def _codegen_times(cells) -> dict:
    from .cells.registry import cell as lookup
    from .codegen.numba_backend import generate_numba
    from .codegen.numpy_backend import generate_numpy
    from .derive import derive
    out = {}
    for name in cells:
        c = lookup(name)
        t0 = time.perf_counter()
        d = derive(c)
        t1 = time.perf_counter()
        generate_numpy(d)
        t2 = time.perf_counter()
        generate_numba(d)
        t3 = time.perf_counter()
        out[name] = {"derive_s": t1 - t0, "generate_numpy_s": t2 - t1, "generate_numba_s": t3 - t2,
                     "derive_generate_numba_s": (t1 - t0) + (t3 - t2)}
    return out


_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import numpy as np
import symlstm
t1 = time.perf_counter()
cc = symlstm.compile(sys.argv[1], "numba")
t2 = time.perf_counter()
c = cc.cell
rng = np.random.default_rng(0)
dt = np.dtype(sys.argv[2])
x = rng.standard_normal((3, 2, 4)).astype(dt)
params = {n: rng.standard_normal(s).astype(dt) for n, s in c.param_shapes(4, 5).items()}
cc.backward(x, params, rng.standard_normal((3, 2, 5)).astype(dt))
t3 = time.perf_counter()
used = [f for n, f in vars(cc.module).items()
        if n.startswith(("_forward", "_backward", "_matmul")) and hasattr(f, "stats") and f.signatures]
stats = {"kernels": len(used), "hits": sum(sum(f.stats.cache_hits.values()) for f in used),
         "misses": sum(sum(f.stats.cache_misses.values()) for f in used)}
print(json.dumps({"import_s": t1 - t0, "compile_call_s": t2 - t1, "first_call_s": t3 - t2,
                  "load_s": t3 - t1, "cache": stats}))
"""


def _compile_times(name, dtype="float64") -> dict:
    """Numba's first compile (empty cache) and cached load, each in a new process."""
    with tempfile.TemporaryDirectory(prefix="symlstm-bench-cache-") as tmp:
        env = dict(os.environ, SYMLSTM_CACHE_DIR=tmp)
        env.pop("NUMBA_CACHE_DIR", None)
        root = str(Path(__file__).resolve().parent.parent)      # the child imports this symlstm
        env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
        runs = {}
        for label in ("first", "cached"):
            t0 = time.perf_counter()
            p = subprocess.run([sys.executable, "-c", _CHILD, name, dtype], env=env, capture_output=True,
                               text=True, timeout=600)
            wall = time.perf_counter() - t0
            if p.returncode != 0:
                raise RuntimeError(f"compile-time child failed:\n{p.stderr[-2000:]}")
            r = json.loads(p.stdout.strip().splitlines()[-1])
            r["process_wall_s"] = wall
            runs[label] = r
    return {"cell": name, "dtype": dtype, **runs}


def _memory(name="lstm", dtype="float64", T=(40, 80), B=8, I=32, H=96) -> dict:
    """Peak memory NumPy allocates during numba backward, at two lengths: the growth per step."""
    from .cells.registry import cell as lookup
    from .codegen.compile import compile as compile_cell
    cc = compile_cell(name, "numba")
    c = lookup(name)
    peaks = {}
    dt = np.dtype(dtype)
    for steps in T:
        x, params, dh = _inputs(c, steps, B, I, H, dt)
        cc.backward(x, params, dh)                   # compiled, warm
        gc.collect()
        tracemalloc.start()
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        cc.backward(x, params, dh)
        peaks[steps] = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
    per_step = (peaks[T[1]] - peaks[T[0]]) / (T[1] - T[0])
    bh = B * H * dt.itemsize
    weights = sum(int(np.prod(s)) for s in c.param_shapes(I, H).values()) * dt.itemsize
    return {"cell": name, "dtype": dtype, "B": B, "I": I, "H": H, "peak_bytes": {str(k): v for k, v in peaks.items()},
            "bytes_per_step": per_step, "per_step_in_BH_arrays": per_step / bh,
            "weights_bytes": weights,
            "per_step_over_weights": per_step / weights}


# --------------------------------------------------------------------------- the run
def run(cfg: BenchConfig, out: Path | None = None, status=None) -> dict:
    """Run the benchmark; write ``bench.json`` and ``bench.png`` to ``out`` (when given)."""
    status = status or (lambda msg: print(msg, file=sys.stderr, flush=True))
    from .codegen.compile import compile as compile_cell
    torch = None
    if "torch" in cfg.methods:
        try:
            import torch
            torch.set_num_threads(_cores())
        except ImportError:
            status("PyTorch is not installed: its column is left out")
    result = {"config": {**asdict(cfg), "shapes": [list(s) for s in cfg.shapes]},
              "machine": machine_info(torch), "cases": [], "targets": {}}
    status("derivation + code generation ...")
    result["codegen"] = _codegen_times(cfg.cells)
    compiled_by_cell = {}
    for name in cfg.cells:
        compiled_by_cell[name] = {}
        for backend in ("numpy", "numba"):
            if backend not in cfg.methods:
                continue
            try:
                compiled_by_cell[name][backend] = compile_cell(name, backend)
            except ImportError as e:
                status(f"{backend}: {e}")
    t_start = time.perf_counter()
    for name in cfg.cells:
        for dtype in cfg.dtypes:
            for shape in cfg.shapes:
                result["cases"].append(_case(cfg, name, dtype, shape, torch, compiled_by_cell[name], status))
                if out is not None:         # a long run interrupted keeps what it measured
                    out.mkdir(parents=True, exist_ok=True)
                    (out / "bench.partial.json").write_text(json.dumps(result, indent=1, default=float))
    result["timing_wall_s"] = time.perf_counter() - t_start
    if cfg.exports:
        status("exported PyTorch and JAX modules ...")
        result["exports"] = export_run(cfg, status)
    # the BLAS libraries loaded by now (SciPy's, when Numba's np.dot was used) and their threads
    result["machine"]["openblas"] = _openblas_libraries()
    if cfg.compile_times and "numba" in cfg.methods and any("numba" in v for v in compiled_by_cell.values()):
        status("Numba first compile and cached load in new processes ...")
        result["numba_compile"] = [_compile_times(name) for name in cfg.cells]
        status("memory of the backward pass ...")
        result["memory"] = _memory(cfg.cells[0] if cfg.cells[0] in ("lstm", "gru_reset_after") else "lstm")
    result["machine"]["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    result["targets"] = _targets(result, cfg)
    result["targets"].update(export_targets(result.get("exports") or []))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "bench.json").write_text(json.dumps(result, indent=1, default=float) + "\n")
        (out / "bench.md").write_text(markdown(result))
        if result.get("exports"):
            (out / "bench-export.md").write_text(export_markdown(result))
        (out / "bench.partial.json").unlink(missing_ok=True)
        _chart(result, out / "bench.png")
        status(f"wrote {out / 'bench.json'}, {out / 'bench.md'} and {out / 'bench.png'}")
    return result


def _targets(result, cfg) -> dict:
    """Each target of the issue with the measured worst case and whether it is met."""
    t = {}
    cases = result["cases"]
    largest = sorted({tuple(c["shape"]) for c in cases}, key=lambda s: s[0] * s[1] * (s[2] + s[3]) * s[3])[-2:]

    def worst(key, keep=lambda c: True):
        vals = [(c["ratios"][key], c) for c in cases if key in c["ratios"] and keep(c)]
        if not vals:
            return None
        v, c = max(vals, key=lambda p: p[0])
        return {"worst": v, "at": f"{c['cell']} {c['dtype']} {tuple(c['shape'])}"}

    for key, name, keep in (("numba/torch", "numba_vs_torch", lambda c: True),
                            ("numba/floor", "numba_vs_floor_largest", lambda c: tuple(c["shape"]) in largest),
                            ("numpy/reference", "numpy_vs_reference", lambda c: True)):
        w = worst(key, keep)
        if w is not None:
            t[name] = {**w, "target": TARGETS[name], "met": w["worst"] <= TARGETS[name]}
    if "lstm" in result.get("codegen", {}):
        v = result["codegen"]["lstm"]["derive_generate_numba_s"]
        t["derive_generate_lstm_s"] = {"value": v, "target": TARGETS["derive_generate_lstm_s"],
                                       "met": v < TARGETS["derive_generate_lstm_s"]}
    runs = result.get("numba_compile")
    if runs:
        nc = max(runs, key=lambda r: r["first"]["load_s"])
        v = nc["first"]["load_s"]
        t["numba_first_compile_s"] = {"value": v, "at": nc["cell"], "target": TARGETS["numba_first_compile_s"],
                                      "met": v < TARGETS["numba_first_compile_s"]}
        nc = max(runs, key=lambda r: r["cached"]["load_s"])
        v = nc["cached"]["load_s"]
        t["numba_cached_load_s"] = {"value": v, "at": nc["cell"], "target": TARGETS["numba_cached_load_s"],
                                    "met": v < TARGETS["numba_cached_load_s"]
                                    and all(r["cached"]["cache"]["misses"] == 0 for r in runs)}
    mem = result.get("memory")
    if mem:
        t["backward_memory_O_TBH"] = {"per_step_in_BH_arrays": mem["per_step_in_BH_arrays"],
                                      "per_step_over_weights": mem["per_step_over_weights"],
                                      "met": mem["per_step_in_BH_arrays"] < 32}
    return t


# --------------------------------------------------------------------------- output
def table(result) -> str:
    """The results as fixed-width text: medians, then the ratios to PyTorch and to the floor."""
    cases = result["cases"]
    methods = [m for m in METHODS if any(m in c["median_ms"] for c in cases)]
    key = f"{'cell':<16} {'dtype':<8} {'T,B,I,H':<15}"

    def label(c):
        return f"{c['cell']:<16} {c['dtype']:<8} {','.join(map(str, c['shape'])):<15}"

    head = key + "".join(f"{m:>11}" for m in methods) + "  check"
    lines = ["median ms of forward + backward over the whole sequence", head, "-" * len(head)]
    for c in cases:
        row = label(c) + "".join(f"{c['median_ms'][m]:>11.4g}" if m in c["median_ms"] else f"{'-':>11}"
                                 for m in methods)
        lines.append(row + "  " + ("ok" if c["check"]["agree"] else "DISAGREE"))
    ratio_keys = [f"{m}/torch" for m in methods if m != "torch"] + \
                 [f"{m}/floor" for m in methods if m != "floor"] + ["numpy/reference"]
    ratio_keys = [k for k in ratio_keys if any(k in c["ratios"] for c in cases)]
    if ratio_keys:
        head = key + "".join(f"{k:>16}" for k in ratio_keys)
        lines += ["", "ratios of the medians", head, "-" * len(head)]
        for c in cases:
            lines.append(label(c) + "".join(f"{c['ratios'][k]:>15.2f}x" if k in c["ratios"] else f"{'-':>16}"
                                            for k in ratio_keys))
    cg = result.get("codegen", {})
    if cg:
        lines.append("")
        lines.append("derivation + code generation (s): " + ", ".join(
            f"{k} {v['derive_s']:.2f} + numba {v['generate_numba_s']:.2f} (numpy {v['generate_numpy_s']:.2f})"
            for k, v in cg.items()))
    for nc in result.get("numba_compile") or []:
        f, c = nc["first"], nc["cached"]
        lines.append(f"numba {nc['cell']} {nc['dtype']}: first compile {f['load_s']:.2f} s "
                     f"(compile() {f['compile_call_s']:.2f} + kernels {f['first_call_s']:.2f}); "
                     f"cached load in a new process {c['load_s']:.2f} s (compile() {c['compile_call_s']:.2f} + "
                     f"kernels {c['first_call_s']:.2f}; {c['cache']['kernels']} kernels, cache hits {c['cache']['hits']}, "
                     f"misses {c['cache']['misses']}); "
                     f"import {c['import_s']:.2f} s, whole process {c['process_wall_s']:.2f} s")
    mem = result.get("memory")
    if mem:
        lines.append(f"backward memory ({mem['cell']} {mem['dtype']} B={mem['B']} I={mem['I']} H={mem['H']}): "
                     f"{mem['bytes_per_step'] / 1e3:.1f} kB per step = {mem['per_step_in_BH_arrays']:.1f} arrays "
                     f"of (B, H); all weights are {mem['weights_bytes'] / 1e3:.0f} kB")
    m = result["machine"]
    lines.append("")
    lines.append(f"machine: {m['cpu']}, {m['cores']} cores; load average {m['load_average']} -> "
                 f"{m.get('load_average_end')}")
    for lib in m.get("openblas") or []:
        lines.append(f"  {lib.get('library')}: {lib.get('config')}; core {lib.get('core')}; "
                     f"threads {lib.get('threads')}")
    if m.get("threadpools"):
        for p in m["threadpools"]:
            lines.append(f"  threadpool {p['internal_api']} {p.get('version')} ({p.get('architecture')}): "
                         f"{p['num_threads']} threads")
    if m.get("torch_threads") is not None:
        lines.append(f"  torch {m['versions']['torch']}: {m['torch_threads']} threads, mkldnn {m['torch_mkldnn']}")
    if m.get("env"):
        lines.append(f"  environment: {m['env']}")
    lines.append("")
    if result.get("config", {}).get("quick"):
        lines.append("targets: not assessed (--quick times small shapes to check the methods agree; "
                     "run without --quick to measure speed)")
        return "\n".join(lines)
    lines.append("targets:")
    for k, v in result["targets"].items():
        val = v.get("worst", v.get("value", v.get("per_step_in_BH_arrays")))
        where = f" at {v['at']}" if "at" in v else ""
        lines.append(f"  {k:<26} {'met' if v['met'] else 'NOT met':<8} {val:.3g}{where}"
                     + (f" (target {v['target']})" if "target" in v else ""))
    return "\n".join(lines)


def markdown(result) -> str:
    """The results as Markdown: the table of medians and ratios, then costs and the machine."""
    methods = [m for m in METHODS if any(m in c["median_ms"] for c in result["cases"])]
    ratio_keys = ["numba/torch", "numba/floor", "numpy/reference"]
    lines = ["| cell | dtype | T, B, I, H | " + " | ".join(methods) + " | " + " | ".join(ratio_keys) + " |",
             "|---|---|---|" + "---:|" * (len(methods) + len(ratio_keys))]
    for c in result["cases"]:
        cells = [c["cell"], c["dtype"], ", ".join(map(str, c["shape"]))]
        cells += [f"{c['median_ms'][m]:.3g}" if m in c["median_ms"] else "–" for m in methods]
        cells += [f"{c['ratios'][k]:.2f}×" if k in c["ratios"] else "–" for k in ratio_keys]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Median milliseconds of one forward + backward pass over the whole sequence; "
                 "ratios of medians.")
    m = result["machine"]
    blas = "; ".join(f"{lib.get('config')} (core {lib.get('core')}, {lib.get('threads')} threads)"
                     for lib in m.get("openblas") or [] if "64" in lib.get("library", ""))
    lines.append(f"Machine: {m['cpu']}, {m['cores']} cores; NumPy BLAS: {blas or m.get('numpy_blas')}; "
                 f"PyTorch {m['versions'].get('torch')} with {m.get('torch_threads')} threads; "
                 f"environment {m.get('env') or '{}'}; load average {m['load_average'][0]:.2f} at the start, "
                 f"{(m.get('load_average_end') or [float('nan')])[0]:.2f} at the end.")
    return "\n".join(lines) + "\n"


def _chart(result, path: Path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    cases = result["cases"]
    panels = list(dict.fromkeys((c["cell"], c["dtype"]) for c in cases))     # in the order they ran
    methods = [m for m in METHODS if any(m in c["median_ms"] for c in cases)]
    colors = {"numba": "#1b9e77", "numpy": "#7570b3", "reference": "#999999", "torch": "#d95f02", "floor": "#333333"}
    ncol = 2
    nrow = (len(panels) + ncol - 1) // ncol
    fig, axes = plt.subplots(nrow, ncol, figsize=(12, 3.6 * nrow), squeeze=False)
    for ax, (cell, dtype) in zip(axes.flat, panels):
        sub = [c for c in cases if c["cell"] == cell and c["dtype"] == dtype]
        width = 0.8 / len(methods)
        for k, m in enumerate(methods):
            xs = [i + (k - (len(methods) - 1) / 2) * width for i in range(len(sub))]
            ys = [c["median_ms"].get(m, np.nan) for c in sub]
            ax.bar(xs, ys, width, label=m, color=colors.get(m))
        ax.set_xticks(range(len(sub)))
        ax.set_xticklabels([",".join(map(str, c["shape"])) for c in sub], fontsize=8)
        ax.set_yscale("log")
        ax.set_ylabel("ms (median, log scale)")
        ax.set_title(f"{cell}, {dtype}: forward + backward, T,B,I,H")
        ax.grid(axis="y", alpha=0.3, which="both")
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=len(methods), frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --------------------------------------------------------------------------- command line
def add_arguments(parser: argparse.ArgumentParser):
    parser.add_argument("--quick", action="store_true",
                        help=f"small shapes {QUICK_SHAPES}, 3 repeats: checks that the methods agree, measures no "
                             "speed (about 1 minute on a 2-core VM; more on a slow machine)")
    parser.add_argument("--out", metavar="DIR", default=".", help="folder for bench.json and bench.png (default: .)")
    parser.add_argument("--cells", default=",".join(CELLS), help=f"comma-separated cells (default: {','.join(CELLS)})")
    parser.add_argument("--dtypes", default=",".join(DTYPES), help="comma-separated dtypes (default: float64,float32)")
    parser.add_argument("--methods", default=",".join(METHODS), help=f"comma-separated subset of {','.join(METHODS)}")
    parser.add_argument("--repeats", type=int, default=None, help="timed runs per method (default: 9, quick: 3)")
    parser.add_argument("--pause", type=float, default=None, metavar="SECONDS",
                        help="sleep before each timed run so the previous method's BLAS/OpenMP threads stop "
                             "spinning (default: 0.25, quick: 0)")
    parser.add_argument("--no-exports", action="store_true",
                        help="skip timing the exported PyTorch and JAX modules")
    parser.add_argument("--export-torch-threads", type=int, default=0, metavar="N",
                        help="torch threads for the export timings (default: one per core; 1 is steadier "
                             "on a machine other processes load)")
    parser.add_argument("--no-compile-times", action="store_true",
                        help="skip timing Numba's first compile and cached load in new processes")


def config_from_args(args) -> BenchConfig:
    from .cells.registry import available_cells
    cells = tuple(c for c in args.cells.split(",") if c)
    unknown = [c for c in cells if c not in available_cells()]
    if unknown or not cells:
        raise ValueError(f"unknown cells {unknown}; available: {', '.join(available_cells())}")
    dtypes = tuple(d for d in args.dtypes.split(",") if d)
    bad = [d for d in dtypes if d not in DTYPES]
    if bad or not dtypes:
        raise ValueError(f"dtypes must be among {', '.join(DTYPES)}, got {bad or args.dtypes!r}")
    methods = tuple(m for m in args.methods.split(",") if m)
    bad = [m for m in methods if m not in METHODS]
    if bad or not methods:
        raise ValueError(f"methods must be among {', '.join(METHODS)}, got {bad or args.methods!r}")
    if args.repeats is not None and args.repeats < 1:
        raise ValueError(f"--repeats must be at least 1, got {args.repeats}")
    kw = dict(cells=cells, dtypes=dtypes, methods=methods, compile_times=not args.no_compile_times,
              exports=not args.no_exports, export_torch_threads=max(0, args.export_torch_threads))
    cfg = BenchConfig.quick_config(**kw) if args.quick else BenchConfig(**kw)
    if args.pause is not None and args.pause < 0:
        raise ValueError(f"--pause must be at least 0, got {args.pause}")
    for key in ("repeats", "pause"):
        if getattr(args, key) is not None:
            cfg = BenchConfig(**{**asdict(cfg), key: getattr(args, key)})
    return cfg


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m symlstm.bench", description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        cfg = config_from_args(args)
    except ValueError as e:
        parser.error(str(e))
    return report(run(cfg, Path(args.out)))


def report(result) -> int:
    """Print the table; exit code 1 when methods disagree numerically."""
    print(table(result))
    if result.get("exports"):
        print("\n".join(export_lines(result)))
    bad = [c for c in result["cases"] + (result.get("exports") or []) if not c["check"]["agree"]]
    for c in bad:
        print(f"error: methods disagree on {c['cell']} {c['dtype']} {tuple(c['shape'])}: "
              f"{c['check']['methods']}", file=sys.stderr)
    return 1 if bad else 0


# --------------------------------------------------------------------------- exported PyTorch and JAX modules
#: Cells of the export benchmark besides ``--cells`` (the targets name peephole_lstm), and its methods:
#: ``export`` the exported torch Layer (derived backward), ``autograd`` its forward in the same torch
#: ops differentiated by autograd, ``nn`` torch.nn.LSTM/GRU, ``torch_floor`` only the matrix products in
#: torch; ``jax_export`` jit(grad) of the exported JAX forward (custom_vjp), ``jax_grad`` jit(grad) of
#: the same lax.scan differentiated by JAX.
EXPORT_EXTRA_CELLS = ("peephole_lstm",)
EXPORT_METHODS = ("export", "autograd", "nn", "torch_floor", "jax_export", "jax_grad")
EXPORT_TARGETS = {"export_vs_autograd": 0.8,          # peephole_lstm and lstm, every shape
                  "export_vs_nn_lstm_float32": 1.2,
                  "jax_export_vs_jax_grad": 1.0}


def _load_export(name, to, folder):
    """Import the exported module of a catalogue cell from a file (as a user would)."""
    import importlib.util
    from .codegen.export import export
    path = Path(folder) / f"{name}_{to}.py"
    path.write_text(export(name, to=to))
    spec = importlib.util.spec_from_file_location(f"symlstm_bench_{name}_{to}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _export_torch_methods(torch, m, x, params, dh):
    """Closures timing the exported Layer and autograd through its forward; closures giving their outputs."""
    T, B, I = x.shape
    H = dh.shape[2]
    tdtype = torch.float64 if x.dtype == np.float64 else torch.float32
    layer = m.Layer(I, H, dtype=tdtype)
    with torch.no_grad():
        for k, v in params.items():
            getattr(layer, f"{k}_l0").copy_(torch.from_numpy(np.ascontiguousarray(v)))
    xt = torch.from_numpy(x.copy()).requires_grad_(True)
    dht = torch.from_numpy(dh.copy())
    s0 = {s: torch.zeros(B, H, dtype=tdtype, requires_grad=True) for s in m.STATES}
    hx = tuple(torch.zeros(1, B, H, dtype=tdtype, requires_grad=True) for _ in m.STATES)
    P = {k: torch.from_numpy(v.copy()).requires_grad_(True) for k, v in params.items()}

    def export():
        for p in (xt, *hx, *layer.parameters()):
            p.grad = None
        out, _ = layer(xt, hx[0] if len(hx) == 1 else hx)
        out.backward(dht)
        return out

    def autograd():
        for p in (xt, *s0.values(), *P.values()):
            p.grad = None
        hs, _ = m.forward_autograd(xt, P, s0)
        hs.backward(dht)
        return hs

    def export_out():
        out = export()
        g = {k: getattr(layer, f"{k}_l0").grad.numpy() for k in params}
        g.update({"x": xt.grad.numpy(), **{f"{s}0": h.grad.numpy()[0] for s, h in zip(m.STATES, hx)}})
        return out.detach().numpy(), g

    def autograd_out():
        hs = autograd()
        g = {k: P[k].grad.numpy() for k in params}
        g.update({"x": xt.grad.numpy(), **{f"{s}0": v.grad.numpy() for s, v in s0.items()}})
        return hs.detach().numpy(), g

    return {"export": export, "autograd": autograd}, {"export": export_out, "autograd": autograd_out}


def _torch_floor(torch, plan, x, dh):
    """The matrix products of one forward + backward pass in torch, grouped as the export groups them."""
    T, B, I = x.shape
    H = dh.shape[2]
    tdtype = torch.float64 if x.dtype == np.float64 else torch.float32
    gen = torch.Generator().manual_seed(1)
    recurrent = [g for g in plan.groups if not g.hoisted]
    hoisted = [g for g in plan.groups if g.hoisted]
    mats = {g.name: 0.1 * torch.randn(len(g.matrices) * H, I if g.hoisted else H, dtype=tdtype, generator=gen)
            for g in plan.groups}
    deltas = {g.name: torch.randn(T, B, len(g.matrices) * H, dtype=tdtype, generator=gen) for g in plan.groups}
    hs = torch.randn(T, B, H, dtype=tdtype, generator=gen)
    x2, h2 = torch.from_numpy(x.reshape(T * B, I).copy()), hs.reshape(T * B, H)
    hs_s = hs.unbind(0)
    d_s = {k: v.unbind(0) for k, v in deltas.items()}
    mats_t = {k: v.t() for k, v in mats.items()}

    def run():
        if hoisted:
            torch.mm(x2, mats_t["x"])
        for t in range(T):
            for g in recurrent:
                torch.mm(hs_s[t], mats_t[g.name])
        for t in range(T - 1, -1, -1):
            for g in recurrent:
                torch.mm(d_s[g.name][t], mats[g.name])
        for g in recurrent:
            torch.mm(deltas[g.name].reshape(T * B, -1).t(), h2)
        if hoisted:
            d = deltas["x"].reshape(T * B, -1)
            torch.mm(d.t(), x2)
            torch.mm(d, mats["x"])

    return run


def _export_jax_methods(jax, m, x, params, dh):
    """jit(grad) of the exported forward (custom_vjp) and of the same scan through JAX's autodiff."""
    import jax.numpy as jnp
    T, B, I = x.shape
    H = dh.shape[2]
    xj, dhj = jnp.asarray(x), jnp.asarray(dh)
    p = {k: jnp.asarray(v) for k, v in params.items()}
    s0 = {s: jnp.zeros((B, H), xj.dtype) for s in m.STATES}
    fns, outs = {}, {}
    for label, fwd in (("jax_export", m.forward), ("jax_grad", m.forward_autodiff)):
        grad = jax.jit(jax.grad(lambda p, x, s0, fwd=fwd: jnp.sum(fwd(p, x, s0)[0] * dhj), argnums=(0, 1, 2)))
        hs = jax.jit(lambda p, x, s0, fwd=fwd: fwd(p, x, s0)[0])
        fns[label] = lambda grad=grad: jax.block_until_ready(grad(p, xj, s0))

        def out(grad=grad, hs=hs):
            gp, gx, gs = grad(p, xj, s0)
            g = {k: np.asarray(v) for k, v in gp.items()}
            g.update({"x": np.asarray(gx), **{f"{s}0": np.asarray(v) for s, v in gs.items()}})
            return np.asarray(hs(p, xj, s0)), g
        outs[label] = out
    return fns, outs


def export_case(cfg, name, dtype, shape, torch, jax, modules, status):
    """Time the exported modules of one (cell, dtype, shape) against autograd, nn and JAX's autodiff."""
    c = modules["cell"]
    T, B, I, H = shape
    x, params, dh = _inputs(c, T, B, I, H, np.dtype(dtype))
    fns, outputs = {}, {}
    if torch is not None:
        f, o = _export_torch_methods(torch, modules["torch"], x, params, dh)
        fns.update(f)
        outputs.update(o)
        run, out = _torch_method(torch, name, x, params, dh)
        if run is not None:
            fns["nn"], outputs["nn"] = run, out
        fns["torch_floor"] = _torch_floor(torch, modules["plan"], x, dh)
    if jax is not None:
        f, o = _export_jax_methods(jax, modules["jax"], x, params, dh)
        fns.update(f)
        outputs.update(o)
    check = {}
    base = next(iter(outputs), None)
    if base is not None:
        hs0, g0 = outputs[base]()
        for meth, fn in outputs.items():
            if meth == base:
                continue
            hs, g = fn()
            errs = {"h": _max_rel(hs, hs0), **{k: _max_rel(g[k], g0[k]) for k in g0 if k in g}}
            check[meth] = {"against": base, "max_rel_error": max(errs.values()), "worst": max(errs, key=errs.get),
                           "missing": sorted(set(g0) - set(g))}
    tol = 1e-8 if dtype == "float64" else 2e-3
    agree = all(v["max_rel_error"] <= tol and not v["missing"] for v in check.values())
    status(f"  export {name} {dtype} T,B,I,H={T},{B},{I},{H}: timing {', '.join(fns)}")
    # torch and JAX apart: XLA's worker threads spin after a call and stall torch's OpenMP threads
    times = {}
    for group in (("export", "autograd", "nn", "torch_floor"), ("jax_export", "jax_grad")):
        part = {k: fns[k] for k in group if k in fns}
        if part:
            times.update(_time_case(part, cfg.repeats, cfg.warmup, cfg.pause))
    med = {k: statistics.median(v) for k, v in times.items()}
    ratios = {}
    for a, b in (("export", "autograd"), ("export", "nn"), ("autograd", "nn"), ("export", "torch_floor"),
                 ("autograd", "torch_floor"), ("jax_export", "jax_grad")):
        if a in med and b in med:
            ratios[f"{a}/{b}"] = med[a] / med[b]
    return {"cell": name, "dtype": dtype, "shape": list(shape),
            "torch_threads": torch.get_num_threads() if torch is not None else None,
            "median_ms": {k: v * 1e3 for k, v in med.items()},
            "min_ms": {k: min(v) * 1e3 for k, v in times.items()},
            "ratios": ratios, "check": {"tolerance": tol, "agree": agree, "methods": check}}


def export_run(cfg, status) -> list:
    """The export benchmark: every cell of ``cfg`` and peephole_lstm, dtype and shape (quick: lstm at
    the first shape); [] when neither PyTorch nor JAX is installed."""
    from .cells.registry import cell as lookup
    from .codegen.plan import make_plan
    from .derive import derive
    torch = jax = None
    try:
        import torch
        torch.set_num_threads(cfg.export_torch_threads or _cores())
    except ImportError:
        status("PyTorch is not installed: the torch export columns are left out")
    try:
        import jax
        jax.config.update("jax_enable_x64", True)
    except ImportError:
        status("JAX is not installed: the JAX export columns are left out")
    if torch is None and jax is None:
        return []
    cells = ("lstm",) if cfg.quick else tuple(dict.fromkeys(cfg.cells + EXPORT_EXTRA_CELLS))
    shapes = cfg.shapes[:1] if cfg.quick else cfg.shapes
    cases = []
    with tempfile.TemporaryDirectory(prefix="symlstm-bench-export-") as folder:
        for name in cells:
            modules = {"cell": lookup(name), "plan": make_plan(derive(lookup(name))),
                       "torch": _load_export(name, "torch", folder) if torch is not None else None,
                       "jax": _load_export(name, "jax", folder) if jax is not None else None}
            for dtype in cfg.dtypes:
                for shape in shapes:
                    cases.append(export_case(cfg, name, dtype, shape, torch, jax, modules, status))
    return cases


def export_targets(cases) -> dict:
    """The targets of the export benchmark with the worst measured ratio."""
    t = {}

    def worst(key, keep):
        vals = [(c["ratios"][key], c) for c in cases if key in c["ratios"] and keep(c)]
        if not vals:
            return None
        v, c = max(vals, key=lambda p: p[0])
        return {"worst": v, "at": f"{c['cell']} {c['dtype']} {tuple(c['shape'])}"}

    for name, key, keep in (
            ("export_vs_autograd", "export/autograd", lambda c: c["cell"] in ("lstm", "peephole_lstm")),
            ("export_vs_nn_lstm_float32", "export/nn", lambda c: c["cell"] == "lstm" and c["dtype"] == "float32"),
            ("jax_export_vs_jax_grad", "jax_export/jax_grad", lambda c: True)):
        w = worst(key, keep)
        if w is not None:
            t[name] = {**w, "target": EXPORT_TARGETS[name], "met": w["worst"] <= EXPORT_TARGETS[name]}
    return t


def export_lines(result) -> list:
    """The export benchmark as fixed-width text lines (none when it did not run)."""
    cases = result.get("exports") or []
    if not cases:
        return []
    methods = [m for m in EXPORT_METHODS if any(m in c["median_ms"] for c in cases)]
    ratio_keys = [k for k in ("export/autograd", "export/nn", "export/torch_floor", "autograd/torch_floor",
                              "jax_export/jax_grad") if any(k in c["ratios"] for c in cases)]
    head = f"{'cell':<16} {'dtype':<8} {'T,B,I,H':<15}" + "".join(f"{m:>12}" for m in methods) + \
        "".join(f"{k:>22}" for k in ratio_keys) + "  check"
    lines = ["", "exported modules: median ms of forward + backward, and ratios", head, "-" * len(head)]
    for c in cases:
        row = f"{c['cell']:<16} {c['dtype']:<8} {','.join(map(str, c['shape'])):<15}"
        row += "".join(f"{c['median_ms'][m]:>12.4g}" if m in c["median_ms"] else f"{'-':>12}" for m in methods)
        row += "".join(f"{c['ratios'][k]:>21.2f}x" if k in c["ratios"] else f"{'-':>22}" for k in ratio_keys)
        lines.append(row + "  " + ("ok" if c["check"]["agree"] else "DISAGREE"))
    return lines


def export_markdown(result) -> str:
    """The export benchmark as a Markdown table ('' when it did not run)."""
    cases = result.get("exports") or []
    if not cases:
        return ""
    methods = [m for m in EXPORT_METHODS if any(m in c["median_ms"] for c in cases)]
    ratio_keys = [k for k in ("export/autograd", "export/nn", "export/torch_floor", "jax_export/jax_grad")
                  if any(k in c["ratios"] for c in cases)]
    lines = ["", "| cell | dtype | T, B, I, H | " + " | ".join(methods) + " | " + " | ".join(ratio_keys) + " |",
             "|---|---|---|" + "---:|" * (len(methods) + len(ratio_keys))]
    for c in cases:
        cells = [c["cell"], c["dtype"], ", ".join(map(str, c["shape"]))]
        cells += [f"{c['median_ms'][m]:.3g}" if m in c["median_ms"] else "–" for m in methods]
        cells += [f"{c['ratios'][k]:.2f}×" if k in c["ratios"] else "–" for k in ratio_keys]
        lines.append("| " + " | ".join(cells) + " |")
    threads = sorted({c.get("torch_threads") for c in cases} - {None})
    lines += ["", "Exported modules: median milliseconds of one forward + backward pass (all gradients) over "
              f"the whole sequence; ratios of medians; torch with {', '.join(map(str, threads)) or '–'} thread(s)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
