#!/usr/bin/env python3
"""Finite-difference check of the verdicts in expected.json for ning_cs224n_rnnlm_tp2.md (numpy only)."""
import numpy as np

rng = np.random.default_rng(46)
V, d, Dh = 5, 3, 4
sig = lambda z: 1.0 / (1.0 + np.exp(-z))

def softmax(z):
    z = z - z.max()
    e = np.exp(z)
    return e / e.sum()

# parameters, step t-1 copies end in 1, step t copies end in 2 (untied, so that
# gradients "at time step t" (|_(t)) are the gradients w.r.t. the step-t copy)
Lmat = rng.normal(size=(V, d))
Hm = rng.normal(size=(Dh, Dh)) * 0.8
Im = rng.normal(size=(d, Dh)) * 0.8
b1 = rng.normal(size=Dh) * 0.3
Um = rng.normal(size=(Dh, V)) * 0.8
b2 = rng.normal(size=V) * 0.3
w1, w2 = 1, 3                      # word ids at t-1 and t (distinct)
ytrue = np.eye(V)[2]               # one-hot target y^(t)
hm2 = sig(rng.normal(size=Dh))     # h^(t-2), fixed input

P0 = dict(hm2=hm2, e1=Lmat[w1].copy(), e2=Lmat[w2].copy(), I1=Im.copy(), I2=Im.copy(),
          H1=Hm.copy(), H2=Hm.copy(), b1a=b1.copy(), b1b=b1.copy(), U=Um.copy(), b2=b2.copy())

def forward(P):
    f1_1 = P['hm2'] @ P['H1'] + P['e1'] @ P['I1'] + P['b1a']
    h1 = sig(f1_1)                                   # h^(t-1)
    f1_2 = h1 @ P['H2'] + P['e2'] @ P['I2'] + P['b1b']
    h2 = sig(f1_2)                                   # h^(t)
    th = h2 @ P['U'] + P['b2']                       # theta^(t) = f_2^(t)
    yhat = softmax(th)
    J = -np.log(yhat @ ytrue)
    return dict(f1_1=f1_1, h1=h1, f1_2=f1_2, h2=h2, th=th, yhat=yhat, J=J)

def J_of(P):
    return forward(P)['J']

def fd_grad(f, P, key, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(P[key].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += eps; Pm[key][idx] -= eps
        g[idx] = (f(Pp) - f(Pm)) / (2 * eps)
    return g

def fd_jac(fun, x, eps=1e-6):
    """Jacobian d fun(x) / d x as (out, in) with x flattened."""
    x = np.asarray(x, float)
    out0 = np.ravel(fun(x))
    Jm = np.zeros((out0.size, x.size))
    for i in range(x.size):
        xp = x.ravel().copy(); xm = x.ravel().copy()
        xp[i] += eps; xm[i] -= eps
        Jm[:, i] = (np.ravel(fun(xp.reshape(x.shape))) - np.ravel(fun(xm.reshape(x.shape)))) / (2 * eps)
    return Jm

F = forward(P0)
# finite-difference ground truth
G = {k: fd_grad(J_of, P0, k) for k in P0}
# gradients w.r.t. intermediate nodes, by re-running the tail of the graph
def J_from_th(th): return -np.log(softmax(th) @ ytrue)
def J_from_h2(h2): return J_from_th(h2 @ P0['U'] + P0['b2'])
def J_from_f12(f): return J_from_h2(sig(f))
def J_from_h1(h1): return J_from_f12(h1 @ P0['H2'] + P0['e2'] @ P0['I2'] + P0['b1b'])
def J_from_f11(f): return J_from_h1(sig(f))
def gvec(fun, x): return fd_jac(lambda z: np.array([fun(z)]), x).reshape(np.shape(x))
G['th'] = gvec(J_from_th, F['th'])
G['h2'] = gvec(J_from_h2, F['h2'])
G['f12'] = gvec(J_from_f12, F['f1_2'])
G['h1'] = gvec(J_from_h1, F['h1'])
G['f11'] = gvec(J_from_f11, F['f1_1'])

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if a.shape != b.shape:
        if a.size != b.size:
            return False
        a = a.reshape(b.shape)
    return np.allclose(a, b, rtol=1e-5, atol=tol)

def report(expected, results, fname):
    bad = 0
    for line in sorted(expected, key=int):
        exp = expected[line]['expected']
        got = results[int(line)]
        ok = (got and exp == 'pass') or ((not got) and exp == 'fail')
        bad += not ok
        print(f"{fname} line {line}: expected {exp}, numeric {'matches' if got else 'differs'} -> {'OK' if ok else 'MISMATCH'}")
    missing = set(int(k) for k in expected) ^ set(results)
    if missing:
        print('lines not covered / extra:', sorted(missing)); bad += 1
    print('ALL OK' if bad == 0 else f'{bad} MISMATCH(ES)')

# ---------------- author's expressions (ning_cs224n_rnnlm_tp2.md) ----------------
import json, os
here = os.path.dirname(os.path.abspath(__file__))
expected = json.load(open(os.path.join(here, 'expected.json')))['ning_cs224n_rnnlm_tp2.md']
h2, h1, yhat = F['h2'], F['h1'], F['yhat']
sigp = lambda z: sig(z) * (1 - sig(z))          # theta' read as sigma'
dJ_dh2 = G['h2']                                  # upstream dJ/dh^(t), taken as right
e1, e2 = P0['e1'], P0['e2']
R = {}
R[8] = close(np.outer(h2, yhat - ytrue), G['U'])                       # (h^(t))^T (yhat - y)
R[12] = close(yhat - ytrue, G['b2'])
d1_t = dJ_dh2 * sigp(h1 @ Hm + e2 @ Im + b1)                            # dJ/db_i|_t
R[14] = close(d1_t, G['b1b'])
R[18] = close(d1_t @ Im.T, G['e2'])                                     # dJ/dL_x = dJ/de = delta I^T
R[22] = close(np.outer(e2, d1_t), G['I2'])                              # e^T delta
R[26] = close(np.outer(h1, d1_t), G['H2'])                              # h^(t-1)T delta
R[27] = close(Hm.T @ d1_t, G['h1'])                                     # H^T delta (as written)
delta_tm1 = G['h1']                                                     # delta^(t-1) = dJ^(t)/dh^(t-1)
first = delta_tm1 * sigp(P0['hm2'] @ Hm + e1 @ Im + b1)                 # ... e^(t-1) ...
e_tp1 = rng.normal(size=d)                                              # e^(t+1): embedding of the next word, a different vector
second = delta_tm1 * sigp(P0['hm2'] @ Hm + e_tp1 @ Im + b1)             # ... e^(t+1) ... (as written)
R[36] = close(first, G['b1a']) and close(second, G['b1a'])
d1_tm1 = G['b1a']                                                       # dJ/db1|_{t-1}, taken as right upstream
R[40] = close(d1_tm1 @ Im.T, G['e1'])
x2 = np.eye(V)[w2]
R[42] = close(x2 @ Lmat, P0['e2'])                                      # e^t = x^t L
R[44] = close(np.outer(e1, d1_tm1), G['I1'])
R[46] = close(np.outer(P0['hm2'], d1_tm1), G['H1'])
print('line 36 parts: first equality', close(first, G['b1a']), ', second (e^(t+1))', close(second, G['b1a']))
report(expected, R, 'ning_cs224n_rnnlm_tp2.md')
