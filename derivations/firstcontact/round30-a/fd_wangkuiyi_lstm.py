"""Finite-difference check of the annotated lines of wangkuiyi_lstm.md (numpy only).

Model (author's conventions): column vectors, no biases,
  a^t = tanh(W_a x^t + U_a h^{t-1}), i^t = sig(W_i x^t + U_i h^{t-1}),
  f^t = sig(W_f x^t + U_f h^{t-1}),  o^t = sig(W_o x^t + U_o h^{t-1}),
  c^t = a^t*i^t + c^{t-1}*f^t,       h^t = tanh(c^t)*o^t,  h^0 = c^0 = 0.
Loss E: a fixed smooth "cost layer" on all hidden states,
  E = sum_t r_t . h^t + 0.5 * ||h^T||^2  (r_t fixed random vectors).
Every derivative is compared with central differences obtained by perturbing
the corresponding node (or a per-step copy of the weights) in the forward pass.
Upstream quantities in each checked line are taken from the reference (true) values.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FILE = "wangkuiyi_lstm.md"
rng = np.random.default_rng(0)
n, m, T = 3, 2, 4          # hidden size, input size, steps (m + n = 5 != 4n = 12)
W = {g: rng.normal(0, 0.6, (n, m)) for g in "aifo"}
U = {g: rng.normal(0, 0.6, (n, n)) for g in "aifo"}
X = [rng.normal(0, 1, (m, 1)) for _ in range(T + 1)]   # X[1..T]
R = [rng.normal(0, 1, (n, 1)) for _ in range(T + 1)]
sig = lambda z: 1 / (1 + np.exp(-z))


def forward(pert=None, theta_step=None):
    """pert: dict {(name, t): array added to that node}; theta_step: (t, dTheta) added to Theta used at step t only."""
    pert = pert or {}
    P = lambda k, t, v: v + pert.get((k, t), 0.0)
    h = {0: np.zeros((n, 1))}; c = {0: np.zeros((n, 1))}
    S = {}
    E = 0.0
    for t in range(1, T + 1):
        Wt = {g: W[g].copy() for g in "aifo"}; Ut = {g: U[g].copy() for g in "aifo"}
        if theta_step is not None and theta_step[0] == t:
            dTh = theta_step[1]
            for k, g in enumerate("aifo"):
                Wt[g] = Wt[g] + dTh[k * n:(k + 1) * n, :m]
                Ut[g] = Ut[g] + dTh[k * n:(k + 1) * n, m:]
        hp = h[t - 1]
        ah = P("ahat", t, Wt["a"] @ X[t] + Ut["a"] @ hp)
        ih = P("ihat", t, Wt["i"] @ X[t] + Ut["i"] @ hp)
        fh = P("fhat", t, Wt["f"] @ X[t] + Ut["f"] @ hp)
        oh = P("ohat", t, Wt["o"] @ X[t] + Ut["o"] @ hp)
        a = P("a", t, np.tanh(ah)); i = P("i", t, sig(ih)); f = P("f", t, sig(fh)); o = P("o", t, sig(oh))
        cprev_to_c = P("cprev_via_c", t, c[t - 1])          # c^{t-1} as seen only by c^t
        ct = P("c", t, a * i + cprev_to_c * f)
        c_for_h = P("c_via_h", t, ct)                       # c^t as seen only by h^t
        ht = P("h", t, np.tanh(c_for_h) * o)
        h[t] = ht; c[t] = ct
        S[t] = dict(ahat=ah, ihat=ih, fhat=fh, ohat=oh, a=a, i=i, f=f, o=o, c=ct, h=ht, cprev=c[t - 1], hprev=hp)
        E += float((R[t].T @ ht).item())
    E += 0.5 * float((h[T].T @ h[T]).item())
    return E, S


E0, S = forward()
eps = 1e-6


def fd_node(name, t, shape=(n, 1)):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        d = np.zeros(shape); d[idx] = eps
        g[idx] = (forward({(name, t): d})[0] - forward({(name, t): -d})[0]) / (2 * eps)
    return g


def fd_theta(t):
    shape = (4 * n, m + n)
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        d = np.zeros(shape); d[idx] = eps
        g[idx] = (forward(theta_step=(t, d))[0] - forward(theta_step=(t, -d))[0]) / (2 * eps)
    return g


def close(a, b):
    try:
        a = np.asarray(a, float); b = np.asarray(b, float)
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    except Exception:
        return False


# true (finite-difference) totals at every step
TRUE = {}
for t in range(1, T + 1):
    TRUE[t] = {k: fd_node(k, t) for k in ["h", "o", "c", "c_via_h", "cprev_via_c", "a", "i", "f",
                                          "ahat", "ihat", "fhat", "ohat"]}

results = {}   # line -> bool (author's statement agrees with the reference)


def record(line, ok):
    results[line] = results.get(line, True) and bool(ok)


# ---- forward lines: compare the per-gate equations with the stacked form of lines 69-75
for t in range(1, T + 1):
    s = S[t]
    Theta = np.vstack([np.hstack([W[g], U[g]]) for g in "aifo"])          # line 74, W, U stacked per gate
    I = np.vstack([X[t], s["hprev"]])                                        # line 75
    Ihat = Theta @ I                                                         # line 69
    stacked = np.vstack([s["ahat"], s["ihat"], s["fhat"], s["ohat"]])        # line 73
    record(69, close(Ihat, stacked)); record(73, close(Ihat, stacked))
    record(74, close(Ihat, stacked)); record(75, close(Ihat, stacked))
    # independent re-derivation of each gate from the stacked pre-activations
    A, Ii, F, O = (Ihat[k * n:(k + 1) * n] for k in range(4))
    record(13, close(s["a"], np.tanh(A)))
    record(14, close(s["i"], sig(Ii)))
    record(15, close(s["f"], sig(F)))
    record(17, close(s["o"], sig(O)))
    record(16, close(s["c"], np.tanh(A) * sig(Ii) + s["cprev"] * sig(F)))
    record(18, close(s["h"], np.tanh(s["c"]) * sig(O)))

# ---- backward lines, step by step from T down to 1, with the author's expressions
for t in range(T, 0, -1):
    s = S[t]; tr = TRUE[t]
    dEdh = tr["h"]                                   # upstream dE/dh^t (total), taken as right
    # line 34: dE/do^t = dE/dh^t (.) tanh(c^t)
    record(34, close(dEdh * np.tanh(s["c"]), tr["o"]))
    # line 38: dE/dc^t (the part through h^t) = dE/dh^t (.) o^t (.) [1 - tanh^2(c^t)]
    dEdc_h = dEdh * s["o"] * (1 - np.tanh(s["c"]) ** 2)
    record(38, close(dEdc_h, tr["c_via_h"]))
    # line 51 (at step t+1) gives the initial value of delta c^t = delta c^{t+1} (.) f^{t+1}; line 44 adds line 38
    init = TRUE[t + 1]["c"] * S[t + 1]["f"] if t < T else np.zeros((n, 1))
    delta_c = init + dEdc_h                                                 # line 44: delta c^t += dE/dc^t
    record(44, close(delta_c, tr["c"]))
    dc = tr["c"]                                     # upstream delta c^t taken as right for the next lines
    record(48, close(dc * s["a"], tr["i"]))           # dE/di^t = delta c^t (.) a^t
    record(49, close(dc * s["i"], tr["a"]))           # dE/da^t = delta c^t (.) i^t
    record(50, close(dc * s["cprev"], tr["f"]))       # dE/df^t = delta c^t (.) c^{t-1}
    record(51, close(dc * s["f"], tr["cprev_via_c"]))  # dE/dc^{t-1} (part through c^t) = delta c^t (.) f^t
    # lines 55-64, as written by the author (upstream dE/da etc. true)
    record(55, close(tr["a"] * (1 - np.tanh(s["ahat"])), tr["ahat"]))
    record(58, close(tr["i"] * s["ahat"] * (1 - s["ahat"]), tr["ihat"]))
    record(61, close(tr["f"] * s["fhat"] * (1 - s["fhat"]), tr["fhat"]))
    record(64, close(tr["o"] * s["ohat"] * (1 - s["ohat"]), tr["ohat"]))
    # sanity: the corrected derivatives agree with finite differences
    assert close(tr["a"] * (1 - np.tanh(s["ahat"]) ** 2), tr["ahat"])
    assert close(tr["i"] * s["i"] * (1 - s["i"]), tr["ihat"])
    assert close(tr["f"] * s["f"] * (1 - s["f"]), tr["fhat"])
    assert close(tr["o"] * s["o"] * (1 - s["o"]), tr["ohat"])

# ---- line 79: delta Theta^t = [dE/dahat dE/dihat dE/dfhat dE/dohat] x I^t, read as written
G = {}
for t in range(1, T + 1):
    s = S[t]; tr = TRUE[t]
    G[t] = fd_theta(t)
    row = np.hstack([tr["ahat"].T, tr["ihat"].T, tr["fhat"].T, tr["ohat"].T])   # 1 x 4n (no transpose written)
    I = np.vstack([X[t], s["hprev"]])                                              # (m+n) x 1, as defined in line 75
    try:
        author = row @ I
        ok = close(author, G[t])
    except ValueError:
        ok = False                                       # 1x12 times 5x1: not even defined
    record(79, ok)
    # sanity: the outer product (column gradient times I^T) is the right answer
    col = np.vstack([tr["ahat"], tr["ihat"], tr["fhat"], tr["ohat"]])
    assert close(col @ I.T, G[t]), "reference outer product disagrees with finite differences"

# ---- line 90: dE/dTheta = sum_t delta Theta^t  (with the true per-step parts)
full = np.zeros((4 * n, m + n))
for idx in np.ndindex(full.shape):
    d = np.zeros(full.shape); d[idx] = eps
    def Ef(sign):
        Wb = {g: W[g].copy() for g in "aifo"}; Ub = {g: U[g].copy() for g in "aifo"}
        for k, g in enumerate("aifo"):
            W[g] += sign * d[k * n:(k + 1) * n, :m]; U[g] += sign * d[k * n:(k + 1) * n, m:]
        e = forward()[0]
        for g in "aifo":
            W[g][...] = Wb[g]; U[g][...] = Ub[g]
        return e
    full[idx] = (Ef(+1) - Ef(-1)) / (2 * eps)
record(90, close(sum(G[t] for t in range(1, T + 1)), full))

expected = json.load(open(os.path.join(HERE, "expected.json")))[FILE]
allok = True
for line in sorted(expected, key=int):
    verdict = "pass" if results.get(int(line), None) else "fail"
    if int(line) not in results:
        verdict = "unchecked"
    agree = verdict == expected[line]["expected"]
    allok &= agree
    print(f"{FILE}:{line} {'OK' if agree else 'MISMATCH'} (fd says {verdict}, expected {expected[line]['expected']})")
extra = sorted(set(results) - {int(k) for k in expected})
if extra:
    print("checked but not annotated:", extra); allok = False
print("ALL OK" if allok else "SOME MISMATCH")
