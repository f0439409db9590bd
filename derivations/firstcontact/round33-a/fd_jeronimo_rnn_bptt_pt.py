"""Finite-difference checks for jeronimo_rnn_bptt_pt.md (numpy only).
h_t = tanh(W_hh h_{t-1} + W_xh x_t), column vectors, h_0 given; E = sum_t E_t, E_t = 0.5||V h_t - y_t||^2
(any per-step loss of h_t works).  Jacobians are in numerator layout: J[a, b] = d h_t[a] / d h_{t-1}[b]."""
import json, os
import numpy as np
rng = np.random.default_rng(1)
HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["jeronimo_rnn_bptt_pt.md"]
H, Din, T = 4, 3, 5
Whh = rng.normal(size=(H, H)) * 0.6; Wxh = rng.normal(size=(H, Din)); V = rng.normal(size=(2, H))
X = rng.normal(size=(T + 1, Din)); Y = rng.normal(size=(T + 1, 2)); h0 = rng.normal(size=H) * 0.3
def run(Whh, h0=h0):
    hs = [h0]; zs = [None]
    for t in range(1, T + 1):
        z = Whh @ hs[-1] + Wxh @ X[t]; zs.append(z); hs.append(np.tanh(z))
    return hs, zs
def Et(hs, t): return 0.5 * np.sum((V @ hs[t] - Y[t]) ** 2)
hs, zs = run(Whh)
E = lambda W: sum(Et(run(W)[0], t) for t in range(1, T + 1))
res = {}
def rep(line, ok_math):
    exp = EXP[str(line)]["expected"]; agree = (ok_math == (exp == "pass")); res[line] = agree
    print(line, "OK" if agree else "MISMATCH", "(math %s, expected %s)" % ("right" if ok_math else "wrong", exp))
close = lambda a, b: bool(np.allclose(a, b, rtol=1e-5, atol=1e-7))
eps = 1e-6
def fdW(fun, W):
    G = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wm = W.copy(); Wp[idx] += eps; Wm[idx] -= eps; G[idx] = (fun(Wp) - fun(Wm)) / (2 * eps)
    return G
def jac_true(j):  # d h_j / d h_{j-1} by FD
    J = np.zeros((H, H))
    for b in range(H):
        hp = hs[j - 1].copy(); hm = hs[j - 1].copy(); hp[b] += eps; hm[b] -= eps
        J[:, b] = (np.tanh(Whh @ hp + Wxh @ X[j]) - np.tanh(Whh @ hm + Wxh @ X[j])) / (2 * eps)
    return J
def jac_hk(t, k):  # d h_t / d h_k by FD through the recursion
    J = np.zeros((H, H))
    for b in range(H):
        def ht_from(hk):
            h = hk
            for s in range(k + 1, t + 1): h = np.tanh(Whh @ h + Wxh @ X[s])
            return h
        hp = hs[k].copy(); hm = hs[k].copy(); hp[b] += eps; hm[b] -= eps
        J[:, b] = (ht_from(hp) - ht_from(hm)) / (2 * eps)
    return J
# line 33: E = sum_t E_t (definition)
rep(33, close(E(Whh), sum(Et(hs, t) for t in range(1, T + 1))))
# line 35: author's sum_{k=1}^{T} dE_t/dh_t dh_t/dh_k d^+h_k/dW_hh for a fixed t, vs dE/dW_hh
t = 3
gE = fdW(E, Whh)
dEt_dht = V.T @ (V @ hs[t] - Y[t])
def author35(t):
    G = np.zeros((H, H))
    for k in range(1, T + 1):
        Jtk = jac_hk(t, k) if k <= t else np.zeros((H, H))   # h_t does not depend on later h_k
        g_hk = Jtk.T @ dEt_dht                                  # dE_t/dh_k (gradient vector)
        G += np.outer(g_hk * (1 - hs[k] ** 2), hs[k - 1])       # immediate d h_k / d W_hh
    return G
rep(35, close(author35(t), gE))
# line 37: dh_t/dh_k = product of one-step Jacobians (ordered t ... k+1)
t, k = 5, 2
P = np.eye(H)
for j in range(t, k, -1): P = P @ jac_true(j)
rep(37, close(jac_hk(t, k), P))
# line 48: Jacobian diag(1 - tanh^2) W_hh^T vs the true one (forward equation itself is the model)
j = 3; D = np.diag(1 - np.tanh(zs[j]) ** 2)
rep(48, close(jac_true(j), D @ Whh.T))
rep(52, close(jac_true(j), D @ Whh.T))
# line 54 judged locally: product of the given factors D_j W^T equals the composition of those factors
A = [None] + [np.diag(1 - np.tanh(zs[i]) ** 2) @ Whh.T for i in range(1, T + 1)]
prod = np.eye(H)
for i in range(t, k, -1): prod = prod @ A[i]
comp = np.eye(H)
for i in range(k + 1, t + 1): comp = A[i] @ comp if False else comp
comp = A[t]
for i in range(t - 1, k, -1): comp = comp @ A[i]
rep(54, close(prod, comp))
# line 56: norm of that product (identity)
rep(56, close(np.linalg.norm(prod, 2), np.linalg.norm(comp, 2)))
# line 58: sub-multiplicativity
bound = np.prod([np.linalg.norm(A[i] @ np.linalg.inv(Whh.T), 2) * np.linalg.norm(Whh.T, 2) for i in range(k + 1, t + 1)])
rep(58, np.linalg.norm(prod, 2) <= bound + 1e-12)
# line 60: ||D_j|| = max|1 - tanh^2| <= 1, final bound sigma_max^{t-k}; also check on the true Jacobian
Dn = [np.linalg.norm(np.diag(1 - np.tanh(zs[i]) ** 2), 2) for i in range(1, T + 1)]
ok = all(abs(Dn[i - 1] - np.max(np.abs(1 - np.tanh(zs[i]) ** 2))) < 1e-12 and Dn[i - 1] <= 1 for i in range(1, T + 1))
smax = np.linalg.norm(Whh.T, 2)
ok &= np.linalg.norm(prod, 2) <= smax ** (t - k) + 1e-12 and np.linalg.norm(jac_hk(t, k), 2) <= smax ** (t - k) + 1e-9
rep(60, ok)
missing = set(int(x) for x in EXP) - set(res); assert not missing, missing
print("all agree" if all(res.values()) else "DISAGREEMENTS")
