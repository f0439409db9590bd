# Finite-difference check of vanilla_rnns_chapter.md.
# Forward (lines 18-19, 88-90): h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), y_t = W_hy h_t + b_y (column vectors).
# Loss as in the demonstration (line 127): L = mse(y_T, target), so L depends on h_t only through h_T.
import numpy as np
rng = np.random.default_rng(2)
H, D, O, T = 4, 2, 1, 6
Whh = rng.normal(0, .6, (H, H)); Wxh = rng.normal(0, .6, (H, D)); bh = rng.normal(0, .1, H)
Why = rng.normal(0, .6, (O, H)); by = rng.normal(0, .1, O)
X = rng.normal(size=(T + 1, D)); target = rng.normal(size=O)

def run_from(t0, h):
    for k in range(t0 + 1, T + 1):
        h = np.tanh(Whh @ h + Wxh @ X[k] + bh)
    y = Why @ h + by
    return np.mean((y - target) ** 2)

hs = [np.zeros(H)]
for k in range(1, T + 1):
    hs.append(np.tanh(Whh @ hs[-1] + Wxh @ X[k] + bh))
gT = Why.T @ (2 * (Why @ hs[T] + by - target) / O)      # dL/dh_T (column)

def fd_grad(t):
    g = np.zeros(H)
    for i in range(H):
        e = np.zeros(H); e[i] = 1e-6
        g[i] = (run_from(t, hs[t] + e) - run_from(t, hs[t] - e)) / 2e-6
    return g
ok = lambda a, b: np.allclose(a, b, atol=1e-7, rtol=1e-5)

# line 110: diag(1 - h_k^2) is the tanh derivative at the pre-activation
z = Whh @ hs[2] + Wxh @ X[3] + bh
num = (np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6
print("line 110  tanh'(z_k) == 1 - h_k^2:", ok(num, 1 - hs[3] ** 2))
print("line 19/127  dL/dh_T = W_hy^T dL/dy_T:", ok(gT, fd_grad(T)))

t = 2
true = fd_grad(t)
P_asc = np.eye(H)
for k in range(t + 1, T + 1):
    P_asc = P_asc @ (Whh.T @ np.diag(1 - hs[k] ** 2))
P_desc = np.eye(H)
for k in range(T, t, -1):
    P_desc = P_desc @ (Whh.T @ np.diag(1 - hs[k] ** 2))
literal_row = gT @ P_asc          # dL/dh_T written first, product k = t+1..T as written (line 107)
literal_row_desc = gT @ P_desc    # same with the product read from k = T down to t+1
column_fixed = P_asc @ gT         # gradient moved to the right of the product
print(f"true dL/dh_{t}            ", np.round(true, 6))
print("line 107 as written (row)  ", np.round(literal_row, 6), "AGREES" if ok(literal_row, true) else "DISAGREES")
print("line 107, product reversed ", np.round(literal_row_desc, 6), "AGREES" if ok(literal_row_desc, true) else "DISAGREES")
print("(prod W^T diag) dL/dh_T    ", np.round(column_fixed, 6), "AGREES" if ok(column_fixed, true) else "DISAGREES",
      "<- correct form: gradient on the right")
