# Finite-difference check of blg561e_gru_student.py (BLG561E student GRULayer), numpy only.
# The author's class is executed as written (the relative import is replaced by a stub base class).
import numpy as np, os
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'blg561e_gru_student.py')).read()
src = src.replace('from .layers_with_weights import LayerWithWeights', 'class LayerWithWeights: pass')
ns = {}
exec(compile(src, 'blg561e_gru_student.py', 'exec'), ns)
GRULayer = ns['GRULayer']
sig = lambda v: 1 / (1 + np.exp(-v))

def rel(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))
def show(name, e):
    print('%-78s rel.err %.2e  %s' % (name, e, 'AGREES' if e < 1e-5 else 'DISAGREES'))

rng = np.random.default_rng(1)
N, D, H = 3, 4, 5
g = GRULayer(D, H)
for k in ['Wx', 'Wh', 'b', 'Wxi', 'Whi', 'bi']:
    setattr(g, k, rng.standard_normal(getattr(g, k).shape) * 0.6)
x = rng.standard_normal((N, D)); hp = rng.standard_normal((N, H)); up = rng.standard_normal((N, H))

def fd(f, A, eps=1e-6):
    G = np.zeros_like(A); it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; old = A[i]
        A[i] = old + eps; lp = f(); A[i] = old - eps; lm = f(); A[i] = old
        G[i] = (lp - lm) / (2 * eps)
    return G
L = lambda: np.sum(up * g.forward_step(x, hp)[0])

nh, cache = g.forward_step(x, hp)
dx, dprev_h, dWx, dWh, db, dWxi, dWhi, dbi = g.backward_step(up, cache)
print('--- author backward_step (L99-L122) against finite differences of forward_step (L41-L53) ---')
show('L103 da_z -> db[:H] (== sum of da_z)', rel(db[:H], fd(L, g.b)[:H]))
show('L105 da_r -> db[H:] (depends on L104 dai)', rel(db[H:], fd(L, g.b)[H:]))
show('L104 dai -> dbi (L120)', rel(dbi, fd(L, g.bi)))
show('L112 dprev_h', rel(dprev_h, fd(L, hp)))
show('L114 dx', rel(dx, fd(L, x)))
show('L115 dWh', rel(dWh, fd(L, g.Wh)))
show('L116 dWx', rel(dWx, fd(L, g.Wx)))
show('L118 dWhi', rel(dWhi, fd(L, g.Whi)))
show('L119 dWxi', rel(dWxi, fd(L, g.Wxi)))

# true local gradients (hand-derived) for z = sig(a_z), r = sig(a_r), hc = tanh(ai), next_h = z*hp + (1-z)*hc
prev_h, next_h, xx, z, r, a, hc = cache
true_daz = up * (prev_h - hc) * z * (1 - z)
true_dai = up * (1 - z) * (1 - hc ** 2)
true_dar = (true_dai @ g.Whi.T) * prev_h * r * (1 - r)
print('--- the three faulty lines, and the author formulas fed with correct upstream values ---')
show('L103 as written vs true dL/da_z', rel((up * (hc - prev_h) + 1) * z * (1 - z), true_daz))
show('L103 without the "+1" and with the sign flipped (= true)', rel(up * (prev_h - hc) * z * (1 - z), true_daz))
show('L104 as written vs true dL/dai', rel(up * z * (1 - np.tanh(hc) ** 2), true_dai))
show('L105 formula with true dai vs FD of db[H:]', rel(np.sum((true_dai @ g.Whi.T) * prev_h * r * (1 - r), 0), fd(L, g.b)[H:]))
da_t = np.hstack((true_daz, true_dar))
show('L112 formula (up*(1-z) first term) with true da, dai vs FD dprev_h',
     rel(up * (1 - z) + da_t @ g.Wh.T + r * (true_dai @ g.Whi.T), fd(L, hp)))
show('L112 with up*z as first term (= true)', rel(up * z + da_t @ g.Wh.T + r * (true_dai @ g.Whi.T), fd(L, hp)))
show('L114 formula with true da, dai vs FD dx', rel(da_t @ g.Wx.T + true_dai @ g.Wxi.T, fd(L, x)))
show('L115 formula with true da vs FD dWh', rel(prev_h.T @ da_t, fd(L, g.Wh)))
show('L116 formula with true da vs FD dWx', rel(x.T @ da_t, fd(L, g.Wx)))
show('L117 formula with true da vs FD db', rel(da_t.sum(0), fd(L, g.b)))
show('L118 formula with true dai vs FD dWhi', rel((prev_h * r).T @ true_dai, fd(L, g.Whi)))
show('L119 formula with true dai vs FD dWxi', rel(x.T @ true_dai, fd(L, g.Wxi)))
show('L120 formula with true dai vs FD dbi', rel(true_dai.sum(0), fd(L, g.bi)))

# full sequence: author's backward (L141-L170) vs FD; D == H so that line 143 (D taken from cache[0][4] = r) does not crash
print('--- whole sequence (L65-L79, L141-L170), D == H ---')
Ds, T = H, 3
gs = GRULayer(Ds, H)
for k in ['Wx', 'Wh', 'b', 'Wxi', 'Whi', 'bi']:
    setattr(gs, k, rng.standard_normal(getattr(gs, k).shape) * 0.6)
X = rng.standard_normal((N, T, Ds)); h0 = rng.standard_normal((N, H)); Gd = rng.standard_normal((N, T, H))
LS = lambda: np.sum(Gd * gs.forward(X, h0))
gs.forward(X, h0); gs.backward(Gd); gr = gs.grad
for k, A in [('dx', X), ('dh0', h0), ('dWx', gs.Wx), ('dWh', gs.Wh), ('db', gs.b), ('dWxi', gs.Wxi), ('dWhi', gs.Whi), ('dbi', gs.bi)]:
    show('sequence ' + k, rel(gr[k], fd(LS, A)))
# same recursion with a corrected backward_step: the BPTT bookkeeping (L159-L169) is right
def good_step(dn, c):
    prev_h, next_h, xx, z, r, a, hc = c
    dai = dn * (1 - z) * (1 - hc ** 2)
    daz = dn * (prev_h - hc) * z * (1 - z)
    dar = (dai @ gs.Whi.T) * prev_h * r * (1 - r)
    da = np.hstack((daz, dar))
    return (da @ gs.Wx.T + dai @ gs.Wxi.T, dn * z + da @ gs.Wh.T + r * (dai @ gs.Whi.T),
            xx.T @ da, prev_h.T @ da, da.sum(0), xx.T @ dai, (prev_h * r).T @ dai, dai.sum(0))
gs.backward_step = good_step
gs.forward(X, h0); gs.backward(Gd); gr = gs.grad
for k, A in [('dx', X), ('dh0', h0), ('dWx', gs.Wx), ('dWh', gs.Wh), ('dWhi', gs.Whi)]:
    show('sequence with corrected step, loop L159-L169 as written: ' + k, rel(gr[k], fd(LS, A)))
# line 143 with D != H
gd = GRULayer(D, H); gd.forward(rng.standard_normal((N, T, D)), h0)
try:
    gd.backward(Gd); print('D != H: backward ran')
except Exception as e:
    print('D != H: backward raises %s: %s (L143 reads D from cache[0][4], which is r, not x)' % (type(e).__name__, e))
