#!/usr/bin/env python3
"""Finite-difference check of ko_aimath_rnn_bptt.md (Korean "AIMath" notes, BPTT block).

Author's forward (row vectors): H_t = sigma(X_t W_X + H_{t-1} W_H + b), O_t = H_t W^(2) + b^(2);
here sigma = tanh, l(y_t, o_t) = 0.5 ||o_t - y_t||^2, L = sum_{t=1}^T l, h_0 given.
Generic notation of the BPTT block: h_t = f(x_t, h_{t-1}, w_h), o_t = g(h_t, w_o), w_h = W_H
(the recurrent weight, flattened), w_o = W^(2).  Output size q = hidden size so that the author's
g(h_t, w_h) (w_h in the place of w_o) can be evaluated literally.  Jacobians are 'numerator layout'
(d out / d in), so chain products read left to right from the loss.
"""
import numpy as np

rng = np.random.default_rng(3)
T, D, Hd = 4, 3, 3
q = Hd
X = rng.normal(size=(T + 1, D))          # X[1..T] used
Y = rng.normal(size=(T + 1, q))
WX = rng.normal(scale=0.7, size=(D, Hd))
WH = rng.normal(scale=0.7, size=(Hd, Hd))
b = rng.normal(scale=0.2, size=Hd)
W2 = rng.normal(scale=0.7, size=(Hd, q))
b2 = rng.normal(scale=0.2, size=q)
h0 = rng.normal(scale=0.5, size=Hd)

f = lambda x, hprev, WH_: np.tanh(x @ WX + hprev @ WH_ + b)
g = lambda h, w: h @ w + b2


def run(WH_):
    hs = [h0]
    for t in range(1, T + 1):
        hs.append(f(X[t], hs[-1], WH_))
    os_ = [None] + [g(hs[t], W2) for t in range(1, T + 1)]
    L = sum(0.5 * np.sum((os_[t] - Y[t]) ** 2) for t in range(1, T + 1))
    return L, hs, os_


def jac(fun, x0, eps=1e-6):
    x0 = np.asarray(x0, float)
    y0 = np.asarray(fun(x0))
    J = np.zeros((y0.size, x0.size))
    for k in range(x0.size):
        e = np.zeros(x0.size); e[k] = eps
        J[:, k] = (np.ravel(fun(x0 + e.reshape(x0.shape))) - np.ravel(fun(x0 - e.reshape(x0.shape)))) / (2 * eps)
    return J


L0, hs, os_ = run(WH)
dL_dwh_num = jac(lambda w: run(w)[0], WH).ravel()                       # true dL/dw_h
dh_dwh_num = {t: jac(lambda w, t=t: run(w)[1][t], WH) for t in range(1, T + 1)}   # true dh_t/dw_h

# local partials, other arguments held fixed
loc_w = {i: jac(lambda w, i=i: f(X[i], hs[i - 1], w), WH) for i in range(1, T + 1)}     # d_{w_h} f(x_i,h_{i-1},w_h)
loc_h = {j: jac(lambda hp, j=j: f(X[j], hp, WH), hs[j - 1]) for j in range(1, T + 1)}   # d_{h_{j-1}} f(x_j,h_{j-1},w_h)
dl_do = {t: (os_[t] - Y[t]) for t in range(1, T + 1)}                                   # d_{o_t} l (row)


def report(line, err):
    print(f"line {line}: " + ("OK" if err < 1e-6 else f"MISMATCH (max err {err:.3e})"))

# line 24 as written: sum_t d_{o_t} l  d_{h_t} g(h_t, w_h) [d_{w_h} h_t]   (w_h in g's second slot)
dg_dh_as_written = {t: jac(lambda h: g(h, WH), hs[t]) for t in range(1, T + 1)}
rhs24 = sum(dl_do[t] @ dg_dh_as_written[t] @ dh_dwh_num[t] for t in range(1, T + 1))
report(24, np.max(np.abs(rhs24 - dL_dwh_num)))

# line 25 as written: d_{w_h}h_t = d_{w_h}f(x_t,..) + sum_{i=1}^{t-1} ( prod_{j=t+1}^{t} d_{h_{j-1}} f ) d_{w_h} f(x_i,..)
# the product over j = t+1..t is empty (identity matrix)
err25 = 0.0
for t in range(1, T + 1):
    rhs = loc_w[t].copy()
    for i in range(1, t):
        P = np.eye(Hd)
        for j in range(t + 1, t + 1):          # j = t+1, ..., t : empty, P stays the identity
            P = loc_h[j] @ P
        rhs = rhs + P @ loc_w[i]
    err25 = max(err25, np.max(np.abs(rhs - dh_dwh_num[t])))
report(25, err25)

# info only (not an annotated line): the same sum with the product index j = i+1..t matches
err_fix = 0.0
for t in range(1, T + 1):
    rhs = loc_w[t].copy()
    for i in range(1, t):
        P = np.eye(Hd)
        for j in range(t, i, -1):
            P = P @ loc_h[j]
        rhs = rhs + P @ loc_w[i]
    err_fix = max(err_fix, np.max(np.abs(rhs - dh_dwh_num[t])))
print(f"# info: line 25 with prod_(j=i+1)^t instead: max err {err_fix:.3e}")
rhs24_fix = sum(dl_do[t] @ jac(lambda h: g(h, W2), hs[t]) @ dh_dwh_num[t] for t in range(1, T + 1))
print(f"# info: line 24 with g(h_t, w_o): max err {np.max(np.abs(rhs24_fix - dL_dwh_num)):.3e}")
