"""FD check for enei_ml2_vanishing_frames.tex (column vectors, numerator-layout Jacobians)."""
import numpy as np
rng = np.random.default_rng(3)
d, h, T = 3, 4, 6
eps = 1e-6
sig = lambda z: 1 / (1 + np.exp(-z))
acts = {"tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2), "sigmoid": (sig, lambda z: sig(z) * (1 - sig(z)))}
W = rng.normal(size=(h, h)) * 0.8; U = rng.normal(size=(h, d)) * 0.5; b = rng.normal(size=h) * 0.1
xs = rng.normal(size=(T + 1, d)); h0 = rng.normal(size=h) * 0.3
for name, (act, dact) in acts.items():
    # line 27: h_t = sigma(W h_{t-1} + U x_t + b), a_t = W h_{t-1} + U x_t + b
    hs = [h0]; As = [None]
    for t in range(1, T + 1):
        a = W @ hs[-1] + U @ xs[t] + b; As.append(a); hs.append(act(a))
    def run(k, hk, upto):
        cur = hk
        for i in range(k + 1, upto + 1):
            cur = act(W @ cur + U @ xs[i] + b)
        return cur
    def jac(upto, k):
        J = np.zeros((h, h))
        for c in range(h):
            e = np.zeros(h); e[c] = eps
            J[:, c] = (run(k, hs[k] + e, upto) - run(k, hs[k] - e, upto)) / (2 * eps)
        return J
    # line 30: dh_t/dh_{t-1} = diag(sigma'(a_t)) W -> PASS
    J1 = jac(4, 3)
    assert np.allclose(np.diag(dact(As[4])) @ W, J1, atol=1e-7)
    # line 32: dh_T/dh_t = prod_{k=t+1}^{T} diag(sigma'(a_k)) W (product taken with later k on the left) -> PASS
    t0 = 2
    P = np.eye(h)
    for k in range(t0 + 1, T + 1):
        P = np.diag(dact(As[k])) @ W @ P
    JT = jac(T, t0)
    assert np.allclose(P, JT, atol=1e-7)
    # line 38: ||dh_T/dh_t||_2 <= prod ||diag|| ||W|| <= (gamma ||W||)^{T-t} -> PASS
    gamma = 1.0 if name == "tanh" else 0.25
    mid = np.prod([np.linalg.norm(np.diag(dact(As[k])), 2) * np.linalg.norm(W, 2) for k in range(t0 + 1, T + 1)])
    assert np.linalg.norm(JT, 2) <= mid + 1e-12 <= (gamma * np.linalg.norm(W, 2)) ** (T - t0) + 1e-12
    # line 36: gamma = max sigma' : 1 for tanh, 1/4 for sigmoid -> PASS
    zz = np.linspace(-6, 6, 120001)
    assert abs(dact(zz).max() - gamma) < 1e-9
    if name == "tanh":
        # line 13 (and 73): prod W_hh^T diag(tanh'(z_i)) as dh_t/dh_k -> FAIL (that is the transpose)
        Pw = np.eye(h)
        for i in range(t0 + 1, T + 1):
            Pw = Pw @ (W.T @ np.diag(dact(As[i])))
        assert not np.allclose(Pw, JT, atol=1e-3) and np.allclose(Pw, JT.T, atol=1e-7)
        assert not np.allclose(W.T @ np.diag(dact(As[4])), J1, atol=1e-3)
# line 55: gradient clipping rescales to norm c, keeps direction -> PASS (definition)
g = rng.normal(size=10) * 5; c = 1.0
gc = c / np.linalg.norm(g) * g if np.linalg.norm(g) > c else g
assert abs(np.linalg.norm(gc) - c) < 1e-12 and np.allclose(gc / np.linalg.norm(gc), g / np.linalg.norm(g))
# line 68: dc_t/dc_{t-1} = diag(f_t) (partial, h_{t-1} and x_t held fixed) -> PASS
Wf, Wi, Wc = [rng.normal(size=(h, h + d)) for _ in range(3)]
v = np.concatenate([rng.normal(size=h), rng.normal(size=d)])
f = sig(Wf @ v); i_ = sig(Wi @ v); ct = np.tanh(Wc @ v)
cprev = rng.normal(size=h)
cell = lambda cp: f * cp + i_ * ct
Jc = np.column_stack([(cell(cprev + e) - cell(cprev - e)) / (2 * eps) for e in np.eye(h) * eps])
assert np.allclose(Jc, np.diag(f), atol=1e-8)
print("fd_enei_ml2_vanishing_frames: all assertions hold")
