"""FD check of TensorFlow lstm_ops.cc LSTMBlockCell Fprop/Bprop (numpy only, float64)."""
import numpy as np

rng = np.random.default_rng(59)
B, I, H = 3, 4, 5
sig = lambda z: 1.0 / (1.0 + np.exp(-z))


def num_grad(fn, x, eps=1e-6):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        k = it.multi_index
        old = x[k]
        x[k] = old + eps; fp = fn()
        x[k] = old - eps; fm = fn()
        x[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g


def close(a, b, tol=1e-6):
    return np.allclose(a, b, rtol=tol, atol=tol)


# parameters, ICFO layout: gates columns [i | ci | f | o]
x = rng.normal(size=(B, I)); h_prev = rng.normal(size=(B, H)); cs_prev = rng.normal(size=(B, H))
w = rng.normal(size=(I + H, 4 * H)) * 0.5; b = rng.normal(size=4 * H) * 0.3
wci = rng.normal(size=H); wcf = rng.normal(size=H); wco = rng.normal(size=H)
forget_bias = 1.0
Gh = rng.normal(size=(B, H)); Gc = rng.normal(size=(B, H))   # h_grad, cs_grad
sl = {"i": slice(0, H), "c": slice(H, 2 * H), "f": slice(2 * H, 3 * H), "o": slice(3 * H, 4 * H)}
pert = {"gates": np.zeros((B, 4 * H)), "cs": np.zeros((B, H))}


def fprop(peep, cell_clip=-1.0):
    # transcription of rows 26-94
    xh = np.concatenate([x, h_prev], axis=1)                 # 26, 27
    gates = xh @ w                                           # 29, 31
    gates = gates + b[None, :]                               # 36
    gates = gates + pert["gates"]
    if peep:
        i = sig(gates[:, sl["i"]] + cs_prev * wci)            # 44
    else:
        i = sig(gates[:, sl["i"]])                           # 48
    ci = np.tanh(gates[:, sl["c"]])                          # 53
    if peep:
        f = sig(gates[:, sl["f"]] + forget_bias + cs_prev * wcf)  # 60
    else:
        f = sig(gates[:, sl["f"]] + forget_bias)             # 65
    cs = i * ci + f * cs_prev                                # 71, 72
    if cell_clip > 0:
        cs = np.clip(cs, -cell_clip, cell_clip)              # 75
    cs = cs + pert["cs"]
    co = np.tanh(cs)                                         # 79, 80
    if peep:
        o = sig(gates[:, sl["o"]] + cs * wco)                # 85
    else:
        o = sig(gates[:, sl["o"]])                           # 89
    h = o * co                                               # 93, 94
    return dict(i=i, ci=ci, f=f, o=o, cs=cs, co=co, h=h, gates=gates)


def reference_forward(peep):
    # independent model: peephole LSTM of Gers et al. with TF's conventions (o peeks at new cell)
    z = np.concatenate([x, h_prev], 1) @ w + b
    zi, zc, zf, zo = z[:, :H], z[:, H:2*H], z[:, 2*H:3*H], z[:, 3*H:]
    pi = cs_prev * wci if peep else 0; pf = cs_prev * wcf if peep else 0
    ig = sig(zi + pi); fg = sig(zf + forget_bias + pf); g = np.tanh(zc)
    c = fg * cs_prev + ig * g
    og = sig(zo + (c * wco if peep else 0))
    return og * np.tanh(c), c


def loss(peep):
    out = fprop(peep)
    return np.sum(Gh * out["h"]) + np.sum(Gc * out["cs"])


def bprop(peep):
    s = fprop(peep)
    i, ci, f, o, cs, co = s["i"], s["ci"], s["f"], s["o"], s["cs"], s["co"]
    r = {}
    r[116] = do_ = o * (1 - o) * Gh * co
    r[119] = dcs = (1 - co * co) * Gh * o + Gc
    if peep:
        r[124] = dcs = dcs + do_ * wco[None, :]
    r[129] = dci = (1 - ci * ci) * dcs * i
    r[132] = df = f * (1 - f) * dcs * cs_prev
    r[135] = di = i * (1 - i) * dcs * ci
    dgates = np.zeros((B, 4 * H))
    dgates[:, sl["i"]] = di; dgates[:, sl["c"]] = dci; dgates[:, sl["f"]] = df; dgates[:, sl["o"]] = do_
    r["dgates"] = dgates
    r[144] = cs_prev_grad = dcs * f
    if peep:
        r[146] = cs_prev_grad = cs_prev_grad + di * wci[None, :] + df * wcf[None, :]
        r[149] = (di * cs_prev).sum(0)
        r[150] = (df * cs_prev).sum(0)
        r[151] = (do_ * cs).sum(0)
    return r


verdict = {}
for peep in (False, True):
    # forward rows vs reference model
    s = fprop(peep); hr, cr = reference_forward(peep)
    fwd_ok = close(s["h"], hr, 1e-12) and close(s["cs"], cr, 1e-12)
    for ln in ([26, 27, 29, 31, 36, 53, 71, 72, 79, 80, 93, 94] + ([44, 60, 85] if peep else [48, 65, 89])):
        verdict[ln] = verdict.get(ln, True) and fwd_ok
    r = bprop(peep)
    L = lambda: loss(peep)
    g_gates = num_grad(L, pert["gates"])
    g_cs = num_grad(L, pert["cs"])
    g_csprev = num_grad(L, cs_prev)
    ok = lambda a, bb: close(a, bb, 1e-6)
    verdict[116] = verdict.get(116, True) and ok(r[116], g_gates[:, sl["o"]])
    verdict[115] = verdict[116]
    if not peep:
        verdict[119] = ok(r[119], g_cs); verdict[118] = verdict[119]
        verdict[144] = ok(r[144], g_csprev)
    else:
        verdict[124] = ok(r[124], g_cs)
        verdict[146] = ok(r[146], g_csprev)
        verdict[149] = ok(r[149], num_grad(L, wci))
        verdict[150] = ok(r[150], num_grad(L, wcf))
        verdict[151] = ok(r[151], num_grad(L, wco))
    for ln, key in ((129, "c"), (132, "f"), (135, "i")):
        verdict[ln] = verdict.get(ln, True) and ok(r[ln], g_gates[:, sl[key]])
        verdict[ln - 1] = verdict[ln]
    for ln, key in ((137, "i"), (138, "c"), (140, "f"), (142, "o")):
        verdict[ln] = verdict.get(ln, True) and ok(r["dgates"][:, sl[key]], g_gates[:, sl[key]])

# cell_clip forward row 75: clip is applied elementwise to [-clip, clip]
s = fprop(False, cell_clip=0.3)
verdict[75] = np.all(np.abs(s["cs"]) <= 0.3 + 1e-15)

expected = {ln: True for ln in verdict}   # every annotated row expected to pass
bad = [ln for ln in sorted(verdict) if verdict[ln] != expected[ln]]
for ln in sorted(verdict):
    print(ln, "pass" if verdict[ln] else "FAIL")
assert not bad, bad
print("all verdicts confirmed")
