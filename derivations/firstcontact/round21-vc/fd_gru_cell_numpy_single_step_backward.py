# FD check for gru_cell_numpy_single_step_backward.md (index file id 27490449707).
# Model (1-D NumPy vectors, column-vector algebra):
#   r = sigmoid(W_r x + U_r h + b_r), z = sigmoid(W_z x + U_z h + b_z),
#   hc = tanh(W x + r * (U h) + b_h)          (reset applied AFTER the matmul),
#   h_next = z * h + (1 - z) * hc,  L = 1/2 * sum((act - h_next)**2)  (single step).
# Each backward code line is judged locally: its inputs are set to the TRUE quantities they are
# named for (computed by finite differences / exact Jacobians), then the line is evaluated with the
# author's own NumPy expression and compared with the FD value of the quantity it claims to compute.
import numpy as np
rng = np.random.default_rng(3)
I, H = 3, 4
EPS = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
P = dict(W_r=rng.normal(size=(H, I)), W_z=rng.normal(size=(H, I)), W=rng.normal(size=(H, I)),
         U_r=rng.normal(size=(H, H)) * .7, U_z=rng.normal(size=(H, H)) * .7, U=rng.normal(size=(H, H)) * .7,
         b_r=rng.normal(size=H) * .3, b_z=rng.normal(size=H) * .3, b_h=rng.normal(size=H) * .3)
x = rng.normal(size=I); h = rng.normal(size=H) * .8; act = rng.normal(size=H)
res = {}
def chk(line, ok):
    res[line] = res.get(line, True) and bool(ok)
def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)

def fwd(P, h, pert=None):
    pre_r = P['W_r'] @ x + P['U_r'] @ h + P['b_r']
    pre_z = P['W_z'] @ x + P['U_z'] @ h + P['b_z']
    if pert and pert[0] == 'pre_r': pre_r = pre_r + pert[1]
    if pert and pert[0] == 'pre_z': pre_z = pre_z + pert[1]
    r = sig(pre_r); z = sig(pre_z)
    if pert and pert[0] == 'r': r = r + pert[1]
    if pert and pert[0] == 'z': z = z + pert[1]
    pre_h = P['W'] @ x + r * (P['U'] @ h) + P['b_h']
    if pert and pert[0] == 'pre_h': pre_h = pre_h + pert[1]
    hc = np.tanh(pre_h)
    if pert and pert[0] == 'hc': hc = hc + pert[1]
    hn = z * h + (1 - z) * hc
    if pert and pert[0] == 'hn': hn = hn + pert[1]
    L = 0.5 * np.sum((act - hn) ** 2)
    return dict(pre_r=pre_r, pre_z=pre_z, pre_h=pre_h, r=r, z=z, hc=hc, hn=hn, L=L)
C = fwd(P, h)
r, z, hc, hn = C['r'], C['z'], C['hc'], C['hn']

def gvec(kind, n=H):
    g = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = EPS
        g[j] = (fwd(P, h, (kind, e))['L'] - fwd(P, h, (kind, -e))['L']) / (2 * EPS)
    return g
def gpar(name):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        G[idx] = (fwd(Pp, h)['L'] - fwd(Pm, h)['L']) / (2 * EPS)
    return G
def jac(fun, v):   # numerator-layout Jacobian d fun / d v
    f0 = fun(v); J = np.zeros((f0.size, v.size))
    for j in range(v.size):
        e = np.zeros(v.size); e[j] = EPS
        J[:, j] = (fun(v + e) - fun(v - e)) / (2 * EPS)
    return J
g_hn = gvec('hn'); g_hc = gvec('hc'); g_z = gvec('z'); g_r = gvec('r')
g_prer = gvec('pre_r'); g_prez = gvec('pre_z'); g_preh = gvec('pre_h')
g_h = np.array([(fwd(P, h + e)['L'] - fwd(P, h - e)['L']) / (2 * EPS) for e in np.eye(H) * EPS])
Jz_h = jac(lambda v: fwd(P, v)['z'], h)
Jhc_h = jac(lambda v: fwd(P, v)['hc'], h)
Jhn_h = jac(lambda v: fwd(P, v)['hn'], h)
# pieces of d pre_h / d h: through r (fixed U h) and at fixed r
A_true = jac(lambda v: fwd(P, v)['r'] * (P['U'] @ h), h)          # d(r(h) * (U h0))/dh
B_true = jac(lambda v: r * (P['U'] @ v), h)                       # d(r0 * (U h))/dh
dsc = lambda f, v: np.array([(f(v + e) - f(v - e)) / (2 * EPS) for e in np.eye(v.size) * EPS])

# helpers and forward
a = rng.normal(size=5)
chk(10, close(1 / (1 + np.exp(-a)), sig(a)))
chk(16, close(sig(a) * (1 - sig(a)), np.diag(jac(sig, a))))
chk(22, close((np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a)), np.tanh(a)))
chk(28, close(1 - np.tanh(a) ** 2, np.diag(jac(np.tanh, a))))
pred = rng.normal(size=4); tgt = rng.normal(size=4)
mse = lambda p: np.sum(0.5 * (tgt - p) ** 2)
chk(33, close(np.sum((1 / 2) * (tgt - pred) ** 2), mse(pred)))
chk(39, close(-(tgt - pred), dsc(mse, pred)))
chk(75, close(sig(P['W_r'] @ x + P['U_r'] @ h + P['b_r']), r))
chk(82, close(sig(P['W_z'] @ x + P['U_z'] @ h + P['b_z']), z))
chk(89, close(np.tanh(P['W'] @ x + r * (P['U'] @ h) + P['b_h']), hc))
chk(99, close(z * h + (1 - z) * hc, hn))
for ln in (106, 137, 167, 202): chk(ln, close(0.5 * np.sum((act - hn) ** 2), C['L']))
for ln in (107, 138, 168, 203): chk(ln, close(z * h + (1 - z) * hc, hn))
for ln in (108, 169, 204): chk(ln, close(np.tanh(P['W'] @ x + r * (P['U'] @ h) + P['b_h']), hc))
for ln in (139, 206): chk(ln, close(sig(P['W_z'] @ x + P['U_z'] @ h + P['b_z']), z))
for ln in (170, 205): chk(ln, close(sig(P['W_r'] @ x + P['U_r'] @ h + P['b_r']), r))

tp = 1 - hc ** 2; sp_z = z * (1 - z); sp_r = r * (1 - r)
# backward_candidate (inputs = true quantities)
for ln in (113, 144, 175, 213): chk(ln, close(-(act - hn), g_hn))
chk(114, close(np.diag(jac(lambda v: z * h + (1 - z) * v, hc)), 1 - z))
chk(115, close(tanh_d := 1 - np.tanh(C['pre_h']) ** 2, np.diag(jac(np.tanh, C['pre_h']))))
chk(111, close(g_hn * (1 - z) * tp, g_preh))
chk(118, close(g_hn * (1 - z) * tp, g_preh))
dW = gpar('W'); dU = gpar('U'); dbh = gpar('b_h')
chk(120, close(np.outer(g_preh, x), dW)); chk(121, close(np.outer(g_preh, x), dW))
chk(123, close(np.outer(g_preh, (r * h)), dU)); chk(124, close(np.outer(g_preh, (r * h)), dU))
chk(128, close(g_preh * 1, dbh))
# backward_update
chk(145, close(np.diag(jac(lambda v: v * h + (1 - v) * hc, z)), h - hc))
chk(146, close(sig(C['pre_z']) * (1 - sig(C['pre_z'])), np.diag(jac(sig, C['pre_z']))))
chk(142, close(g_hn * (h - hc) * sp_z, g_prez)); chk(149, close(g_hn * (h - hc) * sp_z, g_prez))
dWz = gpar('W_z'); dUz = gpar('U_z'); dbz = gpar('b_z')
chk(151, close(np.outer(g_prez, x), dWz)); chk(152, close(np.outer(g_prez, x), dWz))
chk(154, close(np.outer(g_prez, h), dUz)); chk(155, close(np.outer(g_prez, h), dUz))
chk(159, close(g_prez * 1, dbz))
# backward_reset
chk(176, close(np.diag(jac(lambda v: z * h + (1 - z) * v, hc)), 1 - z))
chk(177, close(1 - np.tanh(C['pre_h']) ** 2, tp))
d_pre_h_d_r = np.diag(jac(lambda v: P['W'] @ x + v * (P['U'] @ h) + P['b_h'], r))   # true = U @ h
chk(178, close(P['U'] * h, d_pre_h_d_r))           # author's self.U*h_prev (an H x H matrix)
chk(179, close(sig(C['pre_r']) * (1 - sig(C['pre_r'])), np.diag(jac(sig, C['pre_r']))))
true_factors = [g_hn, 1 - z, tp, d_pre_h_d_r, sp_r]
chk(173, close(np.prod(true_factors, axis=0), g_prer))
chk(182, close(true_factors[0] * true_factors[1] * true_factors[2] * true_factors[3] * true_factors[4], g_prer))
dWr = gpar('W_r'); dUr = gpar('U_r'); dbr = gpar('b_r')
chk(184, close(np.outer(g_prer, x), dWr)); chk(185, close(np.outer(g_prer, x), dWr))
chk(187, close(np.outer(g_prer, h), dUr)); chk(188, close(np.outer(g_prer, h), dUr))
chk(192, close(g_prer * 1, dbr))
# backward_h_prev: comments 208/210/211 as Jacobian chain rules
chk(208, close(Jhn_h.T @ g_hn, g_h) and close(np.diag(z) + np.diag(h) @ Jz_h - np.diag(hc) @ Jz_h + np.diag(1 - z) @ Jhc_h, Jhn_h))
Jprez_h = jac(lambda v: fwd(P, v)['pre_z'], h)
chk(210, close(np.diag(sp_z) @ Jprez_h, Jz_h))
Jprer_h = jac(lambda v: fwd(P, v)['pre_r'], h)
chk(211, close(np.diag(tp) @ (np.diag(r) @ P['U'] + np.diag(P['U'] @ h) @ np.diag(sp_r) @ Jprer_h), Jhc_h))
chk(215, close(sig(C['pre_z']) * (1 - sig(C['pre_z'])), sp_z))
chk(216, close(P['U_z'], Jprez_h))
chk(217, close(sp_z * Jprez_h, Jz_h))                    # author: d_z_d_sigmoid_input * U_z (broadcast)
chk(219, close(1 - np.tanh(C['pre_h']) ** 2, tp))
chk(220, close(sig(C['pre_r']) * (1 - sig(C['pre_r'])), sp_r))
chk(221, close(np.matmul(sp_r * P['U_r'], np.matmul(P['U'], h)), A_true))
chk(222, close((r * P['U']) * 1, B_true))
chk(224, close(tp * (A_true + B_true), Jhc_h))
chk(226, close(z * 1 + h * Jz_h + hc * (-Jz_h) + (1 - z) * Jhc_h, Jhn_h))
chk(227, close(g_hn * Jhn_h, g_h))

for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
