#!/usr/bin/env python3
"""Finite-difference check of the verdicts in expected.json for zh_cs224n_a2q3_residuals.md (numpy only)."""
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

# ---------------- author's expressions (zh_cs224n_a2q3_residuals.md) ----------------
import json, os
here = os.path.dirname(os.path.abspath(__file__))
expected = json.load(open(os.path.join(here, 'expected.json')))['zh_cs224n_a2q3_residuals.md']
h2, h1, yhat = F['h2'], F['h1'], F['yhat']
e2 = P0['e2']
R = {}
f1 = h1 @ Hm + e2 @ Im + b1
f2 = h2 @ Um + b2
R[10] = close(f1, F['f1_2'])
R[11] = close(f2, F['th'])
delta2 = yhat - ytrue
R[16] = close(delta2, G['th'])
# Jacobians (out x in) by finite differences
J_f2_h = fd_jac(lambda h: h @ Um + b2, h2)                 # df2/dh
J_h_f1 = fd_jac(sig, f1)                                   # dh/df1
R[19] = close(G['th'] @ J_f2_h @ J_h_f1, G['f12'])         # dJ/df2 . df2/dh . dh/df1
R[20] = close(delta2 @ J_f2_h @ J_h_f1, G['f12'])
delta1 = (delta2 @ Um.T) * h2 * (1 - h2)
R[21] = close(delta1, G['f12'])
J_f2_b2 = fd_jac(lambda b: h2 @ Um + b, b2)
R[28] = close(G['th'] @ J_f2_b2, G['b2'])
R[29] = close(delta2, G['b2'])
J_f1_e = fd_jac(lambda e: h1 @ Hm + e @ Im + b1, e2)
J_e_L = np.eye(d)                                          # e^(t) is the row L_{x(t)}
R[35] = close(G['f12'] @ J_f1_e @ J_e_L, G['e2'])
R[36] = close(delta1 @ Im.T, G['e2'])
J_f1_I = fd_jac(lambda I: h1 @ Hm + e2 @ I + b1, Im)
R[42] = close(G['f12'] @ J_f1_I, G['I2'])
R[44] = close(np.outer(e2, delta1), G['I2'])
J_f1_H = fd_jac(lambda H: h1 @ H + e2 @ Im + b1, Hm)
R[50] = close(G['f12'] @ J_f1_H, G['H2'])
R[52] = close(np.outer(h1, delta1), G['H2'])
J_f1_hp = fd_jac(lambda hp: hp @ Hm + e2 @ Im + b1, h1)
R[58] = close(G['f12'] @ J_f1_hp, G['h1'])
R[60] = close(delta1 @ Hm.T, G['h1'])
report(expected, R, 'zh_cs224n_a2q3_residuals.md')
