"""FD check for chenlovets_gru_cell.py (Chenlovets/DL-Basics-Numpy-Implementation GRU.py).
The author's class is imported unchanged from the note file and run as the test harness
runs it: x (d,), h (h,) 1-D, delta of shape (1, h) = dL/dh_t as a row.  Scalar loss
L = sum(delta * h_t).  Intermediate nodes are checked by perturbing them in a
re-implementation of the author's forward graph (node names z_1..z_12 as in the file)."""
import importlib.util, numpy as np
spec = importlib.util.spec_from_file_location('note', 'chenlovets_gru_cell.py')
note = importlib.util.module_from_spec(spec); spec.loader.exec_module(note)

rng = np.random.default_rng(1)
d, H = 4, 3
cell = note.GRU_Cell(d, H)
x = rng.normal(size=d); h = rng.normal(size=H)
delta = rng.normal(size=(1, H))
P = {k: getattr(cell, k).copy() for k in ['Wzh', 'Wrh', 'Wh', 'Wzx', 'Wrx', 'Wx']}
res = []
def report(name, a, b, line):
    a = np.asarray(a, float).reshape(np.shape(b)) if np.size(a) == np.size(b) else np.asarray(a, float)
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-8)
    res.append((line, name, ok))
    print(f"line {line:>3} {name:<40} {'AGREES' if ok else 'DIFFERS'}")

pert = {}
def fwd(xv, hv, W, partial_z12=False):
    sig = lambda v: 1 / (1 + np.exp(-v))
    z3 = W['Wzh'] @ hv + W['Wzx'] @ xv + pert.get('z_3', 0)
    zt = sig(z3) + pert.get('z_t', 0)
    z6 = W['Wrh'] @ hv + W['Wrx'] @ xv + pert.get('z_6', 0)
    rt = sig(z6) + pert.get('r_t', 0)
    z7 = rt * hv + pert.get('z_7', 0)
    z10 = W['Wh'] @ z7 + W['Wx'] @ xv + pert.get('z_10', 0)
    hb = np.tanh(z10) + pert.get('hb', 0)
    zt11 = zt - pert.get('z_t', 0) if partial_z12 else zt   # z only in z_12 (partial of line 118)
    ht = (1 - zt11) * hv + zt * hb
    return float(np.sum(delta * ht))

def fd_node(key, shape, **kw):
    E = np.zeros(shape); pert[key] = E; g = np.zeros(shape)
    for i in np.ndindex(shape):
        E[i] = 1e-6; a = fwd(x, h, P, **kw); E[i] = -1e-6; b = fwd(x, h, P, **kw); E[i] = 0; g[i] = (a - b) / 2e-6
    del pert[key]; return g
def fd_arr(A):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + 1e-6; a = fwd(x, h, P); A[i] = o - 1e-6; b = fwd(x, h, P); A[i] = o; g[i] = (a - b) / 2e-6
    return g

# run the author's code
ht = cell.forward(x.copy(), h.copy())
assert np.allclose(fwd(x, h, P), np.sum(delta * ht))
# replay the author's backward lines to capture intermediates (copied from lines 116-147)
c = cell
dz_11 = delta; dz_12 = delta
dz_t_118 = dz_12 * np.transpose(c.h_before_combine)
dz_t = dz_t_118.copy()
dh_before_combined = dz_12 * np.transpose(c.z_t)
dh_120 = dz_11 * (1 - np.transpose(c.z_t))
dz_t += dz_11 * (-1) * np.transpose(c.hidden_state)
dz_10 = dh_before_combined * np.transpose(1 - c.h_before_combine * c.h_before_combine)
dz_7 = dz_10.dot(c.Wh)
dr_t = dz_7 * np.transpose(c.hidden_state)
dz_6 = dr_t * np.transpose(c.r_t) * np.transpose(1 - c.r_t)
dz_3 = dz_t * np.transpose(c.z_t) * np.transpose(1 - c.z_t)
dx, dh = cell.backward(delta)       # the author's own method (sets dW*)

report('partial dz_t (z_12 path only)', dz_t_118, fd_node('z_t', (H,), partial_z12=True), 118)
report('dz_t = dL/dz_t', dz_t, fd_node('z_t', (H,)), 121)
report('dh_before_combined = dL/dh~', dh_before_combined, fd_node('hb', (H,)), 119)
report('dz_10 = dL/d(pre-tanh)', dz_10, fd_node('z_10', (H,)), 122)
report('dz_7 = dL/d(r*h)', dz_7, fd_node('z_7', (H,)), 128)
report('dr_t = dL/dr_t', dr_t, fd_node('r_t', (H,)), 131)
report('dz_6 = dL/d(pre-sigmoid r)', dz_6, fd_node('z_6', (H,)), 133)
report('dz_3 = dL/d(pre-sigmoid z)', dz_3, fd_node('z_3', (H,)), 141)
report('dWx', cell.dWx, fd_arr(P['Wx']), 126)
report('dWh', cell.dWh, fd_arr(P['Wh']), 130)
report('dWrx', cell.dWrx, fd_arr(P['Wrx']), 136)
report('dWrh', cell.dWrh, fd_arr(P['Wrh']), 139)
report('dWzx', cell.dWzx, fd_arr(P['Wzx']), 144)
report('dWzh', cell.dWzh, fd_arr(P['Wzh']), 146)
xx = x.copy(); hh = h.copy()
gx = np.zeros(d); gh = np.zeros(H)
for i in range(d):
    xp = xx.copy(); xp[i] += 1e-6; xm = xx.copy(); xm[i] -= 1e-6; gx[i] = (fwd(xp, hh, P) - fwd(xm, hh, P)) / 2e-6
for i in range(H):
    hp = hh.copy(); hp[i] += 1e-6; hm = hh.copy(); hm[i] -= 1e-6; gh[i] = (fwd(xx, hp, P) - fwd(xx, hm, P)) / 2e-6
report('dx (total, after line 145)', dx, gx, 145)
report('dh (total, after line 147)', dh, gh, 147)
print('\nall rows agree' if all(o for _, _, o in res) else '\nrows that differ: ' + str([(l, n) for l, n, o in res if not o]))
