"""FD checks for bragit_rnn_math.md and bragit_rnn_node.md (Bragit123/RNN-from-scratch @ 691671c).
Model: one hidden recurrent layer (l=1, tanh) + output layer (identity or softmax), row layout h @ W as in the
Node code (W_code = W_math^T). Cost C = sum_t sum_n C_n^(t) (sum over batch, so dC rows are stacked per-sample
gradients and the code's '/ n_batches' rows are batch means). numpy only, float64."""
import numpy as np
rng = np.random.default_rng(58)
N, T, n, H, m = 3, 4, 2, 3, 2
X = rng.normal(size=(N, T, n)); Y = rng.normal(size=(N, T, m))
P = dict(W01=rng.normal(size=(n, H)) * .7, b01=rng.normal(size=(1, H)) * .3,
         W11=rng.normal(size=(H, H)) * .7, b11=rng.normal(size=(1, H)) * .3,
         W12=rng.normal(size=(H, m)) * .7, b12=rng.normal(size=(1, m)) * .3)
Yc = np.eye(m)[rng.integers(0, m, size=(N, T))]

def softmax(X):  # author's (with its 10e-10 stabiliser)
    X = X - np.max(X, axis=-1, keepdims=True)
    return np.exp(X) / (np.sum(np.exp(X), axis=-1, keepdims=True) + 10e-10)
def grad_softmax(X):  # author's line 25 of the node note
    f = softmax(X); return f - f**2

def forward(P, out='id', hpert=None, hpert_out=None):
    hs, zs, ys, zo = [], [], [], []
    h = None
    for t in range(T):
        z = X[:, t] @ P['W01'] + P['b01']
        if h is not None:
            z = z + h @ P['W11'] + P['b11']     # (z)_time only for t>=2
        h = np.tanh(z)
        if hpert is not None and hpert[0] == t: h = h + hpert[1]
        zs.append(z); hs.append(h)
        hin = h if (hpert_out is None or hpert_out[0] != t) else h + hpert_out[1]
        zz = hin @ P['W12'] + P['b12']; zo.append(zz)
        ys.append(zz if out == 'id' else softmax(zz))
    return hs, zs, zo, ys
def cost(P, out='id', **kw):
    hs, zs, zo, ys = forward(P, out, **kw)
    if out == 'id':
        return sum(0.5 * np.sum((ys[t] - Y[:, t])**2) for t in range(T))
    return sum(-np.sum(Yc[:, t] * np.log(ys[t])) for t in range(T))
def fd(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + eps; fp = f(); A[idx] = o - eps; fm = f(); A[idx] = o; g[idx] = (fp - fm) / (2 * eps)
    return g
close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-8)

# ---- forward rows: Node.feed_forward (row layout) vs math (column layout, W_math = W_code^T)
hs, zs, zo, ys = forward(P)
for t in range(T):
    x = X[0, t][:, None]
    zc = P['W01'].T @ x + P['b01'].T
    if t > 0: zc = zc + P['W11'].T @ hs[t-1][0][:, None] + P['b11'].T
    assert close(zc.ravel(), zs[t][0]) and close(np.tanh(zc).ravel(), hs[t][0])
    assert close((P['W12'].T @ hs[t][0][:, None] + P['b12'].T).ravel(), zo[t][0])
fwd_ok = True

# ---- backward, Node.backpropagate rows as written (tanh hidden, identity output), lmbd = 0
def node_back(z, h_out, h_layer, h_time, W_layer, W_time, dC_layer, dC_time, act='tanh', lmbd=0.0):
    n_batches = h_out.shape[0]
    if dC_time is None: dC = dC_layer
    elif dC_layer is None: dC = dC_time
    else: dC = dC_layer + dC_time
    if act == 'softmax': grad_act = grad_softmax(z)
    elif act == 'tanh': grad_act = 1 - np.tanh(z)**2
    else: grad_act = np.ones_like(z)
    delta = grad_act * dC
    g = {}
    g['b_layer'] = np.sum(delta, axis=0) / n_batches
    g['b_time'] = np.sum(delta, axis=0) / n_batches
    g['W_layer'] = h_layer.T @ delta / n_batches + W_layer * lmbd
    g['W_time'] = None if h_time is None else h_time.T @ delta / n_batches + W_time * lmbd
    g['h_layer'] = delta @ W_layer.T
    g['h_time'] = None if h_time is None else delta @ W_time.T
    g['delta'] = delta
    return g

out_nodes = [node_back(zo[t], ys[t], hs[t], None, P['W12'], None, ys[t] - Y[:, t], None, act='id') for t in range(T)]
hid = [None] * T
for t in reversed(range(T)):
    dC_time = None if t == T - 1 else hid[t+1]['h_time']
    hid[t] = node_back(zs[t], hs[t], X[:, t], hs[t-1] if t > 0 else None, P['W01'], P['W11'],
                       out_nodes[t]['h_layer'], dC_time)
f = lambda: cost(P)
FD = {k: fd(f, P[k]) for k in P}
res = {}
# output layer: delta_{L+1}, bias, weight (sum over t, times N because the code divides by n_batches)
res['out_b'] = close(sum(o['b_layer'] for o in out_nodes) * N, FD['b12'].ravel())
res['out_W'] = close(sum(o['W_layer'] for o in out_nodes) * N, FD['W12'])
# delta_{L+1}^{(t)} = dC/dz_{L+1}^{(t)}: check by FD on a perturbation of z_out: equals dC/dy (identity output)
res['out_delta'] = all(close(out_nodes[t]['delta'], ys[t] - Y[:, t]) for t in range(T))
# dC/dh_L^{(t)} through the output layer only = W^T delta (layer contribution)
ok = True
for t in range(T):
    E = np.zeros((N, H))
    g = fd(lambda: cost(P, hpert_out=(t, E)), E)
    ok &= close(out_nodes[t]['h_layer'], g)
res['out_h'] = ok
# total dC/dh^{(t)} = layer + time  (author line 144 / node-note line 51)
ok = True
for t in range(T):
    E = np.zeros((N, H)); g = fd(lambda: cost(P, hpert=(t, E)), E)
    tot = out_nodes[t]['h_layer'] + (0 if t == T-1 else hid[t+1]['h_time'])
    ok &= close(tot, g)
res['h_total'] = ok
res['delta_hidden'] = ok  # delta = dC/dh * sigma'(z) given the true dC/dh (checked via W/b below)
res['b_layer'] = close(sum(h_['b_layer'] for h_ in hid) * N, FD['b01'].ravel())
res['W_layer'] = close(sum(h_['W_layer'] for h_ in hid) * N, FD['W01'])
res['W_time'] = close(sum(h_['W_time'] for h_ in hid if h_['W_time'] is not None) * N, FD['W11'])
res['b_time_all_t'] = close(sum(h_['b_time'] for h_ in hid) * N, FD['b11'].ravel())      # as written (t=1 included)
res['b_time_t_ge_2'] = close(sum(h_['b_time'] for h_ in hid[1:]) * N, FD['b11'].ravel())  # what is right
# dC/dh_{l-1}^{(t)} = grad_h_layer: input X only feeds the node at time t
gX = fd(lambda: cost(P), X)
res['h_layer_hidden'] = all(close(hid[t]['h_layer'], gX[:, t]) for t in range(T))
# regularisation term: d/dW (lmbd/2 ||W||^2) = lmbd W
lm = 0.01; Wt = rng.normal(size=(2, 2)); res['reg'] = close(fd(lambda: 0.5 * lm * np.sum(Wt**2), Wt), lm * Wt)
# softmax output with cross entropy: delta = grad_softmax(z) * dC  vs true dC/dz
hs2, zs2, zo2, ys2 = forward(P, 'softmax')
ok_sm = True
for t in range(T):
    dC_dy = -Yc[:, t] / ys2[t]
    d_auth = grad_softmax(zo2[t]) * dC_dy
    Z = zo2[t].copy()
    def c_t():
        return -np.sum(Yc[:, t] * np.log(softmax(Z)))
    ok_sm &= close(d_auth, fd(c_t, Z))
    # correct: f * (dC - sum(dC*f))
    f_ = softmax(zo2[t]); d_ok = f_ * (dC_dy - np.sum(dC_dy * f_, axis=1, keepdims=True))
    assert np.allclose(d_ok, fd(c_t, Z), atol=1e-6)
res['softmax_diag'] = ok_sm
# translation rules (node-note lines 102-104): W h -> h W^T etc with W_code = W_math^T
Wm = rng.normal(size=(3, 2)); hcol = rng.normal(size=(2, 1)); dcol = rng.normal(size=(3, 1))
res['rules'] = (close((Wm @ hcol).T, hcol.T @ Wm.T) and close((dcol @ hcol.T).T, hcol @ dcol.T)
                and close((Wm.T @ dcol).T, dcol.T @ Wm))
print(res)
expect = dict(out_b=True, out_W=True, out_delta=True, out_h=True, h_total=True, delta_hidden=True, b_layer=True,
              W_layer=True, W_time=True, b_time_all_t=False, b_time_t_ge_2=True, h_layer_hidden=True, reg=True,
              softmax_diag=False, rules=True)
assert fwd_ok
for k, v in expect.items():
    assert res[k] == v, (k, res[k])
print('all verdicts confirmed')

import json, os, sys
name = 'bragit_rnn_math.md' if 'math' in os.path.basename(__file__) else 'bragit_rnn_node.md'
fw = fwd_ok
if name == 'bragit_rnn_math.md':
    lc = {l: fw for l in ['9', '11', '14', '15', '17', '19', '22', '24', '26', '28', '32', '34']}
    lc.update({'54': res['out_delta'], '70': res['out_delta'], '75': res['out_delta'], '83': res['out_b'], '95': res['out_b'],
               '97': res['out_b'], '102': res['out_W'], '116': res['out_W'], '118': res['out_W'], '123': res['out_h'],
               '138': res['out_h'], '144': res['h_total'], '150': res['b_layer'] and res['W_layer'],
               '152': res['b_time_all_t'], '154': res['W_layer'], '156': res['W_time'], '158': res['h_layer_hidden'],
               '160': res['h_total'], '165': res['b_layer'], '167': res['b_time_t_ge_2'], '169': res['W_layer'], '171': res['W_time']})
else:
    lc = {'20': fw, '29': fw, '39': fw, '41': fw, '43': fw, '45': fw, '128': fw, '132': fw, '134': fw, '136': fw, '139': fw,
          '25': res['softmax_diag'], '165': res['softmax_diag'], '51': res['h_total'], '53': res['b_layer'] and res['W_layer'],
          '55': res['b_time_all_t'], '57': res['W_layer'], '59': res['W_time'], '61': res['h_layer_hidden'], '63': res['h_total'],
          '102': res['rules'], '103': res['rules'], '104': res['rules'], '156': res['h_total'], '159': res['h_total'],
          '161': res['h_total'], '167': res['b_layer'], '169': res['b_layer'] and res['W_layer'], '172': res['b_layer'],
          '173': res['b_time_all_t'], '176': res['W_layer'], '177': res['reg'], '180': res['W_time'], '182': res['W_time'],
          '183': res['reg'], '187': res['h_layer_hidden'], '189': res['h_total'], '191': res['h_total']}
ex = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))[name]
assert set(ex) == set(lc), set(ex) ^ set(lc)
for l, ok in lc.items(): assert (ex[l]['expected'] == 'pass') == bool(ok), l
print('per-line verdicts match expected.json for', name)
