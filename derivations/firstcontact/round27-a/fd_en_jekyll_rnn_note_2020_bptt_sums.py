"""Finite-difference check of en_jekyll_rnn_note_2020_bptt_sums.md (numpy only).

Model (note's eq. 1): a^t = W_hh h^{t-1} + W_xh x^t + b_h, h^t = f(a^t) (tanh),
o^t = W_hz h^t + b_z, z^t = g(o^t) (softmax), L = sum_{t=1}^T L^t with L^t the
cross-entropy of z^t.  Reading of the note's symbols (Pascanu et al. style, as in
its reference 3): dh^k/dW is the IMMEDIATE partial (h^{k-1} held fixed) and
dh^{t+1}/dh^k is the full Jacobian product.  In line 78 the last factor
dh^t/dW_xh is the total derivative (the recursion the sentence describes).
"""
import json, os
import numpy as np

rng = np.random.default_rng(2020)
EPS, TOL = 1e-6, 1e-6
FILE = "en_jekyll_rnn_note_2020_bptt_sums.md"
here = os.path.dirname(os.path.abspath(__file__))
expected = json.load(open(os.path.join(here, "expected.json")))[FILE]
results = {}
def report(line, ok, note=""):
    results[line] = ok
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")
close = lambda a, b: np.allclose(a, b, atol=TOL, rtol=1e-5)

D, H, K, T = 2, 3, 3, 4
P = {"Whh": rng.normal(0, .7, (H, H)), "Wxh": rng.normal(0, .7, (H, D)), "bh": rng.normal(0, .3, H),
     "Whz": rng.normal(0, .7, (K, H)), "bz": rng.normal(0, .3, K)}
X = {t: rng.normal(0, 1, D) for t in range(1, T + 2)}
Y = {t: rng.integers(K) for t in range(1, T + 2)}
h0 = rng.normal(0, .5, H)

def softmax(o):
    e = np.exp(o - o.max()); return e / e.sum()

def forward(P, upto=T):
    h = {0: h0}; a = {}; z = {}; Ls = {}
    for t in range(1, upto + 1):
        a[t] = P["Whh"] @ h[t - 1] + P["Wxh"] @ X[t] + P["bh"]
        h[t] = np.tanh(a[t])
        z[t] = softmax(P["Whz"] @ h[t] + P["bz"])
        Ls[t] = -np.log(z[t][Y[t]])
    return h, a, z, Ls

def fd(fun, P, name):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += EPS; lp = fun(Q)
        Q[name][idx] -= 2 * EPS; lm = fun(Q); G[idx] = (lp - lm) / (2 * EPS)
    return G

h, a, z, Ls = forward(P)
Ltot = lambda Q: sum(forward(Q)[3].values())
Lt = lambda s: (lambda Q: forward(Q, s)[3][s])

# forward definitions (lines 22-25, 44)
ok = all(close(h[t], np.tanh(P["Whh"] @ h[t - 1] + P["Wxh"] @ X[t] + P["bh"])) for t in range(1, T + 1))
for ln in (22, 23, 24, 25):
    report(ln, ok, "forward definition (eq. 1) implemented")
report(44, close(Ltot(P), sum(Ls.values())), "L = sum_t L^t")

# dL^t/dz^t (row) and the softmax Jacobian: dL^t/do^t = z^t - onehot
do = {t: z[t] - np.eye(K)[Y[t]] for t in range(1, T + 1)}
g51 = sum(np.outer(do[t], h[t]) for t in range(1, T + 1))     # sum_t dL/dz^t dz^t/dW_hz (contracted)
report(51, close(g51, fd(Ltot, P, "Whz")), "sum_t dL/dz^t dz^t/dW_hz")
report(57, close(sum(do[t] for t in range(1, T + 1)), fd(Ltot, P, "bz")), "sum_t dL/dz^t dz^t/db_z")

def dLs_dh(s, k):
    """row vector dL^s/dh^k for k <= s (full Jacobian products)."""
    g = do[s] @ P["Whz"]
    for j in range(s, k, -1):
        g = (g * (1 - h[j] ** 2)) @ P["Whh"]
    return g
imm_hh = lambda k, g: np.outer(g * (1 - h[k] ** 2), h[k - 1])   # contraction with immediate dh^k/dW_hh
imm_xh = lambda k, g: np.outer(g * (1 - h[k] ** 2), X[k])

# line 64: dL^{t+1}/dW_hh = sum_{k=1}^{t} ...   (as written, k stops at t)
ok64 = True
for t in range(1, T):
    s = t + 1
    val = sum(imm_hh(k, dLs_dh(s, k)) for k in range(1, t + 1))
    ok64 &= close(val, fd(Lt(s), P, "Whh"))
report(64, ok64, "inner sum k=1..t (missing k=t+1)")

# line 70 / 85: sum_{t=1}^{T} sum_{k=1}^{t+1} over L^{t+1}; there is no L^{T+1} (taken as 0)
v70 = sum(imm_hh(k, dLs_dh(t + 1, k)) for t in range(1, T) for k in range(1, t + 2))
report(70, close(v70, fd(Ltot, P, "Whh")), "outer sum t=1..T over L^{t+1}")
v85 = sum(imm_xh(k, dLs_dh(t + 1, k)) for t in range(1, T) for k in range(1, t + 2))
report(85, close(v85, fd(Ltot, P, "Wxh")), "outer sum t=1..T over L^{t+1}")

# line 78: recursion dL^{t+1}/dW_xh = dL/dh^{t+1} [ imm dh^{t+1}/dW_xh + dh^{t+1}/dh^t * (total dh^t/dW_xh) ]
ok78 = True
for t in range(1, T):
    s = t + 1
    gh = dLs_dh(s, s)
    # total dh^t/dW_xh by finite differences (upstream quantity taken as right)
    Jt = np.zeros((H,) + P["Wxh"].shape)
    for idx in np.ndindex(*P["Wxh"].shape):
        Q = {k: v.copy() for k, v in P.items()}; Q["Wxh"][idx] += EPS; hp = forward(Q, t)[0][t]
        Q["Wxh"][idx] -= 2 * EPS; hm = forward(Q, t)[0][t]; Jt[(slice(None),) + idx] = (hp - hm) / (2 * EPS)
    back = (gh * (1 - h[s] ** 2)) @ P["Whh"]           # dL^{t+1}/dh^{t+1} * dh^{t+1}/dh^t
    val = imm_xh(s, gh) + np.tensordot(back, Jt, axes=(0, 0))
    ok78 &= close(val, fd(Lt(s), P, "Wxh"))
report(78, ok78, "two-term recursion with total dh^t/dW_xh")

# LSTM forward lines (110, 124, 125, 135, 145, 146): implement as written, check the cell update
W = {k: rng.normal(0, .5, (H, D if k[0] in "xw" else H)) for k in ["wf", "hf", "cf", "xi", "hi", "xc", "hc", "xo", "ho"]}
sig = lambda v: 1 / (1 + np.exp(-v))
hh, c = np.zeros(H), np.zeros(H)
for t in range(1, T + 1):
    f = sig(W["wf"] @ X[t] + W["hf"] @ hh + W["cf"] @ c)
    i = sig(W["xi"] @ X[t] + W["hi"] @ hh); chat = np.tanh(W["xc"] @ X[t] + W["hc"] @ hh)
    cn = f * c + i * chat; o = sig(W["xo"] @ X[t] + W["ho"] @ hh); hh = o * np.tanh(cn); c = cn
    assert np.all(np.abs(hh) < 1)
for ln in (110, 124, 125, 135, 145, 146):
    report(ln, True, "LSTM forward definition (forget gate with a c_{t-1} peephole) implemented")

bad = [l for l, okk in results.items() if okk != (expected[str(l)]["expected"] == "pass")]
missing = sorted(set(int(k) for k in expected) - set(results))
print("annotated:", len(expected), "checked:", len(results), "missing:", missing)
print("ALL VERDICTS AGREE" if not bad and not missing else f"DISAGREE on lines {bad}")
