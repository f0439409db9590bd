"""FD check of Rui Wang's numpy RNN (wangru25_rnn_rowvec_numpy.md).
Batch-first rows: Xt (N,D), h (N,H), Wx (D,H), Wh (H,H), Wy (H,M), bh (1,H), by (1,M).
h_t = tanh(Xt Wx + h_{t-1} Wh + bh), yhat_t = softmax(h_t Wy + by) (row-wise).
Loss (RNN.py): L = mean_n sum_k -y log yhat at the LAST step only (index 27 = T-1 for MNIST; here T-1).
'dh_next' in rnn_cell_backward = total dL/dh_t; dh[:,:,t] passed to rnn_backward = direct (non-recurrent) dL/dh_t."""
import numpy as np
rng = np.random.default_rng(0)
N, D, H, M, T = 3, 4, 5, 3, 4
eps = 1e-6
def sm(a):
    e = np.exp(a - a.max(axis=1, keepdims=True)); return e / e.sum(axis=1, keepdims=True)
def rep(line, a, b):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
def fd(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        p = x.copy(); p[idx] += eps; m = x.copy(); m[idx] -= eps
        g[idx] = (f(p) - f(m)) / (2 * eps)
    return g
P = dict(Wx=rng.normal(size=(D, H)) * .5, Wh=rng.normal(size=(H, H)) * .5, Wy=rng.normal(size=(H, M)) * .5,
         bh=rng.normal(size=(1, H)) * .2, by=rng.normal(size=(1, M)) * .2)
X = rng.normal(size=(N, D, T)); h0 = rng.normal(size=(N, H)) * .5
Y = np.eye(M)[rng.integers(0, M, size=N)]

def run(P=P, X=X, h0=h0, hadd=None, zadd=None):
    hs = [h0]; yh = []
    for t in range(T):
        h = np.tanh(X[:, :, t] @ P['Wx'] + hs[-1] @ P['Wh'] + P['bh'])
        if hadd is not None and hadd[0] == t: h = h + hadd[1]
        z = h @ P['Wy'] + P['by']
        if zadd is not None and t == T - 1: z = z + zadd
        hs.append(h); yh.append(sm(z))
    return hs, yh
def loss(**kw):
    hs, yh = run(**kw); return np.mean(np.sum(-Y * np.log(yh[T - 1]), axis=-1))
def withP(name, v):
    Q = dict(P); Q[name] = v; return Q

hs, yh = run()
# forward rows
t = 2
rep(38, hs[t + 1], np.tanh(np.dot(X[:, :, t], P['Wx']) + np.dot(hs[t], P['Wh']) + P['bh']))
rep(39, yh[t], sm(np.dot(hs[t + 1], P['Wy']) + P['by']))
# author's stacked forward (125-127): reimplement verbatim loop
h_arr = np.zeros((N, H, T)); y_arr = np.zeros((N, M, T)); h_next = h0
for tt in range(T):
    h_next_ = np.tanh(np.dot(X[:, :, tt], P['Wx']) + np.dot(h_next, P['Wh']) + P['bh'])
    yt_pred = sm(np.dot(h_next_, P['Wy']) + P['by']); h_next = h_next_
    h_arr[:, :, tt] = h_next; y_arr[:, :, tt] = yt_pred
rep(125, h_arr[:, :, T - 1], hs[T]); rep(126, h_arr, np.stack(hs[1:], axis=2)); rep(127, y_arr, np.stack(yh, axis=2))

# true gradients
g_h = {tt: fd(lambda v, tt=tt: loss(hadd=(tt, v)), np.zeros((N, H))) for tt in range(T)}   # total dL/dh_t
g_z = fd(lambda v: loss(zadd=v), np.zeros((N, M)))                                         # dL/dlogits at T-1
gWx = fd(lambda v: loss(P=withP('Wx', v)), P['Wx']); gWh = fd(lambda v: loss(P=withP('Wh', v)), P['Wh'])
gbh = fd(lambda v: loss(P=withP('bh', v)), P['bh']); gWy = fd(lambda v: loss(P=withP('Wy', v)), P['Wy'])
gby = fd(lambda v: loss(P=withP('by', v)), P['by']); gh0 = fd(lambda v: loss(h0=v), h0)
gX = fd(lambda v: loss(X=v), X)

# cell backward at step t with true total dh_next (lines 68-77)
t = 1; h_next = hs[t + 1]; h_prev = hs[t]; Xt = X[:, :, t]; dh_next = g_h[t]
dtanh = (1 - h_next**2) * dh_next
# dL/da_t via FD on the pre-activation: perturb a_t -> h_t = tanh(a_t + v)
def loss_a(v):
    hs_ = [h0]
    for tt in range(T):
        a = X[:, :, tt] @ P['Wx'] + hs_[-1] @ P['Wh'] + P['bh']
        if tt == t: a = a + v
        hs_.append(np.tanh(a))
    return np.mean(np.sum(-Y * np.log(sm(hs_[T] @ P['Wy'] + P['by'])), axis=-1))
rep(68, dtanh, fd(loss_a, np.zeros((N, H))))
rep(70, np.dot(dtanh, P['Wx'].T), gX[:, :, t])
# step-local dWx: derivative through step t only = Xt^T dL/da_t
rep(71, np.dot(Xt.T, dtanh), Xt.T @ fd(loss_a, np.zeros((N, H))))
rep(73, np.dot(dtanh, P['Wh'].T), g_h[t - 1])
rep(74, np.dot(h_prev.T, dtanh), h_prev.T @ fd(loss_a, np.zeros((N, H))))
rep(77, np.sum(dtanh, axis=0, keepdims=True), fd(loss_a, np.zeros((N, H))).sum(0, keepdims=True))

# loss and dy (lines 215, 217, 191)
L_auth = np.mean(np.sum(- Y * np.log(yh[T - 1]), axis=-1))
rep(215, L_auth, loss()); rep(191, L_auth, loss())
dy = yh[T - 1] - Y
rep(217, dy, g_z)                                      # author: no 1/N for the mean loss
# rows 192/193 checked with the correct dL/dlogits fed in (local check of the formula)
rep(192, np.dot(hs[T].T, g_z), gWy)
rep(193, np.sum(g_z, axis=0, keepdims=True), gby)
# line 196: direct dL/dh_t injected at every t, as the author writes it (with the correct g_z)
dh = np.zeros((N, H, T))
for tt in range(T):
    dh[:, :, tt] = np.dot(g_z, P['Wy'].T)
direct = np.zeros((N, H, T)); direct[:, :, T - 1] = g_z @ P['Wy'].T     # loss only reads h at T-1
rep(196, dh, direct)

# rnn_backward (lines 166-174) run with the correct direct upstream 'direct'
dWx = np.zeros((D, H)); dWh = np.zeros((H, H)); dbh = np.zeros((1, H)); dX = np.zeros((N, D, T))
dh_prevt = np.zeros((N, H)); tot = {}
for tt in reversed(range(T)):
    dn = direct[:, :, tt] + dh_prevt; tot[tt] = dn
    dta = (1 - hs[tt + 1]**2) * dn
    dXt = dta @ P['Wx'].T; dh_prevt = dta @ P['Wh'].T
    dX[:, :, tt] = dXt; dWx += X[:, :, tt].T @ dta; dWh += hs[tt].T @ dta; dbh += dta.sum(0, keepdims=True)
rep(166, np.stack([tot[tt] for tt in range(T)], 2), np.stack([g_h[tt] for tt in range(T)], 2))
rep(167, dh_prevt, gh0)
rep(169, dX, gX); rep(170, dWx, gWx); rep(171, dWh, gWh); rep(172, dbh, gbh); rep(174, dh_prevt, gh0)
# line 197: rnn_backward as called by the author (dh from line 196) -> resulting dWh vs truth
dWh2 = np.zeros((H, H)); dp = np.zeros((N, H))
for tt in reversed(range(T)):
    dta = (1 - hs[tt + 1]**2) * (dh[:, :, tt] + dp); dp = dta @ P['Wh'].T; dWh2 += hs[tt].T @ dta
rep(197, dWh, gWh)   # the call itself is fine when given the right dh
print("info: author's end-to-end dWh (with line-196 dh) matches FD:", np.allclose(dWh2, gWh))
