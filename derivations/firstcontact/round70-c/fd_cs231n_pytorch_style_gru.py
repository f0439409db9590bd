# Finite-difference check of the PyTorch-form GRU in search-index file 48996011431 (numpy only).
# The author's code is executed verbatim from the python fences of cs231n_pytorch_style_gru.md.
import re, os, numpy as np
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cs231n_pytorch_style_gru.md'), encoding='utf-8').read()
ns = {}; exec("\n".join(re.findall(r"```python\n(.*?)```", src, re.S)), ns)
sigmoid, gsf, gsb, gf, gb = (ns[k] for k in ('sigmoid', 'gru_step_forward', 'gru_step_backward', 'gru_forward', 'gru_backward'))
rng = np.random.default_rng(3)
def num_grad(f, X, h=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        old = X[i]; X[i] = old + h; fp = f(); X[i] = old - h; fm = f(); X[i] = old; g[i] = (fp - fm) / (2 * h)
    return g
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def report(line, name, a, b):
    r = rel(a, b); print(f"line {line:4d} {name:44s} rel.err {r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")

xs = rng.normal(size=(3, 4)) * 4
report(29, "sigmoid == 1/(1+exp(-x))", sigmoid(xs), 1 / (1 + np.exp(-xs)))
N, D, H, T = 3, 4, 5, 4
x = rng.normal(size=(N, D)); h0 = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, 3 * H)) * .6; Wh = rng.normal(size=(H, 3 * H)) * .6
bx = rng.normal(size=3 * H); bh = rng.normal(size=3 * H); dnext = rng.normal(size=(N, H))
nh, cache = gsf(x, h0, Wx, Wh, bx, bh)
_, _, _, _, _, _, _, r, z, n, n_h = cache
# forward rows against an independent re-statement of the PyTorch GRU
r_ = 1/(1+np.exp(-(x@Wx[:, :H] + bx[:H] + h0@Wh[:, :H] + bh[:H])))
z_ = 1/(1+np.exp(-(x@Wx[:, H:2*H] + bx[H:2*H] + h0@Wh[:, H:2*H] + bh[H:2*H])))
nn_ = np.tanh(x@Wx[:, 2*H:] + bx[2*H:] + r_ * (h0@Wh[:, 2*H:] + bh[2*H:]))
report(64, "r", r, r_); report(65, "z", z, z_); report(67, "n", n, nn_); report(68, "next_h", nh, (1-z_)*h0 + z_*nn_)
# intermediate rows, recomputed as written, against FD wrt the intermediate variable
Lout = lambda z_, n_, hp: np.sum(((1 - z_) * hp + z_ * n_) * dnext)
nv = n.copy(); report(98, "dn = dnext_h*z  (dL/dn)", dnext * z, num_grad(lambda: Lout(z, nv, h0), nv))
hp = h0.copy(); report(99, "dh = (1-z)*dnext_h (direct path)", (1 - z) * dnext, num_grad(lambda: Lout(z, n, hp), hp))
pre_n = x @ Wx[:, 2*H:] + bx[2*H:] + n_h * r
dna = dnext * z * (1 - np.square(n))
report(100, "dna (dL/d n-preact)", dna, num_grad(lambda: Lout(z, np.tanh(pre_n), h0), pre_n))
nhv = n_h.copy(); report(101, "dn_h = dna*r (dL/d n_h)", dna * r, num_grad(lambda: Lout(z, np.tanh(x@Wx[:, 2*H:] + bx[2*H:] + nhv * r), h0), nhv))
zv = z.copy(); report(102, "dz = (n-prev_h)*dnext_h (dL/dz)", (n - h0) * dnext, num_grad(lambda: Lout(zv, n, h0), zv))
rv = r.copy(); report(103, "dr = n_h*dna (dL/dr)", n_h * dna, num_grad(lambda: Lout(z, np.tanh(x@Wx[:, 2*H:] + bx[2*H:] + n_h * rv), h0), rv))
A = x @ Wx[:, :2*H] + bx[:2*H] + h0 @ Wh[:, :2*H] + bh[:2*H]
def LA(A_):
    r_ = sigmoid(A_[:, :H]); z_ = sigmoid(A_[:, H:])
    return Lout(z_, np.tanh(x@Wx[:, 2*H:] + bx[2*H:] + n_h * r_), h0)
darz = np.concatenate([n_h * dna * r * (1 - r), (n - h0) * dnext * z * (1 - z)], axis=1)
report(107, "darz = [dar, daz] (l.104,105,107)", darz, num_grad(lambda: LA(A), A))
# step outputs vs FD of L = sum(next_h * dnext)
dx, dh, dWx, dWh, dbx, dbh = gsb(dnext, cache)
L = lambda: np.sum(gsf(x, h0, Wx, Wh, bx, bh)[0] * dnext)
gx, gh0, gWx, gWh, gbx, gbh = (num_grad(L, v) for v in (x, h0, Wx, Wh, bx, bh))
report(113, "dx (l.108 + l.113)", dx, gx); report(114, "dprev_h (l.99 + l.109 + l.114)", dh, gh0)
report(116, "dWx[:, :2H]", dWx[:, :2*H], gWx[:, :2*H]); report(117, "dWh[:, :2H]", dWh[:, :2*H], gWh[:, :2*H])
report(119, "dWx[:, 2H:3H]", dWx[:, 2*H:], gWx[:, 2*H:]); report(120, "dWh[:, 2H:3H]", dWh[:, 2*H:], gWh[:, 2*H:])
report(110, "dbx[:2H]", dbx[:2*H], gbx[:2*H]); report(111, "dbh[:2H]", dbh[:2*H], gbh[:2*H])
report(121, "dbx[2H:3H]", dbx[2*H:], gbx[2*H:]); report(122, "dbh[2H:3H]", dbh[2*H:], gbh[2*H:])
# sequence
X = rng.normal(size=(N, T, D)); dH = rng.normal(size=(N, T, H))
hs, c = gf(X, h0, Wx, Wh, bx, bh)
dX, dh0, dWx, dWh, dbx, dbh = gb(dH, c)
L = lambda: np.sum(gf(X, h0, Wx, Wh, bx, bh)[0] * dH)
report(195, "gru_backward dx (BPTT, l.194 carry)", dX, num_grad(L, X)); report(200, "gru_backward dh0", dh0, num_grad(L, h0))
report(196, "gru_backward dWx (summed)", dWx, num_grad(L, Wx)); report(197, "gru_backward dWh (summed)", dWh, num_grad(L, Wh))
report(198, "gru_backward dbx (summed)", dbx, num_grad(L, bx)); report(199, "gru_backward dbh (summed)", dbh, num_grad(L, bh))
