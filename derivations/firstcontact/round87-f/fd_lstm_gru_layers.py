# Finite-difference check of lstm_gru_layers.py. Class lstm and class GRU are run as written (sigmoid injected,
# since the file does not define it). Class LSTM.backward cannot run as written (it uses the undefined name `do`
# and line 53 has a shape error), so its lines are re-evaluated one by one below with d0 standing for do.
import os, importlib.util
import numpy as np
spec = importlib.util.spec_from_file_location("L", os.path.join(os.path.dirname(os.path.abspath(__file__)), "lstm_gru_layers.py"))
L = importlib.util.module_from_spec(spec); L.sigmoid = lambda x: 1 / (1 + np.exp(-x)); spec.loader.exec_module(L)
sig = L.sigmoid
rng = np.random.default_rng(2)
N, D, H, T = 3, 4, 5, 4
wx = rng.normal(size=(D, 4 * H)) * 0.6; wh = rng.normal(size=(H, 4 * H)) * 0.6; b = rng.normal(size=4 * H)
x = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H)); cp = rng.normal(size=(N, H))
Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))
eps = 1e-6
def num_grad(f, A):
    out = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + eps; fp = f(); A[idx] = o - eps; fm = f(); A[idx] = o; out[idx] = (fp - fm) / (2 * eps)
    return out
def report(name, line, a, bb, tol=1e-6):
    err = np.max(np.abs(a - bb)) / max(1e-12, np.max(np.abs(bb)))
    print(f"line {line:4d} {name:40s} {'AGREE' if err < tol else 'DISAGREE'}  rel.err={err:.2e}")

def Lcell():
    h, c = L.lstm(wx, wh, b).forward(x, hp, cp); return np.sum(Gh * h) + np.sum(Gc * c)
A = x @ wx + hp @ wh + b
# exact dL/dA (N,4H) by perturbing A through a row-wise bias trick: perturb each entry of A directly
def fwd_from_A(A):
    f = sig(A[:, :H]); g = np.tanh(A[:, H:2*H]); i = sig(A[:, 2*H:3*H]); o = sig(A[:, 3*H:])
    c = cp * f + g * i; h = o * np.tanh(c); return np.sum(Gh * h) + np.sum(Gc * c)
Acopy = A.copy(); dA_true = num_grad(lambda: fwd_from_A(Acopy), Acopy)
f = sig(A[:, :H]); g = np.tanh(A[:, H:2*H]); i = sig(A[:, 2*H:3*H]); o = sig(A[:, 3*H:]); c = cp * f + g * i; tc = np.tanh(c)
act_true = np.hstack((dA_true[:, :H] / (f * (1 - f)), dA_true[:, H:2*H] / (1 - g**2), dA_true[:, 2*H:3*H] / (i * (1 - i)), dA_true[:, 3*H:] / (o * (1 - o))))

print("--- class lstm (run as written) ---")
cell = L.lstm(wx, wh, b); cell.forward(x, hp, cp); dx, dhp, dcp = cell.backward(Gh, Gc)
ds = Gc + Gh * o * (1 - tc**2)
c_var = c.copy(); report("ds = dL/dc_next (total)", 79, ds, num_grad(lambda: np.sum(Gh * o * np.tanh(c_var)) + np.sum(Gc * c_var), c_var))
report("dc_prev", 80, dcp, num_grad(Lcell, cp))
report("df,dg,di,do as dL/d(gate activation)", 87, np.hstack((ds * cp, ds * i, ds * g, Gh * tc)), act_true)
report("dA used as dL/dA (pre-activation)", 87, np.hstack((ds * cp, ds * i, ds * g, Gh * tc)), dA_true)
report("dwx", 88, cell.grads[0], num_grad(Lcell, wx))
report("dx", 89, dx, num_grad(Lcell, x))
report("dwh", 90, cell.grads[1], num_grad(Lcell, wh))
report("dh_prev", 91, dhp, num_grad(Lcell, hp))
report("db", 92, cell.grads[2], num_grad(Lcell, b))
# the same contractions applied to the true dL/dA: right as chain-rule steps
report("x.T @ dL/dA  (form of line 88)", 88, x.T @ dA_true, num_grad(Lcell, wx))
report("dL/dA @ wh.T (form of line 91)", 91, dA_true @ wh.T, num_grad(Lcell, hp))

print("--- class LSTM (lines re-evaluated; do -> d0) ---")
ds1 = Gh * o * (1 - tc ** 2) + Gc
report("dc_prev = ds * f", 35, ds1 * f, num_grad(Lcell, cp))
dA1 = np.hstack((ds1 * cp, ds1 * i, ds1 * g, Gh * tc))
report("dA (no sigma'/tanh' factors)", 42, dA1, dA_true)
try:
    dhp1 = dA1.T @ wh.T; print("line   53 dh_prev = dA.T @ wh.T computed shape", dhp1.shape)
except ValueError as e:
    print("line   53 dh_prev = dA.T @ wh.T                        DISAGREE  shape error:", e)
report("reference: dL/dA @ wh.T vs dL/dh_prev", 53, (dA_true @ wh.T), num_grad(Lcell, hp))  # correct form for reference

print("--- TimeLSTM recursion with class LSTM's return order (dx, dc_prev, dh_prev) ---")
xs = rng.normal(size=(N, T, D)); GS = rng.normal(size=(N, T, H))
def step(xt, h, c):
    A = xt @ wx + h @ wh + b; f = sig(A[:, :H]); g = np.tanh(A[:, H:2*H]); i = sig(A[:, 2*H:3*H]); o = sig(A[:, 3*H:])
    c2 = c * f + g * i; return o * np.tanh(c2), c2, (xt, h, c, f, g, i, o, c2)
def Lseq():
    h = np.zeros((N, H)); c = np.zeros((N, H)); tot = 0
    for t in range(T):
        h, c, _ = step(xs[:, t, :], h, c); tot += np.sum(GS[:, t, :] * h)
    return tot
def correct_cell_back(dh, dc, cache):
    xt, h, c, f, g, i, o, c2 = cache; tc = np.tanh(c2); ds = dc + dh * o * (1 - tc**2)
    dA = np.hstack((ds * c * f * (1 - f), ds * i * (1 - g**2), ds * g * i * (1 - i), dh * tc * o * (1 - o)))
    return dA @ wx.T, ds * f, dA @ wh.T, xt.T @ dA   # returned in class LSTM's order: dx, dc_prev, dh_prev (+ dwx)
h = np.zeros((N, H)); c = np.zeros((N, H)); caches = []
for t in range(T):
    h, c, cache = step(xs[:, t, :], h, c); caches.append(cache)
dh, dc, dwx = 0, 0, 0
for t in reversed(range(T)):
    dx, dh, dc, dw = correct_cell_back(GS[:, t, :] + dh, dc, caches[t]); dwx = dwx + dw   # line 132 unpacking
report("dwx through line 132 unpacking (swap)", 132, dwx, num_grad(Lseq, wx))
dh, dc, dwx = 0, 0, 0
for t in reversed(range(T)):
    dx, dc, dh, dw = correct_cell_back(GS[:, t, :] + dh, dc, caches[t]); dwx = dwx + dw   # matched order
report("dwx with matched order (reference)", 132, dwx, num_grad(Lseq, wx))

print("--- class GRU (run as written; forward(h_prev, x)) ---")
Wx = rng.normal(size=(D, 3 * H)) * 0.6; Wh = rng.normal(size=(H, 3 * H)) * 0.6; bb = rng.normal(size=3 * H)
def Lg(): return np.sum(Gh * L.GRU(Wx, Wh, bb).forward(hp, x))
gc = L.GRU(Wx, Wh, bb); gc.forward(hp, x); gdx, gdh = gc.backward(Gh)
nWx, nWh, nb = num_grad(Lg, Wx), num_grad(Lg, Wh), num_grad(Lg, bb)
report("GRU dx", 197, gdx, num_grad(Lg, x)); report("GRU dh_prev", 195, gdh, num_grad(Lg, hp))
report("GRU dwxz", 188, gc.dwx[:, :H], nWx[:, :H]); report("GRU dwxr", 196, gc.dwx[:, H:2*H], nWx[:, H:2*H]); report("GRU dwxh", 179, gc.dwx[:, 2*H:], nWx[:, 2*H:])
report("GRU dwhz", 186, gc.dwh[:, :H], nWh[:, :H]); report("GRU dwhr", 194, gc.dwh[:, H:2*H], nWh[:, H:2*H]); report("GRU dwhh", 177, gc.dwh[:, 2*H:], nWh[:, 2*H:])
report("GRU dbz", 185, gc.db[:H], nb[:H]); report("GRU dbr", 193, gc.db[H:2*H], nb[H:2*H]); report("GRU dbh", 176, gc.db[2*H:], nb[2*H:])
