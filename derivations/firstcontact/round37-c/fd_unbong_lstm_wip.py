#!/usr/bin/env python3
"""Finite-difference check of unbong_lstm_wip.md (numpy only).

Each annotated line of the author's code is executed verbatim (text read from the .md file) in a
namespace whose upstream quantities are the CORRECT values (computed from an independent forward pass
and central differences), and the variable it assigns is compared with the correct target.
Conventions (the author's, row vectors): A = x Wx + h_prev Wh + b, blocks [f | i | g | o] of width H,
c_next = f*c_prev + i*g, h_next = o*tanh(c_next); loss L = sum(Gh*h_next) + sum(Gc*c_next), so that
d_h_next = Gh and d_c_next = Gc are the gradients arriving from above / from the next time step.
"""
import os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'unbong_lstm_wip.md')
lines = open(MD, encoding='utf-8').read().split('\n')
EXPECTED = __import__('json').load(open(os.path.join(HERE, 'expected.json')))['unbong_lstm_wip.md']

rng = np.random.default_rng(37)
N, D, H = 3, 4, 5
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); c_prev = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, 4 * H)) * 0.5; Wh = rng.normal(size=(H, 4 * H)) * 0.5; b = rng.normal(size=4 * H) * 0.5
Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))

def sig(z):  # independent form of the logistic function
    return 0.5 * (1.0 + np.tanh(0.5 * z))

def gates_from_A(A):
    return sig(A[:, :H]), sig(A[:, H:2 * H]), np.tanh(A[:, 2 * H:3 * H]), sig(A[:, 3 * H:])

def L_gates(f, i, g, o, cp=None):
    cp = c_prev if cp is None else cp
    c = f * cp + i * g
    return np.sum(Gh * o * np.tanh(c)) + np.sum(Gc * c)

def L_A(A):
    return L_gates(*gates_from_A(A))

def L_full(x_, hp, cp, Wx_, Wh_, b_):
    A = np.einsum('nd,dk->nk', x_, Wx_) + np.einsum('nh,hk->nk', hp, Wh_) + b_
    f, i, g, o = gates_from_A(A)
    return L_gates(f, i, g, o, cp)

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

# reference forward
A = np.einsum('nd,dk->nk', x, Wx) + np.einsum('nh,hk->nk', h_prev, Wh) + b
f, i, g, o = gates_from_A(A)
c = f * c_prev + i * g
h = o * np.tanh(c)

# reference gradients by central differences
gv = [f.copy(), i.copy(), g.copy(), o.copy()]
dgate = [numgrad(lambda: L_gates(*gv), gv[k]) for k in range(4)]   # dL/d(gate values)
dL_df, dL_di, dL_dg, dL_do = dgate
Acopy = A.copy(); dA = numgrad(lambda: L_A(Acopy), Acopy)
P = dict(x=x.copy(), hp=h_prev.copy(), cp=c_prev.copy(), Wx=Wx.copy(), Wh=Wh.copy(), b=b.copy())
fullL = lambda: L_full(P['x'], P['hp'], P['cp'], P['Wx'], P['Wh'], P['b'])
d = {k: numgrad(fullL, P[k]) for k in P}

def base_ns():
    return dict(np=np, sigmoid=sig, weight_x=Wx, weight_h=Wh, b=b, x=x, h_prev=h_prev, c_prev=c_prev,
                hiddel_layer_=H, input_layer_=N, middle__mat=A, forget_mat=f, input_mat=i, g_mat=g,
                output_mat=o, c_next=c, h_next=h, d_h_next=Gh, d_c_next=Gc)

z = rng.normal(size=(N, H))
# line -> (extra seeds, assigned variable, target)
checks = {
    7: (dict(x=z), 'result', sig(z)),
    21: ({}, 'middle__mat', A),
    24: ({}, 'forget_mat', f),
    25: ({}, 'input_mat', i),
    26: ({}, 'g_mat', g),
    27: ({}, 'output_mat', o),
    29: ({}, 'c_next', c),
    30: ({}, 'h_next', h),
    39: ({}, 'd_c_prev', d['cp']),
    41: ({}, 'd_g_mat', dL_dg),
    42: ({}, 'd_input_mat', dL_di),
    43: ({}, 'd_forget_mat', dL_df),
    44: ({}, 'd_output_mat', dL_do),
    46: (dict(d_input_mat=dL_di), 'd_input_mat', dA[:, H:2 * H]),
    47: (dict(d_g_mat=dL_dg), 'd_g_mat', dA[:, 2 * H:3 * H]),
    48: (dict(d_forget_mat=dL_df), 'd_forget_mat', dA[:, :H]),
    49: (dict(d_output_mat=dL_do), 'd_output_mat', dA[:, 3 * H:]),
    51: (dict(d_forget_mat=dA[:, :H], d_input_mat=dA[:, H:2 * H], d_g_mat=dA[:, 2 * H:3 * H],
              d_output_mat=dA[:, 3 * H:]), 'd_middle_mat', dA),
    53: (dict(d_middle_mat=dA), 'd_weight_h', d['Wh']),
    54: (dict(d_middle_mat=dA), 'd_weight_x', d['Wx']),
    55: (dict(d_middle_mat=dA), 'd_b', d['b']),
    61: (dict(d_middle_mat=dA), 'dx', d['x']),
    62: (dict(d_middle_mat=dA), 'd_h_prev', d['hp']),
}

all_agree = True
for ln in sorted(checks):
    seeds, var, target = checks[ln]
    stmt = lines[ln - 1].strip()
    ns = base_ns(); ns.update(seeds)
    try:
        exec(stmt, ns)
        val = np.asarray(ns[var], dtype=float)
        ok = val.shape == target.shape and np.allclose(val, target, rtol=1e-5, atol=1e-6)
        note = '' if ok else ('shape %s vs %s' % (val.shape, target.shape) if val.shape != target.shape
                               else 'max abs err %.3g' % np.max(np.abs(val - target)))
    except Exception as e:  # the statement does not even run
        ok, note = False, '%s: %s' % (type(e).__name__, e)
    verdict = 'OK' if ok else 'MISMATCH'
    exp = EXPECTED[str(ln)]['expected']
    agree = (ok and exp == 'pass') or ((not ok) and exp == 'fail')
    all_agree &= agree
    print('line %3d: %-8s (expected %s) %s  | %s %s' % (ln, verdict, exp, 'agrees' if agree else 'DISAGREES', stmt, ('[' + note + ']') if note else ''))
missing = set(map(int, EXPECTED)) ^ set(checks)
print('annotated lines without a check / checks without annotation:', sorted(missing))
print('ALL VERDICTS AGREE' if all_agree and not missing else 'SOME VERDICTS DISAGREE')
