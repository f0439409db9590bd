"""Finite-difference check of jfeatherstone_elman.md (numpy only).

The author's code fence is exec'd verbatim.  Local quantities of _backwardStep
(dEdy, dEdv, dEdc, dEdu) are captured with sys.settrace; accumulated gradients
are read from the object.  Reference values come from an independent forward
pass (same conventions: context[0] = 0 and output[0] = 0 are never computed,
steps i = 1..T-1 use c_i = sig(Wux x_i + Wuc c_{i-1} + bu), o_i = sig(Wvc c_i + bv),
E = sum_i mse(o_i, target_i)) and central differences.
"""
import os, re, sys, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "jfeatherstone_elman.md")
src = open(MD, encoding="utf-8").read()
code = re.search(r"```python\n(.*?)```", src, re.S).group(1)
ns = {}
exec(compile(code, MD, "exec"), ns)
ElmanNetwork, sigmoid_a, mse_a = ns["ElmanNetwork"], ns["sigmoid"], ns["mse"]

rng = np.random.default_rng(0)
D, H, K, T = 3, 4, 2, 6
net = ElmanNetwork(D, H, K, 0.1)
for name in ["Wux", "Wuc", "Wvc", "bu", "bv"]:
    setattr(net, name, rng.normal(size=getattr(net, name).shape) * 0.8)
X = rng.normal(size=(T, D))
Y = rng.uniform(0.1, 0.9, size=(T, K))

def sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))

def ref_forward(P, X, du=None, dv=None, dc=None, do=None):
    """independent forward with optional additive perturbations; returns c, o, E"""
    c = np.zeros((T, H)); o = np.zeros((T, K)); u = np.zeros((T, H)); v = np.zeros((T, K))
    for i in range(1, T):
        u[i] = P["Wux"] @ X[i] + P["Wuc"] @ c[i - 1] + P["bu"]
        if du is not None: u[i] += du[i]
        c[i] = sig(u[i])
        if dc is not None: c[i] += dc[i]
        v[i] = P["Wvc"] @ c[i] + P["bv"]
        if dv is not None: v[i] += dv[i]
        o[i] = sig(v[i])
    if do is not None: o = o + do
    E = sum(0.5 * np.sum((Y[i] - o[i]) ** 2) for i in range(T))
    return c, o, u, v, E

P = {k: getattr(net, k).copy() for k in ["Wux", "Wuc", "Wvc", "bu", "bv"]}
eps = 1e-6

def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        g[idx] = (ref_forward(Pp, X)[-1] - ref_forward(Pm, X)[-1]) / (2 * eps)
    return g

def fd_state(kind, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        dp = np.zeros(shape); dm = np.zeros(shape); dp[idx] = eps; dm[idx] = -eps
        g[idx] = (ref_forward(P, X, **{kind: dp})[-1] - ref_forward(P, X, **{kind: dm})[-1]) / (2 * eps)
    return g

# ---- author forward -------------------------------------------------------
cA, oA = net.forwardSequence(X)
cR, oR, uR, vR, E_true = ref_forward(P, X)

# ---- author backward, capturing locals of _backwardStep ------------------
captured = {}
def tracer(frame, event, arg):
    if frame.f_code.co_name != "_backwardStep":
        return None
    def local(frame, event, arg):
        if event == "return":
            i = len(captured)
            captured[T - 1 - i] = {k: np.array(frame.f_locals[k], dtype=float).ravel()
                                   for k in ["dEdy", "dEdv", "dEdc", "dEdu"]}
        return local
    return local
sys.settrace(tracer)
err = net.backwardSequence(X, cA, oA, Y)
sys.settrace(None)
loc = {k: np.array([captured[i][k] for i in range(T)]) for k in ["dEdy", "dEdv", "dEdc", "dEdu"]}

def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.allclose(a, b, rtol=tol, atol=tol)

res = {}
z = rng.normal(size=50)
res[8] = close(sigmoid_a(z), 1 / (1 + np.exp(-z)))           # sigmoid helper
a_, b_ = rng.normal(size=5), rng.normal(size=5)
res[11] = close(mse_a(a_, b_), 0.5 * np.sum((a_ - b_) ** 2))  # loss helper
fwd_ok = close(cA, cR, 1e-12) and close(oA, oR, 1e-12)
# per-step forward statements, evaluated with the author's _forwardStep on step 3
c3, o3 = net._forwardStep(X[3], cR[2])
res[66] = close(net.Wux @ X[3] + net.Wuc @ cR[2] + net.bu, uR[3])
res[67] = close(c3, cR[3])
res[68] = close(net.Wvc @ c3 + net.bv, vR[3])
res[69] = close(o3, oR[3])
res[97] = fwd_ok

g_o = fd_state("do", (T, K)); g_v = fd_state("dv", (T, K))
g_c = fd_state("dc", (T, H)); g_u = fd_state("du", (T, H))
res[153] = close(loc["dEdy"], g_o)                  # dE/do_i
res[156] = close(loc["dEdv"][1:], g_v[1:])          # dE/dv_i (v_0 does not exist; author gets 0)
res[161] = close(loc["dEdc"][1:], g_c[1:])          # total dE/dc_i
res[164] = close(loc["dEdu"][1:], g_u[1:])          # total dE/du_i
res[172] = close(net.dEdWvc, fd_param("Wvc"))
g_Wuc = fd_param("Wuc")
res[173] = close(net.dEdWuc, g_Wuc)
res[174] = close(net.dEdWux, fd_param("Wux"))
res[178] = close(net.dEdbv, fd_param("bv"))
res[179] = close(net.dEdbu, fd_param("bu"))
res[226] = close(loc["dEdu"][1:], g_u[1:])          # the value stored in dEdu[i] and passed back
res[233] = close(err, E_true)                       # returned error vs the loss

exp = json.load(open(os.path.join(HERE, "expected.json")))["jfeatherstone_elman.md"]
allagree = True
for ln in sorted(int(k) for k in exp):
    ok = res[ln]
    want = exp[str(ln)]["expected"] == "pass"
    agree = (ok == want)
    allagree &= agree
    print(f"line {ln}: {'OK' if ok else 'MISMATCH'}  expected={exp[str(ln)]['expected']}  {'agrees' if agree else 'DISAGREES'}")
print("extra info: author dEdWuc vs FD max|diff| =", float(np.abs(net.dEdWuc - g_Wuc).max()),
      "; returned error / true loss =", float(err / E_true))
print("ALL VERDICTS AGREE" if allagree else "SOME VERDICTS DISAGREE")
