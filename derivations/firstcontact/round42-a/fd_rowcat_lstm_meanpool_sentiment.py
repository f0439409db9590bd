"""Finite-difference check of rowcat_lstm_meanpool_sentiment.md (hj51yc/lstm-sentiment-analysis my_lstm.py).
numpy only.  Row vectors (1, n); X = [h_prev, x] (1, H+D); gates a_g = X W_g + b_g, W_g (H+D, H).
Loss = the author's cross_entropy(prob, y_label) with prob = softmax(mean_t(h_t) Wy + by).
Each check evaluates the author's expression for one annotated line with locally correct upstream
values (taken from finite differences) and compares it to a central difference of the true quantity."""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "rowcat_lstm_meanpool_sentiment.md"
# the author's helper functions, taken from the code fence (module level defs only; Python 2 prints are
# only inside the class, which is not executed here)
src = open(os.path.join(HERE, NAME)).read().split("```python\n", 1)[1].split("\n```", 1)[0]
helpers = src.split("##simple LSTM")[0]
ns = {}
exec(helpers, ns)
sigmoid, dsigmoid, tanh, dtanh = ns["sigmoid"], ns["dsigmoid"], ns["tanh"], ns["dtanh"]
softmax_a, cross_entropy = ns["softmax"], ns["cross_entropy"]

rng = np.random.default_rng(42)
Dx, H, Dout, T = 3, 4, 3, 4
Z = H + Dx
P = {g: rng.normal(0, 0.6, (Z, H)) for g in "ifoc"}
P.update({"b" + g: rng.normal(0, 0.3, (1, H)) for g in "ifoc"})
Wy, by = rng.normal(0, 0.6, (H, Dout)), rng.normal(0, 0.3, (1, Dout))
xs = rng.normal(0, 1, (T, Dx))
h0, c0 = rng.normal(0, 0.5, (1, H)), rng.normal(0, 0.5, (1, H))
ylab = np.zeros((1, Dout)); ylab[0, 1] = 1.0

def run(hk=None):
    hk = hk or {}
    g = lambda k, shape: hk.get(k, np.zeros(shape))
    h_rec, c_rec = h0 + g(("hrec", -1), (1, H)), c0 + g(("crec", -1), (1, H))
    hs, st = [], {}
    for t in range(T):
        X = np.hstack((h_rec, xs[t].reshape(1, Dx))) + g(("X", t), (1, Z))
        pre, post = {}, {}
        for q in "ifoc":
            Wq = P[q] + g(("W" + q, t), (Z, H)) + g(("W" + q, "all"), (Z, H))
            bq = P["b" + q] + g(("b" + q, t), (1, H))
            Xq = X + g(("X" + q, t), (1, Z))
            pre[q] = Xq @ Wq + bq + g(("a" + q, t), (1, H))
            post[q] = (np.tanh(pre[q]) if q == "c" else 1 / (1 + np.exp(-pre[q]))) + g(("h" + q, t), (1, H))
        c = post["f"] * c_rec + post["i"] * post["c"] + g(("c", t), (1, H))
        h = post["o"] * np.tanh(c) + g(("h", t), (1, H))
        st[t] = dict(X=X, pre=pre, post=post, c=c, h=h, c_prev=c_rec, h_prev=h_rec)
        hs.append(h + g(("hmean", t), (1, H)))
        h_rec, c_rec = h + g(("hrec", t), (1, H)), c + g(("crec", t), (1, H))
    havg = np.mean(np.vstack(hs), axis=0, keepdims=True) + g("havg", (1, H))
    logits = havg @ (Wy + g("Wy", (H, Dout))) + by + g("by", (1, Dout)) + g("logits", (1, Dout))
    e = np.exp(logits - logits.max()); prob = e / e.sum()
    loss = -(np.sum(np.log(1 - prob) * (1 - ylab)) + np.sum(np.log(prob) * ylab))
    return loss, st, havg, logits, prob

def fd(key, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        G[idx] = (run({key: d})[0] - run({key: -d})[0]) / (2 * eps)
    return G

L, S, havg, logits, prob = run()
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
R = {}
t = 2  # the step checked by the per-step lines
s = S[t]
hi, hf, ho, hc = (s["post"][q] for q in "ifoc")
c, X, c_prev = s["c"], s["X"], s["c_prev"]

# helpers, forward
a = rng.normal(0, 1, (1, 5)); e = 1e-6
R[18] = close(dsigmoid(sigmoid(a)), (1/(1+np.exp(-(a+e))) - 1/(1+np.exp(-(a-e)))) / (2*e))
R[24] = close(dtanh(np.tanh(a)), (np.tanh(a+e) - np.tanh(a-e)) / (2*e))
R[29] = close(softmax_a(logits), prob)
R[37] = close(cross_entropy(prob, ylab), L)
hp = S[t]["h_prev"]
R[89] = close(np.hstack((hp, xs[t].reshape(1, len(xs[t])))), np.concatenate([hp[0], xs[t]])[None, :])
ref = {q: hp @ P[q][:H] + xs[t][None, :] @ P[q][H:] + P["b" + q] for q in "ifoc"}
R[91] = close(sigmoid(np.dot(X, P["i"]) + P["bi"]), 1/(1+np.exp(-ref["i"])))
R[92] = close(sigmoid(np.dot(X, P["f"]) + P["bf"]), 1/(1+np.exp(-ref["f"])))
R[93] = close(sigmoid(np.dot(X, P["o"]) + P["bo"]), 1/(1+np.exp(-ref["o"])))
R[95] = close(tanh(np.dot(X, P["c"]) + P["bc"]), np.tanh(ref["c"]))
R[96] = close(hf * c_prev + hi * hc, s["c"])
R[97] = close(ho * tanh(c), s["h"])
h_array = np.vstack([S[k]["h"] for k in range(T)])
R[104] = close(np.sum(h_array, axis=0) / h_array.shape[0], havg[0])
R[105] = close(np.dot(havg[0], Wy) + by, logits)
R[106] = close(softmax_a(np.dot(havg[0], Wy) + by), prob)

# output layer backward
dy_true = fd("logits", (1, Dout))
dy = np.array(prob.copy()); dy[0, np.argmax(ylab)] -= 1
R[115] = close(dy, dy_true)
R[117] = close(np.dot(havg.T, dy_true), fd("Wy", (H, Dout)))
R[118] = close(dy_true, fd("by", (1, Dout)))
dhavg_true = fd("havg", (1, H))
R[120] = close(np.dot(dy_true, Wy.T), dhavg_true)
dh_direct = fd(("hmean", t), (1, H))
R[121] = close(dhavg_true * (1.0 / T), dh_direct)

# LSTM backward at step t, upstream from finite differences
dh_next = fd(("hrec", t), (1, H)); dh_tot = fd(("h", t), (1, H))
R[137] = close(dh_direct + dh_next, dh_tot)
R[141] = close(tanh(c) * dh_tot, fd(("ho", t), (1, H)))
dao = fd(("ao", t), (1, H))
R[142] = close(dsigmoid(ho) * fd(("ho", t), (1, H)), dao)
dc_next = fd(("crec", t), (1, H)); dc_tot = fd(("c", t), (1, H))
R[151] = close(dh_tot * ho * dtanh(c) + dc_next, dc_tot)
R[155] = close(hi * dc_tot, fd(("hc", t), (1, H)))
dac = fd(("ac", t), (1, H))
R[156] = close(fd(("hc", t), (1, H)) * dtanh(hc), dac)
R[160] = close(c_prev * dc_tot, fd(("hf", t), (1, H)))
daf = fd(("af", t), (1, H))
R[161] = close(dsigmoid(hf) * fd(("hf", t), (1, H)), daf)
R[165] = close(hc * dc_tot, fd(("hi", t), (1, H)))
dai = fd(("ai", t), (1, H))
R[166] = close(dsigmoid(hi) * fd(("hi", t), (1, H)), dai)
da = {"f": daf, "i": dai, "o": dao, "c": dac}
lines = {"f": (170, 171, 172), "i": (178, 179, 180), "o": (182, 183, 184), "c": (186, 187, 188)}
for q, (lW, lb, lX) in lines.items():
    R[lW] = close(np.dot(X.T, da[q]), fd(("W" + q, t), (Z, H)))
    R[lb] = close(da[q], fd(("b" + q, t), (1, H)))
    R[lX] = close(np.dot(da[q], P[q].T), fd(("X" + q, t), (1, Z)))
dX_parts = [fd(("X" + q, t), (1, Z)) for q in "fioc"]
R[190] = close(sum(dX_parts), fd(("X", t), (1, Z)))
dX_tot = fd(("X", t), (1, Z))
R[191] = close(dX_tot[:, :H], fd(("hrec", t - 1), (1, H)))
R[197] = close(hf * dc_tot, fd(("crec", t - 1), (1, H)))

# train_step
R[237] = close(np.zeros((1, H)), fd(("hrec", T - 1), (1, H))) and close(np.zeros((1, H)), fd(("crec", T - 1), (1, H)))
R[240] = all(close(fd(("hmean", k), (1, H)), dhavg_true / T) for k in range(T))
per_step = [fd(("Wf", k), (Z, H)) for k in range(T)]
total = fd(("Wf", "all"), (Z, H))
first = per_step[T - 1].copy()            # grads[key] = cur_grads[key] at the first (last-in-time) step
R[243] = close(first, fd(("Wf", T - 1), (Z, H)))
acc = first.copy()
for k in reversed(range(T - 1)):
    acc += per_step[k]                     # grads[key] += cur_grads[key]
R[245] = close(acc, total)

exp = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
assert sorted(map(int, exp)) == sorted(R), (sorted(set(map(int, exp)) ^ set(R)))
bad = 0
for ln in sorted(R):
    verdict = "OK" if R[ln] else "MISMATCH"
    agree = (verdict == "OK") == (exp[str(ln)]["expected"] == "pass")
    bad += not agree
    print(f"line {ln}: {verdict}  expected={exp[str(ln)]['expected']}  {'agrees' if agree else 'DISAGREES'}")
print("all verdicts agree" if not bad else f"{bad} verdicts disagree")
