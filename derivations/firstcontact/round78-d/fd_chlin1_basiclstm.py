# Finite-difference check of chlin1/test1 BasicLSTM.ipynb (note chlin1_basiclstm.md).
# The author's code is executed exactly as transcribed (python fences of the note);
# only `from rnn_utils import *` is replaced by the two helpers of the repo's rnn_utils.py.
import re, os, numpy as np
here = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(here, 'chlin1_basiclstm.md')).read()
code = '\n'.join(re.findall(r'```python\n(.*?)```', md, re.S))
code = code.replace('from rnn_utils import *', '''
def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
''')
ns = {}
exec(code, ns)
lstm_cell_forward, lstm_cell_backward = ns['lstm_cell_forward'], ns['lstm_cell_backward']
lstm_forward, lstm_backward = ns['lstm_forward'], ns['lstm_backward']

rng = np.random.default_rng(0)
n_x, n_a, n_y, m, T = 3, 4, 2, 5, 4
P = {k: rng.standard_normal(s) for k, s in
     dict(Wf=(n_a, n_a+n_x), Wi=(n_a, n_a+n_x), Wc=(n_a, n_a+n_x), Wo=(n_a, n_a+n_x),
          bf=(n_a, 1), bi=(n_a, 1), bc=(n_a, 1), bo=(n_a, 1), Wy=(n_y, n_a), by=(n_y, 1)).items()}

def ok(a, b, tol=1e-6):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b))) < tol

def fd(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        old = X[i]; X[i] = old + eps; fp = f(); X[i] = old - eps; fm = f(); X[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

# ---------- one cell: L = <da_next, a_next> + <dc_next, c_next> ----------
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); c_prev = rng.standard_normal((n_a, m))
da_next = rng.standard_normal((n_a, m)); dc_next = rng.standard_normal((n_a, m))
def Lcell():
    a, c, _, _ = lstm_cell_forward(xt, a_prev, c_prev, P)
    return np.sum(da_next * a) + np.sum(dc_next * c)
_, _, _, cache = lstm_cell_forward(xt, a_prev, c_prev, P)
g = lstm_cell_backward(da_next, dc_next, cache)
print('--- lstm_cell_backward (cell 4) vs finite differences ---')
for name, X, line in [('dWf', P['Wf'], 111), ('dWi', P['Wi'], 112), ('dWc', P['Wc'], 113), ('dWo', P['Wo'], 114),
                      ('dbf', P['bf'], 115), ('dbi', P['bi'], 116), ('dbc', P['bc'], 117), ('dbo', P['bo'], 118),
                      ('da_prev', a_prev, 121), ('dc_prev', c_prev, 123), ('dxt', xt, 124)]:
    print(f'line {line:3d} {name:8s}', 'AGREE' if ok(g[name], fd(Lcell, X)) else 'DISAGREE')
# gate pre-activation gradients (lines 103-106): perturb the pre-activation through the bias of one column
# equivalently: dL/dz = sum over m of column contributions -> compare with dbf etc. already done; check full matrices:
concat = np.concatenate((a_prev, xt), 0)
def pre_grad(Wname):
    # dL/dZ where Z = W concat + b: perturb an additive offset D of shape (n_a, m)
    D = np.zeros((n_a, m))
    def L():
        Q = dict(P); Q['b' + Wname[1]] = P['b' + Wname[1]] + D
        a, c, _, _ = lstm_cell_forward(xt, a_prev, c_prev, Q)
        return np.sum(da_next * a) + np.sum(dc_next * c)
    return fd(L, D)
Z = {'f': 'dft', 'i': 'dit', 'c': 'dcct', 'o': 'dot'}
ft, it, cct, ot = cache[4:8]
mine = {'dot': da_next*np.tanh(cache[1])*ot*(1-ot),
        'dcct': (dc_next*it + ot*(1-np.tanh(cache[1])**2)*it*da_next)*(1-cct**2),
        'dit': (dc_next*cct + ot*(1-np.tanh(cache[1])**2)*cct*da_next)*it*(1-it),
        'dft': (dc_next*c_prev + ot*(1-np.tanh(cache[1])**2)*c_prev*da_next)*ft*(1-ft)}
for k, line in [('o', 103), ('c', 104), ('i', 105), ('f', 106)]:
    print(f'line {line:3d} {Z[k]:8s}', 'AGREE' if ok(mine[Z[k]], pre_grad('W' + k)) else 'DISAGREE',
          '(formula of the line re-evaluated on the cache)')

# ---------- forward: c = a alias (line 166) ----------
x = rng.standard_normal((n_x, m, T)); a0 = rng.standard_normal((n_a, m))
a, y, c, caches = lstm_forward(x, a0, P)
true_a = np.stack([cc[0] for cc in caches[0]], axis=2)
print('--- lstm_forward (cell 5) ---')
print('line 166 c = a          :', 'returned a equals the hidden states' if ok(a, true_a) else
      'returned a is NOT the hidden states (a is c)', '| a is c:', a is c)

# ---------- whole sequence: L = sum_t <da[:,:,t], a<t>> ----------
da = rng.standard_normal((n_a, m, T))
def Lseq():
    _, _, _, cs = lstm_forward(x, a0, P)
    return sum(np.sum(da[:, :, t] * cs[0][t][0]) for t in range(T))
G = lstm_backward(da, caches)
print('--- lstm_backward (cell 6) as written vs finite differences ---')
for name, X in [('dWf', P['Wf']), ('dWi', P['Wi']), ('dWc', P['Wc']), ('dWo', P['Wo']), ('dbf', P['bf']),
                ('dbo', P['bo']), ('dx', x), ('da0', a0)]:
    print(f'{name:5s}', 'AGREE' if ok(G[name], fd(Lseq, X)) else 'DISAGREE')
# corrected loop (da[:,:,t] + da_prevt and dc_prevt carried) for contrast
def lstm_backward_fixed(da, caches):
    cs, x = caches
    da_p = np.zeros((n_a, m)); dc_p = np.zeros((n_a, m)); out = {k: 0 for k in ['dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbo']}
    for t in reversed(range(T)):
        gg = lstm_cell_backward(da[:, :, t] + da_p, dc_p, cs[t])
        da_p, dc_p = gg['da_prev'], gg['dc_prev']
        for k in out: out[k] = out[k] + gg[k]
    out['da0'] = da_p
    return out
F = lstm_backward_fixed(da, caches)
print('--- same loop with da[:,:,t] + da_prevt and dc_prevt carried (not the author\'s) ---')
for name, X in [('dWf', P['Wf']), ('dWo', P['Wo']), ('dbf', P['bf']), ('da0', a0)]:
    print(f'{name:5s}', 'AGREE' if ok(F[name], fd(Lseq, X)) else 'DISAGREE')
