"""FD check of gru_lecture4_notes.md. Forward as in the notes (lines 23-27, 37-41):
r=sig(W_r[h_{t-1},x_t]+b_r), z=sig(W_z[h_{t-1},x_t]+b_z), h~=tanh(W_h~[r*h_{t-1},x_t]+b_h),
h_t=z*h_{t-1}+(1-z)*h~, y^i=W_o h_t, y^o=sig(y^i), E=sum_t 1/2 (y_d-y^o)^2.
W_r = [W_rh | W_rx] (the notes' 'W_r=W_rx+W_rh' read as this split), same for W_z, W_h~.
The notes' deltas are taken as total derivatives of E w.r.t. the pre-activations at step t
(delta_y = dE/dy^i_t, delta_z = dE/da_z(t), delta_t = dE/da_h~(t), delta_r = dE/da_r(t)), obtained here by FD;
the weight-gradient lines are then checked as per-step terms summed over t (outer products)."""
import numpy as np
rng = np.random.default_rng(2)
H, D, T = 3, 2, 4
P = {k: rng.normal(0, .7, (H, H + D)) for k in ("r", "z", "h")}
P.update({"b" + k: rng.normal(0, .3, H) for k in ("r", "z", "h")})
P["o"] = rng.normal(0, 1, (1, H))
X = rng.normal(0, 1, (T, D)); yd = rng.uniform(0, 1, T)
sig = lambda a: 1 / (1 + np.exp(-a))

def run(P, pert=None):
    p = lambda k, t, v: v + (pert or {}).get((k, t), 0.0)
    h = np.zeros(H); E = 0.0; cache = []
    for t in range(T):
        hx = np.concatenate([h, X[t]])
        r = sig(p('ar', t, P["r"] @ hx + P["br"]))
        z = sig(p('az', t, P["z"] @ hx + P["bz"]))
        ht = np.tanh(p('ah', t, P["h"] @ np.concatenate([r * h, X[t]]) + P["bh"]))
        hn = z * h + (1 - z) * ht
        yi = p('ay', t, P["o"] @ hn); yo = sig(yi)
        E += 0.5 * float((yd[t] - yo[0]) ** 2)
        cache.append((h, r, z, ht, hn)); h = hn
    return E, cache

eps = 1e-6
E0, cache = run(P)
def fd_pre(key, t, n=H):
    g = np.zeros(n)
    for i in range(n):
        e = np.zeros(n); e[i] = eps
        g[i] = (run(P, {(key, t): e})[0] - run(P, {(key, t): -e})[0]) / (2 * eps)
    return g
def fd_param(k):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {a: v.copy() for a, v in P.items()}; Pm = {a: v.copy() for a, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        g[idx] = (run(Pp)[0] - run(Pm)[0]) / (2 * eps)
    return g
def rep(line, name, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"line {line:>3} {name:<46} {'AGREES' if ok else 'DIFFERS'}  maxerr={np.max(np.abs(a-b)):.2e}")

dy = [fd_pre('ay', t, 1) for t in range(T)]
dzp = [fd_pre('az', t) for t in range(T)]
dhp = [fd_pre('ah', t) for t in range(T)]
drp = [fd_pre('ar', t) for t in range(T)]
G = {k: fd_param(k) for k in ("o", "r", "z", "h")}
hprev = [c[0] for c in cache]; rr = [c[1] for c in cache]; hn = [c[4] for c in cache]
S = lambda f: sum(f(t) for t in range(T))
rep(43, "dE/dW_o = sum_t delta_y h_t^T", S(lambda t: np.outer(dy[t], hn[t])), G["o"])
rep(45, "dE/dW_zx = sum_t delta_z x_t^T", S(lambda t: np.outer(dzp[t], X[t])), G["z"][:, H:])
rep(45, "dE/dW_zh = sum_t delta_z h_{t-1}^T", S(lambda t: np.outer(dzp[t], hprev[t])), G["z"][:, :H])
rep(47, "dE/dW_h~x = sum_t delta_t x_t^T", S(lambda t: np.outer(dhp[t], X[t])), G["h"][:, H:])
rep(47, "dE/dW_h~h = sum_t delta_t (r_t*h_{t-1})^T", S(lambda t: np.outer(dhp[t], rr[t] * hprev[t])), G["h"][:, :H])
rep(47, "  [reading (r_t,h_{t-1}) as h_{t-1} only]", S(lambda t: np.outer(dhp[t], hprev[t])), G["h"][:, :H])
rep(49, "dE/dW_rx = sum_t delta_r x_t^T", S(lambda t: np.outer(drp[t], X[t])), G["r"][:, H:])
rep(49, "dE/dW_h~h = sum_t delta_r h_{t-1}^T (as labelled)", S(lambda t: np.outer(drp[t], hprev[t])), G["h"][:, :H])
rep(49, "  same RHS vs dE/dW_rh (the intended matrix)", S(lambda t: np.outer(drp[t], hprev[t])), G["r"][:, :H])
