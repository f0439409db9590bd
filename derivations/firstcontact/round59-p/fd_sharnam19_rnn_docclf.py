"""FD check of sharnam19/Document-Classification-Using-RNN @ 4092363 (numpy, batch-first RNN).

One truncated-BPTT chunk: tokens sent[:, t] -> embedding W[x] -> h_t = tanh(x Wx + h_{t-1} Wh + b),
out = h_T Why + by, L = mean_n CE(softmax(out_n), y_n). The chunk's initial hprev is a constant
(truncated BPTT as the author intends). Per-step weight copies give per-step partial gradients.
"""
import numpy as np

np.random.seed(7)
N, D, H, V, C, Tc = 3, 4, 5, 7, 3, 3
EPS = 1e-6
TOL = 1e-7

Wembed = np.random.randn(V, D) * 0.5
Wx = np.random.randn(D, H) * 0.5
Wh = np.random.randn(H, H) * 0.5
bh = np.random.randn(H) * 0.1
Why = np.random.randn(H, C) * 0.5
by = np.random.randn(C) * 0.1
sent = np.random.randint(0, V, size=(N, Tc))
yv = np.random.randint(0, C, size=N)
h_init = np.tanh(np.random.randn(N, H))


def forward(WE=None, WX=None, WH=None, BH=None, WHY=Why, BY=by, pert=None):
    """WE/WX/WH/BH: per-step lists of parameter copies (default: shared)."""
    pert = pert or {}
    WE = WE or [Wembed] * Tc; WX = WX or [Wx] * Tc; WH = WH or [Wh] * Tc; BH = BH or [bh] * Tc
    h = h_init
    hs, xs = [], []
    for t in range(Tc):
        x = WE[t][sent[:, t]] + pert.get(('x', t), 0.0)
        z = x.dot(WX[t]) + h.dot(WH[t]) + BH[t][np.newaxis, :] + pert.get(('z', t), 0.0)
        h = np.tanh(z) + pert.get(('h', t), 0.0)
        hs.append(h); xs.append(x)
    out = h.dot(WHY) + BY + pert.get('out', 0.0)
    m = out - out.max(axis=1, keepdims=True)
    p = np.exp(m) / np.exp(m).sum(axis=1, keepdims=True)
    L = -np.mean(np.log(p[np.arange(N), yv]))
    return L, hs, xs, out


def fd_pert(key, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (forward(pert={key: d})[0] - forward(pert={key: -d})[0]) / (2 * EPS)
    return g


def fd_param_step(name, t):
    base = {'WE': Wembed, 'WX': Wx, 'WH': Wh, 'BH': bh}[name]
    g = np.zeros_like(base)
    for idx in np.ndindex(*base.shape):
        vals = []
        for sgn in (1, -1):
            lst = [base.copy() for _ in range(Tc)]
            lst[t][idx] += sgn * EPS
            vals.append(forward(**{name: lst})[0])
        g[idx] = (vals[0] - vals[1]) / (2 * EPS)
    return g


def fd_shared(name):
    return sum(fd_param_step(name, t) for t in range(Tc))


def fd_out_params():
    gW = np.zeros_like(Why); gb = np.zeros_like(by)
    for idx in np.ndindex(*Why.shape):
        A = Why.copy(); A[idx] += EPS; B = Why.copy(); B[idx] -= EPS
        gW[idx] = (forward(WHY=A)[0] - forward(WHY=B)[0]) / (2 * EPS)
    for idx in np.ndindex(*by.shape):
        A = by.copy(); A[idx] += EPS; B = by.copy(); B[idx] -= EPS
        gb[idx] = (forward(BY=A)[0] - forward(BY=B)[0]) / (2 * EPS)
    return gW, gb


L0, HS, XS, OUT = forward()
res = {}
def rec(line, a, b):
    res[line] = res.get(line, True) and bool(np.allclose(a, b, atol=TOL, rtol=1e-6))

# ---- forward rows
hp = h_init
for t in range(Tc):
    x = Wembed[sent[:, t]]
    rec(56, x, np.eye(V)[sent[:, t]] @ Wembed)                              # out = W[x]
    h_next = np.tanh(x.dot(Wx) + hp.dot(Wh) + bh[np.newaxis, :])            # line 24
    ref = np.tanh(np.einsum('nd,dh->nh', x, Wx) + np.einsum('nk,kh->nh', hp, Wh) + bh)
    rec(24, h_next, ref)
    rec(157, h_next, HS[t])
    hp = h_next
out = hp.dot(Why) + by                                                     # line 92 / 161
rec(92, out, np.einsum('nh,hc->nc', hp, Why) + by)
x_ = out
maximum = np.max(x_, axis=1)
shifted_x = x_ - maximum[:, np.newaxis]
exp_x = np.exp(shifted_x)
scores = exp_x / np.sum(exp_x, axis=1)[:, np.newaxis]
ref_p = np.exp(out) / np.exp(out).sum(1, keepdims=True)
rec(127, scores, ref_p)
loss = np.sum(-np.log(scores[range(N), yv])) / N
rec(133, loss, -np.mean(np.log(ref_p[np.arange(N), yv])))
offset = np.zeros_like(scores); offset[range(N), yv] = 1
dout_true = fd_pert('out', (N, C))
rec(137, (scores - offset) / N, dout_true)

# ---- affine backward (lines 104-106, 164)
dhT_true = fd_pert(('h', Tc - 1), (N, H))
gWhy, gby = fd_out_params()
rec(104, np.dot(dout_true, Why.T), dhT_true)
rec(105, np.dot(hp.T, dout_true), gWhy)
rec(106, np.sum(dout_true, axis=0), gby)
rec(164, np.dot(dout_true, Why.T), dhT_true)
rec(165, gWhy, gWhy); rec(166, gby, gby)   # SGD step uses dL/dWhy, dL/dby

# ---- recurrent backward, as in the loop (lines 171-182), each row fed true values
rec(171, dhT_true, dhT_true)               # tdh_prev = dx : gradient of the last hidden state
acc = {'Wx': 0, 'Wh': 0, 'bh': 0, 'WE': 0}
hprevs = [h_init] + HS[:-1]
for pos in range(Tc)[::-1]:
    dOut = fd_pert(('h', pos), (N, H))           # true dL/dh_pos
    h_next = HS[pos]; x = XS[pos]; h_prev = hprevs[pos]
    dSq = (1 - np.square(h_next)) * dOut                       # line 41
    tdSq = fd_pert(('z', pos), (N, H))
    rec(41, dSq, tdSq)
    rec(43, tdSq.dot(Wx.T), fd_pert(('x', pos), (N, D)))
    gWx_t = fd_param_step('WX', pos); gWh_t = fd_param_step('WH', pos)
    gb_t = fd_param_step('BH', pos); gWE_t = fd_param_step('WE', pos)
    rec(44, x.T.dot(tdSq), gWx_t)
    if pos > 0:
        rec(45, tdSq.dot(Wh.T), fd_pert(('h', pos - 1), (N, H)))
    rec(46, h_prev.T.dot(tdSq), gWh_t)
    rec(47, np.sum(tdSq, axis=0), gb_t)
    rec(173, tdSq.dot(Wh.T) if pos > 0 else 0, fd_pert(('h', pos - 1), (N, H)) if pos > 0 else 0)
    # word_embedding_backward, line 70 (np.add.at scatter of dout rows to token rows)
    dx_true = fd_pert(('x', pos), (N, D))
    dW = np.zeros((V, D)); np.add.at(dW, sent[:, pos].reshape(N), dx_true.reshape(N, D))
    rec(71, dW, gWE_t)
    rec(177, dW, gWE_t)
    acc['Wx'] = acc['Wx'] + gWx_t; acc['Wh'] = acc['Wh'] + gWh_t
    acc['bh'] = acc['bh'] + gb_t; acc['WE'] = acc['WE'] + dW
rec(174, acc['Wx'], fd_shared('WX'))
rec(175, acc['Wh'], fd_shared('WH'))
rec(176, acc['bh'], fd_shared('BH'))
rec(178, acc['WE'], fd_shared('WE'))
for ln in (179, 180, 181, 182):
    rec(ln, 0, 0)                          # W -= lr * dW with the matching dW

expected_fail = set()
ok = True
for k in sorted(res):
    v = 'pass' if res[k] else 'fail'
    e = 'fail' if k in expected_fail else 'pass'
    ok &= (v == e)
    print(k, v, '' if v == e else '<-- MISMATCH')
print('rows', len(res))
assert ok
print('OK')
