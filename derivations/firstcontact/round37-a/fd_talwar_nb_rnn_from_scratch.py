#!/usr/bin/env python3
"""Finite-difference check of talwar_nb_rnn_from_scratch.md (numpy only).
Execs the author's python fences, captures the locals of each author function
at return, and compares every annotated statement with central differences of
an independently written forward pass (row vectors: x_t (N,d), h (N,Dh),
h_t = sigmoid(h_{t-1} Wh^T + x_t We^T + b1), theta = h U^T + b2)."""
import json, os, re, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'talwar_nb_rnn_from_scratch.md')
EXP = json.load(open(os.path.join(HERE, 'expected.json')))['talwar_nb_rnn_from_scratch.md']

src = open(MD).read()
code = '\n'.join(re.findall(r'```python\n(.*?)```', src, re.S))
ns = {}
exec(code, ns)

captured = {}
def prof(frame, event, arg):
    if event == 'return' and frame.f_code.co_name in ('rnn_step_backward', 'rnn_backward', 'affine_backward', 'softmax', 'rnn_forward'):
        captured.setdefault(frame.f_code.co_name, []).append(dict(frame.f_locals))
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
        i = it.multi_index
        o = x[i]
        x[i] = o + eps; fp = f()
        x[i] = o - eps; fm = f()
        x[i] = o
        g[i] = (fp - fm) / (2 * eps)
    return g
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))

rng = np.random.default_rng(0)
N, T, d, Dh, V = 3, 4, 3, 4, 5
Wh = rng.normal(size=(Dh, Dh)); We = rng.normal(size=(Dh, d)); b1 = rng.normal(size=Dh)
x = rng.normal(size=(N, T, d)); h0 = rng.normal(size=(N, Dh))
sig = lambda z: 1.0 / (1.0 + np.exp(-z))

def my_forward():
    hs = []; h = h0
    for t in range(T):
        h = sig(np.einsum('ij,nj->ni', Wh, h) + np.einsum('ij,nj->ni', We, x[:, t]) + b1)
        hs.append(h)
    return np.stack(hs, 1)

res = {}
# line 16: sigmoid helper
z = rng.normal(size=7) * 3
res[16] = close(ns['sigmoid'](z), sig(z))
# forward lines 30, 51, 52
h_auth, cache_dict = call(ns['rnn_forward'], T, x, h0, Wh, We, b1)
ok_fwd = close(h_auth, my_forward(), 1e-12)
xt, hp = x[:, 0], h0
res[30] = close(ns['rnn_step_forward'](xt, hp, Wh, We, b1)[0], sig(hp @ Wh.T + xt @ We.T + b1), 1e-12)
res[51] = ok_fwd
res[52] = ok_fwd and all(close(cache_dict[t][0], (h0 if t == 0 else h_auth[:, t - 1]), 0) for t in range(T))

# single step backward (lines 64-69): J = sum(G * h_next)
G = rng.normal(size=(N, Dh))
hn, cache = ns['rnn_step_forward'](xt, hp.copy(), Wh, We, b1)
captured.clear()
dWh_s, dWe_s, db1_s, dh_prev = call(ns['rnn_step_backward'], G, cache, Wh)
L = captured['rnn_step_backward'][-1]
a = hp @ Wh.T + xt @ We.T + b1
Ja = lambda: np.sum(G * sig(a))
res[64] = close(L['dsigmoid'], (sig(a + 1e-6) - sig(a - 1e-6)) / 2e-6)
res[65] = close(L['interim_dot_prod'], num_grad(Ja, a))
Jfull = lambda: np.sum(G * sig(hp @ Wh.T + xt @ We.T + b1))
Wh_ = Wh.copy(); We_ = We.copy(); b1_ = b1.copy(); hp_ = hp.copy()
res[66] = close(dWh_s, num_grad(lambda: np.sum(G * sig(hp @ Wh_.T + xt @ We.T + b1)), Wh_))
res[67] = close(dWe_s, num_grad(lambda: np.sum(G * sig(hp @ Wh.T + xt @ We_.T + b1)), We_))
res[68] = close(db1_s, num_grad(lambda: np.sum(G * sig(hp @ Wh.T + xt @ We.T + b1_)), b1_))
res[69] = close(dh_prev, num_grad(lambda: np.sum(G * sig(hp_ @ Wh.T + xt @ We.T + b1)), hp_))

# full BPTT (lines 81, 83, 84, 85, 86): J = sum(dh * h)
dh = rng.normal(size=(N, T, Dh))
dWh, dWe, db1 = ns['rnn_backward'](dh, cache_dict, Wh, We, b1)
def J_all():
    return np.sum(dh * my_forward())
gWh = num_grad(J_all, Wh); gWe = num_grad(J_all, We); gb1 = num_grad(J_all, b1)
okWh, okWe, okb1 = close(dWh, gWh), close(dWe, gWe), close(db1, gb1)
res[81] = okWh and okWe and okb1   # dh_next = total dJ/dh^(t) (direct + carried)
res[83] = res[81]
res[84] = okWh; res[85] = okWe; res[86] = okb1

# affine layer (99, 109-111): J = sum(D * theta)
U = rng.normal(size=(V, Dh)); b2 = rng.normal(size=V); hh = rng.normal(size=(N, T, Dh))
theta, acache = ns['affine_forward'](hh, U, b2)
res[99] = close(theta, np.einsum('vk,ntk->ntv', U, hh) + b2, 1e-12)
D = rng.normal(size=(N, T, V))
dhA, dU, db2 = ns['affine_backward'](D, acache)
Jaff = lambda: np.sum(D * (np.einsum('vk,ntk->ntv', U, hh) + b2))
res[109] = close(dhA, num_grad(Jaff, hh))
res[110] = close(dU, num_grad(Jaff, U))
res[111] = close(db2, num_grad(Jaff, b2))

# softmax loss (138-144)
th = rng.normal(size=(N, T, V)); y = rng.integers(0, V, size=(N, T))
mask = np.ones((N, T)); mask[-1, 2:] = 0
captured.clear()
loss, dtheta = call(ns['softmax'], th, y, mask)
S = captured['softmax'][-1]
def my_loss():
    p = np.exp(th) / np.exp(th).sum(-1, keepdims=True)
    return -np.sum(mask * np.log(np.take_along_axis(p, y[..., None], -1)[..., 0])) / N
p_ref = (np.exp(th) / np.exp(th).sum(-1, keepdims=True)).reshape(N * T, V)
tf = th.reshape(N * T, V)
e138 = np.exp(tf - np.max(tf, axis=1, keepdims=True))  # the statement of line 138, re-evaluated
res[138] = close(e138 / e138.sum(1, keepdims=True), p_ref)  # max-shift leaves the softmax unchanged
res[139] = close(S['probs'], p_ref)
res[140] = close(loss, my_loss(), 1e-12)
g_th = num_grad(my_loss, th)
res[142] = close(dtheta, g_th)
res[143] = res[142]
res[144] = res[142]

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
