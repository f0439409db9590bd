"""FD check for moisesjf10_rnn_readme.md (batch-first row-vector tanh RNN, README section 9 + layers/rnn.py).
Forward: Z_t = x_t W_hx + h_{t-1} W_hh + b, h_t = tanh(Z_t), outputs = all h_t.
Loss used for checking: L = sum_t sum(G_t * h_t) with a fixed random upstream G (so dA_t = G_t)."""
import numpy as np
rng = np.random.default_rng(0)
N, T, D, H = 3, 5, 4, 6
X = rng.normal(size=(N, T, D)) * 0.8
W_hx = rng.normal(size=(D, H)) * 0.5
W_hh = rng.normal(size=(H, H)) * 0.5
b = rng.normal(size=(1, H)) * 0.1
G = rng.normal(size=(N, T, H)) * 0.3

def tanh(z): return np.tanh(z)
def dtanh_of_Z(z): return 1 - np.tanh(z) ** 2          # code: Tanh.derivative(Z) = 1 - tanh(Z)^2

def forward(X, W_hx, W_hh, b, eps_h=None):
    hs = [np.zeros((N, H))]; Zs = []
    for t in range(T):
        Z = X[:, t, :] @ W_hx + hs[-1] @ W_hh + b       # README L17 / code L136
        h = tanh(Z)                                      # README L18 / code L142
        if eps_h is not None: h = h + eps_h[t]
        Zs.append(Z); hs.append(h)
    return hs, Zs

def loss(X, W_hx, W_hh, b, eps_h=None):
    hs, _ = forward(X, W_hx, W_hh, b, eps_h)
    return sum(np.sum(G[:, t, :] * hs[t + 1]) for t in range(T))

# author's backward (README L34-52 == code L172-196)
hs, Zs = forward(X, W_hx, W_hh, b)
dWx = np.zeros_like(W_hx); dWh = np.zeros_like(W_hh); db = np.zeros_like(b); dX = np.zeros_like(X)
dh_next = np.zeros((N, H)); dh_tot = {}
for t in reversed(range(T)):
    dh_t = G[:, t, :] + dh_next                          # L34 / L172
    dh_tot[t] = dh_t
    dZ = dh_t * (1 - hs[t + 1] ** 2)                     # L38 (README form)
    dZ_code = dh_t * dtanh_of_Z(Zs[t])                   # L176 (code form)
    assert np.allclose(dZ, dZ_code)
    dWx += X[:, t, :].T @ dZ                             # L42 / L182
    dWh += hs[t].T @ dZ                                  # L43 / L186
    db += np.sum(dZ, axis=0, keepdims=True)              # L44 / L189
    dX[:, t, :] = dZ @ W_hx.T                            # L48 / L193
    dh_next = dZ @ W_hh.T                                # L52 / L196
assert max(np.abs(a).max() for a in (dWx, dWh, db)) < 5.0, "clipping would be active"

def fd(f, P, e=1e-6):
    g = np.zeros_like(P)
    for i in np.ndindex(P.shape):
        old = P[i]; P[i] = old + e; lp = f(); P[i] = old - e; lm = f(); P[i] = old
        g[i] = (lp - lm) / (2 * e)
    return g

def rep(name, a, n):
    err = np.max(np.abs(a - n)) / max(1e-12, np.max(np.abs(n)))
    print(f"{name:45s} rel.err {err:.2e}  {'AGREE' if err < 1e-6 else 'DISAGREE'}")

rep("L3/L66/L70 tanh' = 1-tanh^2", dtanh_of_Z(np.array([0.3, -1.2])),
    np.array([(np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6 for z in (0.3, -1.2)]))
print("L38/L176 dZ_t: README form dh*(1-h_t^2) equals code form dh*(1-tanh(Z_t)^2) (asserted); checked through the rows below")
print("L58/L200 clipping: all |grad| < 5 here, so clip is the identity (definition, not a derivative claim)")
rep("L42/L182 dW_hx = sum_t x_t^T dZ_t", dWx, fd(lambda: loss(X, W_hx, W_hh, b), W_hx))
rep("L43/L186 dW_hh = sum_t h_{t-1}^T dZ_t", dWh, fd(lambda: loss(X, W_hx, W_hh, b), W_hh))
rep("L44/L189 db = sum_t sum_i dZ_t", db, fd(lambda: loss(X, W_hx, W_hh, b), b))
rep("L48/L193 dx_t = dZ_t W_hx^T", dX, fd(lambda: loss(X, W_hx, W_hh, b), X))
# dh_t total (L34/L172) and the recursion L52/L196: perturb h_t additively
for t in range(T):
    eps = np.zeros((T, N, H))
    num = np.zeros((N, H))
    for i in np.ndindex(N, H):
        eps[(t,) + i] = 1e-6; lp = loss(X, W_hx, W_hh, b, eps)
        eps[(t,) + i] = -1e-6; lm = loss(X, W_hx, W_hh, b, eps); eps[(t,) + i] = 0
        num[i] = (lp - lm) / 2e-6
    rep(f"L34/L172+L52/L196 total dh_t (t={t+1})", dh_tot[t], num)
