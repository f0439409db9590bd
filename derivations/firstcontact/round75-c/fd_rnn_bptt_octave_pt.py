# Finite-difference check of rnn_bptt.m (P4m3l4m4r14/Inteligencia-Computacional), transcribed to numpy.
# Row-vector layout as in the Octave source: H (batch x hidden), X_t (batch x vocab).
import numpy as np
rng = np.random.default_rng(0)
T, B, V, Hd = 4, 3, 5, 6
X_idx = rng.integers(0, V, size=(T, B))
X_onehot = np.eye(V)[X_idx]              # (num_steps, batch, vocab)
Y = rng.integers(0, V, size=(B, T))       # Y_batch(batch, step)
P = dict(W_xh=rng.normal(0, .5, (V, Hd)), W_hh=rng.normal(0, .5, (Hd, Hd)), b_h=rng.normal(0, .1, (1, Hd)),
         W_hq=rng.normal(0, .5, (Hd, V)), b_q=rng.normal(0, .1, (1, V)))
H0 = rng.normal(0, .5, (B, Hd))

def forward(P, eps=1e-10):
    H = H0.copy(); hs = [H]; ys = []; loss_total = 0.0
    for t in range(T):
        X_t = X_onehot[t]
        H = np.tanh(X_t @ P['W_xh'] + H @ P['W_hh'] + P['b_h'])          # md line 30
        O = H @ P['W_hq'] + P['b_q']                                       # md line 31
        O_safe = O - O.max(1, keepdims=True)                                # md line 35
        y_prob = np.exp(O_safe) / np.exp(O_safe).sum(1, keepdims=True)      # md line 36
        hs.append(H); ys.append(y_prob)
        prob = y_prob[np.arange(B), Y[:, t]]                                # md line 50
        loss_total = loss_total - np.sum(np.log(prob + eps))               # md line 53
    loss_mean = loss_total / (T * B)                                        # md line 56
    return loss_total, loss_mean, hs, ys

def backward(P, hs, ys):
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros((B, Hd)); dh_store = {}
    for t in range(T - 1, -1, -1):
        X_t = X_onehot[t]; y_prob = ys[t]; H_curr = hs[t + 1]; H_prev = hs[t]
        dy = y_prob.copy()                                                  # md line 83
        for b in range(B):
            dy[b, Y[b, t]] -= 1                                             # md line 87
        g['W_hq'] += H_curr.T @ dy                                          # md line 91
        g['b_q'] += dy.sum(0, keepdims=True)                                # md line 92
        dh = dy @ P['W_hq'].T + dh_next @ P['W_hh'].T                       # md line 98
        dh_store[t] = dh
        dtanh = dh * (1 - H_curr ** 2)                                      # md line 101
        g['W_xh'] += X_t.T @ dtanh                                          # md line 104
        g['W_hh'] += H_prev.T @ dtanh                                       # md line 105
        g['b_h'] += dtanh.sum(0, keepdims=True)                             # md line 106
        dh_next = dtanh                                                     # md line 109
    return g, dh_store

lt, lm, hs, ys = forward(P)
g, dh_store = backward(P, hs, ys)

def num_grad(which, key, h=1e-6):
    G = np.zeros_like(P[key])
    for idx in np.ndindex(P[key].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += h; Pm[key][idx] -= h
        G[idx] = (forward(Pp)[which] - forward(Pm)[which]) / (2 * h)
    return G

names = {'W_hq': 'line 91 dW_hq', 'b_q': 'line 92 db_q', 'W_xh': 'line 104 dW_xh', 'W_hh': 'line 105 dW_hh', 'b_h': 'line 106 db_h'}
for key, lab in names.items():
    nt = num_grad(0, key); nm = num_grad(1, key)
    print(f"{lab:18s} vs d(loss_total): max|diff|={np.abs(g[key]-nt).max():.2e} {'AGREE' if np.allclose(g[key], nt, atol=1e-6) else 'DISAGREE'}"
          f" | vs d(loss_mean): {'AGREE' if np.allclose(g[key], nm, atol=1e-6) else 'DISAGREE (factor T*B=%d)' % (T*B)}"
          f" ratio={np.median((g[key]/nm)[np.abs(nm)>1e-8]):.3f}")

# line 98: dh at step t should be the total dL/dH_t (perturb H_t and run the rest of the forward pass)
def loss_from_H(t, Ht):
    H = Ht; L = 0.0
    for s in range(t, T):
        if s > t:
            H = np.tanh(X_onehot[s] @ P['W_xh'] + H @ P['W_hh'] + P['b_h'])
        O = H @ P['W_hq'] + P['b_q']; O = O - O.max(1, keepdims=True)
        p = np.exp(O) / np.exp(O).sum(1, keepdims=True)
        L -= np.sum(np.log(p[np.arange(B), Y[:, s]] + 1e-10))
    return L
ok = True
for t in range(T):
    Ht = hs[t + 1]; G = np.zeros_like(Ht)
    for idx in np.ndindex(Ht.shape):
        a = Ht.copy(); a[idx] += 1e-6; c = Ht.copy(); c[idx] -= 1e-6
        G[idx] = (loss_from_H(t, a) - loss_from_H(t, c)) / 2e-6
    ok &= np.allclose(G, dh_store[t], atol=1e-6)
print("line 98 dh = total dL/dH_t (incl. future via dh_next*W_hh'):", 'AGREE' if ok else 'DISAGREE')
# line 83/87: dy = dL/dO for the per-token cross-entropy
t = 1; O = hs[t + 1] @ P['W_hq'] + P['b_q']
def ce(O):
    O = O - O.max(1, keepdims=True); p = np.exp(O) / np.exp(O).sum(1, keepdims=True)
    return -np.sum(np.log(p[np.arange(B), Y[:, t]] + 1e-10))
G = np.zeros_like(O)
for idx in np.ndindex(O.shape):
    a = O.copy(); a[idx] += 1e-6; c = O.copy(); c[idx] -= 1e-6; G[idx] = (ce(a) - ce(c)) / 2e-6
dy = ys[t].copy(); dy[np.arange(B), Y[:, t]] -= 1
print("lines 83/87 dy = softmax - onehot = dL/dO:", 'AGREE' if np.allclose(G, dy, atol=1e-6) else 'DISAGREE')
