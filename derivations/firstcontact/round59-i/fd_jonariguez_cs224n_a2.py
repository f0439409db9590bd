"""FD check of Jonariguez CS224n A2 q3 (row-vector RNN LM, sigmoid hidden, softmax+CE)."""
import numpy as np
rng = np.random.default_rng(0)
V, d, Dh = 7, 4, 5          # d != Dh so that dimension errors show up
L = rng.normal(size=(V, d)); I = rng.normal(size=(d, Dh)); H = rng.normal(size=(Dh, Dh))
U = rng.normal(size=(Dh, V)); b1 = rng.normal(size=(1, Dh)); b2 = rng.normal(size=(1, V))
sig = lambda z: 1 / (1 + np.exp(-z))
def softmax(z): e = np.exp(z - z.max()); return e / e.sum()
xs = [2, 5]; k = 3            # words x^{(t-1)}, x^{(t)}; target index of y^{(t)}
h0 = rng.normal(size=(1, Dh)) * 0.5
y = np.zeros((1, V)); y[0, k] = 1

def fwd(L=L, I=I, H=H, U=U, b1=b1, b2=b2, h0=h0, e_over=None):
    hs = [h0]; es = []; vs = []
    for j, w in enumerate(xs):
        x = np.zeros((1, V)); x[0, w] = 1
        e = x @ L                                   # e^{(t)} = x^{(t)} L   (row 48)
        if e_over is not None and e_over[0] == j: e = e_over[1]
        v = hs[-1] @ H + e @ I + b1                 # v^{(t)} (rows 44/49)
        hs.append(sig(v)); es.append(e); vs.append(v)   # h = sigmoid(v) (row 50)
    th = hs[-1] @ U + b2                            # theta (rows 45/51)
    yh = softmax(th)                                # (row 52)
    J = -np.log(yh[0, k])                           # CE (rows 31/53)
    return J, dict(hs=hs, es=es, vs=vs, th=th, yh=yh)

def num(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        G[idx] = (f(Xp) - f(Xm)) / (2 * eps)
    return G
close = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6)
J, c = fwd(); hs, es, vs, yh = c['hs'], c['es'], c['vs'], c['yh']
h_tm2, h_tm1, h_t = hs; e_tm1, e_t = es
res = {}
# forward rows: check sigmoid and softmax/CE definitions
assert close(h_t, 1/(1+np.exp(-(h_tm1@H + e_t@I + b1))))
res['31'] = np.isclose(J, np.log(1/yh[0, k])); res['32'] = True; res['34'] = np.isclose(J, np.log(1/yh[0, k]))
# FD references (single time point t: gradient of J^{(t)} through step t only, "|_t")
def J_th(th): return -np.log(softmax(th)[0, k])
g_th = num(J_th, c['th'])
def J_v_t(v): return -np.log(softmax(sig(v) @ U + b2)[0, k])
g_v_t = num(J_v_t, vs[1])
g_b2 = num(lambda B: fwd(b2=B)[0], b2)
g_U = num(lambda M: fwd(U=M)[0], U)
# |_t parts: perturb only the step-t use of H / I / e
def J_H_t(M): return -np.log(softmax(sig(h_tm1 @ M + e_t @ I + b1) @ U + b2)[0, k])
def J_I_t(M): return -np.log(softmax(sig(h_tm1 @ H + e_t @ M + b1) @ U + b2)[0, k])
def J_e_t(E): return -np.log(softmax(sig(h_tm1 @ H + E @ I + b1) @ U + b2)[0, k])
def J_hprev(hp): return -np.log(softmax(sig(hp @ H + e_t @ I + b1) @ U + b2)[0, k])
g_H_t = num(J_H_t, H); g_I_t = num(J_I_t, I); g_e_t = num(J_e_t, e_t); g_hm1 = num(J_hprev, h_tm1)
g_h_t = num(lambda hh: -np.log(softmax(hh @ U + b2)[0, k]), h_t)
# |_{t-1} parts
def J_H_tm1(M): hm1 = sig(h_tm2 @ M + e_tm1 @ I + b1); return J_hprev(hm1)
def J_I_tm1(M): hm1 = sig(h_tm2 @ H + e_tm1 @ M + b1); return J_hprev(hm1)
def J_e_tm1(E): hm1 = sig(h_tm2 @ H + E @ I + b1); return J_hprev(hm1)
g_H_tm1 = num(J_H_tm1, H); g_I_tm1 = num(J_I_tm1, I); g_e_tm1 = num(J_e_tm1, e_tm1)

d1 = yh - y                                        # row 57
res['57'] = close(d1, g_th)
d2 = (yh - y) @ U.T * h_t * (1 - h_t)             # row 58, left-to-right
res['58'] = close(d2, g_v_t)
res['61'] = close(d1, g_b2)
res['62'] = close(h_tm1.T @ d2, g_H_t)
res['64'] = close(e_t.T @ d2, g_I_t)
res['65'] = close(d2 @ I.T, g_e_t)
res['67'] = close(d2 @ H.T, g_hm1)
# generic rules (rows 72-98) instantiated on the model
res['72'] = close(g_th @ U.T * h_t * (1 - h_t) @ H.T, g_hm1)   # chain rule composition
res['75'] = close(d2, g_v_t)
res['80'] = True  # notation definition (dv/dx := d(rM)/dM)
res['84'] = close(h_tm1.T @ g_v_t, g_H_t)        # dJ/dM = r^T delta
res['87'] = close(d2, g_v_t)
res['88'] = close(h_tm1.T @ d2, g_H_t)           # shorthand: the factor (h^{(t-1)})^T left-multiplies delta
res['90'] = close(h_tm1.T @ d2, g_H_t)
res['94'] = True  # notation definition
res['98'] = close(g_v_t @ H.T, g_hm1)            # dJ/dr = delta M^T
res['101'] = close(d2 @ H.T, g_hm1)
# part (c)
res['107'] = True  # definition
delta_t = (yh - y) @ U.T
res['110'] = close(delta_t, g_h_t)
res['111'] = True
# row 112: Jacobian dh^{(t)}/dh^{(t-1)}, read as diag(h(1-h)) H^T (numerator layout: [i,j]=dh_i/dh'_j)
Jac = np.array([num(lambda hp: sig(hp @ H + e_t @ I + b1)[0, i], h_tm1[0]) for i in range(Dh)])
res['112'] = close(np.diag((h_t * (1 - h_t))[0]) @ H.T, Jac)
delta_tm1 = delta_t * h_t * (1 - h_t) @ H.T      # row 114 (numpy: * before @? no: @ binds tighter; group explicitly)
delta_tm1 = (delta_t * h_t * (1 - h_t)) @ H.T
res['114'] = close(delta_tm1, g_hm1)
# row 116 as written: delta^{(t-1)} . I^T o h^{(t-1)} o (1-h^{(t-1)}) -> (1 x d) o (1 x Dh): undefined with d != Dh
try:
    r116 = (delta_tm1 @ I.T) * h_tm1 * (1 - h_tm1)
    res['116'] = close(r116, g_e_tm1)
except ValueError:
    res['116'] = False
assert close((delta_tm1 * h_tm1 * (1 - h_tm1)) @ I.T, g_e_tm1)   # corrected form
res['118'] = close((e_tm1.T @ delta_tm1) * h_tm1 * (1 - h_tm1), g_I_tm1)
res['120'] = close((h_tm2.T @ delta_tm1) * h_tm1 * (1 - h_tm1), g_H_tm1)
z = rng.normal(size=5); res['124'] = np.allclose(num(lambda q: sig(q).sum(), z), sig(z) * (1 - sig(z)), atol=1e-6)
for l in ['44', '45', '48', '49', '50', '51', '52', '53']: res[l] = True  # forward defs, used above

import json, os
exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['jonariguez_cs224n_a2.md']
for l, v in exp.items():
    got = 'pass' if res[l] else 'fail'
    assert got == v['expected'], (l, got, v['expected'])
print('jonariguez: all', len(exp), 'verdicts confirmed;', sum(1 for v in exp.values() if v['expected'] == 'fail'), 'fail')
