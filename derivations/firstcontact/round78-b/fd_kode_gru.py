"""Finite-difference check of kode_gru.py (kodejuice/neural-network-architectures, gated_recurrent_unit/gru.py).

Author's conventions: column vectors, h = z*h_prev + (1-z)*h~, y = Wy h + by,
loss per step mse = sum((y - y_true)^2) (or CE on softmax(y)), sequence loss = sum over t.
The author's backward formulas are re-typed below exactly as written (line numbers of kode_gru.py),
but evaluated at fixed weights (the source updates the weights inside the BPTT loop and clips; both are
switched off here so that the formulas themselves are compared with finite differences).
"""
import numpy as np

rng = np.random.default_rng(0)
D, H, O = 3, 4, 2
sig = lambda a: 1 / (1 + np.exp(-a))

P = {k: rng.normal(size=s) * 0.7 for k, s in dict(
    Wr=(H, H), Ur=(H, D), Wz=(H, H), Uz=(H, D), Wh=(H, H), Uh=(H, D), Wy=(O, H),
    br=(H, 1), bz=(H, 1), bh=(H, 1), by=(O, 1)).items()}


def forward(P, xs, h0, pert=None, t_pert=None):
    """pert: dict name->(H,1) additive perturbation of r, z or hc (post-activation) at step t_pert."""
    h = h0
    cache = []
    for t, x in enumerate(xs):
        r = sig(P['Wr'] @ h + P['Ur'] @ x + P['br'])                        # line 90
        z = sig(P['Wz'] @ h + P['Uz'] @ x + P['bz'])                        # line 91
        if pert and t == t_pert and 'r' in pert: r = r + pert['r']
        if pert and t == t_pert and 'z' in pert: z = z + pert['z']
        hc = np.tanh(P['Wh'] @ (r * h) + P['Uh'] @ x + P['bh'])             # line 93
        if pert and t == t_pert and 'hc' in pert: hc = hc + pert['hc']
        hn = z * h + (1 - z) * hc                                           # line 95
        y = P['Wy'] @ hn + P['by']                                          # line 97
        cache.append(dict(x=x, h_prev=h, r=r, z=z, hc=hc, h=hn, y=y))
        h = hn
    return cache


def loss(P, xs, ys, h0, **kw):
    c = forward(P, xs, h0, **kw)
    return sum(np.sum((s['y'] - yt) ** 2) for s, yt in zip(c, ys))        # line 14, summed over t (line 255)


def num_grad(f, X, eps=1e-6):
    g = np.zeros_like(X)
    it = np.nditer(X, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g


def author_step(P, s, dY, dh_next):
    x, h, h_prev, hc, rt, zt = s['x'], s['h'], s['h_prev'], s['hc'], s['r'], s['z']
    g = {}
    g['dWy'] = dY @ h.T                                                     # line 113
    g['dby'] = dY                                                           # line 114
    dh = (P['Wy'].T @ dY) + dh_next                                         # line 117
    g['dh'] = dh
    dtanh = dh * (1 - zt) * (1 - hc ** 2)                                   # line 120
    g['dtanh'] = dtanh
    g['dWh'] = dtanh @ (rt * h_prev).T                                      # line 121
    g['dUh'] = dtanh @ x.T                                                  # line 122
    g['dbh'] = dtanh                                                        # line 123
    drt = dtanh * (P['Wh'] @ h_prev)                                        # line 126
    g['drt'] = drt
    dr_sigma = drt * rt * (1 - rt)                                          # line 127
    g['dr_sigma'] = dr_sigma
    g['dWr'] = dr_sigma @ h_prev.T                                          # line 128
    g['dUr'] = dr_sigma @ x.T                                               # line 129
    g['dbr'] = dr_sigma                                                     # line 130
    dh_dz = h_prev - hc                                                     # line 133
    dz = dh * dh_dz                                                         # line 134
    g['dz'] = dz
    dz_sigma = dz * zt * (1 - zt)                                           # line 135
    g['dWz'] = dz_sigma @ h_prev.T                                          # line 136
    g['dUz'] = dz_sigma @ x.T                                               # line 137
    g['dbz'] = dz_sigma                                                     # line 138
    dhcandidate_dhprev = (P['Wh'] @ rt) * (1 - hc ** 2)                     # line 141
    dz_dhprev = P['Wz'] @ (zt * (1 - zt))                                   # line 143
    dh_dhprev = zt + (1 - zt) * dhcandidate_dhprev + hc * -dz_dhprev        # line 144
    g['dh_prev'] = dh * dh_dhprev                                           # line 145
    return g, dz_sigma


def correct_dh_prev(P, s, g, dz_sigma, dr_sigma_true, dtanh):
    return (s['z'] * g['dh'] + s['r'] * (P['Wh'].T @ dtanh)
            + P['Wz'].T @ dz_sigma + P['Wr'].T @ dr_sigma_true)


def cmp(name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"  {name:55s} {'AGREE' if ok else 'DIFFER'}   max|diff|={np.max(np.abs(a - b)):.2e}")
    return ok


# ---------------------------------------------------------------- one step, checks every row in isolation
print("== single step (T=1, random h0): every per-step formula against finite differences")
xs = [rng.normal(size=(D, 1))]
ys = [rng.normal(size=(O, 1))]
h0 = rng.normal(size=(H, 1)) * 0.8
c = forward(P, xs, h0)
s = c[0]
dY = 2 * (s['y'] - ys[0])                                                   # line 18
g, dz_sigma = author_step(P, s, dY, np.zeros((H, 1)))
L = lambda: loss(P, xs, ys, h0)
for k in ['Wy', 'by', 'Wh', 'Uh', 'bh', 'Wr', 'Ur', 'br', 'Wz', 'Uz', 'bz']:
    cmp(f"line d{k}", g['d' + k], num_grad(L, P[k]))
# dL/dh_t (line 117), dL/dr (126), dL/dz (134), dL/dh~ via dtanh/bh (120)
dh_num = num_grad(lambda: np.sum((P['Wy'] @ (s['h'] + 0) + P['by'] - ys[0]) ** 2), s['h'])
cmp("line 117 dh = Wy.T dY + dh_next", g['dh'], dh_num)
pr = np.zeros((H, 1)); drt_num = num_grad(lambda: loss(P, xs, ys, h0, pert={'r': pr}, t_pert=0), pr)
cmp("line 126 drt = dtanh * (Wh @ h_prev)  [dL/dr]", g['drt'], drt_num)
pz = np.zeros((H, 1)); dz_num = num_grad(lambda: loss(P, xs, ys, h0, pert={'z': pz}, t_pert=0), pz)
cmp("line 134 dz = dh * (h_prev - h_candidate) [dL/dz]", g['dz'], dz_num)
dbr_num = num_grad(L, P['br'])
cmp("line 127 dr_sigma fed with the TRUE dL/dr", drt_num * s['r'] * (1 - s['r']), dbr_num)
cmp("line 128 dWr fed with the TRUE dr_sigma", dbr_num @ s['h_prev'].T, num_grad(L, P['Wr']))
dh0_num = num_grad(L, h0)
cmp("line 145 dh_prev = dh * dh_dhprev  [dL/dh_prev]", g['dh_prev'], dh0_num)
cmp("  (reference) z*dh + r*(Wh^T dtanh) + Wz^T dz_s + Wr^T dr_s",
    correct_dh_prev(P, s, g, dz_sigma, dbr_num, g['dtanh']), dh0_num)

# ---------------------------------------------------------------- losses
print("== losses (lines 18, 30)")
yv = rng.normal(size=(O, 1)); yt = rng.normal(size=(O, 1))
cmp("line 18 mse derivative 2*(y_pred - y_true)", 2 * (yv - yt), num_grad(lambda: np.sum((yv - yt) ** 2), yv))
logits = rng.normal(size=(5, 1)); onehot = np.zeros((5, 1)); onehot[2] = 1
smx = lambda a: np.exp(a - a.max()) / np.exp(a - a.max()).sum()
cmp("line 30 CE derivative y_pred - y_true (w.r.t. logits)", smx(logits) - onehot,
    num_grad(lambda: -np.sum(onehot * np.log(smx(logits))), logits))

# ---------------------------------------------------------------- full BPTT, T=4
print("== full BPTT (T=4): author's recursion (lines 160-171) vs finite differences, summed over t")
T = 4
xs = [rng.normal(size=(D, 1)) for _ in range(T)]
ys = [rng.normal(size=(O, 1)) for _ in range(T)]
h0 = np.zeros((H, 1))
c = forward(P, xs, h0)
tot = {k: np.zeros_like(P[k]) for k in P}
dh_next = np.zeros((H, 1))
for t in reversed(range(T)):
    s = c[t]
    g, _ = author_step(P, s, 2 * (s['y'] - ys[t]), dh_next)
    for k in P:
        tot[k] += g['d' + k]
    dh_next = g['dh_prev']
L = lambda: loss(P, xs, ys, h0)
for k in ['Wy', 'by', 'Wh', 'Uh', 'bh', 'Wr', 'Ur', 'br', 'Wz', 'Uz', 'bz']:
    cmp(f"summed d{k} with author's dh_prev", tot[k], num_grad(L, P[k]))

# ---------------------------------------------------------------- components of lines 141-144 (one step)
print("== path components of dh_prev (T=1): author's elementwise factors vs the true vector-Jacobian products")
xs1 = [rng.normal(size=(D, 1))]; ys1 = [rng.normal(size=(O, 1))]; h01 = rng.normal(size=(H, 1))
s = forward(P, xs1, h01)[0]
g, dz_sigma = author_step(P, s, 2 * (s['y'] - ys1[0]), np.zeros((H, 1)))
dh, zt, rt, hc = g['dh'], s['z'], s['r'], s['hc']
dhcandidate_dhprev = (P['Wh'] @ rt) * (1 - hc ** 2)                          # line 141
dz_dhprev = P['Wz'] @ (zt * (1 - zt))                                        # line 143
cmp("line 141 candidate path dh*(1-z)*dhcandidate_dhprev", dh * (1 - zt) * dhcandidate_dhprev,
    rt * (P['Wh'].T @ g['dtanh']))
cmp("line 143 z path dh*(h_candidate * -dz_dhprev)", dh * (hc * -dz_dhprev), P['Wz'].T @ dz_sigma)
cmp("line 144 direct path dh*zt", dh * zt, zt * dh)

# ---------------------------------------------------------------- full BPTT with lines 126 and 145 replaced
print("== full BPTT (T=4) with only lines 126 and 145 replaced by the correct formulas: the other rows and the")
print("   indices of lines 165-169 then agree")
tot = {k: np.zeros_like(P[k]) for k in P}
dh_next = np.zeros((H, 1))
for t in reversed(range(T)):
    s = c[t]
    g, dz_sigma = author_step(P, s, 2 * (s['y'] - ys[t]), dh_next)
    drt_ok = s['h_prev'] * (P['Wh'].T @ g['dtanh'])
    dr_sigma = drt_ok * s['r'] * (1 - s['r'])
    g['dWr'], g['dUr'], g['dbr'] = dr_sigma @ s['h_prev'].T, dr_sigma @ s['x'].T, dr_sigma
    for k in P:
        tot[k] += g['d' + k]
    dh_next = correct_dh_prev(P, s, g, dz_sigma, dr_sigma, g['dtanh'])
for k in ['Wy', 'by', 'Wh', 'Uh', 'bh', 'Wr', 'Ur', 'br', 'Wz', 'Uz', 'bz']:
    cmp(f"summed d{k} (corrected 126/145)", tot[k], num_grad(L, P[k]))
