"""FD check of murali_lstm_latex_5c1346e.md (Murali806/dl_nb LSTM formulae, LaTeX notebook @5c1346e).

Author's model (column vectors; \\odot = MATRIX product as declared in the summary notation, * = Hadamard):
concat_t=[h_{t-1};x_t], f,i,o = sigma(W concat + b), C~ = tanh(W_C concat + b_C), C_t = f*C_{t-1}+i*C~,
h_t = o*tanh(C_t), logits_t = W_y h_t + b_y, y_t = softmax, L_t = -log y_t[c_t].
Backward rows are gradients of sum_t L_t (running totals dh_t, dC_t; dh_next/dC_next = gradient w.r.t.
h_{t-1}/C_{t-1} as read by step t). Keys of VERDICT = line numbers in the note.
"""
import numpy as np

rng = np.random.default_rng(57091)
F, hd, od, T = 3, 4, 5, 4
n = hd + F
P = {k: rng.normal(0, 0.6, (hd, n)) for k in ("W_f", "W_i", "W_C", "W_o")}
P.update({k: rng.normal(0, 0.4, (hd, 1)) for k in ("b_f", "b_i", "b_C", "b_o")})
P["W_y"] = rng.normal(0, 0.6, (od, hd)); P["b_y"] = rng.normal(0, 0.3, (od, 1))
xs = [rng.normal(0, 1, (F, 1)) for _ in range(T)]
cs = [int(v) for v in rng.integers(0, od, T)]
h0 = rng.normal(0, 0.5, (hd, 1)); C0 = rng.normal(0, 0.5, (hd, 1))
sig = lambda z: 1 / (1 + np.exp(-z))
EPS = 1e-6


def softmax(v):
    e = np.exp(v - v.max()); return e / e.sum()


def forward(pert=None):
    """pert: {(name,t): delta}; names: intermediates, 'hin'/'cin' (h_{t-1}/C_{t-1} as read by step t),
    or ('W_o', t) etc. = per-step copy of a weight."""
    pert = pert or {}
    ad = lambda k, t, v: v + pert[(k, t)] if (k, t) in pert else v
    h, C, L, cache = h0, C0, 0.0, []
    for t in range(T):
        W = {k: ad(k, t, P[k]) for k in P}
        hin, cin = ad("hin", t, h), ad("cin", t, C)
        cc = np.vstack([hin, xs[t]])
        af = ad("af", t, W["W_f"] @ cc + W["b_f"]); f = ad("f", t, sig(af))
        ai = ad("ai", t, W["W_i"] @ cc + W["b_i"]); i = ad("i", t, sig(ai))
        ac = ad("ac", t, W["W_C"] @ cc + W["b_C"]); Ct = ad("Ct", t, np.tanh(ac))
        Cn = ad("C", t, f * cin + i * Ct)
        ao = ad("ao", t, W["W_o"] @ cc + W["b_o"]); o = ad("o", t, sig(ao))
        h = ad("h", t, o * np.tanh(Cn))
        lg = ad("lg", t, W["W_y"] @ h + W["b_y"]); y = softmax(lg)
        L += -np.log(y[cs[t], 0])
        cache.append(dict(cc=cc, cin=cin, f=f, i=i, Ct=Ct, C=Cn, o=o, h=h, y=y, af=af, ai=ai, ac=ac, ao=ao, lg=lg))
        C = Cn
    return cache, L


cache, _ = forward()


def fd(name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (forward({(name, t): d})[1] - forward({(name, t): -d})[1]) / (2 * EPS)
    return g


close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
onehot = lambda c: np.eye(od)[:, [c]]
Wh = {k: P[k][:, :hd] for k in ("W_f", "W_i", "W_C", "W_o")}  # W_fh etc. (h first in concat)

# ---- author's backward rows, evaluated as written, t = T-1..0
R = {}
dh_next = np.zeros((hd, 1)); dC_next = np.zeros((hd, 1))
ok = {k: True for k in ["100", "105", "107", "112", "114", "125", "129", "131", "133", "135", "137", "142", "144",
                          "149", "151", "153", "155", "157", "162", "164", "166", "168", "170", "172", "177", "179",
                          "181", "183", "185", "187", "192", "199", "217", "218", "219", "118"]}
for t in reversed(range(T)):
    c = cache[t]
    dlg = c["y"] - onehot(cs[t])                                  # 100
    ok["100"] &= close(dlg, fd("lg", t, (od, 1)))
    ok["105"] &= close(dlg @ c["h"].T, fd("W_y", t, (od, hd)))   # per-step copy of W_y
    ok["107"] &= close(dlg, fd("b_y", t, (od, 1)))
    dh = P["W_y"].T @ dlg + dh_next                               # 112 / 114
    ok["112"] &= close(dh, fd("h", t, (hd, 1))); ok["114"] &= ok["112"]
    do = dh * np.tanh(c["C"])                                     # 125
    ok["125"] &= close(do, fd("o", t, (hd, 1)))
    do_raw = do * c["o"] * (1 - c["o"])                           # 129 / 131 / 133 (sigma'(a_o) = o(1-o))
    g_ao = fd("ao", t, (hd, 1))
    ok["129"] &= close(do * sig(c["ao"]) * (1 - sig(c["ao"])), g_ao)
    ok["131"] &= close(do_raw, g_ao); ok["133"] &= close(do_raw, g_ao)
    ok["135"] &= close(do_raw @ c["cc"].T, fd("W_o", t, (hd, n)))
    ok["137"] &= close(do_raw, fd("b_o", t, (hd, 1)))
    dC = dh * c["o"] * (1 - np.tanh(c["C"]) ** 2) + dC_next       # 142 / 144 / 217
    ok["142"] &= close(dC, fd("C", t, (hd, 1))); ok["144"] &= ok["142"]; ok["217"] &= ok["142"]
    dCt = dC * c["i"]                                             # 149
    ok["149"] &= close(dCt, fd("Ct", t, (hd, 1)))
    dCt_raw = dCt * (1 - c["Ct"] ** 2)                            # 151 / 153
    g = fd("ac", t, (hd, 1)); ok["151"] &= close(dCt_raw, g); ok["153"] &= close(dCt_raw, g)
    ok["155"] &= close(dCt_raw @ c["cc"].T, fd("W_C", t, (hd, n)))
    ok["157"] &= close(dCt_raw, fd("b_C", t, (hd, 1)))
    di = dC * c["Ct"]                                             # 162
    ok["162"] &= close(di, fd("i", t, (hd, 1)))
    di_raw = di * c["i"] * (1 - c["i"])
    g = fd("ai", t, (hd, 1))
    ok["164"] &= close(di * sig(c["ai"]) * (1 - sig(c["ai"])), g)
    ok["166"] &= close(di_raw, g); ok["168"] &= close(di_raw, g)
    ok["170"] &= close(di_raw @ c["cc"].T, fd("W_i", t, (hd, n)))
    ok["172"] &= close(di_raw, fd("b_i", t, (hd, 1)))
    df = dC * c["cin"]                                            # 177
    ok["177"] &= close(df, fd("f", t, (hd, 1)))
    df_raw = df * c["f"] * (1 - c["f"])
    g = fd("af", t, (hd, 1))
    ok["179"] &= close(df * sig(c["af"]) * (1 - sig(c["af"])), g)
    ok["181"] &= close(df_raw, g); ok["183"] &= close(df_raw, g)
    ok["185"] &= close(df_raw @ c["cc"].T, fd("W_f", t, (hd, n)))
    ok["187"] &= close(df_raw, fd("b_f", t, (hd, 1)))
    dh_next = (Wh["W_f"].T @ df_raw + Wh["W_i"].T @ di_raw + Wh["W_C"].T @ dCt_raw + Wh["W_o"].T @ do_raw)  # 192
    ok["192"] &= close(dh_next, fd("hin", t, (hd, 1))); ok["219"] &= ok["192"]
    dC_next = dC * c["f"]                                         # 199
    ok["199"] &= close(dC_next, fd("cin", t, (hd, 1))); ok["218"] &= ok["199"]

# ---- forward / definition rows
z = rng.normal(0, 1, (5, 1))
fdsc = lambda fn, z: (fn(z + EPS) - fn(z - EPS)) / (2 * EPS)
c0 = cache[0]
ok["22"] = close(c0["f"], sig(P["W_f"] @ c0["cc"] + P["b_f"]))
ok["23"] = ok["22"]
ok["27"] = close(c0["f"], sig(Wh["W_f"] @ h0 + P["W_f"][:, hd:] @ xs[0] + P["b_f"]))
ok["30"] = close(P["W_f"], np.hstack([Wh["W_f"], P["W_f"][:, hd:]]))
ok["33"] = close(sig(z), 1 / (1 + np.exp(-z)))
ok["34"] = close(fdsc(sig, z), sig(z) * (1 - sig(z)))
ok["39"] = close(c0["i"], sig(P["W_i"] @ c0["cc"] + P["b_i"]))
ok["41"] = close(c0["i"], sig(Wh["W_i"] @ h0 + P["W_i"][:, hd:] @ xs[0] + P["b_i"]))
ok["46"] = close(c0["Ct"], np.tanh(P["W_C"] @ c0["cc"] + P["b_C"]))
ok["48"] = close(c0["Ct"], np.tanh(Wh["W_C"] @ h0 + P["W_C"][:, hd:] @ xs[0] + P["b_C"]))
ok["51"] = close(np.tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)))
ok["52"] = close(fdsc(np.tanh, z), 1 - np.tanh(z) ** 2)
ok["57"] = close(c0["C"], c0["f"] * C0 + c0["i"] * c0["Ct"]); ok["233"] = ok["57"]
ok["62"] = close(c0["o"], sig(Wh["W_o"] @ h0 + P["W_o"][:, hd:] @ xs[0] + P["b_o"]))
ok["67"] = close(c0["h"], c0["o"] * np.tanh(c0["C"]))
ok["72"] = close(c0["lg"], P["W_y"] @ c0["h"] + P["b_y"])
ok["73"] = close(c0["y"], softmax(c0["lg"]))
ok["76"] = close(c0["y"][:, 0], np.exp(c0["lg"][:, 0]) / np.exp(c0["lg"][:, 0]).sum())
ok["81"] = True  # definition L_t = -log y_t[c]; used in forward()
ok["86"] = True  # definition of the total loss (1/T scale not carried by the rows; see notes)
yv = c0["y"][:, 0]; g = np.zeros(od)
for k in range(od):
    d = np.zeros(od); d[k] = EPS
    g[k] = (-np.log((yv + d)[cs[0]]) + np.log((yv - d)[cs[0]])) / (2 * EPS)
ok["93"] = close(g, np.where(np.arange(od) == cs[0], -1 / yv[cs[0]], 0.0))
# dh_next = 0 at last step: nothing after T reads h_T except logits_T
ok["118"] = close(fd("h", T - 1, (hd, 1)), P["W_y"].T @ (cache[-1]["y"] - onehot(cs[-1])))
# C_t w.r.t. C_{t-1} with gates held (direct partial): diag(f_t)
Jd = np.zeros((hd, hd)); c1 = cache[1]
for j in range(hd):
    e = np.zeros((hd, 1)); e[j] = EPS
    Jd[:, j] = ((c1["f"] * (c1["cin"] + e) + c1["i"] * c1["Ct"]) - (c1["f"] * (c1["cin"] - e) + c1["i"] * c1["Ct"]))[:, 0] / (2 * EPS)
ok["236"] = close(Jd, np.diag(c1["f"][:, 0]))
# vanilla RNN rows 225 / 228
Whh = rng.normal(0, 0.7, (hd, hd)); Wxh = rng.normal(0, 0.7, (hd, F)); bh = rng.normal(0, 0.3, (hd, 1))
hp = rng.normal(0, 0.5, (hd, 1)); xv = rng.normal(0, 1, (F, 1))
step = lambda hp: np.tanh(Whh @ hp + Wxh @ xv + bh)
ok["225"] = True  # forward definition
ht = step(hp); J = np.zeros((hd, hd))
for j in range(hd):
    e = np.zeros((hd, 1)); e[j] = EPS
    J[:, j] = (step(hp + e) - step(hp - e))[:, 0] / (2 * EPS)
author = Whh.T * (1 - ht ** 2)           # '*' = element-wise, (1-h_t^2) is hd x 1 -> broadcast
ok["228"] = close(author, J) or close(author, J.T)
assert close(J, np.diag((1 - ht ** 2)[:, 0]) @ Whh) and close(J.T, Whh.T @ np.diag((1 - ht ** 2)[:, 0]))

VERDICT = {k: "pass" for k in ok}
VERDICT["228"] = "fail"
bad = [k for k in ok if ok[k] != (VERDICT[k] == "pass")]
assert not bad, bad
print("rows checked:", len(ok), "fail rows:", [k for k in VERDICT if VERDICT[k] == "fail"])

# consistency with expected.json (same folder)
import json, os
_exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["murali_lstm_latex_5c1346e.md"]
assert set(_exp) == set(VERDICT), (set(_exp) ^ set(VERDICT))
assert all(_exp[k]["expected"] == VERDICT[k] for k in VERDICT)
print("expected.json consistent:", len(_exp), "rows")
