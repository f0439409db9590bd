r"""``\otimes`` as the element-wise product: ``c_t = f_t \otimes c_{t-1} + i_t \otimes g_t``.

Most texts write \otimes for the outer product a b^T (Greff et al.); some write it for the element-wise
(Hadamard) product of the gates. A file is read the second way only when its forward rows run so and not as
outer products (judge.py builds the cell under both and keeps the reading with fewer broken rows; the outer
product first on a tie). Then a vector \otimes a Jacobian (either order) is read per output component:
v \otimes J = J \otimes v = diag(v) J (the product rule of v_k(z) w_k(z) written with Jacobians); anything
else of two different shapes is ill-typed.
"""
from __future__ import annotations

from ..text.names import IllTyped

__all__ = ["otimes_elementwise", "writes_otimes"]


def otimes_elementwise(a, b):
    if a.shape == b.shape or a.size == 1 or b.size == 1:
        return a * b
    for v, m in ((a, b), (b, a)):
        if v.ndim == 2 and m.ndim == 2 and v.shape[1] == 1 and m.shape[0] == v.shape[0] and m.shape[1] > 1:
            return v * m          # diag(v) J
    raise IllTyped(f"an element-wise product (\\otimes) of shapes {a.shape[0]}x{a.shape[1]} and "
                   f"{b.shape[0]}x{b.shape[1]}")


def writes_otimes(rows) -> bool:
    """Some row multiplies with \\otimes."""
    def has(n):
        if isinstance(n, list):
            return any(has(x) for x in n)
        if isinstance(n, tuple) and n:
            if n[0] == "mul" and len(n) == 3 and "otimes" in n[2]:
                return True
            return any(has(x) for x in n[1:] if isinstance(x, (tuple, list)))
        return False
    return any(r is not None and has(r) for r in rows)
