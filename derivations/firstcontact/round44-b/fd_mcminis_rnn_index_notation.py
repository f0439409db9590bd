"""Finite-difference check of mcminis_rnn_index_notation.md (numpy only).

The author's model (column vectors, index notation with implied summation over repeated indices):
  h^t = sigma(W h^{t-1} + U x^t),  sigma(x) = 1/(1+exp(-x)),  h^0 = 0,  t = 1..D_x (D_x = number of steps),
  ytilde = V h^{D_x} (prediction only at the last step),  L = sum_i L_i,  L_i = 1/2 (ytilde_i - y_i)^2.
No biases.  J^t[k, a, b] := d h^t_k / d U_ab (total derivative, all time steps) is computed by central differences.
Sizes: input dim 2, hidden 3, output D_y = 2; D_x = 3 steps (D_x = 2 for lines 216-217, which are 'for t = 2').
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FNAME = "mcminis_rnn_index_notation.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[FNAME]
rng = np.random.default_rng(2882)
EPS = 1e-6
results = {}
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
dx, H, Dy = 2, 3, 2
W = rng.normal(size=(H, H)); U = rng.normal(size=(H, dx)); V = rng.normal(size=(Dy, H))
X = [None] + [rng.normal(size=dx) for _ in range(3)]
Y = rng.normal(size=Dy)


def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))


def report(line, ok):
    results[line] = "OK" if ok else "MISMATCH"


def forward(Uu=U, Vv=V, Ww=W, Dx=3, hpert=None):
    hpert = hpert or {}
    h = [np.zeros(H)]; a = [None]
    for t in range(1, Dx + 1):
        a.append(Ww @ h[t - 1] + Uu @ X[t])
        h.append(sig(a[t]) + hpert.get(t, 0))
    yt = Vv @ h[Dx]
    Li = 0.5 * (yt - Y) ** 2
    return h, a, yt, Li


def fd_U(fun):
    """d fun(U) / d U_ab, fun returns an array; result has shape fun.shape + U.shape."""
    out = None
    for a_ in range(H):
        for b_ in range(dx):
            E = np.zeros_like(U); E[a_, b_] = EPS
            g = (np.asarray(fun(U + E)) - np.asarray(fun(U - E))) / (2 * EPS)
            if out is None:
                out = np.zeros(g.shape + U.shape)
            out[..., a_, b_] = g
    return out


def fd_V(fun):
    out = None
    for a_ in range(Dy):
        for b_ in range(H):
            E = np.zeros_like(V); E[a_, b_] = EPS
            g = (np.asarray(fun(V + E)) - np.asarray(fun(V - E))) / (2 * EPS)
            if out is None:
                out = np.zeros(g.shape + V.shape)
            out[..., a_, b_] = g
    return out


h, a, yt, Li = forward()
Dx = 3
J = {t: fd_U(lambda Uu, t=t: forward(Uu)[0][t]) for t in range(1, Dx + 1)}        # J[t][k, a, b]
Apre = {t: fd_U(lambda Uu, t=t: forward(Uu)[1][t]) for t in range(1, Dx + 1)}     # d a^t_k / d U_ab (total)
e = yt - Y
dLdU = fd_U(lambda Uu: forward(Uu)[3].sum())
dLidU = fd_U(lambda Uu: forward(Uu)[3])                                             # [i, a, b]
dLdV = fd_V(lambda Vv: forward(Vv=Vv)[3].sum())
dLidV = fd_V(lambda Vv: forward(Vv=Vv)[3])
dytdV = fd_V(lambda Vv: forward(Vv=Vv)[2])                                          # [j, a, b]

# 30, 31, 40, 81, 89: forward definitions (the forward above is built from them)
for line in (30, 31, 40, 81, 89):
    report(line, True)

# 54: dL/dU = sum_t (dL/dh_t)(dh_t/dU): total dL/dh_t with the local dh_t/dU, or explicit dL/dh_t with total dh_t/dU
dLdh = {t: np.array([(forward(hpert={t: np.eye(H)[j] * EPS})[3].sum() - forward(hpert={t: -np.eye(H)[j] * EPS})[3].sum())
                     / (2 * EPS) for j in range(H)]) for t in range(1, Dx + 1)}
local = {t: np.einsum("k,kab->kab", h[t] * (1 - h[t]), np.einsum("ka,b->kab", np.eye(H), X[t])) for t in range(1, Dx + 1)}
r1 = sum(np.einsum("k,kab->ab", dLdh[t], local[t]) for t in range(1, Dx + 1))
explicit = {t: (V.T @ e if t == Dx else np.zeros(H)) for t in range(1, Dx + 1)}
r2 = sum(np.einsum("k,kab->ab", explicit[t], J[t]) for t in range(1, Dx + 1))
report(54, close(r1, dLdU) and close(r2, dLdU))

# V derivatives
report(99, close(np.einsum("i,iab->ab", e, dytdV), dLdV))                    # dL/dV = dL/dyt * dyt/dV
report(105, close(np.einsum("ij,jab->iab", np.diag(e), dytdV), dLidV))        # dL_i/dV_ab = dL_i/dyt_j dyt_j/dV_ab
dLi_dyt = np.zeros((Dy, Dy))
for j in range(Dy):
    E = np.zeros(Dy); E[j] = EPS
    dLi_dyt[:, j] = (0.5 * (yt + E - Y) ** 2 - 0.5 * (yt - E - Y) ** 2) / (2 * EPS)
report(112, close(dLi_dyt, np.diag(e)))
ok113 = close(dytdV, np.einsum("ja,b->jab", np.eye(Dy), h[Dx]))             # d/dV_ab (V_jk h_k) = h_k d_aj d_bk
report(113, ok113); report(114, ok113)
report(122, close(np.einsum("ij,ja,b->iab", np.diag(e), np.eye(Dy), h[Dx]), dLidV))
report(123, close(np.array([[e[i] * h[Dx][k] for k in range(H)] for i in range(Dy)]),
                  np.array([[dLidV[i, i, k] for k in range(H)] for i in range(Dy)])))
report(130, close(np.outer(e, h[Dx]), dLdV))

# U derivatives
report(138, close(np.einsum("ij,jk,kab->iab", np.diag(e), V, J[Dx]), dLidU))
report(145, close(dLi_dyt, np.diag(e)))                                        # y here = the prediction (tilde dropped)
dyt_dh = np.zeros((Dy, H))
for k in range(H):
    E = np.zeros(H); E[k] = EPS
    dyt_dh[:, k] = (V @ (h[Dx] + E) - V @ (h[Dx] - E)) / (2 * EPS)
report(146, close(dyt_dh, V))
ok154 = all(close(np.einsum("k,kab->kab", h[t] * (1 - h[t]), Apre[t]), J[t]) for t in range(1, Dx + 1))
report(154, ok154); report(156, ok154)
Jm = lambda t: J[t - 1] if t > 1 else np.zeros((H, H, dx))
ok166 = all(close(np.einsum("ka,b->kab", np.eye(H), X[t]) + np.einsum("kl,lab->kab", W, Jm(t)), Apre[t])
            for t in range(1, Dx + 1))
report(166, ok166)
ok171 = all(close(np.einsum("ka,b->kab", np.eye(H), X[t]) + np.einsum("lab->ab", Jm(t))[None, :, :], Apre[t])
            for t in range(1, Dx + 1))
report(171, ok171)
# 181 / 182 / 193 / 194: values with exp(+...) instead of exp(-...)
report(181, close(1 / (1 + np.exp(U @ X[1])), h[1]))
report(182, close(np.array([1 / (1 + np.exp(U[k] @ X[1])) for k in range(H)]), h[1]))
report(193, close(1 / (1 + np.exp(W @ h[1] + U @ X[2])), h[2]))
report(194, close(np.array([1 / (1 + np.exp(W[k] @ h[1] + U[k] @ X[2])) for k in range(H)]), h[2]))
s1 = h[1] * (1 - h[1]); s2 = h[2] * (1 - h[2])
report(183, close(np.einsum("k,ka,b->kab", s1, np.eye(H), X[1]), J[1]))
report(184, close(np.array([[s1[i] * X[1][j] for j in range(dx)] for i in range(H)]),
                  np.array([[J[1][i, i, j] for j in range(dx)] for i in range(H)])))
M185 = np.outer(s1, X[1])
report(185, close(M185, np.array([J[1][i, i, :] for i in range(H)])) and
       close(J[1], np.einsum("ka,kb->kab", np.eye(H), M185)))
report(195, close(np.einsum("k,kab->kab", s2, np.einsum("km,mab->kab", W, J[1]) + np.einsum("ka,b->kab", np.eye(H), X[2])), J[2]))
report(196, close(np.einsum("k,km,m,ma,b->kab", s2, W, s1, np.eye(H), X[1]) + np.einsum("k,ka,b->kab", s2, np.eye(H), X[2]), J[2]))
f198 = np.zeros((H, H, dx))
for i in range(H):
    for j in range(H):
        for k in range(dx):
            f198[i, j, k] = s2[i] * W[i, j] * s1[j] * X[1][k] + s2[i] * X[2][k] * (i == j)
report(198, close(f198, J[2]))
report(207, close(dLidU.sum(axis=0), dLdU))
report(208, close(np.einsum("i,ij,jab->ab", e, V, J[Dx]), dLdU))

# lines 216-217: the same model with D_x = 2
h2, a2, yt2, Li2 = forward(Dx=2)
e2 = yt2 - Y
J2 = fd_U(lambda Uu: forward(Uu, Dx=2)[0][2])
dLdU2 = fd_U(lambda Uu: forward(Uu, Dx=2)[3].sum())
report(216, close(np.einsum("i,ij,jab->ab", e2, V, J2), dLdU2))
s1b, s2b = h2[1] * (1 - h2[1]), h2[2] * (1 - h2[2])
auth = np.zeros((H, dx))
for al in range(H):
    for be in range(dx):
        auth[al, be] = sum(e2[i] * V[i, al] * (s2b[al] * sum(W[al, k] * s1b[k] for k in range(H)) * X[1][be]
                                               + s2b[al] * X[2][be]) for i in range(Dy))
report(217, close(auth, dLdU2))
corr = np.einsum("i,ij,j,ja,a,b->ab", e2, V, s2b, W, s1b, X[1]) + np.einsum("i,ia,a,b->ab", e2, V, s2b, X[2])
assert close(corr, dLdU2)

agree = 0
for line in sorted(results):
    exp = EXP[str(line)]["expected"]
    want = "OK" if exp == "pass" else "MISMATCH"
    a_ = results[line] == want
    agree += a_
    print(f"line {line:4d}: {results[line]:8s} expected {exp:4s} -> {'agrees' if a_ else 'DISAGREES'}")
missing = sorted(set(map(int, EXP)) - set(results))
print(f"{agree}/{len(results)} agree; annotated but unchecked: {missing}")
