"""FD check for mse4637392_rnn_bptt_gradient.md (numpy only, float64).
Model (column vectors): h_t = tanh(W_h h_{t-1} + b_h + W_x x_t + b_x), z_t = W_p h_t + b_p,
E = sum_t 1/2 ||z_t - y_t||^2, t = 1..N, h_0 given.
Jacobians are numerator layout (d h_t / d h_tau is s x s, rows = components of h_t)."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["mse4637392_rnn_bptt_gradient.md"]
rng = np.random.default_rng(1)
n, m, s, N = 2, 3, 4, 5
Wh = rng.standard_normal((s, s)) * 0.6; Wx = rng.standard_normal((s, n)); bh = rng.standard_normal(s) * .2
bx = rng.standard_normal(s) * .2; Wp = rng.standard_normal((m, s)); bp = rng.standard_normal(m) * .2
X = rng.standard_normal((N + 1, n)); Y = rng.standard_normal((N + 1, m)); h0 = rng.standard_normal(s) * .5
eps = 1e-6
close = lambda A, B: A.shape == B.shape and np.allclose(A, B, rtol=1e-5, atol=1e-7)

def step(hprev, t, Wh_=None):
    Wh_ = Wh if Wh_ is None else Wh_
    return np.tanh(Wh_ @ hprev + bh + Wx @ X[t] + bx)

def forward(Wh_=None):
    hs = [h0]
    for t in range(1, N + 1):
        hs.append(step(hs[-1], t, Wh_))
    return hs

def E(Wh_=None):
    hs = forward(Wh_)
    return sum(0.5 * np.sum((Wp @ hs[t] + bp - Y[t]) ** 2) for t in range(1, N + 1))

hs = forward()
# reference dE/dW_h by FD
gW = np.zeros((s, s))
for idx in np.ndindex(s, s):
    P = Wh.copy(); P[idx] += eps; M = Wh.copy(); M[idx] -= eps
    gW[idx] = (E(P) - E(M)) / (2 * eps)

def jac_h(t, tau):
    """FD d h_t / d h_tau (run forward from h_tau)"""
    J = np.zeros((s, s))
    for k in range(s):
        e = np.zeros(s); e[k] = eps
        hp, hm = hs[tau] + e, hs[tau] - e
        for u in range(tau + 1, t + 1):
            hp, hm = step(hp, u), step(hm, u)
        J[:, k] = (hp - hm) / (2 * eps)
    return J

def imm_h_W(tau):
    """FD immediate partial d^+ h_tau / d W_h (h_{tau-1} held fixed): s x s x s"""
    Pt = np.zeros((s, s, s))
    for idx in np.ndindex(s, s):
        P = Wh.copy(); P[idx] += eps; M = Wh.copy(); M[idx] -= eps
        Pt[:, idx[0], idx[1]] = (step(hs[tau - 1], tau, P) - step(hs[tau - 1], tau, M)) / (2 * eps)
    return Pt

def dEt_dht(t):
    g = np.zeros(s)
    for k in range(s):
        e = np.zeros(s); e[k] = eps
        g[k] = (0.5 * np.sum((Wp @ (hs[t] + e) + bp - Y[t]) ** 2) - 0.5 * np.sum((Wp @ (hs[t] - e) + bp - Y[t]) ** 2)) / (2 * eps)
    return g

res = {}
# line 10-12: definitions -> compare own forward with a second independent evaluation
res[10] = close(hs[1], np.tanh(Wh @ h0 + bh + Wx @ X[1] + bx))
res[11] = res[10]
res[12] = np.isclose(E(), sum(0.5 * np.sum(((Wp @ hs[t] + bp) - Y[t]) ** 2) for t in range(1, N + 1)))
# line 14: sum_t sum_tau dE_t/dh_t dh_t/dh_tau d+h_tau/dW_h
G14 = np.zeros((s, s))
for t in range(1, N + 1):
    g = dEt_dht(t)
    for tau in range(1, t + 1):
        J = np.eye(s) if tau == t else jac_h(t, tau)
        G14 += np.einsum("i,ij,jkl->kl", g, J, imm_h_W(tau))
res[14] = close(G14, gW)
# line 15: ordered product of one-step Jacobians equals dh_t/dh_tau
ok15 = True
for t in range(2, N + 1):
    for tau in range(1, t):
        Pm = np.eye(s)
        for j in range(t, tau, -1):
            Pm = Pm @ jac_h(j, j - 1)
        ok15 &= close(Pm, jac_h(t, tau))
res[15] = ok15
# line 16: dE_t/dz_t dz_t/dh_t = (z_t - y_t)^T W_p
res[16] = all(close((Wp @ hs[t] + bp - Y[t]) @ Wp, dEt_dht(t)) for t in range(1, N + 1))
# line 18: the "solution": ((z_t-y_t).W_p)(prod_j (1-h_j^2).W_h)((1-h_tau^2) (x) h_tau)
def v(t, tau):
    r = (Wp @ hs[t] + bp - Y[t]) @ Wp
    for j in range(t, tau, -1):
        r = r @ (np.diag(1 - hs[j] ** 2) @ Wh)
    return r
# reading (a): literal matrix product with the outer-product matrix -> 1 x s, cannot equal an s x s gradient
Ga = sum(v(t, tau) @ np.outer(1 - hs[tau] ** 2, hs[tau]) for t in range(1, N + 1) for tau in range(1, t + 1))
# reading (b): elementwise with (1-h_tau^2), then outer with h_tau
Gb = sum(np.outer(v(t, tau) * (1 - hs[tau] ** 2), hs[tau]) for t in range(1, N + 1) for tau in range(1, t + 1))
# sanity: with h_{tau-1} instead of h_tau reading (b) is the true gradient
Gfix = sum(np.outer(v(t, tau) * (1 - hs[tau] ** 2), hs[tau - 1]) for t in range(1, N + 1) for tau in range(1, t + 1))
assert close(Gfix, gW), "reference sanity failed"
res[18] = close(Ga, gW) or close(Gb, gW)
print(f"[info] line 18: reading (a) shape {Ga.shape}; reading (b) max err {np.abs(Gb - gW).max():.3e}; with h_(tau-1): {np.abs(Gfix - gW).max():.1e}")

bad = 0
for k in sorted(EXP, key=int):
    num = "pass" if res.get(int(k)) else "fail"
    if int(k) not in res:
        num = "NOT CHECKED"
    flag = "" if num == EXP[k]["expected"] else "   <-- MISMATCH"
    bad += bool(flag)
    print(f"line {k}: expected {EXP[k]['expected']}, numeric {num}{flag}")
bad += len(set(res) - {int(k) for k in EXP})
sys.exit(1 if bad else 0)
