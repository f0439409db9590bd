"""FD check for gluon_zh_bptt.md (d2l-zh 1st-ed. BPTT section, fierceX fork commit 0401400a).
Column vectors, identity activation, no bias: h_t = W_hx x_t + W_hh h_{t-1}, o_t = W_yh h_t,
L = (1/T) sum_t l(o_t, y_t) with l = softmax cross-entropy.  numpy only, float64, deterministic."""
import numpy as np

rng = np.random.default_rng(2018)
d, h, q, T = 3, 4, 5, 5
Whx = rng.normal(0, .5, (h, d)); Whh = rng.normal(0, .5, (h, h)); Wyh = rng.normal(0, .5, (q, h))
X = rng.normal(0, 1, (T + 1, d, 1)); Yi = rng.integers(q, size=T + 1)   # index 1..T used; h_0 = 0

def ell(o, y):
    o = o - o.max(); return float(np.log(np.exp(o).sum()) - o[y, 0])

def forward(Whx, Whh, Wyh, inj=None):
    hs = [np.zeros((h, 1))]; os_ = [None]; L = 0.0
    for t in range(1, T + 1):
        ht = Whx @ X[t] + Whh @ hs[-1]
        if inj and inj[0] == 'h' and inj[1] == t: ht = ht + inj[2]
        ot = Wyh @ ht
        if inj and inj[0] == 'o' and inj[1] == t: ot = ot + inj[2]
        hs.append(ht); os_.append(ot); L += ell(ot, Yi[t])
    return L / T, hs, os_

def fd(fun, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (fun(e) - fun(-e)) / (2 * eps)
    return g

close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-9)
L, hs, os_ = forward(Whx, Whh, Wyh)
dLdo = {t: fd(lambda e, t=t: forward(Whx, Whh, Wyh, ('o', t, e))[0], (q, 1)) for t in range(1, T + 1)}
dLdh = {t: fd(lambda e, t=t: forward(Whx, Whh, Wyh, ('h', t, e))[0], (h, 1)) for t in range(1, T + 1)}
res = {}
res[15] = res[19] = res[23] = True      # definitions implemented in forward()
def dl_do(t):                            # d l(o_t, y_t)/d o_t
    return fd(lambda e: ell(os_[t] + e, Yi[t]), (q, 1))
res[44] = all(close(dl_do(t) / T, dLdo[t]) for t in range(1, T + 1))
res[48] = close(sum(dLdo[t] @ hs[t].T for t in range(1, T + 1)), fd(lambda e: forward(Whx, Whh, Wyh + e)[0], Wyh.shape))
res[58] = close(Wyh.T @ dLdo[T], dLdh[T])
res[69] = all(close(Whh.T @ dLdh[t + 1] + Wyh.T @ dLdo[t], dLdh[t]) for t in range(1, T))
res[78] = all(close(sum(np.linalg.matrix_power(Whh.T, T - i) @ Wyh.T @ dLdo[T + t - i] for i in range(t, T + 1)), dLdh[t])
              for t in range(1, T + 1))
res[89] = close(sum(dLdh[t] @ X[t].T for t in range(1, T + 1)), fd(lambda e: forward(Whx + e, Whh, Wyh)[0], Whx.shape))
res[92] = close(sum(dLdh[t] @ hs[t - 1].T for t in range(1, T + 1)), fd(lambda e: forward(Whx, Whh + e, Wyh)[0], Whh.shape))
for ln in sorted(res):
    print(ln, 'pass' if res[ln] else 'fail')
    assert res[ln], ln
print('all verdicts confirmed (all pass):', len(res), 'rows')
