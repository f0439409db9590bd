# FD check for goodfellow_zh_rnn.md (column vectors; a=b+W h_{t-1}+U x_t, h=tanh(a), o=c+V h, yhat=softmax(o),
# L = sum_t -log yhat_{y_t}).  Author's formulas are evaluated as written and compared with finite differences.
import numpy as np
rng = np.random.default_rng(0)
n_in, n_h, n_o, T = 3, 4, 5, 4
P = dict(U=rng.normal(size=(n_h, n_in))*.7, W=rng.normal(size=(n_h, n_h))*.7, V=rng.normal(size=(n_o, n_h))*.7,
         b=rng.normal(size=n_h)*.3, c=rng.normal(size=n_o)*.3)
X = rng.normal(size=(T, n_in)); Y = rng.integers(0, n_o, size=T); h0 = rng.normal(size=n_h)*.5

def fwd(P, h0=h0):
    hs=[h0]; os=[]; yh=[]; L=0.
    for t in range(T):
        a = P['b'] + P['W']@hs[-1] + P['U']@X[t]
        h = np.tanh(a); o = P['c'] + P['V']@h
        p = np.exp(o-o.max()); p/=p.sum()
        hs.append(h); os.append(o); yh.append(p); L += -np.log(p[Y[t]])
    return L, hs, os, yh

def fd(name, eps=1e-6):
    g = np.zeros_like(P[name]); it = np.nditer(P[name], flags=['multi_index'])
    for _ in it:
        i = it.multi_index; Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][i] += eps; Pm[name][i] -= eps
        g[i] = (fwd(Pp)[0]-fwd(Pm)[0])/(2*eps)
    return g

L, hs, os, yh = fwd(P)
# true dL/dh_t by finite differences on h_t (perturb the state and rerun the rest)
def L_from(t, h):  # loss of steps t..T-1 plus step t-1's output, with h_t (1-based t) replaced
    Lp = 0.
    for s in range(T):
        pass
def dLdh_fd(t, eps=1e-6):  # t in 1..T
    g = np.zeros(n_h)
    for k in range(n_h):
        tot = []
        for sgn in (1, -1):
            hcur = hs[t].copy(); hcur[k] += sgn*eps; Ls = 0.
            o = P['c'] + P['V']@hcur; p = np.exp(o-o.max()); p/=p.sum(); Ls += -np.log(p[Y[t-1]])
            hp = hcur
            for s in range(t, T):
                h = np.tanh(P['b'] + P['W']@hp + P['U']@X[s]); o = P['c'] + P['V']@h
                p = np.exp(o-o.max()); p/=p.sum(); Ls += -np.log(p[Y[s]]); hp = h
            tot.append(Ls)
        g[k] = (tot[0]-tot[1])/(2*eps)
    return g

def onehot(k): e = np.zeros(n_o); e[k] = 1; return e
res = {}
# line 20: (grad_o L)_i = yhat_i - y (y read as the one-hot target)
go = [yh[t-1] - onehot(Y[t-1]) for t in range(1, T+1)]
go_fd = []
for t in range(1, T+1):
    g = np.zeros(n_o)
    for k in range(n_o):
        vals = []
        for sgn in (1, -1):
            o = os[t-1].copy(); o[k] += sgn*1e-6; p = np.exp(o-o.max()); p/=p.sum(); vals.append(-np.log(p[Y[t-1]]))
        g[k] = (vals[0]-vals[1])/2e-6
    go_fd.append(g)
res['line 20 grad_o'] = max(np.abs(go[i]-go_fd[i]).max() for i in range(T))
true_gh = {t: dLdh_fd(t) for t in range(1, T+1)}
# line 27: grad_h(tau) = V^T grad_o(tau)
res['line 27 grad_h(tau)'] = np.abs(P['V'].T@go[T-1] - true_gh[T]).max()
# line 31 as written: (d h^(t) / d h^(t+1))^T grad_{h(t+1)} + V^T grad_o  (inverse Jacobian)
# line 37 as written: W^T (grad_{h(t+1)}) diag(1-h(t+1)^2) + V^T grad_o, read as diag applied after W^T g
err31 = err37 = err_ok = 0.
for t in range(1, T):
    J = np.diag(1-hs[t+1]**2)@P['W']            # d h^(t+1) / d h^(t)
    gnext = true_gh[t+1]
    g31 = np.linalg.inv(J).T@gnext + P['V'].T@go[t-1]
    g37 = np.diag(1-hs[t+1]**2)@(P['W'].T@gnext) + P['V'].T@go[t-1]
    gok = P['W'].T@(np.diag(1-hs[t+1]**2)@gnext) + P['V'].T@go[t-1]
    err31 = max(err31, np.abs(g31-true_gh[t]).max()); err37 = max(err37, np.abs(g37-true_gh[t]).max())
    err_ok = max(err_ok, np.abs(gok-true_gh[t]).max())
res['line 31 inverse-Jacobian recursion'] = err31
res['line 37 W^T g diag(...) (diag after W^T)'] = err37
res['(reference) correct W^T diag(1-h^2) g + V^T grad_o'] = err_ok
D = {t: np.diag(1-hs[t]**2)@true_gh[t] for t in range(1, T+1)}
res['line 43 grad_c'] = np.abs(sum(go) - fd('c')).max()
res['line 51 grad_b'] = np.abs(sum(D.values()) - fd('b')).max()
res['line 59 grad_V final sum_t grad_o h^T'] = np.abs(sum(np.outer(go[t-1], hs[t]) for t in range(1, T+1)) - fd('V')).max()
# line 59 middle: "= grad_V o_i^(t)" : the Jacobian of one output entry w.r.t. V (e.g. i=0, t=T) is e_i h^T, not grad_V L
res['line 59 middle  grad_V L = grad_V o_i^(t)  (i=0,t=T)'] = np.abs(np.outer(np.eye(n_o)[0], hs[T]) - fd('V')).max()
res['line 74 grad_W'] = np.abs(sum(np.outer(D[t], hs[t-1]) for t in range(1, T+1)) - fd('W')).max()
res['line 88 grad_U'] = np.abs(sum(np.outer(D[t], X[t-1]) for t in range(1, T+1)) - fd('U')).max()
for k, v in res.items():
    print(f"{k:60s} maxerr={v:.2e}  {'AGREE' if v < 1e-5 else 'DISAGREE'}")
