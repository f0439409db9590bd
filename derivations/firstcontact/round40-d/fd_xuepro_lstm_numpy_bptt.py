# Finite-difference check of xuepro_lstm_numpy_bptt.md (numpy only). Prints "<line> OK|MISMATCH" per annotated line.
# Loss: L = sum_t sum(G_t * Y_t) with fixed random G_t, so dZs[t] = G_t is the exact dL/dY_t the author's code receives.
import numpy as np, json, os
rng = np.random.default_rng(1)
sigmoid = lambda x: 1/(1+np.exp(-x))
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
def rep(l, ok): res[l] = 'OK' if ok else 'MISMATCH'
def ngrad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += eps; xm = x.copy(); xm[idx] -= eps
        g[idx] = (f(xp) - f(xm))/(2*eps)
    return g

n, Din, Hd, Dout, T = 2, 3, 4, 2, 4          # batch n (rows), input dim, hidden, output, steps
P = {k: rng.normal(size=(Din+Hd, Hd))*0.6 for k in ['Wi', 'Wf', 'Wo', 'Wc']}
P.update({k: rng.normal(size=(1, Hd))*0.3 for k in ['bi', 'bf', 'bo', 'bc']})
P['Wy'] = rng.normal(size=(Hd, Dout)); P['by'] = rng.normal(size=(1, Dout))*0.3
Xs = [rng.normal(size=(n, Din)) for _ in range(T)]
H0 = rng.normal(size=(n, Hd))*0.5; C0 = rng.normal(size=(n, Hd))*0.5
Gs = [rng.normal(size=(n, Dout)) for _ in range(T)]

def fwd(Pp, inj={}, Xs_=Xs):
    I_ = lambda k, t, v: v + inj[(k, t)] if (k, t) in inj else v
    H = I_('H', -1, H0); C = I_('C', -1, C0); L = 0.0; S = {-1: dict(H=H, C=C)}
    for t in range(T):
        X = I_('X', t, Xs_[t])
        XH = I_('XH', t, np.column_stack((X, H)))
        pi = I_('pi', t, XH@Pp['Wi'] + Pp['bi']); pf = I_('pf', t, XH@Pp['Wf'] + Pp['bf'])
        po = I_('po', t, XH@Pp['Wo'] + Pp['bo']); pc = I_('pc', t, XH@Pp['Wc'] + Pp['bc'])
        I = sigmoid(pi); F = sigmoid(pf); O = I_('O', t, sigmoid(po)); Ct = I_('Ct', t, np.tanh(pc))
        C = I_('C', t, F*C + I*Ct)
        H = I_('H', t, O*np.tanh(C))
        Y = H@Pp['Wy'] + Pp['by']
        L += float(np.sum(Gs[t]*Y))
        S[t] = dict(XH=XH, I=I, F=F, O=O, Ct=Ct, C=C, H=H, Y=Y)
    return L, S
L0, S = fwd(P)
def Tn(k, t, shape):
    return ngrad(lambda d: fwd(P, {(k, t): d})[0], np.zeros(shape))
sh = (n, Hd)
dH = {t: Tn('H', t, sh) for t in range(-1, T)}      # total dL/dH_t
dC = {t: Tn('C', t, sh) for t in range(-1, T)}      # total dL/dC_t
dO = {t: Tn('O', t, sh) for t in range(T)}; dCt = {t: Tn('Ct', t, sh) for t in range(T)}
dp = {(g, t): Tn(g, t, sh) for g in ['pi', 'pf', 'po', 'pc'] for t in range(T)}
dXH = {t: Tn('XH', t, (n, Din+Hd)) for t in range(T)}; dX = {t: Tn('X', t, (n, Din)) for t in range(T)}
dtanh = lambda x: 1 - np.tanh(x)*np.tanh(x)
def dWfd(k):
    def f(W):
        Q = dict(P); Q[k] = W; return fwd(Q)[0]
    return ngrad(f, P[k])
# gradient "from the future" that the author's dH_next / dC_next must hold at step t
Hnext = {t: dH[t] - Gs[t]@P['Wy'].T for t in range(-1, T)}; Hnext[-1] = dH[-1]
Cnext = {t: dC[t] - dH[t]*S[t]['O']*dtanh(S[t]['C']) for t in range(T)}; Cnext[-1] = dC[-1]

# forward lines (independent per-part evaluation)
t = 1; s = S[t]; Hp, Cp, X = S[t-1]['H'], S[t-1]['C'], Xs[t]
lin = lambda W, b: X@P[W][:Din] + Hp@P[W][Din:] + P[b]
rep(60, close(s['XH'][:, :Din], X) and close(s['XH'][:, Din:], Hp))
rep(62, close(s['I'], sigmoid(lin('Wi', 'bi')))); rep(63, close(s['F'], sigmoid(lin('Wf', 'bf'))))
rep(64, close(s['O'], sigmoid(lin('Wo', 'bo')))); rep(65, close(s['Ct'], np.tanh(lin('Wc', 'bc'))))
rep(67, close(s['C'], sigmoid(lin('Wf', 'bf'))*Cp + sigmoid(lin('Wi', 'bi'))*np.tanh(lin('Wc', 'bc'))))
rep(68, close(s['H'], s['O']*np.tanh(s['C'])))
rep(70, close(s['Y'], s['H']@P['Wy'] + P['by']))
xx = rng.normal(size=(5,)); rep(82, close(dtanh(xx), ngrad(lambda v: float(np.sum(np.tanh(v))), xx)))
rep(94, close(Hnext[T-1], 0*Hnext[T-1])); rep(95, close(Cnext[T-1], 0*Cnext[T-1]))
# lines 111-113: Hs[t-1], Cs[t-1] at t = 0 is the stored initial state Hs[-1], Cs[-1]
rep(111, all(close(S[t-1]['H'], S[t]['XH'][:, Din:]) for t in range(T)))
rep(112, all(close((S[t]['C'] - S[t]['I']*S[t]['Ct'])/S[t]['F'], S[t-1]['C']) for t in range(T)))
rep(113, all(close(np.column_stack((Xs[t], S[t-1]['H'])), S[t]['XH']) for t in range(T)))
# backward lines, with TRUE upstream values at every step
rep(120, close(sum(S[t]['H'].T@Gs[t] for t in range(T)), dWfd('Wy')))
rep(121, close(sum(np.sum(Gs[t], axis=0, keepdims=True) for t in range(T)), dWfd('by')))
rep(125, all(close(Gs[t]@P['Wy'].T + Hnext[t], dH[t]) for t in range(T)))
rep(126, all(close(Hnext[t]*S[t]['O']*dtanh(S[t]['C']) + Cnext[t], dC[t]) for t in range(T)))
rep(130, all(close(np.tanh(S[t]['C'])*dH[t], dO[t]) for t in range(T)))
rep(132, all(close(S[t]['O']*(1-S[t]['O'])*dO[t], dp[('po', t)]) for t in range(T)))
for (lw, lb, g, W, b) in [(133, 134, 'po', 'Wo', 'bo'), (142, 143, 'pc', 'Wc', 'bc'), (149, 150, 'pi', 'Wi', 'bi'), (156, 157, 'pf', 'Wf', 'bf')]:
    rep(lw, close(sum(S[t]['XH'].T@dp[(g, t)] for t in range(T)), dWfd(W)))
    rep(lb, close(sum(np.sum(dp[(g, t)], axis=0, keepdims=True) for t in range(T)), dWfd(b)))
rep(138, all(close(dC[t]*S[t]['I'], dCt[t]) for t in range(T)))
rep(140, all(close((1-np.square(dCt[t]))*dCt[t], dp[('pc', t)]) for t in range(T)))
rep(147, all(close(dC[t]*S[t]['Ct'], dp[('pi', t)]/(S[t]['I']*(1-S[t]['I']))) for t in range(T)))
rep(148, all(close(S[t]['I']*(1-S[t]['I'])*(dC[t]*S[t]['Ct']), dp[('pi', t)]) for t in range(T)))
rep(154, all(close(dC[t]*S[t-1]['C'], dp[('pf', t)]/(S[t]['F']*(1-S[t]['F']))) for t in range(T)))
rep(155, all(close(S[t]['F']*(1-S[t]['F'])*(dC[t]*S[t-1]['C']), dp[('pf', t)]) for t in range(T)))
rep(160, all(close(dp[('pf', t)]@P['Wf'].T + dp[('pi', t)]@P['Wi'].T + dp[('pc', t)]@P['Wc'].T + dp[('po', t)]@P['Wo'].T, dXH[t]) for t in range(T)))
rep(165, all(close(dXH[t][:, :Din], dX[t]) for t in range(T)))
rep(166, all(close(dXH[t][:, Din:], Hnext[t-1]) for t in range(T)))
rep(167, all(close(S[t]['F']*dC[t], Cnext[t-1]) for t in range(T)))
rep(169, all(close(S[t]['F']*dC[t], Cnext[t-1]) for t in range(T)))      # carried as next iteration's dC_next
rep(170, all(close(dXH[t][:, Din:], Hnext[t-1]) for t in range(T)))      # carried as next iteration's dH_next

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['xuepro_lstm_numpy_bptt.md']
agree = True
for line in sorted(set(map(int, exp)) | set(res)):
    r = res.get(line, 'NOT CHECKED'); e = exp.get(str(line), {}).get('expected', 'NOT ANNOTATED')
    a = (r == 'OK') == (e == 'pass') and r != 'NOT CHECKED' and e != 'NOT ANNOTATED'
    agree &= a
    print(line, r, '(expected %s)' % e, '' if a else '<-- DISAGREES')
print('ALL VERDICTS AGREE' if agree else 'SOME VERDICTS DISAGREE')
