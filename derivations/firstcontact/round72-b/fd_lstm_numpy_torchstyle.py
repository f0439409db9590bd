# Finite-difference check of lstm_numpy_torchstyle.py (wuyueqiu numpy LSTMCell / LSTM), numpy only.
# Row layout: x [B, D], h, c [B, H]; pre = x.dot(w_i*) + h.dot(w_h*) + b_*.  Many-to-one: L = sum(G * h_T),
# LSTM.backward(grad=G) loops backwards; LSTMCell.backward(grad = dL/dh_t, x, h = h_{t-1}, c = c_{t-1}).
import numpy as np
rng = np.random.default_rng(2)
B, D, H, T = 2, 3, 4, 3
sig = lambda a: 1 / (1 + np.exp(-a))
tanh = lambda a: 2 * sig(2 * a) - 1                                  # line 43
names = ['w_ii', 'w_hi', 'b_i', 'w_if', 'w_hf', 'b_f', 'w_io', 'w_ho', 'b_o', 'w_ig', 'w_hg', 'b_g']
P = {}
for k in names:
    shape = (D, H) if k.startswith('w_i') else (H, H) if k.startswith('w_h') else (1, H)
    P[k] = rng.normal(0, 0.6, shape)
X = rng.normal(size=(B, T, D))
G = rng.normal(size=(B, H))

def cell_fwd(p, x, h, c, pert=None, t=None):
    pert = pert or {}
    q = lambda k: pert.get((k, t), 0)
    i = x.dot(p['w_ii']) + h.dot(p['w_hi']) + p['b_i'] + q('i')      # line 50
    input_gate = sig(i) + q('ig')                                     # 51
    f = x.dot(p['w_if']) + h.dot(p['w_hf']) + p['b_f'] + q('f')       # 52
    forget_gate = sig(f) + q('fg')                                    # 53
    o = x.dot(p['w_io']) + h.dot(p['w_ho']) + p['b_o'] + q('o')       # 54
    output_gate = sig(o) + q('og')                                    # 55
    g = x.dot(p['w_ig']) + h.dot(p['w_hg']) + p['b_g'] + q('g')       # 58
    g_tanh = tanh(g) + q('gt')                                        # 59
    cell = forget_gate * c + input_gate * g_tanh + q('c')             # 62
    cell_tanh = tanh(cell)                                            # 65
    h_output = output_gate * cell_tanh + q('h')                       # 66
    return h_output, cell, (input_gate, forget_gate, output_gate, g_tanh, cell_tanh)

def seq_fwd(p, Xs, h0=None, pert=None):
    h = np.zeros((B, H)) if h0 is None else h0; c = np.zeros((B, H))
    hs, cs, steps = [], [], []
    for t in range(Xs.shape[1]):
        hs.append(h); cs.append(c)
        h, c, so = cell_fwd(p, Xs[:, t, :], h, c, pert, t)           # line 141
        steps.append(so)
    return h, hs, cs, steps

def loss(p, Xs, h0=None, pert=None): return np.sum(G * seq_fwd(p, Xs, h0, pert)[0])

def cell_bwd(p, grad, x, h, c, so):       # lines 84-114 as written
    input_gate, forget_gate, output_gate, g_tanh, cell_tanh = so
    b_ones = np.ones((1, x.shape[0])); out = {}
    out[84] = grad_output_gate = grad * cell_tanh
    out[85] = grad_o = grad_output_gate * output_gate * (1 - output_gate)
    out[86], out[87], out[88] = x.T.dot(grad_o), h.T.dot(grad_o), b_ones.dot(grad_o)
    out[90] = grad_cell_tanh = grad * output_gate
    out[91] = grad_cell = grad_cell_tanh * (1 - cell_tanh * cell_tanh)
    out[93] = grad_forget_gate = grad_cell * c
    out[94] = grad_f = grad_forget_gate * forget_gate * (1 - forget_gate)
    out[95], out[96], out[97] = x.T.dot(grad_f), h.T.dot(grad_f), b_ones.dot(grad_f)
    out[100] = grad_input_gate = grad_cell * g_tanh
    out[101] = grad_i = grad_input_gate * input_gate * (1 - input_gate)
    out[102], out[103], out[104] = x.T.dot(grad_i), h.T.dot(grad_i), b_ones.dot(grad_i)
    out[107] = grad_g_tanh = grad_cell * input_gate
    out[108] = grad_g = grad_g_tanh * (1 - g_tanh * g_tanh)
    out[109], out[110], out[111] = x.T.dot(grad_g), h.T.dot(grad_g), b_ones.dot(grad_g)
    out[114] = grad_g.dot(p['w_hg']) + grad_i.dot(p['w_hi']) + grad_f.dot(p['w_hf']) + grad_o.dot(p['w_ho'])
    out['114T'] = grad_g.dot(p['w_hg'].T) + grad_i.dot(p['w_hi'].T) + grad_f.dot(p['w_hf'].T) + grad_o.dot(p['w_ho'].T)
    return out

def fd_inter(p, Xs, key, t, h0=None, eps=1e-6):
    gr = np.zeros((B, H))
    for idx in np.ndindex(B, H):
        e = np.zeros((B, H)); e[idx] = eps
        gr[idx] = (loss(p, Xs, h0, {(key, t): e}) - loss(p, Xs, h0, {(key, t): -e})) / (2 * eps)
    return gr

def fd_param(p, Xs, name, h0=None, eps=1e-6):
    gr = np.zeros_like(p[name])
    for idx in np.ndindex(p[name].shape):
        q = {k: v.copy() for k, v in p.items()}; q[name][idx] += eps; lp = loss(q, Xs, h0)
        q[name][idx] -= 2 * eps; lm = loss(q, Xs, h0); gr[idx] = (lp - lm) / (2 * eps)
    return gr

def fd_h0(p, Xs, h0, eps=1e-6):
    gr = np.zeros_like(h0)
    for idx in np.ndindex(h0.shape):
        a = h0.copy(); a[idx] += eps; b = h0.copy(); b[idx] -= eps
        gr[idx] = (loss(p, Xs, a) - loss(p, Xs, b)) / (2 * eps)
    return gr

def rel(a, f): return np.max(np.abs(a - f)) / (np.max(np.abs(f)) + 1e-12)
def show(line, name, a, f):
    e = rel(a, f); print(f"  line {str(line):>4s} {name:55s} rel.err {e:.2e}  {'AGREES' if e < 1e-6 else 'DISAGREES'}")

# ---- (1) one step (T = 1) with a random, non-zero incoming h_{t-1}, c_{t-1}: every per-step row
print("(1) single step, random h_prev and c_prev (isolates each row of LSTMCell.backward)")
X1 = X[:, :1, :]
h0 = rng.normal(size=(B, H))
# c_{t-1} is zero inside seq_fwd; use a cell-level loss with random c to test line 93
c0 = rng.normal(size=(B, H))
def loss1(p, pert=None, h=h0, c=c0): return np.sum(G * cell_fwd(p, X1[:, 0], h, c, pert, 0)[0])
def fd1_inter(key, eps=1e-6):
    gr = np.zeros((B, H))
    for idx in np.ndindex(B, H):
        e = np.zeros((B, H)); e[idx] = eps
        gr[idx] = (loss1(P, {(key, 0): e}) - loss1(P, {(key, 0): -e})) / (2 * eps)
    return gr
def fd1_param(name, eps=1e-6):
    gr = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        q = {k: v.copy() for k, v in P.items()}; q[name][idx] += eps; lp = loss1(q)
        q[name][idx] -= 2 * eps; lm = loss1(q); gr[idx] = (lp - lm) / (2 * eps)
    return gr
_, _, so = cell_fwd(P, X1[:, 0], h0, c0)
o1 = cell_bwd(P, G, X1[:, 0], h0, c0, so)
for line, key, nm in [(84, 'og', 'dL/d output_gate'), (85, 'o', 'dL/d pre-o'), (90, None, ''),
                      (91, 'c', 'dL/dc_t (last step: no later cell)'), (93, 'fg', 'dL/d forget_gate'),
                      (94, 'f', 'dL/d pre-f'), (100, 'ig', 'dL/d input_gate'), (101, 'i', 'dL/d pre-i'),
                      (107, 'gt', 'dL/d g_tanh'), (108, 'g', 'dL/d pre-g')]:
    if key: show(line, nm, o1[line], fd1_inter(key))
for line, name in [(86, 'w_io'), (87, 'w_ho'), (88, 'b_o'), (95, 'w_if'), (96, 'w_hf'), (97, 'b_f'),
                   (102, 'w_ii'), (103, 'w_hi'), (104, 'b_i'), (109, 'w_ig'), (110, 'w_hg'), (111, 'b_g')]:
    show(line, 'grad_' + name + ' (one step)', o1[line], fd1_param(name))
fdh = np.zeros((B, H))
for idx in np.ndindex(B, H):
    a = h0.copy(); a[idx] += 1e-6; b = h0.copy(); b[idx] -= 1e-6
    fdh[idx] = (loss1(P, h=a) - loss1(P, h=b)) / 2e-6
show(114, 'grad_h_in = grad_g.dot(w_hg) + ... (no transpose)', o1[114], fdh)
show('114T', '(control: same with w_*.T)', o1['114T'], fdh)

# ---- (2) T = 3 sequence: the cell gradient at earlier steps and the accumulated gradients
print("(2) sequence T = 3, author's LSTM.backward (lines 154-175) vs FD")
hT, hs, cs, steps = seq_fwd(P, X)
grad = G; acc = {k: np.zeros_like(P[k]) for k in names}
dc = {}
for i in range(T - 1, -1, -1):
    o = cell_bwd(P, grad, X[:, i], hs[i], cs[i], steps[i])
    dc[i] = o[91]
    if i == T - 2: dh_author = grad
    grad = o[114]                                                       # line 159
    for line, name in [(102, 'w_ii'), (95, 'w_if'), (86, 'w_io'), (109, 'w_ig'), (103, 'w_hi'), (96, 'w_hf'),
                       (87, 'w_ho'), (110, 'w_hg'), (104, 'b_i'), (97, 'b_f'), (88, 'b_o'), (111, 'b_g')]:
        acc[name] += o[line]                                             # lines 162-175
show(91, 'grad_cell at t = T-2 vs dL/dc_{T-2} (no f_{t+1} dc_{t+1} term)', dc[T - 2], fd_inter(P, X, 'c', T - 2))
show(159, 'grad passed to step T-2 vs dL/dh_{T-2}', dh_author, fd_inter(P, X, 'h', T - 2))
for name in ['w_ii', 'w_hi', 'b_f', 'w_hg']:
    show('162+', 'accumulated grad_' + name, acc[name], fd_param(P, X, name))

# ---- (3) controls: with the transposes fixed (line 114 corrected), only the missing cell carry remains
print("(3) control: line 114 transposes fixed; line 91 still lacks the f_{t+1} * dc_{t+1} carry")
grad = G; dc_fixed = {}
for i in range(T - 1, -1, -1):
    o = cell_bwd(P, grad, X[:, i], hs[i], cs[i], steps[i])
    dc_fixed[i] = o[91]
    if i == T - 2: dh_fixed = grad
    grad = o['114T']
show(159, 'dh at T-2 (transposed weights) vs dL/dh_{T-2}', dh_fixed, fd_inter(P, X, 'h', T - 2))
show(91, 'grad_cell at T-1 (last step) vs dL/dc_{T-1}', dc_fixed[T - 1], fd_inter(P, X, 'c', T - 1))
show(91, 'grad_cell at T-2 (correct dh) vs dL/dc_{T-2}', dc_fixed[T - 2], fd_inter(P, X, 'c', T - 2))
carry = dc_fixed[T - 1] * steps[T - 1][1]
show('91+', '(control: grad_cell + forget_gate_{t+1} * dc_{t+1} at T-2)', dc_fixed[T - 2] + carry, fd_inter(P, X, 'c', T - 2))
