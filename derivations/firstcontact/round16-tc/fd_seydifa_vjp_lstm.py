"""FD check of seydifa_vjp_lstm.md: row-layout batched LSTM, z_t = [h_{t-1}; x_t] (B x (dh+din)),
[f,i,ct,o] = [sig,sig,tanh,sig](z_t W + b), c_t = f c_{t-1} + i ct, h_t = o tanh(c_t).
Loss L = sum_t sum(V_t * h_t) + sum_t sum(Q_t * c_t) (a cell-state readout too, so that g_{c_t} is general).
Checked at t=2 of T=3 with per-use hooks and per-step parameter copies."""
import numpy as np
rng = np.random.default_rng(2)
B, dh, din, T = 3, 4, 5, 3
sig = lambda a: 1/(1+np.exp(-a))
W = rng.normal(size=(dh+din, 4*dh))*0.6; b = rng.normal(size=4*dh)*0.3
X = rng.normal(size=(T+1, B, din)); h0 = rng.normal(size=(B, dh)); c0 = rng.normal(size=(B, dh))
V = rng.normal(size=(T+1, B, dh)); Q = rng.normal(size=(T+1, B, dh))*0.5
def run(hook=None, pW=None, pb=None):
    hook = hook or (None, None, 0)
    Hk = lambda t, n, v: v + hook[2] if (hook[0] == t and hook[1] == n) else v
    h, c, L, C = h0, c0, 0.0, {}
    for t in range(1, T+1):
        Wt = W + (pW[1] if pW and pW[0] == t else 0); bt = b + (pb[1] if pb and pb[0] == t else 0)
        z = Hk(t, 'z', np.concatenate([h, X[t]], 1))
        A = Hk(t, 'A', z @ Wt + bt)
        f = Hk(t, 'f', sig(A[:, :dh])); i = Hk(t, 'i', sig(A[:, dh:2*dh]))
        ct = Hk(t, 'ct', np.tanh(A[:, 2*dh:3*dh])); o = Hk(t, 'o', sig(A[:, 3*dh:]))
        cprev_use = Hk(t, 'c_prev', c)
        cn = Hk(t, 'c', f*cprev_use + i*ct)
        hn = Hk(t, 'h', o*np.tanh(cn))
        C[t] = dict(z=z, f=f, i=i, ct=ct, o=o, c=cn, c_prev=c, h=hn)
        L += np.sum(V[t]*hn) + np.sum(Q[t]*cn); h, c = hn, cn
    return L, C
def fd(shape, f, eps=1e-6):
    g = np.zeros(shape)
    for k in np.ndindex(*shape):
        d = np.zeros(shape); d[k] = eps; g[k] = (f(d)-f(-d))/(2*eps)
    return g
tot = lambda t, n, s: fd(s, lambda d: run(hook=(t, n, d))[0])
ok = lambda a, b_: a.shape == b_.shape and np.allclose(a, b_, rtol=1e-6, atol=1e-8)
t = 2; _, C = run(); c = C[t]; S = (B, dh)
g_h = tot(t, 'h', S)                       # received g_{h_t} (total)
g_c_total_fd = tot(t, 'c', S)              # total dL/dc_t
g_c_next = g_c_total_fd - g_h*c['o']*(1-np.tanh(c['c'])**2)   # part not through h_t (from step t+1 and the readout)
res = {}
d_o = g_h*np.tanh(c['c']);                          res[67] = ok(d_o, tot(t, 'o', S))
g_ct = g_c_next + g_h*c['o']*(1-np.tanh(c['c'])**2); res[71] = ok(g_ct, g_c_total_fd)
d_f = g_ct*c['c_prev'];                             res[77] = ok(d_f, tot(t, 'f', S))
d_i = g_ct*c['ct'];                                 res[81] = ok(d_i, tot(t, 'i', S))
d_c = g_ct*c['i'];                                  res[85] = ok(d_c, tot(t, 'ct', S))
res[91] = ok(g_ct*c['f'], tot(t, 'c_prev', S))      # the part of dL/dc_{t-1} flowing through c_t
dl = {k: v for k, v in zip('fico', (d_f*c['f']*(1-c['f']), d_i*c['i']*(1-c['i']), d_c*(1-c['ct']**2), d_o*c['o']*(1-c['o'])))}
# pre-activation totals by FD on a hook on the whole pre-activation: perturb W's bias of step t only, block by block
g_b_step = fd(b.shape, lambda d: run(pb=(t, d))[0]).reshape(1, -1)
Delta = np.concatenate([dl['f'], dl['i'], dl['c'], dl['o']], 1)
res[97] = ok(dl['f'].sum(0), g_b_step[0, :dh]); res[101] = ok(dl['i'].sum(0), g_b_step[0, dh:2*dh])
res[105] = ok(dl['c'].sum(0), g_b_step[0, 2*dh:3*dh]); res[109] = ok(dl['o'].sum(0), g_b_step[0, 3*dh:])
gA = tot(t, 'A', (B, 4*dh))
res[97] = res[97] and ok(dl['f'], gA[:, :dh]); res[101] = res[101] and ok(dl['i'], gA[:, dh:2*dh])
res[105] = res[105] and ok(dl['c'], gA[:, 2*dh:3*dh]); res[109] = res[109] and ok(dl['o'], gA[:, 3*dh:])
res[115] = ok(Delta, gA)
res[120] = ok(c['z'].T @ Delta, fd(W.shape, lambda d: run(pW=(t, d))[0]))
res[124] = ok(Delta.sum(0), g_b_step[0])
g_z = Delta @ W.T;                                   res[130] = ok(g_z, tot(t, 'z', (B, dh+din)))
tz = tot(t, 'z', (B, dh+din))
res[134] = ok(g_z[:, :dh], tz[:, :dh]) and ok(g_z[:, dh:], tot(t, 'z', (B, dh+din))[:, dh:])
res['134_h_part_is_total_minus_output'] = ok(g_z[:, :dh], tot(t-1, 'h', S) - V[t-1])
# 35-47: per-gate column forms W_f z_t with z_t a B x (dh+din) row batch
Wf = W[:, :dh].T   # the only W_f that makes the product defined for a single column z
try: Wf @ c['z']; res['35_typed_with_batch_rows'] = True
except ValueError: res['35_typed_with_batch_rows'] = False
res['35_ok_for_single_column_example'] = np.allclose(sig(Wf @ c['z'][0] + b[:dh]), c['f'][0])
for k, v in res.items(): print(k, v)
