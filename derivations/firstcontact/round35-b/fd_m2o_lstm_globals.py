"""Finite-difference check of m2o_lstm_globals.md (numpy only).

Independent forward pass of the author's many-to-one LSTM (column vectors, z_t = [h_{t-1}; x_t], zero initial
h and c, y = Wy h_{T-1} + by, loss L = 0.5*||y - y_true||^2, the loss implied by dy = y_pred - y_true).
Additive injection points give, by central differences, the true dL/dy, dL/dh_t (total and through its future
use), dL/dc_t (total and through the carry into c_{t+1}), the gate gradients before and after the
nonlinearities, dL/dz_t and the per-step parameter gradients.  Each annotated line of the note is evaluated
verbatim with those true upstream values bound to the author's names and compared with the reference.
"""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NOTE = os.path.join(HERE, 'm2o_lstm_globals.md')
LINES = open(NOTE, encoding='utf-8').read().split('\n')
EXP = json.load(open(os.path.join(HERE, 'expected.json')))['m2o_lstm_globals.md']

rng = np.random.default_rng(1)
H, D, T = 3, 2, 4
EPS = 1e-6

def sigmoid(a): return 0.5 * (1 + np.tanh(a / 2))

params = {k: rng.normal(size=s) * 0.7 for k, s in
          {'Wf': (H, H + D), 'bf': (H, 1), 'Wi': (H, H + D), 'bi': (H, 1), 'Wc': (H, H + D), 'bc': (H, 1),
           'Wo': (H, H + D), 'bo': (H, 1), 'Wy': (2, H), 'by': (2, 1)}.items()}
xs = [rng.normal(size=(D,)) for _ in range(T)]
y_true = rng.normal(size=(2, 1))

def fwd(p, inj):
    J = lambda key, t, v: v + inj.get((key, t), 0)
    Pm = lambda n, t: p[n] + inj.get(('P_' + n, t), 0)
    h = np.zeros((H, 1)); c = np.zeros((H, 1))
    S = {k: {} for k in 'z f i g c o h fpost ipost gpost opost'.split()}
    S['h'][-1] = h; S['c'][-1] = c
    h_for_z = h
    for t in range(T):
        x = xs[t].reshape(D, 1)
        z = J('z', t, np.vstack((h_for_z, x)))
        f = J('f', t, sigmoid(J('fpre', t, Pm('Wf', t) @ z + Pm('bf', t))))
        i = J('i', t, sigmoid(J('ipre', t, Pm('Wi', t) @ z + Pm('bi', t))))
        g = J('g', t, np.tanh(J('gpre', t, Pm('Wc', t) @ z + Pm('bc', t))))
        c_carry = J('ccarry', t - 1, c)          # c_{t-1} as used in the carry f*c_{t-1}
        c = J('c', t, f * c_carry + i * g)
        o = J('o', t, sigmoid(J('opre', t, Pm('Wo', t) @ z + Pm('bo', t))))
        h = J('h', t, o * np.tanh(c))
        h_for_z = J('hz', t, h)                  # h_t as used by its only consumer (z_{t+1} or y)
        for k, v in zip('z f i g c o h'.split(), (z, f, i, g, c, o, h)):
            S[k][t] = v
    y = J('y', 0, Pm('Wy', 0) @ h_for_z + Pm('by', 0))
    return 0.5 * float(np.sum((y - y_true) ** 2)), S, y

def fd(lossfn, shape):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        G[idx] = (lossfn(d) - lossfn(-d)) / (2 * EPS)
    return G

def ig(key, t, shape):
    return fd(lambda d: fwd(params, {(key, t): d})[0], shape)

def total(name):
    def lf(d):
        q = dict(params); q[name] = params[name] + d
        return fwd(q, {})[0]
    return fd(lf, params[name].shape)

L, S, y = fwd(params, {})
cache = [(S['z'][t], S['f'][t], S['i'][t], S['g'][t], S['c'][t], S['o'][t], S['h'][t]) for t in range(T)]
R = {}
for t in range(T):
    for key in ('z',):
        R[(key, t)] = ig(key, t, (H + D, 1))
    for key in ('f', 'i', 'g', 'c', 'o', 'h', 'hz', 'ccarry', 'fpre', 'ipre', 'gpre', 'opre'):
        R[(key, t)] = ig(key, t, (H, 1))
    for n in params:
        if n not in ('Wy', 'by'):
            R[('P_' + n, t)] = ig('P_' + n, t, params[n].shape)
R[('y', 0)] = ig('y', 0, (2, 1))
TOT = {n: total(n) for n in params}

def stmt(n, upto=None):
    if upto:
        return ' '.join(LINES[k - 1].split('#')[0].strip() for k in range(n, upto + 1))
    return LINES[n - 1].split('#')[0].strip()

def parse(s):
    if s.startswith('for '):
        return None, 'for', s[s.index(' in ') + 4:].rstrip(':')
    m = re.match(r"^(.*?)\s*(\*=|\+=|=)\s*(.*)$", s)
    return m.group(1), m.group(2), m.group(3)

def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-4)

base = dict(params); base.update(np=np, sigmoid=sigmoid, H=H, D=D, T=T, cache=cache, y_true=y_true, y_pred=y)
results = {}
def record(n, ok): results[n] = 'pass' if ok else 'fail'

def ns_fwd(t):
    ns = dict(base)
    ns.update(x=xs[t].reshape(D, 1), h=S['h'][t - 1], z=S['z'][t], f=S['f'][t], i=S['i'][t],
              c_hat=S['g'][t], c=S['c'][t - 1], o=S['o'][t], t=t)
    return ns

# forward lines: value of the right-hand side vs the independent forward pass
fwd_ref = {12: lambda t: S['z'][t], 14: lambda t: S['f'][t], 15: lambda t: S['i'][t], 16: lambda t: S['g'][t],
           17: lambda t: S['c'][t], 18: lambda t: S['o'][t]}
for n, want in fwd_ref.items():
    record(n, all(close(eval(parse(stmt(n))[2], ns_fwd(t)), want(t)) for t in range(T)))
ok = True
for t in range(T):  # line 19 reads the NEW c
    ns = ns_fwd(t); ns['c'] = S['c'][t]
    ok &= close(eval(parse(stmt(19))[2], ns), S['h'][t])
record(19, ok)
ns = dict(base); ns['h'] = S['h'][T - 1]
record(23, close(eval(parse(stmt(23))[2], ns), y))

# output layer
dy_ref = R[('y', 0)]
ns = dict(base)
record(42, close(eval(parse(stmt(42))[2], ns), dy_ref))
ns['dy'] = dy_ref
record(43, close(eval(parse(stmt(43))[2], ns), TOT['Wy']))
record(44, close(eval(parse(stmt(44))[2], ns), TOT['by']))
record(46, close(eval(parse(stmt(46))[2], ns), R[('h', T - 1)]))
record(47, close(eval(parse(stmt(47))[2], ns), R[('ccarry', T - 1)]))

# the loop must visit every step: per-step contributions over its steps add up to the totals
steps = list(eval(parse(stmt(50))[2], dict(base, reversed=reversed, range=range)))
record(50, all(close(sum(R[('P_' + n, t)] for t in steps), TOT[n]) for n in params if n not in ('Wy', 'by')))

def ns_bwd(t):
    ns = dict(base)
    ns.update(t=t, z=S['z'][t], f=S['f'][t], i=S['i'][t], c_hat=S['g'][t], c=S['c'][t], o=S['o'][t],
              h=S['h'][t], c_prev=S['c'][t - 1], tanh_c=np.tanh(S['c'][t]),
              dh=R[('h', t)], dh_next=R[('hz', t)], dc_next=R[('ccarry', t)], dc=R[('c', t)],
              do=R[('opre', t)], df=R[('fpre', t)], di=R[('ipre', t)], dc_hat=R[('gpre', t)])
    return ns

checks = {
    52: lambda t, ns: S['c'][t - 1],
    54: lambda t, ns: np.tanh(S['c'][t]),
    56: lambda t, ns: R[('h', t)],
    57: lambda t, ns: R[('c', t)],
}
for n, want in checks.items():
    record(n, all(close(eval(parse(stmt(n))[2], ns_bwd(t)), want(t, None)) for t in range(T)))

# two-statement gate gradients: "dX = ..." gives dL/d(gate output); "dX *= ..." gives dL/d(pre-activation)
for n1, n2, post, pre in ((59, 60, 'o', 'opre'), (62, 63, 'f', 'fpre'), (65, 66, 'i', 'ipre'), (68, 69, 'g', 'gpre')):
    ok1 = ok2 = True
    for t in range(T):
        ns = ns_bwd(t)
        ok1 &= close(eval(parse(stmt(n1))[2], ns), R[(post, t)])
        lhs, op, r = parse(stmt(n2))
        assert op == '*='
        ok2 &= close(R[(post, t)] * eval(r, ns), R[(pre, t)])
    record(n1, ok1); record(n2, ok2)

# per-step parameter gradients
for n, pname in ((71, 'Wo'), (72, 'Wf'), (73, 'Wi'), (74, 'Wc'), (77, 'bo'), (78, 'bf'), (79, 'bi'), (80, 'bc')):
    record(n, all(close(eval(parse(stmt(n))[2], ns_bwd(t)), R[('P_' + pname, t)]) for t in range(T)))

# dz (statement spread over lines 82-87)
record(82, all(close(eval(parse(stmt(82, 87))[2], ns_bwd(t)), R[('z', t)]) for t in range(T)))
# dh_next / dc_next handed to step t-1
ok89 = ok90 = True
for t in range(1, T):
    ns = ns_bwd(t); ns['dz'] = R[('z', t)]
    ok89 &= close(eval(parse(stmt(89))[2], ns), R[('hz', t - 1)])
    ok90 &= close(eval(parse(stmt(90))[2], ns), R[('ccarry', t - 1)])
record(89, ok89); record(90, ok90)

bad = 0
for n in sorted(int(k) for k in EXP):
    if n not in results:
        print(f'line {n}: NOT CHECKED'); bad += 1; continue
    tag = 'OK' if results[n] == EXP[str(n)]['expected'] else 'MISMATCH'
    bad += tag != 'OK'
    print(f'line {n}: {tag} (fd says {results[n]}, expected {EXP[str(n)]["expected"]})')
extra = set(results) - {int(k) for k in EXP}
if extra:
    print('checked but not in expected.json:', sorted(extra)); bad += 1
print('ALL AGREE' if bad == 0 else f'{bad} DISAGREEMENTS')
