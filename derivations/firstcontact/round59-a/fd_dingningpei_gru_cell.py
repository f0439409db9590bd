# FD check for dingningpei_gru_cell.md (older 11-785 GRU_Cell: no biases, h_tilda = tanh(Wh (r*h) + Wx x),
# h_t = (1-z)*h + z*h_tilda; delta = dL/dh_t as a (1, h) row; dW rows are the single-step gradients)
import numpy as np
rng = np.random.default_rng(59003)
d, H = 4, 5
P = {k: rng.standard_normal((H, H)) for k in ["Wzh", "Wrh", "Wh"]}
P.update({k: rng.standard_normal((H, d)) for k in ["Wzx", "Wrx", "Wx"]})
x0 = rng.standard_normal(d); h0 = rng.standard_normal(H); w = rng.standard_normal(H)
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
def fwd(P, x, h):
    z = sig(P["Wzh"] @ h + P["Wzx"] @ x)
    r = sig(P["Wrh"] @ h + P["Wrx"] @ x)
    ht_ = np.tanh(P["Wh"] @ (r * h) + P["Wx"] @ x)
    return (1 - z) * h + z * ht_
def L(P, x, h): return float(w @ fwd(P, x, h))
def fdP(key, eps=1e-6):
    P2 = {k: v.copy() for k, v in P.items()}; g = np.zeros_like(P2[key])
    for i in np.ndindex(g.shape):
        o = P2[key][i]
        P2[key][i] = o + eps; lp = L(P2, x0, h0)
        P2[key][i] = o - eps; lm = L(P2, x0, h0)
        P2[key][i] = o; g[i] = (lp - lm) / (2 * eps)
    return g
def fdv(which, eps=1e-6):
    v = (x0 if which == "x" else h0).copy(); g = np.zeros_like(v)
    for i in range(v.size):
        e = np.zeros_like(v); e[i] = eps
        if which == "x": g[i] = (L(P, x0 + e, h0) - L(P, x0 - e, h0)) / (2 * eps)
        else: g[i] = (L(P, x0, h0 + e) - L(P, x0, h0 - e)) / (2 * eps)
    return g

# activations exactly as in the author's mytorch/activation.py
class Sigmoid:
    def __call__(self, x): return self.forward(x)
    def forward(self, x): self.state = 1.0 / (1.0 + np.exp(-x)); return self.state
    def derivative(self): return np.multiply(self.state, 1 - self.state)
class Tanh:
    def __call__(self, x): return self.forward(x)
    def forward(self, x): self.state = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)); return self.state
    def derivative(self): return 1 - np.square(self.state)

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
# forward rows (note lines 50-53), checked against the GRU of the (older) 11-785 write-up
self.z = self.z_act(np.dot(self.Wzh, h.T) + np.dot(self.Wzx, x.T)); chk(50, self.z, sig(P["Wzh"] @ h0 + P["Wzx"] @ x0))
self.r = self.r_act(np.dot(self.Wrh, h.T)+ np.dot(self.Wrx , x.T)); chk(51, self.r, sig(P["Wrh"] @ h0 + P["Wrx"] @ x0))
self.h_tilda = self.h_act(np.dot(self.Wh , (self.r * self.hidden)) + np.dot(self.Wx,  self.x.T))
chk(52, self.h_tilda, np.tanh(P["Wh"] @ (sig(P["Wrh"] @ h0 + P["Wrx"] @ x0) * h0) + P["Wx"] @ x0))
h_t = (1 - self.z) * self.hidden + self.z * self.h_tilda; chk(53, h_t, fwd(P, x0, h0))

delta = w.reshape(1, H).copy()
self.dWrx = (np.dot(delta * self.z * self.h_act.derivative(), self.Wh) * self.hidden * self.r_act.derivative()).T.dot(self.x.reshape(1,-1)); chk(66, self.dWrx, fdP("Wrx"))
self.dWrh = (np.dot(delta * self.z * self.h_act.derivative(), self.Wh) * self.hidden * self.r_act.derivative()).T.dot(self.hidden.reshape(1, -1)); chk(67, self.dWrh, fdP("Wrh"))
self.dWzx = (delta * (self.h_tilda - self.hidden) * self.z_act.derivative()).T.dot( self.x.reshape(1, -1)); chk(70, self.dWzx, fdP("Wzx"))
self.dWzh = (delta * (self.h_tilda - self.hidden) * self.z_act.derivative()).T.dot(self.hidden.reshape(1, -1)); chk(71, self.dWzh, fdP("Wzh"))
self.dWh = (delta * self.z * self.h_act.derivative()).T.dot(self.r * self.hidden.reshape(1,-1)); chk(73, self.dWh, fdP("Wh"))
self.dWx = (delta * self.z * self.h_act.derivative()).T.dot( self.x.reshape(1,-1)); chk(74, self.dWx, fdP("Wx"))
dh = delta * (1 - self.z) + np.dot(delta * (self.h_tilda - self.hidden) * self.z_act.derivative(), self.Wzh) + np.dot(delta * self.z * self.h_act.derivative(), self.Wh)* self.r + np.dot(np.dot(delta * self.z * self.h_act.derivative() , self.Wh)* self.hidden * self.r_act.derivative(), self.Wrh)
chk(76, dh, fdv("h"))
dx = (np.dot(delta * (self.h_tilda - self.hidden) * self.z_act.derivative(), self.Wzx)) + (np.dot(delta * self.z * self.h_act.derivative(), self.Wx)) + np.dot( np.dot(delta * self.z * self.h_act.derivative(), self.Wh) * self.hidden * self.r_act.derivative(), self.Wrx)
chk(77, dx, fdv("x"))
assert dx.shape == (1, self.d) and dh.shape == (1, self.h)
print(len(results), "rows checked;", sum(results.values()), "pass,", len(results) - sum(results.values()), "fail")
