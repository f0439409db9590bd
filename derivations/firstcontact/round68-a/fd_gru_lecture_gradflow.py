"""Finite-difference check of gru_lecture_gradflow.md (GRU lecture, section 4 "Gradient Flow Analysis").

Forward pass as in section 2 (column vectors, W_* acting on the stacked [h_{t-1}; x_t]).
Checks: the rewritten update (line 42), the one-step Jacobian dh_t/dh_{t-1} of line 58 against a
finite-difference Jacobian, the same with the missing update-gate term added, and the direct-path
product of line 64 (exact when the h-columns of W_z, W_r, W_h are zero, i.e. when only that path exists).
"""
import numpy as np

rng = np.random.default_rng(3)
H, D = 4, 3
sig = lambda a: 1 / (1 + np.exp(-a))
Wr, Wz, Wh = (rng.normal(scale=0.8, size=(H, H + D)) for _ in range(3))
br, bz, bh = (rng.normal(scale=0.3, size=H) for _ in range(3))

def step(h, x, Wr=Wr, Wz=Wz, Wh=Wh):
    r = sig(Wr @ np.concatenate([h, x]) + br)                 # line 12
    z = sig(Wz @ np.concatenate([h, x]) + bz)                 # line 21
    ht = np.tanh(Wh @ np.concatenate([r * h, x]) + bh)        # line 30
    hn = (1 - z) * h + z * ht                                 # line 38
    return hn, dict(r=r, z=z, ht=ht)

def fd_jac(fun, h, e=1e-6):
    J = np.zeros((H, H))
    for k in range(H):
        d = np.zeros(H); d[k] = e
        J[:, k] = (fun(h + d) - fun(h - d)) / (2 * e)
    return J

rows = []
def rep(line, name, A, B):
    err = np.max(np.abs(A - B)) / (1e-12 + np.max(np.abs(B)))
    rows.append((line, name, err < 1e-6, err))

h = rng.normal(size=H); x = rng.normal(size=D)
hn, c = step(h, x)
rep(42, 'h_t = h_{t-1} + z_t*(ht_t - h_{t-1})  (same as line 38)', h + c['z'] * (c['ht'] - h), hn)

J_true = fd_jac(lambda hh: step(hh, x)[0], h)
J_ht = fd_jac(lambda hh: step(hh, x)[1]['ht'], h)      # d ht_t / d h_{t-1} (through r_t and directly)
J_z = fd_jac(lambda hh: step(hh, x)[1]['z'], h)        # d z_t / d h_{t-1}
J_author = np.diag(1 - c['z']) + np.diag(c['z']) @ J_ht                     # line 58 as written
J_fixed = J_author + np.diag(c['ht'] - h) @ J_z                             # + missing update-gate term
rep(58, 'dh_t/dh_{t-1} = (1-z_t) + z_t * d ht_t/d h_{t-1}   [as written]', J_author, J_true)
rep(58, '   same + diag(ht_t - h_{t-1}) dz_t/dh_{t-1}          [corrected]', J_fixed, J_true)

# line 64: with the h-columns of all gate/candidate weights set to 0 the only h_{t-k} -> h_t path is the
# (1 - z_j) one, and the k-step Jacobian must equal prod_j diag(1 - z_j) exactly.
Z = lambda W: np.concatenate([np.zeros((H, H)), W[:, H:]], axis=1)
xs = [rng.normal(size=D) for _ in range(5)]
def roll(h0, **kw):
    hh = h0; zs = []
    for xx in xs:
        hh, cc = step(hh, xx, **kw); zs.append(cc['z'])
    return hh, zs
kw = dict(Wr=Z(Wr), Wz=Z(Wz), Wh=Z(Wh))
Jk = fd_jac(lambda hh: roll(hh, **kw)[0], h)
P = np.eye(H)
for zj in roll(h, **kw)[1]:
    P = np.diag(1 - zj) @ P
rep(64, 'direct-path term prod_j (1-z_j) of dh_t/dh_{t-k} (isolated)', P, Jk)

for line, name, ok, err in rows:
    print(f"line {line:3d}  {'AGREE   ' if ok else 'DISAGREE'}  rel.err={err:.2e}  {name}")
