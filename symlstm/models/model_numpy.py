"""NumPy code of a model: the cell's generated module plus its output head, printed from the derivation."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from ..cells.algebra import ADJOINT_PREFIX, MatVec, Outer, SumT, is_vec, vec_name
from ..codegen.numpy_backend import NumpyStepPrinter, generate_numpy
from ..latex.printing import _order_of
from .printing import ModelTextPrinter

__all__ = ["generate_model_numpy", "HEAD_SOURCE"]


class HeadPrinter(NumpyStepPrinter):
    """Head expressions over whole arrays: every head quantity has leading axes (T, B) or (B,).

    The structural nodes print by their rules: ``Vᵀ v`` is ``v @ V``; ``Σ a bᵀ`` (over steps
    and the batch) is ``_outer_sum(a, b)``; ``Σ v`` is ``_lead_sum(v)``.
    """

    def _print_Symbol(self, expr):
        name = expr.name
        if name.startswith(ADJOINT_PREFIX):
            return "d_" + name[len(ADJOINT_PREFIX):]
        return name

    def _print_Function(self, expr):
        if isinstance(expr, AppliedUndef) and len(expr.args) == 1:
            name = vec_name(expr)
            if name.startswith(ADJOINT_PREFIX):
                name = "d_" + name[len(ADJOINT_PREFIX):]
            if name == "h":
                return "hs" if is_vec(expr) else "hs[-1]"
            return name
        return super()._print_Function(expr)

    def _print_TMatVec(self, expr):
        v = self._print(expr.vector)
        return f"({v}) @ {expr.matrix.name}" if not isinstance(expr.vector, (sympy.Symbol, AppliedUndef)) \
            else f"{v} @ {expr.matrix.name}"

    def _print_Outer(self, expr):
        return f"_outer_sum({self._print(expr.args[0])}, {self._print(expr.args[1])})"

    def _print_SumT(self, expr):
        e = expr.args[0]
        return self._print(e) if isinstance(e, Outer) else f"_lead_sum({self._print(e)})"


#: Static helpers of the head: parameter split and checks, stable log-softmax, one-hot.
HEAD_SOURCE = '''
def _outer_sum(a, b):
    """Σ over all leading axes of a bᵀ: a (..., K), b (..., H) -> (K, H)."""
    return a.reshape(-1, a.shape[-1]).T @ b.reshape(-1, b.shape[-1])


def _lead_sum(v):
    """Σ over all leading axes: (..., K) -> (K,)."""
    return v.reshape(-1, v.shape[-1]).sum(axis=0)


def _log_softmax(s):
    """log softmax over the last axis by log-sum-exp: finite for any finite s (e.g. ±1000)."""
    z = s - s.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def _split(x, params, state0):
    """Validate the model's inputs; split params into the cell's and the head's (V, a)."""
    if not isinstance(params, dict):
        raise ValueError(f"params must be a dict name -> array, got {type(params).__name__}")
    expected = list(PARAM_SHAPES) + list(HEAD_PARAMS)
    unknown = sorted(set(params) - set(expected))
    missing = [n for n in expected if n not in params]
    if unknown or missing:
        raise ValueError(f"model {MODEL!r}: " + "; ".join(
            ([f"missing parameters {missing}"] if missing else []) + ([f"unknown parameters {unknown}"] if unknown else []))
            + f"; expected {expected} (head: V (n_out, H), a (n_out,))")
    x, P, s0, _ = _prepare(x, {n: params[n] for n in PARAM_SHAPES}, state0)
    H = s0["h"].shape[1]
    V = _as_float("parameter 'V'", params["V"], x.dtype)
    if V.ndim != 2 or V.shape[1] != H or V.shape[0] < 1:
        raise ValueError(f"parameter 'V' has shape {V.shape}, expected (n_out, H) with H={H}")
    a = _as_float("parameter 'a'", params["a"], x.dtype)
    if a.shape != (V.shape[0],):
        raise ValueError(f"parameter 'a' has shape {a.shape}, expected (n_out,) = {(V.shape[0],)} (from V)")
    return x, P, s0, V, a


def _targets(y, T, B, K, dtype):
    """Check the targets: (B, K) floats for linear_last ((B,) when K = 1), (T, B) class indices
    for linear_each."""
    if y is None:
        raise ValueError("y is None; expected the targets: (B, n_out) numbers for linear_last, (T, B) class "
                         "indices for linear_each")
    try:
        y = np.asarray(y)
    except (ValueError, TypeError) as e:
        raise ValueError(f"y must be an array of targets, got a ragged or mixed {type(y).__name__} ({e})") from None
    if HEAD == "linear_last":
        if y.dtype.kind not in "biuf":
            raise ValueError(f"y must be real numbers, got dtype {y.dtype}")
        if y.shape == (B,) and K == 1:
            y = y.reshape(B, 1)
        if y.shape != (B, K):
            raise ValueError(f"y has shape {y.shape}, expected (B, n_out) = {(B, K)}")
        return y.astype(dtype)
    if y.dtype.kind not in "iu":
        raise ValueError(f"y must hold integer class indices (T, B), got dtype {y.dtype}")
    if y.shape != (T, B):
        raise ValueError(f"y has shape {y.shape}, expected (T, B) = {(T, B)}")
    if y.size and (y.min() < 0 or y.max() >= K):
        raise ValueError(f"class indices in y must be in 0..{K - 1} (n_out = {K}), got {y.min()}..{y.max()}")
    Y = np.zeros((T, B, K), dtype)
    np.put_along_axis(Y, y[..., None].astype(np.intp), 1.0, axis=-1)
    return Y
'''


def _w(lines, text="", indent=1):
    lines.append("    " * indent + text if text else "")


def generate_model_numpy(md) -> str:
    """Source of one standalone module: the cell's generated code, then the head's forward,
    loss and derived backward (δ of the head output, Δ_t, δV, δa)."""
    m = md.model
    pr = HeadPrinter({"fully_qualified_modules": True, "allow_unknown_functions": False})
    tp = ModelTextPrinter({"order": _order_of(m.cell.equations)})
    out = [generate_numpy(md.cell_derivation).rstrip("\n"), "", ""]
    out.append(f"# {'=' * 76}")
    out.append(f"# Output head {m.head!r}, loss {m.loss!r}, reduction {m.reduction!r}: generated by symlstm")
    out.append("# from the model's derivation (symlstm.model.derive_model):")
    for eq in md.forward + md.component + md.head_adjoints + list(md.param_grads[-2:]):
        out.append(f"#     {tp.doprint(eq)}")
    out.append(f"MODEL = {m.name!r}")
    out.append(f"HEAD = {m.head!r}")
    out.append(f"LOSS = {m.loss!r}")
    out.append(f"REDUCTION = {m.reduction!r}")
    out.append("HEAD_PARAMS = {'V': ('n_out', 'H'), 'a': ('n_out',)}")
    out.append(HEAD_SOURCE.rstrip("\n"))
    out.append("")

    lines: list[str] = []
    last = m.head == "linear_last"
    _w(lines, "", 0)
    _w(lines, "def _head(x, y, params, state0, grads_wanted):", 0)
    _w(lines, '"""Forward pass, loss and (if ``grads_wanted``) every gradient."""')
    _w(lines, "x, P, s0, V, a = _split(x, params, state0)")
    _w(lines, "T, B, I = x.shape")
    _w(lines, "K = V.shape[0]")
    _w(lines, "hs, final, saved = _forward(x, P, s0, grads_wanted)")
    lin = md.forward[0].rhs                   # V h + a: printed by the linear rule h @ V.T + a
    node = next(a for a in sympy.Add.make_args(lin) if isinstance(a, MatVec))
    h_src = pr.doprint(node.vector)
    out_name = "yhat" if last else "s"
    _w(lines, f"{out_name} = {h_src} @ {node.matrix.name}.T + a  # {tp.doprint(md.forward[0])}")
    _w(lines, "if y is None:")
    _w(lines, f"return {'yhat' if last else 'np.exp(_log_softmax(s))'}", 2)
    _w(lines, "y = _targets(y, T, B, K, x.dtype)")
    scale = pr.doprint(m.scale)
    if last:
        _w(lines, f"loss = ({scale}) * float(((yhat - y) ** 2).sum())")
    else:
        _w(lines, "logp = _log_softmax(s)  # log p_t, stable")
        _w(lines, "p = np.exp(logp)")
        _w(lines, "Y = y  # one-hot targets (T, B, K)")
        _w(lines, f"loss = -({scale}) * float((Y * logp).sum())")
    _w(lines, "if not grads_wanted:")
    _w(lines, "return loss", 2)
    delta_lhs, delta_rhs = md.head_adjoints[0].lhs, md.head_adjoints[0].rhs
    _w(lines, f"{pr.doprint(delta_lhs)} = {pr.doprint(delta_rhs)}  # {tp.doprint(md.head_adjoints[0])}")
    Delta = md.Delta
    if isinstance(Delta, sympy.Piecewise):
        (at_T, _), _ = Delta.args
        _w(lines, "dh = np.zeros_like(hs)")
        _w(lines, f"dh[-1] = {pr.doprint(at_T)}  # {tp.doprint(md.head_adjoints[1])}")
    else:
        _w(lines, f"dh = {pr.doprint(Delta)}  # {tp.doprint(md.head_adjoints[1])}")
    _w(lines, "grads = _backward(x, P, s0, dh, hs, saved)")
    for name, g in md.head_param_grads.items():
        code = pr.doprint(g)
        if not isinstance(g, (SumT, Outer)):      # a parameter's gradient sums over the batch
            code = f"_lead_sum({code})"
        _w(lines, f"grads[{name!r}] = {code}")
    _w(lines, "return loss, grads")
    _w(lines, "", 0)
    _w(lines, "", 0)
    _w(lines, "def loss_and_grads(x, y, params, state0=None):", 0)
    target = "(B, n_out) floats" if last else "(T, B) integer class indices"
    _w(lines, f'"""Loss ({m.reduction} {m.loss}) and the gradients of every parameter, x and <state>0.')
    _w(lines, "", 0)
    _w(lines, f"x (T, B, I); y {target}; params: the cell's and V (n_out, H), a (n_out,).")
    _w(lines, '"""')
    _w(lines, "return _head(x, y, params, state0, True)")
    _w(lines, "", 0)
    _w(lines, "", 0)
    _w(lines, "def loss(x, y, params, state0=None):", 0)
    _w(lines, '"""The loss alone (a float)."""')
    _w(lines, "return _head(x, y, params, state0, False)")
    _w(lines, "", 0)
    _w(lines, "", 0)
    _w(lines, "def predict(x, params, state0=None):", 0)
    what = "The prediction ŷ (B, n_out)" if last else "The class probabilities p (T, B, n_out)"
    _w(lines, f'"""{what}."""')
    _w(lines, "return _head(x, None, params, state0, False)")
    out += lines
    return "\n".join(out) + "\n"
