# FD check of michalglos_lstm_torch.md (LSTM regressor, hand-written backward on torch tensors; re-done in numpy).
import numpy as np
rng = np.random.default_rng(61)
B, T, D, H, R = 3, 4, 2, 3, 4
sig = lambda z: 1 / (1 + np.exp(-z))
sigmoid_d = lambda x: x * (1 - x)                 # line 12 (as written: x*(-(x-1)))
tanh_d = lambda x: -(np.tanh(x) ** 2 - 1)         # line 20
P = {k: rng.standard_normal((H + D, H)) * 0.6 for k in ["Wf", "Wi", "Wo", "Wc"]}
P.update({k: rng.standard_normal((1, H)) * 0.3 for k in ["bf", "bi", "bo", "bc"]})
P["W1"] = rng.standard_normal((H, R)) * 0.6; P["b1"] = rng.standard_normal(R) * 0.3
P["W2"] = rng.standard_normal((R, 1)) * 0.6; P["b2"] = rng.standard_normal(1) * 0.3
X = rng.standard_normal((B, T, D)); y_gt = rng.standard_normal((B, 1))
h0 = np.zeros((B, H)); c0 = np.zeros((B, H))
MODE = ["bag"]

def run(P, pert=None):
    pert = pert or {}
    p = lambda n, t, s: pert.get((n, t), np.zeros(s))
    h, c = h0, c0; S = {k: [] for k in ["cat", "f", "i", "o", "g", "cin", "c", "h"]}
    for t in range(T):
        cat = np.column_stack((h, X[:, t])) + p("cat", t, (B, H + D))
        f = sig(cat @ P["Wf"] + P["bf"] + p("f_pre", t, (B, H)))
        i = sig(cat @ P["Wi"] + P["bi"] + p("i_pre", t, (B, H)))
        o = sig(cat @ P["Wo"] + P["bo"] + p("o_pre", t, (B, H)))
        g = np.tanh(cat @ P["Wc"] + P["bc"] + p("g_pre", t, (B, H)))
        cin = c
        c = f * c + i * g + p("c", t, (B, H))
        h = o * np.tanh(c) + p("h", t, (B, H))
        for k, v in zip(S, [cat, f, i, o, g, cin, c, h]): S[k].append(v)
    Hs = np.stack(S["h"], 1) + pert.get("hs", 0)
    feat = {"bag": Hs.sum(1), "mean": Hs.mean(1), "last": Hs[:, -1]}[MODE[0]] + pert.get("feat", 0)
    pre = feat @ P["W1"] + P["b1"] + pert.get("pre", 0)
    hid = sig(pre) + pert.get("hid", 0)
    out = hid @ P["W2"] + P["b2"] + pert.get("out", 0)
    return np.mean((y_gt - out) ** 2), S, dict(feat=feat, pre=pre, hid=hid, out=out)

def fdk(key, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        g[idx] = (run(P, {key: d})[0] - run(P, {key: -d})[0]) / (2 * eps)
    return g
fdn = lambda n, t, s: fdk((n, t), s)
def fdp(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        o = P[k][idx]; P[k][idx] = o + eps; a = run(P)[0]; P[k][idx] = o - eps; b = run(P)[0]; P[k][idx] = o; g[idx] = (a - b) / (2 * eps)
    return g

res = {}
def check(line, val, ref, exp):
    got = "pass" if np.allclose(val, ref, rtol=1e-5, atol=1e-7) else "fail"
    res[line] = got; assert got == exp, (line, got, exp, np.max(np.abs(val - ref)))

# activation helpers
z = rng.standard_normal(5)
check(12, sigmoid_d(sig(z)), (sig(z + 1e-6) - sig(z - 1e-6)) / 2e-6, "pass")   # input = sigmoid output
check(20, tanh_d(z), (np.tanh(z + 1e-6) - np.tanh(z - 1e-6)) / 2e-6, "pass")    # input = pre-activation
L, S, Rg = run(P)
check(29, np.mean((y_gt - Rg["out"]) ** 2), L, "pass")
y_pred = Rg["out"]
check(41, y_pred - y_gt, fdk("out", (B, 1)), "fail")   # true: 2*(y_pred-y_gt)/B
loss_grad = fdk("out", (B, 1))                         # true dL/dout used for later rows
# process_states (forward) rows
Hs = np.stack(S["h"], 1)
check(76, Hs.sum(1), np.einsum("bth->bh", Hs), "pass"); check(78, Hs.mean(1), Hs.sum(1) / T, "pass"); check(80, Hs[:, -1, :], Hs[:, T - 1], "pass")
# divide_grads: grads = dL/dfeat; true per-step dL/dh_t (output path) = FD on 'hs'
for mode in ["bag", "mean"]:
    MODE[0] = mode
    grads = fdk("feat", (B, H)); tiled = np.transpose(np.tile(grads, (T, 1, 1)), (1, 0, 2))
    ok = np.allclose(tiled, fdk("hs", (B, T, H)), rtol=1e-5, atol=1e-7)
    assert ok == (mode == "bag")
check(58, tiled, fdk("hs", (B, T, H)), "fail")         # wrong for mean (needs /T), right for bag
MODE[0] = "last"
grads = fdk("feat", (B, H)); cg = np.zeros((T, B, H)); cg[0] = grads; cg = cg.transpose(1, 0, 2)
# backward loop consumes index 0 first, while it pops the LAST step: index i <-> step T-1-i
check(64, cg[:, ::-1, :], fdk("hs", (B, T, H)), "pass")
MODE[0] = "bag"
L, S, Rg = run(P)
# forward rows vs an independent stacked-weight formulation
W = np.concatenate([P["Wf"], P["Wi"], P["Wo"], P["Wc"]], 1); b = np.concatenate([P["bf"], P["bi"], P["bo"], P["bc"]], 1)
h, c = h0, c0
for t in range(T):
    a = np.hstack([h, X[:, t]]) @ W + b
    f_, i_, o_, g_ = np.split(a, 4, axis=1); c = sig(f_) * c + sig(i_) * np.tanh(g_); h = sig(o_) * np.tanh(c)
for ln in [98, 99, 100, 101, 102, 104, 105]:
    check(ln, S["h"][-1], h, "pass")
# backward_step rows at step t (true incoming values)
t = 2
cat_input, cell_state_in, cell_state_out = S["cat"][t], S["cin"][t], S["c"][t]
input_gate, output_gate, forget_gate, candidate_gate = S["i"][t], S["o"][t], S["f"][t], S["g"][t]
dh_tot = fdn("h", t, (B, H)); dh_out = fdk("hs", (B, T, H))[:, t]
cell_output_d_in = dh_out; hidden_state_d_in = dh_tot - dh_out
dc_tot = fdn("c", t, (B, H))
cell_state_d_in = dc_tot - dh_tot * output_gate * (1 - np.tanh(cell_state_out) ** 2)   # true dL/dc_t via c_{t+1}
hidden_state_d = hidden_state_d_in + cell_output_d_in; check(137, hidden_state_d, dh_tot, "pass")
cell_state_d = tanh_d(cell_state_out) * output_gate * hidden_state_d + cell_state_d_in; check(138, cell_state_d, dc_tot, "pass")
g_pre = fdn("g_pre", t, (B, H)); f_pre = fdn("f_pre", t, (B, H)); o_pre = fdn("o_pre", t, (B, H)); i_pre = fdn("i_pre", t, (B, H))
candidate_gate_d = cell_state_d * input_gate * tanh_d(candidate_gate); check(140, candidate_gate_d, g_pre, "fail")
forget_gate_d = candidate_gate_d * cell_state_in * sigmoid_d(forget_gate)
check(142, cell_state_d * input_gate * (1 - candidate_gate ** 2) * cell_state_in * sigmoid_d(forget_gate), f_pre, "fail")  # even with the true candidate_gate_d
output_gate_d = np.tanh(cell_state_out) * hidden_state_d * sigmoid_d(output_gate); check(143, output_gate_d, o_pre, "pass")
input_gate_d = cell_state_d * (candidate_gate * sigmoid_d(input_gate)); check(144, input_gate_d, i_pre, "pass")
# accumulation rows: sum over steps of cat^T @ true gate-preact grads equals FD parameter gradient
pre_true = {n: [fdn(n, s, (B, H)) for s in range(T)] for n in ["f_pre", "i_pre", "o_pre", "g_pre"]}
for (lw, lb), n, Wk, bk in zip([(147, 148), (149, 150), (151, 152), (153, 154)], ["f_pre", "i_pre", "o_pre", "g_pre"], ["Wf", "Wi", "Wo", "Wc"], ["bf", "bi", "bo", "bc"]):
    dW = sum(S["cat"][s].T @ pre_true[n][s] for s in range(T)); db = sum(np.sum(pre_true[n][s], axis=0) for s in range(T))
    check(lw, dW, fdp(Wk), "pass"); check(lb, db, fdp(bk).ravel(), "pass")
comb = f_pre @ P["Wf"].T + g_pre @ P["Wc"].T + i_pre @ P["Wi"].T + o_pre @ P["Wo"].T
check(157, comb, fdn("cat", t, (B, H + D)), "pass")
check(166, forget_gate * dc_tot, fdn("c", t - 1, (B, H)) - fdn("h", t - 1, (B, H)) * S["o"][t - 1] * (1 - np.tanh(S["c"][t - 1]) ** 2), "pass")
check(167, comb[:, H:], fdn("cat", t, (B, H + D))[:, H:], "pass")
check(168, comb[:, :H], fdn("h", t - 1, (B, H)) - fdk("hs", (B, T, H))[:, t - 1], "pass")
# Regressor
feat = Rg["feat"]
check(183, feat @ P["W1"] + P["b1"], Rg["pre"], "pass"); check(184, sig(Rg["pre"]), Rg["hid"], "pass"); check(185, Rg["hid"] @ P["W2"] + P["b2"], Rg["out"], "pass")
hidden_layer_loss = loss_grad @ P["W2"].T; check(205, hidden_layer_loss, fdk("hid", (B, R)), "pass")
hidden_layer_chain_d = hidden_layer_loss * sigmoid_d(Rg["pre"]); check(206, hidden_layer_chain_d, fdk("pre", (B, R)), "fail")
check(209, Rg["hid"].T @ loss_grad, fdp("W2"), "pass"); check(210, np.sum(loss_grad, axis=0), fdp("b2"), "pass")
true_chain = fdk("pre", (B, R))
check(216, feat.T @ true_chain, fdp("W1"), "pass"); check(217, np.sum(true_chain, axis=0), fdp("b1"), "pass")
check(222, true_chain @ P["W1"].T, fdk("feat", (B, H)), "pass")
print(len(res), "rows:", sum(v == "pass" for v in res.values()), "pass,", sum(v == "fail" for v in res.values()), "fail")
