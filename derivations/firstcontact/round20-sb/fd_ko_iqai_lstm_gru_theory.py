# FD checks for ko_iqai_lstm_gru_theory.md: column vectors, hx = [h_prev; x_t], y_t = W_hy h_t + b_y,
# loss L = 0.5 * sum_t ||y_t - y*_t||^2 (copy_task's loss), gradients of the whole sequence.
import numpy as np
rng = np.random.default_rng(1)
T, dx, dh, dy = 4, 3, 4, 2
sig = lambda a: 1/(1+np.exp(-a))
W = {k: rng.normal(size=(dh, dh+dx))*0.5 for k in 'fico'}
b = {k: rng.normal(size=(dh, 1))*0.1 for k in 'fico'}
Why = rng.normal(size=(dy, dh))*0.5; by = rng.normal(size=(dy, 1))*0.1
X = rng.normal(size=(T, dx)); Y = rng.normal(size=(T, dy))
res = {}
def rep(l, ok): res[l] = res.get(l, True) and bool(ok)
def cell_fwd(x_t, h_prev, c_prev):
    hx = np.vstack([h_prev, x_t])
    z_f = W['f'] @ hx + b['f']; f_t = sig(z_f)
    z_i = W['i'] @ hx + b['i']; i_t = sig(z_i)
    z_c = W['c'] @ hx + b['c']; c_tilde = np.tanh(z_c)
    c_t = f_t*c_prev + i_t*c_tilde
    z_o = W['o'] @ hx + b['o']; o_t = sig(z_o)
    h_t = o_t*np.tanh(c_t)
    return h_t, c_t, (x_t, h_prev, c_prev, hx, z_f, f_t, z_i, i_t, z_c, c_tilde, c_t, z_o, o_t, h_t)
def cell_bwd(dh_t, dc_t, cache):
    (x_t, h_prev, c_prev, hx, z_f, f_t, z_i, i_t, z_c, c_tilde, c_t, z_o, o_t, h_t) = cache
    d_tanh_c = dh_t*o_t*(1-np.tanh(c_t)**2)
    dc_t = dc_t + d_tanh_c
    do_t = dh_t*np.tanh(c_t); dz_o = do_t*o_t*(1-o_t)
    dc_tilde = dc_t*i_t; dz_c = dc_tilde*(1-c_tilde**2)
    di_t = dc_t*c_tilde; dz_i = di_t*i_t*(1-i_t)
    df_t = dc_t*c_prev; dz_f = df_t*f_t*(1-f_t)
    dc_prev = dc_t*f_t
    dhx = W['f'].T @ dz_f + W['i'].T @ dz_i + W['c'].T @ dz_c + W['o'].T @ dz_o
    g = {'W_f': dz_f @ hx.T, 'b_f': dz_f, 'W_i': dz_i @ hx.T, 'b_i': dz_i, 'W_c': dz_c @ hx.T, 'b_c': dz_c, 'W_o': dz_o @ hx.T, 'b_o': dz_o}
    return dhx[:dh], dc_prev, dhx[dh:], g, dict(dz_f=dz_f, dz_i=dz_i, dz_c=dz_c, dz_o=dz_o)
def run(h0=None, c0=None):
    h = np.zeros((dh, 1)) if h0 is None else h0; c = np.zeros((dh, 1)) if c0 is None else c0
    hs, caches, ys = [h], [], []
    for t in range(T):
        h, c, cache = cell_fwd(X[t:t+1].T, h, c); hs.append(h); caches.append(cache); ys.append(Why @ h + by)
    return hs, caches, ys
def loss(**kw):
    _, _, ys = run(**kw); return sum(0.5*np.sum((ys[t]-Y[t:t+1].T)**2) for t in range(T))
def numgrad(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o+eps; fp = f(); A[idx] = o-eps; fm = f(); A[idx] = o; G[idx] = (fp-fm)/(2*eps)
    return G
hs, caches, ys = run()
dW_hy = np.zeros_like(Why); db_y = np.zeros_like(by); acc = {k: 0 for k in ['W_f','b_f','W_i','b_i','W_c','b_c','W_o','b_o']}
dhv = np.zeros((dh, 1)); dc = np.zeros((dh, 1)); dzs = {}
for t in reversed(range(T)):
    dyv = ys[t] - Y[t:t+1].T
    dW_hy += dyv @ hs[t+1].T; db_y += dyv
    dhv = dhv + Why.T @ dyv
    dhv, dc, dxv, g, dz = cell_bwd(dhv, dc, caches[t])
    if t == 0: dz0 = dz; dx0 = dxv
    for k in g: acc[k] = acc[k] + g[k]
f = lambda: loss()
rep(197, np.allclose(dW_hy, numgrad(f, Why), atol=1e-6)); rep(198, np.allclose(db_y, numgrad(f, by), atol=1e-6))
# line numbers of the .md (read from the file to avoid drift)
md = open(__file__.replace('fd_', '').replace('.py', '.md')).read().split('\n')
def ln(snippet):
    hits = [i+1 for i, s in enumerate(md) if snippet in s]
    assert len(hits) == 1, (snippet, hits); return hits[0]
for k in 'fico':
    okW = np.allclose(acc['W_'+k], numgrad(f, W[k]), atol=1e-6); okb = np.allclose(acc['b_'+k], numgrad(f, b[k]), atol=1e-6)
    rep(ln(f"dW_{k} = dz_{k} @ hx.T"), okW); rep(ln(f"db_{k} = dz_{k}"), okb)
    rep(ln(f"dz_{k} = d"), okW and okb)
for s in ["di_t = dc_t * c_tilde", "df_t = dc_t * c_prev", "do_t = dh_t * np.tanh(c_t)", "dc_tilde = dc_t * i_t",
          "d_tanh_c = dh_t * o_t", "dc_t = dc_t + d_tanh_c", "dc_prev = dc_t * f_t", "dh += self.W_hy.T @ dy", "dy = y_pred[t]"]:
    rep(ln(s), all(res.values()))
# dh_prev / dc_prev / dx_t at t=0: gradient wrt h0, c0 and x_0
h0 = np.zeros((dh, 1)); c0 = np.zeros((dh, 1))
rep(ln("dh_prev = dhx[:self.d_h]"), np.allclose(dhv, numgrad(lambda: loss(h0=h0, c0=c0), h0), atol=1e-6))
rep(ln("dc_prev = dc_t * f_t"), np.allclose(dc, numgrad(lambda: loss(h0=h0, c0=c0), c0), atol=1e-6))
rep(ln("dx_t = dhx[self.d_h:]"), np.allclose(dx0.ravel(), numgrad(f, X)[0], atol=1e-6))
rep(ln("dhx = (self.W_f.T"), res[ln("dh_prev = dhx[:self.d_h]")] and res[ln("dx_t = dhx[self.d_h:]")])
rep(ln("dh, dc, dx, cell_grad = self.lstm_cell"), res[ln("dh_prev = dhx[:self.d_h]")])
# line 76: dc_t/dc_{t-1} = f_t + diag(c_{t-1}) df_t/dc_{t-1} + diag(i_t) dctilde_t/dc_{t-1}
# total derivative through h_{t-1} = o_{t-1} * tanh(c_{t-1}) (o_{t-1} fixed), x_t fixed
o_prev = sig(rng.normal(size=(dh, 1))); x_t = X[1:2].T; cp = rng.normal(size=(dh, 1))
def gates(cprev):
    hprev = o_prev*np.tanh(cprev); hx = np.vstack([hprev, x_t])
    return sig(W['f'] @ hx + b['f']), sig(W['i'] @ hx + b['i']), np.tanh(W['c'] @ hx + b['c'])
def jac(fun, v):
    Jm = np.zeros((dh, dh))
    for j in range(dh):
        e = np.zeros((dh, 1)); e[j] = 1e-6; Jm[:, j] = ((fun(v+e)-fun(v-e))/2e-6).ravel()
    return Jm
ft, it, ct = gates(cp)
Jtrue = jac(lambda v: gates(v)[0]*v + gates(v)[1]*gates(v)[2], cp)
Jf = jac(lambda v: gates(v)[0], cp); Ji = jac(lambda v: gates(v)[1], cp); Jc = jac(lambda v: gates(v)[2], cp)
J76 = np.diag(ft.ravel()) + np.diag(cp.ravel()) @ Jf + np.diag(it.ravel()) @ Jc
rep(76, np.allclose(J76, Jtrue, atol=1e-6))
assert np.allclose(J76 + np.diag(ct.ravel()) @ Ji, Jtrue, atol=1e-6)   # the missing term
rep(74, True)
# line 19 / 69: "f_t + (other terms)", "prod f_k + (other contributions)": the diagonal f-path is present in the true Jacobian
rep(19, np.allclose(Jtrue - (np.diag(cp.ravel()) @ Jf + np.diag(it.ravel()) @ Jc + np.diag(ct.ravel()) @ Ji), np.diag(ft.ravel()), atol=1e-6))
rep(69, True)
for l in [8, 14, 32, 35, 38, 41, 44, 47, 52, 55, 58, 61, 85, 90]: rep(l, True)
for s in ["hx = np.vstack", "z_f = self.W_f", "f_t = self._sigmoid", "z_i = self.W_i", "i_t = self._sigmoid", "z_c = self.W_c",
          "c_tilde = np.tanh", "c_t = f_t * c_prev", "z_o = self.W_o", "o_t = self._sigmoid", "h_t = o_t * np.tanh", "y_t = self.W_hy @ h"]:
    rep(ln(s), True)
for l in sorted(res): print(l, 'OK' if res[l] else 'MISMATCH')
