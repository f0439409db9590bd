"""Finite-difference check of siraj_lstm_demo_numpy.md (numpy only, float64).

Model (as the notebook's forward intends): for steps k = 1..R
  x_k = [h_{k-1}; u_k],  f,i,o = sigmoid(W_* x_k), c~ = tanh(W_c x_k), cs_k = f*cs_{k-1} + i*c~,
  h_k = o*tanh(cs_k),  oa_k = sigmoid(w h_k),  E = 1/2 sum_k ||oa_k - eo_k||^2  (error = oa - eo).
Inputs u_k follow the published forward (u_1 = initial self.x = 0, after step k self.x = eo[k-1]).
The LSTM class (cell 4) is exec'd from the .md; the RecurrentNeuralNetwork cell does not compile
(published syntax errors), so its lines are evaluated one by one with a stub `self`.
Every backward line is fed TRUE inputs (finite-difference values of what its right-hand side uses)
and compared with the finite-difference value of the quantity it claims to compute.
Exit 0 iff every verdict agrees with expected.json.
"""
import json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "siraj_lstm_demo_numpy.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
MD = open(os.path.join(HERE, NAME)).read()
LINES = MD.split("\n")
code = re.findall(r"```python\n(.*?)```", MD, re.S)
ns = {"np": np}
exec([c for c in code if c.startswith("class LSTM")][0], ns)
LSTMcls = ns["LSTM"]

rng = np.random.default_rng(4)
n, R, EPS = 3, 4, 1e-6
W = {k: rng.normal(size=(n, 2 * n)) * 0.7 for k in "fico"}
w_out = rng.normal(size=(n, n)) * 0.8
eo = np.vstack((np.zeros(n), rng.normal(size=(R, n))))         # eo[0] = zeros row, as published
u = {1: np.zeros(n)}
for k in range(2, R + 1):
    u[k] = eo[k - 2]                                            # self.x = self.eo[i-1] after step i-1
sig = lambda a: 1 / (1 + np.exp(-a))
HK = ["xh", "x", "zf", "zi", "zc", "zo", "f", "i", "g", "o", "cprev", "cs", "cs_h", "h", "h_y", "za", "oa"]
def zh():
    return {k: {s: np.zeros(2 * n if k == "x" else n) for s in range(1, R + 1)} for k in HK}
hooks = zh()
def run(keep=False, Wm=None, wo=None):
    Wm = Wm or W; wo = w_out if wo is None else wo
    h = np.zeros(n); cs = np.zeros(n); E = 0.0; S = {}
    for k in range(1, R + 1):
        hk = {q: hooks[q][k] for q in HK}
        x = np.hstack((h + hk["xh"], u[k])) + hk["x"]
        zf, zi, zc, zo = (Wm[q] @ x + hk["z" + q] for q in "fico")
        f = sig(zf) + hk["f"]; i = sig(zi) + hk["i"]; g = np.tanh(zc) + hk["g"]; o = sig(zo) + hk["o"]
        cprev = cs
        cs = f * (cprev + hk["cprev"]) + i * g + hk["cs"]
        hprev = h
        h = o * np.tanh(cs + hk["cs_h"]) + hk["h"]
        za = wo @ (h + hk["h_y"]) + hk["za"]
        oa = sig(za) + hk["oa"]
        E += 0.5 * np.sum((oa - eo[k]) ** 2)
        S[k] = dict(x=x, f=f, i=i, g=g, o=o, cs=cs, cprev=cprev, h=h, hprev=hprev, oa=oa, za=za)
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
G = {q: {k: fd(run, hooks[q][k]) for k in range(1, R + 1)} for q in HK}
def Gq(q, k):
    return G[q][k] if 1 <= k <= R else np.zeros_like(G[q][1])
PW = {q: fd(run, W[q]) for q in "fico"}
Pw = fd(run, w_out)

results = {}
def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))
def record(line, ok):
    results.setdefault(line, []).append("pass" if ok else "fail")
def rhs(line):
    s = LINES[line - 1].split("#")[0].strip()
    return re.match(r"^[\w\[\]\.,\s]+?\s*(\+=|\*=|=)\s*(.*)$", s).group(2)

# ---- helper functions (both classes) ----
aa = rng.normal(size=5)
rnn_stub = types.SimpleNamespace()
exec("def sigmoid(self, x):\n" + LINES[56] + "\ndef dsigmoid(self, x):\n" + LINES[60] + "\n", ns)
rnn_stub.sigmoid = lambda x: ns["sigmoid"](rnn_stub, x); rnn_stub.dsigmoid = lambda x: ns["dsigmoid"](rnn_stub, x)
record(57, close(rnn_stub.sigmoid(aa), sig(aa)))
record(61, close(rnn_stub.dsigmoid(aa), sig(aa) * (1 - sig(aa))))          # derivative w.r.t. the PRE-activation
L = LSTMcls(n, n, R, 0.1)
for q in "fico":
    setattr(L, q, W[q].copy())
record(219, close(L.sigmoid(aa), sig(aa))); record(223, close(L.dsigmoid(aa), sig(aa) * (1 - sig(aa))))
record(230, close(L.tangent(aa), np.tanh(aa))); record(234, close(L.dtangent(aa), 1 - np.tanh(aa) ** 2))

# ---- forward: LSTM.forwardProp (238-244) and the RNN forward lines ----
L.cs = np.zeros(n); ha = {0: np.zeros(n)}; ca = {0: np.zeros(n)}
for k in range(1, R + 1):
    xk = np.hstack((ha[k - 1], u[k]))
    record(66, close(xk, S[k]["x"]))                                 # self.LSTM.x = hstack(ha[i-1], self.x)
    L.x = xk
    ret = L.forwardProp()
    cs_, hs_, f_, i_, c_, o_ = ret
    record(238, close(f_, S[k]["f"])); record(240, close(i_, S[k]["i"])); record(241, close(c_, S[k]["g"]))
    record(239, close(cs_, S[k]["cs"])); record(242, close(cs_, S[k]["cs"])); record(243, close(o_, S[k]["o"]))
    record(244, close(hs_, S[k]["h"]))
    record(67, len(ret) == 5)                                       # published: cs, hs, f, c, o = ... (6 values returned)
    ha[k], ca[k] = hs_.copy(), cs_.copy()
    for ln in (69, 70, 71, 73, 74):
        record(ln, True)                                            # plain stores of cs, hs, f, c, o
fwd_src = "\n".join(LINES[63:76])
record(72, re.search(r"\binp\s*[,=]", fwd_src.replace("self.ai[i] = inp", "")) is not None)  # inp never bound in forwardProp
try:
    compile(LINES[74].strip(), "l75", "exec"); record(75, True)
except SyntaxError:
    record(75, False)

# ---- RNN-level backward lines ----
oa = {k: S[k]["oa"] for k in range(1, R + 1)}
tu_true = np.zeros((n, n)); tu_pub = np.zeros((n, n))
for k in range(R, 0, -1):
    err = eval(rhs(104), {"self": types.SimpleNamespace(oa=oa, eo=eo), "i": k})
    record(104, close(err, Gq("oa", k)))
    stub = types.SimpleNamespace(oa=oa, ha={k: S[k]["h"]}, dsigmoid=rnn_stub.dsigmoid, w=w_out)
    tu_pub = tu_pub + eval(rhs(107), {"np": np, "self": stub, "error": Gq("oa", k), "i": k})
    e_pub = eval(rhs(110), {"np": np, "self": stub, "error": Gq("oa", k)})
    record(110, close(e_pub, Gq("h_y", k)))                         # gradient of E w.r.t. h_k via the output layer
    ia = np.zeros((R + 1, n))                                       # self.ia is never written by forwardProp
    xb = np.hstack((S[k]["hprev"], ia[k]))
    record(112, close(xb, S[k]["x"]))
    record(114, close(ca[k], S[k]["cs"]))
    record(117, close(ca[k - 1], S[k]["cprev"]))                    # pcs argument = c_{k-1}; other args are the stored gates
record(107, close(tu_pub, Pw))
# accumulations tfu += fu ... : sum over steps of the true per-step contributions equals the total gradient
for ln, q in ((122, "f"), (124, "i"), (126, "c"), (128, "o")):
    record(ln, close(sum(np.outer(Gq("z" + q, k), S[k]["x"]) for k in range(1, R + 1)), PW[q]))
# line 102: the loop also runs i = 0, which is not a step; there LSTM.backProp gets f=i=c=o=0, pcs=ca[-1]
L0 = LSTMcls(n, n, R, 0.1)
for q in "fico":
    setattr(L0, q, W[q].copy())
L0.x = np.hstack((ha[R], np.zeros(n))); L0.cs = np.zeros(n)
z0 = np.zeros(n)
fu0 = L0.backProp(np.zeros(n), ca[R], z0, z0, z0, z0, Gq("cprev", 1), Gq("xh", 1))[0]
record(102, close(fu0, np.zeros_like(fu0)))

# ---- LSTM.backProp lines, each with true inputs ----
def ev(line, k, **kw):
    L.x = S[k]["x"]; L.cs = S[k]["cs"]
    env = {"np": np, "self": L}; env.update(kw)
    return eval(rhs(line), env)
for k in range(R, 0, -1):
    s = S[k]
    e = ev(250, k, e=Gq("h_y", k), dfhs=Gq("xh", k + 1)); record(250, close(e, Gq("h", k)))
    record(252, close(ev(252, k, e=Gq("h", k)), Gq("o", k)))
    record(254, close(ev(254, k, do=Gq("o", k), o=s["o"]), np.outer(Gq("zo", k), s["x"])))
    record(256, close(ev(256, k, e=Gq("h", k), o=s["o"], dfcs=Gq("cprev", k + 1)), Gq("cs", k)))
    record(258, close(ev(258, k, dcs=Gq("cs", k), i=s["i"]), Gq("g", k)))
    record(260, close(ev(260, k, dc=Gq("g", k), c=s["g"]), np.outer(Gq("zc", k), s["x"])))
    record(262, close(ev(262, k, dcs=Gq("cs", k), c=s["g"]), Gq("i", k)))
    record(264, close(ev(264, k, di=Gq("i", k), i=s["i"]), np.outer(Gq("zi", k), s["x"])))
    record(266, close(ev(266, k, dcs=Gq("cs", k), pcs=s["cprev"]), Gq("f", k)))
    record(268, close(ev(268, k, df=Gq("f", k), f=s["f"]), np.outer(Gq("zf", k), s["x"])))
    record(270, close(ev(270, k, dcs=Gq("cs", k), f=s["f"]), Gq("cprev", k)))
    record(273, close(ev(273, k, dc=Gq("g", k), do=Gq("o", k), di=Gq("i", k), df=Gq("f", k)), Gq("xh", k)))

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
