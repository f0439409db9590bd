# Finite-difference check of racousin "Data Science Practice" RNN page (RNN / LSTM / GRU BPTT).
# Column vectors, one sequence, h0 = c0 = 0, y_t = f(W_hy h_t + b_y) with f = identity and
# L = sum_t L^(t), L^(t) = 1/2 ||y_t - d_t||^2 (so dL/dy_t = y_t - d_t, the author's "dL/dy incl. f'").
import numpy as np
rng = np.random.default_rng(1)
T, dx, dh, dy = 4, 3, 4, 2
xs = rng.normal(size=(T, dx)); ds = rng.normal(size=(T, dy))
sig = lambda a: 1 / (1 + np.exp(-a))
def P(*s): return rng.normal(size=s) * .6

def fd(fun, A, eps=1e-6):
    G = np.zeros_like(A, dtype=float)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += eps; Am = A.copy(); Am[idx] -= eps
        G[idx] = (fun(Ap) - fun(Am)) / (2 * eps)
    return G
def rep(name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-8)
    print(f"{name:<70s} {'AGREE' if ok else 'DIFFER'}  maxdiff={np.abs(np.asarray(a)-np.asarray(b)).max():.2e}")

# ---------------- standard RNN (L229, L233) ----------------
R = dict(Wxh=P(dh, dx), Whh=P(dh, dh), bh=P(dh), Why=P(dy, dh), by=P(dy))
def rnn(p, hoff=None):
    h = np.zeros(dh); H = []; Y = []
    for t in range(T):
        h = np.tanh(p['Wxh'] @ xs[t] + p['Whh'] @ h + p['bh'])
        if hoff is not None and hoff[0] == t: h = h + hoff[1]
        H.append(h); Y.append(p['Why'] @ h + p['by'])
    return np.array(H), np.array(Y)
def Lr(p, **k): return 0.5 * ((rnn(p, **k)[1] - ds) ** 2).sum()
def with_(p, key, A): q = dict(p); q[key] = A; return q
H, Y = rnn(R); gy = Y - ds
# L470 with L474 Jacobians (denominator layout, applied as J @ vector)
delta = [None] * T; nxt = np.zeros(dh)
for t in range(T-1, -1, -1):
    delta[t] = R['Why'].T @ gy[t] + (R['Whh'].T @ np.diag(1 - H[t+1]**2) @ nxt if t < T-1 else 0)
    nxt = delta[t]
delta = np.array(delta)
delta_fd = np.array([fd(lambda e: Lr(R, hoff=(t, e)), np.zeros(dh)) for t in range(T)])
rep("L366/L470/L474 delta^(t)=W_hy^T dL/dy + W_hh^T diag(1-h_{t+1}^2) delta^(t+1)", delta, delta_fd)
g = 1 - H**2; Hp = np.vstack([np.zeros(dh), H[:-1]])
rep("L482 dL/dW_xh = sum delta diag(1-h^2) x^T", sum(np.outer(delta[t]*g[t], xs[t]) for t in range(T)), fd(lambda A: Lr(with_(R,'Wxh',A)), R['Wxh']))
rep("L486 dL/dW_hh = sum delta diag(1-h^2) h_{t-1}^T", sum(np.outer(delta[t]*g[t], Hp[t]) for t in range(T)), fd(lambda A: Lr(with_(R,'Whh',A)), R['Whh']))
rep("L490 dL/db_h = sum delta diag(1-h^2)", sum(delta[t]*g[t] for t in range(T)), fd(lambda A: Lr(with_(R,'bh',A)), R['bh']))
rep("L462 dL/db_y = sum dL/dy", gy.sum(0), fd(lambda A: Lr(with_(R,'by',A)), R['by']))
dWhy_fd = fd(lambda A: Lr(with_(R,'Why',A)), R['Why'])
rep("L452 dL/dW_hy = sum dL/dy h^(t)T (with transpose)", sum(np.outer(gy[t], H[t]) for t in range(T)), dWhy_fd)
try:
    lit = sum(gy[t].reshape(-1, 1) @ H[t].reshape(-1, 1) for t in range(T))
    rep("L397 dL/dW_hy = sum dL/dy h^(t) (as written, column x column)", lit, dWhy_fd)
except ValueError as e:
    print(f"{'L397 dL/dW_hy = sum dL/dy h^(t) (as written, column x column)':<70s} DIFFER  not conformable ({dy}x1 @ {dh}x1): {e.__class__.__name__}")
# L500: dh_t/dh_{t-k} product of W^T diag(g_i) (denominator layout), check k=2, t=3
def hstate(h1):
    h = h1
    for t in (2, 3):
        h = np.tanh(R['Wxh'] @ xs[t] + R['Whh'] @ h + R['bh'])
    return h
Jfd = np.array([fd(lambda v: hstate(v)[j], H[1].copy()) for j in range(dh)])   # numerator layout dh3/dh1
Jden = R['Whh'].T @ np.diag(g[2]) @ R['Whh'].T @ np.diag(g[3])
rep("L500 prod_i W_hh^T diag(1-h_i^2) (denominator layout) = (dh_t/dh_{t-k})^T", Jden, Jfd.T)

# ---------------- LSTM (L256-L276) ----------------
S = {k: P(dh, dx) for k in ('Wxf','Wxi','Wxc','Wxo')}
S.update({k: P(dh, dh) for k in ('Whf','Whi','Whc','Who')})
S.update({k: P(dh) for k in ('bf','bi','bc','bo')}); S.update(Why=P(dy, dh), by=P(dy))
def lstm(p, off=None):
    h = np.zeros(dh); c = np.zeros(dh); rec = []
    for t in range(T):
        f = sig(p['Wxf']@xs[t] + p['Whf']@h + p['bf']); i = sig(p['Wxi']@xs[t] + p['Whi']@h + p['bi'])
        ct = np.tanh(p['Wxc']@xs[t] + p['Whc']@h + p['bc']); o = sig(p['Wxo']@xs[t] + p['Who']@h + p['bo'])
        if off is not None and off[0] == t and off[1] == 'f': f = f + off[2]
        if off is not None and off[0] == t and off[1] == 'i': i = i + off[2]
        if off is not None and off[0] == t and off[1] == 'ct': ct = ct + off[2]
        if off is not None and off[0] == t and off[1] == 'o': o = o + off[2]
        cprev = c; c = f*cprev + i*ct
        if off is not None and off[0] == t and off[1] == 'c': c = c + off[2]
        h = o*np.tanh(c)
        if off is not None and off[0] == t and off[1] == 'h': h = h + off[2]
        rec.append(dict(f=f, i=i, ct=ct, o=o, c=c, cprev=cprev, h=h, y=p['Why']@h + p['by']))
    return rec
def Ll(p, **k): return 0.5 * sum(((r['y'] - ds[t])**2).sum() for t, r in enumerate(lstm(p, **k)))
rec = lstm(S)
dh_fd = np.array([fd(lambda e: Ll(S, off=(t, 'h', e)), np.zeros(dh)) for t in range(T)])
dc_fd = np.array([fd(lambda e: Ll(S, off=(t, 'c', e)), np.zeros(dh)) for t in range(T)])
# L539: delta_h^t = W_hy^T dL/dy + (dh_{t+1}/dh_t)|_{c fixed}^T delta_h^{t+1} + (dc_{t+1}/dh_t)^T delta_c^{t+1}
dH = [None]*T; dC = [None]*T
for t in range(T-1, -1, -1):
    r = rec[t]; v = S['Why'].T @ (r['y'] - ds[t])
    if t < T-1:
        n = rec[t+1]
        do_pre = dH[t+1]*np.tanh(n['c'])*n['o']*(1-n['o'])                       # path via o_{t+1}
        v = v + S['Who'].T @ do_pre
        dcn = dC[t+1]
        v = v + S['Whf'].T @ (dcn*n['cprev']*n['f']*(1-n['f'])) + S['Whi'].T @ (dcn*n['ct']*n['i']*(1-n['i'])) \
              + S['Whc'].T @ (dcn*n['i']*(1-n['ct']**2))
    dH[t] = v
    dC[t] = dH[t]*r['o']*(1-np.tanh(r['c'])**2) + (dC[t+1]*rec[t+1]['f'] if t < T-1 else 0)   # L547 with L551
rep("L539 delta_h^(t) (partial dh_{t+1}/dh_t via o, plus delta_c path)", np.array(dH), dh_fd)
rep("L547/L551 delta_c^(t) = delta_h o(1-tanh^2 c) + delta_c^(t+1) f^(t+1)", np.array(dC), dc_fd)
for name, key, val, line in (("dL/df = delta_c o c_{t-1}", 'f', lambda t: dC[t]*rec[t]['cprev'], 559),
                             ("dL/di = delta_c o c~", 'i', lambda t: dC[t]*rec[t]['ct'], 567),
                             ("dL/dc~ = delta_c o i", 'ct', lambda t: dC[t]*rec[t]['i'], 575),
                             ("dL/do = delta_h o tanh(c)", 'o', lambda t: dH[t]*np.tanh(rec[t]['c']), 583)):
    rep(f"L{line} {name}", np.array([val(t) for t in range(T)]),
        np.array([fd(lambda e: Ll(S, off=(t, key, e)), np.zeros(dh)) for t in range(T)]))
rep("L591 dL/dW_xf = sum (delta_c o c_{t-1}) o f(1-f) x^T",
    sum(np.outer(dC[t]*rec[t]['cprev']*rec[t]['f']*(1-rec[t]['f']), xs[t]) for t in range(T)),
    fd(lambda A: Ll(with_(S,'Wxf',A)), S['Wxf']))
# L601: direct-path partial dc_t/dc_{t-k} (gates frozen) = prod f
k_c = lambda c1: rec[3]['f']*(rec[2]['f']*c1 + rec[2]['i']*rec[2]['ct']) + rec[3]['i']*rec[3]['ct']
Jc = np.array([fd(lambda v: k_c(v)[j], rec[1]['c'].copy()) for j in range(dh)])
rep("L601 dc_t/dc_{t-k} along the cell path (gates held fixed) = prod f", np.diag(Jc), rec[2]['f']*rec[3]['f'])

# ---------------- GRU (L298-L310) ----------------
G = {k: P(dh, dx) for k in ('Wxz','Wxr','Wxh')}
G.update({k: P(dh, dh) for k in ('Whz','Whr','Whh')}); G.update({k: P(dh) for k in ('bz','br','bh')})
G.update(Why=P(dy, dh), by=P(dy))
def gru_step(p, x, h, off=None, t=None):
    z = sig(p['Wxz']@x + p['Whz']@h + p['bz']); r = sig(p['Wxr']@x + p['Whr']@h + p['br'])
    if off is not None and off[0] == t and off[1] == 'r': r = r + off[2]
    if off is not None and off[0] == t and off[1] == 'z': z = z + off[2]
    ht = np.tanh(p['Wxh']@x + p['Whh']@(r*h) + p['bh'])
    if off is not None and off[0] == t and off[1] == 'ht': ht = ht + off[2]
    return (1-z)*h + z*ht, dict(z=z, r=r, ht=ht, hprev=h)
def gru(p, off=None):
    h = np.zeros(dh); rec = []
    for t in range(T):
        h, r = gru_step(p, xs[t], h, off, t)
        if off is not None and off[0] == t and off[1] == 'h': h = h + off[2]
        r['h'] = h; r['y'] = p['Why']@h + p['by']; rec.append(r)
    return rec
def Lg(p, **k): return 0.5 * sum(((r['y'] - ds[t])**2).sum() for t, r in enumerate(gru(p, **k)))
rg = gru(G)
dHg = np.array([fd(lambda e: Lg(G, off=(t, 'h', e)), np.zeros(dh)) for t in range(T)])   # delta_h^(t) (L628, total)
t = 1; n = rg[t+1]
# numerator-layout Jacobian dh_{t+1}/dh_t by FD
Jfd = np.array([fd(lambda v: gru_step(G, xs[t+1], v)[0][j], rg[t]['h'].copy()) for j in range(dh)])
Jht = np.array([fd(lambda v: gru_step(G, xs[t+1], v)[1]['ht'][j], rg[t]['h'].copy()) for j in range(dh)])  # total dh~/dh (incl. r path)
J644 = np.diag(1 - n['z']) + np.diag(n['z']) @ Jht
rep("L644 dh_{t+1}/dh_t = (1-z) + z dh~/dh_t (as written)", J644, Jfd)
Jz = np.diag((n['ht'] - n['hprev'])*n['z']*(1-n['z'])) @ G['Whz']
rep("     ... plus the missing update-gate path diag((h~-h)z(1-z)) W_hz", J644 + Jz, Jfd)
rep("L636 delta_h^(t) = W_hy^T dL/dy + J^T delta_h^(t+1) (with FD Jacobian J)", G['Why'].T@(rg[t]['y']-ds[t]) + Jfd.T@dHg[t+1], dHg[t])
dz_w = np.array([dHg[t]*(rg[t]['ht'] - rg[t]['hprev']) for t in range(T)])
rep("L652 dL/dz = delta_h o (h~ - h_{t-1})", dz_w, np.array([fd(lambda e: Lg(G, off=(t, 'z', e)), np.zeros(dh)) for t in range(T)]))
rep("L668 dL/dh~ = delta_h o z", np.array([dHg[t]*rg[t]['z'] for t in range(T)]),
    np.array([fd(lambda e: Lg(G, off=(t, 'ht', e)), np.zeros(dh)) for t in range(T)]))
dr_fd = np.array([fd(lambda e: Lg(G, off=(t, 'r', e)), np.zeros(dh)) for t in range(T)])
dr_w = np.array([dHg[t]*rg[t]['z']*(1-rg[t]['ht']**2)*(G['Whh']@rg[t]['hprev']) for t in range(T)])
rep("L660 dL/dr = delta_h o z o (1-h~^2) o (W_hh h_{t-1}) (as written)", dr_w, dr_fd)
dr_ok = np.array([rg[t]['hprev']*(G['Whh'].T@(dHg[t]*rg[t]['z']*(1-rg[t]['ht']**2))) for t in range(T)])
rep("     ... correct form h_{t-1} o W_hh^T(delta_h o z o (1-h~^2))", dr_ok, dr_fd)
rep("L676 dL/dW_xz = sum (delta_h o (h~-h)) o z(1-z) x^T",
    sum(np.outer(dz_w[t]*rg[t]['z']*(1-rg[t]['z']), xs[t]) for t in range(T)), fd(lambda A: Lg(with_(G,'Wxz',A)), G['Wxz']))
