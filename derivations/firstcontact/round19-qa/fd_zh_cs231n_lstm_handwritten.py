"""FD check of zh_cs231n_lstm_handwritten.md (CS231n assignment-3 LSTM step, row layout: x (N,D), prev_h (N,H),
Wx (D,4H), Wh (H,4H), b (4H,), A = x Wx + prev_h Wh + b split into [i | f | o | g] blocks).
Loss: random linear probe L = sum(Gh*next_h) + sum(Gc*next_c), so dnext_h = Gh, dnext_c = Gc (incoming totals).
Also shows that the LaTeX rows 22/28 read literally (one pre-activation shared by i, f, o and g) describe a
different cell than the code's block split."""
import numpy as np

rng = np.random.default_rng(3)
N, D, H = 3, 4, 5
sig = lambda a: 1 / (1 + np.exp(-a))
x = rng.normal(size=(N, D)); prev_h = rng.normal(size=(N, H)); prev_c = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, 4 * H)) * .5; Wh = rng.normal(size=(H, 4 * H)) * .5; b = rng.normal(size=4 * H) * .3
Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))


def fwd():
    A = x @ Wx + prev_h @ Wh + b
    i, f, o, g = sig(A[:, :H]), sig(A[:, H:2 * H]), sig(A[:, 2 * H:3 * H]), np.tanh(A[:, 3 * H:])
    c = f * prev_c + i * g
    return o * np.tanh(c), c, (i, f, o, g, A)


def loss():
    h, c, _ = fwd()
    return np.sum(Gh * h) + np.sum(Gc * c)


def fd(arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        old = arr[idx]; arr[idx] = old + eps; fp = loss(); arr[idx] = old - eps; fm = loss(); arr[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g


next_h, next_c, (i, f, o, g, A) = fwd()
dnext_h, dnext_c = Gh.copy(), Gc.copy()
dnext_c += dnext_h * (1 - np.tanh(next_c) ** 2) * o      # 112
dprev_c = dnext_c * f                                    # 113
df = dnext_c * prev_c * (1 - f) * f                      # 115
di = dnext_c * g * (1 - i) * i                           # 116
dg = dnext_c * i * (1 - g ** 2)                          # 117
do = dnext_h * np.tanh(next_c) * (1 - o) * o             # 118
dA = np.hstack((di, df, do, dg))                         # 119
rep = {}
dAfd = np.zeros_like(A)
for idx in np.ndindex(*A.shape):
    def LA(delta):
        A2 = A.copy(); A2[idx] += delta
        i2, f2, o2, g2 = sig(A2[:, :H]), sig(A2[:, H:2 * H]), sig(A2[:, 2 * H:3 * H]), np.tanh(A2[:, 3 * H:])
        c2 = f2 * prev_c + i2 * g2
        return np.sum(Gh * o2 * np.tanh(c2)) + np.sum(Gc * c2)
    dAfd[idx] = (LA(1e-6) - LA(-1e-6)) / 2e-6
rep['115-119 dA = [di, df, do, dg] vs dL/dA'] = np.abs(dA - dAfd).max()
# 112: total dL/dc_t
dcfd = np.zeros_like(next_c)
for idx in np.ndindex(*next_c.shape):
    def Lc(delta):
        c2 = next_c.copy(); c2[idx] += delta
        return np.sum(Gh * o * np.tanh(c2)) + np.sum(Gc * c2)
    dcfd[idx] = (Lc(1e-6) - Lc(-1e-6)) / 2e-6
rep['112 dnext_c (after +=) vs dL/dc_t'] = np.abs(dnext_c - dcfd).max()
for line, name, val, arr in (('113', 'dprev_c', dprev_c, prev_c), ('120', 'dWx', x.T @ dA, Wx), ('121', 'dx', dA @ Wx.T, x),
                             ('122', 'dWh', prev_h.T @ dA, Wh), ('123', 'dprev_h', dA @ Wh.T, prev_h),
                             ('124', 'db', dA.sum(0), b)):
    rep[f'{line} {name}'] = np.abs(val - fd(arr)).max()
# rows 22/28 read literally: one shared pre-activation a = W_h h + W_x x (H-wide blocks taken from the first block)
a = (x @ Wx + prev_h @ Wh)[:, :H]
lit_c = sig(a) * prev_c + sig(a) * np.tanh(a)
rep['22/28 literal reading (i=f=o=sigmoid(a), g=tanh(a)) vs code forward c_t'] = np.abs(lit_c - next_c).max()
for k, v in rep.items():
    print(f'{k:70s} max|err| = {v:.2e}', 'OK' if v < 1e-7 else 'MISMATCH')
