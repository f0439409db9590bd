# FD check for seqnet_rnn_lstm_bptt.md: row-vector batches (B,D),(B,H); logits = h_T W_hy + b_y;
# L = mean over batch of softmax cross-entropy. RNN rows 35-46, LSTM rows 101-121 (gate order [i,f,o,g]).
import numpy as np
rng = np.random.default_rng(2)
B, D, H, K, T = 3, 2, 3, 4, 4
sig = lambda z: 1/(1+np.exp(-z))
X = rng.normal(size=(B, T, D)); y = rng.integers(0, K, size=B)
def ce(logits):
    z = logits - logits.max(1, keepdims=True); p = np.exp(z); p /= p.sum(1, keepdims=True)
    return -np.mean(np.log(p[np.arange(B), y])), p
chk = lambda nm, a, b: print(f"{nm:55s} maxdiff={np.max(np.abs(a-b)):.2e} {'OK' if np.allclose(a,b,atol=1e-6) else 'WRONG'}")
def numgrad(f, A):
    G = np.zeros_like(A); e = 1e-6
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old+e; lp = f(); A[idx] = old-e; lm = f(); A[idx] = old; G[idx] = (lp-lm)/(2*e)
    return G
# ---------------- RNN ----------------
R = dict(Wxh=rng.normal(size=(D, H)), Whh=rng.normal(size=(H, H))*0.6, bh=rng.normal(size=H)*0.2,
         Why=rng.normal(size=(H, K)), by=rng.normal(size=K)*0.2)
def rnn_fwd(eps=None):
    h = np.zeros((B, H)); hs = [h]
    for t in range(T):
        h = np.tanh(X[:, t]@R['Wxh'] + h@R['Whh'] + R['bh'])
        if eps is not None and eps[0] == t: h = h + eps[1]
        hs.append(h)
    logits = h@R['Why'] + R['by']; L, p = ce(logits); return L, p, hs
L, p, hs = rnn_fwd()
dlogits = (p - np.eye(K)[y])/B
dh = dlogits@R['Why'].T                                   # row 35
def fd_h(t):
    G = np.zeros((B, H)); e = 1e-6
    for idx in np.ndindex(B, H):
        d = np.zeros((B, H)); d[idx] = e
        G[idx] = (rnn_fwd((t, d))[0]-rnn_fwd((t, -d))[0])/(2*e)
    return G
chk("35 dL/dh_T = dL/dlogits W_hy^T", dh, fd_h(T-1))
gW = {k: np.zeros_like(v) for k, v in R.items()}
for t in range(T, 0, -1):
    delta = dh*(1-hs[t]**2)                                # row 39
    gW['Wxh'] += X[:, t-1].T@delta; gW['Whh'] += hs[t-1].T@delta; gW['bh'] += delta.sum(0)   # row 42-44
    dh = delta@R['Whh'].T                                  # row 46
    if t-2 >= 0: chk(f"46 dL/dh_(t-1) = delta W_hh^T (t={t})", dh, fd_h(t-2))
for k in ['Wxh', 'Whh', 'bh']:
    chk(f"42-44 accumulated dL/d{k}", gW[k], numgrad(lambda: rnn_fwd()[0], R[k]))
# ---------------- LSTM ----------------
M = dict(Wx=rng.normal(size=(D, 4*H)), Wh=rng.normal(size=(H, 4*H))*0.6, b=rng.normal(size=4*H)*0.2,
         Why=rng.normal(size=(H, K)), by=rng.normal(size=K)*0.2)
def lstm_fwd(eps={}):
    h = np.zeros((B, H)); c = np.zeros((B, H)); cache = []
    for t in range(T):
        a = X[:, t]@M['Wx'] + h@M['Wh'] + M['b']
        i, f, o, g = sig(a[:, :H]), sig(a[:, H:2*H]), sig(a[:, 2*H:3*H]), np.tanh(a[:, 3*H:])
        cp, hp = c, h
        c = f*cp + i*g + eps.get(('c', t), 0); h = o*np.tanh(c) + eps.get(('h', t), 0)
        cache.append(dict(x=X[:, t], i=i, f=f, o=o, g=g, cp=cp, hp=hp, c=c, h=h))
    L, p = ce(h@M['Why'] + M['by']); return L, p, cache
def fd_state(kind, t):
    G = np.zeros((B, H)); e = 1e-6
    for idx in np.ndindex(B, H):
        d = np.zeros((B, H)); d[idx] = e
        G[idx] = (lstm_fwd({(kind, t): d})[0]-lstm_fwd({(kind, t): -d})[0])/(2*e)
    return G
L, p, ca = lstm_fwd()
dh = ((p - np.eye(K)[y])/B)@M['Why'].T; dc = np.zeros((B, H))
g = {k: np.zeros_like(v) for k, v in M.items()}
for t in range(T-1, -1, -1):
    C = ca[t]
    do = dh*np.tanh(C['c'])                                               # row 101
    dc = dc + dh*C['o']*(1-np.tanh(C['c'])**2)                           # row 103
    chk(f"103 dL/dc_t total after += (t={t+1})", dc, fd_state('c', t))
    di, df, dg = dc*C['g'], dc*C['cp'], dc*C['i']                         # row 106
    delta = np.hstack([di*C['i']*(1-C['i']), df*C['f']*(1-C['f']), do*C['o']*(1-C['o']), dg*(1-C['g']**2)])
    g['Wx'] += C['x'].T@delta; g['Wh'] += C['hp'].T@delta; g['b'] += delta.sum(0)   # row 114
    dh = delta@M['Wh'].T                                                  # row 120 (a)
    dc = dc*C['f']                                                        # row 120/121 boxed
    if t-1 >= 0:
        chk(f"120 dL/dh_(t-1) = delta W_h^T (t={t+1})", dh, fd_state('h', t-1))
        # boxed: cell-path part = total dc_{t-1} minus its own h-path part
        Cp = ca[t-1]
        chk(f"121 boxed dL/dc_(t-1) = dL/dc_t * f_t (before +=)", dc, fd_state('c', t-1) - dh*Cp['o']*(1-np.tanh(Cp['c'])**2))
for k in ['Wx', 'Wh', 'b']:
    chk(f"114 accumulated dL/d{k}", g[k], numgrad(lambda: lstm_fwd()[0], M[k]))
