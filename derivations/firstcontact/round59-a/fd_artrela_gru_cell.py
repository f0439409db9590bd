# FD check for artrela_gru_cell.md (11-785 S24 HW3P1 GRU cell, 1-D layout, delta = dL/dh_t, shape (h,))
import numpy as np
rng = np.random.default_rng(59005)
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


# activations exactly as in the author's HW3P1/mytorch/nn/activation.py
class Sigmoid:
    def forward(self, Z):
        self.A = Z; self.npVal = np.exp(-self.A); return 1 / (1 + self.npVal)
    def backward(self, dLdA):
        dAdZ = self.npVal / (1 + self.npVal) ** 2; return dAdZ*dLdA
class Tanh:
    def forward(self, Z):
        self.A = Z; self.tanhVal = np.tanh(self.A); return self.tanhVal
    def backward(self, dLdA, state=None):
        if state is not None: return (1 - state*state) * dLdA
        return (1 - self.tanhVal * self.tanhVal) * dLdA

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
self.r = self.r_act.forward( self.Wrx @ x + self.brx + self.Wrh @ h_prev_t + self.brh ); chk(13, self.r, sig(ar0))
self.z = self.z_act.forward( self.Wzx @ x + self.bzx + self.Wzh @ h_prev_t + self.bzh ); chk(14, self.z, sig(P["Wzx"] @ x0 + P["Wzh"] @ h0 + P["bzx"] + P["bzh"]))
self.n = self.h_act.forward( self.Wnx @ x + self.bnx + self.r*(self.Wnh @ h_prev_t + self.bnh) ); chk(15, self.n, np.tanh(P["Wnx"] @ x0 + P["bnx"] + sig(ar0) * (P["Wnh"] @ h0 + P["bnh"])))
h_t = (1 - self.z)*self.n + self.z*h_prev_t; chk(16, h_t, fwd(P, base()))

delta = w.copy()
dz_t = delta * ( -self.n + self.hidden ); chk(60, dz_t, fd("V", "z"))
dn_t = delta * (1 - self.z); chk(63, dn_t, fd("V", "n"))
self.dWnx = self.h_act.backward(dn_t)[:, np.newaxis] @ self.x[np.newaxis, :]; chk(67, self.dWnx, fd("P", "Wnx"))
self.dbnx = self.h_act.backward(dn_t); chk(68, self.dbnx, fd("P", "bnx"))
dr_t = self.h_act.backward(dn_t) * (self.Wnh @ self.hidden + self.bnh); chk(70, dr_t, fd("V", "r"))
self.dWnh = self.h_act.backward(dn_t)[:, np.newaxis] * self.r[:, np.newaxis] @ self.hidden[np.newaxis, :]; chk(73, self.dWnh, fd("P", "Wnh"))
self.dbnh = self.h_act.backward(dn_t) * self.r; chk(74, self.dbnh, fd("P", "bnh"))
self.dWzx = self.z_act.backward(dz_t)[:, np.newaxis] @ self.x[np.newaxis, :]; chk(77, self.dWzx, fd("P", "Wzx"))
self.dbzx = self.z_act.backward(dz_t); chk(78, self.dbzx, fd("P", "bzx"))
self.dWzh = self.z_act.backward(dz_t)[:, np.newaxis] @ self.hidden[np.newaxis, :]; chk(80, self.dWzh, fd("P", "Wzh"))
self.dbzh = self.z_act.backward(dz_t); chk(81, self.dbzh, fd("P", "bzh"))
self.dWrx = self.r_act.backward(dr_t)[:, np.newaxis] @ self.x[np.newaxis, :]; chk(84, self.dWrx, fd("P", "Wrx"))
self.dbrx = self.r_act.backward(dr_t); chk(85, self.dbrx, fd("P", "brx"))
self.dWrh = self.r_act.backward(dr_t)[:, np.newaxis] @ self.hidden[np.newaxis, :]; chk(87, self.dWrh, fd("P", "Wrh"))
self.dbrh = self.r_act.backward(dr_t); chk(88, self.dbrh, fd("P", "brh"))
dnt_dx = self.Wnx.T @ self.h_act.backward(dn_t); chk(91, dnt_dx, fd("V", "x_n"))
dzt_dx = self.Wzx.T @ self.z_act.backward(dz_t); chk(92, dzt_dx, fd("V", "x_z"))
drt_dx = self.Wrx.T @ self.r_act.backward(dr_t); chk(93, drt_dx, fd("V", "x_r"))
dx = dnt_dx + dzt_dx + drt_dx; chk(95, dx, fd_total("x"))
dht_dhprev = delta*self.z; chk(97, dht_dhprev, fd("V", "h_d"))
dnt_dhprev = self.h_act.backward(dn_t) * self.r @ self.Wnh; chk(98, dnt_dhprev, fd("V", "h_n"))
dzt_dhprev = self.z_act.backward(dz_t) @ self.Wzh; chk(99, dzt_dhprev, fd("V", "h_z"))
drt_dhprev = self.r_act.backward(dr_t) @ self.Wrh; chk(100, drt_dhprev, fd("V", "h_r"))
dh_prev_t = dht_dhprev + dnt_dhprev + dzt_dhprev + drt_dhprev; chk(102, dh_prev_t, fd_total("h"))
assert dx.shape == (self.d,) and dh_prev_t.shape == (self.h,)
print(len(results), "rows checked;", sum(results.values()), "pass,", len(results) - sum(results.values()), "fail")
