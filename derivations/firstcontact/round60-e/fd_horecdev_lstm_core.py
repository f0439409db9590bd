# FD check of horecdev_lstm_core.md (batch-first NumPy LSTM, commit 8b2395d). numpy only.
import numpy as np
rng = np.random.default_rng(60)
B, T, D, H, O = 3, 4, 2, 3, 2
sig = lambda x: 1 / (1 + np.exp(-x))
P = {k: rng.standard_normal((D + H, H)) * 0.5 for k in ["W_f", "W_i", "W_can", "W_o"]}
P.update({k: rng.standard_normal(H) * 0.3 for k in ["b_f", "b_i", "b_can", "b_o"]})
P["W_y"] = rng.standard_normal((H, O)) * 0.5; P["b_y"] = rng.standard_normal(O) * 0.3
x = rng.standard_normal((B, T, D)); c0 = rng.standard_normal((B, H)) * 0.3; h0 = rng.standard_normal((B, H)) * 0.3
G = rng.standard_normal((B, T, O))  # loss L = sum(G * output) -> dlogits = G

def forward(P, x, pert=None):
    pert = pert or {}
    p = lambda n, t, shape: pert.get((n, t), np.zeros(shape))
    c_prev, h_prev = c0, h0
    S = {k: [] for k in ["comb", "f", "i", "can", "o", "c", "h"]}
    outs = []
    for t in range(T):
        comb = np.concatenate([h_prev, x[:, t, :]], axis=1) + p("comb", t, (B, D + H))
        f = sig(comb @ P["W_f"] + P["b_f"] + p("f_pre", t, (B, H))) + p("f", t, (B, H))
        i = sig(comb @ P["W_i"] + P["b_i"] + p("i_pre", t, (B, H))) + p("i", t, (B, H))
        can = np.tanh(comb @ P["W_can"] + P["b_can"] + p("can_pre", t, (B, H))) + p("can", t, (B, H))
        o = sig(comb @ P["W_o"] + P["b_o"] + p("o_pre", t, (B, H))) + p("o", t, (B, H))
        c = f * c_prev + i * can + p("c", t, (B, H))
        tc = np.tanh(c + p("c_tanh", t, (B, H))) + p("tanhc", t, (B, H))
        h = o * tc + p("h", t, (B, H))
        outs.append((h + p("h_out", t, (B, H))) @ P["W_y"] + P["b_y"])
        for k, v in zip(S, [comb, f, i, can, o, c, h]): S[k].append(v)
        c_prev, h_prev = c, h
    return np.stack(outs, 1), {k: np.stack(v, 1) for k, v in S.items()}

def L(P, pert=None):
    return np.sum(G * forward(P, x, pert)[0])

def fd_node(n, t, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        g[idx] = (L(P, {(n, t): d}) - L(P, {(n, t): -d})) / (2 * eps)
    return g

def fd_param(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        old = P[k][idx]
        P[k][idx] = old + eps; lp = L(P)
        P[k][idx] = old - eps; lm = L(P)
        P[k][idx] = old; g[idx] = (lp - lm) / (2 * eps)
    return g

results = {}
def check(line, val, ref, expected):
    ok = np.allclose(val, ref, rtol=1e-5, atol=1e-7)
    got = "pass" if ok else "fail"
    results[line] = got
    assert got == expected, (line, got, expected, np.max(np.abs(val - ref)))

# ---- losses ----
logits = rng.standard_normal((B, T, O)); tgt = np.eye(O)[rng.integers(0, O, (B, T))]
def ce(lg):
    m = np.max(lg, axis=2, keepdims=True); e = np.exp(lg - m); pr = e / e.sum(2, keepdims=True)
    return np.mean(-np.sum(np.log(pr) * tgt, axis=-1)), pr
def fd_fun(fun, X, eps=1e-6):
    g = np.zeros_like(X)
    for idx in np.ndindex(*X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        g[idx] = (fun(Xp) - fun(Xm)) / (2 * eps)
    return g
loss, probs = ce(logits)
# forward rows 16-27: compare with a direct log-softmax cross-entropy
ref_loss = np.mean(-np.sum(tgt * (logits - np.log(np.exp(logits).sum(2, keepdims=True))), axis=-1))
for ln in [16, 17, 19, 20, 21, 24, 25, 26, 27]:
    check(ln, loss, ref_loss, "pass")
check(33, (probs - tgt) / logits.shape[0], fd_fun(lambda z: ce(z)[0], logits), "fail")
preds = rng.standard_normal((B, T, O)); targ = rng.standard_normal((B, T, O))
mse = lambda z: np.mean((targ - z) ** 2)
check(48, (targ - preds) ** 2, (preds - targ) ** 2, "pass"); check(49, mse(preds), np.sum((preds - targ) ** 2) / preds.size, "pass")
check(52, 2 / preds.shape[0] * (preds - targ), fd_fun(mse, preds), "fail")
check(4, 1 / (1 + np.exp(-0.3)), 0.5 * (1 + np.tanh(0.15)), "pass")

# ---- forward rows: reference model c=f*c+i*g, h=o*tanh(c), y = h W_y + b_y ----
out, S = forward(P, x)
# recompute by a second independent formulation (stacked weights, column-split)
Wst = np.concatenate([P["W_f"], P["W_i"], P["W_can"], P["W_o"]], 1); bst = np.concatenate([P["b_f"], P["b_i"], P["b_can"], P["b_o"]])
c, h = c0, h0; ref = []
for t in range(T):
    a = np.hstack([h, x[:, t]]) @ Wst + bst
    ff, ii, gg, oo = sig(a[:, :H]), sig(a[:, H:2*H]), np.tanh(a[:, 2*H:3*H]), sig(a[:, 3*H:])
    c = ff * c + ii * gg; h = oo * np.tanh(c); ref.append(h @ P["W_y"] + P["b_y"])
ref = np.stack(ref, 1)
for ln in [118, 120, 121, 122, 123, 125, 126, 147]:
    check(ln, out, ref, "pass")
# comment rows 77-83 (same model, read with the code's biases)
t = 1; comb = S["comb"][:, t]; cp_ = S["c"][:, t-1]
check(77, sig(comb @ P["W_f"] + P["b_f"]), S["f"][:, t], "pass")
check(78, sig(comb @ P["W_i"] + P["b_o"]), S["i"][:, t], "fail")   # comment uses bo for the input gate
check(79, np.tanh(comb @ P["W_can"] + P["b_can"]), S["can"][:, t], "pass")
check(80, sig(comb @ P["W_o"] + P["b_o"]), S["o"][:, t], "pass")
check(82, S["f"][:, t] * cp_ + S["i"][:, t] * S["can"][:, t], S["c"][:, t], "pass")
check(83, S["o"][:, t] * np.tanh(S["c"][:, t]), S["h"][:, t], "pass")

# ---- backward rows, evaluated with true values ----
dlogits = G
dhidden_states = dlogits @ P["W_y"].T
check(165, dhidden_states[:, 2], fd_node("h_out", 2, (B, H)), "pass")
flat_dlogits = dlogits.reshape(-1, O); flat_hidden = S["h"].reshape(-1, H)
check(169, flat_hidden.T @ flat_dlogits, fd_param("W_y"), "pass")
check(170, np.sum(dlogits, axis=(0, 1)), fd_param("b_y"), "pass")
t = 2
c_t, h_t = S["c"][:, t], S["h"][:, t]; c_prev_t, h_prev_t = S["c"][:, t-1], S["h"][:, t-1]
f_t, i_t, can_t, o_t = S["f"][:, t], S["i"][:, t], S["can"][:, t], S["o"][:, t]
x_t = x[:, t, :]
dh_total_true = fd_node("h", t, (B, H)); dc_total_true = fd_node("c", t, (B, H))
dh_t = dhidden_states[:, t, :]
# dh_next (true) = dL/dh_t through step t+1 = total - direct
dh_next = dh_total_true - dh_t
dc_next = dc_total_true - fd_node("c_tanh", t, (B, H))
dh_total_t = dh_t + dh_next; check(191, dh_total_t, dh_total_true, "pass")
do_t = dh_total_t * np.tanh(c_t); check(193, do_t, fd_node("o", t, (B, H)), "pass")
dact_c_t = dh_total_t * o_t; check(195, dact_c_t, fd_node("tanhc", t, (B, H)), "pass")
dc_t = (1 - np.tanh(c_t) ** 2) * dact_c_t; check(196, dc_t, fd_node("c_tanh", t, (B, H)), "pass")
dc_total_t = dc_t + dc_next; check(197, dc_total_t, dc_total_true, "pass")
df_t = dc_total_t * c_prev_t; check(199, df_t, fd_node("f", t, (B, H)), "pass")
dc_prev_t = dc_total_t * f_t
# true dL/dc_{t-1} through step t only = total(c_{t-1}) - path through tanh at t-1
check(200, dc_prev_t, fd_node("c", t-1, (B, H)) - fd_node("c_tanh", t-1, (B, H)), "pass")
di_t = dc_total_t * can_t; check(201, di_t, fd_node("i", t, (B, H)), "pass")
dcan_t = dc_total_t * i_t; check(202, dcan_t, fd_node("can", t, (B, H)), "pass")
combined_input_t = np.concatenate([h_prev_t, x_t], axis=1); check(204, combined_input_t, S["comb"][:, t], "pass")
df_preact_t = df_t * f_t * (1 - f_t); check(207, df_preact_t, fd_node("f_pre", t, (B, H)), "pass")
di_preact_t = di_t * i_t * (1 - i_t); check(208, di_preact_t, fd_node("i_pre", t, (B, H)), "pass")
dcan_preact_t = dcan_t * (1 - can_t ** 2); check(209, dcan_preact_t, fd_node("can_pre", t, (B, H)), "pass")
do_preact_t = do_t * o_t * (1 - o_t); check(210, do_preact_t, fd_node("o_pre", t, (B, H)), "pass")
# dcomb accumulation: each += row judged as its gate's path contribution
dcomb_true = fd_node("comb", t, (B, D + H))
parts = [df_preact_t @ P["W_f"].T, di_preact_t @ P["W_i"].T, dcan_preact_t @ P["W_can"].T, do_preact_t @ P["W_o"].T]
pre_true = [fd_node(n, t, (B, H)) for n in ["f_pre", "i_pre", "can_pre", "o_pre"]]
for ln, part, pt, W in zip([218, 219, 220, 221], parts, pre_true, ["W_f", "W_i", "W_can", "W_o"]):
    check(ln, part, pt @ P[W].T, "pass")
dcomb_inp_t = sum(parts); assert np.allclose(dcomb_inp_t, dcomb_true, rtol=1e-5, atol=1e-7)
# parameter accumulations: sum over t of per-step rows equals the FD parameter gradient
def per_step(t):
    cp_ = S["c"][:, t-1] if t else c0; hp_ = S["h"][:, t-1] if t else h0
    comb = np.concatenate([hp_, x[:, t]], 1)
    return comb, [fd_node(n, t, (B, H)) for n in ["f_pre", "i_pre", "can_pre", "o_pre"]]
steps = [per_step(t) for t in range(T)]
for k, (lnW, lnb, W, b) in enumerate(zip([223, 224, 225, 226], [229, 230, 231, 232], ["W_f", "W_i", "W_can", "W_o"], ["b_f", "b_i", "b_can", "b_o"])):
    dW = sum(cm.T @ pr[k] for cm, pr in steps); db = sum(np.sum(pr[k], axis=0) for cm, pr in steps)
    check(lnW, dW, fd_param(W), "pass"); check(lnb, db, fd_param(b), "pass")
dh_prev_t = dcomb_inp_t[:, :H]; check(236, dh_prev_t, fd_node("comb", t, (B, D + H))[:, :H], "pass")
dx_t = dcomb_inp_t[:, H:]; check(237, dx_t, fd_node("comb", t, (B, D + H))[:, H:], "pass")
# dh_next for step t-1 = dL/dh_{t-1} through step t
check(241, dh_prev_t, fd_node("h", t-1, (B, H)) - fd_node("h_out", t-1, (B, H)), "pass")
check(242, dc_prev_t, fd_node("c", t-1, (B, H)) - fd_node("c_tanh", t-1, (B, H)), "pass")
print(len(results), "rows:", sum(v == "pass" for v in results.values()), "pass,", sum(v == "fail" for v in results.values()), "fail")
