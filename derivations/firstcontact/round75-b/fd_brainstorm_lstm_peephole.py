"""Finite-difference check of brainstorm_lstm_peephole.py (IDSIA brainstorm, commit 53e5a14).

The layer's forward_pass / backward_pass are re-implemented with numpy, statement by statement,
using the numpy-handler semantics (see line 1 of the note).  Buffers are (T+1, B, n) with the
context slot at index -1.  Loss L = sum(deltas * y[:T]) so output_deltas = deltas.
Two scenarios: zero context (y[-1] = Ca[-1] = 0, what the library's tests use) and a non-zero
context (as set by Network.forward_pass(context=...)).
"""
import numpy as np

rng = np.random.default_rng(0)
T, B, nin, n = 4, 3, 3, 4


def sig(a):
    return 1.0 / (1.0 + np.exp(-a))


def make_params():
    P = {}
    for k in ['Wz', 'Wi', 'Wf', 'Wo']:
        P[k] = rng.normal(scale=0.5, size=(n, nin))
    for k in ['Wci', 'Wcf', 'Wco']:
        P[k] = rng.normal(scale=0.5, size=(n,))
    for k in ['Rz', 'Ri', 'Rf', 'Ro']:
        P[k] = rng.normal(scale=0.5, size=(n, n))
    for k in ['bz', 'bi', 'bf', 'bo']:
        P[k] = rng.normal(scale=0.5, size=(n,))
    return P


def forward(P, x, y_ctx, c_ctx, pert=None):
    """pert = (name, t, eps-array) adds eps to internal buffer name[t] right after it is complete."""
    S = {k: np.zeros((T + 1, B, n)) for k in ['Za', 'Zb', 'Ia', 'Ib', 'Fa', 'Fb', 'Oa', 'Ob', 'Ca', 'Cb']}
    y = np.zeros((T + 1, B, n))
    y[-1] = y_ctx
    S['Ca'][-1] = c_ctx

    def hook(name, t):
        if pert is not None and pert[0] == name and pert[1] == t:
            S[name][t] += pert[2] if name != 'y' else 0
    # line 114-117: Za = x Wz^T etc.
    for t in range(T):
        S['Za'][t] = x[t] @ P['Wz'].T
        S['Ia'][t] = x[t] @ P['Wi'].T
        S['Fa'][t] = x[t] @ P['Wf'].T
        S['Oa'][t] = x[t] @ P['Wo'].T
    for t in range(T):
        S['Za'][t] += y[t - 1] @ P['Rz']                       # 121
        S['Za'][t] = S['Za'][t] + P['bz'][None, :]              # 122
        hook('Za', t)
        S['Zb'][t] = np.tanh(S['Za'][t])                        # 123
        S['Ia'][t] += y[t - 1] @ P['Ri']                        # 126
        S['Ia'][t] += S['Ca'][t - 1] * P['Wci'][None, :]        # 127
        S['Ia'][t] = S['Ia'][t] + P['bi'][None, :]              # 128
        hook('Ia', t)
        S['Ib'][t] = sig(S['Ia'][t])                            # 129
        S['Fa'][t] += y[t - 1] @ P['Rf']                        # 132
        S['Fa'][t] += S['Ca'][t - 1] * P['Wcf'][None, :]        # 133
        S['Fa'][t] = S['Fa'][t] + P['bf'][None, :]              # 134
        hook('Fa', t)
        S['Fb'][t] = sig(S['Fa'][t])                            # 135
        S['Ca'][t] = S['Ib'][t] * S['Zb'][t]                    # 138
        S['Ca'][t] += S['Fb'][t] * S['Ca'][t - 1]               # 139
        hook('Ca', t)
        S['Oa'][t] += y[t - 1] @ P['Ro']                        # 142
        S['Oa'][t] += S['Ca'][t] * P['Wco'][None, :]            # 143
        S['Oa'][t] = S['Oa'][t] + P['bo'][None, :]              # 144
        hook('Oa', t)
        S['Ob'][t] = sig(S['Oa'][t])                            # 145
        S['Cb'][t] = np.tanh(S['Ca'][t])                        # 148
        y[t] = S['Ob'][t] * S['Cb'][t]                          # 149
        if pert is not None and pert[0] == 'y' and pert[1] == t:
            y[t] += pert[2]
    return y, S


def loss(P, x, y_ctx, c_ctx, deltas, pert=None):
    y, _ = forward(P, x, y_ctx, c_ctx, pert)
    return np.sum(deltas * y[:T])


def backward(P, x, y, S, deltas):
    """Author's backward_pass, statement by statement (line numbers of the note)."""
    Za, Zb, Ia, Ib, Fa, Fb, Oa, Ob, Ca, Cb = (S[k] for k in ['Za', 'Zb', 'Ia', 'Ib', 'Fa', 'Fb', 'Oa', 'Ob', 'Ca', 'Cb'])
    z = lambda: np.zeros((T + 1, B, n))
    dZa, dZb, dIa, dIb, dFa, dFb, dOa, dOb, dCa, dCb = (z() for _ in range(10))
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dx = np.zeros_like(x)
    dy = np.zeros(y.shape)                                      # 171 (allocate = zeros)
    dCa[:] = 0.0                                                # 172
    rec = {}
    for t in range(T - 1, -1, -1):
        dy[t] = deltas[t]                                       # 177
        dy[t] += dIa[t + 1] @ P['Ri'].T                         # 178
        dy[t] += dFa[t + 1] @ P['Rf'].T                         # 179
        dy[t] += dOa[t + 1] @ P['Ro'].T                         # 180
        dy[t] += dZa[t + 1] @ P['Rz'].T                         # 181
        dCa[t] += dIa[t + 1] * P['Wci'][None, :]                # 184
        dCa[t] += dFa[t + 1] * P['Wcf'][None, :]                # 185
        dOb[t] = dy[t] * Cb[t]                                  # 188
        dOa[t] = dOb[t] * Ob[t] * (1. - Ob[t])                  # 189
        dCa[t] += dOa[t] * P['Wco'][None, :]                    # 191
        dCb[t] = dy[t] * Ob[t]                                  # 194
        dCb[t] = dCb[t] * (1. - Cb[t] * Cb[t])                  # 195
        dCa[t] = dCa[t] + dCb[t]                                # 196
        dCa[t] += dCa[t + 1] * Fb[t + 1]                        # 197
        dFb[t] = dCa[t] * Ca[t - 1]                             # 200
        dFa[t] = dFb[t] * Fb[t] * (1. - Fb[t])                  # 201
        dIb[t] = dCa[t] * Zb[t]                                 # 204
        dIa[t] = dIb[t] * Ib[t] * (1. - Ib[t])                  # 205
        dZb[t] = dCa[t] * Ib[t]                                 # 208
        dZa[t] = dZb[t] * (1. - Zb[t] * Zb[t])                  # 209
    fl = lambda a: a.reshape(-1, a.shape[-1])
    flat_inputs = fl(x)
    flat_dIa, flat_dFa, flat_dOa, flat_dZa = fl(dIa[:-1]), fl(dFa[:-1]), fl(dOa[:-1]), fl(dZa[:-1])
    fdx = fl(dx)
    fdx += flat_dIa @ P['Wi']                                   # 221
    fdx += flat_dFa @ P['Wf']                                   # 222
    fdx += flat_dOa @ P['Wo']                                   # 223
    fdx += flat_dZa @ P['Wz']                                   # 224
    G['Wi'] += flat_dIa.T @ flat_inputs                         # 226
    G['Wf'] += flat_dFa.T @ flat_inputs                         # 227
    G['Wo'] += flat_dOa.T @ flat_inputs                         # 228
    G['Wz'] += flat_dZa.T @ flat_inputs                         # 229
    G['bi'] += flat_dIa.sum(0)                                  # 232-233
    G['bf'] += flat_dFa.sum(0)                                  # 234-235
    G['bo'] += flat_dOa.sum(0)                                  # 236-237
    G['bz'] += flat_dZa.sum(0)                                  # 238-239
    flat_outputs = fl(y[:-2])                                   # 241
    flat_cell = fl(Ca[:-2])                                     # 242
    flat_cell2 = fl(Ca[:-1])                                    # 243
    G['Wco'] += (flat_cell2 * flat_dOa).sum(0)                  # 248-250
    flat_dIa, flat_dFa, flat_dOa, flat_dZa = fl(dIa[1:-1]), fl(dFa[1:-1]), fl(dOa[1:-1]), fl(dZa[1:-1])
    for k, d in [('Ri', flat_dIa), ('Rf', flat_dFa), ('Ro', flat_dOa), ('Rz', flat_dZa)]:
        G[k] += flat_outputs.T @ d                              # 257-260
    rec['R_t0_written'] = {k: dy[-1].T @ d for k, d in [('Ri', dIa[0]), ('Rf', dFa[0]), ('Ro', dOa[0]), ('Rz', dZa[0])]}
    rec['R_t0_correct'] = {k: y[-1].T @ d for k, d in [('Ri', dIa[0]), ('Rf', dFa[0]), ('Ro', dOa[0]), ('Rz', dZa[0])]}
    for k in ['Ri', 'Rf', 'Ro', 'Rz']:
        G[k] += rec['R_t0_written'][k]                          # 262-265
    G['Wci'] += (flat_cell * flat_dIa).sum(0)                   # 269-271
    G['Wcf'] += (flat_cell * flat_dFa).sum(0)                   # 272-274
    rec['Wci_t0_written'] = (dCa[-1] * dIa[0]).sum(0)           # 277-279
    rec['Wcf_t0_written'] = (dCa[-1] * dIa[0]).sum(0)           # 280-282
    rec['Wci_t0_correct'] = (Ca[-1] * dIa[0]).sum(0)
    rec['Wcf_t0_correct'] = (Ca[-1] * dFa[0]).sum(0)
    G['Wci'] += rec['Wci_t0_written']
    G['Wcf'] += rec['Wcf_t0_written']
    D = dict(dy=dy, dCa=dCa, dIa=dIa, dFa=dFa, dOa=dOa, dZa=dZa)
    return G, dx, D, rec


def num_grad(f, shape):
    g = np.zeros(shape)
    eps = 1e-6
    for idx in np.ndindex(shape):
        e = np.zeros(shape)
        e[idx] = eps
        g[idx] = (f(e) - f(-e)) / (2 * eps)
    return g


def close(a, b):
    return np.allclose(a, b, rtol=1e-5, atol=1e-7)


def run(scenario, y_ctx, c_ctx):
    print('=== scenario:', scenario)
    P = make_params()
    x = rng.normal(size=(T, B, nin))
    deltas = rng.normal(size=(T, B, n))
    y, S = forward(P, x, y_ctx, c_ctx)
    G, dx, D, rec = backward(P, x, y, S, deltas)
    res = {}
    # parameter gradients
    for k in P:
        def f(e, k=k):
            Q = dict(P); Q[k] = P[k] + e
            return loss(Q, x, y_ctx, c_ctx, deltas)
        res[k] = (close(G[k], num_grad(f, P[k].shape)), num_grad(f, P[k].shape))
    ndx = num_grad(lambda e: loss(P, x + e, y_ctx, c_ctx, deltas), x.shape)
    res['dx'] = (close(dx, ndx), ndx)
    # internal total gradients dL/d(buffer[t]) via perturbation hooks
    internal_ok = {}
    for name, dname in [('y', 'dy'), ('Ca', 'dCa'), ('Ia', 'dIa'), ('Fa', 'dFa'), ('Oa', 'dOa'), ('Za', 'dZa')]:
        ok = True
        for t in range(T):
            ng = num_grad(lambda e: loss(P, x, y_ctx, c_ctx, deltas, (name, t, e)), (B, n))
            ok &= close(D[dname][t], ng)
        internal_ok[dname] = ok
    return P, G, res, internal_ok, rec


rows_internal = {
    'dy': [177, 178, 179, 180, 181],
    'dCa': [184, 185, 191, 194, 195, 196, 197],
    'dOa': [188, 189], 'dFa': [200, 201], 'dIa': [204, 205], 'dZa': [208, 209],
}

for scen, yc, cc in [('zero context', np.zeros((B, n)), np.zeros((B, n))),
                     ('non-zero context', rng.normal(size=(B, n)), rng.normal(size=(B, n)))]:
    P, G, res, iok, rec = run(scen, yc, cc)
    for d, rows in rows_internal.items():
        print('rows %s (total %s for every t): %s' % (rows, d, 'agree' if iok[d] else 'DISAGREE'))
    print('forward rows 114-149: the loss above is computed by them (re-implemented)')
    print('rows 221-224 (dx): %s' % ('agree' if res['dx'][0] else 'DISAGREE'))
    for k, rows in [('Wi', 226), ('Wf', 227), ('Wo', 228), ('Wz', 229), ('bi', '232-233'), ('bf', '234-235'),
                    ('bo', '236-237'), ('bz', '238-239'), ('Wco', '248-250')]:
        print('row %s (d%s total): %s' % (rows, k, 'agree' if res[k][0] else 'DISAGREE'))
    # recurrent weights: t>=1 part (257-260) plus the t=0 term (262-265)
    for k, r1, r0 in [('Ri', 257, 262), ('Rf', 258, 263), ('Ro', 259, 264), ('Rz', 260, 265)]:
        num = res[k][1]
        part_t_ge1 = G[k] - rec['R_t0_written'][k]
        ok1 = close(part_t_ge1 + rec['R_t0_correct'][k], num)
        ok0 = close(rec['R_t0_written'][k], num - part_t_ge1)
        print('row %d (d%s, t>=1 terms): %s | row %d (t=0 term dy[-1]^T d%sa[0]): %s   [total d%s %s]'
              % (r1, k, 'agree' if ok1 else 'DISAGREE', r0, k[1].upper(), 'agree' if ok0 else 'DISAGREE',
                 k, 'agree' if res[k][0] else 'DISAGREE'))
    for k, r1, r0 in [('Wci', '269-271', '277-279'), ('Wcf', '272-274', '280-282')]:
        num = res[k][1]
        part = G[k] - rec[k + '_t0_written']
        ok1 = close(part + rec[k + '_t0_correct'], num)
        ok0 = close(rec[k + '_t0_written'], num - part)
        print('rows %s (d%s, t>=1 terms): %s | rows %s (t=0 term as written): %s   [total d%s %s]'
              % (r1, k, 'agree' if ok1 else 'DISAGREE', r0, 'agree' if ok0 else 'DISAGREE',
                 k, 'agree' if res[k][0] else 'DISAGREE'))
    # second error of row 280: even with Ca[-1] in place of dCa[-1], dIa[0] is not the forget-gate delta
    num = res['Wcf'][1]; part = G['Wcf'] - rec['Wcf_t0_written']
    alt = rec['Wci_t0_correct']  # = sum(Ca[-1] * dIa[0]) : row 280 with only dCa[-1] -> Ca[-1] repaired
    print('row 280 with dCa[-1] -> Ca[-1] but still dIa[0]: %s (needs dFa[0])'
          % ('agree' if close(alt, num - part) else 'DISAGREE'))
    print()
