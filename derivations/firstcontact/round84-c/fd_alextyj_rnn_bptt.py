# FD check of alextyj_rnn_bptt.md (linear RNN, column vectors, l = 0.5||o_t - y_t||^2, L = (1/T) sum_t l)
import numpy as np
rng = np.random.default_rng(0)
d, h, q, T = 3, 4, 2, 5
Whx = rng.normal(size=(h, d)) * 0.7; Whh = rng.normal(size=(h, h)) * 0.5; Wqh = rng.normal(size=(q, h))
X = rng.normal(size=(T + 1, d)); Y = rng.normal(size=(T + 1, q)); h0 = rng.normal(size=h)

def forward(Whx, Whh, Wqh, hstart=None, tstart=1):
    H = {0: h0.copy()}; O = {}
    for t in range(1, T + 1):
        if hstart is not None and t == tstart:
            H[t] = hstart.copy()                 # inject h_t (for total dL/dh_t)
        else:
            H[t] = Whx @ X[t] + Whh @ H[t - 1]  # line 8
        O[t] = Wqh @ H[t]                        # line 9
    L = sum(0.5 * np.sum((O[t] - Y[t]) ** 2) for t in range(1, T + 1)) / T  # line 10
    return L, H, O

L, H, O = forward(Whx, Whh, Wqh)
eps = 1e-6
def num_grad(f, A):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += eps; Am = A.copy(); Am[idx] -= eps
        G[idx] = (f(Ap) - f(Am)) / (2 * eps)
    return G
def rep(name, a, b):
    err = np.max(np.abs(a - b)); print(f"{name:45s} max|diff| = {err:.2e}  -> {'AGREE' if err < 1e-6 else 'DISAGREE'}")

# line 24: dL/do_t = dl/do_t / T
dO = {t: (O[t] - Y[t]) / T for t in range(1, T + 1)}
for t in (1, T):
    num = num_grad(lambda o: 0.5 * np.sum((o - Y[t]) ** 2) / T, O[t])
    rep(f"line 24 dL/do_{t}", dO[t], num)
# line 30: dL/dWqh = sum_t dL/do_t h_t^T
rep("line 30 dL/dW_qh", sum(np.outer(dO[t], H[t]) for t in range(1, T + 1)), num_grad(lambda W: forward(Whx, Whh, W)[0], Wqh))
# total dL/dh_t by FD (perturb h_t, propagate forward)
dH_num = {t: num_grad(lambda v: forward(Whx, Whh, Wqh, hstart=v, tstart=t)[0], H[t]) for t in range(1, T + 1)}
# line 41: dL/dh_T = Wqh^T dL/do_T
dH = {T: Wqh.T @ dO[T]}
rep("line 41 dL/dh_T", dH[T], dH_num[T])
# line 47: recursion
for t in range(T - 1, 0, -1):
    dH[t] = Whh.T @ dH[t + 1] + Wqh.T @ dO[t]
rep("line 47 dL/dh_t recursion (all t<T)", np.array([dH[t] for t in range(1, T)]), np.array([dH_num[t] for t in range(1, T)]))
# line 53: closed form sum_{i=t}^T (Whh^T)^{T-i} Wqh^T dL/do_{T+t-i}
closed = {t: sum(np.linalg.matrix_power(Whh.T, T - i) @ Wqh.T @ dO[T + t - i] for i in range(t, T + 1)) for t in range(1, T + 1)}
rep("line 53 closed form dL/dh_t (all t)", np.array([closed[t] for t in range(1, T + 1)]), np.array([dH_num[t] for t in range(1, T + 1)]))
# lines 60 / 63
rep("line 60 dL/dW_hx = sum dL/dh_t x_t^T", sum(np.outer(dH[t] if t < T else dH[T], X[t]) for t in range(1, T + 1)), num_grad(lambda W: forward(W, Whh, Wqh)[0], Whx))
rep("line 63 dL/dW_hh = sum dL/dh_t h_{t-1}^T", sum(np.outer(dH[t], H[t - 1]) for t in range(1, T + 1)), num_grad(lambda W: forward(Whx, W, Wqh)[0], Whh))
