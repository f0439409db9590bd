"""Finite-difference check of matconvnet_gru2d_matlab.md (numpy only, float64).

2D-GRU of vl_nngruforward.m: grid T1 x T2, batch B, column vectors; in processing order
(forwardDir) each cell averages the hidden states of its predecessors (t1-step1,t2) and (t1,t2-step2)
(h0 only at the start corner):  hpred = mean(preds);  z = sigm(Wz x + Uz hpred + bz);
r = sigm(Wr x + Ur hpred + br);  a = tanh(Wa x + Ua (r.*hpred) + ba);  h = z.*a + (1-z).*hpred.
Loss: L = sum_cells sum_batch (G.h + 0.5 h.h), so dy = dL/dh (direct) = G + h.
The MATLAB code is translated line by line (mtimesx(A,'T',B) = A^T B, mtimesx(A,B,'T') = A B^T per
batch element) and every annotated line is compared with central finite differences of L using
perturbation taps (h, hpred, the per-predecessor sum, z/r/a pre- and post-activations, r.*hpred),
FD on all weights/biases and on x.  Run for forwardDir = [1 1] and [-1 1].  Exit 0 only if every
checked line agrees with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "matconvnet_gru2d_matlab.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(2017)
EPS, TOL = 1e-6, 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))
dimx, dimh, T1, T2, Bt = 3, 4, 3, 2, 2
P = {}
for g in "zra":
    P["W" + g] = rng.normal(size=(dimh, dimx)) * .6
    P["U" + g] = rng.normal(size=(dimh, dimh)) * .6
    P["b" + g] = rng.normal(size=(dimh, 1)) * .3
h0 = rng.normal(size=(dimh, 1)) * .5
X = rng.normal(size=(T1, T2, dimx, Bt))
G = rng.normal(size=(T1, T2, dimh, Bt))

def steps(fd):
    s1 = (1, 0, T1 - 1) if fd[0] > 0 else (-1, T1 - 1, 0)
    s2 = (1, 0, T2 - 1) if fd[1] > 0 else (-1, T2 - 1, 0)
    return s1, s2

def rng_(s):
    st, a, b = s
    return list(range(a, b + st, st))

def forward(P, X, fd, taps=None, noba=False):
    taps = taps or {}
    tp = lambda n, k, v: v + taps.get((n,) + k, 0.0)
    (st1, a1, e1), (st2, a2, e2) = steps(fd)
    S = {}
    for t2 in rng_((st2, a2, e2)):
        for t1 in rng_((st1, a1, e1)):
            k = (t1, t2)
            hsum = np.zeros((dimh, Bt)); n = 0                                  # 45-46
            if t1 == a1 and t2 == a2: hsum = hsum + h0; n += 1                 # 48-49
            if t1 != a1: hsum = hsum + S["h", (t1 - st1, t2)]; n += 1          # 52-53
            if t2 != a2: hsum = hsum + S["h", (t1, t2 - st2)]; n += 1          # 56-57
            hsum = tp("hsum", k, hsum)
            hp = tp("hpred", k, hsum / n)                                      # 59
            x = X[t1, t2]
            zb = tp("zb", k, P["Wz"] @ x + P["Uz"] @ hp + P["bz"]); z = tp("z", k, sig(zb))   # 60
            rb = tp("rb", k, P["Wr"] @ x + P["Ur"] @ hp + P["br"]); r = tp("r", k, sig(rb))   # 62
            rh = tp("rh", k, r * hp)
            ab = tp("ab", k, P["Wa"] @ x + P["Ua"] @ rh + (0 if noba else P["ba"])); a = tp("a", k, np.tanh(ab))  # 64
            h = tp("h", k, z * a + (1 - z) * hp)                               # 66
            S.update({("h", k): h, ("z", k): z, ("r", k): r, ("a", k): a, ("hpred", k): hp, ("n", k): n})
    L = sum(np.sum(G[k] * S["h", k] + 0.5 * S["h", k] ** 2) for k in [(i, j) for i in range(T1) for j in range(T2)])
    return L, S

def backward(P, X, S, fd, rec):
    """Line-by-line translation of vl_nngrubackward.m (0-based indices)."""
    h = {k: S["h", k] for k in [(i, j) for i in range(T1) for j in range(T2)]}
    dy = {k: G[k] + h[k] for k in h}
    dh = {k: np.zeros((dimh, Bt)) for k in h}
    dx = {k: np.zeros((dimx, Bt)) for k in h}
    gr = {n: np.zeros_like(P[n]) for n in P}
    (st1, a1, e1), (st2, a2, e2) = steps(fd)
    # backward traversal: reverse of forward order (lines 130-139)
    bs1, bstart1, bend1 = -st1, e1, a1
    bs2, bstart2, bend2 = -st2, e2, a2
    for t2 in rng_((bs2, bstart2, bend2)):
        for t1 in rng_((bs1, bstart1, bend1)):
            k = (t1, t2)
            dh[k] = dy[k].copy()                                                # 142
            if t1 != bstart1: dh[k] = dh[k] + dh[(t1 - bs1, t2)]                # 144
            if t2 != bstart2: dh[k] = dh[k] + dh[(t1, t2 - bs2)]                # 147
            rec["dh_total", k] = dh[k].copy()
            hsucc = np.zeros((dimh, Bt)); nsucc = 0                             # 149-150
            if t1 == bend1 and t2 == bend2: hsucc = hsucc + h0; nsucc += 1      # 152
            if t1 != bend1: hsucc = hsucc + h[(t1 + bs1, t2)]; nsucc += 1       # 156
            if t2 != bend2: hsucc = hsucc + h[(t1, t2 + bs2)]; nsucc += 1       # 160
            hsucc = hsucc / nsucc                                               # 163
            rec["hsucc", k] = hsucc
            z, r, a = S["z", k], S["r", k], S["a", k]
            da = dh[k] * z; rec["da_post", k] = da                              # 164
            dz = dh[k] * (a - hsucc); rec["dz_post", k] = dz                    # 165
            da = da * (1 - a ** 2); rec["da_pre", k] = da                       # 166
            dz = dz * (z * (1 - z)); rec["dz_pre", k] = dz                      # 167
            dhr = P["Ua"].T @ da; rec["dhr", k] = dhr                           # 168
            dr = dhr * hsucc; rec["dr_post", k] = dr                            # 169
            dr = dr * (r * (1 - r)); rec["dr_pre", k] = dr                      # 170
            dh[k] = dh[k] * (1 - z) + P["Uz"].T @ dz + P["Ur"].T @ dr + dhr * r  # 171
            rec["dhpred", k] = dh[k].copy()
            dh[k] = dh[k] / nsucc                                               # 173
            rec["dhsum", k] = dh[k].copy()
            gr["bz"] += dz.sum(1, keepdims=True); gr["br"] += dr.sum(1, keepdims=True); gr["ba"] += da.sum(1, keepdims=True)  # 174-176 + 200-202
            x = X[t1, t2]
            gr["Wz"] += dz @ x.T; gr["Wr"] += dr @ x.T; gr["Wa"] += da @ x.T    # 177-179 + 194-196
            gr["Uz"] += dz @ hsucc.T; gr["Ur"] += dr @ hsucc.T; gr["Ua"] += da @ (hsucc * r).T  # 180-182 + 197-199
            dx[k] = P["Wa"].T @ da + P["Wz"].T @ dz + P["Wr"].T @ dr            # 183
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

cells = [(i, j) for i in range(T1) for j in range(T2)]
for fd in ([1, 1], [-1, 1]):
    L0, S = forward(P, X, fd)
    rec = {}
    gr, dx = backward(P, X, S, fd, rec)
    # forward lines vs the stated equations (comment lines 11-14 / 91-94 with h(t-1) := hpred)
    okz = all(close(S["z", k], sig(P["Wz"] @ X[k] + P["Uz"] @ S["hpred", k] + P["bz"]), 1e-12) for k in cells)
    okr = all(close(S["r", k], sig(P["Wr"] @ X[k] + P["Ur"] @ S["hpred", k] + P["br"]), 1e-12) for k in cells)
    _, Snb = forward(P, X, fd, noba=True)   # comment line 13/93 has no ba: compare with ba dropped
    oka = all(close(Snb["a", k], np.tanh(P["Wa"] @ X[k] + P["Ua"] @ (Snb["r", k] * Snb["hpred", k])), 1e-12) for k in cells)
    okh = all(close(S["h", k], (1 - S["z", k]) * S["hpred", k] + S["z", k] * S["a", k], 1e-12) for k in cells)
    for n in (11, 91, 60): rl(n, okz)
    for n in (12, 92, 62): rl(n, okr)
    for n in (13, 93): rl(n, oka)
    rl(64, all(close(S["a", k], np.tanh(P["Wa"] @ X[k] + P["Ua"] @ (S["r", k] * S["hpred", k]) + P["ba"]), 1e-12) for k in cells))
    for n in (14, 94, 66): rl(n, okh)
    # predecessor average (48, 52, 56, 59): compare with an explicit DAG definition
    (st1, a1, e1), (st2, a2, e2) = steps(fd)
    def preds(k):
        t1, t2 = k; p = []
        if t1 == a1 and t2 == a2: p.append(h0 + 0 * S["h", k])
        if t1 != a1: p.append(S["h", (t1 - st1, t2)])
        if t2 != a2: p.append(S["h", (t1, t2 - st2)])
        return p
    okp = all(close(S["hpred", k], sum(preds(k)) / len(preds(k)), 1e-12) for k in cells)
    for n in (48, 52, 56, 59): rl(n, okp)
    oks = all(close(rec["hsucc", k], S["hpred", k], 1e-12) for k in cells)
    for n in (152, 156, 160, 163): rl(n, oks)
    # totals
    T = {(n,) + k: fd_tap(n, k, fd) for n in ["h", "hpred", "hsum", "z", "zb", "r", "rb", "a", "ab", "rh"] for k in cells}
    okh_tot = all(close(rec["dh_total", k], T[("h",) + k]) for k in cells)
    for n in (142, 144, 147): rl(n, okh_tot)
    rl(164, all(close(rec["da_post", k], T[("a",) + k]) for k in cells))
    rl(165, all(close(rec["dz_post", k], T[("z",) + k]) for k in cells))
    rl(166, all(close(rec["da_pre", k], T[("ab",) + k]) for k in cells))
    rl(167, all(close(rec["dz_pre", k], T[("zb",) + k]) for k in cells))
    rl(168, all(close(rec["dhr", k], T[("rh",) + k]) for k in cells))
    rl(169, all(close(rec["dr_post", k], T[("r",) + k]) for k in cells))
    rl(170, all(close(rec["dr_pre", k], T[("rb",) + k]) for k in cells))
    rl(171, all(close(rec["dhpred", k], T[("hpred",) + k]) for k in cells))
    rl(173, all(close(rec["dhsum", k], T[("hsum",) + k]) for k in cells))
    # parameters
    for lines_, name in [((174, 200), "bz"), ((175, 201), "br"), ((176, 202), "ba"), ((177, 194), "Wz"),
                         ((178, 195), "Wr"), ((179, 196), "Wa"), ((180, 197), "Uz"), ((181, 198), "Ur"), ((182, 199), "Ua")]:
        Q = {kk: v.copy() for kk, v in P.items()}; g = np.zeros_like(P[name])
        for idx in np.ndindex(P[name].shape):
            Q[name][idx] += EPS; lp = forward(Q, X, fd)[0]; Q[name][idx] -= 2 * EPS; lm = forward(Q, X, fd)[0]; Q[name][idx] += EPS
            g[idx] = (lp - lm) / (2 * EPS)
        for n in lines_: rl(n, close(gr[name], g))
    gx = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += EPS; Xm = X.copy(); Xm[idx] -= EPS
        gx[idx] = (forward(P, Xp, fd)[0] - forward(P, Xm, fd)[0]) / (2 * EPS)
    rl(183, all(close(dx[k], gx[k]) for k in cells))

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
