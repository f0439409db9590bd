# Finite-difference check of dlfs_rnn_lstm_gru.md (Seth Weidman, DLFS_code 06_rnns/RNN_DLFS.ipynb).
# numpy only. The author's code cells are taken verbatim from the note; only the two imports of
# lincoln.assert_same_shape and scipy.special.logsumexp are replaced by numpy equivalents.
import re, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(HERE, 'dlfs_rnn_lstm_gru.md'), encoding='utf-8').read()
code = '\n\n'.join(re.findall(r'```python\n(.*?)```', md, flags=re.S))
code = code.replace('from lincoln.utils.np_utils import assert_same_shape', '')
code = code.replace('from scipy.special import logsumexp', '')

def assert_same_shape(a, b):
    assert a.shape == b.shape, (a.shape, b.shape)

def logsumexp(x, axis=None, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)

ns = {'assert_same_shape': assert_same_shape, 'logsumexp': logsumexp}
exec(code, ns)
# variant with the evidently intended update gate (line 686 written with X_r/H_r)
code_fix_fwd = code.replace("self.u_int = self.X_r + self.H_r + params_dict['B_u']['value']",
                            "self.u_int = self.X_u + self.H_u + params_dict['B_u']['value']")
assert code_fix_fwd != code
ns_fix = {'assert_same_shape': assert_same_shape, 'logsumexp': logsumexp}
exec(code_fix_fwd, ns_fix)

rng = np.random.default_rng(0)
EPS = 1e-6
def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))
def report(name, analytic, numeric, expect):
    r = rel(analytic, numeric)
    ok = r < 1e-6
    print(f"  {name:40s} rel.err {r:9.2e}  {'AGREE' if ok else 'DIFFER'}   (expected {expect})")
    return ok

def fd(f, arr):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + EPS; fp = f()
        arr[i] = old - EPS; fm = f()
        arr[i] = old
        g[i] = (fp - fm) / (2 * EPS)
    return g

# ---------------------------------------------------------------- helpers (lines 24-36)
print("== activations (lines 24, 28, 32, 36)")
x = rng.normal(size=7)
report("dsigmoid (l.28) vs FD of sigmoid", ns['dsigmoid'](x),
       (ns['sigmoid'](x + EPS) - ns['sigmoid'](x - EPS)) / (2 * EPS), "agree")
report("dtanh (l.36) vs FD of tanh", ns['dtanh'](x),
       (ns['tanh'](x + EPS) - ns['tanh'](x - EPS)) / (2 * EPS), "agree")

# ---------------------------------------------------------------- loss (lines 97-111)
print("== SoftmaxCrossEntropy: loss (l.104-107) and its gradient (l.111)")
B, T, V = 2, 3, 5
pred = rng.normal(size=(B, T, V))
tgt = np.zeros((B, T, V)); 
for b in range(B):
    for t in range(T):
        tgt[b, t, rng.integers(V)] = 1.0
loss = ns['SoftmaxCrossEntropy']()
def Lfun():
    return loss.forward(pred, tgt)
Lfun(); g_author = loss.backward().copy()
g_fd = fd(Lfun, pred)
report("l.111 softmax_preds - target vs FD", g_author, g_fd, "DIFFER (published error)")
def ce_only():
    p = ns['batch_softmax'](pred)
    return np.sum(-tgt * np.log(p))
report("same p - t vs FD of -sum t log p only", g_author, fd(ce_only, pred), "agree (p - t belongs to that loss)")

# ---------------------------------------------------------------- node level checks
def node_check(ns_, NodeName, keys, with_c, Xg_on=True, Hg_on=True, label=''):
    D, H, O, N = 4, 3, 5, 2
    params = {}
    shapes = {'W_f': (D + H, H), 'B_f': (1, H), 'W_i': (D + H, H), 'B_i': (1, H),
              'W_c': (D + H, H), 'B_c': (1, H), 'W_o': (D + H, H), 'B_o': (1, H),
              'W_v': (H, O), 'B_v': (1, O),
              'W_xr': (D, H), 'W_hr': (H, H), 'B_r': (1, H), 'W_xu': (D, H), 'W_hu': (H, H),
              'B_u': (1, H), 'W_xh': (D, H), 'W_hh': (H, H), 'B_h': (1, H)}
    for k in keys + ['W_v', 'B_v']:
        params[k] = {'value': rng.normal(scale=0.7, size=shapes[k])}
        params[k]['deriv'] = np.zeros(shapes[k])
    X = rng.normal(size=(N, D)); Hin = rng.normal(size=(N, H)); Cin = rng.normal(size=(N, H))
    GX = rng.normal(size=(N, O)) * Xg_on; GH = rng.normal(size=(N, H)) * Hg_on; GC = rng.normal(size=(N, H))
    node = ns_[NodeName]()
    def L():
        if with_c:
            xo, ho, co = node.forward(X, Hin, Cin, params)
            return np.sum(GX * xo) + np.sum(GH * ho) + np.sum(GC * co)
        xo, ho = node.forward(X, Hin, params)
        return np.sum(GX * xo) + np.sum(GH * ho)
    L()
    if with_c:
        dx, dh, dc = node.backward(GX, GH, GC, params)
    else:
        dx, dh = node.backward(GX, GH, params)
    res = {}
    for k in keys + ['W_v', 'B_v']:
        res[k] = (params[k]['deriv'].copy(), fd(L, params[k]['value']))
    res['X_in'] = (dx, fd(L, X)); res['H_in'] = (dh, fd(L, Hin))
    if with_c: res['C_in'] = (dc, fd(L, Cin))
    return res, node, params, (X, Hin, GX, GH)

print("== RNNNode (lines 138-180): loss = <GX, X_out> + <GH, H_out>")
res, *_ = node_check(ns, 'RNNNode', ['W_f', 'B_f'], False)
rows = {'B_v': 'l.166', 'W_v': 'l.167', 'B_f': 'l.174 (via 169-172)', 'W_f': 'l.175', 'X_in': 'l.179 (via 177)', 'H_in': 'l.180'}
for k, lab in rows.items():
    report(f"{lab} d{k}", *res[k], "agree")

print("== LSTMNode (lines 422-496): loss = <GX,X_out> + <GH,H_out> + <GC,C_out>")
res, *_ = node_check(ns, 'LSTMNode', ['W_f', 'B_f', 'W_i', 'B_i', 'W_c', 'B_c', 'W_o', 'B_o'], True)
rows = {'W_v': 'l.461', 'B_v': 'l.462', 'W_o': 'l.469 (via 464-468)', 'B_o': 'l.470',
        'W_c': 'l.476 (via 472-475)', 'B_c': 'l.477', 'W_i': 'l.481 (via 479-480)', 'B_i': 'l.482',
        'W_f': 'l.486 (via 484-485)', 'B_f': 'l.487', 'X_in': 'l.494 (via 489)', 'H_in': 'l.495', 'C_in': 'l.496'}
for k, lab in rows.items():
    report(f"{lab} d{k}", *res[k], "agree")

gkeys = ['W_xr', 'W_hr', 'B_r', 'W_xu', 'W_hu', 'B_u', 'W_xh', 'W_hh', 'B_h']
print("== GRUNode as written (line 686 uses X_r + H_r): W_xu, W_hu never reach the loss")
res, *_ = node_check(ns, 'GRUNode', gkeys, False)
print(f"  FD |dL/dW_xu| max = {np.max(np.abs(res['W_xu'][1])):.2e}, FD |dL/dW_hu| max = {np.max(np.abs(res['W_hu'][1])):.2e}"
      f"; author's W_xu deriv max = {np.max(np.abs(res['W_xu'][0])):.2e}  -> l.686 inconsistent with l.679-680/733-737 (published error)")

print("== GRUNode with the intended update gate (u_int = X_u + H_u + B_u), only H_out_grad nonzero (X_out_grad = 0)")
res, node, params, (X, Hin, GX, GH) = node_check(ns_fix, 'GRUNode', gkeys, False, Xg_on=False)
rows = {'B_h': 'l.718 (via 715, 717)', 'W_xh': 'l.719', 'W_hh': 'l.723', 'B_u': 'l.731 (via 714, 730)',
        'W_xu': 'l.734', 'W_hu': 'l.737', 'B_r': 'l.741 (via 724, 726, 740)', 'W_xr': 'l.744', 'W_hr': 'l.747',
        'X_in': 'l.721+733+743 dX_in'}
for k, lab in rows.items():
    report(f"{lab} d{k}", *res[k], "agree")
a, n = res['H_in']
report("l.727+736+746 dH_in", a, n, "DIFFER (l.727 misses u*dh_out)")
report("  dH_in + u*H_out_grad (term added)", a + node.u * GH, n, "agree")

print("== GRUNode, intended gate, only X_out_grad nonzero (H_out_grad = 0): l.714/715 drop dh_out")
res, node, params, (X, Hin, GX, GH) = node_check(ns_fix, 'GRUNode', gkeys, False, Hg_on=False)
for k, lab in {'W_v': 'l.709', 'B_v': 'l.708'}.items():
    report(f"{lab} d{k}", *res[k], "agree")
for k in ['B_h', 'W_xh', 'W_hh', 'B_u', 'W_xu', 'W_hu', 'B_r', 'W_xr', 'W_hr']:
    a, n = res[k]
    report(f"d{k} (all gate/candidate grads zero: l.714/715)", a, n, "DIFFER (published error)")
a, n = res['X_in']; report("dX_in", a, n, "DIFFER")

# corrected reference: replace H_out_grad by dh_out in 714/715 and add u*dh_out to dH_in
code_fix_all = code_fix_fwd.replace("du = self.H_in * H_out_grad - self.h_bar * H_out_grad",
                                    "du = self.H_in * dh_out - self.h_bar * dh_out")
code_fix_all = code_fix_all.replace("dh_bar = (1 - self.u) * H_out_grad", "dh_bar = (1 - self.u) * dh_out")
code_fix_all = code_fix_all.replace("dH_in = dh_reset * self.r        ", "dH_in = dh_reset * self.r + self.u * dh_out")
ns_all = {'assert_same_shape': assert_same_shape, 'logsumexp': logsumexp}
exec(code_fix_all, ns_all)
print("== GRUNode with the three repairs (intended gate, dh_out in 714/715, + u*dh_out in 727): everything agrees")
res, *_ = node_check(ns_all, 'GRUNode', gkeys, False)
print("  all agree:", all(rel(*res[k]) < 1e-6 for k in res))

# ---------------------------------------------------------------- sequence and stacked layers
def model_check(ns_, layers, label, expect):
    B, T, V = 2, 4, 5
    xs = rng.normal(size=(B, T, V))
    model = ns_['RNNModel'](layers=layers, sequence_length=T, vocab_size=V, loss=ns_['SoftmaxCrossEntropy']())
    out = model.forward(xs)  # initialises parameters
    G = rng.normal(size=out.shape)
    starts = [(l, np.copy(l.start_H), np.copy(getattr(l, 'start_C', np.zeros(1)))) for l in layers]
    def reset():
        for l, h, c in starts:
            l.start_H = np.copy(h)
            if hasattr(l, 'start_C'): l.start_C = np.copy(c)
    def L():
        reset()
        return np.sum(G * model.forward(xs))
    L()
    for l in layers: l._clear_gradients()
    gx = model.backward(G)
    ok = True
    for li, l in enumerate(layers):
        for k in l.params:
            ok &= rel(l.params[k]['deriv'], fd(L, l.params[k]['value'])) < 1e-6
    ok &= rel(gx, fd(L, xs)) < 1e-6
    print(f"  {label:55s} {'AGREE' if ok else 'DIFFER'}   (expected {expect})")

print("== whole sequences, loss = <G, x_seq_out> (layer loops l.274/300, 609/638, 861/888; stacking l.345/358)")
model_check(ns, [ns['RNNLayer'](hidden_size=3, output_size=5, weight_scale=0.5)], "RNNLayer, T=4", "agree")
model_check(ns, [ns['LSTMLayer'](hidden_size=3, output_size=5, weight_scale=0.5)], "LSTMLayer, T=4", "agree")
model_check(ns, [ns['RNNLayer'](hidden_size=3, output_size=4, weight_scale=0.5),
                 ns['LSTMLayer'](hidden_size=3, output_size=5, weight_scale=0.5)], "stacked RNNLayer -> LSTMLayer", "agree")
model_check(ns, [ns['LSTMLayer'](hidden_size=3, output_size=4, weight_scale=0.5),
                 ns['LSTMLayer'](hidden_size=3, output_size=5, weight_scale=0.5)], "stacked LSTMLayer -> LSTMLayer", "agree")
model_check(ns, [ns['GRULayer'](hidden_size=3, output_size=5, weight_scale=0.5)], "GRULayer as published", "DIFFER")
model_check(ns_all, [ns_all['GRULayer'](hidden_size=3, output_size=5, weight_scale=0.5)], "GRULayer with the three repairs", "agree")
model_check(ns_all, [ns_all['GRULayer'](hidden_size=3, output_size=4, weight_scale=0.5),
                     ns_all['LSTMLayer'](hidden_size=3, output_size=5, weight_scale=0.5)], "stacked repaired GRULayer -> LSTMLayer", "agree")
