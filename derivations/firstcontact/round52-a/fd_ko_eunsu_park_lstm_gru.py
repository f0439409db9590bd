"""Finite-difference check of ko_eunsu_park_lstm_gru.md (numpy only, float64).

Conventions: column vectors; Jacobian dA/dB has entry [i, j] = dA_i/dB_j; dL/dh is a row vector;
L depends on h_0 only through h_T (loss on the last hidden state, L = 1/2||h_T - y||^2 here);
W_f etc. act on the concatenation [h_{t-1}, x_t]; the line 60 derivative is the partial with
h_{t-1} and x_t held fixed (no path c_{t-1} -> h_{t-1} -> gates).
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["ko_eunsu_park_lstm_gru.md"]
rng = np.random.default_rng(7)
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

# ---- vanilla RNN (lines 12, 13, 15) ----
H, X, T = 3, 2, 4
Wh = rng.normal(scale=0.8, size=(H, H)); Wx = rng.normal(size=(H, X)); b = rng.normal(size=H)
xs = rng.normal(size=(T + 1, X)); y = rng.normal(size=H)
def run(h0):
    hs = [h0]
    for t in range(1, T + 1):
        hs.append(np.tanh(Wh @ hs[-1] + Wx @ xs[t] + b))
    return hs
h0 = rng.normal(size=H); hs = run(h0)
L = lambda hT: 0.5 * np.sum((hT - y) ** 2)
# line 15: dh_t/dh_{t-1} = diag(1 - tanh^2(.)) W_h
def step(hp_, t): return np.tanh(Wh @ hp_ + Wx @ xs[t] + b)
J = {}
for t in range(1, T + 1):
    num = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = EPS
        num[:, j] = (step(hs[t - 1] + e, t) - step(hs[t - 1] - e, t)) / (2 * EPS)
    J[t] = np.diag(1 - hs[t] ** 2) @ Wh
    record(15, close(J[t], num), "Jacobian at t=%d" % t)
# FD of dL/dh_0
g0 = np.zeros(H)
for j in range(H):
    e = np.zeros(H); e[j] = EPS
    g0[j] = (L(run(h0 + e)[T]) - L(run(h0 - e)[T])) / (2 * EPS)
dLdhT = hs[T] - y
# line 12: dL/dh_T . J_T . J_{T-1} ... J_1
p = dLdhT.copy()
for t in range(T, 0, -1):
    p = p @ J[t]
record(12, close(p, g0), "row gradient times J_T...J_1")
# line 13: same ordered product written with Pi (read with the order of line 12)
asc = dLdhT.copy()
for t in range(1, T + 1):
    asc = asc @ J[t]
record(13, close(p, g0), "Pi read as J_T...J_1 (ascending-order reading J_1...J_T would give max err %.3g)"
       % np.max(np.abs(asc - g0)))

# ---- LSTM (line 60) ----
Hc, Xc = 3, 2
Wf, Wi, Wc, Wo = rng.normal(size=(4, Hc, Hc + Xc)); bf, bi, bc, bo = rng.normal(size=(4, Hc))
sig = lambda z: 1 / (1 + np.exp(-z))
hprev, xt, cprev = rng.normal(size=Hc), rng.normal(size=Xc), rng.normal(size=Hc)
def cstep(c_prev):
    z = np.concatenate([hprev, xt])
    f = sig(Wf @ z + bf); i = sig(Wi @ z + bi); ct = np.tanh(Wc @ z + bc)
    return f * c_prev + i * ct, f
c, f = cstep(cprev)
num = np.zeros((Hc, Hc))
for j in range(Hc):
    e = np.zeros(Hc); e[j] = EPS
    num[:, j] = (cstep(cprev + e)[0] - cstep(cprev - e)[0]) / (2 * EPS)
record(60, close(np.diag(f), num), "partial dc_t/dc_{t-1} (h_{t-1}, x_t fixed) = diag(f_t)")

ok = True
for line in sorted(EXP, key=int):
    exp = EXP[line]["expected"]
    if int(line) in results:
        got, det = results[int(line)]
        ok &= got == exp
        print("line %s: expected %s, numeric %s  [%s] %s" % (line, exp, got, "OK" if got == exp else "MISMATCH", det))
    else:
        print("line %s: expected %s, numeric n/a (definition)" % (line, exp))
for line in results:
    if str(line) not in EXP:
        print("line %d checked but not in expected.json" % line); ok = False
sys.exit(0 if ok else 1)
