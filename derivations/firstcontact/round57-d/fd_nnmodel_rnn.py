"""Finite-difference check of nnmodel_rnn.md (AkiRusProd/numpy-nn-model @ 457d6f7, rnn.py).

Model: s_t = tanh(x_t @ w + s_{t-1} @ wh + b), row vectors, batch first, s_{-1} = 0.
error[:, t, :] = dL/ds_t from above (return_sequences=True); L = sum(G * states[:, 0:-1, :]).
hidden_delta is meant as the total dL/d(pre-activation of s_t); next_hidden_delta as the part of
dL/ds_{t-1} that flows through step t; output_error[:, t, :] as dL/dx_t.
"""
import numpy as np

rng = np.random.RandomState(5757)
B, T, D, H = 2, 4, 3, 5
X = rng.randn(B, T, D)
G = rng.randn(B, T, H)
P = {"w": rng.randn(D, H) * 0.6, "wh": rng.randn(H, H) * 0.6, "b": rng.randn(H) * 0.3}
results = {}


def check(line, got, ref, expect):
    got = np.asarray(got, float); ref = np.asarray(ref, float)
    err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
    verdict = "pass" if err < 1e-6 else "fail"
    if verdict == "fail":
        assert err > 1e-2, (line, err)
    results[line] = verdict
    print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    assert verdict == expect, line


class Tanh:
    def function(self, x):
        return np.tanh(x)

    def derivative(self, x):
        return 1.0 - np.power(self.function(x), 2)


th = Tanh()
xs = np.linspace(-3, 3, 13); hh = 1e-6
tanh_ref = lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
check(12, th.function(xs), tanh_ref(xs), "pass")
check(16, th.derivative(xs), (tanh_ref(xs + hh) - tanh_ref(xs - hh)) / (2 * hh), "pass")

HOOKS = {"a": (B, T, H), "s": (B, T, H), "sin": (B, T, H)}


def forward(P, X, hk=None, return_all=False):
    hk = hk or {k: np.zeros(s) for k, s in HOOKS.items()}
    S = np.zeros((B, T + 1, H)); A = np.zeros((B, T, H))
    for t in range(T):
        sp = S[:, t - 1] + hk["sin"][:, t]
        A[:, t] = X[:, t] @ P["w"] + sp @ P["wh"] + P["b"] + hk["a"][:, t]
        S[:, t] = tanh_ref(A[:, t]) + hk["s"][:, t]
    L = np.sum(G * S[:, 0:-1])
    return (L, S, A) if return_all else L


def fd(fun, arr, h=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + h; fp = fun()
        arr[i] = old - h; fm = fun()
        arr[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g


hk = {k: np.zeros(s) for k, s in HOOKS.items()}
TRUE = {k: fd(lambda: forward(P, X, hk), hk[k]) for k in HOOKS}
Xc = X.copy(); dX_true = fd(lambda: forward(P, Xc), Xc)
Pc = {k: v.copy() for k, v in P.items()}
dP_true = {k: fd(lambda: forward(Pc, X), Pc[k]) for k in P}
L, S_ref, A_ref = forward(P, X, return_all=True)

# forward row 76 as written
input_data, w, wh, b = X, P["w"], P["wh"], P["b"]
states = np.zeros((B, T + 1, H))
for t in range(T):
    states[:, t, :] = th.function(np.dot(input_data[:, t, :], w) + np.dot(states[:, t-1, :], wh) + b)
check(76, states[:, :T], S_ref[:, :T], "pass")

error = G
rows = {109: [], 115: [], 117: []}
gw = 0; gwh = 0; gb = 0
for t in reversed(range(T)):
    next_hidden_delta = TRUE["sin"][:, t + 1] if t + 1 < T else np.zeros((B, H))
    hidden_delta = (next_hidden_delta + error[:, t, :]) * th.derivative(S_ref[:, t, :])       # 109 as written
    rows[109].append((hidden_delta, TRUE["a"][:, t]))
    hd = TRUE["a"][:, t]                                                                   # true value for later rows
    gw = gw + np.dot(input_data[:, t, :].T, hd)                                            # 111
    gwh = gwh + np.dot(S_ref[:, t - 1, :].T, hd)                                           # 112
    gb = gb + np.sum(error[:, t, :], axis=0)                                               # 113 as written
    rows[115].append((np.dot(hd, wh.T), TRUE["sin"][:, t]))                                # 115
    rows[117].append((np.dot(np.dot(error[:, t, :], wh.T), w.T), dX_true[:, t]))           # 117 as written

check(109, np.stack([p[0] for p in rows[109]]), np.stack([p[1] for p in rows[109]]), "fail")
check(111, gw, dP_true["w"], "pass")
check(112, gwh, dP_true["wh"], "pass")
check(113, gb, dP_true["b"], "fail")
check(115, np.stack([p[0] for p in rows[115]]), np.stack([p[1] for p in rows[115]]), "pass")
check(117, np.stack([p[0] for p in rows[117]]), np.stack([p[1] for p in rows[117]]), "fail")

# sanity: the corrected forms are right
assert np.allclose(np.sum(TRUE["a"], axis=(0, 1)), dP_true["b"], atol=1e-7)           # grad_b = sum of hidden_delta
assert np.allclose(TRUE["a"] @ w.T, dX_true, atol=1e-7)                                 # dX_t = hidden_delta @ w.T
assert np.allclose((np.concatenate([TRUE["sin"][:, 1:], np.zeros((B, 1, H))], 1) + G) * th.derivative(A_ref), TRUE["a"], atol=1e-7)

print("all verdicts as expected; rows checked:", len(results))
