"""FD check of jp_leaky_rnn_bptt_rowgrad.md.  Column states, ROW gradients (numerator layout):
u_t = W_rec h_{t-1} + W_in x_t + b_h;  h_t = (1-a) h_{t-1} + a f(u_t);  a_t = W_out h_t + b_y;  y_t = g(a_t);
h_0 = 0;  L = sum_t L_t.  Here f = tanh, g = sigmoid (element-wise, as the text's g'(a_t) Hadamard form needs),
L_t = 1/2 ||y_t - y*_t||^2.  delta_t = dL/dh_t is a 1 x d row; dL/dW (W: p x q) is read in numerator layout (q x p)."""
import numpy as np
rng = np.random.default_rng(2)
n, d, m, T, al = 3, 4, 2, 5, 0.6
W_in, W_rec, W_out = rng.normal(size=(d, n)) * .6, rng.normal(size=(d, d)) * .6, rng.normal(size=(m, d)) * .6
b_h, b_y = rng.normal(size=d) * .3, rng.normal(size=m) * .3
xs = rng.normal(size=(T + 1, n)); ystar = rng.uniform(size=(T + 1, m))
f, df = np.tanh, lambda u: 1 - np.tanh(u) ** 2
g = lambda a: 1 / (1 + np.exp(-a)); dg = lambda a: g(a) * (1 - g(a))
P = dict(W_in=W_in, W_rec=W_rec, W_out=W_out, b_h=b_h, b_y=b_y)

def fwd(P, hpert=None):
    h = np.zeros(d); H = {0: h}; U = {}; A = {}; Y = {}; L = 0.0
    for t in range(1, T + 1):
        u = P['W_rec'] @ h + P['W_in'] @ xs[t] + P['b_h']
        h = (1 - al) * h + al * f(u)
        if hpert is not None and hpert[0] == t: h = h + hpert[1]
        a = P['W_out'] @ h + P['b_y']; y = g(a)
        L += 0.5 * np.sum((y - ystar[t]) ** 2); H[t], U[t], A[t], Y[t] = h, u, a, y
    return L, H, U, A, Y
L, H, U, A, Y = fwd(P)
eps = 1e-6
# author's BPTT
dout = {t: (Y[t] - ystar[t]) * dg(A[t]) for t in range(1, T + 1)}          # line 32-34 (row)
delta = {T + 1: np.zeros(d)}; dh = {T + 1: np.zeros(d)}
for t in range(T, 0, -1):
    direct = dout[t] @ P['W_out']                                            # line 52
    if t < T:
        ind60 = delta[t + 1] @ ((1 - al) * np.eye(d) + al * np.diag(df(U[t + 1])) @ P['W_rec'])   # line 60
        ind61 = (1 - al) * delta[t + 1] + al * (delta[t + 1] * df(U[t + 1])) @ P['W_rec']          # line 61
        assert np.allclose(ind60, ind61)
    else:
        ind61 = np.zeros(d)
    dh[t + 1] = delta[t + 1] * df(U[t + 1]) if t < T else np.zeros(d)        # delta^h (line 65)
    delta[t] = direct + (1 - al) * delta[t + 1] + al * dh[t + 1] @ P['W_rec'] # line 69-70
    assert np.allclose(delta[t], direct + ind61)                             # line 42-44 split
dhh = {t: delta[t] * df(U[t]) for t in range(1, T + 1)}
# FD of dL/dh_t (total) for every t
err = 0
for t in range(1, T + 1):
    gfd = np.array([(fwd(P, (t, e))[0] - fwd(P, (t, -e))[0]) / (2 * eps) for e in np.eye(d) * eps])
    err = max(err, np.abs(gfd - delta[t]).max())
print("delta_t = dL/dh_t (lines 42-44, 69-70), max err:", err)
# direct part dL_t/dh_t (line 52) and dout (line 32): FD on L_t only
t0 = 2
def Lt(hp, t=t0): return 0.5 * np.sum((g(P['W_out'] @ hp + P['b_y']) - ystar[t]) ** 2)
gfd = np.array([(Lt(H[t0] + e) - Lt(H[t0] - e)) / (2 * eps) for e in np.eye(d) * eps])
print("line 52 dL_t/dh_t = dout W_out:", np.abs(gfd - dout[t0] @ P['W_out']).max())
def La(ap, t=t0): return 0.5 * np.sum((g(ap) - ystar[t]) ** 2)
gfd = np.array([(La(A[t0] + e) - La(A[t0] - e)) / (2 * eps) for e in np.eye(m) * eps])
print("line 32-34 dout = dL_t/da_t:", np.abs(gfd - dout[t0]).max())
# parameter gradients (lines 78-86), numerator layout: author's matrix = (dL/dW)^T
G = {}
for k, v in P.items():
    gk = np.zeros_like(v)
    for idx in np.ndindex(v.shape):
        Q = {kk: vv.copy() for kk, vv in P.items()}; Q[k][idx] += eps; Lp = fwd(Q)[0]; Q[k][idx] -= 2 * eps; Lm = fwd(Q)[0]
        gk[idx] = (Lp - Lm) / (2 * eps)
    G[k] = gk
A_Wout = sum(np.outer(H[t], dout[t]) for t in range(1, T + 1))
A_Wrec = al * sum(np.outer(H[t - 1], dhh[t]) for t in range(1, T + 1))
A_Win = al * sum(np.outer(xs[t], dhh[t]) for t in range(1, T + 1))
A_b = al * sum(dhh[t] for t in range(1, T + 1))
print("line 78-79 W_out (author = FD^T):", np.abs(A_Wout - G['W_out'].T).max(), " as same-shape? shape", A_Wout.shape, "vs", G['W_out'].shape)
print("line 80-81 W_rec (author = FD^T):", np.abs(A_Wrec - G['W_rec'].T).max(), " (author = FD untransposed):", np.abs(A_Wrec - G['W_rec']).max())
print("line 82-83 W_in (author = FD^T):", np.abs(A_Win - G['W_in'].T).max())
print("line 85-86 b:", np.abs(A_b - G['b_h']).max())
# reading check for line 61: delta (.) (f'^T W_rec) would differ
alt = (1 - al) * delta[3] + al * delta[3] * (df(U[3]) @ P['W_rec'])
print("line 61 alternative precedence delta.(f'W) differs by", np.abs(alt - ((1 - al) * delta[3] + al * (delta[3] * df(U[3])) @ P['W_rec'])).max())
