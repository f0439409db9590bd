# Finite-difference check of badary_rnns.md (numpy only). Column vectors.
import numpy as np
rng = np.random.default_rng(2)
n, d, K, T = 3, 2, 4, 5
Whx, Whh, Woh = rng.normal(size=(n, d)), rng.normal(size=(n, n))*0.8, rng.normal(size=(K, n))
bh, bo = rng.normal(size=n), rng.normal(size=K)
X = rng.normal(size=(T+1, d)); Y = rng.integers(0, K, size=T+1); h0 = rng.normal(size=n)*0.3
def softmax(z): e = np.exp(z-z.max()); return e/e.sum()
def fwd(Whx, Whh, Woh, bh, bo):                       # lines 77, 59, 58 (g_h = tanh, g_y = softmax)
    h = {0: h0}; o = {}; L = 0.0
    for t in range(1, T+1):
        h[t] = np.tanh(Whx@X[t] + Whh@h[t-1] + bh); o[t] = Woh@h[t] + bo
        L += -np.log(softmax(o[t])[Y[t]])
    return L, h, o
P = dict(Whx=Whx, Whh=Whh, Woh=Woh, bh=bh, bo=bo)
def fd(P, k, eps=1e-6):
    G = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        P[k][idx] += eps; a = fwd(**P)[0]; P[k][idx] -= 2*eps; b = fwd(**P)[0]; P[k][idx] += eps
        G[idx] = (a-b)/(2*eps)
    return G
num = {k: fd(P, k) for k in P}
L, h, o = fwd(**P)
def bptt(author64):
    g = {k: np.zeros_like(v) for k, v in P.items()}; dh_next = np.zeros(n)
    dsum = sum(1-h[t]**2 for t in range(1, T+1))
    for t in range(T, 0, -1):
        do = softmax(o[t]) - np.eye(K)[Y[t]]            # lines 42 / 61 (dy = 1, line 60)
        g['bo'] += do                                    # line 43 / 65
        g['Woh'] += np.outer(do, h[t])                   # line 44 / 66
        dh = dh_next + Woh.T@do                          # line 45 (62/63)
        du = dh*(dsum if author64 else (1-h[t]**2))      # line 46; line 64 as written uses sum_t diag(1-h^2)
        g['Whx'] += np.outer(du, X[t])                   # line 47 / 67
        g['bh'] += du                                    # line 48 / 68
        g['Whh'] += np.outer(du, h[t-1])                 # line 49 / 69
        dh_next = Whh.T@du                               # line 50 / 70
    return g
ok = lambda a, b: np.allclose(a, b, atol=1e-5)
G, G64 = bptt(False), bptt(True)
for k, lines in [('bo', '43/65'), ('Woh', '44/66'), ('Whx', '47/67'), ('bh', '48/68'), ('Whh', '49/69')]:
    print(f"lines {lines} d{k}: loop (lines 42-50) {ok(G[k], num[k])}; with line 64 (sum_t diag) {ok(G64[k], num[k])}")
# line 63: dh_t = W_hh^T diag(1-h_{t+1}^2) dh_{t+1} + W_oh^T do_t  -> check dL/dh_t by FD on a perturbation of h_t
t = 2
def L_from_ht(ht):
    Lt = sum(-np.log(softmax(o[s])[Y[s]]) for s in range(1, t))
    hp = ht; Lt += -np.log(softmax(Woh@hp+bo)[Y[t]])
    for s in range(t+1, T+1):
        hp = np.tanh(Whx@X[s] + Whh@hp + bh); Lt += -np.log(softmax(Woh@hp+bo)[Y[s]])
    return Lt
gfd = np.array([(L_from_ht(h[t]+e) - L_from_ht(h[t]-e))/2e-6 for e in np.eye(n)*1e-6])
# recursion of line 63 from the end
dh = {T: Woh.T@(softmax(o[T]) - np.eye(K)[Y[T]])}   # line 62 (with do_T)
for s in range(T-1, 0, -1):
    dh[s] = Whh.T@np.diag(1-h[s+1]**2)@dh[s+1] + Woh.T@(softmax(o[s]) - np.eye(K)[Y[s]])
print("line 62/63 recursion for dL/dh_t:", ok(dh[t], gfd))
# line 61 side claim: softmax'(o) (its Jacobian) is NOT yhat - 1_y; only dL/do = yhat - 1_y
oo = o[1]; J = np.diag(softmax(oo)) - np.outer(softmax(oo), softmax(oo))
gL = np.array([(-np.log(softmax(oo+e)[Y[1]]) + np.log(softmax(oo-e)[Y[1]]))/2e-6 for e in np.eye(K)*1e-6])
print("line 61: dL/do_t = yhat - 1_y:", ok(gL, softmax(oo)-np.eye(K)[Y[1]]), "(softmax Jacobian itself is diag(p)-pp^T, a K x K matrix)")
# lines 4, 14/15, 22, 25: h_t = W f(h_{t-1}) + W^(hx) x, f = tanh
W = Whh
hs = {0: h0}
for s in range(1, T+1): hs[s] = W@np.tanh(hs[s-1]) + Whx@X[s]
def jfd(fun, z):
    return np.stack([(fun(z+e) - fun(z-e))/2e-6 for e in np.eye(n)*1e-6], axis=1)
j = 3; Jj = jfd(lambda z: W@np.tanh(z) + Whx@X[j], hs[j-1])
print("line 22 Jacobian = W diag(f'(h_{j-1})):", ok(Jj, W@np.diag(1-np.tanh(hs[j-1])**2)),
      "| norm bound:", np.linalg.norm(Jj, 2) <= np.linalg.norm(W.T, 2)*np.linalg.norm(np.diag(1-np.tanh(hs[j-1])**2), 2) + 1e-12)
k, t = 1, 4
def roll(z):
    for s in range(k+1, t+1): z = W@np.tanh(z) + Whx@X[s]
    return z
Jtot = jfd(roll, hs[k]); prod = np.eye(n)
for s in range(t, k, -1): prod = prod@(W@np.diag(1-np.tanh(hs[s-1])**2))
bW = np.linalg.norm(W, 2); bh_ = max(np.linalg.norm(np.diag(1-np.tanh(hs[s-1])**2), 2) for s in range(k+1, t+1))
print("lines 14/15/25 dh_t/dh_k = product of Jacobians:", ok(Jtot, prod), "| bound (beta_W beta_h)^(t-k):", np.linalg.norm(Jtot, 2) <= (bW*bh_)**(t-k) + 1e-12)
