# FD check for mmuratarat_rnn_bptt_vanishing.md (M. M. Arat, "Backpropagation Through Time for RNN").
# Author's single-instance convention (column vectors with transposed weights):
#   h_t = tanh(W_xh^T x_t + W_hh^T h_{t-1} + b_h),  o_t = W_yh^T h_t + b_y,  yhat_t = softmax(o_t),
#   L_t = -y_t . log yhat_t,  L = sum_{t=1}^T L_t,  h_0 = 0.
# W_xh: n_in x H, W_hh: H x H, W_yh: H x n_out.  n_out = H so that transposed layouts have equal
# shapes and are caught by their values.
import numpy as np
rng = np.random.default_rng(11)
NI, H, NO, T = 3, 3, 3, 4
EPS = 1e-6
P = dict(Wxh=rng.normal(size=(NI, H)) * .7, Whh=rng.normal(size=(H, H)) * .7, bh=rng.normal(size=H) * .2,
         Wyh=rng.normal(size=(H, NO)) * .7, by=rng.normal(size=NO) * .2)
X = rng.normal(size=(T + 2, NI)); Y = np.eye(NO)[rng.integers(0, NO, size=T + 2)]
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
def close(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
def softmax(o): e = np.exp(o - o.max()); return e / e.sum()

def fwd(P, local=None, hpert=None, X=X, h0=None):
    """local=(name, step, delta): perturb a weight only at that step; hpert=(step, delta) on h_step."""
    h = {0: np.zeros(H) if h0 is None else h0}; yh = {}; Lt = {}; pre = {}
    for t in range(1, T + 1):
        W = {k: P[k] + (local[2] if (local and local[0] == k and local[1] == t) else 0) for k in P}
        pre[t] = W['Wxh'].T @ X[t] + W['Whh'].T @ h[t - 1] + W['bh']
        h[t] = np.tanh(pre[t])
        if hpert and hpert[0] == t: h[t] = h[t] + hpert[1]
        yh[t] = softmax(W['Wyh'].T @ h[t] + W['by'])
        Lt[t] = -Y[t] @ np.log(yh[t])
    return dict(h=h, yh=yh, Lt=Lt, pre=pre, L=sum(Lt.values()))
C = fwd(P)
def gpar(name, which=None, local_step=None):
    """FD of L (or of L_which) w.r.t. parameter name, perturbed everywhere or only at local_step."""
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        d = np.zeros_like(P[name]); d[idx] = EPS
        if local_step is None:
            Pp = dict(P); Pp[name] = P[name] + d; Pm = dict(P); Pm[name] = P[name] - d
            fp, fm = fwd(Pp), fwd(Pm)
        else:
            fp, fm = fwd(P, local=(name, local_step, d)), fwd(P, local=(name, local_step, -d))
        vp = fp['L'] if which is None else fp['Lt'][which]
        vm = fm['L'] if which is None else fm['Lt'][which]
        G[idx] = (vp - vm) / (2 * EPS)
    return G
def jac_h(tn, tk):  # numerator-layout Jacobian d h_tn / d h_tk (FD)
    J = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = EPS
        J[:, j] = (fwd(P, hpert=(tk, e))['h'][tn] - fwd(P, hpert=(tk, -e))['h'][tn]) / (2 * EPS)
    return J
def dL_dh(which, t):  # row vector d L_which / d h_t (FD, h_t perturbed after its computation)
    return np.array([(fwd(P, hpert=(t, e))['Lt'][which] - fwd(P, hpert=(t, -e))['Lt'][which]) / (2 * EPS)
                     for e in np.eye(H) * EPS])
def imm_Whh(g_h, t):  # immediate d/dW_hh at step t of g_h . h_t : entry (i,j) = h_{t-1,i} (g_h*(1-h_t^2))_j
    return np.outer(C['h'][t - 1], g_h * (1 - C['h'][t] ** 2))
def imm_Wxh(g_h, t):
    return np.outer(X[t], g_h * (1 - C['h'][t] ** 2))

# forward rows
t = 2
col_h = np.tanh(P['Wxh'].T @ X[t] + P['Whh'].T @ C['h'][t - 1] + P['bh'])
for ln in (15, 24): chk(ln, close(col_h, C['h'][t]))
for ln in (16, 25): chk(ln, close(softmax(P['Wyh'].T @ C['h'][t] + P['by']), C['yh'][t]))
Xb = np.stack([X[t], X[t + 1]]); Hb = np.stack([C['h'][t - 1], rng.normal(size=H)])        # m = 2 rows
row_h = np.tanh(Xb @ P['Wxh'] + Hb @ P['Whh'] + P['bh'])
col_rows = np.stack([np.tanh(P['Wxh'].T @ Xb[i] + P['Whh'].T @ Hb[i] + P['bh']) for i in range(2)])
chk(37, close(row_h, col_rows))
chk(38, close(np.tanh(np.hstack([Xb, Hb]) @ np.vstack([P['Wxh'], P['Whh']]) + P['bh']), row_h))
chk(39, close(row_h @ P['Wyh'] + P['by'], np.stack([P['Wyh'].T @ row_h[i] + P['by'] for i in range(2)])))
chk(40, close(softmax(C['h'][t] @ P['Wyh'] + P['by']), C['yh'][t]))
chk(44, close(np.tanh(np.hstack([Xb, Hb]) @ np.vstack([P['Wxh'], P['Wyh']]) + P['bh']), row_h))  # W = [W_xh; W_yh]
# loss rows
chk(65, close(sum(C['Lt'][s] for s in range(1, T + 1)), C['L']))
chk(66, close(-sum(Y[s] @ np.log(C['yh'][s]) for s in range(1, T + 1)), C['L']))
chk(67, close(-sum(Y[s] @ np.log(softmax(P['Wyh'].T @ C['h'][s] + P['by'])) for s in range(1, T + 1)), C['L']))
chk(92, close(-Y[3] @ np.log(C['yh'][3]), C['Lt'][3]))
# W_yh and b_y
dWyh = gpar('Wyh'); dby = gpar('by')
chk(75, close(sum(gpar('Wyh', which=s) for s in range(1, T + 1)), dWyh))
g_o = {s: C['yh'][s] - Y[s] for s in range(1, T + 1)}   # dL_s/dyhat * dyhat/do (softmax + CE), checked next
ok = True
for s in range(1, T + 1):
    Jy = np.zeros((NO, NO)); gy = -Y[s] / C['yh'][s]
    o = P['Wyh'].T @ C['h'][s] + P['by']
    for j in range(NO):
        e = np.zeros(NO); e[j] = EPS; Jy[:, j] = (softmax(o + e) - softmax(o - e)) / (2 * EPS)
    ok &= close(gy @ Jy, g_o[s])
chk(76, ok and close(sum(np.outer(C['h'][s], g_o[s]) for s in range(1, T + 1)), dWyh))  # chain, do_j/dW_ij = h_i
chk(77, close(sum(np.outer(g_o[s], C['h'][s]) for s in range(1, T + 1)), dWyh))          # (yhat - y) (x) h
chk(87, ok and close(sum(g_o[s] for s in range(1, T + 1)), dby))
chk(88, close(sum(g_o[s] for s in range(1, T + 1)), dby))
# W_hh for L_{t+1}, t+1 = 3
tp1 = 3; tt = tp1 - 1
g3 = dL_dh(tp1, tp1)
chk(97, close(imm_Whh(g3, tp1), gpar('Whh', which=tp1, local_step=tp1)))
J32 = jac_h(tp1, tt)
chk(103, close(imm_Whh(g3 @ J32, tt), gpar('Whh', which=tp1, local_step=tt)))
tot3 = gpar('Whh', which=tp1)
def Jprod(tn, k):
    M = np.eye(H)                             # d h_tn/d h_k = J(tn,tn-1) ... J(k+1,k)
    for j in range(tn - 1, k - 1, -1):
        M = M @ jac_h(j + 1, j)
    return M
s109 = sum(imm_Whh(g3 @ Jprod(tp1, k), k) for k in range(1, tp1 + 1))
chk(109, close(s109, tot3))
chk(112, close(jac_h(3, 1), jac_h(3, 2) @ jac_h(2, 1)))
chk(115, close(s109, tot3))
chk(121, close(Jprod(tp1, 1), jac_h(tp1, 1)))
chk(167, close(Jprod(tp1, 1), jac_h(tp1, 1)))
# line 131: sum_t^T sum_{k=1}^{t+1} dL_{t+1}/... ; the lower limit is not written: read t = 0..T-1 (so that
# L_{t+1} runs over L_1..L_T; a t = T term would need a non-existent L_{T+1}, taken as 0)
def contrib_Whh(n):
    gn = dL_dh(n, n)
    return sum(imm_Whh(gn @ Jprod(n, k), k) for k in range(1, n + 1))
s131 = sum(contrib_Whh(s + 1) for s in range(0, T))     # t = 0..T-1 -> L_1..L_T
chk(131, close(s131, gpar('Whh')))
# W_xh for L_{t+1}
chk(137, close(imm_Wxh(g3, tp1), gpar('Wxh', which=tp1, local_step=tp1)))
# line 145: direct term + (through h_t) with dh_t/dW_xh the TOTAL derivative
def total_h_wrt(name, tn):
    G = np.zeros(P[name].shape + (H,))
    for idx in np.ndindex(P[name].shape):
        d = np.zeros_like(P[name]); d[idx] = EPS
        Pp = dict(P); Pp[name] = P[name] + d; Pm = dict(P); Pm[name] = P[name] - d
        G[idx] = (fwd(Pp)['h'][tn] - fwd(Pm)['h'][tn]) / (2 * EPS)
    return G
tot_h2 = total_h_wrt('Wxh', tt)
s145 = imm_Wxh(g3, tp1) + np.einsum('j,abj->ab', g3 @ J32, tot_h2)
chk(145, close(s145, gpar('Wxh', which=tp1)))
s151 = sum(imm_Wxh(g3 @ Jprod(tp1, k), k) for k in range(1, tp1 + 1))
chk(151, close(s151, gpar('Wxh', which=tp1)))
def contrib_Wxh(n):
    gn = dL_dh(n, n)
    return sum(imm_Wxh(gn @ Jprod(n, k), k) for k in range(1, n + 1))
chk(157, close(sum(contrib_Wxh(s + 1) for s in range(0, T)), gpar('Wxh')))   # same reading t = 0..T-1
# Jacobian rows
j = 2
dphi = 1 - C['h'][j + 1] ** 2
Jtrue = jac_h(j + 1, j)
chk(173, close(np.diag(dphi) @ P['Whh'], Jtrue))
prod_author = np.eye(H)            # product read in the chain order of line 167: j = t first, ..., j = k last
for jj in range(3, 0, -1):
    prod_author = prod_author @ (np.diag(1 - C['h'][jj + 1] ** 2) @ P['Whh'])
prod_fixed = np.eye(H)             # same order with the transposed W_hh: equals the FD product
for jj in range(3, 0, -1):
    prod_fixed = prod_fixed @ (np.diag(1 - C['h'][jj + 1] ** 2) @ P['Whh'].T)
prod_true = jac_h(4, 1)
chk(179, close(prod_author, prod_true))
assert close(prod_fixed, prod_true) and close(np.diag(dphi) @ P['Whh'].T, Jtrue)   # sanity: only the transpose is wrong
nrm = lambda M: np.linalg.norm(M, 2)
chk(206, all(nrm(jac_h(jj + 1, jj)) <= nrm(P['Whh']) * nrm(np.diag(1 - C['h'][jj + 1] ** 2)) + 1e-9 for jj in range(1, T)))
gW, gh = nrm(P['Whh']), 1.0
chk(214, all(nrm(jac_h(jj + 1, jj)) <= gW * gh + 1e-9 for jj in range(1, T)))
# line 220: || prod_{j=k}^{t} dh_{j+1}/dh_j || <= (gW gh)^(t-k); counterexample in the linear regime
Q, _ = np.linalg.qr(rng.normal(size=(H, H)))
P2 = dict(P, Whh=2.0 * Q, bh=np.zeros(H))
X0 = np.zeros_like(X)
def h_of(P_, hk, k, tn):   # roll h from step k to tn with zero inputs
    hh = hk
    for s in range(k + 1, tn + 1):
        hh = np.tanh(P_['Wxh'].T @ X0[s] + P_['Whh'].T @ hh + P_['bh'])
    return hh
k, tq = 1, 3                      # product j = k..t has t-k+1 = 3 Jacobians: d h_4 / d h_1
J = np.zeros((H, H))
for c in range(H):
    e = np.zeros(H); e[c] = EPS
    J[:, c] = (h_of(P2, e, k, tq + 1) - h_of(P2, -e, k, tq + 1)) / (2 * EPS)
gW2 = nrm(P2['Whh'])
chk(220, nrm(J) <= (gW2 * 1.0) ** (tq - k) + 1e-9)
for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
