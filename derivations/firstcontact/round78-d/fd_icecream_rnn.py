# Finite-difference check of the ice-cream toy RNN (note icecream_rnn.py, search-index file id 436806854).
# The author's functions are executed as transcribed (the Python-2 driver lines at the end are dropped).
import os, numpy as np
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, 'icecream_rnn.py')).read().split('\nX, Y = create_dataset()\ny_pred = fit(X, Y)')[0]
ns = {}
exec(src, ns)
n_a, n_x, n_y, T = ns['n_a'], ns['n_x'], ns['n_y'], ns['t']
rng = np.random.default_rng(5)
ns['Waa'] = rng.standard_normal((n_a, n_a)); ns['Wax'] = rng.standard_normal((n_a, n_x))
ns['Wya'] = rng.standard_normal((n_y, n_a)); ns['ba'] = rng.standard_normal((n_a, 1)); ns['by'] = rng.standard_normal((n_y, 1))
fwd, cellb, seqf, seqb, softmax = ns['rnn_cell_forward'], ns['rnn_cell_backward'], ns['rnn_forward'], ns['rnn_backward'], ns['softmax']
X, Y = ns['create_dataset']()

def ok(a, b, tol=1e-6):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b))) < tol
def fd(f, Xv, eps=1e-6):
    g = np.zeros_like(Xv)
    for i in np.ndindex(Xv.shape):
        old = Xv[i]; Xv[i] = old + eps; fp = f(); Xv[i] = old - eps; fm = f(); Xv[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g
say = lambda line, what, good: print(f'line {line:3d} {what:58s} {"AGREE" if good else "DISAGREE"}')

# ---- one cell, L = <da_next, a_next> ----
xt = X[:, [3]]; a_prev = rng.standard_normal((n_a, 1)); da_next = rng.standard_normal((n_a, 1))
Lc = lambda: float(np.sum(da_next * fwd(xt, a_prev)[0]))
dbat, dWaxt, dWaat, da_prevt = cellb(da_next, fwd(xt, a_prev)[2])
print('--- rnn_cell_backward ---')
say(66, 'dbat (= dtanh, lines 65-66)', ok(dbat, fd(Lc, ns['ba'])))
say(67, 'dWaxt', ok(dWaxt, fd(Lc, ns['Wax'])))
say(68, 'dWaat', ok(dWaat, fd(Lc, ns['Waa'])))
say(69, 'da_prevt', ok(da_prevt, fd(Lc, a_prev)))

# ---- sequence, L = sum_t <da[:,t], a<t>> (lines 77-83) ----
da = rng.standard_normal((n_a, T))
Ls = lambda: float(np.sum(da * seqf(X)[0]))
dWax, dWaa, dba = seqb(da, seqf(X)[2])
print('--- rnn_backward ---')
say(82, 'dWax', ok(dWax, fd(Ls, ns['Wax'])))
say(83, 'dWaa', ok(dWaa, fd(Ls, ns['Waa'])))
say(81, 'dba', ok(dba, fd(Ls, ns['ba'])))

# ---- full loss of fit(): L = -sum Y log y_pred (lines 101, 114-121) ----
def Lfull():
    _, y_pred, _ = seqf(X)
    return float(-np.sum(Y * np.log(y_pred)))
def grads(dsm_rule):
    a, y_pred, caches = seqf(X)
    da = np.zeros((n_a, T)); dWya = np.zeros((n_y, n_a)); dby = np.zeros((n_y, 1))
    for i in range(T):
        dsoftmax = dsm_rule(Y[:, i, np.newaxis], y_pred[:, i, np.newaxis])
        dby += dsoftmax; dWya += np.dot(dsoftmax, a[:, i, np.newaxis].T)
        da[:, i] = np.ravel(np.dot(ns['Wya'].T, dsoftmax))
    dWax, dWaa, dba = seqb(da, caches)
    return dict(dWya=dWya, dby=dby, dWax=dWax, dWaa=dWaa, dba=dba)
author = grads(lambda Yc, yc: -Yc * (1 - yc))       # line 114 as written
fixed = grads(lambda Yc, yc: yc - Yc)               # for contrast only
print('--- gradients of the cross-entropy loss of fit() ---')
for name, P in [('dby', 'by'), ('dWya', 'Wya'), ('dWax', 'Wax'), ('dWaa', 'Waa'), ('dba', 'ba')]:
    g = fd(Lfull, ns[P])
    print(f'{name:5s} author (dsoftmax = -Y*(1-y_pred), line 114): {"AGREE" if ok(author[name], g) else "DISAGREE"}'
          f' | with y_pred - Y: {"AGREE" if ok(fixed[name], g) else "DISAGREE"}')
z = rng.standard_normal((n_y, 1)); Yt = np.eye(n_y)[:, [1]]
g = fd(lambda: float(-np.sum(Yt * np.log(softmax(z)))), z)
say(114, 'dsoftmax = -Y*(1-y_pred) vs dL/dz', ok(-Yt * (1 - softmax(z)), g))
say(30, 'softmax helper: columns sum to 1', ok(np.sum(softmax(z)), np.array(1.0)))
