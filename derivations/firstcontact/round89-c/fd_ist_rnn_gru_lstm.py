# FD check for ist_rnn_gru_lstm.md (numpy only). g = tanh.
import numpy as np
rng = np.random.default_rng(2)
def fd(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        Xp, Xm = X.copy(), X.copy(); Xp[i] += eps; Xm[i] -= eps
        G[i] = (f(Xp) - f(Xm)) / (2 * eps)
    return G
H, D, O, T = 4, 3, 2, 4
V, U, W = rng.normal(0, .6, (H, D)), rng.normal(0, .6, (H, H)), rng.normal(0, .6, (O, H))
c, b = rng.normal(0, .2, H), rng.normal(0, .2, O)
x = rng.normal(size=(T + 1, D)); y = rng.normal(size=(T + 1, O))
def fwd(U):                                   # lines 9-10
    h = [np.zeros(H)]; yh = [None]
    for t in range(1, T + 1):
        h.append(np.tanh(V @ x[t] + U @ h[t-1] + c)); yh.append(W @ h[t] + b)
    return h, yh
L = lambda U: sum(0.5 * np.sum((fwd(U)[1][t] - y[t]) ** 2) for t in range(1, T + 1))
h, yh = fwd(U)
# line 25 with dh_t/dU read as the TOTAL derivative (through h_{t-1}, h_{t-2}, ...)
G = np.zeros((H, H))
for t in range(1, T + 1):
    g = W.T @ (yh[t] - y[t])                  # dL/dyhat_t * dyhat_t/dh_t
    for k in range(t, 0, -1):
        dz = g * (1 - h[k] ** 2); G += np.outer(dz, h[k-1]); g = U.T @ dz
print("line 25 (dh_t/dU total) == FD:", np.allclose(G, fd(L, U), atol=1e-6))
# line 35: dh_t/dh_{t-1} = Diag(g'(z_t)) U
t = 3; z = V @ x[t] + U @ h[t-1] + c
J = np.column_stack([(np.tanh(V @ x[t] + U @ (h[t-1] + e) + c) - np.tanh(V @ x[t] + U @ (h[t-1] - e) + c)) / 2e-6
                     for e in np.eye(H) * 1e-6])
print("line 35 Jacobian Diag(g'(z_t)) U:", np.allclose(J, np.diag(1 - np.tanh(z) ** 2) @ U, atol=1e-6))
# line 81: c_t uses x_T instead of x_t -> c_t differs from the LSTM that uses x_t (t < T)
sig = lambda a: 1 / (1 + np.exp(-a))
Vf, Vi, Uf, Ui = [rng.normal(0, .5, s) for s in [(H, D), (H, D), (H, H), (H, H)]]
bf, bi, bb = [rng.normal(0, .1, H) for _ in range(3)]
hp, cp, t = rng.normal(0, .5, H), rng.normal(0, .5, H), 2
f = sig(Vf @ x[t] + Uf @ hp + bf); i = sig(Vi @ x[t] + Ui @ hp + bi)
c_src = f * cp + i * np.tanh(V @ x[T] + U @ hp + bb); c_std = f * cp + i * np.tanh(V @ x[t] + U @ hp + bb)
print("line 81 (x_T) equals the candidate with x_t at t=2<T?", np.allclose(c_src, c_std))
