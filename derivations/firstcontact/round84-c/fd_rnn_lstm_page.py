# FD check of rnn_lstm_page.md (column-vector math of lines 22-181; row-vector code lines 84-85, 242-251)
import numpy as np
rng = np.random.default_rng(1)
n, d, T = 4, 3, 6
Whh = rng.normal(size=(n, n)) * 0.6; Wxh = rng.normal(size=(n, d)); bh = rng.normal(size=n) * 0.1
X = rng.normal(size=(T + 1, d)); h0 = rng.normal(size=n) * 0.5
eps = 1e-6
def rep(name, ok, extra=""):
    print(f"{name:58s} {extra:28s} -> {'AGREE' if ok else 'DISAGREE'}")

def run(hstart, tstart):
    H = {tstart: hstart.copy()}; Z = {}
    for k in range(tstart + 1, T + 1):
        Z[k] = Whh @ H[k - 1] + Wxh @ X[k] + bh      # z_k
        H[k] = np.tanh(Z[k])                         # line 22
    return H, Z
# reference trajectory from h_0
H, Z = run(h0, 0)
def fd_jac(f, v):
    J = np.zeros((len(f(v)), len(v)))
    for j in range(len(v)):
        e = np.zeros_like(v); e[j] = eps
        J[:, j] = (f(v + e) - f(v - e)) / (2 * eps)
    return J
# line 104: dh_k/dh_{k-1} = diag(tanh'(z_k)) W_hh
k = 4
Jnum = fd_jac(lambda v: np.tanh(Whh @ v + Wxh @ X[k] + bh), H[k - 1])
Jk = lambda k: np.diag(1 - np.tanh(Z[k]) ** 2) @ Whh
rep("line 104 dh_k/dh_{k-1} = diag(tanh'(z_k)) W_hh", np.allclose(Jk(k), Jnum, atol=1e-8), f"max {np.abs(Jk(k)-Jnum).max():.1e}")
# line 98: dh_T/dh_t = product of the Jacobians (J_T ... J_{t+1})
t = 1
P = np.eye(n)
for kk in range(t + 1, T + 1):
    P = Jk(kk) @ P
Jnum = fd_jac(lambda v: run(v, t)[0][T], H[t])
rep("line 98 dh_T/dh_t = prod_{k=t+1}^T dh_k/dh_{k-1}", np.allclose(P, Jnum, atol=1e-8), f"max {np.abs(P-Jnum).max():.1e}")
# line 107: tanh'(z) = 1 - tanh^2(z) in (0,1]
zz = np.linspace(-5, 5, 11)
dnum = (np.tanh(zz + eps) - np.tanh(zz - eps)) / (2 * eps)
rep("line 107 tanh'(z) = 1 - tanh^2(z), in (0,1]", np.allclose(dnum, 1 - np.tanh(zz) ** 2, atol=1e-8) and (dnum.max() <= 1) and (dnum.min() > 0))
# line 115: ||dh_T/dh_t|| <= sigma_max(W_hh)^(T-t)  (random trials, spectral norm)
ok = True
for trial in range(200):
    W = rng.normal(size=(n, n)) * rng.uniform(0.2, 1.5)
    Hs = [rng.normal(size=n)]; Pm = np.eye(n)
    for kk in range(1, T + 1):
        z = W @ Hs[-1] + Wxh @ X[kk] + bh; Hs.append(np.tanh(z)); Pm = np.diag(1 - np.tanh(z) ** 2) @ W @ Pm
    ok &= np.linalg.norm(Pm, 2) <= np.linalg.norm(W, 2) ** T + 1e-12
rep("line 115 ||dh_T/dh_t||_2 <= sigma_max(W_hh)^(T-t)", ok, "200 random trials")
rep("line 121 0.9^100 ~ 2.66e-5", abs(0.9 ** 100 - 2.66e-5) < 0.01e-5, f"0.9^100 = {0.9**100:.4e}")

# --- LSTM (lines 143-181) and the code (242-251)
sig = lambda a: 1 / (1 + np.exp(-a))
Wf, Wi, Wc, Wo = (rng.normal(size=(n, n + d)) for _ in range(4)); bf, bi, bc, bo = (rng.normal(size=n) * 0.1 for _ in range(4))
def lstm_step(h_prev, c_prev, x):
    hx = np.concatenate([h_prev, x])
    f = sig(Wf @ hx + bf); i = sig(Wi @ hx + bi); ct = np.tanh(Wc @ hx + bc); o = sig(Wo @ hx + bo)   # lines 143,149,155,167
    c = f * c_prev + i * ct                                                                           # standard cell update (code line 250)
    return f, i, ct, o, c, o * np.tanh(c)                                                             # line 173 / code 251
hp, cp, x = rng.normal(size=n), rng.normal(size=n), X[1]
f, i, ct, o, c, hnew = lstm_step(hp, cp, x)
# line 161 as written: c_t = f_t * c_t + i_t * ctilde_t  -> fixed point c_t = i*ct/(1-f), independent of c_{t-1}
c_line161 = i * ct / (1 - f)
rep("line 161 c_t = f*c_t + i*ctilde equals the cell update c=f*c_prev+i*g", np.allclose(c_line161, c), f"max {np.abs(c_line161-c).max():.1e}")
dc161 = fd_jac(lambda v: (lambda r: r[1] * r[2] / (1 - r[0]))(lstm_step(hp, v, x)), cp)
rep("  (under line 161 literally, dc_t/dc_{t-1} is 0, not f_t)", np.allclose(dc161, 0), "")
# line 181: dc_t/dc_{t-1} = f_t (partial, h_{t-1}, x_t held fixed: gates do not see c_{t-1})
Jc = fd_jac(lambda v: lstm_step(hp, v, x)[4], cp)
rep("line 181 dc_t/dc_{t-1} = diag(f_t)", np.allclose(Jc, np.diag(f), atol=1e-8), f"max {np.abs(Jc-np.diag(f)).max():.1e}")
# code lines 242-251: combined-weight row-vector implementation equals the math (lines 143-173)
W_ih = np.vstack([Wi[:, n:], Wf[:, n:], Wc[:, n:], Wo[:, n:]]); W_hh4 = np.vstack([Wi[:, :n], Wf[:, :n], Wc[:, :n], Wo[:, :n]]); bias = np.concatenate([bi, bf, bc, bo])
gates = x[None] @ W_ih.T + hp[None] @ W_hh4.T + bias
gi, gf, gg, go = np.split(gates, 4, axis=1)
gi, gf, gg, go = sig(gi), sig(gf), np.tanh(gg), sig(go)
cc = gf * cp[None] + gi * gg; hh = go * np.tanh(cc)
rep("code 242-251 == math 143-173 (standard cell update)", np.allclose(cc[0], c) and np.allclose(hh[0], hnew))
# code line 84: row-vector RNN step equals line 22 with W_xh(code) = W_xh(math)^T
hrow = np.tanh(X[1][None] @ Wxh.T + h0[None] @ Whh.T + bh)
rep("code 84 == line 22 (transposed layout)", np.allclose(hrow[0], H[1]))
# GRU (lines 271-289): dh_t/dh_{t-1} check is not claimed by the page; forward definitions only.
