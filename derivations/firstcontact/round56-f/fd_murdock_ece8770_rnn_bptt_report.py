"""FD check for murdock_ece8770_rnn_bptt_report.tex (numpy only, float64).
Model as printed: h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), o_t = W_o h_t + b_o,
loss hat L = 1/T sum_t l_t with l_t = 1/2 ||o_t - d_t||^2 (y_t = o_t), h_0 = 0.
w_h = [W_hx ; W_hh] (all recurrent-layer weights), flattened to a vector theta."""
import numpy as np
from fd_common import num_grad, close, Report
R = Report("murdock_ece8770_rnn_bptt_report.tex")
rng = np.random.default_rng(56)
D, H, Q, T = 3, 4, 2, 4
Wxh = rng.normal(0, .6, (H, D)); Whh = rng.normal(0, .6, (H, H)); bh = rng.normal(0, .3, H)
Wo = rng.normal(0, .6, (Q, H)); bo = rng.normal(0, .3, Q)
X = rng.normal(size=(T + 1, D)); Dt = rng.normal(size=(T + 1, Q))   # index 1..T used

def run(Wxh_=None, Whh_=None, Wo_=None):
    Wxh_ = Wxh if Wxh_ is None else Wxh_; Whh_ = Whh if Whh_ is None else Whh_; Wo_ = Wo if Wo_ is None else Wo_
    h = [np.zeros(H)]; a = [None]; o = [None]
    for t in range(1, T + 1):
        a.append(Whh_ @ h[t-1] + Wxh_ @ X[t] + bh); h.append(np.tanh(a[t])); o.append(Wo_ @ h[t] + bo)
    l = [None] + [0.5 * np.sum((o[t] - Dt[t]) ** 2) for t in range(1, T + 1)]
    return h, a, o, l
h, a, o, l = run()
Lhat = sum(l[1:]) / T

# line 8, 13: forward definitions; line 42: loss definition (both printed forms equal)
R.line(8, close(h[2], np.tanh(Whh @ h[1] + Wxh @ X[2] + bh)))
R.line(13, close(o[3], Wo @ h[3] + bo))
R.line(42, np.isclose(Lhat, (1 / T) * sum(l[k] for k in range(1, T + 1))))

# theta = [vec(W_hx), vec(W_hh)]
def split(th):
    return th[:H * D].reshape(H, D), th[H * D:].reshape(H, H)
theta0 = np.concatenate([Wxh.ravel(), Whh.ravel()])
def h_of(th, t):
    A, B = split(th); return run(A, B)[0][t]
def l_of(th, t):
    A, B = split(th); return run(A, B)[3][t]
def jac_h(t):                       # total dh_t/dtheta, by central differences (H x P)
    th = theta0.copy(); P = th.size; J = np.zeros((H, P)); eps = 1e-6
    for k in range(P):
        th[k] += eps; hp = h_of(th, t); th[k] -= 2 * eps; hm = h_of(th, t); th[k] += eps
        J[:, k] = (hp - hm) / (2 * eps)
    return J
def immediate(i):                   # d f(x_i, h_{i-1}, w_h)/d theta with h_{i-1} held fixed
    d = 1 - h[i] ** 2; P = theta0.size; J = np.zeros((H, P))
    for n in range(H):
        gx = np.zeros((H, D)); gx[n] = d[n] * X[i]
        gh = np.zeros((H, H)); gh[n] = d[n] * h[i-1]
        J[n] = np.concatenate([gx.ravel(), gh.ravel()])
    return J
Jh = lambda j: np.diag(1 - h[j] ** 2) @ Whh          # dh_j/dh_{j-1}
t = 3
tot = {i: jac_h(i) for i in range(1, T + 1)}

# line 50: dl_t/dw_h = dl_t/do_t do_t/dh_t dh_t/dw_h (total dh_t/dw_h)
th = theta0.copy(); num_lt = num_grad(lambda: l_of(th, t), th)
R.line(50, close((o[t] - Dt[t]) @ Wo @ tot[t], num_lt))

# line 51: dh_t/dw_h = dh_t/dw_h + sum_{i=1}^{t-1} prod_{j=i+1}^{t} dh_j/dh_{j-1} dh_i/dw_h, read as printed
# (every dh/dw_h the same symbol, i.e. the total derivative used on both sides)
def rhs(first, last):
    G = first(t).copy()
    for i in range(1, t):
        P = np.eye(H)
        for j in range(t, i, -1): P = P @ Jh(j)
        G += P @ last(i)
    return G
R.line(51, close(rhs(lambda k: tot[k], lambda k: tot[k]), tot[t]))
print("  (info) line 51 with the explicit partial df/dw_h (d2l eq. 9.7.7) in place of the first term and of dh_i/dw_h:",
      close(rhs(immediate, immediate), tot[t]))

# backprop quantities for the parameter-gradient lines (loss hat L)
dLdo = [None] + [(o[k] - Dt[k]) / T for k in range(1, T + 1)]
dLdh = [None] * (T + 2); dnext = np.zeros(H)
for k in range(T, 0, -1):
    dLdh[k] = Wo.T @ dLdo[k] + dnext                 # total dL/dh_k
    dnext = Whh.T @ ((1 - h[k] ** 2) * dLdh[k])
Wo_c = Wo.copy(); num_Wo = num_grad(lambda: sum(run(Wo_=Wo_c)[3][1:]) / T, Wo_c)
Wxh_c = Wxh.copy(); num_Wxh = num_grad(lambda: sum(run(Wxh_=Wxh_c)[3][1:]) / T, Wxh_c)
# sanity: the recursion for dL/dh_k reproduces FD through W_hx
assert close(sum(np.outer((1 - h[k] ** 2) * dLdh[k], X[k]) for k in range(1, T + 1)), num_Wxh)

# line 52: dL/dW_oh = sum_t dL/do_t h_t : (Q x 1)(H x 1) is not a defined product; outer product needs h_t^T
def col_product(u, v):
    try: return u.reshape(-1, 1) @ v.reshape(-1, 1)
    except ValueError: return None
w52 = [col_product(dLdo[k], h[k]) for k in range(1, T + 1)]
R.line(52, all(m is not None for m in w52) and close(sum(w52), num_Wo))
print("  (info) line 52 with h_t^T:", close(sum(np.outer(dLdo[k], h[k]) for k in range(1, T + 1)), num_Wo))

# line 53: dL/dW_hx = sum_t dL/dh_t x_t : undefined product; even as an outer product the phi' factor is missing
w53 = [col_product(dLdh[k], X[k]) for k in range(1, T + 1)]
R.line(53, all(m is not None for m in w53) and close(sum(w53), num_Wxh))
print("  (info) line 53 as sum_t dL/dh_t x_t^T (no phi'):", close(sum(np.outer(dLdh[k], X[k]) for k in range(1, T + 1)), num_Wxh))

# line 54: dL/dw_h = sum_t dl_t/do_t do_t/dh_t dh_t/dw_h, with L = hat L = 1/T sum l_t
thc = theta0.copy()
def Lhat_of():
    A, B = split(thc); return sum(run(A, B)[3][1:]) / T
num_L = num_grad(Lhat_of, thc)
written54 = sum((o[k] - Dt[k]) @ Wo @ tot[k] for k in range(1, T + 1))
R.line(54, close(written54, num_L))
print("  (info) line 54 equals T * dhatL/dw_h:", close(written54, T * num_L))
R.done()
