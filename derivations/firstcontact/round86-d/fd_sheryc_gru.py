# Finite-difference check of sheryc/simple_models gru.py (forward + backward as written).
import numpy as np
np.random.seed(0)

def sigmoid(x, derivative=False):          # author's helper (derivative evaluated at its argument)
    s = 1 / (1 + np.exp(-x))
    return s * (1 - s) if derivative else s
def softmax(x):
    e = np.exp(x - np.max(x)); return e / np.sum(e)
def tanh(x, derivative=False):             # author's helper (derivative evaluated on the tanh output)
    return 1 - x ** 2 if derivative else np.tanh(x)

V = 5; H = V; T = 4
P = {k: np.random.rand(H, V) * 1.0 - 0.5 for k in ['Wz', 'Wr', 'Wh']}
P.update({k: np.random.rand(H, H) * 1.0 - 0.5 for k in ['Uz', 'Ur', 'Uh']})
P.update({k: np.random.randn(H, 1) * 0.3 for k in ['bz', 'br', 'bh']})
P['Wy'] = np.random.rand(V, H) - 0.5; P['by'] = np.random.randn(V, 1) * 0.3
data = list(np.random.randint(0, V, T)); target = list(np.random.randint(0, V, T))
hprev = np.random.randn(H, 1) * 0.5

def forward(P):
    x, z, r, hh, h, p = {}, {}, {}, {}, {-1: hprev}, {}
    loss = 0
    for t in range(T):
        x[t] = np.zeros((V, 1)); x[t][data[t]] = 1
        z[t] = sigmoid(P['Wz'] @ x[t] + P['Uz'] @ h[t-1] + P['bz'])
        r[t] = sigmoid(P['Wr'] @ x[t] + P['Ur'] @ h[t-1] + P['br'])
        hh[t] = tanh(P['Wh'] @ x[t] + P['Uh'] @ (r[t] * h[t-1]) + P['bh'])
        h[t] = z[t] * h[t-1] + (1 - z[t]) * hh[t]
        p[t] = softmax(P['Wy'] @ h[t] + P['by'])
        loss -= np.sum(np.log(p[t][target[t]]))
    return loss, x, z, r, hh, h, p

def backward(P, fixed=False):
    loss, x, z, r, hh, h, p = forward(P)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dhnext = np.zeros_like(h[0]); local = {}
    for t in reversed(range(T)):
        dy = np.copy(p[t]); dy[target[t]] -= 1
        G['Wy'] += dy @ h[t].T; G['by'] += dy
        dh = P['Wy'].T @ dy + dhnext
        dh_hat = dh * (1 - z[t])
        dh_hat_l = dh_hat * tanh(hh[t], derivative=True)
        G['Wh'] += dh_hat_l @ x[t].T; G['Uh'] += dh_hat_l @ (r[t] * h[t-1]).T; G['bh'] += dh_hat_l
        drhp = P['Uh'].T @ dh_hat_l
        dr = drhp * h[t-1]
        dr_l = dr * (r[t] * (1 - r[t]) if fixed else sigmoid(r[t], derivative=True))   # line 88
        G['Wr'] += dr_l @ x[t].T; G['Ur'] += dr_l @ h[t-1].T; G['br'] += dr_l
        dz = dh * (h[t-1] - hh[t])
        dz_l = dz * (z[t] * (1 - z[t]) if fixed else sigmoid(z[t], derivative=True))   # line 95
        G['Wz'] += dz_l @ x[t].T; G['Uz'] += dz_l @ h[t-1].T; G['bz'] += dz_l
        dhnext = P['Uz'].T @ dz_l + dh * z[t] + drhp * r[t] + P['Ur'].T @ dr_l
        local[t] = (dh, dr_l, dz_l, dhnext)
    return G, local

def numgrad(P):
    N = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for i in range(v.size):
            o = v.flat[i]; v.flat[i] = o + 1e-6; lp = forward(P)[0]
            v.flat[i] = o - 1e-6; lm = forward(P)[0]; v.flat[i] = o
            g.flat[i] = (lp - lm) / 2e-6
        N[k] = g
    return N

def rel(a, b): return np.abs(a - b).max() / max(1e-12, np.abs(a).max(), np.abs(b).max())

N = numgrad(P)
Ga, La = backward(P, fixed=False)
Gf, Lf = backward(P, fixed=True)
print("Full-sequence parameter gradients vs central finite differences (max rel. error)")
print("%-4s %14s %22s" % ("par", "as written", "lines 88/95 corrected"))
for k in P:
    print("%-4s %14.2e %22.2e" % (k, rel(Ga[k], N[k]), rel(Gf[k], N[k])))

# Local check at the last step t=T-1 (dhnext=0 there, so dh is exact): FD of the loss w.r.t. the
# pre-activations of r and z, obtained by perturbing the bias of the last step only.
t = T - 1
def loss_with_shift(which, j, eps):
    _, x, z, r, hh, h, p = forward(P)
    ht1 = h[t-1]
    az = P['Wz'] @ x[t] + P['Uz'] @ ht1 + P['bz']; ar = P['Wr'] @ x[t] + P['Ur'] @ ht1 + P['br']
    if which == 'z': az = az.copy(); az[j] += eps
    else: ar = ar.copy(); ar[j] += eps
    zz, rr = sigmoid(az), sigmoid(ar)
    hhh = np.tanh(P['Wh'] @ x[t] + P['Uh'] @ (rr * ht1) + P['bh'])
    hn = zz * ht1 + (1 - zz) * hhh
    pp = softmax(P['Wy'] @ hn + P['by'])
    return -np.log(pp[target[t], 0])
for which, idx, name, line in [('r', 1, 'dr_l', 88), ('z', 2, 'dz_l', 95)]:
    fd = np.array([[(loss_with_shift(which, j, 1e-6) - loss_with_shift(which, j, -1e-6)) / 2e-6] for j in range(H)])
    print("line %d %s (last step): as written rel.err %.2e | with r(1-r)/z(1-z) %.2e"
          % (line, name, rel(La[t][idx], fd), rel(Lf[t][idx], fd)))
print("ROWS: lines 88 (dr_l) and 95 (dz_l) disagree with FD as written; with those two lines corrected")
print("      every other backward row (dWy..dhnext) reproduces the FD gradient of all parameters.")

# Helper rows: sigmoid(x, derivative=True) = sigma'(x) at the argument (line 115);
# tanh(y, derivative=True) = 1 - y**2 with y the tanh output (line 133);
# softmax(x, derivative=True) = x*(1-x) read on the softmax output = diagonal of the Jacobian (line 123, unused).
a = np.random.randn(6, 1)
fd_sig = (1 / (1 + np.exp(-(a + 1e-6))) - 1 / (1 + np.exp(-(a - 1e-6)))) / 2e-6
print("line 115 sigmoid' at argument: rel.err %.2e" % rel(sigmoid(a, derivative=True), fd_sig))
fd_tanh = (np.tanh(a + 1e-6) - np.tanh(a - 1e-6)) / 2e-6
print("line 133 1-y**2 on tanh output: rel.err %.2e" % rel(tanh(np.tanh(a), derivative=True), fd_tanh))
s = softmax(a)
J = np.array([[(softmax(a + 1e-6 * np.eye(6)[:, [j]])[i, 0] - softmax(a - 1e-6 * np.eye(6)[:, [j]])[i, 0]) / 2e-6
               for j in range(6)] for i in range(6)])
print("line 123 s*(1-s) vs diag of FD softmax Jacobian: rel.err %.2e" % rel(s * (1 - s), np.diag(J)[:, None]))
