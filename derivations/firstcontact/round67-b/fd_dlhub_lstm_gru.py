"""Finite-difference check of dlhub_lstm_gru.md (alshawai/Deep-Learning-Reference-Hub,
docs/reference/lstm-and-gru.md, commit 3bb786b).

Conventions of the page: feature-first column layout (n, m), concatenated gate weights
W_g (n_a, n_a+n_x) acting on [a_prev; x], softmax read-out, loss = sum_t of the
batch-mean cross-entropy.  Every gradient formula of the page is evaluated as written
and compared with a central finite difference of the loss with respect to the quantity
the formula claims to be the gradient of (intermediates are perturbed through additive
hooks inserted right after they are computed).
"""
import numpy as np

rng = np.random.default_rng(1)
n_x, n_a, n_y, m, T = 2, 3, 2, 3, 3
x = rng.normal(size=(n_x, m, T))
lab = rng.integers(0, n_y, size=(m, T))
Y = np.zeros((n_y, m, T))
for i in range(m):
    for t in range(T):
        Y[lab[i, t], i, t] = 1
a0 = rng.normal(size=(n_a, m)) * .5
c0 = rng.normal(size=(n_a, m)) * .5


def P(keys):
    return {k: rng.normal(size=(n_a, n_a + n_x)) * .6 if k.startswith('W') and k != 'Wy'
            else rng.normal(size=(n_a, 1)) * .3 for k in keys} | {
        'Wy': rng.normal(size=(n_y, n_a)) * .6, 'by': rng.normal(size=(n_y, 1)) * .3}


Pg = P(['Wr', 'Wu', 'Wc', 'br', 'bu', 'bc'])
Pl = P(['Wf', 'Wu', 'Wc', 'Wo', 'bf', 'bu', 'bc', 'bo'])
sig = lambda z: 1 / (1 + np.exp(-z))


def softmax(z):
    e = np.exp(z - z.max(0, keepdims=True)); return e / e.sum(0, keepdims=True)


def H(hooks, name, t, v):
    return v + hooks.get((name, t), 0)


def gru_fwd(p, xx, hooks={}):
    a = {-1: a0}; C = {}; L = 0.
    for t in range(T):
        ap = a[t - 1]
        ap_g = H(hooks, 'ap_gates', t, ap); ap_c = H(hooks, 'ap_cand', t, ap); ap_b = H(hooks, 'ap_blend', t, ap)
        cat = np.vstack([ap_g, xx[:, :, t]])
        zr = H(hooks, 'zr', t, p['Wr'] @ cat + p['br']); zu = H(hooks, 'zu', t, p['Wu'] @ cat + p['bu'])
        Gr = H(hooks, 'Gr', t, sig(zr)); Gu = H(hooks, 'Gu', t, sig(zu))
        rs = H(hooks, 'rs', t, Gr * ap_c)
        catr = np.vstack([rs, xx[:, :, t]])
        zc = H(hooks, 'zc', t, p['Wc'] @ catr + p['bc']); at = H(hooks, 'at', t, np.tanh(zc))
        a[t] = H(hooks, 'a', t, Gu * at + (1 - Gu) * ap_b)
        yh = softmax(p['Wy'] @ a[t] + p['by'])
        L += -np.sum(Y[:, :, t] * np.log(yh)) / m
        C[t] = dict(ap=ap, cat=cat, Gr=Gr, Gu=Gu, catr=catr, at=at, yh=yh)
    return L, a, C


def lstm_fwd(p, xx, hooks={}):
    a = {-1: H(hooks, 'a', -1, a0)}; c = {-1: H(hooks, 'c', -1, c0)}; C = {}; L = 0.
    for t in range(T):
        cat = np.vstack([a[t - 1], xx[:, :, t]])
        zf = H(hooks, 'zf', t, p['Wf'] @ cat + p['bf']); zu = H(hooks, 'zu', t, p['Wu'] @ cat + p['bu'])
        zc = H(hooks, 'zc', t, p['Wc'] @ cat + p['bc']); zo = H(hooks, 'zo', t, p['Wo'] @ cat + p['bo'])
        Gf = H(hooks, 'Gf', t, sig(zf)); Gu = H(hooks, 'Gu', t, sig(zu))
        ct = H(hooks, 'ct', t, np.tanh(zc)); Go = H(hooks, 'Go', t, sig(zo))
        c[t] = H(hooks, 'c', t, Gu * ct + Gf * c[t - 1])
        a[t] = H(hooks, 'a', t, Go * np.tanh(c[t]))
        yh = softmax(p['Wy'] @ a[t] + p['by'])
        L += -np.sum(Y[:, :, t] * np.log(yh)) / m
        C[t] = dict(cat=cat, Gf=Gf, Gu=Gu, ct=ct, Go=Go, yh=yh)
    return L, a, c, C


def fd_hook(fwd, p, name, t, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        g[idx] = (fwd(p, x, {(name, t): d})[0] - fwd(p, x, {(name, t): -d})[0]) / (2 * eps)
    return g


def fd_par(fwd, p, k, eps=1e-6):
    g = np.zeros_like(p[k])
    for idx in np.ndindex(*p[k].shape):
        pp = {q: v.copy() for q, v in p.items()}; pm = {q: v.copy() for q, v in p.items()}
        pp[k][idx] += eps; pm[k][idx] -= eps
        g[idx] = (fwd(pp, x)[0] - fwd(pm, x)[0]) / (2 * eps)
    return g


def fd_x(fwd, p, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        xp = x.copy(); xm = x.copy(); xp[idx] += eps; xm[idx] -= eps
        g[idx] = (fwd(p, xp)[0] - fwd(p, xm)[0]) / (2 * eps)
    return g


def close(a, b, tol=1e-5):
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))


res = {}


def rep(line, ok, what):
    res[line] = res.get(line, True) and bool(ok)
    print(f"line {line:4d}: {'AGREES   ' if ok else 'DISAGREES'}  {what}")


# line 150: derivative identities
z = np.linspace(-3, 3, 9); e = 1e-6
rep(150, close(sig(z) * (1 - sig(z)), (sig(z + e) - sig(z - e)) / (2 * e)) and
    close(1 - np.tanh(z) ** 2, (np.tanh(z + e) - np.tanh(z - e)) / (2 * e)), "sigma' = G(1-G), tanh' = 1 - tanh^2")

# ------------------------------- GRU (lines 68-74, 140-153, 196-224) ------------------
print("--- GRU ---")
L, a, C = gru_fwd(Pg, x)
grads = {k: np.zeros_like(v) for k, v in Pg.items()}
dx = np.zeros_like(x); da_next = np.zeros((n_a, m))
for t in reversed(range(T)):
    c_ = C[t]
    dzy = (c_['yh'] - Y[:, :, t]) / m                                  # 140
    grads['Wy'] += dzy @ a[t].T; grads['by'] += dzy.sum(1, keepdims=True)
    da = Pg['Wy'].T @ dzy + da_next                                     # 145
    rep(145, close(da, fd_hook(gru_fwd, Pg, 'a', t, (n_a, m))), f"da^<{t}> (read-out + from t+1) vs FD")
    dGu = da * (c_['at'] - c_['ap']); dat = da * c_['Gu']               # 196
    rep(196, close(dGu, fd_hook(gru_fwd, Pg, 'Gu', t, (n_a, m))) and close(dat, fd_hook(gru_fwd, Pg, 'at', t, (n_a, m))), f"dGamma_u, da~ at t={t}")
    blend = da * (1 - c_['Gu'])                                         # 201
    rep(201, close(blend, fd_hook(gru_fwd, Pg, 'ap_blend', t, (n_a, m))), f"(da^<t-1>)_blend at t={t}")
    dzc = dat * (1 - c_['at'] ** 2)                                     # 206
    rep(206, close(dzc, fd_hook(gru_fwd, Pg, 'zc', t, (n_a, m))), f"dz_c at t={t}")
    grads['Wc'] += dzc @ c_['catr'].T; grads['bc'] += dzc.sum(1, keepdims=True)
    full_c = Pg['Wc'].T @ dzc
    s = full_c[:n_a]                                                    # 208
    rep(208, close(s, fd_hook(gru_fwd, Pg, 'rs', t, (n_a, m))), f"s = top rows of W_c^T dz_c = dL/d(Gamma_r*a_prev) at t={t}")
    dGr = s * c_['ap']; cand = s * c_['Gr']                             # 212
    rep(212, close(dGr, fd_hook(gru_fwd, Pg, 'Gr', t, (n_a, m))) and close(cand, fd_hook(gru_fwd, Pg, 'ap_cand', t, (n_a, m))), f"dGamma_r and candidate path at t={t}")
    dzr = dGr * c_['Gr'] * (1 - c_['Gr']); dzu = dGu * c_['Gu'] * (1 - c_['Gu'])   # 216
    rep(216, close(dzr, fd_hook(gru_fwd, Pg, 'zr', t, (n_a, m))) and close(dzu, fd_hook(gru_fwd, Pg, 'zu', t, (n_a, m))), f"dz_r, dz_u at t={t}")
    grads['Wr'] += dzr @ c_['cat'].T; grads['br'] += dzr.sum(1, keepdims=True)     # 218
    grads['Wu'] += dzu @ c_['cat'].T; grads['bu'] += dzu.sum(1, keepdims=True)
    gates = (Pg['Wr'].T @ dzr + Pg['Wu'].T @ dzu)[:n_a]                  # 220
    rep(220, close(gates, fd_hook(gru_fwd, Pg, 'ap_gates', t, (n_a, m))), f"(da^<t-1>)_gates at t={t}")
    dx[:, :, t] = (full_c + Pg['Wr'].T @ dzr + Pg['Wu'].T @ dzu)[n_a:]   # 224
    da_next = blend + cand + gates
rep(145, close(da_next, fd_hook(gru_fwd, Pg, 'ap_blend', 0, (n_a, m)) + fd_hook(gru_fwd, Pg, 'ap_cand', 0, (n_a, m)) + fd_hook(gru_fwd, Pg, 'ap_gates', 0, (n_a, m))), "sum of the three paths at t=0 = dL/da^<0>")
fdp = {k: fd_par(gru_fwd, Pg, k) for k in Pg}
rep(140, close(grads['Wy'], fdp['Wy']) and close(grads['by'], fdp['by']), "dz_y, dW_y, db_y summed over t vs FD")
rep(153, all(close(grads[k], fdp[k]) for k in Pg), "dW_g = sum_t dW_g^<t> (all GRU params) vs FD")
rep(206, close(grads['Wc'], fdp['Wc']) and close(grads['bc'], fdp['bc']), "dW_c (reset concatenation), db_c summed over t")
rep(218, all(close(grads[k], fdp[k]) for k in ['Wr', 'br', 'Wu', 'bu']), "dW_r, db_r, dW_u, db_u summed over t")
rep(224, close(dx, fd_x(gru_fwd, Pg)), "dx^<t> (bottom rows of the three products)")

# ------------------------------- LSTM (lines 94-104, 163-188) -------------------------
print("--- LSTM ---")
L, a, c, C = lstm_fwd(Pl, x)
grads = {k: np.zeros_like(v) for k, v in Pl.items()}
dx = np.zeros_like(x); da_next = np.zeros((n_a, m)); dc_next = np.zeros((n_a, m))
for t in reversed(range(T)):
    c_ = C[t]
    dzy = (c_['yh'] - Y[:, :, t]) / m
    grads['Wy'] += dzy @ a[t].T; grads['by'] += dzy.sum(1, keepdims=True)
    da = Pl['Wy'].T @ dzy + da_next                                     # 145
    rep(145, close(da, fd_hook(lstm_fwd, Pl, 'a', t, (n_a, m))), f"LSTM da^<{t}> vs FD")
    dGo = da * np.tanh(c[t])                                            # 163
    rep(163, close(dGo, fd_hook(lstm_fwd, Pl, 'Go', t, (n_a, m))), f"dGamma_o at t={t}")
    dc = dc_next + da * c_['Go'] * (1 - np.tanh(c[t]) ** 2)             # 165
    rep(165, close(dc, fd_hook(lstm_fwd, Pl, 'c', t, (n_a, m))), f"dc^<{t}> total vs FD")
    dGu = dc * c_['ct']; dct = dc * c_['Gu']                            # 170
    rep(170, close(dGu, fd_hook(lstm_fwd, Pl, 'Gu', t, (n_a, m))) and close(dct, fd_hook(lstm_fwd, Pl, 'ct', t, (n_a, m))), f"dGamma_u, dc~ at t={t}")
    dGf = dc * c[t - 1]; dc_next = dc * c_['Gf']                        # 172
    rep(172, close(dGf, fd_hook(lstm_fwd, Pl, 'Gf', t, (n_a, m))), f"dGamma_f at t={t}")
    dzf = dGf * c_['Gf'] * (1 - c_['Gf']); dzu = dGu * c_['Gu'] * (1 - c_['Gu'])   # 176
    dzc = dct * (1 - c_['ct'] ** 2); dzo = dGo * c_['Go'] * (1 - c_['Go'])           # 178
    rep(176, close(dzf, fd_hook(lstm_fwd, Pl, 'zf', t, (n_a, m))) and close(dzu, fd_hook(lstm_fwd, Pl, 'zu', t, (n_a, m))), f"dz_f, dz_u at t={t}")
    rep(178, close(dzc, fd_hook(lstm_fwd, Pl, 'zc', t, (n_a, m))) and close(dzo, fd_hook(lstm_fwd, Pl, 'zo', t, (n_a, m))), f"dz_c, dz_o at t={t}")
    for g, dz in zip('fuco', [dzf, dzu, dzc, dzo]):                     # 184
        grads['W' + g] += dz @ c_['cat'].T; grads['b' + g] += dz.sum(1, keepdims=True)
    dcat = Pl['Wf'].T @ dzf + Pl['Wu'].T @ dzu + Pl['Wc'].T @ dzc + Pl['Wo'].T @ dzo   # 186
    da_next = dcat[:n_a]; dx[:, :, t] = dcat[n_a:]                      # 188
# dc_next after the loop is (dc^<0>)_from 1 = dL/dc0 (line 172 second half)
rep(172, close(dc_next, fd_hook(lstm_fwd, Pl, 'c', -1, (n_a, m))), "(dc^<0>)_from 1 = dc^<1> * Gamma_f = dL/dc^<0> vs FD")
rep(186, close(da_next, fd_hook(lstm_fwd, Pl, 'a', -1, (n_a, m))), "top n_a rows of d[a;x] at t=0 = dL/da^<0> vs FD")
fdp = {k: fd_par(lstm_fwd, Pl, k) for k in Pl}
rep(184, all(close(grads[k], fdp[k]) for k in Pl if k not in ('Wy', 'by')), "dW_g, db_g (g in f,u,c,o) summed over t vs FD")
rep(140, close(grads['Wy'], fdp['Wy']) and close(grads['by'], fdp['by']), "LSTM read-out dW_y, db_y")
fdx = fd_x(lstm_fwd, Pl)
rep(186, close(dx, fdx), "bottom rows of d[a;x] = dx^<t> vs FD")
rep(188, close(dx, fdx), "top rows feed da^<t-1> (checked by line 145 at t-1), bottom rows = dx")

print("\nDISAGREE:", sorted(l for l, ok in res.items() if not ok))
print("AGREE:   ", sorted(l for l, ok in res.items() if ok))
