# Finite-difference check of lstm_explained_bbfaca2.tex (Berariu et al., "LSTM: From theory to practice",
# commit bbfaca2). Model: one memory block with D cells and SCALAR gates g_iota, g_phi, g_omega,
# peepholes (w_{*,s}) from s^{(t-1)} (input/forget) and s^{(t)} (output); z_h = f_h(g_omega s).
# f_iota = f_phi = f_omega = logistic, f_c = f_h = tanh. Rows as (1,D) arrays, columns as (D,1).
import numpy as np
np.random.seed(57)
N, D, T = 2, 3, 4
sig = lambda a: 1/(1+np.exp(-a)); dsig = lambda a: sig(a)*(1-sig(a))
tanh = np.tanh; dtanh = lambda a: 1-np.tanh(a)**2
f_i = f_p = f_o = sig; df_i = df_p = df_o = dsig
f_c = f_h = tanh; df_c = df_h = dtanh
P0 = dict(wi=np.random.randn(N+2*D+1)*0.7, wp=np.random.randn(N+2*D+1)*0.7, wo=np.random.randn(N+2*D+1)*0.7,
          Wc=np.random.randn(N+D+1, D)*0.7)
X = np.random.randn(T+1, N); Y = np.random.randn(T+1, D)
s0 = np.random.randn(D)*0.5; z0 = np.random.randn(D)*0.5
def split(w):  # [x; z_h; s; 1]
    return w[:N], w[N:N+D], w[N+D:N+2*D], w[-1]
def run(pert=None, ppar=None):
    """pert: {(name,t): delta} added to node values; ppar: (t, pname, delta) per-step parameter perturbation"""
    pert = pert or {}
    s_prev, z_prev = s0.copy(), z0.copy(); E = 0.0; C = {}
    for t in range(1, T+1):
        P = {k: v.copy() for k, v in P0.items()}
        if ppar and ppar[0] == t: P[ppar[1]] = P[ppar[1]] + ppar[2]
        x = X[t] + pert.get(('x', t), 0)
        zin = z_prev + pert.get(('zin', t), 0)     # z_h^{(t-1)} as used by step t
        sin = s_prev + pert.get(('sin', t), 0)     # s^{(t-1)} as used by step t
        a_i = P['wi'] @ np.concatenate([x, zin, sin, [1]]); g_i = f_i(a_i) + pert.get(('gi', t), 0)
        a_c = P['Wc'].T @ np.concatenate([x, zin, [1]]); z_c = f_c(a_c)
        a_p = P['wp'] @ np.concatenate([x, zin, sin, [1]]); g_p = f_p(a_p) + pert.get(('gp', t), 0)
        s = g_p*sin + g_i*z_c + pert.get(('s', t), 0)
        sout = s + pert.get(('sout', t), 0)          # s^{(t)} as used by the output part of step t only
        a_o = P['wo'] @ np.concatenate([x, zin, sout, [1]]); g_o = f_o(a_o) + pert.get(('go', t), 0)
        z_h = f_h(g_o*sout) + pert.get(('zh', t), 0)
        E += np.sum(np.sin(1.3*z_h + Y[t]))           # arbitrary smooth per-step loss
        C[t] = dict(x=x, zin=zin, sin=sin, a_i=a_i, g_i=g_i, a_c=a_c, z_c=z_c, a_p=a_p, g_p=g_p, s=s, a_o=a_o, g_o=g_o, z_h=z_h)
        s_prev, z_prev = s, z_h
    return E, C
E0, C = run()
h = 1e-6
def fd_node(name, t, size):
    g = np.zeros(size)
    for k in range(size):
        e = np.zeros(size); e[k] = h
        g[k] = (run({(name, t): e if size > 1 else h})[0] - run({(name, t): -e if size > 1 else -h})[0])/(2*h)
    return g
def fd_par(t, pname):
    base = P0[pname]; g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        e = np.zeros_like(base); e[idx] = h
        g[idx] = (run(ppar=(t, pname, e))[0] - run(ppar=(t, pname, -e))[0])/(2*h)
    return g
ok = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
def check(line, got, true, expect):
    r = ok(got, true); res[line] = r
    assert r == (expect == 'pass'), (line, got, true)
t = 2  # a middle step: both t-1 and t+1 exist
c, cn = C[t], C[t+1]
row = lambda v: np.reshape(v, (1, -1)); col = lambda v: np.reshape(v, (-1, 1))
# true total gradients (rows)
d_zh = row(fd_node('zh', t, D)); d_s = row(fd_node('s', t, D)); d_sn = row(fd_node('s', t+1, D))
d_gi = fd_node('gi', t, 1)[0]; d_gp = fd_node('gp', t, 1)[0]; d_go = fd_node('go', t, 1)[0]
d_gin = fd_node('gi', t+1, 1)[0]; d_gpn = fd_node('gp', t+1, 1)[0]
d_s_tt = row(fd_node('sout', t, D))          # delta_s^{(t)->(t)} (through z_h^{(t)} only)
d_s_next_to_t = row(fd_node('sin', t+1, D))  # delta_s^{(t+1)->(t)}
d_s_t_to_prev = row(fd_node('sin', t, D))    # delta_s^{(t)->(t-1)}
d_x = row(fd_node('x', t, N)); d_zz = row(fd_node('zin', t, D))
assert ok(d_s, d_s_tt + d_s_next_to_t)
# ---- forward rows (lines 33-79): the run() above implements them literally; check s and z_h identities
check(67, c['s'], c['g_p']*c['sin'] + c['g_i']*c['z_c'], 'pass')
check(79, c['z_h'], f_h(c['g_o']*c['s']), 'pass')
for ln in (33, 38, 43, 47, 56, 60, 74, 78): res[ln] = True
wi_x, wi_z, wi_s, _ = split(P0['wi']); wp_x, wp_z, wp_s, _ = split(P0['wp']); wo_x, wo_z, wo_s, _ = split(P0['wo'])
Wc_x, Wc_z = P0['Wc'][:N], P0['Wc'][N:N+D]
# ---- line 99 / 112: chain decompositions of delta_s (Jacobians by FD of the step's local map)
def local_zh_of_s(sv):  # z_h^{(t)} as a function of s^{(t)} (through g_omega and directly)
    a_o = P0['wo'] @ np.concatenate([c['x'], c['zin'], sv, [1]]); return f_h(f_o(a_o)*sv)
J = np.zeros((D, D))
for k in range(D):
    e = np.zeros(D); e[k] = h; J[:, k] = (local_zh_of_s(c['s']+e) - local_zh_of_s(c['s']-e))/(2*h)
dgp_ds = row(df_p(cn['a_p'])*wp_s); dgi_ds = row(df_i(cn['a_i'])*wi_s)
rhs99 = d_zh @ J + d_gpn*dgp_ds + d_gin*dgi_ds + d_sn @ (cn['g_p']*np.eye(D))
check(99, rhs99, d_s, 'pass'); check(112, rhs99, d_s, 'pass')
# ---- line 128: written with g_phi^{(t+1)} {delta_s^{(t+1)}}^T (a D x 1 column) added to 1 x D rows
blue = d_zh @ np.diag(df_h(c['g_o']*c['s'])) @ (c['g_o']*np.eye(D) + df_o(c['a_o'])*col(c['s']) @ row(wo_s))
auburn_written = d_gpn*df_p(cn['a_p'])*row(wp_s) + d_gin*df_i(cn['a_i'])*row(wi_s) + cn['g_p']*d_sn.T
check(128, blue + auburn_written, d_s, 'fail')
auburn_fixed = d_gpn*df_p(cn['a_p'])*row(wp_s) + d_gin*df_i(cn['a_i'])*row(wi_s) + cn['g_p']*d_sn
assert ok(blue + auburn_fixed, d_s) and ok(blue, d_s_tt) and ok(auburn_fixed, d_s_next_to_t)
check(138, d_s_tt + d_s_next_to_t, d_s, 'pass')
# ---- line 144: component-wise form, as written (f_h' at s[i], s[i], w[j])
comp = np.array([sum(d_zh[0, j]*df_h(c['g_o']*c['s'][i])*(c['g_o']*(i == j) + c['s'][i]*df_o(c['a_o'])*wo_s[j])
                     for j in range(D)) for i in range(D)])
check(144, row(comp), d_s_tt, 'fail')
# ---- output gate
check(160, (d_zh @ col(df_h(c['g_o']*c['s'])*c['s']))[0, 0], d_go, 'pass')
check(161, d_go*df_o(c['a_o'])*np.concatenate([c['x'], c['zin'], c['s'], [1]]), fd_par(t, 'wo'), 'pass')
# ---- memory cell
check(167, d_zh @ np.diag(df_o(c['g_o']*c['s']))*c['g_o'], d_s_tt, 'fail')
check(172, c['g_o']*d_zh*row(df_o(c['g_o']*c['s'])), d_s_tt, 'fail')
check(173, d_s_tt + d_s_next_to_t, d_s, 'pass')
# ---- input value
# total dE/dz_c via the local map s = g_p s_prev + g_i z_c
d_zc_true = d_s @ (c['g_i']*np.eye(D))
check(180, c['g_i']*d_s, d_zc_true, 'pass')
Dc_written = (d_zc_true.T*col(df_c(c['a_c']))) @ row(np.concatenate([c['x'], c['sin'], [1]]))
check(188, Dc_written, fd_par(t, 'Wc'), 'fail')
assert not ok(Dc_written.T, fd_par(t, 'Wc'))  # wrong even after transposing: s^{(t-1)} used in place of z_h^{(t-1)}
assert ok(col(np.concatenate([c['x'], c['zin'], [1]])) @ (d_zc_true*row(df_c(c['a_c']))), fd_par(t, 'Wc'))
# ---- input gate
check(200, (d_s @ col(c['z_c']))[0, 0], d_gi, 'pass')
inp_prev = np.concatenate([c['x'], c['zin'], c['sin'], [1]])
check(207, d_gp*df_i(c['a_i'])*inp_prev, fd_par(t, 'wi'), 'fail')
assert ok(d_gi*df_i(c['a_i'])*inp_prev, fd_par(t, 'wi'))
# ---- forget gate
check(213, (d_s @ col(c['sin']))[0, 0], d_gp, 'pass')
check(220, d_gp*df_p(c['a_p'])*inp_prev, fd_par(t, 'wp'), 'pass')
# ---- incoming values
written227 = d_gp*df_p(c['a_p'])*row(wp_s) + d_gi*df_i(c['a_i'])*row(wi_s) + c['g_p']*d_s.T
check(227, written227, d_s_t_to_prev, 'fail')
assert ok(d_gp*df_p(c['a_p'])*row(wp_s) + d_gi*df_i(c['a_i'])*row(wi_s) + c['g_p']*d_s, d_s_t_to_prev)
# delta_x: definition dE/dz_h * dz_h/dx (local Jacobian of z_h^{(t)} w.r.t. x^{(t)} within step t)
def local_zh(xv=None, zv=None):
    xv = c['x'] if xv is None else xv; zv = c['zin'] if zv is None else zv
    a_i = P0['wi'] @ np.concatenate([xv, zv, c['sin'], [1]]); a_p = P0['wp'] @ np.concatenate([xv, zv, c['sin'], [1]])
    z_c = f_c(P0['Wc'].T @ np.concatenate([xv, zv, [1]])); s = f_p(a_p)*c['sin'] + f_i(a_i)*z_c
    a_o = P0['wo'] @ np.concatenate([xv, zv, s, [1]]); return f_h(f_o(a_o)*s)
Jx = np.zeros((D, N)); Jz = np.zeros((D, D))
for k in range(N):
    e = np.zeros(N); e[k] = h; Jx[:, k] = (local_zh(xv=c['x']+e) - local_zh(xv=c['x']-e))/(2*h)
for k in range(D):
    e = np.zeros(D); e[k] = h; Jz[:, k] = (local_zh(zv=c['zin']+e) - local_zh(zv=c['zin']-e))/(2*h)
check(237, d_zh @ Jx, d_x, 'fail'); check(242, d_zh @ Jx, d_x, 'fail')
fin_x = d_gi*df_i(c['a_i'])*row(wi_x) + d_gp*df_p(c['a_p'])*row(wp_x) + d_go*df_o(c['a_o'])*row(wo_x) \
        + (d_zc_true*row(df_c(c['a_c']))) @ Wc_x.T
check(258, fin_x, d_x, 'pass')
check(270, d_zh @ Jz, d_zz, 'fail'); check(275, d_zh @ Jz, d_zz, 'fail')
fin_z = d_gi*df_i(c['a_i'])*row(wi_z) + d_gp*df_p(c['a_p'])*row(wp_z) + d_go*df_o(c['a_o'])*row(wo_z) \
        + (d_zc_true*row(df_c(c['a_c']))) @ Wc_z.T
check(291, fin_z, d_zz, 'pass')
print('fd_lstm_explained_bbfaca2: all verdicts confirmed;', sum(res.values()), 'pass,', len(res)-sum(res.values()), 'fail')
