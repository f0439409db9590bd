"""Finite-difference check of lstm_du_recursion.md (search-index file id 42146759847).

Author's model: ONE cell (scalar h_t, c_t), N input features x_t in R^N,
u_kt = sum_i W_ki x_ti + W_kh h_{t-1} + b_k  for k in {f, I, s, o},
f=sig(u_f), I=sig(u_I), s=tanh(u_s), o=sig(u_o), c_t = f c_{t-1} + I s, h_t = o tanh(c_t),
h_0 = 0 (stated), c_0 not stated (taken nonzero here; c_0 = 0 gives the same verdicts),
sequence-to-one loss L = l(y_T, h_T) = (y_T - h_T)^2 (line 236).
All d/dW in the derivation are TOTAL derivatives (the author recurses du_ot/dW_oi through h_{t-1}).
Every relation is checked by plugging TRUE (finite-difference) values into its right-hand side,
so a failure is a failure of that relation, not an inherited one.  x_{fi} is read as x_{ti}.
"""
import numpy as np

rng = np.random.default_rng(1)
N, T = 3, 6
X = rng.normal(0, 1, (T + 1, N))          # X[t], t = 1..T  (X[0] unused)
y_T = 0.3
h0, c0 = 0.0, 0.4
K = ['f', 'I', 's', 'o']
P = {k: dict(W=rng.normal(0, .8, N), Wh=rng.normal(0, .9), b=rng.normal(0, .3)) for k in K}

sig = lambda a: 1 / (1 + np.exp(-a))

def run(P):
    h, c = h0, c0
    S = {'h': {0: h0}, 'c': {0: c0}}
    for k in K: S['u' + k] = {}; S[k] = {}
    for t in range(1, T + 1):
        u = {k: P[k]['W'] @ X[t] + P[k]['Wh'] * h + P[k]['b'] for k in K}   # line 19
        f, I, s, o = sig(u['f']), sig(u['I']), np.tanh(u['s']), sig(u['o']) # lines 26-29
        c = f * c + I * s                                                    # line 35
        h = o * np.tanh(c)                                                   # line 36
        for k in K: S['u' + k][t] = u[k]
        S['f'][t], S['I'][t], S['s'][t], S['o'][t] = f, I, s, o
        S['c'][t], S['h'][t] = c, h
    S['L'] = (y_T - h) ** 2                                                  # lines 235-236
    return S

def total_d(param_setter, getter, eps=1e-6):
    """d getter(S) / d theta by central differences, theta changed through param_setter."""
    Q = {k: {kk: (vv.copy() if isinstance(vv, np.ndarray) else vv) for kk, vv in P[k].items()} for k in K}
    param_setter(Q, +eps); a = getter(run(Q))
    Q = {k: {kk: (vv.copy() if isinstance(vv, np.ndarray) else vv) for kk, vv in P[k].items()} for k in K}
    param_setter(Q, -eps); b = getter(run(Q))
    return (a - b) / (2 * eps)

def setW(k, i):
    def s(Q, e): Q[k]['W'][i] += e
    return s
def setWh(k):
    def s(Q, e): Q[k]['Wh'] += e
    return s
def setb(k):
    def s(Q, e): Q[k]['b'] += e
    return s

S = run(P)
i = 1   # the feature index i used in W_{oi}, W_{fi}, W_{Ii}

def D(setter, name, t):   # true total derivative of S[name][t]
    return total_d(setter, lambda R: R[name][t])

def rep(label, lhs, rhs, expect):
    ok = abs(lhs - rhs) <= 1e-7 * max(abs(lhs), abs(rhs)) + 1e-11
    tag = 'AGREES' if ok else 'DIFFERS'
    flag = '' if ok == expect else '   <-- UNEXPECTED'
    print(f'{label:78s} {tag:8s} lhs={lhs:+.6e} rhs={rhs:+.6e}{flag}')

Wo, Wf = P['o']['Wh'], P['f']['Wh']
tanhp = lambda c: 1 - np.tanh(c) ** 2

print('=== lines 55-57: dL/dW_ki as a single chain through the last step only ===')
print('    (sequence-to-one loss L = (y - h_T)^2, evaluated for sequences ending at T = 2, 3, 4, 6)')
for TT in [2, 3, 4, 6]:
    exp = False
    dLdh = -2 * (y_T - S['h'][TT])
    Lget = lambda R, TT=TT: (y_T - R['h'][TT]) ** 2
    rep(f'L55 T={TT}: dL/dW_oi = dL/dh_T dh_T/do_T do_T/du_oT du_oT/dW_oi (du total)',
        total_d(setW('o', i), Lget),
        dLdh * np.tanh(S['c'][TT]) * S['o'][TT] * (1 - S['o'][TT]) * D(setW('o', i), 'uo', TT), exp)
    rep(f'L56 T={TT}: dL/dW_fi = dL/dh_T dh_T/dc_T dc_T/df_T df_T/du_fT du_fT/dW_fi',
        total_d(setW('f', i), Lget),
        dLdh * S['o'][TT] * tanhp(S['c'][TT]) * S['c'][TT - 1] * S['f'][TT] * (1 - S['f'][TT]) * D(setW('f', i), 'uf', TT), exp)
    rep(f'L57 T={TT}: dL/dW_Ii = dL/dh_T dh_T/dc_T dc_T/dI_T dI_T/du_IT du_IT/dW_Ii',
        total_d(setW('I', i), Lget),
        dLdh * S['o'][TT] * tanhp(S['c'][TT]) * S['s'][TT] * S['I'][TT] * (1 - S['I'][TT]) * D(setW('I', i), 'uI', TT), exp)

print('=== lines 69-71, 79, 128-129, 141-142, 176-177: du_kt/dtheta = input + W_kh dh_{t-1}/dtheta ===')
for t in [2, 3, 5]:
    rep(f'L71/L79 t={t}: du_ot/dW_oi = x_ti + W_oh dh_(t-1)/dW_oi', D(setW('o', i), 'uo', t),
        X[t][i] + Wo * D(setW('o', i), 'h', t - 1), True)
    rep(f'L129 t={t}: du_ot/dW_oh = h_(t-1) + W_oh dh_(t-1)/dW_oh', D(setWh('o'), 'uo', t),
        S['h'][t - 1] + Wo * D(setWh('o'), 'h', t - 1), True)
    rep(f'L142 t={t}: du_ot/db_o = 1 + W_oh dh_(t-1)/db_o', D(setb('o'), 'uo', t),
        1 + Wo * D(setb('o'), 'h', t - 1), True)
    rep(f'L177 t={t}: du_ft/dW_fi = x_ti + W_fh dh_(t-1)/dW_fi', D(setW('f', i), 'uf', t),
        X[t][i] + Wf * D(setW('f', i), 'h', t - 1), True)

print('=== lines 80-81, 115-116, 156: du_ot/dW_oi through o_{t-1} only (drops the c_{t-1} path) ===')
rep('L95-96 du_o1/dW_oi = x_1i', D(setW('o', i), 'uo', 1), X[1][i], True)
for t in [2, 3, 4, 6]:
    exp = (t == 2)   # holds only at t=2: c_1 does not depend on W_o because h_0 is constant
    rhs80 = X[t][i] + Wo * np.tanh(S['c'][t - 1]) * D(setW('o', i), 'o', t - 1)
    rep(f'L80 t={t}: x_ti + W_oh dh/do_(t-1) do_(t-1)/dW_oi', D(setW('o', i), 'uo', t), rhs80, exp)
    rhs116 = X[t][i] + Wo * np.tanh(S['c'][t - 1]) * S['o'][t - 1] * (1 - S['o'][t - 1]) * D(setW('o', i), 'uo', t - 1)
    rep(f'L81/L116/L156 t={t}: x_ti + W_oh tanh(c) o(1-o) du_o,t-1/dW_oi', D(setW('o', i), 'uo', t), rhs116, exp)
rep('L97-99 t=2 (explicit): x_2i + W_oh dh1/do1 do1/du_o1 x_1i', D(setW('o', i), 'uo', 2),
    X[2][i] + Wo * np.tanh(S['c'][1]) * S['o'][1] * (1 - S['o'][1]) * X[1][i], True)

print('=== lines 130-131, 158 (W_oh) and 143-144, 160 (b_o) ===')
for t in [2, 4]:
    exp = (t == 2)
    rep(f'L131/L158 t={t}: h_(t-1) + W_oh tanh(c) o(1-o) du_o,t-1/dW_oh', D(setWh('o'), 'uo', t),
        S['h'][t - 1] + Wo * np.tanh(S['c'][t - 1]) * S['o'][t - 1] * (1 - S['o'][t - 1]) * D(setWh('o'), 'uo', t - 1), exp)
    rep(f'L143 t={t}: 1 + W_oh tanh(c) o(1-o) du_o,t-1/db_o', D(setb('o'), 'uo', t),
        1 + Wo * np.tanh(S['c'][t - 1]) * S['o'][t - 1] * (1 - S['o'][t - 1]) * D(setb('o'), 'uo', t - 1), exp)

print('=== lines 105-109, 196-201: local partial derivatives (checked by perturbing one input) ===')
t, e = 3, 1e-6
o, c, cp, f, I, s = S['o'][t], S['c'][t], S['c'][t - 1], S['f'][t], S['I'][t], S['s'][t]
rep('L105-106 dh_t/do_t = tanh(c_t)', ((o + e) * np.tanh(c) - (o - e) * np.tanh(c)) / (2 * e), np.tanh(c), True)
rep('L107-109 do_t/du_ot = o_t(1-o_t)', (sig(S['uo'][t] + e) - sig(S['uo'][t] - e)) / (2 * e), o * (1 - o), True)
rep('L196-197 dh_t/dc_t = o_t(1-tanh^2 c_t)', (o * np.tanh(c + e) - o * np.tanh(c - e)) / (2 * e), o * tanhp(c), True)
rep('L198-199 dc_t/df_t = c_(t-1)', (((f + e) * cp + I * s) - ((f - e) * cp + I * s)) / (2 * e), cp, True)
rep('L200-201 df_t/du_ft = f_t(1-f_t)', (sig(S['uf'][t] + e) - sig(S['uf'][t] - e)) / (2 * e), f * (1 - f), True)

print('=== lines 185-188: du_ft/dW_fi through c_{t-1} only / through f_{t-1} only ===')
for t in [2, 3, 5]:
    exp = (t == 2)
    rep(f'L186 t={t}: x_ti + W_fh dh/dc_(t-1) dc_(t-1)/dW_fi', D(setW('f', i), 'uf', t),
        X[t][i] + Wf * S['o'][t - 1] * tanhp(S['c'][t - 1]) * D(setW('f', i), 'c', t - 1), exp)
    rep(f'L187-188 t={t}: x_ti + W_fh dh/dc c_(t-2) f_(t-1)(1-f_(t-1)) du_f,t-1/dW_fi', D(setW('f', i), 'uf', t),
        X[t][i] + Wf * S['o'][t - 1] * tanhp(S['c'][t - 1]) * S['c'][t - 2] * S['f'][t - 1] * (1 - S['f'][t - 1]) * D(setW('f', i), 'uf', t - 1), exp)

print('=== lines 208, 216-218: as 188 but with f_t(1-f_t) in place of f_(t-1)(1-f_(t-1)) ===')
for t in [2, 3, 5]:
    common = Wf * S['o'][t - 1] * tanhp(S['c'][t - 1]) * S['c'][t - 2] * S['f'][t] * (1 - S['f'][t])
    rep(f'L208/L216 t={t}: du_ft/dW_fi', D(setW('f', i), 'uf', t), X[t][i] + common * D(setW('f', i), 'uf', t - 1), False)
    # at t=2 the recursive factor du_f1/dW_fh = h_0 = 0, so L217 holds trivially there
    rep(f'L217 t={t}: du_ft/dW_fh', D(setWh('f'), 'uf', t), S['h'][t - 1] + common * D(setWh('f'), 'uf', t - 1), t == 2)
    rep(f'L218 t={t}: du_ft/db_f', D(setb('f'), 'uf', t), 1 + common * D(setb('f'), 'uf', t - 1), False)
