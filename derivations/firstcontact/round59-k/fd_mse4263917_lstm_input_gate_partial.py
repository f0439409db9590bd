# FD check for mse4263917_lstm_input_gate_partial.md
# i_t = sigma(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)  (PyTorch-style LSTM input gate)
import numpy as np
rng = np.random.default_rng(2)
sig = lambda z: 1/(1+np.exp(-z))
eps = 1e-6
# --- scalar case (the asker's symbols are scalars in '*' notation)
Wii, bii, Whi, bhi, x, h = rng.normal(size=6)
z = Wii*x + bii + Whi*h + bhi                                   # line 17
it = sig(z)                                                    # line 4 / line 18
assert np.isclose(it, sig(Wii*x+bii+Whi*h+bhi))
# line 13: d sigma/dx = sigma(x)(1-sigma(x))
for s in rng.normal(size=5)*2:
    assert np.isclose((sig(s+eps)-sig(s-eps))/(2*eps), sig(s)*(1-sig(s)), atol=1e-8)
fd_W = (sig((Wii+eps)*x+bii+Whi*h+bhi) - sig((Wii-eps)*x+bii+Whi*h+bhi))/(2*eps)
# line 14 (asker's first attempt): sigma(x_t)(1-sigma(x_t)) -- FAIL
line14 = sig(x)*(1-sig(x))
assert not np.isclose(line14, fd_W, atol=1e-4), "line 14 should fail"
# line 19: di/dz = sigma(z)(1-sigma(z))
assert np.isclose((sig(z+eps)-sig(z-eps))/(2*eps), sig(z)*(1-sig(z)), atol=1e-8)
# line 20: dz/dW_ii = x_t
assert np.isclose(((Wii+eps)*x - (Wii-eps)*x)/(2*eps), x)
# line 21: di/dW_ii = sigma(z)(1-sigma(z)) x_t
assert np.isclose(fd_W, sig(z)*(1-sig(z))*x, atol=1e-8)
# --- vector case (W_ii matrix): d i_k / d W_ii[k,j] = sigma'(z_k) x_j, zero for other rows
nh, nx = 3, 4
Wii, Whi = rng.normal(size=(nh, nx)), rng.normal(size=(nh, nh))
bii, bhi, x, h = rng.normal(size=nh), rng.normal(size=nh), rng.normal(size=nx), rng.normal(size=nh)
f = lambda W: sig(W@x + bii + Whi@h + bhi)
zv = Wii@x + bii + Whi@h + bhi
for k in range(nh):
    for j in range(nx):
        E = np.zeros_like(Wii); E[k, j] = eps
        d = (f(Wii+E)-f(Wii-E))/(2*eps)
        exp = np.zeros(nh); exp[k] = sig(zv[k])*(1-sig(zv[k]))*x[j]
        assert np.allclose(d, exp, atol=1e-8)
print("lines 4 13 17 18 19 20 21 pass; line 14 fails as annotated: ALL OK")
