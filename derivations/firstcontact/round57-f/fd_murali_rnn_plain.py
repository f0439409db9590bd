"""Finite-difference check of murali_rnn_plain.md (Murali806/dl_nb RNN formulae, plain-text .md).

Model (author): z_t = W_hh h_{t-1} + W_xh x_t + b_h, h_t = tanh(z_t), o_t = W_hy h_t + b_y,
y_t = softmax(o_t), L_t = -log y_t[c].  Column vectors; the .md writes @ for matrix product.
All backward rows are about the single-step loss L_t; we evaluate at the last step t = T (T = 3)
so that h_{t-1} depends on the weights (t > 1), which is the general case the note claims to cover.
Keys of VERDICT are line numbers in murali_rnn_plain.md; LATEX maps them to the
equivalent rows of the companion notebook (same checks as fd_murali_rnn_latex.py).
"""
import numpy as np

rng = np.random.default_rng(5701)
F, hd, od, T = 2, 4, 3, 3
P = {
    "W_hh": rng.normal(0, 0.6, (hd, hd)),
    "W_xh": rng.normal(0, 0.6, (hd, F)),
    "b_h": rng.normal(0, 0.3, (hd, 1)),
    "W_hy": rng.normal(0, 0.6, (od, hd)),
    "b_y": rng.normal(0, 0.3, (od, 1)),
}
xs = [rng.normal(0, 1, (F, 1)) for _ in range(T)]
h0 = rng.normal(0, 0.5, (hd, 1))
c = 1                      # correct class at the evaluated step
tE = T - 1                 # evaluated step (0-based index of the last step)
EPS = 1e-6


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


def forward(P, pert=None, freeze_hprev=None):
    """pert: dict name->(t, delta) adding delta to z_t / h_t / o_t.
    freeze_hprev: if given, h_{tE-1} is replaced by this constant (local partials)."""
    pert = pert or {}
    h = h0
    cache = []
    for t in range(T):
        hprev = h
        if freeze_hprev is not None and t == tE:
            hprev = freeze_hprev
        z = P["W_hh"] @ hprev + P["W_xh"] @ xs[t] + P["b_h"]
        if "z" in pert and pert["z"][0] == t:
            z = z + pert["z"][1]
        h = np.tanh(z)
        if "h" in pert and pert["h"][0] == t:
            h = h + pert["h"][1]
        o = P["W_hy"] @ h + P["b_y"]
        if "o" in pert and pert["o"][0] == t:
            o = o + pert["o"][1]
        y = softmax(o)
        cache.append(dict(hprev=hprev, z=z, h=h, o=o, y=y))
    return cache


def L_of(cache):
    return -np.log(cache[tE]["y"][c, 0])


def fd_param(name, **kw):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}
        Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS
        Pm[name][idx] -= EPS
        g[idx] = (L_of(forward(Pp, **kw)) - L_of(forward(Pm, **kw))) / (2 * EPS)
    return g


def fd_var(var, n):
    g = np.zeros((n, 1))
    for i in range(n):
        d = np.zeros((n, 1))
        d[i] = EPS
        g[i] = (L_of(forward(P, {var: (tE, d)})) - L_of(forward(P, {var: (tE, -d)}))) / (2 * EPS)
    return g


def conformable(*mats):
    """True if the left-to-right matrix product of mats is defined."""
    try:
        out = mats[0]
        for m in mats[1:]:
            out = out @ m
        return True
    except ValueError:
        return False


cache = forward(P)
C = cache[tE]
y, h, hprev, z, o = C["y"], C["h"], C["hprev"], C["z"], C["o"]
onehot = np.zeros((od, 1)); onehot[c] = 1
g = y - onehot                                  # true dL_t/do_t
gh_true = fd_var("h", hd)                       # dL_t/dh_t
gz_true = fd_var("z", hd)                       # dL_t/dz_t
gWhh = fd_param("W_hh"); gWxh = fd_param("W_xh"); gbh = fd_param("b_h")
gWhy = fd_param("W_hy"); gby = fd_param("b_y")
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

res = {}
# ---- forward rows ----
zz = P["W_hh"] @ hprev + P["W_xh"] @ xs[tE] + P["b_h"]
res[17] = close(zz, z)
res[19] = close(np.tanh(z), h)
res[27] = close(P["W_hy"] @ h + P["b_y"], o)
res[29] = close(np.exp(o) / np.exp(o).sum(), y)
res[35], res[36], res[37], res[38] = res[17], res[19], res[27], res[29]
res[154], res[155], res[156], res[157] = res[17], res[19], res[27], res[29]
# ---- loss ----
res[51] = True
res[55] = close(-np.sum(onehot * np.log(y)), L_of(cache))
# ---- dL/dy (L_t as function of the probability vector) ----
gy_fd = np.zeros((od, 1))
for i in range(od):
    yp = y.copy(); ym = y.copy(); yp[i] += EPS; ym[i] -= EPS
    gy_fd[i] = (-np.log(yp[c, 0]) + np.log(ym[c, 0])) / (2 * EPS)
author_gy = np.array([[-1 / y[c, 0]] if i == c else [0.0] for i in range(od)])
res[67] = close(author_gy, gy_fd)
# ---- dL/do ----
go_fd = fd_var("o", od)
res[74] = close(g, go_fd)
res[78] = close(np.array([[y[i, 0] - 1] if i == c else [y[i, 0]] for i in range(od)]), go_fd)
# ---- output-layer weights ----
J_yo = np.diag(y[:, 0]) - y @ y.T                # dy/do (numerator layout)
# line 85/87: symbolic chain rules; contract true factors (numerator layout) and compare
chainW = np.einsum("a,ak,kij->ij", gy_fd[:, 0], J_yo,
                   np.einsum("ki,j->kij", np.eye(od), h[:, 0]))
res[85] = close(chainW, gWhy)
res[87] = close((gy_fd.T @ J_yo @ np.eye(od)).T, gby) and close((gy_fd.T @ J_yo).T, gby)
# line 90: do/dW_hy = h_t^T  (shorthand: do_k/dW_hy[i,j] = delta_ki h_j)
Jw = np.zeros((od, od, hd))
for idx in np.ndindex(od, hd):
    Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
    Pp["W_hy"][idx] += EPS; Pm["W_hy"][idx] -= EPS
    Jw[:, idx[0], idx[1]] = ((forward(Pp)[tE]["o"] - forward(Pm)[tE]["o"]) / (2 * EPS))[:, 0]
res[90] = close(Jw, np.einsum("ki,j->kij", np.eye(od), h[:, 0]))
res[91] = True                                  # do/db_y = I (o is affine in b_y with unit slope)
res[95] = close(g @ h.T, gWhy)
res[97] = close(g, gby)
res[163], res[164] = res[95], res[97]
# ---- hidden state: author writes (y - onehot) x W_hy^T  -> not conformable in any reading ----
Joh = np.zeros((od, hd))
for i in range(hd):
    d = np.zeros((hd, 1)); d[i] = EPS
    Joh[:, i] = ((forward(P, {"h": (tE, d)})[tE]["o"] - forward(P, {"h": (tE, -d)})[tE]["o"]) / (2 * EPS))[:, 0]
res[106] = close(Joh.T, P["W_hy"].T)             # denominator-layout Jacobian do/dh = W_hy^T
bad_order = (not conformable(g, P["W_hy"].T)) and (not conformable(g.T, P["W_hy"].T))
res[103] = not bad_order                         # False -> fail
assert close(P["W_hy"].T @ g, gh_true)           # the correct right side
# ---- pre-activation ----
dhdz = np.zeros((hd, hd))
for i in range(hd):
    d = np.zeros((hd, 1)); d[i] = EPS
    dhdz[:, i] = ((forward(P, {"z": (tE, d)})[tE]["h"] - forward(P, {"z": (tE, -d)})[tE]["h"]) / (2 * EPS))[:, 0]
res[113] = close(dhdz, np.diag(1 - h[:, 0] ** 2))
res[110] = close(gz_true, gh_true * np.diag(dhdz)[:, None])
res[117] = close(gh_true * (1 - h ** 2), gz_true)
res[119] = conformable(g, P["W_hy"].T)          # False -> fail (order); correct: (W_hy^T g) * (1-h^2)
assert close((P["W_hy"].T @ g) * (1 - h ** 2), gz_true)
# ---- recurrent weights ----
# line 123: dL/dW_hh = dL/dz_t x dz_t/dW_hh, with dz_t/dW_hh the TOTAL derivative (incl. via h_{t-1})
Jz_tot = np.zeros((hd, hd, hd))
for idx in np.ndindex(hd, hd):
    Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
    Pp["W_hh"][idx] += EPS; Pm["W_hh"][idx] -= EPS
    Jz_tot[:, idx[0], idx[1]] = ((forward(Pp)[tE]["z"] - forward(Pm)[tE]["z"]) / (2 * EPS))[:, 0]
res[123] = close(np.einsum("k,kij->ij", gz_true[:, 0], Jz_tot), gWhh)
# lines 126-128: local partials with h_{t-1} held fixed
Jz_loc = np.zeros((hd, hd, hd))
for idx in np.ndindex(hd, hd):
    Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
    Pp["W_hh"][idx] += EPS; Pm["W_hh"][idx] -= EPS
    Jz_loc[:, idx[0], idx[1]] = ((forward(Pp, freeze_hprev=hprev)[tE]["z"]
                                  - forward(Pm, freeze_hprev=hprev)[tE]["z"]) / (2 * EPS))[:, 0]
res[126] = close(Jz_loc, np.einsum("ki,j->kij", np.eye(hd), hprev[:, 0]))
Jx_loc = np.zeros((hd, hd, F))
for idx in np.ndindex(hd, F):
    Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
    Pp["W_xh"][idx] += EPS; Pm["W_xh"][idx] -= EPS
    Jx_loc[:, idx[0], idx[1]] = ((forward(Pp, freeze_hprev=hprev)[tE]["z"]
                                  - forward(Pm, freeze_hprev=hprev)[tE]["z"]) / (2 * EPS))[:, 0]
res[127] = close(Jx_loc, np.einsum("ki,j->kij", np.eye(hd), xs[tE][:, 0]))
res[128] = True                                  # dz_t/db_h (local) = I
# lines 132/134/136: local term only -> misses the paths through h_{t-1}, h_{t-2}, ...
res[132] = close(gz_true @ hprev.T, gWhh)
res[134] = close(gz_true @ xs[tE].T, gWxh)
res[136] = close(gz_true, gbh)
# boxed finals: non-conformable order, and even reordered they equal the local terms above
res[140] = conformable(g, P["W_hy"].T) and res[132]
res[142] = conformable(g, P["W_hy"].T) and res[134]
res[144] = conformable(g, P["W_hy"].T) and res[136]
res[165], res[166], res[167] = res[140], res[142], res[144]
# line 101: author chain (1 x od)(od x od) then x W_hy^T (hd x od): undefined product
res[101] = conformable(gy_fd.T, J_yo, P["W_hy"].T)

# line 42: "dL_t/dz_t = dL_t/dh_t * 1 - h_t^2" -- literal precedence gives dL/dh - h^2 (wrong),
# the author's intent (line 41 and the companion notebook: "\\times (1 - h_t^2)") is dL/dh * (1 - h^2).
literal42 = close(gh_true * 1 - h ** 2, gz_true)
assert not literal42
LATEX = {4: [17], 5: [19], 8: [27], 9: [29], 14: [51], 15: [55], 20: [67], 23: [74], 26: [78],
         29: [85, 87], 30: [90], 31: [91], 32: [95], 33: [97], 36: [101], 37: [103], 38: [106],
         40: [110], 41: [113], 42: [117], 43: [119], 45: [123], 46: [126], 47: [127], 48: [128],
         49: [132, 134, 136], 50: [140], 51: [142], 52: [144]}
res_plain = {k: all(res[j] for j in v) for k, v in LATEX.items()}
VERDICT = {4: True, 5: True, 8: True, 9: True, 14: True, 15: True, 20: True, 23: True, 26: True,
           29: True, 30: True, 31: True, 32: True, 33: True, 36: False, 37: False, 38: True,
           40: True, 41: True, 42: True, 43: False, 45: True, 46: True, 47: True, 48: True,
           49: False, 50: False, 51: False, 52: False}
for k, v in sorted(VERDICT.items()):
    assert res_plain[k] == v, (k, res_plain[k], v)
    print(f"line {k:4d}: {'pass' if v else 'FAIL'}")
print("all verdicts confirmed;", sum(VERDICT.values()), "pass,", len(VERDICT) - sum(VERDICT.values()), "fail")
