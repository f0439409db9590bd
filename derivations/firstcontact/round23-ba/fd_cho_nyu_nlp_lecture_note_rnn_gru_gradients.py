"""FD check of Cho's NYU lecture note (nyu-dl/NLP_DL_Lecture_Note, lecture_note.tex), transcribed in
cho_nyu_nlp_lecture_note_rnn_gru_gradients.md.  Column vectors, h_t = g(W phi(x_t) + U h_{t-1}) (no bias),
Jacobians in numerator layout (dh/dx is n_h x d).  Line numbers refer to the .md file."""
import numpy as np
rng = np.random.default_rng(0)
d, nh = 3, 4
sig = lambda a: 1/(1+np.exp(-a))
def ok(line, cond):
    print(f"line {line}: {'OK' if cond else 'MISMATCH'}")
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)
def jac(f, x, eps=1e-6):
    x = np.array(x, float); y0 = np.atleast_1d(f(x))
    J = np.zeros((y0.size, x.size))
    for k in range(x.size):
        e = np.zeros_like(x); e.flat[k] = eps
        J[:, k] = (np.atleast_1d(f(x+e)) - np.atleast_1d(f(x-e))).ravel()/(2*eps)
    return J

W = rng.normal(size=(nh, d)); U = rng.normal(size=(nh, nh))*0.6
g = np.tanh; gp = lambda a: 1-np.tanh(a)**2
def step(phi, h): return g(W@phi + U@h)
T = 6
phis = [rng.normal(size=d) for _ in range(T+1)]   # phis[1..T]
h0 = rng.normal(size=nh)*0.3
def run(phis, h0, upto):
    h = h0; hs = [h0]; pre = [None]
    for t in range(1, upto+1):
        a = W@phis[t] + U@h; h = g(a); hs.append(h); pre.append(a)
    return hs, pre

# line 10 / 18: h_t = f(x_t,h_{t-1}) = g(W phi + U h)  (definition; check recursion is what run() computes)
hs, pre = run(phis, h0, T)
ok(10, close(hs[3], step(phis[3], hs[2])))
ok(18, close(hs[3], np.tanh(W@phis[3] + U@hs[2])))

# lines 44, 50, 59: derivative of c = g(f_1(x),...,f_n(x)) w.r.t. scalar x, here c = g (so dc/dg = 1)
fs = [lambda x: np.sin(x), lambda x: x**2+1, lambda x: np.exp(0.3*x)]
dfs = [lambda x: np.cos(x), lambda x: 2*x, lambda x: 0.3*np.exp(0.3*x)]
x0 = 0.7
cadd = lambda x: sum(f(x) for f in fs)
cmul = lambda x: np.prod([f(x) for f in fs])
fd_add = (cadd(x0+1e-6)-cadd(x0-1e-6))/2e-6
fd_mul = (cmul(x0+1e-6)-cmul(x0-1e-6))/2e-6
ok(44, close(fd_add, 1.0*sum(df(x0) for df in dfs)))
ok(50, close(fd_mul, 1.0*sum(np.prod([fs[j](x0) for j in range(3) if j != i])*dfs[i](x0) for i in range(3))))
# general rule with a nonlinear outer c(g), g(f1,f2,f3)=f1*f2+f3
gg = lambda f: f[0]*f[1]+f[2]; cc = lambda G: np.log(1+G**2)
cgen = lambda x: cc(gg([f(x) for f in fs]))
fd_gen = (cgen(x0+1e-6)-cgen(x0-1e-6))/2e-6
fv = [f(x0) for f in fs]; G = gg(fv); dcdg = 2*G/(1+G**2)
dg = [fv[1], fv[0], 1.0]
ok(59, close(fd_gen, dcdg*sum(dg[i]*dfs[i](x0) for i in range(3))))

# line 72 (eq:bptt): MatMul^k = W phi(x_k), MatSum^k = MatMul^k + U h_{k-1}, h_k = g(MatSum^k), C = C(h_l)
v = rng.normal(size=nh); l = T
def Cfun(Wflat):
    Wm = Wflat.reshape(nh, d); h = h0
    for t in range(1, l+1): h = g(Wm@phis[t] + U@h)
    return np.log(1+np.exp(v@h))
fdW = jac(Cfun, W.ravel()).reshape(nh, d)
hs, pre = run(phis, h0, l)
dC_dMatSum_l = (sig(v@hs[l])*v)*gp(pre[l])          # dC/dMatSum^l (row vector as 1-D)
grad = np.zeros((nh, d)); delta = dC_dMatSum_l
for k in range(l, 0, -1):
    grad += np.outer(delta, phis[k])                  # dMatSum^k/dMatMul^k = I, dMatMul^k/dW -> delta phi^T
    if k > 1: delta = (delta@U)*gp(pre[k-1])          # dMatSum^k/dMatSum^{k-1} = U diag(g'(MatSum^{k-1}))
ok(72, close(fdW, grad))

# GRU (lines 124,133,138,154,155) -- forward definitions as the author writes them
Wr, Ur, Wu, Uu, Wg, Ug = [rng.normal(size=s)*0.7 for s in [(nh,d),(nh,nh),(nh,d),(nh,nh),(nh,d),(nh,nh)]]
def gru(phi, h):
    r = sig(Wr@phi + Ur@h)
    u = sig(Wu@phi + Uu@(r*h))
    ht = np.tanh(Wg@phi + Ug@(r*h))
    return (1-u)*h + u*ht, r, u, ht
hprev = rng.normal(size=nh)*0.5; phi = phis[1]
hn, r, u, ht = gru(phi, hprev)
f_rnn = lambda x, hh: np.tanh(Wg@x + Ug@hh)
ok(124, close(ht, f_rnn(phi, r*hprev)))
ok(133, close(ht, np.tanh(Wg@phi + Ug@(r*hprev))))
ok(138, close(hn, (1-u)*hprev + u*ht))
ok(154, close(r, sig(Wr@phi + Ur@hprev)))
ok(155, close(u, sig(Wu@phi + Uu@(r*hprev))))

# line 183: h_l nested form (same recursion)
hs, pre = run(phis, h0, T)
nested = g(U@g(U@g(U@hs[T-3] + W@phis[T-2]) + W@phis[T-1]) + W@phis[T])
ok(183, close(hs[T], nested))
# line 191: zero inputs after l0+1
zphis = [np.zeros(d) for _ in range(T+1)]; l0, l1 = 1, 5
zphis[l0+1] = rng.normal(size=d); hl0 = rng.normal(size=nh)*0.5
def run_from(phi_first, hstart, n):
    h = g(U@hstart + W@phi_first)
    for _ in range(n-1): h = g(U@h)
    return h
h_l1 = hl0
for t in range(l0+1, l1+1): h_l1 = g(W@zphis[t] + U@h_l1)
ok(191, close(h_l1, run_from(zphis[l0+1], hl0, l1-l0)))

# lines 210, 221, 272, 277, 292: temporal Jacobians
def h_l1_of_phi(p): return run_from(p, hl0, l1-l0)
J_phi = jac(h_l1_of_phi, zphis[l0+1])
# forward quantities along the path
hs_p = {}; pre_p = {}
h = hl0
for t in range(l0+1, l1+1):
    a = U@h + W@zphis[t]; h = g(a); hs_p[t] = h; pre_p[t] = a
def h_l1_of_h(hh, start):   # h_{l1} as function of h_start (start >= l0+1), zero inputs after
    h = hh
    for t in range(start+1, l1+1): h = g(U@h + W@zphis[t])
    return h
J_l1_l0p1 = jac(lambda hh: h_l1_of_h(hh, l0+1), hs_p[l0+1])
D = {t: np.diag(gp(pre_p[t])) for t in pre_p}
ok(210, close(J_phi, J_l1_l0p1 @ D[l0+1] @ W))
prod_groups = np.eye(nh)
for t in range(l1, l0+1, -1): prod_groups = prod_groups @ (D[t] @ U)
ok(221, close(J_l1_l0p1, prod_groups))
ok(272, close(jac(lambda hh: U@hh + W@zphis[l0+2], hs_p[l0+1]), U))
ok(277, close(J_l1_l0p1, prod_groups))
ok(292, close(J_l1_l0p1, prod_groups))   # prod_{t=l0+2}^{l1}, ordered with t=l1 leftmost

# lines 251, 252
xs = rng.normal(size=5)
ok(251, close(jac(lambda a: sig(a), xs).diagonal(), sig(xs)*(1-sig(xs))))
ok(252, close(jac(lambda a: np.tanh(a), xs).diagonal(), 1-np.tanh(xs)**2))

# line 299: linear g -> dh_{l1}/dh_{l0+1} = U^{l1-l0+1} ?
def lin_from(hh):
    h = hh
    for t in range(l0+2, l1+1): h = U@h
    return h
J_lin = jac(lin_from, rng.normal(size=nh))
ok(299, close(J_lin, np.linalg.matrix_power(U, l1-l0+1)))
print("   (info) U^{l1-l0-1} matches:", close(J_lin, np.linalg.matrix_power(U, l1-l0-1)))

# lines 313, 329: eigendecomposition (U symmetric so Q orthogonal, as the note assumes)
Us = rng.normal(size=(nh, nh)); Us = (Us+Us.T)/2
S_, Q = np.linalg.eigh(Us); S = np.diag(S_)
Dt = np.diag(gp(rng.normal(size=nh)))
ok(313, close(Dt@Us, Dt@(Q@S@np.linalg.inv(Q))))
ok(329, close(Dt@Us, Q@(Dt*S)@np.linalg.inv(Q)))

# line 385: finite difference with elementwise division by a vector epsilon
Vo = rng.normal(size=(5, nh)); ystar = 2; tp, tt = 2, 5
def logp_of_phi(p):
    ph = list(phis); ph[tp] = p
    hs_, _ = run(ph, h0, tt)
    z = Vo@hs_[tt]; return z[ystar] - np.log(np.exp(z).sum())
grad_true = jac(logp_of_phi, phis[tp]).ravel()
eps_vec = 1e-6*rng.uniform(0.5, 1.5, size=d)
fd_vec = (logp_of_phi(phis[tp]+eps_vec) - logp_of_phi(phis[tp]))/eps_vec
ok(385, close(fd_vec, grad_true, tol=1e-4))

# line 406: d logp/d phi(x_t') = d logp/dh_t (dh_t/dh_{t-1} ... dh_{t'+1}/dh_t') dh_{t'}/dphi(x_t)  [index as written: x_t]
hs_, pre_ = run(phis, h0, tt)
z = Vo@hs_[tt]; p = np.exp(z)/np.exp(z).sum()
dlogp_dh = (np.eye(5)[ystar]-p)@Vo
chain = np.eye(nh)
for t in range(tt, tp, -1): chain = chain @ (np.diag(gp(pre_[t]))@U)
dhtp_dphi_xt = np.zeros((nh, d))          # h_{t'} does not depend on x_t for t > t'
ok(406, close(grad_true, dlogp_dh@chain@dhtp_dphi_xt))
print("   (info) with phi(x_{t'}) in the last factor:", close(grad_true, dlogp_dh@chain@np.diag(gp(pre_[tp]))@W))

# lines 428, 439, 446: GRU unrolling, h_0 = 0
Tg = 5; hsg = [np.zeros(nh)]; us = [None]; hts = [None]; rs = [None]
for t in range(1, Tg+1):
    hn, r, u, ht = gru(phis[t], hsg[-1]); hsg.append(hn); us.append(u); hts.append(ht); rs.append(r)
t = Tg
nested = us[t]*hts[t] + (1-us[t])*(us[t-1]*hts[t-1] + (1-us[t-1])*(us[t-2]*hts[t-2] + (1-us[t-2])*hsg[t-3]))
ok(428, close(hsg[t], nested))
full = sum(np.prod([1-us[k] for k in range(s+1, t+1)], axis=0)*us[s]*hts[s] if s < t else us[t]*hts[t] for s in range(1, t+1))
ok(439, close(hsg[t], full))
tq = 2   # the t' term written explicitly in eq:gru_expand
term = np.prod([1-us[k] for k in range(t, tq, -1)], axis=0)*us[tq]*np.tanh(Wg@phis[tq] + Ug@(rs[tq]*hsg[tq-1]))
rest = sum(np.prod([1-us[k] for k in range(s+1, t+1)], axis=0)*us[s]*hts[s] if s < t else us[t]*hts[t] for s in range(1, t+1) if s != tq)
ok(446, close(hsg[t], rest + term))
