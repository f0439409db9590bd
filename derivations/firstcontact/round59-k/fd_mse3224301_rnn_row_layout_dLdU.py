# FD check for mse3224301_rnn_row_layout_dLdU.md  (row layout: batch of n rows)
# A^(t) = X^(t) U + H^(t-1) W + b ; H^(t) = tanh(A^(t)) ; o^(t) = H^(t) V + c ;
# yhat = softmax(o) (row-wise) ; L = -(1/T) sum_t sum_j y_tj log yhat_tj   (the intended CE)
import numpy as np
rng = np.random.default_rng(5)
n, d, h, v, T = 2, 3, 4, 5, 3
U = rng.normal(size=(d, h)); W = rng.normal(scale=0.5, size=(h, h)); V = rng.normal(size=(h, v))
b = rng.normal(size=(1, h)); c = rng.normal(size=(1, v))
X = rng.normal(size=(T, n, d)); lab = rng.integers(0, v, size=(T, n))
Y = np.zeros((T, n, v)); Y[np.arange(T)[:, None], np.arange(n)[None, :], lab] = 1
def softmax(o): e = np.exp(o - o.max(1, keepdims=True)); return e/e.sum(1, keepdims=True)
def run(U, dA=None, step=None):
    H = np.zeros((n, h)); L = 0.0; As = []
    for t in range(T):
        A = X[t]@U + H@W + b                     # lines 22 / 26
        if dA is not None and t == step: A = A + dA
        As.append(A); H = np.tanh(A)
        o = H@V + c                              # line 33
        L += -np.sum(Y[t]*np.log(softmax(o)))/T
    return L, As
L0, As = run(U)
eps = 1e-6
def gA(t):
    G = np.zeros((n, h))
    for i in range(n):
        for j in range(h):
            E = np.zeros((n, h)); E[i, j] = eps
            G[i, j] = (run(U, E, t)[0] - run(U, -E, t)[0])/(2*eps)
    return G
GU = np.zeros_like(U)
for i in range(d):
    for j in range(h):
        E = np.zeros_like(U); E[i, j] = eps
        GU[i, j] = (run(U+E)[0] - run(U-E)[0])/(2*eps)
# line 45: dL/dU = X^T dL/dA  (per step; summed over the time steps where U is reused)
assert np.allclose(GU, sum(X[t].T@gA(t) for t in range(T)), atol=1e-6), "line 45"
# single-step version exactly as written (T=1 view): the last step's contribution
# (dL/dU restricted to A^(T) with earlier H fixed equals X^(T)^T dL/dA^(T)) -- implied by the sum above
# line 35: o_j / sum_k o_k is not the softmax -- FAIL
o = rng.normal(size=(n, v))
assert not np.allclose(o/o.sum(1, keepdims=True), softmax(o), atol=1e-3), "line 35 should fail"
# line 39: yhat * log(y) (targets inside the log) -- FAIL: with one-hot y it is -inf/nan,
# with soft targets it differs from the cross entropy -sum y log yhat
yh = softmax(o); ysoft = softmax(rng.normal(size=(n, v)))
with np.errstate(divide="ignore", invalid="ignore"):
    wrong_onehot = -np.sum(yh*np.log(np.eye(v)[[0, 1]]))
assert not np.isfinite(wrong_onehot)
assert not np.isclose(-np.sum(yh*np.log(ysoft)), -np.sum(ysoft*np.log(yh)), atol=1e-3), "line 39 should fail"
print("lines 22 26 33 45 pass; lines 35 39 fail as annotated: ALL OK")
