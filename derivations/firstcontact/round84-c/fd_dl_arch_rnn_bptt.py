# FD check of dl_arch_rnn_bptt.md: h_t = s(W_hh h_{t-1} + W_xh x_t + b_h), yhat_t = W_hy h_t + b_y (column vectors)
import numpy as np
rng = np.random.default_rng(2)
n, d, o, T = 4, 3, 2, 6
Whh = rng.normal(size=(n, n)) * 0.8; Wxh = rng.normal(size=(n, d)); bh = rng.normal(size=n) * 0.3
Why = rng.normal(size=(o, n)); by = rng.normal(size=o); X = rng.normal(size=(T + 1, d)); yT = rng.normal(size=o)
eps = 1e-6
for name, s, ds in [("sigmoid", lambda a: 1 / (1 + np.exp(-a)), lambda a: (1 / (1 + np.exp(-a))) * (1 - 1 / (1 + np.exp(-a)))),
                    ("tanh", np.tanh, lambda a: 1 - np.tanh(a) ** 2)]:
    print(f"--- sigma = {name}")
    def run(hstart, tstart):
        H = {tstart: hstart.copy()}; Z = {}
        for k in range(tstart + 1, T + 1):
            Z[k] = Whh @ H[k - 1] + Wxh @ X[k] + bh
            H[k] = s(Z[k])                               # line 13
        return H, Z
    H, Z = run(np.zeros(n), 0)                           # h_0 = 0
    LT = lambda h: 0.5 * np.sum((Why @ h + by - yT) ** 2)  # loss at time T on yhat_T (line 14)
    def fd_jac(f, v):
        m = len(np.atleast_1d(f(v))); J = np.zeros((m, len(v)))
        for j in range(len(v)):
            e = np.zeros_like(v); e[j] = eps; J[:, j] = (np.atleast_1d(f(v + e)) - np.atleast_1d(f(v - e))) / (2 * eps)
        return J
    k = 4
    Jnum = fd_jac(lambda v: s(Whh @ v + Wxh @ X[k] + bh), H[k - 1])
    J_src = np.diag(ds(H[k - 1])) @ Whh          # line 55 as written: sigma' evaluated at h_{k-1}
    J_fix = np.diag(ds(Z[k])) @ Whh              # sigma' at the pre-activation z_k
    print(f"line 55 dh_k/dh_(k-1) = diag(s'(h_(k-1))) W_hh : max|diff| = {np.abs(J_src-Jnum).max():.2e} -> {'AGREE' if np.allclose(J_src,Jnum,atol=1e-7) else 'DISAGREE'}")
    print(f"   (diag(s'(z_k)) W_hh instead                  : max|diff| = {np.abs(J_fix-Jnum).max():.2e} -> {'AGREE' if np.allclose(J_fix,Jnum,atol=1e-7) else 'DISAGREE'})")
    # line 52: dL_T/dh_t = dL_T/dh_T * J_T ... J_{t+1}
    t = 1
    g = (Why.T @ (Why @ H[T] + by - yT))          # dL_T/dh_T as a vector
    row = g.copy()
    for kk in range(T, t, -1):
        row = row @ (np.diag(ds(Z[kk])) @ Whh)
    num = fd_jac(lambda v: LT(run(v, t)[0][T]), H[t])[0]
    print(f"line 52 dL_T/dh_t = dL_T/dh_T * prod J_k        : max|diff| = {np.abs(row-num).max():.2e} -> {'AGREE' if np.allclose(row,num,atol=1e-7) else 'DISAGREE'}")
    # the same product built from the line-55 factor
    row2 = g.copy()
    for kk in range(T, t, -1):
        row2 = row2 @ (np.diag(ds(H[kk - 1])) @ Whh)
    print(f"   (product of line-55 factors                  : max|diff| = {np.abs(row2-num).max():.2e} -> {'AGREE' if np.allclose(row2,num,atol=1e-7) else 'DISAGREE'})")
