"""Finite-difference check of derekz_cs6180_lstm_bptt.md (numpy only, float64).

Model (the lecture's LSTM, column vectors, W acts on x_t, U on h_{t-1}):
  f = sig(W_f x + U_f h_prev + b_f), i = sig(W_i x + U_i h_prev + b_i), o = sig(W_o x + U_o h_prev + b_o)
  ct = tanh(W_c x + U_c h_prev + b_c), c = f*c_prev + i*ct, h = o*tanh(c)
Reading of the notation: dL/dv for an intermediate v is the TOTAL derivative of L w.r.t. v with
everything upstream of v held fixed (the backprop adjoint; measured here by injecting a perturbation
into v inside the forward pass); d v/d u between neighbouring variables is the local (direct) partial.
Loss for lines 22-47: L = L1 + L2 with L_t = 0.5*||V h_t - y_t||^2 over T = 2 steps.
Lines 110/114: L^(10) = 0.5*||V h_10 - y||^2 on a 10-step sequence.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "derekz_cs6180_lstm_bptt.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(53)
EPS, TOL = 1e-6, 1e-6
results = {}

def record(line, ok, det=""):
    v = "pass" if ok else "fail"
    if line in results and results[line][0] != v:
        v = "fail"
    results[line] = (v, det)

def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.max(np.abs(a - b)) <= TOL * max(1.0, np.max(np.abs(b)))

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
H, X, Y = 3, 2, 2

def make_params(scale=0.9):
    P = {}
    for g in "fioc":
        P["W" + g] = rng.normal(scale=scale, size=(H, X))
        P["U" + g] = rng.normal(scale=scale, size=(H, H))
        P["b" + g] = rng.normal(scale=0.5, size=H)
    P["V"] = rng.normal(size=(Y, H))
    return P

def run(P, xs, h0, c0, inj=None):
    """Forward pass; inj = {(name, t): vector} adds a perturbation to an intermediate variable."""
    inj = inj or {}
    add = lambda name, t, v: v + inj.get((name, t), 0.0)
    h, c = h0.copy(), c0.copy()
    S = {("h", 0): h, ("c", 0): c}
    for t in range(1, len(xs)):
        x = xs[t]
        f = add("f", t, sig(P["Wf"] @ x + P["Uf"] @ h + P["bf"]))
        i = add("i", t, sig(P["Wi"] @ x + P["Ui"] @ h + P["bi"]))
        o = add("o", t, sig(P["Wo"] @ x + P["Uo"] @ h + P["bo"]))
        ct = add("ct", t, np.tanh(P["Wc"] @ x + P["Uc"] @ h + P["bc"]))
        c = add("c", t, f * c + i * ct)
        h = add("h", t, o * np.tanh(c))
        S.update({("f", t): f, ("i", t): i, ("o", t): o, ("ct", t): ct, ("c", t): c, ("h", t): h})
    return S

def adjoint(lossfn, P, xs, h0, c0, name, t):
    g = np.zeros(H)
    for j in range(H):
        e = np.zeros(H); e[j] = EPS
        g[j] = (lossfn(run(P, xs, h0, c0, {(name, t): e})) - lossfn(run(P, xs, h0, c0, {(name, t): -e}))) / (2 * EPS)
    return g

# ---------------- 2-step example (lines 22, 32, 36, 44, 47) ----------------
P = make_params()
T = 2
xs = [None] + [rng.normal(size=X) for _ in range(T)]
ys = [None] + [rng.normal(size=Y) for _ in range(T)]
h0 = rng.normal(size=H); c0 = rng.normal(size=H)
L2 = lambda S: sum(0.5 * np.sum((P["V"] @ S[("h", t)] - ys[t]) ** 2) for t in range(1, T + 1))
S = run(P, xs, h0, c0)
dLdf = {t: adjoint(L2, P, xs, h0, c0, "f", t) for t in (1, 2)}
dLdc = {t: adjoint(L2, P, xs, h0, c0, "c", t) for t in (1, 2)}
dLdh1 = adjoint(L2, P, xs, h0, c0, "h", 1)
# FD of dL/dW_f
num_Wf = np.zeros((H, X))
for a in range(H):
    for b in range(X):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp["Wf"][a, b] += EPS; Pm["Wf"][a, b] -= EPS
        num_Wf[a, b] = (L2(run(Pp, xs, h0, c0)) - L2(run(Pm, xs, h0, c0))) / (2 * EPS)
# local partial df^(t)/dW_f contracted with a row vector g: (g * f(1-f)) x^T
local_Wf = lambda g, t: np.outer(g * S[("f", t)] * (1 - S[("f", t)]), xs[t])
# line 22: dL/dW_f = dL/df1 . df1/dW_f + dL/df2 . df2/dW_f
record(22, close(local_Wf(dLdf[1], 1) + local_Wf(dLdf[2], 2), num_Wf), "sum over both steps")
# line 32: dL/df1 = dL/dc1 . dc1/df1  (dc1/df1 = diag(c0))
record(32, close(dLdc[1] * S[("c", 0)], dLdf[1]))
# line 36: dL/dW_f = sum_t dL/dc_t . dc_t/df_t . df_t/dW_f
rhs36 = local_Wf(dLdc[1] * S[("c", 0)], 1) + local_Wf(dLdc[2] * S[("c", 1)], 2)
record(36, close(rhs36, num_Wf))
# line 44: dL/dc1 = dL/dh1 . dh1/dc1 + dL/dc2 . dc2/dc1 (dc2/dc1 = direct partial diag(f2))
rhs44 = dLdh1 * S[("o", 1)] * (1 - np.tanh(S[("c", 1)]) ** 2) + dLdc[2] * S[("f", 2)]
record(44, close(rhs44, dLdc[1]))
# line 47: dh1/dc1 = o1 * (1 - tanh^2 c1)  (local Jacobian, diagonal)
Jn = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = EPS
    Jn[:, j] = (S[("o", 1)] * np.tanh(S[("c", 1)] + e) - S[("o", 1)] * np.tanh(S[("c", 1)] - e)) / (2 * EPS)
record(47, close(np.diag(S[("o", 1)] * (1 - np.tanh(S[("c", 1)]) ** 2)), Jn))

# ---------------- scenario arithmetic (lines 82-100) ----------------
ctil = {t: rng.normal(size=H) for t in range(1, 4)}
cc = {0: np.zeros(H)}                                                 # line 82
record(82, np.all(cc[0] == 0))
fg = {1: np.ones(H), 2: np.ones(H), 3: np.ones(H)}                    # lines 87, 93, 98 (scenario values)
ig = {1: np.zeros(H), 2: np.ones(H), 3: np.zeros(H)}
for ln in (87, 93, 98):
    record(ln, True, "scenario assumption")
cc[1] = fg[1] * cc[0] + ig[1] * ctil[1]                               # line 85
record(85, True, "definition")
record(88, close(cc[1], 1 * 0 + 0 * ctil[1]) and close(cc[1], np.zeros(H)))
cc[2] = fg[2] * cc[1] + ig[2] * ctil[2]                               # line 91
record(91, True, "definition")
record(94, close(cc[2], 1 * 0 + 1 * ctil[2]) and close(cc[2], ctil[2]))
cc[3] = fg[3] * cc[2] + ig[3] * ctil[3]
record(100, close(cc[3], ctil[2]))

# ---------------- lines 112 / 158: dc_t/dc_{t-1} = f_t (direct partial) ----------------
t = 2
def c_of_cprev(cp):
    return S[("f", t)] * cp + S[("i", t)] * S[("ct", t)]   # h_{t-1}, x_t (hence the gates) held fixed
Jc = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = EPS
    Jc[:, j] = (c_of_cprev(S[("c", 1)] + e) - c_of_cprev(S[("c", 1)] - e)) / (2 * EPS)
record(112, close(Jc, np.diag(S[("f", t)])))
record(158, close(Jc, np.diag(S[("f", t)])))

# ---------------- lines 110 / 114: dL10/dc2 as a product along the cell path ----------------
T10 = 10
P10 = make_params(scale=0.8)
xs10 = [None] + [rng.normal(size=X) for _ in range(T10)]
y10 = rng.normal(size=Y)
h0b = rng.normal(size=H); c0b = rng.normal(size=H)
L10 = lambda S_: 0.5 * np.sum((P10["V"] @ S_[("h", T10)] - y10) ** 2)
S10 = run(P10, xs10, h0b, c0b)
true_dc2 = adjoint(L10, P10, xs10, h0b, c0b, "c", 2)
dLdh10 = P10["V"].T @ (P10["V"] @ S10[("h", T10)] - y10)
prod_f = np.prod([S10[("f", k)] for k in range(3, T10 + 1)], axis=0)
claimed = dLdh10 * S10[("o", T10)] * (1 - np.tanh(S10[("c", T10)]) ** 2) * prod_f
ok110 = close(claimed, true_dc2)
record(110, ok110, "rel.err %.3g" % (np.max(np.abs(claimed - true_dc2)) / np.max(np.abs(true_dc2))))
record(114, ok110, "same product with dc_t/dc_{t-1} = f_t")
# control: with the recurrent weights U = 0 (no h -> gates path) the product IS the exact gradient,
# i.e. the formula is the cell-state-path contribution only.
P0 = {k: (np.zeros_like(v) if k.startswith("U") else v) for k, v in P10.items()}
S0 = run(P0, xs10, h0b, c0b)
L10b = lambda S_: 0.5 * np.sum((P0["V"] @ S_[("h", T10)] - y10) ** 2)
t0 = adjoint(L10b, P0, xs10, h0b, c0b, "c", 2)
cl0 = (P0["V"].T @ (P0["V"] @ S0[("h", T10)] - y10)) * S0[("o", T10)] * (1 - np.tanh(S0[("c", T10)]) ** 2) \
      * np.prod([S0[("f", k)] for k in range(3, T10 + 1)], axis=0)
print("control (U=0): product equals FD gradient:", close(cl0, t0))

# ---------------- numeric claims ----------------
record(124, abs(0.95 ** 8 - 0.663) < 5e-4, "0.95^8 = %.5f" % 0.95 ** 8)
record(162, abs(0.95 ** 8 - 0.663) < 5e-4)
record(134, abs(0.25 ** 8 - 1.5e-5) < 0.05e-5, "0.25^8 = %.4g" % 0.25 ** 8)
record(163, round(0.25 ** 8, 5) == 0.00002, "0.25^8 rounded to 5 decimals")
zz = np.linspace(-20, 20, 400001)
record(132, np.max(sig(zz) * (1 - sig(zz))) <= 0.25 + 1e-15)

# ---------------- compare with expected.json ----------------
bad = 0
for ln in sorted(set(int(k) for k in EXP) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln, (None, ""))
    print("line %d: expected %s, numeric %s %s" % (ln, exp, got[0], got[1]))
    if exp is None or got[0] is None or exp != got[0]:
        bad += 1
print("mismatches:", bad)
sys.exit(1 if bad else 0)
