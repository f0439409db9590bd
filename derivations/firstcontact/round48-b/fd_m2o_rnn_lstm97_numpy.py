"""Finite-difference check of OUTDIR/m2o_rnn_lstm97_numpy.md.
Execs the six code fences as the author's modules functions / layers / models, runs the author's forward and
backward, and compares every annotated line with central differences of an independent numpy re-implementation.
Lines whose upstream input is wrong are judged locally: their expression is re-evaluated with the reference upstream.
LSTM97: the author's stated convention (backward through the last step only, state_prev and c_prev fixed) is the
reference.  Test set-up only (not an edit of the author's code): the model's int bias array bi is cast to float,
since numpy refuses the model's in-place float accumulation into an int array."""
import json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'm2o_rnn_lstm97_numpy.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
fences = re.findall(r'```python\n(.*?)```', text, re.S)
assert len(fences) == 6
mods = {}
for name, parts in [('functions', [0]), ('layers', [1, 2, 3]), ('models', [4, 5])]:
    m = types.ModuleType(name); sys.modules[name] = m; mods[name] = m
    for i in parts:
        exec(fences[i], m.__dict__)
f, layers, models = mods['functions'], mods['layers'], mods['models']
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

def line_of(snippet, start=1):
    for i in range(start - 1, len(lines)):
        if snippet in lines[i]:
            return i + 1
    raise KeyError(snippet)
results = {}
def record(ln, ok):
    results.setdefault(ln, []).append(bool(ok))
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)
def capture(method, *args):
    """call a bound method and return (result, its local variables at return)"""
    code = method.__func__.__code__; box = {}
    def prof(frame, event, arg):
        if event == 'return' and frame.f_code is code:
            box['loc'] = dict(frame.f_locals)
    sys.setprofile(prof)
    try:
        res = method(*args)
    finally:
        sys.setprofile(None)
    return res, box['loc']
EPS = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
rng = np.random.default_rng(7)

# ------------------------------------------------------------ functions.py
z = rng.normal(size=(3, 4)) * 3
ref_sm = np.exp(z) / np.exp(z).sum(1, keepdims=True)
zc = z.copy(); sm = f.softmax(zc)          # softmax shifts zc in place
record(line_of('x -= np.max(x, axis=1,keepdims=True)'), close(np.exp(zc) / np.exp(zc).sum(1, keepdims=True), ref_sm))
record(line_of('exp_x = np.exp(x)'), close(np.exp(zc), np.exp(z - z.max(1, keepdims=True))))
record(line_of('sum_exp_x = np.sum(exp_x, axis=1, keepdims=True)'), close(np.exp(zc).sum(1, keepdims=True), np.exp(z - z.max(1, keepdims=True)).sum(1, keepdims=True)))
record(line_of('return exp_x / sum_exp_x'), close(sm, ref_sm))
record(line_of('return 1 / (1 + np.exp(-x))'), close(f.sigmoid(z), sig(z)))
record(line_of('return sigmoid(x)'), close(f.legacy_f(z), sig(z)))
record(line_of('return 4/(1 + np.exp(-x)) - 2'), close(f.legacy_g(z), 4 * sig(z) - 2) and close(f.legacy_g(np.array([-50., 50.])), [-2, 2]))
record(line_of('return 2 / (1 + np.exp(-x)) - 1'), close(f.legacy_h(z), 2 * sig(z) - 1) and close(f.legacy_h(np.array([-50., 50.])), [-1, 1]))

# ------------------------------------------------------------ RNN_manyToOne
N, T, V, H, DO = 2, 4, 5, 3, 3
model = models.RNN_manyToOne(nin=V, nout=DO, hidden_size=H, scale=0.9, seed=3)
for k in ['rnn_Wx', 'rnn_Wh', 'rnn_Wy', 'rnn_bx', 'rnn_by']:
    setattr(model, k, getattr(model, k).astype(np.float64) + (0.2 if k in ('rnn_bx', 'rnn_by') else 0.0))
xs = rng.integers(0, V, size=(N, T)); tg = rng.integers(0, DO, size=(N,))
P0 = dict(Wx=model.rnn_Wx.copy(), Wh=model.rnn_Wh.copy(), Wy=model.rnn_Wy.copy(), bx=model.rnn_bx.copy(), by=model.rnn_by.copy())
X = np.eye(V)[xs]                     # (N,T,V)

def rnn_ref(P, inj=None):
    h = np.zeros((N, H)); st = []
    def J(name, t, v):
        return v + inj[2] if inj is not None and inj[0] == name and inj[1] == t else v
    for t in range(T):
        h = J('hprev', t, h); x = J('x', t, X[:, t])
        a = J('a', t, h @ P['Wh'] + x @ P['Wx'] + P['bx'])
        h = J('h', t, np.tanh(a)); y = J('y', t, h @ P['Wy'] + P['by'])
        st.append(dict(a=a, h=h, y=y))
    yT = st[-1]['y']; p = np.exp(yT - yT.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
    return -np.mean(np.log(p[np.arange(N), tg])), st
def fdp(ref, P, name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        g[idx] = (ref(P, (name, t, e))[0] - ref(P, (name, t, -e))[0]) / (2 * EPS)
    return g
def fdw(ref, P, key):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*P[key].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += EPS; Pm[key][idx] -= EPS
        g[idx] = (ref(Pp)[0] - ref(Pm)[0]) / (2 * EPS)
    return g
L0, st = rnn_ref(P0)
# forward lines (fresh unit, no loss involved)
u = layers.RNN_unit(P0['Wh'], P0['Wx'], P0['Wy'], P0['bx'], P0['by'])
hp = rng.normal(size=(N, H)); xx = X[:, 1]
hh, yy = u.forward(xx, hp)
record(line_of('self.h = np.tanh(np.matmul(h_prev, self.Wh)'), close(hh, np.tanh(hp @ P0['Wh'] + xx @ P0['Wx'] + P0['bx'])))
record(line_of('self.output_y = np.matmul(self.h, self.Wy) + self.by'), close(yy, hh @ P0['Wy'] + P0['by']))
# model forward/backward
loss = model.forward(xs, tg)
record(line_of('loss = self.loss_layer.forward(output_y, targets)'), close(loss, L0))
grads = model.backward()
FD = {k: fdw(rnn_ref, P0, k) for k in ['Wx', 'Wh', 'Wy', 'bx', 'by']}
LR = line_of('class RNN_unit:'); LM = line_of('class RNN_manyToOne:')
for snip, gi, k in [('self.dWy = np.matmul(self.h.T, dy)', 2, 'Wy'), ('self.dby = np.sum(dy, axis=0)', 4, 'by'),
                    ('self.dWh = np.matmul(self.h_prev.T, dtanh)', 1, 'Wh'), ('self.dWx = np.matmul(self.input_x.T, dtanh)', 0, 'Wx'),
                    ('self.dbx = np.sum(dtanh, axis=0)', 3, 'bx')]:
    record(line_of(snip, LR), close(grads[gi], FD[k], 1e-5))
for snip, gi, k in [('grads[0] += rnn_unit.dWx', 0, 'Wx'), ('grads[1] += rnn_unit.dWh', 1, 'Wh'), ('grads[2] += rnn_unit.dWy', 2, 'Wy'),
                    ('grads[3] += rnn_unit.dbx', 3, 'bx'), ('grads[4] += rnn_unit.dby', 4, 'by')]:
    record(line_of(snip, LM), close(grads[gi], FD[k], 1e-5))
# per-unit replay of the author's loop (dh passed as an array so the in-place += is visible)
model.forward(xs, tg); units = list(model.rnn_layer); model.rnn_layer.clear()
dy = model.loss_layer.backward(1)
dLdh = [fdp(rnn_ref, P0, 'h', t, (N, H)) for t in range(T)]
dLda = [fdp(rnn_ref, P0, 'a', t, (N, H)) for t in range(T)]
dLdy = [fdp(rnn_ref, P0, 'y', t, (N, DO)) for t in range(T)]
dLdx = [fdp(rnn_ref, P0, 'x', t, (N, V)) for t in range(T)]
dLdh0 = fdp(rnn_ref, P0, 'hprev', 0, (N, H))
record(line_of('dy = self.loss_layer.backward(dout)', LM), close(dy, dLdy[-1], 1e-5))
record(line_of('dx = self.y.copy() * dout'), close(model.loss_layer.y, N * dLdy[-1] + np.eye(DO)[tg], 1e-5))
record(line_of('dx[np.arange(N), np.argmax(self.target, axis=-1)[np.arange(N)]] -= 1.0'), close(dy * N, N * dLdy[-1], 1e-5))
record(line_of('return dx/N'), close(dy, dLdy[-1], 1e-5))
record(line_of('y = f.softmax(input_x)'), close(model.loss_layer.y, np.exp(st[-1]['y']) / np.exp(st[-1]['y']).sum(1, keepdims=True)))
record(line_of('loss = -(target*np.log(y)).mean(axis=0).sum()'), close(loss, L0))
dh = np.zeros((N, H)); ok70 = ok72 = ok77 = ok78 = ok343 = ok344 = True
for t in reversed(range(T)):
    din = dh.copy()
    ok343 &= close(din, dLdh[t] - (dLdy[t] @ P0['Wy'].T), 1e-5)          # incoming = dL/dh_t from later steps
    ok344 &= close(dy, dLdy[t], 1e-5)
    (dh_prev, dx_t), loc = capture(units[t].backward, dh, dy)
    ok70 &= close(dh, dLdh[t], 1e-5)                                        # in-place total after 'dh +='
    ok72 &= close(loc['dtanh'], dLda[t], 1e-5)
    ok77 &= close(dh_prev, dLdh[t - 1] if t > 0 else dLdh0, 1e-5)
    ok78 &= close(dx_t, dLdx[t], 1e-5)
    if t == T - 1:
        record(line_of('dh = 0.0', LM), close(dh, dLdh[t], 1e-5))
    dh = dh_prev; dy = np.zeros_like(dy)
record(line_of('dh += np.matmul(dy, self.Wy.T)', LR), ok70)
record(line_of('dtanh = (1 - self.h**2) * dh', LR), ok72)
record(line_of('dh_prev = np.matmul(dtanh, self.Wh.T)', LR), ok77)
record(line_of('dinput_x = np.matmul(dtanh, self.Wx.T)', LR), ok78)
record(line_of('dh, dinput_x = rnn_unit.backward(dh, dy)', LM), ok343)
record(line_of('dy = np.zeros_like(dy)', LM), ok344)

# ------------------------------------------------------------ SEloss
se = layers.SEloss_unit(); yv = rng.normal(size=(1, 4)); tv = np.eye(4)[[2]]
lv = se.forward(yv, tv)
record(line_of('loss = (target - input_x)**2'), close((tv - yv) ** 2, (yv - tv) ** 2))
record(line_of('loss = np.sum(loss)'), close(lv, np.sum((yv - tv) ** 2)))
g = np.zeros_like(yv)
for idx in np.ndindex(*yv.shape):
    e = np.zeros_like(yv); e[idx] = EPS
    g[idx] = (np.sum((yv + e - tv) ** 2) - np.sum((yv - e - tv) ** 2)) / (2 * EPS)
record(line_of('dx = 2*(self.input_x - self.target) * dout'), close(se.backward(1), g, 1e-5))

# ------------------------------------------------------------ LSTM97_manyToOne / LSTM_unit_legacy
NB, CPB, NIN, NOUT, T2 = 2, 2, 8, 4, 5
NC = NB * CPB
m97 = models.LSTM97_manyToOne(nin=NIN, nout=NOUT, num_block=NB, num_cell_per_block=CPB, all_label=NIN, scale=0.6, seed=11)
m97.bi = m97.bi.astype(float); m97.params[4] = m97.bi; m97.lstm_layer.bi = m97.bi       # test set-up (see docstring)
m97.by = m97.by + 0.1; m97.params[7] = m97.by; m97.lstm_layer.by = m97.by
seq = rng.integers(0, NIN, size=(T2,)); tgt = np.array([1])
Q0 = dict(Wi=m97.wi.copy(), Wo=m97.wo.copy(), Wg=m97.wg.copy(), Wy=m97.wy.copy(), bi=m97.bi.copy(), bo=m97.bo.copy(), bg=m97.bg.copy(), by=m97.by.copy())
emb = np.eye(NIN)[seq]; target = np.eye(NOUT)[tgt]

def cell97(Q, s_prev, c_prev, x, inj=None):
    J = lambda name, v: v + inj[1] if inj is not None and inj[0] == name else v
    si = J('si', np.hstack((s_prev, x))); cp = J('cp', c_prev)
    I = J('I', sig(J('neti', si @ Q['Wi'] + Q['bi']))); O = sig(J('neto', si @ Q['Wo'] + Q['bo']))
    G = 4 * sig(J('netg', si @ Q['Wg'] + Q['bg'])) - 2
    Ib = J('Ib', np.repeat(I, CPB)); IG = J('IG', Ib * G); c = J('c', cp + IG)
    h = J('h', np.repeat(O, CPB) * (2 * sig(c) - 1)); y = J('y', h @ Q['Wy'] + Q['by'])
    return dict(si=si, I=I, O=O, G=G, Ib=Ib, IG=IG, c=c, h=h, y=y, state=np.hstack((h, I, O)))
def run97(Q):
    s, c = np.zeros(2 * NB + NC), np.zeros(NC); out = []
    for t in range(T2):
        d = cell97(Q, s, c, emb[t]); out.append((s, c, d)); s, c = d['state'], d['c']
    return out
seq97 = run97(Q0)
s_last, c_last, d_last = seq97[-1]
def trunc(Q, inj=None):           # the author's convention: only the last step, its inputs fixed
    d = cell97(Q, s_last, c_last, emb[-1], inj)
    return np.sum((target - d['y']) ** 2), d
def fdp2(name, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        g[idx] = (trunc(Q0, (name, e))[0] - trunc(Q0, (name, -e))[0]) / (2 * EPS)
    return g
def fdw2(key):
    g = np.zeros_like(Q0[key])
    for idx in np.ndindex(*Q0[key].shape):
        Qp = {k: v.copy() for k, v in Q0.items()}; Qm = {k: v.copy() for k, v in Q0.items()}
        Qp[key][idx] += EPS; Qm[key][idx] -= EPS
        g[idx] = (trunc(Qp)[0] - trunc(Qm)[0]) / (2 * EPS)
    return g
loss97 = m97.forward(seq, tgt)
lay = m97.lstm_layer
record(line_of('loss = self.loss_layer.forward(output, embedded_target)'), close(loss97, trunc(Q0)[0]))
LL = line_of('class LSTM_unit_legacy:')
record(line_of('self.state_input = np.hstack((state_prev, input_x))', LL), close(lay.state_input, d_last['si']))
record(line_of('self.I = f.legacy_f(', LL), close(lay.I, d_last['I']))
record(line_of('self.O = f.legacy_f(', LL), close(lay.O, d_last['O']))
record(line_of('self.G = f.legacy_g(', LL), close(lay.G, d_last['G']))
record(line_of('Ibroad = np.repeat(self.I, self.num_of_cell_per_block)', LL), close(np.repeat(lay.I, CPB), d_last['Ib']))
record(line_of('IG = Ibroad * self.G', LL), close(np.repeat(lay.I, CPB) * lay.G, d_last['IG']))
record(line_of('self.c = self.c_prev + IG', LL), close(lay.c, d_last['c']))
record(line_of('self.h = np.repeat(self.O, self.num_of_cell_per_block) * f.legacy_h(self.c)', LL), close(lay.h, d_last['h']))
record(line_of('self.output_y = np.matmul(self.h, self.Wy) + self.by', LL), close(lay.output_y, d_last['y']))
record(line_of('self.state = np.hstack((self.h, self.I, self.O))', LL), close(lay.state, d_last['state']))
dy97 = m97.loss_layer.backward(1)
record(line_of('dy = self.loss_layer.backward(dout)', line_of('class LSTM97_manyToOne:')), close(dy97, fdp2('y', (NOUT,))[None, :], 1e-5))
(_, _), loc = capture(lay.backward, dy97)
fdI = fdp2('I', (NB,)); fdIb = fdp2('Ib', (NC,)); fdIG = fdp2('IG', (NC,)); fdc = fdp2('c', (NC,)); fdh = fdp2('h', (NC,))
fdnetg = fdp2('netg', (NC,)); fdneto = fdp2('neto', (NB,)); fdneti = fdp2('neti', (NB,))
fdsi = fdp2('si', (2 * NB + NC + NIN,)); fdcp = fdp2('cp', (NC,))
FW = {k: fdw2(k) for k in Q0}
record(line_of('self.dby = np.sum(dy, axis=0)', LL), close(lay.dby, FW['by'], 1e-5))
record(line_of('self.dWy = np.matmul(self.h[np.newaxis,...].T, dy)', LL), close(lay.dWy, FW['Wy'], 1e-5))
record(line_of('dh = np.matmul(dy, self.Wy.T).flatten()', LL), close(loc['dh'], fdh, 1e-5))
record(line_of('dc = dh * np.repeat(self.O', LL), close(loc['dc'], fdc, 1e-5))
record(line_of('dIG = dc', LL), close(loc['dIG'], fdIG, 1e-5))
record(line_of('dIbroad = dIG * self.G', LL), close(loc['dIG'] * lay.G, fdIb, 1e-5))
record(line_of('dIbroad = np.sum(dIbroad.reshape(', LL), close(loc['dIbroad'], fdI, 1e-5))
record(line_of('dG = dIG * np.repeat(self.I', LL), close(loc['dG'], fdnetg, 1e-5))
record(line_of('dO = np.sum((dh * f.legacy_h(self.c))', LL), close(loc['dO'], fdneto, 1e-5))
record(line_of('dI = dIbroad * self.I * (1 - self.I)', LL), close(loc['dI'], fdneti, 1e-5))
si = lay.state_input
record(line_of('self.dWi = np.matmul(self.state_input', LL), close(lay.dWi, FW['Wi'], 1e-5))
record(line_of('self.dWo = np.matmul(self.state_input', LL), close(lay.dWo, FW['Wo'], 1e-5))
record(line_of('self.dWg = np.matmul(self.state_input', LL), close(np.matmul(si[..., np.newaxis], fdnetg[np.newaxis, ...]), FW['Wg'], 1e-5))
record(line_of('self.dbi = np.sum(dI, axis=0)', LL), close(np.sum(fdneti, axis=0), FW['bi'], 1e-5))
record(line_of('self.dbo = np.sum(dO, axis=0)', LL), close(np.sum(fdneto, axis=0), FW['bo'], 1e-5))
record(line_of('self.dbg = np.sum(dG, axis=0)', LL), close(np.sum(fdnetg, axis=0), FW['bg'], 1e-5))
record(line_of('dstate_input = np.matmul(dI, self.Wi.T)', LL),
       close(np.matmul(loc['dI'], lay.Wi.T) + np.matmul(loc['dO'], lay.Wo.T) + np.matmul(fdnetg, lay.Wg.T), fdsi, 1e-5))
record(line_of('dc_prev = dc', LL), close(loc['dc'], fdcp, 1e-5))
# informative: the author's own dstate_input (with its wrong dG) does not match
print('author dstate_input end-to-end (informative):', close(loc['dstate_input'], fdsi, 1e-5))
# model accumulation lines: += of the right per-step value gives the truncated gradient
L97 = line_of('class LSTM97_manyToOne:')
for snip, pkey, val in [('grads[0] += self.lstm_layer.dWi', 'Wi', lay.dWi), ('grads[1] += self.lstm_layer.dWo', 'Wo', lay.dWo),
                        ('grads[2] += self.lstm_layer.dWg', 'Wg', np.matmul(si[..., None], fdnetg[None, ...])),
                        ('grads[3] += self.lstm_layer.dWy', 'Wy', lay.dWy), ('grads[4] += self.lstm_layer.dbi', 'bi', fdneti),
                        ('grads[5] += self.lstm_layer.dbo', 'bo', fdneto), ('grads[6] += self.lstm_layer.dbg', 'bg', fdnetg),
                        ('grads[7] += self.lstm_layer.dby', 'by', lay.dby)]:
    acc = np.zeros_like(Q0[pkey]); acc += val
    record(line_of(snip, L97), close(acc, FW[pkey], 1e-5))
# informative: the author's model.backward with its own values (scalar bias grads broadcast)
g97 = m97.backward()
print('author grads[4] (dbi) vs FD (informative):', close(g97[4], FW['bi'], 1e-5))

# ------------------------------------------------------------ report
bad = 0
for ln in sorted(set(list(results) + [int(k) for k in expected])):
    exp = expected.get(str(ln)); got = results.get(ln)
    if exp is None or got is None:
        print(ln, 'MISMATCH (annotation/check missing)'); bad += 1; continue
    numeric_pass = all(got); agree = numeric_pass == (exp['expected'] == 'pass'); bad += not agree
    print(ln, 'OK' if agree else 'MISMATCH', '(numeric: %s, expected: %s)' % ('pass' if numeric_pass else 'fail', exp['expected']))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)
