"""Finite-difference check of OUTDIR/v0lta_numpy_gru_basic.md (v0lta/NumPy-backprop rnn/numpy_cells.py).
Execs the author's code fences, runs the author's forward/backward in the way rnn/train_adding.py does
(loss only on the last output: deltay is zero except at t = T-1, where it is y_T - target, the gradient of
0.5*(y_T - target)^2), and compares every annotated line with central differences of an independent
numpy re-implementation.  'Local' checks evaluate the author's expression with reference upstream values.
Prints, per annotated line, OK when the numerical result agrees with the verdict in expected.json."""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NOTE = os.path.join(HERE, 'v0lta_numpy_gru_basic.md')
text = open(NOTE).read()
lines = text.split('\n')
ns = {}
for block in re.findall(r'```python\n(.*?)```', text, re.S):
    exec(block, ns)
Sigmoid, Tanh, BasicCell, GRU = ns['Sigmoid'], ns['Tanh'], ns['BasicCell'], ns['GRU']
expected = json.load(open(os.path.join(HERE, 'expected.json')))['v0lta_numpy_gru_basic.md']

def line_of(snippet, start=1):
    for i in range(start - 1, len(lines)):
        if snippet in lines[i]:
            return i + 1
    raise KeyError(snippet)

results = {}
def record(ln, ok_numeric):
    # ok_numeric: True when the author's expression matches the reference
    results.setdefault(ln, []).append(bool(ok_numeric))

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

rng = np.random.default_rng(0)
EPS = 1e-6

# ---------------------------------------------------------------- activation helpers
xs = rng.normal(size=(2, 3, 1)) * 2
dl = rng.normal(size=(2, 3, 1))
sg, th = Sigmoid(), Tanh()
ref_sig = 1 / (1 + np.exp(-xs))
fd_sig = (1 / (1 + np.exp(-(xs + EPS))) - 1 / (1 + np.exp(-(xs - EPS)))) / (2 * EPS)
fd_tanh = (np.tanh(xs + EPS) - np.tanh(xs - EPS)) / (2 * EPS)
record(line_of('return np.where(inputs >= 0,'), close(sg.sigmoid(xs), ref_sig))
record(line_of('return self.sigmoid(inputs)', line_of('def forward(self, inputs):')), close(sg.forward(xs), ref_sig))
record(line_of('return self.sigmoid(inputs)*(1 - self.sigmoid(inputs))*delta'), close(sg.backward(xs, dl), fd_sig * dl))
record(line_of('return self.sigmoid(inputs)*(1 - self.sigmoid(inputs))', line_of('def prime(self, inputs):')), close(sg.prime(xs), fd_sig))
L_tanh = line_of('class Tanh(object):')
record(line_of('return np.tanh(inputs)', L_tanh), close(th.forward(xs), np.tanh(xs)))
record(line_of('return (1. - np.tanh(inputs)*np.tanh(inputs))*delta'), close(th.backward(xs, dl), fd_tanh * dl))
record(line_of('return (1. - np.tanh(inputs)*np.tanh(inputs))', line_of('def prime(self, inputs):', L_tanh)), close(th.prime(xs), fd_tanh))

# ---------------------------------------------------------------- driver as in train_adding.py
T, B, NI, NH, NO = 5, 1, 2, 3, 1
X = rng.normal(size=(T, B, NI, 1))
Y = rng.normal(size=(B, NO, 1))

def run_author(cell):
    fd0 = cell.zero_forward_dict(B)
    fd_lst = []
    fd = fd0
    for t in range(T):
        fd = cell.forward(x=X[t], c=fd['c'], h=fd['h'])
        fd_lst.append(fd)
    deltay = np.zeros((T, B, NO, 1))
    deltay[-1] = fd_lst[-1]['y'] - Y
    gd = cell.zero_gradient_dict(B)
    gd_lst = [None] * T
    fd_lst.append(fd0)
    for t in reversed(range(T)):
        gd = cell.backward(deltay=deltay[t], fd=fd_lst[t], next_fd=fd_lst[t + 1],
                           prev_fd=fd_lst[t - 1], next_gd=gd)
        gd_lst[t] = gd
    return fd_lst, gd_lst, deltay

def total(gd_lst, key):
    return sum(g[key] for g in gd_lst).sum(axis=0, keepdims=True)   # sum over time, then batch

# ---------------- GRU reference (independent), with additive perturbations at named points
def gru_ref(Wt, inj=None):
    sig = lambda a: 1 / (1 + np.exp(-a))
    h = np.zeros((B, NH, 1)); store = []
    for t in range(T):
        x = X[t]
        def P(name, v):
            if inj is not None and inj[0] == name and inj[1] == t:
                v = v + inj[2]
            return v
        h = P('hprev', h)
        rbar = P('rbar', Wt['Vr'] @ x + Wt['Wr'] @ h + Wt['br']); r = sig(rbar)
        ubar = P('ubar', Wt['Vu'] @ x + Wt['Wu'] @ h + Wt['bu']); u = sig(ubar)
        hbar = r * h
        zbar = P('zbar', Wt['V'] @ x + Wt['W'] @ hbar + Wt['b']); z = np.tanh(zbar)
        h = P('h', u * z + (1 - u) * h)
        y = P('y', Wt['Wout'] @ h + Wt['bout'])
        store.append(dict(rbar=rbar, r=r, ubar=ubar, u=u, hbar=hbar, zbar=zbar, z=z, h=h, y=y))
    L = 0.5 * np.sum((store[-1]['y'] - Y) ** 2)
    return L, store

def fd_point(ref, Wt, name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        g[idx] = (ref(Wt, (name, t, e))[0] - ref(Wt, (name, t, -e))[0]) / (2 * EPS)
    return g

def fd_weight(ref, Wt, key):
    g = np.zeros_like(Wt[key])
    for idx in np.ndindex(*Wt[key].shape):
        Wp = {k: v.copy() for k, v in Wt.items()}; Wm = {k: v.copy() for k, v in Wt.items()}
        Wp[key][idx] += EPS; Wm[key][idx] -= EPS
        g[idx] = (ref(Wp)[0] - ref(Wm)[0]) / (2 * EPS)
    return g

np.random.seed(1)
gru = GRU(hidden_size=NH, input_size=NI, output_size=NO)
for k in gru.weights:
    gru.weights[k] = gru.weights[k] * 3.0          # larger weights: non-trivial gates
Wt = {k: v.copy() for k, v in gru.weights.items()}
fd_lst, gd_lst, deltay = run_author(gru)
L0, st = gru_ref(Wt)
LG = line_of('class GRU(object):')
# forward lines
for snip, key in [("rbar = np.matmul(self.weights['Vr'], x)", 'rbar'), ('r = self.gate_r_act.forward(rbar)', 'r'),
                  ("ubar = np.matmul(self.weights['Vu'], x)", 'ubar'), ('u = self.gate_u_act.forward(ubar)', 'u'),
                  ('hbar = r*h', 'hbar'), ("zbar = np.matmul(self.weights['V'], x)", 'zbar'),
                  ('z = self.state_activation.forward(zbar)', 'z'), ('h = u*z + (1 - u)*h', 'h'),
                  ("y = np.matmul(self.weights['Wout'], h) + self.weights['bout']", 'y')]:
    record(line_of(snip, LG), all(close(fd_lst[t][key], st[t][key]) for t in range(T)))
# reference adjoints by finite differences at injection points
dL_dh = [fd_point(gru_ref, Wt, 'h', t, (B, NH, 1)) for t in range(T)]
dL_dy = [fd_point(gru_ref, Wt, 'y', t, (B, NO, 1)) for t in range(T)]
dL_dz = [fd_point(gru_ref, Wt, 'zbar', t, (B, NH, 1)) for t in range(T)]
dL_du = [fd_point(gru_ref, Wt, 'ubar', t, (B, NH, 1)) for t in range(T)]
dL_dr = [fd_point(gru_ref, Wt, 'rbar', t, (B, NH, 1)) for t in range(T)]
W = Wt
tr = lambda M: np.transpose(M, [0, 2, 1])
# projection backward
for snip, key in [("dWout = np.matmul(deltay, np.transpose(fd['h'], [0, 2, 1]))", 'Wout'), ('dbout = 1*deltay', 'bout')]:
    record(line_of(snip, LG), close(total(gd_lst, 'd' + key), fd_weight(gru_ref, Wt, key), 1e-5))
# deltay = Wout^T deltay: the output's share of dL/dh_t
record(line_of("deltay = np.matmul(np.transpose(self.weights['Wout'], [0, 2, 1]),", LG),
       all(close(tr(W['Wout']) @ deltay[t], tr(W['Wout']) @ dL_dy[t], 1e-5) for t in range(T)))
# first wtdz = W^T deltaz_{t+1}
L_w1 = line_of("wtdz = np.matmul(np.transpose(self.weights['W'], [0, 2, 1]),", LG)
record(L_w1, all(close(tr(W['W']) @ gd_lst[t + 1]['deltaz'], tr(W['W']) @ dL_dz[t + 1], 1e-5) for t in range(T - 1)))
record(line_of("deltah = deltay + (1 - next_fd['u'])*next_gd['deltah']", LG),
       all(close(gd_lst[t]['deltah'], dL_dh[t], 1e-5) for t in range(T)))
record(line_of("deltaz = fd['u'] * deltah * self.state_activation.prime(fd['zbar'])", LG),
       all(close(gd_lst[t]['deltaz'], dL_dz[t], 1e-5) for t in range(T)))
record(line_of("deltau = (fd['z'] - prev_fd['h']) * deltah", LG),
       all(close(gd_lst[t]['deltau'], dL_du[t], 1e-5) for t in range(T)))
record(line_of("wtdz = np.matmul(np.transpose(self.weights['W'], [0, 2, 1]),", L_w1 + 1),
       all(close(tr(W['W']) @ gd_lst[t]['deltaz'], tr(W['W']) @ dL_dz[t], 1e-5) for t in range(T)))
record(line_of("deltar = prev_fd['h']*wtdz*self.gate_r_act.prime(fd['rbar'])", LG),
       all(close(gd_lst[t]['deltar'], dL_dr[t], 1e-5) for t in range(T)))
for snip, gk, wk in [("dV = np.matmul(deltaz,", 'dV', 'V'), ("dVu = np.matmul(deltau,", 'dVu', 'Vu'),
                     ("dVr = np.matmul(deltar,", 'dVr', 'Vr'), ("dW = np.matmul(next_gd['deltaz']", 'dW', 'W'),
                     ("dWu = np.matmul(next_gd['deltau']", 'dWu', 'Wu'), ("dWr = np.matmul(next_gd['deltar']", 'dWr', 'Wr'),
                     ('db = deltaz', 'db', 'b'), ('dbu = deltau', 'dbu', 'bu'), ('dbr = deltar', 'dbr', 'br')]:
    record(line_of(snip, LG), close(total(gd_lst, gk), fd_weight(gru_ref, Wt, wk), 1e-5))

# ---------------- BasicCell reference
def basic_ref(Wt, inj=None):
    h = np.zeros((B, NH, 1)); store = []
    for t in range(T):
        def P(name, v):
            if inj is not None and inj[0] == name and inj[1] == t:
                v = v + inj[2]
            return v
        a = P('a', Wt['Whh'] @ h + Wt['Wxh'] @ X[t])
        h = P('h', np.tanh(a))
        y = P('y', Wt['Why'] @ h + Wt['by'])
        store.append(dict(a=a, h=h, y=y))
    return 0.5 * np.sum((store[-1]['y'] - Y) ** 2), store

np.random.seed(2)
bc = BasicCell(hidden_size=NH, input_size=NI, output_size=NO)
for k in bc.weights:
    bc.weights[k] = bc.weights[k] * 3.0
bc.weights['by'] = bc.weights['by'] + 0.3
Wb = {k: v.copy() for k, v in bc.weights.items()}
fdb, gdb, dyb = run_author(bc)
Lb, sb = basic_ref(Wb)
LB = line_of('class BasicCell(object):')
pre = [np.matmul(Wb['Whh'], (fdb[t - 1]['h'] if t > 0 else np.zeros((B, NH, 1)))) + np.matmul(Wb['Wxh'], X[t]) for t in range(T)]
record(line_of("h = np.matmul(self.weights['Whh'], h)", LB), all(close(pre[t], sb[t]['a']) for t in range(T)))
record(line_of('h = self.activation.forward(h)', LB), all(close(fdb[t]['h'], sb[t]['h']) for t in range(T)))
record(line_of("y = np.matmul(self.weights['Why'], h) + self.weights['by']", LB), all(close(fdb[t]['y'], sb[t]['y']) for t in range(T)))
bdh = [fd_point(basic_ref, Wb, 'h', t, (B, NH, 1)) for t in range(T)]
bda = [fd_point(basic_ref, Wb, 'a', t, (B, NH, 1)) for t in range(T)]
bdy = [fd_point(basic_ref, Wb, 'y', t, (B, NO, 1)) for t in range(T)]
hprev = lambda t: fdb[t - 1]['h'] if t > 0 else np.zeros((B, NH, 1))
# delta = Why^T deltay (output share of dL/dh_t)
record(line_of("delta = np.matmul(np.transpose(self.weights['Why'],", LB),
       all(close(tr(Wb['Why']) @ dyb[t], tr(Wb['Why']) @ bdy[t], 1e-5) for t in range(T)))
record(line_of("dWhy = np.matmul(deltay, np.transpose(fd['h'], [0, 2, 1]))", LB), close(total(gdb, 'dWhy'), fd_weight(basic_ref, Wb, 'Why'), 1e-5))
record(line_of('dby = 1*deltay', LB), close(total(gdb, 'dby'), fd_weight(basic_ref, Wb, 'by'), 1e-5))
# delta = delta + next_gd['deltah']  (local: next deltah taken right, = Whh^T dL/da_{t+1})
record(line_of("delta = delta + next_gd['deltah']", LB),
       all(close(tr(Wb['Why']) @ dyb[t] + (tr(Wb['Whh']) @ bda[t + 1] if t + 1 < T else 0), bdh[t], 1e-5) for t in range(T)))
# delta = self.activation.backward(inputs=fd['h'], delta=delta)  with the right incoming delta = dL/dh_t
record(line_of("delta = self.activation.backward(inputs=fd['h'], delta=delta)", LB),
       all(close(bc.activation.backward(inputs=fdb[t]['h'], delta=bdh[t].copy()), bda[t], 1e-5) for t in range(T)))
# downstream lines judged locally: use the reference delta = dL/da_t
record(line_of("dWxh = np.matmul(delta, np.transpose(fd['x'], [0, 2, 1]))", LB),
       close(sum(np.matmul(bda[t], tr(X[t])) for t in range(T)), fd_weight(basic_ref, Wb, 'Wxh'), 1e-5))
record(line_of("dWhh = np.matmul(delta, np.transpose(prev_fd['h'],", LB),
       close(sum(np.matmul(bda[t], tr(hprev(t))) for t in range(T)), fd_weight(basic_ref, Wb, 'Whh'), 1e-5))
record(line_of("deltah = np.matmul(np.transpose(self.weights['Whh'],", LB),
       all(close(np.matmul(tr(Wb['Whh']), bda[t]), bdh[t - 1] - tr(Wb['Why']) @ bdy[t - 1], 1e-5) for t in range(1, T)))
# sanity: the author's own end-to-end dWxh really is off because of line 116
print('author dWxh vs FD (end-to-end, informative):', close(total(gdb, 'dWxh'), fd_weight(basic_ref, Wb, 'Wxh'), 1e-5))

# ---------------------------------------------------------------- report
bad = 0
for ln in sorted(set(list(results) + [int(k) for k in expected])):
    exp = expected.get(str(ln))
    got = results.get(ln)
    if exp is None or got is None:
        print(ln, 'MISMATCH (annotation/check missing)'); bad += 1; continue
    numeric_pass = all(got)
    agree = numeric_pass == (exp['expected'] == 'pass')
    bad += not agree
    print(ln, 'OK' if agree else 'MISMATCH', '(numeric: %s, expected: %s)' % ('pass' if numeric_pass else 'fail', exp['expected']))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)

# informative: the corrected pairing (step t+1's deltaz with step t+1's hbar) does match the finite difference
fix = sum(np.matmul(gd_lst[t + 1]['deltaz'], tr(fd_lst[t + 1]['hbar'])) for t in range(T - 1)).sum(axis=0, keepdims=True)
print('dW with next_fd[hbar] (informative):', close(fix, fd_weight(gru_ref, Wt, 'W'), 1e-5))
