"""FD check of andrew171819_gru_bp_matlab.md (numpy transliteration of the MATLAB code, float64).

Model (gru_ff.m): columns are samples; per frame f
  g_in = [h_f; x_f], g = sigmoid(W1 g_in + b1), r = g(1:H), u = g(H+1:end)
  i_in = [r .* h_f; x_f], n = tanh(W2 i_in + b2)
  h_{f+1} = h_f + u .* (n - h_f)
  a_f = W3 h_{f+1} + b3, CE_f,b = softmaxlogloss(a_f, class)
  opts.loss = mean over frames of (mean over batch of CE).
dzdx quantities are gradients of L_sum = sum_f sum_b CE (seed 1.0 per sample);
dzdw/dzdb are batch means per frame, then averaged over frames = gradients of opts.loss.
Each transliterated line is evaluated with TRUE upstream values (finite differences).
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, 'expected.json')))['andrew171819_gru_bp_matlab.md']
rng = np.random.default_rng(1819)
H, I, O, B, T = 3, 4, 5, 2, 3
P = dict(W1=rng.normal(0, .7, (2 * H, H + I)), b1=rng.normal(0, .3, (2 * H, 1)),
         W2=rng.normal(0, .7, (H, H + I)), b2=rng.normal(0, .3, (H, 1)),
         W3=rng.normal(0, .7, (O, H)), b3=rng.normal(0, .3, (O, 1)))
X = rng.normal(0, 1, (I, B, T))
C = rng.integers(1, O + 1, (B, T))  # 1-based MATLAB class labels
sig = lambda x: 1 / (1 + np.exp(-x))


def softmaxlogloss(Xa, c, dzdy=None):  # lines 257-282, 2-D case (dim_out = 1)
    n_class = Xa.shape[0]
    Xmax = Xa.max(0, keepdims=True)                              # 270
    ex = np.exp(Xa - Xmax)                                       # 271
    idx = c.ravel() + n_class * np.arange(Xa.shape[1])           # 273 (1-based linear index)
    flat = Xa.ravel(order='F')
    if dzdy is None:
        return np.log(ex.sum(0, keepdims=True)) + Xmax - flat[idx - 1].reshape(Xmax.shape)  # 276
    Y = ex / ex.sum(0, keepdims=True)                            # 279
    Yf = Y.ravel(order='F'); Yf[idx - 1] -= 1                    # 280
    Y = Yf.reshape(Y.shape, order='F')
    return Y * dzdy                                              # 281


def forward(P, inj=None):
    inj = inj or {}
    g_ = lambda k, f: inj.get((k, f), 0.0)
    h = np.zeros((H, B))                                          # 50
    cache = []
    Lsum = 0.0
    for f in range(T):
        ha = h + g_('hp_all', f)
        gin = np.vstack([ha + g_('hp_g', f), X[:, :, f]]) + g_('gin', f)   # 53
        gpre = P['W1'] @ gin + P['b1'] + g_('gpre', f)            # 56 (mlp)
        g = sig(gpre) + g_('g', f)                                # 56 (sigmoid)
        r = g[:H] + g_('r', f)                                    # 59
        rh = r * (ha + g_('hp_rh', f)) + g_('rh', f)
        iin = np.vstack([rh, X[:, :, f]]) + g_('iin', f)          # 60
        npre = P['W2'] @ iin + P['b2'] + g_('npre', f)            # 61 (mlp)
        n = np.tanh(npre) + g_('n', f)                            # 61 (tanh)
        u = g[H:] + g_('u', f)                                    # 64
        hm = ha + g_('hp_mix', f)
        hn = hm + u * (n - hm) + g_('h', f)                       # 65
        a = P['W3'] @ (hn + g_('fit', f)) + P['b3'] + g_('a', f)   # 68-69
        ce = softmaxlogloss(a, C[:, f])
        Lsum += ce.sum()
        cache.append(dict(h=h, gin=gin, gpre=gpre, g=g, r=r, u=u, iin=iin, npre=npre, n=n, hn=hn, a=a, ce=ce))
        h = hn
    loss = np.mean([c_['ce'].mean() for c_ in cache])             # 76, 82
    return Lsum, loss, cache


Lsum0, loss0, cache = forward(P)
SHAPES = dict(hp_all=(H, B), hp_g=(H, B), hp_rh=(H, B), hp_mix=(H, B), gin=(H + I, B), gpre=(2 * H, B),
              g=(2 * H, B), r=(H, B), rh=(H, B), iin=(H + I, B), npre=(H, B), n=(H, B), u=(H, B), h=(H, B), a=(O, B), fit=(H, B))


def fd(k, f, eps=1e-6):
    G = np.zeros(SHAPES[k])
    for idx in np.ndindex(*G.shape):
        E = np.zeros(G.shape); E[idx] = eps
        G[idx] = (forward(P, {(k, f): E})[0] - forward(P, {(k, f): -E})[0]) / (2 * eps)
    return G


def fdp(k, eps=1e-6):
    G = np.zeros_like(P[k])
    for idx in np.ndindex(*G.shape):
        Pp = {a: b.copy() for a, b in P.items()}; Pm = {a: b.copy() for a, b in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        G[idx] = (forward(Pp)[1] - forward(Pm)[1]) / (2 * eps)
    return G


res = {}
rel = lambda a, b: np.max(np.abs(np.asarray(a) - np.asarray(b))) / max(1e-8, np.max(np.abs(b)), np.max(np.abs(a)))


def check(ln, val, true, note=''):
    e = rel(val, true); res[ln] = ('pass' if e < 1e-5 else 'fail', e, note)


def defn(ln, note='forward definition, transliterated'):
    res[ln] = ('pass', 0.0, note)


f = 1  # interior frame (0-based; MATLAB frame 2 of 3)
c = cache[f]
TR = {k: fd(k, f) for k in SHAPES}
TRnext_hp = fd('hp_all', f + 1)  # dL/dh_{f+1} through frame f+1
# forward definitions
for ln in [50, 53, 56, 59, 60, 61, 64, 65, 68, 69, 145, 148, 151, 154, 207, 211, 213, 235, 247, 320]:
    defn(ln)
# loss lines
ce_explicit = -np.log(np.exp(c['a'])[C[:, f] - 1, np.arange(B)] / np.exp(c['a']).sum(0))
check(276, c['ce'].ravel(), ce_explicit, 'per-sample CE')
check(270, c['a'].max(0, keepdims=True), np.max(c['a'], 0, keepdims=True), 'column max (dim_out = 1)')
check(271, np.exp(c['a'] - c['a'].max(0)), np.exp(c['a']) / np.exp(c['a'].max(0)), 'shifted exponentials')
idx = C[:, f] + O * np.arange(B)
check(273, c['a'].ravel(order='F')[idx - 1], c['a'][C[:, f] - 1, np.arange(B)], '1-based linear index of the label entries')
check(76, np.mean(c['ce']), ce_explicit.mean(), 'batch-mean CE of frame f')
check(82, loss0, np.mean([cc['ce'].mean() for cc in cache]), 'mean over frames')
# backward: softmaxlogloss back with dzdy = 1
seed = 1.0
check(329, seed, 1.0, 'dL_sum/dCE_{f,b} = 1')
check(95, seed, 1.0, 'seed read back')
check(173, seed, 1.0, 'seed stored as dzdx of the last res entry')
p = np.exp(c['a']) / np.exp(c['a']).sum(0)
check(279, np.exp(c['a'] - c['a'].max(0)) / np.exp(c['a'] - c['a'].max(0)).sum(0), p, 'softmax')
da_code = softmaxlogloss(c['a'], C[:, f], seed)
check(280, da_code, TR['a'], 'p - onehot vs dL_sum/da_f')
check(281, da_code, TR['a'], 'times dzdy = 1')
check(192, da_code, TR['a'], 'net_bp softmaxloss case')
# fit mlp backward: y = W' dzdy -> dL_f/dh_{f+1} (only the output-f part)
fit_dzdx = P['W3'].T @ TR['a']
check(219, fit_dzdx, TR['fit'], 'weight\' * dzdy vs dL_sum/d(fit input) of frame f')
check(184, fit_dzdx, TR['fit'], 'mlp case')
check(96, fit_dzdx, TR['fit'], 'Fit{f}(1).dzdx = dL_sum/dh_{f+1} through output f')
# line 102: dzdh = (dL/dh_{f+1} from frames > f) + fit dzdx  vs total dL/dh_{f+1}
dzdh = TRnext_hp + fit_dzdx
check(102, dzdh, TR['h'], 'total dL_sum/dh_{f+1}')
check(103, c['g'][:H], c['r'], 'reset gate slice')
check(104, c['g'][H:], c['u'], 'update gate slice')
check(107, dzdh * c['u'], TR['n'], 'dL/dn (tanh output)')
# Input net backward
dnpre = TR['n'] * (4 / (np.exp(c['npre']) + np.exp(-c['npre'])) ** 2)
check(249, dnpre, TR['npre'], 'tanh_ln backward at the pre-activation')
check(189, dnpre, TR['npre'], 'net_bp tanh case')
iin_dzdx = P['W2'].T @ TR['npre']
check(108, iin_dzdx, TR['iin'], 'net_bp on the input transform: dL/d[r.*h; x]')
check(110, dzdh * (c['n'] - c['h']), TR['u'], 'dL/du')
check(111, iin_dzdx[:H], TR['rh'], 'dL/d(r.*h_f)')
check(112, TR['rh'] * c['h'], TR['r'], 'dL/dr')
dg = np.vstack([TR['rh'] * c['h'], dzdh * (c['n'] - c['h'])])
check(113, dg, TR['g'], '[dL/dr; dL/du] (gate outputs)')
dgpre = dg * (sig(c['gpre']) * (1 - sig(c['gpre'])))
check(237, dgpre, TR['gpre'], 'sigmoid_ln backward at the pre-activation')
check(186, dgpre, TR['gpre'], 'net_bp sigmoid case')
check(116, P['W1'].T @ TR['gpre'], TR['gin'], 'net_bp on the gates: dL/d[h_f; x_f]')
dh_prev = dzdh * (1 - c['u']) + (P['W1'].T @ TR['gpre'])[:H] + TR['rh'] * c['r']
check(117, dh_prev, TR['hp_all'], 'dL_sum/dh_f through frame f (direct + gate + candidate paths)')
defn(100, 'boundary: no gradient from beyond the last frame')
# parameter gradients: per-frame batch means, then averaged over frames (lines 221-226, 294-306, 121-123)
acc = {k: np.zeros_like(v) for k, v in P.items()}
for ff in range(T):
    cc = cache[ff]
    ta = fd('a', ff); tn = fd('npre', ff); tg = fd('gpre', ff)
    for (Wk, bk, d, Iin) in [('W3', 'b3', ta, cc['hn']), ('W2', 'b2', tn, cc['iin']), ('W1', 'b1', tg, cc['gin'])]:
        dzdb = d.mean(1, keepdims=True)                                           # 221
        dzdw = (d.reshape(d.shape[0], 1, B) * Iin.reshape(1, Iin.shape[0], B))    # 223-225
        dzdw = dzdw.mean(2)                                                       # 226
        acc[Wk] += dzdw; acc[bk] += dzdb                                          # 296, 304
for k in acc:
    acc[k] /= T                                                                   # 298, 306
true_grads = {k: fdp(k) for k in P}
check(121, np.concatenate([acc['W3'].ravel(), acc['b3'].ravel()]), np.concatenate([true_grads['W3'].ravel(), true_grads['b3'].ravel()]), 'Fit gradients vs FD of opts.loss')
check(122, np.concatenate([acc['W2'].ravel(), acc['b2'].ravel()]), np.concatenate([true_grads['W2'].ravel(), true_grads['b2'].ravel()]), 'Input gradients vs FD of opts.loss')
check(123, np.concatenate([acc['W1'].ravel(), acc['b1'].ravel()]), np.concatenate([true_grads['W1'].ravel(), true_grads['b1'].ravel()]), 'Gates gradients vs FD of opts.loss')
allW = np.concatenate([acc[k].ravel() for k in ['W1', 'W2', 'W3']]); allWt = np.concatenate([true_grads[k].ravel() for k in ['W1', 'W2', 'W3']])
allb = np.concatenate([acc[k].ravel() for k in ['b1', 'b2', 'b3']]); allbt = np.concatenate([true_grads[k].ravel() for k in ['b1', 'b2', 'b3']])
for ln in [223, 224, 225, 226, 294, 296, 298]:
    check(ln, allW, allWt, 'weight gradients (batch mean per frame, mean over frames)')
for ln in [221, 302, 304, 306]:
    check(ln, allb, allbt, 'bias gradients')
check(337, allW, allWt, 'gru_bp call: all weight gradients')

ok = True
for ln in sorted(set(res) | set(int(k) for k in EXP)):
    if ln not in res:
        print(f'line {ln}: expected {EXP[str(ln)]["expected"]}, numeric NOT CHECKED'); ok = False; continue
    if str(ln) not in EXP:
        print(f'line {ln}: checked but not in expected.json'); ok = False; continue
    got, err, note = res[ln]; exp = EXP[str(ln)]['expected']
    print(f'line {ln}: expected {exp}, numeric {got} (rel.err {err:.1e}; {note})' + ('' if got == exp else '   <-- MISMATCH'))
    ok &= got == exp
sys.exit(0 if ok else 1)
