"""FD check of obarlik/mm-rec gru_backward.cpp (C++/Eigen), re-expressed in numpy float64.
Layout as in the source: x [batch,in], h [batch,H], W [out,in]; linear y = x @ W.T + b
(consistent with linear_backward: dx = dy @ W, dW = dy^T @ x).
Loss L = sum(G * h_new), G = dh_new (given upstream gradient).
Path-separated copies of x / h_prev are used to check partial accumulations."""
import numpy as np
rng = np.random.default_rng(0)
B, D, H = 3, 4, 5
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=s)*0.7 for k, s in dict(W_r=(H,D), U_r=(H,H), b_r=(H,), W_u=(H,D), U_u=(H,H), b_u=(H,),
                                                 W_h=(H,D), U_h=(H,H), b_h=(H,)).items()}
x = rng.normal(size=(B,D)); h_prev = rng.normal(size=(B,H)); G = rng.normal(size=(B,H))
Z = lambda s: np.zeros(s)

def fwd(P, xs=None, hs=None, eps=None):
    xs = xs or {}; hs = hs or {}; eps = eps or {}
    xh, xr, xu = xs.get('h', x), xs.get('r', x), xs.get('u', x)
    hd, hrh, hr, hu = hs.get('d', h_prev), hs.get('rh', h_prev), hs.get('r', h_prev), hs.get('u', h_prev)
    z_r = xr @ P['W_r'].T + hr @ P['U_r'].T + P['b_r'] + eps.get('z_r', 0)
    z_u = xu @ P['W_u'].T + hu @ P['U_u'].T + P['b_u'] + eps.get('z_u', 0)
    r = sig(z_r) + eps.get('r', 0)
    u = sig(z_u) + eps.get('u', 0)
    rh = r * hrh + eps.get('rh', 0)
    z_h = xh @ P['W_h'].T + rh @ P['U_h'].T + P['b_h'] + eps.get('z_h', 0)
    ht = np.tanh(z_h) + eps.get('ht', 0)
    hn = u * hd + (1 - u) * ht
    return dict(r=r, u=u, ht=ht, hn=hn, rh=rh, L=np.sum(G*hn))

def ng(fun, a0, h=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += h; am = a0.copy(); am[idx] -= h
        g[idx] = (fun(ap) - fun(am)) / (2*h)
    return g

def gP(name):
    def f(a):
        Q = dict(P); Q[name] = a; return fwd(Q)['L']
    return ng(f, P[name])
gE = lambda k: ng(lambda a: fwd(P, eps={k: a})['L'], Z((B,H)))
gX = lambda k: ng(lambda a: fwd(P, xs={k: a})['L'], x)
gHs = lambda k: ng(lambda a: fwd(P, hs={k: a})['L'], h_prev)

def rep(line, a, b):
    print(f"line {line}: {'OK' if np.allclose(a, b, atol=1e-6, rtol=1e-5) else 'MISMATCH'}")

F = fwd(P); r, u, h_tilde, h_new = F['r'], F['u'], F['ht'], F['hn']
# forward rows (column-vector reading per sample, W @ x_col)
def col(W, v): return (W @ v.T).T
rep(10, r, sig(col(P['W_r'], x) + col(P['U_r'], h_prev) + P['b_r'][None]))
rep(11, u, sig(col(P['W_u'], x) + col(P['U_u'], h_prev) + P['b_u'][None]))
rep(12, h_tilde, np.tanh(col(P['W_h'], x) + col(P['U_h'], r*h_prev) + P['b_h'][None]))
rep(13, h_new, u*h_prev + (1-u)*h_tilde)

# linear_backward as written (overwrites dx, dW, db)
def linear_backward(xx, W, dy):
    dx = dy @ W
    dW = dy.T @ xx
    db = np.zeros(dy.shape[1])
    for b in range(xx.shape[0]):
        for o in range(dy.shape[1]):
            db[o] += dy[b, o]
    return dx, dW, db
sigmoid_backward = lambda y, dy: dy * y * (1.0 - y)
tanh_backward = lambda y, dy: dy * (1.0 - y * y)

dh_new = G
du = dh_new * (h_prev - h_tilde);                    rep(84, du, gE('u'))
dh_tilde = dh_new * (1.0 - u);                       rep(89, dh_tilde, gE('ht'))
dh_prev = dh_new * u;                                rep(94, dh_prev, gHs('d'))
dz_h = tanh_backward(h_tilde, dh_tilde);             rep(99, dz_h, gE('z_h'))
r_h_prev = r * h_prev;                               rep(106, r_h_prev, F['rh'])
dx_h, dW_h, db_h = linear_backward(x, P['W_h'], dz_h)
ok110 = [np.allclose(dx_h, gX('h'), atol=1e-6), np.allclose(dW_h, gP('W_h'), atol=1e-6), np.allclose(db_h, gP('b_h'), atol=1e-6)]
print(f"line 110: {'OK' if all(ok110) else 'MISMATCH'}")
dr_h_prev, dU_h, db_h = linear_backward(r_h_prev, P['U_h'], dz_h)   # db_h overwritten, not accumulated
ok111 = [np.allclose(dr_h_prev, gE('rh'), atol=1e-6), np.allclose(dU_h, gP('U_h'), atol=1e-6), np.allclose(db_h, gP('b_h'), atol=1e-6)]
print(f"line 111: {'OK' if all(ok111) else 'MISMATCH'}")
# what a truly accumulating db_h (as the comment says) would give:
print("  (info) db_h is overwritten by the 2nd call, so it equals the true gradient; a truly accumulating db_h would be 2x too large:", np.allclose(2*db_h, gP("b_h")) is False)
dr = dr_h_prev * h_prev;                             rep(119, dr, gE('r'))
dh_prev = dh_prev + dr_h_prev * r;                   rep(122, dh_prev, gHs('d') + gHs('rh'))
dz_r = sigmoid_backward(r, dr);                      rep(126, dz_r, gE('z_r'))
dz_u = sigmoid_backward(u, du);                      rep(127, dz_u, gE('z_u'))
dx_r, dW_r, db_r = linear_backward(x, P['W_r'], dz_r)
print(f"line 132: {'OK' if all([np.allclose(dx_r, gX('r'), atol=1e-6), np.allclose(dW_r, gP('W_r'), atol=1e-6), np.allclose(db_r, gP('b_r'), atol=1e-6)]) else 'MISMATCH'}")
dh_prev_r, dU_r, db_r = linear_backward(h_prev, P['U_r'], dz_r)
print(f"line 133: {'OK' if all([np.allclose(dh_prev_r, gHs('r'), atol=1e-6), np.allclose(dU_r, gP('U_r'), atol=1e-6), np.allclose(db_r, gP('b_r'), atol=1e-6)]) else 'MISMATCH'}")
dx_u, dW_u, db_u = linear_backward(x, P['W_u'], dz_u)
print(f"line 136: {'OK' if all([np.allclose(dx_u, gX('u'), atol=1e-6), np.allclose(dW_u, gP('W_u'), atol=1e-6), np.allclose(db_u, gP('b_u'), atol=1e-6)]) else 'MISMATCH'}")
dh_prev_u, dU_u, db_u = linear_backward(h_prev, P['U_u'], dz_u)
print(f"line 137: {'OK' if all([np.allclose(dh_prev_u, gHs('u'), atol=1e-6), np.allclose(dU_u, gP('U_u'), atol=1e-6), np.allclose(db_u, gP('b_u'), atol=1e-6)]) else 'MISMATCH'}")
dx = dx_h + dx_r + dx_u;                             rep(146, dx, ng(lambda a: fwd(P, xs={'h': a, 'r': a, 'u': a})['L'], x))
dh_prev = dh_prev + dh_prev_r + dh_prev_u
rep(150, dh_prev, ng(lambda a: fwd(P, hs={'d': a, 'rh': a, 'r': a, 'u': a})['L'], h_prev))

# generic helpers inside backward.cpp
xx = rng.normal(size=(B, D)); W = rng.normal(size=(H, D)); bb = rng.normal(size=H); dy = rng.normal(size=(B, H))
Lf = lambda xx_, W_, b_: np.sum(dy * (xx_ @ W_.T + b_))
dxg, dWg, dbg = linear_backward(xx, W, dy)
rep(176, dxg, ng(lambda a: Lf(a, W, bb), xx))
rep(179, dWg, ng(lambda a: Lf(xx, a, bb), W))
rep(186, dbg, ng(lambda a: Lf(xx, W, a), bb))
a0 = rng.normal(size=(B, H))
rep(197, sigmoid_backward(sig(a0), dy), ng(lambda a: np.sum(dy*sig(a)), a0))
rep(209, tanh_backward(np.tanh(a0), dy), ng(lambda a: np.sum(dy*np.tanh(a)), a0))
