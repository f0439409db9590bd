# FD check of the MemuSAE LSTM notebook (author's forward and backward as written), numpy only.
import numpy as np
np.random.seed(0)
sig = lambda x: 1.0/(1.0+np.exp(-x)); sd = lambda s: s*(1-s); td = lambda t: 1-t**2
nx, nh, T, B = 3, 4, 5, 6
P = {k: np.random.randn(nh, nx)*0.5 for k in ['Wf','Wi','Wc','Wo']}
P.update({k: np.random.randn(nh, nh)*0.5 for k in ['Uf','Ui','Uc','Uo']})
P.update({k: np.random.randn(nh, 1)*0.5 for k in ['bf','bi','bc','bo']})
P['Wy'] = np.random.randn(1, nh)*0.5; P['by'] = np.random.randn(1, 1)*0.5
X = np.random.randn(T, nx, B); y = (np.random.rand(1, B) > 0.5).astype(float)

def cell_f(P, x, hp, cp):
    f = sig(P['Wf']@x+P['Uf']@hp+P['bf']); i = sig(P['Wi']@x+P['Ui']@hp+P['bi'])
    g = np.tanh(P['Wc']@x+P['Uc']@hp+P['bc']); o = sig(P['Wo']@x+P['Uo']@hp+P['bo'])
    c = f*cp+i*g; h = o*np.tanh(c); return h, c, (x, hp, cp, f, i, g, o, c, h)
def cell_b(P, dh, dc, cache):            # lines 52-78 as written
    x, hp, cp, f, i, g, o, c, h = cache
    tc = np.tanh(c); do = tc*dh; dc = dc + o*dh*td(tc)
    df = cp*dc; di = g*dc; dg = i*dc; dcp = f*dc
    dzf, dzi, dzc, dzo = sd(f)*df, sd(i)*di, td(g)*dg, sd(o)*do
    bs = x.shape[1]
    G = {'Wf': dzf@x.T/bs, 'Wi': dzi@x.T/bs, 'Wc': dzc@x.T/bs, 'Wo': dzo@x.T/bs,
         'Uf': dzf@hp.T/bs, 'Ui': dzi@hp.T/bs, 'Uc': dzc@hp.T/bs, 'Uo': dzo@hp.T/bs,
         'bf': dzf.mean(1, keepdims=True), 'bi': dzi.mean(1, keepdims=True),
         'bc': dzc.mean(1, keepdims=True), 'bo': dzo.mean(1, keepdims=True)}
    dx = P['Wf'].T@dzf+P['Wi'].T@dzi+P['Wc'].T@dzc+P['Wo'].T@dzo
    dhp = P['Uf'].T@dzf+P['Ui'].T@dzi+P['Uc'].T@dzc+P['Uo'].T@dzo
    return G, dx, dhp, dcp
def loss(P, X):
    h = np.zeros((nh, B)); c = np.zeros((nh, B)); caches = []
    for t in range(T):
        h, c, ca = cell_f(P, X[t], h, c); caches.append(ca)
    p = sig(P['Wy']@h+P['by'])
    L = -np.mean(y*np.log(p)+(1-y)*np.log(1-p))      # eps=1e-8 of line 109 dropped
    return L, p, h, caches
L, p, h, caches = loss(P, X)
dy = (p-y)/y.shape[1]                                # line 110
bs = dy.shape[1]
G = {'Wy': dy@h.T/bs, 'by': dy.mean(1, keepdims=True)}   # lines 115-116
dh = P['Wy'].T@dy; dc = np.zeros_like(dh)                # line 117-118
for k in ['Wf','Wi','Wc','Wo','Uf','Ui','Uc','Uo','bf','bi','bc','bo']: G[k] = 0
dX = np.zeros_like(X)
for t in reversed(range(T)):                             # lines 121-124
    g, dx, dh, dc = cell_b(P, dh, dc, caches[t]); dX[t] = dx
    for k in g: G[k] = G[k] + g[k]
def fd(name, arr, eps=1e-6):
    num = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old+eps; lp = loss(P, X)[0]
        arr[idx] = old-eps; lm = loss(P, X)[0]; arr[idx] = old; num[idx] = (lp-lm)/(2*eps)
    return num
print(f"batch size B = {B}")
for k in ['Wy','by','Wf','Wi','Wc','Wo','Uf','Ui','Uc','Uo','bf','bi','bc','bo']:
    num = fd(k, P[k]); an = G[k]
    ok = np.allclose(an, num, rtol=1e-5, atol=1e-8)
    ratio = np.sum(num*an)/np.sum(an*an)
    print(f"d{k:3s}: {'AGREE' if ok else 'DIFFER'}  max|diff|={np.abs(an-num).max():.2e}  FD/author ~ {ratio:.4f}")
numX = fd('X', X)
print(f"dx (lines 76/77 through BPTT, i.e. dh_prev chain): {'AGREE' if np.allclose(dX, numX, rtol=1e-5, atol=1e-9) else 'DIFFER'}  max|diff|={np.abs(dX-numX).max():.2e}")
print("dy (line 110) vs FD of L w.r.t. logit z=Wy h+by:")
z = P['Wy']@h+P['by']; num = np.zeros_like(z)
for j in range(B):
    zp = z.copy(); zp[0, j] += 1e-6; zm = z.copy(); zm[0, j] -= 1e-6
    Lf = lambda zz: -np.mean(y*np.log(sig(zz))+(1-y)*np.log(1-sig(zz)))
    num[0, j] = (Lf(zp)-Lf(zm))/2e-6
print("   ", 'AGREE' if np.allclose(dy, num, rtol=1e-5) else 'DIFFER')
print("Corrected weight gradients (author's value * B):",
      all(np.allclose(G[k]*B, fd(k, P[k]), rtol=1e-5, atol=1e-8) for k in ['Wy','by','Wf','Uo','bc']))
