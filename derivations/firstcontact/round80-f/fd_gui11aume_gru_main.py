# Finite-difference check of gui11aume_gru_main.py (GRULayer.forward/backprop and the wiring in main), numpy, Python 3.
import numpy as np
rng = np.random.default_rng(2)
sz, T = 4, 5           # xsz = hsz = ysz = sigma, as in main()
sigf = lambda x: 1 / (1 + np.exp(-x))
def softmax(x): e = np.exp(x - np.max(x)); return e / e.sum()

def new_layer():
    L = {k: rng.uniform(-0.6, 0.6, size=(sz, sz)) for k in ['Wz', 'Uz', 'Wr', 'Ur', 'Wh', 'Uh', 'Wy']}
    L.update({k: rng.uniform(-0.3, 0.3, size=sz) for k in ['bz', 'br', 'bh', 'by']})
    L['h'] = rng.normal(size=sz) * 0.5      # carried-over state (self.h)
    return L

def forward(L, x):                           # lines 146-171
    fwd = dict(x=x[:], h=[L['h']], z=[], r=[], hh=[], y=[]); prevh = L['h']
    for t in range(len(x)):
        z = sigf(L['Wz'] @ x[t] + L['Uz'] @ prevh + L['bz'])
        r = sigf(L['Wr'] @ x[t] + L['Ur'] @ prevh + L['br'])
        hh = np.tanh(L['Wh'] @ x[t] + L['Uh'] @ (r * prevh) + L['bh'])
        h = z * prevh + (1 - z) * hh
        y = L['Wy'] @ h + L['by']
        for k, v in zip(['z', 'r', 'hh', 'h', 'y'], [z, r, hh, h, y]): fwd[k].append(v)
        prevh = h
    return fwd

def backprop(L, fwd, dy, fix_dx=False):     # lines 177-229 as written
    g = {k: np.zeros_like(L[k]) for k in ['Wz', 'Uz', 'Wr', 'Ur', 'Wh', 'Uh', 'Wy', 'bz', 'br', 'bh', 'by']}
    g['dx'] = [None] * len(dy); dhn = np.zeros(sz)
    for t in reversed(range(len(dy))):
        g['by'] += dy[t]; g['Wy'] += np.outer(dy[t], fwd['h'][t + 1])
        dh = L['Wy'].T @ dy[t] + dhn
        dhh = dh * (1 - fwd['z'][t]); dhhl = dhh * (1 - fwd['hh'][t] ** 2)
        g['Wh'] += np.outer(dhhl, fwd['x'][t]); g['Uh'] += np.outer(dhhl, fwd['r'][t] * fwd['h'][t]); g['bh'] += dhhl
        drh = L['Uh'].T @ dhhl; dr = drh * fwd['h'][t]; drl = dr * fwd['r'][t] * (1 - fwd['r'][t])
        g['Wr'] += np.outer(drl, fwd['x'][t]); g['Ur'] += np.outer(drl, fwd['h'][t]); g['br'] += drl
        dz = dh * (fwd['h'][t] - fwd['hh'][t]); dzl = dz * fwd['z'][t] * (1 - fwd['z'][t])
        g['Wz'] += np.outer(dzl, fwd['x'][t]); g['Uz'] += np.outer(dzl, fwd['h'][t].T); g['bz'] += dzl
        dhn = L['Uz'].T @ dzl + L['Ur'].T @ drl + dh * fwd['z'][t] + drh * fwd['r'][t]
        dxr = L['Wr'].T @ drl; dxz = L['Wz'].T @ dzl
        g['dx'][t] = dxr + dxz + (L['Wh'].T @ dhhl if fix_dx else 0)
    return g

def num(f, X, eps=1e-6):
    gr = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        old = X[idx]; X[idx] = old + eps; a = f(); X[idx] = old - eps; b = f(); X[idx] = old; gr[idx] = (a - b) / (2 * eps)
    return gr

def rep(line, name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line:4s} {name:34s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}")

xs = [np.eye(sz)[rng.integers(sz)] for _ in range(T)]
tg = [np.eye(sz)[rng.integers(sz)] for _ in range(T)]
X = np.array(xs)

# ---- one layer, L = sum_t xent(tg[t], softmax(y_t)) (lines 17, 25, 314) ----
G1 = new_layer()
def loss1(): 
    f = forward(G1, list(X)); return sum(-np.dot(tg[t], np.log(softmax(f['y'][t]))) for t in range(T))
f1 = forward(G1, list(X)); p = [softmax(v) for v in f1['y']]
dy = [p[t] - tg[t] for t in range(T)]                                     # xent_loss.softmax_dy
rep('25', 'softmax_dy = p - x = dL/dy', np.array(dy), np.array([num(lambda: -np.dot(tg[t], np.log(softmax(Y))), Y := f1['y'][t].copy()) for t in range(T)]))
g1 = backprop(G1, f1, dy)
for k, ln in [('by', '184'), ('Wy', '185'), ('Wh', '193'), ('Uh', '194'), ('bh', '195'), ('Wr', '203'), ('Ur', '204'),
              ('br', '205'), ('Wz', '212'), ('Uz', '213'), ('bz', '214')]:
    rep(ln, 'd' + k, g1[k], num(loss1, G1[k]))
gX = num(lambda: (lambda f: sum(-np.dot(tg[t], np.log(softmax(f['y'][t]))) for t in range(T)))(forward(G1, list(X))), X)
rep('227', 'grd.dx as written (dxr + dxz)', np.array(g1['dx']), gX)
rep('227*', 'dx with + Wh.T @ dhhl', np.array(backprop(G1, f1, dy, fix_dx=True)['dx']), gX)

# ---- two layers as in 'Training proper' (lines 399-407, with two layers): G1 -> G2 -> softmax ----
G1, G2 = new_layer(), new_layer()
def loss2():
    a = forward(G1, list(X)); b = forward(G2, a['y']); return sum(-np.dot(tg[t], np.log(softmax(b['y'][t]))) for t in range(T))
a = forward(G1, list(X)); bb = forward(G2, a['y']); p = [softmax(v) for v in bb['y']]; dy = [p[t] - tg[t] for t in range(T)]
dG2 = backprop(G2, bb, dy); dG1 = backprop(G1, a, dG2['dx'])
rep('406', 'top layer dWh (G2.backprop)', dG2['Wh'], num(loss2, G2['Wh']))
rep('407', 'lower layer dWh via dG2.dx', dG1['Wh'], num(loss2, G1['Wh']))
rep('407', 'lower layer dUz via dG2.dx', dG1['Uz'], num(loss2, G1['Uz']))
dG2f = backprop(G2, bb, dy, fix_dx=True); dG1f = backprop(G1, a, dG2f['dx'])
rep('407*', 'lower layer dWh if dx fixed', dG1f['Wh'], num(loss2, G1['Wh']))

# ---- 'Pre-training 1+2' wiring (lines 352-357): dG2 = G1.backprop(oG2, ...) ----
dG2_pt = backprop(G1, bb, dy, fix_dx=True)     # layer object G1 used on G2's forward record (dx fixed to isolate this bug)
rep('356', 'dG2 = G1.backprop(oG2): dWh of G2', dG2_pt['Wh'], num(loss2, G2['Wh']))
rep('356', 'dG2 = G1.backprop(oG2): dUz of G2', dG2_pt['Uz'], num(loss2, G2['Uz']))
