"""Finite-difference check of ja_dlscratch2_rnn.md (numpy only).

The code fence does not compile as stored (missing colon).  The fence is read
from the .md file and two in-memory patches are applied, both reported below:
(1) the missing ':' is added; (2) for the backward checks the forward statement
of line 22 is replaced by the author's STATED forward (the comments:
h_t = tanh(h_{t-1} Wh + x_t Wx + b)).  Line 22 itself is checked by evaluating
its original right-hand side against the stated forward.  All other statements
run exactly as written.  Loss: L = sum(G * hs) for a random G (so dhs = G).
"""
import os, re, sys, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "ja_dlscratch2_rnn.md")
lines = open(MD, encoding="utf-8").read().split("\n")
start = lines.index("```python") + 1
end = start + lines[start:].index("```")
fence = lines[start:end]
L22 = lines[21].strip()
assert L22 == "t = np.dot(h_prev,Wh) * np.dot(x,Wx) + b"
code = "\n".join(fence)
code = code.replace("if not self.stateful or self.h is None\n", "if not self.stateful or self.h is None:\n")
code_stated = code.replace("t = np.dot(h_prev,Wh) * np.dot(x,Wx) + b", "t = np.dot(h_prev,Wh) + np.dot(x,Wx) + b")
print("patches applied in memory: missing ':' added; line 22 replaced by the stated forward for the backward checks")
ns = {}
exec(compile(code_stated, MD, "exec"), ns)
RNN, TimeRNN = ns["RNN"], ns["TimeRNN"]

rng = np.random.default_rng(1)
N, T, D, H = 2, 4, 3, 5
Wx = rng.normal(size=(D, H)) * 0.6; Wh = rng.normal(size=(H, H)) * 0.6; b = rng.normal(size=H) * 0.3
xs = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)) * 0.5
G = rng.normal(size=(N, T, H))
eps = 1e-6

def stated_forward(Wx, Wh, b, xs, h0, dt=None):
    h = h0; hs = []
    for t in range(T):
        a = h @ Wh + xs[:, t, :] @ Wx + b
        if dt is not None: a = a + dt[:, t, :]
        h = np.tanh(a); hs.append(h)
    return np.stack(hs, 1)

def loss(**kw):
    args = dict(Wx=Wx, Wh=Wh, b=b, xs=xs, h0=h0); args.update(kw)
    dt = args.pop("dt", None)
    return float(np.sum(G * stated_forward(**args, dt=dt)))

def fd(name, base):
    g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        p = base.copy(); m = base.copy(); p[idx] += eps; m[idx] -= eps
        g[idx] = (loss(**{name: p}) - loss(**{name: m})) / (2 * eps)
    return g

def close(a, bb, tol=1e-5):
    return np.allclose(np.asarray(a, float), np.asarray(bb, float), rtol=tol, atol=tol)

res = {}
# line 22: original expression vs stated forward pre-activation
h_prev, x = h0, xs[:, 0, :]
res[22] = close(eval(L22.split("=", 1)[1], {"np": np, "h_prev": h_prev, "x": x, "Wh": Wh, "Wx": Wx, "b": b}),
                h_prev @ Wh + x @ Wx + b)

# ---- run the author's TimeRNN (stateful, h0 given) and capture RNN.backward locals
trn = TimeRNN(Wx.copy(), Wh.copy(), b.copy(), stateful=True)
trn.set_state(h0.copy())
hs = trn.forward(xs)
ref_hs = stated_forward(Wx, Wh, b, xs, h0)
step_caps = {}
def tracer(frame, event, arg):
    if frame.f_code.co_name != "backward" or "dh_next" not in frame.f_code.co_varnames:
        return None
    def local(frame, event, arg):
        if event == "return":
            k = len(step_caps)
            step_caps[T - 1 - k] = {n: np.array(frame.f_locals[n], float) for n in
                                    ["dh_next", "dt", "db", "dWh", "dh_prev", "dWx", "dx", "h_next"]}
            step_caps[T - 1 - k]["grads"] = [np.array(g, float) for g in frame.f_locals["self"].grads]
        return local
    return local
sys.settrace(tracer)
dxs = trn.backward(G.copy())
sys.settrace(None)

# references by central differences
g_dt = np.zeros((N, T, H))
for idx in np.ndindex(N, T, H):
    p = np.zeros((N, T, H)); p[idx] = eps
    g_dt[idx] = (loss(dt=p) - loss(dt=-p)) / (2 * eps)
gWx, gWh, gb, gxs, gh0 = fd("Wx", Wx), fd("Wh", Wh), fd("b", b), fd("xs", xs), fd("h0", h0)

# per-step reference for step t: with upstream dh_next fixed, the one-step partials
def step_ref(t):
    c = step_caps[t]; hp = h0 if t == 0 else ref_hs[:, t - 1, :]; xt = xs[:, t, :]
    dta = g_dt[:, t, :]                                  # dL/da_t (total)
    return dict(dt=dta, db=dta.sum(0), dWh=hp.T @ dta, dh_prev_part=dta @ Wh.T,
                dWx=xt.T @ dta, dx=dta @ Wx.T)

ok23 = close(hs, ref_hs, 1e-6)           # h_next = tanh(t), through the whole forward (hs is float32)
res[23] = ok23
res[81] = ok23
res[82] = ok23
# dt, db, dWh, dh_prev, dWx, dx for every step; the one-step partial of dWh wrt Wh is checked by
# perturbing Wh only at step t (equivalently h_{t-1}^T dL/da_t), which is what step_ref builds
# from FD values of dL/da_t; dL/da_t itself is checked against FD directly.
chk = {k: True for k in ["dt", "db", "dWh", "dh_prev", "dWx", "dx", "g0", "g1", "g2"]}
for t in range(T):
    r = step_ref(t); c = step_caps[t]
    chk["dt"] &= close(c["dt"], r["dt"])
    chk["db"] &= close(c["db"], r["db"])
    chk["dWh"] &= close(c["dWh"], r["dWh"])
    chk["dh_prev"] &= close(c["dh_prev"], r["dh_prev_part"])
    chk["dWx"] &= close(c["dWx"], r["dWx"])
    chk["dx"] &= close(c["dx"], r["dx"])
    chk["g0"] &= close(c["grads"][0], c["dWx"], 1e-12)
    chk["g1"] &= close(c["grads"][1], c["dWh"], 1e-12)
    chk["g2"] &= close(c["grads"][2], c["db"], 1e-12)
# the per-step weight partials must sum to the FD total (independent check of the step formulas)
sumWh = sum(step_caps[t]["dWh"] for t in range(T)); sumWx = sum(step_caps[t]["dWx"] for t in range(T))
sumb = sum(step_caps[t]["db"] for t in range(T))
res[33] = chk["dt"]
res[34] = chk["db"] and close(sumb, gb)
res[38] = chk["dWh"] and close(sumWh, gWh)
res[39] = chk["dh_prev"] and close(step_caps[0]["dh_prev"], gh0)
res[42] = chk["dWx"] and close(sumWx, gWx)
res[43] = chk["dx"] and close(np.stack([step_caps[t]["dx"] for t in range(T)], 1), gxs)
res[45], res[46], res[47] = chk["g0"], chk["g1"], chk["g2"]
# TimeRNN.backward statements
res[97] = all(close(step_caps[t]["dh_next"], G[:, t, :] + (0 if t == T - 1 else step_caps[t + 1]["dh_prev"]))
              for t in range(T)) and close(step_caps[0]["dh_prev"], gh0)
res[98] = close(dxs, gxs, 1e-4)
res[101] = close(trn.grads[0], gWx) and close(trn.grads[1], gWh) and close(trn.grads[2], gb)
res[104] = res[101]
res[105] = close(trn.dh, gh0)

exp = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))["ja_dlscratch2_rnn.md"]
allagree = True
for ln in sorted(int(k) for k in exp):
    ok = bool(res[ln]); want = exp[str(ln)]["expected"] == "pass"
    allagree &= (ok == want)
    print(f"line {ln}: {'OK' if ok else 'MISMATCH'}  expected={exp[str(ln)]['expected']}  {'agrees' if ok == want else 'DISAGREES'}")
print("ALL VERDICTS AGREE" if allagree else "SOME VERDICTS DISAGREE")
