"""Finite-difference check of neon_recurrent.py (neon Recurrent.fprop / Recurrent.bprop, column layout).

Author's statements re-implemented with numpy (line numbers of the note); activation = Tanh.
Loss L = sum_t sum(deltas[t] * h[t]), so the incoming deltas are dL/dh.
Scenario A: zero initial state (reset_cells=True / first minibatch).
Scenario B: init_state given (h_prev_bprop[0] = init_state, line 229).
Scenario C (row 226): stateful layer, fprop starts from h[-1] != 0 (previous minibatch) but
  bprop uses h_prev_bprop[0] = 0.
"""
import numpy as np

rng = np.random.default_rng(2)
T, B, nin, n = 5, 3, 3, 4


def fprop(W_input, W_recur, b, xs, h0, pert=None):
    h_ff = [W_input @ xs[t] for t in range(T)]                   # 233
    hs, h_prev = [], h0
    for t in range(T):
        a = W_recur @ h_prev                                      # 236
        a = a + h_ff[t] + b
        if pert is not None and pert[0] == 'a' and pert[1] == t:
            a = a + pert[2]
        h = np.tanh(a)                                            # 237
        if pert is not None and pert[0] == 'h' and pert[1] == t:
            h = h + pert[2]
        hs.append(h)
        h_prev = h
    return hs


def loss(W_input, W_recur, b, xs, h0, deltas, pert=None):
    return sum(np.sum(deltas[t] * h) for t, h in enumerate(fprop(W_input, W_recur, b, xs, h0, pert)))


def bprop(W_input, W_recur, xs, hs, deltas, h_prev_bprop0):
    dW_recur = np.zeros_like(W_recur); dW_input = np.zeros_like(W_input); db = np.zeros((n, 1))
    in_deltas = [d.copy() for d in deltas]
    h_prev_bprop = [h_prev_bprop0] + hs[:-1]                               # 226
    h_delta = [None] * T; out = [None] * T; total_dh = [None] * T; pre = [None] * T
    for t in reversed(range(T)):
        h_prev = h_prev_bprop[t]
        total_dh[t] = in_deltas[t].copy()
        in_deltas[t] = (1. - hs[t] ** 2) * in_deltas[t]                      # 272
        pre[t] = in_deltas[t].copy()
        h_delta[t] = W_recur.T @ in_deltas[t]                                # 273
        in_deltas[t - 1] = in_deltas[t - 1] + h_delta[t]                     # 274
        if not (np.isscalar(h_prev) and h_prev == 0):                        # 275
            dW_recur = in_deltas[t] @ h_prev.T + 1.0 * dW_recur              # 276
        dW_input = in_deltas[t] @ xs[t].T + 1.0 * dW_input                   # 277
        db = db + in_deltas[t].sum(axis=1, keepdims=True)                    # 278
        out[t] = W_input.T @ in_deltas[t]                                    # 281 (alpha=1, beta=0)
    return dict(dW_recur=dW_recur, dW_input=dW_input, db=db, out=out, pre=pre, total_dh=total_dh,
                final_hidden_error=h_delta[0])                               # 283


def num(f, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (f(e) - f(-e)) / (2 * eps)
    return g


close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)


def run(name, h0_fwd, h0_bprop):
    print('=== scenario:', name)
    W_input = rng.normal(scale=0.5, size=(n, nin)); W_recur = rng.normal(scale=0.5, size=(n, n))
    b = rng.normal(scale=0.5, size=(n, 1))
    xs = [rng.normal(size=(nin, B)) for _ in range(T)]
    deltas = [rng.normal(size=(n, B)) for _ in range(T)]
    hs = fprop(W_input, W_recur, b, xs, h0_fwd)
    G = bprop(W_input, W_recur, xs, hs, deltas, h0_bprop)
    L = lambda Wi=W_input, Wr=W_recur, bb=b, X=xs, h0=h0_fwd, pert=None: loss(Wi, Wr, bb, X, h0, deltas, pert)
    ok_pre = all(close(G['pre'][t], num(lambda e: L(pert=('a', t, e)), (n, B))) for t in range(T))
    ok_dh = all(close(G['total_dh'][t], num(lambda e: L(pert=('h', t, e)), (n, B))) for t in range(T))
    print('rows 273-274 (h_delta added into in_deltas[t-1] -> total dL/dh[t] before row 272): %s'
          % ('agree' if ok_dh else 'DISAGREE'))
    print('row 272 (in_deltas -> dL/d pre-activation): %s' % ('agree' if ok_pre else 'DISAGREE'))
    print('row 276 dW_recur: %s' % ('agree' if close(G['dW_recur'], num(lambda e: L(Wr=W_recur + e), W_recur.shape)) else 'DISAGREE'))
    print('row 277 dW_input: %s' % ('agree' if close(G['dW_input'], num(lambda e: L(Wi=W_input + e), W_input.shape)) else 'DISAGREE'))
    print('row 278 db: %s' % ('agree' if close(G['db'], num(lambda e: L(bb=b + e), b.shape)) else 'DISAGREE'))
    okx = all(close(G['out'][t], num(lambda e: L(X=[xs[s] + (e if s == t else 0) for s in range(T)]), (nin, B)))
              for t in range(T))
    print('row 281 out_delta (dL/dx_t): %s' % ('agree' if okx else 'DISAGREE'))
    print('row 283 final_hidden_error = h_delta[0] (dL/d initial state): %s'
          % ('agree' if close(G['final_hidden_error'], num(lambda e: L(h0=h0_fwd + e), (n, B))) else 'DISAGREE'))
    print()


run('A: zero initial state', np.zeros((n, B)), 0)
h0 = rng.normal(size=(n, B))
run('B: init_state given', h0, h0)
run('C: stateful carry-over (row 226): fprop uses h[-1] != 0 but h_prev_bprop[0] = 0', h0, 0)
