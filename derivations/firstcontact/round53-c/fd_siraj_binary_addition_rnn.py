"""Finite-difference check of siraj_binary_addition_rnn.md (numpy only, float64).

Model (row vectors, no biases): h_t = s(X_t W1 + h_{t-1} W_h), l2_t = s(h_t W2),
E = 1/2 sum_t (y_t - l2_t)^2.  The notebook's "gradients" are NEGATIVE gradients
(output_error = y - l2, updates are added with +=, learning rate 1), so each backward line
is compared with -dE/d(.) from central finite differences.  Lines are evaluated one by one
(their right-hand sides are taken from the .md and fed true inputs); the whole published
backward loop is also run chained.  Exit 0 iff every verdict agrees with expected.json.
"""
import copy, json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "siraj_binary_addition_rnn.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
MD = open(os.path.join(HERE, NAME)).read()
LINES = MD.split("\n")
ns = {"np": np}
exec(re.findall(r"```python\n(.*?)```", MD, re.S)[2], ns)      # the `activate` cell
activate = ns["activate"]

rng = np.random.default_rng(11)
D, Hn, EPS = 8, 4, 1e-6
W1 = rng.uniform(-1, 1, (2, Hn)); W2 = rng.uniform(-1, 1, (Hn, 1)); W_h = rng.uniform(-1, 1, (Hn, Hn))
a = rng.integers(0, 2, D); b = rng.integers(0, 2, D); c = rng.integers(0, 2, D)
sig = lambda v: 1 / (1 + np.exp(-v))
T = D
HK = ["z1", "h", "z2", "l2"]
hooks = {k: [np.zeros((1, Hn if k in ("z1", "h") else 1)) for _ in range(T)] for k in HK}
def run(keep=False, P=None):
    P = P or {"W1": W1, "W2": W2, "W_h": W_h}
    h = np.zeros((1, Hn)); E = 0.0; S = []
    for t in range(T):                                  # forward step t uses bit D-t-1 (LSB first)
        X = np.array([[a[D - t - 1], b[D - t - 1]]]); y = np.array([[c[D - t - 1]]])
        z1 = X @ P["W1"] + h @ P["W_h"] + hooks["z1"][t]
        hp = h
        h = sig(z1) + hooks["h"][t]
        z2 = h @ P["W2"] + hooks["z2"][t]
        l2 = sig(z2) + hooks["l2"][t]
        E += 0.5 * float(((y - l2) ** 2).sum())
        S.append(dict(X=X, y=y, h=h, hp=hp, l2=l2))
    return (E, S) if keep else E
def fd(fun, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + EPS; fp = fun()
        arr[idx] = old - EPS; fm = fun()
        arr[idx] = old; g[idx] = (fp - fm) / (2 * EPS)
    return g
E0, S = run(keep=True)
G = {k: [fd(run, hooks[k][t]) for t in range(T)] for k in HK}
Gq = lambda k, t: G[k][t] if 0 <= t < T else np.zeros_like(G[k][0])
PW = {k: fd(run, v) for k, v in (("W1", W1), ("W2", W2), ("W_h", W_h))}

results = {}
def close(x, y, tol=1e-5):
    x = np.asarray(x, float); y = np.asarray(y, float)
    return x.shape == y.shape and np.max(np.abs(x - y)) <= tol * max(1.0, np.max(np.abs(y)))
def record(line, ok):
    results.setdefault(line, []).append("pass" if ok else "fail")
def rhs(line):
    s = LINES[line - 1].split("#")[0].strip()
    return re.match(r"^[\w\.\[\]]+\s*(\+=|=)\s*(.*)$", s).group(2)
def ev(line, **kw):
    env = {"np": np, "activate": activate, "W1": W1, "W2": W2, "W_h": W_h, "a": a, "b": b, "c": c,
           "binary_dim": D, "copy": copy}
    env.update(kw)
    return eval(rhs(line), env)

v = rng.normal(size=5)
record(25, close(activate(v), sig(v)))
record(24, close(activate(sig(v), deriv=True), sig(v) * (1 - sig(v))))   # derivative from the sigmoid OUTPUT
# forward lines 77-82
hidden_layer_values = [np.zeros(Hn)]; output_layer_gradients = []
for t in range(T):
    X = S[t]["X"]; y = S[t]["y"]
    layer_1 = ev(77, X=X, hidden_layer_values=hidden_layer_values); record(77, close(layer_1, S[t]["h"]))
    layer_2 = ev(78, layer_1=layer_1); record(78, close(layer_2, S[t]["l2"]))
    oe = ev(79, y=y, layer_2=layer_2); record(79, close(oe, -Gq("l2", t)))
    og = eval(LINES[81].split("append(", 1)[1].rsplit(")", 1)[0], {"output_error": oe, "activate": activate, "layer_2": layer_2})
    record(82, close(og, -Gq("z2", t)))
    output_layer_gradients.append(og); hidden_layer_values.append(copy.deepcopy(layer_1))
# backward lines with true inputs
W2u = 0; W1u = 0; Whu_fixed = 0
for p in range(D):
    t = D - 1 - p                                           # forward step handled at backward position p
    Xb = ev(98, position=p); record(98, close(Xb, S[t]["X"]))
    l1 = ev(100, hidden_layer_values=hidden_layer_values, position=p); record(100, close(l1, S[t]["h"]))
    ph = ev(102, hidden_layer_values=hidden_layer_values, position=p); record(102, close(ph, S[t]["hp"].ravel() if t == 0 else S[t]["hp"]))
    og = ev(104, output_layer_gradients=output_layer_gradients, position=p); record(104, close(og, -Gq("z2", t)))
    lg = ev(105, future_layer_1_gradient=-Gq("z1", t + 1), output_layer_gradient=-Gq("z2", t), layer_1=S[t]["h"])
    record(105, close(lg, -Gq("z1", t)))
    W2u = W2u + ev(108, layer_1=S[t]["h"], output_layer_gradient=-Gq("z2", t))
    try:
        ev(109, prev_hidden_layer=S[t]["hp"], layer_1_gradients=-Gq("z1", t)); record(109, True)
    except NameError:
        record(109, False)                                  # layer_1_gradient is never defined
    Whu_fixed = Whu_fixed + np.atleast_2d(S[t]["hp"]).T.dot(-Gq("z1", t))
    W1u = W1u + ev(110, X=S[t]["X"], layer_1_gradients=-Gq("z1", t))
record(108, close(W2u, -PW["W2"])); record(110, close(W1u, -PW["W1"]))
print("diagnostic: with the issue-#5 fix (layer_1_gradients) the W_h update equals -dE/dW_h:", close(Whu_fixed, -PW["W_h"]))
# chained run of the published loop body (lines 105, 108, 110, 112) to check the carry on line 112
fut = np.zeros(Hn); W1c = 0; W2c = 0
for p in range(D):
    t = D - 1 - p
    lg = ev(105, future_layer_1_gradient=fut, output_layer_gradient=output_layer_gradients[-p - 1], layer_1=hidden_layer_values[-p - 1])
    W2c = W2c + ev(108, layer_1=hidden_layer_values[-p - 1], output_layer_gradient=output_layer_gradients[-p - 1])
    W1c = W1c + ev(110, X=ev(98, position=p), layer_1_gradients=lg)
    fut = ev(112, layer_1_gradients=lg)
    record(112, close(fut, -Gq("z1", t)))
record(112, close(W1c, -PW["W1"]) and close(W2c, -PW["W2"]))

bad = 0
for ln in sorted(set(map(int, EXP)) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln)
    if got is None:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    num = "fail" if "fail" in got else "pass"
    flag = "" if num == exp else "   <-- MISMATCH"
    print(f"line {ln}: expected {exp}, numeric {num}{flag}")
    bad += num != exp
print("mismatches:", bad)
sys.exit(1 if bad else 0)
