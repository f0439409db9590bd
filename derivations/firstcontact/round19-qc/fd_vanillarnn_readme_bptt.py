# FD checks for vanillarnn_readme_bptt.md (column vectors, a_raw = Waa a_prev + Wax x + ba, a = tanh(a_raw),
# y = Wya a + by, yhat = softmax(y), L = sum_t -log yhat_t[label_t])
import numpy as np
rng = np.random.default_rng(3)
nx, na, ny, T = 2, 3, 4, 4
Waa = rng.normal(size=(na,na))*0.7; Wax = rng.normal(size=(na,nx)); Wya = rng.normal(size=(ny,na))
ba = rng.normal(size=na); by = rng.normal(size=ny); X = rng.normal(size=(T+1,nx)); a0 = rng.normal(size=na)*0.3
lab = rng.integers(ny, size=T+1)
sm = lambda v: np.exp(v-v.max())/np.exp(v-v.max()).sum()
def run(pert=None):
    a = a0.copy(); A={0:a}; R={}; Yl={}; L=0
    for t in range(1,T+1):
        r = Waa@a + Wax@X[t] + ba
        if pert and pert[0]=='raw' and pert[1]==t: r = r + pert[2]
        a = np.tanh(r)
        if pert and pert[0]=='a' and pert[1]==t: a = a + pert[2]
        y = Wya@a + by
        if pert and pert[0]=='y' and pert[1]==t: y = y + pert[2]
        L += -np.log(sm(y)[lab[t]]); A[t]=a; R[t]=r; Yl[t]=y
    return L, A, R, Yl
L, A, R, Yl = run()
def g(kind, t, n):
    out=np.zeros(n)
    for i in range(n):
        e=np.zeros(n); e[i]=1e-6; out[i]=(run((kind,t,e))[0]-run((kind,t,-e))[0])/2e-6
    return out
ok=lambda p,q: np.allclose(p,q,atol=1e-6)
# sections 4-5: l = -log s_m, dl/ds_m = -1/s_m, dl/dy_j = s_j - [j==m]
y = rng.normal(size=ny); m = 2; s = sm(y)
num = np.array([(-np.log(sm(y+e)[m]) + np.log(sm(y-e)[m]))/2e-6 for e in np.eye(ny)*1e-6])
print('dl/dy_j cases (s_m - 1 at j=m, s_j else):', ok(num, s - np.eye(ny)[m]))
print('ds_m/dy_j = s_m(1-s_j) at j=m, -s_m s_j else:', ok(np.array([(sm(y+e)[m]-sm(y-e)[m])/2e-6 for e in np.eye(ny)*1e-6]), np.where(np.arange(ny)==m, s[m]*(1-s), -s[m]*s)))
dy = {t: g('y',t,ny) for t in range(1,T+1)}; da = {t: g('a',t,na) for t in range(1,T+1)}; draw = {t: g('raw',t,na) for t in range(1,T+1)}
print('dL/dy^t = yhat - onehot:', all(ok(dy[t], sm(Yl[t]) - np.eye(ny)[lab[t]]) for t in range(1,T+1)))
t = 2
print('line 127 as written (W_aa^T dL/da_next, a_next = a<t+1>):', ok(da[t], Wya.T@dy[t] + Waa.T@da[t+1]))
print('line 127 corrected (W_aa^T dL/da_raw<t+1>):', ok(da[t], Wya.T@dy[t] + Waa.T@draw[t+1]))
print('line 131 dL/da_raw = dL/da * (1-a^2) (elementwise):', all(ok(draw[t], da[t]*(1-A[t]**2)) for t in range(1,T+1)))
# per-step weight gradients sum to totals (lines 118, 137, 139)
def gp(Wname):
    global Waa, Wax, Wya
    Wm = {'Waa':Waa,'Wax':Wax,'Wya':Wya}[Wname]; G=np.zeros_like(Wm)
    for i in np.ndindex(Wm.shape):
        o=Wm[i]; Wm[i]=o+1e-6; lp=run()[0]; Wm[i]=o-1e-6; lm=run()[0]; Wm[i]=o; G[i]=(lp-lm)/2e-6
    return G
print('sum_t step dWya:', ok(gp('Wya'), sum(np.outer(dy[t],A[t]) for t in range(1,T+1))))
print('sum_t step dWaa:', ok(gp('Waa'), sum(np.outer(draw[t],A[t-1]) for t in range(1,T+1))))
print('sum_t step dWax:', ok(gp('Wax'), sum(np.outer(draw[t],X[t]) for t in range(1,T+1))))
# line 141: what step t sends to a<t-1> (recurrent path); total adds the output path
print('line 141 + output path = total dL/da<t-1>:', ok(da[t-1], Waa.T@draw[t] + Wya.T@dy[t-1]))
# section 6 generic rules for y = W x with L = r . y
W_ = rng.normal(size=(3,2)); x_ = rng.normal(size=2); r_ = rng.normal(size=3)
gW = np.array([[ (r_@((W_+np.eye(3)[i][:,None]*np.eye(2)[j]*1e-6)@x_) - r_@((W_-np.eye(3)[i][:,None]*np.eye(2)[j]*1e-6)@x_))/2e-6 for j in range(2)] for i in range(3)])
print('dL/dW = dL/dy x^T, dL/dx = W^T dL/dy:', ok(gW, np.outer(r_, x_)), ok(np.array([(r_@W_@(x_+e)-r_@W_@(x_-e))/2e-6 for e in np.eye(2)*1e-6]), W_.T@r_))
