# FD check for dsse10545_rnn_gradcheck.md (Julia code re-implemented in numpy, same layout:
# h[t] is a 1xH row, x[t] an n_in x 1 column, p[t] and y[t] columns, Wxh n_in x H, Whh H x H, Why H x n_out)
import numpy as np
rng = np.random.default_rng(0)
nin, H, nout, T = 3, 4, 5, 4
P = {"Wxh": rng.normal(size=(nin, H)) * 0.5, "Whh": rng.normal(size=(H, H)) * 0.5,
     "Bh": rng.normal(size=(1, H)) * 0.1, "Why": rng.normal(size=(H, nout)) * 0.5,
     "By": rng.normal(size=(1, nout)) * 0.1}
xs = [rng.normal(size=(nin, 1)) for _ in range(T)]
ys = [np.eye(nout)[:, [rng.integers(nout)]] for _ in range(T)]
hPrev = rng.normal(size=(1, H)) * 0.3

def forward(P):
    h, p, cost = [], [], 0.0
    for t in range(T):
        hp = hPrev if t == 0 else h[t - 1]
        h.append(np.tanh(xs[t].T @ P["Wxh"] + hp @ P["Whh"] + P["Bh"]))   # line 19 / 21
        score = h[t] @ P["Why"] + P["By"]                                  # line 23
        ps = np.exp(score) / np.sum(np.exp(score))                         # line 24
        p.append(ps.reshape(-1, 1))                                        # line 25 (vec)
        cost += -np.sum(np.log(ys[t].T @ p[t]))                            # line 26
    return cost, h, p

def backward(P, h, p, transpose_fix=False):
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dhnext = np.zeros((1, H))          # (source: zeros(size(h)); shape bookkeeping, a 1xH zero row used here)
    per_step = []
    for t in reversed(range(T)):
        dy = p[t] - ys[t]                                   # 41
        g["Why"] = g["Why"] + (dy @ h[t]).T                 # 42
        g["By"] = g["By"] + dy.T                            # 43
        dh = (P["Why"] @ dy).T + dhnext                     # 44
        dhRaw = (1 - h[t] * h[t]) * dh                      # 45
        g["Wxh"] = g["Wxh"] + xs[t] @ dhRaw                 # 46
        g["Bh"] = g["Bh"] + dhRaw                           # 47
        hp = hPrev if t == 0 else h[t - 1]
        g["Whh"] = g["Whh"] + hp.T @ dhRaw                  # 49 / 51
        dhnext = dhRaw @ (P["Whh"].T if transpose_fix else P["Whh"])   # 53
    return g

def num_grad(P, eps=1e-6):
    G = {}
    for k in P:
        G[k] = np.zeros_like(P[k])
        for idx in np.ndindex(P[k].shape):
            old = P[k][idx]
            P[k][idx] = old + eps; cp = forward(P)[0]
            P[k][idx] = old - eps; cm = forward(P)[0]
            P[k][idx] = old
            G[k][idx] = (cp - cm) / (2 * eps)
    return G

cost, h, p = forward(P)
G = num_grad(P)
ga = backward(P, h, p)
gf = backward(P, h, p, transpose_fix=True)
rel = lambda a, b: np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
print("author's backward (dhnext = dhRaw*Whh):")
for k in ["Why", "By", "Wxh", "Bh", "Whh"]:
    r = rel(ga[k], G[k]); print(f"  d{k}: rel err {r:.2e} -> {'AGREE' if r < 1e-6 else 'DISAGREE'}")
print("same code with dhnext = dhRaw*Whh' (line 53 corrected):")
for k in ["Why", "By", "Wxh", "Bh", "Whh"]:
    r = rel(gf[k], G[k]); print(f"  d{k}: rel err {r:.2e} -> {'AGREE' if r < 1e-6 else 'DISAGREE'}")
# one-step check of line 53 alone: gradient of a linear functional of h[t] w.r.t. h[t-1]
hp = rng.normal(size=(1, H)); x = rng.normal(size=(nin, 1)); c = rng.normal(size=(1, H))
f = lambda hp_: np.sum(c * np.tanh(x.T @ P["Wxh"] + hp_ @ P["Whh"] + P["Bh"]))
hn = np.tanh(x.T @ P["Wxh"] + hp @ P["Whh"] + P["Bh"]); dhRaw = (1 - hn * hn) * c
num = np.array([[(f(hp + e) - f(hp - e)) / 2e-6 for e in np.eye(H) * 1e-6]])
print("line 53 one step: dhRaw*Whh  rel err", f"{rel(dhRaw @ P['Whh'], num):.2e}",
      "| dhRaw*Whh' rel err", f"{rel(dhRaw @ P['Whh'].T, num):.2e}")
