import numpy as np
rng = np.random.default_rng(1)
d, m, T = 3, 4, 4
X = rng.normal(size=(T, d)); w = rng.normal(size=(m, d))*.5; wRec = rng.normal(size=m)*.8; b = rng.normal(size=m)*.3
R = rng.normal(size=(T, m))
ok = lambda a, c: np.allclose(a, c, atol=1e-6, rtol=1e-5)
def fwd(X, w, wRec, b, tap=None):
    tap = tap or {}; yPrev = None; L = 0; cache = []
    for t in range(T):
        y = w @ X[t] + b                                  # line 13
        if yPrev is not None: y = y + wRec * yPrev         # lines 20/24
        y = y + tap.get(('a', t), 0)
        y = np.tanh(y)                                     # line 9 (f = tanh)
        y = y + tap.get(('y', t), 0)
        cache.append((X[t], yPrev, y)); yPrev = y; L += R[t] @ y
    return L, cache
def fdv(fun, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps; g[idx] = (fun(e) - fun(-e))/(2*eps)
    return g
def fdp(P):
    def f(e):
        P[...] = P + e; v = fwd(X, w, wRec, b)[0]; P[...] = P - e; return v
    return fdv(f, P.shape)
L, cache = fwd(X, w, wRec, b)
gw = np.zeros_like(w); gb = np.zeros_like(b); gwR = np.zeros_like(wRec); gNext = None
for t in reversed(range(T)):
    x, yPrev, y = cache[t]
    gy = R[t].copy()
    if gNext is not None:
        gRec = gNext * wRec                   # line 93
        gy = gy + gRec                        # line 95 / 87
    assert ok(gy, fdv(lambda e: fwd(X, w, wRec, b, {('y', t): e})[0], (m,)))
    gy = gy * (1 - y**2)                      # line 43 applyOutputActivationDeriv
    assert ok(gy, fdv(lambda e: fwd(X, w, wRec, b, {('a', t): e})[0], (m,)))
    gb += gy * 1                              # line 53
    gw += np.outer(gy, x)                     # line 54 / 61
    if yPrev is not None: gwR += gy * yPrev   # line 55 / 71
    gx = w.T @ gy                             # line 77 / 81
    Xp = X.copy()
    def fx(e):
        Xp[t] = X[t] + e; return fwd(Xp, w, wRec, b)[0]
    assert ok(gx, fdv(fx, (d,)))
    gNext = gy
assert ok(gb, fdp(b)); assert ok(gw, fdp(w)); assert ok(gwR, fdp(wRec))
print("IndRNN: all checks passed")
