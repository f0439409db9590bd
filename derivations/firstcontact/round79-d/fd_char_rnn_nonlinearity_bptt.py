# Finite-difference check of the "purely numpy based" char RNN (search-index ids 34115970691 + 34151048907).
# Column vectors, no biases: z_t = w_hh h_{t-1} + w_hx x_t, h_t = f(z_t), y_t = w_hy h_t, p_t = softmax(y_t),
# L = sum_t -log p_t[label_t]; hs[-1] = current_state.  f in {tanh, sigmoid, relu}; f_prime takes the OUTPUT h.
import numpy as np

def softmax(x): return np.exp(x) / np.exp(x).sum()          # md line 10
def sigmoid(x): return 1. / (1 + np.exp(-x))                # 14
def relu(x): return (x > 0) * x                             # 18
def tanh(x): return np.tanh(x)                              # 22
def dsigmoid(y): return y * (1 - y)                         # 28
def drelu(y):
    dy = y.copy()                                           # 34
    dy[dy != 0] = 1.                                        # 35
    return dy
def dtanh(y): return 1 - y ** 2                             # 42
def one_hot_encode(x, size):
    o = np.zeros((len(x), size, 1)); o[(np.arange(len(x)), x)] = 1; return o
ACT = {'tanh': (tanh, dtanh), 'sigmoid': (sigmoid, dsigmoid), 'relu': (relu, drelu)}

V, H, T = 7, 5, 6
rng = np.random.default_rng(3)
x = rng.integers(0, V, T); labels = rng.integers(0, V, T)

def forward(W, f, h0):
    w_hx, w_hh, w_hy = W; X = one_hot_encode(x, V)
    hs, ps = {-1: h0}, {}
    for t in range(T):
        z_t = w_hh @ hs[t - 1] + w_hx @ X[t]                 # 165
        h_t = f(z_t)                                        # 166
        y_t = w_hy @ h_t                                    # 169
        ps[t] = softmax(y_t); hs[t] = h_t                   # 170
    return hs, ps

def loss(W, f, h0):
    _, ps = forward(W, f, h0)
    return -sum(np.log(ps[i][labels[i], 0]) for i in range(T))   # 185

def backward(W, fp, hs, ps):
    w_hx, w_hh, w_hy = W; X = one_hot_encode(x, V); Lm = one_hot_encode(labels, V)
    dw_hx, dw_hh, dw_hy = np.zeros_like(w_hx), np.zeros_like(w_hh), np.zeros_like(w_hy)
    rows = {}
    for t in reversed(range(T)):
        dy_t = ps[t] - Lm[t]                                # 212
        dw_hy += dy_t @ hs[t].T                             # 215
        dh_t = w_hy.T @ dy_t                                # 218
        dz_k = dh_t * fp(hs[t])                             # 221
        rows[(t, 'dh')] = dh_t; rows[(t, t)] = dz_k
        for k in reversed(range(t + 1)):
            dw_hh += dz_k @ hs[k - 1].T                     # 227
            dw_hx += dz_k @ X[k].T                          # 230
            dz_k = (w_hh.T @ dz_k) * fp(hs[k - 1])          # 234
            if k - 1 >= 0: rows[(t, k - 1)] = dz_k
    clipped = any(np.any(np.abs(d) > 5) for d in (dw_hx, dw_hh, dw_hy))
    return (dw_hx, dw_hh, dw_hy), rows, clipped

def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def verdict(r): return 'AGREE' if r < 1e-6 else 'DISAGREE'

for name, (f, fp) in ACT.items():
    W = [rng.uniform(-.8, .8, (H, V)), rng.uniform(-.8, .8, (H, H)), rng.uniform(-.8, .8, (V, H))]
    h0 = f(rng.normal(0, 1, (H, 1)))
    hs, ps = forward(W, f, h0)
    g, rows, clipped = backward(W, fp, hs, ps)
    eps = 1e-6
    print(f'=== non_linearity = {name} (clipping would act: {clipped}) ===')
    for pn, p, a in zip(['w_hx (230)', 'w_hh (227)', 'w_hy (215)'], W, g):
        num = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]; p[idx] = old + eps; lp = loss(W, f, h0); p[idx] = old - eps; lm = loss(W, f, h0); p[idx] = old
            num[idx] = (lp - lm) / (2 * eps)
        print(f'  {pn:11s} rel.err {rel(a, num):.2e} {verdict(rel(a, num))}')
    # per-row: dL_t/dz_k for the loss of a single step t (lines 212, 218, 221, 234)
    t = T - 1
    def loss_t(dz=None, k=None):
        w_hx, w_hh, w_hy = W; X = one_hot_encode(x, V); h = h0
        for s in range(t + 1):
            z = w_hh @ h + w_hx @ X[s]
            if dz is not None and s == k: z = z + dz
            h = f(z)
        p = softmax(w_hy @ h); return -np.log(p[labels[t], 0])
    for k in [t, t - 2, 0]:
        num = np.zeros((H, 1))
        for i in range(H):
            e = np.zeros((H, 1)); e[i] = eps; num[i] = (loss_t(e, k) - loss_t(-e, k)) / (2 * eps)
        r = rel(rows[(t, k)], num)
        print(f'  dL_{t}/dz_{k} (line {"221" if k == t else "234"}) rel.err {r:.2e} {verdict(r)}')
print('=== helpers: derivative written in terms of the output y = f(z) vs FD df/dz ===')
z = np.random.default_rng(9).normal(0, 1.5, 12); z = z[np.abs(z) > 1e-3]; e = 1e-6
for n, f, fp, ln in [('dtanh', tanh, dtanh, 42), ('dsigmoid', sigmoid, dsigmoid, 28), ('drelu', relu, drelu, '34-35')]:
    r = rel(fp(f(z)), (f(z + e) - f(z - e)) / (2 * e)); print(f'  {n:9s} (line {ln}) rel.err {r:.2e} {verdict(r)}')
yv = np.random.default_rng(5).normal(0, 1, (V, 1)); k = 3
g = np.array([[(-np.log(softmax(yv + e*np.eye(V)[:, [i]])[k, 0]) + np.log(softmax(yv - e*np.eye(V)[:, [i]])[k, 0]))/(2*e)] for i in range(V)])
pv = softmax(yv); pv[k] -= 1
print(f'  dy_t = p - label (line 212) vs FD dL_t/dy_t: rel.err {rel(pv, g):.2e} {verdict(rel(pv, g))}')
