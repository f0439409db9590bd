# Finite-difference check of rnn_messi10tom_bptt.md (messi10tom/RNN-from-scratch). numpy only.
# Forward: C_t = tanh(Wc x_t + Uc C_{t-1} + Bc), C_{-1}=0; H = tanh(V C_T); Yhat = softmax(W H + B); loss = -sum y log Yhat.
import numpy as np
rng = np.random.default_rng(1)
n_hidden, vocabsize, blocksize = 4, 5, 4
P = dict(Wc=rng.normal(0, .6, (n_hidden, vocabsize)), Uc=rng.normal(0, .6, (n_hidden, n_hidden)),
         Bc=rng.normal(0, .3, (n_hidden, 1)), V=rng.normal(0, .6, (n_hidden, n_hidden)),
         W=rng.normal(0, .6, (vocabsize, n_hidden)), B=rng.normal(0, .3, (vocabsize, 1)))
x = np.zeros((vocabsize, blocksize)); x[rng.integers(0, vocabsize, blocksize), np.arange(blocksize)] = 1
y = np.zeros(vocabsize); y[2] = 1
Softmax = lambda a: np.exp(a) / np.sum(np.exp(a), axis=0)

def loss_fn(P):
    Ct = np.zeros((n_hidden, 1))
    for t in range(blocksize):
        Ct = np.tanh(P['Wc'] @ x[:, t].reshape((vocabsize, 1)) + P['Uc'] @ Ct + P['Bc'])
    H = np.tanh(P['V'] @ Ct); Yhat = Softmax(P['W'] @ H + P['B'])
    return -np.sum(y.reshape((vocabsize, 1)) * np.log(Yhat))

def fdP(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        o = P[k][idx]; P[k][idx] = o + eps; lp = loss_fn(P); P[k][idx] = o - eps; lm = loss_fn(P); P[k][idx] = o
        g[idx] = (lp - lm) / (2 * eps)
    return g

# ---- author's code, verbatim in substance (lines 23-71) ----
Wc, Uc, Bc, V, W, B = (P[k] for k in ['Wc', 'Uc', 'Bc', 'V', 'W', 'B'])
Ct = np.zeros((n_hidden, 1)); cell_states = []
for t in range(blocksize):
    xt = x[:, t].reshape((vocabsize, 1)); Ct = np.tanh(Wc @ xt + Uc @ Ct + Bc); cell_states.append(Ct)
H = np.tanh(V @ Ct); Ybar = W @ H + B; Yhat = Softmax(Ybar); yy = y.reshape((vocabsize, 1))
cell_states = np.array(cell_states)
dy_bar = Yhat - yy; dH = W.T @ dy_bar; dW = dy_bar @ H.T; dB = dy_bar
dV = (dH * (1 - H ** 2)) @ Ct.T
dCt = V.T @ (dH * (1 - H ** 2))
dct_dctm1, dpc_dw = [], []
for c in reversed(cell_states):
    a = np.stack([1 - c ** 2] * n_hidden, axis=1).squeeze(); dct_dctm1.append(a * Uc)
for t in reversed(range(blocksize)):
    a = 1 - cell_states[t] ** 2; b = x[:, t].reshape((vocabsize, 1)); dpc_dw.append(a @ b.T)
dpc_dw = np.array(dpc_dw); dct_dctm1 = np.array(dct_dctm1)
J = dct_dctm1.copy()                     # per-step Jacobians before cumprod
dct_dctm1 = np.cumprod(dct_dctm1, axis=0)
dWc = dCt * (dpc_dw[0] + np.sum(dct_dctm1[:-1] @ dpc_dw[1:], axis=0))
dpc_du = []
for t in reversed(range(blocksize)):
    a = 1 - cell_states[t] ** 2; b = cell_states[t - 1] if t > 0 else np.zeros((n_hidden, 1)); dpc_du.append(a * b)
dpc_du = np.array(dpc_du)
dUc = dCt @ (dpc_du[0] + np.sum(dct_dctm1[:-1] @ dpc_du[1:])).T
dBc = dCt * ((1 - cell_states[0] ** 2) + np.sum(dct_dctm1[:-1] @ (1 - cell_states[1:] ** 2)))

res = []
def report(line, what, a, b):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    res.append((line, ok)); print(f"line {line:3d} {'AGREE   ' if ok else 'DISAGREE'} {what}")

# dL/dYbar by FD on B (same as dL/dYbar), dL/dH and dL/dC_T by direct FD on perturbed states
def loss_pert(dH_=None, dC_=None):
    Ct = np.zeros((n_hidden, 1))
    for t in range(blocksize):
        Ct = np.tanh(Wc @ x[:, t].reshape((vocabsize, 1)) + Uc @ Ct + Bc)
    if dC_ is not None: Ct = Ct + dC_
    H = np.tanh(V @ Ct)
    if dH_ is not None: H = H + dH_
    return -np.sum(yy * np.log(Softmax(W @ H + B)))
def fdv(kind, eps=1e-6):
    g = np.zeros((n_hidden, 1))
    for k in range(n_hidden):
        e = np.zeros((n_hidden, 1)); e[k] = eps
        g[k] = (loss_pert(**{kind: e}) - loss_pert(**{kind: -e})) / (2 * eps)
    return g
report(37, "dy_bar = Yhat - y  (= dL/dB)", dy_bar, fdP('B'))
report(38, "dH = W^T dy_bar", dH, fdv('dH_'))
report(39, "dW = dy_bar H^T", dW, fdP('W'))
report(40, "dB = dy_bar", dB, fdP('B'))
report(42, "dV = (dH*(1-H^2)) C_T^T", dV, fdP('V'))
report(44, "dCt = V^T (dH*(1-H^2)) = dL/dC_T", dCt, fdv('dC_'))
# per-step Jacobian line 51: dC_t/dC_{t-1} = diag(1-c_t^2) Uc, check for the last step numerically
def C_last_from(Cprev, t):
    return np.tanh(Wc @ x[:, t].reshape((vocabsize, 1)) + Uc @ Cprev + Bc)
Jfd = np.zeros((n_hidden, n_hidden)); eps = 1e-6
for k in range(n_hidden):
    e = np.zeros((n_hidden, 1)); e[k] = eps
    Jfd[:, [k]] = (C_last_from(cell_states[-2] + e, blocksize - 1) - C_last_from(cell_states[-2] - e, blocksize - 1)) / (2 * eps)
report(51, "per-step Jacobian a*Uc = dC_T/dC_{T-1}", J[0], Jfd)
# line 60: cumulative product should be the matrix product J_T J_{T-1} ... ; compare the second entry
report(60, "cumprod entry 1 (elementwise J_T*J_{T-1}) vs chain rule J_T @ J_{T-1}", dct_dctm1[1], J[0] @ J[1])
# line 67: local dC_T/dUc term for the last step, weighted by dCt, must be the n x n outer product
loc_true = (dCt * (1 - cell_states[-1] ** 2)) @ cell_states[-2].T
loc_auth = dpc_du_last = (1 - cell_states[-1] ** 2) * cell_states[-2]
print(f"line  67 {'AGREE   ' if loc_auth.shape == loc_true.shape else 'DISAGREE'} a*b has shape {loc_auth.shape}, the Uc local term needs {loc_true.shape} (outer product)")
res.append((67, loc_auth.shape == loc_true.shape))
report(61, "dWc (author) vs FD", dWc, fdP('Wc'))
report(70, "dUc (author) vs FD", dUc, fdP('Uc'))
report(71, "dBc (author) vs FD", dBc, fdP('Bc'))
# what correct BPTT gives, for reference
delta = dCt.copy(); gWc = np.zeros_like(Wc); gUc = np.zeros_like(Uc); gBc = np.zeros_like(Bc)
for t in reversed(range(blocksize)):
    d = delta * (1 - cell_states[t] ** 2); prev = cell_states[t - 1] if t > 0 else np.zeros((n_hidden, 1))
    gWc += d @ x[:, [t]].T; gUc += d @ prev.T; gBc += d; delta = Uc.T @ d
print("reference BPTT agrees with FD:", np.allclose(gWc, fdP('Wc'), atol=1e-7), np.allclose(gUc, fdP('Uc'), atol=1e-7), np.allclose(gBc, fdP('Bc'), atol=1e-7))
print("DISAGREE rows:", [l for l, ok in res if not ok])
