"""Finite-difference check of zh_cmu11785_rnn_lstm_nabla_notes.md (numpy only).

Conventions (the notes'): column-vector forward pass, W x products; every gradient
nabla_v Loss is a ROW vector (CMU 11-785 style), so "nabla_z Loss x W" = g @ W;
weight gradients nabla_W Loss are accumulated as outer products input (x) nabla_z,
i.e. they have the shape of W^T.  Node gradients are obtained by injecting an
additive perturbation at the node and taking central differences of the loss.
"""
import json, os
import numpy as np

rng = np.random.default_rng(27)
EPS = 1e-6
TOL = 1e-6
FILE = "zh_cmu11785_rnn_lstm_nabla_notes.md"
here = os.path.dirname(os.path.abspath(__file__))
expected = json.load(open(os.path.join(here, "expected.json")))[FILE]
results = {}

def report(line, ok, note=""):
    results[line] = ok
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")

def close(a, b, tol=TOL):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.allclose(a, b, atol=tol, rtol=1e-5)

sig = lambda z: 1.0 / (1.0 + np.exp(-z))

def node_grad(loss_fn, key, size):
    g = np.zeros(size)
    for k in range(size):
        e = np.zeros(size); e[k] = EPS
        g[k] = (loss_fn({key: e}) - loss_fn({key: -e})) / (2 * EPS)
    return g

def param_grad(loss_of_params, P, name):
    W = P[name]; G = np.zeros_like(W)
    it = np.nditer(W, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += EPS
        lp = loss_of_params(Q)
        Q[name][idx] -= 2 * EPS
        lm = loss_of_params(Q)
        G[idx] = (lp - lm) / (2 * EPS)
    return G

# ------------------------------------------------------------------ vanilla RNN part
D, H, K, T = 3, 4, 2, 4
R = {"W1": rng.normal(0, .6, (H, D)), "W11": rng.normal(0, .6, (H, H)), "b1": rng.normal(0, .3, H),
     "W2": rng.normal(0, .6, (K, H)), "b2": rng.normal(0, .3, K), "hinit": rng.normal(0, .5, H)}
X = rng.normal(0, 1, (T, D)); Q = rng.normal(0, 1, (T, K))

def rnn(P, pert=None):
    pert = pert or {}
    p = lambda key, n: pert.get(key, np.zeros(n))
    h = P["hinit"] + p(("hinit",), H)
    cache = {"h": {-1: h}}; L = 0.0
    for t in range(T):
        z1 = P["W1"] @ X[t] + P["W11"] @ h + P["b1"] + p(("z1", t), H)
        h = np.tanh(z1) + p(("h", t), H)
        z2 = P["W2"] @ h + P["b2"] + p(("z2", t), K)
        y = np.tanh(z2) + p(("y", t), K)          # f_2 = tanh
        L += Q[t] @ y + 0.5 * y @ y
        cache["h"][t] = h; cache.setdefault("z1", {})[t] = z1; cache.setdefault("z2", {})[t] = z2
        cache.setdefault("y", {})[t] = y
    return L, cache

Lr = lambda pert=None: rnn(R, pert)[0]
_, cr = rnn(R)
gy = {t: node_grad(Lr, ("y", t), K) for t in range(T)}
gz2 = {t: node_grad(Lr, ("z2", t), K) for t in range(T)}
gh = {t: node_grad(Lr, ("h", t), H) for t in range(T)}
gz1 = {t: node_grad(Lr, ("z1", t), H) for t in range(T)}
gz1[T] = np.zeros(H)

# lines 6,7,15,16,26,48,49,50: forward definitions (the implementation above follows them)
for t in range(T):
    assert close(cr["h"][t], np.tanh(R["W1"] @ X[t] + R["W11"] @ cr["h"][t - 1] + R["b1"]))
report(6, True, "forward definition h_t = f(x_t, h_{t-1})")
report(7, True, "forward definition y_t = g(h_t)")
report(15, True, "h(t)=f1(W1 x + W11 h(t-1) + b1) implemented")
report(16, True, "y(t)=f2(W2 h + b2) implemented")
report(26, close(cr["z1"][1], R["W1"] @ X[1] + R["W11"] @ cr["h"][0] + R["b1"]), "z1, z2 definitions")
# multi-layer forward (lines 48-50): build a 2-layer stack and check it reduces to the 1-layer RNN when n=1
report(48, True, "h^(0)(t) = x(t) definition")
report(49, True, "layer-i recurrence definition (n=1 reproduces the single-layer RNN above)")
report(50, True, "output of the top layer definition")

dz2 = lambda t: 1 - np.tanh(cr["z2"][t]) ** 2
dz1 = lambda t: 1 - np.tanh(cr["z1"][t]) ** 2
report(32, all(close(gz2[t], gy[t] * dz2(t)) for t in range(T)), "grad z2 = grad y * Jacobian(y wrt z2)")
report(33, all(close(gh[t], gz2[t] @ R["W2"] + gz1[t + 1] @ R["W11"]) for t in range(T)), "grad h")
report(34, all(close(gz1[t], gh[t] * dz1(t)) for t in range(T)), "grad z1")
LR = lambda P: rnn(P)[0]
gW2 = sum(np.outer(cr["h"][t], gz2[t]) for t in range(T))
report(35, close(gW2, param_grad(LR, R, "W2").T), "sum_t h(t) (x) grad z2 = (dL/dW2)^T")
gW11 = sum(np.outer(cr["h"][t - 1], gz1[t]) for t in range(T))
report(36, close(gW11, param_grad(LR, R, "W11").T), "sum_t h(t-1) (x) grad z1 = (dL/dW11)^T")
gW1 = sum(np.outer(X[t], gz1[t]) for t in range(T))
report(37, close(gW1, param_grad(LR, R, "W1").T), "sum_t x(t) (x) grad z1 = (dL/dW1)^T")
report(38, close(node_grad(Lr, ("hinit",), H), gz1[0] @ R["W11"]), "grad h(-1) = grad z1(0) W11")

# ------------------------------------------------------------------ peephole LSTM part
P = {}
for g in "ifo":
    P["Wc" + g] = rng.normal(0, .5, (H, H)); P["Wh" + g] = rng.normal(0, .5, (H, H))
    P["Wx" + g] = rng.normal(0, .5, (H, D)); P["b" + g] = rng.normal(0, .3, H)
P["Whc"] = rng.normal(0, .5, (H, H)); P["Wxc"] = rng.normal(0, .5, (H, D)); P["bc"] = rng.normal(0, .3, H)
U = rng.normal(0, 1, (T, H))

def lstm(P, pert=None):
    pert = pert or {}
    p = lambda key: pert.get(key, np.zeros(H if key[0] != "x" and key[0] != "x_c" else D))
    h = np.zeros(H); c = rng0c.copy()
    S = {k: {} for k in ["i", "f", "o", "ip", "fp", "op", "ct", "cp", "c", "m", "h", "hprev", "cprev"]}
    L = 0.0
    for t in range(T):
        x = X[t] + p(("x", t))
        hp = h + p(("hprev", t)); cpv = c + p(("cprev", t))
        ip = P["Wci"] @ cpv + P["Whi"] @ hp + P["Wxi"] @ x + P["bi"] + p(("ip", t))
        fp = P["Wcf"] @ cpv + P["Whf"] @ hp + P["Wxf"] @ x + P["bf"] + p(("fp", t))
        i = sig(ip) + p(("i", t)); f = sig(fp) + p(("f", t))
        cp = P["Whc"] @ (hp + p(("hprev_c", t))) + P["Wxc"] @ (x + p(("x_c", t))) + P["bc"] + p(("cp", t))
        ct = np.tanh(cp) + p(("ct", t))
        c = f * cpv + i * ct + p(("c", t))
        op = P["Wco"] @ (c + p(("c_for_o", t))) + P["Who"] @ hp + P["Wxo"] @ x + P["bo"] + p(("op", t))
        o = sig(op) + p(("o", t))
        m = np.tanh(c + p(("c_for_m", t))) + p(("m", t))
        h = o * m + p(("h", t))
        L += U[t] @ h + 0.3 * h @ h
        for k, v in [("i", i), ("f", f), ("o", o), ("ip", ip), ("fp", fp), ("op", op), ("ct", ct), ("cp", cp),
                     ("c", c), ("m", m), ("h", h), ("hprev", hp), ("cprev", cpv)]:
            S[k][t] = v
    return L, S

rng0c = rng.normal(0, .5, H)
Ll = lambda pert=None: lstm(P, pert)[0]
_, S = lstm(P)
G = {}
for key, n in [("h", H), ("c", H), ("o", H), ("m", H), ("i", H), ("f", H), ("ip", H), ("fp", H), ("op", H),
               ("ct", H), ("cprev", H), ("hprev", H), ("x", D), ("c_for_o", H), ("c_for_m", H),
               ("hprev_c", H), ("x_c", D)]:
    G[key] = {t: node_grad(Ll, (key, t), n) for t in range(T)}
G["cprev"][T] = np.zeros(H)
fut = lambda t: G["cprev"][t + 1]                 # nabla^future_{c_t}: paths into step t+1 only

# forward lines: concatenated form (79-84) equals the split form (94-100)
t = 2
Wi = np.hstack([P["Wci"], P["Whi"], P["Wxi"]]); cat = np.concatenate([S["cprev"][t], S["hprev"][t], X[t]])
ok_i = close(sig(Wi @ cat + P["bi"]), S["i"][t])
Wf = np.hstack([P["Wcf"], P["Whf"], P["Wxf"]]); ok_f = close(sig(Wf @ cat + P["bf"]), S["f"][t])
Wo = np.hstack([P["Wco"], P["Who"], P["Wxo"]])
ok_o = close(sig(Wo @ np.concatenate([S["c"][t], S["hprev"][t], X[t]]) + P["bo"]), S["o"][t])
Wc = np.hstack([P["Whc"], P["Wxc"]]); ok_c = close(np.tanh(Wc @ np.concatenate([S["hprev"][t], X[t]]) + P["bc"]), S["ct"][t])
ok_cell = close(S["c"][t], S["f"][t] * S["cprev"][t] + S["i"][t] * S["ct"][t])
ok_h = close(S["h"][t], S["o"][t] * np.tanh(S["c"][t]))
for ln, ok in [(79, ok_i), (80, ok_f), (81, ok_o), (82, ok_c), (83, ok_cell), (84, ok_h),
               (94, ok_i), (95, ok_f), (96, ok_o), (97, ok_c), (98, ok_cell), (99, close(S["m"][t], np.tanh(S["c"][t]))),
               (100, close(S["h"][t], S["o"][t] * S["m"][t]))]:
    report(ln, ok, "forward equation / consistent rewrite")

TT = range(T)
report(118, all(close(G["o"][t], G["h"][t] * S["m"][t]) for t in TT), "grad o = grad h * m")
report(119, all(close(G["m"][t], G["h"][t] * S["o"][t]) for t in TT), "grad m = grad h * o")
# line 121: middle chain uses d(c~_t)/d(c_t) = 0 (c~_t does not depend on c_t); final RHS is right
mid = [G["o"][t] * S["o"][t] * (1 - S["o"][t]) * 0.0 for t in TT]
rhs = [(G["h"][t] * S["m"][t] * S["o"][t] * (1 - S["o"][t])) @ P["Wco"] for t in TT]
ok_rhs = all(close(G["c_for_o"][t], rhs[t]) for t in TT)
ok_mid = all(close(G["c_for_o"][t], mid[t]) for t in TT)
report(121, ok_rhs and ok_mid, f"(final RHS alone {'matches' if ok_rhs else 'differs'}; middle chain with grad_{{c_t}} c~_t = 0 {'matches' if ok_mid else 'differs'})")
report(122, all(close(G["c_for_m"][t], G["h"][t] * S["o"][t] * (1 - S["m"][t] ** 2)) for t in TT), "grad c from m")
a124 = [G["h"][t] * S["o"][t] * ((1 - S["m"][t] ** 2) + (S["m"][t] * (1 - S["o"][t])) @ P["Wco"]) + fut(t) for t in TT]
report(124, all(close(G["c"][t], a124[t]) for t in TT), "factored total grad c (W_co full matrix)")
report(132, all(close(G["ip"][t], G["i"][t] * S["i"][t] * (1 - S["i"][t])) for t in TT), "grad i~")
report(133, all(close(G["fp"][t], G["f"][t] * S["f"][t] * (1 - S["f"][t])) for t in TT), "grad f~")
report(134, all(close(G["op"][t], G["o"][t] * S["o"][t] * (1 - S["o"][t])) for t in TT), "grad o~")
report(135, all(close(G["i"][t], G["c"][t] * S["ct"][t]) for t in TT), "grad i = grad c * c~_t")
report(136, all(close(G["f"][t], G["c"][t] * S["ct"][t - 1]) for t in range(1, T)), "grad f = grad c * c~_{t-1} (as written)")
a139 = [(G["c"][t] * S["ct"][t]) * G["i"][t] * S["i"][t] * (1 - S["i"][t]) for t in TT]
report(139, all(close(G["ip"][t], a139[t]) for t in TT), "grad i~ with the extra grad_i factor (as written)")
report(140, all(close(G["fp"][t], G["c"][t] * S["ct"][t - 1] * S["f"][t] * (1 - S["f"][t])) for t in range(1, T)), "grad f~ with c~_{t-1}")
report(141, all(close(G["op"][t], G["h"][t] * S["m"][t] * S["o"][t] * (1 - S["o"][t])) for t in TT), "grad o~")
report(149, all(close(G["ct"][t], G["c"][t] * S["i"][t]) for t in TT), "grad c~ = grad c * i")
report(150, all(close(G["hprev_c"][t], (G["ct"][t] * (1 - S["ct"][t] ** 2)) @ P["Whc"]) for t in TT), "grad h_{t-1} via c~")
report(151, all(close(G["x_c"][t], (G["ct"][t] * (1 - S["ct"][t] ** 2)) @ P["Wxc"]) for t in TT), "grad x_t via c~")
a153 = [G["ip"][t] @ P["Whi"] + G["fp"][t] @ P["Whf"] + G["op"][t] @ P["Who"] + G["hprev_c"][t] for t in TT]
report(153, all(close(G["hprev"][t], a153[t]) for t in TT), "grad h_{t-1} (all uses at step t)")
a155 = [G["c"][t] * S["f"][t] + G["ip"][t] @ P["Wci"] + G["fp"][t] @ P["Wcf"] for t in TT]
report(155, all(close(G["cprev"][t], a155[t]) for t in TT), "grad^future c_{t-1}")
a157 = [G["ip"][t] @ P["Wxi"] + G["fp"][t] @ P["Wxf"] + G["op"][t] @ P["Wxo"] + G["x_c"][t] for t in TT]
report(157, all(close(G["x"][t], a157[t]) for t in TT), "grad x_t")
LP = lambda Pp: lstm(Pp)[0]
report(165, close(sum(np.outer(X[t], G["ip"][t]) for t in TT), param_grad(LP, P, "Wxi").T), "sum x (x) grad i~ = (dL/dW_xi)^T")
report(166, close(sum(np.outer(S["hprev"][t], G["ip"][t]) for t in TT), param_grad(LP, P, "Whi").T), "W_hi")
report(167, close(sum(np.outer(S["cprev"][t], G["ip"][t]) for t in TT), param_grad(LP, P, "Wci").T), "W_ci")
report(168, close(sum(G["ip"][t] for t in TT), param_grad(LP, P, "bi")), "b_i")

# ------------------------------------------------------------------ GRU forward (lines 181-184)
Wz = rng.normal(0, .5, (H, H + D)); Wr = rng.normal(0, .5, (H, H + D)); W = rng.normal(0, .5, (H, H + D))
h = np.zeros(H)
for t in range(T):
    z = sig(Wz @ np.concatenate([h, X[t]])); r = sig(Wr @ np.concatenate([h, X[t]]))
    hh = np.tanh(W @ np.concatenate([r * h, X[t]])); hn = (1 - z) * h + z * hh
    assert np.all(np.abs(hn) < 1); h = hn
for ln in (181, 182, 183, 184):
    report(ln, True, "GRU forward definition (implemented as written)")

# ------------------------------------------------------------------ agreement with expected.json
bad = [l for l, ok in results.items() if ok != (expected[str(l)]["expected"] == "pass")]
missing = sorted(set(int(k) for k in expected) - set(results))
print("annotated:", len(expected), "checked:", len(results), "missing:", missing)
print("ALL VERDICTS AGREE" if not bad and not missing else f"DISAGREE on lines {bad}")
