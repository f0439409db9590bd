"""FD check of aleperrod_lstm_pt.md (aleperrod/LSTM @ 4122c94, pre-fix version).
Row-vector layout: x (dim_x,), h_a, C_a (bus,), W_* (dim_x, bus), U_* (bus, bus), b_* (bus,).
Gates i, f, o = sigmoid(x W + h_a U + b), m = tanh(x W_m + h_a U_m + b_m).
Reference model for the backward rows = the one the author's gradients differentiate (and the later fix 8243bf0
implements): C = C_a*i + f*m (cell exactly as written in _C_), h = tanh(C)*o, E = 0.5*||h - d||^2, one step,
with h_a and C_a treated as constants (each step is trained on its own). dE_dv_* = dE/d(pre-activation) of a gate.
delta_* += eta * dE/dparam (gradient scaled by the learning rate)."""
import numpy as np

rng = np.random.default_rng(580)
dx, n = 3, 4
P = {k: rng.normal(0, .6, (dx, n)) for k in ('W_i', 'W_f', 'W_o', 'W_m')}
P.update({k: rng.normal(0, .6, (n, n)) for k in ('U_i', 'U_f', 'U_o', 'U_m')})
P.update({k: rng.normal(0, .3, n) for k in ('b_i', 'b_f', 'b_o', 'b_m')})
x = rng.normal(size=dx); h_a = rng.normal(0, .5, n); C_a = rng.normal(0, .8, n); d = rng.normal(0, .5, n)
eta = 0.37
sig = lambda z: 1 / (1 + np.exp(-z))
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-9)

def pre(P, g): return np.matmul(x, P['W_' + g]) + np.matmul(h_a, P['U_' + g]) + P['b_' + g]
def model(P, dv=None):
    v = {g: pre(P, g) for g in 'ifom'}
    if dv is not None: v[dv[0]] = v[dv[0]] + dv[1]
    i, f, o, m = sig(v['i']), sig(v['f']), sig(v['o']), np.tanh(v['m'])
    C = C_a * i + f * m
    h = np.tanh(C) * o
    return 0.5 * np.sum((h - d) ** 2), dict(i=i, f=f, o=o, m=m, C=C, h=h)

E0, s = model(P); i, f, o, m, C, h = (s[k] for k in ('i', 'f', 'o', 'm', 'C', 'h'))
e = 1e-6
def fd_v(g):
    out = np.zeros(n)
    for k in range(n):
        dd = np.zeros(n); dd[k] = e
        out[k] = (model(P, (g, dd))[0] - model(P, (g, -dd))[0]) / (2 * e)
    return out
def fd_p(name):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += e; Pm[name][idx] -= e
        G[idx] = (model(Pp)[0] - model(Pm)[0]) / (2 * e)
    return G
dv = {g: fd_v(g) for g in 'ifom'}
res = {}

# 11 sigmoid, 15/19/23/27 gate pre-activations (row-vector layout)
res[11] = close(sig(0.3), 1 / (1 + np.exp(-0.3)))
for r, g in ((15, 'i'), (19, 'f'), (23, 'o')):
    res[r] = close(sig(x @ P['W_' + g] + h_a @ P['U_' + g] + P['b_' + g]), s[g])
res[27] = close(np.tanh(x @ P['W_m'] + h_a @ P['U_m'] + P['b_m']), m)
# 31: LSTM cell should be f*C_a + i*m; the written C_a*i + f*m swaps the gates (fail -> must differ)
res[31] = not close(C_a * i + f * m, f * C_a + i * m)
# 34: h uses tanh(C_a) (previous cell) instead of tanh(C) (fail -> must differ)
res[34] = not close(np.tanh(C_a) * o, np.tanh(C) * o)
# 39/42/45: (1-C**2) used as tanh'(C) -> wrong; 48 correct
res[39] = not close((h - d) * (1 - C ** 2) * o * C_a * i * (1 - i), dv['i']) and close((h - d) * (1 - np.tanh(C) ** 2) * o * C_a * i * (1 - i), dv['i'])
res[42] = not close((h - d) * (1 - C ** 2) * o * m * f * (1 - f), dv['f']) and close((h - d) * (1 - np.tanh(C) ** 2) * o * m * f * (1 - f), dv['f'])
res[45] = not close((h - d) * (1 - C ** 2) * o * f * (1 - m ** 2), dv['m']) and close((h - d) * (1 - np.tanh(C) ** 2) * o * f * (1 - m ** 2), dv['m'])
res[48] = close((h - d) * np.tanh(C) * o * (1 - o), dv['o'])
# 52-66: eta*outer(x, dE/dv) for W (pass), eta*outer(h, dE/dv) for U (fail: should be h_a), eta*dE/dv for b (pass)
for g, (rW, rU, rb) in zip('ifmo', ((52, 53, 54), (56, 57, 58), (60, 61, 62), (64, 65, 66))):
    res[rW] = close(eta * np.outer(x, dv[g]), eta * fd_p('W_' + g))
    res[rU] = not close(eta * np.outer(h, dv[g]), eta * fd_p('U_' + g)) and close(eta * np.outer(h_a, dv[g]), eta * fd_p('U_' + g))
    res[rb] = close(eta * dv[g], eta * fd_p('b_' + g))
# 69 loss
res[69] = close(0.5 * np.sum((h - d) ** 2), E0)
# 79/80/84/85: training-loop calls and state carry (rows themselves are right; _h_'s error is row 34)
res[79] = res[80] = res[84] = res[85] = True

expected = {11: 1, 15: 1, 19: 1, 23: 1, 27: 1, 31: 0, 34: 0, 39: 0, 42: 0, 45: 0, 48: 1,
            52: 1, 53: 0, 54: 1, 56: 1, 57: 0, 58: 1, 60: 1, 61: 0, 62: 1, 64: 1, 65: 0, 66: 1,
            69: 1, 79: 1, 80: 1, 84: 1, 85: 1}
for r, exp in expected.items():
    assert res[r], f"row {r}: FD evidence does not support verdict {'pass' if exp else 'fail'}"
print(f"aleperrod: {len(expected)} rows, {sum(expected.values())} pass, {len(expected)-sum(expected.values())} fail -> OK")
