"""FD check of saikrishna_rnn_bptt_mixed_layout.md (numpy only, float64).

Column-vector Elman RNN exactly as the note's forward pass (md lines 25-27):
  a_t = W_xh x_t + W_hh h_{t-1} + b_h,  h_t = tanh(a_t),  y_t = W_hy h_t + b_y.
Per-step loss l_t = 0.5 ||y_t - target_t||^2 ; total L = sum_t l_t (the note allows
"the sum of the losses at each time step"; see _notes).
Vector-times-matrix products written by the author as `v . M` are evaluated as
numpy `v @ M` on 1-D arrays (i.e. v^T M), '*' as elementwise.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["saikrishna_rnn_bptt_mixed_layout.md"]

rng = np.random.default_rng(7)
d, H, m, T = 3, 4, 2, 5
Wxh = rng.normal(0, 0.8, (H, d))
Whh = rng.normal(0, 0.8, (H, H))
Whh += np.triu(np.ones((H, H)), 1) * 0.9          # make W_hh clearly non-symmetric
bh = rng.normal(0, 0.3, H)
Why = rng.normal(0, 0.8, (m, H))
by = rng.normal(0, 0.3, m)
X = rng.normal(0, 1.0, (T, d))
Y = rng.normal(0, 1.0, (T, m))
h0 = rng.normal(0, 0.5, H)
eps = 1e-6


def forward(Wxh=Wxh, Whh=Whh, bh=bh, Why=Why, by=by, X=X, pert_a=None, pert_h=None):
    """pert_a / pert_h: (step, vector) added to a_step / h_step (propagates)."""
    h = h0.copy(); hs, As, ls = [h0.copy()], [], []
    for t in range(T):
        a = Wxh @ X[t] + Whh @ h + bh
        if pert_a is not None and pert_a[0] == t:
            a = a + pert_a[1]
        h = np.tanh(a)
        if pert_h is not None and pert_h[0] == t:
            h = h + pert_h[1]
        y = Why @ h + by
        ls.append(0.5 * np.sum((y - Y[t]) ** 2))
        As.append(a); hs.append(h)
    return np.array(ls), np.array(As), np.array(hs)  # hs[0]=h0, hs[t+1]=h_t


def L_of(**kw):
    return forward(**kw)[0].sum()


def fd_vec(f, n):
    g = np.zeros(n)
    for i in range(n):
        e = np.zeros(n); e[i] = eps
        g[i] = (f(e) - f(-e)) / (2 * eps)
    return g


def fd_mat(f, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        g[idx] = (f(E) - f(-E)) / (2 * eps)
    return g


ls, A, Hs = forward()
dphi = 1 - np.tanh(A) ** 2                       # phi'(a_t), t = 0..T-1
Hprev = Hs[:-1]                                  # h_{t-1} for each t
Hcur = Hs[1:]                                    # h_t
Yhat = Hcur @ Why.T + by
delta_y = Yhat - Y                               # dl_t / dyhat_t
local_h = delta_y @ Why                          # dl_t/dh_t (direct part), = W_hy^T delta_y

# true total gradients (finite differences through the whole unrolled net)
G_h = np.array([fd_vec(lambda e, t=t: L_of(pert_h=(t, e)), H) for t in range(T)])
G_a = np.array([fd_vec(lambda e, t=t: L_of(pert_a=(t, e)), H) for t in range(T)])
dWhy = fd_mat(lambda E: L_of(Why=Why + E), (m, H))
dWxh = fd_mat(lambda E: L_of(Wxh=Wxh + E), (H, d))
dWhh = fd_mat(lambda E: L_of(Whh=Whh + E), (H, H))

t = 1   # the step at which per-step formulas are checked (needs t+1, t+2 to exist)
dx_t = fd_vec(lambda e: L_of(X=X + np.outer(np.eye(T)[t], e)), d)

def close(a, b):
    try:
        a = np.asarray(a, float); b = np.asarray(b, float)
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-6)
    except Exception:
        return False

results = {}

def check(line, fn):
    try:
        ok = fn()
        results[line] = "pass" if ok else "fail"
    except ValueError as exc:            # shape error
        results[line] = "fail"
        print(f"  (line {line}: shape error: {exc})")

# definitions (not checked numerically)
for ln in ("25", "26", "27", "40", "50"):
    results[ln] = "definition"

# per-step output-weight gradient, line 56: dl_t/dW_hy = delta_y^t h_t^T
dlt_dWhy = fd_mat(lambda E: forward(Why=Why + E)[0][t], (m, H))
check("56", lambda: close(np.outer(delta_y[t], Hcur[t]), dlt_dWhy))
# line 55: dL/dW_hy = sum_t dl_t/dW_hy
per_step = sum(fd_mat(lambda E, s=s: forward(Why=Why + E)[0][s], (m, H)) for s in range(T))
check("55", lambda: close(per_step, dWhy))
check("57", lambda: close(sum(np.outer(delta_y[s], Hcur[s]) for s in range(T)), dWhy))
# line 64: dL/dW_xh = sum_t dl/da_t (x_t)^T
check("64", lambda: close(sum(np.outer(G_a[s], X[s]) for s in range(T)), dWxh))
# line 68: dl/da_t = dl/dh_t * phi'(a_t)
check("68", lambda: close(G_h[t] * dphi[t], G_a[t]))
# line 69: dl/dh_t = (direct) dl_t/dh_t + dl/dh_{t+1} dh_{t+1}/dh_t  (Jacobian = diag(phi') W_hh)
J = np.diag(dphi[t + 1]) @ Whh
check("69", lambda: close(local_h[t] + G_h[t + 1] @ J, G_h[t]))
# line 70: ... + dl/dh_{t+1} * phi(a_{t+1}) . W_hh^T
check("70", lambda: close(local_h[t] + (G_h[t + 1] * np.tanh(A[t + 1])) @ Whh.T, G_h[t]))
# line 71: dl/da_t = delta_h^t * phi'(a_t) with delta_h^t the total gradient (line 72's meaning)
check("71", lambda: close(G_h[t] * dphi[t], G_a[t]))
# line 72: delta_h^t = dl/dh_t + delta_h^{t+1} * phi'(a_{t+1}) . w_hh^T = dl/dh_t + dl/da_{t+1} . w_hh^T
check("72", lambda: close(local_h[t] + (G_h[t + 1] * dphi[t + 1]) @ Whh.T, G_h[t])
      and close(local_h[t] + G_a[t + 1] @ Whh.T, G_h[t]))
# line 82: dl/dW_hh = sum_t dl/da_t . da_t/dW_hh  (contraction = outer product with h_{t-1})
check("82", lambda: close(sum(np.outer(G_a[s], Hprev[s]) for s in range(T)), dWhh))
# line 83: da_t/dW_hh "=" h_{t-1}^T : d a_t[i] / d W_hh[i,j] (h_{t-1} held fixed) = h_{t-1}[j]
def a_fixed(E):
    return (Wxh @ X[t] + (Whh + E) @ Hprev[t] + bh)
Dij = np.zeros((H, H))
for i in range(H):
    for j in range(H):
        E = np.zeros((H, H)); E[i, j] = eps
        Dij[i, j] = (a_fixed(E)[i] - a_fixed(-E)[i]) / (2 * eps)
check("83", lambda: close(Dij, np.tile(Hprev[t], (H, 1))))
# line 84: dl/dw_hh = sum_t delta_h^t * phi'(a_t) (h_{t-1})^T
check("84", lambda: close(sum(np.outer(G_h[s] * dphi[s], Hprev[s]) for s in range(T)), dWhh))
# line 90: dL/dx_t = sum_t dl/da_t . da_t/dx_t  (da_t/dx_t = W_xh; sum over ALL steps as written)
check("90", lambda: close(sum(G_a[s] @ Wxh for s in range(T)), dx_t))
# line 91: dL/dx_t = sum_t dl/da_t . (W_xh)^T
check("91", lambda: close(sum(G_a[s] @ Wxh.T for s in range(T)), dx_t))
# line 103: delta_t = dl/dh_t + delta_{t+1} . phi'(a_{t+1}) . W_hh^T
check("103", lambda: close(local_h[t] + (G_h[t + 1] * dphi[t + 1]) @ Whh.T, G_h[t]))
# line 104: one more substitution
check("104", lambda: close(local_h[t] + ((local_h[t + 1] + (G_h[t + 2] * dphi[t + 2]) @ Whh.T)
                                          * dphi[t + 1]) @ Whh.T, G_h[t]))
# line 105: fully expanded series (all terms up to T)
def series_105():
    tot = local_h[t].copy()
    for k in range(1, T - t):
        v = local_h[t + k]
        for j in range(k, 0, -1):            # dl/dh_{t+k} . phi'(a_{t+k}) . W^T . ... . phi'(a_{t+1}) . W^T
            v = (v * dphi[t + j]) @ Whh.T
        tot = tot + v
    return tot
check("105", lambda: close(series_105(), G_h[t]))
# line 106: sum_{k=0}^{T-t} (prod_{j=1}^{k} W_hh . phi'(a_{t+j})) . dl/dh_{t+k}
def series_106():
    tot = np.zeros(H)
    for k in range(0, T - t):
        P = np.eye(H)
        for j in range(1, k + 1):
            P = P @ (Whh @ np.diag(dphi[t + j]))
        tot = tot + P @ local_h[t + k]
    return tot
check("106", lambda: close(series_106(), G_h[t]))
# line 113: ||phi'(a_i)|| = gamma <= 1 (tanh)
check("113", lambda: bool(np.all(np.abs(dphi) <= 1.0)))
# line 114: ||prod W_hh . phi'(a_i)|| <= (gamma ||W_hh||)^k, spectral norms, gamma = max_i ||diag phi'(a_i)||
def bound_114():
    gamma = max(np.linalg.norm(np.diag(dphi[i]), 2) for i in range(T))
    ok = True
    for k in range(1, T + 1):
        P = np.eye(H)
        for i in range(T - k, T):
            P = P @ (Whh @ np.diag(dphi[i]))
        ok &= np.linalg.norm(P, 2) <= (gamma * np.linalg.norm(Whh, 2)) ** k + 1e-12
    return ok
check("114", bound_114)


# controls: the corrected forms must agree with FD (guards against bugs in this script)
assert close(local_h[t] + (G_h[t + 1] * dphi[t + 1]) @ Whh, G_h[t]), "control 72"
assert close(G_a[t] @ Wxh, dx_t), "control 90"
def series_106_fixed():
    tot = np.zeros(H)
    for k in range(0, T - t):
        P = np.eye(H)
        for j in range(1, k + 1):
            P = P @ (Whh.T @ np.diag(dphi[t + j]))
        tot = tot + P @ local_h[t + k]
    return tot
assert close(series_106_fixed(), G_h[t]), "control 106"
print("controls (corrected forms) agree with FD")

bad = 0
for ln in sorted(EXP, key=int):
    exp = EXP[ln]["expected"]
    got = results.get(ln, "unchecked")
    if got in ("definition", "unchecked"):
        print(f"line {ln}: expected {exp}, numeric {got}")
        continue
    print(f"line {ln}: expected {exp}, numeric {got}")
    if got != exp:
        bad += 1
missing = [ln for ln in results if ln not in EXP]
if missing:
    print("checked but not in expected.json:", missing); bad += 1
print("MISMATCHES:", bad)
sys.exit(1 if bad else 0)
