# Standalone finite-difference check of thalesmms_lstm_layer_doc.md (ThalesMMS Rust-Neural-Networks,
# docs/backpropagation/lstm_layer.md). Row/batch layout of the document:
#   x_t (B, D); W_x* (D, H); W_h* (H, H); b_* (H,); W_hy (H, O)
#   f,i,o = sigma(x W_x* + h_{t-1} W_h* + b_*), c~ = tanh(...), c_t = f*c_{t-1} + i*c~, h_t = o*tanh(c_t),
#   y_t = h_t W_hy + b_y.
# Loss: l_{t,b} = 0.5*||y_{t,b} - target_{t,b}||^2, S = sum_b sum_t l_{t,b}, L = S / B (batch mean, which is what the
# "/ batch_size" of every weight-gradient line implies). All activation-level symbols dL/d(.) of the document
# (given dL/dy_t, dh_next, dc_next, ...) are per-example gradients, i.e. dS/d(.) row by row.
# Weight-gradient lines are the step-t contribution (the document accumulates them over t).
# dh_next / dc_next = gradient reaching h_t / c_t through step t+1. Verdicts are LOCAL.
import numpy as np

rng = np.random.default_rng(11)
B, T, D, H, O = 2, 3, 3, 4, 2
names = ['xf', 'hf', 'bf', 'xi', 'hi', 'bi', 'xc', 'hc', 'bc', 'xo', 'ho', 'bo', 'hy', 'by']
shp = {'xf': (D, H), 'hf': (H, H), 'bf': (H,), 'xi': (D, H), 'hi': (H, H), 'bi': (H,), 'xc': (D, H), 'hc': (H, H),
       'bc': (H,), 'xo': (D, H), 'ho': (H, H), 'bo': (H,), 'hy': (H, O), 'by': (O,)}
P = {k: rng.normal(size=shp[k]) * 0.7 for k in names}
X = rng.normal(size=(T, B, D))
TG = rng.normal(size=(T, B, O))
sig = lambda a: 1 / (1 + np.exp(-a))


def fwd(P, X, pert=None, wpert=None):
    pert = pert or {}; wpert = wpert or {}
    d = lambda k, t: pert.get((k, t), 0.0)
    W = lambda k, t: P[k] + wpert.get((k, t), 0.0)
    h = np.zeros((B, H)); c = np.zeros((B, H))
    st = {k: [] for k in ['zf', 'zi', 'zc', 'zo', 'f', 'i', 'ct', 'o', 'c', 'tc', 'h', 'y', 'hp', 'cp']}
    for t in range(T):
        hp = h + d('hp', t); cp = c + d('cp', t); x = X[t] + d('x', t)
        zf = x @ W('xf', t) + hp @ W('hf', t) + W('bf', t) + d('zf', t)
        zi = x @ W('xi', t) + hp @ W('hi', t) + W('bi', t) + d('zi', t)
        zc = x @ W('xc', t) + hp @ W('hc', t) + W('bc', t) + d('zc', t)
        zo = x @ W('xo', t) + hp @ W('ho', t) + W('bo', t) + d('zo', t)
        f = sig(zf) + d('f', t); i = sig(zi) + d('i', t); ct = np.tanh(zc) + d('ct', t); o = sig(zo) + d('o', t)
        c = f * cp + i * ct + d('c', t)
        tc = np.tanh(c + d('c_in_h', t)) + d('tc', t)
        h = o * tc + d('h', t)
        y = h @ W('hy', t) + W('by', t)
        for k, v in [('zf', zf), ('zi', zi), ('zc', zc), ('zo', zo), ('f', f), ('i', i), ('ct', ct), ('o', o),
                     ('c', c), ('tc', tc), ('h', h), ('y', y), ('hp', hp), ('cp', cp)]:
            st[k].append(v)
    return st


def S(pert=None, wpert=None, Xin=X):
    st = fwd(P, Xin, pert, wpert)
    return sum(0.5 * np.sum((st['y'][t] - TG[t]) ** 2) for t in range(T))


eps = 1e-6
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)


def fd(kind, t, n=H):
    g = np.zeros((B, n))
    for b in range(B):
        for j in range(n):
            e = np.zeros((B, n)); e[b, j] = eps
            g[b, j] = (S({(kind, t): e}) - S({(kind, t): -e})) / (2 * eps)
    return g


def fdW(k, t):  # d L / d W_k through step t only, L = S / B
    g = np.zeros(shp[k])
    for idx in np.ndindex(shp[k]):
        e = np.zeros(shp[k]); e[idx] = eps
        g[idx] = (S(None, {(k, t): e}) - S(None, {(k, t): -e})) / (2 * eps) / B
    return g


st = fwd(P, X)
res = {}
# ---------------- forward (independent element-wise / column computations) ----------------
okf = {k: True for k in ['f', 'i', 'c~', 'o', 'c', 'h', 'y']}
h = np.zeros((B, H)); c = np.zeros((B, H))
for t in range(T):
    x = X[t]
    def gate(wx, wh, bb):
        return np.array([[sum(x[b, i] * P[wx][i, j] for i in range(D)) + sum(h[b, k] * P[wh][k, j] for k in range(H)) + P[bb][j]
                          for j in range(H)] for b in range(B)])
    zf, zi, zc, zo = gate('xf', 'hf', 'bf'), gate('xi', 'hi', 'bi'), gate('xc', 'hc', 'bc'), gate('xo', 'ho', 'bo')
    f = 1 / (1 + np.exp(-zf)); i = 1 / (1 + np.exp(-zi)); o = 1 / (1 + np.exp(-zo))
    ct = (np.exp(zc) - np.exp(-zc)) / (np.exp(zc) + np.exp(-zc))
    c = f * c + i * ct; h = o * np.tanh(c)
    y = np.array([[sum(h[b, j] * P['hy'][j, k] for j in range(H)) + P['by'][k] for k in range(O)] for b in range(B)])
    okf['f'] &= close(f, st['f'][t]) and close(zf, st['zf'][t])
    okf['i'] &= close(i, st['i'][t]) and close(zi, st['zi'][t])
    okf['c~'] &= close(ct, st['ct'][t]) and close(zc, st['zc'][t])
    okf['o'] &= close(o, st['o'][t]) and close(zo, st['zo'][t])
    okf['c'] &= close(c, st['c'][t]); okf['h'] &= close(h, st['h'][t]); okf['y'] &= close(y, st['y'][t])
res[32] = close(st['hp'][0], np.zeros((B, H))); res[33] = close(st['cp'][0], np.zeros((B, H)))
for ln in (41, 47, 49): res[ln] = okf['f']
for ln in (57, 63, 65): res[ln] = okf['i']
for ln in (73, 79, 81): res[ln] = okf['c~']
for ln in (89, 97): res[ln] = okf['c']
for ln in (105, 111, 113): res[ln] = okf['o']
for ln in (121, 127): res[ln] = okf['h']
for ln in (135, 141): res[ln] = okf['y']
for ln, k in [(167, 'y'), (196, 'h'), (237, 'o'), (264, 'c'), (279, 'f'), (297, 'i'), (315, 'c~')]:
    res[ln] = okf[k]
res[152] = True  # definition of the total (sequence) loss

# ---------------- backward: document's recursion with true upstream values ----------------
dY = [st['y'][t] - TG[t] for t in range(T)]            # per-example dl/dy_t
true = {k: [fd(k, t) for t in range(T)] for k in ['h', 'c', 'c_in_h', 'tc', 'o', 'f', 'i', 'ct', 'zo', 'zf', 'zi', 'zc', 'hp', 'cp']}
true['x'] = [fd('x', t, D) for t in range(T)]
dh_next = [true['hp'][t + 1] if t + 1 < T else np.zeros((B, H)) for t in range(T)]
dc_next = [true['cp'][t + 1] if t + 1 < T else np.zeros((B, H)) for t in range(T)]
ok = {}
def chk(ln, cond):
    ok[ln] = ok.get(ln, True) and bool(cond)
for t in range(T):
    f, i, ct, o, c, tc = st['f'][t], st['i'][t], st['ct'][t], st['o'][t], st['c'][t], st['tc'][t]
    cprev, hprev, x = st['cp'][t], st['hp'][t], X[t]
    chk(173, close(st['h'][t].T @ dY[t] / B, fdW('hy', t)))
    chk(179, close(dY[t].sum(axis=0) / B, fdW('by', t)))
    dh_out = dY[t] @ P['hy'].T
    chk(185, close(dh_out, true['h'][t] - dh_next[t]))
    dh = dh_out + dh_next[t]
    chk(191, close(dh, true['h'][t]))
    dh = true['h'][t]
    chk(202, close(dh * tc, true['o'][t]))
    chk(209, close(dh * o, true['tc'][t]))
    chk(226, close(1 - np.tanh(c) ** 2, (np.tanh(c + eps) - np.tanh(c - eps)) / (2 * eps)))
    chk(227, close(true['tc'][t] * (1 - np.tanh(c) ** 2), true['c_in_h'][t]))
    chk(232, close(true['c_in_h'][t] + dc_next[t], true['c'][t]))
    dc = true['c'][t]
    chk(243, close(o * (1 - o), (sig(st['zo'][t] + eps) - sig(st['zo'][t] - eps)) / (2 * eps)))
    dzo = true['o'][t] * o * (1 - o)
    chk(248, close(dzo, true['zo'][t]))
    dzo = true['zo'][t]
    chk(253, close(x.T @ dzo / B, fdW('xo', t)))
    chk(256, close(hprev.T @ dzo / B, fdW('ho', t)))
    chk(259, close(dzo.sum(axis=0) / B, fdW('bo', t)))
    chk(271, close(dc * cprev, true['f'][t]))
    chk(272, close(dc * ct, true['i'][t]))
    chk(273, close(dc * i, true['ct'][t]))
    chk(274, close(dc * f, true['cp'][t]))
    for lz, lw, lh, lb, g, zname, a, wx, wh, bb in [
            (285, 290, 291, 292, 'f', 'zf', f * (1 - f), 'xf', 'hf', 'bf'),
            (303, 308, 309, 310, 'i', 'zi', i * (1 - i), 'xi', 'hi', 'bi'),
            (326, 331, 332, 333, 'ct', 'zc', 1 - ct ** 2, 'xc', 'hc', 'bc')]:
        chk(lz, close(true[g][t] * a, true[zname][t]))
        dz = true[zname][t]
        chk(lw, close(x.T @ dz / B, fdW(wx, t)))
        chk(lh, close(hprev.T @ dz / B, fdW(wh, t)))
        chk(lb, close(dz.sum(axis=0) / B, fdW(bb, t)))
    chk(321, close(1 - ct ** 2, (np.tanh(st['zc'][t] + eps) - np.tanh(st['zc'][t] - eps)) / (2 * eps)))
    dzf, dzi, dzc = true['zf'][t], true['zi'][t], true['zc'][t]
    chk(341, close(dzf @ P['xf'].T + dzi @ P['xi'].T + dzc @ P['xc'].T + dzo @ P['xo'].T, true['x'][t]))
    # Step 10: cell-state gradient averaged over the batch (then used for every example)
    avg = np.mean(dc * f, axis=0, keepdims=True) * np.ones((B, 1))
    chk(353, close(avg, true['cp'][t]))
    chk(360, close(dzf @ P['hf'].T + dzi @ P['hi'].T + dzc @ P['hc'].T + dzo @ P['ho'].T, true['hp'][t]))
# prose partials dh_t/do_t = tanh(c_t), dh_t/dtanh(c_t) = o_t (element-wise)
res[205] = all(close(fd('o', t) / np.where(np.abs(true['h'][t]) > 1e-9, true['h'][t], 1), st['tc'][t]) for t in range(T))
res[212] = all(close(true['tc'][t] / np.where(np.abs(true['h'][t]) > 1e-9, true['h'][t], 1), st['o'][t]) for t in range(T))
res.update(ok)
for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
