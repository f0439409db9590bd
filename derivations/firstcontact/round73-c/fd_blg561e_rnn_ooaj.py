# Finite-difference check of blg561e_rnn_ooaj.py (ooaj/BLG561E RNNLayer), numpy only.
# The author's class is executed as written (the relative import is replaced by a stub base class).
import numpy as np, re, os
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'blg561e_rnn_ooaj.py')).read()
src = src.replace('from .layer import Layer', 'class Layer: pass\nclass LayerWithWeights(Layer): pass')
ns = {}
exec(compile(src, 'blg561e_rnn_ooaj.py', 'exec'), ns)
RNNLayer = ns['RNNLayer']

def rel(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if a.shape != b.shape:
        try:
            a, b = np.broadcast_arrays(a, b)
        except ValueError:
            return float('inf')
    return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))

rng = np.random.default_rng(0)
N, T, D, H = 3, 4, 5, 6
x = rng.standard_normal((N, T, D)); h0 = rng.standard_normal((N, H))
Wih = rng.standard_normal((D, H)) * 0.5; Whh = rng.standard_normal((H, H)) * 0.5; b = rng.standard_normal(H) * 0.5
G = rng.standard_normal((N, T, H))   # L = sum(G * out)

def make():
    r = RNNLayer(D, H); r.W_ih = Wih.copy(); r.W_hh = Whh.copy(); r.b = b.copy(); return r

def loss(x_, h0_, Wih_, Whh_, b_):
    r = RNNLayer(D, H); r.W_ih = Wih_; r.W_hh = Whh_; r.b = b_
    return np.sum(G * r.forward(x_, h0_))

def num(which, eps=1e-6):
    args = [x.copy(), h0.copy(), Wih.copy(), Whh.copy(), b.copy()]
    A = args[which]; g = np.zeros_like(A)
    it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; old = A[i]
        A[i] = old + eps; lp = loss(*args)
        A[i] = old - eps; lm = loss(*args)
        A[i] = old; g[i] = (lp - lm) / (2 * eps)
    return g

r = make(); r.forward(x, h0)
dx, dh0, dWih, dWhh, db = r.backward(G)
ndx, ndh0, ndWih, ndWhh, ndb = [num(k) for k in range(5)]
rows = [
 ('L71-77 backward_step chain via dx (L101)', rel(dx, ndx)),
 ('L106 dW_hh accumulated (uses L73)', rel(dWhh, ndWhh)),
 ('L107 dW_ih accumulated (uses L75)', rel(dWih, ndWih)),
 ('L108 db accumulated (uses L72)', rel(db, ndb)),
 ('L114 returned dh0 = self.dprev_H[0]  shape %s vs true %s' % (np.shape(dh0), ndh0.shape), rel(dh0, ndh0)),
]
# what the author should have returned: self.dprev_H (full (N,H) array) after the loop
r2 = make(); r2.forward(x, h0); r2.backward(G)
rows.append(('L74/L103 full self.dprev_H after loop (the correct dh0)', rel(r2.dprev_H, ndh0)))
# per-step check of backward_step on one step, against FD of a single forward_step
xs = rng.standard_normal((N, D)); hp = rng.standard_normal((N, H)); up = rng.standard_normal((N, H))
def step_loss(xs_, hp_, Wih_, Whh_, b_):
    r = RNNLayer(D, H); r.W_ih = Wih_; r.W_hh = Whh_; r.b = b_; r.prev_H = []
    return np.sum(up * r.forward_step(xs_, hp_))
def snum(which, eps=1e-6):
    args = [xs.copy(), hp.copy(), Wih.copy(), Whh.copy(), b.copy()]
    A = args[which]; g = np.zeros_like(A)
    it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; old = A[i]
        A[i] = old + eps; lp = step_loss(*args); A[i] = old - eps; lm = step_loss(*args); A[i] = old
        g[i] = (lp - lm) / (2 * eps)
    return g
r3 = make(); r3.prev_H = []; r3.x = [xs]; r3.forward_step(xs, hp)
sdx = r3.backward_step(hp, up)
rows += [('L71-L76 one step: dx (L76)', rel(sdx, snum(0))),
         ('one step: self.dprev_H (L74)', rel(r3.dprev_H, snum(1))),
         ('one step: self.dW_ih (L75)', rel(r3.dW_ih, snum(2))),
         ('one step: self.dW_hh (L73)', rel(r3.dW_hh, snum(3))),
         ('one step: self.db (L72)', rel(r3.db, snum(4)))]
for name, e in rows:
    print('%-70s rel.err %.2e  %s' % (name, e, 'AGREES' if e < 1e-5 else 'DISAGREES'))
print('dh0 returned:', np.round(dh0, 4))
print('dh0 true row 0:', np.round(ndh0[0], 4), ' true row 1:', np.round(ndh0[1], 4))
