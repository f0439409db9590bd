"""Finite-difference check of zytea_dda3020_rnn_bptt.md.

Column vectors: a_t = W_hh h_{t-1} + W_xh x_t + b_h, h_t = tanh(a_t) (phi = tanh),
o_t = W_hy h_t + b_y, yhat_t = softmax(o_t), L_t = -sum_i y_{t,i} log yhat_{t,i}, E = sum_t L_t.
Pascanu reading of the chain-rule view: dh_t/dtheta on line 54 is the total derivative,
dh_k/dtheta inside the sum (line 60) the immediate one (h_{k-1} held fixed).
"""
import numpy as np

rng = np.random.default_rng(1)
H, D, K, T = 3, 2, 4, 5
Whh, Wxh, Why = rng.normal(scale=0.7, size=(H, H)), rng.normal(size=(H, D)), rng.normal(size=(K, H))
bh, by = rng.normal(scale=0.2, size=H), rng.normal(scale=0.2, size=K)
X = rng.normal(size=(T + 1, D))
Y = np.eye(K)[rng.integers(0, K, size=T + 1)]
phi, dphi = np.tanh, lambda a: 1 - np.tanh(a) ** 2


def fwd(Whh=Whh, Wxh=Wxh, Why=Why, bh=bh, by=by, h0=None, bump=None):
    h = np.zeros(H) if h0 is None else h0
    hs, As, Os, Ls = {0: h}, {}, {}, {}
    for t in range(1, T + 1):
        a = Whh @ h + Wxh @ X[t] + bh
        if bump and bump[0] == "a" and bump[1] == t:
            a = a + bump[2]
        h = phi(a)
        if bump and bump[0] == "h" and bump[1] == t:
            h = h + bump[2]
        o = Why @ h + by
        if bump and bump[0] == "o" and bump[1] == t:
            o = o + bump[2]
        p = np.exp(o - o.max()); p /= p.sum()
        hs[t], As[t], Os[t], Ls[t] = h, a, o, -Y[t] @ np.log(p)
    return sum(Ls.values()), hs, As, Os, Ls


E, hs, As, Os, Ls = fwd()
eps = 1e-6
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)


def fd_vec(f, n):
    g = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = eps
        g[j] = (f(e) - f(-e)) / (2 * eps)
    return g


def fd_mat(f, shape):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        G[idx] = (f(e) - f(-e)) / (2 * eps)
    return G


res = {}
# line 87: dh_j/dh_{j-1} = diag(phi'(a_j)) W_hh  (FD Jacobian of one step)
def step(hprev, t):
    return phi(Whh @ hprev + Wxh @ X[t] + bh)
J = {}
for j in range(1, T + 1):
    Jfd = np.column_stack([(step(hs[j - 1] + e, j) - step(hs[j - 1] - e, j)) / (2 * eps) for e in np.eye(H) * eps])
    J[j] = np.diag(dphi(As[j])) @ Whh
    assert close(Jfd, J[j])
res[87] = True
# lines 69/75/97: dh_t/dh_k = J_t J_{t-1} ... J_{k+1}
def h_after(hk, k, t):
    h = hk
    for s in range(k + 1, t + 1):
        h = step(h, s)
    return h
ok = True
for k in range(0, T):
    for t in range(k + 1, T + 1):
        Jfd = np.column_stack([(h_after(hs[k] + e, k, t) - h_after(hs[k] - e, k, t)) / (2 * eps) for e in np.eye(H) * eps])
        prod = np.eye(H)
        for j in range(t, k, -1):
            prod = prod @ J[j]
        ok &= close(Jfd, prod)
        if t - k >= 2:  # the literal ascending order is wrong: the rows hold only with J_t leftmost
            asc = np.eye(H)
            for j in range(k + 1, t + 1):
                asc = asc @ J[j]
            assert not close(Jfd, asc)
res[69] = res[75] = res[97] = ok
# line 110/123: delta^a_t = dE/da_t = (W_hy^T delta^o_t + W_hh^T delta^a_{t+1}) * phi'(a_t)
do = {t: fd_vec(lambda e, t=t: fwd(bump=("o", t, e))[4][t], K) for t in range(1, T + 1)}  # dL_t/do_t
da_fd = {t: fd_vec(lambda e, t=t: fwd(bump=("a", t, e))[0], H) for t in range(1, T + 2) if t <= T}
da_fd[T + 1] = np.zeros(H)
ok = True
for t in range(1, T + 1):
    ok &= close(da_fd[t], (Why.T @ do[t] + Whh.T @ da_fd[t + 1]) * dphi(As[t]))
res[123] = ok
# lines 143-159: parameter gradients
res[143] = close(fd_mat(lambda e: fwd(Why=Why + e)[0], Why.shape), sum(np.outer(do[t], hs[t]) for t in range(1, T + 1)))
res[147] = close(fd_vec(lambda e: fwd(by=by + e)[0], K), sum(do.values()))
res[151] = close(fd_mat(lambda e: fwd(Whh=Whh + e)[0], Whh.shape), sum(np.outer(da_fd[t], hs[t - 1]) for t in range(1, T + 1)))
res[155] = close(fd_mat(lambda e: fwd(Wxh=Wxh + e)[0], Wxh.shape), sum(np.outer(da_fd[t], X[t]) for t in range(1, T + 1)))
res[159] = close(fd_vec(lambda e: fwd(bh=bh + e)[0], H), sum(da_fd[t] for t in range(1, T + 1)))
# lines 51/55 (chain-rule view), theta = W_hh, for every t:
ok51 = ok55 = True
for t in range(1, T + 1):
    dLt_dW = fd_mat(lambda e: fwd(Whh=Whh + e)[4][t], Whh.shape)          # dL_t/dW_hh (total)
    dLt_dht = fd_vec(lambda e: fwd(bump=("h", t, e))[4][t], H)            # direct dL_t/dh_t
    dht_dW = np.stack([fd_mat(lambda e, i=i: fwd(Whh=Whh + e)[1][t][i], Whh.shape) for i in range(H)])  # total dh_t/dW
    ok51 &= close(dLt_dW, np.einsum("i,ijk->jk", dLt_dht, dht_dW))
    # sum_k dh_t/dh_k * (immediate dh_k/dW_hh) ; immediate: dh_k/dW_hh[i,j,l] = phi'(a_k)_i delta_ij h_{k-1,l}
    tot = np.zeros((H, H, H))
    for k in range(1, t + 1):
        prod = np.eye(H)
        for j in range(t, k, -1):
            prod = prod @ J[j]
        imm = np.einsum("ij,l->ijl", np.diag(dphi(As[k])), hs[k - 1])
        tot += np.einsum("ab,bjl->ajl", prod, imm)
    ok55 &= close(dht_dW, tot)
res[51], res[55] = ok51, ok55
# softmax/CE forward rows and definitions (lines 8-11, 30, 38, 40, 85, 86, 110, 120, 136) are definitions.
for line in sorted(res):
    print(line, "pass" if res[line] else "FAIL")
