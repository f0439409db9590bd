# Finite-difference check of the peephole-LSTM BPTT in lstm_matlab_nakatenus.md
# (MoritzN89/lstm-matlab, lstm_layer.m / lstm_network.m).  Column vectors, weights act on
# i_arg = f_arg = [x; h_{t-1}; C_{t-1}], c_arg = [x; h_{t-1}], o_arg = [x; h_{t-1}; C_t];
# y_t = V h_t; loss of one computeGradients call: E = 1/2 ||y_T - target||^2 (delta = y - y_t).
# The intended recursion (C carried from step to step) is used to judge the backward lines;
# the driver bug (last_C always 0, md line 383) is shown separately at the end.
import numpy as np
rng = np.random.default_rng(1)
D, Hd, T = 1, 3, 4
sig = lambda a: 1 / (1 + np.exp(-a))
P = {"W_i": rng.uniform(-.9, .9, (Hd, D + 2 * Hd)), "W_f": rng.uniform(-.9, .9, (Hd, D + 2 * Hd)),
     "W_c": rng.uniform(-.9, .9, (Hd, D + Hd)), "W_o": rng.uniform(-.9, .9, (Hd, D + 2 * Hd)),
     "b_i": rng.uniform(-.5, .5, (Hd, 1)), "b_f": rng.uniform(-.5, .5, (Hd, 1)),
     "b_c": rng.uniform(-.5, .5, (Hd, 1)), "b_o": rng.uniform(-.5, .5, (Hd, 1)),
     "V": rng.uniform(-.9, .9, (D, Hd))}
X = rng.normal(size=(D, T)); target = rng.normal(size=(D, 1))
hInd = np.arange(D, D + Hd); cInd = np.arange(D + Hd, D + 2 * Hd)

def forward(P, carryC=True, eh=None, eC=None):
    h = np.zeros((Hd, 1)); C = np.zeros((Hd, 1)); L = []
    for t in range(T):
        s = {"last_h": h, "last_C": C if carryC else np.zeros((Hd, 1))}
        x = X[:, [t]]
        s["i_arg"] = np.vstack([x, s["last_h"], s["last_C"]]); s["f_arg"] = s["i_arg"].copy()
        s["c_arg"] = np.vstack([x, s["last_h"]])
        s["i"] = sig(P["W_i"] @ s["i_arg"] + P["b_i"])
        s["C_tild"] = np.tanh(P["W_c"] @ s["c_arg"] + P["b_c"])
        s["f"] = sig(P["W_f"] @ s["f_arg"] + P["b_f"])
        s["C"] = s["f"] * s["last_C"] + s["i"] * s["C_tild"]
        if eC is not None: s["C"] = s["C"] + eC[t]
        s["o_arg"] = np.vstack([x, s["last_h"], s["C"]])
        s["o"] = sig(P["W_o"] @ s["o_arg"] + P["b_o"])
        s["h"] = s["o"] * np.tanh(s["C"])
        if eh is not None: s["h"] = s["h"] + eh[t]
        s["y"] = P["V"] @ s["h"]
        h, C = s["h"], s["C"]; L.append(s)
    return L
E = lambda L: 0.5 * float(np.sum((L[-1]["y"] - target) ** 2))
dsig = lambda f: np.diag((f * (1 - f)).ravel()); dtanh = lambda f: np.diag((1 - f ** 2).ravel())
dsigP = lambda f: f * (1 - f); dtanhP = lambda f: 1 - f ** 2

def computeGradient(layer, nxt, delta_h, Cfix=False):          # md lines 103-135
    if nxt is not None:
        dhNext_dh = (P["W_o"][:, hInd].T @ dsig(nxt["o"]) @ np.diag(np.tanh(nxt["C"]).ravel())
                     + (P["W_f"][:, hInd].T @ dsig(nxt["f"]) @ np.diag(layer["C"].ravel())
                        + P["W_i"][:, hInd].T @ dsig(nxt["i"]) @ np.diag(nxt["C_tild"].ravel())
                        + P["W_c"][:, hInd].T @ dtanh(nxt["C_tild"]) @ np.diag(nxt["i"].ravel()))
                     @ dtanh(nxt["C"]) @ np.diag(nxt["o"].ravel()))
        delta_h = dhNext_dh @ delta_h
    dE_dC = (P["W_o"][:, cInd].T @ dsig(layer["o"]) @ np.diag(np.tanh(layer["C"]).ravel())
             + dtanh(layer["C"]) @ np.diag(layer["o"].ravel())) @ delta_h
    return local_grads(layer, dE_dC, delta_h, Cfix), delta_h

def local_grads(layer, dE_dC, delta_h, Cfix=False):            # md lines 122-135
    delta_i = np.diag(layer["C_tild"].ravel()) @ dE_dC
    delta_f = np.diag(layer["last_C"].ravel()) @ dE_dC
    delta_c = np.diag(layer["i"].ravel()) @ dE_dC
    delta_o = np.tanh(layer["C"]) * delta_h
    Cc = layer["C_tild"] if Cfix else layer["C"]
    return {"W_i": (dsigP(layer["i"]) * delta_i) @ layer["i_arg"].T,
            "W_f": (dsigP(layer["f"]) * delta_f) @ layer["f_arg"].T,
            "W_c": (dtanhP(Cc) * delta_c) @ layer["c_arg"].T,
            "W_o": (dsigP(layer["o"]) * delta_o) @ layer["o_arg"].T,
            "b_i": dsig(layer["i"]) @ delta_i, "b_f": dsig(layer["f"]) @ delta_f,
            "b_c": dtanh(Cc) @ delta_c, "b_o": dsig(layer["o"]) @ delta_o}

def computeGradients(L, capture=False, Cfix=False):            # md lines 63-86
    delta = L[-1]["y"] - target
    delta_h = P["V"].T @ delta
    tot = {k: 0 for k in P if k != "V"}; tot["V"] = delta @ L[-1]["h"].T
    for t in range(T - 1, -1, -1):
        g, dh_out = computeGradient(L[t], None if t == T - 1 else L[t + 1], delta_h, Cfix)
        if capture: delta_h = dh_out        # what '[gradients, delta_h] = ...' would do
        for k in g: tot[k] = tot[k] + g[k]
    return tot

def fd(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + eps; fp = f(); A[i] = o - eps; fm = f(); A[i] = o; G[i] = (fp - fm) / (2 * eps)
    return G
def rep(line, name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-8)
    print(f"line {line:>3} {name:<52} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(np.asarray(a)-np.asarray(b))):.2e}")

L = forward(P)
true = {k: fd(lambda: E(forward(P)), P[k]) for k in P}
# true total state gradients
eh = [np.zeros((Hd, 1)) for _ in range(T)]; eC = [np.zeros((Hd, 1)) for _ in range(T)]
dh_true = [fd(lambda: E(forward(P, eh=eh, eC=eC)), eh[t]) for t in range(T)]
dC_true = [fd(lambda: E(forward(P, eh=eh, eC=eC)), eC[t]) for t in range(T)]   # total dE/dC_t (incl. via h_t)

print("== top of computeGradients")
rep(64, "delta_h = V'*delta  vs dE/dh_T", P["V"].T @ (L[-1]["y"] - target), dh_true[-1])
rep(67, "dE_dV = delta*h'", P["V"].T.T * 0 + (L[-1]["y"] - target) @ L[-1]["h"].T, true["V"])

print("== dhNext_dh (lines 110-114) vs true (dh_{t+1}/dh_t)' with C_t fixed")
def step_h(hprev, Cprev, t):
    x = X[:, [t]]; a = np.vstack([x, hprev, Cprev])
    i = sig(P["W_i"] @ a + P["b_i"]); f = sig(P["W_f"] @ a + P["b_f"])
    Ct = np.tanh(P["W_c"] @ np.vstack([x, hprev]) + P["b_c"]); C = f * Cprev + i * Ct
    o = sig(P["W_o"] @ np.vstack([x, hprev, C]) + P["b_o"]); return o * np.tanh(C), C
t = 1
hp = L[t]["h"].copy()
J = np.zeros((Hd, Hd)); Jc = np.zeros((Hd, Hd))
for j in range(Hd):
    e = np.zeros((Hd, 1)); e[j] = 1e-6
    J[:, j] = ((step_h(hp + e, L[t]["C"], t + 1)[0] - step_h(hp - e, L[t]["C"], t + 1)[0]) / 2e-6).ravel()
    Jc[:, j] = ((step_h(hp + e, L[t]["C"], t + 1)[1] - step_h(hp - e, L[t]["C"], t + 1)[1]) / 2e-6).ravel()
nxt, lay = L[t + 1], L[t]
author_J = (P["W_o"][:, hInd].T @ dsig(nxt["o"]) @ np.diag(np.tanh(nxt["C"]).ravel())
            + (P["W_f"][:, hInd].T @ dsig(nxt["f"]) @ np.diag(lay["C"].ravel())
               + P["W_i"][:, hInd].T @ dsig(nxt["i"]) @ np.diag(nxt["C_tild"].ravel())
               + P["W_c"][:, hInd].T @ dtanh(nxt["C_tild"]) @ np.diag(nxt["i"].ravel()))
            @ dtanh(nxt["C"]) @ np.diag(nxt["o"].ravel()))
rep(110, "dhNext_dh as written", author_J, J.T)
peep = Jc.T @ P["W_o"][:, cInd].T @ dsig(nxt["o"]) @ np.diag(np.tanh(nxt["C"]).ravel())
rep(110, "dhNext_dh + missing (dC/dh)'*Wo_C'*dsig(o)*diag(tanh C)", author_J + peep, J.T)
JcT = (P["W_f"][:, hInd].T @ dsig(nxt["f"]) @ np.diag(lay["C"].ravel())
       + P["W_i"][:, hInd].T @ dsig(nxt["i"]) @ np.diag(nxt["C_tild"].ravel())
       + P["W_c"][:, hInd].T @ dtanh(nxt["C_tild"]) @ np.diag(nxt["i"].ravel()))
rep(110, "bracket term = (dC_{t+1}/dh_t)'  (this part is right)", JcT, Jc.T)
fixed_J = (P["W_o"][:, hInd].T @ dsig(nxt["o"]) @ np.diag(np.tanh(nxt["C"]).ravel())
           + JcT @ dtanh(np.tanh(nxt["C"])) @ np.diag(nxt["o"].ravel()) + peep)
rep(110, "peephole term added AND dtanh(tanh(C)) instead of dtanh(C)", fixed_J, J.T)

print("== delta_h recursion (line 116) with the TRUE Jacobian and TRUE dE/dh_{t+1}")
for t in (T - 2, T - 3):
    Jt = np.zeros((Hd, Hd))
    for j in range(Hd):
        e = np.zeros((Hd, 1)); e[j] = 1e-6
        Jt[:, j] = ((step_h(L[t]["h"] + e, L[t]["C"], t + 1)[0] - step_h(L[t]["h"] - e, L[t]["C"], t + 1)[0]) / 2e-6).ravel()
    rep(116, f"J'*dE/dh_(t+1) vs dE/dh_t, t=T-{T-1-t}", Jt.T @ dh_true[t + 1], dh_true[t])

print("== dE_dC (lines 119-120) fed with the TRUE dE/dh_t")
for t in (T - 1, T - 2):
    lay = L[t]
    dEdC = (P["W_o"][:, cInd].T @ dsig(lay["o"]) @ np.diag(np.tanh(lay["C"]).ravel())
            + dtanh(lay["C"]) @ np.diag(lay["o"].ravel())) @ dh_true[t]
    rep(119, f"dE_dC vs total dE/dC_t, t=T-{T-1-t}", dEdC, dC_true[t])
    dEdC2 = (P["W_o"][:, cInd].T @ dsig(lay["o"]) @ np.diag(np.tanh(lay["C"]).ravel())
             + dtanh(np.tanh(lay["C"])) @ np.diag(lay["o"].ravel())) @ dh_true[t]
    rep(119, f"  same with dtanh(tanh(C)), t=T-{T-1-t}", dEdC2, dC_true[t])
    if t < T - 1:
        nx = L[t + 1]
        rec = (nx["f"] * dC_true[t + 1] + P["W_i"][:, cInd].T @ (dsigP(nx["i"]) * nx["C_tild"] * dC_true[t + 1])
               + P["W_f"][:, cInd].T @ (dsigP(nx["f"]) * L[t]["C"] * dC_true[t + 1]))
        rep(119, f"  + f_(t+1).*dC_(t+1) + peephole terms, t=T-{T-1-t}", dEdC2 + rec, dC_true[t])

print("== per-step weight gradients (lines 122-135) fed with TRUE dE/dC_t and dE/dh_t, summed over t")
sums = {k: 0 for k in P if k != "V"}; sumsfix = {k: 0 for k in P if k != "V"}
for t in range(T):
    g = local_grads(L[t], dC_true[t], dh_true[t]); gf = local_grads(L[t], dC_true[t], dh_true[t], Cfix=True)
    for k in g: sums[k] = sums[k] + g[k]; sumsfix[k] = sumsfix[k] + gf[k]
lines = {"W_i": 127, "W_f": 128, "W_c": 129, "W_o": 130, "b_i": 132, "b_f": 133, "b_c": 134, "b_o": 135}
for k in lines: rep(lines[k], f"sum_t {k} as written", sums[k], true[k])
rep(129, "W_c with dtanhP(C_tild) instead of dtanhP(C)", sumsfix["W_c"], true["W_c"])
rep(134, "b_c with dtanh(C_tild) instead of dtanh(C)", sumsfix["b_c"], true["b_c"])

print("== whole computeGradients as written vs FD (one target at step T=4)")
A = computeGradients(L)
for k in ("W_i", "W_f", "W_o", "b_i"): rep(74, f"{k}: returned delta_h discarded (as written)", A[k], true[k])
Bc = computeGradients(L, capture=True)
rep(74, "W_i: delta_h captured (other errors remain)", Bc["W_i"], true["W_i"])
# what layer T-3 actually receives: dhNext_dh(T-3) * V'*delta, not the chain product
print("== driver (line 383): last_C = C with C never reassigned -> C_{t-1} = 0 at every step")
Lbug = forward(P, carryC=False)
print("   h_T with C carried:", L[-1]["h"].ravel().round(6), " as coded:", Lbug[-1]["h"].ravel().round(6))
print("== activateLayer (line 154): o_arg = [x; last_h; obj.C] is built before obj.C = f.*last_C + i.*C_tild (line 173)")
stale = np.zeros((Hd, 1))          # obj.C of a fresh layer object (constructor: zeros)
s = L[0]
print("   C block of o_arg on the first call:", stale.ravel(), " vs C_t:", s["C"].ravel().round(6))
