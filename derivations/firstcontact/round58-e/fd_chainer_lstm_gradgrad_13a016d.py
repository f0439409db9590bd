"""FD check of chainer F.lstm (13a016d): forward, LSTMGrad (first order) and lstm_grad_grad (second order)."""
import numpy as np

rng = np.random.default_rng(5813)
BC, B, H = 3, 2, 3          # c has BC rows, x only B rows (variable-length batch)
sig = lambda x: 1 / (1 + np.exp(-x))
e = 1e-6


def close(a, b, tol=1e-6):
    return np.allclose(a, b, rtol=tol, atol=tol * 0.1)


def gates(x):  # chainer _extract_gates layout: (B, H, 4) interleaved
    r = x.reshape((len(x), x.shape[1] // 4, 4))
    return [r[:, :, k] for k in range(4)]


def lstm_fwd(c_prev, x, dc=None):
    a, i, f, o = gates(x)
    c = c_prev.copy()
    c[:B] = np.tanh(a) * sig(i) + sig(f) * c_prev[:B]
    if dc is not None:
        c = c + dc
    h = sig(o) * np.tanh(c[:B])
    return c, h


def lstm_grad(c_prev, x, c_next, gc, gh):
    """reference LSTMGrad.forward (correct first-order VJP, c_next treated as given)."""
    a, i, f, o = gates(x)
    co = np.tanh(c_next[:B])
    temp = gh * sig(o) * (1 - co ** 2) + gc[:B]
    gx = np.zeros_like(x); ga, gi, gf, go = gates(gx)
    ga[:] = temp * sig(i) * (1 - np.tanh(a) ** 2)
    gi[:] = temp * np.tanh(a) * sig(i) * (1 - sig(i))
    gf[:] = temp * c_prev[:B] * sig(f) * (1 - sig(f))
    go[:] = gh * co * sig(o) * (1 - sig(o))
    gcp = gc.copy(); gcp[:B] = temp * sig(f)
    return gcp, gx


def num_grad(fun, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        arr[idx] += e; lp = fun()
        arr[idx] -= 2 * e; lm = fun()
        arr[idx] += e
        g[idx] = (lp - lm) / (2 * e)
    return g


c_prev = rng.normal(size=(BC, H)); x = rng.normal(size=(B, 4 * H))
Gc = rng.normal(size=(BC, H)); Gh = rng.normal(size=(B, H))
L = lambda dc=None: np.sum(Gc * lstm_fwd(c_prev, x, dc)[0]) + np.sum(Gh * lstm_fwd(c_prev, x, dc)[1])
c_true, h_true = lstm_fwd(c_prev, x)
gcp_true = num_grad(L, c_prev); gx_true = num_grad(L, x)
dcn = np.zeros((BC, H)); gcn_true = num_grad(lambda: L(dcn), dcn)   # total dL/dc_next
ga_t, gi_t, gf_t, go_t = gates(gx_true)
a, i, f, o = gates(x)
xs = rng.normal(size=(4, 5))
dsig = num_grad(lambda: 0, xs)  # placeholder, replaced below
sfd = lambda fn, v: (fn(v + e) - fn(v - e)) / (2 * e)
dsig = sfd(sig, xs); dtanh = sfd(np.tanh, xs)
d2sig = (sig(xs + 1e-4) - 2 * sig(xs) + sig(xs - 1e-4)) / 1e-8
d2tanh = (np.tanh(xs + 1e-4) - 2 * np.tanh(xs) + np.tanh(xs - 1e-4)) / 1e-8

R = {}
# helpers
R["return xp.tanh(x * half) * half + half"] = close(np.tanh(xs * .5) * .5 + .5, sig(xs))
s = sig(xs); t = np.tanh(xs)
R["return x * (1 - x)"] = close(s * (1 - s), dsig)
R["return x * (1 - x) * (1 - 2 * x)"] = close(s * (1 - s) * (1 - 2 * s), d2sig, 1e-5)
R["return 1 - x * x"] = close(1 - t * t, dtanh)
R["return -2 * x * gx"] = close(-2 * t * (1 - t * t), d2tanh, 1e-5)
R["return tanh(x * half) * half + half;"] = close(np.tanh(xs * .5) * .5 + .5, sig(xs))
R["template <typename T> __device__ T grad_sigmoid(T y) { return y * (1 - y); }"] = close(s * (1 - s), dsig)
R["template <typename T> __device__ T grad_tanh(T y) { return 1 - y * y; }"] = close(1 - t * t, dtanh)
for k in ["T aa = tanh(a); \\", "T ai = sigmoid(i_); \\", "T af = sigmoid(f); \\", "T ao = sigmoid(o);"]:
    R[k] = True   # activation definitions of the model
# forward (numpy)
for k in ["a = xp.tanh(a)", "i = _sigmoid(i, xp)", "f = _sigmoid(f, xp)", "o = _sigmoid(o, xp)"]:
    R[k] = True
R["c_next[:batch] = a * i + f * c_prev[:batch]"] = close(np.tanh(a) * sig(i) + sig(f) * c_prev[:B], c_true[:B])
R["h = o * xp.tanh(c_next[:batch])"] = close(sig(o) * np.tanh(c_true[:B]), h_true)
R["c = aa * ai + af * c_prev;"] = close(np.tanh(a) * sig(i) + sig(f) * c_prev[:B], c_true[:B])
R["h = ao * tanh(c);"] = close(sig(o) * np.tanh(c_true[:B]), h_true)
R["c_next[batch:] = c_prev[batch:]"] = close(c_prev[B:], c_true[B:])
# LSTMGrad numpy
tanh_a, sig_i, sig_f, sig_o = np.tanh(a), sig(i), sig(f), sig(o)
for k in ["tanh_a = xp.tanh(a)", "sig_i = _sigmoid(i, xp)", "sig_f = _sigmoid(f, xp)", "sig_o = _sigmoid(o, xp)"]:
    R[k] = True
co = np.tanh(c_true[:B])
R["co = xp.tanh(c_next[:batch])"] = True
gc_update = Gc[:B]; gh = Gh
R["gc_prev[:batch] = gh * sig_o * _grad_tanh(co) + gc_update"] = close(gh * sig_o * (1 - co * co) + gc_update, gcn_true[:B])
R["gc = gc_prev[:batch]"] = True   # alias of dL/dc_next[:batch]
gcT = gcn_true[:B]
R["ga[:] = gc * sig_i * _grad_tanh(tanh_a)"] = close(gcT * sig_i * (1 - tanh_a ** 2), ga_t)
R["gi[:] = gc * tanh_a * _grad_sigmoid(sig_i)"] = close(gcT * tanh_a * sig_i * (1 - sig_i), gi_t)
R["gf[:] = gc * c_prev[:batch] * _grad_sigmoid(sig_f)"] = close(gcT * c_prev[:B] * sig_f * (1 - sig_f), gf_t)
R["go[:] = gh * co * _grad_sigmoid(sig_o)"] = close(gh * co * sig_o * (1 - sig_o), go_t)
R["gc_prev[:batch] *= sig_f  # multiply f here"] = close(gcT * sig_f, gcp_true[:B])
R["gc_prev[batch:] = gc_rest"] = close(Gc[B:], gcp_true[B:])   # both occurrences (numpy and CUDA branch)
# CUDA LSTMGrad
R["T co = tanh(c);"] = True
R["T temp = gh * ao * grad_tanh(co) + gc;"] = close(gh * sig_o * (1 - co * co) + gc_update, gcT)
R["ga = temp * ai * grad_tanh(aa);"] = close(gcT * sig_i * (1 - tanh_a ** 2), ga_t)
R["gi = temp * aa * grad_sigmoid(ai);"] = close(gcT * tanh_a * sig_i * (1 - sig_i), gi_t)
R["gf = temp * c_prev * grad_sigmoid(af);"] = close(gcT * c_prev[:B] * sig_f * (1 - sig_f), gf_t)
R["go = gh * co * grad_sigmoid(ao);"] = close(gh * co * sig_o * (1 - sig_o), go_t)
R["gc_prev = temp * af;"] = close(gcT * sig_f, gcp_true[:B])

# ---- second order: S = <ggc_prev, gc_prev_out> + <ggx, gx_out> as function of (c_prev, x, c, gc, gh)
cN = c_true.copy(); gcI = Gc.copy(); ghI = Gh.copy(); cp = c_prev.copy(); xx = x.copy()
ggc_prev_full = rng.normal(size=(BC, H)); ggx = rng.normal(size=(B, 4 * H))
S = lambda: np.sum(ggc_prev_full * lstm_grad(cp, xx, cN, gcI, ghI)[0]) + np.sum(ggx * lstm_grad(cp, xx, cN, gcI, ghI)[1])
T_cp = num_grad(S, cp); T_x = num_grad(S, xx); T_c = num_grad(S, cN); T_gc = num_grad(S, gcI); T_gh = num_grad(S, ghI)
Ta, Ti, Tf, To = gates(T_x)
R["gc_prev[batch:] = 0"] = close(T_cp[B:], 0)
R["gc_next[batch:] = 0"] = close(T_c[B:], 0)
R["ggc[batch:] = ggc_prev[batch:]"] = close(ggc_prev_full[B:], T_gc[B:])
R["ggh[batch:] = 0"] = True   # gh has only `batch` rows: empty slice
gga, ggi, ggf, ggo = gates(ggx); ggc_prev = ggc_prev_full[:B]
c = c_true[:B]; gc = Gc[:B]
sig_o = sig(o); gsig_o = sig_o * (1 - sig_o); ggsig_o = gsig_o * (1 - 2 * sig_o)
sig_i = sig(i); gsig_i = sig_i * (1 - sig_i); ggsig_i = gsig_i * (1 - 2 * sig_i)
sig_f = sig(f); gsig_f = sig_f * (1 - sig_f); ggsig_f = gsig_f * (1 - 2 * sig_f)
tanh_a = np.tanh(a); gtanh_a = 1 - tanh_a ** 2; ggtanh_a = -2 * tanh_a * gtanh_a
tanh_c = np.tanh(c); gtanh_c = 1 - tanh_c ** 2; ggtanh_c = -2 * tanh_c * gtanh_c
R["ggtanh_c = _grad_grad_tanh(tanh_c, gtanh_c)"] = close(ggtanh_c, (np.tanh(c + 1e-4) - 2 * np.tanh(c) + np.tanh(c - 1e-4)) / 1e-8, 1e-5)
R["ggsig_o = _grad_grad_sigmoid(sig_o)"] = close(ggsig_o, (sig(o + 1e-4) - 2 * sig(o) + sig(o - 1e-4)) / 1e-8, 1e-5)
R["ggsig_i = _grad_grad_sigmoid(sig_i)"] = close(ggsig_i, (sig(i + 1e-4) - 2 * sig(i) + sig(i - 1e-4)) / 1e-8, 1e-5)
R["ggsig_f = _grad_grad_sigmoid(sig_f)"] = close(ggsig_f, (sig(f + 1e-4) - 2 * sig(f) + sig(f - 1e-4)) / 1e-8, 1e-5)
R["ggtanh_a = _grad_grad_tanh(tanh_a, gtanh_a)"] = close(ggtanh_a, (np.tanh(a + 1e-4) - 2 * np.tanh(a) + np.tanh(a - 1e-4)) / 1e-8, 1e-5)
R["gsig_o = _grad_sigmoid(sig_o)"] = close(gsig_o, sfd(sig, o))
R["gsig_i = _grad_sigmoid(sig_i)"] = close(gsig_i, sfd(sig, i))
R["gsig_f = _grad_sigmoid(sig_f)"] = close(gsig_f, sfd(sig, f))
R["gtanh_a = _grad_tanh(tanh_a)"] = close(gtanh_a, sfd(np.tanh, a))
R["gtanh_c = _grad_tanh(tanh_c)"] = close(gtanh_c, sfd(np.tanh, c))
for k in ["sig_o = _sigmoid(o, xp)", "sig_i = _sigmoid(i, xp)", "sig_f = _sigmoid(f, xp)",
          "tanh_a = xp.tanh(a)", "tanh_c = xp.tanh(c)"]:
    R[k] = True
gc_bar = gh * sig_o * gtanh_c + gc
R["gc_bar = gh * sig_o * gtanh_c + gc"] = close(gc_bar, gcT)
R["gc_prev[:] = ggf * gc_bar * gsig_f"] = close(ggf * gc_bar * gsig_f, T_cp[:B])
R["ga[:] = (gga * sig_i * ggtanh_a + ggi * gtanh_a * gsig_i) * gc_bar"] = close((gga * sig_i * ggtanh_a + ggi * gtanh_a * gsig_i) * gc_bar, Ta)
R["gi[:] = (gga * gtanh_a * gsig_i + ggi * tanh_a * ggsig_i) * gc_bar"] = close((gga * gtanh_a * gsig_i + ggi * tanh_a * ggsig_i) * gc_bar, Ti)
R["gf[:] = (ggc_prev * (gh * sig_o * gtanh_c + gc) * gsig_f +"] = close(ggc_prev * (gh * sig_o * gtanh_c + gc) * gsig_f + ggf * gc_bar * c_prev[:B] * ggsig_f, Tf)
ggc = (ggc_prev * sig_f + gga * sig_i * gtanh_a + ggi * tanh_a * gsig_i + ggf * c_prev[:B] * gsig_f)
R["ggc[:] = (ggc_prev * sig_f +"] = close(ggc, T_gc[:B])
dgc_do = gh * gsig_o * gtanh_c
tmpf = lambda oo: gh * sig(oo) * (1 - np.tanh(c) ** 2) + gc
R["dgc_do = gh * gsig_o * gtanh_c"] = close(dgc_do, sfd(tmpf, o))
R["go[:] = ggc * dgc_do + ggo * gh * tanh_c * ggsig_o"] = close(ggc * dgc_do + ggo * gh * tanh_c * ggsig_o, To)
dgc_dc = gh * sig_o * ggtanh_c
R["dgc_dc = gh * sig_o * ggtanh_c"] = close(dgc_dc, sfd(lambda cc: gh * sig_o * (1 - np.tanh(cc) ** 2) + gc, c))
R["gc_next[:] = ggc * dgc_dc + ggo * gh * gtanh_c * gsig_o"] = close(ggc * dgc_dc + ggo * gh * gtanh_c * gsig_o, T_c[:B])
R["ggh[:] = ggc * sig_o * gtanh_c + ggo * tanh_c * gsig_o"] = close(ggc * sig_o * gtanh_c + ggo * tanh_c * gsig_o, T_gh)
# docstring math
R["c &= \\\\tanh(a) \\\\sigma(i)"] = close(np.tanh(a) * sig(i) + c_prev[:B] * sig(f), c_true[:B])
R["h &= \\\\tanh(c) \\\\sigma(o),"] = close(np.tanh(c_true[:B]) * sig(o), h_true)

FAIL = set()
MULTI = {"gc_prev[batch:] = gc_rest": 2, "tanh_a = xp.tanh(a)": 2, "sig_i = _sigmoid(i, xp)": 2,
         "sig_f = _sigmoid(f, xp)": 2, "sig_o = _sigmoid(o, xp)": 2}

if __name__ == "__main__":
    lines = [l.strip() for l in open(__file__.replace("fd_", "").replace(".py", ".md"))]
    for k, ok in R.items():
        assert lines.count(k) == MULTI.get(k, 1), ("not unique / missing in note", k, lines.count(k))
        assert ok == (k not in FAIL), ("verdict mismatch", k, ok)
    print(len(R), "keys checked;", sum(R.values()), "pass,", len(R) - sum(R.values()), "fail")
