# FD / consistency check for en_seqmodels_chapter_bptt_gates.md (column-vector layout)
import numpy as np
rng = np.random.default_rng(3)
D, H, T = 3, 4, 6
sig = lambda a: 1/(1+np.exp(-a)); EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
Wxh = rng.normal(size=(H, D))*.6; Whh = rng.normal(size=(H, H))*.6; bh = rng.normal(size=H)*.2
Why = rng.normal(size=(2, H)); by = rng.normal(size=2)
X = rng.normal(size=(T+1, D)); h0 = np.zeros(H)
def rnn_from(h, k):               # run steps k+1..T starting from h_k (line 9)
    hs = [h]
    for t in range(k+1, T+1):
        h = np.tanh(Wxh @ X[t] + Whh @ h + bh); hs.append(h)
    return hs
hs = rnn_from(h0, 0)              # hs[t] = h_t
LT = lambda hT: 0.5*np.sum((Why @ hT + by)**2)   # a loss at step T
def jac(f, v):
    J = np.zeros((len(f(v)), len(v)))
    for j in range(len(v)):
        e = np.zeros(len(v)); e[j] = EPS; J[:, j] = (f(v+e) - f(v-e))/(2*EPS)
    return J
for t in range(1, T+1):
    J = jac(lambda v, t=t: np.tanh(Wxh @ X[t] + Whh @ v + bh), hs[t-1])
    chk(21, np.allclose(J, np.diag(1 - hs[t]**2) @ Whh, atol=1e-7))
k = 1
g_fd = np.array([(LT(rnn_from(hs[k]+e, k)[-1]) - LT(rnn_from(hs[k]-e, k)[-1]))/(2*EPS) for e in np.eye(H)*EPS])
gT = (Why.T @ (Why @ hs[T] + by))           # dL_T/dh_T
desc = np.eye(H); asc = np.eye(H)
for t in range(T, k, -1): desc = desc @ (np.diag(1 - hs[t]**2) @ Whh)   # J_T J_{T-1} ... J_{k+1}
for t in range(k+1, T+1): asc = asc @ (np.diag(1 - hs[t]**2) @ Whh)    # J_{k+1} ... J_T
chk(27, np.allclose(g_fd, gT @ desc, atol=1e-6))
print('  27: chain-ordered product (later steps left) matches FD:', np.allclose(g_fd, gT @ desc, atol=1e-6),
      '| literal ascending order would match:', np.allclose(g_fd, gT @ asc, atol=1e-6))
# LSTM: direct partial dc_t/dc_{t-1} with gates held fixed (line 58)
W = {k_: rng.normal(size=(H, D+H))*.5 for k_ in 'ifgo'}; b = {k_: rng.normal(size=H)*.2 for k_ in 'ifgo'}
x = rng.normal(size=D); hp = rng.normal(size=H)*.5; cp = rng.normal(size=H)
z = np.concatenate([x, hp])
i, f, o = (sig(W[k_] @ z + b[k_]) for k_ in 'ifo'); g = np.tanh(W['g'] @ z + b['g'])   # lines 44-47
c = f*cp + i*g; h = o*np.tanh(c)                                                          # lines 48-49
chk(58, np.allclose(jac(lambda v: f*v + i*g, cp), np.diag(f), atol=1e-8))
# code rows: lstm_forward (lines 102-106) equals the maths rows with stacked [i f g o] weights
W_ih = np.vstack([W[k_][:, :D] for k_ in 'ifgo']); W_hh = np.vstack([W[k_][:, D:] for k_ in 'ifgo'])
b_ih = np.concatenate([b[k_] for k_ in 'ifgo'])*0.5; b_hh = np.concatenate([b[k_] for k_ in 'ifgo'])*0.5
gates = x[None] @ W_ih.T + b_ih + hp[None] @ W_hh.T + b_hh
ci, cf, cg, co = np.split(gates, 4, axis=1)
ci, cf, cg, co = sig(ci), sig(cf), np.tanh(cg), sig(co)
cc = cf*cp + ci*cg; ch = co*np.tanh(cc)
for L_, ok in [(102, True), (103, True), (104, np.allclose(ci, i) and np.allclose(cf, f) and np.allclose(cg, g) and np.allclose(co, o)),
               (105, np.allclose(cc, c)), (106, np.allclose(ch, h))]:
    chk(L_, ok)
# rnn_forward (line 87) equals line 9 with W_xh = W_ih, b_h = b_ih + b_hh
hh = np.tanh(X[1][None] @ Wxh.T + 0.3*bh + h0[None] @ Whh.T + 0.7*bh)
chk(87, np.allclose(hh[0], hs[1]))
for line in sorted(res):
    print(line, 'OK' if res[line] else 'MISMATCH')
