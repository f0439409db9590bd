"""Finite-difference checks for seunkorea_til_gru_dlfs2_notebook.md (numpy only).

Reference GRU (Deep-Learning-from-Scratch-2 layout, row vectors, batch N): Wx (D x 3H), Wh (H x 3H), blocks [z | r | h],
no biases;  z = sigm(x Wxz + h_prev Whz), r = sigm(x Wxr + h_prev Whr), h_hat = tanh(x Wxh + (r*h_prev) Whh),
h_next = (1-z)*h_prev + z*h_hat.  Test loss L = sum(h_next * G), so dh_next = G.
The author's code lines are exec'd one by one from the Markdown file; each annotated line is compared with
central differences on a path-split forward pass (separate copies of x and h_prev per path give the partial sums
that dx / dh_prev hold after each accumulation line).  Prints line number and OK/MISMATCH against expected.json.
"""
import json, os, inspect, textwrap
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'seunkorea_til_gru_dlfs2_notebook.md'
EXP = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
LINES = open(os.path.join(HERE, NAME), encoding='utf-8').read().split('\n')
L_ = lambda n: LINES[n - 1]

def sigm(u): return 1 / (1 + np.exp(-u))
def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
def fd(fun, X, eps=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = X[i]
        X[i] = o + eps; p = fun(); X[i] = o - eps; m = fun(); X[i] = o
        G[i] = (p - m) / (2 * eps)
    return G

results = {}
def record(line, agrees):
    results[line] = 'OK' if ('pass' if agrees else 'fail') == EXP[str(line)]['expected'] else 'MISMATCH'

rng = np.random.default_rng(3)
N, D, H = 2, 3, 4
Wx = rng.normal(0, 0.7, (D, 3 * H)); Wh = rng.normal(0, 0.7, (H, 3 * H))
x = rng.normal(0, 1, (N, D)); h_prev = rng.normal(0, 0.8, (N, H)); G = rng.normal(0, 1, (N, H))
Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H:2 * H], Wx[:, 2 * H:]
Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2 * H], Wh[:, 2 * H:]

ZERO = lambda: {k: np.zeros((N, H)) for k in ('hhat', 'ah', 'rh', 'z', 'az', 'r', 'ar')}
def fwd(Wx=Wx, Wh=Wh, xs=None, hs=None, p=None):
    xs = xs or [x, x, x]            # x into z, r, h_hat
    hs = hs or [h_prev] * 4         # h_prev: direct, into z, into r, inside r*h_prev
    p = p or ZERO()
    az = xs[0] @ Wx[:, :H] + hs[1] @ Wh[:, :H] + p['az']; z = sigm(az) + p['z']
    ar = xs[1] @ Wx[:, H:2*H] + hs[2] @ Wh[:, H:2*H] + p['ar']; r = sigm(ar) + p['r']
    rh = r * hs[3] + p['rh']
    ah = xs[2] @ Wx[:, 2*H:] + rh @ Wh[:, 2*H:] + p['ah']; hh = np.tanh(ah) + p['hhat']
    hn = (1 - z) * hs[0] + z * hh
    return hn, dict(z=z, r=r, h_hat=hh)
loss = lambda **kw: float(np.sum(fwd(**kw)[0] * G))
h_ref, cache_ref = fwd()

# ---- forward lines ---------------------------------------------------------------
class Self: pass
me = Self(); me.Wx, me.Wh = Wx, Wh
ns = {'np': np, 'sigmoid': sigm, 'self': me, 'x': x, 'h_prev': h_prev}
exec(L_(22).strip(), ns)
exec(L_(24).strip(), ns)
record(24, close(ns['Wxz'], Wxz) and close(ns['Wxr'], Wxr) and close(ns['Wx'], Wxh))
exec(L_(25).strip(), ns)
record(25, 'Wh' in ns and close(ns['Wh'], Whh))        # candidate block must be reachable as Wh (used on 29/50)
exec(L_(27).strip(), ns); record(27, close(ns['z'], cache_ref['z']))
exec(L_(28).strip(), ns); record(28, close(ns['r'], cache_ref['r']))
try:
    exec(L_(29).strip(), dict(ns))                   # as published: Wh undefined here
    ok29 = True
except NameError:
    ok29 = False
ns29 = dict(ns); ns29['Wh'] = Whh                    # even with Wh bound to the candidate block: no reset gate
exec(L_(29).strip(), ns29)
record(29, ok29 and close(ns29['h_hat'], cache_ref['h_hat']))
ns['h_hat'] = cache_ref['h_hat']                     # upstream taken as right
exec(L_(30).strip(), ns); record(30, close(ns['h_next'], h_ref))

# ---- line 36: the backward signature ----------------------------------------------
src = '\n'.join(LINES[7:74])                         # the class (lines 8-74)
cls_ns = {'np': np, 'sigmoid': sigm}; exec(src, cls_ns)
params = list(inspect.signature(cls_ns['GRU'].backward).parameters)
record(36, params[:2] == ['self', 'dh_next'])

# ---- backward body, line by line ---------------------------------------------------
me.cache = (x, h_prev, cache_ref['z'], cache_ref['r'], cache_ref['h_hat'])
bns = {'np': np, 'sigmoid': sigm, 'self': me, 'dh_next': G.copy()}
# FD targets
def pgrad(key):
    p = ZERO(); return fd(lambda: loss(p=p), p[key])
def hgrad(idx):
    hs = [h_prev.copy() for _ in range(4)]; return fd(lambda: loss(hs=hs), hs[idx])
def xgrad(idx):
    xs = [x.copy() for _ in range(3)]; return fd(lambda: loss(xs=xs), xs[idx])
def wblock(which, blk):
    W = (Wx if which == 'x' else Wh).copy()
    g = fd(lambda: loss(**{'W' + which: W}), W); return g[:, blk * H:(blk + 1) * H], g
dh = [hgrad(i) for i in range(4)]; dxp = [xgrad(i) for i in range(3)]
target = {
    44: ('dh_hat', pgrad('hhat')), 45: ('dh_prev', dh[0]), 48: ('dt', pgrad('ah')),
    49: ('dWh', wblock('h', 2)[0]), 50: ('dhr', pgrad('rh')), 51: ('dWx', wblock('x', 2)[0]),
    52: ('dx', dxp[2]), 53: ('dh_prev', dh[0] + dh[3]),
    56: ('dz', pgrad('z')), 57: ('dt', pgrad('az')), 58: ('dWhz', wblock('h', 0)[0]),
    59: ('dh_prev', dh[0] + dh[3] + dh[1]), 60: ('dWxz', wblock('x', 0)[0]), 61: ('dx', dxp[2] + dxp[0]),
    64: ('dr', pgrad('r')), 65: ('dt', pgrad('ar')), 66: ('dWhr', wblock('h', 1)[0]),
    67: ('dh_prev', dh[0] + dh[1] + dh[2] + dh[3]), 68: ('dWxr', wblock('x', 1)[0]),
    69: ('dx', dxp[0] + dxp[1] + dxp[2]),
}
gWx_tot = wblock('x', 0)[1]; gWh_tot = wblock('h', 0)[1]
# the total FD gradients of h_prev / x should equal the path sums (sanity)
assert close(target[67][1], fd(lambda: loss(hs=[hp] * 4), hp := h_prev.copy()))
for n in range(37, 74):
    line = L_(n).strip()
    if not line or line.startswith('#'):
        continue
    if n == 40:
        exec(line, bns)
        record(40, 'Wh' in bns and close(bns['Wh'], Whh))
        bns['Wh'] = Whh                              # upstream taken as right for the lines below
        continue
    exec(line, bns)
    if n == 39:
        record(39, close(bns['Wxz'], Wxz) and close(bns['Wxr'], Wxr) and close(bns['Wx'], Wxh))
    elif n in target:
        name, val = target[n]
        record(n, close(bns[name], val))
    elif n == 71:
        record(71, close(me.dWx, gWx_tot))
    elif n == 72:
        record(72, close(me.dWh, gWh_tot))

for line in sorted(int(k) for k in EXP):
    print(line, results.get(line, 'MISSING'))
bad = [l for l in EXP if results.get(int(l)) != 'OK']
print('all agree' if not bad else 'DISAGREE: %s' % bad)
