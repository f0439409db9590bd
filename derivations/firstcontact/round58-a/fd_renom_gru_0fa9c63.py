"""FD check of ReNom gru.py @0fa9c63 ("Fixed GRU behaviour"): row-vector batch layout, full recurrent
matrices u (m, 3m), reset applied after the recurrent product, h = z*hminus + (1-z)*tanh(C)."""
import numpy as np

rng = np.random.RandomState(2)
N, D, m = 3, 4, 3
sig = lambda a: 1 / (1 + np.exp(-a))
sigmoid_diff = lambda a: sig(a) * (1 - sig(a))       # line 5
tanh_diff = lambda a: 1.0 - np.tanh(a) ** 2           # line 9

x = rng.randn(N, D); hm = rng.randn(N, m) * 0.7
w = rng.randn(D, 3 * m) * 0.6; u = rng.randn(m, 3 * m) * 0.6; b = rng.randn(1, 3 * m) * 0.3
G = rng.randn(N, m)


def fwd(x, hm, w, u, b, taps=None):
    t = taps or {}
    w_z, w_r, w_h = np.split(w, [m, 2 * m], axis=1)
    u_z, u_r, u_h = np.split(u, [m, 2 * m], axis=1)
    b_z, b_r, b_h = np.split(b, [m, 2 * m], axis=1)
    A = x @ w_z + hm @ u_z          # line 35
    A += b_z                        # line 36
    A = A + t.get('A', 0)
    B = x @ w_r + hm @ u_r          # line 37
    B += b_r                        # line 38
    B = B + t.get('B', 0)
    C = x @ w_h + sig(B) * (hm @ u_h)   # line 39
    C += b_h                        # line 40
    C = C + t.get('C', 0)
    h = sig(A) * hm + (1 - sig(A)) * np.tanh(C)   # line 42
    return h, A, B, C


def L(x=x, hm=hm, w=w, u=u, b=b, taps=None):
    return np.sum(G * fwd(x, hm, w, u, b, taps)[0])


def fd(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(*X.shape):
        Xp = X.copy(); Xp[i] += eps; Xm = X.copy(); Xm[i] -= eps
        g[i] = (f(Xp) - f(Xm)) / (2 * eps)
    return g


close = lambda a, b_: np.allclose(a, b_, rtol=1e-6, atol=1e-8)
h, A, B, C = fwd(x, hm, w, u, b)
w_z, w_r, w_h = np.split(w, [m, 2 * m], axis=1)
u_z, u_r, u_h = np.split(u, [m, 2 * m], axis=1)

# forward vs an independent reset-after GRU (PyTorch-style n = tanh(W_in x + r*(W_hn h) + b)) with
# update gate convention h = z*h_prev + (1-z)*n
z_ref = sig(x @ w_z + hm @ u_z + b[:, :m]); r_ref = sig(x @ w_r + hm @ u_r + b[:, m:2*m])
n_ref = np.tanh(x @ w_h + r_ref * (hm @ u_h) + b[:, 2*m:])
assert close(h, z_ref * hm + (1 - z_ref) * n_ref)
eps = 1e-6
assert close(sigmoid_diff(A), (sig(A + eps) - sig(A - eps)) / (2 * eps))
assert close(tanh_diff(C), (np.tanh(C + eps) - np.tanh(C - eps)) / (2 * eps))
print("forward rows: pass")

y = G
dA = y * (hm - np.tanh(C)) * sigmoid_diff(A)          # line 82
dC = y * (1 - sig(A)) * tanh_diff(C)                   # line 83
dB = dC * (hm @ u_h) * sigmoid_diff(B)                 # line 84
gA = fd(lambda a: L(taps={'A': a - A}), A); gB = fd(lambda bb: L(taps={'B': bb - B}), B)
gC = fd(lambda c: L(taps={'C': c - C}), C)
assert close(dA, gA) and close(dB, gB) and close(dC, gC)
dx_z = dA @ w_z.T; dx_r = dB @ w_r.T; dx_h = dC @ w_h.T; dx = dx_z + dx_r + dx_h      # 87-90
dw_z = x.T @ dA; dw_r = x.T @ dB; dw_h = x.T @ dC; dw = np.concatenate([dw_z, dw_r, dw_h], axis=1)  # 93-96
db_z = np.sum(dA, axis=0, keepdims=True); db_r = np.sum(dB, axis=0, keepdims=True)
db_h = np.sum(dC, axis=0, keepdims=True); db = np.concatenate([db_z, db_r, db_h], axis=1)          # 99-102
du_z = hm.T @ dA; du_r = hm.T @ dB; du_h = hm.T @ (dC * sig(B)); du = np.concatenate([du_z, du_r, du_h], axis=1)  # 104-107
pz_z = dA @ u_z.T; pz_r = dB @ u_r.T; pz_h = (dC * sig(B)) @ u_h.T                    # 109-111
dpz = pz_z + pz_r + pz_h + y * sig(A)                                                # 113

gx = fd(lambda X: L(x=X), x); gw = fd(lambda W: L(w=W), w); gb = fd(lambda B_: L(b=B_), b)
gu = fd(lambda U: L(u=U), u); gh = fd(lambda Hm: L(hm=Hm), hm)
assert close(dx, gx) and close(dw, gw) and close(db, gb) and close(du, gu) and close(dpz, gh)
assert close(dx_z, gA @ w_z.T) and close(dx_r, gB @ w_r.T) and close(dx_h, gC @ w_h.T)
for got, ref in [(dw_z, gw[:, :m]), (dw_r, gw[:, m:2*m]), (dw_h, gw[:, 2*m:]),
                 (db_z, gb[:, :m]), (db_r, gb[:, m:2*m]), (db_h, gb[:, 2*m:]),
                 (du_z, gu[:, :m]), (du_r, gu[:, m:2*m]), (du_h, gu[:, 2*m:])]:
    assert close(got, ref)
# dpz pieces: paths through A, B, C and the direct z*hminus term
assert close(pz_z, gA @ u_z.T) and close(pz_r, gB @ u_r.T)
direct = fd(lambda Hm: np.sum(G * (sig(A) * Hm)), hm)
assert close(y * sig(A), direct)
print("backward rows 82-113: pass")
print("all verdicts confirmed")
