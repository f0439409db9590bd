"""Finite-difference check of salvatore_rnn_beamer.tex (F. Salvatore & T. Bueno, RNN beamer slides).
Model (column vectors): a^(t) = W h^(t-1) + U x^(t) [+ b], h^(t) = sigma(a^(t)), o^(t) = V h^(t) [+ c],
yhat^(t) = softmax(o^(t)), L^(t) = CE(y^(t), yhat^(t)) = -log yhat_{j*}.  BPTT slides: loss L^(tau) of the
last step only.  Macros: grad{a}{b} = nabla_a b, dotpPright{A}{b} = A^T(b), outerp{a}{b} = (a) b^T.
Every verdict is 'pass'; the script prints line number and OK when the author's expression matches
central differences (or, for forward lines, the reference forward pass)."""
import json, os, numpy as np
rng = np.random.default_rng(0)
H, D, K, E_, T = 4, 3, 5, 3, 3
sig = lambda z: 1/(1+np.exp(-z))
def softmax(z): e = np.exp(z - z.max()); return e/e.sum()
W, U, V = rng.normal(size=(H,H))*.8, rng.normal(size=(H,D)), rng.normal(size=(K,H))
b, c = rng.normal(size=H), rng.normal(size=K)
xs = [rng.normal(size=D) for _ in range(T+1)]
h0 = rng.normal(size=H)*.5
jstar = 2; y = np.eye(K)[jstar]
def fd(f, X, eps=1e-6):
    G = np.zeros_like(X); it = np.nditer(X, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; Xp = X.copy(); Xm = X.copy(); Xp[i] += eps; Xm[i] -= eps
        G[i] = (f(Xp)-f(Xm))/(2*eps)
    return G
CE = lambda yy, yh: -np.sum(yy*np.log(yh))
res = {}
def rep(line, ok): res[line] = bool(ok)
close = lambda A, B: np.allclose(A, B, atol=1e-6, rtol=1e-5)

# ---------------- forward lines (checked against an independent scalar-loop implementation) ----
def ref_step(hp, x, W=W, U=U, b=np.zeros(H)):
    a = np.array([sum(W[i,k]*hp[k] for k in range(H)) + sum(U[i,k]*x[k] for k in range(D)) + b[i] for i in range(H)])
    return a, np.array([1/(1+np.exp(-v)) for v in a])
a1, h1 = ref_step(h0, xs[1], b=b)
rep(50, close(sig(W@h0 + U@xs[1] + b), h1))
rep(42, close(softmax(V@h1 + c), np.exp(V@h1+c)/np.exp(V@h1+c).sum()))
Emb = rng.normal(size=(E_, 6)); xo = np.eye(6)[4]; U2 = rng.normal(size=(H,E_))
e = Emb@xo
rep(77, close(e, Emb[:,4]))
rep(81, close(sig(W@h0 + U2@e + b), ref_step(h0, Emb[:,4], U=U2, b=b)[1]))
rep(85, close(softmax(V@h1 + c), np.exp(V@h1+c)/np.exp(V@h1+c).sum()))
yh = softmax(V@h1 + c)
rep(96, np.isclose(CE(y, yh), -np.log(yh[jstar])))
rep(97, np.isclose(-np.log(yh[jstar]), CE(y, yh)))
Ls = [CE(y, softmax(V@sig(W@h0+U@xs[t]+b)+c)) for t in range(1, T+1)]
rep(113, np.isclose(np.mean(Ls), sum(Ls)/T))
a_ref, h_ref = ref_step(h0, xs[1])
rep(145, close(W@h0 + U@xs[1], a_ref)); rep(151, close(sig(a_ref), h_ref))
rep(157, close(V@h_ref, np.array([sum(V[i,k]*h_ref[k] for k in range(H)) for i in range(K)])))
o = V@h_ref; rep(163, close(softmax(o), np.exp(o)/np.exp(o).sum()))

# ---------------- one step (rnn-backprop.tex): L = CE(y, softmax(V h'));  h' = sigma(W h + U x) ---
h, x = h0, xs[1]
a = W@h + U@x; hp = sig(a); o = V@hp; yhat = softmax(o)
Lo = lambda o_: CE(y, softmax(o_))
Lhp = lambda hp_: Lo(V@hp_)
La = lambda a_: Lhp(sig(a_))
g_o = yhat - y                                   # line 267/268
rep(267, close(g_o, fd(Lo, o)))
rep(266, close(np.outer(g_o, hp), fd(lambda V_: CE(y, softmax(V_@hp)), V)))   # 266/269
g_hp = V.T@(g_o); rep(213, close(g_hp, fd(Lhp, hp)))
g_a = g_hp*hp*(1-hp); rep(216, close(g_a, fd(La, a)))
rep(219, close(np.outer(g_a, x), fd(lambda U_: La(W@h + U_@x), U)))
rep(222, close(np.outer(g_a, h), fd(lambda W_: La(W_@h + U@x), W)))
rep(225, close(W.T@g_a, fd(lambda h_: La(W@h_ + U@x), h)))

# ---------------- BPTT with untied per-step copies: L^(tau) = CE(y, softmax(V h^(tau))) ---------
def run(Ws, Us, V_=V, hinit=h0, tau=T):
    hs = [hinit]; As = [None]
    for t in range(1, tau+1):
        As.append(Ws[t]@hs[-1] + Us[t]@xs[t]); hs.append(sig(As[-1]))
    return hs, As, CE(y, softmax(V_@hs[tau]))
Ws = {t: W.copy() for t in range(1, T+1)}; Us = {t: U.copy() for t in range(1, T+1)}
hs, As, L3 = run(Ws, Us)
tau = T
def L_from_h(t, ht):   # loss as a function of h^(t), later steps recomputed
    hh = ht
    for s in range(t+1, tau+1): hh = sig(W@hh + U@xs[s])
    return CE(y, softmax(V@hh))
def L_from_a(t, at): return L_from_h(t, sig(at))
yhat3 = softmax(V@hs[tau])
g_h = {tau: V.T@(yhat3 - y)}; rep(366, close(g_h[tau], fd(lambda v: L_from_h(tau, v), hs[tau])))
g_a = {tau: g_h[tau]*hs[tau]*(1-hs[tau])}; rep(370, close(g_a[tau], fd(lambda v: L_from_a(tau, v), As[tau])))
def gU(t): return fd(lambda U_: run(Ws, {**Us, t: U_})[2], U)
def gW(t): return fd(lambda W_: run({**Ws, t: W_}, Us)[2], W)
rep(374, close(np.outer(g_a[tau], xs[tau]), gU(tau)))
rep(378, close(np.outer(g_a[tau], hs[tau-1]), gW(tau)))
g_h[tau-1] = W.T@g_a[tau]; rep(383, close(g_h[tau-1], fd(lambda v: L_from_h(tau-1, v), hs[tau-1])))
g_a[tau-1] = g_h[tau-1]*hs[tau-1]*(1-hs[tau-1]); rep(387, close(g_a[tau-1], fd(lambda v: L_from_a(tau-1, v), As[tau-1])))
rep(391, close(np.outer(g_a[tau-1], xs[tau-1]), gU(tau-1)))
rep(395, close(np.outer(g_a[tau-1], hs[tau-2]), gW(tau-1)))
rep(398, close(W.T@g_a[tau-1], fd(lambda v: L_from_h(tau-2, v), hs[tau-2])))
# main BPTT frame
g_o3 = yhat3 - y
rep(427, close(np.outer(g_o3, hs[tau]), fd(lambda V_: run(Ws, Us, V_=V_)[2], V)))
tiedW = fd(lambda W_: run({t: W_ for t in Ws}, Us)[2], W); tiedU = fd(lambda U_: run(Ws, {t: U_ for t in Us})[2], U)
rep(432, close(sum(gW(t) for t in range(1, tau+1)), tiedW))
rep(436, close(sum(gU(t) for t in range(1, tau+1)), tiedU))
# equations.tex (tau = 3)
rep(447, close(sum(gU(t) for t in range(1, 4)), tiedU))
rep(448, close(gU(1)+gU(2)+gU(3), tiedU))
gh3 = V.T@(yhat3-y); ga3 = gh3*hs[3]*(1-hs[3])
rep(454, close(np.outer(fd(lambda v: L_from_a(3, v), As[3]), xs[3]), gU(3)))
rep(456, close(np.outer(fd(lambda v: L_from_h(3, v), hs[3])*hs[3]*(1-hs[3]), xs[3]), gU(3)))
rep(458, close(np.outer((V.T@(yhat3-y))*hs[3]*(1-hs[3]), xs[3]), gU(3)))
b_ = lambda t: hs[t]*(1-hs[t])
rep(466, close(np.outer(fd(lambda v: L_from_a(2, v), As[2]), xs[2]), gU(2)))
rep(468, close(np.outer(fd(lambda v: L_from_h(2, v), hs[2])*b_(2), xs[2]), gU(2)))
rep(470, close(np.outer((W.T@fd(lambda v: L_from_a(3, v), As[3]))*b_(2), xs[2]), gU(2)))
rep(472, close(np.outer((W.T@(fd(lambda v: L_from_h(3, v), hs[3])*b_(3)))*b_(2), xs[2]), gU(2)))
rep(474, close(np.outer((W.T@((V.T@(yhat3-y))*b_(3)))*b_(2), xs[2]), gU(2)))
rep(482, close(np.outer(fd(lambda v: L_from_a(1, v), As[1]), xs[1]), gU(1)))
rep(484, close(np.outer(fd(lambda v: L_from_h(1, v), hs[1])*b_(1), xs[1]), gU(1)))
rep(486, close(np.outer((W.T@fd(lambda v: L_from_a(2, v), As[2]))*b_(1), xs[1]), gU(1)))
rep(488, close(np.outer((W.T@(fd(lambda v: L_from_h(2, v), hs[2])*b_(2)))*b_(1), xs[1]), gU(1)))
rep(490, close(np.outer((W.T@((W.T@fd(lambda v: L_from_a(3, v), As[3]))*b_(2)))*b_(1), xs[1]), gU(1)))
rep(492, close(np.outer((W.T@((W.T@(fd(lambda v: L_from_h(3, v), hs[3])*b_(3)))*b_(2)))*b_(1), xs[1]), gU(1)))
rep(494, close(np.outer((W.T@((W.T@((V.T@(yhat3-y))*b_(3)))*b_(2)))*b_(1), xs[1]), gU(1)))
# "Taking a closer look": c = grad_{a^(3)} L^(3), b^(t) = h^(t) o (1 - h^(t))
cc = ga3
rep(503, close(np.outer(cc, xs[3]), gU(3)))
rep(507, close(np.outer(np.diag(b_(2))@W.T@cc, xs[2]), gU(2)))
rep(511, close(np.outer((np.diag(b_(1))@W.T)@(np.diag(b_(2))@W.T)@cc, xs[1]), gU(1)))

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['salvatore_rnn_beamer.tex']
bad = 0
for ln in sorted(set(res) | set(int(k) for k in exp)):
    want = exp.get(str(ln), {}).get('expected'); got = 'pass' if res.get(ln) else 'fail'
    agree = (ln in res) and want == got
    bad += not agree
    print(ln, 'OK' if agree else 'MISMATCH', f'(author expression {got}, expected {want})')
print('all verdicts agree' if bad == 0 else f'{bad} disagreements')
