"""FD check of sooftware/TIL Deep-Learning-from-Scratch-1_2/LSTM/GRU.py (transcribed in sooftware_gru_numpy.md).
Row-vector layout: x (N,D), h_prev (N,H), Wx (D,3H), Wh (H,3H), column blocks [z | r | h_hat].
h_next = (1-z)*h_prev + z*h_hat.  Loss L = sum(G * h_next) so dh_next = G.
md line = code line + 2 (comment line + ```python fence)."""
import numpy as np
rng = np.random.default_rng(0)
N, D, H = 2, 3, 4
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, 3 * H)) * 0.7; Wh = rng.normal(size=(H, 3 * H)) * 0.7
G = rng.normal(size=(N, H))
eps = 1e-6
def blocks(Wx, Wh):
    return (Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:], Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:])

def fwd(Wx=Wx, Wh=Wh, xz=x, xr=x, xh=x, hz=h_prev, hr=h_prev, hc=h_prev, hd=h_prev, add=None):
    add = add or {}
    Wxz, Wxr, Wxh, Whz, Whr, Whh = blocks(Wx, Wh)
    az = xz @ Wxz + hz @ Whz + add.get('az', 0)
    z = sig(az) + add.get('z', 0)
    ar = xr @ Wxr + hr @ Whr + add.get('ar', 0)
    r = sig(ar) + add.get('r', 0)
    rh = r * hc + add.get('rh', 0)
    ah = xh @ Wxh + rh @ Whh + add.get('ah', 0)
    h_hat = np.tanh(ah) + add.get('h_hat', 0)
    h_next = (1 - z) * hd + z * h_hat
    return np.sum(G * h_next), dict(z=z, r=r, h_hat=h_hat, h_next=h_next)

def fd_add(key, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (fwd(add={key: e})[0] - fwd(add={key: -e})[0]) / (2 * eps)
    return g

def fd_kw(name, base):
    g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        p = base.copy(); p[idx] += eps; m = base.copy(); m[idx] -= eps
        g[idx] = (fwd(**{name: p})[0] - fwd(**{name: m})[0]) / (2 * eps)
    return g

def fd_multi(names, base):
    g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        p = base.copy(); p[idx] += eps; m = base.copy(); m[idx] -= eps
        g[idx] = (fwd(**{n: p for n in names})[0] - fwd(**{n: m for n in names})[0]) / (2 * eps)
    return g

def rep(line, a, b):
    ok = (np.shape(a) == np.shape(b)) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")

_, c = fwd(); z, r, h_hat = c['z'], c['r'], c['h_hat']
Wxz, Wxr, Wxh, Whz, Whr, Whh = blocks(Wx, Wh)
# forward rows: the author's np.sigmoid read as the logistic sigmoid; check the stored values against the rows
rep(16, z, sig(x @ Wxz + h_prev @ Whz))
rep(17, r, sig(x @ Wxr + h_prev @ Whr))
rep(18, h_hat, np.tanh(x @ Wxh + (r * h_prev) @ Whh))
rep(19, c["h_next"], (1 - z) * h_prev + z * h_hat)
# backward, transcribed literally
dh_next = G
dh_hat = dh_next * z;                  rep(31, dh_hat, fd_add('h_hat', (N, H)))
dh_prev = dh_next * (1 - z);           rep(32, dh_prev, fd_kw('hd', h_prev))
dt = dh_hat * (1 - h_hat ** 2);        rep(35, dt, fd_add('ah', (N, H)))
dWh = np.dot((r * h_prev).T, dt)
dhr = np.dot(dt, Whh.T);               rep(37, dhr, fd_add('rh', (N, H)))
dWx = np.dot(x.T, dt)
dx = np.dot(dt, Wxh.T);                rep(39, dx, fd_kw('xh', x))
dh_prev += r * dhr;                    rep(40, dh_prev, fd_multi(['hd', 'hc'], h_prev))
dz = dh_next * h_hat - dh_next * h_prev; rep(43, dz, fd_add('z', (N, H)))
dt = dz * z * (1 - z);                 rep(44, dt, fd_add('az', (N, H)))
dWhz = np.dot(h_prev.T, dt)
dh_prev += np.dot(dt, Whz.T);          rep(46, dh_prev, fd_multi(['hd', 'hc', 'hz'], h_prev))
dWxz = np.dot(x.T, dt)
dx += np.dot(dt, Wxz.T);               rep(48, dx, fd_multi(['xh', 'xz'], x))
dr = dhr * h_prev;                     rep(51, dr, fd_add('r', (N, H)))
dt = dr * r * (1 - r);                 rep(52, dt, fd_add('ar', (N, H)))
dWhr = np.dot(h_prev.T, dt)
dh_prev += np.dot(dt, Whr.T);          rep(54, dh_prev, fd_multi(['hd', 'hc', 'hz', 'hr'], h_prev))
dWxr = np.dot(x.T, dt)
dx += np.dot(dt, Wxr.T);               rep(56, dx, fd_multi(['xh', 'xz', 'xr'], x))
dWx_full = np.hstack((dWxz, dWxr, dWx)); dWh_full = np.hstack((dWhz, dWhr, dWh))
gWx = fd_kw('Wx', Wx); gWh = fd_kw('Wh', Wh)
rep(36, dWh, gWh[:, 2*H:]); rep(38, dWx, gWx[:, 2*H:])
rep(45, dWhz, gWh[:, :H]); rep(47, dWxz, gWx[:, :H])
rep(53, dWhr, gWh[:, H:2*H]); rep(55, dWxr, gWx[:, H:2*H])
rep(58, dWx_full, gWx); rep(59, dWh_full, gWh)
