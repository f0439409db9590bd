"""Tests of the generic finite-difference checker (symlstm.gradcheck)."""

import numpy as np
import pytest

from symlstm.checks.gradcheck import check_grads, numeric_grads


def _toy_forward(x, params, state0):
    """h_t = a ⊙ x_t + w ⊙ h_{t-1}² ; x (T, B, H), a, w (H,); states h, m (m = Σ h)."""
    h = state0.get("h", np.zeros(x.shape[1:]))
    m = state0.get("m", np.zeros(x.shape[1:]))
    hs = []
    for t in range(x.shape[0]):
        h = params["a"] * x[t] + params["w"] * h**2
        m = m + h
        hs.append(h)
    return np.array(hs), {"h": h, "m": m}


def _toy_backward(x, params, dh, state0, dfinal_m=None):
    """Analytic gradients of the toy model (written out by hand)."""
    T = x.shape[0]
    hs, _ = _toy_forward(x, params, state0)
    prev = [state0["h"]] + list(hs[:-1])
    g = {"a": np.zeros(params["a"].shape), "w": np.zeros(params["w"].shape)}
    gx = np.zeros_like(x)
    dm = np.zeros_like(state0["h"]) if dfinal_m is None else dfinal_m
    carry = np.zeros_like(state0["h"])
    for t in reversed(range(T)):
        d = dh[t] + carry + dm  # m_T = m_0 + Σ h_t
        g["a"] += (d * x[t]).sum(0)
        g["w"] += (d * prev[t] ** 2).sum(0)
        gx[t] = d * params["a"]
        carry = d * params["w"] * 2 * prev[t]
    return dict(g, x=gx, h0=carry, m0=dm)


@pytest.fixture
def toy():
    rng = np.random.default_rng(0)
    T, B, H = 3, 2, 4
    x = rng.standard_normal((T, B, H))
    params = {"a": rng.standard_normal(H), "w": 0.5 * rng.standard_normal(H)}
    dh = rng.standard_normal((T, B, H))
    state0 = {"h": rng.standard_normal((B, H)), "m": rng.standard_normal((B, H))}
    return x, params, dh, state0


def test_numeric_matches_analytic(toy):
    x, params, dh, state0 = toy
    num = numeric_grads(_toy_forward, x, params, dh, state0)
    assert set(num) == {"a", "w", "x", "h0", "m0"}
    check_grads(_toy_backward(x, params, dh, state0), num, rtol=1e-7, atol=1e-9)


def test_missing_state_is_zero_and_keys_subset(toy):
    x, params, dh, _ = toy
    zeros = {"h": np.zeros((2, 4)), "m": np.zeros((2, 4))}
    num = numeric_grads(_toy_forward, x, params, dh, {"h": None}, keys=["w", "h0"])
    assert set(num) == {"w", "h0"}
    check_grads(_toy_backward(x, params, dh, zeros), num)


def test_final_loss(toy):
    x, params, dh, state0 = toy
    dm = np.random.default_rng(1).standard_normal((2, 4))
    num = numeric_grads(
        _toy_forward, x, params, dh, state0, final_loss=lambda f: np.sum(dm * f["m"])
    )
    check_grads(_toy_backward(x, params, dh, state0, dfinal_m=dm), num)


def test_inputs_not_modified_and_float32_accepted(toy):
    x, params, dh, state0 = toy
    x32 = x.astype(np.float32)
    copies = x32.copy(), {k: v.copy() for k, v in params.items()}
    num = numeric_grads(_toy_forward, x32, params, dh, state0)
    np.testing.assert_array_equal(x32, copies[0])
    for k in params:
        np.testing.assert_array_equal(params[k], copies[1][k])
    assert all(v.dtype == np.float64 for v in num.values())


def test_check_grads_reports_key_and_error(toy):
    x, params, dh, state0 = toy
    num = numeric_grads(_toy_forward, x, params, dh, state0)
    bad = _toy_backward(x, params, dh, state0)
    bad["w"] = bad["w"] + np.array([0, 0, 1e-3, 0])
    with pytest.raises(AssertionError, match=r"'w': max abs error 1\.0\d*e-03") as err:
        check_grads(bad, num)
    assert "(2,)" in str(err.value)  # worst index
    assert "'a'" not in str(err.value)

    del bad["x"]
    with pytest.raises(AssertionError, match="'x': missing"):
        check_grads(bad, num)

    bad = _toy_backward(x, params, dh, state0)
    bad["h0"] = bad["h0"][0]
    with pytest.raises(AssertionError, match="'h0': analytic shape"):
        check_grads(bad, num)

    bad = _toy_backward(x, params, dh, state0)
    bad["a"] = np.full_like(bad["a"], np.nan)
    with pytest.raises(AssertionError, match="'a'"):
        check_grads(bad, num)


def test_bad_arguments(toy):
    x, params, dh, state0 = toy
    with pytest.raises(ValueError, match="unknown keys"):
        numeric_grads(_toy_forward, x, params, dh, state0, keys=["nope"])
    with pytest.raises(ValueError, match="dh has shape"):
        numeric_grads(_toy_forward, x, params, dh[:1], state0)
    with pytest.raises(ValueError, match="state0"):
        numeric_grads(_toy_forward, x, params, dh, {"q": np.zeros((2, 4))})
