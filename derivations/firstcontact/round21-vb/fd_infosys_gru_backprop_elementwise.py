# FD check for infosys_gru_backprop_elementwise.md (thsis/INFOSYS, "Backpropagation GRU").
# Author's model: 2 hidden units, scalar input x_t, no biases, h_0 = 0,
#   htil = tanh(W_h x_t + U_h (r * h_{t-1})), z = sig(W_z x_t + U_z h_{t-1}), r = sig(W_r x_t + U_r h_{t-1}),
#   h_t = (1 - z) * h_{t-1} + z * htil,  yhat_t = w^T h_t,  loss_t = 1/2 (y - yhat_t)^2 (one label y for all t).
# All d yhat_t / d theta and d loss_t / d theta rows are STEP-LOCAL partials (h_{t-1} held fixed), which is how
# the author differentiates; the code cells sum these local partials over t.  FD below is taken accordingly:
# the one-step map theta -> yhat_t with h_{t-1} frozen at its forward value.
import numpy as np
rng = np.random.default_rng(7)
T = 3
sg = lambda a: 1 / (1 + np.exp(-a))
dsg = lambda a: sg(a) * (1 - sg(a))
dth = lambda a: 1 - np.tanh(a) ** 2
P = dict(Wh=rng.normal(size=2) * .8, Wz=rng.normal(size=2) * .8, Wr=rng.normal(size=2) * .8,
         Uh=rng.normal(size=(2, 2)) * .8, Uz=rng.normal(size=(2, 2)) * .8, Ur=rng.normal(size=(2, 2)) * .8,
         w=rng.normal(size=2))
x = rng.normal(size=T); y = 1.7
EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-7, rtol=1e-6)

def step(P, xt, hp):
    ah = P['Wh'] * xt + P['Uh'] @ (sg(P['Wr'] * xt + P['Ur'] @ hp) * hp)
    az = P['Wz'] * xt + P['Uz'] @ hp; ar = P['Wr'] * xt + P['Ur'] @ hp
    r, z = sg(ar), sg(az); hc = np.tanh(P['Wh'] * xt + P['Uh'] @ (r * hp))
    h = (1 - z) * hp + z * hc
    return dict(ah=ah, az=az, ar=ar, r=r, z=z, hc=hc, h=h, yh=float(P['w'] @ h))

# reference forward (independent of the author's code)
H = [np.zeros(2)]; S = []
for t in range(T):
    s = step(P, x[t], H[-1]); S.append(s); H.append(s['h'])

# the author's forward code (cell 6), transcribed
Wh, Wz, Wr, Uh, Uz, Ur, w = (P[k] for k in ('Wh', 'Wz', 'Wr', 'Uh', 'Uz', 'Ur', 'w'))
tanh = np.tanh; sigmoid = sg; dsigmoid = dsg; dtanh = dth
h, h_, z, r, y_ = [], [], [], [], []
def GRU_forward():
    h.append(np.zeros_like(Wh))
    for t, xt in enumerate(x, start=len(y_)):
        zt = sigmoid(Wz.dot(xt) + Uz.dot(h[t]))
        rt = sigmoid(Wr.dot(xt) + Ur.dot(h[t]))
        h_t = tanh(Wh.dot(xt) + Uh.dot(rt * h[t]))
        ht = (1-zt) * h[t] + zt * h_t
        y_t = w.dot(ht)
        h.append(ht); h_.append(h_t); z.append(zt); r.append(rt); y_.append(y_t)
    return y_[-1]
GRU_forward()
for t in range(T):
    chk(122, close(z[t], S[t]['z'])); chk(123, close(r[t], S[t]['r']))
    chk(126, close(h_[t], S[t]['hc'])); chk(129, close(h[t + 1], S[t]['h'])); chk(132, np.isclose(y_[t], S[t]['yh']))

# activation helpers (cell 1)
a = rng.normal(size=5)
chk(7, close(sigmoid(a), 0.5 * (1 + np.tanh(a / 2))))
chk(12, close(dsigmoid(a), (sg(a + EPS) - sg(a - EPS)) / (2 * EPS)))
chk(17, close(dtanh(a), (np.tanh(a + EPS) - np.tanh(a - EPS)) / (2 * EPS)))

def fd_local(t, name, f=lambda s: s['yh']):
    """FD of f(step(theta; x_t, h_{t-1} frozen)) w.r.t. every element of parameter `name`."""
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        G[idx] = (f(step(Pp, x[t], H[t])) - f(step(Pm, x[t], H[t]))) / (2 * EPS)
    return G
def fd_local_vec(t, name, key):
    """Jacobian d s[key] / d P[name] (vector output) with h_{t-1} frozen: shape out x param."""
    shp = P[name].shape; J = np.zeros((2,) + shp)
    for idx in np.ndindex(shp):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        J[(slice(None),) + idx] = (step(Pp, x[t], H[t])[key] - step(Pm, x[t], H[t])[key]) / (2 * EPS)
    return J
loss_t = lambda s: 0.5 * (y - s['yh']) ** 2
def fd_pre(t, key):
    """d yhat_t / d (pre-activation `key`) : perturb the pre-activation additively at step t."""
    out = np.zeros(2)
    for j in range(2):
        e = np.zeros(2); e[j] = EPS
        def yh_with(delta):
            hp = H[t]; xt = x[t]
            ar = P['Wr'] * xt + P['Ur'] @ hp + (delta if key == 'ar' else 0)
            az = P['Wz'] * xt + P['Uz'] @ hp + (delta if key == 'az' else 0)
            rr, zz = sg(ar), sg(az)
            ah = P['Wh'] * xt + P['Uh'] @ (rr * hp) + (delta if key == 'ah' else 0)
            hh = (1 - zz) * hp + zz * np.tanh(ah)
            return float(P['w'] @ hh)
        out[j] = (yh_with(e) - yh_with(-e)) / (2 * EPS)
    return out

acc = {k: np.zeros_like(P[k]) for k in ('Wh', 'Uh', 'Wz', 'Uz', 'Wr', 'Ur')}
A = {k: np.zeros_like(P[k]) for k in acc}   # the author's code accumulators
for t in range(T):
    s = S[t]; hp = H[t]; xt = x[t]; yh = s['yh']
    w1, w2 = P['w']; z1, z2 = s['z']; r1, r2 = s['r']; h1, h2 = hp; ht1, ht2 = s['hc']
    uh = P['Uh']; gp = dth(s['ah']); g = np.tanh(s['ah']); zp = dsg(s['az']); rp = dsg(s['ar'])
    dWh = fd_local(t, 'Wh'); dUh = fd_local(t, 'Uh'); dWz = fd_local(t, 'Wz'); dUz = fd_local(t, 'Uz')
    dWr = fd_local(t, 'Wr'); dUr = fd_local(t, 'Ur')
    for k, G in (('Wh', dWh), ('Uh', dUh), ('Wz', dWz), ('Uz', dUz), ('Wr', dWr), ('Ur', dUr)):
        acc[k] += -(y - yh) * G
    # --- forward definitions (macros and displays) ---
    chk(28, close(s['hc'], np.tanh(P['Wh'] * xt + P['Uh'] @ (s['r'] * hp))))
    chk(29, close(s['z'], sg(P['Wz'] * xt + P['Uz'] @ hp))); chk(30, close(s['r'], sg(P['Wr'] * xt + P['Ur'] @ hp)))
    gfull = lambda i: np.tanh(P['Wh'][i] * xt + uh[i, 0] * r1 * h1 + uh[i, 1] * r2 * h2)
    zfull = lambda i: sg(P['Wz'][i] * xt + P['Uz'][i, 0] * h1 + P['Uz'][i, 1] * h2)
    rfull = lambda i: sg(P['Wr'][i] * xt + P['Ur'][i, 0] * h1 + P['Ur'][i, 1] * h2)
    gff = lambda i: np.tanh(P['Wh'][i] * xt + uh[i, 0] * rfull(0) * h1 + uh[i, 1] * rfull(1) * h2)
    chk(37, close(np.array([gfull(0), gfull(1)]), s['hc'])); chk(38, close(np.array([zfull(0), zfull(1)]), s['z']))
    chk(39, close(np.array([rfull(0), rfull(1)]), s['r'])); chk(40, close(np.array([gff(0), gff(1)]), s['hc']))
    chk(74, close(s['hc'], np.array([gfull(0), gfull(1)])) and close(s['hc'], np.array([gff(0), gff(1)])))
    chk(78, close(s['z'], np.array([zfull(0), zfull(1)]))); chk(79, close(s['r'], np.array([rfull(0), rfull(1)])))
    chk(85, close(s['h'], (1 - s['z']) * hp + s['z'] * s['hc']))      # read as (1 - z_t) * h_{t-1}
    chk(86, close(s['h'], np.array([(1 - z1) * h1 + z1 * gfull(0), (1 - z2) * h2 + z2 * gfull(1)])))
    chk(91, close(s['h'], np.array([(1 - zfull(0)) * h1 + zfull(0) * gff(0), (1 - zfull(1)) * h2 + zfull(1) * gff(1)])))
    lit101 = w1 * (1 - zfull(0)) * h1 + zfull(0) * gff(0) + w2 * (1 - zfull(1)) * h2 + zfull(1) * gff(1)
    chk(101, np.isclose(yh, P['w'] @ s['h']) and np.isclose(yh, lit101))
    # --- W_h ---
    chk(153, np.isclose(dWh[0], w1 * z1 * gp[0] * xt)); chk(159, np.isclose(dWh[1], w2 * z2 * gp[1] * xt))
    chk(165, close(dWh, np.array([w1 * z1 * g[0] * xt, w2 * z2 * g[1] * xt])))   # written without the prime
    chk(173, close(dWh, P['w'] * s['z'] * gp * xt))
    dlt = lambda G: -(y - yh) * G
    chk(179, close(fd_local(t, 'Wh', loss_t), dlt(1.0) * (P['w'] @ np.diag(s['z']) @ fd_local_vec(t, 'Wh', 'hc'))))
    chk(180, close(fd_local(t, 'Wh', loss_t), -(y - yh) * P['w'] * s['z'] * gp * xt))
    dh_tdWh = dtanh(Wh.dot(xt) + Uh.dot(r[t] * h[t])) * xt
    chk(188, close(dh_tdWh, np.diag(fd_local_vec(t, 'Wh', 'hc'))))
    A['Wh'] += -(y-y_[t]) * w * z[t] * dh_tdWh
    # --- U_h ---
    E = np.array([[w1 * z1 * gp[0] * r1 * h1, w1 * z1 * gp[0] * r2 * h2],
                  [w2 * z2 * gp[1] * r1 * h1, w2 * z2 * gp[1] * r2 * h2]])
    chk(195, np.isclose(dUh[0, 0], E[0, 0])); chk(196, np.isclose(dUh[0, 1], E[0, 1]))
    chk(197, np.isclose(dUh[1, 0], E[1, 0])); chk(198, np.isclose(dUh[1, 1], E[1, 1]))
    chk(204, close(dUh, E))
    two = lambda v: np.column_stack([v, v]); rows = lambda v: np.vstack([v, v])
    chk(215, close(dUh, two(P['w']) * two(s['z']) * two(gp) * rows(s['r']) * rows(hp)))
    chk(221, close(dUh, two(P['w']) * two(s['z']) * two(gp) * rows(s['r']) * rows(hp)))
    one = np.ones((2, 1))
    chk(223, close(dUh, np.diag(P['w']) @ np.diag(s['z']) @ np.diag(gp) @ one @ one.T @ np.diag(s['r']) @ np.diag(hp)))
    JhU = fd_local_vec(t, 'Uh', 'hc')      # (2, 2, 2): d htil_i / d Uh[j,k]
    chk(229, close(fd_local(t, 'Uh', loss_t), -(y - yh) * np.einsum('i,i,ijk->jk', P['w'], s['z'], JhU)))
    chk(230, close(fd_local(t, 'Uh', loss_t), -(y - yh) * np.diag(P['w'] * s['z'] * gp) @ rows(s['r'] * hp)))
    dy_dh_t = w * z[t] * dtanh(Wh.dot(xt) + Uh.dot(r[t] * h[t]))
    chk(237, close(dy_dh_t, fd_pre(t, 'ah')))
    A['Uh'] += -(y-y_[t]) * dy_dh_t.reshape(-1, 1) * h[t]
    # --- W_z ---
    chk(246, np.isclose(dWz[0], w1 * (-zp[0]) * h1 + ht1 * zp[0] * xt))
    chk(251, np.isclose(dWz[1], w2 * (-zp[1]) * h1 + ht1 * zp[1] * xt))
    chk(257, close(dWz, np.array([w1 * (-zp[0]) * h1 + ht1 * zp[0] * xt, w2 * (-zp[1]) * h1 + ht1 * zp[1] * xt])))
    chk(264, close(dWz, P['w'] * (-hp + s['hc']) * zp * xt))
    Jz = fd_local_vec(t, 'Wz', 'z'); Jh_z = np.diag(s['hc'] - hp)   # dh/dz
    chk(270, close(fd_local(t, 'Wz', loss_t), -(y - yh) * (P['w'] @ Jh_z @ Jz)))
    chk(271, close(fd_local(t, 'Wz', loss_t), -(y - yh) * P['w'] * (-hp + s['hc']) * zp * xt))
    dztdWz = dsigmoid(Wz.dot(xt) + Uz.dot(h[t])) * xt
    chk(280, close(dztdWz, np.diag(Jz)))
    A['Wz'] += -(y-y_[t]) * w * (-h[t+1] - h_[t]) * dztdWz
    # --- U_z ---
    Ez = np.array([[w1 * ((-zp[0] * h1) * h1 + ht1 * zp[0] * h1), w1 * ((-zp[0] * h2) * h1 + ht1 * zp[0] * h2)],
                   [w2 * ((-zp[1] * h1) * h2 + ht2 * zp[1] * h1), w2 * ((-zp[1] * h2) * h2 + ht2 * zp[1] * h2)]])
    chk(287, np.isclose(dUz[0, 0], Ez[0, 0])); chk(288, np.isclose(dUz[0, 1], Ez[0, 1]))
    chk(289, np.isclose(dUz[1, 0], Ez[1, 0])); chk(290, np.isclose(dUz[1, 1], Ez[1, 1]))
    chk(296, close(dUz, fd_local(t, 'Uz'))); chk(300, close(dUz, Ez))
    chk(306, close(dUz, two(P['w']) * two(s['hc'] - hp) * two(zp) * rows(hp)))
    chk(311, close(dUz, np.diag(P['w']) @ np.diag(s['hc'] - hp) @ zp.reshape(-1, 1) @ hp.reshape(1, -1)))
    JzU = fd_local_vec(t, 'Uz', 'z')
    chk(317, close(fd_local(t, 'Uz', loss_t), -(y - yh) * np.einsum('i,i,ijk->jk', P['w'], s['hc'] - hp, JzU)))
    chk(318, close(fd_local(t, 'Uz', loss_t), -(y - yh) * np.diag(P['w'] * (-hp + s['hc']) * zp) @ rows(hp)))
    dy_dzt = w * [-h[t+1] + h_[t] * dsigmoid(Wz.dot(xt) + Uz.dot(h[t]))]
    chk(327, close(np.ravel(dy_dzt), fd_pre(t, 'az')))
    # 328 checked as a rule: with the correct d yhat / d a_z in place of dy_dzt
    chk(328, close(fd_local(t, 'Uz', loss_t), -(y-y_[t]) * fd_pre(t, 'az').reshape(-1, 1) * h[t]))
    A['Uz'] += -(y-y_[t]) * np.asarray(dy_dzt).reshape(-1, 1) * h[t]
    # --- W_r ---
    chk(336, np.isclose(dWr[0], w1 * z1 * gp[0] * uh[0, 0] * h1 * rp[0] * xt + w2 * z2 * gp[1] * uh[1, 0] * h1 * rp[0] * xt))
    chk(343, np.isclose(dWr[1], w1 * z1 * gp[0] * uh[0, 1] * h2 * rp[1] * xt + w2 * z2 * gp[1] * uh[1, 1] * h2 * rp[1] * xt))
    chk(350, close(dWr, fd_local(t, 'Wr')))
    M = two(s['z']) * two(gp) * uh * rows(hp) * rows(rp)
    chk(351, close(dWr, P['w'] @ M * xt))   # value check; the author's w^T(.) is a row, the column layout is ignored
    chk(358, close(dWr, P['w'] @ np.diag(s['z']) @ np.diag(gp) @ uh @ np.diag(hp) @ np.diag(rp) * xt))
    Jhr = fd_local_vec(t, 'Wr', 'hc')
    chk(364, close(fd_local(t, 'Wr', loss_t), -(y - yh) * (P['w'] @ np.diag(s['z']) @ Jhr)))
    chk(365, close(fd_local(t, 'Wr', loss_t), -(y - yh) * (P['w'] @ M) * xt))
    z_dg = z[t] * dtanh(Wh.dot(xt) + Uh.dot(r[t] * h[t]))
    d_rt = dsigmoid(Wr.dot(xt) + Ur.dot(h[t]))
    chk(380, close(z_dg, s['z'] * gp)); chk(381, close(d_rt, rp))
    A['Wr'] += -(y-y_[t]) * w.dot(z_dg.reshape(-1, 1) * Uh * h[t] * d_rt) * xt
    # --- U_r ---
    c1 = w1 * z1 * gp[0] * uh[0, 0] + w2 * z2 * gp[1] * uh[1, 0]   # d yhat / d r_1 divided by h_1
    c2 = w1 * z1 * gp[0] * uh[0, 1] + w2 * z2 * gp[1] * uh[1, 1]
    chk(388, np.isclose(dUr[0, 0], c1 * h1 * rp[0] * h1)); chk(390, np.isclose(dUr[0, 1], c1 * h1 * rp[0] * h2))
    chk(392, np.isclose(dUr[1, 0], c2 * h2 * rp[1] * h1)); chk(394, np.isclose(dUr[1, 1], c2 * h2 * rp[1] * h2))
    chk(401, close(dUr, fd_local(t, 'Ur')))
    av = P['w'] * s['z'] * gp
    chk(405, close(dUr, (rows(av) @ uh.T) * np.outer(hp, hp) * two(rp)))
    chk(408, close(dUr, np.diag(P['w']) @ np.diag(s['z']) @ np.diag(gp) @ uh.T @ np.diag(hp) @ np.diag(rp) @ one @ one.T @ np.diag(hp)))
    w_z_dg = w * z[t] * dtanh(Wh.dot(xt) + Uh.dot(r[t] * h[t]))
    outer_h = np.outer(h[t], h[t])
    dr = dsigmoid(Wr.dot(xt)+Ur.dot(h[t])).reshape(-1, 1)
    chk(418, close(w_z_dg, fd_pre(t, 'ah'))); chk(420, close(dr.ravel(), rp))
    A['Ur'] += -(y - y_[t]) * w_z_dg.dot(Uh.T)*outer_h * dr

for line, k in ((189, 'Wh'), (238, 'Uh'), (281, 'Wz'), (382, 'Wr'), (422, 'Ur')):
    chk(line, close(A[k], acc[k]))
print('info: the summed local partials differ from the full BPTT gradient (recursion through h_{t-1} ignored):')
def total(Pq):
    hq = np.zeros(2); L = 0
    for t in range(T):
        s = step(Pq, x[t], hq); hq = s['h']; L += 0.5 * (y - s['yh']) ** 2
    return L
for k in ('Wh', 'Uz'):
    G = np.zeros_like(P[k])
    for idx in np.ndindex(G.shape):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
        Pp[k][idx] += EPS; Pm[k][idx] -= EPS; G[idx] = (total(Pp) - total(Pm)) / (2 * EPS)
    print(f'  {k}: sum of local partials == total gradient? {close(acc[k], G)}')
for line in sorted(res):
    print(f'line {line}: {"OK" if res[line] else "MISMATCH"}')
