# Finite-difference check of brightlamp_lstmcell.md (numpy only).
# Row layout: X^{(t)} (m, n), H, C (m, r); A = X W^T + a + H V^T + b; loss e = sum_t sum(F^{(t)} * H^{(t)}), D = 0.
import numpy as np
rng = np.random.default_rng(2)
L, m, n, r = 4, 2, 3, 3
sig = lambda z: 1/(1+np.exp(-z))
def rel(a, b): return np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(a))+np.max(np.abs(b)))
def report(name, a, b):
    rr = rel(a, b); print(f"{name:64s} {'AGREE' if rr < 1e-6 else 'DIFFER'}  rel={rr:.2e}")
def fd(f, P, eps=1e-6):
    g = np.zeros_like(P); it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = P[i]
        P[i] = o+eps; fp = f(); P[i] = o-eps; fm = f(); P[i] = o
        g[i] = (fp-fm)/(2*eps)
    return g
P = {}
for k in "ifoc":
    P["W"+k] = rng.normal(size=(r, n)); P["V"+k] = rng.normal(size=(r, r)); P["a"+k] = rng.normal(size=r); P["b"+k] = rng.normal(size=r)
X = rng.normal(size=(L, m, n)); H0 = rng.normal(size=(m, r)); C0 = rng.normal(size=(m, r)); F = rng.normal(size=(L, m, r))
def step(x, h, c):   # lines 28-37 / 62-72
    A = {k: x@P["W"+k].T + P["a"+k] + h@P["V"+k].T + P["b"+k] for k in "ifoc"}
    g = {k: sig(A[k]) for k in "ifo"}; g["c"] = np.tanh(A["c"])
    Cn = g["i"]*g["c"] + g["f"]*c
    return g["o"]*np.tanh(Cn), Cn, g
def loss():
    h, c, e = H0, C0, 0
    for t in range(L):
        h, c, _ = step(X[t], h, c); e += np.sum(F[t]*h)
    return e
Hs, Cs, Gs = [H0], [C0], [None]
for t in range(L):
    h, c, g = step(X[t], Hs[-1], Cs[-1]); Hs.append(h); Cs.append(c); Gs.append(g)
T = [None] + [Gs[k]["o"]*(1-np.tanh(Cs[k])**2) for k in range(1, L+1)]    # line 126
def backward(literal155):
    grads = {k: np.zeros_like(v) for k, v in P.items()}
    dH = np.zeros((m, r)); dC = np.zeros((m, r)); D = np.zeros((m, r))
    for k in range(L, 0, -1):
        up = F[k-1] + dH if k < L else F[k-1]                      # (de/dF + de/dH)
        dCin = dC if k < L else 0
        Gk = {"i": Gs[k]["c"], "f": Cs[k-1], "c": Gs[k]["i"]}   # the g/G table
        Tk, Gt = T[k], Gk
        if literal155 and k == L-2:                            # line 155 as written: T^{(l-1)} G^{(l-1)}
            Tk = T[k+1]; Gt = {"i": Gs[k+1]["c"], "f": Cs[k], "c": Gs[k+1]["i"]}
        dg = {q: up*Tk*Gt[q] + (D+dCin)*Gk[q] for q in "ifc"}  # lines 151-157
        dg["o"] = up*np.tanh(Cs[k])                            # lines 188-194
        dA = {q: dg[q]*Gs[k][q]*(1-Gs[k][q]) for q in "ifo"}   # 199-203
        dA["c"] = dg["c"]*(1-Gs[k]["c"]**2)                    # 205
        dC = up*T[k]*Gs[k]["f"] + (D+dCin)*Gs[k]["f"]          # lines 130-141
        dH = sum(dA[q]@P["V"+q] for q in "ifoc")               # 228-238
        for q in "ifoc":
            grads["W"+q] += dA[q].T@X[k-1]                      # 244-250, 265
            grads["V"+q] += dA[q].T@Hs[k-1]                     # 255-261, 267
            grads["a"+q] += dA[q].sum(0)                        # 273-279, 283
            grads["b"+q] += dA[q].sum(0)                        # 288
    dX1 = sum(dA[q]@P["W"+q] for q in "ifoc")                  # 212-224 at step 1
    return grads, dH, dC, dX1
g_ok, dH0, dC0, dX1 = backward(False)
g_lit, *_ = backward(True)
report("lines 130-141 de/dC^{(0)}", dC0, fd(loss, C0))
report("lines 228-238 de/dH^{(0)}", dH0, fd(loss, H0))
gX = fd(loss, X)
report("lines 212-224 de/dX^{(1)}", dX1, gX[0])
for q in "ifoc":
    report(f"lines 244-250+265 de/dW_{q} (all rows correct indices)", g_ok["W"+q], fd(loss, P["W"+q]))
    report(f"lines 255-261+267 de/dV_{q}", g_ok["V"+q], fd(loss, P["V"+q]))
    report(f"lines 273-283 de/da_{q}", g_ok["a"+q], fd(loss, P["a"+q]))
    report(f"line 288 de/db_{q} = de/da_{q}", g_ok["b"+q], fd(loss, P["b"+q]))
for q in "ifc":
    report(f"line 155 as written (T^(l-1)G^(l-1) at step l-2): de/dW_{q}", g_lit["W"+q], fd(loss, P["W"+q]))
z = rng.normal(size=5); e = 1e-6
report("line 106 d tanh/dx = 1-y^2", 1-np.tanh(z)**2, (np.tanh(z+e)-np.tanh(z-e))/(2*e))
report("line 112 d sigmoid/dx = y(1-y)", sig(z)*(1-sig(z)), (sig(z+e)-sig(z-e))/(2*e))
