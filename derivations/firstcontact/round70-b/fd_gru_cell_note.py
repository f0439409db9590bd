# Finite-difference check of gru_cell_note.md ("GRU Cell" note, BPTT section).
# Forward as written (column vectors): z = s(W_z [h;x] + b_z), r = s(W_r [h;x] + b_r),
# h~ = tanh(W_h [r*h; x] + b_h), h_t = (1-z)*h_{t-1} + z*h~.  Loss L = sum_t C_t . h_t over T steps.
# delta_h = total dL/dh_t; the note's deltas are checked against finite differences of node offsets.
import numpy as np
rng = np.random.default_rng(2)
T, dx, dh = 4, 3, 4
sig = lambda a: 1/(1+np.exp(-a))
Wz, Wr, Wh = (rng.normal(0, .6, (dh, dh+dx)) for _ in range(3)); bz, br, bh = (rng.normal(0, .3, dh) for _ in range(3))
X = rng.normal(size=(T, dx)); h0 = rng.normal(0, .5, dh); C = rng.normal(size=(T, dh))
def fwd(off={}):
    h = h0; L = 0; S = []
    for t in range(T):
        o = lambda k: off.get((k, t), 0)
        hx = np.concatenate([h, X[t]])
        z = sig(Wz @ hx + bz) + o('z'); r = sig(Wr @ hx + br)
        ah = Wh @ np.concatenate([r*h, X[t]]) + bh + o('ah'); ht = np.tanh(ah) + o('ht')
        hn = (1-z)*h + z*ht + o('h'); S.append(dict(z=z, ht=ht, hp=h)); h = hn; L += C[t] @ hn
    return L, S
def fdn(k, t):
    D = np.zeros(dh); G = np.zeros(dh)
    for i in range(dh):
        D[i] = 1e-6; lp = fwd({(k, t): D})[0]; D[i] = -1e-6; lm = fwd({(k, t): D})[0]; D[i] = 0; G[i] = (lp-lm)/2e-6
    return G
ok_all = True
def rep(name, a, b):
    global ok_all
    err = np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12); ok = err < 1e-5; ok_all &= ok
    print(f"{'AGREE' if ok else 'DIFFER'}  {name:62s} rel.err={err:.2e}")
L, S = fwd()
for t in [T-1, 1]:
    s = S[t]; delta_h = fdn('h', t)                     # total gradient at step t ("Given total gradient delta_h")
    delta_z = delta_h*(s['ht']-s['hp'])                 # L48
    delta_ht = delta_h*s['z']                           # L49
    delta_interp = delta_h*(1-s['z'])                   # L50
    bar = delta_ht*(1-s['ht']**2)                       # L57
    rep(f"L48 delta_z = delta_h o (h~ - h_prev) = dL/dz_t (t={t})", delta_z, fdn('z', t))
    rep(f"L49 delta_h~ = delta_h o z_t = dL/dh~_t (t={t})", delta_ht, fdn('ht', t))
    rep(f"L57 bar delta_h~ = delta_h~ o (1-h~^2) = dL/d(pre-act) (t={t})", bar, fdn('ah', t))
    # L50: direct (interpolation) part of dL/dh_{t-1}: perturb h_{t-1} only inside the (1-z)*h_{t-1} term
    def direct(e):
        def f():
            h = h0; Lx = 0
            for u in range(T):
                hx = np.concatenate([h, X[u]]); z = sig(Wz @ hx + bz); r = sig(Wr @ hx + br)
                ht = np.tanh(Wh @ np.concatenate([r*h, X[u]]) + bh)
                hn = (1-z)*(h + (e if u == t else 0)) + z*ht; h = hn; Lx += C[u] @ hn
            return Lx
        return f
    E = np.zeros(dh); G = np.zeros(dh)
    for i in range(dh):
        E[i] = 1e-6; lp = direct(E)(); E[i] = -1e-6; lm = direct(E)(); E[i] = 0; G[i] = (lp-lm)/2e-6
    rep(f"L50 delta_(h,interp) = delta_h o (1-z_t) (direct path) (t={t})", delta_interp, G)
print("ALL ROWS AGREE" if ok_all else "SOME ROWS DIFFER")
