# FD check for ramanathan_gru_cell.md (11-785 hw3p1 GRU cell; delta = dL/dh_t as a (1, h) row)
import numpy as np
rng = np.random.default_rng(59002)
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

# --- hw3 handout activations as used by this author: __call__ = forward, backward() -> local derivative
class Sigmoid:
    def __call__(self, Z): self.A = 1 / (1 + np.exp(-Z)); return self.A
    def backward(self): return self.A * (1 - self.A)
class Tanh:
    def __call__(self, Z): self.A = np.tanh(Z); return self.A
    def backward(self, state=None):
        s = self.A if state is None else state
        return 1 - s ** 2

class Cell: pass
self = Cell(); self.__dict__.update(P); self.d, self.h = d, H
self.r_act, self.z_act, self.h_act = Sigmoid(), Sigmoid(), Tanh()
for k in ["dWrx","dWzx","dWnx"]: setattr(self, k, np.zeros((H, d)))
for k in ["dWrh","dWzh","dWnh"]: setattr(self, k, np.zeros((H, H)))
for k in ["dbrx","dbzx","dbnx","dbrh","dbzh","dbnh"]: setattr(self, k, np.zeros(H))
results = {}
def chk(line, val, ref, expected="pass"):
    ok = np.allclose(np.asarray(val).reshape(np.shape(ref)), ref, rtol=1e-5, atol=1e-7)
    results[line] = ok
    assert ok == (expected == "pass"), (line, val, ref)
def nderiv(f, a, eps=1e-6): return (f(a + eps) - f(a - eps)) / (2 * eps)

ar0 = P["Wrx"] @ x0 + P["brx"] + P["Wrh"] @ h0 + P["brh"]
az0 = P["Wzx"] @ x0 + P["bzx"] + P["Wzh"] @ h0 + P["bzh"]
# forward (note lines 30-45)
self.x = x0.copy(); self.hidden = h0.copy()
rx = np.matmul(self.Wrx, self.x) + self.brx; chk(30, rx, P["Wrx"] @ x0 + P["brx"])
rh = np.matmul(self.Wrh, self.hidden) + self.brh; chk(31, rh, P["Wrh"] @ h0 + P["brh"])
zx = np.matmul(self.Wzx, self.x) + self.bzx; chk(33, zx, P["Wzx"] @ x0 + P["bzx"])
zh = np.matmul(self.Wzh, self.hidden) + self.bzh; chk(34, zh, P["Wzh"] @ h0 + P["bzh"])
nx = np.matmul(self.Wnx, self.x) + self.bnx; chk(36, nx, P["Wnx"] @ x0 + P["bnx"])
self.nh = np.matmul(self.Wnh, self.hidden) + self.bnh; chk(37, self.nh, P["Wnh"] @ h0 + P["bnh"])
self.r = self.r_act(rx+rh); chk(39, self.r, sig(ar0))
self.z = self.z_act(zx+zh); chk(41, self.z, sig(az0))
self.n = self.h_act((nx+(self.r * self.nh))); chk(43, self.n, np.tanh(P["Wnx"] @ x0 + P["bnx"] + sig(ar0) * (P["Wnh"] @ h0 + P["bnh"])))
h_t = ((1- self.z)*self.n) + (self.z *self.hidden); chk(45, h_t, fwd(P, base()))

# backward (note lines 97-150); delta is a (1, hidden) row = dL/dh_t
delta = w.reshape(1, H).copy()
da_r = self.r_act.backward(); chk(97, da_r, nderiv(sig, ar0))
da_z = self.z_act.backward(); chk(98, da_z, nderiv(sig, az0))
an0 = P["Wnx"] @ x0 + P["bnx"] + sig(ar0) * (P["Wnh"] @ h0 + P["bnh"])
da_n = self.h_act.backward(state = self.n); chk(99, da_n, nderiv(np.tanh, an0))
# local partials of h_t = (1-z)*n + z*h wrt z, n, h (elementwise), by FD of the h_t formula
z0, n0 = sig(az0), np.tanh(an0)
hz = -self.n + self.hidden; chk(102, hz, nderiv(lambda zz: (1 - zz) * n0 + zz * h0, z0))
dz = np.multiply(delta,hz); chk(103, dz, fd("V", "z"))
hn= 1- self.z; chk(105, hn, nderiv(lambda nn: (1 - z0) * nn + z0 * h0, n0))
dn= np.multiply(delta, hn); chk(106, dn, fd("V", "n"))
act_n= da_n * dn; chk(108, act_n, fd("V", "an"))
act_z= da_z * dz; chk(109, act_z, fd("V", "az"))
dr = (act_n) * (self.nh); chk(111, dr, fd("V", "r"))
act_r= da_r * dr; chk(114, act_r, fd("V", "ar"))
hh = self.z; chk(118, hh, nderiv(lambda hp: (1 - z0) * n0 + z0 * hp, h0))
wnh_act = np.multiply(act_n,self.r); chk(119, wnh_act, fd("V", "rh"))
dh_prev_t = (delta * hh) + np.matmul(wnh_act,self.Wnh) + np.matmul(act_z,self.Wzh) + np.matmul(act_r,self.Wrh)
chk(123, dh_prev_t, fd_total("h"))
dx = np.matmul(act_n,self.Wnx) + np.matmul(act_z,self.Wzx) + np.matmul(act_r,self.Wrx)
chk(125, dx, fd_total("x"))
shaped_x = self.x.reshape(1,self.d)
self.dWnx += np.matmul(act_n.T,shaped_x); chk(129, self.dWnx, fd("P", "Wnx"))
self.dWrx += np.matmul(act_r.T,shaped_x); chk(130, self.dWrx, fd("P", "Wrx"))
self.dWzx += np.matmul(act_z.T,shaped_x); chk(131, self.dWzx, fd("P", "Wzx"))
self.dbnx += act_n.reshape(-1); chk(134, self.dbnx, fd("P", "bnx"))
self.dbrx += act_r.reshape(-1); chk(135, self.dbrx, fd("P", "brx"))
self.dbzx += act_z.reshape(-1); chk(136, self.dbzx, fd("P", "bzx"))
shaped_h = self.hidden.reshape(1,-1)
self.dWnh += np.matmul(wnh_act.T,shaped_h); chk(144, self.dWnh, fd("P", "Wnh"))
self.dWrh += np.matmul(act_r.T,shaped_h); chk(145, self.dWrh, fd("P", "Wrh"))
self.dWzh += np.matmul(act_z.T,shaped_h); chk(146, self.dWzh, fd("P", "Wzh"))
self.dbnh += wnh_act.reshape(-1); chk(148, self.dbnh, fd("P", "bnh"))
self.dbrh += act_r.reshape(-1); chk(149, self.dbrh, fd("P", "brh"))
self.dbzh += act_z.reshape(-1); chk(150, self.dbzh, fd("P", "bzh"))
print(len(results), "rows checked;", sum(results.values()), "pass,", len(results) - sum(results.values()), "fail")
