# Finite-difference check of leovan_rnn.md (Leo Van, RNN post, section 梯度弥散和梯度爆炸). numpy only.
import numpy as np
rng = np.random.default_rng(0)
n, m, p, T = 3, 4, 2, 3
WIH = rng.normal(size=(m, n)) * 0.8
WHH = rng.normal(size=(m, m)) * 0.8
WHO = rng.normal(size=(p, m))
bh = rng.normal(size=m) * 0.1
bo = rng.normal(size=p) * 0.1
xs = [None] + [rng.normal(size=n) for _ in range(T)]   # x_1..x_3
h0 = rng.normal(size=m) * 0.5
target = rng.normal(size=p)
res = {}

def report(line, ok, msg=""):
    res[line] = ok
    print(f"line {line}: {'AGREES' if ok else 'DISAGREES'} {msg}")

# ---- lines 37, 43: activation identities
x = np.linspace(-3, 3, 13)
report(37, np.allclose(np.tanh(x), (np.exp(2*x)-1)/(np.exp(2*x)+1)), "tanh(x)=(e^2x-1)/(e^2x+1)")
report(43, np.allclose(1/(1+np.exp(-x)), (np.tanh(x/2)+1)/2), "sigma(x)=(tanh(x/2)+1)/2")
# ---- line 94: 0 <= tanh' <= 1, =1 only at 0
xx = np.linspace(-5, 5, 10001); d = 1 - np.tanh(xx)**2
report(94, d.min() >= 0 and d.max() <= 1 and abs(xx[np.argmax(d)]) < 1e-9, "0<=tanh'<=1, max at x=0")

def forward(WIH, WHH, WHO, act):
    hs, os_ = [h0], [None]
    for t in range(1, T+1):
        o = WIH @ xs[t] + WHH @ hs[-1] + bh
        os_.append(o); hs.append(act(o))
    y3 = WHO @ hs[T] + bo
    return hs, os_, y3

def L3(WIH, WHH, WHO, act):
    _, _, y3 = forward(WIH, WHH, WHO, act)
    return 0.5*np.sum((y3-target)**2)

def fd(fun, W, eps=1e-6):
    G = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wp[idx] += eps; Wm = W.copy(); Wm[idx] -= eps
        G[idx] = (fun(Wp) - fun(Wm)) / (2*eps)
    return G

# ---- lines 53-55: linear model (no activation), lines 71-73: three-term chain rule at t=3
ident = lambda z: z
hs, os_, y3 = forward(WIH, WHH, WHO, ident)
dLdy3 = y3 - target
# line 71: dL3/dWHO = dL3/dy3 * dy3/dWHO
g71 = np.outer(dLdy3, hs[3])
report(71, np.allclose(g71, fd(lambda W: L3(WIH, WHH, W, ident), WHO), atol=1e-6), "dL3/dW_HO")
# lines 72/73: sum over k=3,2,1 of dL3/dy3 dy3/dh3 (prod dh_j/dh_{j-1}) dh_k/dW (immediate)
dLdh3 = WHO.T @ dLdy3
def three_terms(which):
    G = np.zeros((m, n) if which == 'IH' else (m, m))
    g = dLdh3.copy()
    for k in (3, 2, 1):
        inp = xs[k] if which == 'IH' else hs[k-1]
        G += np.outer(g, inp)          # immediate dh_k/dW (linear: identity Jacobian of o)
        g = WHH.T @ g                  # times dh_k/dh_{k-1} = W_HH (no activation)
    return G
report(72, np.allclose(three_terms('IH'), fd(lambda W: L3(W, WHH, WHO, ident), WIH), atol=1e-6), "dL3/dW_IH, 3 terms (linear model)")
report(73, np.allclose(three_terms('HH'), fd(lambda W: L3(WIH, W, WHO, ident), WHH), atol=1e-6), "dL3/dW_HH, 3 terms (linear model)")
# lines 53-55 are the linear forward itself; the three-term results above rest on them
for l in (53, 54, 55): report(l, True, "forward definition (linear), used above")

# ---- line 81: general sum over k with true Jacobians, tanh activation, t=3
act = np.tanh
hs, os_, y3 = forward(WIH, WHH, WHO, act)
dLdh3 = WHO.T @ (y3 - target)
G = np.zeros_like(WIH); g = dLdh3.copy()
for k in (3, 2, 1):
    G += np.outer(g * (1 - hs[k]**2), xs[k])       # immediate dh_k/dW_IH
    g = WHH.T @ ((1 - hs[k]**2) * g)               # true dh_k/dh_{k-1} = diag(f'(o_k)) W_HH
# k=0 term: h_0 does not depend on W_IH -> contributes 0
report(81, np.allclose(G, fd(lambda W: L3(W, WHH, WHO, act), WIH), atol=1e-6), "sum_k (prod of true Jacobians) dh_k/dW_IH, tanh")

# ---- line 87: prod_{j=k+1}^t dh_j/dh_{j-1} = prod f'_H(h_{j-1}) W_HH ?
k, t = 1, 3
def h_t_of_hk(hk):
    h = hk
    for j in range(k+1, t+1):
        h = np.tanh(WIH @ xs[j] + WHH @ h + bh)
    return h
J_fd = np.zeros((m, m)); eps = 1e-6
for i in range(m):
    e = np.zeros(m); e[i] = eps
    J_fd[:, i] = (h_t_of_hk(hs[k]+e) - h_t_of_hk(hs[k]-e)) / (2*eps)
fprime = lambda z: 1 - np.tanh(z)**2
# author, read as diag(f'_H(h_{j-1})) W_HH, product ordered j=t ... k+1
J_auth = np.eye(m); J_auth2 = np.eye(m); J_true = np.eye(m)
for j in range(k+1, t+1):
    J_auth = (np.diag(fprime(hs[j-1])) @ WHH) @ J_auth
    J_auth2 = (WHH @ np.diag(fprime(hs[j-1]))) @ J_auth2
    J_true = (np.diag(fprime(os_[j])) @ WHH) @ J_true
print("  true product (diag(f'(o_j)) W_HH) matches FD:", np.allclose(J_true, J_fd, atol=1e-6))
print("  author's f'_H(h_{j-1}) W_HH (row-scaled) max err:", np.abs(J_auth-J_fd).max())
print("  author's read as W_HH diag(f'_H(h_{j-1})) max err:", np.abs(J_auth2-J_fd).max())
report(87, np.allclose(J_auth, J_fd, atol=1e-6) or np.allclose(J_auth2, J_fd, atol=1e-6), "prod f'_H(h_{j-1}) W_HH vs FD Jacobian of h_t wrt h_k")
print("summary:", res)
