"""Finite-difference check of zh_lstm_core_components_ch2.md (sections 3.1-3.2).

Model as the text states it (column vectors, z_t = [h_{t-1}; x_t]):
  f = s(W_f z + b_f), i = s(W_i z + b_i), Ct~ = tanh(W_C z + b_C), o = s(W_o z + b_o)
  C_t = f*C_{t-1} + i*Ct~,  h_t = o*tanh(C_t)
The loss L is not given in the text; any scalar function of the h_t works for the
checks, here L = sum_t p_t . h_t + 0.5*sum_t ||h_t||^2 with fixed random p_t.
'dL/dh_t', 'dL/dC_t' are the BPTT totals (perturb the node, rerun the rest).
"""
import numpy as np

rng = np.random.default_rng(0)
H, D, T = 3, 2, 4
P = {k: rng.normal(scale=0.6, size=(H, H + D)) for k in "fioC"}
B = {k: rng.normal(scale=0.3, size=H) for k in "fioC"}
X = rng.normal(size=(T + 1, D))
Pt = rng.normal(size=(T + 1, H))
sig = lambda a: 1 / (1 + np.exp(-a))


def run(P, B, bump=None):
    """bump = (name, t, vector) adds vector to node `name` at step t."""
    h, C = np.zeros(H), np.zeros(H)
    L, cache = 0.0, {}
    for t in range(1, T + 1):
        z = np.concatenate([h, X[t]])
        g = {}
        for k in "fio":
            g[k] = sig(P[k] @ z + B[k])
        g["C~"] = np.tanh(P["C"] @ z + B["C"])
        for k in list(g):
            if bump and bump[0] == k and bump[1] == t:
                g[k] = g[k] + bump[2]
        Cn = g["f"] * C + g["i"] * g["C~"]
        if bump and bump[0] == "C" and bump[1] == t:
            Cn = Cn + bump[2]
        hn = g["o"] * np.tanh(Cn)
        if bump and bump[0] == "h" and bump[1] == t:
            hn = hn + bump[2]
        cache[t] = dict(z=z, Cprev=C, C=Cn, h=hn, **g)
        h, C = hn, Cn
        L += Pt[t] @ h + 0.5 * h @ h
    return L, cache


def node_grad(name, t, eps=1e-6):
    g = np.zeros(H)
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        g[j] = (run(P, B, (name, t, e))[0] - run(P, B, (name, t, -e))[0]) / (2 * eps)
    return g


def param_grad(k, eps=1e-6):
    G = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        Pp = {q: v.copy() for q, v in P.items()}; Pm = {q: v.copy() for q, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        G[idx] = (run(Pp, B)[0] - run(Pm, B)[0]) / (2 * eps)
    return G


def bias_grad(k, eps=1e-6):
    G = np.zeros(H)
    for j in range(H):
        Bp = {q: v.copy() for q, v in B.items()}; Bm = {q: v.copy() for q, v in B.items()}
        Bp[k][j] += eps; Bm[k][j] -= eps
        G[j] = (run(P, Bp)[0] - run(P, Bm)[0]) / (2 * eps)
    return G


L, c = run(P, B)
res = {}
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

# line 53: dL/do_t = dL/dh_t * tanh(C_t)  (o bumped after the sigmoid)
res[53] = all(close(node_grad("o", t), node_grad("h", t) * np.tanh(c[t]["C"])) for t in range(1, T + 1))
# line 65: dL/dC_t = dL/dh_t*o_t*(1-tanh^2 C_t) + dL/dC_{t+1}*f_{t+1}  (dL/dC_{T+1} = 0)
ok = True
for t in range(1, T + 1):
    nxt = node_grad("C", t + 1) * c[t + 1]["f"] if t < T else 0
    rhs = node_grad("h", t) * c[t]["o"] * (1 - np.tanh(c[t]["C"]) ** 2) + nxt
    ok &= close(node_grad("C", t), rhs)
res[65] = ok
# lines 71, 83, 86: gate-output gradients
res[71] = all(close(node_grad("f", t), node_grad("C", t) * c[t]["Cprev"]) for t in range(1, T + 1))
res[83] = all(close(node_grad("i", t), node_grad("C", t) * c[t]["C~"]) for t in range(1, T + 1))
res[86] = all(close(node_grad("C~", t), node_grad("C", t) * c[t]["i"]) for t in range(1, T + 1))

# lines 56/74/89/95 (W) and 59/77/92/98 (b): author's formula dL/dgate . z^T (no activation
# derivative), summed over t (the most favourable reading of the missing sum), vs FD.
gate_of = {"o": "o", "f": "f", "i": "i", "C": "C~"}
wline = {"o": 56, "f": 74, "i": 89, "C": 95}
bline = {"o": 59, "f": 77, "i": 92, "C": 98}
for k, g in gate_of.items():
    dg = {t: node_grad(g, t) for t in range(1, T + 1)}
    author_W = sum(np.outer(dg[t], c[t]["z"]) for t in range(1, T + 1))
    author_b = sum(dg[t] for t in range(1, T + 1))
    der = (lambda t: c[t][g] * (1 - c[t][g])) if g != "C~" else (lambda t: 1 - c[t][g] ** 2)
    fixed_W = sum(np.outer(dg[t] * der(t), c[t]["z"]) for t in range(1, T + 1))
    fixed_b = sum(dg[t] * der(t) for t in range(1, T + 1))
    GW, Gb = param_grad(k), bias_grad(k)
    res[wline[k]] = close(author_W, GW)
    res[bline[k]] = close(author_b, Gb)
    assert close(fixed_W, GW) and close(fixed_b, Gb), k  # with the derivative it holds
    # single-step reading (no sum over t) is also wrong:
    assert not close(np.outer(dg[T], c[T]["z"]), GW)

for line in sorted(res):
    print(line, "pass" if res[line] else "FAIL")
