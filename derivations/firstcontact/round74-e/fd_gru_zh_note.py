# Finite-difference check of gru_zh_note.md (numpy only).
# Forward/backward below transcribe the note's NumPy class GRU (column vectors) line by line.
import numpy as np
rng = np.random.default_rng(0)
D, H, O, T = 3, 4, 2, 5
sig = lambda x: 1 / (1 + np.exp(-np.clip(x, -500, 500)))
P = {k: rng.normal(0, 0.6, s) for k, s in dict(W_xr=(H, D), W_hr=(H, H), b_r=(H, 1), W_xz=(H, D), W_hz=(H, H), b_z=(H, 1),
                                                 W_xh=(H, D), W_hh=(H, H), b_h=(H, 1), W_hy=(O, H), b_y=(O, 1)).items()}
X = [rng.normal(size=(D, 1)) for _ in range(T)]
Yt = [rng.normal(size=(O, 1)) for _ in range(T)]
h0 = rng.normal(0, 0.5, (H, 1))

def forward(P, X, h_prev):
    cache = {'h': [h_prev], 'r': [], 'z': [], 'h_tilde': [], 'y': []}
    h = h_prev
    for x in X:
        r = sig(P['W_xr'] @ x + P['W_hr'] @ h + P['b_r'])          # line 123
        z = sig(P['W_xz'] @ x + P['W_hz'] @ h + P['b_z'])          # line 130
        h_tilde = np.tanh(P['W_xh'] @ x + P['W_hh'] @ (r * h) + P['b_h'])  # line 137
        h = (1 - z) * h + z * h_tilde                              # line 144
        y = P['W_hy'] @ h + P['b_y']                               # line 147
        for k, v in (('h', h), ('r', r), ('z', z), ('h_tilde', h_tilde), ('y', y)):
            cache[k].append(v)
    return cache

def backward(P, X, Yt, cache):
    T = len(X)
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros((H, 1))
    for t in reversed(range(T)):
        dy = cache['y'][t] - Yt[t]                                 # 195
        g['W_hy'] += dy @ cache['h'][t + 1].T                      # 196
        g['b_y'] += dy                                             # 197
        dh = P['W_hy'].T @ dy + dh_next                            # 200
        z, h_tilde, h_prev, r, x = cache['z'][t], cache['h_tilde'][t], cache['h'][t], cache['r'][t], X[t]
        dh_tilde = dh * z                                          # 212
        dz = dh * (h_tilde - h_prev)                               # 213
        dh_prev = dh * (1 - z)                                     # 214
        dh_tilde_raw = dh_tilde * (1 - h_tilde ** 2)               # 217
        g['W_xh'] += dh_tilde_raw @ x.T                            # 218
        g['W_hh'] += dh_tilde_raw @ (r * h_prev).T                 # 219
        g['b_h'] += dh_tilde_raw                                   # 220
        dr = (P['W_hh'].T @ dh_tilde_raw) * h_prev                 # 222
        dh_prev += (P['W_hh'].T @ dh_tilde_raw) * r                # 223
        dz_raw = dz * z * (1 - z)                                  # 226
        g['W_xz'] += dz_raw @ x.T; g['W_hz'] += dz_raw @ h_prev.T; g['b_z'] += dz_raw   # 227-229
        dh_prev += P['W_hz'].T @ dz_raw                            # 230
        dr_raw = dr * r * (1 - r)                                  # 233
        g['W_xr'] += dr_raw @ x.T; g['W_hr'] += dr_raw @ h_prev.T; g['b_r'] += dr_raw   # 234-236
        dh_prev += P['W_hr'].T @ dr_raw                            # 237
        dh_next = dh_prev                                          # 240
    g = {k: v / T for k, v in g.items()}                           # 242 (gradients dict, / T)
    return g, dh_next

def loss(P, h0):
    c = forward(P, X, h0)
    return sum(0.5 * np.sum((y - yt) ** 2) for y, yt in zip(c['y'], Yt)) / T   # what dy (195) and /T (242) differentiate

g, dh0 = backward(P, X, Yt, forward(P, X, h0))
eps = 1e-6
print("== code rows (full BPTT, loss = (1/T) sum_t 1/2||y_t - y_true_t||^2)")
for k in P:
    num = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {kk: vv.copy() for kk, vv in P.items()}; Pp[k][idx] += eps
        Pm = {kk: vv.copy() for kk, vv in P.items()}; Pm[k][idx] -= eps
        num[idx] = (loss(Pp, h0) - loss(Pm, h0)) / (2 * eps)
    print(f"d{k:5s} max|analytic-FD| = {np.abs(num - g[k]).max():.2e}  {'AGREE' if np.allclose(num, g[k], atol=1e-7) else 'DISAGREE'}")
num = np.zeros_like(h0)
for idx in np.ndindex(h0.shape):
    a = h0.copy(); a[idx] += eps; b = h0.copy(); b[idx] -= eps
    num[idx] = (loss(P, a) - loss(P, b)) / (2 * eps)
print(f"dh_0 (dh_next after t=0, times 1/T) max diff = {np.abs(num - dh0 / T).max():.2e}  {'AGREE' if np.allclose(num, dh0 / T, atol=1e-7) else 'DISAGREE'}")
print("   note: the cut usage example prints loss = sum ||y - y_true||^2 (no 1/2, no 1/T); dy is labelled '简化的损失梯度'.")

print("\n== Jacobian rows dh_t/dh_{t-1} (single step)")
x = X[0]; hp = h0
def step(hp, freeze_z=None, freeze_r=None):
    r = sig(P['W_xr'] @ x + P['W_hr'] @ hp + P['b_r']) if freeze_r is None else freeze_r
    z = sig(P['W_xz'] @ x + P['W_hz'] @ hp + P['b_z']) if freeze_z is None else freeze_z
    ht = np.tanh(P['W_xh'] @ x + P['W_hh'] @ (r * hp) + P['b_h'])
    return (1 - z) * hp + z * ht, r, z, ht
def jac(f, hp):
    J = np.zeros((H, H))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = eps
        J[:, j] = ((f(hp + e) - f(hp - e)) / (2 * eps)).ravel()
    return J
_, r, z, ht = step(hp)
J_true = jac(lambda v: step(v)[0], hp)
dht_dh = jac(lambda v: np.tanh(P['W_xh'] @ x + P['W_hh'] @ (sig(P['W_xr'] @ x + P['W_hr'] @ v + P['b_r']) * v) + P['b_h']), hp)
J_292 = np.diag((1 - z).ravel()) + np.diag(z.ravel()) @ dht_dh      # lines 292 / 327
print(f"line 292/327  (1-z)I + z*dh~/dh vs true Jacobian: max diff = {np.abs(J_292 - J_true).max():.3e}  -> {'AGREE' if np.allclose(J_292, J_true, atol=1e-6) else 'DISAGREE (missing diag(h~ - h_prev) dz/dh_prev term)'}")
missing = np.diag((ht - hp).ravel()) @ np.diag((z * (1 - z)).ravel()) @ P['W_hz']
print(f"   adding the missing term diag(h~-h_prev) diag(z(1-z)) W_hz: max diff = {np.abs(J_292 + missing - J_true).max():.2e}")
J_zfix = jac(lambda v: step(v, freeze_z=z)[0], hp)                     # 'ignore z's gradient' (line 330's announced simplification)
J_330 = np.diag((1 - z).ravel()) + np.diag((z * (1 - ht ** 2)).ravel()) @ P['W_hh'] @ np.diag(r.ravel())   # most favourable reading of line 330
print(f"line 330  diag(1-z) + z(1-h~^2) W_hh diag(r) vs Jacobian with z frozen: max diff = {np.abs(J_330 - J_zfix).max():.3e}  -> {'AGREE' if np.allclose(J_330, J_zfix, atol=1e-6) else 'DISAGREE (reset-gate path dropped too)'}")
J_rzfix = jac(lambda v: step(v, freeze_z=z, freeze_r=r)[0], hp)
print(f"   same formula vs Jacobian with z AND r frozen: max diff = {np.abs(J_330 - J_rzfix).max():.2e} (agrees only if r is frozen as well)")
J_rowscaled = np.diag((1 - z).ravel()) + np.diag((z * (1 - ht ** 2) * r).ravel()) @ P['W_hh']   # literal column-vector broadcast r ⊙ W_hh
print(f"   literal column-broadcast reading diag(z r (1-h~^2)) W_hh vs z,r frozen: max diff = {np.abs(J_rowscaled - J_rzfix).max():.2e}")

print("\n== scalar claims")
a = np.linspace(-5, 5, 100001)
print(f"line 286: max tanh'(a) = {np.max(1 - np.tanh(a) ** 2):.3f} (the 0.25 bound belongs to sigmoid: max sigma' = {np.max(sig(a) * (1 - sig(a))):.3f})  -> FAIL")
print(f"line 307: dh20/dh1 spans 19 steps: 0.9^19 = {0.9 ** 19:.4f}; the note writes 0.9^20 = {0.9 ** 20:.4f}  -> FAIL (index off by one)")
print(f"line 312: (0.25*0.9)^20 = {(0.25 * 0.9) ** 20:.3e}, (0.25*0.9)^19 = {(0.25 * 0.9) ** 19:.3e}; the note writes 3.2e-15  -> FAIL")
