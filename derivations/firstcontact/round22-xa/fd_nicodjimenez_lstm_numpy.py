"""Finite-difference checks for nicodjimenez_lstm_numpy.md (standalone numpy re-implementation, float64).

Author's cell (1-D arrays, * elementwise): xc = [x_t, h_{t-1}], g = tanh(wg xc + bg), i/f/o = sigmoid(w. xc + b.),
s_t = g*i + s_{t-1}*f, h_t = s_t*o (no tanh on the state), s_0 = h_0 = 0.
Loss of test.py's ToyLossLayer summed over the sequence: sum_t (h_t[0] - y_t)^2.
top_diff_h / top_diff_s / bottom_diff_* are checked against FD derivatives w.r.t. additive perturbations ("hooks")
on single uses of a node, e.g. ('sprev', t) perturbs s_{t-1} only inside s_t = g*i + s_{t-1}*f.
"""
import numpy as np

rng = np.random.default_rng(5)
X_DIM, N, T = 3, 2, 4
EPS = 1e-6
sigmoid = lambda a: 1. / (1 + np.exp(-a))
P = {}
for k in 'gifo':
    P['w' + k] = rng.uniform(-0.8, 0.8, (N, X_DIM + N)); P['b' + k] = rng.uniform(-0.3, 0.3, N)
X = rng.uniform(0, 1, (T, X_DIM)); Y = rng.uniform(-0.5, 0.5, T)


def forward(P=P, hk=None):
    hk = hk or {}
    e = lambda name, t, dim=N: hk.get((name, t), np.zeros(dim))
    s_prev = np.zeros(N); h_prev = np.zeros(N); st = []; loss = 0.
    for t in range(T):
        xc = {k: np.hstack((X[t], h_prev + e('hp' + k, t))) + e('xc' + k, t, X_DIM + N) for k in 'gifo'}
        a = {k: P['w' + k] @ xc[k] + P['b' + k] + e('a' + k, t) for k in 'gifo'}
        g = np.tanh(a['g']) + e('g', t); i = sigmoid(a['i']) + e('i', t)
        f = sigmoid(a['f']) + e('f', t); o = sigmoid(a['o']) + e('o', t)
        s = g * i + (s_prev + e('sprev', t)) * f + e('s', t)
        h = s * o + e('h', t)
        loss += (h[0] - Y[t]) ** 2
        st.append(dict(g=g, i=i, f=f, o=o, s=s, h=h, s_prev=s_prev, xc=np.hstack((X[t], h_prev))))
        s_prev, h_prev = s, h
    return loss, st


def g_hook(names, t, dim=N):
    names = names if isinstance(names, tuple) else (names,)
    tot = np.zeros(dim)
    for nm in names:
        for k in range(dim):
            d = np.zeros(dim); d[k] = EPS
            tot[k] += (forward(hk={(nm, t): d})[0] - forward(hk={(nm, t): -d})[0]) / (2 * EPS)
    return tot


def g_param(k):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        d = np.zeros_like(P[k]); d[idx] = EPS
        g[idx] = (forward({**P, k: P[k] + d})[0] - forward({**P, k: P[k] - d})[0]) / (2 * EPS)
    return g


results = {}


def check(line, a, b, tol=1e-6):
    err = float(np.abs(np.asarray(a) - np.asarray(b)).max())
    prev = results.get(line, (True, 0.0))
    results[line] = (prev[0] and err < tol, max(prev[1], err))


loss, st = forward()
# helpers (lines 12, 15): derivative expressed through the activation's output value
for a in np.linspace(-2, 2, 5):
    check(12, sigmoid(a) * (1 - sigmoid(a)), (sigmoid(a + 1e-6) - sigmoid(a - 1e-6)) / 2e-6)
    check(15, 1. - np.tanh(a) ** 2, (np.tanh(a + 1e-6) - np.tanh(a - 1e-6)) / 2e-6)
# ToyLossLayer.bottom_diff (line 147): d (pred[0]-label)^2 / d pred
pred = rng.normal(size=N); lab = 0.3
fdg = np.array([((pred + EPS * np.eye(N)[k])[0] - lab) ** 2 - ((pred - EPS * np.eye(N)[k])[0] - lab) ** 2 for k in range(N)]) / (2 * EPS)
bd = np.zeros_like(pred); bd[0] = 2 * (pred[0] - lab); check(147, bd, fdg)

# the author's backward: y_list_is + top_diff_is, node by node from the last one
G = {k: np.zeros_like(v) for k, v in P.items()}
bottom = {}
for t in range(T - 1, -1, -1):
    S = st[t]
    diff_h = np.zeros(N); diff_h[0] = 2 * (S['h'][0] - Y[t])
    if t == T - 1:
        check(98, diff_h, g_hook('h', t))
        diff_s = np.zeros(N); check(100, diff_s, np.zeros(N))   # s_T feeds no later node
    else:
        loc = lambda hv: (hv[0] - Y[t]) ** 2   # this node's own loss term only
        check(108, diff_h, [(loc(S['h'] + EPS * np.eye(N)[k]) - loc(S['h'] - EPS * np.eye(N)[k])) / (2 * EPS) for k in range(N)])
        diff_h = diff_h + bottom[t + 1]['h']; check(109, diff_h, g_hook('h', t))
        diff_s = bottom[t + 1]['s']; check(110, diff_s, g_hook('sprev', t + 1))
    top_diff_h, top_diff_s = diff_h, diff_s
    ds = S['o'] * top_diff_h + top_diff_s; check(47, ds, g_hook('s', t))
    do = S['s'] * top_diff_h; check(48, do, g_hook('o', t))
    di = S['g'] * ds; check(49, di, g_hook('i', t))
    dg = S['i'] * ds; check(50, dg, g_hook('g', t))
    df = S['s_prev'] * ds; check(51, df, g_hook('f', t))
    di_input = S['i'] * (1 - S['i']) * di; check(54, di_input, g_hook('ai', t))
    df_input = S['f'] * (1 - S['f']) * df; check(55, df_input, g_hook('af', t))
    do_input = S['o'] * (1 - S['o']) * do; check(56, do_input, g_hook('ao', t))
    dg_input = (1. - S['g'] ** 2) * dg; check(57, dg_input, g_hook('ag', t))
    for k, d in (('i', di_input), ('f', df_input), ('o', do_input), ('g', dg_input)):
        G['w' + k] += np.outer(d, S['xc']); G['b' + k] += d
    dxc = np.zeros(X_DIM + N)
    dxc += P['wi'].T @ di_input; check(71, dxc, g_hook(('xci',), t, X_DIM + N))
    dxc += P['wf'].T @ df_input; check(72, dxc, g_hook(('xci', 'xcf'), t, X_DIM + N))
    dxc += P['wo'].T @ do_input; check(73, dxc, g_hook(('xci', 'xcf', 'xco'), t, X_DIM + N))
    dxc += P['wg'].T @ dg_input; check(74, dxc, g_hook(('xci', 'xcf', 'xco', 'xcg'), t, X_DIM + N))
    bottom[t] = dict(s=ds * S['f'], h=dxc[X_DIM:])
    check(77, bottom[t]['s'], g_hook('sprev', t))
    check(78, bottom[t]['h'], g_hook(('hpg', 'hpi', 'hpf', 'hpo'), t))
# accumulated parameter gradients (lines 60-67: per-node shares, sums checked after the last node)
for ln, k in ((60, 'wi'), (61, 'wf'), (62, 'wo'), (63, 'wg'), (64, 'bi'), (65, 'bf'), (66, 'bo'), (67, 'bg')):
    check(ln, G[k], g_param(k))
for ln in sorted(results):
    ok, err = results[ln]
    print(f"line {ln}: OK" if ok else f"line {ln}: MISMATCH (max err {err:.3e})")
