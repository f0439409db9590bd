# Finite-difference check of adl_rnn_slides.tex (numpy only). Column vectors; g1 = tanh.
import numpy as np
rng = np.random.default_rng(1)
n, d, T = 4, 3, 6
Waa, Wax, ba = rng.normal(size=(n, n))*0.6, rng.normal(size=(n, d)), rng.normal(size=n)
X = rng.normal(size=(T+1, d)); a0 = rng.normal(size=n)*0.3
step = lambda ap, x: np.tanh(Waa@ap + Wax@x + ba)              # line 21 (g1 = tanh)
A = {0: a0}
for t in range(1, T+1): A[t] = step(A[t-1], X[t])
def jac_fd(f, z, eps=1e-6):
    J = np.zeros((len(f(z)), len(z)))
    for j in range(len(z)):
        e = np.zeros(len(z)); e[j] = eps; J[:, j] = (f(z+e) - f(z-e))/(2*eps)
    return J          # numerator layout: J[r, c] = d out_r / d in_c
ok = lambda p, q: np.allclose(p, q, atol=1e-6)
i = 3; gp = 1 - np.tanh(Waa@A[i-1] + Wax@X[i] + ba)**2
Jnum = jac_fd(lambda ap: step(ap, X[i]), A[i-1])
slide = Waa.T@np.diag(gp)
print("line 42: W_aa^T diag(g') equals numerator-layout Jacobian:", ok(slide, Jnum),
      "| equals its transpose (denominator layout, Pascanu et al. form):", ok(slide, Jnum.T))
# lines 8 and 38: chain of Jacobians
k, t = 1, 5
def roll(ak):
    a = ak
    for s in range(k+1, t+1): a = step(a, X[s])
    return a
Jtot = jac_fd(roll, A[k])                                 # numerator layout d a_t / d a_k
Js = {s: Waa.T@np.diag(1-np.tanh(Waa@A[s-1]+Wax@X[s]+ba)**2) for s in range(k+1, t+1)}  # slide's factors
prod_inc = np.eye(n)
for s in range(k+1, t+1): prod_inc = prod_inc@Js[s]      # prod_{i=k+1}^{t}, i increasing left to right
print("line 38 with line-42 factors (prod i=k+1..t left to right) equals (da_t/da_k)^T:", ok(prod_inc, Jtot.T))
num_fac = {s: jac_fd(lambda ap, s=s: step(ap, X[s]), A[s-1]) for s in range(k+1, t+1)}
p8 = np.eye(n)
for s in range(t, k, -1): p8 = p8@num_fac[s]             # line 8: J_1 J_2 ... with J_1 = dh_t/dh_{t-1}
print("line 8 prod_{i=1}^{k} J_i (J_1 = dh_t/dh_{t-1} leftmost) equals dh_t/dh_{t-k}:", ok(p8, Jtot))
gamma = 1.0
print("line 44-46 norm identity:", np.isclose(np.linalg.norm(Jtot, 2), np.linalg.norm(prod_inc, 2)),
      "| bound holds:", np.linalg.norm(prod_inc, 2) <= (np.linalg.norm(Waa, 2)*gamma)**(t-k) + 1e-12)
# line 37: dL/dW = sum_t dL_t/dW  (L = sum_t L_t with L_t = 0.5||a_t||^2)
def Lsum(W, which=None):
    a = a0; L = 0.0
    for s in range(1, T+1):
        a = np.tanh(W@a + Wax@X[s] + ba); Ls = 0.5*a@a
        L += Ls if which in (None, s) else 0.0
    return L
def fdW(f, W, eps=1e-6):
    G = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        W[idx] += eps; p = f(); W[idx] -= 2*eps; m = f(); W[idx] += eps; G[idx] = (p-m)/(2*eps)
    return G
W = Waa.copy()
print("line 37 dL/dW = sum_t dL_t/dW:", np.allclose(fdW(lambda: Lsum(W), W), sum(fdW(lambda s=s: Lsum(W, s), W) for s in range(1, T+1)), atol=1e-6))
# LSTM (lines 71-76, 83)
sig = lambda z: 1/(1+np.exp(-z))
Wf, Wi, WC, Wo = [rng.normal(size=(n, n+d)) for _ in range(4)]
bf, bi, bC, bo = [rng.normal(size=n) for _ in range(4)]
def lstm_step(hp, Cp, x):
    z = np.concatenate([hp, x])
    f = sig(Wf@z+bf); i_ = sig(Wi@z+bi); Ct = np.tanh(WC@z+bC); o = sig(Wo@z+bo)
    C = f*Cp + i_*Ct; return o*np.tanh(C), C, f
hp, Cp, x = rng.normal(size=n)*0.5, rng.normal(size=n), X[2]
_, C, f = lstm_step(hp, Cp, x)
Jd = jac_fd(lambda cp: lstm_step(hp, cp, x)[1], Cp)
print("line 83 dC_t/dC_{t-1} = f_t (direct partial, h_{t-1} held fixed):", ok(Jd, np.diag(f)))
# (note) total derivative through h_{t-1} = o_{t-1} tanh(C_{t-1}) is different:
o_prev = sig(rng.normal(size=n))
Jt = jac_fd(lambda cp: lstm_step(o_prev*np.tanh(cp), cp, x)[1], Cp)
print("   (note) total dC_t/dC_{t-1} incl. path via h_{t-1} equals diag(f_t):", ok(Jt, np.diag(lstm_step(o_prev*np.tanh(Cp), Cp, x)[2])))
# GRU forward (lines 95-110): implemented; a convex combination check
Wz, Wr, Wh = [rng.normal(size=(n, n+d)) for _ in range(3)]
hp = rng.normal(size=n)*0.5
z = sig(Wz@np.concatenate([hp, x])); r = sig(Wr@np.concatenate([hp, x]))
ht = np.tanh(Wh@np.concatenate([r*hp, x])); h = (1-z)*hp + z*ht
print("lines 95-110 GRU forward implemented; h_t between h_{t-1} and h~_t elementwise:",
      bool(np.all((h - np.minimum(hp, ht) > -1e-12) & (np.maximum(hp, ht) - h > -1e-12))))
