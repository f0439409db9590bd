# Finite-difference check of gru_cell_breast_cancer.py (search-index file id 30461598040).
# Column vectors: z = s(Wz x + Uz h + bz), r = s(Wr x + Ur h + br), hh = tanh(Wh x + Uh (r*h) + bh),
# h_next = (1-z)*h + z*hh, y = s(Wy h_next + by); train(): L = mean((y - label)^2).
# Part A checks backward() as a map from dL/dh_next (its parameter name) for L = sum(R * h_next).
# Part B checks train(), which passes dL/dy (1x1) in the dh_next slot.
import numpy as np
ns = {}
exec(open(__file__.replace("fd_gru_cell_breast_cancer.py", "gru_cell_breast_cancer.py")).read(), ns)
GRUCell, sigmoid = ns["GRUCell"], ns["sigmoid"]

rng = np.random.default_rng(3)
D, H = 4, 5
cell = GRUCell(D, H)
for k in ["Wz", "Uz", "bz", "Wr", "Ur", "br", "Wh", "Uh", "bh", "Wy", "by"]:
    setattr(cell, k, rng.normal(0, .7, getattr(cell, k).shape))
x, h_prev, R = rng.normal(size=(D, 1)), rng.normal(size=(H, 1)), rng.normal(size=(H, 1))

def hnext(): return cell.forward(x, h_prev)[1]
def LA(): return float(np.sum(R * hnext()))
def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X); it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = X[k]
        X[k] = old + eps; lp = f(); X[k] = old - eps; lm = f(); X[k] = old
        G[k] = (lp - lm) / (2 * eps)
    return G
res = []
def report(name, a, b, expect, tol=1e-6):
    if a.shape != b.shape:
        ok = False; msg = f"shape {a.shape} vs true {b.shape}"
    else:
        r = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b))); ok = r < tol; msg = f"rel={r:.2e}"
    res.append((name, ok == expect))
    print(f"{'AGREE ' if ok else 'DIFFER'} ({'as expected' if ok == expect else 'UNEXPECTED'})  {msg}  {name}")

# author's backward formulas, lines 46-69, as written (the in-place clip of line 74-76 is left out)
z = sigmoid(cell.Wz @ x + cell.Uz @ h_prev + cell.bz)
r = sigmoid(cell.Wr @ x + cell.Ur @ h_prev + cell.br)
h_hat = np.tanh(cell.Wh @ x + cell.Uh @ (r * h_prev) + cell.bh)
dh_next = R
dh_hat = dh_next * z
dtanh = (1 - h_hat ** 2) * dh_hat
dbh = dtanh; dWh = dtanh @ x.T; dUh = dtanh @ (r * h_prev).T
dh_prev1 = cell.Uh.T @ (r * dtanh)
dr = cell.Uh.T @ (h_prev * dtanh)
dz = dh_next * (h_prev - h_hat)
dWr = (r*(1-r)*dr) @ x.T; dUr = (r*(1-r)*dr) @ h_prev.T; dbr = r*(1-r)*dr
dWz = (z*(1-z)*dz) @ x.T; dUz = (z*(1-z)*dz) @ h_prev.T; dbz = z*(1-z)*dz
dx = cell.Wz.T @ dWz + cell.Wr.T @ dWr + cell.Wh.T @ dWh
dh_prev2 = cell.Uz.T @ dUz + cell.Ur.T @ dUr + cell.Uh.T @ dUh
dh_ret = dh_prev1 + dh_prev2

print("Part A: L = sum(R * h_next), dL/dh_next = R")
report("line 54 dWh", dWh, numgrad(LA, cell.Wh), True)
report("line 55 dUh", dUh, numgrad(LA, cell.Uh), True)
report("line 53 dbh", dbh, numgrad(LA, cell.bh), True)
report("line 60 dWr (inherits wrong dr)", dWr, numgrad(LA, cell.Wr), False)
report("line 61 dUr (inherits wrong dr)", dUr, numgrad(LA, cell.Ur), False)
report("line 62 dbr (inherits wrong dr)", dbr, numgrad(LA, cell.br), False)
report("line 64 dWz (inherits sign of dz)", dWz, numgrad(LA, cell.Wz), False)
report("line 65 dUz (inherits sign of dz)", dUz, numgrad(LA, cell.Uz), False)
report("line 66 dbz (inherits sign of dz)", dbz, numgrad(LA, cell.bz), False)
report("line 64 dWz vs -FD (sign flip only)", -dWz, numgrad(LA, cell.Wz), True)
report("line 68 dx", dx, numgrad(LA, x), False)
report("line 78 returned dh_prev = dh_prev1 + dh_prev2", dh_ret, numgrad(LA, h_prev), False)

# per-row checks of the intermediate quantities against their true values
def L_of_r(rv):  return float(np.sum(R * ((1 - z) * h_prev + z * np.tanh(cell.Wh @ x + cell.Uh @ (rv * h_prev) + cell.bh))))
def L_of_z(zv):  return float(np.sum(R * ((1 - zv) * h_prev + zv * h_hat)))
def L_of_hh(hv): return float(np.sum(R * ((1 - z) * h_prev + z * hv)))
def L_of_ah(av): return L_of_hh(np.tanh(av))
a_h = cell.Wh @ x + cell.Uh @ (r * h_prev) + cell.bh
rv, zv, hv, av = r.copy(), z.copy(), h_hat.copy(), a_h.copy()
true_dr = numgrad(lambda: L_of_r(rv), rv)
report("line 50 dh_hat = dh_next * z", dh_hat, numgrad(lambda: L_of_hh(hv), hv), True)
report("line 51 dtanh = (1-h_hat^2)*dh_hat (dL/d pre-activation)", dtanh, numgrad(lambda: L_of_ah(av), av), True)
report("line 57 dr = Uh^T (h_prev * dtanh)", dr, true_dr, False)
report("   correct would be h_prev * (Uh^T dtanh)", h_prev * (cell.Uh.T @ dtanh), true_dr, True)
report("line 58 dz = dh_next*(h_prev - h_hat)", dz, numgrad(lambda: L_of_z(zv), zv), False)
# contribution of the candidate path to dL/dh_prev (with z, r held fixed): r * (Uh^T dtanh) + (1-z)*dh_next is the rest
def L_hh_path(hp): return float(np.sum(R * (z * np.tanh(cell.Wh @ x + cell.Uh @ (r * hp) + cell.bh))))
hp = h_prev.copy()
report("line 56 dh_prev1 = Uh^T (r * dtanh) (candidate-path part of dL/dh_prev)", dh_prev1, numgrad(lambda: L_hh_path(hp), hp), False)
# lines 60-66 as relations: fed the TRUE dL/dr and dL/dz, the author's formulas give the FD weight gradients
true_dz = numgrad(lambda: L_of_z(zv), zv)
report("lines 60-62 as relations (true dr fed in): dWr = (r(1-r)dr) x^T", (r*(1-r)*true_dr) @ x.T, numgrad(LA, cell.Wr), True)
report("lines 64-66 as relations (true dz fed in): dUz = (z(1-z)dz) h_prev^T", (z*(1-z)*true_dz) @ h_prev.T, numgrad(LA, cell.Uz), True)
report("line 69 dh_prev2 = Uz^T dUz + Ur^T dUr + Uh^T dUh (weight grads instead of deltas)", dh_prev2,
       numgrad(LA, h_prev) - h_prev * 0, False)

print("\nPart B: train(): L = mean((y_pred - label)^2)")
label = np.array([1.0])
def LB(): return float(np.mean((cell.forward(x, h_prev)[0] - label) ** 2))
y_pred = cell.forward(x, h_prev)[0]
dloss = 2 * (y_pred - label)
report("line 84 dloss = 2(y_pred - y) = dL/dy_pred", dloss,
       numgrad(lambda: float(np.mean((yv - label) ** 2)), (yv := y_pred.copy())), True)
true_dh_next = cell.Wy.T @ (dloss * y_pred * (1 - y_pred))
def hn_loss(hv2): return float(np.mean((sigmoid(cell.Wy @ hv2 + cell.by) - label) ** 2))
hv2 = hnext().copy()
report("  (reference) dL/dh_next = Wy^T (dloss * y(1-y))", true_dh_next, numgrad(lambda: hn_loss(hv2), hv2), True)
dh_passed = dloss * np.ones((H, 1))   # what line 86 feeds in: a 1x1 array broadcast over the H units
report("line 86 backward(x, h_prev, dloss): dloss used as dL/dh_next", dh_passed, true_dh_next, False)
_, _, dps = cell.backward(x, h_prev, dloss * 1e-3)   # scaled to keep below the clip; compare direction of dWh
ref = numgrad(LB, cell.Wh) * 1e-3
report("line 86 -> dWh from train's call (even dWh, correct in Part A, is wrong here)", dps[6], ref, False)
print("\nall rows behave as annotated" if all(ok for _, ok in res) else "\nUNEXPECTED: " + ", ".join(n for n, ok in res if not ok))
