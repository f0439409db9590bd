"""Finite-difference check of zhengtq_gru_pure_numpy_cell.md (Zhengtq/RNN-GRU-pure-numpy,
operations.py + GRULayer).  Standalone numpy, float64, 1-D vectors as in the author's code.
One GRU step with output logit mulv = V s + Vb, loss = author's Softmax.loss (BCE with logits)
+ g.s, where g plays the role of diff_s (gradient arriving from the future step).  Nodes can be
perturbed individually (or only on one path) to obtain the exact quantity each line claims.
Line numbers refer to the .md file."""
import math
import numpy as np

rng = np.random.default_rng(1)
X, H = 3, 4
x = rng.normal(0, 1, X); prev_s = rng.normal(0, 0.7, H)
P = dict(W=rng.normal(0, 0.6, (2 * H, X + H)), Wb=rng.normal(0, 0.3, 2 * H),
         C=rng.normal(0, 0.6, (H, X + H)), Cb=rng.normal(0, 0.3, H),
         V=rng.normal(0, 0.6, (1, H)), Vb=rng.normal(0, 0.3, 1))
y = 1.0
gfut = rng.normal(0, 1, H)   # diff_s


def sig(z):
    return 1 / (1 + np.exp(-z))


def bce(xl, yl):  # author's Softmax.loss (line 90)
    xl = xl[0]
    return max(xl, 0) - xl * float(yl) + math.log(1 + math.exp(-math.fabs(xl)))


def forward(P, pert=None, xin=None, sin=None):
    pert = pert or {}
    g = lambda n, v: v + pert[n] if n in pert else v
    xx = g('x', x if xin is None else xin); ps = g('prev_s', prev_s if sin is None else sin)
    c = {}
    c['x_prev_s'] = g('x_prev_s', np.concatenate((xx, ps)))
    c['mulw'] = g('mulw', P['W'] @ c['x_prev_s'] + P['Wb'])
    c['mulwsig'] = g('mulwsig', sig(c['mulw']))
    c['r'] = g('r', c['mulwsig'][:H]); c['u'] = g('u', c['mulwsig'][H:])
    c['r_state'] = g('r_state', c['r'] * g('ps_in_rs', ps))
    c['x_r_state'] = g('x_r_state', np.concatenate((xx, c['r_state'])))
    c['mulc'] = g('mulc', P['C'] @ c['x_r_state'] + P['Cb'])
    c['tan'] = g('tan', np.tanh(c['mulc']))
    c['tmpadd1'] = g('tmpadd1', g('u_in_t1', c['u']) * g('ps_in_t1', ps))
    c['u_fu'] = g('u_fu', 1 - g('u_in_ufu', c['u']))
    c['tmpadd2'] = g('tmpadd2', c['u_fu'] * c['tan'])
    c['s'] = g('s', c['tmpadd1'] + c['tmpadd2'])
    c['mulv'] = g('mulv', P['V'] @ g('s_v', c['s']) + P['Vb'])
    L = bce(c['mulv'], y) + gfut @ c['s']
    return L, c


def fd_node(name, shape, eps=1e-6):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        out[idx] = (forward(P, {name: d})[0] - forward(P, {name: -d})[0]) / (2 * eps)
    return out


def fd_param(k, eps=1e-6):
    out = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        o = P[k][idx]
        P[k][idx] = o + eps; lp = forward(P)[0]
        P[k][idx] = o - eps; lm = forward(P)[0]
        P[k][idx] = o
        out[idx] = (lp - lm) / (2 * eps)
    return out


# ---- author's operations (verbatim logic) ----
def mul_backward(W, Wb, xv, dz):
    dW = np.asarray(np.dot(np.transpose(np.asmatrix(dz)), np.asmatrix(xv)))
    return dW, dz, np.dot(np.transpose(W), dz)
def add_backward(x1, x2, dz):
    return dz * np.ones_like(x1), dz * np.ones_like(x2)
def elt_backward(x1, x2, dz):
    return np.multiply(dz, x2), np.multiply(dz, x1)
def sig_backward(xv, top):
    o = sig(xv); return (1.0 - o) * o * top
def tanh_backward(xv, top):
    o = np.tanh(xv); return (1.0 - np.square(o)) * top
def author_diff(xl, yl):  # lines 96-105
    xl = xl[0]
    probs = 1.0 / (1.0 + math.exp(-xl)) if xl > 0 else math.exp(xl) / (1.0 + math.exp(xl))
    d = (probs - yl) / (probs * (1 - probs) + 1e-20)
    d = max(-10, min(10, d))
    return np.array(d)

L0, c = forward(P)
res = {}
# line 99: Softmax.diff is used as dmulv = dL/dmulv; the true value is the FD of the loss wrt mulv
true_dmulv = fd_node('mulv', (1,))
res[99] = abs(float(author_diff(c['mulv'], y)) - true_dmulv[0])

# ---- GRULayer.backward, author's logic, fed with the TRUE dmulv so each line is tested locally ----
dmulv = true_dmulv
dV, dVb, dsv = mul_backward(P['V'], P['Vb'], c['s'], dmulv)
ds = dsv + gfut
dtmpadd1, dtmpadd2 = add_backward(c['tmpadd1'], c['tmpadd2'], ds)
du_fu, dx_r_state_mulc_tan = elt_backward(c['u_fu'], c['tan'], dtmpadd2)
du1 = -du_fu
du2, dprev_s0 = elt_backward(c['u'], prev_s, dtmpadd1)
du = du1 + du2
dx_r_state_mulc = tanh_backward(c['mulc'], dx_r_state_mulc_tan)
dC, dCb, dx_x_r_state = mul_backward(P['C'], P['Cb'], c['x_r_state'], dx_r_state_mulc)
dx = dx_x_r_state[:X]
dr_state = dx_x_r_state[X:]
dr, dprev_s1 = elt_backward(c['r'], prev_s, dr_state)
dmulwsig = np.concatenate((dr, du), axis=0)
dmulw = sig_backward(c['mulw'], dmulwsig)
dW, dWb, dx_prev_s = mul_backward(P['W'], P['Wb'], c['x_prev_s'], dmulw)
dprev_s = dx_prev_s[-H:] + dprev_s1 + dprev_s0

m = lambda a, b: np.abs(np.asarray(a) - np.asarray(b)).max()
res[150] = max(m(dV, fd_param('V')), m(dVb, fd_param('Vb')), m(dsv, fd_node('s_v', (H,))))
res[151] = m(ds, fd_node('s', (H,)))
res[152] = max(m(dtmpadd1, fd_node('tmpadd1', (H,))), m(dtmpadd2, fd_node('tmpadd2', (H,))))
res[153] = max(m(du_fu, fd_node('u_fu', (H,))), m(dx_r_state_mulc_tan, fd_node('tan', (H,))))
res[154] = m(du1, fd_node('u_in_ufu', (H,)))
res[155] = max(m(du2, fd_node('u_in_t1', (H,))), m(dprev_s0, fd_node('ps_in_t1', (H,))))
res[156] = m(du, fd_node('u', (H,)))
res[157] = m(dx_r_state_mulc, fd_node('mulc', (H,)))
res[158] = max(m(dC, fd_param('C')), m(dCb, fd_param('Cb')), m(dx_x_r_state, fd_node('x_r_state', (X + H,))))
res[159] = m(dx, fd_node('x', (X,)))
res[160] = m(dr_state, fd_node('r_state', (H,)))
res[161] = max(m(dr, fd_node('r', (H,))), m(dprev_s1, fd_node('ps_in_rs', (H,))))
res[162] = m(dmulwsig, fd_node('mulwsig', (2 * H,)))
res[163] = m(dmulw, fd_node('mulw', (2 * H,)))
res[164] = max(m(dW, fd_param('W')), m(dWb, fd_param('Wb')), m(dx_prev_s, fd_node('x_prev_s', (X + H,))))
res[165] = m(dprev_s, fd_node('prev_s', (H,)))

# ---- generic operation backward lines (operations.py), tested on random data ----
eps = 1e-6
Wt, bt, xt, dz = rng.normal(size=(3, 5)), rng.normal(size=3), rng.normal(size=5), rng.normal(size=3)
f = lambda W_, b_, x_: dz @ (W_ @ x_ + b_)
gW, gb, gx = mul_backward(Wt, bt, xt, dz)
num = lambda fun, a: np.array([(fun(a + e) - fun(a - e)) / (2 * eps) for e in (np.eye(a.size) * eps).reshape((a.size,) + a.shape)]).reshape(a.shape)
res[16] = m(gW, num(lambda W_: f(W_, bt, xt), Wt)); res[17] = m(gb, num(lambda b_: f(Wt, b_, xt), bt)); res[18] = m(gx, num(lambda x_: f(Wt, bt, x_), xt))
a1, a2, dz2 = rng.normal(size=4), rng.normal(size=4), rng.normal(size=4)
d1, d2 = add_backward(a1, a2, dz2)
res[26] = m(d1, num(lambda v: dz2 @ (v + a2), a1)); res[27] = m(d2, num(lambda v: dz2 @ (a1 + v), a2))
e1, e2 = elt_backward(a1, a2, dz2)
res[36] = m(e1, num(lambda v: dz2 @ (v * a2), a1)); res[37] = m(e2, num(lambda v: dz2 @ (a1 * v), a2))
res[69] = m(sig_backward(a1, dz2), num(lambda v: dz2 @ sig(v), a1))
res[77] = m(tanh_backward(a1, dz2), num(lambda v: dz2 @ np.tanh(v), a1))

for line in sorted(res):
    e = float(res[line])
    print(f"line {line}: OK" if e < 1e-6 else f"line {line}: MISMATCH (max err {e:.3g})")
