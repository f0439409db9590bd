#!/usr/bin/env python3
"""Finite-difference check of es_neuralsuite_lstm_bptt_cpp.md (NeuralSuite C++ LSTM::Backward).

Forward as in the source: gates = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh, gate blocks i,f,g,o
(rows gate*H + k), c_t = f c_{t-1} + i g, h_t = o tanh(c_t), h_{-1} = c_{-1} = 0.
Loss: L = sum_t sum_b dout[t,b,:] . h_t[b,:]  (so dout is the upstream gradient of the output sequence).
float64, small random sizes.
"""
import numpy as np

rng = np.random.default_rng(7)
T, B, I, H = 4, 2, 3, 3
x = rng.normal(size=(T, B, I))
Wih = rng.normal(scale=0.6, size=(4 * H, I))
Whh = rng.normal(scale=0.6, size=(4 * H, H))
bih = rng.normal(scale=0.3, size=4 * H)
bhh = rng.normal(scale=0.3, size=4 * H)
dout = rng.normal(size=(T, B, H))
sig = lambda z: 1.0 / (1.0 + np.exp(-z))


def forward(x, Wih, Whh, bih, bhh, off=None):
    """off: dict (name, t) -> additive offset array [B,H] (or [B,4H] for 'pre')."""
    off = off or {}
    g_ = lambda n, t, shape: off.get((n, t), np.zeros(shape))
    h = np.zeros((B, H)); c = np.zeros((B, H))
    cache = []
    L = 0.0
    for t in range(T):
        hp, cp = h, c
        pre = x[t] @ Wih.T + bih + bhh + (hp @ Whh.T if t > 0 else 0.0) + g_('pre', t, (B, 4 * H))
        i = sig(pre[:, 0:H]) + g_('i', t, (B, H))
        f = sig(pre[:, H:2 * H]) + g_('f', t, (B, H))
        g = np.tanh(pre[:, 2 * H:3 * H]) + g_('g', t, (B, H))
        o = sig(pre[:, 3 * H:4 * H]) + g_('o', t, (B, H))
        c = f * cp + i * g + g_('c', t, (B, H))
        tc = np.tanh(c)
        h = o * tc + g_('h', t, (B, H))
        cache.append(dict(i=i, f=f, g=g, o=o, c=c, tc=tc, h=h, hp=hp, cp=cp))
        L += np.sum(dout[t] * h)
    return L, cache


def fd_wrt(fun, shape, eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        gr[idx] = (fun(e) - fun(-e)) / (2 * eps)
    return gr


L0, cache = forward(x, Wih, Whh, bih, bhh)

# ---- numerical references ----
num = {}
for name in ['h', 'c', 'i', 'f', 'g', 'o']:
    num[name] = [fd_wrt(lambda e, t=t: forward(x, Wih, Whh, bih, bhh, {(name, t): e})[0], (B, H)) for t in range(T)]
num['pre'] = [fd_wrt(lambda e, t=t: forward(x, Wih, Whh, bih, bhh, {('pre', t): e})[0], (B, 4 * H)) for t in range(T)]
num['Wih'] = fd_wrt(lambda e: forward(x, Wih + e, Whh, bih, bhh)[0], Wih.shape)
num['Whh'] = fd_wrt(lambda e: forward(x, Wih, Whh + e, bih, bhh)[0], Whh.shape)
num['bih'] = fd_wrt(lambda e: forward(x, Wih, Whh, bih + e, bhh)[0], bih.shape)
num['bhh'] = fd_wrt(lambda e: forward(x, Wih, Whh, bih, bhh + e)[0], bhh.shape)
num['x'] = fd_wrt(lambda e: forward(x + e, Wih, Whh, bih, bhh)[0], x.shape)
# dL/dc_{t-1} through c_t only (the part the author's dc_prev_acc carries): perturb c_{t-1} only inside c_t
def L_cprev_only(t, e):
    # offset c_{t-1} as seen by step t's c_t = f*c_{t-1} + i*g, not by h_{t-1}: equals offset f_t*e on c_t
    f_t = cache[t]['f']
    return forward(x, Wih, Whh, bih, bhh, {('c', t): f_t * e})[0]

# ---- the author's backward, transcribed (vectorised over batch, float64) ----
dWih = np.zeros_like(Wih); dWhh = np.zeros_like(Whh); dbih = np.zeros_like(bih); dbhh = np.zeros_like(bhh)
dx = np.zeros_like(x)
dh_next = np.zeros((B, H)); dc_next = np.zeros((B, H))
res = {k: [] for k in [202, 204, 205, 207, 208, 209, 213, 214, 215, 216, 219, 236]}
for t in range(T - 1, -1, -1):
    C = cache[t]
    i_g, f_g, g_g, o_g, tanh_c = C['i'], C['f'], C['g'], C['o'], C['tc']
    c_prev = C['cp'] if t > 0 else np.zeros((B, H))
    dh = dout[t] + dh_next                                                    # line 202
    do_g = dh * tanh_c                                                        # line 204
    dc = dh * o_g * (1.0 - tanh_c * tanh_c) + dc_next                         # line 205
    di_g = dc * g_g                                                           # line 207
    dg_g = dc * i_g                                                           # line 208
    df_g = dc * c_prev                                                        # line 209
    dpre = np.zeros((B, 4 * H))
    dpre[:, 0:H] = di_g * i_g * (1.0 - i_g)                                   # line 213
    dpre[:, H:2 * H] = df_g * f_g * (1.0 - f_g)                               # line 214
    dpre[:, 2 * H:3 * H] = dg_g * (1.0 - g_g * g_g)                           # line 215
    dpre[:, 3 * H:4 * H] = do_g * o_g * (1.0 - o_g)                           # line 216
    dc_prev_acc = dc * f_g                                                    # line 219
    dbih += dpre.sum(0)                                                       # line 225
    dbhh += dpre.sum(0)                                                       # line 226
    dWih += dpre.T @ x[t]                                                     # line 229
    dx[t] += dpre @ Wih                                                       # line 230
    dh_prev_acc = np.zeros((B, H))
    if t > 0:
        dWhh += dpre.T @ C['hp']                                              # line 235
        dh_prev_acc += dpre @ Whh                                             # line 236
    res[202].append((dh, num['h'][t])); res[204].append((do_g, num['o'][t]))
    res[205].append((dc, num['c'][t])); res[207].append((di_g, num['i'][t]))
    res[208].append((dg_g, num['g'][t])); res[209].append((df_g, num['f'][t]))
    res[213].append((dpre[:, 0:H], num['pre'][t][:, 0:H])); res[214].append((dpre[:, H:2*H], num['pre'][t][:, H:2*H]))
    res[215].append((dpre[:, 2*H:3*H], num['pre'][t][:, 2*H:3*H])); res[216].append((dpre[:, 3*H:], num['pre'][t][:, 3*H:]))
    if t > 0:
        res[219].append((dc_prev_acc, fd_wrt(lambda e, t=t: L_cprev_only(t, e), (B, H))))
        # dh_prev_acc = dL/dh_{t-1} through step t's gates only: total minus h_{t-1}'s own output path
        res[236].append((dh_prev_acc, num['h'][t - 1] - dout[t - 1]))
    dh_next = dh_prev_acc                                                     # line 243
    dc_next = dc_prev_acc                                                     # line 244

def report(line, pairs):
    err = max(np.max(np.abs(a - b)) for a, b in pairs)
    print(f"line {line}: " + ("OK" if err < 1e-6 else f"MISMATCH (max err {err:.3e})"))

for k in [202, 204, 205, 207, 208, 209, 213, 214, 215, 216, 219]:
    report(k, res[k])
report(225, [(dbih, num['bih'])])
report(226, [(dbhh, num['bhh'])])
report(229, [(dWih, num['Wih'])])
report(230, [(dx, num['x'])])
report(235, [(dWhh, num['Whh'])])
report(236, res[236])
# carries: dh at t-1 (line 202) and dc at t-1 (line 205) already use dh_next/dc_next from lines 243/244
report(243, res[202])
report(244, res[205])
