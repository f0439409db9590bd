"""FD check of chrisjob1021/model-examples gradients/lstm.ipynb (manual LSTM BPTT, row-vector layout x@W + h@U + b)."""
import numpy as np

rng = np.random.default_rng(6124)
I, H, T, Bt = 3, 4, 4, 2
sig = lambda z: 1 / (1 + np.exp(-z))
x = rng.normal(size=(T, Bt, I))
P = {k: rng.normal(size=(I, H)) * 0.6 for k in ["W_i", "W_f", "W_o", "W_g"]}
P.update({k: rng.normal(size=(H, H)) * 0.6 for k in ["U_i", "U_f", "U_o", "U_g"]})
P.update({k: rng.normal(size=(H,)) * 0.3 for k in ["b_i", "b_f", "b_o", "b_g"]})
PERT = {}
p = lambda key: PERT.get(key, 0.0)


def forward():
    hs = [np.zeros((Bt, H))]; cs = [np.zeros((Bt, H))]; cache = []
    for t in range(T):
        h_prev = hs[t] + p(("h_in", t)); c_prev = cs[t] + p(("c_in", t))
        zi = x[t] @ P["W_i"] + h_prev @ P["U_i"] + P["b_i"] + p(("zi", t))
        zf = x[t] @ P["W_f"] + h_prev @ P["U_f"] + P["b_f"] + p(("zf", t))
        zg = x[t] @ P["W_g"] + h_prev @ P["U_g"] + P["b_g"] + p(("zg", t))
        zo = x[t] @ P["W_o"] + h_prev @ P["U_o"] + P["b_o"] + p(("zo", t))
        i = sig(zi) + p(("i", t)); f = sig(zf) + p(("f", t)); g = np.tanh(zg) + p(("g", t)); o = sig(zo) + p(("o", t))
        c_new = f * c_prev + i * g + p(("c_tot", t))
        h_new = o * np.tanh(c_new) + p(("h_tot", t))
        hs.append(h_new); cs.append(c_new); cache.append((zi, zf, zg, zo))
    return hs, cs, cache


def loss():
    hs, _, _ = forward()
    return float(hs[-1].sum())                              # line 68: loss = h_states[-1].sum()


def num_grad_arr(X, eps=1e-6):
    g = np.zeros_like(X); it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = X[k]
        X[k] = old + eps; fp = loss(); X[k] = old - eps; fm = loss(); X[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g


def hook(key):
    Dp = np.zeros((Bt, H)); PERT[key] = Dp; g = num_grad_arr(Dp); del PERT[key]; return g


results = {}
def check(line, a, n):
    ok = bool(np.allclose(a, n, atol=1e-6, rtol=1e-5)); results.setdefault(line, []).append(ok)
    assert ok, (line, np.max(np.abs(a - n)))


h_states, c_states, cache = forward()
# forward rows 55-62 vs the standard LSTM (Hochreiter & Schmidhuber with forget gate), written per unit
for t in range(T):
    hp, cp = h_states[t], c_states[t]
    for bb in range(Bt):
        for u in range(H):
            zi = sum(x[t, bb, k] * P["W_i"][k, u] for k in range(I)) + sum(hp[bb, k] * P["U_i"][k, u] for k in range(H)) + P["b_i"][u]
            zf = sum(x[t, bb, k] * P["W_f"][k, u] for k in range(I)) + sum(hp[bb, k] * P["U_f"][k, u] for k in range(H)) + P["b_f"][u]
            zg = sum(x[t, bb, k] * P["W_g"][k, u] for k in range(I)) + sum(hp[bb, k] * P["U_g"][k, u] for k in range(H)) + P["b_g"][u]
            zo = sum(x[t, bb, k] * P["W_o"][k, u] for k in range(I)) + sum(hp[bb, k] * P["U_o"][k, u] for k in range(H)) + P["b_o"][u]
            check(55, cache[t][0][bb, u], zi); check(56, cache[t][1][bb, u], zf)
            check(57, cache[t][2][bb, u], zg); check(58, cache[t][3][bb, u], zo)
            cn = sig(zf) * cp[bb, u] + sig(zi) * np.tanh(zg)
            check(61, c_states[t + 1][bb, u], cn)
            check(62, h_states[t + 1][bb, u], sig(zo) * np.tanh(cn))

# manual backprop as written
δL_δh_t = np.ones_like(h_states[-1])                              # line 79
δh_t_future = δL_δh_t                                             # line 80
δc_t_future = np.zeros_like(c_states[-1])                         # line 81
check(79, δL_δh_t, hook(("h_tot", T - 1)))
G = {k: np.zeros_like(v) for k, v in P.items()}
for t in reversed(range(T)):
    h_prev, c_prev, c_curr = h_states[t], c_states[t], c_states[t + 1]
    i = sig(x[t] @ P["W_i"] + h_prev @ P["U_i"] + P["b_i"])       # line 101
    f = sig(x[t] @ P["W_f"] + h_prev @ P["U_f"] + P["b_f"])       # line 102
    g = np.tanh(x[t] @ P["W_g"] + h_prev @ P["U_g"] + P["b_g"])   # line 103
    o = sig(x[t] @ P["W_o"] + h_prev @ P["U_o"] + P["b_o"])       # line 104
    check(101, i, sig(cache[t][0])); check(102, f, sig(cache[t][1]))
    check(103, g, np.tanh(cache[t][2])); check(104, o, sig(cache[t][3]))
    δh_t = δh_t_future                                            # line 108
    check(108, δh_t, hook(("h_tot", t)))
    δc_t = δc_t_future + δh_t * o * (1 - np.tanh(c_curr) ** 2)    # line 114
    check(114, δc_t, hook(("c_tot", t)))
    δi = δc_t * g; check(117, δi, hook(("i", t)))                 # line 117
    δf = δc_t * c_prev; check(118, δf, hook(("f", t)))            # line 118
    δg = δc_t * i; check(119, δg, hook(("g", t)))                 # line 119
    δo = δh_t * np.tanh(c_curr); check(120, δo, hook(("o", t)))   # line 120
    δz_i = δi * i * (1 - i); check(123, δz_i, hook(("zi", t)))    # line 123
    δz_f = δf * f * (1 - f); check(124, δz_f, hook(("zf", t)))    # line 124
    δz_o = δo * o * (1 - o); check(125, δz_o, hook(("zo", t)))    # line 125
    δz_g = δg * (1 - g ** 2); check(126, δz_g, hook(("zg", t)))   # line 126
    G["W_i"] += x[t].T @ δz_i; G["W_f"] += x[t].T @ δz_f          # lines 132-135
    G["W_o"] += x[t].T @ δz_o; G["W_g"] += x[t].T @ δz_g
    G["U_i"] += h_prev.T @ δz_i; G["U_f"] += h_prev.T @ δz_f      # lines 140-143
    G["U_o"] += h_prev.T @ δz_o; G["U_g"] += h_prev.T @ δz_g
    G["b_i"] += δz_i.sum(axis=0); G["b_f"] += δz_f.sum(axis=0)    # lines 149-152
    G["b_o"] += δz_o.sum(axis=0); G["b_g"] += δz_g.sum(axis=0)
    δh_t_future = δz_i @ P["U_i"].T + δz_f @ P["U_f"].T + δz_o @ P["U_o"].T + δz_g @ P["U_g"].T   # line 167
    check(167, δh_t_future, hook(("h_in", t)))
    δc_t_future = δc_t * f                                        # line 168
    check(168, δc_t_future, hook(("c_in", t)))

lines = {"W_i": 132, "W_f": 133, "W_o": 134, "W_g": 135, "U_i": 140, "U_f": 141, "U_o": 142, "U_g": 143,
         "b_i": 149, "b_f": 150, "b_o": 151, "b_g": 152}
for k, ln in lines.items():
    check(ln, G[k], num_grad_arr(P[k]))
results[81] = results[114]
results[80] = results[108]   # δh_t_future = δL_δh_t is the first δh_t used at t = T-1
check(68, loss(), float(forward()[0][-1].sum()))   # zero future cell gradient at the last step is implied by line 114 at t = T-1
assert all(all(v) for v in results.values())
print({k: all(v) for k, v in sorted(results.items())})
