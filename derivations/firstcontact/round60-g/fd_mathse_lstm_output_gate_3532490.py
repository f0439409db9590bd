"""FD check for mathse_lstm_output_gate_3532490.md. Course C5W1 LSTM conventions:
Gamma_o = sigma(W_o [a<t-1>; x<t>] + b_o), a<t> = Gamma_o * tanh(c<t>) (elementwise); 'd X' = dL/dX.
L = sum(da * a<t>) with an arbitrary upstream da. delta in the post denotes a partial derivative."""
import numpy as np
rng = np.random.default_rng(3532490)
n_a, n_x, m = 4, 3, 5
Wo = rng.standard_normal((n_a, n_a + n_x)); bo = rng.standard_normal((n_a, 1))
concat = rng.standard_normal((n_a + n_x, m)); c = rng.standard_normal((n_a, m)); da = rng.standard_normal((n_a, m))
sig = lambda z: 1 / (1 + np.exp(-z))

def fd(arr, f, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old + eps; fp = f(); arr[idx] = old - eps; fm = f(); arr[idx] = old; g[idx] = (fp - fm) / (2 * eps)
    return g

G = sig(Wo @ concat + bo)
# line 14: dGamma_o = dL/dGamma_o = da * tanh(c)  (Gamma_o treated as the variable; c does not depend on it)
g_fd = fd(G, lambda: np.sum(da * G * np.tanh(c)))
assert np.allclose(da * np.tanh(c), g_fd, atol=1e-8)
print("line 14 pass: dL/dGamma_o = da*tanh(c); the course's extra Gamma_o(1-Gamma_o) belongs to dL/d(pre-activation)")
z = Wo @ concat + bo
gz = fd(z, lambda: np.sum(da * sig(z) * np.tanh(c)))
assert np.allclose(gz, da * np.tanh(c) * G * (1 - G), atol=1e-8)

# line 20: sigma'(x) = sigma(x)(1 - sigma(x))
xs = rng.standard_normal(7)
assert np.allclose((sig(xs + 1e-6) - sig(xs - 1e-6)) / 2e-6, sig(xs) * (1 - sig(xs)), atol=1e-8)
print("line 20 pass")

# line 24: dL/dGamma_o = dL/da * da/dGamma_o * dGamma_o/dW  -- the product is dL/dW_o, not dL/dGamma_o
dLdW = fd(Wo, lambda: np.sum(da * sig(Wo @ concat + bo) * np.tanh(c)))
assert dLdW.shape != g_fd.shape                     # (n_a, n_a+n_x) vs (n_a, m): different objects
assert np.allclose(dLdW, (da * np.tanh(c) * G * (1 - G)) @ concat.T, atol=1e-7)
# and the asker's claim that the last factor is just Gamma_o(1-Gamma_o) misses the [a<t-1>; x<t>] factor:
assert not np.allclose(dLdW[:, :1], np.sum(da * np.tanh(c) * G * (1 - G), axis=1, keepdims=True), atol=1e-3)
print("line 24 fail: LHS dL/dGamma_o but RHS chains to dL/dW_o = (da*tanh(c)*G*(1-G)) [a;x]^T")
