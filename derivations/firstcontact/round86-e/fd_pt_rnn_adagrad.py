# Finite-difference check of the backward pass in pt_rnn_adagrad.py (numpy only).
# Forward (author's): h_t = sigmoid(U x_t + W h_{t-1}), h_{-1} = 0 (row T of estados_ocultos, never written),
# p_t = softmax(V h_t).  Loss assumed: L = sum_t CE(y_t, p_t) with one-hot y_t, the loss whose logit
# gradient is p_t - y_t (line 69).  Author's backward formulas reproduced as written (lines 69-79).
import numpy as np
rng = np.random.default_rng(0)
nE, nH, nS, T = 3, 4, 3, 5
U = rng.uniform(-0.9, 0.9, (nH, nE)); W = rng.uniform(-0.9, 0.9, (nH, nH)); V = rng.uniform(-0.9, 0.9, (nS, nH))
X = rng.normal(size=(T, nE)); Y = np.eye(nS)[rng.integers(0, nS, T)]
sig = lambda a: 1/(1+np.exp(-a))
def softmax(x):
    e = np.exp(x); return e/np.sum(e, axis=0)
def forward(U, W, V):
    H = np.zeros((T+1, nH)); P = np.zeros((T, nS))
    for t in range(T):
        H[t] = sig(U@X[t] + W@H[t-1]); P[t] = softmax(V@H[t])
    return H, P
def loss(U, W, V):
    H, P = forward(U, W, V); return -np.sum(Y*np.log(P))
def num(f, M, eps=1e-6):
    G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        Mp = M.copy(); Mp[idx] += eps; Mm = M.copy(); Mm[idx] -= eps
        G[idx] = (f(Mp)-f(Mm))/(2*eps)
    return G
gU = num(lambda M: loss(M, W, V), U); gW = num(lambda M: loss(U, M, V), W); gV = num(lambda M: loss(U, W, M), V)
H, P = forward(U, W, V)
def author(dact):
    dU = np.zeros_like(U); dW = np.zeros_like(W); dV = np.zeros_like(V)
    ds = P - Y                                                    # line 69
    for t in range(T-1, -1, -1):
        dV += np.outer(ds[t], H[t])                               # line 72
        d = (V.T @ ds[t]) * dact(H[t])                            # line 73
        for k in range(t, 0, -1):
            dW += np.outer(d, H[k-1])                             # line 76
            d = (W.T @ d) * dact(H[k-1])                          # line 77
        dU += np.outer(d, X[t])                                   # line 79
    return dU, dW, dV
def fixedU(dact):   # U accumulated at every step k with x_k (what line 79 should do)
    dU = np.zeros_like(U); ds = P - Y
    for t in range(T-1, -1, -1):
        d = (V.T @ ds[t]) * dact(H[t])
        for k in range(t, -1, -1):
            dU += np.outer(d, X[k])
            if k > 0: d = (W.T @ d) * dact(H[k-1])
    return dU
tanhp = lambda h: 1 - h**2       # what the author writes (lines 73, 77)
sigp = lambda h: h*(1-h)         # derivative of the sigmoid actually used in the forward pass
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
# line 69 check: dL/dlogits for one step
z = V@H[2]; ge = np.zeros(nS)
for i in range(nS):
    zp = z.copy(); zp[i] += 1e-6; zm = z.copy(); zm[i] -= 1e-6
    ge[i] = (-np.sum(Y[2]*np.log(softmax(zp))) + np.sum(Y[2]*np.log(softmax(zm))))/2e-6
print("line 69  delta_saidas = p - y (CE logit gradient):", ok(ge, P[2]-Y[2]))
dU, dW, dV = author(tanhp)
print("line 72  delta_V (as written)                      :", ok(dV, gV))
print("lines 73/77 with (1-h^2) -> delta_W (as written)    :", ok(dW, gW), " max|err|=%.3g" % np.abs(dW-gW).max())
print("line 79  delta_U (as written)                      :", ok(dU, gU), " max|err|=%.3g" % np.abs(dU-gU).max())
dU2, dW2, dV2 = author(sigp)
print("control: lines 73/77 with h(1-h) -> delta_W matches :", ok(dW2, gW), "(so line 76's outer(delta, h_{k-1}) form is right)")
print("control: h(1-h) but line 79 unchanged -> delta_U    :", ok(dU2, gU), " max|err|=%.3g" % np.abs(dU2-gU).max())
print("control: h(1-h) and U summed over k with x_k        :", ok(fixedU(sigp), gU))
# single-step check of line 73 meaning: delta_oculto should be dL_t/da_t for the last step
t = T-1; a = U@X[t] + W@H[t-1]
def Lt(a_):
    h = sig(a_); return -np.sum(Y[t]*np.log(softmax(V@h)))
ga = np.array([(Lt(a+e)-Lt(a-e))/2e-6 for e in np.eye(nH)*1e-6])
print("line 73  (V^T delta)*(1-h^2) = dL_t/da_t           :", ok((V.T@(P[t]-Y[t]))*tanhp(H[t]), ga))
print("         (V^T delta)*h(1-h)  = dL_t/da_t (control)  :", ok((V.T@(P[t]-Y[t]))*sigp(H[t]), ga))
