# FD check of jishuzhan.net RNN BPTT article (stored text), numpy only.
# Forward (line 18), column vectors: h_t = sigma(W_xh x_t + W_hh h_{t-1} + b_h), sigma = tanh,
#   o_t = W_hy h_t + b_y, yhat_t = softmax(o_t); loss (line 20): L = sum_t L_t, L_t = -sum_i y_{t,i} log yhat_{t,i}
import numpy as np
rng = np.random.default_rng(2)
din, dh, dout, T = 3, 4, 5, 4
Wxh = rng.normal(size=(dh, din)); Whh = rng.normal(size=(dh, dh)) * 0.7; bh = rng.normal(size=(dh, 1))
Why = rng.normal(size=(dout, dh)); by = rng.normal(size=(dout, 1))
X = [rng.normal(size=(din, 1)) for _ in range(T)]
Yl = [np.eye(dout)[:, [rng.integers(dout)]] for _ in range(T)]   # one-hot targets
h0 = np.zeros((dh, 1))
sm = lambda o: np.exp(o - o.max()) / np.exp(o - o.max()).sum()

def forward(P=None, hpert=None, opert=None):
    P = P or {}
    A = {k: P.get(k, v) for k, v in dict(Wxh=Wxh, Whh=Whh, bh=bh, Why=Why, by=by).items()}
    h = h0; hs, os, Lt = [], [], []
    for t in range(T):
        h = np.tanh(A['Wxh'] @ X[t] + A['Whh'] @ h + A['bh'])
        if hpert and hpert[0] == t: h = h + hpert[1]
        o = A['Why'] @ h + A['by']
        if opert and opert[0] == t: o = o + opert[1]
        Lt.append(float(-np.sum(Yl[t] * np.log(sm(o))))); hs.append(h); os.append(o)
    return sum(Lt), Lt, hs, os

L, Lt, hs, os = forward()
eps = 1e-6
def fd(fun, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps; g[idx] = (fun(e) - fun(-e)) / (2 * eps)
    return g

# line 37: dL_t/do_t = yhat_t - y_t
ok37 = all(np.allclose(sm(os[t]) - Yl[t], fd(lambda e: forward(opert=(t, e))[1][t], (dout, 1)), atol=1e-6) for t in range(T))
print("line 37 dL_t/do_t = yhat_t - y_t:", ok37)
# line 26: dL/dW = sum_t dL_t/dW (checked for W_hh)
tot = fd(lambda e: forward(P=dict(Whh=Whh + e))[0], (dh, dh))
parts = sum(fd(lambda e, t=t: forward(P=dict(Whh=Whh + e))[1][t], (dh, dh)) for t in range(T))
print("line 26 dL/dW = sum_t dL_t/dW:", np.allclose(tot, parts, atol=1e-6))
# line 42: delta_t = dL_t/dh_t = (do_t/dh_t)^T dL_t/do_t + (dh_{t+1}/dh_t)^T delta_{t+1}
delta = [None] * T
for t in range(T - 1, -1, -1):
    d = Why.T @ (sm(os[t]) - Yl[t])
    if t + 1 < T:
        d = d + Whh.T @ ((1 - hs[t + 1] ** 2) * delta[t + 1])     # (dh_{t+1}/dh_t)^T delta_{t+1}
    delta[t] = d
fd_total = [fd(lambda e, t=t: forward(hpert=(t, e))[0], (dh, 1)) for t in range(T)]
fd_local = [fd(lambda e, t=t: forward(hpert=(t, e))[1][t], (dh, 1)) for t in range(T)]
print("line 42 RHS == delta_t = dL/dh_t (line 29 definition), all t:", all(np.allclose(delta[t], fd_total[t], atol=1e-6) for t in range(T)))
print("line 42 middle member dL_t/dh_t == RHS, t = T (last step):", np.allclose(delta[T - 1], fd_local[T - 1], atol=1e-6))
print("line 42 middle member dL_t/dh_t == RHS, t < T:", [bool(np.allclose(delta[t], fd_local[t], atol=1e-6)) for t in range(T - 1)],
      "-> the equality delta_t = dL_t/dh_t is false for t < T (it only holds at t = T)")
