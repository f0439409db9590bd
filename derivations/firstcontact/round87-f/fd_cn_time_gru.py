# Finite-difference check of cn_time_gru.py: loads the author's GRU / TimeGRU as written (common.* stubbed).
import sys, types, os, importlib.util
import numpy as np
common = types.ModuleType("common"); cnp = types.ModuleType("common.np"); cl = types.ModuleType("common.layers"); cf = types.ModuleType("common.functions")
cnp.np = np; cf.sigmoid = lambda x: 1 / (1 + np.exp(-x)); cf.softmax = None
sys.modules.update({"common": common, "common.np": cnp, "common.layers": cl, "common.functions": cf})
spec = importlib.util.spec_from_file_location("g", os.path.join(os.path.dirname(os.path.abspath(__file__)), "cn_time_gru.py"))
g = importlib.util.module_from_spec(spec); spec.loader.exec_module(g)

rng = np.random.default_rng(1)
N, D, H, T = 3, 4, 5, 4
Wx = rng.normal(size=(D, 3 * H)) * 0.6; Wh = rng.normal(size=(H, 3 * H)) * 0.6; b = rng.normal(size=3 * H)
x = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H)); G = rng.normal(size=(N, H))
eps = 1e-6
def num_grad(f, A):
    out = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + eps; fp = f(); A[idx] = o - eps; fm = f(); A[idx] = o; out[idx] = (fp - fm) / (2 * eps)
    return out
def report(name, line, a, bb, tol=1e-6):
    err = np.max(np.abs(a - bb)) / max(1e-12, np.max(np.abs(bb)))
    print(f"line {line:4d} {name:34s} {'AGREE' if err < tol else 'DISAGREE'}  rel.err={err:.2e}")

cell = g.GRU(Wx, Wh, b)
def L(): return np.sum(G * g.GRU(Wx, Wh, b).forward(x, hp))
cell.forward(x, hp); dx, dhp = cell.backward(G)
nWx = num_grad(L, Wx); nWh = num_grad(L, Wh); nb = num_grad(L, b)
report("dx (73,83,92)", 92, dx, num_grad(L, x))
report("dh_prev (65,74,81,90)", 90, dhp, num_grad(L, hp))
report("dWxz", 82, cell.dWx[:, :H], nWx[:, :H]); report("dWxr", 91, cell.dWx[:, H:2*H], nWx[:, H:2*H]); report("dWxh", 72, cell.dWx[:, 2*H:], nWx[:, 2*H:])
report("dWhz", 80, cell.dWh[:, :H], nWh[:, :H]); report("dWhr", 89, cell.dWh[:, H:2*H], nWh[:, H:2*H]); report("dWhh", 70, cell.dWh[:, 2*H:], nWh[:, 2*H:])
report("dbz", 79, cell.db[:H], nb[:H]); report("dbr", 88, cell.db[H:2*H], nb[H:2*H]); report("dbh", 69, cell.db[2*H:], nb[2*H:])

# TimeGRU (float32 buffers hs/dxs, hence looser tolerance)
xs = rng.normal(size=(N, T, D)); GS = rng.normal(size=(N, T, H))
def Lseq():
    h = np.zeros((N, H)); tot = 0
    for t in range(T):
        h = g.GRU(Wx, Wh, b).forward(xs[:, t, :], h); tot += np.sum(GS[:, t, :] * h)
    return tot
tg = g.TimeGRU(Wx.copy(), Wh.copy(), b.copy()); tg.forward(xs); dxs = tg.backward(GS)
report("TimeGRU dWx (sum over t)", 146, tg.grads[0], num_grad(Lseq, Wx), 1e-4)
report("TimeGRU dWh (sum over t)", 146, tg.grads[1], num_grad(Lseq, Wh), 1e-4)
report("TimeGRU db (sum over t)", 146, tg.grads[2], num_grad(Lseq, b), 1e-4)
report("TimeGRU dxs (recursion dhs+dh)", 142, dxs, num_grad(Lseq, xs), 1e-4)
