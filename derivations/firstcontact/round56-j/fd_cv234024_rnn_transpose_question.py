"""FD check for cv234024_rnn_transpose_question.md (numpy only, float64).
Row-vector layout of the question: h_t = tanh(h_{t-1} W_hh + x_t W_xh + b), h (N,H), W_hh (H,H).
[1 - tanh^2(.)] is read as diag(d) of the per-sample derivative vector d, and dh_t/dh_{t-1} as the
per-sample numerator-layout Jacobian J_ij = d h_{t,i} / d h_{t-1,j} (H x H).  The same verdicts come out of the
backprop reading dL/dh_{t-1} = (dL/dh_t * d) W  vs  (dL/dh_t * d) W^T, which is also checked."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["cv234024_rnn_transpose_question.md"]
rng = np.random.default_rng(2)
N, D, H = 3, 2, 4
W = rng.standard_normal((H, H)); Wx = rng.standard_normal((D, H)); b = rng.standard_normal((N, H)) * .3
hp = rng.standard_normal((N, H)) * .5; x = rng.standard_normal((N, D)); G = rng.standard_normal((N, H))
f = lambda hp_: np.tanh(hp_ @ W + x @ Wx + b)
h = f(hp); d = 1 - h ** 2
eps = 1e-6
close = lambda A, B: np.allclose(A, B, rtol=1e-6, atol=1e-8)

# per-sample FD Jacobians and FD gradient of L = sum(G * h_t) w.r.t. h_{t-1}
J = np.zeros((N, H, H)); gL = np.zeros((N, H))
for n in range(N):
    for j in range(H):
        e = np.zeros((N, H)); e[n, j] = eps
        J[n, :, j] = (f(hp + e)[n] - f(hp - e)[n]) / (2 * eps)
        gL[n, j] = (np.sum(G * f(hp + e)) - np.sum(G * f(hp - e))) / (2 * eps)

res = {}
res[7] = close(h, np.tanh(hp @ W + x @ Wx + b))          # forward definition
jac18 = all(close(np.diag(d[n]) @ W, J[n]) for n in range(N))
jac24 = all(close(np.diag(d[n]) @ W.T, J[n]) for n in range(N))
bp18 = close((G * d) @ W, gL); bp24 = close((G * d) @ W.T, gL)
print(f"[info] line 18: Jacobian reading {jac18}, backprop reading {bp18}; line 24: Jacobian reading {jac24}, backprop reading {bp24}")
res[18] = jac18 and bp18
res[24] = jac24 and bp24
bad = 0
for k in sorted(EXP, key=int):
    num = "pass" if res.get(int(k)) else "fail"
    flag = "" if num == EXP[k]["expected"] else "   <-- MISMATCH"
    bad += bool(flag)
    print(f"line {k}: expected {EXP[k]['expected']}, numeric {num}{flag}")
bad += len(set(res) - {int(k) for k in EXP})
sys.exit(1 if bad else 0)
