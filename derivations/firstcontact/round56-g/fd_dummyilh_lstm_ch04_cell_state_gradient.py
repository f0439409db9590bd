"""Finite-difference check of dummyilh_lstm_ch04_cell_state_gradient.md (dummy-ilh/MINE LSTM/Chapter_04).

numpy only, float64, central differences. Exit 0 iff every checked line agrees with expected.json.
Author's scalar LSTM (parameters of the curriculum's Chapter 3 / Chapter 10 code) and the scalar vanilla RNN
of the RNN curriculum (W_xh=0.5, W_hh=0.8, b_h=0.1, x=[1,2,3]) for the numbers; random vector LSTM for the
direct-path statements. Numbers: tolerance 2% relative (the author rounds h and gates to 3 digits).
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "dummyilh_lstm_ch04_cell_state_gradient.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(4)
EPS = 1e-6
results = {}


def record(line, ok, note=""):
    results[str(line)] = ("pass" if ok else "fail", note)


def near(stated, exact, rtol=0.02, atol=0.0):
    return abs(stated - exact) <= max(atol, rtol * abs(exact))


def fd(f, x):
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x))
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += EPS
        xm = x.copy(); xm[idx] -= EPS
        J[(Ellipsis,) + idx] = (np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * EPS)
    return J


sig = lambda z: 1 / (1 + np.exp(-z))

# ---- scalar vanilla RNN (RNN curriculum) ----
x = [1.0, 2.0, 3.0]


def rnn_from(k, hk):
    """h_3 as a function of h_k (k = 0..3)."""
    h = hk
    for t in range(k, 3):
        h = np.tanh(0.5 * x[t] + 0.8 * h + 0.1)
    return h


hs = [0.0]
for t in range(3):
    hs.append(np.tanh(0.5 * x[t] + 0.8 * hs[-1] + 0.1))
one_step_ok = all(abs(fd(lambda v, k=k: np.tanh(0.5 * x[k] + 0.8 * v + 0.1), hs[k]) - (1 - hs[k + 1] ** 2) * 0.8) < 1e-8
                  for k in range(3))
dh3_dh0 = float(fd(lambda v: rnn_from(0, v), 0.0))
record(6, one_step_ok and near(0.00236, dh3_dh0), "FD dh_3/dh_0 = %.5f" % dh3_dh0)

# ---- author's scalar LSTM forward ----
W = dict(xf=0.5, hf=0.3, bf=0.1, xi=0.4, hi=0.2, bi=0.0, xc=0.5, hc=0.8, bc=0.1, xo=0.6, ho=0.4, bo=0.0)
h, c = 0.0, 0.0
fs = []
for xt in x:
    f = sig(W["xf"] * xt + W["hf"] * h + W["bf"])
    i = sig(W["xi"] * xt + W["hi"] * h + W["bi"])
    ct = np.tanh(W["xc"] * xt + W["hc"] * h + W["bc"])
    c = f * c + i * ct
    o = sig(W["xo"] * xt + W["ho"] * h + W["bo"])
    h = o * np.tanh(c)
    fs.append(f)
prodf = float(np.prod(fs))
record(28, all(abs(a - b) < 5e-4 for a, b in zip([0.646, 0.761, 0.853], fs)), "f = %s" % np.round(fs, 5))
record(30, abs(0.4195 - prodf) < 5e-4 and abs(0.646 * 0.761 * 0.853 - 0.4195) < 5e-4, "prod f = %.5f" % prodf)
factors = [(1 - hs[k] ** 2) * 0.8 for k in range(1, 4)]
record(34, all(near(a, b) for a, b in zip([0.570, 0.138, 0.030], factors)) and
       all(abs(a - b) < 5e-4 for a, b in zip([0.646, 0.761, 0.853], fs)), "rnn factors %s" % np.round(factors, 4))
record(35, near(0.00236, dh3_dh0) and near(0.4195, prodf))
record(36, abs(100 * 0.00236 - 0.2) < 0.05 and abs(100 * 0.4195 - 42) < 0.5)
record(38, near(178, prodf / dh3_dh0) and abs(0.4195 / 0.00236 - 178) < 0.5, "exact ratio %.1f" % (prodf / dh3_dh0))
record(46, abs(0.15 ** 3 - 0.0034) < 5e-5 and abs(0.95 ** 3 - 0.857) < 5e-4)
record(47, near(5.8e-9, 0.15 ** 10, rtol=0.01) and abs(0.95 ** 10 - 0.599) < 5e-4)
record(48, abs(0.95 ** 50 - 0.077) < 5e-4)
record(50, abs(0.99 ** 50 - 0.605) < 5e-4)

# ---- direct-path statements on a random vector LSTM ----
dh, dx, T = 3, 2, 5
P = {g: (rng.normal(size=(dh, dx)) * 0.7, rng.normal(size=(dh, dh)) * 0.7, rng.normal(size=dh) * 0.3) for g in "fico"}
xs = rng.normal(size=(T + 1, dx))


def gates(xv, hv):
    a = {g: P[g][0] @ xv + P[g][1] @ hv + P[g][2] for g in "fico"}
    return sig(a["f"]), sig(a["i"]), np.tanh(a["c"]), sig(a["o"])


H = [rng.normal(size=dh) * 0.5]; Cs = [rng.normal(size=dh)]; F = [None]
for t in range(1, T + 1):
    f, i, ct, o = gates(xs[t], H[-1])
    Cs.append(f * Cs[-1] + i * ct)          # line 12
    H.append(o * np.tanh(Cs[-1]))
    F.append(f)
record(12, np.allclose(Cs[1], F[1] * Cs[0] + gates(xs[1], H[0])[1] * gates(xs[1], H[0])[2]), "definition")

# line 16: immediate partial with h_{t-1} fixed
t0 = 3
J1 = fd(lambda cv: (lambda g: g[0] * cv + g[1] * g[2])(gates(xs[t0], H[t0 - 1])), Cs[t0 - 1])
record(16, np.allclose(J1, np.diag(F[t0]), atol=1e-8))

# line 22: chaining the direct path over n steps (h's held at their forward values) = prod_{s=t-n+1}^{t} f_s
t, n = 5, 3


def c_direct(cv):
    for s in range(t - n + 1, t + 1):
        f, i, ct, _ = gates(xs[s], H[s - 1])
        cv = f * cv + i * ct
    return cv


Jn = fd(c_direct, Cs[t - n])
record(22, np.allclose(Jn, np.diag(np.prod([F[s] for s in range(t - n + 1, t + 1)], axis=0)), atol=1e-8))

bad = 0
for line in sorted(EXP, key=int):
    exp = EXP[line]["expected"]
    if line not in results:
        print(f"line {line}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    got, note = results[line]
    flag = "" if got == exp else "   <-- MISMATCH"
    print(f"line {line}: expected {exp}, numeric {got}" + (f"  ({note})" if note else "") + flag)
    bad += got != exp
extra = set(results) - set(EXP)
if extra:
    print("checked but not annotated:", sorted(extra, key=int)); bad += len(extra)
print("mismatches:", bad)
sys.exit(1 if bad else 0)
