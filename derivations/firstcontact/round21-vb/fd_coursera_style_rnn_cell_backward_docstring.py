# FD check for coursera_style_rnn_cell_backward_docstring.md (Coursera-style rnn_cell_backward / rnn_backward).
# Column vectors with a batch axis: a_t = tanh(Wax x_t + Waa a_{t-1} + ba), shapes (n_a, m).
# Loss used for FD: L = sum_t sum(G_t * a_t) with fixed random G_t, so da[:, :, t] = G_t is the upstream
# gradient of every hidden state coming from the outputs (the assignment's convention); dtanh in the code is
# dL/dz_t for z_t = Wax x_t + Waa a_{t-1} + ba.
import numpy as np
rng = np.random.default_rng(5)
n_x, n_a, m, T_x = 3, 4, 2, 4
EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)
P = dict(Wax=rng.normal(size=(n_a, n_x)) * .5, Waa=rng.normal(size=(n_a, n_a)) * .5, ba=rng.normal(size=(n_a, 1)) * .3,
         Wya=rng.normal(size=(2, n_a)), by=rng.normal(size=(2, 1)))
x = rng.normal(size=(n_x, m, T_x)); a0 = rng.normal(size=(n_a, m)) * .5; G = rng.normal(size=(n_a, m, T_x))
def fwd(P, x=x, a0=a0, pert=None):
    a = a0 + (pert[2] if pert and pert[0] == 'a' and pert[1] == -1 else 0); A = []; caches = []; Z = []
    for t in range(T_x):
        z = P['Wax'] @ x[:, :, t] + P['Waa'] @ a + P['ba']
        if pert and pert[0] == 'z' and pert[1] == t: z = z + pert[2]
        an = np.tanh(z)
        if pert and pert[0] == 'a' and pert[1] == t: an = an + pert[2]
        caches.append((an, a, x[:, :, t], P)); A.append(an); Z.append(z); a = an
    return A, Z, (caches, x), float(sum((G[:, :, t] * A[t]).sum() for t in range(T_x)))
A, Z, caches, L0 = fwd(P)
def fd_par(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(g.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS; g[idx] = (fwd(Pp)[3] - fwd(Pm)[3]) / (2 * EPS)
    return g
def fd_state(kind, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = EPS
        g[idx] = (fwd(P, pert=(kind, t, e))[3] - fwd(P, pert=(kind, t, -e))[3]) / (2 * EPS)
    return g
def fd_x(t):
    g = np.zeros((n_x, m))
    for idx in np.ndindex(g.shape):
        xp = x.copy(); xm = x.copy(); xp[idx + (t,)] += EPS; xm[idx + (t,)] -= EPS
        g[idx] = (fwd(P, x=xp)[3] - fwd(P, x=xm)[3]) / (2 * EPS)
    return g
# 10: forward stated in the docstring
for t in range(T_x):
    prev = A[t - 1] if t else a0
    chk(10, close(A[t], np.tanh(P['Wax'] @ x[:, :, t] + P['Waa'] @ prev + P['ba'])))
# 12: "dtanh = (1 - tanh)^2" as the derivative of tanh
zz = rng.normal(size=5)
chk(12, close((1 - np.tanh(zz)) ** 2, (np.tanh(zz + EPS) - np.tanh(zz - EPS)) / (2 * EPS)))
print('  info 12: (1 - tanh)^2 vs 1 - tanh^2 at z = 0.7:', (1 - np.tanh(.7)) ** 2, 1 - np.tanh(.7) ** 2)

# the file's code, transcribed verbatim (including the da_pev typo)
def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]; Waa = parameters["Waa"]; Wya = parameters["Wya"]; ba = parameters["ba"]; by = parameters["by"]
    dtanh = da_next * (1 - np.square(a_next))
    dxt = np.dot(Wax.T, dtanh)
    dWax = np.dot(dtanh, xt.T)
    da_pev = np.dot(Waa.T, dtanh)
    dWaa = np.dot(dtanh, a_prev.T)
    dba = np.sum(dtanh, axis = 1, keepdims = True)
    gradients = {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients
try:
    rnn_cell_backward(G[:, :, 0], caches[0][0])
    print('  info: rnn_cell_backward ran')
except NameError as ex:
    print('  info: as published, rnn_cell_backward raises NameError (typo da_pev):', ex)
# the same function with the name fixed, to check the mathematics line by line
def cell_fixed(da_next, cache, t):
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]; Waa = parameters["Waa"]
    dtanh = da_next * (1 - np.square(a_next))
    chk(42, close(dtanh, fd_state('z', t, (n_a, m))))
    dxt = np.dot(Wax.T, dtanh); chk(45, close(dxt, fd_x(t))); chk(16, close(dxt, fd_x(t)))
    dWax = np.dot(dtanh, xt.T)
    da_pev = np.dot(Waa.T, dtanh)
    chk(49, close(da_pev, fd_state('a', t - 1, (n_a, m)) - (G[:, :, t - 1] if t >= 1 else 0)))
    chk(17, close(da_pev, fd_state('a', t - 1, (n_a, m)) - (G[:, :, t - 1] if t >= 1 else 0)))
    dWaa = np.dot(dtanh, a_prev.T)
    dba = np.sum(dtanh, axis = 1, keepdims = True)
    return {"dxt": dxt, "da_prev": da_pev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
# rnn_backward, transcribed (calls the fixed cell)
da = G
(cs, xx) = caches
(a1, a0_, x1, parameters) = cs[0]
dx = np.zeros((n_x, m, T_x)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a)); dba = np.zeros((n_a, 1))
da0 = np.zeros((n_a, m)); da_prevt = np.zeros((n_a, m))
per_step = {}
for t in reversed(range(T_x)):
    up = da[:,:,t] + da_prevt
    chk(95, close(up, fd_state('a', t, (n_a, m))))           # total dL/da_t
    gradients = cell_fixed(up, cs[t], t)
    per_step[t] = gradients
    dx[:, :, t] = gradients["dxt"]
    dWax += gradients["dWax"]; dWaa += gradients["dWaa"]; dba += gradients["dba"]
    da_prevt = gradients["da_prev"]
da0 = da_prevt
for t in range(T_x): chk(96, close(dx[:, :, t], fd_x(t)))
FWax, FWaa, Fba = fd_par('Wax'), fd_par('Waa'), fd_par('ba')
chk(97, close(dWax, FWax)); chk(98, close(dWaa, FWaa)); chk(99, close(dba, Fba))
chk(46, close(dWax, FWax)); chk(13, close(dWax, FWax))       # per-step dWax summed = total
chk(50, close(dWaa, FWaa)); chk(14, close(dWaa, FWaa))
chk(52, close(dba, Fba)); chk(15, close(dba, Fba))
chk(100, close(per_step[1]['da_prev'], fd_state('a', 0, (n_a, m)) - G[:, :, 0]))
chk(103, close(da0, fd_state('a', -1, (n_a, m))))
for line in sorted(res):
    print(f'line {line}: {"OK" if res[line] else "MISMATCH"}')
