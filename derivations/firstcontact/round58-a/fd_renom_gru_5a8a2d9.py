"""FD check of ReNom gru.py @5a8a2d9 (pre-"Fixed GRU behaviour"): diagonal recurrent weights u (1, 3m),
forward h = sigmoid(A) + tanh(C).  Backward rows are judged against the forward AS WRITTEN; the forward
state row (line 45) is judged against the GRU the docstring cites (Cho et al. 2014)."""
import numpy as np

rng = np.random.RandomState(1)
N, D, m = 3, 4, 3
sig = lambda a: 1 / (1 + np.exp(-a))
sigmoid_diff = lambda a: sig(a) * (1 - sig(a))
tanh_diff = lambda a: 1.0 - np.tanh(a) ** 2

x = rng.randn(N, D); hm = rng.randn(N, m) * 0.7
w = rng.randn(D, 3 * m) * 0.6; u = rng.randn(1, 3 * m) * 0.8; b = rng.randn(1, 3 * m) * 0.3
G = rng.randn(N, m)          # dy = dL/dh for L = sum(G * h)


def fwd(x, hm, w, u, b, variant="as_written"):
    w_z, w_r, w_h = np.split(w, [m, 2 * m], axis=1)
    u_z, u_r, u_h = np.split(u, [m, 2 * m], axis=1)
    b_z, b_r, b_h = np.split(b, [m, 2 * m], axis=1)
    A = x @ w_z + hm * u_z + b_z                     # line 41
    B = x @ w_r + u_r * hm + b_r                     # line 42
    C = x @ w_h + sig(B) * u_h * hm + b_h            # line 43
    if variant == "as_written":
        return sig(A) + np.tanh(C), A, B, C          # line 45
    return sig(A) * hm + (1 - sig(A)) * np.tanh(C), A, B, C   # Cho et al. interpolation


def L(x=x, hm=hm, w=w, u=u, b=b):
    return np.sum(G * fwd(x, hm, w, u, b)[0])


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

# forward: A,B,C rows = GRU pre-activations with elementwise (diagonal) recurrent weights, as the
# (1, 3m) parameter shape defines; the b is None branch (36-38) is the same with b = 0.
h0, A0, B0, C0 = fwd(x, hm, w, u, np.zeros_like(b))
assert close(A0, x @ w_z + hm * u_z) and close(B0, x @ w_r + u_r * hm) and close(C0, x @ w_h + sig(B0) * u_h * hm)
# line 45 vs the GRU: not an interpolation of hminus and the candidate
h_gru = fwd(x, hm, w, u, b, variant="gru")[0]
assert not close(h, h_gru)
print("line 45: fail (h = sigmoid(A) + tanh(C) is not the GRU update z*h_prev + (1-z)*tanh(C))")

# derivative helpers (lines 5, 9)
eps = 1e-6
assert close(sigmoid_diff(A), (sig(A + eps) - sig(A - eps)) / (2 * eps))
assert close(tanh_diff(C), (np.tanh(C + eps) - np.tanh(C - eps)) / (2 * eps))

# backward rows verbatim (lines 86-117), y = dy = G
y = G
dA = sigmoid_diff(A); dB = sigmoid_diff(B); dC = tanh_diff(C)
dx_z = (y * dA) @ w_z.T
dx_r = (y * dB * dC * u_h * hm) @ w_r.T
dx_h = (y * dC) @ w_h.T
dx = dx_z + dx_r + dx_h
dw_z = x.T @ (y * dA); dw_r = x.T @ (y * dB * dC * u_h * hm); dw_h = x.T @ (y * dC)
dw = np.concatenate([dw_z, dw_r, dw_h], axis=1)
db_z = np.sum(y * dA, axis=0, keepdims=True)
db_r = np.sum(y * dB * dC * u_h * hm, axis=0, keepdims=True)
db_h = np.sum(y * dC, axis=0, keepdims=True)
db = np.concatenate([db_z, db_r, db_h], axis=1)
du_z = np.sum(dA * hm * y, axis=0, keepdims=True)
du_r = np.sum(y * dC * dB * u_h * hm * hm, axis=0, keepdims=True)
du_h = np.sum(sig(B) * dC * y * hm, axis=0, keepdims=True)
du = np.concatenate([du_z, du_r, du_h], axis=1)
pz_z = y * dA * u_z
pz_r = y * dC * dB * u_h * hm * u_r
pz_h = y * dC * sig(B) * u_h
dpz = pz_z + pz_r + pz_h

gx = fd(lambda X: L(x=X), x); gw = fd(lambda W: L(w=W), w); gb = fd(lambda B_: L(b=B_), b)
gu = fd(lambda U: L(u=U), u); gh = fd(lambda Hm: L(hm=Hm), hm)
assert close(dx, gx) and close(dw, gw) and close(db, gb) and close(du, gu) and close(dpz, gh)
# pieces: each block equals the FD gradient of the corresponding block
for got, ref in [(dw_z, gw[:, :m]), (dw_r, gw[:, m:2*m]), (dw_h, gw[:, 2*m:]),
                 (db_z, gb[:, :m]), (db_r, gb[:, m:2*m]), (db_h, gb[:, 2*m:]),
                 (du_z, gu[:, :m]), (du_r, gu[:, m:2*m]), (du_h, gu[:, 2*m:])]:
    assert close(got, ref)
# dx pieces: contributions through A, B, C respectively (FD with taps on the pre-activations)
gA = fd(lambda a: np.sum(G * (sig(a) + np.tanh(C))), A)
assert close(y * dA, gA) and close(dx_z, gA @ w_z.T)
gC = fd(lambda c: np.sum(G * (sig(A) + np.tanh(c))), C)
assert close(y * dC, gC) and close(dx_h, gC @ w_h.T)
gB = fd(lambda bb: np.sum(G * (sig(A) + np.tanh(x @ w_h + sig(bb) * u_h * hm + np.split(b, [m, 2*m], axis=1)[2]))), B)
assert close(y * dB * dC * u_h * hm, gB) and close(dx_r, gB @ w_r.T)
print("backward rows 86-117: pass against the forward as written")

# against the real GRU interpolation the same backward is wrong (documents why line 45 matters)
gx_gru = fd(lambda X: np.sum(G * fwd(X, hm, w, u, b, "gru")[0]), x)
assert not close(dx, gx_gru)
print("all verdicts confirmed")
