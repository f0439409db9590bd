"""Finite-difference check of rnn_module_torch.py (numpy only).

Forward (column form in the source, rows stored): h_t = tanh(W_ih x_t^T + b_ih + W_hh h_{t-1}^T + b_hh)^T,
output[t] = h_t, h_{-1} = h_x (zeros if None). Loss L = sum_t sum(G[t] * output[t]), so grad_output = G.
The author's backward loop is reproduced as written (line numbers of rnn_module_torch.py).
"""
import numpy as np

rng = np.random.default_rng(1)
eps = 1e-6
T, B, I, H = 5, 3, 2, 4
res = []


def report(line, name, a, b, expect):
    err = np.max(np.abs(a - b)) / (1e-12 + np.max(np.abs(b)))
    ok = err < 1e-5
    res.append((line, ok, expect))
    print(f"line {line:3d} {name:52s} rel.err={err:9.2e}  {'agree' if ok else 'DISAGREE':8s} (expected {expect})")


def fd(f, X):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        o = X[i]
        X[i] = o + eps; fp = f()
        X[i] = o - eps; fm = f()
        X[i] = o
        G[i] = (fp - fm) / (2 * eps)
    return G


def tanh_author(inp):                      # lines 31-33
    input_exp = np.exp(-np.abs(inp)) ** 2
    out = (1 - input_exp) / (1 + input_exp)
    out[inp < 0] *= -1
    return out


z = rng.normal(size=(6, 3)) * 2
report(31, "author tanh(z) (lines 31-33) vs np.tanh(z)", tanh_author(z), np.tanh(z), "pass")

w_ih = rng.normal(scale=0.6, size=(H, I)); b_ih = rng.normal(scale=0.3, size=(H,))
w_hh = rng.normal(scale=0.6, size=(H, H)); b_hh = rng.normal(scale=0.3, size=(H,))
X = rng.normal(size=(T, B, I)); h0 = rng.normal(size=(B, H)); G = rng.normal(size=(T, B, H))


def forward():
    h = h0
    out = np.empty((T, B, H))
    for t in range(T):
        h = tanh_author(w_ih @ X[t].T + b_ih.reshape(-1, 1) + w_hh @ h.T + b_hh.reshape(-1, 1)).T   # line 46
        out[t] = h.copy()
    return out


def loss():
    return (G * forward()).sum()


out = forward()
# author's backward as written (grad_input zero-initialised here; the source uses torch.empty)
g = {k: np.zeros_like(v) for k, v in dict(w_ih=w_ih, w_hh=w_hh, b_ih=b_ih, b_hh=b_hh).items()}
grad_h_x = np.zeros((B, H)); grad_input = np.zeros((T, B, I))
gz_list = {}
for t in range(T - 1, -1, -1):
    x_t, h_x = X[t], out[t]                                   # line 64
    grad_h_x = grad_h_x + G[t]                                # line 65
    grad_z = ((1 - h_x ** 2) * grad_h_x).T                    # line 66
    gz_list[t] = grad_z
    g["w_ih"] += grad_z @ x_t                                 # line 67
    g["w_hh"] += grad_z @ h_x                                 # line 68
    g["b_ih"] += grad_z.sum(1)                                # line 69
    g["b_hh"] += grad_z.sum(1)                                # line 70
    grad_input[t] += grad_z.T @ w_ih                          # line 71
    grad_h_x = grad_z.T @ w_hh                                # line 72

# FD of the loss w.r.t. each step's pre-activation (checks lines 65-66 and the recursion of line 72)
def loss_with_shift(t0, D):
    h = h0; L = 0.0
    for t in range(T):
        a = w_ih @ X[t].T + b_ih.reshape(-1, 1) + w_hh @ h.T + b_hh.reshape(-1, 1)
        if t == t0:
            a = a + D
        h = np.tanh(a).T
        L += (G[t] * h).sum()
    return L


for t in [T - 1, 0]:
    D = np.zeros((H, B))
    report(66, f"grad_z at t={t} vs dL/d(pre-activation_t)", gz_list[t], fd(lambda: loss_with_shift(t, D), D), "pass")
report(67, "w_ih.grad (sum over t) vs FD", g["w_ih"], fd(loss, w_ih), "pass")
report(68, "w_hh.grad = sum grad_z @ output[t] vs FD", g["w_hh"], fd(loss, w_hh), "fail")
prev = np.concatenate([h0[None], out[:-1]], 0)
print("          (info) with h_{t-1} instead:", np.allclose(sum(gz_list[t] @ prev[t] for t in range(T)), fd(loss, w_hh), atol=1e-6))
report(69, "b_ih.grad vs FD", g["b_ih"], fd(loss, b_ih), "pass")
report(70, "b_hh.grad vs FD", g["b_hh"], fd(loss, b_hh), "pass")
report(71, "grad_input (zero-initialised buffer) vs FD", grad_input, fd(loss, X), "pass")
report(72, "final grad_h_x = dL/dh_x (initial state) vs FD", grad_h_x, fd(loss, h0), "pass")

print("\nSummary:", sum((ok and e == "pass") or (not ok and e == "fail") for _, ok, e in res), "of", len(res),
      "rows match expected.json")
