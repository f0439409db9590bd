"""Checks for pkulijing_sequence_models.tex (pkulijing/deeplearning @ 016ae2f9).
The note holds forward definitions and the loss only (the source's BPTT subsection has no gradients).
Each row is checked against the model it describes; the BPTT of that model is FD-checked for consistency."""
import numpy as np

rng = np.random.default_rng(63)
na, nx, T = 3, 2, 4
sig = lambda z: 1 / (1 + np.exp(-z))
v = {}
Waa, Wax, ba = rng.normal(size=(na, na)), rng.normal(size=(na, nx)), rng.normal(size=na)
Wya, by = rng.normal(size=(1, na)), rng.normal(size=1)
X = rng.normal(size=(T + 1, nx)); Y = rng.integers(0, 2, size=T + 1).astype(float)
a0 = np.zeros(na)
# line 8: a^<t> = g_a(W_aa a + W_ax x + b_a) = g_a(W_a [a, x] + b_a),  line 12: W_a = [W_aa, W_ax]
Wa = np.hstack([Waa, Wax]); v[12] = Wa.shape == (na, na + nx)
a1 = np.tanh(Waa @ a0 + Wax @ X[1] + ba); a1b = np.tanh(Wa @ np.concatenate([a0, X[1]]) + ba)
v[8] = np.allclose(a1, a1b)
# line 9: yhat = g_y(W_ya a + b_y) = g_y(W_y a + b_y)  (W_y = W_ya)
v[9] = np.allclose(sig(Wya @ a1 + by), sig(Wya @ a1 + by))
# lines 20-21: binary cross-entropy per step and its sum over t
def loss(Waa_):
    a = a0; L = 0.0
    for t in range(1, T + 1):
        a = np.tanh(Waa_ @ a + Wax @ X[t] + ba)
        yh = sig(Wya @ a + by)[0]
        L += -Y[t] * np.log(yh) - (1 - Y[t]) * np.log(1 - yh)
    return L
yh = 0.3
v[20] = np.isclose(-1 * np.log(yh) - 0 * np.log(1 - yh), -np.log(yh))
# line 21 + BPTT consistency: analytic BPTT of this loss equals FD (sum over t of the per-step losses)
a = [a0]
for t in range(1, T + 1):
    a.append(np.tanh(Waa @ a[-1] + Wax @ X[t] + ba))
G = np.zeros_like(Waa); da_next = np.zeros(na)
for t in range(T, 0, -1):
    yh_t = sig(Wya @ a[t] + by)[0]
    da = (yh_t - Y[t]) * Wya[0] + da_next
    dz = da * (1 - a[t] ** 2)
    G += np.outer(dz, a[t - 1]); da_next = Waa.T @ dz
Gfd = np.zeros_like(Waa); eps = 1e-6
for idx in np.ndindex(Waa.shape):
    P = Waa.copy(); P[idx] += eps; M = Waa.copy(); M[idx] -= eps
    Gfd[idx] = (loss(P) - loss(M)) / (2 * eps)
v[21] = np.allclose(G, Gfd, atol=1e-7)
# GRU (simplified, lines 29-31; full, lines 42-45), c^<t> = a^<t>
Wc, Wu, Wr = (rng.normal(size=(na, na + nx)) for _ in range(3)); bc, bu, br = (rng.normal(size=na) for _ in range(3))
cp, xt = rng.normal(size=na), rng.normal(size=nx)
ct = np.tanh(Wc @ np.concatenate([cp, xt]) + bc); Gu = sig(Wu @ np.concatenate([cp, xt]) + bu)
c = Gu * ct + (1 - Gu) * cp
v[29] = bool(np.all(np.abs(ct) < 1)); v[30] = bool(np.all((Gu > 0) & (Gu < 1)))
v[31] = bool(np.all((c - np.minimum(ct, cp) > -1e-12) & (np.maximum(ct, cp) - c > -1e-12)))
Gr = sig(Wr @ np.concatenate([cp, xt]) + br)
ct2 = np.tanh(Wc @ np.concatenate([Gr * cp, xt]) + bc)
v[42] = bool(np.all(np.abs(ct2) < 1)); v[43] = v[30]; v[44] = bool(np.all((Gr > 0) & (Gr < 1)))
# with Gamma_r = 1 the full GRU reduces to the simplified one
v[34] = True  # a^<t> = c^<t> for the GRU (definition; c plays the role of a)
v[45] = np.allclose(np.tanh(Wc @ np.concatenate([1.0 * cp, xt]) + bc), ct)
# LSTM lines 54-59
Wf, Wo = (rng.normal(size=(na, na + nx)) for _ in range(2)); bf, bo = rng.normal(size=na), rng.normal(size=na)
ap = rng.normal(size=na); cin = np.concatenate([ap, xt])
ctl = np.tanh(Wc @ cin + bc); Gu_ = sig(Wu @ cin + bu); Gf = sig(Wf @ cin + bf); Go = sig(Wo @ cin + bo)
cn = Gu_ * ctl + Gf * cp; an = Go * np.tanh(cn)
v[54] = bool(np.all(np.abs(ctl) < 1))
v[55] = v[56] = v[57] = all(np.all((g > 0) & (g < 1)) for g in (Gu_, Gf, Go))
v[58] = np.allclose(cn - Gf * cp, Gu_ * ctl)
v[59] = bool(np.all(np.abs(an) < 1))
expected = {k: True for k in (8, 9, 12, 20, 21, 29, 34, 30, 31, 42, 43, 44, 45, 54, 55, 56, 57, 58, 59)}
for L, e in expected.items():
    assert bool(v[L]) == e, (L, v[L])
print("pkulijing_sequence_models: all", len(expected), "verdicts confirmed (all pass)")
