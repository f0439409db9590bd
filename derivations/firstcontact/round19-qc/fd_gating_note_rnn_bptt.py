# FD checks for gating_note_rnn_bptt.md (column vectors; a_t = U h_{t-1} + W x_t + b, h_t = tanh a_t, o_t = V h_t + c,
# L = sum_t l_t(o_t, y_t); here l_t = softmax cross-entropy; bars are total gradients of L)
import numpy as np
rng = np.random.default_rng(2)
m, d, k, T = 2, 3, 4, 5
U = rng.normal(size=(d,d))*0.6; W = rng.normal(size=(d,m)); b = rng.normal(size=d)
V = rng.normal(size=(k,d)); c = rng.normal(size=k); X = rng.normal(size=(T+1,m)); h0 = rng.normal(size=d)*0.3
Y = rng.integers(k, size=T+1)
def sm(o): e=np.exp(o-o.max()); return e/e.sum()
def run(P=None, pert=None):
    U_,W_,b_,V_,c_,X_ = P if P else (U,W,b,V,c,X)
    h = h0.copy(); H={0:h}; A={}; O={}; L=0
    for t in range(1,T+1):
        a = U_@h + W_@X_[t] + b_
        if pert and pert[0]=='a' and pert[1]==t: a = a + pert[2]
        h = np.tanh(a)
        if pert and pert[0]=='h' and pert[1]==t: h = h + pert[2]
        o = V_@h + c_; L += -np.log(sm(o)[Y[t]]); H[t]=h; A[t]=a; O[t]=o
    return L, H, A, O
L, H, A, O = run()
def g_state(kind, t, n):
    g=np.zeros(n)
    for i in range(n):
        e=np.zeros(n); e[i]=1e-6; g[i]=(run(pert=(kind,t,e))[0]-run(pert=(kind,t,-e))[0])/2e-6
    return g
def g_par(idx):
    P=[U.copy(),W.copy(),b.copy(),V.copy(),c.copy(),X.copy()]; G=np.zeros_like(P[idx])
    for i in np.ndindex(G.shape):
        P2=[p.copy() for p in P]; P2[idx][i]+=1e-6; P3=[p.copy() for p in P]; P3[idx][i]-=1e-6
        G[i]=(run(P2)[0]-run(P3)[0])/2e-6
    return G
ok=lambda a,b_: np.allclose(a,b_,atol=1e-6)
q = {t: sm(O[t]) - np.eye(k)[Y[t]] for t in range(1,T+1)}          # q_t = grad_{o_t} l_t
hb = {t: g_state('h',t,d) for t in range(1,T+1)}; ab = {t: g_state('a',t,d) for t in range(1,T+1)}
ab[T+1] = np.zeros(d)
print('hbar recursion V^T q + U^T abar_{t+1}:', all(ok(hb[t], V.T@q[t] + U.T@ab[t+1]) for t in range(1,T+1)))
x0=0.3; print('tanh quotient & derivative:', np.isclose(np.tanh(x0),(np.exp(2*x0)-1)/(np.exp(2*x0)+1)), np.isclose(4*np.exp(2*x0)/(np.exp(2*x0)+1)**2, 1-np.tanh(x0)**2))
print('abar = hbar*(1-h^2):', all(ok(ab[t], hb[t]*(1-H[t]**2)) for t in range(1,T+1)))
J = {t: np.diag(1-H[t]**2)@U for t in range(1,T+1)}
# Jacobian dh_t/dh_{t-1} by FD
t=3; Jn=np.zeros((d,d))
for j in range(d):
    e=np.zeros(d); e[j]=1e-6
    hp=np.tanh(U@(H[t-1]+e)+W@X[t]+b); hm=np.tanh(U@(H[t-1]-e)+W@X[t]+b); Jn[:,j]=(hp-hm)/2e-6
print('J_t = D_t U:', ok(Jn, J[t]))
J[T+1]=np.zeros((d,d)); hb[T+1]=np.zeros(d)
print('boxed recursion with J^T:', all(ok(hb[t], V.T@q[t] + J[t+1].T@hb[t+1]) for t in range(1,T+1)))
def expand(s):
    tot=np.zeros(d)
    for t in range(s,T+1):
        M=np.eye(d)
        for u in range(t, s, -1): M = M@J[u]       # J_t J_{t-1} ... J_{s+1}
        tot += M.T@V.T@q[t]
    return tot
print('expansion:', all(ok(hb[s], expand(s)) for s in range(1,T+1)))
print('grad U:', ok(g_par(0), sum(np.outer(ab[t],H[t-1]) for t in range(1,T+1))))
print('grad W, b:', ok(g_par(1), sum(np.outer(ab[t],X[t]) for t in range(1,T+1))), ok(g_par(2), sum(ab[t] for t in range(1,T+1))))
print('grad V, c:', ok(g_par(3), sum(np.outer(q[t],H[t]) for t in range(1,T+1))), ok(g_par(4), sum(q[t] for t in range(1,T+1))))
gX = g_par(5); print('grad x_t = W^T abar_t:', all(ok(gX[t], W.T@ab[t]) for t in range(1,T+1)))
