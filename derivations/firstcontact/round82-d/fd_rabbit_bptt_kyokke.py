# Finite-difference check of rabbit_bptt_kyokke.md (kyokke, Rabbit Challenge BPTT notes).
# Author's model (scalar first, later vectors):
#   u^t = W_in x^t + W z^{t-1} + b,  z^t = f(u^t),  v^t = W_out z^t + c,  y^t = g(v^t),
#   E^t = L(y^t, d^t),  E = sum_t E^t.   delta^{t,tau} := dE^t/du^tau,  delta^{out,t} := dE^t/dv^t.
# Here f = tanh, g = sigmoid, L = 0.5 (y-d)^2.  numpy only.
import numpy as np

rng = np.random.default_rng(0)
f = np.tanh
fp = lambda u: 1 - np.tanh(u) ** 2
g = lambda v: 1 / (1 + np.exp(-v))
gp = lambda v: g(v) * (1 - g(v))
T = 4
eps = 1e-6
results = []


def report(line, ok, expect, what):
    tag = "agree" if ok else "DISAGREE"
    results.append((line, ok, expect))
    print(f"line {line:3d}: {tag:8s} (expected {expect}) {what}")


def close(a, b, tol=1e-5):
    return np.allclose(a, b, rtol=tol, atol=tol)


# ---------------- scalar case ----------------
P = dict(Win=0.7, W=0.9, Wout=1.3, b=0.1, c=-0.2)
x = rng.normal(size=T + 1)  # x[1..T]
d = rng.uniform(size=T + 1)
z0 = 0.3


def fwd(P, du=None):
    """du: dict tau -> additive perturbation of u^tau."""
    z = {0: z0}; u = {}; v = {}; y = {}; Et = {}
    for t in range(1, T + 1):
        u[t] = P["Win"] * x[t] + P["W"] * z[t - 1] + P["b"] + (du.get(t, 0.0) if du else 0.0)
        z[t] = f(u[t]); v[t] = P["Wout"] * z[t] + P["c"]; y[t] = g(v[t])
        Et[t] = 0.5 * (y[t] - d[t]) ** 2
    return z, u, v, y, Et


z, u, v, y, Et = fwd(P)


def dEt_dparam(t, name):
    Pp = dict(P); Pm = dict(P); Pp[name] += eps; Pm[name] -= eps
    return (fwd(Pp)[4][t] - fwd(Pm)[4][t]) / (2 * eps)


def dE_dparam(name):
    return sum(dEt_dparam(t, name) for t in range(1, T + 1))


def dEt_du(t, tau):  # delta^{t,tau}
    return (fwd(P, {tau: eps})[4][t] - fwd(P, {tau: -eps})[4][t]) / (2 * eps)


def dE_du(tau):
    return sum(dEt_du(t, tau) for t in range(1, T + 1))


def dz_dparam(t, name):
    Pp = dict(P); Pm = dict(P); Pp[name] += eps; Pm[name] -= eps
    return (fwd(Pp)[0][t] - fwd(Pm)[0][t]) / (2 * eps)


dout = {t: (y[t] - d[t]) * gp(v[t]) for t in range(1, T + 1)}          # line 111 / 58
dtt = {t: dEt_du(t, t) for t in range(1, T + 1)}                       # delta^{t,t} (FD)
W, Wout = P["W"], P["Wout"]

# line 57: dE^t/dW_out = delta^{out,t} z^t
report(57, close(dEt_dparam(3, "Wout"), dout[3] * z[3]), "pass", "dE^3/dWout = delta_out z^3")
# line 58: delta^{out,t} = dE/dv^t = dE^t/dv^t  (v^t only feeds E^t)
report(58, True, "pass", "v^t enters only E^t (by construction)")
# line 59: dE^t/dW = delta_out W_out dz^t/dW
report(59, close(dEt_dparam(3, "W"), dout[3] * Wout * dz_dparam(3, "W")), "pass", "dE^3/dW = d_out Wout dz^3/dW")
# line 61: dz^1/dW = f'(u^1) z^0
report(61, close(dz_dparam(1, "W"), fp(u[1]) * z0), "pass", "dz^1/dW = f'(u^1) z^0")
# line 62/63: dE^1/dW = delta^{1,1} z^0, delta^{t,t} = dE^t/dz^t f'(u^t)
report(62, close(dEt_dparam(1, "W"), dtt[1] * z0), "pass", "dE^1/dW = delta^{1,1} z^0")
report(63, close(dtt[2], dout[2] * Wout * fp(u[2])), "pass", "delta^{t,t} = dE^t/dz^t f'(u^t)")
# line 67: dz^2/dW = f'(u^2) z^1 + f'(u^2) W dz^1/dW
report(67, close(dz_dparam(2, "W"), fp(u[2]) * z[1] + fp(u[2]) * W * dz_dparam(1, "W")), "pass", "dz^2/dW product rule")
# line 71: dE^2/dW = dE^2/dz^2 (...)
report(71, close(dEt_dparam(2, "W"), dout[2] * Wout * (fp(u[2]) * z[1] + fp(u[2]) * W * dz_dparam(1, "W"))), "pass", "")
# line 72: = delta^{2,2} z^1 + delta^{2,2} W f'(u^1) z^0 = delta^{2,2} z^1 + delta^{1,1} z^0
mid = dtt[2] * z[1] + dtt[2] * W * fp(u[1]) * z0
report(72, close(dEt_dparam(2, "W"), mid), "pass", "middle expression of line 72 (correct)")
report(72, close(dEt_dparam(2, "W"), dtt[2] * z[1] + dtt[1] * z0), "fail",
       "last expression delta^{2,2} z^1 + delta^{1,1} z^0 (should be delta^{2,1})")
# lines 80-83: dE^3/dW = sum_k delta^{3,3} prod_{m=k}^{2} W f'(u^m) z^{k-1} = sum_k delta^{3,k} z^{k-1}
s81 = sum(dout[3] * Wout * fp(u[3]) * np.prod([W * fp(u[m]) for m in range(k, 3)]) * z[k - 1] for k in range(1, 4))
report(81, close(dEt_dparam(3, "W"), s81), "pass", "sum_k dE3/dz3 f'(u3) prod_{m=k}^{2} W f'(u^m) z^{k-1}")
report(83, close(dEt_dparam(3, "W"), sum(dEt_du(3, k) * z[k - 1] for k in range(1, 4))), "pass", "sum_k delta^{3,k} z^{k-1}")
# line 84: delta^{t,t-1} = dE/du^t du^t/du^{t-1}   (E = sum_t E^t, line 46)
t = 2
rhs84 = dE_du(t) * W * fp(u[t - 1])
report(84, close(dEt_du(t, t - 1), rhs84), "fail", "delta^{2,1} vs dE/du^2 * du^2/du^1 (E total)")
# line 85: delta^{t,t-1} = delta^{t,t} W f'(u^{t-1})
report(85, close(dEt_du(3, 2), dtt[3] * W * fp(u[2])), "pass", "delta^{3,2} = delta^{3,3} W f'(u^2)")
# line 88: dz^t/dW = sum_{k=1}^t f'(u^t) prod_{m=k}^{t} W f'(u^m) z^{k-1}
t = 3
s88 = sum(fp(u[t]) * np.prod([W * fp(u[m]) for m in range(k, t + 1)]) * z[k - 1] for k in range(1, t + 1))
s88ok = sum(fp(u[t]) * np.prod([W * fp(u[m]) for m in range(k, t)]) * z[k - 1] for k in range(1, t + 1))
report(88, close(dz_dparam(t, "W"), s88), "fail", "as written (prod up to m=t)")
print("          (with prod up to m=t-1 it would agree:", close(dz_dparam(t, "W"), s88ok), ")")
# line 87/89/90/91
dz3_du2 = (fwd(P, {2: eps})[0][3] - fwd(P, {2: -eps})[0][3]) / (2 * eps)
report(90, close(dz3_du2 / fp(u[2]), fp(u[3]) * W), "pass", "dz^3/dz^2 = f'(u^3) W")
report(91, close(dEt_dparam(4, "W"), sum(dEt_du(4, k) * z[k - 1] for k in range(1, 5))), "pass", "dE^t/dW = sum_k delta^{t,k} z^{k-1}")
# line 94: dz^t/dW_in = sum f'(u^t) prod_{m=k}^{t} W f'(u^m) x^k
s94 = sum(fp(u[t]) * np.prod([W * fp(u[m]) for m in range(k, t + 1)]) * x[k] for k in range(1, t + 1))
report(94, close(dz_dparam(t, "Win"), s94), "fail", "as written (prod up to m=t)")
report(95, close(dEt_dparam(4, "Win"), sum(dEt_du(4, k) * x[k] for k in range(1, 5))), "pass", "dE^t/dWin = sum_k delta^{t,k} x^k")
# line 100: delta^{t,t-1} = delta^{t,t} W f'(u^{t-1}) W
report(100, close(dEt_du(3, 2), dtt[3] * W * fp(u[2]) * W), "fail", "extra factor W")
# line 101: truncated sum_{k=1}^{T} delta^{t,t-k} x^{t-k}  (no truncation needed at T=t-1)
t = 4
full = dEt_dparam(t, "Win")
s101 = sum(dEt_du(t, t - k) * x[t - k] for k in range(1, t))
report(101, close(full, s101), "fail", "sum starting at k=1 drops delta^{t,t} x^t")
print("          (starting at k=0 it would agree:", close(full, sum(dEt_du(t, t - k) * x[t - k] for k in range(0, t))), ")")
# line 111: delta^{out,t} = L'(y) g'(v)
report(111, close(dout[2], (fwd({**P, "c": P["c"] + eps})[4][2] - fwd({**P, "c": P["c"] - eps})[4][2]) / (2 * eps)), "pass", "delta_out = dE^t/dv^t")
# line 115: delta^{t,t} = delta^{out,t} W_out ; delta^{t,t-p-1} = delta^{t,t-p} W f(u^{t-p})
report(115, close(dtt[3], dout[3] * Wout), "fail", "delta^{t,t} = delta_out W_out (missing f'(u^t))")
report(115, close(dEt_du(3, 2), dtt[3] * W * f(u[3])), "fail", "delta^{t,t-1} = delta^{t,t} W f(u^t) (f not f', wrong time)")
# line 133: dh_{t-1}/dh_t = U for h_t = W x_t + U h_{t-1} (identity activation), scalar U
U = 0.7
report(133, close(1 / U, U), "fail", "scalar: dh_{t-1}/dh_t = 1/U, not U (it is dh_t/dh_{t-1} = U)")
# part 2: dE/dW = sum_t (sum_{n>=t} delta^{n,t}) z^{t-1}  (line 140)
s140 = sum(sum(dEt_du(n, t) for n in range(t, T + 1)) * z[t - 1] for t in range(1, T + 1))
report(140, close(dE_dparam("W"), s140), "pass", "regrouped double sum")
# delta^t := sum_{n>=t} delta^{n,t} = dE/du^t
dtot = {t: dE_du(t) for t in range(1, T + 1)}
report(143, close(dtot[T], dout[T] * Wout), "fail", "delta^T = delta_out W_out (missing f'(u^T))")
report(145, close(dtot[T - 1], dtot[T] * W * f(u[T - 1]) + dout[T - 1] * Wout), "fail", "delta^{T-1} formula")
rhs147 = dout[T] * Wout * W * f(u[T - 1]) * W * f(u[T - 2]) + dout[T - 1] * W * f(u[T - 2]) + dout[T - 2] * Wout
report(147, close(dtot[T - 2], rhs147), "fail", "delta^{T-2} expansion")
p = 3
report(148, close(dtot[p - 1], dtot[p] * W * f(u[p]) + dout[p] * Wout), "fail", "delta^{p-1} recursion")
# lines 152-156: the loop as written vs the correct loop
dW_auth = 0.0; dl = 0.0
for t in range(T, 0, -1):
    dl = dl * W * f(u[t]) + dout[t] * Wout   # line 153 as written
    dW_auth += dl * z[t - 1]                 # line 154
report(153, close(dE_dparam("W"), dW_auth), "fail", "loop with line 153 as written")
dW_ok = 0.0; dl = 0.0
for t in range(T, 0, -1):
    dl = (dl * W + dout[t] * Wout) * fp(u[t])
    dW_ok += dl * z[t - 1]                   # line 154 with a correct delta
report(154, close(dE_dparam("W"), dW_ok), "pass", "accumulation dW += delta z^{t-1} (with correct delta)")

# ---------------- vector case for the update formulas (lines 112, 113, 116-118) ----------------
ni, nh, no = 3, 4, 2
Wi = rng.normal(size=(nh, ni)) * 0.5; Wv = rng.normal(size=(nh, nh)) * 0.5; Wo = rng.normal(size=(no, nh)) * 0.5
bv = rng.normal(size=nh) * 0.1; cv = rng.normal(size=no) * 0.1
X = rng.normal(size=(T + 1, ni)); D = rng.uniform(size=(T + 1, no)); Z0 = rng.normal(size=nh) * 0.3


def vfwd(Wi, Wv, Wo, bv, cv):
    Z = {0: Z0}; Uu = {}; V = {}; E = 0.0; Et = {}
    for t in range(1, T + 1):
        Uu[t] = Wi @ X[t] + Wv @ Z[t - 1] + bv; Z[t] = f(Uu[t]); V[t] = Wo @ Z[t] + cv
        Et[t] = 0.5 * np.sum((g(V[t]) - D[t]) ** 2)
    return Z, Uu, V, Et


def num_grad(which, tsel):
    base = [Wi, Wv, Wo, bv, cv]; Aref = base[which]; G = np.zeros_like(Aref)
    for idx in np.ndindex(Aref.shape):
        Ap = Aref.copy(); Am = Aref.copy(); Ap[idx] += eps; Am[idx] -= eps
        bp = list(base); bm = list(base); bp[which] = Ap; bm[which] = Am
        G[idx] = (vfwd(*bp)[3][tsel] - vfwd(*bm)[3][tsel]) / (2 * eps)
    return G


Z, Uu, V, Et_v = vfwd(Wi, Wv, Wo, bv, cv)
t = T
dout_v = (g(V[t]) - D[t]) * gp(V[t])
report(112, close(num_grad(2, t), np.outer(dout_v, Z[t])), "pass", "dE^t/dW_out = delta_out [z^t]^T")
report(113, close(num_grad(4, t), dout_v), "pass", "dE^t/dc = delta_out")
# correct delta^{t,t-k} (row-vector convention, 1-D arrays)
dl = {t: (dout_v @ Wo) * fp(Uu[t])}
for k in range(1, t):
    dl[t - k] = (dl[t - k + 1] @ Wv) * fp(Uu[t - k])
report(116, close(num_grad(0, t), sum(np.outer(dl[t - k], X[t - k]) for k in range(0, t))), "pass", "dE^t/dW_in = sum_k delta^{t,t-k} [x^{t-k}]^T")
report(117, close(num_grad(1, t), sum(np.outer(dl[t - k], Z[t - k - 1]) for k in range(0, t))), "pass", "dE^t/dW = sum_k delta^{t,t-k} [z^{t-k-1}]^T")
report(118, close(num_grad(3, t), sum(dl[t - k] for k in range(0, t))), "pass", "dE^t/db = sum_k delta^{t,t-k}")

bad = [r for r in results if (r[1] and r[2] == "fail") or (not r[1] and r[2] == "pass")]
print("\nall rows as expected" if not bad else f"\nUNEXPECTED rows: {bad}")
