# Finite-difference check of guide2dl_validate_lstm.py (s-hironobu/guide2dl, validate-lstm.py).
# numpy only. Implements the author's forward pass (column vectors, h[-1] = C[-1] = 0,
# linear dense output y_h = V h + c, loss = sum((y_h - y)**2 / 2)) and the author's BPTT
# formulas exactly as written, then compares with central finite differences.
import numpy as np

np.random.seed(0)
sig = lambda z: 1 / (1 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
dtanh = lambda z: 1.0 - np.tanh(z) ** 2
EPS = 1e-6


def ok(a, b, tol=1e-6):
    return np.allclose(a, b, rtol=tol, atol=tol)


def make(nin, nh, nout):
    P = {}
    for g in "ifco":
        P["W" + g] = np.random.randn(nh, nin) * 0.7
        P["U" + g] = np.random.randn(nh, nh) * 0.7
        P["b" + g] = np.random.randn(nh, 1) * 0.5
    P["V"] = np.random.randn(nout, nh)
    P["c"] = np.random.randn(nout, 1)
    return P


def forward(P, x, y, rs, pert=None):
    """pert = (kind, t, idx, eps): add eps to h[t] or C[t] (after it is formed)."""
    n = len(x)
    nh = P["bi"].shape[0]
    st = {k: np.zeros((n, nh, 1)) for k in ["f_p", "i_p", "c_h_p", "o_p", "f", "i", "c_h", "o", "C", "h"]}
    for t in range(n):
        for g, name in [("f", "f_p"), ("i", "i_p"), ("c", "c_h_p"), ("o", "o_p")]:
            z = P["W" + g] @ x[t] + P["b" + g]
            if t > 0:
                z = z + P["U" + g] @ st["h"][t - 1]
            st[name][t] = z
        st["f"][t] = sig(st["f_p"][t]); st["i"][t] = sig(st["i_p"][t])
        st["c_h"][t] = np.tanh(st["c_h_p"][t]); st["o"][t] = sig(st["o_p"][t])
        st["C"][t] = st["i"][t] * st["c_h"][t] if t == 0 else st["i"][t] * st["c_h"][t] + st["f"][t] * st["C"][t - 1]
        if pert and pert[0] == "C" and pert[1] == t:
            st["C"][t][pert[2]] += pert[3]
        st["h"][t] = st["o"][t] * np.tanh(st["C"][t])
        if pert and pert[0] == "h" and pert[1] == t:
            st["h"][t][pert[2]] += pert[3]
    if rs:
        y_h = np.stack([P["V"] @ st["h"][s] + P["c"] for s in range(n)])
    else:
        y_h = P["V"] @ st["h"][-1] + P["c"]
    st["y_h"] = y_h
    L = np.sum((y_h - y) ** 2 / 2)
    return L, st


def author_bptt(P, x, y, rs, st, dh_override=None, dC_override=None):
    """The author's lines 154-213 as written.  Optional overrides replace dh / dC by exact
    values when evaluating a single formula with exact inputs."""
    n = len(x); nh = P["bi"].shape[0]
    o, C, i, f, c_h = st["o"], st["C"], st["i"], st["f"], st["c_h"]
    o_p, i_p, f_p, c_h_p, h = st["o_p"], st["i_p"], st["f_p"], st["c_h_p"], st["h"]
    Uo, Ui, Uc, Uf, V = P["Uo"], P["Ui"], P["Uc"], P["Uf"], P["V"]
    y_h = st["y_h"]
    _y = y_h
    dL = _y - y                                                     # line 154
    if rs:
        dc = 1.0 * dL                                               # line 158
        grads = np.zeros([n, nh, 1])
        for s in range(n):
            grads[s] = np.dot(V.T, dc[s])                           # line 161
    else:
        dc = np.ones(y_h[-1].shape) * dL                            # line 163
        grads = np.dot(V.T, dc)                                     # line 164
    dh = np.zeros([n, nh, 1]); dC = np.zeros([n, nh, 1]); D = {}
    for t in reversed(range(n)):
        if t == n - 1:
            dh[t] = grads[t] if rs else grads                       # lines 172/174
            dC[t] = dh[t] * o[t] * dtanh(C[t])                      # line 176
        else:
            d1 = np.dot(Uo.T, dh[t + 1] * np.tanh(C[t + 1]) * dsig(o_p[t + 1]))                     # 178
            d2 = np.dot(Ui.T, dh[t + 1] * o[t + 1] * dtanh(C[t + 1]) * c_h[t + 1] * dsig(i_p[t + 1]))  # 179
            d3 = np.dot(Uc.T, dh[t + 1] * o[t + 1] * dtanh(C[t + 1]) * i[t + 1] * dtanh(c_h_p[t + 1]))  # 180
            d4 = np.dot(Uf.T, dh[t + 1] * o[t + 1] * dtanh(C[t + 1]) * C[t] * dsig(f_p[t + 1]))         # 181
            D[t] = (d1, d2, d3, d4)
            dh[t] = d1 + d2 + d3 + d4                               # line 183
            if rs:
                dh[t] += grads[t]                                   # line 185
            dC[t] = dh[t] * o[t] * dtanh(C[t]) + dC[t + 1] * f[t + 1]   # line 187
    if dh_override is not None:
        dh = dh_override
    if dC_override is not None:
        dC = dC_override
    G = {k: np.zeros_like(P[k]) for k in P if k[0] in "WUb"}
    for t in range(n):
        _do = dh[t] * np.tanh(C[t]) * dsig(o_p[t])                  # 191
        G["bo"] += _do; G["Wo"] += np.dot(_do, x[t].T)              # 192,193
        if t > 0: G["Uo"] += np.dot(_do, h[t - 1].T)                # 195
        _di = dC[t] * c_h[t] * dsig(i_p[t])                         # 197
        G["bi"] += _di; G["Wi"] += np.dot(_di, x[t].T)              # 198,199
        if t > 0: G["Ui"] += np.dot(_di, h[t - 1].T)                # 201
        _dc = dC[t] * i[t] * dtanh(c_h_p[t])                        # 203
        G["bc"] += _dc; G["Wc"] += np.dot(_dc, x[t].T)              # 204,205
        if t > 0: G["Uc"] += np.dot(_dc, h[t - 1].T)                # 207
        if t > 0:
            _df = dC[t] * C[t - 1] * dsig(f_p[t])                   # 210
            G["bf"] += _df; G["Wf"] += np.dot(_df, x[t].T)          # 211,212
            G["Uf"] += np.dot(_df, h[t - 1].T)                      # 213
    return dh, dC, D, G, grads


def fd_state(P, x, y, rs, kind, t, nh):
    g = np.zeros((nh, 1))
    for k in range(nh):
        Lp, _ = forward(P, x, y, rs, (kind, t, (k, 0), EPS))
        Lm, _ = forward(P, x, y, rs, (kind, t, (k, 0), -EPS))
        g[k, 0] = (Lp - Lm) / (2 * EPS)
    return g


def fd_param(P, x, y, rs, name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + EPS; Lp, _ = forward(P, x, y, rs)
        P[name][idx] = old - EPS; Lm, _ = forward(P, x, y, rs)
        P[name][idx] = old
        g[idx] = (Lp - Lm) / (2 * EPS)
    return g


# helpers (lines 21, 25, 29, 33)
z = np.linspace(-3, 3, 7)
print("line 25 deriv_sigmoid vs FD:", ok(dsig(z), (sig(z + EPS) - sig(z - EPS)) / (2 * EPS)))
print("line 33 deriv_tanh    vs FD:", ok(dtanh(z), (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)))

nin, nh, nout = 2, 3, 2
for rs in (False, True):
    for n in (2, 4):
        P = make(nin, nh, nout)
        x = np.random.randn(n, nin, 1)
        y = np.random.randn(n, nout, 1) if rs else np.random.randn(nout, 1)
        L, st = forward(P, x, y, rs)
        dh, dC, D, G, grads = author_bptt(P, x, y, rs, st)
        dh_fd = np.stack([fd_state(P, x, y, rs, "h", t, nh) for t in range(n)])
        dC_fd = np.stack([fd_state(P, x, y, rs, "C", t, nh) for t in range(n)])
        print(f"\n=== return_sequences={rs}, n_sequence={n} ===")
        print("line 176 dC[T-1] (last step) vs FD:", ok(dC[n - 1], dC_fd[n - 1]))
        for t in range(n - 2, -1, -1):
            # exact path contributions through step t+1, using the exact (FD) dC[t+1], dh[t+1]
            o, C, i, c_h = st["o"], st["C"], st["i"], st["c_h"]
            e1 = P["Uo"].T @ (dh_fd[t + 1] * np.tanh(C[t + 1]) * dsig(st["o_p"][t + 1]))
            e2 = P["Ui"].T @ (dC_fd[t + 1] * c_h[t + 1] * dsig(st["i_p"][t + 1]))
            e3 = P["Uc"].T @ (dC_fd[t + 1] * i[t + 1] * dtanh(st["c_h_p"][t + 1]))
            e4 = P["Uf"].T @ (dC_fd[t + 1] * C[t] * dsig(st["f_p"][t + 1]))
            d1, d2, d3, d4 = D[t]
            print(f"t={t}: as propagated: line178 d1 ok={ok(d1, e1)}  line179 d2 ok={ok(d2, e2)}  line180 d3 ok={ok(d3, e3)}  line181 d4 ok={ok(d4, e4)}")
            # the author's d-formulas fed with the exact dh[t+1] (isolates the formula itself)
            g = dh_fd[t + 1] * o[t + 1] * dtanh(C[t + 1])   # the author's stand-in for dC[t+1]
            a1 = P["Uo"].T @ (dh_fd[t + 1] * np.tanh(C[t + 1]) * dsig(st["o_p"][t + 1]))
            a2 = P["Ui"].T @ (g * c_h[t + 1] * dsig(st["i_p"][t + 1]))
            a3 = P["Uc"].T @ (g * i[t + 1] * dtanh(st["c_h_p"][t + 1]))
            a4 = P["Uf"].T @ (g * C[t] * dsig(st["f_p"][t + 1]))
            print(f"      formula with exact dh[t+1]: line178 {ok(a1, e1)}  line179 {ok(a2, e2)}  line180 {ok(a3, e3)}  line181 {ok(a4, e4)}"
                  f"   (author's dC stand-in == exact dC[t+1]: {ok(g, dC_fd[t + 1])})")
            # line 183/185 as a combination rule with exact path terms
            comb = e1 + e2 + e3 + e4 + (grads[t] if rs else 0)
            print(f"      line183(+185) sum rule with exact terms vs FD dh[t]: {ok(comb, dh_fd[t])};  as propagated by the code: {ok(dh[t], dh_fd[t])}")
            rule187 = dh_fd[t] * o[t] * dtanh(C[t]) + dC_fd[t + 1] * st["f"][t + 1]
            print(f"      line187 rule with exact inputs vs FD dC[t]: {ok(rule187, dC_fd[t])};  as propagated: {ok(dC[t], dC_fd[t])}")
        # parameter gradients: as propagated, and the 191-213 formulas fed with exact dh/dC
        _, _, _, Gx, _ = author_bptt(P, x, y, rs, st, dh_override=dh_fd, dC_override=dC_fd)
        for name in ["Wo", "Uo", "bo", "Wi", "Ui", "bi", "Wc", "Uc", "bc", "Wf", "Uf", "bf"]:
            g = fd_param(P, x, y, rs, name)
            print(f"  d{name}: code-as-written vs FD {ok(G[name], g)!s:5}   formula with exact dh/dC vs FD {ok(Gx[name], g)}")
