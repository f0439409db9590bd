# Finite-difference check of simonjisu_rnn.md (numpy only).
import numpy as np
rng = np.random.default_rng(0)

def report(name, a, b, tol=1e-5):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"{name:70s} {'AGREE' if err < tol else 'DIFFER'}  (rel.err {err:.2e})")
    return err < tol

# ---------------------------------------------------------------- Part 3 code, code layout (row vectors, x @ W)
D, H, O, T = 3, 4, 5, 4
P = {'W_xh': rng.normal(size=(D, H)) * .5, 'W_hh': rng.normal(size=(H, H)) * .5,
     'W_hy': rng.normal(size=(H, O)) * .5, 'b_h': rng.normal(size=(1, H)) * .5, 'b_y': rng.normal(size=(1, O)) * .5}
X = rng.normal(size=(T, D))
Y = np.eye(O)[rng.integers(0, O, size=T)]

def softmax(x):
    x = x - x.max(axis=1, keepdims=True); e = np.exp(x); return e / e.sum(axis=1, keepdims=True)

def forward(P):
    hs = {-1: np.zeros((1, H))}; os = {}; a_s = {}
    for i in range(T):
        a = hs[i - 1] @ P['W_hh'] + P['b_h'] + X[i:i + 1] @ P['W_xh']   # line 137 (Linear forward 169/171)
        a_s[i] = a
        hs[i] = np.tanh(a)                                             # line 138 / 192
        os[i] = hs[i] @ P['W_hy'] + P['b_y']                           # line 139
    return os, hs, a_s

def loss_mean(P):   # line 153: total_loss / len(t)
    os, _, _ = forward(P)
    return sum(-np.log(softmax(os[i])[0, Y[i].argmax()] + 1e-7) for i in range(T)) / T

def loss_sum(P):
    return loss_mean(P) * T

def fd(f, P, key, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*P[key].shape):
        old = P[key][idx]
        P[key][idx] = old + eps; fp = f(P)
        P[key][idx] = old - eps; fm = f(P)
        P[key][idx] = old; g[idx] = (fp - fm) / (2 * eps)
    return g

def author_backward(P, truncate=None):
    """backward() (lines 76-92) or backward_truncate() (lines 104-121), with Linear/Tanh/SoftmaxWithLoss as written."""
    os, hs, _ = forward(P)
    S = {k: np.zeros_like(v) for k, v in P.items()}
    dht = np.zeros((1, H))
    for t in range(T)[::-1]:
        dout = softmax(os[t]) - Y[t:t + 1]                   # line 82 / 110 (SoftmaxWithLoss.backward, batch_size 1, line 219)
        dht_raw = dout @ P['W_hy'].T                         # line 83 / 111 (Linear.backward line 176)
        S['W_hy'] += hs[t].T @ dout                          # line 90 / 112 (line 177)
        S['b_y'] += np.sum(P['b_y'], axis=0)                 # line 92 / 113 (Linear.backward line 179 as written)
        steps = [t] if truncate is None else list(np.arange(max(0, t + 1 - truncate), t + 1)[::-1])
        for s in steps:
            dat = (dht_raw + dht) * (1 - hs[s] ** 2)         # line 84 / 116 (Tanh.backward line 198)
            dht = dat @ P['W_hh'].T                          # line 85 / 117
            S['W_xh'] += X[s:s + 1].T @ dat                  # line 88 / 119
            S['W_hh'] += hs[s - 1].T @ dat                   # line 89 / 120
            S['b_h'] += np.sum(P['b_h'], axis=0)             # line 91 / 121 (line 179 as written)
    return S

def corrected_backward(P):
    """same as lines 82-92 but with db = sum(dout) (line 179 fixed); gradient of the SUM of costs."""
    os, hs, _ = forward(P)
    S = {k: np.zeros_like(v) for k, v in P.items()}
    dht = np.zeros((1, H))
    for t in range(T)[::-1]:
        dout = softmax(os[t]) - Y[t:t + 1]
        dht_raw = dout @ P['W_hy'].T
        S['W_hy'] += hs[t].T @ dout; S['b_y'] += dout.sum(0)
        dat = (dht_raw + dht) * (1 - hs[t] ** 2)
        dht = dat @ P['W_hh'].T
        S['W_xh'] += X[t:t + 1].T @ dat; S['W_hh'] += hs[t - 1].T @ dat; S['b_h'] += dat.sum(0)
    return S

print("== Part 3: author's backward() vs finite differences")
A = author_backward(P)
for k in ['W_xh', 'W_hh', 'W_hy']:
    report(f"backward() {k} vs d(mean loss, line 153)", A[k], fd(loss_mean, P, k))
for k in ['W_xh', 'W_hh', 'W_hy']:
    report(f"backward() {k} / T vs d(mean loss)  [line 82: missing 1/T]", A[k] / T, fd(loss_mean, P, k))
for k in ['W_xh', 'W_hh', 'W_hy']:
    report(f"backward() {k} vs d(sum of costs)   [lines 83-90 right per step]", A[k], fd(loss_sum, P, k))
for k in ['b_h', 'b_y']:
    report(f"backward() {k} vs d(sum of costs)   [line 179 db = sum(b)]", A[k], fd(loss_sum, P, k))
C = corrected_backward(P)
for k in ['b_h', 'b_y']:
    report(f"same loop with db = sum(dout): {k} vs d(sum of costs)", C[k], fd(loss_sum, P, k))

print("== Part 2: backward_truncate() with bptt_truncate = T (no truncation) must equal full BPTT")
AT = author_backward(P, truncate=T)
for k in ['W_xh', 'W_hh']:
    report(f"backward_truncate(T) {k} vs d(sum of costs)  [line 116]", AT[k], fd(loss_sum, P, k))
# correct truncated BPTT with window T: each t restarts with dh = 0 and backprops only its own dht_raw
def correct_truncated(P, k_tr):
    os, hs, _ = forward(P); S = {k: np.zeros_like(v) for k, v in P.items()}
    for t in range(T)[::-1]:
        dout = softmax(os[t]) - Y[t:t + 1]; dh = dout @ P['W_hy'].T
        for s in range(t, max(-1, t - k_tr), -1):
            dat = dh * (1 - hs[s] ** 2); S['W_xh'] += X[s:s + 1].T @ dat; S['W_hh'] += hs[s - 1].T @ dat
            dh = dat @ P['W_hh'].T
    return S
CT = correct_truncated(P, T)
report("reference truncated BPTT (window T) W_hh vs d(sum of costs)", CT['W_hh'], fd(loss_sum, P, 'W_hh'))
CT2 = correct_truncated(P, 2); AT2 = author_backward(P, truncate=2)
report("backward_truncate(2) W_hh vs reference truncated BPTT (window 2)", AT2['W_hh'], CT2['W_hh'])

# ---------------------------------------------------------------- Part 1 layout (column vectors, a = W_hh h + ...)
print("== Part 1 line 37-39: dh_t/dh_{t-1} = diag(f(a_t)) W_hh (column layout)")
Wh = rng.normal(size=(H, H)) * .6; Wx = rng.normal(size=(H, D)) * .6; bh = rng.normal(size=H) * .3
hp = rng.normal(size=H); x1 = rng.normal(size=D)
step = lambda h: np.tanh(Wh @ h + Wx @ x1 + bh)
J = np.array([(step(hp + 1e-6 * e) - step(hp - 1e-6 * e)) / 2e-6 for e in np.eye(H)]).T
a1 = Wh @ hp + Wx @ x1 + bh
report("diag(1 - tanh^2(a_t)) @ W_hh vs FD Jacobian", np.diag(1 - np.tanh(a1) ** 2) @ Wh, J)

# ---------------------------------------------------------------- scalar RNN (H = D = O = 1) for the derivation lines
print("== scalar RNN (the derivation's commuting notation): L = mean_t 1/2 (y_t - d_t)^2")
Ts = 5
w_hh, w_xh, w_hy, b_h, b_y = 0.9, 0.7, 1.3, 0.1, -0.2
xs = rng.normal(size=Ts + 1); ds = rng.normal(size=Ts + 1)   # index 1..Ts used
def run(w_hh, h0):
    h = {0: h0}; a = {}; y = {}
    for t in range(1, Ts + 1):
        a[t] = w_hh * h[t - 1] + w_xh * xs[t] + b_h          # line 42
        h[t] = np.tanh(a[t])                                # line 8
        y[t] = w_hy * h[t] + b_y                            # line 9
    L = sum(0.5 * (y[t] - ds[t]) ** 2 for t in range(1, Ts + 1)) / Ts
    return L, h, a, y
h0 = 0.4
L, h, a, y = run(w_hh, h0)
f = lambda t: 1 - np.tanh(a[t]) ** 2                         # line 51
dy = {t: (y[t] - ds[t]) / Ts for t in range(1, Ts + 1)}     # dL/dy_t
num_dWhh = (run(w_hh + 1e-6, h0)[0] - run(w_hh - 1e-6, h0)[0]) / 2e-6
num_dh0 = (run(w_hh, h0 + 1e-6)[0] - run(w_hh, h0 - 1e-6)[0]) / 2e-6
# line 29/31: sum_T dCost_T/dy_T dy_T/dh_T prod(dh/dh) dh_1/dW_hh, with dh_1/dW_hh = f(a_1) h_0
auth29 = sum(dy[T_] * w_hy * np.prod([f(k) * w_hh for k in range(2, T_ + 1)]) * f(1) * h[0] for T_ in range(1, Ts + 1))
true_dW = sum(dy[T_] * w_hy * sum(np.prod([f(j) * w_hh for j in range(k + 1, T_ + 1)]) * f(k) * h[k - 1]
                                for k in range(1, T_ + 1)) for T_ in range(1, Ts + 1))
report("line 29/31 (only the dh_1/dW_hh path) vs FD dL/dW_hh", np.array(auth29), np.array(num_dWhh))
report("reference sum over all k (direct dh_k/dW_hh) vs FD dL/dW_hh", np.array(true_dW), np.array(num_dWhh))
# line 58/59 closed form for dh_0 (t = Ts)
line59 = sum(dy[i] * w_hy * w_hh ** i * np.prod([f(j) for j in range(1, i + 1)]) for i in range(1, Ts + 1))
report("line 58/59 closed form dh_0 vs FD dL/dh_0", np.array(line59), np.array(num_dh0))
# line 68 nested recursion: dh_{t-1} = W_hh f(a_t) (dh_t^raw + dh_t), dh_t^raw = W_hy dy_t
dht = 0.0
for t in range(Ts, 0, -1):
    dht = w_hh * f(t) * (w_hy * dy[t] + dht)
report("line 66-68 nested form dh_0 vs FD dL/dh_0", np.array(dht), np.array(num_dh0))
# line 99 T-BPTT with truncate >= t (k = 1): must reduce to the full gradient, it does not
trunc = 100; k = max(1, Ts - trunc)
line99 = sum(dy[i] * w_hy * w_hh ** k * np.prod([f(j) for j in range(k, Ts + 1)]) for i in range(1, Ts + 1))
report("line 99 T-BPTT formula (no truncation, k=1) vs FD dL/dh_0", np.array(line99), np.array(num_dh0))

print("== matrix (code layout) check of the nested form line 68: dh_{t-1} = W_hh (f(a_t) * (W_hy dy_t + dh_t))")
os_, hs_, as_ = forward(P)
def loss_h0(h0v):
    hs = {-1: h0v}; tot = 0
    for i in range(T):
        hs[i] = np.tanh(hs[i - 1] @ P['W_hh'] + P['b_h'] + X[i:i + 1] @ P['W_xh'])
        o = hs[i] @ P['W_hy'] + P['b_y']; tot += -np.log(softmax(o)[0, Y[i].argmax()])
    return tot / T
g = np.zeros(H)
for j in range(H):
    e = np.zeros((1, H)); e[0, j] = 1e-6
    g[j] = (loss_h0(e) - loss_h0(-e)) / 2e-6
dh = np.zeros(H)
for t in range(T)[::-1]:
    dyt = (softmax(os_[t]) - Y[t:t + 1])[0] / T
    dh = P['W_hh'] @ ((1 - np.tanh(as_[t][0]) ** 2) * (P['W_hy'] @ dyt + dh))
report("line 68 read as W_hh (f(a) * (.)) with x@W weights vs FD dL/dh_0", dh, g)
