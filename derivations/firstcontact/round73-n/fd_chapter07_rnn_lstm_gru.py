"""FD check of chapter07_rnn_lstm_gru.md: (A) tanh RNN BPTT, (B) LSTM one-step/BPTT rules, (C) GRU Jacobian,
plus the scalar worked examples. Column vectors as in the source."""
import numpy as np
rng = np.random.default_rng(2)
sig = lambda a: 1/(1+np.exp(-a))
def num(f, W, e=1e-6):
    g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wm = W.copy(); Wp[idx] += e; Wm[idx] -= e; g[idx] = (f(Wp)-f(Wm))/(2*e)
    return g
def ok(a, b): return "AGREES" if np.allclose(a, b, rtol=1e-5, atol=1e-7) else "DIFFERS"

# ---------- (A) RNN, lines 8-21 ----------
d, H, T = 3, 4, 5
Wh = rng.normal(size=(H, H))*.6; Wx = rng.normal(size=(H, d))*.6; b = rng.normal(size=H)*.1
X = rng.normal(size=(T+1, d)); Yt = rng.normal(size=(T+1, H))
def rnn(Wh=Wh, Wx=Wx, b=b, X=X, ret=False):
    h = np.zeros((T+1, H)); L = 0.
    for t in range(1, T+1):
        h[t] = np.tanh(Wh@h[t-1] + Wx@X[t] + b); L += 0.5*np.sum((h[t]-Yt[t])**2)   # l_t(h_t)
    return (L, h) if ret else L
L, h = rnn(ret=True)
u = {t: h[t]-Yt[t] for t in range(1, T+1)}
delta = {T+1: np.zeros(H)}; hbar = {}
for t in range(T, 0, -1):
    hbar[t] = u[t] + Wh.T@delta[t+1]; delta[t] = hbar[t]*(1-h[t]**2)          # line 12
print("line 17 grad W_h:", ok(sum(np.outer(delta[t], h[t-1]) for t in range(1, T+1)), num(lambda W: rnn(Wh=W), Wh)))
print("line 17 grad W_x:", ok(sum(np.outer(delta[t], X[t]) for t in range(1, T+1)), num(lambda W: rnn(Wx=W), Wx)))
print("line 17 grad b  :", ok(sum(delta[t] for t in range(1, T+1)), num(lambda W: rnn(b=W), b)))
print("line 17 grad x_3:", ok(Wx.T@delta[3], num(lambda v: rnn(X=np.vstack([X[:3], v[None], X[4:]])), X[3])))
# line 21: only final loss
def lastonly(hk, k):
    hh = hk.copy()
    for t in range(k+1, T+1): hh = np.tanh(Wh@hh + Wx@X[t] + b)
    return 0.5*np.sum((hh-Yt[T])**2)
J = {k: np.diag(1-h[k]**2)@Wh for k in range(1, T+1)}
g = h[T]-Yt[T]
for k in range(T, 2, -1): g = J[k].T@g
print("line 21 grad_h2 L = J_3^T...J_T^T grad_hT L:", ok(g, num(lambda v: lastonly(v, 2), h[2])))
# line 23 linear scalar example
w = 0.5; xs = [1, 0, 2]
def lin(w):
    hh = 0.; hs = []
    for x in xs: hh = w*hh + x; hs.append(hh)
    return hs
print("line 23 forward h=[1,0.5,2.25]:", np.allclose(lin(w), [1, .5, 2.25]),
      " dL/dw=1:", np.isclose((lin(w+1e-6)[2]-lin(w-1e-6)[2])/2e-6, 1.0))

# ---------- (B) LSTM, lines 39-63 ----------
dd, Hh, T2 = 3, 3, 4
Wg = {k: rng.normal(size=(Hh, dd+Hh))*.5 for k in 'ifog'}; bg = {k: rng.normal(size=Hh)*.1 for k in 'ifog'}
X2 = rng.normal(size=(T2+1, dd)); Y2 = rng.normal(size=(T2+1, Hh))
def lstm(Wg=Wg, bg=bg, ret=False):
    h = np.zeros((T2+1, Hh)); c = np.zeros((T2+1, Hh)); cache = {}; L = 0.
    for t in range(1, T2+1):
        v = np.concatenate([X2[t], h[t-1]])
        i = sig(Wg['i']@v+bg['i']); f = sig(Wg['f']@v+bg['f']); o = sig(Wg['o']@v+bg['o']); gg = np.tanh(Wg['g']@v+bg['g'])
        c[t] = f*c[t-1] + i*gg; h[t] = o*np.tanh(c[t]); cache[t] = (v, i, f, o, gg)
        L += 0.5*np.sum((h[t]-Y2[t])**2)
    return (L, h, c, cache) if ret else L
L, h2, c2, cache = lstm(ret=True)
G = {k: np.zeros_like(Wg[k]) for k in 'ifog'}; Gb = {k: np.zeros(Hh) for k in 'ifog'}
hnext = np.zeros(Hh); cnext = np.zeros(Hh)
for t in range(T2, 0, -1):
    v, i, f, o, gg = cache[t]
    hbar = (h2[t]-Y2[t]) + hnext                                  # "h̄_t already contains current + future"
    cbar = cnext + hbar*o*(1-np.tanh(c2[t])**2)                   # line 51
    dl = {'o': (hbar*np.tanh(c2[t]))*o*(1-o),                     # line 55
          'f': (cbar*c2[t-1])*f*(1-f), 'i': (cbar*gg)*i*(1-i), 'g': (cbar*i)*(1-gg**2)}  # line 57
    for k in 'ifog': G[k] += np.outer(dl[k], v); Gb[k] += dl[k]   # line 61: delta v^T summed over time
    vbar = sum(Wg[k].T@dl[k] for k in 'ifog')                     # line 61: v̄ = Σ W^T δ, split into x̄, h̄_{t-1}
    hnext = vbar[dd:]; cnext = cbar*f                              # line 61: c̄_{t-1}^direct = c̄_t ⊙ f_t
for k in 'ifog':
    print(f"lines 51-61 LSTM grad W_{k}:", ok(G[k], num(lambda W: lstm(Wg={**Wg, k: W}), Wg[k])),
          f" b_{k}:", ok(Gb[k], num(lambda W: lstm(bg={**bg, k: W}), bg[k])))
# line 63 scalar example
i = f = o = 0.5; gg = 0.; cprev = 2.; ct = f*cprev + i*gg; ht = o*np.tanh(ct)
cbar = o*(1-np.tanh(ct)**2)
print("line 63 c_t=1, h_t≈0.380797, c̄_t≈0.209987, direct c̄_{t-1}≈0.104994, 0.99^1000≈4.3171e-5:",
      np.isclose(ct, 1), np.isclose(ht, .380797, atol=1e-6), np.isclose(cbar, .209987, atol=1e-6),
      np.isclose(cbar*f, .104994, atol=1e-6), np.isclose(.99**1000, 4.3171e-5, rtol=1e-4))

# ---------- (C) GRU Jacobian, lines 73-90 ----------
dx, Hg = 3, 4
W = {k: rng.normal(size=(Hg, dx))*.6 for k in 'zrn'}; U = {k: rng.normal(size=(Hg, Hg))*.6 for k in 'zrn'}
bb = {k: rng.normal(size=Hg)*.1 for k in 'zrn'}; x = rng.normal(size=dx); hp = rng.normal(size=Hg)*.8
def gru(hp):
    z = sig(W['z']@x+U['z']@hp+bb['z']); r = sig(W['r']@x+U['r']@hp+bb['r'])
    n = np.tanh(W['n']@x+U['n']@(r*hp)+bb['n']); return z*hp + (1-z)*n, z, r, n
ht, z, r, n = gru(hp)
Dz = np.diag(z*(1-z))@U['z']; Dr = np.diag(r*(1-r))@U['r']
Dn = np.diag(1-n**2)@U['n']@(np.diag(r) + np.diag(hp)@Dr)         # line 83
Jt = np.diag(z) + np.diag(hp-n)@Dz + np.diag(1-z)@Dn               # line 86
Jnum = np.column_stack([(gru(hp+e)[0]-gru(hp-e)[0])/2e-6 for e in np.eye(Hg)*1e-6])
Dn_num = np.column_stack([(gru(hp+e)[3]-gru(hp-e)[3])/2e-6 for e in np.eye(Hg)*1e-6])
print("line 83 D_n = dn/dh_{t-1}:", ok(Dn, Dn_num))
print("line 86 J_t = dh_t/dh_{t-1}:", ok(Jt, Jnum))
# line 90 scalar example with fixed gates
zz, rr, hh = .75, .5, 2.; nfun = lambda h: np.tanh(rr*h); hnew = lambda h: zz*h + (1-zz)*nfun(h)
print("line 90 n≈0.761594, h_t≈1.690399, dh_t/dh_{t-1}≈0.802497:", np.isclose(nfun(hh), .761594, atol=1e-6),
      np.isclose(hnew(hh), 1.690399, atol=1e-6), np.isclose((hnew(hh+1e-6)-hnew(hh-1e-6))/2e-6, .802497, atol=1e-6))
