"""FD check for quispe_rnn_lstm_slides.tex (column vectors, h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h))."""
import numpy as np
rng = np.random.default_rng(0)
d, h, k, T = 3, 4, 2, 5
Wxh = rng.normal(size=(h, d)) * 0.6; Whh = rng.normal(size=(h, h)) * 0.6; bh = rng.normal(size=h) * 0.1
Why = rng.normal(size=(k, h)); by = rng.normal(size=k)
xs = rng.normal(size=(T + 1, d)); tgt = rng.normal(size=(T + 1, k)); h0 = rng.normal(size=h) * 0.3
eps = 1e-6

def fwd(Whh_=Whh, h0_=h0, upto=T):
    hs = [h0_]; zs = [None]
    for t in range(1, upto + 1):
        z = Whh_ @ hs[-1] + Wxh @ xs[t] + bh; zs.append(z); hs.append(np.tanh(z))
    return hs, zs

def loss_t(hs, t):  # L_t = 0.5||y_t - yhat_t||^2, y_t = W_hy h_t + b_y  (lines 18, 38)
    y = Why @ hs[t] + by; return 0.5 * np.sum((y - tgt[t]) ** 2)

hs, zs = fwd()
# line 13: forward definition (recompute elementwise)
assert np.allclose(hs[2], np.tanh(Whh @ hs[1] + Wxh @ xs[2] + bh))
# line 75: z_i definition used consistently
assert np.allclose(zs[3], Whh @ hs[2] + Wxh @ xs[3] + bh)

def jac_h(t, kk):  # numeric Jacobian dh_t/dh_k (numerator layout, [a,b] = d h_t[a] / d h_k[b])
    J = np.zeros((h, h))
    for b in range(h):
        hp = [v.copy() for v in hs]
        def run(delta):
            cur = hs[kk] + delta
            for i in range(kk + 1, t + 1):
                cur = np.tanh(Whh @ cur + Wxh @ xs[i] + bh)
            return cur
        e = np.zeros(h); e[b] = eps
        J[:, b] = (run(e) - run(-e)) / (2 * eps)
    return J

tp = lambda z: 1 - np.tanh(z) ** 2
t, kk = 5, 2
Jnum = jac_h(t, kk)
# line 73 / 95 as written: prod_{i=k+1}^{t} W_hh^T diag(tanh'(z_i)) (ascending product)
P_written = np.eye(h)
for i in range(kk + 1, t + 1):
    P_written = P_written @ (Whh.T @ np.diag(tp(zs[i])))
P_right = np.eye(h)
for i in range(kk + 1, t + 1):
    P_right = np.diag(tp(zs[i])) @ Whh @ P_right
assert np.allclose(P_right, Jnum, atol=1e-7)            # correct Jacobian
assert not np.allclose(P_written, Jnum, atol=1e-3)      # lines 73, 95: FAIL as Jacobian
assert np.allclose(P_written, Jnum.T, atol=1e-7)         # it is the transpose (denominator layout)
# line 166 single step
J1 = jac_h(3, 2)
assert np.allclose(np.diag(tp(zs[3])) @ Whh, J1, atol=1e-7)
assert not np.allclose(Whh.T @ np.diag(tp(zs[3])), J1, atol=1e-3)   # FAIL

# line 68: dL_t/dW_hh = sum_k dL_t/dh_t . dh_t/dh_k . (immediate) dh_k/dW_hh
def L_of_W(W):
    hh, _ = fwd(W, upto=t); return loss_t(hh, t)
G_num = np.zeros_like(Whh)
for a in range(h):
    for b in range(h):
        E = np.zeros_like(Whh); E[a, b] = eps
        G_num[a, b] = (L_of_W(Whh + E) - L_of_W(Whh - E)) / (2 * eps)
gh = Why.T @ (Why @ hs[t] + by - tgt[t])   # dL_t/dh_t (column)
G = np.zeros_like(Whh)
for k_ in range(1, t + 1):
    Jtk = np.eye(h)
    for i in range(k_ + 1, t + 1):
        Jtk = np.diag(tp(zs[i])) @ Whh @ Jtk
    g_hk = Jtk.T @ gh                      # row-vector chain dL/dh_t . dh_t/dh_k
    G += np.outer(g_hk * tp(zs[k_]), hs[k_ - 1])  # immediate dh_k/dW_hh
assert np.allclose(G, G_num, atol=1e-6)     # line 68 PASS
# line 47: total = sum of per-time losses' gradients (linearity)
def Ltot(W):
    hh, _ = fwd(W); return sum(loss_t(hh, s) for s in range(1, T + 1))
def Ls(W, s):
    hh, _ = fwd(W, upto=s); return loss_t(hh, s)
E = np.zeros_like(Whh); E[1, 2] = eps
lhs = (Ltot(Whh + E) - Ltot(Whh - E)) / (2 * eps)
rhs = sum((Ls(Whh + E, s) - Ls(Whh - E, s)) / (2 * eps) for s in range(1, T + 1))
assert abs(lhs - rhs) < 1e-7

# LSTM (lines 102-140) and line 161: partial dc_t/dc_{t-1} with h_{t-1}, x_t fixed = diag(f_t)
sig = lambda z: 1 / (1 + np.exp(-z))
Wf, Wi, Wo, Wc = [rng.normal(size=(h, h + d)) * 0.5 for _ in range(4)]
bf, bi, bo, bc = [rng.normal(size=h) * 0.1 for _ in range(4)]
hp, xt, cp = rng.normal(size=h), rng.normal(size=d), rng.normal(size=h)
def lstm(cprev):
    v = np.concatenate([hp, xt])
    f = sig(Wf @ v + bf); i = sig(Wi @ v + bi); o = sig(Wo @ v + bo); ct = np.tanh(Wc @ v + bc)
    c = f * cprev + i * ct; return c, o * np.tanh(c), f
c, hh_, f = lstm(cp)
Jc = np.zeros((h, h))
for b in range(h):
    e = np.zeros(h); e[b] = eps
    Jc[:, b] = (lstm(cp + e)[0] - lstm(cp - e)[0]) / (2 * eps)
assert np.allclose(Jc, np.diag(f), atol=1e-8)   # line 161 PASS
# GRU forward (180-195) is a definition; check convex-combination property sanity
print("fd_quispe_rnn_lstm_slides: all assertions hold")
