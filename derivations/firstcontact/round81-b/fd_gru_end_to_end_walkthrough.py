# Finite-difference check of gru_end_to_end_walkthrough.md (search-index file id 61494155767).
# Author's model: z=σ(Wz_x x+Wz_h h), r=σ(Wr_x x+Wr_h h), h~=tanh(Wh_x x+Wh_h (r*h)), h=(1-z)h+z h~,
# ŷ = W_out·h_4, L = ½(y-ŷ)², h_0 = 0, the author's weights and embeddings.
import numpy as np
E = np.array([[0, 0], [1.0, .5], [.2, .3], [.1, .1], [.2, .4]])
P = dict(Wz_x=np.array([[.7, .3], [.45, .3]]), Wz_h=np.array([[0, .1], [.1, .3]]),
         Wr_x=np.array([[.45, .15], [.25, .15]]), Wr_h=np.array([[.25, .1], [.1, .2]]),
         Wh_x=np.array([[.8, .4], [.3, .3]]), Wh_h=np.array([[.1, .1], [.1, .3]]), W_out=np.array([.6, .4]))
x = E[[1, 2, 3, 4]]; y = 1.0
sig = lambda a: 1/(1+np.exp(-a))
def forward(P, h0=None):
    h = np.zeros(2) if h0 is None else h0; hs = [h.copy()]; gs = []
    for xt in x:
        z = sig(P['Wz_x']@xt+P['Wz_h']@h); r = sig(P['Wr_x']@xt+P['Wr_h']@h)
        ht = np.tanh(P['Wh_x']@xt+P['Wh_h']@(r*h)); h = (1-z)*h+z*ht
        hs.append(h.copy()); gs.append((z, r, ht))
    yh = P['W_out']@h
    return 0.5*(y-yh)**2, yh, hs, gs
L, yh, hs, gs = forward(P)
def fdP(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        a = {q: v.copy() for q, v in P.items()}; b = {q: v.copy() for q, v in P.items()}
        a[k][idx] += eps; b[k][idx] -= eps; g[idx] = (forward(a)[0]-forward(b)[0])/(2*eps)
    return g
G = {k: fdP(k) for k in P}
# true dL/dh_t for t = 4..0 by finite differences: perturb h_t and rerun the remaining steps
def loss_from(t, ht):
    h = ht
    for xt in x[t:]:
        z = sig(P['Wz_x']@xt+P['Wz_h']@h); r = sig(P['Wr_x']@xt+P['Wr_h']@h)
        hh = np.tanh(P['Wh_x']@xt+P['Wh_h']@(r*h)); h = (1-z)*h+z*hh
    return 0.5*(y-P['W_out']@h)**2
def dLdh(t, eps=1e-6):
    g = np.zeros(2)
    for j in range(2):
        e = np.zeros(2); e[j] = eps
        g[j] = (loss_from(t, hs[t]+e)-loss_from(t, hs[t]-e))/(2*eps)
    return g
TRUE = {t: dLdh(t) for t in range(5)}
def rep(line, name, ok): print(f"line {line:>3} {name:<62} {'AGREES' if ok else 'DISAGREES'}")
a = np.linspace(-2, 2, 7); e = 1e-6
rep(83, "sigmoid definition", np.allclose(sig(0.3), 1/(1+np.exp(-0.3))))
rep(28, "dL/dŷ = -(y-ŷ)", np.isclose(-(y-yh), (0.5*(y-(yh+e))**2-0.5*(y-(yh-e))**2)/(2*e)))
rep(29, "dL/dh_4 = dL/dŷ * W_out", np.allclose(-(y-yh)*P['W_out'], TRUE[4], atol=1e-6))
rep(30, "dL/dh_{t-1} = dL/dh ⊙ (1-z) (with TRUE dL/dh_t), t=4..1", all(np.allclose(TRUE[t]*(1-gs[t-1][0]), TRUE[t-1], atol=1e-6) for t in range(4, 0, -1)))
# local rows with TRUE dL/dh_t; compare to FD gradients of Wz_x, Wz_h, Wr_x
dz = {t: TRUE[t]*(gs[t-1][2]-hs[t-1]) for t in range(1, 5)}
daz = {t: dz[t]*gs[t-1][0]*(1-gs[t-1][0]) for t in range(1, 5)}
# check dL/dz_t by perturbing z inside step t
def loss_z(t, dzv):
    h = hs[t-1]; xt = x[t-1]
    z = sig(P['Wz_x']@xt+P['Wz_h']@h)+dzv; r = sig(P['Wr_x']@xt+P['Wr_h']@h)
    hh = np.tanh(P['Wh_x']@xt+P['Wh_h']@(r*h)); hn = (1-z)*h+z*hh
    return loss_from(t, hn)
ok35 = all(np.allclose(dz[t], [(loss_z(t, np.eye(2)[j]*e)-loss_z(t, -np.eye(2)[j]*e))/(2*e) for j in range(2)], atol=1e-6) for t in range(1, 5))
rep(35, "dL/dz = dL/dh ⊙ (h̃ - h_{t-1}) (TRUE dL/dh_t)", ok35)
rep(36, "dL/daz = dL/dz ⊙ z(1-z)  -> sum gives FD dL/dWz_x", np.allclose(sum(np.outer(daz[t], x[t-1]) for t in range(1, 5)), G['Wz_x'], atol=1e-6))
rep(37, "dL/dWz_x = Σ dL/daz xᵀ (TRUE dL/dh)", np.allclose(sum(np.outer(daz[t], x[t-1]) for t in range(1, 5)), G['Wz_x'], atol=1e-6))
rep(38, "dL/dWz_h = Σ dL/daz h_{t-1}ᵀ (TRUE dL/dh)", np.allclose(sum(np.outer(daz[t], hs[t-1]) for t in range(1, 5)), G['Wz_h'], atol=1e-6))
dht = {t: TRUE[t]*gs[t-1][0] for t in range(1, 5)}
daht = {t: dht[t]*(1-gs[t-1][2]**2) for t in range(1, 5)}
drh = {t: P['Wh_h'].T@daht[t] for t in range(1, 5)}
dr = {t: drh[t]*hs[t-1] for t in range(1, 5)}
dar = {t: dr[t]*gs[t-1][1]*(1-gs[t-1][1]) for t in range(1, 5)}
rep(43, "dL/dh̃ = dL/dh ⊙ z  (=> Σ daht xᵀ = FD dL/dWh_x)", np.allclose(sum(np.outer(daht[t], x[t-1]) for t in range(1, 5)), G['Wh_x'], atol=1e-6))
rep(44, "dL/dah̃ = dL/dh̃ ⊙ (1-h̃²) (=> Σ daht (r h)ᵀ = FD Wh_h)", np.allclose(sum(np.outer(daht[t], gs[t-1][1]*hs[t-1]) for t in range(1, 5)), G['Wh_h'], atol=1e-6))
for line, nm in [(45, "dL/d(r⊙h) = Wh_hᵀ dL/dah̃"), (46, "dL/dr = dL/d(r⊙h) ⊙ h_{t-1}"), (47, "dL/dar = dL/dr ⊙ r(1-r)"), (48, "dL/dWr_x = Σ dL/dar xᵀ")]:
    rep(line, nm + " (chain => FD dL/dWr_x)", np.allclose(sum(np.outer(dar[t], x[t-1]) for t in range(1, 5)), G['Wr_x'], atol=1e-6))
# code, run as written
dl_dyhat = -(y-yh); dl_dout = dl_dyhat*hs[-1]; dl_dh = dl_dyhat*P['W_out']
rep(115, "dl_dyhat", np.isclose(dl_dyhat, -(y-yh)))
rep(116, "dl_dout = dl_dyhat*hd vs FD dL/dW_out", np.allclose(dl_dout, G['W_out'], atol=1e-6))
rep(117, "dl_dh = dl_dyhat*W_out vs true dL/dh_4", np.allclose(dl_dh, TRUE[4], atol=1e-6))
# first loop (line 123): dl_dh *= (1 - z_t)
d = dl_dh.copy(); ok = True
for t in range(3, -1, -1):
    if t > 0:
        d = d*(1-gs[t][0]); ok &= np.allclose(d, TRUE[t], atol=1e-6)
rep(123, "dl_dh = dl_dh*(1-z) equals true dL/dh_t", ok)
dx = np.zeros((2, 2)); dhh = np.zeros((2, 2)); d = dl_dyhat*P['W_out']
for t in range(3, -1, -1):
    z, r, ht = gs[t]; hp = hs[t]; xt = x[t]
    dl_dz = d*(ht-hp); dl_daz = dl_dz*z*(1-z); dx += np.outer(dl_daz, xt); dhh += np.outer(dl_daz, hp); d = d*(1-z)
rep(138, "dl_dz = dl_dh*(h_tilde-h_prev) (formula; checked with true dh above)", ok35)
rep(139, "dl_daz = dl_dz*z*(1-z) (formula; checked with true dh above)", True and np.allclose(sum(np.outer(daz[t], x[t-1]) for t in range(1, 5)), G['Wz_x'], atol=1e-6))
rep(140, "dl_daz_x as accumulated by the code == FD dL/dWz_x", np.allclose(dx, G['Wz_x'], atol=1e-6))
rep(141, "dl_daz_h as accumulated by the code == FD dL/dWz_h", np.allclose(dhh, G['Wz_h'], atol=1e-6))
rep(143, "dl_dh = dl_dh*(1-z) (pass gradient backward)", ok)
print("code's dl_daz_x:\n", dx.round(4), "\nFD  dL/dWz_x:\n", G['Wz_x'].round(4))
print("code's dl_daz_h:\n", dhh.round(4), "\nFD  dL/dWz_h:\n", G['Wz_h'].round(4))
print("per-step accumulation rows 140/141 are right as per-step terms: with TRUE dL/dh the same += reproduces FD (rows 37/38)")
