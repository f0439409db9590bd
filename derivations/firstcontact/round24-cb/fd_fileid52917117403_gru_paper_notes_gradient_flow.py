"""FD check for fileid52917117403_gru_paper_notes_gradient_flow.md (GRU study notes, index file id 52917117403).
Conventions: column vectors; vanilla RNN h_t = tanh(W_h h_{t-1} + W_x x_t + b) (section 2.1); GRU
r = s(W_r x + U_r h + b_r), z = s(W_z x + U_z h + b_z), hc = tanh(W_h x + U_h (r*h) + b_h), h_t = (1-z)*h + z*hc.
Jacobians in numerator layout; a vector standing for a Jacobian factor ((1 - z_t), z_t . M) is read as diag(.);
the loss L is a function of the last state h_T (as for the final-state classifier of the notes' section 7.2), so that
dL/dh_{t-1} = dL/dh_t dh_t/dh_{t-1} is exact.  Batch form (lines 113-119): X_t in R^{B x d}, H_{t-1} in R^{B x h}."""
import numpy as np
rng = np.random.default_rng(5)
def rep(n, ok): print(f"line {n}: {'OK' if ok else 'MISMATCH'}")
sig = lambda v: 1 / (1 + np.exp(-v))
def fdjac(f, a, e=1e-6):
    out = f(a); J = np.zeros((out.size, a.size))
    for i in range(a.size):
        ap, am = a.copy(), a.copy(); ap[i] += e; am[i] -= e; J[:, i] = (f(ap) - f(am)) / (2 * e)
    return J
def fdgrad(f, a, e=1e-6): return fdjac(lambda v: np.atleast_1d(f(v)), a, e)[0]
d, h, T = 3, 4, 5
# ---------------- vanilla RNN, section 2.1
Wh, Wx, b = rng.normal(scale=0.6, size=(h, h)), rng.normal(size=(h, d)), rng.normal(size=h)
X = rng.normal(size=(T + 1, d)); yT = rng.normal(size=h)
def rnn_from(k, hk):
    hh = hk
    for t in range(k + 1, T + 1): hh = np.tanh(Wh @ hh + Wx @ X[t] + b)
    return hh
hs = {0: np.zeros(h)}
for t in range(1, T + 1): hs[t] = np.tanh(Wh @ hs[t - 1] + Wx @ X[t] + b)
L = lambda hT: 0.5 * np.sum((hT - yT) ** 2)
rep(15, np.allclose(hs[2], np.tanh(Wh @ hs[1] + Wx @ X[2] + b)))
J = {t: fdjac(lambda v, t=t: np.tanh(Wh @ v + Wx @ X[t] + b), hs[t - 1]) for t in range(2, T + 1)}
gT = fdgrad(L, hs[T]); g1 = fdgrad(lambda v: L(rnn_from(1, v)), hs[1])
P = np.eye(h)
for t in range(T, 1, -1): P = P @ J[t]
rep(23, np.allclose(gT @ P, g1, atol=1e-6))
rep(25, all(np.allclose(np.diag(1 - np.tanh(Wh @ hs[t - 1] + Wx @ X[t] + b) ** 2) @ Wh, J[t], atol=1e-6) for t in range(2, T + 1)))
# line 27: ||W_h||_2 < 1 => ||prod J|| <= ||W_h||^(T-1) (tanh' <= 1): exponential shrinking bound
Ws = 0.8 * Wh / np.linalg.norm(Wh, 2); hh = np.zeros(h); Pn = np.eye(h); ok27 = True
for t in range(1, 40):
    hh = np.tanh(Ws @ hh + Wx @ X[1 + t % T] + b); Pn = np.diag(1 - hh ** 2) @ Ws @ Pn
    ok27 &= np.linalg.norm(Pn, 2) <= 0.8 ** t + 1e-12
rep(27, ok27)
# line 28: ||W_h|| > 1 does not force growth: saturated units make the product vanish
Wb = 1.5 * np.eye(h); hh = np.full(h, 2.0); Pb = np.eye(h)
for t in range(30): hh = np.tanh(Wb @ hh + 2.0); Pb = np.diag(1 - hh ** 2) @ Wb @ Pb
rep(28, np.linalg.norm(Pb, 2) > 1.0)
print("   (line 28: spectral norm 1.5, product norm after 30 steps =", np.linalg.norm(Pb, 2), ")")
rep(34, True)   # generic recurrence h_t = f(h_{t-1}) (definition)
# ---------------- GRU
Wr, Wz, Whc = (rng.normal(size=(h, d)) for _ in range(3))
Ur, Uz, Uh = (rng.normal(scale=0.7, size=(h, h)) for _ in range(3))
br, bz, bhc = (rng.normal(size=h) for _ in range(3))
def gru(x, hp, bz_=None):
    bzz = bz if bz_ is None else bz_
    r = sig(Wr @ x + Ur @ hp + br); z = sig(Wz @ x + Uz @ hp + bzz)
    hc = np.tanh(Whc @ x + Uh @ (r * hp) + bhc); return (1 - z) * hp + z * hc, r, z, hc
x, hp = rng.normal(size=d), rng.normal(size=h)
hn, r, z, hc = gru(x, hp)
rep(38, np.allclose(hn, (1 - z) * hp + z * hc))
# line 42: z -> 0 (b_z very negative) gives h_t ~ h_{t-1} and dh_t/dh_{t-1} ~ I
Jz0 = fdjac(lambda v: gru(x, v, bz_=np.full(h, -30.0))[0], hp)
rep(42, np.allclose(gru(x, hp, bz_=np.full(h, -30.0))[0], hp, atol=1e-8) and np.allclose(Jz0, np.eye(h), atol=1e-6))
rep(50, True)
rep(54, np.allclose(r, sig(Wr @ x + Ur @ hp + br)))
rep(56, np.all((r > 0) & (r < 1)))
rep(63, np.allclose(z, sig(Wz @ x + Uz @ hp + bz)))
rep(65, np.all((z > 0) & (z < 1)))
rep(72, np.allclose(hc, np.tanh(Whc @ x + Uh @ (r * hp) + bhc)))
rep(80, np.allclose(hn, (1 - z) * hp + z * hc))
# lines 90 / 94: a GRU sequence, loss on the last state
Xg = rng.normal(size=(T + 1, d)); Hs = {0: rng.normal(size=h)}
for t in range(1, T + 1): Hs[t] = gru(Xg[t], Hs[t - 1])[0]
def gru_from(k, hk):
    hh = hk
    for t in range(k + 1, T + 1): hh = gru(Xg[t], hh)[0]
    return hh
tt = 3
g_t = fdgrad(lambda v: L(gru_from(tt, v)), Hs[tt]); g_tm1 = fdgrad(lambda v: L(gru_from(tt - 1, v)), Hs[tt - 1])
Jg = fdjac(lambda v: gru(Xg[tt], v)[0], Hs[tt - 1])
rep(90, np.allclose(g_t @ Jg, g_tm1, atol=1e-6))
_, r3, z3, hc3 = gru(Xg[tt], Hs[tt - 1]); hprev = Hs[tt - 1]
dz = np.diag(z3 * (1 - z3)) @ Uz
dr = np.diag(r3 * (1 - r3)) @ Ur
dhc = np.diag(1 - hc3 ** 2) @ Uh @ (np.diag(r3) + np.diag(hprev) @ dr)
Jauthor = np.diag(1 - z3) + np.diag(z3) @ dhc + np.diag(hc3 - hprev) @ dz
rep(94, np.allclose(Jauthor, Jg, atol=1e-6))
Jcol = np.diag(1 - z3) + np.diag(z3) @ dhc + dz * (hc3 - hprev)[None, :]
print("   (line 94 read with the last product as column scaling dz/dh . diag(hc - h):", np.allclose(Jcol, Jg, atol=1e-6), ")")
for n in (104, 105, 106, 107): rep(n, True)    # same definitions as lines 54, 63, 72, 80 (checked above)
rep(113, True)
# batch form, B != h
B = 2
Xb, Hb = rng.normal(size=(B, d)), rng.normal(size=(B, h))
rz = sig(np.vstack([Wr, Wz]) @ Xb.T + np.vstack([Ur, Uz]) @ Hb.T + np.concatenate([br, bz])[:, None])
rb, zb = rz[:h], rz[h:]
ref = [gru(Xb[i], Hb[i]) for i in range(B)]
rep(115, np.allclose(rb, np.stack([q[1] for q in ref], 1)) and np.allclose(zb, np.stack([q[2] for q in ref], 1)))
try:
    Hc = np.tanh(Whc @ Xb.T + Uh @ (rb * Hb).T + bhc[:, None]); ok117 = np.allclose(Hc, np.stack([q[3] for q in ref], 1))
except ValueError as e:
    ok117 = False; print("   (line 117:", e, ")")
rep(117, ok117)
try:
    Hn = (1 - zb) * Hb + zb * np.stack([q[3] for q in ref], 1); ok119 = np.allclose(Hn, np.stack([q[0] for q in ref], 0))
except ValueError as e:
    ok119 = False; print("   (line 119:", e, ")")
rep(119, ok119)
# B == h: shapes conform but the pairing is wrong
B2 = h; Xb2, Hb2 = rng.normal(size=(B2, d)), rng.normal(size=(B2, h))
rz2 = sig(np.vstack([Wr, Wz]) @ Xb2.T + np.vstack([Ur, Uz]) @ Hb2.T + np.concatenate([br, bz])[:, None]); rb2 = rz2[:h]
ref2 = [gru(Xb2[i], Hb2[i]) for i in range(B2)]
Hc2 = np.tanh(Whc @ Xb2.T + Uh @ (rb2 * Hb2).T + bhc[:, None])
print("   (line 117 with B = h: equals per-sample candidates?", np.allclose(Hc2, np.stack([q[3] for q in ref2], 1)), ")")
# line 125: lower bound ||dh_t/dh_{t-1}|| >= ||1 - z_t||: counterexample
Wr0 = np.zeros((h, d)); Wz0 = np.zeros((h, d)); Wh0 = np.zeros((h, d))
def gru0(hp_):
    r_ = sig(0 * hp_ + 30.0); z_ = sig(0 * hp_ + 0.0)                    # r ~ 1, z = 0.5, no h-dependence of gates
    hc_ = np.tanh(-1.0 * (r_ * hp_)); return (1 - z_) * hp_ + z_ * hc_
hp0 = np.full(h, 1e-3)
J0 = fdjac(gru0, hp0)
lhs = np.linalg.norm(J0, 2); one_minus_z = np.full(h, 0.5)
rep(125, lhs >= np.max(one_minus_z) - 1e-9)
print("   (line 125: ||J||_2 =", lhs, " while max(1-z) =", np.max(one_minus_z), ", ||1-z||_2 =", np.linalg.norm(one_minus_z), ")")
# code lines 135-173 (the note's GRUCell forward, transcribed)
v = rng.normal(size=3); rep(135, np.allclose(1 / (1 + np.exp(-v)), sig(v)))
rc = sig(Wr @ x + Ur @ hp + br); zc = sig(Wz @ x + Uz @ hp + bz); hcc = np.tanh(Whc @ x + Uh @ (rc * hp) + bhc)
rep(164, np.allclose(rc, r)); rep(167, np.allclose(zc, z)); rep(170, np.allclose(hcc, hc))
rep(173, np.allclose((1 - zc) * hp + zc * hcc, hn))
