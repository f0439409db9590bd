"""Finite-difference check of en_rnn_notes_bptt_pascanu.md (English RNN study notes, search-index id 2349366504).
Section 2/3 model: h_t = U x_t + W s_{t-1}, s_t = tanh(h_t), z_t = V s_t, yhat_t = softmax(z_t), E_t = -log yhat_t[y_t].
Section 5 model (Pascanu): x_t = W_rec sigma(x_{t-1}) + W_in u_t + b, E_t = L(x_t) = 0.5||x_t - d_t||^2, sigma = tanh.
Section 'gradient flow in LSTM': c_j = f_j * c_{j-1} + i_j * g_j with the gates held fixed (direct path).
Prints, per annotated line, OK (formula agrees with finite differences) or MISMATCH."""
import json, os
import numpy as np

rng = np.random.default_rng(1)
eps = 1e-6
close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-7)

def num_grad(fun, P):
    G = np.zeros_like(P, dtype=float)
    it = np.nditer(P, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        Pp = P.copy(); Pp[i] += eps; Pm = P.copy(); Pm[i] -= eps
        G[i] = (fun(Pp) - fun(Pm)) / (2 * eps)
    return G

def num_jac(fun, v):
    out = fun(v)
    J = np.zeros(out.shape + v.shape)
    it = np.nditer(v, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        vp = v.copy(); vp[i] += eps; vm = v.copy(); vm[i] -= eps
        J[(Ellipsis,) + i] = (fun(vp) - fun(vm)) / (2 * eps)
    return J

sig = lambda x: 1 / (1 + np.exp(-x))
def softmax(x):
    e = np.exp(x - x.max()); return e / e.sum()
res = {}

# ---- section 1 helpers
xs = rng.normal(size=6)
res[18] = close(np.array([num_grad(lambda v: sig(v).sum(), np.array([x]))[0] for x in xs]), sig(xs) * (1 - sig(xs)))
res[28] = close(np.array([num_grad(lambda v: np.tanh(v).sum(), np.array([x]))[0] for x in xs]), 1 - np.tanh(xs) ** 2)
xv = rng.normal(size=5); yv = softmax(xv)
Jsm = np.where(np.eye(5, dtype=bool), yv * (1 - yv), -np.outer(yv, yv))
res[48] = close(num_jac(softmax, xv), Jsm)

# ---- section 2/3 model
n, k, m, T = 3, 4, 5, 4
U = rng.normal(scale=0.7, size=(k, n)); W = rng.normal(scale=0.7, size=(k, k)); V = rng.normal(scale=0.7, size=(m, k))
X = rng.normal(size=(T + 1, n)); tgt = rng.integers(0, m, size=T + 1); s0 = rng.normal(scale=0.5, size=k)

def fwd(U, W, V, s0=s0):
    s, h, z, yh = [s0], [None], [None], [None]
    for t in range(1, T + 1):
        h.append(U @ X[t] + W @ s[t - 1])            # line 95
        s.append(np.tanh(U @ X[t] + W @ s[t - 1]))   # line 73
        z.append(V @ s[t])                           # line 96
        yh.append(softmax(V @ s[t]))                 # line 74
    return s, h, z, yh
Et = lambda yh, t: -np.log(yh[t][tgt[t]])
E = lambda yh: sum(Et(yh, t) for t in range(1, T + 1))   # line 88
s, h, z, yh = fwd(U, W, V)
res[73] = all(close(s[t], np.tanh(U @ X[t] + W @ s[t - 1])) for t in range(1, T + 1))
res[74] = all(close(yh[t].sum(), 1.0) and close(yh[t], softmax(V @ s[t])) for t in range(1, T + 1))
res[95] = all(close(s[t], np.tanh(h[t])) for t in range(1, T + 1))   # definition consistent with line 73
res[96] = all(close(z[t], V @ s[t]) for t in range(1, T + 1))
res[88] = close(E(yh), sum(Et(yh, t) for t in range(1, T + 1)))

t = T
dE_dyh = num_grad(lambda v: -np.log(v[tgt[t]]), yh[t].copy())          # row dE_t/dyhat_t
J_yz = num_jac(softmax, z[t].copy())                                      # dyhat_t/dz_t
delta = dE_dyh @ J_yz                                                     # (dE/dyhat . dyhat/dz), as a vector
gV = num_grad(lambda P: Et(fwd(U, W, P)[3], t), V)
dz_dV = np.einsum("ai,j->aij", np.eye(m), s[t])                           # dz_a/dV_ij = delta_ai s_j
res[104] = close(gV, np.einsum("a,aij->ij", delta, dz_dV))
res[105] = close(gV, np.outer(delta, s[t]))                               # (...) . s_t^T with (...) a column

def ds_dW_num(tt):
    return num_jac(lambda P: fwd(U, P, V)[0][tt], W)                     # [a,i,j] = ds_tt,a / dW_ij
dh_dW_expl = lambda tt: np.einsum("ai,j->aij", np.eye(k), s[tt - 1])      # explicit partial, s_{t-1} fixed
res[113] = close(ds_dW_num(1), np.einsum("ab,bij->aij", np.diag(1 - s[1] ** 2), dh_dW_expl(1)))
D = np.einsum("ab,bij->aij", np.diag(1 - s[1] ** 2), dh_dW_expl(1))
ok114 = True
for tt in range(2, T + 1):
    D = np.einsum("ab,bij->aij", np.diag(1 - s[tt] ** 2), dh_dW_expl(tt) + np.einsum("ab,bij->aij", W, D))
    ok114 &= close(ds_dW_num(tt), D)
res[114] = ok114
gW = num_grad(lambda P: Et(fwd(U, P, V)[3], t), W)
dz_ds = num_jac(lambda v: V @ v, s[t].copy())
res[115] = close(gW, np.einsum("a,ab,bij->ij", delta, dz_ds, ds_dW_num(t)))
res[116] = close(gW, np.einsum("b,bij->ij", delta @ V, ds_dW_num(t)))  # delta^T . V . ds_t/dW

# ---- section 5 (Pascanu form)
p, q = 4, 3
Wr = rng.normal(scale=0.7, size=(p, p)); Win = rng.normal(scale=0.7, size=(p, q)); bb = rng.normal(scale=0.3, size=p)
Uin = rng.normal(size=(T + 1, q)); Dt = rng.normal(size=(T + 1, p)); x0 = rng.normal(scale=0.5, size=p)
def fwd5(Wr, inject=None):
    x = [x0.copy()]
    for tt in range(1, T + 1):
        xt = Wr @ np.tanh(x[tt - 1]) + Win @ Uin[tt] + bb     # line 138
        if inject is not None and inject[0] == tt:
            xt = xt + inject[1]
        x.append(xt)
    return x
Lt = lambda x, tt: 0.5 * np.sum((x[tt] - Dt[tt]) ** 2)
x = fwd5(Wr)
res[138] = all(close(x[tt], Wr @ np.tanh(x[tt - 1]) + Win @ Uin[tt] + bb) for tt in range(1, T + 1))
res[144] = close(sum(Lt(x, tt) for tt in range(1, T + 1)), 0.5 * np.sum((np.array(x[1:]) - Dt[1:]) ** 2))
gE = num_grad(lambda P: sum(Lt(fwd5(P), tt) for tt in range(1, T + 1)), Wr)
res[154] = close(gE, sum(num_grad(lambda P, tt=tt: Lt(fwd5(P), tt), Wr) for tt in range(1, T + 1)))
def dxt_dxk(tt, kk):
    if kk == tt:
        return np.eye(p)
    return num_jac(lambda v: fwd5(Wr, inject=(kk, v))[tt], np.zeros(p))
tt = T
dEt_dxt = x[tt] - Dt[tt]
rhs = sum(np.einsum("a,ab,bij->ij", dEt_dxt, dxt_dxk(tt, kk), np.einsum("bi,j->bij", np.eye(p), np.tanh(x[kk - 1])))
          for kk in range(1, tt + 1))
res[157] = close(num_grad(lambda P: Lt(fwd5(P), tt), Wr), rhs)
kk = 1
J = dxt_dxk(tt, kk)
prodT = np.eye(p); prodJ = np.eye(p)
for i in range(tt, kk, -1):                       # t >= i > k, later steps on the left
    prodT = prodT @ (Wr.T @ np.diag(1 - np.tanh(x[i - 1]) ** 2))
    prodJ = prodJ @ (Wr @ np.diag(1 - np.tanh(x[i - 1]) ** 2))
print(f"  line 160: chain of true Jacobians W_rec diag(sigma') matches: {close(J, prodJ)}; note's W_rec^T diag(sigma') matches: {close(J, prodT)}")
res[160] = close(J, prodT)

# ---- LSTM direct cell path (gates fixed)
r = 3; TT = 6
fg = rng.uniform(0.2, 0.95, size=(TT + 1, r)); ig = rng.uniform(0.1, 0.9, size=(TT + 1, r)); gg = rng.normal(size=(TT + 1, r))
def cells(ck, kk, tt):
    c = ck
    for j in range(kk + 1, tt + 1):
        c = fg[j] * c + ig[j] * gg[j]
    return c
tt, kk = 5, 2
Jc = num_jac(lambda v: cells(v, kk, tt), rng.normal(size=r))
chain = np.eye(r)
for j in range(tt, kk, -1):
    chain = chain @ num_jac(lambda v, j=j: cells(v, j - 1, j), rng.normal(size=r))
note = np.diag(np.prod(fg[kk:tt + 1], axis=0))          # diag(f_t ... f_k), as written in the note
print(f"  line 186: chain of one-step Jacobians matches: {close(Jc, chain)}; diag(f_t..f_(k+1)) matches: "
      f"{close(Jc, np.diag(np.prod(fg[kk + 1:tt + 1], axis=0)))}; note's diag(f_t..f_k) matches: {close(Jc, note)}")
res[186] = close(Jc, chain) and close(Jc, note)

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["en_rnn_notes_bptt_pascanu.md"]
allgood = True
for ln in sorted(res):
    verdict = "OK" if res[ln] else "MISMATCH"
    e = exp[str(ln)]["expected"]
    agree = (verdict == "OK") == (e == "pass")
    allgood &= agree
    print(f"line {ln}: {verdict}  (expected {e}) {'agrees' if agree else 'DISAGREES'}")
assert set(map(int, exp)) == set(res), "annotated lines and checked lines differ"
print("ALL AGREE" if allgood else "SOME DISAGREE")
