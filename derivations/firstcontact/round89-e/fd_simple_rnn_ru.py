# FD check of simple_rnn_ru.py: runs the author's backward() as written and reads the effective gradient
# (W_before - W_after)/lr of every parameter, then compares with central differences of L = 1/2 ||y_pred - y_true||^2
# (the loss whose gradient is dy = y_pred - y_true, line 40), starting from the same initial state h_prev.
import numpy as np, importlib.util
spec = importlib.util.spec_from_file_location("m", __file__.replace("fd_simple_rnn_ru.py", "simple_rnn_ru.py"))
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)

def loss(P, x, y, h0):
    h = h0.copy()
    for i in range(x.shape[0]):
        h = np.tanh(P['Wxh'] @ x[i].reshape(-1, 1) + P['Whh'] @ h + P['bh'])
    yp = P['Why'] @ h + P['by']
    return 0.5 * np.sum((yp - y) ** 2)

def check(T, seed):
    rng = np.random.default_rng(seed)
    D, H, O = 3, 4, 2
    net = m.SimpleRNN(D, H, O)
    for k, s in [('Wxh', (H, D)), ('Whh', (H, H)), ('Why', (O, H)), ('bh', (H, 1)), ('by', (O, 1))]:
        setattr(net, k, rng.normal(scale=0.7, size=s))
    h0 = rng.normal(scale=0.5, size=(H, 1))
    x = rng.normal(size=(T, D)); y = rng.normal(size=(O, 1))
    P = {k: getattr(net, k).copy() for k in ['Wxh', 'Whh', 'Why', 'bh', 'by']}
    net.h_prev = h0.copy(); lr = 1e-7
    net.backward(x, y, learning_rate=lr)
    print(f"--- T = {T}")
    for k in P:
        eff = (P[k] - getattr(net, k)) / lr
        num = np.zeros_like(P[k]); e = 1e-6
        for idx in np.ndindex(num.shape):
            Q = {kk: v.copy() for kk, v in P.items()}; Q[k][idx] += e; lp = loss(Q, x, y, h0)
            Q[k][idx] -= 2 * e; lm = loss(Q, x, y, h0); num[idx] = (lp - lm) / (2 * e)
        err = np.abs(eff - num).max() / (np.abs(num).max() + 1e-12)
        print(f"  effective d{k:3s} vs FD: rel.err {err:.2e}  {'AGREE' if err < 1e-4 else 'DIFFER'}")

# line-level checks at the last step (i = T-1), T = 3
rng = np.random.default_rng(5); D, H, O, T = 3, 4, 2, 3
Wxh, Whh, Why = rng.normal(size=(H, D)), rng.normal(scale=.6, size=(H, H)), rng.normal(size=(O, H))
bh, by = rng.normal(size=(H, 1)), rng.normal(size=(O, 1)); h0 = rng.normal(size=(H, 1)); x = rng.normal(size=(T, D)); y = rng.normal(size=(O, 1))
hs = [h0]
for i in range(T): hs.append(np.tanh(Wxh @ x[i].reshape(-1, 1) + Whh @ hs[-1] + bh))
yp = Why @ hs[-1] + by; dy = yp - y
dhT = Why.T @ dy                               # line 43
delta = [None] * T; d = dhT
for i in reversed(range(T)):                   # exact BPTT
    delta[i] = (1 - hs[i + 1] ** 2) * d; d = Whh.T @ delta[i]
dh_raw_author = (1 - hs[T] ** 2) * dhT         # line 47 (same value at every i)
print("line 47 at i=T-1 equals exact delta_T:", np.allclose(dh_raw_author, delta[T - 1]))
print("line 47 at i=T-2 equals exact delta_{T-1}:", np.allclose(dh_raw_author, delta[T - 2]))
print("line 50 at i=T-1: dh_raw h_prev^T with h_prev = h_T equals exact delta_T h_{T-1}^T:",
      np.allclose(dh_raw_author @ hs[T].T, delta[T - 1] @ hs[T - 1].T))
check(1, 1)
check(4, 2)
