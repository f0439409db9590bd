# Finite-difference check of rnn_gru_guide.md.
# RNN (lines 10-12): h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), y_t = W_hy h_t + b_y (scores), L_t = CE(softmax(y_t), label).
# GRU (lines 151-160): Γ_r, Γ_u = σ(W·[h_{t-1}, x_t] + b), h~ = tanh(W_h·[Γ_r⊙h_{t-1}, x_t] + b_h), h = (1-Γ_u)⊙h_{t-1} + Γ_u⊙h~.
import numpy as np
rng = np.random.default_rng(2)
sig = lambda a: 1 / (1 + np.exp(-a))
def softmax(v): p = np.exp(v - v.max()); return p / p.sum()
def ce(y, lab): return -np.log(softmax(y)[lab])
def num_grad(f, v, eps=1e-6):
    g = np.zeros_like(v)
    for k in np.ndindex(v.shape):
        d = np.zeros_like(v); d[k] = eps; g[k] = (f(v + d) - f(v - d)) / (2 * eps)
    return g
def verdict(err): return 'AGREE' if err < 1e-5 else 'DIFFER'

# ---- line 69: ∂L/∂y_t = y_t - label (y_t are the scores W_hy h + b_y) ----
y = rng.normal(size=3); lab = 1; onehot = np.eye(3)[lab]
g = num_grad(lambda v: ce(v, lab), y)
print(f"line 69  dL/dy = y - label            : err {np.abs(g - (y - onehot)).max():.3e} -> {verdict(np.abs(g - (y - onehot)).max())}")
print(f"         (softmax(y) - label, for comparison: err {np.abs(g - (softmax(y) - onehot)).max():.1e})")

# ---- author's numbers (lines 38-54, 86-123): W_hy, W_hh, h_1, h_2, label [1,0] on the last step only ----
W_hy = np.array([[0.6, -0.2], [0.3, 0.4]]); W_hh = np.array([[0.5, 0.1], [0.2, 0.3]])
h1 = np.array([0.454, 0.318]); h2 = np.array([0.571, 0.297]); lab = 0
y2 = W_hy @ h2; print(f"check y2 = W_hy h2 = {np.round(y2, 3)} (author: [0.283, 0.290]); softmax = {np.round(softmax(y2), 3)}")
gy = num_grad(lambda v: ce(v, lab), y2)
print(f"line 93  dL/dy2 = [0.497,0.503]-[1,0] : FD {np.round(gy, 3)} -> {verdict(np.abs(gy - (softmax(y2) - np.eye(2)[lab])).max())}")
gh2 = num_grad(lambda v: ce(W_hy @ v, lab), h2)
auth = gy @ W_hy.T                      # row vector times W_hy^T, as written and as computed ([-0.403, 0.050])
print(f"line 100 dL/dh2 = (dL/dy2)·W_hy^T     : author {np.round(auth, 3)}  FD {np.round(gh2, 3)} -> {verdict(np.abs(auth - gh2).max())}")
print(f"         (W_hy^T dL/dy2 = {np.round(W_hy.T @ gy, 3)})")

# ---- lines 108/110: ∂h2/∂h1 and ∂L/∂h1, on a consistent RNN step with the author's W_hh ----
W_xh = rng.normal(0, .5, (2, 3)); b_h = np.array([0.1, 0.1]); x2 = np.array([0.3, 0.8, 0.1])
step = lambda h: np.tanh(W_hh @ h + W_xh @ x2 + b_h)
h2c = step(h1)
J = np.column_stack([(step(h1 + 1e-6 * e) - step(h1 - 1e-6 * e)) / 2e-6 for e in np.eye(2)])   # J[i,j] = ∂h2_i/∂h1_j
gh2c = num_grad(lambda v: ce(W_hy @ v, lab), h2c)
gh1 = num_grad(lambda v: ce(W_hy @ step(v), lab), h1)
print(f"line 110 dL/dh1 = dL/dh2 · dh2/dh1 (Jacobian J): err {np.abs(gh2c @ J - gh1).max():.3e} -> {verdict(np.abs(gh2c @ J - gh1).max())}")
s = 1 - h2c ** 2
M_rowbc = s[None, :] * W_hh.T           # (1-h²) broadcast along rows (numpy default)
M_colbc = s[:, None] * W_hh.T           # (1-h²) as diag on the left
for name, M in (("row-broadcast", M_rowbc), ("diag-left", M_colbc)):
    e1 = np.abs(M - J).max(); e2 = np.abs(gh2c @ M - gh1).max()
    print(f"line 108 dh2/dh1 = (1-h2²)⊙W_hh^T [{name}]: |M-J| {e1:.3e}, used as g·M -> dL/dh1 err {e2:.3e} -> {verdict(max(e1, e2))}")
print(f"         (correct: J = diag(1-h2²) W_hh, |diag(s)W_hh - J| = {np.abs(np.diag(s) @ W_hh - J).max():.1e})")

# ---- line 118: ∂L/∂W_hh = Σ (∂L/∂h_t) h_{t-1}^T on a 3-step RNN with loss on every step ----
T = 3; X = rng.normal(size=(T, 3)); labs = rng.integers(0, 2, T); h0 = rng.normal(0, .5, 2)
Wxh = rng.normal(0, .5, (2, 3)); Whh = rng.normal(0, .5, (2, 2)); Why = rng.normal(0, .5, (2, 2))
def run(Whh_):
    hs = [h0]; L = 0
    for t in range(T):
        hs.append(np.tanh(Whh_ @ hs[-1] + Wxh @ X[t] + b_h)); L += ce(Why @ hs[-1], labs[t])
    return L, hs
L, hs = run(Whh); G = num_grad(lambda W: run(W)[0], Whh)
dh = [None] * (T + 1); nxt = np.zeros(2)
for t in reversed(range(T)):
    dh[t + 1] = Why.T @ (softmax(Why @ hs[t + 1]) - np.eye(2)[labs[t]]) + nxt
    nxt = Whh.T @ (dh[t + 1] * (1 - hs[t + 1] ** 2))
A = sum(np.outer(dh[t + 1], hs[t]) for t in range(T))
R = sum(np.outer(dh[t + 1] * (1 - hs[t + 1] ** 2), hs[t]) for t in range(T))
print(f"line 118 dL/dW_hh = Σ (dL/dh_t) h_(t-1)^T : err {np.abs(A - G).max():.3e} -> {verdict(np.abs(A - G).max())}"
      f"   (with the tanh' factor: err {np.abs(R - G).max():.1e})")
# line 79 (generic chain rule with the immediate partial ∂h_t/∂W_hh) is what R implements -> AGREE above.
# line 73: ∂L/∂h_t = ∂L_t/∂y_t ∂y_t/∂h_t + ∂L/∂h_{t+1} ∂h_{t+1}/∂h_t  (dh recursion above) -> check one entry by FD on h_1
def run_from_h1(h):
    L = ce(Why @ h, labs[0]); hp = h
    for t in range(1, T):
        hp = np.tanh(Whh @ hp + Wxh @ X[t] + b_h); L += ce(Why @ hp, labs[t])
    return L
gh = num_grad(run_from_h1, hs[1])
print(f"line 73  dL/dh_t recursion: err {np.abs(gh - dh[1]).max():.3e} -> {verdict(np.abs(gh - dh[1]).max())}")
# line 136/140: ∂h_{i+1}/∂h_i = diag(tanh'(z)) W_hh with z the pre-activation of h_{i+1}
zpre = Whh @ hs[1] + Wxh @ X[1] + b_h
Jst = np.column_stack([(np.tanh(Whh @ (hs[1] + 1e-6 * e) + Wxh @ X[1] + b_h) - np.tanh(Whh @ (hs[1] - 1e-6 * e) + Wxh @ X[1] + b_h)) / 2e-6 for e in np.eye(2)])
print(f"line 140/235 diag(tanh'(z))·W_hh (z = pre-activation of the later state): err {np.abs(np.diag(1 - np.tanh(zpre) ** 2) @ Whh - Jst).max():.3e}")

# ---- GRU: lines 213-223 (one step, loss on h^(4)) and line 244 ----
Hd, Dd = 3, 2
Wr, Wu, Wh = (rng.normal(0, .7, (Hd, Hd + Dd)) for _ in range(3)); br, bu, bh = (rng.normal(0, .3, Hd) for _ in range(3))
h3 = rng.normal(0, .5, Hd); x4 = rng.normal(size=Dd); w_out = rng.normal(size=Hd)
def gru(h, x, Wu_=None):
    Wu_ = Wu if Wu_ is None else Wu_
    c = np.concatenate([h, x]); gr = sig(Wr @ c + br); gu = sig(Wu_ @ c + bu)
    ht = np.tanh(Wh @ np.concatenate([gr * h, x]) + bh); return (1 - gu) * h + gu * ht, gr, gu, ht
loss = lambda h4: 0.5 * np.sum((w_out * h4) ** 2)        # any scalar loss of h^(4)
h4, gr, gu, ht = gru(h3, x4); dLdh4 = w_out ** 2 * h4
gGu = num_grad(lambda v: loss((1 - v) * h3 + v * ht), gu)
print(f"line 213/215 dLoss/dΓ_u = dLoss/dh4 ⊙ (h~ - h3): err {np.abs(gGu - dLdh4 * (ht - h3)).max():.3e} -> {verdict(np.abs(gGu - dLdh4 * (ht - h3)).max())}")
GWu = num_grad(lambda W: loss(gru(h3, x4, W)[0]), Wu)
Aw = np.outer(dLdh4 * (ht - h3) * gu * (1 - gu), np.concatenate([h3, x4]))
print(f"line 221/223 dLoss/dW_u (t=4 term) = (dLoss/dΓ_u ⊙ σ') [h3,x4]^T: err {np.abs(Aw - GWu).max():.3e} -> {verdict(np.abs(Aw - GWu).max())}")
step_h = lambda h: gru(h, x4)[0]
Jg = np.column_stack([(step_h(h3 + 1e-6 * e) - step_h(h3 - 1e-6 * e)) / 2e-6 for e in np.eye(Hd)])
step_ht = lambda h: gru(h, x4)[3]
Jht = np.column_stack([(step_ht(h3 + 1e-6 * e) - step_ht(h3 - 1e-6 * e)) / 2e-6 for e in np.eye(Hd)])  # full ∂h~/∂h (incl. reset path)
Jauth = np.diag(1 - gu) + np.diag(gu) @ Jht
print(f"line 244 dh/dh_prev = (1-Γ_u) + Γ_u ∂h~/∂h_prev: err {np.abs(Jauth - Jg).max():.3e} -> {verdict(np.abs(Jauth - Jg).max())}")
Jgu = np.diag(gu * (1 - gu)) @ Wu[:, :Hd]
print(f"         + diag(h~ - h_prev) ∂Γ_u/∂h_prev : err {np.abs(Jauth + np.diag(ht - h3) @ Jgu - Jg).max():.1e}")
# helpers lines 175, 183, 188, 197
a = rng.normal(size=5)
print(f"lines 183/197 σ' and tanh' vs FD: {np.abs(num_grad(lambda v: sig(v).sum(), a) - sig(a) * (1 - sig(a))).max():.1e}, "
      f"{np.abs(num_grad(lambda v: np.tanh(v).sum(), a) - (1 - np.tanh(a) ** 2)).max():.1e}")
