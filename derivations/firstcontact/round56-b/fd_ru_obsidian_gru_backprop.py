"""Finite-difference check of ru_obsidian_gru_backprop.md (numpy only, float64).

Row layout as in the note: [x_t, h_{t-1}] is a (B, in+H) row block, W_* is (in+H, H).
One GRU step with an arbitrary upstream gradient delta_h = dL/dh_t (L = sum(G * h_t)).
sigma'(z_t) / tanh'(h^_t) are read as the derivatives expressed through the gate outputs
(z(1-z), 1-h^2), i.e. delta_* are pre-activation gradients.
Exit 0 iff every checked line agrees with expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "ru_obsidian_gru_backprop.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(7)
B, IN, H = 2, 2, 3          # "in" = input length (in != H so slices are unambiguous)
x = rng.standard_normal((B, IN)); hp = rng.standard_normal((B, H)) * 0.8
W = {k: rng.standard_normal((IN + H, H)) * 0.6 for k in "zrh"}
b = {k: rng.standard_normal(H) * 0.2 for k in "zrh"}
G = rng.standard_normal((B, H))
sig = lambda a: 1 / (1 + np.exp(-a))

def fwd(x=x, hp=hp, W=W, b=b, pz=0, pr=0, ph=0):
    xh = np.concatenate([x, hp], 1)
    az = xh @ W["z"] + b["z"] + pz; z = sig(az)
    ar = xh @ W["r"] + b["r"] + pr; r = sig(ar)
    ah = np.concatenate([x, r * hp], 1) @ W["h"] + b["h"] + ph; hh = np.tanh(ah)
    h = (1 - z) * hp + z * hh
    return np.sum(G * h), dict(z=z, r=r, hh=hh, h=h)

L0, c = fwd(); z, r, hh = c["z"], c["r"], c["hh"]
eps = 1e-6
def num(f, shape):
    out = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = eps
        out[i] = (f(d) - f(-d)) / (2 * eps)
    return out
fd_az = num(lambda d: fwd(pz=d)[0], (B, H))
fd_ar = num(lambda d: fwd(pr=d)[0], (B, H))
fd_ah = num(lambda d: fwd(ph=d)[0], (B, H))
def fdW(k):
    return num(lambda d: fwd(W={**W, k: W[k] + d})[0], W[k].shape)
def fdb(k):
    return num(lambda d: fwd(b={**b, k: b[k] + d})[0], b[k].shape)
fd_hp = num(lambda d: fwd(hp=hp + d)[0], (B, H))
fd_x = num(lambda d: fwd(x=x + d)[0], (B, IN))
close = lambda a, bb: np.shape(a) == np.shape(bb) and np.allclose(a, bb, rtol=1e-6, atol=1e-8)

dh = G                                  # delta_{h_t}
res = {}
# forward definitions (lines 10, 12, 14, 16) are the function fwd itself
for ln in ["10", "12", "14", "16"]:
    res[ln] = ("pass", "definition")
dz = dh * (hh - hp) * z * (1 - z)                                   # line 21
res["21"] = ("pass" if close(dz, fd_az) else "fail", "")
dhh = dh * z * (1 - hh ** 2)                                          # line 23
res["23"] = ("pass" if close(dhh, fd_ah) else "fail", "")
def try_eval(f):
    try:
        return f(), None
    except ValueError as e:
        return None, str(e)
# line 25 as written: W_h[:, in:]^T
v, err = try_eval(lambda: (dhh @ W["h"][:, IN:].T) * hp * r * (1 - r))
ok25 = v is not None and close(v, fd_ar)
intended = close((dhh @ W["h"][IN:, :].T) * hp * r * (1 - r), fd_ar)
res["25"] = ("pass" if ok25 else "fail", f"as written: {'shape error: ' + err if err else 'value mismatch'}; with W_h[in:, :] instead: {'matches' if intended else 'differs'}")
dr = (dhh @ W["h"][IN:, :].T) * hp * r * (1 - r)                      # correct delta_r for the later lines
xh = np.concatenate([x, hp], 1)
res["28"] = ("pass" if close(xh.T @ dz, fdW("z")) and close(dz.sum(0), fdb("z")) else "fail", "")
res["30"] = ("pass" if close(xh.T @ dr, fdW("r")) and close(dr.sum(0), fdb("r")) else "fail", "")
xrh = np.concatenate([x, r * hp], 1)
res["32"] = ("pass" if close(xrh.T @ dhh, fdW("h")) and close(dhh.sum(0), fdb("h")) else "fail", "")
v, err = try_eval(lambda: dh * (1 - z) + dz @ W["z"][:, IN:].T + dr @ W["r"][:, IN:].T + (dhh @ W["h"][:, IN:].T) * r)
ok35 = v is not None and close(v, fd_hp)
intended = close(dh * (1 - z) + dz @ W["z"][IN:, :].T + dr @ W["r"][IN:, :].T + (dhh @ W["h"][IN:, :].T) * r, fd_hp)
res["35"] = ("pass" if ok35 else "fail", f"as written: {'shape error: ' + err if err else 'value mismatch'}; with W[in:, :] slices: {'matches' if intended else 'differs'}")
v, err = try_eval(lambda: dz @ W["z"][:, :IN].T + dr @ W["r"][:, :IN].T + dhh @ W["h"][:, :IN].T)
ok37 = v is not None and close(v, fd_x)
intended = close(dz @ W["z"][:IN, :].T + dr @ W["r"][:IN, :].T + dhh @ W["h"][:IN, :].T, fd_x)
res["37"] = ("pass" if ok37 else "fail", f"as written: {'shape error: ' + err if err else 'value mismatch'}; with W[:in, :] slices: {'matches' if intended else 'differs'}")

bad = 0
for ln in sorted(set(EXP) | set(res), key=int):
    exp = EXP.get(ln, {}).get("expected", "NOT ANNOTATED"); got, note = res.get(ln, ("NOT CHECKED", ""))
    mm = "" if exp == got else "   <-- MISMATCH"
    print(f"line {ln}: expected {exp}, numeric {got}{mm}" + (f"  ({note})" if note else ""))
    bad += exp != got
sys.exit(1 if bad else 0)
