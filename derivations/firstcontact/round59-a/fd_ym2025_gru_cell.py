# FD check for ym2025_gru_cell.md (11-785 S24 HW3P1 GRU cell, 1-D layout, delta = dL/dh_t, shape (h,))
import numpy as np
rng = np.random.default_rng(59004)
d, H = 4, 5
P = {k: rng.standard_normal((H, d)) for k in ["Wrx", "Wzx", "Wnx"]}
P.update({k: rng.standard_normal((H, H)) for k in ["Wrh", "Wzh", "Wnh"]})
P.update({k: rng.standard_normal(H) for k in ["brx", "bzx", "bnx", "brh", "bzh", "bnh"]})
x0 = rng.standard_normal(d); h0 = rng.standard_normal(H); w = rng.standard_normal(H)
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
NODES = ["ar", "r", "az", "z", "rh", "an", "n"]
def fwd(P, V):
    # V: path copies of x/h and node offsets
    ar = P["Wrx"] @ V["x_r"] + P["brx"] + P["Wrh"] @ V["h_r"] + P["brh"] + V["ar"]
    r = sig(ar) + V["r"]
    az = P["Wzx"] @ V["x_z"] + P["bzx"] + P["Wzh"] @ V["h_z"] + P["bzh"] + V["az"]
    z = sig(az) + V["z"]
    rh = P["Wnh"] @ V["h_n"] + P["bnh"] + V["rh"]
    an = P["Wnx"] @ V["x_n"] + P["bnx"] + r * rh + V["an"]
    n = np.tanh(an) + V["n"]
    ht = (1 - z) * n + z * V["h_d"]
    return ht
def base():
    V = {k: np.zeros(H) for k in NODES}
    V.update(x_r=x0.copy(), x_z=x0.copy(), x_n=x0.copy(), h_r=h0.copy(), h_z=h0.copy(), h_n=h0.copy(), h_d=h0.copy())
    return V
def L(P, V): return float(w @ fwd(P, V))
def fd(kind, key, eps=1e-6):
    P2 = {k: v.copy() for k, v in P.items()}; V2 = base()
    tgt = P2 if kind == "P" else V2
    g = np.zeros_like(tgt[key])
    for i in np.ndindex(g.shape):
        o = tgt[key][i]
        tgt[key][i] = o + eps; lp = L(P2, V2)
        tgt[key][i] = o - eps; lm = L(P2, V2)
        tgt[key][i] = o; g[i] = (lp - lm) / (2 * eps)
    return g
def fd_total(which, eps=1e-6):
    g = np.zeros(d if which == "x" else H)
    keys = ["x_r", "x_z", "x_n"] if which == "x" else ["h_r", "h_z", "h_n", "h_d"]
    for i in range(g.size):
        for s in (+1, -1):
            V2 = base()
            for k in keys: V2[k][i] += s * eps
            g[i] += s * L(P, V2)
        g[i] /= 2 * eps
    return g

# --- handout-style activations (backward multiplies by derivative at stored state)
class Sigmoid:
    def forward(self, Z):
        self.A = Z; self.npVal = np.exp(-self.A); return 1 / (1 + self.npVal)
    def backward(self, dLdA):
        return dLdA * self.npVal / (1 + self.npVal) ** 2
class Tanh:
    def forward(self, Z): self.A = np.tanh(Z); return self.A
    def backward(self, dLdA, state=None):
        s = self.A if state is None else state
        return dLdA * (1 - s ** 2)


class Cell: pass
self = Cell(); self.__dict__.update(P); self.d, self.h = d, H
self.r_act, self.z_act, self.h_act = Sigmoid(), Sigmoid(), Tanh()
results = {}
def chk(line, val, ref, expected="pass"):
    ok = np.allclose(np.asarray(val).reshape(np.shape(ref)), ref, rtol=1e-5, atol=1e-7)
    results[line] = ok
    assert ok == (expected == "pass"), (line, val, ref)
ar0 = P["Wrx"] @ x0 + P["brx"] + P["Wrh"] @ h0 + P["brh"]
x, h_prev_t = x0.copy(), h0.copy()
self.x = x; self.hidden = h_prev_t
self.r = self.r_act.forward(self.Wrx @ x + self.brx + self.Wrh @ h_prev_t + self.brh); chk(24, self.r, sig(ar0))
self.z = self.z_act.forward(self.Wzx @ x + self.bzx + self.Wzh @ h_prev_t + self.bzh); chk(26, self.z, sig(P["Wzx"] @ x0 + P["Wzh"] @ h0 + P["bzx"] + P["bzh"]))
self.n = self.h_act.forward(self.Wnx @ x + self.bnx + self.r * (self.Wnh @ h_prev_t + self.bnh)); chk(28, self.n, np.tanh(P["Wnx"] @ x0 + P["bnx"] + sig(ar0) * (P["Wnh"] @ h0 + P["bnh"])))
h_t = (1 - self.z) * self.n + self.z * h_prev_t; chk(30, h_t, fwd(P, base()))

delta = w.copy()
dz = delta * (-self.n + self.hidden); chk(64, dz, fd("V", "z"))
dn = delta * (1 - self.z); chk(66, dn, fd("V", "n"))
dtanh = self.h_act.backward(dn, state=self.n); chk(69, dtanh, fd("V", "an"))
self.dWnx = np.expand_dims(dtanh, axis=1) @ np.expand_dims(self.x, axis=1).T; chk(70, self.dWnx, fd("P", "Wnx"))
self.dbnx = dtanh; chk(71, self.dbnx, fd("P", "bnx"))
dr = dtanh * (self.Wnh @ self.hidden + self.bnh); chk(72, dr, fd("V", "r"))
# python precedence: A * B @ C == (A * B) @ C
self.dWnh = np.expand_dims(dtanh, axis=1) * np.expand_dims(self.r, axis=1) @ np.expand_dims(self.hidden, axis=1).T; chk(73, self.dWnh, fd("P", "Wnh"))
self.dbnh = dtanh * self.r; chk(74, self.dbnh, fd("P", "bnh"))
dsigz = self.z_act.backward(dz); chk(77, dsigz, fd("V", "az"))
self.dWzx = np.expand_dims(dsigz, axis=1) @ np.expand_dims(self.x, axis=1).T; chk(78, self.dWzx, fd("P", "Wzx"))
self.dbzx = dsigz; chk(79, self.dbzx, fd("P", "bzx"))
self.dWzh = np.expand_dims(dsigz, axis=1) * np.expand_dims(self.hidden, axis=1).T; chk(80, self.dWzh, fd("P", "Wzh"))
self.dbzh = dsigz; chk(81, self.dbzh, fd("P", "bzh"))
dsigr = self.r_act.backward(dr); chk(84, dsigr, fd("V", "ar"))
self.dWrx = np.expand_dims(dsigr, axis=1) @ np.expand_dims(self.x, axis=1).T; chk(85, self.dWrx, fd("P", "Wrx"))
self.dbrx = dsigr; chk(86, self.dbrx, fd("P", "brx"))
self.dWrh = np.expand_dims(dsigr, axis=1) * np.expand_dims(self.hidden, axis=1).T; chk(87, self.dWrh, fd("P", "Wrh"))
self.dbrh = dsigr; chk(88, self.dbrh, fd("P", "brh"))
dx = np.squeeze((np.expand_dims(dtanh, axis=1).T @ self.Wnx + np.expand_dims(dsigz, axis=1).T @ self.Wzx + np.expand_dims(dsigr, axis=1).T @ self.Wrx).T)
chk(91, dx, fd_total("x"))
dh_prev_t = delta * self.z + dtanh * self.r @ self.Wnh + dsigz @ self.Wzh + dsigr @ self.Wrh
chk(93, dh_prev_t, fd_total("h"))
assert dx.shape == (self.d,) and dh_prev_t.shape == (self.h,)
print(len(results), "rows checked;", sum(results.values()), "pass,", len(results) - sum(results.values()), "fail")
