"""FD check of morris-frank/uvadlc_practicals_2019 frank_assignment_2.tex (UvA DL 2019, assignment 2, 1.1 RNN derivatives).

Forward model of the assignment (column vectors, one sequence, loss on the last step only):
  h^(t) = tanh(W_hx x^(t) + W_hh h^(t-1) + b_h),  h^(0) = 0,
  p^(t) = W_ph h^(t) + b_p,  yhat^(t) = softmax(p^(t)),  L = -sum_k y_k log yhat_k^(T)  (y one-hot).
Tensor shorthand used by the report is read index-wise:
  dp/dW_ph = h^(T)            means  dp_i/d(W_ph)_{ab} = delta_{ia} h_b
  (d/dW_hh W_hh) h^(T-1)       means  delta_{ia} h^(T-1)_b
  (1 - h^2) . (...)            means  elementwise factor (1 - h_i^2) on output index i.
"""
import numpy as np

rng = np.random.default_rng(11)
dx, nh, K, T = 3, 4, 5, 4
Whx = rng.normal(size=(nh, dx)) * 0.7
Whh = rng.normal(size=(nh, nh)) * 0.7
Wph = rng.normal(size=(K, nh)) * 0.7
bh = rng.normal(size=nh) * 0.3
bp = rng.normal(size=K) * 0.3
xs = rng.normal(size=(T, dx))
y = np.eye(K)[2]


def rep(line, a, b, tol=1e-6):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, atol=tol, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")


def jac(f, a0, eps=1e-6):
    """J[out..., in...] = d f(a) / d a by central differences"""
    f0 = np.asarray(f(a0))
    J = np.zeros(f0.shape + a0.shape)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps
        am = a0.copy(); am[idx] -= eps
        J[(Ellipsis,) + idx] = (np.asarray(f(ap)) - np.asarray(f(am))) / (2 * eps)
    return J


def softmax(p):
    e = np.exp(p - p.max()); return e / e.sum()


def hidden(Whh=Whh, upto=T):
    h = np.zeros(nh); hs = [h]
    for t in range(upto):
        h = np.tanh(Whx @ xs[t] + Whh @ h + bh); hs.append(h)
    return hs


hs = hidden(); hT, hT1 = hs[T], hs[T - 1]
p = Wph @ hT + bp
yh = softmax(p)
Lp = lambda pp: -np.sum(y * np.log(softmax(pp)))
L_Wph = lambda W: Lp(W @ hT + bp)
L_Whh = lambda W: Lp(Wph @ hidden(W)[T] + bp)

dL_dp = jac(Lp, p)                             # (K,)
dyh_dp = jac(softmax, p)                       # (K, K): [j, i] = d yhat_j / d p_i
dp_dWph = jac(lambda W: W @ hT + bp, Wph)      # (K, K, nh)
dL_dWph = jac(L_Wph, Wph)

# line 25: dL/dW_ph = dL/dp dp/dW_ph  (contraction over p)
rep(25, np.einsum('i,iab->ab', dL_dp, dp_dWph), dL_dWph)
# line 31: dL/dp_i = -sum_j y_j dlog yhat_j / dp_i
dlogyh_dp = jac(lambda pp: np.log(softmax(pp)), p)
rep(31, -np.einsum('j,ji->i', y, dlogyh_dp), dL_dp)
# line 33: = -sum_j y_j / yhat_j  dyhat_j/dp_i
rep(33, -np.einsum('j,ji->i', y / yh, dyh_dp), dL_dp)
# line 34: = -y_i(1 - yhat_i) - sum_{j != i} y_j/yhat_j (-yhat_i yhat_j)
l33 = np.array([-y[i] * (1 - yh[i]) - sum(y[j] / yh[j] * (-yh[i] * yh[j]) for j in range(K) if j != i) for i in range(K)])
rep(34, l33, dL_dp)
# line 35: = -y_i + y_i yhat_i + yhat_i sum_{j != i} y_j
l34 = np.array([-y[i] + y[i] * yh[i] + yh[i] * sum(y[j] for j in range(K) if j != i) for i in range(K)])
rep(35, l34, dL_dp)
# line 36: = yhat_i (y_i + sum_{j != i} y_j) - y_i
l35 = np.array([yh[i] * (y[i] + sum(y[j] for j in range(K) if j != i)) - y[i] for i in range(K)])
rep(36, l35, dL_dp)
# line 37: = yhat_i - y_i
rep(37, yh - y, dL_dp)
# line 39: dL/dp = p - y   (as written: the logits p, not yhat)
rep(39, p - y, dL_dp)
# line 42: sum_i y_i = 1 (one-hot target)
rep(42, y.sum(), 1.0)
# line 46: dp/dW_ph = h^(T)   read as dp_i/dW_ab = delta_ia h_b
rep(46, np.einsum('ia,b->iab', np.eye(K), hT), dp_dWph)
# line 52: dL/dW_ph = (p - y) . h^(T)   (as written; outer product reading)
rep(52, np.outer(p - y, hT), dL_dWph)
print("info: with yhat instead of p, (yhat - y) h^(T)^T matches:", np.allclose(np.outer(yh - y, hT), dL_dWph, atol=1e-6))

# line 58: dL/dW_hh = dL/dyhat dyhat/dp dp/dh^(T) dh^(T)/dW_hh
dL_dyh = jac(lambda v: -np.sum(y * np.log(v)), yh)               # (K,)
dp_dh = jac(lambda h: Wph @ h + bp, hT)                          # (K, nh)
dhT_dWhh = jac(lambda W: hidden(W)[T], Whh)                      # (nh, nh, nh)
dL_dWhh = jac(L_Whh, Whh)
rep(58, np.einsum('j,ji,ik,kab->ab', dL_dyh, dyh_dp, dp_dh, dhT_dWhh), dL_dWhh)
# line 60: dh^(T)/dW_hh = (1 - h^(T)^2) . d/dW_hh [W_hh h^(T-1)]   (h^(T-1) depends on W_hh too)
d_Wh = jac(lambda W: W @ hidden(W)[T - 1], Whh)                  # (nh, nh, nh)
g = 1 - hT ** 2
rep(60, g[:, None, None] * d_Wh, dhT_dWhh)
# line 62: product rule  [(dW/dW) h^(T-1) + W_hh dh^(T-1)/dW_hh]
dhT1_dWhh = jac(lambda W: hidden(W)[T - 1], Whh)
dW_dW_h = np.einsum('ia,b->iab', np.eye(nh), hT1)                # (d/dW_hh W_hh) h^(T-1)
rep(62, g[:, None, None] * (dW_dW_h + np.einsum('ik,kab->iab', Whh, dhT1_dWhh)), dhT_dWhh)
# line 63: = (1 - h^2) . (h^(T-1) + W_hh dh^(T-1)/dW_hh), h^(T-1) standing for delta_ia h^(T-1)_b
rep(63, g[:, None, None] * (np.einsum('ia,b->iab', np.eye(nh), hT1) + np.einsum('ik,kab->iab', Whh, dhT1_dWhh)), dhT_dWhh)
