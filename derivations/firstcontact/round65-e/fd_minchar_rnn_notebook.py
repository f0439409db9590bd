"""FD check for minchar_rnn_notebook.md (legalaspro simple-rnn.ipynb: softmax-CE derivation + min-char-rnn lossFun).
Column vectors; h_t = tanh(Wxh x_t + Whh h_{t-1} + bh), y_t = Why h_t + by, p_t = softmax(y_t), L = sum_t -log p_t[target].
"""
import numpy as np
rng = np.random.default_rng(2)
V, Hn, T = 5, 4, 4
Wxh = rng.normal(size=(Hn, V)) * .5; Whh = rng.normal(size=(Hn, Hn)) * .5; Why = rng.normal(size=(V, Hn)) * .5
bh = rng.normal(size=(Hn, 1)) * .1; by = rng.normal(size=(V, 1)) * .1
inputs = list(rng.integers(0, V, T)); targets = list(rng.integers(0, V, T)); hprev = rng.normal(size=(Hn, 1)) * .3
P = dict(Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by)

def lossFun(P, clip=False):
    xs, hs, ys, ps = {}, {}, {}, {}; hs[-1] = np.copy(hprev); loss = 0
    for t in range(len(inputs)):
        xs[t] = np.zeros((V, 1)); xs[t][inputs[t]] = 1
        hs[t] = np.tanh(P['Wxh'] @ xs[t] + P['Whh'] @ hs[t-1] + P['bh'])        # 69
        ys[t] = P['Why'] @ hs[t] + P['by']                                      # 70
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))                           # 71
        loss += -np.log(ps[t][targets[t], 0])                                   # 72
    g = {k: np.zeros_like(v) for k, v in P.items()}; dhnext = np.zeros_like(hs[0])
    for t in reversed(range(len(inputs))):
        dy = np.copy(ps[t]); dy[targets[t]] -= 1                                # 78-79
        g['Why'] += dy @ hs[t].T; g['by'] += dy                                 # 80-81
        dh = P['Why'].T @ dy + dhnext                                           # 82
        dhraw = (1 - hs[t] * hs[t]) * dh                                        # 83
        g['bh'] += dhraw; g['Wxh'] += dhraw @ xs[t].T; g['Whh'] += dhraw @ hs[t-1].T   # 84-86
        dhnext = P['Whh'].T @ dhraw                                             # 87
    return loss, g, dhnext

L, g, dh0 = lossFun(P)
eps = 1e-6
for k in P:
    G = np.zeros_like(P[k])
    for idx in np.ndindex(G.shape):
        o = P[k][idx]; P[k][idx] = o + eps; lp = lossFun(P)[0]; P[k][idx] = o - eps; lm = lossFun(P)[0]; P[k][idx] = o
        G[idx] = (lp - lm) / (2 * eps)
    print(f"d{k:<4} (accumulated over t)", "agree" if np.allclose(g[k], G, rtol=1e-5, atol=1e-8) else "DISAGREE")
# dhnext after the loop = dL/dh_{-1}
import copy
def L_h(hv):
    global hprev
    old = hprev; hprev = hv; l = lossFun(P)[0]; hprev = old; return l
G = np.array([(L_h(hprev + eps * e[:, None]) - L_h(hprev - eps * e[:, None])) / (2 * eps) for e in np.eye(Hn)]).reshape(Hn, 1)
print("dhnext (line 87) = dL/dh_prev      ", "agree" if np.allclose(dh0, G, atol=1e-8) else "DISAGREE")
# softmax-CE derivation (lines 18-52): dL/df_k = p_k - 1{y=k}
f = rng.normal(size=6); y = 2
Lf = lambda f: -f[y] + np.log(np.exp(f).sum())
num = np.array([(Lf(f + eps * e) - Lf(f - eps * e)) / (2 * eps) for e in np.eye(6)])
p = np.exp(f) / np.exp(f).sum(); onehot = np.eye(6)[y]
print("d(-f_y)/df_k = -1{y=k} (line 18)   ", "agree" if np.allclose(np.array([(-(f + eps*e)[y] + (f - eps*e)[y]) / (2*eps) for e in np.eye(6)]), -onehot) else "DISAGREE")
print("d log sum exp / df_k = p_k (l. 28) ", "agree" if np.allclose(np.array([(np.log(np.exp(f+eps*e).sum()) - np.log(np.exp(f-eps*e).sum()))/(2*eps) for e in np.eye(6)]), p) else "DISAGREE")
print("dL/df_k = p_k - 1{y=k} (35, 51)    ", "agree" if np.allclose(num, p - onehot, atol=1e-7) else "DISAGREE")
