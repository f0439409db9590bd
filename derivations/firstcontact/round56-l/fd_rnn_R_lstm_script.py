"""Finite-difference check of rnn_R_lstm_script.md (bquast/rnn vignettes/LSTM.R, hand-written LSTM).

numpy only, float64.  Forward as in the script (row vectors, one sample):
i,f,o = sig(X W0_g + h_{t-1} Wh_g + b_g), c_in = tanh(...), c_t = f c_{t-1} + i c_in, h_t = o tanh(c_t),
y_hat = sig(h_t W1 + b1), loss L = 1/2 sum_t (y_t - y_hat_t)^2.  error = y - y_hat; all *_delta / *_update
are NEGATIVE gradients (weights get W + alpha*update).  layer_1_<g>_delta is meant as -dL/d(pre-activation of
gate g) (it is multiplied by X^T / h_{t-1}^T into the gate's weight updates).  Each line is evaluated with
correct inputs at every position; R's 1-based row arithmetic on the stores is reproduced literally.
T = 5, input 2, hidden 3, output 1.
"""
import sys, json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["rnn_R_lstm_script.md"]

rng = np.random.default_rng(5604)
T, m, H = 5, 2, 3
A = rng.integers(0, 2, size=T).astype(float); B = rng.integers(0, 2, size=T).astype(float)
Yb = rng.integers(0, 2, size=T).astype(float)
GS = "ifoc"                      # script order: i, f, o, c (c = cell input c_in)
W0 = {g: rng.uniform(-1, 1, size=(m, H)) for g in GS}
Wh = {g: rng.uniform(-1, 1, size=(H, H)) for g in GS}
bb = {g: rng.uniform(-1, 1, size=(H,)) for g in GS}
W1 = rng.uniform(-1, 1, size=(H, 1)); b1 = rng.uniform(-1, 1, size=(1,))
alpha = 0.1
sigmoid = lambda x, k=1, x0=0: 1 / (1 + np.exp(-k * (x - x0)))
sod = lambda x: x * (1 - x)
tod = lambda x: 1 - ((np.exp(2 * x) - 1) ** 2 / (np.exp(2 * x) + 1) ** 2)


def fwd(eps=None):
    eps = eps or {}
    hp = np.zeros((1, H)); cp = np.zeros((1, H)); L = 0.0; rec = []
    for t in range(T):
        E = lambda n: eps.get((n, t), 0.0)
        X = np.array([[A[t], B[t]]])
        a = {g: X @ (W0[g] + E("W0" + g)) + (hp + E("hp" + g)) @ (Wh[g] + E("Wh" + g)) + bb[g] + E("b" + g) + E("a" + g) for g in GS}
        i = sigmoid(a["i"]); f = sigmoid(a["f"]); o = sigmoid(a["o"]); cin = np.tanh(a["c"])
        c = f * (cp + E("cp")) + i * cin + E("c")
        h = o * np.tanh(c) + E("h")
        a2 = h @ (W1 + E("W1")) + b1 + E("b1") + E("a2")
        y2 = sigmoid(a2) + E("y2")
        L += 0.5 * np.sum((Yb[t] - y2) ** 2)
        rec.append(dict(X=X, hp=hp, cp=cp, a=a, i=i, f=f, o=o, cin=cin, c=c, h=h, a2=a2, y2=y2))
        hp, cp = h, c
    return L, rec


def G(name, t, shape, d=1e-6, all_t=False):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = d
        ts = range(T) if all_t else [t]
        out[idx] = (fwd({(name, s): e for s in ts})[0] - fwd({(name, s): -e for s in ts})[0]) / (2 * d)
    return out


L0, R = fwd()
N = {}
for t in range(T):
    n = {nm: -G(nm, t, (1, H)) for nm in ["c", "h", "cp"] + ["a" + g for g in GS] + ["hp" + g for g in GS]}
    n.update({nm: -G(nm, t, (1, 1)) for nm in ["a2", "y2"]})
    for g in GS:
        n["W0" + g] = -G("W0" + g, t, (m, H)); n["Wh" + g] = -G("Wh" + g, t, (H, H)); n["b" + g] = -G("b" + g, t, (H,))
    n["W1"] = -G("W1", t, (H, 1)); n["b1"] = -G("b1", t, (1,))
    N[t] = n
TOT = {}
for g in GS:
    TOT["W0" + g] = -G("W0" + g, 0, (m, H), all_t=True); TOT["Wh" + g] = -G("Wh" + g, 0, (H, H), all_t=True)
    TOT["b" + g] = -G("b" + g, 0, (H,), all_t=True)
TOT["W1"] = -G("W1", 0, (H, 1), all_t=True); TOT["b1"] = -G("b1", 0, (1,), all_t=True)
ZH = np.zeros((1, H))
fut = lambda g, t: N[t + 1]["a" + g] if t + 1 < T else ZH
layer_1_values = np.vstack([ZH] + [R[t]["h"] for t in range(T)])
c_t_m1 = np.vstack([ZH] + [R[t]["c"] for t in range(T)])
layer_2_deltas = np.vstack([np.zeros((1, 1))] + [N[t]["a2"] for t in range(T)])
binary_dim = T
row = lambda M, r1: M[r1 - 1:r1]
nrow_at = lambda t: t + 1       # rows of layer_1_values while computing position t (0-based): h_0..h_{t-1}


def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= 1e-5 * (1 + np.max(np.abs(b)))


def per_t(fn):
    return all(close(*fn(t)) for t in range(T))


z = np.linspace(-3, 3, 13); dz = 1e-6
checks = {}
checks[15] = lambda: close(sigmoid(z), 1 / (1 + np.exp(-z)))
checks[19] = lambda: close(sod(sigmoid(z)), (sigmoid(z + dz) - sigmoid(z - dz)) / (2 * dz))
checks[23] = lambda: close(tod(z), (np.tanh(z + dz) - np.tanh(z - dz)) / (2 * dz))   # derivative of tanh at its INPUT
checks[69] = lambda: close(ZH, R[0]["cp"])
checks[101] = lambda: close(layer_2_deltas[0], np.zeros(1))
checks[102] = lambda: close(ZH, R[0]["hp"])
checks[105] = lambda: close(ZH, R[0]["cp"])
checks[111] = lambda: per_t(lambda t: (np.array([[A[t], B[t]]]), R[t]["X"]))
checks[112] = lambda: close(Yb, Yb)
Wk = {"i": 115, "f": 116, "o": 117}
for g, ln in Wk.items():
    checks[ln] = (lambda g: lambda: per_t(lambda t: (sigmoid(R[t]["X"] @ W0[g] + row(layer_1_values, nrow_at(t)) @ Wh[g] + bb[g]), R[t][g])))(g)
checks[118] = lambda: per_t(lambda t: (np.tanh(R[t]["X"] @ W0["c"] + row(layer_1_values, nrow_at(t)) @ Wh["c"] + bb["c"]), R[t]["cin"]))
checks[119] = lambda: per_t(lambda t: (R[t]["f"] * row(c_t_m1, nrow_at(t)) + R[t]["i"] * R[t]["cin"], R[t]["c"]))
checks[120] = lambda: per_t(lambda t: (R[t]["o"] * np.tanh(R[t]["c"]), R[t]["h"]))
checks[121] = lambda: all(close(row(c_t_m1, t + 2), R[t]["c"]) for t in range(T))
checks[124] = lambda: per_t(lambda t: (sigmoid(R[t]["h"] @ W1 + b1), R[t]["y2"]))
checks[127] = lambda: per_t(lambda t: (Yb[t] - R[t]["y2"], N[t]["y2"]))
checks[128] = lambda: per_t(lambda t: (N[t]["y2"] * sod(R[t]["y2"]), N[t]["a2"]))
checks[129] = lambda: close(sum(np.round(abs(Yb[t] - R[t]["y2"][0, 0])) for t in range(T)), np.sum(np.round(np.abs(Yb - np.array([R[t]["y2"][0, 0] for t in range(T)])))))
checks[132] = lambda: per_t(lambda t: (np.round(R[t]["y2"]), np.round(R[t]["y2"])))
checks[135] = lambda: all(close(row(layer_1_values, t + 2), R[t]["h"]) for t in range(T))
for ln in (139, 140, 141, 142):
    checks[ln] = lambda: all(close(ZH, fut(g, T - 1)) for g in GS)
# backward loop: position k = 1..binary_dim visits t = binary_dim - (k - 1) (1-based)
K = lambda t: binary_dim - t      # loop position k (1-based) for 0-based time t
checks[146] = lambda: per_t(lambda t: (np.array([[A[binary_dim - (K(t) - 1) - 1], B[binary_dim - (K(t) - 1) - 1]]]), R[t]["X"]))
checks[147] = lambda: per_t(lambda t: (row(layer_1_values, (binary_dim + 1) - (K(t) - 1)), R[t]["h"]))
checks[148] = lambda: per_t(lambda t: (row(layer_1_values, (binary_dim + 1) - K(t)), R[t]["hp"]))
checks[151] = lambda: per_t(lambda t: (row(layer_2_deltas, (binary_dim + 1) - (K(t) - 1)), N[t]["a2"]))
for ln, g in zip((153, 155, 157, 159), GS):
    checks[ln] = (lambda g: lambda: per_t(lambda t: ((fut(g, t) @ Wh[g].T + N[t]["a2"] @ W1.T) * sod(R[t]["h"]), N[t]["a" + g])))(g)
checks[164] = lambda: per_t(lambda t: (R[t]["h"].T @ N[t]["a2"], N[t]["W1"]))
for ln, g in zip((165, 166, 167, 168), GS):
    checks[ln] = (lambda g: lambda: per_t(lambda t: (R[t]["hp"].T @ N[t]["a" + g], N[t]["Wh" + g])))(g)
for ln, g in zip((169, 170, 171, 172), GS):
    checks[ln] = (lambda g: lambda: per_t(lambda t: (R[t]["X"].T @ N[t]["a" + g], N[t]["W0" + g])))(g)
checks[173] = lambda: per_t(lambda t: (N[t]["a2"][0], N[t]["b1"]))
for ln, g in zip((174, 175, 176, 177), GS):
    checks[ln] = (lambda g: lambda: per_t(lambda t: (np.zeros(H) + N[t]["a" + g][0], N[t]["b" + g])))(g)
for ln, g in zip((179, 180, 181, 182), GS):   # carrier: its Wh_g^T product is the recurrent gradient through gate g
    checks[ln] = (lambda g: lambda: per_t(lambda t: (N[t]["a" + g] @ Wh[g].T, N[t]["hp" + g])))(g)
# parameter steps (first sample: accumulators start at 0): W + alpha*sum of step pieces = W - alpha*dL/dW
steps = {185: ("W0i", W0["i"]), 186: ("W0f", W0["f"]), 187: ("W0o", W0["o"]), 188: ("W0c", W0["c"]), 189: ("W1", W1),
         190: ("Whi", Wh["i"]), 191: ("Whf", Wh["f"]), 192: ("Who", Wh["o"]), 193: ("Whc", Wh["c"]), 194: ("b1", b1),
         195: ("bi", bb["i"]), 196: ("bf", bb["f"]), 197: ("bo", bb["o"]), 198: ("bc", bb["c"])}
for ln, (k, P0) in steps.items():
    checks[ln] = (lambda k, P0: lambda: close(P0 + sum(N[t][k] for t in range(T)) * alpha, P0 - alpha * (-TOT[k])))(k, P0)

ok_all = True
for ln in sorted(int(k) for k in EXP):
    exp = EXP[str(ln)]["expected"]
    if ln not in checks:
        print(f"line {ln}: expected {exp}, numeric n/a (zero initialisation, definition)"); continue
    num = "pass" if checks[ln]() else "fail"
    flag = "" if num == exp else "   <-- MISMATCH"
    ok_all &= (num == exp)
    print(f"line {ln}: expected {exp}, numeric {num}{flag}")
unannotated = sorted(set(checks) - set(int(k) for k in EXP))
if unannotated:
    print("checked but not annotated:", unannotated); ok_all = False
sys.exit(0 if ok_all else 1)
