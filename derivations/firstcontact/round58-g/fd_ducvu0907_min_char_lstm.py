"""Finite-difference check of ducvu0907/ai-testing min_char_lstm.py (commit 58653d0).

Model: hx = [h_{t-1}; x_t], f = sig(Wf hx + bf), i = sig(Wi hx + bi), cd = tanh(Wcd hx + bcd),
o = sig(Wo hx + bo), c_t = f * c_{t-1} + i * cd, h_t = o * tanh(c_t), y = Wy h + by,
p = softmax(y), L = sum_t -log p_t[target_t]  (column vectors).
Each backward row is evaluated as written, fed with the TRUE values (central differences,
float64) of the gradients it uses, and compared with the true value of the quantity it stands
for.  Line numbers refer to ducvu0907_min_char_lstm.md.
"""
import numpy as np

rng = np.random.default_rng(5809)
V, H, T = 4, 3, 3
EPS = 1e-6
D = H + V
P = {k: rng.normal(0, .7, (H, D)) for k in ['Wf', 'Wi', 'Wcd', 'Wo']}
P.update({k: rng.normal(0, .3, (H, 1)) for k in ['bf', 'bi', 'bcd', 'bo']})
P['Wy'] = rng.normal(0, .7, (V, H)); P['by'] = rng.normal(0, .3, (V, 1))
inputs, targets = [1, 3, 0], [3, 0, 2]
hprev0 = rng.normal(0, .5, (H, 1)); cprev0 = rng.normal(0, .8, (H, 1))
sig = lambda a: 1 / (1 + np.exp(-a))
NODES = [('hprev', H), ('cprev', H), ('hx', D), ('hx_f', D), ('hx_i', D), ('hx_c', D), ('hx_o', D),
         ('af', H), ('ai', H), ('ac', H), ('ao', H), ('f', H), ('i', H), ('cd', H), ('o', H),
         ('c', H), ('tc', H), ('h', H), ('y', V)]


def forward(P, pert=None):
    pert = pert or {}
    g = lambda n, t, v: v + pert.get((n, t), 0.0)
    hs, cs = {-1: hprev0}, {-1: cprev0}
    C = {k: {} for k in ['x', 'hx', 'f', 'i', 'cd', 'o', 'c', 'h', 'p']}
    L = 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        hx = g('hx', t, np.concatenate((g('hprev', t, hs[t - 1]), x), axis=0))
        f = g('f', t, sig(g('af', t, P['Wf'] @ g('hx_f', t, hx) + P['bf'])))
        i = g('i', t, sig(g('ai', t, P['Wi'] @ g('hx_i', t, hx) + P['bi'])))
        cd = g('cd', t, np.tanh(g('ac', t, P['Wcd'] @ g('hx_c', t, hx) + P['bcd'])))
        o = g('o', t, sig(g('ao', t, P['Wo'] @ g('hx_o', t, hx) + P['bo'])))
        c = g('c', t, f * g('cprev', t, cs[t - 1]) + i * cd)
        h = g('h', t, o * g('tc', t, np.tanh(c)))
        y = g('y', t, P['Wy'] @ h + P['by'])
        p = np.exp(y) / np.exp(y).sum()
        L += -np.log(p[targets[t], 0])
        hs[t], cs[t] = h, c
        for k, v in zip(C, [x, hx, f, i, cd, o, c, h, p]):
            C[k][t] = v
    C['cs'] = cs
    return L, C


L0, C = forward(P)


def node_grad(n, t, size):
    G = np.zeros((size, 1))
    for k in range(size):
        d = np.zeros((size, 1)); d[k] = EPS
        G[k] = (forward(P, {(n, t): d})[0] - forward(P, {(n, t): -d})[0]) / (2 * EPS)
    return G


def param_grad(k):
    G = np.zeros_like(P[k])
    for ix in np.ndindex(*P[k].shape):
        old = P[k][ix]
        P[k][ix] = old + EPS; lp = forward(P)[0]
        P[k][ix] = old - EPS; lm = forward(P)[0]
        P[k][ix] = old
        G[ix] = (lp - lm) / (2 * EPS)
    return G


TG = {(n, t): node_grad(n, t, s) for n, s in NODES for t in range(T)}
PG = {k: param_grad(k) for k in P}
res = {}


def check(line, pairs, expected):
    ok = all(np.allclose(a, b, rtol=1e-5, atol=1e-7) for a, b in pairs)
    v = 'pass' if ok else 'fail'
    assert v == expected, (line, v, expected)
    res[line] = v


# ---- forward rows vs an independent LSTM (Hochreiter & Schmidhuber with forget gate), split matrices ----
a = rng.normal(0, 2, (5, 1))
check(33, [(sig(a), 0.5 * (1 + np.tanh(a / 2)))], 'pass')
Wh = {k: P[k][:, :H] for k in ['Wf', 'Wi', 'Wcd', 'Wo']}
Wx = {k: P[k][:, H:] for k in ['Wf', 'Wi', 'Wcd', 'Wo']}
pairs = {k: [] for k in [47, 48, 49, 50, 51, 53, 54, 56, 57, 58]}
hp, cp, Lref = hprev0, cprev0, 0.0
for t in range(T):
    x = C['x'][t]
    pre = lambda k, b: Wh[k] @ hp + Wx[k] @ x + P[b]
    pairs[47].append((C['hx'][t], np.vstack([hp, x])))
    f, i, cd, o = sig(pre('Wf', 'bf')), sig(pre('Wi', 'bi')), np.tanh(pre('Wcd', 'bcd')), sig(pre('Wo', 'bo'))
    for ln, k, v in [(48, 'f', f), (49, 'i', i), (50, 'cd', cd), (51, 'o', o)]:
        pairs[ln].append((C[k][t], v))
    c = f * cp + i * cd; h = o * np.tanh(c)
    pairs[53].append((C['c'][t], c)); pairs[54].append((C['h'][t], h))
    y = P['Wy'] @ h + P['by']; pairs[56].append((P['Wy'] @ C['h'][t] + P['by'], y))
    pr = np.exp(y - y.max()) / np.exp(y - y.max()).sum(); pairs[57].append((C['p'][t], pr))
    Lref += -np.log(pr[targets[t], 0]); hp, cp = h, c
pairs[58].append((np.array(L0), np.array(Lref)))
for k, v in pairs.items():
    check(k, v, 'pass')

# ---- initialisations (lines 61-70, 72-73) ----
for ln, k in zip(range(61, 71), ['Wf', 'bf', 'Wi', 'bi', 'Wcd', 'bcd', 'Wo', 'bo', 'Wy', 'by']):
    check(ln, [(np.zeros_like(P[k]), 0 * PG[k])], 'pass')
check(72, [(np.zeros((H, 1)), np.zeros((H, 1)))], 'pass')   # no gradient into h_{T-1} from step T
check(73, [(np.zeros((H, 1)), np.zeros((H, 1)))], 'pass')

# ---- backward rows ----
rows = {k: [] for k in list(range(77, 100)) + list(range(101, 106)) + [107, 108]}
acc = {k: np.zeros_like(P[k]) for k in P}
for t in reversed(range(T)):
    G = lambda n: TG[(n, t)]
    dhnext = TG[('hprev', t + 1)] if t + 1 < T else np.zeros((H, 1))
    dcnext = TG[('cprev', t + 1)] if t + 1 < T else np.zeros((H, 1))
    hx, f, i, cd, o, c = (C[k][t] for k in ['hx', 'f', 'i', 'cd', 'o', 'c'])
    cprev = C['cs'][t - 1]
    dy = np.copy(C['p'][t]); rows[77].append((dy.copy(), C['p'][t]))
    dy[targets[t]] -= 1; rows[78].append((dy, G('y')))
    acc['Wy'] += np.dot(G('y'), C['h'][t].T); acc['by'] += G('y')
    rows[81].append((np.dot(P['Wy'].T, G('y')) + dhnext, G('h')))
    dh = G('h')
    rows[82].append((dh * np.tanh(c), G('o')))
    rows[83].append((dh * o, G('tc')))
    rows[84].append(((1 - c ** 2) * G('tc') + dcnext, G('c')))
    dc = G('c')
    rows[85].append((dc * cprev, G('f')))
    rows[86].append((dc * cd, G('i')))
    rows[87].append((dc * i, G('cd')))
    rows[88].append((o * (1 - o) * G('o'), G('ao')))
    rows[91].append(((1 - cd ** 2) * G('cd'), G('ac')))
    rows[94].append((i * (1 - i) * G('i'), G('ai')))
    rows[97].append((f * (1 - f) * G('f'), G('af')))
    for gate, b, W in [('ao', 'bo', 'Wo'), ('ac', 'bcd', 'Wcd'), ('ai', 'bi', 'Wi'), ('af', 'bf', 'Wf')]:
        acc[b] += G(gate); acc[W] += np.dot(G(gate), hx.T)
    rows[101].append((np.dot(P['Wf'].T, G('af')), G('hx_f')))
    rows[102].append((np.dot(P['Wi'].T, G('ai')), G('hx_i')))
    rows[103].append((np.dot(P['Wo'].T, G('af')), G('hx_o')))
    rows[104].append((np.dot(P['Wcd'].T, G('ac')), G('hx_c')))
    rows[105].append((G('hx_f') + G('hx_i') + G('hx_o') + G('hx_c'), G('hx')))
    rows[107].append((G('hx')[:H, :], G('hprev')))
    rows[108].append((f * dc, G('cprev')))
for ln, k in [(79, 'Wy'), (80, 'by'), (89, 'bo'), (90, 'Wo'), (92, 'bcd'), (93, 'Wcd'),
              (95, 'bi'), (96, 'Wi'), (98, 'bf'), (99, 'Wf')]:
    rows[ln] = [(acc[k], PG[k])]
expect = {84: 'fail', 103: 'fail'}
for k, v in rows.items():
    check(k, v, expect.get(k, 'pass'))
print('rows checked:', len(res), 'pass:', sum(v == 'pass' for v in res.values()),
      'fail:', sum(v == 'fail' for v in res.values()))
