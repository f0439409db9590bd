"""Finite-difference check of colgru_charlm_buggy_numpy.md (index id 31441932039).
Column vectors: r = s(W_r x + U_r h + b_r), u = s(W_u x + U_u h + b_u), C_bar = tanh(W_C x + U_C (r*h) + b_C),
h_t = u*h_{t-1} + (1-u)*C_bar, p_t = softmax(W_y h_t + b_y), L = sum_t -log p_t[y_t].
The forward runs over all T steps (the evident intent; the published early `return` inside the loop is noted,
not annotated). Each annotated statement is evaluated from the verbatim file text with TRUE upstream values
(central differences at additive perturbation points) and compared with central differences of what it
should produce. The author's helper functions (sigmoid, dsigmoid, TANH, dtanh, softmax) are exec'd from the file."""
import json, re
import numpy as np

MD = 'colgru_charlm_buggy_numpy.md'
text = open(MD).read()
lines = text.split('\n')
expected = json.load(open('expected.json'))[MD]
fences = [f.rsplit('```', 1)[0] for f in text.split('```python\n')[1:]]
helpers = fences[0][fences[0].index('def sigmoid'):]
ns = {'np': np}
exec(helpers, ns)
sigmoid, dsigmoid, TANH, dtanh, softmax = (ns[k] for k in ('sigmoid', 'dsigmoid', 'TANH', 'dtanh', 'softmax'))

rng = np.random.default_rng(1)
V, H, T = 5, 4, 4
EPS = 1e-6
W = {'W_r': rng.normal(size=(H, V)), 'W_C': rng.normal(size=(H, V)), 'W_u': rng.normal(size=(H, V)),
     'W_y': rng.normal(size=(V, H)), 'U_r': rng.normal(size=(H, H)) * 0.7, 'U_C': rng.normal(size=(H, H)) * 0.7,
     'U_u': rng.normal(size=(H, H)) * 0.7}
B = {'b_r': rng.normal(size=(H, 1)), 'b_C': rng.normal(size=(H, 1)), 'b_u': rng.normal(size=(H, 1)),
     'b_y': rng.normal(size=(V, 1))}
xs = [int(i) for i in rng.integers(0, V, size=T)]
ys = [int(i) for i in rng.integers(0, V, size=T)]
h0 = rng.normal(size=(H, 1)) * 0.5

def sig(a):
    return 1.0 / (1.0 + np.exp(-a))

def fwd(e=None):
    e = e or {}
    g = lambda k, t: e.get((k, t), 0)
    st = {'input_gate': {}, 'reset_gate': {}, 'update_gate': {}, 'C_bar': {}, 'cell_state': {-1: h0.copy()},
          'probability': {}}
    h = h0.copy(); L = 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[xs[t]] = 1
        r = sig(W['W_r'] @ x + W['U_r'] @ (h + g('hp_r', t)) + B['b_r'] + g('a_r', t)) + g('r', t)
        u = sig(W['W_u'] @ x + W['U_u'] @ (h + g('hp_u', t)) + B['b_u'] + g('a_u', t)) + g('u', t)
        c = np.tanh(W['W_C'] @ x + W['U_C'] @ (r * (h + g('hp_c', t))) + B['b_C'] + g('a_c', t)) + g('C', t)
        h = u * (h + g('hp_d', t)) + (1 - u) * c + g('h', t)
        o = W['W_y'] @ h + B['b_y'] + g('o', t)
        p = np.exp(o - o.max()); p /= p.sum()
        L += -np.log(p[ys[t], 0])
        for k, v in (('input_gate', x), ('reset_gate', r), ('update_gate', u), ('C_bar', c), ('cell_state', h),
                     ('probability', p)):
            st[k][t] = v
    return L, st

def fd_point(key, size):
    gr = np.zeros((size, 1))
    for i in range(size):
        v = np.zeros((size, 1)); v[i] = EPS
        gr[i] = (fwd({key: v})[0] - fwd({key: -v})[0]) / (2 * EPS)
    return gr

def fd_param(Pm):
    gr = np.zeros_like(Pm)
    for idx in np.ndindex(Pm.shape):
        old = Pm[idx]
        Pm[idx] = old + EPS; lp = fwd()[0]
        Pm[idx] = old - EPS; lm = fwd()[0]
        Pm[idx] = old
        gr[idx] = (lp - lm) / (2 * EPS)
    return gr

def rhs(n):
    s = lines[n - 1].split('#')[0].strip()
    m = re.match(r'^(.+?)\s*(\+=|-=|=)\s*(.*)$', s)
    if s.startswith('return '):
        return s[len('return '):]
    return m.group(3)

def close(a, b):
    a = np.asarray(a, dtype=float); b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)

results = {}
_, st = fwd()
keys = {'o': V, 'h': H, 'C': H, 'r': H, 'u': H, 'a_r': H, 'a_u': H, 'a_c': H,
        'hp_r': H, 'hp_u': H, 'hp_c': H, 'hp_d': H}
TR = {(k, t): fd_point((k, t), s) for k, s in keys.items() for t in range(T)}
PG = {k: fd_param(W[k]) for k in W}
PG.update({k: fd_param(B[k]) for k in B})

# ---- helpers ----
pos = np.array([[0.3, 1.7], [2.2, 0.01]]); neg = -pos
results[63] = close(sigmoid(pos.copy()), sig(pos))
results[65] = close(sigmoid(neg.copy()), sig(neg))
a = np.array([[0.4, -1.1], [2.0, -0.2]])
dsig_fd = (sig(a + EPS) - sig(a - EPS)) / (2 * EPS)
results[75] = close(dsigmoid(sig(a)), dsig_fd)
results[85] = close(TANH(pos.copy()), np.tanh(pos))
results[87] = close(TANH(neg.copy()), np.tanh(neg))
dtanh_fd = (np.tanh(a + EPS) - np.tanh(a - EPS)) / (2 * EPS)
results[95] = close(dtanh(np.tanh(a)), dtanh_fd)
xo = np.array([[0.5], [-1.0], [2.0]])
ref = np.exp(xo) / np.exp(xo).sum()
e99 = eval(rhs(99), {'np': np, 'x': xo})
results[99] = close(e99 / e99.sum(), ref)
results[101] = close(eval(rhs(101), {'np': np, 'x': xo, 'e_x': np.exp(xo - xo.max())}), ref)

# ---- forward lines (author's expressions with the author's helpers) ----
fl = {125: 'reset_gate', 126: 'update_gate', 127: 'C_bar', 128: 'cell_state', 130: 'probability'}
okf = {n: True for n in fl}; ok136 = True
for t in range(T):
    env = dict(W); env.update(B); env.update({'np': np, 'sigmoid': sigmoid, 'TANH': TANH, 'softmax': softmax, 't': t})
    env.update({k: st[k] for k in ('input_gate', 'reset_gate', 'update_gate', 'C_bar', 'cell_state')})
    for n, k in fl.items():
        okf[n] &= close(eval(rhs(n), env), st[k][t])
    tgt = np.zeros((V, 1)); tgt[ys[t]] = 1
    env.update({'target': {t: tgt}, 'probability': st['probability']})
    li = sum(eval(rhs(136), dict(env, i=i)) for i in range(V))
    ok136 &= abs(li - (-np.log(st['probability'][t][ys[t], 0]))) < 1e-9
results.update(okf); results[136] = ok136

# ---- backward lines ----
point = {170: 'h', 171: 'C', 177: 'r', 183: 'u', 189: 'hp_u', 190: 'hp_r', 191: 'hp_d', 192: 'hp_c'}
accum = {167: ('W_y', 'gradients'), 168: ('b_y', 'd_biases'), 173: ('W_C', 'gradients'), 174: ('U_C', 'gradients'),
         175: ('b_C', 'd_biases'), 179: ('W_r', 'gradients'), 180: ('U_r', 'gradients'), 181: ('b_r', 'd_biases'),
         185: ('W_u', 'gradients'), 186: ('U_u', 'gradients'), 187: ('b_u', 'd_biases')}
okp = {n: True for n in point}; acc = {n: 0 for n in accum}; ok164 = ok194 = True
paths = ('hp_u', 'hp_r', 'hp_d', 'hp_c')
true_acc = {k: np.zeros_like(v) for k, v in W.items()}   # true running accumulation (for line 191)
for t in reversed(range(T)):
    dC_next = sum(TR[(k, t + 1)] for k in paths) if t + 1 < T else np.zeros((H, 1))
    d_y = st['probability'][t].copy(); d_y[ys[t]] -= 1
    env = {'np': np, 't': t, 'y': ys, 'parameters': W, 'dsigmoid': dsigmoid, 'dtanh': dtanh,
           'dC_next': dC_next, 'd_y': TR[('o', t)], 'd_cell': TR[('h', t)], 'dC_bar': TR[('C', t)],
           'd_r': TR[('r', t)], 'd_u': TR[('u', t)],
           'd_cell_update': TR[('hp_u', t)], 'd_cell_reset': TR[('hp_r', t)],
           'd_cell_cell': TR[('hp_d', t)], 'd_cell_C_bar': TR[('hp_c', t)]}
    env.update({k: st[k] for k in ('input_gate', 'reset_gate', 'update_gate', 'C_bar', 'cell_state', 'probability')})
    # true running accumulation of d_W_C including step t (what gradients['d_W_C'] holds at line 191)
    true_acc['W_C'] = true_acc['W_C'] + (TR[('a_c', t)] @ st['input_gate'][t].T)
    env['gradients'] = {'d_' + k: v for k, v in true_acc.items()}
    # lines 164-165: d_y = copy(p_t); d_y[y_t] -= 1  ->  dL/do_t
    dy = eval(rhs(164), env).copy()
    exec(lines[165 - 1].strip(), {'d_y': dy, 'y': ys, 't': t})
    ok164 &= close(dy, TR[('o', t)])
    for n, k in point.items():
        okp[n] &= close(eval(rhs(n), env), TR[(k, t)])
    for n in accum:
        acc[n] = acc[n] + eval(rhs(n), env)
    ok194 &= close(eval(rhs(194), env), sum(TR[(k, t)] for k in paths))
results[164] = ok164; results[165] = ok164; results[194] = ok194
results.update(okp)
for n, (k, _) in accum.items():
    results[n] = close(acc[n], PG[k])

bad = 0
for n in sorted(results):
    exp_pass = expected[str(n)]['expected'] == 'pass'
    agree = results[n] == exp_pass
    bad += not agree
    print(f"line {n}: {'OK' if agree else 'MISMATCH'} (statement {'right' if results[n] else 'wrong'}, expected {expected[str(n)]['expected']})")
missing = set(map(int, expected)) - set(results)
print('annotated lines not checked:', sorted(missing))
print('ALL AGREE' if bad == 0 and not missing else f'{bad} disagreements')
