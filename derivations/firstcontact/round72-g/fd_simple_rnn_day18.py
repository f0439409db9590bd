# Finite-difference check of simple_rnn_day18.md (Anujverma89/90daysml Day18.ipynb, SimpleRNN).
# numpy only. Implements the author's forward pass and the author's backward formulas as written,
# then variants with one line corrected at a time, and compares every gradient with central differences.
import numpy as np

rng = np.random.default_rng(0)
D, H, O, T = 3, 5, 2, 4

def sigmoid(x):            # line 9
    return 1 / (1 + np.exp(-x))
def dsigmoid(x):           # lines 12-13
    s = sigmoid(x)
    return s * (1 - s)
def dtanh(x):              # line 19
    return 1 - np.tanh(x)**2

P = {
    "Wxh": rng.normal(0, 0.6, (H, D)),
    "Whh": rng.normal(0, 0.6, (H, H)),
    "Why": rng.normal(0, 0.6, (O, H)),
    "bh": rng.normal(0, 0.3, (H, 1)),
    "by": rng.normal(0, 0.3, (O, 1)),
}
inputs = [rng.normal(size=(D, 1)) for _ in range(T)]
target = rng.normal(size=(O, 1))

def forward(P):
    hs = {0: np.zeros((H, 1))}                                            # line 44
    for t, x in enumerate(inputs):
        prev_h = hs[t]                                                    # line 47
        hs[t + 1] = np.tanh(P["Wxh"] @ x + P["Whh"] @ prev_h + P["bh"])   # line 48
    y = P["Why"] @ hs[len(inputs)] + P["by"]                              # line 52
    return y, hs

def loss(P):
    y, _ = forward(P)
    return np.square(y - target).sum()                                    # line 100

def backward(P, fix77=False, fix78=False):
    y, hs = forward(P)
    d_y = 2 * (y - target)                                                # line 101
    n = len(inputs)
    g = {"Why": d_y @ hs[n].T, "by": d_y.copy()}                          # lines 63, 64
    g["Wxh"] = np.zeros_like(P["Wxh"]); g["Whh"] = np.zeros_like(P["Whh"]); g["bh"] = np.zeros_like(P["bh"])
    dh_next = np.zeros((H, 1))
    for t in reversed(range(n)):
        h = hs[t + 1]                                                     # line 74
        prev_h = hs[t]                                                    # line 75
        if fix77:   # output depends on the last hidden state only
            dh = (P["Why"].T @ d_y if t == n - 1 else 0) + dh_next
        else:       # line 77 as written
            dh = P["Why"].T @ d_y + dh_next
        if fix78:
            dh_raw = (1 - h**2) * dh
        else:       # line 78 as written: dtanh applied to the post-activation h
            dh_raw = dtanh(h) * dh
        g["bh"] += dh_raw                                                 # line 80
        g["Wxh"] += dh_raw @ inputs[t].T                                  # line 81
        g["Whh"] += dh_raw @ prev_h.T                                     # line 82
        dh_next = P["Whh"].T @ dh_raw                                     # line 84
    return g, d_y

def fd_grad(P, name, eps=1e-6):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + eps; lp = loss(P)
        P[name][idx] = old - eps; lm = loss(P)
        P[name][idx] = old
        G[idx] = (lp - lm) / (2 * eps)
    return G

def agree(a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    return err < tol, err

FD = {k: fd_grad(P, k) for k in P}

print("helper rows")
xs = rng.normal(size=7); e = 1e-6
ok, err = agree(dsigmoid(xs), (sigmoid(xs + e) - sigmoid(xs - e)) / (2 * e))
print(f"  line 13 dsigmoid(x) = s(1-s) vs d sigmoid/dx: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")
ok, err = agree(dtanh(xs), (np.tanh(xs + e) - np.tanh(xs - e)) / (2 * e))
print(f"  line 19 dtanh(x) = 1 - tanh(x)^2 vs d tanh/dx at the pre-activation: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")
hpost = np.tanh(xs)
ok, err = agree(dtanh(hpost), 1 - hpost**2)
print(f"  line 78 use dtanh(h) with h = tanh(a) vs the true 1 - h^2: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")

y, _ = forward(P)
gy = np.zeros_like(y)
for idx in np.ndindex(y.shape):
    yp = y.copy(); yp[idx] += e; ym = y.copy(); ym[idx] -= e
    gy[idx] = (np.square(yp - target).sum() - np.square(ym - target).sum()) / (2 * e)
_, d_y = backward(P)
ok, err = agree(d_y, gy)
print(f"  line 101 d_y = 2(output - target) vs dL/dy: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")

rows = {"Why": "line 63 dWhy", "by": "line 64 dby", "bh": "line 80 dbh", "Wxh": "line 81 dWxh", "Whh": "line 82 dWhh"}
for label, kw in [("as written (lines 77, 78 as published)", {}),
                  ("line 78 corrected to (1 - h**2) * dh, line 77 as written", {"fix78": True}),
                  ("line 77 corrected (Why.T @ d_y only at t = n-1), line 78 as written", {"fix77": True}),
                  ("lines 77 and 78 both corrected, lines 80-84 unchanged", {"fix77": True, "fix78": True})]:
    g, _ = backward(P, **kw)
    print(label)
    for k, r in rows.items():
        ok, err = agree(g[k], FD[k])
        print(f"  {r:14s}: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")
