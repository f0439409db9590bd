"""FD check for dsse19614_lstm_backprop_carousel.md (numpy only, float64).
Column vectors (Arun Mallya's slide notation the question follows, no biases):
  a = tanh(W_c x + U_c h_prev), i = s(W_i x + U_i h_prev), f = s(..), o = s(..)
  c = i*a + f*c_prev, h = o*tanh(c);  E = sum(Gh*h) + sum(Gc*c)
  z = [a_hat; i_hat; f_hat; o_hat] = W I,  W = [[W^c U^c];[W^i U^i];[W^f U^f];[W^o U^o]],  I = [x; h_prev].
delta q = dE/dq."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["dsse19614_lstm_backprop_carousel.md"]
rng = np.random.default_rng(4)
nx, nh = 3, 4
Wg = {k: rng.standard_normal((nh, nx)) * .6 for k in "cifo"}; Ug = {k: rng.standard_normal((nh, nh)) * .6 for k in "cifo"}
W = np.vstack([np.hstack([Wg[k], Ug[k]]) for k in "cifo"])          # 4nh x (nx+nh)
x = rng.standard_normal(nx); hp = rng.standard_normal(nh); cp = rng.standard_normal(nh)
Gh = rng.standard_normal(nh); Gc = rng.standard_normal(nh)
s = lambda q: 1 / (1 + np.exp(-q)); eps = 1e-6
close = lambda A, B: A.shape == B.shape and np.allclose(A, B, rtol=1e-6, atol=1e-8)

def fwd(I, pz=0, pg=None):
    pg = pg or {}
    z = W @ I + pz
    ah, ih, fh, oh = np.split(z, 4)
    a = np.tanh(ah) + pg.get("a", 0); i = s(ih) + pg.get("i", 0); f = s(fh) + pg.get("f", 0); o = s(oh) + pg.get("o", 0)
    c = i * a + f * cp
    h = o * np.tanh(c)
    return dict(z=z, a=a, i=i, f=f, o=o, c=c, h=h, ah=ah)
E = lambda I, **kw: (lambda r: np.sum(Gh * r["h"]) + np.sum(Gc * r["c"]))(fwd(I, **kw))
I = np.concatenate([x, hp]); F = fwd(I)

def fdvec(fun, n):
    return np.array([(fun(e) - fun(-e)) / (2 * eps) for e in np.eye(n) * eps])
dgate = {k: fdvec(lambda e, k=k: E(I, pg={k: e}), nh) for k in "aifo"}
dz_fd = fdvec(lambda e: E(I, pz=e), 4 * nh)
dI_fd = fdvec(lambda e: E(I + e), nx + nh)

res = {}
# line 11: forward system (definitions; X^t read as x^t)
res[11] = close(F["a"], np.tanh(Wg["c"] @ x + Ug["c"] @ hp)) and close(F["i"], s(Wg["i"] @ x + Ug["i"] @ hp))
# line 13: z = W * I
res[13] = close(F["z"], np.concatenate([Wg[k] @ x + Ug[k] @ hp for k in "cifo"]))
# line 15: delta z rows from delta of the gate values
dz15 = np.concatenate([dgate["a"] * (1 - np.tanh(F["ah"]) ** 2), dgate["i"] * F["i"] * (1 - F["i"]),
                       dgate["f"] * F["f"] * (1 - F["f"]), dgate["o"] * F["o"] * (1 - F["o"])])
res[15] = close(dz15, dz_fd)
# line 18: author's delta I^t = W^T delta z
res[18] = close(W.T @ dz_fd, dI_fd)
# line 20: z = W^T * I^t  -> W^T is (nx+nh) x 4nh, I is (nx+nh): not even conformable (and not the forward map)
try:
    res[20] = close(W.T @ I, F["z"])
except ValueError as err:
    print(f"[info] line 20: W^T * I^t is not computable: {err}"); res[20] = False
# lines 22, 24: 'inverse' of a vector is undefined; the manipulations have no valid meaning
print("[info] lines 22, 24: use I^{-1}, z^{-1} of vectors (undefined) -> counted as fail")
res[22] = False; res[24] = False
# line 27: delta I = [delta x; delta h_prev] (definition): FD w.r.t. x and h_prev blocks
dx_fd = fdvec(lambda e: E(np.concatenate([x + e, hp])), nx); dh_fd = fdvec(lambda e: E(np.concatenate([x, hp + e])), nh)
res[27] = close(np.concatenate([dx_fd, dh_fd]), dI_fd)
# line 28: second block written d/dh^{t-1} (no E): not a value; counted as fail (malformed)
print("[info] line 28: second entry is the bare operator d/dh^{t-1} (numerator E missing) -> counted as fail")
res[28] = False
bad = 0
for k in sorted(EXP, key=int):
    num = "pass" if res.get(int(k)) else "fail"
    flag = "" if num == EXP[k]["expected"] else "   <-- MISMATCH"
    bad += bool(flag)
    print(f"line {k}: expected {EXP[k]['expected']}, numeric {num}{flag}")
bad += len(set(res) - {int(k) for k in EXP})
sys.exit(1 if bad else 0)
