# FD checks for ru_obsidian_rnn_two_layer_example.md. Reading that type-checks with the stated shapes
# (input (3,), layer 1 (3,2), layer 2 (2,1)): row vectors, z1^t = x^t W_1 + h1^{t-1} V_1 + b_1, y1^t = f(z1^t),
# z2^t = y1^t W_2 + h2^{t-1} V_2 + b_2, y^t = f(z2^t), f = tanh, h^0 = 0, L = sum_t e^t, e^t = mse(y^t, yhat^t) = (y^t - yhat^t)^2.
import numpy as np
rng = np.random.default_rng(3)
f = np.tanh; fp = lambda z: 1-np.tanh(z)**2
W1 = rng.normal(size=(3, 2)); V1 = rng.normal(size=(2, 2))*0.7; b1 = rng.normal(size=(1, 2))*0.1
W2 = rng.normal(size=(2, 1)); V2 = rng.normal(size=(1, 1))*0.7; b2 = rng.normal(size=(1, 1))*0.1
X = {t: rng.normal(size=(1, 3)) for t in (1, 2, 3)}; Yh = {t: rng.normal(size=(1, 1))*0.5 for t in (1, 2, 3)}
res = {}
def rep(l, ok): res[l] = res.get(l, True) and bool(ok)
def fwd():
    h1 = np.zeros((1, 2)); h2 = np.zeros((1, 1)); S = {}
    for t in (1, 2, 3):
        z1 = X[t] @ W1 + h1 @ V1 + b1; y1 = f(z1)
        z2 = y1 @ W2 + h2 @ V2 + b2; y2 = f(z2)
        S[t] = dict(z1=z1, y1=y1, z2=z2, y2=y2, h1p=h1, h2p=h2); h1, h2 = y1, y2
    return S
def L():
    S = fwd(); return sum(((S[t]['y2'] - Yh[t])**2).item() for t in (1, 2, 3))
def numgrad(A, eps=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o+eps; fp_ = L(); A[idx] = o-eps; fm = L(); A[idx] = o; G[idx] = (fp_-fm)/(2*eps)
    return G
S = fwd()
e = {t: ((S[t]['y2'] - Yh[t])**2) for t in (1, 2, 3)}              # e^t as defined (the loss value)
de = {t: 2*(S[t]['y2'] - Yh[t]) for t in (1, 2, 3)}                # de^t/dy^t
def deltas(err):
    d2, d1 = {}, {}
    d2[3] = fp(S[3]['z2'])*err[3]
    d1[3] = (d2[3] * W2.T) * fp(S[3]['z1'])                           # delta_2 x W_2 (scalar times the (2,1) column; as a row)
    d2[2] = fp(S[2]['z2'])*(err[2] + V2*d2[3])
    d1[2] = (d2[2]*W2.T + (V1 @ d1[3].T).T) * fp(S[2]['z1'])           # V_1 x delta_1 = V_1 delta^T, read back as a row
    d2[1] = fp(S[1]['z2'])*(err[1] + V2*d2[2])
    d1[1] = (d2[1]*W2.T + (V1 @ d1[2].T).T) * fp(S[1]['z1'])
    return d2, d1
def grads(d2, d1):
    gW2 = sum(S[t]['y1'].T @ d2[t] for t in (1, 2, 3)); gV2 = sum(S[t]['h2p'].T @ d2[t] for t in (2, 3))
    gW1 = sum(X[t].T @ d1[t] for t in (1, 2, 3)); gV1 = sum(S[t]['h1p'].T @ d1[t] for t in (2, 3))
    return gW2, gV2, gW1, gV1
FD = dict(W2=numgrad(W2), V2=numgrad(V2), W1=numgrad(W1), V1=numgrad(V1))
# author's deltas (with e = loss value) vs true
d2a, d1a = deltas(e)
gW2a, gV2a, gW1a, gV1a = grads(d2a, d1a)
bad2 = not np.allclose(gW2a, FD['W2'], atol=1e-6)
for l in (38, 53, 68, 87, 96, 105): rep(l, not bad2)
# structural rows judged given correct upstream quantities: use de (the derivative) in place of e
d2c, d1c = deltas(de)
gW2, gV2, gW1, gV1 = grads(d2c, d1c)
okW2 = np.allclose(gW2, FD['W2'], atol=1e-6); okV2 = np.allclose(gV2, FD['V2'], atol=1e-6)
okW1 = np.allclose(gW1, FD['W1'], atol=1e-6); okV1 = np.allclose(gV1, FD['V1'], atol=1e-6)
for l in (40, 55, 70, 89, 98, 107): rep(l, okW2)
for l in (42, 57, 91, 100): rep(l, okV2)
for l in (46, 61, 74): rep(l, okW1)
for l in (48, 63): rep(l, okV1)
for l in (44, 59, 72): rep(l, okW1 and okV1)          # delta_1 recursions (checked through the layer-1 gradients)
# V_1 x delta: with a non-symmetric V_1, the row reading delta V_1 (no transpose) would fail; V_1 delta^T is delta V_1^T
assert not np.allclose(V1, V1.T)
# updates 77-81: W <- W - eta*sum(dW) vs the written W = -eta*sum(dW)
eta = 0.1
rep(77, np.allclose(-eta*gW2, W2 - eta*gW2)); rep(78, np.allclose(-eta*gW1, W1 - eta*gW1))
rep(80, np.allclose(-eta*gV2, V2 - eta*gV2)); rep(81, np.allclose(-eta*gV1, V1 - eta*gV1))
# general rows 30/32 with delta_{h_t} = dL/dz_t of one layer (layer 2): db = sum delta, delta_[x,h] = delta W^T for stacked W = [W_2; V_2]
gb2 = sum(d2c[t] for t in (1, 2, 3)); rep(30, np.allclose(gb2, numgrad(b2), atol=1e-6))
Wst = np.vstack([W2, V2]); t = 3
dxh = d2c[t] @ Wst.T
# FD: dL/d[y1^3, h2^2] through z2^3 only (immediate): equals delta_2^3 times Wst^T
rep(32, np.allclose(dxh[:, :2], d2c[t]*W2.T) and np.allclose(dxh[:, 2:], d2c[t]*V2.T))
# forward definitions and e definitions
for l in (5, 10, 12, 15, 17, 20, 22, 36, 51, 66, 85, 94, 103): rep(l, True)
for l in sorted(res): print(l, 'OK' if res[l] else 'MISMATCH')
