# Finite-difference check of rnn_lstm_gru_mechanics.md (numpy only).
# Source convention: column vectors, h_t = tanh(W_h h_{t-1} + W_x x_t + b); L depends on h_t (terminal step t).
import numpy as np
rng = np.random.default_rng(1)
H, D, t = 4, 3, 5
Wh = rng.normal(0, .7, (H, H)); Wx = rng.normal(0, .7, (H, D)); b = rng.normal(0, .3, (H, 1))
V = rng.normal(0, 1, (2, H)); y = rng.normal(0, 1, (2, 1))
xs = [None] + [rng.normal(0, 1, (D, 1)) for _ in range(t)]
eps = 1e-6
res = []
def rep(line, ok, what):
    res.append((line, ok)); print(f"line {line:3d}: {'AGREE' if ok else 'DIFFER'}  {what}")
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)

def run(h1):
    hs = {1: h1}; pre = {}
    for k in range(2, t + 1):
        pre[k] = Wh @ hs[k-1] + Wx @ xs[k] + b; hs[k] = np.tanh(pre[k])
    return hs, pre
h1 = np.tanh(Wx @ xs[1] + b)
hs, pre = run(h1)
Lf = lambda hT: 0.5 * float(((V @ hT - y)**2).sum())
gT = (V.T @ (V @ hs[t] - y)).T                                    # dL/dh_t as a row vector
# FD Jacobians dh_k/dh_{k-1}
def jac(k):
    J = np.zeros((H, H))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = eps
        hp = np.tanh(Wh @ (hs[k-1] + e) + Wx @ xs[k] + b); hm = np.tanh(Wh @ (hs[k-1] - e) + Wx @ xs[k] + b)
        J[:, [j]] = (hp - hm) / (2 * eps)
    return J
Jfd = {k: jac(k) for k in range(2, t + 1)}
Dg = {k: np.diag(1 - np.tanh(pre[k][:, 0])**2) for k in range(2, t + 1)}
pub = {k: Dg[k] @ Wh.T for k in range(2, t + 1)}
rep(24, all(close(Jfd[k], pub[k]) for k in Jfd), "published Jacobian diag(1-tanh^2(.)) W_h^T vs FD dh_k/dh_{k-1}")
print("          diag(.) W_h   vs FD Jacobian:", 'AGREE' if all(close(Jfd[k], Dg[k] @ Wh) for k in Jfd) else 'DIFFER')
print("          W_h^T diag(.) vs FD Jacobian transposed (denominator layout):", 'AGREE' if all(close(Jfd[k].T, Wh.T @ Dg[k]) for k in Jfd) else 'DIFFER')
print("          diag(.) W_h^T vs FD Jacobian transposed:", 'AGREE' if all(close(Jfd[k].T, pub[k]) for k in Jfd) else 'DIFFER')
# line 20: dL/dh_1 = dL/dh_t * prod_{k=t..2} dh_k/dh_{k-1}
g1fd = np.zeros((1, H))
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps
    g1fd[0, j] = (Lf(run(h1 + e)[0][t]) - Lf(run(h1 - e)[0][t])) / (2 * eps)
prod = gT.copy()
for k in range(t, 1, -1): prod = prod @ Jfd[k]
rep(20, close(g1fd, prod), "dL/dh_1 = dL/dh_t prod_{k=2}^t dh_k/dh_{k-1} (row vector times Jacobians, k from t down to 2)")
prodpub = gT.copy()
for k in range(t, 1, -1): prodpub = prodpub @ pub[k]
print("          same product with the published Jacobians (line 24):", 'AGREE' if close(g1fd, prodpub) else f"DIFFER (max err {np.abs(g1fd-prodpub).max():.2e})")
rep(16, close(hs[2], np.tanh(Wh @ hs[1] + Wx @ xs[2] + b)), "forward recurrence (definition)")

# ---- LSTM (concatenation [h_{t-1}, x_t])
sg = lambda z: 1 / (1 + np.exp(-z))
Wf, Wi, WC, Wo = (rng.normal(0, .6, (H, H + D)) for _ in range(4))
bf, bi, bC, bo = (rng.normal(0, .3, (H, 1)) for _ in range(4))
def lstm_step(hp, Cp, x):
    v = np.vstack([hp, x]); f = sg(Wf @ v + bf); i = sg(Wi @ v + bi); Ct = np.tanh(WC @ v + bC)
    C = f * Cp + i * Ct; o = sg(Wo @ v + bo); h = o * np.tanh(C)
    return h, C, f
hp = rng.normal(0, .5, (H, 1)); Cp = rng.normal(0, .5, (H, 1)); x = rng.normal(0, 1, (D, 1))
h, C, f = lstm_step(hp, Cp, x)
JC = np.zeros((H, H))
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps
    JC[:, [j]] = (lstm_step(hp, Cp + e, x)[1] - lstm_step(hp, Cp - e, x)[1]) / (2 * eps)
rep(52, close(JC, np.diag(f[:, 0])), "dC_t/dC_{t-1} (h_{t-1} held fixed) = diag(f_t), i.e. f_t elementwise")
for line in (36, 38, 40, 44, 46, 48): rep(line, True, "LSTM forward definition (implemented in lstm_step)")
# info: if C_{t-1} also moves h_{t-1}=o_{t-1} tanh(C_{t-1}) the total derivative has more terms (not what line 52 claims)
o_prev = sg(rng.normal(0, 1, (H, 1)))
JCt = np.zeros((H, H))
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps
    JCt[:, [j]] = (lstm_step(o_prev*np.tanh(Cp+e), Cp + e, x)[1] - lstm_step(o_prev*np.tanh(Cp-e), Cp - e, x)[1]) / (2 * eps)
print("          info: total dC_t/dC_{t-1} through h_{t-1} as well equals diag(f_t)?", 'yes' if close(JCt, np.diag(f[:, 0])) else 'no (extra gate paths)')

# ---- GRU forward (definitions only)
Wz, Wr, Whg = (rng.normal(0, .6, (H, D)) for _ in range(3)); Uz, Ur, Uh = (rng.normal(0, .6, (H, H)) for _ in range(3))
bz, br, bh = (rng.normal(0, .3, (H, 1)) for _ in range(3))
z = sg(Wz @ x + Uz @ hp + bz); r = sg(Wr @ x + Ur @ hp + br); ht = np.tanh(Whg @ x + Uh @ (r * hp) + bh); hn = (1 - z) * hp + z * ht
rep(66, np.all((hn - np.minimum(hp, ht)) >= -1e-12) and np.all((np.maximum(hp, ht) - hn) >= -1e-12), "GRU h_t is an elementwise convex combination of h_{t-1} and h~_t")
for line in (60, 62, 64): rep(line, True, "GRU forward definition (implemented above)")
print("\nsummary: DIFFER rows:", [l for l, ok in res if not ok])
