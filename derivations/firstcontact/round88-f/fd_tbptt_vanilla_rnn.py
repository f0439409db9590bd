# Finite-difference check of loss_fun in tbptt_vanilla_rnn.py (numpy only).
# Forward as written (lines 53-65): one-hot x_t, h_t = tanh(Wxh x_t + Whh h_{t-1} + bh), y_t = Why h_t + by,
# p_t = softmax(y_t), loss = sum_t -log p_t[target_t]. Backward as written (lines 75-92), without the clipping.
import numpy as np
rng = np.random.default_rng(1)
V, H, T = 5, 4, 6
P = {'Wxh': rng.normal(0, .5, (H, V)), 'Whh': rng.normal(0, .5, (H, H)), 'Why': rng.normal(0, .5, (V, H)),
     'bh': rng.normal(0, .1, (H, 1)), 'by': rng.normal(0, .1, (V, 1))}
inputs = list(rng.integers(0, V, T)); targets = list(rng.integers(0, V, T)); hprev = rng.normal(0, .5, (H, 1))

def loss_fun(P, inputs, targets, hprev):
    Wxh, Whh, Why, bh, by = P['Wxh'], P['Whh'], P['Why'], P['bh'], P['by']
    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(hprev); loss = 0
    for t in range(len(inputs)):
        xs[t] = np.zeros((V, 1)); xs[t][inputs[t]] = 1
        hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)
        ys[t] = np.dot(Why, hs[t]) + by
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
        loss += -np.log(ps[t][targets[t], 0])
    dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    dbh, dby = np.zeros_like(bh), np.zeros_like(by); dhnext = np.zeros_like(hs[0])
    dys, dhs = {}, {}
    for t in reversed(range(len(inputs))):
        dy = np.copy(ps[t]); dy[targets[t]] -= 1          # lines 75-76
        dWhy += np.dot(dy, hs[t].T); dby += dy             # lines 79-80
        dh = np.dot(Why.T, dy) + dhnext                    # line 83
        dhraw = (1 - hs[t] * hs[t]) * dh                   # line 84
        dbh += dhraw; dWxh += np.dot(dhraw, xs[t].T); dWhh += np.dot(dhraw, hs[t-1].T)  # lines 87-89
        dhnext = np.dot(Whh.T, dhraw)                      # line 92
        dys[t], dhs[t] = dy, dh
    return loss, dict(Wxh=dWxh, Whh=dWhh, Why=dWhy, bh=dbh, by=dby), dys, dhs, dhnext, hs

loss, G, dys, dhs, dh0, hs = loss_fun(P, inputs, targets, hprev)
def L(): return loss_fun(P, inputs, targets, hprev)[0]
def num(a, eps=1e-6):
    g = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        o = a[i]; a[i] = o + eps; fp = L(); a[i] = o - eps; fm = L(); a[i] = o; g[i] = (fp - fm) / (2 * eps)
    return g
res = {}
for k in ['Why', 'by', 'Wxh', 'Whh', 'bh']:
    res[f"d{k} (lines 79/80/87/88/89, summed over t)"] = np.max(np.abs(G[k] - num(P[k])))
res["dhnext after t=0 = dL/dh_{-1} (line 92 recursion)"] = np.max(np.abs(dh0 - num(hprev)))
# line 76: dy = dL_t/dy_t for one step (check at t = T-1 through by-perturbation of logits)
t = T - 1; yT = P['Why'] @ hs[t] + P['by']
def Lt(y): p = np.exp(y) / np.exp(y).sum(); return -np.log(p[targets[t], 0])
ng = np.zeros_like(yT)
for i in range(V):
    e = np.zeros_like(yT); e[i] = 1e-6; ng[i] = (Lt(yT + e) - Lt(yT - e)) / 2e-6
res["line 76 dy = p - onehot = dL_t/dy_t"] = np.max(np.abs(dys[t] - ng))
for k, v in res.items():
    print(f"{k:55s} max|diff| = {v:.2e}  -> {'AGREE' if v < 1e-6 else 'DISAGREE'}")
