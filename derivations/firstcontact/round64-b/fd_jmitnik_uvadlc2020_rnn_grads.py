"""FD check for jmitnik_uvadlc2020_rnn_grads.tex (numerator-layout chain, column vectors).
Model: h^(t)=tanh(W_hx x^(t)+W_hh h^(t-1)+b_h), h^(0)=0, p^(t)=W_ph h^(t)+b_p, yhat=softmax(p), L^(t)=-sum y log yhat."""
import numpy as np
rng = np.random.default_rng(2)
D, H, K, T = 3, 4, 5, 6
Whx = rng.normal(size=(H, D)) * .5; Whh = rng.normal(size=(H, H)) * .5; bh = rng.normal(size=H) * .1
Wph = rng.normal(size=(K, H)); bp = rng.normal(size=K) * .1
xs = rng.normal(size=(T + 1, D)); y = np.zeros(K); y[1] = 1.0
eps = 1e-6
def fwd(Whh_=Whh):
    hs = [np.zeros(H)]; zs = [None]
    for t in range(1, T + 1):
        z = Whx @ xs[t] + Whh_ @ hs[-1] + bh; zs.append(z); hs.append(np.tanh(z))
    return hs, zs
def softmax(p):
    e = np.exp(p - p.max()); return e / e.sum()
def L(Whh_=Whh, Wph_=Wph):
    hs, _ = fwd(Whh_); return -np.sum(y * np.log(softmax(Wph_ @ hs[T] + bp)))
def num_grad(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = eps
        g[idx] = (f(x + e) - f(x - e)) / (2 * eps)
    return g
hs, zs = fwd(); p = Wph @ hs[T] + bp; yh = softmax(p)
G_Wph = num_grad(lambda W: L(Wph_=W), Wph)
G_Whh = num_grad(lambda W: L(Whh_=W), Whh)
dL_dyh = -y / yh
dyh_dp = np.diag(yh) - np.outer(yh, yh)
row_p = dL_dyh @ dyh_dp                 # dL/dyhat . dyhat/dp  (row)
# lines 10, 14, 17: dL/dW_ph = dL/dyhat dyhat/dp dp/dW_ph = (...) h^(t)  -> PASS
assert np.allclose(np.outer(row_p, hs[T]), G_Wph, atol=1e-6)
# line 26: dL/dW_hh = dL/dyhat dyhat/dp dp/dh^(t)  -> FAIL: this is dL/dh^(t) (vector of size H), not an H x H gradient
row_h = row_p @ Wph
assert row_h.shape == (H,) and G_Whh.shape == (H, H)
dL_dhT = num_grad(lambda v: -np.sum(y * np.log(softmax(Wph @ v + bp))), hs[T])
assert np.allclose(row_h, dL_dhT, atol=1e-6)
# lines 30 and 37: sum_i dL/dh^(t) (prod_{j=i+1}^{t} dh^(j)/dh^(j-1)) dh^(i)/dW_hh (immediate) -> PASS
G = np.zeros((H, H))
for i in range(0, T + 1):
    J = np.eye(H)
    for j in range(i + 1, T + 1):
        J = np.diag(1 - np.tanh(zs[j]) ** 2) @ Whh @ J   # dh^(j)/dh^(j-1) composed
    g_hi = row_h @ J
    if i >= 1:   # h^(0) is a constant initial state: dh^(0)/dW_hh = 0
        G += np.outer(g_hi * (1 - np.tanh(zs[i]) ** 2), hs[i - 1])
assert np.allclose(G, G_Whh, atol=1e-6)
print("fd_jmitnik_uvadlc2020_rnn_grads: all assertions hold")
