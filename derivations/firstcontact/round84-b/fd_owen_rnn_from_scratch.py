"""Finite-difference check of codingowen rnn_from_scratch.py (note owen_rnn_from_scratch.py).

Author's model: h_t = tanh(W_hx x_t + W_hh h_{t-1} + b_h), y_t = W_yh h_t + b_y, p_t = softmax(y_t),
L = -sum_t log p_t[target_t]; h_{-1} = h_prev (carried over, treated as a constant).
loss_function below is the author's (note lines 34-61) with the data globals replaced by small random ones;
clipping (lines 64-65) is left out of the comparison (it is inactive for these sizes anyway, checked).
"""
import numpy as np

rng = np.random.default_rng(2)
vocab_size, H = 5, 4
W_hx = rng.normal(0, 0.5, (H, vocab_size))
W_hh = rng.normal(0, 0.5, (H, H))
W_yh = rng.normal(0, 0.5, (vocab_size, H))
b_h = rng.normal(0, 0.3, (H, 1))
b_y = rng.normal(0, 0.3, (vocab_size, 1))
inputs = [0, 3, 1, 4, 2]
targets = [3, 1, 4, 2, 0]
h_prev0 = rng.normal(0, 0.5, (H, 1))      # non-zero carried-over state


def loss_function(inputs, targets, h_prev, W_hx, W_hh, W_yh, b_h, b_y, grads=True):
    x, h, y, p = {}, {}, {}, {}
    h[-1] = np.copy(h_prev)                                                    # line 34
    loss = 0
    for t in range(len(inputs)):
        x[t] = np.zeros((vocab_size, 1))
        x[t][inputs[t]] = 1
        h[t] = np.tanh(np.dot(W_hx, x[t]) + np.dot(W_hh, h[t-1]) + b_h)       # line 41
        y[t] = np.dot(W_yh, h[t]) + b_y                                        # line 42
        p[t] = np.exp(y[t]) / np.sum(np.exp(y[t]))                             # line 43
        loss += -np.log(p[t][targets[t], 0])                                   # line 44
    if not grads:
        return loss
    dW_hx, dW_hh, dW_yh = np.zeros_like(W_hx), np.zeros_like(W_hh), np.zeros_like(W_yh)
    db_h, db_y = np.zeros_like(b_h), np.zeros_like(b_y)
    dh_next = np.zeros_like(h[0])
    for t in reversed(range(len(inputs))):
        dy = np.copy(p[t])                                                     # line 52
        dy[targets[t]] -= 1                                                    # line 53
        dW_yh += np.dot(dy, h[t].T)                                            # line 54
        db_y += dy                                                             # line 55
        dh = np.dot(W_yh.T, dy) + dh_next                                      # line 56
        dz_h = (1 - h[t] ** 2) * dh                                            # line 57
        db_h += dz_h                                                           # line 58
        dW_hx += np.dot(dz_h, x[t].T)                                          # line 59
        dW_hh += np.dot(dz_h, h[t - 1].T)                                      # line 60
        dh_next = np.dot(W_hh.T, dz_h)                                         # line 61
    return loss, dict(W_hx=dW_hx, W_hh=dW_hh, W_yh=dW_yh, b_h=db_h, b_y=db_y)


P = dict(W_hx=W_hx, W_hh=W_hh, W_yh=W_yh, b_h=b_h, b_y=b_y)
L, G = loss_function(inputs, targets, h_prev0, **P)
assert all(np.abs(g).max() < 5 for g in G.values())   # clipping at +-5 inactive
rows = {"W_yh": "line 54", "b_y": "line 55", "W_hx": "line 59 (with 56, 57, 61)",
        "W_hh": "line 60 (with 56, 57, 61)", "b_h": "line 58 (with 56, 57, 61)"}
print("author's gradients vs central finite differences of L:")
for name in P:
    F = np.zeros_like(P[name]); eps = 1e-6
    for idx in np.ndindex(P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        F[idx] = (loss_function(inputs, targets, h_prev0, **Pp, grads=False)
                  - loss_function(inputs, targets, h_prev0, **Pm, grads=False)) / (2 * eps)
    print(f"  d{name} ({rows[name]}): {'AGREE' if np.allclose(G[name], F, rtol=1e-6, atol=1e-9) else 'DISAGREE'}"
          f"  max abs diff {np.abs(G[name] - F).max():.2e}")

# line 61 alone: dh_next = W_hh^T dz_h equals dL_t/dh_{t-1} through step t (FD at the last step)
t_last = len(inputs) - 1
hs = {-1: h_prev0}
for t in range(len(inputs)):
    xt = np.zeros((vocab_size, 1)); xt[inputs[t]] = 1
    hs[t] = np.tanh(W_hx @ xt + W_hh @ hs[t - 1] + b_h)
xT = np.zeros((vocab_size, 1)); xT[inputs[t_last]] = 1
def LT(hm):
    hT = np.tanh(W_hx @ xT + W_hh @ hm + b_h); yT = W_yh @ hT + b_y; pT = np.exp(yT) / np.exp(yT).sum()
    return -np.log(pT[targets[t_last], 0])
g = np.zeros((H, 1)); eps = 1e-6
for k in range(H):
    e = np.zeros((H, 1)); e[k] = eps
    g[k] = (LT(hs[t_last - 1] + e) - LT(hs[t_last - 1] - e)) / (2 * eps)
yT = W_yh @ hs[t_last] + b_y; pT = np.exp(yT) / np.exp(yT).sum(); dy = pT.copy(); dy[targets[t_last]] -= 1
dz = (1 - hs[t_last] ** 2) * (W_yh.T @ dy)
print("line 61 (dh_next = W_hh.T @ dz_h) vs FD of dL_T/dh_{T-1}:",
      "AGREE" if np.allclose(W_hh.T @ dz, g, rtol=1e-6, atol=1e-9) else "DISAGREE")
# line 53: dy = p - onehot equals FD of L_T w.r.t. the logits y_T
gy = np.zeros((vocab_size, 1))
for k in range(vocab_size):
    e = np.zeros((vocab_size, 1)); e[k] = eps
    f = lambda yy: -np.log((np.exp(yy) / np.exp(yy).sum())[targets[t_last], 0])
    gy[k] = (f(yT + e) - f(yT - e)) / (2 * eps)
print("line 52-53 (dy = p - onehot) vs FD of dL_T/dy_T:", "AGREE" if np.allclose(dy, gy, atol=1e-8) else "DISAGREE")
