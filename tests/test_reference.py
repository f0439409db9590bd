"""Tests of the hand-written NumPy reference cells (symlstm.reference)."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symlstm import reference as ref
from symlstm.checks.gradcheck import check_grads, numeric_grads

SIZES = [(1, 1, 1, 1), (3, 2, 2, 3), (4, 1, 3, 2)]  # (T, B, I, H)


def _problem(cell, size, seed=0, random_state=True, dtype=np.float64):
    T, B, I, H = size
    rng = np.random.default_rng([seed, ref.CELLS.index(cell), T, B, I, H])
    params = ref.init_params(cell, I, H, rng, dtype=dtype)
    x = rng.standard_normal((T, B, I)).astype(dtype)
    dh = rng.standard_normal((T, B, H)).astype(dtype)
    state0 = (
        {s: (0.5 * rng.standard_normal((B, H))).astype(dtype) for s in ref.states(cell)}
        if random_state
        else None
    )
    return x, params, dh, state0


def _numeric(cell, x, params, dh, state0):
    return numeric_grads(lambda x, p, s: ref.forward(cell, x, p, s), x, params, dh, state0)


# ---------------------------------------------------------------------------
# API shape
# ---------------------------------------------------------------------------


def test_cells_order():
    assert ref.CELLS == (
        "rnn", "lstm", "peephole_lstm", "gru", "gru_reset_after", "lstm_nig", "lstm_nfg",
        "lstm_nog", "lstm_niaf", "lstm_noaf", "lstm_np", "lstm_cifg", "lstm_fgr", "mgu",
    )  # fmt: skip


@pytest.mark.parametrize("cell", ref.CELLS)
def test_states(cell):
    s = ref.states(cell)
    assert s[0] == "h"
    if cell in ("rnn", "gru", "gru_reset_after", "mgu"):
        assert s == ("h",)
    elif cell == "lstm_fgr":
        assert s == ("h", "c", "i", "f", "o")
    else:
        assert s == ("h", "c")


def _wub(*gates):
    return {f"{k}_{g}" for g in gates for k in "WUb"}


EXPECTED_PARAMS = {
    "rnn": {"W", "U", "b"},
    "lstm": _wub("i", "f", "g", "o"),
    "peephole_lstm": _wub("i", "f", "g", "o") | {"p_i", "p_f", "p_o"},
    "gru": _wub("r", "z", "n"),
    "gru_reset_after": _wub("r", "z", "n") | {"b_hn"},
    "lstm_nig": _wub("f", "g", "o") | {"p_f", "p_o"},
    "lstm_nfg": _wub("i", "g", "o") | {"p_i", "p_o"},
    "lstm_nog": _wub("i", "f", "g") | {"p_i", "p_f"},
    "lstm_niaf": _wub("i", "f", "g", "o") | {"p_i", "p_f", "p_o"},
    "lstm_noaf": _wub("i", "f", "g", "o") | {"p_i", "p_f", "p_o"},
    "lstm_np": _wub("i", "f", "g", "o"),
    "lstm_cifg": _wub("i", "g", "o") | {"p_i", "p_o"},
    "lstm_fgr": _wub("i", "f", "g", "o")
    | {"p_i", "p_f", "p_o"}
    | {f"R_{a}{b}" for a in "ifo" for b in "ifo"},
    "mgu": _wub("f", "n"),
}


@pytest.mark.parametrize("cell", ref.CELLS)
def test_param_shapes(cell):
    shapes = ref.param_shapes(cell, 3, 5)
    assert set(shapes) == EXPECTED_PARAMS[cell]
    for name, shape in shapes.items():
        kind = name.split("_")[0]
        assert shape == {"W": (5, 3), "U": (5, 5), "R": (5, 5), "b": (5,), "p": (5,)}[kind]


@pytest.mark.parametrize("cell", ref.CELLS)
def test_forward_shapes_and_final_state(cell):
    T, B, I, H = 4, 3, 2, 5
    x, params, _, state0 = _problem(cell, (T, B, I, H))
    hs, final = ref.forward(cell, x, params, state0)
    assert hs.shape == (T, B, H)
    assert set(final) == set(ref.states(cell))
    assert all(v.shape == (B, H) for v in final.values())
    np.testing.assert_array_equal(final["h"], hs[-1])


@pytest.mark.parametrize("cell", ref.CELLS)
def test_forward_can_be_split_in_time(cell):
    x, params, _, state0 = _problem(cell, (5, 2, 3, 4))
    hs, final = ref.forward(cell, x, params, state0)
    hs1, mid = ref.forward(cell, x[:2], params, state0)
    hs2, final2 = ref.forward(cell, x[2:], params, mid)
    np.testing.assert_allclose(np.concatenate([hs1, hs2]), hs, rtol=1e-14, atol=1e-15)
    for k in final:
        np.testing.assert_allclose(final2[k], final[k], rtol=1e-14, atol=1e-15)


@pytest.mark.parametrize("cell", ref.CELLS)
def test_missing_state_means_zeros(cell):
    x, params, _, _ = _problem(cell, (3, 2, 2, 3))
    zeros = {s: np.zeros((2, 3)) for s in ref.states(cell)}
    hs_none, _ = ref.forward(cell, x, params)
    hs_zero, _ = ref.forward(cell, x, params, zeros)
    hs_partial, _ = ref.forward(cell, x, params, {"h": None})
    np.testing.assert_array_equal(hs_none, hs_zero)
    np.testing.assert_array_equal(hs_none, hs_partial)


@pytest.mark.parametrize("cell", ref.CELLS)
def test_empty_sequence(cell):
    x = np.zeros((0, 2, 3))
    params = ref.init_params(cell, 3, 4, 0)
    state0 = {"h": np.ones((2, 4))}
    hs, final = ref.forward(cell, x, params, state0)
    assert hs.shape == (0, 2, 4)
    np.testing.assert_array_equal(final["h"], 1)
    grads = ref.backward(cell, x, params, np.zeros((0, 2, 4)), state0)
    assert all(not np.any(g) for g in grads.values())


# ---------------------------------------------------------------------------
# Gradients vs central finite differences
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("random_state", [False, True], ids=["zero_state", "random_state"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: "T{}B{}I{}H{}".format(*s))
@pytest.mark.parametrize("cell", ref.CELLS)
def test_backward_matches_finite_differences(cell, size, random_state):
    x, params, dh, state0 = _problem(cell, size, random_state=random_state)
    grads = ref.backward(cell, x, params, dh, state0)
    expected_keys = set(params) | {"x"} | {f"{s}0" for s in ref.states(cell)}
    assert set(grads) == expected_keys
    for k, g in grads.items():
        assert g.dtype == np.float64
    assert grads["x"].shape == x.shape
    numeric = _numeric(cell, x, params, dh, state0)
    assert set(numeric) == expected_keys
    check_grads(grads, numeric, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("cell", ref.CELLS)
def test_backward_larger_weights(cell):
    """Larger weights push gates towards saturation; gradients still exact."""
    T, B, I, H = 3, 2, 2, 3
    rng = np.random.default_rng([7, ref.CELLS.index(cell)])
    params = ref.init_params(cell, I, H, rng, scale=1.5)
    x = rng.standard_normal((T, B, I))
    dh = rng.standard_normal((T, B, H))
    state0 = {s: rng.standard_normal((B, H)) for s in ref.states(cell)}
    grads = ref.backward(cell, x, params, dh, state0)
    check_grads(grads, _numeric(cell, x, params, dh, state0), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("cell", ref.CELLS)
def test_backward_is_linear_in_dh(cell):
    x, params, dh, state0 = _problem(cell, (3, 2, 2, 3))
    dh2 = np.random.default_rng([3, ref.CELLS.index(cell)]).standard_normal(dh.shape)
    g1 = ref.backward(cell, x, params, dh, state0)
    g2 = ref.backward(cell, x, params, dh2, state0)
    g12 = ref.backward(cell, x, params, 2 * dh - dh2, state0)
    for k in g1:
        np.testing.assert_allclose(g12[k], 2 * g1[k] - g2[k], rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------------------
# Cross-checks between cells (exact saturation: σ(±1000) is exactly 1 / 0)
# ---------------------------------------------------------------------------


def _forward_both(cell_a, params_a, cell_b, params_b, size=(4, 2, 3, 3)):
    T, B, I, H = size
    rng = np.random.default_rng(11)
    x = rng.standard_normal((T, B, I))
    state0 = {"h": rng.standard_normal((B, H)), "c": rng.standard_normal((B, H))}
    sa = {k: v for k, v in state0.items() if k in ref.states(cell_a)}
    sb = {k: v for k, v in state0.items() if k in ref.states(cell_b)}
    return ref.forward(cell_a, x, params_a, sa)[0], ref.forward(cell_b, x, params_b, sb)[0]


def test_lstm_np_is_lstm():
    p = ref.init_params("lstm", 3, 3, 1)
    a, b = _forward_both("lstm", p, "lstm_np", p)
    np.testing.assert_array_equal(a, b)


def test_peephole_lstm_with_zero_peepholes_is_lstm():
    p = ref.init_params("peephole_lstm", 3, 3, 2)
    q = {k: v for k, v in p.items() if not k.startswith("p_")}
    p.update(p_i=np.zeros(3), p_f=np.zeros(3), p_o=np.zeros(3))
    a, b = _forward_both("peephole_lstm", p, "lstm", q)
    np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)


def test_peepholes_matter():
    p = ref.init_params("peephole_lstm", 3, 3, 2)
    q = {k: v for k, v in p.items() if not k.startswith("p_")}
    a, b = _forward_both("peephole_lstm", p, "lstm", q)
    assert not np.allclose(a, b)


def test_lstm_fgr_with_zero_recurrence_is_peephole_lstm():
    p = ref.init_params("lstm_fgr", 3, 3, 3)
    q = {k: v for k, v in p.items() if not k.startswith("R_")}
    p.update({k: np.zeros_like(v) for k, v in p.items() if k.startswith("R_")})
    a, b = _forward_both("lstm_fgr", p, "peephole_lstm", q)
    np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)


@pytest.mark.parametrize("cell, gate", [("lstm_nig", "i"), ("lstm_nfg", "f"), ("lstm_nog", "o")])
def test_gate_removal_is_saturated_gate(cell, gate):
    """peephole_lstm with gate == σ(1000) == 1 exactly equals the variant."""
    p = ref.init_params("peephole_lstm", 3, 3, 4)
    q = {k: v for k, v in p.items() if not k.endswith(f"_{gate}")}
    p.update({f"W_{gate}": np.zeros((3, 3)), f"U_{gate}": np.zeros((3, 3))})
    p.update({f"b_{gate}": np.full(3, 1000.0), f"p_{gate}": np.zeros(3)})
    a, b = _forward_both("peephole_lstm", p, cell, q)
    np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)


def test_gru_with_open_reset_is_gru_reset_after():
    """r == 1: both GRU forms give n = tanh(W_n x + U_n h + b_n (+ b_hn))."""
    p = ref.init_params("gru_reset_after", 3, 3, 5)
    p.update(W_r=np.zeros((3, 3)), U_r=np.zeros((3, 3)), b_r=np.full(3, 1000.0))
    q = {k: v for k, v in p.items() if k != "b_hn"}
    q["b_n"] = p["b_n"] + p["b_hn"]
    a, b = _forward_both("gru_reset_after", p, "gru", q)
    np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)


def test_gru_with_closed_update_is_rnn():
    """r == 1, z == 0: h_t = tanh(W_n x + U_n h + b_n)."""
    p = ref.init_params("gru", 3, 3, 6)
    p.update(W_r=np.zeros((3, 3)), U_r=np.zeros((3, 3)), b_r=np.full(3, 1000.0))
    p.update(W_z=np.zeros((3, 3)), U_z=np.zeros((3, 3)), b_z=np.full(3, -1000.0))
    q = {"W": p["W_n"], "U": p["U_n"], "b": p["b_n"]}
    a, b = _forward_both("gru", p, "rnn", q)
    np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)


def test_cifg_by_hand():
    """One step of lstm_cifg written out with f = 1 - i."""
    p = ref.init_params("lstm_cifg", 2, 3, 8)
    rng = np.random.default_rng(9)
    x, h, c = rng.standard_normal((1, 1, 2)), rng.standard_normal((1, 3)), rng.standard_normal((1, 3))

    def sig(a):
        return 1 / (1 + np.exp(-a))

    def aff(g):
        return p[f"W_{g}"] @ x[0, 0] + p[f"U_{g}"] @ h[0] + p[f"b_{g}"]

    i = sig(aff("i") + p["p_i"] * c[0])
    c1 = (1 - i) * c[0] + i * np.tanh(aff("g"))
    o = sig(aff("o") + p["p_o"] * c1)
    hs, final = ref.forward("lstm_cifg", x, p, {"h": h, "c": c})
    np.testing.assert_allclose(final["c"][0], c1, rtol=1e-14)
    np.testing.assert_allclose(hs[0, 0], o * np.tanh(c1), rtol=1e-14)


def test_peephole_lstm_and_fgr_by_hand():
    """Two steps of lstm_fgr written out: p_i, p_f see c_{t-1}, p_o sees c_t,
    R_<to><from> maps the previous <from> gate into the <to> gate; with the
    R's removed the same code is peephole_lstm."""
    p = ref.init_params("lstm_fgr", 2, 3, 13)
    rng = np.random.default_rng(13)
    x = rng.standard_normal((2, 1, 2))
    s = {k: rng.uniform(0.1, 0.9, (1, 3)) for k in ref.states("lstm_fgr")}

    def sig(a):
        return 1 / (1 + np.exp(-a))

    for fgr in (True, False):
        h, c = s["h"][0], s["c"][0]
        prev = {g: s[g][0] for g in "ifo"}
        expected = []
        for t in range(2):

            def pre(g):
                a = p[f"W_{g}"] @ x[t, 0] + p[f"U_{g}"] @ h + p[f"b_{g}"]
                if fgr and g != "g":
                    a = a + sum(p[f"R_{g}{k}"] @ prev[k] for k in "ifo")
                return a

            i = sig(pre("i") + p["p_i"] * c)
            f = sig(pre("f") + p["p_f"] * c)
            c = f * c + i * np.tanh(pre("g"))
            o = sig(pre("o") + p["p_o"] * c)
            h = o * np.tanh(c)
            prev = {"i": i, "f": f, "o": o}
            expected.append(h)
        if fgr:
            hs, final = ref.forward("lstm_fgr", x, p, s)
            for g in "ifo":
                np.testing.assert_allclose(final[g][0], prev[g], rtol=1e-13)
        else:
            q = {k: v for k, v in p.items() if not k.startswith("R_")}
            hs, final = ref.forward("peephole_lstm", x, q, {"h": s["h"], "c": s["c"]})
        np.testing.assert_allclose(hs[:, 0], np.array(expected), rtol=1e-13)
        np.testing.assert_allclose(final["c"][0], c, rtol=1e-13)


def test_mgu_by_hand():
    p = ref.init_params("mgu", 2, 3, 10)
    rng = np.random.default_rng(10)
    x, h = rng.standard_normal((1, 1, 2)), rng.standard_normal((1, 3))
    f = 1 / (1 + np.exp(-(p["W_f"] @ x[0, 0] + p["U_f"] @ h[0] + p["b_f"])))
    n = np.tanh(p["W_n"] @ x[0, 0] + p["U_n"] @ (f * h[0]) + p["b_n"])
    hs, _ = ref.forward("mgu", x, p, {"h": h})
    np.testing.assert_allclose(hs[0, 0], (1 - f) * h[0] + f * n, rtol=1e-14)


def test_lstm_fgr_carries_gates():
    p = ref.init_params("lstm_fgr", 2, 3, 12)
    x = np.random.default_rng(12).standard_normal((2, 1, 2))
    _, final = ref.forward("lstm_fgr", x, p)
    for g in "ifo":
        assert np.all((final[g] > 0) & (final[g] < 1))


# ---------------------------------------------------------------------------
# PyTorch
# ---------------------------------------------------------------------------


def _torch_case(kind, T=5, B=3, I=4, H=3, seed=0):
    torch = pytest.importorskip("torch")
    torch.manual_seed(seed)
    module = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    kwargs = {"nonlinearity": "tanh"} if kind == "rnn" else {}
    net = module(I, H, **kwargs).double()
    with torch.no_grad():  # the default init is small; make the test more sensitive
        for w in net.parameters():
            w.normal_(0, 0.6)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((T, B, I))
    h0 = 0.5 * rng.standard_normal((B, H))
    c0 = 0.5 * rng.standard_normal((B, H))
    dh = rng.standard_normal((T, B, H))

    xt = torch.tensor(x, requires_grad=True)
    h0t = torch.tensor(h0[None], requires_grad=True)
    c0t = torch.tensor(c0[None], requires_grad=True)
    if kind == "lstm":
        out, (hn, cn) = net(xt, (h0t, c0t))
        final = {"h": hn[0], "c": cn[0]}
    else:
        out, hn = net(xt, h0t)
        final = {"h": hn[0]}
    (out * torch.tensor(dh)).sum().backward()

    def npy(t):
        return t.detach().numpy().copy()

    w_ih, w_hh = npy(net.weight_ih_l0), npy(net.weight_hh_l0)
    b_ih, b_hh = npy(net.bias_ih_l0), npy(net.bias_hh_l0)
    gw_ih, gw_hh = npy(net.weight_ih_l0.grad), npy(net.weight_hh_l0.grad)
    gb_ih, gb_hh = npy(net.bias_ih_l0.grad), npy(net.bias_hh_l0.grad)

    if kind == "rnn":
        cell = "rnn"
        params = {"W": w_ih, "U": w_hh, "b": b_ih + b_hh}
        tgrads = {"W": gw_ih, "U": gw_hh, "b": gb_ih}
        assert np.allclose(gb_ih, gb_hh)
    elif kind == "lstm":
        cell = "lstm"
        params, tgrads = {}, {}
        for k, g in enumerate("ifgo"):
            sl = slice(k * H, (k + 1) * H)
            params.update({f"W_{g}": w_ih[sl], f"U_{g}": w_hh[sl], f"b_{g}": b_ih[sl] + b_hh[sl]})
            tgrads.update({f"W_{g}": gw_ih[sl], f"U_{g}": gw_hh[sl], f"b_{g}": gb_ih[sl]})
    else:
        cell = "gru_reset_after"
        params, tgrads = {}, {}
        for k, g in enumerate("rzn"):
            sl = slice(k * H, (k + 1) * H)
            params.update({f"W_{g}": w_ih[sl], f"U_{g}": w_hh[sl]})
            tgrads.update({f"W_{g}": gw_ih[sl], f"U_{g}": gw_hh[sl]})
            if g == "n":
                params.update(b_n=b_ih[sl], b_hn=b_hh[sl])
                tgrads.update(b_n=gb_ih[sl], b_hn=gb_hh[sl])
            else:
                params[f"b_{g}"] = b_ih[sl] + b_hh[sl]
                tgrads[f"b_{g}"] = gb_ih[sl]
    tgrads["x"] = npy(xt.grad)
    tgrads["h0"] = npy(h0t.grad)[0]
    state0 = {"h": h0}
    if kind == "lstm":
        tgrads["c0"] = npy(c0t.grad)[0]
        state0["c"] = c0
    return cell, x, params, state0, dh, npy(out), {k: npy(v) for k, v in final.items()}, tgrads


@pytest.mark.parametrize("shape", [(1, 1, 1, 1), (5, 3, 4, 3), (7, 2, 3, 6)])
@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_matches_torch(kind, shape):
    T, B, I, H = shape
    cell, x, params, state0, dh, out, final, tgrads = _torch_case(kind, T, B, I, H)
    hs, our_final = ref.forward(cell, x, params, state0)
    np.testing.assert_allclose(hs, out, rtol=1e-10, atol=1e-13)
    assert set(our_final) == set(final)
    for k in final:
        np.testing.assert_allclose(our_final[k], final[k], rtol=1e-10, atol=1e-13)
    grads = ref.backward(cell, x, params, dh, state0)
    assert set(grads) == set(tgrads)
    for k in tgrads:
        np.testing.assert_allclose(grads[k], tgrads[k], rtol=1e-10, atol=1e-13, err_msg=k)


def test_lstm_np_matches_torch():
    cell, x, params, state0, dh, out, _, tgrads = _torch_case("lstm", seed=3)
    hs, _ = ref.forward("lstm_np", x, params, state0)
    np.testing.assert_allclose(hs, out, rtol=1e-10, atol=1e-13)
    grads = ref.backward("lstm_np", x, params, dh, state0)
    for k in tgrads:
        np.testing.assert_allclose(grads[k], tgrads[k], rtol=1e-10, atol=1e-13, err_msg=k)


# ---------------------------------------------------------------------------
# Numerical stability and dtypes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_tanh_extremes(dtype):
    a = np.array([-1000, -100, -30, -1, 0, 1, 30, 100, 1000], dtype=dtype)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        s, t = ref.sigmoid(a), ref.tanh(a)
    assert s.dtype == dtype and t.dtype == dtype
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(t))
    assert s[0] == 0 and s[-1] == 1 and s[4] == 0.5
    assert t[0] == -1 and t[-1] == 1 and t[4] == 0
    assert np.all(np.diff(s) >= 0)


@settings(max_examples=200, deadline=None)
@given(st.floats(-60, 60, allow_nan=False))
def test_sigmoid_matches_definition(a):
    s = ref.sigmoid(np.float64(a))
    assert s == pytest.approx(1 / (1 + np.exp(-a)), rel=1e-14, abs=1e-300)
    assert ref.sigmoid(np.float64(-a)) == pytest.approx(1 - s, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("cell", ref.CELLS)
def test_cells_stable_for_huge_preactivations(cell, dtype):
    """Pre-activations of ±1000 and beyond: no warnings, finite results."""
    T, B, I, H = 3, 2, 2, 3
    rng = np.random.default_rng([5, ref.CELLS.index(cell)])
    params = ref.init_params(cell, I, H, rng, dtype=dtype)
    for k, v in params.items():
        if k.startswith("b"):
            params[k] = np.where(np.arange(H) % 2 == 0, 1000, -1000).astype(dtype)
        elif k.startswith("W"):
            params[k] = v * 1000
    x = rng.standard_normal((T, B, I)).astype(dtype)
    dh = rng.standard_normal((T, B, H)).astype(dtype)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        hs, final = ref.forward(cell, x, params)
        grads = ref.backward(cell, x, params, dh)
    assert np.all(np.isfinite(hs))
    assert all(np.all(np.isfinite(v)) for v in final.values())
    assert all(np.all(np.isfinite(g)) for g in grads.values())


@pytest.mark.parametrize("cell", ref.CELLS)
def test_float32_is_kept(cell):
    x, params, dh, state0 = _problem(cell, (3, 2, 2, 3), dtype=np.float32)
    hs, final = ref.forward(cell, x, params, state0)
    grads = ref.backward(cell, x, params, dh, state0)
    assert hs.dtype == np.float32
    assert all(v.dtype == np.float32 for v in final.values())
    assert all(g.dtype == np.float32 for g in grads.values())
    # float64 parameters / states are cast to x's dtype too
    p64 = {k: v.astype(np.float64) for k, v in params.items()}
    s64 = {k: v.astype(np.float64) for k, v in state0.items()}
    hs2, _ = ref.forward(cell, x, p64, s64)
    assert hs2.dtype == np.float32
    # and the float32 result is close to the float64 one
    hs64, _ = ref.forward(cell, x.astype(np.float64), p64, s64)
    np.testing.assert_allclose(hs, hs64, rtol=1e-4, atol=1e-5)


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: ref.states("lstmm"),
        lambda: ref.param_shapes("lstmm", 2, 3),
        lambda: ref.init_params("lstmm", 2, 3, 0),
        lambda: ref.forward("lstmm", np.zeros((1, 1, 2)), {}),
        lambda: ref.backward("lstmm", np.zeros((1, 1, 2)), {}, np.zeros((1, 1, 3))),
    ],
)
def test_unknown_cell(call):
    with pytest.raises(ValueError, match="lstmm") as err:
        call()
    for name in ref.CELLS:
        assert name in str(err.value)


@pytest.mark.parametrize("cell", ref.CELLS)
def test_missing_param(cell):
    params = ref.init_params(cell, 2, 3, 0)
    name = sorted(params)[-1]
    expected = ref.param_shapes(cell, 2, 3)[name]
    del params[name]
    with pytest.raises(ValueError, match="missing") as err:
        ref.forward(cell, np.zeros((1, 1, 2)), params)
    assert repr(name) in str(err.value)
    assert str(expected) in str(err.value)
    with pytest.raises(ValueError, match=repr(name)):
        ref.backward(cell, np.zeros((1, 1, 2)), params, np.zeros((1, 1, 3)))


def test_no_params_at_all():
    with pytest.raises(ValueError, match=r"missing parameter 'W' \(expected shape \(H, 2\)\)"):
        ref.forward("rnn", np.zeros((1, 1, 2)), {})


@pytest.mark.parametrize("cell", ref.CELLS)
def test_wrong_shape(cell):
    params = ref.init_params(cell, 2, 3, 0)
    name = sorted(params)[0]
    expected = params[name].shape
    params[name] = np.zeros(expected[::-1] + (1,))
    with pytest.raises(ValueError) as err:
        ref.forward(cell, np.zeros((1, 1, 2)), params)
    msg = str(err.value)
    assert repr(name) in msg
    assert str(params[name].shape) in msg
    assert str(expected) in msg


def test_wrong_input_width_names_w():
    params = ref.init_params("lstm", 2, 3, 0)
    with pytest.raises(ValueError, match=r"'W_i' has shape \(3, 2\), expected shape \(3, 4\)"):
        ref.forward("lstm", np.zeros((1, 1, 4)), params)


def test_unexpected_param():
    params = ref.init_params("peephole_lstm", 2, 3, 0)
    with pytest.raises(ValueError, match="p_i"):
        ref.forward("lstm", np.zeros((1, 1, 2)), params)


def test_bad_state_and_dh():
    params = ref.init_params("lstm", 2, 3, 0)
    x = np.zeros((2, 1, 2))
    with pytest.raises(ValueError, match=r"'c' has shape \(1, 2\), expected shape \(1, 3\)"):
        ref.forward("lstm", x, params, {"c": np.zeros((1, 2))})
    with pytest.raises(ValueError, match="unknown states"):
        ref.forward("lstm", x, params, {"q": np.zeros((1, 3))})
    with pytest.raises(ValueError, match="dh"):
        ref.backward("lstm", x, params, np.zeros((1, 1, 3)))
    with pytest.raises(ValueError, match=r"\(T, B, I\)"):
        ref.forward("lstm", np.zeros((2, 2)), params)
