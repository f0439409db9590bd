# FD check for cmu11785_gru_cell_hw3p1_student_b.md (numpy, float64, central differences)
# The author's forward/backward is transcribed with minimal Sigmoid/Tanh classes whose derivative()
# uses the stored forward output (as in the 11-785 activation.py). Loss L = sum(g * h_t) => delta = g.
import numpy as np
rng = np.random.default_rng(3)
d, H = 3, 4
eps = 1e-6
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
class Sigmoid:
    def forward(self, x): self.state = 1/(1+np.exp(-x)); return self.state
    def derivative(self): return self.state*(1-self.state)
class Tanh:
    def forward(self, x): self.state = np.tanh(x); return self.state
    def derivative(self): return 1 - self.state**2
class GRU_Cell:
    def __init__(self, Wzh, Wrh, Wh, Wzx, Wrx, Wx):
        self.Wzh, self.Wrh, self.Wh, self.Wzx, self.Wrx, self.Wx = Wzh, Wrh, Wh, Wzx, Wrx, Wx
        self.d, self.h = Wzx.shape[1], Wzx.shape[0]
        self.dWzh = np.zeros((H,H)); self.dWrh = np.zeros((H,H)); self.dWh = np.zeros((H,H))
        self.dWzx = np.zeros((H,d)); self.dWrx = np.zeros((H,d)); self.dWx = np.zeros((H,d))
        self.z_act = Sigmoid(); self.r_act = Sigmoid(); self.h_act = Tanh()
    def forward(self, x, h):
        self.x = x
        self.hidden = h
        self.r = self.r_act.forward(np.tensordot(self.Wrx,self.x,1) + np.tensordot(self.Wrh,self.hidden,1))
        self.z = self.z_act.forward(np.tensordot(self.Wzx,self.x,1) + np.tensordot(self.Wzh,self.hidden,1))
        self.h_tilda = self.h_act.forward(np.tensordot(self.Wh,(self.r*self.hidden),1) + np.tensordot(self.Wx,self.x,1))
        self.h_t = ((1-self.z)*self.hidden) + (self.z*self.h_tilda)
        return self.h_t
    def backward(self, delta):
        self.x = self.x.reshape(1,-1)
        self.z = self.z.reshape(1,-1)
        self.r = self.r.reshape(1,-1)
        self.hidden = self.hidden.reshape(1,-1)
        self.h_tilda = self.h_tilda.reshape(1,-1)
        dh_tilda = delta * self.z
        self.dh_tilda = dh_tilda
        self.dWx += np.tensordot((dh_tilda*self.h_act.derivative().reshape(1,-1)).T, self.x,1)
        self.dWh += np.tensordot((dh_tilda*self.h_act.derivative().reshape(1,-1)).T,self.r*self.hidden,1)
        self.dWrx += np.tensordot((np.tensordot(dh_tilda*self.h_act.derivative().reshape(1,-1),self.Wh,1)*self.hidden*self.r_act.derivative().reshape(1,-1)).T,self.x,1)
        self.dWrh += np.tensordot((np.tensordot(dh_tilda*self.h_act.derivative().reshape(1,-1),self.Wh,1)*self.hidden*self.r_act.derivative().reshape(1,-1)).T,self.hidden,1)
        self.dWzx += np.tensordot((delta*(self.h_tilda-self.hidden)*self.z_act.derivative().reshape(1,-1)).T,self.x,1)
        self.dWzh += np.tensordot((delta*(self.h_tilda-self.hidden)*self.z_act.derivative().reshape(1,-1)).T,self.hidden,1)
        dh = delta*(1-self.z) + \
            np.tensordot(delta*(self.h_tilda-self.hidden)*self.z_act.derivative().reshape(1,-1),self.Wzh,1) + \
            np.tensordot(dh_tilda*self.h_act.derivative().reshape(1,-1),self.Wh,1)*self.r + \
            np.tensordot(np.tensordot(dh_tilda*self.h_act.derivative().reshape(1,-1),self.Wh,1)*self.hidden*self.r_act.derivative().reshape(1,-1),self.Wrh,1)
        dx = np.tensordot(np.tensordot(dh_tilda*self.h_act.derivative().reshape(1,-1),self.Wh,1)*self.hidden*self.r_act.derivative().reshape(1,-1),self.Wrx,1) + np.tensordot(dh_tilda*self.h_act.derivative().reshape(1,-1),self.Wx,1) + np.tensordot(delta*((self.h_tilda-self.hidden)*self.z_act.derivative()).reshape(1,-1),self.Wzx,1)
        return dx, dh
def num_grad(f, X):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        G[idx] = (f(Xp) - f(Xm)) / (2*eps)
    return G
sig = lambda a: 1/(1+np.exp(-a))
Ws = dict(Wzh=rng.normal(size=(H,H)), Wrh=rng.normal(size=(H,H)), Wh=rng.normal(size=(H,H)),
          Wzx=rng.normal(size=(H,d)), Wrx=rng.normal(size=(H,d)), Wx=rng.normal(size=(H,d)))
x0 = rng.normal(size=d); h0 = rng.normal(size=H); g = rng.normal(size=H)
def ref(x=x0, h=h0, ht=None, **kw):
    P = dict(Ws); P.update(kw)
    z = sig(P['Wzh'] @ h + P['Wzx'] @ x); r = sig(P['Wrh'] @ h + P['Wrx'] @ x)
    n = np.tanh(P['Wh'] @ (r*h) + P['Wx'] @ x) if ht is None else ht
    return (1-z)*h + z*n, z, r, n
L = lambda **kw: np.sum(g*ref(**kw)[0])
cell = GRU_Cell(**Ws); out = cell.forward(x0, h0)
R = ref(); res = {}
def rep(k, ok): res[k] = 'OK' if ok else 'MISMATCH'
rep(62, close(cell.r, R[2])); rep(63, close(cell.z, R[1])); rep(64, close(cell.h_tilda, R[3])); rep(65, close(out, R[0]))
dx, dh = cell.backward(g)
rep(105, close(cell.dh_tilda.reshape(-1), num_grad(lambda N: L(ht=N), R[3])))
for line, name in [(107,'Wx'),(108,'Wh'),(109,'Wrx'),(110,'Wrh'),(111,'Wzx'),(112,'Wzh')]:
    rep(line, close(getattr(cell, 'd'+name), num_grad(lambda W: L(**{name: W}), Ws[name])))
rep(115, close(dh.reshape(-1), num_grad(lambda hh: L(h=hh), h0)))
rep(120, close(dx.reshape(-1), num_grad(lambda xx: L(x=xx), x0)))
# accumulation (+=) over two calls equals the sum of two steps' contributions: check with a 2-step sequence
cell2 = GRU_Cell(**Ws); x1, x2 = rng.normal(size=d), rng.normal(size=d); g2 = rng.normal(size=H)
h1 = cell2.forward(x1, h0).copy(); c1 = dict(x=cell2.x, hidden=cell2.hidden, r=cell2.r, z=cell2.z, h_tilda=cell2.h_tilda, st=(cell2.z_act.state, cell2.r_act.state, cell2.h_act.state))
h2 = cell2.forward(x2, h1).copy()
_, dh1 = cell2.backward(g2)          # step 2, delta = dL/dh2
for k_, v_ in c1.items():
    if k_ != 'st': setattr(cell2, k_, v_)
cell2.z_act.state, cell2.r_act.state, cell2.h_act.state = c1['st']
cell2.backward(dh1.reshape(-1))      # step 1, delta = dL/dh1 (no loss on h1)
def L2(Wx_):
    P = dict(Ws); P['Wx'] = Wx_
    def step(x, h):
        z = sig(P['Wzh'] @ h + P['Wzx'] @ x); r = sig(P['Wrh'] @ h + P['Wrx'] @ x)
        return (1-z)*h + z*np.tanh(P['Wh'] @ (r*h) + P['Wx'] @ x)
    return np.sum(g2*step(x2, step(x1, h0)))
print('107 accumulated over 2 steps:', 'OK' if close(cell2.dWx, num_grad(L2, Ws['Wx'])) else 'MISMATCH')
for k in sorted(res): print(k, res[k])
