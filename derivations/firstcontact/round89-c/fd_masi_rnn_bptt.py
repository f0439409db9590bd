# FD check for masi_rnn_bptt.md (numpy only). Forward of line 5 / 18-19 with sigma=tanh,
# y_t = softmax(U h_t + b2), loss L = (1/T) sum_t CE_t (line 39), T = 3, h_0 = 0.
import numpy as np
rng = np.random.default_rng(0)
H, E, V, T = 4, 3, 5, 3
Wh, We, U = rng.normal(0, .5, (H, H)), rng.normal(0, .5, (H, E)), rng.normal(0, .5, (V, H))
b1, b2 = rng.normal(0, .1, H), rng.normal(0, .1, V)
e = rng.normal(size=(T + 1, E)); tgt = [None, 1, 3, 0]
def fwd(Wh):
    h = [np.zeros(H)]; Ls = [None]
    for t in range(1, T + 1):
        h.append(np.tanh(Wh @ h[t-1] + We @ e[t] + b1))
        z = U @ h[t] + b2; p = np.exp(z - z.max()); p /= p.sum()
        Ls.append(-np.log(p[tgt[t]]))
    return h, Ls
def L(Wh): return sum(fwd(Wh)[1][1:]) / T
def L3(Wh): return fwd(Wh)[1][3] / T
def fd(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        Xp, Xm = X.copy(), X.copy(); Xp[i] += eps; Xm[i] -= eps
        G[i] = (f(Xp) - f(Xm)) / (2 * eps)
    return G
h, Ls = fwd(Wh)
# lines 82/88/97/110: dL/dWh = dL/dL * dL/dL3 * dL3/dy3 * dy3/dh3 * dh3/dWh|all  (only the L_3 path)
z = U @ h[3] + b2; p = np.exp(z - z.max()); p /= p.sum(); dy = p.copy(); dy[tgt[3]] -= 1
g = (1.0 / T) * (U.T @ dy)              # dL/dh3 through L_3 only
# dh3/dWh|all via lines 119/121/124 (explicit partials chained through h2, h1)
G_formula = np.zeros((H, H))
for k in (3, 2, 1):
    dpre = g * (1 - h[k] ** 2); G_formula += np.outer(dpre, h[k-1]); g = Wh.T @ dpre
G_true = fd(L, Wh); G_L3 = fd(L3, Wh)
print("line 82/88/97/110 formula == dL/dW_h (total)?", np.allclose(G_formula, G_true, atol=1e-6),
      " max|diff| =", np.abs(G_formula - G_true).max())
print("   ... formula == contribution of L_3 only?  ", np.allclose(G_formula, G_L3, atol=1e-6))
# lines 119/121/124: total dh3/dWh = sum of explicit partials chained back (checked on a random projection)
w = rng.normal(size=H)
def proj_h3(Wh): return w @ fwd(Wh)[0][3]
gg = w.copy(); J = np.zeros((H, H))
for k in (3, 2, 1):
    dpre = gg * (1 - h[k] ** 2); J += np.outer(dpre, h[k-1]); gg = Wh.T @ dpre
print("lines 119/121/124 recursion for dh3/dWh|all:", np.allclose(J, fd(proj_h3, Wh), atol=1e-6))
# line 53: chain rule for f(x(t), y(t)) at t0
f = lambda x, y: x * np.sin(y); x_ = lambda t: t ** 2; y_ = lambda t: np.exp(t); t0 = .3
lhs = (f(x_(t0 + 1e-6), y_(t0 + 1e-6)) - f(x_(t0 - 1e-6), y_(t0 - 1e-6))) / 2e-6
rhs = np.sin(y_(t0)) * 2 * t0 + x_(t0) * np.cos(y_(t0)) * np.exp(t0)
print("line 53 multivariable chain rule:", np.isclose(lhs, rhs, atol=1e-6))
# lines 152-177: min-char-rnn forward/backward (sum loss) vs FD
Vc, Hc, Tc = 6, 5, 4
Wxh, Whh, Why = [rng.normal(0, .3, s) for s in [(Hc, Vc), (Hc, Hc), (Vc, Hc)]]
bh, by = rng.normal(0, .1, (Hc, 1)), rng.normal(0, .1, (Vc, 1))
inputs, targets, hprev = [0, 2, 5, 1], [2, 5, 1, 3], rng.normal(0, .1, (Hc, 1))
def lossFun(Wxh, Whh, Why, bh, by):
    xs, hs, ps = {}, {}, {}; hs[-1] = hprev.copy(); loss = 0
    for t in range(Tc):
        xs[t] = np.zeros((Vc, 1)); xs[t][inputs[t]] = 1
        hs[t] = np.tanh(Wxh @ xs[t] + Whh @ hs[t-1] + bh)
        ys = Why @ hs[t] + by; ps[t] = np.exp(ys) / np.sum(np.exp(ys))
        loss += -np.log(ps[t][targets[t], 0])
    return loss, xs, hs, ps
loss, xs, hs, ps = lossFun(Wxh, Whh, Why, bh, by)
dWxh, dWhh, dWhy, dbh, dby = [np.zeros_like(a) for a in (Wxh, Whh, Why, bh, by)]
dhnext = np.zeros_like(hs[0])
for t in reversed(range(Tc)):
    dy = ps[t].copy(); dy[targets[t]] -= 1
    dWhy += dy @ hs[t].T; dby += dy
    dh = Why.T @ dy + dhnext; dhraw = (1 - hs[t] * hs[t]) * dh
    dbh += dhraw; dWxh += dhraw @ xs[t].T; dWhh += dhraw @ hs[t-1].T; dhnext = Whh.T @ dhraw
P = [Wxh, Whh, Why, bh, by]
for name, k, G in zip(["dWxh", "dWhh", "dWhy", "dbh", "dby"], range(5), [dWxh, dWhh, dWhy, dbh, dby]):
    def fk(X, k=k):
        Q = list(P); Q[k] = X; return lossFun(*Q)[0]
    print("lines 168-177 %s (unclipped) agrees with FD:" % name, np.allclose(G, fd(fk, P[k]), atol=1e-6))
