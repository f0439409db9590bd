"""FD check of andiran_lstm_crypto_matlab.md (rasimandiran/matlab-crypto-lstm, lstm.m + helpers).

Author's model (column vectors, j = 1..T, MATLAB line numbers of the note):
  f,i,o = logsig(W* x_j + R* h~_{j-1} + b*), g = tanh(Wg x_j + Rg h~_{j-1} + bg)
  c_j = f.*c_{j-1} + i.*g ;  h_j = o.*tanh(c_j) ;  h~_j = h_j.*mask/(1-p)   (one mask drawn at j=1, reused)
  y_j = softmax(V h~_j + b) ;  E_j = xentropy(d_j, y_j) = sum(-d.*log(y) - (1-d).*log(1-y))
  loss = (sum_j E_j)/T.  The backward accumulates gradients of Ltot = sum_j E_j and divides by T at the end.
Each line is checked as a LOCAL step: the upstream quantities it consumes are set to their exact
(finite-difference) values, and its result is compared to the exact FD value of what it claims to be.
Per-step increments (dW = dW + ...) are compared with the gradient w.r.t. a copy of the parameter
that is used at that step only.
"""
import numpy as np

rng = np.random.default_rng(7)
nin, H, D, T, p = 3, 4, 3, 4, 0.3
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
P = {}
for g in 'figo':
    P['W' + g] = rng.normal(size=(H, nin)) * 0.7
    P['R' + g] = rng.normal(size=(H, H)) * 0.7
    P['b' + g] = rng.normal(size=(H, 1)) * 0.3
P['V'] = rng.normal(size=(D, H)) * 0.7
P['b'] = rng.normal(size=(D, 1)) * 0.3
X = rng.normal(size=(nin, T))
Dt = np.eye(D)[:, rng.integers(0, D, size=T)]        # one-hot targets, columns = time
h0 = rng.normal(size=(H, 1)) * 0.5
c0 = rng.normal(size=(H, 1)) * 0.5
mask = np.array([[1.0], [0.0], [1.0], [1.0]])       # a fixed draw of rand(size(ht)) > p (one unit dropped)

softmax = lambda a: np.exp(a) / np.sum(np.exp(a))
xent = lambda d, y: np.sum(-d * np.log(y) - (1 - d) * np.log(1 - y))


def fwd(P=P, e=None, step=None, h0=h0, c0=c0):
    """e: additive perturbations (keyed by name, arrays (n, T)); step: {(param, t): perturbation}
    (parameter copy used at time t only)."""
    e = e or {}; step = step or {}
    E = lambda k, n, t: e[k][:, [t]] if k in e else np.zeros((n, 1))
    Pt = lambda k, t: P[k] + step.get((k, t), 0)
    hrec, ct = h0, c0
    out = {k: np.zeros((H, T)) for k in ('f', 'i', 'g', 'o', 'c', 'hraw', 'hd', 'af', 'ai', 'ag', 'ao')}
    out['y'] = np.zeros((D, T)); Ltot = 0.0
    for t in range(T):
        x = X[:, [t]]
        pre = {g: Pt('W' + g, t) @ x + Pt('R' + g, t) @ hrec + Pt('b' + g, t) + E('a' + g, H, t) for g in 'figo'}
        f = sig(pre['f']) + E('f', H, t); i = sig(pre['i']) + E('i', H, t)
        g = np.tanh(pre['g']) + E('g', H, t); o = sig(pre['o']) + E('o', H, t)
        c = f * ct + i * g + E('c', H, t)
        hraw = o * np.tanh(c) + E('hraw', H, t)
        hd = hraw * mask / (1 - p) + E('hd', H, t)
        a = Pt('V', t) @ hd + Pt('b', t) + E('out', D, t)
        y = softmax(a)
        Ltot += xent(Dt[:, [t]], y)
        hrec = hd + E('hd_rec', H, t)          # dropped h as used by the next step only
        ct = c + E('c_rec', H, t)              # c as used by the next step only
        for k, v in (('f', f), ('i', i), ('g', g), ('o', o), ('c', c), ('hraw', hraw), ('hd', hd),
                     ('af', pre['f']), ('ai', pre['i']), ('ag', pre['g']), ('ao', pre['o'])):
            out[k][:, [t]] = v
        out['y'][:, [t]] = y
    out['Ltot'] = Ltot; out['loss'] = Ltot / T
    return out


def ng(fun, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps
        am = a0.copy(); am[idx] -= eps
        g[idx] = (fun(ap) - fun(am)) / (2 * eps)
    return g


def rep(line, ok):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")


close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)
F = fwd()
gE = lambda k, n: ng(lambda a: fwd(e={k: a})['Ltot'], np.zeros((n, T)))
gStep = lambda k, t: ng(lambda a: fwd(step={(k, t): a})['Ltot'], np.zeros_like(P[k]))
gP = lambda k: ng(lambda a: fwd(P={**P, k: a})['loss'], P[k])
col = lambda M, t: M[:, [t]]

# ---------------- forward ----------------
ht, ct = h0, c0; okf = {k: True for k in (33, 34, 35, 36, 38, 39, 45, 47, 48)}; loss = 0.0
for t in range(T):
    xt = X[:, [t]]
    ft = sig(P['Wf'] @ xt + P['Rf'] @ ht + P['bf']); okf[33] &= close(ft, col(F['f'], t))
    it = sig(P['Wi'] @ xt + P['Ri'] @ ht + P['bi']); okf[34] &= close(it, col(F['i'], t))
    gt = np.tanh(P['Wg'] @ xt + P['Rg'] @ ht + P['bg']); okf[35] &= close(gt, col(F['g'], t))
    ot = sig(P['Wo'] @ xt + P['Ro'] @ ht + P['bo']); okf[36] &= close(ot, col(F['o'], t))
    ct = ft * ct + it * gt; okf[38] &= close(ct, col(F['c'], t))
    ht = ot * np.tanh(ct); okf[39] &= close(ht, col(F['hraw'], t))
    ht = ht * mask / (1 - p); okf[45] &= close(ht, col(F['hd'], t))
    yt = softmax(P['V'] @ ht + P['b'])
    ref = np.exp(P['V'] @ ht + P['b'] - np.max(P['V'] @ ht + P['b'])); okf[47] &= close(yt, ref / ref.sum())
    loss = loss + xent(col(Dt, t), yt)
    okf[48] &= np.isclose(loss, sum(xent(col(Dt, s), col(F['y'], s)) for s in range(t + 1)))
for k in sorted(okf):
    rep(k, okf[k])
rep(42, set(np.unique(mask)) <= {0.0, 1.0})                  # mask = dropoutMask(ht, dropout): 0/1 keep mask
rep(61, np.isclose(loss / T, F['loss']))

# ---------------- exact reference gradients ----------------
gy = gE('out', D)            # dLtot/d(logits_j)
ghraw = gE('hraw', H)        # dLtot/d(h_j before dropout)
ghrec = gE('hd_rec', H)      # dLtot/d(h~_j) through the recurrence only (what dhnext should carry)
gcrec = gE('c_rec', H)       # dLtot/dc_j through c_{j+1} only (what dcnext should carry)
gc = gE('c', H)              # total dLtot/dc_j
gpost = {g: gE(g, H) for g in 'figo'}
gpre = {g: gE('a' + g, H) for g in 'figo'}
gh0 = ng(lambda a: fwd(h0=a)['Ltot'], h0)
gc0 = ng(lambda a: fwd(c0=a)['Ltot'], c0)

ok = {k: True for k in (84, 86, 87, 89, 90, 91, 96, 99, 100, 102, 103, 104, 105, 107, 108, 109, 110,
                        112, 113, 114, 115, 123, 124, 125, 126, 129, 130, 94, 118, 119, 120, 121)}
dV_author = np.zeros_like(P['V'])
ht_leftover = col(F['hd'], T - 1)                            # `ht` still holds the last forward value
for t in range(T - 1, -1, -1):
    xt = X[:, [t]]; yt = col(F['y'], t); dt = col(Dt, t)
    it, ot, ft, gt, ct = (col(F[k], t) for k in ('i', 'o', 'f', 'g', 'c'))
    dyt = -(dt - yt); ok[84] &= close(dyt, col(gy, t))
    dyt_true = col(gy, t)
    dhnext = col(ghrec, t) if t < T - 1 else np.zeros((H, 1))
    dht = P['V'].T @ dyt_true * mask + dhnext; ok[86] &= close(dht, col(ghraw, t))
    dht_true = col(ghraw, t)
    dcnext = col(gcrec, t) if t < T - 1 else np.zeros((H, 1))
    dct = dht_true * ot * (1 - ct ** 2) + dcnext; ok[87] &= close(dct, col(gc, t))
    dct_true = col(gc, t)
    dot = dht_true * np.tanh(ct); ok[89] &= close(dot, col(gpost['o'], t))
    dit = dct_true * gt; ok[90] &= close(dit, col(gpost['i'], t))
    dgt = dct_true * it; ok[91] &= close(dgt, col(gpost['g'], t))
    if t == 0:
        dft = dct_true * c0; ok[94] &= close(dft, col(gpost['f'], t))
    else:
        dft = dct_true * col(F['c'], t - 1); ok[96] &= close(dft, col(gpost['f'], t))
    ok[99] &= close(dyt_true @ ht_leftover.T, gStep('V', t))   # per-step increment of dV
    dV_author += dyt_true @ ht_leftover.T
    ok[100] &= close(dyt_true, gStep('b', t))
    dff = col(gpost['f'], t) * ft * (1 - ft); ok[102] &= close(dff, col(gpre['f'], t))
    dii = col(gpost['i'], t) * it * (1 - it); ok[103] &= close(dii, col(gpre['i'], t))
    dgg = col(gpost['g'], t) * (1 - gt ** 2); ok[104] &= close(dgg, col(gpre['g'], t))
    doo = col(gpost['o'], t) * ot * (1 - ot); ok[105] &= close(doo, col(gpre['o'], t))
    pre_true = {g: col(gpre[g], t) for g in 'figo'}
    for ln, g in zip((107, 108, 109, 110), 'figo'):
        ok[ln] &= close(pre_true[g] @ xt.T, gStep('W' + g, t))
    for ln, g in zip((112, 113, 114, 115), 'figo'):
        ok[ln] &= close(pre_true[g], gStep('b' + g, t))
    hprev = h0 if t == 0 else col(F['hd'], t - 1)
    for ln0, ln1, g in zip((118, 119, 120, 121), (123, 124, 125, 126), 'figo'):
        ok[ln0 if t == 0 else ln1] &= close(pre_true[g] @ hprev.T, gStep('R' + g, t))
    dcnext_new = dct_true * ft
    ok[129] &= close(dcnext_new, gc0 if t == 0 else col(gcrec, t - 1))
    dhnext_new = P['Rf'].T @ col(gpost['f'], t) * ft * (1 - ft) + P['Ri'].T @ col(gpost['i'], t) * it * (1 - it) + \
        P['Rg'].T @ col(gpost['g'], t) * (1 - gt ** 2) + P['Ro'].T @ col(gpost['o'], t) * ot * (1 - ot)
    # target: dLtot/d(h~_{j-1}) through step j's gates = gradient w.r.t. h0 (t=0) or the recurrent copy
    ok[130] &= close(dhnext_new, gh0 if t == 0 else col(ghrec, t - 1))
for k in sorted(ok):
    rep(k, ok[k])
print("info: literal dV (sum of dyt*ht' with the leftover ht) vs dLtot/dV:",
      'OK' if close(dV_author, ng(lambda a: fwd(P={**P, 'V': a})['Ltot'], P['V'])) else 'MISMATCH')
print("info: dhnext with the intended grouping R'*(dpre) vs target:",
      'OK' if close(sum(P['R' + g].T @ col(gpre[g], 1) for g in 'figo'), col(ghrec, 0)) else 'MISMATCH')
print("info: dht with (V'*dy + dhnext).*mask/(1-p) vs target:",
      'OK' if close((P['V'].T @ col(gy, 1) + col(ghrec, 1)) * mask / (1 - p), col(ghraw, 1)) else 'MISMATCH')

# ---------------- final division by T (uses exact summed gradients of Ltot) ----------------
gL = {k: ng(lambda a: fwd(P={**P, k: a})['Ltot'], P[k]) for k in P}
for ln, ks in ((138, ('Wf', 'Rf', 'bf')), (139, ('Wi', 'Ri', 'bi')), (140, ('Wg', 'Rg', 'bg')),
               (141, ('Wo', 'Ro', 'bo')), (142, ('V', 'b'))):
    rep(ln, all(close(gL[k] / T, gP(k)) for k in ks))

# ---------------- helper files ----------------
u = rng.random(size=(H, 1)); rep(151, close((u > p).astype(float), np.where(u > p, 1.0, 0.0)))
a = rng.normal(size=(D, 1)); rep(159, close(np.exp(a) / np.sum(np.exp(a)), np.exp(a - a.max()) / np.exp(a - a.max()).sum()))
d = col(Dt, 0); y = softmax(a)
rep(167, np.isclose(xent(d, y), -np.sum(d * np.log(y)) - np.sum((1 - d) * np.log(1 - y))))
a0 = P['V'] @ col(F['hd'], 0) + P['b']
gcat = ng(lambda a: -np.sum(col(Dt, 0) * np.log(softmax(a))), a0)
print("info: line 84's y-d equals the gradient of the categorical CE -sum(d.*log(y)) (not of the binary xentropy.m):",
      'OK' if close(softmax(a0) - col(Dt, 0), gcat) else 'MISMATCH')
