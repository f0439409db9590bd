"""Finite-difference check of dummyilh_rnn_reference_bptt.md (dummy-ilh/MINE RNN/RNN.md).

numpy only, float64, central differences. Exit 0 iff every checked line agrees with expected.json.
Symbolic lines are checked on random instances; numeric claims against the exact values of the
author's instance (tolerance 1.5% relative / 6e-4 absolute, because the author rounds h to 3 digits).
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "dummyilh_rnn_reference_bptt.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(56)
EPS = 1e-6


def close(a, b, rtol=1e-6, atol=1e-8):
    return np.allclose(a, b, rtol=rtol, atol=atol)


def near(stated, exact, rtol=0.015, atol=6e-4):
    return abs(stated - exact) <= max(atol, rtol * abs(exact))


def fd(f, x):
    """Jacobian of f at x (array), shape f(x).shape + x.shape."""
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x))
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += EPS
        xm = x.copy(); xm[idx] -= EPS
        J[(Ellipsis,) + idx] = (np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * EPS)
    return J


# ---------------- vector RNN (column layout) ----------------
class RNN:
    def __init__(self, H=3, D=2, K=2, T=5, h0_zero=False):
        self.Wx = rng.normal(size=(H, D)) * 0.6
        self.Wh = rng.normal(size=(H, H)) * 0.6
        self.b = rng.normal(size=H) * 0.3
        self.Wy = rng.normal(size=(K, H)) * 0.6
        self.by = rng.normal(size=K) * 0.3
        self.x = rng.normal(size=(T + 1, D))          # x[1..T]
        self.ys = rng.normal(size=(T + 1, K))
        self.h0 = np.zeros(H) if h0_zero else rng.normal(size=H) * 0.5
        self.T = T

    def states(self, Wh_steps=None, start=0, hstart=None):
        """h[0..T]; Wh_steps: dict step -> W_hh used at that step only."""
        h = [None] * (self.T + 1)
        h[0] = self.h0
        if hstart is not None:
            h[start] = hstart
        for t in range(start + 1, self.T + 1):
            W = self.Wh if Wh_steps is None or t not in Wh_steps else Wh_steps[t]
            h[t] = np.tanh(self.Wx @ self.x[t] + W @ h[t - 1] + self.b)
        return h

    def Lt(self, h, t):
        y = self.Wy @ h + self.by
        return 0.5 * np.sum((y - self.ys[t]) ** 2)

    def loss(self, h, ts=None):
        ts = range(1, self.T + 1) if ts is None else ts
        return sum(self.Lt(h[t], t) for t in ts)


results = {}


def record(line, ok, note=""):
    results[str(line)] = ("pass" if ok else "fail", note)


# ---------------- author's scalar instance ----------------
Wxh, Whh, Why = 0.5, 0.8, 2.0
xs = [None, 1.0, 2.0]
yst = [None, 1.0, 2.0]


def scalar_forward(Wxh=Wxh, Whh=Whh, Why=Why, x1=1.0, x2=2.0, h0=0.0, Whh1=None, Whh2=None):
    W1 = Whh if Whh1 is None else Whh1
    W2 = Whh if Whh2 is None else Whh2
    h1 = np.tanh(Wxh * x1 + W1 * h0)
    h2 = np.tanh(Wxh * x2 + W2 * h1)
    return h1, h2, Why * h1, Why * h2


def scalar_loss(**kw):
    h1, h2, y1, y2 = scalar_forward(**kw)
    return 0.5 * (y1 - 1.0) ** 2 + 0.5 * (y2 - 2.0) ** 2


def d1(f, v):
    return (f(v + EPS) - f(v - EPS)) / (2 * EPS)


h1e, h2e, y1e, y2e = scalar_forward()
e1, e2 = y1e - 1.0, y2e - 2.0

# definitions: forward reproduces the stated numbers
record(10, near(0.462, h1e) and near(0.878, h2e), "definition; forward reproduces §1.4")
record(11, near(0.924, y1e), "definition")
record(202, near(0.462, h1e), "definition (repeat)")
record(214, near(0.878, np.tanh(0.5 * 2 + 0.8 * np.tanh(0.5 * 1))), "definition")
record(224, True, "definition (composition), nothing numeric")
record(24, near(0.462, np.tanh(0.5)))
record(25, near(0.924, 2 * h1e) and abs(2 * 0.462 - 0.924) < 1e-12)
record(28, abs(0.5 * 2 + 0.8 * 0.462 - 1.3696) < 1e-9 and abs(np.tanh(1.3696) - 0.878) < 1e-3,
       "tanh(1.3696)=%.5f written 0.878" % np.tanh(1.3696))
record(29, abs(2 * 0.878 - 1.756) < 1e-12 and near(1.756, y2e))

# vector forward §1.5
Wx5 = np.array([[0.2, 0.1, -0.3], [0.5, 0.0, 0.4]])
Wh5 = np.array([[0.6, -0.1], [0.2, 0.8]])
b5 = np.array([0.1, 0.0])
x51 = np.array([1.0, 2.0, 0.5]); x52 = np.array([0.5, 1.0, 2.0])
H1 = np.tanh(Wx5 @ x51 + b5)
H2 = np.tanh(Wx5 @ x52 + Wh5 @ H1 + b5)
record(39, close(Wx5 @ x51, [0.25, 0.70]) and close(Wx5 @ x51 + b5, [0.35, 0.70])
       and np.all(np.abs(H1 - [0.336, 0.604]) < 6e-4))
record(43, close(Wx5 @ x52, [-0.40, 1.05]) and np.all(np.abs(Wh5 @ np.array([0.336, 0.604]) - [0.1412, 0.5504]) < 1e-9)
       and np.all(np.abs(Wh5 @ H1 - [0.1412, 0.5504]) < 6e-4))
record(44, np.all(np.abs(np.tanh(np.array([-0.1588, 1.6004])) - [-0.1575, 0.9217]) < 6e-5)
       and np.all(np.abs(H2 - [-0.1575, 0.9217]) < 1e-3))

# line 57: row layout with (D_in, D_out) matrices is the transpose of the column layout; shapes compose
B = 4
Xr = rng.normal(size=(B, 3)); Hr = rng.normal(size=(B, 2))
row = np.tanh(Xr @ Wx5.T + Hr @ Wh5.T + b5)
col = np.stack([np.tanh(Wx5 @ Xr[i] + Wh5 @ Hr[i] + b5) for i in range(B)])
record(57, row.shape == (B, 2) and close(row, col), "row layout consistent (definition)")

# param count lines 63 / 205
Din, Dout, K = 10, 64, 1
arrays = [np.zeros((Dout, Din)), np.zeros((Dout, Dout)), np.zeros(Dout), np.zeros((K, Dout)), np.zeros(K)]
n = sum(a.size for a in arrays)
formula = Din * Dout + Dout ** 2 + Dout + Dout * K + K
record(63, n == formula == 4865)
record(205, n == formula)

# ---------------- symbolic BPTT lines on a random vector instance ----------------
net = RNN(H=3, D=2, K=2, T=5)
h = net.states()


def L_of_Wh(W):
    saved = net.Wh; net.Wh = W
    val = net.loss(net.states()); net.Wh = saved
    return val


def Lt_of_Wh(W, t):
    saved = net.Wh; net.Wh = W
    val = net.Lt(net.states()[t], t); net.Wh = saved
    return val


gW = fd(L_of_Wh, net.Wh)
record(85, True, "definition L = sum L_t")
record(87, close(gW, sum(fd(lambda W, t=t: Lt_of_Wh(W, t), net.Wh) for t in range(1, net.T + 1)), rtol=1e-5, atol=1e-8))

# line 93: dL3/dW = (dL3/dh3)^T (total dh3/dW)
dL3_dh3 = fd(lambda v: net.Lt(v, 3), h[3])


def h3_of_Wh(W):
    saved = net.Wh; net.Wh = W
    v = net.states()[3]; net.Wh = saved
    return v


dh3_dW = fd(h3_of_Wh, net.Wh)                       # (H, H, H)
dL3_dW = fd(lambda W: Lt_of_Wh(W, 3), net.Wh)
record(93, close(dL3_dW, np.einsum('i,iab->ab', dL3_dh3, dh3_dW), rtol=1e-5, atol=1e-8))

# line 97: sum_k dL3/dh3 dh3/dhk (immediate dhk/dW)


def hT_from(k, hk, T):
    return net.states(start=k, hstart=hk)[T]


acc = np.zeros_like(net.Wh)
for k in range(1, 4):
    J3k = fd(lambda v, k=k: hT_from(k, v, 3), h[k]) if k < 3 else np.eye(3)
    # immediate dh_k/dW_hh: W_hh copy used at step k only
    imm = fd(lambda W, k=k: net.states(Wh_steps={k: W})[k], net.Wh)
    acc += np.einsum('i,ij,jab->ab', dL3_dh3, J3k, imm)
record(97, close(acc, dL3_dW, rtol=1e-5, atol=1e-8))

# lines 101, 226, 107, 109, 113, 203
T = net.T
J_full = fd(lambda v: hT_from(1, v, T), h[1])
steps = {j: fd(lambda v, j=j: hT_from(j - 1, v, j), h[j - 1]) for j in range(2, T + 1)}
prod = np.eye(3)
for j in range(T, 1, -1):
    prod = prod @ steps[j]
record(101, close(prod, J_full, rtol=1e-5, atol=1e-8))
record(226, close(prod, J_full, rtol=1e-5, atol=1e-8))
z = {j: net.Wx @ net.x[j] + net.Wh @ h[j - 1] + net.b for j in range(1, T + 1)}
ok107 = all(close(steps[j], np.diag(1 - np.tanh(z[j]) ** 2) @ net.Wh, rtol=1e-5, atol=1e-8) for j in range(2, T + 1))
record(107, ok107)
record(109, all(np.all((1 - np.tanh(z[j]) ** 2 > 0) & (1 - np.tanh(z[j]) ** 2 <= 1)) for j in z), "definition")
prodD = np.eye(3)
for j in range(T, 1, -1):
    prodD = prodD @ (np.diag(1 - np.tanh(z[j]) ** 2) @ net.Wh)
record(113, close(prodD, J_full, rtol=1e-5, atol=1e-8))
record(203, close(prodD, J_full, rtol=1e-5, atol=1e-8))

# line 117: spectral radius * ||D|| < 1  =>  product shrinks?  counterexample in a real RNN run
Wc = np.array([[3.88038407, -4.74465894], [3.52111464, -4.27651569]])
rho = max(abs(np.linalg.eigvals(Wc)))
Tc = 12
hc = [np.zeros(2)]
Dc = []
for t in range(1, Tc + 1):
    u = np.array([12.0, -(Wc[1] @ hc[-1])])          # input W_xh = I: saturate unit 1, zero pre-act of unit 2
    zc = u + Wc @ hc[-1]
    hc.append(np.tanh(zc))
    Dc.append(np.diag(1 - np.tanh(zc) ** 2))
P = np.eye(2)
for t in range(Tc - 1, 0, -1):
    P = P @ (Dc[t] @ Wc)          # D_{t+1} W for t+1 = Tc..2
max_D = max(np.max(np.diag(D)) for D in Dc)
claim_premise = rho * max_D < 1
claim_holds = np.linalg.norm(P, 2) < 1
record(117, not (claim_premise and not claim_holds),
       "rho(W)=%.3f, max||D||=%.3f, ||prod of %d D_j W||=%.3g" % (rho, max_D, Tc - 1, np.linalg.norm(P, 2)))

# table 128-132
for line, w, stated in [(128, 0.8, 2.03e-10), (129, 0.95, 0.0059), (130, 1.0, 1.0), (131, 1.05, 131.5), (132, 1.2, 8.28e7)]:
    record(line, near(stated, w ** 100, rtol=0.005, atol=0))

# clipping 149/204
ok = True
for c in [0.5, 3.0, 100.0]:
    g = rng.normal(size=7)
    gc = min(1.0, c / np.linalg.norm(g)) * g
    ok &= abs(np.linalg.norm(gc) - min(c, np.linalg.norm(g))) < 1e-12 and close(gc / np.linalg.norm(gc), g / np.linalg.norm(g))
record(149, ok)
record(204, ok)

# ---------------- §2.5 manual BPTT ----------------
record(156, True, "loss definition")
record(158, near(0.462, h1e) and near(0.924, y1e) and near(0.878, h2e) and near(1.756, y2e))
record(161, near(-0.076, e1) and near(-0.244, e2) and abs(0.924 - 1.0 + 0.076) < 1e-12)

# formula checks on random scalar instances (W_hy free, nonzero h0)
ok164 = ok166 = ok167 = ok168 = ok171 = ok174 = ok177 = ok178 = ok179 = ok215 = True
for _ in range(5):
    p = dict(Wxh=rng.normal(), Whh=rng.normal(), Why=rng.normal(), x1=rng.normal(), x2=rng.normal(), h0=rng.normal())
    h1, h2, y1, y2 = scalar_forward(**p)
    E1, E2 = y1 - 1.0, y2 - 2.0
    gWhy = d1(lambda v: scalar_loss(**{**p, 'Why': v}), p['Why'])
    ok164 &= abs(gWhy - (E1 * h1 + E2 * h2)) < 1e-7
    ok166 &= abs(d1(lambda v: p['Why'] * v, h2) - p['Why']) < 1e-7
    # dL/dh2 total (h2 last state): L2 only
    dLdh2 = d1(lambda v: 0.5 * (p['Why'] * v - 2.0) ** 2, h2)
    ok167 &= abs(dLdh2 - E2 * p['Why']) < 1e-7
    ok168 &= abs(d1(lambda v: 0.5 * (p['Why'] * v - 1.0) ** 2, h1) - E1 * p['Why']) < 1e-7

    def L_from_h1(v):
        hh2 = np.tanh(p['Wxh'] * p['x2'] + p['Whh'] * v)
        return 0.5 * (p['Why'] * v - 1.0) ** 2 + 0.5 * (p['Why'] * hh2 - 2.0) ** 2

    def L2_from_h1(v):
        hh2 = np.tanh(p['Wxh'] * p['x2'] + p['Whh'] * v)
        return 0.5 * (p['Why'] * hh2 - 2.0) ** 2
    from_t2 = E2 * p['Why'] * (1 - h2 ** 2) * p['Whh']
    ok171 &= abs(d1(L2_from_h1, h1) - from_t2) < 1e-7
    d1tot = E1 * p['Why'] + from_t2
    ok174 &= abs(d1(L_from_h1, h1) - d1tot) < 1e-7
    c2 = d1(lambda v: scalar_loss(**{**p, 'Whh2': v}), p['Whh'])
    c1 = d1(lambda v: scalar_loss(**{**p, 'Whh1': v}), p['Whh'])
    ok177 &= abs(c2 - E2 * p['Why'] * (1 - h2 ** 2) * h1) < 1e-7
    ok178 &= abs(c1 - d1tot * (1 - h1 ** 2) * p['h0']) < 1e-7
    ok179 &= abs(d1(lambda v: scalar_loss(**{**p, 'Whh': v}), p['Whh']) - (c1 + c2)) < 1e-7
    dh2dx1 = d1(lambda v: scalar_forward(**{**p, 'x1': v})[1], p['x1'])
    ok215 &= abs(dh2dx1 - (1 - h2 ** 2) * p['Whh'] * (1 - h1 ** 2) * p['Wxh']) < 1e-7

# exact values of the author's instance
gWhy_e = d1(lambda v: scalar_loss(Why=v), Why)
gWhh_e = d1(lambda v: scalar_loss(Whh=v), Whh)
c2_e = d1(lambda v: scalar_loss(Whh2=v), Whh)
c1_e = d1(lambda v: scalar_loss(Whh1=v), Whh)
d2_e = e2 * Why
d1dir_e = e1 * Why
from_e = d2_e * (1 - h2e ** 2) * Whh
record(164, ok164 and near(-0.2493, gWhy_e) and abs(-0.076 * 0.462 - 0.244 * 0.878 + 0.2493) < 1e-4)
record(166, ok166)
record(167, ok167 and near(-0.488, d2_e))
record(168, ok168 and near(-0.152, d1dir_e))
record(170, abs(1 - 0.878 ** 2 - 0.229) < 5e-4 and near(0.229, 1 - h2e ** 2))
record(171, ok171 and near(-0.0894, from_e))
record(174, ok174 and near(-0.2414, d1dir_e + from_e))
record(176, abs(1 - 0.462 ** 2 - 0.7866) < 5e-5)
record(177, ok177 and near(-0.0516, c2_e))
record(178, ok178 and abs(c1_e) < 1e-9)
record(179, ok179 and near(-0.0516, gWhh_e))

# line 195: many-to-many, total grad at h_3 = local + carried back from h_4
net2 = RNN(H=3, D=2, K=2, T=6)
h_ = net2.states()
tot = fd(lambda v: net2.loss(net2.states(start=3, hstart=v), ts=range(3, 7)), h_[3])
loc = fd(lambda v: net2.Lt(v, 3), h_[3])
later = fd(lambda v: net2.loss(net2.states(start=4, hstart=v), ts=range(4, 7)), h_[4])
J43 = fd(lambda v: net2.states(start=3, hstart=v)[4], h_[3])
record(195, close(tot, loc + later @ J43, rtol=1e-5, atol=1e-8))

record(215, ok215)
dh2dx1_e = d1(lambda v: scalar_forward(x1=v)[1], 1.0)
record(216, abs((1 - 0.878 ** 2) * 0.8 - 0.1832) < 2e-4 and abs((1 - 0.462 ** 2) * 0.5 - 0.3933) < 1e-4
       and near(0.0720, dh2dx1_e))
record(232, near(-0.0516, c2_e) and abs(c1_e) < 1e-9 and near(-0.0516, gWhh_e))

# ---------------- compare ----------------
bad = 0
for line in sorted(EXP, key=int):
    exp = EXP[line]["expected"]
    if line not in results:
        print(f"line {line}: expected {exp}, numeric NOT CHECKED")
        bad += 1
        continue
    got, note = results[line]
    flag = "" if got == exp else "   <-- MISMATCH"
    print(f"line {line}: expected {exp}, numeric {got}" + (f"  ({note})" if note else "") + flag)
    bad += got != exp
extra = set(results) - set(EXP)
if extra:
    print("checked but not annotated:", sorted(extra, key=int)); bad += len(extra)
print("mismatches:", bad)
sys.exit(1 if bad else 0)
