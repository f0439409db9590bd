#!/usr/bin/env python3
"""Finite-difference check of talwar_nb_lstm_from_scratch.md (numpy only).
Execs the author's python fences, captures locals of lstm_step_backward /
softmax at return, and compares every annotated statement with central
differences of an independently written forward pass. Author's model (row
vectors, x_t (N,d), h,s (N,D)): e,f,g,q = sigmoid(b + x U^T + h_prev W^T)
(e, the 'input transform', is a sigmoid too), s = f*s_prev + g*e,
h = q*tanh(s)."""
import json, os, re, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'talwar_nb_lstm_from_scratch.md')
EXP = json.load(open(os.path.join(HERE, 'expected.json')))['talwar_nb_lstm_from_scratch.md']
src = open(MD).read()
ns = {}
exec('\n'.join(re.findall(r'```python\n(.*?)```', src, re.S)), ns)

captured = {}
def prof(frame, event, arg):
    if event == 'return' and frame.f_code.co_name in ('lstm_step_backward', 'softmax'):
        captured[frame.f_code.co_name] = dict(frame.f_locals)
def call(fn, *a):
    sys.setprofile(prof)
    try:
        return fn(*a)
    finally:
        sys.setprofile(None)
def num_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = x[i]
        x[i] = o + eps; fp = f()
        x[i] = o - eps; fm = f()
        x[i] = o
        g[i] = (fp - fm) / (2 * eps)
    return g
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
rng = np.random.default_rng(1)
N, T, d, D, V = 3, 4, 3, 4, 5
P = {}
for k in 'efgq':
    P['W' + k] = rng.normal(size=(D, D)); P['U' + k] = rng.normal(size=(D, d)); P['b' + k] = rng.normal(size=D)
x = rng.normal(size=(N, T, d)); h0 = rng.normal(size=(N, D)); s0 = rng.normal(size=(N, D))

def pre(k, xt, hp):
    return P['b' + k] + np.einsum('ij,nj->ni', P['U' + k], xt) + np.einsum('ij,nj->ni', P['W' + k], hp)
def my_step(xt, hp, sp, over=None):
    over = over or {}
    gates = {}
    for k in 'efgq':
        a = pre(k, xt, hp) + over.get('a' + k, 0)
        gates[k] = sig(a) + over.get(k, 0)
    s = gates['f'] * sp + gates['g'] * gates['e'] + over.get('s', 0)
    h = gates['q'] * np.tanh(s)
    return h, s, gates
def my_forward():
    h, s, hs = h0, s0, []
    for t in range(T):
        h, s, _ = my_step(x[:, t], h, s); hs.append(h)
    return np.stack(hs, 1)

res = {}
z = rng.normal(size=9) * 3
res[17] = close(ns['sigmoid'](z), sig(z))
res[20] = close(np.exp(-2 * z), np.exp(-2 * z))  # expo = e^{-2x}; the pair 20-21 is checked at 21
res[21] = close(ns['tanh'](z), np.tanh(z), 1e-12)
res[20] = res[21]

xt, hp, sp = x[:, 0], h0.copy(), s0.copy()
hA, sA, cache = ns['lstm_step_forward'](xt, hp, sp, P)
hR, sR, gR = my_step(xt, hp, sp)
for ln, k in zip((50, 51, 52, 53), 'efgq'):
    res[ln] = close(cache[k + '_t'], gR[k], 1e-12)
res[55] = close(sA, sR, 1e-12); res[56] = close(hA, hR, 1e-12)
hseq, cache_dict = ns['lstm_forward'](T, x, h0, s0, P)
res[86] = close(hseq, my_forward(), 1e-12)
res[87] = res[86] and all(close(cache_dict[t]['h_prev'], h0 if t == 0 else hseq[:, t - 1], 0) for t in range(T))
res[88] = res[86] and all(close(cache_dict[t]['s_prev'], s0 if t == 0 else cache_dict[t - 1]['s_next'], 0) for t in range(T))

# one backward step; J = sum(Gh*h_next) + sum(Gs*s_next) (s_next counted both directly and through h)
Gh = rng.normal(size=(N, D)); Gs = rng.normal(size=(N, D))
dh_prev, ds_prev, grads = call(ns['lstm_step_backward'], Gh, Gs, cache, P)
L = captured['lstm_step_backward']
def J(over=None, xt_=xt, hp_=hp, sp_=sp):
    h, s, _ = my_step(xt_, hp_, sp_, over)
    return np.sum(Gh * h) + np.sum(Gs * s)
def dJ_d(key):
    z0 = np.zeros((N, D))
    return num_grad(lambda: J({key: z0}), z0)
res[128] = close(L['tanh_s'], np.tanh(sR), 1e-12)
res[131] = close(L['ds_next'], dJ_d('s'))
gate_lines = {'f': (134, 135, 136, 137, 138, 139), 'g': (142, 143, 144, 145, 146, 147),
              'q': (150, 151, 152, 153, 154, 155), 'e': (158, 159, 160, 161, 162, 163)}
for k, (l_d, l_sig, l_tmp, l_U, l_W, l_b) in gate_lines.items():
    a = pre(k, xt, hp)
    res[l_d] = close(L['d%s_step' % k], dJ_d(k))
    res[l_sig] = close(L['dsigmoid_%s' % k], (sig(a + 1e-6) - sig(a - 1e-6)) / 2e-6)
    res[l_tmp] = close(L['%s_temp' % k], dJ_d('a' + k))
    for ln, nm in ((l_U, 'U'), (l_W, 'W'), (l_b, 'b')):
        M = P[nm + k]
        res[ln] = close(grads[nm + k], num_grad(lambda: J(), M))
hp2 = hp.copy(); sp2 = sp.copy()
res[166] = close(dh_prev, num_grad(lambda: J(hp_=hp2), hp2))
res[170] = close(ds_prev, num_grad(lambda: J(sp_=sp2), sp2))

# full BPTT, J = sum(dh * h)
dh = rng.normal(size=(N, T, D))
allg = ns['lstm_backward'](dh, cache_dict, P)
Jall = lambda: np.sum(dh * my_forward())
ok_all = all(close(allg[k], num_grad(Jall, P[k])) for k in P)
for ln in (186, 188, 189, 192):
    res[ln] = ok_all

# affine and softmax
U = rng.normal(size=(V, D)); b2 = rng.normal(size=V); hh = rng.normal(size=(N, T, D))
theta, acache = ns['affine_forward'](hh, U, b2)
res[205] = close(theta, np.einsum('vk,ntk->ntv', U, hh) + b2, 1e-12)
Dm = rng.normal(size=(N, T, V))
dhA, dU, db2 = ns['affine_backward'](Dm, acache)
Jaff = lambda: np.sum(Dm * (np.einsum('vk,ntk->ntv', U, hh) + b2))
res[215] = close(dhA, num_grad(Jaff, hh)); res[216] = close(dU, num_grad(Jaff, U)); res[217] = close(db2, num_grad(Jaff, b2))
th = rng.normal(size=(N, T, V)); y = rng.integers(0, V, size=(N, T)); mask = np.ones((N, T)); mask[0, 3:] = 0
loss, dtheta = call(ns['softmax'], th, y, mask)
S = captured['softmax']
def my_loss():
    p = np.exp(th) / np.exp(th).sum(-1, keepdims=True)
    return -np.sum(mask * np.log(np.take_along_axis(p, y[..., None], -1)[..., 0])) / N
p_ref = (np.exp(th) / np.exp(th).sum(-1, keepdims=True)).reshape(N * T, V)
tf = th.reshape(N * T, V)
e244 = np.exp(tf - np.max(tf, axis=1, keepdims=True))  # statement of line 244 re-evaluated
res[244] = close(e244 / e244.sum(1, keepdims=True), p_ref)
res[245] = close(S['probs'], p_ref)
res[246] = close(loss, my_loss(), 1e-12)
res[248] = res[249] = res[250] = close(dtheta, num_grad(my_loss, th))

bad = 0
for ln in sorted(EXP, key=int):
    ok = res.get(int(ln))
    if ok is None:
        print(ln, 'NOT CHECKED'); bad += 1; continue
    agree = (ok and EXP[ln]['expected'] == 'pass') or ((not ok) and EXP[ln]['expected'] == 'fail')
    bad += not agree
    print(ln, 'OK' if agree else 'MISMATCH', '(numeric: %s, expected: %s)' % ('right' if ok else 'wrong', EXP[ln]['expected']))
extra = set(res) - {int(k) for k in EXP}
if extra: print('checked but not annotated:', sorted(extra)); bad += 1
print('ALL AGREE' if bad == 0 else '%d DISAGREEMENTS' % bad)
