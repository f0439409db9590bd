"""FD check for gru_cell_na_nx.py (search-index file id 37944649390).
The stored file does not run (missing 'sigmoid' branch in __activation, __init_param vs
__init_params, m(), np.mutilply, by of shape (n_a,1)); here the forward is re-implemented
with the evidently intended logistic sigmoid and by of shape (n_x,1), and cell_backward's
formulas are copied as written (only the non-mathematical typos m() -> m and
np.mutilply -> np.multiply are repaired so that the lines can be evaluated).
Convention (the author's): columns are the m examples; dz_out = y - Y, i.e. the
activation gradients are d S / d(.) for S = sum over examples of the cross-entropy plus
the upstream term <da_next, a_next>; parameter gradients carry a factor 1/m, i.e. they
are (1/m) dS/dW (gradient of the batch mean)."""
import numpy as np
rng = np.random.default_rng(3)
n_a, n_x, m = 4, 3, 2
sig = lambda v: 1 / (1 + np.exp(-v))
def softmax0(X):
    return np.exp(X) / np.sum(np.exp(X), axis=0, keepdims=True)
p = dict(Waa=rng.normal(size=(n_a, n_a)), Wax=rng.normal(size=(n_a, n_x)), Wya=rng.normal(size=(n_x, n_a)),
         Wua=rng.normal(size=(n_a, n_a)), Wux=rng.normal(size=(n_a, n_x)), Wra=rng.normal(size=(n_a, n_a)),
         Wrx=rng.normal(size=(n_a, n_x)), br=rng.normal(size=(n_a, 1)), bu=rng.normal(size=(n_a, 1)),
         ba=rng.normal(size=(n_a, 1)), by=rng.normal(size=(n_x, 1)))
acti = 'tanh'
a_prev = rng.normal(size=(n_a, m)); xt = rng.normal(size=(n_x, m))
Y = np.eye(n_x)[:, rng.integers(0, n_x, size=m)]
da_next = rng.normal(size=(n_a, m))
pert = {}
def forward(a_prev, xt):
    zr = p['Wra'] @ a_prev + p['Wrx'] @ xt + p['br'] + pert.get('zr', 0)
    gr = sig(zr) + pert.get('gr', 0)
    zcc = p['Waa'] @ (gr * a_prev) + p['Wax'] @ xt + p['ba'] + pert.get('zcc', 0)
    cc = np.tanh(zcc) + pert.get('cc', 0)
    zu = p['Wua'] @ a_prev + p['Wux'] @ xt + p['bu'] + pert.get('zu', 0)
    gu = sig(zu) + pert.get('gu', 0)
    a_next = gu * cc + (1 - gu) * a_prev + pert.get('a', 0)
    z_out = p['Wya'] @ a_next + p['by'] + pert.get('zout', 0)
    return softmax0(z_out), [a_next, a_prev, gu, gr, cc, xt]
def S(a_prev=a_prev, xt=xt):
    y, cache = forward(a_prev, xt)
    return -np.sum(Y * np.log(y)) + np.sum(da_next * cache[0])
def fd_node(key, shape):
    E = np.zeros(shape); pert[key] = E; g = np.zeros(shape)
    for i in np.ndindex(shape):
        E[i] = 1e-6; a = S(); E[i] = -1e-6; b = S(); E[i] = 0; g[i] = (a - b) / 2e-6
    del pert[key]; return g
def fd_arr(A, f=S):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + 1e-6; a = f(); A[i] = o - 1e-6; b = f(); A[i] = o; g[i] = (a - b) / 2e-6
    return g
res = []
def report(line, name, a, b, expect_ok=None):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-8)
    res.append((line, ok, name.startswith('  ')))
    note = '' if np.shape(a) == np.shape(b) else f'  (shape {np.shape(a)} vs {np.shape(b)})'
    print(f"line {line:>3} {name:<52} {'AGREES' if ok else 'DIFFERS'}{note}")

y, cache = forward(a_prev, xt)
d_act = lambda X, f: {'tanh': 1 - X**2, 'relu': (X > 0), 'sigmoid': X * (1 - X)}[f]
# ---- author's cell_backward, lines 75-104, as written (m() -> m, mutilply -> multiply) ----
dz_out = y - Y                                                            # 76
da_out = np.matmul(p['Wya'].T, dz_out)                                    # 77
dWya = np.matmul(dz_out, cache[0].T) * (1/m)                              # 79
dby = np.sum(dz_out, axis=1, keepdims=True) * (1/m)                       # 80
da = da_next + da_out                                                     # 82
dgu = np.multiply(da, (cache[4] - cache[1]))                              # 83
dgcc = np.multiply(da, cache[2])                                          # 84
da_prev = np.multiply((1 - cache[2]), da)                                 # 85
dzgu = np.multiply(dgu, d_act(cache[2], 'sigmoid'))                       # 87
dWua = np.matmul(dzgu, cache[1].T) * (1/m)                                # 88
dWux = np.matmul(dzgu, cache[5].T) * (1/m)                                # 89
dbu = np.sum(dzgu, axis=0, keepdims=True) * (1/m)                         # 90
da_prev_91 = da_prev + np.matmul(p['Wua'].T, dzgu)                        # 91
dzgcc = np.multiply(dgcc, d_act(cache[4], acti))                          # 93
dWaa = np.matmul(dzgcc, np.multiply(cache[3], cache[4]).T) * (1/m)        # 94
dWax = np.matmul(dzgcc, cache[5].T) * (1/m)                               # 95
dba = np.sum(dzgcc, axis=0, keepdims=True) * (1/m)                        # 96
term97 = np.multiply(np.matmul(p['Waa'], dzgcc), cache[2])                # 97 (added to da_prev)
dgr = np.multiply(np.matmul(p['Waa'], dzgcc), cache[1])                   # 99
dzgr = np.multiply(dgr, d_act(cache[3], 'sigmoid'))                       # 100
dWra = np.matmul(dzgr, cache[1].T) * (1/m)                                # 101
dWrx = np.matmul(dzgr, cache[5].T) * (1/m)                                # 102
dbr = np.sum(dzgr, axis=0, keepdims=True) * (1/m)                         # 103
term104 = np.matmul(p['Wra'].T, dzgr)                                     # 104 (added to da_prev)
da_prev_final = da_prev_91 + term97 + term104

report(76, 'dz_out = dS/dz_out', dz_out, fd_node('zout', (n_x, m)))
report(77, 'da_out (+da_next, line 82) = dS/da_next', da, fd_node('a', (n_a, m)))
report(79, 'dWya = (1/m) dS/dWya', dWya, fd_arr(p['Wya']) / m)
report(80, 'dby = (1/m) dS/dby', dby, fd_arr(p['by']) / m)
report(83, 'dgu = dS/dgu', dgu, fd_node('gu', (n_a, m)))
report(84, 'dgcc = dS/dcc', dgcc, fd_node('cc', (n_a, m)))
report(87, 'dzgu = dS/dzu', dzgu, fd_node('zu', (n_a, m)))
report(88, 'dWua', dWua, fd_arr(p['Wua']) / m)
report(89, 'dWux', dWux, fd_arr(p['Wux']) / m)
report(90, 'dbu (sum over axis 0)', dbu, fd_arr(p['bu']) / m)
report(93, 'dzgcc = dS/dzcc', dzgcc, fd_node('zcc', (n_a, m)))
report(94, 'dWaa (uses gr*cc)', dWaa, fd_arr(p['Waa']) / m)
report(95, 'dWax', dWax, fd_arr(p['Wax']) / m)
report(96, 'dba (sum over axis 0)', dba, fd_arr(p['ba']) / m)
report(99, 'dgr (Waa, no transpose) vs dS/dgr', dgr, fd_node('gr', (n_a, m)))
dgr_true = fd_node('gr', (n_a, m))
report(100, 'dzgr with the TRUE dgr (local step)', np.multiply(dgr_true, d_act(cache[3], 'sigmoid')), fd_node('zr', (n_a, m)))
report(100, '  dzgr as computed (inherits line 99)', dzgr, fd_node('zr', (n_a, m)))
dzgr_true = fd_node('zr', (n_a, m))
report(101, 'dWra with the TRUE dzgr (local step)', np.matmul(dzgr_true, cache[1].T) * (1/m), fd_arr(p['Wra']) / m)
report(101, '  dWra as computed (inherits line 99)', dWra, fd_arr(p['Wra']) / m)
report(102, 'dWrx with the TRUE dzgr (local step)', np.matmul(dzgr_true, cache[5].T) * (1/m), fd_arr(p['Wrx']) / m)
report(102, '  dWrx as computed (inherits line 99)', dWrx, fd_arr(p['Wrx']) / m)
report(103, 'dbr (sum over axis 0)', dbr, fd_arr(p['br']) / m)
# da_prev: path by path.  True dS/da_prev through each path:
ga = fd_arr(a_prev, lambda: S(a_prev, xt))
# path contributions, computed analytically with correct formulas, to isolate each line
Waa = p['Waa']; gu, gr, cc = cache[2], cache[3], cache[4]
true97 = (Waa.T @ dzgcc) * gr
true104 = p['Wra'].T @ dzgr_true
report(85, 'da_prev init (1-gu)*da + line 91 + correct 97/104 terms', da_prev_91 + true97 + true104, ga)
report(97, 'da_prev term (Waa @ dzgcc)*gr vs (Waa.T @ dzgcc)*gr', term97, true97)
report(104, 'da_prev term Wra.T @ dzgr, with the TRUE dzgr (local)', np.matmul(p['Wra'].T, dzgr_true), true104)
report(104, '  da_prev as returned (all lines as written)', da_prev_final, ga)
print('\nrows whose own (local) formula is wrong:', sorted(set(l for l, o, inh in res if not o and not inh)))
print('rows that only inherit a wrong upstream value (local step correct):', sorted(set(l for l, o, inh in res if not o and inh) - set(l for l, o, inh in res if not o and not inh)))
