"""FD check of neelpawarcmu/mytorch-library mytorch/gru_cell.py (CMU 11-785 GRUCell, PyTorch-style).
Single sample, column convention in forward: r = s(Wrh h + bir + Wrx x + bhr), z = s(Wzh h + biz + Wzx x + bhz),
n = tanh(Wnx x + bin + r*(Wnh h + bhn)), h_t = (1-z)*n + z*h.  Backward uses (1,h) rows.
Loss L = sum(delta*h_t), delta (1,h). Running sums of dh/dx via path-separated copies."""
import numpy as np
rng = np.random.default_rng(3)
d, H = 5, 3
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=(H, d))*0.6 for k in ('Wrx', 'Wzx', 'Wnx')}
P.update({k: rng.normal(size=(H, H))*0.6 for k in ('Wrh', 'Wzh', 'Wnh')})
P.update({k: rng.normal(size=H)*0.3 for k in ('bir', 'biz', 'bin', 'bhr', 'bhz', 'bhn')})
x = rng.normal(size=d); h = rng.normal(size=H); delta = rng.normal(size=(1, H))

def fwd(P=P, hs=None, xs=None, e=None):
    hs = hs or {}; xs = xs or {}; e = e or {}
    ar = P['Wrh']@hs.get('r', h) + P['bir'] + P['Wrx']@xs.get('r', x) + P['bhr'] + e.get('ar', 0)
    r = sig(ar) + e.get('r', 0)
    az = P['Wzh']@hs.get('z', h) + P['biz'] + P['Wzx']@xs.get('z', x) + P['bhz'] + e.get('az', 0)
    z = sig(az) + e.get('z', 0)
    ns = P['Wnh']@hs.get('n', h) + P['bhn'] + e.get('ns', 0)
    an = P['Wnx']@xs.get('n', x) + P['bin'] + r*ns + e.get('an', 0)
    n = np.tanh(an) + e.get('n', 0)
    ht = (1 - z)*n + z*hs.get('d', h)
    return dict(r=r, z=z, n=n, ns=ns, ht=ht, L=np.sum(delta*ht))
def ng(fun, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps; am = a0.copy(); am[idx] -= eps
        g[idx] = (fun(ap) - fun(am))/(2*eps)
    return g
def rep(line, a, bb):
    ok = np.size(a) == np.size(bb) and np.allclose(np.reshape(a, np.shape(bb)), bb, atol=1e-6, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
gE = lambda k: ng(lambda a: fwd(e={k: a})['L'], np.zeros(H))
gH = lambda *ks: ng(lambda a: fwd(hs={k: a for k in ks})['L'], h)
gX = lambda *ks: ng(lambda a: fwd(xs={k: a for k in ks})['L'], x)
gP = lambda k: ng(lambda a: fwd(P={**P, k: a})['L'], P[k])

F = fwd()
# forward rows (reference: PyTorch GRU with b_r = b_ir + b_hr etc.)
t1 = np.dot(P['Wrh'], h) + P['bir']; t2 = np.dot(P['Wrx'], x) + P['bhr']
rep(43, t1, P['Wrh']@h + P['bir']); rep(44, t2, P['Wrx']@x + P['bhr'])
r = sig(t1 + t2); rep(45, r, sig(P['Wrx']@x + P['bhr'] + P['Wrh']@h + P['bir']))
t1 = np.dot(P['Wzh'], h) + P['biz']; t2 = np.dot(P['Wzx'], x) + P['bhz']
rep(48, t1, P['Wzh']@h + P['biz']); rep(49, t2, P['Wzx']@x + P['bhz'])
z = sig(t1 + t2); rep(50, z, F['z'])
t1 = np.dot(P['Wnx'], x) + P['bin']; t2 = r*(np.dot(P['Wnh'], h) + P['bhn'])
rep(53, t1, P['Wnx']@x + P['bin']); rep(54, t2, F['r']*F['ns'])
n_state = np.dot(P['Wnh'], h) + P['bhn']; rep(56, n_state, F['ns'])
n = np.tanh(t1 + t2); rep(57, n, F['n'])
t1 = (1 - z)*n; t2 = z*h
rep(60, t1, (1 - F['z'])*F['n']); rep(61, t2, F['z']*h); rep(62, t1 + t2, F['ht'])

X = x.reshape(1, -1); Hd = h.reshape(1, -1); R = r.reshape(1, -1); Z = z.reshape(1, -1); N = n.reshape(1, -1)
dx = np.zeros_like(X); dh = np.zeros_like(Hd); dn = np.zeros_like(N); dz = np.zeros_like(Z); dr = np.zeros_like(Z)
dz += delta*(-N + Hd); rep(134, dz, gE('z'))
dn += delta*(1 - Z); rep(135, dn, gE('n'))
dh += delta*Z; rep(136, dh, gH('d'))
gan = dn*(1 - N**2); rep(139, gan, gE('an'))
rgan = gan*R; rep(140, rgan, gE('ns'))
rep(142, np.dot(gan.T, X), gP('Wnx'))
dx += np.dot(gan, P['Wnx']); rep(143, dx, gX('n'))
rep(144, np.sum(gan, axis=0), gP('bin'))
dr += gan*n_state.T; rep(145, dr, gE('r'))
rep(148, np.dot(rgan.T, Hd), gP('Wnh'))
dh += np.dot(rgan, P['Wnh']); rep(149, dh, gH('d', 'n'))
rep(150, np.sum(rgan, axis=0), gP('bhn'))
gaz = dz*Z*(1 - Z); rep(153, gaz, gE('az'))
dx += np.dot(gaz, P['Wzx']); rep(155, dx, gX('n', 'z'))
rep(156, np.dot(gaz.T, X), gP('Wzx'))
rep(157, np.dot(gaz.T, Hd), gP('Wzh'))
dh += np.dot(gaz, P['Wzh']); rep(158, dh, gH('d', 'n', 'z'))
rep(159, np.sum(gaz, axis=0), gP('biz'))
rep(160, np.sum(gaz, axis=0), gP('bhz'))
gar = dr*R*(1 - R); rep(164, gar, gE('ar'))
dx += np.dot(gar, P['Wrx']); rep(165, dx, gX('n', 'z', 'r'))
rep(166, np.dot(gar.T, X), gP('Wrx'))
rep(167, np.dot(gar.T, Hd), gP('Wrh'))
dh += np.dot(gar, P['Wrh']); rep(168, dh, gH('d', 'n', 'z', 'r'))
rep(169, np.sum(gar, axis=0), gP('bir'))
rep(170, np.sum(gar, axis=0), gP('bhr'))
