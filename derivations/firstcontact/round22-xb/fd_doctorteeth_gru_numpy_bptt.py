"""FD check of doctorteeth_gru_numpy_bptt.md (DoctorTeeth/gru gru.py, lossFun).
Column vectors; r gate on h[t-1] inside the candidate, z weights the candidate:
h_t = c_t*z_t + h_{t-1}*(1-z_t); sigmoid outputs p_t = sigma(Why h_t + by);
cost C = sum over t and output units of binary cross-entropy (the author's loss vector summed).
The author's backward loop is run as written (Python 3 / ndarray instead of np.matrix) and each
recorded quantity is compared with a central finite difference of C with respect to an additive
perturbation of that quantity (usage-specific perturbations for the five paths dha..dhe)."""
import numpy as np

rng = np.random.default_rng(3)
n_in, n_h, n_out, T = 3, 4, 2, 4
P0 = dict(Wxc=rng.standard_normal((n_h, n_in)), Wxr=rng.standard_normal((n_h, n_in)),
          Wxz=rng.standard_normal((n_h, n_in)), Rhc=rng.standard_normal((n_h, n_h)) * 0.7,
          Rhr=rng.standard_normal((n_h, n_h)) * 0.7, Rhz=rng.standard_normal((n_h, n_h)) * 0.7,
          Why=rng.standard_normal((n_out, n_h)), bc=rng.standard_normal((n_h, 1)) * 0.3,
          br=rng.standard_normal((n_h, 1)) * 0.3, bz=rng.standard_normal((n_h, 1)) * 0.3,
          by=rng.standard_normal((n_out, 1)) * 0.3)
inputs = [rng.integers(0, 2, (1, n_in)).astype(float) for _ in range(T)]
targets = [rng.integers(0, 2, (1, n_out)).astype(float) for _ in range(T)]
sig = lambda v: 1 / (1 + np.exp(-v))


def forward(P, pert=None):
    pert = pert or {}
    q = lambda k, t: pert.get((k, t), 0.0)
    xs, rbars, rs, zbars, zs, cbars, cs, hs, ys, ps = {}, {}, {}, {}, {}, {}, {}, {}, {}, {}
    hs[-1] = np.zeros((n_h, 1)); loss = 0.0
    for t in range(T):
        xs[t] = inputs[t].T
        hp = hs[t - 1]
        rbars[t] = P['Wxr'] @ xs[t] + P['Rhr'] @ (hp + q('h_rbar', t - 1)) + P['br'] + q('rbar', t)
        rs[t] = sig(rbars[t]) + q('r', t)
        zbars[t] = P['Wxz'] @ xs[t] + P['Rhz'] @ (hp + q('h_zbar', t - 1)) + P['bz'] + q('zbar', t)
        zs[t] = sig(zbars[t]) + q('z', t)
        cbars[t] = P['Wxc'] @ xs[t] + P['Rhc'] @ (rs[t] * (hp + q('h_cbar', t - 1))) + P['bc'] + q('cbar', t)
        cs[t] = np.tanh(cbars[t]) + q('c', t)
        hs[t] = cs[t] * zs[t] + (hp + q('h_interp', t - 1)) * (1 - zs[t]) + q('h', t)
        ys[t] = P['Why'] @ (hs[t] + q('h_out', t)) + P['by'] + q('y', t)
        ps[t] = sig(ys[t])
        loss -= np.sum(targets[t].T * np.log(ps[t]) + (1 - targets[t].T) * np.log(1 - ps[t]))
    return loss, dict(xs=xs, rbars=rbars, rs=rs, zbars=zbars, zs=zs, cbars=cbars, cs=cs, hs=hs, ys=ys, ps=ps)


def fd(fun, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        G[idx] = (fun(E) - fun(-E)) / (2 * eps)
    return G


loss, S = forward(P0)
xs, rs, zs, cs, hs, ps = S['xs'], dict(S['rs']), dict(S['zs']), S['cs'], S['hs'], S['ps']
Wxc, Wxr, Wxz, Rhc, Rhr, Rhz, Why = (P0[k] for k in ['Wxc', 'Wxr', 'Wxz', 'Rhc', 'Rhr', 'Rhz', 'Why'])
ones = np.ones((n_h, 1))
# ---- author's backward pass, as written ----
dWxc, dWxr, dWxz = np.zeros_like(Wxc), np.zeros_like(Wxr), np.zeros_like(Wxz)
dRhc, dRhr, dRhz, dWhy = np.zeros_like(Rhc), np.zeros_like(Rhr), np.zeros_like(Rhz), np.zeros_like(Why)
dbc, dbr, dbz, dby = (np.zeros_like(P0[k]) for k in ['bc', 'br', 'bz', 'by'])
dhnext = np.zeros_like(hs[0]); drbarnext = np.zeros_like(hs[0]); dzbarnext = np.zeros_like(hs[0]); dcbarnext = np.zeros_like(hs[0])
zs[T] = np.zeros_like(zs[0]); rs[T] = np.zeros_like(rs[0])
R = {}
for t in reversed(range(T)):
    dy = np.copy(ps[t]); dy -= targets[t].T
    dWhy += np.dot(dy, hs[t].T); dby += dy
    dha = np.multiply(dhnext, ones - zs[t + 1])
    dhb = np.dot(Rhr.T, drbarnext)
    dhc = np.dot(Rhz.T, dzbarnext)
    dhd = np.multiply(rs[t + 1], np.dot(Rhc.T, dcbarnext))
    dhe = np.dot(Why.T, dy)
    dh = dha + dhb + dhc + dhd + dhe
    dc = np.multiply(dh, zs[t])
    dcbar = np.multiply(dc, ones - np.square(cs[t]))
    dr = np.multiply(hs[t - 1], np.dot(Rhc.T, dcbar))
    dz = np.multiply(dh, (cs[t] - hs[t - 1]))
    drbar = np.multiply(dr, np.multiply(rs[t], (ones - rs[t])))
    dzbar = np.multiply(dz, np.multiply(zs[t], (ones - zs[t])))
    dWxr += np.dot(drbar, xs[t].T); dWxz += np.dot(dzbar, xs[t].T); dWxc += np.dot(dcbar, xs[t].T)
    dRhr += np.dot(drbar, hs[t - 1].T); dRhz += np.dot(dzbar, hs[t - 1].T)
    dRhc += np.dot(dcbar, np.multiply(rs[t], hs[t - 1]).T)
    dbr += drbar; dbc += dcbar; dbz += dzbar
    R[t] = dict(y=dy, h_interp=dha, h_rbar=dhb, h_zbar=dhc, h_cbar=dhd, h_out=dhe, h=dh, c=dc,
                cbar=dcbar, r=dr, z=dz, rbar=drbar, zbar=dzbar)
    dhnext, drbarnext, dzbarnext, dcbarnext = dh, drbar, dzbar, dcbar


def report(line, err):
    print(f"line {line}: OK" if err < 1e-6 else f"line {line}: MISMATCH (max err {err:.3g})")


rows = [(161, 'y'), (170, 'h_interp'), (173, 'h_rbar'), (176, 'h_zbar'), (179, 'h_cbar'), (182, 'h_out'),
        (184, 'h'), (186, 'c'), (189, 'cbar'), (191, 'r'), (192, 'z'), (195, 'rbar'), (196, 'zbar')]
for line, key in rows:
    err = 0.0
    for t in range(T):
        shp = R[t][key].shape
        g = fd(lambda E: forward(P0, {(key, t): E})[0], shp)
        err = max(err, np.max(np.abs(g - R[t][key])))
    report(line, err)


def pgrad(name):
    def f(E):
        P = dict(P0); P[name] = P0[name] + E
        return forward(P)[0]
    return fd(f, P0[name].shape)


for line, name, val in [(164, 'Why', dWhy), (165, 'by', dby), (198, 'Wxr', dWxr), (199, 'Wxz', dWxz),
                        (200, 'Wxc', dWxc), (202, 'Rhr', dRhr), (203, 'Rhz', dRhz), (204, 'Rhc', dRhc),
                        (206, 'br', dbr), (207, 'bc', dbc), (208, 'bz', dbz)]:
    report(line, np.max(np.abs(pgrad(name) - val)))
