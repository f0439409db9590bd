# Finite-difference check of dda3020_l11_rnn_bptt_zh.md (numpy only).
# Forward (L7-8): h_t = tanh(Whh h_{t-1} + Wxh x_t + b_h), yhat_t = Why h_t + b_y, column vectors.
# Cost (L24): E = (1/T) sum_t L_t ; for the test L_t = 0.5*||yhat_t - y_t||^2.
import numpy as np
rng = np.random.default_rng(1)
d, nx, ny, T = 4, 3, 2, 5
Whh = rng.normal(size=(d,d))*0.6; Wxh = rng.normal(size=(d,nx)); Why = rng.normal(size=(ny,d))
bh = rng.normal(size=d); by = rng.normal(size=ny)
X = rng.normal(size=(T,nx)); Y = rng.normal(size=(T,ny)); h0 = rng.normal(size=d)
def run(Whh):
    hs=[h0]; a=[None]
    for t in range(T):
        a.append(Whh@hs[-1]+Wxh@X[t]+bh); hs.append(np.tanh(a[-1]))
    Ls=[0.5*np.sum((Why@hs[t]+by-Y[t-1])**2) for t in range(1,T+1)]
    return hs,a,Ls
def E(Whh): return np.mean(run(Whh)[2])
def num(f, A, eps=1e-6):
    g=np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o=A[i]; A[i]=o+eps; p=f(); A[i]=o-eps; q=f(); A[i]=o; g[i]=(p-q)/(2*eps)
    return g
def rep(name,v,r):
    err=np.max(np.abs(v-r))/(np.max(np.abs(r))+1e-12); print(f"{name:70s} rel.err {err:9.2e} -> {'agrees' if err<1e-5 else 'DISAGREES'}")
hs,a,Ls=run(Whh)
dE = num(lambda: E(Whh), Whh)
dLt = [num(lambda t=t: run(Whh)[2][t-1], Whh) for t in range(1,T+1)]
rep("L34 dE/dWhh = sum_t dL_t/dWhh (E has the 1/T of L24)", sum(dLt), dE)
rep("    (same sum times 1/T, for comparison)", sum(dLt)/T, dE)
# L38: dL_t/dWhh = sum_k dL_t/dh_t (prod_{j=k+1}^t dh_j/dh_{j-1}) dh_k/dWhh  with true Jacobians J_j = diag(1-h_j^2) Whh
def jac(j): return np.diag(1-hs[j]**2)@Whh
for t in [T, 3]:
    g=np.zeros((d,d)); gLh = (Why@hs[t]+by-Y[t-1])@Why        # row vector dL_t/dh_t
    for k in range(1,t+1):
        P=np.eye(d)
        for j in range(t,k,-1): P=P@jac(j)                       # dh_t/dh_k = J_t ... J_{k+1}
        v=gLh@P                                                  # dL_t/dh_k (row)
        g+=np.outer(v*(1-hs[k]**2), hs[k-1])                     # immediate dh_k/dWhh contracted
    rep(f"L38 chain-rule sum for dL_{t}/dWhh (true Jacobians)", g, dLt[t-1])
# L40: dh_j/dh_{j-1} = Whh^T diag(tanh'(h_{j-1}))
j=3
Jnum=np.zeros((d,d))
for i in range(d):
    e=np.zeros(d); e[i]=1e-6
    Jnum[:,i]=(np.tanh(Whh@(hs[j-1]+e)+Wxh@X[j-1]+bh)-np.tanh(Whh@(hs[j-1]-e)+Wxh@X[j-1]+bh))/2e-6
rep("L40 Whh^T diag(tanh'(h_{j-1})) vs Jacobian dh_j/dh_{j-1}", Whh.T@np.diag(1-np.tanh(hs[j-1])**2), Jnum)
rep("L40 ... vs its transpose (denominator layout)", Whh.T@np.diag(1-np.tanh(hs[j-1])**2), Jnum.T)
rep("L40 read as Whh^T diag(1-h_{j-1}^2) vs transpose", Whh.T@np.diag(1-hs[j-1]**2), Jnum.T)
rep("L47 Whh^T diag(tanh'(a_j)) (argument left as (.)) vs transpose", Whh.T@np.diag(1-hs[j]**2), Jnum.T)
# L69: dC_t/dC_{t-1} = f_t for the LSTM forward of L55-60
nh=3; W={k:rng.normal(size=(nh,nh+nx)) for k in "fiCo"}; b={k:rng.normal(size=nh) for k in "fiCo"}
sg=lambda u:1/(1+np.exp(-u)); hp=rng.normal(size=nh); Cp=rng.normal(size=nh); xt=rng.normal(size=nx)
def cell(Cp):
    z=np.concatenate([hp,xt]); f=sg(W["f"]@z+b["f"]); i=sg(W["i"]@z+b["i"]); Ct=np.tanh(W["C"]@z+b["C"])
    C=f*Cp+i*Ct; return C,f
C,f=cell(Cp); Jc=np.zeros((nh,nh))
for i in range(nh):
    e=np.zeros(nh); e[i]=1e-6; Jc[:,i]=(cell(Cp+e)[0]-cell(Cp-e)[0])/2e-6
rep("L69 dC_t/dC_{t-1} = f_t (as diag)", np.diag(f), Jc)
