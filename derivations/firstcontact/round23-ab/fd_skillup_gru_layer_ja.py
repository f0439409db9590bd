"""FD check of the SkillUp-style GRU layer notebook (ssshun3/DLcode 6_11_GRU_layer.ipynb).
Row-vector layout: x [N,D], h [N,H], Wx [D,3H], Wh [H,3H], b [3H], blocks ordered z, r, h~.
h_next = z*h_prev + (1-z)*h_hat. Loss L = sum(dh_next*h_next).
Path-separated copies of h_prev / x check the running partial sums of dh_prev / dx."""
import numpy as np
rng = np.random.default_rng(2)
N, D, H = 3, 4, 5
sigmoid = lambda a: 1/(1+np.exp(-a))
Wx = rng.normal(size=(D, 3*H))*0.6; Wh = rng.normal(size=(H, 3*H))*0.6; b = rng.normal(size=3*H)*0.3
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); dh_next = rng.normal(size=(N, H))

def fwd(Wx=Wx, Wh=Wh, b=b, xs=None, hs=None, eps=None):
    xs = xs or {}; hs = hs or {}; e = eps or {}
    Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:]
    Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:]
    bhz, bhr, bhh = b[:H], b[H:2*H], b[2*H:]
    az = np.dot(xs.get('z', x), Wxz) + np.dot(hs.get('z', h_prev), Whz) + bhz + e.get('az', 0)
    ar = np.dot(xs.get('r', x), Wxr) + np.dot(hs.get('r', h_prev), Whr) + bhr + e.get('ar', 0)
    z = sigmoid(az) + e.get('z', 0)
    r = sigmoid(ar) + e.get('r', 0)
    rh = r*hs.get('rh', h_prev) + e.get('rh', 0)
    ah = np.dot(xs.get('h', x), Wxh) + np.dot(rh, Whh) + bhh + e.get('ah', 0)
    h_hat = np.tanh(ah) + e.get('hh', 0)
    h_next = z*hs.get('d', h_prev) + (1-z)*h_hat
    return dict(z=z, r=r, hh=h_hat, hn=h_next, L=np.sum(dh_next*h_next))

def ng(fun, a0, h=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += h; am = a0.copy(); am[idx] -= h
        g[idx] = (fun(ap) - fun(am))/(2*h)
    return g
gE = lambda k: ng(lambda a: fwd(eps={k: a})['L'], np.zeros((N, H)))
gH = lambda *ks: ng(lambda a: fwd(hs={k: a for k in ks})['L'], h_prev)
gXs = lambda *ks: ng(lambda a: fwd(xs={k: a for k in ks})['L'], x)
def gW(which, blk):
    base = {'Wx': Wx, 'Wh': Wh}[which]
    def f(a):
        M = base.copy(); M[:, blk*H:(blk+1)*H] = a
        return fwd(**{which: M})['L']
    return ng(f, base[:, blk*H:(blk+1)*H].copy())
def rep(line, a, bb):
    print(f"line {line}: {'OK' if np.allclose(a, bb, atol=1e-6, rtol=1e-5) else 'MISMATCH'}")

F = fwd()
Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:]
Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:]
bhz, bhr, bhh = b[:H], b[H:2*H], b[2*H:]
z = sigmoid(np.dot(x, Wxz) + np.dot(h_prev, Whz) + bhz); rep(36, z, 1/(1+np.exp(-(x@Wxz + h_prev@Whz + bhz))))
r = sigmoid(np.dot(x, Wxr) + np.dot(h_prev, Whr) + bhr); rep(37, r, 1/(1+np.exp(-(x@Wxr + h_prev@Whr + bhr))))
h_hat = np.tanh(np.dot(x, Wxh) + np.dot(r*h_prev, Whh) + bhh); rep(38, h_hat, F['hh'])
h_next = z*h_prev + (1-z)*h_hat; rep(39, h_next, F['hn'])

dh_hat = dh_next*(1 - z); rep(56, dh_hat, gE('hh'))
dh_prev = dh_next*z; rep(57, dh_prev, gH('d'))
dt = dh_hat*(1 - h_hat**2); rep(60, dt, gE('ah'))
dbt = dt; rep(61, dbt, gE('ah'))
dWhh = np.dot((r*h_prev).T, dt); rep(62, dWhh, gW('Wh', 2))
dhr = np.dot(dt, Whh.T); rep(63, dhr, gE('rh'))
dWxh = np.dot(x.T, dt); rep(64, dWxh, gW('Wx', 2))
dx = np.dot(dt, Wxh.T); rep(65, dx, gXs('h'))
dh_prev += r*dhr; rep(66, dh_prev, gH('d') + gH('rh'))
dz = dh_next*h_prev - dh_next*h_hat; rep(69, dz, gE('z'))
dt = dz*z*(1-z); rep(70, dt, gE('az'))
dbz = dt; rep(71, dbz, gE('az'))
dWhz = np.dot(h_prev.T, dt); rep(72, dWhz, gW('Wh', 0))
dh_prev += np.dot(dt, Whz.T); rep(73, dh_prev, gH('d', 'rh', 'z'))
dWxz = np.dot(x.T, dt); rep(74, dWxz, gW('Wx', 0))
dx += np.dot(dt, Wxz.T); rep(75, dx, gXs('h', 'z'))
dr = dhr*h_prev; rep(78, dr, gE('r'))
dt = dr*r*(1-r); rep(79, dt, gE('ar'))
dbr = dt; rep(80, dbr, gE('ar'))
dWhr = np.dot(h_prev.T, dt); rep(81, dWhr, gW('Wh', 1))
dh_prev += np.dot(dt, Whr.T); rep(82, dh_prev, gH('d', 'rh', 'z', 'r'))
dWxr = np.dot(x.T, dt); rep(83, dWxr, gW('Wx', 1))
dx += np.dot(dt, Wxr.T); rep(84, dx, gXs('h', 'z', 'r'))
dA = np.hstack((dbz, dbr, dbt)); rep(86, dA, np.hstack((gE('az'), gE('ar'), gE('ah'))))
dWx = np.hstack((dWxz, dWxr, dWxh)); rep(88, dWx, ng(lambda a: fwd(Wx=a)['L'], Wx))
dWh = np.hstack((dWhz, dWhr, dWhh)); rep(89, dWh, ng(lambda a: fwd(Wh=a)['L'], Wh))
db = dA.sum(axis=0); rep(90, db, ng(lambda a: fwd(b=a)['L'], b))
