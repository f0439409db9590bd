# Finite-difference check of rnn_wayne82.md (Wayne Wang, RNN and BPTT).
# Forward (1): h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), z_t = W_hy h_t + b_y, yhat_t = softmax(z_t)
# Loss (2)(3): L = sum_t -y_t . log(yhat_t), y_t one-hot, column vectors, h_0 a fixed constant (nonzero here).
import numpy as np
rng = np.random.default_rng(1)
ok_all = True
def report(line, name, a, n, expect=True):
    global ok_all
    err = np.max(np.abs(a - n)) / max(1e-8, np.max(np.abs(n)))
    agrees = err < 1e-5
    tag = "AGREES" if agrees else "DISAGREES"
    if agrees != expect: ok_all = False
    print(f"line {line:>4} {name:38s} rel.err {err:.2e}  {tag}  (expected {'pass' if expect else 'fail'})")

def run(H, D, K, T):
    P = dict(Whh=rng.normal(size=(H, H))*0.6, Wxh=rng.normal(size=(H, D)), bh=rng.normal(size=(H, 1))*0.2,
             Why=rng.normal(size=(K, H)), by=rng.normal(size=(K, 1)))
    xs = [rng.normal(size=(D, 1)) for _ in range(T)]
    ys = [np.eye(K)[:, [rng.integers(K)]] for _ in range(T)]
    h0 = rng.normal(size=(H, 1))   # constant initial state (nonzero, so the k=1 term of (10) is not trivially 0)
    def fwd():
        h = h0; hs = [h]; ps = []; L = 0.0
        for t in range(T):
            h = np.tanh(P["Whh"] @ h + P["Wxh"] @ xs[t] + P["bh"]); hs.append(h)
            z = P["Why"] @ h + P["by"]; p = np.exp(z - z.max()); p /= p.sum(); ps.append(p)
            L += -float((ys[t].T @ np.log(p))[0, 0])
        return L, hs, ps
    return P, xs, ys, fwd

def fd(f, arr, eps=1e-6):
    g = np.zeros_like(arr)
    for i in np.ndindex(arr.shape):
        o = arr[i]; arr[i] = o+eps; a = f(); arr[i] = o-eps; b = f(); arr[i] = o; g[i] = (a-b)/(2*eps)
    return g

H, D, K, T = 3, 2, 4, 3
P, xs, ys, fwd = run(H, D, K, T)
L, hs, ps = fwd()
Lf = lambda: fwd()[0]
# (4), (5)
dWhy = sum((ps[t] - ys[t]) @ hs[t+1].T for t in range(T))
dby = sum((ps[t] - ys[t]) for t in range(T))
report(67, "(4) dL/dW_hy = sum (yhat-y) h^T", dWhy, fd(Lf, P["Why"]))
report(74, "(5) dL/db_y = sum (yhat-y)", dby, fd(Lf, P["by"]))
report(64, "dL/dW_hy = sum_t dL_t/dW_hy", dWhy, fd(Lf, P["Why"]))
# line 79: dL_t/dz_t = yhat_t - y_t  (check last step, z perturbed through b_y only at t=T)
t = T-1
def Lt_z(dz):
    h = hs[t+1]; z = P["Why"] @ h + P["by"] + dz; p = np.exp(z-z.max()); p /= p.sum()
    return -float((ys[t].T @ np.log(p))[0, 0])
dz0 = np.zeros((K, 1)); report(79, "dL_t/dz_t = yhat_t - y_t", ps[t]-ys[t], fd(lambda: Lt_z(dz0), dz0))

# Jacobians
D_ = [None] + [np.diagflat(1 - hs[j]**2) for j in range(1, T+1)]     # f'(a_j) as diagonal
J = lambda j: D_[j] @ P["Whh"]                                        # line 166: dh_j/dh_{j-1}
def h_of(t_, k, hk):   # h_t as function of h_k (k<t)
    h = hk
    for j in range(k+1, t_+1):
        h = np.tanh(P["Whh"] @ h + P["Wxh"] @ xs[j-1] + P["bh"])
    return h
def jac_h(t_, k):
    hk = hs[k].copy(); Jn = np.zeros((H, H))
    for i in range(H):
        e = np.zeros((H, 1)); e[i] = 1e-6
        Jn[:, [i]] = (h_of(t_, k, hk+e) - h_of(t_, k, hk-e)) / 2e-6
    return Jn
report(166, "dh_j/dh_{j-1} = f'(.) . W_hh (diag f')", J(3), jac_h(3, 2))
prodJ = lambda t_, k: (np.linalg.multi_dot([J(j) for j in range(t_, k, -1)]) if t_-k > 1 else (J(t_) if t_-k == 1 else np.eye(H)))
report(175, "prod_{j=k+1}^t dh_j/dh_{j-1}", prodJ(3, 1), jac_h(3, 1))

# immediate partial dh_k/dW_hh (h_{k-1} held fixed): tensor [H, H, H]
def imm(k):
    G = np.zeros((H, H, H))
    for a in range(H):
        for b in range(H):
            G[:, a, b] = D_[k][:, a] * hs[k-1][b, 0]
    return G
def total_fd(t_):
    G = np.zeros((H, H, H))
    W = P["Whh"]
    for a in range(H):
        for b in range(H):
            o = W[a, b]; W[a, b] = o+1e-6; hp = fwd()[1][t_]; W[a, b] = o-1e-6; hm = fwd()[1][t_]; W[a, b] = o
            G[:, a, b] = ((hp - hm) / 2e-6)[:, 0]
    return G
tt = 3
TOT = total_fd(tt)
ap = lambda M, G: np.einsum("ij,jab->iab", M, G)
eq7 = sum(ap(prodJ(tt, k), imm(k)) for k in range(1, tt+1))
report(95, "(7) sum_k dh_t/dh_k . (immediate) dh_k/dW", eq7, TOT)
report(129, "(10) compact sum_k (prod J) dh_k/dW", eq7, TOT)
# (8) read as: total = immediate + J_t . total_{t-1}
TOT2 = total_fd(2)
report(105, "(8) total = immediate + J_t total_{t-1}", imm(3) + ap(J(3), TOT2), TOT)
report(102, "chain rule over u=W_hh, v=h_{t-1}", imm(3) + ap(J(3), TOT2), TOT)
# (10) expanded, as written: last term  dh_t/dh_{t-1} ... dh_t/dh_1 . dh_1/dW  (last factor dh_t/dh_1, not dh_2/dh_1)
written = imm(3) + ap(J(3), imm(2)) + ap(J(3) @ jac_h(3, 1), imm(1))
report(128, "(10) expanded, as written (dh_t/dh_1)", written, TOT, expect=False)

# (11): dL/dW_hh = sum_t [(yhat_t - y_t) . W_hy^T] . dh_t/dW_hh
dWhh_fd = fd(Lf, P["Whh"])
tots = {t_: total_fd(t_) for t_ in range(1, T+1)}
correct = sum(np.einsum("i,iab->ab", (P["Why"].T @ (ps[t_-1]-ys[t_-1]))[:, 0], tots[t_]) for t_ in range(1, T+1))
report(141, "(11) with W_hy^T (yhat-y)  [corrected]", correct, dWhh_fd)
try:
    _ = (ps[0]-ys[0]) @ P["Why"].T
    print("line  140 (yhat-y).W_hy^T computable ??")
except ValueError as e:
    print(f"line  140 (yhat_t - y_t) . W_hy^T with K={K}, H={H}: shape error '{e}'  DISAGREES (expected fail)")
# same factor as a row vector when K == H, so it is computable: still wrong
H2 = K2 = 3
P2, xs2, ys2, fwd2 = run(H2, 2, K2, T)
L2, hs2, ps2 = fwd2()
def tot2(t_):
    G = np.zeros((H2, H2, H2)); W = P2["Whh"]
    for a in range(H2):
        for b in range(H2):
            o = W[a, b]; W[a, b] = o+1e-6; hp = fwd2()[1][t_]; W[a, b] = o-1e-6; hm = fwd2()[1][t_]; W[a, b] = o
            G[:, a, b] = ((hp-hm)/2e-6)[:, 0]
    return G
written11 = sum(np.einsum("i,iab->ab", ((ps2[t_-1]-ys2[t_-1]).T @ P2["Why"].T)[0], tot2(t_)) for t_ in range(1, T+1))
report(141, "(11) as written, row (yhat-y)^T W_hy^T, K=H", written11, fd(lambda: fwd2()[0], P2["Whh"]), expect=False)
# (12), (13) use the same factor
def tot_param(name, t_):
    A = P2[name]; G = np.zeros((H2,) + A.shape)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o+1e-6; hp = fwd2()[1][t_]; A[i] = o-1e-6; hm = fwd2()[1][t_]; A[i] = o
        G[(slice(None),) + i] = ((hp-hm)/2e-6)[:, 0]
    return G
for line, name in [(147, "Wxh"), (152, "bh")]:
    w = sum(np.tensordot(((ps2[t_-1]-ys2[t_-1]).T @ P2["Why"].T)[0], tot_param(name, t_), axes=1) for t_ in range(1, T+1))
    c = sum(np.tensordot((P2["Why"].T @ (ps2[t_-1]-ys2[t_-1]))[:, 0], tot_param(name, t_), axes=1) for t_ in range(1, T+1))
    g = fd(lambda: fwd2()[0], P2[name])
    report(line, f"({12 if name=='Wxh' else 13}) as written, K=H", w, g, expect=False)
    report(line, f"({12 if name=='Wxh' else 13}) with W_hy^T (yhat-y) [corrected]", c, g)
# (186) bound with spectral norm
gam = max(np.max(1 - hs[j]**2) for j in range(1, T+1)); lam = np.linalg.norm(P["Whh"], 2)
lhs = np.linalg.norm(prodJ(3, 1), 2)
print(f"line  186 ||prod J|| = {lhs:.4f} <= (gamma*lambda)^(t-k) = {(gam*lam)**2:.4f}: {'AGREES' if lhs <= (gam*lam)**2 + 1e-12 else 'DISAGREES'}")
# derivative helpers 169-170
zz = rng.normal(size=5); e = 1e-6
report(169, "tanh' = 1 - tanh^2", 1-np.tanh(zz)**2, (np.tanh(zz+e)-np.tanh(zz-e))/(2*e))
sg = lambda v: 1/(1+np.exp(-v))
report(170, "sigmoid' = s(1-s)", sg(zz)*(1-sg(zz)), (sg(zz+e)-sg(zz-e))/(2*e))
print("ALL ROWS AS EXPECTED" if ok_all else "SOME ROWS NOT AS EXPECTED")
