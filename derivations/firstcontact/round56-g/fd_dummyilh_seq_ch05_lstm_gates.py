"""Finite-difference check of dummyilh_seq_ch05_lstm_gates.md (dummy-ilh/MINE Sequential models/Chapter_05).

numpy only, float64, central differences, random column-layout LSTM / vanilla RNN instances.
Exit 0 iff every checked line agrees with expected.json.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "dummyilh_seq_ch05_lstm_gates.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(5)
EPS = 1e-6
results = {}


def record(line, ok, note=""):
    results[str(line)] = ("pass" if ok else "fail", note)


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
dh, dx = 3, 2
P = {k: rng.normal(size=(dh, dx)) * 0.7 for k in ["W_xf", "W_xi", "W_xo", "W_xc"]}
P.update({k: rng.normal(size=(dh, dh)) * 0.7 for k in ["W_hf", "W_hi", "W_ho", "W_hc"]})
P.update({k: rng.normal(size=dh) * 0.3 for k in ["b_f", "b_i", "b_o", "b_c"]})
x_t = rng.normal(size=dx); h_prev = rng.normal(size=dh) * 0.6; C_prev = rng.normal(size=dh)


def cell(x, h, C):
    f = sig(P["W_xf"] @ x + P["W_hf"] @ h + P["b_f"])          # line 31
    i = sig(P["W_xi"] @ x + P["W_hi"] @ h + P["b_i"])          # line 32
    o = sig(P["W_xo"] @ x + P["W_ho"] @ h + P["b_o"])          # line 33
    Ct = np.tanh(P["W_xc"] @ x + P["W_hc"] @ h + P["b_c"])      # line 40
    Cn = f * C + i * Ct                                         # line 49
    hn = o * np.tanh(Cn)                                        # line 57
    return f, i, o, Ct, Cn, hn


f, i, o, Ct, Cn, hn = cell(x_t, h_prev, C_prev)

# definitions: the six equations give a working cell (gates in (0,1), candidate in [-1,1], shapes)
defs_ok = (f.shape == i.shape == o.shape == Cn.shape == (dh,) and np.all((f > 0) & (f < 1)) and np.all(np.abs(Ct) <= 1)
           and np.allclose(hn, o * np.tanh(f * C_prev + i * Ct)))
for line in [31, 32, 33, 40, 49, 57]:
    record(line, defs_ok, "definition")

# direct-path partial dC_t/dC_{t-1} (h_{t-1} held fixed) = diag(f_t)
J_CC = fd(lambda c: cell(x_t, h_prev, c)[4], C_prev)
direct_ok = np.allclose(J_CC, np.diag(f), atol=1e-8)
# the secondary path exists: through h_{t-1} = o_{t-1} tanh(C_{t-1}) (previous step) the total derivative differs
o_prev = sig(rng.normal(size=dh))
J_tot = fd(lambda c: cell(x_t, o_prev * np.tanh(c), c)[4], C_prev)
secondary_exists = not np.allclose(J_tot, np.diag(f), atol=1e-6)
record(13, direct_ok, "immediate partial = diag(f_t); '~' covers the h_{t-1} path")
record(66, direct_ok and secondary_exists, "diag(f_t) exactly; total via h_{t-1} differs by %.3g" % np.abs(J_tot - np.diag(f)).max())
record(71, direct_ok)

# line 92: f = 1, i = 0 -> C_t = C_{t-1}, dC_t/dC_{t-1} = 1 (gates as given values)
Cn2 = lambda c: 1.0 * c + 0.0 * Ct
record(92, np.allclose(Cn2(C_prev), C_prev) and np.allclose(fd(Cn2, C_prev), np.eye(dh)))

# line 105: hypothetical definition h_t = tanh(C_t): nothing to check
record(105, True, "hypothetical definition")

# vanilla RNN of line 22 and the Jacobian claim of line 69
Wxh = rng.normal(size=(dh, dx)); Whh = rng.normal(size=(dh, dh)); b = rng.normal(size=dh) * 0.3
rnn = lambda h: np.tanh(Wxh @ x_t + Whh @ h + b)                                 # line 22
h_t = rnn(h_prev)
record(22, np.all(np.abs(h_t) < 1) and h_t.shape == (dh,), "definition")
J = fd(rnn, h_prev)
right = np.diag(1 - h_t ** 2) @ Whh
claim_ht = Whh @ np.diag(1 - h_t ** 2)
claim_hprev = Whh @ np.diag(1 - h_prev ** 2)
ok69 = np.allclose(J, claim_ht, atol=1e-7) or np.allclose(J, claim_hprev, atol=1e-7)
record(69, ok69, "max|J - W diag(1-h_t^2)| = %.3g, max|J - diag(1-h_t^2) W| = %.1e"
       % (np.abs(J - claim_ht).max(), np.abs(J - right).max()))

# parameter counts 79 / 81
ok79 = ok81 = True
for (d_h, d_x) in [(3, 2), (64, 10), (128, 300)]:
    lstm_n = 4 * (d_h * d_x + d_h * d_h + d_h)
    rnn_n = d_h * d_x + d_h * d_h + d_h
    arrays = [np.zeros((d_h, d_x))] * 4 + [np.zeros((d_h, d_h))] * 4 + [np.zeros(d_h)] * 4
    ok79 &= sum(a.size for a in arrays) == lstm_n
    ok81 &= sum(a.size for a in [np.zeros((d_h, d_x)), np.zeros((d_h, d_h)), np.zeros(d_h)]) == rnn_n and lstm_n == 4 * rnn_n
record(79, ok79)
record(81, ok81)

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
