#!/usr/bin/env python3
"""Finite-difference check of jp_dlfs2_time_lstm.md (numpy only).

Part 1 (class LSTM, one step): each annotated line is executed verbatim (read from the .md file) in a
namespace seeded with the CORRECT upstream values and compared with an independent reference
(forward lines) or with central differences (backward lines).  Loss for one step:
L = sum(Gh*h_next) + sum(Gc*c_next), so dh_next = Gh, dc_next = Gc.  Gate blocks f, g, i, o.
Part 2 (class TimeLSTM): the author's whole code fence is exec'd (with a stand-in for
common.functions.sigmoid and false = False for the 'stateful=false' default), run on T steps with
loss L = sum(G*hs), and its grads, dxs and dh (w.r.t. h_0) are compared with central differences of an
independent float64 forward; the lines 111, 124, 130, 131, 134, 137, 140 share this check.
"""
import os, sys, types, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'jp_dlfs2_time_lstm.md')
text = open(MD, encoding='utf-8').read()
lines = text.split('\n')
EXPECTED = json.load(open(os.path.join(HERE, 'expected.json')))['jp_dlfs2_time_lstm.md']

rng = np.random.default_rng(3737)
N, D, H, T = 3, 4, 5, 4
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); c_prev = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, 4 * H)) * 0.5; Wh = rng.normal(size=(H, 4 * H)) * 0.5; b = rng.normal(size=4 * H) * 0.5
Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))

def sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))

def saitoh_sigmoid(z):           # what common.functions.sigmoid is in the book's code
    return 1 / (1 + np.exp(-z))

def numgrad(fun, arr, eps=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=['multi_index'])
    for _ in it:
        k = it.multi_index
        old = arr[k]
        arr[k] = old + eps; lp = fun()
        arr[k] = old - eps; lm = fun()
        arr[k] = old
        g[k] = (lp - lm) / (2 * eps)
    return g

def blocks(Wx_, Wh_, b_, x_, hp):   # independent per-gate pre-activations, order f, g, i, o
    return [x_ @ Wx_[:, k * H:(k + 1) * H] + hp @ Wh_[:, k * H:(k + 1) * H] + b_[k * H:(k + 1) * H] for k in range(4)]

def step(x_, hp, cp, Wx_, Wh_, b_):
    af, ag, ai, ao = blocks(Wx_, Wh_, b_, x_, hp)
    f, g, i, o = sig(af), np.tanh(ag), sig(ai), sig(ao)
    c = f * cp + g * i
    return o * np.tanh(c), c

def L_vals(f, g, i, o):
    c = f * c_prev + g * i
    return np.sum(Gh * o * np.tanh(c)) + np.sum(Gc * c)

# reference forward of one step
af, ag, ai, ao = blocks(Wx, Wh, b, x, h_prev)
A = np.concatenate([af, ag, ai, ao], axis=1)
f, g, i, o = sig(af), np.tanh(ag), sig(ai), sig(ao)
c = f * c_prev + g * i
h = o * np.tanh(c)
# reference gradients
vals = [f.copy(), g.copy(), i.copy(), o.copy()]
dvals = [numgrad(lambda: L_vals(*vals), vals[k]) for k in range(4)]
dF, dG, dI, dO = dvals
pre = [af.copy(), ag.copy(), ai.copy(), ao.copy()]
L_pre = lambda: L_vals(sig(pre[0]), np.tanh(pre[1]), sig(pre[2]), sig(pre[3]))
dpre = [numgrad(L_pre, pre[k]) for k in range(4)]
dA = np.concatenate(dpre, axis=1)
cc = c.copy(); ds = numgrad(lambda: np.sum(Gh * o * np.tanh(cc)) + np.sum(Gc * cc), cc)
P = dict(x=x.copy(), hp=h_prev.copy(), cp=c_prev.copy(), Wx=Wx.copy(), Wh=Wh.copy(), b=b.copy())
def L1():
    hh, c_ = step(P['x'], P['hp'], P['cp'], P['Wx'], P['Wh'], P['b'])
    return np.sum(Gh * hh) + np.sum(Gc * c_)
d = {k: numgrad(L1, P[k]) for k in P}

def base_ns():
    return dict(np=np, sigmoid=saitoh_sigmoid, Wx=Wx, Wh=Wh, b=b, x=x, h_prev=h_prev, c_prev=c_prev, H=H, N=N,
                A=A, forget_gate=f, g=g, input_gate=i, output_gate=o, c_next=c, h_next=h,
                dh_next=Gh, dc_next=Gc, tanh_c_next=np.tanh(c), ds=ds)

checks = {
    23: ({}, 'A', A),
    26: ({}, 'forget_gate', af), 27: ({}, 'g', ag), 28: ({}, 'input_gate', ai), 29: ({}, 'output_gate', ao),
    32: (dict(forget_gate=af), 'forget_gate', f), 33: (dict(g=ag), 'g', g),
    34: (dict(input_gate=ai), 'input_gate', i), 35: (dict(output_gate=ao), 'output_gate', o),
    38: ({}, 'c_next', c), 39: ({}, 'h_next', h),
    48: ({}, 'tanh_c_next', np.tanh(c)),
    50: ({}, 'ds', ds),
    52: ({}, 'dc_prev', d['cp']),
    54: ({}, 'di', dI), 55: ({}, 'df', dF), 56: ({}, 'do', dO), 57: ({}, 'dg', dG),
    59: (dict(di=dI.copy()), 'di', dpre[2]), 60: (dict(df=dF.copy()), 'df', dpre[0]),
    61: (dict(do=dO.copy()), 'do', dpre[3]), 62: (dict(dg=dG.copy()), 'dg', dpre[1]),
    65: (dict(df=dpre[0], dg=dpre[1], di=dpre[2], do=dpre[3]), 'dA', dA),
    67: (dict(dA=dA), 'dWh', d['Wh']), 68: (dict(dA=dA), 'dWx', d['Wx']), 69: (dict(dA=dA), 'db', d['b']),
    75: (dict(dA=dA), 'dx', d['x']), 76: (dict(dA=dA), 'dh_prev', d['hp']),
}
results = {}
for ln, (seeds, var, target) in checks.items():
    stmt = lines[ln - 1].strip()
    ns = base_ns(); ns.update(seeds)
    try:
        exec(stmt, ns)
        val = np.asarray(ns[var], dtype=float)
        ok = val.shape == target.shape and np.allclose(val, target, rtol=1e-5, atol=1e-6)
        note = '' if ok else 'max abs err %.3g' % np.max(np.abs(val - target)) if val.shape == target.shape else 'shape'
    except Exception as e:
        ok, note = False, '%s: %s' % (type(e).__name__, e)
    results[ln] = (ok, note, stmt)

# Part 2: TimeLSTM, author's code exec'd as a whole
code = text.split('```python\n', 1)[1].rsplit('```', 1)[0]
mod_common = types.ModuleType('common'); mod_fun = types.ModuleType('common.functions')
mod_fun.sigmoid = saitoh_sigmoid; mod_common.functions = mod_fun
sys.modules['common'] = mod_common; sys.modules['common.functions'] = mod_fun
ns = {'__name__': 'author', 'false': False}
exec(code, ns)
xs = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)); c0 = rng.normal(size=(N, H))
G = rng.normal(size=(N, T, H))
layer = ns['TimeLSTM'](Wx.copy(), Wh.copy(), b.copy(), stateful=True)
layer.set_state(h0.copy(), c0.copy())
hs = layer.forward(xs.copy())
dxs = layer.backward(G.copy())
Q = dict(xs=xs.copy(), h0=h0.copy(), Wx=Wx.copy(), Wh=Wh.copy(), b=b.copy())
def ref_hs():
    hh, c_ = Q['h0'], c0
    out = []
    for t in range(T):
        hh, c_ = step(Q['xs'][:, t, :], hh, c_, Q['Wx'], Q['Wh'], Q['b'])
        out.append(hh)
    return np.stack(out, axis=1)
LT = lambda: np.sum(G * ref_hs())
dq = {k: numgrad(LT, Q[k]) for k in Q}
tol = dict(rtol=1e-4, atol=1e-5)   # hs and dxs are float32 buffers in the author's code
fwd_ok = np.allclose(hs, ref_hs(), **tol)
parts = {'hs': fwd_ok,
         'dWx': np.allclose(layer.grads[0], dq['Wx'], **tol), 'dWh': np.allclose(layer.grads[1], dq['Wh'], **tol),
         'db': np.allclose(layer.grads[2], dq['b'], **tol), 'dxs': np.allclose(dxs, dq['xs'], **tol),
         'dh0': np.allclose(layer.dh, dq['h0'], **tol)}
time_ok = all(parts.values())
for ln in (111, 124, 130, 131, 134, 137, 140):
    okl = fwd_ok if ln == 111 else time_ok
    results[ln] = (okl, '' if okl else str(parts), lines[ln - 1].strip())
print('TimeLSTM whole-run comparison:', parts)

all_agree = True
for ln in sorted(results):
    ok, note, stmt = results[ln]
    exp = EXPECTED[str(ln)]['expected']
    agree = (ok and exp == 'pass') or ((not ok) and exp == 'fail')
    all_agree &= agree
    print('line %3d: %-8s (expected %s) %s  | %s %s' % (ln, 'OK' if ok else 'MISMATCH', exp, 'agrees' if agree else 'DISAGREES', stmt, ('[' + note + ']') if note else ''))
missing = set(map(int, EXPECTED)) ^ set(results)
print('annotated lines without a check / checks without annotation:', sorted(missing))
print('ALL VERDICTS AGREE' if all_agree and not missing else 'SOME VERDICTS DISAGREE')
