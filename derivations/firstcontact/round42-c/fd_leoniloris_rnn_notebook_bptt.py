"""Finite-difference check of leoniloris_rnn_notebook_bptt.md (leoniloris/Visualization-In-Data-Science@a9c77ba).
Column vectors: a_t = U x_t + W s_{t-1} + b_s, s_t = tanh(a_t), o_t = V s_t + b_y, p_t = softmax(o_t),
L = sum_t -log p_t[y_t]; x_t one-hot columns (vocab,1); the initial state s_{-1} is random here.
Code statements are evaluated from the verbatim file text (eval of the right-hand side, or the author's helper
functions exec'd from the first code fence) with TRUE upstream values from central differences at additive
perturbation points.  The LaTeX rules (lines 7-17) are implemented by hand as stated and checked by central
differences of the corresponding maps."""
import json
import numpy as np

MD = 'leoniloris_rnn_notebook_bptt.md'
text = open(MD).read()
lines = text.split('\n')
expected = json.load(open('expected.json'))[MD]
fences = [f.split('```', 1)[0] for f in text.split('```python\n')[1:]]
ns = {'np': np}; exec(fences[0], ns)
cross_entropy, cross_entropy_derivative, softmax = ns['cross_entropy'], ns['cross_entropy_derivative'], ns['softmax']

EPS = 1e-6

def fd(make, shape):
    gr = np.zeros(shape)
    for i in np.ndindex(shape):
        v = np.zeros(shape); v[i] = EPS
        gr[i] = (make(v) - make(-v)) / (2 * EPS)
    return gr

def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-4)

def rhs(n):
    s = lines[n - 1].strip()
    if s.startswith('return '):
        return s[len('return '):]
    for op in (' += ', ' -= ', ' = '):
        if op in s:
            return s.split(op, 1)[1]
    raise ValueError(s)

def setup(V_, H, T, seed):
    rng = np.random.default_rng(seed)
    P = {'U': rng.normal(size=(H, V_)), 'W': rng.normal(size=(H, H)) * .6, 'V': rng.normal(size=(V_, H)),
         'b_s': rng.normal(size=(H, 1)), 'b_y': rng.normal(size=(V_, 1))}
    xs = []
    for i in rng.integers(0, V_, size=T):
        x = np.zeros((V_, 1)); x[i] = 1; xs.append(x)
    ys = [int(i) for i in rng.integers(0, V_, size=T)]
    s0 = rng.normal(size=(H, 1)) * .5
    return P, xs, ys, s0

def make_fwd(P0, xs, ys, s0):
    T = len(xs)
    def fwd(e=None, P=None):
        e = e or {}; P = P or P0
        g = lambda k, t: e.get((k, t), 0)
        s = s0; st = {'s': {-1: s0}, 'p': {}, 'a': {}}
        L = 0.0
        for t in range(T):
            a = P['U'] @ xs[t] + P['W'] @ (s + g('sp', t)) + P['b_s'] + g('a', t)
            s = np.tanh(a) + g('s', t)
            o = P['V'] @ s + P['b_y'] + g('o', t)
            p = np.exp(o - o.max()); p /= p.sum()
            L += -np.log(p[ys[t], 0])
            st['s'][t], st['p'][t], st['a'][t] = s, p, a
        return L, st
    return fwd

results = {}
rng = np.random.default_rng(3)
# ---- LaTeX rules 7-17 (implemented as stated)
xv = rng.normal(size=5)
results[7] = close(1 - np.tanh(xv) ** 2, fd(lambda v: np.sum(np.tanh(xv + v) * (np.abs(v) > 0)), (5,)))
H, Vv = 4, 5
U, W, b = rng.normal(size=(H, Vv)), rng.normal(size=(H, H)), rng.normal(size=(H, 1))
x, s = rng.normal(size=(Vv, 1)), rng.normal(size=(H, 1))
def jac(f, arg):   # Jacobian of a vector map at arg (column vector arg)
    n = arg.size; J = np.zeros((f(arg).size, n))
    for j in range(n):
        v = np.zeros_like(arg); v.flat[j] = EPS
        J[:, j] = ((f(arg + v) - f(arg - v)) / (2 * EPS)).ravel()
    return J
results[9] = close(jac(lambda ux: ux + W @ s + b, U @ x), np.eye(H))
results[10] = close(jac(lambda ws: U @ x + ws + b, W @ s), np.eye(H))
results[11] = close(jac(lambda bb: U @ x + W @ s + bb, b), np.eye(H))
# III.a / III.b: d(Ws)_i/dW_ij = s_j and 0 for other rows  <=>  gradient of c.(Ws) wrt W is c s^T
def entry_rule(M, vec):
    ok = True
    for i in range(M.shape[0]):
        for k in range(M.shape[0]):
            for j in range(M.shape[1]):
                E = np.zeros_like(M); E[k, j] = EPS
                d = (((M + E) @ vec)[i, 0] - ((M - E) @ vec)[i, 0]) / (2 * EPS)
                ok &= abs(d - (vec[j, 0] if k == i else 0.0)) < 1e-6
    return ok
results[13] = entry_rule(W, s)
results[14] = close(jac(lambda ss: W @ ss, s), W)
results[16] = entry_rule(U, x)
results[17] = close(jac(lambda xx: U @ xx, x), U)

# ---- loss helpers (exec'd from the file)
o = rng.normal(size=(Vv, 1)); yi = 2
p = np.exp(o - o.max()); p /= p.sum()
results[25] = close(cross_entropy(p, yi), -np.log(p[yi, 0]))
true_do = fd(lambda v: -np.log((np.exp(o + v) / np.exp(o + v).sum())[yi, 0]), (Vv, 1))
results[32] = close(cross_entropy_derivative(p.copy(), yi), true_do)
results[36] = close(eval(rhs(36), {'np': np, 'x': o}), np.exp(o))
results[37] = close(eval(rhs(37), {'np': np, 'exps': np.exp(o)}), p)

# ---- the RNN: main instance vocab 5, hidden 4 (line 112 also on a vocab == hidden instance)
def check_rnn(V_, H, T, seed, only112=False):
    P, xs, ys, s0 = setup(V_, H, T, seed)
    fwd = make_fwd(P, xs, ys, s0)
    L0, st = fwd()
    TR = {}
    for t in range(T):
        for k, sh in (('a', (H, 1)), ('s', (H, 1)), ('sp', (H, 1)), ('o', (V_, 1))):
            TR[(k, t)] = fd(lambda v: fwd({(k, t): v})[0], sh)
    PG = {k: fd(lambda v: fwd(P={**P, k: P[k] + v})[0], v0.shape) for k, v0 in P.items()}
    self = type('S', (), {})()
    for k, v in P.items():
        setattr(self, k, v)
    self.activation_function = np.tanh
    self.loss_function, self.loss_function_derivative = cross_entropy, cross_entropy_derivative
    self.s = {}
    r = {}
    ok112 = True
    for t in reversed(range(T)):
        try:
            v = eval(rhs(112), {'np': np, 'self': self, 'dsum': TR[('a', t)]})
            ok112 &= close(v, TR[('sp', t)])
        except ValueError:          # shapes (hidden, vocab) x (hidden, 1) do not align
            ok112 = False
    r[112] = ok112
    if only112:
        return r
    # forward statements
    ok67 = ok68 = ok69 = ok84 = True
    for t in range(T):
        env = {'np': np, 'self': self, 'x': xs[t], 'prev_s': st['s'][t - 1], 'softmax': softmax}
        ns_ = eval(lines[67 - 1].strip().split(' = ', 1)[1], env); ok67 &= close(ns_, st['s'][t]); env['next_s'] = ns_
        yp = eval(rhs(68), env); ok68 &= close(yp, P['V'] @ st['s'][t] + P['b_y']); env['y_predicted'] = yp
        ok69 &= close(eval(rhs(69), env), st['p'][t])
    r[67], r[68], r[69] = ok67, ok68, ok69
    # 78 + 84: state dict with key -1, recurrence through the author's own _step_forward expression
    sdict = {}
    self.s = sdict
    exec(lines[78 - 1].strip(), {'np': np, 'self': self, 's_initial': s0})
    loss = 0; ok85 = True
    def _step_forward(xx, prev_s):
        e = {'np': np, 'self': self, 'x': xx, 'prev_s': prev_s, 'softmax': softmax}
        n_ = eval(lines[67 - 1].strip().split(' = ', 1)[1], e); e['next_s'] = n_
        yp_ = eval(rhs(68), e); e['y_predicted'] = yp_
        return n_, yp_, eval(rhs(69), e)
    self._step_forward = _step_forward
    ypd, ppd = {}, {}
    for t in range(T):
        exec(lines[84 - 1].strip(), {'self': self, 'x': xs, 't': t, 'y_predicted': ypd, 'probability_predicted': ppd})
        ok84 &= close(sdict[t], st['s'][t])
        loss = loss + eval(rhs(85), {'loss_function': cross_entropy, 'probability_predicted': ppd, 'y': ys, 't': t})
    r[78] = close(sdict[-1], s0) and sdict[-1] is not s0
    r[84] = ok84
    r[85] = abs(loss - L0) < 1e-8
    # backward statements with true upstream values
    self.s = st['s']
    acc = {98: 0, 100: 0, 107: 0, 110: 0, 111: 0}
    ok95 = ok102 = ok105 = True
    for t in reversed(range(T)):
        carried = TR[('sp', t + 1)] if t + 1 < T else np.zeros((H, 1))
        env = {'np': np, 'self': self, 't': t, 'x': xs, 'targets': ys,
               'loss_function_derivative': cross_entropy_derivative,
               'probability_predicted_at_t': st['p'][t].copy(),
               'd_loss': TR[('o', t)], 'ds_previous_time': carried, 'ds': TR[('s', t)], 'dsum': TR[('a', t)]}
        ok95 &= close(eval(rhs(95), env), TR[('o', t)])
        ok102 &= close(eval(rhs(102), env), TR[('s', t)])
        ok105 &= close(eval(rhs(105), env), TR[('a', t)])
        for n in acc:
            acc[n] = acc[n] + eval(rhs(n), env)
    r[95], r[102], r[105] = ok95, ok102, ok105
    for n, k in ((98, 'V'), (100, 'b_y'), (107, 'b_s'), (110, 'U'), (111, 'W')):
        r[n] = close(acc[n], PG[k])
    return r

main = check_rnn(5, 4, 4, 11)
square = check_rnn(4, 4, 4, 12, only112=True)
print('line 112 on vocab=5, hidden=4:', 'right' if main[112] else 'wrong (shape error or value)',
      '| on vocab=hidden=4:', 'right' if square[112] else 'wrong (value)')
main[112] = main[112] and square[112]
results.update(main)

bad = 0
for n in sorted(results):
    exp_pass = expected[str(n)]['expected'] == 'pass'
    agree = bool(results[n]) == exp_pass
    bad += not agree
    print(f"line {n}: {'OK' if agree else 'MISMATCH'} (statement {'right' if results[n] else 'wrong'}, expected {expected[str(n)]['expected']})")
missing = set(map(int, expected)) - set(results)
print('annotated lines not checked:', sorted(missing))
print('ALL AGREE' if bad == 0 and not missing else f'{bad} disagreements')
