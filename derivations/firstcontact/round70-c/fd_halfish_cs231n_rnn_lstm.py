# Finite-difference check of Halfish/cs231n rnn_layers.py (RNN + LSTM), numpy only.
# The author's code is executed verbatim from the python fences of halfish_cs231n_rnn_lstm.md.
import re, numpy as np, os
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'halfish_cs231n_rnn_lstm.md'), encoding='utf-8').read()
code = "\n".join(re.findall(r"```python\n(.*?)```", src, re.S))
ns = {}
exec(code, ns)
rnn_step_forward, rnn_step_backward = ns['rnn_step_forward'], ns['rnn_step_backward']
rnn_forward, rnn_backward = ns['rnn_forward'], ns['rnn_backward']
lstm_step_forward, lstm_step_backward = ns['lstm_step_forward'], ns['lstm_step_backward']
lstm_forward, lstm_backward = ns['lstm_forward'], ns['lstm_backward']
sigmoid = ns['sigmoid']

rng = np.random.default_rng(0)
def num_grad(f, x, h=1e-6):
    g = np.zeros_like(x); it = np.nditer(x, flags=['multi_index'])
    while not it.finished:
        i = it.multi_index; old = x[i]
        x[i] = old + h; fp = f(); x[i] = old - h; fm = f(); x[i] = old
        g[i] = (fp - fm) / (2 * h); it.iternext()
    return g
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def report(line, name, a, b):
    r = rel(a, b); print(f"line {line:4d} {name:38s} rel.err {r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")

# helper: sigmoid (lines 195-199)
xs = rng.normal(size=(4, 5)) * 5
report(199, "sigmoid == 1/(1+exp(-x))", sigmoid(xs), 1 / (1 + np.exp(-xs)))

N, D, H, T = 3, 4, 5, 4
# ---- RNN step
x = rng.normal(size=(N, D)); h0 = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, H)) * .5; Wh = rng.normal(size=(H, H)) * .5; b = rng.normal(size=H)
dnext = rng.normal(size=(N, H))
nh, cache = rnn_step_forward(x, h0, Wx, Wh, b)
report(62, "rnn forward tanh(xWx+hWh+b)", nh, np.tanh(x @ Wx + h0 @ Wh + b))
dx, dph, dWx, dWh, db = rnn_step_backward(dnext, cache)
L = lambda: np.sum(rnn_step_forward(x, h0, Wx, Wh, b)[0] * dnext)
a_pre = x @ Wx + h0 @ Wh + b
# dtanh = dL/d(pre-activation): perturb pre-activation directly
report(94, "dtanh (dL/d preact)", dnext * (1 - nh ** 2), num_grad(lambda: np.sum(np.tanh(a_pre) * dnext), a_pre))
report(95, "rnn_step dx", dx, num_grad(L, x)); report(96, "rnn_step dprev_h", dph, num_grad(L, h0))
report(97, "rnn_step dWx", dWx, num_grad(L, Wx)); report(98, "rnn_step dWh", dWh, num_grad(L, Wh))
report(99, "rnn_step db", db, num_grad(L, b))
# ---- RNN sequence
X = rng.normal(size=(N, T, D)); dH = rng.normal(size=(N, T, H))
hs, caches = rnn_forward(X, h0, Wx, Wh, b)
dX, dh0, dWx, dWh, db = rnn_backward(dH, caches)
L = lambda: np.sum(rnn_forward(X, h0, Wx, Wh, b)[0] * dH)
report(173, "rnn_backward dx (BPTT, reordered l.177)", dX, num_grad(L, X))
report(176, "rnn_backward dh0", dh0, num_grad(L, h0))
report(175, "rnn_backward dWx (summed over t)", dWx, num_grad(L, Wx))
report(175, "rnn_backward dWh (summed over t)", dWh, num_grad(L, Wh))
report(175, "rnn_backward db (summed over t)", db, num_grad(L, b))
# ---- LSTM step
Wx4 = rng.normal(size=(D, 4 * H)) * .5; Wh4 = rng.normal(size=(H, 4 * H)) * .5; b4 = rng.normal(size=4 * H)
c0 = rng.normal(size=(N, H)); dnh = rng.normal(size=(N, H)); dnc = rng.normal(size=(N, H))
nh, nc, cache = lstm_step_forward(x, h0, c0, Wx4, Wh4, b4)
L = lambda: np.sum(lstm_step_forward(x, h0, c0, Wx4, Wh4, b4)[0] * dnh) + np.sum(lstm_step_forward(x, h0, c0, Wx4, Wh4, b4)[1] * dnc)
i, f, o, g = cache[:4]
# intermediate rows recomputed exactly as written (lines 272-275), compared with FD wrt gates / c / preact
do = np.tanh(nc) * dnh
dc_tot = dnc + o * (1 - np.tanh(nc) ** 2) * dnh
def Lgates(i_, f_, o_, g_): c = f_ * c0 + i_ * g_; return np.sum(o_ * np.tanh(c) * dnh) + np.sum(c * dnc)
oo = o.copy(); report(272, "do = tanh(c)*dnext_h", do, num_grad(lambda: Lgates(i, f, oo, g), oo))
cc = nc.copy(); report(273, "dnext_c += o(1-tanh^2)dh (total dL/dc)", dc_tot, num_grad(lambda: np.sum(o * np.tanh(cc) * dnh) + np.sum(cc * dnc), cc))
ii = i.copy(); ff = f.copy(); gg = g.copy(); pc = c0.copy()
di, df, dg, dpc = (g, c0, i, f) * dc_tot
report(274, "di", di, num_grad(lambda: Lgates(ii, f, o, g), ii)); report(274, "df", df, num_grad(lambda: Lgates(i, ff, o, g), ff))
report(274, "dg", dg, num_grad(lambda: Lgates(i, f, o, gg), gg))
report(274, "dprev_c (via c = f*prev_c + i*g)", dpc, num_grad(lambda: np.sum(o * np.tanh(f * pc + i * g) * dnh) + np.sum((f * pc + i * g) * dnc), pc))
A = x @ Wx4 + h0 @ Wh4 + b4
def Lpre(A_):
    i_, f_, o_, g_ = sigmoid(A_[:, :H]), sigmoid(A_[:, H:2*H]), sigmoid(A_[:, 2*H:3*H]), np.tanh(A_[:, 3*H:])
    return Lgates(i_, f_, o_, g_)
da = np.hstack([i*(1-i)*di, f*(1-f)*df, o*(1-o)*do, (1-g*g)*dg])
report(275, "da (dL/d preact, order i f o g)", da, num_grad(lambda: Lpre(A), A))
dx, dph, dpc_, dWx_, dWh_, db_ = lstm_step_backward(dnh, dnc.copy(), cache)
report(278, "lstm_step dx", dx, num_grad(L, x)); report(279, "lstm_step dWx", dWx_, num_grad(L, Wx4))
report(280, "lstm_step dprev_h", dph, num_grad(L, h0)); report(281, "lstm_step dWh", dWh_, num_grad(L, Wh4))
report(282, "lstm_step db", db_, num_grad(L, b4)); report(274, "lstm_step dprev_c (returned)", dpc_, num_grad(L, c0))
# ---- LSTM sequence
hs, caches = lstm_forward(X, h0, Wx4, Wh4, b4)
dX, dh0, dWx_, dWh_, db_ = lstm_backward(dH, caches)
L = lambda: np.sum(lstm_forward(X, h0, Wx4, Wh4, b4)[0] * dH)
report(362, "lstm_backward dx (BPTT h and c)", dX, num_grad(L, X))
report(366, "lstm_backward dh0", dh0, num_grad(L, h0))
report(365, "lstm_backward dWx (summed)", dWx_, num_grad(L, Wx4))
report(365, "lstm_backward dWh (summed)", dWh_, num_grad(L, Wh4))
report(365, "lstm_backward db (summed)", db_, num_grad(L, b4))
