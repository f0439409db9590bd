"""Finite-difference checks for sublstm_notes_cimacmillan.md (subLSTM notes, cimacmillan/pytorch-subLSTM@428e259).
numpy only, float64, deterministic. Each check(line, ok_expected, ...) asserts the verdict in expected.json."""
import json, os
import numpy as np

rng = np.random.default_rng(58011)
D, H, T = 3, 4, 4
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
dsig = lambda a: sig(a) * (1.0 - sig(a))          # sigma'(pre-activation)

# ---------------- math part: column vectors, gate order [z, i, o, f] (line 10) ----------------
W = rng.normal(0, .6, (4 * H, D)); R = rng.normal(0, .6, (4 * H, H)); b = rng.normal(0, .3, 4 * H)
X = rng.normal(0, 1, (T, D)); h0 = rng.normal(0, .5, H); c0 = rng.normal(0, .5, H)
A = rng.normal(0, 1, (T, H)); E = rng.normal(0, 1, H)   # loss weights
Z, I, O, F = (slice(k * H, (k + 1) * H) for k in range(4))

def forward(W, R, b, X, h0, c0, pert=None):
    pert = pert or {}
    h, c = h0.copy(), c0.copy(); cache = []
    for t in range(T):
        pre = W @ X[t] + R @ h + b + pert.get(('pre', t), 0)       # line 10 / 76
        g = sig(pre)
        z, i, o, f = g[Z], g[I], g[O], g[F]
        cprev, hprev = c, h
        c = cprev * f + z - i + pert.get(('c', t), 0)               # line 11
        h = sig(c) - o + pert.get(('h', t), 0)                      # line 12
        cache.append(dict(pre=pre, z=z, i=i, o=o, f=f, c=c, h=h, cprev=cprev, hprev=hprev))
        c = c + pert.get(('cnext', t), 0)                           # perturbs only what step t+1 (or the loss on c_T) sees
    cache[-1]['cT'] = c
    return cache

def loss(cache):
    return sum(A[t] @ cache[t]['h'] + 0.5 * cache[t]['h'] @ cache[t]['h'] for t in range(T)) + E @ cache[-1]['cT']

def L_of(**kw):
    args = dict(W=W, R=R, b=b, X=X, h0=h0, c0=c0); pert = kw.pop('pert', None); args.update(kw)
    return loss(forward(pert=pert, **args))

eps = 1e-6
def fd(fun, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += eps; xm = x.copy(); xm[idx] -= eps
        g[idx] = (fun(xp) - fun(xm)) / (2 * eps)
    return g

results = {}
def check(line, expect_pass, got, ref, tol=1e-6):
    ok = np.allclose(got, ref, atol=tol, rtol=1e-5)
    results.setdefault(line, []).append(ok)
    assert ok == expect_pass, (line, expect_pass, np.max(np.abs(np.asarray(got) - np.asarray(ref))))

cache = forward(W, R, b, X, h0, c0)

# FD references: total gradients wrt h_t, c_t, pre_t; and future-only gradient on c_t (delta c-hat)
dL_dh = [fd(lambda v, t=t: L_of(pert={('h', t): v}), np.zeros(H)) for t in range(T)]
dL_dc = [fd(lambda v, t=t: L_of(pert={('c', t): v}), np.zeros(H)) for t in range(T)]
dL_dchat = [fd(lambda v, t=t: L_of(pert={('cnext', t): v}), np.zeros(H)) for t in range(T)]
dL_dpre = [fd(lambda v, t=t: L_of(pert={('pre', t): v}), np.zeros(4 * H)) for t in range(T)]
gW = fd(lambda v: L_of(W=v), W); gR = fd(lambda v: L_of(R=v), R); gb = fd(lambda v: L_of(b=v), b)
gX = fd(lambda v: L_of(X=v), X); gh0 = fd(lambda v: L_of(h0=v), h0); gc0 = fd(lambda v: L_of(c0=v), c0)

# ---- the author's backward, line by line, run through time (rows 167/169/171 carry the recursion) ----
Wb = {k: W[s] for k, s in zip('ziof', (Z, I, O, F))}
Rb = {k: R[s] for k, s in zip('ziof', (Z, I, O, F))}
acc = {k: 0 for k in ['W48', 'R48', 'b48', 'W50', 'R50', 'b50', 'W52', 'R52', 'b52', 'W55', 'R55', 'b55',
                      'bz_true', 'b137', 'b146']}
dh_next = np.zeros(H); dchat = E.copy()                 # dL/dc_T from the loss term E.c_T
for t in reversed(range(T)):
    k = cache[t]; pre = k['pre']; x = X[t]; hp = k['hprev']; cp = k['cprev']
    Delta = A[t] + k['h'] + dh_next                          # error from the loss at t + from step t+1
    dh = Delta                                               # line 23
    check(23, True, dh, dL_dh[t])
    check(66, True, np.concatenate([dh, dchat]), np.concatenate([dL_dh[t], dL_dchat[t]]))
    dc = dh * dsig(k['c']) + dchat                           # lines 32/33 (= 86/87)
    for ln in (32, 33, 86, 87):
        check(ln, True, dc, dL_dc[t])
    do_ = -dh * dsig(pre[O]); df_ = dc * cp * dsig(pre[F]); di_ = -dc * dsig(pre[I]); dz_ = dc * dsig(pre[Z])
    check(39, True, do_, dL_dpre[t][O]); check(40, True, df_, dL_dpre[t][F])
    check(41, True, di_, dL_dpre[t][I]); check(42, True, dz_, dL_dpre[t][Z])
    # line 70: delta ybar = Delta_t d[h;c]/dy dy/dybar   (y = each gate activation)
    dhdy = {'z': dsig(k['c']), 'i': -dsig(k['c']), 'o': -np.ones(H), 'f': cp * dsig(k['c'])}
    dcdy = {'z': np.ones(H), 'i': -np.ones(H), 'o': np.zeros(H), 'f': cp}
    for g, s in zip('ziof', (Z, I, O, F)):
        check(70, True, (dh * dhdy[g] + dchat * dcdy[g]) * dsig(pre[s]), dL_dpre[t][s])
    # per-step parameter rows (summed over t below)
    acc['W48'] += np.outer(-(dh * dsig(pre[O])), x); acc['R48'] += np.outer(-(dh * dsig(pre[O])), hp); acc['b48'] += -dh * dsig(pre[O])
    acc['W50'] += np.outer(-(dc * dsig(pre[I])), x); acc['R50'] += np.outer(-(dc * dsig(pre[I])), hp); acc['b50'] += -dc * dsig(pre[I])
    acc['W52'] += np.outer(dc * cp * dsig(pre[F]), x); acc['R52'] += np.outer(dc * cp * dsig(pre[F]), hp); acc['b52'] += dc * cp * dsig(pre[F])
    acc['W55'] += np.outer(dc * dsig(pre[Z]), x); acc['R55'] += np.outer(dc * dsig(pre[Z]), hp)
    acc['b55'] += dc * dsig(pre[F])                          # as written: sigma'(fbar) in the delta b_z slot
    acc['b137'] += dc * cp * dsig(pre[F])                    # line 137 as written, labelled delta b_i
    acc['b146'] += dc * dsig(pre[F])                         # line 146 as written, labelled delta b_i
    # lines 167/169/171
    dx = -Wb['o'].T @ (dh * dsig(pre[O])) - Wb['i'].T @ (dc * dsig(pre[I])) + Wb['f'].T @ (dc * cp * dsig(pre[F])) + Wb['z'].T @ (dc * dsig(pre[Z]))
    check(167, True, dx, gX[t])
    dhp = -Rb['o'].T @ (dh * dsig(pre[O])) - Rb['i'].T @ (dc * dsig(pre[I])) + Rb['f'].T @ (dc * cp * dsig(pre[F])) + Rb['z'].T @ (dc * dsig(pre[Z]))
    dcp = dc * k['f']
    if t > 0:
        check(169, True, dhp, dL_dh[t - 1] - (A[t - 1] + cache[t - 1]['h']))   # part of dL/dh_{t-1} arriving from step t
        check(171, True, dcp, dL_dchat[t - 1])
    else:
        check(169, True, dhp, gh0); check(171, True, dcp, gc0)
    dh_next, dchat = dhp, dcp

for ln in (48, 96, 97, 98, 152):
    check(ln, True, acc['W48'], gW[O])
check(48, True, acc['R48'], gR[O]); check(104, True, acc['R48'], gR[O]); check(152, True, acc['R48'], gR[O])
check(48, True, acc['b48'], gb[O]); check(106, True, acc['b48'], gb[O]); check(152, True, acc['b48'], gb[O])
for ln in (50, 114, 115, 116, 154):
    check(ln, True, acc['W50'], gW[I])
for ln in (50, 122, 154):
    check(ln, True, acc['R50'], gR[I])
for ln in (50, 124, 154):
    check(ln, True, acc['b50'], gb[I])
for ln in (52, 129, 130, 156):
    check(ln, True, acc['W52'], gW[F])
for ln in (52, 136, 156):
    check(ln, True, acc['R52'], gR[F])
for ln in (52, 156):
    check(ln, True, acc['b52'], gb[F])
check(137, False, acc['b137'], gb[I])                       # claims delta b_i, gives delta b_f
check(143, True, acc['W55'], gW[Z]); check(145, True, acc['R55'], gR[Z])
# rows 55 and 159: the W_z and R_z entries are right, the b_z entry (sigma'(fbar)) is wrong -> row fails
assert np.allclose(acc['W55'], gW[Z], atol=1e-6) and np.allclose(acc['R55'], gR[Z], atol=1e-6)
check(55, False, acc['b55'], gb[Z]); check(159, False, acc['b55'], gb[Z])
check(146, False, acc['b146'], gb[I])                       # labelled delta b_i; also not delta b_z:
assert not np.allclose(acc['b146'], gb[Z], atol=1e-6)

# forward rows 10/11/12/76 and differentials 25/26/75/81/88 at one step (c_{t-1}, h_{t-1} held fixed)
t = 2; k = cache[t]; v = rng.normal(0, 1, 4 * H)
def step(pre):
    g = sig(pre); c = k['cprev'] * g[F] + g[Z] - g[I]; return g, c, sig(c) - g[O]
gp, cpl, hpl = step(k['pre'] + eps * v); gm, cmi, hmi = step(k['pre'] - eps * v)
yprime = (gp - gm) / (2 * eps); cprime = (cpl - cmi) / (2 * eps); hprime = (hpl - hmi) / (2 * eps)
check(75, True, dsig(k['pre']) * v, yprime)
for ln in (26, 88):
    check(ln, True, k['cprev'] * yprime[F] + yprime[Z] - yprime[I], cprime)
for ln in (25, 81):
    check(ln, True, dsig(k['c']) * cprime - yprime[O], hprime)
check(10, True, np.concatenate([k['z'], k['i'], k['o'], k['f']]), sig(W @ X[t] + R @ k['hprev'] + b))
check(76, True, k['pre'], W @ X[t] + R @ k['hprev'] + b)
check(11, True, k['c'], k['cprev'] * k['f'] + k['z'] - k['i'])
check(12, True, k['h'], sig(k['c']) - k['o'])

# ---------------- A2 matrix form (rows 181-201) and the C++ code (rows 216-270): one step, batch rows ----------------
N = 2
Wc = rng.normal(0, .6, (4 * H, D)); Rc = rng.normal(0, .6, (4 * H, H)); bi = rng.normal(0, .3, 4 * H); bh = rng.normal(0, .3, 4 * H)
Xb = rng.normal(0, 1, (N, D)); Hp = rng.normal(0, .5, (N, H)); Cp = rng.normal(0, .5, (N, H))
Gh = rng.normal(0, 1, (N, H)); Gc = rng.normal(0, 1, (N, H))        # upstream grad_h, grad_cell

# (a) A2 in its own gate order [Z, I, O, F]
def a2_forward(Wc, Rc, bi, bh, Xb, Hp, Cp, dpre=0):
    P = Xb @ Wc.T + Hp @ Rc.T + np.ones((N, 1)) @ (bi + bh)[None, :] + dpre   # line 181 (b = bi + bh)
    G = sig(P); Zt, It, Ot, Ft = G[:, Z], G[:, I], G[:, O], G[:, F]
    C = Cp * Ft + Zt - It                                                      # line 182
    Hn = sig(C) - Ot                                                           # line 183
    return P, G, C, Hn
def S_a2(**kw):
    a = dict(Wc=Wc, Rc=Rc, bi=bi, bh=bh, Xb=Xb, Hp=Hp, Cp=Cp); a.update(kw)
    _, _, C, Hn = a2_forward(**a); return np.sum(Gh * Hn) + np.sum(Gc * C)
P, G, C, Hn = a2_forward(Wc, Rc, bi, bh, Xb, Hp, Cp)
check(181, True, G, sig(Xb @ Wc.T + Hp @ Rc.T + bi + bh))
check(182, True, C, Cp * G[:, F] + G[:, Z] - G[:, I]); check(183, True, Hn, sig(C) - G[:, O])
def S_of_P(P_):
    G_ = sig(P_); C_ = Cp * G_[:, F] + G_[:, Z] - G_[:, I]
    return np.sum(Gh * (sig(C_) - G_[:, O])) + np.sum(Gc * C_)
gG = fd(S_of_P, P.copy())          # nabla G := gradient wrt the gate pre-activations, (N, 4H)
dC_tot = Gh * dsig(C) + Gc
check(189, True, gG.T @ Xb, fd(lambda v: S_a2(Wc=v), Wc))
check(190, True, gG.T @ Hp, fd(lambda v: S_a2(Rc=v), Rc))
check(191, True, gG.sum(0), fd(lambda v: S_a2(bi=v), bi))
check(199, True, gG @ Wc, fd(lambda v: S_a2(Xb=v), Xb))
check(200, True, gG @ Rc, fd(lambda v: S_a2(Hp=v), Hp))
check(201, True, dC_tot * G[:, F], fd(lambda v: S_a2(Cp=v), Cp))

# (b) C++ code, gate order [in, f, z, out]
IN, FF, ZZ, OUT = (slice(k * H, (k + 1) * H) for k in range(4))
def d_sigmoid(zz):
    s = sig(zz)                                   # line 216
    return (1 - s) * s                            # line 217
zz = rng.normal(0, 1, 5)
check(216, True, sig(zz), 1 / (1 + np.exp(-zz)))
check(217, True, d_sigmoid(zz), fd(lambda v: np.sum(sig(v)), zz))
def cpp_forward(inp, W_, R_, bi_, bh_, h_tm1, c_tm1):
    pre_act_gates = (bi_ + inp @ W_.T) + (bh_ + h_tm1 @ R_.T)      # line 229 (addmm(b, x, W.t()))
    gates = sig(pre_act_gates)                                       # line 230 (.chunk(4, 1))
    in_gate, f_gate, z, out_gate = gates[:, IN], gates[:, FF], gates[:, ZZ], gates[:, OUT]   # lines 232-235
    new_cell = f_gate * c_tm1 + z - in_gate                          # line 237
    new_hidden = sig(new_cell) - out_gate                            # line 238
    return new_hidden, new_cell, pre_act_gates, f_gate
def S_cpp(**kw):
    a = dict(inp=Xb, W_=Wc, R_=Rc, bi_=bi, bh_=bh, h_tm1=Hp, c_tm1=Cp); a.update(kw)
    nh, nc, _, _ = cpp_forward(**a); return np.sum(Gh * nh) + np.sum(Gc * nc)
nh, nc, pag, fg = cpp_forward(Xb, Wc, Rc, bi, bh, Hp, Cp)
# forward rows vs the model of lines 10-12 with gates renamed
ref_pre = Xb @ Wc.T + Hp @ Rc.T + bi + bh
check(229, True, pag, ref_pre); check(230, True, sig(pag), sig(ref_pre))
for ln, s in ((232, IN), (233, FF), (234, ZZ), (235, OUT)):
    check(ln, True, sig(pag)[:, s], sig(ref_pre)[:, s])
check(237, True, nc, fg * Cp + sig(ref_pre)[:, ZZ] - sig(ref_pre)[:, IN])
check(238, True, nh, sig(nc) - sig(ref_pre)[:, OUT])
# backward as written
grad_h, grad_cell, cell_t, cell_tm1, in_t, h_tm1 = Gh, Gc, nc, Cp, Xb, Hp
d_cell = grad_h * d_sigmoid(cell_t) + grad_cell                                       # line 255
check(255, True, d_cell, fd(lambda v: np.sum(Gh * (sig(nc + v) - sig(pag)[:, OUT])) + np.sum(Gc * (nc + v)), np.zeros_like(nc)))
grads_act = np.concatenate([-d_cell, d_cell * cell_tm1, d_cell, -grad_h], axis=1)    # line 257
def S_of_gates(gv):
    c = Cp * gv[:, FF] + gv[:, ZZ] - gv[:, IN]; return np.sum(Gh * (sig(c) - gv[:, OUT])) + np.sum(Gc * c)
check(257, True, grads_act, fd(S_of_gates, sig(pag)))
grads = grads_act * d_sigmoid(pag)                                                   # line 259
gpre = fd(lambda v: S_of_gates(sig(pag + v)), np.zeros_like(pag))
check(259, True, grads, gpre)
t_grads = grads.T                                                                      # line 260
check(260, True, t_grads, gpre.T)
check(263, True, t_grads @ in_t, fd(lambda v: S_cpp(W_=v), Wc))                       # line 263
check(264, True, t_grads @ h_tm1, fd(lambda v: S_cpp(R_=v), Rc))                      # line 264
grad_bias = grads.sum(0, keepdims=True)                                                # line 265
check(265, True, grad_bias[0], fd(lambda v: S_cpp(bi_=v), bi)); check(265, True, grad_bias[0], fd(lambda v: S_cpp(bh_=v), bh))
check(268, True, grads @ Rc, fd(lambda v: S_cpp(h_tm1=v), Hp))                        # line 268
check(269, True, grads @ Wc, fd(lambda v: S_cpp(inp=v), Xb))                          # line 269
check(270, False, grad_cell * fg, fd(lambda v: S_cpp(c_tm1=v), Cp))                   # line 270 as written
assert np.allclose(d_cell * fg, fd(lambda v: S_cpp(c_tm1=v), Cp), atol=1e-6)          # the corrected row

# ---------------- compare with expected.json ----------------
exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['sublstm_notes_cimacmillan.md']
verdict = {ln: all(v) for ln, v in results.items()}
assert set(map(int, exp)) == set(verdict), (sorted(set(map(int, exp)) ^ set(verdict)))
for ln, e in exp.items():
    assert (e['expected'] == 'pass') == verdict[int(ln)], (ln, e['expected'], verdict[int(ln)])
print('ok', len(verdict), 'rows;', sum(verdict.values()), 'pass,', len(verdict) - sum(verdict.values()), 'fail')
