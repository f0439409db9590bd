"""FD check of dragonhyq/bptt main.tex (rnn_bptt_huang.tex). numpy only.
Each check prints: LINE(s) | author formula vs finite differences | agree?"""
import numpy as np
rng = np.random.default_rng(0)
def ok(a, b, tol=1e-5):
    return np.allclose(a, b, atol=tol, rtol=1e-4)
def report(lines, a, b, note=""):
    print(f"{lines:<14} agree={ok(a,b)!s:<5} maxdiff={np.max(np.abs(np.asarray(a)-np.asarray(b))):.2e}  {note}")

# ---------------- Scalar section (lines 17-64) ----------------
U, W, V = 0.7, 1.3, -0.9
T = 4; xs = rng.normal(size=T+1); s0 = 0.4
def scalar_states(U, W):
    s = [s0]
    for t in range(1, T+1):
        s.append(np.tanh(U*xs[t] + W*s[-1]))     # line 17
    return s
s = scalar_states(U, W)
eps = 1e-6
# total ds_T/dW by FD
fd_dsdW = (scalar_states(U, W+eps)[T] - scalar_states(U, W-eps)[T]) / (2*eps)
imm = lambda k: (1 - s[k]**2) * s[k-1]            # immediate ds_k/dW (line 211 analogue)
imm_U = lambda k: (1 - s[k]**2) * xs[k]
# correct ds_t/ds_k = prod_{j=k+1}^t (1-s_j^2) W
def dsds(t, k):
    p = 1.0
    for j in range(k+1, t+1): p *= (1 - s[j]**2) * W
    return p
correct = sum(dsds(T, k) * imm(k) for k in range(1, T+1))
report("45-46", correct, fd_dsdW, "sum_k (ds_t/ds_k)(ds_k/dW) with true Jacobians")
author56 = sum(W**(T-k) * imm(k) for k in range(1, T+1))
report("51,52,56", author56, fd_dsdW, "author: ds_t/ds_k = W^{t-k} (tanh' dropped) -> expected False")
k = 2
report("51 (one k)", W**(T-k), dsds(T, k), "W*W*... vs true prod (1-s^2)W -> expected False")
fd_dsdU = (scalar_states(U+eps, W)[T] - scalar_states(U-eps, W)[T]) / (2*eps)
author64 = sum(W**(T-k) * imm_U(k) for k in range(1, T+1))
report("64", author64, fd_dsdU, "author: sum W^{t-k} ds_k/dU -> expected False")
report("64 (fixed)", sum(dsds(T, k)*imm_U(k) for k in range(1, T+1)), fd_dsdU, "with true Jacobians")

# ---------------- Vector section, single data point (lines 70-232) ----------------
M, D, C = 3, 4, 5
Uv = rng.normal(size=(D, M))*0.6; Wv = rng.normal(size=(D, D))*0.6; Vv = rng.normal(size=(C, D))*0.6
X = rng.normal(size=(T+1, M)); sv0 = rng.normal(size=D)*0.3
Y = np.eye(C)[rng.integers(0, C, size=T+1)]
def softmax(g): e = np.exp(g - g.max()); return e / e.sum()
def fwd(Uv, Wv, Vv, s0=sv0):
    ss, zs, yh = [s0], [None], [None]
    for t in range(1, T+1):
        z = Uv @ X[t] + Wv @ ss[-1]; zs.append(z)    # line 70
        ss.append(np.tanh(z))                         # line 71
        yh.append(softmax(Vv @ ss[-1]))               # lines 72-73
    return ss, zs, yh
def Lt(Uv, Wv, Vv, t):
    ss, zs, yh = fwd(Uv, Wv, Vv); return -Y[t] @ np.log(yh[t])   # line 74
def num_grad(f, A):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += eps; Am = A.copy(); Am[idx] -= eps
        G[idx] = (f(Ap) - f(Am)) / (2*eps)
    return G
ss, zs, yh = fwd(Uv, Wv, Vv); t = T
g = Vv @ ss[t]
# line 115 softmax Jacobian
J = np.array([[yh[t][i]*((i == j) - yh[t][j]) for j in range(C)] for i in range(C)])
Jfd = num_grad(lambda gg: softmax(gg), g) if False else np.array([(softmax(g+eps*np.eye(C)[j]) - softmax(g-eps*np.eye(C)[j]))/(2*eps) for j in range(C)]).T
report("107,115", J, Jfd, "softmax Jacobian")
dLdg_fd = np.array([(-Y[t] @ np.log(softmax(g+eps*np.eye(C)[j])) + Y[t] @ np.log(softmax(g-eps*np.eye(C)[j])))/(2*eps) for j in range(C)])
report("136,140", yh[t] - Y[t], dLdg_fd, "dL/dg = yhat - y")
report("180", np.outer(yh[t]-Y[t], ss[t]), num_grad(lambda A: Lt(Uv, Wv, A, t), Vv), "dL/dV = (yhat-y)s^T")
dLds_fd = np.array([(-Y[t] @ np.log(softmax(Vv@(ss[t]+eps*np.eye(D)[j]))) + Y[t] @ np.log(softmax(Vv@(ss[t]-eps*np.eye(D)[j]))))/(2*eps) for j in range(D)])
report("188-189", (yh[t]-Y[t]) @ Vv, dLds_fd, "dL/ds = (yhat-y)^T V (row)")
Dg = lambda i: np.diag(1 - ss[i]**2)      # line 203
def true_dsds(t, k):
    P = np.eye(D)
    for i in range(t, k, -1): P = P @ (Dg(i) @ Wv)
    return P
# FD Jacobian ds_t/ds_k: perturb s_k and roll forward
def roll(sk, k, t):
    s_ = sk
    for i in range(k+1, t+1): s_ = np.tanh(Uv @ X[i] + Wv @ s_)
    return s_
kk = 1
Jfd = np.array([(roll(ss[kk]+eps*np.eye(D)[j], kk, t) - roll(ss[kk]-eps*np.eye(D)[j], kk, t))/(2*eps) for j in range(D)]).T
report("197-199", true_dsds(t, kk), Jfd, "prod_i (ds_i/dz_i)(dz_i/ds_{i-1})")
P = np.eye(D)
for i in range(kk+1, t+1): P = P @ Dg(i)
report("207", np.linalg.matrix_power(Wv, t-kk) @ P, Jfd, "author: W^{t-k} prod diag -> expected False")
dLdW_fd = num_grad(lambda A: Lt(Uv, A, Vv, t), Wv)
dLdU_fd = num_grad(lambda A: Lt(A, Wv, Vv, t), Uv)
r = (yh[t]-Y[t]) @ Vv
corr = sum(np.outer((r @ true_dsds(t, k)) @ Dg(k), ss[k-1]) for k in range(1, t+1))
report("193,211,215", corr, dLdW_fd, "sum_k dL/ds_t ds_t/ds_k ds_k/dz_k dz_k/dW (true Jacobians)")
def author217(kind):
    G = 0
    for k in range(1, t+1):
        P = np.eye(D)
        for i in range(k, t+1): P = P @ Dg(i)
        row = r @ np.linalg.matrix_power(Wv, t-k) @ P
        G = G + np.outer(row, ss[k-1] if kind == 'W' else X[k])
    return G
report("216-217", author217('W'), dLdW_fd, "author: W^{t-k}(prod_{i=k}^t D_i) -> expected False")
report("222", author217('U'), dLdU_fd, "author dL/dU -> expected False")
# line 226: y = Wx, dL/dW = (x . dL/dy)^T
A = rng.normal(size=(D, M)); xv = rng.normal(size=M); cvec = rng.normal(size=D)
f = lambda A_: np.sum(np.sin(A_ @ xv) * cvec)
dLdy = (np.cos(A @ xv) * cvec)[None, :]            # 1 x D row
report("226", (xv[:, None] @ dLdy).T, num_grad(f, A), "(x dL/dy)^T")
# lines 230-232: total loss = sum_t L_t
Ltot = lambda A: sum(Lt(Uv, A, Vv, tt) for tt in range(1, T+1))
report("231", sum(num_grad(lambda A: Lt(Uv, A, Vv, tt), Wv) for tt in range(1, T+1)), num_grad(Ltot, Wv), "sum over t")

# ---------------- Multiple data points (lines 238-372) ----------------
N = 3; Mh = 3; Dx = 2   # N == Mh so that the identity I in line 334 is defined
Ub = rng.normal(size=(Dx, Mh))*0.7; Wb = rng.normal(size=(Mh, Mh))*0.7; Vb = rng.normal(size=(Mh, C))*0.7
Xb = rng.normal(size=(T+1, N, Dx)); Yb = np.eye(C)[rng.integers(0, C, size=(T+1, N))]
Sb0 = rng.normal(size=(N, Mh))*0.3
def smax(G): E = np.exp(G - G.max(1, keepdims=True)); return E / E.sum(1, keepdims=True)
def fwdb(Ub, Wb, Vb):
    S, Z = [Sb0], [None]
    for tt in range(1, T+1):
        Z.append(Xb[tt] @ Ub + S[-1] @ Wb)   # line 238
        S.append(np.tanh(Z[-1]))              # line 239
    return S, Z
def Lb(Ub, Wb, Vb, tt=T):
    S, Z = fwdb(Ub, Wb, Vb); Yh = smax(S[tt] @ Vb)   # 240-241
    return -np.sum(Yb[tt] * np.log(Yh))               # 242
S, Z = fwdb(Ub, Wb, Vb); Yh = smax(S[T] @ Vb)
Gt = S[T] @ Vb
report("272", Yh - Yb[T], num_grad(lambda G_: -np.sum(Yb[T]*np.log(smax(G_))), Gt), "dL/dG = Yhat - Y")
report("296", S[T].T @ (Yh - Yb[T]), num_grad(lambda A: Lb(Ub, Wb, A), Vb), "dL/dV = S^T (Yhat-Y)")
dLdS = (Yh - Yb[T]) @ Vb.T
report("317", dLdS, num_grad(lambda S_: -np.sum(Yb[T]*np.log(smax(S_ @ Vb))), S[T]), "dL/dS = (Yhat-Y)V^T")
dLdZ_fd = num_grad(lambda Z_: -np.sum(Yb[T]*np.log(smax(np.tanh(Z_) @ Vb))), Z[T])
report("328", dLdS * (1 - S[T]**2), dLdZ_fd, "elementwise dL/dS_ij (1-S_ij^2)")
report("334", dLdS * (np.eye(N) - S[T]*S[T]), dLdZ_fd, "author: dL/dS o (I - S o S), I = identity -> expected False")
def Lfrom_Sprev(Sp):
    return -np.sum(Yb[T]*np.log(smax(np.tanh(Xb[T] @ Ub + Sp @ Wb) @ Vb)))
report("338", (dLdS*(1-S[T]**2)) @ Wb.T, num_grad(Lfrom_Sprev, S[T-1]), "dL/dS(t-1) = dL/dZ W^T")
# full BPTT with the chain of line 348 + line 359
dZ = dLdS*(1-S[T]**2); gW = 0; gU = 0; dW_author = 0; dU_author = 0
dS = dLdS.copy()
for k in range(T, 0, -1):
    dZk = dS * (1 - S[k]**2)
    gW = gW + S[k-1].T @ dZk; gU = gU + Xb[k].T @ dZk        # lines 348, 359, 372
    dW_author = dW_author + S[k-1].T @ dS                      # rows 305/342/363: dS(k)/dZ(k) factor missing
    dU_author = dU_author + Xb[k].T @ dS
    dS = dZk @ Wb.T
gW_fd = num_grad(lambda A: Lb(Ub, A, Vb), Wb); gU_fd = num_grad(lambda A: Lb(A, Wb, Vb), Ub)
report("300,348,359", gW, gW_fd, "full chain incl. dS(k)/dZ(k)")
report("372", gU, gU_fd, "dL/dU via X(k)^T dL/dZ(k)")
report("305,342", dW_author, gW_fd, "author rows without dS(k)/dZ(k) -> expected False")
report("363", dU_author, gU_fd, "author dL/dU row without dS(k)/dZ(k) -> expected False")
print("103            not numeric: softmax denominator written sum_{i=j}^C exp(g_{t,j}) (wrong summation index; judged by hand)")
