# Finite-difference check of RaphaelCS_rnn_bptt.tex (Goodfellow-style RNN, softmax + NLL at every step).
# Forward (note lines 110-113): a_t = b + W h_{t-1} + U x_t, h_t = tanh(a_t), o_t = c + V h_t, yhat_t = softmax(o_t);
# loss (lines 130-131): L = sum_t L_t, L_t = -log yhat_t[y_t]. Column vectors, one sequence, h_0 given.
import numpy as np

rng = np.random.default_rng(1)
nx, nh, ny, tau = 3, 4, 5, 5
W = rng.normal(scale=0.6, size=(nh, nh)); U = rng.normal(scale=0.6, size=(nh, nx)); V = rng.normal(scale=0.6, size=(ny, nh))
b = rng.normal(size=nh); c = rng.normal(size=ny)
xs = rng.normal(size=(tau + 1, nx)); ys = rng.integers(0, ny, size=tau + 1); h0 = rng.normal(size=nh)

def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

def forward():
    h = {0: h0}; a = {}; o = {}; yh = {}; L = 0.0
    for t in range(1, tau + 1):
        a[t] = b + W @ h[t - 1] + U @ xs[t]          # line 110
        h[t] = np.tanh(a[t])                          # line 111
        o[t] = c + V @ h[t]                           # line 112
        yh[t] = softmax(o[t])                         # line 113 / 151
        L += -np.log(yh[t][ys[t]])                    # lines 130-131
    return L, h, o, yh

def fd(arr, eps=1e-6):
    g = np.zeros_like(arr)
    for i in range(arr.size):
        old = arr.flat[i]
        arr.flat[i] = old + eps; lp = forward()[0]
        arr.flat[i] = old - eps; lm = forward()[0]
        arr.flat[i] = old; g.flat[i] = (lp - lm) / (2 * eps)
    return g

L, h, o, yh = forward()
# author's backward
go = {t: yh[t] - np.eye(ny)[ys[t]] for t in range(1, tau + 1)}          # line 154 (and 153: dL/dL_t = 1)
gh = {tau: V.T @ go[tau]}                                                # line 160
for t in range(tau - 1, 0, -1):
    J = np.diag(1 - h[t + 1] ** 2) @ W                                   # dh^{t+1}/dh^t
    first = J.T @ gh[t + 1] + V.T @ go[t]                                # line 166
    second = W.T @ np.diag(1 - h[t + 1] ** 2) @ gh[t + 1] + V.T @ go[t]  # line 168
    assert np.allclose(first, second)
    gh[t] = second
D = {t: np.diag(1 - h[t] ** 2) for t in range(1, tau + 1)}
gc = sum(go[t] for t in range(1, tau + 1))                              # line 174
gb = sum(D[t] @ gh[t] for t in range(1, tau + 1))                       # line 175
gV = sum(np.outer(go[t], h[t]) for t in range(1, tau + 1))              # line 176
gW = sum(np.outer(D[t] @ gh[t], h[t - 1]) for t in range(1, tau + 1))   # lines 177-178
gU = sum(np.outer(D[t] @ gh[t], xs[t]) for t in range(1, tau + 1))      # lines 179-180

def rel(a, bb): return np.max(np.abs(a - bb)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(bb)))

# gradient w.r.t. o_t and h_t via FD on an additive perturbation
def fd_state(kind, t, eps=1e-6):
    n = ny if kind == 'o' else nh; g = np.zeros(n)
    for i in range(n):
        vals = []
        for s in (+eps, -eps):
            hh = {0: h0}; LL = 0.0
            for k in range(1, tau + 1):
                hk = np.tanh(b + W @ hh[k - 1] + U @ xs[k])
                if kind == 'h' and k == t: hk = hk + s * np.eye(nh)[i]
                hh[k] = hk
                ok = c + V @ hk
                if kind == 'o' and k == t: ok = ok + s * np.eye(ny)[i]
                LL += -np.log(softmax(ok)[ys[k]])
            vals.append(LL)
        g[i] = (vals[0] - vals[1]) / (2 * eps)
    return g

checks = [
    ("line 154 (grad o_t, all t)", max(rel(go[t], fd_state('o', t)) for t in range(1, tau + 1))),
    ("line 160 (grad h_tau)", rel(gh[tau], fd_state('h', tau))),
    ("lines 166/168 (grad h_t, t<tau)", max(rel(gh[t], fd_state('h', t)) for t in range(1, tau))),
    ("line 174 (grad c)", rel(gc, fd(c))),
    ("line 175 (grad b)", rel(gb, fd(b))),
    ("line 176 (grad V)", rel(gV, fd(V))),
    ("lines 177-178 (grad W)", rel(gW, fd(W))),
    ("lines 179-180 (grad U)", rel(gU, fd(U))),
]
for name, r in checks:
    print(f"{name:34s} rel.err {r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")
