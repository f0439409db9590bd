"""FD check for shastri_11785_hw3p1_gru_cell.md (11-785 HW3P1 GRU cell, 1-D vectors, delta = dL/dh_t)."""
import numpy as np
rng = np.random.default_rng(4)
d, h = 3, 4
eps = 1e-6
class Sigmoid:
    def forward(self, Z): self.A = 1 / (1 + np.exp(-Z)); return self.A
    def backward(self, dLdA): return dLdA * self.A * (1 - self.A)
class Tanh:
    def forward(self, Z): self.A = np.tanh(Z); return self.A
    def backward(self, dLdA): return dLdA * (1 - self.A ** 2)
P = {k: rng.normal(size=s) for k, s in [("Wrx", (h, d)), ("Wzx", (h, d)), ("Wnx", (h, d)), ("Wrh", (h, h)), ("Wzh", (h, h)), ("Wnh", (h, h)),
                                        ("brx", h), ("bzx", h), ("bnx", h), ("brh", h), ("bzh", h), ("bnh", h)]}
x = rng.normal(size=d); hp = rng.normal(size=h); delta = rng.normal(size=h)
sig = lambda z: 1 / (1 + np.exp(-z))
def cell(P, x, hp):   # reference GRU of the 11-785 write-up
    r = sig(P["Wrx"] @ x + P["brx"] + P["Wrh"] @ hp + P["brh"])
    z = sig(P["Wzx"] @ x + P["bzx"] + P["Wzh"] @ hp + P["bzh"])
    n = np.tanh(P["Wnx"] @ x + P["bnx"] + r * (P["Wnh"] @ hp + P["bnh"]))
    return (1 - z) * n + z * hp, r, z, n
Lf = lambda P_, x_, hp_: float(delta @ cell(P_, x_, hp_)[0])   # scalar loss with dL/dh_t = delta
def ng_param(k):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Q = dict(P); A = P[k].copy(); A[idx] += eps; Q[k] = A; lp = Lf(Q, x, hp)
        A = P[k].copy(); A[idx] -= eps; Q[k] = A; lm = Lf(Q, x, hp)
        g[idx] = (lp - lm) / (2 * eps)
    return g
def ng_vec(f, v):
    g = np.zeros_like(v)
    for i in range(v.size):
        e = np.zeros_like(v); e[i] = eps; g[i] = (f(v + e) - f(v - e)) / (2 * eps)
    return g
# ---- author's forward, lines 28-33 ----
r_act, z_act, h_act = Sigmoid(), Sigmoid(), Tanh()
Wrx, Wzx, Wnx, Wrh, Wzh, Wnh = (P[k] for k in ["Wrx", "Wzx", "Wnx", "Wrh", "Wzh", "Wnh"])
brx, bzx, bnx, brh, bzh, bnh = (P[k] for k in ["brx", "bzx", "bnx", "brh", "bzh", "bnh"])
r = r_act.forward(Wrx @ x + brx + Wrh @ hp + brh)                      # line 28
z = z_act.forward(Wzx @ x + bzx + Wzh @ hp + bzh)                      # line 29
n = h_act.forward(Wnx @ x + bnx + r * (Wnh @ hp + bnh))                # line 31
h_t = (1 - z) * n + z * hp                                             # line 33
ref = cell(P, x, hp)
assert np.allclose(h_t, ref[0]) and np.allclose(r, ref[1]) and np.allclose(z, ref[2]) and np.allclose(n, ref[3])
# ---- author's backward, lines 78-134 ----
dn = delta * (1 - z)                        # 78
dz = delta * (hp - n)                       # 79
dh_prev_direct = delta * z                  # 80
da_n = h_act.backward(dn)                   # 84
pre_n_h = Wnh @ hp + bnh                    # 88
dr = da_n * pre_n_h                         # 91
dpre_n_h = da_n * r                         # 94
da_r = r_act.backward(dr)                   # 98
da_z = z_act.backward(dz)                   # 99
xc, hc = x.reshape(-1, 1), hp.reshape(-1, 1)
dWnx = da_n.reshape(-1, 1) @ xc.T           # 112
dWnh = dpre_n_h.reshape(-1, 1) @ hc.T       # 113
dbnx = da_n                                 # 114
dbnh = dpre_n_h                             # 115
dWrx = da_r.reshape(-1, 1) @ xc.T           # 118
dWrh = da_r.reshape(-1, 1) @ hc.T           # 119
dbrx = da_r                                 # 120
dbrh = da_r                                 # 121
dWzx = da_z.reshape(-1, 1) @ xc.T           # 124
dWzh = da_z.reshape(-1, 1) @ hc.T           # 125
dbzx = da_z                                 # 126
dbzh = da_z                                 # 127
dx = Wnx.T @ da_n + Wrx.T @ da_r + Wzx.T @ da_z                                   # 131
dh_prev_t = dh_prev_direct + Wnh.T @ dpre_n_h + Wrh.T @ da_r + Wzh.T @ da_z        # 134
# intermediate rows: compare with FD of the loss wrt the intermediate quantity (others fixed)
Ln = lambda nn: float(delta @ ((1 - z) * nn + z * hp))
Lz = lambda zz: float(delta @ ((1 - zz) * n + zz * hp))
assert np.allclose(dn, ng_vec(Ln, n.copy()), atol=1e-7)                 # 78
assert np.allclose(dz, ng_vec(Lz, z.copy()), atol=1e-7)                 # 79
assert np.allclose(dh_prev_direct, ng_vec(lambda v: float(delta @ ((1 - z) * n + z * v)), hp.copy()), atol=1e-7)  # 80 (direct path)
an = Wnx @ x + bnx + r * pre_n_h
assert np.allclose(da_n, ng_vec(lambda a: Ln(np.tanh(a)), an.copy()), atol=1e-7)   # 84
assert np.allclose(pre_n_h, Wnh @ hp + bnh)                                        # 88
assert np.allclose(dr, ng_vec(lambda rr: Ln(np.tanh(Wnx @ x + bnx + rr * pre_n_h)), r.copy()), atol=1e-7)  # 91
assert np.allclose(dpre_n_h, ng_vec(lambda q: Ln(np.tanh(Wnx @ x + bnx + r * q)), pre_n_h.copy()), atol=1e-7)  # 94
ar = Wrx @ x + brx + Wrh @ hp + brh; az = Wzx @ x + bzx + Wzh @ hp + bzh
assert np.allclose(da_r, ng_vec(lambda a: Ln(np.tanh(Wnx @ x + bnx + sig(a) * pre_n_h)), ar.copy()), atol=1e-7)  # 98
assert np.allclose(da_z, ng_vec(lambda a: Lz(sig(a)), az.copy()), atol=1e-7)       # 99
# parameter rows against full FD
for name, val in [("Wnx", dWnx), ("Wnh", dWnh), ("bnx", dbnx), ("bnh", dbnh), ("Wrx", dWrx), ("Wrh", dWrh), ("brx", dbrx), ("brh", dbrh),
                  ("Wzx", dWzx), ("Wzh", dWzh), ("bzx", dbzx), ("bzh", dbzh)]:
    assert np.allclose(val, ng_param(name), atol=1e-6), name       # 112-127
assert np.allclose(dx, ng_vec(lambda v: Lf(P, v, hp), x.copy()), atol=1e-6)        # 131
assert np.allclose(dh_prev_t, ng_vec(lambda v: Lf(P, x, v), hp.copy()), atol=1e-6)  # 134
print("fd_shastri_11785_hw3p1_gru_cell: all assertions hold")
