# Finite-difference check of vg_question3_rnn.md (numpy only).
# h_t = f(W_h h_{t-1} + W_x x_t + b), loss L computed at the final step T only.
import numpy as np
rng = np.random.default_rng(0)
H, D, T = 4, 3, 6
Wh = rng.normal(size=(H, H)) * 0.8; Wx = rng.normal(size=(H, D)); b = rng.normal(size=H)
xs = rng.normal(size=(T + 1, D)); h0 = rng.normal(size=H); c = rng.normal(size=H)
for name, f, fp in [("tanh", np.tanh, lambda a: 1 - np.tanh(a) ** 2),
                    ("sigmoid", lambda a: 1 / (1 + np.exp(-a)), lambda a: (1 / (1 + np.exp(-a))) * (1 - 1 / (1 + np.exp(-a))))]:
    def run(h_start, t_start):
        hs = {t_start: h_start}; As = {}
        for k in range(t_start + 1, T + 1):
            As[k] = Wh @ hs[k - 1] + Wx @ xs[k] + b      # line 29 a_k
            hs[k] = f(As[k])                              # line 9  h_t
        return hs, As
    hs, As = run(h0, 0)
    L = lambda hT: 0.5 * np.sum((hT - c) ** 2)            # any loss of h_T
    gT = hs[T] - c                                         # dL/dh_T (row)
    t = 2
    # numeric dL/dh_t
    eps = 1e-6; num = np.zeros(H)
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        num[j] = (L(run(hs[t] + e, t)[0][T]) - L(run(hs[t] - e, t)[0][T])) / (2 * eps)
    J = {k: np.diag(fp(As[k])) @ Wh for k in range(1, T + 1)}   # line 27
    # line 27: J_k against a finite-difference Jacobian of h_k wrt h_{k-1}
    k = 4; Jn = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        Jn[:, j] = (f(Wh @ (hs[k - 1] + e) + Wx @ xs[k] + b) - f(Wh @ (hs[k - 1] - e) + Wx @ xs[k] + b)) / (2 * eps)
    print(f"[{name}] line 27 J_k = diag(f'(a_k)) W_h vs FD Jacobian: max err {np.abs(J[k] - Jn).max():.2e} ->", "AGREE" if np.allclose(J[k], Jn, atol=1e-7) else "DISAGREE")
    # line 18: dL/dh_t = dL/dh_T * prod_{k=t+1}^{T} J_k, read as J_T ... J_{t+1}
    P_desc = np.eye(H)
    for kk in range(T, t, -1): P_desc = P_desc @ J[kk]
    P_asc = np.eye(H)
    for kk in range(t + 1, T + 1): P_asc = P_asc @ J[kk]
    print(f"[{name}] line 18 (product ordered J_T...J_{{t+1}}): max err {np.abs(gT @ P_desc - num).max():.2e} ->", "AGREE" if np.allclose(gT @ P_desc, num, atol=1e-6) else "DISAGREE")
    print(f"[{name}]   (for information: ordered J_{{t+1}}...J_T instead: max err {np.abs(gT @ P_asc - num).max():.2e})")
    # line 37 / 56: bound with rho = ||W_h||_2 (line 33), gamma = max |f'| (line 34)
    rho = np.linalg.norm(Wh, 2); gamma = 1.0 if name == "tanh" else 0.25
    viol = 0
    for tt in range(0, T):
        P = np.eye(H)
        for kk in range(T, tt, -1): P = P @ J[kk]
        if np.linalg.norm(gT @ P) > np.linalg.norm(gT) * (gamma * rho) ** (T - tt) + 1e-12: viol += 1
    print(f"[{name}] lines 37/56 norm bound ||dL/dh_t|| <= ||dL/dh_T|| (gamma rho)^(T-t), t=0..T-1: {viol} violations ->", "AGREE" if viol == 0 else "DISAGREE")
    # random stress test of the bound
    bad = 0
    for trial in range(200):
        W2 = rng.normal(size=(H, H)) * rng.uniform(0.1, 2); r2 = np.linalg.norm(W2, 2)
        a = rng.normal(size=(5, H)) * 2
        v = rng.normal(size=H); n0 = np.linalg.norm(v)
        for row in a: v = v @ (np.diag(fp(row)) @ W2)
        if np.linalg.norm(v) > n0 * (gamma * r2) ** 5 * (1 + 1e-9): bad += 1
    print(f"[{name}] random stress test of the bound (200 trials): {bad} violations ->", "AGREE" if bad == 0 else "DISAGREE")
