"""FD check for lstm_cell_highway_zh.md (column-vector LSTM, separate W_x*, W_h* per gate).
Forward L23-26, L34-35. Loss for checking: L = sum_t g_t . h_t (fixed random g_t = direct dL/dh_t)."""
import numpy as np
rng = np.random.default_rng(1)
dx, dh, T = 3, 4, 4
sig = lambda z: 1 / (1 + np.exp(-z))
P = {}
for g in "ifoc":
    P["Wx" + g] = rng.normal(size=(dh, dx)) * 0.6
    P["Wh" + g] = rng.normal(size=(dh, dh)) * 0.6
    P["b" + g] = rng.normal(size=(dh, 1)) * 0.2
X = [rng.normal(size=(dx, 1)) for _ in range(T)]
Gout = [rng.normal(size=(dh, 1)) for _ in range(T)]
h0 = rng.normal(size=(dh, 1)) * 0.3; c0 = rng.normal(size=(dh, 1)) * 0.3

def step(P, x, h, c):
    i = sig(P["Wxi"] @ x + P["Whi"] @ h + P["bi"])     # L23
    f = sig(P["Wxf"] @ x + P["Whf"] @ h + P["bf"])     # L24
    o = sig(P["Wxo"] @ x + P["Who"] @ h + P["bo"])     # L25
    ct = np.tanh(P["Wxc"] @ x + P["Whc"] @ h + P["bc"])  # L26
    cn = f * c + i * ct                                # L34
    hn = o * np.tanh(cn)                               # L35
    return i, f, o, ct, cn, hn

def run(P, h0=h0, c0=c0):
    hs, cs, cache = [h0], [c0], []
    for t in range(T):
        i, f, o, ct, c, h = step(P, X[t], hs[-1], cs[-1])
        cache.append((i, f, o, ct)); hs.append(h); cs.append(c)
    return hs, cs, cache

def loss(P, h0=h0, c0=c0):
    hs, _, _ = run(P, h0, c0)
    return sum((Gout[t].T @ hs[t + 1]).item() for t in range(T))

# author's BPTT, L165-L211 ("同理" for f, o, c)
hs, cs, cache = run(P)
grads = {k: np.zeros_like(v) for k, v in P.items()}
hbar_next = np.zeros((dh, 1)); cbar_future = np.zeros((dh, 1))
for t in reversed(range(T)):
    i, f, o, ct = cache[t]; c, cprev, hprev = cs[t + 1], cs[t], hs[t]
    hbar = Gout[t] + hbar_next
    obar = hbar * np.tanh(c)                                # L165
    cbar = cbar_future + hbar * o * (1 - np.tanh(c) ** 2)   # L166 (+= onto the future part)
    fbar = cbar * cprev                                     # L174
    ibar = cbar * ct                                        # L175
    ctbar = cbar * i                                        # L176
    cbar_future = cbar * f                                  # L177
    d = {"i": ibar * i * (1 - i),                          # L185
         "f": fbar * f * (1 - f),                          # L186
         "o": obar * o * (1 - o),                          # L187
         "c": ctbar * (1 - ct ** 2)}                       # L188
    hbar_next = sum(P["Wh" + g].T @ d[g] for g in "ifoc")   # L195
    for g in "ifoc":
        grads["Wx" + g] += d[g] @ X[t].T                   # L206-207 (and 同理)
        grads["Wh" + g] += d[g] @ hprev.T                  # L208-209
        grads["b" + g] += d[g]                             # L210-211

def fd_param(k, e=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        old = P[k][idx]; P[k][idx] = old + e; lp = loss(P); P[k][idx] = old - e; lm = loss(P); P[k][idx] = old
        g[idx] = (lp - lm) / (2 * e)
    return g

def rep(name, a, n, tol=1e-6):
    err = np.max(np.abs(a - n)) / max(1e-12, np.max(np.abs(n)))
    print(f"{name:58s} rel.err {err:.2e}  {'AGREE' if err < tol else 'DISAGREE'}")

for k in ["Wxi", "Whi", "bi", "Wxf", "Whf", "bf", "Wxo", "Who", "bo", "Wxc", "Whc", "bc"]:
    rep(f"L165-L211 dL/d{k} accumulated over t", grads[k], fd_param(k))
# h0 / c0 gradients = final hbar_{t-1} (L195) and cbar_{t-1} (L177)
def fd_state(which, e=1e-6):
    g = np.zeros((dh, 1))
    for j in range(dh):
        a, b_ = h0.copy(), c0.copy()
        (a if which == "h" else b_)[j] += e; lp = loss(P, a, b_)
        (a if which == "h" else b_)[j] -= 2 * e; lm = loss(P, a, b_)
        g[j] = (lp - lm) / (2 * e)
    return g
rep("L195 hbar_0 (sum of W_h*^T delta, recursion)", hbar_next, fd_state("h"))
rep("L177 cbar_0 = cbar_1 * f_1 (recursion)", cbar_future, fd_state("c"))

# Jacobian claims L59-L97: at step t=2 (index 1), c_t as a function of c_{t-1}
t = 1
def c_of(cprev, gates_fixed=True):
    if gates_fixed:
        i, f, o, ct = cache[t]; return f * cprev + i * ct
    hprev = cache[t - 1][2] * np.tanh(cprev)        # h_{t-1} = o_{t-1} tanh(c_{t-1}), o_{t-1} fixed
    return step(P, X[t], hprev, cprev)[4]
def jac(fun, x, e=1e-6):
    J = np.zeros((dh, dh))
    for j in range(dh):
        a = x.copy(); a[j] += e; b_ = x.copy(); b_[j] -= e
        J[:, j] = ((fun(a) - fun(b_)) / (2 * e)).ravel()
    return J
cprev = cs[t]
rep("L59 carry Jacobian dc_t/dc_{t-1}|gates = diag(f_t)", np.diagflat(cache[t][1]), jac(lambda z: c_of(z, True), cprev))
Jfull = jac(lambda z: c_of(z, False), cprev)
# author's L89-L97 with the gate Jacobians through h_{t-1}
o_prev = cache[t - 1][2]; dh_dc = np.diagflat(o_prev * (1 - np.tanh(cprev) ** 2))
i, f, o, ct = cache[t]
dfdc = np.diagflat(f * (1 - f)) @ P["Whf"] @ dh_dc
didc = np.diagflat(i * (1 - i)) @ P["Whi"] @ dh_dc
dctdc = np.diagflat(1 - ct ** 2) @ P["Whc"] @ dh_dc
rep("L89-L97 full Jacobian = diag(f)+diag(c)df/dc+diag(ct)di/dc+diag(i)dct/dc",
    np.diagflat(f) + np.diagflat(cprev) @ dfdc + np.diagflat(ct) @ didc + np.diagflat(i) @ dctdc, Jfull)
print("   (full Jacobian differs from diag(f_t) by max", np.abs(Jfull - np.diagflat(f)).max().round(4), ")")
# L66/L77 product of carry Jacobians over several steps with all gates frozen
fs = [cache[k][1] for k in range(T)]
def cT_of(c1):
    c = c1
    for k in range(1, T):
        c = fs[k] * c + cache[k][0] * cache[k][3]
    return c
rep("L66/L77 carry gain dc_T/dc_s = prod f (gates frozen)", np.diagflat(np.prod(fs[1:], axis=0)), jac(cT_of, cs[1]))

# numeric example L125-L146, L222-L244 (scalar gates fixed, c_0 = 1)
F = [0.90, 0.80, 0.95]; I = [0.20, 0.30, 0.10]; CT = [0.50, -0.40, 0.30]; O = [0.80, 0.70, 0.60]
c = 1.0; rows = []
for k in range(3):
    c = F[k] * c + I[k] * CT[k]; rows.append((c, O[k] * np.tanh(c)))
tab = [(1.000000000000, 0.609275324765), (0.680000000000, 0.414063576802), (0.676000000000, 0.353347693657)]
for k in range(3):
    ok = abs(rows[k][0] - tab[k][0]) < 5e-12 and abs(rows[k][1] - tab[k][1]) < 5e-12
    print(f"L{125+k} table row t={k+1}: c={rows[k][0]:.12f} h={rows[k][1]:.12f}  {'AGREE' if ok else 'DISAGREE'}")
print("L132 c_1 = 1:", "AGREE" if abs(0.9 * 1 + 0.2 * 0.5 - 1) < 1e-12 else "DISAGREE")
print("L138 c_2 = 0.68:", "AGREE" if abs(0.8 * 1 + 0.3 * (-0.4) - 0.68) < 1e-12 else "DISAGREE")
print("L146 carry gain 0.684:", "AGREE" if abs(0.90 * 0.80 * 0.95 - 0.684) < 1e-12 else "DISAGREE")
cb2 = 0.7 * (1 - np.tanh(0.68) ** 2)
# FD: with hbar_2 = 1 (L = h_2), gates fixed: dL/dc_2
fd_cb2 = (0.7 * np.tanh(0.68 + 1e-7) - 0.7 * np.tanh(0.68 - 1e-7)) / 2e-7
claims = [("L222-224 cbar_2", cb2, 0.455073363380), ("   cbar_2 vs FD dh_2/dc_2", fd_cb2, 0.455073363380),
          ("L231 cbar_1 (= cbar_2 f_2)", cb2 * 0.8, 0.364058690704), ("L232 fbar_2 (= cbar_2 c_1)", cb2 * 1, 0.455073363380),
          ("L233 ibar_2 (= cbar_2 ct_2)", cb2 * -0.4, -0.182029345352), ("L234 ctbar_2 (= cbar_2 i_2)", cb2 * 0.3, 0.136522009014),
          ("L242 delta^f_2", cb2 * 1 * 0.8 * 0.2, 0.072811738141), ("L243 delta^i_2", cb2 * -0.4 * 0.3 * 0.7, -0.038226162524),
          ("L244 delta^c_2", cb2 * 0.3 * (1 - 0.4 ** 2), 0.114678487572)]
for name, v, claim in claims:
    print(f"{name:40s} computed {v:.12f} claimed {claim:.12f}  {'AGREE' if abs(v - claim) < 5e-9 else 'DISAGREE'}")
