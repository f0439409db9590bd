r"""The fixed smooth function an undefined function name is read as.

A function the text applies but never defines (``z_t = f(u_t)``, ``y_t = g(V z_t)``, ``f_\iota``, ``o(x; W_o)``)
is an arbitrary smooth function: tanh(a x + b) + c x element-wise, with coefficients of its own. Two different
names are two different functions, so each name gets its own coefficients (a hash of the name): a row that writes
g' where f' is meant, or g(u_t) where f(u_t) is, fails instead of passing by a shared stand-in.
"""
from __future__ import annotations

import zlib

__all__ = ["function_coefficients", "call_coefficients"]


def function_coefficients(key: str) -> tuple:
    """(a, b, c) of tanh(a x + b) + c x for the function ``key``: fixed, and different for different keys."""
    h = zlib.crc32(key.encode())
    a = 0.55 + 0.45 * ((h & 0xFF) / 255)
    b = -0.4 + 0.8 * (((h >> 8) & 0xFF) / 255)
    c = 0.05 + 0.3 * (((h >> 16) & 0xFF) / 255)
    return a, b, c


def call_coefficients(key: str) -> tuple:
    """Weights of the arguments of a function of several arguments ``key(a, b, ...)``, its offset and the weight of
    the product of its first two arguments: fixed, and different for different keys."""
    h = zlib.crc32(("call:" + key).encode())
    weights = tuple(0.4 + 0.6 * (((h >> (5 * i)) & 0x1F) / 31) * (-1 if (h >> (30 - i)) & 1 else 1) for i in range(6))
    return weights, -0.2 + 0.4 * (((h >> 24) & 0x3F) / 63), 0.1 + 0.2 * (((h >> 12) & 0xF) / 15)
