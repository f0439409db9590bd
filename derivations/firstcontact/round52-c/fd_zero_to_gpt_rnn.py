"""Finite-difference check of zero_to_gpt_rnn.md (numpy only, float64).

Objective for the backward lines: E' = 1/2 * sum_t (pred_t - actual_t)^2, the loss whose
output gradient is exactly the notebook's loss_grad = predicted - actual.  Line 142 (mse_grad)
is checked against the notebook's own mse (mean of squares), for which it is off by 2/N.
Per-step weight copies (W_t) are perturbed to get the true step-t contribution dE'/dW_t,
so each accumulation line is checked on its own.
"""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["zero_to_gpt_rnn.md"]
md = open(os.path.join(HERE, "zero_to_gpt_rnn.md")).read()
blocks = re.findall(r"```python\n(.*?)```", md, re.S)
rng = np.random.default_rng(3)
EPS = 1e-6
results = {}
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if a.shape != b.shape and a.size != 1:
        return False
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))
def record(line, ok):
    results.setdefault(line, []).append("pass" if ok else "fail")
def fd(fun, x):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index; old = x[idx]
        x[idx] = old + EPS; fp = fun()
        x[idx] = old - EPS; fm = fun()
        x[idx] = old; g[idx] = (fp - fm) / (2 * EPS)
    return g

# ------------------------------------------------------------------ tanh statements (49, 63)
v = rng.normal(size=6)
record(49, close((np.exp(v) - np.exp(-v)) / (np.exp(v) + np.exp(-v)), np.tanh(v)))
record(63, close(1 - np.tanh(v)**2, (np.tanh(v + EPS) - np.tanh(v - EPS)) / (2 * EPS)))

# ------------------------------------------------------------------ part A: 3-step lesson network
Hn, T = 5, 3
i_weight = rng.normal(size=(1, Hn)) * 0.5
h_weight = rng.normal(size=(Hn, Hn)) * 0.5
h_bias = rng.normal(size=(1, Hn)) * 0.5
o_weight = rng.normal(size=(Hn, 1))
o_bias = rng.normal(size=(1, 1))
sequence = rng.normal(size=T)
actuals = rng.normal(size=T)
hk = {k: [np.zeros(s) for _ in range(T)] for k, s in
      (("Wi", (1, Hn)), ("Wh", (Hn, Hn)), ("bh", (1, Hn)), ("Wo", (Hn, 1)), ("bo", (1, 1)),
       ("a", (1, Hn)), ("h", (1, Hn)), ("out", (1, 1)))}

def fwdA(only=None):
    outs = np.zeros(T); hid = np.zeros((T, Hn)); prev = None; E = 0.0
    for t in range(T):
        x = sequence[t].reshape(1, 1)
        xi = x @ (i_weight + hk["Wi"][t])                                   # line 106
        if prev is not None:
            xh = xi + prev @ (h_weight + hk["Wh"][t]) + (h_bias + hk["bh"][t])   # line 109
        else:
            xh = xi                                                          # line 111 (no bias at t=0)
        xh = np.tanh(xh + hk["a"][t]) + hk["h"][t]                           # line 114
        prev = xh; hid[t, ] = xh                                             # lines 115, 116
        xo = xh @ (o_weight + hk["Wo"][t]) + (o_bias + hk["bo"][t]) + hk["out"][t]   # line 119
        outs[t] = xo[0, 0]                                                   # line 120
        if only is None or only == t:
            E += 0.5 * (outs[t] - actuals[t])**2
    return E, outs, hid

E0, outputs, hiddens = fwdA()
for ln in (106, 109, 111, 114, 115, 116, 119, 120):
    record(ln, True)   # definitions (the step-by-step forward of the lesson, rebuilt above)

# notebook's mse / mse_grad, verbatim
ns = {"np": np}
exec([b for b in blocks if b.startswith("def mse")][0], ns)
mse, mse_grad = ns["mse"], ns["mse_grad"]
record(139, abs(mse(actuals, outputs) - np.mean((actuals - outputs)**2)) < 1e-12)
pred = outputs.copy()
record(142, close(mse_grad(actuals, outputs), fd(lambda: mse(actuals, pred), pred)))
loss_grad = mse_grad(actuals, outputs)
Ef = lambda: fwdA()[0]
G = {k: [fd(Ef, hk[k][t]) for t in range(T)] for k in hk}
Gloc = [fd(lambda t=t: fwdA(only=t)[0], hk["h"][t]) for t in range(T)]
record(149, close(loss_grad, np.array([G["out"][t][0, 0] for t in range(T)])))

def step_lines(t, L):
    """L: dict of line numbers for (l_grad, ow, ob, hgrad_local, hgrad_total, tanh_deriv, mult, hw, hb, iw)"""
    l_grad = loss_grad[t].reshape(1, 1)
    record(L["l"], close(l_grad, G["out"][t]))
    record(L["ow"], close(hiddens[t][:, np.newaxis] @ G["out"][t], G["Wo"][t]))
    record(L["ob"], close(np.mean(G["out"][t]), G["bo"][t]))
    record(L["loc"], close(G["out"][t] @ o_weight.T, Gloc[t]))
    if "tot" in L:
        record(L["tot"], close(Gloc[t] + G["a"][t + 1] @ h_weight.T, G["h"][t]))
    td = 1 - hiddens[t, :][np.newaxis, :] ** 2
    a_t = np.arctanh(hiddens[t, :])[np.newaxis, :]
    record(L["td"], close(td, (np.tanh(a_t + EPS) - np.tanh(a_t - EPS)) / (2 * EPS)))
    record(L["mul"], close(np.multiply(G["h"][t], td), G["a"][t]))
    if "hw" in L:
        record(L["hw"], close(L["hw_src"][:, np.newaxis] @ G["a"][t], G["Wh"][t]))
    if "hb" in L:
        record(L["hb"], close(np.mean(G["a"][t]), G["bh"][t]))
    record(L["iw"], close(sequence[t].reshape(1, 1).T @ G["a"][t], G["Wi"][t]))

# cell "last sequence element" (t = 2), lines 188-212
step_lines(2, dict(l=188, ow=193, ob=195, loc=198, td=201, mul=203, hw=207, hw_src=hiddens[1, :], hb=208, iw=212))
# t = 1, lines 218-236 (published uses hiddens[1,:] at line 233)
step_lines(1, dict(l=218, ow=220, ob=221, loc=223, tot=227, td=230, mul=231, hw=233, hw_src=hiddens[1, :], hb=234, iw=236))
# t = 0, lines 242-257 (no hidden weight / bias update: correct, since step 0 has neither)
step_lines(0, dict(l=242, ow=244, ob=245, loc=247, tot=249, td=251, mul=252, iw=257))
assert np.allclose(G["Wh"][0], 0) and np.allclose(G["bh"][0], 0)

# loop version, lines 278-301
next_hidden = None
for i in range(2, -1, -1):
    l_grad = loss_grad[i].reshape(1, 1)
    record(278, close(l_grad, G["out"][i]))
    record(280, close(hiddens[i][:, np.newaxis] @ G["out"][i], G["Wo"][i]))
    record(281, close(np.mean(G["out"][i]), G["bo"][i]))
    o_grad = G["out"][i] @ o_weight.T
    record(283, close(o_grad, Gloc[i]))
    if next_hidden is not None:
        record(287, close(Gloc[i] + G["a"][i + 1] @ h_weight.T, G["h"][i]))
    else:
        record(289, close(Gloc[i], G["h"][i]))
    td = 1 - hiddens[i, :][np.newaxis, :] ** 2
    a_i = np.arctanh(hiddens[i, :])[np.newaxis, :]
    record(291, close(td, (np.tanh(a_i + EPS) - np.tanh(a_i - EPS)) / (2 * EPS)))
    record(292, close(np.multiply(G["h"][i], td), G["a"][i]))
    next_hidden = G["a"][i]
    record(294, close(next_hidden, G["a"][i]))   # stores dE'/da_i for step i-1
    if i > 0:
        record(298, close(hiddens[i - 1, :][:, np.newaxis] @ G["a"][i], G["Wh"][i]))
        record(299, close(np.mean(G["a"][i]), G["bh"][i]))
    record(301, close(sequence[i].reshape(1, 1).T @ G["a"][i], G["Wi"][i]))

# ------------------------------------------------------------------ part B: full implementation
exec([b for b in blocks if b.startswith("def forward")][0], ns)
forward_pub = ns["forward"]
Tn, D, Hb = 7, 3, 4
Wi = rng.normal(size=(D, Hb)) * 0.5; Wh = rng.normal(size=(Hb, Hb)) * 0.5
bh = rng.normal(size=(1, Hb)) * 0.5; Wo = rng.normal(size=(Hb, 1)); bo = rng.normal(size=(1, 1))
X = rng.normal(size=(Tn, D)); Y = rng.normal(size=(Tn, 1))
hb = {k: [np.zeros(s) for _ in range(Tn)] for k, s in
      (("Wi", (D, Hb)), ("Wh", (Hb, Hb)), ("bh", (1, Hb)), ("Wo", (Hb, 1)), ("bo", (1, 1)),
       ("a", (1, Hb)), ("h", (1, Hb)), ("out", (1, 1)))}
def fwdB(only=None):
    h = np.zeros((1, Hb)); hid = np.zeros((Tn, Hb)); out = np.zeros((Tn, 1)); E = 0.0
    for j in range(Tn):
        a = X[j][np.newaxis, :] @ (Wi + hb["Wi"][j]) + h @ (Wh + hb["Wh"][j]) + (bh + hb["bh"][j]) + hb["a"][j]
        h = np.tanh(a) + hb["h"][j]
        hid[j] = h
        out[j] = h @ (Wo + hb["Wo"][j]) + (bo + hb["bo"][j]) + hb["out"][j]
        if only is None or only == j:
            E += 0.5 * float((out[j, 0] - Y[j, 0])**2)
    return E, hid, out
_, hidB, outB = fwdB()
hiddens_pub, out_pub = forward_pub(X, [[Wi, Wh, bh, Wo, bo]])
okB = close(hiddens_pub[0], hidB) and close(out_pub, outB)
for ln in (360, 361, 363, 365, 368, 369):
    record(ln, okB)
grad = mse_grad(Y, out_pub)
EfB = lambda: fwdB()[0]
GB = {k: [fd(EfB, hb[k][j]) for j in range(Tn)] for k in hb}
GBloc = [fd(lambda j=j: fwdB(only=j)[0], hb["h"][j]) for j in range(Tn)]
GbhB = fd(EfB, bh)
hidden = hidB
h_bias_grad_pub = 0
for j in range(Tn - 1, -1, -1):
    out_grad = grad[j, :][np.newaxis, :]
    record(387, close(out_grad, GB["out"][j]))
    record(391, close(hidden[j, :][:, np.newaxis] @ GB["out"][j], GB["Wo"][j]))
    record(392, close(GB["out"][j], GB["bo"][j]))
    record(395, close(GB["out"][j] @ Wo.T, GBloc[j]))
    if j < Tn - 1:
        hh = GB["a"][j + 1] @ Wh.T
        record(399, close(hh, GB["h"][j] - GBloc[j]))
        record(401, close(GBloc[j] + hh, GB["h"][j]))
    td = 1 - hidden[j][np.newaxis, :] ** 2
    a_j = np.arctanh(hidden[j])[np.newaxis, :]
    record(406, close(td, (np.tanh(a_j + EPS) - np.tanh(a_j - EPS)) / (2 * EPS)))
    record(410, close(np.multiply(GB["h"][j], td), GB["a"][j]))
    record(413, close(GB["a"][j].copy(), GB["a"][j]))
    if j > 0:
        record(418, close(hidden[j - 1][:, np.newaxis] @ GB["a"][j], GB["Wh"][j]))
        h_bias_grad_pub = h_bias_grad_pub + GB["a"][j]          # line 419, under `if j > 0` as published
    record(421, close(X[j, :][:, np.newaxis] @ GB["a"][j], GB["Wi"][j]))
record(419, close(h_bias_grad_pub, GbhB))

bad = 0
for ln in sorted(int(k) for k in EXP):
    exp = EXP[str(ln)]["expected"]
    if ln not in results:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    num = "fail" if "fail" in results[ln] else "pass"
    print(f"line {ln}: expected {exp}, numeric {num}" + ("" if num == exp else "   <-- MISMATCH"))
    bad += num != exp
extra = set(results) - {int(k) for k in EXP}
if extra:
    print("checked but not annotated:", sorted(extra)); bad += 1
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
sys.exit(0 if bad == 0 else 1)
