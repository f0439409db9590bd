# FD checks for en_mltools_doc_lstm_backward.md
# Column vectors. T_{n+d,4d} = affine map (Tw, tb): pre = Tw [x_t; h_{t-1}] + tb = (i^, f^, o^, g^) stacked in that order.
# i,f,o = sigma(.), g = zeta_1(g^) = tanh, c_t = f*c_{t-1} + i*g, h_t = o*zeta_2(c_t), zeta_2 = tanh.
# Loss: L = sum_t a_t.h_t + 0.5 sum_t |h_t|^2 (any differentiable L of the h_t's would do).
import numpy as np
rng = np.random.default_rng(11)
n, d, S = 3, 2, 3
Tw = rng.normal(size=(4 * d, n + d)) * 0.7; tb = rng.normal(size=(4 * d, 1)) * 0.3
X = [None] + [rng.normal(size=(n, 1)) for _ in range(S)]
A = [None] + [rng.normal(size=(d, 1)) for _ in range(S)]
h0 = rng.normal(size=(d, 1)) * 0.5; c0 = rng.normal(size=(d, 1)) * 0.5
sig = lambda z: 1 / (1 + np.exp(-z))
res = {}
def rep(line, ok): res[line] = res.get(line, True) and bool(ok)

def forward(pert=None, Tstep=None):
    """pert = (s, name, vec): add vec to the named quantity of step s.
    names: x, hprev, cprev (inputs of step s only), ihat,fhat,ohat,ghat (pre-activations), i,f,o,g (gate values),
    c (c_s, seen by h_s and later steps), h (h_s, seen by the loss and later steps).
    Tstep = (s, Tw_s, tb_s): use a different affine map at step s only."""
    h, c = h0, c0
    cache = [None]
    L = 0.0
    for s in range(1, S + 1):
        P = lambda nm, v: v + pert[2] if (pert is not None and pert[0] == s and pert[1] == nm) else v
        x = P('x', X[s]); hp = P('hprev', h); cp = P('cprev', c)
        Wm, bm = (Tstep[1], Tstep[2]) if (Tstep is not None and Tstep[0] == s) else (Tw, tb)
        z = np.vstack([x, hp]); pre = Wm @ z + bm
        ih, fh, oh, gh = (P(nm, pre[k * d:(k + 1) * d]) for k, nm in enumerate(('ihat', 'fhat', 'ohat', 'ghat')))
        i, f, o, g = P('i', sig(ih)), P('f', sig(fh)), P('o', sig(oh)), P('g', np.tanh(gh))
        c = P('c', f * cp + i * g)
        h = P('h', o * np.tanh(c))
        L += (A[s].T @ h).item() + 0.5 * (h.T @ h).item()
        cache.append(dict(x=x, hp=hp, cp=cp, z=z, pre=pre, i=i, f=f, o=o, g=g, c=c, h=h, ih=ih, fh=fh, oh=oh, gh=gh))
    return L, cache
L0, C = forward()
eps = 1e-6
def fd(s, name, dim):
    g = np.zeros((dim, 1))
    for a in range(dim):
        e = np.zeros((dim, 1)); e[a] = eps
        g[a] = (forward((s, name, e))[0] - forward((s, name, -e))[0]) / (2 * eps)
    return g

# activation definitions (lines 11-13)
zz = np.linspace(-3, 3, 13)
rep(11, np.allclose(np.maximum(0, zz), np.where(zz > 0, zz, 0)))
rep(12, np.allclose(1 / (1 + np.exp(-zz)), sig(zz)))
rep(13, np.allclose((np.exp(zz) - np.exp(-zz)) / (np.exp(zz) + np.exp(-zz)), np.tanh(zz)))
# line 23 (RNN, read with n = d so that T_{n,n} acts on h)
Tnd = rng.normal(size=(d, d)); Tnn = rng.normal(size=(d, d)); xx = rng.normal(size=(d, 1)); hh = rng.normal(size=(d, 1))
rep(23, np.tanh(Tnd @ xx + Tnn @ hh).shape == (d, 1))
# forward lines 35, 57, 58 (consistency of the cache)
s = 2; k = C[s]
rep(35, np.allclose(np.vstack([k['i'], k['f'], k['o'], k['g']]),
                    np.vstack([sig(k['pre'][:3 * d]), np.tanh(k['pre'][3 * d:])])))
rep(57, np.allclose(k['c'], k['f'] * k['cp'] + k['i'] * k['g']))
rep(58, np.allclose(k['h'], k['o'] * np.tanh(k['c'])))
# stacked forward (lines 71, 93, 94): layer l input D(h^{l-1}_t) with a fixed dropout mask; T_{2d,4d} needs n = d
mask = (rng.random((d, 1)) > 0.3) / 0.7
Tw2 = rng.normal(size=(4 * d, 2 * d)); tb2 = rng.normal(size=(4 * d, 1))
hl1 = C[2]['h']; hl_prev = rng.normal(size=(d, 1)); cl_prev = rng.normal(size=(d, 1))
pre2 = Tw2 @ np.vstack([mask * hl1, hl_prev]) + tb2
i2, f2, o2, g2 = sig(pre2[:d]), sig(pre2[d:2 * d]), sig(pre2[2 * d:3 * d]), np.tanh(pre2[3 * d:])
c2 = f2 * cl_prev + i2 * g2; h2 = o2 * np.tanh(c2)
rep(71, pre2.shape == (4 * d, 1)); rep(93, c2.shape == (d, 1)); rep(94, np.all(np.abs(h2) < 1))

# backward rows, middle step s = 2
dh = fd(s, 'h', d)                       # dh_t = dL/dh_t (total)
dc = fd(s, 'c', d)                       # total dL/dc_t
dc_next = fd(s + 1, 'c', d)              # total dL/dc_{t+1}
do = dh * np.tanh(k['c'])
rep(103, np.allclose(do, fd(s, 'o', d), atol=1e-6))
# line 111: dc_t (total) = [dc_{t+1} * f_{t+1}] + dh_t * o * zeta_2'(c_t)
rep(111, np.allclose(dc, dc_next * C[s + 1]['f'] + dh * k['o'] * (1 - np.tanh(k['c']) ** 2), atol=1e-6))
di = dc * k['g']; dg = dc * k['i']; df = dc * k['cp']
rep(118, np.allclose(di, fd(s, 'i', d), atol=1e-6))
rep(124, np.allclose(dg, fd(s, 'g', d), atol=1e-6))
rep(129, np.allclose(df, fd(s, 'f', d), atol=1e-6))
rep(134, np.allclose(dc * k['f'], fd(s, 'cprev', d), atol=1e-6))   # contribution through the cell path
rep(138, np.allclose(k['i'], sig(k['ih'])) and np.allclose(k['g'], np.tanh(k['gh'])))
dih = di * k['i'] * (1 - k['i']); dfh = df * k['f'] * (1 - k['f']); doh = do * k['o'] * (1 - k['o'])
rep(141, np.allclose(dih, fd(s, 'ihat', d), atol=1e-6))
rep(146, np.allclose(dfh, fd(s, 'fhat', d), atol=1e-6))
rep(151, np.allclose(doh, fd(s, 'ohat', d), atol=1e-6))
dgh_text = dg * (1 - np.tanh(k['g']) ** 2)          # zeta_1'(g), zeta_1' evaluated at g
rep(156, np.allclose(dgh_text, fd(s, 'ghat', d), atol=1e-6))
dgh = dg * (1 - k['g'] ** 2)                         # correct: zeta_1'(g^) = 1 - g^2
assert np.allclose(dgh, fd(s, 'ghat', d), atol=1e-6)
rep(160, np.allclose(k['z'], np.vstack([k['x'], k['hp']])))
# line 161: z^_t as defined on line 160 (activated gates) = T z_t ?
zhat_160 = np.vstack([k['i'], k['f'], k['o'], k['g']])
rep(161, np.allclose(zhat_160, Tw @ k['z'] + tb))
dzhat = np.vstack([dih, dfh, doh, dgh])
dz = Tw.T @ dzhat
dz_fd = np.vstack([fd(s, 'x', n), fd(s, 'hprev', d)])
rep(164, np.allclose(dz, dz_fd, atol=1e-6))
# line 167: split into dx_t (total, x_t is used only at step t) and dh_{t-1} (contribution through step t)
rep(167, np.allclose(dz[:n], fd(s, 'x', n), atol=1e-6) and np.allclose(dz[n:], fd(s, 'hprev', d), atol=1e-6))
# line 170: dT = dz^ (outer) dz, vs FD of L w.r.t. the weights used at step t only
GT = np.zeros_like(Tw)
for idx in np.ndindex(Tw.shape):
    Tp = Tw.copy(); Tp[idx] += eps; Tm = Tw.copy(); Tm[idx] -= eps
    GT[idx] = (forward(Tstep=(s, Tp, tb))[0] - forward(Tstep=(s, Tm, tb))[0]) / (2 * eps)
rep(170, np.allclose(np.outer(dzhat, dz), GT, atol=1e-6))
assert np.allclose(np.outer(dzhat, k['z']), GT, atol=1e-6)   # with the input z_t it would be right

for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
