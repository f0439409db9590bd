# Finite-difference checks for cn_coursera_rnn_bptt.md (Coursera-style column layout, batch m)
import numpy as np
rng = np.random.default_rng(0)
nx, na, ny, m, T = 2, 3, 4, 2, 4
P = {k: rng.normal(size=s)*0.6 for k, s in dict(Wax=(na,nx), Waa=(na,na), Wya=(ny,na), ba=(na,1), by=(ny,1)).items()}
X = rng.normal(size=(nx, m, T)); a0 = rng.normal(size=(na, m))*0.5
Y = np.zeros((ny, m, T)); 
for t in range(T):
    Y[rng.integers(ny, size=m), np.arange(m), t] = 1
def softmax(o): e = np.exp(o - o.max(0)); return e/e.sum(0)
def fwd(P, a0=a0, X=X, extra=None):
    a = a0; A=[a0]; Yh=[]; J=0; Jt=[]
    for t in range(T):
        a = np.tanh(P['Waa']@a + P['Wax']@X[:,:,t] + P['ba'])            # (1.1)
        if extra is not None and t in extra: a = a + extra[t]
        o = P['Wya']@a + P['by']                                           # (1.5)
        yh = softmax(o)                                                    # (1.4)
        jt = -(Y[:,:,t]*np.log(yh)).sum()                                  # (1.8), summed over batch
        A.append(a); Yh.append(yh); Jt.append(jt); J += jt
    return J, A, Yh, Jt
def num_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]; x[i] = old+eps; fp = f(); x[i] = old-eps; fm = f(); x[i] = old; g[i] = (fp-fm)/(2*eps)
    return g
J, A, Yh, Jt = fwd(P)
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
# (1.10), (1.11)
gWya = num_grad(lambda: fwd(P)[0], P['Wya']); gby = num_grad(lambda: fwd(P)[0], P['by'])
print('1.10', ok(gWya, sum((Yh[t]-Y[:,:,t])@A[t+1].T for t in range(T))))
print('1.11', ok(gby, sum((Yh[t]-Y[:,:,t]).sum(1, keepdims=True) for t in range(T))))
# (1.9): dJ^t/do^t = yhat - y  (check at t=1 with a perturbation of o via by at that step only)
# total dJ/da^t by perturbing a^t
def dJda(t):
    g = np.zeros((na, m))
    for i in np.ndindex(g.shape):
        for s, sgn in ((1e-6,1),(-1e-6,-1)):
            E = np.zeros((na,m)); E[i] = s
            g[i] += sgn*fwd(P, extra={t-1:E})[0]
    return g/2e-6
da = {t: dJda(t) for t in range(1, T+1)}
own = {t: P['Wya'].T@(Yh[t-1]-Y[:,:,t-1]) for t in range(1, T+1)}   # dJ^t/do^t * do^t/da^t (column form)
# correct recursion: dJ/da^t = W_aa^T[(1-a^{t+1}^2) * dJ/da^{t+1}] + own_t
for t in range(1, T):
    rec = P['Waa'].T@((1-A[t+1]**2)*da[t+1]) + own[t]
    print('total recursion t=%d' % t, ok(da[t], rec), ' (1.17) as written (J^t has no a^{t+1} path, first term 0):', ok(own[t], da[t]))
print('(1.18) own_T (correct) vs total', ok(own[T], da[T]), '; (1.18) as written do/da = W_ya (no dJ/do factor):', P['Wya'].shape, 'vs', da[T].shape)
# (1.16): dJ/dWaa = sum_t sum_k dJ^t/da^t (prod) da^k/dWaa (immediate)  == sum_k [(1-a_k^2)*dJ/da^k] a_{k-1}^T
gWaa = num_grad(lambda: fwd(P)[0], P['Waa']); gWax = num_grad(lambda: fwd(P)[0], P['Wax']); gba = num_grad(lambda: fwd(P)[0], P['ba'])
print('1.16 (Waa)', ok(gWaa, sum(((1-A[k]**2)*da[k])@A[k-1].T for k in range(1, T+1))))
print('1.16 (Wax)', ok(gWax, sum(((1-A[k]**2)*da[k])@X[:,:,k-1].T for k in range(1, T+1))))
# (1.20)-(1.24) read against the code's dWax etc. with da_next: they hold only if da_next = 1
t = 2; dn = da[t]; d = (1-A[t]**2)*dn
print('1.20 author (1-a^2)x^T == code dWax (da_next*(1-a^2))x^T ?', ok((1-A[t]**2)@X[:,:,t-1].T, d@X[:,:,t-1].T))
print('1.20 author == grad of sum(a^t) wrt Wax (immediate)?', ok((1-A[t]**2)@X[:,:,t-1].T, (1-A[t]**2)@X[:,:,t-1].T))
print('1.22 RHS shape', (1-A[t]**2).shape, 'vs db shape', P['ba'].shape)
# Jacobian da^t/da^{t-1} for one sample: diag(1-a^2) Waa ; author W_aa^T . (1-a^2) is a vector
print('1.24 author RHS shape (one sample)', (P['Waa'].T@(1-A[t][:,:1]**2)).shape, 'Jacobian shape', (na, na))
# (1.19), last row: d a^i / d a^{i-1} = diag(1-a_i^2) Waa
x = 0.37; print('1.19', abs((np.tanh(x+1e-6)-np.tanh(x-1e-6))/2e-6 - (1-np.tanh(x)**2)) < 1e-8)
# (1.12) dAB/dA = B^T only as d tr(AB)/dA
Am = rng.normal(size=(2,3)); B = rng.normal(size=(3,2))
g = num_grad(lambda: np.trace(Am@B), Am); print('1.12 holds for tr(AB):', ok(g, B.T), '; Jacobian of AB wrt A has shape', (2,2,2,3))
