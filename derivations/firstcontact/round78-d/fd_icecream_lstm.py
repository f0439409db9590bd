# Finite-difference check of the ice-cream toy LSTM (note icecream_lstm.py, search-index file id 665075212).
# The author's functions are executed as transcribed (the Python-2 driver lines at the end are dropped).
import os, numpy as np
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, 'icecream_lstm.py')).read().split('\nX, Y = create_dataset()\ny_pred = fit(X, Y)')[0]
ns = {}
exec(src, ns)
n_a, n_x, n_y, T = ns['n_a'], ns['n_x'], ns['n_y'], ns['t']
rng = np.random.default_rng(3)
for k in ['Wf', 'Wu', 'Wc', 'Wo']: ns[k] = rng.standard_normal((n_a, n_a + n_x))
for k in ['bf', 'bu', 'bc', 'bo']: ns[k] = rng.standard_normal((n_a, 1))
ns['Wy'] = rng.standard_normal((n_y, n_a)); ns['by'] = rng.standard_normal((n_y, 1))
fwd, bwd, seqf, seqb = ns['lstm_cell_forward'], ns['lstm_cell_backward'], ns['lstm_forward'], ns['lstm_backward']
softmax = ns['softmax']

def ok(a, b, tol=1e-6):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b))) < tol
def fd(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        old = X[i]; X[i] = old + eps; fp = f(); X[i] = old - eps; fm = f(); X[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g
say = lambda line, what, good: print(f'line {line:3d} {what:55s} {"AGREE" if good else "DISAGREE"}')

# ---------------- one cell, L = <da_next, a_next> + <dc_next, c_next> ----------------
xt = np.eye(n_x)[:, [1]]; a_prev = rng.standard_normal((n_a, 1)); c_prev = rng.standard_normal((n_a, 1))
da_next = rng.standard_normal((n_a, 1)); dc_next = rng.standard_normal((n_a, 1))
def Lcell():
    a, c, _, _ = fwd(xt, a_prev, c_prev)
    return float(np.sum(da_next * a) + np.sum(dc_next * c))
_, _, _, cache = fwd(xt, a_prev, c_prev)
a_next, c_next, _, _, ft, ut, cct, ot, _ = cache
out = bwd(da_next, dc_next, cache)
da_prev_A, dc_prev_A, dWf_A, dWu_A, dWc_A, dWo_A, dbf_A, dbu_A, dbc_A, dbo_A = out
# true gradients w.r.t. the pre-activations = gradients w.r.t. the biases (m = 1)
G = {k: fd(Lcell, ns[k]) for k in ['bf', 'bu', 'bc', 'bo']}
print('--- local derivatives ---')
z = rng.standard_normal((n_a, 1)); s = softmax(z)
J = np.zeros((n_a, n_a))
for j in range(n_a):
    e = np.zeros((n_a, 1)); e[j] = 1e-6
    J[:, j] = ((softmax(z + e) - softmax(z - e)) / 2e-6).ravel()
say(86, 'softmax gate: ot*(1-ot) as its derivative (Jacobian)', ok(np.diag((s * (1 - s)).ravel()), J))
say(87, 'tanh candidate: 1 - cct**2', ok(1 - np.tanh(z) ** 2, (np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6))
print('--- gate pre-activation gradients (author lines 91-94 = bias gradients 104-107 at m=1) ---')
say(91, 'dut (update gate, softmax)', ok(dbu_A, G['bu']))
say(92, 'dft (forget gate, softmax)', ok(dbf_A, G['bf']))
say(93, 'dot (output gate, softmax)', ok(dbo_A, G['bo']))
say(94, 'dcct (candidate, tanh)', ok(dbc_A, G['bc']))
# the same elementwise chains with sigmoid-free full softmax Jacobian would be needed; show the precedence
# errors separately on the tanh branch, which has a diagonal Jacobian:
tc = np.tanh(c_next); dc_tot = dc_next + ot * (1 - tc ** 2) * da_next
say(94, '(dc_next + ot(1-tanh^2)da_next)*ut*(1-cct^2)  [correct form]', ok(dc_tot * ut * (1 - cct ** 2), G['bc']))
print('--- rules applied to the TRUE pre-activation gradients (lines 100-109) ---')
concat = np.vstack([a_prev, xt])
for line, W, b in [(100, 'Wf', 'bf'), (101, 'Wu', 'bu'), (102, 'Wc', 'bc'), (103, 'Wo', 'bo')]:
    say(line, f'd{W} = d(pre) @ concat.T', ok(G[b] @ concat.T, fd(Lcell, ns[W])))
say(109, 'da_prev = sum W[:, :n_a].T @ d(pre)',
    ok(sum(ns[W][:, :n_a].T @ G[b] for W, b in [('Wf', 'bf'), ('Wu', 'bu'), ('Wc', 'bc'), ('Wo', 'bo')]), fd(Lcell, a_prev)))
say(110, 'dc_prev (as written)', ok(dc_prev_A, fd(Lcell, c_prev)))
print('--- author values of lines 100-109 (inherit the gate errors) ---')
say(100, 'dWf as computed', ok(dWf_A, fd(Lcell, ns['Wf'])))
say(109, 'da_prev as computed', ok(da_prev_A, fd(Lcell, a_prev)))

# ---------------- lstm_backward: accumulation outside the loop (lines 133-140) ----------------
X, Y = ns['create_dataset']()
X = X[:, :6]; ns['t'] = 6; Tn = 6
da = rng.standard_normal((n_a, Tn))
a, y_pred, caches = seqf(X)
def Lseq():
    a, _, _ = seqf(X)
    return float(np.sum(da * a))
dWf, dWu, dWc, dWo, dbf, dbu, dbc, dbo = seqb(da, caches)
# sum of the author's own per-step contributions, same recursion as line 131
dap = np.zeros((n_a, 1)); dcp = np.zeros((n_a, 1)); S = [0] * 8
for i in reversed(range(Tn)):
    o = bwd(dap + da[:, i, np.newaxis], dcp, caches[i]); dap, dcp = o[0], o[1]
    S = [S[j] + o[2 + j] for j in range(8)]
print('--- lstm_backward ---')
for j, (line, nm, val) in enumerate(zip(range(133, 141), ['dWf', 'dWu', 'dWc', 'dWo', 'dbf', 'dbu', 'dbc', 'dbo'],
                                        [dWf, dWu, dWc, dWo, dbf, dbu, dbc, dbo])):
    say(line, f'{nm} equals the sum over t of the per-step {nm}t', ok(val, S[j]))
say(133, 'dWf vs finite differences', ok(dWf, fd(Lseq, ns['Wf'])))

# ---------------- output layer (line 171) ----------------
zt = rng.standard_normal((n_y, 1)); Yt = np.eye(n_y)[:, [0]]
Lout = lambda: float(-np.sum(Yt * np.log(softmax(zt))))
g_true = fd(Lout, zt); yhat = softmax(zt)
print('--- output layer ---')
say(171, 'dsoftmax = -Y*(1 - y_pred)', ok(-Yt * (1 - yhat), g_true))
say(171, '(y_pred - Y) for contrast', ok(yhat - Yt, g_true))

# ---------------- update line 181: np.clip(dWf, ..., out=dWu) ----------------
dWf_ = rng.standard_normal((2, 5)) * 10; dWu_ = rng.standard_normal((2, 5))
keep = dWu_.copy(); np.clip(dWf_, -5.0, 5.0, dWu_)
print('line 181 np.clip(dWf, -5, 5, dWu) overwrites dWu with clipped dWf:', np.allclose(dWu_, np.clip(dWf_, -5, 5)) and not np.allclose(dWu_, keep))
