#!/usr/bin/env python3
"""Finite-difference check of zh_rnn_bptt_layout_2020.md (numpy only).
Conventions of section 1.4: column vectors, denominator layout; a_t = W h_{t-1} + U x_t + b (W: D x D, U: D x M),
h_t = tanh(a_t), o_t = V h_t + c (V: N x D), y_hat_t = softmax(o_t), L = sum_t -y_t . ln y_hat_t, y_t one-hot, h_0 = 0.
Denominator-layout Jacobian d u / d x is the matrix J[i, k] = d u_k / d x_i."""
import json, os
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, 'expected.json')))['zh_rnn_bptt_layout_2020.md']
rng = np.random.default_rng(11)
M, D, N, T = 3, 4, 5, 4
W = rng.normal(size=(D, D)) * .6; U = rng.normal(size=(D, M)) * .6; V = rng.normal(size=(N, D)) * .6
b = rng.normal(size=(D, 1)) * .3; c = rng.normal(size=(N, 1)) * .3
X = [rng.normal(size=(M, 1)) for _ in range(T)]
hot = [int(rng.integers(N)) for _ in range(T)]; Y = [np.eye(N)[:, [k]] for k in hot]
def softmax(o): e = np.exp(o - o.max()); return e / e.sum()
def fwd(W=W, U=U, V=V, b=b, c=c, dh=None, do=None):
    h = np.zeros((D, 1)); Ls = []; cache = []
    for t in range(T):
        a = W @ h + U @ X[t] + b; hp = h; h = np.tanh(a)
        if dh is not None: h = h + dh[t]
        o = V @ h + c
        if do is not None: o = o + do[t]
        yh = softmax(o); Ls.append(-float((Y[t].T @ np.log(yh))[0, 0])); cache.append((a, hp, h, o, yh))
    return Ls, cache
def num(fun, arr, eps=1e-6):
    g = np.zeros_like(arr)
    for k in np.ndindex(arr.shape):
        o = arr[k]; arr[k] = o + eps; p = fun(); arr[k] = o - eps; m = fun(); arr[k] = o; g[k] = (p - m) / (2 * eps)
    return g
def den_jac(fun, x, eps=1e-6):  # J[i, k] = d fun_k / d x_i
    out = fun(x).size; J = np.zeros((x.size, out))
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = eps; J[i] = ((fun(x + e) - fun(x - e)) / (2 * eps)).ravel()
    return J
Ls, cache = fwd(); A = [q[0] for q in cache]; Hp = [q[1] for q in cache]; H = [q[2] for q in cache]
O = [q[3] for q in cache]; YH = [q[4] for q in cache]
Lf = lambda **kw: sum(fwd(**kw)[0])
Wc, Uc, Vc, bc, cc = W.copy(), U.copy(), V.copy(), b.copy(), c.copy()
gW = num(lambda: Lf(W=Wc), Wc); gU = num(lambda: Lf(U=Uc), Uc); gV = num(lambda: Lf(V=Vc), Vc)
gb = num(lambda: Lf(b=bc), bc); gc = num(lambda: Lf(c=cc), cc)
z0 = lambda n: [np.zeros((n, 1)) for _ in range(T)]
gH = []; gO = []
for t in range(T):
    dh = z0(D); gH.append(num(lambda: Lf(dh=dh), dh[t])); do = z0(N); gO.append(num(lambda: Lf(do=do), do[t]))
Jsm = [den_jac(softmax, O[t]).T for t in range(T)]     # numerator Jacobian: [j, i] = d yhat_j / d o_i
close = lambda a, bb: np.shape(a) == np.shape(bb) and np.allclose(a, bb, atol=1e-6, rtol=1e-5)
def safe(fn):
    try: return bool(fn())
    except Exception: return False
R = {}
# forward lines (1.3 naming: U13 = W, W13 = U)
R[12] = all(close(np.tanh(W @ Hp[t] + U @ X[t] + b), H[t]) for t in range(T))
R[13] = all(close(softmax(V @ H[t] + c), YH[t]) for t in range(T))
R[31] = all(close(W @ Hp[t] + U @ X[t] + b, A[t]) for t in range(T)); R[278] = R[31]
R[32] = all(close(np.tanh(A[t]), H[t]) for t in range(T)); R[33] = all(close(V @ H[t] + c, O[t]) for t in range(T))
R[34] = all(close(softmax(O[t]), YH[t]) for t in range(T))
R[208] = all(close(np.tanh(W @ H[t] + U @ X[t + 1] + b), H[t + 1]) for t in range(T - 1)); R[209] = R[33]
R[45] = np.isclose(sum(-float((Y[t].T @ np.log(YH[t]))[0, 0]) for t in range(T)), sum(Ls))
R[51] = np.isclose(-sum(Y[t][j, 0] * np.log(YH[t][j, 0]) for t in range(T) for j in range(N)), sum(Ls))
dLt_dyh = [num(lambda: -float((Y[t].T @ np.log(yy))[0, 0]), yy) for t, yy in ((t, YH[t].copy()) for t in range(T))]
R[60] = close(sum((dLt_dyh[t].T @ Jsm[t] @ np.eye(N)).T for t in range(T)), gc)
R[62] = close(sum((-(Y[t] / YH[t])).T @ Jsm[t] @ np.eye(N) for t in range(T)).T, gc)
def sm_claim(t, j, i): return YH[t][j, 0] * (1 - YH[t][j, 0]) if j == i else YH[t][j, 0] * YH[t][i, 0]
R[66] = all(np.isclose(sm_claim(t, j, i), Jsm[t][j, i]) for t in range(T) for j in range(N) for i in range(N))
R[70] = close(np.array([[sum(-Y[t][j, 0] / YH[t][j, 0] * sm_claim(t, j, i) for t in range(T) for j in range(N))] for i in range(N)]), gc)
R[76] = close(np.array([[-sum((Y[t][j, 0] * (1 - YH[t][j, 0]) if j == i else Y[t][j, 0] * YH[t][i, 0]) for t in range(T) for j in range(N))] for i in range(N)]), gc)
R[88] = close(np.array([[-sum(((1 - YH[t][hot[t], 0]) if hot[t] == i else YH[t][i, 0]) for t in range(T))] for i in range(N)]), gc)
R[99] = all(np.isclose(Y[t][hot[t], 0] * (1 - YH[t][hot[t], 0]), Y[t][hot[t], 0] - YH[t][hot[t], 0]) for t in range(T))
R[100] = all(np.isclose(YH[t][i, 0], Y[t][hot[t], 0] - YH[t][hot[t], 0]) for t in range(T) for i in range(N) if i != hot[t])
R[106] = close(-sum(Y[t] - YH[t] for t in range(T)), gc)
R[115] = any(close(sum(-(Y[t] / YH[t]) * YH[t] * (np.eye(N)[:, [ii]] - YH[t]) for t in range(T)), gc) for ii in range(N))
R[116] = close(sum(YH[t] - Y[t] for t in range(T)), gc)
R[117] = close(sum(gO[t] for t in range(T)), gV)   # sum_t dL_t/dc (= dL/do_t summed) vs dL/dV
R[119] = safe(lambda: close(sum((YH[t] - Y[t]) @ H[t] for t in range(T)), gV))
Amat = rng.normal(size=(N, M)); xv = rng.normal(size=(M, 1))
R[139] = close(den_jac(lambda v: Amat @ v, xv), Amat.T)
B1 = rng.normal(size=(D, M)); C1 = rng.normal(size=(N, D)); uf = lambda v: np.tanh(B1 @ v); gf = lambda u: C1 @ u; ff = lambda g: np.sin(g)
R[180] = close(den_jac(lambda v: ff(gf(uf(v))), xv), den_jac(uf, xv) @ den_jac(gf, uf(xv)) @ den_jac(ff, gf(uf(xv))))
oT = lambda hh: V @ hh + c
R[189] = close(den_jac(oT, H[-1]) @ gO[-1], gH[-1])
R[195] = close(YH[-1] - Y[-1], gO[-1])
R[201] = close(V.T @ (YH[-1] - Y[-1]), gH[-1]) and close(den_jac(oT, H[-1]), V.T)
nxt = lambda t: (lambda hh: np.tanh(W @ hh + U @ X[t + 1] + b))
R[217] = all(close(den_jac(nxt(t), H[t]) @ gH[t + 1] + den_jac(oT, H[t]) @ (YH[t] - Y[t]), gH[t]) for t in range(T - 1))
R[218] = all(close(den_jac(nxt(t), H[t]) @ gH[t + 1] + V.T @ (YH[t] - Y[t]), gH[t]) for t in range(T - 1))
R[226] = all(close(den_jac(np.tanh, A[t]), np.diag((1 - np.tanh(A[t]) ** 2).ravel())) for t in range(T))
R[242] = all(close(den_jac(np.tanh, A[t]), np.diag((1 - H[t] ** 2).ravel())) for t in range(T))
R[248] = all(close(den_jac(nxt(t), H[t]), W.T @ np.diag((1 - H[t + 1] ** 2).ravel())) for t in range(T - 1))
R[254] = all(close(W.T @ np.diag((1 - H[t + 1] ** 2).ravel()) @ gH[t + 1] + V.T @ (YH[t] - Y[t]), gH[t]) for t in range(T - 1))
R[260] = R[254]
dA = [np.diag((1 - H[t] ** 2).ravel()) @ gH[t] for t in range(T)]   # diag(1-h_t^2) grad_h_t L
R[269] = close(sum(np.eye(D) @ dA[t] for t in range(T)), gb)
def dadW(t):  # true derivative tensor: [i, j, k] = d a_k / d W_ij
    Wx = W.copy(); Tn = np.zeros((D, D, D))
    for i in range(D):
        for j in range(D):
            Wx[i, j] += 1e-6; p = Wx @ Hp[t]; Wx[i, j] -= 2e-6; m = Wx @ Hp[t]; Wx[i, j] += 1e-6; Tn[i, j] = ((p - m) / 2e-6).ravel()
    return Tn
def dadU(t):
    Ux = U.copy(); Tn = np.zeros((D, M, D))
    for i in range(D):
        for j in range(M):
            Ux[i, j] += 1e-6; p = Ux @ X[t]; Ux[i, j] -= 2e-6; m = Ux @ X[t]; Ux[i, j] += 1e-6; Tn[i, j] = ((p - m) / 2e-6).ravel()
    return Tn
R[270] = close(sum(np.einsum('ijk,k->ij', dadW(t), dA[t].ravel()) for t in range(T)), gW)
R[271] = close(sum(np.einsum('ijk,k->ij', dadU(t), dA[t].ravel()) for t in range(T)), gU)
R[285] = close(np.diag(Hp[1].ravel()), dadW(1))
R[322] = all(close(np.diag(Hp[t].ravel()), dadW(t)) for t in range(T))
R[323] = all(close(np.diag(X[t].ravel()), dadU(t)) for t in range(T))
mid_W = safe(lambda: close(sum(np.diag(Hp[t].ravel()) @ dA[t] for t in range(T)), gW))
last_W = close(sum(dA[t] @ Hp[t].T for t in range(T)), gW)
R[332] = mid_W and last_W
mid_U = safe(lambda: close(sum(np.diag(X[t].ravel()) @ dA[t] for t in range(T)), gU))
last_U = close(sum(dA[t] @ X[t].T for t in range(T)), gU)
R[333] = mid_U and last_U
print('info: last expression of line 332 correct:', last_W, '; of line 333 correct:', last_U)
bad = 0
for ln, v in sorted(EXP.items(), key=lambda kv: int(kv[0])):
    ok = bool(R[int(ln)]); agree = (ok and v['expected'] == 'pass') or (not ok and v['expected'] == 'fail')
    bad += not agree
    print(ln, 'OK' if ok else 'MISMATCH', '(expected %s)' % v['expected'], '' if agree else '<-- DISAGREES')
missing = set(R) - {int(k) for k in EXP}
print('lines checked but not annotated:', sorted(missing))
print('all verdicts agree' if bad == 0 and not missing else '%d disagreements' % bad)
