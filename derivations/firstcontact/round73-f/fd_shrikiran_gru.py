"""Finite-difference check of shrikiran_gru.py (shrikiran1999/my-torch-library mytorch/gru_cell.py, CMU 11-785 HW3P1).
Author's conventions: forward on 1-D vectors x (d,), h (h,), W*x (h,d), W*h (h,h), two biases per gate;
r = sig(Wrx x + brx + Wrh h + brh), z = sig(Wzx x + bzx + Wzh h + bzh),
n = tanh(Wnx x + bnx + r*(Wnh h + bnh)), h_t = (1-z)*n + z*h.
Backward: delta is a row (1,h) = dL/dh_t; dz_t, dn_t, dr_t are dL/d(pre-activation) rows (1,h);
dW = (row grad).T @ (row input) -> (h, d) or (h, h); one time step (the cell is only graded per step).
Loss for the check: L = <delta, h_t>.
"""
import numpy as np

rng = np.random.default_rng(1)
d, H = 3, 4
sig = lambda u: 1.0 / (1.0 + np.exp(-u))
P = {k: rng.normal(size=(H, d)) for k in ["Wrx", "Wzx", "Wnx"]}
P.update({k: rng.normal(size=(H, H)) for k in ["Wrh", "Wzh", "Wnh"]})
P.update({k: rng.normal(size=(H,)) for k in ["brx", "bzx", "bnx", "brh", "bzh", "bnh"]})
x = rng.normal(size=(d,)); hprev = rng.normal(size=(H,)); delta = rng.normal(size=(1, H))


def forward(x, h, e=None):
    e = e or {}
    r = sig(P["Wrx"] @ x + P["brx"] + P["Wrh"] @ h + P["brh"] + e.get("r", 0))
    z = sig(P["Wzx"] @ x + P["bzx"] + P["Wzh"] @ h + P["bzh"] + e.get("z", 0))
    n = np.tanh(P["Wnx"] @ x + P["bnx"] + r * (P["Wnh"] @ h + P["bnh"]) + e.get("n", 0))
    h_t = (1 - z) * n + z * h
    return r, z, n, h_t


def L(e=None):
    return float(np.sum(delta * forward(x, hprev, e)[3]))


# author's backward, rows 166-194 as written
r, z, n, _ = forward(x, hprev)
hidden = hprev.reshape((1, H)); xr = x.reshape((1, d))
z_der = z * (1 - z); r_der = r * (1 - r)                 # Sigmoid.derivative() = state*(1-state)
dz_t = delta * (-n + hidden) * z_der
dn_t = delta * (1 - z) * (1 - n ** 2)                     # Tanh.derivative(self.n) = 1 - n**2
dr_t = dn_t * (P["Wnh"] @ hprev + P["bnh"]) * r_der
dh = np.zeros((1, H)); dh += delta * z + (dn_t * r) @ P["Wnh"] + dz_t @ P["Wzh"] + dr_t @ P["Wrh"]
A = {
    "dWnx": dn_t.T @ xr, "dbnx": np.squeeze(dn_t),
    "dWnh": (dn_t * r).T @ hidden, "dbnh": np.squeeze(dn_t * r),
    "dWzx": dz_t.T @ xr, "dbzx": np.squeeze(dz_t), "dWzh": dz_t.T @ hidden, "dbzh": np.squeeze(dz_t),
    "dWrx": dr_t.T @ xr, "dbrx": np.squeeze(dr_t), "dWrh": dr_t.T @ hidden, "dbrh": np.squeeze(dr_t),
}
dx = np.zeros((1, d)); dx += dn_t @ P["Wnx"] + dz_t @ P["Wzx"] + dr_t @ P["Wrx"]


def num_grad(f, X, h=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + h; fp = f()
        X[i] = old - h; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * h)
    return G


def report(name, line, got, want):
    got = np.reshape(got, np.shape(want))
    err = np.max(np.abs(got - want)) / max(1e-12, np.max(np.abs(want)))
    print(f"line {line:4d} {name:22s} rel.err {err:9.2e}  -> {'AGREES' if err < 1e-6 else 'DISAGREES'}")


for key, nm, g, line in [("z", "dz_t (pre-act)", dz_t, 166), ("n", "dn_t (pre-act)", dn_t, 167), ("r", "dr_t (pre-act)", dr_t, 168)]:
    E = np.zeros((H,))
    report(nm, line, g, num_grad(lambda: L({key: E}), E))
report("dh (dL/dh_prev)", 171, dh, num_grad(L, hprev))
for nm, line in [("Wnx", 176), ("bnx", 177), ("Wnh", 179), ("bnh", 180), ("Wzx", 182), ("bzx", 183),
                 ("Wzh", 184), ("bzh", 185), ("Wrx", 188), ("brx", 189), ("Wrh", 190), ("brh", 191)]:
    report("d" + nm, line, A["d" + nm], num_grad(L, P[nm]))
report("dx", 194, dx, num_grad(L, x))
