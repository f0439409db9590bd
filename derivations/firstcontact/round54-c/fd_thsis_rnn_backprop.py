"""Finite-difference check of thsis_rnn_backprop.md (numpy only, float64).
Model exactly as the notebook: h1 = tanh(W x1), h_t = tanh(W x_t + U h_{t-1}), yhat = w.h3.
The notebook states no loss; we use loss = 1/2 (y - yhat)^2 (the usual squared error; any loss
minimised at yhat = y with gradient descent W -= eta*dloss/dW needs dloss/dyhat = yhat - y there)."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["thsis_rnn_backprop.md"]
rng = np.random.default_rng(1)
W = rng.normal(0, 0.7, 2); U = rng.normal(0, 0.7, (2, 2)); w = rng.normal(0, 1, 2)
x = rng.normal(0, 1, 3); y = 1.3
EPS = 1e-6
g = lambda a: 1 - np.tanh(a) ** 2

def fwd(W, U, w, x):
    h1 = np.tanh(W * x[0]); h2 = np.tanh(W * x[1] + U @ h1); h3 = np.tanh(W * x[2] + U @ h2)
    return h1, h2, h3, w @ h3
def loss(W=W, U=U, yhat=None):
    if yhat is None: yhat = fwd(W, U, w, x)[3]
    return 0.5 * (y - yhat) ** 2
def jac(f, v):
    v = np.asarray(v, float); f0 = np.asarray(f(v)); J = np.zeros(f0.shape + v.shape)
    for i in np.ndindex(*v.shape):
        d = np.zeros_like(v); d[i] = EPS
        J[(...,) + i] = (np.asarray(f(v + d)) - np.asarray(f(v - d))) / (2 * EPS)
    return J
def close(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= 1e-6 * (1 + np.max(np.abs(b)))

h1, h2, h3, yh = fwd(W, U, w, x)
dL_dyh = jac(lambda v: loss(yhat=v), yh)                    # true dloss/dyhat
dL_dW = jac(lambda v: loss(W=v), W); dL_dU = jac(lambda v: loss(U=v), U)
J32 = jac(lambda v: np.tanh(W * x[2] + U @ v), h2)          # dh3/dh2
J21 = jac(lambda v: np.tanh(W * x[1] + U @ v), h1)          # dh2/dh1
J1W = jac(lambda v: np.tanh(v * x[0]), W)                   # dh1/dW
T2U = jac(lambda v: np.tanh(W * x[1] + v @ h1), U)          # dh2/dU, shape (2,2,2)
dyh_dh3 = jac(lambda v: w @ v, h3)
res = {}
# forward lines
res[22] = close(h1, np.tanh(W.dot(x[0]))); res[27] = close(h2, np.tanh(W.dot(x[1]) + U.dot(h1)))
res[32] = close(h3, np.tanh(W.dot(x[2]) + U.dot(h2))); res[37] = close(yh, w.dot(h3))
res[46] = close(jac(np.tanh, np.array(0.37)), g(0.37))
# math
res[50] = close(dL_dyh * (dyh_dh3 @ J32 @ J21 @ J1W), dL_dW)     # chain with correct factors: missing direct terms
res[55] = close(y - yh, dL_dyh)
res[56] = close(np.diag(g(W * x[2] + U @ h2)) @ U, J32) and close(np.diag(g(W * x[1] + U @ h1)) @ U, J21)
res[57] = close(np.diag(g(W * x[0]) * x[0]), J1W)
res[62] = close(dL_dyh * np.tensordot(dyh_dh3 @ J32, T2U, axes=1), dL_dU)
v = rng.normal(size=2)                                            # arbitrary upstream vector
true_vT2U = np.tensordot(v, T2U, axes=1)                          # (v*g') h1^T, shape (2,2)
gp = g(W * x[1] + U @ h1)
res[66] = close(gp.dot(h1), true_vT2U) or close(gp * h1, true_vT2U) or close(np.diag(gp) @ h1, T2U)
# code
dldy_ = y - yh; dy_dh3 = w
dh3dh2 = g(W.dot(x[2]) + U.dot(h2)).dot(U); dh2dh1 = g(W.dot(x[1]) + U.dot(h1)).dot(U)
dh1dW = g(W.dot(x[0])) * x[0]; dh2dU = g(W.dot(x[1]) + U.dot(h1)).dot(h1)
res[70] = close(dldy_, dL_dyh)
res[71] = close(dy_dh3, dyh_dh3)
res[72] = close(dh3dh2, J32)
res[73] = close(dh2dh1, J21)
res[74] = close(np.diag(dh1dW), J1W)        # diagonal Jacobian stored by its diagonal
res[75] = close(dh2dU, T2U)
res[79] = close(dldy_ * dy_dh3 * dh3dh2 * dh2dh1 * dh1dW, dL_dW)
res[80] = close(dldy_ * dy_dh3 * dh3dh2 * dh2dU, dL_dU)
bad = 0
for ln in sorted(set(res) | {int(k) for k in EXP}):
    exp = EXP.get(str(ln), {}).get("expected")
    num = ("pass" if res[ln] else "fail") if ln in res else "NOT CHECKED"
    if exp != num: bad += 1
    print(f"line {ln}: expected {exp}, numeric {num}" + ("" if exp == num else "   <-- MISMATCH"))
print("mismatches:", bad)
sys.exit(1 if bad else 0)
