"""Finite-difference check of gru_layer_rowvec_numpy.md (numpy GRULayer, row vectors).

Execs the author's python fence (with a minimal stand-in for src.complex.layer.RecurrentLayer that only stores
input_size, hidden_size and a zero hidden_state of shape (1, hidden_size)), runs forward() on a random
sequence and backward(G, eta=1.0) where G = dL/dh_t is the gradient of L = sum_t sum(G_t * h_t).
The author's per-step local variables are captured with sys.settrace while backward() runs; the parameter
gradients are read back as (value before - value after) / eta, since backward() applies the SGD step itself.
Every captured quantity is compared with central differences of an independent re-implementation that can
perturb each intermediate (pre-activations, gates, candidate, each separate use of h_{t-1}, x_t).
Prints per annotated line the expected verdict and the verdict the numbers give; exit 0 iff all agree."""
import json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'gru_layer_rowvec_numpy.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

# stand-in base class (the real one is not part of the kept file)
class RecurrentLayer:
    def __init__(self, input_size, hidden_size):
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.hidden_state = np.zeros((1, hidden_size))
for mod in ['src', 'src.complex', 'src.complex.layer']:
    sys.modules[mod] = types.ModuleType(mod)
sys.modules['src.complex.layer'].RecurrentLayer = RecurrentLayer

fence_start = lines.index('```python') + 1          # 0-based index of the first code line
code = '\n'.join(lines[fence_start:lines.index('```', fence_start)])
FN = '<gru_layer>'
ns = {}
exec(compile(code, FN, 'exec'), ns)
GRULayer = ns['GRULayer']
def md_line(code_line):                              # code line (1-based) -> md line (1-based)
    return code_line + fence_start

def line_of(snippet):
    for i, l in enumerate(lines):
        if snippet in l:
            return i + 1
    raise KeyError(snippet)

results = {}
def record(ln, ok):
    results.setdefault(ln, []).append(bool(ok))
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

I, Hd, T = 3, 4, 5
rng = np.random.default_rng(11)
np.random.seed(5)
layer = GRULayer(I, Hd)
for k in ['b_z', 'b_r', 'b_h']:
    setattr(layer, k, rng.normal(size=(1, Hd)) * 0.5)
layer.hidden_state = rng.normal(size=(1, Hd)) * 0.5   # non-zero initial state
h0 = layer.hidden_state.copy()
X = rng.normal(size=(T, I))
G = rng.normal(size=(T, Hd))
P = {k: getattr(layer, k).copy() for k in ['W_z', 'U_z', 'b_z', 'W_r', 'U_r', 'b_r', 'W_h', 'U_h', 'b_h']}

# ---------------------------------------------------------------- independent reference
def sig(a):
    return 1 / (1 + np.exp(-a))

def ref(p, hooks=None):
    hooks = hooks or {}
    def hk(key, v):
        return v + hooks[key] if key in hooks else v
    h = h0.copy()
    L = 0.0
    st = []
    for t in range(T):
        x = hk(('x', t), X[t:t + 1])
        hz, hr, hh, hd = (hk((k, t), h) for k in ['hz', 'hr', 'hh', 'hd'])   # separate uses of h_{t-1}
        a_z = hk(('a_z', t), x @ p['W_z'] + hz @ p['U_z'] + p['b_z'])
        z = hk(('z', t), sig(a_z))
        a_r = hk(('a_r', t), x @ p['W_r'] + hr @ p['U_r'] + p['b_r'])
        r = hk(('r', t), sig(a_r))
        a_h = hk(('a_h', t), x @ p['W_h'] + (r * hh) @ p['U_h'] + p['b_h'])
        ht = hk(('ht', t), np.tanh(a_h))
        hn = hk(('h', t), (1 - z) * hd + z * ht)
        st.append(dict(a_z=a_z, z=z, a_r=a_r, r=r, a_h=a_h, ht=ht, h=hn))
        L += float((G[t:t + 1] * hn).sum())
        h = hn
    return L, st

EPS = 1e-6
def fdh(key, shape=(1, Hd)):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (ref(P, {key: d})[0] - ref(P, {key: -d})[0]) / (2 * EPS)
    return g
def fdp(name):
    g = np.zeros(P[name].shape)
    for idx in np.ndindex(*P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + EPS; Lp = ref(P)[0]
        P[name][idx] = old - EPS; Lm = ref(P)[0]
        P[name][idx] = old
        g[idx] = (Lp - Lm) / (2 * EPS)
    return g

L0, st = ref(P)
R = {k: {t: fdh((k, t)) for t in range(T)} for k in ['a_z', 'z', 'a_r', 'r', 'a_h', 'ht', 'h', 'hz', 'hr', 'hh', 'hd']}
R['x'] = {t: fdh(('x', t), (1, I)) for t in range(T)}
PG = {k: fdp(k) for k in P}
# dL/dh_t through the step-(t+1) uses only (what the author's dh_next / dh_prev carry)
def hprev_total(t):      # gradient w.r.t. h_{t-1} through step t's four uses
    return R['hz'][t] + R['hr'][t] + R['hh'][t] + R['hd'][t]

# ---------------------------------------------------------------- forward
out = layer.forward(X)
for key, snip in [('a_z', 'a_z = x_t @ self.W_z'), ('z', 'z = 1 / (1 + np.exp(-a_z))'),
                  ('a_r', 'a_r = x_t @ self.W_r'), ('r', 'r = 1 / (1 + np.exp(-a_r))'),
                  ('a_h', 'a_h = x_t @ self.W_h'), ('ht', 'h_tilde = np.tanh(a_h)')]:
    cache = {'a_z': layer.a_z_cache, 'z': layer.z_cache, 'a_r': layer.a_r_cache, 'r': layer.r_cache,
             'a_h': layer.a_h_cache, 'ht': layer.h_tilde_cache}[key]
    record(line_of(snip), all(close(cache[t], st[t][key]) for t in range(T)))
record(line_of('h: np.ndarray = (1 - z) * h + z * h_tilde'),
       all(close(layer.h_cache[t + 1], st[t]['h']) for t in range(T)) and close(out, np.vstack([s['h'] for s in st])))

# ---------------------------------------------------------------- backward, traced
snaps = []            # (code line about to run, copy of locals)
def tracer(frame, event, arg):
    if frame.f_code.co_filename == FN and frame.f_code.co_name == 'backward':
        if event == 'line':
            snaps.append((frame.f_lineno, {k: (v.copy() if isinstance(v, np.ndarray) else v)
                                            for k, v in frame.f_locals.items() if k != 'self'}))
        return tracer
    return tracer
before = {k: getattr(layer, k).copy() for k in P}
sys.settrace(tracer)
dx = layer.backward(G.copy(), 1.0)
sys.settrace(None)
grads = {k: before[k] - getattr(layer, k) for k in P}      # eta = 1

def after(md_ln, t):
    """locals right after md line md_ln ran in iteration t (= snapshot at the next line event of that iteration)"""
    target = md_ln - fence_start
    for i, (ln, loc) in enumerate(snaps):
        if ln == target and loc.get('t') == t:
            return snaps[i + 1][1]
    raise KeyError((md_ln, t))

chk = [('dh = grad[t:t+1] + dh_next', 'dh', lambda t: R['h'][t]),
       ('dh_tilde = dh * z', 'dh_tilde', lambda t: R['ht'][t]),
       ('da_h = dh_tilde * (1 - np.tanh(a_h) ** 2)', 'da_h', lambda t: R['a_h'][t]),
       ('dz = dh * (h_tilde - h_prev)', 'dz', lambda t: R['z'][t]),
       ('da_z = dz * z * (1 - z)', 'da_z', lambda t: R['a_z'][t]),
       ('dr = da_h @ self.U_h.T * h_prev', 'dr', lambda t: R['r'][t]),
       ('da_r = dr * r * (1 - r)', 'da_r', lambda t: R['a_r'][t])]
for snip, var, refv in chk:
    ln = line_of(snip)
    record(ln, all(close(after(ln, t)[var], refv(t)) for t in range(T)))
# dh_next init: no gradient arrives from beyond the last step, so dh at t = T-1 is grad[T-1] alone
record(line_of('dh_next = np.zeros((1, self.hidden_size))'),
       close(after(line_of('dh = grad[t:t+1] + dh_next'), T - 1)['dh'], R['h'][T - 1]) and close(R['h'][T - 1], G[T - 1:T]))
# dx[t]
ln_dx = line_of('dx[t] = da_h @ self.W_h.T')
record(ln_dx, all(close(after(ln_dx, t)['dx'][t:t + 1], R['x'][t]) for t in range(T)) and
       all(close(dx[t:t + 1], R['x'][t]) for t in range(T)))
# the four dh_prev lines, term by term (each use of h_{t-1})
l1 = line_of('dh_prev = dh * (1 - z)'); l2 = line_of('dh_prev += da_h @ self.U_h.T * r')
l3 = line_of('dh_prev += da_z @ self.U_z.T'); l4 = line_of('dh_prev += da_r @ self.U_r.T')
ok = {l1: [], l2: [], l3: [], l4: []}
for t in range(T):
    v1 = after(l1, t)['dh_prev']; v2 = after(l2, t)['dh_prev']; v3 = after(l3, t)['dh_prev']; v4 = after(l4, t)['dh_prev']
    ok[l1].append(close(v1, R['hd'][t])); ok[l2].append(close(v2 - v1, R['hh'][t]))
    ok[l3].append(close(v3 - v2, R['hz'][t])); ok[l4].append(close(v4 - v3, R['hr'][t]))
for k, v in ok.items():
    record(k, all(v))
ln_next = line_of('dh_next = dh_prev')
record(ln_next, all(close(after(ln_next, t)['dh_next'], hprev_total(t)) for t in range(T)))
# parameter accumulations (summed over t) vs finite differences
for key, snip in [('W_h', 'dW_h += x_t.T @ da_h'), ('U_h', 'dU_h += (r * h_prev).T @ da_h'), ('b_h', 'db_h += da_h'),
                  ('W_z', 'dW_z += x_t.T @ da_z'), ('U_z', 'dU_z += h_prev.T @ da_z'), ('b_z', 'db_z += da_z'),
                  ('W_r', 'dW_r += x_t.T @ da_r'), ('U_r', 'dU_r += h_prev.T @ da_r'), ('b_r', 'db_r += da_r')]:
    record(line_of(snip), close(grads[key], PG[key], 1e-5))

# ---------------------------------------------------------------- report
bad = 0
for ln in sorted(int(k) for k in expected):
    exp = expected[str(ln)]['expected']
    if ln not in results:
        print('line %d: expected %s, numeric MISSING' % (ln, exp)); bad += 1; continue
    num = 'pass' if all(results[ln]) else 'fail'
    print('line %d: expected %s, numeric %s%s' % (ln, exp, num, '' if num == exp else '   <-- MISMATCH'))
    bad += num != exp
for ln in sorted(results):
    if str(ln) not in expected:
        print('line %d checked but not annotated' % ln); bad += 1
print('%d annotated lines, %d disagreements' % (len(expected), bad))
sys.exit(1 if bad else 0)
