"""Finite-difference check of pydl_gru_rowvec_numpy.md (frugs/PyDeepLearning@88c2ff3, pydl/mathutils.py + pydl/gru.py).
Row layout, 1-D vectors: r = s(x W_rx + h W_rh + b_r), z = s(x W_zx + h W_zh + b_z),
h~ = tanh(x W_hx + (r*h) W_hh + b_h), h_t = z*h_{t-1} + (1-z)*h~.  Loss used here: L = sum_t g_t . h_t with
random g_t, so dhs[t] = g_t is the direct dL/dh_t (what back_prop expects).
Each annotated statement is evaluated from the verbatim file text (eval of its right-hand side) with TRUE upstream
values (central differences at additive perturbation points) and compared with the central difference of what it
should produce.  The author's mathutils fence is exec'd; the author's gru fence is also exec'd once (with the relative
import replaced by the exec'd mathutils) as a whole-function sanity check."""
import json, types
import numpy as np

MD = 'pydl_gru_rowvec_numpy.md'
text = open(MD).read()
lines = text.split('\n')
expected = json.load(open('expected.json'))[MD]
fences = [f.split('```', 1)[0] for f in text.split('```python\n')[1:]]
mu = types.ModuleType('mathutils'); exec(fences[0], mu.__dict__)

rng = np.random.default_rng(7)
I, H, T = 3, 4, 4
EPS = 1e-6
P = {'w_rx': rng.normal(size=(I, H)), 'w_rh': rng.normal(size=(H, H)) * .7, 'b_r': rng.normal(size=H),
     'w_zx': rng.normal(size=(I, H)), 'w_zh': rng.normal(size=(H, H)) * .7, 'b_z': rng.normal(size=H),
     'w_hx': rng.normal(size=(I, H)), 'w_hh': rng.normal(size=(H, H)) * .7, 'b_h': rng.normal(size=H)}
xs = [rng.normal(size=I) for _ in range(T)]
h0 = rng.normal(size=H) * .5
gs = [rng.normal(size=H) for _ in range(T)]

def sig(a):
    return 1 / (1 + np.exp(-a))

def fwd(e=None, Pp=None, h0p=None):
    e = e or {}; Pp = Pp or P
    g = lambda k, t: e.get((k, t), 0)
    h = h0 if h0p is None else h0p
    st = {'r': [], 'z': [], 'ht': [], 'h': [], 'hp': []}
    L = 0.0
    for t in range(T):
        x = xs[t] + e.get('xall', 0)
        W = {k: v + g(k, t) for k, v in Pp.items()}
        r = sig((x + g('x_r', t)) @ W['w_rx'] + (h + g('hp_r', t)) @ W['w_rh'] + W['b_r'] + g('a_r', t)) + g('r', t)
        z = sig((x + g('x_z', t)) @ W['w_zx'] + (h + g('hp_z', t)) @ W['w_zh'] + W['b_z'] + g('a_z', t)) + g('z', t)
        ht = np.tanh((x + g('x_h', t)) @ W['w_hx'] + (r * (h + g('hp_c', t))) @ W['w_hh'] + W['b_h'] + g('a_h', t)) + g('ht', t)
        st['hp'].append(h)
        h = z * (h + g('hp_i', t)) + (1 - z) * ht + g('h', t)
        for k, v in (('r', r), ('z', z), ('ht', ht), ('h', h)):
            st[k].append(v)
        L += gs[t] @ h
    return L, st

def fd(make, shape):
    gr = np.zeros(shape)
    for i in np.ndindex(shape):
        v = np.zeros(shape); v[i] = EPS
        gr[i] = (make(v) - make(-v)) / (2 * EPS)
    return gr

L0, st = fwd()
TR = {}
for t in range(T):
    for k in ('x_r', 'x_z', 'x_h'):
        TR[(k, t)] = fd(lambda v: fwd({(k, t): v})[0], (I,))
    for k in ('hp_r', 'hp_z', 'hp_c', 'hp_i', 'a_r', 'a_z', 'a_h', 'r', 'z', 'ht', 'h'):
        TR[(k, t)] = fd(lambda v: fwd({(k, t): v})[0], (H,))
    for k, v0 in P.items():
        TR[(k, t)] = fd(lambda v: fwd({(k, t): v})[0], v0.shape)
PG = {k: fd(lambda v: fwd(Pp={**P, k: P[k] + v})[0], v0.shape) for k, v0 in P.items()}
G_xall = fd(lambda v: fwd({'xall': v})[0], (I,))
G_h0 = fd(lambda v: fwd(h0p=h0 + v)[0], (H,))

def rhs(n):
    s = lines[n - 1].strip()
    if s.startswith('return '):
        return s[len('return '):]
    for op in (' += ', ' -= ', ' = '):
        if op in s:
            return s.split(op, 1)[1]
    raise ValueError(s)

def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-4)

results = {}
# ---- mathutils helpers
a = rng.normal(size=6); y_, t_ = rng.normal(size=5), rng.normal(size=5)
results[8] = close(eval(rhs(8), {'np': np, 'x': a}), 0.5 * (1 + np.tanh(a / 2)))
results[12] = close(eval(rhs(12), {'y': sig(a)}), fd(lambda v: np.sum(sig(a + v) * (np.abs(v) > 0)), (6,)))
results[16] = close(eval(rhs(16), {'np': np, 'y': np.tanh(a)}), fd(lambda v: np.sum(np.tanh(a + v) * (np.abs(v) > 0)), (6,)))
results[20] = close(eval(rhs(20), {'np': np, 'y': y_, 't': t_}), 0.5 * np.mean((y_ - t_) ** 2))
results[24] = close(eval(rhs(24), {'mean_squared_error': mu.mean_squared_error, 'y': y_, 't': t_}),
                    mu.mean_squared_error(y_, t_))
true_mse_grad = fd(lambda v: mu.mean_squared_error(y_ + v, t_), (5,))
results[28] = close(eval(rhs(28), {'y': y_, 't': t_}), true_mse_grad)
results[32] = close(eval(rhs(32), {'mean_squared_error': mu.mean_squared_error, 'y': y_, 't': t_}), true_mse_grad)

# ---- forward lines 68-71 (evaluated with the stored previous state)
ok = {68: True, 69: True, 70: True, 71: True}
for t in range(T):
    env = {'np': np, 'mathutils': mu, 'x': xs[t], 'h': st['hp'][t], 'self': types.SimpleNamespace(**P)}
    r = eval(rhs(68), env); ok[68] &= close(r, st['r'][t]); env['r'] = r
    z = eval(rhs(69), env); ok[69] &= close(z, st['z'][t]); env['z'] = z
    ht = eval(rhs(70), env); ok[70] &= close(ht, st['ht'][t]); env['h_tilde'] = ht
    ok[71] &= close(eval(rhs(71), env), st['h'][t])
results.update(ok)
# line 85: h_prevs alignment
env = {'h0': h0, 'hs': st['h']}
hp = eval(rhs(85), env)
results[85] = all(close(hp[t], st['hp'][t]) for t in range(T))

# ---- backward statements, step by step with TRUE upstream values
S = types.SimpleNamespace(**P)
point = {108: lambda t: TR[('hp_i', t)], 110: lambda t: TR[('z', t)], 112: lambda t: TR[('a_z', t)],
         113: lambda t: TR[('w_zx', t)], 114: lambda t: TR[('w_zh', t)],
         116: lambda t: TR[('hp_i', t)] + TR[('hp_z', t)], 117: lambda t: TR[('x_z', t)],
         119: lambda t: TR[('ht', t)], 120: lambda t: TR[('a_h', t)], 121: lambda t: TR[('w_hx', t)],
         122: lambda t: TR[('w_hh', t)], 124: lambda t: TR[('hp_i', t)] + TR[('hp_z', t)] + TR[('hp_c', t)],
         125: lambda t: TR[('x_z', t)] + TR[('x_h', t)], 127: lambda t: TR[('r', t)], 128: lambda t: TR[('a_r', t)],
         129: lambda t: TR[('w_rx', t)], 130: lambda t: TR[('w_rh', t)],
         132: lambda t: sum(TR[(k, t)] for k in ('hp_i', 'hp_z', 'hp_c', 'hp_r')),
         133: lambda t: TR[('x_z', t)] + TR[('x_h', t)] + TR[('x_r', t)]}
# running-variable values that each statement reads (true values of what the variable should hold)
reads = {116: 'dh_prev', 124: 'dh_prev', 132: 'dh_prev', 125: 'dx', 133: 'dx'}
prev_of = {116: 108, 124: 116, 132: 124, 125: 117, 133: 125}
accum = {135: ('w_rx', 129), 136: ('w_rh', 130), 137: ('b_r', 128), 139: ('w_zx', 113), 140: ('w_zh', 114),
         141: ('b_z', 112), 143: ('w_hx', 121), 144: ('w_hh', 122), 145: ('b_h', 120)}
okp = {n: True for n in point}; ok106 = True; ok148 = True
acc = {n: 0 for n in accum}; accdx = 0
for t in reversed(range(T)):
    x, h_prev, h_tilde, z, r = xs[t], st['hp'][t], st['ht'][t], st['z'][t], st['r'][t]
    dprop = sum(TR[(k, t + 1)] for k in ('hp_i', 'hp_z', 'hp_c', 'hp_r')) if t + 1 < T else np.zeros(H)
    # line 106: dh += dh_propagated  (dh starts as the direct gradient g_t)
    dh = gs[t].copy(); dh += eval(rhs(106), {'dh_propagated': dprop})
    ok106 &= close(dh, TR[('h', t)])
    env = {'np': np, 'mathutils': mu, 'self': S, 'x': x, 'h_prev': h_prev, 'h_tilde': h_tilde, 'z': z, 'r': r,
           'dh': TR[('h', t)], 'dz': TR[('z', t)], 'db_z': TR[('a_z', t)], 'dh_tilde': TR[('ht', t)],
           'db_h': TR[('a_h', t)], 'dr': TR[('r', t)], 'db_r': TR[('a_r', t)]}
    vals = {}
    for n in sorted(point):
        if n in reads:
            env[reads[n]] = point[prev_of[n]](t)      # true value held before this statement
            v = env[reads[n]] + eval(rhs(n), env)      # statement is `var += expr`
        else:
            v = eval(rhs(n), env)
        vals[n] = v
        okp[n] &= close(v, point[n](t))
    for n, (k, src) in accum.items():                  # `intermediate_results[k] += d...` with this step's term
        name = lines[src - 1].strip().split(' = ')[0]  # the per-step variable the accumulation line reads
        acc[n] = acc[n] + eval(rhs(n), {**env, name: eval(rhs(src), env)})
    accdx = accdx + eval(rhs(146), {'dx': point[133](t)})   # line 146: intermediate_results["dx"] += dx
    # line 148: dh_propagated = dh_prev -> dL/dh_{t-1} through step t (feeds line 106 of step t-1)
    carried = eval(rhs(148), {'dh_prev': point[132](t)})
    ok148 &= close(carried + (gs[t - 1] if t > 0 else 0), TR[('h', t - 1)] if t > 0 else G_h0)
results[106] = ok106; results[148] = ok148
results.update(okp)
for n, (k, _) in accum.items():
    results[n] = close(acc[n], PG[k])
results[146] = close(accdx, G_xall)
results[150] = close(point[132](0), G_h0)

# ---- whole-function sanity check: exec the author's gru fence
src = fences[1].replace('from . import mathutils', '')
ns = {'mathutils': mu}; exec(src, ns)
gru = ns['Gru'](I, H)
for k, v in P.items():
    setattr(gru, k, v.copy())
ir = {}
gru.forward_prop(xs, h0, ir)
dh0 = gru.back_prop([g.copy() for g in gs], ir)
whole = all(close(ir['d' + k], PG[k]) for k in P) and close(dh0, G_h0) and close(ir['dx'], G_xall)
print('author code exec: totals', 'match FD' if whole else 'DIFFER from FD')

bad = 0
for n in sorted(results):
    exp_pass = expected[str(n)]['expected'] == 'pass'
    agree = bool(results[n]) == exp_pass
    bad += not agree
    print(f"line {n}: {'OK' if agree else 'MISMATCH'} (statement {'right' if results[n] else 'wrong'}, expected {expected[str(n)]['expected']})")
missing = set(map(int, expected)) - set(results)
print('annotated lines not checked:', sorted(missing))
print('ALL AGREE' if bad == 0 and not missing else f'{bad} disagreements')
