# Finite-difference check of lstm_backward_simplified_prints.py (numpy only).
# Reading of the printed rules: o, f, i = sigmoid(pre-activations), c_tilde = tanh(pre-activation),
# c = f*c_prev + i*c_tilde, h = o*tanh(c); d_h = total dL/dh_t; "d_c" on entry = gradient arriving from the
# next step's cell (dL/dc_t through c_{t+1}); after "+=" it is the total dL/dc_t; gate d_* are w.r.t. pre-activations;
# sigmoid'(s) / tanh'(.) are read as "derivative of the nonlinearity that produced s", i.e. the file's helpers
# sigmoid_deriv(s)=s(1-s), tanh_deriv(t)=1-t^2 applied to the activation output (tanh'(c) = 1 - tanh(c)^2).
import numpy as np
rng = np.random.default_rng(2)
H = 4; eps = 1e-6
def sigmoid(x): return 1 / (1 + np.exp(-x))             # line 6
def tanh(x): return np.tanh(x)                           # line 7
def sigmoid_deriv(s): return s * (1 - s)                 # line 8
def tanh_deriv(t): return 1 - t**2                       # line 9
def ok(a, b): return np.allclose(a, b, rtol=1e-5, atol=1e-8)
a = rng.normal(size=H)
num_s = (sigmoid(a+eps) - sigmoid(a-eps)) / (2*eps); num_t = (tanh(a+eps) - tanh(a-eps)) / (2*eps)
print("line 6/7 sigmoid, tanh definitions:", "AGREE" if ok(sigmoid(a), 1/(1+np.exp(-a))) and ok(tanh(a), np.tanh(a)) else "DISAGREE")
print("line 8  sigmoid_deriv(sigmoid(a)) vs FD d sigmoid/da:", "AGREES" if ok(sigmoid_deriv(sigmoid(a)), num_s) else "DISAGREES")
print("line 9  tanh_deriv(tanh(a)) vs FD d tanh/da:", "AGREES" if ok(tanh_deriv(tanh(a)), num_t) else "DISAGREES")

zo, zf, zi, zg = (rng.normal(size=H) for _ in range(4)); c_prev = rng.normal(size=H)
dh = rng.normal(size=H); dc_in = rng.normal(size=H)   # upstream dL/dh_t and dL/dc_t from step t+1
def L(zo, zf, zi, zg, c_prev, dcadd=0.0):
    o, f, i, ct = sigmoid(zo), sigmoid(zf), sigmoid(zi), tanh(zg)
    c = f*c_prev + i*ct + dcadd; h = o*tanh(c)
    return dh @ h + dc_in @ c
def fdv(k):
    base = [zo, zf, zi, zg, c_prev]; g = np.zeros(H)
    for j in range(H):
        p = [v.copy() for v in base]; p[k][j] += eps; m = [v.copy() for v in base]; m[k][j] -= eps
        g[j] = (L(*p) - L(*m)) / (2*eps)
    return g
dc_fd = np.array([(L(zo, zf, zi, zg, c_prev, np.eye(H)[j]*eps) - L(zo, zf, zi, zg, c_prev, -np.eye(H)[j]*eps))/(2*eps) for j in range(H)])
o, f, i, c_tilde = sigmoid(zo), sigmoid(zf), sigmoid(zi), tanh(zg); c = f*c_prev + i*c_tilde
d_h = dh; d_c = dc_in.copy()
d_o = d_h * tanh(c) * sigmoid_deriv(o)                  # line 21
d_c += d_h * o * (1 - tanh(c)**2)                        # line 22, tanh'(c) = derivative of tanh at c
d_f = d_c * c_prev * sigmoid_deriv(f)                    # line 23
d_i = d_c * c_tilde * sigmoid_deriv(i)                   # line 24
d_c_tilde = d_c * i * tanh_deriv(c_tilde)                # line 25
d_c_prev = d_c * f                                       # line 28
for name, a_, b_ in [("line 21 d_o", d_o, fdv(0)), ("line 22 d_c (after +=)", d_c, dc_fd), ("line 23 d_f", d_f, fdv(1)),
                     ("line 24 d_i", d_i, fdv(2)), ("line 25 d_c_tilde", d_c_tilde, fdv(3)), ("line 28 d_c_prev", d_c_prev, fdv(4))]:
    print(f"{name:24s}", "AGREES" if ok(a_, b_) else f"DISAGREES max|diff|={np.abs(a_-b_).max():.3g}")
# for information: plugging the cell state itself into the file's helper tanh_deriv (1 - c^2) would be wrong
alt = dc_in + d_h * o * tanh_deriv(c)
print("info: line 22 with tanh_deriv(c)=1-c^2 (misreading) ->", "AGREES" if ok(alt, dc_fd) else "DISAGREES")
