"""Finite-difference / exact-value check of ko_hongseoi_dlfs2_lstm_numeric_exercise.md.

DLfS2 LSTM layer, row vectors, A = x Wx + h_prev Wh + b, slices [f, g, i, o],
c = f*c_prev + g*i, h = o*tanh(c).  The exercise gives the upstream gradients
dh_t, dc_t; we use the surrogate loss L = dh_t . h_t + dc_t . c_t so that
dL/dh_t = dh_t and dL/dc_t = dc_t exactly as in the exercise.
Exit 0 only if every checked line agrees with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "ko_hongseoi_dlfs2_lstm_numeric_exercise.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]

sig = lambda a: 1.0 / (1.0 + np.exp(-a))
log = np.log
E = np.e
tanh1 = (E**2 - 1) / (E**2 + 1)

I2 = np.eye(2)
Wh1 = np.array([[1.0, 0.0], [0.0, -1.0]])
Wx = np.hstack([I2] * 4)          # [f g i o]
Wh = np.hstack([Wh1] * 4)
b = np.zeros(8)
x = np.array([log(2), 0.0])
h_prev = np.array([0.0, log(3)])
c_prev = np.array([9 / 10, 4 / 5])
dh_t = np.array([0.0, 4.0])
dc_t = np.array([30.0, 19.0])
H = 2


def forward(x, h_prev, c_prev, A_shift=None, gate_shift=None, c_shift=None):
    A = x @ Wx + h_prev @ Wh + b
    if A_shift is not None:
        A = A + A_shift
    f, g, i, o = sig(A[:H]), np.tanh(A[H:2 * H]), sig(A[2 * H:3 * H]), sig(A[3 * H:])
    if gate_shift is not None:
        f, g, i, o = f + gate_shift[0], g + gate_shift[1], i + gate_shift[2], o + gate_shift[3]
    c = f * c_prev + g * i
    if c_shift is not None:
        c = c + c_shift
    h = o * np.tanh(c)
    return dict(A=A, f=f, g=g, i=i, o=o, c=c, h=h)


def L(**kw):
    r = forward(**kw)
    return dh_t @ r["h"] + dc_t @ r["c"]


def grad(fun, shape, eps=1e-6):
    out = np.zeros(shape)
    for k in range(out.size):
        e = np.zeros(shape); e.flat[k] = eps
        out.flat[k] = (fun(e) - fun(-e)) / (2 * eps)
    return out


base = dict(x=x, h_prev=h_prev, c_prev=c_prev)
r = forward(**base)
f, g, i, o, c, h = r["f"], r["g"], r["i"], r["o"], r["c"], r["h"]

num = {}
num["ds"] = grad(lambda e: L(**base, c_shift=e), (H,))
num["dc_prev"] = grad(lambda e: L(x=x, h_prev=h_prev, c_prev=c_prev + e), (H,))
num["dA"] = grad(lambda e: L(**base, A_shift=e), (4 * H,))
zero = np.zeros(H)
num["df"] = grad(lambda e: L(**base, gate_shift=(e, zero, zero, zero)), (H,))
num["dg"] = grad(lambda e: L(**base, gate_shift=(zero, e, zero, zero)), (H,))
num["di"] = grad(lambda e: L(**base, gate_shift=(zero, zero, e, zero)), (H,))
num["do"] = grad(lambda e: L(**base, gate_shift=(zero, zero, zero, e)), (H,))

ok = lambda a, b_: bool(np.allclose(np.asarray(a, float), np.asarray(b_, float), atol=1e-6))
checks = {}
# givens / definitions (line -> True if consistent)
checks[5] = ok(Wx[:, :2], I2) and ok(Wx[:, 6:], I2)
checks[6] = ok(Wh[:, 2:4], Wh1)
checks[7] = ok(b, 0)
checks[16] = ok(x, [log(2), 0]) and ok(c_prev, [0.9, 0.8])
checks[24] = ok(x @ I2 + h_prev @ Wh1, [log(2), -log(3)])
checks[35] = ok(f, [2 / 3, 1 / 4]) and ok(i, f) and ok(o, f) and ok([1 / (1 + np.exp(-log(2))), 1 / (1 + np.exp(log(3)))], [2 / 3, 1 / 4])
checks[40] = ok(g, [3 / 5, -4 / 5])
checks[47] = ok(f * c_prev, [3 / 5, 1 / 5])
checks[54] = ok(i * g, [2 / 5, -1 / 5])
checks[60] = ok(c, [1, 0])
checks[66] = ok(h, [2 / 3 * tanh1, 0]) and ok(np.tanh(c), [tanh1, 0])
checks[74] = True  # given upstream gradients (used as the surrogate loss weights)
# backward
checks[86] = ok(dc_t + o * dh_t * (1 - np.tanh(c) ** 2), num["ds"])
# line 87 writes the factor (1 - tanh^2 c_t) as [1 - tanh(1), 1]: compare the factor itself
written_factor = np.array([1 - tanh1, 1.0])
true_factor = 1 - np.tanh(c) ** 2
checks[87] = ok(written_factor, true_factor)
checks[88] = ok([30, 20], num["ds"])
checks[95] = ok([20, 5], num["dc_prev"]) and ok(num["ds"] * f, num["dc_prev"])
checks[104] = ok([27, 16], num["df"])
checks[111] = ok([20, 5], num["dg"])
checks[118] = ok([18, -16], num["di"])
checks[124] = ok([0, 0], num["do"])
checks[133] = ok([6, 3], num["dA"][:H]) and ok(f * (1 - f) * [27, 16], [6, 3])
checks[134] = ok([64 / 5, 9 / 5], num["dA"][H:2 * H])
checks[135] = ok([4, -3], num["dA"][2 * H:3 * H])
checks[136] = ok([0, 0], num["dA"][3 * H:])
checks[142] = ok([6, 3, 64 / 5, 9 / 5, 4, -3, 0, 0], num["dA"])
# code cells (DLfS2 LSTM: params Wx, Wh, b stacked [f g i o])
Wx_code = np.array([[1, 0, 1, 0, 1, 0, 1, 0, ], [0, 1, 0, 1, 0, 1, 0, 1]])
Wh_code = np.array([[1, 0, 1, 0, 1, 0, 1, 0, ], [0, -1, 0, -1, 0, -1, 0, -1]])
checks[160] = ok(Wx_code, Wx)
checks[161] = ok(Wh_code, Wh)
checks[162] = ok(np.zeros(8), b)
checks[164] = checks[160] and checks[161]
checks[168] = ok(np.array([[np.array(np.log(2)), 0]]), x[None])
checks[169] = ok(np.array([[0, np.log(3)]]), h_prev[None])
checks[170] = ok(np.array([[9 / 10, 4 / 5]]), c_prev[None])
checks[172] = ok(h, [2 / 3 * tanh1, 0]) and ok(c, [1, 0])
checks[185] = ok(np.array([[0, 4]]), dh_t[None])
checks[186] = ok(np.array([[30, 19]]), dc_t[None])
checks[188] = ok(num["dc_prev"], [20, 5])

bad = 0
for line in sorted(EXP, key=int):
    exp = EXP[line]["expected"]
    ln = int(line)
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
