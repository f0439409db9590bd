"""Finite-difference check of lstm_bptt_dqn_note.md (search-index file id 52372400650).

Conventions (from the note): column vectors, every gate acts on [h_{t-1}, x_t];
delta^h_t = dL/dh_t and delta^C_t = dL/dC_t are TOTAL gradients of L = sum_t L_t;
delta^o_t, delta^f_t, delta^i_t are gradients w.r.t. the gate PRE-activations
("sigma'(o_t input)"), and delta^{C~}_t, multiplied "with the respective inputs" to give
dW_C, is the gradient w.r.t. the candidate's pre-activation.  The per-step loss is not
specified; L_t = 1/2 ||V h_t - y_t||^2 is used here.
"""
import numpy as np

rng = np.random.default_rng(2)
NX, NH, T = 3, 4, 5
W = {k: rng.normal(0, .6, (NH, NH + NX)) for k in 'fiCo'}
b = {k: rng.normal(0, .3, (NH, 1)) for k in 'fiCo'}
V = rng.normal(0, .7, (2, NH))
xs = [rng.normal(0, 1, (NX, 1)) for _ in range(T)]
ys = [rng.normal(0, 1, (2, 1)) for _ in range(T)]
h0 = rng.normal(0, .5, (NH, 1)); C0 = rng.normal(0, .5, (NH, 1))
sig = lambda a: 1 / (1 + np.exp(-a))

def run(pert=None):
    pert = pert or {}
    p = lambda n, t, v: v + pert.get((n, t), 0.0)
    h, C, L, cache = h0, C0, 0.0, []
    for t in range(T):
        z = np.vstack([h, xs[t]])
        af, ai, aC, ao = (p('a' + k, t, W[k] @ z + b[k]) for k in 'fiCo')
        f, i, Ct, o = sig(af), sig(ai), np.tanh(aC), sig(ao)          # lines 7, 8, 9, 11
        Cp = C
        C = p('C', t, f * C + i * Ct)                                   # line 10
        h = p('h', t, o * np.tanh(C))                                   # line 12
        L += 0.5 * np.sum((V @ h - ys[t]) ** 2)                         # line 16: L = sum_t L_t
        cache.append(dict(f=f, i=i, Ct=Ct, o=o, C=C, Cp=Cp, h=h))
    return L, cache

def fd(name, t, eps=1e-6):
    g = np.zeros((NH, 1))
    for k in range(NH):
        e = np.zeros((NH, 1)); e[k] = eps
        g[k] = (run({(name, t): e})[0] - run({(name, t): -e})[0]) / (2 * eps)
    return g

def rep(label, a, ref, expect):
    err = np.max(np.abs(a - ref)) / max(1e-12, np.max(np.abs(ref)))
    ok = err < 1e-5
    print(f'{label:70s} {"AGREES" if ok else "DIFFERS":8s} rel.err={err:.2e}' + ('' if ok == expect else '   <-- UNEXPECTED'))

L, cache = run()
for t in range(T):
    c = cache[t]
    dh = fd('h', t)                      # line 20: delta^h_t = dL/dh_t (total)
    dC_true = fd('C', t)                 # line 20: delta^C_t = dL/dC_t (total)
    dC_next = fd('C', t + 1) if t + 1 < T else np.zeros((NH, 1))
    f_next = cache[t + 1]['f'] if t + 1 < T else np.zeros((NH, 1))
    print(f'-- t = {t}')
    d_o = dh * np.tanh(c['C']) * c['o'] * (1 - c['o'])
    rep('L26 delta^o_t = delta^h_t . tanh(C_t) . sigma\'(a_o)', d_o, fd('ao', t), True)
    d_C = dh * c['o'] * (1 - np.tanh(c['C']) ** 2) + dC_next * f_next
    rep('L31 delta^C_t = delta^h_t . o_t . (1-tanh^2 C_t) + delta^C_{t+1} . f_{t+1}', d_C, dC_true, True)
    rep('L36 delta^f_t = delta^C_t . C_{t-1} . sigma\'(a_f)', dC_true * c['Cp'] * c['f'] * (1 - c['f']), fd('af', t), True)
    rep('L41 delta^i_t = delta^C_t . C~_t . sigma\'(a_i)', dC_true * c['Ct'] * c['i'] * (1 - c['i']), fd('ai', t), True)
    d_Ct_written = dC_true * c['i'] * (1 - np.tanh(c['Ct']) ** 2)
    rep('L46 delta^C~_t = delta^C_t . i_t . (1 - tanh^2(C~_t))  [as written]', d_Ct_written, fd('aC', t), False)
    rep('    (for comparison: delta^C_t . i_t . (1 - C~_t^2), not in the source)', dC_true * c['i'] * (1 - c['Ct'] ** 2), fd('aC', t), True)
