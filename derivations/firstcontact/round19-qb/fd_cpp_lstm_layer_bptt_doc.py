# FD check for cpp_lstm_layer_bptt_doc.md. Row layout: x_t (1,D), H_t (1,H), pre_t = x_t W^T + H_{t-1} U^T + b^T,
# W (4H,D), U (4H,H), b (4H,1), gate order [i|f|o|g]. Loss: L = sum_t H_t . v_t (arbitrary output gradients).
import numpy as np
rng = np.random.default_rng(5)
D, H, T = 2, 3, 5
sig = lambda z: 1/(1+np.exp(-z))
W = rng.normal(size=(4*H, D)); U = rng.normal(size=(4*H, H))*0.6; b = rng.normal(size=(4*H, 1))*0.2
X = [rng.normal(size=(1, D)) for _ in range(T)]; Vv = [rng.normal(size=(1, H)) for _ in range(T)]
def fwd(eps={}):
    h = np.zeros((1, H)); C = np.zeros((1, H)); L = 0; ca = []
    for t in range(T):
        x = X[t] + eps.get(('x', t), 0)
        pre = x@W.T + h@U.T + b.T + eps.get(('pre', t), 0)
        i, f, o, g = sig(pre[:, :H]), sig(pre[:, H:2*H]), sig(pre[:, 2*H:3*H]), np.tanh(pre[:, 3*H:])
        Cp, hp = C, h
        C = f*Cp + i*g + eps.get(('C', t), 0); h = o*np.tanh(C) + eps.get(('h', t), 0)
        L += float(np.sum(h*Vv[t])); ca.append(dict(x=x, hp=hp, Cp=Cp, i=i, f=f, o=o, g=g, C=C))
    return L, ca
def fd(kind, t, m):
    G = np.zeros((1, m)); e = 1e-6
    for k in range(m):
        d = np.zeros((1, m)); d[0, k] = e
        G[0, k] = (fwd({(kind, t): d})[0]-fwd({(kind, t): -d})[0])/(2*e)
    return G
chk = lambda nm, a, bb: print(f"{nm:58s} maxdiff={np.max(np.abs(a-bb)):.2e} {'OK' if np.allclose(a,bb,atol=1e-6) else 'WRONG'}")
L, ca = fwd()
dh_next = np.zeros((1, H)); dC_next = np.zeros((1, H)); gW = 0; gU = 0; gb = 0
for t in reversed(range(T)):
    c = ca[t]
    dh = Vv[t] + dh_next                                            # row 52
    chk(f"52 delta h_t (t={t+1})", dh, fd('h', t, H))
    do = dh*np.tanh(c['C']); dC = dh*c['o']*(1-np.tanh(c['C'])**2) + dC_next   # rows 56, 57
    chk(f"57 delta C_t (t={t+1})", dC, fd('C', t, H))
    di, df, dg = dC*c['g'], dC*c['Cp'], dC*c['i']                   # row 61
    dC_next = dC*c['f']                                             # row 67
    dpre = np.hstack([di*c['i']*(1-c['i']), df*c['f']*(1-c['f']), do*c['o']*(1-c['o']), dg*(1-c['g']**2)])  # row 71
    chk(f"56/61/71 delta pre_t (t={t+1})", dpre, fd('pre', t, 4*H))
    gW = gW + dpre.T@c['x']; gU = gU + dpre.T@c['hp']; gb = gb + dpre.T     # row 80
    chk(f"84 dL/dx_t = delta pre_t W (t={t+1})", dpre@W, fd('x', t, D))
    dh_next = dpre@U                                                # row 84 (second part)
    if t > 0:
        chk(f"84 delta h_next = delta pre_t U  == h-path into H_(t-1)", dh_next, fd('h', t-1, H) - Vv[t-1])
        Cq = ca[t-1]
        chk(f"67 delta C_next = delta C_t f_t == cell-path into C_(t-1)", dC_next, fd('C', t-1, H) - fd('h', t-1, H)*Cq['o']*(1-np.tanh(Cq['C'])**2))
def num(A):
    G = np.zeros_like(A); e = 1e-6
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old+e; lp = fwd()[0]; A[idx] = old-e; lm = fwd()[0]; A[idx] = old; G[idx] = (lp-lm)/(2*e)
    return G
chk("80 dL/dW = sum_t dpre^T x_t", gW, num(W)); chk("80 dL/dU = sum_t dpre^T H_(t-1)", gU, num(U)); chk("80 dL/db = sum_t dpre^T", gb, num(b))
# row 10: vanilla RNN h_i = tanh(A h_{i-1} + B x_i); Jacobian dh_t/dh_{t-tau}
A = rng.normal(size=(H, H))*0.8; Bm = rng.normal(size=(H, D)); xs = [rng.normal(size=(D,)) for _ in range(8)]
hs = [np.zeros(H)]
for i in range(1, 8): hs.append(np.tanh(A@hs[-1] + Bm@xs[i]))
J = lambda i: np.diag(1-hs[i]**2)@A      # dh_i/dh_{i-1}
t, tau = 6, 3
def run_from(k, hk):
    h = hk
    for i in range(k+1, t+1): h = np.tanh(A@h + Bm@xs[i])
    return h
Jtrue = np.zeros((H, H)); e = 1e-6
for k in range(H):
    d = np.zeros(H); d[k] = e
    Jtrue[:, k] = (run_from(t-tau, hs[t-tau]+d) - run_from(t-tau, hs[t-tau]-d))/(2*e)
def prod(lo, hi):
    P = np.eye(H)
    for i in range(lo, hi+1): P = J(i)@P
    return P
chk("10 author: prod_{i=t-tau}^{t} dh_i/dh_{i-1} (tau+1 factors)", prod(t-tau, t), Jtrue)
chk("10 corrected: prod_{i=t-tau+1}^{t} (tau factors)", prod(t-tau+1, t), Jtrue)
