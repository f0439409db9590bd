# Finite-difference check of ko_rnn_bptt.md (Korean course note 05-bptt.md, search-index file id 70252091845).
# Column vectors: a_t = Wxh x_t + Whh h_{t-1} + bh, h_t = tanh(a_t), y_t = Why h_t + by,
# p_t = softmax(y_t), L = sum_t -ln p_t[k_t].  hs is a dict with hs[-1] = h0 (min-char-rnn style).
import numpy as np

rng = np.random.default_rng(0)
V, H, T = 5, 4, 6
p = {"Wxh": rng.normal(0, .5, (H, V)), "Whh": rng.normal(0, .5, (H, H)),
     "Why": rng.normal(0, .5, (V, H)), "bh": rng.normal(0, .5, H), "by": rng.normal(0, .5, V)}
inputs = rng.integers(0, V, T); targets = rng.integers(0, V, T); h0 = rng.normal(0, .5, H)

def forward(p, h0=h0):
    xs, hs, ys, ps, a = {}, {-1: h0.copy()}, {}, {}, {}
    L = 0.0
    for t in range(T):
        xs[t] = np.zeros(V); xs[t][inputs[t]] = 1
        a[t] = p["Wxh"] @ xs[t] + p["Whh"] @ hs[t-1] + p["bh"]     # line 11
        hs[t] = np.tanh(a[t])
        ys[t] = p["Why"] @ hs[t] + p["by"]
        e = np.exp(ys[t] - ys[t].max()); ps[t] = e / e.sum()
        L += -np.log(ps[t][targets[t]])                              # line 17
    return L, xs, hs, ys, ps, a

def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; old = X[i]
        X[i] = old + eps; lp = f(); X[i] = old - eps; lm = f(); X[i] = old
        G[i] = (lp - lm) / (2 * eps)
    return G

def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))
res = []
def report(name, a, b, tol=1e-6):
    r = rel(a, b); res.append((name, r < tol)); print(f"{'AGREE' if r < tol else 'DIFFER'}  rel={r:.2e}  {name}")

L, xs, hs, ys, ps, a = forward(p)

# ---- author's code (lines 131-140) verbatim, in a function ----
def author_backward(p, xs, hs, ps):
    g = {k: np.zeros_like(v) for k, v in p.items()}
    dh_next = np.zeros(H)
    for t in reversed(range(len(inputs))):
        dy = ps[t].copy(); dy[targets[t]] -= 1.0
        g["Why"] += np.outer(dy, hs[t]); g["by"] += dy
        dh = p["Why"].T @ dy + dh_next
        da = (1.0 - hs[t] ** 2) * dh
        g["bh"] += da
        g["Wxh"] += np.outer(da, xs[t])
        g["Whh"] += np.outer(da, hs[t - 1])
        dh_next = p["Whh"].T @ da
    return g, dh_next
g, dh0 = author_backward(p, xs, hs, ps)
for k in p:
    report(f"code lines 134-140: g['{k}'] vs FD dL/d{k}", g[k], numgrad(lambda: forward(p)[0], p[k]))
report("code line 140 at t=0: dh_next = dL/dh0", dh0, numgrad(lambda: forward(p, h0)[0], h0))

# ---- math lines: per-step quantities via FD on perturbations of a_t / h_t / y_t ----
def L_from_y(t, dyv):      # loss with y_t shifted (only L_t depends on y_t)
    e = np.exp(ys[t] + dyv - (ys[t] + dyv).max()); pt = e / e.sum(); return -np.log(pt[targets[t]])
def L_from_a(t, da):       # total loss with a_t shifted, rest recomputed
    hh = hs[t-1]; Ltot = 0.0
    for s in range(T):
        if s < t: Ltot += -np.log(ps[s][targets[s]]); continue
        aa = p["Wxh"] @ xs[s] + p["Whh"] @ hh + p["bh"] + (da if s == t else 0)
        hh = np.tanh(aa); yy = p["Why"] @ hh + p["by"]
        e = np.exp(yy - yy.max()); Ltot += -np.log((e / e.sum())[targets[s]])
    return Ltot
def L_from_h(t, dhv):      # total loss with h_t shifted
    Ltot = sum(-np.log(ps[s][targets[s]]) for s in range(t))
    hh = hs[t] + dhv; yy = p["Why"] @ hh + p["by"]; e = np.exp(yy - yy.max()); Ltot += -np.log((e/e.sum())[targets[t]])
    for s in range(t+1, T):
        hh = np.tanh(p["Wxh"] @ xs[s] + p["Whh"] @ hh + p["bh"]); yy = p["Why"] @ hh + p["by"]
        e = np.exp(yy - yy.max()); Ltot += -np.log((e/e.sum())[targets[s]])
    return Ltot
def fdvec(f, n, eps=1e-6):
    return np.array([(f(eps*np.eye(n)[i]) - f(-eps*np.eye(n)[i])) / (2*eps) for i in range(n)])

delta = {T: np.zeros(H)}
for t in reversed(range(T)):
    delta[t] = (1 - hs[t]**2) * (p["Why"].T @ (ps[t] - np.eye(V)[targets[t]]) + p["Whh"].T @ delta[t+1])   # line 83
for t in [T-1, 2, 0]:
    dLdy = ps[t] - np.eye(V)[targets[t]]                                                              # line 49
    report(f"line 49 (t={t}): dL_t/dy_t = p_t - onehot", dLdy, fdvec(lambda d: L_from_y(t, d), V))
    dLdh = fdvec(lambda d: L_from_h(t, d), H)
    dLdh_next = fdvec(lambda d: L_from_h(t+1, d), H) if t+1 < T else np.zeros(H)
    report(f"line 37 (t={t}): dL/dh_t = Why^T dL_t/dy_t + (dL/dh_t+1 passed back)",
           p["Why"].T @ dLdy + p["Whh"].T @ ((1 - hs[t+1]**2) * dLdh_next) if t+1 < T else p["Why"].T @ dLdy, dLdh)
    dLda = fdvec(lambda d: L_from_a(t, d), H)
    report(f"line 59 (t={t}): dL/da_t = (1-h_t^2)*dL/dh_t", (1 - hs[t]**2) * dLdh, dLda)
    report(f"line 83 (t={t}): delta_t recursion", delta[t], dLda)
    if t > 0:
        report(f"line 74 (t={t}): grad to h_(t-1) from step t = Whh^T delta_t (+Why^T dy_(t-1) gives dL/dh_(t-1))",
               p["Whh"].T @ delta[t] + p["Why"].T @ (ps[t-1] - np.eye(V)[targets[t-1]]), fdvec(lambda d: L_from_h(t-1, d), H))
sumWhh = sum(np.outer(delta[t], hs[t-1]) for t in range(T))
sumWxh = sum(np.outer(delta[t], xs[t]) for t in range(T))
sumWhy = sum(np.outer(ps[t] - np.eye(V)[targets[t]], hs[t]) for t in range(T))
report("lines 70/88: dL/dWhh = sum delta_t h_{t-1}^T", sumWhh, numgrad(lambda: forward(p)[0], p["Whh"]))
report("lines 69/89: dL/dWxh = sum delta_t x_t^T", sumWxh, numgrad(lambda: forward(p)[0], p["Wxh"]))
report("line 71: dL/dbh = sum delta_t", sum(delta[t] for t in range(T)), numgrad(lambda: forward(p)[0], p["bh"]))
report("line 90: dL/dWhy = sum (p_t - onehot) h_t^T", sumWhy, numgrad(lambda: forward(p)[0], p["Why"]))

# Jacobians (lines 108, 119)
def h_after(t, k, dhk):    # h_t as a function of h_k
    hh = hs[k] + dhk
    for s in range(k+1, t+1): hh = np.tanh(p["Wxh"] @ xs[s] + p["Whh"] @ hh + p["bh"])
    return hh
def jac(t, k, eps=1e-6):
    return np.stack([(h_after(t, k, eps*np.eye(H)[i]) - h_after(t, k, -eps*np.eye(H)[i])) / (2*eps) for i in range(H)], 1)
report("line 108: dh_t/dh_(t-1) = diag(1-h_t^2) Whh (t=3)", np.diag(1 - hs[3]**2) @ p["Whh"], jac(3, 2))
prod = np.eye(H)
for j in range(2, 5 + 1): prod = np.diag(1 - hs[j]**2) @ p["Whh"] @ prod
report("line 119: dh_5/dh_1 = prod_{j=2..5} diag(1-h_j^2) Whh (newest factor leftmost)", prod, jac(5, 1))
# line 56: tanh' = 1 - tanh^2
z = rng.normal(size=7); report("line 56: tanh'(a) = 1 - tanh^2(a)", 1 - np.tanh(z)**2, (np.tanh(z+1e-6) - np.tanh(z-1e-6)) / 2e-6)
print("\nall agree" if all(ok for _, ok in res) else "\nSOME DIFFER: " + ", ".join(n for n, ok in res if not ok))
