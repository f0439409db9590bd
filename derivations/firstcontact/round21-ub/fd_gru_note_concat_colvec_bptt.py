# FD check for gru_note_concat_colvec_bptt.md (column vectors, concatenation [h_{t-1}; x_t] with h first;
# W_r, W_z, W_h of shape H x (H+V); h_t = (1-z) h_{t-1} + z htilde; yhat_t = softmax(W_y h_t + b_y);
# L = sum_t L_t with L_t = -log yhat_t[target]; sigma'(z_t), tanh'(htilde_t) read through the outputs).
import numpy as np
rng = np.random.default_rng(3)
V, H, T = 4, 3, 4
sg = lambda a: 1 / (1 + np.exp(-a))
def softmax(z): e = np.exp(z - z.max()); return e / e.sum()
P = {k: rng.normal(size=(H, H + V)) * .5 for k in ('Wr', 'Wz', 'Wh')}
P.update(br=rng.normal(size=(H, 1)) * .3, bz=rng.normal(size=(H, 1)) * .3, bh=rng.normal(size=(H, 1)) * .3,
         Wy=rng.normal(size=(V, H)) * .5, by=rng.normal(size=(V, 1)) * .3)
xs = {t: np.eye(V)[:, [i]] for t, i in zip(range(1, T + 1), rng.integers(0, V, T))}
tg = {t: int(i) for t, i in zip(range(1, T + 1), rng.integers(0, V, T))}
h0 = rng.normal(size=(H, 1)) * .3
EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)
KEYS = ('ar', 'az', 'ah', 'r', 'z', 'hc', 'h', 'o', 'yh')
def fwd(P, pert=None):
    pp = lambda kind, t, v: v + pert[2] if (pert and pert[0] == kind and pert[1] == t) else v
    c = {k: {} for k in KEYS}; c['h'][0] = pp('h', 0, h0); Ls = {}
    for t in range(1, T + 1):
        hp = c['h'][t - 1]; cat = np.vstack([hp, xs[t]])
        ar = pp('ar', t, P['Wr'] @ cat + P['br']); az = pp('az', t, P['Wz'] @ cat + P['bz'])
        r = sg(ar); z = sg(az)
        ah = pp('ah', t, P['Wh'] @ np.vstack([r * hp, xs[t]]) + P['bh']); hc = np.tanh(ah)
        h = pp('h', t, (1 - z) * hp + z * hc)
        o = pp('o', t, P['Wy'] @ h + P['by']); yh = pp('yh', t, softmax(o))
        Ls[t] = float(-np.log(yh[tg[t], 0]))
        for k, v in zip(KEYS, (ar, az, ah, r, z, hc, h, o, yh)): c[k][t] = v
    c['Ls'] = Ls; c['L'] = sum(Ls.values()); return c
C = fwd(P)
def g(kind, t, n, f=lambda c: c['L']):
    out = np.zeros((n, 1))
    for j in range(n):
        e = np.zeros((n, 1)); e[j] = EPS
        out[j] = (f(fwd(P, (kind, t, e))) - f(fwd(P, (kind, t, -e)))) / (2 * EPS)
    return out
def gp(name):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        G[idx] = (fwd(Pp)['L'] - fwd(Pm)['L']) / (2 * EPS)
    return G
# forward rows 23, 35, 47, 60 (they define the model)
t = 2; hp = C['h'][t - 1]; cat = np.vstack([hp, xs[t]])
chk(23, close(C['r'][t], sg(P['Wr'] @ cat + P['br']))); chk(35, close(C['z'][t], sg(P['Wz'] @ cat + P['bz'])))
chk(47, close(C['hc'][t], np.tanh(P['Wh'] @ np.vstack([C['r'][t] * hp, xs[t]]) + P['bh'])))
chk(60, close(C['h'][t], (1 - C['z'][t]) * hp + C['z'][t] * C['hc'][t]))
# backward recursion written as in the note, with the true dh_next handed down
dW = {k: np.zeros_like(P[k]) for k in P}
dh_next = np.zeros((H, 1))
for t in range(T, 0, -1):
    hp = C['h'][t - 1]; r, z, hc = C['r'][t], C['z'][t], C['hc'][t]
    d_y = C['yh'][t] - np.eye(V)[:, [tg[t]]]
    # 79: dL/dyhat_t (derivative w.r.t. the softmax OUTPUT) = yhat_t - y
    chk(79, close(g('yh', t, V), d_y))
    if t == T: print('  info 79: yhat - y is the gradient w.r.t. the logits:', close(g('o', t, V), d_y))
    dW['Wy'] += d_y @ C['h'][t].T; dW['by'] += d_y
    dh = P['Wy'].T @ d_y + dh_next
    chk(94, close(dh, g('h', t, H)))
    dz = dh * (hc - hp) * (z * (1 - z))
    dhc = dh * z * (1 - hc ** 2)
    dr = (P['Wh'][:, :H].T @ dhc) * hp * (r * (1 - r))
    chk(100, close(dz, g('az', t, H))); chk(101, close(dhc, g('ah', t, H))); chk(102, close(dr, g('ar', t, H)))
    if t == T:
        lit = dh * (hc - hp) * (sg(z) * (1 - sg(z)))
        print('  info 100: sigma\'(z_t) taken literally (sigma\' evaluated at the gate value) would give:', close(lit, g('az', t, H)))
    cat = np.vstack([hp, xs[t]])
    dW['Wz'] += dz @ cat.T; dW['bz'] += dz; dW['Wr'] += dr @ cat.T; dW['br'] += dr
    dW['Wh'] += dhc @ np.vstack([r * hp, xs[t]]).T; dW['bh'] += dhc
    d_from_h = dh * (1 - z); d_from_cand = (P['Wh'][:, :H].T @ dhc) * r
    d_from_update = P['Wz'][:, :H].T @ dz; d_from_reset = P['Wr'][:, :H].T @ dr
    dh_next = d_from_h + d_from_cand + d_from_update + d_from_reset
    # the part of dL/dh_{t-1} that flows through step t: FD of the loss with h_{t-1} perturbed only inside step t
    def through_step(kind_delta):
        def f(e):
            Pc = P
            hh = {0: h0}
            Ls = 0.
            hcur = h0
            for s in range(1, T + 1):
                hin = hcur + (e if s == t else 0)
                cat_s = np.vstack([hin, xs[s]]); rr = sg(Pc['Wr'] @ cat_s + Pc['br']); zz = sg(Pc['Wz'] @ cat_s + Pc['bz'])
                hcc = np.tanh(Pc['Wh'] @ np.vstack([rr * hin, xs[s]]) + Pc['bh'])
                # the direct use of h_{t-1} (interpolation) and each gate use are perturbed separately below
                hcur = (1 - zz) * hin + zz * hcc
                Ls += float(-np.log(softmax(Pc['Wy'] @ hcur + Pc['by'])[tg[s], 0]))
            return Ls
        return f
    f = through_step(None)
    thr = np.zeros((H, 1))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = EPS
        thr[j] = (f(e) - f(-e)) / (2 * EPS)
    chk(126, close(dh_next, thr))
    # individual paths: (1) interpolation only
    def part(which):
        def f2(e):
            hcur = h0; Ls = 0.
            for s in range(1, T + 1):
                hin = hcur; hq = {k: hin + (e if (s == t and k == which) else 0) for k in ('lin', 'cand', 'upd', 'res')}
                rr = sg(P['Wr'] @ np.vstack([hq['res'], xs[s]]) + P['br']); zz = sg(P['Wz'] @ np.vstack([hq['upd'], xs[s]]) + P['bz'])
                hcc = np.tanh(P['Wh'] @ np.vstack([rr * hq['cand'], xs[s]]) + P['bh'])
                hcur = (1 - zz) * hq['lin'] + zz * hcc
                Ls += float(-np.log(softmax(P['Wy'] @ hcur + P['by'])[tg[s], 0]))
            return Ls
        out = np.zeros((H, 1))
        for j in range(H):
            e = np.zeros((H, 1)); e[j] = EPS
            out[j] = (f2(e) - f2(-e)) / (2 * EPS)
        return out
    chk(119, close(d_from_h, part('lin'))); chk(120, close(d_from_cand, part('cand')))
    chk(121, close(d_from_update, part('upd'))); chk(122, close(d_from_reset, part('res')))
# parameter gradients accumulated over t (rows 87-88, 108-113)
for ln, k in ((87, 'Wy'), (88, 'by'), (108, 'Wz'), (109, 'bz'), (110, 'Wr'), (111, 'br'), (112, 'Wh'), (113, 'bh')):
    chk(ln, close(dW[k], gp(k)))
for ln in sorted(res): print(f'line {ln}: {"OK" if res[ln] else "MISMATCH"}')
