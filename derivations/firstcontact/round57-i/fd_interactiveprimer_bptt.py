"""FD check of interactiveprimer_bptt.md. Row-vector (numerator-layout) convention: dL/dh is a row,
dh_t/dh_{t-1} is the ordinary Jacobian (rows = components of h_t). Loss L depends on h_T only."""
import numpy as np

rng = np.random.default_rng(5711)
n, m, T = 4, 3, 6
W = rng.normal(0, 0.6, (n, n)); U = rng.normal(0, 0.6, (n, m)); b = rng.normal(0, 0.2, n)
xs = rng.normal(0, 1, (T + 1, m)); h0 = rng.normal(0, 0.5, n); tgt = rng.normal(0, 1, n)
EPS = 1e-6
close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-8)


def roll(k=None, hk=None):
    """states h_0..h_T; optionally replace h_k by hk and continue from there."""
    hs = [h0]; zs = [None]
    for t in range(1, T + 1):
        hp = hs[-1]
        if k is not None and t - 1 == k:
            hp = hk; hs[-1] = hk
        z = W @ hp + U @ xs[t] + b
        zs.append(z); hs.append(np.tanh(z))
    return hs, zs


Lf = lambda hT: 0.5 * np.sum((hT - tgt) ** 2)
hs, zs = roll()


def dLdh(k):
    g = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = EPS
        if k == T:
            g[j] = (Lf(hs[T] + e) - Lf(hs[T] - e)) / (2 * EPS)
        else:
            g[j] = (Lf(roll(k, hs[k] + e)[0][T]) - Lf(roll(k, hs[k] - e)[0][T])) / (2 * EPS)
    return g


def Jnum(t):  # dh_t/dh_{t-1}
    J = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n); e[j] = EPS
        J[:, j] = (np.tanh(W @ (hs[t - 1] + e) + U @ xs[t] + b) - np.tanh(W @ (hs[t - 1] - e) + U @ xs[t] + b)) / (2 * EPS)
    return J


ok = {}
ok["3"] = close(hs[2], np.tanh(W @ hs[1] + U @ xs[2] + b))
ok["10"] = all(close(dLdh(t - 1), dLdh(t) @ Jnum(t)) for t in range(2, T + 1))
Jt = {t: np.diag(1 - np.tanh(zs[t]) ** 2) @ W for t in range(1, T + 1)}
ok["13"] = all(close(Jnum(t), Jt[t]) for t in range(1, T + 1))
k = 2
P = np.eye(n)
for t in range(T, k, -1):          # J_T J_{T-1} ... J_{k+1}
    P = P @ Jt[t]
ok["17"] = close(dLdh(k), dLdh(T) @ P)
# scalar law with tanh' = 1: h_t = w h_{t-1} + u x_t  =>  dL/dh_k = dL/dh_T * w^(T-k)
w, u = 1.3, 0.7
def lin(hk, k):
    h = hk
    for t in range(k + 1, T + 1):
        h = w * h + u * xs[t, 0]
    return 0.5 * (h - 0.4) ** 2
hk = 0.2; hT = lin(0, 0)
gk = (lin(hk + EPS, k) - lin(hk - EPS, k)) / (2 * EPS)
hTv = hk
for t in range(k + 1, T + 1):
    hTv = w * hTv + u * xs[t, 0]
ok["22"] = close(gk, (hTv - 0.4) * w ** (T - k))

VERDICT = {k: "pass" for k in ok}
bad = [r for r in ok if ok[r] != (VERDICT[r] == "pass")]
assert not bad, bad
print("rows:", len(ok), "all pass")

# consistency with expected.json (same folder)
import json, os
_exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["interactiveprimer_bptt.md"]
assert set(_exp) == set(VERDICT), (set(_exp) ^ set(VERDICT))
assert all(_exp[k]["expected"] == VERDICT[k] for k in VERDICT)
print("expected.json consistent:", len(_exp), "rows")
