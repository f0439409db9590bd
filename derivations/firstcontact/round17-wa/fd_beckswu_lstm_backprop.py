"""FD check of beckswu_lstm_backprop.md (Becks' Coursera-style LSTM backprop).
Model as the text states it: gates on [a^{t-1}; x^t] (column layout, batch m),
c = Gu*ct + Gf*c_prev, a = Go*tanh(c), y = softmax(Wy c + by)  (the text feeds c, not a, to y).
Loss (not stated in the text): L = sum_t CE(y^t, Y^t) + sum_t <R_t, a^t>  (the linear term stands
for "a^t is next layer input").  dGamma_* = gradient w.r.t. the gate's pre-activation phi.
d L/d c^t in the author's chains = partial holding a^t fixed (path through y^t and c^{t+1})."""
import numpy as np
rng = np.random.default_rng(0)
na, nx, ny, m, T = 3, 2, 4, 2, 4
P = {k: rng.normal(0, .5, (na, na + nx)) for k in "ufoc"}
B = {k: rng.normal(0, .3, (na, 1)) for k in "ufoc"}
Wy, by = rng.normal(0, .5, (ny, na)), rng.normal(0, .3, (ny, 1))
X = rng.normal(size=(T, nx, m)); Yi = rng.integers(0, ny, (T, m)); R = rng.normal(size=(T, na, m))
a0 = rng.normal(0, .5, (na, m)); c0 = rng.normal(0, .5, (na, m))
sig = lambda z: 1 / (1 + np.exp(-z))

def run(pert={}, Wstep=None):
    """pert keys: ('phi',k,t) add to pre-activation; ('c',t) add to c^t on non-a paths;
    ('aprev',t) add to a^{t-1} as seen by step t's gates only; ('cprev',t) add to c^{t-1} in step t's
    cell update only; ('x',t) add to x^t.  Wstep=(k,t,dW): weight k perturbed at step t only."""
    a, c = a0.copy(), c0.copy(); L = 0.; cache = []
    for t in range(T):
        aprev = a + pert.get(('aprev', t), 0); cprev_used = c + pert.get(('cprev', t), 0)
        xt = X[t] + pert.get(('x', t), 0)
        z = np.vstack([aprev, xt]); g = {}; phi = {}
        for k in "ufoc":
            W = P[k] + (Wstep[2] if Wstep and Wstep[0] == k and Wstep[1] == t else 0)
            phi[k] = W @ z + B[k] + pert.get(('phi', k, t), 0)
            g[k] = np.tanh(phi[k]) if k == 'c' else sig(phi[k])
        cn = g['u'] * g['c'] + g['f'] * cprev_used
        an = g['o'] * np.tanh(cn)
        cpath = cn + pert.get(('c', t), 0)          # c^t as seen by y^t and c^{t+1}
        s = Wy @ cpath + by; s -= s.max(0); p = np.exp(s) / np.exp(s).sum(0)
        L += -np.log(p[Yi[t], np.arange(m)]).sum() + (R[t] * an).sum()
        cache.append(dict(z=z, g=g, c=cn, cprev=c, aprev=a, p=p))
        a, c = an, cpath
    return L, cache

def fd(key, shape, t=None, Wk=None, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        if Wk: lp, lm = run(Wstep=(Wk, t, E))[0], run(Wstep=(Wk, t, -E))[0]
        else: lp, lm = run({key: E})[0], run({key: -E})[0]
        G[idx] = (lp - lm) / (2 * eps)
    return G

L, C = run(); t = 1   # an inner step
cc = C[t]; g = cc['g']; ct = cc['c']
dc_part = fd(('c', t), (na, m))           # dL/dc^t holding a^t fixed = the author's dL/dc (dc^{<t>})
da = fd(('phi', 'o', 0), (na, m)) * 0     # placeholder
# total dL/da^t: perturb a^t everywhere = perturb a as seen by step t+1 gates + R term
def dL_da(t):
    G = np.zeros((na, m))
    for idx in np.ndindex(na, m):
        E = np.zeros((na, m)); E[idx] = 1e-6
        lp = run({('aprev', t + 1): E})[0] + (R[t] * E).sum(); lm = run({('aprev', t + 1): -E})[0] - (R[t] * E).sum()
        G[idx] = (lp - lm) / 2e-6
    return G
da = dL_da(t)
th = np.tanh(ct); apath = da * g['o'] * (1 - th ** 2)
chk = lambda name, A, Bv: print(f"{name:58s} maxerr={np.max(np.abs(A - Bv)):.2e}")
print("row 31: middle = 2*(da*Go*(1-tanh^2)), right = da*Go*(1-tanh^2); differ by", np.max(np.abs(apath)))
chk("row 31 right side vs total dL/dc^t (should differ)", apath, dc_part + apath)
tot_c = dc_part + apath                      # total dL/dc^t
chk("rows 34-36 dc~ (pre-act) = (dc+da Go(1-th^2)) Gu (1-c~^2)", tot_c * g['u'] * (1 - g['c'] ** 2), fd(('phi', 'c', t), (na, m)))
chk("rows 47-49 dGu = (...) c~ Gu(1-Gu)", tot_c * g['c'] * g['u'] * (1 - g['u']), fd(('phi', 'u', t), (na, m)))
chk("rows 59-61 dGf = (...) c_prev Gf(1-Gf)", tot_c * cc['cprev'] * g['f'] * (1 - g['f']), fd(('phi', 'f', t), (na, m)))
dGo = da * th * g['o'] * (1 - g['o'])
chk("rows 71-73 dGo = da tanh(c) Go(1-Go)", dGo, fd(('phi', 'o', t), (na, m)))
dphi = {'u': tot_c * g['c'] * g['u'] * (1 - g['u']), 'f': tot_c * cc['cprev'] * g['f'] * (1 - g['f']),
        'o': dGo, 'c': tot_c * g['u'] * (1 - g['c'] ** 2)}
for k in "fuco":
    chk(f"rows 83-89 dW_{k}^<t> = dphi_{k} [a;x]^T (step t only)", dphi[k] @ cc['z'].T, fd(None, (na, na + nx), t=t, Wk=k))
da_prev_step = sum(P[k][:, :na].T @ dphi[k] for k in "ufoc")
chk("row 108 d_a^<t-1> (step t's gates only)", da_prev_step, fd(('aprev', t), (na, m)))
full = sum(P[k].T @ dphi[k] for k in "ufoc")
print("row 109 w^T dGamma with the full W^T has shape", full.shape, "but a^{t-1} is", (na, m), "-> ill-typed")
dx = sum(P[k][:, na:].T @ dphi[k] for k in "ufoc")
chk("rows 117-118 gradient w.r.t. x^t (what the rows compute)", dx, fd(('x', t), (nx, m)))
dcprev_step = tot_c * g['f']
chk("rows 123-124 dc^<t-1> (through step t's cell update)", dcprev_step, fd(('cprev', t), (na, m)))
chk("rows 114-115 d_c^<t-1> := a-gradient vs FD dL/dc^{t-1} (should differ)", da_prev_step, fd(('cprev', t), (na, m)))
for k in "fuco":
    G = np.zeros((na, 1))
    for i in range(na):
        E = np.zeros((na, m)); E[i, :] = 1e-6
        G[i] = (run({('phi', k, t): E})[0] - run({('phi', k, t): -E})[0]) / 2e-6
    chk(f"rows 84-90 db_{k}^<t> = sum_batch dphi_{k} (step t only)", dphi[k].sum(1, keepdims=True), G)
