# FD check of gru_gradflow_zh.md: h_t = (1-z_t)*h_{t-1} + z_t*htilde_t (elementwise).
# The note's partials are local (z_t, htilde_t, h_{t-1} treated as independent inputs); both are diagonal Jacobians.
import numpy as np
rng = np.random.default_rng(2)
H = 5
hprev, z, ht = rng.normal(size=H), rng.uniform(.05, .95, H), np.tanh(rng.normal(size=H))
f = lambda hprev, z, ht: (1 - z) * hprev + z * ht                  # line 4
eps = 1e-6
Jz = np.stack([(f(hprev, z + eps * e, ht) - f(hprev, z - eps * e, ht)) / (2 * eps) for e in np.eye(H)], 1)
Jh = np.stack([(f(hprev, z, ht + eps * e) - f(hprev, z, ht - eps * e)) / (2 * eps) for e in np.eye(H)], 1)
e8 = np.abs(Jz - np.diag(ht - hprev)).max(); e12 = np.abs(Jh - np.diag(z)).max()
print(f"line 8  dh_t/dz_t = diag(htilde_t - h_(t-1)): max err {e8:.2e} {'AGREE' if e8 < 1e-8 else 'DISAGREE'}")
print(f"line 12 dh_t/dhtilde_t = diag(z_t):          max err {e12:.2e} {'AGREE' if e12 < 1e-8 else 'DISAGREE'}")
# sanity: the opposite-sign version would fail
print(f"(control) h_(t-1) - htilde_t would give err {np.abs(Jz - np.diag(hprev - ht)).max():.2e}")
