"""Finite-difference check of profat_lstm_peephole_rtrl_zh.md (numpy only).

Model (the note's conventions): LSTM-2000 without hidden units, time t uses x(t) and the states of
t-1: net^g(t) = w^g . xt(t) with xt(t) = (x(t), y^fg(t-1), y^ig(t-1), y^og(t-1), y^blk1(t-1), ...),
g in {fg, ig, og}, y^g = sigmoid; net^blk k(t) = w^blk k . xt(t); s(t) = y^fg s(t-1) + y^ig g(net),
g = 4 sigmoid - 2; eq (3) y^blk = y^og h(s) with h = 2 sigmoid - 1, replaced by eq (4) y^blk = y^og s
(h = identity), which the gradients (7)-(11), (15)-(17) use; y(t) = sigmoid(w^out . (x(t), y^blk(t))),
loss(t) = 1/2 sum_i (y_i - yhat_i)^2.  Peephole version: net^fg_k, net^ig_k get + u_k . s^k(t-1),
net^og_k gets + u^og_k . s^k(t) (inner product; the note writes an elementwise product).
Gradients are truncated-RTRL ("approx_tr"): no gradient into the recurrent entries of xt nor through
the peephole inputs, but along s.  Reference = central difference of loss(T) with those entries
frozen at their nominal values (s recomputed); the same frozen differences give ds(t)/dw.
The free index j of eq (11) is evaluated with j != p.
"""
import numpy as np

rng = np.random.default_rng(1)
din, nb, db, dout, T = 2, 2, 2, 2, 4
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
g = lambda z: 4 * sig(z) - 2
dg = lambda z: 4 * dsig(z)
D = din + nb * (3 + db)


def make_params(peep):
    P = {n: rng.normal(0, .7, (nb, D)) for n in ('fg', 'ig', 'og')}
    P['blk'] = rng.normal(0, .7, (nb, db, D)); P['out'] = rng.normal(0, .7, (dout, din + nb * db))
    if peep:
        for n in ('ufg', 'uig', 'uog'):
            P[n] = rng.normal(0, .7, (nb, db))
    return P


def run(P, X, peep, hfun=lambda s: s, frozen=None):
    yfg, yig, yog = np.zeros(nb), np.zeros(nb), np.zeros(nb)
    s, yb = np.zeros((nb, db)), np.zeros((nb, db))
    tr = []
    for t in range(T):
        if frozen is None:
            xt = np.concatenate([X[t], yfg, yig, yog, yb.ravel()]); s_peep = s.copy()
        else:
            xt = frozen[t]['xt'].copy(); xt[:din] = X[t]; s_peep = frozen[t]['s_prev']
        st = {'xt': xt, 's_prev': s_peep if frozen is not None else s.copy()}
        st['net_fg'] = P['fg'] @ xt + (np.sum(P['ufg'] * s_peep, 1) if peep else 0)
        st['net_ig'] = P['ig'] @ xt + (np.sum(P['uig'] * s_peep, 1) if peep else 0)
        yfg, yig = sig(st['net_fg']), sig(st['net_ig'])
        st['net_blk'] = np.einsum('kpq,q->kp', P['blk'], xt)
        s = yfg[:, None] * s + yig[:, None] * g(st['net_blk'])
        s_og = (frozen[t]['s'] if frozen is not None else s)
        st['net_og'] = P['og'] @ xt + (np.sum(P['uog'] * s_og, 1) if peep else 0)
        yog = sig(st['net_og'])
        yb = yog[:, None] * hfun(s)
        xo = np.concatenate([X[t], yb.ravel()])
        st['net_out'] = P['out'] @ xo
        st.update(yfg=yfg, yig=yig, yog=yog, s=s.copy(), yb=yb.copy(), xo=xo, y=sig(st['net_out']))
        tr.append(st)
    return tr


def fd(P, X, Yhat, peep, name, idx, what='loss', eps=1e-6):
    nom = run(P, X, peep)
    out = []
    for sgn in (1, -1):
        Q = {k: v.copy() for k, v in P.items()}
        Q[name][idx] += sgn * eps
        tr = run(Q, X, peep, frozen=nom)
        out.append(0.5 * np.sum((tr[-1]['y'] - Yhat) ** 2) if what == 'loss' else tr[what[0]]['s'][what[1]])
    return (out[0] - out[1]) / (2 * eps)


results = []


def report(line, expected, a, b):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-10)
    verdict = 'pass' if ok else 'fail'
    results.append((line, verdict == expected))
    print(f"line {line}: author={np.ravel(a)[:3]} (shape {np.shape(a)}) ref={np.ravel(b)[:3]} (shape {np.shape(b)}) "
          f"-> {verdict} (expected {expected}) {'OK' if verdict == expected else 'MISMATCH'}")


def check(peep):
    P = make_params(peep)
    X = rng.normal(0, 1, (T, din)); Yhat = rng.uniform(0, 1, dout)
    tr = run(P, X, peep); L, Lp = tr[-1], tr[-2]
    e = L['y'] - Yhat; fo = dsig(L['net_out']); xt = L['xt']; W = P['out']
    col = lambda k, j: din + k * db + j
    k, q, p = 1, 4, 0
    jbad = (p + 1) % db
    dsP = lambda name, idx, jj: fd(P, X, Yhat, peep, name, idx, what=(T - 2, (k, jj)))
    dsT = lambda name, idx, jj: fd(P, X, Yhat, peep, name, idx, what=(T - 1, (k, jj)))
    if not peep:
        for line, n in ((264, 'og'),):
            report(line, 'pass', np.stack([P[m] @ xt for m in ('fg', 'ig', 'og')]),
                   np.stack([L['net_fg'], L['net_ig'], L['net_og']]))
        report(273, 'pass', np.stack([sig(L['net_fg']), sig(L['net_ig']), sig(L['net_og'])]),
               np.stack([L['yfg'], L['yig'], L['yog']]))
        report(285, 'pass', np.array([P['blk'][kk] @ xt for kk in range(nb)]), L['net_blk'])
        report(294, 'pass', L['yfg'][:, None] * Lp['s'] + L['yig'][:, None] * g(L['net_blk']), L['s'])
        h2 = lambda z: 2 * sig(z) - 1
        trh = run(P, X, peep, hfun=h2)
        report(305, 'pass', trh[-1]['yog'][:, None] * h2(trh[-1]['s']), trh[-1]['yb'])
        report(313, 'pass', L['yog'][:, None] * L['s'], L['yb'])
        report(320, 'pass', W @ np.concatenate([X[T - 1], L['yb'].ravel()]), L['net_out'])
        report(326, 'pass', sig(L['net_out']), L['y'])
        ref_loss = 0.5 * np.sum(e ** 2)
        report(338, 'pass', sum(0.5 * e[i] ** 2 for i in range(dout)), ref_loss)
        report(339, 'pass', np.sum(0.5 * e ** 2), ref_loss)
        i, jj = 0, 3
        ref = fd(P, X, Yhat, peep, 'out', (i, jj))
        report(351, 'pass', e[i] * fo[i] * L['xo'][jj], ref)
        report(352, 'pass', e[i] * fo[i] * L['xo'][jj], ref)
        # eq (8) output gate, h = identity
        ref = fd(P, X, Yhat, peep, 'og', (k, q))
        a = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['s'][k, j] for j in range(db)) * dsig(L['net_og'][k]) * xt[q] for i in range(dout))
        report(367, 'pass', a, ref); report(369, 'pass', a, ref)
        # eq (9) input gate
        ref = fd(P, X, Yhat, peep, 'ig', (k, q))
        dT = [dsT('ig', (k, q), j) for j in range(db)]; dP = [dsP('ig', (k, q), j) for j in range(db)]
        report(389, 'pass', sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dT[j] for j in range(db)) for i in range(dout)), ref)
        a = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * (L['yfg'][k] * dP[j] + g(L['net_blk'][k, j]) * dsig(L['net_ig'][k]) * xt[q]) for j in range(db)) for i in range(dout))
        report(390, 'pass', a, ref); report(392, 'pass', a, ref)
        # eq (10) forget gate
        ref = fd(P, X, Yhat, peep, 'fg', (k, q))
        dT = [dsT('fg', (k, q), j) for j in range(db)]; dP = [dsP('fg', (k, q), j) for j in range(db)]
        report(412, 'pass', sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dT[j] for j in range(db)) for i in range(dout)), ref)
        a = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * (dsig(L['net_fg'][k]) * xt[q] * Lp['s'][k, j] + L['yfg'][k] * dP[j]) for j in range(db)) for i in range(dout))
        report(413, 'pass', a, ref); report(415, 'pass', a, ref)
        # eq (11) cell input weights, free index j (!= p)
        ref = fd(P, X, Yhat, peep, 'blk', (k, p, q))
        dTp = dsT('blk', (k, p, q), p); dPp = dsP('blk', (k, p, q), p)
        report(435, 'pass', sum(e[i] * fo[i] * W[i, col(k, p)] * L['yog'][k] * dTp for i in range(dout)), ref)
        # row 436: d s_p / d g_j * d g_j / d net_j * d net_j / d w_{p,q}: zero for j != p
        dnet_j = xt[q] if jbad == p else 0.0
        a436 = sum(e[i] * fo[i] * W[i, col(k, p)] * L['yog'][k] * (L['yfg'][k] * dPp + L['yig'][k] * dg(L['net_blk'][k, jbad]) * dnet_j) for i in range(dout))
        report(436, 'fail', a436, ref)
        a438 = sum(e[i] * fo[i] * W[i, col(k, jbad)] * L['yog'][k] * (L['yfg'][k] * dPp + L['yig'][k] * dg(L['net_blk'][k, p]) * xt[q]) for i in range(dout))
        report(438, 'fail', a438, ref)
        a438p = sum(e[i] * fo[i] * W[i, col(k, p)] * L['yog'][k] * (L['yfg'][k] * dPp + L['yig'][k] * dg(L['net_blk'][k, p]) * xt[q]) for i in range(dout))
        assert np.isclose(a438p, ref, rtol=1e-5, atol=1e-8), (a438p, ref)
    else:
        # eq (13)/(14) as printed: u_k (1 x d_blk) elementwise-times s^k -> a d_blk vector, not the scalar net_k
        kk = k
        a495 = P['fg'][kk] @ xt + P['ufg'][kk] * Lp['s'][kk]
        report(495, 'fail', a495, L['net_fg'][kk])
        report(504, 'pass', np.stack([sig(L['net_fg']), sig(L['net_ig'])]), np.stack([L['yfg'], L['yig']]))
        a516 = P['og'][kk] @ xt + P['uog'][kk] * L['s'][kk]
        report(516, 'fail', a516, L['net_og'][kk])
        report(525, 'pass', sig(L['net_og']), L['yog'])
        qq = 0
        # eq (15) u^og
        ref = fd(P, X, Yhat, peep, 'uog', (k, qq))
        a = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['s'][k, j] for j in range(db)) * dsig(L['net_og'][k]) * L['s'][k, qq] for i in range(dout))
        report(543, 'pass', a, ref); report(545, 'pass', a, ref)
        # eq (16) u^ig
        ref = fd(P, X, Yhat, peep, 'uig', (k, qq))
        dT = [dsT('uig', (k, qq), j) for j in range(db)]; dP = [dsP('uig', (k, qq), j) for j in range(db)]
        report(557, 'pass', sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dT[j] for j in range(db)) for i in range(dout)), ref)
        a = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * (L['yfg'][k] * dP[j] + g(L['net_blk'][k, j]) * dsig(L['net_ig'][k]) * Lp['s'][k, qq]) for j in range(db)) for i in range(dout))
        report(558, 'pass', a, ref); report(560, 'pass', a, ref)
        # eq (17) u^fg
        ref = fd(P, X, Yhat, peep, 'ufg', (k, qq))
        dT = [dsT('ufg', (k, qq), j) for j in range(db)]; dP = [dsP('ufg', (k, qq), j) for j in range(db)]
        report(572, 'pass', sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dT[j] for j in range(db)) for i in range(dout)), ref)
        a = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * (dsig(L['net_fg'][k]) * Lp['s'][k, qq] * Lp['s'][k, j] + L['yfg'][k] * dP[j]) for j in range(db)) for i in range(dout))
        report(573, 'pass', a, ref); report(575, 'pass', a, ref)


check(False)
check(True)
bad = [l for l, ok in results if not ok]
print(f"{len(results)} lines checked, {len(bad)} disagreements with expected.json", bad)
