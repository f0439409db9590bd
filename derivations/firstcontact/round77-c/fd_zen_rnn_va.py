# FD check of zen_rnn_va.md (section 4.1 of the 禅与计算机程序设计艺术 article).
# Column vectors: h_t = tanh(Whh h_{t-1} + Wxh x_t + bh), y_t = Why h_t + by, h_0 = 0.
# The article leaves L unspecified ("设损失函数为L"); we use L = sum_t L_t, L_t = 0.5*||y_t - d_t||^2,
# so delta^y_t = dL_t/dy_t = y_t - d_t.
import numpy as np
rng = np.random.default_rng(0)
nx, nh, ny, T = 3, 4, 2, 5
P = dict(Whh=rng.normal(0, .6, (nh, nh)), Wxh=rng.normal(0, .6, (nh, nx)), bh=rng.normal(0, .3, (nh, 1)),
         Why=rng.normal(0, .6, (ny, nh)), by=rng.normal(0, .3, (ny, 1)))
X = [rng.normal(size=(nx, 1)) for _ in range(T)]
D = [rng.normal(size=(ny, 1)) for _ in range(T)]

def forward(P, pert=None):
    h = [np.zeros((nh, 1))]; y = [None]; L = 0.0
    for t in range(1, T + 1):
        ht = np.tanh(P['Whh'] @ h[-1] + P['Wxh'] @ X[t-1] + P['bh'])
        if pert is not None and pert[0] == t: ht = ht + pert[1]
        h.append(ht); yt = P['Why'] @ ht + P['by']; y.append(yt)
        L += 0.5 * float(np.sum((yt - D[t-1])**2))
    return L, h, y

def fd_param(name, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += eps; Lp = forward(Q)[0]
        Q[name][idx] -= 2*eps; Lm = forward(Q)[0]; g[idx] = (Lp - Lm) / (2*eps)
    return g

def fd_h(t, eps=1e-6):   # total dL/dh_t (perturb h_t after the tanh)
    g = np.zeros((nh, 1))
    for i in range(nh):
        e = np.zeros((nh, 1)); e[i] = eps
        g[i] = (forward(P, (t, e))[0] - forward(P, (t, -e))[0]) / (2*eps)
    return g

L, h, y = forward(P)
dy = [None] + [y[t] - D[t-1] for t in range(1, T + 1)]          # delta^y_t
Dh = [None] + [fd_h(t) for t in range(1, T + 1)]                 # total dL/dh_t (numeric)
Dh_step = [None] + [P['Why'].T @ dy[t] for t in range(1, T + 1)] # delta^h_t as DEFINED on line 20: dL_t/dh_t
G = {k: fd_param(k) for k in P}
ok = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
def rep(line, name, a, b): print(f"line {line:>2} {name:<52} {'AGREE' if ok(a, b) else 'DISAGREE'}  (max|diff|={np.max(np.abs(a-b)):.2e})")

rep(9,  "dL/dWhy = sum_t dy_t h_t^T", sum(dy[t] @ h[t].T for t in range(1, T+1)), G['Why'])
rep(11, "dL/dby = sum_t dy_t", sum(dy[t] for t in range(1, T+1)), G['by'])
# line 13: dL/dh_t = Why^T dy_t + Whh^T delta^h_{t+1} (.) (1-h_t^2); check for t = 1..T-1
for label, dnext in [("delta^h as defined (dL_{t+1}/dh_{t+1})", Dh_step), ("charitable: delta^h = total dL/dh (numeric)", Dh)]:
    for grp in ["(Whh^T d)(.)(1-h_t^2)", "Whh^T (d(.)(1-h_t^2))"]:
        vals = []
        for t in range(1, T):
            d = dnext[t+1]
            r = (P['Whh'].T @ d) * (1 - h[t]**2) if grp.startswith("(Whh") else P['Whh'].T @ (d * (1 - h[t]**2))
            vals.append(ok(P['Why'].T @ dy[t] + r, Dh[t]))
        print(f"line 13 dL/dh_t, {label}, grouping {grp}: {'AGREE' if all(vals) else 'DISAGREE'} for t=1..T-1 {vals}")
# correct recursion for reference
vals = [ok(P['Why'].T @ dy[t] + P['Whh'].T @ (Dh[t+1] * (1 - h[t+1]**2)), Dh[t]) for t in range(1, T)]
print(f"   reference: dL/dh_t = Why^T dy_t + Whh^T (dL/dh_(t+1) (.) (1-h_(t+1)^2)) -> {'AGREE' if all(vals) else 'DISAGREE'}")
# lines 15/17/19 with the most charitable delta^h (total dL/dh, numeric)
rep(15, "dL/dWhh = sum_{t=0}^{T-1} delta^h_{t+1} h_t^T (total d)", sum(Dh[t+1] @ h[t].T for t in range(0, T)), G['Whh'])
rep(15, "  same with delta^h as defined (dL_{t+1}/dh_{t+1})", sum(Dh_step[t+1] @ h[t].T for t in range(0, T)), G['Whh'])
rep(17, "dL/dWxh = sum_t delta^h_t x_t^T (total d)", sum(Dh[t] @ X[t-1].T for t in range(1, T+1)), G['Wxh'])
rep(19, "dL/dbh = sum_t delta^h_t (total d)", sum(Dh[t] for t in range(1, T+1)), G['bh'])
da = [None] + [Dh[t] * (1 - h[t]**2) for t in range(1, T+1)]
rep(0, "reference dWhh = sum_t (dL/dh_t (.) (1-h_t^2)) h_{t-1}^T", sum(da[t] @ h[t-1].T for t in range(1, T+1)), G['Whh'])
rep(0, "reference dWxh = sum_t (dL/dh_t (.) (1-h_t^2)) x_t^T", sum(da[t] @ X[t-1].T for t in range(1, T+1)), G['Wxh'])
rep(0, "reference dbh  = sum_t dL/dh_t (.) (1-h_t^2)", sum(da[t] for t in range(1, T+1)), G['bh'])
