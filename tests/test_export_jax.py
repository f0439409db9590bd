"""The JAX export: jax.grad of plain JAX cells written here and the NumPy backend as oracles; jit, vmap, bad input."""
import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import symlstm

jax = pytest.importorskip("jax", reason="JAX is an extra: pip install symlstm[jax]")
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_LOADED = {}


def load_source(source, name, directory):
    path = directory / f"{name}_jax.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(f"exported_{name}_jax", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(name, tmp_path_factory):
    if name not in _LOADED:
        _LOADED[name] = load_source(symlstm.export(name, to="jax"), name, tmp_path_factory.mktemp("export"))
    return _LOADED[name]


def random_case(name, seed=0, T=3, B=3, I=2, H=3):
    rng = np.random.default_rng(seed)
    cell = symlstm.cell(name)
    params = {k: 0.5 * rng.standard_normal(s) for k, s in cell.param_shapes(I, H).items()}
    x = rng.standard_normal((T, B, I))
    state0 = {s: rng.standard_normal((B, H)) for s in cell.states}
    dh = rng.standard_normal((T, B, H))
    dfinal = {s: rng.standard_normal((B, H)) for s in cell.states}
    return params, x, state0, dh, dfinal


# ---- plain JAX implementations of three cells, written from the equations (the oracle)
def _lin(p, g, x, h):
    return x @ p[f"W_{g}"].T + h @ p[f"U_{g}"].T + p[f"b_{g}"]


def plain_lstm(p, x, s, peephole=False):
    h, c = s["h"], s["c"]
    hs = []
    for x_t in x:
        c_prev = c
        i = jax.nn.sigmoid(_lin(p, "i", x_t, h) + (p["p_i"] * c_prev if peephole else 0))
        f = jax.nn.sigmoid(_lin(p, "f", x_t, h) + (p["p_f"] * c_prev if peephole else 0))
        g = jnp.tanh(_lin(p, "g", x_t, h))
        c = f * c_prev + i * g
        o = jax.nn.sigmoid(_lin(p, "o", x_t, h) + (p["p_o"] * c if peephole else 0))
        h = o * jnp.tanh(c)
        hs.append(h)
    return jnp.stack(hs), {"h": h, "c": c}


def plain_gru_reset_after(p, x, s):
    h = s["h"]
    hs = []
    for x_t in x:
        r = jax.nn.sigmoid(_lin(p, "r", x_t, h))
        z = jax.nn.sigmoid(_lin(p, "z", x_t, h))
        n = jnp.tanh(x_t @ p["W_n"].T + r * (h @ p["U_n"].T + p["b_hn"]) + p["b_n"])
        h = z * h + (1 - z) * n
        hs.append(h)
    return jnp.stack(hs), {"h": h}


PLAIN = {"lstm": plain_lstm, "peephole_lstm": lambda p, x, s: plain_lstm(p, x, s, peephole=True),
         "gru_reset_after": plain_gru_reset_after}


def _loss(run, dh, dfinal):
    def loss(params, x, state0):
        hs, final = run(params, x, state0)
        return jnp.sum(hs * dh) + sum(jnp.sum(final[s] * d) for s, d in dfinal.items())
    return loss


def _assert_trees_close(a, b, tol=1e-10):
    la, lb = jax.tree_util.tree_leaves(a), jax.tree_util.tree_leaves(b)
    assert jax.tree_util.tree_structure(a) == jax.tree_util.tree_structure(b)
    for u, v in zip(la, lb):
        np.testing.assert_allclose(np.asarray(u), np.asarray(v), rtol=0, atol=tol)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_gradients_agree_with_plain_jax(name, tmp_path_factory):
    m = load(name, tmp_path_factory)
    params, x, state0, dh, dfinal = random_case(name)
    hs, final = m.forward(params, x, state0)
    want_hs, want_final = PLAIN[name](params, x, state0)
    _assert_trees_close((hs, final), (want_hs, want_final))
    got = jax.grad(_loss(m.forward, dh, dfinal), argnums=(0, 1, 2))(params, x, state0)
    want = jax.grad(_loss(PLAIN[name], dh, dfinal), argnums=(0, 1, 2))(params, x, state0)
    _assert_trees_close(got, want)


@pytest.mark.parametrize("name", symlstm.available_cells())
def test_agrees_with_numpy_backend(name, tmp_path_factory):
    m = load(name, tmp_path_factory)
    params, x, state0, dh, _ = random_case(name, seed=1)
    compiled = symlstm.compile(symlstm.cell(name))
    want_hs, want_final = compiled.forward(x, params, state0)
    want = compiled.backward(x, params, dh, state0)
    hs, final = jax.jit(m.forward)(params, x, state0)
    _assert_trees_close((hs, final), (want_hs, want_final))
    gp, gx, gs = jax.grad(_loss(m.forward, dh, {}), argnums=(0, 1, 2))(params, x, state0)
    _assert_trees_close((gp, gx, {s + "0": v for s, v in gs.items()}),
                        ({k: want[k] for k in params}, want["x"], {s + "0": want[s + "0"] for s in state0}))


def test_jit_grad_and_vmap_over_sequences(tmp_path_factory):
    m = load("peephole_lstm", tmp_path_factory)
    params, x, state0, dh, dfinal = random_case("peephole_lstm", seed=2)
    loss = _loss(m.forward, dh, dfinal)
    _assert_trees_close(jax.jit(jax.grad(loss))(params, x, state0), jax.grad(loss)(params, x, state0), 1e-12)
    xs = np.stack([x, 2 * x, -x])                       # (N, T, B, I): three sequences
    batched = jax.jit(jax.vmap(lambda p, x: m.forward(p, x)[0], in_axes=(None, 0)))(params, xs)
    one_hs = jax.jit(lambda p, x: m.forward(p, x)[0])
    one_grad = jax.jit(jax.grad(lambda p, x: jnp.sum(m.forward_autodiff(p, x)[0] * dh)))
    per_seq = jax.jit(jax.vmap(jax.grad(lambda p, x: jnp.sum(m.forward(p, x)[0] * dh)), in_axes=(None, 0)))(params, xs)
    for k in range(3):
        _assert_trees_close(batched[k], one_hs(params, xs[k]), 1e-12)
        _assert_trees_close(jax.tree_util.tree_map(lambda a: a[k], per_seq), one_grad(params, xs[k]))


def test_init(tmp_path_factory):
    m = load("gru_reset_after", tmp_path_factory)
    p = m.init(jax.random.PRNGKey(0), 3, 16, jnp.float32)
    assert list(p) == list(m.PARAM_SHAPES)
    assert {k: v.shape for k, v in p.items()} == symlstm.cell("gru_reset_after").param_shapes(3, 16)
    assert all(v.dtype == jnp.float32 and float(jnp.abs(v).max()) <= 0.25 for v in p.values())
    _assert_trees_close(p, m.init(jax.random.PRNGKey(0), 3, 16, jnp.float32), 0)
    hs, final = jax.jit(m.forward)(p, jnp.ones((5, 2, 3), jnp.float32))
    assert hs.shape == (5, 2, 16) and hs.dtype == jnp.float32 and final["h"].shape == (2, 16)
    with pytest.raises(ValueError, match="hidden_size must be a positive int"):
        m.init(jax.random.PRNGKey(0), 3, 0)


def test_bad_input(tmp_path_factory):
    m = load("lstm", tmp_path_factory)
    params, x, state0, _, _ = random_case("lstm")
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, I\)"):
        m.forward(params, x[0])
    with pytest.raises(ValueError, match="parameter 'W_f' has shape"):
        m.forward({**params, "W_f": np.zeros((3, 5))}, x)
    with pytest.raises(ValueError, match="parameter 'b_o' has dtype float32, but x has dtype float64"):
        m.forward({**params, "b_o": np.zeros(3, np.float32)}, x)
    with pytest.raises(ValueError, match=r"state0\['c'\] has shape \(2, 3\), expected \(3, 3\)"):
        m.forward(params, x, {"c": np.zeros((2, 3))})
    with pytest.raises(ValueError, match=r"unknown states \['n'\]"):
        m.forward(params, x, {"n": np.zeros((3, 3))})
    with pytest.raises(ValueError, match=r"missing \['U_g'\]"):
        m.forward({k: v for k, v in params.items() if k != "U_g"}, x)


def test_source_is_standalone_deterministic_and_documented():
    cell = symlstm.cell("gru_reset_after")
    source = symlstm.export(cell, to="jax")
    assert source == symlstm.export("gru_reset_after", to="jax")
    tree = ast.parse(source)
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imported == {"jax", "math"}
    for line in cell.text().splitlines():
        assert line in ast.get_docstring(tree)


def test_cli_exports_a_cell_file(tmp_path):
    out = tmp_path / "janet_jax.py"
    cmd = [sys.executable, "-m", "symlstm", "export", str(ROOT / "docs/examples/janet.cell"), "--to", "jax",
           "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    m = load_source(out.read_text(), "janet_cli", tmp_path)
    params, x, state0, dh, _ = random_case("lstm", seed=3)      # shapes only; janet's own params below
    p = m.init(jax.random.PRNGKey(1), 2, 3, jnp.float64)
    compiled = symlstm.compile(symlstm.load_cell(ROOT / "docs/examples/janet.cell"))
    want = compiled.backward(x, {k: np.asarray(v) for k, v in p.items()}, dh)
    got = jax.grad(lambda p: jnp.sum(m.forward(p, x)[0] * dh))(p)
    _assert_trees_close(got, {k: want[k] for k in p})
