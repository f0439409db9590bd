import numpy as np
rng = np.random.default_rng(2)
d, m, T = 3, 4, 4
sig = lambda a: 1/(1+np.exp(-a))
X = rng.normal(size=(T, d)); R = rng.normal(size=(T, m))
P = {k: rng.normal(size=s)*.5 for k, s in dict(wIn=(m, d), bIn=(m,), wrIn=(m, m), wF=(m, d), bF=(m,), wrF=(m, m), wc=(m, d)).items()}
ok = lambda a, c: np.allclose(a, c, atol=1e-6, rtol=1e-5)
def fwd(X, P, act, tap=None):
    tap = tap or {}; f = np.tanh if act else (lambda v: v)
    yPrev = None; L = 0; cache = []
    for t in range(T):
        x = X[t]
        ai = P['wIn'] @ x + P['bIn'] + (P['wrIn'] @ yPrev if yPrev is not None else 0) + tap.get(('i', t), 0)   # line 41
        af = P['wF'] @ x + P['bF'] + (P['wrF'] @ yPrev if yPrev is not None else 0) + tap.get(('f', t), 0)     # line 42
        ac = P['wc'] @ x + tap.get(('c', t), 0)
        inG, forG, c = sig(ai), sig(af), f(ac)                                                                     # line 43
        y = inG * c                                                                                                # lines 22/23
        aPrev = None
        if yPrev is not None:
            aPrev = f(yPrev)                                                                                       # line 29
            y = y + aPrev * forG                                                                                   # lines 9/25/34
        y = y + tap.get(('y', t), 0)
        cache.append(dict(x=x, yPrev=yPrev, aPrev=aPrev, inG=inG, forG=forG, c=c)); yPrev = y; L += R[t] @ y
    return L, cache
def fdv(fun, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps; g[idx] = (fun(e) - fun(-e))/(2*eps)
    return g
def run(act, assert_correct_row124):
    L, cache = fwd(X, P, act)
    tapfd = lambda name, t: fdv(lambda e: fwd(X, P, act, {(name, t): e})[0], (m,))
    G = None; wrong_found = False
    for t in reversed(range(T)):
        C = cache[t]; gy = R[t].copy()
        if G is not None:
            N = cache[t+1]
            yDeriv = (1 - N['aPrev']**2) if act else N['aPrev']        # lines 122 / 124 as written
            gRec1 = N['forG'] * yDeriv * G['gy']                       # line 134
            gRec2 = P['wrIn'].T @ G['gIn']                             # line 135 (gInG.t.dot(wrInG))
            gRec3 = P['wrF'].T @ G['gF']                               # line 136
            gy = gy + gRec1 + gRec2 + gRec3                            # lines 138 / 111
            true_gy = tapfd('y', t)
            if act: assert ok(gy, true_gy)
            else:
                if not ok(gy, true_gy): wrong_found = True
                correct = R[t] + N['forG'] * 1.0 * G['gy_true'] + P['wrIn'].T @ G['gIn_true'] + P['wrF'].T @ G['gF_true']
                assert ok(correct, true_gy)
        gy_true = tapfd('y', t)
        if act: assert ok(gy, gy_true)
        # judge each row given true values of what it uses
        gIn = C['c'] * C['inG']*(1-C['inG']) * gy_true                  # line 64
        assert ok(gIn, tapfd('i', t))
        gc = C['inG'] * gy_true                                         # line 65
        if act: gc = gc * (1 - C['c']**2)                               # line 69
        assert ok(gc, tapfd('c', t))
        if C['yPrev'] is not None:
            gF = C['aPrev'] * C['forG']*(1-C['forG']) * gy_true          # line 76
            assert ok(gF, tapfd('f', t))
        else:
            gF = np.zeros(m)                                            # line 79
        gwc = np.outer(gc, C['x'])                                      # line 87
        gx = P['wF'].T @ gF + P['wc'].T @ gc + P['wIn'].T @ gIn         # lines 101-103
        Xp = X.copy()
        def fx(e):
            Xp[t] = X[t] + e; return fwd(Xp, P, act)[0]
        assert ok(gx, fdv(fx, (d,)))
        G = dict(gy=gy, gIn=gIn, gF=gF, gy_true=gy_true, gIn_true=gIn, gF_true=gF)
    return wrong_found
assert run(True, True) is False        # tanh activation: every row, incl. line 122, is right
assert run(False, False) is True       # activationFunction == null: line 124 (yDeriv = aPrev instead of 1) gives a wrong gy
print("CFN: all checks passed")
