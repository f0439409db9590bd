# Finite-difference check of the BPTT formulas in rnn_bptt_500q.md (深度学习500问 ch.6, 6.8-6.9).
# Forward (author): h^(t)=phi(U x^(t) + W h^(t-1) + b), o^(t)=V h^(t)+c, yhat^(t)=softmax(o^(t)),
# L^(t) = cross-entropy(yhat^(t), y^(t)), L = sum_t L^(t).  h^(0) is a given initial state.
# Partial "dh^(k)/dW" in the author's sums is the immediate partial (h^(k-1) held fixed).
import numpy as np
rng = np.random.default_rng(0)
nx, nh, no, T = 3, 4, 5, 4
P = dict(U=rng.normal(0, .6, (nh, nx)), W=rng.normal(0, .6, (nh, nh)), b=rng.normal(0, .2, nh),
         V=rng.normal(0, .6, (no, nh)), c=rng.normal(0, .2, no))
X = rng.normal(size=(T + 1, nx)); Y = rng.integers(0, no, T + 1); h0 = rng.normal(0, .5, nh)
act = {'tanh': (np.tanh, lambda a: 1 - np.tanh(a) ** 2),
       'sigmoid': (lambda a: 1 / (1 + np.exp(-a)), lambda a: (1 / (1 + np.exp(-a))) * (1 - 1 / (1 + np.exp(-a))))}

def forward(P, Tn, phi='tanh', hinit=None):
    f = act[phi][0]
    hs = [h0 if hinit is None else hinit]; As = [None]; Ls = [None]; ps = [None]
    for t in range(1, Tn + 1):
        a = P['U'] @ X[t] + P['W'] @ hs[-1] + P['b']; h = f(a)
        o = P['V'] @ h + P['c']; p = np.exp(o - o.max()); p /= p.sum()
        hs.append(h); As.append(a); ps.append(p); Ls.append(-np.log(p[Y[t]]))
    return hs, As, ps, Ls

def fd(fun, M, eps=1e-6):
    G = np.zeros_like(M)
    for i in np.ndindex(M.shape):
        old = M[i]; M[i] = old + eps; fp = fun(); M[i] = old - eps; fm = fun(); M[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G

def report(row, name, a, b, expect=True):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"line {row:3d} {name:55s} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(a-b)):.2e}"
          + ("" if ok == expect else "   <-- UNEXPECTED"))

hs, As, ps, Ls = forward(P, T)
dLdo = lambda t: ps[t] - np.eye(no)[Y[t]]            # dL^(t)/do^(t)
print("lines 10,16,20,32: forward definitions (h, o, yhat, L=sum L^(t)) implemented as written.")

# line 28: dL^(t)/dV = dL^(t)/do^(t) . do^(t)/dV  ->  (yhat - y) h^T
t = 2
report(28, "dL^(t)/dV = dL/do * do/dV (t=2)", np.outer(dLdo(t), hs[t]), fd(lambda: forward(P, T)[3][t], P['V']))
# line 36: dL/dV = sum_t
report(36, "dL/dV = sum_t dL^(t)/do^(t) do^(t)/dV", sum(np.outer(dLdo(t), hs[t]) for t in range(1, T + 1)),
       fd(lambda: sum(forward(P, T)[3][1:]), P['V']))

def J(As, j, phi='tanh', P=P):      # dh^(j)/dh^(j-1) = diag(phi'(a_j)) W
    return np.diag(act[phi][1](As[j])) @ P['W']

def chain_terms(t, kmin, wrt, phi='tanh', P=P, hs=hs, As=As):
    """sum_{k=kmin}^{t} dL^(t)/do^(t) do^(t)/dh^(t) (prod_{j=k+1}^t dh^(j)/dh^(j-1)) dh^(k)/d(wrt) [immediate]"""
    g = dLdo(t) @ P['V']              # row vector dL^(t)/dh^(t)
    tot = 0
    for k in range(t, kmin - 1, -1):
        if k >= 1:
            d = g * act[phi][1](As[k])
            tot = tot + (np.outer(d, hs[k - 1]) if wrt == 'W' else np.outer(d, X[k]))
        # k == 0: h^(0) is the given initial state, dh^(0)/dW = dh^(0)/dU = 0
        if k >= 1:
            g = g @ J(As, k, phi, P)
    return tot

# lines 41/45: three-step example (sequence of length 3, L^(3))
h3, A3, p3, L3 = forward(P, 3)
report(41, "dL^(3)/dW three-term chain (T=3)", chain_terms(3, 1, 'W', hs=h3, As=A3), fd(lambda: forward(P, 3)[3][3], P['W']))
report(45, "dL^(3)/dU three-term chain (T=3)", chain_terms(3, 1, 'U', hs=h3, As=A3), fd(lambda: forward(P, 3)[3][3], P['U']))
# lines 50/54: general formula, sum from k=0 to t (t=4)
report(50, "dL^(t)/dW = sum_{k=0}^t ... (t=4)", chain_terms(4, 0, 'W'), fd(lambda: forward(P, 4)[3][4], P['W']))
report(54, "dL^(t)/dU = sum_{k=0}^t ... (t=4)", chain_terms(4, 0, 'U'), fd(lambda: forward(P, 4)[3][4], P['U']))

# lines 73/77: prod_{j=k+1}^t dh^j/dh^{j-1} = prod (phi' . W)  read as prod_j diag(phi'(a_j)) W, W_s == W
for row, phi in ((73, 'tanh'), (77, 'sigmoid')):
    hsP, AsP, _, _ = forward(P, T, phi)
    k, tt = 1, 4
    hk = hsP[k].copy()
    def h_t_from_hk(v):
        f = act[phi][0]; h = v
        for j in range(k + 1, tt + 1):
            h = f(P['U'] @ X[j] + P['W'] @ h + P['b'])
        return h
    Jfd = np.zeros((nh, nh))
    for i in range(nh):
        e = np.zeros(nh); e[i] = 1e-6
        Jfd[:, i] = (h_t_from_hk(hk + e) - h_t_from_hk(hk - e)) / 2e-6
    prod = np.eye(nh)
    for j in range(tt, k, -1):
        prod = prod @ J(AsP, j, phi)
    report(row, f"prod dh^j/dh^(j-1) = prod diag({phi}') W  (k=1,t=4)", prod, Jfd)
    # literal alternative reading (prod of phi') * W once -- shown for information only
    lit = np.diag(np.prod([act[phi][1](AsP[j]) for j in range(k + 1, tt + 1)], axis=0)) @ P['W']
    print(f"          (info) literal '(prod {phi}') . W' with W only once: max|diff|={np.max(np.abs(lit-Jfd)):.2e} -> not the reading used")
