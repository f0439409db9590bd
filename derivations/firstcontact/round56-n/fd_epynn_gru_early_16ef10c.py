"""FD check of the verdicts in epynn_gru_early_16ef10c.md (numpy only, float64).

Reference model (the author's forward, nnlibs/gru/forward.py @16ef10c):
  r = sig(Wr x + Ur hp + br), z = sig(Wz x + Uz hp + bz),
  hh = tanh(Wh x + Uh (r*hp) + bh), h = z*hp + (1-z)*hh, a = W h + b, A = sig(a)
  columns = samples, X (v, T, m); h_{-1} = 0.
Loss: dA = A - Y (train.py) is dL/da for L_sum = sum_t sum_samples sum_o BCE(A_t, Y_t)
(many-to-many) or BCE on the last step only (binary=True).  Backward d-names are
gradients of L_sum; the weight gradients carry 1/m, i.e. they are gradients of L_sum/m.
Each code line is evaluated with TRUE upstream quantities (finite differences) and
compared with the finite-difference value of the quantity it claims to compute.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, 'expected.json')))['epynn_gru_early_16ef10c.md']

rng = np.random.default_rng(56)
v, H, m, T = 3, 4, 2, 4
o = v
P = {k: rng.normal(0, 0.8, s) for k, s in
     dict(Wz=(H, v), Uz=(H, H), bz=(H, 1), Wr=(H, v), Ur=(H, H), br=(H, 1),
          Wh=(H, v), Uh=(H, H), bh=(H, 1), W=(o, H), b=(o, 1)).items()}
X = rng.normal(0, 1, (v, T, m))
Y = rng.uniform(0.05, 0.95, (T, o, m))

sig = lambda x: 1 / (1 + np.exp(-x))


def forward(P, inj=None, binary=False):
    inj = inj or {}
    g = lambda name, t: inj.get((name, t), 0.0)
    hp = np.zeros((H, m))
    c = {k: [] for k in ['r', 'z', 'hh', 'h', 'A', 'hp']}
    L = 0.0
    for t in range(T):
        x = X[:, t]
        ha = hp + g('hp_all', t)
        hpr, hpz, hpq, hpm = (ha + g('hp_r', t), ha + g('hp_z', t),
                              ha + g('hp_q', t), ha + g('hp_mix', t))
        r = sig(P['Wr'] @ x + P['Ur'] @ hpr + P['br'] + g('r_pre', t)) + g('r', t)
        z = sig(P['Wz'] @ x + P['Uz'] @ hpz + P['bz'] + g('z_pre', t)) + g('z', t)
        q = r * hpq + g('q', t)
        hh = np.tanh(P['Wh'] @ x + P['Uh'] @ q + P['bh'] + g('hh_pre', t)) + g('hh', t)
        h = z * hpm + (1 - z) * hh + g('h', t)
        a = P['W'] @ h + P['b'] + g('a', t)
        A = sig(a)
        if (not binary) or t == T - 1:
            L += -np.sum(Y[t] * np.log(A) + (1 - Y[t]) * np.log(1 - A))
        for k, val in zip(['r', 'z', 'hh', 'h', 'A', 'hp'], [r, z, hh, h, A, hp]):
            c[k].append(val)
        hp = h
    return L, {k: np.array(val) for k, val in c.items()}


def fd_inj(name, t, binary=False, eps=1e-6):
    G = np.zeros((H if name != 'a' else o, m))
    for idx in np.ndindex(*G.shape):
        E = np.zeros_like(G); E[idx] = eps
        G[idx] = (forward(P, {(name, t): E}, binary)[0] - forward(P, {(name, t): -E}, binary)[0]) / (2 * eps)
    return G


def fd_param(k, eps=1e-6):
    G = np.zeros_like(P[k])
    for idx in np.ndindex(*G.shape):
        Pp = {kk: vv.copy() for kk, vv in P.items()}; Pm = {kk: vv.copy() for kk, vv in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        G[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * eps) / m
    return G


L0, c = forward(P)
_, cb = forward(P, binary=True)
# true quantities (finite differences)
TR = {n: [fd_inj(n, t) for t in range(T)] for n in
      ['a', 'h', 'hh', 'hh_pre', 'q', 'r', 'r_pre', 'z', 'z_pre', 'hp_q', 'hp_r', 'hp_z', 'hp_mix', 'hp_all']}
hs, hhs, rs, zs, As = c['h'], c['hh'], c['r'], c['z'], c['A']
Yt = Y

res = {}


def rel(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.max(np.abs(a - b)) / max(1e-8, np.max(np.abs(b)), np.max(np.abs(a)))


def check(line, code_val, true_val, note=''):
    e = rel(code_val, true_val)
    res[line] = ('pass' if e < 1e-5 else 'fail', e, note)


def defn(line, note='definition (forward / init), reproduced by construction'):
    res[line] = ('pass', 0.0, note)


# maths.py
xs = np.linspace(-30, 30, 41)
sig_code = np.where(xs >= 0, 1 / (1 + np.exp(-xs)), np.exp(xs) / (1 + np.exp(xs)))
check(22, sig_code, 1 / (1 + np.exp(-xs)))
e = 1e-6
fd_sig = (sig(xs + e) - sig(xs - e)) / (2 * e)
check(29, sig_code, sig(xs), 'intermediate sigma(x)')
check(30, sig_code * (1 - sig_code), fd_sig, 'sigma\'(x) at the argument x')
tanh_code = (2 / (1 + np.exp(-2 * xs))) - 1
check(51, tanh_code, np.tanh(xs))
check(54, 1 - np.tanh(xs) ** 2, (np.tanh(xs + e) - np.tanh(xs - e)) / (2 * e), 'tanh\'(x) at the argument x')

# forward lines: definitions
for ln in [74, 76, 77, 78, 80, 81, 82, 84, 85, 86, 88, 90, 91, 94, 96, 103, 112]:
    defn(ln)

dA = As - Yt  # train.py line
check(304, dA, np.array(TR['a']), 'dA = A - Y vs dL/da_t (all t)')
check(160, dA, np.array(TR['a']))
check(162, dA, np.array(TR['a']))
check(134, dA[1], TR['a'][1], 't=1')

tt = 1  # generic interior step for the recursion lines
dhn_true = [TR['hp_all'][t + 1] if t + 1 < T else np.zeros((H, m)) for t in range(T)]
check(136, P['W'].T @ TR['a'][tt] + dhn_true[tt], TR['h'][tt], 't=1, dhn = true dL/dh_t via step t+1')
check(138, TR['h'][tt] * (1 - zs[tt]), TR['hh'][tt], 't=1')
check(139, TR['hh'][tt] * (1 - np.tanh(hhs[tt]) ** 2), TR['hh_pre'][tt], 't=1, tanh\' evaluated at the stored tanh OUTPUT')
check(141, P['Uh'].T @ TR['hh_pre'][tt], TR['q'][tt], 't=1, vs dL/d(r*hp)')
# line 142: dr * fc['h'][t-1]; at t=0 python index -1 wraps to h_{T-1}
check(142, TR['q'][0] * hs[0 - 1], TR['r'][0], 't=0 (h[-1] = h_{T-1} used as h_{-1}=0)')
e142_t1 = rel(TR['q'][1] * hs[1 - 1], TR['r'][1])
check(143, TR['r'][tt] * sig(rs[tt]) * (1 - sig(rs[tt])), TR['r_pre'][tt], 't=1, sigma\' evaluated at the stored sigmoid OUTPUT')
check(145, TR['h'][0] * (hs[0 - 1] - hhs[0]), TR['z'][0], 't=0 (h[-1] wrap)')
e145_t1 = rel(TR['h'][1] * (hs[1 - 1] - hhs[1]), TR['z'][1])
check(146, TR['z'][tt] * sig(zs[tt]) * (1 - sig(zs[tt])), TR['z_pre'][tt], 't=1, sigma\' at the stored sigmoid OUTPUT')
check(148, P['Uh'].T @ TR['hh_pre'][tt], TR['q'][tt], 't=1')
check(149, (P['Uh'].T @ TR['hh_pre'][tt]) * rs[tt], TR['hp_q'][tt], 't=1, candidate path to h_{t-1}')
check(150, P['Ur'].T @ TR['r_pre'][tt], TR['hp_r'][tt], 't=1, reset-gate path')
check(151, P['Uz'].T @ TR['z_pre'][tt], TR['hp_z'][tt], 't=1, update-gate path')
check(152, TR['h'][tt] * zs[tt], TR['hp_mix'][tt], 't=1, direct path')
check(153, TR['hp_q'][tt] + TR['hp_r'][tt] + TR['hp_z'][tt] + TR['hp_mix'][tt], TR['hp_all'][tt], 't=1, sum of paths')

# binary (many-to-one) reading of initialize_backward
TB = {n: [fd_inj(n, t, binary=True) for t in range(T)] for n in ['a', 'h', 'hh', 'hh_pre']}
dAb = cb['A'][-1] - Y[-1]
check(175, P['W'].T @ dAb, TB['h'][T - 1], 'binary: dL/dh_{T-1}')
check(177, TB['h'][T - 1] * (1 - cb['z'][-1]), TB['hh'][T - 1], 'binary')
check(178, TB['hh'][T - 1] * (1 - np.tanh(cb['hh'][-1]) ** 2), TB['hh_pre'][T - 1], 'binary, tanh\' at the tanh OUTPUT')
check(180, np.zeros((H, m)), np.zeros((H, m)), 'boundary dL/dh_{T-1} from the future = 0')
check(261, dAb, TB['a'][0], 'binary: bc[dXt] (= dA of the last step) used as dL/da_t at t=0; true value 0')

# gru_update_gradients
defn(249, 'gradient accumulators set to 0')
defn(253, 'h_t retrieval')
hp_true0 = np.zeros((H, m))
check(254, hs[0 - 1], hp_true0, 't=0: fc[h][-1] = h_{T-1} instead of h_{-1} = 0')
defn(256, 'x_t slice')
check(259, dA[2], TR['a'][2], 't=2')
hpT = [np.zeros((H, m))] + [hs[t - 1] for t in range(1, T)]  # correct previous states
acc = {k: np.zeros_like(P[k]) for k in P}
for t in range(T):
    xt = X[:, t]
    acc['W'] += 1. / m * TR['a'][t] @ hs[t].T
    acc['b'] += 1. / m * TR['a'][t].sum(1, keepdims=True)
    dhh = TR['hh_pre'][t]; dr = TR['r_pre'][t]; dz = TR['z_pre'][t]
    acc['Wh'] += 1. / m * dhh @ xt.T
    acc['Uh'] += 1. / m * dhh @ (rs[t] * hpT[t]).T
    acc['bh'] += 1. / m * dhh.sum(1, keepdims=True)
    acc['Wr'] += 1. / m * dr @ xt.T
    acc['Ur'] += 1. / m * dr @ hpT[t].T
    acc['br'] += 1. / m * dr.sum(1, keepdims=True)
    acc['Wz'] += 1. / m * dz @ xt.T
    acc['Uz'] += 1. / m * dz @ hpT[t].T
    acc['bz'] += 1. / m * dz.sum(1, keepdims=True)
for ln, k in [(264, 'W'), (265, 'b'), (269, 'Wh'), (270, 'Uh'), (271, 'bh'), (274, 'Wr'), (275, 'Ur'),
              (276, 'br'), (279, 'Wz'), (280, 'Uz'), (281, 'bz')]:
    check(ln, acc[k], fd_param(k), 'sum over t with true deltas and h_{-1}=0 vs FD of L_sum/m')
for ln in [268, 273, 278]:
    defn(ln, 'retrieval of the stored pre-activation delta')

print(f'(line 142 at t=1: rel.err {e142_t1:.1e}; line 145 at t=1: rel.err {e145_t1:.1e} - right away from t=0)')
ok = True
for ln in sorted(set(res) | set(int(k) for k in EXP)):
    if ln not in res:
        print(f'line {ln}: expected {EXP[str(ln)]["expected"]}, numeric NOT CHECKED'); ok = False; continue
    if str(ln) not in EXP:
        print(f'line {ln}: checked but not in expected.json'); ok = False; continue
    got, err, note = res[ln]
    exp = EXP[str(ln)]['expected']
    flag = '' if got == exp else '   <-- MISMATCH'
    print(f'line {ln}: expected {exp}, numeric {got} (rel.err {err:.1e}; {note}){flag}')
    ok &= (got == exp)
sys.exit(0 if ok else 1)
