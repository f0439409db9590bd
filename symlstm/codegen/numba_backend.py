"""Print a StepPlan as a standalone Numba module: one compiled loop per pass, BLAS products, fused steps.

Layout of the generated code (per pass, one ``@njit(cache=True)`` function):

- the products of each linear group go to BLAS (``np.dot`` with ``out=``): the input projection
  of all steps at once before the loop, the recurrent products once per step, the weight
  gradients of all steps at once after the loop; the stacked weights are packed once per call;
- between two products, all element-wise work of the step is one loop over batch and hidden
  units (a *phase*), reading and writing array elements directly, with σ/tanh/exp from
  :mod:`.numba_math` so that LLVM vectorises it;
- the forward pass stores only what the backward pass reads (the plan's ``saved``); states
  live in (T+1, B, H) arrays whose slot 0 is the initial state.
"""
from __future__ import annotations

import sympy

from ..derive import Derivation
from . import __version__
from .numba_kernels import (
    NumbaScalarPrinter,
    _buffers,
    _crossing,
    _emit_loop,
    _forward_phases,
    _Kernel,
    _Layout,
    _names,
    _Phase,
    _slice,
    _slot_sums,
    _state_of,
)
from .numba_math import MATH_SOURCE
from .plan import Group, StepPlan, make_plan
from .runtime import BACKWARD_DOC, FORWARD_DOC, PREPARE_SOURCE
from .source import Writer

__all__ = ["generate_numba", "NumbaScalarPrinter"]

_KERNEL_OPTIONS = 'cache=True, error_model="numpy", fastmath={"contract"}'


# --------------------------------------------------------------------------- backward
def _backward_phases(plan: StepPlan, buffers):
    """Split the backward step at the back-products; place each store as early as it can go."""
    phases = [_Phase()]
    gemm_phase = {}
    for name, e in plan.backward:
        if isinstance(e, Group):
            gemm_phase[e.name] = len(phases) - 1
            phases[-1].after.append(e)
            phases.append(_Phase())
        else:
            phases[-1].body.append((name, e))
    defined = {}
    for k, ph in enumerate(phases):
        for name, _ in ph.body:
            defined[name] = k
    for g, k in gemm_phase.items():
        defined[f"_back{g}"] = k + 1

    def earliest(e, at_least=0):
        return max([at_least] + [defined.get(n, 0) for n in _names(e)])

    # δ of the pre-activations into the stacked buffers, once per buffer
    written = set()
    for g in plan.groups:
        buf = buffers[g.name]
        if buf in written:
            continue
        written.add(buf)
        for k, a in enumerate(g.adjoints):
            # each slot through its own row view: stores at offsets k*H of one array would keep
            # LLVM from vectorising the loop (it cannot prove they do not overlap)
            ph = phases[earliest(a)]
            ph.views[f"{buf}_{k}"] = f"{buf}[_t, _b, {_slice(k)}]"
            ph.stores.append((f"{buf}_{k}[_j]", a))
    # the carries to step t-1, after every read of the old carry
    reads = {}
    for k, ph in enumerate(phases):
        for _, e in ph.body:
            for n in _names(e):
                if n.startswith("_carry_"):
                    reads[n] = max(reads.get(n, 0), k)
    swaps = []
    for s, e in plan.carries.items():
        carry = f"_carry_{s}"
        if isinstance(e, sympy.Symbol) and e.name.startswith("_back"):
            swaps.append((carry, e.name))
        else:
            phases[earliest(e, reads.get(carry, 0))].stores.append((f"{carry}[_b, _j]", e))
    summed = _slot_sums(plan, buffers)
    for p, e in plan.param_terms.items():
        if p not in summed:
            phases[earliest(e)].accums.append((f"_g_{p}[_j]", e))
    if plan.x_terms:
        e = sympy.Add(*plan.x_terms)
        phases[earliest(e)].stores.append(("_dxe[_t, _b, _j]", e))
    # a phase left without work (everything went elsewhere) is dropped, its products kept
    kept = []
    for ph in phases:
        if ph.body or ph.stores or ph.accums or not kept:
            kept.append(ph)
        else:
            kept[-1].after += ph.after
    return kept, swaps


# --------------------------------------------------------------------------- module
def generate_numba(d: Derivation) -> str:
    """The source of a standalone Numba module computing the cell forward and backward.

    The module imports numpy, numba and math only. Its wrappers ``forward``/``backward``
    validate the input, pack the stacked weights, allocate every array with NumPy and do the
    products of all steps at once (BLAS, through NumPy). Each step runs compiled *phases*
    (the fused element-wise loops between two products); the products of a step go to NumPy's
    BLAS when they are large and to a small compiled loop otherwise, in which case the whole
    time loop is one compiled call. Kernels compile on first call and are cached on disk next
    to the module (``cache=True``), one entry per dtype.
    """
    plan = make_plan(d)
    cell = d.cell
    constants: dict = {}
    buffers = _buffers(plan)
    start, fwd_phases, vectors = _forward_phases(plan)
    bwd_phases, swaps = _backward_phases(plan, buffers)
    kf = _Kernel(plan, constants, backward=False)
    kb = _Kernel(plan, constants, backward=True)
    _, fwd_cross = _crossing(fwd_phases)
    _, bwd_cross = _crossing(bwd_phases)
    lay = _Layout(plan, start, fwd_phases, bwd_phases, vectors, kf.saved,
                  sorted(n for n in fwd_cross if n not in plan.states and n not in kf.saved),
                  sorted(bwd_cross), buffers, swaps, [p.name for p in plan.params if p.kind == "vector"],
                  _slot_sums(plan, buffers))
    # phase bodies first: printing them collects the numbers the kernels use
    fwd_bodies, bwd_bodies = [], []
    for ph in fwd_phases:
        body = Writer()
        _emit_loop(body, kf, ph, fwd_cross, 1)
        fwd_bodies.append(body.lines)
    for ph in bwd_phases:
        body = Writer()
        _emit_loop(body, kb, ph, bwd_cross, 1)
        bwd_bodies.append(body.lines)

    from ..latex.printing import text_lines
    w = Writer()
    w('"""' + f"{cell.name}: forward and backward pass generated by symlstm {__version__} (Numba); do not edit.")
    w()
    w("Forward, step t (σ logistic, ⊙ element-wise):")
    for line in text_lines(cell.equations).splitlines():
        w(line, 1)
    w()
    w("Backward (backpropagation through time; Δ_t = dh[t], δ at T+1 is zero):")
    for line in d.text().splitlines():
        w(line, 1)
    w()
    w("Arrays are time-major: x (T, B, I), hs and dh (T, B, H), states (B, H); float32 or float64.")
    w("The kernels compile on first use per dtype and are cached on disk (numba cache=True).")
    w('"""')
    w("import math")
    w()
    w("import numpy as np")
    w("from numba import njit, types")
    w("from numba.extending import overload")
    w()
    w(f"CELL = {cell.name!r}")
    w(f"STATES = {tuple(cell.states)!r}")
    shapes = {p.name: {"input": ("H", "I"), "recurrent": ("H", "H"), "vector": ("H",)}[p.kind]
              for p in cell.params}
    w(f"PARAM_SHAPES = {shapes!r}")
    w(f"_CONSTANTS = ({''.join(f'{float(k)!r}, ' for k in constants)})"
      f"  # {', '.join(constants.values()) or 'none'}")
    w(f"_ELEMENTWISE_X = {bool(plan.x_terms)!r}  # x_t appears outside a matrix product")
    w("# A step's products are compiled loops, not BLAS calls, below this many multiply-adds per step, or")
    w("# for batches of at most 4 when the stacked recurrent weights have at most this many elements:")
    w("# measured on a 2-core AVX-512 machine, BLAS gains little on such skinny products.")
    w("_SMALL_STEP, _SMALL_BATCH, _SMALL_WEIGHTS = 1 << 15, 4, 1 << 20")
    w()
    w(PREPARE_SOURCE.rstrip("\n"))
    w()
    w(MATH_SOURCE.rstrip("\n"))
    w()
    w(SMALL_MATMUL_SOURCE.rstrip("\n"))
    w()
    _emit_api(w, lay)
    _emit_drivers(w, lay)
    fa, ba = lay.fwd_args(), lay.bwd_args()
    for k, lines in enumerate(fwd_bodies):
        _phase_kernel(w, f"_forward_phase{k}", ["_t", "_ts", "_tp", "_tn", *fa],
                      f"Forward step _t, phase {k}: {_phase_doc(fwd_phases[k])}", constants, lines)
    for k, lines in enumerate(bwd_bodies):
        _phase_kernel(w, f"_backward_phase{k}", ["_t", *ba],
                      f"Backward step _t, phase {k}: {_phase_doc(bwd_phases[k])}", constants, lines)
    return w.text()


SMALL_MATMUL_SOURCE = """
@njit(cache=True, **_FAST)
def _transpose(a, out):
    \"\"\"out = a.T for C-contiguous 2-D arrays, in 16 x 16 tiles (faster than NumPy's copy of a.T).\"\"\"
    n, m = a.shape
    for i0 in range(0, n, 16):
        for j0 in range(0, m, 16):
            for i in range(i0, min(i0 + 16, n)):
                for j in range(j0, min(j0 + 16, m)):
                    out[j, i] = a[i, j]


def _stack_transposed(mats):
    \"\"\"The matrices stacked row-wise, transposed, in C order: (K, sum of rows).\"\"\"
    stacked = np.concatenate(mats)
    out = np.empty(stacked.shape[::-1], stacked.dtype)
    _transpose(stacked, out)
    return out


@njit(cache=True, **_FAST)
def _matmul_small(a, w, out):
    \"\"\"out = a @ w for small C-contiguous matrices, without BLAS: rows of w are added (vectorised).\"\"\"
    for b in range(a.shape[0]):
        for j in range(out.shape[1]):
            out[b, j] = 0
        for k in range(a.shape[1]):
            s = a[b, k]
            for j in range(out.shape[1]):
                out[b, j] += s * w[k, j]
"""


def _phase_doc(ph: _Phase) -> str:
    names = [n for n, _ in ph.body]
    text = ", ".join(names) if names else "stores"
    if ph.after:
        text += "; then the products of " + ", ".join(", ".join(g.matrices) for g in ph.after)
    return text


def _phase_kernel(w, name, args, doc, constants, lines):
    w()
    w()
    w(f"@njit({_KERNEL_OPTIONS})")
    _signature(w, f"def {name}(", args)
    w(f'"""{doc}"""', 1)
    w("_B, _H = _S_h.shape[1], _S_h.shape[2]", 1)
    if constants:
        names = ", ".join(constants.values())
        w(f"{names} = {', '.join(f'_K[{k}]' for k in range(len(constants)))}  # numbers in the kernel's dtype", 1)
    w.lines += lines


def _signature(w, head, args, width=100, indent=0):
    lines, line = [], head
    for k, a in enumerate(args):
        piece = a + (", " if k < len(args) - 1 else "):")
        if len(line) + len(piece.rstrip()) + 4 * indent > width and line != head:
            lines.append(line.rstrip())
            line = " " * len(head) + piece
        else:
            line += piece
    lines.append(line)
    for text in lines:
        w(text, indent)


def _call(w, target, fn, args, indent=1, width=100):
    """``target = fn(args...)`` (or a bare call without target), wrapped when long."""
    head = f"{target} = {fn}(" if target else f"{fn}("
    lines, line = [], head
    for k, a in enumerate(args):
        piece = a + (", " if k < len(args) - 1 else ")")
        if len(line) + len(piece.rstrip()) + 4 * indent > width and line != head:
            lines.append(line.rstrip())
            line = " " * len(head) + piece
        else:
            line += piece
    lines.append(line)
    for text in lines:
        w(text, indent)


def _stack(names, transpose):
    """The matrices stacked row-wise (C order); ``transpose``: the transpose of that, in C order."""
    items = ", ".join(f"P[{n!r}]" for n in names) + ("," if len(names) == 1 else "")
    return f"_stack_transposed(({items}))" if transpose else f"np.concatenate(({items}))"


def _rows(g: Group) -> str:
    n = len(g.matrices)
    return "H" if n == 1 else f"{n}H"


def _local(a: str) -> str:
    """Name of a kernel argument in the Python wrappers (no leading underscore)."""
    return a[1:] if a.startswith("_") else a


def _emit_steps(w, lay: _Layout, backward: bool, compiled: bool, indent: int):
    """The time loop of one pass: products and phases, in Python (BLAS) or in a compiled loop."""
    pre = "_" if compiled else ""
    t = f"{pre}t"
    if backward:
        args = [pre + _local(a) if a not in lay.vector_params else (a if compiled else f"P[{a!r}]")
                for a in lay.bwd_args()]
        w(f"for {t} in range({pre}T - 1, -1, -1):", indent)
        for k, ph in enumerate(lay.bwd_phases):
            _call(w, None, f"_backward_phase{k}", [t, *args], indent + 1)
            for g in ph.after:
                buf = lay.buffers[g.name]
                src = f"{pre}{_local(buf)}[{t}]"
                if compiled:
                    w(f"_matmul_small({src}, _M{g.name}, _back{g.name})", indent + 1)
                else:
                    w(f"np.matmul({src}, M{g.name}T.T, out=back{g.name})", indent + 1)
        for a, b in lay.swaps:
            a, b = pre + _local(a), pre + _local(b)
            w(f"{a}, {b} = {b}, {a}  # the product is the carry to step t-1", indent + 1)
        return
    args = [pre + _local(a) if a not in lay.vector_params else (a if compiled else f"P[{a!r}]")
            for a in lay.fwd_args()]
    w(f"for {t} in range({pre}T):", indent)
    w(f"{pre}ts = {t} if {pre}save else 0  # slot of this step's stored values", indent + 1)
    w(f"{pre}tp = {t} if {pre}save else {t} & 1  # slots of the states (two when not saving)", indent + 1)
    w(f"{pre}tn = {t} + 1 if {pre}save else ({t} + 1) & 1", indent + 1)

    def product(g, vector):
        if compiled:
            w(f"_matmul_small({vector}, _M{g.name}T, _lin{g.name})", indent + 1)
        else:
            w(f"np.matmul({vector}, M{g.name}.T, out=lin{g.name})", indent + 1)

    for g in lay.start:
        s = _state_of(lay.plan, g.vector)
        slot = t if s == lay.plan.states[0] else f"{pre}tp"
        product(g, f"{pre}S_{s}[{slot}]")
    for k, ph in enumerate(lay.fwd_phases):
        _call(w, None, f"_forward_phase{k}", [t, f"{pre}ts", f"{pre}tp", f"{pre}tn", *args], indent + 1)
        for g in ph.after:
            product(g, f"{pre}V{g.name}[{pre}ts]")


def _emit_drivers(w, lay: _Layout):
    """Compiled time loops for small problems (their products are _matmul_small)."""
    fa = [a for a in lay.fwd_args()]
    w()
    w()
    w(f"@njit({_KERNEL_OPTIONS})")
    _signature(w, "def _forward_loop(", [*fa[:-1], *[f"_M{g.name}T" for g in lay.recurrent], "_save", "_K"])
    w('"""The forward time loop in one compiled call (small problems)."""', 1)
    w("_T = _S_h.shape[0] - 1", 1)
    _emit_steps(w, lay, backward=False, compiled=True, indent=1)
    ba = lay.bwd_args()
    w()
    w()
    w(f"@njit({_KERNEL_OPTIONS})")
    _signature(w, "def _backward_loop(", [*ba[:-1], *[f"_M{g.name}" for g in lay.recurrent], "_K"])
    w('"""The backward time loop in one compiled call (small problems); returns the carries."""', 1)
    w("_T = _S_h.shape[0] - 1", 1)
    _emit_steps(w, lay, backward=True, compiled=True, indent=1)
    carries = [f"_carry_{s}" for s in lay.plan.states]
    w(f"return {', '.join(carries)}{',' if len(carries) == 1 else ''}", 1)


def _carve_call(w, arrays, indent=1):
    """``a, b, ... = _carve(dt, shape_a, shape_b, ...)`` with one commented line per array (none: nothing)."""
    if not arrays:
        return
    names = ", ".join(n for n, _, _ in arrays)
    w(f"{'(' + names + ',)' if len(arrays) == 1 else names} = _carve(", indent)
    w("dt,", indent + 1)
    for name, shape, comment in arrays:
        w(f"{shape},{'  # ' + name + ': ' + comment if comment else '  # ' + name}", indent + 1)
    w(")", indent)


def _emit_api(w, lay: _Layout):
    plan = lay.plan
    h = plan.states[0]
    width = sum(len(g.matrices) for g in lay.recurrent)
    w()
    w("def _inputs(x, params, state0, dh=False):")
    w('"""Validated, contiguous inputs of one dtype (float32 or float64), and the kernels\' numbers."""', 1)
    w("x, P, s0, dh = _prepare(x, params, state0, dh)", 1)
    w("if x.dtype not in (np.float32, np.float64):", 1)
    w("raise ValueError(f\"the numba backend computes in float32 or float64, got x of dtype {x.dtype}; \"", 2)
    w("                 \"convert it, e.g. x.astype(np.float32)\")", 2)
    w(f"if _ELEMENTWISE_X and x.shape[2] != s0[{h!r}].shape[1]:", 1)
    w("raise ValueError(f\"cell {CELL!r} uses x element-wise: it needs I == H, got I={x.shape[2]}, \"", 2)
    w(f"                 f\"H={{s0[{h!r}].shape[1]}}\")", 2)
    w("return x, P, s0, dh, np.array(_CONSTANTS, x.dtype)", 1)
    w()
    w()
    w("def _carve(dt, *shapes):")
    w('"""C-contiguous arrays of these shapes cut from one allocation, each 64-byte aligned.', 1)
    w("", 0)
    w("One block of several MB gets transparent huge pages from NumPy, which spares the page faults", 1)
    w("that first writes to many separately allocated arrays cost.", 1)
    w('"""', 1)
    w("step = 64 // np.dtype(dt).itemsize", 1)
    w("sizes = [-(-int(np.prod(s)) // step) * step for s in shapes]", 1)
    w("block = np.empty(sum(sizes) + step, dt)", 1)
    w("at = (-block.ctypes.data % 64) // block.itemsize", 1)
    w("out = []", 1)
    w("for shape, n in zip(shapes, sizes):", 1)
    w("out.append(block[at:at + int(np.prod(shape))].reshape(shape))", 2)
    w("at += n", 2)
    w("return out", 1)
    w()
    w()
    w("def _small(B, H):")
    w('"""Whether the products of one step are small enough for compiled loops (no BLAS call)."""', 1)
    w(f"weights = {width} * H * H  # elements of the stacked recurrent weights", 1)
    w("return B * weights <= _SMALL_STEP or (B <= _SMALL_BATCH and weights <= _SMALL_WEIGHTS)", 1)
    w()
    w()
    w("def _run_forward(x, P, s0, K, save):")
    w('"""Pack the weights, project the inputs of all steps, allocate and run the forward loop."""', 1)
    w("T, B, I = x.shape", 1)
    w(f"H = s0[{h!r}].shape[1]", 1)
    w("dt = x.dtype", 1)
    w("rows = T if save else 1  # steps whose values are kept", 1)
    arrays = []      # (name, shape text, comment)
    if lay.hoisted:
        g = lay.hoisted
        arrays.append(("linx", f"(T, B, {_rows(g).replace('H', ' * H') if len(g.matrices) > 1 else 'H'})",
                       f"{' | '.join(g.matrices)} times x_t, all steps"))
    for s in plan.states[1:]:
        arrays.append((f"S_{s}", "(T + 1 if save else 2, B, H)", f"{s} of steps 0..T (slot 0: initial)"))
    for q in lay.saved:
        arrays.append((f"Q_{q}", "(rows, B, H)", ""))
    for g in lay.vectors:
        arrays.append((f"V{g.name}", "(rows, B, H)", str(g.vector)))
    for g in lay.recurrent:
        arrays.append((f"lin{g.name}", f"(B, {_rows(g).replace('H', ' * H') if len(g.matrices) > 1 else 'H'})", ""))
    for n in lay.fwd_scratch:
        arrays.append((f"X_{n}", "(B, H)", ""))
    w(f"S_{h} = np.empty((T + 1, B, H), dt)  # {h} of steps 0..T (slot 0: initial); hs is S_{h}[1:]", 1)
    _carve_call(w, arrays)
    if lay.hoisted:
        g = lay.hoisted
        w(f"Wx = {_stack(g.matrices, False)}  # ({_rows(g)}, I)", 1)
        w("np.matmul(x.reshape(T * B, I), Wx.T, out=linx.reshape(T * B, -1))", 1)
    for s in plan.states:
        w(f"S_{s}[0] = s0[{s!r}]", 1)
    w("if _small(B, H):", 1)
    args = [f"P[{a!r}]" if a in lay.vector_params else _local(a) for a in lay.fwd_args()[:-1]]
    for g in lay.recurrent:
        w(f"M{g.name}T = {_stack(g.matrices, True)}  # (H, {_rows(g)})", 2)
    _call(w, None, "_forward_loop", [*args, *[f"M{g.name}T" for g in lay.recurrent], "save", "K"], 2)
    w("else:", 1)
    for g in lay.recurrent:
        w(f"M{g.name} = {_stack(g.matrices, False)}  # ({_rows(g)}, H)", 2)
    _emit_steps(w, lay, backward=False, compiled=False, indent=2)
    outs = [f"S_{s}" for s in plan.states] + [f"Q_{q}" for q in lay.saved] + [f"V{g.name}" for g in lay.vectors]
    w(f"return {', '.join(outs)}{',' if len(outs) == 1 else ''}", 1)
    w()
    w()
    w("def forward(x, params, state0=None):")
    for line in FORWARD_DOC:
        w(line, 1)
    w("x, P, s0, _, K = _inputs(x, params, state0)", 1)
    w("out = _run_forward(x, P, s0, K, False)", 1)
    w("T = x.shape[0]", 1)
    finals = ", ".join(f"{s!r}: out[{k}][{'T' if s == h else 'T & 1'}].copy()" for k, s in enumerate(plan.states))
    w(f"return out[0][1:], {{{finals}}}", 1)
    w()
    w()
    w("def backward(x, params, dh, state0=None):")
    for line in BACKWARD_DOC:
        w(line, 1)
    w("x, P, s0, dh, K = _inputs(x, params, state0, dh)", 1)
    w("T, B, I = x.shape", 1)
    w(f"H = s0[{h!r}].shape[1]", 1)
    w("dt = x.dtype", 1)
    outs = [f"S_{s}" for s in plan.states] + [f"Q_{q}" for q in lay.saved] + [f"V{g.name}" for g in lay.vectors]
    w(f"{', '.join(outs)}{',' if len(outs) == 1 else ''} = _run_forward(x, P, s0, K, True)", 1)
    arrays = []
    for buf in dict.fromkeys(lay.buffers.values()):
        g = next(g for g in plan.groups if lay.buffers[g.name] == buf)
        arrays.append((buf[1:], f"(T, B, {_rows(g).replace('H', ' * H') if len(g.matrices) > 1 else 'H'})",
                       f"δ of {', '.join(map(str, g.adjoints))}"))
    if plan.x_terms:
        arrays.append(("dxe", "(T, B, H)", "x's element-wise terms"))
    for g in lay.recurrent:
        arrays.append((f"back{g.name}", "(B, H)", ""))
    for s in plan.states:
        arrays.append((f"carry_{s}", "(B, H)", f"δ {s}(t-1)"))
    for p in lay.accumulated:
        arrays.append((f"g_{p}", "(H,)", ""))
    for n in lay.bwd_scratch:
        arrays.append((f"X_{n}", "(B, H)", ""))
    _carve_call(w, arrays)
    for s in plan.states:
        w(f"carry_{s}[:] = 0", 1)
    for p in lay.accumulated:
        w(f"g_{p}[:] = 0", 1)
    w("if _small(B, H):", 1)
    for g in lay.recurrent:
        w(f"M{g.name} = {_stack(g.matrices, False)}  # ({_rows(g)}, H)", 2)
    args = [f"P[{a!r}]" if a in lay.vector_params else _local(a) for a in lay.bwd_args()[:-1]]
    carries = [f"carry_{s}" for s in plan.states]
    _call(w, ", ".join(carries) + ("," if len(carries) == 1 else ""), "_backward_loop",
          [*args, *[f"M{g.name}" for g in lay.recurrent], "K"], 2)
    w("else:", 1)
    for g in lay.recurrent:
        w(f"M{g.name}T = {_stack(g.matrices, True)}  # (H, {_rows(g)})", 2)
    _emit_steps(w, lay, backward=True, compiled=False, indent=2)
    w("grads = {}", 1)
    for g in plan.groups:
        buf = lay.buffers[g.name][1:]
        s = _state_of(plan, g.vector)
        vec = ("x.reshape(T * B, I)" if g.hoisted else
               f"S_{s}[:T].reshape(T * B, H)" if s is not None else f"V{g.name}.reshape(T * B, H)")
        w(f"gM = {buf}.reshape(T * B, -1).T @ {vec}  # Σ_t δᵀ {g.vector}, all steps at once", 1)
        for m, name in enumerate(g.matrices):
            sl = f"{m} * H:{m + 1} * H" if m else "0:H"
            w(f"grads[{name!r}] = gM[{sl}]", 1)
    if lay.hoisted:
        buf = lay.buffers[lay.hoisted.name][1:]
        w(f"grads['x'] = ({buf}.reshape(T * B, -1) @ {_stack(lay.hoisted.matrices, False)}).reshape(T, B, I)", 1)
        if plan.x_terms:
            w("grads['x'] += dxe", 1)
    else:
        w("grads['x'] = dxe" if plan.x_terms else "grads['x'] = np.zeros_like(x)", 1)
    for p in plan.param_terms:
        if p in lay.summed:
            buf, k = lay.summed[p]
            sl = f"{k} * H:{k + 1} * H" if k else "0:H"
            w(f"grads[{p!r}] = {buf[1:]}[:, :, {sl}].sum(axis=(0, 1))  # Σ_t Σ_batch of its δ", 1)
        else:
            w(f"grads[{p!r}] = g_{p}", 1)
    for s in plan.states:
        w(f"grads[{s + '0'!r}] = carry_{s}", 1)
    w("return {name: grads[name] for name in (*PARAM_SHAPES, 'x', *(s + '0' for s in STATES))}", 1)
