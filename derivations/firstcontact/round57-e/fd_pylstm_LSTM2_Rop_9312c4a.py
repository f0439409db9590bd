"""Finite-difference check of pylstm_LSTM2_Rop_9312c4a.tex (Qwlouse/pylstm doc/equations/LSTM2.tex @ 9312c4a).

Model (author's conventions, column vectors, no biases):
  a_I = W_IX x + W_IH h^{t-1} + W_IS s^{t-1}   (W_IS diagonal peephole -> vector p_I, elementwise)
  b_I = sigmoid(a_I); same for F
  a_Z = W_ZX x + W_ZH h^{t-1};  b_Z = f(a_Z) with f = tanh for the cell input
  s^t = b_F s^{t-1} + b_I b_Z
  a_O = W_OX x + W_OH h^{t-1} + W_OS s^t (peephole on the *current* state);  b_O = sigmoid(a_O)
  h^t = b_O tanh(s^t)
  (a readout y = sigmoid(W_y h) only serves to define E; it plays no role in the R rows.)
R{q} (HF section) is the directional derivative of q along weight direction V.
"""
import numpy as np

rng = np.random.default_rng(57)
H, D, K, T = 3, 2, 2, 4
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
tanh = np.tanh
dtanh = lambda z: 1 - np.tanh(z) ** 2

def rand_params():
    P = {}
    for g in "IFZO":
        P["W%sX" % g] = rng.normal(0, 0.6, (H, D))
        P["W%sH" % g] = rng.normal(0, 0.6, (H, H))
    for g in "IFO":
        P["p%s" % g] = rng.normal(0, 0.6, H)
    P["Wy"] = rng.normal(0, 0.6, (K, H))
    return P

P = rand_params()
V = rand_params()  # direction for R-operator
X = rng.normal(0, 1, (T, D))
Dt = rng.uniform(0, 1, (T, K))

NAMES = ["aI", "bI", "aF", "bF", "aZ", "bZ", "s", "aO", "bO", "h", "ay", "y"]

def forward(P, inj=None):
    inj = inj or {}
    st = {n: np.zeros((T, H if n not in ("ay", "y") else K)) for n in NAMES}
    h = np.zeros(H); s = np.zeros(H)
    E = 0.0
    def add(n, t, v):
        return v + inj.get((n, t), 0.0)
    for t in range(T):
        x = X[t]
        aI = add("aI", t, P["WIX"] @ x + P["WIH"] @ h + P["pI"] * s); bI = add("bI", t, sig(aI))
        aF = add("aF", t, P["WFX"] @ x + P["WFH"] @ h + P["pF"] * s); bF = add("bF", t, sig(aF))
        aZ = add("aZ", t, P["WZX"] @ x + P["WZH"] @ h); bZ = add("bZ", t, tanh(aZ))
        s_new = add("s", t, bF * s + bI * bZ)
        aO = add("aO", t, P["WOX"] @ x + P["WOH"] @ h + P["pO"] * s_new); bO = add("bO", t, sig(aO))
        h_new = add("h", t, bO * tanh(s_new))
        ay = add("ay", t, P["Wy"] @ h_new); y = add("y", t, sig(ay))
        E += 0.5 * np.sum((y - Dt[t]) ** 2)
        for n, v in zip(NAMES, [aI, bI, aF, bF, aZ, bZ, s_new, aO, bO, h_new, ay, y]):
            st[n][t] = v
        h, s = h_new, s_new
    return E, st

E0, S = forward(P)
eps = 1e-6

def dE(n, t):
    """total derivative of E w.r.t. node n at time t (FD on an additive injection)"""
    if t >= T or t < 0:
        return np.zeros(H)
    size = K if n in ("ay", "y") else H
    g = np.zeros(size)
    for i in range(size):
        e = np.zeros(size); e[i] = eps
        g[i] = (forward(P, {(n, t): e})[0] - forward(P, {(n, t): -e})[0]) / (2 * eps)
    return g

def close(a, b, tol=1e-6):
    return np.allclose(a, b, atol=tol, rtol=1e-5)

results = {}
def check(line, lhs, rhs, expected):
    ok = close(lhs, rhs)
    verdict = "pass" if ok else "fail"
    results[line] = verdict
    assert verdict == expected, (line, lhs, rhs, expected)

# ---------------- forward definitions (tautological against our implementation) ----------------
t = 2
hp, sp = S["h"][t - 1], S["s"][t - 1]
x = X[t]
check(14, S["aI"][t], P["WIX"] @ x + P["WIH"] @ hp + P["pI"] * sp, "pass")
check(15, S["bI"][t], sig(S["aI"][t]), "pass")
check(17, S["aF"][t], P["WFX"] @ x + P["WFH"] @ hp + P["pF"] * sp, "pass")
check(18, S["bF"][t], sig(S["aF"][t]), "pass")
check(20, S["aZ"][t], P["WZX"] @ x + P["WZH"] @ hp, "pass")
check(21, S["bZ"][t], tanh(S["aZ"][t]), "pass")
check(26, S["s"][t], S["bF"][t] * sp + S["bI"][t] * S["bZ"][t], "pass")
check(31, S["aO"][t], P["WOX"] @ x + P["WOH"] @ hp + P["pO"] * S["s"][t], "pass")
check(32, S["bO"][t], sig(S["aO"][t]), "pass")
check(37, S["h"][t], S["bO"][t] * tanh(S["s"][t]), "pass")


# ---------------- HF f1 pass: R-operator rows (notation I,F,Z,O; R{h} directly) ----------------
def shifted(e):
    return {k: P[k] + e * V[k] for k in P}
_, Sp = forward(shifted(1e-6)); _, Sm = forward(shifted(-1e-6))
R = {n: (Sp[n] - Sm[n]) / 2e-6 for n in NAMES}
for t in (0, 2):
    hp = S["h"][t - 1] if t > 0 else np.zeros(H)
    sp = S["s"][t - 1] if t > 0 else np.zeros(H)
    Rhp = R["h"][t - 1] if t > 0 else np.zeros(H)
    Rsp = R["s"][t - 1] if t > 0 else np.zeros(H)
    x = X[t]
    check(48, R["aI"][t], V["WIX"] @ x + P["WIH"] @ Rhp + V["WIH"] @ hp + P["pI"] * Rsp + V["pI"] * sp, "pass")
    check(49, R["bI"][t], dsig(S["aI"][t]) * R["aI"][t], "pass")
    check(51, R["aF"][t], V["WFX"] @ x + P["WFH"] @ Rhp + V["WFH"] @ hp + P["pF"] * Rsp + V["pF"] * sp, "pass")
    check(52, R["bF"][t], dsig(S["aF"][t]) * R["aF"][t], "pass")
    # line 54 as written: W_{Z,X} x (weight itself) instead of V_{Z,X} x (direction)
    check(54, R["aZ"][t], P["WZX"] @ x + P["WZH"] @ Rhp + V["WZH"] @ hp, "fail")
    assert close(R["aZ"][t], V["WZX"] @ x + P["WZH"] @ Rhp + V["WZH"] @ hp)   # corrected form holds
    check(55, R["bZ"][t], dtanh(S["aZ"][t]) * R["aZ"][t], "pass")
    check(61, R["s"][t], R["bF"][t] * sp + S["bF"][t] * Rsp + R["bI"][t] * S["bZ"][t] + S["bI"][t] * R["bZ"][t], "pass")
    # line 66 as written: W_{O,X} x instead of V_{O,X} x
    check(66, R["aO"][t], P["WOX"] @ x + P["WOH"] @ Rhp + V["WOH"] @ hp + P["pO"] * R["s"][t] + V["pO"] * S["s"][t], "fail")
    assert close(R["aO"][t], V["WOX"] @ x + P["WOH"] @ Rhp + V["WOH"] @ hp + P["pO"] * R["s"][t] + V["pO"] * S["s"][t])
    # line 67 as written: LHS is b_O^t (the gate value), not R b_O^t
    check(67, S["bO"][t], dsig(S["aO"][t]) * R["aO"][t], "fail")
    assert close(R["bO"][t], dsig(S["aO"][t]) * R["aO"][t])
    check(72, R["h"][t], R["bO"][t] * tanh(S["s"][t]) + S["bO"][t] * dtanh(S["s"][t]) * R["s"][t], "pass")

n_pass = sum(v == "pass" for v in results.values()); n_fail = sum(v == "fail" for v in results.values())
print("rows checked:", len(results), "pass:", n_pass, "fail:", n_fail, "fail lines:", sorted(k for k, v in results.items() if v == "fail"))
