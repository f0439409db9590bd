"""Finite-difference check of i2dl_slides_rnn_backprop.tex (LMU I2DL slides, RNN backprop / vanishing gradients).

Author's forward pass (column vectors, sigma = logistic sigmoid):
    z[t] = sigma(V^T z[t-1] + W^T x[t] + b)
Jacobians dz[t]/dz[t-1] in numerator layout (rows = outputs), gradients dL/dz as ROW vectors
(so dL/dz[1] = dL/dz[t] * dz[t]/dz[t-1] * ... * dz[2]/dz[1]).
Loss for the check: L = 0.5*||z[t] - y||^2 at the last step t (the slide's "L at time step t").
D[k] := diag(sigma'(V^T z[k] + W^T x[k+1] + b))  (the author's naming, line 26-29).
"""
import numpy as np
rng = np.random.default_rng(1)
n, d, t = 4, 3, 5
V = rng.normal(0, 1.0, (n, n)); W = rng.normal(0, 1.0, (d, n)); b = rng.normal(0, .5, n)
X = rng.normal(0, 1, (t + 1, d)); y = rng.normal(0, 1, n)
sig = lambda a: 1 / (1 + np.exp(-a)); dsig = lambda a: sig(a) * (1 - sig(a))

def run(z1):
    zs = {1: z1}
    for k in range(2, t + 1):
        zs[k] = sig(V.T @ zs[k - 1] + W.T @ X[k] + b)          # line 24
    return zs
z1 = rng.normal(0, 1, n)
zs = run(z1)
L = lambda z1_: 0.5 * np.sum((run(z1_)[t] - y) ** 2)

def report(name, A, B):
    ok = A.shape == B.shape and np.allclose(A, B, rtol=1e-5, atol=1e-7)
    diff = np.max(np.abs(A - B)) if A.shape == B.shape else float('nan')
    print(f"{name:72s} {'AGREE' if ok else 'DISAGREE'}  shapes {A.shape} vs {B.shape}  max|diff|={diff:.2e}")

def jac_fd(k):   # d z[k] / d z[k-1], numerator layout
    J = np.zeros((n, n)); base = zs[k - 1]
    for j in range(n):
        e = np.zeros(n); e[j] = 1e-6
        fp = sig(V.T @ (base + e) + W.T @ X[k] + b); fm = sig(V.T @ (base - e) + W.T @ X[k] + b)
        J[:, j] = (fp - fm) / 2e-6
    return J
D = {k - 1: np.diag(dsig(V.T @ zs[k - 1] + W.T @ X[k] + b)) for k in range(2, t + 1)}   # D[k-1] as named
for k, line in ((t, 26), (t - 1, 27), (2, 29)):
    report(f"line {line}: dz[{k}]/dz[{k-1}] = diag(sigma'(...)) V^T = D[{k-1}] V^T", D[k - 1] @ V.T, jac_fd(k))

# dL/dz[1] by finite differences (row vector)
g_fd = np.array([(L(z1 + e) - L(z1 - e)) / 2e-6 for e in np.eye(n) * 1e-6])
gT = zs[t] - y                                                    # dL/dz[t]
chain = gT.copy()
for k in range(t, 1, -1):
    chain = chain @ (D[k - 1] @ V.T)
report("line 14 / line 31 (middle): dL/dz[t] dz[t]/dz[t-1] ... dz[2]/dz[1]", chain, g_fd)
slide = np.eye(n)
for k in range(t - 1, 0, -1):
    slide = slide @ D[k]
slide = slide @ np.linalg.matrix_power(V.T, t - 1)
report("line 31 (final): D[t-1] D[t-2] ... D[1] (V^T)^(t-1)", slide, g_fd)
report("   ... even with the missing dL/dz[t] put back: dL/dz[t] D..D (V^T)^(t-1)", gT @ slide, g_fd)
Jprod = np.eye(n)
for k in range(t, 1, -1):
    Jprod = Jprod @ (D[k - 1] @ V.T)
report("   ... and as the Jacobian dz[t]/dz[1] itself", slide, Jprod)

# line 50: gradient clipping keeps direction, caps norm at h
gW = rng.normal(0, 3, (d, n)); h = 1.0
clipped = h / np.linalg.norm(gW) * gW if np.linalg.norm(gW) > h else gW
print(f"line 50: clipped norm = {np.linalg.norm(clipped):.6f} (h = {h}), direction kept: {np.allclose(clipped / np.linalg.norm(clipped), gW / np.linalg.norm(gW))}")
