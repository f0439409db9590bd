# FD check of cs6180_lstm_guide.md. Column vectors; gates W_* on h^{(t-1)}, U_* on e^{(t)};
# loss L = sum_t L^{(t)}, L^{(t)} = CE(softmax(P h^{(t)} + b2), y_t)  (the guide's RNN output layer, sec. 1.1)
import numpy as np
rng = np.random.default_rng(1)
n, d, V, T = 4, 3, 5, 10
sig = lambda a: 1/(1+np.exp(-a)); tanh = np.tanh
P = {k: rng.normal(0, .6, (n, n)) for k in ['Wf', 'Wi', 'Wo', 'Wc']}
P.update({k: rng.normal(0, .6, (n, d)) for k in ['Uf', 'Ui', 'Uo', 'Uc']})
P.update({k: rng.normal(0, .3, n) for k in ['bf', 'bi', 'bo', 'bc']})
P['P'] = rng.normal(0, .6, (V, n)); P['b2'] = rng.normal(0, .3, V)
E = rng.normal(size=(T+1, d)); Y = rng.integers(0, V, T+1)
def fwd(P, off=None, only=None):
    off = off or {}; o = lambda k, t: off.get((k, t), 0.0)
    h = {0: np.zeros(n)}; c = {0: np.zeros(n)}; G = {}; Ls = {}
    for t in range(1, T+1):
        f = sig(P['Wf'] @ h[t-1] + P['Uf'] @ E[t] + P['bf']) + o('f', t)
        i = sig(P['Wi'] @ h[t-1] + P['Ui'] @ E[t] + P['bi'])
        og = sig(P['Wo'] @ h[t-1] + P['Uo'] @ E[t] + P['bo'])
        ct = tanh(P['Wc'] @ h[t-1] + P['Uc'] @ E[t] + P['bc'])
        c[t] = f*c[t-1] + i*ct + o('c', t)
        h[t] = og*tanh(c[t]) + o('h', t)
        G[t] = (f, i, og, ct)
        z = P['P'] @ h[t] + P['b2']; z = z - z.max(); Ls[t] = -(z[Y[t]] - np.log(np.exp(z).sum()))
    L = sum(Ls.values()) if only is None else Ls[only]
    return L, h, c, G
def fdn(k, t, only=None, eps=1e-6):
    return np.array([(fwd(P, {(k, t): eps*np.eye(n)[j]}, only)[0]-fwd(P, {(k, t): -eps*np.eye(n)[j]}, only)[0])/(2*eps) for j in range(n)])
rep = lambda s, a, b: print(f"{s:62s} maxdiff={np.max(np.abs(a-b)):.2e}")
L, h, c, G = fwd(P)
dc = {t: fdn('c', t) for t in range(1, T+1)}; dh = {t: fdn('h', t) for t in range(1, T+1)}; df = {t: fdn('f', t) for t in range(1, T+1)}
t = 5
# L80 / L124: dc^{(t)}/dc^{(t-1)}: direct partial = diag(f); total Jacobian (through h^{(t-1)} into the gates) differs
eps = 1e-6
def c_of_cprev(cp, hp, t):
    f = sig(P['Wf'] @ hp + P['Uf'] @ E[t] + P['bf']); i = sig(P['Wi'] @ hp + P['Ui'] @ E[t] + P['bi']); ct = tanh(P['Wc'] @ hp + P['Uc'] @ E[t] + P['bc'])
    return f*cp + i*ct
Jdir = np.array([(c_of_cprev(c[t-1]+eps*np.eye(n)[j], h[t-1], t)-c_of_cprev(c[t-1]-eps*np.eye(n)[j], h[t-1], t))/(2*eps) for j in range(n)]).T
rep("L80/L124 direct partial dc^t/dc^{t-1} vs diag(f^t)", Jdir, np.diag(G[t][0]))
og_prev = G[t-1][2]
def c_tot(cp):  # h^{(t-1)} recomputed from c^{(t-1)}
    return c_of_cprev(cp, og_prev*tanh(cp), t)
Jtot = np.array([(c_tot(c[t-1]+eps*np.eye(n)[j])-c_tot(c[t-1]-eps*np.eye(n)[j]))/(2*eps) for j in range(n)]).T
rep("   (total Jacobian, for comparison, vs diag(f^t))", Jtot, np.diag(G[t][0]))
# L88: dL/dc^{(t-K)} = dL/dc^{(t)} * prod_{j=0}^{K-1} f^{(t-j)}   (L the total loss)
tt, K = 8, 3
prod = np.prod([G[tt-j][0] for j in range(K)], axis=0)
rep("L88 dL/dc^{t-K} = dL/dc^t prod f", dc[tt-K], dc[tt]*prod)
# L107: dL/dW_f = sum_t dL/df^t * df^t/dW_f  (df/dW_f direct: sigma' outer h^{t-1})
G_fd = np.zeros_like(P['Wf'])
for idx in np.ndindex(P['Wf'].shape):
    P['Wf'][idx] += eps; a = fwd(P)[0]; P['Wf'][idx] -= 2*eps; b = fwd(P)[0]; P['Wf'][idx] += eps; G_fd[idx] = (a-b)/(2*eps)
rep("L107 dL/dW_f = sum_t dL/df^t df^t/dW_f", G_fd, sum(np.outer(df[t]*G[t][0]*(1-G[t][0]), h[t-1]) for t in range(1, T+1)))
# L111/L115: dL/df^t = dL/dc^t * c^{t-1}
rep("L111/L115 dL/df^t = dL/dc^t * c^{t-1}", df[t], dc[t]*c[t-1])
# L119/L122/L124: dL/dc^t = dL/dh^t * o(1-tanh^2 c) + dL/dc^{t+1} * f^{t+1}
rep("L119 recursion (dL/dh^t total)", dc[t], dh[t]*G[t][2]*(1-tanh(c[t])**2) + dc[t+1]*G[t+1][0])
# L141 / L149: dL^{(t)}/dc^{(t-k)} = dL^{(t)}/dh^{(t)} dh/dc prod f
for (tt, k) in [(7, 3), (10, 8)]:
    lhs = fdn('c', tt-k, only=tt); dhT = fdn('h', tt, only=tt)
    rhs = dhT*G[tt][2]*(1-tanh(c[tt])**2)*np.prod([G[i][0] for i in range(tt-k+1, tt+1)], axis=0)
    rep(f"L141/L149 dL^({tt})/dc^({tt-k}) cell-path-only formula", lhs, rhs)
# L51 worked numbers: c = f*0.8 + i*(-0.6) = 0.2 for f = i = 1
print("L51 f=i=1: 1*0.8 + 1*(-0.6) =", 0.8-0.6)
