# FD / numerical checks for en_opendl_rnn_step01_bptt_numbers.md
# Row vectors: z_t = x_t W_xh + h_{t-1} W_hh + b_h, h_t = tanh(z_t), o_t = h_t W_hy + b_y, y^_t = softmax(o_t),
# L_t = -ln y^_{t,target} (epsilon taken as 0), L = L_seq = sum_t L_t; the author's numbers (Q5 weights, "hell" -> "ello").
import numpy as np
res = {}
def rep(line, ok): res[line] = res.get(line, True) and bool(ok)
Wxh = np.array([[0.5, -0.2, 0.1], [-0.1, 0.4, -0.3], [0.2, -0.1, 0.5], [0.3, 0.2, -0.4]])
Whh = np.array([[0.1, 0.3, -0.1], [-0.2, 0.1, 0.4], [0.3, -0.2, 0.2]])
bh = np.array([[0.1, -0.1, 0.0]])
Why = np.array([[0.4, -0.3, 0.5, -0.1], [-0.2, 0.5, -0.1, 0.3], [0.1, -0.4, 0.2, 0.5]])
by = np.array([[0.0, 0.1, -0.1, 0.2]])
inp, tgt = [0, 1, 2, 2], [1, 2, 2, 3]
T = 4
X = [None] + [np.eye(4)[[i]] for i in inp]; Y = [None] + [np.eye(4)[[i]] for i in tgt]
TOL = 2.5e-6   # the text rounds to 6 decimals (and ran in float32)
def close(a, b): return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=TOL, rtol=0)

def forward(Wxh=Wxh, Whh=Whh, bh=bh, Why=Why, by=by, hpert=None):
    h = np.zeros((1, 3)); hs, zs, os_, ps, Ls = [h], [None], [None], [None], [None]
    for t in range(1, T + 1):
        z = X[t] @ Wxh + h @ Whh + bh; h = np.tanh(z)
        if hpert is not None and hpert[0] == t: h = h + hpert[1]
        o = h @ Why + by; p = np.exp(o - o.max()); p /= p.sum()
        hs.append(h); zs.append(z); os_.append(o); ps.append(p); Ls.append(-np.log(p[0, tgt[t - 1]]))
    return hs, zs, os_, ps, Ls
hs, zs, os_, ps, Ls = forward()
Lseq = sum(Ls[1:])

# Q6 general forward (77-93) and timestep 1 numbers (109-161)
for ln in (77, 81, 85, 89, 93): rep(ln, True)
rep(77, close(zs[1], X[1] @ Wxh + hs[0] @ Whh + bh)); rep(81, close(hs[1], np.tanh(zs[1])))
rep(85, close(os_[1], hs[1] @ Why + by)); rep(89, close(ps[1].sum(), 1.0)); rep(93, close(Ls[1], -np.log(ps[1][0, 1])))
rep(109, close(X[1] @ Wxh, [[0.5, -0.2, 0.1]])); rep(110, close(hs[0] @ Whh, [[0, 0, 0]])); rep(111, close(bh, [[0.1, -0.1, 0.0]]))
rep(116, close([0.5 + 0.0 + 0.1, -0.2 + 0.0 - 0.1, 0.1 + 0.0 + 0.0], [0.6, -0.3, 0.1]) and close(zs[1], [[0.6, -0.3, 0.1]]))
rep(121, close(np.tanh(0.6), 0.537050)); rep(124, close(np.tanh(-0.3), -0.291313)); rep(127, close(np.tanh(0.1), 0.099668))
rep(130, close(hs[1], [[0.537050, -0.291313, 0.099668]]))
for ln, col, val in ((136, 0, 0.283049), (137, 1, -0.246638), (138, 2, 0.217590), (139, 3, 0.108735)):
    rep(ln, close(os_[1][0, col], val))
rep(142, close(os_[1], [[0.283049, -0.246638, 0.217590, 0.108735]]))
rep(146, close(os_[1].max(), 0.283049))
sh = os_[1] - os_[1].max()
rep(149, close(sh, [[0.0, -0.529687, -0.065459, -0.174314]]))
rep(150, close(np.exp(sh), [[1.0, 0.588790, 0.936636, 0.839972]]))
rep(151, close(np.exp(sh).sum(), 3.365398))
rep(155, close(ps[1], [[0.297136, 0.174951, 0.278309, 0.249604]]))
# L_1 = 1.743252 is -ln of the unrounded p_{1,1}; -ln(0.174951) itself is 1.743249 (a rounding artefact, 3e-6)
rep(161, abs(-np.log(0.174951) - 1.743252) < 5e-6 and close(Ls[1], 1.743252))
# Q7
rep(173, close(Lseq, Ls[1] + Ls[2] + Ls[3] + Ls[4]))
rep(179, close(1.743252 + 1.638457 + 1.459537 + 1.210118, 6.051364) and close(Lseq, 6.051364))
rep(185, close(6.051364 / 4, 1.512841))

# FD helpers
eps = 1e-6
def fdparam(name):
    base = dict(Wxh=Wxh, Whh=Whh, bh=bh, Why=Why, by=by); G = np.zeros_like(base[name])
    for idx in np.ndindex(G.shape):
        p = {k: v.copy() for k, v in base.items()}; m = {k: v.copy() for k, v in base.items()}
        p[name][idx] += eps; m[name][idx] -= eps
        G[idx] = (sum(forward(**p)[4][1:]) - sum(forward(**m)[4][1:])) / (2 * eps)
    return G
def fdh(t, which='all'):  # dL/dh_t with L = L_seq ('all'), L_t only ('now'), or sum_{s>t} L_s ('future')
    g = np.zeros((1, 3))
    for a in range(3):
        e = np.zeros((1, 3)); e[0, a] = eps
        Lp = forward(hpert=(t, e))[4]; Lm = forward(hpert=(t, -e))[4]
        sel = {'all': range(1, T + 1), 'now': [t], 'future': range(t + 1, T + 1)}[which]
        g[0, a] = (sum(Lp[s] for s in sel) - sum(Lm[s] for s in sel)) / (2 * eps)
    return g
# Q8 line 210
rep(210, all(np.allclose(fdh(t), fdh(t, 'now') + fdh(t, 'future'), atol=1e-7) for t in range(1, T + 1)))
# Q9 symbolic rows
d_o = {t: ps[t] - Y[t] for t in range(1, T + 1)}
def fd_o(t):
    g = np.zeros((1, 4))
    for a in range(4):
        o = os_[t].copy(); o[0, a] += eps; pp = np.exp(o - o.max()); pp /= pp.sum(); Lp = -np.log(pp[0, tgt[t - 1]])
        o = os_[t].copy(); o[0, a] -= eps; pm = np.exp(o - o.max()); pm /= pm.sum(); Lm = -np.log(pm[0, tgt[t - 1]])
        g[0, a] = (Lp - Lm) / (2 * eps)
    return g
rep(223, all(np.allclose(d_o[t], fd_o(t), atol=1e-7) for t in range(1, T + 1)))
GWhy, Gby, GWxh, GWhh, Gbh = (fdparam(nm) for nm in ('Why', 'by', 'Wxh', 'Whh', 'bh'))
rep(236, np.allclose(sum(hs[t].T @ d_o[t] for t in range(1, T + 1)), GWhy, atol=1e-7))
rep(240, np.allclose(sum(d_o[t] for t in range(1, T + 1)), Gby, atol=1e-7))
# line 230: per-step dL_t/dW_hy = h_t^T d_o_t, dL_t/db_y = d_o_t (direct dependence through o_t only)
rep(230, True)
d_h, d_z = {}, {}
for t in range(T, 0, -1):
    d_h[t] = d_o[t] @ Why.T + (d_z[t + 1] @ Whh.T if t < T else 0)
    d_z[t] = d_h[t] * (1 - hs[t] ** 2)
rep(258, all(np.allclose(d_h[t], fdh(t), atol=1e-7) for t in range(1, T + 1)))
rep(262, np.allclose(d_o[T] @ Why.T, fdh(T), atol=1e-7))
rep(270, True)
rep(281, close(zs[2], X[2] @ Wxh + hs[1] @ Whh + bh))
rep(287, np.allclose(sum(X[t].T @ d_z[t] for t in range(1, T + 1)), GWxh, atol=1e-7))
rep(291, np.allclose(sum(hs[t - 1].T @ d_z[t] for t in range(1, T + 1)), GWhh, atol=1e-7))
rep(295, np.allclose(sum(d_z[t] for t in range(1, T + 1)), Gbh, atol=1e-7))
rep(270, np.allclose(sum(X[t].T @ d_z[t] for t in range(1, T + 1)), GWxh, atol=1e-7))   # d_z as defined on 270
rep(230, np.allclose(sum(hs[t].T @ d_o[t] for t in range(1, T + 1)), GWhy, atol=1e-7))
# Q10 numbers
p_txt = {4: [0.281805, 0.146757, 0.273275, 0.298162], 3: [0.242289, 0.188064, 0.232344, 0.337303],
         2: [0.212385, 0.345148, 0.194280, 0.248188], 1: [0.297136, 0.174951, 0.278309, 0.249604]}
do_txt = {4: [0.281805, 0.146757, 0.273275, -0.701838], 3: [0.242289, 0.188064, -0.767656, 0.337303],
          2: [0.212385, 0.345148, -0.805720, 0.248188], 1: [0.297136, -0.825049, 0.278309, 0.249604]}
lines_do = {4: (308, 309), 3: (334, 335), 2: (358, 359), 1: (382, 383)}
for t, (l1, l2) in lines_do.items():
    rep(l1, close(ps[t], [p_txt[t]]) and close(Y[t], np.eye(4)[[tgt[t - 1]]]))
    rep(l2, close(d_o[t], [do_txt[t]]) and close(np.array([p_txt[t]]) - Y[t], [do_txt[t]]))
rep(314, close(d_o[4] @ Why.T, [[0.275517, -0.220861, -0.326786]]) and close(d_h[4], d_o[4] @ Why.T))
rep(318, close(1 - hs[4] ** 2, [[0.808265, 0.929534, 0.729378]]) and close(1 - np.array([0.437876, -0.265455, 0.520213]) ** 2, [0.808265, 0.929534, 0.729378]))
rep(321, close(d_z[4], [[0.222690, -0.205298, -0.238351]]))
rep(325, close(d_z[4] @ Whh.T, [[-0.015485, -0.160408, 0.060197]]))
rep(339, close(d_h[3], d_o[3] @ Why.T + d_z[4] @ Whh.T))
rep(340, close(d_o[3] @ Why.T, [[-0.377062, 0.223531, -0.035877]]) and close(d_z[4] @ Whh.T, [[-0.015485, -0.160408, 0.060197]]))
rep(341, close(d_h[3], [[-0.392547, 0.063123, 0.024320]]))
rep(345, close(d_z[3], [[-0.387886, 0.063049, 0.018089]]))
rep(349, close(d_z[3] @ Whh.T, [[-0.021683, 0.091118, -0.125358]]))
rep(363, close(d_h[2], d_o[2] @ Why.T + d_z[3] @ Whh.T))
rep(364, close(d_o[2] @ Why.T, [[-0.446269, 0.285125, -0.153870]]) and close(d_z[3] @ Whh.T, [[-0.021683, 0.091118, -0.125358]]))
rep(365, close(d_h[2], [[-0.467952, 0.376243, -0.279228]]))
rep(369, close(d_z[2], [[-0.458659, 0.318954, -0.229469]]))
rep(373, close(d_z[2] @ Whh.T, [[0.072767, 0.031840, -0.247282]]))
rep(387, close(d_h[1], d_o[1] @ Why.T + d_z[2] @ Whh.T))
rep(388, close(d_o[1] @ Why.T, [[0.480564, -0.424902, 0.540197]]) and close(d_z[2] @ Whh.T, [[0.072767, 0.031840, -0.247282]]))
rep(389, close(d_h[1], [[0.553331, -0.393062, 0.292915]]))
rep(393, close(d_z[1], [[0.393738, -0.359705, 0.290005]]))
dWhy_txt = [[0.339306, -0.309698, 0.071928, -0.101536], [-0.086792, 0.329628, -0.441719, 0.198883], [0.209196, -0.056395, 0.121466, -0.274267]]
rep(404, np.allclose(sum(hs[t].T @ d_o[t] for t in range(1, T + 1)), GWhy, atol=1e-7))
rep(405, close(GWhy, dWhy_txt))
rep(409, np.allclose(sum(d_o[t] for t in range(1, T + 1)), Gby, atol=1e-7))
rep(410, close(Gby, [[1.033615, -0.145080, -1.021792, 0.133257]]))
rep(415, np.allclose(sum(X[t].T @ d_z[t] for t in range(1, T + 1)), GWxh, atol=1e-7))
rep(416, close(GWxh, [[0.393738, -0.359705, 0.290005], [-0.458659, 0.318954, -0.229469], [-0.165196, -0.142250, -0.220262], [0, 0, 0]]))
rep(421, np.allclose(sum(hs[t - 1].T @ d_z[t] for t in range(1, T + 1)), GWhh, atol=1e-7))
rep(422, close(GWhh, [[-0.276718, 0.157807, -0.146661], [-0.025374, -0.061280, 0.082072], [0.230748, -0.098741, -0.151152]]))
rep(426, np.allclose(sum(d_z[t] for t in range(1, T + 1)), Gbh, atol=1e-7))
rep(427, close(Gbh, [[-0.230117, -0.183001, -0.159725]]))

# Q11: dL_T/dh_t as a product of one-step Jacobians (numerator layout; row gradient multiplies from the left)
def J(j): return np.diag(1 - hs[j].ravel() ** 2) @ Whh.T          # line 447: dh_j/dh_{j-1}
def fd_jac(j):
    Jf = np.zeros((3, 3))
    for a in range(3):
        e = np.zeros((1, 3)); e[0, a] = eps
        hp = forward(hpert=(j - 1, e))[0][j]; hm = forward(hpert=(j - 1, -e))[0][j]
        Jf[:, a] = ((hp - hm) / (2 * eps)).ravel()
    return Jf
rep(447, all(np.allclose(J(j), fd_jac(j), atol=1e-7) for j in range(2, T + 1)))
gT = fdh(T, 'now')
for t in range(1, T):
    desc = gT.copy()
    for j in range(T, t, -1): desc = desc @ J(j)          # factors ordered j = T, T-1, ..., t+1
    target = np.zeros((1, 3))
    for a in range(3):
        e = np.zeros((1, 3)); e[0, a] = eps
        target[0, a] = (forward(hpert=(t, e))[4][T] - forward(hpert=(t, -e))[4][T]) / (2 * eps)
    rep(441, np.allclose(desc, target, atol=1e-7)); rep(453, np.allclose(desc, target, atol=1e-7))
rep(459, np.allclose(np.linalg.multi_dot([Whh.T] * 3), np.linalg.matrix_power(Whh.T, 3)))
lam, Q = np.linalg.eig(Whh.T)
rep(465, np.allclose((Q @ np.diag(lam ** 5) @ np.linalg.inv(Q)).real, np.linalg.matrix_power(Whh.T, 5), atol=1e-12))
# line 472: counterexample -- spectral radius 0.95 < 1, |tanh'| <= 1, yet the backpropagated gradient grows.
rng = np.random.default_rng(1)
Wc = np.array([[-6.91419475, 4.54348926], [-10.00358065, 6.44307295]])   # rescaled to spectral radius 0.95
Wc = Wc / max(abs(np.linalg.eigvals(Wc))) * 0.95
# inputs chosen so that the pre-activations are z_t = (0, 3): 1 - tanh^2 = (1, 0.0099) at every step
n_steps = 40
g = np.array([[1.0, 0.0]]); norms = []
h = np.zeros((1, 2))
for j in range(n_steps):
    x_needed = np.array([[0.0, 3.0]]) - h @ Wc          # identity input weights: z = x + h W
    z = x_needed + h @ Wc; h = np.tanh(z)
    Dj = np.diag(1 - h.ravel() ** 2)
    g = g @ (Dj @ Wc.T); norms.append(np.linalg.norm(g))
rep(472, norms[-1] < 1e-3 * norms[0])        # the claim predicts decay to 0; the norm grows instead (MISMATCH)
# line 478: counterexample -- W = diag(2, 2) (lambda_max = 2 > 1) but saturated tanh (|z| large): gradient -> 0
Wb = 2 * np.eye(2); g = np.array([[1.0, 1.0]]); h = np.zeros((1, 2)); norms_b = []
for j in range(n_steps):
    z = np.array([[5.0, -5.0]]) + h @ Wb; h = np.tanh(z)
    g = g @ (np.diag(1 - h.ravel() ** 2) @ Wb.T); norms_b.append(np.linalg.norm(g))
rep(478, norms_b[-1] > 1e3)                   # the claim predicts blow-up; the norm vanishes instead (MISMATCH)

for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
