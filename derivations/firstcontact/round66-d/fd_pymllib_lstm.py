# FD check for pymllib_lstm.py (stfnwong/pymllib). numpy only. Row-vector layout: a = X Wx + prev_h Wh + b, gates [i,f,o,g]
import numpy as np
rng = np.random.default_rng(1)
N, D, H, T = 3, 4, 5, 4
def sigmoid(x): return 1 / (1 + np.exp(-x))
def step_fwd(X, ph, pc, Wx, Wh, b):
    a = X @ Wx + ph @ Wh + b
    ai, af, ao, ag = a[:, :H], a[:, H:2*H], a[:, 2*H:3*H], a[:, 3*H:]
    i, f, o, g = sigmoid(ai), sigmoid(af), sigmoid(ao), np.tanh(ag)
    nc = f * pc + i * g; nh = o * np.tanh(nc)
    return nh, nc, (i, f, o, g, a, ai, af, ao, ag, Wx, Wh, b, ph, pc, X, nc, nh)
def step_bwd(dnext_h, dnext_c, cache, fix=False):       # author's lines 102-124
    i, f, o, g, a, ai, af, ao, ag, Wx, Wh, b, prev_h, prev_c, X, next_c, next_h = cache
    dnext_c = dnext_c.copy()
    do = np.tanh(next_c) * dnext_h
    dnext_c += o * (1 - np.tanh(next_c)**2) * dnext_h
    df = prev_c * dnext_c; dprev_c = f * dnext_c; di = g * dnext_c; dg = i * dnext_c
    dag = (1 - np.tanh(ag)**2) * dg
    dao = sigmoid(ao) * (1 - sigmoid(ao)) * do
    daf = sigmoid(af) * (1 - sigmoid(af if fix else df)) * df      # author: sigmoid(df)
    dai = sigmoid(ai) * (1 - sigmoid(ai)) * di
    da = np.hstack((dai, daf, dao, dag))
    return dict(dx=da @ Wx.T, dprev_h=da @ Wh.T, dprev_c=dprev_c, dWx=X.T @ da, dWh=prev_h.T @ da, db=da.sum(0),
                do=do, dc=dnext_c, df=df, di=di, dg=dg, dai=dai, daf=daf, dao=dao, dag=dag)
X = rng.normal(size=(N, D)); ph = rng.normal(size=(N, H)); pc = rng.normal(size=(N, H))
Wx = rng.normal(0, .5, (D, 4*H)); Wh = rng.normal(0, .5, (H, 4*H)); b = rng.normal(0, .3, 4*H)
dnh = rng.normal(size=(N, H)); dnc = rng.normal(size=(N, H))
args = dict(X=X, ph=ph, pc=pc, Wx=Wx, Wh=Wh, b=b)
def L(**kw):
    A = dict(args); A.update(kw); nh, nc, _ = step_fwd(A['X'], A['ph'], A['pc'], A['Wx'], A['Wh'], A['b'])
    return np.sum(nh * dnh) + np.sum(nc * dnc)
def fd(name, eps=1e-6):
    base = args[name]; g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        p = base.copy(); p[idx] += eps; m_ = base.copy(); m_[idx] -= eps
        g[idx] = (L(**{name: p}) - L(**{name: m_})) / (2 * eps)
    return g
cache = step_fwd(X, ph, pc, Wx, Wh, b)[2]
A = step_bwd(dnh, dnc, cache); F = step_bwd(dnh, dnc, cache, fix=True)
ok = lambda e: 'AGREE' if e < 1e-6 else 'DISAGREE'
# gradient wrt pre-activation a: FD via bias perturbation (a = ... + b, so dL/db per sample needs per-row perturbation)
def fd_a():
    g = np.zeros((N, 4*H)); eps = 1e-6
    a0 = X @ Wx + ph @ Wh + b
    def Lfroma(a):
        ai, af, ao, ag = a[:, :H], a[:, H:2*H], a[:, 2*H:3*H], a[:, 3*H:]
        i, f, o, gg = sigmoid(ai), sigmoid(af), sigmoid(ao), np.tanh(ag)
        nc = f * pc + i * gg; nh = o * np.tanh(nc); return np.sum(nh*dnh) + np.sum(nc*dnc)
    for idx in np.ndindex(g.shape):
        p = a0.copy(); p[idx] += eps; m_ = a0.copy(); m_[idx] -= eps
        g[idx] = (Lfroma(p) - Lfroma(m_)) / (2*eps)
    return g
ga = fd_a()
for nm, sl, row in [('dai', slice(0, H), 115), ('daf', slice(H, 2*H), 114), ('dao', slice(2*H, 3*H), 113), ('dag', slice(3*H, 4*H), 112)]:
    e = np.max(np.abs(A[nm] - ga[:, sl])); print(f"row {row} {nm}: max err {e:.2e} -> {ok(e)}")
# total dL/dc_t (row 103) via perturbing c directly
eps = 1e-6; gc = np.zeros((N, H))
i, f, o, g = cache[:4]; nc = cache[15]
for idx in np.ndindex(gc.shape):
    p = nc.copy(); p[idx] += eps; m_ = nc.copy(); m_[idx] -= eps
    gc[idx] = ((np.sum(o*np.tanh(p)*dnh)+np.sum(p*dnc)) - (np.sum(o*np.tanh(m_)*dnh)+np.sum(m_*dnc)))/(2*eps)
print(f"row 103 dnext_c (total dL/dc_t): max err {np.max(np.abs(A['dc']-gc)):.2e} -> {ok(np.max(np.abs(A['dc']-gc)))}")
print(f"row 102 do = tanh(c)*dh (dL/d o-gate value): max err {np.max(np.abs(A['do'] - np.tanh(nc)*dnh)):.1e} (by construction; gate-value grads checked through rows 112-115)")
for nm, row in [('dx', 120), ('dWx', 121), ('dprev_h', 122), ('dWh', 123), ('db', 124)]:
    key = {'dx': 'X', 'dWx': 'Wx', 'dprev_h': 'ph', 'dWh': 'Wh', 'db': 'b'}[nm]
    n = fd(key); e = np.max(np.abs(A[nm] - n)); e2 = np.max(np.abs(F[nm] - n))
    print(f"row {row} {nm}: author max err {e:.2e} -> {ok(e)};  with sigmoid(af) in row 114: {e2:.2e} -> {ok(e2)}")
e = np.max(np.abs(A['dprev_c'] - fd('pc'))); print(f"row 107 dprev_c: max err {e:.2e} -> {ok(e)}")
# sequence level (rows 214-223): lstm_forward / lstm_backward
Xs = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)); dh = rng.normal(size=(N, T, H))
def lstm_fwd(Xs, h0, Wx, Wh, b):
    prev_h, prev_c = h0, np.zeros_like(h0); h = np.zeros((T, N, H)); Xt = Xs.transpose(1, 0, 2); cache = []
    for t in range(T):
        if t > 0: prev_h = h[t-1]; prev_c = next_c
        h[t], next_c, cn = step_fwd(Xt[t], prev_h, prev_c, Wx, Wh, b); cache.append(cn)
    return h.transpose(1, 0, 2), cache
def lstm_bwd(dh, cache, fix):
    dWx = np.zeros_like(Wx); dWh = np.zeros_like(Wh); db = np.zeros_like(b); dx = np.zeros((T, N, D))
    dh = dh.transpose(1, 0, 2); dh_prev = np.zeros((N, H)); dc_prev = np.zeros((N, H))
    for t in reversed(range(T)):
        dh_current = dh[t] + dh_prev; dc_current = dc_prev
        r = step_bwd(dh_current, dc_current, cache[t], fix)
        dh_prev, dc_prev = r['dprev_h'], r['dprev_c']; dx[t] += r['dx']; dh0 = dh_prev
        dWx += r['dWx']; dWh += r['dWh']; db += r['db']
    return dict(dx=dx.transpose(1, 0, 2), dh0=dh0, dWx=dWx, dWh=dWh, db=db)
Ls = lambda Xs, h0, Wx, Wh, b: np.sum(lstm_fwd(Xs, h0, Wx, Wh, b)[0] * dh)
S = dict(Xs=Xs, h0=h0, Wx=Wx, Wh=Wh, b=b); cache = lstm_fwd(**S)[1]
for fix in (False, True):
    R = lstm_bwd(dh, cache, fix); msgs = []
    for nm, key in [('dx', 'Xs'), ('dh0', 'h0'), ('dWx', 'Wx'), ('dWh', 'Wh'), ('db', 'b')]:
        base = S[key]; g = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            p = base.copy(); p[idx] += 1e-6; m_ = base.copy(); m_[idx] -= 1e-6
            g[idx] = (Ls(**{**S, key: p}) - Ls(**{**S, key: m_})) / 2e-6
        msgs.append(f"{nm} {ok(np.max(np.abs(R[nm]-g)))}")
    print(("fixed row 114 " if fix else "author       ") + "lstm_backward rows 214-223: " + ", ".join(msgs))
