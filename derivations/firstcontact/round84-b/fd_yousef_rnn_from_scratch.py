"""Finite-difference check of YousefAbdalbary rnn_from_scratch.py (note yousef_rnn_from_scratch.py).

Model (author): h_t = tanh(Wx x_t + Wh h_{t-1}), y_t = softmax(Wy h_t), L = -sum_t log y_t[target_t].
The author's class is imported from the note itself and run as written; per-row checks feed true upstream values.
"""
import copy
import math
import numpy as np
from yousef_rnn_from_scratch import RNN

rng = np.random.default_rng(1)
V, H = 4, 5
net = RNN(V, H)
# larger, non-symmetric weights than the author's +-0.01 so that differences are visible and clipping (|g|>5) is inactive
net.Wx = rng.normal(0, 0.5, (H, V)).tolist()
net.Wh = rng.normal(0, 0.5, (H, H)).tolist()
net.Wy = rng.normal(0, 0.5, (V, H)).tolist()
eye = np.eye(V).tolist()
inputs = [eye[0], eye[1], eye[2]]
targets = [eye[1], eye[2], eye[3]]
h0 = [0.0] * H


def loss_of(n):
    ys, hs = n.forward(inputs, h0)
    return n.loss(ys, targets)


def fd(name):
    W = np.array(getattr(net, name)); G = np.zeros_like(W); eps = 1e-6
    for idx in np.ndindex(W.shape):
        for sgn in (+1, -1):
            n2 = copy.deepcopy(net); Wp = W.copy(); Wp[idx] += sgn * eps
            setattr(n2, name, Wp.tolist())
            G[idx] += sgn * loss_of(n2) / (2 * eps)
    return G


ys, hs = net.forward(inputs, h0)
dWx, dWh, dWy = net.backward(inputs, targets, hs, ys)
assert max(np.abs(np.array(dWx)).max(), np.abs(np.array(dWh)).max(), np.abs(np.array(dWy)).max()) < 5  # clip inactive
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
print("author's full backward vs finite differences:")
for name, G in (("Wx", dWx), ("Wh", dWh), ("Wy", dWy)):
    F = fd(name)
    print(f"  d{name}: {'AGREE' if ok(np.array(G), F) else 'DISAGREE'} (max abs diff {np.abs(np.array(G) - F).max():.2e})")

# reference BPTT (numpy), to feed true upstream values to each author row
Wx, Wh, Wy = map(np.array, (net.Wx, net.Wh, net.Wy))
X = [np.array(v) for v in inputs]
Hs = {-1: np.zeros(H)}
for t in range(3):
    Hs[t] = np.tanh(Wx @ X[t] + Wh @ Hs[t - 1])
rows = {}
dh_next_true = np.zeros(H)
for t in reversed(range(3)):
    p = np.array(ys[t]); dy = p.copy(); dy[targets[t].index(1.0)] -= 1          # lines 63-65
    rows.setdefault(65, []).append(ok(dy, p - np.array(targets[t])))
    dh_true = Wy.T @ dy + dh_next_true
    dh = np.array([sum(Wy[i][j] * dy[i] for i in range(V)) + dh_next_true[j] for j in range(H)])  # line 69
    rows.setdefault(69, []).append(ok(dh, dh_true))
    dh_raw = dh * (1 - Hs[t] ** 2)                                                  # line 71
    # true dL/da_t by FD on a perturbation of the pre-activation a_t is what dh_raw should be: check via chain
    rows.setdefault(71, []).append(ok(dh_raw, dh_true * (1 - np.tanh(Wx @ X[t] + Wh @ Hs[t - 1]) ** 2)))
    author_next = np.array(net.matrix_vector_multiply(
        [[net.Wh[i][j] for j in range(H)] for i in range(H)], dh_raw.tolist()))    # line 77
    true_next = Wh.T @ dh_raw
    rows.setdefault(77, []).append(ok(author_next, true_next))
    dh_next_true = true_next

# line 77 checked directly against finite differences: dL/dh_{t-1} through step t only, at t = 2 (last step)
t = 2
def L_from_h1(h1):
    a2 = Wx @ X[2] + Wh @ h1; h2 = np.tanh(a2); z = Wy @ h2; p = np.exp(z - z.max()); p /= p.sum()
    return -np.log(p[targets[2].index(1.0)])
g = np.zeros(H); eps = 1e-6
for k in range(H):
    e = np.zeros(H); e[k] = eps
    g[k] = (L_from_h1(Hs[1] + e) - L_from_h1(Hs[1] - e)) / (2 * eps)
p = np.array(ys[2]); dy = p.copy(); dy[targets[2].index(1.0)] -= 1
dh_raw2 = (Wy.T @ dy) * (1 - Hs[2] ** 2)
print("\nline 77 at t=2 vs FD of dL_2/dh_1:  author Wh@dh_raw",
      "AGREE" if ok(Wh @ dh_raw2, g) else "DISAGREE", "| Wh.T@dh_raw", "AGREE" if ok(Wh.T @ dh_raw2, g) else "DISAGREE")

print("\nrows with true upstream values:")
for ln in sorted(rows):
    print(f"  line {ln}: {'AGREE' if all(rows[ln]) else 'DISAGREE'}")

# per-step weight rows (68, 74, 76): author's accumulation with TRUE dh_raw gives the true gradients
dWx_t = np.zeros((H, V)); dWh_t = np.zeros((H, H)); dWy_t = np.zeros((V, H)); dn = np.zeros(H)
for t in reversed(range(3)):
    p = np.array(ys[t]); dy = p.copy(); dy[targets[t].index(1.0)] -= 1
    dWy_t += np.outer(dy, Hs[t])                       # line 68 form
    dr = (Wy.T @ dy + dn) * (1 - Hs[t] ** 2)
    dWx_t += np.outer(dr, X[t])                        # line 74 form
    dWh_t += np.outer(dr, Hs[t - 1])                   # line 76 form
    dn = Wh.T @ dr
print("per-step rows 68/74/76 accumulated with true dh_raw vs FD:",
      "AGREE" if ok(dWy_t, fd('Wy')) and ok(dWx_t, fd('Wx')) and ok(dWh_t, fd('Wh')) else "DISAGREE")
# forward rows 41-46 and loss row 54: the imported forward/loss are the author's; compare with numpy
print("forward/loss rows (41-46, 54) vs numpy:",
      "AGREE" if ok(np.array([hs[t] for t in range(3)]), np.array([Hs[t] for t in range(3)])) and
      math.isclose(net.loss(ys, targets), sum(-math.log(ys[t][targets[t].index(1.0)]) for t in range(3))) else "DISAGREE")
