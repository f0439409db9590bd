"""FD check of bcrafton/lstm_experiments gradients/lstm_backward.py @ c3d7585.

One hidden unit, 2 inputs, two steps, L = 1/2 (h0-y0)^2 + 1/2 (h1-y1)^2 (e = h - y).
Author's numbers are used. Each row is evaluated as written with TRUE values of its inputs.
"""
import numpy as np

EPS = 1e-6
TOL = 1e-7

def tanh(x):
    return np.tanh(x)
def dtanh(x):                     # line 21 (wrt Z)
    return 1. - np.tanh(x) ** 2.
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))

P = dict(
    Wa_x=np.array([[0.45, 0.25]]), Wi_x=np.array([[0.95, 0.80]]),
    Wf_x=np.array([[0.70, 0.45]]), Wo_x=np.array([[0.60, 0.40]]),
    Wa_h=np.array([0.15]), Wi_h=np.array([0.8]), Wf_h=np.array([0.1]), Wo_h=np.array([0.25]),
    ba=np.array([0.20]), bi=np.array([0.65]), bf=np.array([0.15]), bo=np.array([0.10]))
xs = [np.array([1.00, 2.00]), np.array([0.50, 3.00])]
ys = [0.5, 1.25]
GN = ['a', 'i', 'f', 'o']


def forward(pert=None, xs=xs, hinit=0.0):
    pert = pert or {}
    gp = lambda k: pert.get(k, 0.0)
    h_prev = np.array([hinit]); s_prev = np.array([0.0])
    c = {}
    for t in range(2):
        z = {}
        for g in GN:
            z[g] = (P['W%s_x' % g] @ (xs[t] + gp(('x' + g, t)))
                    + P['W%s_h' % g] * (h_prev + gp(('h' + g, t))) + P['b' + g] + gp(('z' + g, t)))
        a = np.tanh(z['a']); i = sigmoid(z['i']); f = sigmoid(z['f']); o = sigmoid(z['o'])
        s = a * i + s_prev * f + gp(('s', t))
        h = np.tanh(s) * o + gp(('hh', t))
        c.update({('a', t): a, ('i', t): i, ('f', t): f, ('o', t): o, ('s', t): s, ('h', t): h})
        h_prev, s_prev = h, s
    L = sum(0.5 * np.sum((c[('h', t)] - ys[t]) ** 2) for t in range(2))
    return L, c


def fd(key, shape=(1,)):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (forward({key: d})[0] - forward({key: -d})[0]) / (2 * EPS)
    return g

L0, C = forward()
a0, i0, f0, o0, s0, h0 = [C[(k, 0)] for k in ['a', 'i', 'f', 'o', 's', 'h']]
a1, i1, f1, o1, s1, h1 = [C[(k, 1)] for k in ['a', 'i', 'f', 'o', 's', 'h']]
T = {}
for t in range(2):
    T[('h', t)] = fd(('hh', t)); T[('s', t)] = fd(('s', t))
    for g in GN:
        T[('z' + g, t)] = fd(('z' + g, t))
        T[('x' + g, t)] = fd(('x' + g, t), (2,))
        T[('h' + g, t)] = fd(('h' + g, t))
dX = [sum(T[('x' + g, t)] for g in GN) for t in range(2)]
dhinit = (forward(hinit=EPS)[0] - forward(hinit=-EPS)[0]) / (2 * EPS)
dh_from1 = sum(T[('h' + g, 1)] for g in GN)   # gradient reaching h0 through step 1

res = {}
def rec(line, ok):
    res[line] = res.get(line, True) and bool(np.allclose(ok[0], ok[1], atol=TOL, rtol=1e-6))

# line 21
z = np.linspace(-2, 2, 7)
rec(21, (dtanh(z), (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)))

# forward rows vs a standard LSTM (zero initial state), lines 60-65 and 74-79
def std_step(x, hp, cp):
    zz = {g: P['W%s_x' % g] @ x + P['W%s_h' % g] * hp + P['b' + g] for g in GN}
    gg, ii, ff, oo = np.tanh(zz['a']), sigmoid(zz['i']), sigmoid(zz['f']), sigmoid(zz['o'])
    cc = ff * cp + ii * gg
    return gg, ii, ff, oo, cc, oo * np.tanh(cc)
R0 = std_step(xs[0], 0.0, 0.0); R1 = std_step(xs[1], R0[5], R0[4])
h_prev = [0.0]; s_prev = [0.0]
rec(60, (tanh(   P['Wa_x'] @ xs[0] + P['Wa_h'] @ h_prev + P['ba']), R0[0]))
rec(61, (sigmoid(P['Wi_x'] @ xs[0] + P['Wi_h'] @ h_prev + P['bi']), R0[1]))
rec(62, (sigmoid(P['Wf_x'] @ xs[0] + P['Wf_h'] @ h_prev + P['bf']), R0[2]))
rec(63, (sigmoid(P['Wo_x'] @ xs[0] + P['Wo_h'] @ h_prev + P['bo']), R0[3]))
rec(64, (R0[0] * R0[1] + s_prev * R0[2], R0[4]))
rec(65, (tanh(R0[4]) * R0[3], R0[5]))
h_prev = R0[5]; s_prev = R0[4]
rec(74, (tanh(   P['Wa_x'] @ xs[1] + P['Wa_h'] @ h_prev + P['ba']), R1[0]))
rec(75, (sigmoid(P['Wi_x'] @ xs[1] + P['Wi_h'] @ h_prev + P['bi']), R1[1]))
rec(76, (sigmoid(P['Wf_x'] @ xs[1] + P['Wf_h'] @ h_prev + P['bf']), R1[2]))
rec(77, (sigmoid(P['Wo_x'] @ xs[1] + P['Wo_h'] @ h_prev + P['bo']), R1[3]))
rec(78, (R1[0] * R1[1] + s_prev * R1[2], R1[4]))
rec(79, (tanh(R1[4]) * R1[3], R1[5]))

# backward, step 1 (lines 85-99)
rec(85, (h1 - ys[1], (forward({('hh', 1): EPS})[0] - forward({('hh', 1): -EPS})[0]) / (2 * EPS)))
rec(86, (0., T[('h', 1)] - (h1 - ys[1])))            # nothing reaches h1 from a later step
rec(87, ((h1 - ys[1]) + 0., T[('h', 1)]))
rec(88, (T[('h', 1)] * o1 * dtanh(s1) + 0.0 * 0.0, T[('s', 1)]))
rec(89, (T[('s', 1)] * i1 * (1. - a1 ** 2), T[('za', 1)]))
rec(90, (T[('s', 1)] * a1 * i1 * (1. - i1), T[('zi', 1)]))
rec(91, (T[('s', 1)] * s0 * f1 * (1. - f1), T[('zf', 1)]))
rec(92, (T[('h', 1)] * tanh(s1) * o1 * (1. - o1), T[('zo', 1)]))
Wx = np.concatenate((P['Wa_x'], P['Wi_x'], P['Wf_x'], P['Wo_x']), axis=0)
Wh = np.concatenate((P['Wa_h'], P['Wi_h'], P['Wf_h'], P['Wo_h']), axis=0)
dg1 = np.concatenate([T[('z' + g, 1)] for g in GN], axis=0)
rec(98, (Wx.T @ dg1, dX[1]))
rec(99, (Wh.T @ dg1, dh_from1))

# backward, step 0 (lines 106-120)
rec(106, (h0 - ys[0], T[('h', 0)] - dh_from1))
rec(108, ((h0 - ys[0]) + dh_from1, T[('h', 0)]))
rec(109, (T[('h', 0)] * o0 * dtanh(s0) + T[('s', 1)] * f1, T[('s', 0)]))
rec(110, (T[('s', 0)] * i0 * (1. - a0 ** 2), T[('za', 0)]))
rec(111, (T[('s', 0)] * a0 * i0 * (1. - i0), T[('zi', 0)]))
rec(112, (T[('s', 0)] * 0.0 * f0 * (1. - f0), T[('zf', 0)]))
rec(113, (T[('h', 0)] * tanh(s0) * o0 * (1. - o0), T[('zo', 0)]))
dg0 = np.concatenate([T[('z' + g, 0)] for g in GN], axis=0)
rec(119, (Wx.T @ dg0, dX[0]))
rec(120, (Wh.T @ dg0, dhinit))

expected_fail = set()
ok = True
for k in sorted(res):
    v = 'pass' if res[k] else 'fail'
    e = 'fail' if k in expected_fail else 'pass'
    ok &= (v == e)
    print(k, v, '' if v == e else '<-- MISMATCH')
print('rows', len(res))
assert ok
print('OK')
