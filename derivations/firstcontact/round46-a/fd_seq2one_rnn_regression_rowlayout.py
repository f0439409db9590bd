"""Finite-difference check of seq2one_rnn_regression_rowlayout.md (numpy only).

The python fence is exec'd (matplotlib and tqdm, imported but unused, are satisfied by empty stub modules
in this harness only).  The author's RNN.forward and MSELoss produce the stored states.  Every annotated
statement is re-evaluated from ITS OWN TEXT in the .md file (the right-hand side is eval'd) with TRUE
upstream quantities substituted (local judgement).  Truths come from central differences of an
independent forward  s_t = x_t W_t + a_{t-1} R_t + bs_t^T, a_t = tanh(s_t), y = a_T V + by^T,
L = mean((y_true - y)^2)  in which each step has its own copy of W, R, bs (giving the per-step parts)
and an additive hook on every s_t.
"""
import os, re, sys, json, types
from types import SimpleNamespace as NS
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "seq2one_rnn_regression_rowlayout.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
s = lines.index("```python"); e = lines.index("```", s + 1)
for mname in ["matplotlib", "matplotlib.pyplot", "tqdm"]:
    sys.modules[mname] = types.ModuleType(mname)
sys.modules["matplotlib"].pyplot = sys.modules["matplotlib.pyplot"]
G = {}
exec(compile("\n".join(lines[s + 1:e]), "<fence>", "exec"), G)

def rhs(ln):
    t = lines[ln - 1].strip()
    if t.startswith("return "):
        return t[len("return "):]
    return re.match(r"^[A-Za-z_][\w\.\[\]'\"]*\s*(\+=|=)\s*(.*)$", t).group(2)
def ev(ln, **ns):
    env = {"np": np}; env.update(ns)
    return eval(rhs(ln), env)

rng = np.random.default_rng(4625)
T, N, D, H, K = 4, 3, 2, 3, 1
x = rng.normal(size=(T, N, D)); y_true = rng.normal(size=(N, K))
net = G["RNN"](D, H, K)
net.W = rng.normal(size=(D, H)); net.R = rng.normal(size=(H, H)) * 0.7; net.bs = rng.normal(size=(H, 1))
net.V = rng.normal(size=(H, K)); net.by = rng.normal(size=(K, 1))
Wt = [net.W.copy() for _ in range(T)]; Rt = [net.R.copy() for _ in range(T)]; bst = [net.bs.copy() for _ in range(T)]
V = net.V.copy(); by = net.by.copy()
Es = np.zeros((T, N, H)); Y = [None]

def ref(Wt, Rt, bst, V, by, Es, yhook=None):
    a = np.zeros((N, H)); S_ = []; A_ = [a]
    for t in range(T):
        st = x[t] @ Wt[t] + a @ Rt[t] + bst[t].T + Es[t]
        a = np.tanh(st); S_.append(st); A_.append(a)
    y = a @ V + by.T + (0 if yhook is None else yhook)
    return float(np.mean((y_true - y) ** 2)), S_, A_, y

def num_grad(fun, arr, eps=1e-6):
    out = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old + eps; lp = fun(); arr[idx] = old - eps; lm = fun(); arr[idx] = old
        out[idx] = (lp - lm) / (2 * eps)
    return out

f = lambda: ref(Wt, Rt, bst, V, by, Es)[0]
Lref, Sref, Aref, yref = ref(Wt, Rt, bst, V, by, Es)
dS = num_grad(f, Es)                                   # true delta_t = dL/ds_t
dWt = [num_grad(f, Wt[t]) for t in range(T)]; dRt = [num_grad(f, Rt[t]) for t in range(T)]
dbst = [num_grad(f, bst[t]) for t in range(T)]
dV = num_grad(f, V); dby = num_grad(f, by)
yh = np.zeros((N, K)); dY = num_grad(lambda: ref(Wt, Rt, bst, V, by, Es, yh)[0], yh)
Wtie = net.W.copy(); dW_tot = num_grad(lambda: ref([Wtie] * T, Rt, bst, V, by, Es)[0], Wtie)
Rtie = net.R.copy(); dR_tot = num_grad(lambda: ref(Wt, [Rtie] * T, bst, V, by, Es)[0], Rtie)
btie = net.bs.copy(); db_tot = num_grad(lambda: ref(Wt, Rt, [btie] * T, V, by, Es)[0], btie)

# author's forward and loss
y_hat = net.forward(x)
loss = G["MSELoss"]()
Lauth = loss.forward(y_hat, y_true)

def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)
res = {}
def rec(ln, ok): res[ln] = "pass" if ok else "fail"

a0 = ev(39, np=np, self=NS(hidden_size=H), batch_size=N)
rec(39, close(a0[0], np.zeros((N, H))))
ok41 = ok42 = True
for i in range(T):
    me = NS(W=net.W, R=net.R, bs=net.bs, a={i: Aref[i]})
    ok41 &= close(ev(41, self=me, x=x, i=i), Sref[i])
    ok42 &= close(ev(42, s_t=Sref[i]), Aref[i + 1])
rec(41, ok41); rec(42, ok42)
rec(45, close(ev(45, self=NS(V=net.V, by=net.by), a_t=Aref[T]), yref) and close(y_hat, yref))
rec(147, np.isclose(ev(147, self=NS(y_true=y_true, y_hat=yref)), Lref) and np.isclose(Lauth, Lref))
res157 = ev(157, self=NS(y_true=y_true, y_hat=yref))
rec(157, close(res157, dY[:, 0]))
rec(158, close(ev(158, res=dY[:, 0]), dY))
me = NS(a={i: Aref[i] for i in range(T + 1)}, V=net.V, R=net.R, by=net.by, x=x)
i = T - 1
rec(64, close(ev(64, self=me, i=i, d_loss=dY), dV))
rec(65, close(ev(65, self=me, d_loss=dY), dby))
rec(66, close(ev(66, self=me, i=i, d_loss=dY), dS[T - 1]))
rec(68, all(close(ev(68, self=me, i=i, delta_t=dS[i + 1]), dS[i]) for i in range(T - 1)))
rec(71, all(close(ev(71, self=me, i=i, delta_t=dS[i]), dWt[i]) for i in range(T)))
rec(72, all(close(ev(72, self=me, i=i, delta_t=dS[i]), dRt[i]) for i in range(T)))
dbs_slot = np.zeros((T, H, 1))
rec(73, all(close(ev(73, self=me, i=i, delta_t=dS[i], dbs=dbs_slot), dbst[i]) for i in range(T)))
rec(88, close(ev(88, grad=np.stack(dWt)), dW_tot) and close(ev(88, grad=np.stack(dRt)), dR_tot)
        and close(ev(88, grad=np.stack(dbst)), db_tot))

# the author's full backward, for information only (not a verdict)
g_auth = net.backward(loss.backward())
print("info: author's backward vs FD totals:", close(g_auth["dW"].sum(0), dW_tot), close(g_auth["dR"].sum(0), dR_tot),
      close(g_auth["dbs"].sum(0), db_tot), close(g_auth["dV"], dV), close(g_auth["dby"], dby))

bad = 0
for ln in sorted(int(k) for k in expected):
    got = res.get(ln); ok = got == expected[str(ln)]["expected"]; bad += not ok
    print(ln, "OK" if ok else "MISMATCH", f"(computed {got}, expected {expected[str(ln)]['expected']})")
missing = set(res) - set(int(k) for k in expected)
if missing: print("checked but not in expected.json:", sorted(missing))
print("ALL AGREE" if bad == 0 and not missing else f"{bad} disagreements")
