"""Finite-difference check of danilyef_rnn.py (danilyef/RNN-Numpy model.py).
Author's conventions: ROW vectors, batch in rows: x[i] (batch, input), a[k] (batch, hidden), a[0] = 0,
s_i = x[i] W + a[i] R + bs^T, a[i+1] = tanh(s_i)  (dict index shifted by one),
many-to-one: y_hat = a[T] V + by^T; loss L = mean((y_true - y_hat)^2) (MSELoss, output_size = 1).
delta_t = dL/ds_i (pre-activation) at step i; dW[i], dR[i], dbs[i] are per-step contributions, summed over
time in update() (line 86).
"""
import numpy as np

rng = np.random.default_rng(2)
I, Hd, O, B, T = 1, 5, 1, 6, 5       # memory task: input_size=1, output_size=1
W = rng.normal(size=(I, Hd)); R = rng.normal(size=(Hd, Hd)) * 0.6
bs = rng.normal(size=(Hd, 1)); V = rng.normal(size=(Hd, O)); by = rng.normal(size=(O, 1))
x = rng.normal(size=(T, B, I)); y_true = rng.normal(size=(B, O))


def forward(Ws=None, Rs=None, bss=None, e=None):
    # Ws/Rs/bss: optional per-step copies of the weights (to check per-step contributions)
    a = {0: np.zeros((B, Hd))}
    for i in range(T):
        Wi = W if Ws is None else Ws[i]
        Ri = R if Rs is None else Rs[i]
        bi = bs if bss is None else bss[i]
        s_t = x[i] @ Wi + a[i] @ Ri + bi.T + (0 if e is None else e[i])
        a[i + 1] = np.tanh(s_t)
    y_hat = a[T] @ V + by.T
    return a, y_hat


def loss(y_hat):
    return np.mean(np.square(y_true - y_hat))


def L(**kw):
    return loss(forward(**kw)[1])


# author's rows as written
a, y_hat = forward()
d_loss = np.expand_dims(-2 * np.sum(y_true - y_hat, axis=1) / y_true.shape[0], axis=1)   # line 133-134
dW = np.zeros((T, *W.shape)); dR = np.zeros((T, *R.shape)); dbs_ = np.zeros((T, *bs.shape)); deltas = {}
for i in reversed(range(T)):
    if i == T - 1:
        dV = a[i + 1].T @ d_loss
        dby = d_loss.sum(axis=0).reshape(by.shape)
        delta_t = (d_loss @ V.T) * (1 - a[i + 1] * a[i + 1])
    else:
        delta_t = (delta_t @ R.T) * (1 - a[i + 1] * a[i + 1])
    deltas[i] = delta_t
    dW[i] += x[i].T @ delta_t
    dR[i] += a[i].T @ delta_t
    dbs_[i] = delta_t.sum(axis=0).reshape(dbs_[i].shape)


def num_grad(f, X, h=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        old = X[idx]
        X[idx] = old + h; fp = f()
        X[idx] = old - h; fm = f()
        X[idx] = old
        G[idx] = (fp - fm) / (2 * h)
    return G


def report(name, line, got, want):
    err = np.max(np.abs(got - want)) / max(1e-12, np.max(np.abs(want)))
    print(f"line {line:4d} {name:30s} rel.err {err:9.2e}  -> {'AGREES' if err < 1e-6 else 'DISAGREES'}")


Yh = y_hat.copy()
report("d_loss = dL/dy_hat", 133, d_loss, num_grad(lambda: loss(Yh), Yh))
report("dV", 62, dV, num_grad(L, V))
report("dby", 63, dby, num_grad(L, by))
E = [np.zeros((B, Hd)) for _ in range(T)]
report(f"delta_t at i=T-1 (dL/ds)", 64, deltas[T - 1], num_grad(lambda: L(e=E), E[T - 1]))
for i in range(T - 1):
    report(f"delta_t at i={i} (dL/ds)", 66, deltas[i], num_grad(lambda: L(e=E), E[i]))
Ws = [W.copy() for _ in range(T)]; Rs = [R.copy() for _ in range(T)]; bss = [bs.copy() for _ in range(T)]
for i in range(T):
    report(f"dW[{i}] (step contribution)", 69, dW[i], num_grad(lambda: L(Ws=Ws), Ws[i]))
    report(f"dR[{i}] (step contribution)", 70, dR[i], num_grad(lambda: L(Rs=Rs), Rs[i]))
    report(f"dbs[{i}] (step contribution)", 71, dbs_[i], num_grad(lambda: L(bss=bss), bss[i]))
report("sum_i dW[i] (update)", 86, dW.sum(axis=0), num_grad(L, W))
report("sum_i dR[i] (update)", 86, dR.sum(axis=0), num_grad(L, R))
report("sum_i dbs[i] (update)", 86, dbs_.sum(axis=0), num_grad(L, bs))
