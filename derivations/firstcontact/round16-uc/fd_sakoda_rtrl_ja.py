# Finite-difference check of sakoda_rtrl_ja.md (RTRL sensitivities of a row-vector tanh RNN).
# s(t) = x(t) W + B + h(t-1) R, h(t) = tanh(s(t)); W: D x N, R: N x N; h(0) = 0.
# L_total = sum_t L(t), L(t) = 0.5 * ||h(t) - y(t)||^2 (any loss of h(t) will do).
import numpy as np
rng = np.random.default_rng(0)
D, N, T = 3, 4, 5
W = rng.normal(size=(D, N)) * 0.7
R = rng.normal(size=(N, N)) * 0.7
B = rng.normal(size=N) * 0.3
X = rng.normal(size=(T + 1, D))
Y = rng.normal(size=(T + 1, N))
sig = np.tanh
dsig = lambda s: 1 - np.tanh(s) ** 2

def run(W, B, R):
    h = np.zeros(N); S = [np.zeros(N)]
    for t in range(1, T + 1):
        s = X[t] @ W + B + h @ R
        S.append(s); h = sig(s)
    return S

def loss(W, B, R):
    S = run(W, B, R)
    return sum(0.5 * np.sum((sig(S[t]) - Y[t]) ** 2) for t in range(1, T + 1))

eps = 1e-6
def fd_sens(which):
    # returns dict t -> array [k, i, j] (or [k, j] for B) of total d s_k(t)/ d P_ij
    P = {'W': W, 'B': B, 'R': R}[which]
    out = {t: np.zeros((N,) + P.shape) for t in range(1, T + 1)}
    for idx in np.ndindex(P.shape):
        Pp = P.copy(); Pp[idx] += eps; Pm = P.copy(); Pm[idx] -= eps
        args_p = dict(W=W, B=B, R=R); args_p[which] = Pp
        args_m = dict(W=W, B=B, R=R); args_m[which] = Pm
        Sp = run(**args_p); Sm = run(**args_m)
        for t in range(1, T + 1):
            out[t][(slice(None),) + idx] = (Sp[t] - Sm[t]) / (2 * eps)
    return out

S = run(W, B, R)
SW, SB, SR = fd_sens('W'), fd_sens('B'), fd_sens('R')
I = np.eye(N)
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))

# line 16/17, 27: forward and its element form (b_k read as B_k)
t = 3; h_prev = sig(S[t - 1])
sk = np.array([sum(X[t][d] * W[d, k] for d in range(D)) + B[k] + sum(sig(S[t - 1][n]) * R[n, k] for n in range(N)) for k in range(N)])
print('L27 element form (b_k := B_k) vs s(t):', rel(sk, S[t]))

# lines 37-40: dL_total/dW_ij = sum_t sum_k dL(t)/ds_k(t) * ds_k(t)/dW_ij (total sensitivities)
gW = np.zeros_like(W)
for idx in np.ndindex(W.shape):
    Wp = W.copy(); Wp[idx] += eps; Wm = W.copy(); Wm[idx] -= eps
    gW[idx] = (loss(Wp, B, R) - loss(Wm, B, R)) / (2 * eps)
rtrl = np.zeros_like(W)
for t in range(1, T + 1):
    dLds = (sig(S[t]) - Y[t]) * dsig(S[t])          # immediate dL(t)/ds(t)
    rtrl += np.einsum('k,kij->ij', dLds, SW[t])
print('L37-40 RTRL sum vs FD dL/dW:', rel(rtrl, gW))

# line 51: author's recursion x_j(t) 1_{k=i} + sum_n R_{n,k} sigma'(s_n(t-1)) S_W[n,i,j](t-1)
# correct form: x_i(t) 1_{j=k} + ...
for t in range(2, T + 1):
    rec = np.einsum('nk,n,nij->kij', R, dsig(S[t - 1]), SW[t - 1])
    author = np.zeros((N, D, N)); correct = np.zeros((N, D, N))
    for k in range(N):
        for i in range(D):
            for j in range(N):
                author[k, i, j] = X[t][j] if (k == i and j < D) else 0.0  # x_j 1_{k=i}; x_j is not even defined for j >= D (j runs over N)
                correct[k, i, j] = X[t][i] * (j == k)
    author += rec; correct += rec
    if t == T:
        print('L51 author (x_j 1_{k=i}) vs FD:', rel(author, SW[t]), '| corrected (x_i 1_{j=k}) vs FD:', rel(correct, SW[t]))
# line 50 first row: d/dW of the bracket = total sensitivity (tautology, b_k := B_k): nothing to compute

# line 59: B recursion 1_{k=j} + sum_n R_{n,k} sigma'(s_n(t-1)) S_B[n,j](t-1)
t = T
recB = np.eye(N) + np.einsum('nk,n,nj->kj', R, dsig(S[t - 1]), SB[t - 1])
print('L59 B recursion vs FD:', rel(recB, SB[t]))

# lines 65-70: R, first form sum_n [sigma(s_n(t-1)) dR_{n,k}/dR_ij + R_{n,k} sigma' S_R[n,i,j]]
first = np.zeros((N, N, N))
for k in range(N):
    for i in range(N):
        for j in range(N):
            first[k, i, j] = sum(sig(S[t - 1][n]) * ((n == i) and (k == j)) + R[n, k] * dsig(S[t - 1][n]) * SR[t - 1][n, i, j] for n in range(N))
print('L65-70 R first form vs FD:', rel(first, SR[t]))
# lines 71-72: author's sigma(s_j(t-1)) 1_{j=k} + sum_n R_{k,n} sigma' S_R[n,i,j]
author = np.zeros((N, N, N)); correct = np.zeros((N, N, N))
for k in range(N):
    for i in range(N):
        for j in range(N):
            author[k, i, j] = sig(S[t - 1][j]) * (j == k) + sum(R[k, n] * dsig(S[t - 1][n]) * SR[t - 1][n, i, j] for n in range(N))
            correct[k, i, j] = sig(S[t - 1][i]) * (j == k) + sum(R[n, k] * dsig(S[t - 1][n]) * SR[t - 1][n, i, j] for n in range(N))
print('L71-72 author vs FD:', rel(author, SR[t]), '| corrected (sigma(s_i), R_{n,k}) vs FD:', rel(correct, SR[t]))
