"""Finite-difference check of zxq_rnn_lstm_gru_zh.md.

The note gives no loss; any scalar L of the hidden states serves for the checks:
L = sum_t p_t . h_t + 0.5 sum_t ||h_t||^2.
RNN read as written (column vectors): h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h).
LSTM as written (PyTorch names, column vectors), candidate called h~_t.
"""
import numpy as np

rng = np.random.default_rng(2)
H, D, T = 3, 2, 5
eps = 1e-6
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
res = {}

# ---- lines 8/10: the stated shapes make the rows ill-typed -------------------------
batch, inp, hid, out = 4, 2, 3, 5
x = rng.normal(size=(batch, inp)); h = rng.normal(size=(batch, hid))
W_xh = rng.normal(size=(inp, hid)); W_hh = rng.normal(size=(hid, hid)); W_hy = rng.normal(size=(hid, out))
def typed(f):
    try:
        f(); return True
    except ValueError:
        return False
res[8] = typed(lambda: W_hh @ h + W_xh @ x)     # as written with the stated shapes
res[10] = typed(lambda: W_hy @ h)
assert typed(lambda: h @ W_hh + x @ W_xh) and typed(lambda: h @ W_hy)  # row form x W works

# ---- RNN (column reading) ---------------------------------------------------------
Whh, Wxh, bh = rng.normal(scale=0.7, size=(H, H)), rng.normal(size=(H, D)), rng.normal(scale=0.2, size=H)
X, Pt = rng.normal(size=(T + 1, D)), rng.normal(size=(T + 1, H))

def rnn(Whh=Whh, bump=None):
    h = np.zeros(H); hs, zs = {0: h}, {}
    for t in range(1, T + 1):
        z = Whh @ h + Wxh @ X[t] + bh
        h = np.tanh(z)
        if bump and bump[1] == t:
            h = h + bump[2]
        hs[t], zs[t] = h, z
    L = sum(Pt[t] @ hs[t] + 0.5 * hs[t] @ hs[t] for t in range(1, T + 1))
    return L, hs, zs

L, hs, zs = rnn()
J = {t: np.diag(1 - hs[t] ** 2) @ Whh for t in range(1, T + 1)}
def step(hp, t):
    return np.tanh(Whh @ hp + Wxh @ X[t] + bh)
ok = True
for t in range(1, T + 1):
    Jfd = np.column_stack([(step(hs[t - 1] + e, t) - step(hs[t - 1] - e, t)) / (2 * eps) for e in np.eye(H) * eps])
    ok &= close(Jfd, J[t])
    # under the stated row shapes (h_t = tanh(h_{t-1} W_hh + ...)) the Jacobian would be diag(.) W_hh^T
res[39] = ok

def fd_mat(f, shape):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        G[idx] = (f(e) - f(-e)) / (2 * eps)
    return G

dL_dW = fd_mat(lambda e: rnn(Whh=Whh + e)[0], Whh.shape)
explicit = {t: Pt[t] + hs[t] for t in range(1, T + 1)}                  # dL/dh_t holding the other h fixed
total_h = {t: np.array([(rnn(bump=("h", t, e))[0] - rnn(bump=("h", t, -e))[0]) / (2 * eps) for e in np.eye(H) * eps]) for t in range(1, T + 1)}
dh_dW = {t: np.stack([fd_mat(lambda e, i=i: rnn(Whh=Whh + e)[1][t][i], Whh.shape) for i in range(H)]) for t in range(1, T + 1)}
lhs31 = sum(np.einsum("i,ijk->jk", explicit[t], dh_dW[t]) for t in range(1, T + 1))
res[31] = close(dL_dW, lhs31)
assert not close(dL_dW, sum(np.einsum("i,ijk->jk", total_h[t], dh_dW[t]) for t in range(1, T + 1)))  # total dL/dh_t would double-count
ok = True
for t in range(1, T + 1):
    tot = np.zeros((H, H, H))
    for k in range(1, t + 1):
        prod = np.eye(H)
        for j in range(t, k, -1):
            prod = prod @ J[j]
        imm = np.einsum("ij,l->ijl", np.diag(1 - hs[k] ** 2), hs[k - 1])   # immediate dh_k/dW_hh
        tot += np.einsum("ab,bjl->ajl", prod, imm)
    ok &= close(dh_dW[t], tot)
res[35] = ok
# line 123: dh_T/dh_1 = prod_{t=2}^T dh_t/dh_{t-1} = prod diag(tanh'(z_t)) W_hh (descending order)
def h_after(h1):
    h = h1
    for s in range(2, T + 1):
        h = step(h, s)
    return h
Jfd = np.column_stack([(h_after(hs[1] + e) - h_after(hs[1] - e)) / (2 * eps) for e in np.eye(H) * eps])
prod = np.eye(H)
for t in range(T, 1, -1):
    prod = prod @ (np.diag(1 - np.tanh(zs[t]) ** 2) @ Whh)
res[123] = close(Jfd, prod)
res[125] = all(np.isclose((np.tanh(z + eps) - np.tanh(z - eps)) / (2 * eps), 1 - np.tanh(z) ** 2) for z in rng.normal(size=5))

# ---- LSTM: lines 83/141  dL/dc_{t-1} = dL/dc_t (.) f_t -----------------------------
Wi, Wf, Wg, Wo = (rng.normal(scale=0.6, size=(H, D)) for _ in range(4))
Ui, Uf, Ug, Uo = (rng.normal(scale=0.6, size=(H, H)) for _ in range(4))
bi, bf, bg, bo = (rng.normal(scale=0.2, size=H) for _ in range(4))
sig = lambda a: 1 / (1 + np.exp(-a))

def lstm(bump=None):
    h, c = np.zeros(H), np.zeros(H); cache = {0: dict(h=h, c=c)}
    for t in range(1, T + 1):
        i = sig(Wi @ X[t] + Ui @ h + bi); f = sig(Wf @ X[t] + Uf @ h + bf)
        g = np.tanh(Wg @ X[t] + Ug @ h + bg); o = sig(Wo @ X[t] + Uo @ h + bo)
        c = f * c + i * g
        if bump and bump[0] == "c" and bump[1] == t:
            c = c + bump[2]
        h = o * np.tanh(c)
        if bump and bump[0] == "h" and bump[1] == t:
            h = h + bump[2]
        cache[t] = dict(h=h, c=c, f=f, o=o)
    return sum(Pt[t] @ cache[t]["h"] + 0.5 * cache[t]["h"] @ cache[t]["h"] for t in range(1, T + 1)), cache

_, cc = lstm()
def node(name, t):
    return np.array([(lstm((name, t, e))[0] - lstm((name, t, -e))[0]) / (2 * eps) for e in np.eye(H) * eps])
ok, ok_cpath = True, True
for t in range(2, T + 1):
    dc_prev, dc = node("c", t - 1), node("c", t)
    ok &= close(dc_prev, dc * cc[t]["f"])
    # what holds: add the path through h_{t-1}
    ok_cpath &= close(dc_prev, dc * cc[t]["f"] + node("h", t - 1) * cc[t - 1]["o"] * (1 - np.tanh(cc[t - 1]["c"]) ** 2))
assert ok_cpath
res[83] = res[141] = ok
for line in sorted(res):
    print(line, "pass" if res[line] else "FAIL")
