"""Gradient flow: derived Jacobians evaluated numerically vs finite differences, products, the plot, the CLI."""
import numpy as np
import pytest

import symlstm
from symlstm.checks.check import random_inputs
from symlstm.commands.cli import main
from symlstm.models.flow import (
    FlowResult, finite_difference_jacobians, flow_table, gradient_flow, init_params, jacobian_products,
    plot_flow, step_jacobians,
)


@pytest.mark.parametrize("name", symlstm.available_cells())
def test_derived_step_jacobians_match_finite_differences(name):
    cell = symlstm.cell(name)
    x, params, state0, _ = random_inputs(cell, 4, 2, 2, 3, np.random.default_rng(7))
    J = step_jacobians(name, x, params, state0)
    F = finite_difference_jacobians(name, x, params, state0)
    S = len(cell.states)
    assert J.shape == F.shape == (4, 2, 3 * S, 3 * S)
    np.testing.assert_allclose(J, F, rtol=1e-6, atol=1e-8)
    # and so do their products over time
    np.testing.assert_allclose(jacobian_products(J), jacobian_products(F), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ["rnn", "lstm", "gru"])
def test_product_is_the_jacobian_of_the_whole_sequence(name):
    """∂s_T/∂s_0 from the product equals finite differences of the full T-step forward pass."""
    cell = symlstm.cell(name)
    T, B, I, H = 5, 2, 2, 3
    x, params, state0, _ = random_inputs(cell, T, B, I, H, np.random.default_rng(3))
    P = jacobian_products(step_jacobians(name, x, params, state0))[T]       # (B, S·H, S·H)
    compiled = symlstm.compile(name)
    eps = 1e-6
    for ib, b in enumerate(cell.states):
        for k in range(H):
            plus = {s: v.copy() for s, v in state0.items()}
            minus = {s: v.copy() for s, v in state0.items()}
            plus[b][:, k] += eps
            minus[b][:, k] -= eps
            fp = compiled.forward(x, params, plus)[1]
            fm = compiled.forward(x, params, minus)[1]
            col = np.concatenate([(fp[s] - fm[s]) / (2 * eps) for s in cell.states], axis=1)
            np.testing.assert_allclose(P[:, :, ib * H + k], col, rtol=1e-6, atol=1e-9)


def test_rnn_lag_one_norm_is_the_hand_formula():
    """‖∂h_T/∂h_{T-1}‖ = ‖diag(1 − h_T²) U‖₂, averaged geometrically over the batch."""
    r = gradient_flow("rnn", steps=6, n_in=3, n_hidden=4, batch=5, seed=11)
    rng = np.random.default_rng(11)
    params = init_params("rnn", 3, 4, rng)
    x = rng.standard_normal((6, 5, 3))
    hs, _ = symlstm.compile("rnn").forward(x, params)
    norms = [np.linalg.norm((1 - hs[-1, b] ** 2)[:, None] * params["U"], 2) for b in range(5)]
    assert r.at("h", 1) == pytest.approx(np.exp(np.mean(np.log(norms))), rel=1e-12)
    assert r.at("h", 0) == 1.0 and r.norms["h"].shape == (7,) and list(r.lags) == list(range(7))


def test_forget_bias_one_keeps_the_memory_longer():
    plain = gradient_flow("lstm", steps=40, n_hidden=8, batch=4)
    biased = gradient_flow("lstm", steps=40, n_hidden=8, batch=4, forget_bias=1.0)
    assert biased.label == "lstm (b_f = 1)"
    assert biased.at("c", 40) > 100 * plain.at("c", 40)
    assert np.all(np.diff(np.log(plain.norms["c"])) < 0)       # decays at every step
    with pytest.raises(ValueError, match="no forget-gate bias"):
        gradient_flow("rnn", forget_bias=1.0)
    with pytest.raises(ValueError, match="steps must be a positive integer"):
        gradient_flow("rnn", steps=0)


def test_init_params_follows_the_documented_distribution():
    p = init_params("lstm", 5, 16, np.random.default_rng(0), forget_bias=2.0)
    assert p["W_i"].shape == (16, 5) and p["U_o"].shape == (16, 16)
    assert np.all(np.abs(p["U_f"]) <= 0.25) and np.all(p["b_f"] == 2.0)


def test_plot_is_deterministic_and_tables_render(tmp_path):
    results = [gradient_flow("rnn", steps=10, n_hidden=4, batch=2),
               gradient_flow("lstm", steps=10, n_hidden=4, batch=2)]
    a = plot_flow(results, tmp_path / "a.png")
    b = plot_flow(results, tmp_path / "b.png")
    assert a.read_bytes() == b.read_bytes() and a.read_bytes()[:4] == b"\x89PNG"
    table = flow_table(results)
    assert "| lstm: ‖∂c_T/∂c_t‖ |" in table and "T − t = 10" in table
    assert isinstance(results[1], FlowResult) and "‖∂h_T/∂h_t‖" in results[1]._repr_markdown_()


def test_cli(capsys, tmp_path):
    out = tmp_path / "f.png"
    assert main(["flow", "rnn", "lstm", "--steps", "12", "--hidden", "4", "--batch", "2",
                 "--forget-bias", "1", "-o", str(out)]) == 0
    cap = capsys.readouterr()
    lines = cap.out.splitlines()
    assert lines[0].split()[0] == "curve" and len(lines) == 1 + 1 + 2 + 2
    r = gradient_flow("rnn", steps=12, n_hidden=4, batch=2)
    assert f"{r.at('h', 10):.3g}" in lines[1]
    assert out.read_bytes()[:4] == b"\x89PNG" and "wrote" in cap.err
    assert main(["flow", "rnn", "--forget-bias", "1"]) == 2
    assert main(["flow", "rnn", "-o", str(tmp_path / "f.svg")]) == 2
    assert "expected a .png" in capsys.readouterr().err
