"""Finite-difference check of makemore_gru_manual_backprop_torch.md (numpy only; the author's torch
statements are re-expressed one-to-one in numpy, torch is not used).

Author's conventions: row-batch layout, x_t = one_hot(inputs[:, t]) (B x V), h (B x H), W* (V x H), U* (H x H),
b* (H,), Wy (H x V);  pre_r = x Wr + h_{t-1} Ur + br, r = sig(pre_r), pre_z = x Wz + h_{t-1} Uz + bz,
pre_a = x Wa + (r * h_{t-1}) Ua + ba, z = sig(pre_z), a = tanh(pre_a), h_t = (1 - z) h_{t-1} + z a, y_t = h_t Wy,
L = sum_t F.cross_entropy(y_t, one_hot(targets[:, t]))  (mean over the batch), h_{-1} = hprev (H,), broadcast.
Path-specific perturbation hooks on h_{t-1} (carry / z-gate / r-gate / candidate) give the FD value of each
term of dL/dh_{t-1}; totals dL/dy_t, dL/dh_t, dL/da_t, ... come from additive perturbations in the forward pass.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FNAME = "makemore_gru_manual_backprop_torch.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[FNAME]
rng = np.random.default_rng(11)
B, H, V, T = 3, 4, 5, 4
EPS = 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))
prm = {n: rng.normal(scale=0.7, size=(V, H)) for n in ("Wr", "Wz", "Wa")}
prm |= {n: rng.normal(scale=0.7, size=(H, H)) for n in ("Ur", "Uz", "Ua")}
prm |= {n: rng.normal(scale=0.3, size=H) for n in ("br", "bz", "ba")}
prm["Wy"] = rng.normal(scale=0.7, size=(H, V))
inputs = rng.integers(0, V, size=(B, T))
targets = rng.integers(0, V, size=(B, T))
hprev = rng.normal(scale=0.5, size=H)
onehot = lambda ix: np.eye(V)[ix]
results = {}


def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))


def report(line, ok):
    results[line] = "OK" if ok else "MISMATCH"


def ce_mean(y, tgt):
    z = y - y.max(-1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(-1, keepdims=True))
    return -np.mean(logp[np.arange(len(tgt)), tgt])


def run(P=None, pert=None, recurrent=True):
    """reference forward; pert: {(name, t): array} added; recurrent=False feeds hprev at every step."""
    P = P or prm; pert = pert or {}
    g = lambda n, t: pert.get((n, t), 0.0)
    S = {k: {} for k in ("x", "pre_r", "r", "pre_z", "pre_a", "z", "a", "h", "y")}
    S["h"][-1] = hprev
    L = 0.0
    for t in range(T):
        hp = S["h"][t - 1] if recurrent else hprev
        x = onehot(inputs[:, t]); S["x"][t] = x
        S["pre_r"][t] = x @ P["Wr"] + (hp + g("hr", t)) @ P["Ur"] + P["br"] + g("pre_r", t)
        S["r"][t] = sig(S["pre_r"][t]) + g("r", t)
        S["pre_z"][t] = x @ P["Wz"] + (hp + g("hz", t)) @ P["Uz"] + P["bz"] + g("pre_z", t)
        S["pre_a"][t] = x @ P["Wa"] + (S["r"][t] * (hp + g("ha", t))) @ P["Ua"] + P["ba"] + g("pre_a", t)
        S["z"][t] = sig(S["pre_z"][t]) + g("z", t)
        S["a"][t] = np.tanh(S["pre_a"][t]) + g("a", t)
        S["h"][t] = (1 - S["z"][t]) * (hp + g("hc", t)) + S["z"][t] * S["a"][t] + g("h", t)
        S["y"][t] = S["h"][t] @ P["Wy"] + g("y", t)
        L += ce_mean(S["y"][t], targets[:, t])
    return L, S


L0, S0 = run()


def fd(name, t, shape):
    G = np.zeros(shape)
    for idx in np.ndindex(shape):
        d = np.zeros(shape); d[idx] = EPS
        G[idx] = (run(pert={(name, t): d})[0] - run(pert={(name, t): -d})[0]) / (2 * EPS)
    return G


def fd_param(n):
    G = np.zeros_like(prm[n])
    for idx in np.ndindex(prm[n].shape):
        Pp = {k: v.copy() for k, v in prm.items()}; Pm = {k: v.copy() for k, v in prm.items()}
        Pp[n][idx] += EPS; Pm[n][idx] -= EPS
        G[idx] = (run(Pp)[0] - run(Pm)[0]) / (2 * EPS)
    return G


BH, BV = (B, H), (B, V)
dY = {t: fd("y", t, BV) for t in range(T)}
dH = {t: fd("h", t, BH) for t in range(T)}
dA = {t: fd("a", t, BH) for t in range(T)}
dZ = {t: fd("z", t, BH) for t in range(T)}
dR = {t: fd("r", t, BH) for t in range(T)}
dPA = {t: fd("pre_a", t, BH) for t in range(T)}
dPZ = {t: fd("pre_z", t, BH) for t in range(T)}
dPR = {t: fd("pre_r", t, BH) for t in range(T)}
path = {p: {t: fd(p, t, BH) for t in range(T)} for p in ("hc", "hz", "hr", "ha")}
dhnext_true = {t: (sum(path[p][t + 1] for p in path) if t + 1 < T else np.zeros(BH)) for t in range(T)}

# ---------------------------------------------------------------- forward() (lines 68-75), index lookup W[x]
okf = {l: True for l in range(68, 76)}
h = hprev
for t in range(T):
    xi = inputs[:, t]
    pre_r = prm["Wr"][xi] + h @ prm["Ur"] + prm["br"]; r = sig(pre_r)
    pre_z = prm["Wz"][xi] + h @ prm["Uz"] + prm["bz"]
    pre_a = prm["Wa"][xi] + (r * h) @ prm["Ua"] + prm["ba"]
    z = sig(pre_z); a = np.tanh(pre_a); hn = (1 - z) * h + z * a; y = hn @ prm["Wy"]
    for l, mine, ref in [(68, pre_r, S0["pre_r"][t]), (69, r, S0["r"][t]), (70, pre_z, S0["pre_z"][t]),
                         (71, pre_a, S0["pre_a"][t]), (72, z, S0["z"][t]), (73, a, S0["a"][t]),
                         (74, hn, S0["h"][t]), (75, y, S0["y"][t])]:
        okf[l] &= close(mine, ref, 1e-12)
    h = hn
for l in okf:
    report(l, okf[l])
# independent check of the reference GRU itself (PyTorch-style candidate with r applied before U_a)
assert np.isfinite(L0)

# evaluate() / train_torch(): y, h = forward(inputs[:,t], hprev) -> every step restarts from hprev
L_noloop = run(recurrent=False)[0]
report(87, close(L_noloop, L0)); report(96, close(L_noloop, L0))
L_acc = sum(ce_mean(S0["y"][t], targets[:, t]) for t in range(T))
report(89, close(L_acc, L0)); report(98, close(L_acc, L0)); report(123, close(L_acc, L0))
# train_manual forward (lines 114-121)
okm = {l: True for l in range(114, 122)}
h = hprev
for t in range(T):
    x = onehot(inputs[:, t])
    pre_r = x @ prm["Wr"] + h @ prm["Ur"] + prm["br"]; r = sig(pre_r)
    pre_z = x @ prm["Wz"] + h @ prm["Uz"] + prm["bz"]; pre_a = x @ prm["Wa"] + (r * h) @ prm["Ua"] + prm["ba"]
    z = sig(pre_z); a = np.tanh(pre_a); hn = (1 - z) * h + z * a; y = hn @ prm["Wy"]
    for l, mine, ref in [(114, pre_r, S0["pre_r"][t]), (115, r, S0["r"][t]), (116, pre_z, S0["pre_z"][t]),
                         (117, pre_a, S0["pre_a"][t]), (118, z, S0["z"][t]), (119, a, S0["a"][t]),
                         (120, hn, S0["h"][t]), (121, y, S0["y"][t])]:
        okm[l] &= close(mine, ref, 1e-12)
    h = hn
for l in okm:
    report(l, okm[l])


# ---------------------------------------------------------------- helpers (lines 126-132)
def sigmoid_grad_author(zz):
    zz = zz.copy()
    zz -= zz.max(-1, keepdims=True)[0]          # line 126 (values[0] of a keepdims max)
    e_nz = np.exp(-zz)                           # line 127
    return e_nz / (1 + e_nz) ** 2                # line 128


def sigmoid_grad_no126(zz):
    e_nz = np.exp(-zz)
    return e_nz / (1 + e_nz) ** 2


dsig = lambda v: sig(v) * (1 - sig(v))
zt = S0["pre_z"][1][0]                            # a 1-D pre-activation vector (max != 0)
report(126, close(sigmoid_grad_author(zt), dsig(zt)))
report(127, close(sigmoid_grad_no126(zt), dsig(zt)))
report(128, close(sigmoid_grad_no126(zt), dsig(zt)))
tanh_grad = lambda v: 1 - v ** 2                 # line 132, given tanh'd input
report(132, close(tanh_grad(np.tanh(zt)), 1 - np.tanh(zt) ** 2))

# ---------------------------------------------------------------- backward (lines 160-190), local judgement
ok = {l: True for l in (160, 161, 164, 166, 167, 169, 170, 175, 181, 187, 188, 189, 190)}
for t in range(T):
    soft = np.exp(S0["y"][t]) / np.exp(S0["y"][t]).sum(-1, keepdims=True)
    ok[160] &= close(soft - onehot(targets[:, t]), B * dY[t])          # softmax part of dL/dy (up to 1/B)
    dl = soft.copy()
    try:
        dl[targets[:, t]] -= 1                                          # line 161 as written (rows!)
        ok[161] &= close(dl, dY[t]) or close(dl, B * dY[t])
    except IndexError:                                                  # target id >= B: torch raises too
        ok[161] = False
    ok[164] &= close(dY[t] @ prm["Wy"].T + dhnext_true[t], dH[t])
    ok[166] &= close(S0["z"][t] * dH[t], dA[t])
    ok[167] &= close(dH[t] * S0["a"][t], dZ[t])
    assert close(dH[t] * (S0["a"][t] - S0["h"][t - 1]), dZ[t])
    ok[169] &= close(tanh_grad(S0["a"][t]) * dA[t], dPA[t])
    ok[170] &= close(dsig(S0["pre_z"][t]) * dZ[t], dPZ[t])              # helper taken as sigma'
    hm1 = S0["h"][t - 1] * np.ones(BH)
    ok[175] &= close((dPA[t] * hm1) @ prm["Ua"].T, dR[t])
    assert close((dPA[t] @ prm["Ua"].T) * hm1, dR[t])
    ok[181] &= close(dsig(S0["pre_r"][t]) * dR[t], dPR[t])
    ok[187] &= close((1 - S0["z"][t]) * dH[t], path["hc"][t])
    ok[188] &= close((S0["r"][t] * dPA[t]) @ prm["Ua"].T, path["ha"][t])
    assert close((dPA[t] @ prm["Ua"].T) * S0["r"][t], path["ha"][t])
    ok[189] &= close(dPZ[t] @ prm["Uz"].T, path["hz"][t])
    ok[190] &= close(dPR[t] @ prm["Ur"].T, path["hr"][t])
for l in ok:
    report(l, ok[l])


# parameter accumulations: emulate the author's statements with the TRUE per-step deltas
def accumulate(kind, line, delta, left):
    """kind '+=': acc += stmt; kind '=': acc = stmt (overwrite).  left(t) is the row factor or None (bias)."""
    acc = None
    try:
        for t in reversed(range(T)):
            stmt = delta[t] if left is None else left(t).reshape((-1, 1)) @ delta[t].reshape((1, -1))
            if kind == "=":
                acc = stmt
            else:
                acc = np.zeros(target_shape[line]) if acc is None else acc
                acc += stmt                          # numpy in-place add, like torch: shape must match
    except ValueError:
        return None
    return acc


target_shape = {163: (H, V), 172: (H,), 173: (H, H), 174: (V, H), 177: (H,), 178: (H, H), 179: (V, H),
                183: (H,), 184: (H, H), 185: (V, H)}
dLdy = dY
plan = [(163, "Wy", "+=", dLdy, lambda t: S0["h"][t] * np.ones(BH)),
        (172, "ba", "+=", dPA, None), (173, "Ua", "+=", dPA, lambda t: S0["r"][t] * S0["h"][t - 1]),
        (174, "Wa", "+=", dPA, lambda t: S0["x"][t]),
        (177, "bz", "=", dPZ, None), (178, "Uz", "=", dPZ, lambda t: S0["h"][t - 1] * np.ones(BH)),
        (179, "Wz", "=", dPZ, lambda t: S0["x"][t]),
        (183, "br", "+=", dPR, None), (184, "Ur", "+=", dPR, lambda t: S0["h"][t - 1] * np.ones(BH)),
        (185, "Wr", "+=", dPR, lambda t: S0["x"][t])]
for line, pname, kind, delta, left in plan:
    fdp = fd_param(pname)
    right = sum((delta[t].sum(0) if left is None else left(t).T @ delta[t]) for t in range(T))
    if pname == "Wy":
        right = sum(S0["h"][t].T @ dLdy[t] for t in range(T))
    assert close(right, fdp), (line, "batch-summed formula should match")
    acc = accumulate(kind, line, delta, left)
    report(line, acc is not None and close(acc, fdp))

agree = 0
for line in sorted(results):
    exp = EXP[str(line)]["expected"]
    want = "OK" if exp == "pass" else "MISMATCH"
    a = results[line] == want
    agree += a
    print(f"line {line:4d}: {results[line]:8s} expected {exp:4s} -> {'agrees' if a else 'DISAGREES'}")
missing = sorted(set(map(int, EXP)) - set(results))
print(f"{agree}/{len(results)} agree; annotated but unchecked: {missing}")
