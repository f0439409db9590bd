"""FD check for sai_rnn_code.md (saikrishnaponnam/Machine-Learning src/layers/rnn.py @ 6f521de), numpy port.
Stacked RNN, row layout: a^l_t = x^l_t @ w_xh[l] + h^l_{t-1} @ w_hh[l] + bh[l], h^l_t = act(a^l_t), x^{l+1}_t = h^l_t.
output = top-layer h_t; d_out = dL/d output.  Loss L = sum_t sum(d_out[t] * h^{top}_t).  Non-zero hx passed."""
import numpy as np
rng = np.random.default_rng(7)
T, N, D, H, NL = 4, 2, 3, 3, 2
def make(nonlin):
    w_xh = [rng.normal(0, .6, (D if l == 0 else H, H)) for l in range(NL)]
    w_hh = [rng.normal(0, .6, (H, H)) for l in range(NL)]
    bh = [rng.normal(0, .3, H) for l in range(NL)]
    return w_xh, w_hh, bh
X = rng.normal(0, 1, (T, N, D)); d_out = rng.normal(0, 1, (T, N, H)); hx0 = [rng.normal(0, .7, (N, H)) for _ in range(NL)]
eps = 1e-6
def fd(fun, v):
    g = np.zeros_like(v); it = np.nditer(v, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; vp = v.copy(); vp[k] += eps; vm = v.copy(); vm[k] -= eps
        g[k] = (fun(vp)-fun(vm))/(2*eps)
    return g
close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-7)

def run(nonlin):
    act = (lambda a: np.maximum(a, 0)) if nonlin == 'relu' else np.tanh
    w_xh, w_hh, bh = make(nonlin)
    def forward(X=X, hx=hx0, W=None, dA=None):
        wx = list(w_xh); wh = list(w_hh); bb = list(bh)
        if W is not None:
            kind, l, v = W
            if kind == 'x': wx[l] = v
            if kind == 'h': wh[l] = v
            if kind == 'b': bb[l] = v
        h_prev = list(hx); inputs, hs, raws = [], [], []; L = 0.0
        for t in range(T):
            x_t = X[t]; h_t = []; a_t = []
            for l in range(NL):
                a = x_t @ wx[l] + h_prev[l] @ wh[l] + bb[l]           # line 83
                if dA is not None and dA[0] == t and dA[1] == l: a = a + dA[2]
                hl = act(a)                                          # line 84
                a_t.append(a); h_t.append(hl); x_t = hl              # line 87
            h_prev = h_t; inputs.append(X[t]); hs.append(h_t); raws.append(a_t)
            L += np.sum(d_out[t] * h_t[-1])
        return L, inputs, hs, raws
    L0, inputs, hs, raws = forward()
    true_da = {(t, l): fd(lambda d: forward(dA=(t, l, d))[0], np.zeros((N, H))) for t in range(T) for l in range(NL)}
    gX = fd(lambda Xv: forward(X=Xv)[0], X.copy())
    gwx = [fd(lambda v: forward(W=('x', l, v))[0], w_xh[l].copy()) for l in range(NL)]
    gwh = [fd(lambda v: forward(W=('h', l, v))[0], w_hh[l].copy()) for l in range(NL)]
    gb = [fd(lambda v: forward(W=('b', l, v))[0], bh[l].copy()) for l in range(NL)]
    ghx = [fd(lambda v: forward(hx=[v if k == l else hx0[k] for k in range(NL)])[0], hx0[l].copy()) for l in range(NL)]
    dphi = (lambda a, h: (a > 0).astype(float)) if nonlin == 'relu' else (lambda a, h: 1 - h**2)
    # true dL/dh^l_t (total) = true_da / act'  is ill-defined for relu zeros; build it from the chain instead:
    def true_dh(t, l):
        g = np.zeros((N, H))
        if l == NL-1: g = g + d_out[t]
        else: g = g + true_da[(t, l+1)] @ w_xh[l+1].T
        if t+1 < T: g = g + true_da[(t+1, l)] @ w_hh[l].T
        return g
    # sanity: chain-built dh gives the FD da
    for t in range(T):
        for l in range(NL):
            assert close(true_dh(t, l) * dphi(raws[t][l], hs[t][l]), true_da[(t, l)])
    rows = {k: [] for k in [123, 126, 129, 130, 132, 134, 137, 142]}
    dh_next = [np.zeros((N, H)) for _ in range(NL)]                       # line 120
    for t in reversed(range(T)):
        d_layer = d_out[t]                                                # line 123
        rows[123].append(close(d_layer, true_dh(t, NL-1) - (true_da[(t+1, NL-1)] @ w_hh[NL-1].T if t+1 < T else 0)))
        for l in reversed(range(NL)):
            x_t = inputs[t] if l == 0 else hs[t][l-1]                     # line 126
            rows[126].append(close(x_t, X[t] if l == 0 else hs[t][l-1]))
            h_t = hs[t][l]; a_t = raws[t][l]
            h_prev = hs[t-1][l] if t > 0 else np.zeros_like(h_t)          # line 129
            rows[129].append(close(h_prev, hs[t-1][l] if t > 0 else hx0[l]))
            # line 130 judged with the true from-future term (dh_next true) -> only the d_layer part can be wrong
            from_future = true_da[(t+1, l)] @ w_hh[l].T if t+1 < T else np.zeros((N, H))
            dh = d_layer + dh_next[l]                                     # line 130
            rows[130].append(close(d_layer + from_future, true_dh(t, l)))
            if nonlin == 'relu':
                d_at = (a_t > 0).astype(float) * dh                       # line 132
                rows[132].append(close((a_t > 0).astype(float) * true_dh(t, l), true_da[(t, l)]))
            else:
                d_at = (1 - h_t**2) * dh                                  # line 134
                rows[134].append(close((1 - h_t**2) * true_dh(t, l), true_da[(t, l)]))
            if l == 0:
                rows[137].append(close(true_da[(t, 0)] @ w_xh[0].T, gX[t]))   # line 137
            dh_next[l] = d_at @ w_hh[l].T                                 # line 142
            want = (true_dh(t-1, l) - (d_out[t-1] if l == NL-1 else true_da[(t-1, l+1)] @ w_xh[l+1].T)) if t > 0 else ghx[l]
            rows[142].append(close(true_da[(t, l)] @ w_hh[l].T, want))
    res = {k: all(v) for k, v in rows.items() if v}
    hp = lambda t, l: hs[t-1][l] if t > 0 else hx0[l]
    xin = lambda t, l: X[t] if l == 0 else hs[t][l-1]
    res[139] = all(close(sum(xin(t, l).T @ true_da[(t, l)] for t in range(T)), gwx[l]) for l in range(NL))
    res[140] = all(close(sum(hp(t, l).T @ true_da[(t, l)] for t in range(T)), gwh[l]) for l in range(NL))
    res[141] = all(close(sum(true_da[(t, l)].sum(axis=0) for t in range(T)), gb[l]) for l in range(NL))
    res[149] = all(close(true_da[(0, l)] @ w_hh[l].T, ghx[l]) for l in range(NL))
    res[120] = True
    # forward rows
    res[83] = close(raws[1][1], hs[1][0] @ w_xh[1] + hs[0][1] @ w_hh[1] + bh[1])
    res[84] = close(hs[1][1], act(raws[1][1])); res[87] = close(xin(1, 1), hs[1][0])
    return res
r_tanh = run('tanh'); r_relu = run('relu')
res = dict(r_tanh); res[132] = r_relu[132]
for k in r_relu:
    if k not in (132, 134): assert r_relu[k] == r_tanh[k], (k, r_relu[k], r_tanh[k])
expected = {83: 1, 84: 1, 87: 1, 120: 1, 123: 1, 126: 1, 129: 0, 130: 0, 132: 1, 134: 1, 137: 1, 139: 1, 140: 1, 141: 1, 142: 1, 149: 1}
for ln in sorted(expected):
    print(ln, 'pass' if res[ln] else 'fail', 'expected', 'pass' if expected[ln] else 'fail')
    assert bool(res[ln]) == bool(expected[ln]), ln
print('OK')
