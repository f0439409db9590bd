# FD check for q3net_gru_numpy.py: runs the transcribed forward_gru/backward_gru/activation unchanged
# (row-vector layout, batch N), loss L = sum(C * h_T) so that delta = dL/dh_T = C (many-to-one, as in the source).
import numpy as np, os
ns = {"np": np}
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "q3net_gru_numpy.py")).read(), ns)
Q3NET = ns["Q3NET"]
rng = np.random.default_rng(3)
N, T, D, H = 2, 4, 3, 5
net = Q3NET.__new__(Q3NET); net.size = [D, H]
p = {}
for g in "zrh":
    p["W" + g] = rng.normal(size=(D, H)) * 0.6
    p["U" + g] = rng.normal(size=(H, H)) * 0.6
    p["b" + g] = rng.normal(size=(1, H)) * 0.3
X = rng.normal(size=(N, T, D)); C = rng.normal(size=(N, H))
loss = lambda: float(np.sum(C * net.forward_gru(X, p)[0]))
hT, cache = net.forward_gru(X, p)
grads = net.backward_gru(X, cache, p, C.copy())
rel = lambda a, b: np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
eps = 1e-6
num = {}
for k in p:
    num[k] = np.zeros_like(p[k])
    for idx in np.ndindex(p[k].shape):
        old = p[k][idx]; p[k][idx] = old + eps; lp = loss(); p[k][idx] = old - eps; lm = loss(); p[k][idx] = old
        num[k][idx] = (lp - lm) / (2 * eps)
print("author's backward_gru vs central differences (T=4):")
for k in ["Wz", "Uz", "bz", "Wr", "Ur", "br", "Wh", "Uh", "bh"]:
    r = rel(grads[k], num[k]); print(f"  d{k}: rel err {r:.2e} -> {'AGREE' if r < 1e-6 else 'DISAGREE'}")

# T=1 isolates the per-step rows (no delta recursion, h_prev = 0 -> also check with nonzero h0 by hand below)
print("single step with nonzero h_prev (per-step rows 104-119, recursion rows 123-127):")
h0 = rng.normal(size=(N, H)); x = rng.normal(size=(N, D)); delta = rng.normal(size=(N, H))
sig = lambda u: 1 / (1 + np.exp(-u))
def step(hp, q):
    z = sig(x @ q["Wz"] + hp @ q["Uz"] + q["bz"]); r = sig(x @ q["Wr"] + hp @ q["Ur"] + q["br"])
    ht = np.tanh(x @ q["Wh"] + (r * hp) @ q["Uh"] + q["bh"])
    return (1 - z) * hp + z * ht, z, r, ht
hn, z, r, ht = step(h0, p)
z_d, r_d, ht_d = z * (1 - z), r * (1 - r), 1 - ht ** 2
dz = delta * (ht - h0) * z_d                       # 104
dh_tilde = delta * z * ht_d                        # 105
dr = (dh_tilde @ p["Uh"].T) * h0 * r_d             # 106
rows = {"Wz (109)": x.T @ dz, "Uz (110)": h0.T @ dz, "bz (111)": dz.sum(0, keepdims=True),
        "Wr (113)": x.T @ dr, "Ur (114)": h0.T @ dr, "br (115)": dr.sum(0, keepdims=True),
        "Wh (117)": x.T @ dh_tilde, "Uh (118)": h0.T @ dh_tilde, "bh (119)": dh_tilde.sum(0, keepdims=True)}
f1 = lambda q: float(np.sum(delta * step(h0, q)[0]))
for name, v in rows.items():
    k = name.split()[0]; numk = np.zeros_like(p[k])
    for idx in np.ndindex(p[k].shape):
        old = p[k][idx]; p[k][idx] = old + eps; lp = f1(p); p[k][idx] = old - eps; lm = f1(p); p[k][idx] = old
        numk[idx] = (lp - lm) / (2 * eps)
    rr = rel(v, numk); print(f"  d{name}: rel err {rr:.2e} -> {'AGREE' if rr < 1e-6 else 'DISAGREE'}")
# dUh corrected
k = "Uh"; numk = np.zeros_like(p[k])
for idx in np.ndindex(p[k].shape):
    old = p[k][idx]; p[k][idx] = old + eps; lp = f1(p); p[k][idx] = old - eps; lm = f1(p); p[k][idx] = old
    numk[idx] = (lp - lm) / (2 * eps)
print(f"  dUh with (r*h_prev).T @ dh_tilde (corrected 118): rel err {rel((r * h0).T @ dh_tilde, numk):.2e}")
# delta recursion: dL/dh_prev for one step
numh = np.zeros_like(h0)
for idx in np.ndindex(h0.shape):
    e = np.zeros_like(h0); e[idx] = eps
    numh[idx] = (np.sum(delta * step(h0 + e, p)[0]) - np.sum(delta * step(h0 - e, p)[0])) / (2 * eps)
d1 = delta * (1 - z)                                             # 123
d2 = dz @ p["Uz"].T                                              # 124
d3 = (dh_tilde @ p["Uh"].T) * (r + h0 * (r_d @ p["Ur"].T))       # 125
d3_fix = (dh_tilde @ p["Uh"].T) * r + dr @ p["Ur"].T
print(f"  delta = d1+d2+d3 (127) vs FD dL/dh_prev: rel err {rel(d1 + d2 + d3, numh):.2e}")
print(f"  with d3 -> (dh_tilde@Uh.T)*r + dr@Ur.T:   rel err {rel(d1 + d2 + d3_fix, numh):.2e}")
# activation helper derivatives
u = np.linspace(-2, 2, 9)
a, d = net.activation(u, "tanh"); print(f"  tanh derivative (147): {rel(d, (np.tanh(u+eps)-np.tanh(u-eps))/(2*eps)):.1e}")
a, d = net.activation(u, "sigmoid"); print(f"  sigmoid derivative (152): {rel(d, (sig(u+eps)-sig(u-eps))/(2*eps)):.1e}")
