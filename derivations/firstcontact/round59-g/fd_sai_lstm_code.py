"""FD check for sai_lstm_code.md (saikrishnaponnam/Machine-Learning src/layers/lstm.py @ 2415ed6), numpy port.
Row-vector batch layout: gates = x_t @ W_x + h_t @ W_h + b, split [f, i, c_tilde, o].  Loss L = sum_t sum(d_out[t] * h_t).
Non-zero initial state hx=(h0, c0) is passed (the forward accepts it), which exposes lines 120/121."""
import numpy as np
rng = np.random.default_rng(5959)
T, N, D, H = 4, 2, 3, 3
sig = lambda z: 1/(1+np.exp(-z))
W_x = rng.normal(0, .5, (D, 4*H)); W_h = rng.normal(0, .5, (H, 4*H)); b = rng.normal(0, .3, 4*H)
X = rng.normal(0, 1, (T, N, D)); d_out = rng.normal(0, 1, (T, N, H))
h0 = rng.normal(0, .7, (N, H)); c0 = rng.normal(0, .7, (N, H))

def forward(W_x=W_x, W_h=W_h, b=b, X=X, h0=h0, c0=c0, dg=None, dcs=None, dhs=None):
    h_t, c_t = h0.copy(), c0.copy(); cache = []; L = 0.0
    for t in range(T):
        x_t = X[t]
        gates = x_t @ W_x + h_t @ W_h + b                      # line 75
        if dg is not None and dg[0] == t: gates = gates + dg[1]
        f_t, i_t, c_tilde_t, o_t = np.split(gates, 4, axis=1)  # line 76
        f_t = sig(f_t); i_t = sig(i_t); c_tilde_t = np.tanh(c_tilde_t); o_t = sig(o_t)   # lines 78-81
        c_t = f_t * c_t + i_t * c_tilde_t                        # line 83
        if dcs is not None and dcs[0] == t: c_t = c_t + dcs[1]
        h_t = o_t * np.tanh(c_t)                                 # line 84
        if dhs is not None and dhs[0] == t: h_t = h_t + dhs[1]
        cache.append((x_t, f_t, i_t, o_t, c_tilde_t, c_t, h_t)); L += np.sum(d_out[t]*h_t)
    return L, cache
L0, cache = forward()
eps = 1e-6
def fd(fun, v):
    g = np.zeros_like(v); it = np.nditer(v, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; vp = v.copy(); vp[k] += eps; vm = v.copy(); vm[k] -= eps
        g[k] = (fun(vp)-fun(vm))/(2*eps)
    return g
close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-7)
z = np.zeros((N, H))
true_dh = [fd(lambda d: forward(dhs=(t, d))[0], z) for t in range(T)]          # total dL/dh_t
true_dc = [fd(lambda d: forward(dcs=(t, d))[0], z) for t in range(T)]          # total dL/dc_t
true_dg = [fd(lambda d: forward(dg=(t, d))[0], np.zeros((N, 4*H))) for t in range(T)]   # dL/dgates_t (pre-activation)
gWx = fd(lambda W: forward(W_x=W)[0], W_x.copy()); gWh = fd(lambda W: forward(W_h=W)[0], W_h.copy()); gb = fd(lambda v: forward(b=v)[0], b.copy())
gX = fd(lambda Xv: forward(X=Xv)[0], X.copy()); gh0 = fd(lambda v: forward(h0=v)[0], h0.copy()); gc0 = fd(lambda v: forward(c0=v)[0], c0.copy())
res = {k: True for k in []}
# forward rows (by construction vs the standard LSTM definition in docs/lstm.md)
t = 1
x_t, f_t, i_t, o_t, ct_t, c_t, h_t = cache[t]; hp, cp = cache[t-1][6], cache[t-1][5]
a = x_t @ W_x + hp @ W_h + b
res[75] = close(np.split(a, 4, axis=1)[0], np.log(f_t/(1-f_t)))
res[76] = True
res[78] = close(f_t, sig(a[:, :H])); res[79] = close(i_t, sig(a[:, H:2*H])); res[80] = close(ct_t, np.tanh(a[:, 2*H:3*H])); res[81] = close(o_t, sig(a[:, 3*H:]))
res[83] = close(c_t, f_t*cp + i_t*ct_t); res[84] = close(h_t, o_t*np.tanh(c_t))
# backward as written, with per-row checks inside the loop
dW_x = np.zeros_like(W_x); dW_h = np.zeros_like(W_h); db = np.zeros_like(b)
dx = [None]*T
dh_t = np.zeros_like(d_out[0]); dc_t = np.zeros_like(d_out[0])          # lines 114-115
rows = {k: [] for k in [120, 121, 123, 124, 126, 127, 128, 129, 131, 137, 138, 139]}
for t in reversed(range(T)):
    x_t, f_t, i_t, o_t, c_tilde_t, c_t, h_t = cache[t]
    c_prev = cache[t-1][5] if t > 0 else np.zeros_like(c_t)              # line 120
    h_prev = cache[t-1][6] if t > 0 else np.zeros_like(h_t)              # line 121
    rows[120].append(close(c_prev, cache[t-1][5] if t > 0 else c0))
    rows[121].append(close(h_prev, cache[t-1][6] if t > 0 else h0))
    cp_true = cache[t-1][5] if t > 0 else c0
    dh_in = dh_t.copy()
    dh_t += d_out[t]                                                     # line 123
    rows[123].append(close(dh_t, true_dh[t]))
    dc_t += dh_t * o_t * (1 - np.tanh(c_t) ** 2)                         # line 124
    rows[124].append(close(dc_t, true_dc[t]))
    tg = np.split(true_dg[t], 4, axis=1)
    # rows judged with true inputs: use true c_{t-1} where the row reads c_prev
    df_t = dc_t * c_prev * f_t * (1 - f_t)                               # line 126
    rows[126].append(close(true_dc[t] * cp_true * f_t * (1 - f_t), tg[0]))
    di_t = dc_t * c_tilde_t * i_t * (1 - i_t)                            # line 127
    rows[127].append(close(di_t, tg[1]))
    dc_tilde_t = dc_t * i_t * (1 - c_tilde_t**2)                         # line 128
    rows[128].append(close(dc_tilde_t, tg[2]))
    do_t = dh_t * np.tanh(c_t) * o_t * (1 - o_t)                         # line 129
    rows[129].append(close(do_t, tg[3]))
    d_gates = np.concatenate([df_t, di_t, dc_tilde_t, do_t], axis=1)     # line 131
    rows[131].append(close(np.concatenate([tg[0], di_t, dc_tilde_t, do_t], axis=1), true_dg[t]))
    dW_x += x_t.T @ d_gates                                              # line 133
    dW_h += h_prev.T @ d_gates                                           # line 134
    db += d_gates.sum(axis=0)                                            # line 135
    dx[t] = d_gates @ W_x.T                                              # line 137
    rows[137].append(close(true_dg[t] @ W_x.T, gX[t]))
    dh_t = d_gates @ W_h.T                                               # line 138
    hp_grad_true = (true_dh[t-1] - d_out[t-1]) if t > 0 else gh0
    rows[138].append(close(true_dg[t] @ W_h.T, hp_grad_true))
    dc_t = dc_t * f_t                                                    # line 139
    cp_grad_true = (true_dc[t-1] - true_dh[t-1]*cache[t-1][3]*(1-np.tanh(cache[t-1][5])**2)) if t > 0 else gc0
    rows[139].append(close(true_dc[t] * f_t, cp_grad_true))
for k, v in rows.items(): res[k] = all(v)
# accumulations, formula with true per-step values (true prev states)
hps = [h0] + [cache[s][6] for s in range(T-1)]
res[133] = close(sum(cache[s][0].T @ true_dg[s] for s in range(T)), gWx)
res[134] = close(sum(hps[s].T @ true_dg[s] for s in range(T)), gWh)
res[135] = close(sum(true_dg[s].sum(axis=0) for s in range(T)), gb)
res[114] = res[115] = True
# the as-written pass indeed gets dW_h wrong because of line 121 (and df at t=0 because of line 120)
assert not close(dW_h, gWh)
expected = {75: 1, 76: 1, 78: 1, 79: 1, 80: 1, 81: 1, 83: 1, 84: 1, 114: 1, 115: 1, 120: 0, 121: 0, 123: 1, 124: 1,
            126: 1, 127: 1, 128: 1, 129: 1, 131: 1, 133: 1, 134: 1, 135: 1, 137: 1, 138: 1, 139: 1}
for ln in sorted(expected):
    print(ln, 'pass' if res[ln] else 'fail', 'expected', 'pass' if expected[ln] else 'fail')
    assert bool(res[ln]) == bool(expected[ln]), ln
print('OK')
