"""FD check of kevinghst/GRU-CUDA cuda/gru_cuda_kernel.cu at 6679f16 (before the d_sigmoid/d_tanh fix).
Kernel arithmetic transcribed elementwise to numpy. Lines refer to the note file."""
import numpy as np

rng = np.random.default_rng(6125)
B, I, S = 3, 4, 5
sig = lambda z: 1 / (1 + np.exp(-z))
x = rng.normal(size=(B, I)); old_h = rng.normal(size=(B, S))
x2h_w = rng.normal(size=(3 * S, I)) * 0.8; h2h_w = rng.normal(size=(3 * S, S)) * 0.8
x2h_b = rng.normal(size=(1, 3 * S)) * 0.5; h2h_b = rng.normal(size=(1, 3 * S)) * 0.5
G = rng.normal(size=(B, S))          # loss = sum(G * new_h)  =>  grad_hy = G
PERT = {}
p = lambda k, sh: PERT.get(k, np.zeros(sh))

# device helpers as written in this version (argument z is a pre-activation)
sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))                    # line 13
def d_sigmoid(z):
    s = sigmoid(z)                                               # line 18
    return (1.0 - s) * s                                         # line 19
def d_tanh(z):
    t = np.tanh(z)                                               # line 24
    return 1 - (t * t)                                           # line 25


def forward():
    gate_x = (x2h_b + x @ x2h_w.T).reshape(B, 3, S) + p("gx", (B, 3, S))     # lines 91, 97
    gate_h = (h2h_b + old_h @ h2h_w.T).reshape(B, 3, S) + p("gh", (B, 3, S))  # lines 92, 98
    resetgate = sigmoid(gate_x[:, 0] + gate_h[:, 0])                           # line 43
    inputgate = sigmoid(gate_x[:, 1] + gate_h[:, 1])                           # line 44
    newgate = np.tanh(gate_x[:, 2] + resetgate * gate_h[:, 2])                # line 45
    hprev = old_h + p("hdirect", (B, S))
    new_h = newgate + inputgate * (hprev - newgate)                            # line 46
    return new_h, resetgate, inputgate, newgate, gate_x, gate_h


def loss():
    return float(np.sum(G * forward()[0]))


def num_grad(X, eps=1e-6):
    g = np.zeros_like(X); it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = X[k]
        X[k] = old + eps; fp = loss(); X[k] = old - eps; fm = loss(); X[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g


def hook(k, sh):
    Dp = np.zeros(sh); PERT[k] = Dp; g = num_grad(Dp); del PERT[k]; return g


res = {}
def check(line, a, n, expect):
    ok = bool(np.allclose(a, n, atol=1e-6, rtol=1e-5)); res[line] = ok
    assert ok == expect, (line, ok, np.max(np.abs(a - n)))


# helpers: correct derivatives with respect to a PRE-activation argument
z = rng.normal(size=9)
check(13, sigmoid(z), 1 / (1 + np.exp(-z)), True)
check(19, d_sigmoid(z), (sig(z + 1e-6) - sig(z - 1e-6)) / 2e-6, True); res[18] = res[19]
check(25, d_tanh(z), (np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6, True); res[24] = res[25]

new_h, rg, ig, ng, gate_x, gate_h = forward()
# forward rows vs PyTorch GRUCell definition
Wir, Wiz, Win = np.split(x2h_w, 3); Whr, Whz, Whn = np.split(h2h_w, 3)
bi = np.split(x2h_b[0], 3); bh = np.split(h2h_b[0], 3)
r = sig(x @ Wir.T + bi[0] + old_h @ Whr.T + bh[0]); u = sig(x @ Wiz.T + bi[1] + old_h @ Whz.T + bh[1])
n_ = np.tanh(x @ Win.T + bi[2] + r * (old_h @ Whn.T + bh[2]))
check(91, gate_x.reshape(B, 3 * S), x @ x2h_w.T + x2h_b, True)
check(92, gate_h.reshape(B, 3 * S), old_h @ h2h_w.T + h2h_b, True)
check(43, rg, r, True); check(44, ig, u, True); check(45, ng, n_, True)
check(46, new_h, (1 - u) * n_ + u * old_h, True)

# backward kernel as written
grad_hy, hx = G, old_h
gig = d_sigmoid(ig) * grad_hy * (hx - ng)                          # line 67  (d_sigmoid of an activated value)
gin = d_tanh(ng) * grad_hy * (1 - ig)                              # line 68
ghn = gin * rg                                                     # line 69
grg = d_sigmoid(rg) * gin * gate_h[:, 2]                           # line 70
gx_fd = hook("gx", (B, 3, S)); gh_fd = hook("gh", (B, 3, S))
check(67, gig, gx_fd[:, 1], False)       # true: ig*(1-ig)*grad_hy*(hx-ng)
check(68, gin, gx_fd[:, 2], False)       # true: (1-ng*ng)*grad_hy*(1-ig)
# row 69 as a formula, given the true gin: ghn = dL/dh_n
gin_true = (1 - ng * ng) * grad_hy * (1 - ig)
check(69, gin_true * rg, gh_fd[:, 2], True)
check(70, grg, gx_fd[:, 0], False)       # true: rg*(1-rg)*gin*h_n
# the corrected rows (what the fix produces) match
gig_t = ig * (1 - ig) * grad_hy * (hx - ng); grg_t = rg * (1 - rg) * gin_true * gate_h[:, 2]
assert np.allclose(gig_t, gx_fd[:, 1]) and np.allclose(gin_true, gx_fd[:, 2]) and np.allclose(grg_t, gx_fd[:, 0])

# rows 72-78 (placement into [r, z, n] blocks) and 163-169 (host-side products), judged as formulas on true values
d_hidden_gates = np.stack([grg_t, gig_t, gin_true * rg], 1)        # lines 72-74
d_input_gates = np.stack([grg_t, gig_t, gin_true], 1)              # lines 76-78
check(72, d_hidden_gates, gh_fd, True); res[73] = res[74] = res[72]
check(76, d_input_gates, gx_fd, True); res[77] = res[78] = res[76]
dhw = d_hidden_gates.reshape(B, 3 * S); diw = d_input_gates.reshape(B, 3 * S)   # flatten(1,2)
check(163, dhw.T @ hx, num_grad(h2h_w), True)                      # line 163
check(164, diw.T @ x, num_grad(x2h_w), True)                       # line 164
check(166, dhw.sum(0, keepdims=True), num_grad(h2h_b), True)       # line 166
check(167, diw.sum(0, keepdims=True), num_grad(x2h_b), True)       # line 167
check(169, grad_hy * ig + dhw @ h2h_w, num_grad(old_h), True)      # line 169
# and with the published (buggy) gate deltas the weight gradient is indeed wrong:
dhw_bug = np.stack([grg, gig, ghn], 1).reshape(B, 3 * S)
assert not np.allclose(dhw_bug.T @ hx, num_grad(h2h_w), atol=1e-6)
print(dict(sorted(res.items())))
