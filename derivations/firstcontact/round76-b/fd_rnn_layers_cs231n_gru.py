"""FD check of rnn_layers_cs231n_gru.py (student cs231n rnn_layers with own LSTM and GRU).
The note's code is executed as written (only the unavailable 'from cs231n.layers import ...' line is
dropped; none of the kept functions uses those names). Loss for every check: L = sum(out * G) with a
fixed random G, so the upstream gradient is G."""
import numpy as np, os
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "rnn_layers_cs231n_gru.py")).read()
src = "\n".join(l for l in src.splitlines() if not l.startswith("from cs231n"))
ns = {}; exec(src, ns)
rng = np.random.RandomState(1)
N, T, D, H = 3, 4, 5, 4

def fd(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for ij in np.ndindex(A.shape):
        o = A[ij]; A[ij] = o + eps; p = f(); A[ij] = o - eps; m = f(); A[ij] = o
        g[ij] = (p - m) / (2 * eps)
    return g
def rep(name, a, b):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print("  %-34s %s  (rel err %.1e)" % (name, "AGREE" if err < 1e-6 else "DIFFER", err))

# helpers (lines 72, 75, 78)
z = rng.randn(7) * 3
print("helpers")
rep("line 72 sigmoid (68,69,71)", ns['sigmoid'](z.copy()), 1 / (1 + np.exp(-z)))
rep("line 75 de_sigmoid", ns['de_sigmoid'](z), np.array([(1/(1+np.exp(-(v+1e-6))) - 1/(1+np.exp(-(v-1e-6))))/2e-6 for v in z]))
rep("line 78 de_tanh", ns['de_tanh'](z), np.array([(np.tanh(v+1e-6)-np.tanh(v-1e-6))/2e-6 for v in z]))

# vanilla RNN step (lines 9, 16-21) and sequence (36, 56-61)
x = rng.randn(N, D); h = rng.randn(N, H); Wx = rng.randn(D, H)*.5; Wh = rng.randn(H, H)*.5; b = rng.randn(H)*.5
G = rng.randn(N, H)
out, cache = ns['rnn_step_forward'](x, h, Wx, Wh, b)
dx, dh, dWx, dWh, db = ns['rnn_step_backward'](G, cache)
f = lambda: np.sum(ns['rnn_step_forward'](x, h, Wx, Wh, b)[0] * G)
print("rnn_step_backward")
for nm, a, A in [("line 17 dx", dx, x), ("line 19 dprev_h", dh, h), ("line 18 dWx", dWx, Wx), ("line 20 dWh", dWh, Wh), ("line 21 dbh", db, b)]:
    rep(nm, a, fd(f, A))
xs = rng.randn(N, T, D); h0 = rng.randn(N, H); GS = rng.randn(N, T, H)
hs, caches = ns['rnn_forward'](xs, h0, Wx, Wh, b)
dxs, dh0, dWx, dWh, db = ns['rnn_backward'](GS, caches)
f = lambda: np.sum(ns['rnn_forward'](xs, h0, Wx, Wh, b)[0] * GS)
print("rnn_backward (BPTT, lines 56-61)")
for nm, a, A in [("dx", dxs, xs), ("line 61 dh0", dh0, h0), ("line 58 dWx", dWx, Wx), ("line 59 dWh", dWh, Wh), ("line 60 dbh", db, b)]:
    rep(nm, a, fd(f, A))

# LSTM step (82-90, 101-122) and sequence (157-163)
Wx4 = rng.randn(D, 4*H)*.5; Wh4 = rng.randn(H, 4*H)*.5; b4 = rng.randn(4*H)*.5; c = rng.randn(N, H)
Gh = rng.randn(N, H); Gc = rng.randn(N, H)
hn, cn, cache = ns['lstm_step_forward'](x, h, c, Wx4, Wh4, b4)
dx, dh, dc, dWx, dWh, db = ns['lstm_step_backward'](Gh, Gc, cache)
def f():
    a, bb, _ = ns['lstm_step_forward'](x, h, c, Wx4, Wh4, b4); return np.sum(a*Gh) + np.sum(bb*Gc)
print("lstm_step_backward (upstream dnext_h and dnext_c both nonzero)")
for nm, a, A in [("line 117 dx", dx, x), ("line 119 dprev_h", dh, h), ("line 122/107 dprev_c", dc, c),
                 ("line 118 dWx", dWx, Wx4), ("line 120 dWh", dWh, Wh4), ("line 121 dbh", db, b4)]:
    rep(nm, a, fd(f, A))
# gate-level intermediates: dL/d(gate pre-activation) equals db for one row; check Dtemp blocks via bias
h_seq, caches = ns['lstm_forward'](xs, h0, Wx4, Wh4, b4)
dxs, dh0, dWx, dWh, db = ns['lstm_backward'](GS, caches)
f = lambda: np.sum(ns['lstm_forward'](xs, h0, Wx4, Wh4, b4)[0] * GS)
print("lstm_backward (BPTT, lines 157-163)")
for nm, a, A in [("dx", dxs, xs), ("line 163 dh0", dh0, h0), ("line 160 dWx", dWx, Wx4), ("line 161 dWh", dWh, Wh4), ("line 162 dbh", db, b4)]:
    rep(nm, a, fd(f, A))
print("  (bias blocks of line 162 = per-gate Dtemp sums: i %s f %s o %s g %s)" % tuple(
    "ok" if np.allclose(db[k*H:(k+1)*H], fd(f, b4)[k*H:(k+1)*H], rtol=1e-5, atol=1e-8) else "BAD" for k in range(4)))

# GRU step (170-177, 188-226) and sequence (262-271)
Wx2 = rng.randn(D, 2*H)*.5; Wh2 = rng.randn(H, 2*H)*.5; b2 = rng.randn(2*H)*.5
Wxt = rng.randn(D, H)*.5; Wht = rng.randn(H, H)*.5; bt = rng.randn(H)*.5
out, cache = ns['gru_step_forward'](x, h, Wx2, Wh2, b2, Wxt, Wht, bt)
dx, dh, dWx, dWh, db, dWxt, dWht, dbt = ns['gru_step_backward'](G, cache)
f = lambda: np.sum(ns['gru_step_forward'](x, h, Wx2, Wh2, b2, Wxt, Wht, bt)[0] * G)
print("gru_step_backward")
for nm, a, A in [("line 221 dx", dx, x), ("line 222 dprev_h", dh, h), ("line 223/215 dWx", dWx, Wx2),
                 ("line 224/217 dWh", dWh, Wh2), ("line 219 dbh", db, b2), ("line 225/197 dWxt", dWxt, Wxt),
                 ("line 226/200 dWht", dWht, Wht), ("line 202 dbht", dbt, bt)]:
    rep(nm, a, fd(f, A))
# intermediates: the gate gradients, by perturbing the gates directly
xx, hp, _, _, _, _, _, _, r, u, th, tg, t1, t2 = cache
def f_gates(r_, u_):
    t2_ = (r_*hp).dot(Wht) + xx.dot(Wxt) + bt
    return np.sum(((1-u_)*hp + u_*np.tanh(t2_)) * G)
Dtemp2 = G*u*ns['de_tanh'](t2)
rep("line 190 Dupdate_gate", G*(-hp+th), fd(lambda: f_gates(r, uu), uu := u.copy()))
rep("line 198 Dreset_gate", Dtemp2.dot(Wht.T)*hp, fd(lambda: f_gates(rr, u), rr := r.copy()))
hs, caches = ns['gru_forward'](xs, h0, Wx2, Wh2, b2, Wxt, Wht, bt)
grads = ns['gru_backward'](GS, caches)
f = lambda: np.sum(ns['gru_forward'](xs, h0, Wx2, Wh2, b2, Wxt, Wht, bt)[0] * GS)
print("gru_backward (BPTT, lines 262-271)")
for nm, a, A in zip(["dx", "line 271 dh0", "line 265 dWx", "line 266 dWh", "line 267 dbh", "line 268 dWxt", "line 269 dWht", "line 270 dbht"],
                    grads, [xs, h0, Wx2, Wh2, b2, Wxt, Wht, bt]):
    rep(nm, a, fd(f, A))
