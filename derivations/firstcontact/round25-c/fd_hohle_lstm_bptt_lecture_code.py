"""FD check for hohle_lstm_bptt_lecture_code.md (M. M. Hohle, LSTM-from-Scratch lecture, chapter "2 BPTT/LSTM.py").

The author's code is executed as published (extracted from the python fence of the .md file).
Model (column vectors, scalar input x_t, n = n_neurons, steps t = 0..T-1 in the code's loop):
  f_t = sigma(Uf x_t + Wf h_{t-1} + bf), i_t, o_t likewise, g_t = tanh(Ug x_t + Wg h_{t-1} + bg)
  c_t = f_t*c_{t-1} + i_t*g_t,  h_t = tanh(c_t)*o_t,  h_{-1} = c_{-1} = 0.
Storage: H[t+1] = h_t, C[t+1] = c_t (H[0] = C[0] = 0); F, O, I, C_tilde are indexed by t.
Loss: backward(dvalues) receives dvalues[t] = dL/dh_t (direct part); we use L = sum_t dvalues[t] . h_t.
Truth: finite differences through additive hooks on every intermediate.
"""
import re, numpy as np

src = open(__file__.replace('fd_', '').replace('.py', '.md'), encoding='utf-8').read()
code = re.search(r"```python\n(.*?)```", src, re.S).group(1)
ns = {}
exec(code, ns)
LSTM = ns['LSTM']

rng = np.random.default_rng(3)
n, T = 3, 5
X = rng.normal(size=(T, 1))
dv = rng.normal(size=(T, n))
P = {k: 0.7 * rng.normal(size=(n, 1)) for k in ['Uf', 'Ui', 'Uo', 'Ug', 'bf', 'bi', 'bo', 'bg']}
P.update({k: 0.7 * rng.normal(size=(n, n)) for k in ['Wf', 'Wi', 'Wo', 'Wg']})
sig = lambda a: 1 / (1 + np.exp(-a))
HOOKS = ['af', 'ai', 'ao', 'ag', 'f', 'i', 'o', 'g', 'c', 'h']


def fwd(P, eps=None):
    eps = eps or {}
    e = lambda k, t: eps.get((k, t), 0.0)
    h = np.zeros((n, 1)); c = np.zeros((n, 1)); S = {k: [] for k in HOOKS}; S['hprev'] = []; S['cprev'] = []
    for t in range(T):
        x = X[t].reshape(1, 1)
        S['hprev'].append(h); S['cprev'].append(c)
        af = P['Uf'] @ x + P['Wf'] @ h + P['bf'] + e('af', t)
        ai = P['Ui'] @ x + P['Wi'] @ h + P['bi'] + e('ai', t)
        ao = P['Uo'] @ x + P['Wo'] @ h + P['bo'] + e('ao', t)
        ag = P['Ug'] @ x + P['Wg'] @ h + P['bg'] + e('ag', t)
        f = sig(af) + e('f', t); i = sig(ai) + e('i', t); o = sig(ao) + e('o', t); g = np.tanh(ag) + e('g', t)
        c = f * c + i * g + e('c', t)
        h = np.tanh(c) * o + e('h', t)
        for k, v in zip(HOOKS, [af, ai, ao, ag, f, i, o, g, c, h]):
            S[k].append(v)
    L = sum(float(dv[t] @ S['h'][t][:, 0]) for t in range(T))
    return L, S


L0, S = fwd(P)
E = 1e-6


def fd_node(k, t):
    g = np.zeros((n, 1))
    for j in range(n):
        d = np.zeros((n, 1)); d[j] = E
        g[j] = (fwd(P, {(k, t): d})[0] - fwd(P, {(k, t): -d})[0]) / (2 * E)
    return g


def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += E; Pm[name][idx] -= E
        g[idx] = (fwd(Pp)[0] - fwd(Pm)[0]) / (2 * E)
    return g


def rep(line, ok, extra=''):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}" + (f"  ({extra})" if extra else ''))


close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)

# run the author's code as published
net = LSTM(n)
for k, v in P.items():
    setattr(net, k, v.copy())
net.forward(X)
init = {k: getattr(net, k).copy() for k in ['dUf', 'dbf', 'dWf', 'dUi', 'dbi', 'dWi', 'dUo', 'dbo', 'dWo', 'dUg', 'dbg', 'dWg']}

# forward lines
t = 2
x = X[t].reshape(1, 1); hp = net.H[t]
rep(116, close(P['Uf'] @ x + P['Wf'] @ hp + P['bf'], S['af'][t]))
rep(118, close(net.F[t], S['f'][t]))
rep(121, close(P['Ui'] @ x + P['Wi'] @ hp + P['bi'], S['ai'][t]))
rep(123, close(net.I[t], S['i'][t]))
rep(126, close(P['Uo'] @ x + P['Wo'] @ hp + P['bo'], S['ao'][t]))
rep(128, close(net.O[t], S['o'][t]))
rep(131, close(P['Ug'] @ x + P['Wg'] @ hp + P['bg'], S['ag'][t]))
rep(133, close(net.C_tilde[t], S['g'][t]))
rep(136, close(net.C[t + 1], S['f'][t] * S['cprev'][t] + S['i'][t] * S['g'][t]))
rep(139, close(net.H[t + 1], np.tanh(S['c'][t]) * S['o'][t]))
rep(84, close(net.H[0], 0), 'h_{-1} = H[0] = 0')
rep(85, close(net.C[0], 0), 'c_{-1} = C[0] = 0')
rep(141, close(net.H[t + 1], S['h'][t]) and close(net.H[0], 0), 'H[t+1] holds h_t, H[0] = h_{-1} = 0')
rep(142, close(net.C[t + 1], S['c'][t]) and close(net.C[0], 0), 'C[t+1] holds c_t, C[0] = c_{-1} = 0')

# true gradients
G = {name: fd_param(name) for name in P}
dH = {t: fd_node('h', t) for t in range(T)}      # total dL/dh_t
dC = {t: fd_node('c', t) for t in range(T)}      # total dL/dc_t
dA = {(k, t): fd_node(k, t) for k in ['af', 'ai', 'ao', 'ag'] for t in range(T)}
dGt = {(k, t): fd_node(k, t) for k in ['f', 'i', 'o', 'g'] for t in range(T)}

# lines 58-75: gradient accumulators start at 0.1*rand instead of 0
pairs = {58: ('dUf', 'Uf'), 59: ('dbf', 'bf'), 60: ('dWf', 'Wf'), 63: ('dUi', 'Ui'), 64: ('dbi', 'bi'), 65: ('dWi', 'Wi'),
         68: ('dUo', 'Uo'), 69: ('dbo', 'bo'), 70: ('dWo', 'Wo'), 73: ('dUg', 'Ug'), 74: ('dbg', 'bg'), 75: ('dWg', 'Wg')}
for line, (dn, pn) in pairs.items():
    rep(line, close(init[dn] + G[pn], G[pn]), 'accumulator start value + exact sum of contributions vs exact gradient')

# line 172: dht for the last step
rep(172, close(dv[-1].reshape(n, 1), dH[T - 1]))
# line 180: dtanh2 = dht*(1-tanh^2 c_t) = d(dht . tanh(c_t))/dc_t (the o factor follows on line 184)
t = 2
c = S['c'][t]
num = np.array([[(float(dH[t][:, 0] @ np.tanh(c + E * np.eye(n)[:, [j]])[:, 0]) - float(dH[t][:, 0] @ np.tanh(c - E * np.eye(n)[:, [j]])[:, 0])) / (2 * E)] for j in range(n)])
rep(180, close(dH[t] * (1 - np.tanh(c) ** 2), num))
# line 184: dhtdtanh = O[t]*dtanh2 used as dL/dc_t: misses f_{t+1}*dL/dc_{t+1} (exact only at the last step)
t = T - 2
rep(184, close(S['o'][t] * (1 - np.tanh(S['c'][t]) ** 2) * dH[t], dC[t]),
    f"t=T-2; at t=T-1 it agrees: {close(S['o'][T-1] * (1 - np.tanh(S['c'][T-1]) ** 2) * dH[T-1], dC[T-1])}")
# line 186: dctdft = dc_t * C[t-1]; C[t-1] = c_{t-2} (and C[-1] = c_{T-1} at t=0); true dL/df_t = dc_t*c_{t-1} = dc_t*C[t]
t = 2
rep(186, close(dC[t] * net.C[t - 1], dGt[('f', t)]), f"with C[t] instead: {close(dC[t] * net.C[t], dGt[('f', t)])}")
rep(187, close(dC[t] * net.C_tilde[t], dGt[('i', t)]))
rep(188, close(dC[t] * net.I[t], dGt[('g', t)]))
# activation backward lines, fed with true upstream gradients
rep(191, close((1 - S['g'][t] ** 2) * dGt[('g', t)], dA[('ag', t)]))
rep(194, close(S['f'][t] * (1 - S['f'][t]) * dGt[('f', t)], dA[('af', t)]))
rep(197, close(S['i'][t] * (1 - S['i'][t]) * dGt[('i', t)], dA[('ai', t)]))
rep(200, close(S['o'][t] * (1 - S['o'][t]) * (dH[t] * np.tanh(S['c'][t])), dA[('ao', t)]), 'Sigmo backward of dht*tanh(c_t), lines 199-200')
# parameter gradient lines: sum over t of each line's expression with exact pre-activation gradients
xs = [X[t].reshape(1, 1) for t in range(T)]
for gate, (lU, lW, laU, laW, lab) in {'f': (202, 203, 205, 206, 207), 'i': (209, 210, 212, 213, 214),
                                       'o': (216, 217, 219, 220, 221), 'g': (223, 224, 226, 227, 228)}.items():
    a = 'a' + gate
    sU = sum(dA[(a, t)] @ xs[t] for t in range(T))
    sW_author = sum(dA[(a, t)] @ net.H[t - 1].T for t in range(T))   # H[t-1] as published (H[-1] at t=0)
    sW_right = sum(dA[(a, t)] @ net.H[t].T for t in range(T))        # H[t] = h_{t-1}
    sb = sum(dA[(a, t)] for t in range(T))
    rep(lU, close(sU, G['U' + gate]))
    rep(lW, close(sW_author, G['W' + gate]), f"with H[t] (= h_(t-1)) instead: {close(sW_right, G['W' + gate])}")
    rep(laU, close(sU, G['U' + gate]), 'accumulation of the per-step terms')
    rep(laW, close(sW_right, G['W' + gate]), 'accumulation rule itself; its operand (line %d) is wrong' % lW)
    rep(lab, close(sb, G['b' + gate]))
# line 231: dht for step t-1 = Wf dsigmf + ... + dvalues[t-1]  (no transposes)
t = 3
author = sum(P['W' + k] @ dA[('a' + k, t)] for k in 'fiog') + dv[t - 1].reshape(n, 1)
right = sum(P['W' + k].T @ dA[('a' + k, t)] for k in 'fiog') + dv[t - 1].reshape(n, 1)
rep(231, close(author, dH[t - 1]), f"with W^T: {close(right, dH[t - 1])}")
# activation classes
M = rng.normal(size=(n, 1)); s = np.clip(1 / (1 + np.exp(-M)), 1e-7, 1 - 1e-7)
rep(244, close(s, sig(M)))
num_s = (sig(M + E) - sig(M - E)) / (2 * E)
rep(251, close(s * (1 - s), num_s))
up = rng.normal(size=(n, 1))
rep(252, close(s * (1 - s) * up, num_s * up))
rep(261, close(np.tanh(M), np.sinh(M) / np.cosh(M)))
num_t = (np.tanh(M + E) - np.tanh(M - E)) / (2 * E)
rep(266, close(1 - np.tanh(M) ** 2, num_t))
rep(267, close((1 - np.tanh(M) ** 2) * up, num_t * up))

# information: the author's complete backward against the exact gradients
net.backward(dv)
print('info: author backward dWf == exact:', close(net.dWf, G['Wf']), '| dbf == exact:', close(net.dbf, G['bf']))
