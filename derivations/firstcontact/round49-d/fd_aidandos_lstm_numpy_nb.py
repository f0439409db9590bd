"""Finite-difference check of aidandos_lstm_numpy_nb.md (Aidandos/lstm_from_scratch notebook).
Execs the author's helper cell and LSTM class; checks each annotated line by evaluating the author's own
statement text (taken from the note) in a namespace where self.memo / self.var / self.updates and the local
deltas hold REFERENCE values (correct upstream), and compares with central differences of an independent
standard LSTM (colah naming: hx = [h_{t-1}; x_t], column vectors, softmax + cross-entropy on the LAST step only,
as in the author's train()). numpy only."""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'aidandos_lstm_numpy_nb.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
blocks = re.findall(r'```python\n(.*?)```', text, re.S)
ns = {'np': np}
for b in blocks[1:3]:          # helper cell and class cell (the import cell has an IPython magic)
    exec(b, ns)
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

def L(snip, start=1):
    for i in range(start - 1, len(lines)):
        if snip in lines[i]:
            return i + 1
    raise KeyError(snip)

def stmt(ln):
    """statement text starting at line ln (joins continuation lines of an open parenthesis)"""
    s = lines[ln - 1].strip(); k = ln
    while s.count('(') > s.count(')'):
        s += ' ' + lines[k].strip(); k += 1
    return s

results = {}
def rec(ln, ok):
    results.setdefault(ln, []).append(bool(ok))
close = lambda a, b, tol=1e-6: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=tol, atol=tol)

rng = np.random.default_rng(3)
EPS = 1e-6
sig = lambda z: 0.5 * (1 + np.tanh(z / 2))

# ---------------- helpers
z = rng.normal(size=(5, 1)) * 2
rec(L('x_return = 1 / (1+np.exp(-x))'), close(ns['sigmoid'](z), sig(z)))
rec(L('return np.tanh(x)'), close(ns['tanh'](z), np.tanh(z)))
rec(L('return sigmoid(x)*(1-sigmoid(x))'), close(ns['dsigmoid'](z), (sig(z + EPS) - sig(z - EPS)) / (2 * EPS)))
rec(L('return 1- np.tanh(x)*np.tanh(x)'), close(ns['dtanh'](z), (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)))
sm = lambda v: np.exp(v - v.max()) / np.exp(v - v.max()).sum()
rec(L('sol = e_val/np.sum(e_val)'), close(ns['softmax'](z), sm(z)))
rec(L('log_li = -np.log(softmax_output[target_index])'), close(ns['cross_entropy'](sm(z)[:, 0], 2), -np.log(sm(z)[2, 0])))
fdce = np.array([[(-np.log(sm(z + EPS * np.eye(5)[:, [i]])[2, 0]) + np.log(sm(z - EPS * np.eye(5)[:, [i]])[2, 0])) / (2 * EPS)] for i in range(5)])
rec(L('softmax_output[target_index] -= 1'), close(ns['dcross_entropy'](sm(z).copy(), 2), fdce))

# ---------------- reference LSTM (h fed back), loss = CE(softmax(Ws h_T + bs), y) at the last step
Hs, I, T = 3, 4, 4
P = {'Ws': rng.normal(size=(I, Hs)), 'bs': rng.normal(size=(I, 1)) * .3}
for g in 'oci f'.split():
    pass
for g in ['Wo', 'Wc', 'Wi', 'Wf']:
    P[g] = rng.normal(size=(Hs, Hs + I)) * .8
for g in ['bo', 'bc', 'bi', 'bf']:
    P[g] = rng.normal(size=(Hs, 1)) * .3
h0 = rng.normal(size=(Hs, 1)) * .5; C0 = rng.normal(size=(Hs, 1)) * .5
xs = [np.eye(I)[:, [k]] for k in rng.integers(0, I, size=T)]
ytar = 1

def ref(P, inj=None):
    def J(name, t, v):
        if inj is not None and inj[0] == name and inj[1] == t:
            v = v + inj[2]
        return v
    h, C = h0, C0; S = []
    for t in range(T):
        hx = J('hx', t, np.vstack((h, xs[t])))
        Cold = J('Cold', t, C)
        zi = J('zi', t, P['Wi'] @ hx + P['bi']); zf = J('zf', t, P['Wf'] @ hx + P['bf'])
        zc = J('zc', t, P['Wc'] @ hx + P['bc']); zo = J('zo', t, P['Wo'] @ hx + P['bo'])
        i, f, c, o = sig(zi), sig(zf), np.tanh(zc), sig(zo)
        C = J('C', t, f * Cold + i * c)
        h = J('h', t, np.tanh(C) * o)
        s = J('s', t, P['Ws'] @ h + P['bs'])
        S.append(dict(hx=hx, Cold=Cold, i=i, f=f, c=c, o=o, C=C, h=h, s=s, out=sm(s)))
    return -np.log(S[-1]['out'][ytar, 0]), S

def fdp(name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        g[idx] = (ref(P, (name, t, e))[0] - ref(P, (name, t, -e))[0]) / (2 * EPS)
    return g

def fdw(key):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*P[key].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += EPS; Pm[key][idx] -= EPS
        g[idx] = (ref(Pp)[0] - ref(Pm)[0]) / (2 * EPS)
    return g

L0, S = ref(P)
dh = [fdp('h', t, (Hs, 1)) for t in range(T)]
dC = [fdp('C', t, (Hs, 1)) for t in range(T)]
dz = {g: [fdp('z' + g, t, (Hs, 1)) for t in range(T)] for g in 'ifco'}
dhx = [fdp('hx', t, (Hs + I, 1)) for t in range(T)]
dCold = [fdp('Cold', t, (Hs, 1)) for t in range(T)]
ds = fdp('s', T - 1, (I, 1))

# ---------------- author's forward (as train() runs it): does it reproduce the LSTM?
model = ns['LSTM'](Hs, I, T)
for k in P:
    model.var[k] = P[k].copy()
model.var['hidden_state'] = h0.copy(); model.var['cell_state'] = C0.copy()
outs = [model.forward(xs[t], t) for t in range(T)]
M = model.memo
rec(L('hx = np.vstack((self.var'), all(close(M['hx'][:, [t]], S[t]['hx']) for t in range(T)))

class Obj: pass
def make_self(t):
    me = Obj()
    me.var = {k: v.copy() for k, v in P.items()}; me.var['hidden_state'] = h0.copy(); me.var['cell_state'] = S[t]['Cold'].copy()
    me.memo = {'hx': np.hstack([S[k]['hx'] for k in range(T)]), 'i_t': np.hstack([S[k]['i'] for k in range(T)]),
               'f_t': np.hstack([S[k]['f'] for k in range(T)]), 'c_t': np.hstack([S[k]['c'] for k in range(T)]),
               'o_t': np.hstack([S[k]['o'] for k in range(T)]), 'C_t': np.hstack([S[k]['C'] for k in range(T)]),
               'C_old': np.hstack([S[k]['Cold'] for k in range(T)]), 'hidden_state_t': np.hstack([S[k]['h'] for k in range(T)])}
    me.updates = {k: np.zeros_like(v) for k, v in me.var.items()}
    return me

def run(ln, env):
    env = dict(env); env.update({k: ns[k] for k in ['sigmoid', 'tanh', 'dsigmoid', 'dtanh', 'softmax', 'dcross_entropy']}); env['np'] = np
    exec(stmt(ln), env)
    return env

LF = L('def forward(self,X,timestep):')
# forward statements evaluated with reference inputs
for snip, var, key in [("i_t = sigmoid(np.dot(self.var['Wi'], hx)", 'i_t', 'i'), ("f_t = sigmoid(np.dot(self.var['Wf'],hx)", 'f_t', 'f'),
                       ("c_t = tanh(np.dot(self.var['Wc'],hx)", 'c_t', 'c'), ("o_t = sigmoid(np.dot(self.var['Wo'],hx)", 'o_t', 'o')]:
    ln = L(snip, LF)
    rec(ln, all(close(run(ln, {'self': make_self(t), 'hx': S[t]['hx']})[var], S[t][key]) for t in range(T)))
lnCf, lnCi, lnC = L('Cf = cell_state * f_t', LF), L('Ci = i_t * c_t', LF), L('C_t = Cf + Ci', LF)
rec(lnCf, all(close(run(lnCf, {'cell_state': S[t]['Cold'], 'f_t': S[t]['f']})['Cf'], S[t]['f'] * S[t]['Cold']) for t in range(T)))
rec(lnCi, all(close(run(lnCi, {'i_t': S[t]['i'], 'c_t': S[t]['c']})['Ci'], S[t]['i'] * S[t]['c']) for t in range(T)))
rec(lnC, all(close(run(lnC, {'Cf': S[t]['f'] * S[t]['Cold'], 'Ci': S[t]['i'] * S[t]['c']})['C_t'], S[t]['C']) for t in range(T)))
ln = L('hidden_state_t = tanh(C_t) * o_t', LF)
rec(ln, all(close(run(ln, {'C_t': S[t]['C'], 'o_t': S[t]['o']})['hidden_state_t'], S[t]['h']) for t in range(T)))
ln = L("s_t = np.dot(self.var['Ws'],hidden_state_t)", LF)
rec(ln, all(close(run(ln, {'self': make_self(t), 'hidden_state_t': S[t]['h']})['s_t'], S[t]['s']) for t in range(T)))
ln = L('output = softmax(s_t)', LF)
rec(ln, all(close(run(ln, {'s_t': S[t]['s']})['output'], S[t]['out']) for t in range(T)))

# ---------------- backward statements (reference upstream values)
LB = L('def backward(self, target_index')
me = make_self(T - 1)
ln = L('deltaL1 = dcross_entropy(grad, target_index)', LB)
d1 = run(ln, {'grad': S[-1]['out'].copy(), 'target_index': ytar})['deltaL1']; rec(ln, close(d1, ds))
for snip, key in [("self.updates['Ws'] += np.dot(deltaL1", 'Ws'), ("self.updates['bs'] += deltaL1", 'bs')]:
    ln = L(snip, LB); me = make_self(T - 1); run(ln, {'self': me, 'deltaL1': ds}); rec(ln, close(me.updates[key], fdw(key)))
ln = L("delta_wrt_h = np.dot(np.transpose(self.var['Ws']), deltaL1)", LB)
rec(ln, close(run(ln, {'self': make_self(T - 1), 'deltaL1': ds})['delta_wrt_h'], dh[T - 1]))

# delta_wrt_h += self.updates['hidden_state'] : what the variable holds on entry is what the previous iteration left
ln = L("delta_wrt_h += self.updates['hidden_state']", LB)
for t in reversed(range(T)):
    m = make_self(t)
    prior = P['Ws'].T @ ds if t == T - 1 else dh[t + 1].copy()          # correct values left by the earlier lines
    m.updates['hidden_state'] = np.zeros((Hs, 1)) if t == T - 1 else dhx[t + 1][:Hs].copy()
    rec(ln, close(run(ln, {'self': m, 'delta_wrt_h': prior.copy(), 'timestep': t})['delta_wrt_h'], dh[t], 1e-5))

def per_t(snip, var, env_fn, target, tol=1e-5):
    ln = L(snip, LB)
    for t in range(T):
        rec(ln, close(run(ln, env_fn(t))[var], target(t), tol))

per_t("delta_wrt_o = dsigmoid(self.memo['o_t']", 'delta_wrt_o', lambda t: {'self': make_self(t), 'timestep': t, 'delta_wrt_h': dh[t]}, lambda t: dz['o'][t])
later = lambda t: dC[t] - S[t]['o'] * dh[t] * (1 - np.tanh(S[t]['C']) ** 2)     # dL/dC_t through C_{t+1} only
def env179(t):
    m = make_self(t); m.updates['cell_state'] = (S[t + 1]['f'] * dC[t + 1]) if t + 1 < T else np.zeros((Hs, 1))
    return {'self': m, 'timestep': t}
per_t("delta_wrt_Ct = np.copy(self.updates['cell_state'])", 'delta_wrt_Ct', env179, later)
per_t("delta_wrt_Ct += self.memo['o_t']", 'delta_wrt_Ct', lambda t: {'self': make_self(t), 'timestep': t, 'delta_wrt_h': dh[t], 'delta_wrt_Ct': later(t).copy()}, lambda t: dC[t])
per_t("delta_wrt_c = dtanh(self.memo['c_t']", 'delta_wrt_c', lambda t: {'self': make_self(t), 'timestep': t, 'delta_wrt_Ct': dC[t]}, lambda t: dz['c'][t])
per_t("delta_wrt_i = dsigmoid(self.memo['i_t']", 'delta_wrt_i', lambda t: {'self': make_self(t), 'timestep': t, 'delta_wrt_Ct': dC[t]}, lambda t: dz['i'][t])
per_t("delta_wrt_f = dsigmoid(self.memo['f_t']", 'delta_wrt_f', lambda t: {'self': make_self(t), 'timestep': t, 'delta_wrt_Ct': dC[t]}, lambda t: dz['f'][t])
# parameter accumulations: sum over t with the correct pre-activation deltas
for g in 'ocif':
    for kind in ['W', 'b']:
        key = kind + g
        ln = L("self.updates['%s'] += " % key, LB)
        m = make_self(0)
        for t in range(T):
            run(ln, {'self': m, 'timestep': t, 'delta_wrt_' + g: dz[g][t]})
        rec(ln, close(m.updates[key], fdw(key), 1e-5))
per_t("delta_wrt_hx = (np.dot(np.transpose(self.var['Wf'])", 'delta_wrt_hx',
      lambda t: {'self': make_self(t), 'delta_wrt_f': dz['f'][t], 'delta_wrt_i': dz['i'][t], 'delta_wrt_c': dz['c'][t], 'delta_wrt_o': dz['o'][t]}, lambda t: dhx[t])
def run_upd(snip, key, env_fn, target):
    ln = L(snip, LB)
    for t in range(T):
        e = env_fn(t); run(ln, e); rec(ln, close(e['self'].updates[key], target(t), 1e-5))
run_upd("self.updates['hidden_state'] = delta_wrt_hx[", 'hidden_state', lambda t: {'self': make_self(t), 'delta_wrt_hx': dhx[t]}, lambda t: dhx[t][:Hs])
run_upd("self.updates['cell_state'] = self.memo['f_t']", 'cell_state', lambda t: {'self': make_self(t), 'timestep': t, 'delta_wrt_Ct': dC[t]}, lambda t: dCold[t])

# ---------------- report
bad = 0
for ln in sorted(set(results) | {int(k) for k in expected}):
    exp = expected.get(str(ln)); got = results.get(ln)
    if exp is None or got is None:
        print('line %d: MISMATCH (annotation or check missing)' % ln); bad += 1; continue
    num = 'pass' if all(got) else 'fail'
    ok = num == exp['expected']; bad += not ok
    print('line %d: expected %s, numeric %s%s' % (ln, exp['expected'], num, '' if ok else '   <-- MISMATCH'))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)
sys.exit(1 if bad else 0)
