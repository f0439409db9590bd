"""Finite-difference check of ko_har_lstm_report_bptt.md (kara320090/smartphone-har, docs/lstm-report/REPORT_KO.md).
numpy only, float64. Row layout as in the report: i = s(x W_i + h_prev U_i + b_i), ... (Keras gate order i, f, g, o),
c = f*c_prev + i*g, h = o*tanh(c). Small example like the report's: batch 2, length 3, input 2, hidden 2, 6 logits from the
last hidden state, mean cross-entropy over the batch.
Names of the backward lines (in-place, step-local): on entry to step t, dc_t holds the gradient carried from step t+1
(through c_{t+1} only) and dh_t is the total dL/dh_t; after line 27 dc_t is the total dL/dc_t."""
import json, os, sys
import numpy as np

rng = np.random.default_rng(561)
B, T, D, H, K = 2, 3, 2, 2, 6
X = rng.normal(size=(T + 1, B, D))
P = {}
for g in "ifgo":
    P["W" + g] = rng.normal(scale=0.6, size=(D, H))
    P["U" + g] = rng.normal(scale=0.6, size=(H, H))
    P["b" + g] = rng.normal(scale=0.3, size=(H,))
Wd = rng.normal(size=(H, K)); bd = rng.normal(size=(K,))
labels = np.array([1, 4])
sig = lambda z: 1 / (1 + np.exp(-z))


def forward(pert=None):
    pert = pert or {}
    h = {0: np.zeros((B, H))}; c = {0: np.zeros((B, H))}; cache = {}
    for t in range(1, T + 1):
        z = {g: X[t] @ P["W" + g] + h[t - 1] @ P["U" + g] + P["b" + g] for g in "ifgo"}
        z["f"] = z["f"] + pert.get(("zf", t), 0.0)
        i, f, gg, o = sig(z["i"]), sig(z["f"]), np.tanh(z["g"]), sig(z["o"])
        f = f + pert.get(("f", t), 0.0)
        cprev_for_c = c[t - 1] + pert.get(("cfut", t - 1), 0.0)   # perturbs c_{t-1} only on its path into c_t
        c[t] = f * cprev_for_c + i * gg + pert.get(("c", t), 0.0)
        h[t] = o * np.tanh(c[t]) + pert.get(("h", t), 0.0)
        cache[t] = dict(i=i, f=f, g=gg, o=o)
    logits = h[T] @ Wd + bd
    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits); p /= p.sum(axis=1, keepdims=True)
    L = -np.mean(np.log(p[np.arange(B), labels]))
    return L, h, c, cache


def fd(key, eps=1e-6):
    g = np.zeros((B, H))
    for idx in np.ndindex(B, H):
        e = np.zeros((B, H)); e[idx] = eps
        g[idx] = (forward({key: e})[0] - forward({key: -e})[0]) / (2 * eps)
    return g


def rel(a, b):
    return float(np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12))


L, h, c, cache = forward()
res = {27: 0.0, 29: 0.0, 31: 0.0, 33: 0.0}
for t in range(1, T + 1):
    o, f = cache[t]["o"], cache[t]["f"]
    dh_t = fd(("h", t))                               # total dL/dh_t
    dc_future = fd(("cfut", t)) if t < T else np.zeros((B, H))   # carried from step t+1
    dc_t = dc_future + dh_t * o * (1 - np.tanh(c[t]) ** 2)        # line 27
    res[27] = max(res[27], rel(dc_t, fd(("c", t))))
    df_t = dc_t * c[t - 1]                                         # line 29
    res[29] = max(res[29], rel(df_t, fd(("f", t))))
    dzf_t = df_t * f * (1 - f)                                     # line 31
    res[31] = max(res[31], rel(dzf_t, fd(("zf", t))))
    dc_prev = dc_t * f                                             # line 33 (carried part into c_{t-1})
    res[33] = max(res[33], rel(dc_prev, fd(("cfut", t - 1))) if t > 1 else 0.0)
# line 58: parameter count 4H(D + H + 1) of the Keras LSTM layer (W: D x 4H, U: H x 4H, b: 4H)
count = lambda D_, H_: D_ * 4 * H_ + H_ * 4 * H_ + 4 * H_
res[58] = 0.0 if (count(9, 64) == 4 * 64 * (9 + 64 + 1) == 18944 and count(9, 32) == 5376) else 1.0

here = os.path.dirname(os.path.abspath(__file__))
exp = json.load(open(os.path.join(here, "expected.json")))["ko_har_lstm_report_bptt.md"]
ok = True
for line in sorted(int(k) for k in exp):
    e = exp[str(line)]["expected"]
    if line in res:
        num = "pass" if res[line] < 1e-6 else "fail"; msg = f"rel.err {res[line]:.2e}"
    else:
        num = "pass"; msg = "forward definition used by the check"
    print(f"line {line}: expected {e}, numeric {num} ({msg})")
    ok &= (num == e)
sys.exit(0 if ok else 1)
