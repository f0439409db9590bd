# Finite-difference check of gru_kamalbasulaiman.py (KamalBasulaiman/Custom-Deep-Learning-Library gru_cell.py).
# numpy only. The author's class is executed as written (the file's text), with Sigmoid/Tanh copied from
# the repository's Utils/activation.py (derivative() uses the stored forward state).
import numpy as np, os
class Activation(object):
    def __init__(self): self.state = None
    def __call__(self, x): return self.forward(x)
class Sigmoid(Activation):
    def forward(self, x):
        self.state = (1 / (1 + np.exp(-x))); return self.state
    def derivative(self): return (self.state) * (1 - self.state)
class Tanh(Activation):
    def forward(self, x):
        self.state = np.tanh(x); return self.state
    def derivative(self, state=None):
        if state is not None: return 1 - (state**2)
        return 1 - (self.state**2)

src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'gru_kamalbasulaiman.py')).read()
src = src.replace('from activation import *', '')
ns = {'np': np, 'Sigmoid': Sigmoid, 'Tanh': Tanh}
exec(src, ns)
GRU_Cell = ns['GRU_Cell']

rng = np.random.default_rng(1)
d, H = 3, 4
Wts = dict(Wzh=rng.normal(size=(H, H)), Wrh=rng.normal(size=(H, H)), Wh=rng.normal(size=(H, H)),
           Wzx=rng.normal(size=(H, d)), Wrx=rng.normal(size=(H, d)), Wx=rng.normal(size=(H, d)))
for k in Wts: Wts[k] *= 0.6
x = rng.normal(size=d); hp = rng.normal(size=H)*0.5
w = rng.normal(size=H)          # loss L = w . h_t, so delta = dL/dh_t = w

def my_forward(W, x, hp, pert=None):
    # same equations as lines 59-62; pert adds to intermediates so FD gives dL/d(intermediate)
    pert = pert or {}
    sg = lambda a: 1/(1+np.exp(-a))
    r = sg(W['Wrx']@x + W['Wrh']@hp) + pert.get('r', 0)
    z = sg(W['Wzx']@x + W['Wzh']@hp) + pert.get('z', 0)
    ht = np.tanh(W['Wh']@(r*hp) + W['Wx']@x + pert.get('a_h', 0)) + pert.get('h_tilda', 0)
    return ((1-z)*hp) + (z*ht)
L = lambda W, x, hp, pert=None: w @ my_forward(W, x, hp, pert)

cell = GRU_Cell(d, H); cell.init_weights(**{k: v.copy() for k, v in Wts.items()})
h_t = cell.forward(x.copy(), hp.copy())
ok = lambda a, b: np.allclose(np.asarray(a).reshape(np.shape(b)), b, rtol=1e-5, atol=1e-8)
print("lines 59-62 forward: author's h_t equals reference forward:", ok(h_t, my_forward(Wts, x, hp)))
dx, dh = cell.backward(w.copy())
eps = 1e-6
def fdv(f, v):
    g = np.zeros_like(v)
    for idx in np.ndindex(v.shape):
        e = np.zeros_like(v); e[idx] = eps
        g[idx] = (f(v+e) - f(v-e))/(2*eps)
    return g
fdW = {k: fdv(lambda M, k=k: L({**Wts, k: M}, x, hp), Wts[k]) for k in Wts}
rows = []
# line 102: dh_tilda = delta*z is dL/d(h_tilda output)
dh_tilda = w*cell.z.reshape(-1)
rows.append((102, 'dh_tilda = delta*z', ok(dh_tilda, fdv(lambda p: L(Wts, x, hp, {'h_tilda': p}), np.zeros(H)))))
rows.append((104, 'dWx', ok(cell.dWx, fdW['Wx'])))
rows.append((105, 'dWh', ok(cell.dWh, fdW['Wh'])))
rows.append((106, 'dWrx', ok(cell.dWrx, fdW['Wrx'])))
rows.append((107, 'dWrh', ok(cell.dWrh, fdW['Wrh'])))
rows.append((108, 'dWzx', ok(cell.dWzx, fdW['Wzx'])))
rows.append((109, 'dWzh', ok(cell.dWzh, fdW['Wzh'])))
rows.append((112, 'dh (dL/dh_prev)', ok(dh, fdv(lambda v: L(Wts, x, v), hp))))
rows.append((117, 'dx', ok(dx, fdv(lambda v: L(Wts, v, hp), x))))
for line, name, good in rows:
    print(f"line {line}: {name}: {'AGREES' if good else 'DISAGREES'} with FD")
# helpers (Utils/activation.py): Sigmoid.derivative = s(1-s), Tanh.derivative = 1 - tanh^2
a = rng.normal(size=5); s = Sigmoid(); s.forward(a); t = Tanh(); t.forward(a)
fd_elem = lambda f, v: (f(v+eps) - f(v-eps))/(2*eps)   # elementwise FD of an elementwise function
print("helper Sigmoid.derivative (s*(1-s)):", 'AGREES' if ok(s.derivative(), fd_elem(lambda v: 1/(1+np.exp(-v)), a)) else 'DISAGREES', "with FD")
print("helper Tanh.derivative (1-tanh^2):", 'AGREES' if ok(t.derivative(), fd_elem(np.tanh, a)) else 'DISAGREES', "with FD")
