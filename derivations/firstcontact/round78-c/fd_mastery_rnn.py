# Checks for mastery_rnn.md (numpy only). Column layout: h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h).
import numpy as np
rng = np.random.default_rng(1)
def say(name, ok, extra=""):
    print(f"{name:64s} {'AGREE' if ok else 'DISAGREE'} {extra}")

# ---- lines 34/38: worked example numbers ----
h1 = np.tanh(0.8*0 + 0.5*1.0); h2 = np.tanh(0.8*round(h1, 4) + 0.5*2.0)
say("line 34 h1 = tanh(0.5) ~ 0.4621", round(h1, 4) == 0.4621, f"(tanh(0.5)={h1:.6f})")
say("line 38 h2 = tanh(1.3697) ~ 0.8788", round(h2, 4) == 0.8788, f"(tanh(1.3697)={np.tanh(1.3697):.6f}, exact chain {np.tanh(0.8*h1+1.0):.6f})")

# ---- lines 73/74 and 228/229: Jacobian of one step and chain ----
dh, dx = 4, 3
Whh = rng.standard_normal((dh, dh)); Wxh = rng.standard_normal((dh, dx)); bh = rng.standard_normal(dh) * .1
def step(h, x): return np.tanh(Whh @ h + Wxh @ x + bh)
def num_jac(f, v, eps=1e-6):
    J = np.zeros((len(f(v)), len(v)))
    for j in range(len(v)):
        e = np.zeros(len(v)); e[j] = eps
        J[:, j] = (f(v + e) - f(v - e)) / (2 * eps)
    return J
T = 6; xs = rng.standard_normal((T, dx)); H = [rng.standard_normal(dh) * .5]
for t in range(T): H.append(step(H[-1], xs[t]))
a = [None] + [Whh @ H[t] + Wxh @ xs[t] + bh for t in range(T)]   # a[i] -> h_i = H[i]
i = 3
Jfd = num_jac(lambda hp: step(hp, xs[i-1]), H[i-1])
Jsrc = np.diag(1 - np.tanh(a[i])**2) @ Whh.T
Jok = np.diag(1 - np.tanh(a[i])**2) @ Whh
say("line 74/228 dh_i/dh_{i-1} = diag(tanh'(a_i)) W_hh^T  vs FD", np.allclose(Jsrc, Jfd, atol=1e-6), f"max|diff| {np.abs(Jsrc-Jfd).max():.2e}")
say("   (reference: diag(tanh'(a_i)) W_hh vs FD)", np.allclose(Jok, Jfd, atol=1e-6), f"max|diff| {np.abs(Jok-Jfd).max():.2e}")
say("   (denominator layout W_hh^T diag(tanh') vs FD^T)", np.allclose(Whh.T @ np.diag(1 - np.tanh(a[i])**2), Jfd.T, atol=1e-6))
# chain k -> t
k, t = 1, 5
def roll(hk):
    h = hk
    for s in range(k, t): h = step(h, xs[s])
    return h
Jchain_fd = num_jac(roll, H[k])
P_src = np.eye(dh); P_ok = np.eye(dh)
for s in range(k+1, t+1):
    P_src = np.diag(1 - np.tanh(a[s])**2) @ Whh.T @ P_src
    P_ok = np.diag(1 - np.tanh(a[s])**2) @ Whh @ P_ok
say("line 73 dh_t/dh_k = prod of one-step Jacobians (reference) vs FD", np.allclose(P_ok, Jchain_fd, atol=1e-6))
say("line 74/229 prod diag(tanh'(a_i)) W_hh^T vs FD", np.allclose(P_src, Jchain_fd, atol=1e-6), f"max|diff| {np.abs(P_src-Jchain_fd).max():.2e}")
# line 86 / 230 bound for the true Jacobian product
g = np.linalg.norm(Whh, 2)
say("line 86/230 ||dh_t/dh_k|| <= ||W_hh||^(t-k)", np.linalg.norm(Jchain_fd, 2) <= g**(t-k) + 1e-12, f"({np.linalg.norm(Jchain_fd,2):.3e} <= {g**(t-k):.3e})")
# line 96: 'necessary condition for vanishing is lambda_1 < 1/sup|sigma'|'
W2 = 2.0 * np.eye(dh)          # lambda_1 = 2 > 1
Jv = np.eye(dh)
for _ in range(50): Jv = np.diag(np.full(dh, 0.05)) @ W2 @ Jv    # saturated tanh', |tanh'| = 0.05
say("line 96 'lambda_1<1 necessary for vanishing' (counterexample lambda_1=2)", False,
    f"-> product norm after 50 steps = {np.linalg.norm(Jv,2):.1e} vanishes although lambda_1 = 2")
# line 112: the code builds J = D W^T J, i.e. the Jacobian of an RNN with recurrent matrix W^T
say("line 112 J = D @ W.T @ J is the one-step Jacobian for W_hh=W", np.allclose(Jsrc, Jfd), "(same transposition as line 74)")

# ---- lines 150/156 and 233/234: LSTM cell path (h_{t-1} held fixed) ----
n, m = 3, 2
Wf, Wi, Wc, Wo = [rng.standard_normal((n, n+m)) for _ in range(4)]
bf, bi, bc, bo = [rng.standard_normal(n) for _ in range(4)]
sig = lambda z: 1/(1+np.exp(-z))
def cell(c_prev, h_prev, x):
    z = np.concatenate([h_prev, x])
    f = sig(Wf @ z + bf); i_ = sig(Wi @ z + bi); g_ = np.tanh(Wc @ z + bc)
    return f * c_prev + i_ * g_, f
cp, hp, xx = rng.standard_normal(n), rng.standard_normal(n), rng.standard_normal(m)
_, f = cell(cp, hp, xx)
Jc = num_jac(lambda c: cell(c, hp, xx)[0], cp)
say("line 150/233 dc_t/dc_{t-1} (h_{t-1} fixed) = diag(f_t)", np.allclose(Jc, np.diag(f), atol=1e-6))

# ---- TinyRNN (lines 184-203): full FD on all parameters ----
class TinyRNN:
    def __init__(self, dx, dh):
        s = 0.5
        self.Wxh = rng.standard_normal((dh, dx)) * s; self.Whh = rng.standard_normal((dh, dh)) * s
        self.Why = rng.standard_normal((1, dh)) * s; self.bh = rng.standard_normal(dh) * s; self.by = np.zeros(1); self.dh = dh
    def forward(self, X):
        self.X = X; self.H = [np.zeros(self.dh)]
        for t in range(len(X)):
            a = self.Whh @ self.H[-1] + self.Wxh @ X[t] + self.bh      # line 184
            self.H.append(np.tanh(a))                                  # line 185
        self.yhat = self.Why @ self.H[-1] + self.by                    # line 186
        return self.yhat
    def loss(self, X, target): return 0.5 * float(((self.forward(X) - target) ** 2)[0])   # line 190
    def backward(self, target):
        T = len(self.X)
        dy = (self.yhat - target)                                      # line 194
        dWhy = np.outer(dy, self.H[-1]); dby = dy                      # line 195
        dWxh = np.zeros_like(self.Wxh); dWhh = np.zeros_like(self.Whh); dbh = np.zeros_like(self.bh)
        dh_next = self.Why.T @ dy                                      # line 197
        for t in reversed(range(T)):
            dtanh = (1 - self.H[t+1] ** 2) * dh_next                   # line 199
            dbh += dtanh                                               # line 200
            dWxh += np.outer(dtanh, self.X[t])                         # line 201
            dWhh += np.outer(dtanh, self.H[t])                         # line 202
            dh_next = self.Whh.T @ dtanh                               # line 203
        return dWxh, dWhh, dWhy, dbh, dby
net = TinyRNN(3, 4); X = rng.standard_normal((5, 3)); target = np.array([0.7])
net.loss(X, target); grads = net.backward(target)
for name, gr in zip(["dWxh (l.201)", "dWhh (l.202)", "dWhy (l.195)", "dbh (l.200)", "dby (l.195)"], grads):
    A = getattr(net, name.split()[0][1:])
    num = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + 1e-6; lp = net.loss(X, target); A[idx] = o - 1e-6; lm = net.loss(X, target); A[idx] = o
        num[idx] = (lp - lm) / 2e-6
    say(f"TinyRNN {name} vs FD", np.allclose(gr, num, rtol=1e-5, atol=1e-8), f"max|diff| {np.abs(gr-num).max():.2e}")
