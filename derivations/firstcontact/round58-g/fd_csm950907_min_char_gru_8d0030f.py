"""Finite-difference check of csm950907/RNN_practice min-char-gru.py at commit 8d0030f.

Model (author's forward): W = Wxh x_t, U = Whh h_{t-1} (3H stacked z | r | candidate),
z = sig(W_z + U_z + b_z), r = sig(W_r + U_r + b_r), hc = tanh(W_c + r * U_c)  (no candidate bias used),
h_t = z * h_{t-1} + (1 - z) * hc, y = Why h + by, p = softmax(y), L = sum_t -log p_t[target_t].
Each backward row is evaluated as written (with the variables the code actually holds: W and U
are the LAST forward step's values, dhnext is the initial zero vector) but fed with the TRUE
values (central differences, float64) of the gradients it uses, and compared with the true
value of the quantity it stands for.  Line numbers refer to csm950907_min_char_gru_8d0030f.md.
"""
import numpy as np

rng = np.random.default_rng(5808)
V, H, T = 4, 3, 3
EPS = 1e-6
P = {'Wxh': rng.normal(0, .7, (3 * H, V)), 'Whh': rng.normal(0, .7, (3 * H, H)),
     'Why': rng.normal(0, .7, (V, H)), 'bh': rng.normal(0, .3, (3 * H, 1)), 'by': rng.normal(0, .3, (V, 1))}
inputs, targets = [0, 2, 1], [2, 1, 3]
hprev = rng.normal(0, .5, (H, 1))
sig = lambda a: 1 / (1 + np.exp(-a))


def forward(P, pert=None):
    pert = pert or {}
    g = lambda n, t, v: v + pert.get((n, t), 0.0)
    hs = {-1: hprev}
    C = {k: {} for k in ['x', 'W', 'U', 'z', 'r', 'rs_', 'hs_', 'h', 'p']}
    L = 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        W = g('W', t, P['Wxh'] @ x)
        U = g('U', t, P['Whh'] @ g('hprev', t, hs[t - 1]))
        z = g('z', t, sig(W[:H] + U[:H] + P['bh'][:H]))
        r = g('r', t, sig(W[H:2 * H] + U[H:2 * H] + P['bh'][H:2 * H]))
        rs_ = g('rs_', t, r * U[2 * H:])
        hc = g('hs_', t, np.tanh(W[2 * H:] + rs_))
        h = g('h', t, z * g('hprev_mix', t, hs[t - 1]) + (1 - z) * hc)
        hs[t] = h
        y = g('y', t, P['Why'] @ h + P['by'])
        p = np.exp(y) / np.exp(y).sum()
        L += -np.log(p[targets[t], 0])
        for k, v in zip(C, [x, W, U, z, r, rs_, hc, h, p]):
            C[k][t] = v
    C['hprev'] = hs
    return L, C


L0, C = forward(P)


def node_grad(n, t, size):
    G = np.zeros((size, 1))
    for i in range(size):
        d = np.zeros((size, 1)); d[i] = EPS
        G[i] = (forward(P, {(n, t): d})[0] - forward(P, {(n, t): -d})[0]) / (2 * EPS)
    return G


def param_grad(k):
    G = np.zeros_like(P[k])
    for i in np.ndindex(*P[k].shape):
        old = P[k][i]
        P[k][i] = old + EPS; lp = forward(P)[0]
        P[k][i] = old - EPS; lm = forward(P)[0]
        P[k][i] = old
        G[i] = (lp - lm) / (2 * EPS)
    return G


TG = {}
for t in range(T):
    for n, s in [('W', 3 * H), ('U', 3 * H), ('z', H), ('r', H), ('rs_', H), ('hs_', H), ('h', H), ('y', V), ('hprev', H)]:
        TG[(n, t)] = node_grad(n, t, s)
PG = {k: param_grad(k) for k in P}

res = {}


def check(line, pairs, expected):
    ok = all(np.allclose(a, b, rtol=1e-5, atol=1e-7) for a, b in pairs)
    v = 'pass' if ok else 'fail'
    assert v == expected, (line, v, expected)
    res[line] = v


# ---- forward rows vs an independent GRU with separate matrices (Cho et al., reset after the product) ----
Wz, Wr, Wc = P['Wxh'][:H], P['Wxh'][H:2 * H], P['Wxh'][2 * H:]
Uz, Ur, Uc = P['Whh'][:H], P['Whh'][H:2 * H], P['Whh'][2 * H:]
bz, br = P['bh'][:H], P['bh'][H:2 * H]
a = rng.normal(0, 2, (5, 1))
check(28, [(sig(a), np.exp(a) / (1 + np.exp(a)))], 'pass')
pairs = {k: [] for k in [40, 41, 42, 43, 44, 45, 46, 51, 52, 53]}
hp = hprev; Lref = 0.0
for t in range(T):
    x = C['x'][t]
    pairs[40].append((C['W'][t], np.vstack([Wz @ x, Wr @ x, Wc @ x])))
    pairs[41].append((C['U'][t], np.vstack([Uz @ hp, Ur @ hp, Uc @ hp])))
    zr = sig(Wz @ x + Uz @ hp + bz); rr = sig(Wr @ x + Ur @ hp + br)
    pairs[42].append((C['z'][t], zr)); pairs[43].append((C['r'][t], rr))
    pairs[44].append((C['rs_'][t], rr * (Uc @ hp)))
    hc = np.tanh(Wc @ x + rr * (Uc @ hp)); pairs[45].append((C['hs_'][t], hc))
    hn = zr * hp + (1 - zr) * hc; pairs[46].append((C['h'][t], hn))
    yr = P['Why'] @ hn + P['by']; pairs[51].append((P['Why'] @ C['h'][t] + P['by'], yr))
    pr = np.exp(yr - yr.max()) / np.exp(yr - yr.max()).sum(); pairs[52].append((C['p'][t], pr))
    Lref += -np.log(pr[targets[t], 0]); hp = hn
pairs[53].append((np.array(L0), np.array(Lref)))
for k, v in pairs.items():
    check(k, v, 'pass')

# ---- initialisations ----
check(56, [(np.zeros_like(P['Wxh']), 0 * PG['Wxh'])], 'pass')
check(57, [(np.zeros_like(P['bh']), 0 * PG['bh'])], 'pass')   # init only; dbh is never accumulated afterwards
check(58, [(np.zeros((H, 1)), np.zeros((H, 1)))], 'pass')     # nothing flows into h_{T-1} from step T

# ---- backward rows ----
W_last, U_last = C['W'][T - 1], C['U'][T - 1]   # what the variables W, U hold after the forward loop
dhnext_code = np.zeros((H, 1))                   # never reassigned in the loop
rows = {k: [] for k in [61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77]}
acc = {k: np.zeros_like(P[k]) for k in ['Wxh', 'Whh', 'Why', 'by']}
for t in reversed(range(T)):
    G = lambda n: TG[(n, t)]
    onehot = np.eye(V)[:, [targets[t]]]
    dy = np.copy(C['p'][t]); rows[61].append((dy.copy(), C['p'][t]))
    dy[targets[t]] -= 1; rows[62].append((dy, G('y')))
    acc['Why'] += np.dot(G('y'), C['h'][t].T); acc['by'] += G('y')
    # line 65: dh = Why.T dy + dhnext, with the code's dhnext (always zero)
    rows[65].append((np.dot(P['Why'].T, G('y')) + dhnext_code, G('h')))
    dh = G('h')
    rows[66].append((dh * (1 - C['z'][t]), G('hs_')))
    rows[67].append((np.dot(np.diag(C['hprev'][t - 1].ravel()) - np.diag(C['hs_'][t].ravel()), dh), G('z')))
    dh_ = G('hs_')
    dac_true = G('W')[2 * H:]                         # dL/d(W_c + rs_) = dL/dW_c
    th = np.tanh(W_last[2 * H:] + C['rs_'][t])
    rows[68].append((dh_ * (1 - th * th), dac_true))
    rows[69].append((np.dot(np.diag(U_last[2 * H:].ravel()), dac_true), G('r')))
    rows[70].append((G('r') * C['r'][t] * (1 - C['r'][t]), G('W')[H:2 * H]))
    rows[71].append((G('z') * C['z'][t] * (1 - C['z'][t]), G('W')[:H]))
    rows[72].append((dh_ * (1 - th * th), dac_true))
    rows[73].append((np.dot(np.diag(C['r'][t].ravel()), dac_true), G('U')[2 * H:]))
    dall_x = np.hstack((G('W')[:H].ravel(), G('W')[H:2 * H].ravel(), dac_true.ravel()))
    dall_h = np.hstack((G('U')[:H].ravel(), G('U')[H:2 * H].ravel(), G('U')[2 * H:].ravel()))
    rows[74].append((dall_x[:, None], G('W')))
    rows[75].append((dall_h[:, None], G('U')))
    acc['Wxh'] += np.dot(G('W'), C['x'][t].T)
    acc['Whh'] += np.dot(G('U'), C['hprev'][t - 1].T)
rows[63] = [(acc['Why'], PG['Why'])]
rows[64] = [(acc['by'], PG['by'])]
rows[76] = [(acc['Wxh'], PG['Wxh'])]
rows[77] = [(acc['Whh'], PG['Whh'])]
expect = {65: 'fail', 68: 'fail', 69: 'fail', 72: 'fail'}
for k, v in rows.items():
    check(k, v, expect.get(k, 'pass'))

# sanity: the omitted dbh accumulation really matters, and the last step alone is right for 68
assert np.abs(PG['bh']).max() > 1e-3
assert np.allclose(rows[68][0][0], rows[68][0][1])
print('rows checked:', len(res), 'pass:', sum(v == 'pass' for v in res.values()),
      'fail:', sum(v == 'fail' for v in res.values()))
