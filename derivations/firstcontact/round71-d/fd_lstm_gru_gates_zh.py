# Finite-difference check of lstm_gru_gates_zh.md.
# RNN part (column vectors): h_t = phi(Wxh x_t + Whh h_{t-1} + b_h), phi = tanh.
# LSTM/GRU parts (row vectors, one example, n=1): X_t W_x* + H_{t-1} W_h* + b_*.
import numpy as np
rng = np.random.default_rng(1)
d, h = 3, 4
eps = 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))
rows = []

# ---- RNN Jacobian, line 63 ----
Wxh = rng.normal(0, .7, (h, d)); Whh = rng.normal(0, .7, (h, h)); bh = rng.normal(0, .2, h)
x = rng.normal(size=d); hprev = np.tanh(rng.normal(size=h))
step = lambda hp: np.tanh(Wxh @ x + Whh @ hp + bh)
J = np.column_stack([(step(hprev + e) - step(hprev - e)) / (2 * eps) for e in np.eye(h) * eps])
a_t = Wxh @ x + Whh @ hprev + bh
author = Whh.T @ np.diag(1 - np.tanh(hprev) ** 2)          # phi'(h_{t-1})
rows.append(("63 W^T diag(phi'(h_{t-1})) == dh_t/dh_{t-1} (numerator)", np.allclose(author, J, atol=1e-6)))
rows.append(("63 W^T diag(phi'(h_{t-1})) == (dh_t/dh_{t-1})^T (denominator)", np.allclose(author, J.T, atol=1e-6)))
# reading phi'(.) as "derivative expressed through the output", 1 - h_{t-1}^2:
author2 = Whh.T @ np.diag(1 - hprev ** 2)
rows.append(("63 (alt. reading 1-h_{t-1}^2) == J or J^T", np.allclose(author2, J, atol=1e-6) or np.allclose(author2, J.T, atol=1e-6)))
rows.append(("   reference W^T diag(phi'(a_t)) == J^T", np.allclose(Whh.T @ np.diag(1 - np.tanh(a_t) ** 2), J.T, atol=1e-6)))

# ---- LSTM, lines 9-45, 71, 77 ----
P = {k: rng.normal(0, .6, s) for k, s in [("Wxi", (d, h)), ("Whi", (h, h)), ("Wxf", (d, h)), ("Whf", (h, h)),
                                          ("Wxo", (d, h)), ("Who", (h, h)), ("Wxc", (d, h)), ("Whc", (h, h))]}
b = {k: rng.normal(0, .2, (1, h)) for k in "ifoc"}
X = rng.normal(size=(1, d)); Hp = np.tanh(rng.normal(size=(1, h))); Cp = rng.normal(size=(1, h))
def lstm(X, Hp, Cp):
    I = sig(X @ P["Wxi"] + Hp @ P["Whi"] + b["i"]); F = sig(X @ P["Wxf"] + Hp @ P["Whf"] + b["f"])
    O = sig(X @ P["Wxo"] + Hp @ P["Who"] + b["o"]); Ct = np.tanh(X @ P["Wxc"] + Hp @ P["Whc"] + b["c"])
    C = F * Cp + I * Ct; H = O * np.tanh(C)
    return I, F, O, Ct, C, H
I, F, O, Ct, C, H = lstm(X, Hp, Cp)
rows.append(("9-45 LSTM forward shapes (1,h) and C=F*C+I*Ct", C.shape == (1, h) and np.allclose(C, F * Cp + I * Ct)))
Jc = np.column_stack([((lstm(X, Hp, Cp + e)[4] - lstm(X, Hp, Cp - e)[4]) / (2 * eps)).ravel() for e in np.eye(h) * eps])
rows.append(("77 dC_t/dC_{t-1} (H_{t-1} held fixed) == diag(F_t)", np.allclose(Jc, np.diag(F.ravel()), atol=1e-6)))
# informational: total derivative when H_{t-1} = O_{t-1} * tanh(C_{t-1}) also moves with C_{t-1}
Op = sig(rng.normal(size=(1, h)))
tot = lambda c: lstm(X, Op * np.tanh(c), c)[4]
Jtot = np.column_stack([((tot(Cp + e) - tot(Cp - e)) / (2 * eps)).ravel() for e in np.eye(h) * eps])
print("   info: max |total dC_t/dC_{t-1} - diag(F_t)| =", np.abs(Jtot - np.diag(lstm(X, Op * np.tanh(Cp), Cp)[1].ravel())).max())

# ---- GRU, lines 96-118 (forward only) ----
G = {k: rng.normal(0, .6, s) for k, s in [("Wxr", (d, h)), ("Whr", (h, h)), ("Wxz", (d, h)), ("Whz", (h, h)),
                                          ("Wxh", (d, h)), ("Whh", (h, h))]}
R = sig(X @ G["Wxr"] + Hp @ G["Whr"]); Z = sig(X @ G["Wxz"] + Hp @ G["Whz"])
Ht = np.tanh(X @ G["Wxh"] + (R * Hp) @ G["Whh"]); Hn = Z * Hp + (1 - Z) * Ht
rows.append(("96-118 GRU forward: H_t between H_{t-1} and H~_t", bool(np.all((Hn - np.minimum(Hp, Ht) > -1e-12) & (np.maximum(Hp, Ht) - Hn > -1e-12)))))

for name, ok in rows: print(("AGREE   " if ok else "DISAGREE"), name)
