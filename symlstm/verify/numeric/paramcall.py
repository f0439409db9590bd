r"""The value of a function written with its parameters after a semicolon, ``o(x_t, h_{t-1}; W_o)``
(cell/paramcalls.py): an arbitrary smooth function of vectors, read as one fixed generic map

    z = sum_i A_i a_i + sum_j B_j p_j + 0.3 (B_1 p_1) * (A_1 a_1) + 0.1,   value = tanh(a z + b) + c z

with A_i, B_j fixed matrices of the function's own (from its name) and (a, b, c) its coefficients. Every
identity that holds for all smooth functions holds for it; one that holds only for a particular function (a
sigmoid, an affine map) fails. The output is as wide as the state (``width``). Complex-step safe.
"""
from __future__ import annotations

import zlib

import numpy as np

__all__ = ["parameter_call"]


def _fixed(name: str, k: int, rows: int, cols: int):
    rng = np.random.default_rng(zlib.crc32(f"{name}#{k}".encode()))
    return rng.standard_normal((rows, cols)) / np.sqrt(max(cols, 1))


def parameter_call(name: str, args, params, width: int, coeffs):
    """The value (a column of ``width``) of the function ``name`` at the arrays ``args`` with ``params``."""
    a, b, c = coeffs
    cols = [np.asarray(v).reshape(-1, 1) for v in args]
    pcols = [np.asarray(v).reshape(-1, 1) for v in params]
    parts = [_fixed(name, k, width, v.shape[0]) @ v for k, v in enumerate(cols)]
    pparts = [_fixed(name, 100 + k, width, v.shape[0]) @ v for k, v in enumerate(pcols)]
    z = 0.1 + sum(parts) + sum(pparts)
    if parts and pparts:
        z = z + 0.3 * pparts[0] * parts[0]
    th = np.tanh(a * z + b)
    return th + c * z
