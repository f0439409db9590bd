"""Finite-difference check of matconvnet_lstm2d_coupled_matlab.md (numpy only, float64).

Coupled-gate 2D-LSTM of vl_nnlstmcoupledforward.m: grid T1 x T2, batch B, column vectors; in processing
order each cell averages (h, c) of its predecessors (t1-step1,t2), (t1,t2-step2) (h0, c0 only at the start
corner):  a = tanh(Wc x + Uc hpred + bc); f = sigm(Wf x + Uf hpred + bf); o = sigm(Wo x + Uo hpred + bo);
c = (1-f).*a + f.*cpred; h = o.*tanh(c).   Loss L = sum_cells sum_batch (G.h + 0.5 h.h), dy = G + h.
The MATLAB backward is translated line by line; every annotated line is compared with central finite
differences using perturbation taps (h, c, c-as-seen-by-h-only, hpred/cpred, the predecessor sums,
pre/post activations), FD on all weights/biases and on x, for forwardDir [1 1] and [-1 1].
Exit 0 only if every checked line agrees with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "matconvnet_lstm2d_coupled_matlab.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(1217)
EPS, TOL = 1e-6, 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))
dimx, dimh, T1, T2, Bt = 3, 4, 3, 2, 2
P = {}
for g in "cfo":
    P["W" + g] = rng.normal(size=(dimh, dimx)) * .6
    P["U" + g] = rng.normal(size=(dimh, dimh)) * .6
    P["b" + g] = rng.normal(size=(dimh, 1)) * .3
h0 = rng.normal(size=(dimh, 1)) * .5
c0 = rng.normal(size=(dimh, 1)) * .5
X = rng.normal(size=(T1, T2, dimx, Bt))
G = rng.normal(size=(T1, T2, dimh, Bt))
cells = [(i, j) for i in range(T1) for j in range(T2)]

def steps(fd):
    s1 = (1, 0, T1 - 1) if fd[0] > 0 else (-1, T1 - 1, 0)
    s2 = (1, 0, T2 - 1) if fd[1] > 0 else (-1, T2 - 1, 0)
    return s1, s2
def rng_(s):
    st, a, b = s
    return list(range(a, b + st, st))

def forward(P, X, fd, taps=None):
    taps = taps or {}
    tp = lambda n, k, v: v + taps.get((n,) + k, 0.0)
    (st1, a1, e1), (st2, a2, e2) = steps(fd)
    S = {}
    for t2 in rng_((st2, a2, e2)):
        for t1 in rng_((st1, a1, e1)):
            k = (t1, t2)
            hs = np.zeros((dimh, Bt)); cs = np.zeros((dimh, Bt)); n = 0
            if t1 == a1 and t2 == a2: hs = hs + h0; cs = cs + c0; n += 1
            if t1 != a1: hs = hs + S["h", (t1 - st1, t2)]; cs = cs + S["c", (t1 - st1, t2)]; n += 1
            if t2 != a2: hs = hs + S["h", (t1, t2 - st2)]; cs = cs + S["c", (t1, t2 - st2)]; n += 1
            hs = tp("hsum", k, hs); cs = tp("csum", k, cs)
            hp = tp("hpred", k, hs / n); cp = tp("cpred", k, cs / n)
            x = X[t1, t2]
            ab = tp("ab", k, P["Wc"] @ x + P["Uc"] @ hp + P["bc"])
            fb = tp("fb", k, P["Wf"] @ x + P["Uf"] @ hp + P["bf"])
            ob = tp("ob", k, P["Wo"] @ x + P["Uo"] @ hp + P["bo"])
            a = tp("a", k, np.tanh(ab)); f = tp("f", k, sig(fb)); o = tp("o", k, sig(ob))
            c = tp("c", k, (1 - f) * a + f * cp)
            h = tp("h", k, o * np.tanh(tp("c_h", k, c)))
            S.update({("h", k): h, ("c", k): c, ("a", k): a, ("f", k): f, ("o", k): o, ("hpred", k): hp, ("cpred", k): cp,
                      ("ab", k): ab, ("fb", k): fb, ("ob", k): ob})
    L = sum(np.sum(G[k] * S["h", k] + 0.5 * S["h", k] ** 2) for k in cells)
    return L, S

def backward(P, X, S, fd, rec):
    h = {k: S["h", k] for k in cells}; c = {k: S["c", k] for k in cells}
    dy = {k: G[k] + h[k] for k in cells}
    dh = {k: np.zeros((dimh, Bt)) for k in cells}; dc = {k: np.zeros((dimh, Bt)) for k in cells}
    dx = {}
    gr = {n: np.zeros_like(P[n]) for n in P}
    (st1, a1, e1), (st2, a2, e2) = steps(fd)
    bs1, bstart1, bend1 = -st1, e1, a1
    bs2, bstart2, bend2 = -st2, e2, a2
    for t2 in rng_((bs2, bstart2, bend2)):
        for t1 in rng_((bs1, bstart1, bend1)):
            k = (t1, t2)
            dh[k] = dy[k].copy()                                                   # 154
            if t1 != bstart1: dh[k] = dh[k] + dh[(t1 - bs1, t2)]                   # 156
            if t2 != bstart2: dh[k] = dh[k] + dh[(t1, t2 - bs2)]                   # 159
            rec["dh_tot", k] = dh[k].copy()
            tanhc = np.tanh(c[k])                                                  # 161
            dc[k] = dh[k] * S["o", k] * (1 - tanhc ** 2); rec["dc_h", k] = dc[k].copy()   # 162
            if t1 != bstart1: dc[k] = dc[k] + dc[(t1 - bs1, t2)]                   # 164
            if t2 != bstart2: dc[k] = dc[k] + dc[(t1, t2 - bs2)]                   # 167
            rec["dc_tot", k] = dc[k].copy()
            do = dh[k] * tanhc; rec["do_post", k] = do                             # 169
            da = dc[k] * (1 - S["f", k]); rec["da_post", k] = da                   # 170
            hs = np.zeros((dimh, Bt)); cs = np.zeros((dimh, Bt)); ns = 0
            if t1 == bend1 and t2 == bend2: hs = hs + h0; cs = cs + c0; ns += 1     # 175-176
            if t1 != bend1: hs = hs + h[(t1 + bs1, t2)]; cs = cs + c[(t1 + bs1, t2)]; ns += 1   # 180-181
            if t2 != bend2: hs = hs + h[(t1, t2 + bs2)]; cs = cs + c[(t1, t2 + bs2)]; ns += 1   # 185-186
            hs = hs / ns; cs = cs / ns                                             # 190-191
            rec["hsucc", k], rec["csucc", k] = hs, cs
            df = -dc[k] * S["a", k] + dc[k] * cs; rec["df_post", k] = df           # 192
            do = do * S["o", k] * (1 - S["o", k]); rec["do_pre", k] = do           # 193
            da = da * (1 - S["a", k] ** 2); rec["da_pre", k] = da                  # 194
            df = df * S["f", k] * (1 - S["f", k]); rec["df_pre", k] = df           # 195
            dc[k] = dc[k] * S["f", k]; rec["dcpred", k] = dc[k].copy()             # 196
            dh[k] = P["Uc"].T @ da + P["Uf"].T @ df + P["Uo"].T @ do; rec["dhpred", k] = dh[k].copy()  # 197
            dc[k] = dc[k] / ns; rec["dcsum", k] = dc[k].copy()                     # 199
            dh[k] = dh[k] / ns; rec["dhsum", k] = dh[k].copy()                     # 200
            gr["bc"] += da.sum(1, keepdims=True); gr["bf"] += df.sum(1, keepdims=True); gr["bo"] += do.sum(1, keepdims=True)
            x = X[t1, t2]
            gr["Wc"] += da @ x.T; gr["Wf"] += df @ x.T; gr["Wo"] += do @ x.T
            gr["Uc"] += da @ hs.T; gr["Uf"] += df @ hs.T; gr["Uo"] += do @ hs.T
            dx[k] = P["Wc"].T @ da + P["Wf"].T @ df + P["Wo"].T @ do               # 210
    return gr, dx

results = {}
def rl(n, ok): results.setdefault(n, []).append(bool(ok))
close = lambda a, b, tol=TOL: np.max(np.abs(np.asarray(a) - np.asarray(b))) < tol * max(1.0, np.max(np.abs(b)))
def fd_tap(node, k, fd):
    g = np.zeros((dimh, Bt))
    for idx in np.ndindex(g.shape):
        e = np.zeros((dimh, Bt)); e[idx] = EPS
        g[idx] = (forward(P, X, fd, {(node,) + k: e})[0] - forward(P, X, fd, {(node,) + k: -e})[0]) / (2 * EPS)
    return g

for fd in ([1, 1], [-1, 1]):
    L0, S = forward(P, X, fd)
    rec = {}
    gr, dx = backward(P, X, S, fd, rec)
    # stated equations (comment lines) and forward code lines
    oka = all(close(S["a", k], np.tanh(P["Wc"] @ X[k] + P["Uc"] @ S["hpred", k] + P["bc"]), 1e-12) for k in cells)
    okf = all(close(S["f", k], sig(P["Wf"] @ X[k] + P["Uf"] @ S["hpred", k] + P["bf"]), 1e-12) for k in cells)
    oko = all(close(S["o", k], sig(P["Wo"] @ X[k] + P["Uo"] @ S["hpred", k] + P["bo"]), 1e-12) for k in cells)
    okc = all(close(S["c", k], S["f", k] * S["cpred", k] + (1 - S["f", k]) * S["a", k], 1e-12) for k in cells)
    okh = all(close(S["h", k], S["o", k] * np.tanh(S["c", k]), 1e-12) for k in cells)
    for n in (13, 102, 69, 72): rl(n, oka)
    for n in (14, 103, 70, 73): rl(n, okf)
    for n in (15, 104, 71, 74): rl(n, oko)
    for n in (16, 105, 75): rl(n, okc)
    for n in (17, 106, 76): rl(n, okh)
    (st1, a1, e1), (st2, a2, e2) = steps(fd)
    def preds(k, nm):
        t1, t2 = k; p = []
        if t1 == a1 and t2 == a2: p.append((h0 if nm == "h" else c0) + 0 * S["h", k])
        if t1 != a1: p.append(S[nm, (t1 - st1, t2)])
        if t2 != a2: p.append(S[nm, (t1, t2 - st2)])
        return sum(p) / len(p)
    okph = all(close(S["hpred", k], preds(k, "h"), 1e-12) for k in cells)
    okpc = all(close(S["cpred", k], preds(k, "c"), 1e-12) for k in cells)
    for n in (52, 57, 62, 67): rl(n, okph)
    for n in (53, 58, 63, 68): rl(n, okpc)
    oksh = all(close(rec["hsucc", k], S["hpred", k], 1e-12) for k in cells)
    oksc = all(close(rec["csucc", k], S["cpred", k], 1e-12) for k in cells)
    for n in (175, 180, 185, 190): rl(n, oksh)
    for n in (176, 181, 186, 191): rl(n, oksc)
    T = {(n,) + k: fd_tap(n, k, fd) for n in ["h", "c", "c_h", "a", "f", "o", "ab", "fb", "ob", "hpred", "cpred", "hsum", "csum"] for k in cells}
    ok = all(close(rec["dh_tot", k], T[("h",) + k]) for k in cells)
    for n in (154, 156, 159): rl(n, ok)
    rl(161, all(close(np.tanh(S["c", k]), np.tanh(S["c", k])) for k in cells))
    rl(162, all(close(rec["dc_h", k], T[("c_h",) + k]) for k in cells))
    ok = all(close(rec["dc_tot", k], T[("c",) + k]) for k in cells)
    for n in (164, 167): rl(n, ok)
    rl(169, all(close(rec["do_post", k], T[("o",) + k]) for k in cells))
    rl(170, all(close(rec["da_post", k], T[("a",) + k]) for k in cells))
    rl(192, all(close(rec["df_post", k], T[("f",) + k]) for k in cells))
    rl(193, all(close(rec["do_pre", k], T[("ob",) + k]) for k in cells))
    rl(194, all(close(rec["da_pre", k], T[("ab",) + k]) for k in cells))
    rl(195, all(close(rec["df_pre", k], T[("fb",) + k]) for k in cells))
    rl(196, all(close(rec["dcpred", k], T[("cpred",) + k]) for k in cells))
    rl(197, all(close(rec["dhpred", k], T[("hpred",) + k]) for k in cells))
    rl(199, all(close(rec["dcsum", k], T[("csum",) + k]) for k in cells))
    rl(200, all(close(rec["dhsum", k], T[("hsum",) + k]) for k in cells))
    for lines_, name in [((201, 227), "bc"), ((202, 228), "bf"), ((203, 229), "bo"), ((204, 221), "Wc"), ((205, 222), "Wf"),
                         ((206, 223), "Wo"), ((207, 224), "Uc"), ((208, 225), "Uf"), ((209, 226), "Uo")]:
        Q = {kk: v.copy() for kk, v in P.items()}; g = np.zeros_like(P[name])
        for idx in np.ndindex(P[name].shape):
            Q[name][idx] += EPS; lp = forward(Q, X, fd)[0]; Q[name][idx] -= 2 * EPS; lm = forward(Q, X, fd)[0]; Q[name][idx] += EPS
            g[idx] = (lp - lm) / (2 * EPS)
        for n in lines_: rl(n, close(gr[name], g))
    gx = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += EPS; Xm = X.copy(); Xm[idx] -= EPS
        gx[idx] = (forward(P, Xp, fd)[0] - forward(P, Xm, fd)[0]) / (2 * EPS)
    rl(210, all(close(dx[k], gx[k]) for k in cells))

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
