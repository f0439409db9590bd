# Finite-difference check of nahuel_gru_es.py (Nahuel77 GRU.py, numpy GRU with Spanish comments).
# Forward (column vectors): z = sig(Wz x + Uz h_{t-1} + bz), r = sig(Wr x + Ur h_{t-1} + br),
# h~ = tanh(Wh x + Uh (r*h_{t-1}) + bh), h = (1-z)*h_{t-1} + z*h~, y = Why h + by;
# loss = sum_t -log softmax(y_t)[target] (the backward's dy = p - onehot is the gradient of the sum;
# compute_loss reports the mean for monitoring).
import numpy as np
rng = np.random.default_rng(1)
V, H, T = 6, 4, 5
def R(*s, sc=.5): return rng.normal(0, sc, s)
P = dict(Wz=R(H, V), Wr=R(H, V), Wh=R(H, V), Uz=R(H, H), Ur=R(H, H), Uh=R(H, H),
         bz=R(H, 1, sc=.1), br=R(H, 1, sc=.1), bh=R(H, 1, sc=.1), Why=R(V, H), by=R(V, 1, sc=.1))
inputs = list(rng.integers(0, V, T)); targets = list(rng.integers(0, V, T))
h_prev = R(H, 1)

def sigmoid(x): return 1 / (1 + np.exp(-x))
def softmax(v):
    e = np.exp(v - np.max(v)); return e / e.sum()

def forward(P, h0=h_prev):
    xs, hs, ys, zs, rs = {}, {}, {}, {}, {}
    hs[-1] = np.copy(h0)
    for t in range(len(inputs)):
        x = np.zeros((V, 1)); x[inputs[t]] = 1; xs[t] = x
        z = sigmoid(np.dot(P['Wz'], x) + np.dot(P['Uz'], hs[t-1]) + P['bz'])
        r = sigmoid(np.dot(P['Wr'], x) + np.dot(P['Ur'], hs[t-1]) + P['br'])
        h_tilde = np.tanh(np.dot(P['Wh'], x) + np.dot(P['Uh'], r * hs[t-1]) + P['bh'])
        h = (1 - z) * hs[t-1] + z * h_tilde
        zs[t], rs[t], hs[t] = z, r, h
        ys[t] = np.dot(P['Why'], h) + P['by']
    return xs, hs, ys, zs, rs

def loss_sum(P, h0=h_prev):
    ys = forward(P, h0)[2]
    return sum(-np.log(softmax(ys[t])[targets[t], 0]) for t in range(len(targets)))

def author_backward(P):
    Wz, Wr, Wh, Uz, Ur, Uh, bh, Why = (P[k] for k in ['Wz', 'Wr', 'Wh', 'Uz', 'Ur', 'Uh', 'bh', 'Why'])
    xs, hs, ys, zs, rs = forward(P)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros_like(hs[0])
    for t in reversed(range(len(targets))):
        dy = softmax(ys[t]); dy[targets[t]] -= 1                                # 77-78
        G['Why'] += np.dot(dy, hs[t].T)                                         # 79
        G['by'] += dy                                                           # 80
        dh = np.dot(Why.T, dy) + dh_next                                        # 82
        z = zs[t]; r = rs[t]
        h_tilde = np.tanh(np.dot(Wh, xs[t]) + np.dot(Uh, r * hs[t-1]) + bh)     # 84
        dh_tilde = dh * z * (1 - h_tilde**2)                                    # 86
        dz = dh * (h_tilde - hs[t-1]) * z * (1 - z)                             # 87
        dr = np.dot(Uh.T, dh_tilde) * hs[t-1] * r * (1 - r)                     # 88
        G['Wh'] += np.dot(dh_tilde, xs[t].T)                                    # 90
        G['Uh'] += np.dot(dh_tilde, (r * hs[t-1]).T)                            # 91
        G['Wz'] += np.dot(dz, xs[t].T)                                          # 93
        G['Wr'] += np.dot(dr, xs[t].T)                                          # 94
        G['Uz'] += np.dot(dz, hs[t-1].T)                                        # 95
        G['Ur'] += np.dot(dr, hs[t-1].T)                                        # 96
        G['bh'] += dh_tilde                                                     # 97
        G['bz'] += dz                                                           # 98
        G['br'] += dr                                                           # 99
        dh_next = (1 - z) * dh + np.dot(Uz.T, dz) + np.dot(Ur.T, dr) + np.dot(Uh.T, dh_tilde) * r   # 101
    return G, dh_next

def fd(fun, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; fp = fun(); A[idx] = old - eps; fm = fun(); A[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

G, dh0 = author_backward(P)
line = dict(Why=79, by=80, Wh=90, Uh=91, Wz=93, Wr=94, Uz=95, Ur=96, bh=97, bz=98, br=99)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
for k in ['Wz', 'Wr', 'Wh', 'Uz', 'Ur', 'Uh', 'bz', 'br', 'bh', 'Why', 'by']:
    num = fd(lambda: loss_sum(P), P[k])
    print(f"d{k:4s} (line {line[k]}): author vs FD agree = {ok(G[k], num)}  max|diff| = {np.abs(G[k]-num).max():.2e}")
h0 = h_prev.copy()
print(f"dh_next after loop = dL/dh_prev (line 101, whole recursion): agree = {ok(dh0, fd(lambda: loss_sum(P, h0), h0))}")

# one-step local checks of the pre-activation gradients (lines 87-89) with an arbitrary upstream dh
x = np.zeros((V, 1)); x[2] = 1; hp = R(H, 1); g = R(H, 1)
def step(Wz, Wr, Wh, Uz, Ur, Uh, bz, br, bh, a_z=None, a_r=None, a_h=None, hp=hp):
    az = np.dot(Wz, x) + np.dot(Uz, hp) + bz if a_z is None else a_z
    ar = np.dot(Wr, x) + np.dot(Ur, hp) + br if a_r is None else a_r
    r = sigmoid(ar)
    ah = np.dot(Wh, x) + np.dot(Uh, r * hp) + bh if a_h is None else a_h
    z = sigmoid(az); return (1 - z) * hp + z * np.tanh(ah)
A = [P[k] for k in ['Wz', 'Wr', 'Wh', 'Uz', 'Ur', 'Uh', 'bz', 'br', 'bh']]
az = np.dot(P['Wz'], x) + np.dot(P['Uz'], hp) + P['bz']; ar = np.dot(P['Wr'], x) + np.dot(P['Ur'], hp) + P['br']
z = sigmoid(az); r = sigmoid(ar); ah = np.dot(P['Wh'], x) + np.dot(P['Uh'], r * hp) + P['bh']; ht = np.tanh(ah)
dh_tilde = g * z * (1 - ht**2); dz = g * (ht - hp) * z * (1 - z); dr = np.dot(P['Uh'].T, dh_tilde) * hp * r * (1 - r)
print("line 86 dh_tilde = dL/d(pre-act of h~):", ok(dh_tilde, fd(lambda: (g.T @ step(*A, a_z=az, a_r=ar, a_h=ah)).item(), ah)))
print("line 87 dz = dL/d(pre-act of z):     ", ok(dz, fd(lambda: (g.T @ step(*A, a_z=az, a_r=ar, a_h=None)).item(), az)))
print("line 88 dr = dL/d(pre-act of r):     ", ok(dr, fd(lambda: (g.T @ step(*A, a_z=az, a_r=ar)).item(), ar)))
dhp = (1 - z) * g + np.dot(P['Uz'].T, dz) + np.dot(P['Ur'].T, dr) + np.dot(P['Uh'].T, dh_tilde) * r
print("line 101 dh_next (one step, dL/dh_{t-1}):", ok(dhp, fd(lambda: (g.T @ step(*A, hp=hp)).item(), hp)))
