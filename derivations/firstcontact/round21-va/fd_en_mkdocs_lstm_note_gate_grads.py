# FD checks for en_mkdocs_lstm_note_gate_grads.md
# Author's cell (column vectors): f,i,o = sigma(W_x* x_t + W_h* h_{t-1} + b_*), C~ = tanh(W_xC x_t + W_hC h_{t-1} + b_C),
# C_t = f*C_{t-1} + i*C~, h_t = o*tanh(C_t).  The author leaves the loss generic ("e.g. cross-entropy, MSE");
# here L = sum_t 0.5*||V h_t - y_t||^2 (a loss on every h_t, so dL/dh_t has a direct and a recurrent part).
# Conventions checked: dL/dh_t, dL/dC_t, dL/df_t ... are TOTAL derivatives w.r.t. the node; "dL/dW_xf" rows are
# the step-t contribution (weight used only at step t); dL/dh_{t-1} is the part passed back through step t.
import numpy as np

rng = np.random.default_rng(11)
D, H, T, K = 2, 3, 4, 2
G = "fioC"
P = {}
for g in G:
    P["Wx" + g] = rng.normal(size=(H, D)) * 0.8
    P["Wh" + g] = rng.normal(size=(H, H)) * 0.8
    P["b" + g] = rng.normal(size=(H, 1)) * 0.3
V = rng.normal(size=(K, H))
X = [rng.normal(size=(D, 1)) for _ in range(T)]
Y = [rng.normal(size=(K, 1)) for _ in range(T)]
eps = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))


def rep(line, ok, note=""):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")


def run(pert=None, wover=None):
    """pert[(name,t)] added to node values: 'f','i','o','ct' (post-activation), 'C', 'h', 'x', 'hin' (h_{t-1} seen by step t).
    wover[(param,t)] replaces a parameter at step t only."""
    pert = pert or {}
    wover = wover or {}
    h = np.zeros((H, 1)); C = np.zeros((H, 1)); L = 0.0; S = []
    for t in range(T):
        x = X[t] + pert.get(("x", t), 0)
        hin = h + pert.get(("hin", t), 0)
        Wp = lambda n: wover.get((n, t), P[n])
        a = {g: Wp("Wx" + g) @ x + Wp("Wh" + g) @ hin + Wp("b" + g) for g in G}
        f = sig(a["f"]) + pert.get(("f", t), 0)
        i = sig(a["i"]) + pert.get(("i", t), 0)
        o = sig(a["o"]) + pert.get(("o", t), 0)
        ct = np.tanh(a["C"]) + pert.get(("ct", t), 0)
        Cp = C
        C = f * Cp + i * ct + pert.get(("C", t), 0)
        h = o * np.tanh(C) + pert.get(("h", t), 0)
        L += 0.5 * float(np.sum((V @ h - Y[t]) ** 2))
        S.append(dict(x=x, hin=hin, a=a, f=f, i=i, o=o, ct=ct, Cp=Cp, C=C, h=h))
    return L, S


L0, S = run()


def fdnode(name, t, n):
    g = np.zeros((n, 1))
    for k in range(n):
        e = np.zeros((n, 1)); e[k] = eps
        g[k] = (run(pert={(name, t): e})[0] - run(pert={(name, t): -e})[0]) / (2 * eps)
    return g


def fdW_step(pname, t):
    M = P[pname]; Gm = np.zeros_like(M)
    for a in range(M.shape[0]):
        for b in range(M.shape[1]):
            Mp = M.copy(); Mp[a, b] += eps
            Mm = M.copy(); Mm[a, b] -= eps
            Gm[a, b] = (run(wover={(pname, t): Mp})[0] - run(wover={(pname, t): Mm})[0]) / (2 * eps)
    return Gm


DH = {t: fdnode("h", t, H) for t in range(T)}
DC = {t: fdnode("C", t, H) for t in range(T)}
DF = {t: fdnode("f", t, H) for t in range(T)}
DI = {t: fdnode("i", t, H) for t in range(T)}
DO = {t: fdnode("o", t, H) for t in range(T)}
DCT = {t: fdnode("ct", t, H) for t in range(T)}
DX = {t: fdnode("x", t, D) for t in range(T)}
DHIN = {t: fdnode("hin", t, H) for t in range(T)}
GW = {(p, t): fdW_step(p, t) for p in ("Wxf", "Wxo", "WxC") for t in range(T)}
close = lambda A, B: np.allclose(A, B, atol=1e-6, rtol=1e-5)

for l in (14, 18, 22, 26, 30):
    rep(l, True, "(forward definition used by the model)")
rep(43, True, "(definition d_out = dL/dh_t)")

ts = range(T)
# 48: dL/dW_xf (step t) = dL/df_t * df_t/dW_xf = (dL/df_t . f(1-f)) x_t^T
rep(48, all(close((DF[t] * S[t]["f"] * (1 - S[t]["f"])) @ S[t]["x"].T, GW[("Wxf", t)]) for t in ts))
# 49: = dL/dC_t * dC_t/df_t * df_t/da_f * da_f/dW_xf (dC_t/df_t = C_{t-1})
rep(49, all(close((DC[t] * S[t]["Cp"] * S[t]["f"] * (1 - S[t]["f"])) @ S[t]["x"].T, GW[("Wxf", t)]) for t in ts))
rep(50, all(close((DC[t] * S[t]["Cp"] * S[t]["f"] * (1 - S[t]["f"])) @ S[t]["x"].T, GW[("Wxf", t)]) for t in ts))
# 58/59: dL/dC_t = dL/dh_t o_t (1 - tanh^2 C_t) + dL/dC_{t+1} f_{t+1}
def rhs58(t):
    r = DH[t] * S[t]["o"] * (1 - np.tanh(S[t]["C"]) ** 2)
    if t + 1 < T:
        r = r + DC[t + 1] * S[t + 1]["f"]
    return r
rep(58, all(close(rhs58(t), DC[t]) for t in ts))
rep(59, all(close(rhs58(t), DC[t]) for t in ts))
# 67: dL/dW_xo (step t) = (dL/do_t . o(1-o)) x_t^T
rep(67, all(close((DO[t] * S[t]["o"] * (1 - S[t]["o"])) @ S[t]["x"].T, GW[("Wxo", t)]) for t in ts))
rep(68, all(close((DH[t] * np.tanh(S[t]["C"]) * S[t]["o"] * (1 - S[t]["o"])) @ S[t]["x"].T, GW[("Wxo", t)]) for t in ts))
rep(69, all(close((DH[t] * np.tanh(S[t]["C"]) * S[t]["o"] * (1 - S[t]["o"])) @ S[t]["x"].T, GW[("Wxo", t)]) for t in ts))
# 77-79: dL/dW_xC (step t)
rep(77, all(close((DCT[t] * (1 - S[t]["ct"] ** 2)) @ S[t]["x"].T, GW[("WxC", t)]) for t in ts))
rep(78, all(close((DC[t] * S[t]["i"] * (1 - S[t]["ct"] ** 2)) @ S[t]["x"].T, GW[("WxC", t)]) for t in ts))
rep(79, all(close((DC[t] * S[t]["i"] * (1 - S[t]["ct"] ** 2)) @ S[t]["x"].T, GW[("WxC", t)]) for t in ts))
# also confirm the intermediate identity dL/df_t = dL/dC_t C_{t-1} used in rows 49/50 (printed as info)
assert all(close(DF[t], DC[t] * S[t]["Cp"]) for t in ts)

# 87/88: dL/dx_t (row-vector reading of "dL/dg . g' . W_xg", i.e. W_xg^T (dL/dg * g'))
def gate_sum(t, pref, dct_source):
    s = S[t]
    r = P[pref + "f"].T @ (DF[t] * s["f"] * (1 - s["f"]))
    r = r + P[pref + "i"].T @ (DI[t] * s["i"] * (1 - s["i"]))
    r = r + P[pref + "o"].T @ (DO[t] * s["o"] * (1 - s["o"]))
    r = r + P[pref + "C"].T @ (dct_source(t) * (1 - s["ct"] ** 2))
    return r
rep(87, all(close(gate_sum(t, "Wx", lambda t: DCT[t]), DX[t]) for t in ts))
rep(88, all(close(gate_sum(t, "Wx", lambda t: DCT[t]), DX[t]) for t in ts))
# 94/95: dL/dh_{t-1} passed back through step t
rep(94, all(close(gate_sum(t, "Wh", lambda t: DCT[t]), DHIN[t]) for t in ts))
ok95 = all(close(gate_sum(t, "Wh", lambda t: DC[t]), DHIN[t]) for t in ts)   # author uses dL/dC_t in the last term
rep(95, ok95, "(last term uses dL/dC_t instead of dL/dC~_t = dL/dC_t * i_t)")
# confirm that inserting the missing i_t repairs row 95
assert all(close(gate_sum(t, "Wh", lambda t: DC[t] * S[t]["i"]), DHIN[t]) for t in ts)
