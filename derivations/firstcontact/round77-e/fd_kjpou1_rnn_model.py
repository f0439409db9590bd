# Finite-difference check of kjpou1_rnn_model.py (author's formulas as written). Loss = sum_t CE(softmax(z_y_t), Y[t]).
import numpy as np
np.random.seed(1)
def softmax(z): e = np.exp(z - z.max(0, keepdims=True)); return e / e.sum(0, keepdims=True)
n_a, n_x, n_y, T = 4, 5, 5, 6
P = {"Wax": np.random.randn(n_a, n_x), "Waa": np.random.randn(n_a, n_a), "Wya": np.random.randn(n_y, n_a),
     "ba": np.random.randn(n_a, 1), "by": np.random.randn(n_y, 1)}
X = list(np.random.randint(0, n_x, T)); Y = list(np.random.randint(0, n_y, T)); a0 = np.random.randn(n_a, 1)
def forward():
    a = {-1: a0.copy()}; y_hat = {}; x = {}; z_t = []
    for t, idx in enumerate(X):
        x_t = np.zeros((n_x, 1)); x_t[idx] = 1; x[t] = x_t
        z = P["Wax"] @ x_t + P["Waa"] @ a[t-1] + P["ba"]           # line 71
        a[t] = np.tanh(z)                                          # line 74
        z_y = P["Wya"] @ a[t] + P["by"]                            # line 77
        y_hat[t] = softmax(z_y)                                    # line 80
        z_t.append(z)
    return y_hat, a, x, z_t
def loss():
    y_hat, *_ = forward(); return -sum(np.log(y_hat[t][Y[t], 0]) for t in range(T))
def step_back(dy, da_next, cache):                                 # lines 132-151 as written
    a_next, a_prev, x_t, z_t, p = cache
    g = {"dWya": dy @ a_next.T, "dby": dy}
    da = p["Wya"].T @ dy + da_next
    dz = (1 - np.tanh(z_t) ** 2) * da
    g.update(dWax=dz @ x_t.T, dWaa=dz @ a_prev.T, dba=dz)
    return g, p["Waa"].T @ dz, dz, da
y_hat, a, x, z_t = forward()
G = {k: np.zeros_like(P[k[1:]]) for k in ["dWax","dWaa","dWya","dba","dby"]}
da_next = np.zeros((n_a, 1)); DZ = {}; DA = {}; DY = {}
for t in reversed(range(T)):
    dy = np.copy(y_hat[t]); dy[Y[t]] -= 1
    g, da_next, DZ[t], DA[t] = step_back(dy, da_next, (a[t], a[t-1], x[t], z_t[t], P)); DY[t] = dy
    for k in G: G[k] += g[k]
def fd(arr, eps=1e-6):
    out = np.zeros_like(arr)
    for i in np.ndindex(arr.shape):
        o = arr[i]; arr[i] = o + eps; lp = loss(); arr[i] = o - eps; lm = loss(); arr[i] = o; out[i] = (lp - lm) / (2*eps)
    return out
def rep(line, name, ana, num):
    err = np.max(np.abs(ana - num)) / max(1e-12, np.max(np.abs(num)))
    print(f"line {line:>3} {name:28s} rel.err {err:.2e} {'AGREE' if err < 1e-5 else 'DISAGREE'}")
for k, L in [("dWax", 146), ("dWaa", 147), ("dWya", 136), ("dba", 148), ("dby", 137)]:
    rep(L, "sum_t " + k + " (line 201)", G[k], fd(P[k[1:]]))
rep(151, "da_prev (-> dL/da0)", da_next, fd(a0))
# dy = dL/dz_y at t=2 (perturb logits bias only at one step): use directional check via by restricted to step 2
t0 = 2
def loss_shift(vec):
    a = a0.copy(); L = 0
    for t, idx in enumerate(X):
        x_t = np.zeros((n_x, 1)); x_t[idx] = 1
        a = np.tanh(P["Wax"] @ x_t + P["Waa"] @ a + P["ba"]); zy = P["Wya"] @ a + P["by"] + (vec if t == t0 else 0)
        L -= np.log(softmax(zy)[Y[t], 0])
    return L
v = np.zeros((n_y, 1)); num = np.zeros_like(v)
for i in range(n_y):
    v[i] = 1e-6; lp = loss_shift(v); v[i] = -1e-6; lm = loss_shift(v); v[i] = 0; num[i] = (lp - lm) / 2e-6
rep(195, "dy = dL/dz_y (t=2)", DY[t0], num)
def loss_shift_z(vec):
    a = a0.copy(); L = 0
    for t, idx in enumerate(X):
        x_t = np.zeros((n_x, 1)); x_t[idx] = 1
        a = np.tanh(P["Wax"] @ x_t + P["Waa"] @ a + P["ba"] + (vec if t == t0 else 0))
        L -= np.log(softmax(P["Wya"] @ a + P["by"])[Y[t], 0])
    return L
v = np.zeros((n_a, 1)); num = np.zeros_like(v)
for i in range(n_a):
    v[i] = 1e-6; lp = loss_shift_z(v); v[i] = -1e-6; lm = loss_shift_z(v); v[i] = 0; num[i] = (lp - lm) / 2e-6
rep(143, "dz = dL/dz (t=2, total)", DZ[t0], num)
rep(140, "da (t=2) vs dz/(1-a^2)", DA[t0], num / (1 - a[t0]**2))
