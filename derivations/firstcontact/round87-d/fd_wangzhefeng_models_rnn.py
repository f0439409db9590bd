# Finite-difference check of wangzhefeng_models_rnn.md (many-to-one tanh RNN, logits y = W_hy h_n + b_y,
# p = softmax(y), L = -ln p_c). Column vectors. dy/dh_t is the total Jacobian of y w.r.t. h_t (n_y x n_h).
import numpy as np

rng = np.random.default_rng(0)
nx, nh, ny, T = 3, 4, 3, 5
Wxh = rng.normal(0, .6, (nh, nx)); Whh = rng.normal(0, .6, (nh, nh)); bh = rng.normal(0, .3, (nh, 1))
Why = rng.normal(0, .6, (ny, nh)); by = rng.normal(0, .3, (ny, 1))
xs = [rng.normal(size=(nx, 1)) for _ in range(T)]
c = 1

def forward(Wxh, Whh, bh, Why, by):
    hs = {-1: np.zeros((nh, 1))}
    for t in range(T):
        hs[t] = np.tanh(Wxh @ xs[t] + Whh @ hs[t-1] + bh)          # line 6 / 86
    y = Why @ hs[T-1] + by                                         # line 64
    p = np.exp(y - y.max()); p /= p.sum()
    L = -np.log(p[c, 0])                                           # line 39 (first two members)
    return L, hs, y, p

def fd(name):
    P = dict(Wxh=Wxh, Whh=Whh, bh=bh, Why=Why, by=by)
    A = P[name]; G = np.zeros_like(A); eps = 1e-6
    for idx in np.ndindex(A.shape):
        old = A[idx]
        A[idx] = old + eps; Lp = forward(**P)[0]
        A[idx] = old - eps; Lm = forward(**P)[0]
        A[idx] = old; G[idx] = (Lp - Lm) / (2 * eps)
    return G

L, hs, y, p = forward(Wxh, Whh, bh, Why, by)
ok = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
res = []

# line 13/17: tanh derivative
z = np.linspace(-2, 2, 7); e = 1e-6
res.append(("17 dtanh = 1 - tanh^2", ok((np.tanh(z+e)-np.tanh(z-e))/(2*e), 1-np.tanh(z)**2)))

# line 39: the last member -ln(e^{y_k}/sum e^{y_i}) with k as written (k != c) vs -ln p_c
k = 0
res.append(("39 -ln(p_c) == -ln(e^{y_k}/sum) (k=0, c=1)", ok(L, -np.log(np.exp(y[k,0])/np.exp(y).sum()))))

# line 57: dL/dy_i = p_i - [i=c]
dLdy = p.copy(); dLdy[c] -= 1
G_y = np.zeros_like(y)
for i in range(ny):
    yp = y.copy(); yp[i] += e; ym = y.copy(); ym[i] -= e
    f = lambda v: -np.log(np.exp(v[c,0]) / np.exp(v).sum())
    G_y[i] = (f(yp) - f(ym)) / (2*e)
res.append(("57 dL/dy = p - onehot(c)", ok(dLdy, G_y)))

# line 68 / 76: dL/dW_hy = dL/dy x h_n (outer product), dL/db_y = dL/dy
res.append(("68 dL/dW_hy = dL/dy h_n^T", ok(dLdy @ hs[T-1].T, fd("Why"))))
res.append(("76 dL/db_y = dL/dy", ok(dLdy, fd("by"))))

def jacobians(author):
    J = {T-1: Why.copy()}                                           # line 116
    for t in range(T-2, -1, -1):
        if author:   # line 110 as written: (1 - h_t^2)
            J[t] = J[t+1] @ np.diag((1 - hs[t]**2).ravel()) @ Whh
        else:        # correct: (1 - h_{t+1}^2)
            J[t] = J[t+1] @ np.diag((1 - hs[t+1]**2).ravel()) @ Whh
    return J

def grads(J):
    gWxh = sum(((dLdy.T @ J[t]).T * (1 - hs[t]**2)) @ xs[t].T for t in range(T))       # line 88
    gWhh = sum(((dLdy.T @ J[t]).T * (1 - hs[t]**2)) @ hs[t-1].T for t in range(T))     # line 96
    gbh = sum(((dLdy.T @ J[t]).T * (1 - hs[t]**2)) for t in range(T))                  # line 102
    return gWxh, gWhh, gbh

FW = dict(Wxh=fd("Wxh"), Whh=fd("Whh"), bh=fd("bh"))
for label, author in (("author recursion (line 110 as written)", True), ("recursion with (1-h_{t+1}^2)", False)):
    g = grads(jacobians(author))
    for name, gg in zip(("Wxh", "Whh", "bh"), g):
        res.append((f"88/96/102 dL/d{name} with {label}", ok(gg, FW[name])))

# line 110 directly: Jacobian of h_{t+1} w.r.t. h_t, finite differences at t = 1
t = 1
def h_next(hprev): return np.tanh(Wxh @ xs[t+1] + Whh @ hprev + bh)
Jfd = np.zeros((nh, nh))
for j in range(nh):
    d = np.zeros((nh, 1)); d[j] = e
    Jfd[:, j] = ((h_next(hs[t] + d) - h_next(hs[t] - d)) / (2*e)).ravel()
res.append(("110 dh_{t+1}/dh_t = diag(1-h_t^2) W_hh (as written)", ok(np.diag((1-hs[t]**2).ravel()) @ Whh, Jfd)))
res.append(("110' dh_{t+1}/dh_t = diag(1-h_{t+1}^2) W_hh", ok(np.diag((1-hs[t+1]**2).ravel()) @ Whh, Jfd)))

for name, r in res:
    print(("AGREE   " if r else "DISAGREE"), name)
