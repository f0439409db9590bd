"""Check of opendl_lstm_step01.md (madhurangafcx/open-dl 09-lstm/steps/step-01-mathematics.md).
Row-vector layout: Z_t = x_t W_x + h_{t-1} W_h + b, fused blocks [f, i, c, o]; C_t = f*C_{t-1} + i*C~;
h_t = o*tanh(C_t); o_out,t = h_t W_hy + b_y; yhat = softmax; L = sum_t -log yhat_t[class].
Part 1: the symbolic rows of Q9 against central differences on random sizes.
Part 2: the worked numbers of Q10 (t = 3) recomputed from the document's own setup (Q6, not transcribed)."""
import numpy as np
sig = lambda v: 1 / (1 + np.exp(-v))

def forward(X, Yc, Wx, Wh, b, Why, by, h0, C0, pert={}):
    H = h0.shape[0]; h, C = h0.copy(), C0.copy(); L = 0; cache = []
    for t in range(len(X)):
        hin = h + pert.get(('hin', t), 0)
        Z = X[t] @ Wx + hin @ Wh + b + pert.get(('Z', t), 0)
        zf, zi, zc, zo = np.split(Z, 4)
        f, i, cb, o = sig(zf), sig(zi), np.tanh(zc), sig(zo)
        Cn = f * (C + pert.get(('Cin', t), 0)) + i * cb + pert.get(('C', t), 0)
        hn = o * np.tanh(Cn) + pert.get(('h', t), 0)
        s = hn @ Why + by; p = np.exp(s - s.max()); p /= p.sum()
        L += -np.log(p[Yc[t]])
        cache.append(dict(x=X[t], hprev=h, Cprev=C, f=f, i=i, cb=cb, o=o, C=Cn, h=hn, p=p))
        h, C = hn, Cn
    return L, cache

# ---------- Part 1: symbolic rows ----------
rng = np.random.default_rng(3); T, D, H, K = 4, 2, 3, 2
args = [rng.normal(size=(T, D)), rng.integers(0, K, T), rng.normal(0, .5, (D, 4 * H)), rng.normal(0, .5, (H, 4 * H)),
        rng.normal(0, .3, 4 * H), rng.normal(0, .5, (H, K)), rng.normal(0, .3, K), rng.normal(0, .5, H), rng.normal(0, .5, H)]
X, Yc, Wx, Wh, b, Why, by, h0, C0 = args
L, c = forward(*args)
def fd(key, n, eps=1e-6):
    g = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = eps
        g[j] = (forward(*args, pert={key: e})[0] - forward(*args, pert={key: -e})[0]) / (2 * eps)
    return g
def fdM(name, eps=1e-6):
    idx = {'Wx': 2, 'Wh': 3, 'b': 4, 'Why': 5, 'by': 6}[name]; M = args[idx]; G = np.zeros_like(M)
    for j in np.ndindex(*M.shape):
        M[j] += eps; lp = forward(*args)[0]; M[j] -= 2 * eps; lm = forward(*args)[0]; M[j] += eps
        G[j] = (lp - lm) / (2 * eps)
    return G
chk = lambda s, A, B: print(f"{s:60s} maxerr={np.max(np.abs(np.asarray(A) - np.asarray(B))):.2e}")
dlog = [np.eye(K)[Yc[t]] * -1 + c[t]['p'] for t in range(T)]
chk("l.59 delta_oout = yhat - Y (FD through h_t's head only)", dlog[1] @ Why.T, fd(('h', 1), H) - fd(('hin', 2), H))
chk("l.62 dL/dW_hy = sum_t h_t^T delta_oout", sum(np.outer(c[t]['h'], dlog[t]) for t in range(T)), fdM('Why'))
chk("l.62 dL/db_y = sum_t delta_oout", sum(dlog), fdM('by'))
dh = {t: fd(('h', t), H) for t in range(T)}; dC = {t: fd(('C', t), H) for t in range(T)}
t = 1
chk("l.73 delta_h_t = delta_oout W_hy^T + (what step t+1 sends)", dlog[t] @ Why.T + fd(('hin', t + 1), H), dh[t])
ct = c[t]; th = np.tanh(ct['C'])
chk("l.87 delta_C_t = delta_h o (1-tanh^2) + delta_C_{t+1} f_{t+1}", dh[t] * ct['o'] * (1 - th ** 2) + dC[t + 1] * c[t + 1]['f'], dC[t])
dZ = np.concatenate([dC[t] * ct['Cprev'] * ct['f'] * (1 - ct['f']), dC[t] * ct['cb'] * ct['i'] * (1 - ct['i']),
                     dC[t] * ct['i'] * (1 - ct['cb'] ** 2), dh[t] * th * ct['o'] * (1 - ct['o'])])
chk("l.102-123 delta_z_f, z_i, z_c, z_o, fused [f,i,c,o]", dZ, fd(('Z', t), 4 * H))
chk("l.144 delta_h_{t-1,in} = delta_Z_t W_h^T", dZ @ Wh.T, fd(('hin', t), H))
chk("l.148 delta_C_{t-1,highway} = delta_C_t * f_t", dC[t] * ct['f'], fd(('Cin', t), H))
dZs = []
for tt in range(T):
    q = c[tt]; thq = np.tanh(q['C'])
    dZs.append(np.concatenate([dC[tt] * q['Cprev'] * q['f'] * (1 - q['f']), dC[tt] * q['cb'] * q['i'] * (1 - q['i']),
                               dC[tt] * q['i'] * (1 - q['cb'] ** 2), dh[tt] * thq * q['o'] * (1 - q['o'])]))
chk("l.130 dL/dW_x = sum_t x_t^T delta_Z_t", sum(np.outer(c[tt]['x'], dZs[tt]) for tt in range(T)), fdM('Wx'))
chk("l.133 dL/dW_h = sum_t h_{t-1}^T delta_Z_t", sum(np.outer(c[tt]['hprev'], dZs[tt]) for tt in range(T)), fdM('Wh'))
chk("l.136 dL/db = sum_t delta_Z_t", sum(dZs), fdM('b'))

# l.73 as written, with delta_h_{k,in} defined by l.144 (delta_h_{k,in} = delta_Z_{k+1} W_h^T):
# delta_h_{t+1,in} = delta_Z_{t+2} W_h^T is what reaches h_{t+1}, not h_t
chk("l.73 literal: delta_oout W_hy^T + delta_Z_{t+2} W_h^T (should differ)", dlog[t] @ Why.T + dZs[t + 2] @ Wh.T, dh[t])
print("Part 2 (not in the transcribed file): the document's Q10 numbers for t = 3 recomputed from its Q6 setup")
# ---------- Part 2: the document's numbers ----------
Xd = np.array([[0.5, -0.3], [-0.2, 0.4], [0.3, 0.1]]); Yd = np.array([0, 1, 0])
Wxd = np.array([[0.3, -0.2, 0.1, 0.2, 0.4, -0.1, 0.5, -0.3, 0.2, 0.1, -0.2, 0.3],
                [-0.1, 0.3, -0.2, -0.3, 0.1, 0.2, -0.2, 0.4, -0.1, 0.2, 0.1, -0.4]])
Whd = np.array([[0.1, 0.2, -0.1, -0.2, 0.1, 0.3, 0.2, -0.1, 0.1, -0.1, 0.2, 0.1],
                [-0.2, 0.1, 0.3, 0.1, -0.2, 0.1, -0.1, 0.3, -0.2, 0.3, -0.1, 0.2],
                [0.3, -0.1, 0.2, 0.2, 0.1, -0.1, 0.1, -0.2, 0.3, -0.2, 0.1, -0.1]])
bd = np.array([0.5, 0.5, 0.5, 0.0, -0.1, 0.1, 0.1, 0.0, -0.1, 0.0, 0.1, -0.1])
Whyd = np.array([[0.4, -0.3], [-0.2, 0.5], [0.3, -0.1]]); byd = np.array([0.1, -0.1])
Ld, cd = forward(Xd, Yd, Wxd, Whd, bd, Whyd, byd, np.zeros(3), np.zeros(3))
np.set_printoptions(precision=6, suppress=True)
q = cd[2]
print("forward t=3: p3", q['p'], "C2", cd[1]['C'], "C3", q['C'], "tanhC3", np.tanh(q['C']), "o3", q['o'], "f3", q['f'], "i3", q['i'], "C~3", q['cb'])
dl3 = q['p'] - np.eye(2)[0]; print("d_logit_3", dl3, " doc: [-0.435261, 0.435261]")
dh3 = dl3 @ Whyd.T; print("delta_h3", dh3, " doc: [-0.304682, 0.304682, -0.174104]")
print("doc row product with the printed numbers:", np.array([-0.435261, 0.435261]) @ np.array([[0.4, -0.2, 0.3], [-0.3, 0.5, -0.1]]))
th3 = np.tanh(q['C']); dzo = dh3 * th3 * q['o'] * (1 - q['o']); print("d_zo", dzo, " doc: [-0.013903, -0.002042, 0.003285]")
print("d_zo from the printed factors:", np.array([-0.304682, 0.304682, -0.174104]) * np.array([0.182648, -0.026832, -0.075506]) * np.array([0.512643, 0.514397, 0.489548]) * np.array([0.487357, 0.485603, 0.510452]))
dC3 = dh3 * q['o'] * (1 - th3 ** 2); print("delta_C3", dC3, " doc: [-0.150983, 0.156615, -0.084746]")
dzc = dC3 * q['i'] * (1 - q['cb'] ** 2); dzi = dC3 * q['cb'] * q['i'] * (1 - q['i']); dzf = dC3 * cd[1]['C'] * q['f'] * (1 - q['f'])
print("dz_c", dzc, " doc: [-0.071844, 0.079384, -0.044550]")
print("dz_i", dzi, " doc: [-0.008803, -0.001933, 0.001138]")
print("dz_f", dzf, " doc: [-0.003659, -0.000104, 0.001514]")
dZ3 = np.concatenate([dzf, dzi, dzc, dzo]); print("delta_h2_in", dZ3 @ Whd.T, " doc: [-0.024081, 0.037395, -0.037030]")
print("delta_C2_highway", dC3 * q['f'], " doc: [-0.096654, 0.096884, -0.052708]")
# FD of the document's own model at t=3 pre-activations (confirms dZ3 is dL/dZ_3)
g = np.zeros(12)
for j in range(12):
    e = np.zeros(12); e[j] = 1e-6
    g[j] = (forward(Xd, Yd, Wxd, Whd, bd, Whyd, byd, np.zeros(3), np.zeros(3), {('Z', 2): e})[0] - forward(Xd, Yd, Wxd, Whd, bd, Whyd, byd, np.zeros(3), np.zeros(3), {('Z', 2): -e})[0]) / 2e-6
print("FD dL/dZ_3", g)
