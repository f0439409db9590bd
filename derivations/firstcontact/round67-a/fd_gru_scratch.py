"""FD check for gru_scratch.md (Nishant2018/GRU-Scratch- notebook).
Runs the author's GRU class (extracted verbatim from the ```python fence of gru_scratch.md),
compares its accumulated gradients with central finite differences of the author's own loss,
and checks the per-line backward quantities against a hand-derived correct BPTT (itself FD-verified)."""
import re, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(HERE, "gru_scratch.md")).read()
code = re.search(r"```python\n(.*?)```", src, re.S).group(1)
ns = {"np": np}
exec(code, ns)
GRU = ns["GRU"]

rng = np.random.default_rng(0)
H, V, T = 3, 4, 4
g = GRU(H, V, T, 0.01)
# random, non-zero parameters (biases too) so that no term vanishes by accident
for name in ["Wz", "Wr", "Wa", "Wy"]:
    setattr(g, name, rng.normal(0, 0.6, getattr(g, name).shape))
for name in ["bz", "br", "ba", "by"]:
    setattr(g, name, rng.normal(0, 0.3, getattr(g, name).shape))
X = np.eye(V)[rng.integers(0, V, T)]
targets = list(rng.integers(0, V, T))
h0 = rng.normal(0, 0.5, (H, 1))          # a_prev == c_prev, as in the author's training loop
a_prev, c_prev = h0.copy(), h0.copy()

def loss_of(model):
    _, r, z, c, cc, a, y = model.forward(X, c_prev, a_prev)
    return model.loss(y, targets)

def fd_grad(model, name, eps=1e-6):
    P = getattr(model, name); G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]
        P[idx] = old + eps; lp = loss_of(model)
        P[idx] = old - eps; lm = loss_of(model)
        P[idx] = old
        G[idx] = (lp - lm) / (2 * eps)
    return G

def rel(a, b):
    return np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))

def report(line, what, a, b, expect):
    e = rel(a, b)
    ok = e < 1e-6
    print(f"line {line:>3} {what:<58} rel.err={e:9.2e} -> {'AGREE' if ok else 'DIFFER'} (expected {expect})")
    return ok

# ---------- forward (author's) ----------
Xo, r, z, c, cc, a, y = g.forward(X, c_prev, a_prev)

# helpers (lines 102, 115-119)
xs = rng.normal(size=(5, 1))
report(102, "sigmoid = 1/(1+exp(-x))", g.sigmoid(xs), 1/(1+np.exp(-xs)), "pass")
report(119, "softmax (shifted) sums to 1 and equals exp/sum exp", g.softmax(xs), np.exp(xs)/np.exp(xs).sum(), "pass")

# ---------- correct BPTT (reference), verified against FD ----------
def correct_bptt():
    grads = {k: np.zeros_like(getattr(g, k)) for k in ["Wz","Wr","Wa","Wy","bz","br","ba","by"]}
    per = {}
    gnext = np.zeros((H, 1))
    for t in reversed(range(T)):
        xt = X[t].reshape(-1, 1)
        aprev = a[t-1]; cprev = c[t-1]
        concat = np.vstack((aprev, xt)); q = np.vstack((r[t]*aprev, xt))
        dy = y[t].copy(); dy[targets[t]] -= 1
        grads["Wy"] += dy @ a[t].T; grads["by"] += dy
        ga = g.Wy.T @ dy + gnext                      # dL/da_t (total)
        dz_pre = ga * (cc[t] - cprev) * z[t] * (1 - z[t])
        dcc_pre = ga * z[t] * (1 - cc[t]**2)
        dq = g.Wa.T @ dcc_pre
        dr_pre = dq[:H] * aprev * r[t] * (1 - r[t])
        grads["Wz"] += dz_pre @ concat.T; grads["bz"] += dz_pre
        grads["Wr"] += dr_pre @ concat.T; grads["br"] += dr_pre
        grads["Wa"] += dcc_pre @ q.T;     grads["ba"] += dcc_pre
        gprev = ga * (1 - z[t]) + dq[:H] * r[t] + g.Wz[:, :H].T @ dz_pre + g.Wr[:, :H].T @ dr_pre
        per[t] = dict(ga=ga, gfut=gnext, dz_pre=dz_pre, dcc_pre=dcc_pre, dr_pre=dr_pre, concat=concat, q=q, gprev=gprev, dy=dy)
        gnext = gprev
    return grads, per

ref, per = correct_bptt()
fd = {k: fd_grad(g, k) for k in ["Wz","Wr","Wa","Wy","bz","br","ba","by"]}
print("-- reference BPTT vs FD (sanity of the yardstick) --")
for k in fd:
    print(f"   reference d{k:<3} vs FD rel.err={rel(ref[k], fd[k]):.2e}")

# ---------- author's backward, whole ----------
for k in ["dWz","dWr","dWa","dWy","dbz","dbr","dba","dby"]:
    setattr(g, k, np.zeros_like(getattr(g, k)))
g.backward(X, a_prev, c_prev, r, z, c, cc, a, y, targets)
print("-- author's accumulated gradients vs FD of the author's loss --")
report(202, "dWy += dy a[t]^T (accumulated)", g.dWy, fd["Wy"], "pass")
report(203, "dby += dy (accumulated)", g.dby, fd["by"], "pass")
def e2e(what, a_, b_):
    e = rel(a_, b_)
    print(f"end-to-end {what:<54} rel.err={e:9.2e} -> {'AGREE' if e < 1e-6 else 'DIFFER'} (consequence of fails at 210/211/216/221-223/226)")
e2e("author dWz (lines 210-213 combined) vs FD", g.dWz, fd["Wz"])
e2e("author dbz vs FD", g.dbz, fd["bz"])
e2e("author dWr (lines 216-218 combined) vs FD", g.dWr, fd["Wr"])
e2e("author dbr vs FD", g.dbr, fd["br"])
report(222, "author dWa accumulated vs FD", g.dWa, fd["Wa"], "fail")
report(223, "author dba accumulated vs FD", g.dba, fd["ba"], "fail")

# ---------- per-line checks at one time step, fed with CORRECT upstream values ----------
print("-- per-line checks (each line fed with correct inputs, t = 2) --")
t = 2; P = per[t]; xt = X[t].reshape(-1, 1)
# loss (245) and dy (198-199)
eps = 1e-6
def loss_from_logits(t0, logit):
    p = np.exp(logit - logit.max()); p /= p.sum(); return -np.log(p[targets[t0], 0])
logit = g.Wy @ a[t] + g.by
fdl = np.array([[(loss_from_logits(t, logit + eps*np.eye(V)[:, [i]]) - loss_from_logits(t, logit - eps*np.eye(V)[:, [i]]))/(2*eps)] for i in range(V)]).reshape(V, 1)
dy = np.copy(y[t]); dy[targets[t]] -= 1
report(199, "dy = y - onehot  == dL_t/dlogits", dy, fdl, "pass")
report(245, "loss = sum_t -log y_t[target]", np.array([g.loss(y, targets)]), np.array([sum(-np.log(y[k][targets[k],0]) for k in range(T))]), "pass")
# 206
report(206, "da = Wy^T dy + da_next (with correct da_next)", g.Wy.T @ dy + P["gfut"], P["ga"], "pass")
# 210
report(210, "concat = vstack(a_prev, xt)  vs [a_{t-1}; x_t]", np.vstack((a_prev, xt)), P["concat"], "fail")
# 211
da = P["ga"]
report(211, "dz = da*(a[t]-c[t])  vs dL/d(z preact)", da * (a[t] - c[t]), P["dz_pre"], "fail")
# 212/213/217/218: accumulation structure  sum_t outer(delta_preact, [a_{t-1};x_t])  with CORRECT deltas/concat vs FD
sWz = sum(per[k]["dz_pre"] @ per[k]["concat"].T for k in range(T)); sbz = sum(per[k]["dz_pre"] for k in range(T))
sWr = sum(per[k]["dr_pre"] @ per[k]["concat"].T for k in range(T)); sbr = sum(per[k]["dr_pre"] for k in range(T))
report(212, "sum_t outer(dz, concat) structure, correct inputs, vs FD dWz", sWz, fd["Wz"], "pass (structure)")
report(213, "sum_t dz structure, correct inputs, vs FD dbz", sbz, fd["bz"], "pass (structure)")
report(217, "sum_t outer(dr, concat) structure, correct inputs, vs FD dWr", sWr, fd["Wr"], "pass (structure)")
report(218, "sum_t dr structure, correct inputs, vs FD dbr", sbr, fd["br"], "pass (structure)")
# 216 (fed with correct dz)
dr_auth = da * (g.Wz[:, :H].T @ P["dz_pre"]) * (1 - r[t]) * r[t]
report(216, "dr = da*(Wz_h^T dz)*r(1-r)  vs dL/d(r preact)", dr_auth, P["dr_pre"], "fail")
# 221-223 (fed with correct dr, dz)
da2 = g.Wa[:, :H].T @ P["dr_pre"] + g.Wz[:, :H].T @ P["dz_pre"]
report(221, "da = Wa_h^T dr + Wz_h^T dz  vs dL/da_t", da2, P["ga"], "fail")
report(223, "da*(1-a[t]^2) (even with correct da) vs dL/d(cand preact)", P["ga"] * (1 - a[t]**2), P["dcc_pre"], "fail")
report(222, "outer(dcc_pre, concat) vs outer(dcc_pre, [r*a_{t-1};x])", P["dcc_pre"] @ P["concat"].T, P["dcc_pre"] @ P["q"].T, "fail")
# 226
dn = g.Wr[:, :H].T @ P["dr_pre"] + g.Wz[:, :H].T @ P["dz_pre"] + g.Wa[:, :H].T @ P["dcc_pre"]
report(226, "da_next = Wr_h^T dr + Wz_h^T dz + Wa_h^T da  vs dL/da_{t-1}|_t", dn, P["gprev"], "fail")
