# Finite-difference check of the IndRNN CUDA kernels in cuda_IndRNN_onlyrecurrent.py (numpy only).
# Forward (kernel indrnn_fwd, line 65): h_t = relu(u * h_{t-1} + x_t), h_{-1} = h0, elementwise per (batch, hidden).
# Loss: L = sum_t sum(G_t * h_t), so grad_h (the kernel input) = G.
import numpy as np
rng = np.random.default_rng(0)
T, B, H = 6, 3, 4
x = rng.normal(size=(T, B, H)); u = rng.uniform(0.2, 1.5, size=H); h0 = rng.normal(size=(B, H))
G = rng.normal(size=(T, B, H))

def reluf(z): return np.where(z > 0, z, 0.0)                 # line 42
def calc_grad_activation(z): return np.where(z > 0, 1.0, 0.0)  # line 47

def forward(x, u, h0):
    cur = h0.copy()                       # line 59
    h = np.empty_like(x)
    for row in range(T):
        cur = reluf(cur * u + x[row])     # line 65
        h[row] = cur
    return h

def loss(x, u, h0): return np.sum(G * forward(x, u, h0))

def backward(x, u, h0, h, grad_h):
    gweight = np.zeros((B, H)); cur = np.zeros((B, H)); grad_x = np.empty_like(x)
    for row in range(T - 1, -1, -1):
        prev_h_val = h[row - 1] if row > 0 else h0                                    # line 95
        gh_beforeact = (grad_h[row] + cur) * calc_grad_activation(prev_h_val * u + x[row])  # line 97
        cur = gh_beforeact * u                                                        # line 98
        gweight += gh_beforeact * prev_h_val                                          # line 99
        grad_x[row] = gh_beforeact                                                    # line 100
    grad_weight_hh = gweight.sum(0)     # line 108 atomicAdd over batch columns
    grad_h0 = cur                       # line 109
    return grad_x, grad_weight_hh, grad_h0

def num_grad(f, a, eps=1e-6):
    g = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        old = a[i]; a[i] = old + eps; fp = f(); a[i] = old - eps; fm = f(); a[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

h = forward(x, u, h0)
gx, gu, gh0 = backward(x, u, h0, h, G)
ngx = num_grad(lambda: loss(x, u, h0), x)
ngu = num_grad(lambda: loss(x, u, h0), u)
ngh0 = num_grad(lambda: loss(x, u, h0), h0)
# line 47 helper: derivative of reluf (checked away from the kink)
z = rng.normal(size=50); z = z[np.abs(z) > 1e-3]
nd = (reluf(z + 1e-6) - reluf(z - 1e-6)) / 2e-6
rows = {
    "line 47 calc_grad_activation = relu'": np.max(np.abs(nd - calc_grad_activation(z))),
    "lines 97/100 grad_x = dL/d(x_t) (pre-activation)": np.max(np.abs(gx - ngx)),
    "lines 99/108 grad_weight_hh = dL/du": np.max(np.abs(gu - ngu)),
    "lines 98/109 grad_h0 = dL/dh0": np.max(np.abs(gh0 - ngh0)),
}
for k, v in rows.items():
    print(f"{k:55s} max|diff| = {v:.2e}  -> {'AGREE' if v < 1e-6 else 'DISAGREE'}")
# the per-step carry of line 98: cur after step row equals dL/dh_{row-1} restricted to paths through later steps
