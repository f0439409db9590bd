"""FD check of gru_research_index.py: pseudocode forward/backward and the LaTeX key_equations (numpy, column vectors)."""
import numpy as np
rng = np.random.default_rng(1)
H, D, T = 3, 2, 4
W_z, W_r, W = (rng.normal(0, .7, (H, H + D)) for _ in range(3))
b_z, b_r, b = (rng.normal(0, .3, H) for _ in range(3))
X = rng.normal(0, 1, (T, D)); C = rng.normal(0, 1, (T, H))   # loss L = sum_t C[t].h_t, so dH[t] = C[t]
sigmoid = lambda a: 1 / (1 + np.exp(-a))
tanh_derivative = lambda a: 1 - a ** 2        # helpers take the activation OUTPUT (as the pseudocode calls them)
sigmoid_derivative = lambda a: a * (1 - a)

def step(h_prev, x_t, bz=b_z, pert=None, t=None):
    p = lambda k, v: v + (pert or {}).get((k, t), 0.0)
    combined = np.concatenate([h_prev, x_t])                  # l.110
    z_t = p('z', sigmoid(p('az', W_z @ combined + bz)))       # l.115
    r_t = p('r', sigmoid(p('ar', W_r @ combined + b_r)))      # l.120
    h_reset = p('hr', r_t * h_prev)                           # l.125
    combined_reset = np.concatenate([h_reset, x_t])           # l.126
    h_tilde_t = p('ht', np.tanh(p('ah', W @ combined_reset + b)))  # l.127
    h_t = (1 - z_t) * h_prev + z_t * h_tilde_t                # l.134
    return h_t, z_t, r_t, h_tilde_t, combined_reset

def loss(pert=None):
    h = np.zeros(H); L = 0.0
    for t in range(T):
        h = step(h, X[t], pert=pert, t=t)[0] + (pert or {}).get(('h', t), 0.0)
        L += C[t] @ h
    return L

# forward
hs = {-1: np.zeros(H)}; z = {}; r = {}; h_tilde = {}
for t in range(T):
    hs[t], z[t], r[t], h_tilde[t], _ = step(hs[t - 1], X[t])
h = hs
eps = 1e-6
def fd(key, t, n=H):
    g = np.zeros(n)
    for i in range(n):
        e = np.zeros(n); e[i] = eps
        g[i] = (loss({(key, t): e}) - loss({(key, t): -e})) / (2 * eps)
    return g
def rep(line, name, a, bb):
    if np.shape(a) != np.shape(bb):
        print(f"line {line:>3} {name:<40} DIFFERS  shape {np.shape(a)} vs true {np.shape(bb)}"); return
    ok = np.allclose(a, bb, atol=1e-6, rtol=1e-5)
    print(f"line {line:>3} {name:<40} {'AGREES' if ok else 'DIFFERS'}  maxerr={np.max(np.abs(a-bb)):.2e}")

# pseudocode backward (lines 185-211), gate_gradients spelled out as the h-parts of W_z^T dz_raw + W_r^T dr_raw
dh_next = np.zeros(H)
for t in reversed(range(T)):
    dh = C[t] + dh_next                                   # 188
    dh_prev_direct = dh * (1 - z[t])                      # 191
    dh_tilde = dh * z[t]                                  # 192
    dz = dh * (h_tilde[t] - h[t-1])                       # 193
    dh_tilde_raw = dh_tilde * tanh_derivative(h_tilde[t]) # 196
    dh_reset = W.T @ dh_tilde_raw                         # 199  (as written: H+D entries)
    dh_reset_H = dh_reset[:H]                             # what lines 200/201 need
    dr = dh_reset_H * h[t-1]                              # 200 (with the h-part)
    dh_prev_reset = dh_reset_H * r[t]                     # 201
    dz_raw = dz * sigmoid_derivative(z[t])                # 204
    dr_raw = dr * sigmoid_derivative(r[t])                # 205
    gate_gradients = (W_z.T @ dz_raw)[:H] + (W_r.T @ dr_raw)[:H]
    if t in (T - 1, 1):
        print(f"-- t={t}")
        direct_next = C[t] if True else 0
        rep(188, "dh = dL/dh_t", dh, fd('h', t))
        rep(192, "dh_tilde = dL/dh~_t", dh_tilde, fd('ht', t))
        rep(193, "dz = dL/dz_t", dz, fd('z', t))
        rep(196, "dh_tilde_raw = dL/da_h", dh_tilde_raw, fd('ah', t))
        rep(199, "dh_reset = W.T @ dh_tilde_raw vs dL/dh_reset", dh_reset, fd('hr', t))
        rep(199, "  (its first H rows) vs dL/dh_reset", dh_reset_H, fd('hr', t))
        rep(200, "dr (h-part) = dL/dr_t", dr, fd('r', t))
        rep(204, "dz_raw = dL/da_z", dz_raw, fd('az', t))
        rep(205, "dr_raw = dL/da_r", dr_raw, fd('ar', t))
    dh_next = dh_prev_direct + dh_prev_reset + gate_gradients   # 211
    if t in (T - 1, 1):
        rep(211, "dh_next = dL/dh_{t-1} - C[t-1]", dh_next, fd('h', t - 1) - C[t - 1])

# LaTeX key_equations: Jacobian dh_t/dh_{t-1} at one step
def jac(f, x):
    J = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        J[:, j] = (f(x + e) - f(x - e)) / (2 * eps)
    return J
hp, xt = h[1], X[2]
ht, zt, rt, htil, _ = step(hp, xt)
J_true = jac(lambda v: step(v, xt)[0], hp)
J_htil = jac(lambda v: step(v, xt)[3], hp)
J_z = jac(lambda v: step(v, xt)[1], hp)
J_232 = np.diag(1 - zt) + np.diag(zt) @ J_htil
J_full = J_232 + np.diag(htil - hp) @ J_z
print("-- key_equations")
rep(232, "gradient_flow (as written)", J_232, J_true)
rep(232, "  + diag(h~ - h_{t-1}) dz_t/dh_{t-1}", J_full, J_true)
hp2 = hp
J_small = jac(lambda v: step(v, xt, bz=b_z - 12.0)[0], hp2)
print(f"line 233 gradient_preservation: z_t~{step(hp2, xt, bz=b_z-12.0)[1].max():.1e}, max|J - I| = {np.max(np.abs(J_small-np.eye(H))):.1e}  -> {'AGREES (approx)' if np.max(np.abs(J_small-np.eye(H)))<1e-3 else 'DIFFERS'}")
