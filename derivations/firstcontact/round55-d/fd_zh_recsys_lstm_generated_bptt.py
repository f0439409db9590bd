"""Finite-difference check of zh_recsys_lstm_generated_bptt.md.
Reference model = the standard LSTM the article says it describes, using the article's own gate lines
(f_t, i_t, o_t = sigma(W_* [h_{t-1}; x_t] + b_*)), candidate tanh(W_c[h_{t-1};x_t]+b_c), C_t = f_t C_{t-1} + i_t C~_t,
h_t = o_t tanh(C_t); column vectors; loss L = sum_t 0.5||h_t - d_t||^2. numpy only, float64.
Exit 0 only if every checked line agrees with expected.json."""
import json, os, sys
import numpy as np

rng = np.random.default_rng(7)
H, X, T = 4, 3, 5
P = {f'W{g}': rng.normal(0, 0.6, (H, H + X)) for g in 'fico'}
P.update({f'b{g}': rng.normal(0, 0.3, H) for g in 'fico'})
Xs = rng.normal(0, 1, (T, X)); Ds = rng.normal(0, 1, (T, H))
h0 = rng.normal(0, 0.5, H); C0 = rng.normal(0, 0.5, H)
sig = lambda a: 1 / (1 + np.exp(-a)); dsig = lambda a: sig(a) * (1 - sig(a))

def forward(P, hook=None):
    hook = hook or {}; Hk = lambda n, t: hook.get((n, t), 0.0)
    h, C = h0.copy(), C0.copy(); L = 0.0; S = []
    for t in range(T):
        v = np.concatenate([h, Xs[t]])
        zf = P['Wf'] @ v + P['bf'] + Hk('zf', t); f = sig(zf) + Hk('f', t)
        zi = P['Wi'] @ v + P['bi'] + Hk('zi', t); i = sig(zi) + Hk('i', t)
        zc = P['Wc'] @ v + P['bc'] + Hk('zc', t); Ct = np.tanh(zc)
        zo = P['Wo'] @ v + P['bo'] + Hk('zo', t); o = sig(zo) + Hk('o', t)
        Cn = f * C + i * Ct + Hk('C', t)
        hn = o * np.tanh(Cn) + Hk('h', t)
        S.append(dict(v=v, zf=zf, zi=zi, zc=zc, zo=zo, f=f, i=i, o=o, Ct=Ct, C=Cn, Cp=C, h=hn, hp=h))
        L += 0.5 * np.sum((hn - Ds[t]) ** 2); h, C = hn, Cn
    return L, S

def ghook(n, t, eps=1e-6):
    g = np.zeros(H)
    for k in range(H):
        e = np.zeros(H); e[k] = eps
        g[k] = (forward(P, {(n, t): e})[0] - forward(P, {(n, t): -e})[0]) / (2 * eps)
    return g

def rel(a, b):
    return float(np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12))

L0, S = forward(P)
G = {(n, t): ghook(n, t) for n in ['h', 'C', 'zf', 'zi', 'zo', 'f', 'i', 'o'] for t in range(T)}
res = {}; TOL = 1e-5

# line 39: C_t = f_{t-1} C_{t-1} + i_{t-1} sigma(W_c[h_{t-1};x_t]+b_c)  vs the reference C_t (t >= 1)
e39 = max(rel(S[t-1]['f'] * S[t]['Cp'] + S[t-1]['i'] * sig(S[t]['zc']), S[t]['C']) for t in range(1, T))
res[39] = ('pass' if e39 < TOL else 'fail', e39)
# line 59: h_t = o_{t-1} sigma(W_h[C_t;h_{t-1}]+b_h); most favourable choice W_h = [I 0], b_h = 0 -> o_{t-1} sigma(C_t)
e59 = max(rel(S[t-1]['o'] * sig(S[t]['C']), S[t]['h']) for t in range(1, T))
res[59] = ('pass' if e59 < TOL else 'fail', e59)
# line 73: delta h_t = dL/dh_t  -- definition of the symbol (total gradient), nothing to check
# line 77: delta C_t = delta h_t (.) dsigma/dz_t ; z_t read as each gate pre-activation in turn
e77 = min(max(rel(G[('h', t)] * dsig(S[t][z]), G[('C', t)]) for t in range(T)) for z in ['zo', 'zf', 'zi'])  # best reading
res[77] = ('pass' if e77 < TOL else 'fail', e77)
# lines 81/85/89: delta g_t = delta C_t (.) dsigma/dz_t, z_t = that gate's pre-activation;
# delta g_t read as dL/d(pre-activation) and, alternatively, as dL/d(gate activation): the best of both readings is reported
for ln, g in [(81, 'o'), (85, 'i'), (89, 'f')]:
    best = min(max(rel(G[('C', t)] * dsig(S[t]['z' + g]), G[('z' + g, t)]) for t in range(T)),
               max(rel(G[('C', t)] * dsig(S[t]['z' + g]), G[(g, t)]) for t in range(T)))
    res[ln] = ('pass' if best < TOL else 'fail', best)
# sanity: the correct expressions
san = max(max(rel(G[('h', t)] * np.tanh(S[t]['C']) * dsig(S[t]['zo']), G[('zo', t)]),
              rel(G[('C', t)] * S[t]['Ct'] * dsig(S[t]['zi']), G[('zi', t)]),
              rel(G[('C', t)] * S[t]['Cp'] * dsig(S[t]['zf']), G[('zf', t)])) for t in range(T))
print(f"  (sanity: dh*tanh(C)*sigma', dC*C~*sigma', dC*C_prev*sigma' match the numeric pre-activation gradients, rel err {san:.2e})")

# update lines: W <- W - alpha dL/dW is a descent step: check L(W - a g) < L(W) for the numeric gradient g
def numgrad(Pd, key, lossf, eps=1e-6):
    g = np.zeros_like(Pd[key])
    for idx in np.ndindex(Pd[key].shape):
        old = Pd[key][idx]
        Pd[key][idx] = old + eps; a = lossf(Pd)
        Pd[key][idx] = old - eps; b = lossf(Pd)
        Pd[key][idx] = old; g[idx] = (a - b) / (2 * eps)
    return g
def descends(Pd, key, lossf, alpha=1e-3):
    g = numgrad(Pd, key, lossf); base = lossf(Pd)
    Q = {k: v.copy() for k, v in Pd.items()}; Q[key] = Q[key] - alpha * g
    return lossf(Q) < base
# W_h, b_h only exist in the article's own line-11 recurrence h_t = sigma(W_h[h_{t-1};x_t]+b_h); use it for those two updates
R = {'Wh': rng.normal(0, 0.6, (H, H + X)), 'bh': rng.normal(0, 0.3, H)}
def rnn_loss(Q):
    h = h0.copy(); L = 0.0
    for t in range(T):
        h = sig(Q['Wh'] @ np.concatenate([h, Xs[t]]) + Q['bh']); L += 0.5 * np.sum((h - Ds[t]) ** 2)
    return L
lstm_loss = lambda Q: forward(Q)[0]
for ln, key in [(97, 'Wh'), (101, 'bh')]:
    res[ln] = ('pass' if descends(R, key, rnn_loss) else 'fail', 0.0)
for ln, key in [(105, 'Wi'), (109, 'bi'), (113, 'Wf'), (117, 'bf'), (121, 'Wc'), (125, 'bc'), (129, 'Wo'), (133, 'bo')]:
    res[ln] = ('pass' if descends(P, key, lstm_loss) else 'fail', 0.0)

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['zh_recsys_lstm_generated_bptt.md']
ok = True
for ln in sorted(int(k) for k in exp):
    e = exp[str(ln)]['expected']
    if ln in res:
        got, err = res[ln]
        extra = f" (max rel err {err:.2e})" if err else " (descent step lowers L)" if got == 'pass' else ""
        print(f"line {ln}: expected {e}, numeric {got}{extra}")
        ok &= (got == e)
    else:
        print(f"line {ln}: expected {e}, definition / not numerically checkable")
sys.exit(0 if ok else 1)
