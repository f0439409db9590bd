# Finite-difference check of GRUCell.forward/_backward in keydnn_v2 _gru_module.py (commit 6935242), numpy only.
# Forward as written (note lines 257-312): packed W_ih (D,3H), W_hh (H,3H) = [z | r | n] blocks, combined biases
# b_gate = b_ih_gate + b_hh_gate, a_n = x W_in + (r*h) W_hn + b_n. Loss L = sum(G * h_t), so grad_out = G.
import numpy as np
rng = np.random.default_rng(0)
N, D, H = 3, 4, 5
eps = 1e-6
def fd(f, X):
    Gr = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        Gr[idx] = (f(Xp) - f(Xm)) / (2*eps)
    return Gr
bad = []
def report(line, name, got, ref):
    ok = np.allclose(got, ref, atol=1e-6, rtol=1e-5)
    if not ok: bad.append(line)
    print(f"line {line:4d} {name:36s} {'AGREES' if ok else 'DISAGREES'}  maxdiff={np.max(np.abs(got-ref)):.2e}")
def _sigmoid(x):                      # note lines 121-128, in float64 here
    out = np.empty_like(x); pos = x >= 0; neg = ~pos
    out[pos] = 1.0/(1.0+np.exp(-x[pos])); ex = np.exp(x[neg]); out[neg] = ex/(1.0+ex)
    return out
x = rng.normal(size=(N, D)); h = rng.normal(size=(N, H))
Wih = rng.normal(size=(D, 3*H))*.5; Whh = rng.normal(size=(H, 3*H))*.5
bih = rng.normal(size=3*H)*.3; bhh = rng.normal(size=3*H)*.3
G = rng.normal(size=(N, H))
report(125, "_sigmoid == 1/(1+exp(-x))", _sigmoid(np.linspace(-30, 30, 61)), 1/(1+np.exp(-np.linspace(-30, 30, 61))))
def fwd(x=x, h=h, Wih=Wih, Whh=Whh, bih=bih, bhh=bhh, ret=False):
    a = x @ Wih + h @ Whh + np.repeat(bih.reshape(1, -1), x.shape[0], 0) + np.repeat(bhh.reshape(1, -1), x.shape[0], 0)  # 257, 263
    W_iz, W_ir, W_in = Wih[:, 0:H], Wih[:, H:2*H], Wih[:, 2*H:3*H]
    W_hz, W_hr, W_hn = Whh[:, 0:H], Whh[:, H:2*H], Whh[:, 2*H:3*H]
    b_z = (bih[0:H] + bhh[0:H]).reshape(1, -1); b_r = (bih[H:2*H] + bhh[H:2*H]).reshape(1, -1)
    b_n = (bih[2*H:3*H] + bhh[2*H:3*H]).reshape(1, -1)                                   # 288-290
    a_z = x @ W_iz + h @ W_hz + b_z; a_r = x @ W_ir + h @ W_hr + b_r                      # 296-300
    z = _sigmoid(a_z); r = _sigmoid(a_r)                                                  # 302, 303
    rh = r*h                                                                              # 305
    a_n = x @ W_in + rh @ W_hn + b_n                                                      # 306, 308
    n = np.tanh(a_n)                                                                      # 310
    h_t = (1.0 - z)*n + z*h                                                               # 312
    if ret: return a, a_z, a_r, z, r, n, h_t, a_n
    return np.sum(G*h_t)
a, a_z, a_r, z, r, n, h_t, a_n = fwd(ret=True)
report(266, "a[:, 0:H] (line 266) == a_z (296/299)", a[:, 0:H], a_z)
report(267, "a[:, H:2H] (line 267) == a_r (297/300)", a[:, H:2*H], a_r)
report(268, "a_n_base == x W_in + h W_hn + b_n", a[:, 2*H:], x @ Wih[:, 2*H:] + h @ Whh[:, 2*H:] + bih[2*H:] + bhh[2*H:])
# backward as written, note lines 401-470
gh = G
W_iz, W_ir, W_in = Wih[:, 0:H], Wih[:, H:2*H], Wih[:, 2*H:3*H]
W_hz, W_hr, W_hn = Whh[:, 0:H], Whh[:, H:2*H], Whh[:, 2*H:3*H]
grad_z = gh*(h - n); grad_n = gh*(1.0 - z); grad_h = gh*z               # 401-403
grad_a_n = grad_n*(1.0 - n*n)                                           # 406
rh = r*h                                                                # 409
grad_x = grad_a_n @ W_in.T                                              # 410
grad_W_in = x.T @ grad_a_n                                              # 411
grad_W_hn = rh.T @ grad_a_n                                             # 412
grad_rh = grad_a_n @ W_hn.T                                             # 413
grad_r = grad_rh*h                                                      # 416
grad_h += grad_rh*r                                                     # 417
grad_a_r = grad_r*(r*(1.0 - r))                                         # 420
grad_x += grad_a_r @ W_ir.T                                             # 422
grad_h += grad_a_r @ W_hr.T                                             # 423
grad_W_ir = x.T @ grad_a_r                                              # 424
grad_W_hr = h.T @ grad_a_r                                              # 425
grad_a_z = grad_z*(z*(1.0 - z))                                         # 428
grad_x += grad_a_z @ W_iz.T                                             # 430
grad_h += grad_a_z @ W_hz.T                                             # 431
grad_W_iz = x.T @ grad_a_z                                              # 432
grad_W_hz = h.T @ grad_a_z                                              # 433
grad_Wih = np.concatenate([grad_W_iz, grad_W_ir, grad_W_in], axis=1)    # 436
grad_Whh = np.concatenate([grad_W_hz, grad_W_hr, grad_W_hn], axis=1)    # 439
db = np.concatenate([grad_a_z.sum(0), grad_a_r.sum(0), grad_a_n.sum(0)])  # 467-470
# intermediates
def L_from(z_, r_, n_=None, rh_=None, a_n_=None):
    if n_ is None:
        if a_n_ is None:
            if rh_ is None: rh_ = r_*h
            a_n_ = x @ W_in + rh_ @ W_hn + (bih[2*H:] + bhh[2*H:])
        n_ = np.tanh(a_n_)
    return np.sum(G*((1.0 - z_)*n_ + z_*h))
report(401, "grad_z = dL/dz", grad_z, fd(lambda Z: L_from(Z, r, n_=n), z))
report(402, "grad_n = dL/dn", grad_n, fd(lambda Nn: L_from(z, r, n_=Nn), n))
report(406, "grad_a_n = dL/da_n", grad_a_n, fd(lambda A: L_from(z, r, a_n_=A), a_n))
report(413, "grad_rh = dL/d(r*h)", grad_rh, fd(lambda RH: L_from(z, r, rh_=RH), rh))
report(416, "grad_r = dL/dr", grad_r, fd(lambda R: L_from(z, R), r))
report(420, "grad_a_r = dL/da_r", grad_a_r, fd(lambda A: L_from(z, _sigmoid(A)), a_r))
report(428, "grad_a_z = dL/da_z", grad_a_z, fd(lambda A: L_from(_sigmoid(A), r), a_z))
report(430, "grad_x (410+422+430)", grad_x, fd(lambda X: fwd(x=X), x))
report(431, "grad_h (403+417+423+431)", grad_h, fd(lambda X: fwd(h=X), h))
gW = fd(lambda W: fwd(Wih=W), Wih); gU = fd(lambda W: fwd(Whh=W), Whh)
report(432, "grad_W_iz", grad_W_iz, gW[:, 0:H]); report(424, "grad_W_ir", grad_W_ir, gW[:, H:2*H])
report(411, "grad_W_in", grad_W_in, gW[:, 2*H:]); report(436, "grad_Wih packed", grad_Wih, gW)
report(433, "grad_W_hz", grad_W_hz, gU[:, 0:H]); report(425, "grad_W_hr", grad_W_hr, gU[:, H:2*H])
report(412, "grad_W_hn", grad_W_hn, gU[:, 2*H:]); report(439, "grad_Whh packed", grad_Whh, gU)
report(470, "db for b_ih", db, fd(lambda B: fwd(bih=B), bih))
report(470, "db for b_hh (same array)", db, fd(lambda B: fwd(bhh=B), bhh))
# two-step BPTT: the engine sums per-step Context gradients; check the per-step formulas compose
def two(Wih_=Wih, Whh_=Whh, x1=x, x2=x[::-1].copy()):
    global_G = G
    def step(xx, hh):
        a_z = xx @ Wih_[:, :H] + hh @ Whh_[:, :H] + bih[:H] + bhh[:H]
        a_r = xx @ Wih_[:, H:2*H] + hh @ Whh_[:, H:2*H] + bih[H:2*H] + bhh[H:2*H]
        zz, rr = _sigmoid(a_z), _sigmoid(a_r)
        nn = np.tanh(xx @ Wih_[:, 2*H:] + (rr*hh) @ Whh_[:, 2*H:] + bih[2*H:] + bhh[2*H:])
        return (1-zz)*nn + zz*hh, (zz, rr, nn)
    h1, c1 = step(x1, h); h2, c2 = step(x2, h1)
    return h1, h2, c1, c2
def bwd(xx, hh, cache, g):
    zz, rr, nn = cache
    gz = g*(hh-nn); gn = g*(1-zz); ghh = g*zz; gan = gn*(1-nn*nn); rhh = rr*hh
    gW_in = xx.T @ gan; gW_hn = rhh.T @ gan; grh = gan @ Whh[:, 2*H:].T
    gr = grh*hh; ghh = ghh + grh*rr; gar = gr*rr*(1-rr); ghh = ghh + gar @ Whh[:, H:2*H].T
    gaz = gz*zz*(1-zz); ghh = ghh + gaz @ Whh[:, :H].T
    return ghh, np.concatenate([hh.T @ gaz, hh.T @ gar, gW_hn], axis=1)
G1 = rng.normal(size=(N, H)); G2 = rng.normal(size=(N, H))
x2 = x[::-1].copy()
h1, h2, c1, c2 = two()
gh1_from2, dWhh2 = bwd(x2, h1, c2, G2)
_, dWhh1 = bwd(x, h, c1, G1 + gh1_from2)
ref = fd(lambda W: (lambda r_: np.sum(G1*r_[0]) + np.sum(G2*r_[1]))(two(Whh_=W)), Whh)
# note: bwd uses the unperturbed Whh, fd perturbs it; compare at the base point
report(439, "2-step BPTT dW_hh (sum of per-step)", dWhh1 + dWhh2, ref)
print("\nDISAGREEING rows:", sorted(set(bad)))
