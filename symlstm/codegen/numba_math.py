"""Static source of the scalar math every generated Numba module carries: σ, tanh and exp that vectorise.

Numba from PyPI has no SVML, so ``math.exp``/``math.tanh`` in a loop are scalar libm calls
(5–25 ns each). These versions are plain arithmetic (Cody–Waite range reduction, a polynomial,
the power of two built from its bits), which LLVM vectorises: ~1 ns per σ, ~2.5 ns per tanh.
Accuracy: a few ulp in float64 and float32 (tests compare with NumPy over the whole range).
Each function has a float32 and a float64 version; ``@overload`` picks one by argument type, so a
float32 kernel stays float32 throughout.
"""

MATH_SOURCE = '''
# ---- scalar math that LLVM vectorises (no SVML needed); float32 and float64 versions
_FAST = dict(error_model="numpy", fastmath={"contract"})   # no ZeroDivisionError checks: they stop vectorising
_INLINE = dict(_FAST, forceinline=True)                      # LLVM inlines into the loops (cheap to compile)

_LOG2E = 1.4426950408889634
_LN2_HI = 0.6931471803691238
_LN2_LO = 1.9082149292705877e-10
_ROUND = 6755399441055744.0            # 1.5 * 2**52: adding it rounds to an integer

_LOG2E_32 = np.float32(1.4426950408889634)
_LN2_HI_32 = np.float32(0.693359375)
_LN2_LO_32 = np.float32(-2.12194440e-4)
_ROUND_32 = np.float32(12582912.0)     # 1.5 * 2**23
_1_32, _2_32, _HALF_32 = np.float32(1.0), np.float32(2.0), np.float32(0.5)
_EXP_LO_32, _EXP_HI_32 = np.float32(-104.0), np.float32(89.0)
_TANH_SMALL_32 = np.float32(0.625)
_E32 = (np.float32(1.9875691500e-4), np.float32(1.3981999507e-3), np.float32(8.3334519073e-3),
        np.float32(4.1665795894e-2), np.float32(1.6666665459e-1), np.float32(5.0000001201e-1))
_T32 = (np.float32(-5.70498872745e-3), np.float32(2.06390887954e-2), np.float32(-5.37397155531e-2),
        np.float32(1.33314422036e-1), np.float32(-3.33332819422e-1))


@njit(**_INLINE)
def _exp64(x):
    """e**x in float64 (0 below -745.2, inf above 709.8, nan for nan)."""
    x = -746.0 if x < -746.0 else x
    x = 710.0 if x > 710.0 else x
    kf = (x * _LOG2E + _ROUND) - _ROUND
    r = x - kf * _LN2_HI - kf * _LN2_LO
    p = 1.0 / 6227020800.0
    p = p * r + 1.0 / 479001600.0
    p = p * r + 1.0 / 39916800.0
    p = p * r + 1.0 / 3628800.0
    p = p * r + 1.0 / 362880.0
    p = p * r + 1.0 / 40320.0
    p = p * r + 1.0 / 5040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    k = np.int64(kf)
    k1 = k >> 1                        # 2**k as two factors: no overflow for subnormal results
    s1 = np.int64((k1 + 1023) << 52).view(np.float64)
    s2 = np.int64((k - k1 + 1023) << 52).view(np.float64)
    return p * s1 * s2


@njit(**_INLINE)
def _exp32(x):
    """e**x in float32."""
    x = _EXP_LO_32 if x < _EXP_LO_32 else x
    x = _EXP_HI_32 if x > _EXP_HI_32 else x
    kf = (x * _LOG2E_32 + _ROUND_32) - _ROUND_32
    r = x - kf * _LN2_HI_32 - kf * _LN2_LO_32
    p = _E32[0]
    p = p * r + _E32[1]
    p = p * r + _E32[2]
    p = p * r + _E32[3]
    p = p * r + _E32[4]
    p = p * r + _E32[5]
    p = p * (r * r) + r + _1_32
    k = np.int32(kf)
    k1 = k >> 1
    s1 = np.int32((k1 + 127) << 23).view(np.float32)
    s2 = np.int32((k - k1 + 127) << 23).view(np.float32)
    return p * s1 * s2


@njit(**_INLINE)
def _sig64(a):
    """σ(a) = 1/(1 + e**-a) without overflow: e = e**-|a|, σ = 1/(1+e) or e/(1+e)."""
    e = _exp64(-abs(a))
    s = 1.0 / (1.0 + e)
    return s if a >= 0.0 else e * s


@njit(**_INLINE)
def _sig32(a):
    e = _exp32(-abs(a))
    s = _1_32 / (_1_32 + e)
    return s if a >= 0 else e * s


@njit(**_INLINE)
def _tanh64(a):
    """tanh: a rational approximation for |a| < 0.625 (Cephes), (1 - e)/(1 + e), e = e**-2|a|, above.

    Both branches are computed (the loop stays vectorised); one division serves both.
    """
    z = a * a
    p = (-9.64399179425052238628e-1 * z - 9.92877231001918586564e1) * z - 1.61468768441708447952e3
    q = ((z + 1.12811678491632931402e2) * z + 2.23548839060100448583e3) * z + 4.84406305325125486048e3
    x = abs(a)
    e = _exp64(-2.0 * x)
    small = x < 0.625
    num = a * (q + z * p) if small else (1.0 - e if a >= 0.0 else e - 1.0)
    den = q if small else 1.0 + e
    return num / den


@njit(**_INLINE)
def _tanh32(a):
    z = a * a
    small = ((((_T32[0] * z + _T32[1]) * z + _T32[2]) * z + _T32[3]) * z + _T32[4]) * z * a + a
    x = abs(a)
    e = _exp32(-_2_32 * x)
    big = (_1_32 - e) / (_1_32 + e)
    big = big if a >= 0 else -big
    return small if x < _TANH_SMALL_32 else big


def _sig(a):
    """σ(a) for a float32 or float64 scalar inside compiled code."""
    raise NotImplementedError("_sig runs only inside Numba-compiled code")


def _tanh(a):
    """tanh(a) for a float32 or float64 scalar inside compiled code."""
    raise NotImplementedError("_tanh runs only inside Numba-compiled code")


def _exp(a):
    """e**a for a float32 or float64 scalar inside compiled code."""
    raise NotImplementedError("_exp runs only inside Numba-compiled code")


def _by_precision(f32, f64):
    def typer(a):
        if a == types.float32:
            return lambda a: f32(a)
        if a == types.float64:
            return lambda a: f64(a)
        return None
    return typer


overload(_sig, jit_options=_INLINE)(_by_precision(_sig32, _sig64))
overload(_tanh, jit_options=_INLINE)(_by_precision(_tanh32, _tanh64))
overload(_exp, jit_options=_INLINE)(_by_precision(_exp32, _exp64))
'''
