"""Finite-difference check of bn3monkey_rnn_basic.md (bn3monkey/MachineLearning @ 5c99b1c, Korean BPTT note).

Model: p(t) = U x(t) + W h(t-1) + b, h(t) = f(p(t)) (f = tanh), q(t) = V h(t) + c, y(t) = g(q(t)),
column vectors, E = 1/2 sum_t ||y(t) - t(t)||^2.  Convention of the note (Sugomori-style BPTT): e_h(t) and e_o(t)
are the error signals of ONE output term E_t = 1/2||y(t)-t(t)||^2, e_h(t-z) is that signal propagated z steps
back (row-vector / numerator-layout chain rule as written in the note), and dE/dU etc. at time t are the
contributions of step t (the full update sums them, in an image of the post).  Step contributions are checked
by giving every time step its own copy of U, W, b, V, c and differentiating E_t w.r.t. the copy used at step t.
g = sigmoid for the general rows, g = identity for the sine-model rows.
"""
import numpy as np

rng = np.random.RandomState(5702)
D, H, K, T = 2, 4, 3, 5           # K != H so that a K x H matrix cannot stand for the H x H gradient of W
U = rng.randn(H, D) * 0.7
W = rng.randn(H, H) * 0.6
V = rng.randn(K, H) * 0.7
b = rng.randn(H) * 0.2
c = rng.randn(K) * 0.2
X = rng.randn(T + 1, D)
Tg = rng.randn(T + 1, K) * 0.5     # targets t(t)
h0 = rng.randn(H) * 0.3
sig = lambda z: 1 / (1 + np.exp(-z))
results = {}


def check(line, got, ref, expect, tol=1e-6):
    got = np.asarray(got, float); ref = np.asarray(ref, float)
    if got.shape != ref.shape:
        verdict, err = "fail", float("inf")
    else:
        err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
        verdict = "pass" if err < tol else "fail"
        if verdict == "fail":
            assert err > 1e-3, (line, err)
    print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    assert verdict == expect, line
    results[line] = verdict


def forward(g=sig, src=None, copies=None, inj_p=None, inj_q=None):
    """src: only E_src counted (None: full E).  copies: dict step -> (U,W,b,V,c) overrides."""
    hs = [h0]; ps = [None]; qs = [None]; ys = [None]; E = 0.0
    for t in range(1, T + 1):
        U_, W_, b_, V_, c_ = copies.get(t, (U, W, b, V, c)) if copies else (U, W, b, V, c)
        p = U_ @ X[t] + W_ @ hs[-1] + b_
        if inj_p is not None:
            p = p + inj_p[t]
        h = np.tanh(p)
        q = V_ @ h + c_
        if inj_q is not None:
            q = q + inj_q[t]
        y = g(q)
        if src is None or src == t:
            E += 0.5 * np.sum((y - Tg[t]) ** 2)
        hs.append(h); ps.append(p); qs.append(q); ys.append(y)
    return E, hs, ps, qs, ys


eps = 1e-6
t = 4                                   # the output whose error is propagated
E0, hs, ps, qs, ys = forward(src=t)


def fd_inj(kind, s):
    n = H if kind == "p" else K
    out = np.zeros(n)
    for i in range(n):
        z = np.zeros((T + 1, n)); z[s, i] = eps
        key = "inj_p" if kind == "p" else "inj_q"
        out[i] = (forward(src=t, **{key: z})[0] - forward(src=t, **{key: -z})[0]) / (2 * eps)
    return out


def fd_copy(k, step):
    base = [U, W, b, V, c]
    g = np.zeros_like(base[k])
    for idx in np.ndindex(g.shape):
        Pp = [q.copy() for q in base]; Pm = [q.copy() for q in base]
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        g[idx] = (forward(src=t, copies={step: tuple(Pp)})[0] - forward(src=t, copies={step: tuple(Pm)})[0]) / (2 * eps)
    return g


# forward rows
check(21, hs[t], np.tanh(U @ X[t] + W @ hs[t - 1] + b), "pass")
check(27, ys[t], sig(V @ hs[t] + c), "pass")
check(33, np.concatenate([ps[t], qs[t]]), np.concatenate([U @ X[t] + W @ hs[t - 1] + b, V @ hs[t] + c]), "pass")
check(34, np.concatenate([hs[t], ys[t]]), np.concatenate([np.tanh(ps[t]), sig(qs[t])]), "pass")

# definitions of the error signals (checked as the FD gradients they name)
e_h = fd_inj("p", t); e_o = fd_inj("q", t)
check(39, e_h, fd_inj("p", t), "pass")
check(40, e_o, fd_inj("q", t), "pass")

# step-t contributions
check(44, np.outer(e_h, X[t]), fd_copy(0, t), "pass")
check(46, np.outer(e_o, hs[t]), fd_copy(3, t), "pass")
check(48, np.outer(e_o, hs[t - 1]), fd_copy(1, t), "fail")      # K x H vs H x H: wrong error term
assert np.allclose(np.outer(e_h, hs[t - 1]), fd_copy(1, t), atol=1e-6)   # the correct e_h(t) h(t-1)^T
check(50, e_h, fd_copy(2, t), "pass")
check(52, e_o, fd_copy(4, t), "pass")

# sine-model output (g = identity)
Ei, hsi, psi, qsi, ysi = forward(g=lambda z: z, src=t)
check(57, ysi[t], (lambda z: z)(V @ hsi[t] + c), "pass")
check(60, ysi[t], V @ hsi[t] + c, "pass")
Efull = forward(g=lambda z: z)[0]
check(68, Efull, 0.5 * sum(np.sum((forward(g=lambda z: z)[4][s] - Tg[s]) ** 2) for s in range(1, T + 1)), "pass")

# BPTT error signals
fprime = lambda s: 1 - np.tanh(ps[s]) ** 2
check(74, fprime(t) * (V.T @ e_o), e_h, "pass")          # e_0 read as e_o
gprime = sig(qs[t]) * (1 - sig(qs[t]))
check(75, gprime * (ys[t] - Tg[t]), e_o, "pass")
e_h_prev = fd_inj("p", t - 1)
J_pp = W @ np.diag(fprime(t - 1))                          # dp(t)/dp(t-1), numerator layout
check(85, e_h @ J_pp, e_h_prev, "pass")
check(87, e_h @ W @ np.diag(fprime(t - 1)), e_h_prev, "pass")
check(89, e_h @ (W @ np.diag(fprime(t - 1))), e_h_prev, "pass")
e_h_prev2 = fd_inj("p", t - 2)                             # z = 1
check(93, e_h_prev @ (W @ np.diag(fprime(t - 2))), e_h_prev2, "pass")

print("all verdicts as expected:", results)
