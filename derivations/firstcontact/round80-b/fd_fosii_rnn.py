# Finite-difference check of fosii_rnn.md (SudYar/FOSII, "Расчет RNN").
# Example network of the note: x^t in R^3, layer 1: y_1^t = h_1^t = f(x^t W_1 + h_1^{t-1} V_1 + b_1), W_1 (3,2), V_1 (2,2);
# layer 2: y^t = h_2^t = f(y_1^t W_2 + h_2^{t-1} V_2 + b_2), W_2 (2,1), V_2 (1,1); f = tanh (line 13); h^0 = 0; t = 1..3.
# "W_1 x x^1" etc. are read in the row convention fixed by the stated shapes ("first layer (3,2)").
# Loss: L = sum_t mse(y^t, yhat^t) with mse(a,b) = mean((a-b)^2) (one output -> (a-b)^2).
import numpy as np
rng = np.random.default_rng(2)
f = np.tanh; fp = lambda z: 1-np.tanh(z)**2
W1 = rng.normal(size=(3, 2)); V1 = rng.normal(size=(2, 2)); b1 = rng.normal(size=(1, 2))*.2
W2 = rng.normal(size=(2, 1)); V2 = rng.normal(size=(1, 1)); b2 = rng.normal(size=(1, 1))*.2
X = {t: rng.normal(size=(1, 3)) for t in (1, 2, 3)}; Yh = {t: rng.normal(size=(1, 1)) for t in (1, 2, 3)}
def fwd(W1, V1, b1, W2, V2, b2):
    h1 = np.zeros((1, 2)); h2 = np.zeros((1, 1)); c = {}
    for t in (1, 2, 3):
        z1 = X[t]@W1 + h1@V1 + b1; y1 = f(z1)                     # lines 18, 23, 28
        z2 = y1@W2 + h2@V2 + b2; y = f(z2)                         # lines 20, 25, 30
        c[t] = dict(z1=z1, y1=y1, z2=z2, y=y, h1p=h1, h2p=h2); h1, h2 = y1, y
    return c
P = [W1, V1, b1, W2, V2, b2]
L = lambda: float(sum(np.mean((c['y']-Yh[t])**2) for t, c in fwd(*P).items()))
def num(A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        A[i] += eps; p = L(); A[i] -= 2*eps; m = L(); A[i] += eps; G[i] = (p-m)/(2*eps)
    return G
def rep(name, a, b):
    ok = np.allclose(a, b, atol=1e-6); print(f"{name:66s} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(a-b)):.3g}")
c = fwd(*P)
def backward(use_mse_value):
    e = {t: (np.mean((c[t]['y']-Yh[t])**2) if use_mse_value else 2*(c[t]['y']-Yh[t])) for t in (1, 2, 3)}  # lines 44/59/74
    d2, d1 = {}, {}
    d2[3] = fp(c[3]['z2'])*e[3]                                    # line 46
    d1[3] = (d2[3]@W2.T)*fp(c[3]['z1'])                            # line 52  (delta_2 x W_2, layer-2 width 1)
    d2[2] = fp(c[2]['z2'])*(e[2] + d2[3]@V2.T)                     # line 61
    d1[2] = (d2[2]@W2.T + d1[3]@V1.T)*fp(c[2]['z1'])               # line 67  (V_1 x delta = delta V_1^T)
    d2[1] = fp(c[1]['z2'])*(e[1] + d2[2]@V2.T)                     # line 76
    d1[1] = (d2[1]@W2.T + d1[2]@V1.T)*fp(c[1]['z1'])               # line 80
    g = dict(W2=sum(c[t]['y1'].T@d2[t] for t in (1, 2, 3)),        # lines 48, 63, 78 summed in line 85
             V2=sum(c[t]['h2p'].T@d2[t] for t in (2, 3)),          # lines 50, 65 summed in line 88
             W1=sum(X[t].T@d1[t] for t in (1, 2, 3)),              # lines 54, 69, 82 summed in line 86
             V1=sum(c[t]['h1p'].T@d1[t] for t in (2, 3)))          # lines 56, 71 summed in line 89
    return g
fd = dict(W2=num(W2), V2=num(V2), W1=num(W1), V1=num(V1))
ga = backward(True); gc = backward(False)
for k in ('W2', 'V2', 'W1', 'V1'):
    rep(f"{k}: note as written (e = mse value in lines 46/61/76)", ga[k], fd[k])
    rep(f"{k}: same formulas with e = d mse/dy = 2(y - yhat)", gc[k], fd[k])
# lines 85-89: W_2 = -eta*(sum dW_2) vs gradient step W_2 - eta*sum dW_2
eta = 0.1
print("line 85 W_2 = -eta*sum dW_2 equals the SGD step W_2 - eta*sum dW_2 ?", np.allclose(-eta*gc['W2'], W2-eta*gc['W2']))
# general section, lines 34-40, one-layer RNN h_t = tanh([x_t; h_{t-1}] W + b), L = sum_t g_t . h_t
IN, H, T = 3, 2, 3
W = rng.normal(size=(IN+H, H)); b = rng.normal(size=(1, H))*.2; xs = [rng.normal(size=(1, IN)) for _ in range(T)]; gs = [rng.normal(size=(1, H)) for _ in range(T)]
def f1():
    h = np.zeros((1, H)); out = []
    for t in range(T):
        xh = np.hstack([xs[t], h]); z = xh@W + b; h = np.tanh(z); out.append((xh, z, h))
    return out
def L1(): return float(sum(np.sum(gs[t]*o[2]) for t, o in enumerate(f1())))
def num1(A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        A[i] += eps; p = L1(); A[i] -= 2*eps; m = L1(); A[i] += eps; G[i] = (p-m)/(2*eps)
    return G
out = f1()
def gen(with_tanh):
    dW = np.zeros_like(W); db = np.zeros_like(b); dnext = np.zeros((1, H))
    for t in reversed(range(T)):
        xh, z, h = out[t]
        dh = gs[t] + dnext                                   # line 34
        d = dh*(1-h**2) if with_tanh else dh
        dW += xh.T@d; db += d                                # lines 36, 38 (input of the layer [x_t;h_{t-1}] used for y_t)
        dxh = d@W.T                                          # line 40
        dnext = dxh[:, IN:]                                  # line 42 split
    return dW, db
dW_lit, db_lit = gen(False); dW_c, db_c = gen(True)
rep("lines 36/40 dW as written (no tanh')", dW_lit, num1(W)); rep("line 38 db as written (no tanh')", db_lit, num1(b))
rep("lines 36/40 dW with delta_h*(1-h^2)", dW_c, num1(W)); rep("line 38 db with delta_h*(1-h^2)", db_c, num1(b))
