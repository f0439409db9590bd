"""Finite-difference check of barghavanii_rnn_repo_gru_lstm_bptt.md (numpy only).
GRU and LSTM fences are exec'd (prints silenced) and their forward statements compared with an independent
implementation of the stated equations.  For the RNN fence (problem 3) the model is
h_t = tanh(W h_{t-1} + U x_t), yhat_t = V h_t, h_0 = 0, E = sum_t ||yhat_t - y_t||^2 (e' = mse_derivative);
each statement of rnn_backpropagation is evaluated with correct upstream values and compared with central
differences of E.  Prints 'line N: OK|MISMATCH' for every line of expected.json."""
import json, os, re, io, contextlib
import numpy as np
here = os.path.dirname(os.path.abspath(__file__)); F = "barghavanii_rnn_repo_gru_lstm_bptt.md"
exp = json.load(open(os.path.join(here, "expected.json")))[F]
text = open(os.path.join(here, F)).read()
fences = re.findall(r"```python\n(.*?)```", text, re.S); assert len(fences) == 3
EPS = 1e-6; rng = np.random.default_rng(300)
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
def rep(line, ok): res[str(line)] = bool(ok)
def run_fence(src):
    ns = {}; np.random.seed(0)
    with contextlib.redirect_stdout(io.StringIO()): exec(compile(src, "fence", "exec"), ns)
    return ns
sig = lambda v: 1 / (1 + np.exp(-v))

# ---------------- GRU
g = run_fence(fences[0])
v = rng.normal(size=7); rep(25, close(g["sigmoid"](v), sig(v))); rep(28, close(g["tanh"](v), np.tanh(v)))
n = 4; Wz, Uz, Wr, Ur, W, U = [rng.normal(size=(n, n)) for _ in range(6)]
xs = [rng.normal(size=n) for _ in range(5)]; h0 = rng.normal(size=n)
hs = g["gru"](xs, h0, Wz, Uz, Wr, Ur, W, U)
h = h0; zs_ok = rs_ok = ht_ok = hn_ok = rec_ok = True
for t, xt in enumerate(xs):   # independent GRU (Cho et al. 2014): h = z*h_prev + (1-z)*h~
    z = sig(Wz @ xt + Uz @ h); r = sig(Wr @ xt + Ur @ h); ht = np.tanh(W @ xt + U @ (r * h)); hn = z * h + (1 - z) * ht
    zs_ok &= close(z, g["sigmoid"](np.dot(Wz, xt) + np.dot(Uz, h))); rs_ok &= close(r, g["sigmoid"](np.dot(Wr, xt) + np.dot(Ur, h)))
    ht_ok &= close(ht, g["tanh"](np.dot(W, xt) + np.dot(U, r * h)))
    hn_ok &= close(hs[t], hn); h = hn
rep(33, zs_ok); rep(34, rs_ok); rep(35, ht_ok); rep(36, hn_ok); rep(38, hn_ok)   # 38: every step used the previous output
rep(45, close(g["h_prev"], np.zeros(5)))

# ---------------- LSTM
l = run_fence(fences[1]); cell = l["LSTMCell"](3, 4)
for b in ("bf", "bi", "bc", "bo"): setattr(cell, b, rng.normal(size=(4, 1)))
rep(80, close(cell.sigmoid(v), sig(v))); rep(82, close(cell.tanh(v), np.tanh(v)))
xt = rng.normal(size=(3, 1)); hp = rng.normal(size=(4, 1)); cp = rng.normal(size=(4, 1))
hh, cc = cell.forward(xt, hp, cp)
zc = np.concatenate([hp, xt], axis=0)
f_ = sig(cell.Wf @ zc + cell.bf); i_ = sig(cell.Wi @ zc + cell.bi); g_ = np.tanh(cell.Wc @ zc + cell.bc); o_ = sig(cell.Wo @ zc + cell.bo)
c_ref = f_ * cp + i_ * g_; h_ref = o_ * np.tanh(c_ref)
rep(86, close(np.vstack((hp, xt)), zc)); rep(87, close(cell.sigmoid(np.dot(cell.Wf, zc) + cell.bf), f_))
rep(88, close(cell.sigmoid(np.dot(cell.Wi, zc) + cell.bi), i_)); rep(89, close(cell.tanh(np.dot(cell.Wc, zc) + cell.bc), g_))
rep(90, close(cc, c_ref)); rep(91, close(cell.sigmoid(np.dot(cell.Wo, zc) + cell.bo), o_)); rep(92, close(hh, h_ref))
l0 = run_fence(fences[1].split("# Process the input sequence")[0])   # the example up to the loop: initial h, c
rep(102, close(l0["h"], np.zeros((4, 1)))); rep(103, close(l0["c"], np.zeros((4, 1))))
# 107: the example loop feeds (h_t, c_t) back: re-run it with a fresh cell and compare with an independent recursion
seq = [rng.normal(size=(3, 1)) for _ in range(4)]; hA = np.zeros((4, 1)); cA = np.zeros((4, 1)); hB, cB = hA.copy(), cA.copy()
for s in seq:
    hA, cA = cell.forward(s, hA, cA)
    zc = np.vstack((hB, s)); cB = sig(cell.Wf @ zc + cell.bf) * cB + sig(cell.Wi @ zc + cell.bi) * np.tanh(cell.Wc @ zc + cell.bc)
    hB = sig(cell.Wo @ zc + cell.bo) * np.tanh(cB)
rep(107, close(hA, hB) and close(cA, cB))

# ---------------- RNN (problem 3)
rn = run_fence(fences[2])
k, ni, nh, no = 5, 3, 4, 2
x = rng.normal(size=(ni, k)); y = rng.normal(size=(no, k))
W = rng.normal(scale=0.7, size=(nh, nh)); U = rng.normal(size=(nh, ni)); V = rng.normal(size=(no, nh))
def forward(W, U, V, da=None, dyh=None):
    h = np.zeros((nh, 1)); A, Hs, Y = [], [np.zeros((nh, 1))], []; E = 0.0
    for t in range(k):
        a = W @ h + U @ x[:, [t]]
        if da is not None and da[0] == t: a = a + da[1]
        h = np.tanh(a); yh = V @ h
        if dyh is not None and dyh[0] == t: yh = yh + dyh[1]
        E += np.sum((yh - y[:, [t]]) ** 2); A.append(a); Hs.append(h); Y.append(yh)
    return E, A, Hs, Y
E0, A, Hs, Y = forward(W, U, V)          # Hs[t] = h_{t-1} for step t (Hs[0] = h_0)
def fd_vec(fun, shape):
    G = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = EPS; G[i] = (fun(d) - fun(-d)) / (2 * EPS)
    return G
dA = [fd_vec(lambda d, t=t: forward(W, U, V, da=(t, d))[0], (nh, 1)) for t in range(k)]     # true dE/da_t
dY = [fd_vec(lambda d, t=t: forward(W, U, V, dyh=(t, d))[0], (no, 1)) for t in range(k)]    # true dE/dyhat_t
def fd_mat(M, which):
    G = np.zeros_like(M)
    for i in np.ndindex(*M.shape):
        Mp = M.copy(); Mp[i] += EPS; Mm = M.copy(); Mm[i] -= EPS
        args_p = {"W": W, "U": U, "V": V}; args_m = dict(args_p); args_p[which] = Mp; args_m[which] = Mm
        G[i] = (forward(**args_p)[0] - forward(**args_m)[0]) / (2 * EPS)
    return G
gW, gU, gV = fd_mat(W, "W"), fd_mat(U, "U"), fd_mat(V, "V")
g_, gp = rn["tanh"], rn["tanh_prime"]
# 120-122, 126: zero starts; with the right per-step terms the sums from zero give the FD totals
rep(120, close(np.zeros_like(W) + sum(dA[t] @ Hs[t].T for t in range(k)), gW))
rep(121, close(np.zeros_like(U) + sum(dA[t] @ x[:, [t]].T for t in range(k)), gU))
rep(122, close(np.zeros_like(V) + sum(dY[t] @ Hs[t + 1].T for t in range(k)), gV))
rep(126, close(gp(A[k - 1]) * (V.T @ dY[k - 1] + W.T @ np.zeros((nh, 1))), dA[k - 1]))
rep(125, close(A[0], U @ x[:, [0]]))     # h_0 = 0 reproduces a_0 of the stated model
# 131: the author's reversed-time recomputation of a vs the true a_t
h = np.zeros((W.shape[0], 1)); ok131 = True
for t in reversed(range(k)):
    a = np.dot(W, h) + np.dot(U, x[:, t].reshape(-1, 1)); ok131 &= close(a, A[t]); h = g_(a)
rep(131, ok131)
rep(132, all(close(g_(A[t]), Hs[t + 1]) for t in range(k)))
rep(135, all(close(y[:, t].reshape(-1, 1) - np.dot(V, Hs[t + 1]), dY[t]) for t in range(k)))
ok138 = True
for t in range(k):
    dnext = dA[t + 1] if t + 1 < k else np.zeros((nh, 1))
    auth = np.dot(V.T, dY[t]) + np.dot(W.T, dnext) * gp(A[t])
    ok138 &= close(auth, dA[t])
rep(138, ok138)
rep(141, close(sum(np.dot(dA[t], Hs[t + 1].T) for t in range(k)), gW))   # author: h = h_t
rep(142, close(sum(np.dot(dA[t], x[:, t].reshape(-1, 1).T) for t in range(k)), gU))
rep(143, close(sum(np.dot(dY[t], Hs[t + 1].T) for t in range(k)), gV))
vv = rng.normal(size=(3, 2))
rep(147, close(rn["tanh"](vv), np.tanh(vv)))
rep(150, close(rn["tanh_prime"](vv), (np.tanh(vv + EPS) - np.tanh(vv - EPS)) / (2 * EPS)))
yt, yp = rng.normal(size=(2, 1)), rng.normal(size=(2, 1))
rep(154, close(rn["mse_derivative"](yt, yp), fd_vec(lambda d: np.sum((yp + d - yt) ** 2), (2, 1))))

bad = 0
for line in sorted(exp, key=int):
    want_fail = exp[line]["expected"] == "fail"
    if line not in res: print(f"line {line}: NOT CHECKED"); bad += 1; continue
    agree = (not res[line]) == want_fail; bad += not agree
    print(f"line {line}: {'OK' if agree else 'MISMATCH'} (statement {'matches' if res[line] else 'differs from'} the reference/finite-difference value; expected {exp[line]['expected']})")
extra = set(res) - set(exp)
if extra: print("checked but not in expected.json:", sorted(extra, key=int)); bad += len(extra)
print("ALL VERDICTS AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
