"""Finite-difference check of vi_rnn_bptt_lesson.md (Vietnamese RNN BPTT lesson).

Column vectors.  Forward (lines 5-6, 46, 55, 64, 76):
  z_t = W_xh x_t + W_hh h_{t-1} + b_h,  h_t = tanh(z_t),  o_t = W_hy h_t + b_y,
  yhat_t = softmax(o_t),  L_t = -log yhat_t[target_t],  L = (1/T) sum_t L_t.
Section 1.4/1.5 uses Goodfellow's names: V = W_hy, W = W_hh, U = W_xh, o^(t) = logits.
"""
import numpy as np

rng = np.random.default_rng(3)
D, H, O, T = 3, 4, 5, 6
Wxh = rng.normal(0, .6, (H, D)); Whh = rng.normal(0, .6, (H, H)); bh = rng.normal(0, .2, (H, 1))
Why = rng.normal(0, .6, (O, H)); by = rng.normal(0, .2, (O, 1))
xs = [rng.normal(0, 1, (D, 1)) for _ in range(T)]; tg = rng.integers(0, O, T)
P = dict(Wxh=Wxh, Whh=Whh, bh=bh, Why=Why, by=by)


def fwd(P, mean=True):
    h = np.zeros((H, 1)); hs = [h]; ps = []; Ls = []
    for t in range(T):
        h = np.tanh(P["Wxh"] @ xs[t] + P["Whh"] @ h + P["bh"]); hs.append(h)
        o = P["Why"] @ h + P["by"]; p = np.exp(o - o.max()); p /= p.sum(); ps.append(p)
        Ls.append(-np.log(p[tg[t], 0]))
    return (np.mean(Ls) if mean else np.sum(Ls)), hs, ps


def fd(P, key, mean=True, eps=1e-6):
    g = np.zeros_like(P[key]); it = np.nditer(P[key], flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = P[key][i]
        P[key][i] = o + eps; lp = fwd(P, mean)[0]
        P[key][i] = o - eps; lm = fwd(P, mean)[0]
        P[key][i] = o; g[i] = (lp - lm) / (2 * eps)
    return g


rel = lambda a, b: np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))
ok = lambda r: "OK" if r < 1e-6 else "MISMATCH"

L, hs, ps = fwd(P)
dos = []
for t in range(T):                                   # line 188: dL^(t)/do^(t) = yhat - y
    y = np.zeros((O, 1)); y[tg[t]] = 1; dos.append(ps[t] - y)

# lines 170/177 as written: grad_h(t) = V^T dL^(t)/do^(t) + W^T diag(1-h(t+1)^2) grad_h(t+1)
gh = [None] * (T + 1)
for t in range(T, 0, -1):
    g = Why.T @ dos[t - 1]
    if t < T:
        g = g + Whh.T @ ((1 - hs[t + 1] ** 2) * gh[t + 1])
    gh[t] = g
# line 195, 209, 216 as written (with the grad_h of lines 170/177)
dV = sum(dos[t] @ hs[t + 1].T for t in range(T))
dW = sum(((1 - hs[t] ** 2) * gh[t]) @ hs[t - 1].T for t in range(1, T + 1))
dU = sum(((1 - hs[t] ** 2) * gh[t]) @ xs[t - 1].T for t in range(1, T + 1))

num = {k: fd(P, k, mean=True) for k in ["Why", "Whh", "Wxh"]}
num_sum = {k: fd(P, k, mean=False) for k in ["Why", "Whh", "Wxh"]}
print("1. the lesson's formulas vs finite differences of its loss L = (1/T) sum L_t, and of sum L_t")
for name, mine, k in [("dL/dV  (line 195)", dV, "Why"), ("dL/dW  (line 209 with grad_h of 170/177)", dW, "Whh"),
                      ("dL/dU  (line 216 with grad_h of 170/177)", dU, "Wxh")]:
    r1, r2, r3 = rel(mine, num[k]), rel(mine, num_sum[k]), rel(mine / T, num[k])
    print(f"   {name:42s} vs dL/d: {r1:8.2e} {ok(r1):8s} vs d(sum L_t)/d: {r2:8.2e} {ok(r2):3s}   (1/T)*formula vs dL/d: {r3:8.2e} {ok(r3)}")

# true grad_h of L (mean): gradient of L wrt h_t through everything downstream
def grad_h_num(t, eps=1e-6):
    g = np.zeros((H, 1))
    for j in range(H):
        vals = []
        for s in (+1, -1):
            h = hs[t].copy(); h[j] += s * eps; Ls = [-np.log(ps[u][tg[u], 0]) for u in range(t - 1)]
            hh = h
            for u in range(t, T + 1):
                if u > t:
                    hh = np.tanh(Wxh @ xs[u - 1] + Whh @ hh + bh)
                o = Why @ hh + by; p = np.exp(o - o.max()); p /= p.sum(); Ls.append(-np.log(p[tg[u - 1], 0]))
            vals.append(np.mean(Ls))
        g[j] = (vals[0] - vals[1]) / (2 * eps)
    return g
print("\n2. grad_h(t) of lines 170/177 vs finite differences of L wrt h_t")
for t in (T, 3):
    gn = grad_h_num(t)
    print(f"   t = {t}: as written {rel(gh[t], gn):8.2e} {ok(rel(gh[t], gn)):8s}   (1/T)*as written {rel(gh[t] / T, gn):8.2e} {ok(rel(gh[t] / T, gn))}")

# lines 209/216 themselves are right when fed the true grad_h of L
ghT = [None] + [g / T for g in gh[1:]]
dW2 = sum(((1 - hs[t] ** 2) * ghT[t]) @ hs[t - 1].T for t in range(1, T + 1))
dU2 = sum(((1 - hs[t] ** 2) * ghT[t]) @ xs[t - 1].T for t in range(1, T + 1))
print(f"\n3. lines 209/216 fed with the true grad_h of L: dW {rel(dW2, num['Whh']):8.2e} {ok(rel(dW2, num['Whh']))}, "
      f"dU {rel(dU2, num['Wxh']):8.2e} {ok(rel(dU2, num['Wxh']))}")

# line 115: dL/dW = sum_t dL_t/dW  (L is the mean)
def fd_Lt(t_idx, key="Whh", eps=1e-6):
    g = np.zeros_like(P[key]); it = np.nditer(P[key], flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = P[key][i]
        P[key][i] = o + eps; lp = -np.log(fwd(P)[2][t_idx][tg[t_idx], 0])
        P[key][i] = o - eps; lm = -np.log(fwd(P)[2][t_idx][tg[t_idx], 0])
        P[key][i] = o; g[i] = (lp - lm) / (2 * eps)
    return g
S = sum(fd_Lt(t) for t in range(T))
print(f"\n4. line 115: sum_t dL_t/dW_hh vs dL/dW_hh: {rel(S, num['Whh']):8.2e} {ok(rel(S, num['Whh']))};"
      f"  (1/T) sum_t dL_t/dW_hh vs dL/dW_hh: {rel(S / T, num['Whh']):8.2e} {ok(rel(S / T, num['Whh']))}")

# line 126 (immediate partial dh_k/dW_hh), 128, 134, 228
t = 5
J = lambda i: (1 - hs[i] ** 2) * Whh                 # line 134: diag(1-h_i^2) W_hh
prod = np.eye(H)
for i in range(t, 3, -1):
    prod = prod @ J(i)                               # lines 128 / 228 with k = 3
def h_t_from_h_k(hk, k=3, t=t):
    h = hk
    for u in range(k + 1, t + 1):
        h = np.tanh(Wxh @ xs[u - 1] + Whh @ h + bh)
    return h
Jn = np.hstack([(h_t_from_h_k(hs[3] + e) - h_t_from_h_k(hs[3] - e)) / 2e-6 for e in np.eye(H)[:, :, None] * 1e-6])
print(f"\n5. lines 128/134/228: prod_i diag(1-h_i^2) W_hh vs numeric dh_5/dh_3: {rel(prod, Jn):8.2e} {ok(rel(prod, Jn))}")
# line 126 with dL_t/dh_t of the single loss L_t and immediate partials
dLt_dht = Why.T @ dos[t - 1]
G126 = np.zeros_like(Whh)
for k in range(1, t + 1):
    Jtk = np.eye(H)
    for i in range(t, k, -1):
        Jtk = Jtk @ J(i)
    v = Jtk.T @ dLt_dht                              # (dL_t/dh_t dh_t/dh_k)^T
    G126 += ((1 - hs[k] ** 2) * v) @ hs[k - 1].T      # immediate dh_k/dW_hh (h_{k-1} fixed)
print(f"6. line 126 (immediate partials) vs numeric dL_t/dW_hh, t = {t}: {rel(G126, fd_Lt(t - 1)):8.2e} {ok(rel(G126, fd_Lt(t - 1)))}")
# line 234: norm bound
lhs = np.linalg.norm(prod, 2); rhs = np.prod([np.linalg.norm(np.diag((1 - hs[i] ** 2).ravel()), 2) * np.linalg.norm(Whh, 2) for i in range(4, t + 1)])
print(f"7. line 234: ||prod|| = {lhs:.4f} <= {rhs:.4f}: {'OK' if lhs <= rhs + 1e-12 else 'MISMATCH'}")
# line 159 arithmetic, line 189 arithmetic
h = np.array([0.5, -0.3, 0.8]); print(f"8. line 159: 1-h^2 = {1 - h ** 2} (lesson: [0.75, 0.91, 0.36]) OK")
print(f"9. line 189: yhat - y = {np.array([0.66, 0.05, 0.29]) - np.array([0, 1, 0])} (lesson: [0.66, -0.95, 0.29]) OK")
print("\nReading: lines 115, 170, 177, 195 equate the gradient of the MEAN loss L = (1/T) sum L_t with the gradient"
      "\nof the SUM (a factor 1/T is dropped); all other checked rows hold.")
