"""Finite-difference check of ahmadraza_seq2seq_gru.md (numpy only, float64).
Every checked line is evaluated with TRUE upstream quantities (obtained by central
finite differences through a hooked forward pass), so each verdict is local to its line."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["ahmadraza_seq2seq_gru.md"]

rng = np.random.default_rng(0)
H, E, V = 3, 2, 4
src = [1, 2, 1]          # token 1 repeated -> tests embedding accumulation
dec_in = [0, 3, 1]       # token 1 also used by decoder -> shared embedding
dec_tg = [3, 2, 1]
Tenc, Tdec = len(src), len(dec_in)
P = {
    "Wemb": rng.normal(0, 0.8, (V, E)),
    "Wu_enc": rng.normal(0, 0.8, (H, H + E)), "Wr_enc": rng.normal(0, 0.8, (H, H + E)), "Wh_enc": rng.normal(0, 0.8, (H, H + E)),
    "bu_enc": rng.normal(0, 0.3, (H, 1)), "br_enc": rng.normal(0, 0.3, (H, 1)), "bh_enc": rng.normal(0, 0.3, (H, 1)),
    "W_bridge": rng.normal(0, 0.8, (H, H)), "b_bridge": rng.normal(0, 0.3, (H, 1)),
    "Wu_dec": rng.normal(0, 0.8, (H, H + E)), "Wr_dec": rng.normal(0, 0.8, (H, H + E)), "Wh_dec": rng.normal(0, 0.8, (H, H + E)),
    "bu_dec": rng.normal(0, 0.3, (H, 1)), "br_dec": rng.normal(0, 0.3, (H, 1)), "bh_dec": rng.normal(0, 0.3, (H, 1)),
    "Wy": rng.normal(0, 0.8, (V, H)), "by": rng.normal(0, 0.3, (V, 1)),
}
sig = lambda z: 1 / (1 + np.exp(-z))

def step(pre, Pp, h_prev, idx, hk, t):
    """one GRU step; hk(name) returns an additive perturbation for node (pre+name, t)."""
    g = lambda n, shape: hk((pre + n, t), shape)
    e = Pp["Wemb"][idx].reshape(-1, 1) + g("e", (E, 1))
    hu = h_prev + g("hin_u", (H, 1)) + g("hin", (H, 1))
    hr = h_prev + g("hin_r", (H, 1)) + g("hin", (H, 1))
    hh = h_prev + g("hin_h", (H, 1)) + g("hin", (H, 1))
    hd = h_prev + g("hin_d", (H, 1)) + g("hin", (H, 1))
    Wu, Wr, Wh = Pp["Wu_" + pre], Pp["Wr_" + pre], Pp["Wh_" + pre]
    zu = Wu @ np.vstack([hu, e]) + Pp["bu_" + pre] + g("zu", (H, 1)); u = sig(zu) + g("u", (H, 1))
    zr = Wr @ np.vstack([hr, e]) + Pp["br_" + pre] + g("zr", (H, 1)); r = sig(zr) + g("r", (H, 1))
    zh = Wh[:, H:] @ e + r * (Wh[:, :H] @ hh) + Pp["bh_" + pre] + g("zh", (H, 1)); c = np.tanh(zh) + g("c", (H, 1))
    h = (1 - u) * c + u * hd + g("h", (H, 1))
    return dict(e=e, zu=zu, u=u, zr=zr, r=r, zh=zh, c=c, h=h)

def forward(Pp, hooks=None):
    hooks = hooks or {}
    hk = lambda key, shape: hooks.get(key, np.zeros(shape))
    enc, dec = [], []
    h = np.zeros((H, 1))
    hs_enc = {-1: h}
    for t in range(Tenc):
        s = step("enc", Pp, h, src[t], hk, t); enc.append(s); h = s["h"]; hs_enc[t] = h
    hef = h + hk(("hef", 0), (H, 1))
    bz = Pp["W_bridge"] @ hef + Pp["b_bridge"] + hk(("bz", 0), (H, 1))
    hdi = np.tanh(bz) + hk(("hdi", 0), (H, 1))
    h = hdi; hs_dec = {-1: hdi}; L = 0.0; ys, ps = [], []
    for t in range(Tdec):
        s = step("dec", Pp, h, dec_in[t], hk, t); h = s["h"]; hs_dec[t] = h
        y = Pp["Wy"] @ h + Pp["by"] + hk(("dec_y", t), (V, 1))
        p = np.exp(y - y.max()); p /= p.sum()
        L += -np.log(p[dec_tg[t], 0]); s["y"] = y; s["p"] = p; dec.append(s)
    return L, dict(enc=enc, dec=dec, hs_enc=hs_enc, hs_dec=hs_dec, hef=hef, bz=bz, hdi=hdi)

EPS = 1e-6
L0, C = forward(P)
def node_grad(key, shape):
    g = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = EPS
        g[i] = (forward(P, {key: d})[0] - forward(P, {key: -d})[0]) / (2 * EPS)
    return g
def param_grad(name):
    g = np.zeros_like(P[name])
    for i in np.ndindex(*P[name].shape):
        Pp = dict(P); Pp[name] = P[name].copy(); Pp[name][i] += EPS; lp = forward(Pp)[0]
        Pp[name] = P[name].copy(); Pp[name][i] -= EPS; lm = forward(Pp)[0]
        g[i] = (lp - lm) / (2 * EPS)
    return g
G = {}
for pre, T in (("enc", Tenc), ("dec", Tdec)):
    for t in range(T):
        for n in ["e", "hin_u", "hin_r", "hin_h", "hin_d", "hin", "zu", "u", "zr", "r", "zh", "c", "h"]:
            G[(pre + n, t)] = node_grad((pre + n, t), (E, 1) if n == "e" else (H, 1))
for t in range(Tdec):
    G[("dec_y", t)] = node_grad(("dec_y", t), (V, 1))
for k in ["hef", "bz", "hdi"]:
    G[(k, 0)] = node_grad((k, 0), (H, 1))
PG = {k: param_grad(k) for k in P}

def close(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= 1e-5 * (1 + np.max(np.abs(b)))

res = {}
def rec(line, ok):
    res[line] = res.get(line, True) and bool(ok)

def hprev(pre, t):
    return (C["hs_" + pre])[t - 1]
def gh_total(pre, t):   # total dL/dh_t
    return G[(pre + "h", t)]
def g_in(pre, t):       # contribution of h_{t-1} through step t (all four paths)
    return G[(pre + "hin", t)]

# ---------- forward lines ----------
for pre, T in (("enc", Tenc), ("dec", Tdec)):
    toks = src if pre == "enc" else dec_in
    for t in range(T):
        s = (C[pre])[t]; hp = hprev(pre, t)
        Wu, Wr, Wh = P["Wu_" + pre], P["Wr_" + pre], P["Wh_" + pre]
        z = np.vstack([hp, P["Wemb"][toks[t]].reshape(-1, 1)])
        zu = Wu @ z + P["bu_" + pre]; u = sig(zu)
        zr = Wr @ z + P["br_" + pre]; r = sig(zr)
        zh = Wh[:, H:] @ z[H:] + r * (Wh[:, :H] @ hp) + P["bh_" + pre]; c = np.tanh(zh)
        h = (1 - u) * c + u * hp
        ok = all(close(a, s[k]) for a, k in [(zu, "zu"), (u, "u"), (zr, "zr"), (r, "r"), (zh, "zh"), (c, "c"), (h, "h")])
        lines = {"enc": [15, 22, 23, 26, 27, 30, 31, 34, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 124],
                 "dec": [41, 42, 45, 46, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 142]}[pre]
        for ln in lines: rec(ln, ok)
        if pre == "dec":
            y = P["Wy"] @ h + P["by"]; p = np.exp(y) / np.exp(y).sum()
            for ln in (49, 96): rec(ln, close(y, s["y"]))
            for ln in (50, 6, 7, 8, 143): rec(ln, close(p, s["p"]))
for ln in (4, 5): rec(ln, close(sig(0.3), 1 / (1 + np.exp(-0.3))) and close(sig(0.3) * (1 - sig(0.3)), (sig(0.3 + 1e-6) - sig(0.3 - 1e-6)) / 2e-6))
hef = C["hs_enc"][Tenc - 1]
for ln in (128,): rec(ln, close(hef, C["hef"]))
for ln in (129, 130, 263): rec(ln, close(np.tanh(P["W_bridge"] @ hef + P["b_bridge"]), C["hdi"]))
for ln in (118, 119, 136): rec(ln, True)   # initial states (zeros / bridge output), definitions
Lcheck = sum(-np.log(C["dec"][t]["p"][dec_tg[t], 0] + 1e-8) for t in range(Tdec))
rec(144, abs(Lcheck - L0) < 1e-6)

# ---------- decoder output layer (math 161,164,166; code 340,341,342,343) ----------
for t in range(Tdec):
    p = C["dec"][t]["p"]; oh = np.zeros((V, 1)); oh[dec_tg[t]] = 1
    for ln in (161, 340, 341): rec(ln, close(p - oh, G[("dec_y", t)]))
dWy = sum(G[("dec_y", t)] @ C["hs_dec"][t].T for t in range(Tdec))
dby = sum(G[("dec_y", t)] for t in range(Tdec))
for ln in (164, 342): rec(ln, close(dWy, PG["Wy"]))
for ln in (166, 343): rec(ln, close(dby, PG["by"]))

# ---------- line 170 (Step 2, total-gradient reading) and code 346 ----------
for t in range(Tdec):
    nxt_total = G[("dech", t + 1)] if t + 1 < Tdec else np.zeros((H, 1))
    rec(170, close(P["Wy"].T @ G[("dec_y", t)] + nxt_total, gh_total("dec", t)))
    nxt_msg = g_in("dec", t + 1) if t + 1 < Tdec else np.zeros((H, 1))
    rec(346, close(P["Wy"].T @ G[("dec_y", t)] + nxt_msg, gh_total("dec", t)))
rec(336, True)  # dh_next = 0 beyond the last decoder step (boundary condition)

# ---------- GRU gate lines, both RNNs ----------
code = {  # math lines are shared; code lines per RNN
    "dec": dict(du=349, dzu=350, dcht=352, dzh=353, slice=(355, 356), dr=358, dzr=359, zcat=362,
                dWu=363, dbu=364, dWr=366, dbr=367, dWhh=370, dWhx=371, dbh=372, de=375, dWemb=376,
                fu=379, fr=380, fh=381, fd=382, nxt=383),
    "enc": dict(du=400, dzu=401, dcht=403, dzh=404, slice=(406,), dr=408, dzr=409, zcat=412,
                dWu=413, dbu=414, dWr=416, dbr=417, dWhh=419, dWhx=420, dbh=421, de=424, dWemb=425,
                fu=428, fr=429, fh=430, fd=431, nxt=433),
}
dWemb_total = np.zeros_like(P["Wemb"])
for pre, T in (("enc", Tenc), ("dec", Tdec)):
    c_ = code[pre]; toks = src if pre == "enc" else dec_in
    Wu, Wr, Wh = P["Wu_" + pre], P["Wr_" + pre], P["Wh_" + pre]
    Whh, Whx = Wh[:, :H], Wh[:, H:]
    acc = {k: 0 for k in ["Wu", "bu", "Wr", "br", "Whh", "Whx", "bh"]}
    for t in range(T):
        s = C[pre][t]; hp = hprev(pre, t)
        gh = gh_total(pre, t)
        gu, gzu, gc, gzh, gr, gzr = (G[(pre + n, t)] for n in ["u", "zu", "c", "zh", "r", "zr"])
        # 188: Jacobian dh_t/du_t (local) = diag(h_{t-1} - htilde_t)
        J = np.zeros((H, H))
        for i in range(H):
            d = np.zeros((H, 1)); d[i] = EPS
            f = lambda uu: (1 - uu) * s["c"] + uu * hp
            J[:, i] = ((f(s["u"] + d) - f(s["u"] - d)) / (2 * EPS)).ravel()
        rec(188, close(J, np.diag((hp - s["c"]).ravel())))
        for ln in (190, c_["du"]): rec(ln, close(gh * (hp - s["c"]), gu))
        for ln in (193, c_["dzu"]): rec(ln, close(gu * s["u"] * (1 - s["u"]), gzu))
        for ln in (198, c_["dcht"]): rec(ln, close(gh * (1 - s["u"]), gc))
        for ln in (203, c_["dzh"]): rec(ln, close(gc * (1 - s["c"] ** 2), gzh))
        rec(207, close(gzh * (Whh @ hp), gr))                     # markdown Step 5
        rec(c_["dr"], close((Whh.T @ gzh) * hp, gr))               # code dr line
        for ln in (212, c_["dzr"]): rec(ln, close(gr * s["r"] * (1 - s["r"]), gzr))
        zc = np.vstack([hp, s["e"]])
        for ln in c_["slice"]: rec(ln, close(Wh @ zc, Whh @ hp + Whx @ s["e"]))
        rec(c_["zcat"], close(Wu @ zc + P["bu_" + pre], s["zu"]))
        acc["Wu"] = acc["Wu"] + gzu @ zc.T; acc["bu"] = acc["bu"] + gzu
        acc["Wr"] = acc["Wr"] + gzr @ zc.T; acc["br"] = acc["br"] + gzr
        acc["Whh"] = acc["Whh"] + (gzh * s["r"]) @ hp.T; acc["Whx"] = acc["Whx"] + gzh @ s["e"].T; acc["bh"] = acc["bh"] + gzh
        de = (Wu.T @ gzu + Wr.T @ gzr + Wh.T @ gzh)[H:]
        rec(c_["de"], close(de, G[(pre + "e", t)]))
        rec(236, close((Wu.T @ gzu)[H:] + (Wr.T @ gzr)[H:] + Whx.T @ gzh, G[(pre + "e", t)]))
        dWemb_total[toks[t]] += de.ravel()
        # four paths (code) against path-wise FD contributions
        rec(c_["fu"], close((Wu.T @ gzu)[:H], G[(pre + "hin_u", t)]))
        rec(c_["fr"], close((Wr.T @ gzr)[:H], G[(pre + "hin_r", t)]))
        rec(c_["fh"], close(Whh.T @ (gzh * s["r"]), G[(pre + "hin_h", t)]))
        rec(c_["fd"], close(gh * s["u"], G[(pre + "hin_d", t)]))
        step7 = (Wu.T @ gzu)[:H] + (Wr.T @ gzr)[:H] + Whh.T @ (gzh * s["r"]) + gh * s["u"]
        for ln in (244, c_["nxt"]): rec(ln, close(step7, g_in(pre, t)))   # this step's contribution
    for ln, k, pk in ((217, "Wu", "Wu_"), (218, "bu", "bu_"), (221, "Wr", "Wr_"), (222, "br", "br_"), (233, "bh", "bh_")):
        rec(ln, close(acc[k], PG[pk + pre]))
    rec(227, close(acc["Whh"], PG["Wh_" + pre][:, :H])); rec(230, close(acc["Whx"], PG["Wh_" + pre][:, H:]))
    rec(c_["dWu"], close(acc["Wu"], PG["Wu_" + pre])); rec(c_["dbu"], close(acc["bu"], PG["bu_" + pre]))
    rec(c_["dWr"], close(acc["Wr"], PG["Wr_" + pre])); rec(c_["dbr"], close(acc["br"], PG["br_" + pre]))
    rec(c_["dWhh"], close(acc["Whh"], PG["Wh_" + pre][:, :H])); rec(c_["dWhx"], close(acc["Whx"], PG["Wh_" + pre][:, H:]))
    rec(c_["dbh"], close(acc["bh"], PG["bh_" + pre]))
for ln in (376, 425): rec(ln, close(dWemb_total, PG["Wemb"]))
rec(236, close(dWemb_total, PG["Wemb"]))

# ---------- bridge ----------
gdi = G[("hdi", 0)]
rec(386, close(g_in("dec", 0), gdi))
for ln in (266, 389): rec(ln, close(gdi * (1 - C["hdi"] ** 2), G[("bz", 0)]))
for ln in (269, 390): rec(ln, close(G[("bz", 0)] @ hef.T, PG["W_bridge"]))
for ln in (271, 391): rec(ln, close(G[("bz", 0)], PG["b_bridge"]))
for ln in (274, 392): rec(ln, close(P["W_bridge"].T @ G[("bz", 0)], G[("hef", 0)]))
for ln in (284, 395): rec(ln, close(G[("hef", 0)], gh_total("enc", Tenc - 1)))

# ---------- encoder hidden-state recursion: math 281 (total reading) and code 398 ----------
for t in range(Tenc - 1):
    rec(281, close(gh_total("enc", t + 1), gh_total("enc", t)))
for t in range(Tenc):
    msg = g_in("enc", t + 1) if t + 1 < Tenc else G[("hef", 0)]
    rec(398, close(msg, gh_total("enc", t)))

# ---------- report ----------
bad = 0
for ln in sorted(set(res) | {int(k) for k in EXP}):
    exp = EXP.get(str(ln), {}).get("expected")
    if ln not in res:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED (definition)"); continue
    num = "pass" if res[ln] else "fail"
    flag = "" if exp == num else "   <-- MISMATCH"
    if exp != num: bad += 1
    print(f"line {ln}: expected {exp}, numeric {num}{flag}")
print("mismatches:", bad)
sys.exit(1 if bad else 0)
