"""Finite-difference check of pelhans_rnn_bptt_vanishing_zh.md (numpy only).
Conventions (author's, after Goodfellow ch.10): column vectors; a^t = b + W h^{t-1} + U x^t, h^t = tanh(a^t),
o^t = c + V h^t, yhat^t = softmax(o^t), L = sum_t -log yhat^t[y^t]. Jacobians d h^{t+1}/d h^t are read in the
standard (numerator) layout that line 27 uses with its transpose. Vanishing block: linear RNN h^t = W^T h^{t-1},
test loss L = g . h^{(t)}. LSTM block: one unit (scalars), as the author's substituted formula is written."""
import sys
import numpy as np
rng = np.random.default_rng(1)
sig = lambda z: 1/(1+np.exp(-z))
def ok(a, b): return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=1e-6, rtol=1e-5)
def fd(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        o = X[i]; X[i] = o+eps; p = f(); X[i] = o-eps; m = f(); X[i] = o; G[i] = (p-m)/(2*eps)
    return G
def jac(f, X, eps=1e-6):
    y0 = f(); J = np.zeros((y0.size, X.size))
    for k in range(X.size):
        o = X.flat[k]; X.flat[k] = o+eps; p = f().ravel(); X.flat[k] = o-eps; m = f().ravel(); X.flat[k] = o
        J[:, k] = (p-m)/(2*eps)
    return J
res, exp = {}, {}

# ---------------- vanilla RNN, lines 7-42 ----------------
n, d, k, T = 3, 2, 4, 4
W = rng.normal(size=(n, n))*0.6; U = rng.normal(size=(n, d)); V = rng.normal(size=(k, n))
b = rng.normal(size=n)*0.3; c = rng.normal(size=k)*0.3
xs = rng.normal(size=(T, d)); ys = rng.integers(0, k, size=T); h0 = rng.normal(size=n)*0.5
def softmax(z): e = np.exp(z-z.max()); return e/e.sum()
def forward(W=W, U=U, V=V, b=b, c=c, dh=None, do=None, dLt=None):
    h = h0; H, O, Yh, Ls = [], [], [], []
    for t in range(T):
        a = b + W@h + U@xs[t]; h = np.tanh(a)
        if dh is not None: h = h + dh[t]
        o = c + V@h
        if do is not None: o = o + do[t]
        yh = softmax(o); Lt = -np.log(yh[ys[t]])
        if dLt is not None: Lt = Lt + dLt[t]
        H.append(h); O.append(o); Yh.append(yh); Ls.append(Lt)
    return sum(Ls), H, O, Yh
L0, H, O, Yh = forward()
for ln in (7, 9, 11, 13, 15):   # forward definitions: the transcription above is the author's cell
    res[ln] = True; exp[ln] = True
dLt = np.zeros(T); res[19] = ok(fd(lambda: forward(dLt=dLt)[0], dLt), np.ones(T)); exp[19] = True
dO = np.zeros((T, k)); gO = fd(lambda: forward(do=dO)[0], dO)
res[21] = ok(np.array([Yh[t] - np.eye(k)[ys[t]] for t in range(T)]), gO); exp[21] = True
dH = np.zeros((T, n)); gH = fd(lambda: forward(dh=dH)[0], dH)
res[23] = ok(V.T@gO[T-1], gH[T-1]); exp[23] = True
ok27, ok28 = True, True
for t in range(T-1):
    hh = H[t].copy()
    J = jac(lambda: np.tanh(b + W@hh + U@xs[t+1]), hh)        # d h^{t+1} / d h^t (numerator layout)
    ok27 &= ok(J.T@gH[t+1] + V.T@gO[t], gH[t])
    D = np.diag(1 - H[t+1]**2)
    ok28 &= ok(W.T@gH[t+1]@D + V.T@gO[t], gH[t])              # as written: W^T (grad) diag(...)
res[27] = ok27; exp[27] = True
res[28] = ok28; exp[28] = False
Hprev = [h0] + H[:-1]
res[34] = ok(gO.sum(0), fd(lambda: forward(c=cc)[0], cc := c.copy())); exp[34] = True
res[36] = ok(sum(np.diag(1-H[t]**2)@gH[t] for t in range(T)), fd(lambda: forward(b=bb)[0], bb := b.copy())); exp[36] = True
res[38] = ok(sum(np.outer(gO[t], H[t]) for t in range(T)), fd(lambda: forward(V=VV)[0], VV := V.copy())); exp[38] = True
res[40] = ok(sum(np.outer(np.diag(1-H[t]**2)@gH[t], Hprev[t]) for t in range(T)), fd(lambda: forward(W=WW)[0], WW := W.copy())); exp[40] = True
res[42] = ok(sum(np.outer(np.diag(1-H[t]**2)@gH[t], xs[t]) for t in range(T)), fd(lambda: forward(U=UU)[0], UU := U.copy())); exp[42] = True

# ---------------- linear RNN h^t = W^T h^{t-1}, lines 49-79 ----------------
tt = 5
Wl = rng.normal(size=(n, n))*0.8                 # generic (non-symmetric) W
g = rng.normal(size=n); hz = rng.normal(size=n)
def lin(h0v, Wm=Wl, steps=tt):
    h = h0v
    for _ in range(steps): h = Wm.T@h
    return h
res[49] = True; exp[49] = True                     # the definition itself
res[53] = ok(np.linalg.matrix_power(Wl, tt)@hz, lin(hz)); exp[53] = False
hp = rng.normal(size=n)
res[55] = ok(Wl, jac(lambda: Wl.T@hp, hp)); exp[55] = False
hzz = hz.copy()
res[57] = ok(np.linalg.matrix_power(Wl, tt), jac(lambda: lin(hzz), hzz)); exp[57] = False
gradh0 = fd(lambda: g@lin(hzz), hzz)
res[59] = ok(np.linalg.matrix_power(Wl, tt)@g, gradh0); exp[59] = True
Q, _ = np.linalg.qr(rng.normal(size=(n, n))); Lam = np.diag(rng.uniform(-1.3, 1.3, size=n))
Ws = Q@Lam@Q.T                                       # line 63: W = Q Lambda Q^T (Q orthogonal, Lambda diagonal)
res[63] = ok(Q.T@Q, np.eye(n)) and ok(Ws, Ws.T); exp[63] = True
Lt_ = np.linalg.matrix_power(Lam, tt)
res[67] = ok(Q@Lt_@Q.T@hz, lin(hz, Ws)); exp[67] = True
res[69] = ok(Q@Lt_@Q.T@g, fd(lambda: g@lin(hzz, Ws), hzz)); exp[69] = True
# line 75: h^{t+1} = tanh(b + W^{h^{(t)}} + U x): "W to the power h" is not a matrix-vector product
try:
    hv = rng.normal(size=n); xv = rng.normal(size=d)
    lit = np.tanh(b + np.power(np.abs(W), hv[None, :]) + U@xv)       # the only numpy reading of W^{h}
    res[75] = lit.shape == (n,) and ok(lit, np.tanh(b + W@hv + U@xv))
except Exception:
    res[75] = False
exp[75] = False
hv = rng.normal(size=n); xv = rng.normal(size=d)
hn = np.tanh(b + W@hv + U@xv)
res[79] = ok(np.diag(1-hn**2)@W, jac(lambda: np.tanh(b + W@hv + U@xv), hv)); exp[79] = True

# ---------------- LSTM / GRU forward definitions (index form vs vector form), lines 107-159 ----------------
nn_, dd = 3, 2
P = {g_: (rng.normal(size=(nn_, dd)), rng.normal(size=(nn_, nn_)), rng.normal(size=nn_)) for g_ in "figo"}
x = rng.normal(size=dd); hprev = rng.normal(size=nn_); Cprev = rng.normal(size=nn_)
def idx(gate, act):
    Uq, Wq, bq = P[gate]
    return np.array([act(bq[i] + sum(Uq[i, j]*x[j] for j in range(dd)) + sum(Wq[i, j]*hprev[j] for j in range(nn_))) for i in range(nn_)])
f = idx("f", sig); i_ = idx("i", sig); Ct = idx("g", np.tanh); o = idx("o", sig)
vec = lambda gate, act: act(P[gate][2] + P[gate][0]@x + P[gate][1]@hprev)
res[107] = ok(f, vec("f", sig)); exp[107] = True
res[115] = ok(i_, vec("i", sig)); exp[115] = True
res[119] = ok(Ct, vec("g", np.tanh)); exp[119] = True
C = np.array([f[q]*Cprev[q] + i_[q]*Ct[q] for q in range(nn_)])
res[125] = ok(C, f*Cprev + i_*Ct); exp[125] = True
res[133] = ok(o, vec("o", sig)); exp[133] = True
res[137] = ok(np.array([np.tanh(C[q])*o[q] for q in range(nn_)]), o*np.tanh(C)); exp[137] = True
Wz, Wr, Wh = (rng.normal(size=(nn_, nn_+dd)) for _ in range(3))
z = sig(Wz@np.r_[hprev, x]); r = sig(Wr@np.r_[hprev, x]); ht = np.tanh(Wh@np.r_[r*hprev, x]); hn = (1-z)*hprev + z*ht
for ln in (153, 155, 157, 159): res[ln] = np.all(np.isfinite(hn)); exp[ln] = True   # definitions of the cell

# ---------------- lines 173 / 184: dC_t/dC_{t-1}, one-unit LSTM ----------------
w = {q: rng.normal(size=3) for q in "fico"}       # (U x-weight, W recurrent weight, bias) per gate
xt = rng.normal(); o_prev = sig(rng.normal())
def Ct_of(Cp):
    hp_ = o_prev*np.tanh(Cp)                       # h_{t-1} = o_{t-1} tanh(C_{t-1}); o_{t-1} does not depend on C_{t-1}
    a = {q: w[q][0]*xt + w[q][1]*hp_ + w[q][2] for q in "fico"}
    return sig(a["f"])*Cp + sig(a["i"])*np.tanh(a["c"]), a
Cp = rng.normal()
_, a = Ct_of(Cp)
num = (Ct_of(Cp+1e-6)[0] - Ct_of(Cp-1e-6)[0])/2e-6
ft, it, Cti = sig(a["f"]), sig(a["i"]), np.tanh(a["c"])
dsig = lambda z_: sig(z_)*(1-sig(z_)); dtanhC = 1-np.tanh(Cp)**2
# line 173: the chain rule over the paths f, i, C~ (through h_{t-1}) + the direct partial
dh_dC = o_prev*dtanhC
e173 = Cp*dsig(a["f"])*w["f"][1]*dh_dC + Cti*dsig(a["i"])*w["i"][1]*dh_dC + it*(1-Cti**2)*w["c"][1]*dh_dC + ft
res[173] = ok(e173, num); exp[173] = True
# line 184: the substituted form as written (sigma'(.) and tanh'(.) at the gate pre-activations)
e184 = (Cp*dsig(a["f"])*w["f"][1]*o_prev*dtanhC + Cti*dsig(a["i"])*w["i"][1]*o_prev*dtanhC
        + it*(1-np.tanh(a["c"])**2)*w["c"][1]*o_prev*dtanhC + ft)
res[184] = ok(e184, num); exp[184] = True

allok = True
for ln in sorted(res):
    e = "pass" if exp[ln] else "fail"; y = "pass" if res[ln] else "fail"
    allok &= (e == y)
    print(f"line {ln}: expected {e}, numeric {y}")
print("ALL AGREE" if allok else "SOME DISAGREE")
sys.exit(0 if allok else 1)
