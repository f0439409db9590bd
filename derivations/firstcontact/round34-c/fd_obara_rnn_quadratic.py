"""Finite-difference check of obara_rnn_quadratic.md (numpy only).
Independent forward (author's stated conventions): a_t = U x_t + W h_{t-1} + b, h_t = sigmoid(a_t), h_0 = 0,
o_t = V h_t + c, L = sum_t 1/2 ||sigmoid(o_t) - y_t||^2, t = 1..T (1-based).
Each annotated line's expression is evaluated with correct upstream values and compared with central differences;
the author's code fence is exec'd for the activation helpers and the forward pass."""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "obara_rnn_quadratic.md")
EXP = json.load(open(os.path.join(HERE, "expected.json")))["obara_rnn_quadratic.md"]
code = re.findall(r"```python\n(.*?)```", open(MD, encoding="utf-8").read(), re.S)[0]
ns = {}
exec(code, ns)
RNN, a_sig, a_dsig, a_tanh, a_dtanh = ns["RNN"], ns["sigmoid"], ns["d_sigmoid"], ns["tanh"], ns["d_tanh"]

rng = np.random.default_rng(1)
D, H, K, T = 4, 3, 1, 5
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
xs = {t: rng.normal(size=(D, 1)) for t in range(1, T + 1)}
ys = {t: rng.uniform(size=(K, 1)) for t in range(1, T + 1)}
P = dict(U=rng.normal(0, .8, (H, D)), W=rng.normal(0, .8, (H, H)), V=rng.normal(0, .8, (K, H)),
         b=rng.normal(0, .5, (H, 1)), c=rng.normal(0, .5, (K, 1)))
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
        X[i] = old + eps; fp = f(); X[i] = old - eps; fm = f(); X[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

def run(P, step=None, inj=None):
    """step: {t: {'U':..,'W':..,'b':..}} per-step parameter overrides; inj: {(kind,t): delta}
    kinds: 'a' pre-activation, 'o' output logits, 'hrec' h_t as used by step t+1, 'hout' h_t as used by o_t."""
    step = step or {}; inj = inj or {}
    z = lambda k, t, shape: inj.get((k, t), np.zeros(shape))
    h = np.zeros((H, 1)); L = 0.0; hs = {0: h}; os_ = {}; as_ = {}
    for t in range(1, T + 1):
        Ut = step.get(t, {}).get("U", P["U"]); Wt = step.get(t, {}).get("W", P["W"]); bt = step.get(t, {}).get("b", P["b"])
        a = Ut @ xs[t] + Wt @ h + bt + z("a", t, (H, 1))
        hn = sig(a)
        o = P["V"] @ (hn + z("hout", t, (H, 1))) + P["c"] + z("o", t, (K, 1))
        L += 0.5 * float(np.sum((sig(o) - ys[t]) ** 2))
        hs[t] = hn; os_[t] = o; as_[t] = a
        h = hn + z("hrec", t, (H, 1))
    return L, hs, os_, as_

L0, hs, os_, as_ = run(P)
def loss(**kw): return run(P, **kw)[0]

def fd_inj(kind, t, shape, kinds=None):
    d = np.zeros(shape)
    def f():
        return loss(inj={(k, t): d for k in (kinds or [kind])})
    return fd(f, d)

g_o = {t: fd_inj("o", t, (K, 1)) for t in range(1, T + 1)}
g_a = {t: fd_inj("a", t, (H, 1)) for t in range(1, T + 1)}
g_h = {t: fd_inj(None, t, (H, 1), kinds=["hrec", "hout"]) for t in range(1, T + 1)}   # total dL/dh_t
g_hor = {t: fd_inj("hrec", t, (H, 1)) for t in range(1, T + 1)}
g_ver = {t: fd_inj("hout", t, (H, 1)) for t in range(1, T + 1)}
gP = {k: fd(lambda: loss(), P[k]) for k in P}
def step_grad(name, t):
    X = P[name].copy()
    return fd(lambda: loss(step={t: {name: X}}), X)

def record(line, ok): results[line] = bool(ok)

# ---- helpers (30-45)
z = rng.normal(size=(4, 1))
record(30, close(a_sig(z), 0.5 * (1 + np.tanh(z / 2))))
zc = z.copy(); record(35, close(a_dsig(z), fd(lambda: float(np.sum(0.5 * (1 + np.tanh(zc / 2)))), zc)))
record(40, close(a_tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))))
record(45, close(a_dtanh(z), fd(lambda: float(np.sum((np.exp(zc) - np.exp(-zc)) / (np.exp(zc) + np.exp(-zc)))), zc)))

# ---- forward (67-84): exec the author's feedforward on the same parameters
data = [(xs[t], ys[t]) for t in range(1, T + 1)]
net = RNN(data, H)
net.input_weights, net.hidden_weights, net.output_weights = P["U"], P["W"], P["V"]
net.hidden_bias, net.output_bias = P["b"], P["c"]
h_states, o_states = net.feedforward()
record(67, close(P["U"] @ xs[1] + P["W"] @ np.zeros((H, 1)) + P["b"], as_[1]))
record(70, close(h_states[1], hs[1]))
record(72, close(o_states[0], os_[1]))                     # stated o^{(1)} = V h^{(1)} + c
record(80, all(close(h_states[t], hs[t]) for t in range(2, T + 1)))
record(83, all(close(h_states[t], hs[t]) for t in range(2, T + 1)))
record(84, all(close(o_states[t - 1], os_[t]) for t in range(2, T + 1)))

# ---- backward, correct upstream values (1-based t; o_states[t-1] -> os_[t], h_states[k] -> hs[k])
dl = lambda a, y: a - y                                     # author's d_loss
nab_o = {t: dl(sig(os_[t]), ys[t]) * sig(os_[t]) * (1 - sig(os_[t])) for t in range(1, T + 1)}
record(94, close(sum(g_o[t] for t in range(1, T + 1)), gP["c"]))
record(97, close(sum(nab_o[t] for t in range(1, T + 1)), gP["c"]))
record(100, close(sum(g_o[t] @ hs[t].T for t in range(1, T + 1)), gP["V"]))
record(103, all(close(nab_o[t], g_o[t]) for t in range(1, T + 1)))
# line 105: nabla_V += nabla_o h_states[t].T with 0-based t  ->  o^{(t)} paired with h^{(t-1)}
record(105, close(sum(g_o[t] @ hs[t - 1].T for t in range(1, T + 1)), gP["V"]))
tanh_diag = lambda t: np.diagflat(1 - hs[t] ** 2)
record(107, close(sum(tanh_diag(t) @ g_h[t] for t in range(1, T + 1)), gP["b"]))
record(108, close(sum(tanh_diag(t) @ g_h[t] @ hs[t].T for t in range(1, T + 1)), gP["W"]))
record(109, close(sum(tanh_diag(t) @ g_h[t] @ xs[t].T for t in range(1, T + 1)), gP["U"]))
# line 111: last-step nabla_h = V^T (d_loss(o, y) * sigma'(o))
record(111, close(P["V"].T @ (dl(os_[T], ys[T]) * sig(os_[T]) * (1 - sig(os_[T]))), g_h[T]))
def dsig_fd(t):   # sigma'(a_t) by central differences
    return (sig(as_[t] + eps) - sig(as_[t] - eps)) / (2 * eps)
record(115, close(hs[T] - hs[T] ** 2, dsig_fd(T)))
record(116, close(np.diag((hs[T] - hs[T] ** 2)[:, 0]), np.diagflat(dsig_fd(T))))
nb_T = np.diag((hs[T] - hs[T] ** 2)[:, 0]) @ g_h[T]
record(125, close(nb_T, g_a[T]) and close(nb_T, step_grad("b", T)))
record(126, close(g_a[T] @ hs[T - 1].T, step_grad("W", T)))
record(127, close(g_a[T] @ xs[T].T, step_grad("U", T)))
# loop, 0-based t = 0..T-2  <->  current step s = t+1 (1-based), next step s+1
ok130 = ok133 = ok134 = ok137 = ok139 = ok142 = ok143 = ok144 = True
for s in range(T - 1, 0, -1):
    dg = np.diag((hs[s + 1] - hs[s + 1] ** 2)[:, 0])                      # lines 130-131
    ok130 &= close(np.diag(dg)[:, None], dsig_fd(s + 1))
    h_hor = dg @ (P["W"].T @ g_h[s + 1])                                   # line 133
    ok133 &= close(h_hor, g_hor[s])
    h_ver = P["V"].T @ (dl(os_[s], ys[s]) * sig(os_[s]) * (1 - sig(os_[s])))  # line 134
    ok134 &= close(h_ver, g_ver[s])
    ok137 &= close(g_hor[s] + g_ver[s], g_h[s])                            # line 137, correct upstream
    dc = np.diag((hs[s] - hs[s] ** 2)[:, 0])                               # lines 139-140
    ok139 &= close(np.diag(dc)[:, None], dsig_fd(s))
    ok142 &= close(dc @ g_h[s], step_grad("b", s))                         # line 142
    ok143 &= close(dc @ (g_h[s] @ hs[s].T), step_grad("W", s))             # line 143: h_states[t+1] = h^{(s)}
    ok144 &= close(dc @ (g_h[s] @ xs[s].T), step_grad("U", s))             # line 144
record(130, ok130); record(131, ok130); record(133, ok133); record(134, ok134); record(137, ok137)
record(139, ok139); record(140, ok139); record(142, ok142); record(143, ok143); record(144, ok144)
aa = rng.uniform(size=(K, 1)); yy = rng.uniform(size=(K, 1)); aac = aa.copy()
record(151, close(net.d_loss(aa, yy), fd(lambda: float(np.sum(0.5 * (aac - yy) ** 2)), aac)))

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
