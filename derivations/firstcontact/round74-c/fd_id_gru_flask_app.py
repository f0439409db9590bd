"""Finite-difference check of id_gru_flask_app.py (Indonesian NumPy GRU, earliest version).

Row-vector layout as in the source: x_t (1,D), h (1,H), W* (D,H), U* (H,H), b* (1,H),
output = h_T Wo + bo, loss = mean((output - y)^2) with y of shape (1,1).
"""
import numpy as np

np.random.seed(0)
D, H, T = 2, 3, 4
sig = lambda x: 1 / (1 + np.exp(-x))
dsig = lambda x: sig(x) * (1 - sig(x))          # sigmoid_derivative, takes the pre-activation
dtanh = lambda x: 1 - np.tanh(x) ** 2           # tanh_derivative, takes the pre-activation

P = {k: np.random.randn(D, H) * 0.7 for k in ["Wz", "Wr", "Wh"]}
P.update({k: np.random.randn(H, H) * 0.7 for k in ["Uz", "Ur", "Uh"]})
P.update({k: np.random.randn(1, H) * 0.3 for k in ["bz", "br", "bh"]})
P["Wo"] = np.random.randn(H, 1); P["bo"] = np.random.randn(1, 1) * 0.1
X = np.random.randn(T, D); Y = np.array([[0.3]])

# 0. The transcribed forward cannot run: r_t is read at line 78 before it is assigned.
src = open(__file__.replace("fd_id_gru_flask_app.py", "id_gru_flask_app.py")).read()
ns = {}
exec(compile(src, "id_gru_flask_app.py", "exec"), ns)
g = ns["GRU"](D, H, 1)
try:
    g.forward(X)
    print("0. author's forward ran")
except Exception as e:
    print(f"0. author's forward as written raises {type(e).__name__}: {e}  (line 78 reads r_t before line 84 sets it)")


def forward(P, X, stale_from=None):
    h = np.zeros((1, H)); cache = []; r_prev = stale_from
    for t in range(len(X)):
        x = X[t].reshape(1, D)
        z_pre = x @ P["Wz"] + h @ P["Uz"] + P["bz"]
        r_pre = x @ P["Wr"] + h @ P["Ur"] + P["br"]
        z = sig(z_pre); r = sig(r_pre)
        ht_pre_true = x @ P["Wh"] + (r * h) @ P["Uh"] + P["bh"]
        ht_pre_stale = None if r_prev is None else x @ P["Wh"] + (r_prev * h) @ P["Uh"] + P["bh"]
        ht = np.tanh(ht_pre_true)
        hn = (1 - z) * h + z * ht
        cache.append(dict(x=x, h_prev=h.copy(), z_pre=z_pre, r_pre=r_pre, ht_pre=ht_pre_true,
                          ht_pre_stale=ht_pre_stale, z=z, r=r, ht=ht, h=hn))
        h = hn; r_prev = r
    return h @ P["Wo"] + P["bo"], cache


def loss(P, X):
    out, _ = forward(P, X)
    return np.mean((out - Y) ** 2)


def fd(P, X, key, eps=1e-6):
    gnum = np.zeros_like(P[key]); it = np.nditer(P[key], flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = P[key][i]
        P[key][i] = o + eps; lp = loss(P, X)
        P[key][i] = o - eps; lm = loss(P, X)
        P[key][i] = o; gnum[i] = (lp - lm) / (2 * eps)
    return gnum


def author_backward(P, X, variant="as_written"):
    """Lines 135-192 as written, except: h_tilde_pre = true pre-activation (line 78 cannot
    run), and the line-165 contribution goes to dbh (the source writes db_h, a NameError).
    variant='fixed' uses the later version's dh_next (4 terms)."""
    out, cache = forward(P, X)
    d_output = 2 * (out - Y) / len(Y)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    G["Wo"] += cache[-1]["h"].T @ d_output; G["bo"] += d_output
    dh_next = d_output @ P["Wo"].T
    for c in reversed(cache):
        dh_t = dh_next
        term1 = dh_t * (1 - c["z"])
        dz_t = dh_t * (c["ht"] - c["h_prev"]); dz_pre = dz_t * dsig(c["z_pre"])
        dht = dh_t * c["z"]; dht_pre = dht * dtanh(c["ht_pre"])
        G["Wh"] += c["x"].T @ dht_pre; G["bh"] += dht_pre
        G["Uh"] += (c["r"] * c["h_prev"]).T @ dht_pre
        dr_t = (dht_pre @ P["Uh"].T) * c["h_prev"]
        dr_pre = dr_t * dsig(c["r_pre"])
        G["Wr"] += c["x"].T @ dr_pre; G["br"] += dr_pre; G["Ur"] += c["h_prev"].T @ dr_pre
        G["Wz"] += c["x"].T @ dz_pre; G["bz"] += dz_pre; G["Uz"] += c["h_prev"].T @ dz_pre
        if variant == "as_written":
            term2 = dr_t @ P["Ur"].T + (dht_pre * c["r"]) @ P["Uh"].T           # line 189
            dh_next = term1 + term2                                             # line 192
        else:
            dh_next = term1 + dz_pre @ P["Uz"].T + dr_pre @ P["Ur"].T + (dht_pre @ P["Uh"].T) * c["r"]
    return G


def rel(a, b):
    return np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))


keys = ["Wz", "Uz", "bz", "Wr", "Ur", "br", "Wh", "Uh", "bh", "Wo", "bo"]
for TT in (1, T):
    Xs = X[:TT]
    num = {k: fd(P, Xs, k) for k in keys}
    Ga = author_backward(P, Xs, "as_written"); Gf = author_backward(P, Xs, "fixed")
    print(f"\n1. whole backward, T = {TT}:   key   author(lines 135-192)     later-version dh_next")
    for k in keys:
        ra, rf = rel(Ga[k], num[k]), rel(Gf[k], num[k])
        print(f"   {k:3s}  {ra:9.2e} {'OK' if ra < 1e-6 else 'MISMATCH':9s}  {rf:9.2e} {'OK' if rf < 1e-6 else 'MISMATCH'}")

# 2. one step: dL/dh_prev for L = <a, h_t> (a random upstream gradient)
x = X[0].reshape(1, D); hp = np.random.randn(1, H) * 0.5; a = np.random.randn(1, H)


def step(hp):
    z_pre = x @ P["Wz"] + hp @ P["Uz"] + P["bz"]; r_pre = x @ P["Wr"] + hp @ P["Ur"] + P["br"]
    z, r = sig(z_pre), sig(r_pre); ht_pre = x @ P["Wh"] + (r * hp) @ P["Uh"] + P["bh"]
    return z_pre, r_pre, z, r, ht_pre, np.tanh(ht_pre), (1 - z) * hp + z * np.tanh(ht_pre)


z_pre, r_pre, z, r, ht_pre, ht, hn = step(hp)
num_dhp = np.array([[(np.sum(a * step(hp + e)[-1]) - np.sum(a * step(hp - e)[-1])) / 2e-6
                     for e in np.eye(H)[:, None, :] * 1e-6]]).reshape(1, H)
dh_t = a; term1 = dh_t * (1 - z)
dz_pre = dh_t * (ht - hp) * dsig(z_pre); dht_pre = dh_t * z * dtanh(ht_pre)
dr_t = (dht_pre @ P["Uh"].T) * hp; dr_pre = dr_t * dsig(r_pre)
cands = {
    "author line 189+192: term1 + dr_t Ur^T + (dht_pre*r) Uh^T": term1 + dr_t @ P["Ur"].T + (dht_pre * r) @ P["Uh"].T,
    "  only dr_t -> dr_pre": term1 + dr_pre @ P["Ur"].T + (dht_pre * r) @ P["Uh"].T,
    "  only (dht_pre Uh^T)*r": term1 + dr_t @ P["Ur"].T + (dht_pre @ P["Uh"].T) * r,
    "  only + dz_pre Uz^T": term1 + dz_pre @ P["Uz"].T + dr_t @ P["Ur"].T + (dht_pre * r) @ P["Uh"].T,
    "all three repaired (later version)": term1 + dz_pre @ P["Uz"].T + dr_pre @ P["Ur"].T + (dht_pre @ P["Uh"].T) * r,
}
print("\n2. one step, dL/dh_prev vs finite differences")
for name, v in cands.items():
    rr = rel(v, num_dhp); print(f"   {name:58s} {rr:9.2e} {'OK' if rr < 1e-6 else 'MISMATCH'}")

# 3. line 171 vs line 172 (dL/dr_t through the candidate)
num_dr = np.zeros((1, H))
for j in range(H):
    e = np.zeros((1, H)); e[0, j] = 1e-6
    f = lambda rr: np.sum(a * ((1 - z) * hp + z * np.tanh(x @ P["Wh"] + (rr * hp) @ P["Uh"] + P["bh"])))
    num_dr[0, j] = (f(r + e) - f(r - e)) / 2e-6
l171 = dht_pre * P["Uh"].T * hp
l172 = (dht_pre @ P["Uh"].T) * hp
print(f"\n3. line 171 gives shape {l171.shape} (should be (1, {H})): MISMATCH; line 172 rel err {rel(l172, num_dr):.2e} "
      f"{'OK' if rel(l172, num_dr) < 1e-6 else 'MISMATCH'}")

# 4. line 78: the stored h_tilde_pre uses r_{t-1} (for t >= 1)
out, cache = forward(P, X, stale_from=None)
_, cache2 = forward(P, X, stale_from=np.full((1, H), np.nan))
c = cache2[2]
print("\n4. line 78 at t = 2: true pre-activation  ", np.round(c["ht_pre"], 4),
      "\n   stored h_tilde_pre (r from step 1)    ", np.round(c["ht_pre_stale"], 4),
      f"\n   tanh' at stored vs at true value: rel diff {rel(dtanh(c['ht_pre_stale']), dtanh(c['ht_pre'])):.2e} -> MISMATCH"
      " (line 161 multiplies by tanh_derivative of the stored value)")
print("\n5. per-step weight rows (164, 168, 179-181, 184-186) and output rows (135, 136, 140) agree with FD"
      " for T = 1 in part 1; for T > 1 only Wo/bo stay right because dh_next (lines 189/192) is wrong.")
