"""FD check of feliciar/DeepLearningLab BackwardPass.m (vanilla RNN, DD2424 A4).
Rows of the note are evaluated as written (MATLAB -> numpy, same layout: columns are time steps,
gradient rows g(i,:) are row vectors) and compared with central finite differences in float64."""
import numpy as np

rng = np.random.default_rng(63)
d = K = 5; m = 4; t = 6
P0 = dict(W=rng.normal(0, .5, (m, m)), U=rng.normal(0, .5, (m, K)), b=rng.normal(0, .3, (m, 1)),
          V=rng.normal(0, .5, (K, m)), c=rng.normal(0, .3, (K, 1)))
X = np.eye(K)[:, rng.integers(0, K, t)]
Y = np.eye(K)[:, rng.integers(0, K, t)]
h0_nonzero = np.tanh(rng.normal(0, 1, (m, 1)))
h0_zero = np.zeros((m, 1))

def softmax(o):                       # line 28
    return np.exp(o) / np.dot(np.ones(o.size), np.exp(o).ravel())

def forward(RNN, h, off_a=None, off_h=None):
    """ForwardPass.m / SingleForwardPass.m; off_a/off_h: additive probes on a_i and h_i."""
    A = np.zeros((m, t)); H = np.zeros((m, t)); P = np.zeros((K, t)); L = 0.0
    for i in range(t):
        a = RNN['W'] @ h + RNN['U'] @ X[:, [i]] + RNN['b']          # line 17
        if off_a is not None: a = a + off_a[:, [i]]
        h = np.tanh(a)                                              # line 18
        if off_h is not None: h = h + off_h[:, [i]]
        o = RNN['V'] @ h + RNN['c']                                 # line 19
        p = softmax(o)                                              # line 20
        A[:, i] = a.ravel(); H[:, i] = h.ravel(); P[:, i] = p.ravel()
        L = L + np.log(Y[:, i] @ p.ravel())                         # line 56
    L = -L                                                          # line 58
    return L, A, H, P

def fd(fun, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += eps; xm = x.copy(); xm[idx] -= eps
        g[idx] = (fun(xp) - fun(xm)) / (2 * eps)
    return g

def backward(A, H, X, Y, P, RNN):
    """BackwardPass.m rows as written (clipping at line 103 omitted: not a derivative row)."""
    r = {}
    g = -(Y - P).T                                                  # line 73
    r['gradV'] = g.T @ H.T                                          # line 74
    grado = g
    gradh = np.zeros((t, m)); grada = np.zeros((t, m))
    gradh[t-1, :] = grado[t-1, :] @ RNN['V']                        # line 82
    a = A[:, t-1]
    grada[t-1, :] = gradh[t-1, :] @ np.diag(1 - np.tanh(a)**2)      # line 84
    for i in range(t-2, -1, -1):
        gradh[i, :] = grado[i, :] @ RNN['V'] + grada[i+1, :] @ RNN['W']   # line 86
        a = A[:, i]
        grada[i, :] = gradh[i, :] @ np.diag(1 - np.tanh(a)**2)      # line 88
    r['gradc'] = g.sum(0)[:, None]                                  # line 90
    r['g_o'] = g; r['gradh'] = gradh; r['grada'] = grada
    g = grada
    gW = np.zeros_like(RNN['W'])
    for i in range(1, t):                                           # line 94: for i=2:t
        gW = gW + np.outer(g[i, :], H[:, i-1])                      # line 95
    r['gradW'] = gW
    r['gradU'] = g.T @ X.T                                          # line 98
    r['gradb'] = g.sum(0)[:, None]                                  # line 99
    return r

def close(a, b, tol=1e-6):
    return np.allclose(a, b, atol=tol, rtol=1e-5)

results = {}
for tag, h0 in (('h0=0', h0_zero), ('h0=hprev', h0_nonzero)):
    L, A, H, P = forward(P0, h0)
    r = backward(A, H, X, Y, P, P0)
    num = {}
    for k in P0:
        def f(v, k=k):
            Q = dict(P0); Q[k] = v; return forward(Q, h0)[0]
        num['grad' + k] = fd(f, P0[k])
    num['grada'] = fd(lambda v: forward(P0, h0, off_a=v)[0], np.zeros((m, t))).T
    num['gradh'] = fd(lambda v: forward(P0, h0, off_h=v)[0], np.zeros((m, t))).T
    # dL/do_i: probe on o via c is per-step; use analytic identity check through V probe-free route
    def f_o(v):
        Ls = 0.0; h = h0
        for i in range(t):
            a = P0['W'] @ h + P0['U'] @ X[:, [i]] + P0['b']; h = np.tanh(a)
            o = P0['V'] @ h + P0['c'] + v[:, [i]]
            Ls -= np.log(Y[:, i] @ softmax(o).ravel())
        return Ls
    num['g_o'] = fd(f_o, np.zeros((K, t))).T
    for k in ['g_o', 'gradV', 'gradh', 'grada', 'gradc', 'gradW', 'gradU', 'gradb']:
        results[(tag, k)] = close(r[k], num[k])
        print(f"{tag:9s} {k:6s} match={results[(tag, k)]}  maxabs={np.abs(r[k]-num[k]).max():.2e}")

# forward check of softmax (line 28) and loss (56/58) against a direct definition
o = rng.normal(size=(K, 1)); assert close(softmax(o), np.exp(o) / np.exp(o).sum())
L, A, H, P = forward(P0, h0_nonzero)
assert np.isclose(L, -sum(np.log(P[Y[:, i].argmax(), i]) for i in range(t)))

# verdicts
for k in ['g_o', 'gradV', 'gradh', 'grada', 'gradc', 'gradU', 'gradb']:
    assert results[('h0=0', k)] and results[('h0=hprev', k)], k
# line 95 (loop from i=2, line 94): right only when h0 = 0; Train.m passes hprev = H(:,end) != 0
assert results[('h0=0', 'gradW')]
assert not results[('h0=hprev', 'gradW')]
L, A, H, P = forward(P0, h0_nonzero)
r = backward(A, H, X, Y, P, P0)
fixed = r['gradW'] + np.outer(r['grada'][0, :], h0_nonzero.ravel())
num = fd(lambda v: forward(dict(P0, W=v), h0_nonzero)[0], P0['W'])
assert close(fixed, num)
print("all verdicts confirmed")
