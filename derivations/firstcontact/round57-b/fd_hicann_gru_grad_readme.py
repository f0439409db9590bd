"""Finite-difference check of hicann/ops-nn rnn/gru_grad/README.md (commit 251e38eb).

Forward (rnn/gru/README.md of the same repo, PyTorch reset-after GRU), row vectors, kernel layout
w_input[I,3H], w_hidden[H,3H], gate order r,z,n:
  gi = x_t w_input + b_input, gh = h_{t-1} w_hidden + b_hidden
  r = sig(gi_r + gh_r), z = sig(gi_z + gh_z), h_n = gh_n, n = tanh(gi_n + r*h_n)
  h_t = (1-z)*n + z*h_{t-1}
Loss L = sum_t <Gy[t], h_t> + <Gh, h_{T-1}>  (so dy[t] = Gy[t], the given dh = Gh).
Line numbers refer to hicann_gru_grad_readme.md.
"""
import numpy as np

rng = np.random.default_rng(571)
T, B, I, H = 3, 2, 3, 2
EPS = 1e-6
P = {'wi': rng.normal(0, .7, (I, 3 * H)), 'wh': rng.normal(0, .7, (H, 3 * H)),
     'bi': rng.normal(0, .3, (3 * H,)), 'bh': rng.normal(0, .3, (3 * H,))}
X = rng.normal(0, 1, (T, B, I))
h0 = rng.normal(0, .5, (B, H))
Gy = rng.normal(0, 1, (T, B, H))
Gh = rng.normal(0, 1, (B, H))
sig = lambda a: 1 / (1 + np.exp(-a))


def forward(P, pert=None):
    pert = pert or {}
    g = lambda name, t, v: v + pert.get((name, t), 0.0)
    hp = h0
    C = {k: [] for k in ['hp', 'gi', 'gh', 'r', 'z', 'n', 'hn', 'h', 'x']}
    L = 0.0
    for t in range(T):
        hp = g('hp_in', t, hp)
        x = g('x', t, X[t])
        gi = g('gi', t, x @ P['wi'] + P['bi'])
        gh = g('gh', t, g('hp_gates', t, hp) @ P['wh'] + P['bh'])
        ar = g('ar', t, gi[:, :H] + gh[:, :H]); r = sig(ar)
        az = g('az', t, gi[:, H:2 * H] + gh[:, H:2 * H]); z = sig(az)
        hn = gh[:, 2 * H:]
        an = g('an', t, gi[:, 2 * H:] + r * hn); n = g('n', t, np.tanh(an))
        z = g('z', t, z)
        h = g('h', t, (1 - z) * n + z * g('hp_mix', t, hp))
        for k, v in zip(C, [hp, gi, gh, r, z, n, hn, h, x]):
            C[k].append(v)
        L += np.sum(Gy[t] * h)
        hp = h
    L += np.sum(Gh * hp)
    return L, C


L0, C = forward(P)


def ng(name, t, shape):
    G = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = EPS
        G[i] = (forward(P, {(name, t): d})[0] - forward(P, {(name, t): -d})[0]) / (2 * EPS)
    return G


def pg(k):
    G = np.zeros_like(P[k])
    for i in np.ndindex(*P[k].shape):
        o = P[k][i]
        P[k][i] = o + EPS; lp = forward(P)[0]
        P[k][i] = o - EPS; lm = forward(P)[0]
        P[k][i] = o
        G[i] = (lp - lm) / (2 * EPS)
    return G


results = {}


def check(line, computed, true, expected, tag=''):
    ok = computed is not None and computed.shape == true.shape and np.allclose(computed, true, rtol=1e-5, atol=1e-7)
    v = 'pass' if ok else 'fail'
    key = (line, tag)
    results[key] = v
    assert v == expected, (line, tag, v, expected)


sh = (B, H)
acc_dgi, acc_dgh, acc_wi, acc_wh = 0, 0, 0, 0
for t in range(T):
    r, z, n, hn, hp, x = C['r'][t], C['z'][t], C['n'][t], C['hn'][t], C['hp'][t], C['x'][t]
    grad_h = ng('h', t, sh)                                       # true total dL/dh_t
    dh_next = ng('hp_in', t + 1, sh) if t + 1 < T else Gh        # true grad via later steps
    check(23, Gy[t] + dh_next, grad_h, 'pass', t)
    dn_true, dz_true = ng('n', t, sh), ng('z', t, sh)
    check(27, grad_h * (1 - z), dn_true, 'pass', ('dn', t))
    check(27, grad_h * (hp - n), dz_true, 'pass', ('dz_raw', t))
    check(27, grad_h * z, ng('hp_mix', t, sh), 'pass', ('dh_prev_from_h', t))
    din_true, dar_true, daz_true = ng('an', t, sh), ng('ar', t, sh), ng('az', t, sh)
    check(31, dn_true * (1 - n ** 2), din_true, 'pass', ('di_n', t))
    check(31, (din_true * hn) * r * (1 - r), dar_true, 'pass', ('dr', t))
    check(31, dz_true * z * (1 - z), daz_true, 'pass', ('dz', t))
    dgi = np.concatenate([dar_true, daz_true, din_true], 1)
    dgh = np.concatenate([dar_true, daz_true, din_true * r], 1)
    check(35, dgi, ng('gi', t, (B, 3 * H)), 'pass', ('dg_i', t))
    check(35, dgh, ng('gh', t, (B, 3 * H)), 'pass', ('dg_h', t))
    acc_wi = acc_wi + x.T @ dgi
    acc_wh = acc_wh + hp.T @ dgh
    acc_dgi = acc_dgi + dgi.sum(0)
    acc_dgh = acc_dgh + dgh.sum(0)
    # line 45 as written: dx = dg_i . w_input, dh_prev = dg_h . w_hidden
    try:
        dx_written = dgi @ P['wi']
    except ValueError:
        dx_written = None                                         # [B,3H]x[I,3H] does not conform
    check(45, dx_written, ng('x', t, (B, I)), 'fail', ('dx', t))
    assert np.allclose(dgi @ P['wi'].T, ng('x', t, (B, I)), rtol=1e-5, atol=1e-7)   # corrected form
    if t == 0:
        try:
            dh0_written = dgh @ P['wh']
        except ValueError:
            dh0_written = None
        dh0_true = ng('hp_in', 0, sh)
        check(45, dh0_written, dh0_true, 'fail', 'dh_prev')
        # even transposed it misses the direct term grad_h*z:
        assert not np.allclose(dgh @ P['wh'].T, dh0_true, rtol=1e-5, atol=1e-7)
        assert np.allclose(dgh @ P['wh'].T + grad_h * z, dh0_true, rtol=1e-5, atol=1e-7)

check(41, acc_wi, pg('wi'), 'pass', 'dw_input')
check(41, acc_wh, pg('wh'), 'pass', 'dw_hidden')
check(49, acc_dgi, pg('bi'), 'pass', 'db_input')
check(49, acc_dgh, pg('bh'), 'pass', 'db_hidden')

lines = {}
for (l, _), v in results.items():
    lines[l] = 'fail' if 'fail' in (lines.get(l), v) else v
print('line verdicts:', dict(sorted(lines.items())))
assert lines == {23: 'pass', 27: 'pass', 31: 'pass', 35: 'pass', 41: 'pass', 45: 'fail', 49: 'pass'}
