"""FD check of wangtong_scribbles_lstm_c7ee872.md (wangtong106/scribbles lstm.py @c7ee872 + README).

Model (author's, numpy port of the Theano forward): a_g = W_g x_t + V_g h_{t-1} + b_g (b = 0) for
g = 0 input, 1 forget, 2 output (sigmoid), 3 cell input (tanh); cell_t = i*g + f*c_{t-1};
hidden_t = o*cell_t (no tanh on the cell output: author's model, kept); err_t = hidden_t . y_t;
E = err at the LAST step only (theano_d = dE/dW_g). Gradients are w.r.t. the input weights W_g
(d_component = 0), checked for every gate d_gate = 0..3.
Keys of VERDICT are line numbers of the note (note line = lstm.py line + 9; README lines 8-9).
"""
import numpy as np

rng = np.random.default_rng(1)
x_size, h_size, N = 2, 3, 5
EPS = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
Wx = [rng.uniform(size=(h_size, x_size)) for _ in range(4)]
Vh = [rng.uniform(size=(h_size, h_size)) for _ in range(4)]
data_in = rng.random((N, x_size)); data_out = rng.random((N, h_size))
c0 = np.zeros(h_size); h0 = np.zeros(h_size)


def run(Wx, pert_a=None):
    """pert_a: (t, gate, vec) added to the gate pre-activation a_gate at step t."""
    c_tm1, h_tm1 = c0, h0
    C, H, E, G, A = [], [], [], [], []
    for t in range(N):
        a = [Wx[g] @ data_in[t] + Vh[g] @ h_tm1 for g in range(4)]
        if pert_a is not None and pert_a[0] == t:
            a[pert_a[1]] = a[pert_a[1]] + pert_a[2]
        gates = [sig(a[0]), sig(a[1]), sig(a[2]), np.tanh(a[3])]
        cell = gates[0] * gates[3] + gates[1] * c_tm1
        hidden = gates[2] * cell
        C.append(cell); H.append(hidden); E.append(hidden @ data_out[t]); G.append(gates); A.append(a)
        c_tm1, h_tm1 = cell, hidden
    return np.array(C), np.array(H), np.array(E), G, A


def dg(gates, gid):  # note lines 135-138
    gate = gates[gid]
    return 1 - gate * gate if gid == 3 else gate * (1 - gate)


ok = {}
ok_all = lambda k, v: ok.__setitem__(k, ok.get(k, True) and bool(v))
C1, H1, E1, G1, A1 = run(Wx)

# forward rows: consistency of the port with the author's definitions (identities by construction)
for k in ("80", "85", "86", "89", "92", "95", "104", "180", "186", "201", "202", "206", "208", "209"):
    ok[k] = True
ok["136"] = close((np.tanh(0.3 + EPS) - np.tanh(0.3 - EPS)) / (2 * EPS), 1 - np.tanh(0.3) ** 2)
ok["138"] = close((sig(0.3 + EPS) - sig(0.3 - EPS)) / (2 * EPS), sig(0.3) * (1 - sig(0.3)))

for d_gate in range(4):
    # true dE/dW_{d_gate} (central differences) -- reference for README lines 8 and 105 (theano_d)
    true = np.zeros((h_size, x_size))
    Dh = [np.zeros((h_size, h_size, x_size)) for _ in range(N)]   # Dh[t][k, i, j] = dh_t[k] / dW[i, j]
    Dc = [np.zeros((h_size, h_size, x_size)) for _ in range(N)]
    Dg = [[np.zeros((h_size, h_size, x_size)) for _ in range(4)] for _ in range(N)]
    for i in range(h_size):
        for j in range(x_size):
            Wp = [w.copy() for w in Wx]; Wm = [w.copy() for w in Wx]
            Wp[d_gate][i, j] += EPS; Wm[d_gate][i, j] -= EPS
            rp, rm = run(Wp), run(Wm)
            true[i, j] = (rp[2][-1] - rm[2][-1]) / (2 * EPS)
            for t in range(N):
                Dh[t][:, i, j] = (rp[1][t] - rm[1][t]) / (2 * EPS)
                Dc[t][:, i, j] = (rp[0][t] - rm[0][t]) / (2 * EPS)
                for a in range(4):
                    Dg[t][a][:, i, j] = (rp[3][t][a] - rm[3][t][a]) / (2 * EPS)
    ok_all("8", True)  # the numerical gradient itself is the reference
    ok_all("165", True); ok_all("166", True)
    ok_all("105", True)  # theano autodiff of err = e[-1]  ==  'true'

    # true BPTT deltas dE/da_t and the author's per-step 'graves_delta' (line 97)
    delta_true = np.zeros((N, h_size)); delta_loc = np.zeros((N, h_size))
    for t in range(N):
        for k in range(h_size):
            e = np.zeros(h_size); e[k] = EPS
            delta_true[t, k] = (run(Wx, (t, d_gate, e))[2][-1] - run(Wx, (t, d_gate, -e))[2][-1]) / (2 * EPS)
        g = G1[t]; y = data_out[t]; c_tm1 = C1[t - 1] if t > 0 else c0
        loc = [y * g[2] * g[3] * g[0] * (1 - g[0]), y * g[2] * c_tm1 * g[1] * (1 - g[1]),
               y * C1[t] * g[2] * (1 - g[2]), y * g[2] * g[0] * (1 - g[3] ** 2)][d_gate]
        delta_loc[t] = loc   # theano.gradient.grad(err_t, gates_in_t[d_gate]) inside _step
    assert close(delta_loc[-1], delta_true[-1])          # equal only at the last step
    ok_all("97", close(delta_loc, delta_true))
    # README line 9: Graves rule dE/dW = sum_t delta_t x_t^T with the TRUE delta and the CURRENT x_t
    ok_all("9", close(sum(np.outer(delta_true[t], data_in[t]) for t in range(N)), true))
    # line 121: graves_x[t] = x_{t-1}; da_t/dW[i,j] = x_t[j] (row i), not x_{t-1}[j]
    gx = data_in.copy()
    for i in range(N - 1, 0, -1):
        gx[i] = gx[i - 1]
    ok_all("121", close(gx, data_in))
    # line 173: per-step outer product delta_t * x (a correct formula given correct delta/x)
    gg_true = delta_true.reshape(N, h_size, 1) * data_in.reshape(N, 1, x_size)
    ok_all("173", close(gg_true.sum(0), true))
    # line 174: summing only t >= 1 (given correct per-step terms)
    ok_all("174", close(gg_true[1:].sum(axis=0), true))
    # author's full graves pipeline disagrees with the true gradient
    author_graves = (delta_loc.reshape(N, h_size, 1) * gx.reshape(N, 1, x_size))[1:].sum(axis=0)
    assert not close(author_graves, true)

    # ---- 'wang' rows; tensors in layout [i, k, j] = d(.)_k / dW[i, j]  (the layout under which
    # lines 190-198 broadcast correctly); TRUE tensors are transposed into that layout.
    L = lambda D: np.transpose(D, (1, 0, 2))
    wys = Vh

    def dg_alpha_dw_beta_x(gates, alpha, beta, x_t, wys, dy_tm1):     # note lines 183-187, verbatim
        dg_alpha = dg(gates, alpha)
        if alpha != beta:
            x_t = np.zeros_like(x_t)
        return dg_alpha.reshape(h_size, 1) * (x_t + np.array([np.dot(wys[alpha], tmp) for tmp in dy_tm1]))

    for t in range(N):
        dy_tm1 = L(Dh[t - 1]) if t > 0 else np.zeros((h_size, h_size, x_size))
        dc_tm1 = L(Dc[t - 1]) if t > 0 else np.zeros((h_size, h_size, x_size))
        c_tm1 = C1[t - 1] if t > 0 else c0
        gates = G1[t]
        # line 187 given the true dh_{t-1}/dW: must equal the true dgate_alpha/dW for every alpha
        for alpha in range(4):
            ok_all("187", close(dg_alpha_dw_beta_x(gates, alpha, d_gate, data_in[t], wys, dy_tm1), L(Dg[t][alpha])))
        # lines 190-193 (dc) given TRUE gate tensors and true dc_{t-1}
        dc = gates[0].reshape(h_size, 1) * L(Dg[t][3])
        dc = dc + gates[3].reshape(h_size, 1) * L(Dg[t][0])
        dc = dc + gates[1].reshape(h_size, 1) * dc_tm1
        dc = dc + c_tm1.reshape(h_size, 1) * L(Dg[t][1])
        for k in ("190", "191", "192", "193"):
            ok_all(k, close(dc, L(Dc[t])))
        # lines 197-198 (dy) given true dg_2 and true dc
        dyv = C1[t].reshape(h_size, 1) * L(Dg[t][2]) + gates[2].reshape(h_size, 1) * L(Dc[t])
        ok_all("197", close(dyv, L(Dh[t]))); ok_all("198", ok["197"])
    # line 211 given the TRUE dh_T/dW: dEdy * dy is not dE/dW (no sum over the hidden index k)
    dyT = L(Dh[-1])
    prod = data_out[-1].reshape(h_size, 1) * dyT
    ok_all("211", close(prod[0], true) or close(np.einsum("iij->ij", prod), true))
    assert close(prod.sum(axis=1), true)   # the missing reduction: sum over k gives dE/dW

    # author's full 'wang' pipeline (verbatim loop) vs the true gradient
    dy = np.zeros((h_size, h_size, x_size)); dc = np.zeros((h_size, h_size, x_size))
    for t in range(N):
        c_tm1 = C1[t - 1] if t > 0 else c0
        gates = G1[t]
        r = gates[0].reshape(h_size, 1) * dg_alpha_dw_beta_x(gates, 3, d_gate, data_in[t], wys, dy)
        r += gates[3].reshape(h_size, 1) * dg_alpha_dw_beta_x(gates, 0, d_gate, data_in[t], wys, dy)
        r += gates[1].reshape(h_size, 1) * dc
        r += c_tm1.reshape(h_size, 1) * dg_alpha_dw_beta_x(gates, 1, d_gate, data_in[t], wys, dy)
        dc = r
        dy = C1[t].reshape(h_size, 1) * dg_alpha_dw_beta_x(gates, 2, d_gate, data_in[t], wys, dy) + gates[2].reshape(h_size, 1) * dc
    dy = data_out[-1].reshape(h_size, 1) * dy
    assert not close(dy[0], true)

VERDICT = {k: "pass" for k in ok}
for k in ("97", "121", "174", "187", "211"):
    VERDICT[k] = "fail"
bad = [k for k in ok if ok[k] != (VERDICT[k] == "pass")]
assert not bad, bad
print("rows:", len(ok), "fail:", sorted((k for k in VERDICT if VERDICT[k] == "fail"), key=int))

# consistency with expected.json (same folder)
import json, os
_exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["wangtong_scribbles_lstm_c7ee872.md"]
assert set(_exp) == set(VERDICT), (set(_exp) ^ set(VERDICT))
assert all(_exp[k]["expected"] == VERDICT[k] for k in VERDICT)
print("expected.json consistent:", len(_exp), "rows")
