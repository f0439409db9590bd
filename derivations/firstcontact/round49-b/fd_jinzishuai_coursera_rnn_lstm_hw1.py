"""Finite-difference check of jinzishuai_coursera_rnn_lstm_hw1.md (jinzishuai/learn2deeplearn hw1.py @ c11a78e).
Execs the student's python fences (a stand-in rnn_utils module supplies the course's sigmoid/softmax), runs
his RNN/LSTM cells on random data like the notebook's test cells, and compares every annotated line with
central differences of an independent numpy implementation.  Code lines are evaluated from their own text
(right-hand side eval'd on the captured locals, with right upstream values substituted where the line is
judged locally); the notebook's LaTeX equations (7)-(17) and the RNN/LSTM forward equations are transcribed.
Exit 0 only when every numeric verdict agrees with expected.json."""
import json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'jinzishuai_coursera_rnn_lstm_hw1.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
ru = types.ModuleType('rnn_utils')
def _softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)
ru.softmax = _softmax; ru.sigmoid = lambda x: 1 / (1 + np.exp(-x)); ru.np = np
sys.modules['rnn_utils'] = ru
ns = {}
exec('\n'.join(re.findall(r'```python\n(.*?)```', text, re.S)), ns)
res = {}
def rec(ln, ok): res.setdefault(ln, []).append(bool(ok))
def close(a, b, tol=1e-6):
    try:
        a = np.asarray(a, float); b = np.asarray(b, float)
    except Exception:
        return False
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)
def rhs(ln):
    return lines[ln - 1].split('=', 1)[1].strip()
def ev(ln, loc, **over):
    try:
        return eval(rhs(ln), dict(ns), {**loc, **over})
    except Exception as e:
        return None
def call_capture(fn, *args):
    box = {}
    def tracer(frame, event, arg):
        if frame.f_code is fn.__code__:
            def local(frame, event, arg):
                if event == 'return': box.update(frame.f_locals)
                return local
            return local
    sys.settrace(tracer)
    try: out = fn(*args)
    finally: sys.settrace(None)
    return out, box
EPS = 1e-6
def fdg(L, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        g[idx] = (L(e) - L(-e)) / (2 * EPS)
    return g
sig = lambda a: 1 / (1 + np.exp(-a))
sm = lambda z: np.exp(z - z.max(0)) / np.exp(z - z.max(0)).sum(0)
rng = np.random.default_rng(11)
n_x, n_a, n_y, m, T = 3, 4, 2, 5, 4

# ---------------------------------------------------------------- RNN
P = dict(Wax=rng.normal(size=(n_a, n_x)), Waa=rng.normal(size=(n_a, n_a)) * 0.8, Wya=rng.normal(size=(n_y, n_a)),
         ba=rng.normal(size=(n_a, 1)), by=rng.normal(size=(n_y, 1)))
xt = rng.normal(size=(n_x, m)); a_prev = rng.normal(size=(n_a, m)); da_next = rng.normal(size=(n_a, m))
def rcell(P, xt, a_prev, pre=0):
    z = P['Waa'] @ a_prev + P['Wax'] @ xt + P['ba'] + pre       # line 35's equation
    a = np.tanh(z)
    return a, sm(P['Wya'] @ a + P['by'])
a_ref, y_ref = rcell(P, xt, a_prev)
(a1, y1, cache), loc = call_capture(ns['rnn_cell_forward'], xt, a_prev, P)
rec(74, close(a1, a_ref)); rec(35, close(np.tanh(P['Waa'] @ a_prev + P['Wax'] @ xt + P['ba']), a_ref))
rec(76, close(y1, y_ref)); rec(36, close(sm(P['Wya'] @ a_ref + P['by']), y1) and close(y1.sum(0), np.ones(m)))
X = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m)); da = rng.normal(size=(n_a, m, T))
def rseq(P, X, a0):
    a, out = a0, []
    for t in range(T):
        a, _ = rcell(P, X[:, :, t], a); out.append(a)
    return np.stack(out, 2)
A, Y, caches = ns['rnn_forward'](X, a0, P)
rec(151, close(A, rseq(P, X, a0)))
Lc = lambda kw: lambda e: np.sum(da_next * rcell(**{**dict(P=P, xt=xt, a_prev=a_prev), **kw(e)})[0])
out, loc = call_capture(ns['rnn_cell_backward'], da_next, cache)
rec(432, close(loc['dtanh'], fdg(lambda e: np.sum(da_next * rcell(P, xt, a_prev, e)[0]), (n_a, m))))
rec(435, close(loc['dxt'], fdg(Lc(lambda e: dict(xt=xt + e)), xt.shape)))
rec(439, close(loc['da_prev'], fdg(Lc(lambda e: dict(a_prev=a_prev + e)), a_prev.shape)))
for ln, k in [(436, 'Wax'), (440, 'Waa'), (443, 'ba')]:
    rec(ln, close(loc['d' + k], fdg(Lc(lambda e, k=k: dict(P={**P, k: P[k] + e})), P[k].shape)))
got = ns['rnn_backward'](da, caches)
Ls = lambda f: lambda e: np.sum(da * rseq(**f(e)))
ok = (close(got['dx'], fdg(Ls(lambda e: dict(P=P, X=X + e, a0=a0)), X.shape)) and
      close(got['da0'], fdg(Ls(lambda e: dict(P=P, X=X, a0=a0 + e)), a0.shape)) and
      all(close(got['d' + k], fdg(Ls(lambda e, k=k: dict(P={**P, k: P[k] + e}, X=X, a0=a0)), P[k].shape), 1e-5)
          for k in ['Wax', 'Waa', 'ba']))
for ln in (496, 497, 502, 506, 508, 509, 510, 513):
    rec(ln, ok)
# lines 395 / 397: tanh' = 1 - tanh^2 (right) and sec(x)^2 = 1 - tanh(x)^2 (checked numerically)
u = np.linspace(-1.2, 1.2, 13) + 0.01
dtanh_fd = (np.tanh(u + EPS) - np.tanh(u - EPS)) / (2 * EPS)
rec(395, close(dtanh_fd, 1 - np.tanh(u) ** 2) and close(1 / np.cos(u) ** 2, 1 - np.tanh(u) ** 2))
rec(397, close(dtanh_fd, 1 - np.tanh(u) ** 2))

# ---------------------------------------------------------------- LSTM
Q = {k: rng.normal(size=(n_a, n_a + n_x)) for k in ['Wf', 'Wi', 'Wc', 'Wo']}
Q.update({k: rng.normal(size=(n_a, 1)) for k in ['bf', 'bi', 'bc', 'bo']})
Q.update(Wy=rng.normal(size=(n_y, n_a)), by=rng.normal(size=(n_y, 1)))
c_prev = rng.normal(size=(n_a, m)); dc_next = rng.normal(size=(n_a, m))
def lcell(Q, xt, a_prev, c_prev, inj={}):
    g = lambda k: inj.get(k, 0)
    cat = np.vstack([a_prev, xt])
    f = sig(Q['Wf'] @ cat + Q['bf'] + g('pf')); i = sig(Q['Wi'] @ cat + Q['bi'] + g('pi'))
    cc = np.tanh(Q['Wc'] @ cat + Q['bc'] + g('pc')); o = sig(Q['Wo'] @ cat + Q['bo'] + g('po'))
    c = f * c_prev + i * cc + g('cn'); a = o * np.tanh(c)
    return a, c, sm(Q['Wy'] @ a + Q['by']), dict(cat=cat, f=f, i=i, cc=cc, o=o)
a_r, c_r, y_r, R = lcell(Q, xt, a_prev, c_prev)
(a1, c1, y1, cache), loc = call_capture(ns['lstm_cell_forward'], xt, a_prev, c_prev, Q)
rec(276, loc['concat'].shape == (n_a + n_x, m)); rec(277, close(loc['concat'][:n_a], a_prev)); rec(278, close(loc['concat'][n_a:], xt))
for ln, nm, k in [(281, 'ft', 'f'), (282, 'it', 'i'), (283, 'cct', 'cc'), (285, 'ot', 'o')]:
    rec(ln, close(loc[nm], R[k]))
rec(284, close(c1, c_r)); rec(286, close(a1, a_r)); rec(289, close(y1, y_r))
cat = R['cat']
rec(183, close(sig(Q['Wf'] @ cat + Q['bf']), R['f'])); rec(191, close(sig(Q['Wi'] @ cat + Q['bi']), R['i']))
rec(199, close(np.tanh(Q['Wc'] @ cat + Q['bc']), R['cc'])); rec(203, close(R['f'] * c_prev + R['i'] * R['cc'], c1))
rec(210, close(sig(Q['Wo'] @ cat + Q['bo']), R['o'])); rec(211, close(R['o'] * np.tanh(c1), a1))
def lseq(Q, X, a0):
    a, c, out = a0, np.zeros((n_a, m)), []
    for t in range(T):
        a, c, _, _ = lcell(Q, X[:, :, t], a, c); out.append(a)
    return np.stack(out, 2)
As, Ys, Cs, caches = ns['lstm_forward'](X, a0, Q)
rec(354, close(As, lseq(Q, X, a0))); rec(359, close(As, lseq(Q, X, a0)))
# reference gradients of L = sum(da_next*a_next) + w_c*sum(dc_next*c_next)
def Ll(w_c=1.0, Q=Q, xt=xt, a_prev=a_prev, c_prev=c_prev, inj={}):
    a, c, _, _ = lcell(Q, xt, a_prev, c_prev, inj)
    return np.sum(da_next * a) + w_c * np.sum(dc_next * c)
G = lambda key, w_c=1.0: fdg(lambda e: Ll(w_c, inj={key: e}), (n_a, m))
Ro, Rc, Ri, Rf = G('po'), G('pc'), G('pi'), G('pf')
Ra_c, Ra_i, Ra_f = G('pc', 0.0), G('pi', 0.0), G('pf', 0.0)
FD = {k: fdg(lambda e, k=k: Ll(Q={**Q, k: Q[k] + e}), Q[k].shape) for k in ['Wf', 'Wi', 'Wc', 'Wo', 'bf', 'bi', 'bc', 'bo']}
FDa = fdg(lambda e: Ll(a_prev=a_prev + e), a_prev.shape); FDc = fdg(lambda e: Ll(c_prev=c_prev + e), c_prev.shape)
FDx = fdg(lambda e: Ll(xt=xt + e), xt.shape)
f, i, cc, o, cn = R['f'], R['i'], R['cc'], R['o'], c_r
th2 = 1 - np.tanh(cn) ** 2
# notebook equations (7)-(17), transcribed
rec(531, close(da_next * np.tanh(cn) * o * (1 - o), Ro))
rec(533, close(dc_next * i + o * th2 * i * da_next * cc * (1 - np.tanh(cc) ** 2), Rc))
rec(535, close(dc_next * cc + o * th2 * cc * da_next * i * (1 - i), Ri))
rec(537, close(dc_next * c_prev + o * th2 * c_prev * da_next * f * (1 - f), Rf))   # tilde c_prev read as c_prev (charitable)
for ln, dG, k in [(541, Rf, 'Wf'), (542, Ri, 'Wi'), (543, Rc, 'Wc'), (544, Ro, 'Wo')]:
    rec(ln, close(dG @ cat.T, FD[k], 1e-5))
rec(546, all(close(np.sum(dG, axis=1, keepdims=True), FD[k], 1e-5) for dG, k in [(Rf, 'bf'), (Ri, 'bi'), (Rc, 'bc'), (Ro, 'bo')]))
pairs = [('Wf', Rf), ('Wi', Ri), ('Wc', Rc), ('Wo', Ro)]
rec(550, close(sum(Q[k][:, :n_a].T @ dG for k, dG in pairs), FDa, 1e-5))
def literal(sl):
    try: return sum(np.matmul(Q[k][sl].T, dG) for k, dG in pairs)
    except Exception: return None
rec(551, close(literal(np.s_[:n_a, :]), FDa, 1e-5))
rec(553, close(dc_next * f + o * th2 * f * da_next, FDc))
rec(554, close(sum(Q[k][:, n_a:].T @ dG for k, dG in pairs), FDx, 1e-5))
rec(555, close(literal(np.s_[n_a:, :]), FDx, 1e-5))
# the student's lstm_cell_backward, line by line
out, loc = call_capture(ns['lstm_cell_backward'], da_next, dc_next, cache)
rec(594, close(ev(594, loc), Ro))
rec(595, close(ev(595, loc), Ra_c)); rec(596, close(ev(596, loc), Ra_i)); rec(597, close(ev(597, loc), Ra_f))
rec(601, close(ev(601, loc, dit=Ra_i), Ri)); rec(602, close(ev(602, loc, dft=Ra_f), Rf))
rec(603, close(ev(603, loc, dot=Ro), Ro)); rec(604, close(ev(604, loc, dcct=Ra_c), Rc))
rec(607, loc['concat'].shape == (n_a + n_x, m)); rec(608, close(loc['concat'][:n_a], a_prev)); rec(609, close(loc['concat'][n_a:], xt))
right = dict(dft=Rf, dit=Ri, dcct=Rc, dot=Ro)
for ln, k in [(610, 'Wf'), (611, 'Wi'), (612, 'Wc'), (613, 'Wo'), (614, 'bf'), (615, 'bi'), (616, 'bc'), (617, 'bo')]:
    rec(ln, close(ev(ln, loc, **right), FD[k], 1e-5))
rec(620, close(ev(620, loc, **right), FDa, 1e-5)); rec(621, close(ev(621, loc), FDc)); rec(622, close(ev(622, loc, **right), FDx, 1e-5))
print('informative: student dWo matches FD:', close(out['dWo'], FD['Wo'], 1e-5), '| dWf matches FD:', close(out['dWf'], FD['Wf'], 1e-5))

bad = 0
for ln in sorted(set(res) | {int(k) for k in expected}):
    exp = expected.get(str(ln), {}).get('expected'); got = res.get(ln)
    if exp is None or got is None:
        print('line %d: MISSING' % ln); bad += 1; continue
    num = 'pass' if all(got) else 'fail'
    bad += num != exp
    print('line %d: expected %s, numeric %s%s' % (ln, exp, num, '' if num == exp else '   <-- DISAGREES'))
print('all %d verdicts agree' % len(expected) if bad == 0 else '%d disagreements' % bad)
sys.exit(1 if bad else 0)
