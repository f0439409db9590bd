"""Finite-difference check of murali_lstm_plain.md (Murali806/dl_nb LSTM formulae, plain-text .md).

Model (author, column vectors): concat_t = [h_{t-1}; x_t], gates f,i,o = sigma(W @ concat + b),
C~ = tanh(W_C @ concat + b_C), C_t = f*C_{t-1} + i*C~, h_t = o*tanh(C_t),
logits_t = W_y @ h_t + b_y, y_t = softmax, L_t = -log y_t[c_t].
The backward rows are written for the per-step losses L_t and accumulate over t, i.e. they are
gradients of sum_t L_t (the 1/T of the 'total loss' line is a constant scale the rows do not carry).
Every backward row is evaluated as written and compared with central differences of sum_t L_t.
Keys of VERDICT are line numbers in murali_lstm_plain.md.
"""
import numpy as np

rng = np.random.default_rng(5702)
F, hd, od, T = 2, 3, 4, 4
n = hd + F
P = {k: rng.normal(0, 0.5, (hd, n)) for k in ("W_f", "W_i", "W_C", "W_o")}
P.update({k: rng.normal(0, 0.3, (hd, 1)) for k in ("b_f", "b_i", "b_C", "b_o")})
P["W_y"] = rng.normal(0, 0.5, (od, hd))
P["b_y"] = rng.normal(0, 0.3, (od, 1))
xs = [rng.normal(0, 1, (F, 1)) for _ in range(T)]
cs = [int(v) for v in rng.integers(0, od, T)]
h0 = rng.normal(0, 0.5, (hd, 1))
C0 = rng.normal(0, 0.5, (hd, 1))
EPS = 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


def forward(P, pert=None):
    """pert: dict (name, t) -> delta, added to that intermediate at step t.
    'hin'/'cin' perturb h_{t-1}/C_{t-1} only where step t reads them."""
    pert = pert or {}
    add = lambda name, t, v: v + pert[(name, t)] if (name, t) in pert else v
    h, C = h0, C0
    cache, L = [], 0.0
    for t in range(T):
        hin, cin = add("hin", t, h), add("cin", t, C)
        concat = np.vstack([hin, xs[t]])
        af = add("af", t, P["W_f"] @ concat + P["b_f"]); f = add("f", t, sig(af))
        ai = add("ai", t, P["W_i"] @ concat + P["b_i"]); i = add("i", t, sig(ai))
        ac = add("ac", t, P["W_C"] @ concat + P["b_C"]); Ct = add("Ct", t, np.tanh(ac))
        Cn = add("C", t, f * cin + i * Ct)
        ao = add("ao", t, P["W_o"] @ concat + P["b_o"]); o = add("o", t, sig(ao))
        h = add("h", t, o * np.tanh(Cn))
        logits = add("logits", t, P["W_y"] @ h + P["b_y"])
        y = softmax(logits)
        L += -np.log(y[cs[t], 0])
        cache.append(dict(concat=concat, cprev=cin, f=f, i=i, Ct=Ct, C=Cn, o=o, h=h, y=y,
                          af=af, ai=ai, ac=ac, ao=ao, logits=logits))
        C = Cn
    return cache, L


def fd_inter(name, t, size):
    g = np.zeros((size, 1))
    for k in range(size):
        d = np.zeros((size, 1)); d[k] = EPS
        g[k] = (forward(P, {(name, t): d})[1] - forward(P, {(name, t): -d})[1]) / (2 * EPS)
    return g


def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        g[idx] = (forward(Pp)[1] - forward(Pm)[1]) / (2 * EPS)
    return g


close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
cache, Lsum = forward(P)
res = {}

# ---- forward rows 111-120: compare with an independent split-weight implementation ----
ok = True
h, C = h0, C0
for t in range(T):
    W = {k: (P[k][:, :hd], P[k][:, hd:]) for k in ("W_f", "W_i", "W_C", "W_o")}
    pre = {k: W[k][0] @ h + W[k][1] @ xs[t] for k in W}
    f = sig(pre["W_f"] + P["b_f"]); i = sig(pre["W_i"] + P["b_i"])
    Ct = np.tanh(pre["W_C"] + P["b_C"]); C = f * C + i * Ct
    o = sig(pre["W_o"] + P["b_o"]); h = o * np.tanh(C)
    lg = P["W_y"] @ h + P["b_y"]; y = np.exp(lg) / np.exp(lg).sum()
    cc = cache[t]
    ok &= all(close(a, b) for a, b in [(cc["f"], f), (cc["i"], i), (cc["Ct"], Ct), (cc["C"], C),
                                        (cc["o"], o), (cc["h"], h), (cc["logits"], lg), (cc["y"], y)])
for ln in range(111, 121):
    res[ln] = bool(ok)
# ---- loss lines ----
y0 = cache[0]["y"]; oh0 = np.zeros((od, 1)); oh0[cs[0]] = 1
res[27] = res[37] = True
res[34] = close(-np.sum(oh0 * np.log(y0)), -np.log(y0[cs[0], 0]))
res[42] = True                                   # definition of the averaged total loss

# ---- author's backward algorithm, rows evaluated literally (lines 125-169) ----
g = {k: np.zeros_like(P[k]) for k in P}
dh_next = np.zeros((hd, 1)); dC_next = np.zeros((hd, 1))
chk = {k: True for k in (132, 133, 134, 137, 140, 141, 142, 143, 146, 149, 150, 151, 152,
                         155, 156, 157, 158, 161, 162, 163, 164, 167, 169)}
for t in reversed(range(T)):
    cc = cache[t]
    onehot = np.zeros((od, 1)); onehot[cs[t]] = 1
    dlogits_t = cc["y"] - onehot
    chk[132] &= close(dlogits_t, fd_inter("logits", t, od))
    g["W_y"] += dlogits_t @ cc["h"].T
    g["b_y"] += dlogits_t
    dh_t = P["W_y"].T @ dlogits_t + dh_next
    chk[137] &= close(dh_t, fd_inter("h", t, hd))
    do_t = dh_t * np.tanh(cc["C"])
    chk[140] &= close(do_t, fd_inter("o", t, hd))
    do_raw_t = do_t * cc["o"] * (1 - cc["o"])
    chk[141] &= close(do_raw_t, fd_inter("ao", t, hd))
    g["W_o"] += do_raw_t @ cc["concat"].T
    g["b_o"] += do_raw_t
    dC_t = dh_t * cc["o"] * (1 - np.tanh(cc["C"]) ** 2) + dC_next
    chk[146] &= close(dC_t, fd_inter("C", t, hd))
    dC_tilde_t = dC_t * cc["i"]
    chk[149] &= close(dC_tilde_t, fd_inter("Ct", t, hd))
    dC_tilde_raw_t = dC_tilde_t * (1 - cc["Ct"] ** 2)
    chk[150] &= close(dC_tilde_raw_t, fd_inter("ac", t, hd))
    g["W_C"] += dC_tilde_raw_t @ cc["concat"].T
    g["b_C"] += dC_tilde_raw_t
    di_t = dC_t * cc["Ct"]
    chk[155] &= close(di_t, fd_inter("i", t, hd))
    di_raw_t = di_t * cc["i"] * (1 - cc["i"])
    chk[156] &= close(di_raw_t, fd_inter("ai", t, hd))
    g["W_i"] += di_raw_t @ cc["concat"].T
    g["b_i"] += di_raw_t
    df_t = dC_t * cc["cprev"]
    chk[161] &= close(df_t, fd_inter("f", t, hd))
    df_raw_t = df_t * cc["f"] * (1 - cc["f"])
    chk[162] &= close(df_raw_t, fd_inter("af", t, hd))
    g["W_f"] += df_raw_t @ cc["concat"].T
    g["b_f"] += df_raw_t
    W_fh, W_ih, W_Ch, W_oh = (P[k][:, :hd] for k in ("W_f", "W_i", "W_C", "W_o"))
    dh_next = W_fh.T @ df_raw_t + W_ih.T @ di_raw_t + W_Ch.T @ dC_tilde_raw_t + W_oh.T @ do_raw_t
    chk[167] &= close(dh_next, fd_inter("hin", t, hd))      # grad of h_{t-1} as read by step t
    dC_next = dC_t * cache[t]["f"]
    chk[169] &= close(dC_next, fd_inter("cin", t, hd))      # grad of C_{t-1} as read by step t
for ln, k in [(133, "W_y"), (134, "b_y"), (142, "W_o"), (143, "b_o"), (151, "W_C"), (152, "b_C"),
              (157, "W_i"), (158, "b_i"), (163, "W_f"), (164, "b_f")]:
    chk[ln] = close(g[k], fd_param(k))
res.update(chk)
res[126] = res[127] = True                      # dh_next = dC_next = 0 after the last step
# ---- derivation-section rows (same quantities, dL_t/dX meaning the gradient arriving at X) ----
res[52] = res[53] = res[137]
res[67] = res[68] = res[146]
res[85] = res[167]
res[100] = res[169]

VERDICT = {27: True, 34: True, 37: True, 42: True, 52: True, 53: True, 67: True, 68: True,
           85: True, 100: True}
VERDICT.update({ln: True for ln in range(111, 121)})
VERDICT.update({ln: True for ln in (126, 127, 132, 133, 134, 137, 140, 141, 142, 143, 146, 149,
                                    150, 151, 152, 155, 156, 157, 158, 161, 162, 163, 164, 167, 169)})
for k, v in sorted(VERDICT.items()):
    assert res[k] == v, (k, res[k], v)
    print(f"line {k:4d}: {'pass' if v else 'FAIL'}")
print("all verdicts confirmed;", sum(VERDICT.values()), "pass,", len(VERDICT) - sum(VERDICT.values()), "fail")
