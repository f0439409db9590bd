"""Finite-difference check of javaidnabi_min_char_rnn.md (numpy only, float64).

The RNN class is taken verbatim from the .md file and exec'd (the notebook never
defines zero_init, so it is supplied here as np.zeros).  Each backward line is
evaluated with true inputs (central finite differences of E = sum_t -log p_t[target]).
"""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["javaidnabi_min_char_rnn.md"]
md = open(os.path.join(HERE, "javaidnabi_min_char_rnn.md")).read()
code = re.findall(r"```python\n(.*?)```", md, re.S)
cls_src = [c for c in code if c.startswith("class RNN")][0]
ns = {"np": np, "zero_init": lambda a, b: np.zeros((a, b))}
exec(cls_src, ns)
RNN = ns["RNN"]

rng = np.random.default_rng(7)
EPS = 1e-6
results = {}
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))
def record(line, ok):
    results.setdefault(line, []).append("pass" if ok else "fail")
def fd(fun, x):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index; old = x[idx]
        x[idx] = old + EPS; fp = fun()
        x[idx] = old - EPS; fm = fun()
        x[idx] = old; g[idx] = (fp - fm) / (2 * EPS)
    return g

H, K, T = 4, 5, 5
net = RNN(hidden_size=H, vocab_size=K, seq_length=T, learning_rate=0.1)
net.U = rng.normal(size=(H, K)); net.V = rng.normal(size=(K, H)); net.W = rng.normal(size=(H, H)) * 0.7
net.b = rng.normal(size=(H, 1)) * 0.3; net.c = rng.normal(size=(K, 1)) * 0.3
inputs = list(rng.integers(K, size=T)); targets = list(rng.integers(K, size=T))
hprev = rng.normal(size=(H, 1)) * 0.5
hook = {k: [np.zeros((K if k == "o" else H, 1)) for _ in range(T)] for k in ("a", "h", "o")}

def E_of(only=None):
    """independent re-implementation of the published forward with perturbation hooks"""
    h = hprev.copy(); E = 0.0
    for t in range(T):
        x = np.zeros((K, 1)); x[inputs[t]] = 1
        h = np.tanh(net.U @ x + net.W @ h + net.b + hook["a"][t]) + hook["h"][t]
        o = net.V @ h + net.c + hook["o"][t]
        p = np.exp(o - o.max()); p /= p.sum()
        if only is None or only == t:
            E += -np.log(p[targets[t], 0])
    return E

xs, hs, ps = net.forward(inputs, hprev)
# forward / softmax / loss lines: the published forward must reproduce the reference forward
h = hprev.copy(); ok_fwd = True
for t in range(T):
    x = np.zeros((K, 1)); x[inputs[t]] = 1
    ok_fwd &= close(xs[t], x)
    h = np.tanh(net.U @ x + net.W @ h + net.b); ok_fwd &= close(hs[t], h)
    o = net.V @ h + net.c; p = np.exp(o) / np.exp(o).sum(); ok_fwd &= close(ps[t], p)
for ln in (47, 48, 54, 55, 56, 57, 58):
    record(ln, ok_fwd)
record(91, abs(net.loss(ps, targets) - E_of()) < 1e-10)
record(134, close(hs[T - 1], h))          # carried state = last hidden state

G = {k: [fd(E_of, hook[k][t]) for t in range(T)] for k in hook}
Gl = [fd(lambda t=t: E_of(only=t), hook["h"][t]) for t in range(T)]
GP = {n: fd(E_of, getattr(net, n)) for n in ("U", "W", "V", "b", "c")}
acc = {n: 0 for n in ("U", "W", "V", "b", "c_published", "c_true")}
dc = np.zeros_like(net.c)
for t in reversed(range(T)):
    dy = np.copy(ps[t]); dy[targets[t]] -= 1
    record(67, close(dy, G["o"][t])); record(69, close(dy, G["o"][t]))
    acc["V"] = acc["V"] + np.dot(G["o"][t], hs[t].T)
    dc += dc                                         # line 72 exactly as published
    acc["c_true"] = acc["c_true"] + G["o"][t]
    dhnext_true = G["h"][t] - net.V.T @ G["o"][t]
    record(74, close(np.dot(net.V.T, G["o"][t]) + dhnext_true, G["h"][t]) and close(net.V.T @ G["o"][t], Gl[t]))
    dhrec = (1 - hs[t] * hs[t]) * G["h"][t]
    record(76, close(dhrec, G["a"][t]))
    acc["b"] = acc["b"] + G["a"][t]
    acc["U"] = acc["U"] + np.dot(G["a"][t], xs[t].T)
    acc["W"] = acc["W"] + np.dot(G["a"][t], hs[t - 1].T)   # hs[-1] is hprev (dict key -1)
    if t > 0:
        record(82, close(np.dot(net.W.T, G["a"][t]), G["h"][t - 1] - net.V.T @ G["o"][t - 1]))
    else:
        record(82, close(np.dot(net.W.T, G["a"][t]), fd(E_of, hprev)))
record(71, close(acc["V"], GP["V"]))
record(72, close(dc, GP["c"]))
record(77, close(acc["b"], GP["b"]))
record(79, close(acc["U"], GP["U"]))
record(80, close(acc["W"], GP["W"]))
# whole published backward (before clipping: gradients here are small enough? check unclipped values)
dU, dW, dV, db, dcp = net.backward(xs, hs, ps, targets)
assert np.all(np.abs(dcp) < 1e-15), "published dc should be identically zero"

# sample(): one generation step must equal the forward step
seed = int(rng.integers(K)); h0 = rng.normal(size=(H, 1)) * 0.5
x = np.zeros((K, 1)); x[seed] = 1
h1 = np.tanh(net.U @ x + net.W @ h0 + net.b); y1 = net.V @ h1 + net.c; p1 = np.exp(y1) / np.exp(y1).sum()
xs2, hs2, ps2 = net.forward([seed], h0)
for ln in (108, 109, 112, 113, 114, 116, 117, 144, 155, 156, 157, 159, 160):
    record(ln, close(hs2[0], h1) and close(ps2[0], p1))

# predict(): priming with the start string.  Reference: feed the chars one per step, then the
# next-char distribution is softmax(V h_last + c).  Published: x gets several ones at once (line 149).
class DR:  # minimal stand-in for data_reader
    char_to_ix = {ch: i for i, ch in enumerate("abcde")}
    ix_to_char = {i: ch for i, ch in enumerate("abcde")}
start = "cab"
ids = [DR.char_to_ix[ch] for ch in start]
_, hs3, ps3 = net.forward(ids, np.zeros((H, 1)))
ref_next = net.V @ hs3[len(ids) - 1] + net.c
x = np.zeros((K, 1))
for i in range(len(start)):
    ix = DR.char_to_ix[start[i]]; x[ix] = 1             # line 149 as published
pub_next = net.V @ np.tanh(net.U @ x + net.W @ np.zeros((H, 1)) + net.b) + net.c
record(149, close(pub_next, ref_next))

bad = 0
for ln in sorted(int(k) for k in EXP):
    exp = EXP[str(ln)]["expected"]
    if ln not in results:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    num = "fail" if "fail" in results[ln] else "pass"
    print(f"line {ln}: expected {exp}, numeric {num}" + ("" if num == exp else "   <-- MISMATCH"))
    bad += num != exp
extra = set(results) - {int(k) for k in EXP}
if extra:
    print("checked but not annotated:", sorted(extra)); bad += 1
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
sys.exit(0 if bad == 0 else 1)
