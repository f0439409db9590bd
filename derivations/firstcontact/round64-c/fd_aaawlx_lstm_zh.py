# Check for aaawlx_lstm_zh.md (numpy only).
# Line 9: RNN h_t = tanh(W_hh h_{t-1} + W_xh x_t), yhat_t = W_hy h_t, L_3 = 0.5||yhat_3 - y||^2;
# dh_k/dW_hh read as the immediate (explicit) partial holding h_{k-1} fixed (standard BPTT path sum).
import numpy as np
rng = np.random.default_rng(2)
D, H, K = 3, 4, 2
Whh = rng.standard_normal((H, H)) * 0.6; Wxh = rng.standard_normal((H, D)); Why = rng.standard_normal((K, H))
xs = [rng.standard_normal(D) for _ in range(3)]; y = rng.standard_normal(K); h0 = rng.standard_normal(H)
def run(Whh):
    hs = [h0]
    for x in xs: hs.append(np.tanh(Whh @ hs[-1] + Wxh @ x))
    return hs
def L3(Whh):
    hs = run(Whh); return 0.5 * np.sum((Why @ hs[3] - y) ** 2)
hs = run(Whh)
g = Why.T @ (Why @ hs[3] - y)           # dL3/dyhat3 * dyhat3/dh3
total = np.zeros_like(Whh)
for k in [3, 2, 1]:                       # Path 1 (k=3), Path 2 (k=2), Path 3 (k=1)
    total += np.outer(g * (1 - hs[k]**2), hs[k-1])        # g * d+h_k/dW_hh
    g = Whh.T @ (g * (1 - hs[k]**2))                        # multiply by dh_k/dh_{k-1}
fdW = np.zeros_like(Whh); e = 1e-6
for idx in np.ndindex(Whh.shape):
    P = Whh.copy(); M = Whh.copy(); P[idx] += e; M[idx] -= e; fdW[idx] = (L3(P) - L3(M)) / (2 * e)
res = {9: np.allclose(total, fdW, atol=1e-7)}
# LSTM forward rows (no biases, as written): check against a reference LSTM with zero bias
sig = lambda z: 1 / (1 + np.exp(-z))
x = rng.standard_normal(D); hp = rng.standard_normal(H); cp = rng.standard_normal(H)
Wg = {k: rng.standard_normal((H, D)) for k in 'fico'}; Ug = {k: rng.standard_normal((H, H)) for k in 'fico'}
f = sig(Wg['f'] @ x + Ug['f'] @ hp); i = sig(Wg['i'] @ x + Ug['i'] @ hp); ct = np.tanh(Wg['c'] @ x + Ug['c'] @ hp)
c = f * cp + i * ct; o = sig(Wg['o'] @ x + Ug['o'] @ hp); h = o * np.tanh(c)
Wcat = {k: np.hstack([Wg[k], Ug[k]]) for k in 'fico'}; z = np.concatenate([x, hp])
ref = {k: Wcat[k] @ z for k in 'fico'}
res[44] = np.allclose(f, sig(ref['f'])); res[54] = np.allclose(i, sig(ref['i']))
res[58] = np.allclose(ct, np.tanh(ref['c'])); res[62] = np.allclose(c, sig(ref['f'])*cp + sig(ref['i'])*np.tanh(ref['c']))
res[74] = np.allclose(o, sig(ref['o'])); res[78] = np.allclose(h, sig(ref['o'])*np.tanh(c))
for k in [9, 44, 54, 58, 62, 74, 78]:
    assert res[k] is True or res[k] == True, (k, res[k])
print("fd_aaawlx_lstm_zh: all 7 verdicts confirmed")
