"""Training with generated code: the task, the readout gradient vs finite differences, Adam, a tiny run, the CLI."""
import json

import numpy as np
import pytest

import symlstm
from symlstm.commands.cli import main
from symlstm.models.train import (
    BASELINE_MSE, Adam, TrainConfig, TrainResult, adding_problem, clip_by_global_norm, init_model,
    loss_and_grads, plot_training, read_record, record, train, training_table,
)


def test_adding_problem_marks_one_value_in_each_half():
    x, y = adding_problem(20, 50, np.random.default_rng(0))
    assert x.shape == (20, 50, 2) and y.shape == (50,)
    marks = x[:, :, 1]
    assert np.all(marks.sum(axis=0) == 2)
    assert np.all(marks[:10].sum(axis=0) == 1) and np.all(marks[10:].sum(axis=0) == 1)
    np.testing.assert_allclose(y, (x[:, :, 0] * marks).sum(axis=0))
    assert np.all((x[:, :, 0] >= 0) & (x[:, :, 0] < 1))
    with pytest.raises(ValueError, match="length >= 2"):
        adding_problem(1, 3, np.random.default_rng(0))


@pytest.mark.parametrize("name", ["rnn", "lstm", "gru"])
def test_loss_gradient_matches_finite_differences(name):
    rng = np.random.default_rng(5)
    params = init_model(name, 2, 3, rng, forget_bias=1.0)
    x, y = adding_problem(6, 4, rng)
    compiled = symlstm.compile(symlstm.model(name, "linear_last"))
    loss, grads = loss_and_grads(compiled, x, y, params)
    assert set(grads) == set(params)
    eps = 1e-6
    for k, p in params.items():
        num = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps
            lp, _ = loss_and_grads(compiled, x, y, params)
            p[idx] = old - eps
            lm, _ = loss_and_grads(compiled, x, y, params)
            p[idx] = old
            num[idx] = (lp - lm) / (2 * eps)
        np.testing.assert_allclose(grads[k], num, rtol=1e-5, atol=1e-9, err_msg=k)
    # the loss is the MSE of the readout, computed here independently
    hs, _ = symlstm.compile(name).forward(x, {k: v for k, v in params.items() if k not in ("V", "a")})
    assert loss == pytest.approx(np.mean((hs[-1] @ params["V"][0] + params["a"][0] - y) ** 2))


def test_adam_matches_a_hand_computation():
    opt = Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8)
    p = {"w": np.array([1.0, -2.0])}
    g1, g2 = np.array([0.5, -4.0]), np.array([1.0, 2.0])
    opt.step(p, {"w": g1.copy()})
    # first step: m̂ = g, v̂ = g², so the step is lr·sign(g) (up to ε)
    np.testing.assert_allclose(p["w"], [1.0 - 0.1, -2.0 + 0.1], rtol=1e-7)
    opt.step(p, {"w": g2.copy()})
    m = 0.9 * 0.1 * g1 + 0.1 * g2
    v = 0.999 * 0.001 * g1 ** 2 + 0.001 * g2 ** 2
    step = 0.1 * (m / (1 - 0.9 ** 2)) / (np.sqrt(v / (1 - 0.999 ** 2)) + 1e-8)
    first = np.array([1.0, -2.0]) - 0.1 * g1 / (np.abs(g1) + 1e-8)
    np.testing.assert_allclose(p["w"], first - step, rtol=1e-12)


def test_clip_by_global_norm():
    g = {"a": np.array([3.0]), "b": np.array([[4.0]])}
    assert clip_by_global_norm(g, 1.0) == pytest.approx(5.0)
    assert g["a"][0] == pytest.approx(0.6) and g["b"][0, 0] == pytest.approx(0.8)
    g = {"a": np.array([0.3])}
    clip_by_global_norm(g, 1.0)
    assert g["a"][0] == 0.3


def test_a_tiny_run_learns_and_is_deterministic():
    cfg = TrainConfig(length=4, hidden=8, batch=32, steps=300, lr=1e-2, eval_every=50, eval_size=200)
    a = train("lstm", cfg, progress=False)
    b = train("lstm", cfg, progress=False)
    np.testing.assert_array_equal(a.losses, b.losses)
    assert a.evals[0][0] == 0 and a.evals[-1][0] == 300 and len(a.evals) == 7
    assert a.final_mse < a.evals[0][1] / 10 and a.final_mse < BASELINE_MSE / 5
    assert np.mean(a.losses[-50:]) < np.mean(a.losses[:50]) / 5
    back = TrainResult.from_dict(json.loads(json.dumps(a.to_dict())))
    assert back.config == cfg and back.final_mse == a.final_mse and back.solved_at == a.solved_at
    assert "| lstm |" in training_table([a]) and "| lstm |" in a._repr_markdown_()


def test_records_know_when_they_are_stale():
    cfg = TrainConfig(length=3, hidden=2, batch=4, steps=5, eval_every=5, eval_size=10)
    runs = [train("rnn", cfg, progress=False), train("lstm", cfg, progress=False)]
    data = json.loads(json.dumps(record(runs)))
    back = read_record(data, ["rnn", "lstm"], cfg)
    assert [r.cell for r in back] == ["rnn", "lstm"] and back[1].final_mse == runs[1].final_mse
    assert read_record(data, ["rnn", "lstm"], TrainConfig(length=3, hidden=2, batch=4, steps=6)) is None
    assert read_record(data, ["rnn", "gru"], cfg) is None
    data["key"] = "0" * 64
    assert read_record(data, ["rnn", "lstm"], cfg) is None


def test_config_is_validated_before_work():
    with pytest.raises(ValueError, match="unknown task 'copy'"):
        TrainConfig(task="copy")
    with pytest.raises(ValueError, match="steps must be a positive integer"):
        TrainConfig(steps=0)


def test_plot_is_deterministic(tmp_path):
    cfg = TrainConfig(length=4, hidden=3, batch=8, steps=30, eval_every=10, eval_size=20)
    results = [train("rnn", cfg, progress=False), train("lstm", cfg, progress=False)]
    a = plot_training(results, tmp_path / "a.png").read_bytes()
    assert a == plot_training(results, tmp_path / "b.png").read_bytes() and a[:4] == b"\x89PNG"


def test_cli(capsys, tmp_path):
    png, js = tmp_path / "a.png", tmp_path / "a.json"
    assert main(["train", "--task", "adding", "--cells", "rnn,lstm", "--steps", "20", "--length", "5",
                 "--hidden", "4", "--batch", "8", "--eval-every", "10", "--no-progress",
                 "-o", str(png), "--json", str(js)]) == 0
    out = capsys.readouterr().out
    assert "| rnn |" in out and "| lstm |" in out
    data = json.loads(js.read_text())["runs"]
    assert [d["cell"] for d in data] == ["rnn", "lstm"] and len(data[0]["losses"]) == 20
    assert png.read_bytes()[:4] == b"\x89PNG"
    # the numbers printed are the numbers of a run with the same config
    again = train("lstm", TrainConfig(length=5, hidden=4, batch=8, steps=20, eval_every=10), progress=False)
    assert data[1]["losses"] == [float(v) for v in again.losses]
    assert main(["train", "--cells", "rnn,nope"]) == 2
    assert "unknown cell 'nope'" in capsys.readouterr().err
    assert main(["train", "--cells", "rnn", "-o", str(tmp_path / "x.jpg")]) == 2
