"""The PyTorch export: nn.LSTM/GRU/RNN as the oracle, gradcheck for every cell, DDP, bad input."""
import ast
import os
import importlib.util
import itertools
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import symlstm

torch = pytest.importorskip("torch", reason="PyTorch is an extra: pip install symlstm[torch]")

TORCH_MODULES = {"rnn": "RNN", "lstm": "LSTM", "gru_reset_after": "GRU"}
F64 = torch.float64
DEVICES = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])


_LOADED = {}


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny products: one intra-op thread (waiting on a second, busy core costs milliseconds per op)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def load(name, tmp_path_factory):
    """The exported module of a catalogue cell, written to a file and imported from it."""
    if name not in _LOADED:
        path = tmp_path_factory.mktemp("export") / f"{name}_torch.py"
        path.write_text(symlstm.export(name, to="torch"))
        spec = importlib.util.spec_from_file_location(f"exported_{name}_torch", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.PATH = path
        _LOADED[name] = module
    return _LOADED[name]


def _run(module, x, hx, n_states):
    """Output, final states, and the gradients of a fixed loss w.r.t. input, hx and every parameter."""
    x = x.clone().requires_grad_()
    hx = tuple(h.clone().requires_grad_() for h in hx)
    out, st = module(x, hx[0] if n_states == 1 else hx)
    st = (st,) if isinstance(st, torch.Tensor) else tuple(st)
    weights = torch.linspace(-1, 1, out.numel(), dtype=out.dtype, device=out.device).reshape(out.shape)
    loss = (out * weights).sum() + sum((s * s).sum() * (k + 1) for k, s in enumerate(st))
    loss.backward()
    return out, st, x.grad, [h.grad for h in hx]


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", sorted(TORCH_MODULES))
@pytest.mark.parametrize("num_layers, bidirectional, batch_first",
                         list(itertools.product((1, 2), (False, True), (False, True))))
def test_layer_agrees_with_torch(name, num_layers, bidirectional, batch_first, device, tmp_path_factory):
    m = load(name, tmp_path_factory)
    torch.manual_seed(0)
    ref = getattr(torch.nn, TORCH_MODULES[name])(3, 4, num_layers=num_layers, bidirectional=bidirectional,
                                                 batch_first=batch_first, dtype=F64, device=device)
    layer = m.Layer.from_torch(ref)
    T, B, D = 5, 2, 2 if bidirectional else 1
    x = torch.randn((B, T, 3) if batch_first else (T, B, 3), dtype=F64, device=device)
    hx = tuple(torch.randn(num_layers * D, B, 4, dtype=F64, device=device) for _ in m.STATES)
    got, want = _run(layer, x, hx, len(m.STATES)), _run(ref, x, hx, len(m.STATES))
    assert got[0].shape == want[0].shape
    for a, b in zip(got[:1] + got[1] + got[2:3] + tuple(got[3]), want[:1] + want[1] + want[2:3] + tuple(want[3])):
        torch.testing.assert_close(a, b, rtol=0, atol=1e-10)
    H = 4
    for k, suffix in itertools.product(range(num_layers), ("", "_reverse")[:D]):
        for pname, entries in m.TORCH["map"].items():
            g = getattr(layer, f"{pname}_l{k}{suffix}").grad
            for tname, block in entries:   # a summed bias gets each of its parts' gradient
                tg = getattr(ref, f"{tname}_l{k}{suffix}").grad[block * H:(block + 1) * H]
                torch.testing.assert_close(g, tg, rtol=0, atol=1e-10, msg=f"{pname}_l{k}{suffix}")


@pytest.mark.parametrize("name", sorted(TORCH_MODULES))
def test_to_torch_round_trip(name, tmp_path_factory):
    m = load(name, tmp_path_factory)
    torch.manual_seed(1)
    layer = m.Layer(3, 4, num_layers=2, bidirectional=True, batch_first=True, dtype=F64)
    module = layer.to_torch()
    assert type(module) is getattr(torch.nn, TORCH_MODULES[name])
    x = torch.randn(2, 5, 3, dtype=F64)
    (a, _), (b, _) = layer(x), module(x)
    torch.testing.assert_close(a, b, rtol=0, atol=1e-12)
    back = m.Layer.from_torch(module)
    for (na, pa), (nb, pb) in zip(layer.named_parameters(), back.named_parameters()):
        assert na == nb
        torch.testing.assert_close(pa, pb, rtol=0, atol=0)


@pytest.mark.parametrize("name", symlstm.available_cells())
def test_cell_function_gradcheck(name, tmp_path_factory):
    """The derived backward passes gradcheck and agrees with autograd through the same forward."""
    m = load(name, tmp_path_factory)
    T, B, I, H = 3, 2, 2, 3
    gen = torch.Generator().manual_seed(2)
    x = torch.randn(T, B, I, dtype=F64, generator=gen, requires_grad=True)
    s0 = [torch.randn(B, H, dtype=F64, generator=gen, requires_grad=True) for _ in m.STATES]
    sizes = {"H": H, "I": I}
    P = [(0.5 * torch.randn(*[sizes[d] for d in dims], dtype=F64, generator=gen)).requires_grad_()
         for dims in m.PARAM_SHAPES.values()]
    assert torch.autograd.gradcheck(m.CellFunction.apply, (x, *s0, *P))
    params, state0 = dict(zip(m.PARAM_SHAPES, P)), dict(zip(m.STATES, s0))
    dh = torch.randn(T, B, H, dtype=F64, generator=gen)
    dfin = [torch.randn(B, H, dtype=F64, generator=gen) for _ in m.STATES]
    grads = []
    for run in (m.forward, m.forward_autograd):
        hs, final = run(x, params, state0)
        loss = (hs * dh).sum() + sum((final[s] * d).sum() for s, d in zip(m.STATES, dfin))
        grads.append(torch.autograd.grad(loss, (x, *s0, *P)))
    for a, b in zip(*grads):
        torch.testing.assert_close(a, b, rtol=0, atol=1e-12)


def test_source_is_standalone_deterministic_and_documented():
    cell = symlstm.cell("peephole_lstm")
    source = symlstm.export(cell, to="torch")
    assert source == symlstm.export(symlstm.cell("peephole_lstm"), to="torch")
    tree = ast.parse(source)
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imported == {"math", "torch"}
    doc = ast.get_docstring(tree)
    for line in cell.text().splitlines() + symlstm.derive(cell).text().splitlines()[:3]:
        assert line in doc


def test_export_rejects_unknown_target_and_cell():
    with pytest.raises(ValueError, match="to must be one of"):
        symlstm.export("lstm", to="tensorflow")
    with pytest.raises(KeyError):
        symlstm.export("no_such_cell", to="torch")


@pytest.fixture
def lstm_layer(tmp_path_factory):
    m = load("lstm", tmp_path_factory)
    torch.manual_seed(3)
    return m.Layer(3, 4, num_layers=2, dtype=F64)


@pytest.mark.parametrize("make, message", [
    (lambda: (torch.randn(5, 2, 3, 1, dtype=F64), None), "input must be 3-D"),
    (lambda: (torch.randn(5, 2, 7, dtype=F64), None), "input has size 7 .* input_size=3"),
    (lambda: (torch.randn(5, 2, 3), None), "input has dtype torch.float32"),
    (lambda: (torch.randn(5, 2, 3, dtype=F64, device="meta"), None), "input is on device meta"),
    (lambda: (torch.randn(5, 2, 3, dtype=F64), (torch.zeros(2, 3, 4, dtype=F64),) * 2),
     r"hx\[0\] \(h\) has shape \(2, 3, 4\), expected \(2, 2, 4\)"),
    (lambda: (torch.randn(5, 2, 3, dtype=F64), torch.zeros(2, 2, 4, dtype=F64)), "hx must be a tuple of 2"),
    (lambda: (torch.randn(5, 2, 3, dtype=F64), (torch.zeros(2, 2, 4, dtype=F64), torch.zeros(2, 2, 4))),
     r"hx\[1\] \(c\) has dtype torch.float32"),
])
def test_layer_bad_input(lstm_layer, make, message):
    x, hx = make()
    with pytest.raises(ValueError, match=message):
        lstm_layer(x, hx)


def test_sequence_bad_input(tmp_path_factory):
    m = load("gru_reset_after", tmp_path_factory)
    params = {n: torch.zeros(*[{"H": 4, "I": 3}[d] for d in dims], dtype=F64) for n, dims in m.PARAM_SHAPES.items()}
    x = torch.zeros(5, 2, 3, dtype=F64)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, I\)"):
        m.forward(x[0], params)
    with pytest.raises(ValueError, match="parameter 'U_z' has shape"):
        m.forward(x, {**params, "U_z": torch.zeros(4, 3, dtype=F64)})
    with pytest.raises(ValueError, match="parameter 'b_hn' has dtype torch.float32"):
        m.forward(x, {**params, "b_hn": torch.zeros(4)})
    with pytest.raises(ValueError, match=r"missing \['W_r'\]"):
        m.forward(x, {k: v for k, v in params.items() if k != "W_r"})
    with pytest.raises(ValueError, match=r"initial state 'h' has shape \(3, 4\), expected \(2, 4\)"):
        m.forward(x, params, {"h": torch.zeros(3, 4, dtype=F64)})


def test_peephole_training_step_changes_loss(tmp_path_factory):
    """A few optimizer steps on an exported variant PyTorch has no module for."""
    m = load("peephole_lstm", tmp_path_factory)
    torch.manual_seed(4)
    layer, head = m.Layer(3, 8, batch_first=True), torch.nn.Linear(8, 1)
    opt = torch.optim.Adam([*layer.parameters(), *head.parameters()], lr=0.02)
    x = torch.randn(16, 10, 3)
    y = x.sum((1, 2))[:, None] / 10
    losses = []
    for _ in range(20):
        opt.zero_grad()
        out, (h, c) = layer(x)
        loss = torch.nn.functional.mse_loss(head(out[:, -1]), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]


DDP_WORKER = textwrap.dedent('''
    import importlib.util, os, sys
    import torch, torch.distributed as dist


    def train(m, rank, world):
        """Three SGD steps of an exported Layer on this rank's part of a batch of 4; the parameters after."""
        torch.manual_seed(0)
        layer = m.Layer(3, 5, dtype=torch.float64)
        model = torch.nn.parallel.DistributedDataParallel(layer) if world > 1 else layer
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        gen = torch.Generator().manual_seed(1)
        part = slice(rank * 4 // world, (rank + 1) * 4 // world)
        for step in range(3):
            x = torch.randn(6, 4, 3, dtype=torch.float64, generator=gen)     # (T, B, I): the combined batch
            target = torch.randn(6, 4, 5, dtype=torch.float64, generator=gen)
            out, _ = model(x[:, part])
            loss = ((out - target[:, part]) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        return {k: v.detach() for k, v in layer.state_dict().items()}


    if __name__ == "__main__":
        path, rank, world, port, out_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
        spec = importlib.util.spec_from_file_location("exported", path)
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        torch.set_num_threads(1)
        os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=port)
        dist.init_process_group("gloo", rank=rank, world_size=world)
        params = train(m, rank, world)
        if rank == 0:
            torch.save(params, out_path)
        dist.barrier()          # no rank leaves while another still uses the group (gloo aborts the process)
        dist.destroy_process_group()
''')


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


@pytest.mark.skipif(not torch.distributed.is_available() or not torch.distributed.is_gloo_available(),
                    reason="torch.distributed with gloo is not available")
def test_ddp_two_processes_equal_one_process_on_the_combined_batch(tmp_path, tmp_path_factory):
    m = load("peephole_lstm", tmp_path_factory)
    worker = tmp_path / "worker.py"
    worker.write_text(DDP_WORKER)
    port, out = _free_port(), tmp_path / "params.pt"
    procs = [subprocess.Popen([sys.executable, str(worker), str(m.PATH), str(rank), "2", port, str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for rank in range(2)]
    try:
        logs = [p.communicate(timeout=120)[0] for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert all(p.returncode == 0 for p in procs), "\n".join(logs)
    ddp = torch.load(out)
    spec = importlib.util.spec_from_file_location("ddp_worker", worker)
    single_process = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(single_process)
    single = single_process.train(m, 0, 1)      # one process, the combined batch
    assert ddp.keys() == single.keys()
    for k in single:
        torch.testing.assert_close(ddp[k], single[k], rtol=0, atol=1e-12, msg=k)
    torch.manual_seed(0)
    initial = m.Layer(3, 5, dtype=F64).state_dict()
    assert all((single[k] != initial[k]).any() for k in single)


def test_cli_exports_a_cell_file(tmp_path):
    """`symlstm export FILE --to torch` on a cell file; the module passes gradcheck."""
    out = tmp_path / "janet_torch.py"
    cell_file = Path(__file__).resolve().parent.parent / "docs/examples/janet.cell"
    subprocess.run([sys.executable, "-m", "symlstm", "export", str(cell_file), "--to", "torch", "-o", str(out)],
                   check=True, capture_output=True, timeout=120)
    spec = importlib.util.spec_from_file_location("janet_cli_torch", out)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    assert m.CELL == "janet" and m.TORCH is None
    gen = torch.Generator().manual_seed(5)
    x = torch.randn(3, 2, 2, dtype=F64, generator=gen, requires_grad=True)
    h0 = torch.randn(2, 3, dtype=F64, generator=gen, requires_grad=True)
    P = [(0.5 * torch.randn(*[{"H": 3, "I": 2}[d] for d in dims], dtype=F64, generator=gen)).requires_grad_()
         for dims in m.PARAM_SHAPES.values()]
    assert torch.autograd.gradcheck(m.CellFunction.apply, (x, h0, *P))
    with pytest.raises(ValueError, match="has no PyTorch counterpart"):
        m.Layer(2, 3).to_torch()


def test_benchmark_times_exported_methods_that_agree(tmp_path):
    """`symlstm bench` compares the exported Layer, autograd and nn.LSTM on the same numbers before timing."""
    from symlstm import bench
    from symlstm.codegen.plan import make_plan
    cell = symlstm.cell("lstm")
    modules = {"cell": cell, "plan": make_plan(symlstm.derive(cell)), "jax": None,
               "torch": bench._load_export("lstm", "torch", tmp_path)}
    cfg = bench.BenchConfig(repeats=1, warmup=0, pause=0.0)
    case = bench.export_case(cfg, "lstm", "float64", (4, 2, 3, 5), torch, None, modules, lambda msg: None)
    assert set(case["median_ms"]) == {"export", "autograd", "nn", "torch_floor"}
    assert case["check"]["agree"] and set(case["check"]["methods"]) == {"autograd", "nn"}
    assert case["ratios"]["export/autograd"] == pytest.approx(case["median_ms"]["export"] / case["median_ms"]["autograd"])


def test_source_is_byte_identical_in_another_process():
    """Same cell, another interpreter and hash seed: the same bytes (no set or dict order leaks in)."""
    code = ("import sys, symlstm; sys.stdout.write(symlstm.export('peephole_lstm', to='torch') + "
            "symlstm.export('gru', to='jax'))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert other == symlstm.export("peephole_lstm", to="torch") + symlstm.export("gru", to="jax")


def test_layer_names_dropout_and_eval(tmp_path_factory):
    m = load("lstm", tmp_path_factory)
    torch.manual_seed(6)
    layer = m.Layer(3, 4, num_layers=2, bidirectional=True, dropout=0.5, dtype=F64)
    names = [n for n, _ in layer.named_parameters()]
    assert names[:3] == ["W_i_l0", "U_i_l0", "b_i_l0"] and "U_o_l1_reverse" in names and len(names) == 2 * 2 * 12
    assert all(float(p.detach().abs().max()) <= 0.5 for p in layer.parameters())   # ±1/√H with H = 4
    x = torch.randn(5, 2, 3, dtype=F64)
    layer.eval()
    plain = m.Layer(3, 4, num_layers=2, bidirectional=True, dtype=F64)
    plain.load_state_dict(layer.state_dict())
    torch.testing.assert_close(layer(x)[0], plain(x)[0], rtol=0, atol=0)         # no dropout in eval mode
    layer.train()
    assert not torch.equal(layer(x)[0], plain(x)[0])
    assert layer.to_torch().dropout == 0.5
