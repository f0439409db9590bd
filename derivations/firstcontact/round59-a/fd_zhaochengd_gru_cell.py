# FD check for zhaochengd_gru_cell.md (older 11-785 GRU_Cell: no biases, h_tilda = tanh(Wh (r*h) + Wx x),
# h_t = (1-z)*h + z*h_tilda; delta = dL/dh_t as a (1, h) row; d1..d17 are path gradients)
import numpy as np
rng = np.random.default_rng(59006)
d, H = 4, 5
P = {k: rng.standard_normal((H, H)) for k in ["Wzh", "Wrh", "Wh"]}
P.update({k: rng.standard_normal((H, d)) for k in ["Wzx", "Wrx", "Wx"]})
x0 = rng.standard_normal(d); h0 = rng.standard_normal(H); w = rng.standard_normal(H)
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
NODES = ["az", "z", "z1", "z2", "omz", "ar", "r", "rh", "ah", "ht"]
def base():
    V = {k: np.zeros(H) for k in NODES}
    V.update(x_z=x0.copy(), x_r=x0.copy(), x_h=x0.copy(), h_z=h0.copy(), h_r=h0.copy(), h_rh=h0.copy(), h_d=h0.copy())
    return V
def fwd(P, V):
    az = P["Wzh"] @ V["h_z"] + P["Wzx"] @ V["x_z"] + V["az"]
    z = sig(az) + V["z"]
    ar = P["Wrh"] @ V["h_r"] + P["Wrx"] @ V["x_r"] + V["ar"]
    r = sig(ar) + V["r"]
    rh = r * V["h_rh"] + V["rh"]
    ah = P["Wh"] @ rh + P["Wx"] @ V["x_h"] + V["ah"]
    ht_ = np.tanh(ah) + V["ht"]
    # z1: z as it enters (1 - z); z2: z as it enters z * h_tilda; omz: offset on the value (1 - z)
    return ((1 - (z + V["z1"])) + V["omz"]) * V["h_d"] + (z + V["z2"]) * ht_
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
    keys = ["x_z", "x_r", "x_h"] if which == "x" else ["h_z", "h_r", "h_rh", "h_d"]
    for i in range(g.size):
        for s in (+1, -1):
            V2 = base()
            for k in keys: V2[k][i] += s * eps
            g[i] += s * L(P, V2)
        g[i] /= 2 * eps
    return g

# activations exactly as in the author's activation.py
class Sigmoid:
    def __call__(self, x): return self.forward(x)
    def forward(self, x): self.state = 1 / (1 + np.exp(-x)); return self.state
    def derivative(self): return self.state * (1 - self.state)
class Tanh:
    def __call__(self, x): return self.forward(x)
    def forward(self, x):
        a = np.exp(x); b = np.exp(-x); self.state = (a - b) / (a + b); return self.state
    def derivative(self): return 1 - (self.state) ** 2

class Cell: pass
self = Cell(); self.__dict__.update(P); self.d, self.h = d, H
self.z_act, self.r_act, self.h_act = Sigmoid(), Sigmoid(), Tanh()
results = {}
def chk(line, val, ref, expected="pass"):
    ok = np.allclose(np.asarray(val).reshape(np.shape(ref)), ref, rtol=1e-5, atol=1e-7)
    results[line] = ok
    assert ok == (expected == "pass"), (line, val, ref)

x, h = x0.copy(), h0.copy()
self.x = x; self.hidden = h
self.z = self.z_act(np.dot(self.Wzh, h) + np.dot(self.Wzx, x)); chk(20, self.z, sig(P["Wzh"] @ h0 + P["Wzx"] @ x0))
self.r = self.r_act(np.dot(self.Wrh, h) + np.dot(self.Wrx, x)); chk(21, self.r, sig(P["Wrh"] @ h0 + P["Wrx"] @ x0))
self.h_tilda = self.h_act(np.dot(self.Wh, (self.r * h)) + np.dot(self.Wx, x)); chk(22, self.h_tilda, np.tanh(P["Wh"] @ (sig(P["Wrh"] @ h0 + P["Wrx"] @ x0) * h0) + P["Wx"] @ x0))
h_t = (1 - self.z) * h + self.z * self.h_tilda; chk(23, h_t, fwd(P, base()))

delta = w.reshape(1, H).copy()
new_x = np.matrix(self.x)
new_hidden = np.matrix(self.hidden)
d1 = (1 - self.z) * delta; chk(56, d1, fd("V", "h_d"))
d2 = self.hidden * delta; chk(57, d2, fd("V", "omz"))
d3 = self.h_tilda * delta; chk(58, d3, fd("V", "z2"))
d4 = - d2; chk(59, d4, fd("V", "z1"))
d5 = d3 + d4; chk(60, d5, fd("V", "z"))
d6 = self.z * delta; chk(61, d6, fd("V", "ht"))
d7 = d5 * self.z_act.derivative(); chk(62, d7, fd("V", "az"))
d8 = d6 * self.h_act.derivative(); chk(63, d8, fd("V", "ah"))
d9 = d8.dot(self.Wx); chk(64, d9, fd("V", "x_h"))
d10 = d8.dot(self.Wh); chk(65, d10, fd("V", "rh"))
d11 = d7.dot(self.Wzx); chk(66, d11, fd("V", "x_z"))
d12 = d7.dot(self.Wzh); chk(67, d12, fd("V", "h_z"))
d14 = d10 * self.r; chk(68, d14, fd("V", "h_rh"))
d15 = d10 * self.hidden; chk(69, d15, fd("V", "r"))
d16 = d15 * self.r_act.derivative(); chk(70, d16, fd("V", "ar"))
d13 = d16.dot(self.Wrx); chk(71, d13, fd("V", "x_r"))
d17 = d16.dot(self.Wrh); chk(72, d17, fd("V", "h_r"))
dx = d9 + d11 + d13; chk(74, dx, fd_total("x"))
dh = d12 + d14 + d1 + d17; chk(75, dh, fd_total("h"))
self.dWrx = d16.T.dot(new_x); chk(77, self.dWrx, fd("P", "Wrx"))
self.dWzx = d7.T.dot(new_x); chk(78, self.dWzx, fd("P", "Wzx"))
self.dWx = d8.T.dot(new_x); chk(79, self.dWx, fd("P", "Wx"))
self.dWrh = d16.T.dot(new_hidden); chk(80, self.dWrh, fd("P", "Wrh"))
self.dWzh = d7.T.dot(new_hidden); chk(81, self.dWzh, fd("P", "Wzh"))
self.dWh = d8.T.dot(np.matrix(self.r * self.hidden)); chk(82, self.dWh, fd("P", "Wh"))
assert dx.shape == (1, self.d) and dh.shape == (1, self.h)
print(len(results), "rows checked;", sum(results.values()), "pass,", len(results) - sum(results.values()), "fail")
