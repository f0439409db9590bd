"""FD check for tg-93/min-char-rnn lstm_coupled_gates.py @85ed853 (coupled LSTM, column-major batch (H,B)).
L = sum_t sum_batch -log p (un-normalised; the code's `loss /= batch_size` only rescales the reported number)."""
import numpy as np
rng = np.random.default_rng(1)
H, V, B, T = 3, 4, 2, 3
W = rng.normal(0, .6, (3*H, V+H)); b = rng.normal(0, .3, (3*H, 1)); Why = rng.normal(0, .6, (V, H)); by = rng.normal(0, .3, (V, 1))
h0 = rng.normal(0, .5, (H, B)); c0 = rng.normal(0, .5, (H, B))
inputs = [[0, 2], [3, 1], [1, 1]]; targets = [[2, 3], [1, 0], [0, 2]]
sig = lambda x: 1/(1+np.exp(-x))
def fwd(P, inj=None):
    W, b, Why, by = P; inj = inj or {}; g = lambda k, t: inj.get((k, t), 0)
    hs, cs = {-1: h0.copy()}, {-1: c0.copy()}; F, O, CN, HN, PR, XH, XS = {}, {}, {}, {}, {}, {}, {}; L = 0.0
    for t in range(T):
        xs = np.zeros((V, B))
        for i, ix in enumerate(inputs[t]): xs[ix, i] = 1
        xh = np.vstack((xs, hs[t-1] + g('hc', t-1)))
        fioc = W @ xh + b + g('a', t)
        fio = sig(fioc[:2*H]); F[t] = fio[:H]; O[t] = fio[H:2*H]; CN[t] = np.tanh(fioc[2*H:])
        cs[t] = F[t]*(cs[t-1] + g('cc', t-1)) + (1-F[t])*CN[t] + g('c', t)
        HN[t] = np.tanh(cs[t]); hs[t] = O[t]*HN[t] + g('h', t)
        y = Why @ hs[t] + by + g('y', t)
        PR[t] = np.exp(y)/np.sum(np.exp(y), axis=0)
        for i, ix in enumerate(targets[t]): L += -np.log(PR[t][ix, i])
        XH[t] = xh; XS[t] = xs
    return L, hs, cs, F, O, CN, HN, PR, XH
P = [W, b, Why, by]
def ng(f, x, eps=1e-6):
    gr = np.zeros_like(x); it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = x[i]; x[i] = o+eps; fp = f(); x[i] = o-eps; fm = f(); x[i] = o; gr[i] = (fp-fm)/(2*eps)
    return gr
def ig(key, shape):
    e = np.zeros(shape); return ng(lambda: fwd(P, {key: e})[0], e)
L, hs, cs, F, O, CN, HN, PR, XH = fwd(P)
res = {}
dWfioc = np.zeros_like(W); dWhy = np.zeros_like(Why)
dby_code = np.zeros_like(by); dby_true = np.zeros_like(by); dbf_code = np.zeros_like(b); dbf_true = np.zeros_like(b)
dhnext = np.zeros((H, B)); dcnext = np.zeros((H, B))
for t in reversed(range(T)):
    dy = np.copy(PR[t])
    for i, ix in enumerate(targets[t]): dy[ix, i] -= 1.0                         # 68-70
    assert np.allclose(dy, ig(('y', t), (V, B)), atol=1e-6)
    dWhy += dy @ hs[t].T                                                          # 71
    dby_code += np.sum(dy); dby_true += dy.sum(axis=1, keepdims=True)             # 72
    dh = Why.T @ dy + dhnext                                                      # 75
    assert np.allclose(dh, ig(('h', t), (H, B)), atol=1e-6)
    da = ig(('a', t), (3*H, B))
    do_raw = dh*hs[t]*(1.0 - O[t])                                                # 79 (hs = o*tanh c, so = dh*tanh(c)*o*(1-o))
    assert np.allclose(do_raw, da[H:2*H], atol=1e-6)
    dc = dh*O[t]*(1.0 - HN[t]*HN[t]) + dcnext                                     # 82
    assert np.allclose(dc, ig(('c', t), (H, B)), atol=1e-6)
    igate_guess = F[t]  # `igate` is undefined at this commit; no input-gate array exists
    dc_raw_written = dc*igate_guess*(1.0 - CN[t]*CN[t])                           # 85 as written
    dc_raw_fixed = dc*(1.0 - F[t])*(1.0 - CN[t]*CN[t])                             # fix in 74ca638
    assert not np.allclose(dc_raw_written, da[2*H:], atol=1e-4)
    assert np.allclose(dc_raw_fixed, da[2*H:], atol=1e-6)
    df_raw = dc*(cs[t-1] - CN[t])*F[t]*(1.0 - F[t])                               # 88
    assert np.allclose(df_raw, da[:H], atol=1e-6)
    dfioc_raw = np.vstack((df_raw, do_raw, dc_raw_fixed))                          # 90 (order f,o,c matches fioc layout)
    assert np.allclose(dfioc_raw, da, atol=1e-6)
    dWfioc += dfioc_raw @ XH[t].T                                                 # 91
    dbf_code += np.sum(dfioc_raw); dbf_true += dfioc_raw.sum(axis=1, keepdims=True)  # 92
    dcnext = dc*F[t]                                                              # 95
    dxh = W.T @ dfioc_raw                                                         # 96
    dhnext = dxh[V:]                                                              # 97
    if t > 0:
        assert np.allclose(dcnext, ig(('cc', t-1), (H, B)), atol=1e-6)
        assert np.allclose(dhnext, ig(('hc', t-1), (H, B)), atol=1e-6)
f = lambda: fwd(P)[0]
assert np.allclose(dWhy, ng(f, Why), atol=1e-6)
assert np.allclose(dWfioc, ng(f, W), atol=1e-6)
gby = ng(f, by); gb = ng(f, b)
assert np.allclose(dby_true, gby, atol=1e-6) and not np.allclose(dby_code, gby, atol=1e-3)   # 72 fails
assert np.allclose(np.abs(dby_code), 0, atol=1e-12)  # np.sum(dy)=0 since each column of p sums to 1
assert np.allclose(dbf_true, gb, atol=1e-6) and not np.allclose(dbf_code, gb, atol=1e-3)     # 92 fails
print("verdicts confirmed: 72, 85, 92 fail; rest pass")
