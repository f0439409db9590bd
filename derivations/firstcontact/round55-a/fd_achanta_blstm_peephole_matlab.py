"""Finite-difference check of achanta_blstm_peephole_matlab.md (numpy only, float64).

Model = fp_lstm.m (Greff et al. 'vanilla' peephole LSTM), column vectors, one sequence of length sl,
processed in the order 1..sl ('frnn') or sl..1 ('brnn'):
  z_t = N(Wz x_t + Rz h_prev + bz)          N(a) = 1.7159 tanh(2/3 a)  (get_actf 'N', not in the repo)
  i_t = sigm(Wi x_t + Ri h_prev + pi.c_prev + bi)
  f_t = sigm(Wf x_t + Rf h_prev + pf.c_prev + bf)
  c_t = z_t.i_t + c_prev.f_t
  o_t = sigm(Wo x_t + Ro h_prev + po.c_t + bo)
  h_t = N(c_t).o_t,          h_prev = c_prev = 0 before the first processed step.
Loss: L = sum_t G_t.h_t + 0.5 sum_t ||h_t||^2, so E(:,t) = dL/dh_t (direct part) = G_t + h_t.
The MATLAB files are translated line by line into numpy (same index shifts); every annotated line is
compared with central finite differences: deltas against total derivatives obtained by perturbation taps
on ac_z, ac_i, ac_f, c, ac_o, h; weight gradients against FD on the weights; Eb against FD on X;
forward lines against an independent implementation of the Greff equations; activation-derivative lines
against FD of the activation.  Exit 0 only if every checked line agrees with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "achanta_blstm_peephole_matlab.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(55)
EPS, TOL = 1e-6, 1e-6
A, B = 1.7159, 2 / 3
N = lambda a: A * np.tanh(B * a)
sig = lambda a: 1 / (1 + np.exp(-a))
nin, H, sl = 3, 4, 5
P = {}
for g in "zifo":
    P["W" + g] = rng.normal(size=(H, nin)) * .6
    P["R" + g] = rng.normal(size=(H, H)) * .6
    P["b" + g] = rng.normal(size=H) * .3
for g in "ifo":
    P["p" + g] = rng.normal(size=H) * .5
X0 = rng.normal(size=(sl, nin))          # X as passed to fp_lstm: sl x nin (one frame per row)
G = rng.normal(size=(sl, H))

def order(d):
    return list(range(sl)) if d == "frnn" else list(range(sl - 1, -1, -1))

# ---------- independent reference forward (Greff eqs) with perturbation taps -------------
def ref_forward(P, X, d, taps=None):
    taps = taps or {}
    tp = lambda n, t, v: v + taps.get((n, t), 0.0)
    st = {}
    hp, cp = np.zeros(H), np.zeros(H)
    for t in order(d):
        x = X[t]
        st["az", t] = tp("az", t, P["Wz"] @ x + P["Rz"] @ hp + P["bz"]); z = N(st["az", t])
        st["ai", t] = tp("ai", t, P["Wi"] @ x + P["Ri"] @ hp + P["pi"] * cp + P["bi"]); i = sig(st["ai", t])
        st["af", t] = tp("af", t, P["Wf"] @ x + P["Rf"] @ hp + P["pf"] * cp + P["bf"]); f = sig(st["af", t])
        st["fpost", t] = tp("fpost", t, f)
        c = tp("c", t, z * i + cp * st["fpost", t])
        st["ao", t] = tp("ao", t, P["Wo"] @ x + P["Ro"] @ hp + P["po"] * c + P["bo"]); o = sig(st["ao", t])
        h = tp("h", t, N(c) * o)
        st["z", t], st["i", t], st["f", t], st["c", t], st["o", t], st["h", t] = z, i, f, c, o, h
        hp, cp = h, c
    L = sum(G[t] @ st["h", t] + 0.5 * st["h", t] @ st["h", t] for t in range(sl))
    return L, st

# ---------- line-by-line translation of fp_lstm.m ------------------------------------------
def fp_lstm(X, p, nout, sl, dir_flag):
    X = X.T
    Wzx = p["Wz"] @ X + p["bz"][:, None]           # 31
    Wix = p["Wi"] @ X + p["bi"][:, None]           # 32
    Wfx = p["Wf"] @ X + p["bf"][:, None]           # 33
    Wox = p["Wo"] @ X + p["bo"][:, None]           # 34
    hp = np.zeros(nout); cp = np.zeros(nout)       # 37, 38
    zm, im, fm, cm, om, hcm, hm = (np.zeros((sl, nout)) for _ in range(7))
    for i in (range(sl) if dir_flag == "frnn" else range(sl - 1, -1, -1)):
        ac_zt = Wzx[:, i] + p["Rz"] @ hp; zt = N(ac_zt)                         # 56, 57
        ac_it = Wix[:, i] + p["Ri"] @ hp + p["pi"] * cp; it = sig(ac_it)       # 59, 60
        ac_ft = Wfx[:, i] + p["Rf"] @ hp + p["pf"] * cp; ft = sig(ac_ft)       # 62, 63
        ct = zt * it + cp * ft                                                 # 65
        ac_ot = Wox[:, i] + p["Ro"] @ hp + p["po"] * ct; ot = sig(ac_ot)       # 67, 68
        hct = N(ct); ht = hct * ot                                             # 70, 71
        hp = ht; cp = ct                                                       # 73, 74
        zm[i], im[i], fm[i], cm[i], om[i], hcm[i], hm[i] = zt, it, ft, ct, ot, hct, ht
    return zm, im, fm, cm, om, hcm, hm

# ---------- line-by-line translation of bp_lstm.m -------------------------------------------
def bp_lstm(E, p, zm, im, fm, cm, om, hcm, nout, sl, dir_flag, rec):
    a_tanh = 1.7159; b_tanh = 2 / 3; bby2a = b_tanh / (2 * a_tanh)            # 103-105
    rec["bby2a"] = bby2a
    delnz = np.zeros(nout); delni = np.zeros(nout); delnf = np.zeros(nout)   # 126-128
    delno = np.zeros(nout); delnc = np.zeros(nout)                           # 129-130
    Rz, Ri, Rf, Ro = p["Rz"].T, p["Ri"].T, p["Rf"].T, p["Ro"].T              # 132-135
    zm, im, fm, cm, om, hcm = zm.T, im.T, fm.T, cm.T, om.T, hcm.T
    derhcm = 2 * bby2a * ((a_tanh - hcm) * (a_tanh + hcm))                   # 144
    derzm = 2 * bby2a * ((a_tanh - zm) * (a_tanh + zm))                      # 145
    derom = om * (1 - om); derfm = fm * (1 - fm); derim = im * (1 - im)      # 146-148
    if dir_flag == "frnn":
        fnm = np.hstack([fm[:, 1:], np.zeros((nout, 1))])                    # 151
        cpm = np.hstack([np.zeros((nout, 1)), cm[:, :-1]])                   # 152
        ix = range(sl - 1, -1, -1)
    else:
        fnm = np.hstack([np.zeros((nout, 1)), fm[:, :-1]])                   # 155
        cpm = np.hstack([cm[:, 1:], np.zeros((nout, 1))])                    # 156
        ix = range(sl)
    rec.update(derhcm=derhcm, derzm=derzm, derom=derom, derfm=derfm, derim=derim, fnm=fnm, cpm=cpm)
    out = {k: np.zeros((sl, nout)) for k in ["dhm", "dom", "dcm", "dfm", "dim", "dzm"]}
    for i in ix:
        delht = E[:, i] + Rz @ delnz + Ri @ delni + Rf @ delnf + Ro @ delno                        # 163
        delot = delht * hcm[:, i] * derom[:, i]                                                    # 164
        delct = delht * om[:, i] * derhcm[:, i] + p["po"] * delot + p["pi"] * delni + p["pf"] * delnf + delnc * fnm[:, i]  # 165
        delft = delct * cpm[:, i] * derfm[:, i]                                                    # 167
        delit = delct * zm[:, i] * derim[:, i]                                                     # 168
        delzt = delct * im[:, i] * derzm[:, i]                                                     # 169
        delnz, delni, delnf, delno, delnc = delzt, delit, delft, delot, delct                      # 172-176
        out["dhm"][i], out["dom"][i], out["dcm"][i] = delht, delot, delct
        out["dfm"][i], out["dim"][i], out["dzm"][i] = delft, delit, delzt
    Eb = out["dzm"] @ p["Wz"] + out["dim"] @ p["Wi"] + out["dfm"] @ p["Wf"] + out["dom"] @ p["Wo"]  # 187
    return out, Eb

# ---------- line-by-line translation of gradients_lstm.m ------------------------------------
def gradients_lstm(X, hm, cm, dom, dfm, dim, dzm, nout, dir_flag):
    g = {}
    if dir_flag == "frnn":
        hpm = np.vstack([np.zeros((1, nout)), hm[:-1]])      # 206
        cpm = np.vstack([np.zeros((1, nout)), cm[:-1]])      # 207
    else:
        hpm = np.vstack([hm[1:], np.zeros((1, nout))])       # 209
        cpm = np.vstack([cm[1:], np.zeros((1, nout))])       # 210
    g["hpm"], g["cpm"] = hpm, cpm
    g["Wz"], g["Wi"], g["Wf"], g["Wo"] = dzm.T @ X, dim.T @ X, dfm.T @ X, dom.T @ X          # 213-216
    g["Rz"], g["Ri"], g["Rf"], g["Ro"] = dzm.T @ hpm, dim.T @ hpm, dfm.T @ hpm, dom.T @ hpm  # 218-221
    g["bz"], g["bi"], g["bf"], g["bo"] = dzm.sum(0), dim.sum(0), dfm.sum(0), dom.sum(0)      # 223-226
    g["pi"] = (dim * cpm).sum(0); g["pf"] = (dfm * cpm).sum(0); g["po"] = (dom * cm).sum(0)  # 228-230
    return g

results = {}
def rec_line(n, ok):
    results.setdefault(n, []).append(bool(ok))

def fd_total(node, t, d):
    g = np.zeros(H)
    for j in range(H):
        e = np.zeros(H); e[j] = EPS
        g[j] = (ref_forward(P, X0, d, {(node, t): e})[0] - ref_forward(P, X0, d, {(node, t): -e})[0]) / (2 * EPS)
    return g

def fd_param(name, d):
    Q = {k: v.copy() for k, v in P.items()}
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        Q[name][idx] += EPS; lp = ref_forward(Q, X0, d)[0]
        Q[name][idx] -= 2 * EPS; lm = ref_forward(Q, X0, d)[0]
        Q[name][idx] += EPS
        g[idx] = (lp - lm) / (2 * EPS)
    return g

close = lambda a, b, tol=TOL: np.max(np.abs(np.asarray(a) - np.asarray(b))) < tol * max(1.0, np.max(np.abs(b)))

for d in ["frnn", "brnn"]:
    L0, S = ref_forward(P, X0, d)
    zm, im, fm, cm, om, hcm, hm = fp_lstm(X0, P, H, sl, d)
    # forward lines: compare with the independent reference forward
    ok = all(close(zm[t], S["z", t], 1e-12) for t in range(sl)); [rec_line(n, ok) for n in (31, 56, 57)]
    ok = all(close(im[t], S["i", t], 1e-12) for t in range(sl)); [rec_line(n, ok) for n in (32, 59, 60)]
    ok = all(close(fm[t], S["f", t], 1e-12) for t in range(sl)); [rec_line(n, ok) for n in (33, 62, 63)]
    ok = all(close(cm[t], S["c", t], 1e-12) for t in range(sl)); [rec_line(n, ok) for n in (37, 38, 65, 73, 74)]
    ok = all(close(om[t], S["o", t], 1e-12) for t in range(sl)); [rec_line(n, ok) for n in (34, 67, 68)]
    ok = all(close(hm[t], S["h", t], 1e-12) and close(hcm[t], N(S["c", t]), 1e-12) for t in range(sl)); [rec_line(n, ok) for n in (70, 71)]
    E = (G + hm).T                                     # nout x sl, direct dL/dh
    rec = {}
    out, Eb = bp_lstm(E, P, zm, im, fm, cm, om, hcm, H, sl, d, rec)
    # activation derivative lines
    dN = lambda a: (N(a + EPS) - N(a - EPS)) / (2 * EPS)
    dS = lambda a: (sig(a + EPS) - sig(a - EPS)) / (2 * EPS)
    rec_line(105, abs(rec["bby2a"] - (2 / 3) / (2 * 1.7159)) < 1e-15)
    rec_line(103, close(rec["derhcm"].T, np.array([dN(S["c", t]) for t in range(sl)]), 1e-6))
    rec_line(104, close(rec["derzm"].T, np.array([dN(S["az", t]) for t in range(sl)]), 1e-6))
    rec_line(144, close(rec["derhcm"].T, np.array([dN(S["c", t]) for t in range(sl)]), 1e-6))
    rec_line(145, close(rec["derzm"].T, np.array([dN(S["az", t]) for t in range(sl)]), 1e-6))
    rec_line(146, close(rec["derom"].T, np.array([dS(S["ao", t]) for t in range(sl)]), 1e-6))
    rec_line(147, close(rec["derfm"].T, np.array([dS(S["af", t]) for t in range(sl)]), 1e-6))
    rec_line(148, close(rec["derim"].T, np.array([dS(S["ai", t]) for t in range(sl)]), 1e-6))
    # totals
    T = {(n, t): fd_total(n, t, d) for n in ["az", "ai", "af", "c", "ao", "h", "fpost"] for t in range(sl)}
    ordr = order(d)
    # shifted arrays: fnm(:,t) = forget gate of the step processed after t; cpm(:,t) = dc_t/df_t = c_prev
    nxt = {ordr[k]: (ordr[k + 1] if k + 1 < sl else None) for k in range(sl)}
    prv = {ordr[k]: (ordr[k - 1] if k > 0 else None) for k in range(sl)}
    okf = all(close(rec["fnm"][:, t], S["f", nxt[t]] if nxt[t] is not None else np.zeros(H), 1e-12) for t in range(sl))
    # cpm checked numerically: dL/df_t (post-activation) = delta_c_t * cpm(:,t)
    okc = all(close(T["fpost", t], out["dcm"][t] * rec["cpm"][:, t]) for t in range(sl))
    rec_line(151 if d == "frnn" else 155, okf)
    rec_line(152 if d == "frnn" else 156, okc)
    # line 126-130: at the last processed step the next-step deltas are zero
    last = ordr[-1]
    rec_line(126, close(T["h", last], E[:, last])); rec_line(127, close(T["h", last], E[:, last]))
    rec_line(128, close(T["h", last], E[:, last])); rec_line(129, close(T["h", last], E[:, last]))
    rec_line(130, close(T["c", last], E[:, last] * om.T[:, last] * rec["derhcm"][:, last] + P["po"] * out["dom"][last]))
    okR = all(close(out["dhm"][t], T["h", t]) for t in range(sl))
    for n in (132, 133, 134, 135, 163, 172, 173, 174, 175, 176):
        rec_line(n, okR)
    rec_line(164, all(close(out["dom"][t], T["ao", t]) for t in range(sl)))
    rec_line(165, all(close(out["dcm"][t], T["c", t]) for t in range(sl)))
    rec_line(167, all(close(out["dfm"][t], T["af", t]) for t in range(sl)))
    rec_line(168, all(close(out["dim"][t], T["ai", t]) for t in range(sl)))
    rec_line(169, all(close(out["dzm"][t], T["az", t]) for t in range(sl)))
    # Eb = dL/dX
    gX = np.zeros_like(X0)
    for idx in np.ndindex(X0.shape):
        Xp = X0.copy(); Xp[idx] += EPS; Xm = X0.copy(); Xm[idx] -= EPS
        gX[idx] = (ref_forward(P, Xp, d)[0] - ref_forward(P, Xm, d)[0]) / (2 * EPS)
    rec_line(187, close(Eb, gX))
    # gradients_lstm.m
    g = gradients_lstm(X0, hm, cm, out["dom"], out["dfm"], out["dim"], out["dzm"], H, d)
    hp_true = np.array([S["h", prv[t]] if prv[t] is not None else np.zeros(H) for t in range(sl)])
    cp_true = np.array([S["c", prv[t]] if prv[t] is not None else np.zeros(H) for t in range(sl)])
    rec_line(206 if d == "frnn" else 209, close(g["hpm"], hp_true, 1e-12))
    rec_line(207 if d == "frnn" else 210, close(g["cpm"], cp_true, 1e-12))
    for n, name in [(213, "Wz"), (214, "Wi"), (215, "Wf"), (216, "Wo"), (218, "Rz"), (219, "Ri"), (220, "Rf"),
                    (221, "Ro"), (223, "bz"), (224, "bi"), (225, "bf"), (226, "bo"), (228, "pi"), (229, "pf"), (230, "po")]:
        rec_line(n, close(g[name], fd_param(name, d)))

bad = 0
for n in sorted(set(int(k) for k in EXP) | set(results)):
    exp = EXP.get(str(n), {}).get("expected", "MISSING")
    if n not in results:
        print(f"line {n}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    num = "pass" if all(results[n]) else "fail"
    print(f"line {n}: expected {exp}, numeric {num}")
    bad += num != exp
print("mismatches:", bad)
sys.exit(1 if bad else 0)
