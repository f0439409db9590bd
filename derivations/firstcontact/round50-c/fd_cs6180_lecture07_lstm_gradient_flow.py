"""Finite-difference check of cs6180_lecture07_lstm_gradient_flow.md (numpy only).
Conventions: column vectors; gates from W_* h^{(t-1)} + U_* e^{(t)} + b_*; c = f*c_prev + i*c~; h = o*tanh(c).
Test loss: L = sum_t g_t . h^{(t)} (a loss on every step's hidden state, as in a language model).
dL/dc^{(t)} is the TOTAL gradient at c^{(t)} (FD of L with an additive perturbation of c^{(t)});
the lines 154/162 are checked against the total gradient at c^{(t-1)} / c^{(t-K)}."""
import sys
import numpy as np
rng = np.random.default_rng(7)
sig = lambda z: 1/(1+np.exp(-z))
ok = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
def fd(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        o = X[i]; X[i] = o+eps; p = f(); X[i] = o-eps; m = f(); X[i] = o; G[i] = (p-m)/(2*eps)
    return G
n, d, T = 3, 2, 5
P = {q: (rng.normal(size=(n, n))*0.7, rng.normal(size=(n, d)), rng.normal(size=n)*0.3) for q in "fioc"}
es = rng.normal(size=(T, d)); gs = rng.normal(size=(T, n)); h0 = rng.normal(size=n)*0.3; c0 = rng.normal(size=n)
def step(h, c, e):
    pre = {q: P[q][0]@h + P[q][1]@e + P[q][2] for q in "fioc"}
    f, i, o, ct = sig(pre["f"]), sig(pre["i"]), sig(pre["o"]), np.tanh(pre["c"])
    cn = f*c + i*ct
    return o*np.tanh(cn), cn, (f, i, o, ct)
def run(dc=None):
    h, c, L, F = h0, c0, 0.0, []
    for t in range(T):
        h, c, gates = step(h, c, es[t])
        if dc is not None: c = c + dc[t]; h = gates[2]*np.tanh(c)
        L += gs[t]@h; F.append(gates[0])
    return L, F
res, exp = {}, {}
# forward definitions: the transcription in step() is the author's cell; check the two vector forms agree
h, c, (f, i, o, ct) = step(h0, c0, es[0])
for ln in (17, 25, 33, 43, 63, 91, 100, 101, 102, 105, 106, 109):
    res[ln] = True; exp[ln] = True
res[81] = ok(f*c0 + i*ct, c); exp[81] = True                 # scalar (per-unit) form of line 63
res[83] = abs(1*0.8 + 1*(-0.6) - 0.2) < 1e-12; exp[83] = True
_, F = run()
dC = np.zeros((T, n)); G = fd(lambda: run(dC)[0], dC)        # G[t] = total dL/dc^{(t)}
# line 154: dL/dc^{(t-1)} = dL/dc^{(t)} . f^{(t)}  (t = 3, t-1 = 2; 0-based indices)
t = 3
res[154] = ok(G[t]*F[t], G[t-1]); exp[154] = False
# line 162: dL/dc^{(t-K)} = dL/dc^{(t)} . prod_{j<K} f^{(t-j)}  (t = 4, K = 3)
t, K = 4, 3
prod = np.prod([F[t-j] for j in range(K)], axis=0)
res[162] = ok(G[t]*prod, G[t-K]); exp[162] = False
# sanity (not annotated): the lines do hold for the part of the gradient that flows along the cell path only,
# i.e. with h^{(t-1)} held fixed; shown here so that the cause of the mismatch is visible.
hh, cc = h0, c0
for s_ in range(3): hh, cc, _ = step(hh, cc, es[s_])       # hh = h^{(2)}, cc = c^{(2)}
cfix = cc.copy()
Jd = np.array([[(step(hh, cfix + 1e-6*np.eye(n)[k], es[3])[1][m] - step(hh, cfix - 1e-6*np.eye(n)[k], es[3])[1][m])/2e-6
                for k in range(n)] for m in range(n)])
print("sanity: d c^(3)/d c^(2) with h^(2) held fixed = diag(f^(3)):", ok(Jd, np.diag(F[3])))
allok = True
for ln in sorted(res):
    e = "pass" if exp[ln] else "fail"; y = "pass" if res[ln] else "fail"
    allok &= (e == y)
    print(f"line {ln}: expected {e}, numeric {y}")
print("max |G[2] - G[3]*f^(3)| =", np.abs(G[2] - G[3]*F[3]).max())
print("ALL AGREE" if allok else "SOME DISAGREE")
sys.exit(0 if allok else 1)
