# Finite-difference check of mit6390_rnn_bptt.tex (MIT 6.390 notes, BPTT section).
# Model (author's): z1_t = Wsx x_t + Wss s_{t-1} + W0ss ; s_t = tanh(z1_t) ; z2_t = Wo s_t + W0o ; g_t = softmax(z2_t)
# L_seq = sum_t L_elt(g_t, y_t), NLL.  Denominator layout: d(scalar)/d(vector) is a column; ds_t/ds_{t-1} is (m x m)
# with entry (i,j) = d s_{t,j} / d s_{t-1,i}  (so it is the transpose of the numerator Jacobian).
import numpy as np
rng = np.random.default_rng(0)
l, m, v, n = 3, 4, 5, 4
P = dict(Wsx=rng.normal(size=(m, l)) * .5, Wss=rng.normal(size=(m, m)) * .5, W0ss=rng.normal(size=m) * .3,
         Wo=rng.normal(size=(v, m)) * .5, W0o=rng.normal(size=v) * .3)
X = rng.normal(size=(n + 1, l)); Y = np.zeros((n + 1, v))
for t in range(1, n + 1): Y[t, rng.integers(v)] = 1
s0 = rng.normal(size=m) * .3

def fwd(P, s0=s0):
    s = [s0]; z1 = [None]; z2 = [None]; g = [None]; L = [None]
    for t in range(1, n + 1):
        z1.append(P['Wsx'] @ X[t] + P['Wss'] @ s[-1] + P['W0ss']); s.append(np.tanh(z1[-1]))
        z2.append(P['Wo'] @ s[-1] + P['W0o']); e = np.exp(z2[-1] - z2[-1].max()); g.append(e / e.sum())
        L.append(-np.log(g[-1] @ Y[t]))
    return s, z1, z2, g, L

def loss(P, lo=1, s0=s0):  # sum_{u>=lo} L_u
    return sum(fwd(P, s0)[4][lo:])

def fdgrad(f, A, h=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        A[idx] += h; fp = f(); A[idx] -= 2 * h; fm = f(); A[idx] += h
        G[idx] = (fp - fm) / (2 * h)
    return G

s, z1, z2, g, L = fwd(P)
# future-loss gradient delta^{s_t} = dF_t/ds_t by FD: perturb s_t and rerun from t+1
def F_from_state(t, st):  # F_t as function of s_t (total, through later states)
    tot = 0.; sc = st.copy()
    for u in range(t + 1, n + 1):
        sc = np.tanh(P['Wsx'] @ X[u] + P['Wss'] @ sc + P['W0ss'])
        zz = P['Wo'] @ sc + P['W0o']; e = np.exp(zz - zz.max()); gg = e / e.sum(); tot += -np.log(gg @ Y[u])
    return tot
def Lt_of_state(t, st):
    zz = P['Wo'] @ st + P['W0o']; e = np.exp(zz - zz.max()); gg = e / e.sum(); return -np.log(gg @ Y[t])
dFd = {}
for t in range(0, n + 1):
    st = s[t].copy(); dFd[t] = fdgrad(lambda: F_from_state(t, st), st)
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
res = {}
# line 75: delta^{s_n} = 0
res['75 delta^{s_n}=0'] = ok(dFd[n], 0)
# line 87: dL_t/ds_t = (dz2/ds_t)(dL/dz2) = Wo^T (g_t - y_t)
t = 2; st = s[t].copy()
res['87 dLt/ds_t = Wo^T dL/dz2'] = ok(fdgrad(lambda: Lt_of_state(t, st), st), P['Wo'].T @ (g[t] - Y[t]))
res['156 dLt/dz2 = g - y'] = ok(fdgrad(lambda: -np.log((lambda e: e / e.sum())(np.exp(zz)) @ Y[t]), zz := z2[t].copy()), g[t] - Y[t])
# line 108: ds_t/ds_{t-1} (denominator layout, (i,j) = ds_{t,j}/ds_{t-1,i}) = Wss^T diag(f'(z1_t))
J = np.zeros((m, m)); sp = s[t - 1].copy()
for i in range(m):
    e = np.zeros(m); e[i] = 1e-6
    J[i] = (np.tanh(P['Wsx'] @ X[t] + P['Wss'] @ (sp + e) + P['W0ss']) - np.tanh(P['Wsx'] @ X[t] + P['Wss'] @ (sp - e) + P['W0ss'])) / 2e-6
D = np.diag(1 - s[t] ** 2)
res['108 ds_t/ds_{t-1} = Wss^T ds/dz'] = ok(J, P['Wss'].T @ D)
# lines 82/120: delta^{s_{t-1}} = Wss^T D (Wo^T dL_t/dz2 + delta^{s_t})
for t in range(1, n + 1):
    D = np.diag(1 - s[t] ** 2)
    res[f'120 delta recursion t={t}'] = ok(dFd[t - 1], P['Wss'].T @ D @ (P['Wo'].T @ (g[t] - Y[t]) + dFd[t]))
# line 79: delta^{s_{t-1}} = d/ds_{t-1} sum_{u>=t} L_u  (same thing as dFd, definition)
# lines 42-57 + 144/146: dL_seq/dW = sum_t (dz1_t/dW)(ds_t/dz1_t)(dF_{t-1}/ds_t); dz1/dWss contracts as outer product with s_{t-1}
for name, inp in (('Wss', lambda t: s[t - 1]), ('Wsx', lambda t: X[t])):
    G = fdgrad(lambda: loss(P), P[name])
    acc = sum(np.outer((1 - s[t] ** 2) * (P['Wo'].T @ (g[t] - Y[t]) + dFd[t]), inp(t)) for t in range(1, n + 1))
    res[f'145/148 dLseq/d{name}'] = ok(G, acc)
    # line 47/51/56: sum_t ds_t/dW (immediate) * sum_{u>=t} dL_u/ds_t ; note dL_t/ds_t + delta^{s_t} = dF_{t-1}/ds_t
    res[f'57 sum_t ds_t/dW (dL_t/ds_t + delta) {name}'] = ok(G, acc)
# line 159: dLseq/dWo = sum_t (g_t - y_t) s_t^T
res['159 dLseq/dWo'] = ok(fdgrad(lambda: loss(P), P['Wo']), sum(np.outer(g[t] - Y[t], s[t]) for t in range(1, n + 1)))
# check the decomposition F_{t-1} gradient = dL_t/ds_t + delta^{s_t} (line 120 underbrace)
for t in range(1, n + 1):
    st = s[t].copy()
    res[f'120 underbrace dF_(t-1)/ds_t t={t}'] = ok(fdgrad(lambda: Lt_of_state(t, st) + F_from_state(t, st), st), P['Wo'].T @ (g[t] - Y[t]) + dFd[t])
for k, vv in res.items(): print('PASS' if vv else 'FAIL', k)
