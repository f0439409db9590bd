"""Hand-written NumPy reference implementation of recurrent cells.

This module is the *oracle* that symbolically generated code is checked
against, so it deliberately depends on nothing but NumPy (no sympy, nothing
else from :mod:`symlstm`).  Every cell's forward step and its backward step
are written out by hand, one equation per line, so they can be read against
the cell definitions below.

Conventions
-----------
* Arrays are time-major: ``x`` has shape ``(T, B, I)``; the hidden size is
  ``H``; the output ``hs`` has shape ``(T, B, H)`` (the ``h`` of every step).
* Parameters are a dict ``name -> ndarray``: input weights ``W_*`` are
  ``(H, I)``, recurrent weights ``U_*`` and gate-recurrence weights ``R_*``
  are ``(H, H)``, biases ``b_*`` and peepholes ``p_*`` are ``(H,)``.
* ``state0`` is a dict ``state name -> (B, H)``; a missing key or ``None``
  means zeros.  ``final_state`` has the same form.
* ``σ`` is the logistic sigmoid, ``⊙`` the element-wise product; ``W x`` on a
  batch means ``x @ W.T``.
* The dtype of ``x`` is kept (float32 stays float32); parameters and states
  are cast to it and every output has it.

Cells (``a_*`` are pre-activations, ``h``/``c`` without index are
``h_{t-1}``/``c_{t-1}``)
---------------------------------------------------------------------------
``rnn``              h_t = tanh(W x_t + U h + b)
``lstm``             i,f,o = σ(W_* x_t + U_* h + b_*), g = tanh(W_g x_t + U_g h + b_g)
                     c_t = f ⊙ c + i ⊙ g,  h_t = o ⊙ tanh(c_t)
``peephole_lstm``    lstm + p_i ⊙ c in a_i, p_f ⊙ c in a_f, p_o ⊙ c_t in a_o
``gru``              r,z = σ(...), n = tanh(W_n x_t + U_n (r ⊙ h) + b_n),
                     h_t = (1 - z) ⊙ n + z ⊙ h
``gru_reset_after``  n = tanh(W_n x_t + b_n + r ⊙ (U_n h + b_hn))  (torch.nn.GRU)
``lstm_nig``         peephole_lstm with i = 1
``lstm_nfg``         peephole_lstm with f = 1
``lstm_nog``         peephole_lstm with o = 1
``lstm_niaf``        peephole_lstm with g = W_g x_t + U_g h + b_g (no tanh)
``lstm_noaf``        peephole_lstm with h_t = o ⊙ c_t
``lstm_np``          peephole_lstm without peepholes (== lstm)
``lstm_cifg``        peephole_lstm with f = 1 - i
``lstm_fgr``         peephole_lstm + R_<to><from> g_{t-1} terms for i, f, o;
                     the previous gates are carried as states i, f, o
``mgu``              f = σ(...), n = tanh(W_n x_t + U_n (f ⊙ h) + b_n),
                     h_t = (1 - f) ⊙ h + f ⊙ n
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

__all__ = [
    "CELLS",
    "states",
    "param_shapes",
    "forward",
    "backward",
    "init_params",
    "sigmoid",
    "tanh",
]

CELLS: tuple[str, ...] = (
    "rnn",
    "lstm",
    "peephole_lstm",
    "gru",
    "gru_reset_after",
    "lstm_nig",
    "lstm_nfg",
    "lstm_nog",
    "lstm_niaf",
    "lstm_noaf",
    "lstm_np",
    "lstm_cifg",
    "lstm_fgr",
    "mgu",
)


# ---------------------------------------------------------------------------
# Numerically stable activations
# ---------------------------------------------------------------------------


def sigmoid(x):
    """Logistic sigmoid ``1 / (1 + exp(-x))``, stable for any finite ``x``.

    Uses the split-by-sign form with ``e = exp(-|x|) <= 1``:
    ``σ(x) = 1 / (1 + e)`` for ``x >= 0`` and ``e / (1 + e)`` for ``x < 0``,
    so nothing overflows; the dtype of ``x`` is kept.
    """
    x = np.asarray(x)
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def tanh(x):
    """Hyperbolic tangent (``np.tanh`` saturates to ±1 without overflow)."""
    return np.tanh(x)


# ---------------------------------------------------------------------------
# Small helpers shared by the hand-written cells
# ---------------------------------------------------------------------------


def _wub(gate):
    """Names of the input weight, recurrent weight and bias of ``gate``.

    ``gate == ""`` gives the plain ``W``, ``U``, ``b`` of the ``rnn`` cell.
    """
    suffix = f"_{gate}" if gate else ""
    return f"W{suffix}", f"U{suffix}", f"b{suffix}"


def _affine(p, gate, x, h):
    """``W_gate x + U_gate h + b_gate``; x (B, I), h (B, H) -> (B, H)."""
    W, U, b = _wub(gate)
    return x @ p[W].T + h @ p[U].T + p[b]


def _affine_back(p, gate, da, x, h, grads):
    """Backward of :func:`_affine` for the pre-activation gradient ``da`` (B, H).

    Accumulates ``dW += daᵀ x``, ``dU += daᵀ h``, ``db += Σ_batch da`` into
    ``grads`` and returns ``(dx, dh) = (da W, da U)`` of shapes (B, I), (B, H).
    """
    W, U, b = _wub(gate)
    grads[W] += da.T @ x
    grads[U] += da.T @ h
    grads[b] += da.sum(axis=0)
    return da @ p[W], da @ p[U]


def _dsigmoid(s):
    """σ'(a) expressed through s = σ(a)."""
    return s * (1 - s)


def _dtanh(t):
    """tanh'(a) expressed through t = tanh(a)."""
    return 1 - t * t


def _shapes_for(names, n_in, n_hidden):
    """Shape of every parameter name, by its prefix (W, U, R, b, p)."""
    shapes = {}
    for name in names:
        kind = name.split("_", 1)[0]
        if kind == "W":
            shapes[name] = (n_hidden, n_in)
        elif kind in ("U", "R"):
            shapes[name] = (n_hidden, n_hidden)
        else:  # b, p
            shapes[name] = (n_hidden,)
    return shapes


# ---------------------------------------------------------------------------
# Cells.  Each cell has
#   step(p, x, s)            -> (new_state, cache)
#   step_back(p, cache, ds, grads) -> (dx, ds_prev)
# where s / ds are dicts state -> (B, H), x is (B, I), and ds holds the
# gradient of the loss w.r.t. the state produced by this step (including the
# direct ∂L/∂h_t).  step_back accumulates parameter gradients into ``grads``.
# ---------------------------------------------------------------------------


class _Cell:
    name: str
    states: tuple[str, ...]
    params: tuple[str, ...]

    def param_shapes(self, n_in, n_hidden):
        return _shapes_for(self.params, n_in, n_hidden)


class _RNN(_Cell):
    """Elman RNN: ``h_t = tanh(W x_t + U h + b)``."""

    states = ("h",)
    params = ("W", "U", "b")

    def __init__(self, name):
        self.name = name

    def step(self, p, x, s):
        """x (B, I), s["h"] (B, H) -> h_t (B, H)."""
        h_prev = s["h"]
        h = tanh(_affine(p, "", x, h_prev))
        return {"h": h}, (x, h_prev, h)

    def step_back(self, p, cache, ds, grads):
        x, h_prev, h = cache
        da = ds["h"] * _dtanh(h)  # ∂L/∂a, a = W x + U h_prev + b
        dx, dh_prev = _affine_back(p, "", da, x, h_prev, grads)
        return dx, {"h": dh_prev}


class _GRU(_Cell):
    """GRU, with the reset gate applied before (``gru``) or after
    (``gru_reset_after``, i.e. torch.nn.GRU) the recurrent product of n."""

    states = ("h",)

    def __init__(self, name, reset_after):
        self.name = name
        self.reset_after = reset_after
        params = _wub("r") + _wub("z") + _wub("n")
        self.params = params + (("b_hn",) if reset_after else ())

    def step(self, p, x, s):
        """x (B, I), s["h"] (B, H) -> h_t (B, H).

        r = σ(W_r x + U_r h + b_r)
        z = σ(W_z x + U_z h + b_z)
        n = tanh(W_n x + U_n (r ⊙ h) + b_n)              (reset before)
        n = tanh(W_n x + b_n + r ⊙ (U_n h + b_hn))       (reset after)
        h_t = (1 - z) ⊙ n + z ⊙ h
        """
        h_prev = s["h"]
        r = sigmoid(_affine(p, "r", x, h_prev))
        z = sigmoid(_affine(p, "z", x, h_prev))
        if self.reset_after:
            hn = h_prev @ p["U_n"].T + p["b_hn"]  # U_n h + b_hn
            n = tanh(x @ p["W_n"].T + p["b_n"] + r * hn)
        else:
            hn = None
            n = tanh(x @ p["W_n"].T + (r * h_prev) @ p["U_n"].T + p["b_n"])
        h = (1 - z) * n + z * h_prev
        return {"h": h}, (x, h_prev, r, z, n, hn)

    def step_back(self, p, cache, ds, grads):
        x, h_prev, r, z, n, hn = cache
        dh = ds["h"]
        # h_t = (1 - z) ⊙ n + z ⊙ h_prev
        dn = dh * (1 - z)
        dz = dh * (h_prev - n)
        dh_prev = dh * z
        # n = tanh(a_n)
        da_n = dn * _dtanh(n)
        grads["W_n"] += da_n.T @ x
        grads["b_n"] += da_n.sum(axis=0)
        dx = da_n @ p["W_n"]
        if self.reset_after:
            # a_n = W_n x + b_n + r ⊙ hn,  hn = U_n h_prev + b_hn
            dr = da_n * hn
            dhn = da_n * r
            grads["U_n"] += dhn.T @ h_prev
            grads["b_hn"] += dhn.sum(axis=0)
            dh_prev = dh_prev + dhn @ p["U_n"]
        else:
            # a_n = W_n x + U_n (r ⊙ h_prev) + b_n
            rh = r * h_prev
            drh = da_n @ p["U_n"]
            grads["U_n"] += da_n.T @ rh
            dr = drh * h_prev
            dh_prev = dh_prev + drh * r
        # r = σ(a_r), z = σ(a_z)
        da_r = dr * _dsigmoid(r)
        da_z = dz * _dsigmoid(z)
        for gate, da in (("r", da_r), ("z", da_z)):
            dx_g, dh_g = _affine_back(p, gate, da, x, h_prev, grads)
            dx = dx + dx_g
            dh_prev = dh_prev + dh_g
        return dx, {"h": dh_prev}


class _MGU(_Cell):
    """Minimal gated unit (Zhou et al. 2016)."""

    states = ("h",)
    params = _wub("f") + _wub("n")

    def __init__(self, name):
        self.name = name

    def step(self, p, x, s):
        """x (B, I), s["h"] (B, H) -> h_t (B, H).

        f = σ(W_f x + U_f h + b_f)
        n = tanh(W_n x + U_n (f ⊙ h) + b_n)
        h_t = (1 - f) ⊙ h + f ⊙ n
        """
        h_prev = s["h"]
        f = sigmoid(_affine(p, "f", x, h_prev))
        fh = f * h_prev
        n = tanh(x @ p["W_n"].T + fh @ p["U_n"].T + p["b_n"])
        h = (1 - f) * h_prev + f * n
        return {"h": h}, (x, h_prev, f, fh, n)

    def step_back(self, p, cache, ds, grads):
        x, h_prev, f, fh, n = cache
        dh = ds["h"]
        # h_t = (1 - f) ⊙ h_prev + f ⊙ n
        df = dh * (n - h_prev)
        dn = dh * f
        dh_prev = dh * (1 - f)
        # n = tanh(W_n x + U_n (f ⊙ h_prev) + b_n)
        da_n = dn * _dtanh(n)
        grads["W_n"] += da_n.T @ x
        grads["U_n"] += da_n.T @ fh
        grads["b_n"] += da_n.sum(axis=0)
        dx = da_n @ p["W_n"]
        dfh = da_n @ p["U_n"]
        df = df + dfh * h_prev
        dh_prev = dh_prev + dfh * f
        # f = σ(a_f)
        da_f = df * _dsigmoid(f)
        dx_f, dh_f = _affine_back(p, "f", da_f, x, h_prev, grads)
        return dx + dx_f, {"h": dh_prev + dh_f}


@dataclass(frozen=True)
class _LSTMSpec:
    """Which parts of the Greff et al. (2017) "vanilla" LSTM are present."""

    input_gate: bool = True  # False: i = 1
    forget_gate: bool = True  # False: f = 1 (unless cifg)
    output_gate: bool = True  # False: o = 1
    peepholes: bool = True  # p_i ⊙ c, p_f ⊙ c in a_i, a_f; p_o ⊙ c_t in a_o
    cifg: bool = False  # f = 1 - i (no own forget-gate parameters)
    fgr: bool = False  # full gate recurrence R_<to><from> g_{t-1}
    input_activation: bool = True  # g = tanh(a_g)  (False: g = a_g)
    output_activation: bool = True  # h = o ⊙ tanh(c)  (False: h = o ⊙ c)


class _LSTM(_Cell):
    """One hand-written LSTM, parametrised by :class:`_LSTMSpec`.

    Per step, with h = h_{t-1}, c = c_{t-1} and (lstm_fgr only) the previous
    gates i', f', o'::

        a_i = W_i x + U_i h + b_i [+ p_i ⊙ c] [+ R_ii i' + R_if f' + R_io o']
        i   = σ(a_i)                      (1 without an input gate)
        a_f = W_f x + U_f h + b_f [+ p_f ⊙ c] [+ R_fi i' + R_ff f' + R_fo o']
        f   = σ(a_f)                      (1 without, 1 - i for cifg)
        a_g = W_g x + U_g h + b_g
        g   = tanh(a_g)                   (a_g without input activation)
        c_t = f ⊙ c + i ⊙ g
        a_o = W_o x + U_o h + b_o [+ p_o ⊙ c_t] [+ R_oi i' + R_of f' + R_oo o']
        o   = σ(a_o)                      (1 without an output gate)
        s   = tanh(c_t)                   (c_t without output activation)
        h_t = o ⊙ s
    """

    def __init__(self, name, spec: _LSTMSpec):
        self.name = name
        self.spec = spec
        if spec.fgr and not (spec.input_gate and spec.forget_gate and spec.output_gate):
            raise ValueError("full gate recurrence needs all three gates")
        if spec.cifg and not spec.input_gate:
            raise ValueError("cifg needs an input gate")
        own_forget = spec.forget_gate and not spec.cifg
        # gates that are σ of their own pre-activation, in order i, f, o
        self.gates = tuple(
            g for g, on in (("i", spec.input_gate), ("f", own_forget), ("o", spec.output_gate)) if on
        )
        params = []
        for g in ("i", "f", "g", "o"):
            if g == "g" or g in self.gates:
                params += _wub(g)
        if spec.peepholes:
            params += [f"p_{g}" for g in self.gates]
        if spec.fgr:
            params += [f"R_{to}{frm}" for to in "ifo" for frm in "ifo"]
        self.params = tuple(params)
        self.states = ("h", "c") + (("i", "f", "o") if spec.fgr else ())

    def _pre(self, p, gate, x, s):
        """a_gate without the peephole term: W x + U h + b [+ Σ R g']."""
        a = _affine(p, gate, x, s["h"])
        if self.spec.fgr:
            for frm in "ifo":
                a = a + s[frm] @ p[f"R_{gate}{frm}"].T
        return a

    def step(self, p, x, s):
        """x (B, I), s["h"], s["c"] (B, H) -> h_t, c_t (B, H) (+ i, f, o for fgr)."""
        spec = self.spec
        c_prev = s["c"]
        if "i" in self.gates:
            a_i = self._pre(p, "i", x, s)
            if spec.peepholes:
                a_i = a_i + p["p_i"] * c_prev
            i = sigmoid(a_i)
        else:
            i = 1.0
        if "f" in self.gates:
            a_f = self._pre(p, "f", x, s)
            if spec.peepholes:
                a_f = a_f + p["p_f"] * c_prev
            f = sigmoid(a_f)
        elif spec.cifg:
            f = 1 - i
        else:
            f = 1.0
        a_g = _affine(p, "g", x, s["h"])
        g = tanh(a_g) if spec.input_activation else a_g
        c = f * c_prev + i * g
        if "o" in self.gates:
            a_o = self._pre(p, "o", x, s)
            if spec.peepholes:
                a_o = a_o + p["p_o"] * c
            o = sigmoid(a_o)
        else:
            o = 1.0
        sc = tanh(c) if spec.output_activation else c
        h = o * sc
        new = {"h": h, "c": c}
        if spec.fgr:
            new.update(i=i, f=f, o=o)
        return new, (x, s, i, f, g, c, o, sc)

    def step_back(self, p, cache, ds, grads):
        spec = self.spec
        x, s, i, f, g, c, o, sc = cache
        h_prev, c_prev = s["h"], s["c"]
        dh = ds["h"]
        da = {}  # ∂L/∂a for the σ gates that have their own pre-activation

        # h_t = o ⊙ s,  s = tanh(c_t) or c_t
        dsc = dh * o
        dc = ds["c"] + (dsc * _dtanh(sc) if spec.output_activation else dsc)
        if "o" in self.gates:
            do = dh * sc
            if spec.fgr:
                do = do + ds["o"]  # o_t also feeds the next step's gates
            da["o"] = do * _dsigmoid(o)
            if spec.peepholes:  # a_o contains p_o ⊙ c_t
                dc = dc + da["o"] * p["p_o"]
                grads["p_o"] += (da["o"] * c).sum(axis=0)

        # c_t = f ⊙ c_prev + i ⊙ g
        dc_prev = dc * f
        di = dc * g
        dg = dc * i
        df = dc * c_prev
        if spec.fgr:
            di = di + ds["i"]
            df = df + ds["f"]
        if "f" in self.gates:
            da["f"] = df * _dsigmoid(f)
        elif spec.cifg:  # f = 1 - i
            di = di - df
        if "i" in self.gates:
            da["i"] = di * _dsigmoid(i)

        # peepholes p_i ⊙ c_prev, p_f ⊙ c_prev
        if spec.peepholes:
            for gate in ("i", "f"):
                if gate in da:
                    dc_prev = dc_prev + da[gate] * p[f"p_{gate}"]
                    grads[f"p_{gate}"] += (da[gate] * c_prev).sum(axis=0)

        # g = tanh(a_g) or a_g
        da_g = dg * _dtanh(g) if spec.input_activation else dg

        # the affine parts W x + U h_prev + b of all pre-activations
        dx, dh_prev = _affine_back(p, "g", da_g, x, h_prev, grads)
        for gate, d in da.items():
            dx_g, dh_g = _affine_back(p, gate, d, x, h_prev, grads)
            dx = dx + dx_g
            dh_prev = dh_prev + dh_g

        ds_prev = {"h": dh_prev, "c": dc_prev}
        if spec.fgr:
            # a_to contains R_<to><from> ⊙ from_{t-1}
            for frm in "ifo":
                d_frm = 0
                for to in "ifo":
                    R = f"R_{to}{frm}"
                    grads[R] += da[to].T @ s[frm]
                    d_frm = d_frm + da[to] @ p[R]
                ds_prev[frm] = d_frm
        return dx, ds_prev


_REGISTRY: dict[str, _Cell] = {
    "rnn": _RNN("rnn"),
    "lstm": _LSTM("lstm", _LSTMSpec(peepholes=False)),
    "peephole_lstm": _LSTM("peephole_lstm", _LSTMSpec()),
    "gru": _GRU("gru", reset_after=False),
    "gru_reset_after": _GRU("gru_reset_after", reset_after=True),
    "lstm_nig": _LSTM("lstm_nig", _LSTMSpec(input_gate=False)),
    "lstm_nfg": _LSTM("lstm_nfg", _LSTMSpec(forget_gate=False)),
    "lstm_nog": _LSTM("lstm_nog", _LSTMSpec(output_gate=False)),
    "lstm_niaf": _LSTM("lstm_niaf", _LSTMSpec(input_activation=False)),
    "lstm_noaf": _LSTM("lstm_noaf", _LSTMSpec(output_activation=False)),
    "lstm_np": _LSTM("lstm_np", _LSTMSpec(peepholes=False)),
    "lstm_cifg": _LSTM("lstm_cifg", _LSTMSpec(cifg=True)),
    "lstm_fgr": _LSTM("lstm_fgr", _LSTMSpec(fgr=True)),
    "mgu": _MGU("mgu"),
}
assert tuple(_REGISTRY) == CELLS


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def _cell(name) -> _Cell:
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown cell {name!r}; known cells: {', '.join(CELLS)}") from None


def states(name) -> tuple[str, ...]:
    """State names of cell ``name``, ``"h"`` first (e.g. ``("h", "c")``)."""
    return _cell(name).states


def param_shapes(name, n_in, n_hidden) -> dict[str, tuple[int, ...]]:
    """Parameter name -> shape for cell ``name`` with input size ``n_in``
    and hidden size ``n_hidden``."""
    return _cell(name).param_shapes(int(n_in), int(n_hidden))


def init_params(name, n_in, n_hidden, rng=None, dtype=np.float64, scale=0.5):
    """Random parameters ``normal * scale`` for cell ``name``.

    ``rng`` is a ``np.random.Generator`` or anything ``default_rng`` accepts.
    """
    rng = np.random.default_rng(rng)
    return {
        k: (rng.standard_normal(shape) * scale).astype(dtype)
        for k, shape in param_shapes(name, n_in, n_hidden).items()
    }


def _prepare(cell, x, params, state0):
    """Validate and cast inputs; returns (x, params, state0) in x's dtype."""
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    if x.ndim != 3:
        raise ValueError(f"{cell.name}: x must have shape (T, B, I), got shape {x.shape}")
    _, n_batch, n_in = x.shape
    if params is None:
        params = {}

    # hidden size: the most common leading dimension among given parameters
    leading = Counter(
        np.shape(params[k])[0] for k in cell.params if k in params and np.ndim(params[k]) >= 1
    )
    n_hidden = leading.most_common(1)[0][0] if leading else None

    problems = []
    # with no parameter given at all the hidden size is unknown: show it as H
    expected = _shapes_for(cell.params, n_in, "H" if n_hidden is None else n_hidden)
    for k, shape in expected.items():
        shape_str = "(" + ", ".join(map(str, shape)) + (",)" if len(shape) == 1 else ")")
        if k not in params:
            problems.append(f"missing parameter {k!r} (expected shape {shape_str})")
        elif np.shape(params[k]) != shape:
            problems.append(
                f"parameter {k!r} has shape {np.shape(params[k])}, expected shape {shape_str}"
            )
    unknown = sorted(set(params) - set(expected))
    if unknown:
        problems.append(f"unexpected parameters {unknown} (expected {list(expected)})")
    if problems:
        raise ValueError(
            f"{cell.name} (n_in={n_in}, n_hidden={n_hidden}): " + "; ".join(problems)
        )
    p = {k: np.asarray(params[k], dtype=x.dtype) for k in expected}

    state0 = {} if state0 is None else dict(state0)
    unknown = sorted(set(state0) - set(cell.states))
    if unknown:
        raise ValueError(f"{cell.name}: unknown states {unknown}; states are {cell.states}")
    s0 = {}
    for k in cell.states:
        v = state0.get(k)
        if v is None:
            s0[k] = np.zeros((n_batch, n_hidden), dtype=x.dtype)
        else:
            v = np.asarray(v, dtype=x.dtype)
            if v.shape != (n_batch, n_hidden):
                raise ValueError(
                    f"{cell.name}: state {k!r} has shape {v.shape}, "
                    f"expected shape {(n_batch, n_hidden)}"
                )
            s0[k] = v
    return x, p, s0


def _run(cell, x, p, s0, keep_caches):
    """Loop driver: apply ``cell.step`` over time; returns (hs, final, caches)."""
    n_time, n_batch, _ = x.shape
    n_hidden = s0["h"].shape[1]
    hs = np.empty((n_time, n_batch, n_hidden), dtype=x.dtype)
    caches = []
    s = s0
    for t in range(n_time):
        s, cache = cell.step(p, x[t], s)
        hs[t] = s["h"]
        if keep_caches:
            caches.append(cache)
    return hs, s, caches


def forward(name, x, params, state0=None):
    """Run cell ``name`` over the sequence ``x``.

    Parameters
    ----------
    x : (T, B, I) array.
    params : dict name -> array, see :func:`param_shapes`.
    state0 : dict state -> (B, H) array; missing/None means zeros.

    Returns
    -------
    hs : (T, B, H) array, the h of every step.
    final_state : dict state -> (B, H) array (the state after the last step).
    """
    cell = _cell(name)
    x, p, s0 = _prepare(cell, x, params, state0)
    hs, final, _ = _run(cell, x, p, s0, keep_caches=False)
    final = {k: np.array(v, dtype=x.dtype) for k, v in final.items()}
    return hs, final


def backward(name, x, params, dh, state0=None):
    """Backpropagation through time for ``L = Σ_t Σ dh[t] ⊙ h_t``.

    Parameters
    ----------
    x : (T, B, I) array; params, state0 as in :func:`forward`.
    dh : (T, B, H) array, ∂L/∂h_t for every step t.

    Returns
    -------
    dict with a gradient for every parameter (same shape, summed over time
    and batch), ``"x"`` (T, B, I), and ``"<state>0"`` (B, H) for every state
    (e.g. ``"h0"``, ``"c0"``).  All in the dtype of ``x``.
    """
    cell = _cell(name)
    x, p, s0 = _prepare(cell, x, params, state0)
    dh = np.asarray(dh, dtype=x.dtype)
    n_hidden = s0["h"].shape[1]
    expected = x.shape[:2] + (n_hidden,)
    if dh.shape != expected:
        raise ValueError(f"{cell.name}: dh has shape {dh.shape}, expected shape {expected}")

    _, _, caches = _run(cell, x, p, s0, keep_caches=True)
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    dx = np.zeros_like(x)
    ds = {k: np.zeros_like(v) for k, v in s0.items()}
    for t in reversed(range(x.shape[0])):
        ds = dict(ds, h=ds["h"] + dh[t])
        dx[t], ds = cell.step_back(p, caches[t], ds, grads)
    out = dict(grads)
    out["x"] = dx
    for k in cell.states:
        out[f"{k}0"] = np.asarray(ds[k], dtype=x.dtype)
    return out
