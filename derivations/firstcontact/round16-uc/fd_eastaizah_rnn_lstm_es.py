# Finite-difference check of eastaizah_rnn_lstm_es.md (Spanish lab theory, RNN BPTT and LSTM cell-state rows).
# RNN (column vectors): a_t = W_hh h_{t-1} + W_xh x_t + b_h, h_t = tanh(a_t), y_t = W_hy h_t + b_y,
# L = sum_t L_t with L_t = 0.5 ||y_t - target_t||^2 (the note does not fix L_t; any per-step loss of y_t).
import numpy as np
rng = np.random.default_rng(2)
D, H, K, T = 3, 4, 2, 6
Whh = rng.normal(size=(H, H)) * 0.7; Wxh = rng.normal(size=(H, D)); bh = rng.normal(size=H) * 0.1
Why = rng.normal(size=(K, H)); by = rng.normal(size=K)
X = rng.normal(size=(T + 1, D)); Yt = rng.normal(size=(T + 1, K))
eps = 1e-6
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))

def run(Whh=Whh, eh=None, steps=None):
    h = np.zeros(H); hs = [h]; a = [None]; Ls = [0.0]
    for t in range(1, T + 1):
        a.append(Whh @ h + Wxh @ X[t] + bh); h = np.tanh(a[-1])
        if eh is not None: h = h + eh[t]
        hs.append(h); Ls.append(0.5 * np.sum((Why @ h + by - Yt[t]) ** 2))
    return hs, a, Ls
hs, a, Ls = run()
def grad_h(which_losses):
    g = np.zeros((T + 1, H))
    for t in range(1, T + 1):
        for k in range(H):
            e = np.zeros((T + 1, H)); e[t, k] = eps
            Lp = sum(run(eh=e)[2][s] for s in which_losses); Lm = sum(run(eh=-e)[2][s] for s in which_losses)
            g[t, k] = (Lp - Lm) / (2 * eps)
    return g
dLdh = grad_h(range(1, T + 1))                      # total dL/dh_t (row)
J = lambda t: np.diag(1 - np.tanh(a[t]) ** 2) @ Whh    # true dh_t/dh_{t-1}
dLdy = lambda t: Why @ hs[t] + by - Yt[t]
# line 71: dL/dh_t = dL/dy_t dy_t/dh_t + dL/dh_{t+1} dh_{t+1}/dh_t   (row-vector / numerator layout)
t = 2
print('L71 vs FD:', rel(dLdy(t) @ Why + dLdh[t + 1] @ J(t + 1), dLdh[t]))
# line 65: dL/dW_hh = sum_t dL_t/dW_hh (linearity)
def Lsum(Whh, which): return sum(run(Whh=Whh)[2][s] for s in which)
g = np.zeros_like(Whh); gs = np.zeros_like(Whh)
for idx in np.ndindex(Whh.shape):
    Wp = Whh.copy(); Wp[idx] += eps; Wm = Whh.copy(); Wm[idx] -= eps
    g[idx] = (Lsum(Wp, range(1, T + 1)) - Lsum(Wm, range(1, T + 1))) / (2 * eps)
    gs[idx] = sum((Lsum(Wp, [s]) - Lsum(Wm, [s])) / (2 * eps) for s in range(1, T + 1))
print('L65 sum of per-step gradients vs FD:', rel(gs, g))
# line 114: dL/dh_t = dL_t/dh_t + dL_{t+1}/dh_t   (drops L_{t+2}, ..., L_T)
dLt = grad_h([t]); dLt1 = grad_h([t + 1])
print('L114 author (two losses only) vs FD total:', rel(dLt[t] + dLt1[t], dLdh[t]))
# line 117: dL_{t+1}/dh_t = dL_{t+1}/dh_{t+1} dh_{t+1}/dh_t
print('L117 vs FD:', rel(dLt1[t + 1] @ J(t + 1), dLt1[t]))
# line 122: dh_t/dh_{t-1} = W_hh^T diag(1 - tanh^2(a_t))
Jfd = np.zeros((H, H)); tt = 3
for k in range(H):
    e = np.zeros(H); e[k] = eps
    f = lambda hp: np.tanh(Whh @ hp + Wxh @ X[tt] + bh)
    Jfd[:, k] = (f(hs[tt - 1] + e) - f(hs[tt - 1] - e)) / (2 * eps)
print('L122 author W^T diag vs FD Jacobian:', rel(Whh.T @ np.diag(1 - np.tanh(a[tt]) ** 2), Jfd),
      '| diag W:', rel(J(tt), Jfd), '| author vs transposed FD (denominator layout):', rel(Whh.T @ np.diag(1 - np.tanh(a[tt]) ** 2), Jfd.T))

# LSTM (section 5.2): f,i,o = sigma(W [h;x] + b), C~ = tanh(...), C_t = f C_{t-1} + i C~, h_t = o tanh(C_t)
sg = lambda v: 1 / (1 + np.exp(-v))
P = {g_: rng.normal(size=(H, H + D)) * 0.6 for g_ in 'fiCo'}; bP = {g_: rng.normal(size=H) * 0.2 for g_ in 'fiCo'}
def gates(hp, x):
    z = np.concatenate([hp, x]); return sg(P['f'] @ z + bP['f']), sg(P['i'] @ z + bP['i']), np.tanh(P['C'] @ z + bP['C']), sg(P['o'] @ z + bP['o'])
def lstm(C0, hfix=None):
    h = np.zeros(H); C = C0; Hs = [h]; Cs = [C]; Fs = [None]
    for t in range(1, T + 1):
        hp = Hs[t - 1] if hfix is None else hfix[t - 1]
        f, i, Ct, o = gates(hp, X[t]); C = f * C + i * Ct; h = o * np.tanh(C)
        Hs.append(h); Cs.append(C); Fs.append(f)
    return Hs, Cs, Fs
C0 = rng.normal(size=H); Hs, Cs, Fs = lstm(C0)
# line 129: dC_t/dC_{t-1} = f_t (partial: C_t as a function of (C_{t-1}, h_{t-1}, x_t))
tt = 3; Jc = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    cell = lambda Cp: (lambda f, i, Ct, o: f * Cp + i * Ct)(*gates(Hs[tt - 1], X[tt]))
    Jc[:, k] = (cell(Cs[tt - 1] + e) - cell(Cs[tt - 1] - e)) / (2 * eps)
print('L129 partial dC_t/dC_{t-1} vs diag(f_t):', rel(Jc, np.diag(Fs[tt])))
# line 151: dC_t/dC_0 = prod f_i ; partial (h's held fixed) vs total
Jp = np.zeros((H, H)); Jt = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    Jp[:, k] = (lstm(C0 + e, hfix=Hs)[1][T] - lstm(C0 - e, hfix=Hs)[1][T]) / (2 * eps)
    Jt[:, k] = (lstm(C0 + e)[1][T] - lstm(C0 - e)[1][T]) / (2 * eps)
prodf = np.diag(np.prod([Fs[t] for t in range(1, T + 1)], axis=0))
print('L151 prod f_i vs partial (h held fixed):', rel(prodf, Jp), '| vs total:', rel(prodf, Jt))
