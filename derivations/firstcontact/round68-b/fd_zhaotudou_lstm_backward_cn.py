# Finite-difference check of zhaotudou_lstm_backward_cn.md (Coursera C5W1 v1 LSTM, column layout).
import numpy as np
rng = np.random.default_rng(0)
def sigmoid(x): return 1/(1+np.exp(-x))
def softmax(x): e=np.exp(x-x.max(0,keepdims=True)); return e/e.sum(0,keepdims=True)
n_x, n_a, n_y, m, T = 3, 5, 2, 4, 4
P = {k: rng.normal(size=(n_a, n_a+n_x)) for k in ["Wf","Wi","Wc","Wo"]}
P.update({k: rng.normal(size=(n_a,1)) for k in ["bf","bi","bc","bo"]})
P["Wy"] = rng.normal(size=(n_y,n_a)); P["by"] = rng.normal(size=(n_y,1))

def cell(xt, a_prev, c_prev, P, eps=None):
    # author's lstm_cell_forward (lines 98-111); eps: optional additive perturbation of the pre-activations
    eps = eps or {}
    concat = np.concatenate((a_prev, xt), 0)
    zf = P["Wf"]@concat+P["bf"]+eps.get("f",0); zi = P["Wi"]@concat+P["bi"]+eps.get("i",0)
    zc = P["Wc"]@concat+P["bc"]+eps.get("c",0); zo = P["Wo"]@concat+P["bo"]+eps.get("o",0)
    ft, it, cct, ot = sigmoid(zf), sigmoid(zi), np.tanh(zc), sigmoid(zo)
    c_next = ft*c_prev+it*cct; a_next = ot*np.tanh(c_next)
    return a_next, c_next, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, P)

def fd(f, X, h=1e-6):
    G = np.zeros_like(X); it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = X[i]
        X[i] = o+h; fp = f(); X[i] = o-h; fm = f(); X[i] = o; G[i] = (fp-fm)/(2*h)
    return G

def rep(name, a, b):
    if a.shape != b.shape:
        print(f"{name:55s} DISAGREE (shape {a.shape} vs true {b.shape})"); return
    err = np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12)
    print(f"{name:55s} {'agree' if err<1e-5 else 'DISAGREE'}  rel.err={err:.2e}")

# ---------- one cell: J = sum(DA*a_next) + sum(DC*c_next), so da_next=DA, dc_next=DC
xt = rng.normal(size=(n_x,m)); a_prev = rng.normal(size=(n_a,m)); c_prev = rng.normal(size=(n_a,m))
DA = rng.normal(size=(n_a,m)); DC = rng.normal(size=(n_a,m))
def J(eps=None):
    a,c,_ = cell(xt,a_prev,c_prev,P,eps); return np.sum(DA*a)+np.sum(DC*c)
true = {}
for g in "fico":
    E = np.zeros((n_a,m)); true[g] = fd(lambda: J({g:E}), E)
for k in ["Wf","Wi","Wc","Wo","bf"]:
    true[k] = fd(lambda: J(), P[k])
true["a_prev"] = fd(lambda: J(), a_prev); true["c_prev"] = fd(lambda: J(), c_prev); true["xt"] = fd(lambda: J(), xt)

a_next, c_next, cache = cell(xt,a_prev,c_prev,P)
(_, _, _, _, ft, it, cct, ot, _, _) = cache
da_next, dc_next = DA, DC
th = np.tanh(c_next)
print("--- markdown equations (7)-(17), lines 198-217")
rep("L198 (7) dGamma_o", da_next*th*ot*(1-ot), true["o"])
rep("L200 (8) dc~ as written", dc_next*it + ot*(1-th**2)*it*da_next*cct*(1-np.tanh(cct)**2), true["c"])
rep("L202 (9) dGamma_u as written", dc_next*cct + ot*(1-th**2)*cct*da_next*it*(1-it), true["i"])
rep("L204 (10) dGamma_f as written (c~_prev read as c_prev)", dc_next*c_prev + ot*(1-th**2)*c_prev*da_next*ft*(1-ft), true["f"])
concat = np.concatenate((a_prev, xt), 0)
rep("L207 (11) dW_f = dGamma_f [a;x]^T (true dGamma_f)", true["f"]@concat.T, true["Wf"])
rep("L208 (12) dW_u", true["i"]@concat.T, true["Wi"])
rep("L209 (13) dW_c", true["c"]@concat.T, true["Wc"])
rep("L210 (14) dW_o", true["o"]@concat.T, true["Wo"])
daprev15 = sum(P[W][:, :n_a].T@true[g] for W,g in [("Wf","f"),("Wi","i"),("Wc","c"),("Wo","o")])
rep("L212 (15) da_prev with W[:, :n_a]", daprev15, true["a_prev"])
rep("L213 hint W_f=W_f[:n_a,:] in (15)", sum(P[W][:n_a, :].T@true[g] for W,g in [("Wf","f"),("Wi","i"),("Wc","c"),("Wo","o")]), true["a_prev"])
rep("L215 (16) dc_prev", dc_next*ft + ot*(1-th**2)*ft*da_next, true["c_prev"])
rep("L216 (17) dx with W[:, n_a:]", sum(P[W][:, n_a:].T@true[g] for W,g in [("Wf","f"),("Wi","i"),("Wc","c"),("Wo","o")]), true["xt"])
try:
    rep("L217 hint W_f=W_f[n_a:,:] in (17)", sum(P[W][n_a:, :].T@true[g] for W,g in [("Wf","f"),("Wi","i"),("Wc","c"),("Wo","o")]), true["xt"])
except ValueError:
    print(f"{'L217 hint W_f=W_f[n_a:,:] in (17)':55s} DISAGREE (W_f[n_a:,:] is empty: shape {P['Wf'][n_a:,:].shape}, product undefined)")

print("--- code lstm_cell_backward, lines 256-274")
dot = da_next* np.tanh(c_next)* ot*(1-ot)
dcct = (dc_next* it+ot*(1-np.square(np.tanh(c_next)))*it*da_next)*(1-np.square(cct))
dit = (dc_next * cct+ ot*(1-np.square(np.tanh(c_next)))*cct*da_next)*it*(1-it)
dft = (dc_next* c_prev+ot*(1-np.square(np.tanh(c_next)))*c_prev*da_next)*ft*(1-ft)
rep("L256 dot", dot, true["o"]); rep("L257 dcct", dcct, true["c"]); rep("L258 dit", dit, true["i"]); rep("L259 dft", dft, true["f"])
rep("L262 dWf", np.dot(dft,np.concatenate((a_prev, xt), axis=0).T), true["Wf"])
rep("L263 dWi", np.dot(dit,np.concatenate((a_prev, xt), axis=0).T), true["Wi"])
rep("L264 dWc", np.dot(dcct,np.concatenate((a_prev, xt), axis=0).T), true["Wc"])
rep("L265 dWo", np.dot(dot,np.concatenate((a_prev, xt), axis=0).T), true["Wo"])
rep("L266 dbf", np.sum(dft,axis=1,keepdims=True), true["bf"])
da_prev = np.dot(P['Wf'][:,:n_a].T,dft)+np.dot(P['Wi'][:,:n_a].T,dit)+np.dot(P['Wc'][:,:n_a].T,dcct)+np.dot(P['Wo'][:,:n_a].T,dot)
dc_prev = dc_next*ft+ot*(1-np.square(np.tanh(c_next)))*ft*da_next
dxt = np.dot(P['Wf'][:,n_a:].T,dft)+np.dot(P['Wi'][:,n_a:].T,dit)+np.dot(P['Wc'][:,n_a:].T,dcct)+np.dot(P['Wo'][:,n_a:].T,dot)
rep("L272 da_prev", da_prev, true["a_prev"]); rep("L273 dc_prev", dc_prev, true["c_prev"]); rep("L274 dxt", dxt, true["xt"])

def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, P) = cache
    n_a = a_next.shape[0]
    dot = da_next* np.tanh(c_next)* ot*(1-ot)
    dcct = (dc_next* it+ot*(1-np.square(np.tanh(c_next)))*it*da_next)*(1-np.square(cct))
    dit = (dc_next * cct+ ot*(1-np.square(np.tanh(c_next)))*cct*da_next)*it*(1-it)
    dft = (dc_next* c_prev+ot*(1-np.square(np.tanh(c_next)))*c_prev*da_next)*ft*(1-ft)
    cc = np.concatenate((a_prev, xt), axis=0)
    return {"dWf": dft@cc.T, "dxt": sum(P[W][:,n_a:].T@g for W,g in [("Wf",dft),("Wi",dit),("Wc",dcct),("Wo",dot)]),
            "da_prev": sum(P[W][:,:n_a].T@g for W,g in [("Wf",dft),("Wi",dit),("Wc",dcct),("Wo",dot)]),
            "dc_prev": dc_next*ft+ot*(1-np.tanh(c_next)**2)*ft*da_next}

print("--- sequence: lstm_forward + lstm_backward, J = sum(da * a) over all steps (lines 337-352)")
x = rng.normal(size=(n_x,m,T)); a0 = rng.normal(size=(n_a,m)); DAs = rng.normal(size=(n_a,m,T))
def seq():
    a_next, c_next, caches, A = a0, np.zeros((n_a,m)), [], np.zeros((n_a,m,T))
    for t in range(T):
        a_next, c_next, cache = cell(x[:,:,t], a_next, c_next, P); A[:,:,t] = a_next; caches.append(cache)
    return A, caches
JS = lambda: np.sum(DAs*seq()[0])
tWf = fd(JS, P["Wf"]); ta0 = fd(JS, a0); tx = fd(JS, x)
A, caches = seq()
# author's loop: da_prevt, dc_prevt stay zero (never updated)
da_prevt = np.zeros((n_a,m)); dc_prevt = np.zeros((n_a,m)); dWf = 0; dx = np.zeros_like(x)
for t in reversed(range(T)):
    gradients = lstm_cell_backward(DAs[:, :, t]+da_prevt, dc_prevt, caches[t])
    dx[:,:,t] = gradients["dxt"]; dWf = dWf + gradients["dWf"]
da0 = gradients["da_prev"]
rep("L340/343 author loop: total dWf", dWf, tWf)
rep("L342 author loop: dx", dx, tx)
rep("L352 author loop: da0", da0, ta0)
# same loop with the recursion carried (da_prevt, dc_prevt updated): confirms the fault is the missing update
da_prevt = np.zeros((n_a,m)); dc_prevt = np.zeros((n_a,m)); dWf = 0
for t in reversed(range(T)):
    gradients = lstm_cell_backward(DAs[:, :, t]+da_prevt, dc_prevt, caches[t])
    dWf = dWf + gradients["dWf"]; da_prevt, dc_prevt = gradients["da_prev"], gradients["dc_prev"]
rep("(reference) loop with da_prevt/dc_prevt carried: dWf", dWf, tWf)
rep("(reference) loop with recursion: da0", gradients["da_prev"], ta0)
