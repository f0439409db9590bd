import numpy as np
rng = np.random.default_rng(3)
d, m, T = 3, 4, 4
sig = lambda a: 1/(1+np.exp(-a))
X = rng.normal(size=(T, d)); R = rng.normal(size=(T, m))
P = {k: rng.normal(size=s)*.5 for k, s in dict(wIn=(m, d), bIn=(m,), wrIn=(m, m), wF=(m, d), bF=(m,), wrF=(m, m), wc=(m, d), bc=(m,)).items()}
ok = lambda a, c: np.allclose(a, c, atol=1e-6, rtol=1e-5)
def fwd(X, P, tap=None):
    tap = tap or {}; cPrev = None; L = 0; cache = []
    for t in range(T):
        x = X[t]
        ai = P['wIn'] @ x + P['bIn'] + (P['wrIn'] @ cPrev if cPrev is not None else 0) + tap.get(('i', t), 0)  # line 38 (yPrev = valuesNotActivated, line 47)
        af = P['wF'] @ x + P['bF'] + (P['wrF'] @ cPrev if cPrev is not None else 0) + tap.get(('f', t), 0)    # line 39
        cand = P['wc'] @ x + P['bc'] + tap.get(('c', t), 0)                                                     # line 40
        inG, forG = sig(ai), sig(af)
        yna = inG * cand                                                   # lines 22/23
        if cPrev is not None: yna = yna + cPrev * forG                     # lines 25/27/28
        yna = yna + tap.get(('a', t), 0)
        y = np.tanh(yna)                                                   # line 9 (f = tanh)
        cache.append(dict(x=x, cPrev=cPrev, hPrev=np.tanh(cPrev) if cPrev is not None else None, inG=inG, forG=forG, cand=cand, y=y))
        cPrev = yna; L += R[t] @ y
    return L, cache
def fdv(fun, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps; g[idx] = (fun(e) - fun(-e))/(2*eps)
    return g
L, cache = fwd(X, P)
tapfd = lambda name, t: fdv(lambda e: fwd(X, P, {(name, t): e})[0], (m,))
G = None
for t in reversed(range(T)):
    C = cache[t]
    gy = R[t] * (1 - C['y']**2)                                 # line 63 applyOutputActivationDeriv (before recurrent part)
    if G is not None:
        gRec1 = cache[t+1]['forG'] * G['gy']                    # line 115
        gRec2 = P['wrIn'].T @ G['gIn']                          # line 116
        gRec3 = P['wrF'].T @ G['gF']                            # line 117
        gy = gy + gRec1 + gRec2 + gRec3                         # line 119
    gy_true = tapfd('a', t)
    assert ok(gy, gy_true)
    gIn = C['cand'] * C['inG']*(1-C['inG']) * gy_true          # line 89
    assert ok(gIn, tapfd('i', t))
    gc = C['inG'] * gy_true                                    # line 90
    assert ok(gc, tapfd('c', t))
    if C['cPrev'] is not None:
        gF_code = C['hPrev'] * C['forG']*(1-C['forG']) * gy_true   # lines 93/96: yPrev = outputArray.values (activated)
        gF_true = tapfd('f', t)
        assert not ok(gF_code, gF_true)                            # published error
        gF = C['cPrev'] * C['forG']*(1-C['forG']) * gy_true        # correct: valuesNotActivated
        assert ok(gF, gF_true)
    else:
        gF = np.zeros(m)                                           # line 99
    G = dict(gy=gy_true, gIn=gIn, gF=gF)
print("RAN: all checks passed")
