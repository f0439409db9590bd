# Finite-difference check of kjpou1_lstm_model.py (author's formulas copied as written).
import numpy as np
np.random.seed(0)

class SigmoidActivation:
    @staticmethod
    def forward(x): return 1 / (1 + np.exp(-x))
    @staticmethod
    def backward(x): return x * (1 - x)          # takes sigmoid OUTPUT (repo doc)
class TanhActivation:
    @staticmethod
    def forward(x): return np.tanh(x)
    @staticmethod
    def backward(x): return 1 - np.tanh(x) ** 2  # takes tanh INPUT (repo doc)

def lstm_cell_step(xt, a_prev, c_prev, p):
    concat = np.concatenate((a_prev, xt), axis=0)
    zf = np.dot(p["Wf"], concat) + p["bf"]; ft = SigmoidActivation.forward(zf)
    zi = np.dot(p["Wi"], concat) + p["bi"]; it = SigmoidActivation.forward(zi)
    cctf = np.dot(p["Wc"], concat) + p["bc"]; cct = TanhActivation.forward(cctf)
    c_next = ft * c_prev + it * cct
    zo = np.dot(p["Wo"], concat) + p["bo"]; ot = SigmoidActivation.forward(zo)
    a_next = ot * TanhActivation.forward(c_next)
    logits = np.dot(p["Wy"], a_next) + p["by"]
    return a_next, c_next, logits, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)

FIX = False
def lstm_step_backward(da_next, dc_next, cache):   # as written (lines 149-206)
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = cache
    Wf, Wi, Wc, Wo = p["Wf"], p["Wi"], p["Wc"], p["Wo"]
    n_a = a_next.shape[0]
    tanh_c_next = TanhActivation.forward(c_next)
    dtanh_c_next = TanhActivation.backward(c_next)
    dot = da_next * tanh_c_next * SigmoidActivation.backward(ot)
    dc_combined = dc_next + da_next * ot * dtanh_c_next
    dcct = dc_combined * it * TanhActivation.backward(cct)
    if FIX: dcct = dc_combined * it * (1 - cct**2)   # annotator: correct tanh' on the stored output
    dit = dc_combined * cct * SigmoidActivation.backward(it)
    dft = dc_combined * c_prev * SigmoidActivation.backward(ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    g = dict(dot=dot, dc_combined=dc_combined, dcct=dcct, dit=dit, dft=dft,
             dWf=dft @ concat.T, dWi=dit @ concat.T, dWc=dcct @ concat.T, dWo=dot @ concat.T,
             dbf=dft.sum(1, keepdims=True), dbi=dit.sum(1, keepdims=True),
             dbc=dcct.sum(1, keepdims=True), dbo=dot.sum(1, keepdims=True))
    dconcat = Wf.T @ dft + Wi.T @ dit + Wc.T @ dcct + Wo.T @ dot
    g["da_prev"] = dconcat[:n_a]; g["dxt"] = dconcat[n_a:]; g["dc_prev"] = dc_combined * ft
    return g

n_a, n_x, n_y, m = 3, 4, 2, 1
def params(scale=1.0):
    r = lambda s: np.random.randn(*s) * scale
    return {"Wf": r((n_a, n_a+n_x)), "bf": r((n_a,1)), "Wi": r((n_a, n_a+n_x)), "bi": r((n_a,1)),
            "Wc": r((n_a, n_a+n_x)), "bc": r((n_a,1)), "Wo": r((n_a, n_a+n_x)), "bo": r((n_a,1)),
            "Wy": r((n_y, n_a)), "by": r((n_y,1))}
import sys
FIX = "--fixed" in sys.argv
np.random.seed(0)
P = params(1.0)
rows = []
def rep(name, line, ana, num):
    err = np.max(np.abs(ana - num)) / max(1e-8, np.max(np.abs(num)))
    rows.append((line, name, err)); print(f"line {line:>3} {name:12s} rel.err {err:.2e} {'AGREE' if err < 1e-5 else 'DISAGREE'}")

def fd(f, arr, eps=1e-6):
    g = np.zeros_like(arr)
    for i in np.ndindex(arr.shape):
        o = arr[i]; arr[i] = o + eps; lp = f(); arr[i] = o - eps; lm = f(); arr[i] = o; g[i] = (lp - lm) / (2*eps)
    return g

# ---- single step: l = <Ga, a_next> + <Gc, c_next>
xt = np.random.randn(n_x, m); a_prev = np.random.randn(n_a, m); c_prev = np.random.randn(n_a, m)
Ga = np.random.randn(n_a, m); Gc = np.random.randn(n_a, m)
def l1():
    a, c, _, _ = lstm_cell_step(xt, a_prev, c_prev, P); return np.sum(Ga*a) + np.sum(Gc*c)
_, _, _, cache = lstm_cell_step(xt, a_prev, c_prev, P)
g = lstm_step_backward(Ga, Gc, cache)
print("single step (loss <Ga,a_t> + <Gc,c_t>):")
rep("dot(dL/dzo)", 168, g["dot"], fd(l1, P["bo"]))
# dc_combined = dL/dc_next total: perturb c_next holding gates fixed
ot = cache[7]
def lc(c): return np.sum(Ga*ot*np.tanh(c)) + np.sum(Gc*c)
cn = cache[1].copy(); rep("dc_combined", 171, g["dc_combined"], fd(lambda: lc(cn), cn))
rep("dcct(dL/dcctf)", 174, g["dcct"], fd(l1, P["bc"]))
rep("dit(dL/dzi)", 177, g["dit"], fd(l1, P["bi"]))
rep("dft(dL/dzf)", 180, g["dft"], fd(l1, P["bf"]))
for k, L in [("dWf",186),("dWi",187),("dWc",188),("dWo",189),("dbf",192),("dbi",193),("dbc",194),("dbo",195)]:
    rep(k, L, g[k], fd(l1, P[k[1:]]))
rep("da_prev", 202, g["da_prev"], fd(l1, a_prev))
rep("dxt", 203, g["dxt"], fd(l1, xt))
rep("dc_prev", 206, g["dc_prev"], fd(l1, c_prev))
# the candidate derivative alone: author uses 1-tanh(cct)^2, true is 1-cct^2
cct = cache[6]; print("   max|(1-tanh(cct)^2) - (1-cct^2)| =", np.max(np.abs(TanhActivation.backward(cct) - (1-cct**2))))

# ---- whole sequence via lstm_backwards logic (lines 275-320); loss = <Ga,a> + <Gy,logits>
T = 4
X = [np.random.randn(n_x, m) for _ in range(T)]
GA = np.random.randn(n_a, m, T); GY = np.random.randn(n_y, m, T); a0 = np.random.randn(n_a, m)
def run():
    a, c = a0, np.zeros_like(a0); caches = []; A = []; Lg = []
    for t in range(T):
        a, c, lg, ca = lstm_cell_step(X[t], a, c, P); caches.append(ca); A.append(a); Lg.append(lg)
    return caches, np.stack(A, 2), np.stack(Lg, 2)
def lseq():
    _, A, Lg = run(); return np.sum(GA*A) + np.sum(GY*Lg)
caches, A, Lg = run()
da = GA + np.einsum("ya,ymt->amt", P["Wy"], GY)     # caller supplies dL/da_t incl. output layer
da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
acc = {k: np.zeros_like(P[k[1:]]) for k in ["dWf","dWi","dWc","dWo","dbf","dbi","dbc","dbo"]}
dx = np.zeros((n_x, m, T))
for t in reversed(range(T)):
    da_curr = da[:, :, t] + da_prevt
    dc_curr = dc_prevt
    gg = lstm_step_backward(da_curr, dc_curr, caches[t])
    dx[:, :, t] = gg["dxt"]; da_prevt = gg["da_prev"]; dc_prevt = gg["dc_prev"]
    for k in acc: acc[k] += gg[k]
da0 = da_prevt
dWy = np.dot(GY.reshape(n_y, -1), A.reshape(n_a, -1).T); dby = np.sum(GY, axis=(1, 2)).reshape(-1, 1)
print("sequence T=4 (lstm_backwards):")
for k, L in [("dWf",286),("dWi",287),("dWc",288),("dWo",289),("dbf",290),("dbi",291),("dbc",292),("dbo",293)]:
    rep("sum "+k, L, acc[k], fd(lseq, P[k[1:]]))
rep("da0", 300, da0, fd(lseq, a0))
rep("dWy", 319, dWy, fd(lseq, P["Wy"])); rep("dby", 320, dby, fd(lseq, P["by"]))
rep("dx[:,:,0]", 281, dx[:, :, 0], fd(lseq, X[0]))

# ---- rerun with ONLY line 174 corrected: every other row must agree
import sys
if not FIX and "--fixed" not in sys.argv:
    import subprocess; print("\n=== rerun with line 174 corrected (1-cct**2) ==="); subprocess.run([sys.executable, __file__, "--fixed"]); sys.exit()
# ---- same with the repo's own init scale 0.01 (error becomes tiny, explains why the repo's tests pass)
P = params(0.01); _, _, _, cache = lstm_cell_step(xt, a_prev, c_prev, P); g = lstm_step_backward(Ga, Gc, cache)
print("with weights*0.01:"); rep("dcct(small W)", 174, g["dcct"], fd(l1, P["bc"]))
