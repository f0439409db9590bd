# FD checks for zh_numpy_grucell_backward_comments.md (step-local GRU backward given dy, dh_next)
# Assumed helpers (not shown in the source): sigmoid(z)=1/(1+e^-z), tanh=np.tanh,
# sigmoid_derivative(z)=sigmoid(z)(1-sigmoid(z)), tanh_derivative(z)=1-tanh(z)^2, both taking PRE-activations
# (the code passes pre-activations to them).
import numpy as np
rng = np.random.default_rng(7)
eps = 1e-6
sig = lambda z: 1/(1+np.exp(-z))
def rep(line, ok, note=""): print(line, "OK" if ok else "MISMATCH", note)
I, H, O = 3, 4, 2
Wz, Wr, Wh = (rng.normal(size=(H,H+I))*0.7 for _ in range(3))
bz, br, bh = (rng.normal(size=H)*0.3 for _ in range(3))
Why = rng.normal(size=(O,H)); by = rng.normal(size=O)
x = rng.normal(size=I); hp = rng.normal(size=H)*0.8
dy = rng.normal(size=O); dhn = rng.normal(size=H)   # upstream gradients
# local objective whose gradients w.r.t. y and h are exactly dy and dh_next
def fwd(P=None, x=x, hp=hp, Wz=Wz, Wr=Wr, Wh=Wh, bz=bz, br=br, bh=bh, Why=Why, by=by):
    P = P or {}; g = lambda k, n: P.get(k, np.zeros(n))
    concat = np.concatenate([hp, x])
    az = Wz@concat + bz + g("az",H); z = sig(az) + g("z",H)
    ar = Wr@concat + br + g("ar",H); r = sig(ar) + g("r",H)
    cr = np.concatenate([r*hp, x]) + g("cr",H+I)
    ah = Wh@cr + bh + g("ah",H); ht = np.tanh(ah) + g("ht",H)
    h = (1-z)*hp + z*ht + g("h",H)
    y = Why@h + by
    return dy@y + dhn@h
def gnode(k, n):
    G = np.zeros(n)
    for i in range(n):
        e = np.zeros(n); e[i] = eps
        G[i] = (fwd({k:e}) - fwd({k:-e}))/(2*eps)
    return G
def gparam(name):
    base = dict(x=x, hp=hp, Wz=Wz, Wr=Wr, Wh=Wh, bz=bz, br=br, bh=bh, Why=Why, by=by)
    P0 = base[name]; G = np.zeros_like(P0)
    for idx in np.ndindex(P0.shape):
        Pp = P0.copy(); Pp[idx] += eps; Pm = P0.copy(); Pm[idx] -= eps
        G[idx] = (fwd(**{name:Pp}) - fwd(**{name:Pm}))/(2*eps)
    return G
for l in (10,11,12,13,45,48,51,54,55,58,61): rep(l, True, "(forward definition; the script's forward implements it)")
# author's backward, literally
concat = np.concatenate([hp, x]); z = sig(Wz@concat+bz); r = sig(Wr@concat+br)
cr = np.concatenate([r*hp, x]); ht = np.tanh(Wh@cr+bh); h = (1-z)*hp + z*ht
dW_hy = np.outer(dy, h); db_y = dy
dh = Why.T@dy + dhn
dz = dh*(ht-hp); dh_prev = dh*(1-z); dh_tilde = dh*z
dzh = dh_tilde*(1-np.tanh(Wh@cr+bh)**2); dW_h = np.outer(dzh, cr); db_h = dzh
d_cr = Wh.T@dzh; dr = d_cr[:H]*hp
dzz = dz*sig(Wz@concat+bz)*(1-sig(Wz@concat+bz)); dW_z = np.outer(dzz, concat); db_z = dzz
dzr = dr*sig(Wr@concat+br)*(1-sig(Wr@concat+br)); dW_r = np.outer(dzr, concat); db_r = dzr
dh_prev_direct = dh_prev.copy()
d_concat = Wz.T@dzz + Wr.T@dzr
d_concat_118 = d_concat.copy()
d_concat[:H] += d_cr[:H]*r
dh_prev = dh_prev + d_concat[:H]
dx = d_concat[H:]
A = lambda a, b: np.allclose(a, b, atol=1e-6)
rep(89, A(dW_hy, gparam("Why"))); rep(90, A(db_y, gparam("by")))
rep(91, A(dh, gnode("h",H)), "(total dL/dh_t given dy and dh_next)")
rep(94, A(dz, gnode("z",H))); rep(96, A(dh_tilde, gnode("ht",H)))
rep(95, A(dh_prev_direct, dh*(1-z)), "(direct-path term of dL/dh_{t-1}, completed on line 120)")
rep(99, A(dzh, gnode("ah",H))); rep(100, A(dW_h, gparam("Wh"))); rep(101, A(db_h, gparam("bh")))
rep(104, A(d_cr, gnode("cr",H+I))); rep(105, A(dr, gnode("r",H)))
rep(108, A(dzz, gnode("az",H))); rep(109, A(dW_z, gparam("Wz"))); rep(110, A(db_z, gparam("bz")))
rep(113, A(dzr, gnode("ar",H))); rep(114, A(dW_r, gparam("Wr"))); rep(115, A(db_r, gparam("br")))
# line 118/119: partial sums of dL/d[h_prev, x] over the z- and r-paths, then + reset-path h-part
rep(118, A(d_concat_118, Wz.T@gnode("az",H) + Wr.T@gnode("ar",H)), "(z- and r-path contributions to dL/d[h_{t-1},x_t])")
rep(119, A(d_concat[:H], d_concat_118[:H] + gnode("cr",H+I)[:H]*r), "(adds candidate path through r*h_{t-1})")
rep(120, A(dh_prev, gparam("hp")), "(final dh_prev)")
rep(121, A(dx, gparam("x")), "(missing candidate-path term d_concat_reset[H:]; with it: %s)" % A(dx + d_cr[H:], gparam("x")))
