# FD check for darasiemi_gru_cell.md (11-785 HW3P1-style GRU cell; delta = dL/dh_t as a (1, h) row)
import numpy as np
rng = np.random.default_rng(59007)
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


# activations as in the author's activation.py (derivative() from the stored output)
class Sigmoid:
    def __call__(self, x): self.state = (1 / (1 + np.exp(-x))); return self.state
    def derivative(self): return (self.state) * (1 - self.state)
class Tanh:
    def __call__(self, x): self.state = np.tanh(x); return self.state
    def derivative(self, state=None):
        return 1 - (state**2) if state is not None else 1 - (self.state**2)

class Cell: pass
self = Cell(); self.__dict__.update(P); self.d, self.h = d, H
self.r_act, self.z_act, self.h_act = Sigmoid(), Sigmoid(), Tanh()
results = {}
def chk(line, val, ref, expected="pass"):
    ok = np.allclose(np.asarray(val).reshape(np.shape(ref)), ref, rtol=1e-5, atol=1e-7)
    results[line] = ok
    assert ok == (expected == "pass"), (line, val, ref)
ar0 = P["Wrx"] @ x0 + P["brx"] + P["Wrh"] @ h0 + P["brh"]
az0 = P["Wzx"] @ x0 + P["bzx"] + P["Wzh"] @ h0 + P["bzh"]
self.x = x0.copy(); self.hidden = h0.copy()
self.r = np.dot(self.Wrx,self.x) + self.brx + np.dot(self.Wrh,self.hidden) + self.brh; chk(29, self.r, ar0)
self.r = self.r_act(self.r); chk(31, self.r, sig(ar0))
self.z = np.dot(self.Wzx, self.x)+ self.bzx + np.dot(self.Wzh, self.hidden) + self.bzh; chk(32, self.z, az0)
self.z = self.z_act(self.z); chk(35, self.z, sig(az0))
an0 = P["Wnx"] @ x0 + P["bnx"] + sig(ar0) * (P["Wnh"] @ h0 + P["bnh"])
self.n = np.dot(self.Wnx, self.x) + self.bnx + np.multiply(self.r,(np.dot(self.Wnh,self.hidden )+self.bnh)); chk(36, self.n, an0)
self.n = self.h_act(self.n); chk(37, self.n, np.tanh(an0))
h_t = (np.multiply((1-self.z), self.n)) + (np.multiply(self.z, self.hidden)); chk(38, h_t, fwd(P, base()))

delta = w.reshape(1, H).copy()
dn = np.multiply(delta,(1-self.z)); chk(90, dn, fd("V", "n"))
dz = np.multiply(delta, (self.hidden-self.n)); chk(94, dz, fd("V", "z"))
dr =(dn*self.h_act.derivative())*(np.dot(self.Wnh,self.hidden)+self.bnh); chk(99, dr, fd("V", "r"))
dh = np.multiply(delta, self.z)+\
    (np.dot(self.z_act.derivative()*dz,self.Wzh))+\
    (np.dot(self.r_act.derivative()*dr,self.Wrh))+\
     np.dot(self.r*self.h_act.derivative()*dn,self.Wnh)
chk(107, dh, fd_total("h"))
self.dWnx =(dn*self.h_act.derivative()* self.x.reshape(self.d,1)).T; chk(124, self.dWnx, fd("P", "Wnx"))
self.dbnx = dn*(self.h_act.derivative()); chk(126, self.dbnx, fd("P", "bnx"))
dx  = np.dot((dn*self.h_act.derivative()),self.Wnx)+ np.dot((dz*self.z_act.derivative()),self.Wzx)+np.dot((dr*self.r_act.derivative()),self.Wrx)
chk(127, dx, fd_total("x"))
self.dbnh = np.multiply((dn*self.h_act.derivative()),self.r); chk(128, self.dbnh, fd("P", "bnh"))
self.dWnh = (dn*self.h_act.derivative()*np.multiply(self.r,self.hidden.reshape(self.h,1))).T; chk(129, self.dWnh, fd("P", "Wnh"))
self.dWzx = (dz*self.z_act.derivative()*self.x.reshape(self.d,1)).T; chk(130, self.dWzx, fd("P", "Wzx"))
self.dWrh = (dr*self.r_act.derivative()*self.hidden.reshape(self.h,1)).T; chk(131, self.dWrh, fd("P", "Wrh"))
self.dWrx = (dr*self.r_act.derivative()*self.x.reshape(self.d,1)).T; chk(132, self.dWrx, fd("P", "Wrx"))
self.dWzh = (dz*self.z_act.derivative()*self.hidden.reshape(self.h,1)).T; chk(133, self.dWzh, fd("P", "Wzh"))
self.dbzx = dz*self.z_act.derivative(); chk(134, self.dbzx, fd("P", "bzx"))
self.dbrx = dr*self.r_act.derivative(); chk(135, self.dbrx, fd("P", "brx"))
self.dbrh = dr*self.r_act.derivative(); chk(136, self.dbrh, fd("P", "brh"))
self.dbnx = dn*self.h_act.derivative(); chk(137, self.dbnx, fd("P", "bnx"))
self.dbzh = dz*self.z_act.derivative(); chk(138, self.dbzh, fd("P", "bzh"))
assert dx.shape == (1, self.d) and dh.shape == (1, self.h)
print(len(results), "rows checked;", sum(results.values()), "pass,", len(results) - sum(results.values()), "fail")
