"""Finite-difference check of gru_arcsinh_ru.py (GRUCell with arcsinh candidate, search-index file id 22706180024).

Part A: one cell step with a random upstream G = dL/dh_t (L = sum(G * h_t)); each intermediate of
GRUCell.backward (lines 93-151) is compared with central differences w.r.t. the matching forward quantity.
Part B: the whole GRUAdam model (lines 173-245) with the author's loss mse_loss (line 20) and dy = mse_grad (line 23):
every gradient in the returned dict vs central differences of mse_loss.
"""
import importlib.util, os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("src", os.path.join(here, "gru_arcsinh_ru.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)

np.random.seed(3)
rng = np.random.default_rng(3)
D, H, O, B, T = 3, 4, 2, 2, 5
eps = 1e-6
rows = []
def check(line, name, a, b, tol=1e-6):
    ok = np.allclose(a, b, rtol=1e-5, atol=tol)
    rows.append((line, name, ok))

# ---------- helpers (lines 6-23, 47) ----------
z = rng.normal(size=7) * 2
check(10, "darcsinh = d/dx arcsinh", src.darcsinh(z), (np.arcsinh(z + eps) - np.arcsinh(z - eps)) / (2 * eps))
check(17, "dtanh = d/dx tanh", src.dtanh(z), (np.tanh(z + eps) - np.tanh(z - eps)) / (2 * eps))
cell = src.GRUCell(D, H)
s = cell.sigmoid(z)
check(47, "sigmoid'(x) = s(1-s) used at 121/128", s * (1 - s), (cell.sigmoid(z + eps) - cell.sigmoid(z - eps)) / (2 * eps))
yp = rng.normal(size=(T, B, O)); yt = rng.normal(size=(T, B, O))
g = np.zeros_like(yp)
for idx in np.ndindex(yp.shape):
    a = yp.copy(); a[idx] += eps; m = yp.copy(); m[idx] -= eps
    g[idx] = (src.mse_loss(a, yt) - src.mse_loss(m, yt)) / (2 * eps)
check(23, "mse_grad = d mse_loss / d y_pred", src.mse_grad(yp, yt), g)

# ---------- Part A: one cell ----------
for nm in ["W_z", "U_z", "W_r", "U_r", "W_h", "U_h"]:
    setattr(cell, nm, rng.normal(size=getattr(cell, nm).shape))
for nm in ["b_z", "b_r", "b_h"]:
    setattr(cell, nm, rng.normal(size=H) * 0.5)
x = rng.normal(size=(B, D)); hp = rng.normal(size=(B, H)); G = rng.normal(size=(B, H))

def step(x, hp, P, pert=None):
    """author's forward (lines 54-63); pert=(name, vec) adds vec to z_t, r_t, h_hat_t, h_hat_t_in, z_t_in or r_t_in"""
    W_z, U_z, b_z, W_r, U_r, b_r, W_h, U_h, b_h = P
    p = lambda n, v: v + pert[1] if pert and pert[0] == n else v
    zi = p("z_in", x @ W_z + hp @ U_z + b_z); zz = p("z", 1 / (1 + np.exp(-zi)))
    ri = p("r_in", x @ W_r + hp @ U_r + b_r); rr = p("r", 1 / (1 + np.exp(-ri)))
    hi = p("hh_in", x @ W_h + (rr * hp) @ U_h + b_h); hh = p("hh", np.arcsinh(hi))
    return (1 - zz) * hp + zz * hh
P = [cell.W_z, cell.U_z, cell.b_z, cell.W_r, cell.U_r, cell.b_r, cell.W_h, cell.U_h, cell.b_h]
L = lambda x, hp, P, pert=None: np.sum(G * step(x, hp, P, pert))
h_t, cache = cell.forward(x, hp)
check(63, "forward h_t matches independent re-implementation", h_t, step(x, hp, P))

def fd_pert(name, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(shape):
        v = np.zeros(shape); v[idx] = eps
        out[idx] = (L(x, hp, P, (name, v)) - L(x, hp, P, (name, -v))) / (2 * eps)
    return out
def fd_arr(which):
    arr = {"x": x, "hp": hp}[which]
    out = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        a = arr.copy(); a[idx] += eps; m = arr.copy(); m[idx] -= eps
        if which == "x": out[idx] = (L(a, hp, P) - L(m, hp, P)) / (2 * eps)
        else: out[idx] = (L(x, a, P) - L(x, m, P)) / (2 * eps)
    return out
def fd_par(i):
    out = np.zeros_like(P[i])
    for idx in np.ndindex(P[i].shape):
        Pp = [q.copy() for q in P]; Pm = [q.copy() for q in P]
        Pp[i][idx] += eps; Pm[i][idx] -= eps
        out[idx] = (L(x, hp, Pp) - L(x, hp, Pm)) / (2 * eps)
    return out

# author's cell backward as written (lines 93-151), keeping intermediates
z_t, r_t, hh, hh_in = cache['z_t'], cache['r_t'], cache['h_hat_t'], cache['h_hat_t_in']
dh_t = G
dh_hat_t = dh_t * z_t;                         check(93, "dh_hat_t = dL/dh_hat", dh_hat_t, fd_pert("hh", (B, H)))
dz_t = dh_t * (hh - hp);                       check(94, "dz_t = dL/dz (post-sigmoid)", dz_t, fd_pert("z", (B, H)))
dh_prev = dh_t * (1 - z_t)                     # line 95: direct part only, completed at 124/145/146
dh_hat_t_in = dh_hat_t * src.darcsinh(hh_in);  check(100, "dh_hat_t_in = dL/d(h_hat pre-act)", dh_hat_t_in, fd_pert("hh_in", (B, H)))
dr_t = (dh_hat_t_in @ cell.U_h.T) * hp;        check(119, "dr_t = dL/dr (post-sigmoid)", dr_t, fd_pert("r", (B, H)))
dr_t_in = dr_t * r_t * (1 - r_t);              check(121, "dr_t_in = dL/d(r pre-act)", dr_t_in, fd_pert("r_in", (B, H)))
dh_prev = dh_prev + (dh_hat_t_in @ cell.U_h.T) * r_t   # line 124
dz_t_in = dz_t * z_t * (1 - z_t);              check(128, "dz_t_in = dL/d(z pre-act)", dz_t_in, fd_pert("z_in", (B, H)))
dh_prev = dh_prev + dz_t_in @ cell.U_z.T       # line 145
dh_prev = dh_prev + dr_t_in @ cell.U_r.T       # line 146
check(146, "dh_prev after 95+124+145+146 = dL/dh_prev", dh_prev, fd_arr("hp"))
dx_t = (dz_t_in @ cell.W_z.T) + (dr_t_in @ cell.W_r.T) + (dh_hat_t_in @ cell.W_h.T)
check(151, "dx_t = dL/dx_t", dx_t, fd_arr("x"))
author = cell.backward(G, cache)
check(153, "GRUCell.backward dx_t/dh_prev identical to the above", np.concatenate([author[0].ravel(), author[1].ravel()]), np.concatenate([dx_t.ravel(), dh_prev.ravel()]))
pnames = ["W_z", "U_z", "b_z", "W_r", "U_r", "b_r", "W_h", "U_h", "b_h"]
plines = [131, 132, 133, 135, 136, 137, 112, 113, 114]
for k, (nm, ln) in enumerate(zip(pnames, plines)):
    check(ln, f"d{nm} (one step)", author[2][k], fd_par(k))

# ---------- Part B: whole model with the author's MSE ----------
model = src.GRUAdam(D, H, O)
for nm in ["W_z", "U_z", "W_r", "U_r", "W_h", "U_h"]:
    setattr(model.cell, nm, rng.normal(size=getattr(model.cell, nm).shape) * 0.8)
model.W_out = rng.normal(size=(H, O)); model.b_out = rng.normal(size=O)
X = rng.normal(size=(T, B, D)); Y = rng.normal(size=(T, B, O))
y_pred, hs, caches = model.forward(X)
grads = model.backward(src.mse_grad(y_pred, Y), hs, caches, X)
def obj():
    return src.mse_loss(model.forward(X)[0], Y)
targets = [(nm, model.cell) for nm in pnames] + [("W_out", model), ("b_out", model)]
glines = {"W_z": 227, "U_z": 228, "b_z": 229, "W_r": 230, "U_r": 231, "b_r": 232, "W_h": 233, "U_h": 234, "b_h": 235, "W_out": 216, "b_out": 217}
for nm, owner in targets:
    Pm = getattr(owner, nm); fd = np.zeros_like(Pm)
    for idx in np.ndindex(Pm.shape):
        old = Pm[idx]
        Pm[idx] = old + eps; fp = obj()
        Pm[idx] = old - eps; fm = obj()
        Pm[idx] = old
        fd[idx] = (fp - fm) / (2 * eps)
    check(glines[nm], f"BPTT total d{nm} (lines 216-235, uses 220/223)", grads[nm], fd, tol=1e-7)

print(f"{'line':>4}  {'quantity':55s} agrees")
for line, nm, ok in rows:
    print(f"{line:>4}  {nm:55s} {ok}")
print("\nall rows agree:", all(r[2] for r in rows))
