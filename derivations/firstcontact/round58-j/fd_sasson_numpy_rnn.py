"""FD checks for sasson_numpy_rnn.md (j0sephsasson/numpy-RNN layers/rnn.py @ 823b7a2).
Column vectors, one-hot inputs, loss = sum_t -log p_t[y_t]. RNNV1 rows (46-66) and RNNV2 rows (126-157)
are evaluated as written and compared with central differences (float64)."""
import numpy as np
rng = np.random.default_rng(7)
V, H, T = 5, 4, 6
x = list(rng.integers(0, V, T)); y = list(rng.integers(0, V, T))
close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-8)
def fd(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + eps; p = f(); A[i] = o - eps; m = f(); A[i] = o; g[i] = (p - m) / (2 * eps)
    return g

# ---------------- RNNV1 ----------------
Wxh = rng.normal(size=(H, V)) * .5; Whh = rng.normal(size=(H, H)) * .5; Why = rng.normal(size=(V, H)) * .5
bh = rng.normal(size=(H, 1)) * .1; by = rng.normal(size=(V, 1)) * .1; hprev = rng.normal(size=(H, 1)) * .3
def v1_forward():
    loss = 0; xs, hs, ys, ps = {}, {}, {}, {}; hs[-1] = np.copy(hprev)
    for t in range(len(x)):
        xs[t] = np.zeros((V, 1)); xs[t][x[t]] = 1
        hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)
        ys[t] = np.dot(Why, hs[t]) + by
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
        loss += -np.log(ps[t][y[t], 0])
    return loss, xs, hs, ps
loss, xs, hs, ps = v1_forward()
# forward rows vs independent softmax-CE
ref = 0.0; h = hprev.copy()
for t in range(T):
    h = np.tanh(Wxh[:, [x[t]]] + Whh @ h + bh); z = Why @ h + by
    ref += np.log(np.sum(np.exp(z))) - z[y[t], 0]
assert close(loss, ref)
dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
dbh, dby = np.zeros_like(bh), np.zeros_like(by); dhnext = np.zeros_like(hs[0])
for t in reversed(range(len(x))):
    dy = np.copy(ps[t]); dy[y[t]] -= 1
    dWhy += np.dot(dy, hs[t].T); dby += dy
    dh = np.dot(Why.T, dy) + dhnext
    dhraw = (1 - hs[t] * hs[t]) * dh
    dbh += dhraw; dWxh += np.dot(dhraw, xs[t].T); dWhh += np.dot(dhraw, hs[t-1].T)
    dhnext = np.dot(Whh.T, dhraw)
f1 = lambda: v1_forward()[0]
v1 = dict(Wxh=close(dWxh, fd(f1, Wxh)), Whh=close(dWhh, fd(f1, Whh)), Why=close(dWhy, fd(f1, Why)),
          bh=close(dbh, fd(f1, bh)), by=close(dby, fd(f1, by)), hprev=close(dhnext, fd(f1, hprev)))
print('V1', v1); assert all(v1.values())

# ---------------- RNNV2, num_layers = 2 ----------------
L = 2
Wxh2 = [rng.normal(size=(H, V)) * .5 for _ in range(L)]; Whh2 = [rng.normal(size=(H, H)) * .5 for _ in range(L)]
Why2 = rng.normal(size=(V, H)) * .5; bh2 = [rng.normal(size=(H, 1)) * .1 for _ in range(L)]; by2 = rng.normal(size=(V, 1)) * .1
hprev2 = [rng.normal(size=(H, 1)) * .3 for _ in range(L)]
def v2_forward():
    loss = 0; xs, hs, ps = {}, {}, {}; hs[-1] = np.copy(hprev2)
    for t in range(len(x)):
        xs[t] = np.zeros((V, 1)); xs[t][x[t]] = 1
        hs[t] = np.copy(hprev2)
        for l in range(L):
            hs[t][l] = np.tanh(np.dot(Wxh2[l], xs[t]) + np.dot(Whh2[l], hs[t-1][l]) + bh2[l])
        ys = np.dot(Why2, hs[t][-1]) + by2
        ps[t] = np.exp(ys) / np.sum(np.exp(ys))
        loss += -np.log(ps[t][y[t], 0])
    return loss, xs, hs, ps
loss2, xs, hs, ps = v2_forward()
def v2_backward(fixed_dh=False):
    dWxh = [np.zeros_like(w) for w in Wxh2]; dWhh = [np.zeros_like(w) for w in Whh2]; dWhy = np.zeros_like(Why2)
    dbh = [np.zeros_like(b) for b in bh2]; dby = np.zeros_like(by2); dhnext = [np.zeros_like(h) for h in hs[0]]
    for t in reversed(range(len(xs))):
        dy = np.copy(ps[t]); dy[y[t]] -= 1
        dWhy += np.dot(dy, hs[t][-1].T); dby += dy
        for l in reversed(range(L)):
            if not fixed_dh:
                dh = np.dot(Why2.T, dy) + dhnext[l]                       # line 152 as written
            else:
                dh = (np.dot(Why2.T, dy) if l == L - 1 else 0) + dhnext[l]  # correct
            dhraw = (1 - hs[t][l] * hs[t][l]) * dh
            dbh[l] += dhraw; dWxh[l] += np.dot(dhraw, xs[t].T); dWhh[l] += np.dot(dhraw, hs[t-1][l].T)
            dhnext[l] = np.dot(Whh2[l].T, dhraw)
    return dWxh, dWhh, dWhy, dbh, dby
f2 = lambda: v2_forward()[0]
FD = dict(Wxh=[fd(f2, w) for w in Wxh2], Whh=[fd(f2, w) for w in Whh2], Why=fd(f2, Why2), bh=[fd(f2, b) for b in bh2], by=fd(f2, by2))
assert all(np.allclose(g, 0) for g in (FD['Wxh'][0], FD['Whh'][0], FD['bh'][0]))  # layer 0 never reaches the loss
def check(gr):
    dWxh, dWhh, dWhy, dbh, dby = gr
    return dict(Why=close(dWhy, FD['Why']), by=close(dby, FD['by']),
                Wxh=[close(dWxh[l], FD['Wxh'][l]) for l in range(L)], Whh=[close(dWhh[l], FD['Whh'][l]) for l in range(L)],
                bh=[close(dbh[l], FD['bh'][l]) for l in range(L)])
as_written = check(v2_backward(False)); fixed = check(v2_backward(True))
print('V2 as written', as_written); print('V2 with dh fixed', fixed)
# as written: output-layer rows and top layer right, layer 0 wrong (only because of line 152)
assert as_written['Why'] and as_written['by'] and as_written['Wxh'][1] and as_written['Whh'][1] and as_written['bh'][1]
assert not (as_written['Wxh'][0] or as_written['Whh'][0] or as_written['bh'][0])
# with only line 152 corrected, every other row (153-157) gives the FD gradient -> those rows pass
assert fixed['Why'] and fixed['by'] and all(fixed['Wxh']) and all(fixed['Whh']) and all(fixed['bh'])
print('all verdicts confirmed')

import json, os
lc = {}
for l in ['46', '47', '48', '49', '57', '58', '59', '60', '61', '62', '63', '64', '65', '66']: lc[l] = all(v1.values())
for l in ['126', '128', '129', '130']: lc[l] = True  # forward as written (v2_forward reproduces it)
for l in ['146', '147', '148', '149']: lc[l] = as_written['Why'] and as_written['by']
lc['152'] = all(as_written['Wxh']) and all(as_written['Whh']) and all(as_written['bh'])
for l in ['153', '154', '155', '156', '157']: lc[l] = all(fixed['Wxh']) and all(fixed['Whh']) and all(fixed['bh'])
ex = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['sasson_numpy_rnn.md']
assert set(ex) == set(lc), set(ex) ^ set(lc)
for l, ok in lc.items(): assert (ex[l]['expected'] == 'pass') == bool(ok), l
print('per-line verdicts match expected.json')
