# Finite-difference check of prml_16307130086_lstm.py (numpy only).
# Author's forward (lines 77-86) and bptt (lines 126-154, 159-171) re-implemented as written.
# The nn.Embedding lookup (line 75) is replaced by fixed input columns x[t] (D x B); nothing else changes.
# Loss whose gradient bptt computes: L = sum_t sum_j -log p_t[y_tj, j] (summed CE; loss() at lines 97-104
# divides by T*B, bptt divides only the learning rate by B, which is a scale, not a formula).
import numpy as np

np.random.seed(1)
T, B, D, Hd, V = 4, 3, 3, 5, 6


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def softmax(x):  # lines 25-29 (batch branch), x is V x B
    x = x.copy()
    tmp = np.max(x)
    x -= np.ones(x.shape) * tmp
    vec = np.dot(np.exp(x.T), np.ones((x.shape[0], 1)))
    vec = 1 / (vec * np.ones((1, x.shape[0])))
    return np.asarray(np.multiply(np.exp(np.asmatrix(x)), vec.T))  # np.mat in the source (removed in numpy 2)


X = np.random.randn(T, D, B)
Y = np.random.randint(0, V, (T, B))
P = {k: np.random.randn(Hd, D + Hd) * 0.5 for k in ['Wf', 'Wi', 'Wc', 'Wo']}
P.update({k: np.random.randn(Hd, 1) * 0.3 for k in ['Bf', 'Bi', 'Bc', 'Bo']})
P['w'] = np.random.randn(V, Hd) * 0.5
P['b'] = np.random.randn(V, 1) * 0.3


def forward(P, pert=None):
    pert = pert or {}
    h = np.zeros((T + 1, Hd, B)); c = np.zeros((T + 1, Hd, B))
    f = np.zeros((T + 1, Hd, B)); i = np.zeros_like(f); o = np.zeros_like(f); g = np.zeros_like(f)
    z = np.zeros((T + 1, Hd + D, B))
    target = []
    for t in range(T):
        z[t] = np.concatenate((X[t], h[t - 1]), 0)                       # line 77
        f[t] = sigmoid(P['Wf'].dot(z[t]) + P['Bf'] + pert.get(('af', t), 0))   # line 78
        i[t] = sigmoid(P['Wi'].dot(z[t]) + P['Bi'] + pert.get(('ai', t), 0))   # line 79
        o[t] = sigmoid(P['Wo'].dot(z[t]) + P['Bo'] + pert.get(('ao', t), 0))   # line 80
        g[t] = tanh(P['Wc'].dot(z[t]) + P['Bc'] + pert.get(('ag', t), 0))      # line 81
        f[t] += pert.get(('f', t), 0); i[t] += pert.get(('i', t), 0)
        o[t] += pert.get(('o', t), 0); g[t] += pert.get(('g', t), 0)
        c[t] = np.multiply(f[t], c[t - 1]) + np.multiply(i[t], g[t]) + pert.get(('c', t), 0)  # line 82
        h[t] = np.multiply(o[t], tanh(c[t])) + pert.get(('h', t), 0)           # line 83
        a = P['w'].dot(h[t]) + P['b']                                           # line 85
        target.append(softmax(a))                                               # line 86
    target = np.array(target).reshape(T, V, B)
    return target, (z, f, i, g, o, h, c)


def loss(P, pert=None):
    target, _ = forward(P, pert)
    return -sum(np.log(target[t][Y[t, j], j]) for t in range(T) for j in range(B))


def bptt(P, target, y, state, fix_dh=False):
    Wh_blocks = {k: P[k][:, D:] for k in ['Wf', 'Wi', 'Wc', 'Wo']}
    G = {k: np.zeros_like(P[k]) for k in ['Wf', 'Wi', 'Wc', 'Wo']}
    Gb = {k: np.zeros((Hd, B)) for k in ['Bf', 'Bi', 'Bc', 'Bo']}
    dw = np.zeros_like(P['w']); db = np.zeros((V, B))
    deltaCt = np.zeros((Hd, B))
    (z, f, i, g, o, h, c) = state
    dt = target.copy()
    for t in range(len(y)):
        for j in range(len(y[t])):
            dt[t][int(y[t][j])][j] -= 1                                    # line 126
    rec = np.zeros((Hd, B))   # recurrent dL/dh_t from step t+1 (only used when fix_dh)
    rows = {}
    for tt in range(len(y)):
        t = int(len(y) - tt - 1)
        inpZ = z[t].transpose((1, 0))
        dw += dt[t].dot(h[t].transpose((1, 0)))                             # line 131
        db += dt[t]                                                         # line 132
        dht = P['w'].T.dot(dt[t])                                           # line 133
        if fix_dh:
            dht = dht + rec
        deltaOt = dht * tanh(c[t])                                          # line 134
        deltaCt += dht * o[t] * (1 - tanh(c[t]) ** 2)                       # line 135
        deltaCt1 = deltaCt * f[t]                                           # line 136
        deltaIt = deltaCt * g[t]                                            # line 137
        deltaFt = deltaCt * c[t - 1]                                        # line 138
        deltaGt = deltaCt * i[t]                                            # line 139
        dg = deltaGt * (1 - g[t] ** 2)                                      # line 140
        di = deltaIt * i[t] * (1 - i[t])                                    # line 141
        df = deltaFt * f[t] * (1 - f[t])                                    # line 142
        do = deltaOt * o[t] * (1 - o[t])                                    # line 143
        rows[t] = dict(dht=dht.copy(), deltaOt=deltaOt, deltaCt=deltaCt.copy(), deltaCt1=deltaCt1,
                       deltaIt=deltaIt, deltaFt=deltaFt, deltaGt=deltaGt, dg=dg, di=di, df=df, do=do)
        G['Wc'] += dg.dot(inpZ); Gb['Bc'] += dg                             # lines 144-145
        G['Wi'] += di.dot(inpZ); Gb['Bi'] += di                             # lines 146-147
        G['Wf'] += df.dot(inpZ); Gb['Bf'] += df                             # lines 148-149
        G['Wo'] += do.dot(inpZ); Gb['Bo'] += do                             # lines 150-151
        rec = (Wh_blocks['Wc'].T.dot(dg) + Wh_blocks['Wi'].T.dot(di)
               + Wh_blocks['Wf'].T.dot(df) + Wh_blocks['Wo'].T.dot(do))     # the term the author never adds
        deltaCt = deltaCt1                                                  # line 153
    out = dict(G)
    for k in Gb:
        out[k] = np.sum(Gb[k], axis=1).reshape(-1, 1)                       # lines 159,162,165,168
    out['w'] = dw; out['b'] = np.sum(db, axis=1).reshape(-1, 1)             # line 171
    return out, rows


def num_grad(f, A, eps=1e-6):
    Gr = np.zeros_like(A)
    it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        ix = it.multi_index
        old = A[ix]
        A[ix] = old + eps; lp = f()
        A[ix] = old - eps; lm = f()
        A[ix] = old
        Gr[ix] = (lp - lm) / (2 * eps)
    return Gr


def report(name, a, b, tol=1e-6):
    r = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print('%-58s rel.err %.2e  -> %s' % (name, r, 'AGREE' if r < tol else 'DISAGREE'))


target, state = forward(P)
num = {k: num_grad(lambda: loss(P), P[k]) for k in P}

print('== parameter gradients, bptt as written (T=%d) ==' % T)
gr, rows = bptt(P, target, Y, state)
for k in ['w', 'b', 'Wo', 'Wf', 'Wi', 'Wc', 'Bo', 'Bf', 'Bi', 'Bc']:
    report(k, gr[k], num[k])

print('== same, with line 133 completed by the recurrent term sum_k W_k[:, D:].T @ delta_k(t+1) ==')
grF, rowsF = bptt(P, target, Y, state, fix_dh=True)
for k in ['w', 'b', 'Wo', 'Wf', 'Wi', 'Wc', 'Bo', 'Bf', 'Bi', 'Bc']:
    report(k, grF[k], num[k])

print('== per-step rows: author value vs dL/d(quantity at step t) by finite differences ==')
for t in [T - 1, 0]:
    for key, pk, line, src in [('dht', 'h', 133, rows), ('deltaCt', 'c', 135, rowsF), ('deltaOt', 'o', 134, rowsF),
                               ('deltaIt', 'i', 137, rowsF), ('deltaFt', 'f', 138, rowsF), ('deltaGt', 'g', 139, rowsF),
                               ('do', 'ao', 143, rowsF), ('di', 'ai', 141, rowsF), ('df', 'af', 142, rowsF),
                               ('dg', 'ag', 140, rowsF)]:
        A = np.zeros((Hd, B))
        ng = num_grad(lambda: loss(P, {(pk, t): A}), A)
        tag = 'as written' if src is rows else 'given complete dht'
        report('t=%d line %d %s (%s)' % (t, line, key, tag), src[t][key], ng)
# lines 136/153: deltaCt1 = deltaCt*f[t] carried into step t-1; deltaCt at t-1 (line 135) is then the total dL/dc_{t-1}
for t in range(T):
    A = np.zeros((Hd, B))
    ng_c = num_grad(lambda: loss(P, {('c', t): A}), A)
    report('t=%d lines 135/136/153 deltaCt (given complete dht) = dL/dc_t' % t, rowsF[t]['deltaCt'], ng_c)
print('== dht as written, other steps ==')
for t in range(T):
    A = np.zeros((Hd, B))
    ng = num_grad(lambda: loss(P, {('h', t): A}), A)
    report('t=%d line 133 dht = dL/dh_t' % t, rows[t]['dht'], ng)
