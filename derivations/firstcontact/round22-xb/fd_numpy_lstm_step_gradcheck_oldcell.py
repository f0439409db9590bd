"""FD check of numpy_lstm_step_gradcheck_oldcell.md (search-index file id 4382350103).
Row vectors (1, n); X = [input, hidden_state]; W (I+S, 4S); gates split i, f, o, candidate.
grad_wrt_output = [dL/dh_new, dL/dc_new (direct)], realised by L = sum(gh*h_new) + sum(gc*c_new).
Each backward line is evaluated as written, fed with the TRUE values of the upstream
quantities it uses (step-local judgement); lines 64 and 66 use the author's cache as written."""
import numpy as np

rng = np.random.default_rng(1)
I, S = 3, 4
sigmoid = lambda z: 1 / (1 + np.exp(-z))
dsigmoid = lambda z: (1 - sigmoid(z)) * sigmoid(z)
tanh = lambda z: (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
dtanh = lambda z: 1 - tanh(z) ** 2

W = rng.standard_normal((I + S, 4 * S)) * 0.6
b = rng.standard_normal(4 * S) * 0.3
inp = rng.standard_normal((1, I))
hidden_state = rng.standard_normal((1, S))
cell_state = rng.standard_normal((1, S)) * 1.5
gh = rng.standard_normal((1, S))
gc = rng.standard_normal((1, S))


def forward(inp, hidden_state, cell_state, W, b, P=None):
    P = P or {}
    p = lambda k: P.get(k, 0.0)
    X = np.concatenate([inp, hidden_state], axis=1) + p('X')
    gates = X.dot(W) + b + p('gates')
    gs = np.split(gates, 4, axis=1)
    gs = [gs[k] + p('g%d' % k) for k in range(4)]
    i = sigmoid(gs[0]) + p('i'); f = sigmoid(gs[1]) + p('f')
    o = sigmoid(gs[2]) + p('o'); cand = tanh(gs[3]) + p('cand')
    c_new = cell_state * f + cand * i + p('c_new')
    tc = tanh(c_new) + p('tanh_c')
    h_new = tc * o
    L = np.sum(gh * h_new) + np.sum(gc * c_new)
    return L, dict(X=X, gates=gates, gs=gs, i=i, f=f, o=o, cand=cand, c_new=c_new, tanh_c=tc)


def fd(fun, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        G[idx] = (fun(E) - fun(-E)) / (2 * eps)
    return G


_, Sx = forward(inp, hidden_state, cell_state, W, b)
FD = {}
for k in ['X', 'gates', 'g0', 'g1', 'g2', 'g3', 'i', 'f', 'o', 'cand', 'c_new', 'tanh_c']:
    shp = Sx['gates'].shape if k == 'gates' else Sx['X'].shape if k == 'X' else (1, S)
    FD[k] = fd(lambda E, k=k: forward(inp, hidden_state, cell_state, W, b, {k: E})[0], shp)
FD['c_old'] = fd(lambda E: forward(inp, hidden_state, cell_state + E, W, b)[0], (1, S))
FD['input'] = fd(lambda E: forward(inp + E, hidden_state, cell_state, W, b)[0], (1, I))
FD['h_old'] = fd(lambda E: forward(inp, hidden_state + E, cell_state, W, b)[0], (1, S))
FD['W'] = fd(lambda E: forward(inp, hidden_state, cell_state, W + E, b)[0], W.shape)
FD['b'] = fd(lambda E: forward(inp, hidden_state, cell_state, W, b + E)[0], b.shape)


def report(line, got, want):
    err = np.max(np.abs(np.ravel(got) - np.ravel(want)))
    print(f"line {line}: OK" if err < 1e-6 else f"line {line}: MISMATCH (max err {err:.3g})")


cache = {'h': hidden_state, 'C': cell_state, 'g_i': Sx['i'], 'g_f': Sx['f'], 'g_o': Sx['o'],
         'c_new': Sx['cand'], 'gates': Sx['gs']}
grad_wrt_output = [gh, gc]
d_g_o = tanh(cache['C']) * grad_wrt_output[0];               report(64, d_g_o, FD['o'])
print("   info: with tanh(new cell) instead of tanh(cache['C']) the error is %.1e" %
      np.max(np.abs(tanh(Sx['c_new']) * gh - FD['o'])))
d_tanh_c = cache['g_o'] * grad_wrt_output[0];                report(65, d_tanh_c, FD['tanh_c'])
d_new_c = dtanh(cell_state) * FD['tanh_c'] + grad_wrt_output[1]; report(66, d_new_c, FD['c_new'])
print("   info: with dtanh(new cell) instead of dtanh(cell_state) the error is %.1e" %
      np.max(np.abs(dtanh(Sx['c_new']) * FD['tanh_c'] + gc - FD['c_new'])))
dnc = FD['c_new']  # true upstream value for the step-local check of the next rows
report(68, cache['g_f'] * dnc, FD['c_old'])
report(69, cache['C'] * dnc, FD['f'])
report(70, cache['g_i'] * dnc, FD['cand'])
report(71, cache['c_new'] * dnc, FD['i'])
report(73, dtanh(cache['gates'][3]) * FD['cand'], FD['g3'])
report(74, dsigmoid(cache['gates'][2]) * FD['o'], FD['g2'])
report(75, dsigmoid(cache['gates'][1]) * FD['f'], FD['g1'])
report(76, dsigmoid(cache['gates'][0]) * FD['i'], FD['g0'])
d_gates = np.concatenate([FD['g0'], FD['g1'], FD['g2'], FD['g3']], axis=1); report(78, d_gates, FD['gates'])
d_gates = FD['gates']
X = np.concatenate([inp, cache['h']], axis=1);               report(80, X, Sx['X'])
report(82, d_gates, FD['b'])
report(83, X.T.dot(d_gates), FD['W'])
d_X = d_gates.dot(W.T);                                      report(85, d_X, FD['X'])
d_input, d_h = np.split(d_X, [inp.shape[1]], axis=1)
report(86, np.concatenate([d_input, d_h], axis=1), np.concatenate([FD['input'], FD['h_old']], axis=1))
# as-written chain (informational): the author's own d_new_c propagates into rows 68-86
dnc_aw = dtanh(cell_state) * d_tanh_c + gc
dX_aw = np.concatenate([dsigmoid(cache['gates'][0]) * cache['c_new'] * dnc_aw,
                        dsigmoid(cache['gates'][1]) * cache['C'] * dnc_aw,
                        dsigmoid(cache['gates'][2]) * d_g_o,
                        dtanh(cache['gates'][3]) * cache['g_i'] * dnc_aw], axis=1).dot(W.T)
print("   info: as-written chain, returned d_h differs from FD d_h by %.2g" %
      np.max(np.abs(np.split(dX_aw, [I], axis=1)[1] - FD['h_old'])))
