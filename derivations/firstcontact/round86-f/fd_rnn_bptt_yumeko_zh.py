"""Checks for rnn_bptt_yumeko_zh.md (search-index file id 55646918279). numpy only.
Author's conventions: column vectors, h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), y_t = W_hy h_t + b_y,
L = sum_t L_t; Jacobians in numerator layout (d h_j / d h_{j-1} = diag(tanh'(a_j)) W_hh)."""
import numpy as np

rows = []
ok = lambda a, b, tol=5e-4: bool(np.allclose(a, b, atol=tol, rtol=0))
num = lambda got, true, tol: bool(np.all(np.abs(np.asarray(got, float) - np.asarray(true, float)) <= tol))

# ---------------- the hand-computed example (section 4 and BPTT 2.5) ----------------
Wxh = np.array([[0.5, -0.3], [0.8, 0.2]]); Whh = np.array([[0.1, 0.4], [-0.2, 0.6]])
Why = np.array([[0.3, -0.1], [0.5, 0.2], [-0.4, 0.7]])
x1, x2, x3 = np.array([1., 0.]), np.array([0., 1.]), np.array([1., 1.])
h0 = np.zeros(2)
a1 = Wxh @ x1 + Whh @ h0; h1 = np.tanh(a1)
y1 = Why @ h1; p1 = np.exp(y1) / np.exp(y1).sum()
a2 = Wxh @ x2 + Whh @ h1; h2 = np.tanh(a2)
a3 = Wxh @ x3 + Whh @ h2; h3 = np.tanh(a3)
tp = lambda a: 1 - np.tanh(a) ** 2
rows += [
    ("71  W_xh x_1 = (0.5, 0.8)", num(Wxh @ x1, [0.5, 0.8], 1e-12)),
    ("84  W_hh h_0 = 0", num(Whh @ h0, [0, 0], 1e-12)),
    ("97  h_1 = tanh(0.5, 0.8) ~ (0.462, 0.664)", num(h1, [0.462, 0.664], 6e-4)),
    ("105 y_1 = W_hy h_1 = (0.072, 0.364, 0.280)", num(y1, [0.072, 0.364, 0.280], 6e-4)),
    ("126 softmax(y_1) ~ (0.31, 0.41, 0.28)  [true %s]" % np.round(p1, 3), num(p1, [0.31, 0.41, 0.28], 6e-3)),
    ("137 W_xh x_2 = (-0.3, 0.2)", num(Wxh @ x2, [-0.3, 0.2], 1e-12)),
    ("143 W_hh h_1 = (0.312, 0.306)", num(Whh @ h1, [0.312, 0.306], 6e-4)),
    ("153 h_2 = tanh(0.012, 0.506) ~ (0.012, 0.466)  [true %s]" % np.round(h2, 4), num(h2, [0.012, 0.466], 1.5e-3)),
    ("167 W_hh h_2 = (0.188, 0.277) (with the author's rounded h_2 = (0.012, 0.466))", num(Whh @ np.array([0.012, 0.466]), [0.188, 0.277], 6e-4)),
    ("405 h_3 = (0.188, 0.277) 'from the forward example'  [true h_3 %s]" % np.round(h3, 3), num(h3, [0.188, 0.277], 6e-3)),
    ("414 a_3 = W_hh h_2 + W_xh x_3 + b_h set to (0.19, 0.28)  [true a_3 %s]" % np.round(a3, 3), num(a3, [0.19, 0.28], 6e-3)),
    ("417 tanh'(0.19) ~ 0.965", num(tp(0.19), 0.965, 6e-4)),
    ("420 tanh'(0.28) ~ 0.923  [true %.4f]" % tp(0.28), num(tp(0.28), 0.923, 3e-3)),
    ("433 a_2 = (0.012, 0.506)", num(a2, [0.012, 0.506], 6e-4)),
    ("436 tanh'(0.012) ~ 0.9999", num(tp(0.012), 0.9999, 2e-4)),
    ("436 tanh'(0.506) ~ 0.744  [true %.4f]" % tp(0.506), num(tp(0.506), 0.744, 3e-3)),
]
J32_author = np.diag([0.965, 0.923]) @ Whh                     # with the author's assumed a_3
J21_true = np.diag(tp(a2)) @ Whh
J21_author = np.array([[0.100, 0.400], [-0.149, 0.446]])
rows += [
    ("426 diag(0.965,0.923) W_hh = [[0.0965,0.386],[-0.185,0.554]] (arithmetic, author's a_3)", num(J32_author, [[0.0965, 0.386], [-0.185, 0.554]], 6e-4)),
    ("442 dh_2/dh_1 = [[0.100,0.400],[-0.149,0.446]]  [true %s]" % np.round(J21_true, 3).tolist(), num(J21_true, J21_author, 3e-3)),
    ("442 (arithmetic only: diag(0.9999,0.744) W_hh)", num(np.diag([0.9999, 0.744]) @ Whh, J21_author, 6e-4)),
    ("449 dh_3/dh_1 product (arithmetic of displayed matrices)", num(np.array([[0.0965, 0.386], [-0.185, 0.554]]) @ J21_author, [[-0.048, 0.211], [-0.101, 0.173]], 1.5e-3)),
    ("449 dh_3/dh_1 vs true product with correct a_2 (author's a_3 kept)  [%s]" % np.round(J32_author @ J21_true, 3).tolist(), num(J32_author @ J21_true, [[-0.048, 0.211], [-0.101, 0.173]], 3e-3)),
]
# element derivatives d h_k[0] / d W_hh[0,0] (direct use at step k), by finite differences
def step(W, hprev, x):
    return np.tanh(W @ hprev + Wxh @ x)
def dd(hprev, x, eps=1e-7):
    E = np.zeros((2, 2)); E[0, 0] = eps
    return (step(Whh + E, hprev, x)[0] - step(Whh - E, hprev, x)[0]) / (2 * eps)
rows += [
    ("464 dh_1[0]/dW_hh[0,0] = 0", num(dd(h0, x1), 0.0, 1e-9)),
    ("469 dh_2[0]/dW_hh[0,0] ~ 0.462", num(dd(h1, x2), 0.462, 1e-3)),
    ("475 dh_3[0]/dW_hh[0,0] ~ 0.0116 (author's a_3)  [true %.4f]" % dd(h2, x3), num(0.965 * 0.012, 0.0116, 1e-4)),
    ("475 same, against the true a_3", num(dd(h2, x3), 0.0116, 3e-4)),
    ("488 (0.5)^99 * 0.5 ~ 1e-31", 1e-32 < 0.5 ** 100 < 1e-30),
    ("209 ||dh_100/dh_1|| ~ (0.25)^100 ~ 6.2e-61: the product over t=2..100 (line 199) has %d factors -> (0.25)^%d = %.2e" % (len(range(2, 101)), len(range(2, 101)), 0.25 ** len(range(2, 101))), num(0.25 ** len(range(2, 101)), 6.2e-61, 1e-62)),
]

# ---------------- general formulas on a random RNN ----------------
rng = np.random.default_rng(1)
dh_, dx_, dy_, T = 3, 2, 2, 4
W, U, V = rng.normal(0, .8, (dh_, dh_)), rng.normal(0, .8, (dh_, dx_)), rng.normal(0, .8, (dy_, dh_))
b, by = rng.normal(0, .3, dh_), rng.normal(0, .3, dy_)
xs = rng.normal(size=(T + 1, dx_)); tg = rng.normal(size=(T + 1, dy_))


def run(W, U, V, b):
    hs, as_ = [np.zeros(dh_)], [None]
    for t in range(1, T + 1):
        as_.append(W @ hs[-1] + U @ xs[t] + b); hs.append(np.tanh(as_[-1]))
    return hs, as_


def Lt(t, W, U, V, b):
    hs, _ = run(W, U, V, b); return 0.5 * np.sum((V @ hs[t] + by - tg[t]) ** 2)


def Ltot(W, U, V, b):
    return sum(Lt(t, W, U, V, b) for t in range(1, T + 1))


def fdM(f, M, eps=1e-6):
    G = np.zeros_like(M)
    for i in np.ndindex(M.shape):
        E = np.zeros_like(M); E[i] = eps; G[i] = (f(M + E) - f(M - E)) / (2 * eps)
    return G


hs, as_ = run(W, U, V, b)
# 187/363/511: d h_j / d h_{j-1} = diag(tanh'(a_j)) W_hh
j = 3
Jfd = np.zeros((dh_, dh_))
for k in range(dh_):
    e = np.zeros(dh_); e[k] = 1e-6
    Jfd[:, k] = (np.tanh(W @ (hs[j - 1] + e) + U @ xs[j] + b) - np.tanh(W @ (hs[j - 1] - e) + U @ xs[j] + b)) / 2e-6
rows.append(("187/363/511 dh_j/dh_(j-1) = diag(tanh'(a_j)) W_hh", ok(np.diag(tp(as_[j])) @ W, Jfd, 1e-7)))
rows.append(("   (control) the transposed/reordered W_hh diag(...) would not match", not ok(W @ np.diag(tp(as_[j])), Jfd, 1e-7)))
# 199: dh_T/dh_1 = prod_{t=2..T} diag(tanh'(a_t)) W_hh (ordered T..2)
P = np.eye(dh_)
for t in range(T, 1, -1):
    P = P @ (np.diag(tp(as_[t])) @ W)
Jfd = np.zeros((dh_, dh_))
for k in range(dh_):
    e = np.zeros(dh_); e[k] = 1e-6
    def hT(h1):
        h = h1
        for t in range(2, T + 1): h = np.tanh(W @ h + U @ xs[t] + b)
        return h
    Jfd[:, k] = (hT(hs[1] + e) - hT(hs[1] - e)) / 2e-6
rows.append(("199 dh_T/dh_1 = ordered product of T-1 = %d one-step Jacobians" % (T - 1), ok(P, Jfd, 1e-7)))
# 321/505: dL_t/dW_hh = dL_t/dh_t . sum_k (prod dh_j/dh_(j-1)) . (immediate dh_k/dW_hh)
t = T
gL = (V.T @ (V @ hs[t] + by - tg[t]))                          # dL_t/dh_t (as a vector)
G = np.zeros_like(W); Gx = np.zeros_like(U)
for k in range(1, t + 1):
    Pk = np.eye(dh_)
    for jj in range(t, k, -1): Pk = Pk @ (np.diag(tp(as_[jj])) @ W)
    delta_k = np.diag(tp(as_[k])) @ (Pk.T @ gL)             # row-vector chain, transposed
    G += np.outer(delta_k, hs[k - 1]); Gx += np.outer(delta_k, xs[k])
rows.append(("321/505 dL_t/dW_hh as sum over k of paths (t=T)", ok(G, fdM(lambda M: Lt(t, M, U, V, b), W), 1e-7)))
rows.append(("386/523 dL_t/dW_xh as sum over k of paths (t=T)", ok(Gx, fdM(lambda M: Lt(t, W, M, V, b), U), 1e-7)))
# 264/499: dL/dW_hh = sum_t dL_t/dW_hh
S = sum(fdM(lambda M, tt=tt: Lt(tt, M, U, V, b), W) for tt in range(1, T + 1))
rows.append(("264/499 dL/dW_hh = sum_t dL_t/dW_hh", ok(S, fdM(lambda M: Ltot(M, U, V, b), W), 1e-7)))
# 380/517: dL/dW_hy = sum_t dL_t/dy_t h_t^T
GV = sum(np.outer(V @ hs[tt] + by - tg[tt], hs[tt]) for tt in range(1, T + 1))
rows.append(("380/517 dL/dW_hy = sum_t (dL_t/dy_t) h_t^T", ok(GV, fdM(lambda M: Ltot(W, U, M, b), V), 1e-7)))

# ---------------- LSTM / GRU remarks (545, 560) ----------------
H, Dx = 3, 2
Wl = {k: rng.normal(0, .8, (H, H + Dx)) for k in "fico"}
xl = rng.normal(size=Dx); hprev = rng.normal(size=H) * .5; cprev = rng.normal(size=H)
sg = lambda u: 1 / (1 + np.exp(-u))
def lstm_c(hp, cp):
    z = np.concatenate([hp, xl])
    return sg(Wl["f"] @ z) * cp + sg(Wl["i"] @ z) * np.tanh(Wl["c"] @ z)
f_t = sg(Wl["f"] @ np.concatenate([hprev, xl]))
Jc = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = 1e-6
    Jc[:, k] = (lstm_c(hprev, cprev + e) - lstm_c(hprev, cprev - e)) / 2e-6
rows.append(("545 dC_t/dC_(t-1) (h_(t-1) held fixed) = diag(f_t)", ok(Jc, np.diag(f_t), 1e-7)))
Wg = {k: rng.normal(0, .8, (H, H + Dx)) for k in "zrh"}
def gru_h(hp):
    z = sg(Wg["z"] @ np.concatenate([hp, xl])); r = sg(Wg["r"] @ np.concatenate([hp, xl]))
    ht = np.tanh(Wg["h"] @ np.concatenate([r * hp, xl]))
    return (1 - z) * hp + z * ht
zt = sg(Wg["z"] @ np.concatenate([hprev, xl]))
Jg = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = 1e-6
    Jg[:, k] = (gru_h(hprev + e) - gru_h(hprev - e)) / 2e-6
rows.append(("560 GRU dh_t/dh_(t-1) ~ diag(1-z_t): exact only for the direct path (full Jacobian differs; the author writes ~)", not ok(Jg, np.diag(1 - zt), 1e-7)))

for name, good in rows:
    print(("AGREE   " if good else "DIFFER  ") + name)
