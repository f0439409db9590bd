"""Generated code vs PyTorch's nn.RNN, nn.LSTM and nn.GRU (an independent oracle)."""
import numpy as np
import pytest

import symlstm
from symlstm.checks.check import random_inputs

torch = pytest.importorskip("torch", reason="PyTorch is a test extra: pip install symlstm[test]")

# PyTorch stacks gates: LSTM i, f, g, o; GRU r, z, n.
GATES = {"lstm": "ifgo", "gru_reset_after": "rzn"}


def _torch_module(name, n_in, n_hidden, params):
    if name == "rnn":
        m = torch.nn.RNN(n_in, n_hidden, nonlinearity="tanh")
        w_ih, w_hh, b_ih = params["W"], params["U"], params["b"]
        b_hh = np.zeros_like(b_ih)
    else:
        gates = GATES[name]
        m = (torch.nn.LSTM if name == "lstm" else torch.nn.GRU)(n_in, n_hidden)
        w_ih = np.concatenate([params[f"W_{g}"] for g in gates])
        w_hh = np.concatenate([params[f"U_{g}"] for g in gates])
        if name == "lstm":
            b_ih = np.concatenate([params[f"b_{g}"] for g in gates])
            b_hh = np.zeros_like(b_ih)
        else:   # b_r, b_z fold into b_ih; n keeps b_n (input side) and b_hn (inside r ⊙ (...))
            b_ih = np.concatenate([params["b_r"], params["b_z"], params["b_n"]])
            b_hh = np.concatenate([np.zeros_like(params["b_r"]), np.zeros_like(params["b_z"]), params["b_hn"]])
    m = m.double()
    with torch.no_grad():
        for attr, v in (("weight_ih_l0", w_ih), ("weight_hh_l0", w_hh), ("bias_ih_l0", b_ih), ("bias_hh_l0", b_hh)):
            getattr(m, attr).copy_(torch.from_numpy(np.asarray(v, dtype=np.float64)))
    return m


def _torch_grads(name, m, x, state0, dh, n_hidden):
    xt = torch.tensor(x, requires_grad=True)
    h0 = torch.tensor(state0["h"][None], requires_grad=True)
    if name == "lstm":
        c0 = torch.tensor(state0["c"][None], requires_grad=True)
        out, _ = m(xt, (h0, c0))
    else:
        c0 = None
        out, _ = m(xt, h0)
    (out * torch.from_numpy(dh)).sum().backward()
    H = n_hidden
    g = {"x": xt.grad.numpy(), "h0": h0.grad.numpy()[0]}
    if c0 is not None:
        g["c0"] = c0.grad.numpy()[0]
    wih, whh = m.weight_ih_l0.grad.numpy(), m.weight_hh_l0.grad.numpy()
    bih, bhh = m.bias_ih_l0.grad.numpy(), m.bias_hh_l0.grad.numpy()
    if name == "rnn":
        g.update(W=wih, U=whh, b=bih)
    else:
        for k, gate in enumerate(GATES[name]):
            s = slice(k * H, (k + 1) * H)
            g[f"W_{gate}"], g[f"U_{gate}"] = wih[s], whh[s]
            if name == "lstm" or gate != "n":
                g[f"b_{gate}"] = bih[s]
        if name == "gru_reset_after":
            g["b_n"], g["b_hn"] = bih[2 * H:], bhh[2 * H:]
    return out.detach().numpy(), g


@pytest.mark.parametrize("size", [(1, 1, 1, 1), (3, 2, 2, 3), (7, 4, 5, 6)], ids=str)
@pytest.mark.parametrize("name", ["rnn", "lstm", "gru_reset_after"])
def test_generated_code_matches_pytorch(name, size):
    T, B, I, H = size
    rng = np.random.default_rng(sum(size))
    c = symlstm.compile(name)
    x, params, state0, dh = random_inputs(c.cell, T, B, I, H, rng)
    m = _torch_module(name, I, H, params)
    out, tg = _torch_grads(name, m, x, state0, dh, H)
    hs, _ = c.forward(x, params, state0)
    np.testing.assert_allclose(hs, out, rtol=1e-10, atol=1e-12)
    grads = c.backward(x, params, dh, state0)
    assert set(tg) == set(grads)
    for k in tg:
        np.testing.assert_allclose(grads[k], tg[k], rtol=1e-10, atol=1e-12, err_msg=k)
