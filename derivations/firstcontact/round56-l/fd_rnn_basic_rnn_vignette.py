"""Finite-difference check of rnn_basic_rnn_vignette.md (bquast/rnn vignette basic_rnn.Rmd, R port of the
binary-addition RNN).  numpy only, float64.

layer_1 = sig(X W0 + h_{t-1} Wh), layer_2 = sig(layer_1 W1) (no biases), loss L = 1/2 sum_t (y_t - layer_2_t)^2.
layer_2_error = y - layer_2 and all *_delta / *_update are NEGATIVE gradients; the weights are changed by
W <- W + alpha * update (gradient descent).  The R 1-based row arithmetic of the stores (layer_1_values has
binary_dim + 1 rows, row 1 = h_0; layer_2_deltas has a dummy 0 in row 1) is reproduced literally to check the
retrieval lines.  Each line is evaluated with correct inputs at every position.  T = 5, input 2, hidden 4, output 1.
"""
import sys, json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["rnn_basic_rnn_vignette.md"]

rng = np.random.default_rng(5603)
T, m, H = 5, 2, 4
A = rng.integers(0, 2, size=T).astype(float); B = rng.integers(0, 2, size=T).astype(float)
Yb = rng.integers(0, 2, size=T).astype(float)
W0 = rng.uniform(-1, 1, size=(m, H)); Wh = rng.uniform(-1, 1, size=(H, H)); W1 = rng.uniform(-1, 1, size=(H, 1))
alpha = 0.5
sigmoid = lambda x: 1 / (1 + np.exp(-x))
sig_to_der = lambda x: x * (1 - x)


def fwd(eps=None):
    eps = eps or {}
    hp = np.zeros((1, H)); L = 0.0; rec = []
    for t in range(T):
        E = lambda n: eps.get((n, t), 0.0)
        X = np.array([[A[t], B[t]]])
        a1 = X @ (W0 + E("W0")) + (hp + E("hp")) @ (Wh + E("Wh")) + E("a1")
        l1 = sigmoid(a1) + E("l1")
        a2 = l1 @ (W1 + E("W1")) + E("a2")
        l2 = sigmoid(a2) + E("l2")
        L += 0.5 * np.sum((Yb[t] - l2) ** 2)
        rec.append(dict(X=X, hp=hp, a1=a1, l1=l1, a2=a2, l2=l2))
        hp = l1
    return L, rec


def G(name, t, shape, d=1e-6, all_t=False):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = d
        ts = range(T) if all_t else [t]
        out[idx] = (fwd({(name, s): e for s in ts})[0] - fwd({(name, s): -e for s in ts})[0]) / (2 * d)
    return out


L0, R = fwd()
N = {t: {k: -G(k, t, s) for k, s in [("a1", (1, H)), ("l1", (1, H)), ("hp", (1, H)), ("a2", (1, 1)), ("l2", (1, 1)),
                                        ("W0", (m, H)), ("Wh", (H, H)), ("W1", (H, 1))]} for t in range(T)}
TOT = {k: -G(k, 0, s, all_t=True) for k, s in [("W0", (m, H)), ("Wh", (H, H)), ("W1", (H, 1))]}
ZH = np.zeros((1, H))
fut = lambda t: N[t + 1]["a1"] if t + 1 < T else ZH
# the R stores, literally (row 1 of layer_1_values = h_0, row 1 of layer_2_deltas = dummy 0)
layer_1_values = np.vstack([ZH] + [R[t]["l1"] for t in range(T)])
layer_2_deltas = np.vstack([np.zeros((1, 1))] + [N[t]["a2"] for t in range(T)])
binary_dim = T
row = lambda M, r1: M[r1 - 1:r1]     # R 1-based row -> 1 x ncol


def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= 1e-5 * (1 + np.max(np.abs(b)))


def per_t(fn):
    return all(close(*fn(t)) for t in range(T))


z = np.linspace(-3, 3, 13)
checks = {}
checks[40] = lambda: close(sigmoid(z), 1 / (1 + np.exp(-z)))
checks[44] = lambda: close(sig_to_der(sigmoid(z)), np.array([(sigmoid(v + 1e-6) - sigmoid(v - 1e-6)) / 2e-6 for v in z]))
checks[72] = lambda: close(np.zeros((m, H)), TOT["W0"] * 0)
checks[73] = lambda: close(np.zeros((H, H)), TOT["Wh"] * 0)
checks[74] = lambda: close(np.zeros((H, 1)), TOT["W1"] * 0)
checks[93] = lambda: close(layer_2_deltas[0], np.zeros(1))
checks[94] = lambda: close(ZH, R[0]["hp"])
checks[99] = lambda: per_t(lambda t: (np.array([[A[t], B[t]]]), R[t]["X"]))
checks[100] = lambda: close(Yb, np.array([Yb[t] for t in range(T)]))
# forward: layer_1_values[dim(layer_1_values)[1],] is the last stored row = h_{t-1}
checks[103] = lambda: per_t(lambda t: (sigmoid(R[t]["X"] @ W0 + row(layer_1_values, t + 1) @ Wh), R[t]["l1"]))
checks[107] = lambda: per_t(lambda t: (sigmoid(R[t]["l1"] @ W1), R[t]["l2"]))
checks[110] = lambda: per_t(lambda t: (Yb[t] - R[t]["l2"], N[t]["l2"]))
checks[111] = lambda: per_t(lambda t: (N[t]["l2"] * sig_to_der(R[t]["l2"]), N[t]["a2"]))
checks[112] = lambda: close(sum(abs(Yb[t] - R[t]["l2"][0, 0]) for t in range(T)), np.sum(np.abs(Yb - np.array([R[t]["l2"][0, 0] for t in range(T)]))))
checks[115] = lambda: per_t(lambda t: (np.round(R[t]["l2"]), np.round(R[t]["l2"])))
checks[118] = lambda: all(close(row(layer_1_values, t + 2), R[t]["l1"]) for t in range(T))
checks[121] = lambda: close(ZH, fut(T - 1))
checks[124] = lambda: per_t(lambda t: (np.array([[A[t], B[t]]]), R[t]["X"]))
nrow = binary_dim + 1
checks[125] = lambda: per_t(lambda t: (row(layer_1_values, nrow - (binary_dim - (t + 1))), R[t]["l1"]))
checks[126] = lambda: per_t(lambda t: (row(layer_1_values, nrow - ((binary_dim - (t + 1)) + 1)), R[t]["hp"]))
checks[129] = lambda: per_t(lambda t: (row(layer_2_deltas, nrow - (binary_dim - (t + 1))), N[t]["a2"]))
checks[131] = lambda: per_t(lambda t: ((fut(t) @ Wh.T + N[t]["a2"] @ W1.T) * sig_to_der(R[t]["l1"]), N[t]["a1"]))
checks[135] = lambda: per_t(lambda t: (R[t]["l1"].T @ N[t]["a2"], N[t]["W1"]))
checks[136] = lambda: per_t(lambda t: (R[t]["hp"].T @ N[t]["a1"], N[t]["Wh"]))
checks[137] = lambda: per_t(lambda t: (R[t]["X"].T @ N[t]["a1"], N[t]["W0"]))
checks[139] = lambda: per_t(lambda t: (N[t]["a1"] @ Wh.T, N[t]["hp"]))
# weight step: accumulated updates = sum of step pieces = -dL/dW; W + alpha*update = W - alpha*dL/dW
checks[142] = lambda: close(W0 + sum(N[t]["W0"] for t in range(T)) * alpha, W0 - alpha * (-TOT["W0"]))
checks[143] = lambda: close(W1 + sum(N[t]["W1"] for t in range(T)) * alpha, W1 - alpha * (-TOT["W1"]))
checks[144] = lambda: close(Wh + sum(N[t]["Wh"] for t in range(T)) * alpha, Wh - alpha * (-TOT["Wh"]))
checks[146] = lambda: close(TOT["W0"] * 0, np.zeros((m, H)))
checks[147] = lambda: close(TOT["W1"] * 0, np.zeros((H, 1)))
checks[148] = lambda: close(TOT["Wh"] * 0, np.zeros((H, H)))

ok_all = True
for ln in sorted(int(k) for k in EXP):
    exp = EXP[str(ln)]["expected"]
    if ln not in checks:
        print(f"line {ln}: expected {exp}, numeric n/a"); continue
    num = "pass" if checks[ln]() else "fail"
    flag = "" if num == exp else "   <-- MISMATCH"
    ok_all &= (num == exp)
    print(f"line {ln}: expected {exp}, numeric {num}{flag}")
unannotated = sorted(set(checks) - set(int(k) for k in EXP))
if unannotated:
    print("checked but not annotated:", unannotated); ok_all = False
sys.exit(0 if ok_all else 1)
