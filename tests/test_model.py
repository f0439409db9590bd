"""Models (cell + head + loss): derived gradients against finite differences and PyTorch."""
import warnings

import numpy as np
import pytest
import sympy

import symlstm
from symlstm.cells.algebra import TMatVec, adjoint, at, external
from symlstm.commands.cli import main
from symlstm.models.model import B_, K_, T_, Model, derive_model, model

CELLS = symlstm.available_cells()
HEADS = ["linear_last", "linear_each"]
SIZES = dict(T=4, B=3, I=2, H=3, K=3)


def make_inputs(m, rng, T=4, B=3, I=2, H=3, K=3, scale=0.5):
    params = {n: rng.standard_normal(s) * scale for n, s in m.param_shapes(I, H, K).items()}
    x = rng.standard_normal((T, B, I))
    y = rng.standard_normal((B, K)) if m.head == "linear_last" else rng.integers(0, K, (T, B))
    state0 = {s: rng.standard_normal((B, H)) * scale for s in m.cell.states}
    return x, y, params, state0


def fd(f, arrays, eps=1e-6):
    """Central differences of f() with respect to every entry of every array (perturbed in place)."""
    out = {}
    for name, arr in arrays.items():
        g = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            orig = arr[idx]
            arr[idx] = orig + eps
            plus = f()
            arr[idx] = orig - eps
            minus = f()
            arr[idx] = orig
            g[idx] = (plus - minus) / (2 * eps)
        out[name] = g
    return out


# ------------------------------------------------------------------------- finite differences
@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("name", CELLS)
def test_loss_and_grads_match_finite_differences(name, head, rng):
    m = model(name, head)
    cm = symlstm.compile(m)
    x, y, params, state0 = make_inputs(m, rng)
    loss, grads = cm.loss_and_grads(x, y, params, state0)
    assert loss == pytest.approx(cm.loss(x, y, params, state0), rel=1e-14)
    arrays = {**params, "x": x, **{f"{s}0": v for s, v in state0.items()}}
    num = fd(lambda: cm.loss(x, y, params, state0), arrays)
    assert set(grads) == set(num)
    for k in num:
        np.testing.assert_allclose(grads[k], num[k], rtol=1e-5, atol=1e-8, err_msg=k)


@pytest.mark.parametrize("head", HEADS)
def test_sum_reduction_is_mean_times_count(head, rng):
    """The reduction convention: mean divides the sum by B·n_out (MSE) or T·B (cross-entropy)."""
    mean, total = symlstm.compile(model("lstm", head)), symlstm.compile(model("lstm", head, reduction="sum"))
    x, y, params, state0 = make_inputs(mean.model, rng)
    T, B, K = SIZES["T"], SIZES["B"], SIZES["K"]
    count = B * K if head == "linear_last" else T * B
    (lm, gm), (ls, gs) = mean.loss_and_grads(x, y, params), total.loss_and_grads(x, y, params)
    assert ls == pytest.approx(lm * count, rel=1e-12)
    for k in gm:
        np.testing.assert_allclose(gs[k], gm[k] * count, rtol=1e-10, atol=1e-14)
    num = fd(lambda: total.loss(x, y, params), {"V": params["V"], "U_f": params["U_f"]})
    for k in num:
        np.testing.assert_allclose(gs[k], num[k], rtol=1e-5, atol=1e-8)


def test_loss_values_are_the_textbook_formulas(rng):
    """loss = mean (ŷ − y)² and −mean log p[y]: computed independently from predict()."""
    for head in HEADS:
        cm = symlstm.compile(model("gru", head))
        x, y, params, state0 = make_inputs(cm.model, rng)
        pred = cm.predict(x, params, state0)
        if head == "linear_last":
            expected = np.mean((pred - y) ** 2)
        else:
            T, B = y.shape
            expected = -np.mean(np.log(pred[np.arange(T)[:, None], np.arange(B)[None, :], y]))
            np.testing.assert_allclose(pred.sum(axis=-1), 1.0, rtol=1e-12)
        assert cm.loss(x, y, params, state0) == pytest.approx(expected, rel=1e-12)


# ------------------------------------------------------------------------- numerical stability
def test_cross_entropy_is_stable_for_logits_of_1000():
    """All cell weights zero: h_t = 0, so the logits are exactly a = (1000, -1000, 0)."""
    m = model("lstm", "linear_each")
    cm = symlstm.compile(m)
    T, B, I, H = 3, 2, 1, 2
    params = {n: np.zeros(s) for n, s in m.param_shapes(I, H, 3).items()}
    params["a"] = np.array([1000.0, -1000.0, 0.0])
    params["V"] = np.ones((3, H))
    x = np.ones((T, B, I))
    y = np.array([[0, 1], [2, 0], [1, 1]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")             # no overflow / divide warnings
        with np.errstate(over="raise", divide="raise", invalid="raise"):   # underflow to 0 is exact enough
            loss, grads = cm.loss_and_grads(x, y, params)
            p = cm.predict(x, params)
    # -log p[y]: 0 for class 0, 2000 for class 1, 1000 for class 2 (to double precision)
    expected = np.mean([[0, 2000], [1000, 0], [2000, 2000]])
    assert loss == pytest.approx(expected, rel=1e-15)
    assert np.all(np.isfinite(p)) and np.all(np.isfinite(np.concatenate([g.ravel() for g in grads.values()])))
    onehot = np.eye(3)[y]
    np.testing.assert_allclose(grads["a"], (np.array([1.0, 0, 0]) - onehot).sum(axis=(0, 1)) / (T * B), atol=1e-15)


def test_mse_large_values_finite():
    cm = symlstm.compile(model("rnn", "linear_last"))
    m = cm.model
    params = {n: np.zeros(s) for n, s in m.param_shapes(1, 2, 1).items()}
    params["a"] = np.array([1e6])
    loss, grads = cm.loss_and_grads(np.zeros((2, 1, 1)), np.array([[-1e6]]), params)
    assert loss == pytest.approx(4e12) and grads["a"][0] == pytest.approx(4e6)


# ------------------------------------------------------------------------- PyTorch
torch_cases = ["lstm", "gru_reset_after", "rnn"]


def _torch_model(name, params, I, H):
    torch = pytest.importorskip("torch", reason="PyTorch not installed: the autograd oracle is skipped")
    nn = torch.nn
    t = lambda a: torch.tensor(np.asarray(a), dtype=torch.float64)  # noqa: E731
    zeros = np.zeros(H)
    if name == "lstm":
        rnn, gates = nn.LSTM(I, H).double(), "ifgo"
        ih = [params[f"W_{k}"] for k in gates]
        hh = [params[f"U_{k}"] for k in gates]
        bih, bhh = [params[f"b_{k}"] for k in gates], [zeros] * 4
    elif name == "gru_reset_after":
        rnn, gates = nn.GRU(I, H).double(), "rzn"
        ih = [params[f"W_{k}"] for k in gates]
        hh = [params[f"U_{k}"] for k in gates]
        bih, bhh = [params[f"b_{k}"] for k in gates], [zeros, zeros, params["b_hn"]]
    else:
        rnn = nn.RNN(I, H, nonlinearity="tanh").double()
        ih, hh, bih, bhh = [params["W"]], [params["U"]], [params["b"]], [zeros]
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(t(np.concatenate(ih)))
        rnn.weight_hh_l0.copy_(t(np.concatenate(hh)))
        rnn.bias_ih_l0.copy_(t(np.concatenate(bih)))
        rnn.bias_hh_l0.copy_(t(np.concatenate(bhh)))
    K = params["V"].shape[0]
    lin = nn.Linear(H, K).double()
    with torch.no_grad():
        lin.weight.copy_(t(params["V"]))
        lin.bias.copy_(t(params["a"]))
    return torch, rnn, lin


def _torch_grads(name, rnn, lin, H):
    """Map PyTorch's stacked gradients back to symlstm's parameter names."""
    g = {"V": lin.weight.grad.numpy(), "a": lin.bias.grad.numpy()}
    wih, whh = rnn.weight_ih_l0.grad.numpy(), rnn.weight_hh_l0.grad.numpy()
    bih, bhh = rnn.bias_ih_l0.grad.numpy(), rnn.bias_hh_l0.grad.numpy()
    if name == "rnn":
        g.update(W=wih, U=whh, b=bih)
        return g
    gates = "ifgo" if name == "lstm" else "rzn"
    for k, gate in enumerate(gates):
        rows = slice(k * H, (k + 1) * H)
        g.update({f"W_{gate}": wih[rows], f"U_{gate}": whh[rows], f"b_{gate}": bih[rows]})
        if gate != "n":                     # b_ih and b_hh enter these gates as one sum b
            np.testing.assert_allclose(bih[rows], bhh[rows], rtol=1e-12)
    if name == "gru_reset_after":
        g["b_hn"] = bhh[2 * H:]
    return g


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("name", torch_cases)
def test_against_pytorch_autograd(name, head, reduction, rng):
    T, B, I, H, K = 5, 3, 2, 4, 3
    m = model(name, head, reduction=reduction)
    x, y, params, state0 = make_inputs(m, rng, T, B, I, H, K)
    torch, rnn, lin = _torch_model(name, params, I, H)
    xt = torch.tensor(x, requires_grad=True)
    h0 = torch.tensor(state0["h"][None], requires_grad=True)
    if name == "lstm":
        c0 = torch.tensor(state0["c"][None], requires_grad=True)
        out, _ = rnn(xt, (h0, c0))
    else:
        out, _ = rnn(xt, h0)
    if head == "linear_last":
        loss_t = torch.nn.MSELoss(reduction=reduction)(lin(out[-1]), torch.tensor(y))
    else:
        logits = lin(out)
        loss_t = torch.nn.CrossEntropyLoss(reduction=reduction)(logits.reshape(T * B, K),
                                                                torch.tensor(y.reshape(T * B)))
    loss_t.backward()
    loss, grads = symlstm.compile(m).loss_and_grads(x, y, params, state0)
    assert loss == pytest.approx(loss_t.item(), rel=1e-12)
    for k, v in _torch_grads(name, rnn, lin, H).items():
        np.testing.assert_allclose(grads[k], v, rtol=1e-9, atol=1e-12, err_msg=k)
    np.testing.assert_allclose(grads["x"], xt.grad.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(grads["h0"], h0.grad.numpy()[0], rtol=1e-9, atol=1e-12)
    if name == "lstm":
        np.testing.assert_allclose(grads["c0"], c0.grad.numpy()[0], rtol=1e-9, atol=1e-12)


def test_pytorch_logits_of_1000(rng):
    torch = pytest.importorskip("torch", reason="PyTorch not installed: the autograd oracle is skipped")
    m = model("lstm", "linear_each")
    T, B, I, H, K = 3, 2, 2, 3, 4
    x, y, params, _ = make_inputs(m, rng, T, B, I, H, K)
    params["V"] = params["V"] * 2000.0           # logits of size ~±1000
    _, rnn, lin = _torch_model("lstm", params, I, H)
    out, _ = rnn(torch.tensor(x))
    logits = lin(out)
    assert logits.abs().max().item() > 500
    loss_t = torch.nn.CrossEntropyLoss()(logits.reshape(T * B, K), torch.tensor(y.reshape(T * B)))
    loss_t.backward()
    loss, grads = symlstm.compile(m).loss_and_grads(x, y, params)
    assert loss == pytest.approx(loss_t.item(), rel=1e-12)
    for k, v in _torch_grads("lstm", rnn, lin, H).items():
        np.testing.assert_allclose(grads[k], v, rtol=1e-8, atol=1e-9, err_msg=k)


# ------------------------------------------------------------------------- the derivation
def test_derive_dispatches_to_the_model():
    d = symlstm.derive(model("lstm", "linear_each"))
    assert type(d).__name__ == "ModelDerivation"
    assert symlstm.derive(model("lstm")).model.head == "linear_last"


def test_derived_output_deltas():
    """δs = (p − Y)/(T B) and δŷ = 2(ŷ − y)/(B K) come out of sympy.diff on the component forms."""
    each = derive_model(model("lstm", "linear_each"))
    assert sympy.simplify(each.output_delta - (at("p") - at("Y")) / (T_ * B_)) == 0
    last = derive_model(model("lstm", "linear_last"))
    yhat, y = sympy.symbols("yhat y")
    assert sympy.simplify(last.output_delta - 2 * (yhat - y) / (B_ * K_)) == 0
    summed = derive_model(model("lstm", "linear_each", reduction="sum"))
    assert sympy.simplify(summed.output_delta - (at("p") - at("Y"))) == 0


def test_delta_is_substituted_into_the_cell_adjoints():
    d = derive_model(model("gru", "linear_each"))
    dh = next(eq for eq in d.adjoints if eq.lhs == adjoint("h"))
    assert not dh.rhs.has(external("h"))
    assert TMatVec(symlstm.mat("V"), adjoint("s")) in sympy.Add.make_args(dh.rhs)
    last = derive_model(model("gru", "linear_last"))
    dh = next(eq for eq in last.adjoints if eq.lhs == adjoint("h"))
    assert dh.rhs.has(sympy.Piecewise) and not dh.rhs.has(external("h"))
    names = [eq.lhs.name for eq in last.param_grads]
    assert names[-2:] == ["delta_V", "delta_a"]
    assert set(names) == {f"delta_{p}" for p in model("gru").param_names}


def test_latex_and_text():
    m = model("lstm", "linear_each")
    tex = symlstm.derive(m).latex()
    assert r"\delta s_{t} &= \frac{p_{t} - Y_{t}}{B T}" in tex
    assert r"\Delta_{t} &= V^{\top} \delta s_{t}" in tex
    assert r"\delta V &= \sum_{t} \delta s_{t}\, h_{t}^{\top}" in tex
    assert r"p_{t} &= \operatorname{softmax}\left(s_{t}\right)" in m.latex()
    last = symlstm.derive(model("lstm"))
    assert r"\delta \hat{y} &= \frac{2 \left(\hat{y} - y\right)}{B K}" in last.latex()
    assert "Δ_t = (Vᵀ δŷ if t = T else 0)" in last.text()


@pytest.mark.skipif(not __import__("shutil").which("pdflatex"), reason="pdflatex not installed")
@pytest.mark.parametrize("head", HEADS)
def test_latex_document_compiles(head, tmp_path):
    from symlstm.latex.pdf import compile_pdf
    pdf = compile_pdf(symlstm.derive(model("peephole_lstm", head)).latex_document(), tmp_path / "m.pdf")
    assert pdf.stat().st_size > 1000


def test_generated_source_is_deterministic_and_standalone():
    from symlstm.codegen.compile import generate
    src = generate(model("lstm", "linear_each"))
    assert src == generate(model("lstm", "linear_each"))
    assert "import symlstm" not in src and "import sympy" not in src
    assert "d_s = (-Y + p)/(B*T)" in src
    assert "dh[-1] = d_yhat @ V" in generate(model("lstm", "linear_last"))


# ------------------------------------------------------------------------- errors
def test_bad_model_arguments():
    with pytest.raises(ValueError, match="unknown head 'linear_first'"):
        model("lstm", "linear_first")
    with pytest.raises(ValueError, match="reduction must be one of 'mean', 'sum'"):
        model("lstm", reduction="avg")
    with pytest.raises(KeyError, match="unknown cell"):
        model("nosuchcell")
    with pytest.raises(ValueError, match="n_out must be a positive integer"):
        model("lstm").param_shapes(1, 1, 0)


def test_name_clash_with_the_head_is_refused():
    cell = symlstm.Cell("c", [sympy.Eq(symlstm.vec("h")(symlstm.t),
                                       sympy.tanh(symlstm.mat("V") @ symlstm.vec("x")(symlstm.t)))], states=("h",))
    with pytest.raises(ValueError, match=r"uses the names \['V'\]"):
        Model(cell, "linear_last")


def test_input_errors_name_the_problem(rng):
    cm = symlstm.compile(model("lstm", "linear_each"))
    x, y, params, _ = make_inputs(cm.model, rng)
    with pytest.raises(ValueError, match=r"missing parameters \['V'\]"):
        cm.loss_and_grads(x, y, {k: v for k, v in params.items() if k != "V"})
    with pytest.raises(ValueError, match=r"unknown parameters \['W'\]"):
        cm.loss_and_grads(x, y, {**params, "W": 1})
    with pytest.raises(ValueError, match=r"parameter 'a' has shape \(2,\), expected \(n_out,\) = \(3,\)"):
        cm.loss_and_grads(x, y, {**params, "a": np.zeros(2)})
    with pytest.raises(ValueError, match="integer class indices"):
        cm.loss_and_grads(x, y.astype(float), params)
    with pytest.raises(ValueError, match=r"class indices in y must be in 0..2"):
        cm.loss_and_grads(x, y + 3, params)
    with pytest.raises(ValueError, match=r"y has shape \(3, 4\), expected \(T, B\) = \(4, 3\)"):
        cm.loss_and_grads(x, y.T, params)
    last = symlstm.compile(model("lstm"))
    with pytest.raises(ValueError, match=r"y has shape \(4,\), expected \(B, n_out\) = \(3, 3\)"):
        last.loss_and_grads(x, np.zeros(4), params)


def test_module_is_callable_like_the_function():
    import symlstm.models.model as module
    assert isinstance(module("rnn"), Model)
    assert isinstance(symlstm.model("rnn", "linear_each"), Model)


# ------------------------------------------------------------------------- CLI
def test_cli_model_equations_and_check(capsys):
    assert main(["model", "lstm", "--head", "linear_each", "--backward"]) == 0
    out = capsys.readouterr().out
    assert "δs_t = (p_t - Y_t)/(B*T)" in out and "δh_t = Vᵀ δs_t + " in out
    assert main(["model", "gru", "--check"]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out


def test_cli_model_errors(capsys):
    with pytest.raises(SystemExit) as e:
        main(["model", "lstm", "--head", "nope"])
    assert e.value.code == 2 and "invalid choice: 'nope'" in capsys.readouterr().err
    assert main(["model", "nosuchcell"]) == 2
    assert "unknown cell 'nosuchcell'" in capsys.readouterr().err


# ------------------------------------------------------------------------- scalar cross-check
@pytest.mark.parametrize("name", ["lstm", "gru", "mgu"])
def test_model_agrees_with_the_unrolled_scalar_program(name, rng):
    """linear_last with B = 1, n_out = 1: L = (V h_T + a − y)², the same loss written as a
    scalar expression for symlstm.unroll (whose partials come from plain sympy.diff)."""
    from symlstm.unroll import unroll
    T, I, H = 3, 2, 2
    Vs = sympy.symbols(f"V0:{H}", real=True)
    a, y = sympy.symbols("a_out y_out", real=True)
    u = unroll(name, T, n_in=I, n_hidden=H,
               loss=lambda h: (sum(v * hj for v, hj in zip(Vs, h)) + a - y) ** 2)
    m = model(name, "linear_last")
    x, _, params, _ = make_inputs(m, rng, T, 1, I, H, 1)
    target = np.array([[0.3]])
    loss, grads = symlstm.compile(m).loss_and_grads(x, target, params)
    vals = {n: params[n] for n in m.cell.param_names}
    vals.update({"x": x[:, 0, :], "a_out": params["a"][0], "y_out": 0.3,
                 **{f"V{j}": params["V"][0, j] for j in range(H)}})
    ev = u.evaluate(vals)
    assert ev.objective == pytest.approx(loss, rel=1e-12)
    for p in m.cell.param_names:
        np.testing.assert_allclose(ev.gradient[p], grads[p], rtol=1e-9, atol=1e-13, err_msg=p)
    np.testing.assert_allclose([ev.input_gradient[f"V{j}"] for j in range(H)], grads["V"][0], rtol=1e-10)
    assert ev.input_gradient["a_out"] == pytest.approx(grads["a"][0], rel=1e-10)
    np.testing.assert_allclose(ev.input_gradient["x"], grads["x"][:, 0, :], rtol=1e-9, atol=1e-13)
