"""Finite-difference check of zh_ruanchong_rnn_bptt_jacobian.md (Chong Ruan, RNN BPTT in Pascanu form).
Model (line 4, second form): h_t = W f(h_{t-1}) + U x_t + b, f = tanh, h_0 given; loss l = sum_t l_t,
l_t = 0.5*||h_t - y_t||^2 (any function of h_t alone; the note only says l_t is the per-step error).
Column vectors. Prints, per annotated line, OK (formula agrees with finite differences) or MISMATCH."""
import json, os
import numpy as np

rng = np.random.default_rng(0)
n, m, T = 4, 3, 5
W = rng.normal(scale=0.6, size=(n, n)); U = rng.normal(scale=0.6, size=(n, m)); b = rng.normal(scale=0.3, size=n)
X = rng.normal(size=(T + 1, m)); Y = rng.normal(size=(T + 1, n)); h0 = rng.normal(scale=0.5, size=n)
f = np.tanh
fp = lambda z: 1 - np.tanh(z) ** 2
eps = 1e-6

def forward(W, U, b, X, inject=None):
    """h[0]=h0, h[t] for t=1..T; inject=(k, vec) adds vec to h_k right after it is computed."""
    h = [h0.copy()]
    if inject is not None and inject[0] == 0:
        h[0] = h[0] + inject[1]
    for t in range(1, T + 1):
        ht = W @ f(h[t - 1]) + U @ X[t] + b
        if inject is not None and inject[0] == t:
            ht = ht + inject[1]
        h.append(ht)
    return h

def lt(h, t):
    return 0.5 * np.sum((h[t] - Y[t]) ** 2)

def L(h):
    return sum(lt(h, t) for t in range(1, T + 1))

def num_grad(fun, P):
    G = np.zeros_like(P)
    it = np.nditer(P, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        Pp = P.copy(); Pp[i] += eps; Pm = P.copy(); Pm[i] -= eps
        G[i] = (fun(Pp) - fun(Pm)) / (2 * eps)
    return G

def dlt_dhk(t, k):
    """numerical d l_t / d h_k (gradient, column) via injection at step k."""
    return num_grad(lambda v: lt(forward(W, U, b, X, inject=(k, v)), t), np.zeros(n))

def jac_h(i):
    """numerical Jacobian d h_{i+1} / d h_i (rows: h_{i+1})."""
    J = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n); e[j] = eps
        hp = forward(W, U, b, X, inject=(i, e))[i + 1]
        hm = forward(W, U, b, X, inject=(i, -e))[i + 1]
        J[:, j] = (hp - hm) / (2 * eps)
    return J

h = forward(W, U, b, X)
res = {}
close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-7)

# line 4: h_t = f(W h_{t-1} + U x_t + b) (state = activation) and h_t = W f(h_{t-1}) + U x_t + b are equivalent:
# with s_t := f(h_t) of the Pascanu form, s_t = f(W s_{t-1} + U x_t + b).
s = [f(hh) for hh in h]
res[4] = all(close(s[t], f(W @ s[t - 1] + U @ X[t] + b)) for t in range(1, T + 1))

# line 7: l = sum_t l_t  =>  dl/dW = sum_t dl_t/dW
gW = num_grad(lambda P: L(forward(P, U, b, X)), W)
gW_sum = sum(num_grad(lambda P, t=t: lt(forward(P, U, b, X), t), W) for t in range(1, T + 1))
res[7] = close(gW, gW_sum)

# line 8: dl_t/dW = sum_{k=1}^t dl_t/dh_k f(h_{k-1})^T
t = T
lhs = num_grad(lambda P: lt(forward(P, U, b, X), t), W)
rhs = sum(np.outer(dlt_dhk(t, k), f(h[k - 1])) for k in range(1, t + 1))
res[8] = close(lhs, rhs)

# line 10: dh_{i+1}/dh_i = W diag(f'(h_i))
i = 2
res[10] = close(jac_h(i), W @ np.diag(fp(h[i])))

# line 11: (claim attributed to the Stanford notes / Pascanu) dh_{i+1}/dh_i = W^T diag(f'(h_i))
res[11] = close(jac_h(i), W.T @ np.diag(fp(h[i])))

# line 13: dl_t/dh_k^T = dl_t/dh_t^T dh_t/dh_{t-1} ... dh_{k+1}/dh_k   (product of numerical Jacobians)
t, k = T, 1
row = dlt_dhk(t, t)
prod = row.copy()
for j in range(t - 1, k - 1, -1):
    prod = prod @ jac_h(j)
res[13] = close(dlt_dhk(t, k), prod)

# line 14: ... = dl_t/dh_t^T W diag(f'(h_{t-1})) ... W diag(f'(h_k))
prod2 = row.copy()
for j in range(t - 1, k - 1, -1):
    prod2 = prod2 @ (W @ np.diag(fp(h[j])))
res[14] = close(dlt_dhk(t, k), prod2)

# line 16: dl_t/db = dl_t/dh_t ; dl_t/dU = dl_t/dh_t x_t^T ; dl_t/dx_t = U^T dl_t/dh_t
t = T
g_b = num_grad(lambda P: lt(forward(W, U, P, X), t), b)
g_U = num_grad(lambda P: lt(forward(W, P, b, X), t), U)
def lx(v):
    Xp = X.copy(); Xp[t] = v
    return lt(forward(W, U, b, Xp), t)
g_x = num_grad(lx, X[t].copy())
d_t = dlt_dhk(t, t)
ok_b, ok_U, ok_x = close(g_b, d_t), close(g_U, np.outer(d_t, X[t])), close(g_x, U.T @ d_t)
print(f"  line 16 parts: dl_t/db {'OK' if ok_b else 'MISMATCH'}, dl_t/dU {'OK' if ok_U else 'MISMATCH'}, dl_t/dx_t {'OK' if ok_x else 'MISMATCH'}")
print(f"  (the correct totals are sum_k dl_t/dh_k and sum_k dl_t/dh_k x_k^T: "
      f"{close(g_b, sum(dlt_dhk(t, kk) for kk in range(1, t + 1)))}, "
      f"{close(g_U, sum(np.outer(dlt_dhk(t, kk), X[kk]) for kk in range(1, t + 1)))})")
res[16] = ok_b and ok_U and ok_x

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["zh_ruanchong_rnn_bptt_jacobian.md"]
allgood = True
for ln in sorted(res):
    verdict = "OK" if res[ln] else "MISMATCH"
    e = exp[str(ln)]["expected"]
    agree = (verdict == "OK") == (e == "pass")
    allgood &= agree
    print(f"line {ln}: {verdict}  (expected {e}) {'agrees' if agree else 'DISAGREES'}")
assert set(map(int, exp)) == set(res), "annotated lines and checked lines differ"
print("ALL AGREE" if allgood else "SOME DISAGREE")
