"""Finite-difference check of profat_lstm_forget_gate_rtrl_zh.md (numpy only).

Model (the note's conventions): LSTM of Hochreiter & Schmidhuber 1997 without hidden units
(original section, no forget gate) and Gers et al. 2000 (forget gate).  Step t -> t+1 uses the
input x(t) and the previous states; gates y^g(t+1) = sigma(w^g . xt(t)),
xt(t) = (x(t), [y^fg(t)], y^ig(t), y^og(t), y^blk1(t), ..., y^blkN(t)),
net^blk k(t+1) = w^blk k . xt(t), s(t+1) = [y^fg(t+1) *] s(t) + y^ig_k(t+1) g(net),
y^blk k(t+1) = y^og_k(t+1) h(s(t+1)), y(t+1) = sigma(w^out . (x(t), y^blk(t+1))),
g = 4 sigma - 2, h = 2 sigma - 1, loss(t+1) = 1/2 sum_i (y_i - yhat_i)^2.
The note's gradients are truncated-RTRL gradients ("approx_tr"): no gradient flows into the recurrent
entries of xt(t) (previous gate activations and cell outputs), but it does flow along the internal
state s.  The reference is therefore the central difference of loss(T) computed with those
recurrent entries frozen at their nominal values (s recomputed).  The same frozen central difference
gives the RTRL accumulators ds(t)/dw that the formulas take as upstream quantities.
Free index j in the fails (eqs 9, 16) is evaluated with j != p (it would only be right for j = p).
"""
import numpy as np

rng = np.random.default_rng(0)
din, nb, db, dout, T = 2, 2, 2, 2, 4
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
g = lambda z: 4 * sig(z) - 2
dg = lambda z: 4 * dsig(z)
h = lambda z: 2 * sig(z) - 1
dh = lambda z: 2 * dsig(z)


def make_params(forget):
    nrec = nb * ((3 if forget else 2) + db)
    D = din + nrec
    P = {'ig': rng.normal(0, .7, (nb, D)), 'og': rng.normal(0, .7, (nb, D)),
         'blk': rng.normal(0, .7, (nb, db, D)), 'out': rng.normal(0, .7, (dout, din + nb * db))}
    if forget:
        P['fg'] = rng.normal(0, .7, (nb, D))
    return P


def run(P, X, forget, frozen=None):
    """Forward pass; if frozen (a nominal trajectory) is given, the recurrent part of xt is taken from it."""
    yfg, yig, yog = np.zeros(nb), np.zeros(nb), np.zeros(nb)
    s, yb = np.zeros((nb, db)), np.zeros((nb, db))
    tr = []
    for t in range(T):
        if frozen is None:
            rec = ([yfg] if forget else []) + [yig, yog, yb.ravel()]
            xt = np.concatenate([X[t]] + rec)
        else:
            xt = frozen[t]['xt'].copy()
            xt[:din] = X[t]
        st = {'xt': xt, 's_prev': s.copy()}
        st['net_ig'] = P['ig'] @ xt; st['net_og'] = P['og'] @ xt
        yig, yog = sig(st['net_ig']), sig(st['net_og'])
        if forget:
            st['net_fg'] = P['fg'] @ xt; yfg = sig(st['net_fg'])
        st['net_blk'] = np.einsum('kpq,q->kp', P['blk'], xt)
        gv = g(st['net_blk'])
        s = (yfg[:, None] * s if forget else s) + yig[:, None] * gv
        yb = yog[:, None] * h(s)
        xo = np.concatenate([X[t], yb.ravel()])
        st['net_out'] = P['out'] @ xo
        st.update(yig=yig, yog=yog, yfg=yfg.copy(), s=s.copy(), yb=yb.copy(), xo=xo, y=sig(st['net_out']))
        tr.append(st)
    return tr


def loss(tr, Yhat):
    return 0.5 * np.sum((tr[-1]['y'] - Yhat) ** 2)


def fd(P, X, Yhat, forget, name, idx, what='loss', eps=1e-6):
    nom = run(P, X, forget)
    out = []
    for sgn in (1, -1):
        Q = {k: v.copy() for k, v in P.items()}
        Q[name][idx] += sgn * eps
        tr = run(Q, X, forget, frozen=nom)
        out.append(loss(tr, Yhat) if what == 'loss' else tr[what[0]]['s'][what[1]])
    return (out[0] - out[1]) / (2 * eps)


results = []


def report(line, expected, a, b, tol=1e-6):
    ok = np.allclose(a, b, rtol=1e-5, atol=tol) if np.shape(a) == np.shape(b) else False
    verdict = 'pass' if ok else 'fail'
    results.append((line, verdict == expected))
    print(f"line {line}: author={np.ravel(a)[:3]} ref={np.ravel(b)[:3]} -> {verdict} (expected {expected}) "
          f"{'OK' if verdict == expected else 'MISMATCH'}")


def check(forget):
    P = make_params(forget)
    X = rng.normal(0, 1, (T, din)); Yhat = rng.uniform(0, 1, dout)
    tr = run(P, X, forget); L = tr[-1]; Lp = tr[-2]
    e = L['y'] - Yhat; fo = dsig(L['net_out']); xt = L['xt']
    W = P['out']
    col = lambda k, j: din + k * db + j
    k, q, p = 1, 3, 0
    jbad = (p + 1) % db
    dsT = lambda name, idx, jj: fd(P, X, Yhat, forget, name, idx, what=(T - 1, (k, jj)))
    dsP = lambda name, idx, jj: fd(P, X, Yhat, forget, name, idx, what=(T - 2, (k, jj)))
    if not forget:
        # forward eqs (1)-(5)
        report(245, 'pass', sig(P['ig'] @ xt), L['yig'])
        report(246, 'pass', sig(P['og'] @ xt), L['yog'])
        report(263, 'pass', np.array([P['blk'][kk] @ xt for kk in range(nb)]), L['net_blk'])
        report(264, 'pass', Lp['s'] + L['yig'][:, None] * g(L['net_blk']), L['s'])
        report(275, 'pass', L['yog'][:, None] * h(L['s']), L['yb'])
        report(291, 'pass', sig(W @ np.concatenate([X[T - 1], L['yb'].ravel()])), L['y'])
        ref_loss = 0.5 * np.sum((L['y'] - Yhat) ** 2)
        report(305, 'pass', sum(0.5 * (L['y'][i] - Yhat[i]) ** 2 for i in range(dout)), ref_loss)
        report(306, 'pass', np.sum(0.5 * e ** 2), ref_loss)
        # eq (6)
        i, jj = 1, 3
        ref = fd(P, X, Yhat, forget, 'out', (i, jj))
        report(316, 'pass', e[i] * fo[i] * L['xo'][jj], ref)
        report(317, 'pass', e[i] * fo[i] * L['xo'][jj], ref)
        # eq (7) output gate
        ref = fd(P, X, Yhat, forget, 'og', (k, q))
        dy_dyog = h(L['s'][k])  # dy^blk_j / dy^og_k
        a333 = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * dy_dyog[j] for j in range(db)) * dsig(L['net_og'][k]) * xt[q] for i in range(dout))
        report(333, 'pass', a333, ref)
        a335 = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * h(L['s'][k, j]) for j in range(db)) * dsig(L['net_og'][k]) * xt[q] for i in range(dout))
        report(335, 'pass', a335, ref)
        # eq (8) input gate (truncated RTRL)
        ref = fd(P, X, Yhat, forget, 'ig', (k, q))
        dsT_ = [dsT('ig', (k, q), j) for j in range(db)]
        dsP_ = [dsP('ig', (k, q), j) for j in range(db)]
        a354 = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dh(L['s'][k, j]) * dsT_[j] for j in range(db)) for i in range(dout))
        report(354, 'pass', a354, ref)
        a356 = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dh(L['s'][k, j]) * (dsP_[j] + g(L['net_blk'][k, j]) * dsig(L['net_ig'][k]) * xt[q]) for j in range(db)) for i in range(dout))
        report(356, 'pass', a356, ref)
        report(358, 'pass', a356, ref)
        # eq (9) cell input weights w^{blk k}_{p,q}
        ref = fd(P, X, Yhat, forget, 'blk', (k, p, q))
        dsT_p = dsT('blk', (k, p, q), p); dsP_p = dsP('blk', (k, p, q), p)
        a378 = sum(e[i] * fo[i] * W[i, col(k, p)] * L['yog'][k] * dh(L['s'][k, p]) * dsT_p for i in range(dout))
        report(378, 'pass', a378, ref)
        # row 379: g_j(net_j) with free j: d net_j / d w_{p,q} = 0 for j != p
        dnet_j_dw = xt[q] if jbad == p else 0.0
        a379 = sum(e[i] * fo[i] * W[i, col(k, p)] * L['yog'][k] * dh(L['s'][k, p]) * (dsP_p + L['yig'][k] * dg(L['net_blk'][k, jbad]) * dnet_j_dw) for i in range(dout))
        report(379, 'fail', a379, ref)
        a381 = sum(e[i] * fo[i] * W[i, col(k, jbad)] * L['yog'][k] * dh(L['s'][k, jbad]) * (dsP_p + L['yig'][k] * dg(L['net_blk'][k, p]) * xt[q]) for i in range(dout))
        report(381, 'fail', a381, ref)
        # sanity: with j = p the row-381 expression is right
        a381p = sum(e[i] * fo[i] * W[i, col(k, p)] * L['yog'][k] * dh(L['s'][k, p]) * (dsP_p + L['yig'][k] * dg(L['net_blk'][k, p]) * xt[q]) for i in range(dout))
        assert np.isclose(a381p, ref, rtol=1e-5, atol=1e-7), (a381p, ref)
    else:
        # eq (11) as printed: net^fg(t+1) = f^fg(w^fg . xt(t))  (parenthesis misplaced)
        report(446, 'fail', sig(P['fg'] @ xt), L['net_fg'])
        report(462, 'pass', L['yfg'][:, None] * Lp['s'] + L['yig'][:, None] * g(L['net_blk']), L['s'])
        # eq (14) forget gate
        ref = fd(P, X, Yhat, forget, 'fg', (k, q))
        dsT_ = [dsT('fg', (k, q), j) for j in range(db)]
        dsP_ = [dsP('fg', (k, q), j) for j in range(db)]
        a491 = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dh(L['s'][k, j]) * dsT_[j] for j in range(db)) for i in range(dout))
        report(491, 'pass', a491, ref)
        a493 = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dh(L['s'][k, j]) * (L['yfg'][k] * dsP_[j] + Lp['s'][k, j] * dsig(L['net_fg'][k]) * xt[q]) for j in range(db)) for i in range(dout))
        report(493, 'pass', a493, ref)
        a495 = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dh(L['s'][k, j]) * (L['yfg'][k] * dsP_[j] + Lp['s'][k, j] * dsig(L['net_og'][k]) * xt[q]) for j in range(db)) for i in range(dout))
        report(495, 'fail', a495, ref)
        # eq (15) input gate with forget gate
        ref = fd(P, X, Yhat, forget, 'ig', (k, q))
        dsP_ = [dsP('ig', (k, q), j) for j in range(db)]
        a518 = sum(e[i] * fo[i] * sum(W[i, col(k, j)] * L['yog'][k] * dh(L['s'][k, j]) * (L['yfg'][k] * dsP_[j] + g(L['net_blk'][k, j]) * dsig(L['net_ig'][k]) * xt[q]) for j in range(db)) for i in range(dout))
        report(518, 'pass', a518, ref)
        # eq (16) cell input weights with forget gate, free j
        ref = fd(P, X, Yhat, forget, 'blk', (k, p, q))
        dsP_p = dsP('blk', (k, p, q), p)
        a539 = sum(e[i] * fo[i] * W[i, col(k, jbad)] * L['yog'][k] * dh(L['s'][k, jbad]) * (L['yfg'][k] * dsP_p + L['yig'][k] * dg(L['net_blk'][k, p]) * xt[q]) for i in range(dout))
        report(539, 'fail', a539, ref)
        a539p = sum(e[i] * fo[i] * W[i, col(k, p)] * L['yog'][k] * dh(L['s'][k, p]) * (L['yfg'][k] * dsP_p + L['yig'][k] * dg(L['net_blk'][k, p]) * xt[q]) for i in range(dout))
        assert np.isclose(a539p, ref, rtol=1e-5, atol=1e-7), (a539p, ref)


check(False)
check(True)
bad = [l for l, ok in results if not ok]
print(f"{len(results)} lines checked, {len(bad)} disagreements with expected.json", bad)
