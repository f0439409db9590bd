# FD checks for zh_hschen_rnn_bptt_denominator.md
# Author's model: s_t = W_rec h_{t-1} + W_in x_t, h_t = tanh(s_t), z_t = W_out h_t, yhat_t = softmax(z_t),
# E_t = -y_t^T log yhat_t, E = sum_t E_t; x_t, y_t one-hot; time steps k = 0..T-1 with h_{-1} = 0.
# Denominator layout: dE/dW has the shape of W; a (x) b = a b^T.
import numpy as np
rng = np.random.default_rng(1)
K, H, T = 4, 3, 4
Win = rng.normal(size=(H, K)); Wrec = rng.normal(size=(H, H)) * 0.8; Wout = rng.normal(size=(K, H))
xi = rng.integers(0, K, size=T); yi = rng.integers(0, K, size=T)
X = np.eye(K)[xi]; Y = np.eye(K)[yi]
eps = 1e-6
def rep(line, ok, note=""):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")

def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

def run(Win=Win, Wrec=Wrec, Wout=Wout, ds=None):
    """ds = (k, vec): add vec to s_k. Returns list E_t, hs (hs[-1] = h_{-1} = 0), yhats."""
    h = np.zeros(H); hs = {-1: h}; Es = []; yh = {}
    for k in range(T):
        s = Wrec @ h + Win @ X[k]
        if ds is not None and ds[0] == k: s = s + ds[1]
        h = np.tanh(s); hs[k] = h
        p = softmax(Wout @ h); yh[k] = p
        Es.append(-Y[k] @ np.log(p))
    return Es, hs, yh

Es, hs, yh = run()
r = {t: yh[t] - Y[t] for t in range(T)}

def fd_mat(fun, M):
    G = np.zeros_like(M)
    for a in range(M.shape[0]):
        for b in range(M.shape[1]):
            P = M.copy(); P[a, b] += eps; Mn = M.copy(); Mn[a, b] -= eps
            G[a, b] = (fun(P) - fun(Mn)) / (2 * eps)
    return G

# FD delta^{(t)}_k = dE_t/ds_k
def fd_delta(t, k):
    d = np.zeros(H)
    for a in range(H):
        e = np.zeros(H); e[a] = eps
        d[a] = (run(ds=(k, e))[0][t] - run(ds=(k, -e))[0][t]) / (2 * eps)
    return d
D = {(t, k): fd_delta(t, k) for t in range(T) for k in range(T)}

# forward / definition rows
for l in (28, 29, 33, 34, 40):
    rep(l, True, "(definition, used by the forward pass)")
rep(45, all(np.isclose(-Y[t] @ np.log(yh[t]), -np.log(yh[t][yi[t]])) for t in range(T)), "(-y^T log yhat = -log yhat_j)")

# line 48: dE/dW_in = sum_t dE_t/dW_in
GE_in = fd_mat(lambda M: sum(run(Win=M)[0]), Win)
Gt_in = [fd_mat(lambda M, t=t: run(Win=M)[0][t], Win) for t in range(T)]
rep(48, np.allclose(GE_in, sum(Gt_in), atol=1e-6))

# lines 54, 57, 58: W_out
Gt_out = [fd_mat(lambda M, t=t: run(Wout=M)[0][t], Wout) for t in range(T)]
GE_out = fd_mat(lambda M: sum(run(Wout=M)[0]), Wout)
ok54 = all(np.isclose(Gt_out[t][i, j], r[t][i] * hs[t][j], atol=1e-6) for t in range(T) for i in range(K) for j in range(H))
rep(54, ok54, "(entrywise r_t^(i) h_t^(j))")
rep(57, all(np.allclose(Gt_out[t], np.outer(r[t], hs[t]), atol=1e-6) for t in range(T)))
rep(58, np.allclose(GE_out, sum(np.outer(r[t], hs[t]) for t in range(T)), atol=1e-6), "(sum over all steps; index base read as all steps)")

# W_rec
Gt_rec = [fd_mat(lambda M, t=t: run(Wrec=M)[0][t], Wrec) for t in range(T)]
GE_rec = fd_mat(lambda M: sum(run(Wrec=M)[0]), Wrec)
# line 63 / 65: sum_k (immediate ds_k/dW_rec(i,j)) contracted with delta^{(t)}_k; ds_k/dW_rec(i,j) = e_i h_{k-1}^(j)
def tr_form(t):
    G = np.zeros((H, H))
    for i in range(H):
        for j in range(H):
            G[i, j] = sum(np.trace(np.outer(D[(t, k)], np.eye(H)[i] * hs[k - 1][j])) for k in range(t + 1))
    return G
ok65 = all(np.allclose(tr_form(t), Gt_rec[t], atol=1e-6) for t in range(T))
rep(63, ok65, "(immediate ds_k/dW_rec contracted with dE_t/ds_k, summed over k<=t)")
rep(65, ok65)
# line 69: delta^{(t)}_k = diag(1-h_k^2) W_rec^T delta^{(t)}_{k+1}, k < t
ok69 = all(np.allclose(D[(t, k)], (1 - hs[k] ** 2) * (Wrec.T @ D[(t, k + 1)]), atol=1e-6) for t in range(T) for k in range(t))
rep(69, ok69)
# line 72: delta^{(t)}_t = (W_out^T (yhat_t - y_t)) * (1 - h_t^2)
ok72 = all(np.allclose(D[(t, t)], (Wout.T @ r[t]) * (1 - hs[t] ** 2), atol=1e-6) for t in range(T))
rep(72, ok72)
rep(74, ok69 and ok72, "(system of lines 72 and 69)")
# line 77: literal RHS sum_k delta^{(t)}_k h_{k-1}^{(j)} is an H-vector, LHS the scalar entry (i,j)
t = T - 1; i, j = 0, 1
rhs77 = sum(D[(t, k)] * hs[k - 1][j] for k in range(t + 1))
ok77 = np.ndim(rhs77) == 0 and np.isclose(rhs77, Gt_rec[t][i, j])
rep(77, ok77, f"(RHS has shape {np.shape(rhs77)}; it equals column j of dE_t/dW_rec: {np.allclose(rhs77, Gt_rec[t][:, j], atol=1e-6)}; with the component index (i) on delta it would match)")
# line 79: matrix form and sum over t
ok79a = all(np.allclose(sum(np.outer(D[(t, k)], hs[k - 1]) for k in range(t + 1)), Gt_rec[t], atol=1e-6) for t in range(T))
ok79b = np.allclose(sum(np.outer(D[(t, k)], hs[k - 1]) for t in range(T) for k in range(t + 1)), GE_rec, atol=1e-6)
rep(79, ok79a and ok79b)
# line 84: dE_t/dW_in = sum_k delta_k (x) x_k with delta_k read as delta^{(t)}_k
ok84 = all(np.allclose(sum(np.outer(D[(t, k)], X[k]) for k in range(t + 1)), Gt_in[t], atol=1e-6) for t in range(T))
rep(84, ok84, "(delta_k read as delta^{(t)}_k)")
# line 90 with line 91's definition delta_k = dE_k/ds_k = (W_out^T r_k) * (1 - h_k^2)
loc = {k: (Wout.T @ r[k]) * (1 - hs[k] ** 2) for k in range(T)}
u_in = sum(np.outer(loc[k], X[k]) for t in range(T) for k in range(t + 1))
u_rec = sum(np.outer(loc[k], hs[k - 1]) for t in range(T) for k in range(t + 1))
u_out = sum(np.outer(r[t], hs[t]) for t in range(T))
print("   line 90 parts: W_in", np.allclose(u_in, GE_in, atol=1e-6), "W_rec", np.allclose(u_rec, GE_rec, atol=1e-6), "W_out", np.allclose(u_out, GE_out, atol=1e-6))
rep(90, np.allclose(u_in, GE_in, atol=1e-6) and np.allclose(u_rec, GE_rec, atol=1e-6) and np.allclose(u_out, GE_out, atol=1e-6),
    "(update directions vs dE/dW; delta_k as defined in line 91)")
# line 91: r_t = yhat_t - y_t and delta_t = dE_t/ds_t = (W_out^T r_t) * (1 - h_t^2)
rep(91, all(np.allclose(loc[t], D[(t, t)], atol=1e-6) for t in range(T)))
