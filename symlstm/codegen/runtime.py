"""Static source shared by every generated module: stable σ, input validation, API docstrings."""

#: Docstrings of the generated ``forward`` and ``backward`` (every backend), one line per entry.
FORWARD_DOC = (
    '"""Run the cell over a sequence.',
    "",
    "x: (T, B, I); params: dict name -> array (see PARAM_SHAPES); state0: dict state -> (B, H),",
    "None or a missing state means zeros. Returns hs (T, B, H) and the final states.",
    '"""',
)
BACKWARD_DOC = (
    '"""Gradients of L = Σ_t dh[t]·h_t by backpropagation through time.',
    "",
    "dh: (T, B, H). Returns a dict: one key per parameter (its shape), 'x' (T, B, I) and",
    "'<state>0' (B, H) for every initial state.",
    '"""',
)

PREPARE_SOURCE = '''
def _sigmoid(a):
    """σ(a) = 1 / (1 + e^{-a}), finite and warning-free for any real a; keeps the dtype."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e))


def _as_float(name, a, dtype=None, shape="(T, B, I)"):
    """``a`` as a C-contiguous real array; ValueError naming the argument when it is not one."""
    if a is None:
        raise ValueError(f"{name} is None; expected an array of shape {shape} of real floating-point numbers")
    if isinstance(a, (dict, set, str, bytes)):
        raise ValueError(f"{name} must be an array of shape {shape} of real floating-point numbers, got a {type(a).__name__}")
    try:
        a = np.asarray(a)
    except (ValueError, TypeError) as e:
        raise ValueError(f"{name} must be an array of shape {shape} of real floating-point numbers, got a ragged or "
                         f"mixed {type(a).__name__} that NumPy cannot make an array of ({e})") from None
    if a.dtype.kind in "biu" and dtype is None:
        a = a.astype(np.float64)
    elif a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must be an array of shape {shape} of real floating-point numbers, got dtype {a.dtype}"
                         + (" (None or a ragged list inside?)" if a.dtype.kind == "O" else ""))
    return np.ascontiguousarray(a, dtype=dtype if dtype is not None else a.dtype)


def _positive(name, shape, dims):
    for size, dim in zip(shape, dims):
        if size == 0:
            raise ValueError(f"{name} has shape {shape}: dimension {dim} is zero; every dimension must be "
                             "positive")


def _prepare(x, params, state0, dh=False):
    """Validate and convert inputs before any computation.

    x: (T, B, I) float32 or float64 (integers become float64); parameters, states and dh are
    converted to x's dtype. ``dh=False`` (forward) means no dh is expected; backward passes its
    dh, which must be an array. Raises ValueError naming the argument, what was given and what
    was expected.
    """
    x = _as_float("x", x)
    if x.ndim != 3:
        raise ValueError(f"x must have shape (T, B, I) (time-major), got shape {x.shape}")
    _positive("x", x.shape, ("T (steps)", "B (batch)", "I (input size)"))
    T, B, I = x.shape
    if not isinstance(params, dict):
        raise ValueError(f"params must be a dict name -> array, got {type(params).__name__}")
    unknown = sorted(map(repr, set(params) - set(PARAM_SHAPES)))
    if unknown:
        raise ValueError(f"unknown parameters [{', '.join(unknown)}] for cell {CELL!r}; expected {sorted(PARAM_SHAPES)}")
    missing = [n for n in PARAM_SHAPES if n not in params]
    if missing:
        raise ValueError(f"missing parameters {missing} for cell {CELL!r} "
                         f"(shapes {dict((n, PARAM_SHAPES[n]) for n in missing)})")
    first = next(iter(PARAM_SHAPES))
    p = _as_float(f"parameter {first!r}", params[first], x.dtype, PARAM_SHAPES[first])
    if p.ndim != len(PARAM_SHAPES[first]):
        raise ValueError(f"parameter {first!r} has shape {p.shape}, expected {PARAM_SHAPES[first]}")
    H = p.shape[0]
    if H == 0:
        raise ValueError(f"parameter {first!r} has shape {p.shape}: its first dimension H (the hidden size) "
                         "is zero; every dimension must be positive")
    sizes = {"H": H, "I": I}
    P = {}
    for name, dims in PARAM_SHAPES.items():
        expected = tuple(sizes[d] for d in dims)
        p = _as_float(f"parameter {name!r}", params[name], x.dtype, dims)
        if p.shape != expected:
            raise ValueError(f"parameter {name!r} has shape {p.shape}, expected {expected} = {dims} "
                             f"with H={H} (from {first!r}) and I={I} (from x)")
        P[name] = p
    if state0 is None:
        state0 = {}
    if not isinstance(state0, dict):
        raise ValueError(f"state0 must be None or a dict state -> (B, H) array with states {list(STATES)}, "
                         f"got {type(state0).__name__}")
    unknown = sorted(map(repr, set(state0) - set(STATES)))
    if unknown:
        raise ValueError(f"unknown states [{', '.join(unknown)}] in state0; cell {CELL!r} has states {list(STATES)}")
    s0 = {}
    for s in STATES:
        v = state0.get(s)
        if v is None:
            s0[s] = np.zeros((B, H), x.dtype)
            continue
        v = _as_float(f"state0[{s!r}]", v, x.dtype, "(B, H)")
        if v.shape != (B, H):
            raise ValueError(f"state0[{s!r}] has shape {v.shape}, expected (B, H) = {(B, H)}")
        s0[s] = v
    if dh is False:
        return x, P, s0, None
    dh = _as_float("dh", dh, x.dtype, "(T, B, H)")
    if dh.shape != (T, B, H):
        raise ValueError(f"dh has shape {dh.shape}, expected (T, B, H) = {(T, B, H)}")
    return x, P, s0, dh
'''
