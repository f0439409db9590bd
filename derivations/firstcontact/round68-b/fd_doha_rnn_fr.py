# Finite-difference check of doha_rnn_fr.md (vanilla char RNN, column vectors, softmax + summed cross-entropy).
import numpy as np
rng = np.random.default_rng(2)
V, H = 6, 5
X = [None, 2, 4, 1, 3]          # inputs (first is None -> zero vector, as in the notebook when X[t] is None)
Y = [2, 4, 1, 3, 0]             # targets
P = {"Wax": rng.normal(size=(H,V))*0.5, "Waa": rng.normal(size=(H,H))*0.5, "Wya": rng.normal(size=(V,H))*0.5,
     "ba": rng.normal(size=(H,1))*0.1, "by": rng.normal(size=(V,1))*0.1}
a_prev = rng.normal(size=(H,1))*0.3

def softmax(x):                  # lines 112-116
    x = x - np.max(x); p = np.exp(x); return p / np.sum(p)
def forward(P):                  # lines 141-165
    x, a, y = {}, {}, {}
    a[-1] = np.copy(a_prev)
    for t in range(len(X)):
        x[t] = np.zeros((V,1))
        if X[t] is not None: x[t][X[t]] = 1
        a[t] = np.tanh(P["Wax"]@x[t] + P["Waa"]@a[t-1] + P["ba"])
        y[t] = softmax(P["Wya"]@a[t] + P["by"])
    return x, a, y
def loss(P):                     # line 232
    _, _, y = forward(P); return sum(-np.log(y[t][Y[t], 0]) for t in range(len(X)))
def fd(f, A, h=1e-6):
    G = np.zeros_like(A); it = np.nditer(A, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = A[i]; A[i] = o+h; fp = f(); A[i] = o-h; fm = f(); A[i] = o; G[i] = (fp-fm)/(2*h)
    return G
def rep(name, a, b):
    err = np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12)
    print(f"{name:58s} {'agree' if err<1e-5 else 'DISAGREE'}  rel.err={err:.2e}")

true = {k: fd(lambda: loss(P), P[k]) for k in P}
# softmax helper vs exp/sum definition
z = rng.normal(size=(V,1)); rep("L112-116 softmax (shifted) = exp(z)/sum exp(z)", softmax(z), np.exp(z)/np.exp(z).sum())
# dL/dz_y check for line 195-196
x, a, y = forward(P)
t0 = 3
def Jz(E):
    xx, aa, yy = forward(P)   # perturb output pre-activation at t0 only
    return -np.log(softmax(P["Wya"]@aa[t0] + P["by"] + E)[Y[t0],0])
E = np.zeros((V,1)); dz_true = fd(lambda: Jz(E), E)
dy_preds = np.copy(y[t0]); dy_preds[Y[t0]] -= 1
rep("L195-196 dy_preds = y - onehot (dL_t/dz_y)", dy_preds, dz_true)

def backward(P, clip):           # lines 190-216, gradients start at zero (fresh object)
    g = {k: np.zeros_like(P[k]) for k in P}
    da_next = np.zeros_like(a[0])
    for t in reversed(range(len(X))):
        dy_preds = np.copy(y[t]); dy_preds[Y[t]] -= 1
        da = np.dot(P["Waa"].T, da_next) + np.dot(P["Wya"].T, dy_preds)
        dtanh = (1 - np.power(a[t], 2))
        da_unactivated = dtanh * da
        g["ba"] += da_unactivated
        g["Wax"] += np.dot(da_unactivated, x[t].T)
        g["Waa"] += np.dot(da_unactivated, a[t - 1].T)
        da_next = da_unactivated
        g["Wya"] += np.dot(dy_preds, a[t].T)
        if clip:
            for k in ["Wax","Waa","Wya","ba","by"]: np.clip(g[k], -1, 1, out=g[k])
    return g
g = backward(P, clip=False)
print("--- author's backward without the in-loop clipping (lines 199-212)")
rep("L204 dba  (sum over t of da_unactivated)", g["ba"], true["ba"])
rep("L205 dWax", g["Wax"], true["Wax"])
rep("L206 dWaa (uses a[t-1])", g["Waa"], true["Waa"])
rep("L212 dWya", g["Wya"], true["Wya"])
print(f"{'dby is never accumulated (no line): author value 0 vs true':58s} max|true dby|={np.abs(true['by']).max():.3f}  author max|dby|={np.abs(g['by']).max():.3f}")
# check that da_unactivated equals dL/d(pre-activation of a[t]) for each t (lines 199-201, 209)
print("--- per-step quantities")
def Jpre(tp, E):
    xx, aa, yy = {}, {}, {}
    aa[-1] = np.copy(a_prev); L = 0
    for t in range(len(X)):
        xx = np.zeros((V,1))
        if X[t] is not None: xx[X[t]] = 1
        aa[t] = np.tanh(P["Wax"]@xx + P["Waa"]@aa[t-1] + P["ba"] + (E if t == tp else 0))
        L += -np.log(softmax(P["Wya"]@aa[t] + P["by"])[Y[t],0])
    return L
da_next = np.zeros_like(a[0]); ok = True
for t in reversed(range(len(X))):
    dy_preds = np.copy(y[t]); dy_preds[Y[t]] -= 1
    da = np.dot(P["Waa"].T, da_next) + np.dot(P["Wya"].T, dy_preds)
    da_unactivated = (1 - np.power(a[t], 2)) * da
    E = np.zeros((H,1)); tr = fd(lambda: Jpre(t, E), E)
    rep(f"L199-201 da_unactivated at t={t} vs dL/d(pre-act a[{t}])", da_unactivated, tr)
    da_next = da_unactivated
print("--- effect of the in-loop clipping (line 216), larger weights")
for k in P: P[k] *= 4
x, a, y = forward(P)
true = {k: fd(lambda: loss(P), P[k]) for k in P}
gc = backward(P, clip=True)
rep("dWaa with per-step clipping of the partial sums", gc["Waa"], true["Waa"])
rep("dWaa compared with clip(true dWaa, -1, 1)", gc["Waa"], np.clip(true["Waa"], -1, 1))
