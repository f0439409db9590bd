"""FD check of akiba_rabbit_day3_bptt.tex (hiroya-akiba/rabbit_challenge @ 3ddec86, Japanese LaTeX report).
Author's model (column vectors, index notation): u^t = W_in x^t + W z^{t-1} (bias folded into W_in via x_0=1),
z^t = f(u^t), v^t = W_out z^t + c, y^t = g(v^t).  We take f = tanh (hidden), g = sigmoid (output),
E = 1/2 sum_t ||y^t - d^t||^2.  delta_j^t := dE/du_j^t (total, pre-activation), delta_k^t := dE/dv_k^t.
Each row is evaluated as written (with true values of what it uses) and compared to central FD in float64."""
import numpy as np

rng = np.random.default_rng(58)
I, J, K, T = 3, 4, 2, 5
Win = rng.normal(0, .7, (J, I)); W = rng.normal(0, .7, (J, J)); Wout = rng.normal(0, .7, (K, J)); c = rng.normal(0, .3, K)
X = rng.normal(size=(T + 2, I)); D = rng.uniform(.1, .9, size=(T + 2, K))
f = np.tanh; fp = lambda u: 1 - np.tanh(u) ** 2
g = lambda v: 1 / (1 + np.exp(-v)); gp = lambda v: g(v) * (1 - g(v))
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)

def forward(Win, W, Wout, c, du=None, dz=None, dv=None):
    z = {0: np.zeros(J)}; u = {}; v = {}; y = {}; E = 0.0
    for t in range(1, T + 1):
        u[t] = Win @ X[t] + W @ z[t - 1]
        if du is not None and du[0] == t: u[t] = u[t] + du[1]
        z[t] = f(u[t])
        if dz is not None and dz[0] == t: z[t] = z[t] + dz[1]
        v[t] = Wout @ z[t] + c
        if dv is not None and dv[0] == t: v[t] = v[t] + dv[1]
        y[t] = g(v[t]); E += 0.5 * np.sum((y[t] - D[t]) ** 2)
    return E, u, z, v, y

E0, u, z, v, y = forward(Win, W, Wout, c)
e = 1e-6
def fd_vec(kind, t, n):
    out = np.zeros(n)
    for i in range(n):
        d = np.zeros(n); d[i] = e
        kw_p = {kind: (t, d)}; kw_m = {kind: (t, -d)}
        out[i] = (forward(Win, W, Wout, c, **kw_p)[0] - forward(Win, W, Wout, c, **kw_m)[0]) / (2 * e)
    return out
def fd_par(name):
    P = dict(Win=Win, W=W, Wout=Wout, c=c); G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: a.copy() for k, a in P.items()}; Pm = {k: a.copy() for k, a in P.items()}
        Pp[name][idx] += e; Pm[name][idx] -= e
        G[idx] = (forward(**Pp)[0] - forward(**Pm)[0]) / (2 * e)
    return G

dU = {t: fd_vec('du', t, J) for t in range(1, T + 1)}; dU[T + 1] = np.zeros(J)   # true delta_j^t
dV = {t: fd_vec('dv', t, K) for t in range(1, T + 1)}                            # true delta_k^t
dZ = {t: fd_vec('dz', t, J) for t in range(1, T + 1)}                            # true total dE/dz^t
res = {}

# forward rows 33, 46, 50-53, 64: re-implement with explicit index sums and compare
ok = True; zz = np.zeros(J)
for t in range(1, T + 1):
    uj = np.array([sum(Win[j, i] * X[t][i] for i in range(I)) + sum(W[j, jp] * zz[jp] for jp in range(J)) for j in range(J)])
    ok &= close(uj, u[t]); zz = f(uj); ok &= close(zz, z[t])
    ok &= close(Wout @ zz + c, v[t]) and close(g(Wout @ zz + c), y[t])
for r in (33, 46, 50, 51, 52, 53, 64): res[r] = ok

# 70/71: generic rule dE/dw_ji = sum_t delta_j^t z_i^t, with z_i = activation feeding w_ji (x_i for W_in)
gWin = sum(np.outer(dU[t], X[t]) for t in range(1, T + 1))
res[70] = res[71] = close(gWin, fd_par('Win'))
# 75: delta_j = dE/dz_j * dz_j/du_j
res[75] = all(close(dZ[t] * fp(u[t]), dU[t]) for t in range(1, T + 1))
# 80: definition delta_j^t = dE/du_j^t (true by construction; check FD consistency via 81)
# 81: delta_j^t = sum_k dE/dv_k dv_k/du_j + sum_j' dE/du_j'^{t+1} du_j'^{t+1}/du_j^t  (Jacobians by FD)
def jac(fun, x0):
    Jm = np.zeros((fun(x0).size, x0.size))
    for i in range(x0.size):
        d = np.zeros(x0.size); d[i] = e
        Jm[:, i] = (fun(x0 + d) - fun(x0 - d)) / (2 * e)
    return Jm
ok81 = True; ok85 = True; ok87 = True; ok88 = True; ok94 = True; ok97 = True; ok101 = True
for t in range(1, T + 1):
    Jvu = jac(lambda uu: Wout @ f(uu) + c, u[t])                     # dv^t/du^t
    Juu = jac(lambda uu: Win @ X[t + 1] + W @ f(uu), u[t])           # du^{t+1}/du^t
    term1 = dV[t] @ Jvu; term2 = dU[t + 1] @ Juu
    ok81 &= close(term1 + term2, dU[t])
    ok85 &= close(term1, dV[t] @ Jvu)                                 # identity dE/dv = delta_k
    ok87 &= close(dV[t] @ Wout * fp(u[t]), term1)                     # 86/87: W_kj dz_j/du_j
    ok88 &= not close(dV[t] @ Wout * gp(u[t]), term1)                 # 88/89: g' instead of f'
    ok94 &= close(term2, dU[t + 1] @ Juu)
    ok97 &= close((dU[t + 1] @ W) * fp(u[t]), term2)                  # 95-97
    ok101 &= not close(dV[t] @ Wout * gp(u[t]) + (dU[t + 1] @ W) * fp(u[t]), dU[t])
    ok101 &= close(dV[t] @ Wout * fp(u[t]) + (dU[t + 1] @ W) * fp(u[t]), dU[t])  # corrected row
res[80] = res[81] = ok81; res[85] = res[86] = ok85 and ok87; res[87] = ok87
res[88] = res[89] = ok88; res[94] = res[95] = res[96] = ok94 and ok97; res[97] = ok97; res[101] = ok101
# also: delta_k^t itself is dE/dv_k = (y-d) g'(v)
assert all(close(dV[t], (y[t] - D[t]) * gp(v[t])) for t in range(1, T + 1))
# 106/107, 110/111, 114/115
res[106] = res[107] = close(gWin, fd_par('Win'))
res[110] = res[111] = close(sum(np.outer(dU[t], z[t - 1]) for t in range(1, T + 1)), fd_par('W'))
res[114] = res[115] = close(sum(np.outer(dV[t], z[t]) for t in range(1, T + 1)), fd_par('Wout'))

# LSTM forward code rows 168-178 vs a per-gate reference LSTM (W: 4H x D, U: 4H x H, order a, ai, af, ao)
sig = g; N, Dd, H = 2, 3, 4
x = rng.normal(size=(N, Dd)); ph = rng.normal(size=(N, H)); pc = rng.normal(size=(N, H))
Wl = rng.normal(size=(4 * H, Dd)); Ul = rng.normal(size=(4 * H, H)); bl = rng.normal(size=4 * H)
a = np.dot(x, Wl.T) + np.dot(ph, Ul.T) + bl
a, ai, af, ao = np.split(a, 4, axis=1)
ig = sig(ai); fg = sig(af); og = sig(ao)
cc = fg * pc + ig * np.tanh(a); hh = og * np.tanh(cc)
pre = lambda k: x @ Wl[k * H:(k + 1) * H].T + ph @ Ul[k * H:(k + 1) * H].T + bl[k * H:(k + 1) * H]
c_ref = sig(pre(2)) * pc + sig(pre(1)) * np.tanh(pre(0)); h_ref = sig(pre(3)) * np.tanh(c_ref)
okl = close(a, pre(0)) and close(ai, pre(1)) and close(af, pre(2)) and close(ao, pre(3)) and close(cc, c_ref) and close(hh, h_ref)
for r in (168, 169, 172, 173, 174, 177, 178): res[r] = okl

# GRU rows 192-199
WR, UR, WU, UU = (rng.normal(size=(J, I)), rng.normal(size=(J, J)), rng.normal(size=(J, I)), rng.normal(size=(J, J)))
xt = rng.normal(size=I); zprev = rng.normal(size=J)
gR = sig(WR @ xt + UR @ zprev); gU = sig(WU @ xt + UU @ zprev)
res[198] = res[199] = bool(np.all((gR > 0) & (gR < 1)) and np.all((gU > 0) & (gU < 1)))
u_t = Win @ xt + W @ (gR * zprev)
# 192 read as W (g^R ⊙ z^{t-1}); with g^R = 1 it reduces to W z^{t-1}, as the author's prose says
res[192] = close(Win @ xt + W @ (np.ones(J) * zprev), Win @ xt + W @ zprev)
# 193: s^t on both sides. The GRU state with s^{t-1} = z^{t-1}:
s_true = gU * zprev + (1 - gU) * f(u_t)
res[193] = not close(s_true, gU * s_true + (1 - gU) * f(u_t))   # the written fixed-point equation is violated
# (it only admits s^t = f(u^t), dropping the memory path through s^{t-1})
res[194] = True   # z^t = s^t : output equals state, definitional

expected = {33: 1, 46: 1, 50: 1, 51: 1, 52: 1, 53: 1, 64: 1, 70: 1, 71: 1, 75: 1, 80: 1, 81: 1, 85: 1, 86: 1, 87: 1,
            88: 0, 89: 0, 94: 1, 95: 1, 96: 1, 97: 1, 101: 0, 106: 1, 107: 1, 110: 1, 111: 1, 114: 1, 115: 1,
            168: 1, 169: 1, 172: 1, 173: 1, 174: 1, 177: 1, 178: 1, 192: 1, 193: 0, 194: 1, 198: 1, 199: 1}
# res[r] is True when the FD evidence supports the verdict (match for pass rows, mismatch for fail rows)
for r, exp in expected.items():
    assert res[r], f"row {r}: FD evidence does not support verdict {'pass' if exp else 'fail'}"
print(f"akiba: {len(expected)} rows checked, {sum(expected.values())} pass, {len(expected)-sum(expected.values())} fail -> OK")
