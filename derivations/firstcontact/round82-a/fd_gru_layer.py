"""FD check of gru_layer.py (GRULayer): author's forward and backward formulas re-typed in float64."""
import numpy as np
rng = np.random.default_rng(0)
H, D, T = 3, 2, 4
W_r, W_z, W_h = (rng.normal(0, .6, (H, H + D)) for _ in range(3))
b_r, b_z, b_h = (rng.normal(0, .3, H) for _ in range(3))
X = rng.normal(0, 1, (T, D))
Wout = rng.normal(0, 1, (T, H))          # L = sum(Wout * H)  -> d_out = Wout (return_sequences=True)
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(P, X, pert=None):
    W_r, W_z, W_h, b_r, b_z, b_h = P
    pert = pert or {}
    g = lambda k, t, v: v + pert.get((k, t), 0.0)
    Hs = np.zeros((T, H)); cache = []
    h_prev = g('h', -1, np.zeros(H))
    for t in range(T):
        concat = np.concatenate([h_prev, X[t]])                       # l.41
        r = g('r', t, sig(g('ar', t, W_r @ concat + b_r)))            # l.42
        z = g('z', t, sig(g('az', t, W_z @ concat + b_z)))            # l.43
        hr = g('hr', t, r * h_prev)
        concat_h = np.concatenate([hr, X[t]])                          # l.44
        h_tilde = g('ht', t, np.tanh(g('ah', t, W_h @ concat_h + b_h)))  # l.45
        h = g('h', t, (1 - z) * h_prev + z * h_tilde)                 # l.46
        Hs[t] = h; cache.append((h_prev, r, z, h_tilde)); h_prev = h
    return Hs, cache

def loss(P, X, pert=None):
    return float(np.sum(Wout * forward(P, X, pert)[0]))

P = [W_r, W_z, W_h, b_r, b_z, b_h]
Hs, cache = forward(P, X)
# ---- author's backward (lines 73-99), per-step intermediates recorded
rec = {}
dW_r = np.zeros_like(W_r); dW_z = np.zeros_like(W_z); dW_h = np.zeros_like(W_h)
db_r = np.zeros(H); db_z = np.zeros(H); db_h = np.zeros(H); dX = np.zeros_like(X)
dh_next = np.zeros(H); d_out_seq = Wout
for t in reversed(range(T)):
    h_prev, r, z, h_tilde = cache[t]
    dh = d_out_seq[t] + dh_next                      # 78
    dh_tilde = dh * z                                # 79
    dz = dh * (h_tilde - h_prev)                     # 80
    dh_prev = dh * (1 - z)                           # 81
    dh_tilde_raw = dh_tilde * (1 - h_tilde ** 2)     # 82
    concat_h = np.concatenate([r * h_prev, X[t]])    # 83
    dW_h += np.outer(dh_tilde_raw, concat_h)         # 84
    db_h += dh_tilde_raw                             # 85
    dconcat_h = W_h.T @ dh_tilde_raw                 # 86
    dr = dconcat_h[:H] * h_prev                      # 87
    dx_h = dconcat_h[H:]                             # 88
    dr_raw = dr * r * (1 - r)                        # 89
    concat = np.concatenate([h_prev, X[t]])          # 90
    dW_r += np.outer(dr_raw, concat)                 # 91
    db_r += dr_raw                                   # 92
    dconcat_r = W_r.T @ dr_raw                       # 93
    dz_raw = dz * z * (1 - z)                        # 94
    dW_z += np.outer(dz_raw, concat)                 # 95
    db_z += dz_raw                                   # 96
    dconcat_z = W_z.T @ dz_raw                       # 97
    dh_next = dh_prev + dconcat_r[:H] + dconcat_z[:H] + dconcat_h[:H] * r   # 98
    dX[t] = dx_h + dconcat_r[H:] + dconcat_z[H:]     # 99
    rec[t] = dict(dh=dh, dh_tilde=dh_tilde, dz=dz, dh_tilde_raw=dh_tilde_raw, dconcat_h_h=dconcat_h[:H],
                  dr=dr, dr_raw=dr_raw, dz_raw=dz_raw, dh_next=dh_next)

eps = 1e-6
def fd_pert(key, t):
    g = np.zeros(H)
    for i in range(H):
        e = np.zeros(H); e[i] = eps
        g[i] = (loss(P, X, {(key, t): e}) - loss(P, X, {(key, t): -e})) / (2 * eps)
    return g
def fd_param(k):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = [p.copy() for p in P]; Pm = [p.copy() for p in P]
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        g[idx] = (loss(Pp, X) - loss(Pm, X)) / (2 * eps)
    return g
def fd_X():
    g = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xm = X.copy(); Xp[idx] += eps; Xm[idx] -= eps
        g[idx] = (loss(P, Xp) - loss(P, Xm)) / (2 * eps)
    return g
def rep(line, name, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"line {line:>3} {name:<34} {'AGREES' if ok else 'DIFFERS'}  maxerr={np.max(np.abs(a-b)):.2e}")

for t in [T - 1, 1, 0]:
    print(f"-- t={t}")
    rep(78, "dh = dL/dh_t (total)", rec[t]['dh'], fd_pert('h', t))
    rep(79, "dh_tilde = dL/dh~_t", rec[t]['dh_tilde'], fd_pert('ht', t))
    rep(80, "dz = dL/dz_t", rec[t]['dz'], fd_pert('z', t))
    rep(82, "dh_tilde_raw = dL/da_h", rec[t]['dh_tilde_raw'], fd_pert('ah', t))
    rep(86, "dconcat_h[:H] = dL/d(r*h_prev)", rec[t]['dconcat_h_h'], fd_pert('hr', t))
    rep(87, "dr = dL/dr_t", rec[t]['dr'], fd_pert('r', t))
    rep(89, "dr_raw = dL/da_r", rec[t]['dr_raw'], fd_pert('ar', t))
    rep(94, "dz_raw = dL/da_z", rec[t]['dz_raw'], fd_pert('az', t))
    direct = Wout[t - 1] if t > 0 else 0.0   # dh_next is the part of dL/dh_{t-1} that comes through step t
    rep(98, "dh_next = dL/dh_{t-1} - direct", rec[t]['dh_next'], fd_pert('h', t - 1) - direct)
print("-- parameters (accumulated over t, lines 84/85/91/92/95/96) and input (line 99)")
for k, (nm, a) in enumerate([("W_r", dW_r), ("W_z", dW_z), ("W_h", dW_h), ("b_r", db_r), ("b_z", db_z), ("b_h", db_h)]):
    rep({0: 91, 1: 95, 2: 84, 3: 92, 4: 96, 5: 85}[k], "d" + nm, a, fd_param(k))
rep(99, "dX", dX, fd_X())
