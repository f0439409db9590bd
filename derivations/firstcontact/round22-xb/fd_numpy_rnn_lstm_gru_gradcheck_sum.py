"""FD check of numpy_rnn_lstm_gru_gradcheck_sum.md (search-index file id 4055360526).
Row vectors (batch 1). The author's forward returns sum(h_new) and backward(d_output)
receives the upstream gradient of h_new (ones in the author's checks); here a random
upstream row g is used, i.e. L = sum(g * h_new), d_output = g (all rows are linear in it).
Each line is fed the TRUE values of the upstream quantities it uses."""
import numpy as np

rng = np.random.default_rng(2)
I, S = 3, 4
sigmoid = lambda z: 1 / (1 + np.exp(-z))
d_sigmoid = lambda z: (1 - sigmoid(z)) * sigmoid(z)
tanh = lambda z: (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
d_tanh = lambda z: 1 - tanh(z) ** 2
g = rng.standard_normal((1, S))


def fd(fun, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        G[idx] = (fun(E) - fun(-E)) / (2 * eps)
    return G


def report(line, got, want):
    err = np.max(np.abs(np.ravel(got) - np.ravel(want)))
    print(f"line {line}: OK" if err < 1e-6 else f"line {line}: MISMATCH (max err {err:.3g})")


# ---------------- RNN ----------------
W = rng.standard_normal((I + S, S)) * 0.5; b = rng.standard_normal(S) * 0.2
x = rng.standard_normal((1, I)); hp = rng.standard_normal((1, S))


def rnn(x, hp, W, b, P=None):
    P = P or {}
    X = np.concatenate([x, hp], axis=1)
    z = X.dot(W) + b + P.get('z', 0.0)
    return np.sum(g * tanh(z)), z, X


_, z, X = rnn(x, hp, W, b)
FDz = fd(lambda E: rnn(x, hp, W, b, {'z': E})[0], z.shape)
d_z = d_tanh(z) * g;            report(45, d_z, FDz)
report(46, FDz, fd(lambda E: rnn(x, hp, W, b + E)[0], b.shape))
report(47, X.T.dot(FDz), fd(lambda E: rnn(x, hp, W + E, b)[0], W.shape))

# ---------------- LSTM ----------------
W = rng.standard_normal((I + S, 4 * S)) * 0.5; b = rng.standard_normal((1, 4 * S)) * 0.2
x = rng.standard_normal((1, I)); old_h = rng.standard_normal((1, S)); old_cell = rng.standard_normal((1, S))


def lstm(x, old_cell, old_h, W, b, P=None):
    P = P or {}
    p = lambda k: P.get(k, 0.0)
    X = np.concatenate([old_h, x], axis=1) + p('X')
    gates = X.dot(W) + b + p('gates')
    gs = [q + p('g%d' % k) for k, q in enumerate(np.split(gates, 4, axis=1))]
    i = sigmoid(gs[0]) + p('i'); f = sigmoid(gs[1]) + p('f'); o = sigmoid(gs[2]) + p('o')
    cand = tanh(gs[3]) + p('cand')
    c = old_cell * f + cand * i + p('c')
    tc = tanh(c) + p('tc')
    return np.sum(g * tc * o), dict(X=X, gs=gs, i=i, f=f, o=o, cand=cand, c=c, gates=gates)


_, C = lstm(x, old_cell, old_h, W, b)
F = {k: fd(lambda E, k=k: lstm(x, old_cell, old_h, W, b, {k: E})[0],
           C['X'].shape if k == 'X' else C['gates'].shape if k == 'gates' else (1, S))
     for k in ['X', 'gates', 'g0', 'g1', 'g2', 'g3', 'i', 'f', 'o', 'cand', 'c', 'tc']}
report(84, tanh(C['c']) * g, F['o'])
report(85, C['o'] * g, F['tc'])
report(86, d_tanh(C['c']) * F['tc'], F['c'])
report(88, old_cell * F['c'], F['f'])
report(89, C['i'] * F['c'], F['cand'])
report(90, C['cand'] * F['c'], F['i'])
report(92, d_sigmoid(C['gs'][0]) * F['i'], F['g0'])
report(93, d_sigmoid(C['gs'][1]) * F['f'], F['g1'])
report(94, d_sigmoid(C['gs'][2]) * F['o'], F['g2'])
report(95, d_tanh(C['gs'][3]) * F['cand'], F['g3'])
report(97, np.concatenate([F['g0'], F['g1'], F['g2'], F['g3']], axis=1), F['gates'])
d_gates = F['gates']
d_X = W.dot(d_gates.T)
report(101, d_X, F['X'])   # column (I+S, 1) = transpose of the row dL/dX
d_input = np.split(d_X, [F['g0'].size], axis=0)[1]
report(102, d_input, fd(lambda E: lstm(x + E, old_cell, old_h, W, b)[0], x.shape))
report(103, C['X'].T.dot(d_gates), fd(lambda E: lstm(x, old_cell, old_h, W + E, b)[0], W.shape))
report(104, d_gates, fd(lambda E: lstm(x, old_cell, old_h, W, b + E)[0], b.shape))

# ---------------- GRU ----------------
Wi = rng.standard_normal((I, 3 * S)) * 0.5; Ws = rng.standard_normal((S, 3 * S)) * 0.5
bi = rng.standard_normal((1, 3 * S)) * 0.2; bs = rng.standard_normal((1, 3 * S)) * 0.2
x = rng.standard_normal((1, I)); old_h = rng.standard_normal((1, S))


def gru(x, old_h, Wi, Ws, bi, bs, P=None):
    P = P or {}
    p = lambda k: P.get(k, 0.0)
    ig = x.dot(Wi) + bi + p('ig'); sg = old_h.dot(Ws) + bs + p('sg')
    ig = [q + p('ig%d' % k) for k, q in enumerate(np.split(ig, 3, axis=1))]
    sg = [q + p('sg%d' % k) for k, q in enumerate(np.split(sg, 3, axis=1))]
    zr = ig[0] + sg[0] + p('zr'); r = sigmoid(zr) + p('r')
    zu = ig[1] + sg[1] + p('zu'); u = sigmoid(zu) + p('u')
    zc = ig[2] + r * sg[2] + p('zc'); ch = tanh(zc) + p('ch')
    new_h = u * (ch - old_h) + old_h
    return np.sum(g * new_h), dict(ig=ig, sg=sg, zr=zr, r=r, zu=zu, u=u, zc=zc, ch=ch, new_h=new_h)


_, G = gru(x, old_h, Wi, Ws, bi, bs)
F = {k: fd(lambda E, k=k: gru(x, old_h, Wi, Ws, bi, bs, {k: E})[0], (1, 3 * S) if k in ('ig', 'sg') else (1, S))
     for k in ['ig', 'sg', 'ig0', 'ig1', 'ig2', 'sg0', 'sg1', 'sg2', 'zr', 'r', 'zu', 'u', 'zc', 'ch']}
report(151, G['u'] * g, F['ch'])
# line 152: local derivative d new_h_j / d u_j (diagonal Jacobian)
Jdiag = np.array([fd(lambda E: gru(x, old_h, Wi, Ws, bi, bs, {'u': E})[1]['new_h'][0, j], (1, S))[0, j] for j in range(S)])
report(152, G['ch'] - old_h, Jdiag)
report(153, (G['ch'] - old_h) * g, F['u'])
report(158, d_tanh(G['zc']) * F['ch'], F['zc'])
report(159, G['sg'][2] * F['zc'], F['r'])
report(160, G['r'] * F['zc'], F['sg2'])
report(161, F['zc'], F['ig2'])
report(163, F['u'] * d_sigmoid(G['zu']), F['zu'])
report(164, F['zu'], F['ig1'])
report(165, F['zu'], F['sg1'])
report(167, F['r'] * d_sigmoid(G['zr']), F['zr'])
report(168, F['zr'], F['ig0'])
report(169, F['zr'], F['sg0'])
d_in = np.zeros([3, S]); d_st = np.zeros([3, S])
d_in[0], d_in[1], d_in[2] = F['ig0'], F['ig1'], F['ig2']
d_st[0], d_st[1], d_st[2] = F['sg0'], F['sg1'], F['sg2']
d_in = d_in.reshape(1, -1); d_st = d_st.reshape(1, -1)
report(171, d_in, F['ig'])
report(172, d_st, F['sg'])
report(174, x.T.dot(d_in), fd(lambda E: gru(x, old_h, Wi + E, Ws, bi, bs)[0], Wi.shape))
report(175, d_in, fd(lambda E: gru(x, old_h, Wi, Ws, bi + E, bs)[0], bi.shape))
report(177, old_h.T.dot(d_st), fd(lambda E: gru(x, old_h, Wi, Ws + E, bi, bs)[0], Ws.shape))
report(178, d_st, fd(lambda E: gru(x, old_h, Wi, Ws, bi, bs + E)[0], bs.shape))
