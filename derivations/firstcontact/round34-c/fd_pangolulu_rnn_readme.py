"""Finite-difference check of pangolulu_rnn_readme.md (numpy only).
Executes the author's ```python fences from the .md file, then checks each annotated line
against central differences of an independently written forward pass
s_t = tanh(U x_t + W s_{t-1}), s_{-1} = 0, o_t = softmax(V s_t), E = sum_t -log o_t[y_t]."""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "pangolulu_rnn_readme.md")
EXP = json.load(open(os.path.join(HERE, "expected.json")))["pangolulu_rnn_readme.md"]
text = open(MD, encoding="utf-8").read()
fences = re.findall(r"```python\n(.*?)```", text, re.S)
ns = {"np": np}
# fences 0-3 define gates, activations, softmax and RNNLayer (RNNLayer uses names defined later -> exec all first)
order = [1, 2, 3, 0] + list(range(4, len(fences)))   # fence 0 instantiates the gates of fences 1-2
for i in order:
    exec(fences[i], ns)
Model = ns["Model"]
for name in ("forward_propagation", "predict", "calculate_loss", "calculate_total_loss", "bptt"):
    setattr(Model, name, ns[name])
RNNLayer, MultiplyGate, AddGate = ns["RNNLayer"], ns["MultiplyGate"], ns["AddGate"]
Sigmoid, Tanh, Softmax = ns["Sigmoid"], ns["Tanh"], ns["Softmax"]
mulGate = ns["mulGate"]

rng = np.random.default_rng(0)
Vdim, H, T = 5, 3, 5
U = rng.normal(0, 0.7, (H, Vdim)); Wm = rng.normal(0, 0.7, (H, H)); Vm = rng.normal(0, 0.7, (Vdim, H))
xs = [0, 3, 1, 4, 2]; ys = [3, 1, 4, 2, 0]
eps = 1e-6
results = {}

def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

def fd(f, X):
    g = np.zeros_like(X, dtype=float)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

def onehot(k):
    v = np.zeros(Vdim); v[k] = 1; return v

def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

def ref_states(U, W):
    s = np.zeros(H); out = []
    for t in range(T):
        s = np.tanh(U @ onehot(xs[t]) + W @ s); out.append(s)
    return out

def ref_loss(U, W, V):
    return sum(-np.log(softmax(V @ s)[ys[t]]) for t, s in enumerate(ref_states(U, W)))

def record(line, ok):
    results[line] = ok

# ---- forward lines of RNNLayer (53-57)
prev = rng.normal(size=H); xin = onehot(2)
L = RNNLayer(); L.forward(xin, prev, U, Wm, Vm)
s_ref = np.tanh(U @ xin + Wm @ prev)
record(53, close(L.mulu, U @ xin)); record(54, close(L.mulw, Wm @ prev))
record(55, close(L.add, U @ xin + Wm @ prev)); record(56, close(L.s, s_ref))
record(57, close(L.mulv, Vm @ s_ref))          # stated o_t = V s_t

# ---- gates (73-84)
Wg = rng.normal(size=(4, 3)); xg = rng.normal(size=3); dz = rng.normal(size=4)
mg = MultiplyGate(); dW_a, dx_a = mg.backward(Wg, xg, dz)
record(73, close(mg.forward(Wg, xg), np.array([Wg[i] @ xg for i in range(4)])))
record(75, close(dW_a, fd(lambda: dz @ (Wg @ xg), Wg)))
record(76, close(dx_a, fd(lambda: dz @ (Wg @ xg), xg)))
ag = AddGate(); a1 = rng.normal(size=3); a2 = rng.normal(size=3); dz3 = rng.normal(size=3)
d1, d2 = ag.backward(a1, a2, dz3)
record(81, close(ag.forward(a1, a2), a1 + a2))
record(83, close(d1, fd(lambda: dz3 @ (a1 + a2), a1)))
record(84, close(d2, fd(lambda: dz3 @ (a1 + a2), a2)))

# ---- activations (91-101)
z = rng.normal(size=4); top = rng.normal(size=4)
sg, th = Sigmoid(), Tanh()
record(91, close(sg.forward(z), 0.5 * (1 + np.tanh(z / 2))))
gs = fd(lambda: top @ (0.5 * (1 + np.tanh(z / 2))), z)
record(93, close(sg.forward(z), 0.5 * (1 + np.tanh(z / 2))))
record(94, close(sg.backward(z, top), gs))
record(98, close(th.forward(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))))
gt = fd(lambda: top @ ((np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))), z)
record(100, close(th.forward(z), np.tanh(z)))
record(101, close(th.backward(z, top), gt))

# ---- softmax / CE (107-114)
sm = Softmax(); zz = rng.normal(size=Vdim); yk = 2
record(107, close(np.exp(zz) / np.sum(np.exp(zz)), softmax(zz)))
record(108, close(sm.predict(zz), softmax(zz)))
record(111, close(sm.loss(zz, yk), -np.log(softmax(zz)[yk])))
gce = fd(lambda: -np.log(softmax(zz)[yk]), zz)
record(113, close(sm.predict(zz), softmax(zz)))
record(114, close(sm.diff(zz.copy(), yk), gce))

# ---- RNNLayer.backward (61-66), judged locally: scalar f = dmulv.(V s) + diff_s.s
dmulv = rng.normal(size=Vdim); diff_s = rng.normal(size=H)
def f_layer():
    s = np.tanh(U @ xin + Wm @ prev); return dmulv @ (Vm @ s) + diff_s @ s
L2 = RNNLayer()
dprev_s, dU_a, dW_a2, dV_a = L2.backward(xin, prev, U, Wm, Vm, diff_s, dmulv)
gV = fd(f_layer, Vm); gU = fd(f_layer, U); gW = fd(f_layer, Wm); gp = fd(f_layer, prev)
ok_all = close(dprev_s, gp) and close(dU_a, gU) and close(dW_a2, gW)
record(61, close(dV_a, gV) and ok_all)
record(62, ok_all); record(63, ok_all); record(64, ok_all)
record(65, close(dW_a2, gW) and close(dprev_s, gp)); record(66, close(dU_a, gU))

# ---- Model-level lines, upstream taken as right: RNNLayer.forward with mulv = V s
orig_forward = RNNLayer.forward
def fixed_forward(self, x, prev_s, U, W, V):
    orig_forward(self, x, prev_s, U, W, V)
    self.mulv = mulGate.forward(V, self.s)
RNNLayer.forward = fixed_forward

m = Model(Vdim, H, bptt_truncate=100)
m.U, m.W, m.V = U.copy(), Wm.copy(), Vm.copy()
layers = m.forward_propagation(xs)
ok_states = all(close(l.s, s) for l, s in zip(layers, ref_states(U, Wm)))
record(149, ok_states); record(156, ok_states)
Lsum = ref_loss(U, Wm, Vm)
record(178, close(m.calculate_loss(xs, ys) * T, Lsum))
record(179, close(m.calculate_loss(xs, ys), Lsum / T))

# full BPTT (truncation longer than the sequence) vs central differences of E = sum_t E_t
dU_b, dW_b, dV_b = m.bptt(xs, ys)
Uc, Wc, Vc = U.copy(), Wm.copy(), Vm.copy()
fU = fd(lambda: ref_loss(Uc, Wc, Vc), Uc); fW = fd(lambda: ref_loss(Uc, Wc, Vc), Wc); fV = fd(lambda: ref_loss(Uc, Wc, Vc), Vc)
ok_full = close(dU_b, fU) and close(dW_b, fW) and close(dV_b, fV)

# truncated BPTT (bptt_truncate=k): dE_t flows back through steps t-k..t only
k = 2
def loss_t_steps(t, Us, Ws, V):
    s = np.zeros(H)
    for i in range(t + 1):
        s = np.tanh(Us[i] @ onehot(xs[i]) + Ws[i] @ s)
    return -np.log(softmax(V @ s)[ys[t]])
tU = np.zeros_like(U); tW = np.zeros_like(Wm); tV = np.zeros_like(Vm)
for t in range(T):
    Us = [U.copy() for _ in range(T)]; Ws = [Wm.copy() for _ in range(T)]; Vv = Vm.copy()
    for i in range(max(0, t - k), t + 1):
        tU += fd(lambda: loss_t_steps(t, Us, Ws, Vv), Us[i])
        tW += fd(lambda: loss_t_steps(t, Us, Ws, Vv), Ws[i])
    tV += fd(lambda: loss_t_steps(t, Us, Ws, Vv), Vv)
m2 = Model(Vdim, H, bptt_truncate=k); m2.U, m2.W, m2.V = U.copy(), Wm.copy(), Vm.copy()
dU_k, dW_k, dV_k = m2.bptt(xs, ys)
ok_trunc = close(dU_k, tU) and close(dW_k, tW) and close(dV_k, tV)
for ln in (195, 196, 197, 200, 201, 203, 206, 207, 208, 209, 212, 213, 214, 215, 216, 217, 218):
    record(ln, ok_full and ok_trunc)
RNNLayer.forward = orig_forward

# ---- report
bad = 0
for ln in sorted(int(k) for k in EXP):
    exp = EXP[str(ln)]["expected"]
    if ln not in results:
        print(ln, "NOT CHECKED"); bad += 1; continue
    status = "OK" if results[ln] else "MISMATCH"
    agree = (status == "OK") == (exp == "pass")
    bad += not agree
    print(f"line {ln}: {status}  (expected {exp}) {'agrees' if agree else 'DISAGREES'}")
extra = set(results) - {int(k) for k in EXP}
if extra: print("checked but not annotated:", sorted(extra)); bad += 1
print("ALL VERDICTS AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
