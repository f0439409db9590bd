# Finite-difference check of doxonet_lstm.py (author's forward + accumulate_grad, run as written, float64 params).
import numpy as np, importlib.util, sys
spec = importlib.util.spec_from_file_location("dx", __file__.replace("fd_doxonet_lstm.py", "doxonet_lstm.py"))
dx = importlib.util.module_from_spec(spec); spec.loader.exec_module(dx)

rng = np.random.default_rng(0)
I, H, O, T = 3, 4, 5, 4
net = dx.LSTM(I, H, O)
for k in net.params: net.params[k] = rng.normal(scale=0.5, size=net.params[k].shape)
net.reset_grads()
X = rng.normal(size=(T, I)); tgt = rng.integers(0, O, size=T)

def loss(params, X, h0, c0):
    saved = net.params; net.params = params
    logits, _, _ = net.forward(X, h_prev=h0, c_prev=c0)
    net.params = saved
    p = dx.softmax(logits.reshape(T, O))
    return -sum(np.log(p[t, tgt[t]]) for t in range(T))     # dY = p - onehot  <=>  L = sum_t CE_t

def run(h0, c0, label):
    net.reset_grads()
    logits, _, _ = net.forward(X, h_prev=h0, c_prev=c0)
    p = dx.softmax(logits.reshape(T, O)); dY = p.copy()
    for t in range(T): dY[t][tgt[t]] -= 1
    dIn = net.accumulate_grad(dY)
    print(f"--- {label}")
    eps = 1e-6
    for k in ['Wy', 'by', 'Wo', 'bo', 'Wc', 'bc', 'Wi', 'bi', 'Wf', 'bf']:
        num = np.zeros_like(net.params[k])
        for idx in np.ndindex(num.shape):
            P = {kk: v.copy() for kk, v in net.params.items()}; P[k][idx] += eps; lp = loss(P, X, h0, c0)
            P[k][idx] -= 2 * eps; lm = loss(P, X, h0, c0); num[idx] = (lp - lm) / (2 * eps)
        err = np.abs(num - net.grads[k]).max() / (np.abs(num).max() + 1e-12)
        print(f"  d{k:3s} rel.err {err:.2e}  {'AGREE' if err < 1e-5 else 'DIFFER'}")
    numX = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        numX[idx] = (loss(net.params, Xp, h0, c0) - loss(net.params, Xm, h0, c0)) / (2 * eps)
    err = np.abs(numX - dIn).max() / np.abs(numX).max()
    print(f"  dInputs rel.err {err:.2e}  {'AGREE' if err < 1e-5 else 'DIFFER'}")

# helper derivative check (line 32-35): d_doxo_act vs FD of doxo_act
z = np.linspace(-3, 3, 13); e = 1e-6
print("d_doxo_act vs FD:", 'AGREE' if np.allclose(dx.d_doxo_act(z), (dx.doxo_act(z+e)-dx.doxo_act(z-e))/(2*e), atol=1e-7) else 'DIFFER')
run(None, None, "window with h0 = c0 = 0 (first window of brain.py)")
run(rng.normal(size=(1, H)), rng.normal(size=(1, H)), "window with carried-over h0, c0 != 0 (later windows of brain.py)")
