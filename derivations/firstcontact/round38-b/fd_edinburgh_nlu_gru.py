#!/usr/bin/env python3
"""Finite-difference check of edinburgh_nlu_gru.md (numpy only).

Executes the author's code fences (with tiny stand-ins for the cut modules model.py / rnnmath import),
re-evaluates the body of GRUAbstract.__step__ line by line, and compares each quantity with central
differences of an independent forward pass.  Sign convention of the source: every "delta" is a NEGATIVE
gradient (delta_output = onehot(d) - y = -dL/dnet_out for L = -log y[t][d]).
"""
import json, os, re, sys, types, textwrap
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'edinburgh_nlu_gru.md')
lines = open(MD).read().split('\n')

# ---- code fences -------------------------------------------------------------------------------
fences, cur = [], None
for i, l in enumerate(lines, 1):
    if l.startswith('```python'):
        cur = (i + 1, [])
    elif l.startswith('```') and cur is not None:
        fences.append(cur); cur = None
    elif cur is not None:
        cur[1].append(l)
assert len(fences) == 3
src_math, src_abs, src_gru = ['\n'.join(f[1]) for f in fences]

rnnmath = types.ModuleType('rnnmath'); exec(src_math, rnnmath.__dict__)
sys.modules['rnnmath'] = rnnmath

class _Ctx:
    def __enter__(self): pass
    def __exit__(self, *a): pass
class Model(object):          # stand-in for the cut model.py (stores the sizes; no maths)
    def __init__(self, vocab_size, hidden_dims, out_vocab_size):
        self.vocab_size, self.hidden_dims, self.out_vocab_size = vocab_size, hidden_dims, out_vocab_size
model = types.ModuleType('model'); model.Model = Model; model.is_param = _Ctx; model.is_delta = _Ctx
sys.modules['model'] = model
gru_abstract = types.ModuleType('gru_abstract'); exec(src_abs, gru_abstract.__dict__)
sys.modules['gru_abstract'] = gru_abstract
gmod = types.ModuleType('gru'); exec(src_gru, gmod.__dict__)
GRU = gmod.GRU

sig = lambda a: 1 / (1 + np.exp(-a))
def smax(a):
    e = np.exp(a - a.max()); return e / e.sum()

def fd(f, v, eps=1e-6):
    v = np.array(v, dtype=float); g = np.zeros_like(v)
    it = np.nditer(v, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        vp = v.copy(); vp[i] += eps; vm = v.copy(); vm[i] -= eps
        g[i] = (f(vp) - f(vm)) / (2 * eps)
    return g

results = {}
def rec(line, ok):
    results[line] = bool(ok)

rng = np.random.default_rng(3)
Vs, H, O = 5, 4, 3
x = [1, 3, 0, 2, 4]
d = np.array([1])
T = len(x)

net = GRU(Vs, H, O)
for n in ['Ur', 'Uz', 'Uh']:
    setattr(net, n, rng.normal(size=(H, H)) * 0.8)
for n in ['Vr', 'Vz', 'Vh']:
    setattr(net, n, rng.normal(size=(H, Vs)) * 0.8)
net.W = rng.normal(size=(O, H)) * 0.8
P = {n: getattr(net, n).copy() for n in ['Ur', 'Vr', 'Uz', 'Vz', 'Uh', 'Vh', 'W']}
def zero_deltas():
    for n in P:
        setattr(net, 'delta' + n, np.zeros_like(P[n]))
zero_deltas()

onehot = lambda i, n: np.eye(n)[i]

# ---- independent forward with per-step parameter copies ----------------------------------------
def run(Ps, s0=None, upto=None):
    """Ps: list of T dicts (parameters used at step k); returns states, outputs"""
    sp = np.zeros(H) if s0 is None else s0
    S, Y = [], []
    for k in range(T):
        p = Ps[k]; xi = onehot(x[k], Vs)
        r = sig(p['Vr'] @ xi + p['Ur'] @ sp); z = sig(p['Vz'] @ xi + p['Uz'] @ sp)
        h = np.tanh(p['Vh'] @ xi + p['Uh'] @ (r * sp)); sp = z * sp + (1 - z) * h
        S.append(sp); Y.append(smax(p['W'] @ sp))
    return S, Y
def negL(Ps):
    S, Y = run(Ps); return np.log(Y[-1][d[0]])      # -L
def full_neg_grad(name):
    def f(v):
        Q = dict(P); Q[name] = v; return negL([Q] * T)
    return fd(f, P[name])
def step_neg_grad(name, k):
    def f(v):
        Ps = [dict(P) for _ in range(T)]; Ps[k][name] = v; return negL(Ps)
    return fd(f, P[name])

# ---- rnnmath helpers (lines 11, 14, 15, 18) --------------------------------------------------
a = rng.normal(size=6)
rec(11, np.allclose(rnnmath.sigmoid(a), sig(a)))
xt = np.exp(a - max(a)); rec(14, np.allclose(xt * np.exp(max(a)), np.exp(a)))
rec(15, np.allclose(rnnmath.softmax(a), smax(a)) and abs(rnnmath.softmax(a).sum() - 1) < 1e-12)
rec(18, np.allclose(rnnmath.grad(sig(a)), (sig(a + 1e-6) - sig(a - 1e-6)) / 2e-6, atol=1e-8))

# ---- forward (lines 79, 175-181) ---------------------------------------------------------------
y, s = net.predict(x)
S_ind, Y_ind = run([P] * T)
rec(79, np.allclose(s[:T], np.array(S_ind)) and np.allclose(y, np.array(Y_ind)) and np.allclose(s[-1], 0))
sp = rng.normal(size=H); xi = 2
yy, ss, hh, zz, rr = net.forward(xi, sp)
e = onehot(xi, Vs)
r_ = sig(P['Vr'] @ e + P['Ur'] @ sp); z_ = sig(P['Vz'] @ e + P['Uz'] @ sp)
h_ = np.tanh(P['Vh'] @ e + P['Uh'] @ (r_ * sp)); s_ = z_ * sp + (1 - z_) * h_
rec(175, np.allclose(rnnmath.make_onehot(xi, Vs), e))
rec(176, np.allclose(rr, r_)); rec(177, np.allclose(zz, z_)); rec(178, np.allclose(hh, h_))
rec(179, np.allclose(ss, s_)); rec(180, np.allclose(yy, smax(P['W'] @ s_)))

# ---- one __step__, line by line ---------------------------------------------------------------
step_start = next(i for i, l in enumerate(lines, 1) if 'def __step__' in l)
body_lines = []
for ln in range(step_start + 1, step_start + 30):
    l = lines[ln - 1]
    if l.strip().startswith('def backward'):
        break
    body_lines.append((ln, l))
def exec_body(tstep, g, fix94=False):
    zero_deltas()
    ns = dict(self=net, x=x, t=tstep, delta_zero=g, s=s, np=np, make_onehot=rnnmath.make_onehot)
    code = []
    for ln, l in body_lines:
        if fix94 and ln == 94:
            assert 'self.h[t - 1]' in l
            l = l.replace('self.h[t - 1]', 's[t - 1]')
        if l.strip().startswith('return'):
            l = l.replace('return', '__ret =', 1)
        code.append(l)
    exec(textwrap.dedent('\n'.join(code)), ns)
    d = {n: getattr(net, 'delta' + n).copy() for n in ['Ur', 'Vr', 'Uz', 'Vz', 'Uh', 'Vh']}
    return ns, d

tc = 2
g = rng.normal(size=H)
xs = onehot(x[tc], Vs); spv = s[tc - 1]
auth, dA = exec_body(tc, g)
corr, dC = exec_body(tc, g, fix94=True)

def cell(sp_direct=None, sp_z=None, sp_r=None, sp_q=None, e_ar=0, e_r=0, e_az=0, e_z=0, e_ah=0, e_h=0,
         e_q=0, p=None, part='all'):
    p = P if p is None else p
    sd = spv if sp_direct is None else sp_direct
    sz = spv if sp_z is None else sp_z
    sr = spv if sp_r is None else sp_r
    sq = spv if sp_q is None else sp_q
    r = sig(p['Vr'] @ xs + p['Ur'] @ sr + e_ar) + e_r
    z = sig(p['Vz'] @ xs + p['Uz'] @ sz + e_az) + e_z
    q = r * sq + e_q
    h = np.tanh(p['Vh'] @ xs + p['Uh'] @ q + e_ah) + e_h
    if part == 'z*sp':
        return g @ (z * sd)
    if part == 'z*h':
        return g @ (z * h)
    if part == '(1-z)*h':
        return g @ ((1 - z) * h)
    return g @ (z * sd + (1 - z) * h)

Z = np.zeros(H)
true = {
    83: fd(lambda v: cell(sp_direct=v), spv),
    84: fd(lambda v: cell(e_z=v, part='z*sp'), Z),
    85: fd(lambda v: cell(e_z=v, part='z*h'), Z),
    86: fd(lambda v: cell(e_z=v, part='(1-z)*h'), Z),
    87: fd(lambda v: cell(e_z=v), Z),
    88: fd(lambda v: cell(e_h=v), Z),
    89: fd(lambda v: cell(e_az=v), Z),
    90: fd(lambda v: cell(e_ah=v), Z),
    91: fd(lambda v: cell(e_q=v), Z),
    92: fd(lambda v: cell(sp_z=v), spv),
    93: fd(lambda v: cell(sp_q=v), spv),
    94: fd(lambda v: cell(e_r=v), Z),
    95: fd(lambda v: cell(e_ar=v), Z),
    96: fd(lambda v: cell(sp_r=v), spv),
    105: fd(lambda v: cell(sp_direct=v, sp_z=v, sp_r=v, sp_q=v), spv),
}
names = {83: 'delta_one', 84: 'delta_two', 85: 'delta_three', 86: 'delta_four', 87: 'delta_five',
         88: 'delta_six', 89: 'delta_seven', 90: 'delta_eight', 91: 'delta_ten', 92: 'delta_eleven',
         93: 'delta_twelve', 94: 'delta_thirteen', 95: 'delta_fourteen', 96: 'delta_fifteen', 105: '__ret'}
for ln, nm in names.items():
    ns = auth if ln <= 94 else corr          # downstream of line 94: upstream taken as right
    rec(ln, np.allclose(ns[nm], true[ln], atol=1e-6))
for ln, pn in zip([98, 99, 100, 101, 102, 103], ['Ur', 'Vr', 'Uz', 'Vz', 'Uh', 'Vh']):
    dd = dA if ln >= 100 else dC                 # Ur, Vr use delta_fourteen (downstream of 94)
    def f(v, pn=pn):
        Q = dict(P); Q[pn] = v; return cell(p=Q)
    rec(ln, np.allclose(dd[pn], fd(f, P[pn]), atol=1e-6))

# ---- backward(): lines 108-113, and the student's calls 204-205, 228-229 ---------------------
tl = T - 1
dout = onehot(d[0], O) - y[tl]
rec(204, np.allclose(dout, fd(lambda v: np.log(smax(v)[d[0]]), P['W'] @ s[tl])))
rec(228, np.allclose(dout, fd(lambda v: np.log(smax(v)[d[0]]), P['W'] @ s[tl])))
zero_deltas()
net.deltaW += np.outer(dout, s[tl])
rec(108, np.allclose(net.deltaW, full_neg_grad('W'), atol=1e-6))
rec(109, np.allclose(P['W'].T @ dout, fd(lambda v: np.log(smax(P['W'] @ v)[d[0]]), s[tl]), atol=1e-6))

# corrected __step__ (line 94 fixed) to judge the driver lines locally
src_step = '\n'.join(l for _, l in body_lines).replace('self.h[t - 1]', 's[t - 1]')
ns_fix = {'np': np, 'make_onehot': rnnmath.make_onehot}
exec('def fixed_step(self, x, t, delta_zero, s):\n' + src_step, ns_fix)
fixed_step = ns_fix['fixed_step']

def neg_grad_wrt_sprev(tt):
    # -dL/ds_{tt-1}: s_{tt-1} as a leaf, recompute steps tt..T-1
    def f(v):
        sp = v
        for k in range(tt, T):
            xi = onehot(x[k], Vs)
            r = sig(P['Vr'] @ xi + P['Ur'] @ sp); z = sig(P['Vz'] @ xi + P['Uz'] @ sp)
            h = np.tanh(P['Vh'] @ xi + P['Uh'] @ (r * sp)); sp = z * sp + (1 - z) * h
        return np.log(smax(P['W'] @ sp)[d[0]])
    return fd(f, s[tt - 1])
zero_deltas()
dn = fixed_step(net, x, tl, P['W'].T @ dout, s)
rec(110, np.allclose(dn, neg_grad_wrt_sprev(tl), atol=1e-6))

PN = ['Ur', 'Vr', 'Uz', 'Vz', 'Uh', 'Vh', 'W']
FULL = {n: full_neg_grad(n) for n in PN}
def all_match(ref):
    return all(np.allclose(getattr(net, 'delta' + n), ref[n], atol=1e-6) for n in PN)

setattr(gru_abstract.GRUAbstract, '__step__', fixed_step)   # local judgement: line 94 taken as fixed
steps = 10                                                  # >= t: truncated BPTT must equal full BPTT
zero_deltas(); net.backward(x, tl, s, dout, steps)
author_loop_ok = all_match(FULL)
src_bw = [l for l in lines if 'for i in range(1, min(steps + 1, t))' in l]
assert len(src_bw) == 1
# the same backward with the loop bound corrected: range(1, min(steps, t) + 1)
def backward_fixed(self, x, t, s, delta_output, steps=0):
    self.deltaW += np.outer(delta_output, s[t])
    delta_zero = self.W.T @ delta_output
    delta_next = self.__step__(x, t, delta_zero, s)
    for i in range(1, min(steps, t) + 1):
        delta_next = self.__step__(x, t - i, delta_next, s)
zero_deltas(); backward_fixed(net, x, tl, s, dout, steps)
fixed_loop_ok = all_match(FULL)
step0 = {n: step_neg_grad(n, 0) for n in PN}
rec(112, author_loop_ok)                  # expected False: step 0 is never visited when steps >= t
rec(113, fixed_loop_ok)                   # the body, with a correct loop range, gives the full gradient
# the student's calls (lines 205, 229) pass delta_output and t correctly
zero_deltas(); net.acc_deltas_bptt_np(x, np.array(d[0]), y, s, steps)  # 0-d: int(d) of a 1-element 1-D array raises in numpy>=2
got = {n: getattr(net, 'delta' + n).copy() for n in PN}
# what backward() returns with the author's loop = full gradient minus the step-0 part
rec(229, all(np.allclose(got[n], FULL[n] - step0[n], atol=1e-6) for n in PN))
zero_deltas(); net.acc_deltas_np(x, np.array(d[0]), y, s)
ONE = {n: step_neg_grad(n, tl) for n in PN}
rec(205, all(np.allclose(getattr(net, 'delta' + n), ONE[n], atol=1e-6) for n in PN))

# ---- report -------------------------------------------------------------------------------------
exp = json.load(open(os.path.join(HERE, 'expected.json')))['edinburgh_nlu_gru.md']
bad = 0
for ln in sorted(int(k) for k in exp):
    ok = results.get(ln)
    if ok is None:
        print(ln, 'NOT CHECKED'); bad += 1; continue
    verdict = 'OK' if ok else 'MISMATCH'
    agree = (ok and exp[str(ln)]['expected'] == 'pass') or (not ok and exp[str(ln)]['expected'] == 'fail')
    if not agree:
        bad += 1
    print(ln, verdict, 'agrees' if agree else 'DISAGREES with expected.json')
extra = set(results) - {int(k) for k in exp}
if extra:
    print('checked but not in expected.json:', sorted(extra)); bad += 1
print('step-0 contribution norm (what line 112 drops):', sum(np.abs(step0[n]).sum() for n in PN))
print('ALL VERDICTS AGREE' if bad == 0 else f'{bad} PROBLEMS')
