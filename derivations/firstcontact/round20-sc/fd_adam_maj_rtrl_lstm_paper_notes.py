# FD check for adam_maj_rtrl_lstm_paper_notes.md
# RTRL (Williams & Zipser) conventions of the note: z(t) = [x(t); y(t)], s_k(t) = sum_i w_ki z_i(t) (w_ki: from i to k),
# y_k(t+1) = f_k(s_k(t)), e_k = d_k - y_k on targets, J(t) = 1/2 sum e_k^2, Delta w = -alpha dJ/dw.
import numpy as np, itertools
rng = np.random.default_rng(7)
n, m, t0, tend = 3, 2, 0, 4
W = rng.normal(size=(n, m + n)) * 0.8          # columns 0..m-1 inputs (I), m..m+n-1 units (U)
X = rng.normal(size=(tend + 2, m))
y0 = rng.normal(size=n) * 0.5
d = rng.normal(size=(tend + 2, n))
f = np.tanh; fp = lambda s: 1 - np.tanh(s) ** 2
eps = 1e-6
res = {}
def rep(line, ok):
    res[line] = res.get(line, True) and bool(ok)

def run(W):
    y = {t0: y0.copy()}; s = {}; z = {}
    for t in range(t0, tend):
        z[t] = np.concatenate([X[t], y[t]])
        s[t] = W @ z[t]
        y[t + 1] = f(s[t])
    return y, s, z

def J(W, t):
    y, _, _ = run(W)
    e = d[t] - y[t]
    return 0.5 * np.sum(e ** 2)

y, s, z = run(W)
# FD dy_k(t)/dw_ij for all t
def dy_dw(t):
    G = np.zeros((n, n, m + n))   # [k, i, j]
    for i in range(n):
        for j in range(m + n):
            Wp = W.copy(); Wp[i, j] += eps; Wm = W.copy(); Wm[i, j] -= eps
            G[:, i, j] = (run(Wp)[0][t] - run(Wm)[0][t]) / (2 * eps)
    return G
P = {t: dy_dw(t) for t in range(t0, tend + 1)}
# definitions 13, 23, 29, 37, 49, 55
for ln in (13, 23, 29, 37, 49, 55):
    rep(ln, True)
t = 3
e = d[t] - y[t]
gJ = np.zeros((n, m + n))
for i in range(n):
    for j in range(m + n):
        Wp = W.copy(); Wp[i, j] += eps; Wm = W.copy(); Wm[i, j] -= eps
        gJ[i, j] = (J(Wp, t) - J(Wm, t)) / (2 * eps)
# 59: dJ/dw_ij = sum_k e_k dy_k/dw_ij   (as printed)
rep(59, np.allclose(np.einsum('k,kij->ij', e, P[t]), gJ, atol=1e-6))
# 63: literal, with the summation index i clashing with the weight index i
tt = 2   # dy_k(tt+1)/dw_ij
lit = np.zeros((n, n, m + n))
for k in range(n):
    for i in range(n):
        for j in range(m + n):
            acc = sum(W[k, m + ii] * P[tt][ii, ii, j] for ii in range(n))   # sum_{i in U} w_ki dy_i/dw_ij
            lit[k, i, j] = fp(s[tt][k]) * (acc + (1.0 if i == k else 0.0) * z[tt][j])
rep(63, np.allclose(lit, P[tt + 1], atol=1e-6))
# 71: p recursion with a separate summation index l
rec = np.zeros((n, n, m + n))
for k in range(n):
    for i in range(n):
        for j in range(m + n):
            rec[k, i, j] = fp(s[tt][k]) * (sum(W[k, m + l] * P[tt][l, i, j] for l in range(n)) + (1.0 if i == k else 0.0) * z[tt][j])
rep(71, np.allclose(rec, P[tt + 1], atol=1e-6))
# 77: p(t0) = 0
rep(77, np.allclose(P[t0], 0))
# 83: Delta w = alpha sum_k e_k p^k  == -alpha dJ/dw
alpha = 0.3
rep(83, np.allclose(alpha * np.einsum('k,kij->ij', e, P[t]), -alpha * gJ, atol=1e-6))

# ---- Hochreiter-Schmidhuber part: net_i(t) = sum_j w_ij y^j(t-1) + input, y^i(t) = f(net_i(t)); w_ij from j to i
nu, Tf = 4, 6
Wh = rng.normal(size=(nu, nu)) * 0.9
inp = rng.normal(size=(Tf + 1, nu)) * 0.5
tg = rng.normal(size=nu)
def runH(pert=None):
    yv = np.zeros(nu); nets = {}
    for tt_ in range(1, Tf + 1):
        net = Wh @ yv + inp[tt_]
        if pert is not None and pert[0] == tt_:
            net = net.copy(); net[pert[1]] += pert[2]
        nets[tt_] = net
        yv = f(net)
    E = 0.5 * np.sum((yv - tg) ** 2)    # error only at the final step
    return E, nets
E0, nets = runH()
def theta(tt_, j):
    return (runH((tt_, j, eps))[0] - runH((tt_, j, -eps))[0]) / (2 * eps)
tq = 3
th_t = np.array([theta(tq, j) for j in range(nu)]); th_t1 = np.array([theta(tq + 1, j) for j in range(nu)])
# 119: theta_j(t) = f'_j(net_j(t)) sum_i w_ij theta_i(t+1)
rep(119, np.allclose(fp(nets[tq]) * (Wh.T @ th_t1), th_t, atol=1e-6))
# 127: single unit, only connection is to itself
wjj = 0.8
def run1(pert=None):
    yv = 0.0; nl = {}
    for tt_ in range(1, Tf + 1):
        net = wjj * yv + inp[tt_, 0] + (pert[1] if pert is not None and pert[0] == tt_ else 0.0)
        nl[tt_] = net; yv = np.tanh(net)
    return 0.5 * (yv - 0.3) ** 2, nl
_, nl = run1()
th1 = lambda tt_: (run1((tt_, eps))[0] - run1((tt_, -eps))[0]) / (2 * eps)
rep(127, np.isclose(th1(tq), fp(nl[tq]) * th1(tq + 1) * wjj, atol=1e-8))
# 99: product term: d theta_v(t-q)/d theta_u(t) (= d net_u(t) / d net_v(t-q)) as a sum over paths of the printed product
q, tt_ = 2, 5
def dnet(u, v):
    a = runH((tt_ - q, v, eps))[1][tt_][u]; b = runH((tt_ - q, v, -eps))[1][tt_][u]
    return (a - b) / (2 * eps)
true = np.array([[dnet(u, v) for v in range(nu)] for u in range(nu)])
def paths(u, v, order):
    tot = 0.0
    for mids in itertools.product(range(nu), repeat=q - 1):
        l = [u] + list(mids) + [v]
        p = 1.0
        for mm in range(1, q + 1):
            w = Wh[l[mm], l[mm - 1]] if order == 'printed' else Wh[l[mm - 1], l[mm]]
            p *= fp(nets[tt_ - mm][l[mm]]) * w
        tot += p
    return tot
printed = np.array([[paths(u, v, 'printed') for v in range(nu)] for u in range(nu)])
fixed = np.array([[paths(u, v, 'fixed') for v in range(nu)] for u in range(nu)])
rep(99, np.allclose(printed, true, atol=1e-6))
print('# control: product with w_{l_{m-1} l_m} matches:', np.allclose(fixed, true, atol=1e-6))
# LSTM-1997 memory cell and forget gate forward definitions: used as written
for ln in (133, 134, 144, 154, 155, 161, 162, 168, 186, 187):
    rep(ln, True)
for ln in sorted(res):
    print(ln, 'OK' if res[ln] else 'MISMATCH')
