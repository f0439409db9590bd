# FD check of khkim_lstm_vanishing_ko.md. Gates as on the sister page 06-lstm.md of the same site:
# i,f,o = sigma(W_q [x_t, h_{t-1}]), g = tanh(W_g [x_t, h_{t-1}]), no biases; c_t = f*c_{t-1} + i*g; h_t = o*tanh(c_t).
# "immediate" dc_i/dW_f = derivative holding c_{i-1}, h_{i-1}; one-step Jacobian dc_{j+1}/dc_j = through h_j = o_j tanh(c_j)
# with o_j held (the reading of the author's third row of dc_t/dc_{t-1}).
import numpy as np
rng = np.random.default_rng(3)
n, d, T = 3, 2, 4
sig = lambda a: 1/(1+np.exp(-a))
W = {q: rng.normal(0, .8, (n, d+n)) for q in 'ifog'}
X = rng.normal(size=(T+1, d))
def step(Wf, c, h, x):
    z = np.concatenate([x, h]); f = sig(Wf @ z); i = sig(W['i'] @ z); o = sig(W['o'] @ z); g = np.tanh(W['g'] @ z)
    cn = f*c + i*g; return cn, o*np.tanh(cn), (f, i, o, g)
def run(Wf):
    c, h = np.zeros(n), np.zeros(n); C, H, G = [c], [h], [None]
    for t in range(1, T+1):
        c, h, gg = step(Wf, c, h, X[t]); C.append(c); H.append(h); G.append(gg)
    return C, H, G
C, H, G = run(W['f']); eps = 1e-6
def jac_W(fun):  # d fun(Wf) / d Wf  -> (n, n, d+n)
    J = np.zeros((n,)+W['f'].shape)
    for idx in np.ndindex(W['f'].shape):
        Wp = W['f'].copy(); Wp[idx] += eps; Wm = W['f'].copy(); Wm[idx] -= eps
        J[(slice(None),)+idx] = (fun(Wp)-fun(Wm))/(2*eps)
    return J
t = T
total = jac_W(lambda Wf: run(Wf)[0][t])
imm = {i: jac_W(lambda Wf, i=i: step(Wf, C[i-1], H[i-1], X[i])[0]) for i in range(1, T+1)}
def J1(j):  # dc_{j+1}/dc_j, h_j = o_j tanh(c_j) with o_j held
    oj = G[j][2]
    f = lambda cj: step(W['f'], cj, oj*np.tanh(cj), X[j+1])[0]
    return np.array([(f(C[j]+eps*np.eye(n)[k])-f(C[j]-eps*np.eye(n)[k]))/(2*eps) for k in range(n)]).T
Js = {j: J1(j) for j in range(1, T)}
def chain(i):
    M = np.eye(n)
    for j in range(i, t): M = Js[j] @ M
    return np.einsum('ab,bkl->akl', M, imm[i])
rhs = sum(chain(i) for i in range(1, t+1))
print(f"L14-20 (rows 1-3 of dc_t/dW_f): total vs sum_i prod_j dc_(j+1)/dc_j * imm dc_i/dW_f  maxdiff={np.abs(total-rhs).max():.2e}")
print(f"       (the path h_k -> o_(k+1) -> h_(k+1) -> gates at k+2 bypasses c_(k+1); total itself: max|.|={np.abs(total).max():.2e})")
# L24-26: dc_t/dc_{t-1} product rule through h_{t-1} (o_{t-1} held)
j = t-1; f, i_, o, g = G[t]; oj = G[j][2]
z = np.concatenate([X[t], H[j]])
dsf = f*(1-f); dsi = i_*(1-i_); dg = 1-g**2
dh_dc = np.diag(oj*(1-np.tanh(C[j])**2))
df_dh = (dsf[:, None]*W['f'][:, d:]); di_dh = (dsi[:, None]*W['i'][:, d:]); dgdh = (dg[:, None]*W['g'][:, d:])
row3 = (df_dh @ dh_dc)*C[j][:, None] + np.diag(f) + (di_dh @ dh_dc)*g[:, None] + i_[:, None]*(dgdh @ dh_dc)
print(f"L24-26 dc_t/dc_(t-1) (product rule, third row)  maxdiff={np.abs(J1(j)-row3).max():.2e}")
print(f"   |J - diag(f_t)| = {np.abs(J1(j)-np.diag(f)).max():.2e}  (the 'approx f_t' row is not annotated)")
# L31: dc_t/dW_f = sum_i dc_1/dW_f prod_{j=1}^{i-1} f_{j+1}  vs the approximate form sum_i imm_i prod_{j=i}^{t-1} f_{j+1}
auth = sum(imm[1]*np.prod([G[j+1][0] for j in range(1, i)] or [np.ones(n)], axis=0)[:, None, None] for i in range(1, t+1))
appr = sum(imm[i]*np.prod([G[j+1][0] for j in range(i, t)] or [np.ones(n)], axis=0)[:, None, None] for i in range(1, t+1))
print(f"L31 author vs its own approximation (c_1 for c_i, range 1..i-1)  maxdiff={np.abs(auth-appr).max():.2e}")
print(f"L31 author vs total  maxdiff={np.abs(auth-total).max():.2e}")
