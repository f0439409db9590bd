# Finite-difference check of nahuel_rnn_es.md (Nahuel77 README.es.md, Spanish RNN walkthrough).
# Forward (column vectors): hs[t] = tanh(Wxh x_t + Whh hs[t-1] + bh), ys[t] = Why hs[t] + by,
# ps = softmax(ys[t]); per-step loss -log ps[target]. The author's backward (dy = p - onehot) is the
# gradient of the SUMMED loss sum_t -log p; compute_loss reports the mean (monitoring only).
import numpy as np
rng = np.random.default_rng(0)
V, H, T = 7, 5, 6
Wxh = rng.normal(0, .5, (H, V)); Whh = rng.normal(0, .5, (H, H)); Why = rng.normal(0, .5, (V, H))
bh = rng.normal(0, .1, (H, 1)); by = rng.normal(0, .1, (V, 1))
inputs = list(rng.integers(0, V, T)); targets = list(rng.integers(0, V, T))
h_prev = rng.normal(0, .5, (H, 1))

def softmax(v):
    e = np.exp(v - np.max(v)); return e / e.sum()

def forward(P, h0=h_prev):
    Wxh, Whh, Why, bh, by = P
    xs, hs, ys = {}, {}, {}
    hs[-1] = np.copy(h0)                                                # line 7
    for t in range(len(inputs)):
        x = np.zeros((V, 1)); x[inputs[t]] = 1                           # line 15
        xs[t] = x                                                        # line 20
        hs[t] = np.tanh(np.dot(Wxh, x) + np.dot(Whh, hs[t-1]) + bh)      # lines 28/187
        ys[t] = np.dot(Why, hs[t]) + by                                  # line 51
    return xs, hs, ys

def loss_sum(P, h0=h_prev):
    _, _, ys = forward(P, h0)
    return sum(-np.log(softmax(ys[t])[targets[t], 0]) for t in range(len(targets)))

def author_backward(P):
    Wxh, Whh, Why, bh, by = P
    xs, hs, ys = forward(P)
    dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    dbh, dby = np.zeros_like(bh), np.zeros_like(by)
    dh_next = np.zeros_like(hs[0])
    dys, dh_raws = {}, {}
    for t in reversed(range(len(targets))):
        dy = softmax(ys[t]); dy[targets[t]] -= 1                         # lines 137-138
        dys[t] = dy.copy()
        dWhy += np.dot(dy, hs[t].T)                                      # line 161
        dby += dy                                                        # line 171
        dh = np.dot(Why.T, dy) + dh_next                                 # line 175
        dh_raw = (1 - hs[t] ** 2) * dh                                   # line 176
        dh_raws[t] = dh_raw
        dbh += dh_raw                                                    # line 203
        dWxh += np.dot(dh_raw, xs[t].T)                                  # line 207
        dWhh += np.dot(dh_raw, hs[t].T)                                  # line 208 (as published)
        dh_next = np.dot(Whh.T, dh_raw)                                  # line 212
    return dict(dWxh=dWxh, dWhh=dWhh, dWhy=dWhy, dbh=dbh, dby=dby, dh0=dh_next, dys=dys, dh_raws=dh_raws, hs=hs, xs=xs)

def fd(fun, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; fp = fun(); A[idx] = old - eps; fm = fun(); A[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

P = [Wxh, Whh, Why, bh, by]
G = author_backward(P)
names = ['dWxh', 'dWhh', 'dWhy', 'dbh', 'dby']
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
for name, A in zip(names, P):
    num = fd(lambda: loss_sum(P), A)
    print(f"{name:5s} (line {dict(dWxh=207, dWhh=208, dWhy=161, dbh=203, dby=171)[name]}): author vs FD agree = {ok(G[name], num)}   max|diff| = {np.abs(G[name]-num).max():.2e}")
# dh_prev at the start of the window (line 212 after the loop = dL/dh_{-1})
h0 = h_prev.copy()
num_h0 = fd(lambda: loss_sum(P, h0), h0)
print(f"dh_next after loop = dL/dh_prev (line 212): agree = {ok(G['dh0'], num_h0)}")
# dy (lines 137-138): gradient of -log p_target wrt logits
t = 2
_, _, ys = forward(P)
yt = ys[t].copy()
num_dy = fd(lambda: -np.log(softmax(yt)[targets[t], 0]), yt)
print(f"dy = softmax - onehot (lines 137-138) vs FD of per-step loss: agree = {ok(G['dys'][t], num_dy)}")
# corrected line 208: hs[t-1].T
Wxh_, Whh_, Why_, bh_, by_ = P
dWhh_fix = sum(np.dot(G['dh_raws'][t], G['hs'][t-1].T) for t in range(T))
num_Whh = fd(lambda: loss_sum(P), Whh)
print(f"line 208 with hs[t-1].T instead of hs[t].T: agree = {ok(dWhh_fix, num_Whh)}")
# mean-loss scale remark
print(f"reported loss (mean, line 74) = {loss_sum(P)/T:.6f}; author's gradients are those of the sum (= T x mean), T = {T}")
# numeric example lines 96-97 and 152-155
print("line 96-97 arithmetic:", np.round(np.array([1.3499, 8.1662, 4.4817, 2.0137]) - 8.1662, 4))
d = np.array([0.62, 0.23, 0.05, 0.10]); d[2] -= 1; print("lines 152-155 example:", d)
