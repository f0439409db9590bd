"""Finite-difference check of fileid40678519986_rl_gru_cpp_bptt.md (C++ GRU in namespace RL).

Model intended by the author (equation comment, lines 23-27, with the update gate using Wz as the code does):
    r = sig(Wr x + Ur h_ + Br), z = sig(Wz x + Uz h_ + Bz), g = tanh(Wg x + Ug (r . h_) + Bg),
    h = (1 - z) . h_ + z . g,   y = W h + B   (Linear),   h_0 = 0.
Loss of RL::GRU::gradient(x, yt[]):  L = sum_t |y_t - yt_t|^2, E[t] = dL/dy_t.
Loss of RL::GRU::gradient(x, yt):    L = |y_T - yt|^2 (last step only).
Sigmoid::d(y) = y(1-y), Tanh::d(y) = 1-y^2, Linear::d = 1 (derivatives written through the outputs).
delta.g / delta.z / delta.r are used by the code as gradients w.r.t. the gate PRE-activations
(d.Wg += delta.g x^T ...), delta.h as the total gradient w.r.t. h_t.

Every line is checked against the intended GRU: the true adjoints are obtained by central finite
differences with additive perturbations injected into intermediate nodes; each line's formula is fed
with true upstream values and compared with the true downstream value.  The literal C++ loops of
feedForward are also replayed to expose the loop-order bug of line 43.
The comment formulas "dht/dX" (lines 108-120) are read as the gradient of sum_i h_t[i] with respect
to X for one step (h_{t-1}, x_t fixed), which is what the vector-valued right-hand sides compute.
"""
import numpy as np

rng = np.random.default_rng(40678)
EPS = 1e-6


def sig(a):
    return np.exp(a) / (1 + np.exp(a))          # Sigmoid::_


def make(D, H, O, T, seed):
    r = np.random.default_rng(seed)
    P = {k: r.normal(0, 0.6, s) for k, s in dict(
        Wr=(H, D), Wz=(H, D), Wg=(H, D), Ur=(H, H), Uz=(H, H), Ug=(H, H),
        Br=(H,), Bz=(H,), Bg=(H,), W=(O, H), B=(O,)).items()}
    X = r.normal(0, 1, (T, D))
    Y = r.normal(0, 1, (T, O))
    return P, X, Y


def forward(P, X, inj=None):
    """intended GRU.  inj: dict (name, t) -> additive perturbation.  Names:
    'ar','az','ag' (pre-activations), 'r' (r used in ag), 'h' (h_t, all uses),
    'hy' (h_t as used by y_t only), 'hp_r','hp_z','hp_g','hp_d' (h_{t-1} as used at step t by
    the r pre-activation / z pre-activation / r.h_ product / direct (1-z) h_ path), 'y'."""
    inj = inj or {}
    q = lambda n, t: inj.get((n, t), 0.0)
    T = X.shape[0]
    H = P['Ur'].shape[0]
    hp = np.zeros(H)
    S = []
    for t in range(T):
        x = X[t]
        ar = P['Wr'] @ x + P['Ur'] @ (hp + q('hp_r', t)) + P['Br'] + q('ar', t)
        az = P['Wz'] @ x + P['Uz'] @ (hp + q('hp_z', t)) + P['Bz'] + q('az', t)
        r, z = sig(ar), sig(az)
        ag = P['Wg'] @ x + P['Ug'] @ ((r + q('r', t)) * (hp + q('hp_g', t))) + P['Bg'] + q('ag', t)
        g = np.tanh(ag)
        h = (1 - z) * (hp + q('hp_d', t)) + z * g + q('h', t)
        y = P['W'] @ (h + q('hy', t)) + P['B'] + q('y', t)
        S.append(dict(x=x, hp=hp, ar=ar, az=az, ag=ag, r=r, z=z, g=g, h=h, y=y))
        hp = h
    return S


def loss(P, X, Y, inj=None, last_only=False):
    S = forward(P, X, inj)
    if last_only:
        return float(np.sum((S[-1]['y'] - Y[-1]) ** 2))
    return float(sum(np.sum((s['y'] - Y[t]) ** 2) for t, s in enumerate(S)))


def adj(P, X, Y, name, t, n, last_only=False):
    g = np.zeros(n)
    for k in range(n):
        e = np.zeros(n)
        e[k] = EPS
        g[k] = (loss(P, X, Y, {(name, t): e}, last_only) - loss(P, X, Y, {(name, t): -e}, last_only)) / (2 * EPS)
    return g


def pgrad(P, X, Y, key, last_only=False):
    G = np.zeros_like(P[key])
    for idx in np.ndindex(*P[key].shape):
        Pp = {k: v.copy() for k, v in P.items()}
        Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += EPS
        Pm[key][idx] -= EPS
        G[idx] = (loss(Pp, X, Y, None, last_only) - loss(Pm, X, Y, None, last_only)) / (2 * EPS)
    return G


results = {}


def report(line, ok):
    results.setdefault(line, True)
    results[line] = results[line] and bool(ok)


def close(a, b, tol=1e-6):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)


# ============================ main instance ============================================
D, H, O, T = 3, 4, 2, 4
P, X, Y = make(D, H, O, T, 40678)
S = forward(P, X)

# true adjoints
A = {}
for t in range(T):
    for name, n in (('ar', H), ('az', H), ('ag', H), ('h', H), ('hy', H), ('y', O),
                    ('hp_r', H), ('hp_z', H), ('hp_g', H), ('hp_d', H), ('r', H)):
        A[(name, t)] = adj(P, X, Y, name, t, n)

# ---- equation comment, lines 23-27 -------------------------------------------------------
for t, s in enumerate(S):
    report(23, close(s['r'], sig(P['Wr'] @ s['x'] + P['Ur'] @ s['hp'] + P['Br'])))
    # line 24 writes Wr in the update gate; the code (lines 33, 41) uses Wz
    report(24, close(s['z'], sig(P['Wr'] @ s['x'] + P['Uz'] @ s['hp'] + P['Bz'])))
    report(25, close(s['g'], np.tanh(P['Wg'] @ s['x'] + P['Ug'] @ (s['r'] * s['hp']) + P['Bg'])))
    report(26, close(s['h'], (1 - s['z']) * s['hp'] + s['z'] * s['g']))
    report(27, close(s['y'], P['W'] @ s['h'] + P['B']))

# ---- literal replay of feedForward (lines 29-55), one step from the intended h_{t-1} -------
for t, s in enumerate(S):
    x, _h = s['x'], s['hp']
    st = {k: np.zeros(H) for k in 'rzgh'}
    sty = np.zeros(O)
    for i in range(H):
        for j in range(D):
            st['r'][i] += P['Wr'][i, j] * x[j]
            st['z'][i] += P['Wz'][i, j] * x[j]
            st['g'][i] += P['Wg'][i, j] * x[j]
        report(32, np.isclose(st['r'][i], (P['Wr'] @ x)[i]))
        report(33, np.isclose(st['z'][i], (P['Wz'] @ x)[i]))
        report(34, np.isclose(st['g'][i], (P['Wg'] @ x)[i]))
        for j in range(H):
            st['r'][i] += P['Ur'][i, j] * _h[j]
            st['z'][i] += P['Uz'][i, j] * _h[j]
        report(37, np.isclose(st['r'][i], (P['Wr'] @ x + P['Ur'] @ _h)[i]))
        report(38, np.isclose(st['z'][i], (P['Wz'] @ x + P['Uz'] @ _h)[i]))
        st['r'][i] = sig(st['r'][i] + P['Br'][i])
        st['z'][i] = sig(st['z'][i] + P['Bz'][i])
        report(40, np.isclose(st['r'][i], s['r'][i]))
        report(41, np.isclose(st['z'][i], s['z'][i]))
        for j in range(H):
            st['g'][i] += P['Ug'][i, j] * _h[j] * st['r'][j]   # r[j] for j > i not computed yet
        pre_g = st['g'][i]
        if t > 0:   # h_0 = 0 hides the bug at t = 0
            report(43, np.isclose(pre_g, (P['Wg'] @ x + P['Ug'] @ (s['r'] * _h))[i]))
        st['g'][i] = np.tanh(st['g'][i] + P['Bg'][i])
        report(45, np.isclose(st['g'][i], np.tanh(pre_g + P['Bg'][i])))
        st['h'][i] = (1 - st['z'][i]) * _h[i] + st['z'][i] * st['g'][i]
        report(46, np.isclose(st['h'][i], (1 - st['z'][i]) * _h[i] + st['z'][i] * st['g'][i])
               and np.isclose((1 - s['z'][i]) * _h[i] + s['z'][i] * s['g'][i], s['h'][i]))
    for i in range(O):
        sy = 0.0
        for j in range(H):
            sy += P['W'][i, j] * st['h'][j]
        report(52, np.isclose(sy, (P['W'] @ st['h'])[i]))
        sty[i] = sy + P['B'][i]
        report(54, np.isclose(sty[i], (P['W'] @ st['h'] + P['B'])[i]))

# ---- loss, E (lines 184, 198) ---------------------------------------------------------------
for t, s in enumerate(S):
    report(184, close(A[('y', t)], 2 * (s['y'] - Y[t])))
for t in range(T):
    Ey = adj(P, X, Y, 'y', t, O, last_only=True)
    report(198, close(Ey, 2 * (S[t]['y'] - Y[t]) if t == T - 1 else np.zeros(O)))

# ---- backward -----------------------------------------------------------------------------------
E = [2 * (s['y'] - Y[t]) for t, s in enumerate(S)]
gam = 0.99
for t in range(T - 1, -1, -1):
    s = S[t]
    direct = P['W'].T @ E[t]
    report(85, close(direct, A[('hy', t)]))
    if t < T - 1:
        # line-by-line contributions of the #if 0 block vs. the true path contributions of h_t
        report(91, close(P['Ur'].T @ A[('ar', t + 1)], A[('hp_r', t + 1)]))
        report(92, close(P['Uz'].T @ A[('az', t + 1)], A[('hp_z', t + 1)]))
        report(93, close(P['Ug'].T @ A[('ag', t + 1)], A[('hp_g', t + 1)]))
        # EMA lines 101-103, each replayed on its own, starting from the true partial sum
        for line, U, dn, path in ((101, P['Ur'], A[('ar', t + 1)], A[('hp_r', t + 1)]),
                                  (102, P['Uz'], A[('az', t + 1)], A[('hp_z', t + 1)]),
                                  (103, P['Ug'], A[('ag', t + 1)], A[('hp_g', t + 1)])):
            dh = direct.copy()
            for i in range(H):
                for j in range(H):
                    dh[j] = dh[j] * gam + U[i, j] * dn[i] * (1 - gam)
            report(line, close(dh, direct + path))
    dh_true = A[('h', t)]
    _h = s['hp']
    report(130, close(_h, S[t - 1]['h'] if t > 0 else np.zeros(H)))
    # comment lines 125-127 and code lines 132-142, fed with the true total delta.h
    dg = dh_true * s['z'] * (1 - s['g'] ** 2)
    report(125, close(dg, A[('ag', t)]))
    report(132, close(dg, A[('ag', t)]))
    dz = dh_true * (s['g'] - _h) * s['z'] * (1 - s['z'])
    report(127, close(dz, A[('az', t)]))
    report(133, close(dz, A[('az', t)]))
    d_rh_true = P['Ug'].T @ A[('ag', t)]            # dL/d(r . h_)
    report(126, close(dh_true * (P['Ug'].T @ A[('ag', t)]) * _h * s['r'] * (1 - s['r']), A[('ar', t)]))
    dhr = np.zeros(H)
    for i in range(H):
        for j in range(H):
            dhr[j] += P['Ug'][i, j] * s['g'][i]
    report(138, close(dhr, d_rh_true))
    dr = dh_true * d_rh_true * _h * s['r'] * (1 - s['r'])
    report(142, close(dr, A[('ar', t)]))

# parameter gradients (lines 147-168), fed with the true pre-activation adjoints
GW = {k: pgrad(P, X, Y, k) for k in P}
report(147, close(GW['W'], sum(np.outer(E[t] * 1.0, S[t]['h']) for t in range(T))))
report(149, close(GW['B'], sum(E[t] * 1.0 for t in range(T))))
for line, key, a, inp in ((153, 'Wr', 'ar', 'x'), (154, 'Wz', 'az', 'x'), (155, 'Wg', 'ag', 'x'),
                          (160, 'Ur', 'ar', 'hp'), (161, 'Uz', 'az', 'hp')):
    report(line, close(GW[key], sum(np.outer(A[(a, t)], S[t][inp]) for t in range(T))))
report(162, close(GW['Ug'], sum(np.outer(A[('ag', t)], S[t]['r'] * S[t]['hp']) for t in range(T))))
report(166, close(GW['Br'], sum(A[('ar', t)] for t in range(T))))
report(167, close(GW['Bz'], sum(A[('az', t)] for t in range(T))))
report(168, close(GW['Bg'], sum(A[('ag', t)] for t in range(T))))

# ---- derivative comment lines 108-120: one step, s = sum_i h[i] -------------------------------


def step_sum(P, x, hp, zover=None, rover=None):
    ar = P['Wr'] @ x + P['Ur'] @ hp + P['Br']
    az = P['Wz'] @ x + P['Uz'] @ hp + P['Bz']
    r = sig(ar) if rover is None else rover
    z = sig(az) if zover is None else zover
    g = np.tanh(P['Wg'] @ x + P['Ug'] @ (r * hp) + P['Bg'])
    return float(np.sum((1 - z) * hp + z * g)), dict(r=r, z=z, g=g)


def fdv(f, v):
    out = np.zeros_like(v)
    for idx in np.ndindex(*v.shape):
        e = np.zeros_like(v)
        e[idx] = EPS
        out[idx] = (f(v + e) - f(v - e)) / (2 * EPS)
    return out


def comment_checks(P, x, hp, square):
    s0, q = step_sum(P, x, hp)
    r, z, g = q['r'], q['z'], q['g']
    res = {}
    res[108] = close(fdv(lambda zz: step_sum(P, x, hp, zover=zz)[0], z), -hp + g)
    dzt = -hp + g
    res[109] = close(fdv(lambda M: step_sum({**P, 'Wz': M}, x, hp)[0], P['Wz']), np.outer(dzt * z * (1 - z), x))
    res[110] = close(fdv(lambda M: step_sum({**P, 'Uz': M}, x, hp)[0], P['Uz']), np.outer(dzt * z * (1 - z), hp))
    res[111] = close(fdv(lambda M: step_sum({**P, 'Wg': M}, x, hp)[0], P['Wg']), np.outer(z * (1 - g ** 2), x))
    res[112] = close(fdv(lambda M: step_sum({**P, 'Ug': M}, x, hp)[0], P['Ug']), np.outer(z * (1 - g ** 2), r * hp))
    drt = (P['Ug'].T @ (z * (1 - g ** 2))) * hp
    res[113] = close(fdv(lambda rr: step_sum(P, x, hp, rover=rr)[0], r), drt)
    res[114] = close(fdv(lambda M: step_sum({**P, 'Wr': M}, x, hp)[0], P['Wr']), np.outer(drt * r * (1 - r), x))
    res[115] = close(fdv(lambda M: step_sum({**P, 'Ur': M}, x, hp)[0], P['Ur']), np.outer(drt * r * (1 - r), hp))
    gx = fdv(lambda xx: step_sum(P, xx, hp)[0], x)
    try:
        rhs = P['Wz'].T @ ((g - hp) * z * (1 - z)) + \
            z * (P['Wg'].T @ (1 - g ** 2) + P['Wr'].T @ ((P['Ug'].T @ (1 - g ** 2)) * hp * r * (1 - r)))
        res[117] = close(gx, rhs)
    except ValueError:          # z (hidden size) times an input-size vector: ill-typed when D != H
        res[117] = False
    gh = fdv(lambda hh: step_sum(P, x, hh)[0], hp)
    rhs = -P['Uz'].T @ (hp * z * (1 - z)) + (1 - z) + P['Uz'].T @ (g * z * (1 - z)) + \
        P['Ur'].T @ ((P['Ug'].T @ (z * (1 - g ** 2))) * hp * r * (1 - r)) + \
        (P['Ug'].T @ (z * (1 - g ** 2))) * r
    res[120] = close(gh, rhs)
    return res


for t in range(T):
    for k, v in comment_checks(P, S[t]['x'], S[t]['hp'] if t > 0 else rng.normal(0, 0.5, H), False).items():
        report(k, v)

# ============ square instance (D = H = O) for the shape-ambiguous lines 117 and 124 ================
D2 = H2 = O2 = 4
P2, X2, Y2 = make(D2, H2, O2, T, 7)
S2 = forward(P2, X2)
for t in range(T):
    hp = S2[t]['hp'] if t > 0 else rng.normal(0, 0.5, H2)
    report(117, comment_checks(P2, S2[t]['x'], hp, True)[117])
for t in range(T - 1):
    # line 124, taken literally: delta_h(t) = E(t) + delta_h(t+1)
    Et = 2 * (S2[t]['y'] - Y2[t])
    report(124, close(adj(P2, X2, Y2, 'h', t, H2), Et + adj(P2, X2, Y2, 'h', t + 1, H2)))

# ---- positive controls (not source lines): the corrected formulas do pass the same checks ------
for t in range(T):
    s = S[t]
    assert close(s['z'], sig(P['Wz'] @ s['x'] + P['Uz'] @ s['hp'] + P['Bz']))               # 24 with Wz
    dh_true = A[('h', t)]
    d_rh = P['Ug'].T @ A[('ag', t)]
    assert close(d_rh * s['hp'] * s['r'] * (1 - s['r']), A[('ar', t)])                     # 126/142 without delta.h
    assert close(d_rh * s['hp'], A[('r', t)])                                               # dL/dr
    if t < T - 1:
        assert close(P['Ug'].T @ A[('ag', t + 1)] * S[t + 1]['r'], A[('hp_g', t + 1)])      # 93 with r
        assert close(A[('h', t + 1)] * (1 - S[t + 1]['z']), A[('hp_d', t + 1)])            # omitted direct path
        assert close(P['W'].T @ E[t] + A[('hp_r', t + 1)] + A[('hp_z', t + 1)] + A[('hp_g', t + 1)]
                     + A[('hp_d', t + 1)], dh_true)                                         # full recursion
for t in range(T):
    s2 = S2[t]
    x, hp = s2['x'], s2['hp'] if t > 0 else rng.normal(0, 0.5, H2)
    _, q = step_sum(P2, x, hp)
    r, z, g = q['r'], q['z'], q['g']
    good = P2['Wz'].T @ ((g - hp) * z * (1 - z)) + P2['Wg'].T @ (z * (1 - g ** 2)) + \
        P2['Wr'].T @ ((P2['Ug'].T @ (z * (1 - g ** 2))) * hp * r * (1 - r))
    assert close(fdv(lambda xx: step_sum(P2, xx, hp)[0], x), good)                           # 117 corrected
    bad = P2['Wz'].T @ ((g - hp) * z * (1 - z)) + \
        z * (P2['Wg'].T @ (1 - g ** 2) + P2['Wr'].T @ ((P2['Ug'].T @ (1 - g ** 2)) * hp * r * (1 - r)))
    assert not close(fdv(lambda xx: step_sum(P2, xx, hp)[0], x), bad)                        # 117 numeric failure

for line in sorted(results):
    print(f"line {line}: {'OK' if results[line] else 'MISMATCH'}")
