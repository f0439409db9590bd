# Finite-difference check of prml_16307130260_lstm.py (numpy only).
# The author's forward (lines 31-39, 85-97) and backward (55-69, 119-125) are re-implemented as written.
# Loss used for the check: L = sum(R * h) over all n, t (so dh = R, as in the author's test with dh = ones).
import numpy as np

np.random.seed(0)
N, T, D, H = 2, 4, 3, 5


def sigmoid(x):  # line 8
    return 1 / (1 + np.exp(-x))


def cell_forward(x, prev_h, prev_c, Wx, Wh, b, pert=None):
    # author's lines 31-39; pert lets us add eps to a pre-activation block / an activation
    pert = pert or {}
    gates = x @ Wx + prev_h @ Wh + b + pert.get('gates', 0)
    i_t = sigmoid(gates[:, 0:H]) + pert.get('i', 0)
    f_t = sigmoid(gates[:, H:2 * H]) + pert.get('f', 0)
    g_t = sigmoid(gates[:, 2 * H:3 * H]) + pert.get('g', 0)   # line 35: g_t is a sigmoid
    o_t = np.tanh(gates[:, 3 * H:4 * H]) + pert.get('o', 0)   # line 36: o_t is a tanh
    next_c = f_t * prev_c + i_t * g_t + pert.get('c', 0)
    next_h = o_t * np.tanh(next_c)
    cache = (x, prev_h, prev_c, Wx, Wh, i_t, f_t, o_t, g_t, next_h, next_c)
    return next_h, next_c, cache


def cell_backward(dnext_h, dnext_c, cache, fixed=False):
    (x, prev_h, prev_c, Wx, Wh, i_t, f_t, o_t, g_t, next_h, next_c) = cache
    dnext_c = dnext_c + o_t * (1 - np.tanh(next_c) ** 2) * dnext_h          # line 55
    di_t = dnext_c * g_t                                                   # line 57
    df_t = dnext_c * prev_c                                                # line 58
    do_t = dnext_h * np.tanh(next_c)                                       # line 59
    dg_t = dnext_c * i_t                                                   # line 60
    dprev_c = f_t * dnext_c                                                # line 62
    if not fixed:                                                          # lines 63-64 as written
        dgates = np.hstack((i_t * (1 - i_t) * di_t, f_t * (1 - f_t) * df_t,
                            o_t * (1 - o_t) * do_t, (1 - g_t ** 2) * dg_t))
    else:                                                                  # what the forward needs
        dgates = np.hstack((i_t * (1 - i_t) * di_t, f_t * (1 - f_t) * df_t,
                            g_t * (1 - g_t) * dg_t, (1 - o_t ** 2) * do_t))
    dx = dgates @ Wx.T                                                     # line 65
    dprev_h = dgates @ Wh.T                                                # line 66
    dWx = x.T @ dgates                                                     # line 67
    dWh = prev_h.T @ dgates                                                # line 68
    db = np.sum(dgates, axis=0)                                            # line 69
    return dx, dprev_h, dprev_c, dWx, dWh, db, dict(dnext_c=dnext_c, di=di_t, df=df_t, do=do_t, dg=dg_t, dgates=dgates)


def lstm_forward(x, h0, Wx, Wh, b, c0=None, pert_t=None, pert=None):
    h = np.zeros((N, T, H)); c = np.zeros((N, T, H))
    c0 = np.zeros((N, H)) if c0 is None else c0                            # line 89
    cache = {}
    for t in range(T):
        p = pert if t == pert_t else None
        if t == 0:
            h[:, t, :], c[:, t, :], cache[t] = cell_forward(x[:, t, :], h0, c0, Wx, Wh, b, p)
        else:
            h[:, t, :], c[:, t, :], cache[t] = cell_forward(x[:, t, :], h[:, t - 1, :], c[:, t - 1, :], Wx, Wh, b, p)
    return h, cache


def lstm_backward(dh, cache, fixed=False):
    dx = np.zeros((N, T, D)); dWx = np.zeros((D, 4 * H)); dWh = np.zeros((H, 4 * H)); db = np.zeros(4 * H)
    dprev = np.zeros((N, H)); dprev_c = np.zeros((N, H))
    locs = {}
    for t in range(T - 1, -1, -1):
        dx[:, t, :], dprev, dprev_c, dWx_l, dWh_l, db_l, loc = cell_backward(dh[:, t, :] + dprev, dprev_c, cache[t], fixed)  # 120-121
        locs[t] = loc
        dWx += dWx_l; dWh += dWh_l; db += db_l                             # lines 122-124
    dh0 = dprev                                                            # line 125
    return dx, dh0, dWx, dWh, db, locs


x = np.random.randn(N, T, D); h0 = np.random.randn(N, H) * 0.5
Wx = np.random.randn(D, 4 * H) * 0.5; Wh = np.random.randn(H, 4 * H) * 0.5; b = np.random.randn(4 * H) * 0.3
R = np.random.randn(N, T, H)


def loss(x=x, h0=h0, Wx=Wx, Wh=Wh, b=b, pert_t=None, pert=None):
    h, _ = lstm_forward(x, h0, Wx, Wh, b, pert_t=pert_t, pert=pert)
    return np.sum(R * h)


def num_grad(f, A, eps=1e-6):
    G = np.zeros_like(A)
    it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        ix = it.multi_index
        old = A[ix]
        A[ix] = old + eps; lp = f()
        A[ix] = old - eps; lm = f()
        A[ix] = old
        G[ix] = (lp - lm) / (2 * eps)
    return G


def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))


def report(name, a, b, tol=1e-6):
    r = rel(a, b)
    print('%-62s rel.err %.2e  -> %s' % (name, r, 'AGREE' if r < tol else 'DISAGREE'))


h, cache = lstm_forward(x, h0, Wx, Wh, b)
ndWx = num_grad(lambda: loss(), Wx)
ndWh = num_grad(lambda: loss(), Wh)
ndb = num_grad(lambda: loss(), b)
ndx = num_grad(lambda: loss(), x)
ndh0 = num_grad(lambda: loss(), h0)

print('== whole BPTT, author formulas as written (dgates lines 63-64) ==')
dx, dh0, dWx, dWh, db, locs = lstm_backward(R, cache)
report('dWx (lines 67,122)', dWx, ndWx)
report('dWh (lines 68,123)', dWh, ndWh)
report('db  (lines 69,124)', db, ndb)
report('dx  (line 65)', dx, ndx)
report('dh0 (lines 66,125)', dh0, ndh0)
for k, nm in enumerate(['i', 'f', 'g(2H:3H)', 'o(3H:4H)']):
    sl = slice(k * H, (k + 1) * H)
    report('  db block %d = %s' % (k, nm), db[sl], ndb[sl])

print('== whole BPTT, lines 63-64 replaced by g_t*(1-g_t)*dg_t | (1-o_t**2)*do_t in forward block order ==')
dx, dh0, dWx, dWh, db, locsF = lstm_backward(R, cache, fixed=True)
report('dWx', dWx, ndWx); report('dWh', dWh, ndWh); report('db', db, ndb)
report('dx', dx, ndx); report('dh0', dh0, ndh0)

print('== per-step rows (step t, dL/d activation with everything else fixed) ==')
# local quantities at step t from the FIXED run (so upstream dh, dc are exact)
for t in [T - 1, 1]:
    loc = locsF[t]
    for key, pk in [('dnext_c', 'c'), ('di', 'i'), ('df', 'f'), ('do', 'o'), ('dg', 'g')]:
        A = np.zeros((N, H))
        g = num_grad(lambda: loss(pert_t=t, pert={pk: A}), A)
        line = {'dnext_c': 55, 'di': 57, 'df': 58, 'do': 59, 'dg': 60}[key]
        report('t=%d line %d %s = dL/d%s' % (t, line, key, pk), loc[key], g)
    A = np.zeros((N, 4 * H))
    g = num_grad(lambda: loss(pert_t=t, pert={'gates': A}), A)
    # author's dgates at the same step, built from the exact upstream gradients
    (xx, ph, pc, _, _, i_t, f_t, o_t, g_t, nh, nc) = cache[t]
    dg_author = np.hstack((i_t * (1 - i_t) * loc['di'], f_t * (1 - f_t) * loc['df'],
                           o_t * (1 - o_t) * loc['do'], (1 - g_t ** 2) * loc['dg']))
    report('t=%d lines 63-64 dgates as written = dL/dgates' % t, dg_author, g)
    for k, nm in enumerate(['i', 'f', 'g', 'o']):
        sl = slice(k * H, (k + 1) * H)
        report('t=%d    block %d (%s) as written' % (t, k, nm), dg_author[:, sl], g[:, sl])
    report('t=%d corrected dgates = dL/dgates' % t, loc['dgates'], g)

print('== alternative reading: if lines 35-36 were o_t = sigmoid(block 2), g_t = tanh(block 3) ==')


def cell_forward_alt(x, prev_h, prev_c, Wx, Wh, b):
    gates = x @ Wx + prev_h @ Wh + b
    i_t = sigmoid(gates[:, 0:H]); f_t = sigmoid(gates[:, H:2 * H])
    o_t = sigmoid(gates[:, 2 * H:3 * H]); g_t = np.tanh(gates[:, 3 * H:4 * H])
    next_c = f_t * prev_c + i_t * g_t; next_h = o_t * np.tanh(next_c)
    return next_h, next_c, (x, prev_h, prev_c, Wx, Wh, i_t, f_t, o_t, g_t, next_h, next_c)


cf = cell_forward
cell_forward = lambda x, ph, pc, Wx, Wh, b, p=None: cell_forward_alt(x, ph, pc, Wx, Wh, b)
h, cache = lstm_forward(x, h0, Wx, Wh, b)
dx, dh0, dWx, dWh, db, _ = lstm_backward(R, cache)
report('alt forward + author backward as written: dWx', dWx, num_grad(lambda: loss(), Wx))
report('alt forward + author backward as written: db', db, num_grad(lambda: loss(), b))
cell_forward = cf
