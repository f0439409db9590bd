"""FD check of seth_lstm_math_a.md and seth_lstm_math_b.md (S. Weidman's LSTM_math notebook).
Column layout as in the forward rows W_* * [X_t, h_{t-1}] (and the notebook's own code np.dot(W, z));
no gate biases; V_t = W_V h_t, y = softmax(V), cross-entropy with a one-hot target at every step
(the notebook only says 'the loss is a function of y - target'). z_t = [X_t; h_{t-1}]."""
import numpy as np
from fd_common import sig, softmax_cols, fd_hook, check

rng = np.random.default_rng(4)
nx, nh, T = 3, 3, 3
nz = nx + nh
W = {k: rng.normal(size=(nh, nz)) * 0.8 for k in "fico"}
WV = rng.normal(size=(nx, nh))
X = [rng.normal(size=(nx, 1)) for _ in range(T + 1)]; tgt = rng.integers(0, nx, size=T + 1)
h0 = rng.normal(size=(nh, 1)) * 0.5; C0 = rng.normal(size=(nh, 1)) * 0.5

def fwd(H, Wst=None):
    g = lambda k, t: H.get((k, t), 0.0)
    h, C = {0: h0}, {0: C0}; S = {}; L = 0.0
    for t in range(1, T + 1):
        Wt = Wst[t] if Wst else W
        z = np.vstack([X[t], h[t - 1]]) + g("z", t)
        G = Wt["f"] @ z + g("G", t); J = Wt["i"] @ z + g("J", t); E = Wt["c"] @ z + g("E", t); p = Wt["o"] @ z + g("P", t)
        f, i, Ct, o = sig(G) + g("f", t), sig(J) + g("i", t), np.tanh(E) + g("Ct", t), sig(p) + g("O", t)
        C[t] = f * (C[t - 1] + g("Cprev", t)) + i * Ct + g("C", t)
        D = np.tanh(C[t]) + g("D", t)
        h[t] = o * D + g("H", t)
        V = WV @ h[t] + g("V", t)
        y = softmax_cols(V)
        L += -np.log(y[tgt[t], 0])
        S[t] = dict(z=z, G=G, J=J, E=E, p=p, f=f, i=i, Ct=Ct, o=o, C=C[t], h=h[t], y=y, Cprev=C[t - 1])
    return L, S
Lf = lambda H: fwd(H)[0]
_, S = fwd({})
t = 2; s = S[t]; s1 = S[t + 1]
gr = lambda k, tt=t, n=nh: fd_hook(Lf, (k, tt), (n, 1))
dV = gr("V", n=nx); dH = gr("H"); dO = gr("O"); dP = gr("P"); dC = gr("C"); dD = gr("D"); dCt = gr("Ct")
dE = gr("E"); di = gr("i"); dJ = gr("J"); df = gr("f"); dG = gr("G"); dz = gr("z", n=nz); dCprev = gr("Cprev")
Hgrad = fd_hook(Lf, ("z", t + 1), (nz, 1))[nx:]          # what step t+1 sends back for h_t
Cgrad = fd_hook(Lf, ("Cprev", t + 1), (nh, 1))           # what step t+1 sends back for C_t
onehot = np.zeros((nx, 1)); onehot[tgt[t]] = 1
def dWstep(k):
    def Lw(H):
        Wst = {tt: dict(W) for tt in range(1, T + 1)}; Wst[t][k] = W[k] + H.get(("W", 0), 0.0)
        return fwd({}, Wst)[0]
    return fd_hook(Lw, ("W", 0), W[k].shape)
dWV = fd_hook(lambda H: fwd({("V", t): H.get(("W", 0), 0.0) @ s["h"]})[0], ("W", 0), WV.shape)
print("== file a")
check("a55 dL/dV = -(y - y^hat), y = prediction (notebook's naming), y^hat = target", -(s["y"] - onehot), dV)
check("    conventional reading y^hat - y... = y - target", s["y"] - onehot, dV)
check("a67/a74 dL/dW_v = dL/dV h^T (step t part)", dV @ s["h"].T, dWV)
check("a78 dL/dH = dL/dV * W_v^T (as written: (nx,1)x(nh,nx))", None, dH)
check("    column reading W_v^T dL/dV + H_grad (a81)", WV.T @ dV + Hgrad, dH)
check("a92 dL/dO = dL/dH tanh(C_t)", dH * np.tanh(s["C"]), dO)
check("a101 dL/dP = dL/dO sigma(p)(1-sigma(p))", dO * sig(s["p"]) * (1 - sig(s["p"])), dP)
check("a116 dL/dz_t (o-part) = dL/dP * W_o^T (as written: (nh,1)x(nz,nh))", None, dz)
print("    (the column reading W_o^T dL/dP is the o-path part of dL/dz_t; the full sum is checked at b123)")
check("a120 dL/dW_o = dL/dP z^T (step t part)", dP @ s["z"].T, dWstep("o"))
check("a133 dL/dD = dL/dH o", dH * s["o"], dD)
check("a137 dL/dC = dL/dH o tanh'(tanh(C)) (as written, tanh'=1-tanh^2)", dH * s["o"] * (1 - np.tanh(np.tanh(s["C"])) ** 2), dC)
check("    local part with tanh'(C) + C_grad (a129)", Cgrad + dH * s["o"] * (1 - np.tanh(s["C"]) ** 2), dC)
print("== file b")
check("b28 dL/dCtilde = dL/dC i", dC * s["i"], dCt)
check("b37 dL/dE = dL/dC_t tanh'(tanh(E)) (as written)", dC * (1 - np.tanh(np.tanh(s["E"])) ** 2), dE)
check("    correct: dL/dCtilde (1 - tanh^2 E)", dCt * (1 - np.tanh(s["E"]) ** 2), dE)
check("b46 dL/dW_c = dL/dE z^T", dE @ s["z"].T, dWstep("c"))
check("b57 dL/d(i~=i) = dL/dC Ctilde", dC * s["Ct"], di)
check("b66 dL/dJ = dL/di sigma(J)(1-sigma(J))", di * sig(s["J"]) * (1 - sig(s["J"])), dJ)
check("b76 dL/dW_i = dL/dJ z^T", dJ @ s["z"].T, dWstep("i"))
check("b87 dL/df = dL/dC C_prev", dC * s["Cprev"], df)
check("b96 dL/dG = dL/df sigma(G)(1-sigma(G))", df * sig(s["G"]) * (1 - sig(s["G"])), dG)
check("b107 dL/dW_f = dL/dG z^T", dG @ s["z"].T, dWstep("f"))
check("b118 dL/dC_prev (step-t part) = dL/dC f", dC * s["f"], dCprev)
check("b123 dL/dZ = dG*W_f^t + ... (as written: ^t, row-style products)", None, dz)
check("    column reading sum W_*^T dL/d(pre-act)", W["f"].T @ dG + W["i"].T @ dJ + W["c"].T @ dE + W["o"].T @ dP, dz)
