# Finite-difference check of fosii_gru.md (SudYar/FOSII, "Расчет GRU").
# Author's conventions: row vectors, [x_t, h_{t-1}] is a (1, in+H) row, W_z, W_r, W_h have shape (in+H, H)
# (as in the repo's GRULayer.py: weights shape (input_size+hidden, hidden), h part = rows [in:]).
# sigma'(z_t) / tanh'(h^_t) read as the derivative of the nonlinearity that produced z_t / h^_t: z(1-z), 1-h^^2.
import numpy as np
rng = np.random.default_rng(0)
IN, H = 3, 4
sig = lambda a: 1/(1+np.exp(-a))
Wz, Wr, Wh = [rng.normal(size=(IN+H, H))*0.7 for _ in range(3)]
bz, br, bh = [rng.normal(size=(1, H))*0.3 for _ in range(3)]
x = rng.normal(size=(1, IN)); hp = rng.normal(size=(1, H)); g = rng.normal(size=(1, H))  # L = sum(g*h_t)

def fwd(x, hp, Wz, Wr, Wh, bz, br, bh, extra=None):
    xh = np.hstack([x, hp])
    az = xh@Wz + bz; ar = xh@Wr + br
    if extra is not None: az = az + extra.get('az', 0); ar = ar + extra.get('ar', 0)
    z = sig(az); r = sig(ar)                                   # line 10, 12
    xrh = np.hstack([x, r*hp]); ah = xrh@Wh + bh
    if extra is not None: ah = ah + extra.get('ah', 0)
    hh = np.tanh(ah)                                           # line 14
    h = (1-z)*hp + z*hh                                        # line 16
    return h, dict(z=z, r=r, hh=hh, xh=xh, xrh=xrh)
L = lambda *a, **k: float(np.sum(g*fwd(*a, **k)[0]))
def num(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        A[i] += eps; p = f(); A[i] -= 2*eps; m = f(); A[i] += eps; G[i] = (p-m)/(2*eps)
    return G
def rep(name, a, b):
    if a is None: print(f"{name:55s} SHAPE ERROR (formula as written cannot be evaluated)"); return
    ok = a.shape == b.shape and np.allclose(a, b, atol=1e-6)
    print(f"{name:55s} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(a-b)) if a.shape==b.shape else 'shape '+str(a.shape)+' vs '+str(b.shape)}")
h, c = fwd(x, hp, Wz, Wr, Wh, bz, br, bh); z, r, hh, xh, xrh = c['z'], c['r'], c['hh'], c['xh'], c['xrh']
dh = g
# numerical gradients w.r.t. pre-activations
e = {'az': np.zeros((1, H)), 'ar': np.zeros((1, H)), 'ah': np.zeros((1, H))}
fd_az = num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh, extra=e), e['az'])
fd_ar = num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh, extra=e), e['ar'])
fd_ah = num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh, extra=e), e['ah'])
d_z = dh*(hh-hp)*z*(1-z)                                        # line 21
d_hh = dh*z*(1-hh**2)                                           # line 23
rep("line 21 delta_z (pre-activation of z)", d_z, fd_az)
rep("line 23 delta_h^ (pre-activation of h^)", d_hh, fd_ah)
def try_(f):
    try: return f()
    except ValueError: return None
d_r_lit = try_(lambda: (d_hh @ Wh[:, IN:].T) * hp * r*(1-r))   # line 25 as written: W_h[:, in:]
rep("line 25 delta_r as written (W_h[:, in:]^T)", d_r_lit, fd_ar)
d_r = (d_hh @ Wh[IN:, :].T) * hp * r*(1-r)                      # corrected index: rows in: (h part)
rep("line 25 delta_r with W_h[in:, :]^T (corrected)", d_r, fd_ar)
rep("line 28 dW_z = [x,h]^T delta_z", xh.T@d_z, num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh), Wz))
rep("line 28 db_z = sum delta_z", d_z, num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh), bz))
rep("line 30 dW_r = [x,h]^T delta_r (corrected delta_r)", xh.T@d_r, num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh), Wr))
rep("line 30 db_r = sum delta_r", d_r, num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh), br))
rep("line 32 dW_h = [x, r*h]^T delta_h^", xrh.T@d_hh, num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh), Wh))
rep("line 32 db_h = sum delta_h^", d_hh, num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh), bh))
fd_hp = num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh), hp)
fd_x = num(lambda: L(x, hp, Wz, Wr, Wh, bz, br, bh), x)
lit = try_(lambda: dh*(1-z) + d_z@Wz[:, IN:].T + d_r@Wr[:, IN:].T + (d_hh@Wh[:, IN:].T)*r)
rep("line 35 delta_h_{t-1} as written (W[:, in:]^T)", lit, fd_hp)
rep("line 35 delta_h_{t-1} with W[in:, :]^T (corrected)", dh*(1-z) + d_z@Wz[IN:].T + d_r@Wr[IN:].T + (d_hh@Wh[IN:].T)*r, fd_hp)
lit = try_(lambda: d_z@Wz[:, :IN].T + d_r@Wr[:, :IN].T + d_hh@Wh[:, :IN].T)
rep("line 37 delta_x as written (W[:, :in]^T)", lit, fd_x)
rep("line 37 delta_x with W[:in, :]^T (corrected)", d_z@Wz[:IN].T + d_r@Wr[:IN].T + d_hh@Wh[:IN].T, fd_x)
# square case in == H: the written index runs but selects columns, not the h rows
IN2 = H2 = 3
Wz2, Wr2, Wh2 = [rng.normal(size=(IN2+H2, H2)) for _ in range(3)]
print("in == H case: W_h[:, in:] has shape", Wh2[:, IN2:].shape, "(empty: columns in..H-1), W_h[in:, :] has shape", Wh2[IN2:, :].shape)
