"""FD check of jingxian0320/11785-Deep-Learning-Homework mytorch/gru_cell.py (GRU_Cell, no biases).
Single sample: x (d,), h (h,), W* (h,d)/(h,h); forward r = s(x Wrx^T + h Wrh^T), z likewise,
h~ = tanh(x Wx^T + (r*h) Wh^T), h_t = (1-z)*h + z*h~.  Loss L = sum(delta*h_t), delta (1,h).
Running sums of dh / dx are checked with path-separated copies of h and x."""
import numpy as np
rng = np.random.default_rng(1)
d, H = 4, 3
sig = lambda a: 1/(1+np.exp(-a))
W = {k: rng.normal(size=(H, H))*0.7 for k in ('Wzh', 'Wrh', 'Wh')}
W.update({k: rng.normal(size=(H, d))*0.7 for k in ('Wzx', 'Wrx', 'Wx')})
x = rng.normal(size=d); h = rng.normal(size=H); delta = rng.normal(size=(1, H))

def fwd(W=W, hs=None, xs=None, e=None):
    hs = hs or {}; xs = xs or {}; e = e or {}
    r = sig(np.dot(xs.get('r', x), W['Wrx'].T) + np.dot(hs.get('r', h), W['Wrh'].T) + e.get('ar', 0)) + e.get('r', 0)
    z = sig(np.dot(xs.get('z', x), W['Wzx'].T) + np.dot(hs.get('z', h), W['Wzh'].T) + e.get('az', 0)) + e.get('z', 0)
    rh = r*hs.get('rh', h)
    ht = np.tanh(np.dot(xs.get('h', x), W['Wx'].T) + np.dot(rh + e.get('rh', 0), W['Wh'].T) + e.get('ah', 0)) + e.get('ht', 0)
    hn = (1 - z)*hs.get('d', h) + z*ht
    return dict(r=r, z=z, ht=ht, hn=hn, L=np.sum(delta*hn))
def ng(fun, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps; am = a0.copy(); am[idx] -= eps
        g[idx] = (fun(ap) - fun(am))/(2*eps)
    return g
def rep(line, a, bb):
    ok = np.allclose(np.reshape(a, np.shape(bb)) if np.size(a) == np.size(bb) else np.inf, bb, atol=1e-6, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
gE = lambda k: ng(lambda a: fwd(e={k: a})['L'], np.zeros(H))
gH = lambda *ks: ng(lambda a: fwd(hs={k: a for k in ks})['L'], h)
gX = lambda *ks: ng(lambda a: fwd(xs={k: a for k in ks})['L'], x)
def gW(k):
    return ng(lambda a: fwd(W={**W, k: a})['L'], W[k])

F = fwd(); r, z, h_tilda = F['r'], F['z'], F['ht']
rep(65, sig(np.dot(x, W['Wrx'].T) + np.dot(h, W['Wrh'].T)), r)
rep(66, sig(np.dot(x, W['Wzx'].T) + np.dot(h, W['Wzh'].T)), z)
rep(67, np.tanh(np.dot(x, W['Wx'].T) + np.dot(r*h, W['Wh'].T)), h_tilda)
rep(68, (1 - z)*h + z*h_tilda, F['hn'])

dx = np.zeros((1, d)); dh = np.zeros((1, H))
dh_tilda = delta*z; rep(101, dh_tilda, gE('ht'))
dh += delta*(1 - z); rep(102, dh, gH('d'))
dz = delta*(-h + h_tilda); rep(103, dz, gE('z'))
a = dh_tilda*(1 - h_tilda*h_tilda); rep(105, a, gE('ah'))
dx += np.dot(a, W['Wx']); rep(107, dx, gX('h'))
rep(108, np.dot(a.T, x.reshape(1, d)), gW('Wx'))
rep(109, np.dot(a.T, (r*h).reshape(1, H)), gW('Wh'))
drh = np.dot(a, W['Wh']); rep(110, drh, gE('rh'))
dr = drh*h; rep(111, dr, gE('r'))
dh += drh*r; rep(112, dh, gH('d', 'rh'))
bz = z*(1 - z)*dz; rep(114, bz, gE('az'))
dx += np.dot(bz, W['Wzx']); rep(115, dx, gX('h', 'z'))
rep(116, np.dot(bz.T, x.reshape(1, d)), gW('Wzx'))
dh += np.dot(bz, W['Wzh']); rep(117, dh, gH('d', 'rh', 'z'))
rep(118, np.dot(bz.T, h.reshape(1, H)), gW('Wzh'))
br = r*(1 - r)*dr; rep(120, br, gE('ar'))
dx += np.dot(br, W['Wrx']); rep(121, dx, gX('h', 'z', 'r'))
rep(122, np.dot(br.T, x.reshape(1, d)), gW('Wrx'))
dh += np.dot(br, W['Wrh']); rep(123, dh, gH('d', 'rh', 'z', 'r'))
rep(124, np.dot(br.T, h.reshape(1, H)), gW('Wrh'))
# totals
assert np.allclose(dh, ng(lambda a: fwd(hs={k: a for k in ('d','rh','z','r')})['L'], h).reshape(1, H))
