"""Finite-difference check of cn_cs224n_rnnlm_batch_colvec.md (Chinese CS224n RNN-LM gradient note).

Author's conventions: column vectors with a batch of B columns (x [V,B], e [d,B], h [Dh,B], W_h [Dh,Dh], W_e [Dh,d],
U [V,Dh], b1 [Dh,1], b2 [V,1]); the deltas are rows: delta1 [B,V], delta2 [B,Dh].  sigma = logistic sigmoid,
J^{(t)} = cross-entropy of yhat^{(t)} against one-hot y^{(t)}, summed over the batch.  '|_{(i)}' = the gradient through
the copy of the shared matrix used at step i (computed here by giving every step its own copy).
Juxtaposition of gamma (or gamma^T) with sigma'(.) is read as an element-wise product (see _notes).
numpy only; prints OK / MISMATCH per annotated line and compares with expected.json.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FNAME = "cn_cs224n_rnnlm_batch_colvec.md"
EXPECTED = json.load(open(os.path.join(HERE, "expected.json")))[FNAME]
rng = np.random.default_rng(7)
EPS = 1e-6
results = {}

Vv, d, Dh, B, T = 5, 4, 3, 2, 3


def close(a, b):
    if isinstance(a, Exception):
        return False
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)


def literal(f):
    try:
        return f()
    except ValueError as exc:  # ill-formed matrix product
        return exc


def record(line, ok, note=""):
    results[line] = (ok, note)


def sig(z):
    return 1 / (1 + np.exp(-z))


def softmax_cols(z):
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


def num_grad(f, A):
    G = np.zeros_like(A)
    it = np.nditer(A, flags=["multi_index"])
    for _ in it:
        ix = it.multi_index
        old = A[ix]
        A[ix] = old + EPS; fp = f()
        A[ix] = old - EPS; fm = f()
        A[ix] = old
        G[ix] = (fp - fm) / (2 * EPS)
    return G


E = rng.normal(size=(d, Vv))
U = rng.normal(scale=0.5, size=(Vv, Dh))
b1 = rng.normal(scale=0.1, size=(Dh, 1))
b2 = rng.normal(scale=0.1, size=(Vv, 1))
Wh_shared = rng.normal(scale=0.7, size=(Dh, Dh))
We_shared = rng.normal(scale=0.7, size=(Dh, d))
Wh = {i: Wh_shared.copy() for i in range(1, T + 1)}   # per-step copies (all equal)
We = {i: We_shared.copy() for i in range(1, T + 1)}
h0 = rng.normal(scale=0.5, size=(Dh, B))


def onehots():
    M = np.zeros((Vv, B))
    M[rng.integers(Vv, size=B), np.arange(B)] = 1
    return M


X = {t: onehots() for t in range(1, T + 1)}
Y = {t: onehots() for t in range(1, T + 1)}
INJ = {}   # optional additive perturbations: ('e', t) or ('z', t) or ('theta', t)


def forward():
    h = {0: h0}; e = {}; z = {}; th = {}; yh = {}
    for t in range(1, T + 1):
        e[t] = E @ X[t] + INJ.get(("e", t), 0)
        z[t] = Wh[t] @ h[t - 1] + We[t] @ e[t] + b1 + INJ.get(("z", t), 0)
        h[t] = sig(z[t])
        th[t] = U @ h[t] + b2 + INJ.get(("theta", t), 0)
        yh[t] = softmax_cols(th[t])
    return h, e, z, th, yh


def J(t):
    yh = forward()[4][t]
    return float(-np.sum(Y[t] * np.log(yh)))


def grad_wrt(kind, s, t):
    """dJ^{(t)} / d(kind at step s), same shape as that quantity, by FD on an injected perturbation."""
    shape = {"e": (d, B), "z": (Dh, B), "theta": (Vv, B)}[kind]
    P = np.zeros(shape)
    INJ[(kind, s)] = P
    g = num_grad(lambda: J(t), P)
    del INJ[(kind, s)]
    return g


h, e, z, th, yh = forward()
t = T   # the note's "time t"; t-1 and t-2 exist

# forward lines
record(7, close(e[t], E @ X[t]))
record(9, close(h[t], sig(Wh_shared @ h[t - 1] + We_shared @ e[t] + b1)))
record(11, close(yh[t], softmax_cols(U @ h[t] + b2)))
record(57, close(th[t], U @ h[t] + b2))
record(59, close(z[t], Wh_shared @ h[t - 1] + We_shared @ e[t] + b1))
# 13: the loss as written (no minus sign) vs the cross-entropy CE(y, yhat)
record(13, np.isclose(float(np.sum(Y[t] * np.log(yh[t]))), J(t)), "sum y ln yhat = -CE")

# 22, 27: per-step terms through each step's copy
step_Wh = {i: num_grad(lambda: J(t), Wh[i]) for i in range(1, t + 1)}
step_We = {i: num_grad(lambda: J(t), We[i]) for i in range(1, t + 1)}
total_Wh = sum(step_Wh.values())
total_We = sum(step_We.values())
record(22, close(step_Wh[t], total_Wh), "LHS |_(t) is the single step-t term; the sum is the total")
record(27, close(step_We[t], total_We), "same for W_e")

# deltas (true, from FD) in the author's row layout
d1_true = grad_wrt("theta", t, t).T          # [B,V]
d2_true = grad_wrt("z", t, t).T              # [B,Dh]
record(62, close((yh[t] - Y[t]).T, d1_true))
auth67 = (d1_true @ U) * (z[t] * (1 - z[t])).T
record(67, close(auth67, d2_true), "sigma' evaluated as z(1-z) instead of h(1-h)")
assert close((d1_true @ U) * (h[t] * (1 - h[t])).T, d2_true)
record(81, close(d1_true.T @ h[t].T, num_grad(lambda: J(t), U)))
record(88, close(d2_true @ We_shared, grad_wrt("e", t, t).T))
record(97, close(d2_true.T @ e[t].T, step_We[t]))
lit103 = literal(lambda: d2_true @ h[t - 1].T)
record(103, close(lit103, step_Wh[t]), "ill-formed [B,Dh]x[B,Dh]; delta2^T h^T would be right")
assert close(d2_true.T @ h[t - 1].T, step_Wh[t])

# t-1
gamma_true = (grad_wrt("z", t - 1, t) / (h[t - 1] * (1 - h[t - 1])))  # dJ^{(t)}/dh^{(t-1)} [Dh,B]
assert close(gamma_true, Wh_shared.T @ d2_true.T)
lit112 = literal(lambda: Wh_shared.T @ d2_true)
record(112, close(lit112, gamma_true), "ill-formed [Dh,Dh]x[B,Dh]; W_h^T delta2^T (or delta2 W_h) would be right")
sp_true = h[t - 1] * (1 - h[t - 1])
sp_num = num_grad(lambda: float(np.sum(sig(zz))), zz := z[t - 1].copy())
assert close(sp_true, sp_num)
record(119, close(z[t - 1] * (1 - z[t - 1]), sp_num), "z(1-z) is not sigma'(z)")
record(129, close((gamma_true.T * sp_true.T) @ We_shared, grad_wrt("e", t - 1, t).T))
lit137 = literal(lambda: (gamma_true * sp_true) @ e[t - 1])
record(137, close(lit137, step_We[t - 1]), "ill-formed [Dh,B]x[d,B]; needs e^{(t-1)T}")
assert close((gamma_true * sp_true) @ e[t - 1].T, step_We[t - 1])
lit145 = literal(lambda: (gamma_true.T * sp_true.T) @ h[t - 2].T)
record(145, close(lit145, step_Wh[t - 1]), "ill-formed [B,Dh]x[B,Dh]; needs (gamma*sigma') h^{(t-2)T}")
assert close((gamma_true * sp_true) @ h[t - 2].T, step_Wh[t - 1])

bad = 0
for line in sorted(EXPECTED, key=int):
    exp = EXPECTED[line]["expected"]
    ok, note = results[int(line)]
    got = "OK" if ok else "MISMATCH"
    agree = (got == "OK") == (exp == "pass")
    bad += not agree
    print("line %4s: %-8s expected %-4s -> %s  %s" % (line, got, exp, "agrees" if agree else "DISAGREES", note))
missing = set(results) - {int(k) for k in EXPECTED}
assert not missing, "checked but not annotated: %s" % sorted(missing)
print("%d/%d agree" % (len(EXPECTED) - bad, len(EXPECTED)))
