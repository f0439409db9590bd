"""Finite-difference check of derekz_cs6180_lstm_intro.md (numpy only, float64).

Conventions: column vectors, W_k (H x (H+X)) acts on the concatenation [h_{t-1}, x_t];
line 43 is read as the direct partial of C_t w.r.t. C_{t-1} (h_{t-1}, x_t held fixed), a diagonal
Jacobian written element-wise as f_t. Forward lines 9-36 are definitions (checked only for shape
consistency). Lines 60-61 count parameters of one layer (weights + biases).
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "derekz_cs6180_lstm_intro.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(5)
EPS, TOL = 1e-6, 1e-7
results = {}
def record(line, ok, det=""):
    results[line] = ("pass" if ok else "fail", det)

sig = lambda z: 1 / (1 + np.exp(-z))
H, X = 4, 3
W = {k: rng.normal(size=(H, H + X)) for k in "fiCo"}
b = {k: rng.normal(size=H) for k in "fiCo"}
h_prev, x, C_prev = rng.normal(size=H), rng.normal(size=X), rng.normal(size=H)
z = np.concatenate([h_prev, x])
f = sig(W["f"] @ z + b["f"]); record(9, f.shape == (H,), "definition")
i = sig(W["i"] @ z + b["i"]); record(17, i.shape == (H,), "definition")
Ct = np.tanh(W["C"] @ z + b["C"]); record(18, Ct.shape == (H,), "definition")
o = sig(W["o"] @ z + b["o"]); record(26, o.shape == (H,), "definition")
cell = lambda Cp: f * Cp + i * Ct
C = cell(C_prev); record(30, C.shape == (H,), "definition")
h = o * np.tanh(C); record(36, h.shape == (H,), "definition")
J = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = EPS
    J[:, j] = (cell(C_prev + e) - cell(C_prev - e)) / (2 * EPS)
record(43, np.max(np.abs(J - np.diag(f))) < TOL, "direct partial = diag(f_t)")
# parameter counts
for hh, dd in [(64, 32), (256, 300), (1024, 512)]:
    rnn = hh * hh + hh * dd + hh
    lstm = 4 * (hh * hh + hh * dd + hh)
    ok60 = rnn / (hh * hh + hh * dd) < 1.05
    ok61 = lstm / (4 * (hh * hh + hh * dd)) < 1.05 and abs(lstm / rnn - 4) < 1e-12
    record(60, ok60 and results.get(60, ("pass",))[0] == "pass", "rnn=%d" % rnn)
    record(61, ok61 and results.get(61, ("pass",))[0] == "pass", "lstm=%d" % lstm)

bad = 0
for ln in sorted(set(int(k) for k in EXP) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln, (None, ""))
    print("line %d: expected %s, numeric %s %s" % (ln, exp, got[0], got[1]))
    if exp is None or got[0] is None or exp != got[0]:
        bad += 1
print("mismatches:", bad)
sys.exit(1 if bad else 0)
