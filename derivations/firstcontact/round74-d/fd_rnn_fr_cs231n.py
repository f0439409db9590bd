"""Finite-difference check of rnn_fr_cs231n.md (French CS231n-style RNN notes).
1) runs the author's loss_function (note lines 14-72; code lines below unchanged, docstring and comments dropped) and compares
   every returned gradient with central differences of the returned loss (weights kept small so
   that the clipping of line 70 does not act);
2) checks the vanishing-gradient formula of line 82 against the true gradient of a loss that
   depends on h_T only, for the demo recursion h_t = tanh(W_hh h_{t-1}) of lines 98-109;
3) checks the demo's backward loop (lines 107, 109)."""
import numpy as np
rng = np.random.default_rng(0)
vocab_size, hidden_size = 5, 4
W_xh = rng.standard_normal((hidden_size, vocab_size)) * 0.3
W_hh = rng.standard_normal((hidden_size, hidden_size)) * 0.3
W_hy = rng.standard_normal((vocab_size, hidden_size)) * 0.3
b_h = rng.standard_normal((hidden_size, 1)) * 0.1
b_y = rng.standard_normal((vocab_size, 1)) * 0.1

# ---- author's code, verbatim from the note ----
def loss_function(inputs, targets, h_prev):
    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(h_prev)
    loss = 0
    for t in range(len(inputs)):
        xs[t] = np.zeros((vocab_size, 1))
        xs[t][inputs[t]] = 1  # One-hot
        hs[t] = np.tanh(np.dot(W_xh, xs[t]) + 
                       np.dot(W_hh, hs[t-1]) + b_h)
        ys[t] = np.dot(W_hy, hs[t]) + b_y
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
        loss += -np.log(ps[t][targets[t], 0])
    dW_xh = np.zeros_like(W_xh)
    dW_hh = np.zeros_like(W_hh)
    dW_hy = np.zeros_like(W_hy)
    db_h = np.zeros_like(b_h)
    db_y = np.zeros_like(b_y)
    dh_next = np.zeros_like(hs[0])
    for t in reversed(range(len(inputs))):
        dy = np.copy(ps[t])
        dy[targets[t]] -= 1
        dW_hy += np.dot(dy, hs[t].T)
        db_y += dy
        dh = np.dot(W_hy.T, dy) + dh_next
        dh_raw = (1 - hs[t] * hs[t]) * dh  # Dérivée de tanh
        db_h += dh_raw
        dW_xh += np.dot(dh_raw, xs[t].T)
        dW_hh += np.dot(dh_raw, hs[t-1].T)
        dh_next = np.dot(W_hh.T, dh_raw)
    for dparam in [dW_xh, dW_hh, dW_hy, db_h, db_y]:
        np.clip(dparam, -5, 5, out=dparam)
    return loss, dW_xh, dW_hh, dW_hy, db_h, db_y, hs[len(inputs)-1]

T = 6
inputs = list(rng.integers(0, vocab_size, T)); targets = list(rng.integers(0, vocab_size, T))
h0 = rng.standard_normal((hidden_size, 1)) * 0.5
out = loss_function(inputs, targets, h0)
names = ["dW_xh (62)", "dW_hh (63)", "dW_hy (53)", "db_h (61)", "db_y (54)"]
params = [W_xh, W_hh, W_hy, b_h, b_y]
eps = 1e-6
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-8, np.max(np.abs(b)))
def show(name, a, b):
    e = rel(a, b); print(f"{'OK  ' if e < 1e-5 else 'FAIL'} {name:66s} rel.err={e:.2e}")
for name, P, G in zip(names, params, out[1:6]):
    assert np.max(np.abs(G)) < 5, "clipping would act"
    num = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        o = P[idx]; P[idx] = o + eps; lp = loss_function(inputs, targets, h0)[0]
        P[idx] = o - eps; lm = loss_function(inputs, targets, h0)[0]; P[idx] = o
        num[idx] = (lp - lm) / (2 * eps)
    show(f"author's {name} vs finite differences", G, num)

# ---- line 82 ----
n, TT = 4, 5
W = rng.standard_normal((n, n)) * 0.9
hinit = rng.standard_normal((n, 1)); gT = rng.standard_normal((n, 1))   # L = gT^T h_T, so dL/dh_T = gT
def run(h):
    hs = [h]
    for t in range(TT): h = np.tanh(W @ h); hs.append(h)
    return hs
hs = run(hinit)
def L(h): return float((gT.T @ run(h)[-1])[0, 0])
true = np.array([[(L(hinit + eps * e[:, None]) - L(hinit - eps * e[:, None])) / (2 * eps)] for e in np.eye(n)])
D = lambda t, lit: np.diag(((1 - np.tanh(hs[t]) ** 2) if lit else (1 - hs[t] ** 2)).ravel())
for lit in [False, True]:
    tag = "f'(h_t) literal=1-tanh^2(h_t)" if lit else "f'(h_t) read as 1-h_t^2"
    P_up = np.eye(n); P_down = np.eye(n)
    for t in range(1, TT + 1): P_up = P_up @ (W.T @ D(t, lit))          # t=1 leftmost
    for t in range(TT, 0, -1): P_down = P_down @ (W.T @ D(t, lit))      # t=T leftmost
    show(f"line 82 [{tag}] row dL/dh_T . prod_(t=1..T) (t=1 left)", (gT.T @ P_up).T, true)
    show(f"line 82 [{tag}] row dL/dh_T . prod (t=T left)", (gT.T @ P_down).T, true)
    show(f"(not in note) column prod_(t=1..T) W^T D_t . dL/dh_T", P_up @ gT, true)
# ---- lines 107, 109 ----
dh = gT.copy()
for t in reversed(range(TT)):
    dh = dh * (1 - hs[t + 1] ** 2)
    dh = np.dot(W.T, dh)
show("lines 107+109 demo loop after T steps vs dL/dh_0", dh, true)
