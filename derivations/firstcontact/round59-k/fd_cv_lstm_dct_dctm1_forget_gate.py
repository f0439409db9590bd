# FD check for cv_lstm_dct_dctm1_forget_gate.md
# Standard LSTM: gates of step t read h_{t-1}; h_{t-1} = o_{t-1} * tanh(c_{t-1}).
# c_t = f_t*c_{t-1} + i_t*g_t  (line 9)
import numpy as np
rng = np.random.default_rng(3)
n, nx = 4, 3
sig = lambda z: 1/(1+np.exp(-z))
W = {k: rng.normal(scale=0.8, size=(n, nx)) for k in "figo"}
U = {k: rng.normal(scale=0.8, size=(n, n)) for k in "figo"}
x = rng.normal(size=nx); cprev = rng.normal(size=n); oprev = sig(rng.normal(size=n))
def step(c_prev, h_prev):
    f = sig(W["f"]@x + U["f"]@h_prev); i = sig(W["i"]@x + U["i"]@h_prev)
    g = np.tanh(W["g"]@x + U["g"]@h_prev)
    return f*c_prev + i*g, f, i, g
hprev = oprev*np.tanh(cprev)
ct, f, i, g = step(cprev, hprev)
assert np.allclose(ct, f*cprev + i*g)                    # line 9 (forward)
eps = 1e-6
def jac(fun, x0):
    return np.stack([(fun(x0+e)-fun(x0-e))/(2*eps) for e in np.eye(len(x0))*eps], 1)
# line 17: partial derivative (h_{t-1} held fixed as the other input of step t) = diag(f_t)
J_partial = jac(lambda c: step(c, hprev)[0], cprev)
assert np.allclose(J_partial, np.diag(f), atol=1e-8), "line 17"
# total derivative through h_{t-1}(c_{t-1}) differs (extra terms) -- shown, not an annotated row
J_total = jac(lambda c: step(c, oprev*np.tanh(c))[0], cprev)
assert not np.allclose(J_total, np.diag(f), atol=1e-3)
# line 23: dc_t/dc_{t-1} = df_t/dc_{t-1}  -- FAIL in any reading
J_f_total = jac(lambda c: step(c, oprev*np.tanh(c))[1], cprev)
assert not np.allclose(J_total, J_f_total, atol=1e-3), "line 23 should fail"
# even 'ignoring i and g' (derivative of f_t*c_{t-1} only): diag(f_t) + diag(c_{t-1}) J_f  != J_f
J_fc = jac(lambda c: step(c, oprev*np.tanh(c))[1]*c, cprev)
assert np.allclose(J_fc, np.diag(f) + np.diag(cprev)@J_f_total, atol=1e-7)
assert not np.allclose(J_fc, J_f_total, atol=1e-3)
print("line 9 pass, line 17 pass (partial), line 23 fails as annotated: ALL OK")
