"""Finite-difference check of rowgru_ctx_layers_numpy.md (index id 1412144504).
Row layout, 1-D vectors: h_t = tanh(x_t wi + h_{t-1} wh + bh) (SimpleRNN) and the GRU
z = s(x Wz + h Uz + bz), r = s(x Wr + h Ur + br), v = tanh(x Wh + (r*h) Uh + bh), h' = z*h + (1-z)*v.
Loss for the check: L = sum_t g_t . h_t with fixed random g_t, so err[t] = g_t = dL/dh_t from above.
Each annotated statement is evaluated from the verbatim file text with TRUE upstream values
(obtained by central differences on additive perturbation points) and compared with central
differences of the quantity the statement is meant to produce."""
import json, re, sys, types
import numpy as np

MD = 'rowgru_ctx_layers_numpy.md'
lines = open(MD).read().split('\n')
expected = json.load(open('expected.json'))[MD]
rng = np.random.default_rng(0)
D, H, T = 3, 4, 4
EPS = 1e-6

def stmt(n):
    s = lines[n - 1].split('#')[0].strip()
    return s

def rhs(n):
    s = stmt(n)
    m = re.match(r'^([\w\[\]\'\.]+)\s*(\+=|=)\s*(.*)$', s)
    if m:
        return m.group(3)
    m = re.match(r'^return\s+(.*)$', s)
    if m:
        return m.group(1)
    m = re.match(r'^ret\.append\((.*)\)$', s)
    return m.group(1)

def close(a, b):
    a = np.asarray(a, dtype=float); b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)

results = {}
def report(n, ok):
    results[n] = ok

# ---------------- exec the author's code (fake framework modules) ----------------
code = '\n'.join(lines).split('```python\n', 1)[1].rsplit('```', 1)[0]
core = types.ModuleType('core')
class Layer(object):
    pass
core.Layer = Layer
sys.modules['core'] = core
sys.modules['activations'] = types.ModuleType('activations')
ns = {'xrange': range}
exec(code, ns)
sigmoid_author = ns['sigmoid']

def sig(a):
    return 1.0 / (1.0 + np.exp(-a))

# ================= SimpleRNN =================
wi = rng.normal(size=(D, H)); wh = rng.normal(size=(H, H)) * 0.7; bh = rng.normal(size=H)
X = [rng.normal(size=D) for _ in range(T)]
G = [rng.normal(size=H) for _ in range(T)]

def rnn_fwd(wi, wh, bh, e=None):
    e = e or {}
    h = np.zeros(H); hs = []; inp = []; L = 0.0
    for t in range(T):
        hp = h + e.get(('hp', t), 0)
        inp.append((X[t], h))
        a = X[t] @ wi + hp @ wh + bh + e.get(('a', t), 0)
        h = np.tanh(a) + e.get(('h', t), 0)
        hs.append(h); L += G[t] @ h
    return L, hs, inp

def fd_point(f, key, size):
    g = np.zeros(size)
    for i in range(size):
        v = np.zeros(size); v[i] = EPS
        g[i] = (f({key: v}) - f({key: -v})) / (2 * EPS)
    return g

def fd_param(f, P):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]
        P[idx] = old + EPS; lp = f()
        P[idx] = old - EPS; lm = f()
        P[idx] = old
        g[idx] = (lp - lm) / (2 * EPS)
    return g

frnn = lambda e: rnn_fwd(wi, wh, bh, e)[0]
_, hs, inp = rnn_fwd(wi, wh, bh)
dh_true = [fd_point(frnn, ('h', t), H) for t in range(T)]
da_true = [fd_point(frnn, ('a', t), H) for t in range(T)]
dhp_true = [fd_point(frnn, ('hp', t), H) for t in range(T)]
self_ns = types.SimpleNamespace(wi=wi, wh=wh, bh=bh)

# line 22: forward
ok = True
h = np.zeros(H)
for t in range(T):
    env = {'np': np, 'x': X[t], 'h': h, 'self': self_ns}
    h = eval(rhs(22), env)
    ok &= close(h, hs[t])
report(22, ok)
acc = {42: 0, 44: 0, 46: 0}
ok37 = ok40 = ok48 = True
for t in reversed(range(T)):
    delta = dhp_true[t + 1] if t + 1 < T else 0
    env = {'np': np, 'err': G, 't': t, 'delta': delta, 'out': hs, 'inp': inp, 'self': self_ns,
           'dh': dh_true[t], 'dh_raw': da_true[t]}
    ok37 &= close(eval(rhs(37), env), dh_true[t])
    ok40 &= close(eval(rhs(40), env), da_true[t])
    for n in acc:
        acc[n] = acc[n] + eval(rhs(n), env)
    ok48 &= close(eval(rhs(48), env), dhp_true[t])
report(37, ok37); report(40, ok40); report(48, ok48)
report(42, close(acc[42], fd_param(lambda: frnn(None), bh)))
report(44, close(acc[44], fd_param(lambda: frnn(None), wh)))
report(46, close(acc[46], fd_param(lambda: frnn(None), wi)))

# ================= GRU =================
P = {k: rng.normal(size=(D, H)) for k in ('Wz', 'Wr', 'Wh')}
P.update({k: rng.normal(size=(H, H)) * 0.7 for k in ('Uz', 'Ur', 'Uh')})
P.update({k: rng.normal(size=H) for k in ('bz', 'br', 'bh')})

def gru_fwd(e=None):
    e = e or {}
    g = lambda k, t: e.get((k, t), 0)
    h = np.zeros(H); L = 0.0; io = []; hs = []
    for t in range(T):
        x = X[t]
        az = (x + g('xz', t)) @ P['Wz'] + (h + g('hp_z', t)) @ P['Uz'] + P['bz'] + g('a_z', t)
        z = sig(az) + g('z', t)
        ar = (x + g('xr', t)) @ P['Wr'] + (h + g('hp_r', t)) @ P['Ur'] + P['br'] + g('a_r', t)
        r = sig(ar) + g('r', t)
        rh = r * (h + g('hp_c', t)) + g('rh', t)
        av = (x + g('xv', t)) @ P['Wh'] + rh @ P['Uh'] + P['bh'] + g('a_v', t)
        v = np.tanh(av) + g('v', t)
        io.append((x, h, z, r, v))
        h = z * (h + g('hp_d', t)) + (1 - z) * v + g('h', t)
        hs.append(h); L += G[t] @ h
    return L, io, hs

fg = lambda e: gru_fwd(e)[0]
_, io, ghs = gru_fwd()
keys = ['h', 'v', 'a_v', 'rh', 'r', 'a_r', 'z', 'a_z', 'hp_z', 'hp_d', 'hp_c', 'hp_r', 'xz', 'xr', 'xv']
TR = {(k, t): fd_point(fg, (k, t), D if k.startswith('x') else H) for k in keys for t in range(T)}
pgrad = {k: fd_param(lambda: fg(None), P[k]) for k in P}

report(89, close(sigmoid_author(np.array([-2.0, 0.3, 1.5])), sig(np.array([-2.0, 0.3, 1.5]))))
# forward lines 95-98
ok = True
h = np.zeros(H)
for t in range(T):
    env = dict(P); env.update({'np': np, 'sigmoid': sigmoid_author, 'X': X, 't': t, 'h': h})
    z = eval(rhs(95), env); env['z'] = z
    r = eval(rhs(96), env); env['r'] = r
    v = eval(rhs(97), env); env['v'] = v
    hh = eval(rhs(98), env)
    x_, h_, z_, r_, v_ = io[t]
    ok95 = close(z, z_); ok96 = close(r, r_); ok97 = close(v, v_); ok98 = close(hh, ghs[t])
    results[95] = results.get(95, True) and ok95
    results[96] = results.get(96, True) and ok96
    results[97] = results.get(97, True) and ok97
    results[98] = results.get(98, True) and ok98
    h = hh

pointwise = {120: 'h', 123: 'v', 124: 'a_v', 132: 'rh', 133: 'r', 134: 'a_r', 142: 'z', 143: 'a_z',
             150: 'hp_z', 151: 'hp_d', 152: 'hp_c', 153: 'hp_r'}
accum = {127: 'Wh', 128: 'Uh', 129: 'bh', 137: 'Wr', 138: 'Ur', 139: 'br', 146: 'Wz', 147: 'Uz', 148: 'bz'}
okp = {n: True for n in pointwise}; acc = {n: 0 for n in accum}; ok155 = True
for t in reversed(range(T)):
    xt, ht, zt, rt, vt = io[t]
    delta_in = sum(TR[(k, t + 1)] for k in ('hp_z', 'hp_d', 'hp_c', 'hp_r')) if t + 1 < T else np.zeros(H)
    env = dict(P); env.update({'np': np, 'err': G, 't': t, 'delta': delta_in, 'xt': xt, 'ht': ht, 'zt': zt,
                              'rt': rt, 'vt': vt, 'dh': TR[('h', t)], 'dh_hat': TR[('v', t)],
                              'dh_hat_1': TR[('a_v', t)], 'drhp': TR[('rh', t)], 'dr': TR[('r', t)],
                              'dr_1': TR[('a_r', t)], 'dz': TR[('z', t)], 'dz_1': TR[('a_z', t)],
                              'dh_fz_inner': TR[('hp_z', t)], 'dh_fz': TR[('hp_d', t)],
                              'dh_fhh': TR[('hp_c', t)], 'dh_fr': TR[('hp_r', t)]})
    for n, k in pointwise.items():
        okp[n] &= close(eval(rhs(n), env), TR[(k, t)])
    for n in accum:
        acc[n] = acc[n] + eval(rhs(n), env)
    true_delta = sum(TR[(k, t)] for k in ('hp_z', 'hp_d', 'hp_c', 'hp_r'))
    ok155 &= close(eval(rhs(155), env), true_delta)
for n in pointwise:
    report(n, okp[n])
for n, k in accum.items():
    report(n, close(acc[n], pgrad[k]))
report(155, ok155)

# line 157: what gru_backward returns (ret) is passed to the layer below as its error, i.e. it should be
# dL/dx_t for t = 0..T-1 (compare Matrix.backward in core.py: ret = np.dot(err, W.T)).
args = [P[k] for k in ('Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br', 'Wh', 'Uh', 'bh')]
ret, *grads = ns['gru_backward'](io, ghs, G, *args)
dx_true = [TR[('xz', t)] + TR[('xr', t)] + TR[('xv', t)] for t in range(T)]
report(157, len(ret) == T and all(close(ret[t], dx_true[t]) for t in range(T)))
# end-to-end sanity: the author's parameter gradients against central differences
names = ['Wz', 'Wr', 'Wh', 'Uz', 'Ur', 'Uh', 'bz', 'br', 'bh']
e2e = all(close(g, pgrad[k]) for g, k in zip(grads, names))
print('end-to-end GRU parameter gradients of gru_backward vs central differences:', 'agree' if e2e else 'differ')

bad = 0
for n in sorted(results):
    exp_pass = expected[str(n)]['expected'] == 'pass'
    agree = (results[n] == exp_pass)
    bad += not agree
    print(f"line {n}: {'OK' if agree else 'MISMATCH'} (statement {'right' if results[n] else 'wrong'}, expected {expected[str(n)]['expected']})")
missing = set(map(int, expected)) - set(results)
print('annotated lines not checked:', sorted(missing))
print('ALL AGREE' if bad == 0 and not missing else f'{bad} disagreements')
