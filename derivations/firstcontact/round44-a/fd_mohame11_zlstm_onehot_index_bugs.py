"""Finite-difference check of mohame11_zlstm_onehot_index_bugs.md (numpy only).

The author's code before `def main():` is exec'd under Python 3 (a stub stands in for nltk, which is
imported but not used by the class).  An independent forward pass of the author's model, with
perturbation hooks, gives the true local quantities by central differences of the sentence loss
    L = sum_t -log softmax(h_t)[y_t]     (the softmax is taken over h_t itself; D == H)
with  z = sig(Wz x + Rz h_prev + bz)  (sigmoid block input in this version),  i, o, f = sig(...),
c = z*i + c_prev*f,  h = tanh(c)*o,  h_{-1} = c_{-1} = 0,  x_t = onehot(X[t]).
Each annotated backward line is re-evaluated with TRUE upstream values (judged locally) and
compared with the true value of what it computes.  The author's own backProp is run as a sanity
check (gradients recovered from the SGD step with learningRate = 1 and a batch of one sentence).
"""
import os, sys, json, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "mohame11_zlstm_onehot_index_bugs.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]

start = lines.index("```python")
stop = next(k for k in range(start, len(lines)) if lines[k].startswith("def main():"))
sys.modules.setdefault("nltk", types.ModuleType("nltk"))
ns = {}
exec(compile("\n".join(lines[start + 1:stop]), "<zlstm_author>", "exec"), ns)
zLSTM, A_sigmoid = ns["zLSTM"], ns["sigmoid"]

rng = np.random.default_rng(3)
D = Hd = 5
T = 4
eps = 1e-6
results = {}

def ok(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=tol)

def record(line, good):
    results[line] = "pass" if good else "fail"

def num_grad(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + eps; fp = f()
        arr[idx] = old - eps; fm = f()
        arr[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

sig = lambda a: 1.0 / (1.0 + np.exp(-a))
def sm(v):
    e = np.exp(v - v.max()); return e / e.sum()

# ---------------- model, data ----------------
net = zLSTM(D, Hd)
for k in ["Wz", "Wi", "Wf", "Wo"]:
    setattr(net, k, rng.normal(0, .6, (Hd, D)))
for k in ["Rz", "Ri", "Rf", "Ro"]:
    setattr(net, k, rng.normal(0, .6, (Hd, Hd)))
for k in ["bz", "bi", "bf", "bo"]:
    setattr(net, k, rng.normal(0, .3, (1, Hd)))
P = {k: getattr(net, k).copy() for k in
     ["Wz", "Wi", "Wf", "Wo", "Rz", "Ri", "Rf", "Ro", "bz", "bi", "bf", "bo"]}
X = [3, 0, 4, 1]            # input word indices
Yt = [1, 2, 0, 3]           # distinct targets

def forward(P, hook=None):
    def add(name, t, val):
        if hook is not None and hook[0] == name and hook[1] == t:
            return val + hook[2]
        return val
    h = np.zeros(Hd); c = np.zeros(Hd); L = 0.0; st = []
    for t in range(T):
        x = np.eye(D)[X[t]]
        az = add("az", t, P["Wz"] @ x + P["Rz"] @ h + P["bz"][0]); z = sig(az)
        ai = add("ai", t, P["Wi"] @ x + P["Ri"] @ h + P["bi"][0]); i = sig(ai)
        ao = add("ao", t, P["Wo"] @ x + P["Ro"] @ h + P["bo"][0]); o = sig(ao)
        af = add("af", t, P["Wf"] @ x + P["Rf"] @ h + P["bf"][0]); f = sig(af)
        cn = add("c", t, z * i + c * f)
        hn = add("h", t, np.tanh(add("c_h", t, cn)) * o)
        p = sm(add("h_p", t, hn))
        L += -np.log(p[Yt[t]])
        st.append(dict(x=x, hp=h, cp=c, z=z, i=i, o=o, f=f, c=cn, h=hn, p=p))
        h, c = hn, cn
    return L, st

L0, st = forward(P)
def node(name, t):
    vec = np.zeros(Hd)
    return num_grad(lambda: forward(P, (name, t, vec))[0], vec)
def pgrad(k):
    return num_grad(lambda: forward(P)[0], P[k])

# ---------------- helpers and forward lines ----------------
a = rng.normal(size=6)
record(16, ok(A_sigmoid(a), sig(a)))
v = rng.normal(size=Hd)
record(238, ok(net.stable_softmax(v), np.exp(v) / np.exp(v).sum()))
record(239, ok(net.stable_softmax(v), np.exp(v) / np.exp(v).sum()))
sp, H_, O_, C_, F_, I_, Z_ = net.forwardPass(X)
for line, arr, key in [(61, Z_, "z"), (62, Z_, "z"), (65, I_, "i"), (66, I_, "i"), (69, O_, "o"), (70, O_, "o"),
                       (73, F_, "f"), (74, F_, "f"), (78, C_, "c"), (81, H_, "h"), (84, sp, "p")]:
    record(line, all(ok(arr[t], st[t][key]) for t in range(T)))
record(114, ok(net.calculate_loss(X, Yt), L0))

# ---------------- true local quantities ----------------
tr = {n: [node(n, t) for t in range(T)] for n in ["h", "h_p", "c", "c_h", "az", "ai", "af", "ao"]}
gP = {k: pgrad(k) for k in P}
Z = [s["z"] for s in st]; I = [s["i"] for s in st]; O = [s["o"] for s in st]; F = [s["f"] for s in st]
C = [s["c"] for s in st]; Hh = [s["h"] for s in st]; p = [s["p"] for s in st]
R = lambda k: P[k]

# line 153: dH[t] += softmaxPredictions[t] - Y, with the author's Y (never reset inside the t loop)
Yacc = np.zeros(D); vals = []
for t in range(T - 1, -1, -1):
    Yacc[Yt[t]] = 1.0
    vals.append(ok(p[t] - Yacc, tr["h_p"][t]))
record(153, all(vals))
# line 155: recurrent part added to the (true) direct part, compared with the total dL/dh_t
record(155, all(ok(tr["h_p"][t] + R("Rz") @ tr["az"][t + 1] + R("Ri") @ tr["ai"][t + 1]
                   + R("Rf") @ tr["af"][t + 1] + R("Ro") @ tr["ao"][t + 1], tr["h"][t]) for t in range(T - 1)))
record(157, all(ok(tr["h"][t] * np.tanh(C[t]) * O[t] * (1. - O[t]), tr["ao"][t]) for t in range(T)))
record(159, all(ok(tr["h"][t] * O[t] * (1. - np.tanh(C[t]) ** 2), tr["c_h"][t]) for t in range(T)))
record(161, all(ok(tr["c_h"][t] + tr["c"][t + 1] * F[t + 1], tr["c"][t]) for t in range(T - 1)))
# line 163 uses the author's array C, so C[t-1] at t = 0 is C[-1] = C[T-1]
record(163, all(ok(tr["c"][t] * C_[t - 1] * F[t] * (1. - F[t]), tr["af"][t]) for t in range(T)))
record(165, all(ok(tr["c"][t] * Z[t] * I[t] * (1. - I[t]), tr["ai"][t]) for t in range(T)))
record(167, all(ok(tr["c"][t] * I[t] * Z[t] * (1. - Z[t]), tr["az"][t]) for t in range(T)))
for line, W, g in [(169, "Wz", "az"), (170, "Wi", "ai"), (171, "Wf", "af"), (172, "Wo", "ao")]:
    acc = np.zeros(P[W].shape)
    for t in range(T - 1, -1, -1):
        acc += np.outer(tr[g][t], X[t])      # X[t] is the integer word index, as in the author's loop
    record(line, ok(acc, gP[W]))
for line, W, g in [(175, "Rz", "az"), (176, "Ri", "ai"), (177, "Rf", "af"), (178, "Ro", "ao")]:
    acc = np.zeros(P[W].shape)
    for t in range(T - 1, -1, -1):
        if t + 1 < T:
            acc += np.outer(tr[g][t + 1], Hh[t])
    record(line, ok(acc, gP[W]))
for line, b, g in [(180, "bz", "az"), (181, "bi", "ai"), (182, "bf", "af"), (183, "bo", "ao")]:
    acc = np.zeros(P[b].shape)
    for t in range(T - 1, -1, -1):
        acc += tr[g][t]
    record(line, ok(acc, gP[b]))

# ---------------- sanity: the author's backProp (gradient recovered from one SGD step) ----------------
net.learningRate = 1.0
before = {k: getattr(net, k).copy() for k in P}
net.backProp([X], [Yt])
san = {k: ok(before[k] - getattr(net, k), gP[k]) for k in P}
print("sanity, author's backProp vs FD (True = equal):", san)

# the same lines chained with the author's own upstream values reproduce the author's totals
Yv = np.zeros(D); dH = np.zeros((T, Hd)); dO = np.zeros((T, Hd)); dC = np.zeros((T, Hd))
dF = np.zeros((T, Hd)); dI = np.zeros((T, Hd)); dZ = np.zeros((T, Hd))
emu = {k: np.zeros(P[k].shape) for k in P}
for t in range(T - 1, -1, -1):
    Yv[Yt[t]] = 1.0
    dH[t] += sp[t] - Yv
    if t + 1 < T:
        dH[t] += P["Rz"] @ dZ[t + 1] + P["Ri"] @ dI[t + 1] + P["Rf"] @ dF[t + 1] + P["Ro"] @ dO[t + 1]
    dO[t] += dH[t] * np.tanh(C_[t]) * O_[t] * (1. - O_[t])
    dC[t] += dH[t] * O_[t] * (1. - np.tanh(C_[t]) ** 2)
    if t + 1 < T:
        dC[t] += dC[t + 1] * F_[t + 1]
    dF[t] += dC[t] * C_[t - 1] * F_[t] * (1. - F_[t])
    dI[t] += dC[t] * Z_[t] * I_[t] * (1. - I_[t])
    dZ[t] += dC[t] * I_[t] * Z_[t] * (1. - Z_[t])
    for W, R_, b, d in [("Wz", "Rz", "bz", dZ), ("Wi", "Ri", "bi", dI), ("Wf", "Rf", "bf", dF), ("Wo", "Ro", "bo", dO)]:
        emu[W] += np.outer(d[t], X[t])
        if t + 1 < T:
            emu[R_] += np.outer(d[t + 1], H_[t])
        emu[b] += d[t]
print("emulated chain equals the author's backProp:", all(ok(emu[k], before[k] - getattr(net, k)) for k in P))

# ---------------- report ----------------
bad = 0
for line in sorted(expected, key=int):
    want = expected[line]["expected"]
    got = results.get(int(line))
    status = "OK" if got == want else "MISMATCH"
    bad += status != "OK"
    print(f"line {line}: expected {want}, fd {got} -> {status}")
extra = sorted(set(results) - {int(k) for k in expected})
if extra:
    print("checked but not in expected.json:", extra); bad += len(extra)
print("ALL OK" if bad == 0 else f"{bad} MISMATCH(ES)")
