# FD check for d2l_tr_bptt.md (Turkish d2l BPTT, commit 609f1cd). numpy only, float64.
# Part 1 (lines 18-65): scalar model h_t = f(x_t, h_{t-1}, w_h), o_t = g(h_t, w_o), L = (1/T) sum l(y_t, o_t).
#   f(x, h, w) = tanh(w*h + 0.7*w*x + x), g(h, w) = tanh(w*h), l(y, o) = (o - y)^2, h_0 = 0.3 (fixed).
# Part 2 (lines 86-139): linear RNN h_t = W_hx x_t + W_hh h_{t-1}, o_t = W_qh h_t, L = (1/T) sum l(o_t, y_t),
#   l = softmax cross-entropy; column vectors; dL/dW laid out like W.
import numpy as np
rng = np.random.default_rng(60)
res = {}
def check(line, ok, expect):
    res[line] = bool(ok)
    assert bool(ok) == (expect == "pass"), (line, ok, expect)

def fd(fun, M, eps=1e-6):
    M = np.array(M, dtype=float); G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        A = M.copy(); A[idx] += eps; B = M.copy(); B[idx] -= eps
        G[idx] = (fun(A) - fun(B)) / (2 * eps)
    return G

# ---------- part 1 ----------
T = 5
xs = rng.normal(size=T + 1); ys = rng.normal(size=T + 1); h0 = 0.3
wh0, wo0 = 0.9, -1.3
f = lambda x, h, w: np.tanh(w * h + 0.7 * w * x + x)
g = lambda h, w: np.tanh(w * h)
l = lambda y, o: (o - y) ** 2
def fwd(wh, wo):
    hs = [h0]; os = [None]
    for t in range(1, T + 1):
        hs.append(f(xs[t], hs[-1], wh)); os.append(g(hs[-1], wo))
    return hs, os
def Lfun(wh, wo):
    hs, os = fwd(wh, wo)
    return sum(l(ys[t], os[t]) for t in range(1, T + 1)) / T
hs, os = fwd(wh0, wo0)
d = lambda fun, v: (fun(v + 1e-6) - fun(v - 1e-6)) / 2e-6
# line 18: forward definitions (the model itself)
check(18, np.isclose(hs[3], f(xs[3], hs[2], wh0)) and np.isclose(os[3], g(hs[3], wo0)), "pass")
# line 23: L definition
check(23, np.isclose(Lfun(wh0, wo0), np.mean([l(ys[t], os[t]) for t in range(1, T + 1)])), "pass")
# exact dh_t/dw_h by FD
def dh_dwh(t): return d(lambda w: fwd(w, wo0)[0][t], wh0)
dL = d(lambda w: Lfun(w, wo0), wh0)
dl_do = lambda t: 2 * (os[t] - ys[t])
rhs_wrong = sum(dl_do(t) * d(lambda h: g(h, wh0), hs[t]) * dh_dwh(t) for t in range(1, T + 1)) / T   # g(h_t, w_h) as printed
rhs_right = sum(dl_do(t) * d(lambda h: g(h, wo0), hs[t]) * dh_dwh(t) for t in range(1, T + 1)) / T
assert np.isclose(dL, rhs_right, atol=1e-7)
check(27, np.isclose(dL, rhs_wrong, atol=1e-7), "fail")
# partials of f
bf = lambda t: d(lambda w: f(xs[t], hs[t - 1], w), wh0)
cf = lambda t: d(lambda h: f(xs[t], h, wh0), hs[t - 1])
t = 4
check(32, np.isclose(dh_dwh(t), bf(t) + cf(t) * dh_dwh(t - 1), atol=1e-7), "pass")
# line 37: closed form of a_t = b_t + c_t a_{t-1}, a_0 = 0 (random sequences)
b = rng.normal(size=8); c = rng.normal(size=8); a = [0.0]
for k in range(1, 8): a.append(b[k] + c[k] * a[k - 1])
closed = b[7] + sum(np.prod(c[i + 1:8]) * b[i] for i in range(1, 7))
check(37, np.isclose(a[7], closed), "pass")
# line 42: identification a_t, b_t, c_t satisfies a_t = b_t + c_t a_{t-1} (a_0 = dh_0/dw_h = 0)
check(42, np.isclose(dh_dwh(1), bf(1) + cf(1) * 0.0, atol=1e-7) and np.isclose(dh_dwh(3), bf(3) + cf(3) * dh_dwh(2), atol=1e-7), "pass")
# line 48: unrolled form
t = 5
unrolled = bf(t) + sum(np.prod([cf(j) for j in range(i + 1, t + 1)]) * bf(i) for i in range(1, t))
check(48, np.isclose(dh_dwh(t), unrolled, atol=1e-7), "pass")
# line 65: z_t with xi_t; E[z_t] = dh_t/dw_h when E[xi_t]=1 (pi_t = 0.4)
pi = 0.4
Ez = (1 - pi) * (bf(t) + 0 * cf(t) * dh_dwh(t - 1)) + pi * (bf(t) + (1 / pi) * cf(t) * dh_dwh(t - 1))
check(65, np.isclose(Ez, dh_dwh(t), atol=1e-7), "pass")

# ---------- part 2 ----------
d_, h_, q_, T2 = 3, 4, 5, 4
Whx = rng.normal(size=(h_, d_)); Whh = rng.normal(size=(h_, h_)) * 0.6; Wqh = rng.normal(size=(q_, h_))
X = [None] + [rng.normal(size=(d_, 1)) for _ in range(T2)]
Y = [None] + [int(rng.integers(q_)) for _ in range(T2)]
H0 = np.zeros((h_, 1))
def sm(z): e = np.exp(z - z.max()); return e / e.sum()
def lce(o, y): return float(-np.log(sm(o)[y, 0]))
def run(Whx, Whh, Wqh):
    H = [H0]; O = [None]
    for t in range(1, T2 + 1):
        H.append(Whx @ X[t] + Whh @ H[-1]); O.append(Wqh @ H[-1])
    return H, O
def L2(Whx=Whx, Whh=Whh, Wqh=Wqh):
    H, O = run(Whx, Whh, Wqh)
    return sum(lce(O[t], Y[t]) for t in range(1, T2 + 1)) / T2
H, O = run(Whx, Whh, Wqh)
check(86, np.allclose(H[2], Whx @ X[2] + Whh @ H[1]), "pass")
check(87, np.allclose(O[2], Wqh @ H[2]), "pass")
check(91, np.isclose(L2(), np.mean([lce(O[t], Y[t]) for t in range(1, T2 + 1)])), "pass")
# dL/do_t and dL/dh_t by FD (perturb o_t / h_t directly in the unrolled graph)
def L_do(t, dv):
    Hh = [H0]; tot = 0.0
    for k in range(1, T2 + 1):
        Hh.append(Whx @ X[k] + Whh @ Hh[-1]); o = Wqh @ Hh[-1] + (dv if k == t else 0)
        tot += lce(o, Y[k])
    return tot / T2
def L_dh(t, dv):
    Hh = [H0]; tot = 0.0
    for k in range(1, T2 + 1):
        Hh.append(Whx @ X[k] + Whh @ Hh[-1] + (dv if k == t else 0)); tot += lce(Wqh @ Hh[-1], Y[k])
    return tot / T2
dLdo = {t: fd(lambda v: L_do(t, v), np.zeros((q_, 1))) for t in range(1, T2 + 1)}
dLdh = {t: fd(lambda v: L_dh(t, v), np.zeros((h_, 1))) for t in range(1, T2 + 1)}
t = 2
dl_do_t = fd(lambda o: lce(o, Y[t]), O[t])
check(102, np.allclose(dLdo[t], dl_do_t / T2, atol=1e-7), "pass")
GWqh = fd(lambda M: L2(Wqh=M), Wqh)
check(108, np.allclose(GWqh, sum(dLdo[k] @ H[k].T for k in range(1, T2 + 1)), atol=1e-6), "pass")
check(117, np.allclose(dLdh[T2], Wqh.T @ dLdo[T2], atol=1e-7), "pass")
check(122, np.allclose(dLdh[t], Whh.T @ dLdh[t + 1] + Wqh.T @ dLdo[t], atol=1e-7), "pass")
unr = sum(np.linalg.matrix_power(Whh.T, T2 - i) @ Wqh.T @ dLdo[T2 + t - i] for i in range(t, T2 + 1))
check(127, np.allclose(dLdh[t], unr, atol=1e-7), "pass")
GWhx = fd(lambda M: L2(Whx=M), Whx); GWhh = fd(lambda M: L2(Whh=M), Whh)
check(136, np.allclose(GWhx, sum(dLdh[k] @ X[k].T for k in range(1, T2 + 1)), atol=1e-6), "pass")
check(139, np.allclose(GWhh, sum(dLdh[k] @ H[k - 1].T for k in range(1, T2 + 1)), atol=1e-6), "pass")
print("d2l_tr_bptt:", len(res), "rows checked;", res)
