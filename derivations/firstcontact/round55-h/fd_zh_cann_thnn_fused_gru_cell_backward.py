"""Finite-difference check of zh_cann_thnn_fused_gru_cell_backward.md.
Forward of PyTorch aten::_thnn_fused_gru_cell (row layout, batch rows):
  input_gates = IG + b_ih, hidden_gates = HG + b_hh  (B,3H), blocks [r | z | n]
  r = sig(ig_r + hg_r), z = sig(ig_z + hg_z), n = tanh(ig_n + r * hg_n), hy = (1-z)*n + z*hx
  storage = [r, z, n, hx, hn] with hn = hg_n.  Inputs of the fused op: input_gates, hidden_gates, hx, biases.
Loss L = sum(C * tanh(hy)) so go = dL/dhy."""
import sys
import numpy as np

rng = np.random.default_rng(11)
B, H = 3, 4
IG = rng.normal(0, 1, (B, 3 * H)); HG = rng.normal(0, 1, (B, 3 * H)); hx = rng.normal(0, 1, (B, H))
bih = rng.normal(0, .3, 3 * H); bhh = rng.normal(0, .3, 3 * H); Cm = rng.normal(0, 1, (B, H))
sig = lambda a: 1 / (1 + np.exp(-a))


def fwd(IG=IG, HG=HG, hx=hx, bih=bih, bhh=bhh):
    ig = IG + bih; hg = HG + bhh
    r = sig(ig[:, :H] + hg[:, :H]); z = sig(ig[:, H:2 * H] + hg[:, H:2 * H])
    n = np.tanh(ig[:, 2 * H:] + r * hg[:, 2 * H:])
    hy = (1 - z) * n + z * hx
    storage = np.hstack([r, z, n, hx, hg[:, 2 * H:]])
    return np.sum(Cm * np.tanh(hy)), storage, hy


def fdg(name, eps=1e-6):
    base = dict(IG=IG, HG=HG, hx=hx, bih=bih, bhh=bhh); A = base[name]; g = np.zeros_like(A)
    for idx in np.ndindex(*A.shape):
        Ap = A.copy(); Ap[idx] += eps; Am = A.copy(); Am[idx] -= eps
        g[idx] = (fwd(**{**base, name: Ap})[0] - fwd(**{**base, name: Am})[0]) / (2 * eps)
    return g


L, storage, hy = fwd()
res = []


def check(line, expected, ok, note=''):
    got = 'pass' if ok else 'fail'
    res.append(got == expected)
    print(f"line {line}: expected {expected}, numeric {got}  {note}")


h = H
r, z, n, hxs, hn = (storage[:, k * h:(k + 1) * h] for k in range(5))            # line 11
check(11, 'pass', np.allclose(hxs, hx) and np.allclose(n, np.tanh((IG + bih)[:, 2 * H:] + r * (HG + bhh)[:, 2 * H:])),
      '(split of the forward storage)')
go = Cm * (1 - np.tanh(hy) ** 2)
gIG = fdg('IG'); gHG = fdg('HG')
gin = go * (1 - z) * (1 - n ** 2)                                                # line 15
check(15, 'pass', np.allclose(gin, gIG[:, 2 * H:], atol=1e-6))
gig = go * (hxs - n) * (1 - z) * z                                               # line 17
check(17, 'pass', np.allclose(gig, gIG[:, H:2 * H], atol=1e-6))
grg = gin * hn * (1 - r) * r                                                     # line 19
check(19, 'pass', np.allclose(grg, gIG[:, :H], atol=1e-6))
ghn = gin * r                                                                    # line 21
check(21, 'pass', np.allclose(ghn, gHG[:, 2 * H:], atol=1e-6))
ghx = go * z                                                                     # line 23
check(23, 'pass', np.allclose(ghx, fdg('hx'), atol=1e-6), '(hx as a separate input; hidden_gates held fixed)')
gi = np.hstack([grg, gig, gin]); gh = np.hstack([grg, gig, ghn])
check(27, 'pass', np.allclose(gi, gIG, atol=1e-6))
check(29, 'pass', np.allclose(gh, gHG, atol=1e-6))
check(31, 'pass', np.allclose(ghx, fdg('hx'), atol=1e-6))
check(33, 'pass', np.allclose(gi.sum(0), fdg('bih'), atol=1e-6) and np.allclose(gh.sum(0), fdg('bhh'), atol=1e-6))
sys.exit(0 if all(res) else 1)
