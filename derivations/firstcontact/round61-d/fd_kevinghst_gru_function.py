"""FD check of kevinghst/GRU-CUDA python/gru_baseline.py (GRUFunction). numpy only, float64."""
import numpy as np

rng = np.random.default_rng(61)
B, I, S = 3, 4, 5
sig = lambda z: 1 / (1 + np.exp(-z))

x = rng.normal(size=(B, I))
old_h = rng.normal(size=(B, S))
x2h_w = rng.normal(size=(3 * S, I)) * 0.7
h2h_w = rng.normal(size=(3 * S, S)) * 0.7
x2h_b = rng.normal(size=(1, 3 * S)) * 0.5
h2h_b = rng.normal(size=(1, 3 * S)) * 0.5
G = rng.normal(size=(B, S))  # loss L = sum(G * hy)  => grad_hy = G


def num_grad(f, X, eps=1e-6):
    g = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index
        old = X[k]
        X[k] = old + eps; fp = f()
        X[k] = old - eps; fm = f()
        X[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g


def forward(x, x2h_w, h2h_w, x2h_b, h2h_b, old_h, d_gx=None, d_gh=None, d_ar=None, d_ai=None,
            d_an=None, d_hn=None, h_direct=None):
    gate_x = x @ x2h_w.T + x2h_b            # F.linear(x, x2h_w, x2h_b)
    gate_h = old_h @ h2h_w.T + h2h_b        # F.linear(old_h, h2h_w, h2h_b)
    if d_gx is not None: gate_x = gate_x + d_gx
    if d_gh is not None: gate_h = gate_h + d_gh
    i_r, i_i, i_n = np.split(gate_x, 3, axis=1)
    h_r, h_i, h_n = np.split(gate_h, 3, axis=1)
    if d_hn is not None: h_n = h_n + d_hn
    a_r = i_r + h_r + (0 if d_ar is None else d_ar)
    a_i = i_i + h_i + (0 if d_ai is None else d_ai)
    rg = sig(a_r)
    ig = sig(a_i)
    a_n = i_n + rg * h_n + (0 if d_an is None else d_an)
    ng = np.tanh(a_n)
    hprev = old_h if h_direct is None else h_direct
    hy = ng + ig * (hprev - ng)
    return hy, dict(rg=rg, ig=ig, ng=ng, hn=h_n, gate_x=gate_x, gate_h=gate_h)


def L(**kw):
    return float(np.sum(G * forward(x, x2h_w, h2h_w, x2h_b, h2h_b, old_h, **kw)[0]))


hy, c = forward(x, x2h_w, h2h_w, x2h_b, h2h_b, old_h)
rg, ig, ng, hn, hx = c["rg"], c["ig"], c["ng"], c["hn"], old_h
grad_hy = G
results = {}

def check(line, analytic, numeric, expect=True, tol=1e-6):
    ok = np.allclose(analytic, numeric, atol=tol, rtol=1e-5)
    results[line] = ok
    assert ok == expect, (line, ok, np.max(np.abs(analytic - numeric)))

# line 15 / 19: derivative helpers expressed through the activated value
z = rng.normal(size=7)
d_sigmoid = lambda s: (1 - s) * s
d_tanh = lambda t: 1 - (t * t)
fdz_s = (sig(z + 1e-6) - sig(z - 1e-6)) / 2e-6
fdz_t = (np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6
check(15, d_sigmoid(sig(z)), fdz_s)
check(19, d_tanh(np.tanh(z)), fdz_t)

# forward rows 27-41 against the PyTorch GRUCell definition written independently
Wir, Wiz, Win = np.split(x2h_w, 3, 0); Whr, Whz, Whn = np.split(h2h_w, 3, 0)
bir, biz, bin_ = np.split(x2h_b[0], 3); bhr, bhz, bhn = np.split(h2h_b[0], 3)
r = sig(x @ Wir.T + bir + old_h @ Whr.T + bhr)
zt = sig(x @ Wiz.T + biz + old_h @ Whz.T + bhz)
n = np.tanh(x @ Win.T + bin_ + r * (old_h @ Whn.T + bhn))
h_ref = (1 - zt) * n + zt * old_h
check(27, c["gate_x"], np.concatenate([x @ Wir.T + bir, x @ Wiz.T + biz, x @ Win.T + bin_], 1))
check(28, c["gate_h"], np.concatenate([old_h @ Whr.T + bhr, old_h @ Whz.T + bhz, old_h @ Whn.T + bhn], 1))
check(37, rg, r)
check(38, ig, zt)
check(39, ng, n)
check(41, hy, h_ref)

# backward rows
grad_hx = grad_hy * ig                                             # line 54 (direct path only)
Hd = old_h.copy()
check(54, grad_hx, num_grad(lambda: L(h_direct=Hd), Hd))
gig = d_sigmoid(ig) * grad_hy * (hx - ng)                         # line 56
D = np.zeros((B, S)); check(56, gig, num_grad(lambda: L(d_ai=D), D))
gin = d_tanh(ng) * grad_hy * (1 - ig)                             # line 57
D = np.zeros((B, S)); check(57, gin, num_grad(lambda: L(d_an=D), D))
ghn = gin * rg                                                    # line 58
D = np.zeros((B, S)); check(58, ghn, num_grad(lambda: L(d_hn=D), D))
grg = d_sigmoid(rg) * gin * hn                                    # line 59
D = np.zeros((B, S)); check(59, grg, num_grad(lambda: L(d_ar=D), D))
grad_input_gates = np.concatenate([grg, gig, gin], axis=1)       # line 61
D = np.zeros((B, 3 * S)); check(61, grad_input_gates, num_grad(lambda: L(d_gx=D), D))
grad_hidden_gates = np.concatenate([grg, gig, ghn], axis=1)      # line 64
D = np.zeros((B, 3 * S)); check(64, grad_hidden_gates, num_grad(lambda: L(d_gh=D), D))
grad_input_weights = grad_input_gates.T @ x                       # line 68
check(68, grad_input_weights, num_grad(lambda: L(), x2h_w))
grad_hidden_weights = grad_hidden_gates.T @ hx                    # line 69
check(69, grad_hidden_weights, num_grad(lambda: L(), h2h_w))
grad_input_bias = grad_input_gates.sum(axis=0, keepdims=True)     # line 72
check(72, grad_input_bias, num_grad(lambda: L(), x2h_b))
grad_hidden_bias = grad_hidden_gates.sum(axis=0, keepdims=True)   # line 73
check(73, grad_hidden_bias, num_grad(lambda: L(), h2h_b))
grad_x = grad_input_gates @ x2h_w                                 # line 75 (commented out in source)
check(75, grad_x, num_grad(lambda: L(), x))
grad_hx = grad_hx + grad_hidden_gates @ h2h_w                     # line 76
check(76, grad_hx, num_grad(lambda: L(), old_h))

print("all verdicts confirmed:", results)
