# Finite-difference checks for prig_monografia19_es.md (guillermopetcho/Prig-IDE, Monografía 19), numpy only.
import numpy as np
rng = np.random.default_rng(7)
sig = lambda x: 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))     # line 165

def num_jac(f, x, eps=1e-6):
    y0 = f(x); J = np.zeros((y0.size, x.size))
    for j in range(x.size):
        e = np.zeros_like(x); e[j] = eps
        J[:, j] = (f(x + e) - f(x - e)) / (2 * eps)
    return J

# ---------------- Section 2.1: Elman RNN, lines 9, 15-24 ----------------
H, D, T = 4, 3, 5
Whh = rng.normal(0, .6, (H, H)); Wxh = rng.normal(0, .6, (H, D)); bh = rng.normal(0, .2, H)
Why = rng.normal(0, .6, (3, H)); by = rng.normal(0, .2, 3); xs = rng.normal(size=(T + 1, D)); ytrue = 1
step = lambda h, x: np.tanh(Whh @ h + Wxh @ x + bh)                      # line 9
hs = [np.zeros(H)]
for k in range(1, T + 1): hs.append(step(hs[-1], xs[k]))
k = 3
Jnum = num_jac(lambda hp: step(hp, xs[k]), hs[k - 1])
J_author = np.diag(1 - hs[k] ** 2) @ Whh.T                              # line 20 as written
J_right = np.diag(1 - hs[k] ** 2) @ Whh
print("line 20  dh_k/dh_{k-1} = diag(1-h_k^2) W_hh^T :", 'AGREE' if np.allclose(Jnum, J_author, atol=1e-7) else 'DISAGREE',
      f"(max|diff|={np.abs(Jnum - J_author).max():.3f});  diag(1-h_k^2) W_hh : ", 'AGREE' if np.allclose(Jnum, J_right, atol=1e-7) else 'DISAGREE')
# line 15/17/24: L_T = cross-entropy of softmax(W_hy h_T + b_y) at step T only, gradient w.r.t. h_1 (row vector)
def LT_from_h1(h1):
    h = h1
    for kk in range(2, T + 1): h = step(h, xs[kk])
    o = Why @ h + by; p = np.exp(o - o.max()); p /= p.sum()              # line 10
    return -np.log(p[ytrue])
g1_num = num_jac(lambda h1: np.array([LT_from_h1(h1)]), hs[1]).ravel()
o = Why @ hs[T] + by; p = np.exp(o - o.max()); p /= p.sum(); dLdhT = (p - np.eye(3)[ytrue]) @ Why   # dL_T/dh_T (row)
def chain(Jk):   # dL/dh_T * J_T * J_{T-1} ... J_2  (line 15 with line 17)
    g = dLdhT.copy()
    for kk in range(T, 1, -1): g = g @ Jk(kk)
    return g
g_right = chain(lambda kk: np.diag(1 - hs[kk] ** 2) @ Whh)
g_auth_desc = chain(lambda kk: np.diag(1 - hs[kk] ** 2) @ Whh.T)
def chain_asc(Jk):
    M = np.eye(H)
    for kk in range(2, T + 1): M = M @ Jk(kk)
    return dLdhT @ M
g_auth_asc = chain_asc(lambda kk: np.diag(1 - hs[kk] ** 2) @ Whh.T)
print("lines 15,17 chain rule with the correct Jacobian (product J_T...J_2):", 'AGREE' if np.allclose(g1_num, g_right, atol=1e-7) else 'DISAGREE')
print("line 24  dL_T/dh_1 with diag(1-h_k^2) W_hh^T, product k=T..2:", 'AGREE' if np.allclose(g1_num, g_auth_desc, atol=1e-7) else 'DISAGREE',
      "| product k=2..T:", 'AGREE' if np.allclose(g1_num, g_auth_asc, atol=1e-7) else 'DISAGREE')

# ---------------- Section 6 code, LSTM_Puro (lines 149-268) and section 3.2 deltas (lines 73-105) ----------------
D, H, B, T = 3, 4, 2, 4
W = rng.normal(0, .5, (4 * H, H + D)); b = rng.normal(0, .3, (4 * H, 1)); b[:H] = 1.0
X = rng.normal(size=(T, D, B)); G = rng.normal(size=(T, H, B))        # L = sum_t sum(G_t * h_t) -> dH_seq = G

def forward(W, b, X, dc=None, dh=None, dZ=None):
    h_prev = np.zeros((H, B)); c_prev = np.zeros((H, B)); cache = {'inputs': X, 'u': {}, 'gates': {}, 'h_prev': h_prev, 'c_prev': c_prev}
    H_seq = np.zeros((T, H, B)); C_seq = np.zeros((T, H, B))
    for t in range(T):
        ut = np.vstack([h_prev, X[t]]); cache['u'][t] = ut                    # 187
        Z = np.dot(W, ut) + b                                                   # 191
        if dZ is not None and dZ[0] == t: Z = Z + dZ[1]
        f_t = sig(Z[0:H]); i_t = sig(Z[H:2*H]); c_tilde = np.tanh(Z[2*H:3*H]); o_t = sig(Z[3*H:4*H])   # 194-197
        cache['gates'][t] = (f_t, i_t, c_tilde, o_t)
        c_t = f_t * c_prev + i_t * c_tilde                                      # 202
        if dc is not None and dc[0] == t: c_t = c_t + dc[1]
        h_t = o_t * np.tanh(c_t)                                                # 204
        if dh is not None and dh[0] == t: h_t = h_t + dh[1]
        H_seq[t] = h_t; C_seq[t] = c_t; h_prev = h_t; c_prev = c_t
    cache['C_seq'] = C_seq
    return H_seq, cache

def backward(W, dH_seq, cache):
    X_seq = cache['inputs']; dW = np.zeros_like(W); db = np.zeros((4 * H, 1)); dX_seq = np.zeros_like(X_seq)
    dh_next = np.zeros((H, B)); dc_next = np.zeros((H, B)); C_seq = cache['C_seq']; rec = {}
    for t in range(T - 1, -1, -1):
        f_t, i_t, c_tilde, o_t = cache['gates'][t]; ut = cache['u'][t]; c_t = C_seq[t]
        c_prev = C_seq[t - 1] if t > 0 else cache['c_prev']                     # 238
        dh_t = dH_seq[t] + dh_next                                              # 241 (line 73)
        tanh_c = np.tanh(c_t)                                                   # 244
        do_t = dh_t * tanh_c * (o_t * (1.0 - o_t))                              # 245 (line 105)
        dc_t = dh_t * o_t * (1.0 - tanh_c**2) + dc_next                         # 248 (line 86)
        df_t = dc_t * c_prev * (f_t * (1.0 - f_t))                              # 251 (line 99)
        di_t = dc_t * c_tilde * (i_t * (1.0 - i_t))                             # 252 (line 101)
        dc_tilde = dc_t * i_t * (1.0 - c_tilde**2)                              # 253 (line 103)
        dZ = np.vstack([df_t, di_t, dc_tilde, do_t])                            # 256
        dW += np.dot(dZ, ut.T); db += np.sum(dZ, axis=1, keepdims=True)         # 259, 260
        du_t = np.dot(W.T, dZ); dh_next = du_t[:H]; dX_seq[t] = du_t[H:]        # 263-265
        dc_next = dc_t * f_t                                                    # 268
        rec[t] = dict(dh=dh_t, dc=dc_t, dZ=dZ)
    return dX_seq, dW, db, rec

Lfun = lambda **kw: np.sum(G * forward(W, b, X, **kw)[0])
Hs, cache = forward(W, b, X); dX, dW, db, rec = backward(W, G, cache)

def fd_arr(fun, shape, eps=1e-6):
    out = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps; out[idx] = (fun(e) - fun(-e)) / (2 * eps)
    return out
fdW = fd_arr(lambda e: np.sum(G * forward(W + e, b, X)[0]), W.shape)
fdb = fd_arr(lambda e: np.sum(G * forward(W, b + e, X)[0]), b.shape)
fdX = fd_arr(lambda e: np.sum(G * forward(W, b, X + e)[0]), X.shape)
ok = lambda a, c: 'AGREE' if np.allclose(a, c, rtol=1e-5, atol=1e-8) else 'DISAGREE'
print("lines 259 dW (accumulated over t):", ok(dW, fdW), "| 260 db:", ok(db, fdb), "| 265 dX_seq:", ok(dX, fdX))
for t in [T - 1, 1]:
    fdh = fd_arr(lambda e: Lfun(dh=(t, e)), (H, B)); fdc = fd_arr(lambda e: Lfun(dc=(t, e)), (H, B)); fdZ = fd_arr(lambda e: Lfun(dZ=(t, e)), (4 * H, B))
    print(f"t={t}: line 73/241 delta_h,t = total dL/dh_t:", ok(rec[t]['dh'], fdh),
          "| line 77/86/248 delta_C,t = dL/dC_t:", ok(rec[t]['dc'], fdc),
          "| lines 99-105/245-256 gate deltas = dL/dZ (pre-activations f,i,c~,o):", ok(rec[t]['dZ'], fdZ))

# ---------------- Section 3.3 GRU, lines 115-125 ----------------
Hg, Dg = 3, 2
Wr, Wz, Wh = (rng.normal(0, .6, (Hg, Hg + Dg)) for _ in range(3)); br, bh_ = rng.normal(0, .2, Hg), rng.normal(0, .2, Hg)
x = rng.normal(size=Dg); hp = rng.normal(0, .5, Hg)
def gru(hp, bz):
    u = np.concatenate([hp, x]); r = sig(Wr @ u + br); z = sig(Wz @ u + bz)                   # 115, 118
    ht = np.tanh(Wh @ np.concatenate([r * hp, x]) + bh_)                                      # 120
    return (1 - z) * hp + z * ht, z                                                           # 122
for bz in [0.0, -12.0]:
    J = num_jac(lambda h: gru(h, np.full(Hg, bz))[0], hp); z = gru(hp, np.full(Hg, bz))[1]
    print(f"line 125 GRU: b_z={bz:6.1f}, mean z={z.mean():.2e}; max|J - diag(1-z)| = {np.abs(J - np.diag(1 - z)).max():.2e};"
          f" max|J - I| = {np.abs(J - np.eye(Hg)).max():.2e}")
