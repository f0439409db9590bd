# FD check for dlfs2_rnn_jeongmani.md (row-vector layout: x (N,D), h (N,H), Wx (D,H), Wh (H,H), b (H,)).
# Forward (code lines 18-19): t = h_prev Wh + x Wx + b, h_next = tanh(t). Loss for checking: L = sum(G * h_next)
# for a fixed random G = dh_next (one step), and L = sum_t sum(G_t * h_t) for the TimeRNN sequence.
import numpy as np
rng = np.random.default_rng(1)
N, D, H, T = 2, 3, 4, 4
Wx = rng.normal(size=(D, H)); Wh = rng.normal(size=(H, H)) * 0.5; b = rng.normal(size=H)
x = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); G = rng.normal(size=(N, H))
eps = 1e-6
close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-7)
def rep(line, ok, msg): print(f"line {line:3d}: {'AGREE   ' if ok else 'DISAGREE'} {msg}")
def step(x, h_prev, Wx, Wh, b): return np.tanh(np.matmul(h_prev, Wh) + np.matmul(x, Wx) + b)
def L(**kw):
    a = dict(x=x, h_prev=h_prev, Wx=Wx, Wh=Wh, b=b); a.update(kw); return float((G * step(**a)).sum())
def fd(name):
    P = dict(x=x, h_prev=h_prev, Wx=Wx, Wh=Wh, b=b)[name]; g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        d = np.zeros_like(P); d[idx] = eps; g[idx] = (L(**{name: P + d}) - L(**{name: P - d})) / (2 * eps)
    return g
# line 4: markdown forward h_t = h_p W_h + x_t W_x vs the code's forward
rep(4, close(np.matmul(h_prev, Wh) + np.matmul(x, Wx), step(x, h_prev, Wx, Wh, b)), "markdown h_t = h_p W_h + x_t W_x equals code forward tanh(h_prev Wh + x Wx + b)?")
# backward, evaluated verbatim where the names exist
h_next = step(x, h_prev, Wx, Wh, b); dh_next = G
dt = dh_next * (1 - h_next**2)
rep(28, close(dt, dh_next * (1 - np.tanh(np.matmul(h_prev, Wh) + np.matmul(x, Wx) + b)**2)), "dt = dh_next*(1-h_next**2) = dL/dt (tanh' = 1 - tanh^2)")
db = np.sum(dt, axis=0); rep(29, close(db, fd('b')), "db = sum(dt, axis=0)")
dWh = np.matmul(h_prev.T, dt); rep(30, close(dWh, fd('Wh')), "dWh = h_prev^T dt")
ns = {'np': np, 'dt': dt, 'Wh': Wh, 'Wx': Wx}
for line, expr, name in [(31, "npmatmul(dt,Wh.T)", 'h_prev'), (33, "np.matmul(dt,Wt.T)", 'x')]:
    try:
        val = eval(expr, ns); rep(line, close(val, fd(name)), expr)
    except NameError as e:
        print(f"line {line:3d}: as written -> NameError ({e})")
rep(31, close(np.matmul(dt, Wh.T), fd('h_prev')), "math of line 31: dh_prev = dt Wh^T (npmatmul is only a missing '.')")
dWx = np.matmul(x.T, dt); rep(32, close(dWx, fd('Wx')), "dWx = x^T dt")
rep(33, close(np.matmul(dt, Wx.T), fd('x')), "(reference) dx = dt Wx^T is the correct formula; line 33 uses the undefined Wt")
for line, expr in [(35, "dWx"), (36, "dWH"), (37, "dWb")]:
    try:
        eval(expr, {'dWx': dWx, 'dWh': dWh, 'db': db}); print(f"line {line:3d}: AGREE    stored name {expr} is a computed gradient")
    except NameError as e:
        print(f"line {line:3d}: DISAGREE stored name {expr}: NameError ({e}); computed names are dWh / db")
# TimeRNN: sequence with loss sum_t sum(Gs[:,t]*h_t)
xs = rng.normal(size=(N, T, D)); Gs = rng.normal(size=(N, T, H)); h0 = np.zeros((N, H))
def seq_loss(Wx_, Wh_, b_):
    h = h0; tot = 0.0
    for t in range(T):
        h = step(xs[:, t, :], h, Wx_, Wh_, b_); tot += (Gs[:, t, :] * h).sum()   # line 71: self.h = layer.forward(xs[:,t,:], self.h)
    return tot
def fd_seq(i):
    Ps = [Wx, Wh, b]; g = np.zeros_like(Ps[i])
    for idx in np.ndindex(Ps[i].shape):
        d = np.zeros_like(Ps[i]); d[idx] = eps
        a = list(Ps); a[i] = Ps[i] + d; lp = seq_loss(*a); a[i] = Ps[i] - d; lm = seq_loss(*a); g[idx] = (lp - lm) / (2 * eps)
    return g
hs = [h0]
for t in range(T): hs.append(step(xs[:, t, :], hs[-1], Wx, Wh, b))
class Layer:
    def __init__(s, t): s.t = t
    def backward(s, dh_next):
        x_, hp, hn = xs[:, s.t, :], hs[s.t], hs[s.t + 1]
        dt = dh_next * (1 - hn**2); s.grads = [x_.T @ dt, hp.T @ dt, dt.sum(0)]
        return dt @ Wx.T, dt @ Wh.T
layers = [Layer(t) for t in range(T)]
# line 86 with the correct per-step summation: dx, dh = layer.backward(dhs[:,t,:]+dh)
dh = 0; tot = [0, 0, 0]
for t in reversed(range(T)):
    dx, dh = layers[t].backward(Gs[:, t, :] + dh)
    for i, g_ in enumerate(layers[t].grads): tot[i] += g_
rep(86, all(close(tot[i], fd_seq(i)) for i in range(3)), "dh passed back = dhs[:,t,:] + dh (upstream + recurrent); summed grads match FD")
rep(71, True, "forward recursion h_t = RNN(x_t, h_{t-1}) (used in seq_loss above)")
# lines 89-92 as written: loop variable is `gard`, body uses `grad`
src = """
dh=0
grads=[0,0,0]
for t in reversed(range(T)):
    layer=layers[t]
    dx,dh=layer.backward(dhs[:,t,:]+dh)
    for i,gard in enumerate(layer.grads):
        grads[i]+=grad
"""
try:
    exec(src, {'layers': layers, 'dhs': Gs, 'T': T, 'np': np}); print("line  90: ran")
except NameError as e:
    print(f"line  90: DISAGREE as written -> NameError ({e}): per-step gradients are never summed")
# if a stale `grad` exists (e.g. from an earlier cell), the loop adds that same array T times instead of the step gradients
stale = np.ones_like(Wx); ns = {'layers': layers, 'dhs': Gs, 'T': T, 'np': np, 'grad': stale}
exec(src, ns)
rep(90, close(ns['grads'][0], fd_seq(0)), "with a stale global `grad`, grads[0] (= T*grad) vs FD dL/dWx")
ns2 = {'grads': tot, 'grad': stale, 'out': [None, None, None]}
exec("for i,gard in enumerate(grads):\n    out[i]=grad", ns2)
rep(92, close(ns2['out'][0], fd_seq(0)), "line 92 stores `grad` (not the loop variable gard) into self.grads[i]")
