# FD check for pshysimon_rnn_bptt_zh.md. Column vectors: S_t = U H_{t-1} + W X_t, H_t = tanh(S_t),
# Z_t = V H_t, yhat_t = softmax(Z_t), L_t = -y_t^T log yhat_t, L = sum_t L_t.
# (The note says V is v x v; we use V of shape (v, h) so that Z_t = V H_t is defined.)
import numpy as np
rng = np.random.default_rng(2059)
v, h, T = 4, 3, 5
W = rng.normal(size=(h, v)); U = rng.normal(size=(h, h)) * 0.8; V = rng.normal(size=(v, h))
b1 = rng.normal(size=(h, 1)); b2 = rng.normal(size=(v, 1))
X = [None] + [rng.normal(size=(v, 1)) for _ in range(T)]
Y = [None] + [np.eye(v)[:, [rng.integers(v)]] for _ in range(T)]
H0 = rng.normal(size=(h, 1))
sig = lambda a: 1 / (1 + np.exp(-a))
def softmax(z): e = np.exp(z - z.max()); return e / e.sum()
res = {}

def run(U, W, V, upto):
    Hs = {0: H0}; Ss = {}; yh = {}; Ls = {}
    for t in range(1, upto + 1):
        Ss[t] = U @ Hs[t - 1] + W @ X[t]; Hs[t] = np.tanh(Ss[t])
        yh[t] = softmax(V @ Hs[t]); Ls[t] = float(-(Y[t].T @ np.log(yh[t])).item())
    return Hs, Ss, yh, Ls

def fd(fun, M, eps=1e-6):
    G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        A = M.copy(); A[idx] += eps; B = M.copy(); B[idx] -= eps
        G[idx] = (fun(A) - fun(B)) / (2 * eps)
    return G

def check(line, lhs, rhs, expect):
    ok = np.shape(lhs) == np.shape(rhs) and np.allclose(lhs, rhs, atol=1e-6)
    res[line] = ok
    assert ok == (expect == "pass"), (line, ok, expect)

Hs, Ss, yh, Ls = run(U, W, V, T)
t = 3
# forward rows 9, 10 (with biases, general f, g: f = tanh, g = softmax)
O = softmax(V @ Hs[t] + b2); Hb = np.tanh(W @ X[t] + U @ Hs[t - 1] + b1)
check(9, O, softmax(V @ Hs[t] + b2), "pass")
check(10, Hb, np.tanh(W @ X[t] + U @ Hs[t - 1] + b1), "pass")
check(39, np.array(Ls[t]), np.array(-(Y[t].T @ np.log(yh[t])).item()), "pass")
check(43, np.array(sum(Ls.values())), np.array(sum(-(Y[k].T @ np.log(yh[k])).item() for k in range(1, T + 1))), "pass")
check(48, Ss[t], U @ Hs[t - 1] + W @ X[t], "pass")
check(49, Hs[t], np.tanh(Ss[t]), "pass")
check(50, V @ Hs[t], V @ Hs[t], "pass")
check(51, yh[t], softmax(V @ Hs[t]), "pass")
# row 61/62: dL_t/dV
gV = fd(lambda M: run(U, W, M, t)[3][t], V)
dLdZ = fd(lambda z: float(-(Y[t].T @ np.log(softmax(z))).item()), V @ Hs[t])
check(61, gV, dLdZ @ Hs[t].T, "pass")                       # dL/dZ (column) times dZ/dV -> outer with H_t
check(62, gV, (yh[t] - Y[t]) @ Hs[t].T, "pass")
# rows 70 / 77: dL_3/dU. delta_k = dL_3/ds_k (column) by FD on s_k
def L3_with_ds(k, d):
    Hp = {0: H0}
    for j in range(1, 4):
        s = U @ Hp[j - 1] + W @ X[j] + (d if j == k else 0)
        Hp[j] = np.tanh(s)
    return float(-(Y[3].T @ np.log(softmax(V @ Hp[3]))).item())
delta = {k: fd(lambda d: L3_with_ds(k, d), np.zeros((h, 1))) for k in (1, 2, 3)}
gU = fd(lambda M: run(M, W, V, 3)[3][3], U)
gW = fd(lambda M: run(U, M, V, 3)[3][3], W)
rhs70 = sum(delta[k] @ X[k].T for k in (1, 2, 3))          # terms ds_k/dW as written -> gives dL_3/dW
assert np.allclose(rhs70, gW, atol=1e-6)
check(70, gU, rhs70, "fail")
assert np.allclose(gU, sum(delta[k] @ Hs[k - 1].T for k in (1, 2, 3)), atol=1e-6)   # correct: ds_k/dU
# row 77 evaluated for t = T = 3 (k = 0 term dropped since s_0 does not exist), same W-for-U error
check(77, gU, sum(delta[k] @ X[k].T for k in range(1, 4)), "fail")
# LSTM / GRU forward rows (the model the author describes)
x = rng.normal(size=(v, 1)); hp = rng.normal(size=(h, 1)); cp = rng.normal(size=(h, 1))
P = {n: (rng.normal(size=(h, v)), rng.normal(size=(h, h)), rng.normal(size=(h, 1))) for n in "ifocrzh"}
gate = lambda n, act, xx=x: act(P[n][0] @ xx + P[n][1] @ hp + P[n][2])
i_, f_, o_, c_hat = gate("i", sig), gate("f", sig), gate("o", sig), gate("c", np.tanh)
c = f_ * cp + i_ * c_hat; hh = o_ * np.tanh(c)
check(100, i_, sig(P["i"][0] @ x + P["i"][1] @ hp + P["i"][2]), "pass")
check(101, f_, sig(P["f"][0] @ x + P["f"][1] @ hp + P["f"][2]), "pass")
check(102, o_, sig(P["o"][0] @ x + P["o"][1] @ hp + P["o"][2]), "pass")
check(107, c_hat, np.tanh(P["c"][0] @ x + P["c"][1] @ hp + P["c"][2]), "pass")
check(113, c, f_ * cp + i_ * c_hat, "pass")
check(117, hh, o_ * np.tanh(c), "pass")
r = gate("r", sig); z = gate("z", sig)
check(126, r, sig(P["r"][0] @ x + P["r"][1] @ hp + P["r"][2]), "pass")
x_z = np.zeros_like(x)   # x_z is not a quantity of the model (typo for x_t); any value other than x_t breaks the gate
check(127, z, sig(P["z"][0] @ x_z + P["z"][1] @ hp + P["z"][2]), "fail")
h_hat = np.tanh(P["h"][0] @ x + P["h"][1] @ (r * hp) + P["h"][2])
check(132, h_hat, np.tanh(P["h"][0] @ x + P["h"][1] @ (r * hp) + P["h"][2]), "pass")
check(136, z * hp + (1 - z) * h_hat, z * hp + (1 - z) * h_hat, "pass")   # valid GRU convention (z keeps old state)
print("all verdicts confirmed:", {k: ("pass" if v_ else "fail") for k, v_ in sorted(res.items())})
