# Finite-difference check of rnn_statsse_193352.md (Cross Validated q/193352, answer by "wabbit"). numpy only.
# Author's recursion (line 9): h_{t+1} = tanh(U x_t + W h_t), column vectors, bias omitted.
import numpy as np
rng = np.random.default_rng(2)
n, m = 4, 3
U = rng.normal(size=(n, m)); W = rng.normal(size=(n, n)); x = rng.normal(size=m); h = rng.normal(size=n)*0.5
step = lambda hv: np.tanh(U@x + W@hv)                       # line 9
h1 = step(h)
eps = 1e-6
J = np.zeros((n, n))                                         # FD Jacobian d h_{t+1} / d h_t, J[i,j]
for j in range(n):
    e = np.zeros(n); e[j] = eps
    J[:, j] = (step(h+e) - step(h-e))/(2*eps)
ok = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-8)
res = []
# line 13: d tanh(x)/dx = 1 - tanh^2(x) = 1 - y^2
z = rng.normal(size=6)
res.append((13, "dy/dx = 1 - tanh^2(x) = 1 - y^2", ok((np.tanh(z+eps)-np.tanh(z-eps))/(2*eps), 1-np.tanh(z)**2)))
# line 14: h_{t+1,i} = tanh(sum_k w_ik h_{t,k} + g(x)), g(x) = (U x)_i
res.append((14, "h_{t+1,i} = tanh(sum_k w_ik h_tk + g(x))", ok(h1, np.tanh(np.array([sum(W[i, k]*h[k] for k in range(n)) + (U@x)[i] for i in range(n)])))))
# line 16 as written: dh_{t+1,i}/dh_{t,j} = 1 - h_{t+1,i}^2 w_{i,j}
as_written = 1 - (h1**2)[:, None]*W
res.append((16, "dh_{t+1,i}/dh_{t,j} = 1-h_{t+1,i}^{2}w_{i,j} (as typeset)", ok(as_written, J)))
intended = (1 - h1**2)[:, None]*W
print("info line 16 with parentheses, (1-h_{t+1,i}^2) w_ij:", 'AGREES' if ok(intended, J) else 'DISAGREES', "| max |as written - FD| =", round(np.abs(as_written-J).max(), 3))
# line 19: diag(b) A scales row i of A by b_ii
A = rng.normal(size=(n, n)); b = rng.normal(size=n)
res.append((19, "diag(b) A = A with row i scaled by b_ii", ok(np.diag(b)@A, b[:, None]*A)))
# line 21: d h_{t+1}/d h_t = diag(1 - h_{t+1}^2) W
res.append((21, "dh_{t+1}/dh_t = diag(1-h_{t+1}^2) W", ok(np.diag(1-h1**2)@W, J)))
for line, name, good in res:
    print(f"line {line}: {name}: {'AGREES' if good else 'DISAGREES'} with FD")
