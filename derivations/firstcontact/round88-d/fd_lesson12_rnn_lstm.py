# Finite-difference check of lesson12_rnn_lstm.md (course README "12 · RNNs & LSTM").
# Forward as written in 3.1 (column vectors): h_t = tanh(W_x x_t + W_h h_{t-1} + b), h_0 = 0.
# Loss for the test: L = sum_t v . h_t (per-step head), so delta_t (dL/dh_t, direct part) = v.
import numpy as np
rng = np.random.default_rng(1)
D, H, T = 3, 4, 5
Wx = rng.normal(size=(H, D)); Wh = rng.normal(size=(H, H)); b = rng.normal(size=H)
X = rng.normal(size=(T, D)); v = rng.normal(size=H)
eps = 1e-6
def report(name, a, b, tol=1e-6):
    a = np.asarray(a); b = np.asarray(b)
    if a.shape != b.shape:
        print(f"{name:58s} DISAGREE  (shape {a.shape} vs true {b.shape})"); return
    err = np.max(np.abs(a-b)); print(f"{name:58s} {'AGREE' if err < tol else 'DISAGREE'}  (max abs diff {err:.2e})")
def forward(Wx, Wh, b):
    hs = [np.zeros(H)]
    for t in range(T): hs.append(np.tanh(Wx @ X[t] + Wh @ hs[-1] + b))
    return hs
def loss(Wx, Wh, b): return sum(v @ h for h in forward(Wx, Wh, b)[1:])
hs = forward(Wx, Wh, b)
def fd(f, W):
    g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wp[idx] += eps; Wm = W.copy(); Wm[idx] -= eps; g[idx] = (f(Wp)-f(Wm))/(2*eps)
    return g
gWx = fd(lambda W: loss(W, Wh, b), Wx); gWh = fd(lambda W: loss(Wx, W, b), Wh)
# true total dL/dh_t by perturbing h_t
def loss_pert(k, e):
    h = np.zeros(H); L = 0
    for t in range(T):
        h = np.tanh(Wx @ X[t] + Wh @ h + b)
        if t == k: h = h + e
        L += v @ h
    return L
true_delta = np.array([[(loss_pert(k, eps*np.eye(H)[j]) - loss_pert(k, -eps*np.eye(H)[j]))/(2*eps) for j in range(H)] for k in range(T)])
# author's BPTT (line 16, 18): deltas as row vectors, delta_{t-1} += delta^z W_h^T
delta = [v.copy() for _ in range(T)]            # direct blame at each h_t
auth = [None]*T; dWx_auth = 0; dWh_auth = 0; dz_all = [None]*T
for t in range(T-1, -1, -1):
    dz = delta[t] * (1 - hs[t+1]**2)            # line 16 first eq
    dz_all[t] = dz; auth[t] = delta[t].copy()
    if t > 0: delta[t-1] = delta[t-1] + dz @ Wh.T   # line 16 second eq (row vector times W_h^T)
    dWx_auth = dWx_auth + np.outer(X[t], dz)    # line 18: x_t^T delta^z  (D x H)
    dWh_auth = dWh_auth + np.outer(hs[t], dz)   # line 18: h_{t-1}^T delta^z (H x H)
report("line 16 delta_{t-1} += delta^z W_h^T  (delta_t vs FD dL/dh_t)", np.array(auth), true_delta)
# correct column recursion for comparison
delta2 = [v.copy() for _ in range(T)]
for t in range(T-1, 0, -1):
    delta2[t-1] = delta2[t-1] + Wh.T @ (delta2[t]*(1-hs[t+1]**2))
report("  (reference) delta_{t-1} += W_h^T delta^z", np.array(delta2), true_delta)
# line 16 first equation, checked with the TRUE delta_t: dL/dz_t = delta_t * (1-h_t^2)
def loss_pert_z(k, e):
    h = np.zeros(H); L = 0
    for t in range(T):
        h = np.tanh(Wx @ X[t] + Wh @ h + b + (e if t == k else 0)); L += v @ h
    return L
true_dz = np.array([[(loss_pert_z(k, eps*np.eye(H)[j]) - loss_pert_z(k, -eps*np.eye(H)[j]))/(2*eps) for j in range(H)] for k in range(T)])
report("line 16 delta^z = delta (.) (1-h^2)  (with true delta)", true_delta*(1-np.array(hs[1:])**2), true_dz)
# line 18 with TRUE delta^z (isolates the layout of the weight formula itself)
dWx_l18 = sum(np.outer(X[t], true_dz[t]) for t in range(T)); dWh_l18 = sum(np.outer(hs[t], true_dz[t]) for t in range(T))
report("line 18 dL/dW_x = sum x_t^T delta^z (true delta^z)", dWx_l18, gWx)
report("line 18 dL/dW_h = sum h_{t-1}^T delta^z (true delta^z)", dWh_l18, gWh)
report("  (reference) sum delta^z x_t^T", sum(np.outer(true_dz[t], X[t]) for t in range(T)), gWx)
report("  (reference) sum delta^z h_{t-1}^T", sum(np.outer(true_dz[t], hs[t]) for t in range(T)), gWh)
# line 26: one-step factor delta_{t-1} ~ delta_t diag(1-h_t^2) W_h^T vs true Jacobian transpose
t = 3; J = np.diag(1-hs[t+1]**2) @ Wh                # dh_t/dh_{t-1} (column convention)
d = rng.normal(size=H)
report("line 26 one factor: d diag(1-h^2) W_h^T vs J^T d", d @ np.diag(1-hs[t+1]**2) @ Wh.T, J.T @ d)

# ---------------- LSTM part, lines 34, 36, 44 ----------------
Hc, Dx = 3, 2
W = {k: rng.normal(size=(Hc, Hc+Dx)) for k in 'figo'}; B = {k: rng.normal(size=Hc) for k in 'figo'}
sig = lambda a: 1/(1+np.exp(-a))
hprev = rng.normal(size=Hc); cprev = rng.normal(size=Hc); x = rng.normal(size=Dx)
def cell(hprev, cprev):
    z = np.concatenate([hprev, x])
    f = sig(W['f']@z+B['f']); i = sig(W['i']@z+B['i']); g = np.tanh(W['g']@z+B['g']); o = sig(W['o']@z+B['o'])
    c = f*cprev + i*g; return c, o*np.tanh(c), f
c, h, f = cell(hprev, cprev)
Jc = np.array([(cell(hprev, cprev+eps*e)[0]-cell(hprev, cprev-eps*e)[0])/(2*eps) for e in np.eye(Hc)]).T
report("line 44 dc_t/dc_{t-1} = diag(f) (explicit partial)", np.diag(f), Jc)
