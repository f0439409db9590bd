# Finite-difference check of guide2dl_validate_gru.py (s-hironobu/guide2dl, validate-gru.py).
# numpy only. The author's forward pass (column vectors, h[-1] = 0, so h[0] = z[0]*h_h[0];
# linear dense output y_h = V h + c, loss = sum((y_h - y)**2 / 2)), the author's BPTT
# formulas as written, and central finite differences.  Each of the four terms d1..d4 of the
# dh recursion is checked against the FD derivative along its own path (h[t] enters step t+1
# through z_p, through U(r*h), through r_p, and through the carry (1-z)*h).
import numpy as np

np.random.seed(1)
sig = lambda z: 1 / (1 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
dtanh = lambda z: 1.0 - np.tanh(z) ** 2
EPS = 1e-6
ok = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-7)


def make(nin, nh, nout):
    P = {}
    for g in ["z", "r", ""]:
        P["W" + g] = np.random.randn(nh, nin) * 0.7
        P["U" + g] = np.random.randn(nh, nh) * 0.7
        P["b" + g] = np.random.randn(nh, 1) * 0.5
    P["V"] = np.random.randn(nout, nh); P["c"] = np.random.randn(nout, 1)
    return P


def forward(P, x, y, rs, pert=None):
    """pert = (path, t, idx, eps): perturb the copy of h[t] used by step t+1 along one path
    ('z', 'hh', 'r', 'carry'), or 'all' = h[t] itself (every path and the output)."""
    n = len(x); nh = P["b"].shape[0]
    S = {k: np.zeros((n, nh, 1)) for k in ["z_p", "z", "r_p", "r", "h_h_p", "h_h", "h"]}
    for t in range(n):
        if t == 0:
            S["z_p"][t] = P["Wz"] @ x[t] + P["bz"]; S["z"][t] = sig(S["z_p"][t])
            S["r_p"][t] = P["Wr"] @ x[t] + P["br"]; S["r"][t] = sig(S["r_p"][t])
            S["h_h_p"][t] = P["W"] @ x[t] + P["b"]; S["h_h"][t] = np.tanh(S["h_h_p"][t])
            S["h"][t] = S["z"][t] * S["h_h"][t]
        else:
            hp = {k: S["h"][t - 1].copy() for k in ["z", "hh", "r", "carry"]}
            if pert and pert[1] == t - 1 and pert[0] in hp:
                hp[pert[0]][pert[2]] += pert[3]
            S["z_p"][t] = P["Wz"] @ x[t] + P["Uz"] @ hp["z"] + P["bz"]; S["z"][t] = sig(S["z_p"][t])
            S["r_p"][t] = P["Wr"] @ x[t] + P["Ur"] @ hp["r"] + P["br"]; S["r"][t] = sig(S["r_p"][t])
            S["h_h_p"][t] = P["W"] @ x[t] + P["U"] @ (S["r"][t] * hp["hh"]) + P["b"]
            S["h_h"][t] = np.tanh(S["h_h_p"][t])
            S["h"][t] = (1 - S["z"][t]) * hp["carry"] + S["z"][t] * S["h_h"][t]
        if pert and pert[0] == "all" and pert[1] == t:
            S["h"][t][pert[2]] += pert[3]
    y_h = np.stack([P["V"] @ S["h"][s] + P["c"] for s in range(n)]) if rs else P["V"] @ S["h"][-1] + P["c"]
    S["y_h"] = y_h
    return np.sum((y_h - y) ** 2 / 2), S


def author(P, x, y, rs, S, dh_in=None):
    n = len(x); nh = P["b"].shape[0]
    z_p, z, r_p, r, h_h_p, h_h, h = (S[k] for k in ["z_p", "z", "r_p", "r", "h_h_p", "h_h", "h"])
    Uz, Ur, U, V = P["Uz"], P["Ur"], P["U"], P["V"]
    dL = S["y_h"] - y                                              # 131
    if rs:
        dc = dL                                                    # 135
        grads = np.stack([V.T @ dc[s] for s in range(n)])          # 138
    else:
        dc = np.ones(S["y_h"][-1].shape) * dL                      # 140
        grads = np.dot(V.T, dc)                                    # 141
    dh = np.zeros([n, nh, 1]); D = {}
    for t in reversed(range(n)):
        if t == n - 1:
            dh[t] = grads[t] if rs else grads                      # 149/151
        else:
            d1 = np.dot(Uz.T, dh[t + 1] * (h_h[t + 1] - h[t]) * dsig(z_p[t + 1]))                       # 153
            d2 = np.dot(r[t + 1] * U.T, dh[t + 1] * z[t + 1] * dtanh(h_h_p[t + 1]))                      # 154
            d3 = np.dot(Ur.T, np.dot(h[t] * U.T, dh[t + 1] * z[t + 1] * dtanh(h_h_p[t + 1])) * dsig(r_p[t + 1]))  # 155
            d4 = dh[t + 1] * (1 - z[t + 1])                                                              # 156
            D[t] = (d1, d2, d3, d4)
            dh[t] = d1 + d2 + d3 + d4                              # 158
            if rs:
                dh[t] += grads[t]                                  # 160
    if dh_in is not None:
        dh = dh_in
    G = {k: np.zeros_like(P[k]) for k in P if k[0] in "WUb"}
    for t in range(n):
        if t > 0:
            _dbz = dh[t] * dsig(z_p[t]) * (h_h[t] - h[t - 1])      # 165
        else:
            _dbz = dh[t] * dsig(z_p[t]) * h_h[t]                   # 167
        G["bz"] += _dbz; G["Wz"] += np.dot(_dbz, x[t].T)           # 169,170
        if t > 0: G["Uz"] += np.dot(_dbz, h[t - 1].T)              # 172
        if t > 0:
            _dbr = np.dot(h[t - 1] * U.T, dh[t] * z[t] * dtanh(h_h_p[t])) * dsig(r_p[t])   # 175
            G["br"] += _dbr; G["Wr"] += np.dot(_dbr, x[t].T); G["Ur"] += np.dot(_dbr, h[t - 1].T)  # 176-178
        _db = dh[t] * z[t] * dtanh(h_h_p[t])                       # 180
        G["b"] += _db; G["W"] += np.dot(_db, x[t].T)               # 181,182
        if t > 0: G["U"] += np.dot(_db, (r[t] * h[t - 1]).T)       # 184
    return dh, D, G


def fd_h(P, x, y, rs, path, t, nh):
    g = np.zeros((nh, 1))
    for k in range(nh):
        Lp, _ = forward(P, x, y, rs, (path, t, (k, 0), EPS)); Lm, _ = forward(P, x, y, rs, (path, t, (k, 0), -EPS))
        g[k, 0] = (Lp - Lm) / (2 * EPS)
    return g


def fd_param(P, x, y, rs, name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + EPS; Lp, _ = forward(P, x, y, rs)
        P[name][idx] = old - EPS; Lm, _ = forward(P, x, y, rs)
        P[name][idx] = old; g[idx] = (Lp - Lm) / (2 * EPS)
    return g


zz = np.linspace(-3, 3, 7)
print("line 24 deriv_sigmoid vs FD:", ok(dsig(zz), (sig(zz + EPS) - sig(zz - EPS)) / (2 * EPS)))
print("line 30 deriv_tanh    vs FD:", ok(dtanh(zz), (np.tanh(zz + EPS) - np.tanh(zz - EPS)) / (2 * EPS)))
nin, nh, nout = 2, 3, 2
for rs in (False, True):
    for n in (2, 5):
        P = make(nin, nh, nout)
        x = np.random.randn(n, nin, 1)
        y = np.random.randn(n, nout, 1) if rs else np.random.randn(nout, 1)
        L, S = forward(P, x, y, rs)
        dh, D, G = author(P, x, y, rs, S)
        print(f"\n=== return_sequences={rs}, n_sequence={n} ===")
        dh_fd = np.stack([fd_h(P, x, y, rs, "all", t, nh) for t in range(n)])
        print("lines 149/151 dh[T-1] vs FD:", ok(dh[n - 1], dh_fd[n - 1]))
        for t in range(n - 2, -1, -1):
            paths = [fd_h(P, x, y, rs, p, t, nh) for p in ["z", "hh", "r", "carry"]]
            d = D[t]
            print(f"t={t}: line153 d1(z path) {ok(d[0], paths[0])}  line154 d2(U r*h path) {ok(d[1], paths[1])}  "
                  f"line155 d3(r path) {ok(d[2], paths[2])}  line156 d4(carry) {ok(d[3], paths[3])}  "
                  f"line158(+160) dh[t] {ok(dh[t], dh_fd[t])}")
        _, _, Gx = author(P, x, y, rs, S, dh_in=dh_fd)
        for name in ["Wz", "Uz", "bz", "Wr", "Ur", "br", "W", "U", "b"]:
            g = fd_param(P, x, y, rs, name)
            print(f"  d{name:2s}: code-as-written vs FD {ok(G[name], g)!s:5}  formula with exact dh vs FD {ok(Gx[name], g)}")
