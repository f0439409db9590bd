"""Finite-difference check of huichuanli_gru_numpy.md (row-vector, batched GRU).
Model (author): U = sig(X Wxu + H Whu + bu), R = sig(X Wxr + H Whr + br),
H_tilda = tanh(X Wxh + (R*H) Whh + bh), H = U*H + (1-U)*H_tilda, Y = H Wy + by (every step).
dZs[t] = dL/dY_t given from outside; here L = sum_t 0.5*||Y_t - target_t||^2."""
import numpy as np

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))

rng = np.random.RandomState(3)
T, B, D, Hd, O = 3, 2, 3, 4, 2
Pm = {'Wxu': rng.randn(D, Hd), 'Whu': rng.randn(Hd, Hd), 'bu': rng.randn(1, Hd) * .3,
      'Wxr': rng.randn(D, Hd), 'Whr': rng.randn(Hd, Hd), 'br': rng.randn(1, Hd) * .3,
      'Wxh': rng.randn(D, Hd), 'Whh': rng.randn(Hd, Hd), 'bh': rng.randn(1, Hd) * .3,
      'Wy': rng.randn(Hd, O), 'by': rng.randn(1, O) * .3}
for k in Pm:
    Pm[k] *= 0.7
Xs = rng.randn(T, B, D)
H0 = rng.randn(B, Hd) * .5
targets = rng.randn(T, B, O)

def run(h=None, P=None):
    h = h or {}; P = P or Pm
    g = lambda n, t, v: v + h[(n, t)] if (n, t) in h else v
    pw = lambda n, t: g(n, t, P[n])
    H = g('H0', -1, H0)
    L = 0.0; cache = []
    for t in range(T):
        X = g('X', t, Xs[t])
        UZ = g('UZ', t, g('x_u', t, X) @ pw('Wxu', t) + g('hp_u', t, H) @ pw('Whu', t) + pw('bu', t))
        U = g('U', t, sigmoid(UZ))
        RZ = g('RZ', t, g('x_r', t, X) @ pw('Wxr', t) + g('hp_r', t, H) @ pw('Whr', t) + pw('br', t))
        R = g('R', t, sigmoid(RZ))
        HZ = g('HZ', t, g('x_h', t, X) @ pw('Wxh', t) + (R * g('hp_h', t, H)) @ pw('Whh', t) + pw('bh', t))
        Ht = g('Ht', t, np.tanh(HZ))
        Hn = g('H', t, U * g('hp_lin', t, H) + (1 - U) * Ht)
        Y = g('Y', t, g('Hout', t, Hn) @ pw('Wy', t) + pw('by', t))
        L += 0.5 * np.sum((Y - targets[t]) ** 2)
        cache.append(dict(X=X, U=U, R=R, Ht=Ht, H=Hn, Hpre=H, Y=Y))
        H = g('Hcarry', t, Hn)
    return L, cache

def shape(n):
    if n in Pm: return Pm[n].shape
    if n in ('X', 'x_u', 'x_r', 'x_h'): return (B, D)
    if n == 'Y': return (B, O)
    return (B, Hd)

def fd(n, t, eps=1e-6):
    G = np.zeros(shape(n))
    for idx in np.ndindex(*G.shape):
        d = np.zeros(G.shape); d[idx] = eps
        G[idx] = (run({(n, t): d})[0] - run({(n, t): -d})[0]) / (2 * eps)
    return G

def fd_total(n, eps=1e-6):
    G = np.zeros(Pm[n].shape)
    for idx in np.ndindex(*G.shape):
        P1 = dict(Pm); P1[n] = Pm[n].copy(); P1[n][idx] += eps
        P2 = dict(Pm); P2[n] = Pm[n].copy(); P2[n][idx] -= eps
        G[idx] = (run(P=P1)[0] - run(P=P2)[0]) / (2 * eps)
    return G

RES = {}
def check(line, got, want, expect):
    ok = got is not None and np.shape(got) == np.shape(want) and np.allclose(got, want, rtol=1e-5, atol=1e-6)
    v = 'pass' if ok else 'fail'
    RES[line] = v
    assert v == expect, (line, v, expect)

def as_written(src, env):
    """Execute a row exactly as published; return the assigned value or None if it cannot run."""
    env = dict(env)
    try:
        exec(src, {'np': np}, env)
    except Exception:
        return None
    return env[src.split('=')[0].strip()]

L, C = run()
Wxu, Whu, bu, Wxr, Whr, br, Wxh, Whh, bh, Wy, by = [Pm[k] for k in
    ['Wxu', 'Whu', 'bu', 'Wxr', 'Whr', 'br', 'Wxh', 'Whh', 'bh', 'Wy', 'by']]

# forward rows vs an independent reference
for t in range(T):
    c = C[t]; X, Hp = c['X'], c['Hpre']
    u_ref = 0.5 * (1 + np.tanh(0.5 * (X @ Wxu + Hp @ Whu + bu)))
    r_ref = 0.5 * (1 + np.tanh(0.5 * (X @ Wxr + Hp @ Whr + br)))
    ht_ref = np.tanh(X @ Wxh + (Hp * r_ref) @ Whh + bh)
    check(19, sigmoid(np.dot(X, Wxu) + np.dot(Hp, Whu) + bu), u_ref, 'pass')
    check(20, sigmoid(np.dot(X, Wxr) + np.dot(Hp, Whr) + br), r_ref, 'pass')
    check(21, np.tanh(np.dot(X, Wxh) + np.dot(c['R'] * Hp, Whh) + bh), ht_ref, 'pass')
    check(22, c['U'] * Hp + (1 - c['U']) * c['Ht'], Hp + (1 - u_ref) * (ht_ref - Hp), 'pass')
    check(23, np.dot(c['H'], Wy) + by, c['H'] @ Wy + by, 'pass')

for t in reversed(range(T)):
    c = C[t]
    R, U, H, X, H_tilda, H_pre = c['R'], c['U'], c['H'], c['X'], c['Ht'], c['Hpre']
    dZ = c['Y'] - targets[t]
    check(59, np.dot(H.T, dZ), fd('Wy', t), 'pass')
    check(60, np.sum(dZ, axis=0, keepdims=True), fd('by', t), 'pass')
    dH_next = fd('Hcarry', t)                       # true gradient arriving from step t+1
    dH = np.dot(dZ, Wy.T) + dH_next
    check(63, dH, fd('H', t), 'pass')
    dH = fd('H', t)
    env = dict(dH=dH, U=U, H_pre=H_pre, H_tilda=H_tilda, H=H)
    # rows 66/68/70 as committed: 'dH_tilda = d' / 'dH_pre = d' / 'dU = H_pr' (continuations on next line)
    check(66, as_written('dH_tilda = d', env), fd('Ht', t), 'fail')
    check(68, as_written('dH_pre = d', env), fd('hp_lin', t), 'fail')
    check(70, as_written('dU = H_pr', env), fd('U', t), 'fail')
    # (the intended right sides dH*(1-U), dH*U, H_pre*dH - H_tilda*dH would be correct:)
    assert np.allclose(dH * (1 - U), fd('Ht', t), atol=1e-6)
    assert np.allclose(dH * U, fd('hp_lin', t), atol=1e-6)
    assert np.allclose(H_pre * dH - H_tilda * dH, fd('U', t), atol=1e-6)
    dH_tilda = fd('Ht', t)
    dH_tildaZ = (1 - np.square(H_tilda)) * dH_tilda
    check(74, dH_tildaZ, fd('HZ', t), 'pass')
    dH_tildaZ = fd('HZ', t)
    check(75, np.dot(X.T, dH_tildaZ), fd('Wxh', t), 'pass')
    check(76, np.dot((R * H_pre).T, dH_tildaZ), fd('Whh', t), 'pass')
    check(77, np.sum(dH_tildaZ, axis=0, keepdims=True), fd('bh', t), 'pass')
    check(79, np.dot(dH_tildaZ, Whh.T) * H_pre, fd('R', t), 'pass')
    p_lin, p_h, p_u, p_r = fd('hp_lin', t), fd('hp_h', t), fd('hp_u', t), fd('hp_r', t)
    check(80, p_lin + np.dot(dH_tildaZ, Whh.T) * R, p_lin + p_h, 'pass')
    dU, dR = fd('U', t), fd('R', t)
    check(83, U * (1 - U) * dU, fd('UZ', t), 'pass')
    check(84, R * (1 - R) * dR, fd('RZ', t), 'pass')
    dUZ, dRZ = fd('UZ', t), fd('RZ', t)
    check(86, p_lin + p_h + np.dot(dUZ, Whu.T), p_lin + p_h + p_u, 'pass')
    check(87, p_lin + p_h + p_u + np.dot(dRZ, Whr.T), p_lin + p_h + p_u + p_r, 'pass')
    check(90, np.dot(X.T, dRZ), fd('Wxr', t), 'pass')
    check(91, np.dot(H_pre.T, dRZ), fd('Whr', t), 'pass')
    check(92, np.sum(dRZ, axis=0, keepdims=True), fd('br', t), 'pass')
    check(94, np.dot(X.T, dUZ), fd('Wxu', t), 'pass')
    check(95, np.dot(H_pre.T, dUZ), fd('Whu', t), 'pass')
    check(96, np.sum(dUZ, axis=0, keepdims=True), fd('bu', t), 'pass')
    dX_true = fd('X', t)
    dX_RZ = np.dot(dRZ, Wxr.T); dX_UZ = np.dot(dUZ, Wxu.T); dX_H_tildaZ = np.dot(dH_tildaZ, Wxh.T)
    # partials: perturb X only where it enters one pre-activation
    check(99, dX_RZ, fd('x_r', t), 'pass')
    check(100, dX_UZ, fd('x_u', t), 'pass')
    check(101, dX_H_tildaZ, fd('x_h', t), 'pass')
    check(102, dX_RZ + dX_UZ + dX_H_tildaZ, dX_true, 'pass')
    true_prev = fd('Hcarry', t - 1) if t > 0 else fd('H0', -1)
    check(104, p_lin + p_h + p_u + p_r, true_prev, 'pass')   # dH_next = dH_pre

# accumulation over t (the += rows) equals the full gradient
for n, ln in [('Wy', 59), ('Wxh', 75), ('Whh', 76), ('Wxr', 90), ('Whr', 91), ('Wxu', 94), ('Whu', 95)]:
    assert np.allclose(sum(fd(n, t) for t in range(T)), fd_total(n), atol=1e-5), n

print('all verdicts confirmed:', len(RES), 'rows;', sum(v == 'fail' for v in RES.values()), 'fail')
