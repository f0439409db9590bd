"""Finite-difference check of stacked_lstm_rnn_kyxt.md (ky-xt/rnn-from-scratch, branch feature/lanpay-rnn).
Vectors are 1-D (column convention, W @ x). Loss implied by the backward: S = sum_t -log softmax(V h_top_t)[y_t]
(calculate_loss reports S / T). Two stacked layers. Gradients are compared BEFORE any SGD update."""
import numpy as np
rng = np.random.default_rng(2)
Vw, T, H1, H2 = 5, 4, 3, 4
sig = lambda x: 1/(1+np.exp(-x))
xs = rng.integers(0, Vw, T); ys = rng.integers(0, Vw, T)
X = [np.eye(Vw)[i] for i in xs]

def mk(din, h):
    return {g: {'U': rng.normal(0, .6, (h, din)), 'W': rng.normal(0, .6, (h, h)), 'B': rng.normal(0, .3, h)} for g in ('ig', 'iv', 'fg', 'og')}
LP = [mk(Vw, H1), mk(H1, H2)]; V = rng.normal(0, .6, (Vw, H2))
RP = [{'U': rng.normal(0, .6, (H1, Vw)), 'W': rng.normal(0, .6, (H1, H1)), 'B': rng.normal(0, .3, H1)},
      {'U': rng.normal(0, .6, (H2, H1)), 'W': rng.normal(0, .6, (H2, H2)), 'B': rng.normal(0, .3, H2)}]

def softmax(z): e = np.exp(z); return e/e.sum()

# ---------------- LSTM (layer3.py / rnn3.py) ----------------
def lstm_layer_fwd(p, xl, dim, pert=None, li=None):
    s = np.zeros(dim); c = np.zeros(dim); units = []
    for t, x in enumerate(xl):
        u = {}
        for g in ('ig', 'iv', 'fg', 'og'):
            zz = p[g]['U']@x + p[g]['W']@s + p[g]['B']                 # line 105
            if pert is not None and pert[:3] == (li, t, g): zz = zz + pert[3]
            u[g+'_z'] = zz; u[g+'_s'] = np.tanh(zz) if g == 'iv' else sig(zz)   # 106
        u['prev_s'], u['prev_c'], u['x'] = s, c, x
        c = u['ig_s']*u['iv_s'] + u['fg_s']*c                           # 190
        u['c'] = c; u['cell'] = np.tanh(c); s = u['og_s']*u['cell']     # 191, 192
        u['s'] = s; units.append(u)
    return units

def lstm_loss(LP, V, pert=None):
    inp = X; allu = []
    for li, (p, d) in enumerate(zip(LP, (H1, H2))):
        u = lstm_layer_fwd(p, inp, d, pert, li); allu.append(u); inp = [q['s'] for q in u]
    zl = [V@h for h in inp]
    return sum(-np.log(softmax(z)[y]) for z, y in zip(zl, ys)), allu, inp, zl

def lstm_layer_bptt(p, units, dslist, dim, fix_ig, rec=None):
    g = {k: {'U': np.zeros_like(p[k]['U']), 'W': np.zeros_like(p[k]['W']), 'B': np.zeros_like(p[k]['B'])} for k in p}
    dxlist = []; f1 = np.zeros(dim); ds1 = np.zeros(dim); dc1 = np.zeros(dim)
    for t in reversed(range(len(units))):
        u = units[t]; ds = dslist[t]
        delta_s = ds + ds1                                                                  # 205
        d_og = sig(u['og_z'])*(1-sig(u['og_z']))*u['cell']*delta_s                         # 206
        delta_c = u['og_s']*(1-np.tanh(u['c'])**2)*delta_s + f1*dc1                        # 207
        d_fg = sig(u['fg_z'])*(1-sig(u['fg_z']))*u['prev_c']*delta_c                       # 210
        d_ig = sig(u['ig_z'])*(1-sig(u['ig_z']))*(u['iv_s'] if fix_ig else u['cell'])*delta_c   # 211
        d_iv = u['ig_s']*(1-np.tanh(u['iv_z'])**2)*delta_c                                 # 212
        dx = np.zeros_like(u['x']); dprev = np.zeros(dim)
        for k, d in (('og', d_og), ('fg', d_fg), ('ig', d_ig), ('iv', d_iv)):
            g[k]['U'] += np.outer(d, u['x']); g[k]['W'] += np.outer(d, u['prev_s']); g[k]['B'] += d   # 113-115
            dx = dx + d@p[k]['U']; dprev = dprev + d@p[k]['W']                                     # 116-117, 219-220
        if rec is not None: rec[t] = dict(delta_s=delta_s, delta_c=delta_c, og=d_og, fg=d_fg, ig=d_ig, iv=d_iv)
        f1 = u['fg_s']; ds1 = dprev; dc1 = delta_c                                          # 169, 171, 167
        dxlist.append(dx)                                                                   # 172
    return dxlist, g

def lstm_grads(fix_ig, fix_order, rec=None):
    S, allu, top, zl = lstm_loss(LP, V)
    dslist = []
    for t in range(T):
        dlt = softmax(zl[t]); dlt[ys[t]] -= 1.0                                            # 232-233
        dslist.append(V.T@dlt)                                                              # 267 (gate.py 39)
    G = [None, None]
    for li in (1, 0):
        dxlist, G[li] = lstm_layer_bptt(LP[li], allu[li], dslist, (H1, H2)[li], fix_ig, rec[li] if rec else None)
        dslist = dxlist[::-1] if fix_order else dxlist                                     # rnn3.py 364
    return G

def num(f, A, eps=1e-6):
    out = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o+eps; lp = f(); A[idx] = o-eps; lm = f(); A[idx] = o; out[idx] = (lp-lm)/(2*eps)
    return out
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
FD = [{k: {m: num(lambda: lstm_loss(LP, V)[0], LP[li][k][m]) for m in 'UWB'} for k in LP[li]} for li in (0, 1)]
for fix_ig, fix_order, label in ((0, 0, 'AS WRITTEN'), (1, 0, 'line 211 uses iv_s (candidate) instead of cell'), (1, 1, 'line 211 fixed AND dxlist reversed before use as the lower layer dslist')):
    G = lstm_grads(fix_ig, fix_order)
    print('=== stacked LSTM, %s ===' % label)
    for li in (1, 0):
        bad = [k+'.'+m for k in G[li] for m in 'UWB' if not ok(G[li][k][m], FD[li][k][m])]
        print('  layer %d (%s): %s' % (li, 'top' if li == 1 else 'bottom', 'all gate grads agree with FD' if not bad else 'DISAGREE: ' + ', '.join(bad)))
# local rows at the last time step of the top layer (upstream exact there)
rec = [dict(), dict()]; lstm_grads(0, 0, rec); t = T-1
for g in ('og', 'fg', 'ig', 'iv'):
    fd = np.zeros(H2)
    for j in range(H2):
        e = np.zeros(H2); e[j] = 1e-6
        fd[j] = (lstm_loss(LP, V, (1, t, g, e))[0]-lstm_loss(LP, V, (1, t, g, -e))[0])/2e-6
    line = {'og': 206, 'fg': 210, 'ig': 211, 'iv': 212}[g]
    print('line %d d_%s (dS/d %s_z at t=T-1, top layer) vs FD: %s' % (line, g, g, 'agree' if ok(rec[1][t][g], fd) else 'DISAGREE'))

# ---------------- plain stacked RNN (layer2.py / rnn2.py) ----------------
def rnn_loss(RP, V):
    inp = X; allu = []
    for p, d in zip(RP, (H1, H2)):
        s = np.zeros(d); us = []
        for x in inp:
            add = p['U']@x + p['W']@s + p['B']; s_new = np.tanh(add)     # 443-446
            us.append(dict(x=x, prev_s=s, add=add)); s = s_new
        allu.append(us); inp = [np.tanh(q['add']) for q in us]
    zl = [V@h for h in inp]
    return sum(-np.log(softmax(z)[y]) for z, y in zip(zl, ys)), allu, zl

def rnn_grads(fix_order):
    S, allu, zl = rnn_loss(RP, V)
    dslist = []
    for t in range(T):
        dlt = softmax(zl[t]); dlt[ys[t]] -= 1.0; dslist.append(V.T@dlt)
    G = [None, None]
    for li in (1, 0):
        p = RP[li]; g = {k: np.zeros_like(v) for k, v in p.items()}; delta = np.zeros(p['B'].shape); dxl = []
        for t in reversed(range(T)):
            u = allu[li][t]
            dh = dslist[t] + delta@p['W']                                     # 453-455
            delta = (1-np.tanh(u['add'])**2)*dh                               # 456
            g['W'] += np.outer(delta, u['prev_s']); g['U'] += np.outer(delta, u['x']); g['B'] += delta   # 458-460
            dxl.append(delta@p['U'])                                          # 461, 431
        G[li] = g; dslist = dxl[::-1] if fix_order else dxl                   # rnn2.py 478
    return G
FDR = [{k: num(lambda: rnn_loss(RP, V)[0], RP[li][k]) for k in 'UWB'} for li in (0, 1)]
for fix_order, label in ((0, 'AS WRITTEN'), (1, 'dxlist reversed before use as the lower layer dslist')):
    G = rnn_grads(fix_order)
    print('=== stacked RNN, %s ===' % label)
    for li in (1, 0):
        bad = [k for k in 'UWB' if not ok(G[li][k], FDR[li][k])]
        print('  layer %d (%s): %s' % (li, 'top' if li == 1 else 'bottom', 'U, W, B agree with FD' if not bad else 'DISAGREE: ' + ', '.join(bad)))

# docstring line 385 of the note: "z(t) = W·x(t) + U·s(t-1) + B" versus the code (line 443-445: U@x + W@prev_s)
Wr, xr = RP[1]['W'], np.tanh(RP[0]['U']@X[0] + RP[0]['B'])[:H1]
print('line 385: in the layer with input size %d, W has shape %s and U %s; W·x(t) %s; the code computes U@x + W@s'
      % (H1, RP[1]['W'].shape, RP[1]['U'].shape, 'is undefined' if RP[1]['W'].shape[1] != H1 else 'is defined'))
