#!/usr/bin/env python3
"""Finite-difference checks for joaomvg_rnn_bptt.md (numpy only).
Execs the author's two code fences verbatim, and re-implements the math lines."""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "joaomvg_rnn_bptt.md")
EXP = json.load(open(os.path.join(HERE, "expected.json")))["joaomvg_rnn_bptt.md"]
lines = open(MD).read().split("\n")

# ---- extract python fences verbatim -------------------------------------------------
fences, cur, inside = [], [], False
for ln in lines:
    if ln.startswith("```python"):
        inside, cur = True, []
    elif ln.startswith("```") and inside:
        inside = False; fences.append("\n".join(cur))
    elif inside:
        cur.append(ln)
ns = {"np": np}
for f in fences:
    exec(f, ns)
RNN, MSE_Loss, LinearLayer = ns["RNN"], ns["MSE_Loss"], ns["LinearLayer"]

rng = np.random.default_rng(0)
results = {}
def rec(line, ok):  # ok=True means "the statement is right" per our independent check
    results[str(line)] = "pass" if ok else "fail"

def close(a, b, tol=1e-6):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)

# ---- model set-up --------------------------------------------------------------------
I, H, O, T = 1, 4, 2, 5
np.random.seed(1)
m = RNN(I, H, O)
m.wh.weight[:] = rng.normal(size=(H, H)) * 0.6      # non-symmetric on purpose
m.wx.weight[:] = rng.normal(size=(I, H))
m.bias[:] = rng.normal(size=H) * 0.3
m.out_layer.weight[:] = rng.normal(size=(H, O))
m.out_layer.bias[:] = rng.normal(size=O)
x = rng.normal(size=(T, I)); y = rng.normal(size=(T, O))
Wh, Wx, b, W2, b2 = m.wh.weight, m.wx.weight, m.bias, m.out_layer.weight, m.out_layer.bias

def fwd(Wh, Wx, b, W2, b2):
    h = np.zeros((T, H)); hp = np.zeros(H)
    for t in range(T):
        h[t] = np.tanh(x[t] @ Wx + hp @ Wh + b); hp = h[t]
    return h, h @ W2 + b2

def Lstated(Wh, Wx, b, W2, b2):   # line 92: L = 1/(2N) sum_t ||y_t - yhat_t||^2, N = seq length
    _, out = fwd(Wh, Wx, b, W2, b2)
    return 0.5 / T * np.sum((y - out) ** 2)

def fdgrad(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        o = P[idx]; P[idx] = o + eps; fp = f(); P[idx] = o - eps; fm = f(); P[idx] = o
        g[idx] = (fp - fm) / (2 * eps)
    return g

L = lambda: Lstated(Wh, Wx, b, W2, b2)
gWh, gWx, gb, gW2, gb2 = (fdgrad(L, P) for P in (Wh, Wx, b, W2, b2))

# ---- forward lines -------------------------------------------------------------------
out_code = m(x)
h_code = m.cache["hidden"]
h_ref, out_ref = fwd(Wh, Wx, b, W2, b2)
# math line 30 / 75: h_{t+1,i} = tanh(sum_j W^x_ij x_t^j + sum_a W^h_ia h_t^a + b_i), with W^h = wh.weight.T
hm = np.zeros((T, H)); hp = np.zeros(H)
for t in range(T):
    hm[t] = np.tanh(Wx.T @ x[t] + Wh.T @ hp + b); hp = hm[t]
rec(30, close(hm, h_ref)); rec(75, close(hm, h_ref))
rec(137, close(h_code, h_ref)); rec(108, close(LinearLayer.__call__(m.out_layer, h_ref), h_ref @ W2 + b2))
rec(141, close(out_code, out_ref))
rec(87, close(np.einsum("ai,ti->ta", W2.T, hm) + b2, out_ref))     # yhat_a = w2_ai h_i + b1_a, w2 = W2.T
# line 34: softmax over classes a, line 21: L = -sum_t ln P(x_t|...)
logits = rng.normal(size=(T, O)); cls = rng.integers(0, O, size=T)
P = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
lse = np.log(np.exp(logits).sum(1))
rec(34, close(P.sum(1), np.ones(T)) and close(np.log(P), logits - lse[:, None]))
rec(21, close(-np.sum(np.log(P[np.arange(T), cls])), np.sum(lse - logits[np.arange(T), cls])))
# line 92 stated loss vs line 169 code loss (scale only)
lossobj = MSE_Loss(m)
code_loss = lossobj(x, y)
rec(92, close(Lstated(Wh, Wx, b, W2, b2), 0.5 / T * np.sum((y - out_ref) ** 2)))
rec(169, close(code_loss, np.mean((y - out_ref) ** 2)))   # a loss definition; its gradient differs from z only by a constant factor

# ---- section 2 (BPTT expansions), vector hidden, omega = column of Wx (vector param) --
def jac_h_h(t):      # d h_t / d h_{t-1}, t>=1  [H,H]
    return np.diag(1 - h_ref[t] ** 2) @ Wh.T
def jac_h_w(t):      # direct d h_t / d omega, omega = Wx[0,:] (the weights multiplying x)  [H,H]
    return np.diag(1 - h_ref[t] ** 2) * x[t, 0]
def dLt_dh(t):       # local dL_t/dh_t (row)
    return (out_ref[t] - y[t]) / T @ W2.T
fd_omega = gWx[0]
# line 56: expansion for T=3 terms only; test a 3-step sequence loss
def three_step():
    tot = np.zeros(H)
    for k in range(3):
        for t in range(k, 3):
            J = np.eye(H)
            for j in range(t, k, -1):
                J = J @ jac_h_h(j)
            tot += dLt_dh(t) @ J @ jac_h_w(k)
    return tot
def L3():
    _, out = fwd(Wh, Wx, b, W2, b2)
    return 0.5 / T * np.sum((y[:3] - out[:3]) ** 2)
fd3 = fdgrad(L3, Wx)[0]
rec(56, close(three_step(), fd3))
# line 63-64: sum over n of sum over i, written order dL/dh_{i+n} dh_{i+n}/dh_{i+n-1}...dh_{i+1}/dh_i dh_i/domega
tot = np.zeros(H)
for n in range(T):
    for i in range(T - n):
        J = np.eye(H)
        for j in range(i + n, i, -1):
            J = J @ jac_h_h(j)
        tot += dLt_dh(i + n) @ J @ jac_h_w(i)
rec(63, close(tot, fd_omega))
# line 65: compact form, read with a scalar hidden state (factors commute)
Hs = 1
ws, us, bs, vs = 0.7, 0.9, 0.1, 1.3
xs = rng.normal(size=T); ys = rng.normal(size=T)
def sfwd(w):
    hh = np.zeros(T); hp = 0.0
    for t in range(T):
        hh[t] = np.tanh(w * xs[t] + us * hp + bs); hp = hh[t]
    return hh
def sL(w):
    return 0.5 / T * np.sum((ys - vs * sfwd(w)) ** 2)
hh = sfwd(ws)
dLdh = lambda t: (vs * hh[t] - ys[t]) / T * vs
dhdw = lambda t: (1 - hh[t] ** 2) * xs[t]
dhdh = lambda j: (1 - hh[j + 1] ** 2) * us      # d h_{j+1} / d h_j
s = 0.0
for n in range(T):
    for i in range(T - n):
        s += dLdh(i + n) * dhdw(i) * np.prod([dhdh(j) for j in range(i, n - 1 + i + 1)])
rec(65, abs(s - (sL(ws + 1e-6) - sL(ws - 1e-6)) / 2e-6) < 1e-7)

# ---- section 3 local derivatives (one step, h_t fixed) -------------------------------
t = 2; ht = h_ref[t - 1]; w1 = Wh.T; w0 = Wx[0]
def step(w1, w0, bb, ht):
    return np.tanh(w0 * x[t, 0] + w1 @ ht + bb)
hn = step(w1, w0, b, ht)
J_hh = np.zeros((H, H)); J_w1 = np.zeros((H, H)); J_w0 = np.zeros(H); J_b = np.zeros(H)
e = 1e-6
for jj in range(H):
    d = np.zeros(H); d[jj] = e
    J_hh[:, jj] = (step(w1, w0, b, ht + d) - step(w1, w0, b, ht - d)) / (2 * e)
for ii in range(H):
    for jj in range(H):
        W = w1.copy(); W[ii, jj] += e; Wm = w1.copy(); Wm[ii, jj] -= e
        J_w1[ii, jj] = (step(W, w0, b, ht)[ii] - step(Wm, w0, b, ht)[ii]) / (2 * e)
    d = np.zeros(H); d[ii] = e
    J_w0[ii] = (step(w1, w0 + d, b, ht)[ii] - step(w1, w0 - d, b, ht)[ii]) / (2 * e)
    J_b[ii] = (step(w1, w0, b + d, ht)[ii] - step(w1, w0, b - d, ht)[ii]) / (2 * e)
rec(79, close((1 - hn ** 2)[:, None] * w1, J_hh))
rec(80, close((1 - hn ** 2)[:, None] * ht[None, :], J_w1))
rec(81, close((1 - hn ** 2) * x[t, 0], J_w0))
rec(82, close(1 - hn ** 2, J_b))
# line 95: local dL_t/dh_t = 1/N (yhat_t - y_t)_a w2_ai
def Lt_of_h(hv):
    return 0.5 / T * np.sum((y[t] - (hv @ W2 + b2)) ** 2)
g95 = np.array([(Lt_of_h(h_ref[t] + np.eye(H)[k] * e) - Lt_of_h(h_ref[t] - np.eye(H)[k] * e)) / (2 * e) for k in range(H)])
rec(95, close((out_ref[t] - y[t]) @ W2.T / T, g95))

# ---- the author's grads() helper (lines 148-153) --------------------------------------
dh_dh, g = m.grads(x[t], ht, hn)
mat = np.diag(1 - hn ** 2)
rec(148, close(mat, np.diag(J_b)))
# dh_dwh[i,k,j] should be d h_{t+1,i} / d W^math_{kj}, W^math = wh.weight.T  (the code transposes at line 207)
Jfull = np.zeros((H, H, H))
for k in range(H):
    for jj in range(H):
        Wp = Wh.copy(); Wp[jj, k] += e; Wm_ = Wh.copy(); Wm_[jj, k] -= e
        Jfull[:, k, jj] = (np.tanh(x[t] @ Wx + ht @ Wp + b) - np.tanh(x[t] @ Wx + ht @ Wm_ + b)) / (2 * e)
rec(150, close(g["dh_dwh"], Jfull))
Jx = np.zeros((H, H, I))
for k in range(H):
    for jj in range(I):
        Wp = Wx.copy(); Wp[jj, k] += e; Wm_ = Wx.copy(); Wm_[jj, k] -= e
        Jx[:, k, jj] = (np.tanh(x[t] @ Wp + ht @ Wh + b) - np.tanh(x[t] @ Wm_ + ht @ Wh + b)) / (2 * e)
rec(151, close(g["dh_dwx"], Jx))
rec(152, close(dh_dh, J_hh))           # author: mat @ wh.weight ; true Jacobian mat @ wh.weight.T
rec(153, close(g["dh_db"], np.diag(J_b)))

# ---- MSE_Loss.backward (lines 176-208) ------------------------------------------------
m(x)
lossobj.backward(x, y)
G = m.gradients
z = (out_ref - y) / T
# dL/dyhat_t for the stated loss, by FD on the output directly
def L_of_out(o):
    return 0.5 / T * np.sum((y - o) ** 2)
gout = np.zeros((T, O))
for idx in np.ndindex(T, O):
    o = out_ref.copy(); o[idx] += e; om = out_ref.copy(); om[idx] -= e
    gout[idx] = (L_of_out(o) - L_of_out(om)) / (2 * e)
rec(176, close(z, gout))
w2 = W2.T
yJ = np.zeros((O, H))
for k in range(H):
    yJ[:, k] = ((h_ref[0] + np.eye(H)[k] * e) @ W2 - (h_ref[0] - np.eye(H)[k] * e) @ W2) / (2 * e)
rec(178, close(w2, yJ))
# line 185: step Jacobians are requested at (x_i, h_{i-1}, h_i) with h_{-1}=0 -> check the local parameter tensors for i=0
_, g0 = m.grads(x[0], np.zeros(H), h_ref[0])
J0 = np.zeros((H, H, H))
for k in range(H):
    for jj in range(H):
        Wp = Wh.copy(); Wp[jj, k] += e; Wm_ = Wh.copy(); Wm_[jj, k] -= e
        J0[:, k, jj] = (np.tanh(x[0] @ Wx + np.zeros(H) @ Wp + b) - np.tanh(x[0] @ Wx + np.zeros(H) @ Wm_ + b)) / (2 * e)
rec(185, close(g0["dh_dwh"], J0))
# line 189: wt = np.dot(w2, grad) equals d yhat / d theta (direct) : contraction over the hidden (first) axis of grad
rec(189, close(np.dot(w2, g["dh_dwh"]), np.tensordot(w2, Jfull, axes=([1], [0]))))
# line 191: direct contribution z_i . wt
rec(191, close(np.tensordot(z[t], np.dot(w2, g["dh_dwh"]), axes=([0], [0])),
               np.einsum("o,ok,kij->ij", gout[t], yJ, Jfull)))
# lines 205-208 final gradients vs FD of the stated loss
rec(205, close(G["dw2"], gW2)); rec(206, close(G["db2"], gb2))

# Whole BPTT accumulation with the author's code (two suspected bugs: line 152 and line 190)
def run_variant(fix152, fix190):
    src = fences[0] + "\n" + fences[1]
    if fix152:
        src = src.replace("dh_dh=np.dot(mat,self.wh.weight)", "dh_dh=np.dot(mat,self.wh.weight.T)")
    if fix190:
        # move the append after the propagation loop (so the current direct term is not multiplied by dh_dh)
        src = src.replace("                grads_cache[var].append(grad)\n", "")
        src = src.replace("                    grads_cache[var]=temp[:]\n",
                          "                    grads_cache[var]=temp[:]\n            for var,grad in grads.items():\n                grads_cache[var].append(grad)\n")
        src = src.replace("            if i>0:\n", "            if i>=0:\n")
    n2 = {"np": np}; exec(src, n2)
    mm = n2["RNN"](I, H, O)
    for a, bb in ((mm.wh.weight, Wh), (mm.wx.weight, Wx), (mm.bias, b), (mm.out_layer.weight, W2), (mm.out_layer.bias, b2)):
        a[...] = bb
    mm(x); n2["MSE_Loss"](mm).backward(x, y)
    return mm.gradients
ok_both = all(close(run_variant(True, True)[k], v) for k, v in (("dh_dwh", gWh), ("dh_dwx", gWx), ("dh_db", gb)))
only152 = all(close(run_variant(True, False)[k], v) for k, v in (("dh_dwh", gWh), ("dh_dwx", gWx), ("dh_db", gb)))
only190 = all(close(run_variant(False, True)[k], v) for k, v in (("dh_dwh", gWh), ("dh_dwx", gWx), ("dh_db", gb)))
as_is = all(close(G[k], v) for k, v in (("dh_dwh", gWh), ("dh_dwx", gWx), ("dh_db", gb)))
# line 190 wrong iff fixing it is needed (given 152 fixed); the propagation lines are right once both are fixed
rec(190, not (ok_both and not only152))
for ln in (197, 199, 200, 201, 203, 207, 208):
    rec(ln, ok_both)
print(f"# BPTT totals: as published match FD: {as_is}; fix 152 only: {only152}; fix 190 only: {only190}; both fixed: {ok_both}")

# ---- report ---------------------------------------------------------------------------
bad = 0
for ln in sorted(EXP, key=int):
    got = results.get(ln)
    want = EXP[ln]["expected"]
    status = "OK" if got == want else "MISMATCH"
    bad += status != "OK"
    print(f"line {ln}: expected {want}, check says {got} -> {status}")
for ln in results:
    if ln not in EXP:
        print(f"line {ln}: checked but not in expected.json -> MISMATCH"); bad += 1
print("ALL OK" if bad == 0 else f"{bad} MISMATCH(ES)")
