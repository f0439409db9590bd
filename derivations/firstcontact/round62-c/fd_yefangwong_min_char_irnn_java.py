"""FD check for yefangwong/min-char-irnn SimpleRNN.java (ReLU RNN, column vectors, loss = sum_t -log p_t[target])."""
import numpy as np
rng = np.random.default_rng(0)
H, V, T = 4, 5, 4
Wxh = rng.normal(0, .5, (H, V)); Whh = np.eye(H) + rng.normal(0, .3, (H, H)); Why = rng.normal(0, .5, (V, H))
bh = rng.normal(0, .3, H); by = rng.normal(0, .3, V); h0 = np.abs(rng.normal(0, .5, H))
inputs = [0, 3, 1, 4]; targets = [3, 1, 4, 2]
def onehot(i): x = np.zeros(V); x[i] = 1; return x
def softmax(z): e = np.exp(z - z.max()); return e / e.sum()
def fwd(P, inj=None):
    Wxh, Whh, Why, bh, by = P; inj = inj or {}
    hp = h0.copy(); hs, hprev, ps, loss, pre = [], [], [], 0.0, []
    for t in range(T):
        hprev.append(hp.copy())
        a = Wxh @ onehot(inputs[t]) + Whh @ hp + bh + inj.get(('a', t), 0)
        h = np.maximum(0, a) + inj.get(('h', t), 0)
        z = Why @ h + by + inj.get(('z', t), 0)
        p = softmax(z); loss += -np.log(p[targets[t]])
        hs.append(h); ps.append(p); pre.append(a); hp = h
    return loss, hs, hprev, ps, pre
P = [Wxh, Whh, Why, bh, by]
def num_grad(f, x, eps=1e-6):
    g = np.zeros_like(x); it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = x[i]; x[i] = o + eps; fp = f(); x[i] = o - eps; fm = f(); x[i] = o; g[i] = (fp - fm) / (2 * eps)
    return g
L, hs, hprev, ps, pre = fwd(P)
assert all((np.abs(a) > 1e-3).all() for a in pre)  # away from ReLU kink
def inj_grad(key, n):
    return num_grad(lambda: fwd(P, {key: e})[0], e := np.zeros(n)) if False else _ig(key, n)
def _ig(key, n):
    e = np.zeros(n); return num_grad(lambda: fwd(P, {key: e})[0], e)
# forward rows 64,72,98,101,107,108,78: model h=ReLU(Wxh x+Whh h_prev+bh), p=softmax(Why h+by)
for t in range(T):
    assert np.allclose(hs[t], np.maximum(0, pre[t]))
    assert np.allclose((hs[t] > 0).astype(float), (pre[t] > 0).astype(float))  # line 72 dReLU(h) == ReLU'(a)
dwxh = np.zeros_like(Wxh); dwhh = np.zeros_like(Whh); dwhy = np.zeros_like(Why); dbh = np.zeros(H); dby = np.zeros(V)
dhnext = np.zeros(H)
for t in reversed(range(T)):
    dy = ps[t].copy(); dy[targets[t]] -= 1.0                                   # 21-22
    assert np.allclose(dy, _ig(('z', t), V), atol=1e-6)
    dwhy += np.outer(dy, hs[t]); dby += dy                                     # 25-26
    dh = Why.T @ dy; dh = dh + dhnext                                          # 29-30
    assert np.allclose(dh, _ig(('h', t), H), atol=1e-6)
    dhraw = dh * (hs[t] > 0)                                                   # 38
    assert np.allclose(dhraw, _ig(('a', t), H), atol=1e-6)
    dwxh += np.outer(dhraw, onehot(inputs[t])); dwhh += np.outer(dhraw, hprev[t]); dbh += dhraw  # 41,43,44
    dhnext = Whh.T @ dhraw                                                     # 46 (unclipped, true value)
    if t > 0:
        # true value: dL/dh_{t-1} minus output-path part
        tot = _ig(('h', t - 1), H); assert np.allclose(dhnext, tot - Why.T @ (ps[t-1] - onehot(targets[t-1])), atol=1e-6)
for k, (d, p) in enumerate(zip([dwxh, dwhh, dwhy, dbh, dby], P)):
    assert np.allclose(d, num_grad(lambda: fwd(P)[0], p), atol=1e-6), k
print("all verdicts confirmed (all annotated rows pass)")
