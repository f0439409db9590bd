# Finite-difference check of vanishing_rnn_lstm_gru_zh.md (column vectors, [h_{t-1}, x_t] concatenation).
import numpy as np
rng = np.random.default_rng(2)
d, h = 3, 4
eps = 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))
def jac(f, v):
    return np.column_stack([(f(v + e) - f(v - e)) / (2 * eps) for e in np.eye(len(v)) * eps])
rows = []

# ---- RNN: lines 8, 20, 24/26, 34, 43, 200 ----
Wxh = rng.normal(0, .5, (h, d)); Whh = rng.normal(0, .5, (h, h)); bh = rng.normal(0, .2, h)
xs = rng.normal(size=(8, d))
def roll(h0, k, t):  # h_k = h0, run to h_t
    hh = h0
    for i in range(k + 1, t + 1): hh = np.tanh(Wxh @ xs[i] + Whh @ hh + bh)
    return hh
hs = {0: np.zeros(h)}
for i in range(1, 8): hs[i] = np.tanh(Wxh @ xs[i] + Whh @ hs[i - 1] + bh)
Ji = {i: np.diag(1 - np.tanh(Wxh @ xs[i] + Whh @ hs[i - 1] + bh) ** 2) @ Whh for i in range(1, 8)}   # line 24 with z_i (line 26)
rows.append(("24/26 dh_i/dh_{i-1} = diag(tanh'(z_i)) W_hh", np.allclose(Ji[5], jac(lambda v: roll(v, 4, 5), hs[4]), atol=1e-6)))
k, t = 2, 6
Pm = np.eye(h)
for i in range(t, k, -1): Pm = Pm @ Ji[i]
rows.append(("20/200 dh_t/dh_k = prod_{i=k+1}^t dh_i/dh_{i-1} (later left)", np.allclose(Pm, jac(lambda v: roll(v, k, t), hs[k]), atol=1e-6)))
z = rng.normal(size=5)
rows.append(("34 tanh'(z) = 1 - tanh^2 z in (0,1]", np.allclose((np.tanh(z + eps) - np.tanh(z - eps)) / (2 * eps), 1 - np.tanh(z) ** 2) and np.all((1 - np.tanh(z) ** 2 > 0) & (1 - np.tanh(z) ** 2 <= 1))))
ok = True
for trial in range(200):
    W = rng.normal(0, rng.uniform(.1, 1.5), (h, h)); zs = rng.normal(0, 2, (5, h))
    M = np.eye(h); rhs = 1.0
    for zi in zs:
        td = 1 - np.tanh(zi) ** 2
        M = M @ (np.diag(td) @ W); rhs *= np.abs(td).max() * np.linalg.norm(W, 2)
    ok &= np.linalg.norm(M, 2) <= rhs * (1 + 1e-12)
rows.append(("43 ||prod diag(tanh') W|| <= prod ||tanh'|| ||W|| (spectral / max-norm)", bool(ok)))

# ---- LSTM: lines 65-93, 105, 109, 113, 127, 131, 137, 206 ----
Wf, Wi, Wg, Wo = (rng.normal(0, .6, (h, h + d)) for _ in range(4)); bf, bi, bg, bo = (rng.normal(0, .2, h) for _ in range(4))
x = rng.normal(size=d); o_prev = sig(rng.normal(size=h)); C_prev = rng.normal(size=h)
def cell(hp, Cp):
    v = np.concatenate([hp, x])
    f = sig(Wf @ v + bf); i = sig(Wi @ v + bi); g = np.tanh(Wg @ v + bg); o = sig(Wo @ v + bo)
    C = f * Cp + i * g
    return f, i, g, o, C, o * np.tanh(C)
h_prev = o_prev * np.tanh(C_prev)
f = cell(h_prev, C_prev)[0]
Jpart = jac(lambda c: cell(h_prev, c)[4], C_prev)
rows.append(("105/109 first term: dC_t/dC_{t-1}|h fixed = diag(f_t)", np.allclose(Jpart, np.diag(f), atol=1e-6)))
Jtot = jac(lambda c: cell(o_prev * np.tanh(c), c)[4], C_prev)
dC_dh = jac(lambda hp: cell(hp, C_prev)[4], h_prev)
dh_dC = jac(lambda c: o_prev * np.tanh(c), C_prev)
rows.append(("131 dh_{t-1}/dC_{t-1} = diag(o_{t-1}) diag(1-tanh^2 C_{t-1})", np.allclose(dh_dC, np.diag(o_prev) @ np.diag(1 - np.tanh(C_prev) ** 2), atol=1e-6)))
rows.append(("127 total dC_t/dC_{t-1} = diag(f_t) + dC_t/dh_{t-1} dh_{t-1}/dC_{t-1}", np.allclose(Jtot, np.diag(f) + dC_dh @ dh_dC, atol=1e-6)))
print("   info (109 approximation): max |total - diag(f_t)| =", np.abs(Jtot - np.diag(f)).max())
fs = sig(rng.normal(size=(4, h)))
prod_diag = np.eye(h)
for fi in fs: prod_diag = prod_diag @ np.diag(fi)
rows.append(("113 prod diag(f_i) = diag(prod f_i)", np.allclose(prod_diag, np.diag(fs.prod(0)))))

# ---- GRU: lines 151-163, 177, 181, 183, 212 ----
Wz, Wr = (rng.normal(0, .6, (h, h + d)) for _ in range(2)); W = rng.normal(0, .6, (h, h + d))
bz, br, b = (rng.normal(0, .2, h) for _ in range(3))
def gru(hp, bz_=bz):
    v = np.concatenate([hp, x])
    zt = sig(Wz @ v + bz_); rt = sig(Wr @ v + br); ht = np.tanh(W @ np.concatenate([rt * hp, x]) + b)
    return zt, rt, ht, (1 - zt) * hp + zt * ht
hp = np.tanh(rng.normal(size=h))
zt, rt, ht, hn = gru(hp)
rows.append(("177 h_t = h_{t-1} + z_t*(h~_t - h_{t-1})", np.allclose(hn, hp + zt * (ht - hp))))
Jg = jac(lambda v: gru(v)[3], hp)
extra = np.diag(ht - hp) @ jac(lambda v: gru(v)[0], hp) + np.diag(zt) @ jac(lambda v: gru(v)[2], hp)
rows.append(("181 dh_t/dh_{t-1} = diag(1-z_t) + extra (extra = diag(h~-h) dz/dh + diag(z) dh~/dh)", np.allclose(Jg, np.diag(1 - zt) + extra, atol=1e-6)))
Jg0 = jac(lambda v: gru(v, bz_=bz - 15)[3], hp)
rows.append(("183 z_t ~ 0  =>  dh_t/dh_{t-1} ~ I", np.allclose(Jg0, np.eye(h), atol=1e-5)))

for name, ok in rows: print(("AGREE   " if ok else "DISAGREE"), name)
