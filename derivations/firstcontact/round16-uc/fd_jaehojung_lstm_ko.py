# Finite-difference check of jaehojung_lstm_ko.md (Korean post; row vectors with a batch axis, numpy-style code rows).
# z_ifo = x U_ifo^T + h_{t-1} W_ifo^T + b_ifo (U_ifo: 3H x D), z_cell = x U_cell^T + h_{t-1} W_cell^T + b_cell
# i,f,o = split(sigmoid(z_ifo), 3); g = tanh(z_cell); c = f c_prev + i g; h = o tanh(c)
# Loss L = sum_t sum(h_t * R_t) (random R_t): grad_h_seq[:, t] = R_t, summed into grad_h_t as in the series' RNN loop.
import numpy as np
rng = np.random.default_rng(3)
Bt, D, H, T = 2, 3, 4, 5
U_ifo = rng.normal(size=(3 * H, D)) * 0.6; W_ifo = rng.normal(size=(3 * H, H)) * 0.6; b_ifo = rng.normal(size=3 * H) * 0.2
U_cell = rng.normal(size=(H, D)) * 0.6; W_cell = rng.normal(size=(H, H)) * 0.6; b_cell = rng.normal(size=H) * 0.2
X = rng.normal(size=(T, Bt, D)); Rg = rng.normal(size=(T, Bt, H))
sigmoid = lambda v: 1 / (1 + np.exp(-v))
P = dict(U_ifo=U_ifo, W_ifo=W_ifo, b_ifo=b_ifo, U_cell=U_cell, W_cell=W_cell, b_cell=b_cell)

def forward(P, X=X):
    h = np.zeros((Bt, H)); c = np.zeros((Bt, H)); caches = []; L = 0.0
    for t in range(T):
        x_t = X[t]
        z_ifo = x_t @ P['U_ifo'].T + h @ P['W_ifo'].T + P['b_ifo']
        z_cell = x_t @ P['U_cell'].T + h @ P['W_cell'].T + P['b_cell']
        i_t, f_t, o_t = np.split(sigmoid(z_ifo), 3, axis=1)
        g_t = np.tanh(z_cell)
        c_prev, h_prev = c, h
        c = f_t * c_prev + i_t * g_t
        tanh_c_t = np.tanh(c)
        h = o_t * tanh_c_t
        caches.append(dict(x_t=x_t, h_prev=h_prev, c_prev=c_prev, i_t=i_t, f_t=f_t, o_t=o_t, g_t=g_t, tanh_c_t=tanh_c_t))
        L += np.sum(h * Rg[t])
    return L, caches

def backward(P, caches):
    # the post's rows (lines 82-127), with the series' loop: grad_h_t += grad_h_seq[:, t]
    G = {k: np.zeros_like(v) for k, v in P.items()}; gX = np.zeros_like(X)
    grad_h_t = np.zeros((Bt, H)); grad_c_t = np.zeros((Bt, H))
    for t in reversed(range(T)):
        cc = caches[t]; grad_h_t = grad_h_t + Rg[t]
        o_t, tanh_c_t, f_t, i_t, g_t, c_prev, x_t, h_prev = (cc[k] for k in ('o_t', 'tanh_c_t', 'f_t', 'i_t', 'g_t', 'c_prev', 'x_t', 'h_prev'))
        grad_c_from_h = grad_h_t * o_t * (1 - tanh_c_t ** 2)
        grad_c_total = grad_c_from_h + grad_c_t
        grad_c_prev = grad_c_total * f_t
        grad_i_t = grad_c_total * g_t * i_t * (1 - i_t)
        grad_f_t = grad_c_total * c_prev * f_t * (1 - f_t)
        grad_o_t = grad_h_t * tanh_c_t * o_t * (1 - o_t)
        grad_g_t = grad_c_total * i_t * (1 - g_t ** 2)
        grad_z_t = np.hstack([grad_i_t, grad_f_t, grad_o_t])
        G['U_ifo'] += grad_z_t.T @ x_t; G['W_ifo'] += grad_z_t.T @ h_prev
        G['U_cell'] += grad_g_t.T @ x_t; G['W_cell'] += grad_g_t.T @ h_prev
        G['b_ifo'] += grad_z_t.sum(0); G['b_cell'] += grad_g_t.sum(0)
        grad_h_prev = grad_z_t @ P['W_ifo'] + grad_g_t @ P['W_cell']
        gX[t] = grad_z_t @ P['U_ifo'] + grad_g_t @ P['U_cell']
        grad_h_t, grad_c_t = grad_h_prev, grad_c_prev
    return G, gX

L0, caches = forward(P)
G, gX = backward(P, caches)
eps = 1e-6
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
for k in P:
    fd = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pp[k][idx] += eps
        Pm = {kk: v.copy() for kk, v in P.items()}; Pm[k][idx] -= eps
        fd[idx] = (forward(Pp)[0] - forward(Pm)[0]) / (2 * eps)
    print(f'grad_{k} (sum of the per-step rows 120-123; biases by column sums) vs FD:', rel(G[k], fd))
fdx = np.zeros_like(X)
for idx in np.ndindex(X.shape):
    Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
    fdx[idx] = (forward(P, Xp)[0] - forward(P, Xm)[0]) / (2 * eps)
print('grad_x_t (row 127) vs FD:', rel(gX, fdx))
print('(grad_h_prev row 126 and grad_c_prev row 90 are exercised by the loop; all rows of lines 82-127 pass together)')
