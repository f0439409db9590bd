# Line numbers below are line numbers in the note (source line + 1).
# Finite-difference check of hirahtang_day38_rnn_bptt.md (HirahTang/66DaysOfData, Day 38; Goodfellow et al. ch. 10 notation).
# numpy only. Column vectors: a_t = b + W h_{t-1} + U x_t, h_t = tanh(a_t), o_t = c + V h_t, yhat_t = softmax(o_t),
# L = sum_t L_t, L_t = -log yhat_t[y_t].
import numpy as np
rs = np.random.RandomState(1)
nx, nh, no, T = 3, 4, 5, 4
W = rs.randn(nh, nh)*0.6; U = rs.randn(nh, nx)*0.6; V = rs.randn(no, nh)*0.6
b = rs.randn(nh)*0.2; c = rs.randn(no)*0.2
X = rs.randn(T, nx); Y = rs.randint(0, no, size=T); h0 = rs.randn(nh)*0.3

def check(name, a, bb, tol=1e-6):
    a = np.asarray(a, float); bb = np.asarray(bb, float)
    ok = a.shape == bb.shape and np.allclose(a, bb, atol=tol, rtol=1e-5)
    err = np.abs(a-bb).max() if a.shape == bb.shape else float('nan')
    print(f"{'AGREE ' if ok else 'DIFFER'}  {name}   (max abs diff {err:.2e})")

def forward(W=W, U=U, V=V, b=b, c=c, hinit=h0, start=1, hstart=None):
    hs = {0: hinit}; os_ = {}; L = 0.0
    for t in range(1, T+1):
        if hstart is not None and t == start: hs[t] = hstart
        else: hs[t] = np.tanh(b + W @ hs[t-1] + U @ X[t-1])
        os_[t] = c + V @ hs[t]
        p = np.exp(os_[t]-os_[t].max()); p /= p.sum()
        L += -np.log(p[Y[t-1]])
    return L, hs, os_

L, hs, os_ = forward()
def softmax(o): p = np.exp(o-o.max()); return p/p.sum()
def fd(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x.copy(); xp[i] += eps; xm = x.copy(); xm[i] -= eps
        g[i] = (f(xp) - f(xm))/(2*eps)
    return g

# true gradients by finite differences
go = {t: fd(lambda o, t=t: -np.log(softmax(o)[Y[t-1]]), os_[t]) for t in range(1, T+1)}   # dL/do_t (o_t only enters L_t)
def L_given_h(t, ht):
    return forward(start=t, hstart=ht)[0]
gh = {t: fd(lambda v, t=t: L_given_h(t, v), hs[t]) for t in range(1, T+1)}

onehot = lambda t: np.eye(no)[Y[t-1]]
print("== output gradient ==")
for t in [1, 4]:
    check(f"line 26  (grad_o L)_i = yhat_i - 1_(i,y), t={t}", softmax(os_[t]) - onehot(t), go[t])
print("== hidden gradient ==")
check("line 30  grad_h(tau) L = V^T grad_o(tau) L", V.T @ go[T], gh[T])
d = lambda t: 1 - hs[t]**2
for t in [2, 3]:
    Jn = np.diag(d(t+1)) @ W            # dh_(t+1)/dh_t
    check(f"line 34 (first line)  (dh_(t+1)/dh_t)^T grad_h(t+1) L + (do_t/dh_t)^T grad_o(t) L, t={t}", Jn.T @ gh[t+1] + V.T @ go[t], gh[t])
    # second line as printed: W^T (grad_h(t+1) L) diag(1-h^2) + V^T grad_alpha(t) L  (alpha read as o).
    # A column vector followed by diag(.) is only defined as (W^T g)^T diag(.), i.e. (W^T g) * (1-h^2) element-wise:
    lit = (W.T @ gh[t+1]) * d(t+1) + V.T @ go[t]
    check(f"line 34 (second line, as printed: W^T g diag(1-h_(t+1)^2)), t={t}", lit, gh[t])
    check(f"        corrected order W^T diag(1-h_(t+1)^2) g (not in the source), t={t}", W.T @ (d(t+1)*gh[t+1]) + V.T @ go[t], gh[t])
print("== parameter gradients ==")
check("line 38  grad_c L = sum_t grad_o(t) L", sum(go[t] for t in range(1, T+1)), fd(lambda v: forward(c=v)[0], c))
check("line 40  grad_b L = sum_t diag(1-h_t^2) grad_h(t) L", sum(d(t)*gh[t] for t in range(1, T+1)), fd(lambda v: forward(b=v)[0], b))
check("line 42  grad_V L = sum_t grad_o(t) L h_t^T", sum(np.outer(go[t], hs[t]) for t in range(1, T+1)), fd(lambda v: forward(V=v)[0], V))
check("line 44  grad_W L = sum_t diag(1-h_t^2) grad_h(t) L h_(t-1)^T", sum(np.outer(d(t)*gh[t], hs[t-1]) for t in range(1, T+1)), fd(lambda v: forward(W=v)[0], W))
check("line 46  grad_U L = sum_t diag(1-h_t^2) grad_h(t) L x_t^T", sum(np.outer(d(t)*gh[t], X[t-1]) for t in range(1, T+1)), fd(lambda v: forward(U=v)[0], U))
