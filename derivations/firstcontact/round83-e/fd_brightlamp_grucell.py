# Finite-difference check of brightlamp_grucell.md (numpy only).
# Row layout: X^{(t)} is (m, n), H^{(t)} is (m, r); A = X W^T + a + ...; W_* (r, n), V_* (r, r), a_*, b_* (r,).
# Loss e = sum_t sum(F^{(t)} * H^{(t)}) so that de/dF^{(t)} (the upstream gradient of H^{(t)}) is F^{(t)}.
import numpy as np
rng = np.random.default_rng(1)
l, m, n, r = 3, 2, 4, 3
sig = lambda z: 1/(1+np.exp(-z))
def rel(a, b): return np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(a))+np.max(np.abs(b)))
def report(name, a, b):
    if a.shape != b.shape:
        print(f"{name:62s} DIFFER  shape {a.shape} vs true {b.shape}"); return
    rr = rel(a, b); print(f"{name:62s} {'AGREE' if rr < 1e-6 else 'DIFFER'}  rel={rr:.2e}")
def fd(f, P, eps=1e-6):
    g = np.zeros_like(P); it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = P[i]
        P[i] = o+eps; fp = f(); P[i] = o-eps; fm = f(); P[i] = o
        g[i] = (fp-fm)/(2*eps)
    return g
P = {}
for k in "ruc":
    P["W"+k] = rng.normal(size=(r, n)); P["V"+k] = rng.normal(size=(r, r))
    P["a"+k] = rng.normal(size=r); P["b"+k] = rng.normal(size=r)
X = rng.normal(size=(l, m, n)); H0 = rng.normal(size=(m, r)); F = rng.normal(size=(l, m, r))
def step(x, h):   # lines 27-34 / 59-66
    Ar = x@P["Wr"].T + P["ar"] + h@P["Vr"].T + P["br"]
    Au = x@P["Wu"].T + P["au"] + h@P["Vu"].T + P["bu"]
    gr, gu = sig(Ar), sig(Au)
    Ac = x@P["Wc"].T + P["ac"] + gr*(h@P["Vc"].T + P["bc"])
    gc = np.tanh(Ac)
    return (1-gu)*gc + gu*h, dict(gr=gr, gu=gu, gc=gc)
def loss():
    h = H0; e = 0
    for t in range(l):
        h, _ = step(X[t], h); e += np.sum(F[t]*h)
    return e
Hs = [H0]; C = []
for t in range(l):
    h, c = step(X[t], Hs[-1]); Hs.append(h); C.append(c)
# author's backward, iterating from the last step (lines 118-208)
dH = np.zeros((m, r)); grads = {k: np.zeros_like(v) for k, v in P.items()}
dX_author = np.zeros_like(X); dX_fixed = np.zeros_like(X); dWwrong = {k: np.zeros_like(P["V"+k]) for k in "ruc"}
da_author = {k: [] for k in "ruc"}
for t in reversed(range(l)):
    c, Hp, x = C[t], Hs[t], X[t]
    up = F[t] + dH                                    # (de/dF + de/dH)
    dgu = up*(-c["gc"] + Hp)                          # 123-127
    dgc = up*(1 - c["gu"])                            # 136-140
    dAu = dgu*c["gu"]*(1-c["gu"])                     # 149
    dAc = dgc*(1 - c["gc"]**2)                        # 151
    dgr = dAc*(Hp@P["Vc"].T + P["bc"])                # 160
    dAr = dgr*c["gr"]*(1-c["gr"])                     # 162
    dH = up*c["gu"] + dAr@P["Vr"] + dAu@P["Vu"] + (dAc*c["gr"])@P["Vc"]   # 168-172
    dX_author[t] = dAr@P["Wr"] + dAu@P["Wu"] + (dAc*c["gr"])@P["Wc"]        # 177 as written
    dX_fixed[t] = dAr@P["Wr"] + dAu@P["Wu"] + dAc@P["Wc"]
    for k, dA in (("r", dAr), ("u", dAu), ("c", dAc)):
        grads["W"+k] += dA.T@x                                           # 182-186, summed over steps
        grads["V"+k] += (dA*c["gr"] if k == "c" else dA).T@Hp           # 191-195 read as dV
        grads["a"+k] += dA.sum(0)
        grads["b"+k] += (dA*c["gr"] if k == "c" else dA).sum(0)
        da_author[k].append(np.sum(dA.T, axis=0))                        # 200-204 as written
dH0 = dH
report("lines 168-172 de/dH^{(0)}", dH0, fd(loss, H0))
report("line 177 de/dX as written ((dA_c*g_r) W_c)", dX_author, fd(loss, X))
report("line 177 with dA_c W_c instead", dX_fixed, fd(loss, X))
for k in "ruc":
    report(f"lines 182-186 de/dW_{k} (per-step, summed over steps)", grads["W"+k], fd(loss, P["W"+k]))
for k in "ruc":
    gV = fd(loss, P["V"+k]); gW = fd(loss, P["W"+k])
    report(f"lines 191-195 read as de/dV_{k}", grads["V"+k], gV)
    report(f"lines 191-195 as written, i.e. as de/dW_{k}", grads["V"+k], gW)
for k in "ruc":
    report(f"lines 200-204 de/da_{k} = sum(dA^T, axis=0)", sum(da_author[k]), fd(loss, P["a"+k]))
    report(f"   same with sum(dA, axis=0)", grads["a"+k], fd(loss, P["a"+k]))
for k in "ruc":
    report(f"line 208 de/da_{k} = de/db_{k}", fd(loss, P["a"+k]), fd(loss, P["b"+k]))
# line 78: GRUCell has no cell state; nothing to compute (shown in _notes)
# the single-step dg_u, dg_c, dA_u, dA_c, dg_r, dA_r rows are all exercised by the de/dW, de/dV, de/dH0 checks above
# tanh / sigmoid derivative rows (100, 106)
z = rng.normal(size=5); e = 1e-6
report("line 100 d tanh/dx = 1-y^2", 1-np.tanh(z)**2, (np.tanh(z+e)-np.tanh(z-e))/(2*e))
report("line 106 d sigmoid/dx = y(1-y)", sig(z)*(1-sig(z)), (sig(z+e)-sig(z-e))/(2*e))
# Affine rows 90-94 (A = X W^T + b), loss sum(G*A)
Xa, Wa, ba = rng.normal(size=(m, n)), rng.normal(size=(r, n)), rng.normal(size=r); Ga = rng.normal(size=(m, r))
fa = lambda: np.sum(Ga*(Xa@Wa.T + ba))
report("line 90 de/dX = grad_A W", Ga@Wa, fd(fa, Xa)); report("line 92 de/dW = grad_A^T X", Ga.T@Xa, fd(fa, Wa))
report("line 94 de/db = sum(grad_A, axis=0)", Ga.sum(0), fd(fa, ba))
