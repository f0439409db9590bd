# Finite-difference check of giang_rnn.md (Giang Tran, ml-from-scratch RNN), numpy only.
# Row-vector layout of the author: h_t = tanh(x_t Wax + h_{t-1} Waa + ba), y_t = softmax(h_t Wy + by),
# L = mean_n sum_{t,c} -Y log Yhat.
import numpy as np
rng = np.random.default_rng(0)
N, T, D, H, C = 1, 5, 3, 4, 3          # N = 1 so the author's (N,H) += into (H,H) broadcasts
X = rng.standard_normal((N, T, D))
Y = np.eye(C)[rng.integers(0, C, (N, T))]
P = dict(Wax=rng.standard_normal((D, H)) * .5, Waa=rng.standard_normal((H, H)) * .5,
         Wy=rng.standard_normal((H, C)) * .5, ba=rng.standard_normal((1, H)) * .1,
         by=rng.standard_normal((1, C)) * .1)

def tanh(z): return np.tanh(z)                       # line 10
def softmax(z, axis=-1):                             # lines 17-18
    z_prime = z - np.max(z, axis=axis, keepdims=True)
    return np.exp(z_prime) / np.sum(np.exp(z_prime), axis=axis, keepdims=True)
def tanh_grad(z): return 1 - z**2                    # line 25 (argument = tanh output)

def forward(P, X, hfix=None):
    m, T_, _ = X.shape
    h0 = np.zeros((m, H))
    S = np.zeros((m, T_, H))
    S[:, 0, :] = tanh(X[:, 0, :] @ P['Wax'] + h0 @ P['Waa'] + P['ba'])          # line 78
    for t in range(1, T_):
        S[:, t, :] = tanh(X[:, t, :] @ P['Wax'] + S[:, t-1, :] @ P['Waa'] + P['ba'])  # line 80
    Z = np.einsum("nth,hc->ntc", S, P['Wy'])                                     # line 81
    return S, softmax(Z + P['by'])                                               # line 82

def loss(): S, Yh = forward(P, X); return -np.mean(np.sum(Y*np.log(Yh), axis=(1, 2)))  # line 61

def fd(fun, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + eps; lp = fun(); A[idx] = o - eps; lm = fun(); A[idx] = o
        g[idx] = (lp - lm) / (2 * eps)
    return g

def report(name, a, b):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    err = np.max(np.abs(np.broadcast_to(a, np.shape(b)) - b)) if np.broadcast_shapes(np.shape(a), np.shape(b)) == np.shape(b) else float('nan')
    print(f"{name:58s} {'AGREE' if ok else 'DISAGREE'}  shape {np.shape(a)} vs {np.shape(b)}  max|diff| {err:.2e}")
    return ok

S, Yh = forward(P, X)
m = N
# ---- author's backward (lines 96-105), as written ----
delta = (Yh - Y) / m                                           # line 96
dWy = np.einsum("ntc,nth->hc", delta, S)                       # line 97
dby = np.sum(delta, axis=(0, 1))                               # line 98
delta_h = np.einsum("ntc,hc->nth", delta, P['Wy'])             # line 100
d_states = np.einsum("ntk,hk->nth", tanh_grad(S), P['Waa'])    # line 101
dWaa = np.zeros_like(P['Waa'])
for t in reversed(range(T)):
    for i in range(0, t):
        dWaa += delta_h[:, t, :] * np.prod(d_states[:, i+1:t, :], axis=1)   # line 105

# ---- references ----
# line 61/82 loss & softmax: FD of logits
Z = np.einsum("nth,hc->ntc", S, P['Wy']) + P['by']
def loss_from_logits(Zv): return -np.mean(np.sum(Y*np.log(softmax(Zv)), axis=(1, 2)))
report("line 96 delta = dL/dlogits", delta, fd(lambda: loss_from_logits(Z), Z))
report("line 97 dWy", dWy, fd(loss, P['Wy']))
report("line 98 dby (vs FD of by, shape (1,C))", dby, fd(loss, P['by'])[0])
# line 100: direct part of dL/dh_t (through y_t only, states held fixed)
Sfix = S.copy()
def loss_direct():
    Zv = np.einsum("nth,hc->ntc", Sfix, P['Wy']) + P['by']
    return loss_from_logits(Zv)
report("line 100 delta = direct (one-step) part of dL/dh_t", delta_h, fd(loss_direct, Sfix))
# line 25: tanh_grad(h) = d tanh(a)/da at h = tanh(a)
a = rng.standard_normal(5)
report("line 25 tanh_grad(tanh(a)) vs FD of tanh", tanh_grad(np.tanh(a)), (np.tanh(a+1e-6)-np.tanh(a-1e-6))/2e-6)
# line 101: true Jacobian J_t[h,k] = d h_{t,k} / d h_{t-1,h} = Waa[h,k] (1-h_{t,k}^2)
t = 3
J = P['Waa'] * (1 - S[0, t, :]**2)[None, :]
Jfd = np.zeros((H, H))
for hh in range(H):
    e = np.zeros(H); e[hh] = 1e-6
    pre = lambda hp: np.tanh(X[0, t] @ P['Wax'] + hp @ P['Waa'] + P['ba'][0])
    Jfd[hh] = (pre(S[0, t-1] + e) - pre(S[0, t-1] - e)) / 2e-6
report("check of the reference Jacobian itself (FD)", J, Jfd)
report("line 101 d_states[:,t,:] vs Jacobian dh_t/dh_{t-1} (HxH)", d_states[0, t], J)
report("line 101 d_states[:,t,:] vs row sums of the Jacobian", d_states[0, t], J.sum(1))
# line 105: total dWaa
report("line 105 dWaa (author, accumulated) vs FD", dWaa, fd(loss, P['Waa']))
# correct BPTT for comparison (not in the source)
dWaa_ok = np.zeros_like(P['Waa']); dh_next = np.zeros(H)
for tt in reversed(range(T)):
    dh = delta_h[0, tt] + dh_next
    da = dh * (1 - S[0, tt]**2)
    hprev = S[0, tt-1] if tt > 0 else np.zeros(H)
    dWaa_ok += np.outer(hprev, da)
    dh_next = P['Waa'] @ da
report("(reference BPTT, not in source) dWaa vs FD", dWaa_ok, fd(loss, P['Waa']))
