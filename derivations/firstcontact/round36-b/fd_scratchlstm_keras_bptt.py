"""Finite-difference check of scratchlstm_keras_bptt.md (numpy only).
Execs the author's python fence, runs forward/backward in float64, and compares every annotated
quantity with central differences of an independently written forward pass."""
import re, sys, numpy as np

MD = __file__.replace('fd_scratchlstm_keras_bptt.py', 'scratchlstm_keras_bptt.md')
lines = open(MD).read().split('\n')
start = lines.index('```python') + 1
end = lines.index('```', start)
src = '\n'.join(lines[start:end])
OFF = start  # md line number = code line number + OFF
ns = {}
exec(compile(src, 'author', 'exec'), ns)
ScratchLSTM = ns['ScratchLSTM']

rng = np.random.default_rng(0)
B, T, D, Hd = 2, 4, 3, 3
W = rng.normal(0, .6, (D, 4 * Hd)); U = rng.normal(0, .6, (Hd, 4 * Hd)); b = rng.normal(0, .3, 4 * Hd)
X = rng.normal(0, 1, (B, T, D))
G = rng.normal(0, 1, (B, T, Hd))       # L = sum(G * H_seq)   (return_sequences=True)
GT = rng.normal(0, 1, (B, Hd))         # L = sum(GT * H_T)    (return_sequences=False)
sig = lambda v: 1 / (1 + np.exp(-v))

def my_forward(W, U, b, X, hooks=None):
    hooks = hooks or {}
    hk = lambda name, t, v: v + hooks.get((name, t), 0)
    H = np.zeros((B, Hd)); C = np.zeros((B, Hd)); Hs = []; Cs = []
    for t in range(T):
        x = hk('x', t, X[:, t, :])
        Hp = hk('Hprev_used', t, H)
        z = x @ W + Hp @ U + b
        zi, zf, zg, zo = (hk(n, t, z[:, k * Hd:(k + 1) * Hd]) for k, n in enumerate(['zi', 'zf', 'zg', 'zo']))
        i, f, g, o = sig(zi), sig(zf), np.tanh(zg), sig(zo)
        C = f * hk('Cprev_used', t, C) + i * g
        C = hk('C', t, C)
        H = hk('H', t, o * np.tanh(C))
        Hs.append(H); Cs.append(C)
    return np.stack(Hs, 1), np.stack(Cs, 1)

def loss(seq, **kw):
    Hs, _ = my_forward(kw.get('W', W), kw.get('U', U), kw.get('b', b), kw.get('X', X), kw.get('hooks'))
    return np.sum(G * Hs) if seq else np.sum(GT * Hs[:, -1])

def fd_param(seq, name):
    base = {'W': W, 'U': U, 'b': b, 'X': X}[name]
    out = np.zeros_like(base); e = 1e-6
    for idx in np.ndindex(base.shape):
        p = base.copy(); p[idx] += e; lp = loss(seq, **{name: p})
        p = base.copy(); p[idx] -= e; lm = loss(seq, **{name: p})
        out[idx] = (lp - lm) / (2 * e)
    return out

def fd_hook(seq, name, t):
    out = np.zeros((B, Hd if name != 'x' else D)); e = 1e-6
    for idx in np.ndindex(out.shape):
        d = np.zeros_like(out); d[idx] = e; lp = loss(seq, hooks={(name, t): d})
        d[idx] = -e; lm = loss(seq, hooks={(name, t): d})
        out[idx] = (lp - lm) / (2 * e)
    return out

close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-7)

# ---- run the author's code, snapshot loop locals at `dX_all[:, t, :] = dX_step`
def run_author(seq):
    m = ScratchLSTM(W.copy(), U.copy(), b.copy())
    out = m.forward(X.copy(), return_sequences=seq)
    snap = {}
    tgt = [k for k, l in enumerate(src.split('\n'), 1) if 'dX_all[:, t, :] = dX_step' in l][0]
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != 'author':
            return None
        if ev == 'line' and frame.f_lineno == tgt:
            L = frame.f_locals
            snap[L['t']] = {k: (np.array(v, copy=True) if isinstance(v, np.ndarray) else v) for k, v in L.items()}
        return tr
    sys.settrace(tr)
    dX = m.backward((G if seq else GT).copy())
    sys.settrace(None)
    return m, out, dX, snap

res = {}
# forward lines 21-28: author's outputs vs mine
m, out, dX, snap = run_author(True)
Hs, Cs = my_forward(W, U, b, X)
fwd_ok = close(out, Hs) and all(close(m.cache[t][2], Cs[:, t]) for t in range(T))
for ln in [21, 22, 23, 24, 25, 26, 27, 28]:
    res[ln] = fwd_ok

# backward, return_sequences=True
ok = {}
for t in range(T):
    s = snap[t]
    ok.setdefault(48, []).append(True)  # dH slice; checked with 49 (dH after += is the total dL/dH_t)
    ok.setdefault(49, []).append(close(s['dH'], fd_hook(True, 'H', t)))
    ok.setdefault(51, []).append(close(s['tanhC'], np.tanh(Cs[:, t])))
    ok.setdefault(52, []).append(close(s['dO'], fd_hook(True, 'zo', t)))
    ok.setdefault(53, []).append(close(s['dC'], fd_hook(True, 'C', t)))
    ok.setdefault(55, []).append(close(s['dF'], fd_hook(True, 'zf', t)))
    ok.setdefault(56, []).append(close(s['dI'], fd_hook(True, 'zi', t)))
    ok.setdefault(57, []).append(close(s['dG'], fd_hook(True, 'zg', t)))
    ok.setdefault(59, []).append(close(s['dz'], np.concatenate([fd_hook(True, n, t) for n in ['zi', 'zf', 'zg', 'zo']], 1)))
    ok.setdefault(65, []).append(close(s['dX_step'], fd_hook(True, 'x', t)))
    ok.setdefault(66, []).append(close(s['dH_next'], fd_hook(True, 'Hprev_used', t)))
    ok.setdefault(67, []).append(close(s['dC_next'], fd_hook(True, 'Cprev_used', t)))
# line 48 on its own: dH before the += equals G[:, t] = direct dL/dH_t
ok[48] = [True]
for ln, v in ok.items():
    res[ln] = all(v)
res[61] = close(m.dW, fd_param(True, 'W'))
res[62] = close(m.dU, fd_param(True, 'U'))
res[63] = close(m.db, fd_param(True, 'b'))
res[69] = close(dX, fd_param(True, 'X'))
# line 48 check: the author's slice is the direct term (G[:, t]) -> verify on the last step, where dH_next = 0
res[48] = close(snap[T - 1]['dH'], G[:, T - 1])

# line 44: return_sequences=False -> only t = T-1 is visited; compare the whole gradient with FD
m2, out2, dX2, snap2 = run_author(False)
res[44] = close(m2.dW, fd_param(False, 'W')) and close(m2.dU, fd_param(False, 'U')) \
    and close(m2.db, fd_param(False, 'b')) and close(dX2, fd_param(False, 'X'))

import json
exp = json.load(open(MD.replace('scratchlstm_keras_bptt.md', 'expected.json')))['scratchlstm_keras_bptt.md']
agree = 0
for ln in sorted(res):
    status = 'OK' if res[ln] else 'MISMATCH'
    e = exp[str(ln)]['expected']
    a = (status == 'OK') == (e == 'pass')
    agree += a
    print(f'line {ln}: {status}  (expected {e}) {"agrees" if a else "DISAGREES"}')
missing = set(map(int, exp)) - set(res)
print(f'{agree}/{len(res)} verdicts agree; unchecked annotated lines: {sorted(missing)}')
