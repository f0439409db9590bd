# Finite-difference check of expected.json verdicts for wanesta_lstm_bptt.md (numpy only).
import json, os, numpy as np
rng = np.random.default_rng(0)
H, X, T = 3, 2, 3
sg = lambda z: 1/(1+np.exp(-z))
P = {k: rng.normal(size=(H, H+X))*0.7 for k in "fico"}
B = {k: rng.normal(size=(H, 1))*0.3 for k in "fico"}
xs = [rng.normal(size=(X, 1)) for _ in range(T)]
h0, c0 = rng.normal(size=(H, 1)), rng.normal(size=(H, 1))
ws = [rng.normal(size=(H, 1)) for _ in range(T)]
def Wh(k, P=P): return P[k][:, :H]
def Wx(k, P=P): return P[k][:, H:]
def run(P=P, B=B, h=h0, c=c0, n=T, add=None):
    out = []
    for t in range(n):
        s = np.vstack([h, xs[t]])
        net = {k: P[k] @ s + B[k] for k in "fico"}
        if add and add[0] == t: net[add[1]] = net[add[1]] + add[2]
        f, i, o, cb = sg(net["f"]), sg(net["i"]), sg(net["o"]), np.tanh(net["c"])
        cn = f*c + i*cb; hn = o*np.tanh(cn)
        out.append(dict(h=h, c=c, x=xs[t], net=net, f=f, i=i, o=o, cb=cb, cn=cn, hn=hn))
        h, c = hn, cn
    return out
def E(n, **kw): o = run(n=n, **kw); return sum((ws[t].T @ o[t]["hn"]).item() for t in range(n))
eps = 1e-6
def grad(fun, A):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        A[idx] += eps; a = fun(); A[idx] -= 2*eps; b = fun(); A[idx] += eps; g[idx] = (a-b)/(2*eps)
    return g
def jac(fun, v):
    y0 = fun(v); J = np.zeros((y0.size, v.size))
    for j in range(v.size):
        d = np.zeros_like(v); d.flat[j] = eps; J[:, j] = ((fun(v+d)-fun(v-d))/(2*eps)).ravel()
    return J
def delta(n, t, k):  # true dE/dnet_{k,t}
    g = np.zeros((H, 1))
    for j in range(H):
        d = np.zeros((H, 1)); d[j] = eps
        g[j] = (E(n, add=(t, k, d)) - E(n, add=(t, k, -d)))/(2*eps)
    return g
close = lambda a, b: np.allclose(a, b, atol=1e-5)
s1 = run(n=1)[0]; D = diag = np.diagflat
d1 = {k: delta(1, 0, k) for k in "fico"}           # one-step deltas, E = w0.h_1
dT = {(t, k): delta(T, t, k) for t in range(T) for k in "fico"}  # sequence deltas
res = {}
st = np.vstack([h0, xs[0]])
for L, k in [(345, "f"), (349, "i"), (353, "c"), (357, "o")]:
    res[L] = close(P[k] @ st + B[k], s1["net"][k])
    res[L+2] = close(Wh(k) @ h0 + Wx(k) @ xs[0] + B[k], s1["net"][k])
res[403] = close(Wh("o") @ h0 + Wx("o") @ xs[0] + B["o"], s1["net"]["o"])
res[407] = close(Wh("f") @ h0 + Wx("f") @ xs[0] + rng.normal(size=(H, 1)), s1["net"]["f"])  # g_f: undefined symbol
res[411] = close(Wh("i") @ h0 + B["i"], s1["net"]["i"])                                   # x_t missing
res[415] = close(Wh("c") @ h0 + Wx("c") @ xs[0] + B["c"], s1["net"]["c"])
o, f, i, cb, cn = s1["o"], s1["f"], s1["i"], s1["cb"], s1["cn"]
res[390] = close(jac(lambda v: v*np.tanh(cn), o), D(np.tanh(cn)))
res[392] = close(jac(lambda v: o*np.tanh(v), cn), D(o*(1-np.tanh(cn)**2)))
res[394] = close(jac(lambda v: v*c0 + i*cb, f), D(c0))
res[396] = close(jac(lambda v: f*c0 + v*cb, i), D(cb))
res[398] = close(jac(lambda v: f*c0 + i*v, cb), D(i))
for L, k, fn, dd in [(418, "o", sg, D(o*(1-o))), (422, "f", sg, D(f*(1-f))), (426, "i", sg, D(i*(1-f)))]:
    res[L] = close(jac(fn, s1["net"][k]), dd)
for L, k in [(420, "o"), (424, "f"), (428, "i"), (432, "c")]:
    res[L] = close(jac(lambda v: P[k] @ np.vstack([v, xs[0]]) + B[k], h0), Wh(k))
res[430] = close(jac(lambda v: P["c"] @ np.vstack([v, xs[0]]) + B["c"], h0), D(i*(1-cb**2))) or \
           close(jac(np.tanh, s1["net"]["c"]), D(i*(1-cb**2)))
dt = ws[0]; th = np.tanh(cn)
dEdh0 = grad(lambda: E(1, h=h0), h0)
res[437] = close((d1["o"].T @ rng.normal(size=(H, H)) + d1["f"].T @ Wh("f") + d1["i"].T @ Wh("i") + d1["c"].T @ Wh("c")).T, dEdh0)
res[441] = close(dt*th*o*(1-o), d1["o"])
res[443] = close(dt*o*(1-th**2)*c0*f*(1-f), d1["f"])
res[445] = close(dt*o*(1-th**2)*cb*i*(1-i), d1["i"])
res[447] = close(dt*o*(1-th**2)*i*(1-cb**2), d1["c"])
# 450: k = t-1 with t = 2 (0-based steps 0,1), E = w.h over the sequence of 2 steps
seq2 = run(n=2); dd2 = {k: delta(2, 0, k) for k in "fico"}
h1 = seq2[0]["hn"]
def E_h1(v):
    s = np.vstack([v, xs[1]]); net = {k: P[k] @ s + B[k] for k in "fico"}
    c2 = sg(net["f"])*seq2[0]["cn"] + sg(net["i"])*np.tanh(net["c"]); return (ws[1].T @ (sg(net["o"])*np.tanh(c2))).item() + (ws[0].T @ v).item()
dEdh1 = jac(lambda v: np.array([[E_h1(v)]]), h1).T
form450 = (dd2["o"].T @ Wh("o") + dd2["f"].T @ Wh("f") + dd2["f"].T @ Wh("f") + dd2["i"].T @ Wh("i") + dd2["c"].T @ Wh("c")).T
res[450] = close(form450, dEdh1)
for L, k in [(475, "o"), (479, "f"), (483, "i"), (487, "c")]:
    res[L] = close(d1[k] @ h0.T, grad(lambda: E(1), P[k])[:, :H])
res[485] = close(d1["c"] @ np.zeros((1, H)), grad(lambda: E(1), P["c"])[:, :H])  # dnet_c/dW_fh = 0
seq = run()
for L, k in [(490, "o"), (492, "f"), (494, "i")]:
    res[L] = close(sum(dT[(j, k)] @ seq[j]["h"].T for j in range(T)), grad(lambda: E(T), P[k])[:, :H])
res[496] = close(sum(rng.normal(size=(H, 1)) @ seq[j]["h"].T for j in range(T)), grad(lambda: E(T), P["c"])[:, :H])  # W_vh, delta_v undefined
for L, k in [(501, "o"), (505, "f"), (509, "i"), (513, "c")]:
    res[L] = close(d1[k], grad(lambda: E(1), B[k]))
res[507] = close(d1["i"]*0, grad(lambda: E(1), B["i"]))   # dnet_i/db_o = 0
res[511] = close(d1["c"]*0, grad(lambda: E(1), B["c"]))   # dnet_c/db_o = 0
for L, k in [(516, "o"), (518, "i"), (520, "f"), (522, "c")]:
    res[L] = close(T*dT[(T-1, k)], grad(lambda: E(T), B[k]))
for L, k in [(528, "o"), (532, "f"), (536, "i")]:
    res[L] = close(d1[k] @ xs[0].T, grad(lambda: E(1), P[k])[:, H:])
# 538: dE/dnet_c times dnet_o/dW_ox (the same tensor as dnet_c/dW_cx): value delta_c x^T
res[538] = close(d1["c"] @ xs[0].T, grad(lambda: E(1), P["c"])[:, H:])
res[540] = close(d1["o"] @ xs[0].T, grad(lambda: E(1), P["c"])[:, H:])
exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["wanesta_lstm_bptt.md"]
bad = 0
for L in sorted(res):
    fl = str(L-339); want = exp[fl]["expected"] == "pass"
    ok = (res[L] == want); bad += not ok
    print(fl, "OK" if ok else "MISMATCH", "(math %s, expected %s)" % ("pass" if res[L] else "fail", exp[fl]["expected"]))
missing = set(exp) - {str(L-339) for L in res}
print("unchecked:", sorted(missing, key=int), "mismatches:", bad)
