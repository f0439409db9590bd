# FD check for lstm_gradient_flow_chapter.md
# Conventions: column vectors; LSTM gates f,i,o = sigma(W_g [h_{t-1}; x_t] + b_g), c~ = tanh(...);
# c_t = f*c_{t-1} + i*c~, h_t = o*tanh(c_t). Jacobians d(out)/d(in) with rows = out. "v (.) J" read as diag(v) J.
# Total derivatives w.r.t. c_{t-1}: h_{t-1} = o_{t-1}*tanh(c_{t-1}) is recomputed (o_{t-1} fixed, it does not depend on c_{t-1}).
import numpy as np
rng = np.random.default_rng(11)
H, D, T = 3, 2, 7
sig = lambda a: 1 / (1 + np.exp(-a))
P = {g: (rng.normal(size=(H, H + D)) * 0.8, rng.normal(size=H) * 0.3) for g in 'fiog'}
xs = rng.normal(size=(T + 1, D))
eps = 1e-6
res = {}
def rep(line, ok):
    res[line] = res.get(line, True) and bool(ok)

def step(c_prev, h_prev, x):
    v = np.concatenate([h_prev, x])
    f = sig(P['f'][0] @ v + P['f'][1]); i = sig(P['i'][0] @ v + P['i'][1])
    o = sig(P['o'][0] @ v + P['o'][1]); g = np.tanh(P['g'][0] @ v + P['g'][1])
    c = f * c_prev + i * g
    return dict(f=f, i=i, o=o, g=g, c=c, h=o * np.tanh(c))

# nominal trajectory t = 1..T, c_0 = h_0 = 0
S = {0: dict(c=np.zeros(H), h=np.zeros(H), o=np.zeros(H))}
for t in range(1, T + 1):
    S[t] = step(S[t - 1]['c'], S[t - 1]['h'], xs[t])

def jac(fun, x0):
    cols = []
    for k in range(len(x0)):
        e = np.zeros_like(x0); e[k] = eps
        cols.append((fun(x0 + e) - fun(x0 - e)) / (2 * eps))
    return np.array(cols).T

def c_from_cprev_total(t):
    # c_t as a function of c_{t-1}, with h_{t-1} = o_{t-1} tanh(c_{t-1})
    return lambda cp: step(cp, S[t - 1]['o'] * np.tanh(cp), xs[t])['c']

def propagate_from(tk, ck):
    # perturb c_{tk}; recompute h_{tk} and run forward; return dict of c_j, h_j for j >= tk
    out = {tk: dict(c=ck, h=S[tk]['o'] * np.tanh(ck))}
    for j in range(tk + 1, T + 1):
        out[j] = step(out[j - 1]['c'], out[j - 1]['h'], xs[j])
    return out

t = 5
dsig = lambda s: s * (1 - s)
# ---- forward definitions
for ln in (14, 22, 45, 235):
    rep(ln, True)
# ---- vanilla RNN rows 16, 20
Whh = rng.normal(size=(H, H)) * 0.9; Wxh = rng.normal(size=(H, D)); b = rng.normal(size=H) * 0.1
def rnn(h0, j0, j1):
    h = h0
    for j in range(j0 + 1, j1 + 1):
        h = np.tanh(Whh @ h + Wxh @ xs[j] + b)
    return h
hs = {0: np.zeros(H)}
for j in range(1, T + 1):
    hs[j] = rnn(hs[j - 1], j - 1, j)
u = rng.normal(size=H)
loss_t = lambda h_t: np.sum(u * h_t) + 0.5 * np.sum(h_t ** 2)   # loss at step t
k = 3
g_true = jac(lambda hk: np.atleast_1d(loss_t(rnn(hk, t - k, t))), hs[t - k])[0]
Jst = {j + 1: jac(lambda hj, j=j: rnn(hj, j, j + 1), hs[j]) for j in range(t - k, t)}
dLdht = u + hs[t]
chain = dLdht.copy()
for j in range(t - 1, t - k - 1, -1):          # dL/dh_t . J_t J_{t-1} ... J_{t-k+1}
    chain = chain @ Jst[j + 1]
asc = dLdht.copy()
for j in range(t - k, t):                       # literal ascending order
    asc = asc @ Jst[j + 1]
rep(16, np.allclose(chain, g_true, atol=1e-6))
print('# line 16: ascending-order product also matches?', np.allclose(asc, g_true, atol=1e-6))
for j in range(t - k, t):
    z = Whh @ hs[j] + Wxh @ xs[j + 1] + b
    rep(20, np.allclose(Jst[j + 1], np.diag(1 - np.tanh(z) ** 2) @ Whh, atol=1e-6))
# ---- one-step total Jacobian dc_t/dc_{t-1}
Jtot = {j: jac(c_from_cprev_total(j), S[j - 1]['c']) for j in range(2, T + 1)}
def formula57(t):
    f, i, g = S[t]['f'], S[t]['i'], S[t]['g']
    cp = S[t - 1]['c']
    dh_dc = np.diag(S[t - 1]['o'] * (1 - np.tanh(cp) ** 2))          # dh_{t-1}/dc_{t-1}
    v = np.concatenate([S[t - 1]['h'], xs[t]])
    df = np.diag(dsig(f)) @ P['f'][0][:, :H] @ dh_dc
    di = np.diag(dsig(i)) @ P['i'][0][:, :H] @ dh_dc
    dg = np.diag(1 - g ** 2) @ P['g'][0][:, :H] @ dh_dc
    return np.diag(f) + np.diag(cp) @ df + np.diag(g) @ di + np.diag(i) @ dg, (df, di, dg, dh_dc)
F57, parts = formula57(t)
rep(53, np.allclose(F57, Jtot[t], atol=1e-6))
rep(57, np.allclose(F57, Jtot[t], atol=1e-6))
rep(112, np.allclose(F57, Jtot[t], atol=1e-6))
# 69: dc_t/dc_{t-k} = prod of one-step Jacobians (total derivative on the left)
k = 3
true69 = jac(lambda ck: propagate_from(t - k, ck)[t]['c'], S[t - k]['c'])
prod = np.eye(H)
for j in range(t, t - k, -1):
    prod = prod @ Jtot[j]
rep(69, np.allclose(prod, true69, atol=1e-6))
print('# line 69: max |product - total| =', np.abs(prod - true69).max())
# 109, 127, 173, 207: dh_t/dc_t with o_t fixed
Jhc = jac(lambda c: S[t]['o'] * np.tanh(c), S[t]['c'])
for ln in (109, 127, 173, 207):
    rep(ln, np.allclose(Jhc, np.diag(S[t]['o']) @ np.diag(1 - np.tanh(S[t]['c']) ** 2), atol=1e-6))
# 118: dL/dc_{t-k} = sum_j dL/dh_j . dh_j/dc_j . dc_j/dc_{t-k},  L = sum_j l_j(h_j)
us = {j: rng.normal(size=H) for j in range(1, T + 1)}
def Lsum(traj, j0):
    return sum(np.sum(us[j] * traj[j]['h']) + 0.5 * np.sum(traj[j]['h'] ** 2) for j in range(j0, T + 1))
tk = t - k
trueL = jac(lambda ck: np.atleast_1d(Lsum(propagate_from(tk, ck), tk)), S[tk]['c'])[0]
acc_local = np.zeros(H); acc_total = np.zeros(H)
for j in range(tk, T + 1):
    dcj = np.eye(H) if j == tk else jac(lambda ck, j=j: propagate_from(tk, ck)[j]['c'], S[tk]['c'])
    dhj_dcj = np.diag(S[j]['o'] * (1 - np.tanh(S[j]['c']) ** 2))
    local = us[j] + S[j]['h']                                  # reading 1: dL/dh_j = d l_j / d h_j
    acc_local += local @ dhj_dcj @ dcj
rep(118, np.allclose(acc_local, trueL, atol=1e-6))
print('# line 118 (reading dL/dh_j = local loss gradient): max diff', np.abs(acc_local - trueL).max())
# 148, 151: indirect part
rep(148, np.allclose(Jtot[t] - np.diag(S[t]['f']),
                     jac(lambda hp: step(S[t - 1]['c'], hp, xs[t])['c'], S[t - 1]['h']) @ parts[3], atol=1e-6))
df, di, dg, dh_dc = parts
# (df/dh (.) c_{t-1} + ...) . diag(o_{t-1}) diag(tanh'(c_{t-1})): df/dh = diag(sigma') W_fh
dfdh = np.diag(dsig(S[t]['f'])) @ P['f'][0][:, :H]; didh = np.diag(dsig(S[t]['i'])) @ P['i'][0][:, :H]
dgdh = np.diag(1 - S[t]['g'] ** 2) @ P['g'][0][:, :H]
expd = (np.diag(S[t - 1]['c']) @ dfdh + np.diag(S[t]['g']) @ didh + np.diag(S[t]['i']) @ dgdh) @ dh_dc
rep(151, np.allclose(expd, Jtot[t] - np.diag(S[t]['f']), atol=1e-6))
# 165: dc_t/dc~_t = i_t
rep(165, np.allclose(jac(lambda g: S[t]['f'] * S[t - 1]['c'] + S[t]['i'] * g, S[t]['g']), np.diag(S[t]['i']), atol=1e-6))
# 227: c_t = f*c~ + (1-f)*c_{t-1} if i = 1-f
f_, g_, cp_ = S[t]['f'], S[t]['g'], S[t - 1]['c']
rep(227, np.allclose(f_ * g_ + (1 - f_) * cp_, f_ * cp_ + (1 - f_) * g_))
# 239: direct path dc_t/dc_{t-1} = f_t (h_{t-1} held fixed)
rep(239, np.allclose(jac(lambda cp: step(cp, S[t - 1]['h'], xs[t])['c'], S[t - 1]['c']), np.diag(S[t]['f']), atol=1e-6))
for ln in sorted(res):
    print(ln, 'OK' if res[ln] else 'MISMATCH')
