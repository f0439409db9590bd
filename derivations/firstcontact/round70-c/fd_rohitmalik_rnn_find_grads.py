# Finite-difference check of rohitmalik776/rnn-from-scratch (commit 398c7fd), numpy only.
# The author's RNN class (layers/rnn.py) is executed verbatim from the first python fence of
# rohitmalik_rnn_find_grads.md (its package imports replaced by a Layer stub); the training-loop
# lines of main.py (forward, up_grad, find_grads, summation over the T-step window) are re-typed below.
import re, os, numpy as np
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'rohitmalik_rnn_find_grads.md'), encoding='utf-8').read()
fences = re.findall(r"```python\n(.*?)```", src, re.S)
rnn_code = "\n".join(l for l in fences[0].splitlines() if not l.startswith(("from ", "sys.path", "import sys")))
class Layer:
    def __init__(self, name=None, lr=1e-3): self.name, self.lr = name, lr
ns = {'np': np, 'Layer': Layer, 'random_init': lambda s: np.random.uniform(-0.4, 0.4, size=s), 'he_init': None}
exec(rnn_code, ns); RNN = ns['RNN']
exec(fences[1], ns); cross_entropy_loss = ns['cross_entropy_loss']  # the author's loss, verbatim (clip only touches y=0 entries here)

np.random.seed(1)
V, Hd, M, T = 5, 4, 3, 4
rnn1 = RNN(name="rnn_1", n_inp=V, n_out=M, n_hid=Hd); rnn2 = RNN(name="rnn_2", n_inp=M, n_out=V, n_hid=Hd)
for r in (rnn1, rnn2): r.bh = np.random.uniform(-.3, .3, r.bh.shape); r.bo = np.random.uniform(-.3, .3, r.bo.shape)
P1 = {k: getattr(rnn1, k) for k in ('Woh', 'Whh', 'Whx', 'bo', 'bh')}
P2 = {k: getattr(rnn2, k) for k in ('Woh', 'Whh', 'Whx', 'bo', 'bh')}
xs = [np.eye(V)[:, [np.random.randint(V)]] for _ in range(T)]

def run(P1, P2):
    r1 = RNN(n_inp=V, n_out=M, n_hid=Hd); r2 = RNN(n_inp=M, n_out=V, n_hid=Hd)
    for k in P1: setattr(r1, k, P1[k]); setattr(r2, k, P2[k])
    outs = []
    for x in xs:
        x1 = r1.step(x); a = r2.step(x1); outs.append((x1, a))
    return outs
# targets: the largest output at each step (positive, so log a is defined without the clip)
ys = [np.eye(V)[:, [int(np.argmax(a))]] for (_, a) in run(P1, P2)]
def total_loss():
    return sum(cross_entropy_loss(a, y) for (_, a), y in zip(run(P1, P2), ys))
assert all(np.sum(y * a) > 1e-3 for (_, a), y in zip(run(P1, P2), ys))

# ---- the author's loop (main.py lines 131-165), one window of T steps
r1 = RNN(n_inp=V, n_out=M, n_hid=Hd); r2 = RNN(n_inp=M, n_out=V, n_hid=Hd)
for k in P1: setattr(r1, k, P1[k]); setattr(r2, k, P2[k])
grads1, grads2 = [], []
for x, y in zip(xs, ys):
    x1 = r1.step(x); a = r2.step(x1)
    up_grad = -np.divide(y, a)
    dWoh, dWhh, dWhx, dbo, dbh, up_grad = r2.find_grads(a=a, x=x1, up_grad=up_grad, batch_size=16)
    grads2.append([dWoh, dWhh, dWhx, dbo, dbh])
    dWoh, dWhh, dWhx, dbo, dbh, up_grad = r1.find_grads(a=x1, x=x, up_grad=up_grad, batch_size=16)
    grads1.append([dWoh, dWhh, dWhx, dbo, dbh])
S2 = [sum(g[i] for g in grads2) for i in range(5)]; S1 = [sum(g[i] for g in grads1) for i in range(5)]

def num_grad(f, X, h=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        old = X[i]; X[i] = old + h; fp = f(); X[i] = old - h; fm = f(); X[i] = old; g[i] = (fp - fm) / (2 * h)
    return g
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def report(line, name, a, b, tol=1e-6):
    r = rel(a, b); print(f"line {line:4d} {name:58s} rel.err {r:.2e}  {'AGREE' if r < tol else 'DISAGREE'}")

names = ['dWoh', 'dWhh', 'dWhx', 'dbo', 'dbh']
print("== totals over the window (main.py summation lines 151-155 / 161-165) vs FD of the summed loss")

for i, k in enumerate(names):
    report([56, 60, 61, 58, 63][i], f"rnn2 {k} (summed, line {151+i})", S2[i], num_grad(total_loss, P2[k[1:]]))
for i, k in enumerate(names):
    report([56, 60, 61, 58, 63][i], f"rnn1 {k} (summed, line {161+i}; fed by down_grad l.65)", S1[i], num_grad(total_loss, P1[k[1:]]))

print("== one step in isolation (rnn2 at its last step, previous state held fixed)")
r = RNN(n_inp=M, n_out=V, n_hid=Hd)
for k in P2: setattr(r, k, P2[k].copy())
r.h = np.random.uniform(-.5, .5, (Hd, 1)); hprev = r.h.copy()
x = np.random.uniform(-.8, .8, (M, 1))
a = r.step(x); y = np.eye(V)[:, [int(np.argmax(a))]]
def Lstep(): 
    r.h = hprev.copy(); return cross_entropy_loss(r.step(x), y)
up = -np.divide(y, a)
assert np.sum(y * a) > 1e-3
Lstep()
aa = a.copy(); report(141, "up_grad = -y/a  (dL/da)", up, num_grad(lambda: cross_entropy_loss(aa, y), aa))
pre = r.Woh @ r.h + r.bo
dZ = np.multiply(up, 1 - np.square(a))
report(55, "dZ = up_grad*(1-a^2)  (dL/d output preact)", dZ, num_grad(lambda: cross_entropy_loss(np.tanh(pre), y), pre))
dWoh, dWhh, dWhx, dbo, dbh, down = r.find_grads(x=x, a=a, up_grad=up, batch_size=16)
Lstep()
report(56, "dWoh = dZ h^T", dWoh, num_grad(Lstep, r.Woh))
report(58, "dbo = dZ", dbo, num_grad(Lstep, r.bo))
report(60, "dWhh = (Woh^T dZ) h_{t-1}^T   [as written]", dWhh, num_grad(Lstep, r.Whh))
report(61, "dWhx = (Woh^T dZ) x^T          [as written]", dWhx, num_grad(Lstep, r.Whx))
report(63, "dbh = Woh^T dZ                 [as written]", dbh, num_grad(Lstep, r.bh))
report(65, "down_grad = Whx^T Woh^T dZ     [as written]", down, num_grad(Lstep, x))
Lstep(); hn = r.h
delta = (1 - hn ** 2) * (r.Woh.T @ dZ)
print("-- same rows with the dropped tanh' factor (1-h_t^2) restored (annotator's correction, not in the source):")
report(60, "((1-h^2)*Woh^T dZ) h_{t-1}^T", delta @ hprev.T, num_grad(Lstep, r.Whh))
report(61, "((1-h^2)*Woh^T dZ) x^T", delta @ x.T, num_grad(Lstep, r.Whx))
report(63, "(1-h^2)*Woh^T dZ", delta, num_grad(Lstep, r.bh))
report(65, "Whx^T ((1-h^2)*Woh^T dZ)", r.Whx.T @ delta, num_grad(Lstep, x))
print("-- forward rows")
r.h = hprev.copy(); out = r.step(x)
report(44, "h_t = tanh(Whh h_{t-1} + Whx x + bh)", r.h, np.tanh(P2['Whh'] @ hprev + P2['Whx'] @ x + P2['bh']))
report(49, "y_t = tanh(Woh h_t + bo)", out, np.tanh(P2['Woh'] @ r.h + P2['bo']))
print("-- missing BPTT recursion: rnn2 per-step terms WITH (1-h_t^2) restored, summed over the window (annotator's check)")
r2 = RNN(n_inp=M, n_out=V, n_hid=Hd); r1 = RNN(n_inp=V, n_out=M, n_hid=Hd)
for k in P1: setattr(r1, k, P1[k]); setattr(r2, k, P2[k])
acc = np.zeros_like(P2['Whh'])
for x, y in zip(xs, ys):
    x1 = r1.step(x); a = r2.step(x1)
    dZ = (-y / a) * (1 - a ** 2)
    acc += ((1 - r2.h ** 2) * (r2.Woh.T @ dZ)) @ r2.h_t1.T
report(152, "sum_t ((1-h_t^2)*Woh^T dZ_t) h_{t-1}^T  (no dh_next carried)", acc, num_grad(total_loss, P2['Whh']))
