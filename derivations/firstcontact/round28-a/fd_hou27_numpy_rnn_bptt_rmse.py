"""Finite-difference check of hou27_numpy_rnn_bptt_rmse.md (numpy only).
Forward as in RNN/forward_pass.py (column vectors, tanh, linear output).  Local checks: each
backward line is evaluated with correct upstream values and compared to central differences.
H=3 is used for lines whose verdict does not depend on H (line 80 is checked at the author's H=1)."""
import json, os
import numpy as np
here = os.path.dirname(os.path.abspath(__file__)); F = "hou27_numpy_rnn_bptt_rmse.md"
exp = json.load(open(os.path.join(here, "expected.json")))[F]
rng = np.random.default_rng(28); EPS = 1e-6
res = {}
def rep(line, ok, note=""):
    res[str(line)] = ok; print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")
tanh = lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
d_tanh = lambda x: 1 - tanh(x) ** 2            # activation/tanh.py
def make(H):
    return dict(W_xh=rng.normal(0, .8, (H, 1)), W_hh=rng.normal(0, .6, (H, H)), W_hy=rng.normal(0, .8, (1, H)),
                b_hidden=rng.normal(0, .3, (H, 1)), b_out=rng.normal(0, .3, (1, 1)))
T = 5; xs = rng.normal(0, 1, T); ys = rng.normal(0, 1, T)
def fwd(P, h0):
    hs, outs, As = [], [], []; h = h0
    for t in range(T):
        a = P["W_hh"] @ h + P["W_xh"] * xs[t] + P["b_hidden"]; h = tanh(a)
        outs.append(P["W_hy"] @ h + P["b_out"]); hs.append(h.copy()); As.append(a)
    return outs, hs, As
def L_half(P, h0): return sum(0.5 * ((o - y) ** 2).sum() for o, y in zip(fwd(P, h0)[0], ys))
def fdgrad(fun, P, k):
    G = np.zeros_like(P[k])
    for i in np.ndindex(*P[k].shape):
        Q = {a: b.copy() for a, b in P.items()}; Q[k][i] += EPS; lp = fun(Q)
        Q[k][i] -= 2 * EPS; G[i] = (lp - fun(Q)) / (2 * EPS)
    return G
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
H = 3; P = make(H); h0 = np.zeros((H, 1))
outs, hs, As = fwd(P, h0)
# line 31, 36: forward definitions reproduce themselves (and the stored h is post-activation)
rep(31, all(close(hs[t], tanh(As[t])) for t in range(T)), "h_t = tanh(W_hh h + W_xh x + b)")
rep(36, all(close(outs[t], P["W_hy"] @ hs[t] + P["b_out"]) for t in range(T)), "out = W_hy h + b_out")
rep(74, True, "loss definition (RMSE per step), nothing to differentiate")
# line 77: d_y_t vs d/dout of sqrt(mean((out-y)^2))
o = outs[2]; y = ys[2]; rm = lambda v: np.sqrt(np.mean(np.square(v - y)))
fdv = (rm(o + EPS) - rm(o - EPS)) / (2 * EPS)
rep(77, close(o - y, fdv), f"o-y={float((o-y).item()):.4f}  fd={float(np.asarray(fdv).item()):.4f}")
# correct backward (for 0.5*SE loss) with author's expressions swapped in one at a time
def backward(P, outs, hs, h0, variant=None):
    g = {k: np.zeros_like(v) for k, v in P.items()}; dnext = np.zeros((P["W_hh"].shape[0], 1))
    for t in reversed(range(T)):
        dy = outs[t] - ys[t]
        g["W_hy"] += dy @ hs[t].T if variant != 80 else dy * hs[t]
        g["b_out"] += dy
        dh = P["W_hy"].T @ dy + dnext
        da = (d_tanh(hs[t]) if variant == 91 else (1 - hs[t] ** 2)) * dh
        g["b_hidden"] += da
        g["W_xh"] += da * xs[t]
        hprev = (hs[t - 1] if variant == 98 else (hs[t - 1] if t > 0 else h0))
        g["W_hh"] += da @ hprev.T
        dnext = P["W_hh"].T @ da
    return g
fun = lambda Q: L_half(Q, h0)
FD = {k: fdgrad(fun, P, k) for k in P}
gc = backward(P, outs, hs, h0)
rep(83, close(gc["b_out"], FD["b_out"]), "d_b_out")
rep(87, close(gc["W_hh"], FD["W_hh"]) and close(gc["W_xh"], FD["W_xh"]), "d_h_t = W_hy^T d_y + d_h_next (downstream grads match)")
rep(92, close(gc["b_hidden"], FD["b_hidden"]), "d_b_hidden")
rep(95, close(gc["W_xh"], FD["W_xh"]), "d_xh")
rep(99, close(gc["W_hh"], FD["W_hh"]), "d_h_next = W_hh^T d_h_raw")
g91 = backward(P, outs, hs, h0, 91)
rep(91, close(g91["b_hidden"], FD["b_hidden"]), "d_tanh(h_t) instead of 1-h_t^2")
# line 98: nonzero h0 would show the index error even more; with h0 = 0 (author) the t=0 term must vanish
g98 = backward(P, outs, hs, h0, 98)
rep(98, close(g98["W_hh"], FD["W_hh"]), "hidden_states[t-1] at t=0 is the LAST state")
# line 80 at author's H=1
P1 = make(1); h01 = np.zeros((1, 1)); o1, h1, _ = fwd(P1, h01)
g80 = backward(P1, o1, h1, h01, 80); FD1 = fdgrad(lambda Q: L_half(Q, h01), P1, "W_hy")
rep(80, g80["W_hy"].shape == P1["W_hy"].shape and close(g80["W_hy"], FD1), "d_y_t * h_t at hidden_size=1")
agree = all(res[k] == (exp[k]["expected"] == "pass") for k in exp) and set(res) == set(exp)
print("ALL VERDICTS AGREE WITH expected.json" if agree else "DISAGREEMENT WITH expected.json")
