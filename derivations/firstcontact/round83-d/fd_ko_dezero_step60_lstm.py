# FD check of ko_dezero_step60_lstm.md (row-vector convention: h_t = tanh(x_t W_x + h_{t-1} W_h))
import numpy as np
rng = np.random.default_rng(0)
H, D, eps = 4, 3, 1e-6
sig = lambda z: 1/(1+np.exp(-z))
def ok(a, b, tol=1e-5): return np.allclose(a, b, atol=tol, rtol=1e-4)
def jac(fun, v):
    v = v.astype(float); f0 = fun(v); J = np.zeros((f0.size, v.size))
    for k in range(v.size):
        vp = v.copy(); vp[k] += eps; vm = v.copy(); vm[k] -= eps
        J[:, k] = (fun(vp) - fun(vm)).ravel() / (2*eps)
    return J
res = {}
# ---- RNN part (lines 6, 8, 42, 46)
Wx = rng.normal(size=(D, H)); Wh = rng.normal(size=(H, H)) * 0.8
x = rng.normal(size=(5, D)); h0 = rng.normal(size=H)
step = lambda h, xt: np.tanh(xt @ Wx + h @ Wh)
h1 = step(h0, x[1])
J = jac(lambda h: step(h, x[1]), h0)            # J[j,i] = dh1_j / dh0_i (numerator layout)
claimed = np.diag(1 - h1**2) @ Wh
res['L8/L42 diag(1-h^2) W_h (numerator layout)'] = ok(claimed, J)
res['L8/L42 diag(1-h^2) W_h (denominator layout, vs J.T)'] = ok(claimed, J.T)
res['   reference diag(1-h^2) W_h^T == J'] = ok(np.diag(1 - h1**2) @ Wh.T, J)
# product over T steps (line 46)
def roll(h, T):
    for t in range(1, T+1): h = step(h, x[t])
    return h
T = 3; hs = [h0]
for t in range(1, T+1): hs.append(step(hs[-1], x[t]))
P = np.eye(H)
for t in range(1, T+1): P = np.diag(1 - hs[t]**2) @ Wh @ P
JT = jac(lambda h: roll(h, T), h0)
res['L46 prod diag(1-h_t^2) W_h (either layout)'] = ok(P, JT) or ok(P, JT.T)
# ---- LSTM part, row vectors
Wxf, Wxi, Wxg, Wxo = [rng.normal(size=(D, H)) for _ in range(4)]
Whf, Whi, Whg, Who = [rng.normal(size=(H, H)) for _ in range(4)]
bf, bi, bg, bo = [rng.normal(size=H) for _ in range(4)]
def cell(xt, h, c, Wxf_=None):
    Wxf_ = Wxf if Wxf_ is None else Wxf_
    zf = xt @ Wxf_ + h @ Whf + bf; f = sig(zf)
    zi = xt @ Wxi + h @ Whi + bi; i = sig(zi)
    zg = xt @ Wxg + h @ Whg + bg; g = np.tanh(zg)
    zo = xt @ Wxo + h @ Who + bo; o = sig(zo)
    cn = f*c + i*g; hn = o*np.tanh(cn)
    return dict(zf=zf, f=f, zi=zi, i=i, zg=zg, g=g, zo=zo, o=o, c=cn, h=hn)
xt = rng.normal(size=D); hp = rng.normal(size=H); cp = rng.normal(size=H)
R = rng.normal(size=H)                     # L = sum(R * h_t): dL/dh_t = R (one step, loss only through h_t)
s = cell(xt, hp, cp)
dh = R
# forward lines 32/33 checked by construction; backward lines:
Lof = lambda f, i, g, o, c_prev: np.sum(R * o*np.tanh(f*c_prev + i*g))
dL_do = dh*np.tanh(s['c'])
res['L81 dL/do'] = ok(dL_do, jac(lambda o: np.array([Lof(s['f'], s['i'], s['g'], o, cp)]), s['o']).ravel())
dL_dc = dh*s['o']*(1 - np.tanh(s['c'])**2)
res['L83 dL/dc_t (part via h_t)'] = ok(dL_dc, jac(lambda c: np.array([np.sum(R*s['o']*np.tanh(c))]), s['c']).ravel())
res['L87 dL/df'] = ok(dL_dc*cp, jac(lambda f: np.array([Lof(f, s['i'], s['g'], s['o'], cp)]), s['f']).ravel())
res['L89 dL/di'] = ok(dL_dc*s['g'], jac(lambda i: np.array([Lof(s['f'], i, s['g'], s['o'], cp)]), s['i']).ravel())
res['L91 dL/dg'] = ok(dL_dc*s['i'], jac(lambda g: np.array([Lof(s['f'], s['i'], g, s['o'], cp)]), s['g']).ravel())
res['L93 dL/dc_{t-1}'] = ok(dL_dc*s['f'], jac(lambda c: np.array([Lof(s['f'], s['i'], s['g'], s['o'], c)]), cp).ravel())
dzf = dL_dc*cp*s['f']*(1 - s['f'])
res['L97 dL/dz_f'] = ok(dzf, jac(lambda z: np.array([Lof(sig(z), s['i'], s['g'], s['o'], cp)]), s['zf']).ravel())
dzg = dL_dc*s['i']*(1 - s['g']**2)
res['L99 dL/dz_g'] = ok(dzg, jac(lambda z: np.array([Lof(s['f'], s['i'], np.tanh(z), s['o'], cp)]), s['zg']).ravel())
LW = lambda W: np.array([np.sum(R*cell(xt, hp, cp, W.reshape(D, H))['h'])])
res['L103 dL/dW_xf = x^T dz_f'] = ok(np.outer(xt, dzf), jac(LW, Wxf.ravel()).reshape(D, H))
# dL/dh_{t-1} contribution through z_f only
def Lh_f(h):
    f = sig(xt @ Wxf + h @ Whf + bf); return np.array([Lof(f, s['i'], s['g'], s['o'], cp)])
res['L103 dL/dh_{t-1} += dz_f W_hf^T (z_f path)'] = ok(dzf @ Whf.T, jac(Lh_f, hp).ravel())
# cell path lines 56, 60, 64
res['L56 dc_t/dc_{t-1}|h fixed = diag(f_t)'] = ok(np.diag(s['f']), jac(lambda c: cell(xt, hp, c)['c'], cp))
X = rng.normal(size=(4, D))
def run_c(c0, freeze=None):
    h, c = hp, c0; fs = []
    for t in range(1, 4):
        st = cell(X[t], h, c)
        if freeze is not None:   # gates held at their nominal values: only the c->c path
            st_f = freeze[t-1]; cn = st_f['f']*c + st_f['i']*st_f['g']; h = st_f['o']*np.tanh(cn); c = cn
        else:
            h, c = st['h'], st['c']
        fs.append(st)
    return c, fs
_, nominal = run_c(cp)
Pf = np.diag(np.prod([st['f'] for st in nominal], axis=0))
Jtot = jac(lambda c: run_c(c)[0], cp)
Jcell = jac(lambda c: run_c(c, freeze=nominal)[0], cp)
res['L60/L64 prod diag(f_t) == cell-path Jacobian (gates frozen)'] = ok(Pf, Jcell)
res['   info: prod diag(f_t) == total dc_T/dc_0 (h-paths included)'] = ok(Pf, Jtot)
for k, v in res.items(): print(('AGREE   ' if v else 'DIFFER  ') + k)
