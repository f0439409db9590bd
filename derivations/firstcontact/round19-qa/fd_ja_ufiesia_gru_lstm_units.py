"""FD check of ja_ufiesia_gru_lstm_units.md (row layout, batch B rows: x (B,m), r = previous output h_{t-1} (B,n),
w (m,kn), v (n,kn), b (kn,); GRU blocks [z | reset | candidate], z weights the NEW candidate, reset applied to
h_{t-1} before v_m; LSTM blocks [f | i | o | m]).  One cell step; the loss is a random linear probe
L = sum(Gy*y) (+ sum(Gc*c_new) for the LSTM), so grad_y = Gy, grad_c = Gc are the incoming totals the
layer passes in (output gradient + recurrent gradient).  The backward rows are re-typed from the note."""
import numpy as np

rng = np.random.default_rng(2)
B, m, n = 3, 4, 5
sig = lambda a: 1 / (1 + np.exp(-a))


def fd(f, arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        old = arr[idx]
        arr[idx] = old + eps; fp = f()
        arr[idx] = old - eps; fm = f()
        arr[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g


rep = {}
# ---------------- RNN_Unit ----------------
x = rng.normal(size=(B, m)); r = rng.normal(size=(B, n)); w = rng.normal(size=(m, n)) * .5
v = rng.normal(size=(n, n)) * .5; b = rng.normal(size=n) * .3; Gy = rng.normal(size=(B, n))
rnn = lambda: np.sum(Gy * np.tanh(x @ w + r @ v + b))
y = np.tanh(x @ w + r @ v + b)
delta = Gy * (1 - y ** 2)
for line, name, val, arr in (('13', 'grad_w', x.T @ delta, w), ('14', 'grad_v', r.T @ delta, v),
                             ('15', 'grad_b', delta.sum(0), b), ('16', 'grad_x', delta @ w.T, x),
                             ('17', 'grad_r', delta @ v.T, r)):
    rep[f'RNN {line} {name}'] = np.abs(val - fd(rnn, arr)).max()

# ---------------- GRU_Unit ----------------
w = rng.normal(size=(m, 3 * n)) * .5; v = rng.normal(size=(n, 3 * n)) * .5; b = rng.normal(size=3 * n) * .3


def gru_fwd():
    gu = x @ w[:, :2 * n] + r @ v[:, :2 * n] + b[:2 * n]
    g = sig(gu); gz, gr = g[:, :n], g[:, n:]
    u = x @ w[:, 2 * n:] + (gr * r) @ v[:, 2 * n:] + b[2 * n:]
    return (1 - gz) * r + gz * np.tanh(u), g, u


gru = lambda: np.sum(Gy * gru_fwd()[0])
y, g, u = gru_fwd()
gz, gr = g[:, :n], g[:, n:]
wg, wm, vg, vm = w[:, :2 * n], w[:, 2 * n:], v[:, :2 * n], v[:, 2 * n:]
tanh_u = (y - (1 - gz) * r) / gz                       # line 46
rep['GRU 46 tanh_u reconstruction'] = np.abs(tanh_u - np.tanh(u)).max()
grad_r = Gy * (1 - gz)                                 # 47
grad_gz = Gy * (tanh_u - r)                            # 48
delta_m = Gy * gz * (1 - tanh_u ** 2)                  # 51
grad_wm = x.T @ delta_m                                # 52
grad_vm = (gr * r).T @ delta_m                         # 53
grad_bm = delta_m.sum(0)                               # 54
grad_x = delta_m @ wm.T                                # 55
grad_rm = delta_m @ vm.T                               # 56
grad_r = grad_r + gr * grad_rm                         # 59
grad_gr = grad_rm * r                                  # 60
delta_g = np.hstack((grad_gz, grad_gr)) * g * (1 - g)  # 63
grad_wg = x.T @ delta_g                                # 64
grad_vg = r.T @ delta_g                                # 65
grad_bg = delta_g.sum(0)                               # 66
grad_w = np.hstack((grad_wg, grad_wm))                 # 67
grad_v = np.hstack((grad_vg, grad_vm))                 # 68
grad_b = np.hstack((grad_bg, grad_bm))                 # 69
grad_x = grad_x + delta_g @ wg.T                       # 70
grad_r = grad_r + delta_g @ vg.T                       # 71
# intermediate quantities against FD of the pre-activations
def gru_u_probe(du):
    def f():
        gu = x @ wg + r @ vg + b[:2 * n]
        gg = sig(gu); z_, rr = gg[:, :n], gg[:, n:]
        uu = x @ wm + (rr * r) @ vm + b[2 * n:] + du
        return np.sum(Gy * ((1 - z_) * r + z_ * np.tanh(uu)))
    return f
du = np.zeros((B, n))
rep['GRU 51 delta_m = dL/du'] = np.abs(delta_m - fd(gru_u_probe(du), du)).max()
dgu = np.zeros((B, 2 * n))
def gru_gu_probe():
    gg = sig(x @ wg + r @ vg + b[:2 * n] + dgu); z_, rr = gg[:, :n], gg[:, n:]
    uu = x @ wm + (rr * r) @ vm + b[2 * n:]
    return np.sum(Gy * ((1 - z_) * r + z_ * np.tanh(uu)))
rep['GRU 63 delta_g = dL/d(gate pre-activations)'] = np.abs(delta_g - fd(gru_gu_probe, dgu)).max()
for line, name, val, arr in (('67', 'grad_w (64+52)', grad_w, w), ('68', 'grad_v (65+53)', grad_v, v),
                             ('69', 'grad_b (66+54)', grad_b, b), ('70', 'grad_x (55+70)', grad_x, x),
                             ('71', 'grad_r (47+59+71)', grad_r, r)):
    rep[f'GRU {line} {name}'] = np.abs(val - fd(gru, arr)).max()

# ---------------- LSTM_Unit ----------------
w = rng.normal(size=(m, 4 * n)) * .5; v = rng.normal(size=(n, 4 * n)) * .5; b = rng.normal(size=4 * n) * .3
cp = rng.normal(size=(B, n)); Gc = rng.normal(size=(B, n))


def lstm_fwd(du=0):
    uu = x @ w + r @ v + b + du
    gz_ = sig(uu[:, :3 * n]); gm_ = np.tanh(uu[:, 3 * n:])
    cn_ = cp * gz_[:, :n] + gm_ * gz_[:, n:2 * n]
    return np.tanh(cn_) * gz_[:, 2 * n:], cn_, np.hstack((gz_, gm_))


lstm = lambda: np.sum(Gy * lstm_fwd()[0]) + np.sum(Gc * lstm_fwd()[1])
y, cn, g = lstm_fwd()
gz = g[:, :3 * n]; gf, gi, go, gm = g[:, :n], g[:, n:2 * n], g[:, 2 * n:3 * n], g[:, 3 * n:]
tanh_c = np.tanh(cn)
dcn = Gc + (Gy * go) * (1 - tanh_c ** 2)              # 100
dgm = dcn * gi                                         # 101
dgz = np.hstack((dcn * cp, dcn * gm, Gy * tanh_c))  # 104
delta = np.hstack((dgz * gz * (1 - gz), dgm * (1 - gm ** 2)))       # 107
grad_cp = dcn * gf                                     # 109
du4 = np.zeros((B, 4 * n))
rep['LSTM 107 delta = dL/du (all four blocks)'] = np.abs(delta - fd(lambda: np.sum(Gy * lstm_fwd(du4)[0]) + np.sum(Gc * lstm_fwd(du4)[1]), du4)).max()
dc = np.zeros((B, n))
def lstm_c_probe():
    y_ = np.tanh(cn + dc) * go
    return np.sum(Gy * y_) + np.sum(Gc * (cn + dc))
rep['LSTM 100 dcn = dL/dc_t'] = np.abs(dcn - fd(lstm_c_probe, dc)).max()
for line, name, val, arr in (('109', 'grad_cp', grad_cp, cp), ('110', 'grad_w', x.T @ delta, w),
                             ('111', 'grad_v', r.T @ delta, v), ('112', 'grad_b', delta.sum(0), b),
                             ('113', 'grad_x', delta @ w.T, x), ('114', 'grad_r', delta @ v.T, r)):
    rep[f'LSTM {line} {name}'] = np.abs(val - fd(lstm, arr)).max()

for k, val in rep.items():
    print(f'{k:50s} max|err| = {val:.2e}', 'OK' if val < 1e-7 else 'MISMATCH')
