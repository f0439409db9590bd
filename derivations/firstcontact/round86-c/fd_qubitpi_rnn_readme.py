# Line numbers below are line numbers in the note (source line + 1).
# Finite-difference check of qubitpi_rnn_readme.md (QubitPi/RNN README.md).
# numpy only. Column vectors: h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), o_t = W_yh h_t + b_o, yhat_t = softmax(o_t) = sigma(o_t),
# loss L = sum_t L_t with L_t = -log yhat_t[y_t] (the README writes -sum_t log yhat^(t); read as the log-probability of the
# target, p = one-hot target). The update rules are Delta = -eta * gradient, so the gradient parts are compared.
import numpy as np
rs = np.random.RandomState(2)
nx, nh, no, T, eta = 4, 3, 4, 4, 0.1
Wxh = rs.randn(nh, nx)*0.6; Whh = rs.randn(nh, nh)*0.6; Wyh = rs.randn(no, nh)*0.6
bh = rs.randn(nh)*0.2; bo = rs.randn(no)*0.2
X = rs.randn(T, nx); Y = rs.randint(0, no, size=T)

def check(name, a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    ok = a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)
    err = np.abs(a-b).max() if a.shape == b.shape else float('nan')
    print(f"{'AGREE ' if ok else 'DIFFER'}  {name}   (max abs diff {err:.2e}, shapes {a.shape} vs {b.shape})")

def sm(o): p = np.exp(o-o.max()); return p/p.sum()
def forward(Wxh=Wxh, Whh=Whh, Wyh=Wyh, bh=bh, bo=bo, at=None, hval=None):
    h = {0: np.zeros(nh)}; o = {}; L = 0.0
    for t in range(1, T+1):
        h[t] = hval if (at == t) else np.tanh(Whh @ h[t-1] + Wxh @ X[t-1] + bh)
        o[t] = Wyh @ h[t] + bo
        L += -np.log(sm(o[t])[Y[t-1]])
    return L, h, o
def fd(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x.copy(); xp[i] += eps; xm = x.copy(); xm[i] -= eps
        g[i] = (f(xp)-f(xm))/(2*eps)
    return g

L, h, o = forward()
sig = {t: sm(o[t]) for t in o}; p = {t: np.eye(no)[Y[t-1]] for t in o}
go = {t: fd(lambda v, t=t: -np.log(sm(v)[Y[t-1]]), o[t]) for t in o}                     # true dL/do_t
gh = {t: fd(lambda v, t=t: forward(at=t, hval=v)[0], h[t]) for t in range(1, T+1)}       # true dL/dh_t
d = lambda t: 1 - h[t]**2
G = {n: fd(lambda v, n=n: forward(**{n: v})[0], globals()[n]) for n in ['Wxh', 'Whh', 'Wyh', 'bh', 'bo']}

print("== update rules (note lines 44-48), using the true grad_h L ==")
# line 44: (diag[1-h^2])^T grad_h L (x)  -> column (nh,) times column (nx,): no transpose on x
try:
    lit = sum((np.diag(d(t)).T @ gh[t]).reshape(nh, 1) @ X[t-1].reshape(nx, 1) for t in range(1, T+1))
except ValueError as e:
    lit = np.zeros(1); print(f"        line 44 as printed is not a valid product: {e}")
check("line 44  Delta W_xh = -eta sum_t diag[1-h^2]^T grad_h L (x^(t))  [x not transposed]", -eta*lit, -eta*G['Wxh'])
check("        same with x^(t)^T (not in the source)", -eta*sum(np.outer(d(t)*gh[t], X[t-1]) for t in range(1, T+1)), -eta*G['Wxh'])
check("line 45  Delta W_hh = -eta sum_t diag[1-h^2] grad_h L h^(t-1)^T", -eta*sum(np.outer(d(t)*gh[t], h[t-1]) for t in range(1, T+1)), -eta*G['Whh'])
try:
    lit = sum((sig[t]-p[t]).reshape(no, 1) @ h[t].reshape(nh, 1) for t in range(1, T+1))
except ValueError as e:
    lit = np.zeros(1); print(f"        line 46 as printed is not a valid product: {e}")
check("line 46  Delta W_yh = -eta sum_t (sigma - p) h^(t)  [h not transposed]", -eta*lit, -eta*G['Wyh'])
check("        same with h^(t)^T (not in the source)", -eta*sum(np.outer(sig[t]-p[t], h[t]) for t in range(1, T+1)), -eta*G['Wyh'])
check("line 47  Delta b_h = -eta sum_t diag[1-h^2]^T grad_h L", -eta*sum(d(t)*gh[t] for t in range(1, T+1)), -eta*G['bh'])
check("line 48  Delta b_o = -eta sum_t sigma - p   [as printed: (-eta sum_t sigma) - p]", -eta*sum(sig[t] for t in range(1, T+1)) - p[T], -eta*G['bo'])
check("        with brackets -eta sum_t (sigma - p) (not in the source)", -eta*sum(sig[t]-p[t] for t in range(1, T+1)), -eta*G['bo'])

print("== hidden-gradient recursion (line 55) ==")
for t in [2, 3]:
    lit = Wyh.T @ go[t] + (Whh.T @ gh[t+1]) * d(t+1)      # W_hh^T g diag(..) read as (W_hh^T g) * (1-h^2)
    check(f"line 55  grad_h(t) L = W_yh^T grad_o L + W_hh^T grad_h(t+1) L diag[1-h(t+1)^2], t={t}", lit, gh[t])
    check(f"        corrected order W_hh^T diag[1-h^2] grad_h(t+1) L (not in the source), t={t}", Wyh.T @ go[t] + Whh.T @ (d(t+1)*gh[t+1]), gh[t])

print("== output gradient (line 65) ==")
for t in [1, 3]:
    check(f"line 65  grad_o(t) L = sum_t sigma(o^(t)), t={t}", sum(sig[s] for s in range(1, T+1)), go[t])
    print(f"        (true value sigma(o^(t)) - p^(t): {'matches' if np.allclose(sig[t]-p[t], go[t], atol=1e-6) else 'no'})")

print("== derivation of grad_h(t+1) L (note lines 70-75) ==")
t = 2   # so h^(t+1) = h_3
def logsum_from_h(v):   # -sum_s log yhat^(s)[y_s] as a function of h^(t+1)
    return forward(at=t+1, hval=v)[0]
f72 = np.zeros(nh)
for s in range(1, T+1):   # -sum_s (1/sigma_y(o^(s))) d sigma_y(o^(s)) / d h^(t+1)
    def sy(v, s=s): return sm(forward(at=t+1, hval=v)[2][s])[Y[s-1]]
    f72 += -(1.0/sig[s][Y[s-1]]) * fd(sy, h[t+1])
check("line 73  -sum (1/sigma) d sigma / d h^(t+1)   (chain rule of log, formal)", f72, gh[t+1])
lit74 = sum(sig[s] for s in range(1, T+1)) @ Wyh        # sum_t sigma(o^(t)) W_yh, read as a row vector sigma^T W_yh
check("line 74/75  grad_h(t+1) L = sum_t sigma(o^(t)) W_yh", lit74, gh[t+1])

print("== combined result (note lines 83-84) ==")
S = sum(sig[s] for s in range(1, T+1))
lit82 = Wyh.T @ S + (Whh.T @ (S @ Wyh)) * d(t+1)
check("line 83/84  grad_h(t) L = W_yh^T sum sigma + W_hh^T sum sigma W_yh diag[1-h^2]", lit82, gh[t])
