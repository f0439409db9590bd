"""Finite-difference / exact-value check of ko_hongseoi_dlfs2_rnn_numeric_exercise.md.

DLfS2 RNN layer, row vectors: h_t = tanh(x_t Wx + h_{t-1} Wh + b), h_{-1} = 0.
The exercise gives dL/dh_1 = [125/16, 0] (sum of both upstream gradients); we use
the surrogate loss L = g1 . h_1 and differentiate THROUGH THE t=1 STEP ONLY
(h_0 held as a leaf), which is what the exercise's graph (one RNN layer at t=1) asks.
Exit 0 only if every checked line agrees with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "ko_hongseoi_dlfs2_rnn_numeric_exercise.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
log = np.log

Wx = np.array([[log(2), log(2)], [log(4), log(6)]])
Wh = np.array([[-5 * log(2), -5 * log(3)], [5 * log(2), 5 * log(3)]])
b = np.zeros(2)
x0 = np.array([-1.0, 1.0]); x1 = np.array([2.0, -1.0])
g1 = np.array([125 / 16, 0.0])

h0 = np.tanh(x0 @ Wx + b)
h1 = np.tanh(x1 @ Wx + h0 @ Wh + b)


def L_step(Wx_=Wx, Wh_=Wh, b_=b, h0_=h0, x1_=x1):
    return g1 @ np.tanh(x1_ @ Wx_ + h0_ @ Wh_ + b_)


def grad(fun, arr, eps=1e-6):
    out = np.zeros(arr.shape)
    for k in range(arr.size):
        e = np.zeros(arr.shape); e.flat[k] = eps
        out.flat[k] = (fun(arr + e) - fun(arr - e)) / (2 * eps)
    return out


num_b = grad(lambda v: L_step(b_=v), b)
num_Wh = grad(lambda v: L_step(Wh_=v), Wh)
num_h0 = grad(lambda v: L_step(h0_=v), h0)
num_Wx = grad(lambda v: L_step(Wx_=v), Wx)
num_x1 = grad(lambda v: L_step(x1_=v), x1)
dt = g1 * (1 - h1 ** 2)

ok = lambda a, c: bool(np.allclose(np.asarray(a, float), np.asarray(c, float), atol=1e-6))
checks = {
    4: True, 5: True, 6: True, 19: True,               # given data
    26: ok(x0 @ Wx + b, [log(2), log(3)]),
    32: ok([(np.exp(2 * v) - 1) / (np.exp(2 * v) + 1) for v in (0.3, -1.2)], np.tanh([0.3, -1.2])),
    36: ok(h0, [3 / 5, 4 / 5]),
    45: ok(x1 @ Wx + h0 @ Wh + b, [log(2), log(2)]),
    47: ok(x1 @ Wx, [0, 2 * log(2) - log(6)]) and ok(h0 @ Wh, [log(2), log(3)]),
    48: ok(x1 @ Wx + h0 @ Wh, [log(2), log(2)]),
    54: ok(h1, [3 / 5, 3 / 5]),
    62: True, 76: True,                                  # given upstream gradient
    81: ok(grad(lambda v: np.tanh(v).sum(), np.array([0.4])), 1 - np.tanh(0.4) ** 2),
    85: ok(dt, [5, 0]),
    94: ok(num_b, [5, 0]),
    95: ok(num_Wh, [[3, 0], [4, 0]]) and ok(np.outer(h0, dt), num_Wh),
    97: ok(num_h0, [-25 * log(2), -25 * log(2)]),
    98: ok(num_Wx, [[10, 0], [-5, 0]]),
    100: ok(num_x1, [5 * log(2), 10 * log(2)]),
    # code cells
    114: ok(np.log(np.array([[2, 2], [4, 6]])), Wx),
    115: ok(np.array([[-5 * np.log(2), -5 * np.log(3)], [5 * np.log(2), 5 * np.log(3)]]), Wh),
    116: ok(np.zeros(2), b),
    118: True,
    120: ok(np.array([[-1, 1]]), x0[None]),
    121: ok(np.zeros(2), 0),
    122: ok(np.tanh(np.array([[-1, 1]]) @ Wx + np.zeros(2) @ Wh + b), [[0.6, 0.8]]),
    125: ok(np.array([[2, -1]]), x1[None]),
    126: ok(h1, [0.6, 0.6]),
    131: ok(np.array([[125 / 16, 0]]), g1[None]),
    132: ok(num_h0, dt @ Wh.T) and ok(num_Wh, np.outer(h0, dt)),
}
print("info: numeric dL/dh0 =", num_h0, " (published [-25 log2, -25 log2] =", [-25 * log(2)] * 2, ")")

bad = 0
for line in sorted(EXP, key=int):
    exp = EXP[line]["expected"]; ln = int(line)
    if ln not in checks:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    got = "pass" if checks[ln] else "fail"
    print(f"line {ln}: expected {exp}, numeric {got}")
    bad += got != exp
extra = set(checks) - {int(k) for k in EXP}
if extra:
    print("checked but not annotated:", sorted(extra)); bad += 1
print("mismatches:", bad)
sys.exit(1 if bad else 0)
