# Finite-difference check of coursera_c5w1_lstm_zh.md (numpy only).
# Column layout: x_t (n_x,m), a (n_a,m); W* (n_a, n_a+n_x) acting on concat=[a_prev; x_t].
# Loss for the test: L = sum(Ga*a_next) + sum(Gc*c_next)  ->  da_next = Ga, dc_next = Gc
# (dc_next is the gradient arriving from step t+1 only, as in the source's lstm_cell_backward).
import numpy as np
rng = np.random.default_rng(0)
n_x, n_a, m = 3, 4, 2
sig = lambda u: 1/(1+np.exp(-u))
P = {k: rng.normal(size=(n_a, n_a+n_x)) for k in ["Wf","Wi","Wc","Wo"]}
P.update({k: rng.normal(size=(n_a,1)) for k in ["bf","bi","bc","bo"]})
xt = rng.normal(size=(n_x,m)); a_prev = rng.normal(size=(n_a,m)); c_prev = rng.normal(size=(n_a,m))
Ga = rng.normal(size=(n_a,m)); Gc = rng.normal(size=(n_a,m))

def fwd(P, xt, a_prev, c_prev, pre_shift=None):
    X = np.concatenate((a_prev, xt), 0)
    zf = P["Wf"]@X+P["bf"]; zi = P["Wi"]@X+P["bi"]; zc = P["Wc"]@X+P["bc"]; zo = P["Wo"]@X+P["bo"]
    if pre_shift is not None:
        k, E = pre_shift; d = {"f":zf,"i":zi,"c":zc,"o":zo}; d[k] = d[k]+E; zf,zi,zc,zo = d["f"],d["i"],d["c"],d["o"]
    ft, it, cct, ot = sig(zf), sig(zi), np.tanh(zc), sig(zo)
    c_next = ft*c_prev + it*cct          # eq (4), code line c_next
    a_next = ot*np.tanh(c_next)          # eq (6)
    return a_next, c_next, (ft, it, cct, ot, X)
def loss(*args, **kw):
    a, c, _ = fwd(*args, **kw); return np.sum(Ga*a)+np.sum(Gc*c)

def num(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old+eps; lp = f(); A[idx] = old-eps; lm = f(); A[idx] = old; g[idx] = (lp-lm)/(2*eps)
    return g
def num_pre(k):
    g = np.zeros((n_a,m))
    for idx in np.ndindex(g.shape):
        E = np.zeros((n_a,m)); E[idx] = 1e-6; lp = loss(P,xt,a_prev,c_prev,(k,E)); E[idx] = -1e-6; lm = loss(P,xt,a_prev,c_prev,(k,E)); g[idx] = (lp-lm)/2e-6
    return g

a_next, c_next, (ft, it, cct, ot, X) = fwd(P, xt, a_prev, c_prev)
da_next, dc_next = Ga, Gc
tc = np.tanh(c_next)
ref = {"o": num_pre("o"), "c": num_pre("c"), "i": num_pre("i"), "f": num_pre("f")}
ref_W = {k: num(lambda: loss(P,xt,a_prev,c_prev), P[k]) for k in ["Wf","Wi","Wc","Wo"]}
ref_b = {k: num(lambda: loss(P,xt,a_prev,c_prev), P[k]) for k in ["bf","bi","bc","bo"]}
ref_a = num(lambda: loss(P,xt,a_prev,c_prev), a_prev)
ref_cprev = num(lambda: loss(P,xt,a_prev,c_prev), c_prev)
ref_x = num(lambda: loss(P,xt,a_prev,c_prev), xt)

def rep(name, val, refv):
    if val.shape != refv.shape:
        print(f"{name:55s} SHAPE MISMATCH {val.shape} vs {refv.shape} -> DISAGREES"); return
    err = np.max(np.abs(val-refv))/(np.max(np.abs(refv))+1e-12)
    print(f"{name:55s} rel.err {err:9.2e} -> {'agrees' if err<1e-5 else 'DISAGREES'}")

print("== markdown equations (5.1, 5.2), read literally with * and juxtaposition elementwise ==")
rep("L141 eq(7)  dGamma_o", da_next*tc*ot*(1-ot), ref["o"])
rep("L143 eq(8)  dc~ (literal precedence, Gamma_i=i_t)", dc_next*it + ot*(1-tc**2)*it*da_next*cct*(1-np.tanh(cct)**2), ref["c"])
rep("L143 eq(8)  even with parentheses around the sum", (dc_next*it + ot*(1-tc**2)*it*da_next)*cct*(1-np.tanh(cct)**2), ref["c"])
rep("L145 eq(9)  dGamma_u (literal precedence)", dc_next*cct + ot*(1-tc**2)*cct*da_next*it*(1-it), ref["i"])
rep("L147 eq(10) dGamma_f (literal, c~_prev read as c~^<t>)", dc_next*cct + ot*(1-tc**2)*c_prev*da_next*ft*(1-ft), ref["f"])
rep("L147 eq(10) dGamma_f (literal, c~_prev read as c_prev)", dc_next*c_prev + ot*(1-tc**2)*c_prev*da_next*ft*(1-ft), ref["f"])
rep("L151 eq(11) dW_f = dGamma_f [a;x]^T (true dGamma_f)", ref["f"]@X.T, ref_W["Wf"])
rep("L153 eq(12) dW_u", ref["i"]@X.T, ref_W["Wi"])
rep("L155 eq(13) dW_c", ref["c"]@X.T, ref_W["Wc"])
rep("L157 eq(14) dW_o", ref["o"]@X.T, ref_W["Wo"])
full = P["Wf"].T@ref["f"] + P["Wi"].T@ref["i"] + P["Wc"].T@ref["c"] + P["Wo"].T@ref["o"]
rep("L165 eq(15) da_prev with full W^T", full, ref_a)
Wsl = {k: P[k][n_a:, :] for k in P if k.startswith("W")}
rep("L165+L169 eq(15) with W = W[n_a:,:] as stated", sum(Wsl[k].T@ref[g] for k,g in [("Wf","f"),("Wi","i"),("Wc","c"),("Wo","o")]) if Wsl["Wf"].size else np.zeros((0,m)), ref_a)
rep("L167 eq(17) dx with full W^T", full, ref_x)
print("== code of lstm_cell_backward ==")
dot = da_next * np.tanh(c_next) * ot * (1 - ot)
dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
rep("L205 dot", dot, ref["o"]); rep("L206 dcct", dcct, ref["c"]); rep("L207 dit", dit, ref["i"]); rep("L208 dft", dft, ref["f"])
concat = np.concatenate((a_prev, xt), axis=0).T
for ln,k,g in [(212,"Wf",dft),(213,"Wi",dit),(214,"Wc",dcct),(215,"Wo",dot)]: rep(f"L{ln} d{k}", np.dot(g, concat), ref_W[k])
for ln,k,g in [(216,"bf",dft),(217,"bi",dit),(218,"bc",dcct),(219,"bo",dot)]: rep(f"L{ln} d{k}", np.sum(g,axis=1,keepdims=True), ref_b[k])
n=n_a
da_prev = np.dot(P["Wf"][:, :n].T, dft) + np.dot(P["Wc"][:, :n].T, dcct) +  np.dot(P["Wi"][:, :n].T, dit) + np.dot(P["Wo"][:, :n].T, dot)
dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
dxt = np.dot(P["Wf"][:, n:].T, dft) + np.dot(P["Wc"][:, n:].T, dcct) +  np.dot(P["Wi"][:, n:].T, dit) + np.dot(P["Wo"][:, n:].T, dot)
rep("L223 da_prev", da_prev, ref_a); rep("L225 dc_prev", dc_prev, ref_cprev); rep("L227 dxt", dxt, ref_x)
