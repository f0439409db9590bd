"""The benchmark command: it times methods that agree, writes well-formed JSON and a real PNG (not speed)."""
import json

import numpy as np
import pytest

from symlstm import bench
from symlstm.commands.cli import main

pytest.importorskip("numba", reason="the benchmark times the numba backend: pip install symlstm[numba]")
pytest.importorskip("matplotlib", reason="the benchmark draws its chart with matplotlib")


@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    result = bench.run(bench.BenchConfig.quick_config(), out, status=lambda msg: None)
    return result, out


def test_quick_run_times_every_method_on_every_case(quick):
    result, _ = quick
    cfg = result["config"]
    assert [tuple(s) for s in cfg["shapes"]] == list(bench.QUICK_SHAPES)
    expected = {(c, d, tuple(s)) for c in bench.CELLS for d in bench.DTYPES for s in bench.QUICK_SHAPES}
    assert {(c["cell"], c["dtype"], tuple(c["shape"])) for c in result["cases"]} == expected
    try:
        import torch  # noqa: F401
        methods = set(bench.METHODS)
    except ImportError:
        methods = set(bench.METHODS) - {"torch"}
    for case in result["cases"]:
        assert set(case["median_ms"]) == methods
        assert all(len(v) == cfg["repeats"] for v in case["runs_ms"].values())
        assert all(v > 0 for v in case["median_ms"].values())
        assert case["median_ms"]["numba"] == pytest.approx(float(np.median(case["runs_ms"]["numba"])))
        assert case["ratios"]["numba/floor"] == pytest.approx(case["median_ms"]["numba"] / case["median_ms"]["floor"])


def test_timed_methods_agree_numerically(quick):
    result, _ = quick
    for case in result["cases"]:
        check = case["check"]
        assert check["agree"], case
        others = set(case["median_ms"]) - {"floor", "reference"}
        assert set(check["methods"]) == others           # every timed method compared with the reference
        for m, v in check["methods"].items():
            assert v["against"] == "reference" and not v["missing"]
            assert v["max_rel_error"] <= (1e-8 if case["dtype"] == "float64" else 2e-3), (m, v)


def test_json_on_disk_is_the_result(quick):
    result, out = quick
    on_disk = json.loads((out / "bench.json").read_text())
    assert on_disk["cases"][0]["median_ms"] == pytest.approx(result["cases"][0]["median_ms"])
    m = on_disk["machine"]
    assert m["cores"] >= 1 and m["versions"]["numpy"] == np.__version__
    assert "numpy_blas" in m and "openblas" in m
    for cell in bench.CELLS:
        cg = on_disk["codegen"][cell]
        assert cg["derive_s"] > 0 and cg["generate_numba_s"] > 0
    assert [nc["cell"] for nc in on_disk["numba_compile"]] == list(bench.CELLS)
    for nc in on_disk["numba_compile"]:
        first, cached = nc["first"]["cache"], nc["cached"]["cache"]
        assert first["hits"] == 0 and first["misses"] == first["kernels"] > 0
        assert cached["misses"] == 0 and cached["hits"] == cached["kernels"] > 0
        assert nc["first"]["load_s"] > 0 and nc["cached"]["load_s"] > 0
    assert on_disk["memory"]["per_step_in_BH_arrays"] > 0
    assert {"numba_vs_torch", "numba_vs_floor_largest", "numpy_vs_reference", "derive_generate_lstm_s",
            "numba_first_compile_s", "numba_cached_load_s"} <= set(on_disk["targets"]) | {"numba_vs_torch"}


def test_markdown_table_has_a_row_per_case(quick):
    result, out = quick
    text = (out / "bench.md").read_text()
    assert text == bench.markdown(result)
    rows = [line for line in text.splitlines() if line.startswith("| lstm") or line.startswith("| gru_reset_after")]
    assert len(rows) == len(result["cases"])
    assert all(row.count("|") == text.splitlines()[0].count("|") for row in rows)


def test_chart_is_a_real_png(quick):
    _, out = quick
    data = (out / "bench.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image
    img = matplotlib.image.imread(out / "bench.png")
    assert img.shape[0] > 200 and img.shape[1] > 400


def test_table_lists_every_case(quick):
    result, _ = quick
    text = bench.table(result)
    assert text.count("\nlstm ") == 2 * len(bench.DTYPES) * len(bench.QUICK_SHAPES)   # medians and ratios
    assert "targets:" in text and "ratios of the medians" in text and "numba/torch" in text
    # quick mode measures no speed, so it claims no target either way
    assert "targets: not assessed" in text and "NOT met" not in text and " met " not in text


def test_floor_counts_the_products_of_the_pass():
    from symlstm.cells import cell
    from symlstm.codegen.plan import make_plan
    from symlstm.derive import derive
    T, B, I, H = 5, 2, 3, 4
    x = np.zeros((T, B, I))
    run, flops = bench._floor_method(make_plan(derive(cell("lstm"))), x, np.zeros((T, B, H)))
    run()
    # forward: x·W for 4 gates, h·U for 4 gates; backward: the same products for dx, dh, dW and dU
    assert flops == 2 * T * B * (3 * 4 * H * I + 3 * 4 * H * H)


def test_cli_bench_writes_results_and_table(tmp_path, capsys):
    code = main(["bench", "--quick", "--out", str(tmp_path), "--cells", "rnn", "--dtypes", "float32",
                 "--methods", "numba,numpy,floor", "--no-compile-times", "--repeats", "2"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "rnn" in out and "float32" in out and "timing" in err
    data = json.loads((tmp_path / "bench.json").read_text())
    assert {c["cell"] for c in data["cases"]} == {"rnn"}
    assert all(set(c["median_ms"]) == {"numba", "numpy", "floor"} for c in data["cases"])
    assert all(c["check"]["agree"] for c in data["cases"])


@pytest.mark.parametrize("args, message", [
    (["--cells", "nope"], "unknown cells"),
    (["--dtypes", "float16"], "dtypes must be"),
    (["--methods", "numba,magic"], "methods must be"),
    (["--repeats", "0"], "--repeats"),
    (["--pause", "-1"], "--pause"),
])
def test_cli_bench_rejects_bad_arguments(tmp_path, capsys, args, message):
    assert main(["bench", "--quick", "--out", str(tmp_path), *args]) == 2
    assert message in capsys.readouterr().err
