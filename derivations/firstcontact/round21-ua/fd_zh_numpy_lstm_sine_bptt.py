# FD checks for zh_numpy_lstm_sine_bptt.md
# Author's model (column vectors): concat_t = [h_{t-1}; x_t]; f,i,o = sigmoid(W. concat + b.), c~ = tanh(Wc concat + bc),
# c_t = f*c_{t-1} + i*c~, h_t = o*tanh(c_t), y_t = Wy h_t + by; many-to-one: L = (y_T - target)^2 at the last step only.
# Backward rows are checked step-locally: each row is fed the TRUE values (finite differences) of the quantities it
# consumes (dh, dc_next, dc, gate pre-activation gradients) and its output is compared with the TRUE value it names.
import numpy as np
rng = np.random.default_rng(7)
D_in, H, T = 2, 3, 4
P = {k: rng.normal(size=(H, H + D_in)) * 0.8 for k in ("Wf", "Wi", "Wo", "Wc")}
P.update({k: rng.normal(size=(H, 1)) * 0.3 for k in ("bf", "bi", "bo", "bc")})
P["Wy"] = rng.normal(size=(1, H)); P["by"] = rng.normal(size=(1, 1))
Xs = [rng.normal(size=(D_in, 1)) for _ in range(T)]; target = 0.37
eps = 1e-6
sig = lambda z: 1 / (1 + np.exp(-z))
def rep(line, ok, note=""):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")

# the author's helper functions, verbatim semantics
def dsigmoid(x): s = sig(x); return s * (1 - s)
def dtanh(x): return 1 - np.tanh(x) ** 2

def run(P=P, Xs=Xs, pert=None):
    """pert: dict {(name, t): vec} added to: 'af','ai','ao','ac' pre-activations, 'c' (c_t before h_t), 'h' (h_t after), 'x' (x_t)."""
    pert = pert or {}
    h = np.zeros((H, 1)); c = np.zeros((H, 1)); S = []
    for t in range(T):
        x = Xs[t] + pert.get(("x", t), 0)
        concat = np.vstack((h, x))
        a = {k: P["W" + k] @ concat + P["b" + k] for k in "fioc"}
        for k in "fioc":
            a[k] = a[k] + pert.get(("a" + k, t), 0)
        f, i, o, ct = sig(a["f"]), sig(a["i"]), sig(a["o"]), np.tanh(a["c"])
        cp = c
        c = f * c + i * ct + pert.get(("c", t), 0)
        h = o * np.tanh(c) + pert.get(("h", t), 0)
        y = P["Wy"] @ h + P["by"]
        S.append(dict(concat=concat, f=f, i=i, o=o, ct=ct, c=c, cp=cp, h=h, y=y))
    L = ((S[-1]["y"] - target) ** 2).item()
    return L, S

L0, S = run()
def fdvec(name, t, n):
    g = np.zeros((n, 1))
    for a in range(n):
        e = np.zeros((n, 1)); e[a] = eps
        g[a] = (run(pert={(name, t): e})[0] - run(pert={(name, t): -e})[0]) / (2 * eps)
    return g
DH = {t: fdvec("h", t, H) for t in range(T)}     # total dL/dh_t
DC = {t: fdvec("c", t, H) for t in range(T)}     # total dL/dc_t
DA = {(k, t): fdvec("a" + k, t, H) for k in "fioc" for t in range(T)}   # dL/d(pre-activations)
DX = {t: fdvec("x", t, D_in) for t in range(T)}
def fdP(name):
    M = P[name]; G = np.zeros_like(M)
    for a in range(M.shape[0]):
        for b in range(M.shape[1]):
            Q = dict(P); Mp = M.copy(); Mp[a, b] += eps; Q[name] = Mp; lp = run(P=Q)[0]
            Mm = M.copy(); Mm[a, b] -= eps; Q[name] = Mm; lm = run(P=Q)[0]
            G[a, b] = (lp - lm) / (2 * eps)
    return G
G = {k: fdP(k) for k in ("Wf", "Wi", "Wo", "Wc", "bf", "bi", "bo", "bc", "Wy", "by")}

# definitions / forward rows
zz = np.linspace(-3, 3, 7)
rep(11, True, "(sigmoid definition)")
rep(15, np.allclose(dsigmoid(zz), (sig(zz + eps) - sig(zz - eps)) / (2 * eps), atol=1e-8), "(f' = f(1-f) as a function of the pre-activation)")
rep(19, np.allclose(dsigmoid(zz), (sig(zz + eps) - sig(zz - eps)) / (2 * eps), atol=1e-8), "(dsigmoid(x) = sigmoid'(x))")
rep(30, np.allclose(dtanh(zz), (np.tanh(zz + eps) - np.tanh(zz - eps)) / (2 * eps), atol=1e-8), "(tanh' = 1 - tanh^2)")
rep(33, np.allclose(dtanh(zz), (np.tanh(zz + eps) - np.tanh(zz - eps)) / (2 * eps), atol=1e-8), "(dtanh(x) = tanh'(x))")
for l in (80, 83, 84, 85, 86, 89, 90, 93, 180):
    rep(l, True, "(forward/loss definition used by the model)")

T1 = T - 1
dy_true = {t: (2 * (S[-1]["y"] - target) if t == T1 else np.zeros((1, 1))) for t in range(T)}
# line 109: dh = Wy^T dy + dh_next, with dy = dL/dy_t and dh_next = part of dL/dh_t through step t+1
def dh_next_true(t):   # dL/dh_t through step t+1 = dconcat[:H] of step t+1 with true pre-activation grads
    if t == T1: return np.zeros((H, 1))
    dcon = sum(P["W" + k].T @ DA[(k, t + 1)] for k in "fioc")
    return dcon[:H]
rep(109, all(np.allclose(P["Wy"].T @ dy_true[t] + dh_next_true(t), DH[t], atol=1e-6) for t in range(T)))
# line 110: dc = dc_next + dh*o*dtanh(tanh(c)), dc_next = f_{t+1} * dL/dc_{t+1}
def dc_next_true(t): return np.zeros((H, 1)) if t == T1 else S[t + 1]["f"] * DC[t + 1]
ok110 = all(np.allclose(dc_next_true(t) + DH[t] * S[t]["o"] * dtanh(np.tanh(S[t]["ct"] * S[t]["i"] + S[t]["f"] * S[t]["cp"])), DC[t], atol=1e-6) for t in range(T))
fix110 = all(np.allclose(dc_next_true(t) + DH[t] * S[t]["o"] * (1 - np.tanh(S[t]["c"]) ** 2), DC[t], atol=1e-6) for t in range(T))
rep(110, ok110, f"(author: 1-tanh(tanh(c))^2; with 1-tanh(c)^2 it would match: {fix110})")
# line 113: dc_tilde (gradient w.r.t. the candidate pre-activation, it feeds dWc) = dc * i * dtanh(c_tilde)
ok113 = all(np.allclose(DC[t] * S[t]["i"] * dtanh(S[t]["ct"]), DA[("c", t)], atol=1e-6) for t in range(T))
fix113 = all(np.allclose(DC[t] * S[t]["i"] * (1 - S[t]["ct"] ** 2), DA[("c", t)], atol=1e-6) for t in range(T))
rep(113, ok113, f"(author: 1-tanh(c~)^2 with c~ already a tanh output; with 1-c~^2 it would match: {fix113})")
# lines 118, 123, 128: gate pre-activation gradients with dsigmoid applied to the gate OUTPUT
for line, k, fac in ((118, "i", lambda t: DC[t] * S[t]["ct"]), (123, "f", lambda t: DC[t] * S[t]["cp"]),
                     (128, "o", lambda t: DH[t] * np.tanh(S[t]["ct"] * S[t]["i"] + S[t]["f"] * S[t]["cp"]))):
    g = S[0][k]
    ok = all(np.allclose(fac(t) * dsigmoid(S[t][k]), DA[(k, t)], atol=1e-6) for t in range(T))
    fix = all(np.allclose(fac(t) * S[t][k] * (1 - S[t][k]), DA[(k, t)], atol=1e-6) for t in range(T))
    rep(line, ok, f"(author: sigmoid'(gate output); with g*(1-g) it would match: {fix})")
# dW / db rows, step-local: true pre-activation gradient times concat^T, summed over steps, equals dL/dW
for line_w, line_b, k in ((114, 115, "c"), (119, 120, "i"), (124, 125, "f"), (129, 130, "o")):
    okw = np.allclose(sum(DA[(k, t)] @ S[t]["concat"].T for t in range(T)), G["W" + k], atol=1e-6)
    okb = np.allclose(sum(DA[(k, t)] for t in range(T)), G["b" + k], atol=1e-6)
    rep(line_w, okw, "(step-local: given the true pre-activation gradient)")
    rep(line_b, okb, "(step-local)")
# line 133 / 139 / 140: dconcat = sum W^T d., split [h_prev; x]
ok133 = True; ok139 = True; ok140 = True
for t in range(T):
    dcon = sum(P["W" + k].T @ DA[(k, t)] for k in "fioc")
    ok139 &= np.allclose(dcon[H:], DX[t], atol=1e-6)
    if t > 0: ok140 &= np.allclose(dcon[:H], DH[t - 1], atol=1e-6)
ok133 = ok139 and ok140
rep(133, ok133, "(step-local)"); rep(139, ok139); rep(140, ok140, "(loss only at the last step, so every path from h_{t-1} passes step t's gates)")
# line 141: dc_prev = f * dc  (c-path part of dL/dc_{t-1})
ok141 = all(np.allclose(S[t]["f"] * DC[t] + DH[t - 1] * S[t - 1]["o"] * (1 - np.tanh(S[t - 1]["c"]) ** 2), DC[t - 1], atol=1e-6) for t in range(1, T))
rep(141, ok141, "(f_t*dL/dc_t + h-path = dL/dc_{t-1})")
# lines 184, 185, 198: output-layer gradients of L = (y_pred - y)^2
dyv = S[-1]["y"] - target
rep(184, np.allclose(dyv * S[-1]["h"].T, G["Wy"], atol=1e-6), f"(true dL/dWy = 2(y_pred-y)h^T; ratio {float((G['Wy'] / (dyv * S[-1]['h'].T)).mean()):.3f})")
rep(185, np.allclose(dyv, G["by"], atol=1e-6), "(true dL/dby = 2(y_pred-y))")
rep(198, np.allclose(dyv, dy_true[T1], atol=1e-6), "(true dL/dy_T = 2(y_pred-y); 0 at earlier steps is right)")
# lines 203-210: per-step parameter gradients summed over time (given true per-step terms)
okW = all(np.allclose(sum(DA[(k, t)] @ S[t]["concat"].T for t in range(T)), G["W" + k], atol=1e-6) for k in "fico")
okb = all(np.allclose(sum(DA[(k, t)].sum(axis=1, keepdims=True) for t in range(T)), G["b" + k], atol=1e-6) for k in "fico")
for l in (203, 204, 205, 206): rep(l, okW, "(sum over steps)")
for l in (207, 208, 209, 210): rep(l, okb, "(sum over steps; batch axis of size 1)")
