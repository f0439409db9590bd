# FD check of kangx_lstm_vanish_codefence.md (column vectors).
# Model A (line 16): h_t = tanh(U x_t + W h_{t-1} + b), o_t = V h_t + c, yhat = softmax(o_t), L = sum_t CE.
# Model B (line 40): r_t = U h_{t-1} + W x_t + b, h_t = tanh(r_t), z_t = V h_t + c (z_t read as the logits).
import numpy as np
rng = np.random.default_rng(2)
n, d, k, T = 3, 2, 4, 5
U = rng.normal(size=(n, d))*.7; Wm = rng.normal(size=(n, n))*.7; b = rng.normal(size=n)*.2
V = rng.normal(size=(k, n))*.7; c = rng.normal(size=k)*.2
xs = rng.normal(size=(T+1, d)); ys = rng.integers(k, size=T+1)
sm = lambda z: np.exp(z-z.max())/np.exp(z-z.max()).sum()
def runA(h1, t_end):
    h = {1: h1}
    for t in range(2, t_end+1): h[t] = np.tanh(U@xs[t] + Wm@h[t-1] + b)
    return h
h1 = np.tanh(U@xs[1] + b); h = runA(h1, T)
# line 28: dh_t/dh_1 = prod_j diag(tanh') W  (ordered j = t ... 2 from the left)
t = 4; J = np.eye(n)
for j in range(2, t+1): J = np.diag(1-h[j]**2)@Wm@J
Jfd = np.zeros((n, n)); e = 1e-6
for i in range(n):
    p = h1.copy(); p[i] += e; q = h1.copy(); q[i] -= e
    Jfd[:, i] = (runA(p, t)[t]-runA(q, t)[t])/(2*e)
print("28 dh4/dh1 = prod diag(tanh')W  maxerr", np.abs(J-Jfd).max())
# line 36 under model B (U recurrent, W input): dL/dr_t = diag(1-tanh^2 r_t)(U^T dL/dr_{t+1} + V^T dL/dz_t)
Ub = rng.normal(size=(n, n))*.7; Wb = rng.normal(size=(n, d))*.7
def runB(rt0=None, t0=None):
    hp = np.zeros(n); L = 0; rs = {}; hs = {}
    for t in range(1, T+1):
        r = Ub@hp + Wb@xs[t] + b
        if t == t0: r = rt0
        rs[t] = r; hp = np.tanh(r); hs[t] = hp; L += -np.log(sm(V@hp + c)[ys[t]])
    return L, rs, hs
L, rs, hs = runB()
dz = {t: sm(V@hs[t]+c) - np.eye(k)[ys[t]] for t in hs}
dr = {T+1: np.zeros(n)}
for t in range(T, 0, -1): dr[t] = (1-np.tanh(rs[t])**2)*(Ub.T@dr[t+1] + V.T@dz[t])
t0 = 3; g = np.zeros(n)
for i in range(n):
    p = rs[t0].copy(); p[i] += e; q = rs[t0].copy(); q[i] -= e
    g[i] = (runB(p, t0)[0]-runB(q, t0)[0])/(2*e)
print("36 dL/dr_t (model B, U recurrent)  maxerr", np.abs(dr[t0]-g).max())
# line 85: scalar LSTM, no biases, dC_t/dC_{t-1} through h_{t-1} = o_{t-1} tanh(C_{t-1})
sig = lambda u: 1/(1+np.exp(-u))
wf, wi, wc, wo = rng.normal(size=(4, 2))  # [w_h, w_x]
x_t = 0.6; o_prev = 0.7; Cp = 0.4; hp_of = lambda C: o_prev*np.tanh(C)
def Ct(C):
    hp = hp_of(C); z = lambda w: w[0]*hp + w[1]*x_t
    return sig(z(wf))*C + sig(z(wi))*np.tanh(z(wc))
hp = hp_of(Cp); zf, zi, zc = (w[0]*hp + w[1]*x_t for w in (wf, wi, wc))
f, i_, Ct_ = sig(zf), sig(zi), np.tanh(zc); th = 1-np.tanh(Cp)**2
author = (Cp*f*(1-f)*wf[0]*o_prev*th + Ct_*i_*(1-i_)*wi[0]*o_prev*th + i_*(1-Ct_**2)*wc[0]*o_prev*th + f)
print("85 dC_t/dC_{t-1} scalar  author %.10f  FD %.10f" % (author, (Ct(Cp+e)-Ct(Cp-e))/(2*e)))
