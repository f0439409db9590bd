# FD check of cmu11785_gru_cell_handout.md: column vectors, W . x matrix products, z_t weights the OLD state,
# reset applied after W_nh h + b_nh (PyTorch style). Loss L = delta . h_t (delta = dL/dh_t given, one step).
# Each schematic chain rule "dL/da = dL/db x db/da" is evaluated literally in numerator layout: dL/db a row
# (1 x dim b), db/da the FD Jacobian of the IMMEDIATE function b(a) (other inputs of b held fixed), a matrix
# argument flattened. The product is compared with the FD gradient of L.
import numpy as np
rng = np.random.default_rng(2)
sig = lambda a: 1/(1+np.exp(-a))
Hin, H = 3, 4
P = {}
for g in 'rzn':
    P['W%sx' % g] = rng.normal(size=(H, Hin))*0.6; P['W%sh' % g] = rng.normal(size=(H, H))*0.6
    P['b%sx' % g] = rng.normal(size=H)*0.3; P['b%sh' % g] = rng.normal(size=H)*0.3
x = rng.normal(size=Hin); hp = rng.normal(size=H); delta = rng.normal(size=H)
def gates(p, x, hp):
    r = sig(p['Wrx']@x+p['brx']+p['Wrh']@hp+p['brh']); z = sig(p['Wzx']@x+p['bzx']+p['Wzh']@hp+p['bzh'])
    return r, z
def n_of(p, x, hp, r): return np.tanh(p['Wnx']@x+p['bnx']+r*(p['Wnh']@hp+p['bnh']))
def h_of(z, n, hp): return (1-z)*n+z*hp
def L_full(p, x, hp):
    r, z = gates(p, x, hp); n = n_of(p, x, hp, r); return delta@h_of(z, n, hp)
def jac(f, a, eps=1e-6):
    a = np.array(a, float); out = np.atleast_1d(f(a)); J = np.zeros((out.size, a.size))
    for i in range(a.size):
        e = np.zeros(a.size); e[i] = eps; e = e.reshape(a.shape)
        J[:, i] = (np.atleast_1d(f(a+e))-np.atleast_1d(f(a-e))).ravel()/(2*eps)
    return J
def withp(k, v): q = dict(P); q[k] = v; return q
r, z = gates(P, x, hp); n = n_of(P, x, hp, r)
ok = lambda name, a, b: print(f'{name:42s} {"PASS" if np.allclose(a, b, atol=1e-6) else "FAIL max err %.3g" % np.max(np.abs(a-b))}')
# FD references (total)
ref = {k: jac(lambda v, k=k: L_full(withp(k, v), x, hp), P[k]).ravel() for k in P}
ref_x = jac(lambda v: L_full(P, v, hp), x).ravel(); ref_h = jac(lambda v: L_full(P, x, v), hp).ravel()
# L79/L80: dL/dz = dL/dh x dh/dz ; dL/dn = dL/dh x dh/dn   (FD reference: perturb z or n inside the cell)
dLdh = delta[None, :]
dLdz = dLdh@jac(lambda v: h_of(v, n, hp), z); dLdn = dLdh@jac(lambda v: h_of(z, v, hp), n)
ok('L79 dL/dz_t', dLdz.ravel(), jac(lambda v: delta@h_of(v, n, hp), z).ravel())
ok('L80 dL/dn_t', dLdn.ravel(), jac(lambda v: delta@h_of(z, v, hp), n).ravel())
# L85 dL/dr = dL/dn x dn/dr
dLdr = dLdn@jac(lambda v: n_of(P, x, hp, v), r)
ok('L85 dL/dr_t', dLdr.ravel(), jac(lambda v: delta@h_of(z, n_of(P, x, hp, v), hp), r).ravel())
# L83-L87: parameters of n
for line, k in (('L83', 'Wnx'), ('L84', 'bnx'), ('L86', 'Wnh'), ('L87', 'bnh')):
    ok(f'{line} dL/d{k}', (dLdn@jac(lambda v, k=k: n_of(withp(k, v), x, hp, r), P[k])).ravel(), ref[k])
for line, k in (('L90', 'Wzx'), ('L91', 'bzx'), ('L92', 'Wzh'), ('L93', 'bzh')):
    ok(f'{line} dL/d{k}', (dLdz@jac(lambda v, k=k: gates(withp(k, v), x, hp)[1], P[k])).ravel(), ref[k])
for line, k in (('L96', 'Wrx'), ('L97', 'brx'), ('L98', 'Wrh'), ('L99', 'brh')):
    ok(f'{line} dL/d{k}', (dLdr@jac(lambda v, k=k: gates(withp(k, v), x, hp)[0], P[k])).ravel(), ref[k])
# L103 dL/dx (immediate partials)
dx = dLdn@jac(lambda v: n_of(P, v, hp, r), x)+dLdz@jac(lambda v: gates(P, v, hp)[1], x)+dLdr@jac(lambda v: gates(P, v, hp)[0], x)
ok('L103 dL/dx_t', dx.ravel(), ref_x)
# L104 dL/dh_{t-1}, immediate partials (z, n held fixed in dh_t/dh_{t-1}; r held fixed in dn_t/dh_{t-1})
dh = (dLdh@jac(lambda v: h_of(z, n, v), hp)+dLdn@jac(lambda v: n_of(P, x, v, r), hp)
      +dLdz@jac(lambda v: gates(P, x, v)[1], hp)+dLdr@jac(lambda v: gates(P, x, v)[0], hp))
ok('L104 dL/dh_{t-1} (immediate partials)', dh.ravel(), ref_h)
def h_total(v):
    rr, zz = gates(P, x, v); return h_of(zz, n_of(P, x, v, rr), v)
dh_tot = dLdh@jac(h_total, hp)+dLdn@jac(lambda v: n_of(P, x, v, r), hp)+dLdz@jac(lambda v: gates(P, x, v)[1], hp)+dLdr@jac(lambda v: gates(P, x, v)[0], hp)
ok('L104 if dh_t/dh_{t-1} read as TOTAL (info)', dh_tot.ravel(), ref_h)
