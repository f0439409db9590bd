# Finite-difference check of rnn_lstm_zen_bptt.md (AI-written Chinese blog, RNN BPTT section 3.1
# and LSTM section 3.2). Column vectors as in the source (W_hh h_{t-1}, W_oh h_t).
# The post never names the loss E; any per-step loss on o_t works, we use
# E = sum_t 1/2 ||o_t - y_t||^2, so dE/do_t = o_t - y_t. dE/dh_t is read literally: the
# (total) derivative of E w.r.t. the hidden state h_t.
import numpy as np
rng = np.random.default_rng(1)
D, H, O, T = 3, 4, 2, 4
X = rng.normal(size=(T + 1, D)); Y = rng.normal(size=(T + 1, O))
P = dict(Whh=rng.normal(scale=0.6, size=(H, H)), Whx=rng.normal(scale=0.6, size=(H, D)),
         bh=rng.normal(scale=0.1, size=H), Woh=rng.normal(scale=0.6, size=(O, H)),
         bo=rng.normal(scale=0.1, size=O))

def rnn(P, bump=None):  # bump=(t, vector) adds a perturbation to h_t after it is computed
    h = {0: np.zeros(H)}; o = {}
    for t in range(1, T + 1):
        h[t] = np.tanh(P['Whh'] @ h[t - 1] + P['Whx'] @ X[t] + P['bh'])   # line 45 / 8
        if bump is not None and bump[0] == t:
            h[t] = h[t] + bump[1]
        o[t] = P['Woh'] @ h[t] + P['bo']                                    # line 46 / 9
    return h, o

def E(P, bump=None):
    h, o = rnn(P, bump)
    return sum(0.5 * np.sum((o[t] - Y[t]) ** 2) for t in range(1, T + 1))

eps = 1e-6
def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(g.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        g[idx] = (E(Pp) - E(Pm)) / (2 * eps)
    return g

def fd_h(t):
    g = np.zeros(H)
    for i in range(H):
        e = np.zeros(H); e[i] = eps
        g[i] = (E(P, (t, e)) - E(P, (t, -e))) / (2 * eps)
    return g

agree = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
tag = lambda a, b: 'AGREE   ' if agree(a, b) else 'DISAGREE'
h, o = rnn(P)
dEo = {t: o[t] - Y[t] for t in range(1, T + 1)}

# line 50: dE/dh_T = 0
print(tag(np.zeros(H), fd_h(T)), 'line 50  dE/dh_T = 0 ; FD |dE/dh_T| =', np.abs(fd_h(T)).max())
# line 52: author's recursion dE/dh_t = W_oh^T dE/do_t + W_hh^T dE/dh_{t+1}  (dE/dh_{T+1} taken as 0)
dh = {T + 1: np.zeros(H)}
for t in range(T, 0, -1):
    dh[t] = P['Woh'].T @ dEo[t] + P['Whh'].T @ dh[t + 1]
for t in range(T, 0, -1):
    print(tag(dh[t], fd_h(t)), f'line 52  dE/dh_{t} by the author\'s recursion vs FD')
# line 53: dE/dW_oh = h_t dE/do_t (per step, summed here over t), dE/db_o = dE/do_t
gWoh_author = sum(np.outer(h[t], dEo[t]) for t in range(1, T + 1))   # h_t (dE/do_t)^T : (H, O)
gWoh = fd_param('Woh')
print(tag(gWoh_author, gWoh), 'line 53  sum_t h_t dE/do_t vs FD dE/dW_oh; shapes', gWoh_author.shape, gWoh.shape,
      '; its transpose agrees:', agree(gWoh_author.T, gWoh))
print(tag(sum(dEo[t] for t in range(1, T + 1)), fd_param('bo')), 'line 53  sum_t dE/db_o = dE/do_t')
# line 54: dE/dW_hh = h_{t-1} dE/dh_t, dE/dW_hx = x_t dE/dh_t, dE/db_h = dE/dh_t (per step, summed over t)
for name, inp in (('Whh', lambda t: h[t - 1]), ('Whx', lambda t: X[t])):
    a = sum(np.outer(inp(t), dh[t]) for t in range(1, T + 1))
    ref = fd_param(name)
    print(tag(a, ref), f'line 54  sum_t (input) dE/dh_t vs FD dE/d{name}; shapes {a.shape} {ref.shape}; transpose agrees:',
          agree(a.T, ref) if a.T.shape == ref.shape else 'n/a')
print(tag(sum(dh[t] for t in range(1, T + 1)), fd_param('bh')), 'line 54  sum_t dE/db_h = dE/dh_t')
# reference (not in the source): correct BPTT with the tanh' factor
dz = {}; nxt = np.zeros(H)
for t in range(T, 0, -1):
    dht = P['Woh'].T @ dEo[t] + P['Whh'].T @ nxt
    dz[t] = dht * (1 - h[t] ** 2); nxt = dz[t]
print(tag(sum(np.outer(dz[t], h[t - 1]) for t in range(1, T + 1)), fd_param('Whh')), '(reference, not in source) sum_t dz_t h_{t-1}^T')
print(tag(sum(dz[t] for t in range(1, T + 1)), fd_param('bh')), '(reference, not in source) sum_t dz_t for b_h')

# ---- LSTM section 3.2: forward lines 62-67; line 71 initialises dE/dh_T = 0 and dE/dC_T = 0 ----
sig = lambda s: 1 / (1 + np.exp(-s))
L = {k: rng.normal(scale=0.5, size=(H, H + D)) for k in 'fiCo'}
Lb = {k: rng.normal(scale=0.1, size=H) for k in 'fiCo'}
Yl = rng.normal(size=(T + 1, H))
def lstm_E(bh=None, bc=None):  # E = sum_t 1/2||h_t - y_t||^2 (the post gives no LSTM loss)
    hh, C = np.zeros(H), np.zeros(H); tot = 0.0
    for t in range(1, T + 1):
        v = np.concatenate([hh, X[t]])
        f = sig(L['f'] @ v + Lb['f']); i = sig(L['i'] @ v + Lb['i'])
        Ct = np.tanh(L['C'] @ v + Lb['C']); C = f * C + i * Ct
        if bc is not None and t == T: C = C + bc
        og = sig(L['o'] @ v + Lb['o']); hh = og * np.tanh(C)
        if bh is not None and t == T: hh = hh + bh
        tot += 0.5 * np.sum((hh - Yl[t]) ** 2)
    return tot
gC = np.array([(lstm_E(bc=e) - lstm_E(bc=-e)) / (2 * eps) for e in np.eye(H) * eps])
gH = np.array([(lstm_E(bh=e) - lstm_E(bh=-e)) / (2 * eps) for e in np.eye(H) * eps])
print(tag(np.zeros(H), gH), 'line 71  LSTM dE/dh_T = 0 ; FD max |.| =', np.abs(gH).max())
print(tag(np.zeros(H), gC), 'line 71  LSTM dE/dC_T = 0 ; FD max |.| =', np.abs(gC).max())
