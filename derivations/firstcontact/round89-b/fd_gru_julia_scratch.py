# Finite-difference check of the GRU backward formulas in gru_julia_scratch.md
# (jodhernandezbe/post-gru-julia src/scratch_gru.jl), re-implemented in numpy
# with the author's column layout: x (input, n), h (hidden, n), W* (hidden, hidden+input)
# acting on vcat(prev_h, x); candidate uses vcat(r .* prev_h, x).
import numpy as np
rng = np.random.default_rng(0)
H, D, N, T, O = 3, 2, 2, 4, 2
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
P = {k: rng.normal(size=(H, H + D)) * 0.7 for k in ("Wz", "Wr", "Wh")}
P.update({k: rng.normal(size=(H, 1)) * 0.3 for k in ("bz", "br", "bh")})
P["Wy"] = rng.normal(size=(O, H)); P["by"] = rng.normal(size=(O, 1))

def cell_fwd(x, prev_h, P):                       # md lines 53-62
    concat = np.vstack([prev_h, x])
    z = sig(P["Wz"] @ concat + P["bz"])
    r = sig(P["Wr"] @ concat + P["br"])
    h_tilde = np.tanh(P["Wh"] @ np.vstack([r * prev_h, x]) + P["bh"])
    next_h = (1 - z) * prev_h + z * h_tilde
    y_pred = P["Wy"] @ next_h + P["by"]
    return next_h, y_pred, (next_h, prev_h, z, r, h_tilde, x)

def cell_bwd_author(dh, cache, P):                # md lines 153-170, as written
    h, prev_h, z, r, h_tilde, x = cache
    Whh, Wzh, Wrh = P["Wh"][:, :H], P["Wz"][:, :H], P["Wr"][:, :H]
    Whx, Wzx, Wrx = P["Wh"][:, H:], P["Wz"][:, H:], P["Wr"][:, H:]
    dh_tilde = dh * z * (1.0 - np.tanh(h_tilde) ** 2)
    dz = (dh * h_tilde + 1.0 - dh * prev_h) * (sig(z) * (1.0 - sig(z)))
    dr = (Whh.T @ dh_tilde) * r * sig(r) * (1.0 - sig(r))
    dhp = (Whh.T @ dh_tilde) * r + (1.0 - z) * dh + Wrh.T @ dr + Wzh.T @ dz
    dx = Whx.T @ dh_tilde + Wzx.T @ dz + Wrx.T @ dr
    concat = np.vstack([prev_h, x])
    g = dict(dh_tilde=dh_tilde, dz=dz, dr=dr, dh=dhp, dx=dx,
             dWz=dz @ concat.T, dWr=dr @ concat.T, dWh=dhp @ np.vstack([prev_h * r, x]).T,
             dbz=dz.sum(1, keepdims=True), dbr=dr.sum(1, keepdims=True), dbh=dhp.sum(1, keepdims=True))
    g["dh_prev"] = dhp
    return g

def cell_bwd_fixed_inputs(dh, cache, P):          # same line shapes, but correct inputs
    h, prev_h, z, r, h_tilde, x = cache
    Whh, Wzh, Wrh = P["Wh"][:, :H], P["Wz"][:, :H], P["Wr"][:, :H]
    Whx, Wzx, Wrx = P["Wh"][:, H:], P["Wz"][:, H:], P["Wr"][:, H:]
    dh_tilde = dh * z * (1.0 - h_tilde ** 2)
    dz = (dh * h_tilde - dh * prev_h) * z * (1 - z)
    dr = (Whh.T @ dh_tilde) * prev_h * r * (1 - r)
    dhp = (Whh.T @ dh_tilde) * r + (1.0 - z) * dh + Wrh.T @ dr + Wzh.T @ dz   # line 156 formula
    dx = Whx.T @ dh_tilde + Wzx.T @ dz + Wrx.T @ dr                           # line 157 formula
    concat = np.vstack([prev_h, x])
    return dict(dh_tilde=dh_tilde, dz=dz, dr=dr, dh=dhp, dx=dx,
                dWz=dz @ concat.T, dWr=dr @ concat.T,
                dWh_with_dh=dhp @ np.vstack([prev_h * r, x]).T,
                dWh_with_dh_tilde=dh_tilde @ np.vstack([prev_h * r, x]).T,
                dbz=dz.sum(1, keepdims=True), dbr=dr.sum(1, keepdims=True),
                dbh_with_dh=dhp.sum(1, keepdims=True), dbh_with_dh_tilde=dh_tilde.sum(1, keepdims=True))

def fd(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + eps; fp = f(); A[i] = o - eps; fm = f(); A[i] = o
        G[i] = (fp - fm) / (2 * eps)
    return G

def rep(name, a, b, line):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line:>3} {name:<28} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(a-b)):.2e}")

# ---- one cell, L = sum(G * next_h), so dh = G -------------------------------------------
x = rng.normal(size=(D, N)); hp = rng.normal(size=(H, N)) * 0.5; G = rng.normal(size=(H, N))
_, _, cache = cell_fwd(x, hp, P)
z, r, ht = cache[2], cache[3], cache[4]
ah = P["Wh"] @ np.vstack([r * hp, x]) + P["bh"]; az = P["Wz"] @ np.vstack([hp, x]) + P["bz"]
ar = P["Wr"] @ np.vstack([hp, x]) + P["br"]
# true gradients w.r.t. the pre-activations by FD (perturb the pre-activation directly)
def L_from(ah_, az_, ar_, hp_):
    z_ = sig(az_); h_ = np.tanh(ah_)
    return np.sum(G * ((1 - z_) * hp_ + z_ * h_))
true_dah = fd(lambda: L_from(ah, az, ar, hp), ah)
true_daz = fd(lambda: L_from(ah, az, ar, hp), az)
def L_full():
    return np.sum(G * cell_fwd(x, hp, P)[0])
true_dhp = fd(L_full, hp); true_dx = fd(L_full, x)
# true dL/d(ar): perturb ar inside a forward that takes ar as input
def L_ar():
    r_ = sig(ar); h_ = np.tanh(P["Wh"] @ np.vstack([r_ * hp, x]) + P["bh"]); z_ = sig(az)
    return np.sum(G * ((1 - z_) * hp + z_ * h_))
true_dar = fd(L_ar, ar)
true = {k: fd(L_full, P[k]) for k in ("Wz", "Wr", "Wh", "bz", "br", "bh")}

A = cell_bwd_author(G, cache, P); F = cell_bwd_fixed_inputs(G, cache, P)
print("== gru_cell_backward, as written (author's inputs) vs finite differences")
rep("dh_tilde (dL/d a_h)", A["dh_tilde"], true_dah, 153)
rep("dz (dL/d a_z)", A["dz"], true_daz, 154)
rep("dr (dL/d a_r)", A["dr"], true_dar, 155)
rep("dh (dL/d prev_h)", A["dh"], true_dhp, 156)
rep("dx", A["dx"], true_dx, 157)
rep("dWz", A["dWz"], true["Wz"], 163); rep("dWr", A["dWr"], true["Wr"], 164)
rep("dWh", A["dWh"], true["Wh"], 165); rep("dbz", A["dbz"], true["bz"], 166)
rep("dbr", A["dbr"], true["br"], 167); rep("dbh", A["dbh"], true["bh"], 168)
print("== same line formulas fed with CORRECT dh_tilde/dz/dr (isolates each line's own error)")
rep("dh line 156 formula", F["dh"], true_dhp, 156)
rep("dx line 157 formula", F["dx"], true_dx, 157)
rep("dWz = dz*concat'", F["dWz"], true["Wz"], 163)
rep("dWr = dr*concat'", F["dWr"], true["Wr"], 164)
rep("dWh = dh*[r.*h;x]' (as written)", F["dWh_with_dh"], true["Wh"], 165)
rep("dWh with dh_tilde instead", F["dWh_with_dh_tilde"], true["Wh"], 165)
rep("dbz = sum(dz)", F["dbz"], true["bz"], 166)
rep("dbr = sum(dr)", F["dbr"], true["br"], 167)
rep("dbh = sum(dh) (as written)", F["dbh_with_dh"], true["bh"], 168)
rep("dbh with dh_tilde instead", F["dbh_with_dh_tilde"], true["bh"], 168)

# ---- sequence: gru_backward (lines 220-227) ---------------------------------------------
X = rng.normal(size=(D, N, T)); h0 = rng.normal(size=(H, N)) * 0.5; GS = rng.normal(size=(H, N, T))
def seq_fwd():
    h = h0; caches = []; hs = []; ys = []
    for t in range(T):
        h, y, c = cell_fwd(X[:, :, t], h, P); caches.append(c); hs.append(h); ys.append(y)
    return np.stack(hs, 2), np.stack(ys, 2), caches
Lseq = lambda: np.sum(GS * seq_fwd()[0])
trueW = fd(Lseq, P["Wz"])
_, _, caches = seq_fwd()
def seq_bwd(carry):
    dWz = np.zeros_like(P["Wz"]); dprev = np.zeros((H, N))
    for t in reversed(range(T)):
        up = GS[:, :, t] + (dprev if carry else 0)
        g = cell_bwd_fixed_inputs(up, caches[t], P)
        dWz += g["dWz"]; dprev = g["dh"]
    return dWz
print("== gru_backward over T=4 steps, L = sum_t sum(G_t .* h_t), cell fixed")
rep("dWz, line 220 as written (no dh_prev carry)", seq_bwd(False), trueW, 220)
rep("dWz with dh[:,:,t] + dh_prev carried", seq_bwd(True), trueW, 220)

# ---- train_gru: the upstream gradient (lines 283, 287) -----------------------------------
Y = rng.normal(size=(O, N, T))
def cost():
    _, yp, _ = seq_fwd(); return np.sum((yp - Y) ** 2) / (N * T * O)
true_cost_Wz = fd(cost, P["Wz"])
_, yp, caches = seq_fwd()
GS_saved = GS.copy()
GS[:] = 0.0                       # author: dh = zeros(...) passed to gru_backward at epoch 1
rep("dWz from gru_backward(dh=0) vs dcost/dWz", seq_bwd(True), true_cost_Wz, 287)
GS[:] = np.einsum("oh,ont->hnt", P["Wy"], 2 * (yp - Y) / (N * T * O))
rep("dWz with dh = Wy'*2(y_pred-y)/N", seq_bwd(True), true_cost_Wz, 287)
