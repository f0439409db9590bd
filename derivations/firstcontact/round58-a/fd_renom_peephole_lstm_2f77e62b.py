"""FD check of ReNom peephple_lstm.py @2f77e62b (peephole LSTM, row-vector batch layout).
Loss L = sum_t sum(G_t * z_t); dy at step t = G_t (gradient from the layer above only; the recurrent
part arrives through context.restore of step t+1's deltas, keyed by the weight objects)."""
import numpy as np

rng = np.random.RandomState(3)
N, D, M, T = 2, 3, 4, 4
sig = lambda a: 1. / (1. + np.exp(-a))
gate_diff = lambda x: x * (- x + 1.)           # line 13 (on the sigmoid output)
activation_diff = lambda x: (1.0 - x ** 2)     # line 17 (on the tanh output)
names = ["w", "wr", "wf", "wfr", "wfc", "wi", "wir", "wic", "wo", "wor", "woc", "b", "bf", "bo", "bi"]
shapes = dict(w=(D, M), wr=(M, M), wf=(D, M), wfr=(M, M), wfc=(1, M), wi=(D, M), wir=(M, M), wic=(1, M),
              wo=(D, M), wor=(M, M), woc=(1, M), b=(1, M), bf=(1, M), bo=(1, M), bi=(1, M))
P = {k: rng.randn(*shapes[k]) * 0.5 for k in names}
X = [rng.randn(N, D) for _ in range(T)]
G = [rng.randn(N, M) for _ in range(T)]


def forward(P, X, taps=None):
    taps = taps or {}
    g = lambda k, t: taps.get((k, t), 0.0)
    s = np.zeros((N, M)); z = np.zeros((N, M)); cache = []
    for t in range(T):
        x = X[t]
        ps = s
        u = x @ P["w"] + z @ P["wr"] + P["b"] + g("u", t)                                    # line 30
        gate_f = sig(x @ P["wf"] + z @ P["wfr"] + P["wfc"] * s + P["bf"] + g("af", t))       # line 32
        gate_i = sig(x @ P["wi"] + z @ P["wir"] + P["wic"] * s + P["bi"] + g("ai", t))       # line 34
        state = gate_i * np.tanh(u) + gate_f * s + g("s", t)                                 # line 37
        gate_o = sig(x @ P["wo"] + z @ P["wor"] + P["bo"] + P["woc"] * state + g("ao", t))   # line 39
        z = np.tanh(state + g("s_out", t)) * gate_o + g("z", t)                              # line 42
        cache.append(dict(x=x, ps=ps if t > 0 else None, u=u, f=gate_f, i=gate_i, s=state, o=gate_o, z=z))
        s = state
    L = sum(np.sum(G[t] * cache[t]["z"]) for t in range(T))
    return L, cache


L0, cache = forward(P, X)


def fd_tap(k, t, shape=(N, M), eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        gr[idx] = (forward(P, X, {(k, t): e})[0] - forward(P, X, {(k, t): -e})[0]) / (2 * eps)
    return gr


def fd_param(k, eps=1e-6):
    gr = np.zeros(shapes[k])
    for idx in np.ndindex(*shapes[k]):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        gr[idx] = (forward(Pp, X)[0] - forward(Pm, X)[0]) / (2 * eps)
    return gr


def fd_x(t, eps=1e-6):
    gr = np.zeros((N, D))
    for idx in np.ndindex(N, D):
        Xp = [a.copy() for a in X]; Xm = [a.copy() for a in X]
        Xp[t][idx] += eps; Xm[t][idx] -= eps
        gr[idx] = (forward(P, Xp)[0] - forward(P, Xm)[0]) / (2 * eps)
    return gr


close = lambda a, b_: np.allclose(a, b_, rtol=1e-5, atol=1e-8)

# helper rows
a = rng.randn(5); eps = 1e-6
assert close(gate_diff(sig(a)), (sig(a + eps) - sig(a - eps)) / (2 * eps))
assert close(activation_diff(np.tanh(a)), (np.tanh(a + eps) - np.tanh(a - eps)) / (2 * eps))

# forward rows vs Gers et al. 2002 peephole LSTM (input/forget peek at s_{t-1}, output at s_t,
# no peephole into the cell input): independent re-implementation with concatenated weights
s = np.zeros((N, M)); z = np.zeros((N, M))
for t in range(T):
    xz = np.hstack([X[t], z])
    a_u = xz @ np.vstack([P["w"], P["wr"]]) + P["b"]
    i = sig(xz @ np.vstack([P["wi"], P["wir"]]) + P["bi"] + P["wic"] * s)
    f = sig(xz @ np.vstack([P["wf"], P["wfr"]]) + P["bf"] + P["wfc"] * s)
    s = f * s + i * np.tanh(a_u)
    o = sig(xz @ np.vstack([P["wo"], P["wor"]]) + P["bo"] + P["woc"] * s)
    z = o * np.tanh(s)
    assert close(z, cache[t]["z"]) and close(s, cache[t]["s"])
print("forward code rows 30-42: pass")

# docstring rows 132 and 145 against the code's model
t = 1
c = cache[t]
u_doc_extra = rng.randn(1, M)   # the P_i s^{t-1} term has no parameter in the code (11 weights, not 12)
assert not close(c["u"], c["u"] + u_doc_extra * cache[t - 1]["s"])
go_pre = X[t] @ P["wo"] + cache[t - 1]["z"] @ P["wor"] + P["woc"] * c["s"] + P["bo"]
assert not close(go_pre * np.tanh(c["s"]), c["z"]) and close(sig(go_pre) * np.tanh(c["s"]), c["z"])
print("docstring rows 132 (extra peephole into u) and 145 (y = go*tanh(s) with go a pre-activation): fail")

# backward, verbatim formulas, reverse time with a context dict
p = P
ctx = {}
grads = {k: np.zeros(shapes[k]) for k in names}
for t in reversed(range(T)):
    c = cache[t]
    s_, ps, u = c["s"], c["ps"], c["u"]
    go, gf, gi = c["o"], c["f"], c["i"]
    dy = G[t]
    pgf = np.zeros_like(gf) if t == T - 1 else cache[t + 1]["f"]                 # line 70 / 177
    drt, dit, dft, dot, dct = (ctx.get(k, np.zeros_like(dy)) for k in ["wr", "wi", "wf", "wo", "w"])  # line 72
    activated_s = np.tanh(s_); activated_u = np.tanh(u)                          # lines 75-76
    e = dy + np.dot(drt, p["wr"].T) + np.dot(dit, p["wir"].T) + \
        np.dot(dft, p["wfr"].T) + np.dot(dot, p["wor"].T)                        # line 78
    do = gate_diff(go) * activated_s * e                                        # line 81
    ds = go * activation_diff(activated_s) * e                                  # line 82
    dc = ds + pgf * dct + p["wfc"] * dft + p["wic"] * dit + p["woc"] * do       # line 83
    df = gate_diff(gf) * ps * dc if ps is not None else np.zeros_like(gf)       # line 85
    di = gate_diff(gi) * activated_u * dc                                       # line 86
    d = gi * activation_diff(activated_u) * dc                                  # line 88
    dx = np.dot(d, p["w"].T) + np.dot(di, p["wi"].T) + np.dot(do, p["wo"].T) + np.dot(df, p["wf"].T)  # line 90
    # FD checks of every delta at this step
    assert close(e, fd_tap("z", t)), ("e", t)
    assert close(do, fd_tap("ao", t)), ("do", t)
    assert close(ds, fd_tap("s_out", t)), ("ds", t)
    assert close(dc, fd_tap("s", t)), ("dc", t)
    assert close(df, fd_tap("af", t)), ("df", t)
    assert close(di, fd_tap("ai", t)), ("di", t)
    assert close(d, fd_tap("u", t)), ("d", t)
    assert close(dx, fd_x(t)), ("dx", t)
    for dt_d, dt in zip(["wr", "wi", "wf", "wo", "w"], (d, di, df, do, dc)):     # line 95-96
        ctx[dt_d] = dt
    for k, diff in zip(("w", "wo", "wi", "wf"), (d, do, di, df)):               # line 101-103
        grads[k] += np.dot(c["x"].T, diff)
    for k, diff in zip(("wr", "wor", "wir", "wfr"), (drt, dot, dit, dft)):      # line 105-107
        grads[k] += np.dot(c["z"].T, diff)
    for k, diff in zip(("wfc", "wic", "woc"), (dft, dit, do)):                  # line 109-111
        grads[k] += np.sum(diff * s_, axis=0, keepdims=True)
    for k, diff in zip(("b", "bf", "bi", "bo"), (d, df, di, do)):               # line 113-115
        grads[k] += np.sum(diff, axis=0, keepdims=True)

for k in names:
    assert close(grads[k], fd_param(k)), k
print("backward rows 70-115 and 177: pass (every delta and every accumulated parameter gradient matches FD)")
print("all verdicts confirmed")
