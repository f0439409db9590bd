"""Finite-difference check of kookie12_rnn_numpy.py (numpy only).

Re-implements the author's 2-layer RNN (one RNN_cell per time step and layer,
activation = the author's `tanh` helper, softmax + cross-entropy on the last
step, dropout "no" as in __main__) and the author's backward.  Each error can
be switched to its corrected form; all corrections on -> agreement with finite
differences (confirms the pass rows), one correction off -> disagreement
(confirms that fail row).
"""
import numpy as np

rng = np.random.default_rng(1)
D_IN, H, C, T = 3, 4, 5, 3


def tanh_author(x):                       # line 19
    return (1 - np.exp(-1 * x)) / (1 + np.exp(-1 * x))


def differ_tanh_author(x):                # line 27
    return 1 - tanh_author(x) * tanh_author(x)


def differ_tanh_true(x):                  # derivative of the line-19 function
    s = tanh_author(x)
    return 0.5 * (1 - s * s)


def softmax(x):                           # lines 14-16
    s = np.exp(x)
    return s / np.sum(s, axis=0).reshape(-1, 1)


# --- helper checks -------------------------------------------------------
xg = np.linspace(-3, 3, 13)
print("line 19: author tanh == np.tanh(x)?   ", np.allclose(tanh_author(xg), np.tanh(xg)),
      "| == np.tanh(x/2)?", np.allclose(tanh_author(xg), np.tanh(xg / 2)))
num = (tanh_author(xg + 1e-6) - tanh_author(xg - 1e-6)) / 2e-6
print("line 27: differ_tanh == d/dx of the line-19 function? ", np.allclose(differ_tanh_author(xg), num),
      "| max ratio author/numeric = %.3f" % np.max(differ_tanh_author(xg) / num))
print("         (1 - s^2)/2 == numeric?", np.allclose(differ_tanh_true(xg), num))
y = np.eye(C)[:, [2]]
zl = rng.normal(size=(C, 1))
ce = lambda zz: -np.sum(y * np.log(softmax(zz) + 1e-7))
numz = np.array([[(ce(zl + e[:, None]) - ce(zl - e[:, None])) / 2e-6] for e in np.eye(C) * 1e-6]).reshape(C, 1)
print("line 23: p - y == dCE/dlogits?", np.allclose(softmax(zl) - y, numz, atol=1e-6))

# --- parameters: one cell per (layer, step) ------------------------------
P = {}
for n in range(T):
    P[f'L1_{n}_Whh'] = rng.normal(0, .5, (H, H)); P[f'L1_{n}_Wxh'] = rng.normal(0, .5, (H, D_IN)); P[f'L1_{n}_b'] = rng.normal(0, .3, (H, 1))
    P[f'L2_{n}_Whh'] = rng.normal(0, .5, (H, H)); P[f'L2_{n}_Wxh'] = rng.normal(0, .5, (H, H)); P[f'L2_{n}_b'] = rng.normal(0, .3, (H, 1))
P['Why'] = rng.normal(0, .5, (C, H)); P['by'] = rng.normal(0, .3, (C, 1))
xs = [rng.normal(size=(D_IN, 1)) for _ in range(T)]
y_input = np.eye(C)[:, [3]]


def forward(P):
    h1 = np.zeros((H, 1)); h2 = np.zeros((H, 1)); cache = []
    for n in range(T):
        pre1 = P[f'L1_{n}_Whh'] @ h1 + P[f'L1_{n}_Wxh'] @ xs[n] + P[f'L1_{n}_b']     # line 50
        h1_in = h1; h1 = tanh_author(pre1)
        pre2 = P[f'L2_{n}_Whh'] @ h2 + P[f'L2_{n}_Wxh'] @ h1 + P[f'L2_{n}_b']
        h2_in = h2; h2 = tanh_author(pre2)
        cache.append((pre1, h1_in, pre2, h2_in, h1, h2))
    p = softmax(P['Why'] @ h2 + P['by'])                                           # 127-128
    loss = -np.sum(y_input * np.log(p + 1e-7))                                     # 129 / 11
    return loss, p, cache


def backward(P, p, cache, fix_deriv=False, fix_dh=False, fix_dx=False):
    dtan = differ_tanh_true if fix_deriv else differ_tanh_author
    G = {}
    dsc = p - y_input                                                              # 130 / 23
    last_dht_2 = P['Why'].T @ dsc                                                  # 155
    last_dht_1 = 0
    for n in reversed(range(T)):
        pre1, h1_in, pre2, h2_in, h1, h2 = cache[n]
        # layer-2 cell n (rnn_cell_backward, lines 54-61)
        dt2 = last_dht_2 * dtan(pre2)                                              # 51 + 54
        G[f'L2_{n}_Whh'] = dt2 @ h2_in.T; G[f'L2_{n}_Wxh'] = dt2 @ h1.T; G[f'L2_{n}_b'] = dt2   # 55-57
        last_dht_2 = (P[f'L2_{n}_Whh'].T if fix_dh else P[f'L2_{n}_Whh']) @ dt2      # 59 -> 160
        last_dx_1 = (P[f'L2_{n}_Wxh'].T if fix_dx else P[f'L2_{n}_Wxh']) @ dt2       # 61 -> 161
        last_dht_1 = last_dht_1 + last_dx_1                                        # 162
        dt1 = last_dht_1 * dtan(pre1)                                              # 163 (54)
        G[f'L1_{n}_Whh'] = dt1 @ h1_in.T; G[f'L1_{n}_Wxh'] = dt1 @ xs[n].T; G[f'L1_{n}_b'] = dt1
        last_dht_1 = (P[f'L1_{n}_Whh'].T if fix_dh else P[f'L1_{n}_Whh']) @ dt1      # 59 -> 164
    G['Why'] = dsc @ cache[-1][5].T; G['by'] = dsc                                 # 174-175
    return G


def fd(P, eps=1e-6):
    N = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for i in np.ndindex(v.shape):
            old = v[i]
            v[i] = old + eps; lp = forward(P)[0]
            v[i] = old - eps; lm = forward(P)[0]
            v[i] = old
            g[i] = (lp - lm) / (2 * eps)
        N[k] = g
    return N


def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))


N = fd(P)
_, p, cache = forward(P)


def report(name, G, keys=None):
    keys = keys or list(P)
    w = max(rel(G[k], N[k]) for k in keys)
    print(f"  {name:62s} max rel err {w:.2e} -> {'AGREE' if w < 1e-6 else 'DISAGREE'}")


print("\nFull network gradients vs finite differences")
report("Why, by (rows 155-ish, 174, 175)", backward(P, p, cache), ['Why', 'by'])
report("last-step cells only, derivative fixed (rows 54-57, 155)", backward(P, p, cache, True),
       [f'L2_{T-1}_Whh', f'L2_{T-1}_Wxh', f'L2_{T-1}_b'])
report("all three corrections (rows 54-57, 160-164 as routing)", backward(P, p, cache, True, True, True))
report("author line 27 (differ_tanh misses the factor 1/2)", backward(P, p, cache, False, True, True))
report("author line 59 (dh_prev = Whh @ dtanhx, no transpose)", backward(P, p, cache, True, False, True))
report("author line 61 (dx_prev = Wxh @ dtanhx, no transpose)", backward(P, p, cache, True, True, False))
report("author's code as written", backward(P, p, cache))
