"""Finite-difference check of single_layer_lstm_hadamard.md against expected.json (numpy only).
Executes the author's code fence, runs feed_forward / calculate_loss / feed_backward on a tiny problem
(weights overwritten with random values), records the per-step quantities of feed_backward, and compares
every annotated line with an independent forward pass and central differences. The header-comment
equations are evaluated as written and compared with the implementation's forward values."""
import json, os, warnings
import numpy as np

warnings.filterwarnings("ignore", category=SyntaxWarning)  # `idx is 0` in the author's code
HERE = os.path.dirname(os.path.abspath(__file__))
FN = "single_layer_lstm_hadamard.md"
lines = open(os.path.join(HERE, FN), encoding="utf-8").read().split("\n")
fences, cur = [], None
for i, l in enumerate(lines, 1):
    if l.startswith("```python"):
        cur = (i + 1, [])
    elif l.startswith("```") and cur is not None:
        fences.append((cur[0], "\n".join(cur[1]))); cur = None
    elif cur is not None:
        cur[1].append(l)
SRC = fences[0][1]

def patch(src, old, new):
    assert src.count(old) == 1, old
    return src.replace(old, new)

S = patch(SRC, "            dh_next = dxc[x_dim:]\n",
          "            dh_next = dxc[x_dim:]\n            REC[i] = {k: (np.copy(v) if isinstance(v, np.ndarray) else v) for k, v in locals().items() if k not in ('self', 'param', 'state')}\n")
S = patch(S, "            dy[tt] -= 1\n", "            REC0[i] = np.copy(dy)\n            dy[tt] -= 1\n")
ns = {"REC": {}, "REC0": {}}
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    exec(compile(S, FN, "exec"), ns)
REC, REC0 = ns["REC"], ns["REC0"]

rng = np.random.default_rng(3)
D, O, H, T = 4, 4, 3, 5
net = ns["LSTM_network"](D, O, num_mem_cells=H)
par = net.lstm_param
PN = ["wg", "wi", "wf", "wo", "wy", "bg", "bi", "bf", "bo", "by"]
for k in PN:
    getattr(par, k)[...] = rng.normal(size=getattr(par, k).shape) * 0.7
inputs = [0, 2, 1, 3, 2]
targets = [2, 1, 3, 0, 1]
X = [np.eye(D)[k] for k in inputs]
for x in X:
    net.feed_forward(x)
net.calculate_loss(targets)
net.feed_backward(targets)
nodes = net.lstm_node_list

sig = lambda a: 1 / (1 + np.exp(-a))
P = {k: getattr(par, k) for k in PN}

def myforward(pert=None, rec=None):
    pert = pert or {}
    ad = lambda name, t, v: v + pert[(name, t)] if (name, t) in pert else v
    h, s, L = np.zeros(H), np.zeros(H), 0.0
    for t in range(T):
        xc = ad("xc", t, np.concatenate([X[t], h]))
        gp = ad("gpre", t, P["wg"] @ xc + P["bg"]); g = ad("g", t, np.tanh(gp))
        ip = ad("ipre", t, P["wi"] @ xc + P["bi"]); i = ad("i", t, sig(ip))
        fp = ad("fpre", t, P["wf"] @ xc + P["bf"]); f = ad("f", t, sig(fp))
        op = ad("opre", t, P["wo"] @ xc + P["bo"]); o = ad("o", t, sig(op))
        sin = ad("sprev_in", t, s)
        s = ad("s", t, g * i + sin * f)
        h = ad("h", t, s * o)
        y = ad("y", t, P["wy"] @ h + P["by"])
        p = np.exp(y - y.max()); p /= p.sum()
        L += -np.log(p[targets[t]])
        if rec is not None:
            rec[t] = dict(xc=xc, g=g, i=i, f=f, o=o, s=s, h=h, y=y, p=p, L=L)
    return L

MY = {}
L0 = myforward(rec=MY)

def fd_param(name, eps=1e-6):
    A = P[name]; G = np.zeros_like(A)
    for ix in np.ndindex(A.shape):
        old = A[ix]
        A[ix] = old + eps; lp = myforward()
        A[ix] = old - eps; lm = myforward()
        A[ix] = old; G[ix] = (lp - lm) / (2 * eps)
    return G

FDN = {}
def node(name, t, n, eps=1e-6):
    if (name, t) not in FDN:
        G = np.zeros(n)
        for j in range(n):
            d = np.zeros(n); d[j] = eps; lp = myforward({(name, t): d})
            d[j] = -eps; lm = myforward({(name, t): d})
            G[j] = (lp - lm) / (2 * eps)
        FDN[(name, t)] = G
    return FDN[(name, t)]

close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
allt = lambda f: all(f(t) for t in range(T))
res = {}
def put(stmt, ok):
    hits = [i for i, l in enumerate(lines, 1) if l.strip() == stmt]
    assert len(hits) == 1, stmt
    res[str(hits[0])] = bool(ok)

# header equations, evaluated as written, against the implementation's values
def hdr(act, wname, bname, gate):
    ok = True
    for t in range(T):
        W = P[wname]; Wx, Wh = W[:, :D], W[:, D:]
        h_prev = nodes[t].h_prev
        val = act(Wx @ X[t] + Wh @ h_prev + P[bname])
        ok &= close(val, getattr(nodes[t].state, gate))
    return ok
put("#   g(t) = tanh(Wgx * x(t), Wgh * h(t - 1) + bg)", hdr(np.tanh, "wg", "bg", "g"))
put("#   i(t) = tanh(Wix * x(t), Wih * h(t - 1) + bg) ---> input Gate", hdr(np.tanh, "wi", "bg", "i"))
put("#   f(t) = tanh(Wfx * x(t), Wfh * h(t - 1) + bg) ---> forget Gate", hdr(np.tanh, "wf", "bg", "f"))
put("#   o(t) = tanh(Wox * x(t), Woh * h(t - 1) + bg) ---> output Gate", hdr(np.tanh, "wo", "bg", "o"))
put("#   S(t) = g(t) .* i(t) + f(t) .* S(t - 1)  ---> update Cell State s(t)",
    allt(lambda t: close(nodes[t].state.g * nodes[t].state.i + nodes[t].state.f * nodes[t].s_prev, MY[t]["s"])))
put("#   h(t) = S(t) .* o(t) ---> update hidden state", allt(lambda t: close(MY[t]["s"] * MY[t]["o"], nodes[t].state.h)))

# helpers and loss layer
xg = np.linspace(-3, 3, 7); e = 1e-6
put("return 1. / (1 + np.exp(-x))", close(ns["sigmoid"](xg), sig(xg)))
LL = ns["loss_layer"](); pred = rng.normal(size=3); lab = 0.4
put("return (pred[0] - label) ** 2", close(LL.loss(pred, lab), (pred[0] - lab) ** 2))
num = np.array([(LL.loss(pred + e * np.eye(3)[j], lab) - LL.loss(pred - e * np.eye(3)[j], lab)) / (2 * e) for j in range(3)])
put("dL[0] = 2 * (pred[0] - label)", close(LL.loss_grad(pred, lab), num))

# forward
st = lambda t: nodes[t].state
put("xc = np.hstack((x, h_prev))", allt(lambda t: close(nodes[t].xc, MY[t]["xc"])))
put("self.state.g = np.tanh(np.dot(self.param.wg, xc) + self.param.bg)", allt(lambda t: close(st(t).g, MY[t]["g"])))
put("self.state.i = sigmoid(np.dot(self.param.wi, xc) + self.param.bi)", allt(lambda t: close(st(t).i, MY[t]["i"])))
put("self.state.f = sigmoid(np.dot(self.param.wf, xc) + self.param.bf)", allt(lambda t: close(st(t).f, MY[t]["f"])))
put("self.state.o = sigmoid(np.dot(self.param.wo, xc) + self.param.bo)", allt(lambda t: close(st(t).o, MY[t]["o"])))
put("self.state.s = self.state.g * self.state.i + s_prev * self.state.f", allt(lambda t: close(st(t).s, MY[t]["s"])))
put("self.state.h = self.state.s * self.state.o", allt(lambda t: close(st(t).h, MY[t]["h"])))
put("self.state.y = np.dot(self.param.wy, self.state.h) + self.param.by", allt(lambda t: close(st(t).y, MY[t]["y"])))
put("self.state.prob = np.exp(pred) / np.sum(np.exp(pred))", allt(lambda t: close(st(t).prob, MY[t]["p"])))
put("loss += -np.log(prob[tt])", close(net.loss, L0))

# backward, per step
put("dh_next = np.zeros_like(self.lstm_node_list[0].state.h)", close(REC[T - 1]["dh"], node("h", T - 1, H)))
put("ds_next = np.zeros_like(self.lstm_node_list[0].state.s)", close(REC[T - 1]["ds"], node("s", T - 1, H)))
put("dy = np.copy(self.lstm_node_list[i].state.prob)", allt(lambda t: close(REC0[t], MY[t]["p"])) and allt(lambda t: close(st(t).prob, MY[t]["p"])))
put("dy[tt] -= 1", allt(lambda t: close(REC[t]["dy"], node("y", t, O))))
put("dh = np.dot(param.wy.T, dy) + dh_next", allt(lambda t: close(REC[t]["dh"], node("h", t, H))))
put("ds = dh * state.o + ds_next", allt(lambda t: close(REC[t]["ds"], node("s", t, H))))
for stmt, k, nm in [("dg = state.i * ds", "dg", "g"), ("di = state.g * ds", "di", "i"),
                    ("df = self.lstm_node_list[i].s_prev * ds", "df", "f"), ("do = dh * state.s", "do", "o"),
                    ("dg_input = (1.0 - state.g ** 2) * dg", "dg_input", "gpre"),
                    ("di_input = (1.0 - state.i) * state.i * di", "di_input", "ipre"),
                    ("df_input = (1.0 - state.f) * state.f * df", "df_input", "fpre"),
                    ("do_input = (1.0 - state.o) * state.o * do", "do_input", "opre"),
                    ("ds_next = state.f * ds", "ds_next", "sprev_in")]:
    put(stmt, allt(lambda t: close(REC[t][k], node(nm, t, H))))
put("dxc += np.dot(param.wi.T, di_input)", True); put("dxc += np.dot(param.wf.T, df_input)", True)
put("dxc += np.dot(param.wo.T, do_input)", True)
ok_dxc = allt(lambda t: close(REC[t]["dxc"], node("xc", t, D + H)))
# each term separately: dL/dxc restricted to one pre-activation path
for stmt, w, d in [("dxc += np.dot(param.wi.T, di_input)", "wi", "di_input"), ("dxc += np.dot(param.wf.T, df_input)", "wf", "df_input"),
                   ("dxc += np.dot(param.wo.T, do_input)", "wo", "do_input")]:
    nm = {"wi": "ipre", "wf": "fpre", "wo": "opre"}[w]
    put(stmt, ok_dxc and allt(lambda t: close(P[w].T @ REC[t][d], P[w].T @ node(nm, t, H))))
put("dxc += np.dot(param.wg.T, dg_input)", ok_dxc)
put("dh_next = dxc[x_dim:]", allt(lambda t: close(REC[t]["dh_next"], node("xc", t, D + H)[D:])))
# accumulated totals (shared parameter object)
for k, w in [("wy", "np.outer(dy, state.h)"), ("wg", "np.outer(dg_input, xc)"), ("wi", "np.outer(di_input, xc)"),
             ("wf", "np.outer(df_input, xc)"), ("wo", "np.outer(do_input, xc)"),
             ("by", "dy"), ("bg", "dg_input"), ("bi", "di_input"), ("bf", "df_input"), ("bo", "do_input")]:
    put("self.lstm_node_list[i].param.d%s += %s" % (k, w), close(getattr(par, "d" + k), fd_param(k)))

exp = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))[FN]
assert set(exp) == set(res), sorted(set(exp) ^ set(res), key=int)
bad = 0
for ln in sorted(res, key=int):
    want_ok = exp[ln]["expected"] == "pass"
    agree = (res[ln] == want_ok)
    bad += not agree
    print(ln, "OK" if agree else "MISMATCH", "(expression %s)" % ("right" if res[ln] else "wrong"))
print("all verdicts agree" if bad == 0 else "%d disagreements" % bad)
