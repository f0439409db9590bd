"""FD check of zh_rnn_lstm_code_example.md (numpy only).
Conventions: column vectors, gate = sigma(W_g h_{t-1} + U_g x_t + b_g), c_t = f*c_{t-1} + i*tanh(W_c h + U_c x + b_c),
h_t = o*tanh(c_t); products between vectors read elementwise (odot). Test: one step with loss E = g^T h_t
(so dE/dh_t = g, dE/dc_t = g*o_t*(1-tanh^2 c_t)); n_x = n_h so that U_o o_t in lines 45/57 is typed."""
import numpy as np
rng = np.random.default_rng(3)
H = D = 3
sig = lambda z: 1/(1+np.exp(-z))
W = {k: rng.normal(size=(H, H))*0.6 for k in 'fioc'}; U = {k: rng.normal(size=(H, D))*0.6 for k in 'fioc'}
b = {k: rng.normal(size=(H, 1))*0.3 for k in 'fioc'}
hp, cp, x, g = (rng.normal(size=(H, 1)) for _ in range(4))
def cell(hp=hp, cp=cp, x=x, pert=None):
    pert = pert or {}
    f = sig(W['f'] @ hp + U['f'] @ x + b['f']); i = sig(W['i'] @ hp + U['i'] @ x + b['i'])
    o = sig(W['o'] @ hp + U['o'] @ x + b['o']); g_ = np.tanh(W['c'] @ hp + U['c'] @ x + b['c'])
    c = f*cp + i*g_ + pert.get('c', 0); h = o*np.tanh(c) + pert.get('h', 0)
    return dict(f=f, i=i, o=o, g=g_, c=c, h=h)
E = lambda **kw: (g.T @ cell(**kw)['h'])[0, 0]
def fd(fun, shape=(H, 1), eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps; G[idx] = (fun(e) - fun(-e))/(2*eps)
    return G
ok = lambda a, bb: a.shape == bb.shape and np.allclose(a, bb, atol=1e-6, rtol=1e-4)
s = cell(); f, i, o, c = s['f'], s['i'], s['o'], s['c']
dEdh = fd(lambda e: E(pert={'h': e})); dEdc = fd(lambda e: E(pert={'c': e}))
dEdhp = fd(lambda e: E(hp=hp+e)); dEdcp = fd(lambda e: E(cp=cp+e)); dEdx = fd(lambda e: E(x=x+e))
res, exp = {}, {}
# forward lines (checked against an independent concatenated implementation)
Wc = {k: np.hstack([W[k], U[k]]) for k in W}; hx = np.vstack([hp, x])
res[9] = ok(sig(Wc['f'] @ hx + b['f']), f); exp[9] = True
res[13] = ok(sig(Wc['i'] @ hx + b['i']), i); exp[13] = True
res[17] = ok(sig(Wc['o'] @ hx + b['o']), o); exp[17] = True
res[21] = ok(f*cp + i*np.tanh(Wc['c'] @ hx + b['c']), c); exp[21] = True
res[25] = ok(o*np.tanh(c), s['h']); exp[25] = True
res[33] = ok(dEdc*o*(1-o), dEdh); exp[33] = False
res[37] = ok(dEdh*o*np.tanh(c), dEdc); exp[37] = False
res[41] = ok(dEdc*f*(1-f), dEdhp); exp[41] = False
res[45] = ok(dEdh*(U['o'] @ o)*(1-o), dEdx); exp[45] = False
res[49] = ok(dEdh*o*np.tanh(c), dEdhp); exp[49] = False
res[53] = ok(dEdh*o*np.tanh(c)*(1-o)*f, dEdcp); exp[53] = False
res[57] = ok(dEdh*(U['o'] @ o)*(1-o), dEdx); exp[57] = False
# sanity: the correct one-step formulas match
assert ok(dEdh*o*(1-np.tanh(c)**2), dEdc) and ok(dEdc*f, dEdcp)
allok = True
for line in sorted(res):
    agree = res[line] == exp[line]; allok &= agree
    print(f"line {line}: expected {'pass' if exp[line] else 'fail'}, numeric {'pass' if res[line] else 'fail'}{'' if agree else '  <-- DISAGREE'}")
raise SystemExit(0 if allok else 1)
