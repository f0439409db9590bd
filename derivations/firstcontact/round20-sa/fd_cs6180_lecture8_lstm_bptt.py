# FD check of cs6180_lecture8_lstm_bptt.md. Column layout: f = sigma(W_f x + U_f h_prev + b_f), etc.,
# c = f*c_prev + i*ct, h = o*tanh(c). Part A: 2-step LSTM, L = smooth function of h1 and h2.
# Part B: the 10-step scenario with gate values given (held fixed, i.e. partials with h held fixed).
import numpy as np
rng = np.random.default_rng(5)
sig = lambda z: 1/(1+np.exp(-z))
n, d, eps = 3, 2, 1e-6
P = {k: rng.normal(size=(n, d))*0.7 for k in ('Wf', 'Wi', 'Wo', 'Wc')}
P.update({k: rng.normal(size=(n, n))*0.7 for k in ('Uf', 'Ui', 'Uo', 'Uc')})
P.update({k: rng.normal(size=n)*0.3 for k in ('bf', 'bi', 'bo', 'bc')})
xs = rng.normal(size=(3, d)); h0 = rng.normal(size=n)*0.5; c0 = rng.normal(size=n)*0.5
w1, w2 = rng.normal(size=n), rng.normal(size=n)
def run(P=P, inj=None):
    h, c = h0, c0; st = {0: dict(h=h, c=c)}
    for t in (1, 2):
        J = lambda k: inj[2] if (inj and inj[0] == k and inj[1] == t) else 0
        x = xs[t]
        af = P['Wf'] @ x + P['Uf'] @ h + P['bf']; f = sig(af) + J('f')
        i = sig(P['Wi'] @ x + P['Ui'] @ h + P['bi']); o = sig(P['Wo'] @ x + P['Uo'] @ h + P['bo'])
        ct = np.tanh(P['Wc'] @ x + P['Uc'] @ h + P['bc'])
        c = f*c + i*ct + J('c'); h = o*np.tanh(c) + J('h')
        st[t] = dict(x=x, af=af, f=f, i=i, o=o, ct=ct, c=c, h=h)
    L = w1 @ st[1]['h'] + w2 @ st[2]['h'] + 0.5*np.sum(st[2]['h']**2)
    return L, st
def gi(k, t):
    g = np.zeros(n)
    for a in range(n):
        e = np.zeros(n); e[a] = eps
        g[a] = (run(inj=(k, t, e))[0] - run(inj=(k, t, -e))[0])/(2*eps)
    return g
L0, st = run()
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
gWf = np.zeros_like(P['Wf'])
for ix in np.ndindex(gWf.shape):
    Pp = dict(P); Pp['Wf'] = P['Wf'].copy(); Pp['Wf'][ix] += eps
    Pm = dict(P); Pm['Wf'] = P['Wf'].copy(); Pm['Wf'][ix] -= eps
    gWf[ix] = (run(Pp)[0] - run(Pm)[0])/(2*eps)
df = {t: gi('f', t) for t in (1, 2)}; dc = {t: gi('c', t) for t in (1, 2)}; dh = {t: gi('h', t) for t in (1, 2)}
sp = {t: st[t]['f']*(1-st[t]['f']) for t in (1, 2)}
# 26: dL/dW_f = sum_t dL/df_t . df_t/dW_f (direct partial)
chk(26, np.allclose(gWf, sum(np.outer(df[t]*sp[t], st[t]['x']) for t in (1, 2)), atol=1e-6))
# 36: dL/df1 = dL/dc1 . dc1/df1 = dL/dc1 * c0
chk(36, np.allclose(df[1], dc[1]*c0, atol=1e-6))
# 40
chk(40, np.allclose(gWf, sum(np.outer(dc[t]*st[t-1]['c']*sp[t], st[t]['x']) for t in (1, 2)), atol=1e-6))
# 48: dL/dc1 = dL/dh1 (total) * dh1/dc1 + dL/dc2 * dc2/dc1 (direct = f2)
chk(48, np.allclose(dc[1], dh[1]*st[1]['o']*(1-np.tanh(st[1]['c'])**2) + dc[2]*st[2]['f'], atol=1e-6))
# 51: direct partial of h1 = o1*tanh(c1) w.r.t. c1 (diagonal)
c1 = st[1]['c']; o1 = st[1]['o']
J51 = np.array([(o1*np.tanh(c1+eps*np.eye(n)[a]) - o1*np.tanh(c1-eps*np.eye(n)[a]))/(2*eps) for a in range(n)]).T
chk(51, np.allclose(J51, np.diag(o1*(1-np.tanh(c1)**2)), atol=1e-8))
# Part B: 10 steps with given gates
T = 10; ct_ = rng.normal(size=(T+1, n))
i_g = {t: np.zeros(n) for t in range(1, T+1)}; i_g[2] = np.ones(n)
f_g = {t: np.ones(n) for t in range(1, T+1)}
cs = {0: np.zeros(n)}                                               # 86
for t in range(1, T+1): cs[t] = f_g[t]*cs[t-1] + i_g[t]*ct_[t]      # 89, 95, 104 (definition)
chk(86, np.allclose(cs[0], 0)); chk(89, True); chk(95, True)
chk(92, np.allclose(cs[1], 1*0 + 0*ct_[1]) and np.allclose(cs[1], 0))
chk(98, np.allclose(cs[2], 1*0 + 1*ct_[2]) and np.allclose(cs[2], ct_[2]))
chk(104, np.allclose(cs[3], ct_[2]) and np.allclose(cs[10], ct_[2]))
# 114/116/118/162: arbitrary fixed gates (partials with h held fixed), L10 = smooth loss of h10
fg = {t: rng.uniform(0.3, 1.0, n) for t in range(1, T+1)}; ig = {t: rng.uniform(0, 1, n) for t in range(1, T+1)}
og = rng.uniform(0.2, 1, n); yv = rng.normal(size=n)
def L10_from_c2(c2):
    c = c2
    for t in range(3, T+1): c = fg[t]*c + ig[t]*ct_[t]
    h10 = og*np.tanh(c); return 0.5*np.sum((h10-yv)**2), c, h10
c2 = rng.normal(size=n)
g = np.array([(L10_from_c2(c2+eps*np.eye(n)[a])[0] - L10_from_c2(c2-eps*np.eye(n)[a])[0])/(2*eps) for a in range(n)])
_, c10, h10 = L10_from_c2(c2)
prod = np.prod([fg[t] for t in range(3, T+1)], axis=0)
formula = (h10-yv)*og*(1-np.tanh(c10)**2)*prod
chk(114, np.allclose(g, formula, atol=1e-6)); chk(118, np.allclose(g, formula, atol=1e-6))
cp = rng.normal(size=n)
Jc = np.array([((fg[5]*(cp+eps*np.eye(n)[a]) + ig[5]*ct_[5]) - (fg[5]*(cp-eps*np.eye(n)[a]) + ig[5]*ct_[5]))/(2*eps) for a in range(n)]).T
chk(116, np.allclose(Jc, np.diag(fg[5]))); chk(162, np.allclose(Jc, np.diag(fg[5])))
# numbers
chk(128, abs(0.95**8 - 0.663) < 5e-4); chk(166, abs(0.95**8 - 0.663) < 5e-4); chk(147, abs(0.95**8 - 0.663) < 5e-4)
chk(138, abs(0.25**8 - 1.5e-5) < 0.05e-5); chk(146, round(0.25**8, 5) == 0.00002); chk(167, round(0.25**8, 5) == 0.00002)
print('info: 0.95^8 =', 0.95**8, ' 0.25^8 =', 0.25**8)
for k in sorted(res): print(k, 'OK' if res[k] else 'MISMATCH')
