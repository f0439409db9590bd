"""FD check of kjo144_rnn_index_notation.md (standalone numpy, float64, no symlstm).
Forward (from the notebook's sibling RNN.ipynb / simple_RNN.py, 'discussed above'):
p_t = U x_t + W h_{t-1} + b_h, h_t = tanh(p_t), q = V h_t + b_y, yhat_t = softmax(q),
E_t = -sum_k y_k log yhat_k with one-hot y_t. Index notation with summation over repeated indices."""
import numpy as np

rng = np.random.default_rng(7)
D, H, K, T = 3, 4, 5, 4
U = rng.normal(0, .6, (H, D)); W = rng.normal(0, .6, (H, H)); V = rng.normal(0, .6, (K, H))
bh = rng.normal(0, .2, H); by = rng.normal(0, .2, K)
X = rng.normal(0, 1, (T + 1, D)); lab = rng.integers(0, K, T + 1)
eps = 1e-6
softmax = lambda q: np.exp(q - q.max()) / np.exp(q - q.max()).sum()

def fwd(U=U, W=W, V=V, bh=bh, by=by):
    h = np.zeros(H); hs = [h]; ps = [None]
    for s in range(1, T + 1):
        p = U @ X[s] + W @ h + bh; h = np.tanh(p); hs.append(h); ps.append(p)
    return hs, ps

t = T
hs, ps = fwd()
y = np.eye(K)[lab[t]]
def Et(V=V, by=by, W=W):
    hs_, _ = fwd(W=W)
    return -np.log(softmax(V @ hs_[t] + by)[lab[t]])
q = V @ hs[t] + by; yh = softmax(q)
out = []
def rep(line, err, tol=1e-6):
    out.append(f"line {line}: OK" if err < tol else f"line {line}: MISMATCH (max err {err:.3g})")

# FD building blocks
dE_dyh = np.zeros(K)
for k in range(K):
    e = np.zeros(K); e[k] = eps
    f = lambda yy: -(y @ np.log(yy))
    dE_dyh[k] = (f(yh + e) - f(yh - e)) / (2 * eps)
dyh_dq = np.zeros((K, K))
for l in range(K):
    e = np.zeros(K); e[l] = eps
    dyh_dq[:, l] = (softmax(q + e) - softmax(q - e)) / (2 * eps)
dE_dq = np.array([(Et(by=by + np.eye(K)[l] * eps) - Et(by=by - np.eye(K)[l] * eps)) / (2 * eps) for l in range(K)])
dE_dV = np.zeros((K, H)); dE_dW = np.zeros((H, H))
for i in range(K):
    for j in range(H):
        E = np.zeros((K, H)); E[i, j] = eps
        dE_dV[i, j] = (Et(V=V + E) - Et(V=V - E)) / (2 * eps)
for i in range(H):
    for j in range(H):
        E = np.zeros((H, H)); E[i, j] = eps
        dE_dW[i, j] = (Et(W=W + E) - Et(W=W - E)) / (2 * eps)
# total dh_t/dW (m,i,j) and dp_t/dW by FD
def jac_W(fun):
    J = np.zeros((H, H, H))
    for i in range(H):
        for j in range(H):
            E = np.zeros((H, H)); E[i, j] = eps
            J[:, i, j] = (fun(W + E) - fun(W - E)) / (2 * eps)
    return J
dh_dW = {s: jac_W(lambda Wp, s=s: fwd(W=Wp)[0][s]) for s in range(0, T + 1)}
dp_dW = jac_W(lambda Wp: fwd(W=Wp)[1][t])
Tm = {s: np.diag(1 - np.tanh(ps[s]) ** 2) for s in range(1, T + 1)}
dq_dV = np.zeros((K, K, H))
for l in range(K):
    for i in range(K):
        for j in range(H):
            E = np.zeros((K, H)); E[i, j] = eps
            dq_dV[l, i, j] = (((V + E) @ hs[t])[l] - ((V - E) @ hs[t])[l]) / (2 * eps)

rep(8, np.max(abs(q - (V @ hs[t] + by))))                                   # q definition
rep(10, np.max(abs(np.einsum('k,kl,lij->ij', dE_dyh, dyh_dq, dq_dV) - dE_dV)))
rep(12, np.max(abs(-y / yh - dE_dyh)))
rep(14, np.max(abs(np.array([[yh[k] * ((k == l) - yh[k]) for l in range(K)] for k in range(K)]) - dyh_dq)))
rep(18, np.max(abs(dE_dyh @ dyh_dq - (yh - y))))
rep(23, np.max(abs(np.einsum('li,j->lij', np.eye(K), hs[t]) - dq_dV)))
rep(27, np.max(abs(np.outer(yh - y, hs[t]) - dE_dV)))
rep(32, np.max(abs((yh - y) - dE_dq)))
rep(42, np.max(abs(np.einsum('k,kl,lm,mij->ij', dE_dyh, dyh_dq, V, dh_dW[t]) - dE_dW)))
dq_dh = np.zeros((K, H))
for m in range(H):
    e = np.zeros(H); e[m] = eps
    dq_dh[:, m] = (V @ (hs[t] + e) - V @ (hs[t] - e)) / (2 * eps)
rep(46, max(np.max(abs(dE_dyh @ dyh_dq - (yh - y))), np.max(abs(dq_dh - V))))   # (yhat-y)_l and dq_l/dh_m = V_lm
rep(47, np.max(abs(ps[t] - (U @ X[t] + W @ hs[t - 1] + bh))))
dh_dp = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    dh_dp[:, k] = (np.tanh(ps[t] + e) - np.tanh(ps[t] - e)) / (2 * eps)
rep(50, np.max(abs(np.einsum('mk,kij->mij', dh_dp, dp_dW) - dh_dW[t])))
rep(54, np.max(abs(Tm[t] - dh_dp)))
# line 60: dp_k/dW_ij = d/dW_ij (W_kl h_{t-1,l})  (total derivative of the W-term)
rep(60, np.max(abs(jac_W(lambda Wp: Wp @ fwd(W=Wp)[0][t - 1]) - dp_dW)))
d = np.eye(H)
rep(61, np.max(abs(np.einsum('ik,j->kij', d, hs[t - 1]) + np.einsum('kl,lij->kij', W, dh_dW[t - 1]) - dp_dW)))
A = lambda s: np.einsum('mi,j->mij', Tm[s], hs[s - 1])   # T^s_{mi} h_{s-1,j}
rep(68, np.max(abs(A(t) + np.einsum('mk,kl,lij->mij', Tm[t], W, dh_dW[t - 1]) - dh_dW[t])))
inner = np.einsum('li,j->lij', Tm[t - 1], hs[t - 2]) + np.einsum('ln,np,pij->lij', Tm[t - 1], W, dh_dW[t - 2])
rep(69, np.max(abs(A(t) + np.einsum('mk,kl,lij->mij', Tm[t], W, inner) - dh_dW[t])))
M2 = Tm[t] @ W @ Tm[t - 1]; M3 = Tm[t] @ W @ Tm[t - 1] @ W
inner3 = np.einsum('ki,j->kij', Tm[t - 2], hs[t - 3]) + np.einsum('kn,np,pij->kij', Tm[t - 2], W, dh_dW[t - 3])
rep(70, np.max(abs(A(t) + np.einsum('mi,j->mij', M2, hs[t - 2]) + np.einsum('mk,kij->mij', M3, inner3) - dh_dW[t])))
# line 71: the series continued to h_0 (t = 4 here: four terms, the last is (..T^{t-3})_{mi} h_{t-4,j})
ser = A(t) + np.einsum('mi,j->mij', M2, hs[t - 2]) + np.einsum('mi,j->mij', M3 @ Tm[t - 2], hs[t - 3]) \
    + np.einsum('mi,j->mij', M3 @ Tm[t - 2] @ W @ Tm[t - 3], hs[t - 4])
rep(71, np.max(abs(ser - dh_dW[t])))
print("\n".join(out))
