# FD checks for zh_gru_study_doc_jacobian_numpy.md
# Author's GRU (1-D vectors, column convention): r = s(W_r x + U_r h + b_r), z = s(W_z x + U_z h + b_z),
# h~ = tanh(W_n x + U_n (r*h) + b_n), h_t = (1-z)*h_{t-1} + z*h~.  Section 8.2: stacked GRU (layer l>0 takes h^{(l-1)}_t
# as input), many-to-one classifier logits = W_out h^{(L)}_T + b_out, loss = -log softmax(logits)[target].
import numpy as np

rng = np.random.default_rng(5)
D, H, K, T, NL = 3, 4, 3, 4, 2
eps = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
close = lambda A, B, tol=1e-6: np.allclose(A, B, atol=tol, rtol=1e-5)


def rep(line, ok, note=""):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")


def new_cell(din):
    return {"W_r": rng.normal(size=(H, din)) * 0.7, "U_r": rng.normal(size=(H, H)) * 0.7, "b_r": rng.normal(size=H) * 0.3,
            "W_z": rng.normal(size=(H, din)) * 0.7, "U_z": rng.normal(size=(H, H)) * 0.7, "b_z": rng.normal(size=H) * 0.3,
            "W_n": rng.normal(size=(H, din)) * 0.7, "U_n": rng.normal(size=(H, H)) * 0.7, "b_n": rng.normal(size=H) * 0.3}


def step(p, x, h, pert=None):
    """one GRU step; pert adds to named nodes / separate copies of h_prev and x per use."""
    q = pert or {}
    hz, hr, hn, hd = (h + q.get(k, 0) for k in ("h_z", "h_r", "h_n", "h_d"))   # h_prev copies: in U_z h, U_r h, r*h, (1-z)*h
    xz, xr, xn = (x + q.get(k, 0) for k in ("x_z", "x_r", "x_n"))
    r_pre = p["W_r"] @ xr + p["U_r"] @ hr + p["b_r"] + q.get("r_pre", 0)
    r = sig(r_pre) + q.get("r", 0)
    z_pre = p["W_z"] @ xz + p["U_z"] @ hz + p["b_z"] + q.get("z_pre", 0)
    z = sig(z_pre) + q.get("z", 0)
    rh = r * hn + q.get("rh", 0)
    n_pre = p["W_n"] @ xn + p["U_n"] @ rh + p["b_n"] + q.get("n_pre", 0)
    ht = np.tanh(n_pre) + q.get("ht", 0)
    hnew = (1 - z) * hd + z * ht
    return hnew, dict(r=r, z=z, ht=ht, rh=rh)


# ---------------- single-cell checks (section 8.1 code) with L = g . h_t ----------------
p = new_cell(D)
x = rng.normal(size=D); h = rng.normal(size=H) * 0.8
g = rng.normal(size=H)
Lc = lambda pert=None, pp=None: float(g @ step(pp or p, x, h, pert)[0])
_, c = step(p, x, h)


def fdv(name, n):
    out = np.zeros(n)
    for k in range(n):
        e = np.zeros(n); e[k] = eps
        out[k] = (Lc({name: e}) - Lc({name: -e})) / (2 * eps)
    return out


def fdvs(names, n):   # perturb several copies together (sum of paths)
    out = np.zeros(n)
    for k in range(n):
        e = np.zeros(n); e[k] = eps
        out[k] = (Lc({nm: e for nm in names}) - Lc({nm: -e for nm in names})) / (2 * eps)
    return out


def fdP(key):
    M = p[key]; G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        pp = dict(p); Mp = M.copy(); Mp[idx] += eps; pp[key] = Mp; lp = Lc(pp=pp)
        Mm = M.copy(); Mm[idx] -= eps; pp[key] = Mm; lm = Lc(pp=pp)
        G[idx] = (lp - lm) / (2 * eps)
    return G


r_t, z_t, h_tilde = c["r"], c["z"], c["ht"]
dh_t = g
# author's code, line by line
dz_t = dh_t * (h_tilde - h)
dh_prev1 = dh_t * (1 - z_t)
dh_tilde = dh_t * z_t
dn_pre = dh_tilde * (1 - h_tilde ** 2)
dx1 = p["W_n"].T @ dn_pre
d_rh = p["U_n"].T @ dn_pre
dr_t = d_rh * h
dh_prev2 = dh_prev1 + d_rh * r_t
dz_pre = dz_t * z_t * (1 - z_t)
dx2 = dx1 + p["W_z"].T @ dz_pre
dh_prev3 = dh_prev2 + p["U_z"].T @ dz_pre
dr_pre = dr_t * r_t * (1 - r_t)
dx3 = dx2 + p["W_r"].T @ dr_pre
dh_prev4 = dh_prev3 + p["U_r"].T @ dr_pre
grads = {"W_r": np.outer(dr_pre, x), "U_r": np.outer(dr_pre, h), "b_r": dr_pre,
         "W_z": np.outer(dz_pre, x), "U_z": np.outer(dz_pre, h), "b_z": dz_pre,
         "W_n": np.outer(dn_pre, x), "U_n": np.outer(dn_pre, r_t * h), "b_n": dn_pre}

for l in (25, 31, 37, 43, 54, 174, 175, 178, 179, 182, 183, 186):
    rep(l, True, "(forward definition; code computes exactly these formulas)")
rep(209, close(dz_t, fdv("z", H)), "(dL/dz_t)")
rep(210, close(dh_prev1, fdv("h_d", H)), "(direct-path part of dL/dh_{t-1}; completed by 220/225/230)")
rep(211, close(dh_tilde, fdv("ht", H)), "(dL/dh~_t)")
rep(214, close(dn_pre, fdv("n_pre", H)), "(dL/dn_pre)")
rep(217, close(dx1, fdv("x_n", D)), "(x-path through the candidate; completed by 224/229)")
rep(218, close(d_rh, fdv("rh", H)), "(dL/d(r*h))")
rep(219, close(dr_t, fdv("r", H)), "(dL/dr_t)")
rep(220, close(dh_prev2, fdvs(["h_d", "h_n"], H)))
rep(223, close(dz_pre, fdv("z_pre", H)))
rep(224, close(dx2, fdvs(["x_n", "x_z"], D)))
rep(225, close(dh_prev3, fdvs(["h_d", "h_n", "h_z"], H)))
rep(228, close(dr_pre, fdv("r_pre", H)))
rep(229, close(dx3, fdvs(["x_n", "x_z", "x_r"], D)), "(= total dL/dx_t)")
rep(230, close(dh_prev4, fdvs(["h_d", "h_n", "h_z", "h_r"], H)), "(= total dL/dh_{t-1})")
for ln, key in zip(range(234, 243), ["W_r", "U_r", "b_r", "W_z", "U_z", "b_z", "W_n", "U_n", "b_n"]):
    rep(ln, close(grads[key], fdP(key)), f"(grad {key})")


# ---------------- Jacobian claims of section 3.4 ----------------
def jac_h(pp, xx, hh, which="h_all"):
    J = np.zeros((H, H))
    for k in range(H):
        e = np.zeros(H); e[k] = eps
        if which == "h_all":
            f = lambda s: step(pp, xx, hh + s * e)[0]
        else:   # Jacobian of z*h~ w.r.t. h_{t-1} (all uses of h except the (1-z)*h factor)
            def f(s):
                _, cc = step(pp, xx, hh, {"h_z": s * e, "h_r": s * e, "h_n": s * e})
                return cc["z"] * cc["ht"]
        J[:, k] = (f(1) - f(-1)) / (2 * eps)
    return J


J = jac_h(p, x, h)
Jzh = jac_h(p, x, h, "zh")
cand57a = np.diag(1 - z_t) + Jzh                  # reading: diag(...) of the Jacobian means the matrix itself
cand57b = np.diag(1 - z_t) + np.diag(np.diag(Jzh))  # reading: diag() keeps only the diagonal
rep(57, close(cand57a, J) or close(cand57b, J), "(misses -diag(h_{t-1}) dz_t/dh_{t-1} from (1-z_t)*h_{t-1}; diag() of a full Jacobian)")
# 74: explicit candidate-path term; remainder must be exactly the gate terms
main74 = np.diag(1 - z_t) + np.diag(z_t) @ np.diag(1 - h_tilde ** 2) @ p["U_n"] @ np.diag(r_t)
gate74 = np.diag(h_tilde - h) @ np.diag(z_t * (1 - z_t)) @ p["U_z"] + \
    np.diag(z_t) @ np.diag(1 - h_tilde ** 2) @ p["U_n"] @ np.diag(h) @ np.diag(r_t * (1 - r_t)) @ p["U_r"]
rep(74, close(main74 + gate74, J), "(remainder = update-gate and reset-gate terms)")
# 77: z_t -> 0 limit (b_z very negative): Jacobian -> I
pz = dict(p); pz["b_z"] = np.full(H, -14.0)
rep(77, np.max(np.abs(jac_h(pz, x, h) - np.eye(H))) < 1e-4, "(limit z_t -> 0)")
# 69: plain RNN h_t = tanh(W x + U h + b)
W, U, b = rng.normal(size=(H, D)), rng.normal(size=(H, H)), rng.normal(size=H)
hr_ = np.tanh(W @ x + U @ h + b)
Jr = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    Jr[:, k] = (np.tanh(W @ x + U @ (h + e) + b) - np.tanh(W @ x + U @ (h - e) + b)) / (2 * eps)
rep(68, True, "(RNN forward definition)")
rep(69, close(np.diag(1 - hr_ ** 2) @ U, Jr))
for l in (97, 101, 105):
    rep(l, True, "(objective definitions; CE = negative average log-likelihood)")

# ---------------- stacked GRU / classifier (section 8.2) ----------------
cells = [new_cell(D if l == 0 else H) for l in range(NL)]
W_out, b_out = rng.normal(size=(K, H)), rng.normal(size=K) * 0.3
seq = rng.normal(size=(T, D)); target = 1


def run(cells_=None, Wo=None, bo=None, hpert=None, lpert=None):
    cells_ = cells_ or cells; Wo = W_out if Wo is None else Wo; bo = b_out if bo is None else bo
    hpert = hpert or {}
    allh = np.zeros((NL, T, H)); info = [[None] * T for _ in range(NL)]
    for l in range(NL):
        hh = np.zeros(H)
        for t in range(T):
            xt = seq[t] if l == 0 else allh[l - 1, t]
            hh, cc = step(cells_[l], xt, hh)
            hh = hh + hpert.get((l, t), 0)
            allh[l, t] = hh; info[l][t] = (xt, cc)
    logits = Wo @ allh[-1, -1] + bo + (lpert if lpert is not None else 0)
    pr = np.exp(logits - logits.max()); pr /= pr.sum()
    return -np.log(pr[target]), pr, allh, info


L0, probs, allh, info = run()


def fd_h(l, t):
    out = np.zeros(H)
    for k in range(H):
        e = np.zeros(H); e[k] = eps
        out[k] = (run(hpert={(l, t): e})[0] - run(hpert={(l, t): -e})[0]) / (2 * eps)
    return out


DHs = {(l, t): fd_h(l, t) for l in range(NL) for t in range(T)}
for l in (297, 307, 313, 327):
    rep(l, True, "(stacking / output layer / softmax / cross-entropy definitions)")
dlog = probs.copy(); dlog[target] -= 1.0
fdlog = np.array([(run(lpert=np.eye(K)[k] * eps)[0] - run(lpert=-np.eye(K)[k] * eps)[0]) / (2 * eps) for k in range(K)])
rep(335, close(dlog, fdlog), "(dL/dlogits = p - onehot)")
GWo = np.zeros_like(W_out)
for idx in np.ndindex(W_out.shape):
    Mp = W_out.copy(); Mp[idx] += eps; Mm = W_out.copy(); Mm[idx] -= eps
    GWo[idx] = (run(Wo=Mp)[0] - run(Wo=Mm)[0]) / (2 * eps)
rep(340, close(np.outer(dlog, allh[-1, -1]), GWo))
rep(341, close(dlog, fdlog))
rep(342, close(W_out.T @ dlog, DHs[(NL - 1, T - 1)]), "(dL/dh^{(L)}_T)")
# 352: seed of the backward loop for each layer at t = T-1
seed_ok = all(close((W_out.T @ dlog) if l == NL - 1 else np.zeros(H), DHs[(l, T - 1)]) for l in range(NL))
rep(352, seed_ok, "(lower layers are seeded with 0 but dL/dh^{(l)}_T = dx from the layer above != 0)")


def cell_backward(pc, xt, hp, cc, dh):
    r_, z_, ht_ = cc["r"], cc["z"], cc["ht"]
    dz = dh * (ht_ - hp); dhp = dh * (1 - z_); dht = dh * z_
    dn = dht * (1 - ht_ ** 2); dx = pc["W_n"].T @ dn; drh = pc["U_n"].T @ dn; dr = drh * hp; dhp += drh * r_
    dzp = dz * z_ * (1 - z_); dx += pc["W_z"].T @ dzp; dhp += pc["U_z"].T @ dzp
    drp = dr * r_ * (1 - r_); dx += pc["W_r"].T @ drp; dhp += pc["U_r"].T @ drp
    gr = {"W_r": np.outer(drp, xt), "U_r": np.outer(drp, hp), "b_r": drp, "W_z": np.outer(dzp, xt), "U_z": np.outer(dzp, hp),
          "b_z": dzp, "W_n": np.outer(dn, xt), "U_n": np.outer(dn, r_ * hp), "b_n": dn}
    return dx, dhp, gr


# 361: dh = dh_prev, fed with the TRUE dL/dh^{(l)}_t, must give the TRUE dL/dh^{(l)}_{t-1}
ok361 = {}
for l in range(NL):
    ok361[l] = True
    for t in range(1, T):
        xt, cc = info[l][t]
        _, dhp, _ = cell_backward(cells[l], xt, allh[l, t - 1], cc, DHs[(l, t)])
        ok361[l] &= close(dhp, DHs[(l, t - 1)])
rep(361, all(ok361.values()), f"(top layer OK={ok361[NL-1]}, lower layer OK={ok361[0]}: missing dx^{{(l+1)}}_{{t-1}} from the layer above)")
# 359: accumulation over t of the per-step grads, fed with true dL/dh (top layer)
lt = NL - 1
acc = {k: np.zeros_like(v) for k, v in cells[lt].items()}
for t in range(T):
    xt, cc = info[lt][t]
    hp = allh[lt, t - 1] if t > 0 else np.zeros(H)
    _, _, gr = cell_backward(cells[lt], xt, hp, cc, DHs[(lt, t)])
    for k in gr:
        acc[k] += gr[k]
ok359 = True
for k in cells[lt]:
    M = cells[lt][k]; Gk = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        cp = [dict(cl) for cl in cells]; Mp = M.copy(); Mp[idx] += eps; cp[lt][k] = Mp; lp = run(cells_=cp)[0]
        Mm = M.copy(); Mm[idx] -= eps; cp[lt][k] = Mm; lm = run(cells_=cp)[0]
        Gk[idx] = (lp - lm) / (2 * eps)
    ok359 &= close(acc[k], Gk)
rep(359, ok359, "(sum over t of per-step parameter grads, checked on the top layer with true dL/dh)")
# 65 / 120: many-to-one loss (depends on the last layer's states only through h_T)
Js = {}
for t in range(T):
    xt, _ = info[lt][t]
    hp = allh[lt, t - 1] if t > 0 else np.zeros(H)
    Js[t] = jac_h(cells[lt], xt, hp)
rep(120, all(close(DHs[(lt, t)] @ Js[t], DHs[(lt, t - 1)]) for t in range(1, T)), "(top layer, loss only at T)")
prod = np.eye(H)
for t in range(T - 1, -1, -1):
    prod = prod @ Js[t]
h0grad = np.zeros(H)
for k in range(H):   # dL/dh_0 of the top layer (initial state)
    e = np.zeros(H); e[k] = eps
    def L_h0(s):
        allh2 = np.zeros((NL, T, H))
        for l in range(NL):
            hh = s * e if l == lt else np.zeros(H)
            for t in range(T):
                xt = seq[t] if l == 0 else allh2[l - 1, t]
                hh, _ = step(cells[l], xt, hh); allh2[l, t] = hh
        lg = W_out @ allh2[-1, -1] + b_out; pr = np.exp(lg - lg.max()); pr /= pr.sum()
        return -np.log(pr[target])
    h0grad[k] = (L_h0(1) - L_h0(-1)) / (2 * eps)
rep(65, close(DHs[(lt, T - 1)] @ prod, h0grad), "(product ordered t=T..1)")
