# FD checks for zh_numpy_mingru_bptt.md
# Author's model: arrays are (features, batch); z = sig(W_z x + U_z h + b_z), r = sig(W_r x + U_r h + b_r),
# h~ = tanh(W_h x + U_h (r*h) + b_h), h_t = (1-z)*h_{t-1} + z*h~, y = W_y h_T + b_y; loss = mean((y - y_true)^2).
# Backward rows are checked step-locally with the TRUE upstream gradient dL/dy (FD) fed into them; path-partial rows
# (dh_prev = dh*(1-z), the += through U_h) are checked against slot-wise finite differences (h_{t-1} perturbed only
# in the named slot of step t).
import numpy as np
rng = np.random.default_rng(3)
Din, H, O, B, T = 2, 3, 2, 2, 4
P = {"W_z": rng.normal(size=(H, Din)), "U_z": rng.normal(size=(H, H)) * 0.7, "b_z": rng.normal(size=(H, 1)) * 0.3,
     "W_r": rng.normal(size=(H, Din)), "U_r": rng.normal(size=(H, H)) * 0.7, "b_r": rng.normal(size=(H, 1)) * 0.3,
     "W_h": rng.normal(size=(H, Din)), "U_h": rng.normal(size=(H, H)) * 0.7, "b_h": rng.normal(size=(H, 1)) * 0.3,
     "W_y": rng.normal(size=(O, H)), "b_y": rng.normal(size=(O, 1)) * 0.3}
X = rng.normal(size=(T, Din, B)); Ytrue = rng.normal(size=(O, B))
eps = 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))
def rep(line, ok, note=""):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")

def run(P=P, X=X, pert=None, Ytrue=Ytrue):
    """pert keys (name, t): 'zo','ro','ht' (gate outputs z, r, h~), 'zp','rp','hp' (pre-activations), 'h' (h_t after),
    'hz','hr','hc','hi' (h_{t-1} as seen by z_pre, r_pre, the candidate r*h, the interpolation), 'x'."""
    pert = pert or {}; g = lambda k, t: pert.get((k, t), 0)
    h = np.zeros((H, B)); S = []
    for t in range(T):
        x = X[t] + g("x", t)
        zp = P["W_z"] @ x + P["U_z"] @ (h + g("hz", t)) + P["b_z"] + g("zp", t)
        z = sig(zp) + g("zo", t)
        rp = P["W_r"] @ x + P["U_r"] @ (h + g("hr", t)) + P["b_r"] + g("rp", t)
        r = sig(rp) + g("ro", t)
        hp = P["W_h"] @ x + P["U_h"] @ (r * (h + g("hc", t))) + P["b_h"] + g("hp", t)
        ht = np.tanh(hp) + g("ht", t)
        hprev = h
        h = (1 - z) * (h + g("hi", t)) + z * ht + g("h", t)
        S.append(dict(x=x, z=z, r=r, ht=ht, hprev=hprev, h=h))
    y = P["W_y"] @ h + P["b_y"]
    return np.mean((y - Ytrue) ** 2), S, y

L0, S, y0 = run()
def fdarr(name, t, shape):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        G[idx] = (run(pert={(name, t): e})[0] - run(pert={(name, t): -e})[0]) / (2 * eps)
    return G
sh = (H, B)
F = {(k, t): fdarr(k, t, sh) for k in ("zo", "ro", "ht", "zp", "rp", "hp", "h", "hz", "hr", "hc", "hi") for t in range(T)}
FX = {t: fdarr("x", t, (Din, B)) for t in range(T)}
def fdP(name):
    M = P[name]; G = np.zeros_like(M)
    for idx in np.ndindex(*M.shape):
        Q = dict(P); Mp = M.copy(); Mp[idx] += eps; Q[name] = Mp; lp = run(P=Q)[0]
        Mm = M.copy(); Mm[idx] -= eps; Q[name] = Mm; lm = run(P=Q)[0]
        G[idx] = (lp - lm) / (2 * eps)
    return G
GP = {k: fdP(k) for k in P}
# true dL/dy
dy_true = np.zeros((O, B))
for idx in np.ndindex(O, B):
    Yp = Ytrue.copy(); Yp[idx] -= eps; Ym = Ytrue.copy(); Ym[idx] += eps   # y - (ytrue - eps) = y + eps
    dy_true[idx] = (run(Ytrue=Yp)[0] - run(Ytrue=Ym)[0]) / (2 * eps)

for l in (15, 16, 17, 18, 118, 119, 122, 123, 126, 127, 130, 142, 331):
    rep(l, True, "(forward / loss definition used by the model)")

# output layer rows, given the true dy
hT = S[-1]["h"]
rep(169, np.allclose(dy_true @ hT.T, GP["W_y"], atol=1e-6))
rep(170, np.allclose(dy_true.sum(axis=1, keepdims=True), GP["b_y"], atol=1e-6))
rep(171, np.allclose(P["W_y"].T @ dy_true, F[("h", T - 1)], atol=1e-6), "(dL/dh_T)")
ok = {l: True for l in (187, 188, 189, 192, 200, 201, 204, 212, 220, 224)}
for t in range(T):
    s = S[t]; dh = F[("h", t)]
    ok[187] &= np.allclose(dh * (s["ht"] - s["hprev"]), F[("zo", t)], atol=1e-6)
    ok[188] &= np.allclose(dh * s["z"], F[("ht", t)], atol=1e-6)
    ok[189] &= np.allclose(dh * (1 - s["z"]), F[("hi", t)], atol=1e-6)
    ok[192] &= np.allclose(F[("ht", t)] * (1 - s["ht"] ** 2), F[("hp", t)], atol=1e-6)
    ok[200] &= np.allclose((P["U_h"].T @ F[("hp", t)]) * s["hprev"], F[("ro", t)], atol=1e-6)
    ok[201] &= np.allclose((P["U_h"].T @ F[("hp", t)]) * s["r"], F[("hc", t)], atol=1e-6)
    ok[204] &= np.allclose(F[("ro", t)] * s["r"] * (1 - s["r"]), F[("rp", t)], atol=1e-6)
    ok[212] &= np.allclose(F[("zo", t)] * s["z"] * (1 - s["z"]), F[("zp", t)], atol=1e-6)
    ok[220] &= np.allclose(P["W_z"].T @ F[("zp", t)] + P["W_r"].T @ F[("rp", t)] + P["W_h"].T @ F[("hp", t)], FX[t], atol=1e-6)
    if t > 0:
        dprev = F[("hi", t)] + F[("hc", t)] + P["U_z"].T @ F[("zp", t)] + P["U_r"].T @ F[("rp", t)]
        ok[224] &= np.allclose(dprev, F[("h", t - 1)], atol=1e-6)
for l in (187, 188, 189, 192, 200, 201, 204, 212, 220, 224):
    rep(l, ok[l], {189: "(direct-path part of dL/dh_{t-1})", 201: "(path through r*h_{t-1} in the candidate)", 224: "(total dL/dh_{t-1})"}.get(l, ""))
# parameter gradient rows (sums over steps of true pre-activation gradients times inputs)
def acc(fn): return sum(fn(t) for t in range(T))
rep(195, np.allclose(acc(lambda t: F[("hp", t)] @ S[t]["x"].T), GP["W_h"], atol=1e-6))
rep(196, np.allclose(acc(lambda t: F[("hp", t)] @ (S[t]["r"] * S[t]["hprev"]).T), GP["U_h"], atol=1e-6))
rep(197, np.allclose(acc(lambda t: F[("hp", t)].sum(axis=1, keepdims=True)), GP["b_h"], atol=1e-6))
rep(207, np.allclose(acc(lambda t: F[("rp", t)] @ S[t]["x"].T), GP["W_r"], atol=1e-6))
rep(208, np.allclose(acc(lambda t: F[("rp", t)] @ S[t]["hprev"].T), GP["U_r"], atol=1e-6))
rep(209, np.allclose(acc(lambda t: F[("rp", t)].sum(axis=1, keepdims=True)), GP["b_r"], atol=1e-6))
rep(215, np.allclose(acc(lambda t: F[("zp", t)] @ S[t]["x"].T), GP["W_z"], atol=1e-6))
rep(216, np.allclose(acc(lambda t: F[("zp", t)] @ S[t]["hprev"].T), GP["U_z"], atol=1e-6))
rep(217, np.allclose(acc(lambda t: F[("zp", t)].sum(axis=1, keepdims=True)), GP["b_z"], atol=1e-6))
# line 332: dy = 2*diff/batch_size for loss = np.mean(diff**2) over output_size*batch_size entries
diff = y0 - Ytrue
rep(332, np.allclose(2 * diff / B, dy_true, atol=1e-6), f"(output_size={O}: true dy = 2*diff/(output_size*batch_size); ratio {float(np.mean((2 * diff / B) / dy_true)):.3f})")
# the same row is right when output_size == 1 (the author's own test)
d1 = rng.normal(size=(1, B))
print("   line 332 with output_size=1:", np.allclose(2 * d1 / B, 2 * d1 / d1.size))
