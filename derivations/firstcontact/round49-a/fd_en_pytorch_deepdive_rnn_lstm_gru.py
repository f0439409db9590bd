"""Finite-difference check of en_pytorch_deepdive_rnn_lstm_gru.md (numpy only).
Conventions: column vectors; RNN h_t = tanh(Whh h_{t-1} + Wxh x_t + bh), y_t = Why h_t + by, loss
l_t = 0.5||y_t - target_t||^2, L = sum_t l_t; Jacobians in numerator layout (J[i,j] = d out_i / d in_j),
gradients of scalars as row vectors, so dl_t/dh_k = dl_t/dh_t J_t J_{t-1} ... J_{k+1} (the product in line 28
read from i = t down to k+1, left to right). LSTM/GRU: W acting on the concatenation [h_{t-1}, x_t] (h first).
Line 70 is the partial dc_t/dc_{t-1} with h_{t-1} held fixed (the step map); line 73 is the derivative of c_T with
respect to c_k in the unrolled network (h_k = o_k tanh(c_k) depends on c_k), compared with prod f_i."""
import json, os, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "en_pytorch_deepdive_rnn_lstm_gru.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
rng = np.random.default_rng(11)
D, H, Dy, T = 3, 4, 2, 5
s = lambda a: 1 / (1 + np.exp(-a))
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
res = {}
# ---------------- RNN
Wxh = rng.normal(0, .6, (H, D)); Whh = rng.normal(0, .6, (H, H)); bh = rng.normal(0, .3, (H, 1))
Why = rng.normal(0, .6, (Dy, H)); by = rng.normal(0, .3, (Dy, 1))
X = rng.normal(0, 1, (T, D, 1)); TG = rng.normal(0, 1, (T, Dy, 1)); h0 = np.zeros((H, 1))
def rnn(Whh=Whh, pert=None, kp=None):
    h = h0; hs = [h0]; ls = []
    for t in range(T):
        h = np.tanh(Whh @ h + Wxh @ X[t] + bh)
        if kp is not None and t == kp: h = h + pert
        hs.append(h); y = Why @ h + by; ls.append(0.5 * float(np.sum((y - TG[t]) ** 2)))
    return hs, ls
hs, ls = rnn()
res[7] = close(hs[3], np.tanh(Whh @ hs[2] + Wxh @ X[2] + bh))
res[10] = close(0.5 * np.sum((Why @ hs[3] + by - TG[2]) ** 2), ls[2])  # output definition as used by l_t
res[24] = abs(sum(rnn()[1]) - sum(ls)) < 1e-12  # L = sum_t l_t is the loss differentiated in line 34's FD
tt, kk = 4, 1   # l at t=5 (index 4), state h_2 (index 1) in 0-based steps
def J(t):  # dh_t/dh_{t-1}, t is 0-based step index
    return np.diag((1 - np.tanh(Whh @ hs[t] + Wxh @ X[t] + bh) ** 2)[:, 0]) @ Whh
def fdJ(t, eps=1e-6):
    M = np.zeros((H, H))
    for j in range(H):
        d = np.zeros((H, 1)); d[j] = eps
        M[:, j] = (np.tanh(Whh @ (hs[t] + d) + Wxh @ X[t] + bh) - np.tanh(Whh @ (hs[t] - d) + Wxh @ X[t] + bh))[:, 0] / (2 * eps)
    return M
res[31] = close(J(2), fdJ(2))
dl_dht = ((Why @ hs[tt + 1] + by - TG[tt]).T @ Why)      # row vector dl_t/dh_t
prod = np.eye(H)
for i in range(tt, kk, -1): prod = prod @ J(i)           # J_t ... J_{k+1}
g28 = dl_dht @ prod
fd28 = np.zeros((1, H))
for j in range(H):
    d = np.zeros((H, 1)); d[j] = 1e-6
    fd28[0, j] = (rnn(pert=d, kp=kk)[1][tt] - rnn(pert=-d, kp=kk)[1][tt]) / 2e-6
res[28] = close(g28, fd28)
G = np.zeros((H, H))
for t in range(T):
    dl = (Why @ hs[t + 1] + by - TG[t]).T @ Why
    pr = np.eye(H)
    for k in range(t, -1, -1):          # k = t, t-1, ..., 0 ; prod J_t..J_{k+1}
        gk = dl @ pr                    # dl_t/dh_k (row)
        G += ((gk.T) * (1 - hs[k + 1] ** 2)) @ hs[k].T   # immediate dh_k/dWhh contracted
        pr = pr @ J(k)
fdW = np.zeros_like(Whh)
for i in np.ndindex(Whh.shape):
    A = Whh.copy(); B = Whh.copy(); A[i] += 1e-6; B[i] -= 1e-6
    fdW[i] = (sum(rnn(Whh=A)[1]) - sum(rnn(Whh=B)[1])) / 2e-6
res[34] = close(G, fdW)
# ---------------- LSTM
Wl = {g: rng.normal(0, .6, (H, H + D)) for g in "fico"}; bl = {g: rng.normal(0, .3, (H, 1)) for g in "fico"}
def lstm_step(h, c, x):
    v = np.vstack([h, x])
    f, i, o = s(Wl["f"] @ v + bl["f"]), s(Wl["i"] @ v + bl["i"]), s(Wl["o"] @ v + bl["o"])
    ct = np.tanh(Wl["c"] @ v + bl["c"]); cn = f * c + i * ct
    return f, i, ct, o, cn, o * np.tanh(cn)
h, c = rng.normal(0, .5, (H, 1)), rng.normal(0, .5, (H, 1))
f, i, ct, o, cn, hn = lstm_step(h, c, X[0])
# independent: split weights
def split(W, h, x): return W[:, :H] @ h + W[:, H:] @ x
res[41] = close(f, s(split(Wl["f"], h, X[0]) + bl["f"]))
res[46] = close(i, s(split(Wl["i"], h, X[0]) + bl["i"]))
res[49] = close(ct, np.tanh(split(Wl["c"], h, X[0]) + bl["c"]))
res[52] = close(cn, f * c + i * ct); res[67] = res[52]
res[59] = close(o, s(split(Wl["o"], h, X[0]) + bl["o"]))
res[62] = close(hn, o * np.tanh(cn))
Jc = np.zeros((H, H))
for j in range(H):
    d = np.zeros((H, 1)); d[j] = 1e-6
    Jc[:, j] = ((lstm_step(h, c + d, X[0])[4] - lstm_step(h, c - d, X[0])[4]) / 2e-6)[:, 0]
res[70] = close(np.diag(f[:, 0]), Jc)
def unroll(ck, k, Tn):
    # c_k given; h_k = o_k tanh(c_k) computed from it (o_k fixed from the forward); run to step Tn
    hh = ok_gate * np.tanh(ck); cc = ck; fs = []
    for t in range(k + 1, Tn + 1):
        ff, _, _, _, cc, hh = lstm_step(hh, cc, X[t]); fs.append(ff)
    return cc, fs
ok_gate = rng.uniform(0.2, 0.9, (H, 1)); ck = rng.normal(0, .5, (H, 1))
cT, fs = unroll(ck, 0, 3)
JT = np.zeros((H, H))
for j in range(H):
    d = np.zeros((H, 1)); d[j] = 1e-6
    JT[:, j] = ((unroll(ck + d, 0, 3)[0] - unroll(ck - d, 0, 3)[0]) / 2e-6)[:, 0]
res[73] = close(np.diag(np.prod(np.hstack(fs), axis=1)), JT)
# ---------------- GRU
Wg = {g: rng.normal(0, .7, (H, H + D)) for g in "zrh"}; bg = {g: rng.normal(0, .3, (H, 1)) for g in "zrh"}
def gru(hp, x):
    v = np.vstack([hp, x]); z = s(Wg["z"] @ v + bg["z"]); r = s(Wg["r"] @ v + bg["r"])
    ht = np.tanh(Wg["h"] @ np.vstack([r * hp, x]) + bg["h"])
    return z, r, ht, (1 - z) * hp + z * ht
hp = rng.normal(0, .6, (H, 1)); z, r, ht, hg = gru(hp, X[1])
res[84] = close(z, s(split(Wg["z"], hp, X[1]) + bg["z"]))
res[87] = close(r, s(split(Wg["r"], hp, X[1]) + bg["r"]))
res[90] = close(ht, np.tanh(Wg["h"][:, :H] @ (r * hp) + Wg["h"][:, H:] @ X[1] + bg["h"]))
res[95] = close(hg, hp + z * (ht - hp)); res[99] = res[95]
def Jg(part):
    M = np.zeros((H, H))
    for j in range(H):
        d = np.zeros((H, 1)); d[j] = 1e-6
        M[:, j] = ((gru(hp + d, X[1])[part] - gru(hp - d, X[1])[part]) / 2e-6)[:, 0]
    return M
Jz, Jht, Jh = Jg(0), Jg(2), Jg(3)
auth102 = np.diag(1 - z[:, 0]) + (hp - ht) * Jz + z * Jht      # (a vector) * (matrix) = row scaling = diag(v) M
assert close(np.diag(1 - z[:, 0]) + (ht - hp) * Jz + z * Jht, Jh)
res[102] = close(auth102, Jh)
ok = True
for ln in sorted(int(k) for k in EXP):
    e = EXP[str(ln)]["expected"]; n = ("pass" if res[ln] else "fail") if ln in res else "unchecked"
    print(f"line {ln}: expected {e}, numeric {n}   | {LINES[ln-1].strip()[:70]}")
    ok &= (e == n)
if set(res) - {int(k) for k in EXP}: ok = False; print("unannotated checks:", set(res) - {int(k) for k in EXP})
print("ALL AGREE" if ok else "DISAGREEMENT"); sys.exit(0 if ok else 1)
