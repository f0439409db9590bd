# Finite-difference check of the annotated lines of mygrad_gru_layer.md (numpy only; numba and the mygrad base
# classes are replaced by small stubs so the verbatim fence can be executed).  Runs in a few seconds.
# Row/batch layout: X (T,N,C), s (T+1,N,D), X Uz + S Wz.  Loss used for checking: L = sum(G * out), out = s_0..s_T.
import json, os, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'mygrad_gru_layer.md'
lines = open(os.path.join(HERE, NAME), encoding='utf-8').read().split('\n')
exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
fence = '\n'.join(lines).split('```python\n')[1].split('\n```')[0]

# ---- stubs for numba and mygrad internals
numba = types.ModuleType('numba')
numba.njit = lambda f: f
numba.vectorize = lambda *a, **k: (lambda f: f)
sys.modules['numba'] = numba
class SkipGradient(Exception): pass
class Operation:
    def backward(self, grad, **kw): pass
class Tensor:
    def __init__(self, data, constant=False):
        self.data = np.asarray(data, float); self.constant = constant; self._grad = None
    @property
    def dtype(self): return self.data.dtype
    @property
    def shape(self): return self.data.shape
    def __len__(self): return len(self.data)
for modname, attrs in (('mygrad', {}), ('mygrad._utils', {'SkipGradient': SkipGradient}),
                       ('mygrad.operation_base', {'Operation': Operation}), ('mygrad.tensor_base', {'Tensor': Tensor})):
    m = types.ModuleType(modname); m.__dict__.update(attrs); sys.modules[modname] = m
M = {}
exec(fence, M)

rng = np.random.RandomState(3)
T, N, C, D = 4, 2, 3, 3
EPS = 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))
def fdiff(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        old = arr[idx]; arr[idx] = old + EPS; fp = f(); arr[idx] = old - EPS; fm = f(); arr[idx] = old
        g[idx] = (fp - fm) / (2 * EPS)
    return g
def close(a, b): return np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-5, atol=1e-7)
results = {}
def record(n, ok): results[n] = results.get(n, True) and bool(ok)

X = rng.randn(T, N, C)
prm = {k: rng.randn(*sh) * 0.7 for k, sh in (('Uz', (C, D)), ('Wz', (D, D)), ('bz', (D,)), ('Ur', (C, D)), ('Wr', (D, D)),
                                             ('br', (D,)), ('Uh', (C, D)), ('Wh', (D, D)), ('bh', (D,)))}
G = rng.randn(T + 1, N, D)

def ref_forward(P, Xd, masks=None, s_start=None, t0=0, t1=T):
    """independent GRU: Z=sig(X Uz*mUz + S Wz*mWz + bz), R likewise, H=tanh(X Uh*mUh + (R*S) Wh*mWh + bh), S'=(1-Z)H+ZS"""
    mUz = mUr = mUh = 1.0; mWz = mWr = mWh = 1.0
    if masks is not None: mUz, mUr, mUh, mWz, mWr, mWh = masks
    s = np.zeros((N, D)) if s_start is None else s_start
    out = [s]
    for t in range(t0, t1):
        x = Xd[t]
        z = sig((x @ P['Uz']) * mUz + s @ (P['Wz'] * mWz) + P['bz'])
        r = sig((x @ P['Ur']) * mUr + s @ (P['Wr'] * mWr) + P['br'])
        h = np.tanh((x @ P['Uh']) * mUh + (r * s) @ (P['Wh'] * mWh) + P['bh'])
        s = (1 - z) * h + z * s
        out.append(s)
    return np.stack(out)

def run_module(dropout=0.0, bp_lim=None, seed=0):
    np.random.seed(seed)
    op = M['GRUnit']()
    Xt = Tensor(X.copy()); Ps = {k: Tensor(v.copy()) for k, v in prm.items()}
    out = op(Xt, Ps['Uz'], Ps['Wz'], Ps['bz'], Ps['Ur'], Ps['Wr'], Ps['br'], Ps['Uh'], Ps['Wh'], Ps['bh'],
             bp_lim=bp_lim, dropout=dropout)
    hs = Tensor(out.copy()); op._hidden_seq = lambda: hs
    masks = None
    if dropout:
        masks = (op._dropUz[0], op._dropUr[0], op._dropUh[0], op._dropWz, op._dropWr, op._dropWh)
    op.backward(G.copy())
    grads = {k: v._grad for k, v in Ps.items()}; grads['X'] = Xt._grad; grads['s'] = hs._grad
    return out, grads, masks

def fd_grads(masks=None, bp_lim=None):
    P = {k: v.copy() for k, v in prm.items()}; Xd = X.copy()
    if bp_lim is None or bp_lim >= T - 1:
        L = lambda: np.sum(G * ref_forward(P, Xd, masks))
    else:
        base = ref_forward(prm, X, masks)          # fixed (unperturbed) states for truncation
        def L():
            tot = 0.0
            for t in range(1, T + 1):              # loss term G_t * s_t back-propagates bp_lim+1 steps
                t0 = max(0, t - 1 - bp_lim)
                seq = ref_forward(P, Xd, masks, s_start=base[t0].copy(), t0=t0, t1=t)
                tot += np.sum(G[t] * seq[-1])
            return tot
    g = {k: fdiff(L, P[k]) for k in P}; g['X'] = fdiff(L, Xd)
    return g

# ---- helpers 31/42/53/62
v = np.array([[-2.0, -0.3, 0.0], [0.4, 1.7, 3.0]])
record(31, close(M['sig'](v), sig(v)))
record(42, close(M['d_sig'](sig(v)), (sig(v + EPS) - sig(v - EPS)) / (2 * EPS)))
record(53, close(M['d_tanh'](np.tanh(v)), (np.tanh(v + EPS) - np.tanh(v - EPS)) / (2 * EPS)))
A3 = rng.randn(2, 3, 4); B2 = rng.randn(4, 5)
record(62, close(M['dot'](A3, B2), np.einsum('ijk,kl->ijl', A3, B2)))

# ---- run 1: no dropout, full BPTT
out, gr, _ = run_module()
ref = ref_forward(prm, X)
fwd_ok = close(out, ref)
for n in (69, 70, 71, 89, 90, 92, 93, 95, 96, 98, 104, 105, 106, 107, 224, 225, 226, 253, 254, 255):
    record(n, fwd_ok)
fd = fd_grads()
sinj = np.zeros((T + 1, N, D))
def L_s():
    P = prm; s = np.zeros((N, D)); tot = np.sum(G[0] * s)
    for t in range(T):
        x = X[t]; s = s + sinj[t]
        z = sig(x @ P['Uz'] + s @ P['Wz'] + P['bz']); r = sig(x @ P['Ur'] + s @ P['Wr'] + P['br'])
        h = np.tanh(x @ P['Uh'] + (r * s) @ P['Wh'] + P['bh']); s = (1 - z) * h + z * s
        tot += np.sum(G[t + 1] * s)
    return tot
# total dL/ds_t for t=1..T: inject after the state is formed (perturb s_t as input of step t+1 plus its own output term)
ds_true = np.zeros((T, N, D))
for t in range(1, T + 1):
    def Lt(t=t):
        return L_s()
    # derivative wrt s_t = derivative of everything downstream of s_t, including G_t*s_t
    pert = np.zeros((N, D))
    def L_pert():
        P = prm; s = np.zeros((N, D)); tot = np.sum(G[0] * s)
        for k in range(T):
            x = X[k]
            z = sig(x @ P['Uz'] + s @ P['Wz'] + P['bz']); r = sig(x @ P['Ur'] + s @ P['Wr'] + P['br'])
            h = np.tanh(x @ P['Uh'] + (r * s) @ P['Wh'] + P['bh']); s = (1 - z) * h + z * s
            if k + 1 == t: s = s + pert
            tot += np.sum(G[k + 1] * s)
        return tot
    ds_true[t - 1] = fdiff(L_pert, pert)
ok1 = all(close(gr[k], fd[k]) for k in fd) and close(gr['s'], ds_true)
for n in (117, 119, 120, 121, 122, 146, 148, 169, 278, 280, 291, 292, 311, 312, 313, 318, 321, 329, 336,
          344, 347, 353, 362, 370, 373, 381, 390, 399, 401, 404, 405):
    record(n, ok1)

# ---- local checks of _gru_dLds (lines 117-122) with path-specific truths for one step t -> t-1
t = 2                                                # step producing s_{t+1} from s_t (0-based arrays)
S = ref; s_t = S[t].copy(); x = X[t]; P = prm
dLds_next = ds_true[t]                               # total dL/ds_{t+1}
copies = {k: s_t.copy() for k in ('d', 'z', 'r', 'a')}
def step_L():
    z = sig(x @ P['Uz'] + copies['z'] @ P['Wz'] + P['bz']); r = sig(x @ P['Ur'] + copies['r'] @ P['Wr'] + P['br'])
    h = np.tanh(x @ P['Uh'] + (r * copies['a']) @ P['Wh'] + P['bh'])
    return np.sum(dLds_next * ((1 - z) * h + z * copies['d']))
pg = {k: fdiff(step_L, copies[k]) for k in copies}
z_ = sig(x @ P['Uz'] + s_t @ P['Wz'] + P['bz']); r_ = sig(x @ P['Ur'] + s_t @ P['Wr'] + P['br'])
h_ = np.tanh(x @ P['Uh'] + (r_ * s_t) @ P['Wh'] + P['bh'])
u = r_ * s_t
def uL():
    return np.sum(dLds_next * ((1 - z_) * np.tanh(x @ P['Uh'] + uu @ P['Wh'] + P['bh']) + z_ * s_t))
uu = u.copy(); g_u = fdiff(uL, uu)
ns = dict(np=np, dot=M['dot'], s=s_t, z=z_, r=r_, dLds=dLds_next, Wz=P['Wz'].T, Wh=P['Wh'].T, Wr=P['Wr'].T,
          dz=z_ * (1 - z_), dh=1 - h_ ** 2, dr=r_ * (1 - r_), s_h=s_t - h_, one_z=1 - z_)
def st(n): return lines[n - 1].strip()
record(117, close(eval(st(117).split('=', 1)[1], ns), g_u))
ns['dLdh'] = g_u
acc = eval(st(119).split('=', 1)[1], ns); record(119, close(acc, pg['d']))
ns['out'] = pg['d'].copy(); exec(st(120), ns); record(120, close(ns['out'], pg['d'] + pg['z']))
ns['out'] = pg['d'] + pg['z']; exec(st(121), ns); record(121, close(ns['out'], pg['d'] + pg['z'] + pg['a']))
ns['out'] = pg['d'] + pg['z'] + pg['a']; exec(st(122), ns); record(122, close(ns['out'], pg['d'] + pg['z'] + pg['a'] + pg['r']))

# ---- line 112 (docstring decomposition, stated with z(t), h(t), r(t)): under the docstring's own equations
# Z_t, R_t, H_t depend on S_{t-1}, not S_t, and S_{t+1} does not contain Z_t, H_t, R_t, so every chain term with
# index t vanishes and the sum reduces to the direct term  dL/ds(t+1) * Z_{t+1};  it must equal the true dL/ds(t)
# contribution through s(t+1) (which also needs the Z_{t+1}, H_{t+1}, R_{t+1} paths).
as_written = dLds_next * z_                          # only surviving term
record(112, close(as_written, pg['d'] + pg['z'] + pg['a'] + pg['r']))

# ---- run 2: dropout (masks read back from the op)
out2, gr2, masks = run_module(dropout=0.4, seed=5)
record_fwd2 = close(out2, ref_forward(prm, X, masks))
fd2 = fd_grads(masks)
ok2 = record_fwd2 and all(close(gr2[k], fd2[k]) for k in fd2)
for n in (238, 239, 240, 242, 243, 244, 283, 284, 285, 323, 333, 349, 359, 375, 387, 409, 413, 414):
    record(n, ok2)

# ---- run 3: truncated BPTT (bp_lim=1 < T-1)
out3, gr3, _ = run_module(bp_lim=1)
fd3 = fd_grads(bp_lim=1)
ok3 = all(close(gr3[k], fd3[k]) for k in fd3)
record(141, ok3); record(148, ok3)

bad = 0
for k in sorted(exp, key=int):
    n = int(k)
    if n not in results: print(n, 'NOT CHECKED'); bad += 1; continue
    ok = results[n]; agree = ok == (exp[k]['expected'] == 'pass')
    print(n, 'OK' if ok else 'MISMATCH', '(agrees with expected.json)' if agree else '(DISAGREES with expected.json)')
    bad += not agree
extra = set(results) - set(int(k) for k in exp)
if extra: print('checked but not annotated:', sorted(extra)); bad += 1
print('all verdicts agree' if bad == 0 else '%d problems' % bad)
