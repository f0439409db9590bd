# Finite-difference check of deepnp_recurrent.md (yonghee12/deepnp layers/recurrent.py).
# The author's code is taken from the note's python fences and executed as written
# (with tiny stand-ins for deepnp.functions / deepnp.initializers).
import re, sys, types
import numpy as np

src = open(__file__.replace('fd_deepnp_recurrent.py', 'deepnp_recurrent.md')).read()
blocks = re.findall(r"```python\n(.*?)```", src, re.S)
functions_code, recurrent_code = blocks[0], blocks[1]

pkg = types.ModuleType('deepnp'); pkg.__path__ = []
nploader = types.ModuleType('deepnp.nploader'); nploader.np = np
fun = types.ModuleType('deepnp.functions')
exec(functions_code.replace('from deepnp.nploader import *', 'import numpy as np'), fun.__dict__)
ini = types.ModuleType('deepnp.initializers')
ini.np = np
ini.normal = lambda *a: np.random.normal(0, 1, size=(*a,))
ini.zeros = lambda *a: np.zeros(shape=(*a,))
ini.empty = lambda *a: np.empty(shape=(*a,))
ini.simplexavier = lambda *a: ini.normal(*a) / np.sqrt(a[0])
sys.modules.update({'deepnp': pkg, 'deepnp.nploader': nploader,
                    'deepnp.functions': fun, 'deepnp.initializers': ini})
pkg.functions, pkg.initializers = fun, ini
M = {}
exec(recurrent_code, M)

rng = np.random.default_rng(0)
N, T, D, H = 3, 5, 4, 6
eps = 1e-6
SCALE = 1e-3   # keeps every gradient far below 1 so the author's np.clip(-1, 1) is inactive


def fd(f, P):
    g = np.zeros_like(P)
    it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        k = it.multi_index
        old = P[k]
        P[k] = old + eps; lp = f()
        P[k] = old - eps; lm = f()
        P[k] = old
        g[k] = (lp - lm) / (2 * eps)
    return g


def rel(a, b):
    return np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12)


def report(name, a, b, expect):
    r = rel(a, b)
    ok = r < 1e-5
    print(f"{name:60s} rel.err={r:9.2e}  {'AGREES' if ok else 'DISAGREES'}  (annotated: {expect})")


print("== RNNCell (lines 35-53): one step, L = sum(G*h_next) ==")
Wx, Wh, b = rng.normal(size=(D, H)), rng.normal(size=(H, H)) * 0.5, rng.normal(size=H)
x, hp = rng.normal(size=(N, D)), rng.normal(size=(N, H))
G = rng.normal(size=(N, H))
cell = M['RNNCell'](N, D, H, Wx, Wh, b)
cell.forward(x, hp)
gr = cell.backward(d_h_next=G, optimize=False)
L = lambda: np.sum(G * M['RNNCell'](N, D, H, Wx, Wh, b).forward(x, hp))
report('d_bias (47)', gr['bias'], fd(L, b), 'pass')
report('d_Wx (48)', gr['Wx'], fd(L, Wx), 'pass')
report('d_Wh (49)', gr['Wh'], fd(L, Wh), 'pass')
report('d_h_prev (50)', gr['h_prev'], fd(L, hp), 'pass')
# d_x_t (line 53) is a local; recompute it exactly as written
d_linear = G * (1 - np.square(np.tanh(x @ Wx + hp @ Wh + b)))
report('d_x_t (53), as written', np.matmul(d_linear, Wx.T), fd(L, x), 'pass')

print("== RNNLayer (lines 80-125): loss on the last state, L = SCALE*sum(g*h_last) ==")
Wx, Wh, b = rng.normal(size=(D, H)) * 0.5, rng.normal(size=(H, H)) * 0.3, rng.normal(size=H) * 0.5
X = rng.normal(size=(N, T, D))
g = rng.normal(size=(N, H)) * SCALE
def L_last():
    lay = M['RNNLayer'](D, H, Wx, Wh, b)
    return np.sum(g * lay.forward(X)[0])
lay = M['RNNLayer'](D, H, Wx, Wh, b); lay.forward(X)
gr = lay.backward(d_h_next=g)
report('RNNLayer d_Wx (112-119)', gr['Wx'], fd(L_last, Wx), 'pass')
report('RNNLayer d_Wh (112-119)', gr['Wh'], fd(L_last, Wh), 'pass')
report('RNNLayer d_bias (112-119)', gr['bias'], fd(L_last, b), 'pass')

print("== RNNLayerWithTimesteps (lines 145-191): L = SCALE*sum(G*h_stack) ==")
Gs = rng.normal(size=(N, T, H)) * SCALE
def L_stack():
    lay = M['RNNLayerWithTimesteps'](D, H, Wx, Wh, b)
    return np.sum(Gs * lay.forward(X)[1])
lay = M['RNNLayerWithTimesteps'](D, H, Wx, Wh, b); lay.forward(X)
gr = lay.backward(Gs)
fWx, fWh, fb = fd(L_stack, Wx), fd(L_stack, Wh), fd(L_stack, b)
report('as written: d_Wx (line 174 skips t == 0)', gr['Wx'], fWx, 'fail at 174')
report('as written: d_Wh', gr['Wh'], fWh, 'fail at 174')
print('   (d_Wh agrees only because h_init = 0, so its t=0 term h_prev.T @ d_linear is zero)')
report('as written: d_bias', gr['bias'], fb, 'fail at 174')
# the same loop without line 174: the per-step lines 177-182 are right
lay = M['RNNLayerWithTimesteps'](D, H, Wx, Wh, b); lay.forward(X)
dWx, dWh, db, dhp = 0, 0, 0, np.zeros((N, H))
for t in reversed(range(T)):
    cellt = lay.timestep_cells[t]
    d_h_next = Gs[:, t, :] + dhp
    grd = cellt.backward(d_h_next=d_h_next)
    dWx = dWx + grd['Wx']; dWh = dWh + grd['Wh']; db = db + grd['bias']; dhp = grd['h_prev'].copy()
report('without line 174 (lines 177-182 kept): d_Wx', dWx, fWx, 'pass 177-182')
report('without line 174: d_Wh', dWh, fWh, 'pass 177-182')
report('without line 174: d_bias', db, fb, 'pass 177-182')
print('   missing t=0 term equals the difference:', np.allclose(fWx - gr['Wx'], lay.timestep_cells[0].grads['Wx']))

print("== LSTMCell (lines 213-256): one step, L = sum(Gh*h_next) + sum(Gc*c_next) ==")
Wx, Wh, b = rng.normal(size=(D, 4 * H)) * 0.5, rng.normal(size=(H, 4 * H)) * 0.5, rng.normal(size=4 * H) * 0.5
x, cp, hp = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
Gh, Gc = rng.normal(size=(N, H)), rng.normal(size=(N, H))
def L_cell():
    c, h = M['LSTMCell'](N, D, H, Wx, Wh, b).forward(x, cp, hp)
    return np.sum(Gh * h) + np.sum(Gc * c)
cell = M['LSTMCell'](N, D, H, Wx, Wh, b); cell.forward(x, cp, hp)
dx, dcp, dhp = cell.backward(Gc, Gh)
report('d_Wx (246)', cell.grads['Wx'], fd(L_cell, Wx), 'pass')
report('d_Wh (247)', cell.grads['Wh'], fd(L_cell, Wh), 'pass')
report('d_bias (248)', cell.grads['bias'], fd(L_cell, b), 'pass')
report('d_c_prev (254)', dcp, fd(L_cell, cp), 'pass')
report('d_h_prev (255)', dhp, fd(L_cell, hp), 'pass')
report('d_x (256)', dx, fd(L_cell, x), 'pass')

print("== LSTMLayerTimesteps (lines 292-343): L = SCALE*sum(G*h_stack) ==")
Wx, Wh, b = rng.normal(size=(D, 4 * H)) * 0.5, rng.normal(size=(H, 4 * H)) * 0.5, rng.normal(size=4 * H) * 0.5
X = rng.normal(size=(N, T, D))
Gs = rng.normal(size=(N, T, H)) * SCALE
def L_lstm():
    lay = M['LSTMLayerTimesteps'](D, H, Wx, Wh, b)
    return np.sum(Gs * lay.forward(X)[1])
lay = M['LSTMLayerTimesteps'](D, H, Wx, Wh, b); lay.forward(X)
dxs = lay.backward(Gs)
fWx, fWh, fb, fX = fd(L_lstm, Wx), fd(L_lstm, Wh), fd(L_lstm, b), fd(L_lstm, X)
print('   max |grad| (clip inactive if < 1):', max(np.abs(lay.grads[0]).max(), np.abs(lay.grads[1]).max()))
report('as written: d_Wx (line 329 passes d_c_next = 0 every step)', lay.grads[0], fWx, 'fail at 329')
report('as written: d_Wh', lay.grads[1], fWh, 'fail at 329')
report('as written: d_bias', lay.grads[2], fb, 'fail at 329')
report('as written: d_x_stack', dxs, fX, 'fail at 329')
# same loop, feeding the returned d_c_prev back as d_c_next
lay = M['LSTMLayerTimesteps'](D, H, Wx, Wh, b); lay.forward(X)
dWx = dWh = db = 0; dhp = np.zeros((N, H)); dcn = np.zeros((N, H)); dxs2 = np.empty((N, T, D))
for t in reversed(range(T)):
    cellt = lay.timestep_cells[t]
    d_h_next = Gs[:, t, :] + dhp
    d_x, dcn, dhp = cellt.backward(dcn, d_h_next)
    dxs2[:, t, :] = d_x
    dWx = dWx + cellt.grads['Wx']; dWh = dWh + cellt.grads['Wh']; db = db + cellt.grads['bias']
report('with d_c_next <- d_c_prev carried: d_Wx', dWx, fWx, 'pass 328,330-333')
report('with d_c_next <- d_c_prev carried: d_Wh', dWh, fWh, 'pass')
report('with d_c_next <- d_c_prev carried: d_bias', db, fb, 'pass')
report('with d_c_next <- d_c_prev carried: d_x_stack', dxs2, fX, 'pass')
