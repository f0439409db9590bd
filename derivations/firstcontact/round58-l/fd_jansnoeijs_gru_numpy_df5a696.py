"""Finite-difference check of jansnoeijs_gru_numpy_df5a696.md (JanSnoeijsEPFL/gru_numpy model_sigmoid.py GRU).
Row layout, X (N, T, IN); s_{-1} = 0 (the author's t=0 forward is the general step with s_{-1}=0).
Loss: L = 2*BCE(sigmoid(a), Y), a = s_{T-1} Wlin + Blin, so dy = dL/da = 2*(sigmoid(a) - Y) (what the caller passes).
Each annotated row is evaluated as written, with the TRUE values (from finite differences) of what it uses,
and compared with the true value of what it claims to compute."""
import numpy as np

rng = np.random.default_rng(58)
N, T, IN, OUT = 2, 4, 3, 3
P = {k: rng.normal(0, 0.6, s) for k, s in dict(Wz=(IN, OUT), Wr=(IN, OUT), Wh=(IN, OUT), Uz=(OUT, OUT), Ur=(OUT, OUT),
                                              Uh=(OUT, OUT), Bz=(1, OUT), Br=(1, OUT), Bh=(1, OUT), Wlin=(OUT, 1), Blin=(1, 1)).items()}
X0 = rng.normal(0, 1, (N, T, IN))
Y = np.array([[1.0], [0.0]])
sig = lambda a: 1 / (1 + np.exp(-a))
NAMES = ['az', 'z', 'ar', 'r', 'q', 'ah', 'h', 's']


def fwd(P, X, pert=None):
    """general GRU with perturbation hooks pert[(name,t)] added to intermediates; returns L and cache"""
    pert = pert or {}
    g = lambda nm, t, v: v + pert.get((nm, t), 0.0)
    s_prev = np.zeros((N, OUT)); C = {nm: [] for nm in NAMES}; C['sprev'] = []
    for t in range(T):
        C['sprev'].append(s_prev)
        az = g('az', t, X[:, t] @ P['Wz'] + s_prev @ P['Uz'] + P['Bz']); z = g('z', t, sig(az))
        ar = g('ar', t, X[:, t] @ P['Wr'] + s_prev @ P['Ur'] + P['Br']); r = g('r', t, sig(ar))
        q = g('q', t, r * s_prev)
        ah = g('ah', t, X[:, t] @ P['Wh'] + q @ P['Uh'] + P['Bh']); h = g('h', t, np.tanh(ah))
        s = g('s', t, z * s_prev + (1 - z) * h)
        for nm, v in zip(NAMES, [az, z, ar, r, q, ah, h, s]):
            C[nm].append(v)
        s_prev = s
    a = s_prev @ P['Wlin'] + P['Blin'] + pert.get(('a', 0), 0.0)
    yh = sig(a)
    L = 2 * np.sum(-Y * np.log(yh) - (1 - Y) * np.log(1 - yh))
    C['a'] = a; C['y'] = yh
    return L, C


def author_forward(P, X):
    """lines 11-21 of the note, as written"""
    z = np.zeros((N, T, OUT)); r = z.copy(); h = z.copy(); s = z.copy()
    z[:, 0, :] = sig(X[:, 0, :] @ P['Wz'] + P['Bz'])
    r[:, 0, :] = sig(X[:, 0, :] @ P['Wr'] + P['Br'])
    h[:, 0, :] = np.tanh(X[:, 0, :] @ P['Wh'] + P['Bh'])
    s[:, 0, :] = (1 - z[:, 0, :]) * h[:, 0, :]
    for t in range(1, T):
        z[:, t, :] = sig(X[:, t, :] @ P['Wz'] + s[:, t - 1, :] @ P['Uz'] + P['Bz'])
        r[:, t, :] = sig(X[:, t, :] @ P['Wr'] + s[:, t - 1, :] @ P['Ur'] + P['Br'])
        h[:, t, :] = np.tanh(X[:, t, :] @ P['Wh'] + (r[:, t, :] * s[:, t - 1, :]) @ P['Uh'] + P['Bh'])
        s[:, t, :] = z[:, t, :] * s[:, t - 1, :] + (1 - z[:, t, :]) * h[:, t, :]
    y = sig(s[:, T - 1, :] @ P['Wlin'] + P['Blin'])
    return z, r, h, s, y


E = 1e-6
L0, C = fwd(P, X0)


def fd_node(nm, t):
    shape = C[nm][t].shape if nm != 'a' else C['a'].shape
    G = np.zeros(shape)
    for idx in np.ndindex(shape):
        d = np.zeros(shape); d[idx] = E
        G[idx] = (fwd(P, X0, {(nm, t): d})[0] - fwd(P, X0, {(nm, t): -d})[0]) / (2 * E)
    return G


def fd_param(k):
    G = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
        Pp[k][idx] += E; Pm[k][idx] -= E
        G[idx] = (fwd(Pp, X0)[0] - fwd(Pm, X0)[0]) / (2 * E)
    return G


def fd_X():
    G = np.zeros_like(X0)
    for idx in np.ndindex(X0.shape):
        Xp = X0.copy(); Xm = X0.copy(); Xp[idx] += E; Xm[idx] -= E
        G[idx] = (fwd(P, Xp)[0] - fwd(P, Xm)[0]) / (2 * E)
    return G


TG = {(nm, t): fd_node(nm, t) for nm in NAMES for t in range(T)}   # true dL/d(node) at each step
da = fd_node('a', 0)
GP = {k: fd_param(k) for k in P}
GX = fd_X()
close = lambda A, B: np.allclose(A, B, rtol=1e-5, atol=1e-7)
results = {}


def check(line, ok_expected, ok):
    assert ok == ok_expected, (line, ok, ok_expected)
    results[line] = 'pass' if ok else 'fail'


# ---- forward rows and activations ----
z, r, h, s, y = author_forward(P, X0)
Zt = np.stack(C['z'], 1); Rt = np.stack(C['r'], 1); Ht = np.stack(C['h'], 1); St = np.stack(C['s'], 1)
check(11, True, close(z[:, 0], Zt[:, 0])); check(12, True, close(r[:, 0], Rt[:, 0]))
check(13, True, close(h[:, 0], Ht[:, 0])); check(14, True, close(s[:, 0], St[:, 0]))
check(16, True, close(z, Zt)); check(17, True, close(r, Rt)); check(18, True, close(h, Ht)); check(19, True, close(s, St))
check(21, True, close(y, C['y']))
a_ = rng.normal(0, 1, 5)
check(81, True, close(sig(a_) * (1 - sig(a_)), (sig(a_ + E) - sig(a_ - E)) / (2 * E)))
check(83, True, close(1 / (1 + np.exp(-a_)), 0.5 * (1 + np.tanh(a_ / 2))))
check(87, True, close(1 - np.tanh(a_) ** 2, (np.tanh(a_ + E) - np.tanh(a_ - E)) / (2 * E)))
check(89, True, close(np.tanh(a_), (np.exp(a_) - np.exp(-a_)) / (np.exp(a_) + np.exp(-a_))))

# ---- backward rows ----
dy = 2 * (C['y'] - Y)
assert close(dy, da)                       # dy is dL/da (pre-sigmoid output)
Wlin = P['Wlin']
sw = lambda t: St[:, t - 1, :]             # author's self.s[:,t-1,:] (wraps to s_{T-1} at t=0)
s0 = lambda t: C['sprev'][t]               # the true s_{t-1} (zeros at t=0)
check(28, True, close(dy @ Wlin.T, TG[('s', T - 1)]))
check(30, True, close(St[:, T - 1, :].T @ dy, GP['Wlin']))
check(31, True, close(np.sum(dy, axis=0).reshape(1, -1), GP['Blin']))
check(39, True, all(close(TG[('s', t)], TG[('s', t)]) for t in range(T)))   # ds = dsnext (= dL/ds_t)
check(40, True, all(close(TG[('s', t)] * (1 - Zt[:, t]), TG[('h', t)]) for t in range(T)))
check(41, True, all(close(TG[('h', t)] * (1 - Ht[:, t] ** 2), TG[('ah', t)]) for t in range(T)))
check(43, True, close(sum(X0[:, t].T @ TG[('ah', t)] for t in range(T)), GP['Wh']))
row46 = sum((Rt[:, t] * sw(t)).T @ TG[('ah', t)] for t in range(T))
assert close(sum((Rt[:, t] * s0(t)).T @ TG[('ah', t)] for t in range(T)), GP['Uh'])   # correct with s_{-1}=0
check(46, False, close(row46, GP['Uh']))
check(47, True, close(sum(np.sum(TG[('ah', t)], 0).reshape(1, -1) for t in range(T)), GP['Bh']))
check(50, True, all(close(TG[('ah', t)] @ P['Uh'].T, TG[('q', t)]) for t in range(T)))
row52 = [TG[('q', t)] * sw(t) for t in range(T)]
assert all(close(row52[t], TG[('r', t)]) for t in range(1, T))   # right for t >= 1 ...
check(52, False, all(close(row52[t], TG[('r', t)]) for t in range(T)))   # ... wrong at t = 0 (wrap)
check(53, True, all(close(TG[('r', t)] * Rt[:, t] * (1 - Rt[:, t]), TG[('ar', t)]) for t in range(T)))
check(55, True, close(sum(X0[:, t].T @ TG[('ar', t)] for t in range(T)), GP['Wr']))
check(56, True, close(sum(sw(t).T @ TG[('ar', t)] for t in range(T)), GP['Ur']))   # true dr_l(0) = 0
check(57, True, close(sum(np.sum(TG[('ar', t)], 0).reshape(1, -1) for t in range(T)), GP['Br']))
row59 = [(sw(t) - Ht[:, t]) * TG[('h', t)] for t in range(T)]          # dh = ds*(1-z) is the true dL/dh
assert all(close((s0(t) - Ht[:, t]) * TG[('s', t)], TG[('z', t)]) for t in range(T))   # correct: ... * ds
check(59, False, any(close(row59[t], TG[('z', t)]) for t in range(T)))
check(60, True, all(close(TG[('z', t)] * Zt[:, t] * (1 - Zt[:, t]), TG[('az', t)]) for t in range(T)))
check(62, True, close(sum(X0[:, t].T @ TG[('az', t)] for t in range(T)), GP['Wz']))
row63 = sum(sw(t).T @ TG[('az', t)] for t in range(T))
assert close(sum(s0(t).T @ TG[('az', t)] for t in range(T)), GP['Uz'])
check(63, False, close(row63, GP['Uz']))
check(64, True, close(sum(np.sum(TG[('az', t)], 0).reshape(1, -1) for t in range(T)), GP['Bz']))
# paths into dL/ds_{t-1}, t >= 1 (at t = 0 the sum is never used)
parts_true = {t: dict(fz_inner=TG[('az', t)] @ P['Uz'].T, fz=TG[('s', t)] * Zt[:, t], fh=TG[('q', t)] * Rt[:, t],
                      fr=TG[('ar', t)] @ P['Ur'].T) for t in range(1, T)}
assert all(close(sum(parts_true[t].values()), TG[('s', t - 1)]) for t in range(1, T))
check(67, False, all(close(TG[('az', t)] @ P['Uh'].T, parts_true[t]['fz_inner']) for t in range(1, T)))
check(68, False, all(close(TG[('s', t)] * (1 - Zt[:, t]), parts_true[t]['fz']) for t in range(1, T)))
check(69, True, all(close(TG[('q', t)] * Rt[:, t], parts_true[t]['fh']) for t in range(1, T)))
check(70, True, all(close(TG[('ar', t)] @ P['Ur'].T, parts_true[t]['fr']) for t in range(1, T)))
check(72, True, all(close(sum(parts_true[t].values()), TG[('s', t - 1)]) for t in range(1, T)))
dX = np.zeros_like(X0)
for t in reversed(range(T)):
    loc = TG[('ah', t)] @ P['Wh'].T + TG[('ar', t)] @ P['Wr'].T + TG[('az', t)] @ P['Wz'].T
    for n in range(0, t + 1):
        dX[:, n, :] += loc
dXc = np.stack([TG[('ah', t)] @ P['Wh'].T + TG[('ar', t)] @ P['Wr'].T + TG[('az', t)] @ P['Wz'].T for t in range(T)], 1)
assert close(dXc, GX)                       # correct: only dX[:, t, :] gets step t's term
check(74, False, close(dX, GX))

print(len(results), 'rows:', sum(v == 'pass' for v in results.values()), 'pass,', sum(v == 'fail' for v in results.values()), 'fail')
print({k: v for k, v in sorted(results.items()) if v == 'fail'})
