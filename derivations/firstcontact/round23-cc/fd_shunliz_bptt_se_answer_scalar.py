"""FD check for shunliz dl/rnn/bptt.md.
Part 1 (lines 8-18): vector RNN s_t=tanh(U x_t + W s_{t-1}), yhat_t=softmax(V s_t), E_t=-y_t.log yhat_t, E=sum_t E_t.
Part 2 (lines 26-112): scalar 2-step many-to-one RNN of the stats.SE Q&A, read with the page's cell
z_t=u x_t + w s_{t-1} + k, s_t=tanh(z_t), q=s_1 v1 + c (v1, c vectors so softmax is non-degenerate),
o=softmax(q), E=-y.log o.  Untied copies u_0,u_1 / w_0,w_1 give the per-step partials."""
import numpy as np
rng = np.random.default_rng(2)
def softmax(a): e = np.exp(a - a.max()); return e / e.sum()
def rep(n, ok): print(f"line {n}: {'OK' if ok else 'MISMATCH'}")
def fdg(f, p, e=1e-6):
    g = np.zeros_like(p)
    for i in np.ndindex(p.shape):
        a = p.copy(); a[i] += e; b = p.copy(); b[i] -= e; g[i] = (f(a) - f(b)) / (2 * e)
    return g
# ---------- part 1
T, D, H, K = 3, 2, 3, 4
U, W, V = rng.normal(size=(H, D)), rng.normal(size=(H, H)), rng.normal(size=(K, H))
X = rng.normal(size=(T, D)); Y = np.eye(K)[rng.integers(0, K, T)]
def run(U, W, V):
    s = np.zeros(H); Ss, Yh, Et = [], [], []
    for t in range(T):
        s = np.tanh(U @ X[t] + W @ s); yh = softmax(V @ s)
        Ss.append(s); Yh.append(yh); Et.append(-Y[t] @ np.log(yh))
    return Ss, Yh, Et
Ss, Yh, Et = run(U, W, V)
rep(8, np.allclose(Ss[1], np.tanh(U @ X[1] + W @ Ss[0])))
rep(10, np.allclose(Yh[1], softmax(V @ Ss[1])))
rep(14, np.isclose(Et[2], -Y[2] @ np.log(Yh[2])))
rep(16, np.isclose(sum(Et), -sum(Y[t] @ np.log(Yh[t]) for t in range(T))))
gW = fdg(lambda W_: sum(run(U, W_, V)[2]), W)
gWt = sum(fdg(lambda W_, t=t: run(U, W_, V)[2][t], W) for t in range(T))
rep(18, np.allclose(gW, gWt, atol=1e-6))
# ---------- part 2
x0, x1, sm1, k = rng.normal(size=4)
u, w = rng.normal(size=2)
v1, c = rng.normal(size=K), rng.normal(size=K)
y = np.eye(K)[1]
def net(u0, u1, w0, w1, cc=c):
    z0 = u0 * x0 + w0 * sm1 + k; s0 = np.tanh(z0)
    z1 = u1 * x1 + w1 * s0 + k; s1 = np.tanh(z1)
    q = s1 * v1 + cc; o = softmax(q); E = -y @ np.log(o)
    return dict(z0=z0, s0=s0, z1=z1, s1=s1, q=q, o=o, E=E)
R = net(u, u, w, w)
z0, s0, z1, s1, q, o, E = (R[n] for n in ["z0", "s0", "z1", "s1", "q", "o", "E"])
a0, b0, a1, b1 = x0 * u, sm1 * w, x1 * u, s0 * w
rep(26, np.isclose(a0 + b0 + k, z0))          # a_0 = x_0 u_0 is the input term of z_0
rep(30, np.isclose(a0 + b0 + k, z0))          # b_0 = s_{-1} w_0 is the recurrent term
rep(34, np.isclose(a0 * b0, z0))              # z_0 = a_0 * b_0 (product)
rep(36, np.isclose(a0 + b0 + k, z0))
for n in (38, 40, 46): rep(n, np.isclose(np.tanh(z0), s0))
rep(44, np.isclose(u * x0 + w * sm1 + k, z0))
rep(50, np.isclose(u * x1 + w * s0 + k, z1))
rep(52, np.isclose(np.tanh(z1), s1))
rep(56, np.isclose(a1 + b1 + k, z1))
rep(58, np.isclose(a1 + b1 + k, z1))
rep(60, np.isclose(a1 * b1, z1))
rep(62, np.isclose(np.tanh(z1), s1))
R0 = net(u, u, w, w, cc=np.zeros(K))          # page cell yhat = softmax(V s) has no output bias
rep(64, np.allclose(R0["s1"] * v1, R0["q"]))
rep(66, np.isclose(u * x1 + w * s0 + k, z1))
rep(68, np.isclose(np.tanh(z1), s1))
rep(70, np.allclose(s1 * v1 + c, q))
for n in (76, 80): rep(n, np.allclose(softmax(q), o))
for n in (78, 82): rep(n, np.isclose(-y @ np.log(o), E))
e = 1e-6
f = lambda **kw: net(**{**dict(u0=u, u1=u, w0=w, w1=w), **kw})["E"]
dEdu0 = (f(u0=u + e) - f(u0=u - e)) / (2 * e)
dEdu1 = (f(u1=u + e) - f(u1=u - e)) / (2 * e)
dEdu = (net(u + e, u + e, w, w)["E"] - net(u - e, u - e, w, w)["E"]) / (2 * e)
dEdw = (net(u, u, w + e, w + e)["E"] - net(u, u, w - e, w - e)["E"]) / (2 * e)
dEdq = o - y                                   # dE/do * do/dq (row x Jacobian)
g1 = dEdq @ v1                                 # ... * dq/ds_1
ds1 = 1 - s1 ** 2; ds0 = 1 - s0 ** 2
rep(84, np.isclose(dEdu, dEdu1 + dEdu0, atol=1e-6))
rep(86, np.isclose(g1 * ds1 * 1 * x1, dEdu1, atol=1e-6))
rep(88, np.isclose(g1 * ds1 * 1 * w * ds0 * 1 * x0, dEdu0, atol=1e-6))
rep(92, np.isclose(g1 * ds1 * ((1 * x1) + (1 * w * ds0 * 1 * x0)), dEdu, atol=1e-6))
rep(96, np.isclose(g1 * ds1 * ((1 * x1) + (1 * w * ds0 * 1 * x0)), dEdu, atol=1e-6))
rep(100, np.isclose(g1 * ds1 * (x1 + w * ds0 * x0), dEdu, atol=1e-6))
rep(104, np.isclose(g1 * (ds1 * x1) + g1 * (ds1 * w) * (ds0 * x0), dEdu, atol=1e-6))
rep(108, np.isclose(g1 * ds1 * (s0 + w * ds0 * sm1), dEdw, atol=1e-6))
rep(112, np.isclose(g1 * (ds1 * s0) + g1 * (ds1 * w) * (ds0 * sm1), dEdw, atol=1e-6))
