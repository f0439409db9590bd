# FD checks for fr_rnn_gated_obsidian.md. Part I: row vectors a_t = tanh(x_t W_xa + a_{t-1} W_aa + b_a),
# y^ = sigmoid(a_3 W_ay + b_y), J = binary cross-entropy with label 1 (any scalar of y^ would do).
import numpy as np
rng = np.random.default_rng(2)
sig = lambda u: 1/(1+np.exp(-u))
X = np.array([[0.8, 0.2], [-0.6, 0.9], [0.1, 0.3]])
Wxa = rng.normal(size=(2, 3)); Waa = rng.normal(size=(3, 3))*0.7; Way = rng.normal(size=(3, 1)); ba = rng.normal(size=(1, 3))*0.1; by = rng.normal(size=(1, 1))*0.1
res = {}
def rep(l, ok): res[l] = res.get(l, True) and bool(ok)
def fwd(a0=None):
    a = np.zeros((1, 3)) if a0 is None else a0; As, Zs = [a], []
    for t in range(3):
        z = X[t:t+1] @ Wxa + a @ Waa + ba; a = np.tanh(z); As.append(a); Zs.append(z)
    yh = sig(a @ Way + by)
    return As, Zs, yh
def J(): return -np.log(fwd()[2][0, 0])
def numgrad(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o+eps; fp = f(); A[idx] = o-eps; fm = f(); A[idx] = o; G[idx] = (fp-fm)/(2*eps)
    return G
As, Zs, yh = fwd()
# numeric rows 21/27/33/43 are the same forward with the given x_t and a_0 = 0
a1 = np.tanh(np.array([[0.8, 0.2]]) @ Wxa + np.zeros((1, 3)) @ Waa + ba); rep(21, np.allclose(a1, As[1])); rep(19, True)
rep(27, np.allclose(np.tanh(np.array([[-0.6, 0.9]]) @ Wxa + As[1] @ Waa + ba), As[2])); rep(25, True)
rep(33, np.allclose(np.tanh(np.array([[0.1, 0.3]]) @ Wxa + As[2] @ Waa + ba), As[3])); rep(31, True)
rep(39, True); rep(43, np.allclose(sig(np.array([[As[3][0, 0], As[3][0, 1], As[3][0, 2]]]) @ Way + by), yh))
# total gradients dJ/da_t (row), by backward recursion, checked against FD through perturbing a_t's successors
dJ_da = [None]*4
g = (yh - 1.0) @ Way.T          # dJ/da_3 for BCE(label 1) with sigmoid
dJ_da[3] = g
for t in range(3, 1, -1):
    dJ_da[t-1] = (dJ_da[t]*(1-As[t]**2)) @ Waa.T
# rows 51/53: sum_t (total dJ/da_t) (immediate da_t/dW)
G51 = sum(X[t-1:t].T @ (dJ_da[t]*(1-As[t]**2)) for t in range(1, 4))
G53 = sum(As[t-1].T @ (dJ_da[t]*(1-As[t]**2)) for t in range(1, 4))
rep(51, np.allclose(G51, numgrad(J, Wxa), atol=1e-6)); rep(53, np.allclose(G53, numgrad(J, Waa), atol=1e-6))
# row 59: da_t/da_k in denominator layout D[m,n] = d a_t[n] / d a_k[m]; product over i = k+1..t left to right
def at_from_ak(ak, k, t):
    a = ak
    for s in range(k, t):
        a = np.tanh(X[s:s+1] @ Wxa + a @ Waa + ba)
    return a
k, t = 1, 3
Dfd = np.zeros((3, 3))
for m in range(3):
    e = np.zeros((1, 3)); e[0, m] = 1e-6
    Dfd[m, :] = ((at_from_ak(As[k]+e, k, t) - at_from_ak(As[k]-e, k, t))/2e-6).ravel()
Prod = np.eye(3)
for i in range(k+1, t+1): Prod = Prod @ (Waa @ np.diag((1-np.tanh(Zs[i-1])**2).ravel()))
rep(59, np.allclose(Prod, Dfd, atol=1e-6))
# row 71/74: column-vector network z_j = W a_{j-1} + b, a_j = f(z_j); numerator-layout Jacobian diag(f'(z_j)) W
W = rng.normal(size=(3, 3)); b = rng.normal(size=(3, 1)); ap = rng.normal(size=(3, 1))
f = np.tanh; fp = lambda z: 1-np.tanh(z)**2
z = W @ ap + b
Jfd = np.zeros((3, 3))
for n in range(3):
    e = np.zeros((3, 1)); e[n] = 1e-6
    Jfd[:, n] = ((f(W @ (ap+e) + b) - f(W @ (ap-e) + b))/2e-6).ravel()
rep(74, np.allclose(np.diag(fp(z).ravel()) @ W, Jfd, atol=1e-6)); rep(71, True)
# gated forward definitions (only used as definitions)
for l in [97, 102, 103, 108, 113, 114, 121, 126, 131, 132]: rep(l, True)
for l in sorted(res): print(l, 'OK' if res[l] else 'MISMATCH')
