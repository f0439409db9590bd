# Finite-difference check of lstm_rmaahin_scratch.py (author's code imported and run as written).
import importlib.util, os, numpy as np
here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("src", os.path.join(here, "lstm_rmaahin_scratch.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)

np.random.seed(0)
I, H, O, T, P, B = 3, 4, 2, 6, 3, 2
net = src.LSTM(I, H, output_size=O, prediction_steps=P)
for k in ['Wi', 'Wf', 'Wo', 'Wc']:
    setattr(net.cell, k, np.random.randn(H, H + I) * 0.5)
for k in ['bi', 'bf', 'bo', 'bc']:
    setattr(net.cell, k, np.random.randn(H, 1) * 0.5)
net.Wy = np.random.randn(O, H) * 0.5; net.by = np.random.randn(O, 1) * 0.5
x = np.random.randn(T, I, B); y = np.random.randn(P, O, B)

def params():
    d = {k: getattr(net.cell, k) for k in ['Wi', 'bi', 'Wf', 'bf', 'Wo', 'bo', 'Wc', 'bc']}
    d['Wy'] = net.Wy; d['by'] = net.by; return d

def L_half():   # the loss whose gradient dy = y_pred - y is
    _, _, yp, _ = net.forward(x); return 0.5 * np.sum((yp - y) ** 2)
def L_rmse():   # the loss the file defines (compute_loss)
    _, _, yp, _ = net.forward(x); return net.compute_loss(yp, y)

def fd(L, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; lp = L(); A[idx] = old - eps; lm = L(); A[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g

_, _, yp, cache = net.forward(x)
grads = net.backward(x, y, yp, cache)     # author's backward, as written
rmse = net.compute_loss(yp, y)
print("Author's parameter gradients vs finite differences")
print(f"{'param':5s} {'vs d(1/2 sum sq)':>18s} {'vs d(RMSE)':>12s}  ratio code/FD_rmse")
for k, A in params().items():
    gh = fd(L_half, A); gr = fd(L_rmse, A)
    eh = np.max(np.abs(grads[k] - gh)); er = np.max(np.abs(grads[k] - gr))
    ratio = np.sum(grads[k] * gr) / np.sum(gr * gr)
    print(f"{k:5s} {'AGREE' if eh < 1e-6 else 'DISAGREE (%.2e)' % eh:>18s} {'AGREE' if er < 1e-6 else 'DISAGREE':>12s}  {ratio:8.3f}")
N = yp.size
print(f"expected ratio for a pure scale error: N*RMSE = {N * rmse:.3f} (N={N})")

# line 287: Wy gradient with h_next (what the comment says) instead of cache[t][4] (= c_next)
gWy_h = np.zeros_like(net.Wy)
for t in range(T - P, T):
    i, f, o, c_tilde, c_next, h_prev, c_prev, xt, concat = cache[t]
    h_next = o * np.tanh(c_next)
    gWy_h += (yp[t - (T - P)] - y[t - (T - P)]) @ h_next.T
print("line 287 with h_next instead of cache[t][4]=c_next -> AGREE with FD(1/2 sum sq):",
      np.max(np.abs(gWy_h - fd(L_half, net.Wy))) < 1e-6)

# single-step check of backward_step outputs dx, dh_prev, dc_prev (lines 147-157)
cell = net.cell
xt = np.random.randn(I, B); hp = np.random.randn(H, B); cp = np.random.randn(H, B)
gh_ = np.random.randn(H, B); gc_ = np.random.randn(H, B)
def Lstep():
    hn, cn, _ = cell.forward_step(xt, hp, cp); return np.sum(gh_ * hn) + np.sum(gc_ * cn)
_, _, ca = cell.forward_step(xt, hp, cp)
dx, dhp, dcp, dW = cell.backward_step(gh_, gc_, ca)
for name, A, g in [("dx (l.154)", xt, dx), ("dh_prev (l.153)", hp, dhp), ("dc_prev (l.157)", cp, dcp)]:
    print(f"{name:16s}", "AGREE" if np.max(np.abs(g - fd(Lstep, A))) < 1e-6 else "DISAGREE")
for k in ['Wi', 'bi', 'Wf', 'bf', 'Wo', 'bo', 'Wc', 'bc']:
    print(f"step d{k:3s}", "AGREE" if np.max(np.abs(dW[k] - fd(Lstep, getattr(cell, k)))) < 1e-6 else "DISAGREE")
