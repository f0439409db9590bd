#!/usr/bin/env python3
"""Finite-difference check of gru_tf_GRUBlockCellGrad.md (TF GRUBlockCellGrad op doc).
numpy only, float64, central differences. Batch-major row layout as in the TF kernel:
x:(B,D), h_prev:(B,H), w_ru:(D+H,2H), w_c:(D+H,H), b_ru:(2H,), b_c:(H,).
Objective L = sum(G * h) so that d_h = G. Exits 0 iff every checked line agrees with expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = "gru_tf_GRUBlockCellGrad.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[MD]
rng = np.random.default_rng(52)
B, D, H = 2, 3, 4
x = rng.normal(size=(B, D)); h_prev = rng.normal(size=(B, H))
w_ru = rng.normal(size=(D + H, 2 * H)) * 0.5; w_c = rng.normal(size=(D + H, H)) * 0.5
b_ru = rng.normal(size=2 * H) * 0.3; b_c = rng.normal(size=H) * 0.3
G = rng.normal(size=(B, H))
sig = lambda a: 1 / (1 + np.exp(-a))


def forward(x=x, h_prev=h_prev, w_ru=w_ru, w_c=w_c, b_ru=b_ru, b_c=b_c,
            x_for_ru=None, x_for_c=None, h_for_ru=None, h_for_r=None, h_for_mix=None,
            e_rbar=0.0, e_ubar=0.0, e_cbar=0.0, e_hprevr=0.0):
    """Doc forward (lines 5-19). Separate copies of x / h_prev per use let us isolate
    the gradient components the doc names; e_* are additive probes on intermediates."""
    xr = x if x_for_ru is None else x_for_ru
    xc = x if x_for_c is None else x_for_c
    hr = h_prev if h_for_ru is None else h_for_ru
    hR = h_prev if h_for_r is None else h_for_r
    hm = h_prev if h_for_mix is None else h_for_mix
    x_h_prev = np.concatenate([xr, hr], axis=1)                 # line 5
    ru_bar = x_h_prev @ w_ru + b_ru                               # line 7
    r_bar = ru_bar[:, :H] + e_rbar; u_bar = ru_bar[:, H:] + e_ubar
    r = sig(r_bar); u = sig(u_bar)                                # lines 9-10
    h_prevr = hR * r + e_hprevr                                   # line 12
    x_h_prevr = np.concatenate([xc, h_prevr], axis=1)             # line 14
    c_bar = x_h_prevr @ w_c + b_c + e_cbar                        # line 16
    c = np.tanh(c_bar)                                            # line 17
    h = (1 - u) * c + u * hm                                      # line 19
    return dict(x_h_prev=x_h_prev, r=r, u=u, h_prevr=h_prevr, x_h_prevr=x_h_prevr, c=c, h=h)


def L(**kw):
    return float(np.sum(G * forward(**kw)["h"]))


def fd(name, base, eps=1e-6):
    g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        p = base.copy(); p[idx] += eps; m = base.copy(); m[idx] -= eps
        g[idx] = (L(**{name: p}) - L(**{name: m})) / (2 * eps)
    return g


F = forward()
r, u, c, h = F["r"], F["u"], F["c"], F["h"]
d_h = G
zBH = np.zeros((B, H))
# numeric ground truth
N = {
    "d_x": fd("x", x), "d_h_prev": fd("h_prev", h_prev),
    "d_x_c1": fd("x_for_ru", x), "d_x_c2": fd("x_for_c", x),
    "d_h_c1": fd("h_for_ru", h_prev), "d_h_via_r": fd("h_for_r", h_prev), "d_h_mix": fd("h_for_mix", h_prev),
    "d_r_bar": fd("e_rbar", zBH), "d_u_bar": fd("e_ubar", zBH), "d_c_bar": fd("e_cbar", zBH),
    "d_h_prevr": fd("e_hprevr", zBH),
    "d_w_ru": fd("w_ru", w_ru), "d_w_c": fd("w_c", w_c), "d_b_ru": fd("b_ru", b_ru), "d_b_c": fd("b_c", b_c),
}
# forward-consistency: the doc forward must reproduce a direct GRU step
w_r_x, w_u_x = w_ru[:D, :H], w_ru[:D, H:]
w_r_h_prev, w_u_h_prev = w_ru[D:, :H], w_ru[D:, H:]
w_c_x, w_c_h_prevr = w_c[:D], w_c[D:]

# true intermediates (from FD) used as the doc's symbols when a line consumes them
d_r_bar, d_u_bar, d_c_bar, d_h_prevr = N["d_r_bar"], N["d_u_bar"], N["d_c_bar"], N["d_h_prevr"]
d_r_bar_u_bar = np.concatenate([d_r_bar, d_u_bar], axis=1)
d_x_component_1, d_x_component_2 = N["d_x_c1"], N["d_x_c2"]
d_h_prev_component_1 = N["d_h_c1"]

close = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)
checks = {}  # line -> (ok: bool|None, note)


def chk(line, formula_value, truth, note=""):
    try:
        ok = close(np.asarray(formula_value), np.asarray(truth))
    except Exception as e:  # ill-typed
        ok = False; note += f" [shape error: {e}]"
    checks[line] = (ok, note)


# forward definitions: check that the doc forward equals an independently written GRU step
def gru_ref():
    zr = x @ w_r_x + h_prev @ w_r_h_prev + b_ru[:H]
    zu = x @ w_u_x + h_prev @ w_u_h_prev + b_ru[H:]
    rr, uu = sig(zr), sig(zu)
    cc = np.tanh(x @ w_c_x + (rr * h_prev) @ w_c_h_prevr + b_c)
    return uu * h_prev + (1 - uu) * cc   # kernel comment: h = u*h_prev + (1-u)*c
for ln in (5, 7, 9, 10, 12, 14, 16, 17, 19):
    checks[ln] = (close(F["h"], gru_ref()), "definition; doc forward reproduces kernel GRU step")
for ln in (54, 59, 63, 64):
    checks[ln] = (True, "naming/segmentation only; nothing computed (not numerically checkable)")

chk(68, d_x_component_1 + d_x_component_2, N["d_x"])
chk(70, d_r_bar @ w_r_x.T + d_u_bar @ w_r_x.T, N["d_x_c1"], "doc uses w_r_x twice")
chk(71, d_c_bar @ w_c_x.T, N["d_x_c2"])
chk(73, d_h_prev_component_1 + d_h_prevr * r + d_h * u, N["d_h_prev"])
chk(74, d_r_bar @ w_r_h_prev.T + d_u_bar @ w_r_h_prev.T, N["d_h_c1"], "doc uses w_r_h_prev twice")
chk(79, d_h * (1 - u) * (1 - c * c), N["d_c_bar"])
chk(80, d_h * (h - c) * u * (1 - u), N["d_u_bar"], "h = new state per forward line 19")
chk(82, np.concatenate([d_r_bar, d_u_bar], axis=1), np.concatenate([N["d_r_bar"], N["d_u_bar"]], axis=1), "concatenation definition")
lhs84 = d_r_bar_u_bar @ w_ru.T
chk(84, lhs84, np.concatenate([N["d_x_c1"], N["d_h_c1"]], axis=1))
lhs86 = d_c_bar @ w_c.T
chk(86, lhs86, np.concatenate([N["d_x_c2"], N["d_h_prevr"]], axis=1))
chk(88, d_x_component_1 + d_x_component_2, N["d_x"])
chk(90, d_h_prev_component_1 + d_h_prevr * r + u, N["d_h_prev"], "'+ u' lacks d_h")
chk(95, F["x_h_prevr"].T @ d_c_bar, N["d_w_ru"], "this is d_w_c")
chk(97, F["x_h_prev"].T @ d_r_bar_u_bar, N["d_w_c"], "this is d_w_ru")
chk(99, d_r_bar_u_bar.sum(axis=0), N["d_b_ru"])
chk(101, d_c_bar.sum(axis=0), N["d_b_c"])
# sanity: the corrected forms agree with FD (shows the fails are the doc's, not the harness's)
assert close(d_r_bar @ w_r_x.T + d_u_bar @ w_u_x.T, N["d_x_c1"])
assert close(d_r_bar @ w_r_h_prev.T + d_u_bar @ w_u_h_prev.T, N["d_h_c1"])
assert close(d_h * (h_prev - c) * u * (1 - u), N["d_u_bar"])
assert close(d_h_prevr * h_prev * r * (1 - r), N["d_r_bar"])
assert close(F["x_h_prev"].T @ d_r_bar_u_bar, N["d_w_ru"])
assert close(F["x_h_prevr"].T @ d_c_bar, N["d_w_c"])

bad = 0
for ln in sorted(set(map(int, EXP)) | set(checks)):
    exp = EXP.get(str(ln), {}).get("expected", "MISSING")
    if ln not in checks:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    ok, note = checks[ln]
    num = "pass" if ok else "fail"
    flag = "" if num == exp else "   <-- MISMATCH"
    bad += num != exp
    print(f"line {ln}: expected {exp}, numeric {num}  {note}{flag}")
print("ALL AGREE" if not bad else f"{bad} DISAGREEMENTS")
sys.exit(1 if bad else 0)
