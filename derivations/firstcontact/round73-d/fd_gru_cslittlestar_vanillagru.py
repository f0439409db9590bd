"""Finite-difference check of gru_cslittlestar_vanillagru.py (numpy only).

Loads the transcribed file itself (it imports only numpy), runs the author's
forward, re-evaluates the author's backward formulas line by line (without the
clipping/update, so that the raw gradients can be compared) and compares them
with central differences of the loss the backward differentiates:
    L = sum_t 0.5 * ||y_t - targets[t]||^2,  targets = inputs[1:] + [target].
"""
import numpy as np

ns = {}
exec(open(__file__.replace("fd_", "")).read(), ns)
VanillaGRU, sigmoid, sigmoid_grad, tanh_grad = ns["VanillaGRU"], ns["sigmoid"], ns["sigmoid_grad"], ns["tanh_grad"]

rng = np.random.default_rng(0)
D, H, O = 2, 4, 1
m = VanillaGRU(D, H, O)
for k in ["W_r", "U_r", "b_r", "W_z", "U_z", "b_z", "W_h", "U_h", "b_h", "W_hy", "b_y"]:
    setattr(m, k, rng.normal(scale=0.7, size=getattr(m, k).shape))

PARAMS = ["W_r", "U_r", "b_r", "W_z", "U_z", "b_z", "W_h", "U_h", "b_h", "W_hy", "b_y"]


def forward_h0(m, inputs, h0):
    """author's forward (lines 72-75, 81) with a free initial state h0"""
    h = h0; hs = [h]; ys = []
    for x in inputs:
        r = sigmoid(m.W_r @ x + m.U_r @ h + m.b_r)
        z = sigmoid(m.W_z @ x + m.U_z @ h + m.b_z)
        ht = np.tanh(m.W_h @ x + m.U_h @ (r * h) + m.b_h)
        h = z * h + (1 - z) * ht
        hs.append(h); ys.append(m.W_hy @ h + m.b_y)
    return ys


def loss(m, inputs, targets, h0):
    ys = forward_h0(m, inputs, h0)
    return sum(0.5 * float(np.sum((y - t) ** 2)) for y, t in zip(ys, targets))


def author_backward(m, inputs, targets, fix=False):
    """lines 100-130 as written; fix=True adds the two missing terms to dh_next"""
    ys, cache = m.forward(inputs)
    g = {k: np.zeros_like(getattr(m, k)) for k in PARAMS}
    h_list, r_list, z_list, tilde_list, x_list = cache["h"], cache["r"], cache["z"], cache["tilde"], cache["x"]
    dh_next = np.zeros((H, 1))
    for t in reversed(range(len(inputs))):
        dy = ys[t] - targets[t]
        g["W_hy"] += dy @ h_list[t + 1].T
        g["b_y"] += dy
        dh = m.W_hy.T @ dy + dh_next
        h_prev = h_list[t]
        z = z_list[t]; h_tilde = tilde_list[t]
        dz = dh * (h_prev - h_tilde) * sigmoid_grad(z)
        dh_tilde = dh * (1 - z) * tanh_grad(h_tilde)
        g["W_h"] += dh_tilde @ x_list[t].T
        g["b_h"] += dh_tilde
        g["U_h"] += dh_tilde @ (r_list[t] * h_prev).T
        d_rh = m.U_h.T @ dh_tilde
        dr = d_rh * h_prev * sigmoid_grad(r_list[t])
        g["W_r"] += dr @ x_list[t].T
        g["U_r"] += dr @ h_prev.T
        g["b_r"] += dr
        # (the author never accumulates dW_z, dU_z, db_z: they stay zero)
        if fix:
            g["W_z"] += dz @ x_list[t].T; g["U_z"] += dz @ h_prev.T; g["b_z"] += dz
            dh_next = dh * z + d_rh * r_list[t] + m.U_z.T @ dz + m.U_r.T @ dr
        else:
            dh_next = dh * z + d_rh * r_list[t]
    return g, dh_next, dz


def fd_param(m, name, inputs, targets, h0, eps=1e-6):
    P = getattr(m, name); G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]
        P[idx] = old + eps; lp = loss(m, inputs, targets, h0)
        P[idx] = old - eps; lm = loss(m, inputs, targets, h0)
        P[idx] = old
        G[idx] = (lp - lm) / (2 * eps)
    return G


def fd_h0(m, inputs, targets, h0, eps=1e-6):
    G = np.zeros_like(h0)
    for idx in np.ndindex(h0.shape):
        hp = h0.copy(); hp[idx] += eps
        hm = h0.copy(); hm[idx] -= eps
        G[idx] = (loss(m, inputs, targets, hp) - loss(m, inputs, targets, hm)) / (2 * eps)
    return G


def report(label, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"  {label:62s} {'AGREE' if ok else 'DIFFER'}  (max |diff| = {np.max(np.abs(a - b)):.2e})")
    return ok


h0 = np.zeros((H, 1))
for T in (1, 4):
    inputs = [rng.normal(size=(D, 1)) for _ in range(T)]
    target = rng.normal(size=(O, 1))
    targets = inputs[1:] + [target] if D == O else [rng.normal(size=(O, 1)) for _ in range(T - 1)] + [target]
    print(f"=== sequence length T = {T} (loss = sum_t 0.5||y_t - target_t||^2) ===")
    g, dh0, _ = author_backward(m, inputs, targets)
    gfix, dh0fix, _ = author_backward(m, inputs, targets, fix=True)
    for k in PARAMS:
        fd = fd_param(m, k, inputs, targets, h0)
        report(f"author d{k} (lines 104-128, W_z/U_z/b_z never accumulated)", g[k], fd)
    for k in ["W_z", "U_z", "b_z", "W_r", "U_r", "b_r", "W_h", "U_h", "b_h"]:
        fd = fd_param(m, k, inputs, targets, h0)
        report(f"d{k} with dz accumulated and dh_next completed", gfix[k], fd)
    fdh0 = fd_h0(m, inputs, targets, h0)
    report("author dh_next at t=0 = dL/dh0 (line 130)", dh0, fdh0)
    report("dh_next + U_z^T dz + U_r^T dr = dL/dh0", dh0fix, fdh0)

# line 113 / 114 / 125 checked directly for one step: dz, dh_tilde, dr are dL/d(pre-activation)
print("=== single step, pre-activation gradients of lines 113, 114, 125 ===")
x = rng.normal(size=(D, 1)); hp = rng.normal(size=(H, 1)); gh = rng.normal(size=(H, 1))
def step(az, ar, ah):
    r = sigmoid(ar); z = sigmoid(az); ht = np.tanh(ah(r))
    return float(np.sum(gh * (z * hp + (1 - z) * ht)))
Az = m.W_z @ x + m.U_z @ hp + m.b_z; Ar = m.W_r @ x + m.U_r @ hp + m.b_r
Ah = lambda r: m.W_h @ x + m.U_h @ (r * hp) + m.b_h
r = sigmoid(Ar); z = sigmoid(Az); ht = np.tanh(Ah(r))
dz = gh * (hp - ht) * sigmoid_grad(z)
dht = gh * (1 - z) * tanh_grad(ht)
dr = (m.U_h.T @ dht) * hp * sigmoid_grad(r)
def fdv(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        Ap = A.copy(); Ap[i] += eps; Am = A.copy(); Am[i] -= eps
        G[i] = (f(Ap) - f(Am)) / (2 * eps)
    return G
report("line 113 dz = dL/d(z pre-activation)", dz, fdv(lambda A: step(A, Ar, Ah), Az))
report("line 125 dr = dL/d(r pre-activation)", dr, fdv(lambda A: step(Az, A, Ah), Ar))
Ahv = Ah(r)
report("line 114 dh_tilde = dL/d(h_tilde pre-activation)", dht,
       fdv(lambda A: float(np.sum(gh * (z * hp + (1 - z) * np.tanh(A)))), Ahv))
