"""FD check of sirlis '深度学习基础（RNN）' (denominator layout BPTT).
Model (author's section-1.4 notation): a_t = W h_{t-1} + U x_t + b, h_t = tanh(a_t),
o_t = V h_t + c, yhat_t = softmax(o_t), L = sum_t -y_t . ln yhat_t (one-hot y_t).
Column vectors, denominator layout: d(vector y)/d(vector x) has shape (dim x, dim y).
Keys are line numbers in sirlis_rnn_denominator_layout.md."""
import numpy as np

rng = np.random.default_rng(62)
D, M, N, T = 3, 2, 4, 4        # hidden, input, output, steps (M != D on purpose)
W = rng.normal(0, .6, (D, D)); U = rng.normal(0, .6, (D, M)); V = rng.normal(0, .6, (N, D))
b = rng.normal(0, .3, D); c = rng.normal(0, .3, N)
X = rng.normal(0, 1, (T + 1, M))
cls = rng.integers(0, N, T + 1)
Y = np.eye(N)[cls]
h0 = np.zeros(D)
eps = 1e-6

def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

def forward(W=W, U=U, V=V, b=b, c=c, dh=None, do=None):
    """dh[t], do[t]: additive perturbations injected on h_t / o_t (t=1..T)."""
    h = {0: h0}; a = {}; o = {}; yh = {}; L = 0.0
    for t in range(1, T + 1):
        a[t] = W @ h[t - 1] + U @ X[t] + b
        h[t] = np.tanh(a[t])
        if dh is not None and t in dh: h[t] = h[t] + dh[t]
        o[t] = V @ h[t] + c
        if do is not None and t in do: o[t] = o[t] + do[t]
        yh[t] = softmax(o[t])
        L += -Y[t] @ np.log(yh[t])
    return L, a, h, o, yh

L0, A, H, O, YH = forward()

def fd_vec(fun, x):
    g = np.zeros_like(x, dtype=float)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x, dtype=float); e[idx] = eps
        g[idx] = (fun(x + e) - fun(x - e)) / (2 * eps)
    return g

def fd_jac(fun, x):   # numerator layout Jacobian d fun / d x  (out, in)
    out = fun(x); J = np.zeros((out.size, x.size))
    for k in range(x.size):
        e = np.zeros(x.size); e[k] = eps
        J[:, k] = (fun(x + e) - fun(x - e)) / (2 * eps)
    return J

close = lambda p, q: np.shape(p) == np.shape(q) and np.allclose(p, q, atol=1e-6, rtol=1e-5)
res = {}

# true gradients
g_c = fd_vec(lambda cc: forward(c=cc)[0], c)
g_V = fd_vec(lambda VV: forward(V=VV)[0], V)
g_W = fd_vec(lambda WW: forward(W=WW)[0], W)
g_U = fd_vec(lambda UU: forward(U=UU)[0], U)
g_b = fd_vec(lambda bb: forward(b=bb)[0], b)
gh = {t: fd_vec(lambda d: forward(dh={t: d})[0], np.zeros(D)) for t in range(1, T + 1)}
go = {t: fd_vec(lambda d: forward(do={t: d})[0], np.zeros(N)) for t in range(1, T + 1)}

# ---- forward rows
t = 2
res[12] = close(A[t], W @ H[t-1] + U @ X[t] + b)
res[13] = close(H[t], np.tanh(A[t]))
res[14] = close(O[t], V @ H[t] + c)
res[15] = close(YH[t], softmax(O[t]))
res[27] = np.isclose(L0, sum(-Y[t] @ np.log(YH[t]) for t in range(1, T + 1)))
res[33] = np.isclose(L0, -sum(Y[t, j] * np.log(YH[t][j]) for t in range(1, T + 1) for j in range(N)))
res[150] = close(H[t+1], np.tanh(W @ H[t] + U @ X[t+1] + b))
res[151] = close(O[t], V @ H[t] + c)
res[220] = res[12]

# ---- dL/dc rows
def smJ(y):  # true numerator Jacobian of softmax: d yhat_j / d o_i
    return np.diag(y) - np.outer(y, y)
# 43: sum_t dL_t/dyhat dyhat/do do/dc (chain in numerator order, row-vector result)
v43 = sum((-(Y[t] / YH[t])) @ smJ(YH[t]) @ np.eye(N) for t in range(1, T + 1))
res[43] = close(v43, g_c)
res[45] = close(v43, g_c)   # -(y/yhat) . softmax' . I
# 49: softmax' = yhat_j yhat_i for j != i  (true: -yhat_j yhat_i)
Jnum = fd_jac(softmax, O[2]); yv = YH[2]
res[49] = np.isclose(Jnum[0, 1], yv[0] * yv[1])
# 53 / 61: author's case formula (positive off-diagonal)
def author_c():
    g = np.zeros(N)
    for t in range(1, T + 1):
        for i in range(N):
            for j in range(N):
                d = YH[t][j] * (1 - YH[t][j]) if j == i else YH[t][j] * YH[t][i]
                g[i] += -(Y[t, j] / YH[t][j]) * d
    return g
res[53] = close(author_c(), g_c)
def author_c2():
    g = np.zeros(N)
    for t in range(1, T + 1):
        for i in range(N):
            for j in range(N):
                g[i] += -(Y[t, j] * (1 - YH[t][j]) if j == i else Y[t, j] * YH[t][i])
    return g
res[59] = close(author_c2(), g_c)
# 71: one-hot collapse: component j (true class) = -(1-yhat_j), other comps i: -yhat_i
def author_c3():
    g = np.zeros(N)
    for t in range(1, T + 1):
        j = cls[t]
        for i in range(N):
            g[i] += -(Y[t, j] * (1 - YH[t][j]) if i == j else Y[t, j] * YH[t][i])
    return g
res[71] = close(author_c3(), g_c)
# 82: j=i: y_tj(1-yhat_tj) = 1-yhat_tj = y_tj - yhat_tj  (y_tj = 1)
t = 2; j = cls[t]; i = (j + 1) % N
res[82] = np.isclose(Y[t, j] * (1 - YH[t][j]), 1 - YH[t][j]) and np.isclose(1 - YH[t][j], Y[t, j] - YH[t][j])
# 83: j!=i: y_tj yhat_ti = yhat_ti = y_tj - yhat_tj
res[83] = np.isclose(Y[t, j] * YH[t][i], YH[t][i]) and np.isclose(YH[t][i], Y[t, j] - YH[t][j])
# 89: dL/dc = sum_t (yhat_t - y_t)
res[89] = close(sum(YH[t] - Y[t] for t in range(1, T + 1)), g_c)
# 97: dL/dV = sum_t dL_t/dc  (shape N vs N x D)
res[97] = close(sum(YH[t] - Y[t] for t in range(1, T + 1)), g_V)
# 99: sum_t (yhat_t - y_t) h_t  as written: column (N,1) times column (D,1) -> not conformable
try:
    v99 = sum((YH[t] - Y[t]).reshape(N, 1) @ H[t].reshape(D, 1) for t in range(1, T + 1))
    res[99] = close(v99, g_V)
except ValueError:
    res[99] = False
assert close(sum(np.outer(YH[t] - Y[t], H[t]) for t in range(1, T + 1)), g_V)  # corrected form

# 122: denominator-layout chain rule df/dx = du/dx dg/du df/dg
A1 = rng.normal(size=(3, 2)); B1 = rng.normal(size=(4, 3)); x0 = rng.normal(size=2)
uf = lambda x: A1 @ x; gf = lambda u: np.tanh(u); ff = lambda g: B1 @ g
u0 = uf(x0); g0 = gf(u0)
den = lambda J: J.T
lhs = den(fd_jac(lambda x: ff(gf(uf(x))), x0))
rhs = den(fd_jac(uf, x0)) @ den(fd_jac(gf, u0)) @ den(fd_jac(ff, g0))
res[122] = close(lhs, rhs)

# 131 / 143: dL/dh_T = do_T/dh_T dL/do_T = V^T (yhat_T - y_T)
res[131] = close(den(fd_jac(lambda hh: V @ hh + c, H[T])) @ go[T], gh[T])
res[143] = close(V.T @ (YH[T] - Y[T]), gh[T])
# 137: dL/do_T = yhat_T - y_T
res[137] = close(YH[T] - Y[T], go[T])
# 159: dL/dh_t = dh_{t+1}/dh_t dL/dh_{t+1} + V^T grad_o_t
t = 2
Jh = den(fd_jac(lambda hh: np.tanh(W @ hh + U @ X[t+1] + b), H[t]))
res[159] = close(Jh @ gh[t+1] + V.T @ go[t], gh[t])
# 168: dh_t/da_t = diag(f'(a_t)); 184: = diag(1-h^2)
Jha = den(fd_jac(np.tanh, A[t]))
res[168] = close(Jha, np.diag(1 - np.tanh(A[t])**2))
res[184] = close(den(fd_jac(np.tanh, A[t+1])), np.diag(1 - H[t+1]**2))
# 190: dh_{t+1}/dh_t = W^T diag(1-h_{t+1}^2)
res[190] = close(Jh, W.T @ np.diag(1 - H[t+1]**2))
# 196 / 202: grad_h_t = W^T diag(1-h_{t+1}^2) grad_h_{t+1} + V^T grad_o_t
res[196] = close(W.T @ np.diag(1 - H[t+1]**2) @ gh[t+1] + V.T @ (YH[t] - Y[t]), gh[t])
res[202] = res[196]
# 211: dL/db = sum_t I diag(1-h_t^2) grad_h_t
delta = {t: np.diag(1 - H[t]**2) @ gh[t] for t in range(1, T + 1)}
res[211] = close(sum(np.eye(D) @ delta[t] for t in range(1, T + 1)), g_b)
# 212 / 213: sum_t (da_t/dW) delta_t with da_t/dW the true 3-tensor T[j,k,i] = d a_i / d W_jk
def tens_W(hprev): return np.einsum('ij,k->jki', np.eye(D), hprev)
def tens_U(x): return np.einsum('ij,k->jki', np.eye(D), x)
res[212] = close(sum(tens_W(H[t-1]) @ delta[t] for t in range(1, T + 1)), g_W)
res[213] = close(sum(tens_U(X[t]) @ delta[t] for t in range(1, T + 1)), g_U)
# 227: da/dW = diag(h^T)  vs true 3-tensor (D,D,D)
t = 2
true_daW = np.zeros((D, D, D))
for jj in range(D):
    for kk in range(D):
        E = np.zeros((D, D)); E[jj, kk] = eps
        true_daW[jj, kk] = ((W + E) @ H[t-1] - (W - E) @ H[t-1]) / (2 * eps)
res[227] = close(np.diag(H[t-1]), true_daW)
# 264: da_t/dW = diag(h_{t-1}^T), da_t/dU = diag(x_t^T)
res[264] = close(np.diag(H[t-1]), true_daW) and close(np.diag(X[t]), tens_U(X[t]))
# 274: sum_t diag(h_{t-1}^T) diag(1-h_t^2) grad_h_t  (= a D-vector)  = sum_t delta_t h_{t-1}^T
mid = sum(np.diag(H[t-1]) @ delta[t] for t in range(1, T + 1))
fin = sum(np.outer(delta[t], H[t-1]) for t in range(1, T + 1))
res[274] = close(mid, g_W) and close(fin, g_W)
assert close(fin, g_W)          # author's last expression is right
# 275: sum_t diag(x^T) diag(1-h_t^2) grad_h_t: (M x M) @ (D,) not conformable (M != D)
try:
    mid = sum(np.diag(X[t]) @ delta[t] for t in range(1, T + 1)); ok_mid = close(mid, g_U)
except ValueError:
    ok_mid = False
finU = sum(np.outer(delta[t], X[t]) for t in range(1, T + 1))
assert close(finU, g_U)
res[275] = ok_mid and close(finU, g_U)

expected = {12: True, 13: True, 14: True, 15: True, 27: True, 33: True, 43: True, 45: True,
            49: False, 53: False, 59: False, 71: False, 82: True, 83: False, 89: True,
            97: False, 99: False, 122: True, 131: True, 137: True, 143: True, 150: True,
            151: True, 159: True, 168: True, 184: True, 190: True, 196: True, 202: True,
            211: True, 212: True, 213: True, 220: True, 227: False, 264: False, 274: False,
            275: False}
bad = {k: (bool(res[k]), v) for k, v in expected.items() if bool(res[k]) != v}
for k in sorted(expected): print(k, 'pass' if res[k] else 'fail')
assert not bad, bad
assert set(res) == set(expected)
print('all verdicts confirmed')
