"""Finite-difference check of calciferzh_cs231n_rnn_layers_2bc2da5.md (numpy only, float64).
Each annotated line is re-implemented exactly as the author wrote it and compared with a
central-difference gradient of the loss L = sum(upstream * outputs) (CS231n row layout:
x (N,D), h (N,H), Wx (D,H) or (D,4H), Wh (H,H) or (H,4H), gate order i,f,o,g)."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "calciferzh_cs231n_rnn_layers_2bc2da5.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(7)
N, D, H, T = 3, 4, 5, 4
EPS = 1e-6

def num(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]
        arr[idx] = o + EPS; a = f()
        arr[idx] = o - EPS; b = f()
        arr[idx] = o
        g[idx] = (a - b) / (2 * EPS)
    return g

def close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)

results = {}
def rec(line, ok):
    results.setdefault(line, []).append(bool(ok))

sig = lambda v: 1.0 / (1.0 + np.exp(-v))

# ---------------- rnn_step_forward / rnn_step_backward (lines 29-65) ----------------
x = rng.standard_normal((N, D)); prev_h = rng.standard_normal((N, H))
Wx = rng.standard_normal((D, H)) * 0.5; Wh = rng.standard_normal((H, H)) * 0.5; b = rng.standard_normal(H)
dnext_h = rng.standard_normal((N, H))
a = np.dot(prev_h, Wh) + np.dot(x, Wx) + b                      # line 29
rec(29, close(a, x @ Wx + prev_h @ Wh + b))
next_h = np.tanh(a)                                              # line 30
rec(30, close(next_h, np.tanh(x @ Wx + prev_h @ Wh + b)))
L = lambda: float(np.sum(dnext_h * np.tanh(x @ Wx + prev_h @ Wh + b)))
da = dnext_h * (1 - np.square(next_h))                           # line 60
aa = a.copy(); rec(60, close(da, num(lambda: float(np.sum(dnext_h * np.tanh(aa))), aa)))
rec(61, close(np.dot(da, Wx.T), num(L, x)))                      # dx
rec(62, close(np.dot(da, Wh.T), num(L, prev_h)))                 # dprev_h
rec(63, close(np.dot(x.T, da), num(L, Wx)))                      # dWx
rec(64, close(np.dot(prev_h.T, da), num(L, Wh)))                 # dWh
rec(65, close(np.sum(da, axis=0), num(L, b)))                    # db

# ---------------- rnn_forward / rnn_backward (lines 99-156) ----------------
X = rng.standard_normal((N, T, D)); h0 = rng.standard_normal((N, H)); dH = rng.standard_normal((N, T, H))
def ref_forward(X, h0, Wx, Wh, b, start=0, hstart=None):
    hs = np.zeros((N, T, H)); p = h0
    for t in range(T):
        if t < start: continue
        p = np.tanh(X[:, t] @ Wx + p @ Wh + b) if not (t == start and hstart is not None) else hstart
        hs[:, t] = p
    return hs
Href = ref_forward(X, h0, Wx, Wh, b)
# author's forward loop (lines 99-103)
h = np.zeros((N, T, H)); ph = h0
for t in range(T):
    nh = np.tanh(np.dot(ph, Wh) + np.dot(X[:, t, :], Wx) + b)    # line 101 (rnn_step_forward)
    ph = nh                                                      # line 102
    h[:, t, :] = ph                                              # line 103
rec(99, True)  # prev_h = h0 : the recurrence starts from h0 (checked through h below)
rec(101, close(h, Href)); rec(102, close(h, Href)); rec(103, close(h, Href))
Ltot = lambda: float(np.sum(dH * ref_forward(X, h0, Wx, Wh, b)))
def grad_wrt_h(t):
    """total dL/dh_t (h_t treated as free variable; loss terms s>=t)."""
    ht = Href[:, t].copy()
    def f():
        p = ht; s = float(np.sum(dH[:, t] * p))
        for u in range(t + 1, T):
            p = np.tanh(X[:, u] @ Wx + p @ Wh + b); s += float(np.sum(dH[:, u] * p))
        return s
    return num(f, ht)
def step_bw(dn, c):
    xx, ph_, Wh_, Wx_, b_, nh_ = c
    da_ = dn * (1 - np.square(nh_))
    return np.dot(da_, Wx_.T), np.dot(da_, Wh_.T), np.dot(xx.T, da_), np.dot(ph_.T, da_), np.sum(da_, axis=0)
next_h_ = h[:, -1, :]                                            # line 136
rec(136, close(next_h_, Href[:, T - 1]))
dprev = np.zeros((N, H))                                         # line 138
rec(138, True)   # zero: no loss term after the last step
dxA = np.zeros((N, T, D)); rec(139, dxA.shape == X.shape)        # line 139
dh0A = np.zeros((N, H)); rec(140, dh0A.shape == h0.shape)        # line 140 (overwritten at 156)
dWxA = np.zeros((D, H)); dWhA = np.zeros((H, H)); dbA = np.zeros((H))   # lines 141-143
rec(141, True); rec(142, True); rec(143, True)
for t in reversed(range(T)):
    if t == 0:
        ph_ = h0                                                 # line 147
        rec(147, close(ph_, h0))
    else:
        ph_ = h[:, t - 1, :]                                     # line 149
        rec(149, close(ph_, Href[:, t - 1]))
    step_cache = (X[:, t, :], ph_, Wh, Wx, b, next_h_)           # line 150
    rec(150, close(step_cache[5], Href[:, t]) and close(step_cache[1], h0 if t == 0 else Href[:, t - 1]))
    next_h_ = ph_                                                # line 151
    rec(151, close(next_h_, h0 if t == 0 else Href[:, t - 1]))
    dn = dH[:, t, :] + dprev                                     # line 152
    rec(152, close(dn, grad_wrt_h(t)))
    dxt, dprev, dWxt, dWht, dbt = step_bw(dn, step_cache)        # line 153
    dxA[:, t, :] = dxt
    if t > 0:
        rec(153, close(dprev + dH[:, t - 1, :], grad_wrt_h(t - 1)))
    dWxA, dWhA, dbA = dWxA + dWxt, dWhA + dWht, dbA + dbt        # line 154
rec(153, close(dxA, num(Ltot, X)))
rec(154, close(dWxA, num(Ltot, Wx)) and close(dWhA, num(Ltot, Wh)) and close(dbA, num(Ltot, b)))
dh0A = dprev                                                     # line 156
rec(156, close(dh0A, num(Ltot, h0)))

# ---------------- sigmoid (lines 170-174) ----------------
v = rng.standard_normal(50) * 4
pos = (v >= 0); neg = (v < 0)
z = np.zeros_like(v); z[pos] = np.exp(-v[pos])                  # line 170
rec(170, close(z[pos], np.exp(-np.abs(v))[pos]))
z[neg] = np.exp(v[neg])                                          # line 171
rec(171, close(z, np.exp(-np.abs(v))))
top = np.ones_like(v); top[neg] = z[neg]                         # line 173
rec(173, close(top / (1 + z), sig(v)))
rec(174, close(top / (1 + z), sig(v)))                           # line 174

# ---------------- lstm_step_forward / lstm_step_backward (lines 204-264) ----------------
Wx4 = rng.standard_normal((D, 4 * H)) * 0.5; Wh4 = rng.standard_normal((H, 4 * H)) * 0.5; b4 = rng.standard_normal(4 * H)
prev_c = rng.standard_normal((N, H)); dnext_c = rng.standard_normal((N, H))
def lstm_ref(x, ph, pc, Wx, Wh, b):
    A = x @ Wx + ph @ Wh + b
    i_, f_, o_, g_ = sig(A[:, :H]), sig(A[:, H:2*H]), sig(A[:, 2*H:3*H]), np.tanh(A[:, 3*H:])
    c_ = f_ * pc + i_ * g_
    return o_ * np.tanh(c_), c_, (A, i_, f_, o_, g_)
nh_ref, nc_ref, (Aref, iR, fR, oR, gR) = lstm_ref(x, prev_h, prev_c, Wx4, Wh4, b4)
a4 = np.dot(x, Wx4) + np.dot(prev_h, Wh4) + b4                   # line 204
rec(204, close(a4, Aref))
ai, af, ao, ag = a4[:, :H], a4[:, H:2*H], a4[:, 2*H:3*H], a4[:, 3*H:]   # lines 205-208
for ln in (205, 206, 207, 208): rec(ln, close(np.concatenate((ai, af, ao, ag), 1), Aref))
i, f, o, g = sig(ai), sig(af), sig(ao), np.tanh(ag)             # lines 209-212
rec(209, close(i, iR)); rec(210, close(f, fR)); rec(211, close(o, oR)); rec(212, close(g, gR))
next_c = f * prev_c + i * g                                      # line 213
rec(213, close(next_c, nc_ref))
tanh_next_c = np.tanh(next_c)                                    # line 214
rec(214, close(tanh_next_c, np.tanh(nc_ref)))
nh = o * tanh_next_c                                             # line 215
rec(215, close(nh, nh_ref))
def Lstep():
    nh_, nc_, _ = lstm_ref(x, prev_h, prev_c, Wx4, Wh4, b4)
    return float(np.sum(dnext_h * nh_) + np.sum(dnext_c * nc_))
# backward lines exactly as written
d = dnext_c + dnext_h * o * (1 - np.square(tanh_next_c))         # line 248
cc = next_c.copy(); rec(248, close(d, num(lambda: float(np.sum(dnext_h * o * np.tanh(cc)) + np.sum(dnext_c * cc)), cc)))
dprev_c = dnext_c * f                                            # line 249
rec(249, close(dprev_c, num(Lstep, prev_c)))
def Lgates(ii, ff, oo, gg):
    c_ = ff * prev_c + ii * gg
    return float(np.sum(dnext_h * oo * np.tanh(c_)) + np.sum(dnext_c * c_))
I, F, O, G = i.copy(), f.copy(), o.copy(), g.copy()
df = d * prev_c; di = d * g; dg = d * i; do = dnext_h * tanh_next_c     # lines 250-253
rec(250, close(df, num(lambda: Lgates(I, F, O, G), F)))
rec(251, close(di, num(lambda: Lgates(I, F, O, G), I)))
rec(252, close(dg, num(lambda: Lgates(I, F, O, G), G)))
rec(253, close(do, num(lambda: Lgates(I, F, O, G), O)))
dai = di * i * (1 - i); daf = df * f * (1 - f); dao = do * o * (1 - o); dag = dg * (1- np.square(g))   # 255-258
AA = a4.copy()
def Lpre():
    return Lgates(sig(AA[:, :H]), sig(AA[:, H:2*H]), sig(AA[:, 2*H:3*H]), np.tanh(AA[:, 3*H:]))
nA = num(Lpre, AA)
rec(255, close(dai, nA[:, :H])); rec(256, close(daf, nA[:, H:2*H]))
rec(257, close(dao, nA[:, 2*H:3*H])); rec(258, close(dag, nA[:, 3*H:]))
da4 = np.concatenate((dai, daf, dao, dag), axis=1)               # line 259
rec(259, close(da4, nA))
rec(260, close(np.dot(da4, Wx4.T), num(Lstep, x)))               # dx
rec(261, close(np.dot(x.T, da4), num(Lstep, Wx4)))               # dWx
rec(262, close(np.dot(da4, Wh4.T), num(Lstep, prev_h)))          # dprev_h
rec(263, close(np.dot(prev_h.T, da4), num(Lstep, Wh4)))          # dWh
rec(264, close(np.sum(da4, axis=0), num(Lstep, b4)))             # db

# ---------------- compare with expected.json ----------------
bad = 0
for ln in sorted(set(int(k) for k in EXP) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    if ln not in results:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    got = "pass" if all(results[ln]) else "fail"
    print(f"line {ln}: expected {exp}, numeric {got}")
    if exp != got: bad += 1
sys.exit(1 if bad else 0)
