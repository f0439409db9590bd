"""Scalar unrolling: the exact gradient program against generated code, finite differences,
the hand-written reference and plain sympy.diff of the fully unrolled expression."""
import json

import numpy as np
import pytest
import sympy

import symlstm
from symlstm import reference
from symlstm.commands.cli import main
from symlstm.unroll import unroll

CELLS = symlstm.available_cells()
SEED_VALUES = dict(W_f=1.63, U_f=2.70, b_f=1.62, W_i=1.65, U_i=2.00, b_i=0.62,
                   W_g=0.94, U_g=1.41, b_g=-0.32, W_o=-0.19, U_o=4.38, b_o=0.59)


def random_values(u, rng, scale=0.6):
    vals = {name: rng.standard_normal(arr.shape) * scale for name, arr in u.weights.items()}
    vals["x"] = rng.standard_normal(u.expected_values()["x"])
    for name, shape in u.expected_values().items():
        if name not in vals:
            vals[name] = rng.standard_normal(shape) * scale if shape else float(rng.standard_normal())
    return vals


def fd_gradient(u, vals, name, eps=1e-6):
    """Central differences of the evaluated objective with respect to every entry of vals[name]."""
    base = np.array(vals[name], dtype=float)
    g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        out = []
        for sign in (1, -1):
            arr = base.copy()
            arr[idx] += sign * eps
            out.append(u.evaluate({**vals, name: arr}, gradient=False).objective)
        g[idx] = (out[0] - out[1]) / (2 * eps)
    return g


# ------------------------------------------------------------------------- vs generated code
@pytest.mark.parametrize("name", CELLS)
def test_gradient_equals_compiled_backward(name, rng):
    """dh_T[0]/dW of the unrolled program == the generated code's backward with B=1 and
    dh zero except component 0 of the last step; also dx and the initial states."""
    T, I, H = 3, 2, 2
    u = unroll(name, T, n_in=I, n_hidden=H, initial="symbols")
    vals = random_values(u, rng)
    ev = u.evaluate(vals)
    c = symlstm.compile(name)
    x = np.asarray(vals["x"]).reshape(T, 1, I)
    params = {n: vals[n] for n in c.cell.param_names}
    state0 = {s: np.asarray(vals[f"{s}_0"]).reshape(1, H) for s in c.cell.states}
    hs, _ = c.forward(x, params, state0)
    assert np.allclose([row["h"] for row in ev.steps], hs[:, 0, :], rtol=1e-12, atol=1e-12)
    assert ev.output == pytest.approx(hs[-1, 0, 0], rel=1e-12, abs=1e-12)
    dh = np.zeros((T, 1, H))
    dh[-1, 0, 0] = 1.0
    grads = c.backward(x, params, dh, state0)
    for p in c.cell.param_names:
        np.testing.assert_allclose(ev.gradient[p], grads[p], rtol=1e-9, atol=1e-12, err_msg=p)
    np.testing.assert_allclose(ev.input_gradient["x"], grads["x"][:, 0, :], rtol=1e-9, atol=1e-12)
    for s in c.cell.states:
        np.testing.assert_allclose(ev.input_gradient[f"{s}_0"], grads[f"{s}0"][0], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", ["lstm", "gru", "peephole_lstm"])
def test_gradient_other_output_component_and_zero_start(name, rng):
    T, I, H = 4, 1, 3
    u = unroll(name, T, n_in=I, n_hidden=H, output=2)
    vals = random_values(u, rng)
    ev = u.evaluate(vals)
    c = symlstm.compile(name)
    dh = np.zeros((T, 1, H))
    dh[-1, 0, 2] = 1.0
    grads = c.backward(np.asarray(vals["x"]).reshape(T, 1, I), {n: vals[n] for n in c.cell.param_names}, dh)
    for p in c.cell.param_names:
        np.testing.assert_allclose(ev.gradient[p], grads[p], rtol=1e-9, atol=1e-12, err_msg=p)


# ------------------------------------------------------------------------- vs finite differences
@pytest.mark.parametrize("name,loss", [("lstm", None), ("lstm", "squared_error"), ("gru", "squared_error"),
                                       ("rnn", None), ("peephole_lstm", None), ("mgu", None)])
def test_gradient_matches_finite_differences(name, loss, rng):
    u = unroll(name, 4, n_in=2, n_hidden=2, loss=loss, initial="symbols")
    vals = random_values(u, rng)
    ev = u.evaluate(vals)
    for p in u.weights:
        np.testing.assert_allclose(ev.gradient[p], fd_gradient(u, vals, p), rtol=1e-6, atol=1e-8, err_msg=p)
    np.testing.assert_allclose(ev.input_gradient["x"], fd_gradient(u, vals, "x"), rtol=1e-6, atol=1e-8)
    for s in u.cell.states:
        np.testing.assert_allclose(ev.input_gradient[f"{s}_0"], fd_gradient(u, vals, f"{s}_0"),
                                   rtol=1e-6, atol=1e-8)


def test_callable_loss_with_several_outputs(rng):
    y0, y1 = sympy.symbols("y0 y1", real=True)
    u = unroll("lstm", 3, n_in=1, n_hidden=2,
               loss=lambda h: (h[0] - y0) ** 2 + sympy.Rational(1, 2) * (h[1] - y1) ** 2)
    assert [s.name for s in u.targets] == ["y0", "y1"]
    vals = random_values(u, rng)
    ev = u.evaluate(vals)
    h = ev.steps[-1]["h"]
    assert ev.objective == pytest.approx((h[0] - vals["y0"]) ** 2 + 0.5 * (h[1] - vals["y1"]) ** 2)
    for p in u.weights:
        np.testing.assert_allclose(ev.gradient[p], fd_gradient(u, vals, p), rtol=1e-6, atol=1e-8, err_msg=p)


# ------------------------------------------------------------------------- independent oracles
def test_forward_equals_reference_for_the_worked_example():
    """The seed's single-unit LSTM over four days: the table's numbers are the hand-written
    reference's (an independent NumPy implementation)."""
    x = [0.0, 0.5, 0.25, 1.0]
    u = unroll("lstm", 4)
    ev = u.evaluate({**SEED_VALUES, "x": x})
    params = {k: np.array(v).reshape(symlstm.cell("lstm").param_shapes(1, 1)[k]) for k, v in SEED_VALUES.items()}
    hs, final = reference.forward("lstm", np.array(x).reshape(4, 1, 1), params)
    assert [row["h"] for row in ev.steps] == pytest.approx(hs[:, 0, 0].tolist(), rel=1e-13)
    assert ev.steps[-1]["c"] == pytest.approx(final["c"][0, 0], rel=1e-13)
    table = u.table(ev)
    for t, row in enumerate(ev.steps):
        assert f"{row['h']:.6g}" in table.splitlines()[2 + t]
    # the trained weights of the worked example predict tomorrow's price: ~0 for company A, ~1 for B
    assert ev.output == pytest.approx(0.0064, abs=1e-3)
    assert u.evaluate({**SEED_VALUES, "x": [1.0, 0.5, 0.25, 1.0]}).output == pytest.approx(0.969, abs=1e-3)


def _evaluate_program_symbolically(u, vals):
    """Evaluate the SymPy assignments of .program one by one (no templates, no lambdify)."""
    env = {}
    for name, arr in u.weights.items():
        a = np.asarray(vals[name], dtype=float).reshape(arr.shape)
        for idx in np.ndindex(arr.shape):
            env[arr[idx]] = sympy.Float(a[idx], 30)
    xs = np.asarray(vals["x"], dtype=float).reshape(u.T, u.n_in)
    for t, row in enumerate(u.inputs):
        for k, s in enumerate(row):
            env[s] = sympy.Float(xs[t, k], 30)
    for s in u.targets:
        env[s] = sympy.Float(vals[s.name], 30)
    for lhs, e in u.program:
        env[lhs] = e.xreplace(env).evalf(30)
    return env


@pytest.mark.parametrize("name", ["lstm", "gru_reset_after"])
def test_program_expressions_evaluate_to_the_fast_numbers(name, rng):
    """The numeric evaluator runs the same program the SymPy expressions state."""
    u = unroll(name, 3, n_in=1, n_hidden=2, loss="squared_error")
    vals = random_values(u, rng)
    ev = u.evaluate(vals)
    env = _evaluate_program_symbolically(u, vals)
    assert float(env[u.objective[0]]) == pytest.approx(ev.objective, rel=1e-12)
    for w, g in u.gradient.items():
        assert float(g.xreplace(env)) == pytest.approx(ev.gradient_scalars[w.name], rel=1e-10, abs=1e-14)


@pytest.mark.parametrize("name,H", [("lstm", 1), ("peephole_lstm", 1), ("gru", 2), ("rnn", 2)])
def test_exact_derivative_equals_plain_sympy_diff_for_two_steps(name, H, rng):
    """T=2: for every weight w, plain sympy.diff of the fully unrolled h_T (all other numbers
    substituted) equals the reverse-accumulation gradient."""
    u = unroll(name, 2, n_in=1, n_hidden=H)
    vals = random_values(u, rng)
    ev = u.evaluate(vals)
    full = u.full_expression()
    numbers = {}
    for pname, arr in u.weights.items():
        a = np.asarray(vals[pname], dtype=float).reshape(arr.shape)
        for idx in np.ndindex(arr.shape):
            numbers[arr[idx]] = sympy.Float(a[idx], 30)
    for t, row in enumerate(u.inputs):
        numbers[row[0]] = sympy.Float(np.asarray(vals["x"]).reshape(-1)[t], 30)
    for w in u.gradient:
        rest = {s: v for s, v in numbers.items() if s != w}
        d = sympy.diff(full.xreplace(rest), w)
        exact = float(d.xreplace({w: numbers[w]}).evalf(30))
        assert ev.gradient_scalars[w.name] == pytest.approx(exact, rel=1e-10, abs=1e-14), w


# ------------------------------------------------------------------------- structure
def test_program_grows_linearly():
    ops = {T: unroll("lstm", T).operations() for T in (10, 20, 40)}
    per_step = [(ops[40] - ops[20]) / 20, (ops[20] - ops[10]) / 10]
    assert per_step[0] == pytest.approx(per_step[1], rel=0.02)
    assert per_step[0] < 100


def test_symbols_and_latex_names():
    u = unroll("lstm", 2)
    assert {s.name for s in u.gradient} == set(symlstm.cell("lstm").param_names)
    assert [s.name for s, _ in u.steps[0]][:2] == ["i_bar_1", "i_1"]
    tex = u.latex()
    assert r"\bar{i}_{1} &= W_{i} x_{1} + b_{i}" in tex
    assert r"i_{1} &= \sigma\left(\bar{i}_{1}\right)" in tex
    assert r"\frac{\partial L}{\partial U_{f}} &= \delta \bar{f}_{2} \cdot h_{1}" in tex
    u2 = unroll("lstm", 2, n_in=2, n_hidden=2)
    assert u2.weights["W_i"][0, 1].name == "W_i_0_1"
    tex2 = u2.latex(steps=1)
    assert "W_{i,01}" in tex2 and "b_{i,1}" in tex2 and "x_{1,1}" in tex2
    assert r"\bar{i}_{1,0} &= W_{i,00} x_{1,0} + W_{i,01} x_{1,1} + b_{i,0}" in tex2
    assert "h_{0" not in tex2                   # zero initial states drop out
    assert "U_{" not in tex2.split(r"\end{align*}")[0]


def test_names_setting_renames_quantities():
    tex = unroll("lstm", 1).latex(names={"c": "C", "g": r"\tilde{C}"})
    assert r"C_{1} &= \tilde{C}_{1} i_{1}" in tex


def test_preactivations_can_be_inlined():
    u = unroll("lstm", 2, preactivations=False)
    assert [s.name for s, _ in u.steps[0]] == ["i_1", "f_1", "g_1", "c_1", "o_1", "h_1"]
    v = {**SEED_VALUES, "x": [0.5, 1.0]}
    a, b = u.evaluate(v), unroll("lstm", 2).evaluate(v)
    for p in u.weights:
        np.testing.assert_allclose(a.gradient[p], b.gradient[p], rtol=1e-12)


def test_module_is_callable_like_the_function():
    import symlstm.unroll as module
    assert isinstance(module("rnn", 2), type(unroll("rnn", 2)))
    assert isinstance(symlstm.unroll("rnn", 2), type(unroll("rnn", 2)))


# ------------------------------------------------------------------------- errors
@pytest.mark.parametrize("kwargs,match", [
    (dict(steps=0), "steps must be a positive integer"),
    (dict(steps=2, n_hidden=0), "n_hidden must be a positive integer"),
    (dict(steps=2, output=1), "output must be a component index in 0..0"),
    (dict(steps=2, loss="hinge"), "unknown loss 'hinge'"),
    (dict(steps=2, initial="random"), "initial must be 'zero' or 'symbols'"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        unroll("lstm", **kwargs)


def test_values_errors_name_what_is_wrong():
    u = unroll("lstm", 3)
    v = {**SEED_VALUES, "x": [0, 1, 2]}
    with pytest.raises(ValueError, match=r"missing W_i.*unknown W_z"):
        u.evaluate({**{k: x for k, x in v.items() if k != "W_i"}, "W_z": 1.0})
    with pytest.raises(ValueError, match=r"missing x_3.*unknown x_4 \(the program has 3 steps\)"):
        u.evaluate({**SEED_VALUES, "x_1": 0, "x_2": 1, "x_4": 2})
    with pytest.raises(ValueError, match=r"value of 'x' has shape \(2,\), expected \(3,\)"):
        u.evaluate({**SEED_VALUES, "x": [0, 1]})
    with pytest.raises(ValueError, match=r"unknown h_0.*initial='symbols'"):
        u.evaluate({**v, "h_0": 0.1})
    with pytest.raises(ValueError, match=r"value of 'b_f' must be a number"):
        u.evaluate({**v, "b_f": "one"})
    with pytest.raises(ValueError, match=r"unknown y \(a target y is used by loss='squared_error'\)"):
        u.evaluate({**v, "y": 1.0})
    assert u.evaluate({**SEED_VALUES, "x_1": 0, "x_2": 1, "x_3": 2}).objective == u.evaluate(v).objective


# ------------------------------------------------------------------------- CLI
def _seed_file(tmp_path, **extra):
    p = tmp_path / "w.json"
    p.write_text(json.dumps({**SEED_VALUES, "x": [0.0, 0.5, 0.25, 1.0], **extra}))
    return p


def test_cli_prints_equations(capsys):
    assert main(["unroll", "lstm", "--steps", "2"]) == 0
    out = capsys.readouterr().out
    assert "c_2 = c_1*f_2 + g_2*i_2" in out and "L = h_2" in out


def test_cli_values_table_and_gradient(tmp_path, capsys):
    assert main(["unroll", "lstm", "--values", str(_seed_file(tmp_path))]) == 0
    out = capsys.readouterr().out
    ev = unroll("lstm", 4).evaluate({**SEED_VALUES, "x": [0.0, 0.5, 0.25, 1.0]})
    assert f"L = h_4 = {ev.objective:.6g}" in out
    assert f"dL/dU_o = {ev.gradient_scalars['U_o']:.6g}" in out


def test_cli_json_and_loss(tmp_path, capsys):
    f = _seed_file(tmp_path, y=1.0)
    assert main(["unroll", "lstm", "--values", str(f), "--loss", "squared_error", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ev = unroll("lstm", 4, loss="squared_error").evaluate({**SEED_VALUES, "x": [0.0, 0.5, 0.25, 1.0], "y": 1.0})
    assert data["objective_value"] == pytest.approx(ev.objective)
    assert data["gradient"]["W_g"] == pytest.approx(float(ev.gradient["W_g"][0, 0]))
    assert data["values"][3]["h"] == pytest.approx(ev.steps[3]["h"])


def test_cli_latex(tmp_path, capsys):
    assert main(["unroll", "gru", "--steps", "2", "--format", "latex"]) == 0
    assert r"\frac{\partial L}{\partial W_{z}}" in capsys.readouterr().out


def test_cli_errors(tmp_path, capsys):
    f = _seed_file(tmp_path)
    assert main(["unroll", "lstm", "--values", str(f), "--steps", "3"]) == 2
    assert "value of 'x' has shape (4,), expected (3,)" in capsys.readouterr().err
    assert main(["unroll", "lstm", "--values", str(tmp_path / "none.json")]) == 2
    assert "no values file" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["unroll", "lstm", "--values", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["unroll", "nosuchcell"]) == 2
    assert "unknown cell" in capsys.readouterr().err


def test_example_values_file_runs(capsys):
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    assert main(["unroll", "lstm", "--values", str(root / "docs/examples/stock_lstm.json")]) == 0
    assert "L = h_4 = 0.00639316" in capsys.readouterr().out


@pytest.mark.skipif(not __import__("shutil").which("pdflatex"), reason="pdflatex not installed")
@pytest.mark.parametrize("name,H", [("lstm", 1), ("gru", 2), ("peephole_lstm", 2)])
def test_latex_document_compiles(name, H, tmp_path):
    from symlstm.latex.pdf import compile_pdf
    doc = unroll(name, 4, n_hidden=H, loss="squared_error").latex_document(names={"c": "C", "g": r"\tilde{C}"})
    assert compile_pdf(doc, tmp_path / "u.pdf").stat().st_size > 1000


def test_target_gradient_and_name_clash():
    u = unroll("rnn", 2, loss="squared_error")
    ev = u.evaluate({"W": 0.5, "U": -0.3, "b": 0.1, "x": [1.0, 2.0], "y": 0.25})
    h = ev.steps[-1]["h"]
    assert ev.objective == pytest.approx((0.25 - h) ** 2)
    assert ev.input_gradient["y"] == pytest.approx(2 * (0.25 - h))
    with pytest.raises(ValueError, match="already uses"):
        unroll("rnn", 2, loss=lambda h: (h - sympy.Symbol("x_1")) ** 2)
