"""Finite-difference checks for ru_numpy_gru_bptt.md (numpy only).
Row vectors (B, features). The author's fence is exec'd (with a stub src.core.losses giving sigmoid, softmax and
cross_entropy_loss = (1/B) sum_b sum_t -log p) and its statements are also transcribed line by line.
Cell-level loss: Lc = sum(G * h_t), so the incoming dh_next = G. Model-level loss: the stub cross_entropy_loss."""
import json, os, re, sys, tempfile, shutil, atexit
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["ru_numpy_gru_bptt.md"]
res = {}
def rep(line, ok_math):
    exp = EXP[str(line)]["expected"]; agree = (ok_math == (exp == "pass")); res[line] = agree
    print(line, "OK" if agree else "MISMATCH", "(math %s, expected %s)" % ("right" if ok_math else "wrong", exp))
close = lambda a, b: bool(np.allclose(a, b, rtol=1e-5, atol=1e-7))
# ---- stub package and exec of the author's code ----
tmp = tempfile.mkdtemp(); atexit.register(shutil.rmtree, tmp, True)
os.makedirs(os.path.join(tmp, "src", "core")); os.makedirs(os.path.join(tmp, "src", "models"))
open(os.path.join(tmp, "src", "__init__.py"), "w").close(); open(os.path.join(tmp, "src", "core", "__init__.py"), "w").close()
open(os.path.join(tmp, "src", "core", "losses.py"), "w").write(
    "import numpy as np\n"
    "def sigmoid(a):\n    return 1.0 / (1.0 + np.exp(-a))\n"
    "def softmax(a, axis=-1):\n    e = np.exp(a - a.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n"
    "def cross_entropy_loss(probs, y):\n    B, T = y.shape\n"
    "    return -sum(np.log(probs[b, t, y[b, t]]) for b in range(B) for t in range(T)) / B\n")
src = open(os.path.join(HERE, "ru_numpy_gru_bptt.md")).read()
code = re.search(r"```python\n(.*?)```", src, re.S).group(1)
ns = {"__file__": os.path.join(tmp, "src", "models", "gru.py"), "__name__": "author_gru"}
exec(compile(code, "ru_numpy_gru_bptt", "exec"), ns)
GRUCell, GRUModel = ns["GRUCell"], ns["GRUModel"]
sig = lambda a: 0.5 * (1 + np.tanh(a / 2))
eps = 1e-6
rng = np.random.default_rng(3)
# ================= cell level =================
B, d, H = 3, 4, 5
np.random.seed(5)
cell = GRUCell(d, H)
for k in ("W_r", "W_z", "W_h", "U_r", "U_z", "U_h", "b_r", "b_z", "b_h"):
    getattr(cell, k)[...] = rng.normal(size=getattr(cell, k).shape) * 0.8
x = rng.normal(size=(B, d)); hp = rng.normal(size=(B, H)) * 0.7; Gc = rng.normal(size=(B, H))
def ref_cell(c, x, hp, off=None):
    off = off or {}; o = lambda k: off.get(k, 0.0)
    x = x + o("x"); hp = hp + o("h")
    ar = x @ c.W_r.T + hp @ c.U_r.T + c.b_r + o("ar")
    az = x @ c.W_z.T + hp @ c.U_z.T + c.b_z + o("az")
    r, z = sig(ar), sig(az)
    ah = x @ c.W_h.T + (r * hp) @ c.U_h.T + c.b_h + o("ah")
    hh = np.tanh(ah)
    return (1 - z) * hp + z * hh, dict(r=r, z=z, hh=hh)
Lc = lambda off=None, c=cell: float(np.sum(Gc * ref_cell(c, x, hp, off)[0]))
def fd_off(key, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (Lc({key: e}) - Lc({key: -e})) / (2 * eps)
    return g
def fd_par(name):
    W = getattr(cell, name); g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        old = W[idx]
        W[idx] = old + eps; lp = Lc(); W[idx] = old - eps; lm = Lc(); W[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g
# forward lines 43-46 (author's exec'd forward vs independent reference)
h_a, cache = cell.forward(x, hp)
h_r, st = ref_cell(cell, x, hp)
rep(43, close(cache["r_t"], st["r"])); rep(44, close(cache["z_t"], st["z"]))
rep(45, close(cache["h_tilde"], st["hh"])); rep(46, close(h_a, h_r))
# backward, transcribed
dh_next = Gc; r_t, z_t, h_tilde, h_prev, x_t = cache["r_t"], cache["z_t"], cache["h_tilde"], hp, x
dh_tilde = dh_next * z_t * (1 - h_tilde**2)                                   # 79
dz = dh_next * (h_tilde - h_prev) * z_t * (1 - z_t)                           # 82
dr = np.dot(dh_tilde, cell.U_h.T) * (1 - r_t**2) * h_prev                     # 85
g_ah, g_az, g_ar = fd_off("ah", (B, H)), fd_off("az", (B, H)), fd_off("ar", (B, H))
rep(79, close(dh_tilde, g_ah)); rep(82, close(dz, g_az)); rep(85, close(dr, g_ar))
drT = g_ar   # judged locally: correct upstream reset-gate gradient
rep(89, close(np.dot(dh_tilde.T, x_t), fd_par("W_h")))
rep(90, close(np.dot(dz.T, x_t), fd_par("W_z")))
rep(91, close(np.dot(drT.T, x_t), fd_par("W_r")))
rep(92, close(np.dot(dh_tilde.T, r_t * h_prev), fd_par("U_h")))
rep(93, close(np.dot(dz.T, h_prev), fd_par("U_z")))
rep(94, close(np.dot(drT.T, h_prev), fd_par("U_r")))
rep(95, close(np.sum(dh_tilde, axis=0), fd_par("b_h")))
rep(96, close(np.sum(dz, axis=0), fd_par("b_z")))
rep(97, close(np.sum(drT, axis=0), fd_par("b_r")))
dh_prev_author = (dz * (1 - z_t) + np.dot(drT, cell.U_r) + np.dot(dz, cell.U_z) + np.dot(dh_tilde, cell.U_h) * r_t)  # 101
g_h = fd_off("h", (B, H))
rep(101, close(dh_prev_author, g_h))
rep(107, close(np.dot(drT, cell.W_r) + np.dot(dz, cell.W_z) + np.dot(dh_tilde, cell.W_h), fd_off("x", (B, d))))
# end-to-end: the author's own backward (both errors) vs FD, for the record
dhp_a, dx_a, gr_a = cell.backward(cache, Gc)
print("  [info] author's exec'd backward: dh_prev matches FD:", close(dhp_a, g_h), "; dW_r matches FD:", close(gr_a["dW_r"], fd_par("W_r")),
      "; dW_h matches FD:", close(gr_a["dW_h"], fd_par("W_h")))
# ================= model level =================
V, E, Hm, Bm, Tm = 6, 3, 4, 2, 3
np.random.seed(7)
model = GRUModel(V, E, Hm)
for p in model.params: p[...] = rng.normal(size=p.shape) * 0.6
X = rng.integers(0, V, size=(Bm, Tm)); Y = rng.integers(0, V, size=(Bm, Tm))
def ref_model(off=None):
    off = off or {}; o = lambda k, t: off.get((k, t), 0.0)
    h = np.zeros((Bm, Hm)); hs = []; caches = []
    for t in range(Tm):
        xt = model.embedding[X[:, t]]
        h, st = ref_cell(model.gru_cell, xt, h, {"x": o("x", t)})
        h = h + o("h", t); hs.append(h); caches.append((xt, st))
    hs = np.stack(hs, 1)
    logits = hs @ model.W_y.T + model.b_y + off.get("logits", 0.0)
    e = np.exp(logits - logits.max(-1, keepdims=True)); probs = e / e.sum(-1, keepdims=True)
    loss = -sum(np.log(probs[b, t, Y[b, t]]) for b in range(Bm) for t in range(Tm)) / Bm
    return loss, hs, logits, probs, caches
Lm = lambda off=None: float(ref_model(off)[0])
def fdm(key, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (Lm({key: e}) - Lm({key: -e})) / (2 * eps)
    return g
def fdm_par(p):
    g = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        old = p[idx]; p[idx] = old + eps; lp = Lm(); p[idx] = old - eps; lm = Lm(); p[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g
loss_r, hs_r, logits_r, probs_r, caches_r = ref_model()
probs_a, hs_a, caches_a = model.forward(X, return_sequences=True)
rep(143, close(caches_a[1]["x_t"], model.embedding[X[:, 1]]))
rep(144, close(hs_a, hs_r))
rep(149, close(hs_a, hs_r))
rep(150, close(np.dot(hs_a, model.W_y.T) + model.b_y, logits_r))
rep(151, close(probs_a, probs_r))
p_last, h_last, _ = model.forward(X, return_sequences=False)
rep(154, close(np.dot(h_last, model.W_y.T) + model.b_y, logits_r[:, -1]))
rep(155, close(p_last, probs_r[:, -1]))
# correct per-step cell backward (reference) to supply right upstream values
def true_cell_grads(c, xt, hprev, dh):
    out, _ = None, None
    def Lloc(off=None, c=c): return float(np.sum(dh * ref_cell(c, xt, hprev, off)[0]))
    def fdl(key, shape):
        g = np.zeros(shape)
        for idx in np.ndindex(shape):
            e = np.zeros(shape); e[idx] = eps; g[idx] = (Lloc({key: e}) - Lloc({key: -e})) / (2 * eps)
        return g
    gp = {}
    for k in ("W_r", "W_z", "W_h", "U_r", "U_z", "U_h", "b_r", "b_z", "b_h"):
        W = getattr(c, k); g = np.zeros_like(W)
        for idx in np.ndindex(W.shape):
            old = W[idx]; W[idx] = old + eps; lp = Lloc(); W[idx] = old - eps; lm = Lloc(); W[idx] = old
            g[idx] = (lp - lm) / (2 * eps)
        gp["d" + k] = g
    return fdl("h", hprev.shape), fdl("x", xt.shape), gp
probs = probs_r.copy(); hs = hs_r
dW_y = np.zeros_like(model.W_y); db_y = np.zeros_like(model.b_y); d_emb = np.zeros_like(model.embedding)
acc = {k: np.zeros_like(getattr(model.gru_cell, k[1:])) for k in ("dW_r", "dW_z", "dW_h", "dU_r", "dU_z", "dU_h", "db_r", "db_z", "db_h")}
dh_next = np.zeros((Bm, Hm))
g_logits = fdm("logits", (Bm, Tm, V)); ok184 = ok191 = ok194 = True
hprevs = [np.zeros((Bm, Hm))] + [hs_r[:, t] for t in range(Tm - 1)]
for t in reversed(range(Tm)):
    dlogits = probs[:, t]                                   # 184
    dlogits[np.arange(Bm), Y[:, t]] -= 1                    # 185
    dlogits /= Bm                                           # 186
    ok184 &= close(dlogits, g_logits[:, t])
    dW_y += np.dot(dlogits.T, hs[:, t])                     # 188
    db_y += np.sum(dlogits, axis=0)                         # 189
    dh = np.dot(dlogits, model.W_y) + dh_next               # 191
    ok191 &= close(dh, fdm(("h", t), (Bm, Hm)))
    xt = model.embedding[X[:, t]]
    dh_next, dx_t, grads = true_cell_grads(model.gru_cell, xt, hprevs[t], dh)   # 194 (with a correct cell backward)
    if t > 0:
        ok194 &= close(dh_next + g_logits[:, t - 1] @ model.W_y, fdm(("h", t - 1), (Bm, Hm)))
    for k in acc: acc[k] += grads[k]                        # 197-205
    for b in range(Bm): d_emb[X[b, t]] += dx_t[b]           # 209
for ln in (184, 185, 186): rep(ln, ok184)
rep(188, close(dW_y, fdm_par(model.W_y)))
rep(189, close(db_y, fdm_par(model.b_y)))
rep(191, ok191)
rep(194, ok194)
for ln, k in zip(range(197, 206), ("dW_r", "dW_z", "dW_h", "dU_r", "dU_z", "dU_h", "db_r", "db_z", "db_h")):
    rep(ln, close(acc[k], fdm_par(getattr(model.gru_cell, k[1:]))))
rep(209, close(d_emb, fdm_par(model.embedding)))
# for the record: the author's full compute_loss_and_grads (with both cell errors) vs FD
loss_a, grads_a = model.compute_loss_and_grads(X, Y)
print("  [info] author's loss equals reference loss:", close(loss_a, loss_r),
      "; author's dW_y matches FD:", close(grads_a[1], fdm_par(model.W_y)),
      "; author's dU_h matches FD:", close(grads_a[8], fdm_par(model.gru_cell.U_h)))
assert set(res) == set(int(k) for k in EXP), sorted(set(int(k) for k in EXP) - set(res))
print("ALL AGREE" if all(res.values()) else "SOME MISMATCH", len(res), "lines")
