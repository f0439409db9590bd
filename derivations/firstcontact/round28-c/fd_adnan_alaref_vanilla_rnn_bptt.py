# Finite-difference check for adnan_alaref_vanilla_rnn_bptt.md (numpy only).
# Row-vector batch convention: x_t (N,D), h (N,H), Wx (D,H), Wh (H,H), b (H,).
# Loss used for checking: L = sum_t sum(G[:,t,:] * h[:,t,:]) so that dh = G (upstream grads per step).
import json, os
import numpy as np
rng = np.random.default_rng(0)
N, T, D, H = 2, 3, 4, 5
x = rng.standard_normal((N, T, D)); h0 = rng.standard_normal((N, H))
Wx = rng.standard_normal((D, H)) * .5; Wh = rng.standard_normal((H, H)) * .5; b = rng.standard_normal(H) * .5
G = rng.standard_normal((N, T, H))
eps = 1e-6

def fwd(x, h0, Wx, Wh, b, inject=None):
    hs = []; prev = h0
    for t in range(T):
        h = np.tanh(x[:, t] @ Wx + prev @ Wh + b)
        if inject is not None and inject[0] == t: h = h + inject[1]
        hs.append(h); prev = h
    return np.stack(hs, 1)
def loss(*a, **k): return np.sum(G * fwd(*a, **k))
def fd(f, A):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        A[i] += eps; p = f(); A[i] -= 2 * eps; m = f(); A[i] += eps; g[i] = (p - m) / (2 * eps)
    return g
def close(a, b_):
    a = np.asarray(a); b_ = np.asarray(b_)
    return a.shape == b_.shape and np.allclose(a, b_, atol=1e-6, rtol=1e-5)

res = {}
# ---- single step (t=0) with loss L1 = sum(Gs * next_h) ----
xs = x[:, 0].copy(); hp = h0.copy(); Gs = G[:, 0]
out_auth = xs @ Wx + hp @ Wh + b                        # line 86
nh_auth = np.tanh(out_auth)                             # line 87
nh_ref = np.tanh(np.einsum('nd,dh->nh', xs, Wx) + np.einsum('nk,kh->nh', hp, Wh) + b)
res[21] = res[58] = res[251] = res[86] = res[87] = close(nh_auth, nh_ref)
res[150] = close(out_auth, np.einsum('nd,dh->nh', xs, Wx) + np.einsum('nk,kh->nh', hp, Wh) + b)
L1 = lambda: np.sum(Gs * np.tanh(xs @ Wx + hp @ Wh + b))
dnext_h = Gs
dz = dnext_h * (1 - nh_auth**2)                          # line 153 / 232 / 253
o = out_auth.copy(); g_out = fd(lambda: np.sum(Gs * np.tanh(o)), o)
res[153] = res[232] = res[253] = close(dz, g_out)
g_x = fd(L1, xs); g_hp = fd(L1, hp); g_Wx = fd(L1, Wx); g_Wh = fd(L1, Wh); g_b = fd(L1, b)
res[156] = res[255] = close(dz @ Wx.T, g_x)
res[157] = res[257] = close(xs.T @ dz, g_Wx)
res[159] = close(dz @ Wh, g_hp)                          # author's code: no transpose
res[256] = close(dz @ Wh.T, g_hp)                        # author's prose: with transpose
res[237] = close(dz @ Wx.T, g_x) and close(dz @ Wh.T, g_hp)
res[160] = res[258] = close(hp.T @ dz, g_Wh)
res[240] = close(xs.T @ dz, g_Wx) and close(hp.T @ dz, g_Wh)
res[163] = res[243] = res[259] = close(dz.sum(0), g_b)
# ---- BPTT: author's loop, with the per-step backward taken as right (dh_prev = dz @ Wh.T) ----
hs = fwd(x, h0, Wx, Wh, b)
dprev = np.zeros((N, H)); dX = np.zeros_like(x); dWx_ = np.zeros_like(Wx); dWh_ = np.zeros_like(Wh); db_ = np.zeros_like(b)
ok209 = True
for t in reversed(range(T)):
    dnh = G[:, t] + dprev                                # line 209
    delta = np.zeros((N, H))
    ok209 &= close(dnh, fd(lambda: loss(x, h0, Wx, Wh, b, inject=(t, delta)), delta))
    hprev = h0 if t == 0 else hs[:, t - 1]
    dzt = dnh * (1 - hs[:, t]**2)
    dX[:, t] = dzt @ Wx.T                                # line 215
    dWx_ += x[:, t].T @ dzt                              # line 216
    dWh_ += hprev.T @ dzt                                # line 217
    db_ += dzt.sum(0)                                    # line 218
    dprev = dzt @ Wh.T
res[209] = ok209
Lf = lambda: loss(x, h0, Wx, Wh, b)
res[215] = close(dX, fd(Lf, x))
res[216] = close(dWx_, fd(Lf, Wx))
res[217] = close(dWh_, fd(Lf, Wh))
res[218] = close(db_, fd(Lf, b))
res[221] = close(dprev, fd(Lf, h0))                       # dh0 = dprev_h_t

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['adnan_alaref_vanilla_rnn_bptt.md']
bad = 0
for ln in sorted(exp, key=int):
    ok = res[int(ln)]
    want = exp[ln]['expected'] == 'pass'
    agree = (ok == want)
    bad += not agree
    print(ln, 'OK' if ok else 'MISMATCH', '(expected %s, %s)' % (exp[ln]['expected'], 'agrees' if agree else 'DISAGREES'))
print('disagreements:', bad)
