# Finite-difference check of char_rnn.py (aditsinsinwal CharRNN.loss_and_gradients), numpy only.
import numpy as np
np.random.seed(0)
V, H, T = 6, 5, 7
P = {"Wxh": np.random.randn(H, V) * 0.5, "Whh": np.random.randn(H, H) * 0.5,
     "Why": np.random.randn(V, H) * 0.5, "bh": np.random.randn(H, 1) * 0.1, "by": np.random.randn(V, 1) * 0.1}
inputs = np.random.randint(0, V, T); targets = np.random.randint(0, V, T)
h_prev = np.random.randn(H, 1) * 0.3

def forward(P):
    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(h_prev); loss = 0
    for t in range(T):
        xs[t] = np.zeros((V, 1)); xs[t][inputs[t]] = 1                       # l.23-24
        hs[t] = np.tanh(P["Wxh"] @ xs[t] + P["Whh"] @ hs[t-1] + P["bh"])     # l.25
        ys[t] = P["Why"] @ hs[t] + P["by"]                                   # l.26
        e = np.exp(ys[t] - np.max(ys[t])); ps[t] = e / np.sum(e)             # l.27-28
        loss += -np.log(ps[t][targets[t], 0])                                # l.29
    return loss, xs, hs, ps

def author_backward(P):
    loss, xs, hs, ps = forward(P)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros_like(hs[0]); dh_list = {}
    for t in reversed(range(T)):
        dy = np.copy(ps[t]); dy[targets[t]] -= 1          # l.36-37
        G["Why"] += dy @ hs[t].T                          # l.38
        G["by"] += dy                                     # l.39
        dh = P["Why"].T @ dy + dh_next                    # l.40
        dh_raw = (1 - hs[t] * hs[t]) * dh                 # l.41
        G["bh"] += dh_raw                                 # l.42
        G["Wxh"] += dh_raw @ xs[t].T                      # l.43
        G["Whh"] += dh_raw @ hs[t-1].T                    # l.44
        dh_next = P["Whh"].T @ dh_raw                     # l.45
        dh_list[t] = dh
    return G, dh_list, dh_next

def fd(P, k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Q = {a: b.copy() for a, b in P.items()}; Q[k][idx] += eps; lp = forward(Q)[0]
        Q[k][idx] -= 2 * eps; lm = forward(Q)[0]; g[idx] = (lp - lm) / (2 * eps)
    return g

G, dh_list, dh0 = author_backward(P)
def rel(a, b): return np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12)
rows = {"Why": "l.38 dWhy += dy hs[t]^T (with l.36-37 dy = p - onehot)", "by": "l.39 dby += dy",
        "bh": "l.42 dbh += dh_raw (l.40 dh, l.41 dh_raw)", "Wxh": "l.43 dWxh += dh_raw xs[t]^T",
        "Whh": "l.44 dWhh += dh_raw hs[t-1]^T (l.45 recursion)"}
for k, name in rows.items():
    r = rel(G[k], fd(P, k)); print(f"{name:55s} rel.err {r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")
# dL/dh_prev from the final dh_next (l.45 at t=0) against FD w.r.t. the initial state
def loss_h(hp):
    global h_prev
    old = h_prev; h_prev = hp; l = forward(P)[0]; h_prev = old; return l
g = np.zeros_like(h_prev)
for i in range(H):
    e = np.zeros_like(h_prev); e[i] = 1e-6; g[i] = (loss_h(h_prev + e) - loss_h(h_prev - e)) / 2e-6
r = rel(dh0, g); print(f"{'l.45 dh_next after t=0 = dL/dh_prev':55s} rel.err {r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")
# softmax+CE gradient dy (l.36-37) against FD w.r.t. logits of one step
def ce(y, t): e = np.exp(y - y.max()); p = e / e.sum(); return -np.log(p[t, 0])
y = np.random.randn(V, 1); tt = 2; e_ = np.exp(y - y.max()); p = e_ / e_.sum(); dy = p.copy(); dy[tt] -= 1
g = np.array([[(ce(y + 1e-6 * np.eye(V)[:, [i]], tt) - ce(y - 1e-6 * np.eye(V)[:, [i]], tt)) / 2e-6] for i in range(V)])
r = rel(dy, g); print(f"{'l.36-37 dy = p - onehot(target)':55s} rel.err {r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")
