# Finite-difference check of the LSTM + LSTMTrainer backward (search-index file id 14925737645).
# Author's forward: row vectors, gates = sigmoid(xt @ W + h @ U + b), c = f*c + i*g, h = o*tanh(c),
# predictions[t] = h_t @ Wy + by, loss = np.mean((pred - target)**2).
import numpy as np
np.random.seed(1)
T, B, D, H, O = 4, 2, 3, 3, 1

def sig(x): return 1 / (1 + np.exp(-np.clip(x, -15, 15)))

P = {}
for g in 'fioc':
    P['W' + g] = np.random.randn(D, H) * 0.5
    P['U' + g] = np.random.randn(H, H) * 0.5
    P['b' + g] = np.random.randn(1, H) * 0.3
P['Wy'] = np.random.randn(H, O); P['by'] = np.random.randn(1, O) * 0.3
X = np.random.randn(T, B, D); Y = np.random.randn(T, B, O)

def forward(P):
    h = np.zeros((B, H)); c = np.zeros((B, H))          # reset_state() before every batch
    cache, hs, outs = [], [h], []
    for t in range(T):
        xt = X[t]
        f = sig(xt @ P['Wf'] + h @ P['Uf'] + P['bf'])
        i = sig(xt @ P['Wi'] + h @ P['Ui'] + P['bi'])
        o = sig(xt @ P['Wo'] + h @ P['Uo'] + P['bo'])
        cc = np.tanh(xt @ P['Wc'] + h @ P['Uc'] + P['bc'])
        c = f * c + i * cc
        h = o * np.tanh(c)
        outs.append(h); hs.append(h); cache.append((xt, f, i, o, cc, c))
    pred = np.array([outs[t] @ P['Wy'] + P['by'] for t in range(T)])
    return np.mean((pred - Y) ** 2), pred, np.array(outs), cache, hs, h, c

def backward(P, fixed=False):
    loss, pred, outs, cache, hs, self_h, self_c = forward(P)   # self_h, self_c = h_T, c_T (object state)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dlstm = np.zeros_like(outs)
    for t in range(T):
        dout = (pred[t] - Y[t]) / (B * T)                               # line 203
        if fixed: dout = 2 * (pred[t] - Y[t]) / (B * T * O)
        G['Wy'] += outs[t].T @ dout; G['by'] += dout.sum(0, keepdims=True); dlstm[t] = dout @ P['Wy'].T
    dh_prev = np.zeros((B, H)); dc_prev = np.zeros((B, H))
    for t in reversed(range(T)):
        xt, f, i, o, cc, c = cache[t]
        hprev = hs[t] if fixed else self_h                              # lines 109/116/123/130 use self.h
        cprev = (cache[t-1][5] if t > 0 else np.zeros((B, H))) if fixed else self_c   # line 120 uses self.c
        dh = dlstm[t] + dh_prev
        dc = dc_prev + dh * o * (1 - np.tanh(c) ** 2)
        do = dh * np.tanh(c); do_i = do * o * (1 - o)
        di = dc * cc; di_i = di * i * (1 - i)
        df = dc * cprev; df_i = df * f * (1 - f)
        dg = dc * i; dg_i = dg * (1 - cc ** 2)
        for g, d in zip('oifc', (do_i, di_i, df_i, dg_i)):
            G['W' + g] += xt.T @ d; G['U' + g] += hprev.T @ d; G['b' + g] += d.sum(0, keepdims=True)
        dh_prev = do_i @ P['Uo'].T + di_i @ P['Ui'].T + df_i @ P['Uf'].T + dg_i @ P['Uc'].T
        dc_prev = dc * f
    return G

def numgrad(P):
    N = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for j in range(v.size):
            o = v.flat[j]; v.flat[j] = o + 1e-6; lp = forward(P)[0]
            v.flat[j] = o - 1e-6; lm = forward(P)[0]; v.flat[j] = o
            g.flat[j] = (lp - lm) / 2e-6
        N[k] = g
    return N

def rel(a, b): return np.abs(a - b).max() / max(1e-12, np.abs(a).max(), np.abs(b).max())
N = numgrad(P); Ga = backward(P); Gf = backward(P, fixed=True)
print("max rel. error vs central FD of compute_loss (mean squared error)")
print("%-3s %11s %34s" % ("par", "as written", "h_{t-1}, c_{t-1}, 2/(B*T*O) used"))
for k in P: print("%-3s %11.2e %34.2e" % (k, rel(Ga[k], N[k]), rel(Gf[k], N[k])))
print("ratio as-written dWy / FD dWy: %.4f (dropped factor 2 in line 203)" % (Ga['Wy'] / N['Wy']).mean())

# Isolate each error: fix only one thing at a time.
def backward_partial(P, fix_h, fix_c, fix_dout):
    loss, pred, outs, cache, hs, self_h, self_c = forward(P)
    G = {k: np.zeros_like(v) for k, v in P.items()}; dl = np.zeros_like(outs)
    for t in range(T):
        dout = (2 if fix_dout else 1) * (pred[t] - Y[t]) / (B * T * (O if fix_dout else 1))
        G['Wy'] += outs[t].T @ dout; dl[t] = dout @ P['Wy'].T
    dhp = np.zeros((B, H)); dcp = np.zeros((B, H))
    for t in reversed(range(T)):
        xt, f, i, o, cc, c = cache[t]
        hprev = hs[t] if fix_h else self_h
        cprev = (cache[t-1][5] if t > 0 else np.zeros((B, H))) if fix_c else self_c
        dh = dl[t] + dhp; dc = dcp + dh * o * (1 - np.tanh(c) ** 2)
        do_i = dh * np.tanh(c) * o * (1 - o); di_i = dc * cc * i * (1 - i)
        df_i = dc * cprev * f * (1 - f); dg_i = dc * i * (1 - cc ** 2)
        for g, d in zip('oifc', (do_i, di_i, df_i, dg_i)):
            G['W' + g] += xt.T @ d; G['U' + g] += hprev.T @ d; G['b' + g] += d.sum(0, keepdims=True)
        dhp = do_i @ P['Uo'].T + di_i @ P['Ui'].T + df_i @ P['Uf'].T + dg_i @ P['Uc'].T; dcp = dc * f
    return G
print("only dout fixed (factor 2): Wo %.1e Uo %.1e Wf %.1e Uf %.1e" % tuple(
    rel(backward_partial(P, 0, 0, 1)[k], N[k]) for k in ['Wo', 'Uo', 'Wf', 'Uf']))
print("dout + c_{t-1} fixed     : Wo %.1e Uo %.1e Wf %.1e Uf %.1e  (all W/b right, U still wrong)" % tuple(
    rel(backward_partial(P, 0, 1, 1)[k], N[k]) for k in ['Wo', 'Uo', 'Wf', 'Uf']))
print("dout + h_{t-1} fixed     : Wo %.1e Uo %.1e Wi %.1e Ui %.1e  (still off: the wrong df feeds dh_prev and reaches every gate)" % tuple(
    rel(backward_partial(P, 1, 0, 1)[k], N[k]) for k in ['Wo', 'Uo', 'Wi', 'Ui']))
print("ROWS: fail = 109,116,123,130 (self.h = h_T instead of h_{t-1}), 120 (self.c = c_T instead of c_{t-1}),")
print("      203 (factor 2 of d mean(e^2)/d pred dropped); every other row agrees once these are corrected.")
