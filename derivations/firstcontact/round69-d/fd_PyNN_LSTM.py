"""Finite-difference check of PyNN.LSTM (sarisabban/PyNN, pynn/CNN.py @47986c2), note PyNN_LSTM.py.

Forward as in the source (batch-first arrays, row vectors, pre = x @ W.T + h_prev @ U.T + b,
all weights (units, units) so input_features == units). The initial state is zero: at t=0 the
source reads self.h[:, -1] / self.c[:, -1], which are still zero during the forward pass.
Loss L = sum(R * h) (return_sequences=True, dy = R) or L = sum(R_last * h[:, -1]).

The author's backward is run as written; FIX flags replace one published error at a time by the
correct expression so that each error is shown to be the cause of a mismatch, and with every
flag on all gradients agree with finite differences (i.e. the remaining lines are right).
"""
import numpy as np

rng = np.random.default_rng(0)
N, T, H = 3, 4, 5           # batch, time, units (= input features)
names = ['wi', 'wf', 'wc', 'wo', 'ui', 'uf', 'uc', 'uo', 'bi', 'bf', 'bc', 'bo']
P0 = {k: rng.normal(0, 0.5, (H, H)) for k in names[:8]}
P0.update({k: rng.normal(0, 0.5, (1, H)) for k in names[8:]})
X0 = rng.normal(0, 1, (N, T, H))
sig = lambda z: 1 / (1 + np.exp(-z))


def forward(P, x):
    h = np.zeros((N, T, H)); c = np.zeros((N, T, H))
    i = np.zeros_like(h); f = np.zeros_like(h); cb = np.zeros_like(h); o = np.zeros_like(h)
    for t in range(T):
        i[:, t] = sig(x[:, t] @ P['wi'].T + h[:, t-1] @ P['ui'].T + P['bi'])      # line 45
        f[:, t] = sig(x[:, t] @ P['wf'].T + h[:, t-1] @ P['uf'].T + P['bf'])      # line 49
        cb[:, t] = np.tanh(x[:, t] @ P['wc'].T + h[:, t-1] @ P['uc'].T + P['bc'])  # line 53
        c[:, t] = f[:, t] * c[:, t-1] + i[:, t] * cb[:, t]                          # line 57
        o[:, t] = sig(x[:, t] @ P['wo'].T + h[:, t-1] @ P['uo'].T + P['bo'])      # line 60
        h[:, t] = o[:, t] * np.tanh(c[:, t])                                         # line 64
    return h, c, i, f, cb, o


def backward(P, x, dy, seq, fix):
    h, c, i, f, cb, o = forward(P, x)
    g = {k: np.zeros_like(P[k]) for k in names}
    dx = np.zeros_like(x)
    dc_next = np.zeros((N, H)); dh_next = np.zeros((N, H))

    def dsig(a):   # line 103/121/128 as written: sigmoid(a)*(1-a); fixed: a*(1-a)
        return a * (1 - a) if fix['dsig'] else sig(a) * (1 - a)

    def outer(inp, d):  # line 104 etc. as written: inp.T @ d ; fixed: d.T @ inp
        return d.T @ inp if fix['transpose'] else inp.T @ d

    for t in reversed(range(T)):
        if seq:
            dh = dy[:, t] + dh_next                                  # line 97
        else:
            dh = dy if t == T - 1 else dh_next                       # line 99
        hprev = h[:, t-1] if (t > 0 or not fix['t0']) else np.zeros((N, H))
        cprev = c[:, t-1] if (t > 0 or not fix['t0']) else np.zeros((N, H))
        do = dh * np.tanh(c[:, t])                                   # line 102
        do = do * dsig(o[:, t])                                      # line 103
        g['wo'] += outer(x[:, t], do)                                # line 104
        g['uo'] += outer(hprev, do)                                  # line 105
        g['bo'] += np.sum(do, axis=0, keepdims=True)                 # line 106
        dc = dh * o[:, t] * (1 - np.tanh(c[:, t])**2)                # line 109
        dc = dc + dc_next                                            # line 110
        dcb = dc * i[:, t]                                           # line 113
        dcb = dcb * (1 - cb[:, t]**2)                                # line 114
        g['wc'] += outer(x[:, t], dcb)                               # line 115
        g['uc'] += outer(hprev, dcb)                                 # line 116
        g['bc'] += np.sum(dcb, axis=0, keepdims=True)                # line 117
        di = dc * cb[:, t]                                           # line 120
        di = di * dsig(i[:, t])                                      # line 121
        g['wi'] += outer(x[:, t], di)                                # line 122
        g['ui'] += outer(hprev, di)                                  # line 123
        g['bi'] += np.sum(di, axis=0, keepdims=True)                 # line 124
        df = dc * cprev                                              # line 127
        df = df * dsig(f[:, t])                                      # line 128
        g['wf'] += outer(x[:, t], df)                                # line 129
        g['uf'] += outer(hprev, df)                                  # line 130
        g['bf'] += np.sum(df, axis=0, keepdims=True)                 # line 131
        dc_next = dc * f[:, t]                                       # line 134
        dh_next = do @ P['uo'] + dcb @ P['uc'] + di @ P['ui'] + df @ P['uf']   # line 135
        dx[:, t] = do @ P['wo'] + dcb @ P['wc'] + di @ P['wi'] + df @ P['wf']  # line 139
    return g, dx


def loss(P, x, R, seq):
    h = forward(P, x)[0]
    return np.sum(R * h) if seq else np.sum(R * h[:, -1])


def numgrad(seq, R):
    eps = 1e-6
    G = {}
    for k in names:
        G[k] = np.zeros_like(P0[k])
        for idx in np.ndindex(P0[k].shape):
            Pp = {kk: v.copy() for kk, v in P0.items()}; Pm = {kk: v.copy() for kk, v in P0.items()}
            Pp[k][idx] += eps; Pm[k][idx] -= eps
            G[k][idx] = (loss(Pp, X0, R, seq) - loss(Pm, X0, R, seq)) / (2 * eps)
    gx = np.zeros_like(X0)
    for idx in np.ndindex(X0.shape):
        xp = X0.copy(); xm = X0.copy(); xp[idx] += eps; xm[idx] -= eps
        gx[idx] = (loss(P0, xp, R, seq) - loss(P0, xm, R, seq)) / (2 * eps)
    return G, gx


def report(title, seq, fix):
    R = rng.normal(0, 1, (N, T, H)) if seq else rng.normal(0, 1, (N, H))
    G, gx = numgrad(seq, R)
    g, dx = backward(P0, X0, R, seq, fix)
    print(f'--- {title} (return_sequences={seq}, fixes={[k for k, v in fix.items() if v]})')
    row = []
    for k in names:
        ok = np.allclose(g[k], G[k], rtol=1e-5, atol=1e-7)
        row.append(f'{k}:{"OK" if ok else "DIFF"}')
    ok = np.allclose(dx, gx, rtol=1e-5, atol=1e-7)
    row.append(f'dx:{"OK" if ok else "DIFF"}')
    print('  ' + '  '.join(row))


none = dict(dsig=False, transpose=False, t0=False)
for seq in (True, False):
    report('as written', seq, none)
    report('only dsig fixed (lines 103/121/128)', seq, dict(none, dsig=True))
    report('dsig + transpose fixed (lines 104,105,115,116,122,123,129,130)', seq, dict(none, dsig=True, transpose=True))
    report('dsig + t0 index fixed (lines 105,116,123,127,130)', seq, dict(none, dsig=True, t0=True))
    report('all three fixed', seq, dict(dsig=True, transpose=True, t0=True))

# direct check that the transposed weight gradient is exactly the transpose of the true one
R = rng.normal(0, 1, (N, T, H))
G, _ = numgrad(True, R)
g, _ = backward(P0, X0, R, True, dict(dsig=True, transpose=False, t0=True))
print('line 104/115/122/129: x.T@d equals (true dW).T :',
      all(np.allclose(g[k], G[k].T, rtol=1e-5, atol=1e-7) for k in ['wi', 'wf', 'wc', 'wo']))
# t=0 index: self.h[:, -1] in backward is the LAST hidden state, not the zero initial state
h, c = forward(P0, X0)[:2]
print('line 105/127: h[:, -1] / c[:, -1] at backward time nonzero:', np.abs(h[:, -1]).max() > 0, np.abs(c[:, -1]).max() > 0)
