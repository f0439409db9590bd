"""Finite-difference check of giulio-zhou/rnn network/lstm.py (LSTM.bptt), numpy only.
Author's forward (Goodfellow et al. ch. 10.10 notation, sigmoid cell input) and the author's
backward formulas as written, compared with central differences of the author's loss."""
import numpy as np

rng = np.random.default_rng(1)
D, Hd, O, T = 6, 4, 6, 5
P = {k: rng.normal(0, .5, (Hd, D)) for k in ("U", "Uf", "Ug", "Uo")}
P.update({k: rng.normal(0, .5, (Hd, Hd)) for k in ("W", "Wf", "Wg", "Wo")})
P.update({k: rng.normal(0, .1, Hd) for k in ("b", "bf", "bg", "bo")})
P["Wy"] = rng.normal(0, .5, (O, Hd)); P["by"] = rng.normal(0, .1, O)
x = list(rng.integers(D, size=T)); y = list(rng.integers(O, size=T))

def dtanh(x): return 1 - np.square(x)                      # line 5
def dsigmoid(x): return x * (1 - x)                        # line 8
sigmoid = lambda v: 1 / (1 + np.exp(-v))                   # line 147
softmax = lambda v: np.exp(v - np.max(v)) / np.sum(np.exp(v - np.max(v)))   # line 150

def forward(P):
    h = np.zeros((T + 1, Hd)); s = np.zeros((T + 1, Hd))
    f = np.zeros((T, Hd)); g = np.zeros((T, Hd)); q = np.zeros((T, Hd))
    xi = np.zeros((T, Hd)); yh = np.zeros((T, O))
    for t in range(T):
        ho = h[t-1]
        xi[t] = sigmoid(P["b"] + P["U"][:, x[t]] + P["W"] @ ho)      # line 58
        f[t] = sigmoid(P["bf"] + P["Uf"][:, x[t]] + P["Wf"] @ ho)    # line 60
        g[t] = sigmoid(P["bg"] + P["Ug"][:, x[t]] + P["Wg"] @ ho)    # line 62
        q[t] = sigmoid(P["bo"] + P["Uo"][:, x[t]] + P["Wo"] @ ho)    # line 64
        s[t] = f[t] * s[t-1] + g[t] * xi[t]                         # line 66
        h[t] = q[t] * np.tanh(s[t])                                 # line 67
        yh[t] = softmax(P["by"] + P["Wy"] @ h[t])                   # line 68
    return xi, h, s, f, g, q, yh

def loss(P):
    yh = forward(P)[-1]
    return sum(-np.log(yh[t, y[t]]) for t in range(T))           # line 141

def bptt(P):
    xi, h, s, f, g, q, yh = forward(P)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dh1 = np.zeros(Hd); ds1 = np.zeros(Hd)
    for t in range(T)[::-1]:
        do = yh[t]; do[y[t]] -= 1.                                   # lines 94-95
        dh = P["Wy"].T @ do + dh1                                    # line 96
        dq = np.tanh(s[t]) * dh * dsigmoid(q[t])                     # line 97
        ds = q[t] * dh * dtanh(np.tanh(s[t])) + ds1                  # line 98
        df = s[t-1] * ds * dsigmoid(f[t])                            # line 99
        dg = xi[t] * ds * dsigmoid(g[t])                             # line 100
        di = g[t] * ds * dsigmoid(xi[t])                             # line 101
        G["by"] += do; G["Wy"] += np.outer(do, h[t].T)               # lines 103-104
        for d, b, U, W in ((df, "bf", "Uf", "Wf"), (dg, "bg", "Ug", "Wg"), (dq, "bo", "Uo", "Wo"), (di, "b", "U", "W")):
            G[b] += d; G[U][:, x[t]] += d; G[W] += np.outer(d, h[t-1].T)   # lines 105-116
        dh1 = P["Wf"].T @ df + P["Wg"].T @ dg + P["Wo"].T @ dq + P["W"].T @ di   # lines 118-123
        ds1 = ds * f[t]                                              # line 124
    return G

G = bptt(P)
eps = 1e-6
for k in P:
    num = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        old = P[k][idx]
        P[k][idx] = old + eps; lp = loss(P)
        P[k][idx] = old - eps; lm = loss(P)
        P[k][idx] = old
        num[idx] = (lp - lm) / (2 * eps)
    e = np.max(np.abs(num - G[k]))
    print("d%-3s %s (max abs err %.1e)" % (k, "AGREE" if e < 1e-6 else "DISAGREE", e))
# helper derivatives (lines 5, 8) in terms of the function value
z = rng.normal(size=5)
print("dtanh(tanh z) == d tanh/dz:", np.allclose(dtanh(np.tanh(z)), (np.tanh(z + eps) - np.tanh(z - eps)) / (2 * eps)))
print("dsigmoid(sigmoid z) == d sigmoid/dz:", np.allclose(dsigmoid(sigmoid(z)), (sigmoid(z + eps) - sigmoid(z - eps)) / (2 * eps)))
