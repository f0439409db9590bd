# FD check of chronos-nn lstm_cell.rs (column layout, xh = [x_t, h_prev]); loss L = G.h_t + Gc.c_t
import numpy as np
rng = np.random.default_rng(62)
I, H = 3, 4
Wd = {k: rng.normal(0, 0.6, (H, I + H)) for k in 'fico'}
Bd = {k: rng.normal(0, 0.3, H) for k in 'fico'}
x = rng.normal(size=I); hp = rng.normal(size=H); cp = rng.normal(size=H)
G = rng.normal(size=H); Gc = rng.normal(size=H)
sig = lambda a: 1 / (1 + np.exp(-a))

def fwd(x, hp, cp, W=Wd, B=Bd, p=None):
    p = p or {}
    xh = np.concatenate([x, hp])
    f = sig(W['f'] @ xh + B['f'] + p.get('af', 0)) + p.get('f', 0)
    i = sig(W['i'] @ xh + B['i'] + p.get('ai', 0)) + p.get('i', 0)
    ct = np.tanh(W['c'] @ xh + B['c'] + p.get('ac', 0)) + p.get('ct', 0)
    c = f * cp + i * ct + p.get('c', 0)
    o = sig(W['o'] @ xh + B['o'] + p.get('ao', 0)) + p.get('o', 0)
    h = o * np.tanh(c)
    return dict(xh=xh, f=f, i=i, ct=ct, c=c, o=o, h=h)

def L(x=x, hp=hp, cp=cp, W=Wd, B=Bd, p=None):
    d = fwd(x, hp, cp, W, B, p)
    # dc_next is the gradient reaching c_t from later steps (not through h_t)
    return G @ d['h'] + Gc @ (d['c'] - p.get('c', 0) if p else d['c'])

def fd(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for k in np.ndindex(X.shape):
        Xp = X.copy(); Xp[k] += eps; Xm = X.copy(); Xm[k] -= eps
        g[k] = (f(Xp) - f(Xm)) / (2 * eps)
    return g
pg = lambda key: fd(lambda E: L(p={key: E}), np.zeros(H))
res = {}
def check(line, a, t, expect):
    ok = np.allclose(a, t, atol=1e-6, rtol=1e-5); res[line] = ok
    assert ok == (expect == 'pass'), (line, expect, np.max(np.abs(a - t)))

c = fwd(x, hp, cp)
# forward rows 20-26: standard LSTM
assert np.allclose(c['h'], c['o'] * np.tanh(c['f'] * cp + c['i'] * c['ct']))
dh_next, dc_next = G, Gc
tanh_c_t = np.tanh(c['c'])
check(50, tanh_c_t, np.tanh(c['c']), 'pass')
check(51, dh_next * tanh_c_t, pg('o'), 'pass')
# total dL/dc_t: perturb c_t inside (affects h_t and the Gc term)
def Lc(E):
    d = fwd(x, hp, cp); cc = d['c'] + E
    return G @ (d['o'] * np.tanh(cc)) + Gc @ cc
dc_t = fd(Lc, np.zeros(H))
check(52, dh_next * c['o'] * (1.0 - tanh_c_t ** 2) + dc_next, dc_t, 'pass')
def Lgate(key):
    def f(E):
        d = fwd(x, hp, cp); g = dict(f=d['f'], i=d['i'], ct=d['ct']); g[key] = g[key] + E
        cc = g['f'] * cp + g['i'] * g['ct']
        return G @ (d['o'] * np.tanh(cc)) + Gc @ cc
    return fd(f, np.zeros(H))
check(53, dc_t * cp, Lgate('f'), 'pass')
check(54, dc_t * c['ct'], Lgate('i'), 'pass')
check(55, dc_t * c['i'], Lgate('ct'), 'pass')
def Lpre(key):
    return fd(lambda E: L(p={key: E}), np.zeros(H))
d_o, d_f, d_i, d_ct = Lpre('ao'), Lpre('af'), Lpre('ai'), Lpre('ac')
check(58, pg('o') * c['o'] * (1.0 - c['o']), d_o, 'pass')
check(59, Lgate('f') * c['f'] * (1.0 - c['f']), d_f, 'pass')
check(60, Lgate('i') * c['i'] * (1.0 - c['i']), d_i, 'pass')
check(61, Lgate('ct') * (1.0 - c['ct'] ** 2), d_ct, 'pass')
xh = c['xh']
for line, k, d in [(68, 'o', d_o), (69, 'f', d_f), (70, 'i', d_i), (71, 'c', d_ct)]:
    def fW(Wk, k=k):
        W2 = dict(Wd); W2[k] = Wk; return L(W=W2)
    check(line, np.outer(d, xh), fd(fW, Wd[k]), 'pass')
for line, k, d in [(72, 'o', d_o), (73, 'f', d_f), (74, 'i', d_i), (75, 'c', d_ct)]:
    def fB(bk, k=k):
        B2 = dict(Bd); B2[k] = bk; return L(B=B2)
    check(line, d.copy(), fd(fB, Bd[k]), 'pass')
dxh = Wd['o'].T @ d_o + Wd['f'].T @ d_f + Wd['i'].T @ d_i + Wd['c'].T @ d_ct
check(78, dxh, np.concatenate([fd(lambda X: L(x=X), x), fd(lambda Hh: L(hp=Hh), hp)]), 'pass')
check(82, dxh[:I], fd(lambda X: L(x=X), x), 'pass')
check(83, dxh[I:], fd(lambda Hh: L(hp=Hh), hp), 'pass')
check(84, dc_t * c['f'], fd(lambda C: L(cp=C), cp), 'pass')
print('verdicts confirmed:', {k: ('pass' if v else 'fail') for k, v in res.items()})
