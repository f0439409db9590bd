# Finite-difference check of the GRU class in ko_ch06_gru_note.md (numpy only).
import numpy as np, re
np.random.seed(2)
md = open(__file__.replace('fd_', '').replace('.py', '.md')).read()
code = re.search(r"```python\n(.*?)```", md, re.S).group(1)
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
exec(code)                       # class GRU exactly as transcribed

N, D, H = 3, 4, 5
Wx = np.random.randn(D, 3 * H) * .6; Wh = np.random.randn(H, 3 * H) * .6
x = np.random.randn(N, D); h = np.random.randn(N, H); up = np.random.randn(N, H)   # L = sum(h_next * up)

def loss():
    g = GRU(Wx, Wh)
    return np.sum(g.forward(x, h) * up)

def fd(P, eps=1e-6):
    gr = np.zeros_like(P); it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; o = P[k]
        P[k] = o + eps; a = loss(); P[k] = o - eps; b = loss(); P[k] = o
        gr[k] = (a - b) / (2 * eps)
    return gr

def report(name, a, b, tol=1e-6):
    r = np.max(np.abs(a - b)) / np.max(np.abs(b))
    print(f"{name:52s} rel.err={r:.2e}  {'AGREE' if r < tol else 'DISAGREE'}")

g = GRU(Wx, Wh); g.forward(x, h); dx, dh_prev = g.backward(up)
fWx, fWh = fd(Wx), fd(Wh)
report("dWxz (l.97)  = Wx[:, :H] block of l.108", g.dWx[:, :H], fWx[:, :H])
report("dWxr (l.105) = Wx[:, H:2H] block", g.dWx[:, H:2*H], fWx[:, H:2*H])
report("dWx  (l.88)  = Wx[:, 2H:] block", g.dWx[:, 2*H:], fWx[:, 2*H:])
report("dWhz (l.95)", g.dWh[:, :H], fWh[:, :H])
report("dWhr (l.103)", g.dWh[:, H:2*H], fWh[:, H:2*H])
report("dWh  (l.86)", g.dWh[:, 2*H:], fWh[:, 2*H:])
report("dx   (l.89 + l.98 + l.106)", dx, fd(x))
report("dh_prev (l.82 + l.90 + l.96 + l.104)", dh_prev, fd(h))

# intermediate quantities against FD w.r.t. the cached activations' pre-images
sig = sigmoid
az = x @ Wx[:, :H] + h @ Wh[:, :H]; ar = x @ Wx[:, H:2*H] + h @ Wh[:, H:2*H]
z, r = sig(az), sig(ar); hh = np.tanh(x @ Wx[:, 2*H:] + (r * h) @ Wh[:, 2*H:])
# dL/dh_hat = up*z (l.81); dL/dz = up*(h_hat - h_prev) (l.93); dL/d(r*h_prev) = dt@Wh.T (l.87); dL/dr = dhr*h_prev (l.101)
eps = 1e-6
def L_of(z_, r_, hh_override=None):
    hh_ = np.tanh(x @ Wx[:, 2*H:] + (r_ * h) @ Wh[:, 2*H:]) if hh_override is None else hh_override
    return np.sum(((1 - z_) * h + z_ * hh_) * up)
dz_fd = np.zeros_like(z); dr_fd = np.zeros_like(r); dhh_fd = np.zeros_like(hh)
for k in np.ndindex(z.shape):
    e = np.zeros_like(z); e[k] = eps
    dz_fd[k] = (L_of(z + e, r) - L_of(z - e, r)) / (2 * eps)
    dr_fd[k] = (L_of(z, r + e) - L_of(z, r - e)) / (2 * eps)
    dhh_fd[k] = (L_of(z, r, hh + e) - L_of(z, r, hh - e)) / (2 * eps)
report("dh_hat (l.81)", up * z, dhh_fd)
report("dz (l.93)", up * hh - up * h, dz_fd)
dt = up * z * (1 - hh ** 2); dhr = dt @ Wh[:, 2*H:].T
report("dr (l.87, l.101)", dhr * h, dr_fd)
