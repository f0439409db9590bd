"""Finite-difference check of pt_simple_rnn_bptt.md (Cindy-eng SimpleRNN, Portuguese comments).

Author's forward (row vectors, batch first): a_t = x_t @ Wx + h_{t-1} @ Wh + b, h_t = tanh(a_t), with
h_{-1} = h0 if given, else zeros.  backward(x, dhs) takes dhs[t] = dL/dh_t coming from the output only;
we realise it with the loss L = sum_t sum(G_t * h_t) for fixed random G_t (dhs[t] = G_t), which is exactly
the author's convention (cell 2 uses G_t = ones).
"""
import numpy as np

rng = np.random.default_rng(2)
B, T, D, Hn = 2, 3, 2, 4
x = rng.standard_normal((B, T, D))
P = {"Wx": rng.standard_normal((D, Hn)) * 0.7, "Wh": rng.standard_normal((Hn, Hn)) * 0.7,
     "b": rng.standard_normal(Hn) * 0.5}
G = [rng.standard_normal((B, Hn)) for _ in range(T)]


def forward(P, h0=None, pert=None):
    pert = pert or {}
    e = lambda n, t: pert.get((n, t), 0.0)
    h_t = np.zeros((B, Hn)) if h0 is None else h0
    hs, as_, L = [], [], 0.0
    for t in range(T):
        a_t = x[:, t, :] @ P["Wx"] + (h_t + e("hprev", t)) @ P["Wh"] + P["b"] + e("a", t)
        h_t = np.tanh(a_t) + e("h", t)
        hs.append(h_t)
        as_.append(a_t)
        L += np.sum(G[t] * h_t)
    return L, hs, as_


def author_backward(P, hs, as_, dhs):
    """Rows 52-63 exactly as written (no parameter update)."""
    dWx, dWh, db = np.zeros_like(P["Wx"]), np.zeros_like(P["Wh"]), np.zeros_like(P["b"])
    dh_next = np.zeros((B, Hn))
    rows = {}
    for t in reversed(range(T)):
        dh = dhs[t] + dh_next
        da = dh * (1 - np.tanh(as_[t]) ** 2)
        x_t = x[:, t, :]
        h_prev = np.zeros((B, Hn)) if t == 0 else hs[t - 1]
        dWx += x_t.T @ da
        dWh += h_prev.T @ da
        db += np.sum(da, axis=0)
        dh_next = da @ P["Wh"].T
        rows[t] = dict(dh=dh, da=da, dh_next=dh_next)
    return dWx, dWh, db, rows


def fd_site(name, t, h0, eps=1e-6):
    out = np.zeros((B, Hn))
    for idx in np.ndindex(B, Hn):
        d = np.zeros((B, Hn))
        d[idx] = eps
        out[idx] = (forward(P, h0, {(name, t): d})[0] - forward(P, h0, {(name, t): -d})[0]) / (2 * eps)
    return out


def fd_param(k, h0, eps=1e-6):
    out = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        old = P[k][idx]
        P[k][idx] = old + eps
        lp = forward(P, h0)[0]
        P[k][idx] = old - eps
        lm = forward(P, h0)[0]
        P[k][idx] = old
        out[idx] = (lp - lm) / (2 * eps)
    return out


def report(label, a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE' if err < tol else 'DIFFER'}  {label:60s} rel.err={err:.2e}")
    return err < tol


xx = np.linspace(-2, 2, 5)
report("L53 factor 1 - tanh(a)^2 = tanh'(a)", 1 - np.tanh(xx) ** 2, (np.tanh(xx + 1e-6) - np.tanh(xx - 1e-6)) / 2e-6)

for case, h0 in (("h0=None (as in cell 2)", None), ("h0 given, nonzero (forward allows it, L20)", rng.standard_normal((B, Hn)))):
    print(f"--- {case} ---")
    L, hs, as_ = forward(P, h0)
    dWx, dWh, db, rows = author_backward(P, hs, as_, G)
    for t in range(T):
        report(f"L52 dh = dL/dh_t (total) [t={t}]", rows[t]["dh"], fd_site("h", t, h0))
        report(f"L53 da = dL/da_t [t={t}]", rows[t]["da"], fd_site("a", t, h0))
        report(f"L63 dh_next = dL/dh_(t-1) via step t [t={t}]", rows[t]["dh_next"], fd_site("hprev", t, h0))
    report("L58 dWx (summed over t) = dL/dWx", dWx, fd_param("Wx", h0))
    report("L56+L59 dWh (summed over t, h_prev of L56) = dL/dWh", dWh, fd_param("Wh", h0))
    report("L60 db (summed over t and batch) = dL/db", db, fd_param("b", h0))
    if h0 is not None:
        # what L59 would need at t=0: h_prev = h0 instead of zeros
        fixed = dWh + h0.T @ rows[0]["da"]
        report("   same with h_prev(t=0) = h0 instead of zeros", fixed, fd_param("Wh", h0))

# the notebook's own cell 2 numbers (h0=None, dhs = ones), against FD of L = sum_t sum(h_t)
x_nb = np.array([[[1, 2], [2, 3], [3, 4]]]) / 100
print("--- notebook cell 2 data: forward last h =",
      np.round(np.tanh(x_nb[:, 2] @ (np.array([[1, 3, 5, 7], [3, 5, 7, 8]]) / 100)
                       + np.tanh(x_nb[:, 1] @ (np.array([[1, 3, 5, 7], [3, 5, 7, 8]]) / 100)
                                 + np.tanh(x_nb[:, 0] @ (np.array([[1, 3, 5, 7], [3, 5, 7, 8]]) / 100) + 1)
                                 @ (np.array([[1, 3, 5, 7], [2, 4, 6, 8], [3, 5, 7, 8], [4, 6, 8, 10]]) / 100) + 1)
                       @ (np.array([[1, 3, 5, 7], [2, 4, 6, 8], [3, 5, 7, 8], [4, 6, 8, 10]]) / 100) + 1), 8))
