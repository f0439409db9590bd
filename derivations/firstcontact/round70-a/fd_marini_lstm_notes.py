# Finite-difference check of marini_lstm_notes.tex (Marco Marini, LSTM notes, m-marini/dl4jtest docs/lstm.tex).
# Author's model (one cell, scalar state; I(t) = input vector of the cell):
#   y^f = f(z^f), z^f = sum_i w^f_i I_i     (output gate)
#   y^r = r(z^r), z^r = sum_i w^r_i I_i     (forget gate)
#   y^s = s(z^s), z^s = sum_i w^s_i I_i     (input gate)
#   y^g = g(z^g), z^g = sum_i w^g_i I_i     (input neuron)
#   z^h(t) = y^g y^s + z^h(t-1) y^r,  y^h = h(z^h),  y(t) = y^h y^f
# The claims are about dy(t)/dw (total derivative of the output at time t).
# Reading A (favourable, as in the repo's octave/lstm_forward.m): I(t) = [1, x(t)], external inputs only.
# Reading B (prose line 35: gates also receive the previous outputs): I(t) = [1, x(t), y(t-1)].
import numpy as np

rng = np.random.default_rng(0)
m_x, T = 3, 4
X = rng.normal(size=(T, m_x))
tanh = np.tanh
dtanh = lambda z: 1 - np.tanh(z) ** 2


def run(W, feedback, h, zh0=0.3):
    """W: dict of weight vectors; returns list of per-step records."""
    zh_prev, y_prev = zh0, 0.0
    recs = []
    for t in range(T):
        I = np.concatenate([[1.0], X[t]] + ([[y_prev]] if feedback else []))
        zf, zr, zs, zg = (W[k] @ I for k in 'frsg')
        yf, yr, ys, yg = tanh(zf), tanh(zr), tanh(zs), tanh(zg)
        zh = yg * ys + zh_prev * yr
        yh = h(zh)
        y = yh * yf
        recs.append(dict(I=I, zf=zf, zr=zr, zs=zs, zg=zg, yf=yf, yr=yr, ys=ys, yg=yg,
                         zh=zh, zh_prev=zh_prev, yh=yh, y=y))
        zh_prev, y_prev = zh, y
    return recs


def fd(W, key, qty, feedback, h, eps=1e-6):
    """central difference of record[-1][qty] w.r.t. W[key]"""
    g = np.zeros_like(W[key])
    for i in range(len(g)):
        Wp = {k: v.copy() for k, v in W.items()}; Wp[key][i] += eps
        Wm = {k: v.copy() for k, v in W.items()}; Wm[key][i] -= eps
        g[i] = (run(Wp, feedback, h)[-1][qty] - run(Wm, feedback, h)[-1][qty]) / (2 * eps)
    return g


def report(line, claim, truth):
    ok = np.allclose(claim, truth, rtol=1e-5, atol=1e-7)
    print(f"  line {line:4d}: {'AGREES  ' if ok else 'DISAGREES'}  max|diff|={np.max(np.abs(claim - truth)):.2e}")
    return ok


for feedback in (False, True):
    print("=" * 70)
    print("Reading", "B: I(t) includes y(t-1)" if feedback else "A: I(t) = [1, x(t)] (external inputs only)")
    n_in = 1 + m_x + (1 if feedback else 0)
    W = {k: rng.normal(scale=0.7, size=n_in) for k in 'frsg'}

    # ---------- general section, h = tanh (generic h with h' = 1 - tanh^2) ----------
    h, hp = tanh, dtanh
    print(" General section (lines 79-124), h = tanh, t = T =", T)
    r = run(W, feedback, h)[-1]
    I = r['I']
    fp, rp, sp, gp, hpt = dtanh(r['zf']), dtanh(r['zr']), dtanh(r['zs']), dtanh(r['zg']), hp(r['zh'])
    dy = {k: fd(W, k, 'y', feedback, h) for k in 'frsg'}
    # line 79: dy/dw^f = y^h * dy^f/dw^f  (dy^f/dw^f by FD)
    report(79, r['yh'] * fd(W, 'f', 'yf', feedback, h), dy['f'])
    # line 82: dy^f/dw^f = f'(t) I
    report(82, fp * I, fd(W, 'f', 'yf', feedback, h))
    # w^r chain
    report(91, r['yf'] * fd(W, 'r', 'yh', feedback, h), dy['r'])
    report(93, r['yf'] * hpt * fd(W, 'r', 'zh', feedback, h), dy['r'])
    report(95, r['yf'] * hpt * r['zh_prev'] * fd(W, 'r', 'yr', feedback, h), dy['r'])
    report(97, r['yf'] * hpt * r['zh_prev'] * rp * fd(W, 'r', 'zr', feedback, h), dy['r'])
    report(99, r['yf'] * hpt * r['zh_prev'] * rp * I, dy['r'])
    # w^s chain
    report(105, r['yf'] * fd(W, 's', 'yh', feedback, h), dy['s'])
    report(107, r['yf'] * hpt * fd(W, 's', 'zh', feedback, h), dy['s'])
    report(109, r['yf'] * hpt * r['yg'] * fd(W, 's', 'ys', feedback, h), dy['s'])
    report(111, r['yf'] * hpt * r['yg'] * sp * fd(W, 's', 'zs', feedback, h), dy['s'])
    report(113, r['yf'] * hpt * r['yg'] * sp * I, dy['s'])
    # summary eqnarray
    report(118, r['yh'] * fp * I, dy['f'])
    report(120, r['yf'] * hpt * r['zh_prev'] * rp * I, dy['r'])
    report(122, r['yf'] * hpt * r['yg'] * sp * I, dy['s'])
    report(124, r['yf'] * hpt * r['ys'] * gp * I, dy['g'])
    # what the missing recursion term would restore (reading A only: zh(t-1) depends on w only through the CEC)
    if not feedback:
        print("  check: adding y^r(t) * y^f h' * d z^h(t-1)/dw restores the r/s/g rows:")
        # d z^h(t-1)/dw by FD on a run truncated to T-1 steps
        def fd_prev(key, eps=1e-6):
            global T
            T0 = T; T = T0 - 1
            g = fd(W, key, 'zh', feedback, h, eps)
            T = T0
            return g
        report(120, r['yf'] * hpt * (r['zh_prev'] * rp * I + r['yr'] * fd_prev('r')), dy['r'])
        report(122, r['yf'] * hpt * (r['yg'] * sp * I + r['yr'] * fd_prev('s')), dy['s'])
        report(124, r['yf'] * hpt * (r['ys'] * gp * I + r['yr'] * fd_prev('g')), dy['g'])

    # ---------- Test section, f=g=r=s=tanh, h(x)=x ----------
    h = lambda z: z
    print(" Test section (lines 169-176), h(x) = x, t = T =", T)
    r = run(W, feedback, h)[-1]
    I = r['I']
    dy = {k: fd(W, k, 'y', feedback, h) for k in 'frsg'}
    report(169, r['yh'] * (1 - r['yf']) ** 2 * I, dy['f'])
    report(171, r['yf'] * r['zh_prev'] * (1 - r['yr']) ** 2 * I, dy['r'])
    report(174, r['yf'] * r['yg'] * (1 - r['ys']) ** 2 * I, dy['s'])
    report(176, r['yf'] * r['ys'] * (1 - r['yg']) ** 2 * I, dy['g'])
    print("  same rows with 1 - y^2 instead of (1 - y)^2 (isolates the derivative slip):")
    report(169, r['yh'] * (1 - r['yf'] ** 2) * I, dy['f'])
    report(171, r['yf'] * r['zh_prev'] * (1 - r['yr'] ** 2) * I, dy['r'])

# single-step case (t = 1, z^h(0) = 0): the recursion term vanishes, only the (1-y)^2 slip remains
print("=" * 70)
print("Single step t=1, z^h(0)=0, reading A, Test-section activations:")
T = 1
W = {k: rng.normal(scale=0.7, size=1 + m_x) for k in 'frsg'}
h = lambda z: z
r = run(W, False, h, zh0=0.0)[-1]
I = r['I']
def fd0(key, eps=1e-6):
    g = np.zeros_like(W[key])
    for i in range(len(g)):
        Wp = {k: v.copy() for k, v in W.items()}; Wp[key][i] += eps
        Wm = {k: v.copy() for k, v in W.items()}; Wm[key][i] -= eps
        g[i] = (run(Wp, False, h, 0.0)[-1]['y'] - run(Wm, False, h, 0.0)[-1]['y']) / (2 * eps)
    return g
report(174, r['yf'] * r['yg'] * (1 - r['ys']) ** 2 * I, fd0('s'))
report(174, r['yf'] * r['yg'] * (1 - r['ys'] ** 2) * I, fd0('s'))
print("  (the first uses the author's (1-y)^2, the second 1-y^2)")
