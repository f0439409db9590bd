# FD check for jyan1237_gru_cell.md (11-785 hw3p1 GRU cell, column/1-D layout, delta = dL/dh_t, shape (h,))
import numpy as np
rng = np.random.default_rng(59001)
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
for k in ["dWrx","dWzx","dWnx"]: setattr(self, k, np.zeros((H, d)))
for k in ["dWrh","dWzh","dWnh"]: setattr(self, k, np.zeros((H, H)))
for k in ["dbrx","dbzx","dbnx","dbrh","dbzh","dbnh"]: setattr(self, k, np.zeros(H))
x, h_prev_t = x0.copy(), h0.copy()
results = {}
def chk(line, val, ref, expected="pass"):
    ok = np.allclose(np.asarray(val).reshape(np.shape(ref)), ref, rtol=1e-5, atol=1e-7)
    results[line] = ok
    assert ok == (expected == "pass"), (line, val, ref)

# forward (note lines 30-34)
self.x = x; self.hidden = h_prev_t
self.r = self.r_act.forward(self.Wrx @ x + self.brx + self.Wrh @ h_prev_t + self.brh)
chk(30, self.r, sig(P["Wrx"] @ x0 + P["Wrh"] @ h0 + P["brx"] + P["brh"]))
self.z = self.z_act.forward(self.Wzx @ x + self.bzx + self.Wzh @ h_prev_t + self.bzh)
chk(31, self.z, sig(P["Wzx"] @ x0 + P["Wzh"] @ h0 + P["bzx"] + P["bzh"]))
self.r_help = self.Wnh @ h_prev_t + self.bnh
chk(32, self.r_help, P["Wnh"] @ h0 + P["bnh"])
self.n = self.h_act.forward(self.Wnx @ x + self.bnx + self.r * self.r_help)
rr = sig(P["Wrx"] @ x0 + P["Wrh"] @ h0 + P["brx"] + P["brh"])
chk(33, self.n, np.tanh(P["Wnx"] @ x0 + P["bnx"] + rr * (P["Wnh"] @ h0 + P["bnh"])))
h_t = (1 - self.z) * self.n + self.z * h_prev_t
chk(34, h_t, fwd(P, base()))

# backward (note lines 87-126)
delta = w.copy()
dx = np.zeros((self.d)); dh_prev_t = np.zeros((self.h))
x = self.x.reshape(-1, 1); h_prev = self.hidden.reshape(-1, 1)
dz = delta * (-self.n + self.hidden); chk(87, dz, fd("V", "z"))
dz = self.z_act.backward(dz).reshape(-1, 1); chk(88, dz, fd("V", "az"))
dn = delta * (1 - self.z); chk(90, dn, fd("V", "n"))
dn = self.h_act.backward(dn, state=self.n).reshape(-1, 1); chk(91, dn, fd("V", "an"))
c = delta * self.z; dh_prev_t += c; chk(93, c, fd("V", "h_d"))
self.dWnx += dn @ x.T; chk(96, self.dWnx, fd("P", "Wnx"))
self.dbnx += dn.flatten(); chk(97, self.dbnx, fd("P", "bnx"))
self.dWnh += (dn * self.r.reshape(-1, 1)) @ h_prev.T; chk(99, self.dWnh, fd("P", "Wnh"))
self.dbnh += dn.flatten() * self.r; chk(100, self.dbnh, fd("P", "bnh"))
c = (dn.T @ self.Wnx).flatten(); dx += c; chk(102, c, fd("V", "x_n"))
c = ((dn.T * self.r.reshape(1, -1)) @ self.Wnh).flatten(); dh_prev_t += c; chk(103, c, fd("V", "h_n"))
dr = dn.flatten() * self.r_help; chk(105, dr, fd("V", "r"))
dr = self.r_act.backward(dr).reshape(-1,1); chk(106, dr, fd("V", "ar"))
self.dWzx += dz @ x.T; chk(109, self.dWzx, fd("P", "Wzx"))
self.dbzx += dz.flatten(); chk(110, self.dbzx, fd("P", "bzx"))
self.dWzh += dz @ h_prev.T; chk(112, self.dWzh, fd("P", "Wzh"))
self.dbzh += dz.flatten(); chk(113, self.dbzh, fd("P", "bzh"))
c = (dz.T @ self.Wzx).flatten(); dx += c; chk(115, c, fd("V", "x_z"))
c = (dz.T @ self.Wzh).flatten(); dh_prev_t += c; chk(116, c, fd("V", "h_z"))
self.dWrx += dr @ x.T; chk(119, self.dWrx, fd("P", "Wrx"))
self.dbrx += dr.flatten(); chk(120, self.dbrx, fd("P", "brx"))
self.dWrh += dr @ h_prev.T; chk(122, self.dWrh, fd("P", "Wrh"))
self.dbrh += dr.flatten(); chk(123, self.dbrh, fd("P", "brh"))
c = (dr.T @ self.Wrx).flatten(); dx += c; chk(125, c, fd("V", "x_r"))
c = (dr.T @ self.Wrh).flatten(); dh_prev_t += c; chk(126, c, fd("V", "h_r"))
assert np.allclose(dx, fd_total("x"), atol=1e-7) and np.allclose(dh_prev_t, fd_total("h"), atol=1e-7)
print(len(results), "rows checked;", sum(results.values()), "pass,", len(results) - sum(results.values()), "fail")
