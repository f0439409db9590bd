"""Check for pennyqx_mlts_lstm_forward.md (forward-only note; column layout (n, m)).
Forward rows are checked against an independent LSTM written with separate W_h / W_x blocks
and a max-shifted softmax."""
import numpy as np
rng = np.random.default_rng(3)
n_x, n_h, n_y, m, T = 3, 5, 2, 4, 3

def softmax(x): return np.exp(x) / np.sum(np.exp(x), axis=0)        # line 56
def sigmoid(x): return 1 / (1 + np.exp(-x))                          # line 60
P = {k: rng.normal(size=(n_h, n_h + n_x)) for k in ["Wf", "Wi", "Wc", "Wo"]}
P.update({k: rng.normal(size=(n_h, 1)) for k in ["bf", "bi", "bc", "bo"]})
P["Wy"] = rng.normal(size=(n_y, n_h)); P["by"] = rng.normal(size=(n_y, 1))

def cell(xt, h_prev, c_prev, p):
    concat = np.concatenate([h_prev, xt], axis=0)                    # lines 66, 94
    ft = sigmoid(np.dot(p["Wf"], concat) + p["bf"])                  # 15, 100
    it = sigmoid(np.dot(p["Wi"], concat) + p["bi"])                  # 23, 101
    cct = np.tanh(np.dot(p["Wc"], concat) + p["bc"])                 # 31, 102
    c_next = ft * c_prev + it * cct                                  # 35, 103
    ot = sigmoid(np.dot(p["Wo"], concat) + p["bo"])                  # 42, 104
    h_next = ot * np.tanh(c_next)                                    # 43, 105
    yt = softmax(np.dot(p["Wy"], h_next) + p["by"])                  # 51, 108
    return h_next, c_next, yt, (ft, it, cct, ot)

def ref_cell(xt, h, c, p):
    blk = lambda W: (W[:, :n_h], W[:, n_h:])
    s = lambda z: 0.5 * (1 + np.tanh(z / 2))
    Wfh, Wfx = blk(p["Wf"]); Wih, Wix = blk(p["Wi"]); Wch, Wcx = blk(p["Wc"]); Woh, Wox = blk(p["Wo"])
    f = s(Wfh @ h + Wfx @ xt + p["bf"]); i = s(Wih @ h + Wix @ xt + p["bi"])
    g = np.tanh(Wch @ h + Wcx @ xt + p["bc"]); o = s(Woh @ h + Wox @ xt + p["bo"])
    c2 = f * c + i * g; h2 = o * np.tanh(c2)
    z = p["Wy"] @ h2 + p["by"]; z = z - z.max(0); y = np.exp(z) / np.exp(z).sum(0)
    return h2, c2, y

x = rng.normal(size=(n_x, m, T)); h = rng.normal(size=(n_h, m)); c = np.zeros((n_h, m))
hr, cr = h.copy(), c.copy(); ok = True
for t in range(T):
    h, c, y, gates = cell(x[:, :, t], h, c, P)                       # line 126
    hr, cr, yr = ref_cell(x[:, :, t], hr, cr, P)
    ok &= np.allclose(h, hr) and np.allclose(c, cr) and np.allclose(y, yr)
res = {ln: ok for ln in [15, 23, 31, 35, 42, 43, 51, 56, 60, 66, 94, 100, 101, 102, 103, 104, 105, 108, 126]}
for ln, v in res.items():
    assert v, ln
print("all", len(res), "forward rows confirmed (all pass)")
