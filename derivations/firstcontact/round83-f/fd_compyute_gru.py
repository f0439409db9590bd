# FD check of compyute_gru.md (Compyute GRUFn, commit 6f7f93d9). numpy only.
# The author's forward/backward are re-implemented line by line, including the LIFO
# FunctionCache and the fact that LinearFn caches x = h[:, t-1] as a *view*.
import numpy as np
rng = np.random.default_rng(0)
B, T, Cin, H = 2, 4, 3, 3

class Cache:
    def __init__(self): self.s = []
    def push(self, *a): self.s.append(a)
    def pop(self):
        a = self.s.pop()
        return a if len(a) > 1 else a

def lin_f(c, x, w, b):            # md 10-14
    y = x @ np.swapaxes(w, -1, -2)
    if b is not None: y = y + b
    c.push(x, w, b is not None); return y
def lin_b(c, dy):                 # md 21-25
    x, w, b = c.pop()
    dx = dy @ w
    dw = (np.swapaxes(dy, -1, -2) @ x).sum(tuple(range(dy.ndim - 2)))
    db = None if not b else dy.sum(tuple(range(dy.ndim - 1)))
    return dx, dw, db
def sig_f(c, x):
    y = 1.0 / (1.0 + np.exp(-x)); c.push(y); return y
def sig_b(c, dy):
    (y,) = c.pop(); return y * (1.0 - y) * dy
def tanh_f(c, x):
    y = np.tanh(x); c.push(y); return y
def tanh_b(c, dy):
    (y,) = c.pop(); return (1.0 - y * y) * dy

names = ["w_ir", "b_ir", "w_iz", "b_iz", "w_in", "b_in", "w_hr", "b_hr", "w_hz", "b_hz", "w_hn", "b_hn"]
P = {}
for nm in names:
    shp = (H, Cin) if nm.startswith("w_i") else (H, H) if nm.startswith("w_h") else (H,)
    P[nm] = rng.normal(0, 0.6, shp)
X = rng.normal(0, 1, (B, T, Cin))
DY = rng.normal(0, 1, (B, T, H))

def forward(c, x, P, pert=None):
    pert = pert or {}
    g = lambda k, t: pert.get((k, t), 0.0)
    x_r = lin_f(c, x, P["w_ir"], P["b_ir"])
    x_z = lin_f(c, x, P["w_iz"], P["b_iz"])
    x_n = lin_f(c, x, P["w_in"], P["b_in"])
    r, z, n = np.empty_like(x_r), np.empty_like(x_r), np.empty_like(x_r)
    h_n, h = np.empty_like(x_r), np.zeros_like(x_r)
    for t in range(x.shape[1]):
        h_r = lin_f(c, h[:, t - 1], P["w_hr"], P["b_hr"])
        h_z = lin_f(c, h[:, t - 1], P["w_hz"], P["b_hz"])
        h_n[:, t] = lin_f(c, h[:, t - 1], P["w_hn"], P["b_hn"]) + g("hn", t)
        r[:, t] = sig_f(c, x_r[:, t] + h_r + g("rpre", t)) + g("r", t)
        z[:, t] = sig_f(c, x_z[:, t] + h_z + g("zpre", t)) + g("z", t)
        n[:, t] = tanh_f(c, x_n[:, t] + r[:, t] * h_n[:, t] + g("npre", t)) + g("n", t)
        h[:, t] = (1 - z[:, t]) * n[:, t] + z[:, t] * h[:, t - 1] + g("h", t)
    c.push(r, z, n, True, h_n, "tanh", h)
    return h

def backward(c, dy):
    r, z, n, b, h_n, act, h = c.pop()
    rec = {}
    dh = np.zeros((B, H)); dw_hr = np.zeros((H, H)); dw_hz = np.zeros((H, H)); dw_hn = np.zeros((H, H))
    db_hr = np.zeros(H); db_hz = np.zeros(H); db_hn = np.zeros(H)
    dr_preact, dz_preact, dn_preact = np.empty_like(r), np.empty_like(z), np.empty_like(n)
    for t in range(T - 1, -1, -1):
        dh = dh + dy[:, t]                                      # md 144
        dz = ((0 if t < 1 else h[:, t - 1]) - n[:, t]) * dh     # md 145
        dn = (1 - z[:, t]) * dh                                 # md 146
        dh = z[:, t] * dh                                       # md 147
        dn_preact[:, t] = tanh_b(c, dn)                         # md 150
        dr = h_n[:, t] * dn_preact[:, t]                        # md 151
        dz_preact[:, t] = sig_b(c, dz)                          # md 154
        dr_preact[:, t] = sig_b(c, dr)                          # md 155
        r_dn_preact = r[:, t] * dn_preact[:, t]                 # md 158
        dh_n_t, dw_hn_t, db_hn_t = lin_b(c, r_dn_preact)        # md 159
        dh_z_t, dw_hz_t, db_hz_t = lin_b(c, dz_preact[:, t])    # md 160
        dh_r_t, dw_hr_t, db_hr_t = lin_b(c, dr_preact[:, t])    # md 161
        rec[("dz", t)], rec[("dn", t)], rec[("dr", t)] = dz, dn, dr
        rec[("dn_preact", t)], rec[("dz_preact", t)], rec[("dr_preact", t)] = dn_preact[:, t].copy(), dz_preact[:, t].copy(), dr_preact[:, t].copy()
        rec[("r_dn_preact", t)] = r_dn_preact
        rec[("dw_hn_t", t)] = dw_hn_t
        if t > 0:
            dw_hr += dw_hr_t; dw_hz += dw_hz_t; dw_hn += dw_hn_t      # md 164-166
        db_hr += db_hr_t; db_hz += db_hz_t; db_hn += db_hn_t          # md 168-170
        dh = dh + dh_r_t + dh_z_t + dh_n_t                       # md 172
        rec[("dh_prev", t)] = dh.copy()
    dx_n, dw_in, db_in = lin_b(c, dn_preact)                     # md 175
    dx_z, dw_iz, db_iz = lin_b(c, dz_preact)                     # md 176
    dx_r, dw_ir, db_ir = lin_b(c, dr_preact)                     # md 177
    dx = dx_r + dx_z + dx_n                                      # md 179
    G = dict(dx=dx, w_ir=dw_ir, b_ir=db_ir, w_iz=dw_iz, b_iz=db_iz, w_in=dw_in, b_in=db_in,
             w_hr=dw_hr, b_hr=db_hr, w_hz=dw_hz, b_hz=db_hz, w_hn=dw_hn, b_hn=db_hn)
    return G, rec

def loss(P, x, pert=None):
    return float((forward(Cache(), x, P, pert) * DY).sum())

c = Cache(); forward(c, X, P); G, rec = backward(c, DY)
eps = 1e-6
def fd_param(nm):
    g = np.zeros_like(P[nm])
    for idx in np.ndindex(P[nm].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[nm][idx] += eps; Pm[nm][idx] -= eps
        g[idx] = (loss(Pp, X) - loss(Pm, X)) / (2 * eps)
    return g
def fd_x():
    g = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp, Xm = X.copy(), X.copy(); Xp[idx] += eps; Xm[idx] -= eps
        g[idx] = (loss(P, Xp) - loss(P, Xm)) / (2 * eps)
    return g
def fd_node(key, t):
    g = np.zeros((B, H))
    for idx in np.ndindex(B, H):
        e = np.zeros((B, H)); e[idx] = eps
        g[idx] = (loss(P, X, {(key, t): e}) - loss(P, X, {(key, t): -e})) / (2 * eps)
    return g

def report(row, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"{row:60s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}")

print("-- intermediate rows (every step t) --")
for t in range(T):
    report(f"md 145 dz = dL/dz_t, t={t}", rec[("dz", t)], fd_node("z", t))
    report(f"md 146 dn = dL/dn_t, t={t}", rec[("dn", t)], fd_node("n", t))
    report(f"md 150 dn_preact = dL/d(n pre-act), t={t}", rec[("dn_preact", t)], fd_node("npre", t))
    report(f"md 151 dr = dL/dr_t, t={t}", rec[("dr", t)], fd_node("r", t))
    report(f"md 154 dz_preact, t={t}", rec[("dz_preact", t)], fd_node("zpre", t))
    report(f"md 155 dr_preact, t={t}", rec[("dr_preact", t)], fd_node("rpre", t))
    report(f"md 158 r_dn_preact = dL/d(h_n[:,t]), t={t}", rec[("r_dn_preact", t)], fd_node("hn", t))
    if t > 0:
        # after md 172, dh + dy[:, t-1] must be the total dL/dh_{t-1}
        report(f"md 147+172 dh(+dy[t-1]) = dL/dh_(t-1), t={t}", rec[("dh_prev", t)] + DY[:, t - 1], fd_node("h", t - 1))
print("-- parameter / input gradients (md 24/25 via 159-161, 164-170, 175-179) --")
for nm in names:
    report(f"{nm}", G[nm], fd_param(nm))
report("md 179 dx", G["dx"], fd_x())
# why md 163 'if t > 0' is needed: the cached x of the t=0 hidden projection is the view h[:, -1]
print("-- md 163 guard: dw_hn_t at t=0 (view of h[:, -1] = h_T at backward time) --")
print("   |dw_hn_t(t=0)| =", np.abs(rec[("dw_hn_t", 0)]).max(), "(nonzero, would be wrong; the guard drops it: true value 0)")
