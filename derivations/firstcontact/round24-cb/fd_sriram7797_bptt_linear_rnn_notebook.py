"""FD check for sriram7797_bptt_linear_rnn_notebook.md (sriram7797/ML_techniques, "Backpropagation through time").
Reading (the only one under which line 12, s_t = W s_{t-1} + U x_t, and line 135, s_1 = s_0 W + x_1 U, agree):
scalar hidden state s_t, scalar input x_t, scalar weights W, U; V is a K-vector so that z_t = V s_t is a logit vector;
yhat_t = p_t = softmax(z_t); E_4 = -sum_k y_k log p_k at step 4 (one-hot y_4); s_0 a given starting state; T = 4.
"""
import numpy as np
rng = np.random.default_rng(7)
K = 3
W, U = rng.normal(scale=0.8), rng.normal()
V = rng.normal(size=K)
s0 = rng.normal()
x = {t: rng.normal() for t in range(1, 5)}
y4 = np.eye(K)[1]
def softmax(a): e = np.exp(a - a.max()); return e / e.sum()
def rep(n, ok): print(f"line {n}: {'OK' if ok else 'MISMATCH'}")
def states(W, U, s0=s0):
    s = {0: s0}
    for t in range(1, 5): s[t] = W * s[t - 1] + U * x[t]
    return s
def E4(W=W, U=U, V=V, s0=s0):
    s = states(W, U, s0); p = softmax(V * s[4]); return -y4 @ np.log(p)
def fd(f, a, e=1e-6):
    a = np.atleast_1d(np.asarray(a, float)); g = np.zeros_like(a)
    for i in range(a.size):
        ap, am = a.copy(), a.copy(); ap[i] += e; am[i] -= e
        g[i] = (f(ap if a.size > 1 else ap[0]) - f(am if a.size > 1 else am[0])) / (2 * e)
    return g if a.size > 1 else g[0]
s = states(W, U); p4 = softmax(V * s[4])
# line 4: s_t = tanh(W s_{t-1} + U x_t) (definition; the notebook then drops tanh)
st = np.tanh(W * s0 + U * x[1]); rep(4, np.isclose(st, np.tanh(W * s0 + U * x[1])))
# lines 12/14/16: linear recurrence, logits, softmax (definitions)
rep(12, np.isclose(s[2], W * s[1] + U * x[2]))
rep(14, np.allclose(V * s[4], V * s[4]))
rep(16, np.isclose(p4.sum(), 1.0) and np.allclose(p4, np.exp(V * s[4]) / np.exp(V * s[4]).sum()))
rep(24, np.isclose(E4(), -np.sum(y4 * np.log(p4))))
# ground truths
gV = fd(lambda v: E4(V=v), V); gW = fd(lambda w: E4(W=w), W); gU = fd(lambda u: E4(U=u), U)
def E_of_s4(s4): return -y4 @ np.log(softmax(V * s4))
gs4 = fd(E_of_s4, s[4])
gz = fd(lambda z: -y4 @ np.log(softmax(z)), V * s[4])
# line 28: dE/dV = dE/dyhat . dyhat/dz . dz/dV (row vector times Jacobians)
dE_dp = -y4 / p4; J_soft = np.diag(p4) - np.outer(p4, p4); dz_dV = s[4] * np.eye(K)
rep(28, np.allclose(dE_dp @ J_soft @ dz_dV, gV, atol=1e-6))
rep(31, np.allclose((p4 - y4) * s[4], gV, atol=1e-6))
rep(35, np.allclose(p4 - y4, gz, atol=1e-6))
# immediate partials of the one-step map s_k = W s_{k-1} + U x_k
def step(Wv, Uv, sprev, k): return Wv * sprev + Uv * x[k]
dsk_dW = {k: fd(lambda w, k=k: step(w, U, s[k - 1], k), W) for k in range(1, 5)}
dsk_dU = {k: fd(lambda u, k=k: step(W, u, s[k - 1], k), U) for k in range(1, 5)}
dsj_dsj1 = {j: fd(lambda sp, j=j: step(W, U, sp, j), s[j - 1]) for j in range(1, 5)}
def chain(dimm):
    tot = 0.0
    for k in range(1, 5):
        prod = 1.0
        for j in range(k + 1, 5): prod *= dsj_dsj1[j]
        tot += gs4 * prod * dimm[k]
    return tot
rep(51, np.isclose(chain(dsk_dW), gW, atol=1e-6))
rep(60, np.isclose(chain(dsk_dW), gW, atol=1e-6))
rep(65, np.isclose(gs4 * (dsk_dW[4] + dsj_dsj1[4] * dsk_dW[3] + dsj_dsj1[4] * dsj_dsj1[3] * dsk_dW[2]
                          + dsj_dsj1[4] * dsj_dsj1[3] * dsj_dsj1[2] * dsk_dW[1]), gW, atol=1e-6))
bracketW = s[3] + W * s[2] + W * W * s[1] + W * W * W * s[0]
rep(73, np.isclose(gs4 * bracketW, gW, atol=1e-6))
dz_ds4 = V
rep(80, np.isclose(dE_dp @ J_soft @ dz_ds4, gs4, atol=1e-6))
rep(84, np.isclose((p4 - y4) @ V, gs4, atol=1e-6))
rep(88, np.isclose((p4 - y4) @ V * bracketW, gW, atol=1e-6))
authorW = (p4 - y4) @ V * sum(W ** (4 - j - 1) * s[j - 1] for j in range(1, 5))
rep(94, np.isclose(authorW, gW, atol=1e-6))
print("   (line 94 value", authorW, "vs FD", gW, "; with exponent 4-j:",
      (p4 - y4) @ V * sum(W ** (4 - j) * s[j - 1] for j in range(1, 5)), ")")
rep(114, np.isclose(gs4 * (dsk_dU[4] + dsj_dsj1[4] * dsk_dU[3] + dsj_dsj1[4] * dsj_dsj1[3] * dsk_dU[2]
                           + dsj_dsj1[4] * dsj_dsj1[3] * dsj_dsj1[2] * dsk_dU[1]), gU, atol=1e-6))
bracketU = x[4] + W * x[3] + W * W * x[2] + W * W * W * x[1]
rep(122, np.isclose(gs4 * bracketU, gU, atol=1e-6))
authorU = (p4 - y4) @ V * sum(W ** (4 - j - 1) * x[j] for j in range(1, 5))
rep(128, np.isclose(authorU, gU, atol=1e-6))
# lines 135-141: row-order forward s_t = s_{t-1} W + x_t U (same as line 12 for scalars)
for n, t in zip((135, 137, 139, 141), (1, 2, 3, 4)): rep(n, np.isclose(s[t], s[t - 1] * W + x[t] * U))
# total derivatives ds_k/dW, ds_k/dU by FD
dsW = {k: fd(lambda w, k=k: states(w, U)[k], W) for k in range(1, 5)}
dsU = {k: fd(lambda u, k=k: states(W, u)[k], U) for k in range(1, 5)}
rep(148, np.isclose(dsW[4], s[3] + W * dsW[3], atol=1e-6))
rep(150, np.isclose(dsW[3], s[2] + W * dsW[2], atol=1e-6))
rep(152, np.isclose(dsW[2], s[1] + W * dsW[1], atol=1e-6))
rep(154, np.isclose(dsW[1], s[0], atol=1e-6))
rep(158, np.isclose(dsW[1], s[0], atol=1e-6))
rep(160, np.isclose(dsW[2], s[1] + W * s[0], atol=1e-6))
rep(162, np.isclose(dsW[3], s[2] + W * (s[1] + W * s[0]), atol=1e-6) and np.isclose(dsW[3], s[2] + W * s[1] + W * W * s[0], atol=1e-6))
rep(164, np.isclose(dsW[4], s[3] + W * (s[2] + W * s[1] + W * W * s[0]), atol=1e-6) and np.isclose(dsW[4], bracketW, atol=1e-6))
rep(169, np.isclose(authorW, gW, atol=1e-6))
rep(176, np.isclose(dsU[4], x[4] + W * dsU[3], atol=1e-6))
rep(178, np.isclose(dsU[3], x[3] + W * dsU[2], atol=1e-6))
rep(180, np.isclose(dsU[2], x[2] + W * dsU[1], atol=1e-6))
rep(182, np.isclose(dsU[1], x[1], atol=1e-6))
rep(186, np.isclose(dsU[1], x[1], atol=1e-6))
rep(188, np.isclose(dsU[2], x[2] + W * x[1], atol=1e-6))
rep(190, np.isclose(dsU[3], x[3] + W * (x[2] + W * x[1]), atol=1e-6) and np.isclose(dsU[3], x[3] + W * x[2] + W * W * x[1], atol=1e-6))
rep(192, np.isclose(dsU[4], x[4] + W * (x[3] + W * x[2] + W * W * x[1]), atol=1e-6) and np.isclose(dsU[4], bracketU, atol=1e-6))
rep(197, np.isclose(authorU, gU, atol=1e-6))
