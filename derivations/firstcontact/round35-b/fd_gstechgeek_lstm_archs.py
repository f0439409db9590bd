"""Finite-difference check of gstechgeek_lstm_archs.md (numpy only).

Independent forward passes of the three models (LSTM, peephole LSTM, GRU) are written here from the
author's conventions (column vectors, loss = sum over ALL steps of cross-entropy of softmax(Wy h_t + by)).
Additive "injection" points let central differences give the true totals dL/dy_t, dL/dh_t, dL/dc_t and the
per-step parameter gradients (a separate perturbation of a parameter used only at step t).  Each annotated
line of the note is then evaluated verbatim (its right-hand side is eval'd with the true upstream quantities
bound to the author's names) and compared with the finite-difference reference.
"""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NOTE = os.path.join(HERE, 'gstechgeek_lstm_archs.md')
LINES = open(NOTE, encoding='utf-8').read().split('\n')
EXP = json.load(open(os.path.join(HERE, 'expected.json')))['gstechgeek_lstm_archs.md']

rng = np.random.default_rng(0)
V, H, T = 4, 3, 4
EPS = 1e-6

# ---- the author's helper functions, exec'd from the note (lines 6-16) ----
helper_ns = {'np': np}
exec('\n'.join(LINES[5:16]), helper_ns)
sig, tanh, softmax, loss_func = (helper_ns[k] for k in ('sig', 'tanh', 'softmax', 'loss_func'))

def my_sig(a): return 0.5 * (1 + np.tanh(a / 2))
def my_softmax(a):
    e = np.exp(a - a.max()); return e / e.sum()

def onehot(k):
    v = np.zeros((V, 1)); v[k] = 1; return v

inputs = [onehot(k) for k in rng.integers(0, V, T)]
target = [onehot(k) for k in rng.integers(0, V, T)]
h0 = rng.normal(size=(H, 1)) * 0.5
c0 = rng.normal(size=(H, 1)) * 0.5

def P(params, inj, name, t):
    return params[name] + inj.get(('P_' + name, t), 0)

def J(inj, key, t, v):
    return v + inj.get((key, t), 0)

# ---------------- independent forward passes ----------------
def fwd_lstm(params, inj, peep=False):
    S = {k: {} for k in ('f', 'i', 'g', 'c', 'o', 'h', 'y', 'p', 'hx', 'hcx', 'lt')}
    S['h'][-1] = h0; S['c'][-1] = c0
    L = 0.0
    for t in range(T):
        hp, cp, x = S['h'][t - 1], S['c'][t - 1], inputs[t]
        hx = np.vstack([hp, x]); hcx = np.vstack([cp, hp, x])
        gin = hcx if peep else hx
        f = my_sig(P(params, inj, 'Wf', t) @ gin + P(params, inj, 'bf', t))
        i = my_sig(P(params, inj, 'Wi', t) @ gin + P(params, inj, 'bi', t))
        g = np.tanh(P(params, inj, 'Wc', t) @ hx + P(params, inj, 'bc', t))
        c = J(inj, 'c', t, f * cp + i * g)
        oin = np.vstack([c, hp, x]) if peep else hx
        o = my_sig(P(params, inj, 'Wo', t) @ oin + P(params, inj, 'bo', t))
        h = J(inj, 'h', t, o * np.tanh(c))
        y = J(inj, 'y', t, P(params, inj, 'Wy', t) @ h + P(params, inj, 'by', t))
        p = my_softmax(y)
        lt = -np.log(p[target[t].argmax(), 0])
        L += lt
        for k, v in zip(('f', 'i', 'g', 'c', 'o', 'h', 'y', 'p', 'hx', 'hcx', 'lt'),
                        (f, i, g, c, o, h, y, p, hx, hcx, lt)):
            S[k][t] = v
    return L, S

def fwd_gru(params, inj):
    S = {k: {} for k in ('z', 'r', 'g', 'h', 'y', 'p', 'lt')}
    S['h'][-1] = h0
    L = 0.0
    for t in range(T):
        hp, x = S['h'][t - 1], inputs[t]
        z = my_sig(P(params, inj, 'Wz', t) @ x + P(params, inj, 'Uz', t) @ hp + P(params, inj, 'bz', t))
        r = my_sig(P(params, inj, 'Wr', t) @ x + P(params, inj, 'Ur', t) @ hp + P(params, inj, 'br', t))
        g = np.tanh(P(params, inj, 'Wh', t) @ x + P(params, inj, 'Uh', t) @ (r * hp) + P(params, inj, 'bh', t))
        h = J(inj, 'h', t, (1 - z) * hp + z * g)
        y = J(inj, 'y', t, P(params, inj, 'Wy', t) @ h + P(params, inj, 'by', t))
        p = my_softmax(y)
        lt = -np.log(p[target[t].argmax(), 0])
        L += lt
        for k, v in zip(('z', 'r', 'g', 'h', 'y', 'p', 'lt'), (z, r, g, h, y, p, lt)):
            S[k][t] = v
    return L, S

def fd(lossfn, shape):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        G[idx] = (lossfn(d) - lossfn(-d)) / (2 * EPS)
    return G

def inj_grad(fwd, params, key, t, shape):
    return fd(lambda d: fwd(params, {(key, t): d})[0], shape)

def total_grad(fwd, params, name):
    def lf(d):
        q = dict(params); q[name] = params[name] + d
        return fwd(q, {})[0]
    return fd(lf, params[name].shape)

def init(shapes):
    return {k: rng.normal(size=s) * 0.6 for k, s in shapes.items()}

class Obj:  # stands for the author's `self`
    def __init__(self, params): self.param = params

# ---------------- line parsing ----------------
def stmt(n):
    s = LINES[n - 1].split('#')[0].strip()
    return s

def rhs(n):
    s = stmt(n)
    if s.startswith('for '):
        return s[s.index(' in ') + 4:].rstrip(':')
    m = re.match(r"^(.*?)\s*(\+=|=)\s*(.*)$", s)
    return m.group(3)

def lhs(n):
    s = stmt(n)
    m = re.match(r"^(.*?)\s*(\+=|=)\s*(.*)$", s)
    return m.group(1)

def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-4)

results = {}

def record(n, ok):
    exp = EXP[str(n)]['expected']
    verdict = 'pass' if ok else 'fail'
    results[n] = (verdict, exp)

# ---------------- helpers (lines 7, 10, 13, 16) ----------------
a = rng.normal(size=(5, 1)) * 3
record(7, close(sig(a), my_sig(a)))
record(10, close(tanh(a), np.tanh(a)))
record(13, close(softmax(a), my_softmax(a)))
pp = my_softmax(a); tt = np.zeros((5, 1)); tt[2] = 1
record(16, close(loss_func(pp, tt), -np.log(pp[2, 0])))

# ---------------- generic checker for one model ----------------
def check_model(kind, fwd, params, fwd_lines, bwd_map, loop_line, names):
    L, S = fwd(params, {})
    # reference totals
    ref = {'dy': {}, 'dh': {}, 'dc': {}, 'per': {}}
    for t in range(T):
        ref['dy'][t] = inj_grad(fwd, params, 'y', t, (V, 1))
        ref['dh'][t] = inj_grad(fwd, params, 'h', t, (H, 1))
        if kind != 'gru':
            ref['dc'][t] = inj_grad(fwd, params, 'c', t, (H, 1))
        for nm in params:
            ref['per'][(nm, t)] = inj_grad(fwd, params, 'P_' + nm, t, params[nm].shape)
    tot = {nm: total_grad(fwd, params, nm) for nm in params}

    def ns_at(t):
        ns = {'np': np, 'sig': sig, 'tanh': tanh, 'softmax': softmax, 'loss_func': loss_func,
              'self': Obj(params), 'inputs': inputs, 'target': target, 't': t, 'i': t}
        if kind == 'gru':
            ns.update(z_t=S['z'], r_t=S['r'], h_=S['g'], h_t=S['h'], y_t=S['y'], p_t=S['p'])
        else:
            ns.update(f_t=S['f'], i_t=S['i'], c_=S['g'], c_t=S['c'], o_t=S['o'], h_t=S['h'],
                      y_t=S['y'], p_t=S['p'], h_x=S['hx'][t], h_c_x_=S['hcx'][t])
        ns.update(d_Y=ref['dy'][t], d_ht=ref['dh'][t])
        if kind != 'gru':
            ns['d_ct'] = ref['dc'][t]
        return ns

    # forward lines: eval RHS with independent values, compare with independent LHS value
    for n in fwd_lines:
        ok = True
        for t in range(T):
            ns = ns_at(t)
            val = eval(rhs(n), ns)
            if stmt(n).startswith('loss'):
                want = S['lt'][t]
            else:
                want = eval(lhs(n), ns)
            ok &= close(val, want)
        record(n, ok)

    # backward lines
    for n, what in bwd_map.items():
        ok = True
        for t in range(T):
            ns = ns_at(t)
            val = eval(rhs(n), ns)
            if what == 'hx':
                want = S['hx'][t]
            elif what == 'hcx':
                want = S['hcx'][t]
            elif what in ('dy', 'dh', 'dc'):
                want = ref[what][t]
            else:
                want = ref['per'][(what, t)]
            ok &= close(val, want)
        record(n, ok)

    # the BPTT loop: the steps it visits must give the whole (total) gradient
    steps = list(eval(rhs(loop_line), {'inputs': inputs, 'len': len, 'reversed': reversed, 'range': range}))
    ok = all(close(sum(ref['per'][(nm, t)] for t in steps), tot[nm]) for nm in names)
    record(loop_line, ok)

# ---------------- LSTM (lines 54-88) ----------------
D = V + H
lstm_p = init({'Wf': (H, D), 'bf': (H, 1), 'Wi': (H, D), 'bi': (H, 1), 'Wc': (H, D), 'bc': (H, 1),
               'Wo': (H, D), 'bo': (H, 1), 'Wy': (V, H), 'by': (V, 1)})
check_model('lstm', lambda p, j: fwd_lstm(p, j, False), lstm_p,
            fwd_lines=[54, 55, 56, 57, 58, 59, 60, 61, 62, 63],
            bwd_map={69: 'hx', 70: 'dy', 71: 'dh', 73: 'Wy', 74: 'by', 76: 'Wo', 77: 'bo', 79: 'dc',
                     81: 'Wc', 82: 'bc', 84: 'Wi', 85: 'bi', 87: 'Wf', 88: 'bf'},
            loop_line=68, names=list(lstm_p))

# ---------------- peephole LSTM (lines 138-175) ----------------
DP = V + 2 * H
peep_p = init({'Wf': (H, DP), 'bf': (H, 1), 'Wi': (H, DP), 'bi': (H, 1), 'Wc': (H, D), 'bc': (H, 1),
               'Wo': (H, DP), 'bo': (H, 1), 'Wy': (V, H), 'by': (V, 1)})
check_model('peep', lambda p, j: fwd_lstm(p, j, True), peep_p,
            fwd_lines=[138, 139, 141, 142, 143, 144, 145, 146, 147, 148, 149],
            bwd_map={155: 'hx', 156: 'hcx', 157: 'dy', 158: 'dh', 160: 'Wy', 161: 'by', 163: 'Wo',
                     164: 'bo', 166: 'dc', 168: 'Wc', 169: 'bc', 171: 'Wi', 172: 'bi', 174: 'Wf', 175: 'bf'},
            loop_line=154, names=list(peep_p))

# ---------------- GRU (lines 221-247) ----------------
gru_p = init({'Wz': (H, V), 'Uz': (H, H), 'bz': (H, 1), 'Wr': (H, V), 'Ur': (H, H), 'br': (H, 1),
              'Wh': (H, V), 'Uh': (H, H), 'bh': (H, 1), 'Wy': (V, H), 'by': (V, 1)})
check_model('gru', fwd_gru, gru_p,
            fwd_lines=[221, 222, 223, 224, 225, 226, 227],
            bwd_map={231: 'dy', 232: 'dh', 234: 'Wy', 235: 'by', 237: 'Wh', 238: 'Uh', 239: 'bh',
                     241: 'Wr', 242: 'Ur', 243: 'br', 245: 'Wz', 246: 'Uz', 247: 'bz'},
            loop_line=230, names=list(gru_p))

# ---------------- report ----------------
bad = 0
for n in sorted(int(k) for k in EXP):
    if n not in results:
        print(f'line {n}: NOT CHECKED'); bad += 1; continue
    verdict, exp = results[n]
    tag = 'OK' if verdict == exp else 'MISMATCH'
    bad += tag != 'OK'
    print(f'line {n}: {tag} (fd says {verdict}, expected {exp})')
extra = set(results) - {int(k) for k in EXP}
if extra:
    print('checked but not in expected.json:', sorted(extra)); bad += 1
print('ALL AGREE' if bad == 0 else f'{bad} DISAGREEMENTS')
