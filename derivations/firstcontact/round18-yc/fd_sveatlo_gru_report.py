"""FD check of sveatlo_gru_report.tex (column vectors; z_t weights the OLD state h_{t-1};
reset applied before U_h: h^_t = tanh(W_h x_t + U_h (r_t . h_{t-1}) + b_h); y^_t = softmax(V h_t + b_y);
L = sum_t L_t, L_t = -sum y_t log y^_t with one-hot y_t).  The author's rows are step-t contributions,
accumulated over t by the backward loop; dh_{t+1} (line 105) is what step t sends back to h_{t-1}."""
import numpy as np
rng = np.random.default_rng(0)
nx, nh, ny, T = 3, 4, 5, 4
P = {k: rng.normal(scale=0.5, size=s) for k, s in dict(
    Wh=(nh, nx), Uh=(nh, nh), bh=(nh, 1), Wz=(nh, nx), Uz=(nh, nh), bz=(nh, 1),
    Wr=(nh, nx), Ur=(nh, nh), br=(nh, 1), V=(ny, nh), by=(ny, 1)).items()}
xs = [rng.normal(size=(nx, 1)) for _ in range(T)]
ys = [np.eye(ny)[:, [rng.integers(ny)]] for _ in range(T)]
h0 = rng.normal(scale=0.3, size=(nh, 1))
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(P):
    h = h0; cache = []; L = 0.0
    for t in range(T):
        x = xs[t]
        z = sig(P['Wz'] @ x + P['Uz'] @ h + P['bz'])
        r = sig(P['Wr'] @ x + P['Ur'] @ h + P['br'])
        hh = np.tanh(P['Wh'] @ x + P['Uh'] @ (r * h) + P['bh'])
        hn = z * h + (1 - z) * hh
        o = P['V'] @ hn + P['by']; yh = np.exp(o - o.max()); yh /= yh.sum()
        L += float(-(ys[t] * np.log(yh)).sum())
        cache.append((x, h, z, r, hh, hn, yh)); h = hn
    return L, cache

def fd(P, name, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(g.shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += eps; Lp = forward(Q)[0]
        Q[name][idx] -= 2 * eps; Lm = forward(Q)[0]; g[idx] = (Lp - Lm) / (2 * eps)
    return g

def backward(P, author_uz=False):
    """The author's rows, read as intended: dh = dh_t, tan' = tanh', dr = dr_t, juxtaposition/`*` = Hadamard.
    author_uz=True uses line 105 exactly as printed (U_z without transpose)."""
    L, cache = forward(P)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros((nh, 1))
    for t in reversed(range(T)):
        x, hp, z, r, hh, h, yh = cache[t]
        dy = yh - ys[t]                                   # line 34
        G['V'] += dy @ h.T; G['by'] += dy                 # lines 37, 40
        dh = P['V'].T @ dy + dh_next                      # line 43
        dhh = dh * (1 - z)                                # line 46
        dhh_l = dhh * (1 - hh ** 2)                       # line 49 (tanh' at the output h^_t)
        G['Wh'] += dhh_l @ x.T; G['Uh'] += dhh_l @ (r * hp).T; G['bh'] += dhh_l   # 54, 57, 60
        drhp = P['Uh'].T @ dhh_l                          # line 64
        dr = drhp * hp                                    # line 67
        dr_l = dr * r * (1 - r)                           # line 70
        G['Wr'] += dr_l @ x.T; G['Ur'] += dr_l @ hp.T; G['br'] += dr_l           # 75, 78, 81
        dz = dh * (hp - hh)                               # line 85
        dz_l = dz * z * (1 - z)                           # line 88
        G['Wz'] += dz_l @ x.T; G['Uz'] += dz_l @ hp.T; G['bz'] += dz_l           # 94, 97, 100
        Uz = P['Uz'] if author_uz else P['Uz'].T
        dh_next = Uz @ dz_l + dh * z + drhp * r + P['Ur'].T @ dr_l                # line 105
    return G

G = backward(P); Gbad = backward(P, author_uz=True)
print("rows read as intended (U_z^T in line 105):")
for k in P:
    e = np.abs(G[k] - fd(P, k)).max(); print(f"  {k:3s} max|author-FD| = {e:.2e}")
print("line 105 as printed (U_z without ^T):")
for k in P:
    e = np.abs(Gbad[k] - fd(P, k)).max(); print(f"  {k:3s} max|author-FD| = {e:.2e}")

# dh_t total (line 43) against FD w.r.t. h_t, at t = 1, via a perturbation of the state
def loss_from_h(t0, hpert):
    h = hpert; L = 0.0
    for t in range(t0, T):
        x = xs[t]
        if t > t0:
            z = sig(P['Wz'] @ x + P['Uz'] @ h + P['bz']); r = sig(P['Wr'] @ x + P['Ur'] @ h + P['br'])
            hh = np.tanh(P['Wh'] @ x + P['Uh'] @ (r * h) + P['bh']); h = z * h + (1 - z) * hh
        o = P['V'] @ h + P['by']; yh = np.exp(o - o.max()); yh /= yh.sum(); L += float(-(ys[t] * np.log(yh)).sum())
    return L
L, cache = forward(P); t0 = 1; h1 = cache[t0][5]
g = np.zeros_like(h1)
for i in range(nh):
    e = np.zeros_like(h1); e[i] = 1e-6; g[i] = (loss_from_h(t0, h1 + e) - loss_from_h(t0, h1 - e)) / 2e-6
# recompute the author's dh_1 from the loop
dh_next = np.zeros((nh, 1))
for t in reversed(range(T)):
    x, hp, z, r, hh, h, yh = cache[t]
    dy = yh - ys[t]; dh = P['V'].T @ dy + dh_next
    if t == t0: print("line 43 dh_t total at t=1, max|author-FD| =", f"{np.abs(dh - g).max():.2e}")
    dhh_l = dh * (1 - z) * (1 - hh ** 2); drhp = P['Uh'].T @ dhh_l; dr_l = drhp * hp * r * (1 - r)
    dz_l = dh * (hp - hh) * z * (1 - z)
    dh_next = P['Uz'].T @ dz_l + dh * z + drhp * r + P['Ur'].T @ dr_l
# tan' literally (sec^2) would differ from tanh':
hhv = cache[0][4]; print("tan'(h^) vs tanh' at h^: max diff", f"{np.abs(1/np.cos(hhv)**2 - (1-hhv**2)).max():.2e}")
