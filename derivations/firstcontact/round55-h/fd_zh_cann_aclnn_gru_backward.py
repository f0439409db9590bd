"""Finite-difference check of zh_cann_aclnn_gru_backward.md (CANN aclnnGRUBackward doc).
Column layout: x_t (D,B), h_t (H,B); W_ih (3H,D), W_hh (3H,H) stacked in the block order the doc's
dlin lines use: [z; r; n]; b_ih, b_hh (3H,1). Forward exactly as the doc's lines 8-11 (PyTorch-style
n_t = tanh(W_in x + b_in + r*(W_hn h + b_hn)), h_t = (1-z) n + z h_{t-1}).
Loss L = sum_t sum(C_t * tanh(h_t)); dy_t = dL_t/dh_t (direct part)."""
import sys
import numpy as np

rng = np.random.default_rng(3)
D, H, B, T = 2, 3, 2, 4
Wih = rng.normal(0, .6, (3 * H, D)); Whh = rng.normal(0, .6, (3 * H, H))
bih = rng.normal(0, .3, (3 * H, 1)); bhh = rng.normal(0, .3, (3 * H, 1))
X = [rng.normal(0, 1, (D, B)) for _ in range(T)]
h0 = rng.normal(0, .5, (H, B))
C = [rng.normal(0, 1, (H, B)) for _ in range(T)]
sig = lambda a: 1 / (1 + np.exp(-a))
Z, R, N = slice(0, H), slice(H, 2 * H), slice(2 * H, 3 * H)


def forward(P=None, Wih=Wih, Whh=Whh, bih=bih, bhh=bhh, X=X):
    P = P or {}
    h = h0.copy(); L = 0.0; cache = []
    for t in range(T):
        hp = h + P.get(('hprev_use', t), 0)
        x = X[t] + P.get(('x', t), 0)
        lin_ih = Wih @ x + bih + P.get(('lin_ih', t), 0)
        lin_hh = Whh @ hp + bhh + P.get(('lin_hh', t), 0)
        z = sig(lin_ih[Z] + lin_hh[Z]); r = sig(lin_ih[R] + lin_hh[R])
        n = np.tanh(lin_ih[N] + r * lin_hh[N])
        h = (1 - z) * n + z * hp
        h = h + P.get(('h', t), 0)
        L += np.sum(C[t] * np.tanh(h))
        cache.append(dict(x=x, hp=hp, z=z, r=r, n=n, h=h, lin_hh=lin_hh))
    return L, cache


def fd(key, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        g[idx] = (forward({key: E})[0] - forward({key: -E})[0]) / (2 * eps)
    return g


def fd_param(name, eps=1e-6):
    base = dict(Wih=Wih, Whh=Whh, bih=bih, bhh=bhh)
    A = base[name]; g = np.zeros_like(A)
    for idx in np.ndindex(*A.shape):
        Ap = A.copy(); Ap[idx] += eps; Am = A.copy(); Am[idx] -= eps
        g[idx] = (forward(**{**base, name: Ap})[0] - forward(**{**base, name: Am})[0]) / (2 * eps)
    return g


L0, cache = forward()
dh_total = [fd(('h', t), (H, B)) for t in range(T)]
dy = [C[t] * (1 - np.tanh(cache[t]['h']) ** 2) for t in range(T)]
results = []


def check(line, expected, ok, note=''):
    got = 'pass' if ok else 'fail'
    results.append(got == expected)
    print(f"line {line}: expected {expected}, numeric {got}  {note}")


for line in (8, 9, 10, 11):
    print(f"line {line}: expected pass, numeric (definition of the forward used above; not a derivative)")
    results.append(True)

t = 1
c = cache[t]; dh_t = dh_total[t]
# line 13: dh_t = dy_t + dh_next, dh_next = gradient arriving from step t+1 (h_t used as h_prev there)
dh_next = fd(('hprev_use', t + 1), (H, B))
check(13, 'pass', np.allclose(dy[t] + dh_next, dh_t, atol=1e-6))
dlin_ih_fd = fd(('lin_ih', t), (3 * H, B)); dlin_hh_fd = fd(('lin_hh', t), (3 * H, B))
htil = c['n']
dz = dh_t * (c['hp'] - htil) * c['z'] * (1 - c['z'])                       # line 14
check(14, 'pass', np.allclose(dz, dlin_ih_fd[Z], atol=1e-6), '(pre-activation gradient of z)')
dn = dh_t * (1 - c['z']) * (1 - htil ** 2)                                # line 15
check(15, 'pass', np.allclose(dn, dlin_ih_fd[N], atol=1e-6), '(pre-activation gradient of n)')
dr = dn * c['lin_hh'][2 * H:3 * H] * c['r'] * (1 - c['r'])               # line 16
check(16, 'pass', np.allclose(dr, dlin_ih_fd[R], atol=1e-6))
dlin_ih = np.vstack([dz, dr, dn]); dlin_hh = np.vstack([dz, dr, dn * c['r']])   # line 18
check(18, 'pass', np.allclose(dlin_ih, dlin_ih_fd, atol=1e-6) and np.allclose(dlin_hh, dlin_hh_fd, atol=1e-6))
dx = Wih.T @ dlin_ih                                                      # line 19
check(19, 'pass', np.allclose(dx, fd(('x', t), (D, B)), atol=1e-6))
dh_prev = Whh.T @ dlin_hh + dh_t * c['z']                                 # line 20
check(20, 'pass', np.allclose(dh_prev, fd(('hprev_use', t), (H, B)), atol=1e-6),
      '(vs dL/dh_{t-1} through step t)')
# lines 22-23: accumulate over all steps with the doc's formulas
dWih = np.zeros_like(Wih); dWhh = np.zeros_like(Whh); dbih = np.zeros_like(bih); dbhh = np.zeros_like(bhh)
for s in range(T):
    cs = cache[s]; g = dh_total[s]
    dz_s = g * (cs['hp'] - cs['n']) * cs['z'] * (1 - cs['z'])
    dn_s = g * (1 - cs['z']) * (1 - cs['n'] ** 2)
    dr_s = dn_s * cs['lin_hh'][2 * H:] * cs['r'] * (1 - cs['r'])
    li = np.vstack([dz_s, dr_s, dn_s]); lh = np.vstack([dz_s, dr_s, dn_s * cs['r']])
    dWih += li @ cs['x'].T; dWhh += lh @ cs['hp'].T
    dbih += li.sum(axis=1, keepdims=True); dbhh += lh.sum(axis=1, keepdims=True)
check(22, 'pass', np.allclose(dWih, fd_param('Wih'), atol=1e-5) and np.allclose(dWhh, fd_param('Whh'), atol=1e-5))
check(23, 'pass', np.allclose(dbih, fd_param('bih'), atol=1e-5) and np.allclose(dbhh, fd_param('bhh'), atol=1e-5))
sys.exit(0 if all(results) else 1)
