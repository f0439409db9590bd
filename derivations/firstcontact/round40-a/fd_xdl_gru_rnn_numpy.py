# Finite-difference check of the annotated lines of xdl_gru_rnn_numpy.md (numpy only, runs in a few seconds).
# Each annotated statement is taken verbatim from the .md, its right-hand side is evaluated with TRUE upstream
# values (from an independent reference forward pass + central differences), and compared with the true value
# of its left-hand side.  Row-vector / batch layout: x (N,D), h (N,H), x @ W.
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'xdl_gru_rnn_numpy.md'
lines = open(os.path.join(HERE, NAME), encoding='utf-8').read().split('\n')
exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

def stmt(n):
    s = lines[n - 1].strip()
    return s.split('  #')[0].strip()

# ---- Tools class rebuilt verbatim from the first two fences
src = '\n'.join(lines)
fences = [f.split('\n```', 1)[0] for f in src.split('```python\n')[1:]]
tools_ns = {'np': np}
exec('class Tools:\n' + fences[0] + '\n' + fences[1] + '\n', tools_ns)
Tools = tools_ns['Tools']

rng = np.random.RandomState(0)
N, D, H, T = 3, 4, 3, 3
EPS = 1e-6
sig = lambda v: 1.0 / (1.0 + np.exp(-v))

def fdiff(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        old = arr[idx]
        arr[idx] = old + EPS; fp = f()
        arr[idx] = old - EPS; fm = f()
        arr[idx] = old
        g[idx] = (fp - fm) / (2 * EPS)
    return g

def close(a, b):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-5, atol=1e-7)

results = {}
def record(n, ok):
    results[n] = results.get(n, True) and bool(ok)

# ---------------- helpers (lines 30, 37)
v = np.array([[-3.0, -0.5, 0.0], [0.7, 2.5, -8.0]])
record(30, close(Tools.sigmoid(v.copy()), sig(v)))
dsig_fd = (sig(v + EPS) - sig(v - EPS)) / (2 * EPS)
record(37, close(Tools.bp4sigmoid(sig(v)), dsig_fd))

# ---------------- vanilla RNN, one step
x = rng.randn(N, D); ph = rng.randn(N, H) * 0.8
Wx = rng.randn(D, H) * 0.6; Wh = rng.randn(H, H) * 0.6; b = rng.randn(H) * 0.3
G = rng.randn(N, H)
def rnn_step(inj=None):
    zz = x @ Wx + ph @ Wh + b
    if inj is not None: zz = zz + inj
    return np.tanh(zz)
zref = x @ Wx + ph @ Wh + b; href = np.tanh(zref)
L = lambda: np.sum(G * rnn_step())
inj = np.zeros((N, H)); g_z = fdiff(lambda: np.sum(G * rnn_step(inj)), inj)
truth = {'z': zref, 'next_h': href,
         'dtanh': (np.tanh(zref + EPS) - np.tanh(zref - EPS)) / (2 * EPS),
         'dz': g_z, 'dx': fdiff(L, x), 'dprev_h': fdiff(L, ph), 'dWx': fdiff(L, Wx), 'dWh': fdiff(L, Wh),
         'db': fdiff(L, b)}
ns = dict(np=np, Tools=Tools, x=x, prev_h=ph, Wx=Wx, Wh=Wh, b=b, dnext_h=G)
ns.update(truth)
for n in (135, 137, 139, 169, 170, 171, 172, 173, 174):
    lhs, rhs = stmt(n).split('=', 1)
    record(n, close(eval(rhs, ns), truth[lhs.strip()]))

# ---------------- vanilla RNN sequence (accumulation / dh + dprev_h lines 91, 93-95)
X = rng.randn(N, T, D); GS = rng.randn(N, T, H)
def rnn_seq(Wxs, Whs, bs, hinj=None):
    h = np.zeros((N, H)); out = []
    for t in range(T):
        h = np.tanh(X[:, t, :] @ Wxs[t] + h @ Whs[t] + bs[t])
        if hinj is not None: h = h + hinj[t]
        out.append(h)
    return np.sum(GS * np.stack(out, 1))
Wxs = [Wx.copy() for _ in range(T)]; Whs = [Wh.copy() for _ in range(T)]; bs = [b.copy() for _ in range(T)]
Ls = lambda: rnn_seq(Wxs, Whs, bs)
contrib = {'dWx': [fdiff(Ls, Wxs[t]) for t in range(T)], 'dWh': [fdiff(Ls, Whs[t]) for t in range(T)],
           'db': [fdiff(Ls, bs[t]) for t in range(T)]}
hinj = np.zeros((T, N, H)); g_h = fdiff(lambda: rnn_seq(Wxs, Whs, bs, hinj), hinj)   # total dL/dh_t
t = 1
arg = 'dh_prevl[:, t, :] + dprev_h_t'
assert arg in lines[91 - 1]
record(91, close(eval(arg, dict(dh_prevl=GS, t=t, dprev_h_t=g_h[t] - GS[:, t, :])), g_h[t]))
for n in (93, 94, 95):
    s = stmt(n); name = s.split('+=')[0].strip()
    loc = {name: contrib[name][2].copy(), name + '_t': contrib[name][1].copy()}
    exec(s, {}, loc)
    record(n, close(loc[name], contrib[name][1] + contrib[name][2]))

# ---------------- GRU, one step (xDLbase layout: z_hat = x Wzx + h Wzh + bz, columns [r | z])
Wzx = rng.randn(D, 2 * H) * 0.6; Wzh = rng.randn(H, 2 * H) * 0.6; bz = rng.randn(2 * H) * 0.3
Wax = rng.randn(D, H) * 0.6; War = rng.randn(H, H) * 0.6; ba = rng.randn(H) * 0.3
P = {k: np.zeros((N, H)) for k in ('zh1', 'zh2', 'r', 'z', 'u', 'a', 'th')}
C = {'xr': x.copy(), 'xz': x.copy(), 'xa': x.copy(), 'pr': ph.copy(), 'pz': ph.copy(), 'pa': ph.copy(), 'pd': ph.copy()}
def gru(ret=False):
    zh1 = C['xr'] @ Wzx[:, :H] + C['pr'] @ Wzh[:, :H] + bz[:H] + P['zh1']
    zh2 = C['xz'] @ Wzx[:, H:] + C['pz'] @ Wzh[:, H:] + bz[H:] + P['zh2']
    r = sig(zh1) + P['r']; z = sig(zh2) + P['z']
    u = r * C['pa'] + P['u']
    a = C['xa'] @ Wax + u @ War + ba + P['a']
    th = np.tanh(a) + P['th']
    h = C['pd'] * (1 - z) + z * th
    if ret: return dict(z_hat=np.hstack((zh1, zh2)), r=r, z=z, a=a, tanha=th, next_h=h)
    return np.sum(G * h)
F = gru(ret=True)
g = {k: fdiff(gru, P[k]) for k in P}
gc = {k: fdiff(gru, C[k]) for k in C}
# total input / state gradients: perturb all copies together
def gru_tot_x():
    for k in ('xr', 'xz', 'xa'): C[k] = xx.copy()
    return gru()
def gru_tot_h():
    for k in ('pr', 'pz', 'pa', 'pd'): C[k] = hh.copy()
    return gru()
xx = x.copy(); dx_tot = fdiff(gru_tot_x, xx)
for k in ('xr', 'xz', 'xa'): C[k] = x.copy()
hh = ph.copy(); dh_tot = fdiff(gru_tot_h, hh)
for k in ('pr', 'pz', 'pa', 'pd'): C[k] = ph.copy()
pg = {'dWzx': fdiff(gru, Wzx), 'dWzh': fdiff(gru, Wzh), 'dbz': fdiff(gru, bz),
      'dWax': fdiff(gru, Wax), 'dWar': fdiff(gru, War), 'dba': fdiff(gru, ba)}
base = dict(np=np, Tools=Tools, x=x, prev_h=ph, Wzx=Wzx, Wzh=Wzh, bz=bz, Wax=Wax, War=War, ba=ba, H=H, N=N, D=D,
            dh=G, dnext_h=G, z_hat=F['z_hat'], r=F['r'], z=F['z'], a=F['a'], tanha=F['tanha'], next_h=F['next_h'])
common = {'z_hat': F['z_hat'], 'r': F['r'], 'z': F['z'], 'a': F['a'], 'tanha': F['tanha'], 'next_h': F['next_h'],
          'da': g['a'], 'dh_prev_1': gc['pd'], 'dz': g['z'], 'dz_hat_2': g['zh2'], 'dhat_a': g['u'], 'd13': g['u'],
          'dr': g['r'], 'dx_1': gc['xa'], 'dh_prev_2': gc['pa'], 'dz_hat_1': g['zh1'],
          'dz_hat': np.hstack((g['zh1'], g['zh2'])), 'dprev_h': dh_tot, 'dx': dx_tot}
common.update(pg)
# main gru_step_backward: dx_2 / dh_prev_3 = reset-gate path, dx_3 / dh_prev_4 = update-gate path
main = dict(common, dx_2=gc['xr'], dh_prev_3=gc['pr'], dx_3=gc['xz'], dh_prev_4=gc['pz'])
# v0: dx_2 / dh_prev_3 are already the full gate path (both gates), so the 4th term must be zero
v0 = dict(common, dx_2=gc['xr'] + gc['xz'], dh_prev_3=gc['pr'] + gc['pz'], dx_3=np.zeros_like(x), dh_prev_4=np.zeros_like(ph))
def check(n, truthmap):
    lhs, rhs = stmt(n).split('=', 1)
    ns = dict(base); ns.update(truthmap)
    record(n, close(eval(rhs, ns), truthmap[lhs.strip()]))
for n in (284, 287, 288, 290, 292):
    check(n, common)
for n in (333, 335, 336, 338, 340, 341, 343, 344, 345, 347, 349, 350, 352, 353, 355, 356, 358, 359, 360, 362, 363, 365):
    check(n, main)
for n in (401, 403, 404, 405, 406, 408, 409, 410, 411, 412, 414, 416, 417, 418, 419, 420, 421, 423, 424, 425, 427, 428, 429):
    check(n, v0)

# ---------------- GRU sequence: argument dh_prevl[:, t, :] + dprev_h (line 232/233) and accumulations 235-241
def gru_seq(Ws, hinj=None):
    h = np.zeros((N, H)); out = []
    for t in range(T):
        Wzx_, Wzh_, bz_, Wax_, War_, ba_ = Ws[t]
        zh = X[:, t, :] @ Wzx_ + h @ Wzh_ + bz_
        r = sig(zh[:, :H]); z = sig(zh[:, H:])
        a = X[:, t, :] @ Wax_ + (r * h) @ War_ + ba_
        h = h * (1 - z) + z * np.tanh(a)
        if hinj is not None: h = h + hinj[t]
        out.append(h)
    return np.sum(GS * np.stack(out, 1))
Ws = [[w.copy() for w in (Wzx, Wzh, bz, Wax, War, ba)] for _ in range(T)]
names = ['dWzx', 'dWzh', 'dbz', 'dWax', 'dWar', 'dba']
gcontrib = {nm: [fdiff(lambda: gru_seq(Ws), Ws[t][i]) for t in range(T)] for i, nm in enumerate(names)}
hinj = np.zeros((T, N, H)); gh = fdiff(lambda: gru_seq(Ws, hinj), hinj)
arg = 'dh_prevl[:, t, :] + dprev_h'
assert arg in lines[233 - 1]
record(232, close(eval(arg, dict(dh_prevl=GS, t=1, dprev_h=gh[1] - GS[:, 1, :])), gh[1]))
for n in (235, 236, 237, 239, 240, 241):
    s = stmt(n); name = s.split('+=')[0].strip()
    loc = {name: gcontrib[name][2].copy(), name + '_t': gcontrib[name][1].copy()}
    exec(s, {}, loc)
    record(n, close(loc[name], gcontrib[name][1] + gcontrib[name][2]))

# ---------------- report
bad = 0
for k in sorted(exp, key=int):
    n = int(k)
    if n not in results:
        print(n, 'NOT CHECKED'); bad += 1; continue
    ok = results[n]
    agree = ok == (exp[k]['expected'] == 'pass')
    print(n, 'OK' if ok else 'MISMATCH', '(agrees with expected.json)' if agree else '(DISAGREES with expected.json)')
    bad += not agree
extra = set(results) - set(int(k) for k in exp)
if extra: print('checked but not annotated:', sorted(extra)); bad += 1
print('all verdicts agree' if bad == 0 else '%d problems' % bad)
