"""FD check of the SkillUp-style LSTM layer notebook (ssshun3/DLcode 6_10_LSTM_layer.ipynb).
Row-vector layout: x [N,D], h [N,H], Wx [D,4H], Wh [H,4H], b [4H]; gate blocks ordered f, g, i, o.
One-step loss L = sum(dh_next*h_next) + sum(dc_next*c_next) (dh_next, dc_next = upstream grads)."""
import numpy as np
rng = np.random.default_rng(1)
N, D, H = 3, 4, 5
sigmoid = lambda a: 1/(1+np.exp(-a))
Wx = rng.normal(size=(D, 4*H))*0.6; Wh = rng.normal(size=(H, 4*H))*0.6; b = rng.normal(size=4*H)*0.3
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); c_prev = rng.normal(size=(N, H))
dh_next = rng.normal(size=(N, H)); dc_next = rng.normal(size=(N, H))

def fwd(Wx=Wx, Wh=Wh, b=b, x=x, h_prev=h_prev, c_prev=c_prev, eps=None):
    e = eps or {}
    A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b + e.get('A', 0)
    f = sigmoid(A[:, :H]) + e.get('f', 0)
    g = np.tanh(A[:, H:2*H]) + e.get('g', 0)
    i = sigmoid(A[:, 2*H:3*H]) + e.get('i', 0)
    o = sigmoid(A[:, 3*H:]) + e.get('o', 0)
    c_next = f*c_prev + g*i + e.get('c', 0)
    tanh_c_next = np.tanh(c_next + e.get('c_h', 0))
    h_next = o*tanh_c_next
    return dict(A=A, f=f, g=g, i=i, o=o, c=c_next, t=tanh_c_next, h=h_next,
                L=np.sum(dh_next*h_next) + np.sum(dc_next*c_next))

def ng(fun, a0, h=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += h; am = a0.copy(); am[idx] -= h
        g[idx] = (fun(ap) - fun(am))/(2*h)
    return g
gE = lambda k, shape=(N, H): ng(lambda a: fwd(eps={k: a})['L'], np.zeros(shape))
def rep(line, a, bb):
    print(f"line {line}: {'OK' if np.allclose(a, bb, atol=1e-6, rtol=1e-5) else 'MISMATCH'}")

F = fwd()
# forward rows: compare with an independent per-gate computation
A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
rep(34, A, np.einsum('nd,dk->nk', x, Wx) + np.einsum('nh,hk->nk', h_prev, Wh) + b)
gA = gE('A', (N, 4*H))
# slices: pre-activations of each gate: check gradient routing (block order f,g,i,o) via injected eps
f_, g_, i_, o_ = A[:, :H], A[:, H:2*H], A[:, 2*H:3*H], A[:, 3*H:]
rep(36, sigmoid(f_), F['f']); rep(37, np.tanh(g_), F['g']); rep(38, sigmoid(i_), F['i']); rep(39, sigmoid(o_), F['o'])
f = sigmoid(f_); g = np.tanh(g_); i = sigmoid(i_); o = sigmoid(o_)
rep(41, f, 1/(1+np.exp(-f_))); rep(42, g, (np.exp(g_)-np.exp(-g_))/(np.exp(g_)+np.exp(-g_)))
rep(43, i, 1/(1+np.exp(-i_))); rep(44, o, 1/(1+np.exp(-o_)))
c_next = f*c_prev + g*i;  rep(47, c_next, F['c'])
tanh_c_next = np.tanh(c_next); rep(48, tanh_c_next, F['t'])
h_next = o*tanh_c_next; rep(49, h_next, F['h'])

A2 = (dh_next*o)*(1 - tanh_c_next**2); rep(61, A2, gE('c_h'))
ds = dc_next + A2; rep(62, ds, gE('c'))
dc_prev = ds*f; rep(64, dc_prev, ng(lambda a: fwd(c_prev=a)['L'], c_prev))
di = ds*g; rep(66, di, gE('i'))
df = ds*c_prev; rep(67, df, gE('f'))
do = dh_next*tanh_c_next; rep(68, do, gE('o'))
dg = ds*i; rep(69, dg, gE('g'))
di *= i*(1 - i); rep(71, di, gA[:, 2*H:3*H])
df *= f*(1 - f); rep(72, df, gA[:, :H])
do *= o*(1 - o); rep(73, do, gA[:, 3*H:])
dg *= (1 - g**2); rep(74, dg, gA[:, H:2*H])
dA = np.hstack((df, dg, di, do)); rep(76, dA, gA)
dWh = np.dot(h_prev.T, dA); rep(78, dWh, ng(lambda a: fwd(Wh=a)['L'], Wh))
dWx = np.dot(x.T, dA); rep(79, dWx, ng(lambda a: fwd(Wx=a)['L'], Wx))
db = dA.sum(axis=0); rep(80, db, ng(lambda a: fwd(b=a)['L'], b))
dx = np.dot(dA, Wx.T); rep(86, dx, ng(lambda a: fwd(x=a)['L'], x))
dh_prev = np.dot(dA, Wh.T); rep(87, dh_prev, ng(lambda a: fwd(h_prev=a)['L'], h_prev))
