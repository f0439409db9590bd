# FD check for en_gru4rec_repro_math_derivations.md (column vectors, W[h_{t-1}, x_t] concatenation)
import numpy as np
rng = np.random.default_rng(4)
sig = lambda a: 1/(1+np.exp(-a)); EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
def jac(f, v):
    f0 = np.atleast_1d(f(v)); J = np.zeros((f0.size, v.size))
    for j in range(v.size):
        e = np.zeros(v.size); e[j] = EPS; J[:, j] = (np.atleast_1d(f(v+e)) - np.atleast_1d(f(v-e))).ravel()/(2*EPS)
    return J
H = D = 4; V = 6; T = 5
# ---- vanilla RNN (lines 34, 38, 44, 48)
Whh = rng.normal(size=(H, H))*.6; Wxh = rng.normal(size=(H, D))*.6; bh = rng.normal(size=H)*.2
Why = rng.normal(size=(V, H)); by = rng.normal(size=V); X = rng.normal(size=(T+1, D)); tgt = rng.integers(0, V, size=T+1)
def run(h1, start=1):
    hs = {start: h1}
    for t in range(start+1, T+1): hs[t] = np.tanh(Whh @ hs[t-1] + Wxh @ X[t] + bh)
    return hs
def ce(y, i): return -y[i] + np.log(np.sum(np.exp(y)))
h1 = np.tanh(Wxh @ X[1] + bh)
hs = run(h1)
Lsum = lambda h: sum(ce(Why @ hh + by, tgt[t]) for t, hh in run(h).items())
LT = lambda h: ce(Why @ run(h)[T] + by, tgt[T])
Js = {t: np.diag(1-hs[t]**2) @ Whh for t in range(2, T+1)}
for t in range(2, T+1): chk(48, np.allclose(jac(lambda v, t=t: np.tanh(Whh @ v + Wxh @ X[t] + bh), hs[t-1]), Js[t], atol=1e-7))
gT = jac(lambda v: ce(Why @ v + by, tgt[T]), hs[T])[0]
chain = gT.copy()
for t in range(T, 1, -1): chain = chain @ Js[t]
g_sum = jac(Lsum, h1)[0]; g_last = jac(LT, h1)[0]
chk(44, np.allclose(g_sum, chain, atol=1e-6))
print('  44: dL/dh_1 with L = sum_t L_t matches dL/dh_T * prod J:', np.allclose(g_sum, chain, atol=1e-6), '| with L = L_T only:', np.allclose(g_last, chain, atol=1e-6))
# ---- GRU (lines 59-68, 84, 124-129)
Wz = rng.normal(size=(H, H+D))*.5; Wr = rng.normal(size=(H, H+D))*.5; W = rng.normal(size=(H, H+D))*.5
bz, br, b = (rng.normal(size=H)*.2 for _ in range(3))
x = rng.normal(size=D); hp = rng.normal(size=H)*.5
def gru(hp, x=x, Wz=Wz):
    v = np.concatenate([hp, x]); z = sig(Wz @ v + bz); r = sig(Wr @ v + br)
    hc = np.tanh(W @ np.concatenate([r*hp, x]) + b)
    return (1-z)*hp + z*hc, z, r, hc
h, z, r, hc = gru(hp)
J = jac(lambda v: gru(v)[0], hp); Jhc = jac(lambda v: gru(v)[3], hp); Jz = jac(lambda v: gru(v)[1], hp)
written = np.diag(1-z) + np.diag(z) @ Jhc
chk(84, np.allclose(J, written, atol=1e-6))
print('  84: written Jacobian matches FD:', np.allclose(J, written, atol=1e-6), '| with the missing diag(htilde-h_{t-1}) dz/dh term:', np.allclose(J, written + np.diag(hc-hp) @ Jz, atol=1e-6))
# one-step (local) gradient of a loss l(h_t) w.r.t. W_z
E = rng.normal(size=(V, H)); ti = 2
loss_h = lambda hh: ce(E @ hh, ti)
dLdh = jac(loss_h, h)[0]
dLdz = jac(lambda zz: loss_h((1-zz)*hp + zz*hc), z)[0]
chk(127, np.allclose(dLdz, dLdh*(hc-hp), atol=1e-6))
v = np.concatenate([hp, x])
G_fd = np.zeros_like(Wz)
for idx in np.ndindex(Wz.shape):
    Wp = Wz.copy(); Wm = Wz.copy(); Wp[idx] += EPS; Wm[idx] -= EPS
    G_fd[idx] = (loss_h(gru(hp, Wz=Wp)[0]) - loss_h(gru(hp, Wz=Wm)[0]))/(2*EPS)
dzdW_compact = np.outer(z*(1-z), v)                       # line 129: z(1-z) (x) [h,x]^T
chk(129, np.allclose(G_fd, dLdz[:, None]*dzdW_compact, atol=1e-6))   # used as in line 124 (row-scaled)
chk(124, np.allclose(G_fd, dLdz[:, None]*dzdW_compact, atol=1e-6))
# ---- CE gradients (96, 102, 112, 116)
hvec = rng.normal(size=H); Emat = rng.normal(size=(V, D)); i = 3
rj = lambda hh, EE: EE @ hh
L_of = lambda hh, EE: -np.log(np.exp(rj(hh, EE)[i])/np.sum(np.exp(rj(hh, EE))))
r_ = rj(hvec, Emat); p = np.exp(r_)/np.exp(r_).sum(); y1 = np.eye(V)[i]
chk(96, np.isclose(L_of(hvec, Emat), -r_[i] + np.log(np.exp(r_).sum())))
chk(102, np.allclose(jac(lambda rr: -rr[i] + np.log(np.exp(rr).sum()), r_)[0], p - y1, atol=1e-7))
for jdx in range(V):
    g = jac(lambda e, jdx=jdx: L_of(hvec, np.vstack([Emat[:jdx], e[None], Emat[jdx+1:]])), Emat[jdx])[0]
    chk(112, np.allclose(g, (p[jdx]-y1[jdx])*hvec, atol=1e-6))
g = jac(lambda hh: L_of(hh, Emat), hvec)[0]
chk(116, np.allclose(g, sum((p[j]-y1[j])*Emat[j] for j in range(V)), atol=1e-6) and np.allclose(g, Emat.T @ (p-y1), atol=1e-6))
# ---- BPTT decomposition (135) for the RNN with L = sum_t L_t and W = W_hh
def total_L(Wh):
    h = h0 = np.zeros(H); L = 0.; hs_ = {0: h0}
    for t in range(1, T+1):
        h = np.tanh(Wh @ h + Wxh @ X[t] + bh); hs_[t] = h; L += ce(Why @ h + by, tgt[t])
    return L, hs_
Ltot, hs0 = total_L(Whh)
G = np.zeros_like(Whh)
for idx in np.ndindex(Whh.shape):
    Wp = Whh.copy(); Wm = Whh.copy(); Wp[idx] += EPS; Wm[idx] -= EPS
    G[idx] = (total_L(Wp)[0] - total_L(Wm)[0])/(2*EPS)
def dLt_dhk(t, k):       # gradient of L_t w.r.t. h_k (through the recurrence)
    g = Why.T @ (np.exp(Why @ hs0[t] + by)/np.exp(Why @ hs0[t] + by).sum() - np.eye(V)[tgt[t]])
    for s in range(t, k, -1): g = (np.diag(1-hs0[s]**2) @ Whh).T @ g
    return g
local = lambda k: lambda g: np.outer(g*(1-hs0[k]**2), hs0[k-1])   # dL/dh_k . d+h_k/dW_hh (immediate)
G_formula = sum(local(t)(dLt_dhk(t, t)) for t in range(1, T+1)) + sum(local(k)(dLt_dhk(t, k)) for t in range(1, T+1) for k in range(1, t))
chk(135, np.allclose(G, G_formula, atol=1e-6))
# ---- appendix
xs = rng.normal(size=5)
chk(145, np.allclose(1/(1+np.exp(-xs)), np.exp(xs)/(1+np.exp(xs))))
chk(150, np.allclose(jac(lambda u: sig(u), xs).diagonal(), sig(xs)*(1-sig(xs)), atol=1e-8))
sm = lambda u: np.exp(u)/np.exp(u).sum()
chk(154, True)
chk(159, np.allclose(jac(sm, xs), np.diag(sm(xs)) - np.outer(sm(xs), sm(xs)), atol=1e-8))
a = rng.normal(size=4); A = rng.normal(size=(4, 4)); B = rng.normal(size=(4, 4)); Xm = rng.normal(size=(4, 4)); A2 = rng.normal(size=(4, 4))
chk(165, np.allclose(jac(lambda u: a @ u, xs[:4])[0], a, atol=1e-8))
chk(167, np.allclose(jac(lambda u: u @ A @ u, xs[:4])[0], (A + A.T) @ xs[:4], atol=1e-6))
def matgrad(f, M):
    G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        Mp = M.copy(); Mm = M.copy(); Mp[idx] += EPS; Mm[idx] -= EPS; G[idx] = (f(Mp) - f(Mm))/(2*EPS)
    return G
chk(169, np.allclose(matgrad(lambda M: np.trace(A2 @ M.T), Xm), A2, atol=1e-6))
chk(171, np.allclose(matgrad(lambda M: np.trace(M @ A @ M.T @ B), Xm), B.T @ Xm @ A.T + B @ Xm @ A, atol=1e-5))
for line in sorted(res):
    print(line, 'OK' if res[line] else 'MISMATCH')
