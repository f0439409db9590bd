"""Finite-difference check of pierrau_dd2424_rnn_numpy.md (M. Pierrau, KTH DD2424 assignment 4, vanilla RNN).
Execs both code fences, runs the author's forwardProp/computeGradients as fit() does (a chunk with a NONZERO
incoming hidden state hprev, as every chunk after the first one of an epoch), and checks each annotated line by
evaluating the author's statement text with reference values (correct upstream), against central differences
of an independent numpy RNN: a_t = W h_{t-1} + U x_t + b, h_t = tanh(a_t), o_t = V h_t + c, p_t = softmax(o_t),
L = sum_t -log p_t[y_t] (computeLoss(P, Y) with avg=False in fit). numpy only (scipy is imported by the author's file)."""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'pierrau_dd2424_rnn_numpy.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
blocks = re.findall(r'```python\n(.*?)```', text, re.S)
ns = {}
exec(blocks[0], ns); exec(blocks[1], ns)
RNN_model = ns['RNN_model']
RNN_model.clipGrads = lambda self: None       # cut from the note (clipping at +-5 is a heuristic; values here stay far below 5)
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

def L(snip, start=1):
    for i in range(start - 1, len(lines)):
        if snip in lines[i]:
            return i + 1
    raise KeyError(snip)
results = {}
def rec(ln, ok): results.setdefault(ln, []).append(bool(ok))
close = lambda a, b, tol=1e-6: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=tol, atol=tol)
def run(ln, env):
    env = dict(env); env['np'] = np; env['softMax'] = ns['softMax']
    exec(lines[ln - 1].strip(), env); return env

rng = np.random.default_rng(7)
EPS = 1e-6
m, k, n = 4, 5, 6
pars = {'b': rng.normal(size=(m, 1)) * .3, 'c': rng.normal(size=(k, 1)) * .3, 'U': rng.normal(size=(m, k)) * .7,
        'W': rng.normal(size=(m, m)) * .7, 'V': rng.normal(size=(k, m)) * .7}
X = np.eye(k)[:, rng.integers(0, k, size=n)]; Y = np.eye(k)[:, rng.integers(0, k, size=n)]
h0 = rng.normal(size=(m, 1)) * .6          # hprev carried over from the previous chunk
sm = lambda o: np.exp(o - o.max(0)) / np.exp(o - o.max(0)).sum(0)

def ref(p, inj=None):
    h = h0; S = []
    for t in range(n):
        a = p['W'] @ h + p['U'] @ X[:, [t]] + p['b']
        if inj and inj[0] == 'a' and inj[1] == t: a = a + inj[2]
        h = np.tanh(a)
        if inj and inj[0] == 'h' and inj[1] == t: h = h + inj[2]
        o = p['V'] @ h + p['c']
        if inj and inj[0] == 'o' and inj[1] == t: o = o + inj[2]
        S.append(dict(a=a, h=h, o=o, p=sm(o)))
    return sum(-np.log(S[t]['p'][Y[:, t].argmax(), 0]) for t in range(n)), S
def fdp(name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        g[idx] = (ref(pars, (name, t, e))[0] - ref(pars, (name, t, -e))[0]) / (2 * EPS)
    return g
def fdw(key):
    g = np.zeros_like(pars[key])
    for idx in np.ndindex(*pars[key].shape):
        pp = {kk: v.copy() for kk, v in pars.items()}; pm = {kk: v.copy() for kk, v in pars.items()}
        pp[key][idx] += EPS; pm[key][idx] -= EPS
        g[idx] = (ref(pp)[0] - ref(pm)[0]) / (2 * EPS)
    return g
L0, S = ref(pars)
dO = np.hstack([fdp('o', t, (k, 1)) for t in range(n)]).T          # rows = time, like dLdO
dH = np.hstack([fdp('h', t, (m, 1)) for t in range(n)]).T
dA = np.hstack([fdp('a', t, (m, 1)) for t in range(n)])            # columns = time, like dLdA
A = np.hstack([s['a'] for s in S]); H = np.hstack([s['h'] for s in S]); Pm = np.hstack([s['p'] for s in S])

# ---- RNN_funcs
ln = L('entrFunc = lambda Y,P : np.trace(-np.log(np.dot(Y.T,P)))'); e = run(ln, {}); rec(ln, np.isclose(e['entrFunc'](Y, Pm), L0))
ln = L('entrFunc = lambda Y,P : np.trace(-np.dot(Y.T,np.log(P)))'); e = run(ln, {}); rec(ln, np.isclose(e['entrFunc'](Y, Pm), L0))
ln = L('entrSum /= N'); rec(ln, np.isclose(run(ln, {'entrSum': L0, 'N': n})['entrSum'], L0 / n))
ln = L('S = np.exp(X) / np.sum(np.exp(X), axis=0)'); Z = rng.normal(size=(k, 3)); rec(ln, close(run(ln, {'X': Z})['S'], sm(Z)))

# ---- author's forward, as fit() calls it
mod = object.__new__(RNN_model); mod.m, mod.k, mod.pars, mod.grads = m, k, {kk: v.copy() for kk, v in pars.items()}, {}
Aa, Ha, Pa = mod.forwardProp(X, h0)
LC = L('def forwardPass(self, hPrev, xt):')
hprev = lambda t: h0 if t == 0 else S[t - 1]['h']
for snip, var, key, env in [('at = self.pars["W"].dot(hPrev)', 'at', 'a', lambda t: {'self': mod, 'hPrev': hprev(t), 'xt': X[:, [t]]}),
                            ('ht = np.tanh(at)', 'ht', 'h', lambda t: {'at': S[t]['a']}),
                            ('ot = self.pars["V"].dot(ht)', 'ot', 'o', lambda t: {'self': mod, 'ht': S[t]['h']}),
                            ('pt = softMax(ot)', 'pt', 'p', lambda t: {'ot': S[t]['o']})]:
    ln = L(snip, LC); rec(ln, all(close(run(ln, env(t))[var], S[t][key]) for t in range(n)))
rec(L('at = self.pars["W"].dot(hPrev)', LC), close(Aa, A))   # end-to-end forward agrees too

# ---- computeGradients, line by line with reference upstream values
LG = L('def computeGradients(self,X,Y,A,H,P):')
base = {'self': mod, 'X': X, 'Y': Y, 'A': A, 'H': H, 'P': Pm, 'n': n}
ln = L('dLdO = -(Y-P).T', LG); rec(ln, close(run(ln, base)['dLdO'], dO))
ln = L('dLdH[-1] = dLdO[-1].dot(self.pars["V"])', LG)
rec(ln, close(run(ln, dict(base, dLdO=dO, dLdH=np.zeros((n, m))))['dLdH'][-1], dH[-1]))
ln = L('dLdA[:,-1] = dLdH[-1] * (1-np.tanh(A[:,-1].T)**2)', LG)
rec(ln, close(run(ln, dict(base, dLdH=dH.copy(), dLdA=np.zeros((m, n))))['dLdA'][:, -1], dA[:, -1]))
ln = L('dLdH[t] = dLdO[t].dot(self.pars["V"]) + dLdA[:,[t+1]].T.dot(self.pars["W"])', LG)
for t in range(n - 2, -1, -1):
    rec(ln, close(run(ln, dict(base, t=t, dLdO=dO, dLdA=dA, dLdH=np.zeros((n, m))))['dLdH'][t], dH[t]))
ln = L('dLdA[:,t] = dLdH[t] * (1 - np.tanh(A[:,t].T)**2)', LG)
for t in range(n - 2, -1, -1):
    rec(ln, close(run(ln, dict(base, t=t, dLdH=dH, dLdA=np.zeros((m, n))))['dLdA'][:, t], dA[:, t]))
# tmpH: must hold h_{t-1} in column t, i.e. [h_0, h_1, ..., h_{n-1}]
ln = L('tmpH[:,1:] = H[:,:-1]', LG)
tmpH = run(ln, dict(base, tmpH=np.zeros_like(H)))['tmpH']
rec(ln, close(tmpH, np.hstack([h0] + [S[t]['h'] for t in range(n - 1)])))
Hprev_ref = np.hstack([h0] + [S[t]['h'] for t in range(n - 1)])
for snip, var, key, env in [('dLdU = np.dot(dLdA, X.T)', 'dLdU', 'U', dict(base, dLdA=dA)),
                            ('dLdV = np.dot(dLdO.T, H.T)', 'dLdV', 'V', dict(base, dLdO=dO)),
                            ('dLdW = np.dot(dLdA, tmpH.T)', 'dLdW', 'W', dict(base, dLdA=dA, tmpH=Hprev_ref)),   # judged with the right matrix of previous states
                            ('dLdb = np.sum(dLdA, axis=1, keepdims=True)', 'dLdb', 'b', dict(base, dLdA=dA)),
                            ('dLdc = np.sum(dLdO.T, axis=1, keepdims=True)', 'dLdc', 'c', dict(base, dLdO=dO))]:
    ln = L(snip, LG); rec(ln, close(run(ln, env)[var], fdw(key), 1e-5))
# end-to-end: the author's own computeGradients (informative + confirms the dLdW verdict)
mod.computeGradients(X, Y, Aa, Ha, Pa)
print('author end-to-end: W ok?', close(mod.grads['W'], fdw('W'), 1e-5), '| U ok?', close(mod.grads['U'], fdw('U'), 1e-5),
      '| W ok when h0 = 0 would be used by the reference?', close(mod.grads['W'], np.dot(dA, np.hstack([np.zeros((m, 1)), H[:, :-1]]).T)))

bad = 0
for ln in sorted(set(results) | {int(x) for x in expected}):
    ex = expected.get(str(ln)); got = results.get(ln)
    if ex is None or got is None:
        print('line %d: MISMATCH (annotation or check missing)' % ln); bad += 1; continue
    num = 'pass' if all(got) else 'fail'; ok = num == ex['expected']; bad += not ok
    print('line %d: expected %s, numeric %s%s' % (ln, ex['expected'], num, '' if ok else '   <-- MISMATCH'))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)
sys.exit(1 if bad else 0)
