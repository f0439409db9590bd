# Finite-difference check of BackwardPassZeroRAM in pt_csharp_lstm_layernorm_zeroram.md (numpy port).
# Author's forward: gate_g = act(LN_g(x W_ig + h_prev W_hg + B_g)), act = sigmoid for f,i,o and tanh for the
# candidate cc; LayerNorm assumed in place over the hidden dimension: gamma*(a-mean)/sqrt(var+eps)+beta.
# c = f*c_prev + i*cc, h = o*tanh(c), pred = softmax(h W_hy + B_y); gradients are those of L = sum_t CE_t
# (d_pred = pred - onehot).  Assumed helper semantics: TanhDerivative(y, out): out = 1 - y^2,
# SigmoidDerivative(y, out): out = y(1-y); called with out == y they overwrite the stored activation
# ("Reuso de buffer"), which the port reproduces.  MatrixMultiplyTransposeA(A,B,o): o = A^T B;
# MatrixMultiplyTransposeB(A,B,o): o = A B^T.
import numpy as np
rng = np.random.default_rng(2)
E, H, O, T = 3, 4, 5, 4
names = ['f', 'i', 'c', 'o']
def init(use_ln_params=True):
    P = {}
    for g in names:
        P['Wi'+g] = rng.normal(scale=0.7, size=(E, H)); P['Wh'+g] = rng.normal(scale=0.7, size=(H, H))
        P['B'+g] = rng.normal(scale=0.3, size=H)
        P['gam'+g] = rng.uniform(0.5, 1.5, H); P['bet'+g] = rng.normal(scale=0.2, size=H)
    P['Why'] = rng.normal(scale=0.7, size=(H, O)); P['By'] = rng.normal(scale=0.2, size=O)
    return P
P = init()
X = rng.normal(size=(T, E)); tgt = rng.integers(0, O, T)
sig = lambda a: 1/(1+np.exp(-a))
def LN(a, gam, bet, on):
    if not on: return a
    m = a.mean(); v = a.var(); return gam*(a-m)/np.sqrt(v+1e-5) + bet
def forward(P, ln=True):
    h = np.zeros(H); c = np.zeros(H); cache = []; L = 0.0
    for t in range(T):
        x = X[t]; G = {}
        for g in names:
            a = LN(x@P['Wi'+g] + h@P['Wh'+g] + P['B'+g], P['gam'+g], P['bet'+g], ln)   # lines 150-155 / 166-171
            G[g] = np.tanh(a) if g == 'c' else sig(a)
        cn = G['f']*c + G['i']*G['c']                                                 # lines 72-74
        tc = np.tanh(cn); hn = G['o']*tc                                               # lines 92, 99
        z = hn@P['Why'] + P['By']; p = np.exp(z-z.max()); p /= p.sum()                 # lines 110-112
        L += -np.log(p[tgt[t]])                                                        # line 118 (sum; returned /T)
        cache.append(dict(x=x, h_prev=h, c_prev=c, G=G, tc=tc, h=hn, p=p)); h, c = hn, cn
    return L, cache
def numgrad(P, ln):
    out = {}
    for k in P:
        G = np.zeros_like(P[k])
        for idx in np.ndindex(P[k].shape):
            Pp = {a: b.copy() for a, b in P.items()}; Pm = {a: b.copy() for a, b in P.items()}
            Pp[k][idx] += 1e-6; Pm[k][idx] -= 1e-6
            G[idx] = (forward(Pp, ln)[0]-forward(Pm, ln)[0])/2e-6
        out[k] = G
    return out
def author(P, ln, reuse_bug=True):
    _, cache = forward(P, ln)
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros(H); dc_next = np.zeros(H)
    for t in range(T-1, -1, -1):
        C = cache[t]; og, cc, ig, fg = C['G']['o'].copy(), C['G']['c'].copy(), C['G']['i'].copy(), C['G']['f'].copy()
        tanh_c = C['tc'].copy()
        d_pred = C['p'].copy(); d_pred[tgt[t]] -= 1                                   # lines 222-225
        g['Why'] += np.outer(C['h'], d_pred); g['By'] += d_pred                        # lines 230-232
        dh = d_pred@P['Why'].T + dh_next                                               # lines 236-237
        d_tanh_c = dh*og                                                               # line 244
        tanh_c_orig = tanh_c.copy(); tanh_c = 1-tanh_c**2                              # line 245 (in place)
        d_tanh_c = d_tanh_c*tanh_c; dc = dc_next + d_tanh_c                            # lines 246-247
        d_og = dh*(tanh_c if reuse_bug else tanh_c_orig)                               # line 251
        og = og*(1-og); d_og = d_og*og                                                 # lines 252-253
        d_cc = dc*ig; cc_orig = cc.copy(); cc = 1-cc**2; d_cc = d_cc*cc                # lines 257-259
        d_ig = dc*(cc if reuse_bug else cc_orig)                                       # line 263
        ig = ig*(1-ig); d_ig = d_ig*ig                                                 # lines 264-265
        d_fg = dc*C['c_prev']; fg_orig = fg.copy(); fg = fg*(1-fg); d_fg = d_fg*fg     # lines 269-271
        d_c_prev = dc*(fg if reuse_bug else fg_orig)                                   # line 275
        d_h_prev = np.zeros(H)
        for gn, dg in [('f', d_fg), ('i', d_ig), ('c', d_cc), ('o', d_og)]:            # lines 303-306
            g['Wh'+gn] += np.outer(C['h_prev'], dg)                                    # lines 285-286
            g['Wi'+gn] += np.outer(C['x'], dg)                                         # lines 289-290
            g['B'+gn] += dg                                                            # line 292
            d_h_prev += dg@P['Wh'+gn].T                                                # lines 295-296
        dh_next, dc_next = d_h_prev, d_c_prev
    return g
ok = lambda a, b: np.allclose(a, b, rtol=1e-4, atol=1e-7)
def report(tag, g, n, keys):
    print(tag, ' '.join('%s:%s' % (k, 'ok' if ok(g[k], n[k]) else 'FAIL') for k in keys))
keys = ['Why', 'By', 'Wio', 'Who', 'Bo', 'Wic', 'Bc', 'Wii', 'Bi', 'Wif', 'Bf', 'Whf', 'gamo', 'betf']
nLN = numgrad(P, True); nno = numgrad(P, False)
report("as written, forward with LayerNorm            :", author(P, True), nLN, keys)
report("buffer bugs fixed, forward with LayerNorm     :", author(P, True, reuse_bug=False), nLN, keys)
report("as written, LayerNorm removed from forward    :", author(P, False), nno, keys)
report("bugs fixed, LayerNorm removed (control)       :", author(P, False, reuse_bug=False), nno, keys)
print("(gam*/bet* gradients: the backward never computes them, they stay 0; FD norms: |dL/dgamo|=%.3g |dL/dbetf|=%.3g)"
      % (np.abs(nLN['gamo']).max(), np.abs(nLN['betf']).max()))
# single-step checks at the last step (no recurrent inflow), with LayerNorm on
_, cache = forward(P, True); C = cache[-1]; t = T-1
dh = (C['p']-np.eye(O)[tgt[t]])@P['Why'].T
o, tc = C['G']['o'], C['tc']
print("line 251 as written: dh*(1-tanh^2 c) == dL/do ?", ok(dh*(1-tc**2), dh*tc), "| intended dh*tanh(c) == dL/do: True by h=o*tanh(c)")
dc = dh*o*(1-tc**2); cc = C['G']['c']
print("line 263 as written: dc*(1-cc^2) == dL/di = dc*cc ?", ok(dc*(1-cc**2), dc*cc))
f = C['G']['f']
print("line 275 as written: dc*f(1-f) == dL/dc_prev = dc*f ?", ok(dc*f*(1-f), dc*f))
