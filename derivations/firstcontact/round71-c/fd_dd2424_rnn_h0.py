# Finite-difference check of dd2424_rnn_h0.py (KTH DD2424 assignment 4 vanilla RNN, search-index id 13417066928).
# numpy only. Re-implements the author's forward_pass / computeCost and the author's compute_gradients as written
# (the +-5 clipping is left out: it is not part of the derivative; values here stay far below 5).
import numpy as np
np.random.seed(1)
m, K, T = 6, 5, 7
W = np.random.randn(m, m)*0.5; U = np.random.randn(m, K)*0.5; V = np.random.randn(K, m)*0.5
b = np.random.randn(m, 1)*0.1; c = np.random.randn(K, 1)*0.1
X = np.eye(K)[:, np.random.randint(0, K, T)]; Y = np.eye(K)[:, np.random.randint(0, K, T)]
hprev = np.random.randn(m, 1)*0.5          # state carried in from the previous chunk (fit: L195 / L247)
h0_attr = np.zeros((m, 1))                 # self.h0 as it stays during fit (set to zeros in __init__, L53)

def softmax(x): return np.exp(x) / sum(np.exp(x))                       # L69
def forward_pass(x, h, b, c, W, U, V):                                  # L72-85 (forward_pass)
    ht = h; H = np.zeros((m, x.shape[1])); P = np.zeros((K, x.shape[1])); A = np.zeros((m, x.shape[1]))
    for t in range(x.shape[1]):
        a = W @ ht + U @ x[:, [t]] + b; ht = np.tanh(a); o = V @ ht + c; p = softmax(o)
        H[:, [t]] = ht; P[:, [t]] = p; A[:, [t]] = a
    return P, H, A
def cost(P, Y): return sum(-np.log(Y[:, [i]].T @ P[:, [i]]).item() for i in range(P.shape[1]))   # L87-99 (computeCost, cross_entropy)
def compute_gradients(P, X, Y, H, H0, A, V, W):                         # L150-169 as written
    G = -(Y.T - P.T).T
    gV = G @ H.T; gc = np.sum(G, axis=-1, keepdims=True)
    dLdh = np.zeros((X.shape[1], m)); dLda = np.zeros((m, X.shape[1]))
    dLdh[-1] = np.dot(G.T[-1], V)
    dLda[:, -1] = np.multiply(dLdh[-1].T, (1 - np.tanh(A[:, -1])**2))
    for t in range(X.shape[1]-2, -1, -1):
        dLdh[t] = np.dot(G.T[t], V) + np.dot(dLda[:, t+1], W)
        dLda[:, t] = np.multiply(dLdh[t].T, (1 - np.tanh(A[:, t])**2))
    return dict(W=dLda @ H0.T, U=dLda @ X.T, b=np.sum(dLda, axis=-1, keepdims=True), V=gV, c=gc), dLdh, dLda

par = dict(W=W, U=U, V=V, b=b, c=c)
def L(p): P, _, _ = forward_pass(X, hprev, p['b'], p['c'], p['W'], p['U'], p['V']); return cost(P, Y)
def fd(name, eps=1e-6):
    g = np.zeros_like(par[name])
    for idx in np.ndindex(g.shape):
        old = par[name][idx]; par[name][idx] = old+eps; lp = L(par); par[name][idx] = old-eps; lm = L(par)
        par[name][idx] = old; g[idx] = (lp-lm)/(2*eps)
    return g
def rel(a, b): return np.max(np.abs(a-b)) / max(1e-12, np.max(np.abs(a))+np.max(np.abs(b)))
def ok(r, tol=1e-6): return 'AGREE' if r < tol else 'DISAGREE'

P, H1, A = forward_pass(X, hprev, b, c, W, U, V)     # fit, L220-221: forward from hprev
# dL/dh_t check (L160, L164) by FD on a perturbation of h_t as passed to the next step and the output
_, dLdh, dLda = compute_gradients(P, X, Y, H1, np.zeros_like(H1), A, V, W)
def L_inject(t, d):
    ht = hprev; loss = 0
    for s in range(T):
        a = W @ ht + U @ X[:, [s]] + b; ht = np.tanh(a)
        if s == t: ht = ht + d
        p = softmax(V @ ht + c); loss += -np.log(Y[:, [s]].T @ p).item()
    return loss
for t in [T-1, 2]:
    g = np.array([(L_inject(t, 1e-6*np.eye(m)[:, [k]]) - L_inject(t, -1e-6*np.eye(m)[:, [k]]))/2e-6 for k in range(m)])
    print(f'L160/L164 dLdh[{t}] (row vector) vs FD dL/dh_t:', ok(rel(dLdh[t], g)))

# the two ways the author builds H0 (column t = h_{t-1})
H0_fit = np.zeros((m, T)); H0_fit[:, [0]] = h0_attr; H0_fit[:, 1:] = H1[:, :-1]      # fit, L223-225
H0_ok = np.zeros((m, T)); H0_ok[:, [0]] = hprev; H0_ok[:, 1:] = H1[:, :-1]          # what test_gradient does (L116-118: same h0 as the forward)
g_fit, _, _ = compute_gradients(P, X, Y, H1, H0_fit, A, V, W)
g_ok, _, _ = compute_gradients(P, X, Y, H1, H0_ok, A, V, W)
print('\n-- gradients with H0 built as in test_gradient (L117: first column = the h0 the forward used) --')
for n in ['V', 'c', 'W', 'U', 'b']:
    r = rel(g_ok[n], fd(n)); print(f'grad_{n}: {ok(r)} (rel {r:.2e})')
print('\n-- gradients as computed in fit (L224: H0[:, [0]] = self.h0 = zeros, forward started from hprev) --')
for n in ['V', 'c', 'W', 'U', 'b']:
    r = rel(g_fit[n], fd(n)); print(f'grad_{n}: {ok(r)} (rel {r:.2e})')
print('grad_W(fit) - FD equals -dLda[:,0] hprev^T:', ok(rel(g_fit['W'] - fd('W'), -np.outer(dLda[:, 0], hprev))))
# helpers
x = np.random.randn(K, 1); y = np.eye(K)[:, [1]]
gfd = np.array([(cost(softmax(x+1e-6*np.eye(K)[:, [k]]), y) - cost(softmax(x-1e-6*np.eye(K)[:, [k]]), y))/2e-6 for k in range(K)]).reshape(K, 1)
print('\nL151 G = P - Y vs FD of cross_entropy(softmax(o)) (L69, L97):', ok(rel(softmax(x) - y, gfd)))
