"""Finite-difference check of pylstm_LSTM2_65cf96b.tex (Qwlouse/pylstm equations/LSTM2.tex @ 65cf96b).

Model (author's conventions, column vectors, no biases):
  a_I = W_IX x + W_IH h^{t-1} + W_IS s^{t-1}   (W_IS diagonal peephole -> vector p_I, elementwise)
  b_I = sigmoid(a_I); same for F
  a_Z = W_ZX x + W_ZH h^{t-1};  b_Z = f(a_Z) with f = tanh for the cell input
  s^t = b_F s^{t-1} + b_I b_Z
  a_O = W_OX x + W_OH h^{t-1} + W_OS s^t (peephole on the *current* state);  b_O = sigmoid(a_O)
  h^t = b_O tanh(s^t)
  output cells (HF section): a_y = W_yh h, y = f_y(a_y) with f_y = sigmoid;  E = sum_t 0.5||y^t - d^t||^2
All dE/dq in the tex are total derivatives w.r.t. the node q at time t (row vectors, "dE/da W").
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

# ---------------- backward rows, checked at an interior t and at the last step ----------------
for t in (1, T - 1):
    g = {n: dE(n, t) for n in NAMES[:10]}
    gn = {n: dE(n, t + 1) for n in NAMES[:10]}
    s_t, s_p = S["s"][t], (S["s"][t - 1] if t > 0 else np.zeros(H))
    bFn = S["bF"][t + 1] if t + 1 < T else np.zeros(H)
    direct = dE("ay", t) @ P["Wy"]          # dE/o  o/dh^t  (output-layer contribution)
    # line 45: chain form with local partials da^{t+1}/dh^t = W_{.,H}
    rhs45 = direct + gn["aI"] @ P["WIH"] + gn["aF"] @ P["WFH"] + gn["aZ"] @ P["WZH"] + gn["aO"] @ P["WOH"]
    check(45, g["h"], rhs45, "pass")
    check(46, g["h"], rhs45, "pass")
    # output gate
    check(51, g["bO"], g["h"] * tanh(s_t), "pass")
    check(52, g["aO"], g["bO"] * dsig(S["aO"][t]), "pass")
    check(53, g["aO"], g["bO"] * dsig(S["aO"][t]), "pass")                # f'_O = sigmoid'
    check(54, g["aO"], g["h"] * tanh(s_t) * sig(S["aO"][t]), "fail")     # f instead of f'
    # state cells
    rhs60 = (g["h"] * S["bO"][t] * dtanh(s_t) + g["aO"] * P["pO"] + gn["s"] * bFn
             + gn["aF"] * P["pF"] + gn["aI"] * P["pI"])
    check(59, g["s"], rhs60, "pass")
    check(60, g["s"], rhs60, "pass")
    # cell activations
    check(65, g["bZ"], g["s"] * S["bI"][t], "pass")
    check(66, g["bZ"], g["s"] * S["bI"][t], "pass")
    check(67, g["aZ"], g["bZ"] * dtanh(S["aZ"][t]), "pass")
    check(68, g["aZ"], g["s"] * S["bI"][t] * dtanh(S["aZ"][t]), "pass")
    # forget gates
    check(73, g["bF"], g["s"] * s_p, "pass")
    check(74, g["bF"], g["s"] * s_p, "pass")
    check(75, g["aF"], g["bF"] * dsig(S["aF"][t]), "pass")
    check(76, g["aF"], g["bF"] * dsig(S["aF"][t]), "pass")
    check(77, g["aF"], g["s"] * dsig(S["aF"][t]) * s_p, "pass")
    # input gates
    check(82, g["bI"], g["s"] * S["bZ"][t], "pass")
    check(83, g["bI"], g["s"] * S["bZ"][t], "pass")
    check(84, g["aI"], g["bI"] * dsig(S["aI"][t]), "pass")
    check(85, g["aI"], g["bI"] * dsig(S["aI"][t]), "pass")
    check(86, g["aI"], g["s"] * S["bZ"][t] * dsig(S["aI"][t]), "pass")

# ---------------- HF f1 pass: R-operator rows ----------------
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
    check(95, R["aI"][t], V["WIX"] @ x + P["WIH"] @ Rhp + V["WIH"] @ hp + V["pI"] * sp + P["pI"] * Rsp, "pass")
    check(96, R["bI"][t], dsig(S["aI"][t]) * R["aI"][t], "pass")
    check(98, R["aF"][t], V["WFX"] @ x + P["WFH"] @ Rhp + V["WFH"] @ hp + V["pF"] * sp + P["pF"] * Rsp, "pass")
    check(99, R["bF"][t], dsig(S["aF"][t]) * R["aF"][t], "pass")
    check(101, R["aZ"][t], V["WZX"] @ x + V["WZH"] @ hp + P["WZH"] @ Rhp, "pass")
    check(102, R["s"][t], R["bF"][t] * sp + S["bF"][t] * Rsp + R["bI"][t] * tanh(S["aZ"][t])
          + S["bI"][t] * dtanh(S["aZ"][t]) * R["aZ"][t], "pass")
    check(107, R["aO"][t], V["WOX"] @ x + V["WOH"] @ hp + P["WOH"] @ Rhp + V["pO"] * S["s"][t] + P["pO"] * R["s"][t], "pass")
    check(108, R["bO"][t], dsig(S["aO"][t]) * R["aO"][t], "pass")
    Rah = R["bO"][t] * tanh(S["s"][t]) + S["bO"][t] * dtanh(S["s"][t]) * R["s"][t]
    check(113, R["h"][t], Rah, "pass")       # a_h = b_w f(s), b_h = a_h  (h is stored as b_h)
    check(114, R["h"][t], Rah, "pass")
    check(119, R["ay"][t], V["Wy"] @ S["h"][t] + P["Wy"] @ R["h"][t], "pass")
    check(120, R["y"][t], dsig(S["ay"][t]) * R["ay"][t], "pass")

n_pass = sum(v == "pass" for v in results.values()); n_fail = sum(v == "fail" for v in results.values())
print("rows checked:", len(results), "pass:", n_pass, "fail:", n_fail, "fail lines:", sorted(k for k, v in results.items() if v == "fail"))
