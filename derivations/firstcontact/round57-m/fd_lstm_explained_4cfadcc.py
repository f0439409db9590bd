# Finite-difference check of lstm_explained_4cfadcc.tex (Berariu et al., first version, SCALAR memory cell s).
# Model: a_* = w_*^T [x; z_h^{(t-1)}; s^{(t-1)}; 1] (iota, phi), a_omega uses s^{(t)}; a_c = w_c^T [x; z_h^{(t-1)}; 1];
# s = g_phi s_prev + g_iota z_c; z_h = f_h(g_omega s). Gates logistic, f_c = f_h = tanh.
import numpy as np
np.random.seed(4)
N, T = 3, 4
sig = lambda a: 1/(1+np.exp(-a)); dsig = lambda a: sig(a)*(1-sig(a))
tanh = np.tanh; dtanh = lambda a: 1-np.tanh(a)**2
f_i = f_p = f_o = sig; df_i = df_p = df_o = dsig; f_c = f_h = tanh; df_c = df_h = dtanh
P0 = dict(wi=np.random.randn(N+3), wp=np.random.randn(N+3), wo=np.random.randn(N+3), wc=np.random.randn(N+2))
X = np.random.randn(T+1, N); Y = np.random.randn(T+1)
s0, z0 = 0.4, -0.3
def run(pert=None, ppar=None):
    pert = pert or {}; s_prev, z_prev = s0, z0; E = 0.0; C = {}
    for t in range(1, T+1):
        P = {k: v.copy() for k, v in P0.items()}
        if ppar and ppar[0] == t: P[ppar[1]] = P[ppar[1]] + ppar[2]
        x = X[t] + pert.get(('x', t), 0); zin = z_prev + pert.get(('zin', t), 0); sin = s_prev + pert.get(('sin', t), 0)
        a_i = P['wi'] @ np.r_[x, zin, sin, 1]; g_i = f_i(a_i) + pert.get(('gi', t), 0)
        a_c = P['wc'] @ np.r_[x, zin, 1]; z_c = f_c(a_c)
        a_p = P['wp'] @ np.r_[x, zin, sin, 1]; g_p = f_p(a_p) + pert.get(('gp', t), 0)
        s = g_p*sin + g_i*z_c + pert.get(('s', t), 0); sout = s + pert.get(('sout', t), 0)
        a_o = P['wo'] @ np.r_[x, zin, sout, 1]; g_o = f_o(a_o) + pert.get(('go', t), 0)
        z_h = f_h(g_o*sout) + pert.get(('zh', t), 0)
        E += np.sin(1.7*z_h + Y[t]) + 0.3*z_h**2
        C[t] = dict(x=x, zin=zin, sin=sin, a_i=a_i, g_i=g_i, a_c=a_c, z_c=z_c, a_p=a_p, g_p=g_p, s=s, a_o=a_o, g_o=g_o, z_h=z_h)
        s_prev, z_prev = s, z_h
    return E, C
E0, C = run(); h = 1e-6
def fd(name, t, n=None):
    if n is None: return (run({(name, t): h})[0] - run({(name, t): -h})[0])/(2*h)
    g = np.zeros(n)
    for k in range(n):
        e = np.zeros(n); e[k] = h; g[k] = (run({(name, t): e})[0] - run({(name, t): -e})[0])/(2*h)
    return g
def fdp(t, pn):
    g = np.zeros_like(P0[pn])
    for k in range(len(g)):
        e = np.zeros_like(g); e[k] = h; g[k] = (run(ppar=(t, pn, e))[0] - run(ppar=(t, pn, -e))[0])/(2*h)
    return g
ok = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
def check(line, got, true, expect):
    r = ok(got, true); res[line] = r; assert r == (expect == 'pass'), (line, got, true)
t = 2; c, cn = C[t], C[t+1]
split = lambda w: (w[:N], w[N], w[N+1], w[N+2])   # x-part, z-part, s-part, bias
wi_x, wi_z, wi_s, _ = split(P0['wi']); wp_x, wp_z, wp_s, _ = split(P0['wp']); wo_x, wo_z, wo_s, _ = split(P0['wo'])
wc_x, wc_z = P0['wc'][:N], P0['wc'][N]
d_h = fd('zh', t); d_s = fd('s', t); d_sn = fd('s', t+1); d_gi = fd('gi', t); d_gp = fd('gp', t); d_go = fd('go', t)
d_gin = fd('gi', t+1); d_gpn = fd('gp', t+1)
d_tt = fd('sout', t); d_next = fd('sin', t+1); d_prev = fd('sin', t); d_x = fd('x', t, N); d_zz = fd('zin', t)
# forward rows
check(42, c['s'], c['g_p']*c['sin'] + c['g_i']*c['z_c'], 'pass'); check(50, c['z_h'], f_h(c['g_o']*c['s']), 'pass')
for ln in (23, 24, 28, 29, 35, 36, 48, 49): res[ln] = True
# local Jacobians of z_h^{(t)} (within step t) for the definitions
def loc(xv=None, zv=None, sv=None):
    xv = c['x'] if xv is None else xv; zv = c['zin'] if zv is None else zv
    if sv is None:
        a_i = P0['wi'] @ np.r_[xv, zv, c['sin'], 1]; a_p = P0['wp'] @ np.r_[xv, zv, c['sin'], 1]
        sv = f_p(a_p)*c['sin'] + f_i(a_i)*f_c(P0['wc'] @ np.r_[xv, zv, 1])
    return f_h(f_o(P0['wo'] @ np.r_[xv, zv, sv, 1])*sv)
Jx = np.array([(loc(xv=c['x']+h*np.eye(N)[k]) - loc(xv=c['x']-h*np.eye(N)[k]))/(2*h) for k in range(N)])
Jz = (loc(zv=c['zin']+h) - loc(zv=c['zin']-h))/(2*h); Js = (loc(sv=c['s']+h) - loc(sv=c['s']-h))/(2*h)
check(59, d_h*Jx, d_x, 'fail'); check(60, d_h*Jz, d_zz, 'fail')
# delta_s
check(79, d_h*Js + d_gpn*df_p(cn['a_p'])*wp_s + d_gin*df_i(cn['a_i'])*wi_s + d_sn*cn['g_p'], d_s, 'pass')
row88 = d_h*df_o(c['g_o']*c['s'])*c['g_o'] + d_gpn*df_p(cn['a_p'])*wp_s + d_gin*df_i(cn['a_i'])*wi_s + d_sn*cn['g_p']
check(88, row88, d_s, 'fail')
assert ok(d_h*df_h(c['g_o']*c['s'])*(c['g_o'] + c['s']*df_o(c['a_o'])*wo_s), d_tt)   # correct blue part
assert ok(d_gpn*df_p(cn['a_p'])*wp_s + d_gin*df_i(cn['a_i'])*wi_s + d_sn*cn['g_p'], d_next)  # auburn part right
check(92, d_tt + d_next, d_s, 'pass')
check(104, d_h*df_h(c['g_o']*c['s'])*c['s'], d_go, 'pass')
check(105, d_go*df_o(c['a_o'])*np.r_[c['x'], c['zin'], c['s'], 1], fdp(t, 'wo'), 'pass')
check(106, d_h*df_o(c['g_o']*c['s'])*c['g_o'], d_tt, 'fail')
check(107, d_tt + d_next, d_s, 'pass')
d_c = d_s*c['g_i']   # true dE/dz_c (z_c enters only s)
check(108, d_s*c['g_i'], d_c, 'pass')
check(109, d_s*c['z_c'], d_gi, 'pass')
inp = np.r_[c['x'], c['zin'], c['sin'], 1]
check(110, d_gp*df_i(c['a_i'])*inp, fdp(t, 'wi'), 'fail'); assert ok(d_gi*df_i(c['a_i'])*inp, fdp(t, 'wi'))
check(111, d_s*c['sin'], d_gp, 'pass')
check(112, d_gp*df_p(c['a_p'])*inp, fdp(t, 'wp'), 'pass')
check(113, d_gp*df_p(c['a_p'])*wp_s + d_gi*df_i(c['a_i'])*wi_s + d_s*c['g_p'], d_prev, 'pass')
check(120, d_h*Jx, d_x, 'fail'); check(121, d_h*Jx, d_x, 'fail')
check(126, d_gi*df_i(c['a_i'])*wi_x + d_gp*df_p(c['a_p'])*wp_x + d_go*df_o(c['a_o'])*wo_x + d_c*df_c(c['a_c'])*wc_x, d_x, 'pass')
check(135, d_h*Jz, d_zz, 'fail'); check(136, d_h*Jz, d_zz, 'fail')
assert not ok(d_h*Jz, d_x) if np.ndim(d_h*Jz) == np.ndim(d_x) else True   # labelled delta_x but is a scalar about z_h^{(t-1)}
check(141, d_gi*df_i(c['a_i'])*wi_z + d_gp*df_p(c['a_p'])*wp_z + d_go*df_o(c['a_o'])*wo_z + d_c*df_c(c['a_c'])*wc_z, d_zz, 'pass')
print('fd_lstm_explained_4cfadcc: all verdicts confirmed;', sum(res.values()), 'pass,', len(res)-sum(res.values()), 'fail')
