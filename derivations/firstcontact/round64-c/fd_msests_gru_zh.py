# Forward-row check for msests_gru_zh.md (numpy only). Reference: GRU of Cho et al./d2l,
# h_t = (1-z_t)*h_{t-1} + z_t*h~_t (or the mirrored z convention) -- a convex combination.
import numpy as np
rng = np.random.default_rng(3)
sig = lambda a: 1 / (1 + np.exp(-a))
D, H = 3, 4
x = rng.standard_normal(D); hp = rng.standard_normal(H)
Wr, Ur, br = rng.standard_normal((H, D)), rng.standard_normal((H, H)), rng.standard_normal(H)
Wu, Uu, bu = rng.standard_normal((H, D)), rng.standard_normal((H, H)), rng.standard_normal(H)
Wh, W, bh = rng.standard_normal((D, H)), rng.standard_normal((H, H)), rng.standard_normal(H)
res = {}
r = sig(Wr @ x + Ur @ hp + br); res[11] = np.all((r > 0) & (r < 1))
z = sig(Wu @ x + Uu @ hp + bu); res[12] = np.all((z > 0) & (z < 1))
ht = np.tanh(x @ Wh + ((r * hp) @ W + bh))     # row-vector reading (r ⊙ h)·W
res[13] = np.allclose(ht, np.tanh(Wh.T @ x + W.T @ (r * hp) + bh))
# line 14 as written vs both valid conventions
h_author = (1 - z) * hp + (1 - z) * ht
h_a = (1 - z) * hp + z * ht; h_b = z * hp + (1 - z) * ht
res[14] = np.allclose(h_author, h_a) or np.allclose(h_author, h_b)
# fixed-point test: if h_{t-1} == h~_t == v, a GRU must return v; author's row returns 2(1-z)v
v = rng.standard_normal(H)
assert not np.allclose((1 - z) * v + (1 - z) * v, v)
# line 21: binary cross-entropy; check dL/dyhat by FD equals (yhat-y)/(yhat(1-yhat))/N
y = rng.integers(0, 2, 5).astype(float); yh = sig(rng.standard_normal(5)); N = len(y)
L = lambda p: -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)) / N
e = 1e-6; g = np.array([(L(yh + e*np.eye(N)[k]) - L(yh - e*np.eye(N)[k])) / (2*e) for k in range(N)])
res[21] = np.allclose(g, (yh - y) / (yh * (1 - yh)) / N)
expected = {11: True, 12: True, 13: True, 14: False, 21: True}
for k, vv in expected.items():
    assert bool(res[k]) == vv, (k, res[k])
print("fd_msests_gru_zh: all", len(expected), "verdicts confirmed")
