"""FD check for brainstorm_clockwork.md (IDSIA/brainstorm clockwork_layer.py @745a737).
Re-implements the handler calls with their numpy-handler semantics and compares with FD.
Loss: L = sum_t sum(G[t] * outputs[t]) so that doutputs = G (context slot delta = 0)."""
import numpy as np

rng = np.random.default_rng(3)
Tn, B, I, S = 7, 2, 3, 6
W = rng.normal(scale=0.5, size=(S, I)); R = rng.normal(scale=0.5, size=(S, S))
bias = rng.normal(scale=0.2, size=S); timing = np.array([1., 1., 2., 2., 3., 4.])
X = rng.normal(size=(Tn, B, I)); G = rng.normal(size=(Tn, B, S))
ctx = rng.normal(scale=0.5, size=(B, S))     # outputs[-1] (initial context)

def forward(W, R, bias, pert_Ha=None, pert_out=None):
    Ha = np.zeros((Tn + 1, B, S)); out = np.zeros((Tn + 1, B, S)); out[-1] = ctx
    Ha[:-1] = X @ W.T                                   # line 56 dot_mm(flat_inputs, W, flat_H, transb=True)
    Ha[:-1] = Ha[:-1] + bias.reshape((1, S))            # line 57 add_mv
    for t in range(Tn):
        Ha[t] += out[t - 1] @ R.T                       # line 62
        if pert_Ha is not None and pert_Ha[0] == t: Ha[t] += pert_Ha[1]
        out[t] = np.tanh(Ha[t])                         # line 63
        if t > 0:
            tmp = np.fmod(np.full(S, float(t)), timing)  # lines 66-67
            cond = np.broadcast_to(tmp.reshape((1, S)), (B, S))   # line 68
            out[t][cond != 0] = out[t - 1][cond != 0]    # line 69
        if pert_out is not None and pert_out[0] == t: out[t] += pert_out[1]
    return Ha, out

def L(W=W, R=R, bias=bias, **kw):
    _, out = forward(W, R, bias, **kw)
    return np.sum(G * out[:-1])

Ha, out = forward(W, R, bias)
res = {}
rec = lambda ln, ok: res.setdefault(ln, []).append(bool(ok))
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

# forward rows vs an independent clockwork-RNN reference: unit k updates only when t % timing_k == 0
h = ctx.copy(); ok = True
for t in range(Tn):
    new = np.tanh(X[t] @ W.T + bias + h @ R.T)
    active = (np.fmod(t, timing) == 0) | (t == 0)
    h = np.where(active[None, :], new, h)
    ok &= close(h, out[t])
for ln in (56, 57, 62, 63, 66, 67, 68, 69): rec(ln, ok)

# ---- backward as written (lines 85-112)
dHb = np.zeros((Tn + 1, B, S)); dHa = np.zeros((Tn + 1, B, S))
dHb[:-1] = G                                            # line 85 copy_to(doutputs, dHb)
T = Tn - 1                                              # line 86
dHa[T] = dHb[T] * (1. - out[T] * out[T])                # line 87
for t in range(T - 1, -1, -1):
    tmp = np.fmod(np.full(S, float(t + 1)), timing)     # lines 89-90
    cond = np.broadcast_to(tmp.reshape((1, S)), (B, S)) # line 91
    dHb[t][cond != 0] += dHb[t + 1][cond != 0]          # line 92
    dHa[t + 1][cond != 0] = 0.0                         # line 93
    dHb[t] += dHa[t + 1] @ R                            # line 94
    dHa[t] = dHb[t] * (1. - out[t] * out[t])            # line 95
dinputs = np.zeros((Tn, B, I)); dW = np.zeros_like(W); dR = np.zeros_like(R); dbias = np.zeros_like(bias)
flat_dHa = dHa[:-1].reshape(Tn * B, S); flat_in = X.reshape(Tn * B, I)
dinputs += (flat_dHa @ W).reshape(Tn, B, I)             # line 103
dW += flat_dHa.T @ flat_in                              # line 104
dbias_tmp = np.sum(flat_dHa, axis=0)                    # line 106
dbias = dbias + dbias_tmp                               # line 107
flat_outputs = out[:-2].reshape((Tn - 1) * B, S)        # outputs[:-2] = times 0..T-1
flat_dHa1 = dHa[1:-1].reshape((Tn - 1) * B, S)          # dHa[1:-1]  = times 1..T
dR += flat_dHa1.T @ flat_outputs                        # line 111
dR += dHa[0].T @ out[-1]                                # line 112

def fd_tensor(kind, t, eps=1e-6):
    Gd = np.zeros((B, S))
    for idx in np.ndindex(B, S):
        e = np.zeros((B, S)); e[idx] = eps
        Gd[idx] = (L(**{kind: (t, e)}) - L(**{kind: (t, -e)})) / (2 * eps)
    return Gd

def fd_param(name, eps=1e-6):
    P = dict(W=W.copy(), R=R.copy(), bias=bias.copy()); w = P[name]; Gd = np.zeros_like(w)
    for idx in np.ndindex(*w.shape):
        o = w[idx]; w[idx] = o + eps; hi = L(**P); w[idx] = o - eps; lo = L(**P); w[idx] = o
        Gd[idx] = (hi - lo) / (2 * eps)
    return Gd

# dHb[t] = total dL/d outputs[t]; dHa[t] = total dL/d Ha[t] (zero for units not updated at t)
for t in range(Tn):
    okb = close(dHb[t], fd_tensor('pert_out', t)); oka = close(dHa[t], fd_tensor('pert_Ha', t))
    rec(85, okb); rec(92, okb); rec(94, okb)
    rec(95 if t < T else 87, oka); rec(93, oka)
rec(86, T == Tn - 1); rec(89, True); rec(90, True); rec(91, True)
def L_in(Xp):
    global X
    Xb = X; X = Xp; v = L(); X = Xb; return v
dX = np.zeros_like(X); eps = 1e-6
for idx in np.ndindex(*X.shape):
    Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
    dX[idx] = (L_in(Xp) - L_in(Xm)) / (2 * eps)
rec(103, close(dinputs, dX))
rec(104, close(dW, fd_param('W')))
gb = fd_param('bias'); rec(106, close(dbias, gb)); rec(107, close(dbias, gb))
gR = fd_param('R'); rec(111, close(dR, gR)); rec(112, close(dR, gR))

expected = {ln: 1 for ln in (56, 57, 62, 63, 66, 67, 68, 69, 85, 86, 87, 89, 90, 91, 92, 93, 94, 95,
                             103, 104, 106, 107, 111, 112)}
for ln, ex in sorted(expected.items()):
    got = all(res[ln]); print(f"line {ln}: {'pass' if got else 'fail'} (expected {'pass' if ex else 'fail'})")
    assert got == bool(ex), ln
assert set(res) == set(expected)
print("OK")
