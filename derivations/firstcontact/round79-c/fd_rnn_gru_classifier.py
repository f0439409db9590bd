"""FD check for rnn_gru_classifier.py (search-index file id 2885801228).
Forward passes re-implemented exactly as the author writes them (batch-major rows,
x @ W); the author's backward formulas are copied line by line (with the line number
of rnn_gru_classifier.py in comments) and compared with central finite differences of
L = -mean_b sum_k y log softmax(logits) (the author's train_step loss)."""
import numpy as np

rng = np.random.default_rng(0)
B, D, H, K, T = 3, 4, 5, 3, 4

def softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True)); return e / e.sum(axis=-1, keepdims=True)
def sigmoid(x):
    return 1 / (1 + np.exp(-x))

xs = [rng.normal(size=(B, D)) for _ in range(T)]
y = np.eye(K)[rng.integers(0, K, size=B)]
res = []
def report(name, a, b, line):
    a = np.asarray(a, float); b = np.asarray(b, float)
    ok = a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    err = np.max(np.abs(a - b)) if a.shape == b.shape else float('nan')
    res.append((line, name, ok))
    print(f"line {line:>3} {name:<34} {'AGREES' if ok else 'DIFFERS'}  maxerr={err:.2e}")

def fd(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for i in np.ndindex(P.shape):
        o = P[i]; P[i] = o + eps; a = f(); P[i] = o - eps; b = f(); P[i] = o; g[i] = (a - b) / (2 * eps)
    return g

# ---------------- RNNClassifier ----------------
Wxh = rng.normal(size=(D, H)) * .5; Whh = rng.normal(size=(H, H)) * .5; bh = rng.normal(size=H) * .1
Why = rng.normal(size=(H, K)) * .5; by = rng.normal(size=K) * .1
pert = {}
def rnn_loss():
    h = np.zeros((B, H)); hs = [h]; pre = []
    for t, x in enumerate(xs):
        a = x @ Wxh + h @ Whh + bh + pert.get(('a', t), 0)
        h = np.tanh(a) + pert.get(('h', t), 0); hs.append(h)
    logits = h @ Why + by + pert.get('logits', 0)
    p = softmax(logits)
    return -np.mean(np.sum(y * np.log(p), axis=1)), p, hs
L, probs, hs = rnn_loss()
# author's backward (lines 102-117)
dlogits = (probs - y) / B                          # 102
dWhy = hs[-1].T @ dlogits                          # 103
dby = dlogits.sum(axis=0)                          # 104
dh = dlogits @ Why.T                               # 105
dWxh = np.zeros_like(Wxh); dWhh = np.zeros_like(Whh); dbh = np.zeros_like(bh)
dtanh_t, dh_t = {}, {T - 1: dh.copy()}
for t in reversed(range(T)):
    dtanh = dh * (1 - hs[t+1] ** 2)                # 113
    dtanh_t[t] = dtanh
    dWxh += xs[t].T @ dtanh                        # 114
    dWhh += hs[t].T @ dtanh                        # 115
    dbh += dtanh.sum(axis=0)                       # 116
    dh = dtanh @ Whh.T                             # 117
    dh_t[t - 1] = dh.copy()
Z = np.zeros((B, K)); pert['logits'] = Z
report('RNN dlogits', dlogits, fd(lambda: rnn_loss()[0], Z), 102); del pert['logits']
report('RNN dWhy', dWhy, fd(lambda: rnn_loss()[0], Why), 103)
report('RNN dby', dby, fd(lambda: rnn_loss()[0], by), 104)
Zh = np.zeros((B, H)); pert[('h', T-1)] = Zh
report('RNN dh (=dL/dh_T)', dh_t[T-1], fd(lambda: rnn_loss()[0], Zh), 105); del pert[('h', T-1)]
Za = np.zeros((B, H)); pert[('a', 1)] = Za
report('RNN dtanh at t=1 (dL/da_1)', dtanh_t[1], fd(lambda: rnn_loss()[0], Za), 113); del pert[('a', 1)]
Zh = np.zeros((B, H)); pert[('h', 0)] = Zh
report('RNN dh recursion (dL/dh_0 at t=1)', dh_t[0], fd(lambda: rnn_loss()[0], Zh), 117); del pert[('h', 0)]
report('RNN dWxh (sum over t)', dWxh, fd(lambda: rnn_loss()[0], Wxh), 114)
report('RNN dWhh (sum over t)', dWhh, fd(lambda: rnn_loss()[0], Whh), 115)
report('RNN dbh (sum over t)', dbh, fd(lambda: rnn_loss()[0], bh), 116)

# ---------------- GRUClassifier ----------------
Wz = rng.normal(size=(D + H, H)) * .5; bz = rng.normal(size=H) * .3
Wr = rng.normal(size=(D + H, H)) * .5; br = rng.normal(size=H) * .3
Wh = rng.normal(size=(D + H, H)) * .5; bh2 = rng.normal(size=H) * .3
Why2 = rng.normal(size=(H, K)) * .5; by2 = rng.normal(size=K) * .1
gp = {}
def gru_loss():
    h = np.zeros((B, H)); c = {'hs': [h], 'zs': [], 'rs': [], 'h_tildes': []}
    for t, x in enumerate(xs):
        if t == 0: h = h + gp.get('h0', 0); c['hs'][0] = h
        xh = np.hstack([x, h])
        z = sigmoid(xh @ Wz + bz + gp.get(('az', t), 0)) + gp.get(('z', t), 0)
        r = sigmoid(xh @ Wr + br + gp.get(('ar', t), 0)) + gp.get(('r', t), 0)
        xrh = np.hstack([x, r * h])
        ht = np.tanh(xrh @ Wh + bh2 + gp.get(('ah', t), 0)) + gp.get(('ht', t), 0)
        h = (1 - z) * h + z * ht + gp.get(('h', t), 0)
        c['hs'].append(h); c['zs'].append(z); c['rs'].append(r); c['h_tildes'].append(ht)
    p = softmax(h @ Why2 + by2)
    return -np.mean(np.sum(y * np.log(p), axis=1)), p, c
L, probs, cache = gru_loss()
dlogits = (probs - y) / B                                   # 211
dWhy = cache['hs'][-1].T @ dlogits                          # 212
dby = dlogits.sum(axis=0)                                   # 213
dh = dlogits @ Why2.T                                       # 214
dWz = np.zeros_like(Wz); dWr = np.zeros_like(Wr); dWh = np.zeros_like(Wh)
dbz = np.zeros_like(bz); dbr = np.zeros_like(br); dbh = np.zeros_like(bh2)
S = {}
for t in reversed(range(T)):
    h_prev = cache['hs'][t]; z, r = cache['zs'][t], cache['rs'][t]; h_tilde = cache['h_tildes'][t]; x = xs[t]
    dh_tilde = dh * z                                       # 229
    dz = dh * (h_tilde - h_prev)                            # 230
    dh_prev = dh * (1 - z)                                  # 231
    dtanh = dh_tilde * (1 - h_tilde ** 2)                   # 234
    xrh = np.hstack([x, r * h_prev])                        # 235
    dWh += xrh.T @ dtanh                                    # 236
    dbh += dtanh.sum(axis=0)                                # 237
    dxrh = dtanh @ Wh.T                                     # 238
    dr_from_h = dxrh[:, x.shape[1]:] * h_prev               # 239
    dh_prev += dxrh[:, x.shape[1]:] * r                     # 240
    xh = np.hstack([x, h_prev])                             # 243
    dsig_z = dz * z * (1 - z)                               # 245
    dWz += xh.T @ dsig_z                                    # 246
    dbz += dsig_z.sum(axis=0)                               # 247
    dh_prev += (dsig_z @ Wz.T)[:, x.shape[1]:]              # 248
    dsig_r = (dr_from_h) * r * (1 - r)                      # 250
    dWr += xh.T @ dsig_r                                    # 251
    dbr += dsig_r.sum(axis=0)                               # 252
    dh_prev += (dsig_r @ Wr.T)[:, x.shape[1]:]              # 253
    dh = dh_prev                                            # 255
    S[t] = dict(dh_tilde=dh_tilde, dz=dz, dtanh=dtanh, dr=dr_from_h, dsz=dsig_z, dsr=dsig_r, dh_prev=dh_prev.copy())
f = lambda: gru_loss()[0]
report('GRU dWhy', dWhy, fd(f, Why2), 212)
report('GRU dby', dby, fd(f, by2), 213)
tt = 1
for key, name, line in [(('ht', tt), 'dh_tilde', 229), (('z', tt), 'dz', 230), (('ah', tt), 'dtanh', 234),
                        (('r', tt), 'dr_from_h', 239), (('az', tt), 'dsig_z', 245), (('ar', tt), 'dsig_r', 250)]:
    Zp = np.zeros((B, H)); gp[key] = Zp
    report(f'GRU {name} at t={tt}', S[tt][{'dh_tilde':'dh_tilde','dz':'dz','dtanh':'dtanh','dr_from_h':'dr','dsig_z':'dsz','dsig_r':'dsr'}[name]], fd(f, Zp), line)
    del gp[key]
Zp = np.zeros((B, H)); gp[('h', tt - 1)] = Zp
report(f'GRU dh_prev at t={tt} (=dL/dh_{tt-1})', S[tt]['dh_prev'], fd(f, Zp), 253); del gp[('h', tt - 1)]
Zp = np.zeros((B, H)); gp['h0'] = Zp
report('GRU dh_prev at t=0 (=dL/dh_init)', S[0]['dh_prev'], fd(f, Zp), 255); del gp['h0']
report('GRU dWh (sum over t)', dWh, fd(f, Wh), 236)
report('GRU dbh (sum over t)', dbh, fd(f, bh2), 237)
report('GRU dWz (sum over t)', dWz, fd(f, Wz), 246)
report('GRU dbz (sum over t)', dbz, fd(f, bz), 247)
report('GRU dWr (sum over t)', dWr, fd(f, Wr), 251)
report('GRU dbr (sum over t)', dbr, fd(f, br), 252)
print('\nall rows agree' if all(o for _, _, o in res) else '\nrows that differ: ' + str([(l, n) for l, n, o in res if not o]))
