#!/usr/bin/env python3
"""Finite-difference check of zh_cann_dynamic_augru_grad.md (CANN DynamicAUGRU / DynamicAUGRUGrad READMEs).

Forward (DynamicAUGRU README, row vectors, gate_order zrh, reset_after):
  G^x_t = x_t W_x + b_x, G^h_t = h_{t-1} W_h + b_h, z = s(Gx_z+Gh_z), r = s(Gx_r+Gh_r),
  n = tanh(Gx_n + r*Gh_n), zhat = (1-a_t) z, h_t = n + zhat (h_{t-1} - n); a_t in R^B broadcast over H.
No seq_length (mask = 1).  Loss: L = sum_t <dy[t], h_t> + <dh, h_{T-1}>, so dy/dh are the upstream
gradients of the README.  float64, small random sizes.
"""
import numpy as np

rng = np.random.default_rng(11)
T, B, I, H = 4, 2, 3, 3
x = rng.normal(size=(T, B, I))
Wx = rng.normal(scale=0.6, size=(I, 3 * H))
Wh = rng.normal(scale=0.6, size=(H, 3 * H))
bx = rng.normal(scale=0.3, size=3 * H)
bh = rng.normal(scale=0.3, size=3 * H)
att = rng.uniform(0.1, 0.9, size=(T, B))
h0 = rng.normal(scale=0.5, size=(B, H))
dy = rng.normal(size=(T, B, H))
dhT = rng.normal(size=(B, H))
sig = lambda v: 1 / (1 + np.exp(-v))
Z, R, N = slice(0, H), slice(H, 2 * H), slice(2 * H, 3 * H)


def forward(x, Wx, Wh, bx, bh, att, h0, off=None):
    off = off or {}
    o = lambda k, t: off.get((k, t), 0.0)
    h = h0; cache = []; L = 0.0
    for t in range(T):
        Gx = x[t] @ Wx + bx
        Gh = h @ Wh + bh
        z = sig(Gx[:, Z] + Gh[:, Z] + o('zpre', t))
        r = sig(Gx[:, R] + Gh[:, R] + o('rpre', t))
        n = np.tanh(Gx[:, N] + r * Gh[:, N] + o('npre', t))
        a = att[t][:, None]
        zhat = (1 - a) * z
        hn = n + zhat * (h - n) + o('h', t)
        cache.append(dict(z=z, r=r, n=n, ntil=Gh[:, N], u=zhat, hprev=h, a=a))
        h = hn
        L += np.sum(dy[t] * h)
    L += np.sum(dhT * h)
    return L, cache


def fd(fun, shape, eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        gr[idx] = (fun(e) - fun(-e)) / (2 * eps)
    return gr


args = [x, Wx, Wh, bx, bh, att, h0]
L0, cache = forward(*args)
F = lambda off: forward(*args, off=off)[0]
num = {k: [fd(lambda e, t=t, k=k: F({(k, t): e}), (B, H)) for t in range(T)] for k in ['zpre', 'rpre', 'npre', 'h']}
def perturbed(i, e):
    a = list(args); a[i] = a[i] + e; return forward(*a)[0]
num_Wx = fd(lambda e: perturbed(1, e), Wx.shape)
num_Wh = fd(lambda e: perturbed(2, e), Wh.shape)
num_bx = fd(lambda e: perturbed(3, e), bx.shape)
num_bh = fd(lambda e: perturbed(4, e), bh.shape)
num_att = fd(lambda e: perturbed(5, e), att.shape)
num_x = fd(lambda e: perturbed(0, e), x.shape)
num_h0 = fd(lambda e: perturbed(6, e), h0.shape)

# ---- the README's backward (mask = 1) ----
dh_prev = dhT
G_in = np.zeros((T, B, 3 * H)); G_hid = np.zeros((T, B, 3 * H))
out = {k: [] for k in [39, '43a', '43b', '47a', '47b', 51]}
dw_att = np.zeros((T, B))
for t in range(T - 1, -1, -1):
    C = cache[t]
    z, r, n, ntil, u, hp, a = C['z'], C['r'], C['n'], C['ntil'], C['u'], C['hprev'], C['a']
    mask = 1.0
    grad_h = mask * dh_prev + dy[t]                                         # line 39
    dnt = grad_h * (1 - u) * (1 - n ** 2)                                   # line 43 (a)
    dr = dnt * r * (1 - r) * ntil                                           # line 43 (b)
    dz = grad_h * (hp - n) * (1 - a) * z * (1 - z)                          # line 47 (a)
    dw_att[t] = -np.sum(grad_h * (hp - n) * z, axis=1)                      # line 47 (b)
    dh_prev = np.concatenate([dz, dr, dnt * r], 1) @ Wh.T + grad_h * u       # line 51
    G_in[t] = np.concatenate([dz, dr, dnt], 1)
    G_hid[t] = np.concatenate([dz, dr, dnt * r], 1)
    out[39].append((grad_h, num['h'][t]))
    out['43a'].append((dnt, num['npre'][t])); out['43b'].append((dr, num['rpre'][t]))
    out['47a'].append((dz, num['zpre'][t]))
    # dh_prev at step t = dL/dh_{t-1} via step t = total dL/dh_{t-1} minus dy[t-1] (or dL/dinit_h at t = 0)
    out[51].append((dh_prev, num['h'][t - 1] - dy[t - 1] if t > 0 else num_h0))

hprev_all = np.stack([cache[t]['hprev'] for t in range(T)])
dw_input = x.reshape(-1, I).T @ G_in.reshape(-1, 3 * H)                    # line 57 (a)
dw_hidden = hprev_all.reshape(-1, H).T @ G_hid.reshape(-1, 3 * H)          # line 57 (b)
dx = G_in @ Wx.T                                                            # line 57 (c), W_in read as weight_input
db_input = G_in.sum((0, 1)); db_hidden = G_hid.sum((0, 1))                  # line 61

def report(line, pairs):
    err = max(np.max(np.abs(p - q)) for p, q in pairs)
    print(f"line {line}: " + ("OK" if err < 1e-6 else f"MISMATCH (max err {err:.3e})"))

report(39, out[39])
report(43, out['43a'] + out['43b'])
report(47, out['47a'] + [(dw_att, num_att)])
report(51, out[51])
report(57, [(dw_input, num_Wx), (dw_hidden, num_Wh), (dx, num_x)])
report(61, [(db_input, num_bx), (db_hidden, num_bh)])
