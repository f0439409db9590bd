# Finite-difference check of rnn_numpy.py (author's rnn_forward / rnn_backward imported and run as written).
# rnn_backward clips to [-5,5] and applies W -= lr*dW in place; with lr = 1 and small weights the
# gradient it computed is recovered as (old - new).
import importlib.util, os, numpy as np
here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("src", os.path.join(here, "rnn_nishaan_numpy.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)

np.random.seed(1)
V, D, H = 7, 5, 4
E = np.random.randn(V, D) * 0.5
Wx = np.random.randn(H, D) * 0.5; Wh = np.random.randn(H, H) * 0.5; b = np.random.randn(H, 1) * 0.5
Why = np.random.randn(V, H) * 0.5; by = np.random.randn(V, 1) * 0.5
Xidx = np.array([2, 5, 1, 5]); Y = np.array([5, 1, 5, 3])

def loss(h0):
    hs, ys = src.rnn_forward(E[Xidx], h0, Wx, Wh, b, Why, by)
    tot = 0.0
    for t in range(len(Y)):
        p = np.exp(ys[t]) / np.sum(np.exp(ys[t])); tot += src.cross_entropy_loss(p, Y[t])
    return tot

def fd(L, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; lp = L(); A[idx] = old - eps; lm = L(); A[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g

def code_grads(h0):
    hs, ys = src.rnn_forward(E[Xidx], h0, Wx, Wh, b, Why, by)
    P = [A.copy() for A in (Wx, Wh, b, Why, by, E)]
    new = src.rnn_backward(E[Xidx], Y, hs, ys, *[A.copy() for A in (Wx, Wh, b, Why, by)], E.copy(), learning_rate=1.0)
    return {k: P[j] - new[j] for j, k in enumerate(['Wx', 'Wh', 'b', 'Why', 'by', 'E'])}

for label, h0 in [("h_prev = 0 (as train.py calls it)", np.zeros((H, 1))),
                  ("h_prev != 0 (not used by the repo)", np.random.randn(H, 1))]:
    g = code_grads(h0)
    print("==", label, " max|grad| =", max(np.max(np.abs(v)) for v in g.values()), "(clip 5 not active if < 5)")
    for k, A in [('Wx', Wx), ('Wh', Wh), ('b', b), ('Why', Why), ('by', by), ('E', E)]:
        ref = fd(lambda: loss(h0), A)
        err = np.max(np.abs(g[k] - ref))
        print(f"  d{k:4s}", "AGREE" if err < 1e-6 else "DISAGREE (%.2e)" % err)
# lines 82/83/98: the hidden-state recursion, checked through dL/dh_prev (not returned by the code):
hs, ys = src.rnn_forward(E[Xidx], np.zeros((H, 1)), Wx, Wh, b, Why, by)
dh_next = np.zeros((H, 1))
for t in reversed(range(len(Y))):
    p = np.exp(ys[t]) / np.sum(np.exp(ys[t])); dy = p - src.one_hot(Y[t], V)
    dh = Why.T @ dy + dh_next; dh_raw = (1 - hs[t] ** 2) * dh; dh_next = Wh.T @ dh_raw
h0 = np.zeros((H, 1))
print("  dL/dh0 from lines 82,83,98 recursion:", "AGREE" if np.max(np.abs(dh_next - fd(lambda: loss(h0), h0))) < 1e-6 else "DISAGREE")
# line 94: the row chosen by the 'approximate lookup' vs the true row X[t]
Xe = E[Xidx]
chosen = [int(np.argmax(Xe[t] @ E.T)) for t in range(len(Xidx))]
print("  line 94 rows chosen:", chosen, " true rows X[t]:", list(Xidx), "->", "SAME" if chosen == list(Xidx) else "DIFFERENT")
# line 95 with the true row (value of line 95 is right; only the row of line 94 is wrong)
hs, ys = src.rnn_forward(Xe, np.zeros((H, 1)), Wx, Wh, b, Why, by)
dE_true = np.zeros_like(E); dh_next = np.zeros((H, 1))
for t in reversed(range(len(Y))):
    p = np.exp(ys[t]) / np.sum(np.exp(ys[t])); dy = p - src.one_hot(Y[t], V)
    dh = Why.T @ dy + dh_next; dh_raw = (1 - hs[t] ** 2) * dh
    dE_true[Xidx[t]] += (Wx.T @ dh_raw).ravel(); dh_next = Wh.T @ dh_raw
h0 = np.zeros((H, 1))
print("  line 95 scattered to X[t] instead of line-94 row:", "AGREE" if np.max(np.abs(dE_true - fd(lambda: loss(h0), E))) < 1e-6 else "DISAGREE")
# with the repo's own initialisation scale (E ~ 0.01*randn, embedding_dim 50) the lookup is usually right
E2 = np.random.randn(300, 50) * 0.01
ok = np.mean([np.argmax(E2[i] @ E2.T) == i for i in range(300)])
print(f"  line 94 with train.py-like E (300x50, 0.01): fraction of rows found correctly = {ok:.3f}")
E3 = E2.copy(); E3[7] *= 3.0   # one row grown during training
ok3 = np.mean([np.argmax(E3[i] @ E3.T) == i for i in range(300)])
print(f"  same after one embedding row's norm triples: fraction correct = {ok3:.3f}")
