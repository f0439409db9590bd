"""FD check of campusx_style_bptt_notes.md. Row vectors (x_t 1x3, h_t 1x3): h_t = f(x_t W_input + h_{t-1} W_hidden),
h_0 = 0, f = tanh, yhat = g(h_3 W_output) with g = sigmoid, W_output 3x1, L = -[y log yhat + (1-y) log(1-yhat)].
The chain rows are read as: dL/dW = sum_t (dL/dyhat)(dyhat/dh_T)(prod_k dh_k/dh_{k-1})(immediate dh_t/dW),
i.e. the total gradient of h_t contracted with the immediate partial of h_t w.r.t. the weight copy used at step t."""
import numpy as np
rng = np.random.default_rng(3)
D = H = 3; T = 3
Win = rng.normal(size=(D, H)) * .7; Wh = rng.normal(size=(H, H)) * .7; Wo = rng.normal(size=(H, 1)) * .7
X = np.eye(3)[[0, 1, 2]]; y = 1.0            # "cat mat rat" one-hot, label 1
sig = lambda a: 1 / (1 + np.exp(-a))
def fwd(Win=Win, Wh=Wh, Wo=Wo, h=None, start=0):
    h = np.zeros(H) if h is None else h; Hs = []; Zs = []
    for t in range(start, T):
        z = X[t] @ Win + h @ Wh; h = np.tanh(z); Hs.append(h); Zs.append(z)
    yh = sig(h @ Wo)[0]
    return -(y * np.log(yh) + (1 - y) * np.log(1 - yh)), Hs, Zs, yh
L, Hs, Zs, yh = fwd()
eps = 1e-6
def num(name):
    Ws = dict(Win=Win, Wh=Wh, Wo=Wo); M = Ws[name]; G = np.zeros_like(M)
    for i in np.ndindex(M.shape):
        for s in (1, -1):
            M2 = M.copy(); M2[i] += s * eps; W2 = dict(Ws); W2[name] = M2; G[i] += s * fwd(**W2)[0] / (2 * eps)
    return G
# l.75 dL/dW_output = dL/dyhat . dyhat/dW_output = h_3^T (yhat - y)
print("l.75  dL/dW_output                 :", np.allclose(num("Wo"), np.outer(Hs[-1], [yh - y]), atol=1e-6))
# backward: g_T = dL/dh_T = (yhat - y) W_out^T ; dh_k/dh_{k-1} (row layout) acts as g_{k-1} = (g_k * f'_k) @ Wh^T
g = (yh - y) * Wo[:, 0]; dWin = np.zeros_like(Win); dWh = np.zeros_like(Wh)
for t in reversed(range(T)):
    dz = g * (1 - Hs[t] ** 2)
    hprev = Hs[t - 1] if t > 0 else np.zeros(H)
    dWin += np.outer(X[t], dz); dWh += np.outer(hprev, dz)
    g = dz @ Wh.T
print("l.115/120 dL/dW_input  (sum over t):", np.allclose(num("Win"), dWin, atol=1e-6))
print("l.151 dL/dW_hidden (sum over t)    :", np.allclose(num("Wh"), dWh, atol=1e-6))
print("      (l.151's t=1 term vanishes: h_0 = 0)")
# l.165 dh_T/dh_1 = product of one-step Jacobians (numerator layout: dh_k/dh_{k-1} = diag(f'_k) Wh^T)
def hT_from_h1(h1):
    h = h1
    for t in range(1, T): h = np.tanh(X[t] @ Win + h @ Wh)
    return h
J = np.column_stack([(hT_from_h1(Hs[0] + e) - hT_from_h1(Hs[0] - e)) / (2 * eps) for e in np.eye(H) * eps])
P = np.eye(H)
for k in range(T - 1, 0, -1): P = P @ (np.diag(1 - Hs[k] ** 2) @ Wh.T)
print("l.165 dh_T/dh_1 chain              :", np.allclose(J, P, atol=1e-6))
