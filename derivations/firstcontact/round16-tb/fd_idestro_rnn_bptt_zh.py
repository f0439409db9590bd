"""FD checks for idestro_rnn_bptt_zh.md (column vectors, net_t = U x_t + W s_{t-1}, s_t = f(net_t), f = tanh here
(the notes keep f generic), E an error measured at the last step t only: E = g(s_t) with g a fixed random
cross-entropy on a softmax read-out, so E depends on net_k (k < t) only through net_t, as lines 122-126 assume).
Layer part (136-160): net_t^l = U a_t^{l-1} + W s_{t-1}, a_t^{l-1} = f^{l-1}(net_t^{l-1}), f^{l-1} = sigmoid."""
import numpy as np
from fd_common import num_grad, num_jac, softmax, sigmoid, check, summary

rng = np.random.default_rng(1)
m, n, K, T = 3, 4, 5, 4
U = rng.normal(size=(n, m)); W = rng.normal(size=(n, n)) * 0.8
xs = rng.normal(size=(T + 1, m)); s0 = np.tanh(rng.normal(size=n))
V = rng.normal(size=(K, n)); lab = np.zeros(K); lab[1] = 1.0
f = np.tanh
fp = lambda z: 1 - np.tanh(z) ** 2


def forward(pert=None):
    """pert = (k, dnet) adds dnet to net_k right after it is computed."""
    s = s0; nets = []; ss = [s0]
    for k in range(1, T + 1):
        net = U @ xs[k] + W @ s
        if pert is not None and pert[0] == k:
            net = net + pert[1]
        nets.append(net); s = f(net); ss.append(s)
    return nets, ss


def E_of(ss):
    return -lab @ np.log(softmax(V @ ss[-1]))


nets, ss = forward()
t = T
# line 6 / 12 / 52-53: forward definitions (elementwise form equals matrix form)
el = np.array([f(sum(U[j, i] * xs[t][i] for i in range(m)) + sum(W[j, i] * ss[t - 1][i] for i in range(n))) for j in range(n)])
check("12: elementwise expansion of s_t = f(Ux_t + W s_{t-1})", el, ss[t], "pass")
# line 58/63-75: dnet_t/ds_{t-1} = W ; 81-93: ds_{t-1}/dnet_{t-1} = diag f'(net_{t-1})
sp = ss[t - 1].copy()
check("63-75: dnet_t/ds_{t-1} = W", num_jac(lambda: U @ xs[t] + W @ sp, sp), W, "pass")
nv = nets[t - 2].copy()
check("81-93: ds_{t-1}/dnet_{t-1} = diag[f'(net_{t-1})]", num_jac(lambda: f(nv), nv), np.diag(fp(nets[t - 2])), "pass")
# line 108/109: dnet_t/dnet_{t-1} = W diag f'
def net_t_from(nv):
    return U @ xs[t] + W @ f(nv)
nv = nets[t - 2].copy()
Jnn = num_jac(lambda: net_t_from(nv), nv)
check("109: dnet_t/dnet_{t-1} = W diag[f'(net_{t-1})]", Jnn, W @ np.diag(fp(nets[t - 2])), "pass")
# line 110: the printed matrix: last column of rows 1 and 2 has f(...) instead of f'(...)
M110 = W * fp(nets[t - 2])[None, :]
M110[0, n - 1] = W[0, n - 1] * f(nets[t - 2][n - 1])
M110[1, n - 1] = W[1, n - 1] * f(nets[t - 2][n - 1])
check("110: printed matrix (w_{1n} f(net_n), w_{2n} f(net_n))", Jnn, M110, "fail")


# delta_k^T = dE/dnet_k (FD by perturbing net_k)
def dE_dnet(k):
    d = np.zeros(n)
    return num_grad(lambda: E_of(forward((k, d))[1]), d)


delta = {k: dE_dnet(k) for k in range(1, T + 1)}
k = 1
# line 123/124: dE/dnet_k = dE/dnet_t dnet_t/dnet_k (product of one-step Jacobians, t down to k+1)
P = np.eye(n)
for j in range(t, k, -1):              # dnet_j/dnet_{j-1} = W diag f'(net_{j-1})
    P = P @ (W @ np.diag(fp(nets[j - 2])))
check("123/124: delta_k^T = delta_t^T (prod of dnet_j/dnet_{j-1})", delta[k], delta[t] @ P, "pass")
# line 125: W diag[f'(net_{t-1})] W diag[f'(net_{t-2})] ... W diag[f'(net_k)] delta_t (column on the right)
P125 = np.eye(n)
for j in range(t - 1, k - 1, -1):
    P125 = P125 @ (W @ np.diag(fp(nets[j - 1])))
check("125: W diag(..) ... W diag(f'(net_k)) delta_t", delta[k], P125 @ delta[t], "fail")
# line 126: delta_t^T prod_{i=k}^{t-1} W diag[f'(net_i)], factors ordered i = t-1 (left) ... k (right)
check("126: delta_t^T prod_{i=k}^{t-1} W diag f'(net_i) (descending order)", delta[k], delta[t] @ P125, "pass")
Pasc = np.eye(n)
for j in range(k, t):
    Pasc = Pasc @ (W @ np.diag(fp(nets[j - 1])))
print("   (126 with the product taken in ascending order i = k .. t-1 differs by",
      np.abs(delta[t] @ Pasc - delta[k]).max(), "-> the descending reading is the one that holds)")
# justification of the 'error at step t only' reading: with E = sum of step errors, 123 fails
def E_sum(ss):
    return sum(-lab @ np.log(softmax(V @ s)) for s in ss[1:])
dsum = {kk: num_grad(lambda: E_sum(forward((kk, d))[1]), d := np.zeros(n)) for kk in (k, t)}
print("   with E = sum over steps, delta_k != delta_t^T dnet_t/dnet_k: diff",
      np.abs(dsum[k] - dsum[t] @ P).max())

# layered part (136-160)
nin = 3
Ul = rng.normal(size=(n, nin)); netlm1 = rng.normal(size=nin); sprev = np.tanh(rng.normal(size=n))
def netl(nv):
    return Ul @ sigmoid(nv) + W @ sprev
def E_l(nv):
    return -lab @ np.log(softmax(V @ f(netl(nv))))
nv = netlm1.copy()
dsig = sigmoid(netlm1) * (1 - sigmoid(netlm1))
check("151-152: dnet^l/dnet^{l-1} = U diag[f'^{l-1}(net^{l-1})]", num_jac(lambda: netl(nv), nv), Ul @ np.diag(dsig), "pass")
nl = netl(netlm1).copy()
delta_l = num_grad(lambda: -lab @ np.log(softmax(V @ f(nl))), nl)
delta_lm1 = num_grad(lambda: E_l(nv), nv)
check("160: (delta^{l-1})^T = (delta^l)^T U diag[f'^{l-1}(net^{l-1})]", delta_lm1, delta_l @ Ul @ np.diag(dsig), "pass")
summary()
