"""FD check of yuqiii-wang KnowledgeNotes rnn_and_lstm.md (transcribed in yuqiiiwang_rnn_gru_lstm_notes.md).
Column vectors. RNN: h_t = tanh(W_h x_t + U_h h_{t-1} + b_h), z_t = W_z h_t + b_z, yhat_t = softmax(z_t),
L_t = -y_t^T log yhat_t (y_t one-hot), L = sum_t L_t.  The undefined symbol h_z in rows 97-177 is read as W_z
(the section is 'Exampled on W_z and b_z Updates' and the result is used to update W_z).
LSTM back-prop rows: e = ||y - h_t||^2 on one step, sigma_h = tanh."""
import numpy as np
rng = np.random.default_rng(2)
d, h, n, T = 3, 4, 5, 3
sm = lambda a: np.exp(a - a.max()) / np.exp(a - a.max()).sum()
Wh = rng.normal(size=(h, d)) * .6; Uh = rng.normal(size=(h, h)) * .6; bh = rng.normal(size=h) * .2
Wz = rng.normal(size=(n, h)) * .6; bz = rng.normal(size=n) * .2
X = rng.normal(size=(T, d)); lab = rng.integers(0, n, size=T); Y = np.eye(n)[lab]
eps = 1e-6
def rep(line, a, b):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}" + ("" if np.shape(a) == np.shape(b) else f"  (shape {np.shape(a)} vs {np.shape(b)})"))

def fwd(Wz=Wz, bz=bz, Uh=Uh):
    hp = np.zeros(h); L = 0.0; H_, Z_, P_ = [], [], []
    for t in range(T):
        ht = np.tanh(Wh @ X[t] + Uh @ hp + bh); zt = Wz @ ht + bz; p = sm(zt)
        L += -Y[t] @ np.log(p); H_.append(ht); Z_.append(zt); P_.append(p); hp = ht
    return L, H_, Z_, P_
def fd(fun, base):
    g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        p = base.copy(); p[idx] += eps; m = base.copy(); m[idx] -= eps
        g[idx] = (fun(p) - fun(m)) / (2 * eps)
    return g

L, Hs, Zs, Ps = fwd()
t = T - 1; yv, p, ht, zt = Y[t], Ps[t], Hs[t], Zs[t]; istar = lab[t]
# forward rows (definitions) -- checked for internal consistency
rep(53, Hs[1], np.tanh(Wh @ X[1] + Uh @ Hs[0] + bh)); rep(54, zt, Wz @ ht + bz); rep(55, p, sm(zt))
Lt = -yv @ np.log(p); rep(56, Lt, -yv @ np.log(p)); rep(57, L, sum(-Y[k] @ np.log(Ps[k]) for k in range(T)))
rep(79, Lt, -np.log(p[istar])); rep(81, Lt, -np.sum(yv * np.log(p))); rep(83, Lt, -np.log(p[istar]))
gWz = fd(lambda W: fwd(Wz=W)[0], Wz); gbz = fd(lambda bb: fwd(bz=bb)[0], bz)
eta = 0.1
# row 97: W_z <- sum_t eta dL_t/dh_z + W_z (noise dropped), with dL_t/dh_z = (yhat_t - y_t) W_z as the note concludes (row 177)
upd_W = sum(eta * ((Ps[k] - Y[k]) @ Wz) for k in range(T))      # shape (h,), broadcast onto W_z
rep(97, np.broadcast_to(upd_W, Wz.shape), -eta * gWz)              # a descent step needs -eta dL/dW_z
rep(100, upd_W, -eta * gbz)
# row 110 / 170: chain rule dL_t/dW_z = dL_t/dyhat * dyhat/dz * dz/dW_z (evaluated as tensors, loss L_t at t=T-1)
gWz_t = fd(lambda W: -yv @ np.log(sm(W @ ht + bz)), Wz)            # h_t fixed; W_z enters L_t only through z_t
dL_dyhat = -yv / p; J = np.diag(p) - np.outer(p, p)
dz_dW = np.zeros((n, n, h));
for a in range(n): dz_dW[a, a, :] = ht
chain = np.einsum('i,ij,jab->ab', dL_dyhat, J, dz_dW)
rep(110, chain, gWz_t); rep(170, chain, gWz_t)
rep(174, np.einsum('j,jab->ab', p - yv, dz_dW), gWz_t)
rep(177, (p - yv) @ Wz, gWz_t)
print("  (info) (yhat - y) W_z equals dL_t/dh_t:", np.allclose((p - yv) @ Wz, fd(lambda v: -yv @ np.log(sm(Wz @ v + bz)), ht)))
# row 120: dL_t/dyhat_i  vs  -sum_i y_i dlog yhat_i/dz_j (= -(y_j - yhat_j)), compared at i = j = true class
dL_dyhat_fd = fd(lambda q: -yv @ np.log(q), p)
rhs120 = -(yv - p)
rep(120, dL_dyhat_fd[istar], rhs120[istar])
# row 129: the vector dL_t/dyhat with entry dlog yhat_{i*}/dz_{j} (j = i*) at the true class, zeros elsewhere
v129 = np.zeros(n); v129[istar] = 1 - p[istar]
rep(129, v129, dL_dyhat_fd)
# rows 140-161: d/dz_j ( -log softmax(z)_i ); rows 140-150 hold for any i, j; rows 158/161 are the i = j case
def dneglog(i, j): return fd(lambda zz: -np.log(sm(zz))[i], zt)[j]
S = np.exp(zt).sum()
for (i, j) in [(1, 1), (1, 3)]:
    true = dneglog(i, j); dij = 1.0 if i == j else 0.0
    r140 = fd(lambda zz: -np.log(np.exp(zz[i]) / np.exp(zz).sum()), zt)[j]
    r142 = fd(lambda zz: -(np.log(np.exp(zz[i])) - np.log(np.exp(zz).sum())), zt)[j]
    r144 = fd(lambda zz: -(zz[i] - np.log(np.exp(zz).sum())), zt)[j]
    r146 = fd(lambda zz: np.log(np.exp(zz).sum()), zt)[j] - dij
    r148 = np.exp(zt[j]) / S - dij
    r150 = (1 / S) * fd(lambda zz: np.exp(zz).sum(), zt)[j] - dij
    for ln, v in [(140, r140), (142, r142), (144, r144), (146, r146), (148, r148), (150, r150)]:
        if (i, j) == (1, 3): ln_tag = ln
        rep(ln, v, true) if (i, j) == (1, 3) else None
    if i == j:
        rep(153, fd(lambda zz: zz[i], zt)[j], dij)
        rep(158, np.exp(zt[i]) / S - 1, true); rep(161, p[i] - 1, true)
# LSTM forward + row 273 (one step, sigma_h = tanh, e = ||y - h||^2)
sg = lambda a: 1 / (1 + np.exp(-a))
Wf, Wi, Wo, Wc = (rng.normal(size=(h, d)) * .6 for _ in range(4)); Uf, Ui, Uo, Uc = (rng.normal(size=(h, h)) * .6 for _ in range(4))
x1, hprev, cprev, ytar = rng.normal(size=d), rng.normal(size=h), rng.normal(size=h), rng.normal(size=h)
ft = sg(Wf @ x1 + Uf @ hprev); it = sg(Wi @ x1 + Ui @ hprev); ot = sg(Wo @ x1 + Uo @ hprev); cht = np.tanh(Wc @ x1 + Uc @ hprev)
ct = ft * cprev + it * cht; hT = ot * np.tanh(ct)
e = lambda hh: np.sum((ytar - hh) ** 2)
de = fd(e, hT); rep(266, de, -2 * (ytar - hT))
rep(273, fd(lambda oo: e(oo * np.tanh(ct)), ot), de * np.tanh(ct))
