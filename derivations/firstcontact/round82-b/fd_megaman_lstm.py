# Finite-difference check of megaman_lstm.md (TalhaSikandar/megaman-co). numpy only.
# The author's code is taken from the python fences of the note and exec'd as written;
# the harness (loss wrappers, FD, a corrected BPTT loop for comparison) is ours.
import re, sys, types, copy
import numpy as np

src = open(__file__.replace('fd_megaman_lstm.py', 'megaman_lstm.md')).read()
fences = re.findall(r"```python\n(.*?)```", src, re.S)
cell_src, layer_src, simple_src = fences
# module stubs so that the author's imports work
mods = {}
for name, code in [('simple_layer', simple_src), ('lstm_cell', cell_src)]:
    m = types.ModuleType(name); exec(code, m.__dict__); sys.modules[name] = m; mods[name] = m
cfg = types.ModuleType('config'); cfg.LEARNING_RATE = 0.001; sys.modules['config'] = cfg
L = types.ModuleType('lstm_layer'); exec(layer_src, L.__dict__)
LSTMCell = mods['lstm_cell'].LSTMCell; LSTMLayer = L.LSTMLayer

rng = np.random.default_rng(0)
D, H, T = 2, 3, 5
np.random.seed(1)
model = LSTMLayer(D, H, 1)
model.fc.W = rng.normal(0, 0.7, model.fc.W.shape)   # larger head so gradients are visible
X = rng.normal(size=(T, D)); ytrue = np.array([[0.3]])

def ok(a, b, tol=1e-6):
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))

def report(row, name, a, b, expect):
    agree = ok(a, b)
    print(f"line {row:>3} {name:<38} {'AGREES' if agree else 'DIFFERS'} with FD "
          f"(max|diff|={np.max(np.abs(a-b)):.2e}, max|FD|={np.max(np.abs(b)):.2e})  expected {expect}")

def fd(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; fp = f(); P[idx] = old - eps; fm = f(); P[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

# ---------- 1. one cell step (lines 60-115): L = sum(Gh*h_t) + sum(Gc*c_t) ----------
cell = LSTMCell(D, H)
for n in ['W_f', 'W_i', 'W_o', 'W_c', 'b_f', 'b_i', 'b_o', 'b_c']:
    setattr(cell, n, rng.normal(0, 0.8, getattr(cell, n).shape))
x = rng.normal(size=(D, 1)); hp = rng.normal(size=(H, 1)); cp = rng.normal(size=(H, 1))
Gh = rng.normal(size=(H, 1)); Gc = rng.normal(size=(H, 1))
def Lcell():
    h, c = cell.forward(x, hp, cp); return float(np.sum(Gh * h) + np.sum(Gc * c))
cell.forward(x, hp, cp); cell.reset_gradients()
dx, dhp, dcp = cell.backward(Gh, Gc)
print("== one LSTM cell step (lstm_cell.py)")
for row, n in [(98, 'dW_f'), (100, 'dW_i'), (102, 'dW_o'), (104, 'dW_c'), (99, 'db_f'), (101, 'db_i'), (103, 'db_o'), (105, 'db_c')]:
    report(row, f"cell.{n} (via lines 75-96)", getattr(cell, n), fd(Lcell, getattr(cell, n[1:])), 'pass')
report(114, 'dh_prev = d_concat[:H]', dhp, fd(Lcell, hp), 'pass')
report(115, 'dx_t = d_concat[H:]', dx, fd(Lcell, x), 'pass')
report(81, 'dc_prev = dc_t * f_t', dcp, fd(Lcell, cp), 'pass')

# ---------- 2. whole model ----------
def loss_author():          # compute_loss (line 252)
    model.forward(X); return float(model.compute_loss(ytrue))
def loss_half():            # 0.5*(y_pred-y)^2, the loss whose gradient dy = y_pred - y_true is
    model.forward(X); return 0.5 * float(np.sum((model.y_pred - ytrue) ** 2))

print("== output gradient (lstm_layer.py)")
model.forward(X)
dy_author = model.y_pred - ytrue                                  # line 229
g_pred = 2 * (model.y_pred - ytrue)                               # d compute_loss / d y_pred, by hand
# FD w.r.t. y_pred through a perturbation of fc.b (y_pred = W h + b, so dL/db = dL/dy_pred)
report(229, 'dy = y_pred - y_true  vs d(compute_loss)', dy_author, fd(loss_author, model.fc.b), 'fail')
print("     2*dy agrees with FD of compute_loss:", ok(2 * dy_author, fd(loss_author, model.fc.b)))

# author's backward, with the optimizer steps switched off so that we can read the gradients
captured = {}
orig_fc_backward = model.fc.backward
def fc_backward_spy(dy):
    dx_ = orig_fc_backward(dy); captured['dW'] = model.fc.dW.copy(); captured['db'] = model.fc.db.copy(); return dx_
model.fc.backward = fc_backward_spy
model.fc.update_weights_adam = lambda lr: None
model.cell.update_weights_adam = lambda lr: None
model.forward(X); model.backward(ytrue)
fd_fcW_half = fd(loss_half, model.fc.W)
report(285, 'fc.dW = dy x^T (right after fc.backward)', captured['dW'], fd_fcW_half, 'pass')
report(286, 'fc.db = sum(dy)', captured['db'], fd(loss_half, model.fc.b), 'pass')
report(237, 'fc.dW used by the update (after reset)', model.fc.dW, fd_fcW_half, 'fail')

print("== BPTT (author's loop, lines 239-244), compared with FD of 0.5*(y_pred-y)^2 (the loss matching dy)")
auth = {n: getattr(model.cell, n).copy() for n in ['dW_f', 'dW_i', 'dW_o', 'dW_c', 'db_f']}
fdg = {n: fd(loss_half, getattr(model.cell, n[1:])) for n in auth}
for n in auth:
    report(242, f"cell.{n} from author's loop", auth[n], fdg[n], 'fail')

# our corrected loop: restore the step-t cache before calling the same cell.backward
model.forward(X)
dh = model.fc.W.T @ (model.y_pred - ytrue); dc = np.zeros((H, 1)); model.cell.reset_gradients()
for t in reversed(range(T)):
    hprev = model.hiddens[t-1] if t > 0 else np.zeros((H, 1)); cprev = model.cells[t-1] if t > 0 else np.zeros((H, 1))
    model.cell.forward(model.inputs[t], hprev, cprev)         # restore cache of step t
    _, dh, dc = model.cell.backward(dh, dc)
print("   (same cell.backward, but with the step-t cache restored before each call:)")
rows = {'dW_f': 98, 'dW_i': 100, 'dW_o': 102, 'dW_c': 104, 'db_f': 99}
for n in auth:
    report(rows[n], f"cell.{n}, cache restored", getattr(model.cell, n), fdg[n], 'pass')
