"""FD check for wolf_uvadlc2019_rnn_output_grads.tex.
Model (UvA DL assignment 2): h^(t)=tanh(W_hx x^(t)+W_hh h^(t-1)+b_h), p^(t)=W_ph h^(t)+b_p,
yhat=softmax(p), L=-sum_k y_k log yhat_k at the last step T=3 (column vectors)."""
import numpy as np
rng = np.random.default_rng(1)
D, H, K, T = 3, 4, 5, 3
Whx = rng.normal(size=(H, D)) * .5; Whh = rng.normal(size=(H, H)) * .5; bh = rng.normal(size=H) * .1
Wph = rng.normal(size=(K, H)); bp = rng.normal(size=K) * .1
xs = rng.normal(size=(T + 1, D)); y = np.zeros(K); y[2] = 1.0
eps = 1e-6
def hidden(Whh_=Whh):
    h = np.zeros(H)
    for t in range(1, T + 1):
        h = np.tanh(Whx @ xs[t] + Whh_ @ h + bh)
    return h
def softmax(p):
    e = np.exp(p - p.max()); return e / e.sum()
h3 = hidden(); p3 = Wph @ h3 + bp; yh = softmax(p3)
L_of_p = lambda p: -np.sum(y * np.log(softmax(p)))
L_of_yh = lambda v: -np.sum(y * np.log(v))
L_of_Wph = lambda W: L_of_p(W @ h3 + bp)
def num_grad(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = eps
        g[idx] = (f(x + e) - f(x - e)) / (2 * eps)
    return g
G_Wph = num_grad(L_of_Wph, Wph)
dL_dyh = num_grad(L_of_yh, yh)                   # true dL/dyhat_i = -y_i / yhat_i
dyh_dp = np.zeros((K, K))
for j in range(K):
    e = np.zeros(K); e[j] = eps
    dyh_dp[:, j] = (softmax(p3 + e) - softmax(p3 - e)) / (2 * eps)
dL_dp = num_grad(L_of_p, p3)

# line 11: dL/dW_ph = dL/dyhat . dyhat/dp_3 . dp_3/dW_ph   (chain) -> PASS
chain = np.outer(dL_dyh @ dyh_dp, h3)
assert np.allclose(chain, G_Wph, atol=1e-6)
# line 13: dL/dyhat_i = - sum y_i / yhat_i  -> FAIL (no sum: component is -y_i/yhat_i)
written13 = np.full(K, -np.sum(y / yh))
assert np.allclose(dL_dyh, -y / yh, atol=1e-6)
assert not np.allclose(written13, dL_dyh, atol=1e-3)
# line 17: softmax Jacobian yhat_i (delta_ij - yhat_j) -> PASS
assert np.allclose(dyh_dp, np.diag(yh) - np.outer(yh, yh), atol=1e-7)
# line 20: Kronecker delta definition -> PASS (np.eye)
assert np.allclose(np.eye(K), (np.arange(K)[:, None] == np.arange(K)[None, :]).astype(float))
# line 27: dL/dp_i = p_{3i} - y_i  -> FAIL (should be yhat_i - y_i)
assert np.allclose(dL_dp, yh - y, atol=1e-6)
assert not np.allclose(p3 - y, dL_dp, atol=1e-3)
# line 29: dp/dW_ph = h  (dp_i/dW_ph[i,j] = h_j) -> PASS
for i in range(K):
    gi = num_grad(lambda W: (W @ h3 + bp)[i], Wph)
    assert np.allclose(gi[i], h3, atol=1e-7) and np.allclose(np.delete(gi, i, 0), 0, atol=1e-7)
# line 36: dL/dW_ph = (p - y_i) h_j  -> FAIL (should be (yhat - y) h^T)
assert np.allclose(np.outer(yh - y, h3), G_Wph, atol=1e-6)
assert not np.allclose(np.outer(p3 - y, h3), G_Wph, atol=1e-3)
print("fd_wolf_uvadlc2019_rnn_output_grads: all assertions hold")
