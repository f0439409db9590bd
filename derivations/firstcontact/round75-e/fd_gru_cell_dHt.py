# Finite-difference check of the GRU_Cell backward in gru_cell_dHt.md (search-index file id 44979151827).
# Forward as the author writes it (column vectors, no biases); the author's backward formulas are
# re-evaluated line by line and compared with central differences of L = delta . h_t.
import numpy as np
rng = np.random.default_rng(0)
d, H = 3, 4
P = {k: rng.normal(size=(H, H)) * 0.5 for k in ["Wzh", "Wrh", "Wh"]}
P.update({k: rng.normal(size=(H, d)) * 0.5 for k in ["Wzx", "Wrx", "Wx"]})
x = rng.normal(size=d); hp = rng.normal(size=H)
delta = rng.normal(size=(1, H))
sig = lambda a: 1 / (1 + np.exp(-a))

def fwd(P, x, hp):
    rt = sig(P["Wrh"] @ hp + P["Wrx"] @ x)                      # line 83
    zt = sig(P["Wzh"] @ hp + P["Wzx"] @ x)                      # line 84
    ht_ = np.tanh(P["Wh"] @ (rt * hp) + P["Wx"] @ x)            # line 85
    h = (1 - zt) * hp + zt * ht_                                # line 86
    return rt, zt, ht_, h

def loss(P, x, hp):
    return float((delta @ fwd(P, x, hp)[3]).item())

rt, zt, htil, h = fwd(P, x, hp)
n = h.size
# author's backward, as written
dHt_dHtilde = delta * zt                                        # 100
dHtilde_dX = 1 - htil**2                                        # 101 (Tanh.backward)
dHt_dZt = delta * (htil - hp)                                   # 103
dZt_dX = np.reshape(zt * (1 - zt), (1, n))                      # 104
dHtilde_dRt = np.reshape(1 - htil**2, (1, n))                   # 106
dRt_dX = np.reshape(rt * (1 - rt), (1, n))                      # 107
Wzh, Wrh, Wh, Wzx, Wrx, Wx = (P[k] for k in ["Wzh", "Wrh", "Wh", "Wzx", "Wrx", "Wx"])
dLoss_dX = ((dHt_dHtilde * dHtilde_dX) @ Wx) + ((dHt_dZt * dZt_dX) @ Wzx) + ((dHt_dHtilde * dHtilde_dRt) @ Wh) * hp * dRt_dX @ Wrx  # 109
dHt_dHtminus1 = (1 - zt) * delta                                # 112
dLoss_dHtminus1 = ((dHt_dZt * dZt_dX) @ Wzh) + (((dHt_dHtilde * dHtilde_dRt) @ Wh) * hp * dRt_dX @ Wrh) + dHt_dHtminus1 + (((dHt_dHtilde * dHtilde_dRt) @ Wh) * rt)  # 115
dZt_dWzh = zt * (1 - zt); dRt_dWrh = rt * (1 - rt); dHtilde_dWh = 1 - htil**2   # 118-120
dRt_dWrx = rt * (1 - rt); dZt_dWzx = zt * (1 - zt); dHtilde_dWx = 1 - htil**2  # 121-123
G = {}
G["Wzh"] = np.reshape((dHt_dZt * dZt_dWzh), (n, 1)) @ np.reshape(hp, (1, n))                                   # 126
G["Wrh"] = np.reshape(((dHt_dHtilde * dHtilde_dRt) @ Wh) * hp * dRt_dWrh, (n, 1)) @ np.reshape(hp, (1, n))      # 128
G["Wh"] = np.reshape(dHt_dHtilde * dHtilde_dWh, (n, 1)) @ np.reshape(rt * hp, (1, n))                          # 130
G["Wzx"] = np.reshape(dHt_dZt * dZt_dWzx, (n, 1)) @ np.reshape(x, (1, x.size))                                 # 133
G["Wrx"] = np.reshape(((dHt_dHtilde * dHtilde_dRt) @ Wh) * hp * dRt_dWrx, (n, 1)) @ np.reshape(x, (1, x.size))  # 135
G["Wx"] = np.reshape((dHt_dHtilde * dHtilde_dWx), (n, 1)) @ np.reshape(x, (1, x.size))                         # 137

eps = 1e-6
def fd_param(k):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        g[idx] = (loss(Pp, x, hp) - loss(Pm, x, hp)) / (2 * eps)
    return g
def fd_vec(which):
    v0 = x if which == "x" else hp
    g = np.zeros_like(v0)
    for i in range(v0.size):
        vp = v0.copy(); vm = v0.copy(); vp[i] += eps; vm[i] -= eps
        if which == "x": g[i] = (loss(P, vp, hp) - loss(P, vm, hp)) / (2 * eps)
        else: g[i] = (loss(P, x, vp) - loss(P, x, vm)) / (2 * eps)
    return g
def rep(name, line, a, b):
    ok = np.allclose(a, b, atol=1e-6)
    print(f"line {line:4d} {name:18s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}")
rep("dLoss_dX", 109, dLoss_dX.ravel(), fd_vec("x"))
rep("dLoss_dHtminus1", 115, dLoss_dHtminus1.ravel(), fd_vec("h"))
for k, ln in [("Wzh", 126), ("Wrh", 128), ("Wh", 130), ("Wzx", 133), ("Wrx", 135), ("Wx", 137)]:
    rep("d" + k, ln, G[k], fd_param(k))
# the intermediate rows 100/103 are dL/dhtilde and dL/dz (with L = delta.h_t): check them too
def fd_inter():
    # dL/dhtilde = delta*z ; dL/dz = delta*(htilde - hp) follow from h = (1-z)hp + z htilde
    return (delta * zt, delta * (htil - hp))
a, b = fd_inter()
rep("dHt_dHtilde (dL/dh~)", 100, dHt_dHtilde, a)
rep("dHt_dZt (dL/dz)", 103, dHt_dZt, b)
rep("dHt_dHtminus1 (direct)", 112, dHt_dHtminus1, (1 - zt) * delta)
