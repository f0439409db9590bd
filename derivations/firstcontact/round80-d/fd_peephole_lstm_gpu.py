"""Finite-difference check of peephole_lstm_gpu.py (column layout: states (hidden, batch)).
Loss implied by the author's backward (class weight cw on positives):
  L = (1/B) * sum_b w_b * BCE(y_pred_b, y_b),  w_b = cw if y_b == 1 else 1,
the author's grads[k] (before the final clip, which is inactive here) are compared with dL/dk;
dh / dc of the backward loop are gradients of S = B*L (the /batch_size is applied per parameter)."""
import numpy as np
rng = np.random.default_rng(1)
B, T, D, H, cw = 4, 5, 3, 4, 2.2
sig = lambda x: 1/(1+np.exp(-np.clip(x, -500, 500)))
P = {k: rng.normal(0, .5, (H, H+D)) for k in ['Wf', 'Wi', 'Wc', 'Wo']}
P.update({k: rng.normal(0, .3, (H, 1)) for k in ['bf', 'bi', 'bc', 'bo']})
P['Wy'] = rng.normal(0, .5, (1, H)); P['by'] = rng.normal(0, .3, (1, 1))
P.update({k: rng.normal(0, .5, (H, 1)) for k in ['Vf', 'Vi', 'Vo']})
X = rng.normal(size=(B, T, D)); y = np.array([1., 0., 1., 0.])

def forward(P, pert=None):
    h = np.zeros((H, B)); c = np.zeros((H, B)); caches = []
    for t in range(T):
        z = np.vstack((h, X[:, t, :].T)); c_prev = c
        f = sig(P['Wf']@z + P['Vf']*c_prev + P['bf'])
        i = sig(P['Wi']@z + P['Vi']*c_prev + P['bi'])
        c_bar = np.tanh(P['Wc']@z + P['bc'])
        c_new = f*c_prev + i*c_bar
        if pert is not None and pert[0] == 'c' and pert[1] == t: c_new = c_new + pert[2]
        o = sig(P['Wo']@z + P['Vo']*c_new + P['bo'])
        h_new = o*np.tanh(c_new)
        if pert is not None and pert[0] == 'h' and pert[1] == t: h_new = h_new + pert[2]
        caches.append((z, f, i, c_bar, c_new, o, h_new, c_prev, h)); h, c = h_new, c_new
    yp = sig(P['Wy']@h + P['by']).flatten()
    w = np.where(y == 1, cw, 1.)
    L = np.mean(-w*(y*np.log(yp)+(1-y)*np.log(1-yp)))
    return L, yp, caches

def backward(P, yp, caches):
    g = {k: np.zeros_like(v) for k, v in P.items()}; rec = {}
    dy = (yp-y).reshape(1, -1); dy = np.where(y.reshape(1, -1) == 1, dy*cw, dy)     # 183, 185
    g['Wy'] = dy@caches[-1][6].T/B; g['by'] = dy.sum(1, keepdims=True)/B             # 191, 192
    dh_next = P['Wy'].T@dy; dc_next = np.zeros((H, B))                                # 195
    for t in reversed(range(T)):
        z, f, i, c_bar, c, o, h, c_prev, h_prev = caches[t]
        dh = dh_next                                                                   # 201
        do = dh*np.tanh(c); da_o = do*o*(1-o)                                          # 204, 205
        g['Wo'] += da_o@z.T/B; g['bo'] += da_o.sum(1, keepdims=True)/B                 # 206, 207
        g['Vo'] += (da_o*c).sum(1, keepdims=True)/B                                    # 213
        dc = dh*o*(1-np.tanh(c)**2) + dc_next                                          # 217
        dc += da_o*P['Vo']                                                             # 222
        dc_bar = dc*i; da_c = dc_bar*(1-c_bar**2)                                      # 225, 226
        g['Wc'] += da_c@z.T/B; g['bc'] += da_c.sum(1, keepdims=True)/B                 # 227, 228
        di = dc*c_bar; da_i = di*i*(1-i)                                               # 231, 232
        g['Wi'] += da_i@z.T/B; g['bi'] += da_i.sum(1, keepdims=True)/B                 # 233, 234
        g['Vi'] += (da_i*c_prev).sum(1, keepdims=True)/B                               # 237
        df = dc*c_prev; da_f = df*f*(1-f)                                              # 240, 241
        g['Wf'] += da_f@z.T/B; g['bf'] += da_f.sum(1, keepdims=True)/B                 # 242, 243
        g['Vf'] += (da_f*c_prev).sum(1, keepdims=True)/B                               # 246
        dz = P['Wf'].T@da_f + P['Wi'].T@da_i + P['Wc'].T@da_c + P['Wo'].T@da_o         # 249
        dh_next = dz[:H, :]                                                            # 254
        dc_next = f*dc + da_f*P['Vf'] + da_i*P['Vi']                                   # 259
        rec[t] = dict(dh=dh, dc=dc)
    return g, rec

def num(f, A, eps=1e-6):
    out = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o_ = A[idx]; A[idx] = o_+eps; lp = f(); A[idx] = o_-eps; lm = f(); A[idx] = o_; out[idx] = (lp-lm)/(2*eps)
    return out

L, yp, caches = forward(P)
g, rec = backward(P, yp, caches)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
print('max |grad| (clip at 5 inactive):', max(np.abs(v).max() for v in g.values()))
for k in P:
    fd = num(lambda: forward(P)[0], P[k])
    print('%-3s author grad vs FD dL/d%-3s: %s' % (k, k, 'agree' if ok(g[k], fd) else 'DISAGREE %.2e' % np.abs(g[k]-fd).max()))
for name in ('h', 'c'):
    for t in (T-1, 1):
        fd = np.zeros((H, B))
        for a in range(H):
            for b in range(B):
                e = np.zeros((H, B)); e[a, b] = 1e-6
                fd[a, b] = (forward(P, (name, t, e))[0]-forward(P, (name, t, -e))[0])/2e-6
        mine = rec[t]['d'+name]
        print('d%s at t=%d (B*dL/d%s_t: lines 201/195 and 217+222) vs FD: %s' % (name, t, name, 'agree' if ok(mine, B*fd) else 'DISAGREE'))
