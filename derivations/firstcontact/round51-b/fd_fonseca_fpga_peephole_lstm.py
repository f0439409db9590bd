"""Finite-difference check of OUTDIR/fonseca_fpga_peephole_lstm.md (feifengwhu/RNN-ON-FPGA python/LSTMlayer.py,
commit 47c81c5).  Execs the author's code fence (class LSTMlayer and helpers).  Reference: an independent numpy
peephole LSTM (Greff et al. notation, the cell of the author's t != 0 branch) with a carried initial state
(y_{-1}, c_{-1}) = (future_y, future_c) that is non-zero (the author keeps the last state of the previous
sequence) and treated as a constant, loss L = 0.5 * sum_t ||target_t - y_t||^2 on this layer's outputs, so that
upperLayerDeltas[:, t] = target_t - y_t = -dL/dy_t (direct part), as testLSTM2.py passes 'y - y_network'.
All the author's deltas are NEGATIVE gradients (the updates are W += lr * delta x^T).
Every annotated line is judged locally: its right-hand side is evaluated (eval of the author's own text) in an
environment whose arrays hold the reference forward values and reference deltas (from central differences),
and compared with the reference value of the line's left-hand side (for the += update lines: lr times the
reference step contribution).  Prints per line: line N: expected X, numeric Y.  Exit 0 iff all agree."""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'fonseca_fpga_peephole_lstm.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
OFF = lines.index('```python') + 1
ns = {}
exec(compile(re.findall(r'```python\n(.*?)```', text, re.S)[0], '<author>', 'exec'), ns)
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
def md(cl): return cl + OFF
def code_line_of(snippet, start=1):
    for i in range(start - 1, len(lines)):
        if snippet in lines[i]:
            return i + 1 - OFF
    raise KeyError(snippet)
results = {}
def record(mdl, ok): results.setdefault(mdl, []).append(bool(ok))
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

rng = np.random.default_rng(3)
I, H, T, LR = 2, 3, 5, 0.1
EPS = 1e-6
P = {k: rng.normal(size=(H, I)) for k in ['Wz', 'Wi', 'Wf', 'Wo']}
P.update({k: rng.normal(size=(H, H)) * 0.8 for k in ['Rz', 'Ri', 'Rf', 'Ro']})
P.update({k: rng.normal(size=H) for k in ['pi', 'pf', 'po', 'bz', 'bi', 'bf', 'bo']})
X = rng.normal(size=(I, T)); TGT = rng.normal(size=(H, T)) * 0.5
Y0 = rng.normal(size=H) * 0.5; C0 = rng.normal(size=H)          # carried state from the previous sequence
sig = lambda a: 1 / (1 + np.exp(-a))

def ref(Pp, inj=None, Xs=X):
    def J(name, t, v):
        if inj is not None and inj[0] == name and inj[1] == t:
            v = v + inj[2]
        return v
    yp, cp = Y0.copy(), C0.copy(); L = 0.0
    S = {k: np.zeros((H, T)) for k in ['z', 'i', 'f', 'c', 'o', 'y']}
    for t in range(T):
        x = J('x', t, Xs[:, t])
        z = np.tanh(J('zb', t, Pp['Wz'] @ x + Pp['Rz'] @ yp + Pp['bz']))
        i = sig(J('ib', t, Pp['Wi'] @ x + Pp['Ri'] @ yp + Pp['pi'] * cp + Pp['bi']))
        f = sig(J('fb', t, Pp['Wf'] @ x + Pp['Rf'] @ yp + Pp['pf'] * cp + Pp['bf']))
        c = J('c', t, z * i + cp * f)
        o = sig(J('ob', t, Pp['Wo'] @ x + Pp['Ro'] @ yp + Pp['po'] * c + Pp['bo']))
        y = J('y', t, np.tanh(c) * o)
        L += 0.5 * np.sum((TGT[:, t] - y) ** 2)
        for k, v in zip('zifcoy', (z, i, f, c, o, y)): S[k][:, t] = v
        yp, cp = y, c
    return L, S
L0, S = ref(P)
def neg_grad(name, n):
    g = np.zeros((n, T))
    for t in range(T):
        for k in range(n):
            e = np.zeros(n); e[k] = EPS
            g[k, t] = -(ref(P, (name, t, e))[0] - ref(P, (name, t, -e))[0]) / (2 * EPS)
    return g
D = {k: neg_grad(k, H) for k in ['zb', 'ib', 'fb', 'ob', 'c', 'y']}
D['x'] = neg_grad('x', I)
upper = TGT - S['y']                      # = -dL/dy_t, direct part (what the driver passes)

# sanity of the reference decomposition: summed step contributions == -dL/dW by finite differences
def neg_grad_w(key):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*P[key].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += EPS; Pm[key][idx] -= EPS
        g[idx] = -(ref(Pp)[0] - ref(Pm)[0]) / (2 * EPS)
    return g
yprev = np.column_stack([Y0] + [S['y'][:, t] for t in range(T - 1)])
cprev = np.column_stack([C0] + [S['c'][:, t] for t in range(T - 1)])
assert close(sum(np.outer(D['zb'][:, t], X[:, t]) for t in range(T)), neg_grad_w('Wz'), 1e-5)
assert close(sum(np.outer(D['fb'][:, t], yprev[:, t]) for t in range(T)), neg_grad_w('Rf'), 1e-5)
assert close(sum(cprev[:, t] * D['ib'][:, t] for t in range(T)), neg_grad_w('pi'), 1e-5)
assert close(sum(S['c'][:, t] * D['ob'][:, t] for t in range(T)), neg_grad_w('po'), 1e-5)

# reference environment object standing in for 'self'
class Ref: pass
R = Ref()
for k, v in P.items(): setattr(R, k, v.copy())
R.learnRate, R.T = LR, T
R.future_y, R.future_c = Y0.copy(), C0.copy()
R.x_prev = X.copy()
for k in 'zifcoy': setattr(R, k + '_prev', S[k].copy())
R.delta_z_list, R.delta_i_list, R.delta_f_list = D['zb'].copy(), D['ib'].copy(), D['fb'].copy()
R.delta_o_list, R.delta_c_list, R.delta_y_list = D['ob'].copy(), D['c'].copy(), D['y'].copy()
R.delta_x = D['x'].copy()

def split(cl):
    s = lines[md(cl) - 1].strip()
    m = re.match(r'^(.*?)\s*(\+=|(?<![=!<>])=(?!=))\s*(.*)$', s)
    return m.group(1), m.group(2), m.group(3)
def ev(expr, t_self=None, t=None):
    R.t = t_self if t_self is not None else 0
    env = {'self': R, 'np': np, 'sigmoid': ns['sigmoid'], 'sigmoidPrime': ns['sigmoidPrime'],
           'tanhPrime': ns['tanhPrime'], 'upperLayerDeltas': upper, 't': t}
    if t_self is not None: env['X'] = X[:, t_self]
    return eval(expr, env)

# helpers
xs = rng.normal(size=6) * 2
record(md(code_line_of('output = 1/(1+np.exp(-x))')), close(ns['sigmoid'](xs), 1 / (1 + np.exp(-xs))))
record(md(code_line_of('return output*(1-output)')), close(ns['sigmoidPrime'](sig(xs)), (sig(xs + EPS) - sig(xs - EPS)) / (2 * EPS)))
record(md(code_line_of('return (1-output**2)')), close(ns['tanhPrime'](np.tanh(xs)), (np.tanh(xs + EPS) - np.tanh(xs - EPS)) / (2 * EPS)))

# forward lines, judged locally against the reference cell
fw1 = code_line_of('if (self.t != 0):')
fw0 = code_line_of('else:', fw1 + OFF)
for cl in list(range(fw1 + 1, fw1 + 7)) + list(range(fw0 + 1, fw0 + 7)):
    lhs, op, rhs = split(cl)
    key = re.match(r'self\.(\w)_prev', lhs).group(1)
    ts = range(1, T) if cl < fw0 else [0]
    record(md(cl), all(close(ev(rhs, t_self=t), S[key][:, t]) for t in ts))

# backward delta lines
bw = code_line_of('def backPropagate_T(self, upperLayerDeltas):')
dmap = {'delta_y_list': 'y', 'delta_o_list': 'ob', 'delta_c_list': 'c', 'delta_f_list': 'fb',
        'delta_i_list': 'ib', 'delta_z_list': 'zb', 'delta_x': 'x'}
lastbr = code_line_of('if (t == self.T-1):', bw + OFF)
elsebr = code_line_of('else:', lastbr + OFF)
fguard = code_line_of('if (t != 0) :', bw + OFF)
upd = code_line_of('# EVALUATING THE UPDATES', bw + OFF)
for cl in range(lastbr + 1, upd):
    s = lines[md(cl) - 1].strip()
    if not s.startswith('self.delta'):
        continue
    lhs, op, rhs = split(cl)
    key = dmap[re.match(r'self\.(\w+)\[', lhs).group(1)]
    if cl < elsebr: ts = [T - 1]
    elif cl < fguard: ts = range(T - 1)
    elif cl == fguard + 1: ts = range(1, T)
    else: ts = range(T)
    record(md(cl), all(close(ev(rhs, t=t), D[key][:, t], 1e-5) for t in ts))

# update lines: lr * step contribution (step t, or step t+1 for the recurrent/peephole block)
rguard = code_line_of('if(t < self.T-1):', upd + OFF)
stepc = {
 'Wz': lambda t: np.outer(D['zb'][:, t], X[:, t]), 'Wi': lambda t: np.outer(D['ib'][:, t], X[:, t]),
 'Wf': lambda t: np.outer(D['fb'][:, t], X[:, t]), 'Wo': lambda t: np.outer(D['ob'][:, t], X[:, t]),
 'po': lambda t: S['c'][:, t] * D['ob'][:, t],
 'bz': lambda t: D['zb'][:, t], 'bi': lambda t: D['ib'][:, t], 'bf': lambda t: D['fb'][:, t], 'bo': lambda t: D['ob'][:, t],
 'Rz': lambda t: np.outer(D['zb'][:, t + 1], S['y'][:, t]), 'Ri': lambda t: np.outer(D['ib'][:, t + 1], S['y'][:, t]),
 'Rf': lambda t: np.outer(D['fb'][:, t + 1], S['y'][:, t]), 'Ro': lambda t: np.outer(D['ob'][:, t + 1], S['y'][:, t]),
 'pi': lambda t: S['c'][:, t] * D['ib'][:, t + 1], 'pf': lambda t: S['c'][:, t] * D['fb'][:, t + 1]}
for cl in range(upd + 1, code_line_of('return  self.delta_x') ):
    s = lines[md(cl) - 1].strip()
    if not re.match(r'self\.\w+ \+=', s):
        continue
    lhs, op, rhs = split(cl)
    key = lhs.split('.')[1]
    ts = range(T - 1) if cl > rguard else range(T)
    record(md(cl), all(close(ev(rhs, t=t), LR * stepc[key](t), 1e-5) for t in ts))

# informative: run the author's class as testLSTM2.py does and compare its Wz step with -lr dL/dWz
lay = ns['LSTMlayer'](I, H, LR, T)
for k, v in P.items(): setattr(lay, k, v.copy())
lay.future_y, lay.future_c = Y0.copy(), C0.copy()
ya = np.column_stack([lay.forwardPropagate(X[:, t]).copy() for t in range(T)])
lay.backPropagate_T(TGT - ya)
print('author Wz step == lr * (-dL/dWz)?', close(lay.Wz - P['Wz'], LR * neg_grad_w('Wz'), 1e-5),
      '| author forward == reference forward?', close(ya, S['y']))

# informative: the corrected expressions agree with the reference (so the fails above are for the stated reasons)
Dy, Do, Dc, Di, Df, Dz = D['y'], D['ob'], D['c'], D['ib'], D['fb'], D['zb']
tp = lambda a: 1 - a ** 2; sp = lambda a: a * (1 - a)
fix137 = all(close(upper[:, t] + P['Rz'].T @ Dz[:, t+1] + P['Ri'].T @ Di[:, t+1] + P['Rf'].T @ Df[:, t+1] + P['Ro'].T @ Do[:, t+1], Dy[:, t], 1e-5) for t in range(T-1))
fix138 = all(close(Dy[:, t] * np.tanh(S['c'][:, t]) * sp(S['o'][:, t]), Do[:, t], 1e-5) for t in range(T))
fix139 = all(close(Dy[:, t] * tp(np.tanh(S['c'][:, t])) * S['o'][:, t] + P['po'] * Do[:, t] + (Dc[:, t+1] * S['f'][:, t+1] + P['pi'] * Di[:, t+1] + P['pf'] * Df[:, t+1] if t < T-1 else 0), Dc[:, t], 1e-5) for t in range(T))
fix110 = close(sig(P['Wi'] @ X[:, 0] + P['Ri'] @ Y0 + P['pi'] * C0 + P['bi']), S['i'][:, 0])
df0 = close(Dc[:, 0] * C0 * sp(S['f'][:, 0]), Df[:, 0], 1e-5) and not close(Df[:, 0], 0 * Df[:, 0])
print('corrected: recurrence with R^T', fix137, '| delta_o from delta_y', fix138, '| delta_c with peepholes', fix139,
      '| i_0 with peephole', fix110, '| delta_f_0 non-zero and = delta_c_0*c_{-1}*sigma\'', df0)

bad = 0
for ln in sorted(set(list(results) + [int(k) for k in expected])):
    exp = expected.get(str(ln)); got = results.get(ln)
    if exp is None or got is None:
        print('line %d: MISMATCH (annotation/check missing)' % ln); bad += 1; continue
    num = 'pass' if all(got) else 'fail'
    ok = num == exp['expected']; bad += not ok
    print('line %d: expected %s, numeric %s%s' % (ln, exp['expected'], num, '' if ok else '  <-- MISMATCH'))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)
sys.exit(1 if bad else 0)
