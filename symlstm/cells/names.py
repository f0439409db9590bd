"""The one table of names a cell cannot use: generated code and derived quantities own them."""
from __future__ import annotations

import keyword

from .algebra import ADJOINT_PREFIX, EXTERNAL_PREFIX, PREACT_SUFFIX

__all__ = ["RESERVED", "RESERVED_PREFIXES", "RESERVED_SUFFIXES", "reserved_reason"]

#: Identifiers the generated modules (NumPy, Numba, and the torch/jax exports) use in the scope
#: where a cell's quantities and parameters live, plus the builtins they call there.
RESERVED = frozenset({
    # numpy / numba modules
    "np", "nb", "math", "numba", "numpy", "njit", "prange",
    # arguments, sizes and locals of forward/backward
    "x", "t", "params", "state0", "dh", "T", "B", "I", "H", "P", "s0", "hs", "save", "saved",
    "final", "grads", "x_t", "dh_t",
    # module-level names of a generated module
    "CELL", "STATES", "PARAM_SHAPES", "forward", "backward",
    # builtins the generated code calls
    "range", "len", "float", "int", "dict", "tuple", "list", "zip", "sorted", "set", "next",
    "isinstance", "min", "max", "abs", "sum", "print",
    # the torch and jax exports
    "torch", "jax", "jnp", "lax", "dhs", "dfinal", "carry", "xs", "ys", "key", "keys", "need_x", "ctx",
    "self",
})
#: Identifier prefixes of generated names: private helpers, adjoints (d_i), derived quantities
#: (delta_i, Delta_h; a quantity named "delta" would have the derived name delta_bar).
RESERVED_PREFIXES = ("_", "d_", ADJOINT_PREFIX.rstrip("_"), EXTERNAL_PREFIX.rstrip("_"))
#: Identifier suffixes of generated names: a state's previous value (h_prev).
RESERVED_SUFFIXES = ("_prev",)


def reserved_reason(name: str) -> str | None:
    """Why ``name`` cannot name a quantity or parameter of a cell, or None when it can."""
    if keyword.iskeyword(name):
        return "names must not be Python keywords"
    if name in RESERVED:
        return "names must not be ones the generated code uses for itself"
    derived = RESERVED_PREFIXES[2:]
    if name.startswith(derived):
        return (f"names starting with {' or '.join(map(repr, derived))} are kept for derived quantities "
                "(delta_h is δh)")
    for p in RESERVED_PREFIXES[:2]:
        if name.startswith(p):
            return f"names must not start with {p!r} (generated code uses such names)"
    for s in RESERVED_SUFFIXES:
        if name.endswith(s):
            return f"names ending with {s!r} are kept for generated names (h_prev is h at step t-1)"
    if PREACT_SUFFIX in name:
        return f"names containing {PREACT_SUFFIX!r} are kept for derived quantities (i_bar is ī)"
    return None
