# Finite-difference check of sjy_rnn.md (numpy only).
# Forward (author's): h_t = sigmoid(x_t W_x + h_{t-1} W_h + b_h), h_0 = 0 (row vectors);
#                     y = h_T W_y + b_y ; loss (author's training cell) L = (y_true - y)^2.
# Backward: the author's formulas as written (lines 37-53), compared with central differences.
import numpy as np

rng = np.random.default_rng(0)
D, H, O, T = 1, 4, 1, 3
W_x = rng.normal(size=(D, H)); W_h = rng.normal(size=(H, H)) * 0.8
W_y = rng.normal(size=(H, O)); b_h = rng.normal(size=(1, H)) * 0.1; b_y = rng.normal(size=(1, O)) * 0.1
x = rng.normal(size=(T, D)); y_true = np.array([0.7])

def sigmoid(v): return 1 / (1 + np.exp(-v))            # line 21

def forward(W_x, W_h, W_y, b_h, b_y):
    h = np.zeros((1, H)); hs = []
    for t in range(T):
        h = sigmoid(np.dot(x[t], W_x) + np.dot(h, W_h) + b_h)   # line 29
        hs.append(h)
    y = np.dot(h, W_y) + b_y                                    # line 32
    return hs, y

def loss(*P):
    _, y = forward(*P)
    return float(np.sum(np.square(y_true - y)))                 # line 88

P = [W_x, W_h, W_y, b_h, b_y]; names = ['W_x', 'W_h', 'W_y', 'b_h', 'b_y']
def fd(i, eps=1e-6):
    g = np.zeros_like(P[i])
    for idx in np.ndindex(P[i].shape):
        Pp = [p.copy() for p in P]; Pm = [p.copy() for p in P]
        Pp[i][idx] += eps; Pm[i][idx] -= eps
        g[idx] = (loss(*Pp) - loss(*Pm)) / (2 * eps)
    return g
G = {n: fd(i) for i, n in enumerate(names)}

# ---- the author's backward, verbatim formulas (lines 37-53) ----
hidden_states, yhat = forward(*P)
d_y = y_true - yhat                                             # line 37
d_h = np.zeros((1, H))
d_W_y = np.zeros_like(W_y); d_W_h = np.zeros_like(W_h); d_W_x = np.zeros_like(W_x)
d_b_y = np.zeros_like(b_y); d_b_h = np.zeros_like(b_h)
for t in reversed(range(T)):
    d_W_y += np.outer(hidden_states[t], d_y)                    # line 47
    d_b_y += d_y                                                # line 48
    d_h = np.dot(d_y, W_y.T) + np.dot(d_h, W_h.T)               # line 49
    d_h_raw = (1 - hidden_states[t] ** 2) * d_h                 # line 50
    d_W_x += np.outer(x[t], d_h_raw)                            # line 51
    d_W_h += np.outer(hidden_states[t - 1], d_h_raw)            # line 52
    d_b_h += d_h_raw                                            # line 53
author = {'W_x': d_W_x, 'W_h': d_W_h, 'W_y': d_W_y, 'b_h': d_b_h, 'b_y': d_b_y}

def rep(tag, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"{'AGREE   ' if ok else 'DISAGREE'} {tag}: max|diff| = {np.max(np.abs(a - b)):.3e}")
    return ok

print("== author's formulas (as written) vs finite differences of L = (y_true - y)^2 ==")
for n in names:
    rep(f"d_{n} (author)", author[n], G[n])

print("\n== row-by-row diagnosis ==")
# line 37: d_y should be dL/dy = -2 (y_true - y); the author's d_y = y_true - y has the wrong sign (and factor 1/2)
dLdy = -2 * (y_true - yhat)
rep("line 37 d_y vs dL/dy", d_y, dLdy)
rep("line 37 d_y vs -dL/dy/2 (i.e. sign flipped)", d_y, -dLdy / 2)
# line 32 forward + correct dW_y = h_T^T dL/dy: W_y is used once, at the last step only
rep("dW_y correct form h_T^T dL/dy vs FD", np.outer(hidden_states[-1], dLdy), G['W_y'])
rep("line 47 summed over all t, even with correct dL/dy", sum(np.outer(hidden_states[t], dLdy) for t in range(T)), G['W_y'])
rep("line 48 d_b_y summed T times (correct dL/dy)", T * dLdy, G['b_y'])
rep("dL/db_y correct = dL/dy", dLdy, G['b_y'])

# correct BPTT with the author's forward (sigmoid) to check the per-step rows 51, 53
def correct_backward(dLdy, deriv='sigmoid', index_bug=False, inject_every_step=False, carry_raw=True):
    dWx = np.zeros_like(W_x); dWh = np.zeros_like(W_h); dbh = np.zeros_like(b_h)
    dh_next_raw = np.zeros((1, H)); dh_carry = np.zeros((1, H))
    for t in reversed(range(T)):
        inj = np.dot(dLdy, W_y.T) if (t == T - 1 or inject_every_step) else 0
        if carry_raw:
            dh = inj + np.dot(dh_next_raw, W_h.T)
        else:
            dh = inj + np.dot(dh_carry, W_h.T)
        ht = hidden_states[t]
        draw = (ht * (1 - ht) if deriv == 'sigmoid' else (1 - ht ** 2)) * dh
        dWx += np.outer(x[t], draw)
        hprev = hidden_states[t - 1] if (t > 0 or index_bug) else np.zeros((1, H))
        dWh += np.outer(hprev, draw)
        dbh += draw
        dh_next_raw = draw; dh_carry = dh
    return dWx, dWh, dbh
cx, ch, cb = correct_backward(dLdy)
rep("correct BPTT (sigmoid', inject at T only, carry d_h_raw, h_0 = 0): dW_x", cx, G['W_x'])
rep("correct BPTT: dW_h", ch, G['W_h'])
rep("correct BPTT: db_h", cb, G['b_h'])
print("  -> lines 51 and 53 (outer(x_t, d_h_raw), += d_h_raw) are right as per-step contributions")
bx, bh, bb = correct_backward(dLdy, deriv='tanh')
rep("line 50 tanh' (1-h^2) instead of sigmoid' h(1-h), all else correct: dW_x", bx, G['W_x'])
bx, bh, bb = correct_backward(dLdy, carry_raw=False)
rep("line 49 recursion with d_h (not d_h_raw) of step t+1, all else correct: dW_x", bx, G['W_x'])
bx, bh, bb = correct_backward(dLdy, inject_every_step=True)
rep("line 49 d_y W_y^T injected at every step, all else correct: dW_x", bx, G['W_x'])
bx, bh, bb = correct_backward(dLdy, index_bug=True)
rep("line 52 hidden_states[t-1] at t=0 wraps to h_T (not h_0 = 0), all else correct: dW_h", bh, G['W_h'])
rep("   ... same run, dW_x unaffected by the line-52 index", bx, G['W_x'])
