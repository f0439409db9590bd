"""FD check of rnnlm_neighborhoodwang.py (CS224d RNNLM, student NeighborhoodWang).
Forward (author): h_t = sigmoid(H h_{t-1} + L[x_t]), h_{-1}=0, p_t = softmax(U h_t), J = -sum_t log p_t[y_t].
Backward transcribed as written (python3 port of lines 118-135); sparse L updates are
collected as (idx, vec) pairs and summed per idx, like the course's SparseDelta/coalesce."""
import numpy as np

def sigmoid(x): return 1.0 / (1.0 + np.exp(-x))
def softmax(x):
    e = np.exp(x - x.max()); return e / e.sum()
def make_onehot(i, n):
    y = np.zeros(n); y[i] = 1.0; return y

def loss(H, U, L, xs, ys):                      # compute_seq_loss, lines 171-194
    ns = len(xs); hdim = H.shape[0]
    hs = np.zeros((ns + 1, hdim)); ps = np.zeros((ns, U.shape[0]))
    for t in range(ns):
        hs[t + 1] = sigmoid(H.dot(hs[t]) + L[xs[t]])
        ps[t] = softmax(U.dot(hs[t + 1]))
    J = 0
    for t in range(ns):
        J -= np.log(ps[t][ys[t]])
    return J

def acc_grads(H, U, L, xs, ys, bptt):           # _acc_grads, lines 103-135
    ns = len(xs); hdim = H.shape[0]; vdim = U.shape[0]
    hs = np.zeros((ns + 1, hdim)); ps = np.zeros((ns, vdim))
    for t in range(ns):
        hs[t + 1] = sigmoid(H.dot(hs[t]) + L[xs[t]])      # line 119
        ps[t] = softmax(U.dot(hs[t + 1]))                  # line 120
    hs = hs[1:].copy()                                     # line 122
    gU = np.zeros_like(U); gH = np.zeros_like(H); sL = []
    for t in range(ns):
        y_t = make_onehot(ys[t], vdim)                     # line 126
        delta_t = ps[t] - y_t                              # line 127
        gU += np.outer(delta_t, hs[t])                     # line 129
        delta = U.T.dot(delta_t) * hs[t] * (1 - hs[t])     # line 130
        for i in range(t, t - bptt - 1, -1):
            if i - 1 >= 0:                                 # line 132 (the guard)
                gH += np.outer(delta, hs[i - 1])           # line 133
                sL.append((xs[i], delta.copy()))           # line 134
                delta = H.T.dot(delta) * hs[i - 1] * (1 - hs[i - 1])   # line 135
    gL = {}
    for k, v in sL:                                        # SparseDelta.coalesce
        gL[k] = gL.get(k, 0) + v
    return gU, gH, gL

def fd(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for ij in np.ndindex(A.shape):
        old = A[ij]; A[ij] = old + eps; jp = f(); A[ij] = old - eps; jm = f(); A[ij] = old
        g[ij] = (jp - jm) / (2 * eps)
    return g

rng = np.random.RandomState(0)
V, D = 10, 6
H = rng.randn(D, D) * 0.5; U = rng.randn(V, D) * 0.5; L = rng.randn(V, D) * 0.5
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

for xs, ys in [([1, 2, 3], [2, 3, 4]), ([1, 2, 1, 5], [2, 1, 5, 7])]:
    print("=== xs =", xs, "ys =", ys, "(bptt = len(y), as in grad_check)")
    gU, gH, gL = acc_grads(H, U, L, xs, ys, bptt=len(ys))
    f = lambda: loss(H, U, L, xs, ys)
    nU, nH, nL = fd(f, U), fd(f, H), fd(f, L)
    print("line 129 dJ/dU  (with 126,127,119,120,122):", "AGREE" if ok(gU, nU) else "DIFFER")
    print("line 133 dJ/dH  (with 130,135 recursion):   ", "AGREE" if ok(gH, nH) else "DIFFER")
    for k in sorted(set(xs)):
        comp = gL.get(k, np.zeros(D))
        tag = "AGREE" if ok(comp, nL[k]) else "DIFFER"
        note = "" if k in gL else "  (no sparse update stored -> grad_check never looks at this row)"
        print("line 134 dJ/dL[%d]: %s  |computed-FD| = %.3e%s" % (k, tag, np.abs(comp - nL[k]).max(), note))
    # what the missing term is: the step-0 pre-activation gradient summed over all losses
    fixed = {}
    for k, v in gL.items(): fixed[k] = v.copy()
    hs = np.zeros((len(xs) + 1, D))
    for t in range(len(xs)): hs[t + 1] = sigmoid(H.dot(hs[t]) + L[xs[t]])
    hs = hs[1:]
    d0 = np.zeros(D)
    for t in range(len(xs)):
        p = softmax(U.dot(hs[t])); p[ys[t]] -= 1
        d = U.T.dot(p) * hs[t] * (1 - hs[t])
        for i in range(t, 0, -1):
            d = H.T.dot(d) * hs[i - 1] * (1 - hs[i - 1])
        d0 += d
    fixed[xs[0]] = fixed.get(xs[0], 0) + d0
    print("  adding the skipped i=0 terms to L[xs[0]] ->", "AGREE" if ok(fixed[xs[0]], nL[xs[0]]) else "DIFFER")
