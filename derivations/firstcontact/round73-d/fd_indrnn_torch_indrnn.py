"""Finite-difference check of indrnn_torch_indrnn.md (numpy only).

The source is PyTorch code; torch is not used here. The author's forward
(_indrnn_py_fwd) and backward (_indrnn_py_bwd, fed with the shifted state list
saved in _IndRNNFuncPy.forward, md line 55) are transcribed into numpy with the
same names and compared with central differences of L = sum(G * out) for a
random upstream gradient G = dout.  Shapes: t (T, batch, hidden), whh (hidden,),
h0 (batch, hidden).
"""
import numpy as np

relu = lambda v: np.maximum(v, 0.0)
d_relu = lambda v: (v > 0).astype(v.dtype)          # md line 11
def d_tanh(v):                                        # md lines 15-16
    tt = np.tanh(v)
    return 1 - tt * tt
ACTIVFUNS = [(relu, d_relu), (np.tanh, d_tanh)]       # md line 19


def _indrnn_py_fwd(t, whh, activ, h0):                # md lines 27-33
    out = np.empty_like(t)
    h = h0
    func = ACTIVFUNS[activ][0]
    for i in range(t.shape[0]):
        h = func(t[i] + h * whh)
        out[i] = h
    return out


def _indrnn_py_bwd(t, whh, activ, out_, dout):        # md lines 38-48
    dt, dwhh = np.empty_like(t), np.zeros_like(whh)
    dh = np.zeros_like(out_[0])
    func = ACTIVFUNS[activ][1]
    for i in range(t.shape[0] - 1, -1, -1):
        h = out_[i]
        dh = dout[i] + dh
        dpreact = func(t[i] + h * whh) * dh
        dt[i] = dpreact
        dh = dpreact * whh
        dwhh += np.sum(dpreact * h, 0)
    return dt, dwhh, dh


def fd(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        Xp = X.copy(); Xp[i] += eps
        Xm = X.copy(); Xm[i] -= eps
        G[i] = (f(Xp) - f(Xm)) / (2 * eps)
    return G


def report(label, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"  {label:58s} {'AGREE' if ok else 'DIFFER'}  (max |diff| = {np.max(np.abs(a - b)):.2e})")


rng = np.random.default_rng(1)
T, B, Hd = 5, 3, 4
for activ, name in ((0, "relu"), (1, "tanh")):
    t = rng.normal(size=(T, B, Hd))
    whh = rng.uniform(-1.2, 1.2, size=Hd)
    h0 = rng.normal(size=(B, Hd))
    G = rng.normal(size=(T, B, Hd))
    L = lambda t_, w_, h_: float(np.sum(G * _indrnn_py_fwd(t_, w_, activ, h_)))
    out = _indrnn_py_fwd(t, whh, activ, h0)
    out_ = np.concatenate([h0[None, ...], out[:-1]], 0)        # md line 55
    dt, dwhh, dh = _indrnn_py_bwd(t, whh, activ, out_, G)
    print(f"=== activation {name}, T={T}, batch={B}, hidden={Hd} ===")
    report("dt  (line 45, dL/d pre-activation input t[i])", dt, fd(lambda X: L(X, whh, h0), t))
    report("dwhh (line 47, summed over time and batch)", dwhh, fd(lambda X: L(t, X, h0), whh))
    report("returned dh = dL/dh0 (lines 43, 46)", dh, fd(lambda X: L(t, whh, X), h0))
    # what the rows would give if out_ were the unshifted outputs (shows line 55 matters)
    dt2, dwhh2, _ = _indrnn_py_bwd(t, whh, activ, out, G)
    report("[contrast] same rows fed with unshifted out (not the source)", dwhh2, fd(lambda X: L(t, X, h0), whh))
