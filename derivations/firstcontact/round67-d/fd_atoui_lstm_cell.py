# Finite-difference check of atoui_lstm_cell.md (mohamedAtoui/LSTM-from-SCRATCH, LSTMcell.py + utils.py).
# The two python fences of the note are executed unchanged (author's code); the checks feed them
# with correct upstream quantities where needed to isolate each line.
# Author's forward (column vectors, scalar input x_t, H[t+1]=h_t, C[t+1]=c_t, H[0]=C[0]=0):
#   f=sig(Uf x+Wf h_{t-1}+bf), i=sig(..), o=sig(..), g=tanh(Ug x+Wg h_{t-1}+bg)
#   c_t = f*c_{t-1} + i*g ; h_t = tanh(c_t)*o
# Head (Dataset.py): Y_hat = Dense2(Dense1(H[1:])) row-wise ; L = 0.5*sum (Y_hat-Y)^2 ; dvalues = dL/dh_t rows
import numpy as np, re, sys, types, os

md = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "atoui_lstm_cell.md")).read()
fences = re.findall(r"```python\n(.*?)```", md, re.S)
utils = types.ModuleType("utils"); exec(fences[1], utils.__dict__); sys.modules["utils"] = utils
src = types.ModuleType("LSTMcell"); exec(fences[0], src.__dict__)

np.random.seed(1)
n, T = 3, 6
X = np.random.randn(T, 1)
Y = np.random.randn(T, 1)
net = src.LSTM(n)
P = {}
for g in "fiog":
    P["U" + g] = np.random.randn(n, 1) * 0.8
    P["W" + g] = np.random.randn(n, n) * 0.8
    P["b" + g] = np.random.randn(n, 1) * 0.8
d1 = src.Layer_Dense(n, T); d2 = src.Layer_Dense(T, 1)
d1.biases = np.random.randn(*d1.biases.shape) * 0.1; d2.weights = np.random.randn(T, 1)

def sig(z): return 1 / (1 + np.exp(-z))

# my own forward with perturbation hook: hook(t, name, value) -> value
def fwd(P, hook=lambda t, k, v: v):
    h = np.zeros((n, 1)); c = np.zeros((n, 1)); hs = []; st = []
    for t in range(T):
        x = X[t, 0]
        pre = {g: hook(t, "a" + g, P["U" + g] * x + P["W" + g] @ h + P["b" + g]) for g in "fiog"}
        f = hook(t, "f", sig(pre["f"])); i = hook(t, "i", sig(pre["i"]))
        o = hook(t, "o", sig(pre["o"])); gg = hook(t, "g", np.tanh(pre["g"]))
        c_prev = c
        c = hook(t, "c", f * c + i * gg)
        h = hook(t, "h", np.tanh(c) * o)
        hs.append(h); st.append(dict(f=f, i=i, o=o, g=gg, c=c, c_prev=c_prev, h=h, pre=pre))
    Hm = np.hstack(hs).T
    yh = (Hm @ d1.weights + d1.biases) @ d2.weights + d2.biases
    return 0.5 * np.sum((yh - Y) ** 2), st, hs

def fd_param(name, eps=1e-6):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += eps; Lp = fwd(Q)[0]
        Q[name][idx] -= 2 * eps; Lm = fwd(Q)[0]
        G[idx] = (Lp - Lm) / (2 * eps)
    return G

def fd_state(t0, key, eps=1e-6):
    _, st, _ = fwd(P)
    shape = st[t0]["pre"]["f"].shape
    G = np.zeros(shape)
    for idx in np.ndindex(shape):
        def hk(s):
            def hook(t, k, v):
                if t == t0 and k == key:
                    v = v.copy(); v[idx] += s
                return v
            return hook
        G[idx] = (fwd(P, hk(eps))[0] - fwd(P, hk(-eps))[0]) / (2 * eps)
    return G

L0, st, hs = fwd(P)
def ok(a, b): return np.allclose(a, b, atol=1e-6, rtol=1e-5)
def report(line, what, a, ref):
    print(f"line {line:4d}  {what:66s} {'AGREE' if ok(a, ref) else 'DISAGREE'}  (max|diff| {np.max(np.abs(a-ref)):.2e})")

# ---- run the author's forward and check it against mine
for k, v in P.items(): setattr(net, k, v.copy())
net.forward(X)
report(131, "author's forward h_t (lines 107-131) vs my forward", np.hstack(net.H[1:]), np.hstack(hs))
report(128, "author's c_t", np.hstack(net.C[1:]), np.hstack([s["c"] for s in st]))

# ---- helpers (utils fence) and dense layer
z = np.random.randn(n, 1); v = np.random.randn(n, 1)
a = utils.TanH(); a.forward(z); a.backward(v)
report(265, "TanH.backward (1-tanh^2)*dvalues vs FD", a.dinputs, np.array([(np.sum(np.tanh(z + e) * v) - np.sum(np.tanh(z - e) * v)) / 2e-6 for e in np.eye(n)[:, :, None] * 1e-6]).reshape(n, 1))
s_ = utils.Sigmoid(); s_.forward(z); s_.backward(v)
report(279, "Sigmoid.backward sig(1-sig)*dvalues vs FD", s_.dinputs, np.array([(np.sum(sig(z + e) * v) - np.sum(sig(z - e) * v)) / 2e-6 for e in np.eye(n)[:, :, None] * 1e-6]).reshape(n, 1))
Hm = np.hstack(hs).T
d1.forward(Hm); d2.forward(d1.output); dY = d2.output - Y
report(244, "Dense chain forward = my head", d2.output, (Hm @ d1.weights + d1.biases) @ d2.weights + d2.biases)
d2.backward(dY); d1.backward(d2.dinputs)
dh_direct = d1.dinputs  # dvalues passed to lstm.backward
def L_of_H(Hx): return 0.5 * np.sum(((Hx @ d1.weights + d1.biases) @ d2.weights + d2.biases - Y) ** 2)
gH = np.zeros_like(Hm)
for idx in np.ndindex(Hm.shape):
    E = np.zeros_like(Hm); E[idx] = 1e-6; gH[idx] = (L_of_H(Hm + E) - L_of_H(Hm - E)) / 2e-6
report(250, "Dense dinputs chain = direct dL/dh_t", dh_direct, gH)
W1 = d1.weights.copy()
gW1 = np.zeros_like(W1)
for idx in np.ndindex(W1.shape):
    d1.weights = W1.copy(); d1.weights[idx] += 1e-6; Lp = L_of_H(Hm)
    d1.weights = W1.copy(); d1.weights[idx] -= 1e-6; Lm = L_of_H(Hm)
    gW1[idx] = (Lp - Lm) / 2e-6
d1.weights = W1
report(248, "Dense1 dweights = inputs.T @ dvalues", d1.dweights, gW1)
report(249, "Dense2 dbiases = sum(dvalues) (= sum dY)", d2.dbiases, np.sum(dY, axis=0, keepdims=True))

# ---- true gradients by FD
dh = [fd_state(t, "h") for t in range(T)]          # total dL/dh_t
dc = [fd_state(t, "c") for t in range(T)]          # total dL/dc_t
dA = {g: [fd_state(t, "a" + g) for t in range(T)] for g in "fiog"}   # dL/d(pre-activation)
dG = {g: [fd_state(t, g) for t in range(T)] for g in "fiog"}          # dL/d(gate value)
Hprev = [np.zeros((n, 1))] + hs[:-1]
Cprev = [s["c_prev"] for s in st]

report(165, "dht(T-1) = dvalues[-1]  vs FD dL/dh_{T-1}", dh_direct[-1].reshape(n, 1), dh[-1])
for t in [T - 1, 2]:
    dtanh2 = (1 - np.tanh(st[t]["c"]) ** 2) * dh[t]
    report(175, f"dhtdtanh = O[t]*(1-tanh^2 c_t)*dht, t={t}  vs FD dL/dc_t", st[t]["o"] * dtanh2, dc[t])
t = 3
report(175, f"  (+ f_(t+1)*dL/dc_(t+1) added, t={t})", st[t]["o"] * (1 - np.tanh(st[t]["c"]) ** 2) * dh[t] + st[t + 1]["f"] * dc[t + 1], dc[t])
# isolate 177-179 with the true dc_t
report(177, f"dctdft = dc_t*C[t-1] (= c_(t-2)), t={t}  vs FD dL/df_t", dc[t] * net.C[t - 1], dG["f"][t])
report(177, f"  (with C[t] = c_(t-1))", dc[t] * net.C[t], dG["f"][t])
report(177, f"dctdft at t=0: C[-1] is c_(T-1)", dc[0] * net.C[-1], dG["f"][0])
report(178, "dctdit = dc_t*C_tilde[t]  vs FD dL/di_t", dc[t] * net.C_tilde[t], dG["i"][t])
report(179, "dctdct_tilde = dc_t*I[t]  vs FD dL/dg_t", dc[t] * net.I[t], dG["g"][t])
report(182, "dtanh1 = (1-g^2)*dL/dg  vs FD dL/d(a_g)", (1 - st[t]["g"] ** 2) * dG["g"][t], dA["g"][t])
report(185, "dsigmf = f(1-f)*dL/df  vs FD dL/d(a_f)", st[t]["f"] * (1 - st[t]["f"]) * dG["f"][t], dA["f"][t])
report(188, "dsigmi = i(1-i)*dL/di  vs FD dL/d(a_i)", st[t]["i"] * (1 - st[t]["i"]) * dG["i"][t], dA["i"][t])
so = net.sigmO[t]; so.backward(np.multiply(dh[t], net.Tanh2[t].output))
report(190, "sigmo.backward(dht*tanh(c_t)) with true dht  vs FD dL/d(a_o)", so.dinputs, dA["o"][t])

names = {"f": (194, 195, 197, 198, 199), "i": (202, 203, 205, 206, 207), "o": (210, 211, 213, 214, 215), "g": (218, 219, 221, 222, 223)}
for g, (lU, lW, aU, aW, ab) in names.items():
    report(lU, f"sum_t d{g} @ xt (true d(a_{g}))  vs FD dU{g}", sum(dA[g][t] * X[t, 0] for t in range(T)), fd_param("U" + g))
    report(lW, f"sum_t d{g} @ H[t-1].T (true d(a_{g}))  vs FD dW{g}", sum(dA[g][t] @ net.H[t - 1].T for t in range(T)), fd_param("W" + g))
    report(lW, f"  (with H[t] = h_(t-1))", sum(dA[g][t] @ net.H[t].T for t in range(T)), fd_param("W" + g))
    report(ab, f"sum_t d{g}  vs FD db{g}", sum(dA[g]), fd_param("b" + g))

for t in [T - 1, 2]:
    rhs = sum(P["W" + g] @ dA[g][t] for g in "fiog") + dh_direct[t - 1].reshape(n, 1)
    report(227, f"dht = sum W@delta + dvalues[t-1], t={t}  vs FD dL/dh_(t-1)", rhs, dh[t - 1])
    rhs = sum(P["W" + g].T @ dA[g][t] for g in "fiog") + dh_direct[t - 1].reshape(n, 1)
    report(227, f"  (with W.T)", rhs, dh[t - 1])

# ---- the author's backward end to end
net.backward(dh_direct)
print("end to end (author's backward as published):")
for k in ["Uf", "Wf", "bf", "Uo", "Wo", "bo", "Ug", "Wg", "bg", "Ui", "Wi", "bi"]:
    report(0, "end-to-end d" + k, getattr(net, "d" + k), fd_param(k))
