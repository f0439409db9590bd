"""Finite-difference check of matconvnet_lstm2d_peephole_matlab.md
(vl_nnlstmpeepholeforward / vl_nnlstmpeepholebackward, 2D peephole LSTM, MatConvNet, Ligong Han 2017).

Conventions of the source: column vectors, batch in the last dimension; a = cell input (tanh), i, f, o gates
(sigm); 'h(t-1)', 'c(t-1)' of the header equations are, on the 2D grid, the averages hpred / cpred of the
available predecessors (left (t1-1,t2) and upper (t1,t2-1), or h0/c0 at the start corner), with
opts.scalePredecessor = true and opts.forwardDir = [1 1] (the defaults).  The peephole matrices Vi, Vf, Vo
are full dimh x dimh matrices; Vi, Vf see c(t-1), Vo sees c(t).  dy is the gradient of the loss w.r.t. every
output h(t1,t2); here L = sum G .* h with a random G, so dy = G.  In the backward pass the names
hsucc/csucc hold the PREDECESSOR averages (= hpred/cpred), dh/dc first hold the total gradients w.r.t.
h(t1,t2)/c(t1,t2) and are then overwritten by the gradient passed to each predecessor (/nsucc).

All true adjoints are obtained by central finite differences, injecting additive perturbations into
intermediate nodes of a numpy transcription of the forward function (per-edge injections give the
contribution of one path).  The backward function is transcribed line by line; at each annotated line the
value it produces is compared with the true value.  Prints 'line N: OK' / 'line N: MISMATCH'.
"""
import numpy as np

rng = np.random.default_rng(20171213)
DX, DH, T1, T2, NB = 3, 4, 3, 2, 2
EPS = 1e-6
names = ['Wc', 'Wi', 'Wf', 'Wo', 'Uc', 'Ui', 'Uf', 'Uo', 'Vi', 'Vf', 'Vo', 'bc', 'bi', 'bf', 'bo']
shapes = dict(Wc=(DH, DX), Wi=(DH, DX), Wf=(DH, DX), Wo=(DH, DX), Uc=(DH, DH), Ui=(DH, DH), Uf=(DH, DH),
              Uo=(DH, DH), Vi=(DH, DH), Vf=(DH, DH), Vo=(DH, DH), bc=(DH, 1), bi=(DH, 1), bf=(DH, 1), bo=(DH, 1))
P = {k: rng.normal(0, 0.5, shapes[k]) for k in names}
Xin = rng.normal(0, 1, (DX, T1 + 1, T2 + 1, NB))      # 1-based grid indices, [:, t1, t2, b]
h0 = rng.normal(0, 0.5, (DH, 1))
c0 = rng.normal(0, 0.5, (DH, 1))
G = rng.normal(0, 1, (DH, T1 + 1, T2 + 1, NB))         # dy


def sigm(x):
    return 1. / (1 + np.exp(-x))


def preds(t1, t2):
    """predecessor list in the order the forward adds them (forwardDir = [1 1])"""
    L = []
    if t1 == 1 and t2 == 1:
        L.append('init')
    if t1 != 1:
        L.append((t1 - 1, t2))
    if t2 != 1:
        L.append((t1, t2 - 1))
    return L


def forward(P=P, X=Xin, inj=None, batch=None):
    """returns loss and all intermediates; inj: dict key -> (DH, NB) additive perturbation.
    keys: ('hedge',t1,t2,k), ('cedge',t1,t2,k): k-th predecessor's h/c as used by cell (t1,t2);
    ('hpred'|'cpred'|'apre'|'ipre'|'fpre'|'opre'|'a'|'i'|'f'|'o'|'c'|'c_h'|'c_o'|'h', t1, t2)"""
    inj = inj or {}
    q = lambda *k: inj.get(k, 0.0)
    S = {}
    for t2 in range(1, T2 + 1):
        for t1 in range(1, T1 + 1):
            hs, cs = [], []
            for k, p in enumerate(preds(t1, t2)):
                hv = np.repeat(h0, NB, 1) if p == 'init' else S[p]['h']
                cv = np.repeat(c0, NB, 1) if p == 'init' else S[p]['c']
                hs.append(hv + q('hedge', t1, t2, k))
                cs.append(cv + q('cedge', t1, t2, k))
            n = len(hs)
            hpred = sum(hs) / n + q('hpred', t1, t2)
            cpred = sum(cs) / n + q('cpred', t1, t2)
            x = X[:, t1, t2, :]
            apre = P['Wc'] @ x + P['Uc'] @ hpred + P['bc'] + q('apre', t1, t2)
            ipre = P['Wi'] @ x + P['Ui'] @ hpred + P['Vi'] @ cpred + P['bi'] + q('ipre', t1, t2)
            fpre = P['Wf'] @ x + P['Uf'] @ hpred + P['Vf'] @ cpred + P['bf'] + q('fpre', t1, t2)
            a = np.tanh(apre) + q('a', t1, t2)
            i = sigm(ipre) + q('i', t1, t2)
            f = sigm(fpre) + q('f', t1, t2)
            c = i * a + f * cpred + q('c', t1, t2)
            opre = P['Wo'] @ x + P['Uo'] @ hpred + P['Vo'] @ (c + q('c_o', t1, t2)) + P['bo'] + q('opre', t1, t2)
            o = sigm(opre) + q('o', t1, t2)
            h = o * np.tanh(c + q('c_h', t1, t2)) + q('h', t1, t2)
            S[(t1, t2)] = dict(hpred=hpred, cpred=cpred, hs=hs, cs=cs, n=n, x=x, apre=apre, ipre=ipre,
                               fpre=fpre, opre=opre, a=a, i=i, f=f, c=c, o=o, h=h)
    bsel = slice(None) if batch is None else slice(batch, batch + 1)
    Lval = float(sum(np.sum(G[:, t1, t2, bsel] * S[(t1, t2)]['h'][:, bsel]) for (t1, t2) in S))
    return Lval, S


L0, S = forward()


def adj(key):
    g = np.zeros((DH, NB))
    for idx in np.ndindex(DH, NB):
        e = np.zeros((DH, NB))
        e[idx] = EPS
        g[idx] = (forward(inj={key: e})[0] - forward(inj={key: -e})[0]) / (2 * EPS)
    return g


def pgrad(key, batch=None):
    out = np.zeros(shapes[key])
    for idx in np.ndindex(*shapes[key]):
        Pp = dict(P)
        Pm = dict(P)
        Pp[key] = P[key].copy()
        Pm[key] = P[key].copy()
        Pp[key][idx] += EPS
        Pm[key][idx] -= EPS
        out[idx] = (forward(Pp, batch=batch)[0] - forward(Pm, batch=batch)[0]) / (2 * EPS)
    return out


def xgrad(t1, t2):
    out = np.zeros((DX, NB))
    for idx in np.ndindex(DX, NB):
        Xp = Xin.copy()
        Xm = Xin.copy()
        Xp[(idx[0], t1, t2, idx[1])] += EPS
        Xm[(idx[0], t1, t2, idx[1])] -= EPS
        out[idx] = (forward(X=Xp)[0] - forward(X=Xm)[0]) / (2 * EPS)
    return out


results = {}


def report(line, ok):
    results.setdefault(line, True)
    results[line] = results[line] and bool(ok)


def close(a, b, tol=1e-6):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)


# ======================= forward function and header equations ================================
for (t1, t2), s in S.items():
    hv = [np.repeat(h0, NB, 1) if p == 'init' else S[p]['h'] for p in preds(t1, t2)]
    cv = [np.repeat(c0, NB, 1) if p == 'init' else S[p]['c'] for p in preds(t1, t2)]
    pl = preds(t1, t2)
    if 'init' in pl:
        report(51, close(s['hs'][0], np.repeat(h0, NB, 1)))
        report(52, close(s['cs'][0], np.repeat(c0, NB, 1)))
    if t1 != 1:
        report(56, close(s['hs'][pl.index((t1 - 1, t2))], S[(t1 - 1, t2)]['h']))
        report(57, close(s['cs'][pl.index((t1 - 1, t2))], S[(t1 - 1, t2)]['c']))
    if t2 != 1:
        report(61, close(s['hs'][pl.index((t1, t2 - 1))], S[(t1, t2 - 1)]['h']))
        report(62, close(s['cs'][pl.index((t1, t2 - 1))], S[(t1, t2 - 1)]['c']))
    report(66, close(s['hpred'], sum(hv) / len(hv)))
    report(67, close(s['cpred'], sum(cv) / len(cv)))
    x, hp, cp = s['x'], s['hpred'], s['cpred']
    report(68, close(s['apre'], P['Wc'] @ x + P['Uc'] @ hp + P['bc']))
    report(69, close(s['ipre'], P['Wi'] @ x + P['Ui'] @ hp + P['Vi'] @ cp + P['bi']))
    report(71, close(s['fpre'], P['Wf'] @ x + P['Uf'] @ hp + P['Vf'] @ cp + P['bf']))
    report(73, close(s['a'], np.tanh(s['apre'])))
    report(74, close(s['i'], sigm(s['ipre'])))
    report(75, close(s['f'], sigm(s['fpre'])))
    report(76, close(s['c'], s['i'] * s['a'] + s['f'] * cp))
    report(77, close(s['opre'], P['Wo'] @ x + P['Uo'] @ hp + P['Vo'] @ s['c'] + P['bo']))
    report(79, close(s['o'], sigm(s['opre'])))
    report(80, close(s['h'], s['o'] * np.tanh(s['c'])))
    # header equations (forward file 11-16, backward file 105-110), h(t-1) := hpred, c(t-1) := cpred
    for l1, l2, ok in ((11, 105, close(s['a'], np.tanh(P['Wc'] @ x + P['Uc'] @ hp + P['bc']))),
                       (12, 106, close(s['i'], sigm(P['Wi'] @ x + P['Ui'] @ hp + P['bi'] + P['Vi'] @ cp))),
                       (13, 107, close(s['f'], sigm(P['Wf'] @ x + P['Uf'] @ hp + P['bf'] + P['Vf'] @ cp))),
                       (14, 108, close(s['o'], sigm(P['Wo'] @ x + P['Uo'] @ hp + P['bo'] + P['Vo'] @ s['c']))),
                       (15, 109, close(s['c'], s['i'] * s['a'] + s['f'] * cp)),
                       (16, 110, close(s['h'], s['o'] * np.tanh(s['c'])))):
        report(l1, ok)
        report(l2, ok)
zz = np.linspace(-5, 5, 11)
report(91, close(sigm(zz), np.exp(zz) / (1 + np.exp(zz))))

# ======================= true adjoints =========================================================
A = {}
for (t1, t2), s in S.items():
    for nm in ('h', 'c', 'c_h', 'c_o', 'a', 'i', 'f', 'o', 'apre', 'ipre', 'fpre', 'opre', 'hpred', 'cpred'):
        A[(nm, t1, t2)] = adj((nm, t1, t2))
    for k in range(s['n']):
        A[('hedge', t1, t2, k)] = adj(('hedge', t1, t2, k))
        A[('cedge', t1, t2, k)] = adj(('cedge', t1, t2, k))


def edge_contrib(kind, succ, pred):
    """contribution to dL/d{h,c}(pred) through the successor cell succ"""
    if succ[0] > T1 or succ[1] > T2:
        return None
    k = preds(*succ).index(pred)
    return A[(kind, succ[0], succ[1], k)]


# ======================= backward function, transcribed line by line ===========================
dy = G
dh = np.zeros((DH, T1 + 1, T2 + 1, NB))
dc = np.zeros((DH, T1 + 1, T2 + 1, NB))
dx = np.zeros((DX, T1 + 1, T2 + 1, NB))
acc = {k: np.zeros(shapes[k] + (NB,)) for k in names}       # per-batch accumulators (before sum over 5)
step1, startIdx1, endIdx1 = -1, T1, 1
step2, startIdx2, endIdx2 = -1, T2, 1
for t2 in range(startIdx2, endIdx2 - 1, step2):
    for t1 in range(startIdx1, endIdx1 - 1, step1):
        s = S[(t1, t2)]
        c1 = edge_contrib('hedge', (t1 + 1, t2), (t1, t2))
        c2 = edge_contrib('hedge', (t1, t2 + 1), (t1, t2))
        dh[:, t1, t2, :] = dy[:, t1, t2, :]                                              # 159
        report(159, close(dh[:, t1, t2, :], G[:, t1, t2, :]))      # direct term dL/dh via the output
        if t1 != startIdx1:
            dh[:, t1, t2, :] = dh[:, t1, t2, :] + dh[:, t1 - step1, t2, :]                # 161
            report(161, close(dh[:, t1, t2, :], G[:, t1, t2, :] + c1))
        if t2 != startIdx2:
            dh[:, t1, t2, :] = dh[:, t1, t2, :] + dh[:, t1, t2 - step2, :]                # 164
        report(164, close(dh[:, t1, t2, :], A[('h', t1, t2)]))     # total dL/dh(t1,t2)
        tanhc = np.tanh(s['c'])                                                           # 166
        report(166, close(tanhc, np.tanh(s['c'])))
        do = dh[:, t1, t2, :] * tanhc                                                     # 167
        report(167, close(do, A[('o', t1, t2)]))
        do = do * s['o'] * (1 - s['o'])                                                   # 168
        report(168, close(do, A[('opre', t1, t2)]))
        dc[:, t1, t2, :] = dh[:, t1, t2, :] * s['o'] * (1 - tanhc ** 2) + P['Vo'].T @ do  # 169
        report(169, close(dc[:, t1, t2, :], A[('c_h', t1, t2)] + A[('c_o', t1, t2)]))
        e1 = edge_contrib('cedge', (t1 + 1, t2), (t1, t2))
        if t1 != startIdx1:
            dc[:, t1, t2, :] = dc[:, t1, t2, :] + dc[:, t1 - step1, t2, :]                # 172
            report(172, close(dc[:, t1, t2, :], A[('c_h', t1, t2)] + A[('c_o', t1, t2)] + e1))
        if t2 != startIdx2:
            dc[:, t1, t2, :] = dc[:, t1, t2, :] + dc[:, t1, t2 - step2, :]                # 175
        report(175, close(dc[:, t1, t2, :], A[('c', t1, t2)]))     # total dL/dc(t1,t2)
        da = dc[:, t1, t2, :] * s['i']                                                    # 177
        report(177, close(da, A[('a', t1, t2)]))
        di = dc[:, t1, t2, :] * s['a']                                                    # 178
        report(178, close(di, A[('i', t1, t2)]))
        hsucc = np.zeros((DH, NB))
        csucc = np.zeros((DH, NB))
        nsucc = 0
        if t1 == endIdx1 and t2 == endIdx2:
            hsucc = hsucc + h0                                                            # 183
            csucc = csucc + c0                                                            # 184
            nsucc = nsucc + 1
            report(183, close(hsucc, s['hs'][0]))
            report(184, close(csucc, s['cs'][0]))
        if t1 != endIdx1:
            hsucc = hsucc + S[(t1 + step1, t2)]['h']                                      # 188
            csucc = csucc + S[(t1 + step1, t2)]['c']                                      # 189
            nsucc = nsucc + 1
            report(188, close(hsucc, s['hs'][0]))
            report(189, close(csucc, s['cs'][0]))
        if t2 != endIdx2:
            hsucc = hsucc + S[(t1, t2 + step2)]['h']                                      # 193
            csucc = csucc + S[(t1, t2 + step2)]['c']                                      # 194
            nsucc = nsucc + 1
            report(193, close(hsucc, sum(s['hs'])))
            report(194, close(csucc, sum(s['cs'])))
        hsucc = hsucc / nsucc                                                             # 198
        csucc = csucc / nsucc                                                             # 199
        report(198, close(hsucc, s['hpred']))
        report(199, close(csucc, s['cpred']))
        df = dc[:, t1, t2, :] * csucc                                                     # 200
        report(200, close(df, A[('f', t1, t2)]))
        da = da * (1 - s['a'] ** 2)                                                       # 201
        report(201, close(da, A[('apre', t1, t2)]))
        di = di * s['i'] * (1 - s['i'])                                                   # 202
        report(202, close(di, A[('ipre', t1, t2)]))
        df = df * s['f'] * (1 - s['f'])                                                   # 203
        report(203, close(df, A[('fpre', t1, t2)]))
        dc[:, t1, t2, :] = dc[:, t1, t2, :] * s['f'] + P['Vf'].T @ df + P['Vi'].T @ di   # 204
        report(204, close(dc[:, t1, t2, :], A[('cpred', t1, t2)]))
        dh[:, t1, t2, :] = P['Uc'].T @ da + P['Ui'].T @ di + P['Uf'].T @ df + P['Uo'].T @ do   # 206
        report(206, close(dh[:, t1, t2, :], A[('hpred', t1, t2)]))
        dc[:, t1, t2, :] = dc[:, t1, t2, :] / nsucc                                       # 208
        dh[:, t1, t2, :] = dh[:, t1, t2, :] / nsucc                                       # 209
        for k in range(s['n']):
            report(208, close(dc[:, t1, t2, :], A[('cedge', t1, t2, k)]))
            report(209, close(dh[:, t1, t2, :], A[('hedge', t1, t2, k)]))
        for nm, dd in (('bc', da), ('bi', di), ('bf', df), ('bo', do)):
            acc[nm] += dd[:, None, :]                                                     # 210-213
        xv = s['x']
        for nm, dd in (('Wc', da), ('Wi', di), ('Wf', df), ('Wo', do)):
            acc[nm] += np.einsum('ib,jb->ijb', dd, xv)                                    # 214-217
        for nm, dd in (('Uc', da), ('Ui', di), ('Uf', df), ('Uo', do)):
            acc[nm] += np.einsum('ib,jb->ijb', dd, hsucc)                                 # 218-221
        acc['Vi'] += np.einsum('ib,jb->ijb', di, csucc)                                   # 222
        acc['Vf'] += np.einsum('ib,jb->ijb', df, csucc)                                   # 223
        acc['Vo'] += np.einsum('ib,jb->ijb', do, s['c'])                                  # 224
        dx[:, t1, t2, :] = P['Wc'].T @ da + P['Wi'].T @ di + P['Wf'].T @ df + P['Wo'].T @ do   # 225
        report(225, close(dx[:, t1, t2, :], xgrad(t1, t2)))

# accumulated per-batch gradients (lines 210-224) vs per-batch finite differences
line_of = dict(bc=210, bi=211, bf=212, bo=213, Wc=214, Wi=215, Wf=216, Wo=217, Uc=218, Ui=219, Uf=220,
               Uo=221, Vi=222, Vf=223, Vo=224)
for nm in names:
    for b in range(NB):
        report(line_of[nm], close(acc[nm][..., b], pgrad(nm, batch=b)))
# sum over the batch (lines 236-250) vs finite differences of the total loss
sum_line = dict(Wc=236, Wi=237, Wf=238, Wo=239, Uc=240, Ui=241, Uf=242, Uo=243, Vi=244, Vf=245, Vo=246,
                bc=247, bi=248, bf=249, bo=250)
for nm in names:
    report(sum_line[nm], close(acc[nm].sum(-1), pgrad(nm)))

# ---- negative controls (not source lines): plausible slips are detected by the same checks -------
s22 = S[(2, 2)]
tc22 = np.tanh(s22['c'])
assert not close(A[('h', 2, 2)] * s22['o'] * (1 - tc22 ** 2), A[('c_h', 2, 2)] + A[('c_o', 2, 2)])  # no Vo^T do
assert not close(A[('hpred', 2, 2)], A[('hedge', 2, 2, 0)])                               # missing /nsucc
vo_prev = acc['Vo'].sum(-1) - np.einsum('ib,jb->ij', A[('opre', 2, 2)], s22['c']) \
    + np.einsum('ib,jb->ij', A[('opre', 2, 2)], s22['cpred'])
assert not close(vo_prev, pgrad('Vo'))                                                    # Vo paired with c(t-1)

for line in sorted(results):
    print(f"line {line}: {'OK' if results[line] else 'MISMATCH'}")
