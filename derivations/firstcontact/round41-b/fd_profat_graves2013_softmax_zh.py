"""FD check of profat_graves2013_softmax_zh.md (numpy only).
Forward lines: a deep LSTM (Graves 2013 eqs 1-11, diagonal peepholes) is built from the note's
definitions and compared with an independent reference written from the paper; the loss (6)/(13)
and softmax (12) are compared with a log-sum-exp implementation.  Backward lines (eq 14 chain):
each line's expression is evaluated and compared with central differences of L wrt yhat_t^k."""
import numpy as np
rng = np.random.default_rng(0)
sig = lambda z: 1/(1+np.exp(-z))
F, H, K, T, N = 3, 4, 5, 4, 2
def P(*s): return rng.normal(0, .4, s)
par = []
for n in range(N):
    d = dict(Wxi=P(H,H),Whi=P(H,H),wci=P(H),bi=P(H),Wxf=P(H,H),Whf=P(H,H),wcf=P(H),bf=P(H),
             Wxc=P(H,H),Whc=P(H,H),bc=P(H),Wxo=P(H,H),Who=P(H,H),wco=P(H),bo=P(H),
             Wih=P(H,F),Wprev=P(H,H),Wy=P(K,H))
    par.append(d)
by = P(K)
xs = rng.normal(size=(T, F)); tg = rng.integers(0, K, T)

def lstm_note(x, h, c, d):            # eqs 7-11 as written in the note
    i = sig(d['Wxi']@x + d['Whi']@h + d['wci']*c + d['bi'])
    f = sig(d['Wxf']@x + d['Whf']@h + d['wcf']*c + d['bf'])
    c2 = f*c + i*np.tanh(d['Wxc']@x + d['Whc']@h + d['bc'])
    o = sig(d['Wxo']@x + d['Who']@h + d['wco']*c2 + d['bo'])
    return o*np.tanh(c2), c2
def lstm_ref(x, h, c, d):             # Graves 2013, eqs (7)-(11), written independently
    z = np.concatenate([x, h]); Wi = np.hstack([d['Wxi'], d['Whi']]); Wf = np.hstack([d['Wxf'], d['Whf']])
    Wc = np.hstack([d['Wxc'], d['Whc']]); Wo = np.hstack([d['Wxo'], d['Who']])
    ig = sig(Wi@z + np.diag(d['wci'])@c + d['bi']); fg = sig(Wf@z + np.diag(d['wcf'])@c + d['bf'])
    cn = fg*c + ig*np.tanh(Wc@z + d['bc']); og = sig(Wo@z + np.diag(d['wco'])@cn + d['bo'])
    return og*np.tanh(cn), cn

def forward(cell, yhat_override=None):
    hs = [np.zeros(H) for _ in range(N)]; cs = [np.zeros(H) for _ in range(N)]
    L = 0.; Y = []; YH = []
    for t in range(T):
        inp = None
        for n in range(N):
            d = par[n]
            u = d['Wih']@xs[t] if n == 0 else d['Wih']@xs[t] + d['Wprev']@hs[n-1]   # eqs 1-2 (input to H)
            hs[n], cs[n] = cell(u, hs[n], cs[n], d)
        yh = by + sum(par[n]['Wy']@hs[n] for n in range(N))                          # eq 3
        if yhat_override is not None and t in yhat_override: yh = yh + yhat_override[t]
        y = np.exp(yh)/np.exp(yh).sum()                                             # eq 12 / (4)
        L += -np.log(y[tg[t]])                                                      # eqs 6,13
        Y.append(y); YH.append(yh)
    return L, Y, YH

res = {}
L1, Y, YH = forward(lstm_note); L2, _, _ = forward(lstm_ref)
ok_fwd = abs(L1 - L2) < 1e-12
for ln in (23, 25, 27, 28, 44, 45, 46, 47, 48):
    res[ln] = ok_fwd
# eq 5 / 6 / 12 / 13 vs logsumexp
lse = sum(np.log(np.exp(YH[t]).sum()) - YH[t][tg[t]] for t in range(T))
res[30] = abs(np.exp(-L1) - np.prod([Y[t][tg[t]] for t in range(T)])) < 1e-12
res[31] = abs(L1 - lse) < 1e-10
res[61] = all(abs(Y[t].sum() - 1) < 1e-12 for t in range(T))
res[69] = abs(L1 - lse) < 1e-10

# backward: FD of L wrt yhat_t^k
t0 = 2; a = tg[t0]; y = Y[t0]; yh = YH[t0]; eps = 1e-6
def fd(k):
    e = np.zeros(K); e[k] = eps
    return (forward(lstm_note, {t0: e})[0] - forward(lstm_note, {t0: -e})[0])/(2*eps)
def dsoft(k):  # d y_a / d yhat_k, independent
    return y[a]*((k == a) - y[k])
vals = {76: [], 77: [], 78: [], 79: [], 80: [], 81: []}
for k in range(K):
    g = fd(k); dl = 1.0*(k == a)
    dy = dsoft(k)
    vals[76].append((g, (-1/y[a])*dy))                    # dL/dy_a * dy_a/dyh_k
    vals[77].append((g, -(1/y[a])*dy))                    # -dlog y_a/dy_a * ...
    vals[78].append((g, (-1/y[a])*dy))
    S = np.exp(yh).sum()
    author79 = (-1/y[a])*(np.exp(yh[a])/S*dl - np.exp(y[a])*np.exp(yh[k])/(np.exp(yh[k])*K)**2)
    vals[79].append((g, author79))
    vals[80].append((g, (-1/y[a])*(y[a]*dl - y[a]*y[k])))
    vals[81].append((g, y[k] - dl))
for ln, pr in vals.items():
    res[ln] = all(abs(g - v) < 1e-6 for g, v in pr)

import json, os
exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['profat_graves2013_softmax_zh.md']
allok = True
for ln in sorted(res):
    want = exp[str(ln)]['expected'] == 'pass'
    agree = (res[ln] == want)
    allok &= agree
    print(ln, 'OK' if agree else 'MISMATCH', '(math %s, expected %s)' % ('right' if res[ln] else 'wrong', exp[str(ln)]['expected']))
missing = set(map(int, exp)) - set(res)
print('all verdicts agree' if allok and not missing else 'DISAGREEMENT / missing %s' % missing)
