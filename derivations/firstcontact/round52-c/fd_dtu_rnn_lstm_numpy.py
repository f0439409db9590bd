"""Finite-difference check of dtu_rnn_lstm_numpy.md (numpy only, float64).

Convention (see expected.json _notes): every line is evaluated with its
right-hand-side variables set to the TRUE values their names promise
(true gradients obtained by central finite differences), except that
dh_next / dC_next are literally zero, because the published LSTM loop never
assigns them.  Index expressions (C[t-1], C[t], h[t], ...) are evaluated
literally on the notebook's lists (C_s/h_s hold the initial state at index 0).
The objective whose gradients are checked is E = sum_t CE_t (markdown line 243).
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["dtu_rnn_lstm_numpy.md"]
rng = np.random.default_rng(52)
EPS = 1e-6
results = {}

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))

def record(line, ok):
    # ok: True if the line agrees with the truth at every step checked
    v = "pass" if ok else "fail"
    results.setdefault(line, []).append(v)

def fd(fun, x):
    """central finite differences of scalar fun at array x (x is modified in place and restored)"""
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        old = x[idx]
        x[idx] = old + EPS; fp = fun()
        x[idx] = old - EPS; fm = fun()
        x[idx] = old
        g[idx] = (fp - fm) / (2 * EPS)
    return g

# ---------------------------------------------------------------- notebook activation functions (verbatim)
def sigmoid(x, derivative=False):
    x_safe = x + 1e-12
    f = 1 / (1 + np.exp(-x_safe))
    if derivative:
        return f * (1 - f)
    else:
        return f

def tanh(x, derivative=False):
    x_safe = x + 1e-12
    f = (np.exp(x_safe)-np.exp(-x_safe))/(np.exp(x_safe)+np.exp(-x_safe))
    if derivative:
        return 1-f**2
    else:
        return f

def softmax(x, derivative=False):
    x_safe = x + 1e-12
    f = np.exp(x_safe) / np.sum(np.exp(x_safe))
    if derivative:
        pass
    else:
        return f

# ---------------------------------------------------------------- activation lines
xa = rng.normal(size=(5, 1))
exact_sig = 1 / (1 + np.exp(-xa))
record(43, close(sigmoid(xa), exact_sig))
record(54, close(sigmoid(xa), exact_sig))            # the 1e-12 shift is invisible at 1e-6 tolerance
record(55, close(sigmoid(xa), exact_sig))
num_dsig = np.array([[(1/(1+np.exp(-(v+EPS))) - 1/(1+np.exp(-(v-EPS))))/(2*EPS)] for v in xa[:, 0]])
record(58, close(sigmoid(xa, derivative=True), num_dsig))
record(65, close(tanh(xa), np.tanh(xa)))
record(76, close(tanh(xa), np.tanh(xa)))
record(77, close(tanh(xa), np.tanh(xa)))
record(80, close(tanh(xa, derivative=True),
                 np.array([[(np.tanh(v+EPS) - np.tanh(v-EPS))/(2*EPS)] for v in xa[:, 0]])))
ex = np.exp(xa - xa.max()); ex /= ex.sum()
record(87, close(softmax(xa), ex))
record(98, close(softmax(xa), ex))
record(99, close(softmax(xa), ex))

# ---------------------------------------------------------------- vanilla RNN (cells 19, 44, 46)
H, K, T = 3, 4, 4
U = rng.normal(size=(H, K)) * 0.8
V = rng.normal(size=(H, H)) * 0.8
W = rng.normal(size=(K, H)) * 0.8
bh = rng.normal(size=(H, 1)) * 0.3
bo = rng.normal(size=(K, 1)) * 0.3
xs = [np.eye(K)[:, [rng.integers(K)]] for _ in range(T)]
ys = [np.eye(K)[:, [rng.integers(K)]] for _ in range(T)]
R_eh = [np.zeros((H, 1)) for _ in range(T)]   # perturbation added to h_t
R_ea = [np.zeros((H, 1)) for _ in range(T)]   # perturbation added to pre-activation a_t
R_eo = [np.zeros((K, 1)) for _ in range(T)]   # perturbation added to logits o_t

def rnn_forward(only_step=None):
    h = np.zeros((H, 1)); hs, outs = [], []; E = 0.0
    for t in range(T):
        a = U @ xs[t] + V @ h + bh + R_ea[t]          # line 30 / 232 (+ bias as in code)
        h = np.tanh(a) + R_eh[t]
        o = W @ h + bo + R_eo[t]                       # line 31 / 233
        yhat = np.exp(o - o.max()); yhat /= yhat.sum() # line 35 / 234
        hs.append(h.copy()); outs.append(yhat)
        ce = -np.log(yhat[np.argmax(ys[t]), 0])
        if only_step is None or only_step == t:
            E += ce
    return E, hs, outs

E0, hs_r, outs_r = rnn_forward()
for ln in (30, 31, 35, 232, 233, 234):
    record(ln, True)   # definitions used to build the forward above
dO = [fd(lambda: rnn_forward()[0], R_eo[t]) for t in range(T)]
dHt = [fd(lambda: rnn_forward()[0], R_eh[t]) for t in range(T)]
dA = [fd(lambda: rnn_forward()[0], R_ea[t]) for t in range(T)]
dW_fd = fd(lambda: rnn_forward()[0], W)
dbh_fd = fd(lambda: rnn_forward()[0], bh)
dbo_fd = fd(lambda: rnn_forward()[0], bo)

acc_bo = np.zeros_like(bo); acc_bh = np.zeros_like(bh)
for t in reversed(range(T)):
    d_o = outs_r[t].copy(); d_o[np.argmax(ys[t])] -= 1
    for ln in (175, 176, 243, 246, 247):
        record(ln, close(d_o, dO[t]))
    acc_bo += dO[t]                                               # line 181 with true d_o
    d_h_next_true = dHt[t] - W.T @ dO[t]                          # gradient reaching h_t from step t+1
    record(184, close(W.T @ dO[t] + d_h_next_true, dHt[t]))
    d_f = (1 - hs_r[t]**2) * dHt[t]
    record(188, close(d_f, dA[t]))
    acc_bh += dA[t]
    if t > 0:
        record(198, close(V.T @ dA[t], dHt[t-1] - W.T @ dO[t-1]))
record(181, close(acc_bo, dbo_fd))
record(189, close(acc_bh, dbh_fd))
record(227, close(sum(dO[t] @ hs_r[t].T for t in range(T)), dW_fd))

# ---------------------------------------------------------------- LSTM (cells 64, 72, 77)
Hs, Kv, T = 3, 4, 4
hidden_size = Hs
Z = Hs + Kv
P = {n: rng.normal(size=(Hs, Z)) * 0.7 for n in ("W_f", "W_i", "W_g", "W_o")}
P.update({n: rng.normal(size=(Hs, 1)) * 0.3 for n in ("b_f", "b_i", "b_g", "b_o")})
P["W_v"] = rng.normal(size=(Kv, Hs)) * 0.7
P["b_v"] = rng.normal(size=(Kv, 1)) * 0.3
xs = [np.eye(Kv)[:, [rng.integers(Kv)]] for _ in range(T)]
ys = [np.eye(Kv)[:, [rng.integers(Kv)]] for _ in range(T)]
h0 = rng.normal(size=(Hs, 1)) * 0.5
c0 = rng.normal(size=(Hs, 1)) * 0.5
hooks = {k: [np.zeros((Z if k == "z" else (Kv if k == "v" else Hs), 1)) for _ in range(T)]
         for k in ("z", "af", "ai", "ag", "ao", "f", "i", "g", "o", "c", "h", "v", "cprev")}

def lstm_forward(only_step=None):
    h_prev, C_prev = h0.copy(), c0.copy()
    z_s, f_s, i_s, g_s, C_s, o_s, h_s, out_s = [], [], [], [], [C_prev], [], [h_prev], []
    E = 0.0; steps = []
    for t in range(T):
        z = np.vstack((h_prev, xs[t])) + hooks["z"][t]                       # line 349
        af = P["W_f"] @ z + P["b_f"] + hooks["af"][t]; f = 1/(1+np.exp(-af)) + hooks["f"][t]
        ai = P["W_i"] @ z + P["b_i"] + hooks["ai"][t]; i = 1/(1+np.exp(-ai)) + hooks["i"][t]
        ag = P["W_g"] @ z + P["b_g"] + hooks["ag"][t]; g = np.tanh(ag) + hooks["g"][t]   # line 363
        C = f * (C_prev + hooks["cprev"][t]) + g * i + hooks["c"][t]             # line 292
        ao = P["W_o"] @ z + P["b_o"] + hooks["ao"][t]; o = 1/(1+np.exp(-ao)) + hooks["o"][t]
        h = o * np.tanh(C) + hooks["h"][t]                                       # lines 298, 377
        v = P["W_v"] @ h + P["b_v"] + hooks["v"][t]                              # line 381
        out = np.exp(v - v.max()); out /= out.sum()                              # line 385
        ce = -np.log(out[np.argmax(ys[t]), 0])
        if only_step is None or only_step == t:
            E += ce
        z_s.append(z); f_s.append(f); i_s.append(i); g_s.append(g); C_s.append(C)
        o_s.append(o); h_s.append(h); out_s.append(out)
        h_prev, C_prev = h, C
    return E, dict(z=z_s, f=f_s, i=i_s, g=g_s, C=C_s, o=o_s, h=h_s, out=out_s)

E_l, S = lstm_forward()
for ln in (278, 280, 282, 288, 292, 298, 349, 363, 377, 381, 385):
    record(ln, True)   # definitions used to build the forward above
Efun = lambda: lstm_forward()[0]
G = {k: [fd(Efun, hooks[k][t]) for t in range(T)] for k in hooks}
Gp = {n: fd(Efun, P[n]) for n in P}
# local (output-at-step-t only) part of dE/dh_t
Gh_local = [fd(lambda t=t: lstm_forward(only_step=t)[0], hooks["h"][t]) for t in range(T)]

z, f, i, g, C, o, h, outputs = (S[k] for k in ("z", "f", "i", "g", "C", "o", "h", "out"))
targets = ys
# line 483: notebook's loss = mean over the vocab axis -> E / K (documented optional normalisation)
loss = 0
for t in reversed(range(T)):
    loss += -np.mean(np.log(outputs[t]) * targets[t])
record(483, abs(loss * Kv - E_l) < 1e-9)

acc = {k: 0 for k in ("W_v", "b_v", "W_o", "b_o", "W_g", "b_g", "W_i", "b_i", "W_f", "b_f")}
for t in reversed(range(T)):
    c_prev_true = C[t]          # C_s[t] is c_{t-1} because C_s[0] is the initial state
    record(485, close(C[t-1], c_prev_true))
    dv = np.copy(outputs[t]); dv[np.argmax(targets[t])] -= 1
    record(488, close(dv, G["v"][t])); record(489, close(dv, G["v"][t]))
    acc["W_v"] = acc["W_v"] + np.dot(G["v"][t], h[t].T)          # line 492 as published (h[t])
    acc["b_v"] = acc["b_v"] + G["v"][t]
    dh_local = np.dot(P["W_v"].T, G["v"][t])
    record(496, close(dh_local, Gh_local[t]))
    dh_next_published = np.zeros_like(h[0])                       # never reassigned in the loop
    record(497, close(dh_local + dh_next_published, G["h"][t]))
    dh = G["h"][t]
    record(498, close(dh * tanh(C[t]), G["o"][t]))
    record(499, close(sigmoid(o[t], derivative=True) * G["o"][t], G["ao"][t]))
    acc["W_o"] = acc["W_o"] + np.dot(G["ao"][t], z[t].T); acc["b_o"] = acc["b_o"] + G["ao"][t]
    dC_rec_true = f[t+1] * G["c"][t+1] if t + 1 < T else np.zeros((Hs, 1))
    dC_next_published = np.zeros_like(C[0])                        # never reassigned in the loop
    record(506, close(np.copy(dC_next_published), dC_rec_true))
    record(507, close(dC_rec_true + dh * o[t] * tanh(tanh(C[t]), derivative=True), G["c"][t]))
    dC = G["c"][t]
    record(508, close(dC * i[t], G["g"][t]))
    record(509, close(tanh(g[t], derivative=True) * G["g"][t], G["ag"][t]))
    acc["W_g"] = acc["W_g"] + np.dot(G["ag"][t], z[t].T); acc["b_g"] = acc["b_g"] + G["ag"][t]
    record(516, close(dC * g[t], G["i"][t]))
    record(517, close(sigmoid(i[t], True) * G["i"][t], G["ai"][t]))
    acc["W_i"] = acc["W_i"] + np.dot(G["ai"][t], z[t].T); acc["b_i"] = acc["b_i"] + G["ai"][t]
    record(522, close(dC * c_prev_true, G["f"][t]))                # with the intended C_prev = c_{t-1}
    record(523, close(sigmoid(f[t]) * G["f"][t], G["af"][t]))
    acc["W_f"] = acc["W_f"] + np.dot(G["af"][t], z[t].T); acc["b_f"] = acc["b_f"] + G["af"][t]
    dz = (np.dot(P["W_f"].T, G["af"][t]) + np.dot(P["W_i"].T, G["ai"][t])
          + np.dot(P["W_g"].T, G["ag"][t]) + np.dot(P["W_o"].T, G["ao"][t]))
    record(528, close(dz, G["z"][t]))
    record(532, close(dz[:hidden_size, :], G["z"][t][:hidden_size, :]))
    record(533, close(f[t] * dC, G["cprev"][t]))
for ln, name in ((492, "W_v"), (493, "b_v"), (502, "W_o"), (503, "b_o"), (512, "W_g"), (513, "b_g"),
                 (518, "W_i"), (519, "b_i"), (524, "W_f"), (525, "b_f")):
    record(ln, close(acc[name], Gp[name]))

# line 275: sigma = softmax.  With softmax gates the notebook's elementwise gate derivative
# sigma*(1-sigma) (lines 499/517/523 intent) is not the Jacobian: check on a gate vector.
a = rng.normal(size=(Hs, 1)); w = rng.normal(size=(Hs, 1))
sm = lambda: float((w.T @ (np.exp(a - a.max()) / np.exp(a - a.max()).sum()))[0, 0])
s = np.exp(a - a.max()); s /= s.sum()
record(275, close(w * s * (1 - s), fd(sm, a)))

# ---------------------------------------------------------------- compare with expected.json
bad = 0
for ln in sorted(int(k) for k in EXP):
    exp = EXP[str(ln)]["expected"]
    if ln not in results:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    num = "fail" if "fail" in results[ln] else "pass"
    flag = "" if num == exp else "   <-- MISMATCH"
    print(f"line {ln}: expected {exp}, numeric {num}{flag}")
    bad += num != exp
extra = set(results) - {int(k) for k in EXP}
if extra:
    print("checked but not annotated:", sorted(extra)); bad += 1
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
sys.exit(0 if bad == 0 else 1)
