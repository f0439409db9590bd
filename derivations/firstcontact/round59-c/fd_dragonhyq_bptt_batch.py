# FD check for dragonhyq_bptt_batch.tex (section 3 of dragonhyq/bptt main.tex). numpy only.
import numpy as np
np.random.seed(1)
EPS = 1e-6
res = {}
def rec(line, ok, expected):
    res[line] = ok
    assert ok == (expected == "pass"), (line, ok, expected)
close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-6)
N, Din, M, C, T = 3, 2, 4, 3, 4     # author: X N x D, S N x M, G N x C
X = np.random.randn(T+1, N, Din)
U = np.random.randn(Din, M)*0.6; W = np.random.randn(M, M)*0.6; V = np.random.randn(M, C)*0.6
S0 = np.random.randn(N, M)*0.3
Y = np.zeros((T+1, N, C))
for tt in range(1, T+1):
    for n in range(N): Y[tt, n, np.random.randint(C)] = 1.0
def softmax(G): E = np.exp(G - G.max(1, keepdims=True)); return E/E.sum(1, keepdims=True)
def fwd(U, W, start=None):
    S = np.zeros((T+1, N, M)); S[0] = S0; Z = np.zeros((T+1, N, M))
    for tt in range(1, T+1):
        Z[tt] = X[tt]@U + S[tt-1]@W
        S[tt] = np.tanh(Z[tt])
        if start is not None and tt == start[0]: S[tt] = start[1]
    return Z, S
def Lt(tt, U, W, V, start=None):
    Z, S = fwd(U, W, start)
    return -np.sum(Y[tt]*np.log(softmax(S[tt]@V)))
def fdgrad(f, A):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += EPS; Am = A.copy(); Am[idx] -= EPS
        G[idx] = (f(Ap)-f(Am))/(2*EPS)
    return G
def fdjac(f, A):
    out = f(A); J = np.zeros(out.shape + A.shape)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += EPS; Am = A.copy(); Am[idx] -= EPS
        J[(Ellipsis,)+idx] = (f(Ap)-f(Am))/(2*EPS)
    return J
Z, S = fwd(U, W)
t = T
G = S[t]@V; Yh = softmax(G); Yt = Y[t]
# forward rows 5-9
rec(5, close(Z[2], X[2]@U + S[1]@W), "pass")
rec(6, close(S[2], np.tanh(Z[2])), "pass")
rec(7, close(G, S[t]@V), "pass")
rec(8, close(Yh.sum(1), np.ones(N)), "pass")
rec(9, close(Lt(t, U, W, V), -sum(Yt[i, j]*np.log(Yh[i, j]) for i in range(N) for j in range(C))), "pass")
fd_dYh = fdgrad(lambda Q: -np.sum(Yt*np.log(Q)), Yh)
rec(22, close(-Yt/Yh, fd_dYh), "pass")
Jsm = fdjac(softmax, G)          # N x C x N x C
form = np.array([[[[ (m == i)*Yh[m, n]*((n == j) - Yh[m, j]) for j in range(C)] for i in range(N)] for n in range(C)] for m in range(N)])
rec(26, close(form, Jsm), "pass")
fd_dG = fdgrad(lambda Q: -np.sum(Yt*np.log(softmax(Q))), G)
R = lambda f: np.array([[f(i, j) for j in range(C)] for i in range(N)])
rec(30, close(R(lambda i, j: sum(fd_dYh[m, n]*Jsm[m, n, i, j] for m in range(N) for n in range(C))), fd_dG), "pass")
rec(32, close(R(lambda i, j: -sum(Yt[m, n]/Yh[m, n]*(m == i)*Yh[m, n]*((n == j)-Yh[m, j]) for m in range(N) for n in range(C))), fd_dG), "pass")
rec(33, close(R(lambda i, j: -sum(Yt[m, n]*(m == i)*((n == j)-Yh[m, j]) for m in range(N) for n in range(C))), fd_dG), "pass")
rec(34, close(R(lambda i, j: -sum(Yt[i, n]*((n == j)-Yh[i, j]) for n in range(C))), fd_dG), "pass")
rec(35, close(R(lambda i, j: Yh[i, j]-Yt[i, j]), fd_dG), "pass")
rec(39, close(Yh-Yt, fd_dG), "pass")
fdV = fdgrad(lambda A: Lt(t, U, W, A), V)
JG_V = fdjac(lambda A: S[t]@A, V)      # N x C x M x C
rec(43, close(np.tensordot(fd_dG, JG_V, axes=([0, 1], [0, 1])), fdV), "pass")
rec(47, close(np.array([[sum(S[t][m, k]*V[k, n] for k in range(M)) for n in range(C)] for m in range(N)]), G), "pass")
form51 = np.array([[[[ (n == j)*S[t][m, i] for j in range(C)] for i in range(M)] for n in range(C)] for m in range(N)])
rec(51, close(form51, JG_V), "pass")
RV = lambda f: np.array([[f(i, j) for j in range(C)] for i in range(M)])
rec(55, close(RV(lambda i, j: sum(fd_dG[m, n]*JG_V[m, n, i, j] for m in range(N) for n in range(C))), fdV), "pass")
rec(57, close(RV(lambda i, j: sum((Yh[m, n]-Yt[m, n])*(n == j)*S[t][m, i] for m in range(N) for n in range(C))), fdV), "pass")
rec(58, close(RV(lambda i, j: sum((Yh[m, j]-Yt[m, j])*S[t][m, i] for m in range(N))), fdV), "pass")
rec(59, close(RV(lambda i, j: sum(S[t][m, i]*(Yh[m, j]-Yt[m, j]) for m in range(N))), fdV), "pass")
rec(63, close(S[t].T@(Yh-Yt), fdV), "pass")
fdW = fdgrad(lambda A: Lt(t, U, A, V), W)
fdU = fdgrad(lambda A: Lt(t, A, W, V), U)
dL_dS = fdgrad(lambda Q: -np.sum(Yt*np.log(softmax(Q@V))), S[t])
def dSt_dSk(k):
    if k == t: 
        J = np.zeros((N, M, N, M))
        for idx in np.ndindex(N, M): J[idx+idx] = 1.0
        return J
    return fdjac(lambda Q: fwd(U, W, start=(k, Q))[1][t], S[k])
def dZt_dSk(k):   # Z(t) depends on S(k) only for k<t
    if k == t: return np.zeros((N, M, N, M))
    return fdjac(lambda Q: fwd(U, W, start=(k, Q))[0][t], S[k])
def immW(k):      # dS(k)/dW immediate: N x M x M x M
    Tn = np.zeros((N, M, M, M))
    for m in range(N):
        for n in range(M): Tn[m, n, :, n] = (1-S[k][m, n]**2)*S[k-1][m, :]
    return Tn
c4 = lambda A, B: np.tensordot(A, B, axes=([0, 1], [0, 1]))
rec(67, close(sum(c4(c4(dL_dS, dSt_dSk(k)), immW(k)) for k in range(1, t+1)), fdW), "pass")
dS_dZ = np.zeros((N, M, N, M))
for idx in np.ndindex(N, M): dS_dZ[idx+idx] = 1-S[t][idx]**2
dL_dZt = c4(dL_dS, dS_dZ)
# row 72 as written: sum_k dL/dS(t) dS(t)/dZ(t) dZ(t)/dS(k) dZ(k)/dW, with dZ(k)/dW contracting to S(k-1)^T (.)
r72 = sum(S[k-1].T@c4(dL_dZt, dZt_dSk(k)) for k in range(1, t+1))
rec(72, close(r72, fdW), "fail")
rec(80, close(fdjac(np.tanh, Z[t]), dS_dZ), "pass")
rec(84, close((Yh-Yt)@V.T, dL_dS), "pass")
fd_dZ = fdgrad(lambda Q: -np.sum(Yt*np.log(softmax(np.tanh(Q)@V))), Z[t])
rec(88, close(c4(dL_dS, dS_dZ), fd_dZ), "pass")
rec(92, close(c4(dL_dS, dS_dZ), fd_dZ), "pass")
rec(95, close(dL_dS*(1-S[t]**2), fd_dZ), "pass")
# row 100 as written: I is the identity (N x M here, np.eye); correct is the all-ones matrix
rec(100, close(dL_dS*(np.eye(N, M) - S[t]*S[t]), fd_dZ), "fail")
fd_dS_prev = fdgrad(lambda Q: -np.sum(Yt*np.log(softmax(np.tanh(X[t]@U + Q@W)@V))), S[t-1])
rec(105, close(fd_dZ@W.T, fd_dS_prev), "pass")
rec(109, close(r72, fdW), "fail")
# row 115: chain dS(t)/dZ(t) dZ(t)/dS(t-1) dS(t-1)/dZ(t-1) ... dS(k)/dZ(k) dZ(k)/dW, summed over k
dZ = fd_dZ.copy(); r115 = np.zeros_like(W); dZU = np.zeros_like(U)
for k in range(t, 0, -1):
    r115 += S[k-1].T@dZ; dZU += X[k].T@dZ
    dZ = (dZ@W.T)*(1-S[k-1]**2)
rec(115, close(r115, fdW), "pass")
# row 126: dL/dZ(k) dZ(k)/dW = S(k-1)^T dL/dZ(k), with dL/dZ(k) the FD gradient of L(t) wrt Z(k) alone
k = 2
def Lz(Q):
    Sx = S.copy(); Sk = np.tanh(Q); Sx[k] = Sk
    for tt in range(k+1, t+1): Sx[tt] = np.tanh(X[tt]@U + Sx[tt-1]@W)
    return -np.sum(Yt*np.log(softmax(Sx[t]@V)))
dLdZk = fdgrad(Lz, Z[k])
def Lw_only_k(A):   # W perturbed only inside Z(k)
    Sx = S.copy(); Sx[k] = np.tanh(X[k]@U + S[k-1]@A)
    for tt in range(k+1, t+1): Sx[tt] = np.tanh(X[tt]@U + Sx[tt-1]@W)
    return -np.sum(Yt*np.log(softmax(Sx[t]@V)))
rec(126, close(S[k-1].T@dLdZk, fdgrad(Lw_only_k, W)), "pass")
r130 = sum(X[kk].T@c4(dL_dZt, dZt_dSk(kk)) for kk in range(1, t+1))
rec(130, close(r130, fdU), "fail")
def Lu_only_k(A):
    Sx = S.copy(); Sx[k] = np.tanh(X[k]@A + S[k-1]@W)
    for tt in range(k+1, t+1): Sx[tt] = np.tanh(X[tt]@U + Sx[tt-1]@W)
    return -np.sum(Yt*np.log(softmax(Sx[t]@V)))
rec(139, close(X[k].T@dLdZk, fdgrad(Lu_only_k, U)), "pass")
assert close(dZU, fdU)   # sanity: the corrected U sum equals FD
print("checked", len(res), "rows;", sum(res.values()), "pass,", len(res)-sum(res.values()), "fail")
