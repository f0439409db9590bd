"""Finite-difference check of wolter_numpy_cells_gru_elman.md (numpy only).

The author's code fences are exec'd verbatim.  An independent forward pass (written here from the
author's conventions: column vectors with a leading batch axis, x [B, D, 1], h [B, H, 1]) with
injection points for additive perturbations gives central-difference adjoints of every intermediate
quantity and of every weight.  The loss used for the cell checks is L = sum_t sum(G_t * y_t), so that
deltay_t = G_t exactly.  For each annotated line the script prints OK (the author's expression equals
the finite-difference value) or MISMATCH, and compares with expected.json.
"""
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'wolter_numpy_cells_gru_elman.md')
NAME = os.path.basename(MD)

text = open(MD).read()
fences = re.findall(r"```python\n(.*?)```", text, flags=re.S)
ns = {}
exec(compile('\n'.join(fences), NAME, 'exec'), ns)
Tanh, Sigmoid, ReLu = ns['Tanh'], ns['Sigmoid'], ns['ReLu']
MSELoss, CrossEntropyCost = ns['MSELoss'], ns['CrossEntropyCost']
BasicCell, GRU = ns['BasicCell'], ns['GRU']

rng = np.random.default_rng(0)
EPS = 1e-6
results = {}


def close(a, b, tol=1e-6):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = max(1e-8, np.max(np.abs(b)), np.max(np.abs(a)))
    return np.max(np.abs(a - b)) / scale < tol


def record(line, ok):
    results[line] = results.get(line, True) and bool(ok)


def num_grad(f, x):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + EPS
        fp = f()
        x[i] = old - EPS
        fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * EPS)
    return g


# ---------------------------------------------------------------- helpers (lines 20-77)
sig = lambda v: 1.0 / (1.0 + np.exp(-v))
z = rng.normal(size=(3, 2, 1))
lab = (rng.uniform(size=z.shape) > 0.5).astype(float)
ce = CrossEntropyCost()
# line 20: the loss definition (mean binary cross-entropy)
ref = np.mean(-lab * np.log(sig(z) + 1e-8) - (1 - lab) * np.log(1 - sig(z) + 1e-8))
record(20, close(ce.forward(lab, sig(z)), ref))
# line 25: backward w.r.t. the logit ("assuming a sigmoidal network output")
g_fd = num_grad(lambda: ce.forward(lab, sig(z)), z)
record(25, close(ce.backward(lab, sig(z)), g_fd, tol=1e-5))

mse = MSELoss()
out = rng.normal(size=(3, 2, 1))
lab2 = rng.normal(size=out.shape)
record(31, close(out - lab2, out - lab2))            # diff definition (trivial)
record(32, close(mse.forward(lab2, out), np.mean((out - lab2) ** 2)))
g_fd = num_grad(lambda: mse.forward(lab2, out), out)
record(35, close(mse.backward(lab2, out), g_fd, tol=1e-5))

xa = rng.normal(size=(4, 5, 1))
xa[np.abs(xa) < 0.05] = 0.3  # keep away from the ReLU kink
relu = ReLu()
record(41, close(relu.forward(xa.copy()), np.maximum(xa, 0)))
dl = rng.normal(size=xa.shape)
fd_relu = num_grad(lambda: np.sum(dl * np.maximum(xa, 0)), xa)
record(45, close(relu.backward(xa.copy(), dl.copy()), fd_relu, tol=1e-5))

sg = Sigmoid()
record(54, close(sg.sigmoid(xa), sig(xa)))
fd_s = num_grad(lambda: np.sum(dl * sig(xa)), xa)
record(62, close(sg.backward(xa, dl), fd_s, tol=1e-5))
fd_s1 = num_grad(lambda: np.sum(sig(xa)), xa)
record(65, close(sg.prime(xa), fd_s1, tol=1e-5))

th = Tanh()
record(71, close(th.forward(xa), np.tanh(xa)))
fd_t = num_grad(lambda: np.sum(dl * np.tanh(xa)), xa)
record(74, close(th.backward(xa, dl), fd_t, tol=1e-5))
fd_t1 = num_grad(lambda: np.sum(np.tanh(xa)), xa)
record(77, close(th.prime(xa), fd_t1, tol=1e-5))

# ---------------------------------------------------------------- BasicCell (lines 136-176)
B, D, H, O, T = 2, 3, 4, 2, 5
X = rng.normal(size=(T, B, D, 1))
G = rng.normal(size=(T, B, O, 1))

cell = BasicCell(hidden_size=H, input_size=D, output_size=O, activation=Tanh())
P = {k: rng.normal(scale=0.6, size=v.shape) for k, v in cell.weights.items()}
cell.weights = P


def basic_forward(pert=None):
    """Independent forward.  pert = (kind, t, index, eps) adds eps to one entry of
    'hbar' (pre-activation at step t), 'hin' (h_{t-1} as it enters step t only) or
    'hy' (h_t as it enters y_t only)."""
    h = np.zeros((B, H, 1))
    L = 0.0
    for t in range(T):
        hin = h.copy()
        if pert and pert[0] == 'hin' and pert[1] == t:
            hin[pert[2]] += pert[3]
        hbar = P['Whh'] @ hin + P['Wxh'] @ X[t] + P['bh']
        if pert and pert[0] == 'hbar' and pert[1] == t:
            hbar = hbar.copy()
            hbar[pert[2]] += pert[3]
        h = np.tanh(hbar)
        hy = h.copy()
        if pert and pert[0] == 'hy' and pert[1] == t:
            hy[pert[2]] += pert[3]
        y = P['Why'] @ hy + P['by']
        L += np.sum(G[t] * y)
    return L


def adjoint(fwd, kind, t, shape):
    g = np.zeros(shape)
    for i in np.ndindex(*shape):
        g[i] = (fwd((kind, t, i, EPS)) - fwd((kind, t, i, -EPS))) / (2 * EPS)
    return g


# author's forward
fd0 = cell.zero_forward_dict(B)
fd_lst = []
fd = fd0
ok_h, ok_y, ok_hbar = True, True, True
h_ref = np.zeros((B, H, 1))
for t in range(T):
    fd = cell.forward(x=X[t], h=fd['h'])
    fd_lst.append(fd)
    hbar_ref = P['Whh'] @ h_ref + P['Wxh'] @ X[t] + P['bh']
    h_ref = np.tanh(hbar_ref)
    y_ref = P['Why'] @ h_ref + P['by']
    ok_hbar &= close(fd['hbar'], hbar_ref)
    ok_h &= close(fd['h'], h_ref)
    ok_y &= close(fd['y'], y_ref)
record(136, ok_hbar)
record(139, ok_h)
record(140, ok_y)

# author's backward loop (as in src/numpy/train_memory.py)
fd_lst.append(fd0)
gd = cell.zero_gradient_dict(B)
gds = {}
for t in reversed(range(T)):
    gd = cell.backward(deltay=G[t], fd=fd_lst[t], next_fd=fd_lst[t + 1],
                       prev_fd=fd_lst[t - 1], next_gd=gd)
    gds[t] = gd

# per-step adjoints
ok164 = ok169 = ok176 = True
Why = P['Why']
for t in range(T):
    dydh_author = np.matmul(np.transpose(Why, [0, 2, 1]), G[t])
    ok164 &= close(dydh_author, adjoint(basic_forward, 'hy', t, (B, H, 1)))
    # the delta of step t is dL/dhbar_t
    a_delta = gds[t]['dbh']  # the author's dbh = delta
    ok169 &= close(a_delta, adjoint(basic_forward, 'hbar', t, (B, H, 1)))
    ok176 &= close(gds[t]['deltah'], adjoint(basic_forward, 'hin', t, (B, H, 1)))
record(164, ok164)
record(169, ok169)
record(176, ok176)


def weight_fd(fwd, key):
    return num_grad(lambda: fwd(), P[key])


for line, gkey, wkey in [(166, 'dWhy', 'Why'), (167, 'dby', 'by'), (172, 'dWxh', 'Wxh'),
                         (173, 'dWhh', 'Whh'), (175, 'dbh', 'bh')]:
    tot = sum(np.sum(gds[t][gkey], axis=0, keepdims=True) for t in range(T))
    record(line, close(tot, weight_fd(basic_forward, wkey), tol=1e-5))
fixed = sum(np.sum(np.matmul(gds[t]['dbh'], np.transpose(fd_lst[t - 1]['h'], [0, 2, 1])), axis=0, keepdims=True)
            for t in range(T))
print('info: BasicCell sum_t delta_t h_{t-1}^T (instead of hbar_{t-1}) matches FD:',
      close(fixed, weight_fd(basic_forward, 'Whh'), tol=1e-5))

# ---------------------------------------------------------------- GRU (lines 260-346)
gru = GRU(hidden_size=H, input_size=D, output_size=O)
Q = {k: rng.normal(scale=0.6, size=v.shape) for k, v in gru.weights.items()}
gru.weights = Q


def gru_forward(pert=None, record_states=False):
    h = np.zeros((B, H, 1))
    L = 0.0
    states = []

    def bump(arr, kind, t):
        if pert and pert[0] == kind and pert[1] == t:
            arr = arr.copy()
            arr[pert[2]] += pert[3]
        return arr

    for t in range(T):
        rbar = bump(Q['Vr'] @ X[t] + Q['Wr'] @ h + Q['br'], 'rbar', t)
        r = sig(rbar)
        ubar = bump(Q['Vu'] @ X[t] + Q['Wu'] @ h + Q['bu'], 'ubar', t)
        u = sig(ubar)
        hbar = bump(r * h, 'hbar', t)
        zbar = bump(Q['V'] @ X[t] + Q['W'] @ hbar + Q['b'], 'zbar', t)
        z = np.tanh(zbar)
        h = bump(u * z + (1 - u) * h, 'h', t)
        hy = bump(h, 'hy', t)
        y = Q['Wout'] @ hy + Q['bout']
        L += np.sum(G[t] * y)
        states.append(dict(rbar=rbar, r=r, ubar=ubar, u=u, hbar=hbar, zbar=zbar, z=z, h=h, y=y))
    return states if record_states else L


ref_states = gru_forward(record_states=True)
fd0 = gru.zero_forward_dict(B)
fd_lst = []
fd = fd0
for t in range(T):
    fd = gru.forward(x=X[t], h=fd['h'], c=fd['c'])
    fd_lst.append(fd)
for line, key in [(260, 'rbar'), (263, 'r'), (265, 'ubar'), (268, 'u'), (270, 'hbar'),
                  (271, 'zbar'), (274, 'z'), (276, 'h'), (278, 'y')]:
    record(line, all(close(fd_lst[t][key], ref_states[t][key]) for t in range(T)))

fd_lst.append(fd0)
gd = gru.zero_gradient_dict(B)
gds = {}
for t in reversed(range(T)):
    gd = gru.backward(deltay=G[t], fd=fd_lst[t], next_fd=fd_lst[t + 1],
                      prev_fd=fd_lst[t - 1], next_gd=gd)
    gds[t] = gd

Wt = lambda k: np.transpose(Q[k], [0, 2, 1])
zeros = np.zeros((B, H, 1))
ok = {k: True for k in (313, 317, 319, 326, 327, 329, 331)}
for t in range(T):
    ok[313] &= close(np.matmul(Wt('Wout'), G[t]), adjoint(gru_forward, 'hy', t, (B, H, 1)))
    # first wtdz: W^T deltaz_{t+1} = dL/dhbar_{t+1}
    nxt = gds[t + 1]['deltaz'] if t + 1 < T else zeros
    fd_next_hbar = adjoint(gru_forward, 'hbar', t + 1, (B, H, 1)) if t + 1 < T else zeros
    ok[317] &= close(np.matmul(Wt('W'), nxt), fd_next_hbar)
    ok[319] &= close(gds[t]['deltah'], adjoint(gru_forward, 'h', t, (B, H, 1)))
    ok[326] &= close(gds[t]['deltaz'], adjoint(gru_forward, 'zbar', t, (B, H, 1)))
    ok[327] &= close(gds[t]['deltau'], adjoint(gru_forward, 'ubar', t, (B, H, 1)))
    ok[329] &= close(np.matmul(Wt('W'), gds[t]['deltaz']), adjoint(gru_forward, 'hbar', t, (B, H, 1)))
    ok[331] &= close(gds[t]['deltar'], adjoint(gru_forward, 'rbar', t, (B, H, 1)))
for k, v in ok.items():
    record(k, v)

for line, gkey, wkey in [(311, 'dWout', 'Wout'), (312, 'dbout', 'bout'),
                         (334, 'dV', 'V'), (335, 'dVu', 'Vu'), (336, 'dVr', 'Vr'),
                         (339, 'dW', 'W'), (340, 'dWu', 'Wu'), (341, 'dWr', 'Wr'),
                         (344, 'db', 'b'), (345, 'dbu', 'bu'), (346, 'dbr', 'br')]:
    tot = sum(np.sum(gds[t][gkey], axis=0, keepdims=True) for t in range(T))
    record(line, close(tot, num_grad(lambda: gru_forward(), Q[wkey]), tol=1e-5))
fixed = sum(np.sum(np.matmul(gds[t]['deltaz'], np.transpose(fd_lst[t]['hbar'], [0, 2, 1])), axis=0, keepdims=True)
            for t in range(T))
print('info: GRU sum_t deltaz_t hbar_t^T (same-step pairing) matches FD:',
      close(fixed, num_grad(lambda: gru_forward(), Q['W']), tol=1e-5))

# ---------------------------------------------------------------- diagnostics (not annotated)
N_ce = z.size
print('info: CE backward * (1/N) matches FD:', close(ce.backward(lab, sig(z)) / N_ce,
      num_grad(lambda: ce.forward(lab, sig(z)), z), tol=1e-5))
print('info: MSE 2*(out-label)/N matches FD:', close(2 * (out - lab2) / out.size,
      num_grad(lambda: mse.forward(lab2, out), out), tol=1e-5))
# ---------------------------------------------------------------- report
exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
agree = True
for line in sorted(set(results) | {int(k) for k in exp}):
    got = results.get(line)
    want = exp.get(str(line), {}).get('expected')
    status = 'OK' if got else 'MISMATCH'
    if got is None:
        status = 'NOT CHECKED'
    consistent = (want == 'pass' and got is True) or (want == 'fail' and got is False)
    agree &= consistent
    print(f"line {line}: {status}  (expected {want}) {'agrees' if consistent else 'DISAGREES'}")
print('ALL VERDICTS AGREE' if agree else 'SOME VERDICTS DISAGREE')
sys.exit(0 if agree else 1)
