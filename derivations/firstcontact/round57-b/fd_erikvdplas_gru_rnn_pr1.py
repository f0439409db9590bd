"""Finite-difference check of erikvdplas/gru-rnn main.py as changed by PR #1 (commit 83a4e2c).

Forward (PR version):  h[t] = (1-z)*h[t-1] + z*h_hat  (column vectors, W* act on x, U* on h).
Backward rows are evaluated as written, each fed with the TRUE values (central finite
differences, float64) of the quantities it uses, and compared with the true value of the
quantity it claims to compute.  Line numbers refer to erikvdplas_gru_rnn_pr1.md.
"""
import numpy as np

rng = np.random.default_rng(57)
V = 4            # vocab_size; the code sets N = h_size = o_size = vocab_size
H = V
T = 3
EPS = 1e-6

P = {
    'Wz': rng.normal(0, .6, (H, V)), 'Uz': rng.normal(0, .6, (H, H)), 'bz': rng.normal(0, .3, (H, 1)),
    'Wr': rng.normal(0, .6, (H, V)), 'Ur': rng.normal(0, .6, (H, H)), 'br': rng.normal(0, .3, (H, 1)),
    'Wh': rng.normal(0, .6, (H, V)), 'Uh': rng.normal(0, .6, (H, H)), 'bh': rng.normal(0, .3, (H, 1)),
    'Wy': rng.normal(0, .6, (V, H)), 'by': rng.normal(0, .3, (V, 1)),
}
inputs = [0, 2, 1]
targets = [2, 1, 3]
hprev0 = rng.normal(0, .5, (H, 1))


def sig(a):
    return 1 / (1 + np.exp(-a))


def forward(P, pert=None):
    """PR-version forward with optional additive perturbations at named nodes."""
    pert = pert or {}
    g = lambda name, t, v: v + pert.get((name, t), 0.0)
    h = {-1: hprev0}
    c = {k: {} for k in ['x', 'z', 'r', 'hh', 'h', 'y', 'p', 'hp']}
    L = 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        hp = g('hp_in', t, h[t - 1])
        az = g('az', t, P['Wz'] @ x + P['Uz'] @ g('hp_z', t, hp) + P['bz'])
        z = g('z', t, sig(az))
        ar = g('ar', t, P['Wr'] @ x + P['Ur'] @ g('hp_r', t, hp) + P['br'])
        r = g('r', t, sig(ar))
        rh = g('rh', t, r * g('hp_rh', t, hp))
        ah = g('ah', t, P['Wh'] @ x + P['Uh'] @ rh + P['bh'])
        hh = g('hh', t, np.tanh(ah))
        ht = g('h', t, (1 - z) * g('hp_mix', t, hp) + z * hh)
        h[t] = ht
        y = g('y', t, P['Wy'] @ ht + P['by'])
        e = np.exp(y - np.max(y)); p = e / e.sum()
        L += -np.log(p[targets[t], 0])
        for k, v in zip(['x', 'z', 'r', 'hh', 'h', 'y', 'p', 'hp'], [x, z, r, hh, ht, y, p, h[t - 1]]):
            c[k][t] = v
    return L, c


L0, C = forward(P)


def node_grad(name, t, shape=(H, 1)):
    G = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = EPS
        G[i] = (forward(P, {(name, t): d})[0] - forward(P, {(name, t): -d})[0]) / (2 * EPS)
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


names = ['az', 'ar', 'ah', 'z', 'r', 'hh', 'rh', 'h', 'hp_in', 'hp_z', 'hp_r', 'hp_rh', 'hp_mix']
TG = {(n, t): node_grad(n, t) for n in names for t in range(T)}
for t in range(T):
    TG[('y', t)] = node_grad('y', t, (V, 1))
PG = {k: param_grad(k) for k in P}

results = {}


def check(line, computed, true, expected):
    ok = np.allclose(computed, true, rtol=1e-5, atol=1e-7)
    verdict = 'pass' if ok else 'fail'
    results[line] = verdict
    assert verdict == expected, (line, verdict, expected, np.max(np.abs(computed - true)))


# ---- activation helpers (lines 8, 10, 14, 16, 21, 22) ----
a = rng.normal(0, 1.5, (H, 1))
s = 1 / (1 + np.exp(-a))
fd_sig = (sig(a + EPS) - sig(a - EPS)) / (2 * EPS)
check(8, s * (1 - s), fd_sig, 'pass')                       # deriv from output s
check(10, s, 0.5 * (1 + np.tanh(a / 2)), 'pass')
th = np.tanh(a)
fd_tanh = (np.tanh(a + EPS) - np.tanh(a - EPS)) / (2 * EPS)
check(14, 1 - th ** 2, fd_tanh, 'pass')
check(16, th, (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a)), 'pass')
e_input = np.exp(a - np.max(a))
check(21, e_input / np.exp(a).sum() * np.exp(np.max(a)), np.exp(a) / np.exp(a).sum(), 'pass')
check(22, e_input / e_input.sum(), np.exp(a) / np.exp(a).sum(), 'pass')

# ---- forward rows vs an independent reference GRU (Cho et al. / Wikipedia form) ----
t = 1
x = C['x'][t]; hp = C['hp'][t]
ref_z = 1 / (1 + np.exp(-(P['Wz'] @ x + P['Uz'] @ hp + P['bz'])))
ref_r = 1 / (1 + np.exp(-(P['Wr'] @ x + P['Ur'] @ hp + P['br'])))
ref_hh = np.tanh(P['Wh'] @ x + P['Uh'] @ (ref_r * hp) + P['bh'])
ref_h = (1 - ref_z) * hp + ref_z * ref_hh          # h_t = (1-z_t) h_{t-1} + z_t h~_t
check(57, C['z'][t], ref_z, 'pass')
check(58, C['r'][t], ref_r, 'pass')
check(61, C['hh'][t], ref_hh, 'pass')
check(62, C['h'][t], ref_h, 'pass')
ref_y = P['Wy'] @ ref_h + P['by']
check(65, C['y'][t], ref_y, 'pass')
check(68, C['p'][t], np.exp(ref_y) / np.exp(ref_y).sum(), 'pass')
check(71, -np.sum(np.log(C['p'][t][targets[t]])), -np.log(C['p'][t][targets[t], 0]), 'pass')
check(72, sum(-np.log(C['p'][k][targets[k], 0]) for k in range(T)), L0, 'pass')

# ---- zero initialisations (lines 75-78) ----
for line, ks in [(75, ['Wy', 'Wh', 'Wr', 'Wz']), (76, ['Uh', 'Ur', 'Uz']), (77, ['by', 'bh', 'br', 'bz'])]:
    check(line, np.concatenate([np.zeros_like(P[k]).ravel() for k in ks]),
          np.zeros(sum(P[k].size for k in ks)), 'pass')
check(78, np.zeros_like(C['h'][0]), TG[('hp_in', T)] if ('hp_in', T) in TG else np.zeros((H, 1)), 'pass')

# ---- backward rows, per time step, fed with true inputs ----
onehot = lambda k: np.eye(V)[:, [targets[k]]]
acc = {k: np.zeros_like(P[k]) for k in P}
for t in reversed(range(T)):
    x, hp, z, r, hh, h_t = C['x'][t], C['hp'][t], C['z'][t], C['r'][t], C['hh'][t], C['h'][t]
    G = lambda n: TG[(n, t)]
    dhnext_true = TG[('hp_in', t + 1)] if t + 1 < T else np.zeros((H, 1))
    dy = np.copy(C['p'][t]); dy[targets[t]] -= 1
    check(84, dy, G('y'), 'pass')                              # dy = p - onehot
    check(83, np.copy(C['p'][t]) - onehot(t), G('y'), 'pass')  # copy(p) then line 84
    acc['Wy'] += G('y') @ h_t.T
    acc['by'] += G('y')
    check(91, P['Wy'].T @ G('y') + dhnext_true, G('h'), 'pass')
    check(92, G('h') * (1 - z), G('hh'), 'fail')               # true: dh * z
    check(93, G('hh') * (1 - hh ** 2), G('ah'), 'pass')
    acc['Wh'] += G('ah') @ x.T
    acc['Uh'] += G('ah') @ (r * hp).T
    acc['bh'] += G('ah')
    check(101, P['Uh'].T @ G('ah'), G('rh'), 'pass')
    check(102, G('rh') * hp, G('r'), 'pass')
    check(103, G('r') * (r * (1 - r)), G('ar'), 'pass')
    acc['Wr'] += G('ar') @ x.T
    acc['Ur'] += G('ar') @ hp.T
    acc['br'] += G('ar')
    check(111, G('h') * (hp - hh), G('z'), 'fail')             # true: dh * (h_hat - h_prev)
    check(112, G('z') * (z * (1 - z)), G('az'), 'pass')
    acc['Wz'] += G('az') @ x.T
    acc['Uz'] += G('az') @ hp.T
    acc['bz'] += G('az')
    check(120, P['Uz'].T @ G('az'), G('hp_z'), 'pass')
    check(121, G('h') * z, G('hp_mix'), 'fail')                # true: dh * (1 - z)
    check(122, G('rh') * r, G('hp_rh'), 'pass')
    check(123, P['Ur'].T @ G('ar'), G('hp_r'), 'pass')
    check(126, G('hp_z') + G('hp_mix') + G('hp_rh') + G('hp_r'), G('hp_in'), 'pass')

# accumulated parameter rows: sum over t of each row (with true inputs) == dL/dparam
for line, k in [(87, 'Wy'), (88, 'by'), (96, 'Wh'), (97, 'Uh'), (98, 'bh'), (106, 'Wr'), (107, 'Ur'),
                (108, 'br'), (115, 'Wz'), (116, 'Uz'), (117, 'bz')]:
    check(line, acc[k], PG[k], 'pass')

# sanity: the PR forward with the code's backward rows chained as written does NOT give dL/dUh
print('rows checked:', len(results), ' fails:', sorted(l for l, v in results.items() if v == 'fail'))
