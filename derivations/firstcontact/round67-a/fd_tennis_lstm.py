"""FD check for tennis_lstm.md (elementnl/tennis-point-model README @cad53fb).
Single-layer LSTM, column vectors, W_g acting on xi_t=[h_{t-1}; x_t], head yhat=sigmoid(W2 relu(W1 h + b1) + b2),
loss L = sum_t BCE(y, yhat_t) (line 88).  Non-zero biases on purpose.
'Total' gradients are obtained by finite differences of the unrolled forward pass."""
import numpy as np
rng = np.random.default_rng(1)
d, k, T, m = 3, 2, 5, 4
sig = lambda u: 1/(1+np.exp(-u))
P = {g: rng.normal(0, 0.7, (d, d+k)) for g in "fioc"}
B = {g: rng.normal(0, 0.8, (d, 1)) for g in "fioc"}
W1, b1 = rng.normal(0, 0.7, (m, d)), rng.normal(0, 0.3, (m, 1))
W2, b2 = rng.normal(0, 0.7, (1, m)), rng.normal(0, 0.3, (1, 1))
X = rng.normal(0, 1, (T, k, 1)); yy = 1.0

def cell(h, c, x, P=P, B=B, pert=None, t=None, tt=None):
    xi = np.vstack((h, x))
    pre = {g: P[g] @ xi + B[g] for g in "fioc"}
    if pert is not None and t == tt:
        g, v = pert; pre[g] = pre[g] + v
    f, i, o, ct = sig(pre["f"]), sig(pre["i"]), sig(pre["o"]), np.tanh(pre["c"])
    c2 = f*c + i*ct
    h2 = o*np.tanh(c2)
    return h2, c2, dict(xi=xi, pre=pre, f=f, i=i, o=o, ct=ct)

def ell(h):
    a = np.maximum(0, W1 @ h + b1); yh = sig(W2 @ a + b2)[0, 0]
    return -(yy*np.log(yh) + (1-yy)*np.log(1-yh))

def run(P=P, B=B, start=0, h=None, c=None, pert=None, tt=None, override_h=None, override_c=None):
    """loss sum_{t>=start} ell_t, starting from state (h_{start-1}, c_{start-1});
    override_h/override_c = (t, value) replaces h_t / c_t after computing step t (h recomputed from c if c overridden)."""
    h = np.zeros((d, 1)) if h is None else h; c = np.zeros((d, 1)) if c is None else c
    L = 0.0; hs, cs, cache = {}, {}, {}
    hs[-1], cs[-1] = h, c
    for t in range(start, T):
        h, c, ca = cell(h, c, X[t], P, B, pert, t, tt)
        if override_c is not None and override_c[0] == t:
            c = override_c[1]; h = ca["o"]*np.tanh(c)
        if override_h is not None and override_h[0] == t:
            h = override_h[1]
        hs[t], cs[t], cache[t] = h, c, ca
        L += ell(h)
    return L, hs, cs, cache

L0, hs, cs, cache = run()
eps = 1e-6
def fdvec(fun, v):
    G = np.zeros_like(v)
    for j in range(v.size):
        e = np.zeros_like(v); e.flat[j] = eps
        G.flat[j] = (fun(v+e) - fun(v-e))/(2*eps)
    return G
# total dL/dh_t (c_t held), total dL/dc_t (h_t recomputed from c_t)
Gh = {t: fdvec(lambda v: run(override_h=(t, v))[0], hs[t]) for t in range(T)}
Gc = {t: fdvec(lambda v: run(override_c=(t, v))[0], cs[t]) for t in range(T)}
dl = {t: fdvec(ell, hs[t]) for t in range(T)}             # d ell_t / d h_t
def rel(a, b): return np.linalg.norm(a-b)/max(1e-12, np.linalg.norm(a)+np.linalg.norm(b))
def rep(line, what, a, b, exp):
    e = rel(a, b)
    print(f"line {line:>3} {what:<62} rel.err={e:9.2e} -> {'AGREE' if e < 1e-6 else 'DIFFER'} (expected {exp})")

# ---- forward lines: stacked form (line 50/56) equals per-gate definitions (lines 8-18)
t = 2; ca = cache[t]
W = np.vstack([P["f"], P["i"], P["o"], P["c"]]); bb = np.vstack([B["f"], B["i"], B["o"], B["c"]])
stk = W @ ca["xi"] + bb
rep(50, "stacked pre-activations == per-gate W_g xi + b_g", stk, np.vstack([ca["pre"][g] for g in "fioc"]), "pass")
rep(60, "c_t = f*c_{t-1} + i*g", cs[t], ca["f"]*cs[t-1] + ca["i"]*ca["ct"], "pass")
rep(64, "h_t = o*tanh(c_t)", hs[t], ca["o"]*np.tanh(cs[t]), "pass")
rep(149, "sigma'(z) = sigma(z)(1-sigma(z))", fdvec(lambda v: sig(v).sum(), np.array([[0.3], [-1.2]])), sig(np.array([[0.3], [-1.2]]))*(1-sig(np.array([[0.3], [-1.2]]))), "pass")

# ---- line 103: dL/dh_t = dl_t/dh_t + (dh_{t+1}/dh_t)^T dL/dh_{t+1}
t = 1
J = np.zeros((d, d))
for j in range(d):
    e = np.zeros((d, 1)); e[j] = eps
    hp, _, _ = cell(hs[t]+e, cs[t], X[t+1]); hm, _, _ = cell(hs[t]-e, cs[t], X[t+1])
    J[:, [j]] = (hp-hm)/(2*eps)                       # total Jacobian dh_{t+1}/dh_t (c_t fixed)
rep(103, "dl_t/dh_t + J^T dL/dh_{t+1}  vs total dL/dh_t (LSTM)", dl[t] + J.T @ Gh[t+1], Gh[t], "fail")
# what is missing: the path h_t -> c_{t+1} -> c_{t+2} ... that bypasses h_{t+1}
_, _, ca1 = cell(hs[t], cs[t], X[t+1])
Jc = np.zeros((d, d))
for j in range(d):
    e = np.zeros((d, 1)); e[j] = eps
    _, cp, _ = cell(hs[t]+e, cs[t], X[t+1]); _, cm, _ = cell(hs[t]-e, cs[t], X[t+1])
    Jc[:, [j]] = (cp-cm)/(2*eps)
o1 = ca1["o"]
missing = Jc.T @ (Gc[t+1] - Gh[t+1]*o1*(1-np.tanh(cs[t+1])**2))
rep(103, "  ... + dc_{t+1}/dh_t^T (dL/dc_{t+1} through c_{t+2} only) restores it", dl[t] + J.T @ Gh[t+1] + missing, Gh[t], "(diagnostic)")

# ---- line 121 and 125/141: cell-state recursion
_, c2p, _ = cell(hs[t], cs[t], X[t+1])
Jcc = np.zeros((d, d))
for j in range(d):
    e = np.zeros((d, 1)); e[j] = eps
    _, cp, _ = cell(hs[t], cs[t]+e, X[t+1]); _, cm, _ = cell(hs[t], cs[t]-e, X[t+1])
    Jcc[:, [j]] = (cp-cm)/(2*eps)
rep(121, "dc_{t+1}/dc_t = diag(f_{t+1})", Jcc, np.diagflat(cache[t+1]["f"]), "pass")
ft1 = cache[t+1]["f"]; ot = cache[t]["o"]
rep(125, "dL/dc_{t+1}*f_{t+1} + dL/dh_t*o_t*(1-tanh^2 c_t) vs dL/dc_t", Gc[t+1]*ft1 + Gh[t]*ot*(1-np.tanh(cs[t])**2), Gc[t], "pass")
rep(141, "delta^(c)_t recursion (same, delta^(c)=dL/dc_t)", Gh[t]*ot*(1-np.tanh(cs[t])**2) + Gc[t+1]*ft1, Gc[t], "pass")

# ---- gate deltas (lines 139,143,145,147): FD w.r.t. the pre-activation at step t
def dpre(g, t):
    return fdvec(lambda v: run(pert=(g, v - cache[t]["pre"][g]), tt=t)[0], cache[t]["pre"][g])
dP = {g: dpre(g, t) for g in "fioc"}
ca = cache[t]; xi = ca["xi"]
sp = lambda g: sig(P[g] @ xi)*(1-sig(P[g] @ xi))      # the author's sigma'(W_g [h_{t-1}, x_t]) -- no bias
rep(139, "delta^(o) = dL/dh*tanh(c)*sigma'(W_o xi)  vs dL/d(o preact)", Gh[t]*np.tanh(cs[t])*sp("o"), dP["o"], "fail")
rep(143, "delta^(f) = delta^(c)*c_{t-1}*sigma'(W_f xi)", Gc[t]*cs[t-1]*sp("f"), dP["f"], "fail")
rep(145, "delta^(i) = delta^(c)*ctilde*sigma'(W_i xi)", Gc[t]*ca["ct"]*sp("i"), dP["i"], "fail")
rep(147, "delta^(ctilde) = delta^(c)*i*(1-ctilde^2)", Gc[t]*ca["i"]*(1-ca["ct"]**2), dP["c"], "pass")
# same three formulas with the bias put back (sigma'(W xi + b) = gate(1-gate)) agree -> the only slip is the dropped bias
rep(139, "  with sigma'(W_o xi + b_o) instead", Gh[t]*np.tanh(cs[t])*ca["o"]*(1-ca["o"]), dP["o"], "(diagnostic)")
rep(143, "  with sigma'(W_f xi + b_f) instead", Gc[t]*cs[t-1]*ca["f"]*(1-ca["f"]), dP["f"], "(diagnostic)")
rep(145, "  with sigma'(W_i xi + b_i) instead", Gc[t]*ca["ct"]*ca["i"]*(1-ca["i"]), dP["i"], "(diagnostic)")

# ---- line 153: dL/dW_f = sum_t delta^(f)_t xi_t^T (delta^(f) = true pre-activation gradient)
def fdW(g):
    G = np.zeros_like(P[g])
    for idx in np.ndindex(G.shape):
        Pp = {q: P[q].copy() for q in P}; Pm = {q: P[q].copy() for q in P}
        Pp[g][idx] += eps; Pm[g][idx] -= eps
        G[idx] = (run(P=Pp)[0] - run(P=Pm)[0])/(2*eps)
    return G
S = sum(dpre("f", s) @ cache[s]["xi"].T for s in range(T))
rep(153, "sum_t delta^(f)_t [h_{t-1},x_t]^T  vs FD dL/dW_f", S, fdW("f"), "pass")
def auth_delta_f(s):
    xi_s = cache[s]["xi"]; spf = sig(P["f"] @ xi_s)*(1-sig(P["f"] @ xi_s))   # sigma'(W_f xi), bias dropped (line 143)
    return Gc[s]*cs[s-1]*spf
Sa = sum(auth_delta_f(s) @ cache[s]["xi"].T for s in range(T))
rep(153, "  same sum with the author's delta^(f) of line 143 (bias dropped)", Sa, fdW("f"), "(diagnostic: error sits in 143)")

# ---- vanilla-RNN aside, lines 107 and 109: h_t = tanh(z_t), z_t = W_h h_{t-1} + W_x x_t + b,  L = sum_t ell_t
Wh, Wx, br = rng.normal(0, 0.8, (d, d)), rng.normal(0, 0.8, (d, k)), rng.normal(0, 0.3, (d, 1))
u = rng.normal(0, 1, (T, d, 1))
def rnn(h0=None, start=0, override=None):
    h = np.zeros((d, 1)) if h0 is None else h0; hs_, zs = {-1: h}, {}
    L = 0.0
    for s in range(start, T):
        zs[s] = Wh @ h + Wx @ X[s] + br; h = np.tanh(zs[s])
        if override is not None and override[0] == s: h = override[1]
        hs_[s] = h; L += float((u[s]*h).sum())       # ell_s = u_s . h_s
    return L, hs_, zs
_, rh, rz = rnn()
s = 1
Jtrue = np.zeros((d, d))
for j in range(d):
    e = np.zeros((d, 1)); e[j] = eps
    Jtrue[:, [j]] = (np.tanh(Wh @ (rh[s]+e) + Wx @ X[s+1] + br) - np.tanh(Wh @ (rh[s]-e) + Wx @ X[s+1] + br))/(2*eps)
phi = lambda zz: 1-np.tanh(zz)**2
auth = Wh.T @ np.diagflat(phi(rz[s]))
rep(107, "dh_{t+1}/dh_t = W_h^T diag(phi'(z_t))  vs FD Jacobian", auth, Jtrue, "fail")
Grh = {q: fdvec(lambda v: rnn(override=(q, v))[0], rh[q]) for q in range(T)}
rep(107, "  used inside line 103: auth^T dL/dh_{t+1} + dl_t/dh_t vs dL/dh_t", auth.T @ Grh[s+1] + u[s], Grh[s], "(diagnostic)")
rep(107, "  correct diag(phi'(z_{t+1})) W_h inside line 103", (np.diagflat(phi(rz[s+1])) @ Wh).T @ Grh[s+1] + u[s], Grh[s], "(diagnostic)")
prod = np.eye(d)
for q in range(0, T-1):                       # prod_{t=1}^{T-1} W_h^T diag(phi'(z_t)), paper indices 1..T-1 -> code 0..T-2
    prod = prod @ (Wh.T @ np.diagflat(phi(rz[q])))
rep(109, "prod_{t=1}^{T-1} W_h^T diag(phi'(z_t)) dL/dh_T  vs dL/dh_1", prod @ Grh[T-1], Grh[0], "fail")
# even restricted to ell_T only, the index is off by one:
def lT(v):
    h = v
    for q in range(1, T):
        h = np.tanh(Wh @ h + Wx @ X[q] + br)
    return float((u[T-1]*h).sum())
gT = fdvec(lT, rh[0])
rep(109, "  (same product) vs d ell_T/dh_1 only", prod @ u[T-1], gT, "(diagnostic)")
prod2 = np.eye(d)
for q in range(1, T):
    prod2 = prod2 @ (Wh.T @ np.diagflat(phi(rz[q])))
rep(109, "  shifted product prod W_h^T diag(phi'(z_{t+1})) vs d ell_T/dh_1", prod2 @ u[T-1], gT, "(diagnostic)")
