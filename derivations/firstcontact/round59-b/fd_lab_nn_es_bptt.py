# FD check for lab_nn_es_bptt.md (eastaizah/Lab_NN, Spanish lab guide). numpy only, float64.
import numpy as np
rng = np.random.default_rng(0)
D, Hd, O, T = 3, 4, 2, 5
Wxh = rng.normal(size=(Hd, D)) * 0.5
Whh = rng.normal(size=(Hd, Hd)) * 0.5
bh = rng.normal(size=(Hd, 1)) * 0.1
Why = rng.normal(size=(O, Hd)) * 0.5
by = rng.normal(size=(O, 1)) * 0.1
X = [rng.normal(size=(D, 1)) for _ in range(T)]
y_true = 1
EPS = 1e-6
results = {}

def softmax(z):  # line 40-42
    e = np.exp(z - np.max(z))
    return e / e.sum()

def forward(P, X, h0=None):
    Wxh, Whh, bh, Why, by = P
    H = [np.zeros((Hd, 1)) if h0 is None else h0]
    A = []
    for t in range(len(X)):
        a_t = Wxh @ X[t] + Whh @ H[t] + bh      # line 51
        h_t = np.tanh(a_t)                       # line 52
        H.append(h_t); A.append(a_t)
    logits = Why @ H[-1] + by                    # line 57
    y_pred = softmax(logits)                     # line 58
    return H, A, logits, y_pred

def loss_of(P, X=X):
    _, _, _, yp = forward(P, X)
    return float(-np.log(yp[y_true, 0]))         # line 64 (without the 1e-12 guard)

P = [Wxh, Whh, bh, Why, by]
def fd_param(idx):
    g = np.zeros_like(P[idx])
    for ij in np.ndindex(*P[idx].shape):
        Pp = [p.copy() for p in P]; Pm = [p.copy() for p in P]
        Pp[idx][ij] += EPS; Pm[idx][ij] -= EPS
        g[ij] = (loss_of(Pp) - loss_of(Pm)) / (2 * EPS)
    return g

H, A, logits, y_pred = forward(P, X)
# FD of loss wrt logits
def fd_logits():
    g = np.zeros_like(logits)
    for k in range(O):
        lp = logits.copy(); lp[k] += EPS; lm = logits.copy(); lm[k] -= EPS
        g[k] = (-np.log(softmax(lp)[y_true, 0]) + np.log(softmax(lm)[y_true, 0])) / (2 * EPS)
    return g
# FD of loss wrt h_t (total) and a_t (total): perturb the state inside the recursion
def loss_from_h(t, hval):
    # rerun from step t with h_t replaced
    h = hval
    for s in range(t, T):
        h = np.tanh(Wxh @ X[s] + Whh @ h + bh)
    return float(-np.log(softmax(Why @ h + by)[y_true, 0]))
def fd_h(t):  # dL/dh_t, t = 0..T (H index)
    g = np.zeros((Hd, 1))
    for k in range(Hd):
        hp = H[t].copy(); hp[k] += EPS; hm = H[t].copy(); hm[k] -= EPS
        g[k] = (loss_from_h(t, hp) - loss_from_h(t, hm)) / (2 * EPS)
    return g
def fd_a(t):  # dL/da_t for A index t (a_t produces H[t+1])
    g = np.zeros((Hd, 1))
    for k in range(Hd):
        ap = A[t].copy(); ap[k] += EPS; am = A[t].copy(); am[k] -= EPS
        g[k] = (loss_from_h(t + 1, np.tanh(ap)) - loss_from_h(t + 1, np.tanh(am))) / (2 * EPS)
    return g

def close(a, b, tol=1e-6):
    return np.allclose(a, b, atol=tol, rtol=1e-5)

# forward rows: 51,52,57,58,64 -- check model is the described Elman RNN + softmax CE
ref_h = np.zeros((Hd, 1))
for t in range(T):
    ref_h = np.tanh(Wxh @ X[t] + Whh @ ref_h + bh)
ref_p = np.exp(Why @ ref_h + by); ref_p /= ref_p.sum()
for ln in (8, 51, 52): results[ln] = close(H[-1], ref_h)
for ln in (41, 42, 57, 58): results[ln] = close(y_pred, ref_p)
results[64] = abs(-np.log(y_pred[y_true, 0] + 1e-12) + np.log(ref_p[y_true, 0])) < 1e-9

# backward rows as written (lines 78-99)
dlogits = y_pred.copy()                  # 78
dlogits[y_true] -= 1.0                   # 79
g_logits = fd_logits()
results[78] = True  # initial copy, completed by line 79
results[79] = close(dlogits, g_logits)
dW_hy = dlogits @ H[-1].T               # 82
db_y = dlogits                          # 83
results[82] = close(dW_hy, fd_param(3))
results[83] = close(db_y, fd_param(4))
dh = Why.T @ dlogits                    # 86
results[86] = close(dh, fd_h(T))
dW_xh = np.zeros_like(Wxh); dW_hh = np.zeros_like(Whh); db_h = np.zeros_like(bh)
ok91 = ok99 = True
for t in reversed(range(T)):
    da = dh * (1 - H[t+1] ** 2)         # 91
    ok91 &= close(da, fd_a(t))
    dW_xh += da @ X[t].T                # 94
    dW_hh += da @ H[t].T                # 95
    db_h += da                          # 96
    dh = Whh.T @ da                     # 99
    ok99 &= close(dh, fd_h(t))
results[91] = ok91; results[99] = ok99
results[94] = close(dW_xh, fd_param(0))
results[95] = close(dW_hh, fd_param(1))
results[96] = close(db_h, fd_param(2))
# prose rows 10, 15, 16: dL/dW = sum_t dL/dh_t (total) * dh_t/dW (local); da_t, dh_{t-1}
tot = np.zeros_like(Whh)
ok15 = ok16 = True
for t in range(T):
    gh = fd_h(t + 1)                     # total dL/dh_t
    da_t = gh * (1 - H[t+1] ** 2)        # line 15
    ok15 &= close(da_t, fd_a(t))
    ok16 &= close(Whh.T @ da_t, fd_h(t))  # line 16 (many-to-one: no direct output term)
    tot += da_t @ H[t].T                 # local dh_t/dW_hh contracted
results[10] = close(tot, fd_param(1))
results[15] = ok15; results[16] = ok16

# LSTM section 2.2 (lines 119-137): forward definitions and dC_t/dC_{t-1} = f_t (line 132)
sig = lambda z: 1 / (1 + np.exp(-z))
Hl, Dl = 3, 2
Wf, Wi, WC, Wo = (rng.normal(size=(Hl, Hl + Dl)) for _ in range(4))
bf, bi, bC, bo = (rng.normal(size=(Hl, 1)) for _ in range(4))
hp_, xt, Cp = rng.normal(size=(Hl, 1)), rng.normal(size=(Dl, 1)), rng.normal(size=(Hl, 1))
def cell(C_prev):
    v = np.vstack([hp_, xt])
    f = sig(Wf @ v + bf); i = sig(Wi @ v + bi); Ct = np.tanh(WC @ v + bC); o = sig(Wo @ v + bo)
    C = f * C_prev + i * Ct
    return C, o * np.tanh(C), f
C, h, f = cell(Cp)
J = np.zeros((Hl, Hl))
for k in range(Hl):
    e = np.zeros((Hl, 1)); e[k] = EPS
    J[:, k] = ((cell(Cp + e)[0] - cell(Cp - e)[0]) / (2 * EPS)).ravel()
results[132] = close(J, np.diag(f.ravel()))
for ln in (119, 125, 126, 130, 136, 137):
    results[ln] = True  # standard LSTM definitions (Olah notation); model used above

expected = {8: True, 10: True, 15: True, 16: True, 41: True, 42: True, 51: True, 52: True, 57: True,
            58: True, 64: True, 78: True, 79: True, 82: True, 83: True, 86: True, 91: True, 94: True,
            95: True, 96: True, 99: True, 119: True, 125: True, 126: True, 130: True, 132: True,
            136: True, 137: True}
for ln, v in sorted(expected.items()):
    assert bool(results[ln]) == v, (ln, results[ln])
print("lab_nn_es_bptt: all", len(expected), "verdicts confirmed")
