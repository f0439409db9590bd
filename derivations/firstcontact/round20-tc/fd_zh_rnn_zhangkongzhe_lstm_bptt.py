# FD checks for zh_rnn_zhangkongzhe_lstm_bptt.md (column vectors, float64, central differences)
import numpy as np
rng = np.random.default_rng(0)
sig = lambda z: 1/(1+np.exp(-z))
eps = 1e-6
def rep(line, ok, note=""):
    print(line, "OK" if ok else "MISMATCH", note)

# ---------- RNN of section 4.1 with generic f_W = tanh, g linear (lines 11,14,27,28,39,40,102,103)
H, D, Q, T = 3, 2, 2, 4
Whh = rng.normal(size=(H,H))*0.6; Wxh = rng.normal(size=(H,D)); bh = rng.normal(size=H)
Wyh = rng.normal(size=(Q,H)); by = rng.normal(size=Q)
X = rng.normal(size=(T,D)); Dt = rng.normal(size=(T,Q))
def rnn(Whh, pert=None):
    h = np.zeros(H); hs=[h]; L=0
    for t in range(T):
        h = np.tanh(Whh@h + Wxh@X[t] + bh)
        if pert is not None and pert[0]==t: h = h + pert[1]
        y = Wyh@h + by; L += 0.5*np.sum((y-Dt[t])**2); hs.append(h)
    return L, hs
L0, hs = rnn(Whh)
dh_fd = []
for t in range(T):
    g = np.zeros(H)
    for k in range(H):
        e = np.zeros(H); e[k]=eps
        g[k] = (rnn(Whh,(t,e))[0]-rnn(Whh,(t,-e))[0])/(2*eps)
    dh_fd.append(g)
for l in (11,14,27,28,102,103): rep(l, True, "(definition used by the forward pass)")
# line 39: dL/dh_t = dL/dy_t dy_t/dh_t + dL/dh_{t+1} dh_{t+1}/dh_t   (numerator layout -> transposes)
ok = True
for t in range(T):
    y = Wyh@hs[t+1]+by
    rhs = Wyh.T@(y-Dt[t])
    if t+1 < T: rhs = rhs + (Whh.T*(1-hs[t+2]**2)).T.T @ np.zeros(H) + Whh.T@((1-hs[t+2]**2)*dh_fd[t+1])
    ok &= np.allclose(rhs, dh_fd[t], atol=1e-6)
rep(39, ok, "(total dL/dh_t recursion)")
# line 40: dL/dW = sum_t dL/dh_t dh_t/dW (one-step contribution, summed)
G = sum(np.outer(dh_fd[t]*(1-hs[t+1]**2), hs[t]) for t in range(T))
Gfd = np.zeros_like(Whh)
for a in range(H):
    for b in range(H):
        E = np.zeros_like(Whh); E[a,b]=eps
        Gfd[a,b] = (rnn(Whh+E)[0]-rnn(Whh-E)[0])/(2*eps)
rep(40, np.allclose(G,Gfd,atol=1e-6), "(step contributions sum to dL/dW_hh)")

# ---------- LSTM of section 3.3 (lines 51-56) and 3.4 (69-85)
H, D, T = 3, 2, 4
W = {k: rng.normal(size=(H,H+D))*0.7 for k in "fico"}; b = {k: rng.normal(size=H)*0.3 for k in "fico"}
X = rng.normal(size=(T,D)); A = rng.normal(size=(T,H))
def lstm(pert=None):
    h = np.zeros(H); c = np.zeros(H); S=[]; L=0
    for t in range(T):
        z = np.concatenate([h, X[t]])
        q = {}
        for k,fn in (("f",sig),("i",sig),("c",np.tanh),("o",sig)):
            q[k] = fn(W[k]@z + b[k])
            if pert and pert[0]==(k,t): q[k] = q[k] + pert[1]
        cp, hp = c, h
        c = q["f"]*c + q["i"]*q["c"]
        if pert and pert[0]==("C",t): c = c + pert[1]
        h = q["o"]*np.tanh(c)
        if pert and pert[0]==("H",t): h = h + pert[1]
        L += np.sum(A[t]*h) + 0.5*np.sum(h**2)
        S.append(dict(q, cp=cp, hp=hp, C=c, Hh=h, z=z))
    return L, S
L0, S = lstm()
def gfd(key):
    g = np.zeros(H)
    for k in range(H):
        e = np.zeros(H); e[k]=eps
        g[k] = (lstm((key,e))[0]-lstm((key,-e))[0])/(2*eps)
    return g
for l in (51,52,53,54,55,56): rep(l, True, "(definition used by the forward pass)")
t = 2
dh, dc = gfd(("H",t)), gfd(("C",t))
s = S[t]
do, di, dg, df = gfd(("o",t)), gfd(("i",t)), gfd(("c",t)), gfd(("f",t))
f69 = dh*np.tanh(s["C"])*s["o"]*(1-s["o"]); rep(69, np.allclose(f69, do, atol=1e-6), "(equals pre-activation grad? %s)" % np.allclose(f69, do*s["o"]*(1-s["o"]),atol=1e-6))
f72 = dc*s["c"]*s["i"]*(1-s["i"]); rep(72, np.allclose(f72, di, atol=1e-6), "(equals pre-activation grad? %s)" % np.allclose(f72, di*s["i"]*(1-s["i"]),atol=1e-6))
f75 = dc*s["i"]*(1-np.tanh(s["c"])**2); rep(75, np.allclose(f75, dg, atol=1e-6), "(equals pre-activation grad? %s)" % np.allclose(f75, dg*(1-s["c"]**2),atol=1e-6))
f78 = dc*s["cp"]*s["f"]*(1-s["f"]); rep(78, np.allclose(f78, df, atol=1e-6), "(equals pre-activation grad? %s)" % np.allclose(f78, df*s["f"]*(1-s["f"]),atol=1e-6))
# line 82, charitable reading without the meaningless W_h^T factor
dcm1 = gfd(("C",t-1))
f82 = dc*s["f"] + dh*s["o"]*(1-np.tanh(s["C"])**2)
rep(82, np.allclose(f82, dcm1, atol=1e-6), "(true value is dc_t*f_t + dh_{t-1}*o_{t-1}*tanh'(c_{t-1}); W_h^T term not conformable)")
# line 85, charitable reading: W_g -> h-block transposed, W_h -> identity (LSTM has no W_h)
dhm1 = gfd(("H",t-1))
Wh = lambda k: W[k][:, :H]
f85 = dh + Wh("i").T@f72 + Wh("c").T@f75 + Wh("f").T@f78 + Wh("o").T@f69
direct = np.sum(A[t-1]) * 0 + A[t-1] + S[t-1]["Hh"]   # dL_{t-1}/dh_{t-1}
rep(85, np.allclose(f85 + direct, dhm1, atol=1e-6) or np.allclose(f85, dhm1 - direct, atol=1e-6),
    "(correct: sum_g W_{g,h}^T delta_g(pre-act) + dL_{t-1}/dh_{t-1}; extra dh_t*W_h term and elementwise products are wrong)")
# sanity: the correct recursion matches
corr = Wh("i").T@f72 + Wh("c").T@(dc*s["i"]*(1-s["c"]**2)) + Wh("f").T@f78 + Wh("o").T@f69 + direct
print("sanity correct dh_{t-1} recursion:", np.allclose(corr, dhm1, atol=1e-6))
