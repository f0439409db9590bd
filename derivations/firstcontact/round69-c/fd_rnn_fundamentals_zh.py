# Finite-difference check of rnn_fundamentals_zh.md (numpy only).
# Column-vector convention of the source: h_t=tanh(a_t), a_t=W_hh h_{t-1}+W_xh x_t+b_h,
# z_t=W_hy h_t+b_y, yhat_t=softmax(z_t), L_t=-sum_i y_{t,i} log yhat_{t,i}, L=sum_t L_t.
import numpy as np
rng = np.random.default_rng(0)
din, H, dout, T = 3, 4, 5, 4
P = dict(Wxh=rng.normal(0, .6, (H, din)), Whh=rng.normal(0, .6, (H, H)),
         Why=rng.normal(0, .6, (dout, H)), bh=rng.normal(0, .3, (H, 1)), by=rng.normal(0, .3, (dout, 1)))
xs = [rng.normal(0, 1, (din, 1)) for _ in range(T)]
lab = rng.integers(0, dout, T)
ys = [np.eye(dout)[:, [k]] for k in lab]
eps = 1e-6
res = []
def rep(line, ok, what):
    res.append((line, ok)); print(f"line {line:4d}: {'AGREE' if ok else 'DIFFER'}  {what}")
def close(a, b, tol=1e-5): return np.allclose(a, b, atol=tol, rtol=1e-4)
def softmax(z): e = np.exp(z - z.max()); return e / e.sum()

def forward(P, dh=None):
    """dh: dict t -> perturbation added to h_t right after it is computed (t is 1-based)."""
    h = np.zeros((H, 1)); hs = [h]; as_ = [None]; zs = [None]; yh = [None]; Ls = [None]
    for t in range(1, T + 1):
        a = P['Whh'] @ h + P['Wxh'] @ xs[t-1] + P['bh']; h = np.tanh(a)
        if dh is not None and t in dh: h = h + dh[t]
        z = P['Why'] @ h + P['by']; p = softmax(z)
        hs.append(h); as_.append(a); zs.append(z); yh.append(p)
        Ls.append(float(-(ys[t-1] * np.log(p)).sum()))
    return hs, as_, zs, yh, Ls

hs, as_, zs, yh, Ls = forward(P)
L = sum(Ls[1:])

def fd_param(name, f):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(g.shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += eps; fp = f(Q)
        Q[name][idx] -= 2 * eps; fm = f(Q); g[idx] = (fp - fm) / (2 * eps)
    return g
def fd_h(t, f):
    g = np.zeros((H, 1))
    for i in range(H):
        d = np.zeros((H, 1)); d[i] = eps; fp = f(forward(P, {t: d}))
        fm = f(forward(P, {t: -d})); g[i] = (fp - fm) / (2 * eps)
    return g
total = lambda out: sum(out[4][1:])
Lt = lambda t: (lambda out: out[4][t])

# --- forward / loss definitions
rep(91, all(abs(Ls[t] + np.log(yh[t][lab[t-1], 0])) < 1e-12 for t in range(1, T+1)), "L_t=-log yhat_{t,k} equals the CE sum for one-hot y_t (line 85/145/169)")
rep(101, abs(-np.log(0.6) - 0.51) < 0.005, f"-log(0.6)={-np.log(0.6):.4f} ~ 0.51")
rep(104, abs(-np.log(0.9) - 0.105) < 0.0005, f"-log(0.9)={-np.log(0.9):.5f} ~ 0.105")

# --- softmax / CE derivative pieces at t=2
t = 2; z = zs[t]; y = ys[t-1]; p = yh[t]
def Lz(zz): return float(-(y * np.log(softmax(zz))).sum())
gz = np.array([[(Lz(z + eps*np.eye(dout)[:, [k]]) - Lz(z - eps*np.eye(dout)[:, [k]])) / (2*eps)] for k in range(dout)]).reshape(dout, 1)
rep(155, close(gz, p - y), "dL_t/dz_t = yhat_t - y_t (also line 207)")
Jfd = np.zeros((dout, dout))
for k in range(dout):
    e = eps * np.eye(dout)[:, [k]]; Jfd[:, [k]] = (softmax(z + e) - softmax(z - e)) / (2 * eps)
rep(183, close(np.diag(Jfd), p[:, 0] * (1 - p[:, 0])), "d yhat_k / d z_k = yhat_k(1-yhat_k)")
off = ~np.eye(dout, dtype=bool)
rep(189, close(Jfd[off], (-np.outer(p, p))[off]), "d yhat_i / d z_k = -yhat_i yhat_k (i != k)")
# line 175: -sum_i y_i dlog(yhat_i)/dz_k
dlog = np.zeros((dout, dout))
for k in range(dout):
    e = eps * np.eye(dout)[:, [k]]; dlog[:, [k]] = (np.log(softmax(z + e)) - np.log(softmax(z - e))) / (2 * eps)
rep(175, close(-(y[:, 0] @ dlog), gz[:, 0]), "dL_t/dz_k = -sum_i y_i dlog yhat_i/dz_k")
yk = y[:, 0]; pk = p[:, 0]
for line, expr in [
    (196, lambda k: -yk[k] / pk[k] * pk[k] * (1 - pk[k]) - sum(yk[i] / pk[i] * (-pk[i] * pk[k]) for i in range(dout) if i != k)),
    (197, lambda k: -yk[k] * (1 - pk[k]) + sum(yk[i] * pk[k] for i in range(dout) if i != k)),
    (198, lambda k: -yk[k] + yk[k] * pk[k] + sum(yk[i] * pk[k] for i in range(dout) if i != k)),
    (199, lambda k: -yk[k] + pk[k] * yk.sum()),
    (200, lambda k: pk[k] - yk[k])]:
    rep(line, close(np.array([expr(k) for k in range(dout)]), gz[:, 0]), "chain step of the index-notation softmax+CE derivation")

# --- output layer parameter gradients (one step's part) at t=2
gW = fd_param('Why', lambda Q: forward(Q)[4][t])
rep(114, close(gW, (p - y) @ hs[t].T), "dL_t/dW_hy = (yhat_t - y_t) h_t^T (also line 215)")
gb = fd_param('by', lambda Q: forward(Q)[4][t])
rep(219, close(gb, p - y), "dL_t/db_y = yhat_t - y_t")

# --- hidden-state gradients
tot = {s: fd_h(s, total) for s in range(1, T + 1)}   # total dL/dh_s (all losses)
loc = {s: fd_h(s, Lt(s)) for s in range(1, T + 1)}   # dL_s/dh_s (own loss only)
D = {s: np.diag(1 - np.tanh(as_[s][:, 0])**2) for s in range(1, T + 1)}
rep(240, all(close(loc[s], P['Why'].T @ (yh[s] - ys[s-1])) for s in range(1, T+1)), "dL_t/dh_t = W_hy^T (yhat_t - y_t)")
# Jacobian dh_{t+1}/dh_t
s = 2
Jh = np.zeros((H, H))
for j in range(H):
    d = np.zeros((H, 1)); d[j] = eps
    Jh[:, [j]] = (forward(P, {s: d})[0][s+1] - forward(P, {s: -d})[0][s+1]) / (2 * eps)
rep(250, close(Jh, D[s+1] @ P['Whh']), "dh_{t+1}/dh_t = diag(1-tanh^2(a_{t+1})) W_hh")
rep(232, close(tot[s].T, loc[s].T + tot[s+1].T @ Jh), "dL/dh_t = dL_t/dh_t + dL/dh_{t+1} dh_{t+1}/dh_t (row-vector chain rule)")
rep(258, all(close(tot[u], P['Why'].T @ (yh[u]-ys[u-1]) + P['Whh'].T @ D[u+1] @ tot[u+1]) for u in range(1, T)), "recursion with W_hh^T diag(1-tanh^2(a_{t+1})) dL/dh_{t+1}")
rep(286, close(tot[T], P['Why'].T @ (yh[T] - ys[T-1])), "dL/dh_T = W_hy^T (yhat_T - y_T)")
rep(294, close(tot[T-1], P['Why'].T @ (yh[T-1]-ys[T-2]) + P['Whh'].T @ D[T] @ tot[T]), "dL/dh_{T-1}")
rep(300, close(tot[T-2], P['Why'].T @ (yh[T-2]-ys[T-3]) + P['Whh'].T @ D[T-1] @ tot[T-1]), "dL/dh_{T-2}")
def general(u):
    acc = np.zeros((H, 1))
    for k in range(u, T + 1):
        M = np.eye(H)
        for j in range(u + 1, k + 1): M = M @ P['Whh'].T @ D[j]
        acc += M @ P['Why'].T @ (yh[k] - ys[k-1])
    return acc
rep(308, all(close(tot[u], general(u)) for u in range(1, T + 1)), "closed form sum_k prod_j W_hh^T D_j W_hy^T (yhat_k - y_k)")
# line 329 (T=3 example): build a 3-step model's dL/dh_1 with the same parameters
h3 = [np.zeros((H,1))]; a3 = [None]
for u in range(1, 4):
    a3.append(P['Whh'] @ h3[-1] + P['Wxh'] @ xs[u-1] + P['bh']); h3.append(np.tanh(a3[-1]))
D3 = {u: np.diag(1 - np.tanh(a3[u][:, 0])**2) for u in (2, 3)}
ex = P['Why'].T @ (yh[1]-ys[0]) + P['Whh'].T @ D3[2] @ P['Why'].T @ (yh[2]-ys[1]) + P['Whh'].T @ D3[2] @ P['Whh'].T @ D3[3] @ P['Why'].T @ (yh[3]-ys[2])
Ttmp = T
def fd_h1_T3():
    g = np.zeros((H, 1))
    for i in range(H):
        d = np.zeros((H, 1)); d[i] = eps
        g[i] = (sum(forward(P, {1: d})[4][1:4]) - sum(forward(P, {1: -d})[4][1:4])) / (2 * eps)
    return g
rep(329, close(fd_h1_T3(), ex), "T=3 expansion of dL/dh_1 (three paths)")

# line 126: the published recursion with (1 - tanh^2(h_{t+1}))
u = 2; g_next = tot[u+1]; hn = hs[u+1]
readA = P['Whh'].T @ (g_next * (1 - np.tanh(hn)**2)) + P['Why'].T @ (yh[u]-ys[u-1])   # W^T (g (.) (1-tanh^2(h)))
readB = (P['Whh'].T @ g_next) * (1 - np.tanh(hn)**2) + P['Why'].T @ (yh[u]-ys[u-1])   # (W^T g) (.) (1-tanh^2(h))
fixed = P['Whh'].T @ (g_next * (1 - hn**2)) + P['Why'].T @ (yh[u]-ys[u-1])
rep(126, close(tot[u], readA) or close(tot[u], readB), f"published: ...(1 - tanh^2(h_{{t+1}})); max err reading A {np.abs(tot[u]-readA).max():.2e}, reading B {np.abs(tot[u]-readB).max():.2e}")
print(f"           (with 1 - h_{{t+1}}^2 = 1 - tanh^2(a_{{t+1}}) instead: {'AGREE' if close(tot[u], fixed) else 'DIFFER'})")

# --- parameter gradients over the whole sequence
dWhh = sum((tot[s] * (1 - np.tanh(as_[s])**2)) @ hs[s-1].T for s in range(1, T+1))
dWxh = sum((tot[s] * (1 - np.tanh(as_[s])**2)) @ xs[s-1].T for s in range(1, T+1))
dbh = sum(tot[s] * (1 - np.tanh(as_[s])**2) for s in range(1, T+1))
rep(266, close(dWhh, fd_param('Whh', lambda Q: sum(forward(Q)[4][1:]))), "dL/dW_hh = sum_t (dL/dh_t (.) (1-tanh^2 a_t)) h_{t-1}^T")
rep(270, close(dWxh, fd_param('Wxh', lambda Q: sum(forward(Q)[4][1:]))), "dL/dW_xh")
rep(274, close(dbh, fd_param('bh', lambda Q: sum(forward(Q)[4][1:]))), "dL/db_h")

# --- section 6.1 NumPy code (linear output y=W_hy h+b_y, loss assumed 0.5*sum ||y_t - target_t||^2)
tg = [rng.normal(0, 1, (dout, 1)) for _ in range(T)]
def code_forward(P):
    h = np.zeros((H, 1)); hs_ = [h]; outs = []
    for x in xs:
        h = np.tanh(np.dot(P['Wxh'], x) + np.dot(P['Whh'], h) + P['bh']); hs_.append(h)
        outs.append(np.dot(P['Why'], h) + P['by'])
    return outs, hs_
def mse(Q): o, _ = code_forward(Q); return sum(0.5 * float(((o[i] - tg[i])**2).sum()) for i in range(T))
outs, hsc = code_forward(P)
dW_xh = np.zeros_like(P['Wxh']); dW_hh = np.zeros_like(P['Whh']); dW_hy = np.zeros_like(P['Why'])
db_h = np.zeros_like(P['bh']); db_y = np.zeros_like(P['by']); dh_next = np.zeros((H, 1))
for t_ in reversed(range(T)):
    dy = outs[t_] - tg[t_]
    dW_hy += np.dot(dy, hsc[t_+1].T); db_y += dy
    dh = np.dot(P['Why'].T, dy) + dh_next
    dh_raw = dh * (1 - hsc[t_+1] ** 2)
    dW_xh += np.dot(dh_raw, xs[t_].T); dW_hh += np.dot(dh_raw, hsc[t_].T); db_h += dh_raw
    dh_next = np.dot(P['Whh'].T, dh_raw)
for line, name, g in [(408, 'Why', dW_hy), (409, 'by', db_y), (415, 'Wxh', dW_xh), (416, 'Whh', dW_hh), (417, 'bh', db_h)]:
    rep(line, close(g, fd_param(name, mse)), f"code gradient d{name} (with lines 407, 412, 413, 419) vs FD of 0.5*sum||y_t-target_t||^2")
print("\nsummary: DIFFER rows:", [l for l, ok in res if not ok])
