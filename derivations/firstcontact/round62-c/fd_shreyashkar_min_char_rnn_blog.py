"""FD check for shreyashkar min-char-rnn blog (column vectors, tanh RNN, Loss = sum_t -log p_t[target])."""
import numpy as np
rng = np.random.default_rng(2)
H, V, T = 3, 4, 4
Wxh = rng.normal(0, .6, (H, V)); Whh = rng.normal(0, .6, (H, H)); Why = rng.normal(0, .6, (V, H))
bh = rng.normal(0, .3, (H, 1)); by = rng.normal(0, .3, (V, 1)); h0 = rng.normal(0, .5, (H, 1))
inputs = [1, 0, 3, 2]; targets = [0, 3, 2, 1]
def oh(i): x = np.zeros((V, 1)); x[i] = 1; return x
def fwd(P, inj=None):
    Wxh, Whh, Why, bh, by = P; inj = inj or {}; g = lambda k, t: inj.get((k, t), 0)
    hs = {-1: h0.copy()}; ps = {}; L = 0.0; hsn = {-1: h0.copy()}
    for t in range(T):
        a = Wxh @ oh(inputs[t]) + Whh @ hsn[t-1] + bh + g('a', t)
        hs[t] = np.tanh(a) + g('h', t); hsn[t] = hs[t] + g('hn', t)
        y = Why @ hs[t] + by + g('y', t)
        p = np.exp(y) / np.sum(np.exp(y)) + g('p', t)
        ps[t] = p; L += -np.log(p[targets[t], 0])
    return L, hs, ps
P = [Wxh, Whh, Why, bh, by]
def ng(f, x, eps=1e-6):
    gr = np.zeros_like(x); it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = x[i]; x[i] = o+eps; fp = f(); x[i] = o-eps; fm = f(); x[i] = o; gr[i] = (fp-fm)/(2*eps)
    return gr
def ig(k, n): e = np.zeros((n, 1)); return ng(lambda: fwd(P, {k: e})[0], e)
L, hs, ps = fwd(P)
dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why); dbh, dby = np.zeros_like(bh), np.zeros_like(by)
dhnext = np.zeros((H, 1))
for t in reversed(range(T)):
    # line 64: dLoss_t/dp_t claimed = p_t - 1_target  -> FAIL; true = -1_target / p_t,target
    dp_true = ig(('p', t), V); claim = ps[t] - oh(targets[t])
    assert not np.allclose(claim, dp_true, atol=1e-3)
    assert np.allclose(dp_true, -oh(targets[t]) / ps[t][targets[t], 0], atol=1e-5)
    dy = np.copy(ps[t]); dy[targets[t]] -= 1                     # 69-70 : dL/dy_t
    assert np.allclose(dy, ig(('y', t), V), atol=1e-6)
    dWhy += np.dot(dy, hs[t].T); dby += dy                       # 77-79, 81-82
    dh = np.dot(Why.T, dy) + dhnext                              # 87, 91
    assert np.allclose(dh, ig(('h', t), H), atol=1e-6)
    dhraw = (1 - hs[t]*hs[t]) * dh                               # 100, 103
    assert np.allclose(dhraw, ig(('a', t), H), atol=1e-6)
    dbh += dhraw; dWxh += np.dot(dhraw, oh(inputs[t]).T); dWhh += np.dot(dhraw, hs[t-1].T)  # 112,114,116,120-122
    dhnext = np.dot(Whh.T, dhraw)                                # 128, 131
    if t > 0: assert np.allclose(dhnext, ig(('hn', t-1), H), atol=1e-6)
f = lambda: fwd(P)[0]
for d, p in zip([dWxh, dWhh, dWhy, dbh, dby], P):
    assert np.allclose(d, ng(f, p), atol=1e-6)
print("verdicts confirmed: line 64 fails, all other annotated rows pass")
