"""FD check of chiayisu/NLP_and_ML_Algorithm Deep_Learning/LSTM.py (numpy LSTM layer).
Row layout: x (N,D), h (N,H), W_x (D,4H), W_h (H,4H), b (N,4H) (a per-row bias, as in the source).
A = x W_x + h W_h + b, slots [f | g(new_info) | i | o].
Intended cell (implied by the 4H weights and the 4-slot dA): f=s(A1), g=tanh(A2), i=s(A3), o=s(A4).
The published forward (line 68) instead takes info_gate = sigmoid(new_info) and leaves A3 unused.
Backward rows are checked as local steps against the intended cell; line 68 is checked against it.
Loss L = sum(dhnext*h_t) + sum(dcnext*c_t)."""
import numpy as np
rng = np.random.default_rng(0)
N, D, H = 3, 4, 5            # D != H so that the dx row's W_h.T is caught by value/shape
sig = lambda a: 1/(1+np.exp(-a))
Wx = rng.normal(size=(D, 4*H))*0.5; Wh = rng.normal(size=(H, 4*H))*0.5; b = rng.normal(size=(N, 4*H))*0.3
x = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H)); cp = rng.normal(size=(N, H))
DH = rng.normal(size=(N, H)); DC = rng.normal(size=(N, H))
S = lambda k: slice(k*H, (k+1)*H)

def fwd(Wx=Wx, Wh=Wh, b=b, x=x, hp=hp, cp=cp, e=None):
    e = e or {}
    A = x@Wx + hp@Wh + b + e.get('A', 0)
    f = sig(A[:, S(0)]) + e.get('f', 0); g = np.tanh(A[:, S(1)]) + e.get('g', 0)
    i = sig(A[:, S(2)]) + e.get('i', 0); o = sig(A[:, S(3)]) + e.get('o', 0)
    c = f*cp + g*i + e.get('c', 0)
    h = o*np.tanh(c)
    return dict(A=A, f=f, g=g, i=i, o=o, c=c, h=h, L=np.sum(DH*h) + np.sum(DC*c))

def ng(fun, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps; am = a0.copy(); am[idx] -= eps
        g[idx] = (fun(ap) - fun(am))/(2*eps)
    return g
def rep(line, a, bb):
    ok = np.shape(a) == np.shape(bb) and np.allclose(a, bb, atol=1e-6, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
gE = lambda k, shp=(N, H): ng(lambda a: fwd(e={k: a})['L'], np.zeros(shp))

F = fwd()
f, g, i, o, c, A = F['f'], F['g'], F['i'], F['o'], F['c'], F['A']
# helpers (tanh / Sigmoid classes)
z = rng.normal(size=(N, H))
rep(14, (np.exp(z)-np.exp(-z))/(np.exp(z)+np.exp(-z)), np.tanh(z))
dout = rng.normal(size=(N, H))
rep(18, dout*(1-np.square(np.tanh(z))), ng(lambda a: np.sum(dout*np.tanh(a)), z))
rep(27, 1/(1+np.exp(-z)), sig(z))
rep(31, dout*sig(z)*(1-sig(z)), ng(lambda a: np.sum(dout*sig(a)), z))
# forward rows
rep(62, x@Wx + hp@Wh + b, A)
rep(66, sig(A[:, :H]), f)
rep(67, np.tanh(A[:, H:2*H]), g)
rep(68, sig(g), i)                              # published: info_gate = sigmoid(new_info)
rep(69, sig(A[:, 3*H:]), o)
rep(70, f*cp + g*i, c)
rep(72, np.tanh(c), np.tanh(c))
rep(73, o*np.tanh(c), F['h'])
# backward rows (source code, intended cell)
do = DH*np.tanh(c); rep(78, do, gE('o'))
dc = DC + o*(DH*(1-np.tanh(c)**2)); rep(79, dc, gE('c'))
dcprev = f*dc; rep(80, dcprev, ng(lambda a: fwd(cp=a)['L'], cp))
df = cp*dc; rep(81, df, gE('f'))
dg = i*dc; rep(82, dg, gE('g'))
di = g*dc; rep(83, di, gE('i'))
gA = gE('A', (N, 4*H))
df = df*f*(1-f); rep(84, df, gA[:, S(0)])
dg = dg*(1-g**2); rep(85, dg, gA[:, S(1)])
di = di*i*(1-i); rep(86, di, gA[:, S(2)])
do = do*o*(1-o); rep(87, do, gA[:, S(3)])
dA = np.hstack((df, dg, di, do)); rep(88, dA, gA)
rep(89, x.T@dA, ng(lambda a: fwd(Wx=a)['L'], Wx))
rep(90, hp.T@dA, ng(lambda a: fwd(Wh=a)['L'], Wh))
rep(91, dA.copy(), ng(lambda a: fwd(b=a)['L'], b))
rep(93, dA@Wh.T, ng(lambda a: fwd(hp=a)['L'], hp))
rep(94, dA@Wh.T, ng(lambda a: fwd(x=a)['L'], x))
# information only: literal reading of the published forward (i = sigmoid(g), slot A3 unused)
def fwd_lit(e=None):
    e = e or {}
    A = x@Wx + hp@Wh + b + e.get('A', 0)
    f = sig(A[:, S(0)]); g = np.tanh(A[:, S(1)]) + e.get('g', 0); i = sig(g); o = sig(A[:, S(3)])
    c = f*cp + g*i
    return np.sum(DH*o*np.tanh(c)) + np.sum(DC*c)
gAl = ng(lambda a: fwd_lit(e={'A': a}), np.zeros((N, 4*H)))
print("info (literal forward): A-slot 3 gradient is zero:", np.allclose(gAl[:, S(2)], 0))
