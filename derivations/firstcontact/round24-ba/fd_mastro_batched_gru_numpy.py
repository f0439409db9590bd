"""FD check of MichaelMastro/Batched-Gated-Recurrent-Unit GRU.py @abf1764 (batched numpy GRU, Python 2 original).

Row layout, batch b.  WGRU (1+D+d, 3d): row 0 = biases, rows 1..D act on x_t, rows D+1.. act on h_{t-1};
columns [z | r | c].  Per step:
  [z_pre r_pre] = [1, x_t, h_{t-1}] WGRU[:, :2d];  z, r = sigmoid(.)
  c_pre = [1, x_t, r*h_{t-1}] WGRU[:, 2d:];         c = tanh(c_pre)
  h_t = (1 - z) * h_{t-1} + z * c
Loss (as in the author's own gradient check): L = sum(dH * Hout) + sum(dhn * Hout[n-1]).
ZRC = pre-activations, ZRC_n = post-activations; dZRC / dZRC_n are dL/d(pre) / dL/d(post).
Reference gradients: central differences with additive hooks on every intermediate node.  The author's backward
loop is re-run line by line; each line is judged locally, i.e. with correct upstream values (fixed=True replaces
the two wrong activation-derivative lines 134 and 163 by their correct forms before anything downstream is checked).
Python-2 integer division d = WGRU.shape[1] / 3 is written as // here.
"""
import numpy as np

rng = np.random.default_rng(7)
n, b, d, D = 3, 2, 3, 4
WGRU = rng.normal(size=(D + d + 1, 3 * d)) / np.sqrt(D + d)
X = rng.normal(size=(n, b, D))
h0 = rng.normal(size=(b, d))
dH = rng.normal(size=(n, b, d))
dhn = rng.normal(size=(b, d))
sig = lambda a: 1.0 / (1.0 + np.exp(-a))


def rep(line, a, bb, tol=1e-6):
    ok = np.shape(a) == np.shape(bb) and np.allclose(a, bb, atol=tol, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
    return ok


def ng(f, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps
        am = a0.copy(); am[idx] -= eps
        g[idx] = (f(ap) - f(am)) / (2 * eps)
    return g


def fwd(W=WGRU, X=X, h0=h0, e=None):
    """independent forward with additive hooks e[(name, t)]"""
    e = e or {}
    g_ = lambda k, t: e.get((k, t), 0.0)
    H = np.zeros((n, b, d)); rec = []
    hprev = h0
    for t in range(n):
        xin = np.concatenate([np.ones((b, 1)), X[t] + g_('xg', t), hprev + g_('hg', t)], 1)
        a_zr = xin @ W[:, :2 * d] + g_('azr', t)
        gt = sig(a_zr) + g_('g', t)
        z, r = gt[:, :d], gt[:, d:]
        rh = r * (hprev + g_('hr', t))
        xres = np.concatenate([np.ones((b, 1)), X[t] + g_('xc', t), rh], 1) + g_('xres', t)
        a_c = xres @ W[:, 2 * d:] + g_('ac', t)
        c = np.tanh(a_c) + g_('c', t)
        h = (1 - z + g_('omz', t)) * (hprev + g_('hd', t)) + (z + g_('zc', t)) * c + g_('h', t)
        rec.append(dict(xin=xin, a_zr=a_zr, z=z, r=r, xres=xres, a_c=a_c, c=c, h=h, hprev=hprev))
        H[t] = h; hprev = h
    return H, rec


def loss(**kw):
    H, _ = fwd(**kw)
    return np.sum(dH * H) + np.sum(dhn * H[n - 1])


def hg(name, t, shape):
    return ng(lambda v: loss(e={(name, t): v}), np.zeros(shape))


# ---------------- forward (the author's lines, transliterated) ----------------
Href, rec = fwd()
xphpb = WGRU.shape[0]
X_and_H_in = np.zeros((n, b, xphpb)); Hout = np.zeros((n, b, d))
ZRC = np.zeros((n, b, 3 * d)); ZRC_n = np.zeros((n, b, 3 * d)); X_and_H_reset = np.zeros((b, xphpb))
okf = {k: True for k in (64, 66, 71, 74, 76, 82)}
for t in range(n):
    prevh = Hout[t - 1] if t > 0 else h0
    X_and_H_in[t, :, 0] = 1
    X_and_H_in[t, :, 1:D + 1] = X[t]
    X_and_H_in[t, :, D + 1:] = prevh
    ZRC[t, :, :2 * d] = X_and_H_in[t].dot(WGRU[:, :2 * d])
    okf[64] &= np.allclose(ZRC[t, :, :2 * d], rec[t]['a_zr'])
    ZRC_n[t, :, :2 * d] = 1.0 / (1.0 + np.exp(-ZRC[t, :, :2 * d]))
    okf[66] &= np.allclose(ZRC_n[t, :, :2 * d], np.concatenate([rec[t]['z'], rec[t]['r']], 1))
    X_and_H_reset[:, 0] = 1
    X_and_H_reset[:, 1:D + 1] = X[t]
    X_and_H_reset[:, D + 1:] = ZRC_n[t, :, 1 * d: 2 * d] * prevh
    okf[71] &= np.allclose(X_and_H_reset, rec[t]['xres'])
    ZRC[t, :, 2 * d:] = X_and_H_reset.dot(WGRU[:, 2 * d:])
    okf[74] &= np.allclose(ZRC[t, :, 2 * d:], rec[t]['a_c'])
    ZRC_n[t, :, 2 * d:] = np.tanh(ZRC[t, :, 2 * d:])
    okf[76] &= np.allclose(ZRC_n[t, :, 2 * d:], rec[t]['c'])
    Hout[t] = (1 - ZRC_n[t, :, :d]) * prevh + ZRC_n[t, :, :d] * ZRC_n[t, :, 2 * d:]
    okf[82] &= np.allclose(Hout[t], Href[t])
for k in okf:
    print(f"line {k}: {'OK' if okf[k] else 'MISMATCH'}")

# ---------------- reference gradients at every hooked node ----------------
R = {}
for t in range(n):
    for name, shp in (('h', (b, d)), ('c', (b, d)), ('ac', (b, d)), ('xres', (b, xphpb)), ('xc', (b, D)),
                      ('g', (b, 2 * d)), ('hr', (b, d)), ('omz', (b, d)), ('hd', (b, d)), ('zc', (b, d)),
                      ('azr', (b, 2 * d)), ('hg', (b, d))):
        R[(name, t)] = hg(name, t, shp)
RW = ng(lambda Wp: loss(W=Wp), WGRU)
RX = ng(lambda Xp: loss(X=Xp), X)
Rh0 = ng(lambda hp: loss(h0=hp), h0)


# ---------------- backward (the author's lines) ----------------
def backward(fixed):
    chk = {}
    add = lambda k, v: chk.__setitem__(k, chk.get(k, True) and bool(v))
    dZRC = np.zeros(ZRC.shape); dZRC_n = np.zeros(ZRC_n.shape); dWGRU = np.zeros(WGRU.shape)
    dX_and_H_in = np.zeros(X_and_H_in.shape); dX = np.zeros((n, b, D)); dh0 = np.zeros((b, d))
    dh_out = dH.copy()
    dh_out[n - 1] += dhn.copy()
    add(120, np.allclose(dh_out[n - 1], R[('h', n - 1)]))
    for t in reversed(range(n)):
        prevh = Hout[t - 1] if t > 0 else h0
        X_and_H_reset = X_and_H_in[t].copy()
        X_and_H_reset[:, D + 1:] = ZRC_n[t, :, 1 * d: 2 * d] * prevh
        add(128, np.allclose(X_and_H_reset, rec[t]['xres']))
        dZRC_n[t, :, 2 * d:] = ZRC_n[t, :, :d] * dh_out[t]
        add(131, np.allclose(dZRC_n[t, :, 2 * d:], R[('c', t)]))
        authors = (1 - ZRC[t, :, 2 * d:] ** 2) * dZRC_n[t, :, 2 * d:]
        add(134, np.allclose(authors, R[('ac', t)]))
        dZRC[t, :, 2 * d:] = (1 - ZRC_n[t, :, 2 * d:] ** 2) * dZRC_n[t, :, 2 * d:] if fixed else authors
        dWGRU[:, 2 * d:] += np.dot(X_and_H_reset.transpose(), dZRC[t, :, 2 * d:])
        dx_and_dh_reset = dZRC[t, :, 2 * d:].dot((WGRU[:, 2 * d:]).transpose())
        add(139, np.allclose(dx_and_dh_reset, R[('xres', t)]))
        dX_and_H_in[t, :, 1:D + 1] = dx_and_dh_reset[:, 1:D + 1]
        add(142, np.allclose(dX_and_H_in[t, :, 1:D + 1], R[('xc', t)]))
        dZRC_n[t, :, 1 * d:2 * d] = prevh * dx_and_dh_reset[:, D + 1:]
        add(146, np.allclose(dZRC_n[t, :, d:2 * d], R[('g', t)][:, d:]))
        dX_and_H_in[t, :, D + 1:] = ZRC_n[t, :, 1 * d:2 * d] * dx_and_dh_reset[:, D + 1:]
        add(148, np.allclose(dX_and_H_in[t, :, D + 1:], R[('hr', t)]))
        one_minus_z = 1 - ZRC_n[t, :, :1 * d]
        add(151, np.allclose(one_minus_z, 1 - rec[t]['z']))
        d_one_minus_z = prevh * dh_out[t]
        add(152, np.allclose(d_one_minus_z, R[('omz', t)]))
        dX_and_H_in[t, :, D + 1:] += one_minus_z * dh_out[t]
        add(154, np.allclose(dX_and_H_in[t, :, D + 1:], R[('hr', t)] + R[('hd', t)]))
        dZRC_n[t, :, :d] = ZRC_n[t, :, 2 * d:] * dh_out[t]
        add(158, np.allclose(dZRC_n[t, :, :d], R[('zc', t)]))
        dZRC_n[t, :, :d] += -1 * d_one_minus_z
        add(160, np.allclose(dZRC_n[t, :, :d], R[('g', t)][:, :d]))
        authors = ZRC[t, :, :2 * d] * (1 - ZRC[t, :, :2 * d]) * dZRC_n[t, :, :2 * d]
        add(163, np.allclose(authors, R[('azr', t)]))
        dZRC[t, :, :2 * d] = (ZRC_n[t, :, :2 * d] * (1 - ZRC_n[t, :, :2 * d]) * dZRC_n[t, :, :2 * d]) if fixed else authors
        dWGRU[:, :2 * d] += np.dot(X_and_H_in[t].transpose(), dZRC[t, :, :2 * d])
        dX_and_H_in[t] += dZRC[t, :, :2 * d].dot((WGRU[:, :2 * d]).transpose())
        add(168, np.allclose(dX_and_H_in[t, :, 1:D + 1], RX[t]) and
            np.allclose(dX_and_H_in[t, :, D + 1:], R[('hg', t)] + R[('hr', t)] + R[('hd', t)]))
        dX[t] = dX_and_H_in[t, :, 1:D + 1]
        add(171, np.allclose(dX[t], RX[t]))
        if t > 0:
            dh_out[t - 1, :] += dX_and_H_in[t, :, D + 1:]
            add(173, np.allclose(dh_out[t - 1], R[('h', t - 1)]))
        else:
            dh0 += dX_and_H_in[t, :, D + 1:]
            add(175, np.allclose(dh0, Rh0))
    add(138, np.allclose(dWGRU[:, 2 * d:], RW[:, 2 * d:]))
    add(166, np.allclose(dWGRU[:, :2 * d], RW[:, :2 * d]))
    return chk, dX, dWGRU, dh0


chk_fixed, *_ = backward(fixed=True)
chk_raw, dX_raw, dW_raw, dh0_raw = backward(fixed=False)
for k in sorted(chk_fixed):
    print(f"line {k}: {'OK' if chk_fixed[k] else 'MISMATCH'}")
print("info: the file as published (lines 134 and 163 as written) gives dWGRU correct:",
      np.allclose(dW_raw, RW, atol=1e-6), " dX correct:", np.allclose(dX_raw, RX, atol=1e-6),
      " dh0 correct:", np.allclose(dh0_raw, Rh0, atol=1e-6))
