"""Finite-difference check of neon_gru.py (neon GRU.fprop / GRU.bprop, column layout (nout, bsz)).

Author's fprop/bprop re-implemented statement by statement with numpy (line numbers of the note).
Loss L = sum(deltas * h) over all steps, so the incoming in_deltas are `deltas`.
Scenario A: initial state zero (reset_cells=True / first minibatch) -> h_prev_bprop[0] = 0.
Scenario B: init_state given (fprop sets h_prev_bprop[0] = init_state).
Scenario C (row 86, annotated fail): stateful layer (reset_cells=False, no init_state) whose h[-1]
  still holds the previous minibatch's last state: fprop uses it, bprop uses h_prev_bprop[0] = 0.
"""
import numpy as np

rng = np.random.default_rng(1)
T, B, nin, n = 4, 3, 3, 4
sig = lambda a: 1. / (1. + np.exp(-a))


def params():
    W_input = rng.normal(scale=0.5, size=(3 * n, nin))
    W_recur = rng.normal(scale=0.5, size=(3 * n, n))
    b = rng.normal(scale=0.5, size=(3 * n, 1))
    return W_input, W_recur, b


def fprop(W_input, W_recur, b, xs, h0, pert=None):
    Wrz_recur, Whcan_recur = W_recur[:2 * n], W_recur[2 * n:]
    b_rz, b_hcan = b[:2 * n], b[2 * n:]
    h_prev = h0
    rzhcan = [W_input @ xs[t] for t in range(T)]                # 187
    C = dict(r=[], z=[], hcan=[], rh_prev=[], h=[], hp=[])
    for t in range(T):
        rz_rec = Wrz_recur @ h_prev                              # 194
        pre = rzhcan[t][:2 * n] + rz_rec + b_rz
        if pert is not None and pert[0] == 'rz' and pert[1] == t:
            pre = pre + pert[2]
        rz = sig(pre)                                            # 195
        r, z = rz[:n], rz[n:]
        rh_prev = r * h_prev                                     # 196
        hcan_rec = Whcan_recur @ rh_prev                         # 197
        pre_c = hcan_rec + rzhcan[t][2 * n:] + b_hcan
        if pert is not None and pert[0] == 'hcan' and pert[1] == t:
            pre_c = pre_c + pert[2]
        hcan = np.tanh(pre_c)                                    # 199
        h = (1 - z) * h_prev + z * hcan                          # 200
        if pert is not None and pert[0] == 'h' and pert[1] == t:
            h = h + pert[2]
        for k, v in zip(['r', 'z', 'hcan', 'rh_prev', 'h', 'hp'], [r, z, hcan, rh_prev, h, h_prev]):
            C[k].append(v)
        h_prev = h
    return C


def loss(W_input, W_recur, b, xs, h0, deltas, pert=None):
    C = fprop(W_input, W_recur, b, xs, h0, pert)
    return sum(np.sum(deltas[t] * C['h'][t]) for t in range(T))


def bprop(W_input, W_recur, C, xs, deltas, h_prev_bprop0):
    Wrz_recur, Whcan_recur = W_recur[:2 * n], W_recur[2 * n:]
    dWrz_recur = np.zeros_like(Wrz_recur); dWhcan_recur = np.zeros_like(Whcan_recur)
    in_deltas = [d.copy() for d in deltas]
    h_prev_bprop = [h_prev_bprop0] + C['h'][:-1]
    rzhcan_delta = [None] * T
    h_delta = [None] * T
    used_in = [None] * T
    for t in reversed(range(T)):
        r, z, hcan, rh_prev, h_prev = C['r'][t], C['z'][t], C['hcan'][t], C['rh_prev'][t], h_prev_bprop[t]
        used_in[t] = in_deltas[t].copy()
        hcan_delta = (1 - hcan ** 2) * in_deltas[t] * z                    # 240
        z_delta = z * (1 - z) * in_deltas[t] * (hcan - h_prev)              # 241
        r_delta = Whcan_recur.T @ hcan_delta                                # 244
        r_delta = r * (1 - r) * r_delta * h_prev                            # 245
        rz_delta = np.vstack([r_delta, z_delta])
        hd = in_deltas[t] * (1 - z)                                         # 248
        hd = Wrz_recur.T @ rz_delta + 1.0 * hd                              # 249
        wrc_T_dc = Whcan_recur.T @ hcan_delta                               # 250
        hd = hd + r * wrc_T_dc                                              # 251
        if not (np.isscalar(h_prev) and h_prev == 0):                       # 253
            dWrz_recur = rz_delta @ h_prev.T + 1.0 * dWrz_recur             # 254
            dWhcan_recur = hcan_delta @ rh_prev.T + 1.0 * dWhcan_recur      # 255
        in_deltas[t - 1] = in_deltas[t - 1] + hd                            # 257 (t=0 -> index -1 = T-1, already used)
        rzhcan_delta[t] = np.vstack([r_delta, z_delta, hcan_delta])
        h_delta[t] = hd
    buf = np.hstack(rzhcan_delta)                      # rzhcan_delta_buffer (3n, T*B)
    X = np.hstack(xs)
    dW_input = buf @ X.T                                                    # 260
    db = buf.sum(axis=1, keepdims=True)                                     # 261
    out = W_input.T @ buf                                                   # 265-267 (alpha=1, beta=0)
    dxs = [out[:, t * B:(t + 1) * B] for t in range(T)]
    return dict(dW_input=dW_input, dWrz_recur=dWrz_recur, dWhcan_recur=dWhcan_recur, db=db, dxs=dxs,
                rzhcan_delta=rzhcan_delta, used_in=used_in, final_hidden_error=h_delta[0])   # 269


def num(f, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (f(e) - f(-e)) / (2 * eps)
    return g


close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)


def run(name, h0_fwd, h0_bprop):
    print('=== scenario:', name)
    W_input, W_recur, b = params()
    xs = [rng.normal(size=(nin, B)) for _ in range(T)]
    deltas = [rng.normal(size=(n, B)) for _ in range(T)]
    C = fprop(W_input, W_recur, b, xs, h0_fwd)
    G = bprop(W_input, W_recur, C, xs, deltas, h0_bprop)
    L = lambda Wi=W_input, Wr=W_recur, bb=b, X=xs, h0=h0_fwd, pert=None: loss(Wi, Wr, bb, X, h0, deltas, pert)
    ok = {}
    # pre-activation deltas per step: rows 240 (hcan), 241 (z), 244-245 (r)
    ok_h = ok_z = ok_r = ok_in = True
    for t in range(T):
        g_rz = num(lambda e: L(pert=('rz', t, e)), (2 * n, B))
        g_c = num(lambda e: L(pert=('hcan', t, e)), (n, B))
        ok_r &= close(G['rzhcan_delta'][t][:n], g_rz[:n])
        ok_z &= close(G['rzhcan_delta'][t][n:2 * n], g_rz[n:])
        ok_h &= close(G['rzhcan_delta'][t][2 * n:], g_c)
        g_h = num(lambda e: L(pert=('h', t, e)), (n, B))
        ok_in &= close(G['used_in'][t], g_h)
    print('row 240 hcan_delta (dL/d candidate pre-activation): %s' % ('agree' if ok_h else 'DISAGREE'))
    print('row 241 z_delta (dL/d update-gate pre-activation): %s' % ('agree' if ok_z else 'DISAGREE'))
    print('rows 244-245 r_delta (dL/d reset-gate pre-activation): %s' % ('agree' if ok_r else 'DISAGREE'))
    print('rows 248-251 + 257 (h_delta accumulated into in_deltas = total dL/dh[t]): %s' % ('agree' if ok_in else 'DISAGREE'))
    gWr = num(lambda e: L(Wr=W_recur + e), W_recur.shape)
    print('row 254 dWrz_recur: %s' % ('agree' if close(G['dWrz_recur'], gWr[:2 * n]) else 'DISAGREE'))
    print('row 255 dWhcan_recur: %s' % ('agree' if close(G['dWhcan_recur'], gWr[2 * n:]) else 'DISAGREE'))
    gWi = num(lambda e: L(Wi=W_input + e), W_input.shape)
    print('row 260 dW_input: %s' % ('agree' if close(G['dW_input'], gWi) else 'DISAGREE'))
    gb = num(lambda e: L(bb=b + e), b.shape)
    print('row 261 db: %s' % ('agree' if close(G['db'], gb) else 'DISAGREE'))
    okx = True
    for t in range(T):
        gx = num(lambda e: L(X=[xs[s] + (e if s == t else 0) for s in range(T)]), (nin, B))
        okx &= close(G['dxs'][t], gx)
    print('rows 265-267 out_deltas (dL/dx): %s' % ('agree' if okx else 'DISAGREE'))
    gh0 = num(lambda e: L(h0=h0_fwd + e), (n, B))
    print('row 269 final_hidden_error = h_delta[0] (dL/d initial state): %s'
          % ('agree' if close(G['final_hidden_error'], gh0) else 'DISAGREE'))
    print()


run('A: zero initial state', np.zeros((n, B)), 0)
h0 = rng.normal(size=(n, B))
run('B: init_state given', h0, h0)
run('C: stateful carry-over (row 86): fprop uses h[-1] != 0 but h_prev_bprop[0] = 0', h0, 0)
