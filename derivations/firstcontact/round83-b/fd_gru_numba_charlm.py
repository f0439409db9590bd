"""Finite-difference check of gru_numba_charlm.py (numpy only, numba dropped).
Forward as written: z = sig(Wz x + Uz h_prev + bz), r = sig(Wr x + Ur h_prev + br),
h_hat = tanh(Wh x + Uh (r*h_prev) + bh), h = z*h_prev + (1-z)*h_hat, p = softmax(Wy h + by),
loss = -sum_t log p_t[target_t]. Column vectors."""
import numpy as np
rng = np.random.default_rng(1)

def sigmoid(x, derivative=False):          # author's helper (line 112-117)
    s = 1 / (1 + np.exp(-x))
    return s * (1 - s) if derivative else s
def tanh(x, derivative=False):             # author's helper (line 131-135)
    return 1 - x ** 2 if derivative else np.tanh(x)
def softmax(x, derivative=False):          # author's helper (line 121-127)
    if derivative: return x * (1 - x)
    e = np.exp(x - np.max(x)); return e / np.sum(e)

V = 5
P = {k: rng.random((V, V)) * 1.0 - 0.5 for k in ['Wz', 'Uz', 'Wr', 'Ur', 'Wh', 'Uh', 'Wy']}
for k in ['bz', 'br', 'bh', 'by']: P[k] = rng.standard_normal((V, 1)) * 0.3
data = [0, 3, 1, 4, 2, 2]; target = [3, 1, 4, 2, 2, 0]; hprev = rng.standard_normal((V, 1)) * 0.5

def forward(P, hprev):
    x, z, r, h_hat, h, p = {}, {}, {}, {}, {-1: hprev}, {}
    loss = 0
    for c in range(len(data)):
        x[c] = np.zeros((V, 1)); x[c][data[c]] = 1
        z[c] = sigmoid(P['Wz'] @ x[c] + P['Uz'] @ h[c-1] + P['bz'])
        r[c] = sigmoid(P['Wr'] @ x[c] + P['Ur'] @ h[c-1] + P['br'])
        h_hat[c] = tanh(P['Wh'] @ x[c] + P['Uh'] @ (r[c] * h[c-1]) + P['bh'])
        h[c] = z[c] * h[c-1] + (1 - z[c]) * h_hat[c]
        p[c] = softmax(P['Wy'] @ h[c] + P['by'])
        loss -= np.sum(np.log(p[c][target[c]]))
    return x, z, r, h_hat, h, p, loss

def backward(P, hprev, fixed=False):
    x, z, r, h_hat, h, p, loss = forward(P, hprev)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dhnext = np.zeros_like(h[0])
    for c in reversed(range(len(data))):
        dy = np.copy(p[c]); dy[target[c]] -= 1
        G['Wy'] += dy @ h[c].T; G['by'] += dy
        dh = P['Wy'].T @ dy + dhnext
        dh_hat = dh * (1 - z[c])
        dh_hat_l = dh_hat * tanh(h_hat[c], derivative=True)
        G['Wh'] += dh_hat_l @ x[c].T; G['Uh'] += dh_hat_l @ (r[c] * h[c-1]).T; G['bh'] += dh_hat_l
        drhp = P['Uh'].T @ dh_hat_l
        dr = drhp * h[c-1]
        dr_l = dr * (r[c] * (1 - r[c]) if fixed else sigmoid(r[c], derivative=True))   # line 88
        G['Wr'] += dr_l @ x[c].T; G['Ur'] += dr_l @ h[c-1].T; G['br'] += dr_l
        dz = dh * (h[c-1] - h_hat[c])
        dz_l = dz * (z[c] * (1 - z[c]) if fixed else sigmoid(z[c], derivative=True))   # line 95
        G['Wz'] += dz_l @ x[c].T; G['Uz'] += dz_l @ h[c-1].T; G['bz'] += dz_l
        dhnext = P['Uz'].T @ dz_l + dh * z[c] + drhp * r[c] + P['Ur'].T @ dr_l
    return G, dhnext

def num(P, key, eps=1e-6):
    g = np.zeros_like(P[key])
    for ix in np.ndindex(g.shape):
        o = P[key][ix]; P[key][ix] = o + eps; a = forward(P, hprev)[-1]
        P[key][ix] = o - eps; b = forward(P, hprev)[-1]; P[key][ix] = o
        g[ix] = (a - b) / (2 * eps)
    return g

Ga, dha = backward(P, hprev)
Gf, dhf = backward(P, hprev, fixed=True)
lines = {'Wy': 75, 'by': 76, 'Wh': 82, 'Uh': 83, 'bh': 84, 'Wr': 90, 'Ur': 91, 'br': 92, 'Wz': 97, 'Uz': 98, 'bz': 99}
print("param  line  author-vs-FD        fixed(lines 88/95 use r(1-r), z(1-z))-vs-FD")
for k, ln in lines.items():
    n = num(P, k)
    ea = np.abs(Ga[k] - n).max(); ef = np.abs(Gf[k] - n).max()
    print(f"{k:4s}  {ln:4d}  {ea:.2e} {'AGREE   ' if ea < 1e-6 else 'DISAGREE'}  {ef:.2e} {'AGREE' if ef < 1e-6 else 'DISAGREE'}")
# dL/dhprev (the final dhnext, line 106)
hp = hprev.copy(); g = np.zeros_like(hp)
for ix in np.ndindex(hp.shape):
    a_ = hp.copy(); a_[ix] += 1e-6; b_ = hp.copy(); b_[ix] -= 1e-6
    g[ix] = (forward(P, a_)[-1] - forward(P, b_)[-1]) / 2e-6
print(f"dL/dh_(-1) line 106: author {np.abs(dha - g).max():.2e}, fixed {np.abs(dhf - g).max():.2e}")
# the local error of lines 88/95 in isolation: sigmoid(r, derivative=True) vs dr/da
a = rng.standard_normal((4, 1)); rr = sigmoid(a)
eps = 1e-6; true = (sigmoid(a + eps) - sigmoid(a - eps)) / (2 * eps)
print(f"lines 88/95: sigmoid(r, derivative=True) vs d sigma/da: err {np.abs(sigmoid(rr, derivative=True) - true).max():.2e} -> DISAGREE; r*(1-r): err {np.abs(rr*(1-rr) - true).max():.2e}")
print(f"line 115: sigmoid(a, derivative=True) at the pre-activation a: err {np.abs(sigmoid(a, derivative=True) - true).max():.2e} -> AGREE")
th = np.tanh(a); tt = (np.tanh(a + eps) - np.tanh(a - eps)) / (2 * eps)
print(f"line 133/80: tanh(h_hat, derivative=True) = 1 - h_hat**2 vs d tanh/da: err {np.abs(tanh(th, derivative=True) - tt).max():.2e} -> AGREE")
# line 123 softmax derivative helper (unused): compare with the true Jacobian
zv = rng.standard_normal(4); s = softmax(zv)
J = np.zeros((4, 4))
for j in range(4):
    e = np.zeros(4); e[j] = eps; J[:, j] = (softmax(zv + e) - softmax(zv - e)) / (2 * eps)
print(f"line 123: softmax(x, derivative=True)=x*(1-x): as input-x: diag err {np.abs(np.diag(J) - softmax(zv, True)).max():.2e}; "
      f"applied to output s: diag err {np.abs(np.diag(J) - softmax(s, True)).max():.2e} but off-diagonal Jacobian entries ignored (max |offdiag| {np.abs(J - np.diag(np.diag(J))).max():.2e}) -> DISAGREE")
