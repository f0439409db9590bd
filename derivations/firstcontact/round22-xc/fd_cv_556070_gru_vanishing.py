"""FD check of cv_556070_gru_vanishing.md (standalone numpy, float64, no symlstm).
The asker drops transposes and Hadamard products, so the rows are checked in the scalar case
(hidden size 1, input size 1), where that simplification is exact. GRU variant implied by the rows:
z_i = s(W_z h_{i-1} + U_z x_i), r_i = s(W_r h_{i-1} + U_r x_i), h~_i = tanh(W_h (r_i h_{i-1}) + U_h x_i),
h_i = z_i h_{i-1} + (1 - z_i) h~_i  (z weights the old state: d+h_i/dh_{i-1} = z_i). L_t = (h_t - y)^2 / 2."""
import numpy as np

rng = np.random.default_rng(3)
Tn = 5
p = dict(Wz=rng.normal(0, 1), Uz=rng.normal(0, 1), Wr=rng.normal(0, 1), Ur=rng.normal(0, 1),
         Wh=rng.normal(0, 1), Uh=rng.normal(0, 1))
X = rng.normal(0, 1, Tn + 1); ytar = 0.3; h0 = 0.4
s = lambda a: 1 / (1 + np.exp(-a))
eps = 1e-6

def step(hp, x, q):
    z = s(q['Wz'] * hp + q['Uz'] * x); r = s(q['Wr'] * hp + q['Ur'] * x)
    ht = np.tanh(q['Wh'] * (r * hp) + q['Uh'] * x)
    return z * hp + (1 - z) * ht, z, r, ht

def run(q=p):
    h = h0; hs = [h]; rec = [None]
    for i in range(1, Tn + 1):
        h, z, r, ht = step(h, X[i], q); hs.append(h); rec.append((z, r, ht))
    return hs, rec
hs, rec = run()
out = []
def rep(line, err, tol=1e-6):
    out.append(f"line {line}: OK" if err < tol else f"line {line}: MISMATCH (max err {err:.3g})")

t = Tn
Lt = lambda q: 0.5 * (run(q)[0][t] - ytar) ** 2
dL_dUz = (Lt({**p, 'Uz': p['Uz'] + eps}) - Lt({**p, 'Uz': p['Uz'] - eps})) / (2 * eps)
dhdh = {i: (step(hs[i - 1] + eps, X[i], p)[0] - step(hs[i - 1] - eps, X[i], p)[0]) / (2 * eps) for i in range(1, t + 1)}
dplus = {k: (step(hs[k - 1], X[k], {**p, 'Uz': p['Uz'] + eps})[0] - step(hs[k - 1], X[k], {**p, 'Uz': p['Uz'] - eps})[0]) / (2 * eps)
         for k in range(1, t + 1)}
rhs6 = (hs[t] - ytar) * sum(np.prod([dhdh[i] for i in range(k + 1, t + 1)]) * dplus[k] for k in range(1, t + 1))
rep(6, abs(rhs6 - dL_dUz))
i = 3
hp, x = hs[i - 1], X[i]; z, r, ht = rec[i]
# line 10: chain through h~ and z (total derivatives) plus the explicit z_i
def parts(hp_):
    z_ = s(p['Wz'] * hp_ + p['Uz'] * x); r_ = s(p['Wr'] * hp_ + p['Ur'] * x)
    return z_, np.tanh(p['Wh'] * (r_ * hp_) + p['Uh'] * x)
dz = (parts(hp + eps)[0] - parts(hp - eps)[0]) / (2 * eps)
dht = (parts(hp + eps)[1] - parts(hp - eps)[1]) / (2 * eps)
rhs10 = (1 - z) * dht + (hp - ht) * dz + z
rep(10, abs(rhs10 - dhdh[i]))
rhs11 = (1 - z) * (p['Wr'] * p['Wh'] * (1 - ht ** 2) * hp * r * (1 - r) + p['Wh'] * (1 - ht ** 2) * r) \
      + p['Wz'] * (hp - ht) * z * (1 - z) + z
rep(11, abs(rhs11 - dhdh[i]))
print("\n".join(out))
